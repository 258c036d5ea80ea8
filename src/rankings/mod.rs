//! A panel of judges into rankings, overall and per track: pure, no I/O. The score files are read
//! at the edge (`scorefile::read_all`) into [`JudgeMarks`]; here they become one panel, merged by
//! the chosen method, ranked with the head judge's tie-breaks, and flagged for deliberation.

mod chances;
mod figures;
mod majority;
mod panel;
mod rubrics;
mod tracks;
mod views;
mod warnings;

use serde::{Deserialize, Serialize};

pub use chances::{AUTO_MOST, Chances, paid_places};
pub use majority::Majority;
pub use panel::{Field, JudgeMarks, Place};
pub use rubrics::{Rubrics, Totals};
pub use views::{EntryPanel, JudgeView, Sheets, Standing, revisions_differ};

use crate::config::Config;
use crate::merge::agreement::{self, EntryStats};
use crate::merge::{Method, merge};

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
    /// Judges' totals this many points apart, or more, make an entry contested.
    pub contested_gap: f64,
    /// Whether to work out each entry's chance of a paid place.
    pub chances: Chances,
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
        }
    }
}

/// What the jury should look at again about an entry's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// Fewer judges than `merge.min_judges`.
    Thin,
    /// Its judges' totals `[merge] contested_gap` points or more apart.
    Contested,
    /// Its place shared, and no tie-break separated it: for the jury to decide.
    Tie,
}

impl Flag {
    pub fn label(self) -> &'static str {
        match self {
            Flag::Thin => "thin",
            Flag::Contested => "contested",
            Flag::Tie => "tie",
        }
    }

    /// What it means, for the head judge's screen.
    pub fn meaning(self) -> &'static str {
        match self {
            Flag::Thin => "too few judges",
            Flag::Contested => "judges' totals far apart",
            Flag::Tie => "a place the jury must settle",
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
    /// The gap between its judges' totals: the highest less the lowest, in rubric points.
    #[serde(alias = "spread")]
    pub gap: f64,
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// The tie-break that set its place among entries of equal score.
    #[serde(default)]
    pub tie_break: Option<String>,
    /// Its chance (0 to 1) of holding one of the places a prize pays in this ranking, from a
    /// bootstrap of the calibrated fit; `None` where no prize pays or none was worked out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chance: Option<f64>,
}

/// A chance of a paid place between these is a place the jury should discuss: neither safe nor
/// out of reach.
pub const UNCERTAIN: (f64, f64) = (0.1, 0.9);

impl Ranked {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// Whether its paid place is uncertain: a chance between 10 % and 90 %.
    pub fn uncertain(&self) -> bool {
        self.chance.is_some_and(|c| (UNCERTAIN.0..=UNCERTAIN.1).contains(&c))
    }

    /// Its chance of a paid place as a percentage, `-` where there is none.
    pub fn chance_text(&self) -> String {
        self.chance.map_or_else(|| "-".to_owned(), |c| format!("{:.0}%", c * 100.0))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeLine {
    pub judge: String,
    pub entries: usize,
    pub leniency: f64,
    pub spread: f64,
    /// How many of their totals round to each point of the scale, lowest first.
    pub histogram: Vec<usize>,
}

/// Fewer entries than this, and a judge's leniency is a rough guess: the calibrated method, too,
/// takes such a judge as mostly typical.
pub const FEW_ENTRIES: usize = 5;

impl JudgeLine {
    /// Whether their leniency rests on too few entries to trust.
    pub fn few(&self) -> bool {
        self.entries < FEW_ENTRIES
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

/// An entry the judges disagree on, with the judges furthest apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub id: String,
    pub title: String,
    pub judges: usize,
    /// The highest total less the lowest.
    #[serde(alias = "spread")]
    pub gap: f64,
    pub lowest: (String, f64),
    pub highest: (String, f64),
}

/// What a saved merge (`merge --format json`) says it is, so `judging results` can read it back.
pub const RANKINGS_FORMAT: &str = "judging-rankings";
/// Version 2 names an entry's gap (highest less lowest total) where version 1 had a spread.
pub const RANKINGS_VERSION: u32 = 2;

/// A merge's whole outcome. `judging merge --format json` writes it, and `judging results` reads
/// it back as it is: the figures are optional there, the rankings are not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rankings {
    pub format: String,
    pub version: u32,
    pub event: String,
    pub method: String,
    pub criteria: Vec<String>,
    #[serde(default)]
    pub tie_breaks: Vec<String>,
    /// The lowest point of the judges' histograms.
    #[serde(default)]
    pub scale_low: i64,
    /// What the flags mean here: fewer judges than this is thin…
    #[serde(default = "default_min_judges")]
    pub min_judges: usize,
    /// …and judges' totals this many points apart or more is contested.
    #[serde(default = "default_contested_gap")]
    pub contested_gap: f64,
    /// How far judges who saw the same entries agree, overall.
    #[serde(default)]
    pub concordance: Vec<Concordance>,
    /// How far judges whose entries overlap agree on the entries they share.
    #[serde(default)]
    pub pairwise: Option<PairAgreement>,
    /// "overall", then each track.
    pub rankings: Vec<(String, Vec<Ranked>)>,
    /// The places a prize by score pays in each ranking that has one, which the chances are of.
    #[serde(default)]
    pub paid: std::collections::BTreeMap<String, usize>,
    /// With per-track rubrics: the criteria each ranking compares on (a track's rubric, the shared
    /// ones overall), for the tables to show; empty when every track shares every criterion.
    #[serde(default)]
    pub rubrics: std::collections::BTreeMap<String, Vec<String>>,
    /// What head-to-head majorities say about each ranking, in the same order.
    #[serde(default)]
    pub majorities: Vec<Majority>,
    /// The groups of judges that share no entry with each other, directly or through other
    /// judges; empty when every judge is linked.
    #[serde(default)]
    pub judge_groups: Vec<Vec<String>>,
    #[serde(default)]
    pub judges: Vec<JudgeLine>,
    /// The entries the judges disagree on most, the most first.
    #[serde(default)]
    pub disagreements: Vec<Disagreement>,
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Entries whose judges scored different commits of the Space: (id, each judge's commit).
    #[serde(default)]
    pub revisions_differ: Vec<(String, Vec<(String, String)>)>,
    /// Entries whose Space changed after `event.deadline`, with when (the Hub's time), as the
    /// head judge's store knows from `judging enrich`.
    #[serde(default)]
    pub changed_after_deadline: Vec<(String, String)>,
    /// The files as read, for every judge's view of an entry; not saved.
    #[serde(skip)]
    pub sheets: Sheets,
}

fn default_min_judges() -> usize {
    crate::config::MergeConfig::default().min_judges
}

fn default_contested_gap() -> f64 {
    crate::config::CONTESTED_GAP
}

impl Rankings {
    /// The entries of a ranking whose paid place is uncertain, least certain first.
    pub fn uncertain(&self, ranking: &str) -> Vec<&Ranked> {
        let mut out: Vec<&Ranked> = self.ranking(ranking).unwrap_or(&[]).iter().filter(|e| e.uncertain()).collect();
        out.sort_by(|a, b| {
            let distance = |e: &Ranked| (e.chance.unwrap_or(0.0) - 0.5).abs();
            distance(a).total_cmp(&distance(b)).then(a.place.cmp(&b.place))
        });
        out
    }

    /// What the chances are, in one sentence, for a ranking where a prize pays places.
    pub fn chance_meaning(&self, ranking: &str) -> Option<String> {
        let places = self.paid.get(ranking)?;
        Some(format!(
            "PAID: the chance of holding one of the {places} paid place(s), from refitting the judges' marks {} times with their scatter redrawn; between {:.0}% and {:.0}% is for the jury to discuss",
            crate::merge::chances::REPLICATES,
            UNCERTAIN.0 * 100.0,
            UNCERTAIN.1 * 100.0
        ))
    }

    /// What each flag means in this merge, in one line.
    pub fn legend(&self) -> String {
        format!(
            "thin = fewer than {} judges; contested = judges' totals {} points or more apart (the gap: highest less lowest); tie = a place the jury must settle",
            self.min_judges,
            crate::format::number(self.contested_gap)
        )
    }

    /// The highest point of the judges' histograms.
    pub fn scale_high(&self) -> i64 {
        self.scale_low + self.judges.first().map_or(1, |j| j.histogram.len() as i64) - 1
    }

    /// The ranking named "overall", or a track's, by name.
    pub fn ranking(&self, name: &str) -> Option<&[Ranked]> {
        self.rankings.iter().find(|(n, _)| n == name).map(|(_, r)| r.as_slice())
    }
}

/// Options the files cannot satisfy.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RankError {
    #[error("--judges: no score file from judge {name:?}; the files are from {known}")]
    UnknownJudge { name: String, known: String },
    #[error(
        "{file} and {other}: two different files of judge {judge:?} written at the same moment ({written_at}): ask them which one counts, and merge only that"
    )]
    SameMoment { file: String, other: String, judge: String, written_at: String },
    #[error(
        "--trim {drop} drops the {drop} highest and {drop} lowest totals of every entry, and no entry has more than {most} judge(s), so none keeps a total: use --trim {} or less",
        most.saturating_sub(1) / 2
    )]
    TrimTooDeep { drop: usize, most: usize },
    #[error(
        "the rank sum needs every judge to rank every entry, and here entries have {fewest} to {most} of the {judges} judges: use --method calibrated (the default) or mean for a panel where judges saw different entries"
    )]
    Incomplete { fewest: usize, most: usize, judges: usize },
    #[error("tie-break {key:?}: {problem}")]
    TieBreak { key: String, problem: String },
    #[error(
        "schulze compares every pair of entries, and {scored} scored entries are more than it can do in good time ({most} at most): use --method copeland or calibrated"
    )]
    TooManyForSchulze { scored: usize, most: usize },
}

/// Merges every judge's marks into rankings, overall and per track. Fails only on options that
/// name judges or tie-breaks the files do not have.
pub fn rank_all(
    mut judges: Vec<JudgeMarks>,
    config: &Config,
    field: &Field,
    options: &Options,
) -> Result<Rankings, RankError> {
    let mut warnings = panel::one_file_per_judge(&mut judges)?;
    warnings.extend(warnings::partial(&judges));
    let breaks = options
        .tie_breaks
        .iter()
        .map(|key| config.tie_break(key).map_err(|problem| RankError::TieBreak { key: key.clone(), problem }))
        .collect::<Result<Vec<_>, _>>()?;
    let panel = panel::panel(&judges, field);
    // With per-track rubrics the overall ranking compares entries on the criteria every track
    // shares (each track is ranked on its own rubric); with none shared there is none.
    let per_track = config.per_track();
    let shared =
        (per_track && Rubrics::new(config, field).overall(config)).then(|| panel::shared_panel(&judges, field));
    let has_overall = !per_track || shared.is_some();
    let main = shared.as_ref().unwrap_or(&panel);
    let method = match &options.method {
        Method::Sum { .. } => Method::Sum { judges: panel::chosen_judges(&panel, &options.chosen)? },
        other => other.clone(),
    };
    fits(&method, &panel, field)?;
    // The merge (the calibrated fit is the longest step) on one core, the figures around it on
    // the other.
    let ((overall, held), (stats, means, habits, (concordance, pairwise), groups)) = std::thread::scope(|scope| {
        let merging = scope.spawn(|| match method {
            _ if !has_overall => (vec![None; field.entries.len()], Vec::new()),
            Method::Calibrated => {
                let fit = crate::merge::calibrated_fit(main);
                let held = warnings::held(&fit, main);
                (fit.quality, held)
            }
            _ => (merge(main, &method), Vec::new()),
        });
        let figures = (
            EntryStats::of(&panel),
            figures::criterion_means(&judges, config.criteria.len(), field.entries.len()),
            agreement::judge_habits(&panel),
            figures::agreement(&panel),
            figures::judge_groups(&panel),
        );
        // A panic in the merge is a bug; it resumes here, where the panic hook reports it.
        (merging.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), figures)
    });
    if let Method::Trimmed { drop } = method
        && !panel.marks.is_empty()
        && overall.iter().all(Option::is_none)
    {
        let most = stats.judges.iter().copied().max().unwrap_or(0);
        return Err(RankError::TrimTooDeep { drop, most });
    }
    warnings.extend(held);
    if groups.len() > 1 {
        warnings.push(warnings::groups(&groups));
    }
    warnings.extend(warnings::left_out_of_the_sum(&method, &options.chosen, &overall, &stats, field));
    let keys = figures::tie_break_keys(&breaks, &means, &stats);
    // In a sum, the judges that count for every entry: the chosen ones.
    let counted = match &method {
        Method::Sum { judges } if !judges.is_empty() => Some(judges.len()),
        _ => None,
    };
    let context = tracks::Context { stats: &stats, means: &means, keys: &keys, field, options, counted };
    let scopes = Scopes { panel: &panel, main, per_track, has_overall };
    let (mut rankings, majorities, own) = rank_each(&context, &scopes, &method, &overall, config);
    if !has_overall {
        warnings.push(
            "no overall ranking: the tracks' rubrics share no criterion, so each track is ranked on its own rubric only"
                .into(),
        );
    }
    warnings.extend(chances::fill(&mut rankings, &scopes, &own, field, config, &method, options.chances));
    let paid = rankings.iter().filter_map(|(name, _)| paid_places(config, name).map(|p| (name.clone(), p))).collect();
    let scale = scale_of(config);
    let lines = figures::judge_lines(habits, &panel, &judges, scale);
    let disagreements = figures::disagreements(&stats, &panel, field);
    let ids: Vec<String> = field.entries.iter().map(|s| s.submission.id.clone()).collect();
    let differ = revisions_differ(&judges, &ids);
    if !differ.is_empty() {
        warnings.push(warnings::revisions(&differ));
    }
    let sheets = Sheets { ids, leniency: lines.iter().map(|l| l.leniency).collect(), judges };
    Ok(Rankings {
        format: RANKINGS_FORMAT.to_owned(),
        version: RANKINGS_VERSION,
        event: config.event.id.clone(),
        method: method.name().to_owned(),
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        tie_breaks: options.tie_breaks.clone(),
        scale_low: scale.0,
        min_judges: options.min_judges,
        contested_gap: options.contested_gap,
        concordance,
        pairwise,
        rankings,
        majorities,
        rubrics: rubric_columns(config),
        paid,
        judge_groups: if groups.len() > 1 { groups } else { Vec::new() },
        judges: lines,
        disagreements,
        warnings,
        revisions_differ: differ,
        changed_after_deadline: Vec::new(),
        sheets,
    })
}

/// The lowest and highest point of any criterion, which the judges' histograms span.
fn scale_of(config: &Config) -> (i64, i64) {
    config
        .criteria
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), c| (lo.min(i64::from(c.scale.low)), hi.max(i64::from(c.scale.high))))
}

/// With per-track rubrics, the criteria of each ranking by name; none otherwise.
fn rubric_columns(config: &Config) -> std::collections::BTreeMap<String, Vec<String>> {
    if !config.per_track() {
        return std::collections::BTreeMap::new();
    }
    let ids = |cs: Vec<crate::model::Criterion>| cs.into_iter().map(|c| c.id).collect::<Vec<_>>();
    std::iter::once(("overall".to_owned(), ids(config.shared_criteria())))
        .chain(config.tracks.iter().map(|t| (t.id.clone(), ids(config.rubric(Some(&t.id))))))
        .collect()
}

/// The methods that rank by ranks or head-to-heads, which mean something only within a ranking.
fn by_ranks(method: &Method) -> bool {
    matches!(method, Method::RankSum | Method::Copeland | Method::Schulze)
}

/// The overall ranking, then each track's, with what head-to-head majorities say about each.
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

/// The overall ranking (unless the tracks share no criterion), then each track's, with what
/// head-to-head majorities say about each, and the tracks ranked on panels of their own.
fn rank_each(
    context: &tracks::Context,
    scopes: &Scopes,
    method: &Method,
    overall: &[Option<f64>],
    config: &Config,
) -> (Named, Vec<Majority>, Vec<OwnPanel>) {
    let field = context.field;
    let lower_is_better = method.lower_is_better();
    let (mut rankings, mut majorities, mut own) = (Vec::new(), Vec::new(), Vec::new());
    if scopes.has_overall {
        let everyone: Vec<usize> = (0..field.entries.len()).collect();
        let first = context.ranking(overall, &everyone, lower_is_better);
        majorities.push(majority::of("overall", Some(scopes.main), &everyone, &first, field));
        rankings.push(("overall".to_owned(), first));
    }
    for track in &config.tracks {
        let keep: Vec<usize> = (0..field.entries.len())
            .filter(|e| field.entries[*e].submission.track.as_deref() == Some(track.id.as_str()))
            .collect();
        // A track with its own rubric is merged on its own. Otherwise a judge's habits are the
        // same in every track, so the methods that model or standardise judges use all their
        // marks; ranks and head-to-heads only mean something within a track. Head to head
        // compares every pair: a track too large for it is not copied out for it.
        let alone = scopes.per_track || by_ranks(method);
        let within = (keep.len() <= crate::merge::SCHULZE_MOST || alone).then(|| panel::sub_panel(scopes.panel, &keep));
        let merged = match &within {
            Some(within) if alone => merge(within, method),
            _ => keep.iter().map(|e| overall[*e]).collect(),
        };
        let ranked = context.ranking(&merged, &keep, lower_is_better);
        majorities.push(majority::of(&track.id, within.as_ref(), &keep, &ranked, field));
        if let (true, Some(within)) = (scopes.per_track, within) {
            own.push((rankings.len(), keep, within));
        }
        rankings.push((track.id.clone(), ranked));
    }
    (rankings, majorities, own)
}

/// Whether the method can rank this panel: the rank sum needs a complete panel, Schulze a field
/// it can finish in good time.
fn fits(method: &Method, panel: &crate::merge::Panel, field: &Field) -> Result<(), RankError> {
    // Quandt's rank sum adds each judge's rank of every entry: with entries seen by different
    // numbers of judges, an entry one judge ranked last can beat one that three ranked first.
    if *method == Method::RankSum {
        let mut counts = vec![0usize; field.entries.len()];
        panel.marks.iter().for_each(|m| counts[m.entry] += 1);
        let seen: Vec<usize> = counts.into_iter().filter(|n| *n > 0).collect();
        let (fewest, most) = (seen.iter().min().copied().unwrap_or(0), seen.iter().max().copied().unwrap_or(0));
        let judges = panel.judges.len();
        if fewest != judges || most != judges {
            return Err(RankError::Incomplete { fewest, most, judges });
        }
    }
    if *method == Method::Schulze {
        let mut marked = vec![false; field.entries.len()];
        panel.marks.iter().for_each(|m| marked[m.entry] = true);
        let scored = marked.iter().filter(|m| **m).count();
        if scored > crate::merge::SCHULZE_MOST {
            return Err(RankError::TooManyForSchulze { scored, most: crate::merge::SCHULZE_MOST });
        }
    }
    Ok(())
}
