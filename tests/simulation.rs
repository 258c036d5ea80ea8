//! Simulated panels, where the true order is known, and small complete panels, where the
//! consensus of the simple methods is the yardstick.
//!
//! - Judges with random leniency, severity and noise, each entry seen by 3 of 25 judges, both
//!   assigned at random ("balanced") and with the strongest entries concentrated on five judges
//!   ("skewed"): the calibrated method must recover the true order better than the plain mean and
//!   never worse than per-judge z.
//! - Every judge marks every entry (3-20 entries, 3-12 judges, some of whom disagree with the
//!   rest): the calibrated method must keep every comparison that the mean, the rank sum and
//!   per-judge z all agree on, the winner first of all.
//!
//! `cargo test --release --test simulation -- --nocapture` prints the tau of every method on every
//! case: the README's table.

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

    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n as u64) as usize
    }
}

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
    }
}

/// Merged scores with higher always better, so that orders compare directly.
fn scores(panel: &Panel, method: &Method) -> Vec<f64> {
    let sign = if method.lower_is_better() { -1.0 } else { 1.0 };
    merge(panel, method).into_iter().map(|s| sign * s.expect("every entry is marked")).collect()
}

const JUDGES: usize = 25;
const STRONG_POOL: usize = 5;

/// One simulated event: the true qualities and the panel of marks. Skewed: each of the strongest
/// fifth of the entries has two of its three judges from the first five.
fn event(seed: u64, skewed: bool) -> (Vec<f64>, Panel) {
    let mut rng = Rng(SplitMix(seed));
    let (entries, per_entry) = (200, 3);
    let leniency: Vec<f64> = (0..JUDGES).map(|_| 0.8 * rng.normal()).collect();
    let severity: Vec<f64> = (0..JUDGES).map(|_| 0.4 + 1.2 * rng.uniform()).collect();
    let truth: Vec<f64> = (0..entries).map(|_| rng.normal()).collect();
    let mut marks = Vec::new();
    for (entry, q) in truth.iter().enumerate() {
        let mut judged_by: Vec<usize> = Vec::new();
        while judged_by.len() < per_entry {
            let strong = skewed && *q > 0.84 && judged_by.len() < 2;
            let j = if strong { rng.below(STRONG_POOL) } else { rng.below(JUDGES) };
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
    (truth, panel(JUDGES, entries, marks))
}

const METHODS: [Method; 5] = [Method::Mean, Method::Median, Method::ZScore, Method::Calibrated, Method::Schulze];

/// The calibrated method against the truth, beside the mean and per-judge z, seed by seed.
fn against_truth(skewed: bool) {
    let seeds = 1..=20u64;
    let (mut sum_mean, mut sum_calibrated) = (0.0, 0.0);
    let mut sums = [0.0; METHODS.len()];
    let mut behind_z = Vec::new();
    for seed in seeds.clone() {
        let (truth, panel) = event(seed, skewed);
        let taus: Vec<f64> = METHODS.iter().map(|m| kendall_tau(&scores(&panel, m), &truth)).collect();
        let line: Vec<String> = METHODS.iter().zip(&taus).map(|(m, t)| format!("{} {t:.3}", m.name())).collect();
        eprintln!("{} seed {seed}: {}", if skewed { "skewed" } else { "balanced" }, line.join(", "));
        sums.iter_mut().zip(&taus).for_each(|(s, t)| *s += t);
        let (mean, z, calibrated) = (taus[0], taus[2], taus[3]);
        sum_mean += mean;
        sum_calibrated += calibrated;
        if calibrated < z {
            behind_z.push((seed, z - calibrated));
        }
    }
    let n = seeds.count() as f64;
    let (mean, calibrated) = (sum_mean / n, sum_calibrated / n);
    let all: Vec<String> = METHODS.iter().zip(&sums).map(|(m, t)| format!("{} {:.3}", m.name(), t / n)).collect();
    eprintln!("{} average: {}", if skewed { "skewed" } else { "balanced" }, all.join(", "));
    assert!(behind_z.is_empty(), "calibrated fell behind per-judge z on (seed, by): {behind_z:?}");
    assert!(calibrated > mean + 0.05, "average tau: calibrated {calibrated:.3}, mean {mean:.3}");
}

#[test]
fn calibration_beats_the_mean_and_never_trails_z_when_judges_see_random_entries() {
    against_truth(false);
}

#[test]
fn calibration_beats_the_mean_and_never_trails_z_when_strong_entries_share_judges() {
    against_truth(true);
}

#[test]
fn calibration_finds_the_lenient_and_the_harsh_judges() {
    let (_, panel) = event(42, false);
    let fit = judging::merge::calibrated_fit(&panel);
    // Re-derive the true leniencies from the same generator: the first 25 normals, times 0.8.
    let mut rng = Rng(SplitMix(42));
    let truth: Vec<f64> = (0..JUDGES).map(|_| 0.8 * rng.normal()).collect();
    let tau = kendall_tau(&fit.leniency, &truth);
    assert!(tau > 0.6, "fitted leniencies follow the true ones: tau {tau:.3}");
}

/// A complete panel: every judge marks every entry on a 1-10 rubric in whole points. Each judge
/// has a leniency and a stretch of their own; `dissenting` of them rank by a taste of their own
/// that has little to do with the others'.
fn complete(seed: u64, entries: usize, judges: usize, dissenting: usize) -> Panel {
    let mut rng = Rng(SplitMix(seed));
    let truth: Vec<f64> = (0..entries).map(|_| rng.normal()).collect();
    let mut marks = Vec::new();
    for judge in 0..judges {
        let (leniency, stretch) = (rng.normal(), 0.5 + 1.5 * rng.uniform());
        let taste: Vec<f64> = (0..entries).map(|_| rng.normal()).collect();
        for entry in 0..entries {
            let perceived = if judge < dissenting { 0.3 * truth[entry] + taste[entry] } else { truth[entry] };
            let raw = 6.0 + leniency + stretch * perceived + 0.5 * rng.normal();
            marks.push(Mark { judge, entry, value: raw.round().clamp(1.0, 10.0) });
        }
    }
    panel(judges, entries, marks)
}

/// The case table: (entries, judges, judges who dissent).
const COMPLETE: [(usize, usize, usize); 12] = [
    (3, 3, 1),
    (4, 3, 1),
    (5, 4, 1),
    (6, 5, 2),
    (7, 3, 0),
    (8, 6, 2),
    (9, 9, 3),
    (10, 4, 1),
    (12, 7, 3),
    (15, 11, 4),
    (20, 12, 5),
    (20, 3, 1),
];

fn top(scores: &[f64]) -> Vec<usize> {
    let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (0..scores.len()).filter(|e| scores[*e] == best).collect()
}

#[test]
fn on_complete_panels_calibration_keeps_what_the_mean_rank_sum_and_z_agree_on() {
    let consensus = [Method::Mean, Method::RankSum, Method::ZScore];
    let mut checked = 0;
    for (case, (entries, judges, dissenting)) in COMPLETE.iter().enumerate() {
        for seed in 1..=10u64 {
            let panel = complete(seed * 100 + case as u64, *entries, *judges, *dissenting);
            let agreed: Vec<Vec<f64>> = consensus.iter().map(|m| scores(&panel, m)).collect();
            let calibrated = scores(&panel, &Method::Calibrated);
            let label = format!("{entries} entries, {judges} judges ({dissenting} dissenting), seed {seed}");
            // Every pair the three order the same way, strictly, calibration orders that way too.
            for a in 0..*entries {
                for b in 0..*entries {
                    if agreed.iter().all(|s| s[a] > s[b]) {
                        checked += 1;
                        assert!(
                            calibrated[a] > calibrated[b],
                            "{label}: mean, rank sum and z put entry {a} above entry {b}; calibrated does not"
                        );
                    }
                }
            }
            let winners: Vec<Vec<usize>> = agreed.iter().map(|s| top(s)).collect();
            if winners.iter().all(|w| *w == winners[0]) && winners[0].len() == 1 {
                assert_eq!(top(&calibrated), winners[0], "{label}: the winner the three agree on");
            }
        }
    }
    assert!(checked > 1000, "the cases compare enough pairs: {checked}");
}

/// The tau of every method against the consensus order (the mean of the mean's, the rank sum's
/// and z's ranks), case by case: printed for the README.
#[test]
fn complete_panel_table() {
    let methods = [
        Method::Mean,
        Method::Median,
        Method::RankSum,
        Method::ZScore,
        Method::Calibrated,
        Method::Copeland,
        Method::Schulze,
    ];
    for (case, (entries, judges, dissenting)) in COMPLETE.iter().enumerate() {
        let mut sums = vec![0.0; methods.len()];
        for seed in 1..=10u64 {
            let panel = complete(seed * 100 + case as u64, *entries, *judges, *dissenting);
            let ranked: Vec<Vec<f64>> =
                [Method::Mean, Method::RankSum, Method::ZScore].iter().map(|m| ranks_of(&scores(&panel, m))).collect();
            let consensus: Vec<f64> = (0..*entries).map(|e| -ranked.iter().map(|r| r[e]).sum::<f64>()).collect();
            for (sum, m) in sums.iter_mut().zip(&methods) {
                *sum += kendall_tau(&scores(&panel, m), &consensus) / 10.0;
            }
        }
        let line: Vec<String> = methods.iter().zip(&sums).map(|(m, t)| format!("{} {t:.3}", m.name())).collect();
        eprintln!("complete {entries}x{judges} ({dissenting} dissenting): {}", line.join(", "));
        // Where the three disagree among themselves the consensus is a compromise that calibration
        // may not follow; on 3 entries one such pair in ten panels costs 0.07.
        assert!(sums[4] >= 0.85, "{entries}x{judges}: calibrated tau {:.3} against the consensus", sums[4]);
    }
}

/// Ranks, 1 the best, ties sharing.
fn ranks_of(scores: &[f64]) -> Vec<f64> {
    judging::merge::ranks(scores, true)
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
        let (truth, panel) = event(seed, false);
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
