//! `judging list`: the submissions in the store, with this judge's progress.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;

use super::Session;
use crate::cli::ListFormat;
use crate::report::list;

/// Which submissions `judging list` shows.
pub(super) struct Which {
    /// Withdrawn entries too.
    pub all: bool,
    /// Only the entries assigned to this judge.
    pub assigned: bool,
}

/// `judging list`: the submissions with this judge's progress.
pub(super) fn run(session: &Session, format: ListFormat, which: Which) -> Result<ExitCode> {
    let mut submissions = session.store.submissions()?;
    if !which.all {
        submissions.retain(|s| !s.withdrawn);
    }
    if which.assigned {
        let loaded = &session.loaded;
        let Some(assignments) = loaded.assignments()? else {
            anyhow::bail!(
                "--assigned: {}; the organizers write it with `judging assign`",
                crate::assign::no_file(&loaded.assignments_path().display().to_string())
            );
        };
        let Some(mine) = assignments.of(&session.judge) else {
            anyhow::bail!(
                "--assigned: {} assigns nothing to {:?}; it names {}",
                loaded.assignments_path().display(),
                crate::sanitize::clean_line(&session.judge),
                crate::format::first_few(
                    &assignments.judges.keys().map(|k| crate::sanitize::clean_line(k)).collect::<Vec<_>>(),
                    10,
                    ", "
                )
            );
        };
        let mine: std::collections::HashSet<&str> = mine.iter().map(String::as_str).collect();
        submissions.retain(|s| mine.contains(s.submission.id.as_str()));
    }
    let sheet = session.store.score_sheet()?;
    let config = &session.loaded.config;
    let hub = session.store.hub_facts_by_entry()?;
    let lines = list::lines(&submissions, &sheet, config, &session.judge, &hub);
    let out = match format {
        ListFormat::Table => {
            if submissions.is_empty() {
                eprintln!(
                    "No submissions in {} yet: run `{}` first.",
                    crate::paths::shown(session.store.path()),
                    session.pull
                );
                return Ok(ExitCode::SUCCESS);
            }
            let width = terminal_width();
            let table = list::table(&lines, config, width);
            if !table.left_out.is_empty() {
                // Said after the table, on standard error: a reader sees why a column is missing.
                print!("{}", table.text);
                super::stderr::say("note", &left_out(&table.left_out, &lines, width));
                return Ok(ExitCode::SUCCESS);
            }
            table.text
        }
        ListFormat::Csv => list::csv(&lines, config)?,
        ListFormat::Json => list::json(&lines, config)? + "\n",
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// What the note under a narrowed table says: which columns it left out, how many entries have
/// warnings it does not show, and where they all are.
fn left_out(columns: &[&str], lines: &[list::Line], width: usize) -> String {
    let warned = lines.iter().filter(|l| !l.warnings.is_empty()).count();
    let warnings = if columns.contains(&"WARNINGS") && warned > 0 {
        format!(" ({} warnings)", crate::format::count(warned, "entry has", "entries have"))
    } else {
        String::new()
    };
    left_out_note(columns, width, &warnings, ", as `--format csv` does")
}

/// The note under any table narrowed to fit ([`crate::format::fit_columns`]), said after it on
/// standard error: "TEAM left out to fit 80 columns{why}: a wider terminal shows it{elsewhere}".
pub(super) fn left_out_note(columns: &[&str], width: usize, why: &str, elsewhere: &str) -> String {
    let named: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
    let it = if columns.len() == 1 { "it" } else { "them" };
    format!(
        "{} left out to fit {width} columns{why}: a wider terminal shows {it}{elsewhere}",
        crate::format::names_and(&named, named.len())
    )
}

/// The width the table fits: `$COLUMNS` where it is set (a script's choice), else the terminal's
/// as every report asks it ([`super::terminal_width`]); piped, 160. The terminal's own width had
/// not been asked: a shell does not export `$COLUMNS`, and an 80-column terminal got a table
/// laid out for 120, each row broken in two at its edge.
pub(super) fn terminal_width() -> usize {
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    from_env.or_else(|| super::terminal_width(true, None)).unwrap_or(if std::io::stdout().is_terminal() {
        120
    } else {
        160
    })
}
