//! The merge methods on simulated events, where the true order is known, and on small complete
//! panels, where the consensus of the simple methods is the yardstick.
//!
//! Each design ([`designs`]) is run on many seeds; for each, Kendall's tau of each method's order
//! against the true order. The calibrated method is held to goals against the best of the plain
//! mean, per-judge z and an additive-severity least-squares fit written here ([`additive`]):
//!
//! - balanced random assignment (and 2 or 4 judges an entry, 60 judges, a wide spread of
//!   severities): never more than 0.005 below the additive fit;
//! - entries handed out in order of quality: never below the better of the mean and z;
//! - tracks judged by separate pools linked by a few judges: at least 0.83, or where even the
//!   additive fit falls short of that, within 0.005 of it;
//! - sparse peer grading, 1 to 3 marks a grader: never below the mean;
//!
//! on every seed. `cargo test --release --test simulation -- --ignored --nocapture` runs the full
//! suite and prints the README's table; plain `cargo test` runs two seeds of each.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]

mod additive;
mod complete;
mod designs;
mod finals;

use designs::{BALANCED, Design, FOUR, SIXTY, SKEWED, SPARSE, TRACKS, TWO, WIDE};
use judging::merge::{Mark, Method, Panel, merge};

/// Kendall's tau between two orders of the same items: concordant minus discordant pairs,
/// over all pairs.
fn kendall_tau(one: &[f64], other: &[f64]) -> f64 {
    let items = one.len();
    let mut score = 0.0;
    for i in 0..items {
        for k in i + 1..items {
            // Equal up to rounding is a tie, as the rankings treat it.
            let (x, y) = (one[i] - one[k], other[i] - other[k]);
            if x.abs() > 1e-9 && y.abs() > 1e-9 {
                score += (x * y).signum();
            }
        }
    }
    score / (items * (items - 1) / 2) as f64
}

fn panel(judges: usize, entries: usize, marks: Vec<Mark>) -> Panel {
    Panel {
        judges: (0..judges).map(|j| format!("judge {j}")).collect(),
        entries: (0..entries).map(|e| format!("entry {e}")).collect(),
        marks,
        criteria: None,
    }
}

/// Merged scores with higher always better, so that orders compare directly.
fn scores(panel: &Panel, method: &Method) -> Vec<f64> {
    let sign = if method.lower_is_better() { -1.0 } else { 1.0 };
    merge(panel, method).into_iter().map(|s| sign * s.expect("every entry is marked")).collect()
}

/// The methods compared, in the table's order: mean, z, the additive fit, calibrated.
const NAMES: [&str; 4] = ["mean", "z-score", "additive LS", "calibrated"];

/// Each method's tau against the truth on one event, over the entries some judge marked.
fn taus(design: &Design, seed: u64) -> [f64; 4] {
    let (truth, panel) = designs::event(design, seed);
    let orders = [
        merge(&panel, &Method::Mean),
        merge(&panel, &Method::ZScore),
        additive::fit(&panel),
        merge(&panel, &Method::Calibrated),
    ];
    let marked: Vec<usize> = (0..truth.len()).filter(|e| orders[0][*e].is_some()).collect();
    let truth: Vec<f64> = marked.iter().map(|e| truth[*e]).collect();
    orders.map(|o| {
        let o: Vec<f64> = marked.iter().map(|e| o[*e].expect("a marked entry has a score")).collect();
        kendall_tau(&o, &truth)
    })
}

/// What the calibrated method must reach on every seed of a design.
#[derive(Debug, Clone, Copy)]
enum Goal {
    /// Never more than this below the additive fit.
    NearAdditive(f64),
    /// Never below the better of the mean and z.
    BestOfMeanAndZ,
    /// Never more than this below the mean.
    NearMean(f64),
    /// At least this tau, or where the additive fit falls short of it, within 0.005 of that fit.
    AtLeastOrNearAdditive(f64),
}

impl Goal {
    /// How far short of the goal a seed's taus fall (0 or less when it is met).
    fn shortfall(self, t: &[f64; 4]) -> f64 {
        let [mean, z, additive, calibrated] = *t;
        match self {
            Goal::NearAdditive(slack) => additive - slack - calibrated,
            Goal::BestOfMeanAndZ => mean.max(z) - calibrated,
            Goal::NearMean(slack) => mean - slack - calibrated,
            Goal::AtLeastOrNearAdditive(floor) => floor.min(additive - 0.005) - calibrated,
        }
    }
}

/// Each design, its goal, and for a design where the goal is not met yet, the weaker guard that
/// plain `cargo test` holds it to, so that a change that makes it worse still fails there (none
/// today). The full suite asserts the goals themselves.
const SUITE: [(Design, Goal, Option<Goal>); 8] = [
    (BALANCED, Goal::NearAdditive(0.005), None),
    (SKEWED, Goal::BestOfMeanAndZ, None),
    (TRACKS, Goal::AtLeastOrNearAdditive(0.83), None),
    (SPARSE, Goal::NearMean(0.0), None),
    (TWO, Goal::NearAdditive(0.005), None),
    (FOUR, Goal::NearAdditive(0.005), None),
    (SIXTY, Goal::NearAdditive(0.005), None),
    (WIDE, Goal::NearAdditive(0.005), None),
];

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    f64::midpoint(values[(n - 1) / 2], values[n / 2])
}

/// Runs every design on `seeds` seeds each (seeds no earlier version of this suite used, distinct
/// per design), prints a table row per design (min and median tau of each method), and returns
/// the seeds that missed their goal (or, with `guards`, the guard of a design that has one).
fn run_suite(seeds: u64, guards: bool) -> Vec<String> {
    let mut missed = Vec::new();
    eprintln!("| design | seeds | {} | goal |", NAMES.map(|n| format!("{n} min / median")).join(" | "));
    eprintln!("|---|---|{}---|", "---:|".repeat(NAMES.len()));
    for (d, (design, goal, guard)) in SUITE.iter().enumerate() {
        let goal = if guards { guard.as_ref().unwrap_or(goal) } else { goal };
        let first = 7_000 + 100 * d as u64;
        let runs: Vec<[f64; 4]> = (first..first + seeds).map(|seed| taus(design, seed)).collect();
        for (seed, t) in (first..).zip(&runs) {
            let short = goal.shortfall(t);
            if short > 0.0 {
                missed.push(format!("{} seed {seed}: {goal:?} missed by {short:.4} ({t:.3?})", design.name));
            }
        }
        let cells: Vec<String> = (0..NAMES.len())
            .map(|m| {
                let mut column: Vec<f64> = runs.iter().map(|t| t[m]).collect();
                let least = column.iter().copied().fold(f64::INFINITY, f64::min);
                format!("{least:.3} / {:.3}", median(&mut column))
            })
            .collect();
        let worst = runs.iter().map(|t| goal.shortfall(t)).fold(f64::NEG_INFINITY, f64::max);
        eprintln!(
            "| {} | {first}-{} | {} | {goal:?}: worst margin {:+.3} |",
            design.name,
            first + seeds - 1,
            cells.join(" | "),
            -worst
        );
    }
    missed
}

#[test]
#[ignore = "the full suite: run with --release --ignored"]
fn the_calibrated_method_meets_its_goals_on_every_seed_of_every_design() {
    let missed = run_suite(24, false);
    assert!(missed.is_empty(), "goals missed:\n{}", missed.join("\n"));
}

#[test]
fn the_calibrated_method_meets_its_goals_on_a_few_seeds_of_every_design() {
    let missed = run_suite(2, true);
    assert!(missed.is_empty(), "goals missed:\n{}", missed.join("\n"));
}

#[test]
fn calibration_finds_the_lenient_and_the_harsh_judges() {
    let (_, panel) = designs::event(&BALANCED, 42);
    let fit = judging::merge::calibrated_fit(&panel);
    // Re-derive the true leniencies from the same generator: the first normals, times its spread.
    let mut rng = designs::Rng(judging::rng::SplitMix(42));
    let truth: Vec<f64> = (0..BALANCED.judges).map(|_| BALANCED.leniency * rng.normal()).collect();
    let tau = kendall_tau(&fit.leniency, &truth);
    assert!(tau > 0.6, "fitted leniencies follow the true ones: tau {tau:.3}");
}

/// The chances of a paid place mean what they say: of the entries given 90 % or more, nearly all
/// truly belong in the paid places; of those given 10 % or less, nearly none; and as a forecast
/// they beat the plain in-or-out of the calibrated ranking (a lower Brier score).
#[test]
fn chances_of_a_paid_place_are_honest_on_simulated_events() {
    use judging::merge::chances::{Paid, REPLICATES, chances};
    let places = 10;
    let (mut sure, mut sure_right, mut out, mut out_wrong) = (0usize, 0usize, 0usize, 0usize);
    let (mut brier_chances, mut brier_ranking) = (0.0, 0.0);
    let mut uncertain = 0;
    for seed in 1..=4u64 {
        let (truth, panel) = designs::event(&BALANCED, seed);
        let entries: Vec<usize> = (0..truth.len()).collect();
        let paid = Paid { entries: entries.clone(), places };
        let chance = chances(&panel, &[paid], REPLICATES).expect("marks").remove(0);
        let in_top = |scores: &[f64]| {
            let mut order = entries.clone();
            order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]));
            let mut top = vec![false; scores.len()];
            order.iter().take(places).for_each(|e| top[*e] = true);
            top
        };
        let truly = in_top(&truth);
        let ranked = in_top(&scores(&panel, &Method::Calibrated));
        for e in entries {
            let actual = f64::from(u8::from(truly[e]));
            brier_chances += (chance[e] - actual).powi(2);
            brier_ranking += (f64::from(u8::from(ranked[e])) - actual).powi(2);
            if chance[e] >= 0.9 {
                sure += 1;
                sure_right += usize::from(truly[e]);
            } else if chance[e] <= 0.1 {
                out += 1;
                out_wrong += usize::from(truly[e]);
            } else {
                uncertain += 1;
            }
        }
    }
    eprintln!(
        "chances: {sure_right} of {sure} sure entries truly paid, {out_wrong} of {out} ruled out truly paid, {uncertain} to discuss; Brier {brier_chances:.2} against the ranking's {brier_ranking:.2}"
    );
    assert!(sure > 0 && sure_right as f64 >= 0.8 * sure as f64, "{sure_right} of {sure}");
    assert!(out_wrong as f64 <= 0.05 * out as f64, "{out_wrong} of {out}");
    assert!(uncertain > 0, "some places are uncertain with three judges an entry");
    assert!(brier_chances < brier_ranking, "chances {brier_chances:.2}, in-or-out {brier_ranking:.2}");
}
