//! Each ranked entry's chance of a paid place, from the bootstrap in `merge::chances`: the
//! rankings a prize by score reads, with as many places as the prize pays.

use super::{Field, Ranked};
use crate::config::{Config, PrizeBy};
use crate::merge::chances::{Paid, REPLICATES, chances};
use crate::merge::{Method, Panel};

/// Whether to work out the chances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Chances {
    /// For the calibrated method, on panels of up to [`AUTO_MOST`] marks.
    #[default]
    Auto,
    On,
    Off,
}

/// Above this many marks the chances take seconds, and are worked out only when asked for.
pub const AUTO_MOST: usize = 100_000;

/// The paid places of a ranking: the most any prize by score over the whole ranking pays.
/// Prizes narrowed by tag or size read a part of a ranking, and are not counted.
pub fn paid_places(config: &Config, ranking: &str) -> Option<usize> {
    config
        .prizes
        .iter()
        .filter(|p| p.by == PrizeBy::Score && p.tag.is_none() && p.max_params.is_none())
        .filter(|p| p.track.as_deref().unwrap_or("overall") == ranking)
        .map(|p| p.amounts.len())
        .max()
}

/// Sets each ranked entry's `chance` where a prize pays places in its ranking. Returns why none
/// was worked out, when none was and the head judge might expect it.
pub(super) fn fill(
    rankings: &mut [(String, Vec<Ranked>)],
    panel: &Panel,
    field: &Field,
    config: &Config,
    method: &Method,
    asked: Chances,
) -> Option<String> {
    if asked == Chances::Off {
        return None;
    }
    if *method != Method::Calibrated {
        return (asked == Chances::On).then(|| {
            format!("chances of a paid place come from the calibrated method; the {} method has none", method.name())
        });
    }
    if asked == Chances::Auto && panel.marks.len() > AUTO_MOST {
        return Some(format!(
            "chances of a paid place were not worked out: {} marks take a while ({} refits); ask for them with --chances",
            panel.marks.len(),
            REPLICATES
        ));
    }
    let mut which = Vec::new();
    let mut paid = Vec::new();
    for (k, (name, ranked)) in rankings.iter().enumerate() {
        let Some(places) = paid_places(config, name) else { continue };
        let entries: Vec<usize> = ranked
            .iter()
            .filter_map(|r| match field.place(&r.id) {
                super::Place::Ranked(e) => Some(e),
                _ => None,
            })
            .collect();
        which.push(k);
        paid.push(Paid { entries, places });
    }
    if paid.is_empty() {
        return None;
    }
    let found = chances(panel, &paid, REPLICATES)?;
    for (k, chance) in which.into_iter().zip(found) {
        for (r, c) in rankings[k].1.iter_mut().zip(chance) {
            r.chance = Some(c);
        }
    }
    None
}
