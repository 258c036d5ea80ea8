//! `judging merge`: the head judge's files in, rankings out, printed or on the head judge's
//! screen. Every file is read and checked before anything is merged.

use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Session;
use crate::cli::MergeFormat;
use crate::sanitize::clean_line;

/// Where the merged rankings go.
pub(super) enum To<'a> {
    Print(MergeFormat, Option<&'a std::path::Path>),
    /// The head judge's screen in the terminal, with the command that opened it (its files or
    /// `--from-hub`), which its hints build on.
    Screen(crate::paste::CommandLine),
    /// Every judge's view of one entry.
    Entry(&'a str, MergeFormat, Option<&'a std::path::Path>),
    /// The finals published, from the rubric round's rankings.
    Finals {
        force: bool,
    },
}

impl<'a> To<'a> {
    /// The file `-o` names, where the merge is printed to one.
    pub(super) fn output(&self) -> Option<&'a std::path::Path> {
        match self {
            To::Print(_, output) | To::Entry(_, _, output) => *output,
            To::Screen(_) | To::Finals { .. } => None,
        }
    }

    /// Whether the output shows what a prize by criterion ranks by: the printed rankings (a
    /// table, Markdown or CSV) and one entry's view do not; the saved JSON, which `results`
    /// reads, the head judge's screen and the finals do.
    pub(super) fn shows_criterion_standings(&self) -> bool {
        match self {
            To::Print(format, _) => *format == MergeFormat::Json,
            To::Entry(..) => false,
            To::Screen(_) | To::Finals { .. } => true,
        }
    }

    /// Where the merge's warnings are read besides standard error: the printed rankings list
    /// them (a table and Markdown under WARNINGS, JSON in its `warnings`; CSV does not), one
    /// entry's view and the finals do not.
    fn warnings(&self) -> super::stderr::Listed {
        match self {
            To::Print(format, output) => {
                super::stderr::Listed::in_output(*format != MergeFormat::Csv, output.is_none())
            }
            // The head judge's screen lists them too (`w`), yet they are said on standard error
            // all the same: they are said as the merge runs, before the screen opens, so its
            // alternate screen hides them while it is open, and they stand on the restored
            // terminal once it closes, read once there. Left off, a screen that failed to open
            // or a pipe's reader would have had none.
            To::Screen(_) => super::stderr::Listed::NOWHERE,
            To::Entry(..) | To::Finals { .. } => super::stderr::Listed::NOWHERE,
        }
    }
}

/// What stops the merge's output whatever the judges' files hold, said before they are read or
/// collected: an id the store does not have (the merge had run whole, warnings and all, and
/// `--from-hub` had asked the repo for every file, to refuse it), and finals that cannot be
/// published ([`super::finals::can_publish`]).
pub(super) fn checked_first(session: &Session, to: &To) -> Result<()> {
    if let To::Finals { force } = to {
        super::finals::can_publish(&session.loaded, *force)?;
    }
    if let To::Entry(id, ..) = to {
        let places = session.store.places()?;
        if !places.is_empty() && !places.iter().any(|(known, _, _)| known == id) {
            let in_play = places.iter().filter(|(_, gone, _)| !gone).map(|(known, _, _)| known.as_str());
            return Err(no_such_entry(id, in_play));
        }
    }
    Ok(())
}

pub(super) fn run(
    session: Session,
    files: &[std::path::PathBuf],
    options: &crate::rankings::Options,
    to: To,
) -> Result<ExitCode> {
    let config = &session.loaded.config;
    // What it writes, and the entry it shows, were checked before the files were read or
    // collected (super::score_files, checked_first).
    let listed = to.warnings();
    let (submissions, ids, judges) = read_with_the_store(&session, files, super::given::Taker::Merge)?;
    let field = in_play(&submissions, ids)?;
    let mut rankings = merged(judges, config, &field, options, listed)?;
    from_the_store(&mut rankings, &session, &field, listed)?;
    // The finals are chosen from the rubric round's order; every other output has the finals'.
    if !matches!(to, To::Finals { .. }) {
        super::finals::settle_into(&mut rankings, &session, &field, listed)?;
    }
    let (format, output) = match to {
        To::Finals { force } => return super::finals::publish(&session, &rankings, &field, force),
        To::Print(format, output) => (format, output),
        To::Screen(opened_with) => {
            let known: std::collections::HashSet<&str> = submissions.iter().map(|s| s.submission.id.as_str()).collect();
            crate::tui::board::run(&rankings, &session.loaded, &known, opened_with)?;
            return Ok(ExitCode::SUCCESS);
        }
        To::Entry(id, format, output) => {
            let Some(mut panel) = rankings.panel_of(id) else {
                // A withdrawn entry is known: said so, with who scored it, not "no such entry".
                if session.store.places()?.iter().any(|(known, gone, _)| *gone && known == id) {
                    let who: Vec<String> = rankings
                        .sheets
                        .judges
                        .iter()
                        .filter(|j| j.withdrawn.iter().any(|w| w == id))
                        .map(|j| clean_line(&j.judge))
                        .collect();
                    let scored = if who.is_empty() {
                        "no judge's file scores it".to_owned()
                    } else {
                        format!("the scores of {} are left out", who.join(", "))
                    };
                    bail!(
                        "--entry {}: withdrawn from the export, so in no ranking; {scored}",
                        crate::sanitize::in_quotes(id)
                    );
                }
                return Err(no_such_entry(id, field.entries.iter().map(|s| s.submission.id.as_str())));
            };
            panel.mark_unlisted(|judge| config.not_listed(judge));
            let width = super::terminal_width(format == MergeFormat::Table, output);
            let text = match format {
                MergeFormat::Json => crate::report::entry::json(&panel)?,
                MergeFormat::Table => crate::report::entry::table(&panel, &config.tracks, width),
                MergeFormat::Md => crate::report::entry::markdown(&panel, &config.tracks),
                MergeFormat::Csv => crate::report::entry::csv(&panel)?,
            };
            write(output, &text, width)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let width = super::terminal_width(format == MergeFormat::Table, output);
    let text = match format {
        MergeFormat::Json => {
            let mut saved = crate::rankings::SavedRankings::from(&rankings);
            saved.rubric = crate::scorefile::rubric_fingerprint(config);
            saved.write()?
        }
        MergeFormat::Table => crate::report::rankings::table(&rankings, width),
        MergeFormat::Md => crate::report::rankings::markdown(&rankings),
        MergeFormat::Csv => crate::report::rankings::csv(&rankings)?,
    };
    write(output, &text, width)?;
    // The process ends here, and its memory goes back whole: freeing a big merge's rankings
    // and submissions piece by piece took 7 ms of 200 (the store is closed as ever).
    std::mem::forget((rankings, submissions, text));
    Ok(ExitCode::SUCCESS)
}

/// To the file asked for, or standard output (a table's sentences wrapped at the terminal's
/// `width`, where there is one).
fn write(output: Option<&std::path::Path>, text: &str, width: Option<usize>) -> Result<()> {
    match output {
        Some(path) => {
            crate::disk::write_output(path, text.as_bytes())?;
            // Said as `results` says it: on a terminal, beside the spinner, never into a pipe.
            if crate::progress::shown() {
                eprintln!("Wrote {}", path.display());
            }
        }
        None => super::print_report(text, width),
    }
    Ok(())
}

/// What the head judge's store adds to a merge: the Hub's facts that `judging enrich` cached, for
/// the entries the event's rules exclude from prizes (the same test as the prize results) and
/// those whose Space changed after the deadline (a warning, said as `listed` has it).
pub(super) fn from_the_store(
    rankings: &mut crate::rankings::Rankings,
    session: &Session,
    field: &crate::rankings::Field,
    listed: super::stderr::Listed,
) -> Result<()> {
    let hub = session.store.hub_facts_by_entry()?;
    crate::prizes::eligibility::mark(rankings, field, &hub, &session.loaded.config.rules);
    after_deadline(rankings, session, field, &hub, listed);
    // A broken assignments file stops no merge: `judging check` names its problems.
    if let Ok(Some(assignments)) = session.loaded.assignments()
        && let Some(warning) =
            crate::rankings::unfinished(&rankings.sheets.judges, &rankings.sheets.ids, |judge| assignments.of(judge))
    {
        listed.warn(&clean_line(&warning));
        rankings.warnings.push(warning);
    }
    Ok(())
}

/// Notes the entries whose Space changed after `event.deadline`, by the Hub's facts that
/// `judging enrich` cached in the head judge's store, and says so once.
fn after_deadline(
    rankings: &mut crate::rankings::Rankings,
    session: &Session,
    field: &crate::rankings::Field,
    hub: &std::collections::HashMap<String, (crate::model::HubFacts, String)>,
    listed: super::stderr::Listed,
) {
    let event = &session.loaded.config.event;
    if event.deadline_at().is_none() {
        return;
    }
    let changed: Vec<(String, String)> = field
        .entries
        .iter()
        .filter_map(|s| {
            let at = hub.get(&s.submission.id)?.0.changed_at.clone()?;
            event.after_deadline(&at).then(|| (s.submission.id.clone(), at))
        })
        .collect();
    if !changed.is_empty() {
        let named: Vec<String> =
            changed.iter().map(|(id, at)| format!("{} ({})", clean_line(id), clean_line(at))).collect();
        let warning = format!(
            "{} entr{} changed on the Hub after the deadline ({}): {}; judges who looked later saw the later app",
            changed.len(),
            if changed.len() == 1 { "y" } else { "ies" },
            event.deadline.as_deref().unwrap_or_default(),
            crate::format::first_few(&named, 5, ", ")
        );
        listed.warn(&clean_line(&warning));
        rankings.warnings.push(warning);
    }
    rankings.changed_after_deadline = changed;
}

/// What a command that reads the judges' files says of a store with no submissions.
fn no_submissions(session: &Session) -> anyhow::Error {
    anyhow::anyhow!("the store has no submissions: run `{}` first, with the export the judges scored", session.pull)
}

/// The store's submissions, which the judges' files are checked against: none is an error.
pub(super) fn merge_field(session: &Session) -> Result<Vec<crate::model::StoredSubmission>> {
    let submissions = session.store.submissions()?;
    if submissions.is_empty() {
        return Err(no_submissions(session));
    }
    Ok(submissions)
}

/// `--entry ID` naming no entry in play, with the ids of `in_play` it may have meant.
fn no_such_entry<'a>(id: &str, in_play: impl Iterator<Item = &'a str>) -> anyhow::Error {
    let near = crate::format::look_alike(id, in_play, 5);
    let hint = crate::paste::did_you_mean(&near, crate::paste::Given::Option("--entry"));
    anyhow::anyhow!(
        "--entry {}: no such entry among the store's submissions in play (withdrawn ones are not ranked); `judging list` gives the ids.{hint}",
        crate::sanitize::in_quotes(id)
    )
}

/// The store's submissions and every judge's file, read and checked against them: the files on
/// both cores from the start, while the store is asked what placing their rows needs (each
/// entry's id and track, one small query) and then loads the submissions. Every refused file is
/// named on stderr and nothing is merged; on a terminal a spinner shows while it works. A file
/// older than the newest of its judge's this store took in is refused too ([`super::newest`]);
/// a read accepted whole is taken in.
pub(super) fn read_with_the_store(
    session: &Session,
    files: &[std::path::PathBuf],
    taker: super::given::Taker,
) -> Result<(Vec<crate::model::StoredSubmission>, crate::rankings::Ids, Vec<crate::rankings::JudgeMarks>)> {
    let config = &session.loaded.config;
    // Drawn only on a terminal: `Progress` decides, so no caller passes a flag for it.
    let spinner = crate::progress::Progress::spinner(&format!(
        "Reading {}",
        crate::format::count(files.len(), "score file", "score files")
    ));
    // The files are read and checked while the store's ids are looked up; only placing their
    // rows waits for the ids (`None` where they could not be had, which stops the reading).
    let known: std::sync::OnceLock<Option<crate::rankings::Ids>> = std::sync::OnceLock::new();
    let (loaded, judges) = std::thread::scope(|scope| {
        let reading = scope.spawn(|| crate::scorefile::read_all_before(files, config, || known.wait().as_ref()));
        let looked_up = {
            // However the lookup ends, a panic included, the readers are not left waiting.
            let _let_go = LetGo(&known);
            ids_of(session).map(|ids| {
                let _ = known.set(Some(ids));
            })
        };
        // The submissions load while the files are read, once the ids are known good.
        (looked_up.map(|()| session.store.submissions()), reading.join())
    });
    spinner.done();
    let submissions = loaded??;
    let Some(ids) = known.into_inner().flatten() else {
        unreachable!("the ids were set, or the lookup's error returned")
    };
    let judges = judges.unwrap_or_else(|_| Err(vec![crate::scorefile::ScoreFileError::Stopped]));
    let judges = judges.map_err(|problems| {
        // A saved merge among the files is said with what this command reads instead (found as
        // the file is read, not by opening every file once more before).
        let saved =
            |p: &&crate::scorefile::ScoreFileError| matches!(p, crate::scorefile::ScoreFileError::SavedMerge { .. });
        for problem in problems.iter().filter(saved) {
            let shown = |f: &&std::path::PathBuf| {
                problem.file() == Some(crate::sanitize::visible(&f.display().to_string()).as_str())
            };
            match files.iter().find(shown) {
                Some(file) => super::stderr::say("error", &super::given::saved_merge_refused(file, taker)),
                None => super::stderr::say("error", &problem.to_string()),
            }
        }
        for line in crate::scorefile::ScoreFileError::condensed(problems.iter().filter(|p| !saved(p))) {
            super::stderr::say("error", &line);
        }
        let hint = never_had(session, &problems);
        // Leaving out every file given leaves nothing to merge: that way on is offered only
        // where some file was read.
        let them = if problems.len() == 1 { "it" } else { "them" };
        let go_on = if problems.len() < files.len() {
            format!("; to go on without {them}, leave {them} out of the command")
        } else {
            String::new()
        };
        anyhow::anyhow!(
            "{} of {} refused; nothing was merged. Each is named above with what to do{go_on}{hint}",
            problems.len(),
            crate::format::count(files.len(), "file", "files"),
        )
    })?;
    // Every file good: then none may be a judge's step back to a file older than the store took
    // in, and only then is what the read holds new taken in.
    let read: Vec<crate::newest::FileRead> =
        judges.iter().map(|m| crate::newest::FileRead::of(m, &session.loaded.config)).collect();
    let verdict = super::newest::check(session, &read)?;
    if !verdict.refused.is_empty() {
        super::newest::say_refused(session, &verdict);
        let refused = super::newest::files_refused(&verdict);
        // A file of the very moment of the one taken in, with other scores, is no older: it is
        // not newer either.
        let how = if verdict.refused.iter().any(crate::newest::StepBack::same_moment) { "not newer" } else { "older" };
        bail!(
            "{refused} of {} refused, {how} than {} this store took in before; nothing was merged. Each is named above with what to do",
            crate::format::count(files.len(), "file", "files"),
            if refused == 1 { "the file of its judge" } else { "the files of their judges" }
        );
    }
    super::newest::take_in(session, &verdict);
    Ok((submissions, ids, judges))
}

/// Where each of the store's ids stands, and its track: what reading the judges' files places
/// their rows by. A store with no submissions has nothing to merge.
fn ids_of(session: &Session) -> Result<crate::rankings::Ids> {
    let places = session.store.places()?;
    if places.is_empty() {
        return Err(no_submissions(session));
    }
    Ok(crate::rankings::Ids::new(places.iter().map(|(id, gone, track)| (id.as_str(), *gone, track.as_deref()))))
}

/// Lets the readers waiting on the store's ids go, with none (which stops them), when the
/// lookup ends without setting them.
struct LetGo<'a>(&'a std::sync::OnceLock<Option<crate::rankings::Ids>>);

impl Drop for LetGo<'_> {
    fn drop(&mut self) {
        // Set already where the lookup found the ids: then this does nothing.
        let _ = self.0.set(None);
    }
}

/// Why a store may not know an entry a judge scored, and the way out: an entry that left the
/// export before this store's first pull was never in it, so it is not withdrawn here but
/// unknown. Pulling the export the judges scored, then the current one, keeps it as withdrawn,
/// as every re-pull does, and the merge then leaves its scores out by name.
/// Nothing where no file in `problems` scores an entry the store never had.
pub(super) fn never_had(session: &Session, problems: &[crate::scorefile::ScoreFileError]) -> String {
    if !problems.iter().any(|p| matches!(p, crate::scorefile::ScoreFileError::Unknown { .. })) {
        return String::new();
    }
    let store = session.store.path().display();
    let pulled = match session.store.last_pull() {
        Ok(Some((at, source))) => format!(", last pulled from {} at {at}", crate::sanitize::clean_line(&source)),
        _ => String::new(),
    };
    format!(
        ".\nThe store {store}{pulled} has never held those entries: an entry that left the export before \
         the store's first pull is unknown to it, not withdrawn. If the judges scored an earlier export, \
         pull it (`judging pull --from OLD-EXPORT`), then `judging pull` again: what has left the \
         export then stands withdrawn, and the merge leaves its scores out, saying whose. If the \
         files are from another event, or the store is not the head judge's, give the right ones"
    )
}

/// The field the files were read against, with the submissions loaded beside them.
pub(super) fn in_play(
    submissions: &[crate::model::StoredSubmission],
    ids: crate::rankings::Ids,
) -> Result<crate::rankings::Field<'_>> {
    crate::rankings::Field::with_ids(submissions, ids).ok_or_else(|| {
        anyhow::anyhow!(
            "the store's submissions changed while the score files were read (a `judging pull` at the same time?): nothing was merged; run the command again"
        )
    })
}

/// Merges the judges' marks, read and checked; warnings go to stderr (as `listed` has it), and on
/// a terminal a spinner while it works.
pub(super) fn merged(
    judges: Vec<crate::rankings::JudgeMarks>,
    config: &crate::config::Config,
    field: &crate::rankings::Field,
    options: &crate::rankings::Options,
    listed: super::stderr::Listed,
) -> Result<crate::rankings::Rankings> {
    let rankings = merged_unsaid(judges, config, field, options)?;
    for w in &rankings.warnings {
        listed.warn(&clean_line(w));
    }
    Ok(rankings)
}

/// [`merged`], its warnings left to the caller to say.
pub(super) fn merged_unsaid(
    judges: Vec<crate::rankings::JudgeMarks>,
    config: &crate::config::Config,
    field: &crate::rankings::Field,
    options: &crate::rankings::Options,
) -> Result<crate::rankings::Rankings> {
    let spinner = crate::progress::Progress::spinner(&format!(
        "Merging {} judges with the {} method",
        judges.len(),
        options.method.name()
    ));
    let rankings = crate::rankings::rank_all(judges, config, field, options);
    spinner.done();
    Ok(rankings?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The criterion fits are left out only where nothing shows them: the saved JSON (what
    /// `results` reads), the screen and the finals keep them.
    #[test]
    fn only_outputs_that_show_no_prize_leave_the_criterion_fits_out() {
        let cases = [
            (To::Print(MergeFormat::Table, None), false),
            (To::Print(MergeFormat::Md, None), false),
            (To::Print(MergeFormat::Csv, None), false),
            (To::Entry("e", MergeFormat::Json, None), false),
            (To::Print(MergeFormat::Json, None), true),
            (To::Screen(crate::paste::CommandLine::new(&["merge"])), true),
            (To::Finals { force: false }, true),
        ];
        for (to, shows) in cases {
            assert_eq!(to.shows_criterion_standings(), shows);
        }
    }
}
