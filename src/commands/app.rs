//! `judging` on its own: the judge's terminal app.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};

use super::{Session, pull};
use crate::cli::Cli;
use crate::config::Config;
use crate::event_files::Loaded;
use crate::paths;
use crate::sanitize::clean_line;
use crate::store::Store;

/// The first run asks the judge's name, once; a store that has never pulled pulls the configured
/// export first. The organizers' assignments are read here and handed to the app.
pub(super) fn run(cli: &Cli, loaded: Loaded) -> Result<ExitCode> {
    let mut judge = paths::judge(cli.judge.as_deref())?;
    if judge.source == paths::JudgeSource::Guessed && std::io::stdin().is_terminal() {
        judge.name = ask_name(&judge.name, &loaded.config)?;
        paths::remember_judge(&judge.name).context("cannot save the judge's name")?;
    }
    let assignments = loaded.assignments()?;
    let mut session = Session::open_as(cli, loaded, judge.name, true)?;
    let status = if session.store.last_pull()?.is_none() {
        match pull::pull(&session.loaded, &mut session.store, None, false) {
            Ok(o) => format!("pulled {} submissions from {}", o.counts.incoming(), o.fetched.source.name()),
            Err(e) => format!("could not pull the export: {e}"),
        }
    } else {
        "press ? for the keys".to_owned()
    };
    let Session { loaded, mut store, judge } = session;
    let pushing = pushing(&loaded, &judge, &store);
    crate::tui::run(&loaded, &judge, assignments.as_ref(), &mut store, status, pushing)?;
    Ok(ExitCode::SUCCESS)
}

/// What the app's `P` does: `judging push`, on a connection of its own to the store (it runs
/// off the app's thread), answering with what it said and when the judge has now last pushed.
fn pushing(loaded: &Loaded, judge: &str, store: &Store) -> crate::tui::Pushing {
    let (loaded, judge, path) = (loaded.clone(), judge.to_owned(), store.path().to_path_buf());
    crate::tui::Pushing {
        last: super::sync::last_pushed(store),
        push: Arc::new(move || {
            let store = Store::open_existing(&path, &loaded.config.event.id).map_err(|e| e.to_string())?;
            let said = super::sync::push_with(&loaded, &store, &judge, false, &|_| {})?;
            Ok((said, super::sync::last_pushed(&store)))
        }),
    }
}

/// Asks for the judge's name on the plain terminal, before the app takes the screen, offering
/// judging.toml's `[[judges]]`. A name not among them is said, and kept only when given again
/// (Enter): without it no assignment and no conflict reminder applies.
fn ask_name(guess: &str, config: &Config) -> Result<String> {
    use std::io::Write;
    let names: Vec<String> = config.judges.iter().map(|j| clean_line(&j.name)).collect();
    if !names.is_empty() {
        println!("Welcome to judging. judging.toml lists these judges: {}.", names.join(", "));
    }
    let mut default = config.judge(guess).map_or_else(|| guess.to_owned(), |j| j.name.clone());
    let mut warned: Option<String> = None;
    loop {
        print!("Your name as a judge [{}]: ", clean_line(&default));
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        let answer = answer.trim();
        let name = if answer.is_empty() { default.clone() } else { paths::check_judge(answer)? };
        // The name as judging.toml spells it, when it is there.
        if let Some(known) = config.judge(&name) {
            return Ok(known.name.clone());
        }
        // Given twice in a row: the judge means it.
        if names.is_empty() || warned.as_deref() == Some(name.as_str()) {
            return Ok(name);
        }
        println!(
            "{:?} is not among judging.toml's judges, so no assignments and no conflict reminders apply to you. Press Enter to keep it, or type your name as listed.",
            clean_line(&name)
        );
        default.clone_from(&name);
        warned = Some(name);
    }
}
