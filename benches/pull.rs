//! `judging pull` of a 10,000-row export (about 5 MB of CSV) into a fresh store: reading,
//! validation, link normalisation and the `SQLite` transaction, as the command runs them.
//!
//! Compare with `benches/sqlite3-import.sh`, which times the sqlite3 shell's `.import` of the
//! same CSV.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

mod common;
use common::export_csv;
use judging::config::Config;
use judging::event_files::Loaded;
use judging::store::Store;

fn loaded(export: &Path) -> Loaded {
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    Loaded { config, path: None }
}

fn bench_pull(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("export.csv");
    let csv = export_csv(10_000);
    std::fs::write(&export, &csv).expect("write export");
    eprintln!("export: {} rows, {:.1} MB", 10_000, csv.len() as f64 / 1e6);
    let loaded = loaded(&export);
    let mut run = 0;
    let mut group = c.benchmark_group("pull");
    group.sample_size(20);
    group.bench_function("10k rows into a fresh store", |b| {
        b.iter(|| {
            run += 1;
            let path = dir.path().join(format!("store-{run}.sqlite"));
            let mut store = Store::open(&path, &loaded.config.event.id).expect("open");
            let outcome = judging::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
            assert_eq!(outcome.counts.added, 10_000);
        });
    });
    group.bench_function("10k rows again, nothing changed", |b| {
        let path = dir.path().join("store-again.sqlite");
        let mut store = Store::open(&path, &loaded.config.event.id).expect("open");
        judging::commands::pull::pull(&loaded, &mut store, None, false).expect("first pull");
        b.iter(|| {
            let outcome = judging::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
            assert_eq!(outcome.counts.unchanged, 10_000);
        });
    });
    group.finish();
    if std::env::var_os("JUDGING_BENCH_WRITE_CSV").is_some() {
        std::fs::write("target/bench-export.csv", &csv).expect("write");
    }
}

criterion_group!(benches, bench_pull);
criterion_main!(benches);
