//! The finals' two steps a judge waits for after each comparison, at the scale: ten
//! finalists, thirty judges, each having answered fifteen of the 45 pairs (450 answers). One
//! more answer comes in; the model is fitted again from the fit before it, and the judge's next
//! pair is chosen. Target: under 5 ms together.

use criterion::{Criterion, criterion_group, criterion_main};
use judging::finals::{Finalist, Round};
use judging::model::{Compared, Pair, Verdict};
use judging::rng::SplitMix;

const FINALISTS: usize = 10;
const JUDGES: usize = 30;
const EACH: usize = 15;

/// A round where every judge has answered `EACH` pairs (as `next_pair` gave them), with answers
/// drawn from a true order plus noise.
fn round() -> Round {
    let mut r = Round {
        ranking: "backyard".into(),
        paid: 4,
        finalists: (0..FINALISTS)
            .map(|i| Finalist {
                id: format!("entry-{i:02}"),
                title: format!("Entry {i}"),
                rubric_place: i + 1,
                rubric_score: 4.5 - i as f64 / 10.0,
            })
            .collect(),
        judges: Vec::new(),
        answers: Vec::new(),
    };
    let mut random = SplitMix(27);
    let mut fit = r.fit(None);
    for _ in 0..EACH {
        for k in 0..JUDGES {
            let judge = format!("judge-{k:02}");
            let Some((i, j)) = r.next_pair(&fit, &judge, &[false; FINALISTS]) else { continue };
            let draw = random.uniform();
            // The smaller index is truly better; a judge sees it two times in three.
            let verdict = if draw < 0.6 {
                Verdict::First
            } else if draw < 0.85 {
                Verdict::Second
            } else {
                Verdict::Level
            };
            let pair = Pair::new(&r.finalists[i].id, &r.finalists[j].id).expect("two finalists");
            r.record(&judge, &pair, Some(Compared { verdict, note: None }));
            fit = r.fit(Some(&fit));
        }
    }
    r
}

fn bench(c: &mut Criterion) {
    let r = round();
    let before = r.fit(None);
    let judge = "judge-07";
    let (i, j) = r.next_pair(&before, judge, &[false; FINALISTS]).expect("a pair left");
    let pair = Pair::new(&r.finalists[i].id, &r.finalists[j].id).expect("two finalists");
    let mut group = c.benchmark_group("finals");
    group.bench_function("one more comparison: refit and the next pair, 10 finalists, 30 judges", |b| {
        b.iter(|| {
            let mut after = r.clone();
            after.record(judge, &pair, Some(Compared { verdict: Verdict::First, note: None }));
            let fit = after.fit(Some(&before));
            after.next_pair(&fit, judge, &[false; FINALISTS])
        });
    });
    group.bench_function("the next pair alone", |b| b.iter(|| r.next_pair(&before, judge, &[false; FINALISTS])));
    group.bench_function("a fit from nothing", |b| b.iter(|| r.fit(None)));
    group.bench_function("the standing (order, tallies, chances of 2,000 draws)", |b| b.iter(|| r.standing(&before)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
