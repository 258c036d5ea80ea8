//! `judging results`: the prize rules in judging.toml applied to the merged rankings.
//!
//! The rankings come from the judges' score files (merged here) or from a merge saved with
//! `judging merge --format json`. Entries' tags, links, SDK, likes and parameters come from the
//! head judge's store. Every input is checked before anything is printed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::ValueEnum;

use super::Session;
use crate::cli::{ResultsFormat, UsageError};
use crate::config::Config;
use crate::model::Submission;
use crate::prizes::Rulebook;
use crate::rankings::{Field, Options, Rankings};
use crate::sanitize::{clean_line, in_quotes};

/// What `results` prints.
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub options: Options,
    /// Whether the method was asked for on the command line (`--method`), not taken from
    /// judging.toml: a saved merge that was merged another way refuses it.
    pub method_asked: bool,
    /// Whether `--trim` or `--trim-by` was given: a saved merge does not say how it was trimmed,
    /// so it refuses them.
    pub trim_asked: bool,
    pub decisions: Option<&'a Path>,
    pub format: ResultsFormat,
    /// The announcement for the public, not the jury's results.
    pub public: bool,
    pub output: Option<&'a Path>,
}

/// What `results` needs of what it was asked and of the event, said before the score files are
/// read or collected: a format the announcement is made in ([`public_format`]), and prizes.
pub(super) fn check_asked(loaded: &crate::event_files::Loaded, public: bool, format: ResultsFormat) -> Result<()> {
    public_format(public, format)?;
    if loaded.config.prizes.is_empty() {
        bail!("{} has no [[prizes]]: add one per prize (see the README's judging.toml reference)", loaded.describe());
    }
    Ok(())
}

/// The results of `request`, whose event [`check_asked`] took and whose output
/// `super::score_files` checked.
pub(super) fn run(session: Session, request: Request) -> Result<ExitCode> {
    let loaded = &session.loaded;
    let config = &loaded.config;
    // The jury's table, Markdown, JSON and page list the warnings; its CSV and the announcement
    // do not (the announcement says how many the jury has to read).
    let listed = !request.public && request.format != ResultsFormat::Csv;
    let listed = super::stderr::Listed::in_output(listed, request.output.is_none());
    // Said only where progress is drawn: on a terminal, without --quiet.
    let progress = crate::progress::shown();
    let (prizes, rankings, held) = {
        let saved = match request.files {
            [one] => read_saved(one, config, request.public)?,
            _ => None,
        };
        // A saved merge needs the store's submissions only; judges' files are read beside them.
        let (submissions, read) = if saved.is_some() {
            (super::merge::merge_field(&session)?, None)
        } else {
            let (submissions, ids, judges) =
                super::merge::read_with_the_store(&session, request.files, super::given::Taker::Results)?;
            (submissions, Some((ids, judges)))
        };
        let (field, judges) = match read {
            Some((ids, judges)) => (super::merge::in_play(&submissions, ids)?, judges),
            None => (Field::new(&submissions), Vec::new()),
        };
        let mut rankings = if let Some(saved) = saved {
            let file =
                request.files.first().map(|f| crate::sanitize::visible(&f.display().to_string())).unwrap_or_default();
            if !request.options.without.is_empty() {
                return Err(crate::cli::UsageError(format!(
                    "--without leaves judges' score files out of the merge, and {file} is a merge saved already: give the judges' score files instead"
                ))
                .into());
            }
            // The saved merge's method is the one its places came from: another asked for
            // would be silently not used.
            if request.trim_asked {
                return Err(crate::cli::UsageError(format!(
                    "--trim and --trim-by act on a merge, and {file} is a merge saved already, whose trim is not saved: give the judges' score files to merge them trimmed so, or leave --trim and --trim-by out"
                ))
                .into());
            }
            let asked = request.options.method.name();
            if request.method_asked && asked != saved.method {
                return Err(crate::cli::UsageError(format!(
                    "--method {asked}: {file} is a merge saved already, by the {} method; give the judges' score files to merge them by {asked}, or leave --method out",
                    clean_line(&saved.method)
                ))
                .into());
            }
            // The merge's own warnings, said on standard error as the score files' reading says
            // them (from a saved merge `results` had said fewer, for the same results), once the
            // file is taken: a refusal had come after all of them.
            for warning in saved.warnings_beside_prizes() {
                listed.warn(&clean_line(warning));
            }
            saved
        } else {
            let mut merged = super::merge::merged_unsaid(judges, config, &field, &request.options)?;
            for warning in merged.warnings_beside_prizes() {
                listed.warn(&clean_line(warning));
            }
            super::merge::from_the_store(&mut merged, &session, &field, listed)?;
            super::finals::settle_into(&mut merged, &session, &field, listed)?;
            merged
        };
        let prizes = prepare(&session, &field, &rankings, request.decisions)?;
        let held = crate::report::results::Held::of(&rankings, &config.prizes);
        // The store's submissions, the rankings' tables and the files as read are the largest
        // things held, and the candidates carry what the prizes need of them: they go before the
        // outcome is built, which keeps 100,000 entries well under 500 MB.
        rankings.rankings = Vec::new();
        // Who is lenient on each entry is kept as a saved merge keeps it, worked out from the
        // files before they go.
        rankings.lenient_judges = rankings.lenient_by();
        rankings.sheets = crate::rankings::Sheets::default();
        (prizes, rankings, held)
    };
    let (outcome, decisions_file) = apply(&session, prizes, &rankings, progress, listed)?;
    let decisions_name = decisions_file.map(|p| p.display().to_string());
    let sheet = crate::report::results::Sheet {
        event: &config.event.name,
        method: &rankings.method,
        currency: &config.results.currency,
        decisions_file: decisions_name.as_deref(),
        outcome: &outcome,
        made: crate::when::today(),
        judges: &rankings.judges,
        held: &held,
        robustness: rankings.robustness.as_deref(),
        left_out: &rankings.left_out,
    };
    let width = super::terminal_width(request.format == ResultsFormat::Table, request.output);
    let text =
        if request.public { announce(&sheet, request.format, width) } else { jury(&sheet, request.format, width)? };
    match request.output {
        Some(path) => {
            crate::disk::write_output(path, text.as_bytes())?;
            if progress {
                eprintln!("Wrote {}", path.display());
            }
        }
        None => super::print_report(&text, width),
    }
    Ok(ExitCode::SUCCESS)
}

/// The jury's results in `format`: every place with its support, and the deliberation.
fn jury(sheet: &crate::report::results::Sheet, format: ResultsFormat, width: Option<usize>) -> Result<String> {
    Ok(match format {
        ResultsFormat::Table => crate::report::results::table(sheet, width),
        ResultsFormat::Md => crate::report::results::markdown(sheet),
        ResultsFormat::Csv => crate::report::results::csv(sheet)?,
        ResultsFormat::Json => crate::report::results::json(sheet)?,
        ResultsFormat::Html => crate::report::html::page(sheet),
        ResultsFormat::Payouts => crate::report::results::payouts(sheet)?,
    })
}

/// Refuses `--public` with a format the announcement is not made in: a usage error, said before
/// any file is read.
fn public_format(public: bool, format: ResultsFormat) -> Result<(), UsageError> {
    if public && !matches!(format, ResultsFormat::Table | ResultsFormat::Md | ResultsFormat::Html) {
        let name = format.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default();
        return Err(UsageError(format!(
            "--public prints the announcement as a table, md or html; --format {name} is for the jury and the finance team"
        )));
    }
    Ok(())
}

/// The announcement in `format` (a table, md or html), printed from the public view of the
/// outcome alone. The organizer is told, on stderr, of any place the jury should settle first.
fn announce(sheet: &crate::report::results::Sheet, format: ResultsFormat, width: Option<usize>) -> String {
    let checks: usize = sheet.outcome.prizes.iter().map(|p| crate::report::results::checks(p).len()).sum();
    if checks > 0 {
        super::stderr::warn(&format!(
            "the jury has {} to read before announcing (CHECK in judging results, without --public)",
            crate::format::count(checks, "check", "checks")
        ));
    }
    let announcement = crate::prizes::public::Announcement::of(sheet.outcome);
    let notice = crate::report::public::Notice {
        event: sheet.event,
        currency: sheet.currency,
        made: sheet.made,
        announcement: &announcement,
    };
    match format {
        ResultsFormat::Md => crate::report::public::markdown(&notice),
        ResultsFormat::Html => crate::report::public::html(&notice),
        _ => crate::report::public::table(&notice, width),
    }
}

/// A saved merge, if `path` is one; `None` for anything else (a score file, then). One whose
/// digest does not match its content, or of another event or rubric, is refused; one saved before
/// merges carried a digest is read with a warning (first among its warnings, which the caller
/// says once the file is taken, and the jury's results list) that it cannot be checked; one
/// saved before merges kept which judges each
/// entry rests on, with a warning that its places cannot be checked for lenient judges.
fn read_saved(path: &Path, config: &Config, public: bool) -> Result<Option<Rankings>> {
    let name = crate::sanitize::visible(&path.display().to_string());
    // Not a regular file (a FIFO would block the open below), one that cannot be read, or too
    // large: the score file reader refuses it with the right words, said for every input alike.
    let large = std::fs::metadata(path).is_ok_and(|m| m.len() > crate::limits::SAVED_MERGE_BYTES);
    if large || !super::given::looks_saved(path) {
        return Ok(None);
    }
    let bytes = crate::disk::read_capped(path, crate::limits::SAVED_MERGE_BYTES)?;
    let mut saved = crate::rankings::SavedRankings::read(&bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let unchecked = saved.digest.is_none();
    let rubric = std::mem::take(&mut saved.rubric);
    let mut saved: Rankings = saved.into();
    // Its rankings named as judging.toml names them now, as the prizes are (a merge saved before
    // it kept their names has none).
    saved.name_tracks(&config.tracks);
    if saved.event != config.event.id {
        bail!(
            "{name}: a merge for event {}, not for this one, {}: merge this event's score files, or give the judging.toml of that merge (--config)",
            in_quotes(&saved.event),
            in_quotes(&config.event.id)
        );
    }
    let ids: Vec<&str> = config.criteria.iter().map(|c| c.id.as_str()).collect();
    if saved.criteria.iter().map(String::as_str).ne(ids.iter().copied()) {
        let shown = |ids: &[&str]| ids.iter().map(|id| clean_line(id)).collect::<Vec<_>>().join(", ");
        let theirs: Vec<&str> = saved.criteria.iter().map(String::as_str).collect();
        bail!(
            "{name}: merged on another rubric (criteria {}), and judging.toml has {}: merge the judges' score files again with this judging.toml, or give the judging.toml of that merge (--config)",
            shown(&theirs),
            shown(&ids)
        );
    }
    // The same criteria on other scales or weights give other totals: its places are not this
    // rubric's. A merge saved before the fingerprint was written names none.
    if !rubric.is_empty() && rubric != crate::scorefile::rubric_fingerprint(config) {
        bail!(
            "{name}: merged on another rubric (the same criteria, but other scales, weights or tracks than judging.toml has now): merge the judges' score files again with this judging.toml, or give the judging.toml of that merge (--config)"
        );
    }
    // The announcement is not made from what cannot be checked: a file relabelled as an earlier
    // version, its digest taken out, had announced a winner moved up by hand with a warning only.
    if unchecked && public {
        bail!(
            "{name} was saved by an earlier judging, without a digest, so whether it was changed after `judging merge` wrote it cannot be checked, and the announcement is not made from it: merge again from the judges' score files (`judging merge SCORE-FILES --format json -o FILE`) and give that file, or give `judging results --public` the score files themselves"
        );
    }
    if unchecked {
        let warning = format!(
            "{name} was saved by an earlier judging, without a digest: whether it was changed after `judging merge` wrote it cannot be checked. Merge again from the judges' score files (`judging merge SCORE-FILES --format json -o FILE`) to save one that can be"
        );
        saved.warnings.insert(0, warning);
    }
    // A place resting on lenient marks is checked from which judges each entry rests on, which a
    // merge saved before it kept them lacks: said, rather than giving fewer checks than the
    // score files give without a word. Under a method that takes leniency out there is none.
    if saved.lenient_judges.is_none() && saved.lenient_bound().is_some() {
        let warning = format!(
            "{name} was saved by an earlier judging, without which judges each entry rests on: whether a paid place rests on lenient judges, whose marks the {} method keeps as given, cannot be checked from it as it is from the score files. Merge again from the judges' score files (`judging merge SCORE-FILES --format json -o FILE`) to save one that can be checked, or give the score files themselves",
            clean_line(&saved.method)
        );
        saved.warnings.insert(0, warning);
    }
    Ok(Some(saved))
}

/// The prize rules of judging.toml applied to merged rankings, with the head judge's decisions:
/// the one pipeline of `results` and `feedback`. Returns the outcome and where the decisions came
/// from. Its warnings are said on standard error: the teams' pages list none.
pub(super) fn award(
    session: &Session,
    field: &Field,
    rankings: &Rankings,
    decisions_path: Option<&Path>,
    progress: bool,
) -> Result<(crate::prizes::Outcome, Option<PathBuf>)> {
    let prizes = prepare(session, field, rankings, decisions_path)?;
    apply(session, prizes, rankings, progress, super::stderr::Listed::NOWHERE)
}

/// What the prizes are applied to: each ranked entry as a candidate, the prize files' values and
/// the head judge's decisions, checked against the field. Owns all it needs of the field.
pub(super) struct Prepared {
    candidates: Vec<crate::prizes::Candidate>,
    /// Each `by = "file"` prize's values, by prize id and entry id.
    files: HashMap<String, HashMap<String, f64>>,
    decisions_file: Option<PathBuf>,
    decisions: Vec<crate::prizes::Decision>,
    /// The title of each entry a decision names, ranked or not, by id: a decision on a tie that
    /// is gone may name entries no judge scored since.
    titles: HashMap<String, String>,
    /// What the jury should know of the inputs: a prize file's row for a withdrawn entry, a
    /// prize's tag no entry carries.
    warnings: Vec<String>,
}

/// The candidates, the prize files and the decisions, every decision checked against the field:
/// one naming an unknown entry or prize stops the results here.
pub(super) fn prepare(
    session: &Session,
    field: &Field,
    rankings: &Rankings,
    decisions_path: Option<&Path>,
) -> Result<Prepared> {
    let loaded = &session.loaded;
    let config = &loaded.config;
    let entries: HashMap<&str, &Submission> =
        field.entries.iter().map(|s| (s.submission.id.as_str(), &s.submission)).collect();
    let hub = session.store.hub_facts_by_entry()?;
    let candidates = crate::prizes::candidates(rankings, &entries, &hub, &config.tracks)?;
    let values = loaded.prize_values()?;
    let (decisions_file, decisions) = match loaded.decisions(decisions_path) {
        Ok(read) => read,
        // A file that does not read: each of its problems on its own line naming the file, and
        // the count closing the run, as the problems of one that reads are said below.
        Err(e @ crate::event_files::FileError::Invalid { .. }) => {
            let problems = e.each_problem();
            for p in &problems {
                super::stderr::say("error", p);
            }
            bail!(
                "{} in {}; no results were made",
                crate::format::count(problems.len(), "problem", "problems"),
                e.path().display()
            );
        }
        Err(e) => return Err(e.into()),
    };
    let known: HashSet<&str> = entries.keys().copied().collect();
    let (strays, warnings) = prize_files_strays(session, &values, &known)?;
    if !strays.is_empty() {
        for p in &strays {
            super::stderr::say("error", p);
        }
        bail!(
            "{} in the prizes' files; no results were made",
            crate::format::count(strays.len(), "problem", "problems")
        );
    }
    // A prize's tag no entry carries would leave it "Not awarded" without a word: a warning the
    // jury's results list, as `check` says it.
    let mut warnings = warnings;
    warnings.extend(
        crate::prizes::tags_no_entry_carries(
            &config.prizes,
            field.entries.iter().map(|s| s.submission.tags.as_slice()),
        )
        .into_iter()
        .map(|t| loaded.located(&t.said)),
    );
    let files = values.into_iter().map(|(prize, v)| (prize, v.by_id)).collect();
    let problems = crate::prizes::decisions::problems(&decisions, &config.prizes, &known);
    if !problems.is_empty() {
        let name = decisions_file.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
        for p in &problems {
            super::stderr::say("error", &format!("{name}: {p}"));
        }
        bail!("{} in {name}; no results were made", crate::format::count(problems.len(), "problem", "problems"));
    }
    let titles = decisions
        .iter()
        .flat_map(|d| &d.order)
        .filter_map(|id| entries.get(id.as_str()).map(|s| (id.clone(), s.title.clone())))
        .collect();
    Ok(Prepared { candidates, files, decisions_file, decisions, titles, warnings })
}

/// Each `by = "file"` prize file's rows for ids not in play ([`prize_file_strays`]): problems
/// that stop the results, and warnings.
fn prize_files_strays(
    session: &Session,
    values: &HashMap<String, crate::prizes::values::Values>,
    known: &HashSet<&str>,
) -> Result<(Vec<String>, Vec<String>)> {
    let (mut problems, mut warnings) = (Vec::new(), Vec::new());
    for prize in &session.loaded.config.prizes {
        let Some(v) = values.get(&prize.id) else { continue };
        let (p, w) = prize_file_strays(&session.loaded, Some(&session.store), prize, v, known)?;
        problems.extend(p);
        warnings.extend(w);
    }
    Ok((problems, warnings))
}

/// One `by = "file"` prize file's rows for ids not among `in_play` (the entries of the export in
/// hand), said by [`crate::prizes::values::strays_said`]: an id the store never held is a typo
/// (a problem), one it held is an entry withdrawn from the export (a warning). The one way
/// `results` and `check` both say them, the withdrawn taken from the store where there is one
/// ([`crate::store::Store::held_besides`]): `check` had passed none, and called a withdrawn
/// entry's row a typo.
pub(super) fn prize_file_strays(
    loaded: &crate::event_files::Loaded,
    store: Option<&crate::store::Store>,
    prize: &crate::config::Prize,
    values: &crate::prizes::values::Values,
    in_play: &HashSet<&str>,
) -> Result<(Vec<String>, Vec<String>)> {
    let withdrawn = match store {
        Some(store) => store.held_besides(in_play)?,
        None => HashSet::new(),
    };
    let path = loaded.prize_file(prize.file.as_deref().unwrap_or_default());
    Ok(crate::prizes::values::strays_said(values, &path.display().to_string(), &prize.id, in_play, &withdrawn))
}

/// The prizes applied to the prepared candidates, with the rankings' head-to-head majorities and
/// their `merge.min_judges`; the outcome's warnings said on standard error as `listed` has it.
pub(super) fn apply(
    session: &Session,
    prepared: Prepared,
    rankings: &Rankings,
    progress: bool,
    listed: super::stderr::Listed,
) -> Result<(crate::prizes::Outcome, Option<PathBuf>)> {
    let config = &session.loaded.config;
    let Prepared { candidates, files, decisions_file, decisions, titles, warnings } = prepared;
    // A line of progress, cleared when the prizes are applied or an error ends it: printed
    // with `eprintln!`, it had stayed on the terminal above the results.
    let applying = progress.then(|| {
        crate::progress::Progress::spinner(&format!(
            "Applying {} to {}",
            crate::format::count(config.prizes.len(), "prize", "prizes"),
            crate::format::count(candidates.iter().filter(|c| c.ranked()).count(), "ranked entry", "ranked entries")
        ))
    });
    let book = Rulebook {
        rules: &config.rules,
        prizes: &config.prizes,
        criteria: &config.criteria,
        files: &files,
        decisions: &decisions,
        majorities: &rankings.majorities,
        min_judges: rankings.min_judges,
        criterion_method: (rankings.method != crate::merge::Method::Mean.name()).then_some(rankings.method.as_str()),
    };
    let mut outcome = crate::prizes::award(&candidates, &book);
    outcome.warnings.splice(0..0, warnings);
    for d in &mut outcome.decisions {
        for (id, title) in d.decision.order.iter().zip(&mut d.titles) {
            if title.is_none() {
                title.clone_from(&titles.get(id).cloned());
            }
        }
    }
    drop(applying);
    let unapplied = crate::prizes::unapplied(&outcome, &rankings.method);
    outcome.warnings.extend(unapplied);
    let misfits = crate::prizes::decisions::misfits(&outcome.decisions);
    if !misfits.is_empty() {
        let name = decisions_file.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
        for p in &misfits {
            super::stderr::say("error", &format!("{name}: {p}"));
        }
        bail!("{} in {name}; no results were made", crate::format::count(misfits.len(), "problem", "problems"));
    }
    outcome.warnings.extend(crate::prizes::lenient_places(&outcome.prizes));
    for w in &outcome.warnings {
        listed.warn(&clean_line(w));
    }
    // The merge's warnings (said on stderr as it ran) go into the jury's results too: a page
    // printed for the jury has no stderr.
    outcome.warnings.splice(0..0, rankings.warnings_beside_prizes().cloned());
    Ok((outcome, decisions_file))
}
