//! The building blocks of merging, table by table.

use super::agreement::{EntryStats, judge_habits, kendall_w};
use super::*;

fn panel(judges: usize, entries: usize, marks: &[(usize, usize, f64)]) -> Panel {
    Panel {
        judges: (0..judges).map(|j| format!("j{j}")).collect(),
        entries: (0..entries).map(|e| format!("e{e}")).collect(),
        marks: marks.iter().map(|&(judge, entry, value)| Mark::new(judge, entry, value)).collect(),
        criteria: None,
    }
}

#[test]
fn ties_share_the_mean_of_their_ranks() {
    let cases: [(&[f64], bool, &[f64]); 4] = [
        (&[9.0, 7.0, 9.0], true, &[1.5, 3.0, 1.5]),
        (&[9.0, 7.0, 9.0], false, &[2.5, 1.0, 2.5]),
        (&[1.0, 2.0, 3.0, 4.0], true, &[4.0, 3.0, 2.0, 1.0]),
        (&[5.0, 5.0, 5.0], true, &[2.0, 2.0, 2.0]),
    ];
    for (values, higher, want) in cases {
        assert_eq!(ranks(values, higher), want, "{values:?}");
    }
}

#[test]
fn trimming_median_and_spread() {
    let marks = [10.0, 9.5, 9.5, 10.0, 10.0, 10.0, 10.0];
    assert_eq!(trimmed_sum(&marks, 2), Some(30.0));
    assert_eq!(trimmed_mean(&marks, 2), Some(10.0));
    assert_eq!(trimmed_sum(&[1.0, 2.0], 1), None, "nothing left");
    assert_eq!(trimmed_mean(&[1.0, 2.0, 3.0], 2), None);
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    assert_eq!(median(&[]), None);
    assert_eq!(spread(&[2.0, 4.0]), Some(1.0));
}

#[test]
fn ranking_reports_ties_and_never_breaks_them() {
    let scores = [Some(3.0), Some(5.0), None, Some(3.0), Some(1.0)];
    let got: Vec<(usize, usize, bool)> =
        rank(&scores, Method::Mean.order()).iter().map(|s| (s.entry, s.place, s.tied)).collect();
    assert_eq!(got, [(1, 1, false), (0, 2, true), (3, 2, true), (4, 4, false)]);
    let low: Vec<usize> = rank(&scores, Method::RankSum.order()).iter().map(|s| s.entry).collect();
    assert_eq!(low, [4, 0, 3, 1]);
}

/// (method, two scores) → one place or two. A fitted score is as exact as its fit: the same
/// marks from the same judges came out 5e-8 apart in the calibrated fit, which must not place
/// one above the other; a mean of whole marks is exact, and 1e-5 apart is two scores.
#[test]
fn scores_alike_within_their_methods_precision_share_a_place() {
    let cases = [
        (Method::Calibrated, 3.924_912_556_355_992_3, 3.924_912_510_232_221, true),
        (Method::Calibrated, 1.435_315_049_1, 1.435_315_019_2, true),
        (Method::Calibrated, 3.92, 3.9201, false),
        (Method::Mean, 4.000_01, 4.0, false),
        (Method::Mean, 4.0, 4.0 + 1e-12, true),
    ];
    for (method, a, b, alike) in cases {
        let standings = rank(&[Some(a), Some(b)], method.order());
        assert_eq!(standings[0].place == standings[1].place, alike, "{method:?}: {a} and {b}");
        assert_eq!(standings.iter().all(|s| s.tied), alike, "{method:?}: {a} and {b} tied");
        // One score, so that every later test of equality agrees with the place.
        assert_eq!(standings[0].score == standings[1].score, alike, "{method:?}: {a} and {b} one score");
    }
}

#[test]
fn each_method_on_a_small_panel() {
    // Three judges, three entries; judge 2 is harsh by two points on everything.
    let p = panel(
        3,
        3,
        &[
            (0, 0, 8.0),
            (0, 1, 6.0),
            (0, 2, 4.0),
            (1, 0, 9.0),
            (1, 1, 6.0),
            (1, 2, 5.0),
            (2, 0, 6.0),
            (2, 1, 4.0),
            (2, 2, 2.0),
        ],
    );
    let order = |m: Method| -> Vec<usize> { rank(&merge(&p, &m), m.order()).iter().map(|s| s.entry).collect() };
    for m in [
        Method::Mean,
        Method::Median,
        Method::RankSum,
        Method::ZScore,
        Method::Calibrated,
        Method::Copeland,
        Method::Schulze,
        Method::Trimmed { drop: 1, by: TrimBy::Total },
    ] {
        assert_eq!(order(m.clone()), [0, 1, 2], "{m:?}");
    }
    assert_eq!(merge(&p, &Method::Sum { judges: vec![0, 1] }), [Some(17.0), Some(12.0), Some(9.0)]);
    // A sum counts an entry only where every counted judge scored it.
    let gappy =
        Panel { marks: p.marks.iter().filter(|m| !(m.judge() == 1 && m.entry() == 2)).copied().collect(), ..p.clone() };
    assert_eq!(merge(&gappy, &Method::Sum { judges: vec![0, 1] }), [Some(17.0), Some(12.0), None]);
    assert_eq!(merge(&gappy, &Method::Sum { judges: vec![0, 2] })[2], Some(4.0 + 2.0), "judge 1 is not counted");
    assert_eq!(merge(&gappy, &Method::Sum { judges: vec![] })[2], None, "all judges: judge 1 missing");
    assert_eq!(merge(&p, &Method::RankSum), [Some(3.0), Some(6.0), Some(9.0)]);
    assert_eq!(merge(&p, &Method::Copeland), [Some(2.0), Some(0.0), Some(-2.0)]);
    assert_eq!(merge(&p, &Method::Schulze), [Some(2.0), Some(1.0), Some(0.0)]);
    let habits = judge_habits(&p);
    assert!(habits[2].leniency < -1.0 && habits[1].leniency > 0.0, "{habits:?}");
}

#[test]
fn kendall_w_classic_and_tie_corrected() {
    let same = vec![vec![3.0, 2.0, 1.0], vec![3.0, 2.0, 1.0]];
    assert_eq!(kendall_w(&same), Some((1.0, 1.0)));
    let opposite = vec![vec![3.0, 2.0, 1.0], vec![1.0, 2.0, 3.0]];
    assert_eq!(kendall_w(&opposite), Some((0.0, 0.0)));
    // Equal marks: the classic form cannot reach 1; the corrected form sees full agreement.
    let tied = vec![vec![1.0, 1.0, 2.0], vec![1.0, 1.0, 2.0]];
    assert_eq!(kendall_w(&tied), Some((0.75, 1.0)));
    // Ties and ranks within one row, with the ranks as the mean of the places they span.
    let mixed = vec![vec![2.0, 5.0, 2.0, 1.0, 5.0], vec![1.0, 4.0, 3.0, 2.0, 5.0]];
    let ranks: Vec<Vec<f64>> = mixed.iter().map(|r| super::ranks(r, true)).collect();
    let totals: Vec<f64> = (0..5).map(|e| ranks[0][e] + ranks[1][e]).collect();
    let s: f64 = totals.iter().map(|t| (t - 6.0).powi(2)).sum();
    let tie_sum = 2.0 * (8.0 - 2.0);
    let want = (12.0 * s / (4.0 * 120.0), 12.0 * s / (4.0 * 120.0 - 2.0 * tie_sum));
    assert_eq!(kendall_w(&mixed), Some(want));
    assert_eq!(kendall_w(&[vec![1.0, 2.0]]), None);
    assert_eq!(kendall_w(&[vec![1.0, 2.0], vec![1.0]]), None);
}

#[test]
fn concordance_groups_judges_who_saw_the_same_entries() {
    // Judges 0 and 1 saw entries 0-2 and agree; judge 2 saw only 0-1.
    let p = panel(
        3,
        3,
        &[(0, 0, 3.0), (0, 1, 2.0), (0, 2, 1.0), (1, 0, 5.0), (1, 1, 4.0), (1, 2, 2.0), (2, 0, 1.0), (2, 1, 2.0)],
    );
    assert_eq!(super::agreement::Overlap::of(&p).concordance(), [(vec![0, 1], 3, 1.0, 1.0)]);
}

/// The judges' marks in any order, one entry marked twice by a judge (the first counts), give
/// the agreement the same marks give judge by judge in entry order.
#[test]
fn agreement_does_not_depend_on_the_order_of_the_marks() {
    let sorted: Vec<(usize, usize, f64)> = vec![
        (0, 0, 3.0),
        (0, 1, 2.0),
        (0, 2, 1.0),
        (0, 3, 4.0),
        (1, 0, 5.0),
        (1, 1, 4.0),
        (1, 2, 2.0),
        (1, 3, 1.0),
        (2, 0, 1.0),
        (2, 1, 2.0),
        (2, 3, 3.0),
        (3, 0, 2.0),
        (3, 1, 3.0),
        (3, 2, 1.0),
        (3, 3, 5.0),
    ];
    let mut shuffled: Vec<(usize, usize, f64)> = sorted.iter().rev().copied().collect();
    shuffled.swap(0, 7);
    // Judge 2's second mark on entry 1 comes after their first: it is not counted.
    shuffled.push((2, 1, 9.0));
    // Judge after judge, as a merge's panel comes, but each judge's entries backwards: read in
    // place only when in entry order, copied and sorted otherwise.
    let mut backwards: Vec<(usize, usize, f64)> = sorted.clone();
    backwards.sort_by_key(|(judge, entry, _)| (*judge, std::cmp::Reverse(*entry)));
    let c = panel(4, 4, &backwards);
    let c = super::agreement::Overlap::of(&c);
    let (a, b) = (panel(4, 4, &sorted), panel(4, 4, &shuffled));
    let (a, b) = (super::agreement::Overlap::of(&a), super::agreement::Overlap::of(&b));
    assert_eq!(a.concordance(), b.concordance());
    assert_eq!(a.concordance(), c.concordance());
    assert_eq!(a.pairwise(2), c.pairwise(2));
    assert_eq!(a.concordance().len(), 1, "judges 0, 1 and 3 saw the same four entries");
    assert_eq!(a.pairwise(2), b.pairwise(2));
    assert!(a.pairwise(2).is_some(), "judge 2 shares three entries with each other judge");
}

#[test]
fn disagreements_come_widest_gap_first() {
    let p = panel(3, 3, &[(0, 0, 5.0), (1, 0, 5.0), (0, 1, 1.0), (1, 1, 5.0), (2, 1, 3.0), (0, 2, 3.0)]);
    let stats = EntryStats::of(&p);
    assert_eq!(stats.judges, [2, 3, 1]);
    assert_eq!(
        stats.most_disagreed(5),
        [1],
        "entry 0's judges agree (5 and 5), entry 2 has one judge: nothing to disagree on"
    );
    assert_eq!(stats.most_disagreed(1), [1]);
    assert_eq!(stats.gap, [0.0, 4.0, 0.0], "highest less lowest");
    assert_eq!((stats.lowest[1], stats.highest[1]), (Some((0, 1.0)), Some((1, 5.0))));
    assert_eq!((stats.lowest[2], stats.highest[2]), (Some((0, 3.0)), Some((0, 3.0))));
}

#[test]
fn an_empty_panel_merges_to_nothing() {
    let p = panel(2, 2, &[]);
    for m in [Method::Mean, Method::Calibrated, Method::Copeland, Method::Schulze, Method::RankSum, Method::ZScore] {
        assert_eq!(merge(&p, &m), [None, None], "{m:?}");
    }
}

#[test]
fn tie_breaks_decide_in_turn_and_leave_the_rest_tied() {
    // Entries 0, 1, 2 tie on score; 3 is alone. Key 0: utility; key 1: judges.
    let scores = [Some(4.0), Some(4.0), Some(4.0), Some(3.0)];
    let utility = vec![3.0, 5.0, 3.0, 1.0];
    let judges = vec![2.0, 3.0, 2.0, 9.0];
    let more_judges = vec![2.0, 3.0, 4.0, 9.0];
    type Row = (usize, usize, bool, Option<usize>);
    type Case = (&'static str, Vec<Vec<f64>>, Vec<Row>);
    let cases: [Case; 4] = [
        (
            "no keys: the tie stands",
            vec![],
            vec![(0, 1, true, None), (1, 1, true, None), (2, 1, true, None), (3, 4, false, None)],
        ),
        (
            "utility separates 1; 0 and 2 stay tied",
            vec![utility.clone()],
            vec![(1, 1, false, Some(0)), (0, 2, true, Some(0)), (2, 2, true, Some(0)), (3, 4, false, None)],
        ),
        (
            "judges cannot separate 0 and 2 either",
            vec![utility.clone(), judges],
            vec![(1, 1, false, Some(0)), (0, 2, true, Some(0)), (2, 2, true, Some(0)), (3, 4, false, None)],
        ),
        (
            "then more judges puts 2 before 0",
            vec![utility, more_judges],
            vec![(1, 1, false, Some(0)), (2, 2, false, Some(1)), (0, 3, false, Some(1)), (3, 4, false, None)],
        ),
    ];
    for (what, keys, want) in cases {
        let got: Vec<Row> = break_ties(rank(&scores, Method::Mean.order()), &keys)
            .iter()
            .map(|s| (s.entry, s.place, s.tied, s.broken_by))
            .collect();
        assert_eq!(got, want, "{what}");
    }
}

/// The deepest key that sets each entry apart, worked out in one pass, is what comparing the entry
/// with every other of its score gives, on ties of every shape: none broken, some, all, by one
/// key or by the third.
#[test]
fn the_deepest_deciding_key_is_found_without_comparing_every_pair() {
    for (seed, entries, keys, values) in
        [(1, 12, 1, 2), (2, 40, 2, 2), (3, 40, 3, 3), (4, 200, 3, 2), (5, 7, 0, 1), (6, 60, 2, 1), (7, 300, 4, 5)]
    {
        let mut rng = crate::rng::SplitMix(seed);
        let mut draw = || (rng.uniform() * f64::from(values)).floor();
        let scores: Vec<Option<f64>> = (0..entries).map(|_| Some(draw().min(1.0))).collect();
        let key_values: Vec<Vec<f64>> = (0..keys).map(|_| (0..entries).map(|_| draw()).collect()).collect();
        let got = break_ties(rank(&scores, Method::Mean.order()), &key_values);
        let decider = |a: usize, b: usize| key_values.iter().position(|k| k[a].total_cmp(&k[b]).is_ne());
        for s in &got {
            let same_score: Vec<usize> = got
                .iter()
                .filter(|o| o.entry != s.entry && scores[o.entry] == scores[s.entry])
                .map(|o| o.entry)
                .collect();
            let every_pair = same_score.iter().filter_map(|&o| decider(s.entry, o)).max();
            assert_eq!(s.broken_by, every_pair, "seed {seed}, entry {}", s.entry);
        }
    }
}

/// A tie of 20,000 entries (one judge's marks on a five-point scale) is broken into its five
/// groups, each entry's deciding key found (comparing every pair took 400 million comparisons;
/// the merge benchmark times it).
#[test]
fn a_tie_of_thousands_is_broken_into_its_groups() {
    let n = 20_000;
    let scores = vec![Some(3.0); n];
    let keys = vec![(0..n).map(|i| (i % 5) as f64).collect::<Vec<f64>>()];
    let got = break_ties(rank(&scores, Method::Mean.order()), &keys);
    assert!(got.iter().all(|s| s.broken_by == Some(0) && s.tied));
    assert_eq!(got.iter().map(|s| s.place).max(), Some(1 + 4 * n / 5));
}

/// The worked example of Schulze's method (Schulze 2011, and Wikipedia's "Schulze method"):
/// 45 voters, five candidates, and the published order E > A > C > B > D.
#[test]
fn schulze_reproduces_the_published_example() {
    let ballots: [(usize, &str); 8] = [
        (5, "ACBED"),
        (5, "ADECB"),
        (8, "BEDAC"),
        (3, "CABED"),
        (7, "CAEBD"),
        (2, "CBADE"),
        (7, "DCEBA"),
        (8, "EBADC"),
    ];
    let mut marks = Vec::new();
    let mut judge = 0;
    for (voters, order) in ballots {
        for _ in 0..voters {
            for (place, candidate) in order.bytes().enumerate() {
                marks.push((judge, usize::from(candidate - b'A'), 5.0 - place as f64));
            }
            judge += 1;
        }
    }
    let p = panel(45, 5, &marks);
    let order: String = rank(&merge(&p, &Method::Schulze), Method::Schulze.order())
        .iter()
        .map(|s| char::from(b'A' + u8::try_from(s.entry).expect("five entries")))
        .collect();
    assert_eq!(order, "EACBD");
    let standings = rank(&merge(&p, &Method::Schulze), Method::Schulze.order());
    assert!(standings.iter().all(|s| !s.tied), "a strict order: {standings:?}");
}

#[test]
fn judges_with_overlapping_entries_are_compared_pair_by_pair() {
    // Judge 0: entries 0-3; judge 1: entries 1-4 (3 shared, same order); judge 2: 0-3 reversed
    // (the same set as judge 0, so not paired with it); judge 3 shares one entry only.
    let mut marks = Vec::new();
    for e in 0..4 {
        marks.push((0, e, e as f64));
        marks.push((2, e, -(e as f64)));
    }
    for e in 1..5 {
        marks.push((1, e, e as f64));
    }
    marks.push((3, 4, 1.0));
    marks.push((3, 9, 2.0));
    let p = panel(4, 10, &marks);
    let overlap = super::agreement::Overlap::of(&p);
    let (pairs, w, corrected) = overlap.pairwise(3).expect("pairs");
    // (0,1): agree fully, W 1; (1,2): opposite on 1-3, W 0. (0,2) is one group; 3 shares too little.
    assert_eq!(pairs, 2);
    assert!((w - 0.5).abs() < 1e-12 && (corrected - 0.5).abs() < 1e-12, "{w} {corrected}");
    assert_eq!(overlap.pairwise(5), None);
}

#[test]
fn a_judge_who_disagrees_keeps_a_full_say_in_the_calibrated_fit() {
    // Four entries, complete panel: judges 0 and 1 agree, judge 2 orders them the other way with
    // the same spread. Each judge's severity follows their spread alone, so all three are alike.
    let p = panel(
        3,
        4,
        &[
            (0, 0, 9.0),
            (0, 1, 7.0),
            (0, 2, 5.0),
            (0, 3, 3.0),
            (1, 0, 8.0),
            (1, 1, 7.0),
            (1, 2, 5.0),
            (1, 3, 4.0),
            (2, 0, 3.0),
            (2, 1, 5.0),
            (2, 2, 7.0),
            (2, 3, 9.0),
        ],
    );
    let fit = calibrated_fit(&p);
    for (j, s) in fit.severity.iter().enumerate() {
        assert!((0.7..=1.4).contains(s), "judge {j}: severity {s:.3} follows spread, not agreement");
    }
    assert_eq!(fit.held, [None, None, None]);
}

#[test]
fn a_judge_who_barely_varies_is_said_and_cannot_outweigh_the_others() {
    // Judge 2 gives every entry 6 but one 7; the others spread wide. Their severity falls towards
    // 0; were their marks divided by it, their one-point difference would count many times over.
    let mut marks = Vec::new();
    for e in 0..12 {
        let v = f64::from(u8::try_from(e).unwrap_or(0));
        marks.push((0, e, 1.0 + v * 0.8));
        marks.push((1, e, 0.5 + v * 0.8));
        marks.push((2, e, if e == 3 { 7.0 } else { 6.0 }));
    }
    let fit = calibrated_fit(&panel(3, 12, &marks));
    assert_eq!(fit.held, [None, None, Some(Held::Narrow)]);
    assert!(fit.severity[2] < LEAST_SEVERITY, "{:?}", fit.severity);
    // Said, but the fit never lets one judge's mark outweigh the others' many times over: their
    // one point for entry 3 does not lift it over entry 5, which both others put 1.6 points
    // higher.
    let order: Vec<usize> = rank(&fit.quality, Method::Calibrated.order()).iter().map(|s| s.entry).collect();
    assert_eq!(order[0], 11, "the entry both spreading judges put first stays first: {order:?}");
    let at = |e: usize| order.iter().position(|o| *o == e);
    assert!(at(5) < at(3), "{order:?}");
}

#[test]
fn habits_are_shrunk_towards_typical_by_evidence() {
    // The same lenient, stretched judge with 3 marks and with 30: the fit believes the 30.
    let stretch_of = |n: usize| {
        let mut marks = Vec::new();
        for e in 0..n {
            let q = f64::from(u8::try_from(e % 10).unwrap_or(0));
            marks.push((0, e, q));
            marks.push((1, e, q + 1.0));
            marks.push((2, e, 2.0 + 2.0 * q));
        }
        calibrated_fit(&panel(3, n, &marks)).severity[2] / calibrated_fit(&panel(3, n, &marks)).severity[0]
    };
    let (few, many) = (stretch_of(3), stretch_of(30));
    assert!(few < many, "3 marks: {few:.3}, 30 marks: {many:.3}");
    assert!(many > 1.6 && few < 1.6, "3 marks: {few:.3}, 30 marks: {many:.3}");
}

/// Each judge's order, best first, as marks: the first entry gets the most.
fn ballots(entries: usize, orders: &[&[usize]]) -> Panel {
    let mut marks = Vec::new();
    for (j, order) in orders.iter().enumerate() {
        for (k, e) in order.iter().enumerate() {
            marks.push((j, *e, (entries - k) as f64));
        }
    }
    panel(orders.len(), entries, &marks)
}

#[test]
fn head_to_head_finds_the_condorcet_winner_or_the_cycle() {
    type Case<'a> = (&'a str, usize, &'a [&'a [usize]], usize, HeadToHead);
    let cases: [Case; 5] = [
        ("a clear winner", 3, &[&[0, 1, 2], &[0, 2, 1], &[1, 0, 2]], 0, HeadToHead::Winner(0)),
        // The method's leader is not the entry that beats every other.
        ("a winner the leader is not", 3, &[&[0, 1, 2], &[0, 2, 1], &[1, 0, 2]], 1, HeadToHead::Winner(0)),
        // The classic cycle: 0 beats 1, 1 beats 2, 2 beats 0, each by two judges to one.
        ("a cycle", 3, &[&[0, 1, 2], &[1, 2, 0], &[2, 0, 1]], 0, HeadToHead::Cycle(vec![0, 1, 2])),
        ("a cycle from another leader", 3, &[&[0, 1, 2], &[1, 2, 0], &[2, 0, 1]], 2, HeadToHead::Cycle(vec![2, 0, 1])),
        // Two judges split on the top two: even, no cycle, and nothing beats the leader.
        (
            "level at the top",
            3,
            &[&[0, 1, 2], &[1, 0, 2]],
            0,
            HeadToHead::Unbeaten { leader: 0, beats: 1, even: 1, unmet: 0 },
        ),
    ];
    for (name, entries, orders, leader, want) in cases {
        assert_eq!(head_to_head(&ballots(entries, orders), leader), want, "{name}");
    }
    // Entries no judge marked together never met: no evidence, no case against the leader.
    let apart = panel(2, 2, &[(0, 0, 5.0), (1, 1, 4.0)]);
    assert_eq!(head_to_head(&apart, 0), HeadToHead::Unbeaten { leader: 0, beats: 0, even: 0, unmet: 1 });
    // Two judges who marked both alike: they met, and neither put one above the other.
    let alike = panel(2, 2, &[(0, 0, 4.0), (0, 1, 4.0), (1, 0, 3.0), (1, 1, 3.0)]);
    assert_eq!(head_to_head(&alike, 0), HeadToHead::Unbeaten { leader: 0, beats: 0, even: 1, unmet: 0 });
    // Two judges to each entry: the one judge who scored both the leader and 1 put 1 above, and
    // 2 met neither. 1 beats the leader; 2 is not against it.
    let sparse = panel(2, 3, &[(0, 0, 3.0), (0, 1, 5.0), (1, 2, 4.0)]);
    assert_eq!(
        head_to_head(&sparse, 0),
        HeadToHead::NotBeaten { leader: 0, other: 1, for_leader: 0, for_other: 1, level: 0 }
    );
    assert_eq!(head_to_head(&panel(1, 1, &[(0, 0, 5.0)]), 0), HeadToHead::Alone);
    // Schulze still names a winner on the cycle: the report is what says there is none.
    let cycle = ballots(3, &[&[0, 1, 2], &[1, 2, 0], &[2, 0, 1]]);
    assert!(merge(&cycle, &Method::Schulze).iter().all(Option::is_some));
}

#[test]
fn judges_fall_into_groups_linked_by_shared_entries() {
    type Case<'a> = (&'a str, usize, &'a [&'a [usize]], &'a [&'a [usize]]);
    let cases: [Case; 4] = [
        ("one shared entry links all", 3, &[&[0, 1], &[1, 2]], &[&[0, 1, 2]]),
        ("two islands", 4, &[&[0, 1], &[2, 3], &[1, 0]], &[&[0, 1], &[2, 3]]),
        ("a judge alone on their entries", 3, &[&[0, 1], &[2]], &[&[0, 1], &[2]]),
        ("a judge with no entries is in no group", 3, &[&[2, 0]], &[&[0, 2]]),
    ];
    for (name, judges, entries, want) in cases {
        let got = agreement::judge_groups(judges, entries.iter().copied());
        assert_eq!(got, want.iter().map(|g| g.to_vec()).collect::<Vec<_>>(), "{name}");
    }
}

#[test]
fn chances_of_a_paid_place_are_sure_where_judges_agree_and_open_where_they_do_not() {
    use super::chances::{Paid, chances};
    // Four judges, six entries, one paid place: entry 0 far ahead of all; entries 1 and 2 level
    // for second; the rest far behind.
    let mut marks = Vec::new();
    for j in 0..4 {
        let lean = f64::from(u8::try_from(j).unwrap_or(0)) * 0.3;
        let second = if j % 2 == 0 { (7.0, 6.5) } else { (6.5, 7.0) };
        for (e, v) in [(0, 9.5), (1, second.0), (2, second.1), (3, 3.0), (4, 2.5), (5, 2.0)] {
            marks.push((j, e, v + lean));
        }
    }
    let p = panel(4, 6, &marks);
    let all: Vec<usize> = (0..6).collect();
    let one = Paid { entries: all.clone(), places: 1 };
    let two = Paid { entries: all, places: 2 };
    let got = chances(&p, &[one, two], 200).expect("marks");
    assert!(got[0][0] > 0.95, "one paid place: the clear winner is sure of it: {:?}", got[0]);
    assert!(got[0][3..].iter().all(|c| *c < 0.05), "{:?}", got[0]);
    let (a, b) = (got[1][1], got[1][2]);
    assert!((0.1..=0.9).contains(&a) && (0.1..=0.9).contains(&b), "two level entries share the second place: {a}, {b}");
    assert!((got[1].iter().sum::<f64>() - 2.0).abs() < 1e-9, "each refit pays exactly two places");
    assert_eq!(
        chances(&p, &[Paid { entries: (0..6).collect(), places: 1 }], 200).expect("marks")[0],
        got[0],
        "the same marks, the same chances"
    );
    // Each refit is told as it is done, from the threads that fit, for the step's bar.
    let told = std::sync::atomic::AtomicUsize::new(0);
    let done = || {
        told.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    };
    let paid = [Paid { entries: (0..6).collect(), places: 1 }];
    assert!(super::chances::draws(&p, &paid, 31, &done).is_some());
    assert_eq!(told.into_inner(), 31);
}

/// Figure skating's program components, worked by hand: nine judges, five components, each
/// component's highest and lowest marks dropped and the other seven averaged, then weighted (here
/// the first component counts twice). An entry too thinly judged to trim a component has none.
#[test]
fn trimming_by_criterion_drops_each_criteria_extremes_before_weighting() {
    // Marks of the nine judges, by component; one row per component.
    let components: [[u8; 9]; 5] = [
        [7, 8, 8, 9, 6, 7, 8, 10, 5], // drop 10 and 5: 53 / 7
        [6, 6, 7, 7, 7, 8, 6, 9, 3],  // drop 9 and 3: 47 / 7
        [9; 9],                       // 9
        [5, 6, 7, 8, 9, 4, 3, 10, 6], // drop 10 and 3: 45 / 7
        [8, 8, 8, 8, 8, 8, 8, 8, 1],  // drop one 8 and the 1: 8
    ];
    let weights = vec![2.0, 1.0, 1.0, 1.0, 1.0];
    let mut p = panel(9, 2, &[]);
    let mut values = Vec::new();
    for judge in 0..9 {
        // Entry 0 by all nine; entry 1 by the first two only, too few to drop one of each end.
        for entry in 0..if judge < 2 { 2 } else { 1 } {
            let marks: Vec<u8> = components.iter().map(|c| c[judge]).collect();
            let total = crate::model::total(weights.iter().zip(&marks).map(|(w, v)| (*w, Some(*v))));
            p.marks.push(Mark::new(judge, entry, total.expect("a total")));
            values.extend(marks.into_iter().map(|v| Some(f64::from(v))));
        }
    }
    p.criteria = Some(CriterionMarks { weights, values });
    let by_criterion = merge(&p, &Method::Trimmed { drop: 1, by: TrimBy::Criterion });
    let by_hand = (2.0 * 53.0 / 7.0 + 47.0 / 7.0 + 9.0 + 45.0 / 7.0 + 8.0) / 6.0;
    assert!((by_criterion[0].expect("entry 0") - by_hand).abs() < 1e-12, "{by_criterion:?} vs {by_hand}");
    assert_eq!(by_criterion[1], None, "two judges: nothing left after dropping one of each end");
    // Trimming totals drops whole judges instead, and comes to another figure.
    let by_total = merge(&p, &Method::Trimmed { drop: 1, by: TrimBy::Total })[0].expect("entry 0");
    assert!((by_total - by_hand).abs() > 0.01, "{by_total} vs {by_hand}");
    // A criterion off an entry's rubric (no marks) or of weight 0 does not count.
    let mut q = p.clone();
    if let Some(c) = &mut q.criteria {
        c.weights[4] = 0.0;
        for v in c.values.iter_mut().skip(3).step_by(5) {
            *v = None;
        }
    }
    let without = merge(&q, &Method::Trimmed { drop: 1, by: TrimBy::Criterion })[0].expect("entry 0");
    assert!((without - (2.0 * 53.0 / 7.0 + 47.0 / 7.0 + 9.0) / 4.0).abs() < 1e-12, "{without}");
}

#[test]
fn a_weaker_track_judged_by_its_own_pool_keeps_its_gap() {
    // Two tracks of 100 entries, each marked by its own pool of eight judges (leniency and
    // severity of their own), three an entry; two judges also mark 6 entries each of the other
    // track, and only they say how much weaker the second track is (0.75 points, against qualities
    // spread 2 points within a track). The fit must find that gap from their marks, not pull the
    // tracks together because each pool's leniency was measured against entries already pulled
    // to the middle. The gap is compared in spreads within a track, so that it means the same
    // whatever the fit's scale.
    let found = |seed: u64| {
        let mut rng = crate::rng::SplitMix(seed);
        let mut normal = || {
            let (u, v) = (rng.uniform().max(1e-300), rng.uniform());
            (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
        };
        let habits: Vec<(f64, f64)> = (0..18).map(|_| (1.2 * normal(), 1.0 + 0.3 * normal())).collect();
        let truth: Vec<f64> = (0..200).map(|e| 2.0 * normal() - if e < 100 { 0.0 } else { 0.75 }).collect();
        let mut marks = Vec::new();
        for (e, q) in truth.iter().enumerate() {
            let pool = if e < 100 { 0 } else { 8 };
            for k in 0..3 {
                let judge = match (e, k) {
                    (0..30 | 100..106, 2) => 16,
                    (30..60 | 106..112, 2) => 17,
                    _ => pool + (e + k) % 8,
                };
                let (leniency, severity) = habits[judge];
                marks.push((judge, e, 5.5 + leniency + severity * q + 0.8 * normal()));
            }
        }
        let fitted: Vec<f64> = calibrated_fit(&panel(18, 200, &marks)).quality.into_iter().flatten().collect();
        gap_in_spreads(&fitted) / gap_in_spreads(&truth)
    };
    let found: Vec<f64> = (1..=24).map(found).collect();
    let average = found.iter().sum::<f64>() / found.len() as f64;
    // Each event's few linking marks leave its gap unsure either way; over many, the fit must
    // find it whole (measuring leniencies against the pulled qualities found six tenths).
    assert!((0.8..1.2).contains(&average), "the fit found {found:.2?} of each true gap");
}

/// How far the first half of the entries stands above the second, in spreads within a half.
fn gap_in_spreads(quality: &[f64]) -> f64 {
    let (first, second) = quality.split_at(quality.len() / 2);
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    let spread = |s: &[f64]| (s.iter().map(|q| (q - mean(s)).powi(2)).sum::<f64>() / s.len() as f64).sqrt();
    (mean(first) - mean(second)) / (0.5 * (spread(first) + spread(second)))
}

/// Two judges who marked the same entries, one a point above the truth and one a point below,
/// with no noise: the fit settles on exactly that (each judge measured against the other would
/// swap their difference back and forth, and stopping once the qualities stop moving would keep
/// the noise the fit started from), and two who order them oppositely leave the fit finite.
#[test]
fn two_judges_on_the_same_entries_settle_on_their_habits() {
    let quality = [2.0, 2.5, 3.0, 3.25, 3.5, 4.0];
    let two = |a: &[f64], b: &[f64]| Panel {
        judges: vec!["a".into(), "b".into()],
        entries: (0..a.len()).map(|e| format!("e{e}")).collect(),
        marks: (0..a.len()).flat_map(|e| [Mark::new(0, e, a[e]), Mark::new(1, e, b[e])]).collect(),
        criteria: None,
    };
    let up: Vec<f64> = quality.iter().map(|q| q + 1.0).collect();
    let down: Vec<f64> = quality.iter().map(|q| q - 1.0).collect();
    let fit = calibrated_fit(&two(&up, &down));
    assert!((fit.leniency[0] - 1.0).abs() < 1e-3 && (fit.leniency[1] + 1.0).abs() < 1e-3, "{fit:?}");
    assert!(fit.panel.noise < 0.05, "next to a point of leniency, next to none: {fit:?}");
    let rising = [1.0, 2.0, 3.0, 4.0, 5.0, 3.0];
    let falling: Vec<f64> = rising.iter().map(|v| 6.0 - v).collect();
    let fit = calibrated_fit(&two(&rising, &falling));
    assert!(fit.quality.iter().flatten().all(|q| (q - 3.0).abs() < 1e-6), "{fit:?}");
    assert!(fit.severity.iter().chain(&fit.leniency).all(|x| x.is_finite()), "{fit:?}");
}

/// Two entries with the same marks from the same judges come out of the calibrated fit with the
/// same quality to the last bit, and tie, whatever order the panel holds their marks in: each
/// entry's marks are summed judge after judge. Summed in the panel's order, 5 of these 200
/// panels had the two entries' sums rounded differently, one placed above the other by a hair.
#[test]
fn the_same_marks_tie_exactly_in_any_order() {
    let judges = 12;
    let shuffled = [3, 6, 0, 5, 1, 4, 2, 11, 9, 7, 10, 8];
    let apart: Vec<u64> = (0..200u64)
        .filter(|seed| {
            let value = |j: usize| {
                let j = j as u64;
                1.0 + ((j * 37 + seed * 13) % 11) as f64 * 0.37 + std::f64::consts::PI / (j + 3 + seed) as f64
            };
            // Entry 0's marks judge by judge, entry 1's the same marks shuffled, entry 2 to give
            // the fit a spread.
            let mut marks: Vec<(usize, usize, f64)> = (0..judges).map(|j| (j, 0, value(j))).collect();
            marks.extend((0..judges).map(|j| (j, 2, 5.0 - value(j) * 0.5)));
            marks.extend(shuffled.map(|j| (j, 1, value(j))));
            let fit = calibrated_fit(&panel(judges, 3, &marks));
            fit.quality[0].map(f64::to_bits) != fit.quality[1].map(f64::to_bits)
        })
        .collect();
    assert!(apart.is_empty(), "the same marks apart on panels {apart:?}");
}
