//! Score files through a dataset repo on the Hub: `push` (a judge's file, committed as
//! `scores/JUDGE.json`), `collect` (every judge's file, downloaded and checked) and `status`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};

use super::Session;
use super::collect::{SCORES, repo_id};
use crate::hub::client::Hub;
use crate::hub::repo::Repo;
use crate::sanitize::clean_line;

/// Where the store remembers the last push.
const PUSHED_AT: &str = "pushed_at";
/// When this judge last pushed, as the store remembers it.
pub fn last_pushed(store: &crate::store::Store) -> Option<String> {
    store.meta(PUSHED_AT).ok().flatten()
}

/// Writes the score file locally, then commits it to the repo. A refusal or no network leaves
/// the local file, and says that the next push sends it.
pub(super) fn push(session: Session, pull_request: bool) -> Result<ExitCode> {
    let repo = repo_id(&session)?;
    let progress = crate::progress::Progress::spinner(&format!("Sending your score file to {repo}"));
    let said = push_with(
        &session.loaded,
        &session.store,
        &session.judge,
        pull_request,
        &super::export::say_line,
        &super::export::warn_line,
    );
    progress.done();
    match said {
        Ok(done) => {
            println!("{done}");
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => {
            super::stderr::say("error", &why);
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The push itself, for the command and for the app (`P`, from a thread with its own store):
/// what was done, or why not, in one line each. `say` takes what the local file's writing says,
/// `warn` its warnings.
pub fn push_with(
    loaded: &crate::event_files::Loaded,
    store: &crate::store::Store,
    judge: &str,
    pull_request: bool,
    say: &dyn Fn(&str),
    warn: &dyn Fn(&str),
) -> Result<String, String> {
    let Some(repo_id) = loaded.config.sync.repo() else {
        return Err("judging.toml has no [sync] repo to push to".into());
    };
    let (local, text) = super::export::write_for(loaded, store, judge, None, say, warn).map_err(|e| e.to_string())?;
    let path = format!("{SCORES}/{}.json", crate::file_names::judge_stem(judge));
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
            local
        )),
    }
}

/// `judging key`: makes the judge's key once (or anew with `--new`) and prints its public half,
/// ready to paste into judging.toml, with how to send it.
pub(super) fn key(cli: &crate::cli::Cli, loaded: &crate::event_files::Loaded, new: bool) -> Result<ExitCode> {
    let judge = crate::paths::judge(cli.judge.as_deref())?.name;
    let had = crate::keys::load(&judge)?;
    let replaced = had.is_some() && new;
    let (key, path, made) = match had {
        Some(key) if !new => (key, crate::keys::key_file(&judge)?, false),
        _ => {
            let (key, path) = crate::keys::make(&judge)?;
            (key, path, true)
        }
    };
    let how = match (made, replaced) {
        (true, true) => "Made a new key",
        (true, false) => "Made your key",
        (false, _) => "Your key",
    };
    // `make` kept the old key beside the new one, as `--help` says.
    let old = if replaced {
        format!("; the old one is kept as {}", crate::keys::kept_as(&path).display())
    } else {
        String::new()
    };
    println!(
        "{how} ({}): {}, readable by you alone{old}. Never send this file to anyone.",
        clean_line(&judge),
        path.display()
    );
    println!();
    println!("Your public key, for the head judge to list in judging.toml:");
    println!();
    println!("[[judges]]");
    println!("name = {:?}", clean_line(&judge));
    println!("public_key = \"{}\"", key.public());
    println!();
    match super::export::key_problem(&loaded.config, &judge, Some(&key)) {
        Some(problem) => println!("Note: {problem}"),
        None if loaded.config.judge(&judge).and_then(|j| j.public_key.as_ref()).is_some() => {
            println!("{} lists this key for you: your score files will verify.", loaded.describe());
        }
        None => println!(
            "Send it to the head judge in a way they know is yours (in person, or from your own account): anyone can make a key under any name, so the head judge lists only a key they know came from you."
        ),
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn collect_command(session: &Session, dir: &Path) -> Result<ExitCode> {
    let collected = super::collect::collect(session, dir, true)?;
    Ok(if collected.good.len() == collected.offered { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `--from-hub`: collects into `collected/`, and gives the files to merge; a refused file stops
/// the merge, as it does for files given by hand.
pub(super) fn files_from_hub(session: &Session) -> Result<Vec<PathBuf>> {
    let super::collect::Collected { good, offered: listed, .. } =
        super::collect::collect(session, Path::new("collected"), false)?;
    if good.len() != listed {
        bail!(
            "{} of {} in the repo refused; nothing was merged",
            listed - good.len(),
            crate::format::count(listed, "file", "files")
        );
    }
    if good.is_empty() {
        bail!("the repo has no score files yet: judges send theirs with `judging push`");
    }
    Ok(good)
}

/// `judging sync init`: creates the repo, private, if it does not exist, and uploads the event:
/// judging.toml without its secrets, the assignments and an export that is a file. Warns when the
/// repo sits in the event's own org, whose members (the entrants) can read its private repos.
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
        super::stderr::warn(&format!(
            "{repo_id} is in {org}, the entrants' own org: every member of an org can read its private repos. Use a separate judges' org"
        ));
    }
    let files = event_files(loaded, config_path)?;
    let progress = crate::progress::Progress::spinner(&format!("Uploading the event to {repo_id}"));
    let created = repo.create()?;
    progress.above(&format!("{repo_id}: {}", if created { "created, private" } else { "exists" }));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let done = repo.commit_files(&files, "The event: judging.toml, the assignments and the export", false)?;
    progress.done();
    println!("Uploaded {} (commit {})", names.join(", "), done.commit.chars().take(7).collect::<String>());
    println!("Judges set up with: {}", crate::paste::CommandLine::new(&["join"]).arg(repo_id));
    Ok(ExitCode::SUCCESS)
}

/// What `sync init` uploads, each at its path relative to judging.toml (the paths judging.toml
/// names are plain relative ones, so they are the repo's paths too): judging.toml without the
/// judges' secret keys, the assignments if written, and the export if it is a file here.
fn event_files(loaded: &crate::event_files::Loaded, config_path: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let config = &loaded.config;
    let text = String::from_utf8(crate::disk::read_capped(config_path, crate::event_files::SMALL)?)
        .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", config_path.display()))?;
    let Some((shared, left_out)) = crate::config::without_secrets(&text) else {
        bail!("{}: cannot be shared without its secret keys; run `judging check`", config_path.display());
    };
    let mut files = vec![("judging.toml".to_owned(), shared.into_bytes())];
    let assignments = loaded.assignments_path();
    // Nothing a link beside judging.toml points to elsewhere is uploaded.
    loaded.inside(&assignments)?;
    if assignments.exists() {
        files.push((config.assign.file.clone(), crate::disk::read_capped(&assignments, crate::event_files::SMALL)?));
    }
    // The finals, once published: `sync init` again after `merge --finals` shares them.
    if let (Some(path), Some(finals)) = (loaded.finals_path(), &config.finals)
        && path.exists()
    {
        loaded.inside(&path)?;
        files.push((finals.file.clone(), crate::disk::read_capped(&path, crate::event_files::SMALL)?));
    }
    if crate::config::is_file_source(&config.export.source) {
        let export = loaded.base_dir().join(&config.export.source);
        loaded.inside(&export)?;
        if export.exists() {
            let most = config.export.max_mb.saturating_mul(crate::export::source::MIB);
            files.push((config.export.source.clone(), crate::disk::read_capped(&export, most)?));
        } else {
            super::stderr::warn(&format!(
                "export.source {} is not there to upload: judges who join will need it from you",
                export.display()
            ));
        }
    }
    // Said once every file is read: a refusal after it (a linked export) had followed "Left
    // out", as if the upload were under way.
    if !left_out.is_empty() {
        println!(
            "Left out {}: a secret stays with the head judge. Judges sign with keys of their own (`judging key`), whose public halves judging.toml lists",
            left_out.join(", ")
        );
    }
    Ok(files)
}

/// `judging join ORG/NAME`: the event's judging.toml, assignments, published finals and export
/// (when a file) into this judge's config folder, then the export pulled. What the repo sends is
/// data: judging.toml is checked whole before anything is written (its paths stay inside the
/// folder), secrets in it are left out, and nothing in it is run.
pub(super) fn join(cli: &crate::cli::Cli, repo_id: &str) -> Result<ExitCode> {
    if let Err(e) = crate::hub::ids::RepoId::new(crate::hub::ids::Kind::Dataset, repo_id) {
        bail!("{e}: give the judges' dataset repo as ORG/NAME");
    }
    let Some(target) = crate::paths::joined_config() else { bail!("this system has no config folder for judging") };
    let mut hub = Hub::from_env(Duration::from_secs(30))?;
    // The event, and so its export.timeout_secs, is what is being fetched.
    hub.timeout_from = None;
    let repo = Repo::new(&hub, repo_id);
    // Until the files are written: the export may be most of a download.
    let progress = crate::progress::Progress::spinner(&format!("Fetching the event from {repo_id}"));
    let text = String::from_utf8(repo.download("main", "judging.toml")?)
        .map_err(|_| anyhow::anyhow!("{repo_id}: judging.toml is not UTF-8 text"))?;
    let Some((text, secrets)) = crate::config::without_secrets(&text) else {
        let e = crate::config::parse(&text).err().map(|e| e.to_string()).unwrap_or_default();
        bail!("{repo_id}: judging.toml: {e}");
    };
    let config = crate::config::parse(&text).map_err(|e| anyhow::anyhow!("{repo_id}: judging.toml: {e}"))?;
    if !secrets.is_empty() {
        super::stderr::warn(&format!(
            "{repo_id}: judging.toml carries secret keys ({}): left out of your copy. Tell the head judge that every judge who joined could read them, and to list public keys instead (`judging key`)",
            secrets.join(", ")
        ));
    }
    if let Some(b) = &config.browser {
        super::stderr::say(
            "note",
            &format!(
                "{repo_id}: judging.toml's browser = {:?} is not read: a shared file names no program to run; set $BROWSER if you want another browser",
                clean_line(b)
            ),
        );
    }
    let mut files = vec![("assign.file", config.assign.file.clone(), false)];
    // Published finals, read as untrusted data whenever they are used (`finals::published`).
    if let Some(finals) = &config.finals {
        files.push(("finals.file", finals.file.clone(), false));
    }
    if crate::config::is_file_source(&config.export.source) {
        files.push(("export.source", config.export.source.clone(), true));
    }
    let files = files_beside(repo_id, files)?;
    let fetched: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter_map(|(path, needed)| match repo.download("main", &path) {
            Ok(bytes) => Some((path, bytes)),
            Err(e) => {
                if needed {
                    super::stderr::warn(&format!(
                        "{repo_id}: {}: {}",
                        crate::sanitize::visible(&path),
                        clean_line(&e.to_string())
                    ));
                }
                None
            }
        })
        .collect();
    progress.done();
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot make {}: {e}", dir.display()))?;
    crate::disk::write_durably(&target, text.as_bytes())?;
    println!("Wrote {}", target.display());
    for (path, bytes) in fetched {
        // A plain relative path (judging.toml was checked), so it stays inside the folder.
        let file = dir.join(&path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| anyhow::anyhow!("cannot make {}: {e}", parent.display()))?;
        }
        crate::disk::write_durably(&file, &bytes)?;
        println!("Wrote {}", file.display());
    }
    let loaded = crate::event_files::load(Some(&target))?;
    super::pull::run(Session::create(cli, loaded)?, &crate::cli::PullArgs::default())
}

/// The files judging.toml names for `join` to fetch beside it (the key that names each, the path,
/// and whether the event needs it), each once; refused when one is judging.toml itself, which
/// its download would replace with what the check of judging.toml never saw.
fn files_beside(repo_id: &str, files: Vec<(&str, String, bool)>) -> Result<Vec<(String, bool)>> {
    // Compared as a file system that ignores case would (macOS's, Windows'): "Judging.toml" is
    // judging.toml there.
    let same = |a: &str, b: &str| {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        Path::new(&a).components().eq(Path::new(&b).components())
    };
    let mut beside: Vec<(String, bool)> = Vec::with_capacity(files.len());
    for (key, path, needed) in files {
        if same(&path, "judging.toml") {
            bail!(
                "{repo_id}: judging.toml's {key} = {} names judging.toml itself: give it a file of its own, such as {}",
                crate::sanitize::in_quotes(&path),
                if key == "export.source" { "\"export.csv\"" } else { "\"assignments.toml\"" }
            );
        }
        match beside.iter_mut().find(|(p, _)| same(p, &path)) {
            Some((_, was_needed)) => *was_needed |= needed,
            None => beside.push((path, needed)),
        }
    }
    Ok(beside)
}

/// `judging status`: per judge, assigned, scored, partly scored and last pushed (the file's
/// time), from the repo's files or the files given; entries with fewer judges than
/// `merge.min_judges` so far; judges with no file.
pub(super) fn status(session: &Session, files: &[PathBuf]) -> Result<ExitCode> {
    // The repo's files that collect refused (each named as it did) count among the refused.
    let (files, refused_in_repo, mut by_judge) = if files.is_empty() {
        if session.loaded.config.sync.repo().is_none() {
            bail!(
                "{} has no [sync] repo to read the judges' files from: give the files you have, `judging status scores-*.json`",
                session.loaded.describe()
            );
        }
        let collected = super::collect::collect(session, Path::new("collected"), false)?;
        let refused = collected.offered.saturating_sub(collected.good.len());
        (collected.good, refused, collected.refused)
    } else {
        (super::given::score_files(files, super::given::Taker::Status)?, 0, Vec::new())
    };
    let submissions = super::merge::merge_field(session)?;
    let field = crate::rankings::Field::new(&submissions);
    let config = &session.loaded.config;
    let (mut judges, mut refused, hint) = read_the_good(session, &files, &field.ids)?;
    // A judge's step back to a file older than the store took in: refused as the merge refuses
    // it, and left out of the table as any refused file is.
    let read: Vec<crate::newest::FileRead> =
        judges.iter().map(|m| crate::newest::FileRead::of(m, &session.loaded.config)).collect();
    let verdict = super::newest::check(session, &read)?;
    super::newest::say_refused(session, &verdict);
    judges.retain(|j| !verdict.refused.iter().any(|s| s.files.contains(&j.file)));
    // A file given that the reading refused may be any judge's: only a step back, or a file of
    // the repo (by its name), says whose.
    let unnamed = !refused.is_empty();
    refused.extend(verdict.refused.iter().flat_map(|s| s.files.iter().cloned()));
    by_judge.extend(verdict.refused.iter().map(|s| super::collect::Refused {
        stem: crate::file_names::judge_stem(&s.file.judge),
        downloaded: true,
        why: s.why().to_owned(),
    }));
    if refused.is_empty() && refused_in_repo == 0 {
        super::newest::take_in(session, &verdict);
    }
    // A judge in two files counts once, from the newer, as the merge counts them.
    for w in crate::rankings::one_file_per_judge(&mut judges)? {
        super::stderr::warn(&clean_line(&w));
    }
    // A judge judging.toml does not list, or one whose name looks like a listed judge's: said
    // as the merge will say it, by the same code, before the table shows them as any judge.
    if let Some(w) = crate::rankings::unlisted(&judges, config) {
        super::stderr::warn(&clean_line(&w));
    }
    let assignments = session.loaded.assignments()?;
    let ids: Vec<String> = field.entries.iter().map(|s| s.submission.id.clone()).collect();
    let ids = crate::rankings::FieldIndex::new(&ids);
    println!("JUDGE                 ASSIGNED  DONE  SCORED  PARTLY  RECUSED  WRITTEN (UTC)");
    // The sentences under the table wrap between words on a terminal, as the merge's do.
    let width = super::terminal_width(true, None);
    let say = |line: String| super::print_report(&format!("{line}\n"), width);
    // Coverage counts the judges whose marks count: a trainee's change no ranking.
    let (counts, not_counted, conflicted) = not_counted(&judges, config, &field);
    // The judges assigned entries no longer in play (withdrawn since the assignment), and how many.
    let mut gone: Vec<String> = Vec::new();
    for j in &judges {
        let trainee = config.is_trainee(&j.judge);
        let mine = assignments.as_ref().and_then(|a| a.of(&j.judge));
        // Of the entries assigned to them and still in play, how many they scored in full, as
        // the merge counts it: a withdrawn entry counted as assigned had read as one left undone.
        let counted = mine.map(|l| crate::rankings::Assignment::of(j, l, &ids));
        if let Some(a) = counted.filter(|a| a.out_of_play > 0) {
            gone.push(format!("{} {}", crate::sanitize::in_quotes(&j.judge), a.out_of_play));
        }
        let assigned = counted.map_or("-".to_owned(), |a| a.in_play.to_string());
        let done = counted.map_or("-".to_owned(), |a| a.done.to_string());
        // The name cut first, so that "(trainee)" always shows.
        let name = if trainee {
            format!("{} (trainee)", crate::format::fit(&clean_line(&j.judge), 10))
        } else {
            crate::format::fit(&clean_line(&j.judge), 20)
        };
        // A recusal settles an assigned entry the judge will not score: said, so that DONE
        // short of ASSIGNED is not taken for work left.
        println!(
            "{}  {assigned:>8}  {done:>4}  {:>6}  {:>6}  {:>7}  {}",
            crate::text_width::pad(&name, 20),
            j.entries.len(),
            j.partial.len(),
            j.texts[crate::model::TextPart::Recusal].len(),
            to_the_minute(&clean_line(&j.written_at))
        );
    }
    // What each column counts, under the table: DONE and SCORED read alike, and WRITTEN had been
    // taken for when the judge last pushed.
    if !judges.is_empty() {
        say(STATUS_LEGEND.to_owned());
    }
    if !gone.is_empty() {
        say(format!(
            "Assigned entries no longer in the export (withdrawn since the assignment, or never in it), left out of ASSIGNED and owed by no one: {}.",
            crate::format::first_few(&gone, 10, ", ")
        ));
    }
    without_a_file(session, &judges, &by_judge, unnamed, &say);
    // A judge who scored an entry despite a declared conflict, said as the merge will say it:
    // their SCORED ran past ASSIGNED without a word.
    if let Some(said) = crate::rankings::conflicts_said(&conflicted, clean_line) {
        say(said);
    }
    say(short_of_judges(&field, &counts, config.merge.min_judges, &not_counted));
    if refused.is_empty() && refused_in_repo == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    let named =
        if refused.is_empty() { String::new() } else { format!(": {}", crate::format::first_few(&refused, 5, ", ")) };
    super::stderr::say(
        "error",
        &format!(
            "{} of {} refused, and left out of this table (each named above with what to do){named}{hint}",
            refused.len() + refused_in_repo,
            crate::format::count(files.len() + refused_in_repo, "file", "files"),
        ),
    );
    Ok(ExitCode::FAILURE)
}

/// Status's lines of the judges judging.toml lists with no file in the table: those whose only
/// files were refused (`refused`, each by its judge's stem), with why, told from those with no
/// file at all, which say where a file refused (`unnamed`) may have been theirs. Lumped together,
/// a judge whose file was just refused above had read as one who never sent it.
fn without_a_file(
    session: &Session,
    judges: &[crate::rankings::JudgeMarks],
    refused: &[super::collect::Refused],
    unnamed: bool,
    say: &dyn Fn(String),
) {
    let has_file = |name: &str| judges.iter().any(|j| crate::model::same_name(&j.judge, name));
    let only_refused = super::collect::only_refused(session, has_file, refused, |r| {
        if r.downloaded { r.why.clone() } else { format!("not downloaded: {}", r.why) }
    });
    let not_started: Vec<String> = session
        .loaded
        .config
        .judges
        .iter()
        .filter(|c| !has_file(&c.name) && !only_refused.iter().any(|(n, _)| *n == clean_line(&c.name)))
        .map(|c| clean_line(&c.name))
        .collect();
    if !not_started.is_empty() {
        let or = if unnamed { " (or only one of the files refused above)" } else { "" };
        say(format!("No file yet{or}: {}", not_started.join(", ")));
    }
    if !only_refused.is_empty() {
        let named: Vec<String> =
            super::collect::grouped(&only_refused).into_iter().map(|(names, why)| format!("{names} ({why})")).collect();
        say(format!("Only a refused file: {}", named.join("; ")));
    }
}

/// What status's columns count.
const STATUS_LEGEND: &str = "ASSIGNED: entries assigned to the judge; DONE: of those, scored in full; SCORED: every entry scored in full (an entry not assigned too); PARTLY: left partly scored, which do not count; RECUSED: entries the judge recused from in the app (a conflict of judging.toml's is said below); WRITTEN: when the judge's file was written, as it says.";

/// Status's last line: the entries short of `k` judges so far (each with its `counts`, which
/// leave out what `not_counted` says), named as the merge names them, title and id: the head
/// judge reads both lists of the same entries.
fn short_of_judges(field: &crate::rankings::Field, counts: &[usize], k: usize, not_counted: &str) -> String {
    let short: Vec<String> = (0..field.entries.len())
        .filter(|e| counts[*e] < k)
        .map(|e| {
            let s = &field.entries[e].submission;
            let judges = crate::format::count(counts[e], "judge", "judges");
            crate::format::title_and_id(&s.title, &s.id, Some(&judges), clean_line)
        })
        .collect();
    if short.is_empty() {
        return format!(
            "Every entry has {} or more so far ({not_counted}).",
            crate::format::count(k, "judge", "judges")
        );
    }
    format!(
        "{} with fewer than {} so far ({not_counted}): {}.",
        crate::format::count(short.len(), "entry", "entries"),
        crate::format::count(k, "judge", "judges"),
        crate::format::first_few(&short, 20, ", ")
    )
}

/// A file's time as status shows it, to the minute in UTC (`2026-06-21 10:00`), so that a row
/// fits an 80-column terminal: the file's own `2026-06-21T10:00:00.000Z` had run each row two
/// columns past it, and the terminal broke every row's time in two. A time in another form is
/// shown as the file gives it.
fn to_the_minute(at: &str) -> String {
    let b = at.as_bytes();
    let utc = at.len() >= 17 && b[10] == b'T' && b[13] == b':' && at.ends_with('Z') && at.is_char_boundary(16);
    if utc { format!("{} {}", &at[..10], &at[11..16]) } else { at.to_owned() }
}

/// Each entry's judges as the merge's thin flag counts them ([`crate::rankings::thin_counts`]),
/// and what to say of those left out: the trainees, the scores given despite a conflict where
/// `merge.conflicts = "exclude"`, the judges who gave nearly the same total to every entry.
fn not_counted(
    judges: &[crate::rankings::JudgeMarks],
    config: &crate::config::Config,
    field: &crate::rankings::Field,
) -> (Vec<usize>, String, Vec<crate::rankings::Conflicted>) {
    let (counts, flat, conflicted) = crate::rankings::thin_counts(judges, config, field);
    let mut said = vec!["trainees not counted".to_owned()];
    if config.merge.conflicts == crate::config::ConflictPolicy::Exclude {
        said.push(
            "nor scores given despite a declared conflict, as merge.conflicts = \"exclude\" leaves them out".into(),
        );
    }
    if !flat.is_empty() {
        let names: Vec<String> = flat.iter().map(|n| clean_line(n)).collect();
        said.push(format!(
            "nor {}, who gave nearly the same total to every entry they scored: the merge's thin flag does not count them",
            crate::format::names_and(&names, 5)
        ));
    }
    (counts, said.join("; "), conflicted)
}

/// A file refused is named with what to do, and the others are still shown: status is how
/// the head judge sees where the judging stands, and one tampered file of forty had hidden
/// the other thirty-nine behind "error: 1 file refused"; status still exits 1. Gives the files
/// read, the refused ones' names, and the hint for files that score entries the store never had.
fn read_the_good(
    session: &Session,
    files: &[PathBuf],
    ids: &crate::rankings::Ids,
) -> Result<(Vec<crate::rankings::JudgeMarks>, Vec<String>, String)> {
    let config = &session.loaded.config;
    match crate::scorefile::read_all(files, config, ids) {
        Ok(judges) => Ok((judges, Vec::new(), String::new())),
        Err(problems) => {
            for line in crate::scorefile::ScoreFileError::condensed(&problems) {
                super::stderr::say("error", &line);
            }
            let hint = super::merge::never_had(session, &problems);
            let refused: Vec<String> = problems.iter().filter_map(|p| p.file().map(str::to_owned)).collect();
            let give_up = || anyhow::anyhow!("{} refused{hint}", crate::format::count(problems.len(), "file", "files"));
            if refused.len() < problems.len() {
                return Err(give_up());
            }
            let name = |f: &PathBuf| crate::sanitize::visible(&f.display().to_string());
            let rest: Vec<PathBuf> = files.iter().filter(|f| !refused.contains(&name(f))).cloned().collect();
            match crate::scorefile::read_all(&rest, config, ids) {
                Ok(judges) => Ok((judges, refused, hint)),
                Err(_) => Err(give_up()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_files_time_is_shown_to_the_minute_in_utc() {
        assert_eq!(super::to_the_minute("2026-06-21T10:00:59.000Z"), "2026-06-21 10:00");
        assert_eq!(super::to_the_minute("2026-06-21T10:00Z"), "2026-06-21 10:00");
        assert_eq!(super::to_the_minute("2026-06-21T10Z"), "2026-06-21T10Z", "too short: as given");
        assert_eq!(super::to_the_minute("yesterday"), "yesterday");
        assert_eq!(super::to_the_minute("2026-06-21T10:00:00+02:00"), "2026-06-21T10:00:00+02:00");
    }
}
