//! Reading the judges' score files for the merge: every file checked, on both cores.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::scorefile;
use crate::store::StoredSubmission;
use crate::text::clean_line;

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
    /// The entries this judge scored fully and did not recuse from.
    pub entries: Vec<usize>,
    /// Each of those entries' weighted total, on the rubric's scale.
    pub totals: Vec<f64>,
    /// Each of those entries' values, one per criterion in rubric order, row after row.
    pub values: Vec<u8>,
    /// Entries left partly scored: they do not count.
    pub partial: usize,
}

/// Reads every file, half of them on a second thread; returns each judge's marks in the order
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
    let rows = body.scores.len();
    let mut marks = JudgeMarks {
        judge: body.judge.to_string(),
        written_at: body.written_at.to_string(),
        entries: Vec::with_capacity(rows),
        totals: Vec::with_capacity(rows),
        values: Vec::with_capacity(rows * weights.len()),
        partial: 0,
    };
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
            Some(sum) => {
                marks.entries.push(entry);
                marks.totals.push(sum / weight_sum);
                marks.values.extend(values.iter().flatten());
            }
            None => marks.partial += 1,
        }
    }
    if let Some(first) = unknown.first() {
        return Err(format!(
            "{name}: {} score row(s) for submissions not in the export, such as {:?}: pull the export this judge scored",
            unknown.len(),
            clean_line(first)
        ));
    }
    Ok(marks)
}
