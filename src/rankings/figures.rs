//! The figures around a merge: each entry's mean per criterion, the tie-break keys, each judge's
//! habits and histogram, how far judges agree, and the entries they disagree on most.

use super::{Concordance, Disagreement, Field, JudgeLine, JudgeMarks, PairAgreement};
use crate::config::TieBreak;
use crate::merge::Panel;
use crate::merge::agreement::{EntryStats, JudgeHabits, Overlap};

/// Judge pairs are compared on this many shared entries or more.
pub(super) const PAIR_SHARED: usize = 3;

/// How many of the most disagreed entries the rankings list.
const DISAGREEMENTS: usize = 10;

/// Each entry's mean on each criterion over its judges (`means[criterion][entry]`): `None`
/// where no judge scored it.
pub(super) fn criterion_means<'j>(
    judges: impl Iterator<Item = &'j JudgeMarks>,
    criteria: usize,
    entries: usize,
) -> Vec<Vec<Option<f64>>> {
    // No criterion, no means (and no rows of values to read in chunks of none).
    if criteria == 0 {
        return Vec::new();
    }
    let (mut sums, mut counts) = (vec![vec![0.0; entries]; criteria], vec![vec![0usize; entries]; criteria]);
    for j in judges {
        // Row by row, each row's values together: 1.5 million values indexed one by one took
        // twice as long.
        for (entry, values) in j.entries.iter().zip(j.values.chunks_exact(criteria)) {
            for ((sum, count), value) in sums.iter_mut().zip(&mut counts).zip(values) {
                // A criterion off the entry's rubric has no value, and no mean.
                if let Some(v) = value {
                    sum[*entry] += f64::from(*v);
                    count[*entry] += 1;
                }
            }
        }
    }
    sums.into_iter()
        .zip(counts)
        .map(|(sum, count)| sum.iter().zip(&count).map(|(s, n)| (*n > 0).then(|| s / *n as f64)).collect())
        .collect()
}

/// Each tie-break as a value per entry, higher better.
pub(super) fn tie_break_keys(breaks: &[TieBreak], means: &[Vec<Option<f64>>], stats: &EntryStats) -> Vec<Vec<f64>> {
    breaks
        .iter()
        .map(|b| match b {
            TieBreak::Judges => stats.judges.iter().map(|n| *n as f64).collect(),
            // One judge's gap of 0 says nothing of agreement: unknown agreement goes last.
            TieBreak::Agreement => {
                stats.gap.iter().zip(&stats.judges).map(|(g, n)| if *n >= 2 { -g } else { f64::NEG_INFINITY }).collect()
            }
            TieBreak::Criterion(c) => means[*c].iter().map(|v| v.unwrap_or(f64::NEG_INFINITY)).collect(),
        })
        .collect()
}

/// Each entry's gap beyond its judges' habits: what each judge gave less what the calibrated fit
/// expects of them (their leniency and severity applied to the entry's quality), highest less
/// lowest, in rubric points. A lenient and a harsh judge who order entries alike leave little;
/// two who order them oppositely leave much. `None` with fewer than two judges.
#[cfg(test)]
pub(super) fn beyond_habits(panel: &Panel, fit: &crate::merge::Calibration, scale: (i64, i64)) -> Vec<Option<f64>> {
    furthest_beyond(panel, fit, scale).iter().map(|f| f.map(Furthest::gap)).collect()
}

/// The two judges of an entry furthest apart beyond their habits: the one whose mark falls
/// furthest under what their habits predict of it, and the one furthest over, each by judge
/// index with how far (points; under is negative). Their difference is the entry's gap beyond
/// habits, so the judges named beside BEYOND are the ones it measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Furthest {
    pub below: (usize, f64),
    pub above: (usize, f64),
}

impl Furthest {
    /// The entry's gap beyond habits: the one over less the one under.
    pub fn gap(self) -> f64 {
        self.above.1 - self.below.1
    }
}

/// Each entry's [`Furthest`] pair, as [`beyond_habits`] measures them; `None` with fewer than
/// two judges. A judge who gave every entry nearly the same total ([`flat_judges`]) is left out:
/// what their habits predict is an artifact of the least severity the fit holds them at, so a 5
/// like all their 5s had read as "over their habit" and could make an entry contested.
pub(super) fn furthest_beyond(
    panel: &Panel,
    fit: &crate::merge::Calibration,
    scale: (i64, i64),
) -> Vec<Option<Furthest>> {
    let n = panel.entries.len();
    let (mut low, mut high, mut count) =
        (vec![(0, f64::INFINITY); n], vec![(0, f64::NEG_INFINITY); n], vec![0usize; n]);
    // What habits predict stays on the scale: a lenient judge expected to give 6.1 out of 5 can
    // give 5 at most, and that 5 is no disagreement (two 5s had read 2 points apart).
    let (bottom, top) = (scale.0 as f64, scale.1 as f64);
    let flat = flat_judges(fit);
    for m in &panel.marks {
        if flat.get(m.judge()).copied().unwrap_or(false) {
            continue;
        }
        let Some(expected) = fit.expected(m.judge(), m.entry()) else { continue };
        let left = m.value - expected.clamp(bottom.min(top), top.max(bottom));
        if left < low[m.entry()].1 {
            low[m.entry()] = (m.judge(), left);
        }
        if left > high[m.entry()].1 {
            high[m.entry()] = (m.judge(), left);
        }
        count[m.entry()] += 1;
    }
    (0..n).map(|e| (count[e] >= 2).then_some(Furthest { below: low[e], above: high[e] })).collect()
}

/// Which judges gave nearly the same total to every entry they scored, by judge index: those the
/// calibrated fit holds at its least severity, whose marks tell entries apart too little to count
/// towards an entry's judges for thin. One rule for the merge and `judging status`.
pub fn flat_judges(fit: &crate::merge::Calibration) -> Vec<bool> {
    fit.held.iter().map(|h| *h == Some(crate::merge::Held::Narrow)).collect()
}

/// How many of each entry's judges are `flat`, by entry index.
pub fn flat_on_each(panel: &Panel, flat: &[bool]) -> Vec<usize> {
    let mut on = vec![0; panel.entries.len()];
    for m in panel.marks.iter().filter(|m| flat.get(m.judge()).copied().unwrap_or(false)) {
        on[m.entry()] += 1;
    }
    on
}

/// One line per judge: their habits beside the panel's, their leniency as the calibrated fit
/// found it and their drift through the day (`fitted` and `drift`, by judge index), and their
/// totals over the scale.
pub(super) fn judge_lines(
    habits: Vec<JudgeHabits>,
    fitted: &[crate::merge::leniency::Leniency],
    drift: &[Option<crate::merge::drift::Drift>],
    flat: &[bool],
    panel: &Panel,
    mut histograms: Vec<Vec<usize>>,
) -> Vec<JudgeLine> {
    habits
        .into_iter()
        .map(|h| JudgeLine {
            judge: panel.judges[h.judge].clone(),
            entries: h.marks,
            leniency: h.leniency,
            spread: h.spread,
            histogram: histograms.get_mut(h.judge).map(std::mem::take).unwrap_or_default(),
            fitted: fitted.get(h.judge).copied(),
            drift: drift.get(h.judge).copied().flatten(),
            flat: flat.get(h.judge).copied().unwrap_or(false),
        })
        .collect()
}

/// Each judge's [`histogram`], by judge index.
pub(super) fn histograms(judges: &[JudgeMarks], scale: (i64, i64)) -> Vec<Vec<usize>> {
    judges.iter().map(|j| histogram(&j.totals, scale)).collect()
}

/// How many totals round to each point of the scale, lowest first.
fn histogram(totals: &[f64], (low, high): (i64, i64)) -> Vec<usize> {
    let mut bins = vec![0; usize::try_from(high - low + 1).unwrap_or(1).max(1)];
    let last = (bins.len() - 1) as f64;
    for t in totals {
        // Clamped to 0..=last first: the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let bin = (t.round() - low as f64).clamp(0.0, last) as usize;
        bins[bin] += 1;
    }
    bins
}

/// Kendall's W for each group of judges who marked the same entries, and over the judge pairs
/// whose entries overlap.
pub(super) fn agreement(panel: &Panel) -> (Vec<Concordance>, Option<PairAgreement>) {
    let overlap = Overlap::of(panel);
    let groups = overlap
        .concordance()
        .into_iter()
        .map(|(judges, entries, w, w_tie_corrected)| Concordance {
            judges: judges.iter().map(|j| panel.judges[*j].clone()).collect(),
            entries,
            w,
            w_tie_corrected,
        })
        .collect();
    let pairs = overlap.pairwise(PAIR_SHARED).map(|(pairs, w, w_tie_corrected)| PairAgreement {
        pairs,
        shared_at_least: PAIR_SHARED,
        w,
        w_tie_corrected,
    });
    (groups, pairs)
}

/// The entries the judges disagree on most, with the judges furthest apart: the furthest apart
/// beyond their habits first, as contested is judged, so that a judge who gives every entry a 5
/// and a harsh judge who agrees with the others' order do not fill the list with the entries
/// they both happened to score (the plain gap breaks ties, then the order of the field).
pub(super) fn disagreements(
    stats: &EntryStats,
    beyond: &[Option<f64>],
    furthest: &[Option<Furthest>],
    panel: &Panel,
    field: &Field,
) -> Vec<Disagreement> {
    let beyond_of = |e: usize| beyond.get(e).copied().flatten();
    let mut apart = stats.most_disagreed(usize::MAX);
    apart.sort_by(|a, b| {
        let key = |e: usize| beyond_of(e).unwrap_or(f64::NEG_INFINITY);
        key(*b).total_cmp(&key(*a)).then(stats.gap[*b].total_cmp(&stats.gap[*a])).then(a.cmp(b))
    });
    apart
        .into_iter()
        .take(DISAGREEMENTS)
        .filter_map(|e| {
            let ((lo_judge, lo), (hi_judge, hi)) = (stats.lowest[e]?, stats.highest[e]?);
            let sub = &field.entries[e].submission;
            let far = furthest.get(e).copied().flatten();
            let named = |(judge, left): (usize, f64)| (panel.judges[judge].clone(), left);
            Some(Disagreement {
                id: sub.id.clone(),
                title: sub.title.clone(),
                judges: stats.judges[e],
                gap: stats.gap[e],
                beyond: beyond_of(e),
                lowest: (panel.judges[lo_judge].clone(), lo),
                highest: (panel.judges[hi_judge].clone(), hi),
                below: far.map(|f| named(f.below)),
                above: far.map(|f| named(f.above)),
            })
        })
        .collect()
}

/// The groups of judges linked by shared entries, by name.
pub(super) fn judge_groups(panel: &Panel) -> Vec<Vec<String>> {
    // Each mark links its judge with the entry's first judge: all a group needs.
    let mut first: Vec<Option<usize>> = vec![None; panel.entries.len()];
    let links = panel.marks.iter().map(|m| [*first[m.entry()].get_or_insert(m.judge()), m.judge()]);
    crate::merge::agreement::judge_groups(panel.judges.len(), links)
        .into_iter()
        .map(|g| g.into_iter().map(|j| panel.judges[j].clone()).collect())
        .collect()
}

/// Krippendorff's alpha, interval and ordinal, over each entry's judges' totals.
pub(super) fn alpha(panel: &Panel) -> Option<super::Alpha> {
    use crate::merge::alpha::{Level, of_marks};
    let marks = || panel.marks.iter().map(|m| (m.entry(), m.value));
    let mut judged = vec![0usize; panel.entries.len()];
    for (e, _) in marks() {
        judged[e] += 1;
    }
    let entries = judged.iter().filter(|n| **n >= 2).count();
    let interval = of_marks(judged.len(), marks, Level::Interval)?;
    let ordinal = of_marks(judged.len(), marks, Level::Ordinal)?;
    Some(super::Alpha { interval, ordinal, entries })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::Method;

    #[test]
    fn histograms_round_totals_onto_the_scale() {
        type Case<'a> = (&'a [f64], (i64, i64), &'a [usize]);
        let cases: [Case; 3] = [
            (&[1.0, 1.4, 2.6, 5.0], (1, 5), &[2, 0, 1, 0, 1]),
            (&[0.2, 9.9], (1, 5), &[1, 0, 0, 0, 1]),
            (&[], (0, 2), &[0, 0, 0]),
        ];
        for (totals, scale, want) in cases {
            assert_eq!(histogram(totals, scale), want, "{totals:?}");
        }
    }

    /// Two judges' totals over the same entries as a panel.
    fn two_judges(a: &[f64], b: &[f64]) -> Panel {
        let marks = |judge: usize, totals: &[f64]| -> Vec<crate::merge::Mark> {
            totals.iter().enumerate().map(|(entry, value)| crate::merge::Mark::new(judge, entry, *value)).collect()
        };
        Panel {
            judges: vec!["lenient".into(), "harsh".into()],
            entries: (0..a.len()).map(|e| format!("e{e}")).collect(),
            marks: marks(0, a).into_iter().chain(marks(1, b)).collect(),
            criteria: None,
        }
    }

    /// Contested is disagreement beyond habits: a lenient and a harsh judge who order the
    /// entries alike are two points apart on each (the plain gap would call every one
    /// contested), and nothing is left once their habits are taken out; two judges who order
    /// them oppositely are as far apart as ever on the entries at either end.
    #[test]
    fn beyond_habits_a_lenient_and_a_harsh_judge_agree_and_opposite_orders_do_not() {
        let quality = [2.0, 2.5, 3.0, 3.25, 3.5, 4.0];
        let lenient: Vec<f64> = quality.iter().map(|q| q + 1.0).collect();
        let harsh: Vec<f64> = quality.iter().map(|q| q - 1.0).collect();
        let alike = two_judges(&lenient, &harsh);
        let stats = EntryStats::of(&alike);
        assert!(stats.gap.iter().all(|g| (g - 2.0).abs() < 1e-9), "two points apart on each: {:?}", stats.gap);
        let beyond = beyond_habits(&alike, &crate::merge::calibrated_fit(&alike), (-100, 100));
        for (e, g) in beyond.iter().enumerate() {
            let g = g.expect("two judges");
            assert!(g < 0.25, "entry {e}: {g} beyond habits, where their orders agree: {beyond:?}");
        }
        let up = [1.0, 2.0, 3.0, 4.0, 5.0];
        let down: Vec<f64> = up.iter().rev().copied().collect();
        let opposite = two_judges(&up, &down);
        let beyond = beyond_habits(&opposite, &crate::merge::calibrated_fit(&opposite), (-100, 100));
        let apart = |e: usize| beyond[e].expect("two judges");
        for e in [0, 4] {
            assert!(apart(e) >= crate::config::CONTESTED_GAP, "entry {e}: {beyond:?}");
        }
        assert!(apart(2) < 0.25, "the middle entry, where they agree: {beyond:?}");
        let one = two_judges(&[3.0], &[]);
        assert_eq!(beyond_habits(&one, &crate::merge::calibrated_fit(&one), (1, 5)), [None], "one judge has no gap");
    }

    /// Two 5s, from a lenient and a harsh judge, on an entry both think the best, are not two
    /// points apart: what habits predict stays on the scale, and the lenient judge, expected
    /// past 5, can give 5 at most.
    #[test]
    fn beyond_habits_keeps_what_habits_predict_on_the_scale() {
        let quality = [1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.3];
        let lenient: Vec<f64> = quality.iter().map(|q: &f64| (q + 1.5).min(5.0)).collect();
        let mut harsh: Vec<f64> = quality.iter().map(|q: &f64| (q - 0.5).max(1.0)).collect();
        harsh[6] = 5.0;
        let panel = two_judges(&lenient, &harsh);
        let fit = crate::merge::calibrated_fit(&panel);
        let on_scale = beyond_habits(&panel, &fit, (1, 5))[6].expect("two judges");
        let off_scale = beyond_habits(&panel, &fit, (-100, 100))[6].expect("two judges");
        assert!(on_scale < off_scale, "{on_scale} against {off_scale}");
        assert!(on_scale < crate::config::CONTESTED_GAP, "two 5s are not contested: {on_scale}");
    }

    /// A judge who gives every entry a 5 tells the merge nothing of which is better: an entry
    /// only they and one other judge scored is thin, under every method, with both judges
    /// still counted in JUDGES; the legend says who is not counted and why, and a warning names
    /// them whatever the method. Without the flat judge nothing is said.
    #[test]
    fn a_judge_who_gave_every_entry_the_same_total_does_not_count_for_thin() {
        use super::super::robustness::tests::{backyard, judge_of as of};
        use super::super::{Flag, Options, rank_all};
        let shared = [(0, 4), (1, 4), (2, 3), (3, 3), (4, 2)];
        let panel = |flat: bool| {
            let mut judges = vec![
                of("ana", &[shared.as_slice(), &[(5, 4)]].concat()),
                of("bo", &shared),
                of("cy", &[(0, 5), (1, 4), (2, 4), (3, 3), (4, 2)]),
            ];
            if flat {
                judges.push(of("all-fives", &[(0, 5), (2, 5), (4, 5), (5, 5)]));
            }
            judges
        };
        let subs = backyard(6);
        let field = Field::new(&subs);
        let config = crate::config::Config::builtin();
        for method in [Method::Calibrated, Method::Mean, Method::Median] {
            let r = rank_all(panel(true), &config, &field, &Options::new(method.clone(), &config)).expect("ranks");
            let f = r.rankings[0].1.iter().find(|e| e.id == "f").expect("f");
            assert_eq!((f.judges, f.flat, f.telling()), (2, 1, 1), "{method:?}");
            assert!(f.has(Flag::Thin), "{method:?}: ana and all-fives alone scored f: {f:?}");
            let a = r.rankings[0].1.iter().find(|e| e.id == "a").expect("a");
            assert!(!a.has(Flag::Thin), "{method:?}: a has three judges besides: {a:?}");
            assert!(r.legend().contains("fewer than 2 judges whose marks tell entries apart (all-fives, who gave nearly the same total to every entry they scored, is not counted)"), "{}", r.legend());
            let said: Vec<&String> =
                r.warnings.iter().filter(|w| w.contains("\"all-fives\" gave nearly the same total")).collect();
            assert_eq!(said.len(), 1, "{method:?}: {:?}", r.warnings);
            assert!(said[0].contains("they do not count towards an entry's judges for thin"), "{said:?}");
            assert_eq!(r.judges.iter().filter(|j| j.flat).map(|j| j.judge.as_str()).collect::<Vec<_>>(), ["all-fives"]);
            // Beside their marks of an entry too (`merge --entry`, the head judge's screen), in
            // the warning's words.
            let view = r.panel_of("f").expect("f");
            let marked: Vec<&str> = view.judges.iter().filter(|j| j.flat).map(|j| j.judge.as_str()).collect();
            assert_eq!(marked, ["all-fives"], "{method:?}");
            let line = view.flat_said(str::to_owned).expect("said");
            assert!(
                line.starts_with("all-fives (flat) gave nearly the same total to every entry they scored"),
                "{line}"
            );
            assert!(line.contains("they do not count towards an entry's judges for thin"), "{line}");
            let table = crate::report::entry::table(&view, &config.tracks, Some(80));
            assert!(table.contains("\nall-fives (flat)  ") && table.contains(&line), "{table}");
            assert!(crate::report::entry::markdown(&view, &config.tracks).contains(&line));
            let without =
                rank_all(panel(false), &config, &field, &Options::new(method.clone(), &config)).expect("ranks");
            assert!(without.judges.iter().all(|j| !j.flat) && without.legend().contains("thin = fewer than 2 judges;"));
            assert_eq!(without.panel_of("a").and_then(|v| v.flat_said(str::to_owned)), None);
        }
    }

    #[test]
    fn criterion_means_are_none_where_no_judge_scored() {
        let judge = |entries: Vec<usize>, values: Vec<Option<u8>>| JudgeMarks {
            judge: "j".into(),
            written_at: String::new(),
            file: String::new(),
            digest: String::new(),
            totals: vec![0.0; entries.len()],
            entries,
            values,
            ..JudgeMarks::default()
        };
        // The second judge's entry 2 is off the second criterion's rubric: no value, no mean.
        let judges = [judge(vec![0], vec![Some(4), Some(2)]), judge(vec![0, 2], vec![Some(2), Some(4), Some(5), None])];
        let means = criterion_means(judges.iter(), 2, 3);
        assert_eq!(means[0], [Some(3.0), None, Some(5.0)]);
        assert_eq!(means[1], [Some(3.0), None, None]);
    }

    /// A judge who gives every entry a 5 and a harsh one who orders the entries as the others
    /// do are far apart on every entry they share, by habit; two judges who order one entry
    /// oppositely disagree on it. The list of the most disagreed names that entry first, as
    /// contested does, not the habits' entries by their plain gap.
    #[test]
    fn the_most_disagreed_are_those_apart_beyond_their_habits() {
        use super::super::robustness::tests::{backyard, judge_of as of};
        use super::super::{Options, rank_all};
        let agreed = [(0, 4), (1, 4), (2, 3), (3, 3), (4, 2)];
        let judges = vec![
            of("ana", &[agreed.as_slice(), &[(5, 5)]].concat()),
            of("bo", &[agreed.as_slice(), &[(5, 2)]].concat()),
            of("cy", &agreed),
            of("all-fives", &[(0, 5), (1, 5), (2, 5), (3, 5), (4, 5)]),
            of("harsh", &[(0, 2), (1, 2), (2, 1), (3, 1), (4, 1)]),
        ];
        let subs = backyard(6);
        let field = Field::new(&subs);
        let config = crate::config::Config::builtin();
        let r = rank_all(judges, &config, &field, &Options::new(Method::Calibrated, &config)).expect("ranks");
        let first = &r.disagreements[0];
        assert_eq!(first.id, "f", "{:?}", r.disagreements);
        assert!(first.gap < r.disagreements[1].gap, "f is the least apart by the plain gap: {:?}", r.disagreements);
        let beyond: Vec<f64> = r.disagreements.iter().map(|d| d.beyond.expect("two judges or more")).collect();
        assert!(beyond.windows(2).all(|w| w[0] >= w[1]), "ordered by BEYOND: {beyond:?}");
        // The judges named beside BEYOND are the two it measures: the one furthest under their
        // habits and the one furthest over, BEYOND apart; on f, bo's 2 and ana's 5.
        for d in &r.disagreements {
            let (Some(below), Some(above)) = (&d.below, &d.above) else { panic!("a pair: {d:?}") };
            assert!((above.1 - below.1 - d.beyond.expect("two judges")).abs() < 1e-12, "{d:?}");
        }
        assert_eq!(
            (first.below.as_ref().map(|b| b.0.as_str()), first.above.as_ref().map(|a| a.0.as_str())),
            (Some("bo"), Some("ana"))
        );
        // Where the all-fives judge gives the highest total by habit alone, the pair beyond
        // habits is another: the list is about disagreement. Nor is the all-fives judge, whose
        // marks tell entries apart too little, ever one of a pair: their 5s are all alike.
        let a = r.disagreements.iter().find(|d| d.id == "a").expect("a");
        assert_eq!((a.lowest.0.as_str(), a.highest.0.as_str()), ("harsh", "all-fives"));
        let named = |d: &Disagreement| [d.below.clone(), d.above.clone()].into_iter().flatten().map(|p| p.0);
        assert!(r.disagreements.iter().flat_map(named).all(|j| j != "all-fives"), "{:?}", r.disagreements);
    }
}
