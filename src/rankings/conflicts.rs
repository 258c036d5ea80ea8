//! Scores given despite a declared conflict: found by the one conflict test (`assign::barred`,
//! which `judging assign` and the judge's app use), flagged on the entry, named in every output,
//! and left out of the merge where the event says so (`merge.conflicts = "exclude"`).

use serde::{Deserialize, Serialize};

use super::{Field, JudgeMarks};
use crate::assign::{Bar, barred};
use crate::config::{Config, ConflictPolicy};
use crate::sanitize::clean_line;

/// A score a judge gave an entry their `[[judges]]` entry declares a conflict with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflicted {
    pub judge: String,
    /// The entry's id.
    pub id: String,
    /// The entry's title as the export gave it (not yet cleaned), so that the sentence names the
    /// entry as the merge's other lists do; blank in a merge saved before it was kept.
    #[serde(default)]
    pub title: String,
    /// Whether the score counts in the merge (`merge.conflicts = "flag"`) or was left out
    /// (`"exclude"`).
    pub counted: bool,
}

/// Every score in the files whose judge declared a conflict with its entry, as (judge's file,
/// row): a judge judging.toml does not list, or lists without conflicts, costs nothing.
fn find(judges: &[JudgeMarks], config: &Config, field: &Field) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (j, marks) in judges.iter().enumerate() {
        let Some(declared) = config.judge(&marks.judge).filter(|d| !d.conflicts.is_empty()) else { continue };
        for (row, entry) in marks.entries.iter().enumerate() {
            if barred(declared, &field.entries[*entry].submission, crate::assign::Tracks::IGNORED)
                == Some(Bar::Conflict)
            {
                out.push((j, row));
            }
        }
    }
    out
}

/// Takes the rows `found` (judge's file, row) out of the judges' marks: their scores no longer
/// count anywhere in the merge, nor their commits and stopwatch readings of those entries.
fn leave_out(judges: &mut [JudgeMarks], found: &[(usize, usize)]) {
    for (j, marks) in judges.iter_mut().enumerate() {
        let rows: Vec<usize> = found.iter().filter(|(k, _)| *k == j).map(|(_, row)| *row).collect();
        if rows.is_empty() {
            continue;
        }
        let criteria = marks.values.len() / marks.entries.len().max(1);
        let keep: Vec<bool> = (0..marks.entries.len()).map(|row| !rows.contains(&row)).collect();
        // What else the merge reads of those entries: the commit scored and the stopwatch.
        let gone: Vec<usize> = rows.iter().map(|row| marks.entries[*row]).collect();
        marks.revisions.retain(|(e, _)| !gone.contains(e));
        marks.timings.retain(|(e, _)| !gone.contains(e));
        let mut kept = keep.iter().copied();
        marks.entries.retain(|_| kept.next().unwrap_or(true));
        let mut kept = keep.iter().copied();
        marks.totals.retain(|_| kept.next().unwrap_or(true));
        if !marks.shared_totals.is_empty() {
            let mut kept = keep.iter().copied();
            marks.shared_totals.retain(|_| kept.next().unwrap_or(true));
        }
        if !marks.given.is_empty() {
            let mut kept = keep.iter().copied();
            marks.given.retain(|_| kept.next().unwrap_or(true));
        }
        let mut value = 0;
        marks.values.retain(|_| {
            value += 1;
            keep.get((value - 1) / criteria.max(1)).copied().unwrap_or(true)
        });
    }
}

/// The scores given despite a declared conflict, as the event's policy leaves them: each named,
/// and with `Exclude` taken out of `judges`. Returns them, and which field entries they flag.
pub(super) fn apply(
    judges: &mut [JudgeMarks],
    config: &Config,
    field: &Field,
    policy: ConflictPolicy,
) -> (Vec<Conflicted>, Vec<bool>) {
    let found = find(judges, config, field);
    let mut flagged = vec![false; field.entries.len()];
    let counted = policy == ConflictPolicy::Flag;
    let named = found
        .iter()
        .map(|(j, row)| {
            let entry = judges[*j].entries[*row];
            flagged[entry] = true;
            let submission = &field.entries[entry].submission;
            Conflicted {
                judge: judges[*j].judge.clone(),
                id: submission.id.clone(),
                title: submission.title.clone(),
                counted,
            }
        })
        .collect();
    if !counted {
        leave_out(judges, &found);
    }
    (named, flagged)
}

/// What the merge did with the scores given despite a declared conflict, in one sentence: which
/// they are (the first few, each entry "Title (id)" as the merge's lists name it, through
/// `text`), and whether they count. `None` when there are none.
pub fn said(conflicts: &[Conflicted], text: impl Fn(&str) -> String) -> Option<String> {
    let first = conflicts.first()?;
    let named: Vec<String> = conflicts
        .iter()
        .map(|c| format!("{} on {}", text(&c.judge), crate::format::title_and_id(&c.title, &c.id, None, &text)))
        .collect();
    let how = if first.counted {
        "counted, as merge.conflicts = \"flag\" has it (\"exclude\" leaves them out)"
    } else {
        "left out of the merge, as merge.conflicts = \"exclude\" asks"
    };
    Some(format!(
        "Scored despite a conflict the judge declared in judging.toml ({}), {how}: {}.",
        conflicts.len(),
        crate::format::first_few(&named, 8, ", ")
    ))
}

/// The warning for the head judge's terminal: the same sentence, cleaned.
pub(super) fn warning(conflicts: &[Conflicted]) -> Option<String> {
    said(conflicts, clean_line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StoredSubmission, Submission};

    fn stored(id: &str, team: &str) -> StoredSubmission {
        StoredSubmission { submission: Submission { team: team.into(), ..Submission::example(id) }, withdrawn: false }
    }

    /// A judge's marks on `entries`: row `r` totals `r + 1`, and its two values are `r + 1` and
    /// `r + 10`, so that a row left out shows which.
    fn marks(judge: &str, entries: Vec<usize>) -> JudgeMarks {
        let rows = 1..=u8::try_from(entries.len()).expect("a few");
        JudgeMarks {
            judge: judge.into(),
            totals: rows.clone().map(f64::from).collect(),
            shared_totals: Vec::new(),
            values: rows.flat_map(|r| [Some(r), Some(r + 9)]).collect(),
            entries,
            ..JudgeMarks::default()
        }
    }

    /// A judge's declared conflict (a team, here in other case) finds their score; another
    /// judge's score on it, and the judge's other scores, are not touched. Excluded, the row goes
    /// whole: its entry, total and every criterion's value.
    #[test]
    fn a_declared_conflict_is_found_by_the_one_test_and_left_out_whole_when_asked() {
        let subs = [stored("a", "Moss & Lichen"), stored("b", "Other"), stored("c", "Third")];
        let field = Field::new(&subs);
        let mut config = Config::builtin();
        config.judges.iter_mut().for_each(|j| j.conflicts.clear());
        config.judges[0].name = "ana".into();
        config.judges[0].conflicts = vec!["moss & lichen".into()];
        let judges = || {
            let mut ana = marks("Ana", vec![1, 0, 2]);
            ana.revisions = vec![(0, "abc".into()), (1, "def".into())];
            vec![ana, marks("ben", vec![0, 1])]
        };
        let mut flagged = judges();
        let (named, entries) = apply(&mut flagged, &config, &field, ConflictPolicy::Flag);
        assert_eq!(named, [Conflicted { judge: "Ana".into(), id: "a".into(), title: "A".into(), counted: true }]);
        assert_eq!(entries, [true, false, false]);
        assert_eq!(flagged, judges(), "flagged, the scores stay");
        let mut excluded = judges();
        let (named, _) = apply(&mut excluded, &config, &field, ConflictPolicy::Exclude);
        assert!(!named[0].counted);
        assert_eq!(excluded[0].entries, [1, 2]);
        assert_eq!(excluded[0].totals, [1.0, 3.0]);
        assert_eq!(excluded[0].values, [Some(1), Some(10), Some(3), Some(12)]);
        assert_eq!(excluded[0].revisions, [(1, "def".to_owned())], "the commit of the entry left out goes too");
        assert_eq!(excluded[1], judges()[1], "ben declared nothing");
        let line = said(&named, clean_line).expect("a sentence");
        assert!(line.contains("(1)") && line.contains("Ana on A (a)") && line.contains("left out"), "{line}");
        assert_eq!(said(&[], clean_line), None);
        // A title with an escape in it reaches no terminal; a merge saved without titles names
        // the entry by its id alone.
        let evil = Conflicted { title: "Moss\u{1b}[2J Owl".into(), ..named[0].clone() };
        let line = said(&[evil], clean_line).expect("a sentence");
        assert!(line.contains("Ana on Moss") && line.contains("Owl (a)") && !line.contains('\u{1b}'), "{line}");
        let untitled = Conflicted { title: String::new(), ..named[0].clone() };
        assert!(said(&[untitled], clean_line).expect("a sentence").contains("Ana on a."));
    }
}
