//! The entries a prize can go to: the merged overall ranking, each entry with its place in its
//! track and what the eligibility rules read of it.

use std::collections::HashMap;

use super::{Candidate, Evidence};
use crate::config::Track;
use crate::model::{HubFacts, Submission};
use crate::rankings::Rankings;
use crate::sanitize::clean_line;

/// A merge that does not fit the store the prizes are applied with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CandidateError {
    #[error("the merge has no overall ranking")]
    NoOverall,
    #[error(
        "the merge ranks {0:?}, which the store does not have (or has withdrawn): pull the export the judges scored"
    )]
    Unknown(String),
}

/// The overall ranking's entries in order, each with its track place, its submission's details
/// (`entries`, by id) and the Hub's facts where they were fetched; then the entries no judge
/// scored in full, with no place.
pub fn candidates(
    rankings: &Rankings,
    entries: &HashMap<&str, &Submission>,
    hub: &HashMap<String, (HubFacts, String)>,
    tracks: &[Track],
) -> Result<Vec<Candidate>, CandidateError> {
    // Tracks with rubrics that share no criterion have no overall ranking: the candidates are
    // then the tracks' entries, with no overall place (`usize::MAX`), which a prize by score over
    // every track cannot order.
    let tracked: Vec<&crate::rankings::Ranked> = rankings
        .rankings
        .iter()
        .filter(|(name, _)| tracks.iter().any(|t| t.id == *name))
        .flat_map(|(_, ranked)| ranked.iter())
        .collect();
    let (overall, has_overall): (Vec<&crate::rankings::Ranked>, bool) = match rankings.ranking(crate::config::OVERALL) {
        Some(o) => (o.iter().collect(), true),
        None if !tracked.is_empty() => (tracked, false),
        None => return Err(CandidateError::NoOverall),
    };
    let judged_by = thin_judges(rankings, &overall);
    let lenient = leaning_on(rankings);
    let in_track: HashMap<&str, &crate::rankings::Ranked> = rankings
        .rankings
        .iter()
        .filter(|(name, _)| tracks.iter().any(|t| t.id == *name))
        .flat_map(|(_, ranked)| ranked.iter().map(|e| (e.id.as_str(), e)))
        .collect();
    let mut conflicted: HashMap<&str, Vec<String>> = HashMap::new();
    for c in rankings.conflicts.iter().filter(|c| c.counted) {
        conflicted.entry(c.id.as_str()).or_default().push(c.judge.clone());
    }
    let ranked = overall.iter().map(|e| {
        let s = entries.get(e.id.as_str()).ok_or_else(|| CandidateError::Unknown(clean_line(&e.id)))?;
        let track = in_track.get(e.id.as_str());
        Ok(Candidate {
            place: if has_overall { e.place } else { usize::MAX },
            score: e.score,
            track_place: track.map(|t| t.place),
            track_score: track.map(|t| t.score),
            by_criterion: e.by_criterion.clone(),
            by_criterion_merged: e.by_criterion_merged.clone(),
            judges: e.judges,
            flat: e.flat,
            judged_by: judged_by.get(e.id.as_str()).cloned().unwrap_or_default(),
            conflicted: conflicted.get(e.id.as_str()).cloned().unwrap_or_default(),
            lenient: lenient.get(e.id.as_str()).cloned(),
            chance: if has_overall { e.chance } else { None },
            track_chance: track.and_then(|t| t.chance),
            rubric_place: if has_overall { e.rubric_place } else { None },
            track_rubric_place: track.and_then(|t| t.rubric_place),
            finals_doubts: if has_overall { rankings.finals_doubts(crate::config::OVERALL, &e.id) } else { Vec::new() },
            track_finals_doubts: s.track.as_deref().map_or_else(Vec::new, |t| rankings.finals_doubts(t, &e.id)),
            unranked: None,
            ..unranked(&e.id, s, hub, super::NOT_SCORED)
        })
    });
    // An entry no judge scored in full is in no ranking, nor one the method gave no score, but a
    // prize the marks do not order (badges, likes, a file's values) may still go to it: they
    // follow the ranked entries.
    let unscored = rankings
        .unscored
        .iter()
        .filter_map(|id| Some(Ok(unranked(id, entries.get(id.as_str())?, hub, super::NOT_SCORED))));
    let not_ranked = rankings.not_ranked.iter().filter_map(|n| {
        let s = entries.get(n.id.as_str())?;
        Some(Ok(Candidate { judges: n.judges, ..unranked(&n.id, s, hub, &n.why) }))
    });
    ranked.chain(unscored).chain(not_ranked).collect()
}

/// An entry as the prize rules read it from its submission and the Hub, with no place in any
/// ranking (`why`), no score (NaN: no prize by score or criterion reads it) and no judge: what
/// an entry nobody scored in full is, and what a ranked one adds its standing to.
fn unranked(id: &str, s: &Submission, hub: &HashMap<String, (HubFacts, String)>, why: &str) -> Candidate {
    Candidate {
        id: id.to_owned(),
        title: s.title.clone(),
        team: s.team.clone(),
        track: s.track.clone(),
        tags: s.tags.clone(),
        likes: s.likes,
        evidence: Evidence::of(s, hub.get(id).map(|(f, _)| f)),
        place: usize::MAX,
        score: f64::NAN,
        track_place: None,
        track_score: None,
        by_criterion: Vec::new(),
        by_criterion_merged: Vec::new(),
        judges: 0,
        flat: 0,
        judged_by: Vec::new(),
        conflicted: Vec::new(),
        lenient: None,
        chance: None,
        track_chance: None,
        rubric_place: None,
        track_rubric_place: None,
        finals_doubts: Vec::new(),
        track_finals_doubts: Vec::new(),
        unranked: Some(why.to_owned()),
    }
}

/// A judge with their leniency as the jury's table of judges shows it (`None` for a judge the
/// merge gives no line).
fn whose(rankings: &Rankings, judge: String) -> super::Whose {
    let line = rankings.judges.iter().find(|j| j.judge == judge);
    super::Whose { leniency: line.map(|j| j.leniency), few: line.is_some_and(crate::rankings::JudgeLine::few), judge }
}

/// Who scored each entry that rests on fewer judges than `merge.min_judges`, each with their
/// leniency as the jury's table of judges shows it: a prize place on one lenient judge's marks
/// is the first a jury asks about. From a saved merge as it kept them ([`Rankings::thin_by`]).
fn thin_judges<'r>(
    rankings: &'r Rankings,
    ranked: &[&'r crate::rankings::Ranked],
) -> HashMap<&'r str, Vec<super::Whose>> {
    let mut by = rankings.thin_by();
    ranked
        .iter()
        .filter(|e| crate::rankings::thin(e.telling(), rankings.min_judges))
        .filter_map(|e| Some((e.id.as_str(), by.remove(&e.id)?.into_iter().map(|j| whose(rankings, j)).collect())))
        .collect()
}

/// Each entry whose judges mark, on average, an eighth of the scale or more above their
/// co-judges (half a point on 1-5), under a method that keeps their leniency
/// ([`Rankings::lenient_by`], from the files or as a saved merge kept it): the bound of the
/// merge's warning, asked of every entry, for a prize narrowed by tag or size, or by a
/// criterion, pays places the warning (of each ranking's paid places) does not look at. Empty
/// under the other methods, and for a merge saved before it kept them (the results say so).
fn leaning_on(rankings: &Rankings) -> HashMap<String, super::Leaning> {
    let lenient = rankings.lenient_by().unwrap_or_default();
    lenient
        .into_iter()
        .map(|(id, judges)| {
            let by: Vec<super::Whose> = judges.into_iter().map(|j| whose(rankings, j)).collect();
            let mean = by.iter().filter_map(|w| w.leniency).sum::<f64>() / by.len().max(1) as f64;
            (id, super::Leaning { mean, method: rankings.method.clone(), by })
        })
        .collect()
}
