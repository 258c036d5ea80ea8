//! The finals' order put into the merged rankings: in a ranking with finals, the finalists take
//! the first places in the finals' order, and every other entry follows in the rubric round's
//! order. Each entry keeps its rubric place beside its new one, and a finalist's chance of a
//! paid place becomes the finals'. Everything that pays from the rankings (`results`, the board,
//! the teams' feedback) then pays from the finals.

use super::{Round, Standing};
use crate::rankings::{Flag, Ranked, Rankings};

/// What settling did: the standings put in, and what was left out of the rounds and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settled {
    pub standings: Vec<Standing>,
    pub warnings: Vec<String>,
}

/// Fits each round and puts its order into its ranking of `rankings` (and its standing into
/// `rankings.finals`). A round whose ranking the merge does not have is left out, with a warning.
pub fn settle(rankings: &mut Rankings, rounds: &[Round]) -> Settled {
    let mut settled = Settled::default();
    for round in rounds {
        let Some(at) = rankings.rankings.iter().position(|(name, _)| *name == round.ranking) else {
            settled.warnings.push(format!(
                "the finals of {:?} were published, and this merge has no such ranking: they are left out",
                crate::sanitize::clean_line(&round.ranking)
            ));
            continue;
        };
        let fit = round.fit(None);
        let standing = round.standing(&fit);
        let paid = rankings.paid.get(&round.ranking).copied();
        reorder(&mut rankings.rankings[at].1, &standing, paid);
        if let Some(without_each) = rankings.without_each.as_mut() {
            without_finals_judge(without_each, at, &rankings.rankings[at].1, round, &fit);
        }
        if let Some(m) = rankings.majorities.iter_mut().find(|m| m.ranking == round.ranking) {
            m.said = format!("Rubric round: {} Finals: {}", m.said, summary(round, &standing));
        }
        settled.standings.push(standing);
    }
    rankings.finals.clone_from(&settled.standings);
    rankings.warnings.extend(settled.warnings.iter().cloned());
    // Who holds each paid place changed: the places are tested again, in the finals' order.
    if !settled.standings.is_empty() {
        rankings.test_places();
    }
    settled
}

/// The ranking `at` without each judge, once the finals decide its places: the rubric round's
/// orders without a judge (kept by the merge, by the places before the finals) no longer say who
/// holds a paid place. Without a judge who answered in the finals, the finals are fitted again
/// without their answers, and the finalists take that order, the rest after them as settled;
/// without a judge who gave no answer, the places are the settled ones. A judge's rubric marks
/// also set the prior, which this leaves as it is: a few answers outweigh it.
fn without_finals_judge(
    without_each: &mut [crate::rankings::WithoutOne],
    at: usize,
    settled: &[Ranked],
    round: &Round,
    fit: &super::Fit,
) {
    let position = |id: &str| settled.iter().position(|r| r.id == id).and_then(|p| u32::try_from(p).ok());
    let finalists: Vec<u32> = round.finalists.iter().filter_map(|f| position(&f.id)).collect();
    let rest = (0..settled.len()).filter_map(|p| u32::try_from(p).ok()).filter(|p| !finalists.contains(p));
    let rest: Vec<u32> = rest.collect();
    for one in without_each.iter_mut() {
        let order = match round.judge(&one.judge) {
            Some(k) => {
                let mut without = round.clone();
                without.answers.retain(|a| a.judge != k);
                let standing = without.standing(&without.fit(Some(fit)));
                let mut order: Vec<u32> = standing.order.iter().filter_map(|f| position(&f.id)).collect();
                order.extend(&rest);
                order
            }
            None => (0..settled.len()).filter_map(|p| u32::try_from(p).ok()).collect(),
        };
        one.orders.retain(|(k, _)| *k != at);
        one.orders.push((at, order));
    }
}

/// One sentence for the ranking's notes: how many answers the finals' order rests on.
fn summary(round: &Round, standing: &Standing) -> String {
    let pairs = standing.pairs.len();
    let open = standing.pairs.iter().filter(|p| p.answers() == 0).count();
    let open = if open == 0 {
        String::new()
    } else {
        format!("; {open} of its {pairs} pairs not yet compared, ordered by the rubric round")
    };
    format!(
        "the paid places of {} come from {} by {} among {} finalists{open}.",
        crate::sanitize::clean_line(&round.ranking),
        crate::format::count(round.answers.len(), "comparison", "comparisons"),
        crate::format::count(round.judges.len(), "judge", "judges"),
        round.finalists.len()
    )
}

/// The ranking in the finals' order: the finalists first, then the rest in their rubric order.
fn reorder(ranked: &mut Vec<Ranked>, standing: &Standing, paid: Option<usize>) {
    let old = std::mem::take(ranked);
    let (mut finalists, rest): (Vec<Ranked>, Vec<Ranked>) =
        old.into_iter().partition(|r| standing.order.iter().any(|f| f.id == r.id));
    finalists.sort_by_key(|r| standing.order.iter().position(|f| f.id == r.id));
    let shared = |place: usize| standing.order.iter().filter(|f| f.place == place).count() > 1;
    for r in &mut finalists {
        let Some(f) = standing.order.iter().find(|f| f.id == r.id) else { continue };
        r.rubric_place = Some(r.place);
        r.place = f.place;
        r.flags.retain(|flag| *flag != Flag::Tie);
        if shared(f.place) {
            r.flags.push(Flag::Tie);
            r.flags.sort();
        }
        r.tie_break = None;
        if paid.is_some() {
            r.chance = Some(f.paid);
        }
    }
    let placed = finalists.len();
    // Whether the finalists hold every paid place: then nobody else can be paid.
    let covered = paid.is_some_and(|p| placed >= p);
    let mut last: Option<(usize, usize)> = None;
    for (k, mut r) in rest.into_iter().enumerate() {
        let place = match last {
            Some((before, new)) if before == r.place => new,
            _ => placed + k + 1,
        };
        last = Some((r.place, place));
        r.rubric_place = Some(r.place);
        r.place = place;
        if covered && r.chance.is_some() {
            r.chance = Some(0.0);
        }
        finalists.push(r);
    }
    *ranked = finalists;
}

#[cfg(test)]
pub(super) fn without_finals_judge_for_tests(
    without_each: &mut [crate::rankings::WithoutOne],
    at: usize,
    settled: &[Ranked],
    round: &Round,
) {
    without_finals_judge(without_each, at, settled, round, &round.fit(None));
}

#[cfg(test)]
pub(super) fn reorder_for_tests(ranked: &mut Vec<Ranked>, standing: &Standing, paid: Option<usize>) {
    reorder(ranked, standing, paid);
}
