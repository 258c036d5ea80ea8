//! `judging assign`: who judges what, written beside judging.toml for the judges' app.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Session;
use crate::disk::Output;
use crate::sanitize::clean_line;

pub struct Request {
    pub judges_per_entry: Option<usize>,
    pub seed: Option<u64>,
    pub all_tracks: bool,
    pub output: Option<Output>,
    pub force: bool,
    pub dry_run: bool,
}

pub(super) fn run(session: Session, request: Request) -> Result<ExitCode> {
    let config = &session.loaded.config;
    if config.judges.is_empty() {
        bail!("{} lists no [[judges]]: add one per judge, with their conflicts", session.loaded.describe());
    }
    // Where it goes is settled before anything is assigned: a refusal comes alone, not after the
    // whole coverage printed for nothing.
    let destination = if request.dry_run { None } else { Some(destination(&session, request.output, request.force)?) };
    let k = request.judges_per_entry.unwrap_or(config.assign.judges_per_entry).max(1);
    let seed = request.seed.unwrap_or(config.assign.seed);
    let keep_tracks = config.assign.keep_tracks && !request.all_tracks;
    let stored = session.store.submissions()?;
    let mut entries: Vec<&crate::model::Submission> =
        stored.iter().filter(|s| !s.withdrawn).map(|s| &s.submission).collect();
    if entries.is_empty() {
        bail!("the store has no submissions: run `{}` first", session.pull);
    }
    // By id, so that the export's order does not change the assignment.
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let calibration = &config.assign.calibration;
    if let Some(unknown) = calibration.iter().find(|id| !entries.iter().any(|s| s.id == **id)) {
        bail!(
            "{}: [assign] calibration names {}, which is not among the store's submissions (withdrawn ones do not count): give ids from `judging list`",
            session.loaded.describe(),
            crate::sanitize::in_quotes(unknown)
        );
    }
    // The judges whose marks count fill each entry's places; a trainee's marks change nothing, so
    // trainees are spread over the entries on top, one to an entry, as practice: each as many
    // as a counted judge takes, not every entry (a lone trainee would have had them all).
    let (counted, trainees): (Vec<crate::config::Judge>, Vec<crate::config::Judge>) =
        config.judges.iter().cloned().partition(|j| !config.is_trainee(&j.name));
    if counted.is_empty() {
        bail!(
            "every judge in {} is a trainee (counts = false): an entry needs judges whose marks count",
            session.loaded.describe()
        );
    }
    let progress = crate::progress::Progress::spinner(&format!("Assigning {} entries", entries.len()));
    let mut plan = crate::assign::assign(&config.event.id, &entries, &counted, k, keep_tracks, seed, calibration);
    // A judge's share as the judges were given entries: with more places asked than judges to
    // fill them, entries × k over the judges had promised trainees more than any judge took.
    let given: usize = plan.assignments.judges.values().map(Vec::len).sum();
    let share = given.div_ceil(counted.len());
    let practice = (!trainees.is_empty()).then(|| {
        let practised = crate::assign::practice(&entries, trainees.len(), share, seed, calibration);
        crate::assign::assign(&config.event.id, &practised, &trainees, 1, keep_tracks, seed, calibration)
    });
    progress.done();
    // The coverage goes where the assignments do not: to standard error when they go to
    // standard output, which then holds the file alone.
    let to_stdout = matches!(destination, Some(Destination::Stdout));
    // Wrapped between words on a terminal: a line of forty judges' loads had been cut mid-name.
    let width = super::terminal_width(true, None);
    let say = |line: String| {
        if to_stdout { super::stderr::report(&line) } else { super::print_report(&format!("{line}\n"), width) }
    };
    let loads: Vec<String> =
        plan.assignments.judges.iter().map(|(j, list)| format!("{} {}", clean_line(j), list.len())).collect();
    say(format!(
        "{}, {} each where the rules allow, seed {seed}{}: {}",
        crate::format::count(entries.len(), "entry", "entries"),
        crate::format::count(k, "judge", "judges"),
        if keep_tracks { ", judges kept to their tracks" } else { "" },
        loads.join(", ")
    ));
    if plan.short.is_empty() {
        say(format!("Every entry has {}.", crate::format::count(k, "judge", "judges")));
    } else {
        say(format!(
            "{} with fewer than {}:",
            crate::format::count(plan.short.len(), "entry", "entries"),
            crate::format::count(k, "judge", "judges")
        ));
        for line in short_lines(&plan.short) {
            say(line);
        }
        if counted.len() < k {
            say(too_few(counted.len(), &trainees, k));
        }
    }
    if let Some(why) = &plan.uneven {
        say(format!("Note: {}", clean_line(why)));
    }
    if let Some(practice) = practice {
        let loads: Vec<String> =
            practice.assignments.judges.iter().map(|(j, list)| format!("{} {}", clean_line(j), list.len())).collect();
        say(format!(
            "Trainees, on top of the judges above (their marks count for nothing), one to an entry, each about a judge's share ({share}): {}",
            loads.join(", ")
        ));
        plan.assignments.judges.extend(practice.assignments.judges);
    }
    if !calibration.is_empty() {
        say(format!(
            "Every judge scores the {} calibration entr{} first.",
            calibration.len(),
            if calibration.len() == 1 { "y" } else { "ies" }
        ));
    }
    say(linked(&plan.groups, k));
    let Some(destination) = destination else { return Ok(ExitCode::SUCCESS) };
    let body = plan.assignments.to_toml();
    let text = format!(
        "# Written by `judging assign`: {} per entry, seed {seed}. Share it with judging.toml;\n\
         # each judge's app then shows their entries as \"assigned to me\".\n{body}",
        crate::format::count(k, "judge", "judges")
    );
    write_plan(destination, &text)
}

/// How many entries to name in a line of entries short of judges for one reason.
const SHORT_NAMED: usize = 5;

/// The entries short of judges, one line for each count and reason: a lone entry as
/// `  id has 1: why`, several as `  37 have 3 (why): a, b, c, d, e and 32 more`, so that an
/// event asking more judges an entry than it has gets a few lines, not one per entry.
fn short_lines(short: &[crate::assign::Short]) -> Vec<String> {
    let mut groups: Vec<((usize, &str), Vec<String>)> = Vec::new();
    for s in short {
        let key = (s.judges, s.why.as_str());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ids)) => ids.push(clean_line(&s.id)),
            None => groups.push((key, vec![clean_line(&s.id)])),
        }
    }
    groups
        .into_iter()
        .map(|((judges, why), ids)| match ids.as_slice() {
            [one] => format!("  {one} has {judges}: {}", clean_line(why)),
            _ => format!(
                "  {} have {judges} ({}): {}",
                ids.len(),
                clean_line(why),
                crate::format::first_few(&ids, SHORT_NAMED, ", ")
            ),
        })
        .collect()
}

/// Why there are fewer judges to draw on than places an entry: who judging.toml lists, the
/// trainees it leaves out of the places, and what would give each entry its `k`.
fn too_few(counted: usize, trainees: &[crate::config::Judge], k: usize) -> String {
    let listed = crate::format::count(counted + trainees.len(), "judge", "judges");
    let named: Vec<String> = trainees.iter().map(|t| clean_line(&t.name)).collect();
    let who = match named.len() {
        0 => String::new(),
        1 => format!(", {} a trainee (counts = false), who takes no judging place,", named[0]),
        _ => format!(
            ", {} trainees (counts = false: {}), who take no judging place,",
            named.len(),
            crate::format::first_few(&named, SHORT_NAMED, ", ")
        ),
    };
    format!(
        "judging.toml lists {listed}{who} so {counted} can judge each entry, fewer than the {k} asked: list more judges, or ask for {counted} (-k {counted}, or [assign] judges_per_entry)."
    )
}

/// Where the assignments go.
enum Destination {
    /// `-o -`.
    Stdout,
    /// The path the organizer named, taken as `>` takes it.
    Named(PathBuf),
    /// assign.file beside judging.toml, never through a link out of its folder.
    Beside(PathBuf),
}

/// Where the assignments go, checked before anything is assigned: an assignments file that
/// exists is replaced only with `force`, and a path that cannot be written is said.
fn destination(session: &Session, output: Option<Output>, force: bool) -> Result<Destination> {
    let (path, named) = match output {
        Some(Output::Stdout) => return Ok(Destination::Stdout),
        Some(Output::File(path)) => (path, true),
        None => (session.loaded.assignments_path(), false),
    };
    // Only a file is the assignments judges may have started from: a device (-o /dev/null) is
    // written to as it is.
    if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) && !force {
        bail!(
            "{} exists: judges may have started from it. Use --force to replace it, or -o to write elsewhere",
            path.display()
        );
    }
    if named {
        crate::disk::check_output(&path)?;
        Ok(Destination::Named(path))
    } else {
        session.loaded.inside(&path)?;
        Ok(Destination::Beside(path))
    }
}

/// Writes the assignments where [`destination`] said, and says so (not on standard output,
/// which holds them alone).
fn write_plan(destination: Destination, text: &str) -> Result<ExitCode> {
    let path = match destination {
        Destination::Stdout => {
            Output::Stdout.write(text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Destination::Named(path) => {
            crate::disk::write_output(&path, text.as_bytes())?;
            path
        }
        Destination::Beside(path) => {
            crate::disk::write_durably(&path, text.as_bytes())?;
            path
        }
    };
    println!("Wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// Whether every judge shares entries with the others, directly or through others: the
/// calibrated merge compares judges' habits only within a linked group.
fn linked(groups: &[Vec<String>], k: usize) -> String {
    if groups.is_empty() {
        return "Judges linked: every judge shares entries with the others, directly or through other judges.".into();
    }
    let named: Vec<String> = groups
        .iter()
        .map(|g| format!("{{{}}}", g.iter().map(|j| clean_line(j)).collect::<Vec<_>>().join(", ")))
        .collect();
    let how = if k < 2 {
        "with one judge per entry no two judges share one: use judges_per_entry = 2 or more, or an [assign] calibration set"
    } else {
        "the conflicts and tracks allow no assignment that links them: add an [assign] calibration set (entries every judge scores), or judge some tracks across"
    };
    format!(
        "Judges not linked: {} groups share no entry, so the merge cannot compare one group's leniency with another's: {}. {how}.",
        groups.len(),
        named.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(id: &str, judges: usize, why: &str) -> crate::assign::Short {
        crate::assign::Short { id: id.into(), judges, why: why.into() }
    }

    /// Entries short for one reason are one line, with a count and the first few named; a lone
    /// one keeps its line.
    #[test]
    fn entries_short_for_one_reason_are_one_line() {
        let few = "only 3 judges to draw on";
        let mut list: Vec<_> = (0..8).map(|i| short(&format!("e{i}"), 3, few)).collect();
        list.insert(2, short("gnome", 1, "conflict: tomas"));
        assert_eq!(
            short_lines(&list),
            [
                "  8 have 3 (only 3 judges to draw on): e0, e1, e2, e3, e4 and 3 more".to_owned(),
                "  gnome has 1: conflict: tomas".to_owned(),
            ]
        );
    }

    /// Too few judges for the places asked names the trainees, who take none, and the way out.
    #[test]
    fn too_few_judges_names_the_trainees_and_the_way_out() {
        let tia = crate::config::Judge { counts: false, ..crate::config::Judge::named("tia") };
        assert_eq!(
            too_few(3, &[tia], 4),
            "judging.toml lists 4 judges, tia a trainee (counts = false), who takes no judging place, so 3 can judge each entry, fewer than the 4 asked: list more judges, or ask for 3 (-k 3, or [assign] judges_per_entry)."
        );
        assert_eq!(
            too_few(2, &[], 3),
            "judging.toml lists 2 judges so 2 can judge each entry, fewer than the 3 asked: list more judges, or ask for 2 (-k 2, or [assign] judges_per_entry)."
        );
    }
}
