//! The score files a command was given, checked before anything is read, merged or printed: the
//! one place `merge`, `results`, `feedback` and `status` take their file arguments from. A path
//! given twice is read once and said once; a folder is refused with the glob that gives its
//! files; a saved merge where the command cannot use it is refused with what the command needs
//! and where a saved merge goes.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::sanitize::visible;

/// The command the files were given to, for what it says of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Taker<'a> {
    Merge,
    /// `results`, which also reads one merge saved with `judging merge --format json`, alone.
    Results,
    /// `feedback`, with the folder it writes the pages into.
    Feedback(&'a Path),
    Status,
}

impl Taker<'_> {
    fn name(self) -> &'static str {
        match self {
            Taker::Merge => "merge",
            Taker::Results => "results",
            Taker::Feedback(_) => "feedback",
            Taker::Status => "status",
        }
    }
}

/// What a command writes besides standard output: checked in [`super::score_files`], the one
/// way `merge`, `results` and `feedback` take their files, before any is read or collected. A bad
/// `-o` had been found only after `--from-hub` had asked the repo for every judge's file.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Writes<'a> {
    /// Standard output, or the file `-o` names.
    File(Option<&'a Path>),
    /// A folder of files (`feedback -o DIR`), and what goes in it.
    Folder(&'a Path, &'static str),
}

impl<'a> Writes<'a> {
    /// The teams' pages `feedback` writes into `dir`.
    pub(crate) fn pages(dir: &'a Path) -> Self {
        Writes::Folder(dir, super::feedback::PAGES)
    }

    /// Whether it could be written: never over a file the command reads or keeps ([`apart`]),
    /// and as [`crate::disk::check_output`] and [`crate::disk::check_output_folder`] say.
    pub(crate) fn check(self, kept: &[Kept]) -> Result<()> {
        match self {
            Writes::File(None) => {}
            Writes::File(Some(path)) => {
                apart(path, kept)?;
                crate::disk::check_output(path)?;
            }
            // A folder is no file read: a file given as one is refused by the check.
            Writes::Folder(dir, what) => crate::disk::check_output_folder(dir, what)?,
        }
        Ok(())
    }
}

/// A file a command reads or keeps, which what it writes must never replace: where it is, and
/// what a message calls it ("mira's store", "a score file given to this merge").
#[derive(Debug, Clone)]
pub(crate) struct Kept {
    path: PathBuf,
    what: String,
}

impl Kept {
    pub(crate) fn new(path: impl Into<PathBuf>, what: impl Into<String>) -> Kept {
        Kept { path: path.into(), what: what.into() }
    }

    /// Whether it is the file at `path`, by any name.
    pub(crate) fn is(&self, path: &Path) -> bool {
        crate::disk::same_file(&self.path, path)
    }
}

/// The files every command works with, whatever else it reads: `judge`'s store at `store` (with
/// the files SQLite keeps beside it), and the event's files: its judging.toml, its export, the
/// assignments, the head judge's decisions, the published finals and each prize's file of
/// values. What a command writes is checked against them all ([`apart`]), so that no `-o` can
/// replace one: a judge's store had been replaced whole by `export -o` naming it.
pub(crate) fn kept(loaded: &crate::event_files::Loaded, store: &Path, judge: &str) -> Vec<Kept> {
    let whose = format!("{}'s store", crate::sanitize::clean_line(judge));
    let mut kept = vec![Kept::new(store, whose.clone())];
    // Beside the store as given and at its real path (where the app's lock is): a link to it
    // may be what the command was given.
    let real = std::fs::canonicalize(store).unwrap_or_else(|_| store.to_path_buf());
    for at in [store, real.as_path()] {
        let beside = |suffix: &str| {
            let mut name = at.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        kept.extend([
            Kept::new(beside("-wal"), format!("the write-ahead log of {whose}")),
            Kept::new(beside("-shm"), format!("the shared memory of {whose}")),
            Kept::new(beside("-journal"), format!("the journal of {whose}")),
            Kept::new(beside(".lock"), format!("the app's lock on {whose}")),
        ]);
    }
    // The built-in event reads no file of its own.
    let Some(settings) = &loaded.path else { return kept };
    let config = &loaded.config;
    kept.push(Kept::new(settings, "the event's settings in use (judging.toml)"));
    if crate::config::is_file_source(&config.export.source) {
        kept.push(Kept::new(loaded.base_dir().join(&config.export.source), "the event's export (export.source)"));
    }
    kept.push(Kept::new(loaded.assignments_path(), "the event's assignments (assign.file)"));
    if let Some(decisions) = loaded.decisions_path() {
        kept.push(Kept::new(decisions, "the head judge's decisions on ties (results.decisions)"));
    }
    if let Some(finals) = loaded.finals_path() {
        kept.push(Kept::new(finals, "the published finals (finals.file)"));
    }
    for prize in config.prizes.iter().filter(|p| p.by == crate::config::PrizeBy::File) {
        let file = loaded.prize_file(prize.file.as_deref().unwrap_or_default());
        kept.push(Kept::new(file, format!("the values of prize {}", crate::sanitize::in_quotes(&prize.id))));
    }
    kept
}

/// Refuses, before anything is read or written, an `output` that is one of the files in `kept`,
/// by whatever name (links followed, as [`crate::disk::same_file`] tells): writing it would
/// replace what the command reads, or a judge's whole store.
pub(crate) fn apart(output: &Path, kept: &[Kept]) -> Result<()> {
    let written = crate::disk::FileId::of(output);
    let Some(found) = kept.iter().find(|k| crate::disk::FileId::of(&k.path) == written) else { return Ok(()) };
    let given = visible(&output.display().to_string());
    let its = visible(&found.path.display().to_string());
    let named = if given == its { String::new() } else { format!(" (the same file as {its})") };
    bail!(
        "-o {given}{named} is {}: writing there would replace it; choose another file for -o. Nothing was written",
        found.what
    )
}

/// The files given on the command line, for [`apart`]: "a score file given to this merge".
pub(crate) fn given_kept(files: &[PathBuf], taker: Taker) -> impl Iterator<Item = Kept> {
    let what = match taker {
        Taker::Results => "a file given to these results".to_owned(),
        taker => format!("a score file given to this {}", taker.name()),
    };
    files.iter().map(move |f| Kept::new(f, what.clone()))
}

/// `files` as the command reads them: each once, in the order first given. Refuses, before
/// anything is read, a folder (with the glob of its files to give instead) and a saved merge the
/// command cannot use.
pub(crate) fn score_files(files: &[PathBuf], taker: Taker) -> Result<Vec<PathBuf>> {
    let files = once_each(files);
    for file in &files {
        if file.is_dir() {
            bail!(
                "{} is a folder, and `judging {}` reads score files: give the files in it instead, {}",
                visible(&file.display().to_string()),
                taker.name(),
                crate::paste::glob_in(file, "*.json")
            );
        }
    }
    Ok(files)
}

/// What a command says of a saved merge it cannot use: what it needs instead, and which command
/// reads a saved merge.
pub(crate) fn saved_merge_refused(file: &Path, taker: Taker) -> String {
    let name = visible(&file.display().to_string());
    let saved = format!("{name}: a saved merge (`judging merge --format json` writes one), not a judge's score file");
    let results = crate::paste::CommandLine::new(&["results"]).path_arg(file);
    match taker {
        Taker::Feedback(_) => format!(
            "{saved}: feedback writes each team's page from the judges' marks and notes for the team, which only their score files hold: give the judges' score files (e.g. `judging feedback scores-*.json -o DIR`); to read the saved merge's places and prizes, `{results}`"
        ),
        Taker::Results => format!(
            "{saved}: results reads a saved merge on its own or the judges' score files, not both at once: give `{results}` alone, or only the judges' score files"
        ),
        Taker::Merge | Taker::Status => format!(
            "{saved}: `judging {}` reads the judges' score files (e.g. scores-*.json); a saved merge is read by `{results}`",
            taker.name()
        ),
    }
}

/// Each file once, in the order first given; a file given more than once (as typed, or by two
/// paths to the same file) is said once, with how many times.
fn once_each(files: &[PathBuf]) -> Vec<PathBuf> {
    // The same file by two paths (`m.json`, `./m.json`, a link to it) is one file to the
    // system, asked once a file. Each file's place in `kept` by what it is: a shell's glob of a
    // thousand files is looked up once each, not against every file before it.
    let mut at: std::collections::HashMap<crate::disk::FileId, usize> =
        std::collections::HashMap::with_capacity(files.len());
    // Each file as first given, how often, and its other names.
    let mut kept: Vec<(PathBuf, usize, Vec<&PathBuf>)> = Vec::with_capacity(files.len());
    for file in files {
        let key = crate::disk::FileId::of(file);
        if let Some(&i) = at.get(&key) {
            let (first, times, others) = &mut kept[i];
            *times += 1;
            if first != file && !others.contains(&file) {
                others.push(file);
            }
        } else {
            at.insert(key, kept.len());
            kept.push((file.clone(), 1, Vec::new()));
        }
    }
    let shown = |f: &PathBuf| visible(&f.display().to_string());
    for (file, times, others) in kept.iter().filter(|(_, times, _)| *times > 1) {
        let times = if *times == 2 { "twice".to_owned() } else { format!("{times} times") };
        // A link or another spelling is named, so the name the judge typed is recognised.
        let also = if others.is_empty() {
            String::new()
        } else {
            format!(" (also as {})", others.iter().map(|f| shown(f)).collect::<Vec<_>>().join(", "))
        };
        super::stderr::warn(&format!("{} was given {times}{also}: read once", shown(file)));
    }
    kept.into_iter().map(|(file, _, _)| file).collect()
}

/// Whether `path` is a regular file that opens as a saved merge does: its format, named in its
/// first line or two. Anything else (a score file, a file that cannot be read) is left to the
/// reader that says what is wrong with it.
pub(crate) fn looks_saved(path: &Path) -> bool {
    use std::io::Read;
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let mut head = Vec::with_capacity(256);
    let read = regular && std::fs::File::open(path).and_then(|f| f.take(256).read_to_end(&mut head)).is_ok();
    read && String::from_utf8_lossy(&head).contains(&format!("\"{}\"", crate::rankings::RANKINGS_FORMAT))
}
