//! The finals on simulated rounds with a known true order: six finalists, the rubric round
//! having put the truly best third; five judges who compare as Davidson's model says (with the
//! true strengths, so with noise and ties) and one who answers at random; each judge comparing
//! the pairs `Round::next_pair` gives them, twelve each.

use judging::finals::{Finalist, Round};
use judging::model::{Compared, Pair};
use judging::rng::SplitMix;

/// The true strengths (log worth), the best first.
const TRUTH: [f64; 6] = [1.6, 1.0, 0.6, 0.2, -0.2, -0.6];
/// The rubric round's scores: entry 0, the truly best, is third.
const RUBRIC: [f64; 6] = [4.1, 4.4, 4.2, 3.9, 3.7, 3.5];
/// How readily the honest judges call two equal entries level.
const TIE: f64 = 0.5;
const HONEST: usize = 5;
const PAIRS_EACH: usize = 12;

fn round() -> Round {
    let mut order: Vec<usize> = (0..6).collect();
    order.sort_by(|a, b| RUBRIC[*b].total_cmp(&RUBRIC[*a]));
    Round {
        ranking: "backyard".into(),
        paid: 3,
        finalists: (0..6)
            .map(|i| Finalist {
                id: format!("e{i}"),
                title: format!("Entry {i}"),
                rubric_place: order.iter().position(|&k| k == i).expect("ranked") + 1,
                rubric_score: RUBRIC[i],
            })
            .collect(),
        judges: Vec::new(),
        answers: Vec::new(),
    }
}

/// What a judge says of `i` against `j`: honest judges by the model, the last at random.
fn answer(random: &mut SplitMix, honest: bool, i: usize, j: usize) -> Option<usize> {
    let draw = random.uniform();
    if !honest {
        return [Some(i), Some(j), None][(draw * 3.0) as usize % 3];
    }
    let (worth_i, worth_j) = (TRUTH[i].exp(), TRUTH[j].exp());
    let all = worth_i + worth_j + TIE * f64::midpoint(TRUTH[i], TRUTH[j]).exp();
    if draw < worth_i / all {
        Some(i)
    } else if draw < (worth_i + worth_j) / all {
        Some(j)
    } else {
        None
    }
}

/// One simulated finals round: (the finals' first, the share of each judge's answers with a winner
/// that agree with the finals' order, the random one last).
fn simulate(seed: u64) -> (String, Vec<f64>) {
    let mut random = SplitMix(seed);
    let mut r = round();
    let judges: Vec<String> = (0..=HONEST).map(|k| format!("judge {k}")).collect();
    let mut fit = r.fit(None);
    for _ in 0..PAIRS_EACH {
        for (k, judge) in judges.iter().enumerate() {
            let Some((i, j)) = r.next_pair(&fit, judge, &[false; 6]) else { continue };
            let pair = Pair::new(&r.finalists[i].id, &r.finalists[j].id).expect("two finalists");
            let winner = answer(&mut random, k < HONEST, i, j).map(|w| r.finalists[w].id.clone());
            let verdict = pair.verdict(winner.as_deref()).expect("one of the pair");
            r.record(judge, &pair, Some(Compared { verdict, note: None }));
            fit = r.fit(Some(&fit));
        }
    }
    let standing = r.standing(&fit);
    let share = |w: &judging::finals::JudgeWeight| w.agreed.unwrap_or(0) as f64 / w.decided.unwrap_or(0).max(1) as f64;
    let agreed =
        judges.iter().map(|j| standing.judges.iter().find(|w| w.judge == *j).map_or(f64::NAN, share)).collect();
    (standing.order[0].id.clone(), agreed)
}

fn run(seeds: std::ops::Range<u64>) -> (f64, f64, Vec<f64>) {
    let n = (seeds.end - seeds.start) as f64;
    let (mut first, mut lowest) = (0.0, 0.0);
    let mut mean = vec![0.0; HONEST + 1];
    for seed in seeds {
        let (winner, weights) = simulate(seed);
        first += f64::from(u8::from(winner == "e0")) / n;
        let random = weights[HONEST];
        lowest += f64::from(u8::from(weights[..HONEST].iter().all(|w| *w > random))) / n;
        mean.iter_mut().zip(&weights).for_each(|(m, w)| *m += w / n);
    }
    (first, lowest, mean)
}

/// The rubric round never puts the truly best first (it is third); the finals, on twelve of the
/// fifteen pairs a judge, every judge's answers counting alike, put it first in most rounds; and
/// the judge who answers at random agrees least with the order on average, and is the least in
/// agreement of the six in most rounds, where chance would make it 1 in 6: shown to the jury,
/// never weighed (a judge who dissents is not silenced).
#[test]
fn the_finals_find_the_best_the_rubric_missed_and_show_the_random_judge_agreeing_least() {
    let rubric_first = RUBRIC.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i);
    assert_ne!(rubric_first, Some(0), "the rubric round puts another first");
    let (first, lowest, mean) = run(9000..9040);
    eprintln!("finals first {first:.2}, random judge lowest {lowest:.2}, mean agreement {mean:.2?}");
    assert!(first >= 0.6, "the finals put the truly best first in {first:.2} of rounds");
    assert!(lowest >= 0.5, "the random judge agreed least in {lowest:.2} of rounds");
    let honest_least = mean[..HONEST].iter().copied().fold(f64::INFINITY, f64::min);
    assert!(mean[HONEST] < honest_least, "mean agreement {mean:?}");
}
