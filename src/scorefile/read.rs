//! Reading the judges' score files for the merge: every file checked, on both cores.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::model::ByPart;
use crate::rankings::{Ids, JudgeMarks, Place, Rubrics};
use crate::sanitize::clean_line;
use crate::scorefile::{self, ScoreFileError};

/// Reads every file on both cores, each thread taking the next file not yet taken (so that
/// neither waits while the other has files left); returns each judge's marks in the order of
/// the files, or every problem found, one per refused file.
pub fn read_all(files: &[PathBuf], config: &Config, ids: &Ids) -> Result<Vec<JudgeMarks>, Vec<ScoreFileError>> {
    read_all_before(files, config, || Some(ids))
}

/// [`read_all`], begun before the store's ids are known: each file is read and its body checked
/// (its digest, its rows) at once, and `ids` is asked only to place its rows, so a caller can
/// look the ids up meanwhile. `ids` may wait for them; `None` (they could not be had) stops the
/// reading, as [`ScoreFileError::Stopped`].
pub fn read_all_before<'i>(
    files: &[PathBuf],
    config: &Config,
    ids: impl Fn() -> Option<&'i Ids> + Sync,
) -> Result<Vec<JudgeMarks>, Vec<ScoreFileError>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let rubrics = std::sync::OnceLock::new();
    let ids_known = || ids().map(|ids| (ids, rubrics.get_or_init(|| Rubrics::new(config, ids))));
    let next = AtomicUsize::new(0);
    // One buffer a thread for the files' text: each file's is dropped once read.
    let read = || {
        let mut text = Vec::new();
        let mut read = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(file) = files.get(at) else { return read };
            let one = read_one(file, config, &ids_known, &mut text);
            // Without the store's ids no file can be placed: the rest are not read for nothing.
            let stopped = matches!(one, Err(ScoreFileError::Stopped));
            read.push((at, one));
            if stopped {
                return read;
            }
        }
    };
    let (mut results, rest) = std::thread::scope(|scope| {
        let other = (files.len() > 1).then(|| scope.spawn(read));
        let mine = read();
        (mine, other.map(std::thread::ScopedJoinHandle::join))
    });
    match rest {
        Some(Ok(rest)) => results.extend(rest),
        Some(Err(_)) => return Err(vec![ScoreFileError::Stopped]),
        None => {}
    }
    results.sort_by_key(|(at, _)| *at);
    let results = results.into_iter().map(|(_, result)| result);
    let (marks, problems): (Vec<_>, Vec<_>) = results.partition(Result::is_ok);
    if problems.is_empty() {
        Ok(marks.into_iter().flatten().collect())
    } else {
        Err(problems.into_iter().filter_map(Result::err).collect())
    }
}

fn read_one<'p>(
    path: &Path,
    config: &Config,
    ids_known: &impl Fn() -> Option<(&'p Ids, &'p Rubrics)>,
    text: &mut Vec<u8>,
) -> Result<JudgeMarks, ScoreFileError> {
    // A judge may name their file: shown as given, with no escape sequence reaching a terminal.
    let name = crate::sanitize::visible(&path.display().to_string());
    let unreadable = |e: std::io::Error| ScoreFileError::unreadable(&name, &e);
    // Refused before it is read: a huge file must not exhaust memory.
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > scorefile::MAX_BYTES {
        return Err(ScoreFileError::TooLarge { file: name, size });
    }
    crate::disk::read_capped_into(path, scorefile::MAX_BYTES, text).map_err(|e| match e {
        crate::disk::DiskError::Read { source, .. } => unreadable(source),
        // Each of the others says what is wrong and what to give instead.
        other => ScoreFileError::Unreadable { file: name.clone(), reason: other.to_string() },
    })?;
    let body = scorefile::read(text, &name, config)?;
    let written = who_and_when(&body, &name)?;
    // Only placing the rows needs the store's ids.
    let (ids, rubrics) = ids_known().ok_or(ScoreFileError::Stopped)?;
    let criteria = config.criteria.len();
    let rows = body.scores.len();
    let mut marks = JudgeMarks {
        // A listed judge by the name judging.toml gives them: "ANA " in a file is ana, and was
        // shown as written ("without ANA , cat").
        judge: config.judge(&body.judge).map_or_else(|| body.judge.to_string(), |j| j.name.clone()),
        written_at: body.written_at.to_string(),
        written,
        file: name.clone(),
        digest: body.digest.clone(),
        entries: Vec::with_capacity(rows),
        totals: Vec::with_capacity(rows),
        shared_totals: Vec::new(),
        values: Vec::with_capacity(rows * criteria),
        given: Vec::with_capacity(rows),
        partial: Vec::new(),
        timings: Vec::new(),
        revisions: Vec::new(),
        texts: ByPart::default(),
        comparisons: Vec::new(),
        withdrawn: Vec::new(),
    };
    let mut unknown: Vec<&str> = Vec::new();
    let (earliest, latest) = times_possible(written);
    let mut places = ids.in_order();
    for (id, values, times) in body.scores.iter() {
        // A forged time moves a judge's drift, and with it a corrected merge.
        let at = body.given(times);
        if let Some(at) = at.filter(|at| !(earliest..=latest).contains(at)) {
            return Err(ScoreFileError::Invalid {
                file: name,
                problem: impossible_time(id, at, written, &body),
                kind: "a time that cannot be",
            });
        }
        // Withdrawn entries and recusals are left out.
        let entry = match places.place(id) {
            Place::Ranked(entry) => entry,
            Place::Withdrawn => {
                if values.iter().any(Option::is_some) {
                    marks.withdrawn.push(id.to_string());
                }
                continue;
            }
            Place::Unknown => {
                unknown.push(id);
                continue;
            }
        };
        // A row with no value is an entry not scored, not one partly scored.
        if body.sets_aside(id) || values.iter().all(Option::is_none) {
            continue;
        }
        match rubrics.totals(entry, values) {
            Some(totals) => {
                marks.entries.push(entry);
                marks.totals.push(totals.own);
                marks.given.push(crate::merge::drift::Given::new(at));
                marks.shared_totals.extend(totals.shared);
                // A value for a criterion off the entry's rubric (its track changed since) does
                // not count.
                marks.values.extend(values.iter().enumerate().map(|(c, v)| v.filter(|_| rubrics.judges(entry, c))));
            }
            None => marks.partial.push(id.to_string()),
        }
    }
    marks.comparisons = comparisons(&body, ids, &mut unknown);
    if let Some(first) = unknown.first() {
        return Err(ScoreFileError::Unknown {
            file: name,
            count: unknown.len(),
            first: crate::sanitize::quoted(first),
        });
    }
    keep_notes_and_times(&mut marks, &body, ids);
    Ok(marks)
}

/// The judge's answers in the finals, by field index, each pair in its kept order (the smaller id
/// first) with the verdict said of that order. A pair with a withdrawn entry is left out; an id
/// the store does not have is added to `unknown`. `read` has checked each verdict and pair.
fn comparisons<'b>(
    body: &'b scorefile::Checked,
    ids: &Ids,
    unknown: &mut Vec<&'b str>,
) -> Vec<(usize, usize, crate::model::Compared)> {
    use crate::model::{Compared, Pair, Verdict};
    let mut out = Vec::with_capacity(body.comparisons.len());
    for row in &body.comparisons {
        let [a, b] = &row.pair;
        let (Some(pair), Some(verdict)) = (Pair::new(a, b), Verdict::from_key(&row.verdict)) else { continue };
        let verdict = match (verdict, pair.first == a.as_ref()) {
            (Verdict::Level, _) | (_, true) => verdict,
            (Verdict::First, false) => Verdict::Second,
            (Verdict::Second, false) => Verdict::First,
        };
        let place = |id: &'b str, unknown: &mut Vec<&'b str>| match ids.place(id) {
            Place::Ranked(entry) => Some(entry),
            Place::Withdrawn => None,
            Place::Unknown => {
                unknown.push(id);
                None
            }
        };
        let (first, second) =
            if pair.first == a.as_ref() { (a.as_ref(), b.as_ref()) } else { (b.as_ref(), a.as_ref()) };
        let (Some(i), Some(j)) = (place(first, unknown), place(second, unknown)) else { continue };
        out.push((i, j, Compared { verdict, note: row.note.as_deref().map(str::to_owned) }));
    }
    out
}

/// The judge's notes, times and revisions of the entries in play: a recused judge's are not
/// theirs to give. A recusal itself is kept, with its reason, for the head judge's view.
fn keep_notes_and_times(marks: &mut JudgeMarks, body: &scorefile::Checked, ids: &Ids) {
    let ranked = |id: &str| match ids.place(id) {
        Place::Ranked(entry) => Some(entry),
        _ => None,
    };
    let in_play = |id: &str| ranked(id).filter(|_| !body.sets_aside(id));
    // The median of an entry's readings, where the file has them (version 3), as the judge's
    // app works it out: a file's `timings` may say otherwise only if it was edited.
    let medians = body.readings.iter().filter_map(|(id, all)| Some((id, crate::stats::median(all)?)));
    let older = body.timings.iter().filter(|(id, _)| !body.readings.contains_key(*id)).map(|(id, s)| (id, *s));
    marks.timings = medians.chain(older).filter_map(|(id, seconds)| Some((in_play(id)?, seconds))).collect();
    marks.revisions = body.revisions.iter().filter_map(|(id, rev)| Some((in_play(id)?, rev.to_string()))).collect();
    marks.texts = ByPart::from_fn(|part| {
        let texts = body.texts[part].iter();
        if part.sets_aside() {
            texts.filter_map(|(id, why)| Some((ranked(id)?, why.to_string()))).collect()
        } else {
            texts
                .filter(|(_, text)| !text.trim().is_empty())
                .filter_map(|(id, text)| Some((in_play(id)?, text.to_string())))
                .collect()
        }
    });
}

/// How long before its file was written a score may have been given: a judging longer than a
/// year is not one.
const LONGEST_JUDGING: jiff::SignedDuration = jiff::SignedDuration::from_hours(366 * 24);

/// How far a clock may have been set back, and how far ahead of this machine's a judge's may
/// run: a score given after its file was written, or a file written after now, by more than
/// this, cannot be.
const CLOCK_SLACK: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

/// The Unix seconds a score in a file written at `written` may have been given between.
fn times_possible(written: jiff::Timestamp) -> (f64, f64) {
    let written = written.as_second() as f64;
    (written - LONGEST_JUDGING.as_secs_f64(), written + CLOCK_SLACK.as_secs_f64())
}

/// Why a row's time cannot be, in words, with the time as a date where it is one.
fn impossible_time(id: &str, at: f64, written: jiff::Timestamp, body: &scorefile::Checked) -> String {
    let when = jiff::SignedDuration::try_from_secs_f64(at.trunc())
        .and_then(jiff::Timestamp::from_duration)
        .map_or_else(|_| format!("{at} s after 1970"), |t| t.to_string());
    let how = if at > written.as_second() as f64 {
        "after the file was written"
    } else {
        "more than a year before the file was written"
    };
    format!(
        "{}: scored at {when}, {how} ({}): a score is given before its file is written, in the same judging; ask {} to export again",
        crate::sanitize::quoted(id),
        clean_line(&body.written_at),
        crate::sanitize::quoted(&body.judge)
    )
}

/// The judge's name, checked as the command line checks `--judge`, and the moment the file was
/// written, read as a real time with its offset: the merge orders a judge's files by it, so a
/// moment later than this machine's clock (beyond a day) is refused: it would put the file
/// after every real one.
fn who_and_when(body: &scorefile::Checked, file: &str) -> Result<jiff::Timestamp, ScoreFileError> {
    let invalid =
        |kind: &'static str, problem: String| ScoreFileError::Invalid { file: file.to_owned(), problem, kind };
    if crate::paths::check_judge(&body.judge).is_err() {
        // A name of any length may arrive here: the message quotes its start only.
        return Err(invalid(
            "no judge's name",
            format!(
                "judge \"{}\" is not a judge's name: a name has 1 to 64 printable characters, none of them invisible, as `--judge` takes; ask whoever wrote it to export again",
                crate::sanitize::quoted(&body.judge)
            ),
        ));
    }
    let written = crate::when::instant(&body.written_at).map_err(|reason| {
        invalid(
            "a time that cannot be",
            format!("written_at = {}: {reason}", crate::sanitize::in_quotes(&body.written_at)),
        )
    })?;
    // Whole seconds: enough to compare by eye with the file's.
    let now = jiff::Timestamp::now();
    let now = jiff::Timestamp::from_second(now.as_second()).unwrap_or(now);
    if written > now + CLOCK_SLACK {
        return Err(invalid(
            "a time that cannot be",
            format!(
                "written_at = {}: later than this machine's clock ({now}) by more than a day; a file is not written in the future, and one dated ahead would replace every real file of its judge: check the judge's clock and this one, then export again",
                crate::sanitize::in_quotes(&body.written_at)
            ),
        ));
    }
    Ok(written)
}
