//! `judging merge`: the head judge's files in, rankings out. Every file is read and checked
//! before anything is merged; one bad file stops the merge and names every problem.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Config;
use crate::merge::{Mark, Method, Panel, agreement, merge, rank};
use crate::scorefile;
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

/// Kendall's W for a group of judges who marked exactly the same entries.
#[derive(Debug, Clone, Serialize)]
pub struct Concordance {
    pub judges: Vec<String>,
    pub entries: usize,
    pub w: f64,
    pub w_tie_corrected: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rankings {
    pub method: &'static str,
    /// How far judges who saw the same entries agree, overall.
    pub concordance: Vec<Concordance>,
    /// "overall", then each track.
    pub rankings: Vec<(String, Vec<Ranked>)>,
    pub judges: Vec<JudgeLine>,
    pub warnings: Vec<String>,
}

/// The entries a merge ranks: the store's submissions less the withdrawn ones.
pub struct Field<'s> {
    pub entries: Vec<&'s StoredSubmission>,
    /// Every known id: `Some(entry)` for those ranked, `None` for the withdrawn. Its own
    /// compact copy of the ids: a million look-ups should not chase pointers across the store.
    index: HashMap<Box<str>, Option<usize>>,
}

impl<'s> Field<'s> {
    pub fn new(submissions: &'s [StoredSubmission]) -> Self {
        let entries: Vec<&StoredSubmission> = submissions.iter().filter(|s| !s.withdrawn).collect();
        let mut index: HashMap<Box<str>, Option<usize>> =
            entries.iter().enumerate().map(|(i, s)| (s.submission.id.as_str().into(), Some(i))).collect();
        for s in submissions.iter().filter(|s| s.withdrawn) {
            index.insert(s.submission.id.as_str().into(), None);
        }
        Field { entries, index }
    }
}

/// One judge's file, reduced to what ranking needs.
#[derive(Debug, Clone)]
pub struct JudgeMarks {
    pub judge: String,
    pub written_at: String,
    /// (entry, weighted total) for each entry fully scored and not recused.
    pub totals: Vec<(usize, f64)>,
    /// Entries left partly scored: they do not count.
    pub partial: usize,
}

/// Reads every file, half of them on a second thread; returns each judge's totals in the order
/// of the files, or every problem found.
pub fn read_all(files: &[PathBuf], config: &Config, field: &Field) -> Result<Vec<JudgeMarks>, Vec<String>> {
    let half = files.len().div_ceil(2);
    let (first, second) = files.split_at(half);
    let read = |part: &[PathBuf]| part.iter().map(|f| read_one(f, config, field)).collect::<Vec<_>>();
    let (mut results, rest) = std::thread::scope(|scope| {
        let other = scope.spawn(|| read(second));
        let mine = read(first);
        (mine, other.join())
    });
    match rest {
        Ok(rest) => results.extend(rest),
        Err(_) => return Err(vec!["reading the score files stopped unexpectedly; nothing was merged".into()]),
    }
    let problems: Vec<String> = results.iter().filter_map(|r| r.as_ref().err().cloned()).collect();
    if problems.is_empty() { Ok(results.into_iter().flatten().collect()) } else { Err(problems) }
}

fn read_one(path: &Path, config: &Config, field: &Field) -> Result<JudgeMarks, String> {
    let name = path.display().to_string();
    // Refused before it is read: a huge file must not exhaust memory.
    let size = std::fs::metadata(path).map_err(|e| format!("cannot read {name}: {e}"))?.len();
    if size > scorefile::MAX_BYTES {
        return Err(scorefile::ScoreFileError::TooLarge { file: name, size }.to_string());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let body = scorefile::read(&bytes, &name, config).map_err(|e| e.to_string())?;
    let weights: Vec<f64> = config.criteria.iter().map(|c| c.weight).collect();
    let weight_sum: f64 = weights.iter().sum();
    let mut totals = Vec::with_capacity(body.scores.len());
    let mut partial = 0;
    let mut unknown: Vec<&str> = Vec::new();
    for (id, values, _) in &body.scores {
        // Withdrawn entries and recusals are left out.
        let entry = match field.index.get(id.as_ref()) {
            Some(Some(entry)) => *entry,
            Some(None) => continue,
            None => {
                unknown.push(id);
                continue;
            }
        };
        if body.recusals.contains_key(id) {
            continue;
        }
        let sum: Option<f64> = values.iter().zip(&weights).map(|(v, w)| v.map(|v| w * f64::from(v))).sum();
        match sum {
            Some(sum) => totals.push((entry, sum / weight_sum)),
            None => partial += 1,
        }
    }
    if let Some(first) = unknown.first() {
        return Err(format!(
            "{name}: {} score row(s) for submissions not in the export, such as {:?}: pull the export this judge scored",
            unknown.len(),
            clean_line(first)
        ));
    }
    Ok(JudgeMarks { judge: body.judge.into_owned(), written_at: body.written_at.into_owned(), totals, partial })
}

/// Merges every judge's totals into rankings, overall and per track.
pub fn rank_all(
    mut judges: Vec<JudgeMarks>,
    config: &Config,
    field: &Field,
    method: &Method,
    min_judges: usize,
) -> Rankings {
    let mut warnings = Vec::new();
    // A judge in two files counts once, from the newer file. Sorting first keeps the result
    // independent of the order the files were given in.
    judges.sort_by(|a, b| a.judge.cmp(&b.judge).then(b.written_at.cmp(&a.written_at)));
    judges.dedup_by(|later, kept| {
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
    for j in judges.iter().filter(|j| j.partial > 0) {
        warnings.push(format!(
            "judge {:?} left {} entr{} partly scored; those do not count",
            clean_line(&j.judge),
            j.partial,
            if j.partial == 1 { "y" } else { "ies" }
        ));
    }
    let panel = Panel {
        judges: judges.iter().map(|j| j.judge.clone()).collect(),
        entries: field.entries.iter().map(|s| s.submission.id.clone()).collect(),
        marks: judges
            .iter()
            .enumerate()
            .flat_map(|(judge, j)| j.totals.iter().map(move |&(entry, value)| Mark { judge, entry, value }))
            .collect(),
    };
    let overall = merge(&panel, method);
    let stats = EntryStats::of(&panel);
    let everyone: Vec<usize> = (0..field.entries.len()).collect();
    let mut rankings = vec![("overall".to_owned(), ranking(&overall, &everyone, &stats, field, method, min_judges))];
    for track in &config.tracks {
        let keep: Vec<usize> = (0..field.entries.len())
            .filter(|e| field.entries[*e].submission.track.as_deref() == Some(track.id.as_str()))
            .collect();
        // A judge's habits are the same in every track, so the methods that model or standardise
        // judges use all their marks; ranks and head-to-heads only mean something within a track.
        let scores = match method {
            Method::RankSum | Method::Copeland => merge(&sub_panel(&panel, &keep), method),
            _ => keep.iter().map(|e| overall[*e]).collect(),
        };
        rankings.push((track.id.clone(), ranking(&scores, &keep, &stats, field, method, min_judges)));
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
    let concordance = agreement::concordance(&panel)
        .into_iter()
        .map(|(judges, entries, w, w_tie_corrected)| Concordance {
            judges: judges.iter().map(|j| panel.judges[*j].clone()).collect(),
            entries,
            w,
            w_tie_corrected,
        })
        .collect();
    Rankings { method: method.name(), concordance, rankings, judges, warnings }
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

/// How many judges marked each entry, and how far apart they were: one pass over the marks.
struct EntryStats {
    judges: Vec<usize>,
    spread: Vec<f64>,
}

impl EntryStats {
    fn of(panel: &Panel) -> EntryStats {
        let n = panel.entries.len();
        let (mut count, mut sum, mut squares) = (vec![0usize; n], vec![0.0; n], vec![0.0; n]);
        for m in &panel.marks {
            count[m.entry] += 1;
            sum[m.entry] += m.value;
            squares[m.entry] += m.value * m.value;
        }
        let spread = (0..n)
            .map(|e| {
                let k = count[e] as f64;
                if k == 0.0 { 0.0 } else { (squares[e] / k - (sum[e] / k).powi(2)).max(0.0).sqrt() }
            })
            .collect();
        EntryStats { judges: count, spread }
    }
}

/// One ranking of some entries (`which`, indices into the field, in the order of `scores`).
fn ranking(
    scores: &[Option<f64>],
    which: &[usize],
    stats: &EntryStats,
    field: &Field,
    method: &Method,
    min_judges: usize,
) -> Vec<Ranked> {
    rank(scores, method.lower_is_better())
        .into_iter()
        .map(|s| {
            let e = which[s.entry];
            let (judges, spread) = (stats.judges[e], stats.spread[e]);
            let mut flags = Vec::new();
            if judges < min_judges {
                flags.push("thin");
            }
            if spread > CONTESTED_SPREAD {
                flags.push("contested");
            }
            if s.tied {
                flags.push("tie");
            }
            let sub = &field.entries[e].submission;
            Ranked {
                place: s.place,
                id: sub.id.clone(),
                title: sub.title.clone(),
                score: s.score,
                judges,
                spread,
                flags,
            }
        })
        .collect()
}
