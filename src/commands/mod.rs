//! What each subcommand does, from parsed arguments to printed output. The score-file commands
//! (export, import-scores, merge) are in `scores`.

mod assign;
mod hub;
mod results;
mod scores;

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::{Cli, Command, ListFormat, MergeMethod};
use crate::config::{self, Loaded};
use crate::paths;
use crate::pull;
use crate::report::list;
use crate::store::{Change, Store};
use crate::text::clean_line;

/// The pieces every command that touches the store needs.
pub(crate) struct Session {
    pub(crate) loaded: Loaded,
    pub(crate) store: Store,
}

impl Session {
    pub(crate) fn open(cli: &Cli, loaded: Loaded) -> Result<Session> {
        let judge = paths::judge(cli.judge.as_deref())?;
        let file = paths::store_file(cli.db.clone(), &loaded.config.event.id, &judge.name)?;
        let store = Store::open(&file, &loaded.config.event.id)?;
        if store.meta("judge")?.is_none() {
            store.set_meta("judge", &judge.name)?;
        }
        Ok(Session { loaded, store })
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let loaded = config::load(cli.config.as_deref())?;
    match &cli.command {
        None => terminal_app(&cli, loaded),
        Some(Command::Pull { from, offline }) => pull(Session::open(&cli, loaded)?, from.as_deref(), *offline),
        Some(Command::List { format, all }) => list(&Session::open(&cli, loaded)?, *format, *all),
        Some(Command::Score { submission, scores, note }) => {
            score(Session::open(&cli, loaded)?, submission, scores, note.as_deref())
        }
        Some(Command::Enrich { offline }) => hub::enrich(Session::open(&cli, loaded)?, *offline),
        Some(Command::Check { offline, strict }) => check(&cli, loaded, *offline, *strict),
        Some(Command::Export { output }) => scores::export(&cli, loaded, output.clone()),
        Some(Command::ImportScores { sheet }) => {
            let judge = paths::judge(cli.judge.as_deref())?;
            scores::import_scores(Session::open(&cli, loaded)?, &judge.name, sheet)
        }
        Some(Command::Assign { judges_per_entry, seed, all_tracks, output, force, dry_run }) => {
            let request = assign::Request {
                judges_per_entry: *judges_per_entry,
                seed: *seed,
                all_tracks: *all_tracks,
                output: output.clone(),
                force: *force,
                dry_run: *dry_run,
            };
            assign::assign(Session::open(&cli, loaded)?, request)
        }
        Some(Command::Results { files, method, decisions, format, output }) => {
            let options = crate::headjudge::Options::new(method.method(), &loaded.config);
            let request = results::Request {
                files,
                options,
                decisions: decisions.as_deref(),
                format: *format,
                output: output.as_deref(),
            };
            results::results(Session::open(&cli, loaded)?, request)
        }
        Some(Command::Merge { files, method, judges, min_judges, tie_breaks, tui, format, output }) => {
            if !judges.is_empty() && method.name != MergeMethod::Sum {
                bail!("--judges chooses whose totals the sum method adds: use it with --method sum");
            }
            let mut options = crate::headjudge::Options::new(method.method(), &loaded.config);
            options.chosen.clone_from(judges);
            if let Some(n) = min_judges {
                options.min_judges = (*n).max(1);
            }
            match tie_breaks.as_slice() {
                [] => {}
                [none] if none == "none" => options.tie_breaks.clear(),
                keys => options.tie_breaks = keys.to_vec(),
            }
            let to = if *tui { scores::MergeTo::Screen } else { scores::MergeTo::Print(*format, output.as_deref()) };
            scores::merge(Session::open(&cli, loaded)?, files, &options, to)
        }
    }
}

/// `judging` on its own: the terminal app. The first run asks the judge's name, once; a store
/// that has never pulled pulls the configured export first.
fn terminal_app(cli: &Cli, loaded: Loaded) -> Result<ExitCode> {
    let mut judge = paths::judge(cli.judge.as_deref())?;
    if judge.source == paths::JudgeSource::Guessed && std::io::stdin().is_terminal() {
        judge.name = ask_name(&judge.name)?;
        paths::remember_judge(&judge.name).context("cannot save the judge's name")?;
    }
    let file = paths::store_file(cli.db.clone(), &loaded.config.event.id, &judge.name)?;
    let mut store = Store::open(&file, &loaded.config.event.id)?;
    if store.meta("judge")?.is_none() {
        store.set_meta("judge", &judge.name)?;
    }
    let status = if store.last_pull()?.is_none() {
        match pull::pull(&loaded, &mut store, None, false) {
            Ok(o) => format!("pulled {} submissions from {}", o.counts.incoming(), o.fetched.source.name()),
            Err(e) => format!("could not pull the export: {e}"),
        }
    } else {
        "press ? for the keys".to_owned()
    };
    crate::tui::run(&loaded, &judge.name, &mut store, status)?;
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

fn pull(mut session: Session, from: Option<&str>, offline: bool) -> Result<ExitCode> {
    let mut outcome = pull::pull(&session.loaded, &mut session.store, from, offline)?;
    report_pull(&session, &outcome);
    if let Some(listing) = outcome.fetched.hub.take() {
        hub::after_pull(&mut session, listing)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn report_pull(session: &Session, outcome: &pull::Outcome) {
    let c = outcome.counts;
    let name = outcome.fetched.source.name();
    match &outcome.fetched.cached_at {
        Some(at) => println!(
            "Pulled the copy of {name} cached at {at} ({}) into {}",
            crate::text::age(at, crate::store::now_unix()),
            session.store.path().display()
        ),
        None => println!("Pulled {name} into {}", session.store.path().display()),
    }
    println!(
        "  {} submissions: {} new, {} changed, {} unchanged, {} withdrawn, {} back",
        c.incoming(),
        c.added,
        c.updated,
        c.unchanged,
        c.withdrawn,
        c.returned
    );
    if outcome.parsed.drafts_skipped > 0 {
        println!("  {} Devpost draft(s) skipped", outcome.parsed.drafts_skipped);
    }
    for note in &outcome.parsed.notes {
        eprintln!("  note: {}", clean_line(note));
    }
    print_problems(&outcome.parsed.problems);
}

fn print_problems(problems: &[crate::export::RowProblem]) {
    let rejected = problems.iter().filter(|p| p.error).count();
    if problems.is_empty() {
        return;
    }
    eprintln!("  {rejected} row(s) rejected, {} warning(s):", problems.len() - rejected);
    for p in problems {
        eprintln!("  {p}");
    }
}

fn list(session: &Session, format: ListFormat, all: bool) -> Result<ExitCode> {
    let mut submissions = session.store.submissions()?;
    if !all {
        submissions.retain(|s| !s.withdrawn);
    }
    let sheet = session.store.score_sheet()?;
    let config = &session.loaded.config;
    let lines = list::lines(&submissions, &sheet, config);
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

fn score(mut session: Session, id: &str, pairs: &[String], note: Option<&str>) -> Result<ExitCode> {
    let config = &session.loaded.config;
    let Some(stored) = session.store.submission(id)? else {
        let ids: Vec<String> = session
            .store
            .submissions()?
            .into_iter()
            .map(|s| s.submission.id)
            .filter(|s| s.contains(id) || id.contains(s.as_str()))
            .take(5)
            .map(|s| clean_line(&s))
            .collect();
        let hint = if ids.is_empty() { String::new() } else { format!(" Did you mean: {}?", ids.join(", ")) };
        bail!("no submission {:?} in the store; `judging list` shows the ids.{hint}", clean_line(id));
    };
    if stored.withdrawn {
        bail!("{:?} was withdrawn from the export: its scores are kept, but it takes no new ones", clean_line(id));
    }
    let mut scores = Vec::new();
    for pair in pairs {
        let (criterion, value) = pair
            .split_once('=')
            .with_context(|| format!("{:?}: write CRITERION=VALUE, such as utility=4", clean_line(pair)))?;
        let (criterion, value) = (criterion.trim(), value.trim());
        let Some(c) = config.criterion(criterion) else {
            let known: Vec<_> = config.criteria.iter().map(|c| c.id.as_str()).collect();
            bail!("{:?} is not a criterion; the rubric has {}", clean_line(criterion), known.join(", "));
        };
        let number: i64 = value.parse().ok().filter(|v| c.scale.contains(*v)).with_context(|| {
            format!(
                "{criterion}={}: {criterion} takes a whole number from {} to {}",
                clean_line(value),
                c.scale.low,
                c.scale.high
            )
        })?;
        scores.push((id.to_owned(), Change::Score { criterion: c.id.clone(), value: Some(number as u8) }));
    }
    if let Some(text) = note {
        scores.push((id.to_owned(), Change::Note(Some(text.to_owned()))));
    }
    if scores.is_empty() {
        bail!("nothing to record: give scores as CRITERION=VALUE (such as utility=4), or --note TEXT");
    }
    session.store.apply_all(&scores)?;
    let sheet = session.store.score_sheet()?;
    let config = &session.loaded.config;
    let me = session.store.meta("judge")?;
    let judge = config.judges.iter().find(|j| me.as_ref().is_some_and(|m| j.name.eq_ignore_ascii_case(m)));
    if judge.is_some_and(|j| j.conflicts.iter().any(|c| crate::assign::conflicts(c, &stored.submission))) {
        eprintln!(
            "warning: judging.toml lists a conflict of yours with {:?}; the score is saved, but recuse (r in the app) if it applies",
            clean_line(id)
        );
    }
    let title = clean_line(&stored.submission.title);
    println!("{} ({title})", clean_line(id));
    for c in &config.criteria {
        match sheet.score(id, &c.id) {
            Some(v) => println!("  {:<10} {v}  {}", c.label, c.level_meaning(v).unwrap_or_default()),
            None => println!("  {:<10} -", c.label),
        }
    }
    match crate::model::weighted_total(&config.criteria, |c| sheet.score(id, c)) {
        Some(total) => println!("  total      {total:.2}"),
        None => println!(
            "  total      - ({} of {} criteria scored)",
            sheet.scored_count(id, &config.criteria),
            config.criteria.len()
        ),
    }
    if let Some(note) = sheet.notes.get(id) {
        println!("  note       {}", clean_line(note));
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks judging.toml (already loaded, so valid) and the export, printing every problem.
fn check(cli: &Cli, loaded: Loaded, offline: bool, strict: bool) -> Result<ExitCode> {
    let c = &loaded.config;
    println!(
        "{}: ok: event {:?}, {} criteria, {} tracks, {} judges",
        loaded.describe(),
        c.event.id,
        c.criteria.len(),
        c.tracks.len(),
        c.judges.len()
    );
    // Only an offline check of a URL needs the store, for its cached copy.
    let store = if offline { Some(Session::open(cli, loaded.clone())?.store) } else { None };
    let fetched = pull::fetch(&loaded, None, offline, store.as_ref())?;
    let parsed = pull::parse(&loaded, &fetched)?;
    let name = fetched.source.name();
    let rejected = parsed.rejected();
    let warnings = parsed.problems.len() - rejected;
    println!(
        "{name}: {} row(s) read, {} valid, {rejected} rejected, {warnings} warning(s){}",
        parsed.submissions.len() + rejected,
        parsed.submissions.len(),
        if parsed.drafts_skipped > 0 { format!(", {} draft(s) skipped", parsed.drafts_skipped) } else { String::new() }
    );
    for note in &parsed.notes {
        println!("  note: {}", clean_line(note));
    }
    for p in &parsed.problems {
        println!("  {p}");
    }
    if parsed.submissions.is_empty() && rejected == 0 {
        println!("{name}: the export has no submissions");
        return Ok(ExitCode::FAILURE);
    }
    let ids: std::collections::HashSet<&str> = parsed.submissions.iter().map(|s| s.id.as_str()).collect();
    let organizer_problems = check_organizer_files(&loaded, &ids);
    let failed = rejected > 0 || organizer_problems > 0 || (strict && warnings > 0);
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The files beside judging.toml that the organizers' commands read: the assignments and the
/// prizes' value files. Prints what it finds; returns the number of problems.
fn check_organizer_files(loaded: &Loaded, ids: &std::collections::HashSet<&str>) -> usize {
    let mut problems = Vec::new();
    let path = loaded.assignments_path();
    match loaded.assignments() {
        Err(e) => problems.push(e),
        Ok(None) => {}
        Ok(Some(a)) => {
            let judges = &loaded.config.judges;
            for (judge, list) in &a.judges {
                if !judges.iter().any(|j| j.name.eq_ignore_ascii_case(judge)) {
                    problems.push(format!(
                        "{}: judge {:?} is not in judging.toml's [[judges]]",
                        path.display(),
                        clean_line(judge)
                    ));
                }
                let unknown: Vec<&String> = list.iter().filter(|id| !ids.contains(id.as_str())).collect();
                if let Some(first) = unknown.first() {
                    problems.push(format!(
                        "{}: {} of {judge}'s entries are not in the export, such as {:?}: run `judging assign --force` after the pull",
                        path.display(),
                        unknown.len(),
                        clean_line(first)
                    ));
                }
            }
            let total: usize = a.judges.values().map(Vec::len).sum();
            println!("{}: {} judges, {total} assignments", path.display(), a.judges.len());
        }
    }
    for prize in loaded.config.prizes.iter().filter(|p| p.by == config::PrizeBy::File) {
        let file = loaded.base_dir().join(prize.file.as_deref().unwrap_or_default());
        if !file.exists() {
            problems.push(format!("prizes {:?}: its file {} does not exist yet", prize.id, file.display()));
        }
    }
    for p in &problems {
        println!("  {}", clean_line(p));
    }
    problems.len()
}
