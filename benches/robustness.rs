//! Does the result hold? Every paid place tested without each judge in turn, where it is worked
//! out by itself: 300 entries, 25 judges, 5 judges to an entry (1,500 marks), calibrated. The
//! merge with the test, and the same merge without it: the difference is the test.

use criterion::{Criterion, criterion_group, criterion_main};
use judging::merge::Method;
use judging::rankings::{Chances, Options};

mod common;

use common::workload::workload;

fn bench_robustness(c: &mut Criterion) {
    let w = workload(25, 300, 5);
    let submissions = w.store.submissions().expect("rows");
    let field = judging::rankings::Field::new(&submissions);
    let config = &w.loaded.config;
    let judges = judging::scorefile::read_all(&w.files, config, &field.ids).expect("valid");
    let mut group = c.benchmark_group("robustness 300 entries, 25 judges");
    for method in [Method::Calibrated, Method::Mean] {
        for (name, robustness) in [("with the test without each judge", Chances::Auto), ("without it", Chances::Off)] {
            let mut options = Options::new(method.clone(), config);
            // The chances have a benchmark of their own (benches/merge.rs).
            options.chances = Chances::Off;
            options.robustness = robustness;
            let ranked = judging::rankings::rank_all(judges.clone(), config, &field, &options).expect("ranks");
            assert_eq!(ranked.robustness.is_some(), robustness == Chances::Auto, "{name}");
            let label = format!("merge, {}, {name}", method.name());
            group.bench_function(label, |b| {
                b.iter(|| judging::rankings::rank_all(judges.clone(), config, &field, &options));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_robustness);
criterion_main!(benches);
