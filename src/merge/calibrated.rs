//! Reviewer calibration: each mark is modelled as `leniency[judge] + severity[judge] * quality[entry]`
//! plus noise, and all three are fitted together over the whole panel.
//!
//! Fitting jointly is what separates a lenient judge from one who happened to see strong entries:
//! an entry's quality is estimated from every judge who saw it, each judge's habits from every
//! entry they saw, back and forth until nothing moves.
//!
//! Every judge's order counts the same: a judge's severity is the spread of their marks against
//! the spread of the entries they saw, not how well they agree with the others, so a judge who
//! disagrees is never silenced. Habits are shrunk towards the typical judge's by evidence (a judge
//! with few marks is taken as mostly typical), so on a panel where every judge marked every entry
//! the fit sits between the plain mean and per-judge z and agrees with both wherever they agree.

use super::{Panel, mean, spread};

/// The fitted model, on the scale of the marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Each entry's estimated quality, as a mark a typical judge would give; `None` if unmarked.
    pub quality: Vec<Option<f64>>,
    /// How much higher than a typical judge each judge marks, in marks.
    pub leniency: Vec<f64>,
    /// How far each judge's marks stretch per step of quality: 1 is typical, above 1 harsh on weak
    /// entries and generous to strong ones, below 1 compressed.
    pub severity: Vec<f64>,
    /// Judges whose severity was held at a bound, and which.
    pub held: Vec<Option<Held>>,
}

/// How many marks a judge's severity needs before it counts half: with 3 marks a judge's stretch is
/// taken mostly as typical, with 30 almost entirely as they marked.
pub const EVIDENCE_HALF: f64 = 5.0;
/// The same for leniency, which a judge's mean shows after far fewer marks.
const PRIOR_LENIENCY: f64 = 1.0;
/// A quality with no evidence sits at the middle; this many judges' worth of pull towards it
/// keeps an entry with one judge from the extremes.
const PRIOR_QUALITY: f64 = 0.3;
/// A judge's stretch is held within these bounds: marks that spread a quarter as wide as the
/// entries they saw would otherwise have their smallest differences multiplied fourfold and more.
pub const LEAST_SEVERITY: f64 = 0.25;
pub const MOST_SEVERITY: f64 = 4.0;

/// Marks grouped by one side (judge or entry), in flat arrays: `start[i]..start[i + 1]` are the
/// marks of item `i`, each naming the other side and its value. Flat arrays keep each pass over
/// half a million marks within the caches.
struct Grouped {
    start: Vec<usize>,
    other: Vec<u32>,
    value: Vec<f64>,
}

impl Grouped {
    fn new(items: usize, marks: impl Iterator<Item = (usize, usize, f64)> + Clone) -> Grouped {
        let mut start = vec![0usize; items + 1];
        for (item, _, _) in marks.clone() {
            start[item + 1] += 1;
        }
        for i in 0..items {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let total = start[items];
        let (mut other, mut value) = (vec![0u32; total], vec![0.0; total]);
        for (item, o, v) in marks {
            other[fill[item]] = u32::try_from(o).unwrap_or(u32::MAX);
            value[fill[item]] = v;
            fill[item] += 1;
        }
        Grouped { start, other, value }
    }

    fn marks(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.start[i]..self.start[i + 1];
        self.other[range.clone()].iter().map(|o| *o as usize).zip(self.value[range].iter().copied())
    }
}

/// Stop once no quality moves by more than this, in standard units: far finer than any ranking.
const TOLERANCE: f64 = 1e-7;
const MAX_ROUNDS: usize = 500;

pub fn fit(panel: &Panel) -> Calibration {
    let judges = panel.judges.len();
    let Some(solved) = Solved::of(panel, None) else {
        return Calibration {
            quality: vec![None; panel.entries.len()],
            leniency: vec![0.0; judges],
            severity: vec![1.0; judges],
            held: vec![None; judges],
        };
    };
    let habits = &solved.habits;
    // Report each quality as the mark a typical judge, of average leniency and severity, would
    // give it.
    let typical_leniency = mean(&habits.iter().map(|h| h.leniency).collect::<Vec<_>>()).unwrap_or(0.0);
    let typical_severity = mean(&habits.iter().map(|h| h.severity).collect::<Vec<_>>()).unwrap_or(1.0);
    let (centre, scale) = (solved.centre, solved.scale);
    Calibration {
        quality: solved
            .quality
            .iter()
            .zip(&solved.marked)
            .map(|(q, m)| m.then_some(centre + scale * (typical_leniency + typical_severity * q)))
            .collect(),
        leniency: habits.iter().map(|h| h.leniency * scale).collect(),
        severity: habits.iter().map(|h| h.severity).collect(),
        held: habits.iter().map(|h| h.held).collect(),
    }
}

/// The fit in standard units (marks less `centre`, over `scale`): what the bootstrap of
/// [`super::chances`] refits again and again.
pub(super) struct Solved {
    pub centre: f64,
    pub scale: f64,
    /// Each entry's quality, mean 0 and spread 1 over the marked entries; 0 where unmarked.
    pub quality: Vec<f64>,
    pub marked: Vec<bool>,
    pub habits: Vec<Habit>,
}

impl Solved {
    /// Fits the panel, or `None` when it has no marks. `values`, when given, replaces each mark's
    /// value (in the panel's order) without copying the panel.
    pub fn of(panel: &Panel, values: Option<&[f64]>) -> Option<Solved> {
        let value = |i: usize| values.map_or(panel.marks[i].value, |v| v[i]);
        let all: Vec<f64> = (0..panel.marks.len()).map(value).collect();
        let (centre, scale) = (mean(&all)?, spread(&all)?);
        let scale = if scale > 0.0 { scale } else { 1.0 };
        let judges = panel.judges.len();
        // Work in standard units, so the constants mean the same whatever the rubric's scale.
        let standard = panel.marks.iter().zip(&all).map(|(m, v)| (m.judge, m.entry, (v - centre) / scale));
        let by_judge = Grouped::new(judges, standard.clone());
        let by_entry = Grouped::new(panel.entries.len(), standard.map(|(j, e, v)| (e, j, v)));
        let entries = panel.entries.len();
        let marked: Vec<bool> = (0..entries).map(|e| by_entry.start[e + 1] > by_entry.start[e]).collect();
        let mut quality: Vec<f64> = (0..entries)
            .map(|e| {
                let n = (by_entry.start[e + 1] - by_entry.start[e]) as f64;
                if n > 0.0 { by_entry.marks(e).map(|(_, v)| v).sum::<f64>() / n } else { 0.0 }
            })
            .collect();
        let mut habits = vec![Habit { leniency: 0.0, severity: 1.0, held: None }; judges];
        for _ in 0..MAX_ROUNDS {
            for (j, habit) in habits.iter_mut().enumerate() {
                *habit = Habit::of(by_judge.marks(j).map(|(e, v)| (quality[e], v)));
            }
            // Each entry's quality: the mean of its judges' marks, each put back on the common
            // scale by undoing that judge's leniency and stretch. Every judge's order counts the
            // same.
            let mut next: Vec<f64> = (0..entries)
                .map(|e| {
                    let (mut sum, mut n) = (0.0, PRIOR_QUALITY);
                    for (j, v) in by_entry.marks(e) {
                        sum += (v - habits[j].leniency) / habits[j].severity;
                        n += 1.0;
                    }
                    sum / n
                })
                .collect();
            // The model cannot tell a shift or stretch of every quality from the opposite change
            // in every judge's habits; pinning the qualities to mean 0 and spread 1 removes that
            // freedom, without which the fit drifts instead of settling.
            let rated: Vec<f64> = next.iter().zip(&marked).filter(|(_, m)| **m).map(|(q, _)| *q).collect();
            if let (Some(m), Some(s)) = (mean(&rated), spread(&rated)) {
                let s = if s > 0.0 { s } else { 1.0 };
                for q in &mut next {
                    *q = (*q - m) / s;
                }
            }
            let moved = next.iter().zip(&quality).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
            quality = next;
            if moved < TOLERANCE {
                break;
            }
        }
        Some(Solved { centre, scale, quality, marked, habits })
    }

    /// What the fit expects a mark to be, in standard units.
    pub fn expected(&self, judge: usize, entry: usize) -> f64 {
        let h = &self.habits[judge];
        h.leniency + h.severity * self.quality[entry]
    }
}

/// One judge's habits, in standard units.
#[derive(Debug, Clone, Copy)]
pub(super) struct Habit {
    pub leniency: f64,
    pub severity: f64,
    pub held: Option<Held>,
}

impl Habit {
    /// A judge's habits from their marks beside the qualities of the entries they marked
    /// (`(quality, mark)` pairs). Severity is how wide their marks spread against how wide those
    /// entries' qualities spread, never how well their order matches the others': a judge who
    /// disagrees is corrected for scale like any other, not silenced. Both habits are shrunk
    /// towards the typical judge's (0 and 1) by how much evidence the judge gives.
    fn of(pairs: impl Iterator<Item = (f64, f64)>) -> Habit {
        let (mut n, mut sq, mut sqq, mut sv, mut svv) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (q, v) in pairs {
            n += 1.0;
            sq += q;
            sqq += q * q;
            sv += v;
            svv += v * v;
        }
        if n == 0.0 {
            return Habit { leniency: 0.0, severity: 1.0, held: None };
        }
        let (mq, mv) = (sq / n, sv / n);
        let spread_q = (sqq / n - mq * mq).max(0.0).sqrt();
        let spread_v = (svv / n - mv * mv).max(0.0).sqrt();
        let evidence = n / (n + EVIDENCE_HALF);
        // The weight of each of the judge's marks is 1 / severity: shrinking that weight (rather
        // than the severity) towards 1 keeps, on a panel where every judge marked every entry,
        // each comparison between the plain mean's and per-judge z's, which weigh marks by 1 and by
        // 1 / spread.
        let (mut stretch, mut held) = (1.0, None);
        if spread_q > 0.0 && n >= 2.0 {
            stretch = spread_v / spread_q;
            if stretch < LEAST_SEVERITY {
                held = Some(Held::Narrow);
                stretch = LEAST_SEVERITY;
            } else if stretch > MOST_SEVERITY {
                held = Some(Held::Wide);
                stretch = MOST_SEVERITY;
            }
        }
        let severity = 1.0 / ((1.0 - evidence) + evidence / stretch);
        // A judge's mean is steady after a few marks, their spread is not: leniency needs far
        // less evidence than severity.
        let leniency = n / (n + PRIOR_LENIENCY) * (mv - severity * mq);
        Habit { leniency, severity, held }
    }
}

/// Why a judge's severity was held at a bound instead of following their marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Their marks barely vary next to the entries they saw: held at [`LEAST_SEVERITY`].
    Narrow,
    /// Their marks spread far wider than the entries they saw: held at [`MOST_SEVERITY`].
    Wide,
}
