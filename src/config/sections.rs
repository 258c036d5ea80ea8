//! judging.toml's sections other than the rubric and the prizes: the event, the export, the
//! tracks, the rules, the merge, the assignments, the judges, feedback and sync, with the
//! defaults a file that leaves them out takes.
//!
//! Each `Default` impl here is the one home of its section's defaults: judging.toml only shows
//! them, on lines marked "(the default)" that a test checks against these. A `Default` must never
//! read TOML (the built-in file included): `#[serde(default)]` calls it while a file is read.

use serde::Deserialize;

use crate::merge::{MethodName, TrimBy};
use crate::model::Params;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub name: String,
    /// When entries had to be final: a time with its offset, `2026-06-30T23:59:59Z` or
    /// `2026-07-01T01:59:59+02:00`, or a date for the end of that day in UTC. A Space the Hub
    /// says changed after it is shown to the head judge.
    #[serde(default)]
    pub deadline: Option<String>,
}

impl Event {
    /// The deadline as a moment; `None` without one (a deadline that is not a real date or
    /// time never gets this far: `parse` refuses it with its line).
    pub fn deadline_at(&self) -> Option<jiff::Timestamp> {
        crate::when::deadline(self.deadline.as_deref()?).ok()
    }

    /// Whether the Hub's time of a change (`2026-07-01T10:00:00.000Z`, any offset) is after the
    /// deadline. A time that cannot be read says nothing.
    pub fn after_deadline(&self, changed_at: &str) -> bool {
        let changed = crate::when::instant(changed_at);
        self.deadline_at().zip(changed.ok()).is_some_and(|(deadline, changed)| changed > deadline)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExportConfig {
    pub source: String,
    pub format: Format,
    pub delimiter: String,
    pub max_field_chars: usize,
    pub timeout_secs: u64,
    /// The largest export, file or URL, in MiB: far above any hackathon's, far below a memory
    /// problem.
    pub max_mb: u64,
    pub columns: Columns,
}

impl Default for ExportConfig {
    fn default() -> Self {
        ExportConfig {
            source: "builtin:sample".into(),
            format: Format::Auto,
            delimiter: ",".into(),
            max_field_chars: 20_000,
            timeout_secs: 30,
            max_mb: 256,
            columns: Columns::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Auto,
    Csv,
    Json,
    Devpost,
}

/// Column names for each field. `None` means the format's own default: the names in judging.toml
/// for csv and json, Devpost's headers for devpost.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub id: Option<String>,
    pub title: Option<String>,
    pub team: Option<String>,
    pub members: Option<String>,
    pub space: Option<String>,
    pub video: Option<String>,
    pub post: Option<String>,
    pub description: Option<String>,
    pub track: Option<String>,
    pub tags: Option<String>,
    pub models: Option<String>,
    pub params: Option<String>,
    pub sdk: Option<String>,
    pub likes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The name every output gives a track, and the ranking of its entries: the track's `name` in
/// judging.toml, or its id where judging.toml names none ("overall", a track it does not list,
/// one named ""). The text is judging.toml's own: each output cleans or escapes it, as it does
/// a title.
pub fn track_name<'a>(tracks: &'a [Track], id: &'a str) -> &'a str {
    tracks.iter().find(|t| t.id == id).map(|t| t.name.as_str()).filter(|name| !name.trim().is_empty()).unwrap_or(id)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    /// The most parameters all of an entry's models may have together.
    pub max_params: Params,
    /// The Tiny Titan line the judge's Hub hints mark; the prize itself goes by its own
    /// `max_params`.
    pub tiny_titan_params: Params,
    /// The SDK every Space must use to win a prize ("gradio"); empty: not checked.
    pub sdk: String,
    /// Whether a prize needs a demo video, and a social post.
    pub require_video: bool,
    pub require_post: bool,
    /// Whether one entry may win more than one prize; a prize's `stacks` overrides it.
    pub several_prizes: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            max_params: Params(32_000_000_000),
            tiny_titan_params: Params(4_000_000_000),
            sdk: "gradio".into(),
            require_video: true,
            require_post: true,
            several_prizes: false,
        }
    }
}

/// How the head judge's merge ranks, so that every run of `judging merge` agrees.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MergeConfig {
    /// Entries with fewer judges are flagged thinly judged.
    pub min_judges: usize,
    /// What decides between entries of equal merged score, in turn: a criterion id (the higher
    /// merged score on it first), "judges" (more judges first) or "agreement" (the smaller gap
    /// between its judges' totals first). What they leave equal stays a tie for the jury.
    pub tie_breaks: Vec<String>,
    /// Whether every score file must be signed by a judge of judging.toml; on by itself as soon as
    /// one judge has a key.
    pub require_signatures: bool,
    /// An entry whose judges are this many rubric points apart or more beyond their habits (each
    /// judge's total less what their leniency and severity predict, highest less lowest) is
    /// contested: the jury should look at it again.
    pub contested_gap: f64,
    /// What a score given despite a declared conflict does: flagged and counted, or left out.
    pub conflicts: ConflictPolicy,
    /// The event's method: what `merge`, `results`, `feedback` and the board use unless
    /// `--method` says otherwise, so that every output of the event ranks alike.
    pub method: MethodName,
    /// With the trimmed method: how many highest and lowest marks are dropped.
    pub trim: usize,
    /// With the trimmed method: each judge's total, or each criterion on its own.
    pub trim_by: TrimBy,
    /// What the merge does with a judge whose marks moved through their judging time: say so,
    /// or also take the movement out before the fit.
    pub drift: DriftPolicy,
}

/// What the merge does with each judge's drift through the day (`merge.drift`): the drift is
/// reported either way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DriftPolicy {
    /// Reported beside each judge; their marks count as given.
    #[default]
    Report,
    /// Reported, and each large drift (sure, and large over the judge's time) subtracted from
    /// the judge's totals before the fit; a drift the marks cannot tell from none stays in.
    Correct,
}

impl MergeConfig {
    /// The event's method, with its options.
    pub fn method(&self) -> crate::merge::Method {
        crate::merge::Method::named(self.method, self.trim, self.trim_by)
    }
}

/// What the merge does with a score from a judge whose `[[judges]]` entry declares a conflict
/// with the entry (`merge.conflicts`). Either way the entry is flagged and the score named.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictPolicy {
    /// Counted, and flagged for the jury.
    #[default]
    Flag,
    /// Left out of the merge, and said so.
    Exclude,
}

/// Two points: one judge's 2 beside another's 4 on a 1-5 rubric.
pub const CONTESTED_GAP: f64 = 2.0;

impl Default for MergeConfig {
    fn default() -> Self {
        MergeConfig {
            min_judges: 2,
            tie_breaks: Vec::new(),
            require_signatures: false,
            contested_gap: CONTESTED_GAP,
            conflicts: ConflictPolicy::Flag,
            method: MethodName::Calibrated,
            trim: 1,
            trim_by: TrimBy::Total,
            drift: DriftPolicy::Report,
        }
    }
}

/// What reaches the teams after the announcement.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedbackConfig {
    pub notes: FeedbackNotes,
}

/// Which notes teams read: none; the ones each judge marks for the team (`E` in the app, the
/// jury's own with `e`); or every note a judge writes (then `e` writes for the team too). Notes
/// for the jury never reach a team.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FeedbackNotes {
    Never,
    #[default]
    JudgeChooses,
    Always,
}

impl FeedbackNotes {
    /// Whom a note a judge writes is for: the team (`true`) or the jury, when they asked for the
    /// team's (`E`, `--team-note`, a `team_note` column) or the jury's. The one rule the app,
    /// `judging score` and `import-scores` follow. With "never", a note asked for the team is
    /// refused with the reason.
    pub fn for_team(self, asked_team: bool) -> Result<bool, &'static str> {
        match self {
            FeedbackNotes::Always => Ok(true),
            FeedbackNotes::Never if asked_team => Err(
                "judging.toml says no note reaches the teams ([feedback] notes = \"never\"): write it as the jury's note",
            ),
            FeedbackNotes::Never => Ok(false),
            FeedbackNotes::JudgeChooses => Ok(asked_team),
        }
    }
}

/// Where score files travel between the judges and the head judge.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyncConfig {
    /// A dataset repo on the Hub, `ORG/NAME`; empty: files travel by hand.
    pub repo: String,
}

impl SyncConfig {
    /// The repo, when one is set.
    pub fn repo(&self) -> Option<&str> {
        let r = self.repo.trim();
        (!r.is_empty()).then_some(r)
    }
}

/// How `judging assign` spreads the entries over the judges.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AssignConfig {
    /// Judges per entry, where conflicts and tracks allow.
    pub judges_per_entry: usize,
    /// Whether a judge with `tracks` judges only those tracks.
    pub keep_tracks: bool,
    /// The same seed gives the same assignment.
    pub seed: u64,
    /// Where the assignment is written and where the judges' app reads it, beside judging.toml.
    pub file: String,
    /// Entries every judge scores, first: they link every judge's habits to every other's.
    pub calibration: Vec<String>,
}

impl Default for AssignConfig {
    fn default() -> Self {
        AssignConfig {
            judges_per_entry: 3,
            keep_tracks: true,
            seed: 1,
            file: "assignments.toml".into(),
            calibration: Vec::new(),
        }
    }
}

/// The tie-breaks that are not a criterion.
pub const TIE_BREAKS: [&str; 2] = ["judges", "agreement"];

/// What decides between entries of equal merged score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak {
    /// The higher mean on this criterion (its index in the rubric) first.
    Criterion(usize),
    /// More judges first.
    Judges,
    /// The judges closer together first.
    Agreement,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judge {
    pub name: String,
    /// What this judge must not score: submission ids, teams, members, orgs or handles.
    #[serde(default)]
    pub conflicts: Vec<String>,
    /// The tracks this judge scores; empty means all.
    #[serde(default)]
    pub tracks: Vec<String>,
    /// The judge's public key (`ed25519:…`, as `judging key` prints it): their score files must
    /// be signed by its private half, which never leaves their machine. Safe to share.
    #[serde(default)]
    pub public_key: Option<String>,
    /// A secret the head judge gave this judge in earlier builds (HMAC-SHA256): files signed with
    /// it still verify. A secret: `judging sync init` never uploads it.
    #[serde(default)]
    pub key: Option<String>,
    /// Whether their marks count. A trainee (`counts = false`) scores like any judge and their
    /// file is checked like any other, but their marks never change a ranking, a chance or a
    /// prize: the merge shows them beside the others' and says how far they agree.
    #[serde(default = "counts_by_default")]
    pub counts: bool,
}

fn counts_by_default() -> bool {
    true
}

impl Judge {
    /// A judge listed by name alone, as `[[judges]] name = "…"` reads: no conflicts, every
    /// track, no key, their marks counting.
    pub fn named(name: &str) -> Judge {
        Judge {
            name: name.into(),
            conflicts: Vec::new(),
            tracks: Vec::new(),
            public_key: None,
            key: None,
            counts: counts_by_default(),
        }
    }
}

/// The finals round (`[finals]`): the top entries of a ranking compared side by side by the
/// judges, and the paid places taken from a model of those comparisons. Left out: no finals.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FinalsConfig {
    /// How many of each ranking's top entries go to the finals (entries tied at the last place
    /// all go).
    pub size: usize,
    /// The rankings that have finals: "overall" or track ids; empty, every ranking a prize pays
    /// places in.
    pub rankings: Vec<String>,
    /// The judges who compare: names from `[[judges]]`; empty, every judge. A judge is never
    /// shown a pair with an entry they have a conflict with.
    pub judges: Vec<String>,
    /// Where `judging merge --finals` publishes the finalists, beside judging.toml.
    pub file: String,
}

/// The fewest and the most finalists a ranking may have: two make one pair; thirty make 435
/// pairs, as many as a panel can compare in an afternoon.
pub const FINALISTS: (usize, usize) = (2, 30);

impl Default for FinalsConfig {
    fn default() -> Self {
        FinalsConfig { size: 6, rankings: Vec::new(), judges: Vec::new(), file: "finals.toml".into() }
    }
}
