//! `judging pull` of a 10,000-row export (about 5 MB of CSV) into a fresh store: reading,
//! validation, link normalisation and the SQLite transaction, as the command runs them.
//!
//! Compare with `benches/sqlite3-import.sh`, which times the sqlite3 shell's `.import` of the
//! same CSV.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use judging::config::{Config, Loaded};
use judging::store::Store;

/// A realistic export: ids, titles, teams, links of both Space spellings, long descriptions.
pub fn export_csv(rows: usize) -> String {
    let mut out =
        String::from("id,title,team,members,space_url,video_url,post_url,description,track,tags,models,total_params\n");
    let words = ["small", "model", "garden", "helper", "offline", "story", "meter", "recipe", "bus", "lantern"];
    for i in 0..rows {
        let w = |k: usize| words[(i * 7 + k * 3) % words.len()];
        let space = if i % 5 == 0 {
            format!("https://build-small-hackathon-entry-{i}.hf.space")
        } else {
            format!("https://huggingface.co/spaces/build-small-hackathon/entry-{i}")
        };
        let description = format!(
            "\"A {} {} that helps with the {} and the {}, built on a {} {}. It runs on CPU, answers in seconds, \
             and was tested by a neighbour, a \"\"real\"\" user, for a week: entry {i}.\"",
            w(0),
            w(1),
            w(2),
            w(3),
            w(4),
            w(5)
        );
        out.push_str(&format!(
            "entry-{i:05},{} {} {i},Team {},\"Member {i}a; Member {i}b\",{space},https://www.youtube.com/watch?v=v{i:07},\
             https://x.com/team{i}/status/{},{description},{},\"track:{}, achievement:offgrid, sponsor:nvidia\",\
             \"HuggingFaceTB/SmolLM2-1.7B-Instruct; openbmb/MiniCPM-V-2_6\",{}.{}B\n",
            w(6), w(7), w(8), 1_800_000_000_000_000u64 + i as u64,
            if i % 2 == 0 { "backyard" } else { "wood" },
            if i % 2 == 0 { "backyard" } else { "wood" },
            i % 30, i % 10
        ));
    }
    out
}

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
            let outcome = judging::pull::pull(&loaded, &mut store, None, false).expect("pull");
            assert_eq!(outcome.counts.added, 10_000);
        });
    });
    group.bench_function("10k rows again, nothing changed", |b| {
        let path = dir.path().join("store-again.sqlite");
        let mut store = Store::open(&path, &loaded.config.event.id).expect("open");
        judging::pull::pull(&loaded, &mut store, None, false).expect("first pull");
        b.iter(|| {
            let outcome = judging::pull::pull(&loaded, &mut store, None, false).expect("pull");
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
