//! Which criteria judge each entry: every criterion, or with per-track criteria the rubric of
//! the entry's track. Worked out once per merge, so that reading a million scores asks nothing
//! but an index.

use super::panel::Ids;
use crate::config::Config;

pub struct Rubrics {
    /// Each distinct rubric as a mask over the criteria.
    masks: Vec<Vec<bool>>,
    /// Each field entry's rubric, by index into `masks`.
    of_entry: Vec<usize>,
    /// The criteria every track shares, when tracks have rubrics of their own.
    shared: Option<Vec<bool>>,
    weights: Vec<f64>,
}

/// An entry's totals from one judge: on its own rubric, and on the shared criteria when tracks
/// have rubrics of their own (`None` when there are none to share).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    pub own: f64,
    pub shared: Option<f64>,
}

impl Rubrics {
    pub fn new(config: &Config, ids: &Ids) -> Rubrics {
        let mask = |track: Option<&str>| config.criteria.iter().map(|c| c.judges_track(track)).collect::<Vec<bool>>();
        let mut masks: Vec<Vec<bool>> = Vec::new();
        let of_entry = ids
            .tracks()
            .map(|track| {
                let m = mask(track);
                masks.iter().position(|k| *k == m).unwrap_or_else(|| {
                    masks.push(m);
                    masks.len() - 1
                })
            })
            .collect();
        let shared = config.per_track().then(|| {
            let ids: Vec<String> = config.shared_criteria().into_iter().map(|c| c.id).collect();
            config.criteria.iter().map(|c| ids.contains(&c.id)).collect::<Vec<bool>>()
        });
        let shared = shared.filter(|m| m.iter().any(|on| *on));
        Rubrics { masks, of_entry, shared, weights: config.criteria.iter().map(|c| c.weight).collect() }
    }

    /// Whether criterion `c` judges field entry `entry`.
    pub fn judges(&self, entry: usize, c: usize) -> bool {
        self.masks[self.of_entry[entry]][c]
    }

    /// Whether the overall ranking has criteria to compare every entry on: always, unless tracks
    /// have rubrics of their own that share none.
    pub fn overall(&self, config: &Config) -> bool {
        !config.per_track() || self.shared.is_some()
    }

    /// A judge's totals for an entry from their values (one per criterion, in rubric order), or
    /// `None` when a criterion of its rubric has no score: partly scored.
    pub fn totals(&self, entry: usize, values: &[Option<u8>]) -> Option<Totals> {
        let weighted = |mask: &[bool]| -> Option<f64> {
            let parts = mask.iter().zip(values).zip(&self.weights).filter(|((on, _), _)| **on);
            crate::model::total(parts.map(|((_, v), w)| (*w, *v)))
        };
        let own = weighted(&self.masks[self.of_entry[entry]])?;
        Some(Totals { own, shared: self.shared.as_deref().and_then(weighted) })
    }
}
