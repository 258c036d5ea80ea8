//! A store holding the generated export, pulled through the real code: what the judge's app
//! opens in the benchmarks of its speed.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use judging::config::Config;
use judging::event_files::Loaded;
use judging::store::Store;

/// Writes an export of `rows` submissions into `dir` and pulls it into `dir/store.sqlite`:
/// the event (the built-in one, reading that export) and the store's path.
pub fn pulled(dir: &Path, rows: usize) -> (Loaded, PathBuf) {
    let export = dir.join("export.csv");
    std::fs::write(&export, super::export_csv(rows)).expect("write");
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    let loaded = Loaded { config, path: None };
    let db = dir.join("store.sqlite");
    let mut store = Store::open(&db, "build-small-2026").expect("store");
    judging::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    (loaded, db)
}
