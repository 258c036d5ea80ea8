//! `judging merge` at scale: 100 judges x 5,000 submissions x 3 criteria, 1.5 million scores in
//! 100 score files, merged with the calibrated method: reading and checking every file, building
//! each judge's totals, fitting the model and ranking overall and per track.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use judging::config::Config;
use judging::event_files::Loaded;
use judging::merge::Method;
use judging::rankings::{Chances, Options};
use judging::scorefile::{self, Body};
use judging::store::Store;

mod common;

pub struct Workload {
    pub dir: tempfile::TempDir,
    pub files: Vec<PathBuf>,
    pub loaded: Loaded,
    pub store: Store,
}

/// Writes the export, pulls it, and writes the judges' files: each entry scored by `per_entry`
/// judges (every judge when it is `judges`).
pub fn workload(judges: usize, entries: usize, per_entry: usize) -> Workload {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("export.csv");
    std::fs::write(&export, common::export_csv(entries)).expect("export");
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    let loaded = Loaded { config, path: None };
    let mut store = Store::open(&dir.path().join("head.sqlite"), "build-small-2026").expect("store");
    judging::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let ids: Vec<String> = store.submissions().expect("rows").into_iter().map(|s| s.submission.id).collect();
    let mut files = Vec::new();
    let mut seed = 1u64;
    let mut uniform = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    // Realistic marks: each entry has a quality, each judge a leniency and a severity, plus noise.
    let quality: Vec<f64> = (0..ids.len()).map(|_| 2.0 * uniform() - 1.0).collect();
    for j in 0..judges {
        let (leniency, severity) = (uniform() - 0.5, 0.5 + uniform());
        let mut scores = Vec::with_capacity(entries);
        for (e, id) in ids.iter().enumerate().filter(|(e, _)| (e + judges - j) % judges < per_entry) {
            let mut value = || {
                let raw = 3.0 + leniency + 1.5 * severity * quality[e] + (uniform() - 0.5);
                Some(raw.round().clamp(1.0, 5.0) as u8)
            };
            let values = vec![value(), value(), value()];
            scores.push((id.clone(), values, vec![Some(1_781_000_000_000 + e as i64 * 30_000 + j as i64); 3]));
        }
        let body = Body {
            event: loaded.config.event.id.clone(),
            rubric: scorefile::rubric_fingerprint(&loaded.config),
            judge: format!("judge-{j:03}"),
            written_at: "2026-06-21T10:00:00.000Z".into(),
            criteria: loaded.config.criteria.iter().map(|c| c.id.clone()).collect(),
            scores,
            ..Body::default()
        };
        let path = dir.path().join(format!("judge-{j:03}.json"));
        std::fs::write(&path, scorefile::write(&body, None).expect("json")).expect("write");
        files.push(path);
    }
    Workload { dir, files, loaded, store }
}

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
            let judges = judging::scorefile::read_all(&w.files, config, &field).expect("valid");
            judging::rankings::rank_all(judges, config, &field, &Options::new(Method::Calibrated, config))
        });
    });
    group.bench_function("read and check 100 files", |b| {
        b.iter(|| judging::scorefile::read_all(&w.files, config, &field).expect("valid"));
    });
    let judges = judging::scorefile::read_all(&w.files, config, &field).expect("valid");
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
            let judges = judging::scorefile::read_all(&w.files, config, &field).expect("valid");
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
    let judges = judging::scorefile::read_all(&w.files, config, &field).expect("valid");
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
