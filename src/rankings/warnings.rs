//! The warnings a merge gives beside its rankings: judges held at a severity bound, judges who
//! share no entry, entries a sum leaves out, entries a judge left partly scored.

use super::{Field, JudgeMarks};
use crate::merge::Method;
use crate::merge::agreement::EntryStats;
use crate::sanitize::clean_line;

/// Says which judges share no entry with the others, and what that costs.
pub(super) fn groups(groups: &[Vec<String>]) -> String {
    let named: Vec<String> = groups
        .iter()
        .map(|g| format!("{{{}}}", g.iter().map(|j| clean_line(j)).collect::<Vec<_>>().join(", ")))
        .collect();
    format!(
        "the judges fall into {} groups that share no entry, directly or through other judges: {}. Nothing compares one group's leniency with another's, so places across groups assume their entries were alike; `judging assign` keeps judges linked, and [assign] calibration (entries every judge scores) links them all",
        groups.len(),
        named.join(", ")
    )
}

/// How many names a condensed warning spells out before "and N more".
const FIRST_FEW: usize = 5;

/// The first few of `names`, quoted, and how many more: `"ana", "ben" and 3 more`.
fn first_few(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(FIRST_FEW).map(|n| format!("{:?}", clean_line(n))).collect();
    let more = names.len() - shown.len();
    if more > 0 { format!("{} and {more} more", shown.join(", ")) } else { shown.join(", ") }
}

/// One warning for every judge it concerns, however many: `judge "ana" {says}: {means}` for
/// one, `12 judges ("ana", "ben", ... and 7 more) {say}: {means}` for several, so that a
/// panel of three hundred peer graders gets one line, not fifty.
pub(super) fn about_judges(names: &[String], says: &str, say: &str, means: &str) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(format!("judge {:?} {says}: {means}", clean_line(one))),
        _ => Some(format!("{} judges ({}) {say}: {means}", names.len(), first_few(names))),
    }
}

/// Names the judges whose severity the calibrated fit found beyond a bound, one line for each
/// kind: what it does to their marks' weight.
pub(super) fn held(fit: &crate::merge::Calibration, panel: &crate::merge::Panel) -> Vec<String> {
    use crate::merge::{Held, LEAST_SEVERITY, MOST_SEVERITY};
    let named = |kind: Held| -> Vec<String> {
        fit.held.iter().zip(&panel.judges).filter(|(h, _)| **h == Some(kind)).map(|(_, j)| j.clone()).collect()
    };
    let narrow = about_judges(
        &named(Held::Narrow),
        FLAT_SAYS,
        FLAT_SAYS,
        &format!(
            "their severity is under {LEAST_SEVERITY} of a typical judge's, so {BARELY} and the calibrated method ranks them mostly on the other judges' marks; {NOT_COUNTED}; check the marks were meant"
        ),
    );
    let wide = about_judges(
        &named(Held::Wide),
        "spread their totals far wider than the entries they scored differ",
        "spread their totals far wider than the entries they scored differ",
        &format!(
            "the calibrated method holds their severity at {MOST_SEVERITY} times a typical judge's (its most), so their points count for less than they gave and no one judge outweighs the others"
        ),
    );
    narrow.into_iter().chain(wide).collect()
}

/// What a flat judge did: the words of every warning, legend and view that names one.
pub const FLAT_SAYS: &str = "gave nearly the same total to every entry they scored";

/// What a flat judge's marks are worth, in every warning and view that names one.
const BARELY: &str = "their marks barely tell those entries apart";

/// What a flat judge is to the thin flag, in every warning that names one.
const NOT_COUNTED: &str = "they do not count towards an entry's judges for thin";

/// The mark beside a flat judge's name where their marks are shown (`merge --entry`, the head
/// judge's screen), which [`flat_beside`] explains.
pub const FLAT_MARK: &str = "(flat)";

/// What the flat judges among `names` (an entry's judges) are, in the merge's words, as the line
/// under their marks: `flo (flat) gave nearly the same total to every entry they scored: …`.
/// `None` when there are none.
pub fn flat_beside(names: &[String]) -> Option<String> {
    let each = if names.len() > 1 { "each " } else { "" };
    (!names.is_empty()).then(|| {
        format!(
            "{} {FLAT_MARK} {each}{FLAT_SAYS}: {BARELY}, and {NOT_COUNTED}.",
            crate::format::names_and(names, FIRST_FEW)
        )
    })
}

/// Names the judges who gave nearly the same total to every entry they scored (`flat`, by the
/// calibrated fit every merge runs beside its method) under a method other than the calibrated
/// one, whose own warning ([`held`]) names them there: the mean, median, trimmed mean and sum
/// count their marks as given, lifting or lowering each entry they scored by their habit; z-scores
/// and ranks make them alike for every entry. A judge who gave everything a 5 had been named under
/// the calibrated method alone, where it matters least.
pub(super) fn flat(names: &[String], method: &Method) -> Option<String> {
    let what = match method {
        Method::Calibrated => return None,
        Method::Mean | Method::Median | Method::Trimmed { .. } | Method::Sum { .. } => format!(
            "the {} method counts their marks as given, so each entry they scored moves by their habit, not its merit",
            method.name()
        ),
        _ => format!("the {} method makes their marks alike for every entry they scored", method.name()),
    };
    about_judges(
        names,
        FLAT_SAYS,
        FLAT_SAYS,
        &format!(
            "{BARELY} and {what}; {NOT_COUNTED}. The calibrated method (the default) ranks those entries mostly on the other judges' marks: compare with --method calibrated, and check the marks were meant"
        ),
    )
}

/// The entries a sum leaves out, because not every counted judge scored them, as a warning.
pub(super) fn left_out_of_the_sum(
    method: &Method,
    chosen_names: &[String],
    overall: &[Option<f64>],
    stats: &EntryStats,
    field: &Field,
) -> Option<String> {
    let Method::Sum { judges: chosen } = method else { return None };
    let left: Vec<&str> = (0..field.entries.len())
        .filter(|e| stats.judges[*e] > 0 && overall[*e].is_none())
        .map(|e| field.entries[e].submission.id.as_str())
        .collect();
    if left.is_empty() {
        return None;
    }
    let counted = if chosen.is_empty() { "every judge".to_owned() } else { chosen_names.join(", ") };
    let named: Vec<String> = left.iter().take(10).map(|id| clean_line(id)).collect();
    let more = if left.len() > named.len() { format!(" and {} more", left.len() - named.len()) } else { String::new() };
    Some(format!(
        "the sum counts only entries {} scored: {} entr{} left out ({}{more})",
        clean_line(&counted),
        left.len(),
        if left.len() == 1 { "y" } else { "ies" },
        named.join(", ")
    ))
}

/// The mark beside a judge `[[judges]]` does not list ([`crate::config::Config::not_listed`]):
/// in the head judge's judges' pane and each entry's view.
pub const NOT_LISTED: &str = "(unlisted)";

/// What [`NOT_LISTED`] means, under the names it marks.
pub const NOT_LISTED_SAYS: &str = "(unlisted): not among the event's judges ([[judges]])";

/// The files whose judge judging.toml's `[[judges]]` does not list, when it lists any: without
/// signatures (a judge's key listed) such a name proves nothing, so it is said, never merged
/// silently. With signatures required the file is refused before this.
/// The one warning the merge, `status` and the head judge's screen give of such files.
pub fn unlisted(judges: &[JudgeMarks], config: &crate::config::Config) -> Option<String> {
    let names: Vec<String> = judges.iter().filter(|j| config.not_listed(&j.judge)).map(|j| j.judge.clone()).collect();
    let said = about_judges(
        &names,
        "is not among the event's judges ([[judges]])",
        "are not among the event's judges ([[judges]])",
        "an unsigned file's name proves nothing, and their marks count as given. List each judge with the public key `judging key` prints, and the merge refuses a file no listed judge signed",
    )?;
    // A name a slip of the keyboard off a listed judge's is most likely that judge's store under
    // a typo (not any name a few letters off: "zed" was said to be "ben", and told to leave one
    // file out):
    // said, and above all when the listed judge sent a file too, as their marks then count twice.
    let listed: Vec<&str> = config.judges.iter().map(|j| j.name.as_str()).collect();
    let sent = |name: &str| judges.iter().any(|j| crate::model::same_name(&j.judge, name));
    let alike: Vec<String> = names
        .iter()
        .filter_map(|n| {
            // Spelled with letters drawn like a listed judge's ("mіrа", "ｍｉｒａ"): spelled out,
            // as it reads as hers; else a letter or two off.
            let (shown, like) = match crate::model::only_looks_like(n, listed.iter().copied()) {
                Some(like) => (crate::sanitize::spelled(n), like),
                None => (format!("{:?}", clean_line(n)), crate::format::slip_of(n, listed.iter().copied())?),
            };
            let twice =
                if sent(like) { ", who sent a file too: if they are one judge, their marks count twice" } else { "" };
            Some(format!("{shown} looks like listed judge {:?}{twice}", clean_line(like)))
        })
        .collect();
    if alike.is_empty() {
        return Some(said);
    }
    Some(format!(
        "{said}. {}: export again under the listed name (--judge), and leave the other file out",
        crate::format::first_few(&alike, FIRST_FEW, "; ")
    ))
}

/// Names the judges whose files score no entry in play (nothing, or only entries recused from):
/// their files change no ranking, and a head judge who counted on them should know. A judge who
/// left some entry partly scored is not among them: [`partial`] says it of them, with the
/// entries; nor is one who scored an entry withdrawn, but a trainee, whom [`withdrawn`] (over
/// the judges whose marks count) says it of (both had been said, one judge warned of twice).
pub(super) fn scoring_nothing(judges: &[JudgeMarks], config: &crate::config::Config) -> Option<String> {
    let names: Vec<String> = judges
        .iter()
        .filter(|j| {
            j.entries.is_empty() && j.partial.is_empty() && (j.withdrawn.is_empty() || config.is_trainee(&j.judge))
        })
        .map(|j| j.judge.clone())
        .collect();
    about_judges(
        &names,
        "scores no entry in play",
        "score no entry in play",
        "their files change nothing (no score, or only entries withdrawn or recused from); check that the right files were exported",
    )
}

/// Names the judges judging.toml lists whose marks would count but who sent no file (and the
/// head judge did not leave out with `--without`): the places rest on the others' marks alone,
/// and a missing file moves them without a word (a judge's 20 entries left out had moved Map
/// Mender from 9th to a paid 2nd, and no output named the judge). A trainee's file changes no
/// place, so a missing one is not said.
pub(super) fn no_file(judges: &[JudgeMarks], config: &crate::config::Config, left_out: &[String]) -> Option<String> {
    let sent = |name: &str| judges.iter().any(|j| crate::model::same_name(&j.judge, name));
    let names: Vec<String> = config
        .judges
        .iter()
        .filter(|j| j.counts && !sent(&j.name) && !left_out.iter().any(|l| crate::model::same_name(l, &j.name)))
        .map(|j| j.name.clone())
        .collect();
    about_judges(
        &names,
        "is among the event's judges ([[judges]]) but sent no score file",
        "are among the event's judges ([[judges]]) but sent no score file",
        "the places rest on the other judges' marks alone; give their files too before announcing",
    )
}

/// How much of their assignment a judge has done: of the entries assigned to them that are in
/// play (`in_play`, by id), how many they scored in full and how many they recused from. The
/// one count `judging status`'s DONE and the merge's warning of unfinished judges read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub in_play: usize,
    /// The entries assigned (each once, however often listed) that are not in play: withdrawn
    /// since the assignment, or never in the export.
    pub out_of_play: usize,
    pub done: usize,
    pub recused: usize,
}

/// Each field entry's index by its id, made once for every judge's [`Assignment`]: a set of a
/// field of 5,000 ids made again for each of 100 judges would be half a million insertions.
pub struct FieldIndex<'i>(std::collections::HashMap<&'i str, usize>);

impl<'i> FieldIndex<'i> {
    /// `ids`: the field's ids by index.
    pub fn new(ids: &'i [String]) -> FieldIndex<'i> {
        FieldIndex(ids.iter().enumerate().map(|(k, id)| (id.as_str(), k)).collect())
    }
}

impl Assignment {
    pub fn of(judge: &JudgeMarks, assigned: &[String], field: &FieldIndex) -> Assignment {
        use std::collections::HashSet;
        let mine: HashSet<usize> = assigned.iter().filter_map(|id| field.0.get(id.as_str()).copied()).collect();
        let done: HashSet<usize> = judge.entries.iter().copied().filter(|e| mine.contains(e)).collect();
        let recused: HashSet<usize> = judge.texts[crate::model::TextPart::Recusal]
            .iter()
            .map(|(e, _)| *e)
            .filter(|e| mine.contains(e) && !done.contains(e))
            .collect();
        let listed: HashSet<&str> = assigned.iter().map(String::as_str).collect();
        let out_of_play = listed.len() - mine.len();
        Assignment { in_play: mine.len(), out_of_play, done: done.len(), recused: recused.len() }
    }

    /// The entries assigned and in play that the judge did not recuse from: what they owe.
    pub fn owed(&self) -> usize {
        self.in_play.saturating_sub(self.recused)
    }

    /// The entries assigned and in play that the judge neither scored in full nor recused from.
    pub fn left(&self) -> usize {
        self.owed().saturating_sub(self.done)
    }
}

/// One warning naming the judges who left part of their assignment unscored (`mira` 12 of 20):
/// the entries they did not score rest on fewer judges than the assignment gave them, which
/// `judging status` said and the merge did not. `assigned` gives a judge's assignment, where the
/// event has one; `ids` the field's ids by index.
pub fn unfinished<'a>(
    judges: &[JudgeMarks],
    ids: &[String],
    assigned: impl Fn(&str) -> Option<&'a [String]>,
) -> Option<String> {
    let field = FieldIndex::new(ids);
    let short: Vec<(String, Assignment)> = judges
        .iter()
        .filter_map(|j| Some((j.judge.clone(), Assignment::of(j, assigned(&j.judge)?, &field))))
        .filter(|(_, a)| a.left() > 0)
        .collect();
    let named: Vec<String> =
        short.iter().map(|(judge, a)| format!("{:?} {} of {}", clean_line(judge), a.done, a.owed())).collect();
    let left: usize = short.iter().map(|(_, a)| a.left()).sum();
    let who = match short.as_slice() {
        [] => return None,
        [(judge, a)] => {
            format!("judge {:?} scored {} of the {} entries assigned to them", clean_line(judge), a.done, a.owed())
        }
        _ => format!(
            "{} judges scored only part of the entries assigned to them: {}; {left} left in all",
            named.len(),
            crate::format::first_few(&named, FIRST_FEW, ", ")
        ),
    };
    Some(format!(
        "{who} (recusals aside): the entries left rest on fewer judges than the assignment gave them; have them finish, or weigh it before announcing"
    ))
}

/// Names the entries withdrawn from the export that judges scored, with who scored each (the
/// first few): their scores are left out, which the head judge should know rather than find
/// an entry missing from every ranking. The judges who scored no entry in play besides (none
/// fully, none partly: [`partial`] says it of those) are said here, and only here, to change
/// nothing (see [`scoring_nothing`]).
pub(super) fn withdrawn(judges: &[JudgeMarks], field: &super::Field) -> Option<String> {
    // By title where the store has it: an id alone ("e15") may not tell the jury which entry
    // every judge had scored high has left.
    let titles: std::collections::HashMap<&str, &str> =
        field.withdrawn.iter().map(|s| (s.submission.id.as_str(), s.submission.title.as_str())).collect();
    // In the order first met, each found by a map: thousands of withdrawn entries scored by
    // a hundred judges must not be searched for one by one.
    let mut by_entry: Vec<(&str, Vec<String>)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for j in judges {
        for id in &j.withdrawn {
            let k = *at.entry(id.as_str()).or_insert_with(|| {
                by_entry.push((id.as_str(), Vec::new()));
                by_entry.len() - 1
            });
            by_entry[k].1.push(clean_line(&j.judge));
        }
    }
    (!by_entry.is_empty()).then(|| {
        let named: Vec<String> = by_entry
            .iter()
            .map(|(id, who)| match titles.get(id).filter(|t| !t.trim().is_empty()) {
                Some(title) => {
                    format!("{} ({}, scored by {})", clean_line(title), crate::sanitize::in_quotes(id), first_few(who))
                }
                None => format!("{} (scored by {})", crate::sanitize::in_quotes(id), first_few(who)),
            })
            .collect();
        let alone: Vec<String> = judges
            .iter()
            .filter(|j| !j.withdrawn.is_empty() && j.entries.is_empty() && j.partial.is_empty())
            .map(|j| j.judge.clone())
            .collect();
        let nothing = match alone.as_slice() {
            [] => String::new(),
            [one] => format!(". Judge {:?} scored no entry in play, so their file changes nothing", clean_line(one)),
            _ => format!(
                ". {} judges ({}) scored no entry in play, so their files change nothing",
                alone.len(),
                first_few(&alone)
            ),
        };
        format!(
            "withdrawn from the export, so their scores are left out of every ranking and prize: {}{nothing}",
            crate::format::first_few(&named, FIRST_FEW, "; ")
        )
    })
}

/// What a judge who left entries partly scored can do, said after the entries.
const FINISH: &str = "those do not count: to count them, the judge scores every criterion of each and exports again";

/// Names the entries each judge left partly scored (the first five), which the merge leaves
/// out, and what would count them: a line for one judge, one line for many. A judge with no
/// other entry in play is said to be so here, and only here (see [`scoring_nothing`]).
pub(super) fn partial(judges: &[JudgeMarks]) -> Option<String> {
    let left: Vec<&JudgeMarks> = judges.iter().filter(|j| !j.partial.is_empty()).collect();
    let entries = |j: &JudgeMarks| {
        let n = j.partial.len();
        let named: Vec<String> = j.partial.iter().take(5).map(|id| clean_line(id)).collect();
        let more = if n > named.len() { format!(" and {} more", n - named.len()) } else { String::new() };
        let alone = if j.entries.is_empty() { " and scored no other entry in play" } else { "" };
        format!("{n} entr{} partly scored ({}{more}){alone}", if n == 1 { "y" } else { "ies" }, named.join(", "))
    };
    match left.as_slice() {
        [] => None,
        [one] if one.entries.is_empty() => Some(format!(
            "judge {:?} left {}, so their file changes nothing; {FINISH}",
            clean_line(&one.judge),
            entries(one)
        )),
        [one] => Some(format!("judge {:?} left {}; {FINISH}", clean_line(&one.judge), entries(one))),
        _ => {
            let names: Vec<String> = left.iter().map(|j| j.judge.clone()).collect();
            let total: usize = left.iter().map(|j| j.partial.len()).sum();
            Some(format!(
                "{} judges ({}) left {total} entries partly scored in all, {}; {FINISH}",
                left.len(),
                first_few(&names),
                left.iter()
                    .take(FIRST_FEW)
                    .map(|j| format!("{:?} {}", clean_line(&j.judge), entries(j)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
        }
    }
}

/// Names the entries whose judges scored different commits of their Space (the first five).
pub(super) fn revisions(differ: &[(String, Vec<(String, String)>)]) -> String {
    let short = |r: &str| r.chars().take(7).collect::<String>();
    let named: Vec<String> = differ
        .iter()
        .take(5)
        .map(|(id, revs)| {
            let who: Vec<String> =
                revs.iter().map(|(j, r)| format!("{} at {}", clean_line(j), clean_line(&short(r)))).collect();
            format!("{} ({})", clean_line(id), who.join(", "))
        })
        .collect();
    let more =
        if differ.len() > named.len() { format!(" and {} more", differ.len() - named.len()) } else { String::new() };
    format!(
        "{} entr{} scored on different commits of their Space: {}{more}; the judges may have seen different apps",
        differ.len(),
        if differ.len() == 1 { "y was" } else { "ies were" },
        named.join("; ")
    )
}

/// Names the judges whose marks moved a lot through their judging time (a large drift), one
/// line for all of them, with each one's drift and what `merge.drift` did about it.
pub(super) fn drifting(
    judges: &[String],
    drift: &[Option<crate::merge::drift::Drift>],
    policy: crate::config::DriftPolicy,
) -> Option<String> {
    let large: Vec<String> = judges
        .iter()
        .zip(drift)
        .filter_map(|(name, d)| {
            let d = d.filter(crate::merge::drift::Drift::large)?;
            let way = if d.per_hour > 0.0 { "rose" } else { "fell" };
            Some(format!(
                "{:?} {way} {:.1} points over {:.1} hours ({} points an hour)",
                clean_line(name),
                d.over_their_time().abs(),
                d.hours,
                d.text()
            ))
        })
        .collect();
    if large.is_empty() {
        return None;
    }
    let done = match policy {
        crate::config::DriftPolicy::Report => {
            "their marks count as given; merge.drift = \"correct\" in judging.toml takes the drift out before the fit"
        }
        crate::config::DriftPolicy::Correct => {
            "merge.drift = \"correct\": the drift was taken out of their marks before the fit"
        }
    };
    let whose = if large.len() == 1 { "a judge's marks" } else { "judges' marks" };
    Some(format!(
        "{whose} moved through their judging time beyond what the entries explain: {}; {done}",
        crate::format::first_few(&large, FIRST_FEW, "; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::{Assignment, JudgeMarks, about_judges, unfinished};

    /// A judge who scored `done` in full and recused from `recused`, by field index.
    fn judge(name: &str, done: &[usize], recused: &[usize]) -> JudgeMarks {
        let mut marks = JudgeMarks { judge: name.into(), entries: done.to_vec(), ..JudgeMarks::default() };
        marks.texts[crate::model::TextPart::Recusal] = recused.iter().map(|e| (*e, "cousin".to_owned())).collect();
        marks
    }

    /// Of the entries assigned and in play: scored in full, recused, and what is left; an entry
    /// withdrawn since (not in the field) and one scored but not assigned count for nothing.
    #[test]
    fn an_assignment_counts_what_is_in_play_done_recused_and_left() {
        let ids: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let assigned: Vec<String> = ["a", "b", "c", "gone"].map(String::from).to_vec();
        // Scored in full, recused, (in play, done, recused), left.
        type Case<'c> = (&'c [usize], &'c [usize], (usize, usize, usize), usize);
        let cases: [Case; 5] = [
            (&[0, 1, 2], &[], (3, 3, 0), 0),
            (&[0], &[], (3, 1, 0), 2),
            (&[0], &[1], (3, 1, 1), 1),
            (&[3], &[], (3, 0, 0), 3),
            // Scored after recusing: done, not recused.
            (&[0, 1], &[1, 2], (3, 2, 1), 0),
        ];
        for (done, recused, (in_play, d, r), left) in cases {
            let a = Assignment::of(&judge("mira", done, recused), &assigned, &super::FieldIndex::new(&ids));
            assert_eq!((a.in_play, a.done, a.recused, a.left()), (in_play, d, r, left), "{done:?} {recused:?}");
            assert_eq!(a.out_of_play, 1, "\"gone\" is not in the field");
        }
        // An entry listed twice is one entry assigned, not one out of play.
        let twice: Vec<String> = ["a", "a", "b", "c"].map(String::from).to_vec();
        let a = Assignment::of(&judge("mira", &[0], &[]), &twice, &super::FieldIndex::new(&ids));
        assert_eq!((a.in_play, a.out_of_play), (3, 0));
        // One warning for all, naming each with how far they got, or none where all finished.
        let judges = [judge("mira", &[0], &[]), judge("tomas", &[0, 1, 2], &[]), judge("priya", &[0, 1], &[2])];
        let of = |name: &str| (name != "nobody").then_some(assigned.as_slice());
        let said = unfinished(&judges, &ids, of).unwrap_or_default();
        assert!(said.starts_with("judge \"mira\" scored 1 of the 3 entries assigned to them (recusals aside): the entries left rest on fewer judges"), "{said}");
        assert_eq!(unfinished(&judges[1..], &ids, of), None);
        assert_eq!(unfinished(&judges, &ids, |_| None), None, "no assignments, no warning");
        let two =
            unfinished(&[judge("mira", &[0], &[]), judge("ana\u{1b}[2J", &[], &[])], &ids, of).unwrap_or_default();
        assert!(
            two.starts_with("2 judges scored only part of the entries assigned to them: \"mira\" 1 of 3, \"ana\" 0 of 3; 5 left in all (recusals aside)"),
            "{two}"
        );
    }

    #[test]
    fn warnings_of_one_kind_condense_into_one_line_with_a_count_and_the_first_names() {
        let names = |n: usize| (0..n).map(|i| format!("grader {i}")).collect::<Vec<_>>();
        let cases: [(usize, Option<&str>); 4] = [
            (0, None),
            (1, Some("judge \"grader 0\" did it: so")),
            (2, Some("2 judges (\"grader 0\", \"grader 1\") did: so")),
            (
                53,
                Some(
                    "53 judges (\"grader 0\", \"grader 1\", \"grader 2\", \"grader 3\", \"grader 4\" and 48 more) did: so",
                ),
            ),
        ];
        for (n, want) in cases {
            assert_eq!(about_judges(&names(n), "did it", "did", "so").as_deref(), want, "{n} judges");
        }
        // A name is data: a control character in it never reaches the terminal.
        let line = about_judges(&["ana\u{1b}[2J".to_owned()], "did it", "did", "so").unwrap_or_default();
        assert!(!line.contains('\u{1b}'), "{line}");
    }

    /// Entries left partly scored are named with what would count them, for one judge or many.
    #[test]
    fn entries_left_partly_scored_are_said_with_what_would_count_them() {
        // Each scored another entry fully: its file changes something.
        let judge = |name: &str, partial: &[&str]| super::JudgeMarks {
            judge: name.into(),
            entries: vec![0],
            partial: partial.iter().map(|p| (*p).to_owned()).collect(),
            ..super::JudgeMarks::default()
        };
        let one = super::partial(&[judge("mo", &["lullaby-loom"]), judge("ana", &[])]).expect("said");
        assert_eq!(
            one,
            "judge \"mo\" left 1 entry partly scored (lullaby-loom); those do not count: to count them, the judge scores every criterion of each and exports again"
        );
        let many = super::partial(&[judge("mo", &["a"]), judge("bo", &["b", "c"])]).expect("said");
        assert!(many.starts_with("2 judges (\"mo\", \"bo\") left 3 entries partly scored in all"), "{many}");
        assert!(many.ends_with("exports again"), "{many}");
    }

    /// A judge whose only entries in play are partly scored is warned of once, by the warning
    /// that names the entries and says the file changes nothing: "scores no entry in play" had
    /// said it of them a second time. A judge who scored nothing at all is still said to.
    #[test]
    fn a_judge_who_left_every_entry_partly_scored_is_warned_of_once() {
        let judge = |name: &str, entries: &[usize], partial: &[&str]| super::JudgeMarks {
            judge: name.into(),
            entries: entries.to_vec(),
            partial: partial.iter().map(|p| (*p).to_owned()).collect(),
            ..super::JudgeMarks::default()
        };
        let warned = |judges: &[super::JudgeMarks]| -> Vec<String> {
            [super::partial(judges), super::scoring_nothing(judges, &crate::config::Config::builtin())]
                .into_iter()
                .flatten()
                .collect()
        };
        let eve = warned(&[judge("eve", &[], &["sprout-sense"]), judge("ana", &[0], &[])]);
        assert_eq!(
            eve,
            [
                "judge \"eve\" left 1 entry partly scored (sprout-sense) and scored no other entry in play, so their file changes nothing; those do not count: to count them, the judge scores every criterion of each and exports again"
            ]
        );
        // Scoring others too, the file changes something: said as before.
        let mo = warned(&[judge("mo", &[0], &["lullaby-loom"])]);
        assert_eq!(mo.len(), 1, "{mo:?}");
        assert!(mo[0].starts_with("judge \"mo\" left 1 entry partly scored (lullaby-loom); those"), "{mo:?}");
        // Among many, each judge with nothing else is said so; the one who scored nothing at all
        // has the warning of their own.
        let many = warned(&[judge("eve", &[], &["a"]), judge("bo", &[1], &["b"]), judge("zed", &[], &[])]);
        assert_eq!(many.len(), 2, "{many:?}");
        assert!(
            many[0].contains(
                "\"eve\" 1 entry partly scored (a) and scored no other entry in play; \"bo\" 1 entry partly scored (b);"
            ),
            "{many:?}"
        );
        assert!(many[1].starts_with("judge \"zed\" scores no entry in play"), "{many:?}");
    }

    /// A judge whose scored entries were all withdrawn from the export is warned of once, by the
    /// warning that names the withdrawn entries and says the file changes nothing: "scores no
    /// entry in play" had said it of them a second time. One who left an entry partly scored
    /// too is told so once, by the warning naming it; a trainee, whom the withdrawn warning
    /// leaves out (their marks count for nothing), still by "scores no entry in play".
    #[test]
    fn a_judge_whose_entries_were_all_withdrawn_is_warned_of_once() {
        let judge = |name: &str, entries: &[usize], partial: &[&str], withdrawn: &[&str]| super::JudgeMarks {
            judge: name.into(),
            entries: entries.to_vec(),
            partial: partial.iter().map(|p| (*p).to_owned()).collect(),
            withdrawn: withdrawn.iter().map(|p| (*p).to_owned()).collect(),
            ..super::JudgeMarks::default()
        };
        let mut config = crate::config::Config::builtin();
        // As the merge calls them: the withdrawn warning over the judges whose marks count.
        let warned = |judges: &[super::JudgeMarks], config: &crate::config::Config| -> Vec<String> {
            let counted: Vec<super::JudgeMarks> =
                judges.iter().filter(|j| !config.is_trainee(&j.judge)).cloned().collect();
            // A store with no withdrawn entry to name: each is said by its id.
            let field = super::super::Field::new(&[]);
            [super::partial(judges), super::scoring_nothing(judges, config), super::withdrawn(&counted, &field)]
                .into_iter()
                .flatten()
                .collect()
        };
        let of = |said: &[String], name: &str| -> Vec<String> {
            said.iter().filter(|l| l.contains(&format!("\"{name}\""))).cloned().collect()
        };
        let eve = warned(&[judge("eve", &[], &[], &["gone"]), judge("ana", &[0], &[], &["gone"])], &config);
        assert_eq!(
            eve,
            [
                "withdrawn from the export, so their scores are left out of every ranking and prize: \"gone\" (scored by \"eve\", \"ana\"). Judge \"eve\" scored no entry in play, so their file changes nothing"
            ]
        );
        // Several such judges: one clause for them all; one who scored others too is not in it.
        let many = warned(
            &[judge("eve", &[], &[], &["a"]), judge("bo", &[], &[], &["b"]), judge("ana", &[0], &[], &["a"])],
            &config,
        );
        assert_eq!(many.len(), 1, "{many:?}");
        assert!(
            many[0].ends_with(
                "\"a\" (scored by \"eve\", \"ana\"); \"b\" (scored by \"bo\"). 2 judges (\"eve\", \"bo\") scored no entry in play, so their files change nothing"
            ),
            "{many:?}"
        );
        // Withdrawn and partly scored, nothing scored in play: that the file changes nothing is
        // said once, with the partly scored entry; the withdrawn one names them as its scorer.
        let flo = warned(&[judge("flo", &[], &["half"], &["gone"]), judge("ana", &[0], &[], &[])], &config);
        let flo = of(&flo, "flo");
        assert_eq!(flo.len(), 2, "{flo:?}");
        assert_eq!(flo.iter().filter(|l| l.contains("changes nothing")).count(), 1, "{flo:?}");
        assert!(flo[0].starts_with("judge \"flo\" left 1 entry partly scored (half) and scored no other entry in play, so their file changes nothing"), "{flo:?}");
        assert!(flo[1].ends_with("\"gone\" (scored by \"flo\")"), "{flo:?}");
        // A trainee's withdrawn entries are named nowhere else: "scores no entry in play" says it.
        config.judges.push(crate::config::Judge { counts: false, ..crate::config::Judge::named("tia") });
        let tia = warned(&[judge("tia", &[], &[], &["gone"]), judge("ana", &[0], &[], &[])], &config);
        let tia = of(&tia, "tia");
        assert_eq!(tia.len(), 1, "{tia:?}");
        assert!(tia[0].starts_with("judge \"tia\" scores no entry in play"), "{tia:?}");
    }

    /// A file under "anna", when the event lists "ana" and ana sent a file too: the warning says
    /// whom it looks like and that one judge's marks would count twice; an unlisted name like no
    /// listed one is said as before.
    #[test]
    fn an_unlisted_name_one_letter_off_a_listed_judges_is_said_to_look_like_it() {
        let config = crate::config::Config::builtin();
        let judge = |name: &str| super::JudgeMarks { judge: name.into(), ..super::JudgeMarks::default() };
        let said = super::unlisted(&[judge("mira"), judge("mria"), judge("zed")], &config).expect("unlisted");
        assert!(said.starts_with("2 judges (\"mria\", \"zed\") are not among the event's judges"), "{said}");
        assert!(
            said.contains("\"mria\" looks like listed judge \"mira\", who sent a file too: if they are one judge, their marks count twice: export again under the listed name"),
            "{said}"
        );
        assert!(!said.contains("\"zed\" looks like"), "{said}");
        // Two short names two letters apart are two people, whoever the event lists.
        let mut with_ben = config.clone();
        with_ben.judges.push(crate::config::Judge::named("ben"));
        let two = super::unlisted(&[judge("ben"), judge("zed")], &with_ben).expect("unlisted");
        assert!(!two.contains("looks like"), "{two}");
        let alone = super::unlisted(&[judge("mria")], &config).expect("unlisted");
        assert!(alone.contains("\"mria\" looks like listed judge \"mira\": export again"), "{alone}");
        let unlike = super::unlisted(&[judge("zed")], &config).expect("unlisted");
        assert!(!unlike.contains("looks like"), "{unlike}");
    }

    /// A name that only looks like a listed judge's, spelled with other letters (Cyrillic і and
    /// а, fullwidth ｍｉｒａ, an accent above): two or four letters off, it had not been said to
    /// look like "mira" at all, and a reader could not tell it from her. It is said, with the
    /// letters that differ shown as their code points.
    #[test]
    fn a_name_spelled_with_look_alike_letters_is_said_to_look_like_the_listed_one() {
        let config = crate::config::Config::builtin();
        let judge = |name: &str| super::JudgeMarks { judge: name.into(), ..super::JudgeMarks::default() };
        for (name, shown) in [
            ("m\u{456}r\u{430}", "m\\u{456}r\\u{430}"),
            ("\u{ff4d}\u{ff49}\u{ff52}\u{ff41}", "\\u{ff4d}\\u{ff49}\\u{ff52}\\u{ff41}"),
            ("MIR\u{391}", "MIR\\u{391}"),
        ] {
            let said = super::unlisted(&[judge("mira"), judge(name)], &config).expect("unlisted");
            let want = format!("\"{shown}\" looks like listed judge \"mira\", who sent a file too");
            assert!(said.contains(&want), "{name}: wanted {want} in {said}");
        }
    }
}
