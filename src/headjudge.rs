//! `judging merge`: the head judge's files in, rankings out. Every file is read and checked
//! before anything is merged; one bad file stops the merge and names every problem.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;

use crate::config::Config;
use crate::merge::{Mark, Method, Panel, agreement, merge, rank, spread};
use crate::model::weighted_total;
use crate::scorefile::{self, Body};
use crate::store::StoredSubmission;
use crate::text::clean_line;

/// One entry's place in one ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub place: usize,
    pub id: String,
    pub title: String,
    pub score: f64,
    pub judges: usize,
    /// The spread of the judges' totals for it.
    pub spread: f64,
    /// thin (too few judges), contested (judges far apart), tie.
    pub flags: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JudgeLine {
    pub judge: String,
    pub entries: usize,
    pub leniency: f64,
    pub spread: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rankings {
    pub method: &'static str,
    /// "overall", then each track.
    pub rankings: Vec<(String, Vec<Ranked>)>,
    pub judges: Vec<JudgeLine>,
    pub warnings: Vec<String>,
}

/// Reads every file; returns the checked bodies, or every problem found.
pub fn read_all(
    files: &[PathBuf],
    config: &Config,
    known: &HashMap<&str, &StoredSubmission>,
) -> Result<Vec<Body>, Vec<String>> {
    let mut bodies = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let body = std::fs::read(path)
            .map_err(|e| format!("cannot read {name}: {e}"))
            .and_then(|bytes| scorefile::read(&bytes, &name, config).map_err(|e| e.to_string()));
        match body {
            Ok(body) => {
                let unknown: Vec<&str> =
                    body.scores.iter().map(|s| s.0.as_str()).filter(|id| !known.contains_key(id)).collect();
                if let Some(first) = unknown.first() {
                    problems.push(format!(
                        "{name}: {} score(s) for submissions not in the export, such as {:?}: pull the export this judge scored",
                        unknown.len(),
                        clean_line(first)
                    ));
                } else {
                    bodies.push(body);
                }
            }
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() { Ok(bodies) } else { Err(problems) }
}

/// Merges checked bodies into rankings, overall and per track.
pub fn rank_all(
    mut bodies: Vec<Body>,
    config: &Config,
    submissions: &[StoredSubmission],
    method: &Method,
    min_judges: usize,
) -> Rankings {
    let mut warnings = Vec::new();
    // A judge in two files counts once, from the newer file. Sorting first keeps the result
    // independent of the order the files were given in.
    bodies.sort_by(|a, b| a.judge.cmp(&b.judge).then(b.written_at.cmp(&a.written_at)));
    bodies.dedup_by(|later, kept| {
        let same = later.judge == kept.judge;
        if same {
            warnings.push(format!(
                "judge {:?} appears twice: the file written at {} counts, the one of {} does not",
                clean_line(&kept.judge),
                kept.written_at,
                later.written_at
            ));
        }
        same
    });
    let entries: Vec<&StoredSubmission> = submissions.iter().filter(|s| !s.withdrawn).collect();
    let index: HashMap<&str, usize> = entries.iter().enumerate().map(|(i, s)| (s.submission.id.as_str(), i)).collect();
    let mut panel = Panel {
        judges: bodies.iter().map(|b| b.judge.clone()).collect(),
        entries: entries.iter().map(|s| s.submission.id.clone()).collect(),
        marks: Vec::new(),
    };
    for (judge, body) in bodies.iter().enumerate() {
        let mut by_entry: BTreeMap<&str, HashMap<&str, u8>> = BTreeMap::new();
        for (submission, criterion, value, _) in &body.scores {
            by_entry.entry(submission).or_default().insert(criterion, *value);
        }
        let mut partial = 0;
        for (submission, scores) in by_entry {
            // Withdrawn entries and recusals are left out.
            let (Some(&entry), false) = (index.get(submission), body.recusals.contains_key(submission)) else {
                continue;
            };
            match weighted_total(&config.criteria, |c| scores.get(c).copied()) {
                Some(value) => panel.marks.push(Mark { judge, entry, value }),
                None => partial += 1,
            }
        }
        if partial > 0 {
            warnings.push(format!(
                "judge {:?} left {partial} entr{} partly scored; those do not count",
                clean_line(&body.judge),
                if partial == 1 { "y" } else { "ies" }
            ));
        }
    }
    let mut rankings = vec![("overall".to_owned(), ranking(&panel, &entries, method, min_judges))];
    for track in &config.tracks {
        let keep: Vec<usize> =
            (0..entries.len()).filter(|e| entries[*e].submission.track.as_deref() == Some(track.id.as_str())).collect();
        let sub = sub_panel(&panel, &keep);
        let chosen: Vec<&StoredSubmission> = keep.iter().map(|e| entries[*e]).collect();
        rankings.push((track.id.clone(), ranking(&sub, &chosen, method, min_judges)));
    }
    let judges = agreement::judge_habits(&panel)
        .into_iter()
        .map(|h| JudgeLine {
            judge: panel.judges[h.judge].clone(),
            entries: h.marks,
            leniency: h.leniency,
            spread: h.spread,
        })
        .collect();
    Rankings { method: method.name(), rankings, judges, warnings }
}

/// The panel restricted to some entries, renumbered.
fn sub_panel(panel: &Panel, keep: &[usize]) -> Panel {
    let new_index: HashMap<usize, usize> = keep.iter().enumerate().map(|(new, old)| (*old, new)).collect();
    Panel {
        judges: panel.judges.clone(),
        entries: keep.iter().map(|e| panel.entries[*e].clone()).collect(),
        marks: panel.marks.iter().filter_map(|m| new_index.get(&m.entry).map(|e| Mark { entry: *e, ..*m })).collect(),
    }
}

/// Judges this far apart, in rubric points, make an entry contested.
const CONTESTED_SPREAD: f64 = 1.0;

fn ranking(panel: &Panel, entries: &[&StoredSubmission], method: &Method, min_judges: usize) -> Vec<Ranked> {
    let scores = merge(panel, method);
    let per_entry = panel.by_entry();
    rank(&scores, method.lower_is_better())
        .into_iter()
        .map(|s| {
            let values: Vec<f64> = per_entry[s.entry].iter().map(|m| m.value).collect();
            let spread = spread(&values).unwrap_or(0.0);
            let mut flags = Vec::new();
            if values.len() < min_judges {
                flags.push("thin");
            }
            if spread > CONTESTED_SPREAD {
                flags.push("contested");
            }
            if s.tied {
                flags.push("tie");
            }
            let sub = &entries[s.entry].submission;
            Ranked {
                place: s.place,
                id: sub.id.clone(),
                title: sub.title.clone(),
                score: s.score,
                judges: values.len(),
                spread,
                flags,
            }
        })
        .collect()
}
