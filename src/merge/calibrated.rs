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
    let x = |v: f64| (v - centre) / scale;
    let by_judge = panel.by_judge();
    let by_entry = panel.by_entry();
    let marked: Vec<bool> = by_entry.iter().map(|m| !m.is_empty()).collect();
    let mut quality: Vec<f64> =
        by_entry.iter().map(|m| mean(&m.iter().map(|k| x(k.value)).collect::<Vec<_>>()).unwrap_or(0.0)).collect();
    let mut leniency = vec![0.0; panel.judges.len()];
    let mut severity = vec![1.0; panel.judges.len()];
    for _ in 0..200 {
        // Each judge's leniency and severity, given the qualities: a ridge regression of their
        // marks on quality, solved in closed form.
        for (j, marks) in by_judge.iter().enumerate() {
            let (mut n, mut sq, mut sqq, mut sx, mut sxq) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for m in marks {
                let (q, v) = (quality[m.entry], x(m.value));
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
        let mut moved: f64 = 0.0;
        for (e, marks) in by_entry.iter().enumerate() {
            let (mut num, mut den) = (0.0, PRIOR_QUALITY);
            for m in marks {
                let b = severity[m.judge];
                num += b * (x(m.value) - leniency[m.judge]);
                den += b * b;
            }
            let q = num / den;
            moved = moved.max((q - quality[e]).abs());
            quality[e] = q;
        }
        if moved < 1e-10 {
            break;
        }
    }
    Calibration {
        quality: quality.iter().zip(&marked).map(|(q, m)| m.then_some(centre + scale * q)).collect(),
        leniency: leniency.iter().map(|a| a * scale).collect(),
        severity,
    }
}
