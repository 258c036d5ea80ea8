//! `judging feedback` at scale, through the real binary: 10,000 entries, 30 judges scoring 1,000
//! each (3 to an entry), every team's Markdown and HTML page and the index. Says the pages' total
//! size once; `benches/feedback-memory.sh` gives the peak memory.

use std::path::Path;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};

mod common;

const ENTRIES: usize = 10_000;

/// The bytes of every file in `dir`, and how many files.
fn size_of(dir: &Path) -> (u64, usize) {
    let files: Vec<_> = std::fs::read_dir(dir).expect("dir").flatten().collect();
    (files.iter().map(|f| f.metadata().map_or(0, |m| m.len())).sum(), files.len())
}

fn bench(c: &mut Criterion) {
    let w = common::workload::workload(30, ENTRIES, 3);
    let db = w.dir.path().join("head.sqlite");
    let out = w.dir.path().join("feedback");
    let feedback = || {
        let status = Command::new(env!("CARGO_BIN_EXE_judging"))
            .arg("--db")
            .arg(&db)
            .args(["--judge", "head", "feedback", "--method", "calibrated", "-o"])
            .arg(&out)
            .args(&w.files)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("runs");
        assert!(status.success(), "judging feedback failed");
    };
    feedback();
    let (bytes, files) = size_of(&out);
    eprintln!("feedback on {ENTRIES} entries: {files} files, {:.1} MB", bytes as f64 / 1e6);
    // For benches/feedback-memory.sh: keep the workload where it asks.
    if let Some(keep) = std::env::var_os("JUDGING_BENCH_KEEP") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("keep dir");
        for f in w.files.iter().chain([&db]) {
            std::fs::copy(f, keep.join(f.file_name().expect("name"))).expect("copy");
        }
    }
    let mut group = c.benchmark_group("feedback 10,000 entries");
    group.sample_size(10);
    group.bench_function("judging feedback, every page and the index", |b| b.iter(feedback));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
