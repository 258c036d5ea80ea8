//! `judging export`: this judge's score file, for the head judge.

use std::process::ExitCode;

use anyhow::Result;

use super::Session;
use crate::model::Status;
use crate::paths;
use crate::sanitize::clean_line;

/// Writes this judge's score file, atomically: a half-written file never replaces a good one.
pub(super) fn run(session: Session, output: Option<std::path::PathBuf>) -> Result<ExitCode> {
    let config = &session.loaded.config;
    let sheet = session.store.score_sheet()?;
    let body = crate::scorefile::Body {
        event: config.event.id.clone(),
        rubric: crate::scorefile::rubric_fingerprint(config),
        judge: session.judge.clone(),
        written_at: session.store.now()?,
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        scores: session.store.score_rows(&config.criteria.iter().map(|c| c.id.clone()).collect::<Vec<_>>())?,
        notes: sheet.notes.clone().into_iter().collect(),
        // The median of each entry's readings: the first answer of a cold Space is an outlier.
        timings: sheet.readings.keys().filter_map(|id| Some((id.clone(), sheet.median_seconds(id)?))).collect(),
        readings: sheet.readings.clone().into_iter().filter(|(_, r)| !r.is_empty()).collect(),
        revisions: session.store.revisions()?,
        recusals: sheet.recusals.clone().into_iter().collect(),
    };
    // The judge's key: from the environment, so it need not sit in a shared file, else from
    // judging.toml.
    let key = std::env::var("JUDGING_KEY").ok().filter(|k| !k.is_empty());
    let key = key.as_deref().or_else(|| config.key_of(&session.judge));
    let text = crate::scorefile::write(&body, key)?;
    let path = output
        .unwrap_or_else(|| format!("scores-{}-{}.json", config.event.id, paths::file_stem(&session.judge)).into());
    crate::disk::write_durably(&path, text.as_bytes())?;
    // Entries left partly scored: the merge leaves them out, so the judge hears of them here.
    let partial: Vec<String> = session
        .store
        .submissions()?
        .iter()
        .filter(|s| {
            let rubric = config.rubric(s.submission.track.as_deref());
            sheet.status(&s.submission.id, s.withdrawn, &rubric) == Status::Partial
        })
        .map(|s| clean_line(&s.submission.id))
        .collect();
    if !partial.is_empty() {
        eprintln!(
            "warning: {} entr{} partly scored, which the merge leaves out: {}. Score the rest, or clear them (x in the app)",
            partial.len(),
            if partial.len() == 1 { "y is" } else { "ies are" },
            partial.join(", ")
        );
    }
    println!(
        "Wrote {}{}: {} scores, {} notes, {} recusals from judge {}",
        path.display(),
        if key.is_some() { ", signed" } else { "" },
        body.scores.iter().map(|r| r.1.iter().flatten().count()).sum::<usize>(),
        body.notes.len(),
        body.recusals.len(),
        clean_line(&session.judge)
    );
    Ok(ExitCode::SUCCESS)
}
