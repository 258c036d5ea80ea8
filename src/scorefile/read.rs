//! Reading the judges' score files for the merge: every file checked, on both cores.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::rankings::{Field, JudgeMarks, Place};
use crate::sanitize::clean_line;
use crate::scorefile;

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
        partial: Vec::new(),
    };
    let mut unknown: Vec<&str> = Vec::new();
    for (id, values, _) in &body.scores {
        // Withdrawn entries and recusals are left out.
        let entry = match field.place(id) {
            Place::Ranked(entry) => entry,
            Place::Withdrawn => continue,
            Place::Unknown => {
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
            None => marks.partial.push(id.to_string()),
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
