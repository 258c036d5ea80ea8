//! Small complete panels, where every judge marks every entry and the consensus of the mean,
//! the rank sum and per-judge z is the yardstick.

use judging::merge::{Mark, Method, Panel};
use judging::rng::SplitMix;

use super::designs::Rng;
use super::{kendall_tau, panel, scores};

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
            marks.push(Mark::new(judge, entry, raw.round().clamp(1.0, 10.0)));
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

/// Seeds a case: 20 panels each, the first 10 those earlier versions of this suite used.
const SEEDS: u64 = 20;

/// Tau over the pairs the three consensus methods order the same way, strictly: concordant
/// minus discordant among those pairs, over their number (1 when there are none).
fn tau_where_agreed(scores: &[f64], agreed: &[Vec<f64>]) -> f64 {
    let (mut pairs, mut score) = (0.0, 0.0);
    for a in 0..scores.len() {
        for b in 0..scores.len() {
            if agreed.iter().all(|s| s[a] > s[b]) {
                pairs += 1.0;
                let d = scores[a] - scores[b];
                score += if d > 1e-9 {
                    1.0
                } else if d < -1e-9 {
                    -1.0
                } else {
                    0.0
                };
            }
        }
    }
    if pairs > 0.0 { score / pairs } else { 1.0 }
}

/// The tau of every method against the consensus order (the mean of the mean's, the rank sum's
/// and z's ranks), case by case, printed for the README; and the calibrated method's tau over
/// the pairs where the three agree, which must be at least 0.95 in every case.
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
        let mut agreed_tau = 0.0;
        for seed in 1..=SEEDS {
            let panel = complete(seed * 100 + case as u64, *entries, *judges, *dissenting);
            let three: Vec<Vec<f64>> =
                [Method::Mean, Method::RankSum, Method::ZScore].iter().map(|m| scores(&panel, m)).collect();
            let ranked: Vec<Vec<f64>> = three.iter().map(|s| ranks_of(s)).collect();
            let consensus: Vec<f64> = (0..*entries).map(|e| -ranked.iter().map(|r| r[e]).sum::<f64>()).collect();
            for (sum, m) in sums.iter_mut().zip(&methods) {
                *sum += kendall_tau(&scores(&panel, m), &consensus) / SEEDS as f64;
            }
            agreed_tau += tau_where_agreed(&scores(&panel, &Method::Calibrated), &three) / SEEDS as f64;
        }
        let line: Vec<String> = methods.iter().zip(&sums).map(|(m, t)| format!("{} {t:.3}", m.name())).collect();
        eprintln!(
            "complete {entries}x{judges} ({dissenting} dissenting): {}; calibrated where the three agree {agreed_tau:.3}",
            line.join(", ")
        );
        assert!(agreed_tau >= 0.95, "{entries}x{judges}: calibrated tau {agreed_tau:.3} where the three agree");
    }
}

/// Ranks, 1 the best, ties sharing.
fn ranks_of(scores: &[f64]) -> Vec<f64> {
    judging::merge::ranks(scores, true)
}
