use super::*;

/// Davidson (1970), "On extending the Bradley-Terry model to accommodate ties in paired
/// comparison experiments", JASA 65, 317-328, Example 2: six brands of chocolate pudding
/// compared in pairs by taste testers, who could say they had no preference. Each row is
/// (i, j, times i was preferred, times j was preferred, no preference), as the paper gives it
/// and the PlackettLuce R package ships it (`pudding`).
const PUDDING: [(usize, usize, u32, u32, u32); 15] = [
    (1, 2, 19, 22, 16),
    (1, 3, 16, 19, 12),
    (2, 3, 19, 19, 10),
    (1, 4, 18, 23, 13),
    (2, 4, 23, 19, 9),
    (3, 4, 19, 20, 15),
    (1, 5, 13, 19, 18),
    (2, 5, 16, 20, 12),
    (3, 5, 16, 15, 17),
    (4, 5, 17, 14, 16),
    (1, 6, 18, 21, 12),
    (2, 6, 22, 20, 12),
    (3, 6, 13, 18, 10),
    (4, 6, 14, 19, 18),
    (5, 6, 11, 21, 12),
];

fn pudding() -> Vec<Answer> {
    let mut out = Vec::new();
    for (i, j, wins, losses, ties) in PUDDING {
        let answer = |outcome| Answer { judge: 0, first: i - 1, second: j - 1, outcome };
        out.extend((0..wins).map(|_| answer(Outcome::First)));
        out.extend((0..losses).map(|_| answer(Outcome::Second)));
        out.extend((0..ties).map(|_| answer(Outcome::Level)));
    }
    out
}

const MLE: Settings = Settings { prior: None };

/// Davidson's estimates for the pudding (the worths summing to 1, and ν), as reproduced by
/// PlackettLuce (Turner, van Etten, Firth and Kosmidis 2020, section 2.1.1:
/// 0.1388, 0.1730, 0.1617, 0.1654, 0.1587, 0.2024 and ν = 0.7468), to the four places
/// published; and the standard errors of the centred log-worths PlackettLuce reports for the
/// same fit (0.1219, 0.1218, 0.1268, 0.1220, 0.1271, 0.1266), to three.
#[test]
fn davidsons_pudding_example_is_reproduced() {
    let fit = fit(6, &pudding(), &MLE, None);
    let total: f64 = fit.strength.iter().map(|t| t.exp()).sum();
    let worth: Vec<f64> = fit.strength.iter().map(|t| (t.exp() / total * 1e4).round() / 1e4).collect();
    assert_eq!(worth, [0.1388, 0.1730, 0.1617, 0.1654, 0.1587, 0.2024]);
    assert_eq!((fit.tie * 1e4).round() / 1e4, 0.7468);
    let published = [0.1219, 0.1218, 0.1268, 0.1220, 0.1271, 0.1266];
    for (i, se) in published.into_iter().enumerate() {
        assert!((fit.sd(i) - se).abs() < 5e-4, "brand {}: {} against {se}", i + 1, fit.sd(i));
    }
    assert!(fit.rounds < 50, "settled in {} rounds", fit.rounds);
    // Brand 6 is best, brand 1 worst, and the model is sure of little between them.
    assert!(fit.above(5, 0) > 0.95 && (0.5..0.7).contains(&fit.above(1, 3)), "{}", fit.above(1, 3));
}

/// A fit started from an earlier one ends where a fit from nothing does.
#[test]
fn a_warm_start_changes_nothing_but_the_time() {
    let answers = pudding();
    let settings = Settings { prior: Some(Prior { mean: vec![0.0; 6], sd: 1.0 }) };
    let cold = fit(6, &answers, &settings, None);
    let earlier = fit(6, &answers[..answers.len() - 1], &settings, None);
    let warm = fit(6, &answers, &settings, Some(&earlier));
    for (a, b) in cold.strength.iter().zip(&warm.strength) {
        assert!((a - b).abs() < 1e-8, "{a} against {b}");
    }
    assert!(warm.rounds < cold.rounds, "{} rounds warm, {} cold", warm.rounds, cold.rounds);
}

/// With no answers the prior's order stands, each strength as unsure as the prior; an answer
/// moves the pair it is about.
#[test]
fn the_prior_orders_what_nobody_compared() {
    let settings = Settings { prior: Some(Prior { mean: vec![0.3, 0.0, -0.3], sd: 1.0 }) };
    let none = fit(3, &[], &settings, None);
    assert!(none.strength[0] > none.strength[1] && none.strength[1] > none.strength[2], "{:?}", none.strength);
    assert!((none.above(0, 2) - crate::stats::normal_below(0.6 / 2f64.sqrt())).abs() < 1e-6);
    let beaten = [Answer { judge: 0, first: 0, second: 2, outcome: Outcome::Second }; 3];
    let after = fit(3, &beaten, &settings, None);
    assert!(after.strength[2] > after.strength[0], "three answers outweigh the prior: {:?}", after.strength);
}

/// Three judges agree on an order; a fourth answers every pair the other way round. Every
/// answer counts alike, whoever gave it: the fit is the same with the answers of all four given
/// as one judge's, so the dissenter is neither turned round (as Crowd-BT would) nor weighed
/// less; the three who agree still carry the order.
#[test]
fn every_judges_answers_count_alike() {
    let mut answers = Vec::new();
    for judge in 0..4 {
        for i in 0..8 {
            for j in i + 1..8 {
                let outcome = if judge == 3 { Outcome::Second } else { Outcome::First };
                answers.push(Answer { judge, first: i, second: j, outcome });
            }
        }
    }
    let settings = Settings { prior: Some(Prior { mean: vec![0.0; 8], sd: 1.0 }) };
    let fit = fit(8, &answers, &settings, None);
    assert!(fit.strength.windows(2).all(|w| w[0] > w[1]), "{:?}", fit.strength);
    let as_one: Vec<Answer> = answers.iter().map(|a| Answer { judge: 0, ..*a }).collect();
    assert_eq!(super::fit(8, &as_one, &settings, None).strength, fit.strength);
}
