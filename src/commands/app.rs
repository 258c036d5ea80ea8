//! `judging` on its own: the judge's terminal app.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{Session, pull};
use crate::cli::Cli;
use crate::event_files::Loaded;
use crate::paths;

/// The first run asks the judge's name, once; a store that has never pulled pulls the configured
/// export first. The organizers' assignments are read here and handed to the app.
pub(super) fn run(cli: &Cli, loaded: Loaded) -> Result<ExitCode> {
    let mut judge = paths::judge(cli.judge.as_deref())?;
    if judge.source == paths::JudgeSource::Guessed && std::io::stdin().is_terminal() {
        judge.name = ask_name(&judge.name)?;
        paths::remember_judge(&judge.name).context("cannot save the judge's name")?;
    }
    let assignments = loaded.assignments()?;
    let mut session = Session::open_as(cli, loaded, judge.name)?;
    let status = if session.store.last_pull()?.is_none() {
        match pull::pull(&session.loaded, &mut session.store, None, false) {
            Ok(o) => format!("pulled {} submissions from {}", o.counts.incoming(), o.fetched.source.name()),
            Err(e) => format!("could not pull the export: {e}"),
        }
    } else {
        "press ? for the keys".to_owned()
    };
    let Session { loaded, mut store, judge } = session;
    crate::tui::run(&loaded, &judge, assignments.as_ref(), &mut store, status)?;
    Ok(ExitCode::SUCCESS)
}

/// Asks for the judge's name on the plain terminal, before the app takes the screen.
fn ask_name(guess: &str) -> Result<String> {
    use std::io::Write;
    print!("Welcome to judging. Your name as a judge [{guess}]: ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    let answer = answer.trim();
    Ok(if answer.is_empty() { guess.to_owned() } else { paths::check_judge(answer)? })
}
