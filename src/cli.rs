//! The command line: `judging` and its subcommands.

use std::path::PathBuf;

use crate::merge::{MethodName, TrimBy};

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "judging",
    version,
    about = "Judge a hackathon from the terminal: browse and score submissions, merge judges' scores, print prizes.",
    // The README's opening, in its words (a test compares them).
    long_about = "Judge a hackathon from the terminal.\n\n\
        Judges browse the submissions from the organizers' shared export, open each Space, video and \
        post with one key, time the demo, score it on the rubric in judging.toml (utility, latency, \
        cost) and write notes (`judging` alone opens the app). Every keystroke is saved at once to a \
        local SQLite store; nothing needs a network after the first pull.\n\n\
        The head judge merges the judges' score files into fair final rankings, corrected for \
        lenient and harsh judges.\n\n\
        Organizers assign entries to judges before judging, and print the prize results after: \
        track places, special and sponsor awards, eligibility, and the head judge's decisions on ties, \
        in the terminal, Markdown, CSV for finance, JSON or a printable HTML page.\n\n\
        Without judging.toml in the current folder, the event `judging join` set up is used, else the \
        built-in Build Small Hackathon event and its sample export."
)]
pub struct Cli {
    // --config, --db and --judge are the judge's app's (no command), and each command's that
    // [`SHARED`] says it acts on; `help::command` gives them to those commands, and takes them
    // before a command only where it acts. `--quiet` is no option of the app, which draws no
    // progress: set from the command's own (see [`quiet`]).
    /// The event's configuration [default: ./judging.toml, else the one `judging join` set up,
    /// else the built-in event]
    #[arg(long, env = "JUDGING_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The store's `SQLite` file: a judge's scores, and the submissions that merge, results,
    /// feedback and assign read titles and tracks from [default: one per event and judge in the
    /// XDG data folder]
    #[arg(long, env = "JUDGING_DB", value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// Who is judging, and so whose store is used, the head judge's too [default: the name
    /// given before, else the login name]
    #[arg(long, env = "JUDGING_JUDGE", value_name = "NAME", value_parser = judge_name)]
    pub judge: Option<String>,

    /// `--quiet`, on a command that draws progress.
    #[arg(skip)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the organizers' export into the store (again): new entries are added, changed ones
    /// updated, vanished ones marked withdrawn (most of those in play at once only with
    /// --force). Scores are never touched.
    Pull(PullArgs),
    /// List the submissions in the store, with this judge's progress
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Include withdrawn entries
        #[arg(long)]
        all: bool,
        /// Only the entries assigned to you (the assignments file beside judging.toml)
        #[arg(long)]
        assigned: bool,
    },
    /// Score one submission from the command line, for scripts
    Score {
        /// The submission's id (as `judging list` shows it); one that starts with `-` after `--`,
        /// the options before it: `judging score --note ok -- -id utility=4`
        submission: String,
        /// Scores as CRITERION=VALUE, such as utility=4
        #[arg(value_name = "CRITERION=VALUE")]
        scores: Vec<String>,
        /// Replace the note for this submission (for the jury only)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Replace the note the team may read ([feedback] notes in judging.toml says whether it
        /// reaches them)
        #[arg(long, value_name = "TEXT")]
        team_note: Option<String>,
    },
    /// Import a judge's spreadsheet of scores (long format: judge, submission, criterion, score,
    /// note) into that judge's store, all or nothing
    #[command(after_help = "The CSV's header names the columns: judge,submission,criterion,score[,note][,team_note]. \
        Rows for other judges than --judge are refused, so a sheet lands in the right store.")]
    ImportScores {
        /// The spreadsheet, as CSV
        sheet: PathBuf,
    },
    /// Write this judge's score file for the head judge
    Export {
        /// Where to write it, `-` for standard output [default: scores-EVENT-JUDGE.json here]
        #[arg(short, long, value_name = "FILE")]
        output: Option<crate::disk::Output>,
    },
    /// Merge judges' score files into rankings, overall and per track
    Merge {
        #[command(flatten)]
        files: ScoreFiles,
        #[command(flatten)]
        method: MethodArgs,
        /// With --method sum: the judges whose totals count, comma-separated [default: all]
        #[arg(long, value_delimiter = ',', value_name = "NAMES")]
        judges: Vec<String>,
        #[command(flatten)]
        left_out: LeftOut,
        /// Entries with fewer judges are flagged thin [default: `merge.min_judges` in judging.toml]
        #[arg(long)]
        min_judges: Option<usize>,
        /// What separates equal scores, in turn: criterion ids, judges, agreement; "none" for
        /// nothing [default: `merge.tie_breaks` in judging.toml]
        #[arg(long, value_delimiter = ',', value_name = "KEYS")]
        tie_breaks: Vec<String>,
        /// Work out each entry's chance of a paid place even on a panel of over 100,000 marks
        /// (it is worked out by itself below that, for the calibrated method)
        #[arg(long, conflicts_with = "no_chances")]
        chances: bool,
        /// Leave out the chances of a paid place
        #[arg(long)]
        no_chances: bool,
        /// Print every judge's view of this entry (scores, total, note, stopwatch) instead of
        /// the rankings
        #[arg(long, value_name = "ID", conflicts_with = "tui")]
        entry: Option<String>,
        /// Show the rankings on the head judge's screen instead of printing them
        #[arg(long, conflicts_with_all = ["format", "output"])]
        tui: bool,
        /// Publish the finals: the top `[finals] size` entries of each ranking with finals, with
        /// the comparisons made so far, to `finals.file` beside judging.toml
        #[arg(long, conflicts_with_all = ["tui", "entry", "format", "output"])]
        finals: bool,
        /// With --finals: publish other finalists than the file has, though comparisons were made
        /// on them (those comparisons then count for nothing)
        #[arg(long, requires = "finals")]
        force: bool,
        #[arg(long, value_enum, default_value_t = MergeFormat::Table)]
        format: MergeFormat,
        /// Write to this file instead of the terminal (`-` is standard output)
        #[arg(short, long, value_name = "FILE")]
        output: Option<crate::disk::Output>,
    },
    /// Spread the submissions over the judges in judging.toml, and write who judges what
    Assign {
        /// Judges per entry [default: `assign.judges_per_entry` in judging.toml]
        #[arg(short = 'k', long, value_parser = clap::value_parser!(u16).range(1..))]
        judges_per_entry: Option<u16>,
        /// The same seed gives the same assignment [default: assign.seed]
        #[arg(long)]
        seed: Option<u64>,
        /// Let judges with `tracks` judge any track
        #[arg(long)]
        all_tracks: bool,
        /// Where to write, `-` for standard output (the coverage then goes to standard error)
        /// [default: assign.file beside judging.toml]
        #[arg(short, long, value_name = "FILE")]
        output: Option<crate::disk::Output>,
        /// Replace an assignments file that exists
        #[arg(long)]
        force: bool,
        /// Show the assignment's coverage without writing it (so neither -o nor --force)
        #[arg(long, conflicts_with_all = ["output", "force"])]
        dry_run: bool,
    },
    /// The finals the head judge published: each ranking's finalists, the pairs you compared,
    /// and the pair to compare next
    Finals,
    /// Compare two finalists side by side: which is better, or level. One answer a pair: giving
    /// it again replaces it
    Compare {
        /// One finalist's id (as `judging finals` shows it); ids that start with `-` after `--`,
        /// the options before it: `judging compare --winner A -- -id other`
        a: String,
        /// The other's
        b: String,
        /// The better of the two: A (the first named), B (the second), or level
        #[arg(long, value_name = "A|B|level", required_unless_present = "clear")]
        winner: Option<String>,
        /// Why, for the jury
        #[arg(long, value_name = "TEXT", conflicts_with = "clear")]
        note: Option<String>,
        /// Take back your answer on this pair
        #[arg(long, conflicts_with = "winner")]
        clear: bool,
    },
    /// Apply the prize rules in judging.toml to the merged rankings and print the winners
    Results {
        #[command(flatten)]
        files: ScoreFiles,
        #[command(flatten)]
        method: MethodArgs,
        /// The head judge's decisions on ties [default: results.decisions beside judging.toml]
        #[arg(long, value_name = "FILE")]
        decisions: Option<PathBuf>,
        #[command(flatten)]
        left_out: LeftOut,
        #[arg(long, value_enum, default_value_t = ResultsFormat::Table)]
        format: ResultsFormat,
        /// The announcement for the public: places, entries, teams and amounts, and nothing of
        /// the jury's deliberation (as a table, md or html)
        #[arg(long)]
        public: bool,
        /// Write to this file instead of the terminal (`-` is standard output)
        #[arg(short, long, value_name = "FILE")]
        output: Option<crate::disk::Output>,
    },
    /// Ask the Hub about every entry's Space: stage, hardware and price, models and their sizes
    Enrich {
        /// Show what is cached, and when it was fetched; no network
        #[arg(long)]
        offline: bool,
    },
    /// The judges' dataset repo on the Hub: `judging sync init` creates it and uploads judging.toml
    /// and the assignments
    // Without its command, an error that says so (clap's `arg_required_else_help`, which the
    // derive sets, printed the whole help as the error, and its examples twice).
    #[command(arg_required_else_help = false)]
    Sync {
        #[command(subcommand)]
        what: SyncCommand,
    },
    /// Set up this machine for an event from its judges' dataset repo: judging.toml and the
    /// assignments into a folder of their own in your config folder, then the export pulled
    Join {
        /// The dataset repo, ORG/NAME
        repo: String,
    },
    /// Per judge: assigned, done, scored, partly scored, recused, when their file was written;
    /// entries short of judges
    Status {
        /// Read these score files instead of the repo's
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        older: AcceptOlder,
    },
    /// For every entry, what its team may read: scores against the field, places, prizes, why it
    /// could not win, and the judges' notes for the team (Markdown and printable HTML, an index)
    Feedback {
        #[command(flatten)]
        files: ScoreFiles,
        #[command(flatten)]
        method: MethodArgs,
        /// The head judge's decisions on ties, as `results` took them [default: results.decisions
        /// beside judging.toml]
        #[arg(long, value_name = "FILE")]
        decisions: Option<PathBuf>,
        #[command(flatten)]
        left_out: LeftOut,
        /// The folder to write into
        #[arg(short, long, value_name = "DIR", value_parser = folder())]
        output: PathBuf,
    },
    /// Your signing key: made once on this machine (the private half stays in your config folder,
    /// readable by you alone), and its public half printed for the head judge to list in
    /// judging.toml. The merge refuses files not signed by the key listed for their judge
    Key {
        /// Make a new key even if you have one (the old one is kept as JUDGE.key.old)
        #[arg(long)]
        new: bool,
    },
    /// Send your score file to the judges' dataset repo on the Hub ([sync] repo in judging.toml)
    Push {
        /// Open a pull request instead of committing (for a judge who may only read the repo)
        #[arg(long)]
        pr: bool,
    },
    /// Download every judge's score file from the dataset repo, check each, and say who has not
    /// pushed
    Collect {
        /// Where to put the files
        #[arg(short, long, value_name = "DIR", default_value = "collected", value_parser = folder())]
        output: PathBuf,
        #[command(flatten)]
        older: AcceptOlder,
    },
    /// Check judging.toml and the export; print every problem, and fail if there is one
    Check {
        /// Check this export (a file, an http(s) URL, hub:ORG) instead of `export.source`
        #[arg(long, value_name = "SOURCE")]
        from: Option<String>,
        /// Check the copy of a URL export cached by the last pull; no network
        #[arg(long)]
        offline: bool,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
    },
    /// Print the completion script for a shell, made from this very command line
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) of judging or of one command, or write every page into a
    /// folder: all made from this very command line
    Man {
        /// The command whose page to print: merge, sync init (or sync-init, as its page
        /// judging-sync-init.1 is named) [default: judging's own page]
        #[arg(value_name = "COMMAND", conflicts_with = "out_dir")]
        page: Vec<String>,
        /// Write every page into this folder, which must exist: judging.1 and judging-COMMAND.1 for
        /// each command
        #[arg(long, value_name = "DIR", value_parser = folder())]
        out_dir: Option<PathBuf>,
    },
}

/// What a command does that the options every command might share act on: each such option is
/// shown, and taken, only on the commands that do what it acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Does {
    /// Reads the event's judging.toml: `--config`.
    ReadsTheEvent,
    /// Opens a judge's store: `--db`.
    OpensAStore,
    /// Acts for one judge (their store, their key): `--judge`.
    ActsForAJudge,
    /// Draws a spinner or a bar on a step that can pass a second: `--quiet`.
    DrawsProgress,
}

impl Does {
    /// The id (and long name) of the option that acts on it.
    pub fn option(self) -> &'static str {
        match self {
            Does::ReadsTheEvent => "config",
            Does::OpensAStore => "db",
            Does::ActsForAJudge => "judge",
            Does::DrawsProgress => "quiet",
        }
    }

    /// What a command that does not do it does not do, for the error that refuses its option.
    pub fn not_done(self) -> &'static str {
        match self {
            Does::ReadsTheEvent => "reads no event",
            Does::OpensAStore => "opens no store",
            Does::ActsForAJudge => "acts for no judge",
            Does::DrawsProgress => "draws no progress",
        }
    }
}

/// What each command does of [`Does`], by its words after `judging` ("" for the judge's app,
/// `sync init` for a command within another): declared once here, and the options each command
/// takes are derived from it (`help::command`). A command not listed does none of them.
pub const SHARED: &[(&str, &[Does])] = {
    use Does::{ActsForAJudge as J, DrawsProgress as P, OpensAStore as S, ReadsTheEvent as E};
    &[
        ("", &[E, S, J]),
        ("pull", &[E, S, J, P]),
        ("list", &[E, S, J]),
        ("score", &[E, S, J]),
        ("import-scores", &[E, S, J]),
        ("export", &[E, S, J]),
        ("merge", &[E, S, J, P]),
        ("assign", &[E, S, J, P]),
        ("finals", &[E, S, J]),
        ("compare", &[E, S, J]),
        ("results", &[E, S, J, P]),
        ("enrich", &[E, S, J, P]),
        // Its upload of the event, as `join`'s download and `status`'s collect, waits on the Hub.
        ("sync init", &[E, P]),
        // It sets up its own event, then pulls the export into the judge's store.
        ("join", &[S, J, P]),
        ("status", &[E, S, J, P]),
        ("feedback", &[E, S, J, P]),
        ("key", &[E, J]),
        ("push", &[E, S, J, P]),
        ("collect", &[E, S, J, P]),
        // The store only with --offline, for the cached export; progress while the export is read.
        ("check", &[E, S, J, P]),
    ]
};

/// What the command at `path` does of [`Does`].
pub fn does(path: &str) -> &'static [Does] {
    SHARED.iter().find(|(p, _)| *p == path).map_or(&[], |(_, does)| does)
}

/// `--quiet`, for the commands that draw progress.
pub fn quiet() -> clap::Arg {
    clap::Arg::new(Does::DrawsProgress.option())
        .short('q')
        .long(Does::DrawsProgress.option())
        .action(clap::ArgAction::SetTrue)
        .help("No progress bars or spinners (they are drawn only on a terminal anyway)")
}

/// A command line clap read whole but that cannot be done as asked (`--judges` without
/// `--method sum`, `score ID` with nothing to record): a usage error as much as clap's own, so it
/// ends as clap's do, with [`USAGE_EXIT`] and the command's examples (main.rs). Its message says
/// what is wrong and what would be right.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// `--judge`'s value, checked as clap reads it: a name no store can be kept under (`--judge ''`)
/// is a usage error like any other, not a failure found once the command runs.
fn judge_name(given: &str) -> Result<String, String> {
    crate::paths::check_judge(given).map_err(|_| format!("give {}, such as --judge ada", crate::paths::USABLE_JUDGE))
}

/// A folder a command writes files into, as clap reads it: see [`crate::disk::output_folder`].
fn folder() -> impl clap::builder::TypedValueParser<Value = PathBuf> {
    use clap::builder::TypedValueParser as _;
    clap::builder::OsStringValueParser::new().try_map(crate::disk::output_folder)
}

/// The exit status of a usage error, clap's and [`UsageError`]'s alike; 1 is for everything
/// else that fails.
pub const USAGE_EXIT: u8 = 2;

/// What `judging pull` reads, and whether it may withdraw most entries.
#[derive(Debug, Clone, Default, Args)]
pub struct PullArgs {
    /// Read this file or http(s) URL instead of export.source; `hub:ORG` reads the Spaces of
    /// the organisation ORG on the Hub, and `hub` alone those of build-small-hackathon (a file
    /// named hub is `./hub`)
    #[arg(long, value_name = "PATH|URL|hub[:ORG]")]
    pub from: Option<String>,
    /// Use the copy of a URL export cached by the last pull; no network
    #[arg(long)]
    pub offline: bool,
    /// Pull even an export that would withdraw more than half of the entries in play (and
    /// more than 3), or any from an export with no valid row: refused without it, as a
    /// cut-off download or the wrong file looks just like that
    #[arg(long)]
    pub force: bool,
}

/// Where the head judge's commands (`merge`, `results`, `feedback`) read the judges' scores.
#[derive(Debug, Clone, Args)]
pub struct ScoreFiles {
    /// The judges' score files (`results` also reads one merge saved with `judging merge
    /// --format json`)
    #[arg(required_unless_present = "from_hub", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Collect the score files from the [sync] repo on the Hub first, and read those
    #[arg(long, conflicts_with = "files")]
    pub from_hub: bool,
    #[command(flatten)]
    pub older: AcceptOlder,
}

/// The judges whose older file the head judge takes in all the same: `merge`, `results`,
/// `feedback`, `collect` and `status` share it.
#[derive(Debug, Clone, Default, Args)]
pub struct AcceptOlder {
    /// Take in this judge's file though it is older than the newest of theirs this store took in
    /// before: the judge really went back to it (you asked them to restore it). Once per judge
    #[arg(long, value_name = "JUDGE")]
    pub accept_older: Vec<String>,
}

/// The judges a merge leaves out: `judging merge`, `results` and `feedback` share it, so that the
/// teams' pages can be made from the same merge as the results announced.
#[derive(Debug, Clone, Args)]
pub struct LeftOut {
    /// Leave these judges' files out, comma-separated: as if they had not been given (the output
    /// says who was left out)
    #[arg(long, value_delimiter = ',', value_name = "JUDGES")]
    pub without: Vec<String>,
}

/// How judges' totals become one score, where it is not the event's own (`[merge] method` in
/// judging.toml): `judging merge`, `results` and `feedback` share these.
#[derive(Debug, Clone, Args)]
pub struct MethodArgs {
    /// How the judges' totals are merged [default: `merge.method` in judging.toml, else
    /// calibrated] (`results` on a saved merge takes that merge's, and refuses another)
    #[arg(long = "method", value_name = "METHOD", value_enum)]
    pub name: Option<MethodName>,
    /// With --method trimmed: how many highest and lowest marks to drop [default: `merge.trim`,
    /// else 1]
    #[arg(long)]
    pub trim: Option<usize>,
    /// With --method trimmed: trim each judge's total, or each criterion's marks on their own
    /// before weighting [default: `merge.trim_by`, else total]
    #[arg(long, value_enum, value_name = "WHAT")]
    pub trim_by: Option<TrimBy>,
}

impl MethodArgs {
    /// The method these flags name, the event's where they name none. `--trim` or `--trim-by`
    /// with another method is refused: they had been taken without a word and did nothing.
    pub fn method(&self, event: &crate::config::MergeConfig) -> Result<crate::merge::Method, UsageError> {
        let name = self.name.unwrap_or(event.method);
        if name != MethodName::Trimmed && (self.trim.is_some() || self.trim_by.is_some()) {
            let flag = if self.trim.is_some() { "--trim" } else { "--trim-by" };
            let from = if self.name.is_some() { "--method" } else { "judging.toml's merge.method" };
            let method = crate::merge::Method::named(name, 1, TrimBy::Total).name();
            return Err(UsageError(format!(
                "{flag} acts only with the trimmed method, and this merge is {method} ({from}): add --method trimmed, or leave {flag} out"
            )));
        }
        Ok(crate::merge::Method::named(name, self.trim.unwrap_or(event.trim), self.trim_by.unwrap_or(event.trim_by)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MergeFormat {
    Table,
    /// Markdown, ready to paste
    #[value(alias = "markdown")]
    Md,
    /// CSV for a spreadsheet, safe from formula injection
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultsFormat {
    Table,
    /// Markdown: the jury's, or with --public the announcement, ready to post
    #[value(alias = "markdown")]
    Md,
    /// CSV for the finance team, safe from formula injection
    Csv,
    Json,
    /// One printable page, no external assets (A4 or Letter)
    Html,
    /// One CSV row per team for the finance team: every award, the team's total, and the pool's
    Payouts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Create the [sync] repo (private) if it does not exist, and upload judging.toml and
    /// assignments.toml
    Init,
}
