//! How a judge's marks moved through their judging time, beyond what the entries explain.
//!
//! The calibrated fit says what each judge would be expected to give each entry, from the
//! entry's quality and the judge's habits; what they gave differs by a residual. A judge who
//! warms up (or tires) through the day leaves residuals that climb (or fall) with the time of
//! scoring. For each judge the residuals are regressed on the hour each mark was given, by
//! ordinary least squares: the slope is their drift in points per hour, with its standard error
//! from the scatter left about the line. A judge's own leniency is the line's height and does not
//! count; only the slope does.
//!
//! Each residual is taken against what the entry's other judges say of it, as the fit reads
//! their marks (each mark, less its judge's leniency and over their severity, is a reading of
//! the entry's quality; the others' readings are averaged as least squares weighs them), never
//! against the entry's fitted quality: that quality is partly the judge's own mark, so with three
//! judges to an entry it would take up a third of the judge's drift and hide it, and hand the
//! rest to the judges who scored the same entries at the same hours. A mark no other judge's
//! mark can be set against says nothing of a drift.

use serde::{Deserialize, Serialize};

use super::{Calibration, Panel};

/// A judge with fewer marks than this (with a time) gets no drift: ten points say little of a
/// line, fewer say nothing the jury should read.
pub const LEAST_MARKS: usize = 10;

/// A judge whose marks with a time span less than this many hours gets no drift either: a rate
/// per hour read from minutes is noise.
pub const LEAST_HOURS: f64 = 0.5;

/// A drift that moves a judge's marks this many points or more over their judging time, and
/// that is at least [`SURE`] standard errors from none, is large: the merge names the judge.
pub const LARGE_POINTS: f64 = 0.5;

/// How many standard errors from zero a drift must be before it is called large rather than
/// the scatter of the marks.
pub const SURE: f64 = 2.0;

/// One judge's drift through their judging time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Drift {
    /// How far their marks moved per hour of judging, in rubric points, beyond what the entries
    /// and their habits explain: above 0 they rose through the day.
    pub per_hour: f64,
    /// Its standard error, in points per hour.
    pub error: f64,
    /// The marks with a time it rests on.
    pub marks: usize,
    /// Hours from their first mark to their last.
    pub hours: f64,
}

impl Drift {
    /// How far their marks moved from their first mark to their last, in points.
    pub fn over_their_time(&self) -> f64 {
        self.per_hour * self.hours
    }

    /// Whether the drift is large: half a point or more over their judging time, and surely not
    /// the scatter of the marks.
    pub fn large(&self) -> bool {
        self.over_their_time().abs() >= LARGE_POINTS && self.per_hour.abs() >= SURE * self.error
    }

    /// "+0.25 ± 0.03" points per hour, for a table.
    pub fn text(&self) -> String {
        format!("{} ± {:.2}", crate::format::signed(self.per_hour, 2), self.error)
    }
}

/// The least-squares line through (hour, residual) points: the drift, or `None` with fewer than
/// [`LEAST_MARKS`] points or spanning less than [`LEAST_HOURS`].
pub fn line(points: &[(f64, f64)]) -> Option<Drift> {
    let n = points.len();
    if n < LEAST_MARKS {
        return None;
    }
    let count = n as f64;
    let (mean_t, mean_r) = points.iter().fold((0.0, 0.0), |(t, r), p| (t + p.0 / count, r + p.1 / count));
    let (mut stt, mut str_) = (0.0, 0.0);
    for (t, r) in points {
        stt += (t - mean_t) * (t - mean_t);
        str_ += (t - mean_t) * (r - mean_r);
    }
    let (first, last) =
        points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (t, _)| (lo.min(*t), hi.max(*t)));
    if last - first < LEAST_HOURS || stt <= f64::EPSILON {
        return None;
    }
    let slope = str_ / stt;
    let left: f64 = points.iter().map(|(t, r)| (r - mean_r - slope * (t - mean_t)).powi(2)).sum();
    let error = (left / (count - 2.0) / stt).sqrt();
    Some(Drift { per_hour: slope, error, marks: n, hours: last - first })
}

/// When a mark was given, in Unix seconds, if its file says: eight bytes where an `Option<f64>`
/// takes sixteen. A merge keeps one for each of its half a million marks, and their fresh pages
/// were a tenth of the time its files took to read.
#[derive(Clone, Copy, PartialEq, Default)]
pub struct Given(f64);

impl Given {
    /// No time known. A time is never NaN: one is a file's whole seconds added as floats.
    pub const UNKNOWN: Given = Given(f64::NAN);

    pub fn new(at: Option<f64>) -> Given {
        at.map_or(Given::UNKNOWN, Given)
    }

    /// The Unix seconds, or `None` where the time is not known.
    pub fn at(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }
}

impl std::fmt::Debug for Given {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.at().fmt(f)
    }
}

/// Each judge's drift in `fit` of `panel`, by judge index, from when each mark was given
/// (`given[judge][k]`, Unix seconds, for the judge's `k`-th mark in the order of
/// [`Panel::marks`]; `None`, or nothing, for a mark without a time). Each mark is set against
/// what the entry's other judges say of it.
pub fn of(panel: &Panel, fit: &Calibration, given: &[Vec<Given>]) -> Vec<Option<Drift>> {
    let times = |judge: usize| given.get(judge).map_or(&[][..], Vec::as_slice);
    // What a mark says of its entry's quality, as the fit reads its judge, and how much it
    // weighs (a severe judge's points tell entries apart more surely against the same noise).
    let reading = |m: &super::Mark| -> Option<(f64, f64)> {
        let (lenient, severe) = (*fit.leniency.get(m.judge())?, *fit.severity.get(m.judge())?);
        (severe > 1e-9).then(|| (fit.middle + (m.value - fit.middle - lenient) / severe, severe * severe))
    };
    let (mut weight, mut weighted) = (vec![0.0; panel.entries.len()], vec![0.0; panel.entries.len()]);
    for m in &panel.marks {
        if let Some((quality, w)) = reading(m) {
            weight[m.entry()] += w;
            weighted[m.entry()] += w * quality;
        }
    }
    // A mark's point: the hour it was given and how far it sits from what the entry's other
    // judges say of it.
    let point = |m: &super::Mark, at: &Given| -> Option<(f64, f64)> {
        let (at, (quality, w)) = (at.at()?, reading(m)?);
        let others = weight[m.entry()] - w;
        if others <= 1e-9 {
            return None;
        }
        let theirs = (weighted[m.entry()] - w * quality) / others;
        let expected = fit.middle + fit.leniency[m.judge()] + fit.severity[m.judge()] * (theirs - fit.middle);
        Some((at / 3600.0, m.value - expected))
    };
    let mut drifts = vec![None; panel.judges.len()];
    if panel.marks.is_sorted_by_key(super::Mark::judge) {
        // Judge after judge, as the panel is built: one judge's points held at a time, not a
        // copy of every mark. Each judge's line is their own, so the judges are split in two
        // halves, one a core (the lines were four fifths of this, on one core).
        let mut runs: Vec<(&[super::Mark], &[Given])> = Vec::new();
        let mut at = 0;
        for marks in panel.marks.chunk_by(|a, b| a.judge() == b.judge()) {
            runs.push((marks, times(marks[0].judge())));
            at += marks.len();
        }
        let lines = |runs: &[(&[super::Mark], &[Given])]| -> Vec<(usize, Option<Drift>)> {
            let mut points = Vec::new();
            let mut lines = Vec::with_capacity(runs.len());
            for (marks, times) in runs {
                points.clear();
                points.extend(marks.iter().zip(*times).filter_map(|(m, t)| point(m, t)));
                lines.push((marks[0].judge(), line(&points)));
            }
            lines
        };
        // Halves of equal marks, not of equal judges: one judge may hold most of them.
        let (first, second) = runs.split_at(crate::parallel::half_way(runs.iter().map(|(marks, _)| marks.len())));
        let (a, b) = crate::parallel::both(at, || lines(first), || lines(second));
        for (judge, drift) in a.into_iter().chain(b) {
            drifts[judge] = drift;
        }
    } else {
        // Each judge's points allocated once, at most one a mark.
        let mut counts = vec![0usize; panel.judges.len()];
        for m in &panel.marks {
            counts[m.judge()] += 1;
        }
        let mut points: Vec<Vec<(f64, f64)>> = counts.into_iter().map(Vec::with_capacity).collect();
        // Each judge's next time: their marks come in their own order, among the others'.
        let mut next = vec![0usize; panel.judges.len()];
        for m in &panel.marks {
            let at = times(m.judge()).get(next[m.judge()]).copied().unwrap_or(Given::UNKNOWN);
            next[m.judge()] += 1;
            points[m.judge()].extend(point(m, &at));
        }
        drifts = points.iter().map(|p| line(p)).collect();
    }
    drifts
}

/// What a mark given at `at` (Unix seconds) is with the judge's drift taken out: the drift's
/// line, from the judge's mean time (`centre`, Unix seconds), subtracted. The judge's marks keep
/// their mean, so their leniency stays theirs.
pub fn corrected(value: f64, at: f64, centre: f64, drift: &Drift) -> f64 {
    value - drift.per_hour * (at - centre) / 3600.0
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Each judge's times from a list in the order of the panel's marks.
    fn by_judge(panel: &Panel, given: &[Option<f64>]) -> Vec<Vec<Given>> {
        let mut times = vec![Vec::new(); panel.judges.len()];
        for (m, at) in panel.marks.iter().zip(given) {
            times[m.judge()].push(Given::new(*at));
        }
        times
    }

    /// Points one an hour (or `step` hours apart), with a rise of `slope` an hour and a scatter
    /// that alternates ± `noise`.
    fn points(n: usize, step: f64, slope: f64, noise: f64) -> Vec<(f64, f64)> {
        (0..n)
            .map(|i| {
                let t = i as f64 * step;
                (t, slope * t + if i % 2 == 0 { noise } else { -noise })
            })
            .collect()
    }

    #[test]
    fn the_line_finds_the_slope_its_error_and_the_time_it_spans() {
        // (points, slope wanted, large?)
        type Case = (Vec<(f64, f64)>, Option<f64>, bool);
        let cases: [Case; 7] = [
            // A point over four hours, as steady as can be: large.
            (points(17, 0.25, 0.25, 0.0), Some(0.25), true),
            // The same rise through the scatter of a typical judge: still large.
            (points(17, 0.25, 0.25, 0.1), Some(0.25), true),
            // Steady: none.
            (points(17, 0.25, 0.0, 0.3), Some(0.0), false),
            // A fall of a point over four hours is as large.
            (points(17, 0.25, -0.25, 0.0), Some(-0.25), true),
            // Too few marks: no drift at all.
            (points(LEAST_MARKS - 1, 0.5, 0.25, 0.0), None, false),
            // Every mark at one moment: no line.
            (points(12, 0.0, 0.0, 0.2), None, false),
            // Twelve marks in twenty minutes: no rate per hour.
            (points(12, 1.0 / 33.0, 3.0, 0.0), None, false),
        ];
        for (k, (p, want, large)) in cases.into_iter().enumerate() {
            let got = line(&p);
            assert_eq!(got.map(|d| (d.per_hour * 1e6).round() / 1e6), want, "case {k}: {got:?}");
            assert_eq!(got.is_some_and(|d| d.large()), large, "case {k}: {got:?}");
            if let Some(d) = got {
                assert_eq!(d.marks, p.len(), "case {k}");
                assert!((d.hours - p.last().map_or(0.0, |l| l.0)).abs() < 1e-12, "case {k}");
            }
        }
    }

    #[test]
    fn a_small_rise_lost_in_the_scatter_is_not_large() {
        // A tenth of a point an hour, for two hours, under a scatter of a point: not large either
        // way (too small, and too unsure).
        let d = line(&points(12, 2.0 / 11.0, 0.1, 1.0)).expect("a line");
        assert!(d.error > 0.1, "{d:?}");
        assert!(!d.large(), "{d:?}");
    }

    /// Four judges mark the same 24 entries, one every ten minutes, each in an order of their own;
    /// marks are the entry's quality plus a scatter of up to 0.3 points. One judge's marks rise
    /// by a point over four hours. Returns the panel and when each mark was given.
    pub(crate) fn day(rising: usize) -> (Panel, Vec<Option<f64>>) {
        let mut random = crate::rng::SplitMix(28);
        let quality: Vec<f64> = (0..24).map(|_| 1.5 + 3.0 * random.uniform()).collect();
        let (mut marks, mut given) = (Vec::new(), Vec::new());
        for judge in 0..4 {
            // Each judge's own order of the entries, shuffled.
            let mut order: Vec<usize> = (0..24).collect();
            for k in (1..order.len()).rev() {
                order.swap(k, usize::try_from(random.next_u64() % (k as u64 + 1)).unwrap_or(0));
            }
            for (slot, &entry) in order.iter().enumerate() {
                let hours = slot as f64 / 6.0;
                let rise = if judge == rising { hours / 4.0 } else { 0.0 };
                let scatter = 0.6 * random.uniform() - 0.3;
                marks.push(super::super::Mark::new(judge, entry, quality[entry] + rise + scatter));
                given.push(Some(1_781_000_000.0 + hours * 3600.0));
            }
        }
        let panel = Panel {
            judges: ["steady", "calm", "even", "rising"].map(String::from).to_vec(),
            entries: (0..24).map(|e| format!("e{e}")).collect(),
            marks,
            criteria: None,
        };
        (panel, given)
    }

    #[test]
    fn a_steady_judge_and_one_whose_marks_rise_a_point_over_four_hours_are_told_apart() {
        let (panel, given) = day(3);
        let fit = super::super::calibrated_fit(&panel);
        let drift = of(&panel, &fit, &by_judge(&panel, &given));
        let rising = drift[3].expect("24 marks with times");
        // Against the entries' other judges, the whole rise shows.
        assert!((0.2..0.3).contains(&rising.per_hour), "{rising:?}");
        assert!(rising.large(), "{rising:?}");
        for steady in &drift[..3] {
            let steady = steady.expect("24 marks with times");
            assert!(steady.per_hour.abs() < 0.1, "{steady:?}");
            assert!(!steady.large(), "{steady:?}");
        }
        // Without times, or with too few marks, there is nothing to say.
        assert!(of(&panel, &fit, &by_judge(&panel, &vec![None; given.len()])).iter().all(Option::is_none));
    }

    /// The panel's marks interleaved judge by judge (not judge after judge, as a merge builds it)
    /// give each judge the same drift (the entries' sums, added in another order, differ in
    /// their last bits only).
    #[test]
    fn the_drift_does_not_depend_on_the_order_of_the_judges_marks() {
        let (panel, given) = day(3);
        let fit = super::super::calibrated_fit(&panel);
        let mut order: Vec<usize> = (0..panel.marks.len()).collect();
        // Each judge's marks stay in their order; the judges take turns.
        order.sort_by_key(|i| (i % 24, i / 24));
        let interleaved = Panel { marks: order.iter().map(|i| panel.marks[*i]).collect(), ..panel.clone() };
        let times: Vec<Option<f64>> = order.iter().map(|i| given[*i]).collect();
        let (a, b) =
            (of(&interleaved, &fit, &by_judge(&interleaved, &times)), of(&panel, &fit, &by_judge(&panel, &given)));
        for (a, b) in a.iter().zip(&b) {
            let (a, b) = (a.expect("24 marks with times"), b.expect("24 marks with times"));
            assert!((a.per_hour - b.per_hour).abs() < 1e-12 && (a.error - b.error).abs() < 1e-12, "{a:?} {b:?}");
            assert_eq!((a.marks, a.hours), (b.marks, b.hours));
        }
    }

    /// A panel big enough that the judges' lines are drawn on two threads, one judge holding
    /// half of its marks (so the halves are not of equal judges): every drift comes out as the
    /// one-thread reading of the same marks interleaved gives it, to the bit (with two judges
    /// to an entry, the entries' sums are the same in either order).
    #[test]
    fn the_judges_lines_drawn_on_two_threads_are_the_ones_drawn_on_one() {
        let (entries, first) = (60_000, 15_000);
        let (mut marks, mut given) = (Vec::new(), Vec::new());
        let mut random = crate::rng::SplitMix(7);
        let mut mark = |judge: usize, entry: usize, slot: usize, rise: f64| {
            let hours = slot as f64 / 2000.0;
            let value = 3.0 + (entry % 5) as f64 * 0.5 + rise * hours + 0.6 * random.uniform() - 0.3;
            marks.push(super::super::Mark::new(judge, entry, value));
            given.push(Some(1_781_000_000.0 + hours * 3600.0));
        };
        for entry in 0..entries {
            mark(0, entry, entry, 0.0);
        }
        for judge in 1..5 {
            for (slot, entry) in ((judge - 1) * first..judge * first).enumerate() {
                mark(judge, entry, slot, 0.1 * judge as f64);
            }
        }
        assert!(marks.len() >= 100_000, "enough marks for two threads");
        let panel = Panel {
            judges: (0..5).map(|j| format!("j{j}")).collect(),
            entries: (0..entries).map(|e| format!("e{e}")).collect(),
            marks,
            criteria: None,
        };
        let fit = Calibration {
            quality: vec![None; entries],
            leniency: vec![0.0, 0.1, -0.1, 0.2, 0.0],
            severity: vec![1.0, 1.1, 0.9, 1.0, 1.2],
            held: vec![None; 5],
            panel: super::super::PanelSpread { leniency: 0.0, severity: 0.0, noise: 0.0 },
            middle: 3.5,
        };
        // Judge by judge in turns, each judge's marks in their order: the other way of reading
        // the panel, on one thread.
        let runs: Vec<std::ops::Range<usize>> =
            (0..5).map(|j| if j == 0 { 0..entries } else { entries + (j - 1) * first..entries + j * first }).collect();
        let order: Vec<usize> = (0..entries).flat_map(|k| runs.iter().filter_map(move |r| r.clone().nth(k))).collect();
        assert_eq!(order.len(), panel.marks.len());
        let interleaved = Panel { marks: order.iter().map(|i| panel.marks[*i]).collect(), ..panel.clone() };
        let times: Vec<Option<f64>> = order.iter().map(|i| given[*i]).collect();
        let (split, one) =
            (of(&panel, &fit, &by_judge(&panel, &given)), of(&interleaved, &fit, &by_judge(&interleaved, &times)));
        assert_eq!(split, one);
        assert!(split.iter().all(Option::is_some), "every judge has a line: {split:?}");
        // The judges' own rises, as drawn, tell them apart.
        let rise = |j: usize| split[j].map_or(0.0, |d| d.per_hour);
        assert!(rise(1) < rise(2) && rise(2) < rise(3) && rise(3) < rise(4), "{split:?}");
    }

    #[test]
    fn correcting_takes_the_line_out_about_the_judges_mean_time() {
        let drift = Drift { per_hour: 0.25, error: 0.01, marks: 12, hours: 4.0 };
        let centre = 10_000.0;
        // Two hours after the mean time, half a point is taken off; two hours before, added.
        assert!((corrected(4.0, centre + 7200.0, centre, &drift) - 3.5).abs() < 1e-12);
        assert!((corrected(4.0, centre - 7200.0, centre, &drift) - 4.5).abs() < 1e-12);
        assert!((corrected(4.0, centre, centre, &drift) - 4.0).abs() < 1e-12);
    }
}
