//! judging.toml: the event, its export, rubric, tracks, rules and judges.
//!
//! The judging.toml at the repository root is built into the binary. A user's file that leaves
//! out the event or the rubric takes them from it, and so does one for the built-in event that
//! leaves out the tracks (another event's file without tracks has none); other sections left out take the
//! defaults below, which differ from the built-in event only where a built-in value would name
//! what another event may not have (its `utility` tie-break) or is the sample's own choice. The
//! README's reference lists both. Unknown keys are errors, so a typo never silently does nothing.
//! Pure: reading the file is `event_files`'s job.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Criterion, Params, same_name};
use crate::sanitize::clean_line;

mod prizes;
mod travel;
pub use prizes::{OVERALL, Prize, PrizeBy, ResultsConfig};
pub use travel::{is_file_source, path_problem, without_secrets};

/// The built-in event: the repository's judging.toml.
pub const BUILTIN: &str = include_str!("../../judging.toml");

/// The exports built into the binary beside the built-in event, so a first run needs no network.
pub const BUILTIN_EXPORTS: &[(&str, &str)] = &[
    ("builtin:sample", include_str!("../../assets/sample-export.csv")),
    ("builtin:sample-v2", include_str!("../../assets/sample-export-v2.csv")),
];

/// A built-in export's text, by its name (`builtin:sample`).
pub fn builtin_export(name: &str) -> Option<&'static str> {
    BUILTIN_EXPORTS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "builtin_event")]
    pub event: Event,
    #[serde(default)]
    pub export: ExportConfig,
    #[serde(default = "builtin_criteria")]
    pub criteria: Vec<Criterion>,
    #[serde(default = "builtin_tracks")]
    pub tracks: Vec<Track>,
    #[serde(default)]
    pub rules: Rules,
    #[serde(default)]
    pub merge: MergeConfig,
    /// Left out: no prizes (the built-in ones name the built-in tracks).
    #[serde(default)]
    pub prizes: Vec<Prize>,
    #[serde(default)]
    pub results: ResultsConfig,
    #[serde(default)]
    pub assign: AssignConfig,
    #[serde(default)]
    pub judges: Vec<Judge>,
    /// Where the judges' score files travel: a dataset repo on the Hub.
    #[serde(default)]
    pub sync: SyncConfig,
    /// What of the judges' notes reaches the teams.
    #[serde(default)]
    pub feedback: FeedbackConfig,
    /// Not read: judging.toml is shared between judges, and a shared file must not name a program
    /// for every judge to run. Earlier builds read it; files that still have it load, and
    /// `judging check` says to set `$BROWSER` instead.
    #[serde(default)]
    pub browser: Option<String>,
}

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
    /// An entry whose judges' totals are this many rubric points apart or more (highest less
    /// lowest) is contested: the jury should look at it again.
    pub contested_gap: f64,
}

/// Two points: one judge's 2 beside another's 4 on a 1-5 rubric.
pub const CONTESTED_GAP: f64 = 2.0;

impl Default for MergeConfig {
    fn default() -> Self {
        MergeConfig { min_judges: 2, tie_breaks: Vec::new(), require_signatures: false, contested_gap: CONTESTED_GAP }
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
}

fn builtin() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    // The built-in file is checked by a test; it names every section these defaults read, so
    // parsing it never calls back into them.
    CONFIG.get_or_init(|| toml::from_str(BUILTIN).expect("the built-in judging.toml parses"))
}

fn builtin_event() -> Event {
    builtin().event.clone()
}

fn builtin_criteria() -> Vec<Criterion> {
    builtin().criteria.clone()
}

fn builtin_tracks() -> Vec<Track> {
    builtin().tracks.clone()
}

/// A score that the rubric does not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("{given:?} is not a criterion; the rubric has {known}")]
    Criterion { given: String, known: String },
    #[error("{criterion} = {given:?}: {criterion} takes a whole number from {low} to {high}")]
    Value { criterion: String, given: String, low: u8, high: u8 },
    #[error("{criterion} does not judge entries in {track}; their rubric is {rubric}")]
    OffRubric { criterion: String, track: String, rubric: String },
}

/// A judging.toml text that cannot be used: its syntax (with line and column), or every problem
/// beyond its syntax, each naming its key, quoting its value and saying what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("{0}")]
    Syntax(String),
    #[error("{} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
}

/// The sections of judging.toml.
const SECTIONS: [&str; 13] = [
    "event", "export", "criteria", "tracks", "rules", "merge", "prizes", "results", "assign", "judges", "sync",
    "feedback", "browser",
];

/// Parses and validates a judging.toml text. Every problem is found, not the first only: each
/// section is read on its own, and the sections that read are checked together.
pub fn parse(text: &str) -> Result<Config, ParseError> {
    let syntax = |mut e: toml::de::Error| {
        e.set_input(Some(text));
        ParseError::Syntax(e.to_string())
    };
    let document = toml::de::DeTable::parse(text).map_err(syntax)?;
    let mut table: toml::Table = toml::from_str(text).map_err(syntax)?;
    let mut problems = Vec::new();
    for (key, value) in document.get_ref() {
        let name: &str = key.get_ref();
        let read = match name {
            "event" => fits::<Event>(value),
            "export" => fits::<ExportConfig>(value),
            "criteria" => fits::<Vec<Criterion>>(value),
            "tracks" => fits::<Vec<Track>>(value),
            "rules" => fits::<Rules>(value),
            "merge" => fits::<MergeConfig>(value),
            "prizes" => fits::<Vec<Prize>>(value),
            "results" => fits::<ResultsConfig>(value),
            "assign" => fits::<AssignConfig>(value),
            "judges" => fits::<Vec<Judge>>(value),
            "sync" => fits::<SyncConfig>(value),
            "feedback" => fits::<FeedbackConfig>(value),
            "browser" => fits::<Option<String>>(value),
            other => {
                let known: Vec<String> = SECTIONS.iter().map(|s| format!("`{s}`")).collect();
                let message = format!("unknown field `{other}`, expected one of {}", known.join(", "));
                Err((key.span().start, message))
            }
        };
        if let Err((at, message)) = read {
            problems.push((at, located(text, at, &message)));
            table.remove(name);
        }
    }
    problems.extend(deadline_problem(document.get_ref(), text));
    // In the file's order, as its author reads it.
    problems.sort_by_key(|(at, _)| *at);
    let mut problems: Vec<String> = problems.into_iter().map(|(_, p)| p).collect();
    // What is left reads whole: the bad sections take their defaults, so the checks across
    // sections still find their own problems.
    let mut config = Config::deserialize(table).map_err(|e| ParseError::Syntax(e.to_string()))?;
    // The built-in tracks are Build Small's: a file for another event that names none has none,
    // rather than two it never meant (and a warning on every row of its export).
    if !document.get_ref().contains_key("tracks") && config.event.id != builtin().event.id {
        config.tracks.clear();
    }
    problems.extend(config.problems());
    if problems.is_empty() { Ok(config) } else { Err(ParseError::Invalid(problems)) }
}

/// `event.deadline` read as a real date or time: what is wrong with it, at its line.
fn deadline_problem(document: &toml::de::DeTable, text: &str) -> Option<(usize, String)> {
    let toml::de::DeValue::Table(event) = document.get("event")?.get_ref() else { return None };
    let value = event.get("deadline")?;
    let toml::de::DeValue::String(deadline) = value.get_ref() else { return None };
    let reason = crate::when::deadline(deadline).err()?;
    let at = value.span().start;
    Some((at, located(text, at, &format!("event.deadline = {:?}: {reason}", clean_line(deadline)))))
}

/// Whether a section reads as `T`; else where (a byte offset) and why not.
fn fits<'de, T: Deserialize<'de>>(value: &toml::Spanned<toml::de::DeValue<'de>>) -> Result<(), (usize, String)> {
    use serde::de::IntoDeserializer;
    let start = value.span().start;
    T::deserialize(value.clone().into_deserializer())
        .map(|_| ())
        .map_err(|e| (e.span().map_or(start, |s| s.start), e.message().to_owned()))
}

/// A problem at a byte offset of the text, with its line number and the line itself quoted.
fn located(text: &str, at: usize, message: &str) -> String {
    let at = at.min(text.len());
    let line = text[..at].matches('\n').count() + 1;
    let source = text.lines().nth(line - 1).unwrap_or("").trim();
    format!("line {line} (`{}`): {message}", clean_line(source))
}

impl Config {
    pub fn builtin() -> Config {
        builtin().clone()
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The rubric of an entry in `track`: the criteria that judge it, in the rubric's order.
    pub fn rubric(&self, track: Option<&str>) -> Vec<Criterion> {
        self.criteria.iter().filter(|c| c.judges_track(track)).cloned().collect()
    }

    /// Whether some criterion judges some tracks only: then each track has a rubric of its own.
    pub fn per_track(&self) -> bool {
        self.criteria.iter().any(|c| !c.tracks.is_empty())
    }

    /// The criteria every track shares, which the overall ranking compares entries on.
    pub fn shared_criteria(&self) -> Vec<Criterion> {
        let everywhere = |c: &Criterion| c.tracks.is_empty() || self.tracks.iter().all(|t| c.tracks.contains(&t.id));
        self.criteria.iter().filter(|c| everywhere(c)).cloned().collect()
    }

    /// Finds the track an export's value names, by id, name or alias, ignoring case.
    pub fn track_for(&self, value: &str) -> Option<&Track> {
        let value = value.trim();
        self.tracks.iter().find(|t| {
            t.id.eq_ignore_ascii_case(value)
                || t.name.eq_ignore_ascii_case(value)
                || t.aliases.iter().any(|a| a.eq_ignore_ascii_case(value))
        })
    }

    /// Every problem the file has beyond its syntax, each naming its key and quoting its value.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !is_slug(&self.event.id) {
            out.push(format!(
                "event.id = {:?}: use letters, digits, '-', '_' or '.', starting with a letter or digit, such as \"build-small-2026\"",
                self.event.id
            ));
        }
        if let Some(repo) = self.sync.repo() {
            let parts: Vec<&str> = repo.split('/').collect();
            if parts.len() != 2 || parts.iter().any(|p| !is_slug(p)) {
                out.push(format!(
                    "sync.repo = {:?}: write the dataset repo as ORG/NAME, such as \"my-judges/build-small-scores\"",
                    clean_line(repo)
                ));
            }
        }
        if self.event.name.trim().is_empty() {
            out.push("event.name is empty: give the event's name, such as \"Build Small Hackathon\"".into());
        }
        self.export_problems(&mut out);
        self.rubric_problems(&mut out);
        unique(&mut out, "tracks", self.tracks.iter().map(|t| t.id.as_str()), str::to_owned);
        for (i, t) in self.tracks.iter().enumerate() {
            if !is_slug(&t.id) {
                out.push(format!("tracks[{i}].id = {:?}: use letters, digits, '-' or '_', such as \"backyard\"", t.id));
            }
        }
        for (i, key) in self.merge.tie_breaks.iter().enumerate() {
            if let Err(e) = self.tie_break(key) {
                out.push(format!("merge.tie_breaks[{i}] = {key:?}: {e}"));
            }
        }
        let mut calibration = std::collections::HashSet::new();
        for id in &self.assign.calibration {
            if !calibration.insert(id.as_str()) {
                out.push(format!("assign.calibration names {:?} twice: list each entry once", clean_line(id)));
            }
        }
        if !(self.merge.contested_gap.is_finite() && self.merge.contested_gap > 0.0) {
            out.push(format!(
                "merge.contested_gap = {}: give the points apart (highest less lowest total) that make an entry contested, more than 0, such as {CONTESTED_GAP}",
                self.merge.contested_gap
            ));
        }
        if self.assign.judges_per_entry == 0 {
            out.push("assign.judges_per_entry = 0: use 1 or more, such as 3".into());
        }
        if self.assign.file.trim().is_empty() {
            out.push("assign.file is empty: name the assignments file, such as \"assignments.toml\"".into());
        }
        if self.merge.min_judges == 0 {
            out.push("merge.min_judges = 0: use 1 or more, such as 2".into());
        }
        self.prize_problems(&mut out);
        travel::problems(self, &mut out);
        unique(&mut out, "judges", self.judges.iter().map(|j| j.name.as_str()), crate::model::name_key);
        for (i, j) in self.judges.iter().enumerate() {
            if j.name.trim().is_empty() {
                out.push(format!("judges[{i}].name is empty: give the judge's name"));
            }
            if j.key.as_ref().is_some_and(|k| k.chars().count() < 16) {
                out.push(format!("judges[{i}].key is too short to be a secret: use 16 characters or more"));
            }
            for t in &j.tracks {
                if self.tracks.iter().all(|known| &known.id != t) {
                    out.push(format!("judges[{i}].tracks: {t:?} is not a track; known tracks: {}", self.track_ids()));
                }
            }
        }
        out
    }

    /// What a tie-break key means: a criterion of the rubric, or one of [`TIE_BREAKS`].
    pub fn tie_break(&self, key: &str) -> Result<TieBreak, String> {
        match key {
            "judges" => Ok(TieBreak::Judges),
            "agreement" => Ok(TieBreak::Agreement),
            criterion => {
                self.criteria.iter().position(|c| c.id == criterion).map(TieBreak::Criterion).ok_or_else(|| {
                    let known: Vec<&str> = self.criteria.iter().map(|c| c.id.as_str()).chain(TIE_BREAKS).collect();
                    format!("not a tie-break; use one of {}", known.join(", "))
                })
            }
        }
    }

    fn export_problems(&self, out: &mut Vec<String>) {
        let e = &self.export;
        if e.source.trim().is_empty() {
            out.push("export.source is empty: give a file path, an http(s) URL or \"builtin:sample\"".into());
        } else if e.source.starts_with("builtin:") && builtin_export(&e.source).is_none() {
            out.push(format!(
                "export.source = {:?}: no such built-in export; there are {}",
                e.source,
                BUILTIN_EXPORTS.iter().map(|(n, _)| format!("{n:?}")).collect::<Vec<_>>().join(", ")
            ));
        }
        if e.delimiter.chars().count() != 1 || !e.delimiter.is_ascii() || e.delimiter == "\"" {
            out.push(format!(
                "export.delimiter = {:?}: use one ASCII character other than a quote, such as \",\", \";\" or \"\\t\"",
                e.delimiter
            ));
        }
        if e.max_field_chars < 100 {
            out.push(format!("export.max_field_chars = {}: use at least 100", e.max_field_chars));
        }
        if e.max_mb == 0 {
            out.push("export.max_mb = 0: use a number of MiB from 1 up, such as 256".into());
        }
        if e.timeout_secs == 0 {
            out.push("export.timeout_secs = 0: use a number of seconds from 1 up".into());
        }
    }

    fn rubric_problems(&self, out: &mut Vec<String>) {
        if self.criteria.is_empty() {
            out.push("criteria is empty: the rubric needs at least one [[criteria]]".into());
        }
        unique(out, "criteria", self.criteria.iter().map(|c| c.id.as_str()), str::to_owned);
        for (i, c) in self.criteria.iter().enumerate() {
            let key = format!("criteria[{i}] ({:?})", c.id);
            if !is_slug(&c.id) {
                out.push(format!("{key}.id: use letters, digits, '-' or '_', such as \"utility\""));
            }
            if c.label.trim().is_empty() {
                out.push(format!("{key}.label is empty: give the name judges see, such as \"Utility\""));
            }
            // Far above any rubric's weights, far below where totals overflow into NaN.
            if !(c.weight.is_finite() && c.weight > 0.0 && c.weight <= 1_000_000.0) {
                out.push(format!("{key}.weight = {}: use a number above 0 and at most 1000000, such as 1.0", c.weight));
            }
            for (l, level) in c.levels.iter().enumerate() {
                if let Some([from, to]) =
                    level.seconds.filter(|[from, to]| *from < 0.0 || from > to || from.is_nan() || to.is_nan())
                {
                    out.push(format!(
                        "{key}.levels[{l}].seconds = [{from}, {to}]: write [from, to] with 0 <= from <= to, such as [1, 5] (inf for no upper end)"
                    ));
                }
            }
            for t in c.tracks.iter().filter(|t| self.tracks.iter().all(|k| k.id != **t)) {
                out.push(format!(
                    "{key}.tracks: {:?} is not a track; the tracks are {}",
                    clean_line(t),
                    if self.tracks.is_empty() {
                        "none (this event has no [[tracks]])".to_owned()
                    } else {
                        self.track_ids()
                    }
                ));
            }
            level_problems(c, &key, out);
        }
    }

    /// The judge judging.toml lists under this name: the one lookup of a judge, comparing names
    /// as [`same_name`] does (case, spaces and Unicode spelling do not count).
    pub fn judge(&self, name: &str) -> Option<&Judge> {
        self.judges.iter().find(|j| same_name(&j.name, name))
    }

    /// The size the judge's Tiny Titan hint marks: the smallest limit of a prize narrowed by size,
    /// so the hint says what that prize decides; `rules.tiny_titan_params` when no prize is.
    pub fn tiny_titan_limit(&self) -> u64 {
        self.prizes.iter().filter_map(|p| p.max_params).map(|p| p.0).min().unwrap_or(self.rules.tiny_titan_params.0)
    }

    /// Whether score files must be signed: asked for, or any judge has a key (a forger would
    /// otherwise just write a name without one).
    pub fn signatures_required(&self) -> bool {
        self.merge.require_signatures || self.judges.iter().any(|j| j.key.is_some() || j.public_key.is_some())
    }

    /// The signing key of a judge, if the head judge gave one.
    pub fn key_of(&self, judge: &str) -> Option<&str> {
        self.judge(judge).and_then(|j| j.key.as_deref())
    }

    /// Checks a score as typed (a key, a CLI argument, a sheet's cell) against the rubric: the
    /// one rule for the app, `judging score` and `judging import-scores`.
    pub fn check_score(&self, criterion: &str, raw: &str) -> Result<(&Criterion, u8), ScoreError> {
        let criterion = criterion.trim();
        let Some(c) = self.criterion(criterion) else {
            return Err(ScoreError::Criterion { given: clean_line(criterion), known: self.criterion_ids() });
        };
        Config::check_value(c, raw)
    }

    /// [`Config::check_score`] for an entry in `track`: the criterion must also be on its
    /// track's rubric.
    pub fn check_score_for(
        &self,
        track: Option<&str>,
        criterion: &str,
        raw: &str,
    ) -> Result<(&Criterion, u8), ScoreError> {
        let (c, value) = self.check_score(criterion, raw)?;
        if !c.judges_track(track) {
            let rubric: Vec<String> = self.rubric(track).into_iter().map(|c| c.id).collect();
            return Err(ScoreError::OffRubric {
                criterion: c.id.clone(),
                track: track.map_or_else(|| "no track".to_owned(), |t| format!("track {t}")),
                rubric: rubric.join(", "),
            });
        }
        Ok((c, value))
    }

    fn check_value<'c>(c: &'c Criterion, raw: &str) -> Result<(&'c Criterion, u8), ScoreError> {
        let raw = raw.trim();
        match raw.parse::<i64>() {
            Ok(v) if c.scale.contains(v) => Ok((c, u8::try_from(v).unwrap_or(c.scale.high))),
            _ => Err(ScoreError::Value {
                criterion: c.id.clone(),
                given: clean_line(raw),
                low: c.scale.low,
                high: c.scale.high,
            }),
        }
    }

    pub fn track_ids(&self) -> String {
        self.tracks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// A criterion's levels: none; one per value; or, each with `scores`, ranges that cover the
/// scale from its lowest value to its highest, in order, without a gap or an overlap.
fn level_problems(c: &Criterion, key: &str, out: &mut Vec<String>) {
    let (low, high) = (c.scale.low, c.scale.high);
    let ranged = c.levels.iter().filter(|l| l.scores.is_some()).count();
    if c.levels.is_empty() {
        return;
    }
    if ranged == 0 {
        if c.levels.len() != c.scale.levels() {
            out.push(format!(
                "{key}.levels has {} line(s), but scale [{low}, {high}] has {} levels: give one line per level, lowest first (on a long scale, give each line the values it covers: scores = [from, to]; or leave levels out)",
                c.levels.len(),
                c.scale.levels()
            ));
        }
        return;
    }
    if ranged < c.levels.len() {
        out.push(format!("{key}.levels: give every level its scores = [from, to], or none of them"));
        return;
    }
    let mut next = i64::from(low);
    for (l, level) in c.levels.iter().enumerate() {
        let [from, to] = level.scores.unwrap_or([0, 0]);
        if i64::from(from) != next || to < from || to > high {
            out.push(format!(
                "{key}.levels[{l}].scores = [{from}, {to}]: the levels' scores must cover [{low}, {high}] in order, each starting where the last ended (this one should start at {next}), lowest first"
            ));
            return;
        }
        next = i64::from(to) + 1;
    }
    if next != i64::from(high) + 1 {
        out.push(format!("{key}.levels: their scores end at {}, and the scale goes to {high}: cover it all", next - 1));
    }
}

/// Each of `ids` once, as `key` compares them: ids as written, judges' names as names.
fn unique<'a>(out: &mut Vec<String>, what: &str, ids: impl Iterator<Item = &'a str>, key: fn(&str) -> String) {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(key(id)) {
            out.push(format!("{what}: {id:?} appears twice; each must be unique"));
        }
    }
}

/// An id safe in file names and commands.
pub fn is_slug(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_event_is_valid_and_complete() {
        let c = parse(BUILTIN).expect("built-in judging.toml is valid");
        assert_eq!(c.event.id, "build-small-2026");
        let ids: Vec<_> = c.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["utility", "latency", "cost"]);
        assert_eq!(c.track_ids(), "backyard, wood");
        assert_eq!(c.rules.max_params, Params(32_000_000_000));
    }

    #[test]
    fn an_empty_file_is_the_builtin_event() {
        let c = parse("").expect("empty file uses the defaults");
        let builtin = parse(BUILTIN).expect("valid");
        assert_eq!(c.event, builtin.event);
        assert_eq!(c.criteria, builtin.criteria);
        assert_eq!(c.tracks, builtin.tracks);
        assert_eq!(c.export, ExportConfig::default());
        assert!(c.judges.is_empty());
    }

    #[test]
    fn scores_are_checked_against_the_rubric_in_one_place() {
        let c = Config::builtin();
        let cases: [(&str, &str, Result<u8, &str>); 8] = [
            ("utility", "4", Ok(4)),
            (" cost ", " 1 ", Ok(1)),
            ("latency", "5", Ok(5)),
            ("latency", "6", Err("latency = \"6\": latency takes a whole number from 1 to 5")),
            ("latency", "0", Err("from 1 to 5")),
            ("utility", "4.5", Err("utility = \"4.5\"")),
            ("utility", "", Err("a whole number")),
            ("vibes", "3", Err("\"vibes\" is not a criterion; the rubric has utility, latency, cost")),
        ];
        for (criterion, raw, want) in cases {
            match (c.check_score(criterion, raw), want) {
                (Ok((_, v)), Ok(w)) => assert_eq!(v, w, "{criterion}={raw}"),
                (Err(e), Err(w)) => assert!(e.to_string().contains(w), "{criterion}={raw}: {e}"),
                (got, want) => panic!("{criterion}={raw}: got {got:?}, wanted {want:?}"),
            }
        }
    }

    #[test]
    fn a_judge_is_found_however_their_name_is_typed() {
        let c = Config::builtin();
        for typed in ["mira", "Mira", " MIRA ", "mira\t"] {
            assert_eq!(c.judge(typed).map(|j| j.name.as_str()), Some("mira"), "{typed:?}");
        }
        assert!(c.judge("mir").is_none());
        let err = parse("[[judges]]\nname = \"Zoë\"\n[[judges]]\nname = \"zoe\u{308}\"").expect_err("one judge twice");
        assert!(err.to_string().contains("appears twice"), "{err}");
    }

    #[test]
    fn tracks_match_by_id_name_or_alias() {
        let c = Config::builtin();
        for value in ["backyard", "Backyard AI", "TRACK:BACKYARD", " backyard "] {
            assert_eq!(c.track_for(value).map(|t| t.id.as_str()), Some("backyard"), "{value}");
        }
        assert_eq!(c.track_for("wood").map(|t| t.id.as_str()), Some("wood"));
        assert!(c.track_for("forest").is_none());
    }

    #[test]
    fn a_deadline_with_an_offset_is_the_moment_it_names() {
        let event = |deadline: &str| {
            let text = format!("[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"{deadline}\"");
            parse(&text).unwrap_or_else(|e| panic!("{deadline}: {e}")).event
        };
        let paris = event("2026-07-01T01:59:59+02:00");
        assert!(!paris.after_deadline("2026-06-30T23:59:59.000Z"), "the deadline itself");
        assert!(paris.after_deadline("2026-07-01T00:00:00.000Z"));
        let day = event("2026-06-30");
        assert!(!day.after_deadline("2026-06-30T23:59:59.999Z"), "all of that day");
        assert!(day.after_deadline("2026-07-01T00:00:00Z"));
        assert!(day.after_deadline("2026-07-01T01:00:00+00:30"), "the Hub's time read with its offset");
        assert!(!day.after_deadline("2026-07-01T01:00:00+02:00"), "23:00 UTC on the 30th");
        assert!(!day.after_deadline("not a time"), "an unreadable time says nothing");
    }

    /// Each bad file, and words its error must contain: the key, the quoted value, what is valid.
    #[test]
    fn bad_files_name_the_key_and_what_would_be_valid() {
        let cases: &[(&str, &[&str])] = &[
            ("[event]\nid = \"x\"\nname = \"X\"\ncolour = \"red\"", &["unknown field `colour`", "expected"]),
            ("[exprot]\nsource = \"a.csv\"", &["unknown field `exprot`", "`export`"]),
            ("[export]\nformat = \"xml\"", &["unknown variant `xml`", "`csv`", "`devpost`"]),
            ("[export]\ndelimiter = \"::\"", &["export.delimiter = \"::\"", "one ASCII character"]),
            ("[export]\nsource = \"builtin:nope\"", &["\"builtin:nope\"", "builtin:sample"]),
            ("[export]\nmax_field_chars = -4", &["max_field_chars", "invalid value"]),
            ("[export.columns]\nvideos = \"v\"", &["unknown field `videos`", "`video`"]),
            ("[event]\nid = \"bad id!\"\nname = \"X\"", &["event.id = \"bad id!\"", "letters, digits"]),
            ("[rules]\nmax_params = \"lots\"", &["max_params = \"lots\"", "line 2", "7B"]),
            ("[merge]\ntie_breaks = [\"utility\", \"luck\"]", &["merge.tie_breaks[1] = \"luck\"", "utility, latency"]),
            ("[merge]\nmin_judges = 0", &["merge.min_judges = 0", "1 or more"]),
            (
                "[[criteria]]\nid = \"x\"\nlabel = \"X\"\njudges = \"j\"\nscale = [0, 100]\nweight = 1\nlevels = [{ scores = [0, 49], meaning = \"a\" }, { scores = [51, 100], meaning = \"b\" }]",
                &["levels[1].scores = [51, 100]", "should start at 50"],
            ),
            (
                "[[criteria]]\nid = \"x\"\nlabel = \"X\"\njudges = \"j\"\nscale = [0, 100]\nweight = 1\nlevels = [{ scores = [0, 49], meaning = \"a\" }]",
                &["their scores end at 49, and the scale goes to 100"],
            ),
            (
                "[[criteria]]\nid = \"x\"\nlabel = \"X\"\njudges = \"j\"\nscale = [0, 101]\nweight = 1",
                &["scale [0, 101] is not valid", "<= 100"],
            ),
            (
                "[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"30 June\"",
                &["line 4", "event.deadline = \"30 June\"", "2026-06-30T23:59:59Z"],
            ),
            (
                "[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"2026-02-31\"",
                &["line 4", "event.deadline = \"2026-02-31\"", "not a real date", "2026-06-30"],
            ),
            ("[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"2026-99-99\"", &["line 4", "\"2026-99-99\""]),
            ("[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"0000-00-00\"", &["line 4", "\"0000-00-00\""]),
            (
                "[event]\nid = \"x\"\n\nname = \"X\"\ndeadline = \"2026-06-30T25:61:61Z\"",
                &["line 5", "event.deadline = \"2026-06-30T25:61:61Z\"", "not a real time"],
            ),
            ("[merge]\ncontested_gap = -1.0", &["merge.contested_gap = -1", "more than 0, such as 2"]),
            ("[assign]\ncalibration = [\"a\", \"a\"]", &["assign.calibration names \"a\" twice"]),
            ("[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = []", &["prizes[0] (\"x\").amounts is empty", "[500]"]),
            (
                "[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\ntrack = \"forest\"",
                &["prizes[0] (\"x\").track = \"forest\" is not a track", "backyard"],
            ),
            (
                "[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\nby = \"criterion\"",
                &["needs criterion = one of utility, latency, cost"],
            ),
            (
                "[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\nby = \"vibes\"",
                &["unknown variant `vibes`", "`badges`"],
            ),
            ("[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\nby = \"file\"", &["needs file = a CSV of id,value"]),
            (
                "[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\nmax_params = \"big\"",
                &["max_params = \"big\"", "line 5", "7B"],
            ),
            ("[merge]\nmethod = \"mean\"", &["unknown field `method`", "tie_breaks"]),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 3]\nweight = 1.0\nlevels = [\"a\"]",
                &["criteria[0] (\"u\").levels has 1 line(s)", "scale [1, 3] has 3 levels"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [3, 1]\nweight = 1.0\nlevels = []",
                &["scale [3, 1] is not valid", "[1, 5]"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 2]\nweight = -1.0\nlevels = [\"a\", \"b\"]",
                &["weight = -1", "above 0"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 2]\nweight = 1e308\nlevels = [\"a\", \"b\"]",
                &["weight = 1000000000000000", "at most 1000000"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 2]\nweight = \"high\"\nlevels = [\"a\", \"b\"]",
                &["invalid type: string \"high\"", "weight"],
            ),
            ("[[judges]]\nname = \"a\"\n[[judges]]\nname = \"a\"", &["judges: \"a\" appears twice"]),
            (
                "[[criteria]]\nid = \"l\"\nlabel = \"L\"\njudges = \"\"\nscale = [1, 2]\nweight = 1.0\nlevels = [\"slow\", { meaning = \"fast\", seconds = [5, 1] }]",
                &["criteria[0] (\"l\").levels[1].seconds = [5, 1]", "0 <= from <= to"],
            ),
            ("[[judges]]\nname = \"a\"\ntracks = [\"forest\"]", &["\"forest\" is not a track", "backyard, wood"]),
            ("this is not toml", &["line 1"]),
        ];
        for (text, wants) in cases {
            let message = match parse(text) {
                Ok(_) => panic!("accepted a bad file:\n{text}"),
                Err(ParseError::Syntax(m)) => m,
                Err(ParseError::Invalid(p)) => p.join("\n"),
            };
            for want in *wants {
                assert!(message.contains(want), "for\n{text}\nwanted {want:?} in\n{message}");
            }
        }
    }
}
