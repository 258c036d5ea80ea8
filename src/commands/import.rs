//! `judging import-scores SHEET.csv`: a judge's spreadsheet into their store, every row checked
//! as the app checks a key press, all or nothing.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::Session;
use crate::model::{Change, same_name};
use crate::sanitize::clean_line;

/// Reads a long-format sheet into this judge's store: every row is checked as the app checks a
/// key press, and the sheet is imported only if every row passes.
pub(super) fn run(mut session: Session, sheet: &std::path::Path) -> Result<ExitCode> {
    let judge = session.judge.clone();
    session.require_submissions()?;
    let name = sheet.display().to_string();
    // A sheet of scores is far smaller than this; a device or a pipe is not a sheet.
    let bytes = crate::disk::read_capped(sheet, crate::limits::SCORE_SHEET_BYTES)?;
    let text = crate::export::as_text(&bytes, &name)?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .with_context(|| format!("{name}: no header line"))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |want: &str| header.iter().position(|h| h == want);
    let (Some(judge_at), Some(id_at), Some(criterion_at), Some(score_at)) =
        (column("judge"), column("submission"), column("criterion"), column("score"))
    else {
        bail!(
            "{name}: the header must name judge, submission, criterion and score (and may name note and team_note); it has {}",
            header.join(", ")
        );
    };
    let note_column = column("note");
    // A note the team may read, beside the jury's own.
    let team_note_column = column("team_note");
    let config = &session.loaded.config;
    let sheet_now = session.store.score_sheet()?;
    let mut problems = Vec::new();
    let mut lines = crate::format::LineCounter::new(text);
    let mut rows: Vec<(String, Change)> = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{name}: not readable as CSV"))?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let get = |i: usize| record.get(i).unwrap_or_default().trim();
        let problem = (|| -> std::result::Result<Vec<(String, Change)>, String> {
            // The sheet's judge is compared as judges' names always are.
            if !same_name(get(judge_at), &judge) {
                return Err(format!(
                    "judge {:?} is not {judge:?}: import each judge's rows with --judge",
                    clean_line(get(judge_at))
                ));
            }
            let id = get(id_at);
            let stored = session.store.submission(id).map_err(|e| e.to_string())?;
            let track = match stored {
                None => return Err(format!("no submission {:?} in the store", clean_line(id))),
                Some(st) if st.withdrawn => return Err(format!("{:?} was withdrawn", clean_line(id))),
                Some(_) if sheet_now.recused(id) => {
                    return Err(format!("you recused from {:?}", clean_line(id)));
                }
                Some(st) => st.submission.track,
            };
            let (criterion, value) = config
                .check_score_for(track.as_deref(), get(criterion_at), get(score_at))
                .map_err(|e| e.to_string())?;
            let mut changes =
                vec![(id.to_owned(), Change::Score { criterion: criterion.id.clone(), value: Some(value) })];
            // Whom each note is for, as judging.toml's [feedback] notes says: the app's rule.
            let policy = config.feedback.notes;
            if let Some(note) = note_column.map(get).filter(|n| !n.is_empty()) {
                changes.push((id.to_owned(), Change::note(policy.for_team(false)?, Some(note.to_owned()))));
            }
            if let Some(note) = team_note_column.map(get).filter(|n| !n.is_empty()) {
                let team = policy.for_team(true).map_err(|why| format!("team_note: {why}"))?;
                changes.push((id.to_owned(), Change::note(team, Some(note.to_owned()))));
            }
            Ok(changes)
        })();
        match problem {
            Ok(changes) => rows.extend(changes),
            Err(p) => problems.push(format!("{name}: line {line}: {p}")),
        }
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("error: {p}");
        }
        bail!("{} row(s) of {name} refused; nothing was imported", problems.len());
    }
    let imported = rows.iter().filter(|(_, c)| matches!(c, Change::Score { .. })).count();
    session.store.apply_all(&rows)?;
    println!("Imported {imported} score(s) from {name} for judge {}", clean_line(&judge));
    Ok(ExitCode::SUCCESS)
}
