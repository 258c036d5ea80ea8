//! Every judge's view of one entry: their score on each criterion, their total, their note and
//! their stopwatch time, beside the entry's places. For the head judge's screen and for
//! `judging merge --entry ID`.

use serde::Serialize;

use super::{JudgeMarks, Rankings};
use crate::model::TextPart;

/// The judges' score files as the merge read them, kept for the views: not written to a saved
/// merge, which stays the size of its rankings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheets {
    /// Each entry's id, by field index.
    pub ids: Vec<String>,
    /// Each entry's title, by field index: an entry no judge scored has no ranking to name it.
    pub titles: Vec<String>,
    pub judges: Vec<JudgeMarks>,
    /// The leniency the merge found for each judge, by name, in the order of `judges`.
    pub leniency: Vec<f64>,
    /// The trainees' files (`counts = false`): shown beside the judges', counted nowhere.
    pub trainees: Vec<JudgeMarks>,
}

/// One entry as every judge saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryPanel {
    pub id: String,
    pub title: String,
    /// Its place and merged score in each ranking it is in.
    pub places: Vec<Standing>,
    /// Why it is in no ranking, where it is in none and the merge knows why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unranked: Option<String>,
    pub criteria: Vec<String>,
    /// Each judge who scored it fully, in judging.toml's or the files' order.
    pub judges: Vec<JudgeView>,
    /// Judges who left it partly scored: their scores do not count.
    pub partly_scored_by: Vec<String>,
    /// Judges who scored it despite a conflict they declared, and whether their score counts.
    pub conflicts: Vec<super::Conflicted>,
    /// Why the event's rules exclude it from prizes; empty when they do not.
    pub ineligible: Vec<String>,
    /// Judges who stepped back from it, with their reasons: their scores of it, if any, are left out.
    pub recused: Vec<Recused>,
}

/// A judge who stepped back from an entry, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recused {
    pub judge: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub ranking: String,
    pub place: usize,
    pub score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chance: Option<f64>,
    /// Whether it shares the place, tied.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub tied: bool,
    /// Its place in the rubric round, where a finals round placed the ranking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rubric_place: Option<usize>,
}

/// One judge's marks on the entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JudgeView {
    pub judge: String,
    /// One per criterion, in the rubric's order; `None` for a criterion not on the entry's
    /// track's rubric.
    pub scores: Vec<Option<u8>>,
    /// The weighted total.
    pub total: f64,
    /// Their leniency over every entry they scored (+ marks above the others), for reading the
    /// total.
    pub leniency: f64,
    pub note: Option<String>,
    /// Their note for the team, which the team's feedback page may show.
    pub team_note: Option<String>,
    /// The median of their stopwatch readings of the demo, in seconds.
    pub stopwatch_seconds: Option<f64>,
    /// The Space's commit they scored, where the Hub said.
    pub revision: Option<String>,
    /// Whether their marks count: a trainee's (`counts = false`) are shown, never counted.
    pub counts: bool,
    /// Whether they gave nearly the same total to every entry they scored: the merge's flat
    /// judge ([`super::JudgeLine::flat`]), not counted towards the entry's judges for thin.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flat: bool,
    /// Whether judging.toml's `[[judges]]`, listing judges, does not list them
    /// ([`EntryPanel::mark_unlisted`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unlisted: bool,
}

impl JudgeView {
    /// Their name, with its mark after it: "tia (trainee)", "zed (unlisted)", "flo (flat)".
    pub fn name(&self) -> String {
        match self.mark() {
            Some(mark) => format!("{} {mark}", self.judge),
            None => self.judge.clone(),
        }
    }

    /// What is said beside their name: a trainee's marks do not count, a judge not listed is
    /// marked as the head judge's screen marks them, a flat judge's count but not for thin
    /// ([`super::flat_beside`] says so under the marks, so a judge both unlisted and flat is
    /// said to be flat there).
    pub fn mark(&self) -> Option<&'static str> {
        if !self.counts {
            Some("(trainee)")
        } else if self.unlisted {
            Some(super::NOT_LISTED)
        } else if self.flat {
            Some(super::FLAT_MARK)
        } else {
            None
        }
    }
}

impl EntryPanel {
    /// Marks the judges `not_listed` says `[[judges]]` does not list
    /// ([`crate::config::Config::not_listed`], the test the merge's warning of them uses).
    pub fn mark_unlisted(&mut self, not_listed: impl Fn(&str) -> bool) {
        for j in &mut self.judges {
            j.unlisted = not_listed(&j.judge);
        }
    }

    /// What [`super::NOT_LISTED`] means, where a judge of it is marked so.
    pub fn unlisted_said(&self) -> Option<&'static str> {
        self.judges.iter().any(|j| j.unlisted).then_some(super::NOT_LISTED_SAYS)
    }

    /// Its flat judges ([`JudgeView::flat`]) in the merge's words, as a line under their marks;
    /// `None` when it has none.
    pub fn flat_said(&self, text: fn(&str) -> String) -> Option<String> {
        let names: Vec<String> = self.judges.iter().filter(|j| j.flat).map(|j| text(&j.judge)).collect();
        super::flat_beside(&names)
    }
}

/// The entries whose judges scored different commits of the Space, each with every judge's
/// (judge, commit), by field index.
pub fn revisions_differ(judges: &[JudgeMarks], ids: &[String]) -> Vec<(String, Vec<(String, String)>)> {
    let mut seen: std::collections::BTreeMap<usize, Vec<(String, String)>> = std::collections::BTreeMap::new();
    for j in judges {
        for (e, rev) in &j.revisions {
            seen.entry(*e).or_default().push((j.judge.clone(), rev.clone()));
        }
    }
    seen.into_iter()
        .filter(|(_, revs)| revs.iter().any(|(_, r)| *r != revs[0].1))
        .map(|(e, revs)| (ids[e].clone(), revs))
        .collect()
}

impl Rankings {
    /// Every judge's view of the entry `id`, or `None` when the merge has no such entry.
    pub fn panel_of(&self, id: &str) -> Option<EntryPanel> {
        let sheets = &self.sheets;
        let entry = sheets.ids.iter().position(|i| i == id)?;
        let criteria = self.criteria.len();
        let mut judges = Vec::new();
        let mut partly = Vec::new();
        let mut recused = Vec::new();
        // The trainees after the judges: their leniency is against the panel they do not join.
        let trainee_leniency =
            |name: &str| self.trainees.iter().find(|t| t.judge == name).and_then(|t| t.leniency).unwrap_or(0.0);
        let everyone = sheets.judges.iter().map(|m| (m, true)).chain(sheets.trainees.iter().map(|m| (m, false)));
        for (j, (marks, counts)) in everyone.enumerate() {
            if marks.partial.iter().any(|p| p == id) {
                partly.push(marks.judge.clone());
            }
            if let Some(reason) = marks.text(TextPart::Recusal, entry) {
                recused.push(Recused { judge: marks.judge.clone(), reason: reason.to_owned() });
            }
            let Some(row) = marks.entries.iter().position(|e| *e == entry) else { continue };
            let find = |list: &[(usize, String)]| list.iter().find(|(e, _)| *e == entry).map(|(_, n)| n.clone());
            judges.push(JudgeView {
                judge: marks.judge.clone(),
                scores: marks.values[row * criteria..(row + 1) * criteria].to_vec(),
                total: marks.totals[row],
                leniency: if counts {
                    sheets.leniency.get(j).copied().unwrap_or(0.0)
                } else {
                    trainee_leniency(&marks.judge)
                },
                note: marks.text(TextPart::Note, entry).map(str::to_owned),
                team_note: marks.text(TextPart::TeamNote, entry).map(str::to_owned),
                stopwatch_seconds: marks.timings.iter().find(|(e, _)| *e == entry).map(|(_, s)| *s),
                revision: find(&marks.revisions),
                counts,
                // The merge's own verdict, by the one rule (`figures::flat_judges`): a trainee is
                // in no fit, and is marked as one.
                flat: counts && self.judges.iter().any(|l| l.judge == marks.judge && l.flat),
                // Set where judging.toml is at hand: `mark_unlisted`.
                unlisted: false,
            });
        }
        let mut places = Vec::new();
        let mut title = sheets.titles.get(entry).cloned().unwrap_or_default();
        for (ranking, ranked) in &self.rankings {
            if let Some(r) = ranked.iter().find(|r| r.id == id) {
                title.clone_from(&r.title);
                places.push(Standing {
                    ranking: ranking.clone(),
                    place: r.place,
                    score: r.score,
                    chance: r.chance,
                    tied: r.flags.contains(&super::Flag::Tie),
                    rubric_place: r.rubric_place,
                });
            }
        }
        let unranked = if self.unscored.iter().any(|u| u == id) {
            Some(super::NOT_SCORED.to_owned())
        } else {
            self.not_ranked.iter().find(|n| n.id == id).map(|n| n.why.clone())
        };
        Some(EntryPanel {
            id: id.to_owned(),
            title,
            places,
            unranked,
            criteria: self.criteria.clone(),
            judges,
            partly_scored_by: partly,
            conflicts: self.conflicts.iter().filter(|c| c.id == id).cloned().collect(),
            ineligible: self.ineligible.iter().find(|i| i.id == id).map(|i| i.reasons.clone()).unwrap_or_default(),
            recused,
        })
    }
}
