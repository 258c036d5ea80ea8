//! Score files through a dataset repo on the Hub: `push` (a judge's file, committed as
//! `scores/JUDGE.json`), `collect` (every judge's file, downloaded and checked) and `status`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};

use super::Session;
use crate::hub::client::{CONCURRENCY, Hub, each_bounded};
use crate::hub::repo::Repo;
use crate::sanitize::clean_line;

/// Where the store remembers the last push.
const PUSHED_AT: &str = "pushed_at";
/// The folder of the repo the score files go in.
const SCORES: &str = "scores";

/// The repo judging.toml names, or what to do.
fn repo_id(session: &Session) -> Result<String> {
    match session.loaded.config.sync.repo() {
        Some(r) => Ok(r.to_owned()),
        None => bail!(
            "{} has no [sync] repo: add `[sync]` with `repo = \"ORG/NAME\"` (a dataset repo of the judges' own org), or send score files by hand",
            session.loaded.describe()
        ),
    }
}

fn hub(session: &Session) -> Result<Hub> {
    Ok(Hub::from_env(Duration::from_secs(session.loaded.config.export.timeout_secs))?)
}

/// When this judge last pushed, as the store remembers it.
pub fn last_pushed(store: &crate::store::Store) -> Option<String> {
    store.meta(PUSHED_AT).ok().flatten()
}

/// Writes the score file locally, then commits it to the repo. A refusal or no network leaves
/// the local file, and says that the next push sends it.
pub(super) fn push(session: Session, pull_request: bool) -> Result<ExitCode> {
    repo_id(&session)?;
    let said = push_with(&session.loaded, &session.store, &session.judge, pull_request, &|line| println!("{line}"));
    match said {
        Ok(done) => {
            println!("{done}");
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => {
            eprintln!("error: {why}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The push itself, for the command and for the app (`P`, from a thread with its own store):
/// what was done, or why not, in one line each.
pub fn push_with(
    loaded: &crate::event_files::Loaded,
    store: &crate::store::Store,
    judge: &str,
    pull_request: bool,
    say: &dyn Fn(&str),
) -> Result<String, String> {
    let Some(repo_id) = loaded.config.sync.repo() else {
        return Err("judging.toml has no [sync] repo to push to".into());
    };
    let (local, text) = super::export::write_for(loaded, store, judge, None, say, say).map_err(|e| e.to_string())?;
    let path = format!("{SCORES}/{}.json", crate::paths::file_stem(judge));
    let summary = format!("Scores of {judge}");
    let timeout = Duration::from_secs(loaded.config.export.timeout_secs);
    let sent = Hub::from_env(timeout)
        .and_then(|hub| Repo::new(&hub, repo_id).commit(&path, text.as_bytes(), &summary, pull_request));
    match sent {
        Ok(done) => {
            let now = store.now().map_err(|e| e.to_string())?;
            store.set_meta(PUSHED_AT, &now).map_err(|e| e.to_string())?;
            Ok(match &done.pull_request {
                Some(pr) => format!("Opened a pull request with {path} on {repo_id}: {}", clean_line(pr)),
                None => format!(
                    "Pushed {path} to {repo_id} (commit {})",
                    clean_line(&done.commit.chars().take(7).collect::<String>())
                ),
            })
        }
        Err(e) => Err(format!(
            "not sent: {}. Your score file is written at {}; `judging push` sends it when the Hub can take it",
            clean_line(&e.to_string()),
            local.display()
        )),
    }
}

/// A file name the head judge can write: the repo's file name, when it is a plain `NAME.json`.
fn safe_name(path: &str) -> Option<String> {
    let name = path.strip_prefix(&format!("{SCORES}/"))?;
    // Written exactly as `push` writes it: `.json`, lower case.
    #[allow(clippy::case_sensitive_file_extension_comparisons)]
    let plain = name.ends_with(".json")
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    plain.then(|| name.to_owned())
}

/// Downloads every judge's file into `dir` (several at once), checks each as `merge` does, and
/// says who has not pushed. Returns the files that passed, and how many the repo has.
pub(super) fn collect(session: &Session, dir: &Path) -> Result<(Vec<PathBuf>, usize)> {
    let repo_id = repo_id(session)?;
    let hub = hub(session)?;
    let repo = Repo::new(&hub, &repo_id);
    let listed = repo.tree(SCORES)?;
    let wanted: Vec<(String, String)> = listed
        .iter()
        .filter_map(|f| {
            let name = safe_name(&f.path);
            if name.is_none() {
                eprintln!("warning: {}: not a judge's score file name; left alone", clean_line(&f.path));
            }
            name.map(|n| (f.path.clone(), n))
        })
        .collect();
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot make {}: {e}", dir.display()))?;
    let downloaded = each_bounded(&wanted, CONCURRENCY, |(path, _)| repo.download(path));
    let mut written = Vec::new();
    for ((path, name), bytes) in wanted.iter().zip(downloaded) {
        match bytes {
            Ok(bytes) => {
                let file = dir.join(name);
                crate::disk::write_durably(&file, &bytes)?;
                written.push(file);
            }
            Err(e) => eprintln!("error: {}: {}", clean_line(path), clean_line(&e.to_string())),
        }
    }
    // Each file checked alone, as the merge would: one bad file is named, the rest still come.
    let submissions = super::merge::merge_field(session)?;
    let field = crate::rankings::Field::new(&submissions);
    let config = &session.loaded.config;
    let mut good = Vec::new();
    let mut judges = Vec::new();
    for file in written {
        match crate::scorefile::read_all(std::slice::from_ref(&file), config, &field) {
            Ok(marks) => {
                judges.extend(marks.into_iter().map(|m| m.judge));
                good.push(file);
            }
            Err(problems) => problems.iter().for_each(|p| eprintln!("error: {p}")),
        }
    }
    println!("Collected {} of {} score file(s) from {repo_id} into {}", good.len(), listed.len(), dir.display());
    let missing: Vec<String> = config
        .judges
        .iter()
        .filter(|j| !judges.iter().any(|n| crate::model::same_name(n, &j.name)))
        .map(|j| clean_line(&j.name))
        .collect();
    if !missing.is_empty() {
        println!("Not pushed yet: {}", missing.join(", "));
    }
    Ok((good, listed.len()))
}

pub(super) fn collect_command(session: &Session, dir: &Path) -> Result<ExitCode> {
    let (good, listed) = collect(session, dir)?;
    Ok(if good.len() == listed { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `--from-hub`: collects into `collected/`, and gives the files to merge; a refused file stops
/// the merge, as it does for files given by hand.
pub(super) fn files_from_hub(session: &Session) -> Result<Vec<PathBuf>> {
    let (good, listed) = collect(session, Path::new("collected"))?;
    if good.len() != listed {
        bail!("{} of {listed} file(s) in the repo refused; nothing was merged", listed - good.len());
    }
    if good.is_empty() {
        bail!("the repo has no score files yet: judges send theirs with `judging push`");
    }
    Ok(good)
}
