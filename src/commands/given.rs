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

    /// Whether it could be written, as [`crate::disk::check_output`] and
    /// [`crate::disk::check_output_folder`] say.
    pub(crate) fn check(self) -> Result<(), crate::disk::DiskError> {
        match self {
            Writes::File(None) => Ok(()),
            Writes::File(Some(path)) => crate::disk::check_output(path),
            Writes::Folder(dir, what) => crate::disk::check_output_folder(dir, what),
        }
    }
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
    // The same file by two paths (`m.json`, `./m.json`): its real path, where it has one.
    let real = |f: &PathBuf| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
    // Each file's place in `kept` by its real path: a shell's glob of a thousand files is looked
    // up once each, not against every file before it.
    let mut at: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::with_capacity(files.len());
    let mut kept: Vec<(PathBuf, PathBuf, usize)> = Vec::with_capacity(files.len());
    for file in files {
        let key = real(file);
        if let Some(&i) = at.get(&key) {
            kept[i].2 += 1;
        } else {
            at.insert(key.clone(), kept.len());
            kept.push((key, file.clone(), 1));
        }
    }
    for (_, file, times) in kept.iter().filter(|(_, _, times)| *times > 1) {
        let times = if *times == 2 { "twice".to_owned() } else { format!("{times} times") };
        super::stderr::warn(&format!("{} was given {times}: read once", visible(&file.display().to_string())));
    }
    kept.into_iter().map(|(_, file, _)| file).collect()
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
