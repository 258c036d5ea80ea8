//! `judging results --format html` at scale, through the real binary: 100,000 entries, 100 judges
//! scoring 3,000 each (3 to an entry), the calibrated merge and the jury's whole page. Says the
//! page's size once; `benches/results-memory.sh` gives the peak memory.

use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};

mod common;

const ENTRIES: usize = 100_000;

fn bench(c: &mut Criterion) {
    let w = common::workload::workload(100, ENTRIES, 3);
    let db = w.dir.path().join("head.sqlite");
    let page = w.dir.path().join("results.html");
    let results = || {
        let status = Command::new(env!("CARGO_BIN_EXE_judging"))
            .arg("--db")
            .arg(&db)
            .args(["--judge", "head", "results", "--format", "html", "-o"])
            .arg(&page)
            .args(&w.files)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("runs");
        assert!(status.success(), "judging results failed");
    };
    results();
    let bytes = std::fs::metadata(&page).map_or(0, |m| m.len());
    eprintln!("results --format html on {ENTRIES} entries: {:.2} MB", bytes as f64 / 1e6);
    // For benches/results-memory.sh: keep the workload where it asks.
    if let Some(keep) = std::env::var_os("JUDGING_BENCH_KEEP") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("keep dir");
        for f in w.files.iter().chain([&db]) {
            std::fs::copy(f, keep.join(f.file_name().expect("name"))).expect("copy");
        }
    }
    let mut group = c.benchmark_group("results 100,000 entries");
    group.sample_size(10);
    group.bench_function("judging results --format html, the jury's page", |b| b.iter(results));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
