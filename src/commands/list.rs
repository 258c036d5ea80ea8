//! `judging list`: the submissions in the store, with this judge's progress.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;

use super::Session;
use crate::cli::ListFormat;
use crate::report::list;

/// `judging list`: the submissions with this judge's progress.
pub(super) fn run(session: &Session, format: ListFormat, all: bool) -> Result<ExitCode> {
    let mut submissions = session.store.submissions()?;
    if !all {
        submissions.retain(|s| !s.withdrawn);
    }
    let sheet = session.store.score_sheet()?;
    let config = &session.loaded.config;
    let hub = session.store.hub_facts_by_entry()?;
    let lines = list::lines(&submissions, &sheet, config, &hub);
    let out = match format {
        ListFormat::Table => {
            if submissions.is_empty() {
                eprintln!("No submissions in {} yet: run `judging pull` first.", session.store.path().display());
                return Ok(ExitCode::SUCCESS);
            }
            let width = terminal_width();
            list::table(&lines, config, width)
        }
        ListFormat::Csv => list::csv(&lines, config)?,
        ListFormat::Json => list::json(&lines, config)? + "\n",
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn terminal_width() -> usize {
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    match from_env {
        Some(w) => w,
        None if std::io::stdout().is_terminal() => 120,
        None => 160,
    }
}
