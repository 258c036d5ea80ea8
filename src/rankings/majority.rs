//! The head-to-head majorities beside each ranking: the Condorcet winner when there is one, the
//! cycle when there is not. A method always names a first place; this says whether a majority of
//! judges would back it against every other entry.

use serde::{Deserialize, Serialize};

use std::collections::HashSet;

use super::{Field, Ranked, Rankings};
use crate::merge::{HeadToHead, Panel, head_to_head};
use crate::sanitize::clean_line;

/// What head-to-head majorities say about one ranking, for every output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Majority {
    pub ranking: String,
    /// "condorcet winner", "cycle", "no condorcet winner" (an entry beats the leader), "unbeaten"
    /// (none does, yet the leader does not beat every other: pairs no judge scored both of) or
    /// "not compared".
    pub outcome: String,
    /// The ids it names: the winner, the cycle in order, or the leader and the entry it does
    /// not beat.
    pub entries: Vec<String>,
    /// The same in words, with whether the rules let the winner take a prize.
    pub said: String,
}

/// Each outcome's word, as [`Majority::outcome`] holds it (the JSON's `outcome`).
const CONDORCET_WINNER: &str = "condorcet winner";
const CYCLE: &str = "cycle";
const NO_CONDORCET_WINNER: &str = "no condorcet winner";
const UNBEATEN: &str = "unbeaten";
const NOT_COMPARED: &str = "not compared";
/// An entry's word in a CSV cell where the outcome is [`CYCLE`].
const IN_A_CYCLE: &str = "in a cycle";

impl Majority {
    pub fn is_winner(&self, id: &str) -> bool {
        self.outcome == CONDORCET_WINNER && self.entries.first().is_some_and(|w| w == id)
    }

    pub fn in_cycle(&self, id: &str) -> bool {
        self.outcome == CYCLE && self.entries.iter().any(|e| e == id)
    }

    /// Whether `id` is the leader no entry beats head to head, though it beats not every other.
    pub fn is_unbeaten(&self, id: &str) -> bool {
        self.outcome == UNBEATEN && self.entries.first().is_some_and(|l| l == id)
    }

    /// An entry's standing head to head in a word, for a CSV cell: the winner, one of a cycle,
    /// or the leader none beats; nothing for the others.
    pub fn standing(&self, id: &str) -> Option<&'static str> {
        if self.is_winner(id) {
            Some(CONDORCET_WINNER)
        } else if self.in_cycle(id) {
            Some(IN_A_CYCLE)
        } else if self.is_unbeaten(id) {
            Some(UNBEATEN)
        } else {
            None
        }
    }

    /// Says, after the sentence, that an entry it names cannot take a prize: the rules exclude
    /// it (`reasons`). "The jury should weigh both" had read as a case for awarding it. Only
    /// where head to head could not be said again among the entries that can win (a saved
    /// merge, a ranking too large to compare).
    pub fn excluded(&mut self, id: &str, title: &str, reasons: &[String]) {
        if !self.entries.iter().any(|e| e == id) {
            return;
        }
        // By title: the sentence before names it with its id.
        let excluded = format!(
            " The event's rules exclude {} from prizes ({}): no prize can go to it.",
            clean_line(title),
            clean_line(&reasons.join("; "))
        );
        // Marked again (a saved merge's rankings), it is said once.
        if !self.said.contains(&excluded) {
            self.said.push_str(&excluded);
        }
    }
}

/// The marks one ranking's head to head was said from: its entries (`keep`, field indices) and
/// their marks (`panel`, indexed as `keep`). Not saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The ranking's position in [`Rankings::rankings`].
    pub ranking: usize,
    pub keep: Vec<usize>,
    pub panel: Panel,
}

impl Rankings {
    /// Says each ranking's head to head again among the entries that can win, once
    /// [`Rankings::ineligible`] is filled: the jury reading a prize wants to know whether a
    /// majority of judges backs the first entry that can win it against the others that can, and
    /// an entry the rules exclude is no rival. Where one is left out, the sentence says so.
    pub fn compare_who_can_win(&mut self, field: &Field) {
        let out: HashSet<&str> = self.ineligible.iter().map(|i| i.id.as_str()).collect();
        let mut again = Vec::new();
        // Read once: the panels they keep are not held for the rest of a screen's session.
        let compared = std::mem::take(&mut self.compared);
        for c in &compared {
            let Some((name, all)) = self.rankings.get(c.ranking) else { continue };
            let Some(k) = self.majorities.iter().position(|m| &m.ranking == name) else { continue };
            let can: Vec<usize> =
                (0..c.keep.len()).filter(|l| !out.contains(field.entries[c.keep[*l]].submission.id.as_str())).collect();
            if can.len() == c.keep.len() {
                continue;
            }
            let panel = super::panel::sub_panel(&c.panel, &can);
            let which: Vec<usize> = can.iter().map(|l| c.keep[*l]).collect();
            let ranked: Vec<Ranked> = all.iter().filter(|r| !out.contains(r.id.as_str())).cloned().collect();
            let mut said = of(name, Some(&panel), &which, &ranked, field);
            let left = all.len() - ranked.len();
            if left > 0 {
                said.said.push_str(&format!(
                    " Compared among the {} that can win a prize: the {} the event's rules exclude {} left out.",
                    crate::format::count(ranked.len(), "entry", "entries"),
                    crate::format::count(left, "entry", "entries"),
                    if left == 1 { "is" } else { "are" }
                ));
            }
            again.push((k, said));
        }
        for (k, said) in again {
            self.majorities[k] = said;
        }
    }
}

/// How the judges who scored both the leader and `other`, which beats it, voted, naming
/// `other`: "2 judges put Lost & Found (lost-and-found) above it, 1 below" (an "it" alone read as
/// either entry).
fn votes_said(other: &str, for_leader: u32, for_other: u32, level: u32) -> String {
    let judges = |n: u32| crate::format::count(n as usize, "judge", "judges");
    match level {
        0 => format!("{} put {other} above it, {for_leader} below", judges(for_other)),
        level => format!("{} put {other} above it, {for_leader} below, {level} level", judges(for_other)),
    }
}

/// What head to head says of a leader no entry beats that does not beat every other: "of the 17
/// others, it beats 2 entries, is even with 1 entry (…), and no judge scored it beside 14 of them,
/// so head to head says nothing of those".
fn unbeaten_said(beats: u32, even: u32, unmet: u32) -> String {
    let entries = |n: u32| crate::format::count(n as usize, "entry", "entries");
    let mut parts = Vec::new();
    if beats > 0 {
        parts.push(format!("it beats {}", entries(beats)));
    }
    if even > 0 {
        parts.push(format!("is even with {} (the judges who scored both split or rated them level)", entries(even)));
    }
    if unmet > 0 {
        parts.push(format!(
            "no judge scored it beside {unmet} of them, so head to head says nothing of {}",
            if unmet == 1 { "that one" } else { "those" }
        ));
    }
    let last = parts.pop().unwrap_or_default();
    if parts.is_empty() { last } else { format!("{}, and {last}", parts.join(", ")) }
}

/// The report for one ranking of the entries `which` (indices into the field), whose marks are
/// `panel` (indexed as `which`; `None` when there are too many entries to compare).
pub(super) fn of(name: &str, panel: Option<&Panel>, which: &[usize], ranked: &[Ranked], field: &Field) -> Majority {
    let id = |local: usize| field.entries[which[local]].submission.id.clone();
    let label = |local: usize| {
        let s = &field.entries[which[local]].submission;
        format!("{} ({})", clean_line(&s.title), clean_line(&s.id))
    };
    let leader = ranked.first().and_then(|r| (0..which.len()).find(|l| id(*l) == r.id));
    // A first place several entries share: the one the sentence weighs is one of them, said so
    // (the first of eight tied read as the ranking's leader).
    let sharing = ranked.iter().take_while(|r| ranked.first().is_some_and(|f| f.place == r.place)).count();
    let lead = |local: usize| {
        if sharing > 1 { format!("{}, one of the {sharing} tied for 1st,", label(local)) } else { label(local) }
    };
    let result = match (panel, leader) {
        (None, _) => HeadToHead::TooMany,
        (Some(_), None) => HeadToHead::Alone,
        (Some(panel), Some(l)) => head_to_head(panel, l),
    };
    let (outcome, entries, said) = match result {
        HeadToHead::Winner(w) if Some(w) == leader => (
            CONDORCET_WINNER,
            vec![w],
            format!(
                "{} is the Condorcet winner: head to head, more of the judges who scored both put it above each other entry.",
                label(w)
            ),
        ),
        HeadToHead::Winner(w) => (
            CONDORCET_WINNER,
            vec![w],
            format!(
                "{} is the Condorcet winner (head to head it beats each other entry), yet the method puts {} first: the jury should weigh both.",
                label(w),
                if sharing > 1 {
                    let tied: Vec<String> = ranked[..sharing]
                        .iter()
                        .map(|r| format!("{} ({})", clean_line(&r.title), clean_line(&r.id)))
                        .collect();
                    format!("{sharing} entries, tied, {}", crate::format::first_few(&tied, 3, ", "))
                } else {
                    leader.map(label).unwrap_or_default()
                }
            ),
        ),
        HeadToHead::Cycle(cycle) => {
            let mut steps: Vec<String> =
                cycle.windows(2).map(|p| format!("{} beats {}", label(p[0]), label(p[1]))).collect();
            if let (Some(last), Some(first)) = (cycle.last(), cycle.first()) {
                steps.push(format!("and {} beats {}", label(*last), label(*first)));
            }
            (CYCLE, cycle, format!("No Condorcet winner: head to head, {}.", steps.join(", ")))
        }
        HeadToHead::NotBeaten { leader, other, for_leader, for_other, level } => {
            let why = votes_said(&label(other), for_leader, for_other, level);
            (
                NO_CONDORCET_WINNER,
                vec![leader, other],
                format!("No Condorcet winner: {} loses to {} head to head ({why}).", lead(leader), label(other)),
            )
        }
        HeadToHead::Unbeaten { leader, beats, even, unmet } => (
            UNBEATEN,
            vec![leader],
            format!(
                "Head to head, no entry beats {}: of the {}, {}.",
                lead(leader).trim_end_matches(','),
                crate::format::count((beats + even + unmet) as usize, "other", "others"),
                unbeaten_said(beats, even, unmet)
            ),
        ),
        HeadToHead::TooMany => (
            NOT_COMPARED,
            Vec::new(),
            format!(
                "Head to head not compared: {} entries are more than a table of every pair holds ({} at most).",
                which.len(),
                crate::merge::SCHULZE_MOST
            ),
        ),
        HeadToHead::Alone => {
            (NOT_COMPARED, Vec::new(), "Head to head not compared: fewer than two entries scored.".to_owned())
        }
    };
    Majority {
        ranking: name.to_owned(),
        outcome: outcome.to_owned(),
        entries: entries.into_iter().map(id).collect(),
        said,
    }
}

#[cfg(test)]
mod tests {
    use super::Majority;

    /// An entry the sentence names that the rules exclude is said to be excluded, once however
    /// often the rankings are marked; one it does not name changes nothing.
    #[test]
    fn an_excluded_entry_named_is_said_to_take_no_prize() {
        let reasons = ["a streamlit Space, not gradio".to_owned()];
        let said = |outcome: &str, id: &str| {
            let mut m = Majority {
                ranking: "overall".into(),
                outcome: outcome.into(),
                entries: vec!["w".into(), "x".into()],
                said: "S.".into(),
            };
            m.excluded(id, "Weather Bard", &reasons);
            m.excluded(id, "Weather Bard", &reasons);
            m.said
        };
        for outcome in ["condorcet winner", "cycle", "no condorcet winner"] {
            assert_eq!(
                said(outcome, "x"),
                "S. The event's rules exclude Weather Bard from prizes (a streamlit Space, not gradio): no prize can go to it.",
                "{outcome}"
            );
            assert_eq!(said(outcome, "z"), "S.", "{outcome}");
        }
    }

    #[test]
    fn the_votes_name_the_entry_put_above_the_leader() {
        let cases = [
            ((1, 2, 0), "2 judges put Lost & Found above it, 1 below"),
            ((0, 1, 1), "1 judge put Lost & Found above it, 0 below, 1 level"),
        ];
        for ((leader, other, level), want) in cases {
            assert_eq!(super::votes_said("Lost & Found", leader, other, level), want);
        }
    }

    /// A pair no judge scored both of is said calmly, as saying nothing.
    #[test]
    fn an_unbeaten_leader_says_what_head_to_head_cannot() {
        let cases = [
            (
                (2, 1, 14),
                "it beats 2 entries, is even with 1 entry (the judges who scored both split or rated them level), and no judge scored it beside 14 of them, so head to head says nothing of those",
            ),
            ((0, 0, 1), "no judge scored it beside 1 of them, so head to head says nothing of that one"),
            (
                (3, 1, 0),
                "it beats 3 entries, and is even with 1 entry (the judges who scored both split or rated them level)",
            ),
        ];
        for ((beats, even, unmet), want) in cases {
            assert_eq!(super::unbeaten_said(beats, even, unmet), want);
        }
    }
}
