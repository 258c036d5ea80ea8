//! What one judge has given: scores, notes, stopwatch readings and recusals, the changes that
//! make and undo them, and the status of each entry that follows from them.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{ByPart, Compared, Criterion, Pair, TextPart};

/// Everything this judge has given: scores per submission and criterion, notes, stopwatch
/// readings and recusals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreSheet {
    pub scores: HashMap<String, HashMap<String, u8>>,
    /// Each text part's texts by entry: notes for the jury, notes the team may read, recusals
    /// with their reasons.
    pub texts: ByPart<HashMap<String, String>>,
    /// Every stopwatch reading, in seconds, in the order they were taken: a ZeroGPU Space's
    /// first answer is a cold start, so one reading is not the story.
    pub readings: HashMap<String, Vec<f64>>,
    /// The finals' comparisons, by the pair's first entry then its second: one answer a pair.
    pub comparisons: HashMap<String, BTreeMap<String, Compared>>,
}

impl ScoreSheet {
    pub fn score(&self, submission: &str, criterion: &str) -> Option<u8> {
        self.scores.get(submission)?.get(criterion).copied()
    }

    pub fn scored_count(&self, submission: &str, criteria: &[Criterion]) -> usize {
        criteria.iter().filter(|c| self.score(submission, &c.id).is_some()).count()
    }

    /// The entry's text of one part, if it has one.
    pub fn text(&self, part: TextPart, submission: &str) -> Option<&str> {
        self.texts[part].get(submission).map(String::as_str)
    }

    /// Whether the judge stepped back from the entry.
    pub fn recused(&self, submission: &str) -> bool {
        TextPart::ALL.into_iter().any(|p| p.sets_aside() && self.texts[p].contains_key(submission))
    }

    /// Why the merge would not count this judge's scores of the entry, which are kept: a
    /// recusal, or the entry's withdrawal from the export. `None` where they count. The one rule
    /// of the totals the app and `judging list` show and sort by.
    pub fn set_aside(&self, submission: &str, withdrawn: bool) -> Option<&'static str> {
        if self.recused(submission) {
            Some("recused")
        } else if withdrawn {
            Some("withdrawn from the export")
        } else {
            None
        }
    }

    /// How many scores, readings, comparisons and texts of every part it holds: the count the
    /// store's `sheet_size` makes.
    pub fn size(&self) -> usize {
        self.scores.values().map(HashMap::len).sum::<usize>()
            + self.readings.values().map(Vec::len).sum::<usize>()
            + self.comparisons.values().map(BTreeMap::len).sum::<usize>()
            + self.texts.values().map(HashMap::len).sum::<usize>()
    }

    /// What the judge answered on a pair, if they compared it.
    pub fn comparison(&self, pair: &Pair) -> Option<&Compared> {
        self.comparisons.get(&pair.first)?.get(&pair.second)
    }

    /// Every pair the judge compared, with their answer, in the pairs' order.
    pub fn compared(&self) -> Vec<(Pair, &Compared)> {
        let mut out: Vec<(Pair, &Compared)> = self
            .comparisons
            .iter()
            .flat_map(|(first, seconds)| {
                seconds.iter().map(move |(second, c)| (Pair { first: first.clone(), second: second.clone() }, c))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Takes what `part` holds for `ids` in place of what this sheet held for them, every part.
    pub fn replace(&mut self, ids: &[String], mut from: ScoreSheet) {
        for id in ids {
            take(&mut self.scores, &mut from.scores, id);
            take(&mut self.readings, &mut from.readings, id);
            take(&mut self.comparisons, &mut from.comparisons, id);
            for part in TextPart::ALL {
                take(&mut self.texts[part], &mut from.texts[part], id);
            }
        }
    }

    /// The median of an entry's stopwatch readings, if it has any.
    pub fn median_seconds(&self, submission: &str) -> Option<f64> {
        crate::stats::median(self.readings.get(submission)?)
    }

    /// The status of an entry for this judge: the one rule every screen and report uses.
    pub fn status(&self, id: &str, withdrawn: bool, criteria: &[Criterion]) -> Status {
        if withdrawn {
            Status::Withdrawn
        } else if self.recused(id) {
            Status::Recused
        } else {
            match self.scored_count(id, criteria) {
                0 => Status::NotStarted,
                n if n >= criteria.len() => Status::Scored,
                _ => Status::Partial,
            }
        }
    }
}

/// Moves `id`'s value from `from` into `into`, or clears it there when `from` has none.
fn take<V>(into: &mut HashMap<String, V>, from: &mut HashMap<String, V>, id: &str) {
    match from.remove(id) {
        Some(value) => into.insert(id.to_owned(), value),
        None => into.remove(id),
    };
}

/// Where an entry stands for one judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Written "not started", as the screens say it.
    #[serde(rename = "not started")]
    NotStarted,
    Partial,
    Scored,
    /// The judge stepped back from it: it takes no scores and does not count.
    Recused,
    /// Gone from the latest export: its scores are kept, it takes no new ones.
    Withdrawn,
}

impl Status {
    /// Every status, for what must fit any of them (the list's status column).
    pub const ALL: [Status; 5] =
        [Status::NotStarted, Status::Partial, Status::Scored, Status::Recused, Status::Withdrawn];

    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::Partial => "partial",
            Status::Scored => "scored",
            Status::Recused => "recused",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Whether a judge's list shows the entry as a conflict: one still open that judging.toml
    /// lists as a conflict of theirs, so that they recuse rather than score it.
    pub fn shows_conflict(self, conflict: bool) -> bool {
        conflict && self.open()
    }

    /// The status as a judge's list shows it ("conflict" where [`Status::shows_conflict`]).
    pub fn shown(self, conflict: bool) -> &'static str {
        if self.shows_conflict(conflict) { "conflict" } else { self.label() }
    }

    /// Whether the judge still has scoring to do on it.
    pub fn open(self) -> bool {
        matches!(self, Status::NotStarted | Status::Partial)
    }

    /// Whether it takes scores: not withdrawn, not recused.
    pub fn scorable(self) -> bool {
        !matches!(self, Status::Recused | Status::Withdrawn)
    }
}

/// One change the terminal app makes, and what undoing it writes back. `None` clears.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Score {
        criterion: String,
        value: Option<u8>,
    },
    /// Every stopwatch reading of the entry, oldest first; empty clears them.
    Readings(Vec<f64>),
    /// A part that holds one text: the jury's note, the team's note, a recusal's reason.
    Text(TextPart, Option<String>),
    /// The answer on the pair of this entry (the pair's first, the smaller id) and `other`;
    /// `None` takes it back.
    Comparison {
        other: String,
        answer: Option<Compared>,
    },
}

impl Change {
    /// The change that answers `pair` (or with `None` takes its answer back), with the entry it is
    /// written for.
    pub fn comparison(pair: &Pair, answer: Option<Compared>) -> (String, Change) {
        (pair.first.clone(), Change::Comparison { other: pair.second.clone(), answer })
    }

    /// A note for the team or for the jury (see `FeedbackNotes::for_team`).
    pub fn note(for_team: bool, text: Option<String>) -> Change {
        Change::Text(if for_team { TextPart::TeamNote } else { TextPart::Note }, text)
    }
}

impl ScoreSheet {
    /// Mirrors a change written to the store, so the screen need not re-read it.
    pub fn apply(&mut self, submission: &str, change: &Change) {
        let id = submission.to_owned();
        match change.clone() {
            Change::Score { criterion, value: Some(v) } => {
                self.scores.entry(id).or_default().insert(criterion, v);
            }
            Change::Score { criterion, value: None } => {
                if let Some(s) = self.scores.get_mut(&id) {
                    s.remove(&criterion);
                }
            }
            Change::Text(part, Some(text)) => {
                self.texts[part].insert(id, text);
            }
            Change::Text(part, None) => {
                self.texts[part].remove(&id);
            }
            Change::Readings(seconds) if seconds.is_empty() => {
                self.readings.remove(&id);
            }
            Change::Readings(seconds) => {
                self.readings.insert(id, seconds);
            }
            Change::Comparison { other, answer: Some(answer) } => {
                self.comparisons.entry(id).or_default().insert(other, answer);
            }
            Change::Comparison { other, answer: None } => {
                if let Some(seconds) = self.comparisons.get_mut(&id) {
                    seconds.remove(&other);
                    if seconds.is_empty() {
                        self.comparisons.remove(&id);
                    }
                }
            }
        }
    }

    /// The change that would undo `change`: what the sheet holds now.
    pub fn current(&self, submission: &str, change: &Change) -> Change {
        match change {
            Change::Score { criterion, .. } => {
                Change::Score { criterion: criterion.clone(), value: self.score(submission, criterion) }
            }
            Change::Readings(_) => Change::Readings(self.readings.get(submission).cloned().unwrap_or_default()),
            Change::Text(part, _) => Change::Text(*part, self.texts[*part].get(submission).cloned()),
            Change::Comparison { other, .. } => Change::Comparison {
                other: other.clone(),
                answer: self.comparisons.get(submission).and_then(|s| s.get(other)).cloned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparison_is_answered_replaced_and_undone_like_any_change() {
        let pair = Pair::new("b", "a").expect("a pair");
        let mut sheet = ScoreSheet::default();
        let level = Compared { verdict: super::super::Verdict::Level, note: None };
        let (id, change) = Change::comparison(&pair, Some(level.clone()));
        assert_eq!(id, "a");
        let undo = sheet.current(&id, &change);
        sheet.apply(&id, &change);
        assert_eq!(sheet.comparison(&pair), Some(&level));
        assert_eq!(sheet.size(), 1);
        let first = Compared { verdict: super::super::Verdict::First, note: Some("steadier".into()) };
        sheet.apply(&id, &Change::comparison(&pair, Some(first.clone())).1);
        assert_eq!(sheet.compared(), [(pair.clone(), &first)], "one answer a pair: the later replaces");
        sheet.apply(&id, &undo);
        assert_eq!((sheet.comparison(&pair), sheet.size()), (None, 0), "undone to what was before");
    }

    #[test]
    fn status_follows_withdrawal_recusal_and_scores_in_that_order() {
        let criteria = ["utility", "latency", "cost"].map(|c| Criterion::example(c, 1.0));
        let score = |sheet: &mut ScoreSheet, c: &str| {
            sheet.apply("a", &Change::Score { criterion: c.into(), value: Some(3) });
        };
        let mut sheet = ScoreSheet::default();
        assert_eq!(sheet.status("a", false, &criteria), Status::NotStarted);
        score(&mut sheet, "utility");
        assert_eq!(sheet.status("a", false, &criteria), Status::Partial);
        score(&mut sheet, "latency");
        score(&mut sheet, "cost");
        assert_eq!(sheet.status("a", false, &criteria), Status::Scored);
        sheet.apply("a", &Change::Text(crate::model::TextPart::Recusal, Some("my cousin".into())));
        assert_eq!(sheet.status("a", false, &criteria), Status::Recused);
        assert_eq!(sheet.status("a", true, &criteria), Status::Withdrawn);
        let cases = [
            (Status::NotStarted, true, true),
            (Status::Partial, true, true),
            (Status::Scored, false, true),
            (Status::Recused, false, false),
            (Status::Withdrawn, false, false),
        ];
        for (status, open, scorable) in cases {
            assert_eq!((status.open(), status.scorable()), (open, scorable), "{status:?}");
        }
    }
}
