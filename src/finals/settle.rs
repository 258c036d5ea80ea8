//! The finals' order put into the merged rankings: in a ranking with finals, the finalists take
//! the first places in the finals' order, and every other entry follows in the rubric round's
//! order. Each entry keeps its rubric place beside its new one, and a finalist's chance of a
//! paid place becomes the finals'. Everything that pays from the rankings (`results`, the board,
//! the teams' feedback) then pays from the finals.

use super::standing::{said_judges, uncompared_cure};
use super::{MayCompare, PlaceDoubt, Round, Standing};
use crate::rankings::{Flag, Ranked, Rankings};

/// What settling did: the standings put in, and what was left out of the rounds and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settled {
    pub standings: Vec<Standing>,
    pub warnings: Vec<String>,
}

/// Fits each round and puts its order into its ranking of `rankings` (and its standing into
/// `rankings.finals`). A round whose ranking the merge does not have is left out, with a warning.
/// Who may compare each finalist is not known here: [`settle_knowing`] is told it.
pub fn settle(rankings: &mut Rankings, rounds: &[Round]) -> Settled {
    settle_knowing(rankings, rounds, &[])
}

/// [`settle`], knowing who of the finals' judges may compare each finalist (`may[k]` of
/// `rounds[k]`, by [`Round::may_compare`]): a paid place moved on too few judges' answers, where
/// no other judge may compare the finalist, is said with the remedy that can work.
pub fn settle_knowing(rankings: &mut Rankings, rounds: &[Round], may: &[Vec<MayCompare>]) -> Settled {
    let mut settled = Settled::default();
    for (k, round) in rounds.iter().enumerate() {
        let Some(at) = rankings.rankings.iter().position(|(name, _)| *name == round.ranking) else {
            settled.warnings.push(format!(
                "the finals of {:?} were published, and this merge has no such ranking: they are left out",
                crate::sanitize::clean_line(&round.ranking)
            ));
            continue;
        };
        let fit = round.fit(None);
        let mut standing = round.standing(&fit);
        mark_doubts(round, &mut standing, rankings.min_judges, may.get(k).map_or(&[], Vec::as_slice));
        let paid = rankings.paid.get(&round.ranking).copied();
        let before: Vec<String> = rankings.rankings[at].1.iter().map(|r| r.id.clone()).collect();
        reorder(&mut rankings.rankings[at].1, &standing, paid);
        if let Some(without_each) = rankings.without_each.as_mut() {
            without_finals_judge(without_each, at, &before, &rankings.rankings[at].1, round);
        }
        settled.warnings.extend(uncompared_but_paid(&standing, rankings.ranking_name(&round.ranking)));
        settled.warnings.extend(moved_on_few_judges(&standing, rankings.ranking_name(&round.ranking)));
        let said = summary(round, &standing, rankings.ranking_name(&round.ranking));
        if let Some(m) = rankings.majorities.iter_mut().find(|m| m.ranking == round.ranking) {
            m.said = format!("Rubric round: {} Finals: {said}", m.said);
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

/// The ranking `at` without each judge, once the finals decide its places, as `merge --without`
/// that judge would settle it: the rubric round without their marks (the merge kept it, by the
/// positions `before` the finals reordered the ranking) gives the finalists' prior and the order
/// of the rest; the finals are fitted again without the judge's answers; the finalists take
/// that order and the rest follow in the rubric order without the judge, ties kept. Without a
/// judge who gave no answer the finals' prior still moves with the rubric round: a place after
/// the finalists, or a finalist the rubric alone orders, can change hands too.
fn without_finals_judge(
    without_each: &mut [crate::rankings::WithoutOne],
    at: usize,
    before: &[String],
    settled: &[Ranked],
    round: &Round,
) {
    use crate::rankings::Then;
    let position = |id: &str| settled.iter().position(|r| r.id == id).and_then(|p| u32::try_from(p).ok());
    for one in without_each.iter_mut() {
        let Some(slot) = one.orders.iter().position(|(k, _)| *k == at) else { continue };
        // The rubric round without the judge, by id: (id, place, score), in its order.
        let rubric: Vec<(&str, usize, f64)> = one.orders[slot]
            .1
            .iter()
            .filter_map(|t| Some((before.get(t.at as usize)?.as_str(), t.place, t.score)))
            .collect();
        let score_of = |id: &str| rubric.iter().find(|(r, _, _)| *r == id).map(|(_, _, s)| *s);
        let mut then_round = round.keeping(|id| score_of(id).is_some());
        if let Some(k) = then_round.judge(&one.judge) {
            then_round.answers.retain(|a| a.judge != k);
        }
        for f in &mut then_round.finalists {
            f.rubric_score = score_of(&f.id).unwrap_or(f.rubric_score);
        }
        let standing = then_round.standing(&then_round.fit(None));
        let mut order: Vec<Then> = standing
            .order
            .iter()
            .filter_map(|f| Some(Then { at: position(&f.id)?, place: f.place, score: score_of(&f.id)? }))
            .collect();
        let placed = standing.order.len();
        let rest = rubric.iter().filter(|(id, _, _)| !standing.order.iter().any(|f| f.id == *id));
        let mut last: Option<(usize, usize)> = None;
        for (k, (id, place, score)) in rest.enumerate() {
            let shown = match last {
                Some((was, now)) if was == *place => now,
                _ => placed + k + 1,
            };
            last = Some((*place, shown));
            if let Some(at) = position(id) {
                order.push(Then { at, place: shown, score: *score });
            }
        }
        one.orders[slot].1 = order;
    }
}

/// The rule, once: each finalist's [`PlaceDoubt`]s, put in its standing, from which the
/// merge's warnings ([`uncompared_but_paid`], [`moved_on_few_judges`]) and the results' checks
/// of its award (`prizes::Doubt::Finals`) are both said.
/// - A paid place the finals give a finalist no judge compared, while others were: its place
///   rests on the rubric round's prior alone. A round with no answer yet is the rubric round's
///   order throughout, as its summary says.
/// - A paid place the finals move on the answers of fewer judges than `min_judges`: a finalist
///   the finals take into or out of the paid places, or to another paid place, whose
///   comparisons came from fewer judges than a rubric place needs. Three answers by one judge
///   had taken the rubric round's first out of the money, said only in a note. Where fewer than
///   `min_judges` of the finals' judges may compare it at all (`may`, by finalist index, empty
///   where unknown), the doubt says who may, as other judges cannot be asked to.
pub(super) fn mark_doubts(round: &Round, standing: &mut Standing, min_judges: usize, may: &[MayCompare]) {
    let judges_of = |id: &str| -> Vec<String> {
        let Some(at) = round.finalists.iter().position(|f| f.id == id) else { return Vec::new() };
        let mut judges: Vec<String> = round
            .answers
            .iter()
            .filter(|a| a.first == at || a.second == at)
            .filter_map(|a| round.judges.get(a.judge).cloned())
            .collect();
        judges.sort_unstable();
        judges.dedup();
        judges
    };
    let paid = standing.paid;
    // Each finalist's place among the finalists by the rubric round alone.
    let rubric: Vec<usize> = standing
        .order
        .iter()
        .map(|f| 1 + standing.order.iter().filter(|o| o.rubric_place < f.rubric_place).count())
        .collect();
    for (f, rubric) in standing.order.iter_mut().zip(rubric) {
        f.doubts.clear();
        if !round.answers.is_empty() && f.place <= paid && f.compared == 0 {
            // Nobody may compare it: the judges cannot be asked to.
            let may_compare = round.finalist(&f.id).and_then(|i| may.get(i)).filter(|m| m.judges.is_empty()).cloned();
            f.doubts.push(PlaceDoubt::UncomparedInFinals { may_compare });
        }
        let changes_pay = (rubric <= paid) != (f.place <= paid) || (f.place <= paid && f.place != rubric);
        let judges = judges_of(&f.id);
        if changes_pay && f.compared > 0 && crate::rankings::thin(judges.len(), min_judges) {
            let may_compare = round
                .finalist(&f.id)
                .and_then(|i| may.get(i))
                .filter(|m| crate::rankings::thin(m.judges.len(), min_judges))
                .cloned();
            f.doubts.push(PlaceDoubt::MovedOnFewJudges {
                rubric_place: f.rubric_place,
                judges,
                min_judges,
                may_compare,
            });
        }
    }
}

/// Each paid place the finals give a finalist no judge compared, while others were, as its
/// standing records it ([`mark_doubts`]): for the jury to look at.
pub(super) fn uncompared_but_paid(standing: &Standing, name: &str) -> Vec<String> {
    standing
        .order
        .iter()
        .filter_map(|f| {
            f.doubts.iter().find_map(|d| match d {
                PlaceDoubt::UncomparedInFinals { may_compare } => Some((f, may_compare)),
                PlaceDoubt::MovedOnFewJudges { .. } => None,
            })
        })
        .map(|(f, may_compare)| {
            format!(
                "{} ({}) takes paid place {} of {} without one finals comparison, while the other finalists were compared: {}",
                crate::sanitize::clean_line(&f.title),
                crate::sanitize::clean_line(&f.id),
                f.place,
                crate::sanitize::clean_line(name),
                uncompared_cure(may_compare.as_ref())
            )
        })
        .collect()
}

/// The paid places the finals move on the answers of fewer judges than `merge.min_judges`, as
/// each finalist's standing records it ([`mark_doubts`]): one warning a round, naming each such
/// move and whose answers made it, and what to do: have other judges compare the finalists, or,
/// of one that no other judge may compare, who may and what can be done instead; `None` where
/// there is none.
pub(super) fn moved_on_few_judges(standing: &Standing, name: &str) -> Option<String> {
    let mut least = None;
    let mut others = Vec::new();
    let mut stuck = Vec::new();
    let moves: Vec<String> = standing
        .order
        .iter()
        .flat_map(|f| f.doubts.iter().map(move |d| (f, d)))
        .filter_map(|(f, d)| {
            let PlaceDoubt::MovedOnFewJudges { rubric_place, judges, min_judges, may_compare } = d else {
                return None;
            };
            least = Some(*min_judges);
            let title = crate::sanitize::clean_line(&f.title);
            match may_compare {
                Some(may) => stuck.push(format!("{title}: {}, so {}", may.said(), may.cure())),
                None => others.push(title.clone()),
            }
            let out = if f.place > standing.paid { ", out of the paid places" } else { "" };
            // The rubric place is the ranking's, as the results' RUBRIC column shows it.
            Some(format!(
                "{title} ({}), {} in the rubric round, {} in the finals{out}, compared by {} alone",
                crate::sanitize::clean_line(&f.id),
                crate::format::ordinal(*rubric_place),
                crate::format::ordinal(f.place),
                said_judges(judges)
            ))
        })
        .collect();
    let min_judges = least?;
    let cure = if stuck.is_empty() {
        "Have other judges compare these finalists (`judging finals` gives them the pairs) before announcing".to_owned()
    } else {
        let ask = (!others.is_empty()).then(|| {
            format!(
                "Have other judges compare {} (`judging finals` gives them the pairs)",
                crate::format::names_and(&others, others.len())
            )
        });
        let said: Vec<String> = ask.into_iter().chain(stuck).collect();
        format!("{}, before announcing", said.join("; "))
    };
    Some(format!(
        "The finals of {} move paid places on the answers of fewer judges than merge.min_judges ({min_judges}): {}. {cure}",
        crate::sanitize::clean_line(name),
        moves.join("; ")
    ))
}

/// One sentence for the ranking's notes: how many answers the finals' order rests on, the ranking
/// called `name` ([`Rankings::ranking_name`]).
fn summary(round: &Round, standing: &Standing, name: &str) -> String {
    let pairs = standing.pairs.len();
    let open = standing.pairs.iter().filter(|p| p.answers() == 0).count();
    let open = if open == 0 {
        String::new()
    } else {
        format!("; {open} of its {pairs} pairs not yet compared, ordered by the rubric round")
    };
    format!(
        "the paid places of {} come from {} by {} among {} finalists{open}.",
        crate::sanitize::clean_line(name),
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
    before: &[String],
    settled: &[Ranked],
    round: &Round,
) {
    without_finals_judge(without_each, at, before, settled, round);
}

#[cfg(test)]
pub(super) fn reorder_for_tests(ranked: &mut Vec<Ranked>, standing: &Standing, paid: Option<usize>) {
    reorder(ranked, standing, paid);
}
