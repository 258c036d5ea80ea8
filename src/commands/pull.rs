//! `judging pull`: read the export and bring the store up to date, all or nothing.

use std::sync::mpsc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use std::process::ExitCode;

use super::Session;

use crate::event_files::Loaded;
use crate::export::source::{self, Source};
use crate::export::{self, ExportError, Parsed};
use crate::format::hex;
use crate::model::Submission;
use crate::sanitize::clean_line;
use crate::store::{PullCounts, PullLog, Store, StoreError, Withdrawals};

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("reading the export stopped unexpectedly; nothing was imported")]
    ReaderFailed,
    /// With the command that reads the copy cached instead, as the user would run it.
    #[error("{}", hub_said(error, offline))]
    Hub { error: crate::hub::client::HubError, offline: String },
    #[error(transparent)]
    Event(#[from] crate::event_files::FileError),
}

/// A failure of the Hub as a pull or a check says it: one that could not reach it with the way
/// to the copy the last pull cached, `offline`, the command the user ran with `--offline` (the
/// Hub's own words are every command's). A check had been told to run `judging pull --offline`.
fn hub_said(e: &crate::hub::client::HubError, offline: &str) -> String {
    match e {
        crate::hub::client::HubError::Fetch { .. } => {
            format!("{e}. What was pulled before is kept; {offline} reads the copy cached at the last pull")
        }
        other => other.to_string(),
    }
}

/// Who reads the export, for the words of a remedy and for its progress: `pull` and `check` both
/// read it, and each is told to run itself again (`judging check --offline`), with the options
/// it was given, and to pull with the `--from` it was given.
pub struct Reader<'a> {
    /// The command as run, without `--from` and `--offline`: `judging check --db X`.
    pub command: crate::paste::CommandLine,
    /// `judging pull` with this run's `--config`, `--db` and `--judge`.
    pub pull: crate::paste::CommandLine,
    /// Where a long read (a Hub org's pages and READMEs) counts what it has done.
    pub progress: &'a crate::progress::Progress,
}

impl Reader<'_> {
    /// `line` with the `--from` the user gave, in backquotes, as a message shows it: a URL
    /// without its query and credentials ([`Source::name`]), which may hold a secret, and then
    /// said to be given whole.
    fn with_from(line: &crate::paste::CommandLine, from: Option<&str>, source: &Source) -> String {
        if from.is_none() {
            return format!("`{line}`");
        }
        let shown = source.name();
        let whole = match source {
            Source::Url(url) => url.as_str() == shown,
            _ => true,
        };
        let line = line.clone().opt("--from", &shown).to_string();
        if whole { format!("`{line}`") } else { format!("`{line}` (with the address's query, as you gave it)") }
    }
}

impl From<source::SourceError> for PullError {
    fn from(e: source::SourceError) -> Self {
        PullError::Export(ExportError::Source(e))
    }
}

/// The export's bytes, and where they came from.
pub struct Fetched {
    pub source: Source,
    pub bytes: Vec<u8>,
    /// Set when the bytes came from the store's cache: when they were fetched.
    pub cached_at: Option<String>,
    /// For a Hub source: the Spaces listed, for enriching them after the pull.
    pub hub: Option<crate::hub::org::Listing>,
}

/// The configuration to read fetched bytes with: a Hub listing is JSON in the default column
/// names, whatever judging.toml maps for its own export files.
fn reading_config<'a>(loaded: &'a Loaded, source: &Source) -> std::borrow::Cow<'a, crate::config::Config> {
    match source {
        Source::Hub(_) => {
            let mut config = loaded.config.clone();
            config.export.format = crate::config::Format::Json;
            config.export.columns = crate::config::Columns::default();
            std::borrow::Cow::Owned(config)
        }
        _ => std::borrow::Cow::Borrowed(&loaded.config),
    }
}

/// Reads the export's bytes: a file, the built-in sample, the network, or with `offline` the
/// store's cached copy of a URL.
pub fn fetch(
    loaded: &Loaded,
    from: Option<&str>,
    offline: bool,
    store: Option<&Store>,
    reader: &Reader,
) -> Result<Fetched, PullError> {
    let raw = from.unwrap_or(&loaded.config.export.source);
    // A file given with --from is said as typed (`../big.csv`, not `./../big.csv`).
    let base = if from.is_some() { std::path::PathBuf::new() } else { loaded.base_dir() };
    let source = Source::resolve(raw, &base)?;
    // The export judging.toml names is beside it, links and all; one given with --from is the
    // user's own.
    if let (None, Source::File(path)) = (from, &source) {
        loaded.inside(path)?;
    }
    // What reads the copy cached at the last pull: this command again, offline.
    let again_offline = Reader::with_from(&reader.command.clone().flag("--offline"), from, &source);
    let hub_failed = |error| PullError::Hub { error, offline: again_offline.clone() };
    let (bytes, cached_at) = match &source {
        Source::Builtin(name) => {
            if let Some(text) = crate::config::builtin_export(name) {
                (text.as_bytes().to_vec(), None)
            } else {
                let known = crate::config::BUILTIN_EXPORTS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
                let why = std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("no such built-in export; there are {known}"),
                );
                return Err(source::SourceError::Read { path: name.into(), source: why }.into());
            }
        }
        Source::File(path) => {
            let config = reading_config(loaded, &source);
            (source::read_file(path, config.export.max_mb.saturating_mul(source::MIB), &config)?, None)
        }
        Source::Url(_) | Source::Hub(_) if offline => {
            let key = source.cache_key().unwrap_or_default();
            if let Some((body, at)) = store.map(|s| s.cached_export(&key)).transpose()?.flatten() {
                (body, Some(at))
            } else {
                let pull = Reader::with_from(&reader.pull, from, &source);
                return Err(source::SourceError::NotCached { url: source.name(), pull }.into());
            }
        }
        Source::Url(url) => (source::fetch(url, &reading_config(loaded, &source), &again_offline)?, None),
        Source::Hub(org) => {
            let hub = crate::hub::client::Hub::from_env(Duration::from_secs(loaded.config.export.timeout_secs))
                .map_err(hub_failed)?;
            let cache = store.map(|s| s as &dyn crate::model::HubCache);
            let listing =
                crate::hub::org::list_org(&hub, org, &loaded.config, cache, reader.progress).map_err(hub_failed)?;
            let bytes = listing.json.clone();
            return Ok(Fetched { source, bytes, cached_at: None, hub: Some(listing) });
        }
    };
    Ok(Fetched { source, bytes, cached_at, hub: None })
}

/// Parses fetched bytes with the configuration's mapping, every problem of them found: rows with
/// that cannot be read as the header's columns are among the problems ([`export::parse_every_problem`]), where a
/// pull refuses the file for them.
pub fn parse(loaded: &Loaded, fetched: &Fetched) -> Result<Parsed, PullError> {
    let name = fetched.source.name();
    let text = export::as_text(&fetched.bytes, &name)?;
    Ok(export::parse_every_problem(text, &name, &reading_config(loaded, &fetched.source))?)
}

pub struct Outcome {
    pub fetched: Fetched,
    /// The export's problems and ids; its submissions went straight to the store.
    pub parsed: Parsed,
    pub counts: PullCounts,
}

/// Rows travel from the reader to the store in batches this size.
const BATCH: usize = 256;

/// The whole pull: fetch, parse, apply. One thread reads and checks the export while this one
/// writes it to the store, so a large pull takes about as long as the slower of the two. A
/// URL's body is cached in the same transaction, so a failed pull leaves both the submissions
/// and the cache as they were. A pull that would withdraw most of the entries in play is
/// refused ([`Withdrawals`]); [`pull_with`] can force it.
pub fn pull(loaded: &Loaded, store: &mut Store, from: Option<&str>, offline: bool) -> Result<Outcome, PullError> {
    let progress = crate::progress::Progress::hidden();
    let (command, pull) = (crate::paste::CommandLine::new(&["pull"]), crate::paste::CommandLine::new(&["pull"]));
    pull_with(loaded, store, from, offline, Withdrawals::Guarded, &Reader { command, pull, progress: &progress })
}

/// As [`pull`], with `judging pull --force`'s choice of whether many withdrawals are refused.
pub fn pull_with(
    loaded: &Loaded,
    store: &mut Store,
    from: Option<&str>,
    offline: bool,
    withdrawals: Withdrawals,
    reader: &Reader,
) -> Result<Outcome, PullError> {
    let fetched = fetch(loaded, from, offline, Some(store), reader)?;
    let name = fetched.source.name();
    let text = export::as_text(&fetched.bytes, &name)?;
    let config = reading_config(loaded, &fetched.source);
    let (parsed, counts) = std::thread::scope(|scope| -> Result<_, PullError> {
        // The pull log's digest of the export, worked out while the rows are read and written.
        let digest = scope.spawn(|| hex(&Sha256::digest(&fetched.bytes)));
        let (sender, batches) = mpsc::sync_channel::<Vec<Submission>>(4);
        let reader = scope.spawn(|| {
            let sender = sender;
            let mut batch = Vec::with_capacity(BATCH);
            let parsed = export::parse_each(text, &name, &config, &mut |s| {
                batch.push(s);
                if batch.len() == BATCH {
                    // A closed channel means the writer failed; it reports why.
                    let _ = sender.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            });
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
            parsed
        });
        let mut pull = store.begin_pull()?;
        for batch in &batches {
            for submission in &batch {
                pull.put(submission)?;
            }
        }
        let parsed = reader.join().map_err(|_| PullError::ReaderFailed)??;
        let digest = digest.join().map_err(|_| PullError::ReaderFailed)?;
        let key = fetched.source.cache_key();
        let cache = match (&key, &fetched.cached_at) {
            (Some(key), None) => Some((key.as_str(), name.as_str(), fetched.bytes.as_slice())),
            _ => None,
        };
        let log = PullLog { source: &name, digest: &digest, rejected: parsed.rejected(), cache };
        let counts = pull.finish(&parsed.ids_seen, &log, withdrawals)?;
        Ok((parsed, counts))
    })?;
    Ok(Outcome { fetched, parsed, counts })
}

/// `judging pull`: the export into the store, then what changed.
pub(super) fn run(mut session: Session, args: &crate::cli::PullArgs) -> anyhow::Result<ExitCode> {
    let spinner = crate::progress::Progress::spinner("Reading the export");
    let withdrawals = Withdrawals::forced_if(args.force);
    let reader = Reader { command: session.pull.clone(), pull: session.pull.clone(), progress: &spinner };
    let outcome =
        pull_with(&session.loaded, &mut session.store, args.from.as_deref(), args.offline, withdrawals, &reader);
    spinner.done();
    let mut outcome = outcome?;
    report_pull(&session, &outcome);
    if let Some(listing) = outcome.fetched.hub.take() {
        super::hub::after_pull(&mut session, listing)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn report_pull(session: &Session, outcome: &Outcome) {
    let c = outcome.counts;
    let name = outcome.fetched.source.name();
    match &outcome.fetched.cached_at {
        Some(at) => println!(
            "Pulled the copy of {name} cached at {at} ({}) into {}",
            crate::format::age(at, crate::store::now_unix()),
            crate::paths::shown(session.store.path())
        ),
        None => println!("Pulled {name} into {}", crate::paths::shown(session.store.path())),
    }
    println!(
        "  {}: {} new, {} changed, {} unchanged, {} withdrawn, {} back",
        crate::format::count(c.incoming(), "submission", "submissions"),
        c.added,
        c.updated,
        c.unchanged,
        c.withdrawn,
        c.returned
    );
    if outcome.parsed.drafts_skipped > 0 {
        println!(
            "  {} skipped",
            crate::format::count(outcome.parsed.drafts_skipped, "Devpost draft", "Devpost drafts")
        );
    }
    // Wrapped between words on a terminal, as every warning is; one line each when piped.
    for note in &outcome.parsed.notes {
        super::stderr::report(&format!("  note: {}", clean_line(note)));
    }
    let parsed = &outcome.parsed;
    if !parsed.problems.is_empty() {
        super::stderr::report(&format!(
            "  {} rejected, {}:",
            crate::format::count(parsed.rejected(), "row", "rows"),
            crate::format::count(parsed.warnings(), "warning", "warnings")
        ));
        for line in crate::export::condensed(&parsed.problems) {
            super::stderr::report(&format!("  {line}"));
        }
    }
}
