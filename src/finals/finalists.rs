//! Who goes to the finals: the top `[finals] size` entries of each ranking with finals, as the
//! rubric round ranks them; entries the event's rules exclude from prizes are passed over, and
//! entries tied at the last place all go (the finals decide between them).

use super::{Finalist, Round};
use crate::config::Config;
use crate::rankings::{Flag, Rankings};
use crate::sanitize::clean_line;

/// Each ranking's finals, without answers yet, and what was decided along the way, in words.
pub fn finalists(rankings: &Rankings, config: &Config) -> (Vec<Round>, Vec<String>) {
    let Some(finals) = &config.finals else { return (Vec::new(), Vec::new()) };
    let mut notes = Vec::new();
    let mut rounds = Vec::new();
    for name in config.finals_rankings() {
        let Some(ranked) = rankings.ranking(&name) else {
            notes.push(format!("this merge has no ranking {:?}: it has no finals", clean_line(&name)));
            continue;
        };
        let (mut chosen, mut passed): (Vec<Finalist>, Vec<String>) = (Vec::new(), Vec::new());
        for r in ranked {
            let full = chosen.len() >= finals.size;
            if full && chosen.last().is_none_or(|last| last.rubric_place != r.place) {
                break;
            }
            if r.has(Flag::Ineligible) {
                passed.push(clean_line(&r.title));
                continue;
            }
            chosen.push(Finalist {
                id: r.id.clone(),
                title: r.title.clone(),
                rubric_place: r.place,
                rubric_score: r.score,
            });
        }
        if !passed.is_empty() {
            notes.push(format!(
                "{name}: passed over, as the event's rules exclude them from prizes: {}",
                passed.join(", ")
            ));
        }
        if chosen.len() > finals.size {
            notes.push(format!(
                "{name}: {} finalists, not {}: the entries tied at place {} all go",
                chosen.len(),
                finals.size,
                chosen.last().map_or(0, |f| f.rubric_place)
            ));
        }
        if chosen.len() < 2 {
            notes.push(format!("{name}: fewer than two entries to compare: no finals"));
            continue;
        }
        let paid = super::paid(config, &name);
        if paid > chosen.len() {
            notes.push(format!(
                "{name}: {paid} places are paid and {} entries go to the finals: the places after them are paid by the rubric round",
                chosen.len()
            ));
        }
        rounds.push(Round { ranking: name, paid, finalists: chosen, judges: Vec::new(), answers: Vec::new() });
    }
    (rounds, notes)
}
