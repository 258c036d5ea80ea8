//! `judging check`: judging.toml, the export and the organizers' files, every problem printed.

use std::collections::HashSet;
use std::process::ExitCode;

use anyhow::Result;

use super::pull::PullError;
use super::{Session, pull};
use crate::cli::Cli;
use crate::config::PrizeBy;
use crate::event_files::Loaded;
use crate::export::ExportError;
use crate::export::source::SourceError;
use crate::sanitize::{clean_block, clean_line, in_quotes};
use crate::store::Store;

/// Checks judging.toml (already loaded, so valid) and the export, printing every problem.
pub(super) fn run(cli: &Cli, loaded: Loaded, from: Option<&str>, offline: bool, strict: bool) -> Result<ExitCode> {
    let c = &loaded.config;
    // Wrapped between words on a terminal, as the pull says its lines: a row's faults, or a
    // prize's tag no entry carries, run past any width.
    let width = super::terminal_width(true, None);
    let say = |line: String| super::print_report(&format!("{line}\n"), width);
    let count = crate::format::count;
    say(format!(
        "{}: ok: event {:?}, {}, {}, {}",
        loaded.describe(),
        c.event.id,
        count(c.criteria.len(), "criterion", "criteria"),
        count(c.tracks.len(), "track", "tracks"),
        count(c.judges.len(), "judge", "judges")
    ));
    for note in c.unjudged_tracks() {
        say(format!("  note: {note}"));
    }
    let mut look_alike = c.look_alike_judges(&|key| loaded.line_of(key));
    look_alike.extend(c.keyless_judges());
    for warning in &look_alike {
        say(format!("  warning: {}", clean_line(&loaded.located(warning))));
    }
    if let Some(b) = &c.browser {
        say(format!(
            "  note: browser = {} is not read: judging.toml is shared between judges and names no program to run; set $BROWSER instead",
            in_quotes(b)
        ));
    }
    // The store, where there is one: an offline check of a URL reads its cached copy, and a
    // prize file's row for an entry it held that the export no longer has is a withdrawn
    // entry's, as `results` says, not a typo. judging.toml and a local export are checked on a
    // machine that has never pulled.
    // A store check cannot open (another judge's, through --db or JUDGING_DB) stops only an
    // offline check, which needs its cached export; otherwise the check goes on without it.
    let store = match Session::open_if_any(cli, loaded.clone()) {
        Ok(session) => session.map(|s| s.store),
        Err(e) if !offline => {
            super::stderr::warn(&format!(
                "{e}; checked without it, so a prize file's row for a withdrawn entry reads as an unknown id"
            ));
            None
        }
        Err(e) => return Err(e),
    };
    // A URL, the Hub or a big file can take a while, as the pull's do.
    let spinner = crate::progress::Progress::spinner("Reading the export");
    // Remedies name this check, and a pull with this run's options (--db: the store it reads).
    let reader = pull::Reader {
        command: super::command_line(cli, &["check"]),
        pull: super::command_line(cli, &["pull"]),
        progress: &spinner,
    };
    // An export that cannot be read at all (not there, not text, a header without the columns
    // wanted, a Hub not answering, no cached copy offline) is a problem like any other: said,
    // then the verdict, not an error that ends the check with neither.
    let read = pull::fetch(&loaded, from, offline, store.as_ref(), &reader)
        .and_then(|fetched| pull::parse(&loaded, &fetched).map(|parsed| (fetched, parsed)));
    spinner.done();
    let (fetched, parsed) = match read {
        Ok(read) => read,
        Err(e @ (PullError::Export(_) | PullError::Hub { .. } | PullError::Event(_))) => {
            let (problem, reason) = unreadable(&e);
            say(problem);
            say(format!("Not ready: {reason}, said above."));
            return Ok(ExitCode::FAILURE);
        }
        // The store's own failure, not the export's.
        Err(e @ (PullError::Store(_) | PullError::ReaderFailed)) => return Err(e.into()),
    };
    let name = fetched.source.name();
    let rejected = parsed.rejected();
    let warnings = parsed.warnings();
    say(format!(
        "{name}: {} read, {} valid, {rejected} rejected, {}{}",
        crate::format::count(parsed.submissions.len() + rejected, "row", "rows"),
        parsed.submissions.len(),
        crate::format::count(warnings, "warning", "warnings"),
        if parsed.drafts_skipped > 0 {
            format!(", {} skipped", crate::format::count(parsed.drafts_skipped, "draft", "drafts"))
        } else {
            String::new()
        }
    ));
    for note in &parsed.notes {
        say(format!("  note: {}", clean_line(note)));
    }
    // A Space's README metadata that did not read as meant, as the pull says it.
    let oddities = fetched.hub.as_ref().map_or(&[][..], |listing| listing.oddities.as_slice());
    for odd in oddities {
        say(format!("  warning: {}", clean_line(odd)));
    }
    for line in crate::export::condensed(&parsed.problems) {
        say(format!("  {line}"));
    }
    if parsed.submissions.is_empty() && rejected == 0 {
        say(format!("{name}: the export has no submissions"));
        return Ok(ExitCode::FAILURE);
    }
    let (mut organizer_problems, mut organizer_warnings) =
        check_organizer_files(&loaded, store.as_ref(), &parsed.submissions, &say)?;
    let (problems, warnings_of_tags) = untaken_tags(&loaded, &parsed.submissions, &name, &say);
    organizer_problems += problems;
    organizer_warnings += warnings_of_tags;
    let (problems, idle) = idle_conflicts(&loaded, &parsed.submissions, &name, &say);
    organizer_problems += problems;
    organizer_warnings += idle;
    let all_warnings = warnings + organizer_warnings + oddities.len() + look_alike.len();
    let failed = rejected > 0 || organizer_problems > 0 || (strict && all_warnings > 0);
    // The verdict, last: the first line's "ok" is judging.toml's own, and a problem in a file
    // beside it, said further down, had read as a pass.
    say(verdict(Rejected { rows: rejected, broken: parsed.broken() }, organizer_problems, all_warnings, strict));
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// An export the check could not read: its problem line, and the verdict's reason. Offline with
/// no copy cached, it was not checked at all; otherwise it was and cannot be read.
fn unreadable(e: &PullError) -> (String, &'static str) {
    let (said, reason) = match e {
        PullError::Export(ExportError::Source(SourceError::NotCached { .. })) => {
            ("not checked", "the export was not checked")
        }
        _ => ("cannot be read", "the export cannot be read"),
    };
    (format!("the export: {said}: {}", clean_block(&e.to_string())), reason)
}

/// The export's rejected rows, and how many of them could not be read at all: for those a pull
/// refuses the whole file.
struct Rejected {
    rows: usize,
    broken: usize,
}

/// The check's last line: whether the event is ready, and what stands in its way.
fn verdict(rejected: Rejected, problems: usize, warnings: usize, strict: bool) -> String {
    let count = crate::format::count;
    let mut against = Vec::new();
    if rejected.rows > 0 {
        let broken = match rejected.broken {
            0 => String::new(),
            n => format!(
                " ({} be read as the header's columns: `judging pull` imports nothing from the file until {} mended)",
                count(n, "row cannot", "rows cannot"),
                if n == 1 { "it is" } else { "they are" }
            ),
        };
        against.push(format!("{} of the export rejected{broken}", count(rejected.rows, "row", "rows")));
    }
    if problems > 0 {
        against.push(count(problems, "problem", "problems"));
    }
    if strict && warnings > 0 {
        against.push(format!("{} (--strict)", count(warnings, "warning", "warnings")));
    }
    if against.is_empty() {
        let noted = if warnings > 0 {
            format!(", with {} above", count(warnings, "warning", "warnings"))
        } else {
            String::new()
        };
        format!("Ready{noted}.")
    } else {
        format!("Not ready: {}, said above.", against.join(", "))
    }
}

/// How many assigned entries a line about one judge names before "and N more".
const NAMED: usize = 5;

/// The entries assigned to `judge` that judging.toml now bars them from, as `judging assign`
/// would have barred them: those a declared conflict names (a problem: the judge's app lists
/// them as theirs, and the merge flags or leaves out the scores), and, where `assign.keep_tracks`
/// holds, those outside the tracks they keep to (a warning; calibration entries go to every
/// judge whatever their tracks). A conflict added after the assignments had gone unsaid.
fn barred_assignments(
    path: &std::path::Path,
    judge: &crate::config::Judge,
    list: &[String],
    submissions: &[crate::model::Submission],
    calibration: &[String],
    config: &crate::config::Config,
) -> (Vec<String>, Vec<String>) {
    let (mut conflicted, mut outside) = (Vec::new(), Vec::new());
    for id in list {
        let Some(s) = submissions.iter().find(|s| s.id == *id) else { continue };
        let tracks = crate::assign::Tracks { kept: config.assign.keep_tracks, calibration };
        match crate::assign::barred(judge, s, tracks) {
            Some(crate::assign::Bar::Conflict) => conflicted.push(clean_line(id)),
            Some(crate::assign::Bar::Track) => outside.push(clean_line(id)),
            _ => {}
        }
    }
    let name = in_quotes(&judge.name);
    let problems = (!conflicted.is_empty()).then(|| {
        format!(
            "{}: judge {name} is assigned {} that a conflict of theirs in judging.toml names ({}): run `judging assign --force` to assign again, or take {} off their list",
            path.display(),
            crate::format::count(conflicted.len(), "entry", "entries"),
            crate::format::first_few(&conflicted, NAMED, ", "),
            if conflicted.len() == 1 { "it" } else { "them" }
        )
    });
    let warnings = (!outside.is_empty()).then(|| {
        format!(
            "{}: judge {name} keeps to {} (tracks in judging.toml) but is assigned {} of other tracks ({}): run `judging assign --force` to assign again",
            path.display(),
            judge.tracks.iter().map(|t| clean_line(t)).collect::<Vec<_>>().join(", "),
            crate::format::count(outside.len(), "entry", "entries"),
            crate::format::first_few(&outside, NAMED, ", ")
        )
    });
    (problems.into_iter().collect(), warnings.into_iter().collect())
}

/// The files beside judging.toml that the organizers' commands read: the assignments and the
/// prizes' value files. Says what it finds with `say`, as the rest of the check says its lines
/// (wrapped between words on a terminal); returns the number of problems and of warnings.
fn check_organizer_files(
    loaded: &Loaded,
    store: Option<&Store>,
    submissions: &[crate::model::Submission],
    say: &dyn Fn(String),
) -> Result<(usize, usize)> {
    let ids: HashSet<&str> = submissions.iter().map(|s| s.id.as_str()).collect();
    let ids = &ids;
    let (mut problems, mut warnings) = (Vec::new(), Vec::new());
    let path = loaded.assignments_path();
    let assignments = loaded.assignments();
    let mut assigned_gone: Vec<(&str, Vec<&String>)> = Vec::new();
    match &assignments {
        Err(e) => problems.push(e.to_string()),
        Ok(None) => {}
        Ok(Some(a)) => {
            // The entries this store held that the export no longer has: withdrawn since, no
            // fault of an assignment made before (`assign --force` the night before would deal
            // every entry anew). Asked only where there are assignments to check.
            let withdrawn = match store {
                Some(store) => store.held_besides(ids)?,
                None => HashSet::new(),
            };
            for (judge, list) in &a.judges {
                match loaded.config.judge(judge) {
                    None => problems.push(format!(
                        "{}: judge {} is not among the event's judges ([[judges]]): add them, or run `judging assign --force` to assign the judges listed",
                        path.display(),
                        in_quotes(judge)
                    )),
                    Some(listed) => {
                        let (p, w) = barred_assignments(&path, listed, list, submissions, &a.calibration, &loaded.config);
                        problems.extend(p);
                        warnings.extend(w);
                    }
                }
                // The same entry twice in one judge's list counts once: likely a typo for
                // another entry, which that judge then never sees.
                let mut seen = HashSet::new();
                let mut twice: Vec<String> =
                    list.iter().filter(|id| !seen.insert(id.as_str())).map(|id| in_quotes(id)).collect();
                twice.sort();
                twice.dedup();
                if !twice.is_empty() {
                    warnings.push(format!(
                        "{}: judge {} is assigned {} twice; it counts once: if another entry was meant, assign it",
                        path.display(),
                        in_quotes(judge),
                        crate::format::names_and(&twice, 5)
                    ));
                }
                let (gone, unknown): (Vec<&String>, Vec<&String>) =
                    list.iter().filter(|id| !ids.contains(id.as_str())).partition(|id| withdrawn.contains(*id));
                if !gone.is_empty() {
                    assigned_gone.push((judge.as_str(), gone));
                }
                if let Some(first) = unknown.first() {
                    let pulled = if store.is_some() {
                        ""
                    } else {
                        " (an entry withdrawn since the assignment is no fault: pull the export and check again to tell them apart)"
                    };
                    problems.push(format!(
                        "{}: judge {} has {} not in the export, such as {}: run `judging assign --force` after the pull{pulled}",
                        path.display(),
                        in_quotes(judge),
                        crate::format::count(unknown.len(), "entry", "entries"),
                        in_quotes(first)
                    ));
                }
            }
            warnings.extend(withdrawn_since(&path, store, &assigned_gone));
            let total: usize = a.judges.values().map(Vec::len).sum();
            say(format!(
                "{}: {}, {}",
                clean_line(&path.display().to_string()),
                crate::format::count(a.judges.len(), "judge", "judges"),
                crate::format::count(total, "assignment", "assignments")
            ));
        }
    }
    // The calibration set every judge scores must be entries of the export.
    for id in loaded.config.assign.calibration.iter().filter(|id| !ids.contains(id.as_str())) {
        problems.push(format!(
            "{}: [assign] calibration names {}, which is not in the export: give ids from `judging list`",
            loaded.describe(),
            in_quotes(id)
        ));
    }
    decisions_said(loaded, ids, &mut problems, say);
    // Each file on its own, read as `results` reads it and its rows said as `results` says
    // them: a row for an id the export does not have would give its value to no one.
    for prize in loaded.config.prizes.iter().filter(|p| p.by == PrizeBy::File) {
        let file = loaded.prize_file(prize.file.as_deref().unwrap_or_default());
        if !file.exists() {
            problems.push(format!("prizes {:?}: its file {} does not exist yet", prize.id, file.display()));
            continue;
        }
        match loaded.prize_value(prize) {
            Ok(values) => {
                let (p, w) = super::results::prize_file_strays(loaded, store, prize, &values, ids)?;
                problems.extend(p);
                warnings.extend(w);
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    for p in &problems {
        say(format!("  {}", clean_line(&crate::plain::one_line(p))));
    }
    for w in &warnings {
        say(format!("  warning: {}", clean_line(w)));
    }
    Ok((problems.len(), warnings.len()))
}

/// The head judge's decisions on ties (`results.decisions`), checked as `results` checks them
/// against the export's entries: check had said "Ready." of a decision naming an entry the store
/// does not have, and `results` refused it the night before. Each problem at its line.
fn decisions_said(loaded: &Loaded, ids: &HashSet<&str>, problems: &mut Vec<String>, say: &dyn Fn(String)) {
    match loaded.decisions(None) {
        Ok((None, _)) => {}
        Ok((Some(path), decisions)) => {
            let name = path.display().to_string();
            problems.extend(
                crate::prizes::decisions::problems(&decisions, &loaded.config.prizes, ids)
                    .into_iter()
                    .map(|p| format!("{name}: {p}")),
            );
            say(format!("{}: {}", clean_line(&name), crate::format::count(decisions.len(), "decision", "decisions")));
        }
        Err(e) => problems.extend(e.each_problem()),
    }
}

/// The judges' declared conflicts that name no entry of the export, under a line of their own,
/// as the prizes' untaken tags are: one an entry's name looks like is a problem (a typo), the
/// others warnings (the entry may not have come in yet). Returns how many of each were said.
fn idle_conflicts(
    loaded: &Loaded,
    submissions: &[crate::model::Submission],
    export: &str,
    say: &dyn Fn(String),
) -> (usize, usize) {
    let idle = crate::assign::idle_conflicts(&loaded.config.judges, submissions);
    if !idle.is_empty() {
        let (count, name) = (idle.len(), if idle.len() == 1 { "names" } else { "name" });
        say(format!(
            "{}'s judges against {export}: {} that {name} no entry",
            loaded.describe(),
            crate::format::count(count, "conflict", "conflicts")
        ));
    }
    let problems = idle.iter().filter(|c| c.look_alike).count();
    for c in &idle {
        let mark = if c.look_alike { "" } else { "warning: " };
        say(format!("  {mark}{}", clean_line(&loaded.located(&c.said))));
    }
    (problems, idle.len() - problems)
}

/// A prize's tag no entry carries, said as `results` says it: a failure where an entry's tag
/// looks like it (a typo, as a prize file's mistyped id is), else a warning, as no entry may
/// have taken up the sponsor yet. Under a line of their own: indented under the export's "0
/// warnings", a prize's tag had read as that line's, as if the count were wrong. Returns how
/// many problems and warnings were said.
fn untaken_tags(
    loaded: &crate::event_files::Loaded,
    submissions: &[crate::model::Submission],
    export: &str,
    say: &dyn Fn(String),
) -> (usize, usize) {
    let untaken =
        crate::prizes::tags_no_entry_carries(&loaded.config.prizes, submissions.iter().map(|s| s.tags.as_slice()));
    if !untaken.is_empty() {
        say(format!(
            "{}'s prizes against {export}: {} no entry carries",
            loaded.describe(),
            crate::format::count(untaken.len(), "tag", "tags")
        ));
    }
    let (mut problems, mut warnings) = (0, 0);
    for untaken in untaken {
        if untaken.look_alike {
            problems += 1;
            say(format!("  {}", clean_line(&loaded.located(&untaken.said))));
        } else {
            warnings += 1;
            say(format!("  warning: {}", clean_line(&loaded.located(&untaken.said))));
        }
    }
    (problems, warnings)
}

/// One warning for every judge assigned entries withdrawn since: no fault of the assignment,
/// nothing owed for them, and no call to deal every entry anew the night before.
fn withdrawn_since(path: &std::path::Path, store: Option<&Store>, gone: &[(&str, Vec<&String>)]) -> Option<String> {
    let mut entries: Vec<&String> = gone.iter().flat_map(|(_, ids)| ids.iter().copied()).collect();
    entries.sort();
    entries.dedup();
    let first = entries.first()?;
    let judges: Vec<String> = gone.iter().map(|(j, _)| in_quotes(j)).collect();
    let named = crate::format::names_and(&judges, 5);
    let said = if entries.len() == 1 {
        format!(
            "{}, assigned to {named}, was withdrawn from the export since: their scores of it are left out, and nothing is owed for it",
            withdrawn_named(store, first)
        )
    } else {
        format!(
            "{} assigned to {named} were withdrawn from the export since, such as {}: their scores of them are left out, and nothing is owed for them",
            crate::format::count(entries.len(), "entry", "entries"),
            withdrawn_named(store, first)
        )
    };
    Some(format!("{}: {said}; no need to assign again", path.display()))
}

/// A withdrawn entry as a message names it: its id, and its title where the store has it
/// ("e15" (Star Whisper)), so the jury knows which entry left.
fn withdrawn_named(store: Option<&Store>, id: &str) -> String {
    let title = store.and_then(|s| s.submission(id).ok().flatten()).map(|s| s.submission.title);
    match title.filter(|t| !t.trim().is_empty()) {
        Some(title) => format!("{} ({})", in_quotes(id), clean_line(&title)),
        None => in_quotes(id),
    }
}
