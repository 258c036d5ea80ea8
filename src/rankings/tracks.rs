//! One ranking of some entries: places from the merged scores, ties broken by the keys in turn,
//! and each entry's flags.

use super::{CriterionStanding, Field, Flag, Options, Ranked};
use crate::merge::agreement::EntryStats;
use crate::merge::{break_ties, rank};

/// What every ranking of one merge shares.
pub(super) struct Context<'a> {
    pub stats: &'a EntryStats,
    /// `means[criterion][entry]`.
    pub means: &'a [Vec<Option<f64>>],
    /// `keys[tie_break][entry]`, higher better.
    pub keys: &'a [Vec<f64>],
    pub field: &'a Field<'a>,
    pub options: &'a Options,
    /// The judges whose marks count for every ranked entry, when fewer than all do (a sum over
    /// chosen judges): the JUDGES column says so.
    pub counted: Option<usize>,
    /// By field index, the entries scored despite a declared conflict.
    pub conflicted: &'a [bool],
    /// By field index, each entry's gap beyond its judges' habits.
    pub beyond: &'a [Option<f64>],
    /// By field index, how many of each entry's judges gave nearly the same total to every
    /// entry they scored: not counted towards its judges for thin.
    pub flat: &'a [usize],
    /// `standings[criterion][entry]`, for the criteria a prize ranks by.
    pub standings: &'a [Vec<Option<CriterionStanding>>],
}

impl Context<'_> {
    /// One ranking of some entries (`which`, indices into the field, in the order of `scores`).
    pub fn ranking(&self, scores: &[Option<f64>], which: &[usize], order: crate::merge::Order) -> Vec<Ranked> {
        let keys: Vec<Vec<f64>> = self.keys.iter().map(|k| which.iter().map(|e| k[*e]).collect()).collect();
        break_ties(rank(scores, order), &keys)
            .into_iter()
            .map(|s| {
                let e = which[s.entry];
                let judges = self.counted.unwrap_or(self.stats.judges[e]);
                // One judge's marks have nothing to be apart from: no gap, not a gap of 0.
                let gap = (self.stats.judges[e] >= 2).then_some(self.stats.gap[e]);
                // Contested: judges apart beyond what their habits explain, not merely apart (a
                // lenient and a harsh judge who agree on the entry are not).
                let beyond = self.beyond[e];
                let flat = self.flat.get(e).copied().unwrap_or(0).min(judges);
                let flags = [
                    (super::thin(judges - flat, self.options.min_judges), Flag::Thin),
                    (beyond.is_some_and(|g| g >= self.options.contested_gap - 1e-9), Flag::Contested),
                    (s.tied, Flag::Tie),
                    (self.conflicted[e], Flag::Conflict),
                ]
                .into_iter()
                .filter_map(|(on, flag)| on.then_some(flag))
                .collect();
                let sub = &self.field.entries[e].submission;
                Ranked {
                    place: s.place,
                    id: sub.id.clone(),
                    title: sub.title.clone(),
                    score: s.score,
                    by_criterion: self.means.iter().map(|c| c[e]).collect(),
                    judges,
                    flat,
                    gap,
                    gap_beyond_habits: beyond,
                    flags,
                    tie_break: s.broken_by.map(|k| self.options.tie_breaks[k].clone()),
                    chance: None,
                    by_criterion_merged: self.standings.iter().map(|c| c[e]).collect(),
                    rubric_place: None,
                }
            })
            .collect()
    }
}
