//! What each subcommand does, from parsed arguments to printed output: one file per command.
//! Commands do the I/O (the store, files, the network, the terminal) and leave every rule to the
//! core.

mod app;
mod assign;
mod check;
mod collect;
mod export;
mod feedback;
mod finals;
mod given;
mod hub;
mod import;
mod list;
mod merge;
mod newest;
pub mod pull;
mod results;
mod score;
mod stderr;
pub use stderr::say;
pub mod sync;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::{Cli, Command, MergeFormat, MethodArgs, UsageError};
use crate::config::Config;
use crate::event_files::{self, Loaded};
use crate::paths;
use crate::rankings::{Chances, Options};
use crate::store::Store;
use given::{Taker, Writes};

/// The pieces every command that touches the store needs.
pub(crate) struct Session {
    pub(crate) loaded: Loaded,
    pub(crate) store: Store,
    /// Who is judging: `--judge`, the remembered name, or the login name.
    pub(crate) judge: String,
    /// `judging pull` with the `--config`, `--db` and `--judge` this run took: what to run for a
    /// store with no submissions, which fills this store and not the default one.
    pub(crate) pull: crate::paste::CommandLine,
    /// `judging` with the `--config`, `--db` and `--judge` this run took: the app on this store.
    pub(crate) app: crate::paste::CommandLine,
    /// The judges whose files may be older than the newest this store has taken in of theirs
    /// (`--accept-older`): the judge went back to an earlier file.
    pub(crate) accept_older: Vec<String>,
    /// What this run has warned of the store's memory of each judge's newest file: said once a
    /// run, though `collect` and the merge after it check the same files.
    pub(crate) newest_said: newest::Said,
}

/// How a command opens the judge's store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Open {
    /// It must exist: commands that read or add to a judge's work never create one by accident.
    Existing,
    /// Created if need be, in WAL (the app).
    Create,
    /// Created if need be for its first pull (see `Store::open_for_pull`).
    ForPull,
}

impl Session {
    /// A client of the Hub, with the event's time limit and the token from the environment.
    pub(crate) fn hub(&self) -> Result<crate::hub::client::Hub> {
        let limit = std::time::Duration::from_secs(self.loaded.config.export.timeout_secs);
        Ok(crate::hub::client::Hub::from_env(limit)?)
    }

    /// This judge's store, which must exist: only `pull` and the app create one.
    pub(crate) fn open(cli: &Cli, loaded: Loaded) -> Result<Session> {
        let judge = paths::judge(cli.judge.as_deref())?;
        Session::open_as(cli, loaded, judge.name, Open::Existing)
    }

    /// This judge's store where it exists; `None` on a machine that has never pulled, for the
    /// commands that can do without one (`check --offline`).
    pub(crate) fn open_if_any(cli: &Cli, loaded: Loaded) -> Result<Option<Session>> {
        let judge = paths::judge(cli.judge.as_deref())?;
        let file = paths::store_file(cli.db.clone(), &loaded.config.event.id, &judge.name)?;
        if !file.exists() {
            return Ok(None);
        }
        Session::open_as(cli, loaded, judge.name, Open::Existing).map(Some)
    }

    /// This judge's store, created if need be, for `pull`.
    pub(crate) fn create(cli: &Cli, loaded: Loaded) -> Result<Session> {
        let judge = paths::judge(cli.judge.as_deref())?;
        Session::open_as(cli, loaded, judge.name, Open::ForPull)
    }

    /// Opens this judge's store as `how` says; a new store records whose it is.
    pub(crate) fn open_as(cli: &Cli, loaded: Loaded, judge: String, how: Open) -> Result<Session> {
        let file = paths::store_file(cli.db.clone(), &loaded.config.event.id, &judge)?;
        let event = &loaded.config.event.id;
        let pull = command_line(cli, &["pull"]);
        let app = command_line(cli, &[]);
        let store = match how {
            Open::Existing => match Store::open_existing(&file, event) {
                Err(crate::store::StoreError::Missing { path }) => {
                    // A name the event does not list (a typo in --judge, or the login name taken
                    // for want of one) has no store because it is the wrong name: pulling, as
                    // the plain advice says, would make a store, and a score file, under it.
                    if let Some(unlisted) = loaded.config.unlisted_judge(&judge) {
                        bail!(
                            "no store at {} yet, and {unlisted}: give --judge with your name as the event lists it; to judge as {} all the same, run `{pull}` first",
                            paths::shown(&path),
                            crate::sanitize::in_quotes(&judge)
                        )
                    }
                    bail!(
                        "no store at {} yet: run `{pull}` first, with the export you are scoring",
                        paths::shown(&path)
                    )
                }
                opened => opened?,
            },
            Open::Create => Store::open(&file, event)?,
            Open::ForPull => Store::open_for_pull(&file, event)?,
        };
        store.claim_judge(&judge)?;
        Ok(Session { loaded, store, judge, pull, app, accept_older: Vec::new(), newest_said: newest::Said::default() })
    }

    /// Why an entry this judge recused from (for `reason`, if they gave one) takes no score, and
    /// how to score it: the one wording of `score` and `import-scores`.
    pub(crate) fn recused(&self, id: &str, reason: Option<&str>) -> String {
        let reason = reason.filter(|r| !r.trim().is_empty()).map(|r| format!(" ({})", crate::sanitize::clean_line(r)));
        format!(
            "you recused from {}{}, so it takes no scores: to score it, undo the recusal in the app (run `{}`, go to the entry and press r)",
            crate::sanitize::in_quotes(id),
            reason.unwrap_or_default(),
            self.app
        )
    }

    /// What a judge whose name came from `source` is told when the event's judging.toml does not
    /// list it ([`Config::unlisted_judge`]): a name given (`--judge`, `JUDGING_JUDGE`) or the login
    /// name taken for want of one. Not for a name confirmed at the app's prompt (remembered), nor
    /// for the built-in event, whose judges are examples.
    pub(crate) fn unlisted_judge(&self, source: paths::JudgeSource) -> Option<String> {
        if source == paths::JudgeSource::Remembered || self.loaded.path.is_none() {
            return None;
        }
        let unlisted = self.loaded.config.unlisted_judge(&self.judge)?;
        Some(match source {
            paths::JudgeSource::Guessed => format!(
                "{unlisted}: no --judge was given, so this is your login name; give --judge with your name as the event lists it"
            ),
            _ => format!("{unlisted}: check --judge"),
        })
    }

    /// Refuses, once and plainly, to score into a store that has never been pulled.
    pub(crate) fn require_submissions(&self) -> Result<()> {
        if self.store.submission_count()? == 0 {
            bail!(
                "{} has no submissions yet: run `{}` first, with the export you are scoring",
                self.store.path().display(),
                self.pull
            );
        }
        Ok(())
    }
}

/// What is made from the command line's own definition (the completion scripts, the man page),
/// or `None` for every other command. Each is made whole first, then written: clap_complete
/// panics on a failed write (a closed pipe, a full disk), which would read as an internal error.
fn from_the_command_line(command: Option<&Command>) -> Option<Result<ExitCode>> {
    let (made, what) = match command? {
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut crate::help::for_completions(), "judging", &mut script);
            (script, "the completion script")
        }
        Command::Man { out_dir: Some(dir), .. } => return Some(write_man_pages(dir)),
        Command::Man { page, out_dir: None } => {
            // `sync init` is the page judging-sync-init, as `sync-init` is.
            let page = (!page.is_empty()).then(|| page.join("-"));
            match crate::help::man_page(page.as_deref()) {
                Some(Ok(roff)) => (roff, "the man page"),
                Some(Err(e)) => return Some(Err(anyhow::Error::new(e).context("cannot make the man page"))),
                // clap took only the words of pages' names (help::command); put together, they
                // may name none (`judging man init`).
                None => {
                    let words = page.unwrap_or_default().replace('-', " ");
                    let within = crate::help::commands_within(&words);
                    let page = crate::sanitize::in_quotes(&words);
                    let hint = if within.is_empty() {
                        "`judging --help` lists the commands, and `judging man sync init` prints a command's within another".to_owned()
                    } else {
                        let each: Vec<String> = within.iter().map(|c| format!("`judging man {c}`")).collect();
                        format!("it is a command within another: {} prints its page", each.join(" or "))
                    };
                    return Some(Err(anyhow::anyhow!("no command is named {page}, so it has no man page: {hint}")));
                }
            }
        }
        _ => return None,
    };
    let written =
        std::io::Write::write_all(&mut std::io::stdout(), &made).with_context(|| format!("cannot write {what}"));
    Some(written.map(|()| ExitCode::SUCCESS))
}

/// `judging man --out-dir DIR`: every page written into DIR, which must exist (a mistyped folder
/// is said, not made).
fn write_man_pages(dir: &Path) -> Result<ExitCode> {
    // A file where the folder goes is said to be one: "make it first (mkdir -p …)" would fail.
    if dir.exists() && !dir.is_dir() {
        bail!(
            "--out-dir {}: it is a file, and the man pages go into a folder, one page a command: give a folder (make it first, mkdir -p DIR), or move the file",
            dir.display()
        );
    }
    if !dir.is_dir() {
        bail!(
            "--out-dir {}: no such folder; make it first (mkdir -p {}), then run this again",
            dir.display(),
            dir.display()
        );
    }
    let pages = crate::help::man_pages().context("cannot make the man pages")?;
    for (name, roff) in &pages {
        let file = dir.join(name);
        // Never through a link someone left in the folder: a page the tool names itself.
        crate::disk::write_durably(&file, roff)
            .with_context(|| format!("cannot write the man page {}", file.display()))?;
    }
    println!(
        "Wrote {} into {}: judging.1, and judging-COMMAND.1 for each command",
        crate::format::count(pages.len(), "man page", "man pages"),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    crate::progress::set_quiet(cli.quiet);
    // What is made from the command line alone needs no event: a broken judging.toml in this
    // folder does not stop it.
    if let Some(made) = from_the_command_line(cli.command.as_ref()) {
        return made;
    }
    let loaded = event_files::load(cli.config.as_deref())?;
    match &cli.command {
        // Done above, before any event was read.
        Some(Command::Completions { .. } | Command::Man { .. }) => Ok(ExitCode::SUCCESS),
        None => app::run(&cli, loaded),
        Some(Command::Pull(args)) => pull::run(Session::create(&cli, loaded)?, args),
        Some(Command::List { format, all, assigned }) => {
            list::run(&Session::open(&cli, loaded)?, *format, list::Which { all: *all, assigned: *assigned })
        }
        Some(Command::Score { submission, scores, note, team_note }) => {
            let notes = score::Notes { jury: note.as_deref(), team: team_note.as_deref() };
            let asked = score::asked(scores, &notes)?;
            score::fit_the_rubric(&loaded.config, &asked)?;
            score::run(Session::open(&cli, loaded)?, submission, &asked, notes)
        }
        Some(Command::Enrich { offline }) => hub::enrich(Session::open(&cli, loaded)?, *offline),
        Some(Command::Finals) => finals::list(&finals::session(&cli, loaded)?, &command_line(&cli, &["compare"])),
        Some(Command::Compare { a, b, winner, note, clear }) => {
            let asked = finals::Asked { a, b, winner: winner.as_deref(), note: note.as_deref(), clear: *clear };
            finals::compare(finals::session(&cli, loaded)?, &asked, &command_line(&cli, &["compare"]))
        }
        Some(Command::Check { from, offline, strict }) => check::run(&cli, loaded, from.as_deref(), *offline, *strict),
        Some(Command::Sync { what: crate::cli::SyncCommand::Init }) => sync::init(&loaded),
        Some(Command::Join { repo }) => sync::join(&cli, repo),
        Some(Command::Status { files, older }) => sync::status(&head_judge(&cli, loaded, older)?, files),
        Some(Command::Feedback { files, method, decisions, left_out, output }) => {
            let options = options_of(&loaded.config, method, left_out)?;
            let session = head_judge(&cli, loaded, &files.older)?;
            // Pages go into a folder of their own, never over a file read.
            let collected = score_files(&session, files, Taker::Feedback(output), Writes::pages(output), None)?;
            feedback::run(&session, &collected, options, decisions.as_deref(), output)
        }
        Some(Command::Key { new }) => sync::key(&cli, &loaded, *new),
        Some(Command::Push { pr }) => sync::push(Session::open(&cli, loaded)?, *pr),
        Some(Command::Collect { output, older }) => sync::collect_command(&head_judge(&cli, loaded, older)?, output),
        Some(Command::Export { output }) => {
            let source = paths::judge(cli.judge.as_deref())?.source;
            export::run(Session::open(&cli, loaded)?, output.clone(), source)
        }
        Some(Command::ImportScores { sheet }) => import::run(Session::open(&cli, loaded)?, sheet),
        Some(Command::Assign { judges_per_entry, seed, all_tracks, output, force, dry_run }) => {
            let request = assign::Request {
                judges_per_entry: judges_per_entry.map(usize::from),
                seed: *seed,
                all_tracks: *all_tracks,
                output: output.clone(),
                force: *force,
                dry_run: *dry_run,
            };
            assign::run(assigned_apart(Session::open(&cli, loaded)?, request.output.as_ref())?, request)
        }
        Some(Command::Results { files, method, decisions, left_out, format, public, output }) => {
            results::check_asked(&loaded, *public, *format)?;
            let options = options_of(&loaded.config, method, left_out)?;
            let session = head_judge(&cli, loaded, &files.older)?;
            let output = output.as_ref().and_then(crate::disk::Output::file);
            let collected = score_files(&session, files, Taker::Results, Writes::File(output), decisions.as_deref())?;
            let request = results::Request {
                files: &collected,
                options,
                method_asked: method.name.is_some(),
                trim_asked: method.trim.is_some() || method.trim_by.is_some(),
                decisions: decisions.as_deref(),
                format: *format,
                public: *public,
                output,
            };
            results::run(session, request)
        }
        Some(Command::Merge {
            files,
            method,
            judges,
            left_out,
            min_judges,
            tie_breaks,
            chances,
            no_chances,
            entry,
            tui,
            finals,
            force,
            format,
            output,
        }) => {
            let chances = chances_asked(*chances, *no_chances);
            let mut options =
                merge_options(&loaded.config, method, left_out, judges, *min_judges, tie_breaks, chances)?;
            // `-o -` is standard output: printed as without -o.
            let output = output.as_ref().and_then(crate::disk::Output::file);
            let opened_with = with_score_files(command_line(&cli, &["merge"]), files);
            let to = merged_to(*tui, entry.as_deref(), finals.then_some(*force), *format, output, opened_with);
            options.criterion_standings = to.shows_criterion_standings();
            let session = head_judge(&cli, loaded, &files.older)?;
            merge::checked_first(&session, &to)?;
            let collected = score_files(&session, files, Taker::Merge, Writes::File(to.output()), None)?;
            merge::run(session, &collected, &options, to)
        }
    }
}

/// The width a report's tables and sentences fit: the terminal's, where a `table` report goes to
/// standard output on one; `None` piped or redirected, to a file and in every other format, so
/// that a file or a script gets the same lines whatever the terminal.
fn terminal_width(table: bool, output: Option<&std::path::Path>) -> Option<usize> {
    use std::io::IsTerminal;
    (table && output.is_none() && std::io::stdout().is_terminal())
        .then(|| ratatui::crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns))
        .filter(|w| *w >= 20)
}

/// A report to standard output: its sentences wrapped between words at the terminal's `width`
/// ([`crate::report::wrap`]) where [`terminal_width`] gave one.
fn print_report(text: &str, width: Option<usize>) {
    match width {
        Some(width) => print!("{}", crate::report::wrap::for_terminal(text, width)),
        None => print!("{text}"),
    }
}

/// `judging SUBCOMMAND` as this run was given, for a hint to paste: with the `--config`, `--db`
/// and `--judge` this run took (from its flags or their variables), which choose the event and
/// the store it meant.
fn command_line(cli: &Cli, subcommand: &[&str]) -> crate::paste::CommandLine {
    let mut line = crate::paste::CommandLine::new(subcommand);
    if let Some(config) = &cli.config {
        line = line.path_opt("--config", config);
    }
    if let Some(db) = &cli.db {
        line = line.path_opt("--db", db);
    }
    if let Some(judge) = &cli.judge {
        line = line.opt("--judge", judge);
    }
    line
}

/// The store of the head judge (whoever runs it), for a command that reads the judges' score
/// files: with the judges whose older files it takes in all the same (`--accept-older`).
fn head_judge(cli: &Cli, loaded: Loaded, older: &crate::cli::AcceptOlder) -> Result<Session> {
    let mut session = Session::open(cli, loaded)?;
    session.accept_older.clone_from(&older.accept_older);
    Ok(session)
}

/// Refuses an `assign -o` that names a file the event or the store keeps ([`given::apart`]):
/// the assignments themselves aside, which are what it writes, with -o or without.
fn assigned_apart(session: Session, output: Option<&crate::disk::Output>) -> Result<Session> {
    if let Some(path) = output.and_then(crate::disk::Output::file) {
        let ours = session.loaded.assignments_path();
        let kept = given::kept(&session.loaded, session.store.path(), &session.judge);
        given::apart(path, &kept.into_iter().filter(|k| !k.is(&ours)).collect::<Vec<_>>())?;
    }
    Ok(session)
}

/// `line` with the score files this run was given: the files, or `--from-hub`.
fn with_score_files(line: crate::paste::CommandLine, given: &crate::cli::ScoreFiles) -> crate::paste::CommandLine {
    let line = given.files.iter().fold(line, |line, file| line.path_arg(file));
    if given.from_hub { line.flag("--from-hub") } else { line }
}

/// The judges' score files to read: the ones named, or with `--from-hub` every judge's from the
/// [sync] repo, collected and checked first.
/// Files named are checked first ([`given::score_files`]), and before them what the command
/// writes (`writes`): all said before the files are collected and merged, not after.
fn score_files(
    session: &Session,
    given: &crate::cli::ScoreFiles,
    taker: Taker,
    writes: Writes,
    decisions: Option<&Path>,
) -> Result<Vec<PathBuf>> {
    let mut kept = given::kept(&session.loaded, session.store.path(), &session.judge);
    kept.extend(given::given_kept(&given.files, taker));
    kept.extend(decisions.map(|d| given::Kept::new(d, "the head judge's decisions on ties (--decisions)")));
    writes.check(&kept)?;
    if given.from_hub { sync::files_from_hub(session) } else { given::score_files(&given.files, taker) }
}

/// The merge `merge`, `results` and `feedback` all run: the method asked for (else the event's)
/// and the judges left out.
fn options_of(config: &Config, method: &MethodArgs, left_out: &crate::cli::LeftOut) -> Result<Options> {
    let mut options = Options::new(method.method(&config.merge)?, config);
    options.without.clone_from(&left_out.without);
    Ok(options)
}

/// How this `judging merge` ranks: judging.toml's [merge], with what the flags override. A
/// `--min-judges` of 0 counts as 1, and `--tie-breaks none` leaves equal scores tied.
fn merge_options(
    config: &Config,
    method: &MethodArgs,
    left_out: &crate::cli::LeftOut,
    judges: &[String],
    min_judges: Option<usize>,
    tie_breaks: &[String],
    chances: Chances,
) -> Result<Options> {
    let mut options = options_of(config, method, left_out)?;
    if !judges.is_empty() && !matches!(options.method, crate::merge::Method::Sum { .. }) {
        bail!(UsageError(format!(
            "--judges chooses whose totals the sum method adds, and this merge is {}: add --method sum, or leave --judges out",
            options.method.name()
        )));
    }
    options.chosen = judges.to_vec();
    options.chances = chances;
    // --chances asks for both figures of how sure a place is on a panel too large for them to
    // be worked out by themselves.
    if chances == Chances::On {
        options.robustness = Chances::On;
    }
    if let Some(n) = min_judges {
        options.min_judges = n.max(1);
    }
    match tie_breaks {
        [] => {}
        [none] if none == "none" => options.tie_breaks.clear(),
        keys => {
            // Checked here, before any file is read or collected: the ranking would refuse it
            // only after.
            for key in keys {
                if let Err(problem) = config.tie_break(key) {
                    bail!(UsageError(format!(
                        "--tie-breaks {}: {problem} (or none, alone, for no tie-break)",
                        crate::sanitize::in_quotes(key)
                    )));
                }
            }
            options.tie_breaks = keys.to_vec();
        }
    }
    Ok(options)
}

/// Whether to work out the chances of a paid place: `--chances`, `--no-chances`, or neither, and
/// then the method and the panel's size decide.
fn chances_asked(chances: bool, no_chances: bool) -> Chances {
    match (chances, no_chances) {
        (true, _) => Chances::On,
        (_, true) => Chances::Off,
        _ => Chances::Auto,
    }
}

/// Where the merged rankings go: the published finals (`Some(force)`), the head judge's screen,
/// one entry's view, or printed.
fn merged_to<'a>(
    tui: bool,
    entry: Option<&'a str>,
    finals: Option<bool>,
    format: MergeFormat,
    output: Option<&'a Path>,
    opened_with: crate::paste::CommandLine,
) -> merge::To<'a> {
    match (tui, entry, finals) {
        (_, _, Some(force)) => merge::To::Finals { force },
        (true, _, None) => merge::To::Screen(opened_with),
        (false, Some(id), None) => merge::To::Entry(id, format, output),
        (false, None, None) => merge::To::Print(format, output),
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    /// A hint built on this run's command line names what it was given: the files (as shell
    /// words) or `--from-hub`, and the `--db` it read; the head judge's board had offered
    /// `judging merge --entry ID`, which fails for want of score files.
    #[test]
    fn a_hint_repeats_the_files_and_store_this_run_was_given() {
        let given = |args: &[&str]| -> String {
            let cli = crate::help::try_parse_from(args).expect("parses");
            let Some(Command::Merge { files, .. }) = &cli.command else { panic!("a merge") };
            with_score_files(command_line(&cli, &["merge"]), files).opt("--entry", "-dash").to_string()
        };
        assert_eq!(
            given(&["judging", "merge", "my scores.json", "b.json", "--tui", "--db=-x.db"]),
            "judging merge 'my scores.json' b.json --db=-x.db --entry=-dash"
        );
        assert_eq!(given(&["judging", "merge", "--from-hub", "--tui"]), "judging merge --from-hub --entry=-dash");
    }
}
