//! The merge in named stages, each a small function with its own result: the panel built from
//! the judges' files, the fit of the chosen method (with the figures worked out beside it), the
//! rankings of each scope, their chances, and the figures for the jury. `rank_all` runs them in
//! turn; a new figure goes in the stage that has what it needs.

use super::{
    Field, JudgeMarks, Majority, Named, Options, OwnPanel, RankError, Rankings, Rubrics, Scopes, Sheets, chances,
    conflicts, criteria, figures, majority, paid_places, panel, revisions_differ, robustness, tracks, trainees,
    warnings,
};
use crate::config::{Config, DriftPolicy, TieBreak};
use crate::merge::agreement::{self, EntryStats, JudgeHabits};
use crate::merge::drift::{self, Drift};
use crate::merge::{Calibration, Method, Panel, merge};

/// Merges every judge's marks into rankings, overall and per track. Fails only on options that
/// name judges or tie-breaks the files do not have.
pub fn rank_all(
    judges: Vec<JudgeMarks>,
    config: &Config,
    field: &Field,
    options: &Options,
) -> Result<Rankings, RankError> {
    let built = build(judges, config, field, options)?;
    let fitted = fit(&built, field, config, options)?;
    let mut warnings = built.warnings.clone();
    warnings.extend(fitted.held.iter().cloned());
    let flat: Vec<String> =
        built.panel.judges.iter().zip(&fitted.flat).filter(|(_, f)| **f).map(|(j, _)| j.clone()).collect();
    warnings.extend(warnings::flat(&flat, &built.method));
    if fitted.groups.len() > 1 {
        warnings.push(warnings::groups(&fitted.groups));
    }
    warnings.extend(warnings::left_out_of_the_sum(
        &built.method,
        &options.chosen,
        &fitted.overall,
        &fitted.stats,
        field,
    ));
    let ranked = rank_scopes(&built, &fitted, field, options, config);
    if !built.has_overall {
        warnings.push(
            "no overall ranking: the tracks' rubrics share no criterion, so each track is ranked on its own rubric only"
                .into(),
        );
    }
    let Ranked3 { mut rankings, majorities, compared, own } = ranked;
    let scopes = built.scopes();
    let (why, chance_draws) =
        chances::fill(&mut rankings, &scopes, &own, field, config, &built.method, options.chances);
    warnings.extend(why);
    // Stage 4b: every paid place tested without each judge in turn.
    let without_each = match robustness::wanted(&built, &rankings, config, options.robustness) {
        Ok(()) => Some(robustness::test(&built, &rankings, field, config, options)),
        Err(why) => {
            warnings.extend(why);
            None
        }
    };
    warnings.extend(warnings::drifting(&built.panel.judges, &fitted.drift, options.drift));
    let shown = Scoped { rankings, majorities, compared, without_each, chance_draws };
    let mut out = figures_for_the_jury(built, fitted, shown, warnings, config, field, options);
    out.name_tracks(&config.tracks);
    out.test_places();
    Ok(out)
}

/// Stage 1: the panel, from the judges' files, with the method the options ask for.
pub(super) struct Built {
    pub judges: Vec<JudgeMarks>,
    pub warnings: Vec<String>,
    pub breaks: Vec<TieBreak>,
    /// Every judge's total for each entry on the entry's own rubric.
    pub panel: Panel,
    /// With per-track rubrics, the totals on the criteria every track shares (what the overall
    /// ranking merges); `None` otherwise, or when the tracks share none.
    pub shared: Option<Panel>,
    pub per_track: bool,
    pub has_overall: bool,
    pub method: Method,
    /// The scores given despite a declared conflict, and by field index, the entries they flag.
    pub conflicts: Vec<super::Conflicted>,
    pub conflicted: Vec<bool>,
    /// The trainees' files (`counts = false`): read and checked, in no panel.
    pub trainees: Vec<JudgeMarks>,
    /// The judges whose files were left out, as asked.
    pub left_out: Vec<String>,
    /// Each judge's times, by judge index: when each of their marks in `panel` was given, in
    /// Unix seconds, in the order of their marks.
    pub given: Vec<Vec<crate::merge::drift::Given>>,
    /// With `merge.drift = "correct"`: each judge's drift as found before it was taken out.
    pub corrected: Option<Vec<Option<Drift>>>,
}

impl Built {
    /// What the overall ranking merges.
    pub fn main(&self) -> &Panel {
        self.shared.as_ref().unwrap_or(&self.panel)
    }

    pub fn scopes(&self) -> super::Scopes<'_> {
        super::Scopes {
            panel: &self.panel,
            main: self.main(),
            per_track: self.per_track,
            has_overall: self.has_overall,
        }
    }
}

fn build(mut judges: Vec<JudgeMarks>, config: &Config, field: &Field, options: &Options) -> Result<Built, RankError> {
    let mut warnings = panel::one_file_per_judge(&mut judges)?;
    let left_out = panel::leave_out(&mut judges, &options.without)?;
    warnings.extend(warnings::partial(&judges));
    warnings.extend(warnings::scoring_nothing(&judges, config));
    warnings.extend(warnings::unlisted(&judges, config));
    warnings.extend(warnings::no_file(&judges, config, &left_out));
    // Trainees' files are checked like any other, then set apart: from here on only the judges
    // whose marks count make the panel.
    let (mut judges, trainees) = trainees::split(judges, config);
    // Of the judges whose marks count, as `--entry` names them: a trainee's count for nothing.
    warnings.extend(warnings::withdrawn(&judges, field));
    if judges.is_empty() && !left_out.is_empty() {
        return Err(RankError::NoneLeft { names: left_out.join(", ") });
    }
    // A sum over named judges without one of them (`--judges ana,bo --without bo`) is the sum of
    // the others named: what "without bo" says of such a sum's places. It had been refused.
    let chosen: Vec<String> = options
        .chosen
        .iter()
        .filter(|c| !options.without.iter().any(|w| crate::model::same_name(w, c)))
        .cloned()
        .collect();
    if !options.chosen.is_empty() && chosen.is_empty() {
        return Err(RankError::NoneLeft { names: left_out.join(", ") });
    }
    // A sum over named judges counts only them, in every figure: the others' marks had broken
    // its ties, filled its criteria columns and its head to head, beside a score they were
    // no part of. Their files are set aside, and said to be.
    if matches!(options.method, Method::Sum { .. }) && !chosen.is_empty() {
        let all: Vec<String> = judges.iter().map(|j| j.judge.clone()).collect();
        let known = crate::merge::Panel { judges: all.clone(), ..crate::merge::Panel::default() };
        panel::chosen_judges(&known, &chosen)?;
        judges.retain(|j| chosen.iter().any(|c| crate::model::same_name(c, &j.judge)));
        let others: Vec<String> = all
            .iter()
            .filter(|n| !judges.iter().any(|j| &j.judge == *n))
            .map(|n| crate::sanitize::clean_line(n))
            .collect();
        if !others.is_empty() {
            warnings.push(format!(
                "the sum counts only the judges named with --judges; the files of {} are left out of every figure, tie-break and head to head",
                others.join(", ")
            ));
        }
    }
    let (conflicts, conflicted) = conflicts::apply(&mut judges, config, field, options.conflicts);
    warnings.extend(conflicts::warning(&conflicts));
    let breaks = options
        .tie_breaks
        .iter()
        .map(|key| config.tie_break(key).map_err(|problem| RankError::TieBreak { key: key.clone(), problem }))
        .collect::<Result<Vec<_>, _>>()?;
    let (mut panel, given) = panel::panel_and_times(&mut judges, field);
    // With per-track rubrics the overall ranking compares entries on the criteria every track
    // shares (each track is ranked on its own rubric); with none shared there is none.
    let per_track = config.per_track();
    let mut shared =
        (per_track && Rubrics::new(config, &field.ids).overall(config)).then(|| panel::shared_panel(&judges, field));
    if options.method.by_criterion() {
        panel.criteria = Some(panel::criterion_marks(&judges, config, false));
        if let Some(shared) = &mut shared {
            shared.criteria = Some(panel::criterion_marks(&judges, config, true));
        }
    }
    let has_overall = !per_track || shared.is_some();
    let method = match &options.method {
        Method::Sum { .. } => Method::Sum { judges: panel::chosen_judges(&panel, &chosen)? },
        other => other.clone(),
    };
    fits(&method, &panel, field)?;
    let mut built = Built {
        judges,
        warnings,
        breaks,
        panel,
        shared,
        per_track,
        has_overall,
        method,
        conflicts,
        conflicted,
        trainees,
        left_out,
        given,
        corrected: None,
    };
    if options.drift == DriftPolicy::Correct {
        take_out_drift(&mut built, field);
    }
    Ok(built)
}

/// With `merge.drift = "correct"`: each large drift (the ones the merge names: sure, and
/// large over the judge's time), found from the calibrated fit's residuals, subtracted from the
/// judge's totals about their mean time, and the panels built again from what is left. A drift
/// the marks cannot tell from none is reported and left in: taking out noise would move scores,
/// and break ties, on nothing (and on whatever times a file claims). The entries' qualities take
/// up a share of a judge's drift (a quarter, with four judges to an entry), so the first fit
/// finds only the rest: the fit is run again on what is left until no drift is left to take
/// out, and the drift reported for those judges is all that was taken out.
fn take_out_drift(built: &mut Built, field: &Field) {
    let mut taken: Vec<Option<Drift>> = vec![None; built.judges.len()];
    let mut chosen: Vec<bool> = Vec::new();
    for round in 0..DRIFT_ROUNDS {
        let fit = crate::merge::calibrated_fit(&built.panel);
        let found = drift::of(&built.panel, &fit, &built.given);
        // The judges to correct are chosen once, on the first fit, and reported as it found
        // them; later rounds finish their correction.
        if round == 0 {
            chosen = found.iter().map(|d| d.is_some_and(|d| d.large())).collect();
            taken.clone_from(&found);
        }
        if !chosen.contains(&true) {
            break;
        }
        let each = built.judges.iter_mut().zip(&built.given).zip(&found).zip(&mut taken).zip(&chosen);
        for ((((marks, given), d), total), chosen) in each {
            let Some(d) = d.filter(|_| *chosen) else { continue };
            let known: Vec<f64> = given.iter().filter_map(|g| g.at()).collect();
            let centre = known.iter().sum::<f64>() / known.len().max(1) as f64;
            for (row, at) in given.iter().enumerate() {
                let Some(at) = at.at() else { continue };
                marks.totals[row] = drift::corrected(marks.totals[row], at, centre, &d);
                if let Some(shared) = marks.shared_totals.get_mut(row) {
                    *shared = drift::corrected(*shared, at, centre, &d);
                }
            }
            // The first round's uncertainty is the estimate's; later rounds only finish it.
            if let Some(total) = total.as_mut().filter(|_| round > 0) {
                total.per_hour += d.per_hour;
            }
        }
        let criteria = built.panel.criteria.take();
        built.panel = Panel { criteria, ..panel::panel(&built.judges, field) };
        if let Some(shared) = &mut built.shared {
            let criteria = shared.criteria.take();
            *shared = Panel { criteria, ..panel::shared_panel(&built.judges, field) };
        }
        let left = found.iter().zip(&chosen).filter(|(_, chosen)| **chosen);
        if left.map(|(d, _)| d.map_or(0.0, |d| d.per_hour.abs())).all(|per_hour| per_hour < DRIFT_LEFT) {
            break;
        }
    }
    built.corrected = Some(taken);
}

/// The most fits a correction of drift runs, and the drift (points an hour) it may leave.
const DRIFT_ROUNDS: usize = 8;
const DRIFT_LEFT: f64 = 0.002;

/// Stage 2: the method's merged score of every entry overall, and beside it the figures every
/// ranking reads (per-entry statistics, criterion means, judges' habits, agreement, groups).
pub(super) struct Fitted {
    pub overall: Vec<Option<f64>>,
    /// Each entry's gap beyond its judges' habits (what contested is judged on), by field index.
    pub beyond: Vec<Option<f64>>,
    /// Each entry's two judges furthest apart beyond their habits, whose gap `beyond` is.
    pub furthest: Vec<Option<figures::Furthest>>,
    /// Which judges gave nearly the same total to every entry they scored, by judge index, and
    /// how many such judges each entry has, by field index.
    pub flat: Vec<bool>,
    pub flat_on: Vec<usize>,
    /// Each judge's leniency in the same fit, with its standard error, by judge index.
    pub leniency: Vec<crate::merge::leniency::Leniency>,
    /// Each judge's drift through the day, by judge index: as found before it was taken out,
    /// with `merge.drift = "correct"`.
    pub drift: Vec<Option<Drift>>,
    /// Each trainee against the same fit.
    pub trainees: Vec<super::TraineeLine>,
    /// Warnings about judges the calibrated fit held at a bound.
    pub held: Vec<String>,
    pub stats: EntryStats,
    /// `means[criterion][entry]`.
    pub means: Vec<Vec<Option<f64>>>,
    /// `standings[criterion][entry]`: the method's score and place on each criterion a prize
    /// ranks by.
    pub standings: Vec<Vec<Option<super::CriterionStanding>>>,
    pub habits: Vec<JudgeHabits>,
    pub agreement: (Vec<super::Concordance>, Option<super::PairAgreement>),
    /// Krippendorff's alpha over every entry's judges' totals.
    pub alpha: Option<super::Alpha>,
    pub groups: Vec<Vec<String>>,
    /// How many of each judge's totals round to each point of the scale, by judge index: worked
    /// out beside the fit, which the figures leave a core spare at the end of.
    pub histograms: Vec<Vec<usize>>,
}

fn fit(built: &Built, field: &Field, config: &Config, options: &Options) -> Result<Fitted, RankError> {
    let (panel, judges) = (&built.panel, &built.judges);
    let prized = if options.criterion_standings { criteria::prize_criteria(config) } else { Vec::new() };
    let (mut merged, mut standings, mut agreement, mut alpha) = (None, None, None, None);
    let (mut stats, mut means, mut habits, mut groups, mut histograms) = (None, None, None, None, None);
    // The calibrated fit of every entry's own total, which the figures around the merge read:
    // the merge's own where it is that one, else one more, beside it.
    let reuse = built.method == Method::Calibrated && built.has_overall && built.shared.is_none();
    let mut own_fit = None;
    // On every core, the longest first: the merge's fit (the calibrated fit is the longest step),
    // a prize's criterion (a fit as long), then the figures around them.
    let mut jobs: Vec<crate::parallel::Job> = vec![
        Box::new(|| merged = Some(merged_overall(built, field, reuse))),
        Box::new(|| {
            standings =
                Some(criteria::standings(judges, config.criteria.len(), &panel.entries, &built.method, &prized));
        }),
        Box::new(|| agreement = Some(figures::agreement(panel))),
        Box::new(|| alpha = Some(figures::alpha(panel))),
        Box::new(|| stats = Some(EntryStats::of(panel))),
        Box::new(|| means = Some(figures::criterion_means(judges.iter(), config.criteria.len(), field.entries.len()))),
        Box::new(|| habits = Some(agreement::judge_habits(panel))),
        Box::new(|| groups = Some(figures::judge_groups(panel))),
        Box::new(|| histograms = Some(figures::histograms(judges, scale_of(config)))),
    ];
    if !reuse {
        jobs.insert(1, Box::new(|| own_fit = Some(crate::merge::calibrated_fit(&built.panel))));
    }
    crate::parallel::run_all(jobs);
    let (
        Some((overall, held, reused)),
        Some(standings),
        Some(agreement),
        Some(alpha),
        Some(stats),
        Some(means),
        Some(habits),
        Some(groups),
        Some(histograms),
    ) = (merged, standings, agreement, alpha, stats, means, habits, groups, histograms)
    else {
        unreachable!("run_all runs every job, or resumes its panic");
    };
    if let Method::Trimmed { drop, .. } = built.method
        && !panel.marks.is_empty()
        && overall.iter().all(Option::is_none)
    {
        let most = stats.judges.iter().copied().max().unwrap_or(0);
        return Err(RankError::TrimTooDeep { drop, most });
    }
    // A sum that leaves every entry out ranks nothing: say so, rather than print empty rankings.
    if let Method::Sum { judges: chosen } = &built.method
        && built.has_overall
        && !panel.marks.is_empty()
        && overall.iter().all(Option::is_none)
    {
        let counted = if chosen.is_empty() { built.main().judges.len() } else { chosen.len() };
        let most = stats.judges.iter().copied().max().unwrap_or(0);
        return Err(RankError::SumEmpty { counted, most });
    }
    let Some(fit) = reused.or(own_fit) else { unreachable!("the merge's fit is reused, or one more was run") };
    let AroundTheFit { furthest, leniency, drift, trainees } = around_the_fit(built, &fit, scale_of(config));
    let beyond = furthest.iter().map(|f| f.map(figures::Furthest::gap)).collect();
    let flat = figures::flat_judges(&fit);
    let flat_on = figures::flat_on_each(&built.panel, &flat);
    let drift = built.corrected.clone().unwrap_or(drift);
    Ok(Fitted {
        overall,
        beyond,
        furthest,
        flat,
        flat_on,
        leniency,
        drift,
        trainees,
        held,
        stats,
        means,
        standings,
        habits,
        agreement,
        alpha,
        groups,
        histograms,
    })
}

/// The method's merged score of every entry overall, the warnings of the calibrated fit, and
/// that fit itself where the figures around the merge read it (`reuse`: the calibrated method on
/// every entry's own total).
fn merged_overall(built: &Built, field: &Field, reuse: bool) -> (Vec<Option<f64>>, Vec<String>, Option<Calibration>) {
    let main = built.main();
    match &built.method {
        _ if !built.has_overall => (vec![None; field.entries.len()], Vec::new(), None),
        Method::Calibrated => {
            let fit = crate::merge::calibrated_fit(main);
            let held = warnings::held(&fit, main);
            (fit.quality.clone(), held, reuse.then_some(fit))
        }
        method => (merge(main, method), Vec::new(), None),
    }
}

/// What the calibrated fit of every entry's own total says around the merge. Contested is judged
/// on what each judge's habits leave unexplained in it. Its pieces run on every core, the longest
/// (the drift, a line through every judge's marks) first.
fn around_the_fit(built: &Built, fit: &Calibration, scale: (i64, i64)) -> AroundTheFit {
    let (mut furthest, mut leniency, mut drift, mut trainees) = (None, None, None, None);
    crate::parallel::run_all(vec![
        Box::new(|| drift = Some(drift::of(&built.panel, fit, &built.given))),
        Box::new(|| furthest = Some(figures::furthest_beyond(&built.panel, fit, scale))),
        Box::new(|| leniency = Some(crate::merge::leniency::of(fit, &built.panel))),
        Box::new(|| trainees = Some(trainees::lines(&built.trainees, &fit.quality))),
    ]);
    let (Some(furthest), Some(leniency), Some(drift), Some(trainees)) = (furthest, leniency, drift, trainees) else {
        unreachable!("run_all runs every job, or resumes its panic");
    };
    AroundTheFit { furthest, leniency, drift, trainees }
}

/// What the calibrated fit of every entry's own total says beside the merge: each entry's gap
/// beyond its judges' habits, each judge's leniency and drift through the day (by judge index),
/// and how far each trainee agrees with the panel.
struct AroundTheFit {
    furthest: Vec<Option<figures::Furthest>>,
    leniency: Vec<crate::merge::leniency::Leniency>,
    drift: Vec<Option<Drift>>,
    trainees: Vec<super::TraineeLine>,
}

/// Stage 3: the rankings of every scope, what head-to-head majorities say of each, and the
/// tracks ranked on panels of their own.
pub(super) struct Ranked3 {
    pub rankings: super::Named,
    pub majorities: Vec<Majority>,
    pub compared: Vec<majority::Compared>,
    pub own: Vec<super::OwnPanel>,
}

fn rank_scopes(built: &Built, fitted: &Fitted, field: &Field, options: &Options, config: &Config) -> Ranked3 {
    let keys = figures::tie_break_keys(&built.breaks, &fitted.means, &fitted.stats);
    // In a sum, the judges that count for every entry: the chosen ones.
    let counted = match &built.method {
        Method::Sum { judges } if !judges.is_empty() => Some(judges.len()),
        _ => None,
    };
    let context = tracks::Context {
        stats: &fitted.stats,
        means: &fitted.means,
        keys: &keys,
        field,
        options,
        counted,
        conflicted: &built.conflicted,
        beyond: &fitted.beyond,
        flat: &fitted.flat_on,
        standings: &fitted.standings,
    };
    let (rankings, majorities, compared, own) =
        rank_each(&context, &built.scopes(), &built.method, &fitted.overall, config);
    Ranked3 { rankings, majorities, compared, own }
}

/// The rankings as they will be shown: places, flags and chances, and which paid places change
/// without one judge.
struct Scoped {
    rankings: super::Named,
    majorities: Vec<Majority>,
    compared: Vec<majority::Compared>,
    without_each: Option<Vec<super::WithoutOne>>,
    chance_draws: Vec<(usize, crate::merge::chances::Draws)>,
}

/// Stage 5: the figures the jury reads beside the rankings (each judge's line, the most
/// disagreed entries, differing revisions), and the files as read for every judge's view.
fn figures_for_the_jury(
    built: Built,
    fitted: Fitted,
    scoped: Scoped,
    mut warnings: Vec<String>,
    config: &Config,
    field: &Field,
    options: &Options,
) -> Rankings {
    let scale = scale_of(config);
    let lines = figures::judge_lines(
        fitted.habits,
        &fitted.leniency,
        &fitted.drift,
        &fitted.flat,
        &built.panel,
        fitted.histograms,
    );
    let disagreements = figures::disagreements(&fitted.stats, &fitted.beyond, &fitted.furthest, &built.panel, field);
    let ids: Vec<String> = field.entries.iter().map(|s| s.submission.id.clone()).collect();
    let differ = revisions_differ(&built.judges, &ids);
    if !differ.is_empty() {
        warnings.push(warnings::revisions(&differ));
    }
    let paid =
        scoped.rankings.iter().filter_map(|(name, _)| paid_places(config, name).map(|p| (name.clone(), p))).collect();
    let (concordance, pairwise) = fitted.agreement;
    let groups = fitted.groups;
    let titles = field.entries.iter().map(|s| s.submission.title.clone()).collect();
    let sheets = Sheets {
        ids,
        titles,
        leniency: lines.iter().map(|l| l.leniency).collect(),
        judges: built.judges,
        trainees: built.trainees,
    };
    Rankings {
        event: config.event.id.clone(),
        method: built.method.name().to_owned(),
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        tie_breaks: options.tie_breaks.clone(),
        scale_low: scale.0,
        min_judges: options.min_judges,
        contested_gap: options.contested_gap,
        concordance,
        pairwise,
        alpha: fitted.alpha,
        unscored: (0..field.entries.len())
            .filter(|e| fitted.stats.judges[*e] == 0)
            .map(|e| field.entries[e].submission.id.clone())
            .collect(),
        unscored_titles: (0..field.entries.len())
            .filter(|e| fitted.stats.judges[*e] == 0)
            .map(|e| field.entries[e].submission.title.clone())
            .collect(),
        not_ranked: not_ranked(&fitted.stats.judges, &scoped.rankings, &built.method, field),
        conflicts: built.conflicts,
        ineligible: Vec::new(),
        rankings: scoped.rankings,
        track_names: std::collections::BTreeMap::new(),
        majorities: scoped.majorities,
        compared: scoped.compared,
        rubrics: rubric_columns(config),
        paid,
        judge_groups: if groups.len() > 1 { groups } else { Vec::new() },
        judges: lines,
        disagreements,
        warnings,
        revisions_differ: differ,
        changed_after_deadline: Vec::new(),
        robustness: None,
        without_each: scoped.without_each,
        chance_draws: scoped.chance_draws,
        left_out: built.left_out,
        trainees: fitted.trainees,
        drift: options.drift,
        finals: Vec::new(),
        sheets,
        thin_judges: std::collections::BTreeMap::new(),
        lenient_judges: None,
    }
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
    std::iter::once((crate::config::OVERALL.to_owned(), ids(config.shared_criteria())))
        .chain(config.tracks.iter().map(|t| (t.id.clone(), ids(config.rubric(Some(&t.id))))))
        .collect()
}

/// The methods that rank by ranks or head-to-heads, which mean something only within a ranking.
fn by_ranks(method: &Method) -> bool {
    matches!(method, Method::RankSum | Method::Copeland | Method::Schulze)
}

/// Whether a track is merged on its own, not read from the overall merge. A track with its own
/// rubric is. Otherwise a judge's habits are the same in every track, so the methods that model
/// or standardise judges use all their marks; ranks and head-to-heads only mean something within
/// a track.
pub(super) fn ranked_alone(per_track: bool, method: &Method) -> bool {
    per_track || by_ranks(method)
}

/// A track's entries, as field indices.
pub(super) fn track_entries(field: &Field, track: &str) -> Vec<usize> {
    (0..field.entries.len()).filter(|e| field.entries[*e].submission.track.as_deref() == Some(track)).collect()
}

/// One scope ranked: its entries in order, what head-to-head majorities say, the marks they were
/// said from (where they were compared), and the track's own panel where it is ranked on one.
type ScopeRanked = (Vec<super::Ranked>, Majority, Option<Panel>, Option<Panel>);

/// The overall ranking (unless the tracks share no criterion), then each track's, with what
/// head-to-head majorities say about each, and the tracks ranked on panels of their own.
fn rank_each(
    context: &tracks::Context,
    scopes: &Scopes,
    method: &Method,
    overall: &[Option<f64>],
    config: &Config,
) -> (Named, Vec<Majority>, Vec<majority::Compared>, Vec<OwnPanel>) {
    let field = context.field;
    let order = method.order();
    // Each scope: its name, its entries, and whether it is a track.
    let mut each: Vec<(&str, Vec<usize>, bool)> = Vec::new();
    if scopes.has_overall {
        each.push((crate::config::OVERALL, (0..field.entries.len()).collect(), false));
    }
    each.extend(config.tracks.iter().map(|track| (track.id.as_str(), track_entries(field, &track.id), true)));
    // The scopes are ranked on every core: each is its own.
    let mut done: Vec<Option<ScopeRanked>> = each.iter().map(|_| None).collect();
    let jobs: Vec<crate::parallel::Job> = each
        .iter()
        .zip(&mut done)
        .map(|((name, keep, track), slot)| {
            Box::new(move || {
                if !track {
                    let first = context.ranking(overall, keep, order);
                    let said = majority::of(name, Some(scopes.main), keep, &first, field);
                    let marks = (keep.len() <= crate::merge::SCHULZE_MOST).then(|| scopes.main.clone());
                    *slot = Some((first, said, marks, None));
                    return;
                }
                // Head to head compares every pair: a track too large for it is not copied out for it.
                let alone = ranked_alone(scopes.per_track, method);
                let within =
                    (keep.len() <= crate::merge::SCHULZE_MOST || alone).then(|| panel::sub_panel(scopes.panel, keep));
                let merged = match &within {
                    Some(within) if alone => merge(within, method),
                    _ => keep.iter().map(|e| overall[*e]).collect(),
                };
                let ranked = context.ranking(&merged, keep, order);
                let said = majority::of(name, within.as_ref(), keep, &ranked, field);
                let marks = within.clone();
                *slot = Some((ranked, said, marks, within.filter(|_| scopes.per_track)));
            }) as crate::parallel::Job
        })
        .collect();
    crate::parallel::run_all(jobs);
    let (mut rankings, mut majorities, mut compared, mut own) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for ((name, keep, _), result) in each.into_iter().zip(done) {
        let Some((ranked, said, marks, within)) = result else {
            unreachable!("run_all runs every job, or resumes its panic")
        };
        majorities.push(said);
        if let Some(panel) = marks {
            compared.push(majority::Compared { ranking: rankings.len(), keep: keep.clone(), panel });
        }
        if let Some(within) = within {
            own.push((rankings.len(), keep, within));
        }
        rankings.push((name.to_owned(), ranked));
    }
    (rankings, majorities, compared, own)
}

/// Whether the method can rank this panel: the rank sum needs a complete panel, Schulze a field
/// it can finish in good time.
fn fits(method: &Method, panel: &crate::merge::Panel, field: &Field) -> Result<(), RankError> {
    // Quandt's rank sum adds each judge's rank of every entry: with entries seen by different
    // numbers of judges, an entry one judge ranked last can beat one that three ranked first.
    if *method == Method::RankSum {
        let mut counts = vec![0usize; field.entries.len()];
        panel.marks.iter().for_each(|m| counts[m.entry()] += 1);
        let seen: Vec<usize> = counts.into_iter().filter(|n| *n > 0).collect();
        let (fewest, most) = (seen.iter().min().copied().unwrap_or(0), seen.iter().max().copied().unwrap_or(0));
        let judges = panel.judges.len();
        if fewest != judges || most != judges {
            return Err(RankError::Incomplete { fewest, most, judges });
        }
    }
    if *method == Method::Schulze {
        let mut marked = vec![false; field.entries.len()];
        panel.marks.iter().for_each(|m| marked[m.entry()] = true);
        let scored = marked.iter().filter(|m| **m).count();
        if scored > crate::merge::SCHULZE_MOST {
            return Err(RankError::TooManyForSchulze { scored, most: crate::merge::SCHULZE_MOST });
        }
    }
    Ok(())
}

/// The entries some judge scored (`judges`, by entry) that are in none of the `rankings`: the
/// method gave them no score. Each is named with why, as the unscored ones are.
fn not_ranked(judges: &[usize], rankings: &super::Named, method: &Method, field: &Field) -> Vec<super::NotRanked> {
    // Hashed as the field's own index hashes ids: 10,000 ids through the standard library's
    // hasher were half a millisecond at the end of every merge.
    let ranked: std::collections::HashSet<&str, foldhash::fast::RandomState> =
        rankings.iter().flat_map(|(_, r)| r.iter().map(|e| e.id.as_str())).collect();
    let why = method.why_unranked();
    field
        .entries
        .iter()
        .zip(judges)
        .filter(|(s, n)| **n > 0 && !ranked.contains(s.submission.id.as_str()))
        .map(|(s, n)| super::NotRanked {
            id: s.submission.id.clone(),
            title: s.submission.title.clone(),
            judges: *n,
            why: why.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
