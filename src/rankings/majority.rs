//! The head-to-head majorities beside each ranking: the Condorcet winner when there is one, the
//! cycle when there is not. A method always names a first place; this says whether a majority of
//! judges would back it against every other entry.

use serde::{Deserialize, Serialize};

use super::{Field, Ranked};
use crate::merge::{HeadToHead, Panel, head_to_head};
use crate::sanitize::clean_line;

/// What head-to-head majorities say about one ranking, for every output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Majority {
    pub ranking: String,
    /// "condorcet winner", "cycle", "no condorcet winner" or "not compared".
    pub outcome: String,
    /// The ids it names: the winner, the cycle in order, or the leader and the entry it does
    /// not beat.
    pub entries: Vec<String>,
    /// The same in words, with whether the rules let the winner take a prize.
    pub said: String,
}

impl Majority {
    pub fn is_winner(&self, id: &str) -> bool {
        self.outcome == "condorcet winner" && self.entries.first().is_some_and(|w| w == id)
    }

    pub fn in_cycle(&self, id: &str) -> bool {
        self.outcome == "cycle" && self.entries.iter().any(|e| e == id)
    }

    /// Says, after the sentence, that the Condorcet winner cannot take a prize: the rules
    /// exclude it (`reasons`). "The jury should weigh both" had read as a case for awarding it.
    pub fn winner_excluded(&mut self, title: &str, reasons: &[String]) {
        if self.outcome != "condorcet winner" {
            return;
        }
        // By title: the sentence before names it with its id.
        let excluded = format!(
            " The event's rules exclude {} from prizes ({}): no prize can go to it.",
            clean_line(title),
            clean_line(&reasons.join("; "))
        );
        // Marked again (a saved merge's rankings), it is said once.
        if !self.said.ends_with(&excluded) {
            self.said.push_str(&excluded);
        }
    }
}

/// How the judges who scored both the leader and `other` voted, naming `other`: "2 judges put
/// Lost & Found (lost-and-found) above it, 1 below" (an "it" alone read as either entry).
fn votes_said(other: &str, for_leader: u32, for_other: u32, level: u32) -> String {
    let judges = |n: u32| crate::format::count(n as usize, "judge", "judges");
    match (for_leader + for_other, level) {
        (0, 0) => "no judge scored both".to_owned(),
        (0, level) => format!("the {} who scored both rated them level", judges(level)),
        (_, 0) => format!("{} put {other} above it, {for_leader} below", judges(for_other)),
        (_, level) => format!("{} put {other} above it, {for_leader} below, {level} level", judges(for_other)),
    }
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
            "condorcet winner",
            vec![w],
            format!(
                "{} is the Condorcet winner: head to head, more of the judges who scored both put it above each other entry.",
                label(w)
            ),
        ),
        HeadToHead::Winner(w) => (
            "condorcet winner",
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
            ("cycle", cycle, format!("No Condorcet winner: head to head, {}.", steps.join(", ")))
        }
        HeadToHead::NotBeaten { leader, other, for_leader, for_other, level } => {
            let why = votes_said(&label(other), for_leader, for_other, level);
            let verb = if for_other > for_leader { "loses to" } else { "does not beat" };
            (
                "no condorcet winner",
                vec![leader, other],
                format!("No Condorcet winner: {} {verb} {} head to head ({why}).", lead(leader), label(other)),
            )
        }
        HeadToHead::TooMany => (
            "not compared",
            Vec::new(),
            format!(
                "Head to head not compared: {} entries are more than a table of every pair holds ({} at most).",
                which.len(),
                crate::merge::SCHULZE_MOST
            ),
        ),
        HeadToHead::Alone => {
            ("not compared", Vec::new(), "Head to head not compared: fewer than two entries scored.".to_owned())
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

    /// A Condorcet winner the rules exclude is said to be excluded, once however often the
    /// rankings are marked; an excluded entry in a cycle or a loss changes nothing.
    #[test]
    fn an_excluded_condorcet_winner_is_said_to_take_no_prize() {
        let reasons = ["a streamlit Space, not gradio".to_owned()];
        let said = |outcome: &str| {
            let mut m = Majority {
                ranking: "overall".into(),
                outcome: outcome.into(),
                entries: vec!["w".into(), "x".into()],
                said: "S.".into(),
            };
            m.winner_excluded("Weather Bard", &reasons);
            m.winner_excluded("Weather Bard", &reasons);
            m.said
        };
        assert_eq!(
            said("condorcet winner"),
            "S. The event's rules exclude Weather Bard from prizes (a streamlit Space, not gradio): no prize can go to it."
        );
        for other in ["cycle", "no condorcet winner", "not compared"] {
            assert_eq!(said(other), "S.", "{other}");
        }
    }

    #[test]
    fn the_votes_name_the_entry_put_above_the_leader() {
        let cases = [
            ((1, 2, 0), "2 judges put Lost & Found above it, 1 below"),
            ((1, 1, 1), "1 judge put Lost & Found above it, 1 below, 1 level"),
            ((0, 0, 2), "the 2 judges who scored both rated them level"),
            ((0, 0, 0), "no judge scored both"),
        ];
        for ((leader, other, level), want) in cases {
            assert_eq!(super::votes_said("Lost & Found", leader, other, level), want);
        }
    }
}
