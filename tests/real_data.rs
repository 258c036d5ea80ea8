//! The merge methods against real multi-judge events and what they published
//! (tests/fixtures/judging-datasets, copied from the project's shared data; see its README).

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use judging::merge::agreement::kendall_w;
use judging::merge::{Mark, Method, Panel, merge, rank, trimmed_sum};

const DIVES: &str = include_str!("fixtures/judging-datasets/diving_tokyo2020_men10m_final_daley.csv");
const DIVING_TOTALS: &str = include_str!("fixtures/judging-datasets/diving_tokyo2020_expected_totals.csv");
const PRINCETON: &str = include_str!("fixtures/judging-datasets/princeton2012_wines2012_long.csv");
const PRINCETON_PUBLISHED: &str = include_str!("fixtures/judging-datasets/princeton2012_computed_and_published.csv");
const PARIS: &str = include_str!("fixtures/judging-datasets/paris1976_white_scores_lindley.csv");
const PARIS_PUBLISHED: &str = include_str!("fixtures/judging-datasets/paris1976_white_published_results.csv");

fn rows(text: &str, delimiter: u8) -> Vec<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
    reader.records().collect::<Result<_, _>>().expect("fixture parses")
}

fn num(record: &csv::StringRecord, i: usize) -> f64 {
    record[i].parse().unwrap_or_else(|_| panic!("column {i} of {record:?} is a number"))
}

/// Rounded to cents, as the events publish.
fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

#[test]
fn diving_drops_two_high_two_low_and_multiplies_by_difficulty() {
    let dives = rows(DIVES, b',');
    assert_eq!(dives.len(), 72);
    let mut totals: Vec<(String, f64)> = Vec::new();
    let mut mean_totals: Vec<(String, f64)> = Vec::new();
    for dive in &dives {
        let marks: Vec<f64> = (5..12).map(|i| num(dive, i)).collect();
        let dd = num(dive, 4);
        let points = trimmed_sum(&marks, 2).expect("three marks kept") * dd;
        assert_eq!(cents(points), cents(num(dive, 12)), "dive points of {:?}", &dive);
        let all_seven = marks.iter().sum::<f64>() / 7.0 * 3.0 * dd;
        for (list, value) in [(&mut totals, points), (&mut mean_totals, all_seven)] {
            match list.iter_mut().find(|(n, _)| n == &dive[1]) {
                Some((_, t)) => *t += value,
                None => list.push((dive[1].to_owned(), value)),
            }
        }
    }
    let expected = rows(DIVING_TOTALS, b',');
    for e in &expected {
        let total = totals.iter().find(|(n, _)| n == &e[0]).expect("diver").1;
        assert_eq!(cents(total), cents(num(e, 2)), "{}", &e[0]);
    }
    let order = |list: &[(String, f64)]| -> Vec<String> {
        rank(&list.iter().map(|(_, t)| Some(*t)).collect::<Vec<_>>(), Method::Mean.order())
            .iter()
            .map(|s| list[s.entry].0.clone())
            .collect()
    };
    let official: Vec<String> = expected.iter().map(|e| e[0].to_owned()).collect();
    assert_eq!(order(&totals), official);
    // Averaging all seven marks instead swaps 7th and 8th place.
    let by_mean = order(&mean_totals);
    assert_eq!((by_mean[6].as_str(), by_mean[7].as_str()), (official[7].as_str(), official[6].as_str()));
    assert_eq!(by_mean[..6], official[..6]);
}

/// The Princeton flights as panels of 9 judges, each scoring all 10 wines of a flight.
fn princeton(flight: &str) -> Panel {
    let mut panel = Panel::default();
    for r in rows(PRINCETON, b';').iter().filter(|r| &r[1] == flight) {
        let judge = position_or_push(&mut panel.judges, &r[0]);
        let entry = position_or_push(&mut panel.entries, &r[2]);
        panel.marks.push(Mark::new(judge, entry, num(r, 3)));
    }
    panel
}

fn position_or_push(list: &mut Vec<String>, name: &str) -> usize {
    list.iter().position(|n| n == name).unwrap_or_else(|| {
        list.push(name.to_owned());
        list.len() - 1
    })
}

#[test]
fn princeton_rank_sums_and_order_match_the_published_result() {
    let published = rows(PRINCETON_PUBLISHED, b',');
    for (flight, top4) in [("white", ["D1", "B1", "A1", "E1"]), ("red", ["B2", "J2", "D2", "A2"])] {
        let panel = princeton(flight);
        assert_eq!((panel.judges.len(), panel.entries.len(), panel.marks.len()), (9, 10, 90));
        let sums = merge(&panel, &Method::RankSum);
        let plain = merge(&panel, &Method::Sum { judges: vec![] });
        for p in published.iter().filter(|p| &p[1] == flight) {
            let e = panel.entries.iter().position(|w| w == &p[0]).expect("wine");
            assert_eq!(sums[e], Some(num(p, 5)), "rank sum of {}", &p[0]);
            assert_eq!(plain[e], Some(num(p, 2)), "sum of {}", &p[0]);
        }
        let standings = rank(&sums, Method::RankSum.order());
        let order: Vec<&str> = standings.iter().take(4).map(|s| panel.entries[s.entry].as_str()).collect();
        assert_eq!(order, top4, "{flight}");
        for p in published.iter().filter(|p| &p[1] == flight) {
            let s = standings.iter().find(|s| panel.entries[s.entry] == p[0]).expect("ranked");
            assert_eq!(s.place, p[6].parse::<usize>().expect("place"), "place by rank sum of {}", &p[0]);
        }
    }
    // The methods disagree: by plain sum the red 4th place goes to E2, not A2.
    let red = princeton("red");
    let by_sum = rank(&merge(&red, &Method::Sum { judges: vec![] }), Method::Mean.order());
    assert_eq!(red.entries[by_sum[3].entry], "E2");
    let w = {
        let mut rows = vec![vec![0.0; 10]; 9];
        for m in &red.marks {
            rows[m.judge()][m.entry()] = m.value;
        }
        kendall_w(&rows).expect("complete panel")
    };
    assert!(w.0 > 0.0 && w.0 < 0.5 && w.1 >= w.0, "wine judges agree weakly: {w:?}");
}

#[test]
fn paris_the_nine_french_judges_sum_with_ties_reported() {
    let wines = rows(PARIS, b',');
    let mut panel = Panel { judges: (0..11).map(|j| format!("judge {}", j + 1)).collect(), ..Panel::default() };
    for (e, w) in wines.iter().enumerate() {
        panel.entries.push(w[0].to_owned());
        for j in 0..11 {
            panel.marks.push(Mark::new(j, e, num(w, 2 + j)));
        }
    }
    // Judges 4 (Gallagher) and 8 (Spurrier) scored but were not counted.
    let french: Vec<usize> = (0..11).filter(|j| *j != 3 && *j != 7).collect();
    let totals = merge(&panel, &Method::Sum { judges: french });
    let published = rows(PARIS_PUBLISHED, b',');
    let mut matching = 0;
    for p in &published {
        let e = panel.entries.iter().position(|w| w == &p[0]).expect("wine");
        assert_eq!(totals[e], Some(num(p, 4)), "recomputed total of {}", &p[0]);
        if totals[e] == Some(num(p, 2)) {
            matching += 1;
        }
    }
    assert_eq!(matching, 7, "seven totals match the published ones; A, B and G do not");
    let standings = rank(&totals, Method::Mean.order());
    let at = |wine: &str| standings.iter().find(|s| panel.entries[s.entry] == wine).expect("ranked").clone();
    assert!(at("A").tied && at("B").tied && at("A").place == 1 && at("B").place == 1, "A and B tie for first");
    assert!(at("G").tied && at("I").tied && at("G").place == at("I").place, "G and I tie at 88");
    assert!(!at("C").tied && at("C").place == 3);
    assert_eq!(at("J").place, 10);
}
