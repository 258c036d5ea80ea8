//! The rounds a merge settles: the published finalists, placed as the rubric round now places
//! them, with every answer the judges' score files carry on them. An answer that cannot count is
//! left out and said: from a judge who does not compare in the finals, on a pair with an entry
//! the judge may not compare (a declared conflict, a track they do not judge, a recusal), or on a
//! pair that is not two finalists of one ranking (the finals were published anew since). Each
//! round pays the places judging.toml's prizes pay ([`super::paid`]), whatever the file says.

use super::Round;
use super::published::Published;
use crate::config::Config;
use crate::model::{Pair, TextPart};
use crate::rankings::{Field, JudgeMarks, Rankings};
use crate::sanitize::clean_line;

/// The published rounds with the judges' answers, and what was left out, in words.
pub fn gather(
    published: &Published,
    rankings: &Rankings,
    judges: &[JudgeMarks],
    field: &Field,
    config: &Config,
) -> (Vec<Round>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut rounds: Vec<Round> = Vec::new();
    for round in &published.rounds {
        // The paid places are judging.toml's, never the file's: a file the prizes changed under
        // is published again with theirs.
        let paid = super::paid(config, &round.ranking);
        let mut round = Round { judges: Vec::new(), answers: Vec::new(), paid, ..round.clone() };
        if let Some(ranked) = rankings.ranking(&round.ranking) {
            let before = round.finalists.len();
            round.finalists.retain(|f| ranked.iter().any(|r| r.id == f.id));
            for f in &mut round.finalists {
                if let Some(r) = ranked.iter().find(|r| r.id == f.id) {
                    f.rubric_place = r.rubric_place.unwrap_or(r.place);
                    f.rubric_score = r.score;
                }
            }
            if round.finalists.len() < before {
                warnings.push(format!(
                    "the {} finals have {} not in this merge's ranking (withdrawn, or scored by no judge): they go on without them",
                    clean_line(rankings.ranking_name(&round.ranking)),
                    crate::format::count(before - round.finalists.len(), "finalist", "finalists")
                ));
            }
        }
        rounds.push(round);
    }
    for marks in judges {
        let name = &marks.judge;
        let (mut outside, mut barred) = (0, 0);
        if !marks.comparisons.is_empty() && !config.compares_in_finals(name) {
            warnings.push(format!(
                "left out: {} by {}, as judging.toml does not list them among the finals' judges",
                crate::format::count(marks.comparisons.len(), "comparison", "comparisons"),
                clean_line(name)
            ));
            continue;
        }
        let judge = config.judge(name);
        let recused = |entry: usize| marks.text(TextPart::Recusal, entry).is_some();
        for (i, j, answer) in &marks.comparisons {
            let (a, b) = (&field.entries[*i].submission, &field.entries[*j].submission);
            let Some(pair) = Pair::new(&a.id, &b.id) else { continue };
            let kept = |s| {
                judge.is_some_and(|j| crate::assign::barred(j, s, crate::assign::Tracks::of(&config.assign)).is_some())
            };
            if kept(a) || kept(b) || recused(*i) || recused(*j) {
                barred += 1;
                continue;
            }
            // Said of the pair in its kept order, as the sheet keeps it.
            let mut placed = false;
            for round in &mut rounds {
                placed |= round.record(name, &pair, Some(answer.clone()));
            }
            if !placed {
                outside += 1;
            }
        }
        if barred > 0 {
            warnings.push(format!(
                "left out: {} by {}, each with an entry they may not judge (a conflict in judging.toml, a track they do not judge, or their recusal)",
                crate::format::count(barred, "comparison", "comparisons"),
                clean_line(name)
            ));
        }
        if outside > 0 {
            warnings.push(format!(
                "left out: {} by {}, not of two finalists of one published ranking (were the finals published anew?)",
                crate::format::count(outside, "comparison", "comparisons"),
                clean_line(name)
            ));
        }
    }
    (rounds, warnings)
}
