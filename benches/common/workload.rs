//! A head judge's workload for the benchmarks that merge: an export pulled into a store, and the
//! judges' score files of realistic marks. Shared by the benches that merge; the others leave it
//! unused.
#![allow(dead_code)]
// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use std::path::PathBuf;

use judging::config::Config;
use judging::event_files::Loaded;
use judging::scorefile::{self, Body};
use judging::store::Store;

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
    std::fs::write(&export, super::export_csv(entries)).expect("export");
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
