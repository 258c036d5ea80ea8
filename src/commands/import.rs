//! `judging import-scores SHEET.csv`: a judge's spreadsheet into their store, every row checked
//! as the app checks a key press, all or nothing.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::Session;
use crate::model::{Change, ScoreSheet, TextPart, same_name};
use crate::sanitize::{clean_block, clean_line};

/// Reads a long-format sheet into this judge's store: every row is checked as the app checks a
/// key press, and the sheet is imported only if every row passes.
pub(super) fn run(mut session: Session, sheet: &std::path::Path) -> Result<ExitCode> {
    session.require_submissions()?;
    let name = sheet.display().to_string();
    // A sheet of scores is far smaller than this; a device or a pipe is not a sheet.
    let bytes = crate::disk::read_capped(sheet, crate::limits::SCORE_SHEET_BYTES)?;
    let text = crate::export::as_text(&bytes, &name)?;
    let separator = separator(text, &name)?;
    let mut reader = crate::export::guard::csv_reader(text, separator, true)
        .map_err(|(line, why)| anyhow::anyhow!("{name}: line {line}: {why}"))?;
    let header = reader.headers().with_context(|| format!("{name}: no header line"))?;
    let header_cells = header.len();
    let columns = Columns::find(header, &name)?;
    let sheet_now = session.store.score_sheet()?;
    // Every id of the store, for "did you mean" under an id the store does not have: read once,
    // and only where a row names such an id.
    let known = std::cell::OnceCell::new();
    // Each refused row: its line, what kind of problem, and what is said of it.
    let mut problems: Vec<(usize, &'static str, String)> = Vec::new();
    let mut lines = crate::format::LineCounter::new(text);
    let mut rows: Vec<(String, Change)> = Vec::new();
    let mut given = Given::default();
    for record in reader.records() {
        let record = record.with_context(|| format!("{name}: not readable as CSV"))?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        // More fields than headers: a comma in a note not in quotes, which would cut the note
        // at the comma without a word. Fewer are the empty notes a spreadsheet leaves off.
        if let Some(extra) = crate::export::guard::extra_cells(&record, header_cells) {
            problems.push((
                line,
                "cells past the header",
                format!("{extra}: a note with a comma in it goes in double quotes (\"Great, but slow\"), as a spreadsheet saves it"),
            ));
            continue;
        }
        match row_changes(&record, &columns, &session, &sheet_now, &known) {
            Ok(changes) => {
                problems.extend(given.twice(&changes, line).map(|p| (line, "given twice", p)));
                rows.extend(changes);
            }
            Err((kind, p)) => problems.push((line, kind, p)),
        }
    }
    // All or nothing, so the judge never has to work out which of the sheet's scores went in.
    if !problems.is_empty() {
        let said: Vec<crate::format::Problem> = problems
            .iter()
            .map(|(line, kind, p)| crate::format::Problem {
                at: line.to_string(),
                kind: (*kind).to_owned(),
                said: format!("line {line}: {p}"),
            })
            .collect();
        let rows = crate::format::Of { one: "row", many: "rows", on: ("on line", "on lines") };
        for line in crate::format::condensed(&said, rows) {
            super::stderr::say("error", &format!("{name}: {line}"));
        }
        bail!("{} of {name} refused; nothing was imported", crate::format::count(problems.len(), "row", "rows"));
    }
    let imported = rows.iter().filter(|(_, c)| matches!(c, Change::Score { .. })).count();
    session.store.apply_all(&rows)?;
    println!(
        "Imported {} from {name} for judge {}",
        crate::format::count(imported, "score", "scores"),
        clean_line(&session.judge)
    );
    conflicts_said(&session, &rows)?;
    Ok(ExitCode::SUCCESS)
}

/// The entries scored that a declared conflict of the judge's names, said once as `judging
/// score` says it of one: the import had taken a judge's scores for their own team's entry
/// without a word.
fn conflicts_said(session: &Session, rows: &[(String, Change)]) -> Result<()> {
    let Some(judge) = session.loaded.config.judge(&session.judge) else { return Ok(()) };
    if judge.conflicts.is_empty() {
        return Ok(());
    }
    let scored: std::collections::HashSet<&str> =
        rows.iter().filter(|(_, c)| matches!(c, Change::Score { .. })).map(|(id, _)| id.as_str()).collect();
    let submissions = session.store.submissions()?;
    let named = crate::assign::conflicts_named(
        judge,
        submissions.iter().map(|s| &s.submission).filter(|s| scored.contains(s.id.as_str())),
    );
    if !named.is_empty() {
        super::stderr::warn(&format!(
            "{} lists a conflict of yours that names {} imported: {}; the scores are saved, but recuse (r in the app) where it applies",
            session.loaded.settings(),
            crate::format::count(named.len(), "entry", "entries"),
            crate::format::first_few(&named, 5, ", ")
        ));
    }
    Ok(())
}

/// What the sheet's rows gave so far, by the line that gave it: a second score for one criterion
/// of an entry, or a second, different note, is refused, as the last would silently win.
#[derive(Default)]
struct Given {
    scores: std::collections::HashMap<(String, String), (usize, u8)>,
    notes: std::collections::HashMap<(String, TextPart), (usize, String)>,
}

impl Given {
    /// What the row at `line` gives twice, in words.
    fn twice(&mut self, changes: &[(String, Change)], line: usize) -> Option<String> {
        let mut said = Vec::new();
        for (id, change) in changes {
            match change {
                Change::Score { criterion, value: Some(v) } => {
                    match self.scores.entry((id.clone(), criterion.clone())) {
                        std::collections::hash_map::Entry::Occupied(first) => said.push(format!(
                            "a second score for {criterion} of {} ({v}; line {} gave {}): give each criterion of an entry once",
                            crate::sanitize::in_quotes(id),
                            first.get().0,
                            first.get().1
                        )),
                        std::collections::hash_map::Entry::Vacant(slot) => drop(slot.insert((line, *v))),
                    }
                }
                Change::Text(part, Some(text)) => match self.notes.entry((id.clone(), *part)) {
                    // The same note on every row of an entry is one note.
                    std::collections::hash_map::Entry::Occupied(first) if first.get().1 != *text => said.push(format!(
                        "a second, different note for {} (line {} gave one): an entry has one note, so give it on one row, or the same on each",
                        crate::sanitize::in_quotes(id),
                        first.get().0
                    )),
                    std::collections::hash_map::Entry::Occupied(_) => {}
                    std::collections::hash_map::Entry::Vacant(slot) => drop(slot.insert((line, text.clone()))),
                },
                _ => {}
            }
        }
        (!said.is_empty()).then(|| said.join("; "))
    }
}

/// Where the sheet keeps each thing a row says: the four columns it must have, and the notes
/// it may have.
struct Columns {
    judge: usize,
    submission: usize,
    criterion: usize,
    score: usize,
    /// The jury's note.
    note: Option<usize>,
    /// A note the team may read, beside the jury's own.
    team_note: Option<usize>,
}

impl Columns {
    /// The columns by their headers, whatever their case and the spaces around them; a sheet
    /// without one it must have is refused with the headers it does have.
    fn find(header: &csv::StringRecord, name: &str) -> Result<Columns> {
        let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let column = |want: &str| header.iter().position(|h| h == want);
        let (Some(judge), Some(submission), Some(criterion), Some(score)) =
            (column("judge"), column("submission"), column("criterion"), column("score"))
        else {
            // An empty sheet has no header to quote: said as what it is, not as "it has " and nothing.
            let has = if header.iter().all(String::is_empty) {
                "it has none (the sheet is empty, or its first line is)".to_owned()
            } else {
                format!("it has {}", header.join(", "))
            };
            bail!(
                "{name}: the header must name judge, submission, criterion and score (and may name note and team_note); {has}"
            );
        };
        Ok(Columns { judge, submission, criterion, score, note: column("note"), team_note: column("team_note") })
    }
}

/// The separators a sheet's cells may have, as spreadsheets save CSV: commas, semicolons (Excel
/// where a comma is the decimal mark, much of Europe) and tabs.
const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// The sheet's separator: the one of [`SEPARATORS`] that splits its header into the columns it
/// must have. Where none does, the header is refused: split by the separator that splits it most,
/// with the names it then has; or, where none splits it at all, with the character it seems to
/// separate its names with.
fn separator(text: &str, name: &str) -> Result<u8> {
    let header = |separator: u8| {
        let mut reader = csv::ReaderBuilder::new().delimiter(separator).flexible(true).from_reader(text.as_bytes());
        reader.headers().cloned().with_context(|| format!("{name}: no header line"))
    };
    let mut most: Option<(u8, csv::StringRecord)> = None;
    for separator in SEPARATORS {
        let cells = header(separator)?;
        if Columns::find(&cells, name).is_ok() {
            return Ok(separator);
        }
        if most.as_ref().is_none_or(|(_, m)| cells.len() > m.len()) {
            most = Some((separator, cells));
        }
    }
    let Some((_, cells)) = most.filter(|(_, cells)| cells.len() > 1) else {
        // One cell whichever way it is split: the most frequent mark between its names, if any.
        let line = text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default();
        let marks = line.chars().filter(|c| c.is_ascii_punctuation() && !matches!(c, '_' | '"' | '\'' | '-'));
        let mut counted: Vec<(char, usize)> = Vec::new();
        for mark in marks {
            match counted.iter_mut().find(|(m, _)| *m == mark) {
                Some((_, n)) => *n += 1,
                None => counted.push((mark, 1)),
            }
        }
        // The first of the most frequent (`max_by_key` takes the last, so from the end).
        let seems = counted.iter().rev().max_by_key(|(_, n)| *n);
        if let Some((mark, _)) = seems {
            bail!(
                "{name}: the header seems to separate its names with {}; judging reads cells separated by commas, semicolons or tabs, under a header naming judge, submission, criterion and score: save the sheet as CSV with one of those",
                crate::sanitize::in_quotes(&mark.to_string())
            );
        }
        return Columns::find(&header(b',')?, name).map(|_| b',');
    };
    Columns::find(&cells, name).map(|_| b',')
}

/// What one row asks of the store (its score, and its notes), checked as the app checks a key
/// press; or why the row is refused, with the kind of problem it is.
fn row_changes(
    record: &csv::StringRecord,
    columns: &Columns,
    session: &Session,
    sheet_now: &ScoreSheet,
    known: &std::cell::OnceCell<Vec<String>>,
) -> std::result::Result<Vec<(String, Change)>, (&'static str, String)> {
    let get = |i: usize| record.get(i).unwrap_or_default().trim();
    let judge = &session.judge;
    // The sheet's judge is compared as judges' names always are.
    if !same_name(get(columns.judge), judge) {
        return Err((
            "another judge's row",
            format!(
                "judge {:?} is not {judge:?}: import each judge's rows with --judge",
                clean_line(get(columns.judge))
            ),
        ));
    }
    let id = get(columns.submission);
    let track = scorable_track(session, sheet_now, id, known)?;
    let config = &session.loaded.config;
    let (criterion, value) = config
        .check_score_for(track.as_deref(), get(columns.criterion), get(columns.score))
        .map_err(|e| (e.kind(), e.to_string()))?;
    let mut changes = vec![(id.to_owned(), Change::Score { criterion: criterion.id.clone(), value: Some(value) })];
    // Whom each note is for, as judging.toml's [feedback] notes says: the app's rule.
    let policy = config.feedback.notes;
    // A note keeps its lines and loses what a terminal would act on, as one typed in the app.
    if let Some(note) = columns.note.map(get).filter(|n| !n.is_empty()) {
        let jury = policy.for_team(false).map_err(|why| ("a note the event does not take", why.to_owned()))?;
        changes.push((id.to_owned(), Change::note(jury, Some(clean_block(note)))));
    }
    if let Some(note) = columns.team_note.map(get).filter(|n| !n.is_empty()) {
        let team =
            policy.for_team(true).map_err(|why| ("a note the event does not take", format!("team_note: {why}")))?;
        changes.push((id.to_owned(), Change::note(team, Some(clean_block(note)))));
    }
    Ok(changes)
}

/// The track of the entry a row scores (its rubric depends on it), or why this judge may not
/// score it: it is not in the store (with the `known` ids that look like it), it was withdrawn,
/// or they recused from it.
fn scorable_track(
    session: &Session,
    sheet_now: &ScoreSheet,
    id: &str,
    known: &std::cell::OnceCell<Vec<String>>,
) -> std::result::Result<Option<String>, (&'static str, String)> {
    match session.store.submission(id).map_err(|e| ("the store", e.to_string()))? {
        None => {
            // A store that cannot be read here offers no suggestion; the row is refused as ever.
            let known = known.get_or_init(|| {
                let all = session.store.submissions().unwrap_or_default();
                all.into_iter().map(|s| s.submission.id).collect()
            });
            let near = crate::format::look_alike(id, known.iter().map(String::as_str), 3);
            let near: Vec<String> = near.into_iter().map(crate::sanitize::in_quotes).collect();
            let hint = if near.is_empty() { String::new() } else { format!("; did you mean {}?", near.join(", ")) };
            Err(("not in the store", format!("no submission {:?} in the store{hint}", clean_line(id))))
        }
        Some(st) if st.withdrawn => Err(("withdrawn", format!("{:?} was withdrawn", clean_line(id)))),
        Some(_) if sheet_now.recused(id) => {
            Err(("recused", session.recused(id, sheet_now.text(crate::model::TextPart::Recusal, id))))
        }
        Some(st) => Ok(st.submission.track),
    }
}
