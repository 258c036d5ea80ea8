use super::*;
use crate::model::Verdict;

/// A round of finalists `a`, `b`, `c`, … in rubric order, each a quarter point below the last,
/// paying `paid` places.
pub(crate) fn round(n: usize, paid: usize) -> Round {
    Round {
        ranking: "backyard".into(),
        paid,
        finalists: (0..n)
            .map(|i| Finalist {
                id: char::from(b'a' + u8::try_from(i).expect("few")).to_string(),
                title: format!("Entry {}", char::from(b'A' + u8::try_from(i).expect("few"))),
                rubric_place: i + 1,
                rubric_score: 4.0 - i as f64 / 4.0,
            })
            .collect(),
        judges: Vec::new(),
        answers: Vec::new(),
    }
}

/// An entry of a merged ranking at `place`, two judges, no flags, a half chance of being paid.
fn ranked(place: usize, id: &str) -> crate::rankings::Ranked {
    crate::rankings::Ranked::example(place, id)
}

fn answer(round: &mut Round, judge: &str, winner: &str, loser: &str) {
    let pair = Pair::new(winner, loser).expect("a pair");
    let verdict = pair.verdict(Some(winner)).expect("one of the pair");
    assert!(round.record(judge, &pair, Some(Compared { verdict, note: None })));
}

fn level(round: &mut Round, judge: &str, a: &str, b: &str) {
    let pair = Pair::new(a, b).expect("a pair");
    assert!(round.record(judge, &pair, Some(Compared { verdict: Verdict::Level, note: None })));
}

#[test]
fn with_no_answer_the_rubric_orders_the_finals() {
    let r = round(4, 2);
    let standing = r.standing(&r.fit(None));
    let ids: Vec<&str> = standing.order.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    assert!(standing.pairs.iter().all(|p| p.answers() == 0), "every pair uncompared");
    let paid: f64 = standing.order.iter().map(|f| f.paid).sum();
    assert!((paid - 2.0).abs() < 1e-9, "two places are paid in every draw: {paid}");
    assert!(standing.order[0].paid > standing.order[3].paid);
    assert!(standing.cycles.is_empty() && standing.disagreements.is_empty());
}

/// Two finalists of one merged score that the rubric round's tie-breaks placed apart stay apart
/// while no answer parts them: the finals order them as the rubric round did, a place each, and
/// no tie goes to the jury. They had been tied for the last paid place, its prize held back,
/// though the summary said the pairs were "ordered by the rubric round". Level in the rubric round
/// too, they are tied.
#[test]
fn finalists_the_rubric_rounds_tie_breaks_parted_are_no_tie_without_answers() {
    let mut r = round(4, 3);
    r.finalists[3].rubric_score = r.finalists[2].rubric_score;
    r.finalists[3].rubric_place = 5;
    let standing = r.standing(&r.fit(None));
    let places: Vec<(&str, usize)> = standing.order.iter().map(|f| (f.id.as_str(), f.place)).collect();
    assert_eq!(places, [("a", 1), ("b", 2), ("c", 3), ("d", 4)]);
    let mut ranked: Vec<_> = ["a", "b", "c", "d"].iter().enumerate().map(|(k, id)| ranked(k + 1, id)).collect();
    settle::reorder_for_tests(&mut ranked, &standing, Some(3));
    assert!(ranked.iter().all(|e| !e.flags.contains(&crate::rankings::Flag::Tie)), "{ranked:?}");
    r.finalists[3].rubric_place = 3;
    let standing = r.standing(&r.fit(None));
    let places: Vec<usize> = standing.order.iter().map(|f| f.place).collect();
    assert_eq!(places, [1, 2, 3, 3], "level in the rubric round: a tie");
}

/// Table: what has been answered, what the judge may not compare, and the pair they get next.
#[test]
fn the_next_pair_is_one_nobody_compared_then_the_least_sure_never_barred_never_twice() {
    type Case = (&'static str, Vec<(&'static str, &'static str, &'static str)>, Vec<bool>, Option<(usize, usize)>);
    let cases: Vec<Case> = vec![
        // Nothing answered: the pair the rubric puts closest (every gap is equal: the first).
        ("a fresh round", vec![], vec![false; 3], Some((0, 1))),
        // a/b answered by someone else: the uncompared pairs come first.
        ("uncompared first", vec![("tomas", "a", "b")], vec![false; 3], Some((1, 2))),
        // Finalist b is barred for mira: only a/c is left.
        ("never a barred finalist", vec![], vec![false, true, false], Some((0, 2))),
        // mira answered every pair she may.
        (
            "never the same pair twice",
            vec![("mira", "a", "b"), ("mira", "a", "c"), ("mira", "b", "c")],
            vec![false; 3],
            None,
        ),
        ("all left are barred", vec![("mira", "a", "b")], vec![false, false, true], None),
    ];
    for (what, answered, barred, want) in cases {
        let mut r = round(3, 1);
        for (judge, winner, loser) in answered {
            answer(&mut r, judge, winner, loser);
        }
        let fit = r.fit(None);
        assert_eq!(r.next_pair(&fit, "mira", &barred), want, "{what}");
    }
    // Every pair compared once: the one the model is least sure of comes next. b beat a and c
    // beat b, against the rubric's order; a against c is now the closest call.
    let mut r = round(3, 1);
    answer(&mut r, "tomas", "b", "a");
    answer(&mut r, "tomas", "c", "b");
    answer(&mut r, "tomas", "a", "c");
    let fit = r.fit(None);
    let sure = |i: usize, j: usize| (fit.above(i, j) - 0.5).abs();
    let least = [(0, 1), (0, 2), (1, 2)].into_iter().min_by(|x, y| sure(x.0, x.1).total_cmp(&sure(y.0, y.1)));
    assert_eq!(r.next_pair(&fit, "mira", &[false; 3]), least);
}

#[test]
fn a_judge_answers_a_pair_once_and_may_change_the_answer() {
    let mut r = round(3, 1);
    answer(&mut r, "mira", "a", "b");
    answer(&mut r, "Mira", "b", "a");
    assert_eq!(r.answers.len(), 1, "the second answer replaced the first");
    assert_eq!(r.answers[0].verdict, Verdict::Second);
    assert!(r.record("mira", &Pair::new("a", "b").expect("pair"), None));
    assert!(r.answers.is_empty(), "taken back");
    assert!(!r.record("mira", &Pair::new("a", "z").expect("pair"), None), "z is no finalist");
}

#[test]
fn a_cycle_and_a_disagreement_are_said_in_plain_words() {
    let mut r = round(4, 2);
    answer(&mut r, "mira", "a", "b");
    answer(&mut r, "mira", "b", "c");
    answer(&mut r, "mira", "c", "a");
    answer(&mut r, "tomas", "c", "a");
    answer(&mut r, "priya", "a", "d");
    answer(&mut r, "tomas", "d", "a");
    level(&mut r, "mira", "a", "d");
    let standing = r.standing(&r.fit(None));
    assert_eq!(standing.cycles.len(), 1, "{:?}", standing.cycles);
    let cycle = &standing.cycles[0];
    assert!(
        cycle.starts_with(
            "A cycle: Entry A beat Entry B (1–0), Entry B beat Entry C (1–0) and Entry C beat Entry A (2–0)"
        ),
        "{cycle}"
    );
    assert_eq!(
        standing.disagreements,
        ["The judges disagree on Entry A and Entry D: Entry A by priya, Entry D by tomas; level: mira"]
    );
    let ad = standing.pairs.iter().find(|p| p.first == "a" && p.second == "d").expect("a/d");
    assert_eq!((ad.first_wins, ad.second_wins, ad.levels, ad.disputed()), (1, 1, 1, true));
    assert_eq!(standing.pairs.iter().filter(|p| p.answers() == 0).count(), 2, "b/d and c/d uncompared");
    let a = standing.order.iter().find(|f| f.id == "a").expect("a");
    assert_eq!((a.compared, a.wins, a.losses, a.levels), (6, 2, 3, 1));
}

#[test]
fn settling_puts_the_finalists_first_in_the_finals_order_with_their_rubric_place_beside() {
    use crate::rankings::{Flag, Ranked};
    let entry = |place: usize, id: &str, flags: Vec<Flag>| Ranked { flags, ..ranked(place, id) };
    let mut ranked = vec![
        entry(1, "a", vec![]),
        entry(2, "b", vec![Flag::Tie]),
        entry(2, "c", vec![Flag::Tie]),
        entry(4, "x", vec![Flag::Tie]),
        entry(4, "y", vec![Flag::Tie]),
        entry(6, "z", vec![]),
    ];
    let mut r = round(3, 2);
    for judge in ["mira", "tomas", "priya"] {
        answer(&mut r, judge, "c", "a");
        answer(&mut r, judge, "c", "b");
        answer(&mut r, judge, "a", "b");
    }
    let standing = r.standing(&r.fit(None));
    super::settle::reorder_for_tests(&mut ranked, &standing, Some(2));
    let seen: Vec<(&str, usize, Option<usize>, bool)> =
        ranked.iter().map(|e| (e.id.as_str(), e.place, e.rubric_place, e.has(Flag::Tie))).collect();
    assert_eq!(
        seen,
        [
            ("c", 1, Some(2), false),
            ("a", 2, Some(1), false),
            ("b", 3, Some(2), false),
            ("x", 4, Some(4), true),
            ("y", 4, Some(4), true),
            ("z", 6, Some(6), false),
        ]
    );
    assert!(ranked[0].chance.is_some_and(|c| c > 0.9), "{:?}", ranked[0].chance);
    assert_eq!(ranked[3].chance, Some(0.0), "the finalists hold every paid place");
}

/// A finals round that moves paid places on fewer judges than merge.min_judges is said, naming
/// each move and whose answers made it: mira's three answers took `a`, the rubric round's first,
/// out of the money. The same answers from two judges, or moves within the unpaid places, are
/// not; an entry nobody compared is left to its own warning.
#[test]
fn paid_places_moved_by_too_few_judges_are_said() {
    let thin = |judges: &[&str], paid: usize, min: usize| {
        let mut r = round(6, paid);
        for judge in judges {
            answer(&mut r, judge, "b", "a");
            answer(&mut r, judge, "f", "a");
            answer(&mut r, judge, "e", "a");
        }
        let mut standing = r.standing(&r.fit(None));
        super::settle::mark_doubts(&r, &mut standing, min, &[]);
        super::settle::moved_on_few_judges(&standing, "Backyard AI")
    };
    let said = thin(&["mira"], 4, 2).expect("moves on one judge");
    assert!(said.starts_with("The finals of Backyard AI move paid places"), "{said}");
    assert!(
        said.contains(
            "Entry A (a), 1st in the rubric round, 6th in the finals, out of the paid places, compared by mira alone"
        ),
        "{said}"
    );
    assert!(said.contains("Entry B (b), 2nd in the rubric round, 1st in the finals, compared"), "{said}");
    assert!(said.contains("merge.min_judges (2)"), "{said}");
    // c and d, never compared, are not named here.
    assert!(!said.contains("(c)") && !said.contains("(d)"), "{said}");
    assert_eq!(thin(&["mira", "tomas"], 4, 2), None, "two judges are enough");
    assert_eq!(thin(&["mira"], 4, 1), None, "one judge is enough where merge.min_judges is 1");
    assert_eq!(thin(&[], 4, 2), None, "no answer moves nothing");
    // Paying one place: a leaves the money; e and f move among the unpaid places, unsaid.
    let one = thin(&["mira"], 1, 2).expect("the paid place moved");
    assert!(one.contains("Entry A (a), 1st in the rubric round, 6th") && one.contains("Entry B (b), 2nd"), "{one}");
    assert!(!one.contains("(e)") && !one.contains("(f)"), "{one}");
    // The warning is said from each finalist's record, the one its award's check is said from.
    let mut r = round(6, 4);
    for (first, second) in [("b", "a"), ("f", "a"), ("e", "a")] {
        answer(&mut r, "mira", first, second);
    }
    let mut standing = r.standing(&r.fit(None));
    super::settle::mark_doubts(&r, &mut standing, 2, &[]);
    let doubts = |id: &str| standing.order.iter().find(|f| f.id == id).map(|f| f.doubts.clone()).expect("a finalist");
    let moved = |rubric_place| super::PlaceDoubt::MovedOnFewJudges {
        rubric_place,
        judges: vec!["mira".into()],
        min_judges: 2,
        may_compare: None,
    };
    assert_eq!(doubts("a"), [moved(1)]);
    assert_eq!(doubts("b"), [moved(2)]);
    // c and d, paid and never compared while others were, rest on the rubric round alone.
    assert_eq!(doubts("c"), [super::PlaceDoubt::UncomparedInFinals { may_compare: None }]);
    assert!(
        super::PlaceDoubt::UncomparedInFinals { may_compare: None }
            .advice("Entry C", 3)
            .starts_with("Entry C (place 3) takes its paid place without one finals comparison")
    );
    assert!(moved(1).advice("Entry A", 6).contains("1st in the rubric round, was placed by the finals on the answers of mira alone, fewer judges than merge.min_judges (2)"));
}

/// A paid place moved on one judge's answers, of a finalist fewer than merge.min_judges of the
/// finals' judges may compare, is said with who may, why the others may not and what can work,
/// in the merge's warning and in its check; where others may compare it, or who may is not
/// known, the advice to have them compare it stays. The check had told the head judge to have
/// other judges compare a finalist that no other judge could.
#[test]
fn a_move_no_other_judge_may_compare_says_what_can_work() {
    let [only_mira, both, nobody] = who_may();
    let stuck_b = "Entry B: only mira of the finals' judges may compare it (tomas: a conflict the event lists for them; priya: not a track they judge), so no other judge can be given its pairs: add to [[judges]]";
    let mixed = format!(
        "Have other judges compare Entry E, Entry F and Entry A (`judging finals` gives them the pairs); {stuck_b}"
    );
    let ask = "Have other judges compare these finalists (`judging finals` gives them the pairs) before announcing";
    // (who may compare each finalist a to f, what the warning says, what it must not, b's check)
    let cases: [(Vec<MayCompare>, Vec<&str>, &str, &str); 5] = [
        (vec![], vec![ask], "may compare it", "have other judges compare it"),
        (vec![both.clone(); 6], vec![ask], "may compare it", "have other judges compare it"),
        (
            vec![only_mira.clone(); 6],
            vec![stuck_b, "or let the jury decide its place, before announcing"],
            "Have other judges",
            "only mira of the finals' judges may compare it",
        ),
        (
            vec![both.clone(), only_mira.clone(), both.clone(), both.clone(), both.clone(), both.clone()],
            vec![&mixed],
            "these finalists",
            "so no other judge can be given its pairs",
        ),
        (
            vec![nobody.clone(); 6],
            vec!["Entry B: none of the finals' judges may compare it (tomas: they recused)"],
            "Have other judges",
            "none of the finals' judges may compare it",
        ),
    ];
    for (may, says, never, check) in cases {
        let mut r = round(6, 4);
        for (first, second) in [("b", "a"), ("f", "a"), ("e", "a")] {
            answer(&mut r, "mira", first, second);
        }
        let mut standing = r.standing(&r.fit(None));
        super::settle::mark_doubts(&r, &mut standing, 2, &may);
        let said = super::settle::moved_on_few_judges(&standing, "Backyard AI").expect("moved on one judge");
        for part in &says {
            assert!(said.contains(part), "{part:?} in {said}");
        }
        assert!(!said.contains(never), "{never:?} in {said}");
        let b = standing.order.iter().find(|f| f.id == "b").expect("b");
        let advice = b.doubts.iter().map(|d| d.advice("Entry B", 1)).collect::<Vec<_>>().join(" ");
        assert!(advice.contains(check), "{check:?} in {advice}");
        assert!(advice.contains("on the answers of mira alone"), "{advice}");
    }
}

/// Who may compare a finalist: mira alone (tomas has a conflict, priya another track); mira and
/// tomas; nobody (tomas recused).
fn who_may() -> [MayCompare; 3] {
    let may = |judges: &[&str], barred: &[(&str, Barred)]| MayCompare {
        judges: judges.iter().map(|j| (*j).to_owned()).collect(),
        barred: barred.iter().map(|(j, why)| ((*j).to_owned(), *why)).collect(),
        could: Vec::new(),
    };
    [
        may(&["mira"], &[("tomas", Barred::Conflict), ("priya", Barred::Track)]),
        may(&["mira", "tomas"], &[("priya", Barred::Track)]),
        may(&[], &[("tomas", Barred::Recused)]),
    ]
}

/// A paid finalist nobody compared, while others were, is left to the judges to compare,
/// unless none of the finals' judges may: then the warning and its check say who may not and
/// why, and what can work. Said when the finals are published, each finalist fewer than
/// merge.min_judges may compare is warned of.
#[test]
fn a_finalist_no_judge_may_compare_is_said_with_what_can_work() {
    let [only_mira, both, nobody] = who_may();
    let ask = "Have the judges compare it (`judging finals` gives them its pairs)";
    let none = "none of the finals' judges may compare it (tomas: they recused), so no other judge can be given its pairs: add to [[judges]]";
    let cases: [(Vec<MayCompare>, &str, &str); 3] =
        [(vec![], ask, none), (vec![only_mira.clone(); 6], ask, none), (vec![nobody.clone(); 6], none, ask)];
    for (may, says, never) in cases {
        let mut r = round(6, 4);
        for (first, second) in [("b", "a"), ("f", "a"), ("e", "a")] {
            answer(&mut r, "mira", first, second);
        }
        let mut standing = r.standing(&r.fit(None));
        super::settle::mark_doubts(&r, &mut standing, 2, &may);
        let c = standing.order.iter().find(|f| f.id == "c").expect("c");
        let advice = c.doubts.iter().map(|d| d.advice("Entry C", 3)).collect::<Vec<_>>().join(" ");
        let warned = super::settle::uncompared_but_paid(&standing, "Backyard AI");
        let warned = warned.iter().find(|w| w.starts_with("Entry C (c)")).expect("c warned");
        for said in [&advice, warned] {
            assert!(said.contains("without one finals comparison") && said.contains(says), "{says:?} in {said}");
            assert!(!said.contains(never), "{never:?} in {said}");
        }
    }
    // A merge saved by an earlier build, without who may compare, reads as before.
    let saved = [
        (r#"{"kind":"uncompared_in_finals"}"#, PlaceDoubt::UncomparedInFinals { may_compare: None }),
        (
            r#"{"kind":"moved_on_few_judges","rubric_place":3,"judges":["mira"],"min_judges":2}"#,
            PlaceDoubt::MovedOnFewJudges {
                rubric_place: 3,
                judges: vec!["mira".into()],
                min_judges: 2,
                may_compare: None,
            },
        ),
    ];
    for (json, doubt) in saved {
        assert_eq!(serde_json::from_str::<PlaceDoubt>(json).expect("reads"), doubt, "{json}");
        assert_eq!(serde_json::to_string(&doubt).expect("writes"), json);
    }
    // Said when the finals are published: each finalist fewer than merge.min_judges may compare.
    let r = round(3, 2);
    let cases: [(Vec<MayCompare>, usize, Vec<&str>); 4] = [
        (vec![both.clone(); 3], 2, vec![]),
        (vec![both.clone(), only_mira.clone(), nobody.clone()], 2, vec!["Entry B (b)", "Entry C (c)"]),
        (vec![both.clone(), only_mira.clone(), nobody.clone()], 1, vec!["Entry C (c)"]),
        (vec![], 2, vec![]),
    ];
    for (may, min, warned) in cases {
        let said = r.few_may_compare(&may, min, "Backyard AI");
        assert_eq!(said.len(), warned.len(), "{said:?}");
        for (said, who) in said.iter().zip(warned) {
            assert!(said.starts_with(&format!("{who}, a finalist of Backyard AI: ")), "{said}");
            assert!(said.contains(FEW_MAY_COMPARE_CURE), "{said}");
        }
    }
    // A judge listed but not among [finals] judges who may compare it is the one to add.
    let outside = MayCompare { could: vec!["eli".into()], ..only_mira.clone() };
    let said = r.few_may_compare(&[both.clone(), outside.clone(), nobody.clone()], 2, "Backyard AI");
    assert!(said[0].contains("add eli to [finals] judges in judging.toml (they judge its track and have no conflict with it), or let the jury decide its place"), "{}", said[0]);
    assert!(!said[0].contains("add to [[judges]]"), "{}", said[0]);
    let moved = PlaceDoubt::MovedOnFewJudges {
        rubric_place: 3,
        judges: vec!["mira".into()],
        min_judges: 2,
        may_compare: Some(outside),
    };
    assert!(
        moved.advice("Entry B", 1).contains("so no other judge can be given its pairs: add eli to [finals] judges")
    );
    let said = r.few_may_compare(&[both.clone(), only_mira, nobody], 2, "Backyard AI");
    assert!(said[0].contains("so its place in the finals would rest on the answers of mira alone"), "{}", said[0]);
    assert!(said[1].contains("would rest on the rubric round alone"), "{}", said[1]);
}

/// Once the finals decide a ranking, "without that judge" is `merge --without` that judge: the
/// rubric round without their marks gives the finalists' prior and the order of the rest, and
/// the finals are fitted again without their answers. ana alone put `c` over `a` and `b`, so
/// without her the finals' order is the rubric's; bo answered nothing and changes nothing; cy
/// answered nothing, but without her marks `z` and `y` tie after the finalists, and the rubric
/// round puts `b` over `a`, which the finals' prior follows where no answer says otherwise.
#[test]
fn without_a_judge_in_a_ranking_the_finals_decide_is_the_merge_without_them() {
    use crate::rankings::{Ranked, Then, WithoutOne};
    let entry = |place: usize, id: &str| Ranked { chance: None, ..ranked(place, id) };
    let mut r = round(3, 2);
    for _ in 0..3 {
        answer(&mut r, "ana", "c", "a");
        answer(&mut r, "ana", "c", "b");
    }
    // The rubric round's order, by position: a, b, c, z, y.
    let before: Vec<String> = ["a", "b", "c", "z", "y"].map(String::from).to_vec();
    // Settled: c first by ana's answers, then a, b, and z, y after the finalists.
    let settled = vec![entry(1, "c"), entry(2, "a"), entry(3, "b"), entry(4, "z"), entry(5, "y")];
    // The rubric round without each judge, by position in `before` (place, score).
    let then = |rows: &[(u32, usize, f64)]| -> Vec<(usize, Vec<Then>)> {
        vec![(0, rows.iter().map(|&(at, place, score)| Then { at, place, score }).collect())]
    };
    let as_before = then(&[(0, 1, 4.0), (1, 2, 3.75), (2, 3, 3.5), (3, 4, 3.0), (4, 5, 2.0)]);
    let cy = then(&[(1, 1, 4.2), (0, 2, 3.7), (2, 3, 3.5), (4, 4, 3.0), (3, 4, 3.0)]);
    let mut without = vec![
        WithoutOne { judge: "ana".into(), orders: as_before.clone() },
        WithoutOne { judge: "bo".into(), orders: as_before },
        WithoutOne { judge: "cy".into(), orders: cy },
    ];
    super::settle::without_finals_judge_for_tests(&mut without, 0, &before, &settled, &r);
    let order = |k: usize| -> Vec<(u32, usize)> { without[k].orders[0].1.iter().map(|t| (t.at, t.place)).collect() };
    assert_eq!(order(0), [(1, 1), (2, 2), (0, 3), (3, 4), (4, 5)], "without ana: a, b, c by the rubric, then z, y");
    assert_eq!(order(1), [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)], "without bo: as settled");
    assert_eq!(order(2), [(0, 1), (2, 2), (1, 3), (4, 4), (3, 4)], "without cy: c, then b over a, then y and z tied");
}

/// A round keeps the finalists asked for and the answers on pairs of them, renumbered.
#[test]
fn a_round_keeps_its_answers_on_the_finalists_it_keeps() {
    let mut r = round(3, 2);
    answer(&mut r, "ana", "c", "a");
    answer(&mut r, "ana", "b", "c");
    let kept = r.keeping(|id| id != "a");
    let ids: Vec<&str> = kept.finalists.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["b", "c"]);
    assert_eq!(kept.answers.len(), 1, "the answer on a is gone");
    let a = &kept.answers[0];
    assert_eq!((kept.finalists[a.first].id.as_str(), kept.finalists[a.second].id.as_str()), ("b", "c"));
}

/// What the judge's app builds from: the published round with the judge's own answers as their
/// sheet has them, and why each finalist is or is not theirs to compare.
#[test]
fn a_judge_sees_the_published_round_with_their_own_sheet_and_why_a_finalist_is_barred() {
    let mut published = round(4, 2);
    answer(&mut published, "mira", "a", "b");
    answer(&mut published, "tomas", "c", "d");
    let mut sheet = crate::model::ScoreSheet::default();
    let pair = Pair::new("a", "c").expect("pair");
    let (id, change) = crate::model::Change::comparison(&pair, Some(Compared { verdict: Verdict::Second, note: None }));
    sheet.apply(&id, &change);
    sheet.apply("d", &crate::model::Change::Text(crate::model::TextPart::Recusal, Some("my cousin".into())));
    let seen = published.as_seen_by("mira", &sheet);
    assert_eq!(seen.answered_by("mira"), [(0, 2)], "the sheet's answer, not the published one");
    assert_eq!(seen.answered_by("tomas"), [(2, 3)], "the others' as published");
    let mut config = crate::config::Config::builtin();
    config.judges[0].conflicts = vec!["b".into()];
    let subs: Vec<crate::model::Submission> = ["a", "b", "c", "d"].map(crate::model::Submission::example).to_vec();
    let entry = |id: &str| subs.iter().find(|s| s.id == id).filter(|s| s.id != "c").map(|s| (s, false));
    let why = seen.why_barred(&config, "mira", &sheet, entry);
    assert_eq!(why, [None, Some(Barred::Conflict), Some(Barred::Absent), Some(Barred::Recused)]);
    let barred: Vec<bool> = why.iter().map(Option::is_some).collect();
    assert_eq!(seen.next_pair(&seen.fit(None), "mira", &barred), None, "a is the only finalist left to her");
}

/// Strengths the fit's rounding alone parts are one strength: one place, either way alike, one
/// chance of a paid place, and settled as a tie for the jury. Two finalists with the same record
/// and prior had come out 1e-16 apart and been placed 2nd and 3rd.
#[test]
fn strengths_alike_within_the_fits_precision_are_a_tie() {
    let mut r = round(4, 3);
    // b and c level in the rubric round, each beaten by a and beating d, and one each way.
    r.finalists[2].rubric_place = 2;
    r.finalists[2].rubric_score = r.finalists[1].rubric_score;
    for judge in ["mira", "tomas"] {
        for (w, l) in [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("a", "d")] {
            answer(&mut r, judge, w, l);
        }
    }
    answer(&mut r, "mira", "b", "c");
    answer(&mut r, "tomas", "c", "b");
    let mut fit = r.fit(None);
    // The rounding the tester saw: one strength a step of the last digit above the other.
    fit.strength[2] = fit.strength[1].next_up();
    for (b, c) in [(1, 2), (2, 1)] {
        let mut parted = fit.clone();
        parted.strength.swap(b, c);
        let standing = r.standing(&parted);
        let of = |id: &str| standing.order.iter().find(|f| f.id == id).expect("a finalist");
        assert_eq!((of("b").place, of("c").place), (2, 2), "{standing:?}");
        assert_eq!(of("b").strength, of("c").strength);
        assert_eq!(of("b").paid, of("c").paid, "one chance of a paid place");
        // Within one strength the rubric orders them, as with no answer; the first is level
        // with the next, exactly.
        assert_eq!(standing.order[1].id, "b");
        assert_eq!(standing.order[1].above_next, Some(0.5));
        let pair = standing.pairs.iter().find(|p| p.first == "b" && p.second == "c").expect("b/c");
        assert!((pair.above - 0.5).abs() < f64::EPSILON, "{pair:?}");
        let mut ranked: Vec<_> =
            ["a", "b", "c", "d", "e"].iter().enumerate().map(|(k, id)| ranked(k + 1, id)).collect();
        settle::reorder_for_tests(&mut ranked, &standing, Some(3));
        let flagged: Vec<bool> = ranked.iter().map(|e| e.flags.contains(&crate::rankings::Flag::Tie)).collect();
        assert_eq!(flagged, [false, true, true, false, false], "a tie for the jury: {ranked:?}");
    }
    // A difference the answers make is no tie.
    let mut apart = fit.clone();
    apart.strength[2] = fit.strength[1] - 1e-3;
    let standing = r.standing(&apart);
    assert_eq!(standing.order.iter().map(|f| f.place).collect::<Vec<_>>(), [1, 2, 3, 4]);
}
