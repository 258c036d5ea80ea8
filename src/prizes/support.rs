//! How firmly a paid place stands on the judges' marks. A place that rests on fewer judges than
//! `merge.min_judges`, that a redraw of the judges' marks would more often than not leave out
//! of the paid places, or that counts the marks of a judge who declared a conflict with it, is
//! one the jury should look at again before anything is announced: the rule is here, once, and
//! every output of the results says what it found.

use serde::Serialize;

use super::Candidate;
use crate::config::{Prize, PrizeBy};

/// Under this chance of a paid place, a paid place is doubtful: less likely to hold than not.
pub const LEAST_CHANCE: f64 = 0.5;

/// What a place rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Support {
    /// The judges who scored the entry.
    pub judges: usize,
    /// Its chance of one of the paid places of the ranking the prize pays in, where the merge
    /// worked one out (a prize over a whole track or the whole event, by score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chance: Option<f64>,
    /// Its place in the rubric round, where a finals round decided the places of the ranking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rubric_place: Option<usize>,
    /// What the jury should settle before announcing it; empty when it stands firm.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doubts: Vec<Doubt>,
}

/// A judge a thin place rests on, with their leniency as the jury's table of judges shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Whose {
    pub judge: String,
    /// `None` for a judge the merge gives no line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leniency: Option<f64>,
    /// Whether that leniency rests on too few entries to trust (`~` in the tables).
    pub few: bool,
}

impl Whose {
    /// `"ana" (leniency ~+0.42)`: the name quoted, so that no name reads as another's leniency.
    pub fn said(&self) -> String {
        let name = crate::sanitize::in_quotes(&self.judge);
        match self.leniency {
            Some(l) => format!("{name} (leniency {})", crate::rankings::leniency_text(l, self.few)),
            None => name,
        }
    }
}

/// The judges of an entry who mark, on average, an eighth of the scale or more above their
/// co-judges, under a method that keeps their leniency (`mean`, `median`, `trimmed`, `sum`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leaning {
    /// Their mean leniency, in rubric points.
    pub mean: f64,
    /// The method that keeps it.
    pub method: String,
    /// Each judge of the entry with their leniency.
    pub by: Vec<Whose>,
}

/// Why a paid place may not stand.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Doubt {
    /// Scored by fewer judges than `merge.min_judges`; `by` names them, each with their
    /// leniency as the jury's table of judges shows it (empty from a saved merge that has no
    /// judges' files).
    FewJudges {
        judges: usize,
        min_judges: usize,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        by: Vec<Whose>,
        /// The judges of the entry left out of `judges`: each gave every entry nearly the same
        /// total, which tells the entries apart no more than no mark would.
        #[serde(skip_serializing_if = "crate::rankings::is_zero")]
        flat: usize,
    },
    /// Under [`LEAST_CHANCE`] of a paid place when the judges' marks are redrawn.
    Unlikely { chance: f64 },
    /// Counts the marks of judges who declared a conflict with it (`merge.conflicts = "flag"`).
    Conflict { judges: Vec<String> },
    /// Rests on judges who mark well above their co-judges, under a method that keeps it: a
    /// place the calibrated method might not give.
    Lenient { mean: f64, method: String, by: Vec<Whose> },
    /// What the finals' standing records against the place they gave it (a paid place no judge
    /// compared it for, one moved on too few judges): each kind declared, and found, where the
    /// finals are settled ([`crate::finals::PlaceDoubt`]), and tagged by its own `kind`.
    #[serde(untagged)]
    Finals(crate::finals::PlaceDoubt),
}

/// The jury's warning of the paid places that rest on lenient judges, prize by prize, as the
/// prizes pay them ("Bin Day (Best Demo, place 1)"); each place's CHECK line says its judges.
/// `None` where none does. The merge's own warning names places of its rankings, which a prize
/// may pass over (an entry that won another prize it cannot add this one to).
pub fn lenient_places(prizes: &[super::PrizeOutcome]) -> Option<String> {
    let mut method = String::new();
    let named: Vec<String> = prizes
        .iter()
        .flat_map(|p| p.awards.iter().map(move |a| (p, a)))
        .filter_map(|(p, a)| {
            let lenient = a.support.as_ref()?.doubts.iter().find_map(|d| match d {
                Doubt::Lenient { method, .. } => Some(method.clone()),
                _ => None,
            })?;
            method = lenient;
            Some(format!(
                "{} ({}, place {})",
                crate::sanitize::clean_line(&a.title),
                crate::sanitize::clean_line(&p.name),
                a.place
            ))
        })
        .collect();
    (!named.is_empty()).then(|| {
        format!(
            "{}, which the {method} method keeps as given ({}): {}. Each one's CHECK line names its judges; the calibrated method (the default) takes each judge's leniency out: compare with --method calibrated, or have more judges score them",
            crate::rankings::leaning::SAYS,
            named.len(),
            crate::format::first_few(&named, 5, "; ")
        )
    })
}

/// The rule: fewer judges than `min_judges` (the rankings' thin), a chance of a paid place
/// under [`LEAST_CHANCE`], marks counted from judges who declared a conflict (`conflicted`), or
/// judges who mark well above their co-judges under a method that keeps it (`lenient`).
pub fn doubts(
    judges: usize,
    flat: usize,
    by: &[Whose],
    chance: Option<f64>,
    min_judges: usize,
    conflicted: &[String],
    lenient: Option<&Leaning>,
) -> Vec<Doubt> {
    let mut out = Vec::new();
    if crate::rankings::thin(judges, min_judges) {
        out.push(Doubt::FewJudges { judges, min_judges, by: by.to_vec(), flat });
    }
    if let Some(chance) = chance.filter(|c| *c < LEAST_CHANCE) {
        out.push(Doubt::Unlikely { chance });
    }
    if !conflicted.is_empty() {
        out.push(Doubt::Conflict { judges: conflicted.to_vec() });
    }
    if let Some(l) = lenient {
        out.push(Doubt::Lenient { mean: l.mean, method: l.method.clone(), by: l.by.clone() });
    }
    out
}

/// What a place in `prize` rests on, when the judges' marks order the prize (by score or by a
/// criterion); `None` for one they do not (badges, likes, a file's values).
pub fn of(prize: &Prize, c: &Candidate, min_judges: usize) -> Option<Support> {
    if !matches!(prize.by, PrizeBy::Score | PrizeBy::Criterion) {
        return None;
    }
    // Chances are of a whole ranking's paid places: a prize narrowed by tag or size has none.
    let (chance, rubric_place) = match (prize.reads_whole_ranking(), &prize.track) {
        (false, _) => (None, None),
        (true, Some(_)) => (c.track_chance, c.track_rubric_place),
        (true, None) => (c.chance, c.rubric_place),
    };
    // What the finals record against its place is a doubt of every prize by score its ranking
    // orders, narrowed by tag or size too: a Backyard prize for one tag, paid from the finals'
    // order, had named the entry one judge's answers placed with no check, where the Backyard
    // prize itself named it.
    let finals = match (&prize.by, &prize.track) {
        (PrizeBy::Score, Some(_)) => &c.track_finals_doubts[..],
        (PrizeBy::Score, None) => &c.finals_doubts[..],
        _ => &[][..],
    };
    // Judges who gave every entry nearly the same total are not counted, as the thin flag does not.
    let doubts = doubts(
        c.judges.saturating_sub(c.flat),
        c.flat,
        &c.judged_by,
        chance,
        min_judges,
        &c.conflicted,
        c.lenient.as_ref(),
    )
    .into_iter()
    .chain(finals.iter().cloned().map(Doubt::Finals))
    .collect();
    Some(Support { judges: c.judges, chance, rubric_place, doubts })
}

impl Doubt {
    /// What the head judge should do about it, in a sentence about the place `place` of `title`;
    /// `finals` where a finals round set the places, whose chances come from the finals.
    pub fn advice(&self, title: &str, place: usize, finals: bool) -> String {
        match *self {
            Doubt::FewJudges { judges, min_judges, ref by, flat } => {
                // Whose, where the judges' files were read: a place on one lenient judge's
                // marks is the one to look at first.
                let names: Vec<String> = by.iter().map(Whose::said).collect();
                let marks = match (judges, by.is_empty()) {
                    (1, true) => "one judge's marks".to_owned(),
                    (n, true) => format!("{n} judges' marks"),
                    (1, false) => format!("the marks of one judge, {}", crate::format::first_few(&names, 5, ", ")),
                    (n, false) => format!("the marks of {n} judges, {}", crate::format::first_few(&names, 5, ", ")),
                };
                let more = match (min_judges.saturating_sub(judges).max(1), ordinal(judges + 1)) {
                    (1, Some(next)) => format!("a {next} judge"),
                    (1, None) => "another judge".to_owned(),
                    (n, _) => format!("{n} more judges"),
                };
                // A judge left out of the count is said: JUDGES beside the place counts them.
                let beside = match flat {
                    0 => String::new(),
                    1 => ", beside one who gave every entry nearly the same total, which tells entries apart no more than no mark".to_owned(),
                    n => format!(", beside {n} who each gave every entry nearly the same total, which tells entries apart no more than no mark"),
                };
                format!(
                    "{title} (place {place}) rests on {marks}{beside} (merge.min_judges is {min_judges}): have {more} score it before announcing"
                )
            }
            Doubt::Unlikely { chance } if finals => format!(
                "{title} (place {place}) holds a paid place in only {} of the finals redrawn from the judges' comparisons (PAID, under {}): discuss it, or have the judges compare it further, before announcing",
                crate::format::percent(chance),
                crate::format::percent(LEAST_CHANCE)
            ),
            Doubt::Conflict { ref judges } => {
                let names: Vec<String> = judges.iter().map(|j| crate::sanitize::in_quotes(j)).collect();
                let who = match names.len() {
                    1 => format!("{}, who declared", names[0]),
                    n => format!("{n} judges, {}, who declared", crate::format::first_few(&names, 5, ", ")),
                };
                format!(
                    "{title} (place {place}) counts the marks of {who} a conflict with it (merge.conflicts is \"flag\"): look at those marks, and leave them out (merge.conflicts = \"exclude\") or keep them knowingly, before announcing"
                )
            }
            Doubt::Lenient { mean, ref method, ref by } => {
                let each: Vec<String> = by
                    .iter()
                    .map(|w| match w.leniency {
                        Some(l) => format!(
                            "{} {}",
                            crate::sanitize::in_quotes(&w.judge),
                            crate::rankings::leniency_text(l, w.few)
                        ),
                        None => crate::sanitize::in_quotes(&w.judge),
                    })
                    .collect();
                let whose = if by.len() == 1 { "its judge marks" } else { "its judges mark" };
                format!(
                    "{title} (place {place}) rests on lenient marks: {whose} on average {mean:.2} points above their co-judges ({}), which the {method} method keeps as given: compare with --method calibrated, or have more judges score it, before announcing",
                    crate::format::first_few(&each, 5, ", ")
                )
            }
            Doubt::Finals(ref doubt) => doubt.advice(title, place),
            Doubt::Unlikely { chance } => format!(
                "{title} (place {place}) holds a paid place in only {} of the merges redrawn from the judges' marks (PAID, under {}): discuss it, or have another judge score it, before announcing",
                crate::format::percent(chance),
                crate::format::percent(LEAST_CHANCE)
            ),
        }
    }
}

fn ordinal(n: usize) -> Option<&'static str> {
    ["second", "third", "fourth", "fifth"].get(n.checked_sub(2)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_doubted_on_too_few_judges_or_under_even_chances() {
        let few = |judges, min_judges| Doubt::FewJudges { judges, min_judges, by: vec![], flat: 0 };
        let unlikely = |chance| Doubt::Unlikely { chance };
        let cases = [
            ((1, None, 2), vec![few(1, 2)]),
            ((2, None, 2), vec![]),
            ((3, None, 2), vec![]),
            ((2, None, 3), vec![few(2, 3)]),
            ((3, Some(0.49), 2), vec![unlikely(0.49)]),
            ((3, Some(0.5), 2), vec![]),
            ((3, Some(0.97), 2), vec![]),
            ((1, Some(0.2), 2), vec![few(1, 2), unlikely(0.2)]),
            ((1, Some(0.0), 1), vec![unlikely(0.0)]),
        ];
        for ((judges, chance, min), want) in cases {
            assert_eq!(
                doubts(judges, 0, &[], chance, min, &[], None),
                want,
                "{judges} judges, chance {chance:?}, min {min}"
            );
        }
        let conflicted = ["dora".to_owned()];
        assert_eq!(doubts(3, 0, &[], None, 2, &conflicted, None), [Doubt::Conflict { judges: conflicted.to_vec() }]);
    }

    fn whose(judge: &str, leniency: Option<f64>, few: bool) -> Whose {
        Whose { judge: judge.into(), leniency, few }
    }

    #[test]
    fn each_doubt_says_what_to_do() {
        let cases = [
            (
                Doubt::Conflict { judges: vec!["dora".into()] },
                "Echo Owl (place 1) counts the marks of \"dora\", who declared a conflict with it (merge.conflicts is \"flag\")",
            ),
            (
                Doubt::Conflict { judges: vec!["a".into(), "b".into()] },
                "the marks of 2 judges, \"a\", \"b\", who declared",
            ),
            (
                Doubt::FewJudges { judges: 1, min_judges: 2, by: vec![], flat: 0 },
                "Echo Owl (place 1) rests on one judge's marks (merge.min_judges is 2): have a second judge score it before announcing",
            ),
            (
                Doubt::FewJudges { judges: 2, min_judges: 3, by: vec![], flat: 0 },
                "rests on 2 judges' marks (merge.min_judges is 3): have a third judge",
            ),
            (Doubt::FewJudges { judges: 1, min_judges: 4, by: vec![], flat: 0 }, "have 3 more judges score it"),
            (
                Doubt::FewJudges { judges: 1, min_judges: 2, by: vec![whose("ana", Some(0.42), false)], flat: 0 },
                "Echo Owl (place 1) rests on the marks of one judge, \"ana\" (leniency +0.42) (merge.min_judges is 2): have a second judge",
            ),
            (
                Doubt::FewJudges {
                    judges: 2,
                    min_judges: 3,
                    by: vec![whose("ana", Some(0.42), true), whose("x (leniency -0.90), ben", None, false)],
                    flat: 0,
                },
                "rests on the marks of 2 judges, \"ana\" (leniency ~+0.42), \"x (leniency -0.90), ben\" (merge.min_judges is 3)",
            ),
            (Doubt::FewJudges { judges: 5, min_judges: 6, by: vec![], flat: 0 }, "have another judge score it"),
            // A judge left out of the count, who gave every entry nearly the same total, is said:
            // JUDGES beside the place counts them.
            (
                Doubt::FewJudges { judges: 1, min_judges: 2, by: vec![], flat: 1 },
                "rests on one judge's marks, beside one who gave every entry nearly the same total, which tells entries apart no more than no mark (merge.min_judges is 2)",
            ),
            (
                Doubt::Lenient { mean: 0.9, method: "median".into(), by: vec![whose("eve", Some(0.9), false)] },
                "Echo Owl (place 1) rests on lenient marks: its judge marks on average 0.90 points above their co-judges (\"eve\" +0.90), which the median method keeps as given",
            ),
            (
                Doubt::Unlikely { chance: 0.35 },
                "in only 35% of the merges redrawn from the judges' marks (PAID, under 50%)",
            ),
        ];
        for (doubt, want) in cases {
            let said = doubt.advice("Echo Owl", 1, false);
            assert!(said.contains(want), "{doubt:?}: {said}");
            assert!(said.ends_with("before announcing"), "{said}");
        }
        let finals = Doubt::Unlikely { chance: 0.35 }.advice("Echo Owl", 1, true);
        assert!(finals.contains("35% of the finals redrawn from the judges' comparisons"), "{finals}");
        assert!(finals.contains("have the judges compare it further") && !finals.contains("merges"), "{finals}");
    }
}
