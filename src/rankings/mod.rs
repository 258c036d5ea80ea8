//! A panel of judges into rankings, overall and per track: pure, no I/O. The score files are read
//! at the edge (`scorefile::read_all`) into [`JudgeMarks`]; here they become one panel, merged by
//! the chosen method, ranked with the head judge's tie-breaks, and flagged for deliberation.

mod chances;
mod conflicts;
mod criteria;
mod figures;
pub mod leaning;
mod majority;
mod panel;
mod robustness;
mod rubrics;
mod saved;
mod stages;
mod tracks;
mod trainees;
mod views;
mod warnings;

use serde::{Deserialize, Serialize};

pub use chances::{AUTO_MOST, Chances, paid_places};
pub use conflicts::{Conflicted, said as conflicts_said};
pub use leaning::LenientHolder;
pub use majority::Majority;
pub use panel::{Field, Ids, JudgeMarks, Place, newest_first, one_file_per_judge};
pub use robustness::{CHANGE_WITHOUT_ONE, HOLDS, PlaceChange, Then, WithoutOne};
pub use rubrics::{Rubrics, Totals};
pub use saved::{RANKINGS_FORMAT, RANKINGS_VERSION, SavedRankings};
pub use stages::rank_all;
pub use trainees::TraineeLine;
pub use views::{EntryPanel, JudgeView, Recused, Sheets, Standing, revisions_differ};
pub use warnings::{
    Assignment, FLAT_MARK, FLAT_SAYS, FieldIndex, NOT_LISTED, NOT_LISTED_SAYS, flat_beside, unfinished, unlisted,
};

use crate::config::Config;
use crate::merge::Method;

/// How to merge: the method and what the head judge chose around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub method: Method,
    /// Entries with fewer judges are flagged thin.
    pub min_judges: usize,
    /// What separates equal merged scores, in turn: criterion ids, "judges" or "agreement".
    pub tie_breaks: Vec<String>,
    /// With the sum method: the judges whose marks count (all when empty).
    pub chosen: Vec<String>,
    /// Judges this many points apart or more, beyond their habits, make an entry contested.
    pub contested_gap: f64,
    /// Whether to work out each entry's chance of a paid place.
    pub chances: Chances,
    /// Whether to test every paid place without each judge: by itself up to [`AUTO_MOST`]
    /// marks, as the chances.
    pub robustness: Chances,
    /// Whether a score given despite a declared conflict counts or is left out.
    pub conflicts: crate::config::ConflictPolicy,
    /// The judges whose files are left out (`--without`), by name: the merge as if they had not
    /// been given.
    pub without: Vec<String>,
    /// Whether each entry's standing on the criteria prizes rank by is worked out: a fit as long
    /// as the merge's own, which an output that shows no prize (`merge` as a table, Markdown or
    /// CSV) leaves out.
    pub criterion_standings: bool,
    /// Whether each judge's drift through the day is only reported or also taken out.
    pub drift: crate::config::DriftPolicy,
}

impl Options {
    pub fn new(method: Method, config: &Config) -> Options {
        Options {
            method,
            min_judges: config.merge.min_judges,
            tie_breaks: config.merge.tie_breaks.clone(),
            chosen: Vec::new(),
            contested_gap: config.merge.contested_gap,
            chances: Chances::Auto,
            robustness: Chances::Auto,
            conflicts: config.merge.conflicts,
            without: Vec::new(),
            criterion_standings: true,
            drift: config.merge.drift,
        }
    }
}

/// A judge's leniency as every output shows it: `~` marks one from too few entries to trust.
pub fn leniency_text(leniency: f64, few: bool) -> String {
    format!("{}{}", if few { "~" } else { "" }, crate::format::signed(leniency, 2))
}

/// Whether an entry scored by `judges` judges is thinly judged: fewer than `merge.min_judges`.
/// The one rule for the rankings' thin flag and the prizes' doubt about a place; it is given the
/// judges whose marks tell entries apart ([`Ranked::telling`]), not those who gave every entry
/// nearly the same total.
pub fn thin(judges: usize, min_judges: usize) -> bool {
    judges < min_judges
}

/// Each entry's judges as the thin flag counts them (by field index), from the judges' files
/// read, one file each: as the merge counts them, without the trainees, without the scores given
/// despite a declared conflict where `merge.conflicts = "exclude"` leaves them out, and without
/// the judges who gave nearly the same total to every entry they scored, whose names come second;
/// third, the scores given despite a declared conflict, as the merge finds them. What `judging
/// status` counts and says, so that it says of each entry what the merge will.
pub fn thin_counts(
    judges: &[JudgeMarks],
    config: &crate::config::Config,
    field: &Field,
) -> (Vec<usize>, Vec<String>, Vec<Conflicted>) {
    let (mut counted, _) = trainees::split(judges.to_vec(), config);
    let (conflicted, _) = conflicts::apply(&mut counted, config, field, config.merge.conflicts);
    let flat = figures::flat_judges(&crate::merge::calibrated_fit(&panel::panel(&counted, field)));
    let mut counts = vec![0; field.entries.len()];
    for j in counted.iter().zip(&flat).filter(|(_, f)| !**f).map(|(j, _)| j) {
        j.entries.iter().for_each(|e| counts[*e] += 1);
    }
    let names = counted.iter().zip(&flat).filter(|(_, f)| **f).map(|(j, _)| j.judge.clone()).collect();
    (counts, names, conflicted)
}

// serde's skip_serializing_if hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub(crate) fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// What the jury should look at again about an entry's place. Declared once: every output lists
/// an entry's flags by [`Flag::label`] and explains them all from [`Rankings::legend`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// Fewer judges than `merge.min_judges`.
    Thin,
    /// Its judges `[merge] contested_gap` points or more apart beyond their habits: what each gave
    /// less what their leniency and severity predict.
    Contested,
    /// Its place shared, and no tie-break separated it: for the jury to decide.
    Tie,
    /// Scored by a judge whose `[[judges]]` entry declares a conflict with it.
    Conflict,
    /// The event's rules exclude it from prizes (`Rankings::ineligible` says why).
    Ineligible,
}

impl Flag {
    /// Every flag, in the order an entry lists them.
    pub const ALL: [Flag; 5] = [Flag::Thin, Flag::Contested, Flag::Tie, Flag::Conflict, Flag::Ineligible];

    pub fn label(self) -> &'static str {
        match self {
            Flag::Thin => "thin",
            Flag::Contested => "contested",
            Flag::Tie => "tie",
            Flag::Conflict => "conflict",
            Flag::Ineligible => "ineligible",
        }
    }

    /// Its short form, two letters, where a column has no room for the label: the head judge's
    /// rankings then explain the short forms in sight under the table, and `?` all of them.
    pub fn short(self) -> &'static str {
        match self {
            Flag::Thin => "th",
            Flag::Contested => "co",
            Flag::Tie => "ti",
            Flag::Conflict => "cf",
            Flag::Ineligible => "in",
        }
    }

    /// What it means, for the head judge's screen.
    pub fn meaning(self) -> &'static str {
        match self {
            Flag::Thin => "too few judges",
            Flag::Contested => "judges apart beyond their habits",
            // Not every tie asks for a decision: one below the paid places, or beside an entry
            // that cannot win, decides no prize.
            Flag::Tie => "a shared place: the jury settles it where a prize pays it",
            Flag::Conflict => "scored despite a declared conflict",
            Flag::Ineligible => "the rules exclude it from prizes",
        }
    }
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// One entry's place in one ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub place: usize,
    pub id: String,
    pub title: String,
    pub score: f64,
    /// The judges' mean on each criterion, in the order of [`Rankings::criteria`]; `None` where
    /// no judge scored it.
    pub by_criterion: Vec<Option<f64>>,
    pub judges: usize,
    /// How many of those judges gave nearly the same total to every entry they scored
    /// ([`JudgeLine::flat`]): their marks tell this entry from the others too little to count
    /// towards its judges for thin.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub flat: usize,
    /// The gap between its judges' totals: the highest less the lowest, in rubric points; `None`
    /// with one judge, whose agreement with others is unknown (not perfect).
    #[serde(alias = "spread")]
    pub gap: Option<f64>,
    /// The gap left once each judge's habits are taken out: what each judge gave less what the
    /// calibrated fit expects of them (their leniency and severity), highest less lowest, in
    /// rubric points; `None` with one judge. Contested is judged on it.
    #[serde(default)]
    pub gap_beyond_habits: Option<f64>,
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// The tie-break that set its place among entries of equal score.
    #[serde(default)]
    pub tie_break: Option<String>,
    /// Its chance (0 to 1) of holding one of the places a prize pays in this ranking, from a
    /// bootstrap of the calibrated fit; `None` where no prize pays or none was worked out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chance: Option<f64>,
    /// Its merged score and place on each criterion alone, by the event's method, in the order of
    /// [`Rankings::criteria`]: what a prize by criterion ranks by. Worked out only for the
    /// criteria a prize ranks by (`None` for the others); empty in a merge saved by a build
    /// that did not work them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_criterion_merged: Vec<Option<CriterionStanding>>,
    /// In a ranking whose paid places a finals round decided: its place in the rubric round,
    /// shown beside the finals' place; `None` elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_place: Option<usize>,
}

#[cfg(test)]
impl Ranked {
    /// An entry of a merged ranking at `place`, scored 5 less its place, two judges, no flags,
    /// a half chance of being paid.
    pub fn example(place: usize, id: &str) -> Ranked {
        Ranked {
            place,
            id: id.into(),
            title: id.to_uppercase(),
            score: 5.0 - place as f64,
            by_criterion: Vec::new(),
            judges: 2,
            flat: 0,
            gap: None,
            gap_beyond_habits: None,
            flags: Vec::new(),
            tie_break: None,
            chance: Some(0.5),
            by_criterion_merged: Vec::new(),
            rubric_place: None,
        }
    }
}

/// An entry's merged score on one criterion alone and its place among the entries scored on it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CriterionStanding {
    pub score: f64,
    pub place: usize,
}

/// A chance of a paid place between these is a place the jury should discuss: neither safe nor
/// out of reach.
pub const UNCERTAIN: (f64, f64) = (0.1, 0.9);

impl Ranked {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// Its judges whose marks tell it from the other entries: all but those who gave every
    /// entry nearly the same total. What thin counts.
    pub fn telling(&self) -> usize {
        self.judges.saturating_sub(self.flat)
    }

    /// Whether its paid place is uncertain: a chance between 10 % and 90 %.
    pub fn uncertain(&self) -> bool {
        self.chance.is_some_and(|c| (UNCERTAIN.0..=UNCERTAIN.1).contains(&c))
    }

    /// What to say beside it where it is listed to discuss: " (thin: one judge)" on fewer judges
    /// than `merge.min_judges` who tell it apart, sure or not (its chance does not count the
    /// judges it lacks), nothing otherwise.
    pub fn thin_note(&self) -> String {
        if !self.has(Flag::Thin) {
            return String::new();
        }
        match self.telling() {
            1 => " (thin: one judge)".to_owned(),
            n => format!(" (thin: {})", crate::format::count(n, "judge", "judges")),
        }
    }

    /// Its chance of a paid place as a percentage, `-` where there is none.
    pub fn chance_text(&self) -> String {
        self.chance.map_or_else(|| "-".to_owned(), crate::format::percent)
    }

    /// Its gap to two decimals, `-` with one judge.
    pub fn gap_text(&self) -> String {
        crate::format::mean(self.gap, 2)
    }

    /// Its gap beyond its judges' habits to two decimals, `-` with one judge.
    pub fn beyond_text(&self) -> String {
        crate::format::mean(self.gap_beyond_habits, 2)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeLine {
    pub judge: String,
    pub entries: usize,
    /// Mean of (their total − the entry's mean over its judges): above 0 is lenient.
    pub leniency: f64,
    pub spread: f64,
    /// How many of their totals round to each point of the scale, lowest first.
    pub histogram: Vec<usize>,
    /// Their leniency as the calibrated fit of every entry's own total finds it (against the
    /// same entries' other judges, their severity apart), with its standard error; `None` in a
    /// merge saved before it was worked out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fitted: Option<crate::merge::leniency::Leniency>,
    /// How their marks moved through their judging time beyond what the entries explain, in
    /// points per hour with its standard error; `None` (null) with fewer than
    /// [`crate::merge::drift::LEAST_MARKS`] marks with a time.
    #[serde(default)]
    pub drift: Option<crate::merge::drift::Drift>,
    /// Whether they gave nearly the same total to every entry they scored (a judge who marks
    /// everything 5): the calibrated fit holds their severity at its least, so their marks tell
    /// entries apart too little to count towards an entry's judges for thin.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flat: bool,
}

/// Fewer entries than this, and a judge's leniency is a rough guess: the calibrated method, too,
/// takes such a judge as mostly typical.
pub const FEW_ENTRIES: usize = 5;

impl JudgeLine {
    /// Whether their leniency rests on too few entries to trust.
    pub fn few(&self) -> bool {
        self.entries < FEW_ENTRIES
    }

    /// Their leniency as every output shows it ([`leniency_text`]).
    pub fn leniency_text(&self) -> String {
        leniency_text(self.leniency, self.few())
    }

    /// Their drift as a table cell: "+0.25 ± 0.03", `!` after a large one, `-` without one.
    pub fn drift_text(&self) -> String {
        match self.drift {
            Some(d) if d.large() => format!("{}!", d.text()),
            Some(d) => d.text(),
            None => "-".to_owned(),
        }
    }

    /// "lenient" or "harsh" for a judge a quarter point or more off the panel, else nothing.
    pub fn leaning(&self) -> &'static str {
        match self.leniency {
            l if l > 0.25 => "lenient",
            l if l < -0.25 => "harsh",
            _ => "",
        }
    }
}

/// Kendall's W for a group of judges who marked exactly the same entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concordance {
    pub judges: Vec<String>,
    pub entries: usize,
    pub w: f64,
    pub w_tie_corrected: f64,
}

/// Kendall's W between judges whose entries overlap but differ, pair by pair, averaged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairAgreement {
    pub pairs: usize,
    /// Pairs count only with this many entries in common.
    pub shared_at_least: usize,
    pub w: f64,
    pub w_tie_corrected: f64,
}

/// Krippendorff's alpha over every judge's total of every entry they scored: one agreement figure
/// for any design, complete or not.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Alpha {
    /// Comparing totals by their differences.
    pub interval: f64,
    /// Comparing totals by their order only.
    pub ordinal: f64,
    /// Entries with two judges or more, which carry the figure.
    pub entries: usize,
}

/// What alpha means, wherever it is printed.
pub const ALPHA_MEANING: &str = "Krippendorff's alpha is 1 when judges agree exactly, 0 when they agree no more than marks drawn at random would, below 0 when they disagree systematically; 0.8 or more is usually taken as reliable, under 0.667 as too uncertain to rest a decision on.";

/// Why an entry no judge scored in full is in no ranking, as a prize by marks and an entry's
/// view say it.
pub const NOT_SCORED: &str = "not scored in full by any judge";

/// An entry some judge scored that the method gives no score, so in no ranking (the trimmed
/// method's entries with too few judges to trim): named, with why, so that none vanishes unseen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotRanked {
    pub id: String,
    pub title: String,
    /// The judges who scored it in full.
    pub judges: usize,
    /// Why the method gives it no score, as [`crate::merge::Method::why_unranked`] says it.
    pub why: String,
}

/// An entry the event's rules exclude from prizes, and why: flagged `ineligible` wherever it is
/// ranked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ineligible {
    pub id: String,
    pub title: String,
    /// Every rule it breaks, as the prize results word it.
    pub reasons: Vec<String>,
}

/// An entry the judges disagree on, with the judges furthest apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub id: String,
    pub title: String,
    pub judges: usize,
    /// The highest total less the lowest.
    #[serde(alias = "spread")]
    pub gap: f64,
    /// The gap once each judge's habits are taken out (what contested is judged on), by which
    /// the list is ordered; `None` in a merge saved before it was kept.
    #[serde(default)]
    pub beyond: Option<f64>,
    /// The judges of the lowest and the highest total, with those totals (what GAP measures).
    pub lowest: (String, f64),
    pub highest: (String, f64),
    /// The judge whose total is lowest against what their habits (leniency, severity) predict
    /// of the entry, and by how much, in points (below 0 when under it), and the one highest:
    /// the two BEYOND measures, `above` less `below`. `None` in a merge saved before they were
    /// kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<(String, f64)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<(String, f64)>,
}

/// A merge's whole outcome: the rankings, their flags and chances, and the figures the jury
/// reads beside them. Saved (`merge --format json`) as a [`SavedRankings`], its own versioned type.
#[derive(Debug, Clone, PartialEq)]
pub struct Rankings {
    pub event: String,
    pub method: String,
    pub criteria: Vec<String>,
    pub tie_breaks: Vec<String>,
    /// The lowest point of the judges' histograms.
    pub scale_low: i64,
    /// What the flags mean here: fewer judges than this is thin…
    pub min_judges: usize,
    /// …and judges this many points apart or more beyond their habits is contested.
    pub contested_gap: f64,
    /// How far judges who saw the same entries agree, overall.
    pub concordance: Vec<Concordance>,
    /// How far judges whose entries overlap agree on the entries they share.
    pub pairwise: Option<PairAgreement>,
    /// Krippendorff's alpha over every judge and entry; `None` when no entry has two judges.
    pub alpha: Option<Alpha>,
    /// The entries in play that no judge scored, by id: in no ranking, and named so that none
    /// vanishes unseen.
    pub unscored: Vec<String>,
    /// Their titles, in the same order; empty in a merge saved by an earlier build.
    pub unscored_titles: Vec<String>,
    /// The entries some judge scored that the method left out of every ranking, with why.
    pub not_ranked: Vec<NotRanked>,
    /// The scores given despite a conflict the judge declared, and whether each counts.
    pub conflicts: Vec<Conflicted>,
    /// The ranked entries the event's rules exclude from prizes, in the order of the field; filled
    /// by [`crate::prizes::eligibility::mark`] from what the head judge's store knows.
    pub ineligible: Vec<Ineligible>,
    /// "overall", then each track.
    pub rankings: Vec<(String, Vec<Ranked>)>,
    /// Each ranking's name where judging.toml names its track otherwise than its id
    /// ([`crate::config::track_name`]), by id: what the merge's sentences name a ranking by
    /// ([`Rankings::ranking_name`]). Empty in a merge saved before it was kept.
    pub track_names: std::collections::BTreeMap<String, String>,
    /// The places a prize by score pays in each ranking that has one, which the chances are of.
    pub paid: std::collections::BTreeMap<String, usize>,
    /// With per-track rubrics: the criteria each ranking compares on (a track's rubric, the shared
    /// ones overall), for the tables to show; empty when every track shares every criterion.
    pub rubrics: std::collections::BTreeMap<String, Vec<String>>,
    /// What head-to-head majorities say about each ranking, in the same order.
    pub majorities: Vec<Majority>,
    /// The marks behind each ranking's head to head, to say it again among the entries that can
    /// win once the store has said which cannot ([`Rankings::compare_who_can_win`]); not saved.
    pub compared: Vec<majority::Compared>,
    /// The groups of judges that share no entry with each other, directly or through other
    /// judges; empty when every judge is linked.
    pub judge_groups: Vec<Vec<String>>,
    pub judges: Vec<JudgeLine>,
    /// The entries the judges disagree on most, the most first.
    pub disagreements: Vec<Disagreement>,
    pub warnings: Vec<String>,
    /// Entries whose judges scored different commits of the Space: (id, each judge's commit).
    pub revisions_differ: Vec<(String, Vec<(String, String)>)>,
    /// Entries whose Space changed after `event.deadline`, with when (the Hub's time), as the
    /// head judge's store knows from `judging enrich`.
    pub changed_after_deadline: Vec<(String, String)>,
    /// Each paid place that changes hands when one judge is left out, with that judge and who
    /// would hold it; empty when every paid place holds, `None` where it was not worked out.
    pub robustness: Option<Vec<PlaceChange>>,
    /// Each paid ranking as it would be without each judge, which `robustness` compares with;
    /// `None` where it was not worked out, and in a merge read back. Not saved.
    pub without_each: Option<Vec<WithoutOne>>,
    /// The refits behind each paid ranking's chances, by its position in `rankings`, for
    /// [`Rankings::pay_only_who_can_win`]; not saved.
    pub chance_draws: Vec<(usize, crate::merge::chances::Draws)>,
    /// The judges whose files were left out, as asked (`--without`).
    pub left_out: Vec<String>,
    /// The trainee judges (`counts = false`), and how far each agrees with the panel.
    pub trainees: Vec<TraineeLine>,
    /// Whether the judges' drift was taken out before the fit, or only reported.
    pub drift: crate::config::DriftPolicy,
    /// The finals rounds that decided the paid places of their rankings, filled by
    /// [`crate::finals::settle`]; empty without finals.
    pub finals: Vec<crate::finals::Standing>,
    /// The files as read, for every judge's view of an entry; not saved.
    pub sheets: Sheets,
    /// Each thin entry's judges, as a saved merge keeps them ([`Rankings::thin_by`]); empty from
    /// the files, whose `sheets` say it.
    pub thin_judges: std::collections::BTreeMap<String, Vec<String>>,
    /// Each entry whose judges mark well above their co-judges, and those judges, as a saved
    /// merge keeps them ([`Rankings::lenient_by`]); `None` from the files, whose `sheets` say it,
    /// and from a merge saved before it kept them.
    pub lenient_judges: Option<std::collections::BTreeMap<String, Vec<String>>>,
}

impl Rankings {
    /// Each entry with fewer judges than `min_judges` in some ranking (the thin flag), and the
    /// judges it rests on, in the files' order: not those who gave every entry nearly the same
    /// total, whom the flag does not count. From the files where they were read, else as the
    /// saved merge kept it (empty from one saved before it did), so that results say the same of
    /// a thin place from either.
    pub fn thin_by(&self) -> std::collections::BTreeMap<String, Vec<String>> {
        if self.sheets.judges.is_empty() {
            return self.thin_judges.clone();
        }
        let thin: std::collections::HashSet<&str> = self
            .rankings
            .iter()
            .flat_map(|(_, ranked)| ranked)
            .filter(|e| thin(e.telling(), self.min_judges))
            .map(|e| e.id.as_str())
            .collect();
        let mut out: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
        let sheets = &self.sheets;
        for marks in &sheets.judges {
            if self.judges.iter().any(|l| l.judge == marks.judge && l.flat) {
                continue;
            }
            for entry in &marks.entries {
                let Some(id) = sheets.ids.get(*entry).filter(|id| thin.contains(id.as_str())) else { continue };
                out.entry(id.clone()).or_default().push(marks.judge.clone());
            }
        }
        out
    }

    /// The merge's warnings as the prize results say them: its paid places on lenient judges are
    /// its rankings', which the prizes may pass over, so where the prizes' own can be worked out
    /// ([`Rankings::lenient_checkable`]) the prizes say those instead; a merge saved before it
    /// kept each entry's judges keeps its own.
    pub fn warnings_beside_prizes(&self) -> impl Iterator<Item = &String> {
        let checkable = self.lenient_checkable();
        self.warnings.iter().filter(move |w| !(checkable && leaning::is_lenient_warning(w)))
    }

    /// Whether the places resting on lenient marks can be checked prize by prize: from the
    /// judges' files, or a saved merge that kept which judges each entry rests on. Else the
    /// merge's own warning of them, as it was saved, is all there is.
    pub fn lenient_checkable(&self) -> bool {
        !self.sheets.judges.is_empty() || self.lenient_judges.is_some()
    }

    /// Each entry whose judges mark, on average, [`Rankings::lenient_bound`] or more above their
    /// co-judges (the leniency the merge found for each, which `judges` lines carry), and those
    /// judges in the files' order: what a place resting on lenient marks is checked by. Every
    /// entry, not only the paid ones: a prize narrowed by tag or size, or by a criterion, pays
    /// places no ranking's paid places hold. Empty under a method that takes leniency out. From
    /// the files where they were read, else as the saved merge kept it: `None` from one saved
    /// before it did, which cannot say.
    pub fn lenient_by(&self) -> Option<std::collections::BTreeMap<String, Vec<String>>> {
        let sheets = &self.sheets;
        if sheets.judges.is_empty() {
            return self.lenient_judges.clone();
        }
        let mut out = std::collections::BTreeMap::new();
        let Some(bound) = self.lenient_bound() else { return Some(out) };
        let mut by_entry: std::collections::BTreeMap<usize, Vec<(&str, f64)>> = std::collections::BTreeMap::new();
        for (marks, leniency) in sheets.judges.iter().zip(&sheets.leniency) {
            for entry in &marks.entries {
                by_entry.entry(*entry).or_default().push((marks.judge.as_str(), *leniency));
            }
        }
        for (entry, by) in by_entry {
            let Some(id) = sheets.ids.get(entry) else { continue };
            let mean = by.iter().map(|(_, l)| l).sum::<f64>() / by.len() as f64;
            if mean >= bound {
                out.insert(id.clone(), by.iter().map(|(j, _)| (*j).to_owned()).collect());
            }
        }
        Some(out)
    }

    /// The entries no judge scored, as the printed lists name entries, "Title (id)", or by title
    /// alone (`with_id` false: the head judge's screen, whose lists name titles), each part
    /// passed through `show`; the id alone from a merge saved without their titles.
    pub fn unscored_named(&self, show: impl Fn(&str) -> String, with_id: bool) -> Vec<String> {
        let titled = self.unscored_titles.len() == self.unscored.len();
        self.unscored
            .iter()
            .enumerate()
            .map(|(k, id)| match self.unscored_titles.get(k).filter(|_| titled) {
                Some(title) if with_id => crate::format::title_and_id(title, id, None, &show),
                Some(title) => show(title),
                None => show(id),
            })
            .collect()
    }

    /// The entries of a ranking whose paid place is uncertain, least certain first.
    pub fn uncertain(&self, ranking: &str) -> Vec<&Ranked> {
        let mut out: Vec<&Ranked> = self.ranking(ranking).unwrap_or(&[]).iter().filter(|e| e.uncertain()).collect();
        out.sort_by(|a, b| {
            let distance = |e: &Ranked| (e.chance.unwrap_or(0.0) - 0.5).abs();
            distance(a).total_cmp(&distance(b)).then(a.place.cmp(&b.place))
        });
        out
    }

    /// The paid places of a ranking that rest on too few judges (thin) yet read as sure: PAID
    /// varies the marks an entry has, not the judges it lacks, so one judge's 5s can read 100 %.
    /// The jury discusses them beside the uncertain ones, in place order.
    pub fn thin_paid(&self, ranking: &str) -> Vec<&Ranked> {
        let holders = self.paid_holders(ranking).into_iter();
        holders.filter(|e| e.has(Flag::Thin) && e.chance.is_some() && !e.uncertain()).collect()
    }

    /// What the chances are, in one sentence, for a ranking where a prize pays places.
    pub fn chance_meaning(&self, ranking: &str) -> Option<String> {
        let places = self.paid.get(ranking)?;
        Some(format!(
            "PAID: how sure an entry is of one of the {}. The merge was run again {} times, each time with every judge's marks varied as much as that judge's marks vary, and PAID is the share of those runs that paid it. It need not follow the order: an entry whose judges disagree is less sure than one just below it with agreeing judges. It varies the marks an entry has, not the judges it lacks: a paid place on fewer than {} judges is for the jury to discuss however sure it reads, as is any between {} and {}.",
            crate::format::count(*places, "paid place", "paid places"),
            crate::merge::chances::REPLICATES,
            self.min_judges,
            crate::format::percent(UNCERTAIN.0),
            crate::format::percent(UNCERTAIN.1)
        ))
    }

    /// What each flag means in this merge, in one line: every flag, with this merge's figures.
    pub fn legend(&self) -> String {
        let explain = |flag: Flag| match flag {
            Flag::Thin => {
                let flat: Vec<String> =
                    self.judges.iter().filter(|j| j.flat).map(|j| crate::sanitize::clean_line(&j.judge)).collect();
                match flat.as_slice() {
                    [] => format!("fewer than {} judges", self.min_judges),
                    [one] => format!(
                        "fewer than {} judges whose marks tell entries apart ({one}, who {}, is not counted)",
                        self.min_judges,
                        warnings::FLAT_SAYS
                    ),
                    _ => format!(
                        "fewer than {} judges whose marks tell entries apart ({}, who each {}, are not counted)",
                        self.min_judges,
                        crate::format::names_and(&flat, 5),
                        warnings::FLAT_SAYS
                    ),
                }
            }
            Flag::Contested => format!(
                "judges {} points or more apart beyond their habits (BEYOND; a lenient and a harsh judge who rate the entry alike are not)",
                crate::format::number(self.contested_gap)
            ),
            Flag::Tie => Flag::Tie.meaning().to_owned(),
            Flag::Conflict => "scored by a judge who declared a conflict with it in judging.toml".to_owned(),
            Flag::Ineligible => "the event's rules exclude it from prizes, for the reason given".to_owned(),
        };
        Flag::ALL.map(|f| format!("{} = {}", f.label(), explain(f))).join("; ")
    }

    /// The highest point of the judges' histograms.
    pub fn scale_high(&self) -> i64 {
        self.scale_low + self.judges.first().map_or(1, |j| j.histogram.len() as i64) - 1
    }

    /// Names each ranking by its track's name in judging.toml's `tracks`, where it has one other
    /// than its id: once per merge (and for a merge read back from a file saved without them).
    pub fn name_tracks(&mut self, tracks: &[crate::config::Track]) {
        self.track_names = (self.rankings.iter())
            .map(|(id, _)| (id, crate::config::track_name(tracks, id)))
            .filter(|(id, name)| id != name)
            .map(|(id, name)| (id.clone(), name.to_owned()))
            .collect();
    }

    /// What the finals of ranking `ranking` record against the place they gave entry `id`
    /// ([`crate::finals::FinalistStanding::doubts`]); empty where no finals placed it.
    pub fn finals_doubts(&self, ranking: &str, id: &str) -> Vec<crate::finals::PlaceDoubt> {
        self.finals
            .iter()
            .filter(|s| s.ranking == ranking)
            .flat_map(|s| s.order.iter().filter(|f| f.id == id))
            .flat_map(|f| f.doubts.iter().cloned())
            .collect()
    }

    /// The name a sentence gives the ranking of id `id`: its track's name in judging.toml
    /// ([`crate::config::track_name`]), as the tables head it, or the id where it names none. The
    /// text is judging.toml's own: each output cleans or escapes it, as it does a title.
    pub fn ranking_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.track_names.get(id).map_or(id, String::as_str)
    }

    /// The ranking named "overall", or a track's, by name.
    pub fn ranking(&self, name: &str) -> Option<&[Ranked]> {
        self.rankings.iter().find(|(n, _)| n == name).map(|(_, r)| r.as_slice())
    }
}

/// What to do when trimming leaves no entry a total: a smaller trim where one would keep one,
/// else another method (a trim of 0 is the plain mean).
fn trim_advice(most: usize) -> String {
    match most.saturating_sub(1) / 2 {
        0 => "trimming needs 3 judges or more on an entry; use --method mean (or calibrated, the default)".into(),
        deepest => format!("use --trim {deepest} or less"),
    }
}

/// Options the files cannot satisfy.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RankError {
    #[error("--judges: no score file from judge \"{name}\"; the files are from {known}")]
    UnknownJudge { name: String, known: String },
    #[error(
        "{file} and {other}: two different files of judge {judge:?} written at the same moment ({written_at}): ask them which one counts, and merge only that"
    )]
    SameMoment { file: String, other: String, judge: String, written_at: String },
    #[error(
        "--trim {drop} drops the {drop} highest and {drop} lowest totals of every entry, and no entry has more than {}, so none keeps a total: {}",
        crate::format::count(*most, "judge", "judges"),
        trim_advice(*most)
    )]
    TrimTooDeep { drop: usize, most: usize },
    #[error(
        "the sum counts an entry only when every counted judge scored it, and no entry was scored by all {counted} of them (the most on one entry is {most}): name the judges whose totals count with --judges, or use --method mean (or calibrated, the default) where judges saw different entries"
    )]
    SumEmpty { counted: usize, most: usize },
    #[error(
        "the rank sum needs every judge to rank every entry, and here entries have {fewest} to {most} of the {judges} judges: use --method calibrated (the default) or mean for a panel where judges saw different entries"
    )]
    Incomplete { fewest: usize, most: usize, judges: usize },
    #[error(
        "--without \"{name}\": no score file is from a judge of that name; the files are from {known}.{}",
        crate::paste::did_you_mean(near, crate::paste::Given::Option("--without"))
    )]
    UnknownWithout { name: String, near: Vec<String>, known: String },
    #[error("--without leaves out every judge whose marks count ({names}): nothing is left to merge")]
    NoneLeft { names: String },
    #[error("tie-break {key:?}: {problem}")]
    TieBreak { key: String, problem: String },
    #[error(
        "schulze compares every pair of entries, and {scored} scored entries are more than it can do in good time ({most} at most): use --method copeland or calibrated"
    )]
    TooManyForSchulze { scored: usize, most: usize },
}

/// The panels a merge ranks from.
pub(super) struct Scopes<'p> {
    /// Every judge's total for each entry on the entry's own rubric.
    pub panel: &'p crate::merge::Panel,
    /// What the overall ranking merges: `panel`, or with per-track rubrics the totals on the
    /// criteria every track shares.
    pub main: &'p crate::merge::Panel,
    pub per_track: bool,
    pub has_overall: bool,
}

/// Rankings by name, overall first.
pub(super) type Named = Vec<(String, Vec<Ranked>)>;

/// A track's own panel, when it is ranked on its own (per-track rubrics): (ranking index, the
/// track's entries as field indices, the panel over them).
pub(super) type OwnPanel = (usize, Vec<usize>, crate::merge::Panel);
