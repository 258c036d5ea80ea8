//! What this judge gave, and the counts the screen shows of it.
//!
//! The sheet changes only through [`Scores::apply`], [`Scores::replace`] and [`Scores::reload`],
//! and each keeps the tally and the set of partly scored entries right: no caller can change
//! one without the others.

use std::collections::BTreeSet;

use super::entries::{Entries, Entry};
use crate::model::{Change, ScoreSheet, Status, weighted_total};

/// "37 of 120 scored": kept up to date on each change, since counting ten thousand entries on
/// every frame costs more than the frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// This judge's entries fully scored.
    pub scored: usize,
    /// This judge's entries that can be scored: withdrawn and recused ones left out.
    pub open: usize,
}

impl Tally {
    fn add(self, other: Tally) -> Tally {
        Tally { scored: self.scored + other.scored, open: self.open + other.open }
    }

    fn less(self, other: Tally) -> Tally {
        Tally { scored: self.scored - other.scored, open: self.open - other.open }
    }
}

/// The judge's sheet with its tally and the partly scored entries.
#[derive(Default)]
pub struct Scores {
    sheet: ScoreSheet,
    tally: Tally,
    /// The ids of entries left partly scored, in order.
    partial: BTreeSet<String>,
}

impl Scores {
    /// The sheet, counted over these entries.
    pub fn new(sheet: ScoreSheet, entries: &Entries) -> Scores {
        let mut scores = Scores { sheet, ..Scores::default() };
        scores.recount(entries);
        scores
    }

    pub fn sheet(&self) -> &ScoreSheet {
        &self.sheet
    }

    /// The status a judge sees for an entry: the sheet's one rule.
    pub fn status_of(&self, entries: &Entries, entry: &Entry) -> Status {
        let rubric = entries.rubric_of(entry.submission.track.as_deref());
        self.sheet.status(&entry.submission.id, entry.withdrawn, rubric)
    }

    pub fn total_of(&self, entries: &Entries, id: &str) -> Option<f64> {
        let track = entries.get(id).and_then(|e| e.submission.track.as_deref());
        weighted_total(entries.rubric_of(track), |c| self.sheet.score(id, c))
    }

    /// The total as the merge counts it: none for an entry the judge recused from or the export
    /// withdrew, whose scores are kept but set aside. What the list shows and sorts by.
    pub fn counted_total(&self, entries: &Entries, id: &str) -> Option<f64> {
        let withdrawn = entries.get(id).is_some_and(|e| e.withdrawn);
        self.total_of(entries, id).filter(|_| self.sheet.set_aside(id, withdrawn).is_none())
    }

    /// A saved change, shown.
    pub fn apply(&mut self, entries: &Entries, id: &str, change: &Change) {
        self.rewrite(entries, &[id.to_owned()], |sheet| sheet.apply(id, change));
    }

    /// These entries' sheets as the store holds them now. False when the whole sheet then has
    /// another size than the store's (`stored`): something was deleted beside the app, and only
    /// reading it all again is right.
    pub fn replace(&mut self, entries: &Entries, ids: &[String], part: ScoreSheet, stored: Option<usize>) -> bool {
        self.rewrite(entries, ids, |sheet| sheet.replace(ids, part));
        stored.is_none_or(|n| n == self.sheet.size())
    }

    /// The whole sheet, read again.
    pub fn reload(&mut self, entries: &Entries, sheet: ScoreSheet) {
        self.sheet = sheet;
        self.recount(entries);
    }

    /// Counts everything again: the entries changed.
    pub fn recount(&mut self, entries: &Entries) {
        self.tally = entries.iter().map(|e| self.counts(entries, e)).fold(Tally::default(), Tally::add);
        self.partial =
            entries.iter().filter(|e| self.left_partial(entries, e)).map(|e| e.submission.id.clone()).collect();
    }

    /// The one place the sheet changes for some entries: their counts come out before and go
    /// back in after.
    fn rewrite(&mut self, entries: &Entries, ids: &[String], change: impl FnOnce(&mut ScoreSheet)) {
        let before: Vec<Tally> = ids.iter().map(|id| self.tally_of(entries, id)).collect();
        change(&mut self.sheet);
        for (id, before) in ids.iter().zip(before) {
            self.tally = self.tally.add(self.tally_of(entries, id)).less(before);
            match entries.get(id) {
                Some(e) if self.left_partial(entries, e) => self.partial.insert(id.clone()),
                _ => self.partial.remove(id),
            };
        }
    }

    /// What the entry with this id adds to the tally.
    fn tally_of(&self, entries: &Entries, id: &str) -> Tally {
        entries.get(id).map_or(Tally::default(), |e| self.counts(entries, e))
    }

    /// What one entry adds to the tally.
    fn counts(&self, entries: &Entries, entry: &Entry) -> Tally {
        match self.own_status(entries, entry) {
            None | Some(Status::Withdrawn | Status::Recused) => Tally::default(),
            Some(Status::Scored) => Tally { scored: 1, open: 1 },
            Some(Status::NotStarted | Status::Partial) => Tally { scored: 0, open: 1 },
        }
    }

    /// Whether the footer names this entry as partly scored: one of the judge's own that
    /// [`Scores::counts`] counts, left part way.
    fn left_partial(&self, entries: &Entries, entry: &Entry) -> bool {
        self.own_status(entries, entry) == Some(Status::Partial)
    }

    /// The entry's status where it is the judge's own ([`Entries::uncounted`]): the one notion
    /// both "M of N scored" and "K partly scored" count by. "K partly scored" had counted every
    /// entry, and a judge with assignments read "0 of 2 scored  1 partly scored: sprout-sense"
    /// after a score on an entry not theirs.
    fn own_status(&self, entries: &Entries, entry: &Entry) -> Option<Status> {
        (!entries.uncounted(entry)).then(|| self.status_of(entries, entry))
    }

    /// "37 of 120 scored": entries this judge can still score, withdrawn and recused left out.
    pub fn progress(&self) -> (usize, usize) {
        (self.tally.scored, self.tally.open)
    }

    /// The judge's own entries left partly scored (the merge leaves them out), wherever they are
    /// in the list: how many, and the first `n` ids.
    pub fn partly_scored(&self, n: usize) -> (usize, Vec<&str>) {
        (self.partial.len(), self.partial.iter().take(n).map(String::as_str).collect())
    }
}
