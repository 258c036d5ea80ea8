//! The organizers' commands at scale, on the pure code paths they run: assigning 10,000 entries
//! to 100 judges (3 each, with track judges and conflicts), and applying the Build Small prizes
//! to a ranking of 10,000 entries.

use std::collections::HashMap;

use criterion::{Criterion, criterion_group, criterion_main};
use judging::config::{Config, Judge};
use judging::model::Submission;
use judging::prizes::{Candidate, Rulebook};

const ENTRIES: usize = 10_000;

fn entries() -> Vec<Submission> {
    let config = Config::builtin();
    let text = common::export_csv(ENTRIES);
    judging::export::parse(&text, "bench", &config).expect("export").submissions
}

mod common;

fn judges() -> Vec<Judge> {
    (0..100)
        .map(|j| Judge {
            name: format!("judge-{j:03}"),
            // Every tenth judge keeps to one track; every seventh has a conflict with a team.
            tracks: if j % 10 == 0 { vec![if j % 20 == 0 { "backyard" } else { "wood" }.into()] } else { vec![] },
            conflicts: if j % 7 == 0 { vec![format!("Team {}", j % 10)] } else { vec![] },
            key: None,
            public_key: None,
            counts: true,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let subs = entries();
    let refs: Vec<&Submission> = subs.iter().collect();
    let judges = judges();
    let mut group = c.benchmark_group("organizers");
    group.sample_size(10);
    group.bench_function("assign 10k entries to 100 judges, 3 each", |b| {
        b.iter(|| judging::assign::assign("ev", &refs, &judges, 3, true, 2026, &[]));
    });
    let plan = judging::assign::assign("ev", &refs, &judges, 3, true, 2026, &[]);
    let loads: Vec<usize> = plan.assignments.judges.values().map(Vec::len).collect();
    eprintln!(
        "assign: loads {}..{}, {} short, uneven: {:?}",
        loads.iter().min().unwrap_or(&0),
        loads.iter().max().unwrap_or(&0),
        plan.short.len(),
        plan.uneven
    );
    let config = Config::builtin();
    let candidates: Vec<Candidate> = subs
        .iter()
        .enumerate()
        .map(|(i, s)| Candidate {
            id: s.id.clone(),
            title: s.title.clone(),
            team: s.team.clone(),
            track: s.track.clone(),
            tags: s.tags.clone(),
            likes: Some((i * 37 % 500) as u64),
            evidence: judging::prizes::Evidence {
                params: s.declared_params,
                params_from_hub: false,
                params_uncertain: None,
                sdk: Some("gradio".into()),
                video: i % 13 != 0,
                post: i % 17 != 0,
            },
            place: i + 1,
            score: 5.0 - i as f64 / ENTRIES as f64,
            track_place: Some(i / 2 + 1),
            track_score: None,
            by_criterion: vec![Some(3.0 + (i % 5) as f64 / 5.0), Some(3.0), Some(3.0)],
            by_criterion_merged: Vec::new(),
            rubric_place: None,
            track_rubric_place: None,
            finals_doubts: Vec::new(),
            track_finals_doubts: Vec::new(),
            unranked: None,
            judges: 1 + i % 3,
            flat: 0,
            judged_by: Vec::new(),
            conflicted: Vec::new(),
            lenient: None,
            chance: None,
            track_chance: Some(1.0 / (1 + i / 2) as f64),
        })
        .collect();
    let files = HashMap::new();
    let book = Rulebook {
        rules: &config.rules,
        prizes: &config.prizes,
        criteria: &config.criteria,
        files: &files,
        decisions: &[],
        majorities: &[],
        min_judges: config.merge.min_judges,
        criterion_method: None,
    };
    group.bench_function("apply 8 prizes to 10k ranked entries", |b| {
        b.iter(|| judging::prizes::award(&candidates, &book));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
