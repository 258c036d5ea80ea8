//! Judges with random leniency, severity and noise, each entry seen by 3 of 25 judges: the
//! calibrated method must recover the true order better than the plain mean.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use judging::assign::SplitMix;
use judging::merge::{Mark, Method, Panel, merge};

/// The same `SplitMix64` the assignments use, so that the test is the same on every machine.
struct Rng(SplitMix);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0.uniform()
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform().max(1e-300), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// Kendall's tau between two orders of the same items: concordant minus discordant pairs,
/// over all pairs.
fn kendall_tau(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len();
    let mut score = 0.0;
    for i in 0..n {
        for j in i + 1..n {
            score += ((a[i] - a[j]) * (b[i] - b[j])).signum();
        }
    }
    score / (n * (n - 1) / 2) as f64
}

/// One simulated event: the true qualities and the panel of marks.
fn event(seed: u64) -> (Vec<f64>, Panel) {
    let mut rng = Rng(SplitMix(seed));
    let (judges, entries, per_entry) = (25, 200, 3);
    let leniency: Vec<f64> = (0..judges).map(|_| 0.8 * rng.normal()).collect();
    let severity: Vec<f64> = (0..judges).map(|_| 0.4 + 1.2 * rng.uniform()).collect();
    let truth: Vec<f64> = (0..entries).map(|_| rng.normal()).collect();
    let mut marks = Vec::new();
    for (entry, q) in truth.iter().enumerate() {
        let mut judged_by: Vec<usize> = Vec::new();
        while judged_by.len() < per_entry {
            let j = (rng.0.next_u64() % judges as u64) as usize;
            if !judged_by.contains(&j) {
                judged_by.push(j);
            }
        }
        for judge in judged_by {
            let raw = 3.0 + leniency[judge] + severity[judge] * q + 0.4 * rng.normal();
            // Weighted totals on a 1-5 rubric come in quarters.
            marks.push(Mark { judge, entry, value: (raw * 4.0).round() / 4.0 });
        }
    }
    let panel = Panel {
        judges: (0..judges).map(|j| format!("judge {j}")).collect(),
        entries: (0..entries).map(|e| format!("entry {e}")).collect(),
        marks,
    };
    (truth, panel)
}

#[test]
fn calibration_recovers_the_true_order_better_than_the_mean() {
    let seeds = 1..=8u64;
    let mut wins = 0;
    let (mut sum_mean, mut sum_calibrated) = (0.0, 0.0);
    for seed in seeds.clone() {
        let (truth, panel) = event(seed);
        let tau = |m: Method| {
            let scores: Vec<f64> = merge(&panel, &m).into_iter().map(|s| s.expect("every entry is marked")).collect();
            kendall_tau(&scores, &truth)
        };
        let (mean, calibrated) = (tau(Method::Mean), tau(Method::Calibrated));
        eprintln!("seed {seed}: tau mean {mean:.3}, calibrated {calibrated:.3}, z-score {:.3}", tau(Method::ZScore));
        sum_mean += mean;
        sum_calibrated += calibrated;
        if calibrated > mean {
            wins += 1;
        }
    }
    let n = seeds.count() as f64;
    let (mean, calibrated) = (sum_mean / n, sum_calibrated / n);
    assert!(wins >= 7, "calibrated beat the mean on only {wins} of 8 seeds");
    assert!(calibrated > mean + 0.03, "average tau: calibrated {calibrated:.3}, mean {mean:.3}");
}

#[test]
fn calibration_finds_the_lenient_and_the_harsh_judges() {
    let (_, panel) = event(42);
    let fit = judging::merge::calibrated_fit(&panel);
    // Re-derive the true leniencies from the same generator: the first 25 normals, times 0.8.
    let mut rng = Rng(SplitMix(42));
    let truth: Vec<f64> = (0..25).map(|_| 0.8 * rng.normal()).collect();
    let tau = kendall_tau(&fit.leniency, &truth);
    assert!(tau > 0.6, "fitted leniencies follow the true ones: tau {tau:.3}");
}
