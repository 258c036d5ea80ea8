//! Score files through a dataset repo on the Hub: `push` (a judge's file, committed as
//! `scores/JUDGE.json`), `collect` (every judge's file, downloaded and checked) and `status`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};

use super::Session;
use crate::hub::client::Hub;
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
/// `on_stdout`: the summary goes to standard output (`judging collect`), else to standard error,
/// so that `merge --from-hub --format json` prints only its JSON.
pub(super) fn collect(session: &Session, dir: &Path, on_stdout: bool) -> Result<(Vec<PathBuf>, usize)> {
    let say = |line: String| if on_stdout { println!("{line}") } else { eprintln!("{line}") };
    let repo_id = repo_id(session)?;
    let hub = hub(session)?;
    let repo = Repo::new(&hub, &repo_id);
    let named = |files: Vec<crate::hub::repo::TreeFile>| -> Vec<(String, String)> {
        files
            .into_iter()
            .filter_map(|f| {
                let name = safe_name(&f.path);
                if name.is_none() {
                    eprintln!("warning: {}: not a judge's score file name; left alone", clean_line(&f.path));
                }
                name.map(|n| (f.path, n))
            })
            .collect()
    };
    let listed = repo.tree("main", SCORES)?;
    // Every file the repo offers, unsafe names and pull requests' own included: what was refused
    // is this less what passed.
    let mut offered = listed.len();
    let on_main = named(listed);
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot make {}: {e}", dir.display()))?;
    let paths: Vec<String> = on_main.iter().map(|(p, _)| p.clone()).collect();
    let main_bytes = repo.download_all("main", &paths);
    let mut fetched: Vec<(String, String, Result<Vec<u8>, crate::hub::client::HubError>)> =
        on_main.into_iter().zip(main_bytes).map(|((p, n), b)| (p, n, b)).collect();
    // Judges who may only read push through pull requests: an open one's files count too, where
    // they differ from main's (the merge then counts a judge's newer file).
    let prs = repo.open_pull_requests().unwrap_or_else(|e| {
        eprintln!("warning: the repo's pull requests could not be listed: {}", clean_line(&e.to_string()));
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
    for (path, name, bytes) in fetched {
        match bytes {
            Ok(bytes) => {
                let file = dir.join(name);
                crate::disk::write_durably(&file, &bytes)?;
                written.push(file);
            }
            Err(e) => eprintln!("error: {}: {}", clean_line(&path), clean_line(&e.to_string())),
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
            Err(problems) => {
                for p in &problems {
                    eprintln!("error: {p}");
                }
            }
        }
    }
    say(format!("Collected {} of {} score file(s) from {repo_id} into {}", good.len(), offered, dir.display()));
    let missing: Vec<String> = config
        .judges
        .iter()
        .filter(|j| !judges.iter().any(|n| crate::model::same_name(n, &j.name)))
        .map(|j| clean_line(&j.name))
        .collect();
    if !missing.is_empty() {
        say(format!("Not pushed yet: {}", missing.join(", ")));
    }
    Ok((good, offered))
}

pub(super) fn collect_command(session: &Session, dir: &Path) -> Result<ExitCode> {
    let (good, listed) = collect(session, dir, true)?;
    Ok(if good.len() == listed { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `--from-hub`: collects into `collected/`, and gives the files to merge; a refused file stops
/// the merge, as it does for files given by hand.
pub(super) fn files_from_hub(session: &Session) -> Result<Vec<PathBuf>> {
    let (good, listed) = collect(session, Path::new("collected"), false)?;
    if good.len() != listed {
        bail!("{} of {listed} file(s) in the repo refused; nothing was merged", listed - good.len());
    }
    if good.is_empty() {
        bail!("the repo has no score files yet: judges send theirs with `judging push`");
    }
    Ok(good)
}

/// `judging sync init`: creates the repo, private, if it does not exist, and uploads judging.toml
/// and the assignments. Warns when the repo sits in the event's own org, whose members (the
/// entrants) can read its private repos.
pub(super) fn init(loaded: &crate::event_files::Loaded) -> Result<ExitCode> {
    let Some(repo_id) = loaded.config.sync.repo() else {
        bail!("{} has no [sync] repo: add `[sync]` with `repo = \"ORG/NAME\"` first", loaded.describe());
    };
    let Some(config_path) = &loaded.path else {
        bail!("the built-in event has no judging.toml to share: write one (with [sync] repo) and run this beside it");
    };
    let hub = Hub::from_env(Duration::from_secs(loaded.config.export.timeout_secs))?;
    let repo = Repo::new(&hub, repo_id);
    let org = repo_id.split('/').next().unwrap_or_default();
    let entrants = loaded.config.export.source.strip_prefix("hub:").map_or("build-small-hackathon", |o| o.trim());
    if org.eq_ignore_ascii_case(entrants) || (loaded.config.export.source == "hub" && org == "build-small-hackathon") {
        eprintln!(
            "warning: {repo_id} is in {org}, the entrants' own org: every member of an org can read its private repos. Use a separate judges' org"
        );
    }
    let created = repo.create()?;
    println!("{repo_id}: {}", if created { "created, private" } else { "exists" });
    let mut files = vec![("judging.toml".to_owned(), std::fs::read(config_path)?)];
    let assignments = loaded.assignments_path();
    if assignments.exists() {
        files.push(("assignments.toml".to_owned(), std::fs::read(&assignments)?));
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let done = repo.commit_files(&files, "The event: judging.toml and the assignments", false)?;
    println!("Uploaded {} (commit {})", names.join(" and "), done.commit.chars().take(7).collect::<String>());
    println!("Judges set up with: judging join {repo_id}");
    Ok(ExitCode::SUCCESS)
}

/// `judging join ORG/NAME`: the event's judging.toml and assignments into this judge's config
/// folder (checked before anything is written), then the export pulled.
pub(super) fn join(cli: &crate::cli::Cli, repo_id: &str) -> Result<ExitCode> {
    let parts: Vec<&str> = repo_id.split('/').collect();
    if parts.len() != 2 || parts.iter().any(|p| p.is_empty()) {
        bail!("{:?}: give the judges' dataset repo as ORG/NAME", clean_line(repo_id));
    }
    let Some(target) = crate::paths::joined_config() else { bail!("this system has no config folder for judging") };
    let hub = Hub::from_env(Duration::from_secs(30))?;
    let repo = Repo::new(&hub, repo_id);
    let text = String::from_utf8(repo.download("main", "judging.toml")?)
        .map_err(|_| anyhow::anyhow!("{repo_id}: judging.toml is not UTF-8 text"))?;
    let config = crate::config::parse(&text).map_err(|e| anyhow::anyhow!("{repo_id}: judging.toml: {e}"))?;
    let assignments = repo.download("main", &config.assign.file).ok();
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot make {}: {e}", dir.display()))?;
    crate::disk::write_durably(&target, text.as_bytes())?;
    println!("Wrote {}", target.display());
    if let Some(bytes) = assignments {
        let path = dir.join(&config.assign.file);
        crate::disk::write_durably(&path, &bytes)?;
        println!("Wrote {}", path.display());
    }
    let loaded = crate::event_files::load(Some(&target))?;
    super::pull::run(Session::create(cli, loaded)?, None, false)
}

/// `judging status`: per judge, assigned, scored, partly scored and last pushed (the file's
/// time), from the repo's files or the files given; entries with fewer judges than
/// `merge.min_judges` so far; judges with no file.
pub(super) fn status(session: &Session, files: &[PathBuf]) -> Result<ExitCode> {
    let files = if files.is_empty() { collect(session, Path::new("collected"), false)?.0 } else { files.to_vec() };
    let submissions = super::merge::merge_field(session)?;
    let field = crate::rankings::Field::new(&submissions);
    let config = &session.loaded.config;
    let judges = crate::scorefile::read_all(&files, config, &field).map_err(|problems| {
        for p in &problems {
            eprintln!("error: {p}");
        }
        anyhow::anyhow!("{} file(s) refused", problems.len())
    })?;
    let assignments = session.loaded.assignments()?;
    println!("JUDGE                 ASSIGNED  SCORED  PARTLY  LAST WRITTEN");
    let mut counts = vec![0usize; field.entries.len()];
    for j in &judges {
        j.entries.iter().for_each(|e| counts[*e] += 1);
        let assigned =
            assignments.as_ref().and_then(|a| a.of(&j.judge)).map_or("-".to_owned(), |l| l.len().to_string());
        println!(
            "{:<20}  {assigned:>8}  {:>6}  {:>6}  {}",
            crate::format::fit(&clean_line(&j.judge), 20),
            j.entries.len(),
            j.partial.len(),
            clean_line(&j.written_at)
        );
    }
    let not_started: Vec<String> = config
        .judges
        .iter()
        .filter(|c| !judges.iter().any(|j| crate::model::same_name(&j.judge, &c.name)))
        .map(|c| clean_line(&c.name))
        .collect();
    if !not_started.is_empty() {
        println!("No file yet: {}", not_started.join(", "));
    }
    let k = config.merge.min_judges;
    let short: Vec<String> = (0..field.entries.len())
        .filter(|e| counts[*e] < k)
        .map(|e| format!("{} ({})", clean_line(&field.entries[e].submission.id), counts[e]))
        .collect();
    if short.is_empty() {
        println!("Every entry has {k} judge(s) or more so far.");
    } else {
        let shown: Vec<&String> = short.iter().take(20).collect();
        let more =
            if short.len() > shown.len() { format!(" and {} more", short.len() - shown.len()) } else { String::new() };
        println!(
            "{} entr{} with fewer than {k} judge(s) so far: {}{more}",
            short.len(),
            if short.len() == 1 { "y" } else { "ies" },
            shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
