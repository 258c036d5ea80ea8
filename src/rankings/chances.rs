//! Each ranked entry's chance of a paid place, from the bootstrap in `merge::chances`: the
//! rankings a prize by score reads, with as many places as the prize pays.

use super::{Field, OwnPanel, Ranked, Scopes};
use crate::config::Config;
use crate::merge::Method;
use crate::merge::chances::{Draws, Paid, REPLICATES, draws};

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
    config.prizes.iter().filter(|p| p.reads_whole_ranking() && p.ranking() == ranking).map(|p| p.amounts.len()).max()
}

/// Sets each ranked entry's `chance` where a prize pays places in its ranking, every entry able
/// to win, and keeps each such ranking's refits by its position in `rankings` (see
/// [`super::Rankings::pay_only_who_can_win`]). Says why none was worked out, when none was and
/// the head judge might expect it.
pub(super) fn fill(
    rankings: &mut [(String, Vec<Ranked>)],
    scopes: &Scopes,
    own: &[OwnPanel],
    field: &Field,
    config: &Config,
    method: &Method,
    asked: Chances,
) -> (Option<String>, Vec<(usize, Draws)>) {
    if asked == Chances::Off {
        return (None, Vec::new());
    }
    if *method != Method::Calibrated {
        let why = (asked == Chances::On).then(|| {
            format!("chances of a paid place come from the calibrated method; the {} method has none", method.name())
        });
        return (why, Vec::new());
    }
    if asked == Chances::Auto && scopes.panel.marks.len() > AUTO_MOST {
        return (
            Some(format!(
                "chances of a paid place were not worked out: {} marks take a while ({} refits); ask for them with --chances",
                scopes.panel.marks.len(),
                REPLICATES
            )),
            Vec::new(),
        );
    }
    let field_index = |r: &Ranked| match field.place(&r.id) {
        super::Place::Ranked(e) => Some(e),
        _ => None,
    };
    // The rankings merged from the main panel share its refits; a track with a rubric of its own
    // is refitted on its own panel, its entries numbered within the track.
    let paying: Vec<usize> = (0..rankings.len()).filter(|k| paid_places(config, &rankings[*k].0).is_some()).collect();
    let own_fits = paying.iter().filter(|k| own.iter().any(|(r, _, _)| r == *k)).count();
    let fits = own_fits + usize::from(paying.len() > own_fits);
    // The refits take a while on a big panel: counted on the step drawn now, on a terminal.
    let refits = crate::progress::stage(fits * REPLICATES, "Chances of a paid place, refits");
    let done = || refits.tick();
    let (mut which, mut paid) = (Vec::new(), Vec::new());
    let mut found: Vec<(usize, Draws)> = Vec::new();
    for (k, (name, ranked)) in rankings.iter().enumerate() {
        let Some(places) = paid_places(config, name) else { continue };
        if let Some((_, keep, panel)) = own.iter().find(|(r, _, _)| *r == k) {
            let entries = ranked.iter().filter_map(|r| keep.iter().position(|e| Some(*e) == field_index(r))).collect();
            let kept = draws(panel, &[Paid { entries, places }], REPLICATES, &done).and_then(|mut d| d.pop());
            found.extend(kept.map(|d| (k, d)));
        } else {
            which.push(k);
            paid.push(Paid { entries: ranked.iter().filter_map(field_index).collect(), places });
        }
    }
    if !paid.is_empty() {
        found.extend(which.into_iter().zip(draws(scopes.main, &paid, REPLICATES, &done).unwrap_or_default()));
    }
    for (k, kept) in &found {
        let everyone = vec![true; rankings[*k].1.len()];
        for (r, c) in rankings[*k].1.iter_mut().zip(kept.shares(&everyone)) {
            r.chance = Some(c);
        }
    }
    (None, found)
}
