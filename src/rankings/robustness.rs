//! Does the result hold? Every paid place tested against the absence of each judge in turn: the
//! merge run again without one judge's marks, by the event's method and with the same
//! tie-breaks, through the same ranking as the merge itself. A place whose holder would change is
//! said with the judge and who would then hold it; a place that keeps its holder whichever judge
//! is left out holds.
//!
//! The paid places are the first entries of a ranking that can win: an entry the event's rules
//! exclude from prizes holds none, as the prizes pass it over. Which entries those are is known
//! only once the head judge's store has been asked, after the merge: so the merge keeps each
//! judge's ranking without them ([`WithoutOne`]), and the places are compared again whenever the
//! entries that cannot win are marked ([`Rankings::test_places`]).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::stages::{Built, ranked_alone, track_entries};
use super::{Field, Named, Options, Rankings, figures, paid_places, panel, tracks};
use crate::config::Config;
use crate::format::ordinal;
use crate::merge::agreement::EntryStats;
use crate::merge::{Method, merge};

/// One paid place that changes hands without one judge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceChange {
    pub ranking: String,
    /// The paid place, 1 first, among the ranking's entries that can win: entries tied share
    /// one (two tied for 3rd both hold 3rd).
    pub place: usize,
    /// Who holds it.
    pub id: String,
    pub title: String,
    /// The judge whose absence changes it.
    pub judge: String,
    /// Who would hold it without that judge; `None` when no entry would.
    pub then: Option<String>,
    #[serde(default)]
    pub then_title: Option<String>,
    /// Where its holder would then be; `None` when it would not be ranked at all (that judge
    /// alone scored it).
    #[serde(default)]
    pub moves_to: Option<usize>,
    /// Whether its holder would then share that place, tied.
    #[serde(default)]
    pub shared: bool,
    /// Whether who would hold the place then shares it, tied.
    #[serde(default)]
    pub then_shared: bool,
    /// The place who would hold it would then take: the place itself, or one before it that a
    /// tie stretches over it.
    #[serde(default)]
    pub then_place: Option<usize>,
    /// The titles of the entries its holder would then be tied with, in their order: a tie of
    /// three had been said as one of two.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tied_with: Vec<String>,
    /// The titles of every entry tied with who would hold the place then, it first, in their
    /// order then: "the tie for 1st (with Story Dice)" had named one of three.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub then_tied: Vec<String>,
}

impl PlaceChange {
    /// "without ana, Map Mender drops to 4th and Story Dice takes 2nd", names passed through
    /// `text`.
    /// A place shared in a tie reads "3rd=": "without eli, Lullaby Loom rises to 2nd=, tied
    /// with Quarrel Quill"; one whose holder keeps it, newly tied or no longer tied: "without
    /// eli, Lullaby Loom shares 3rd with Quarrel Quill", "… holds 3rd alone".
    pub fn said(&self, text: fn(&str) -> String) -> String {
        let who = text(&self.title);
        let judge = text(&self.judge);
        let place = ordinal(self.place);
        let other = self.then_title.as_deref().map(text);
        // The holder lands in one tie with who then covers its place: named with every entry
        // of that tie (its first alone, from a file saved before they were kept).
        let together = self.shared && self.then_place.is_some() && self.then_place == self.moves_to;
        let tie = if self.tied_with.is_empty() {
            other.clone().unwrap_or_default()
        } else {
            let names: Vec<String> = self.tied_with.iter().map(|t| text(t)).collect();
            crate::format::names_and(&names, NAMED)
        };
        // Who takes the place, with every entry of their tie: a file saved before they were
        // kept names the first alone.
        let takers: Vec<String> = self.then_tied.iter().map(|t| text(t)).collect();
        match (self.moves_to, other) {
            (Some(to), Some(_)) if to == self.place && together => {
                format!("without {judge}, {who} shares {place} with {tie}")
            }
            (Some(to), _) if to == self.place => format!("without {judge}, {who} holds {place} alone"),
            (Some(to), Some(_)) if together => {
                let way = if to > self.place { "drops" } else { "rises" };
                format!("without {judge}, {who} {way} to {}=, tied with {tie}", ordinal(to))
            }
            (moves_to, other) => {
                let tied = if self.shared { "=" } else { "" };
                let moved = match moves_to {
                    Some(to) if to > self.place => format!("{who} drops to {}{tied}", ordinal(to)),
                    Some(to) => format!("{who} rises to {}{tied}", ordinal(to)),
                    None => format!("{who} is no longer ranked"),
                };
                let taken = match (other, self.then_place) {
                    // A tie for an earlier place stretches over this one: said as such ("Story
                    // Dice shares 1st" under a line about 2nd had read as a mistake).
                    (Some(other), Some(at)) if at < self.place => match takers.as_slice() {
                        // "{place} falls within": "the tie for 2nd (…) takes 3rd" had read as if
                        // the tied entries fell to 3rd.
                        [] | [_] => format!("{place} falls within the tie for {} (with {other})", ordinal(at)),
                        many => format!(
                            "{place} falls within the tie for {} (between {})",
                            ordinal(at),
                            crate::format::names_and(many, NAMED)
                        ),
                    },
                    (Some(other), Some(at)) if self.then_shared => match takers.as_slice() {
                        [] | [_] => format!("{other} shares {}", ordinal(at)),
                        // "… drops to 5th and 3rd is shared by …": "and A and B share" had read as
                        // a list.
                        many => format!("{} is shared by {}", ordinal(at), crate::format::names_and(many, NAMED)),
                    },
                    (Some(other), _) => format!("{other} takes {place}"),
                    (None, _) => format!("no entry holds {place}"),
                };
                format!("without {judge}, {moved} and {taken}")
            }
        }
    }
}

/// Each paid ranking as it would be without one judge: the merge's own entries (by their
/// position in the merge's ranking) in the order they would then take, with their places then
/// (tied entries share one) and scores. Kept beside the rankings to compare the places again
/// once the entries that cannot win are known, or a finals round reorders them; not saved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WithoutOne {
    pub judge: String,
    /// (ranking's index among the rankings, the ranking without the judge).
    pub orders: Vec<(usize, Vec<Then>)>,
}

/// One entry of a ranking as it would be without one judge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Then {
    /// Its position in the merge's own ranking.
    pub at: u32,
    /// Its place then: entries tied share one.
    pub place: usize,
    /// Its merged score then: what a finals round's prior reads.
    pub score: f64,
}

/// Each of `ranked` (positions with their places, in order) with its place among them: one
/// more than the entries placed strictly before it, so that the entries that cannot win, left
/// out, leave no gaps and tied entries keep one place.
fn placed_among(ranked: &[(u32, usize)]) -> Vec<(u32, usize)> {
    let mut out: Vec<(u32, usize)> = Vec::with_capacity(ranked.len());
    for (k, &(at, place)) in ranked.iter().enumerate() {
        let shared = k > 0 && ranked[k - 1].1 == place;
        out.push((at, if shared { out[k - 1].1 } else { k + 1 }));
    }
    out
}

/// The positions that share `place` in `placed`, sorted.
fn alike(placed: &[(u32, usize)], place: usize) -> Vec<u32> {
    let mut same: Vec<u32> = placed.iter().filter(|(_, p)| *p == place).map(|(at, _)| *at).collect();
    same.sort_unstable();
    same
}

/// How many judges a paid place's line names before "and N more".
const NAMED: usize = 3;

/// What the test says of a place that keeps its holder.
pub const HOLDS: &str = "holds without any one judge";

/// What the test calls the places it finds move: the merge's summary and the head judge's
/// board say it alike (the board had called them "resting on one judge", the words `results`
/// keeps for an entry one judge scored).
pub const CHANGE_WITHOUT_ONE: &str = "Paid places that change without one judge";

impl Rankings {
    /// The paid places of `ranking` that the test found change without one judge.
    pub fn fragile(&self, ranking: &str) -> Vec<&PlaceChange> {
        self.robustness.iter().flatten().filter(|c| c.ranking == ranking).collect()
    }

    /// The entries of `ranking` that hold its paid places, in place order: the first that can
    /// win (an entry the rules exclude holds none), as many as a prize pays.
    /// Entries tied at the last paid place all hold it: the jury has not yet said which one.
    pub fn paid_holders(&self, ranking: &str) -> Vec<&super::Ranked> {
        let ranked = self.ranking(ranking).unwrap_or(&[]);
        self.holders(ranking).into_iter().filter_map(|(at, _)| ranked.get(at as usize)).collect()
    }

    /// The positions of `ranking`'s paid holders, with the place each holds among the entries
    /// that can win.
    pub(super) fn holders(&self, ranking: &str) -> Vec<(u32, usize)> {
        let places = self.paid.get(ranking).copied().unwrap_or(0);
        let out = self.cannot_win();
        let can_win: Vec<(u32, usize)> = (self.ranking(ranking).unwrap_or(&[]).iter().enumerate())
            .filter(|(_, e)| !out.contains(e.id.as_str()))
            .filter_map(|(at, e)| Some((u32::try_from(at).ok()?, e.place)))
            .collect();
        placed_among(&can_win).into_iter().filter(|(_, place)| *place <= places).collect()
    }

    /// The ids of the entries the event's rules exclude from prizes.
    fn cannot_win(&self) -> HashSet<&str> {
        self.ineligible.iter().map(|i| i.id.as_str()).collect()
    }

    /// Each paid ranking's chances counted again among the entries that can win, once
    /// eligibility is marked: an ineligible entry has no chance of a paid place (0), and the
    /// places it took in the refits go to those that can hold them.
    pub fn pay_only_who_can_win(&mut self) {
        let out: HashSet<String> = self.cannot_win().into_iter().map(str::to_owned).collect();
        for (k, draws) in &self.chance_draws {
            let Some((_, ranked)) = self.rankings.get_mut(*k) else { continue };
            let can_win: Vec<bool> = ranked.iter().map(|e| !out.contains(&e.id)).collect();
            for (e, c) in ranked.iter_mut().zip(draws.shares(&can_win)) {
                e.chance = Some(c);
            }
        }
    }

    /// Compares every paid place with who would hold it without each judge, and sets
    /// `robustness`: where the merge kept each judge's ranking without them (a merge saved and
    /// read back keeps the places it saved).
    ///
    /// A holder keeps its place when it would hold the same place, with the same entries tied
    /// with it: a tie that forms or breaks without a judge changes what the jury must decide.
    pub fn test_places(&mut self) {
        self.warn_of_lenient_holders();
        let Some(without) = &self.without_each else { return };
        let out = self.cannot_win();
        let mut found: Vec<((usize, usize, u32, usize), PlaceChange)> = Vec::new();
        for (k, (name, ranked)) in self.rankings.iter().enumerate() {
            if !self.paid.contains_key(name) {
                continue;
            }
            let holders = self.holders(name);
            let can_win = |at: u32| ranked.get(at as usize).is_some_and(|e| !out.contains(e.id.as_str()));
            for (j, one) in without.iter().enumerate() {
                let Some((_, order)) = one.orders.iter().find(|(at, _)| *at == k) else { continue };
                let then: Vec<(u32, usize)> = order.iter().filter(|t| can_win(t.at)).map(|t| (t.at, t.place)).collect();
                let then = placed_among(&then);
                for &(holder, place) in &holders {
                    let moves_to = then.iter().find(|(at, _)| *at == holder).map(|(_, p)| *p);
                    let before = alike(&holders, place);
                    let after = moves_to.map(|to| alike(&then, to)).unwrap_or_default();
                    if moves_to == Some(place) && before == after {
                        continue;
                    }
                    // Who holds the place then: the first entry, other than the holder, whose
                    // place, with the entries tied with it, covers it.
                    let covers =
                        |(at, p): &&(u32, usize)| *at != holder && *p <= place && place < *p + alike(&then, *p).len();
                    let taker = then.iter().find(covers).copied();
                    let (entry, then_holder) = (&ranked[holder as usize], taker.map(|(at, _)| &ranked[at as usize]));
                    let change = PlaceChange {
                        ranking: name.clone(),
                        place,
                        id: entry.id.clone(),
                        title: entry.title.clone(),
                        judge: one.judge.clone(),
                        then: then_holder.map(|t| t.id.clone()),
                        then_title: then_holder.map(|t| t.title.clone()),
                        moves_to,
                        shared: after.len() > 1,
                        then_shared: taker.is_some_and(|(_, p)| alike(&then, p).len() > 1),
                        then_place: taker.map(|(_, p)| p),
                        tied_with: after
                            .iter()
                            .filter(|at| **at != holder)
                            .filter_map(|at| ranked.get(*at as usize).map(|e| e.title.clone()))
                            .collect(),
                        // In their order then, the taker first: the first that covers the place.
                        then_tied: taker
                            .filter(|(_, p)| alike(&then, *p).len() > 1)
                            .map(|(_, p)| {
                                (then.iter().filter(|(at, q)| *q == p && *at != holder))
                                    .filter_map(|(at, _)| ranked.get(*at as usize).map(|e| e.title.clone()))
                                    .collect()
                            })
                            .unwrap_or_default(),
                    };
                    found.push(((k, place, holder, j), change));
                }
            }
        }
        found.sort_by_key(|(key, _)| *key);
        self.robustness = Some(found.into_iter().map(|(_, c)| c).collect());
    }

    /// For each place a prize pays in `ranking`, in place order, whether it holds without any one
    /// judge and if not, without whom it changes and how: "without ana, Map Mender drops to 4th
    /// and Story Dice takes 2nd; without bo, ...". Empty where the test was not worked out or no
    /// prize pays places in the ranking. Names pass through `text`.
    pub fn robustness_said(&self, ranking: &str, text: fn(&str) -> String) -> Vec<String> {
        let Some(changes) = &self.robustness else { return Vec::new() };
        self.paid_holders(ranking)
            .into_iter()
            .map(|holder| {
                let here: Vec<&PlaceChange> =
                    changes.iter().filter(|c| c.ranking == ranking && c.id == holder.id).collect();
                let said: Vec<String> = here.iter().take(NAMED).map(|c| c.said(text)).collect();
                match here.get(NAMED..).unwrap_or_default() {
                    _ if here.is_empty() => HOLDS.to_owned(),
                    [] => said.join("; "),
                    // The others by name, as a sentence of their own: "and 1 more judge" after
                    // "takes 3rd" had read as what the entry takes.
                    rest => {
                        let names: Vec<String> = rest.iter().map(|c| text(&c.judge)).collect();
                        format!(
                            "{}; it changes without {} too",
                            said.join("; "),
                            crate::format::first_few(&names, 5, ", ")
                        )
                    }
                }
            })
            .collect()
    }

    /// [`Rankings::robustness_said`] with each place and its holder before it: "2nd Map Mender:
    /// without ana, Map Mender drops to 4th and Story Dice takes 2nd".
    /// Holders of an undecided tie share its place, "2nd=", as the table shows them: the jury
    /// has not ordered them, and the lines must not.
    pub fn robustness_lines(&self, ranking: &str, text: fn(&str) -> String) -> Vec<String> {
        let holders = self.paid_holders(ranking);
        let label = |k: usize, holder: &super::Ranked| {
            let first = holders.iter().position(|o| o.place == holder.place).unwrap_or(k);
            let shared = holders.iter().filter(|o| o.place == holder.place).count() > 1;
            format!("{}{}", ordinal(first + 1), if shared { "=" } else { "" })
        };
        self.robustness_said(ranking, text)
            .into_iter()
            .zip(&holders)
            .enumerate()
            .map(|(k, (said, holder))| format!("{} {}: {said}", label(k, holder), text(&holder.title)))
            .collect()
    }

    /// In one sentence: how many paid places rest on one judge, and which judges; `None` where
    /// the test was not worked out.
    pub fn robustness_summary(&self) -> Option<String> {
        let changes = self.robustness.as_ref()?;
        // Places, not holders, counted as the prizes pay them: entries tied within the paid
        // places cover as many places as they are (two tied for 1st, 1st and 2nd), a tie across
        // the last paid place only the places left (two tied for 4th of 4, 4th alone). Each
        // place of a tie had counted once: "7 of 7" where the prizes pay 8 places.
        let covered = |ranking: &str, place: usize| {
            let paid = self.paid.get(ranking).copied().unwrap_or(0);
            let tied = self.holders(ranking).iter().filter(|(_, p)| *p == place).count().max(1);
            place..=(place + tied - 1).min(paid)
        };
        let places: usize = self.paid.iter().map(|(ranking, paid)| self.holders(ranking).len().min(*paid)).sum();
        if changes.is_empty() {
            return Some(format!("Every paid place ({places}) {HOLDS}."));
        }
        let fragile: std::collections::BTreeSet<(&str, usize)> =
            changes.iter().flat_map(|c| covered(&c.ranking, c.place).map(move |p| (c.ranking.as_str(), p))).collect();
        let mut judges: Vec<String> = changes.iter().map(|c| c.judge.clone()).collect();
        judges.sort();
        judges.dedup();
        let rest = if fragile.len() < places { "; the others hold without any one judge" } else { "" };
        Some(format!(
            "{CHANGE_WITHOUT_ONE}: {} of {places} (without {}){rest}.",
            fragile.len(),
            crate::format::first_few(&judges, 5, ", ")
        ))
    }
}

/// Whether the test is worked out: there is a place a prize pays, two judges or more, and a
/// panel small enough (up to [`super::AUTO_MOST`] marks, as the chances), or the head judge asked
/// for it. Returns why not, where they might have expected it.
pub(super) fn wanted(
    built: &Built,
    rankings: &Named,
    config: &Config,
    asked: super::Chances,
) -> Result<(), Option<String>> {
    let paid = rankings.iter().any(|(name, _)| paid_places(config, name).is_some());
    if !paid || built.panel.judges.len() < 2 || asked == super::Chances::Off {
        return Err(None);
    }
    let marks = built.panel.marks.len();
    if asked != super::Chances::On && marks > super::AUTO_MOST {
        return Err(Some(format!(
            "the paid places were not tested without each judge: {marks} marks take a while ({} merges); ask for it with --chances",
            built.panel.judges.len()
        )));
    }
    Ok(())
}

/// Every paid ranking of `rankings` without each judge in turn, in the judges' order. The judges
/// are shared between two threads: each left out is a whole merge.
pub(super) fn test(
    built: &Built,
    rankings: &Named,
    field: &Field,
    config: &Config,
    options: &Options,
) -> Vec<WithoutOne> {
    let paid: Vec<usize> = rankings
        .iter()
        .enumerate()
        .filter(|(_, (name, _))| paid_places(config, name).is_some())
        .map(|(k, _)| k)
        .collect();
    // Each ranked entry's position in its ranking, by field index.
    let positions: Vec<HashMap<&str, u32>> = paid
        .iter()
        .map(|k| {
            rankings[*k]
                .1
                .iter()
                .enumerate()
                .filter_map(|(p, e)| Some((e.id.as_str(), u32::try_from(p).ok()?)))
                .collect()
        })
        .collect();
    let judges = built.panel.judges.len();
    // A refit a judge, which takes seconds on a big panel: counted on the step drawn now, on a
    // terminal (the spinner had stood still meanwhile, the last third of a 60-judge merge).
    let refits = crate::progress::stage(judges, "Paid places without each judge");
    // Each half on a core of its own: a merge inside splits nothing further.
    let run = |range: std::ops::Range<usize>| -> Vec<WithoutOne> {
        crate::parallel::with_cores_taken(|| {
            range
                .map(|j| {
                    let one = without(built, j, rankings, (&paid, &positions), field, config, options);
                    refits.tick();
                    one
                })
                .collect()
        })
    };
    let half = judges / 2;
    std::thread::scope(|scope| {
        let other = scope.spawn(|| run(half..judges));
        let mut mine = run(0..half);
        // A panic in a merge is a bug; it resumes here, where the panic hook reports it.
        mine.extend(other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        mine
    })
}

/// The paid rankings (`paid`: their indices, and each one's positions by id) without judge `j`:
/// the panel without their marks, merged and ranked as the merge ranks.
fn without(
    built: &Built,
    j: usize,
    rankings: &Named,
    (paid, positions): (&[usize], &[HashMap<&str, u32>]),
    field: &Field,
    config: &Config,
    options: &Options,
) -> WithoutOne {
    let n = field.entries.len();
    let judge = built.panel.judges[j].clone();
    let panel = panel::without_judge(&built.panel, j);
    let shared = built.shared.as_ref().map(|s| panel::without_judge(s, j));
    let main = shared.as_ref().unwrap_or(&panel);
    let method = match &built.method {
        // The sum's chosen judges, renumbered; a sum of the one judge left out has no others.
        Method::Sum { judges } if !judges.is_empty() => {
            let rest: Vec<usize> =
                judges.iter().filter(|k| **k != j).map(|k| if *k > j { k - 1 } else { *k }).collect();
            if rest.is_empty() {
                return WithoutOne { judge, orders: Vec::new() };
            }
            Method::Sum { judges: rest }
        }
        other => other.clone(),
    };
    let overall = if built.has_overall { merge(main, &method) } else { vec![None; n] };
    let stats = EntryStats::of(&panel);
    let others = built.judges.iter().enumerate().filter(|(k, _)| *k != j).map(|(_, m)| m);
    let means = figures::criterion_means(others, config.criteria.len(), n);
    let keys = figures::tie_break_keys(&built.breaks, &means, &stats);
    let beyond = vec![None; n];
    let context = tracks::Context {
        stats: &stats,
        means: &means,
        keys: &keys,
        field,
        options,
        counted: match &method {
            Method::Sum { judges } if !judges.is_empty() => Some(judges.len()),
            _ => None,
        },
        conflicted: &built.conflicted,
        beyond: &beyond,
        flat: &[],
        standings: &[],
    };
    let orders = paid
        .iter()
        .zip(positions)
        .map(|(k, at)| {
            let name = &rankings[*k].0;
            let keep: Vec<usize> =
                if name == crate::config::OVERALL { (0..n).collect() } else { track_entries(field, name) };
            let scores: Vec<Option<f64>> = if name != crate::config::OVERALL && ranked_alone(built.per_track, &method) {
                merge(&panel::sub_panel(&panel, &keep), &method)
            } else {
                keep.iter().map(|e| overall[*e]).collect()
            };
            let again = context.ranking(&scores, &keep, method.order());
            let then =
                again.iter().filter_map(|e| Some(Then { at: *at.get(e.id.as_str())?, place: e.place, score: e.score }));
            (*k, then.collect())
        })
        .collect();
    WithoutOne { judge, orders }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{StoredSubmission, Submission};
    use crate::rankings::JudgeMarks;

    /// Backyard entries `a`..`f`, titled in capitals.
    pub fn backyard(n: usize) -> Vec<StoredSubmission> {
        (0..n)
            .map(|e| {
                let id = ((b'a' + u8::try_from(e).expect("a few")) as char).to_string();
                let submission = Submission { track: Some("backyard".into()), ..Submission::example(&id) };
                StoredSubmission { submission, withdrawn: false }
            })
            .collect()
    }

    /// A judge who gave entry `e` the total `totals[e]` (every criterion that value).
    pub fn judge(name: &str, totals: &[u8]) -> JudgeMarks {
        let marks: Vec<(usize, u8)> = totals.iter().copied().enumerate().collect();
        judge_of(name, &marks)
    }

    /// A judge who scored only the given entries, `(entry, total)`, every criterion that total.
    pub fn judge_of(name: &str, marks: &[(usize, u8)]) -> JudgeMarks {
        JudgeMarks {
            judge: name.into(),
            digest: name.into(),
            entries: marks.iter().map(|(e, _)| *e).collect(),
            totals: marks.iter().map(|(_, t)| f64::from(*t)).collect(),
            values: marks.iter().flat_map(|(_, t)| [Some(*t); 3]).collect(),
            ..JudgeMarks::default()
        }
    }

    /// (place, holder, judge, then, moves to) for each change.
    type Said = (usize, &'static str, &'static str, Option<&'static str>, Option<usize>);

    /// bo and cy agree: b first, a second. ana's lone 5 for a and 1 for b put a first by the mean
    /// (4.33 to 3.67): without her, b would win. Without bo or cy, a still leads, but b and c
    /// (3 each from the other two, on every criterion) tie for 2nd: the jury would then have a
    /// tie to settle, so those places do not hold either. The median instead puts b first, as
    /// two of three judges did, and there the place rests on each of them.
    #[test]
    fn a_winner_decided_by_one_judges_outlier_is_fragile_naming_that_judge() {
        let subs = backyard(6);
        let field = Field::new(&subs);
        let config = Config::builtin();
        let panel = || {
            vec![judge("ana", &[5, 1, 3, 2, 1, 1]), judge("bo", &[4, 5, 3, 2, 1, 1]), judge("cy", &[4, 5, 3, 2, 1, 1])]
        };
        // Without bo or cy, b and c tie for 2nd under every method.
        let ties = vec![
            (1, "a", "ana", Some("b"), Some(2)),
            (2, "b", "ana", Some("a"), Some(1)),
            (2, "b", "bo", Some("c"), Some(2)),
            (2, "b", "cy", Some("c"), Some(2)),
            (3, "c", "bo", Some("b"), Some(2)),
            (3, "c", "cy", Some("b"), Some(2)),
        ];
        let cases: [(Method, Vec<Said>); 4] = [
            (Method::Mean, ties.clone()),
            (Method::Calibrated, ties.clone()),
            (
                Method::Median,
                vec![
                    (1, "b", "bo", Some("a"), Some(2)),
                    (1, "b", "cy", Some("a"), Some(2)),
                    (2, "a", "bo", Some("b"), Some(1)),
                    (2, "a", "cy", Some("b"), Some(1)),
                    (3, "c", "bo", Some("b"), Some(2)),
                    (3, "c", "cy", Some("b"), Some(2)),
                ],
            ),
            // Every judge's sum needs every judge: without any one, the same three count alike.
            (Method::Sum { judges: Vec::new() }, ties),
        ];
        for (method, want) in cases {
            let options = Options::new(method.clone(), &config);
            let r = super::super::rank_all(panel(), &config, &field, &options).expect("ranks");
            let got: Vec<Said> = r
                .robustness
                .clone()
                .expect("tested")
                .iter()
                .map(|c| {
                    let name = |s: &str| -> &'static str {
                        ["a", "b", "c", "d", "e", "f", "ana", "bo", "cy"].into_iter().find(|n| *n == s).expect("known")
                    };
                    (c.place, name(&c.id), name(&c.judge), c.then.as_deref().map(name), c.moves_to)
                })
                .collect();
            assert_eq!(got, want, "{}", method.name());
            assert!(r.robustness.iter().flatten().all(|c| c.ranking == "backyard"), "only the paid ranking");
            let lines = r.robustness_lines("backyard", str::to_owned);
            assert_eq!(lines.len(), 4, "{lines:?}");
            let third = "3rd C: without bo, C rises to 2nd=, tied with B; without cy, C rises to 2nd=, tied with B";
            assert_eq!(lines[2], third, "{}", method.name());
        }
    }

    /// Six backyard entries ranked by the mean of ana's, bo's and cy's marks, in that order.
    fn by_the_mean(marks: [[u8; 6]; 3]) -> super::super::Rankings {
        let subs = backyard(6);
        let field = Field::new(&subs);
        let config = Config::builtin();
        let judges = ["ana", "bo", "cy"].iter().zip(&marks).map(|(name, m)| judge(name, m)).collect();
        super::super::rank_all(judges, &config, &field, &Options::new(Method::Mean, &config)).expect("ranks")
    }

    /// An entry the rules exclude holds no paid place: the places are tested again among the
    /// entries that can win, and its fall no longer moves anyone's place.
    #[test]
    fn an_entry_that_cannot_win_holds_no_paid_place() {
        let mut r = by_the_mean([[5, 1, 3, 2, 1, 1], [4, 5, 3, 2, 1, 1], [4, 5, 3, 2, 1, 1]]);
        // a and b swap without ana; b and c tie without bo, and without cy.
        assert_eq!(r.fragile("backyard").len(), 6, "{:?}", r.robustness);
        r.ineligible = vec![super::super::Ineligible { id: "b".into(), title: "B".into(), reasons: vec!["r".into()] }];
        r.test_places();
        let holders: Vec<&str> = r.paid_holders("backyard").iter().map(|e| e.id.as_str()).collect();
        // e and f, alike, tie for the last paid place: both hold it until the jury decides.
        assert_eq!(holders, ["a", "c", "d", "e", "f"]);
        assert!(r.fragile("backyard").is_empty(), "{:?}", r.robustness);
        assert_eq!(r.robustness_lines("backyard", str::to_owned)[1], "2nd C: holds without any one judge");
    }

    /// Two entries in an undecided tie for 2nd: the lines give both 2nd=, not 2nd and 3rd.
    #[test]
    fn holders_of_an_undecided_tie_share_its_place_in_the_lines() {
        // b and c: the same marks from the same judges, on every criterion (no tie-break parts them).
        let r = by_the_mean([[5, 3, 3, 2, 1, 1], [5, 4, 4, 2, 1, 1], [5, 4, 4, 2, 1, 1]]);
        let places: Vec<(usize, &str)> =
            r.paid_holders("backyard").iter().map(|e| (e.place, e.id.as_str())).take(3).collect();
        assert_eq!(places, [(1, "a"), (2, "b"), (2, "c")], "b and c tied");
        let lines = r.robustness_lines("backyard", str::to_owned);
        assert!(lines[0].starts_with("1st A:"), "{lines:?}");
        assert!(lines[1].starts_with("2nd= B:") && lines[2].starts_with("2nd= C:"), "{lines:?}");
        assert!(lines[3].starts_with("4th D:"), "{lines:?}");
        // The tie covers 2nd and 3rd, both paid: the summary counts the 4 places the prize pays.
        let summary = r.robustness_summary().expect("tested");
        assert!(summary.contains(" of 4") || summary.starts_with("Every paid place (4)"), "{summary}");
    }

    /// Without ana, B falls from 2nd and C and D tie for it: the line names both, not the first.
    #[test]
    fn a_tie_that_takes_a_place_is_named_whole() {
        let r = by_the_mean([[5, 5, 3, 2, 1, 1], [5, 3, 4, 3, 1, 1], [5, 3, 3, 4, 1, 1]]);
        let lines = r.robustness_lines("backyard", str::to_owned);
        assert!(lines[1].starts_with("2nd B: without ana, B drops to 4th and 2nd is shared by C and D"), "{lines:?}");
        let change = r.fragile("backyard").into_iter().find(|c| c.id == "b" && c.judge == "ana").expect("b moves");
        assert_eq!(change.then_tied, ["C", "D"]);
    }

    #[test]
    fn a_change_is_said_in_plain_words() {
        let change = |moves_to, then: Option<&str>, (shared, then_shared, then_place)| PlaceChange {
            ranking: "backyard".into(),
            place: 2,
            id: "map".into(),
            title: "Map Mender".into(),
            judge: "ana".into(),
            then: then.map(str::to_owned),
            then_title: then.map(str::to_owned),
            moves_to,
            shared,
            then_shared,
            then_place,
            tied_with: Vec::new(),
            then_tied: Vec::new(),
        };
        let alone = (false, false, Some(2));
        let cases = [
            (
                change(Some(4), Some("Story Dice"), alone),
                "without ana, Map Mender drops to 4th and Story Dice takes 2nd",
            ),
            (
                change(Some(1), Some("Story Dice"), alone),
                "without ana, Map Mender rises to 1st and Story Dice takes 2nd",
            ),
            (
                change(None, Some("Story Dice"), alone),
                "without ana, Map Mender is no longer ranked and Story Dice takes 2nd",
            ),
            (
                change(None, None, (false, false, None)),
                "without ana, Map Mender is no longer ranked and no entry holds 2nd",
            ),
            // Ties that form or break: "=" after a shared place, "tied with" the entry it lands
            // beside, "shares" for a place another tie stretches over.
            (
                change(Some(1), Some("Story Dice"), (true, true, Some(1))),
                "without ana, Map Mender rises to 1st=, tied with Story Dice",
            ),
            (
                change(Some(4), Some("Story Dice"), (false, true, Some(1))),
                "without ana, Map Mender drops to 4th and 2nd falls within the tie for 1st (with Story Dice)",
            ),
            (
                change(Some(2), Some("Story Dice"), (true, true, Some(2))),
                "without ana, Map Mender shares 2nd with Story Dice",
            ),
            (change(Some(2), None, (false, false, None)), "without ana, Map Mender holds 2nd alone"),
            // A tie of three names both others, on each of their lines.
            (
                PlaceChange {
                    tied_with: vec!["Story Dice".into(), "Tide Table".into()],
                    ..change(Some(2), Some("Story Dice"), (true, true, Some(2)))
                },
                "without ana, Map Mender shares 2nd with Story Dice and Tide Table",
            ),
            // A tie that takes the place names every entry in it, the first few past three.
            (
                PlaceChange {
                    then_tied: vec!["Story Dice".into(), "Tide Table".into(), "Echo Owl".into()],
                    ..change(Some(4), Some("Story Dice"), (false, true, Some(1)))
                },
                "without ana, Map Mender drops to 4th and 2nd falls within the tie for 1st (between Story Dice, Tide Table and Echo Owl)",
            ),
            (
                PlaceChange {
                    then_tied: ["Story Dice", "Tide Table", "Echo Owl", "Pill Pal", "Bin Day"]
                        .map(String::from)
                        .to_vec(),
                    ..change(Some(5), Some("Story Dice"), (false, true, Some(2)))
                },
                "without ana, Map Mender drops to 5th and 2nd is shared by Story Dice, Tide Table, Echo Owl and 2 more",
            ),
            // A file saved before the tie's entries were kept names the one it has.
            (
                change(Some(5), Some("Story Dice"), (false, true, Some(2))),
                "without ana, Map Mender drops to 5th and Story Dice shares 2nd",
            ),
        ];
        for (c, want) in cases {
            assert_eq!(c.said(str::to_owned), want);
        }
    }

    /// A place that rests on several judges names the first few, then how many more.
    #[test]
    fn a_place_resting_on_many_judges_names_the_first_few() {
        let subs = backyard(3);
        let field = Field::new(&subs);
        let config = Config::builtin();
        // Five judges put a two points above b, three put b three points above a: a leads by
        // an eighth of a point, and without any one of the five, b leads.
        let mut judges: Vec<JudgeMarks> = (0..5).map(|k| judge(&format!("a{k}"), &[4, 2, 1])).collect();
        judges.extend((0..3).map(|k| judge(&format!("b{k}"), &[2, 5, 1])));
        let r = super::super::rank_all(judges, &config, &field, &Options::new(Method::Mean, &config)).expect("ranks");
        let lines = r.robustness_lines("backyard", str::to_owned);
        assert!(lines[0].starts_with("1st A: without a0, A drops to 2nd and B takes 1st; without a1,"), "{lines:?}");
        assert!(
            lines[0].ends_with("; it changes without a3, a4 too"),
            "the others named, in a sentence of their own: {lines:?}"
        );
        assert_eq!(r.fragile("backyard").len(), 10, "two places, five judges each");
        let summary = r.robustness_summary().expect("tested");
        assert_eq!(
            summary,
            "Paid places that change without one judge: 2 of 3 (without a0, a1, a2, a3, a4); the others hold without any one judge."
        );
    }
}
