//! What the public may read of the results: each prize's places, with their entries' titles,
//! teams and amounts, and which places are shared. It is built from the outcome by taking these
//! and nothing else, and the public formats are printed from it alone: the jury's deliberation
//! (notes, who was passed over and why, eligibility, decisions and their reasons, each place's
//! judges and chances) is not in it, so it cannot reach an announcement by accident.
//!
//! Nor is whether judges scored a winner ([`super::Award::unranked`]): an entry no judge scored
//! in full that wins by badges, likes or a file's values has won by the event's rules, as the
//! prize's name says, and the announcement says of no winner how its place was reached. The
//! jury's results say it beside the place, so the jury does not take it for judged.

use super::{Outcome, Tie};

/// The announcement: every prize, in the order awarded.
#[derive(Debug, Clone, PartialEq)]
pub struct Announcement {
    pub prizes: Vec<Announced>,
}

/// One prize and its winners; none when no entry could win it.
#[derive(Debug, Clone, PartialEq)]
pub struct Announced {
    pub name: String,
    pub winners: Vec<Winner>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Winner {
    pub place: usize,
    pub title: String,
    pub team: String,
    /// The titles of the first few entries this place is tied with: a tie the jury has yet to
    /// settle, so that none of them has won the place yet.
    pub tied_with: Vec<String>,
    /// How many entries it is tied with, those named included; 0 where its place is not in an
    /// undecided tie.
    pub tied_others: usize,
    /// What the place pays; `None` while its tie is undecided.
    pub amount: Option<f64>,
    /// The paid places its undecided tie spans, from its own on: two entries tied for second
    /// of three paid places both win one, second or third. 0 where it is in no such tie.
    pub spans: usize,
}

/// A place tied and undecided: the place, how many entries are tied for it, and how many paid
/// places the tie spans from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TiedPlace {
    pub place: usize,
    pub entries: usize,
    pub spans: usize,
}

impl Announcement {
    pub fn of(outcome: &Outcome) -> Announcement {
        let prizes = outcome
            .prizes
            .iter()
            .map(|p| {
                let title = |id: &String| p.title_of(id).map(str::to_owned);
                let winners = p
                    .awards
                    .iter()
                    .map(|a| Winner {
                        place: a.place,
                        title: a.title.clone(),
                        team: a.team.clone(),
                        tied_with: match &a.tie {
                            Some(Tie::Undecided { with, .. }) => {
                                with.iter().take(NAMED_BESIDE_A_ROW).filter_map(title).collect()
                            }
                            _ => Vec::new(),
                        },
                        tied_others: match &a.tie {
                            Some(Tie::Undecided { others, .. }) => *others,
                            _ => 0,
                        },
                        amount: a.amount,
                        spans: match &a.tie {
                            Some(Tie::Undecided { shares, .. }) => shares.len().max(1),
                            _ => 0,
                        },
                    })
                    .collect();
                Announced { name: p.name.clone(), winners }
            })
            .collect();
        Announcement { prizes }
    }
}

impl Winner {
    /// Its place as an announcement prints it: `1`, or `1 (tied)` while its tie is undecided.
    /// Not `1=`, which a reader takes for joint winners.
    pub fn place_text(&self) -> String {
        if self.undecided() { format!("{} (tied)", self.place) } else { self.place.to_string() }
    }

    /// Whether its place is tied and the jury has yet to decide it.
    pub fn undecided(&self) -> bool {
        self.tied_others > 0
    }

    /// Whom its place is tied with, as every tie is said: "B, C, D and 5 more"; empty where it
    /// is not in an undecided tie.
    pub fn tied_said(&self) -> String {
        if self.undecided() { crate::format::few_of(&self.tied_with, self.tied_others) } else { String::new() }
    }
}

impl Announced {
    /// Each place tied and undecided, with how many entries are tied for it and the paid
    /// places the tie spans, in place order.
    pub fn undecided_places(&self) -> Vec<TiedPlace> {
        let mut out: Vec<TiedPlace> = Vec::new();
        for w in self.winners.iter().filter(|w| w.undecided()) {
            match out.iter_mut().find(|t| t.place == w.place) {
                Some(t) => t.entries += 1,
                None => out.push(TiedPlace { place: w.place, entries: 1, spans: w.spans }),
            }
        }
        out
    }
}

/// The entries a tied place names beside each of its rows, the rest counted ("and 5 more"): the
/// line under the prize says how many are tied, and a tie of nine had listed the other eight on
/// every one of its nine rows. (The outcome itself names more: [`super::TIED_NAMED`].)
const NAMED_BESIDE_A_ROW: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prizes::{Award, PrizeOutcome, Support};

    fn award(place: usize, id: &str, amount: Option<f64>, tie: Option<Tie>) -> Award {
        let support = Some(Support { judges: 1, chance: Some(0.2), rubric_place: None, doubts: vec![] });
        Award {
            place,
            id: id.into(),
            title: id.to_uppercase(),
            team: format!("team {id}"),
            amount,
            value: 4.0,
            tie,
            support,
            unranked: None,
        }
    }

    #[test]
    fn the_public_read_places_and_amounts_with_shared_places_named() {
        let undecided = |with: &str| Some(Tie::Undecided { with: vec![with.into()], others: 1, shares: vec![250.0] });
        let outcome = Outcome {
            prizes: vec![
                PrizeOutcome {
                    id: "quest".into(),
                    name: "Quest".into(),
                    by: "badges".into(),
                    finals: false,
                    heading: "Badges".into(),
                    by_count: true,
                    awards: vec![
                        award(1, "a", None, undecided("b")),
                        award(1, "b", None, undecided("a")),
                        award(3, "c", Some(50.0), Some(Tie::Decided { reason: "Ana liked it".into() })),
                    ],
                    passed_over: vec![],
                    notes: vec!["Undecided tie at place 1".into()],
                    unawarded: vec![],
                },
                PrizeOutcome {
                    id: "none".into(),
                    name: "None".into(),
                    by: "likes".into(),
                    finals: false,
                    heading: "Likes".into(),
                    by_count: true,
                    awards: vec![],
                    passed_over: vec![],
                    notes: vec!["No entry can win it".into()],
                    unawarded: vec![],
                },
            ],
            ineligible: vec![],
            unverified: vec![],
            decisions: vec![],
            warnings: vec![],
        };
        let public = Announcement::of(&outcome);
        let winner = |place, title: &str, shared: &[&str], amount| Winner {
            place,
            title: title.into(),
            team: format!("team {}", title.to_lowercase()),
            tied_with: shared.iter().map(|s| (*s).to_owned()).collect(),
            tied_others: shared.len(),
            amount,
            spans: usize::from(!shared.is_empty()),
        };
        assert_eq!(
            public.prizes[0].winners,
            [winner(1, "A", &["B"], None), winner(1, "B", &["A"], None), winner(3, "C", &[], Some(50.0))]
        );
        assert_eq!(
            public.prizes[0].winners.iter().map(Winner::place_text).collect::<Vec<_>>(),
            ["1 (tied)", "1 (tied)", "3"]
        );
        assert_eq!(public.prizes[0].undecided_places(), [TiedPlace { place: 1, entries: 2, spans: 1 }]);
        assert_eq!(public.prizes[1], Announced { name: "None".into(), winners: vec![] });
    }

    /// A place tied nine ways names three of the others beside each row and counts the rest.
    #[test]
    fn a_wide_tie_names_a_few_and_counts_the_rest() {
        let mut outcome = crate::report::fixtures::tied(9);
        let ids: Vec<String> = outcome.prizes[0].awards.iter().map(|a| a.id.clone()).collect();
        for a in &mut outcome.prizes[0].awards {
            let with = ids.iter().filter(|id| **id != a.id).cloned().collect();
            a.tie = Some(Tie::Undecided { with, others: 8, shares: vec![100.0] });
        }
        let public = Announcement::of(&outcome);
        for w in &public.prizes[0].winners {
            assert_eq!(w.tied_with.len(), NAMED_BESIDE_A_ROW, "{:?}", w.tied_with);
            // As every list of names is said: "B, C, D and 5 more", not "B, C, D, and 5 more".
            let said = w.tied_said();
            assert!(said.ends_with(" and 5 more") && !said.contains(", and"), "{said}");
            assert_eq!(said.matches(", ").count(), NAMED_BESIDE_A_ROW - 1, "{said}");
            assert!(!w.tied_with.contains(&w.title), "not tied with itself: {:?}", w.tied_with);
        }
    }
}
