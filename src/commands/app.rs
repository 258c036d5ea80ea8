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
        judge.source = paths::JudgeSource::Remembered;
    }
    let assignments = loaded.assignments()?;
    let judge_source = judge.source;
    let mut session = Session::open_as(cli, loaded, judge.name, super::Open::Create)?;
    let status = if session.store.last_pull()?.is_none() {
        match pull::pull(&session.loaded, &mut session.store, None, false) {
            Ok(o) => format!("pulled {} submissions from {}", o.counts.incoming(), o.fetched.source.name()),
            // One line: a file refused for its broken rows is said without its list of them, and
            // where the list is before the rest, which a narrow status line cuts.
            Err(pull::PullError::Export(e @ crate::export::ExportError::Broken { .. })) => {
                format!("could not pull the export (`judging check` lists every problem): {}", e.headline())
            }
            Err(e) => format!("could not pull the export: {e}"),
        }
    } else {
        "press ? for the keys".to_owned()
    };
    // Which event is in use, and why: said on the first screen, after a name given with
    // `--judge` that judging.toml does not list (the name prompt asks twice; a typo in `--judge`
    // makes a whole store under the wrong name).
    let said = [session.unlisted_judge(judge_source), Some(event_notice(&session.loaded)), Some(status)];
    let status = said.into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let Session { loaded, mut store, judge, .. } = session;
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
            let said = super::sync::push_with(&loaded, &store, &judge, false, &|_| {}, &|_| {})?;
            Ok((said, super::sync::last_pushed(&store)))
        }),
    }
}

/// Which event the app judges and why: the judging.toml here, the one `judging join` set up, or
/// the built-in event because neither was found.
fn event_notice(loaded: &Loaded) -> String {
    let name = clean_line(&loaded.config.event.name);
    match &loaded.path {
        None => format!(
            "no judging.toml in this folder: judging the built-in event, {name}; run judging in your event's folder to judge it"
        ),
        Some(p) if p.is_relative() => format!("judging {name}, from {}", clean_line(&p.display().to_string())),
        Some(p) => format!("judging {name}, from {} (set up by judging join)", clean_line(&p.display().to_string())),
    }
}

/// Asks for the judge's name on the plain terminal, before the app takes the screen, offering
/// judging.toml's `[[judges]]`. The login name is offered (Enter takes it) only when judging.toml
/// lists it. A name not among them is said, and kept only when given again (Enter): without it
/// no assignment and no conflict reminder applies.
fn ask_name(guess: &str, config: &Config) -> Result<String> {
    use std::io::Write;
    let names: Vec<String> = config.judges.iter().map(|j| clean_line(&j.name)).collect();
    if !names.is_empty() {
        // "The event", not judging.toml: the built-in event has no judging.toml to name.
        say(&format!("Welcome to judging. The event lists these judges: {}.", names.join(", ")));
    }
    // Without a list of judges, any name is as good as the login's.
    let mut default = match config.judge(guess) {
        Some(j) => Some(j.name.clone()),
        None if names.is_empty() => Some(guess.to_owned()),
        None => None,
    };
    let mut warned: Option<String> = None;
    loop {
        match &default {
            Some(d) => print!("Your name as a judge [{}]: ", clean_line(d)),
            None => print!("Your name as a judge: "),
        }
        std::io::stdout().flush()?;
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer)? == 0 {
            anyhow::bail!("no name given: run judging again, or give --judge NAME");
        }
        let answer = answer.trim();
        let name = match (answer.is_empty(), &default) {
            (false, _) => paths::check_judge(answer)?,
            (true, Some(d)) => d.clone(),
            (true, None) => continue,
        };
        // The name as judging.toml spells it, when it is there.
        if let Some(known) = config.judge(&name) {
            return Ok(known.name.clone());
        }
        // Given twice in a row: the judge means it.
        if names.is_empty() || warned.as_deref() == Some(name.as_str()) {
            return Ok(name);
        }
        say(&format!(
            "{:?} is not among the event's judges, so no assignments and no conflict reminders apply to you. Press Enter to keep it, or type your name as listed.",
            clean_line(&name)
        ));
        default = Some(name.clone());
        warned = Some(name);
    }
}

/// A line said on the plain terminal before the app takes the screen: wrapped between words at
/// the terminal's width, which would otherwise break it mid-word.
fn say(text: &str) {
    super::print_report(&format!("{text}\n"), super::terminal_width(true, None));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 25, item 8: the first screen says which event is judged, and why.
    #[test]
    fn the_first_screen_says_which_event_and_why() {
        let builtin = event_notice(&Loaded::builtin());
        assert!(builtin.starts_with("no judging.toml in this folder: judging the built-in event"), "{builtin}");
        let here = Loaded { path: Some("judging.toml".into()), ..Loaded::builtin() };
        assert_eq!(event_notice(&here), "judging Build Small Hackathon, from judging.toml");
        let joined = Loaded { path: Some("/home/j/.config/judging/judging.toml".into()), ..Loaded::builtin() };
        assert!(event_notice(&joined).ends_with("(set up by judging join)"));
    }
}
