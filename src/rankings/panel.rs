//! The panel a merge ranks: the entries in play, each judge's marks on them, and the judges that
//! count (one file per judge, the chosen ones for the sum method).

use std::collections::HashMap;

use super::RankError;
use crate::merge::{CriterionMarks, Mark, Panel};
use crate::model::{StoredSubmission, same_name};
use crate::sanitize::clean_line;

/// The entries a merge ranks: the store's submissions less the withdrawn ones.
pub struct Field<'s> {
    pub entries: Vec<&'s StoredSubmission>,
    /// The withdrawn ones, which no ranking holds: the merge names them by title.
    pub withdrawn: Vec<&'s StoredSubmission>,
    /// Where each known id stands: all that reading the judges' files needs.
    pub ids: Ids,
}

/// The submissions in play, and those withdrawn, each in the store's order.
fn in_play_and_gone(submissions: &[StoredSubmission]) -> (Vec<&StoredSubmission>, Vec<&StoredSubmission>) {
    submissions.iter().partition(|s| !s.withdrawn)
}

/// Where a score file's submission id stands in the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Ranked(usize),
    Withdrawn,
    Unknown,
}

impl<'s> Field<'s> {
    pub fn new(submissions: &'s [StoredSubmission]) -> Self {
        let (entries, withdrawn) = in_play_and_gone(submissions);
        Field { entries, withdrawn, ids: Ids::new(Ids::of(submissions)) }
    }

    /// The field of `submissions` with the ids read before them ([`Ids::new`], from the same
    /// store); `None` when they do not say the same of every id (the store changed between the
    /// two reads).
    pub fn with_ids(submissions: &'s [StoredSubmission], ids: Ids) -> Option<Self> {
        // Each submission looked up where the ids place it, in the store's order: the ranked
        // numbered one after another, each on its track, and the store's ids no more than these
        // (a store holds each id once). Checked so, not by making the ids again from the
        // submissions and comparing: that was half a millisecond of a merge's wait.
        let mut next = 0;
        for s in submissions {
            let agrees = match ids.place(&s.submission.id) {
                Place::Ranked(entry) => {
                    !s.withdrawn && entry == next && ids.tracks[entry].as_deref() == s.submission.track.as_deref()
                }
                Place::Withdrawn => s.withdrawn,
                Place::Unknown => false,
            };
            if !agrees {
                return None;
            }
            next += usize::from(!s.withdrawn);
        }
        (next == ids.tracks.len() && ids.by_id.len() == submissions.len()).then(|| {
            let (entries, withdrawn) = in_play_and_gone(submissions);
            Field { entries, withdrawn, ids }
        })
    }

    pub fn place(&self, id: &str) -> Place {
        self.ids.place(id)
    }
}

/// Every known id in order, with where it stands (see [`Ids`]).
type Known = Vec<(Box<str>, Option<usize>)>;

/// Where each known id stands, and each entry's track: what reading a judge's file checks its
/// rows against, known from the store's ids alone.
pub struct Ids {
    /// Every known id in order, with where it stands: `Some(entry)` for those ranked, `None` for
    /// the withdrawn. Its own copies of the ids (here and in `index`): a million look-ups should
    /// not chase pointers across the store.
    by_id: Known,
    /// Each id's position in `by_id`.
    index: HashMap<Box<str>, usize, foldhash::fast::RandomState>,
    /// Each ranked entry's track, by entry.
    tracks: Vec<Option<String>>,
}

impl Ids {
    /// From every submission's id, whether it is withdrawn and its track, in the store's order:
    /// the entries are the ones not withdrawn, numbered in that order.
    pub fn new<'a>(submissions: impl Iterator<Item = (&'a str, bool, Option<&'a str>)>) -> Ids {
        let (by_id, tracks) = Ids::known(submissions);
        let index = by_id.iter().enumerate().map(|(at, (id, _))| (id.clone(), at)).collect();
        Ids { by_id, index, tracks }
    }

    /// What [`Ids::new`] takes, from the submissions themselves.
    fn of(submissions: &[StoredSubmission]) -> impl Iterator<Item = (&str, bool, Option<&str>)> {
        submissions.iter().map(|s| (s.submission.id.as_str(), s.withdrawn, s.submission.track.as_deref()))
    }

    /// Every id in order with where it stands, and each entry's track: all that [`Ids`] holds
    /// beside the index derived from them.
    fn known<'a>(submissions: impl Iterator<Item = (&'a str, bool, Option<&'a str>)>) -> (Known, Vec<Option<String>>) {
        let (mut by_id, mut withdrawn, mut tracks): (Known, Known, Vec<Option<String>>) =
            (Vec::new(), Vec::new(), Vec::new());
        for (id, gone, track) in submissions {
            if gone {
                withdrawn.push((id.into(), None));
            } else {
                by_id.push((id.into(), Some(tracks.len())));
                tracks.push(track.map(str::to_owned));
            }
        }
        by_id.append(&mut withdrawn);
        // An id both ranked and withdrawn (a store holds each once) stands withdrawn.
        by_id.sort_by(|a, b| a.0.cmp(&b.0));
        by_id.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = later.1;
            }
            same
        });
        (by_id, tracks)
    }

    pub fn place(&self, id: &str) -> Place {
        self.index.get(id).map_or(Place::Unknown, |at| self.by_id[*at].1.into())
    }

    /// Looks up a file's ids one after another: rows in the order of their ids, as the judge's
    /// app writes them, are found by one comparison each instead of a hash.
    pub fn in_order(&self) -> InOrder<'_> {
        InOrder { ids: self, next: 0 }
    }

    /// Each ranked entry's track, by entry.
    pub fn tracks(&self) -> impl Iterator<Item = Option<&str>> {
        self.tracks.iter().map(Option::as_deref)
    }
}

impl From<Option<usize>> for Place {
    fn from(entry: Option<usize>) -> Place {
        entry.map_or(Place::Withdrawn, Place::Ranked)
    }
}

/// A file's ids looked up one after another ([`Ids::in_order`]).
pub struct InOrder<'f> {
    ids: &'f Ids,
    /// Where the next id is looked first: just after the last one found.
    next: usize,
}

impl InOrder<'_> {
    /// Where `id` stands in the field, as [`Ids::place`] says.
    pub fn place(&mut self, id: &str) -> Place {
        let by_id = &self.ids.by_id;
        let at = match by_id.get(self.next) {
            Some((next, _)) if **next == *id => self.next,
            _ => match self.ids.index.get(id) {
                Some(at) => *at,
                None => return Place::Unknown,
            },
        };
        self.next = at + 1;
        by_id[at].1.into()
    }
}

/// One judge's file, reduced to what ranking needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JudgeMarks {
    pub judge: String,
    /// When the file was written, as the file says it (for messages).
    pub written_at: String,
    /// That moment, read with its offset: what orders a judge's files.
    pub written: jiff::Timestamp,
    /// The file it was read from, for messages.
    pub file: String,
    /// The SHA-256 of the file's body: the same body twice is one file.
    pub digest: String,
    /// The entries this judge scored fully and did not recuse from.
    pub entries: Vec<usize>,
    /// Each of those entries' weighted total on its own rubric (its track's), on the rubric's
    /// scale.
    pub totals: Vec<f64>,
    /// With per-track rubrics: each entry's total on the criteria every track shares, which the
    /// overall ranking compares; empty otherwise.
    pub shared_totals: Vec<f64>,
    /// Each of those entries' values, one per criterion in rubric order, row after row; `None`
    /// for a criterion not on the entry's rubric.
    pub values: Vec<Option<u8>>,
    /// When each of those entries was scored, in Unix seconds (the latest of its criteria's
    /// times), by row; `None` where the file gives no time, and empty when built without times.
    pub given: Vec<crate::merge::drift::Given>,
    /// The ids of the entries left partly scored: they do not count.
    pub partial: Vec<String>,
    /// The median of the judge's stopwatch readings of each timed entry, in seconds, by entry.
    pub timings: Vec<(usize, f64)>,
    /// The Space's commit the judge scored each entry on, where the Hub said (version 3 files).
    pub revisions: Vec<(usize, String)>,
    /// The judge's texts of each part, by entry, for the head judge's view and the teams'
    /// feedback: notes for the jury, notes the team may read (version 3 files; older notes are
    /// the jury's only), and recusals with their reasons. Blank notes are left out, and so are
    /// the notes of an entry the judge recused from.
    pub texts: crate::model::ByPart<Vec<(usize, String)>>,
    /// The judge's answers in the finals, by the pair's entries (as the field indexes them, the
    /// pair's first as its sheet keeps it first), said of that order.
    pub comparisons: Vec<(usize, usize, crate::model::Compared)>,
    /// The ids of the entries withdrawn from the export that this file scores: left out, and
    /// named in the merge's warnings.
    pub withdrawn: Vec<String>,
}

impl JudgeMarks {
    /// The judge's text of one part on an entry, if they wrote one.
    pub fn text(&self, part: crate::model::TextPart, entry: usize) -> Option<&str> {
        self.texts[part].iter().find(|(e, _)| *e == entry).map(|(_, text)| text.as_str())
    }
}

/// A judge in two files counts once, from the newer file; names compare as judges' names always
/// do. Two different files written at the same moment cannot be ordered: they are refused, so the
/// result never depends on the order the files were given in. The same body twice is one file.
pub fn one_file_per_judge(judges: &mut Vec<JudgeMarks>) -> Result<Vec<String>, RankError> {
    newest_first(judges, |j| (&j.judge, j.written, &j.file));
    if let Some(pair) = judges
        .windows(2)
        .find(|w| same_name(&w[0].judge, &w[1].judge) && w[0].written == w[1].written && w[0].digest != w[1].digest)
    {
        return Err(RankError::SameMoment {
            file: clean_line(&pair[0].file),
            other: clean_line(&pair[1].file),
            judge: clean_line(&pair[0].judge),
            written_at: clean_line(&pair[0].written_at),
        });
    }
    let mut warnings = Vec::new();
    // A judge's older file set aside as usual: said one line a judge when one judge sent two,
    // and in one line for all of them when several did (a folder of forty judges' files from two
    // days had printed forty lines, hiding the warnings that matter among them).
    let mut plain: Vec<[String; 6]> = Vec::new();
    // The same file given more than once, by judge: the judge, the file kept, and its copies.
    let mut copies: Vec<(String, String, Vec<String>)> = Vec::new();
    judges.dedup_by(|later, kept| {
        let same = same_name(&later.judge, &kept.judge);
        if same && later.digest == kept.digest {
            let (judge, file) = (clean_line(&kept.judge), clean_line(&kept.file));
            match copies.iter_mut().find(|(j, f, _)| *j == judge && *f == file) {
                Some((_, _, more)) => more.push(clean_line(&later.file)),
                None => copies.push((judge, file, vec![clean_line(&later.file)])),
            }
        } else if same {
            // A newer file that drops scores the older one had is not a judge's usual re-export:
            // it may be another's under this name, which only signed files rule out.
            // A recusal since, or a score cleared (the entry now partly scored), is the judge's
            // own doing: only what the newer file holds nothing of counts.
            let recused = kept.texts[crate::model::TextPart::Recusal].iter().map(|(e, _)| *e);
            let newer: std::collections::HashSet<usize> = kept.entries.iter().copied().chain(recused).collect();
            let dropped =
                later.entries.iter().filter(|e| !newer.contains(e)).count().saturating_sub(kept.partial.len());
            let suspicious = if dropped == 0 {
                String::new()
            } else {
                format!(
                    "; the newer leaves out {} the older scored: if {:?} did not write it, it is someone else's under that name (list each judge with the public key `judging key` prints, and the merge refuses a file no listed judge signed)",
                    crate::format::count(dropped, "entry", "entries"),
                    clean_line(&kept.judge)
                )
            };
            let said = [
                clean_line(&kept.judge),
                clean_line(&kept.file),
                kept.written_at.clone(),
                clean_line(&later.file),
                later.written_at.clone(),
                changed_said(kept, later),
            ];
            if suspicious.is_empty() {
                plain.push(said);
            } else {
                warnings.push(format!("{}{suspicious}", twice(&said)));
            }
        }
        same
    });
    // One line a judge, naming the first few files; past a few judges, one line for them all
    // (thirty copies of a file, or a folder of forty judges' files given twice, had printed a
    // line each).
    let each = |(judge, kept, more): &(String, String, Vec<String>)| {
        let mut files = vec![kept.clone()];
        files.extend(more.iter().cloned());
        (judge.clone(), crate::format::names_and(&files, 5))
    };
    if copies.len() <= crate::format::SHOWN_OF_A_KIND {
        for (judge, files) in copies.iter().map(each) {
            warnings.push(format!("{files} are the same file of judge {judge:?}: it counts once"));
        }
    } else {
        let each: Vec<String> = copies.iter().map(each).map(|(judge, files)| format!("{judge:?} ({files})")).collect();
        warnings.push(format!(
            "{} were given the same file more than once, and each counts once: {}",
            crate::format::count(copies.len(), "judge", "judges"),
            crate::format::first_few(&each, 5, "; ")
        ));
    }
    match plain.as_slice() {
        [] => {}
        [one] => warnings.push(twice(one)),
        _ => {
            let judges: std::collections::BTreeSet<&str> = plain.iter().map(|[judge, ..]| judge.as_str()).collect();
            let each: Vec<String> = plain
                .iter()
                .map(|[judge, kept, _, set_aside, _, _]| format!("{judge:?} ({kept} over {set_aside})"))
                .collect();
            warnings.push(format!(
                "{} appear in two files or more, and the newer file of each counts: {}",
                crate::format::count(judges.len(), "judge", "judges"),
                crate::format::first_few(&each, 5, ", ")
            ));
        }
    }
    Ok(warnings)
}

/// The order a read's files are weighed in: judge by judge (names compare as judges' names
/// always do), each judge's newest first, then by file name. The merge counts each judge's
/// first; `newest` checks that one against the file the store took in. `of` gives a file's
/// judge, when it was written, and its name.
pub fn newest_first<T>(files: &mut [T], of: impl Fn(&T) -> (&str, jiff::Timestamp, &str)) {
    files.sort_by_cached_key(|f| {
        let (judge, written, file) = of(f);
        (crate::model::name_key(judge), std::cmp::Reverse(written), file.to_owned())
    });
}

/// `judge "ana" appears twice: new.json (written at ...) counts, old.json (written at ...) does
/// not`, from the judge, the file kept and its time, the file set aside and its time, and what
/// the newer changed of the older's scores ([`changed_said`]).
fn twice([judge, kept, kept_at, set_aside, set_aside_at, changed]: &[String; 6]) -> String {
    format!(
        "judge {judge:?} appears twice: {kept} (written at {kept_at}) counts, {set_aside} (written at {set_aside_at}) does not{changed}"
    )
}

/// "; the newer changes the scores of 2 entries the older scored": what a judge's newer file
/// changed, said where one judge sent two, so that the head judge can ask the judge about it.
/// A file another wrote under a judge's name with a later time and a score changed had been
/// said only to "count", the older "not"; nothing where nothing changed.
fn changed_said(newer: &JudgeMarks, older: &JudgeMarks) -> String {
    let width = |m: &JudgeMarks| m.values.len() / m.entries.len().max(1);
    let criteria = width(newer);
    if criteria == 0 || criteria != width(older) {
        return String::new();
    }
    let rows: std::collections::HashMap<usize, usize> =
        newer.entries.iter().enumerate().map(|(r, e)| (*e, r)).collect();
    fn row(m: &JudgeMarks, r: usize, criteria: usize) -> Option<&[Option<u8>]> {
        m.values.get(r * criteria..(r + 1) * criteria)
    }
    let changed = older
        .entries
        .iter()
        .enumerate()
        .filter(|(r, e)| rows.get(e).is_some_and(|k| row(newer, *k, criteria) != row(older, *r, criteria)))
        .count();
    if changed == 0 {
        return String::new();
    }
    format!("; the newer changes the scores of {} the older scored", crate::format::count(changed, "entry", "entries"))
}

/// Every judge's weighted totals as one panel over the field.
pub(super) fn panel(judges: &[JudgeMarks], field: &Field) -> Panel {
    panel_of(judges, field, |j| &j.totals)
}

/// Every judge's totals on the criteria every track shares, as one panel over the field: what
/// the overall ranking merges when tracks have rubrics of their own.
pub(super) fn shared_panel(judges: &[JudgeMarks], field: &Field) -> Panel {
    panel_of(judges, field, |j| &j.shared_totals)
}

/// One panel over the field from each judge's `totals` (in the order of their entries).
fn panel_of(judges: &[JudgeMarks], field: &Field, totals: impl Fn(&JudgeMarks) -> &Vec<f64> + Sync) -> Panel {
    Panel {
        judges: judges.iter().map(|j| j.judge.clone()).collect(),
        entries: field.entries.iter().map(|s| s.submission.id.clone()).collect(),
        marks: marks_of(judges, &totals),
        criteria: None,
    }
}

/// The marks of `part`'s judges, the first of them judge `from` of the panel.
fn marks_from<'a>(
    from: usize,
    part: &'a [JudgeMarks],
    totals: &'a impl Fn(&JudgeMarks) -> &Vec<f64>,
) -> impl Iterator<Item = Mark> + 'a {
    part.iter().enumerate().flat_map(move |(k, j)| {
        j.entries.iter().zip(totals(j)).map(move |(&entry, &value)| Mark::new(from + k, entry, value))
    })
}

/// Every judge's marks, judge after judge, each judge's in the order of their entries. A big
/// panel's are written on both cores at once, the judges cut where half the marks fall: 8 MB of
/// fresh marks written on one core, a page fault every 256 marks, were most of the panels' time
/// while the other core waited.
fn marks_of(judges: &[JudgeMarks], totals: &(impl Fn(&JudgeMarks) -> &Vec<f64> + Sync)) -> Vec<Mark> {
    // A judge's marks: one a row that has a total (`zip` stops at the shorter list).
    let count = |j: &JudgeMarks| j.entries.len().min(totals(j).len());
    let of = |from, part| marks_from(from, part, totals);
    let len: usize = judges.iter().map(count).sum();
    let cut = crate::parallel::half_way(judges.iter().map(count));
    let (head, tail) = judges.split_at(cut);
    let head_len: usize = head.iter().map(count).sum();
    let mut marks = Vec::with_capacity(len);
    let (first, second) = marks.spare_capacity_mut()[..len].split_at_mut(head_len);
    // Whether every slot was written, and every mark went into one.
    let fill = |slots: &mut [std::mem::MaybeUninit<Mark>], marks: &mut dyn Iterator<Item = Mark>| {
        let mut written = 0;
        for (slot, mark) in slots.iter_mut().zip(&mut *marks) {
            slot.write(mark);
            written += 1;
        }
        written == slots.len() && marks.next().is_none()
    };
    let (a, b) = crate::parallel::both(len, || fill(first, &mut of(0, head)), || fill(second, &mut of(cut, tail)));
    if a && b {
        // SAFETY: the first `len` slots of the capacity (reserved above) are the two halves,
        // and each half's every slot was written once, as `fill` just checked.
        unsafe { marks.set_len(len) };
        marks
    } else {
        // Never: the counts are the same lists counted twice. Written again on one core.
        sized(len, of(0, judges))
    }
}

/// A list of `len` items from `items`, allocated once: a list of a million marks grown by
/// doubling holds half as much again while it grows.
pub(super) fn sized<T>(len: usize, items: impl Iterator<Item = T>) -> Vec<T> {
    let mut list = Vec::with_capacity(len);
    list.extend(items);
    list
}

/// Each mark's values criterion by criterion, in the order [`panel`] (and [`shared_panel`])
/// give the marks, for the methods that merge each criterion on its own. With `shared_only`,
/// the criteria of some tracks only weigh nothing: the overall ranking compares what every
/// track shares.
pub(super) fn criterion_marks(
    judges: &[JudgeMarks],
    config: &crate::config::Config,
    shared_only: bool,
) -> CriterionMarks {
    let shared: Vec<String> = config.shared_criteria().into_iter().map(|c| c.id).collect();
    let counts = |c: &crate::model::Criterion| !shared_only || shared.contains(&c.id);
    CriterionMarks {
        weights: config.criteria.iter().map(|c| if counts(c) { c.weight } else { 0.0 }).collect(),
        values: sized(
            judges.iter().map(|j| j.values.len()).sum(),
            judges.iter().flat_map(|j| j.values.iter().map(|v| v.map(f64::from))),
        ),
    }
}

/// The panel indices of the judges named for the sum method.
pub(super) fn chosen_judges(panel: &Panel, names: &[String]) -> Result<Vec<usize>, RankError> {
    names
        .iter()
        .map(|name| {
            panel.judges.iter().position(|j| same_name(j, name)).ok_or_else(|| RankError::UnknownJudge {
                name: crate::sanitize::quoted(name),
                known: panel.judges.iter().map(|j| clean_line(j)).collect::<Vec<_>>().join(", "),
            })
        })
        .collect()
}

/// The panel restricted to some entries, renumbered.
pub(super) fn sub_panel(panel: &Panel, keep: &[usize]) -> Panel {
    let new_index: HashMap<usize, usize> = keep.iter().enumerate().map(|(new, old)| (*old, new)).collect();
    Panel {
        judges: panel.judges.clone(),
        entries: keep.iter().map(|e| panel.entries[*e].clone()).collect(),
        marks: panel
            .marks
            .iter()
            .filter_map(|m| new_index.get(&m.entry()).map(|e| Mark::new(m.judge(), *e, m.value)))
            .collect(),
        criteria: panel.criteria.as_ref().map(|c| CriterionMarks {
            weights: c.weights.clone(),
            values: (0..panel.marks.len())
                .filter(|i| new_index.contains_key(&panel.marks[*i].entry()))
                .flat_map(|i| c.of(i).iter().copied())
                .collect(),
        }),
    }
}

/// The panel without judge `j`'s marks, the judges after them renumbered: what the merge would
/// have been had their file not been given.
pub(super) fn without_judge(panel: &Panel, j: usize) -> Panel {
    let kept: Vec<usize> = (0..panel.marks.len()).filter(|i| panel.marks[*i].judge() != j).collect();
    Panel {
        judges: panel.judges.iter().enumerate().filter(|(k, _)| *k != j).map(|(_, name)| name.clone()).collect(),
        entries: panel.entries.clone(),
        marks: kept
            .iter()
            .map(|i| {
                let m = panel.marks[*i];
                Mark::new(if m.judge() > j { m.judge() - 1 } else { m.judge() }, m.entry(), m.value)
            })
            .collect(),
        criteria: panel.criteria.as_ref().map(|c| CriterionMarks {
            weights: c.weights.clone(),
            values: kept.iter().flat_map(|i| c.of(*i).iter().copied()).collect(),
        }),
    }
}

/// The panel of every judge's totals, and each judge's times (by judge index: when each of their
/// marks was given, in Unix seconds, in the order of their marks), taken out of the judges'
/// marks, not copied: 1.5 million marks' times are 8 MB of fresh pages.
pub(super) fn panel_and_times(
    judges: &mut [JudgeMarks],
    field: &Field,
) -> (Panel, Vec<Vec<crate::merge::drift::Given>>) {
    let panel = panel(judges, field);
    (panel, judges.iter_mut().map(|j| std::mem::take(&mut j.given)).collect())
}

/// Takes out the files of the judges named (`--without`), every file of each; returns the names
/// as the files give them. A name no file gives is refused, with the names that look like it.
pub(super) fn leave_out(judges: &mut Vec<JudgeMarks>, names: &[String]) -> Result<Vec<String>, RankError> {
    let mut left_out = Vec::new();
    // Every judge whose file was given, those already left out too: "--without mira,zed" had
    // said the files were from everyone but mira.
    let given: Vec<String> = judges.iter().map(|j| j.judge.clone()).collect();
    for name in names {
        let Some(found) = judges.iter().find(|j| same_name(&j.judge, name)).map(|j| j.judge.clone()) else {
            if left_out.iter().any(|l: &String| same_name(l, name)) {
                continue;
            }
            let known: Vec<&str> = given.iter().map(String::as_str).collect();
            let near = crate::format::look_alike(name, known.iter().copied(), 3);
            return Err(RankError::UnknownWithout {
                name: crate::sanitize::quoted(name),
                near: near.iter().map(|n| (*n).to_owned()).collect(),
                known: known.iter().map(|n| clean_line(n)).collect::<Vec<_>>().join(", "),
            });
        };
        judges.retain(|j| !same_name(&j.judge, name));
        left_out.push(found);
    }
    Ok(left_out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Submission;

    /// A big panel's marks are written on two threads, the judges cut where half the marks fall:
    /// the same marks in the same order as one pass over the judges gives them, with judges of
    /// any size and one with fewer totals than entries (a row without a total is no mark).
    #[test]
    fn marks_written_on_two_threads_are_the_marks_of_one_pass() {
        let judge = |rows: usize, totals: usize| JudgeMarks {
            entries: (0..rows).map(|r| (r * 7) % 5000).collect(),
            totals: (0..totals).map(|r| (r % 11) as f64 / 2.0).collect(),
            ..JudgeMarks::default()
        };
        let sizes = [90_000, 10, 0, 30_000, 25_000, 7];
        let judges: Vec<JudgeMarks> =
            sizes.iter().enumerate().map(|(k, rows)| judge(*rows, if k == 3 { rows - 1000 } else { *rows })).collect();
        let one_pass: Vec<Mark> = judges
            .iter()
            .enumerate()
            .flat_map(|(judge, j)| j.entries.iter().zip(&j.totals).map(move |(&e, &v)| Mark::new(judge, e, v)))
            .collect();
        assert!(one_pass.len() >= 100_000, "enough marks for two threads");
        assert_eq!(marks_of(&judges, &|j: &JudgeMarks| &j.totals), one_pass);
        // No totals at all (the shared totals of a panel without tracks): no marks.
        assert!(marks_of(&judges, &|j: &JudgeMarks| &j.shared_totals).is_empty());
    }

    /// A field of ids given out of order, some withdrawn, one both ranked and withdrawn.
    fn stored() -> Vec<StoredSubmission> {
        let entry = |id: &str, withdrawn: bool| StoredSubmission { submission: Submission::example(id), withdrawn };
        vec![
            entry("e", false),
            entry("b", false),
            entry("d", true),
            entry("a", false),
            entry("c", false),
            entry("c", true),
        ]
    }

    /// The ids read before the submissions make the field only where they agree entry by entry:
    /// the same ids in the same order, the same tracks and the same withdrawn ones.
    #[test]
    fn a_field_takes_ids_read_before_only_where_they_agree() {
        // Each id once, as a store holds them.
        let unique = || stored().into_iter().take(5).collect::<Vec<_>>();
        let subs = unique();
        let of = |subs: &[StoredSubmission]| {
            Ids::new(subs.iter().map(|s| (s.submission.id.as_str(), s.withdrawn, s.submission.track.as_deref())))
        };
        let field = Field::with_ids(&subs, of(&subs)).expect("the same store");
        assert_eq!(field.entries.len(), 4);
        assert_eq!(field.place("a"), Field::new(&subs).place("a"));
        let mut swapped = unique();
        swapped.swap(0, 1);
        let mut retracked = unique();
        retracked[0].submission.track = Some("elsewhere".into());
        let mut withdrawn = unique();
        withdrawn[1].withdrawn = true;
        let mut more = unique();
        more.push(StoredSubmission { submission: Submission::example("z"), withdrawn: true });
        let mut fewer = unique();
        fewer.pop();
        let mut renamed = unique();
        renamed[2].submission.id = "y".into();
        let cases = [
            ("order", swapped),
            ("track", retracked),
            ("withdrawn", withdrawn),
            ("more", more),
            ("fewer", fewer),
            ("renamed", renamed),
        ];
        for (what, before) in cases {
            assert!(Field::with_ids(&subs, of(&before)).is_none(), "{what}");
        }
    }

    /// Looked up in any order, with gaps, repeats and ids the store lacks, the ids stand where
    /// the index says: the shortcut for ids in order never answers otherwise.
    #[test]
    fn ids_in_any_order_stand_where_the_index_says() {
        let subs = stored();
        let field = Field::new(&subs);
        assert_eq!(field.place("e"), Place::Ranked(0));
        assert_eq!(field.place("a"), Place::Ranked(2));
        assert_eq!(field.place("d"), Place::Withdrawn);
        assert_eq!(field.place("c"), Place::Withdrawn, "withdrawn wins over ranked");
        assert_eq!(field.place("zz"), Place::Unknown);
        let orders: [&[&str]; 6] = [
            &["a", "b", "c", "d", "e"],
            &["e", "d", "c", "b", "a"],
            &["a", "c", "e"],
            &["b", "b", "a", "zz", "b", "c", "", "e", "f"],
            &["a", "a0", "b", "e", "e"],
            &[],
        ];
        for ids in orders {
            let mut in_order = field.ids.in_order();
            let found: Vec<Place> = ids.iter().map(|id| in_order.place(id)).collect();
            let expected: Vec<Place> = ids.iter().map(|id| field.place(id)).collect();
            assert_eq!(found, expected, "{ids:?}");
        }
    }

    /// A judge's newer file that holds nothing of entries the older one scored is questioned;
    /// one that recused from an entry since, or left it partly scored, is the judge's own doing.
    #[test]
    fn a_newer_file_is_questioned_only_for_what_it_holds_nothing_of() {
        let file = |name: &str, at: i64, entries: Vec<usize>| JudgeMarks {
            judge: "mira".into(),
            file: name.into(),
            digest: name.into(),
            written: jiff::Timestamp::from_second(at).expect("a moment"),
            entries,
            ..JudgeMarks::default()
        };
        let said = |newer: JudgeMarks| {
            let mut judges = vec![file("old.json", 1, vec![0, 1, 2, 3]), newer];
            one_file_per_judge(&mut judges).expect("ordered").join("\n")
        };
        assert!(said(file("new.json", 2, vec![0])).contains("the newer leaves out 3 entries the older scored"));
        let mut recused = file("new.json", 2, vec![0, 1]);
        recused.texts[crate::model::TextPart::Recusal].push((2, "cousin".into()));
        recused.partial.push("e3".into());
        let own = said(recused);
        assert!(own.contains("appears twice") && !own.contains("leaves out"), "{own}");
    }

    /// Judges who each sent an older and a newer file: one line for all of them, naming each
    /// with the file that counts; one judge alone keeps the line of its own.
    #[test]
    fn judges_in_two_files_are_said_in_one_line() {
        let file = |judge: &str, name: &str, at: i64| JudgeMarks {
            judge: judge.into(),
            file: name.into(),
            digest: name.into(),
            written: jiff::Timestamp::from_second(at).expect("a moment"),
            written_at: format!("t{at}"),
            entries: vec![0],
            ..JudgeMarks::default()
        };
        let names: Vec<String> = (0..12).map(|j| format!("judge{j:02}")).collect();
        let mut judges: Vec<JudgeMarks> = names
            .iter()
            .flat_map(|j| [file(j, &format!("{j}-day1.json"), 1), file(j, &format!("{j}.json"), 2)])
            .collect();
        let said = one_file_per_judge(&mut judges).expect("ordered");
        assert_eq!(judges.len(), 12);
        assert_eq!(said.len(), 1, "{said:#?}");
        assert!(
            said[0].starts_with("12 judges appear in two files or more, and the newer file of each counts: \"judge00\" (judge00.json over judge00-day1.json), "),
            "{}",
            said[0]
        );
        assert!(said[0].ends_with("and 7 more"), "{}", said[0]);
        let mut one = vec![file("mira", "old.json", 1), file("mira", "new.json", 2)];
        let said = one_file_per_judge(&mut one).expect("ordered");
        assert_eq!(
            said,
            ["judge \"mira\" appears twice: new.json (written at t2) counts, old.json (written at t1) does not"]
        );
        // What the newer changed of the older's scores is said: a file written under mira's name
        // with a later time and a score changed had been said only to count.
        let scored = |name: &str, at: i64, values: Vec<Option<u8>>| JudgeMarks { values, ..file("mira", name, at) };
        let mut changed =
            vec![scored("old.json", 1, vec![Some(4), Some(3)]), scored("new.json", 2, vec![Some(2), Some(3)])];
        let said = one_file_per_judge(&mut changed).expect("ordered");
        assert_eq!(
            said,
            [
                "judge \"mira\" appears twice: new.json (written at t2) counts, old.json (written at t1) does not; the newer changes the scores of 1 entry the older scored"
            ]
        );
    }
}
