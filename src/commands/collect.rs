//! `judging collect` (and `--from-hub`): every judge's score file from the judges' repo, main's
//! and open pull requests', downloaded several at once, each checked alone as the merge checks
//! it, and the judges who have not pushed named.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::Session;
use crate::format::Problem;
use crate::hub::client::HubError;
use crate::hub::repo::{Repo, TreeFile};
// A file's name or a judge's, from the repo, shown with what hides in it: cleaned, a
// "mira\u{200b}.json" refused would read as mira's own file.
use crate::sanitize::{clean_line, visible};

/// The folder of the repo the score files go in.
pub(super) const SCORES: &str = "scores";

/// The repo judging.toml names, or what to do.
pub(super) fn repo_id(session: &Session) -> Result<String> {
    match session.loaded.config.sync.repo() {
        Some(r) => Ok(r.to_owned()),
        None => bail!(
            "{} has no [sync] repo: add `[sync]` with `repo = \"ORG/NAME\"` (a dataset repo of the judges' own org), or send score files by hand",
            session.loaded.describe()
        ),
    }
}

/// A file name the head judge can write: the repo's file name, when it is one `push` writes
/// (`scores/` and a judge's stem by the one rule of `file_names`, then `.json`).
fn safe_name(path: &str) -> Option<String> {
    let name = path.strip_prefix(&format!("{SCORES}/"))?;
    let stem = name.strip_suffix(".json")?;
    crate::file_names::is_stem(stem).then(|| name.to_owned())
}

/// The repo's files whose names `push` could have written, as (path, local name); the others are
/// named and left alone.
fn named(files: Vec<TreeFile>) -> Vec<(String, String)> {
    let mut left_alone = Vec::new();
    let named = files
        .into_iter()
        .filter_map(|f| {
            let name = safe_name(&f.path);
            if name.is_none() {
                let at = visible(&f.path);
                let said = format!("{at}: not a judge's score file name; left alone");
                left_alone.push(Problem { at, kind: "not a judge's score file name".into(), said });
            }
            name.map(|n| (f.path, n))
        })
        .collect();
    say_condensed("warning", &left_alone);
    named
}

/// Problems about the repo's files, each kind's first few whole and the rest counted: a repo of
/// forty files refused alike is four lines.
fn say_condensed(kind: &str, problems: &[Problem]) {
    for line in crate::format::condensed(problems, crate::format::Of { one: "file", many: "files", on: ("", "") }) {
        super::stderr::say(kind, &line);
    }
}

/// `dir` said as a folder: "./collected/", not "collected", which read as a state rather than
/// the folder `status` and `merge --from-hub` make here.
fn as_folder(dir: &Path) -> PathBuf {
    let here = if dir.is_relative() && !dir.starts_with(".") && !dir.starts_with("..") {
        Path::new(".").join(dir)
    } else {
        dir.to_path_buf()
    };
    here.join("")
}

/// A file downloaded into the folder: where it came from, the judge's stem its name says, and
/// where it is now.
struct Fetched {
    path: String,
    stem: String,
    file: PathBuf,
}

/// A file of the repo, under a judge's name, that did not pass: its judge's stem (as its name
/// says), and why, in a few words. Its judge has pushed: "Not pushed yet" had named a judge whose
/// file the error above had just refused.
#[derive(Debug, Clone)]
pub(super) struct Refused {
    pub(super) stem: String,
    /// Downloaded and refused, or not downloaded at all.
    pub(super) downloaded: bool,
    pub(super) why: String,
}

impl Refused {
    /// What became of the file: "refused (why)", or "not downloaded (why)".
    fn how(&self) -> String {
        format!("{} ({})", if self.downloaded { "refused" } else { "not downloaded" }, self.why)
    }
}

/// What `collect` found: the files that passed, how many the repo offered (refused names
/// included), and the files under a judge's name that did not pass.
pub(super) struct Collected {
    pub(super) good: Vec<PathBuf>,
    pub(super) offered: usize,
    pub(super) refused: Vec<Refused>,
}

/// The judges judging.toml lists who have no file that passed (`has_file` says who has) but one
/// or more under their name in `refused`: each judge's name and what became of their files, as
/// `how` says one (`Refused::how` in `collect`, its `why` in `status`).
pub(super) fn only_refused(
    session: &Session,
    has_file: impl Fn(&str) -> bool,
    refused: &[Refused],
    how: impl Fn(&Refused) -> String,
) -> Vec<(String, String)> {
    let mut said = Vec::new();
    for judge in &session.loaded.config.judges {
        if has_file(&judge.name) {
            continue;
        }
        let stem = crate::file_names::judge_stem(&judge.name);
        let mut hows: Vec<String> = Vec::new();
        for r in refused.iter().filter(|r| r.stem == stem) {
            let h = how(r);
            if !hows.contains(&h) {
                hows.push(h);
            }
        }
        if !hows.is_empty() {
            said.push((clean_line(&judge.name), hows.join("; ")));
        }
    }
    said
}

/// Judges alike grouped: each `(name, how)` of `named` under its `how`, in the order first met,
/// as (names, how).
pub(super) fn grouped(named: &[(String, String)]) -> Vec<(String, String)> {
    let mut groups: Vec<(Vec<String>, String)> = Vec::new();
    for (name, how) in named {
        match groups.iter_mut().find(|(_, h)| h == how) {
            Some((group, _)) => group.push(name.clone()),
            None => groups.push((vec![name.clone()], how.clone())),
        }
    }
    groups.into_iter().map(|(names, how)| (names.join(", "), how)).collect()
}

/// The judge's stem a file's local name says (`mira.pr3.json`: mira).
fn stem_of(name: &str) -> String {
    name.split('.').next().unwrap_or_default().to_owned()
}

/// Downloads every file `scores/` offers on main and in open pull requests (where they differ
/// from main's) into `dir`. Returns what was written, how many files the repo offered, refused
/// names included, and the files that could not be downloaded.
fn fetch(repo: &Repo, dir: &Path) -> Result<(Vec<Fetched>, usize, Vec<Refused>)> {
    let listed = repo.tree("main", SCORES)?;
    let mut offered = listed.len();
    let on_main = named(listed);
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot make {}: {e}", dir.display()))?;
    let paths: Vec<String> = on_main.iter().map(|(p, _)| p.clone()).collect();
    let main_bytes = repo.download_all("main", &paths);
    let mut fetched: Vec<(String, String, Result<Vec<u8>, HubError>)> =
        on_main.into_iter().zip(main_bytes).map(|((p, n), b)| (p, n, b)).collect();
    // Judges who may only read push through pull requests: an open one's files count too, where
    // they differ from main's (the merge then counts a judge's newer file).
    let prs = repo.open_pull_requests().unwrap_or_else(|e| {
        super::stderr::warn(&format!("the repo's pull requests could not be listed: {}", clean_line(&e.to_string())));
        Vec::new()
    });
    for pr in prs {
        let revision = format!("refs/pr/{pr}");
        let files = named(repo.tree(&revision, SCORES)?);
        let paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
        for ((path, name), bytes) in files.into_iter().zip(repo.download_all(&revision, &paths)) {
            let same = fetched.iter().any(|(p, _, b)| *p == path && b.as_ref().ok() == bytes.as_ref().ok());
            if !same {
                offered += 1;
                let stem = name.trim_end_matches(".json");
                fetched.push((format!("{path} (pull request {pr})"), format!("{stem}.pr{pr}.json"), bytes));
            }
        }
    }
    let mut written = Vec::new();
    let mut failed = Vec::new();
    let mut not_downloaded = Vec::new();
    for (path, name, bytes) in fetched {
        match bytes {
            Ok(bytes) => {
                let file = dir.join(&name);
                crate::disk::write_durably(&file, &bytes)?;
                written.push(Fetched { path, stem: stem_of(&name), file });
            }
            // Forty files the Hub would not give for one reason are that reason once.
            Err(e) => {
                let kind = clean_line(&e.without_url());
                not_downloaded.push(Refused { stem: stem_of(&name), downloaded: false, why: kind.clone() });
                failed.push(Problem {
                    at: visible(&path),
                    kind,
                    said: format!("{}: {}", visible(&path), clean_line(&e.to_string())),
                });
            }
        }
    }
    say_condensed("error", &failed);
    Ok((written, offered, not_downloaded))
}

/// What [`check`] gives back.
type Checked = (Vec<PathBuf>, Vec<String>, crate::newest::Verdict, Vec<Refused>);

/// Each file checked alone, as the merge would: one bad file is named, the rest still come.
/// Then the good ones together against the newest of each judge's this store took in: a judge's
/// step back to an older file is refused too. Returns the files that passed, their judges, and
/// what the store takes in should every file the repo offered pass; and the files refused, each
/// by its judge's stem.
fn check(session: &Session, written: Vec<Fetched>) -> Result<Checked> {
    let submissions = super::merge::merge_field(session)?;
    let field = crate::rankings::Field::new(&submissions);
    let config = &session.loaded.config;
    let (mut good, mut refused) = (Vec::new(), Vec::new());
    let mut by_judge = Vec::new();
    let refusing = |stem: &str, why: &str| Refused { stem: stem.to_owned(), downloaded: true, why: why.to_owned() };
    // Every file refused, said once all are checked: many alike are a few lines.
    let mut said = Vec::new();
    for Fetched { path, stem, file } in written {
        match crate::scorefile::read_all(std::slice::from_ref(&file), config, &field.ids) {
            // A judge's file sits under their own name: one under another's (a judge replacing a
            // colleague's file with their own) is refused, whoever signed it.
            Ok(marks) if marks.iter().any(|m| crate::file_names::judge_stem(&m.judge) != stem) => {
                let judge = marks.first().map(|m| m.judge.clone()).unwrap_or_default();
                by_judge.push(refusing(&stem, "another judge's scores"));
                said.push(Problem {
                    at: visible(&path),
                    kind: "another judge's scores".into(),
                    said: format!(
                        "{}: holds the scores of {}, whose file is {SCORES}/{}.json: refused",
                        visible(&path),
                        crate::sanitize::quoted(&judge),
                        crate::file_names::judge_stem(&judge)
                    ),
                });
            }
            Ok(marks) => good.push((
                file,
                marks.iter().map(|m| crate::newest::FileRead::of(m, &session.loaded.config)).collect::<Vec<_>>(),
            )),
            Err(problems) => {
                by_judge.extend(problems.iter().map(|p| refusing(&stem, p.kind())));
                said.extend(problems.iter().map(crate::scorefile::ScoreFileError::problem));
                refused.extend(problems);
            }
        }
    }
    let read: Vec<crate::newest::FileRead> = good.iter().flat_map(|(_, read)| read.iter().cloned()).collect();
    let verdict = super::newest::check(session, &read)?;
    for step in &verdict.refused {
        by_judge.push(refusing(&crate::file_names::judge_stem(&step.file.judge), step.why()));
        said.push(Problem {
            at: step.file.file.clone(),
            kind: step.why().into(),
            // Read from the event's repo.
            said: step.refused(true),
        });
    }
    good.retain(|(_, read)| !read.iter().any(|r| verdict.refused.iter().any(|s| s.files.contains(&r.file))));
    say_condensed("error", &said);
    // Why the store may not know an entry a file scores, and the way out, once: as the merge says.
    let hint = super::merge::never_had(session, &refused);
    if let Some(hint) = hint.strip_prefix(".\n") {
        super::stderr::say("hint", hint);
    }
    let judges = good.iter().flat_map(|(_, read)| read.iter().map(|r| r.judge.clone())).collect();
    Ok((good.into_iter().map(|(file, _)| file).collect(), judges, verdict, by_judge))
}

/// Downloads every judge's file into `dir`, checks each as `merge` does, and says who pushed a
/// file that did not pass (and why, in a few words) and who has not pushed. `on_stdout`: the summary
/// goes to standard output (`judging collect`), else to standard error, so that
/// `merge --from-hub --format json` prints only its JSON.
pub(super) fn collect(session: &Session, dir: &Path, on_stdout: bool) -> Result<Collected> {
    // Wrapped between words on a terminal: forty judges not pushed yet run past any width.
    let width = super::terminal_width(true, None);
    let say = |line: String| {
        if on_stdout { super::print_report(&format!("{line}\n"), width) } else { super::stderr::report(&line) }
    };
    let repo_id = repo_id(session)?;
    crate::disk::check_output_folder(dir, "`judging collect` writes the judges' score files")?;
    let hub = session.hub()?;
    let spinner = crate::progress::Progress::spinner(&format!("Collecting the score files from {repo_id}"));
    let fetched = fetch(&Repo::new(&hub, &repo_id), dir);
    spinner.done();
    let (written, offered, mut refused) = fetched?;
    let (good, judges, verdict, by_judge) = check(session, written)?;
    refused.extend(by_judge);
    // Taken in only when the repo's every file passed, as a merge of them would.
    if good.len() == offered {
        super::newest::take_in(session, &verdict);
    }
    say(format!(
        "Collected {} of {} from {repo_id} into {}",
        good.len(),
        crate::format::count(offered, "score file", "score files"),
        as_folder(dir).display()
    ));
    let has_file = |name: &str| judges.iter().any(|n| crate::model::same_name(n, name));
    let pushed = only_refused(session, has_file, &refused, Refused::how);
    for (names, how) in grouped(&pushed) {
        say(format!("{names}: pushed, {how}"));
    }
    let missing: Vec<String> = session
        .loaded
        .config
        .judges
        .iter()
        .filter(|j| !has_file(&j.name) && !pushed.iter().any(|(n, _)| *n == clean_line(&j.name)))
        .map(|j| clean_line(&j.name))
        .collect();
    if !missing.is_empty() {
        say(format!("Not pushed yet: {}", missing.join(", ")));
    }
    Ok(Collected { good, offered, refused })
}
