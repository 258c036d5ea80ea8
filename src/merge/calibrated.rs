//! Reviewer calibration: each mark is modelled as `leniency[judge] + severity[judge] * quality[entry]`
//! plus noise, and all three are fitted together over the whole panel.
//!
//! Fitting jointly is what separates a lenient judge from one who happened to see strong entries:
//! an entry's quality is estimated from every judge who saw it, each judge's habits from every
//! entry they saw, back and forth until nothing moves. Mild priors (leniency near 0, severity near
//! 1, quality near the middle) keep a judge with few marks, or an entry with one judge, from being
//! explained away entirely.

use super::{Panel, mean, spread};

/// The fitted model, on the scale of the marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Each entry's estimated quality, as a mark a typical judge would give; `None` if unmarked.
    pub quality: Vec<Option<f64>>,
    /// How much higher than a typical judge each judge marks, in marks.
    pub leniency: Vec<f64>,
    /// How strongly each judge's marks follow quality: 1 is typical, above 1 harsh on weak entries
    /// and generous to strong ones, below 1 compressed.
    pub severity: Vec<f64>,
}

/// Prior weights, in marks' worth: small next to a judge's dozen marks, decisive for one mark.
const PRIOR_LENIENCY: f64 = 1.0;
const PRIOR_SEVERITY: f64 = 2.0;
const PRIOR_QUALITY: f64 = 0.3;
const LEAST_SEVERITY: f64 = 0.1;

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
    let all: Vec<f64> = panel.marks.iter().map(|m| m.value).collect();
    let (Some(centre), Some(scale)) = (mean(&all), spread(&all)) else {
        return Calibration {
            quality: vec![None; panel.entries.len()],
            leniency: vec![0.0; panel.judges.len()],
            severity: vec![1.0; panel.judges.len()],
        };
    };
    let scale = if scale > 0.0 { scale } else { 1.0 };
    // Work in standard units, so the priors mean the same whatever the rubric's scale.
    let standard = panel.marks.iter().map(|m| (m.judge, m.entry, (m.value - centre) / scale));
    let by_judge = Grouped::new(panel.judges.len(), standard.clone());
    let by_entry = Grouped::new(panel.entries.len(), standard.map(|(j, e, v)| (e, j, v)));
    let entries = panel.entries.len();
    let marked: Vec<bool> = (0..entries).map(|e| by_entry.start[e + 1] > by_entry.start[e]).collect();
    let mut quality: Vec<f64> = (0..entries)
        .map(|e| {
            let n = (by_entry.start[e + 1] - by_entry.start[e]) as f64;
            if n > 0.0 { by_entry.marks(e).map(|(_, v)| v).sum::<f64>() / n } else { 0.0 }
        })
        .collect();
    let mut leniency = vec![0.0; panel.judges.len()];
    let mut severity = vec![1.0; panel.judges.len()];
    for _ in 0..MAX_ROUNDS {
        // Each judge's leniency and severity, given the qualities: a ridge regression of their
        // marks on quality, solved in closed form.
        for j in 0..panel.judges.len() {
            let (mut n, mut sq, mut sqq, mut sx, mut sxq) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (e, v) in by_judge.marks(j) {
                let q = quality[e];
                n += 1.0;
                sq += q;
                sqq += q * q;
                sx += v;
                sxq += v * q;
            }
            let (a11, a12, a22) = (n + PRIOR_LENIENCY, sq, sqq + PRIOR_SEVERITY);
            let (b1, b2) = (sx, sxq + PRIOR_SEVERITY);
            let det = a11 * a22 - a12 * a12;
            if det.abs() > 1e-12 {
                leniency[j] = (b1 * a22 - a12 * b2) / det;
                severity[j] = ((a11 * b2 - a12 * b1) / det).max(LEAST_SEVERITY);
            }
        }
        // Each entry's quality, given the judges' habits.
        let mut next: Vec<f64> = (0..entries)
            .map(|e| {
                let (mut num, mut den) = (0.0, PRIOR_QUALITY);
                for (j, v) in by_entry.marks(e) {
                    let b = severity[j];
                    num += b * (v - leniency[j]);
                    den += b * b;
                }
                num / den
            })
            .collect();
        // The model cannot tell a shift or stretch of every quality from the opposite change in
        // every judge's habits; pinning the qualities to mean 0 and spread 1 removes that
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
    // Report each quality as the mark a typical judge, of average leniency and severity, would
    // give it.
    let typical_leniency = mean(&leniency).unwrap_or(0.0);
    let typical_severity = mean(&severity).unwrap_or(1.0);
    Calibration {
        quality: quality
            .iter()
            .zip(&marked)
            .map(|(q, m)| m.then_some(centre + scale * (typical_leniency + typical_severity * q)))
            .collect(),
        leniency: leniency.iter().map(|a| a * scale).collect(),
        severity,
    }
}
