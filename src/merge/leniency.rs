//! How sure the calibrated fit can be of each judge's leniency, for the jury to read beside it.
//!
//! The fit blends a judge's own evidence with the typical judge's (see `calibrated`): their
//! marks say their leniency with a sampling variance of about `noise² / n` for `n` marks, and
//! judges' leniencies spread by `panel.leniency` about the typical one. The blend of two normal
//! estimates has the posterior variance `1 / (1 / leniency² + n / noise²)`: a judge of few marks
//! is as unsure as the panel is spread, a judge of many as unsure as their marks' noise allows.
//! It leaves out how unsure the qualities of their entries still are, which the fit also weighs
//! in, so it is the least the uncertainty can be: a judge whose entries nobody else marked is
//! less sure than it says.

use serde::{Deserialize, Serialize};

use super::{Calibration, Panel, PanelSpread};

/// A judge's leniency as the calibrated fit found it, in marks above a typical judge's, and its
/// standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Leniency {
    pub marks: f64,
    pub error: f64,
}

/// The standard error of a judge's leniency, from the panel's spreads and their `marks`.
pub fn standard_error(panel: &PanelSpread, marks: usize) -> f64 {
    let prior = if panel.leniency > 0.0 { 1.0 / (panel.leniency * panel.leniency) } else { f64::INFINITY };
    // No marks say nothing; marks without noise say everything.
    let evidence = match marks {
        0 => 0.0,
        n if panel.noise > 0.0 => n as f64 / (panel.noise * panel.noise),
        _ => f64::INFINITY,
    };
    (1.0 / (prior + evidence)).sqrt()
}

/// Each judge's leniency in `fit` of `panel`, with its standard error, by judge index.
pub fn of(fit: &Calibration, panel: &Panel) -> Vec<Leniency> {
    let mut marks = vec![0usize; panel.judges.len()];
    for m in &panel.marks {
        marks[m.judge()] += 1;
    }
    marks
        .iter()
        .enumerate()
        .map(|(j, n)| Leniency {
            marks: fit.leniency.get(j).copied().unwrap_or(0.0),
            error: standard_error(&fit.panel, *n),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_shrinks_with_marks_from_the_panels_spread() {
        let panel = PanelSpread { leniency: 0.5, severity: 0.2, noise: 1.0 };
        assert!((standard_error(&panel, 0) - 0.5).abs() < 1e-12, "no marks: as unsure as judges differ");
        // 1 / (4 + 100) for a hundred marks of noise 1.
        assert!((standard_error(&panel, 100) - (1.0f64 / 104.0).sqrt()).abs() < 1e-12);
        assert!(standard_error(&panel, 10) > standard_error(&panel, 11), "more marks, surer");
        let alike = PanelSpread { leniency: 0.0, ..panel };
        assert_eq!(standard_error(&alike, 3), 0.0, "judges the fit finds alike");
        let exact = PanelSpread { noise: 0.0, ..panel };
        assert_eq!(standard_error(&exact, 3), 0.0, "marks without noise");
        assert!((standard_error(&exact, 0) - 0.5).abs() < 1e-12, "no marks, whatever the noise");
    }

    #[test]
    fn each_judge_has_their_fitted_leniency_and_the_fewer_marks_the_wider() {
        let quality = [1.0, 2.0, 3.0, 4.0, 5.0, 2.5, 3.5, 4.5];
        let mut marks = Vec::new();
        for (e, q) in quality.iter().enumerate() {
            marks.push(crate::merge::Mark::new(0, e, q + 1.0));
            marks.push(crate::merge::Mark::new(1, e, q - 0.5 + 0.1 * (e % 3) as f64));
        }
        marks.push(crate::merge::Mark::new(2, 0, 1.5));
        let panel = Panel {
            judges: vec!["a".into(), "b".into(), "c".into()],
            entries: (0..quality.len()).map(|e| format!("e{e}")).collect(),
            marks,
            criteria: None,
        };
        let fit = crate::merge::calibrated_fit(&panel);
        let found = of(&fit, &panel);
        assert_eq!(found.len(), 3);
        for (j, l) in found.iter().enumerate() {
            assert_eq!(l.marks, fit.leniency[j]);
        }
        assert!(found[0].marks > found[1].marks, "the lenient judge above the harsh: {found:?}");
        assert!(found[2].error > found[0].error, "one mark is less sure than eight: {found:?}");
    }
}
