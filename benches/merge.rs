//! `judging merge` at scale: 100 judges x 5,000 submissions x 3 criteria, 1.5 million scores in
//! 100 score files, merged with the calibrated method: reading and checking every file, building
//! each judge's totals, fitting the model and ranking overall and per track.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use judging::merge::Method;
use judging::rankings::{Chances, Options};

mod common;

use common::workload::workload;

fn bench_merge(c: &mut Criterion) {
    let w = workload(100, 5_000, 100);
    // For benches/merge-memory.sh: keep a copy of the workload where it asks.
    if let Some(keep) = std::env::var_os("JUDGING_BENCH_KEEP") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("keep dir");
        for f in w.files.iter().chain([&w.dir.path().join("export.csv")]) {
            std::fs::copy(f, keep.join(f.file_name().expect("name"))).expect("copy");
        }
    }
    let bytes: u64 = w.files.iter().map(|f| std::fs::metadata(f).expect("meta").len()).sum();
    eprintln!("workload: {} files, {:.1} MB", w.files.len(), bytes as f64 / 1e6);
    let submissions = w.store.submissions().expect("rows");
    let field = judging::rankings::Field::new(&submissions);
    let config = &w.loaded.config;
    let mut group = c.benchmark_group("merge 1.5M scores");
    group.sample_size(10);
    group.bench_function("whole merge, calibrated", |b| {
        b.iter(|| {
            let judges = judging::scorefile::read_all(&w.files, config, &field.ids).expect("valid");
            judging::rankings::rank_all(judges, config, &field, &Options::new(Method::Calibrated, config))
        });
    });
    group.bench_function("read and check 100 files", |b| {
        b.iter(|| judging::scorefile::read_all(&w.files, config, &field.ids).expect("valid"));
    });
    let judges = judging::scorefile::read_all(&w.files, config, &field.ids).expect("valid");
    for method in [Method::Calibrated, Method::Mean] {
        group.bench_function(format!("rank only, {}", method.name()), |b| {
            let options = Options::new(method.clone(), config);
            b.iter(|| judging::rankings::rank_all(judges.clone(), config, &field, &options));
        });
    }
    group.bench_function("whole merge, calibrated, with the chances of a paid place", |b| {
        let mut options = Options::new(Method::Calibrated, config);
        options.chances = Chances::On;
        b.iter(|| {
            let judges = judging::scorefile::read_all(&w.files, config, &field.ids).expect("valid");
            judging::rankings::rank_all(judges, config, &field, &options)
        });
    });
    group.finish();
}

/// The chances of a paid place where they are worked out by default: 300 entries, 25 judges,
/// 5 judges to an entry (1,500 marks), with and without them.
fn bench_chances(c: &mut Criterion) {
    let w = workload(25, 300, 5);
    let submissions = w.store.submissions().expect("rows");
    let field = judging::rankings::Field::new(&submissions);
    let config = &w.loaded.config;
    let judges = judging::scorefile::read_all(&w.files, config, &field.ids).expect("valid");
    let mut group = c.benchmark_group("merge 300 entries, 25 judges");
    for (name, chances) in [("with the chances", Chances::Auto), ("without", Chances::Off)] {
        let mut options = Options::new(Method::Calibrated, config);
        options.chances = chances;
        let ranked = judging::rankings::rank_all(judges.clone(), config, &field, &options).expect("ranks");
        assert_eq!(
            ranked.rankings.iter().any(|(_, r)| r.iter().any(|e| e.chance.is_some())),
            chances == Chances::Auto,
            "{name}"
        );
        group
            .bench_function(name, |b| b.iter(|| judging::rankings::rank_all(judges.clone(), config, &field, &options)));
    }
    group.finish();
}

criterion_group!(benches, bench_chances, bench_merge);
criterion_main!(benches);
