//! Prize rules applied to merged rankings: pure functions, no I/O.
//!
//! Each prize takes its candidates from the ranked entries (and, where the marks do not order it,
//! the entries no judge scored in full), narrowed by its track, tag or
//! parameter limit and ordered by what it is awarded for. Entries that break the event's rules,
//! or already won when one prize per entry is the rule, are passed over with their reason, never
//! dropped silently. A tie that decides a paid place is settled only by the head judge's recorded
//! decision; without one it is reported as undecided.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::config::{Prize, PrizeBy, Rules};

pub mod candidates;
pub mod decisions;
pub mod eligibility;
pub mod public;
pub mod support;

#[cfg(test)]
mod tests;
pub mod values;

pub use candidates::candidates;
pub use eligibility::{Breach, Evidence};
pub use support::{Doubt, Leaning, Support, Whose, lenient_places};

/// Whether an entry's `tags` carry a prize's `tag`: ignoring ASCII case. The one rule a prize's
/// candidates are narrowed by and [`tags_no_entry_carries`] checks by.
pub fn carries(tags: &[String], tag: &str) -> bool {
    tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
}

/// A prize's `tag` that no entry carries, said: the prize cannot be awarded, and a tag mistyped
/// in judging.toml (`sponsor:openbm`) would leave it "Not awarded" without a word.
#[derive(Debug, Clone, PartialEq)]
pub struct UntakenTag {
    pub said: String,
    /// Whether some entry carries a tag that looks like it: a typo, most likely.
    pub look_alike: bool,
}

/// Each prize's `tag` that none of `entries` (each entry's tags) carries ([`carries`]), with the
/// entries' tags that look like it, as a mistyped id is answered; each names its key first
/// (`prizes[3] ("openbmb").tag`), for judging.toml's line. `results` and `check` both say these.
pub fn tags_no_entry_carries<'e>(prizes: &[Prize], entries: impl IntoIterator<Item = &'e [String]>) -> Vec<UntakenTag> {
    let mut all: Vec<&str> = Vec::new();
    for tag in entries.into_iter().flatten() {
        if !all.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            all.push(tag);
        }
    }
    let mut out = Vec::new();
    for (i, prize) in prizes.iter().enumerate() {
        let Some(tag) = prize.tag.as_deref() else { continue };
        if all.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            continue;
        }
        let near: Vec<String> = crate::format::look_alike(tag, all.iter().copied(), 3)
            .into_iter()
            .map(crate::sanitize::clean_line)
            .collect();
        let (hint, what) = if near.is_empty() {
            (String::new(), "check the tag against the entries' tags, or leave the prize out while no entry carries it")
        } else {
            (format!(" (did you mean {}?)", near.join(", ")), "give the tag as the entries carry it")
        };
        out.push(UntakenTag {
            said: format!(
                "prizes[{i}] ({}).tag: no entry carries the tag {}{hint}, so no entry can win it: {what}",
                crate::sanitize::in_quotes(&prize.id),
                crate::sanitize::in_quotes(tag)
            ),
            look_alike: !near.is_empty(),
        });
    }
    out
}

/// A ranked entry, or one in no ranking ([`Candidate::ranked`]: no judge scored it in full, or
/// the method gave it no score), with what the prize rules read.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub team: String,
    pub track: Option<String>,
    pub tags: Vec<String>,
    pub likes: Option<u64>,
    /// What the eligibility rules read: parameters, SDK, video and post.
    pub evidence: Evidence,
    /// Place in the overall ranking: 1 is best, tied entries share it; `usize::MAX` for one in
    /// no overall ranking.
    pub place: usize,
    /// Its merged score overall; NaN for an entry no judge scored in full, which no prize by
    /// score or criterion reads.
    pub score: f64,
    /// Place in its track's ranking.
    pub track_place: Option<usize>,
    /// Its score in its track's ranking: the overall score where the method ranks the track
    /// with the others, its own where the method ranks each track alone (copeland, schulze).
    pub track_score: Option<f64>,
    /// The judges who scored it.
    pub judges: usize,
    /// How many of them gave every entry they scored nearly the same total: not counted towards
    /// its judges for a thin place, as the merge's thin flag does not count them.
    pub flat: usize,
    /// Where fewer than `merge.min_judges` scored it: who, each with their leniency as the
    /// jury's table of judges shows it; empty otherwise.
    pub judged_by: Vec<Whose>,
    /// The judges whose counted marks on it were given despite a conflict they declared.
    pub conflicted: Vec<String>,
    /// Where the method keeps each judge's leniency and its judges mark well above their
    /// co-judges: how far, and who ([`support::Leaning`]).
    pub lenient: Option<support::Leaning>,
    /// Its chance of a paid place in the overall ranking, and in its track's, where the merge
    /// worked them out.
    pub chance: Option<f64>,
    pub track_chance: Option<f64>,
    /// Its place in the rubric round, overall and in its track, where a finals round decided
    /// that ranking's places (`None` elsewhere).
    pub rubric_place: Option<usize>,
    pub track_rubric_place: Option<usize>,
    /// What the finals' standing records against the place they gave it, overall and in its
    /// track ([`crate::finals::PlaceDoubt`]); empty where no finals placed it.
    pub finals_doubts: Vec<crate::finals::PlaceDoubt>,
    pub track_finals_doubts: Vec<crate::finals::PlaceDoubt>,
    /// The judges' mean per criterion, in rubric order; `None` where no judge scored it.
    pub by_criterion: Vec<Option<f64>>,
    /// Its merged score and place on each criterion a prize ranks by, by the event's method
    /// (see [`crate::rankings::Ranked::by_criterion_merged`]); empty from a merge saved by a
    /// build that did not work them out.
    pub by_criterion_merged: Vec<Option<crate::rankings::CriterionStanding>>,
    /// Why it is in no ranking, as the prizes by marks say it ("not scored in full by any
    /// judge"); `None` for a ranked entry.
    pub unranked: Option<String>,
}

pub use crate::rankings::NOT_SCORED;

impl Candidate {
    /// Whether it has a place in a ranking: the entries in none follow the ranked ones with no
    /// place (`usize::MAX`) and no score (NaN), for the prizes the marks do not order.
    pub fn ranked(&self) -> bool {
        self.unranked.is_none()
    }

    /// What a prize by criterion `k` shows of it and orders it by (higher first): its merged
    /// score on the criterion and its place there; from a merge saved without them, the judges'
    /// mean for both.
    fn on_criterion(&self, k: usize) -> Option<(f64, f64)> {
        if self.by_criterion_merged.is_empty() {
            return self.by_criterion.get(k).copied().flatten().map(|mean| (mean, mean));
        }
        self.by_criterion_merged.get(k).copied().flatten().map(|s| (s.score, -(s.place as f64)))
    }
}

/// The head judge's decision on a tie: the tied entries in the order they place.
#[derive(Debug, Clone, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub prize: String,
    pub order: Vec<String>,
    pub reason: String,
    /// The merge method the rankings it was made on used (decisions of earlier builds do not
    /// say): a tie under one method may not be one under another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The place of the tie it settled (`place = 1`; decisions of earlier builds do not say): a
    /// tie of the same entries at another place puts other amounts at stake, which the jury did
    /// not decide, so such a decision is not applied ([`DecisionUse::moved`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<usize>,
    /// Where it was read in decisions.toml; `None` for one not read from a file.
    #[serde(skip)]
    pub lines: Option<decisions::Lines>,
}

/// The same decision wherever it was read from: where is not what was decided.
impl PartialEq for Decision {
    fn eq(&self, other: &Decision) -> bool {
        (&self.prize, &self.order, &self.reason) == (&other.prize, &other.order, &other.reason)
    }
}

/// Why a decision was not applied, where the merge has no such tie for its prize: a tie in a
/// ranking that pays nothing, or with an entry that cannot win, asks for no decision.
const NO_SUCH_TIE: &str = "the prize faces no tie of exactly these entries (a tie below its paid places, or beside an entry that cannot win, decides nothing)";

impl Decision {
    /// What became of it in rankings merged with `method`, in words for the printed results:
    /// applied or not, and, when it was made under another method, which.
    pub fn status(&self, used: bool, method: &str) -> String {
        let under = match self.method.as_deref() {
            Some(made) if made != method => {
                format!("settled under {}; this merge is {method}", crate::sanitize::clean_line(made))
            }
            _ => String::new(),
        };
        match (used, under.is_empty()) {
            (true, true) => "applied".into(),
            (true, false) => format!("applied ({under})"),
            (false, true) => format!("not applied: {NO_SUCH_TIE}"),
            (false, false) => format!("not applied: {under}, and {NO_SUCH_TIE}"),
        }
    }

    /// Whether this decision settles the tie of exactly these entries for this prize: it names
    /// each of them once, and nothing else. The one rule for matching a decision to a tie.
    pub fn settles<'a>(&self, prize: &str, tied: impl IntoIterator<Item = &'a str>) -> bool {
        let tied: HashSet<&str> = tied.into_iter().collect();
        let named: HashSet<&str> = self.order.iter().map(String::as_str).collect();
        self.prize == prize && named.len() == self.order.len() && named == tied
    }
}

/// Why a decision taken for the tie at place `taken` is not applied to the same entries' tie at
/// place `now`, and what the jury can do.
pub fn moved_said(taken: usize, now: usize) -> String {
    format!(
        "taken for the tie at place {taken}, the tie is now at place {now}: confirm it with place = {now}, or decide again"
    )
}

/// How many tied entries an award, a warning or a payout line names before "and N more".
pub const TIED_NAMED: usize = 10;

/// Everything the rules read besides the candidates.
pub struct Rulebook<'a> {
    pub rules: &'a Rules,
    pub prizes: &'a [Prize],
    /// The rubric's criteria, in the order of [`Candidate::by_criterion`].
    pub criteria: &'a [crate::model::Criterion],
    /// For `by = "file"` prizes: the file's value per entry, by prize id.
    pub files: &'a HashMap<String, HashMap<String, f64>>,
    pub decisions: &'a [Decision],
    /// What head-to-head majorities say about each ranking (a prize by score names its own).
    pub majorities: &'a [crate::rankings::Majority],
    /// `merge.min_judges` of the merge: a paid place on fewer judges is doubted.
    pub min_judges: usize,
    /// The merge method's name where a criterion's merged score is not the judges' mean mark,
    /// which the merge's table shows under the criterion (every method but the mean: the
    /// calibrated fit's, a median, copeland's wins less losses): a prize by criterion names it in
    /// its heading, so that "Utility 4.18" is not read as the judges' mean the merge shows as
    /// 4.00, nor "Utility 40.00" as a mark of 40.
    pub criterion_method: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub prizes: Vec<PrizeOutcome>,
    /// Entries that cannot win, with every reason.
    pub ineligible: Vec<Flagged>,
    /// Entries whose eligibility the data cannot confirm.
    pub unverified: Vec<Flagged>,
    /// Each decision, and whether it settled a tie.
    pub decisions: Vec<DecisionUse>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrizeOutcome {
    pub id: String,
    pub name: String,
    /// What ordered the candidates.
    pub by: String,
    /// Whether a finals round set the order of the ranking it pays from (a prize by score):
    /// the finalists first in the finals' order, then the rest by merged score.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub finals: bool,
    /// What its places are ranked by, as a column heading: "Score", "Badges", a criterion's label.
    pub heading: String,
    /// Whether it orders by a count (badges, likes, a file's values such as votes), which the
    /// outputs show whole where every value is; a score or a criterion's to two places.
    #[serde(skip)]
    pub by_count: bool,
    pub awards: Vec<Award>,
    /// Entries that would have placed but could not win, in order.
    pub passed_over: Vec<Passed>,
    pub notes: Vec<String>,
    /// The paid places no entry could take (too few could win it), with their amounts: paid to
    /// no one, so that the pool paid and the prizes' amounts can be reconciled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unawarded: Vec<Unawarded>,
}

/// A paid place of a prize that no entry could take, and its amount.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Unawarded {
    pub place: usize,
    pub amount: f64,
}

impl PrizeOutcome {
    /// The title of the entry `id` among its places, if it holds one.
    pub fn title_of(&self, id: &str) -> Option<&str> {
        self.awards.iter().find(|a| a.id == id).map(|a| a.title.as_str())
    }
}

/// A warning for each decision that settles no tie here (a late file, or another method, moved
/// the tie it was taken for): the head judge believes the tie settled, and it is not. It had
/// been said only in the list of decisions at the foot of the jury's results, with exit 0 and
/// nothing on standard error or among the warnings. A decision for a tie now at another place
/// is said in that tie's own warning ([`DecisionUse::moved`]), not again here.
pub fn unapplied(outcome: &Outcome, method: &str) -> Vec<String> {
    outcome
        .decisions
        .iter()
        .filter(|d| !d.used && d.moved.is_none())
        .map(|d| {
            let prize = outcome.prizes.iter().find(|p| p.id == d.decision.prize).map_or_else(
                || crate::sanitize::clean_line(&d.decision.prize),
                |p| crate::sanitize::clean_line(&p.name),
            );
            format!(
                "The decision on {prize} ({}) is {}; its places are as if it were not there: remove it, or record the decision for the tie as it is now",
                d.named().join(" before "),
                d.status(method)
            )
        })
        .collect()
}

impl DecisionUse {
    /// What became of it, in words for the printed results ([`Decision::status`]); a decision
    /// taken for a tie now at another place says so, and what would settle it.
    pub fn status(&self, method: &str) -> String {
        match (self.moved, self.decision.place) {
            (Some(now), Some(taken)) => format!("not applied: {}", moved_said(taken, now)),
            _ => self.decision.status(self.used, method),
        }
    }

    /// The entries its order names, for a jury: by title (`format::entry_names`), in order.
    pub fn named(&self) -> Vec<String> {
        let titles = self.titles.iter().map(Option::as_deref).chain(std::iter::repeat(None));
        crate::format::entry_names(self.decision.order.iter().map(String::as_str).zip(titles))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Award {
    pub place: usize,
    pub id: String,
    pub title: String,
    pub team: String,
    /// `None` while a tie over this place is undecided.
    pub amount: Option<f64>,
    /// What the prize ordered by: the merged score, badges, likes, a criterion's mean, a value.
    pub value: f64,
    pub tie: Option<Tie>,
    /// What the place rests on, for a prize the judges' marks order; `None` for badges, likes
    /// or a file's values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support: Option<Support>,
    /// Why its entry is in no ranking ([`NOT_SCORED`]: no judge scored it in full), where a
    /// prize the marks do not order (badges, likes, a file's values) placed it all the same: the
    /// rules let it, and the results say so rather than leave the jury to assume judges saw it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unranked: Option<String>,
}

impl Award {
    /// Why no judge's marks placed its entry, as the jury's note on the place says it, in the
    /// merge's words for the entries in no ranking: "not scored in full by any judge, so in no
    /// ranking", or "scored, but in no ranking (…)" with the method's reason; `None` for a ranked
    /// entry. Not "no judge's scores": a judge may have scored part of it.
    pub fn unranked_said(&self) -> Option<String> {
        self.unranked.as_deref().map(|why| {
            let why = crate::sanitize::clean_line(why);
            if why == NOT_SCORED {
                format!("{why}, so in no ranking")
            } else {
                format!("scored, but in no ranking ({why})")
            }
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Tie {
    /// Placed by the head judge's recorded decision.
    Decided { reason: String },
    /// Tied with `others` other entries over places whose amounts are `shares`, and no decision
    /// recorded. `with` names the first few of them (at most [`TIED_NAMED`]): a tie of thousands
    /// would otherwise repeat every id in every award.
    Undecided { with: Vec<String>, others: usize, shares: Vec<f64> },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passed {
    pub id: String,
    pub title: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flagged {
    pub id: String,
    pub title: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionUse {
    pub decision: Decision,
    /// The title of each entry its order names, in that order; `None` for an id no ranked entry
    /// has.
    pub titles: Vec<Option<String>>,
    /// Whether it settled a tie; an unused decision names no tie that exists.
    pub used: bool,
    /// How it misses an undecided tie of its prize that it names part of: an entry not in the
    /// tie, or a tied entry left out. Such a decision is an error, not a stale one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub misfit: Option<String>,
    /// The place the tie it orders is at now, where the decision names another place (its
    /// `place`): not applied, and the tie left undecided, as any undecided tie is. The jury
    /// weighed the amounts of the place it was taken for; at another place other amounts are
    /// at stake, and a decision reapplied there silently would pay them without asking it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved: Option<usize>,
}

/// Applies every prize in order to the candidates (in overall ranking order).
pub fn award(candidates: &[Candidate], book: &Rulebook) -> Outcome {
    let reasons: Vec<Vec<String>> = candidates
        .iter()
        .map(|c| eligibility::breaches(&c.evidence, book.rules).iter().map(ToString::to_string).collect())
        .collect();
    let flagged = |list: Vec<(usize, Vec<String>)>| -> Vec<Flagged> {
        list.into_iter()
            .filter(|(_, r)| !r.is_empty())
            .map(|(i, reasons)| Flagged { id: candidates[i].id.clone(), title: candidates[i].title.clone(), reasons })
            .collect()
    };
    let mut run = Run {
        book,
        candidates,
        reasons: &reasons,
        won: HashMap::new(),
        used: vec![false; book.decisions.len()],
        misfits: vec![None; book.decisions.len()],
        moved: vec![None; book.decisions.len()],
        unplaced: Vec::new(),
        pending: HashMap::new(),
        ties: Vec::new(),
    };
    let mut warnings = Vec::new();
    let prizes = book.prizes.iter().map(|p| run.prize(p, &mut warnings)).collect();
    warnings.extend(unplaced_said(&run.unplaced, candidates));
    Outcome {
        prizes,
        ineligible: flagged(reasons.iter().cloned().enumerate().collect()),
        unverified: flagged(
            candidates.iter().map(|c| eligibility::unverified(&c.evidence, book.rules)).enumerate().collect(),
        ),
        decisions: book
            .decisions
            .iter()
            .zip(run.used.iter().zip(run.misfits).zip(run.moved))
            .map(|(d, ((used, misfit), moved))| DecisionUse {
                decision: d.clone(),
                titles: d
                    .order
                    .iter()
                    .map(|id| candidates.iter().find(|c| c.id == *id).map(|c| c.title.clone()))
                    .collect(),
                used: *used,
                misfit,
                moved,
            })
            .collect(),
        warnings,
    }
}

/// The state carried from one prize to the next.
struct Run<'a> {
    book: &'a Rulebook<'a>,
    candidates: &'a [Candidate],
    reasons: &'a [Vec<String>],
    /// Entries that won a prize that does not stack, and the first such prize. A prize that
    /// stacks is won on top of any other and counts against none, so it is never recorded here:
    /// where judging.toml declares it does not change who wins what.
    won: HashMap<usize, String>,
    used: Vec<bool>,
    misfits: Vec<Option<String>>,
    /// For each decision, the place its tie is at now where it was taken for another.
    moved: Vec<Option<usize>>,
    /// Entries a paid prize by the marks was open to but could not place, as (why, the entry,
    /// the prize): said once among the warnings ([`unplaced_said`]), not only in each prize's notes.
    unplaced: Vec<(String, usize, String)>,
    /// Entries in an undecided tie over fewer paid places of a prize that does not stack, by id,
    /// each with its tie in `ties`: which of them wins it is not decided, so a later prize that
    /// does not stack may change hands once it is. By id, as the awards name them: a tie of
    /// 100,000 is looked up once an award, never searched for.
    pending: HashMap<&'a str, usize>,
    /// Those ties: the prize's id and name, and the place.
    ties: Vec<(String, String, usize)>,
}

/// One warning for each reason entries a paid prize by the marks was open to are in no ranking
/// (no judge scored them in full, the method gave them no score): the entries and the prizes
/// that could not place them. A team no judge scored could have won one of those places, so the
/// jury weighs it before announcing; a note under each prize had been all that said so.
fn unplaced_said(unplaced: &[(String, usize, String)], candidates: &[Candidate]) -> Vec<String> {
    let mut whys: Vec<&str> = Vec::new();
    for (why, _, _) in unplaced {
        if !whys.contains(&why.as_str()) {
            whys.push(why);
        }
    }
    whys.into_iter()
        .map(|why| {
            let mut entries: Vec<usize> = unplaced.iter().filter(|u| u.0 == why).map(|u| u.1).collect();
            entries.sort_unstable();
            entries.dedup();
            let mut names: Vec<String> = Vec::new();
            for (_, _, name) in unplaced.iter().filter(|u| u.0 == why) {
                let name = crate::sanitize::clean_line(name);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let titles: Vec<String> =
                entries.iter().map(|i| crate::sanitize::clean_line(&candidates[*i].title)).collect();
            let (them, were) = if entries.len() == 1 { ("it", "it was") } else { ("them", "they were") };
            let pay = if names.len() == 1 { "pays" } else { "pay" };
            format!(
                "{}, so in no ranking: {}; {} {pay} places {were} open to. Have {them} scored, or say why not, before announcing",
                crate::report::opening(&crate::sanitize::clean_line(why)),
                crate::format::first_few(&titles, 5, ", "),
                crate::format::names_and(&names, 5),
            )
        })
        .collect()
}

impl Run<'_> {
    fn prize(&mut self, prize: &Prize, warnings: &mut Vec<String>) -> PrizeOutcome {
        // A finals round reorders its ranking, and gives each entry of it its rubric place.
        let finals = prize.by == PrizeBy::Score
            && self.candidates.iter().any(|c| match &prize.track {
                Some(t) => c.track.as_ref() == Some(t) && c.track_rubric_place.is_some(),
                None => c.rubric_place.is_some(),
            });
        let mut out = PrizeOutcome {
            id: prize.id.clone(),
            name: prize.name.clone(),
            by: match prize.by {
                PrizeBy::Score if finals => format!("the finals' order, then {}", prize.by.label()),
                // By the criterion's label, as its column is headed ("Utility"), not its id.
                PrizeBy::Criterion => format!("criterion {}", prize.heading(self.book.criteria)),
                PrizeBy::File => prize.file.clone().unwrap_or_default(),
                by => by.label().to_owned(),
            } + &narrowed_to(prize),
            finals,
            heading: match (prize.by, self.book.criterion_method) {
                (PrizeBy::Criterion, Some(method)) if !self.by_the_judges_mean() => {
                    format!("{} ({method})", prize.heading(self.book.criteria))
                }
                _ => prize.heading(self.book.criteria),
            },
            by_count: matches!(prize.by, PrizeBy::Badges | PrizeBy::Likes | PrizeBy::File),
            awards: Vec::new(),
            passed_over: Vec::new(),
            notes: Vec::new(),
            unawarded: Vec::new(),
        };
        let mut passed = Vec::new();
        let ordered = self.ordered(prize, &mut out.notes, &mut passed);
        if !prize.amounts.is_empty() {
            self.unplaced.extend(passed.into_iter().map(|(why, i)| (why, i, prize.name.clone())));
        }
        let stacks = self.stacks(prize);
        let mut place = 1;
        // Equal values tie whatever the prize: the overall place orders them on the page, never
        // decides between them (a badge count tie is as undecided as a track tie).
        for group in ordered.chunk_by(|a, b| a.1.0 == b.1.0) {
            if place > prize.amounts.len() {
                break;
            }
            let mut live = Vec::new();
            for &(i, _) in group {
                if self.may_win(i, stacks, &mut out) {
                    live.push(i);
                }
            }
            if live.is_empty() {
                continue;
            }
            self.place(prize, &live, (place, group[0].1.0), &mut out, warnings);
            place += live.len();
        }
        // The paid places past the last one taken: too few entries could win it.
        out.unawarded = prize
            .amounts
            .iter()
            .enumerate()
            .skip(place - 1)
            .map(|(k, &amount)| Unawarded { place: k + 1, amount })
            .collect();
        if out.awards.is_empty() {
            out.notes.push("No entry can win it".into());
        } else if !out.unawarded.is_empty() {
            let places: Vec<String> = out.unawarded.iter().map(|u| u.place.to_string()).collect();
            out.notes.push(match places.as_slice() {
                [one] => format!("Place {one} not awarded: no other entry could win it"),
                many => format!(
                    "Places {} and {} not awarded: no other entry could win them",
                    many[..many.len() - 1].join(", "),
                    many[many.len() - 1]
                ),
            });
        }
        if let Some(note) = self.next_shows_alike(prize, &ordered, stacks, &out) {
            out.notes.push(note);
        }
        if let Some(said) = self.rests_on_an_earlier_tie(prize, stacks, &out) {
            out.notes.push(said.clone());
            warnings.push(said);
        }
        // The head-to-head report is about a whole ranking: a prize narrowed by tag or size is not.
        if prize.reads_whole_ranking() {
            let ranking = prize.ranking();
            out.notes.extend(self.book.majorities.iter().filter(|m| m.ranking == ranking).map(|m| m.said.clone()));
        }
        out
    }

    /// The entry that would have taken the next place, where its value shows as the last paid
    /// place's to the two decimals printed: Best Demo went to 4.1788 over 4.1758, both shown as
    /// 4.18, with nothing on the page to say how near the next entry was. Not for counts (badges,
    /// likes, votes), which show whole.
    fn next_shows_alike(
        &self,
        prize: &Prize,
        ordered: &[(usize, (f64, usize))],
        stacks: bool,
        out: &PrizeOutcome,
    ) -> Option<String> {
        let last = out.awards.last().filter(|_| !out.by_count)?;
        let paid = |i: usize| out.awards.iter().any(|a| a.id == self.candidates[i].id);
        let can_win = |i: usize| self.reasons[i].is_empty() && (stacks || !self.won.contains_key(&i));
        let &(i, (key, _)) = ordered.iter().find(|(i, _)| !paid(*i) && can_win(*i))?;
        let value = shown_value(&self.candidates[i], self.criterion_of(prize), prize, key);
        crate::format::shown_alike(value, last.value).then(|| {
            // As many decimals as tell the two apart.
            let places = (3..=9).find(|p| format!("{value:.p$}") != format!("{:.p$}", last.value)).unwrap_or(9);
            format!(
                "{}, the next entry that could win it, shows {value:.2} too: the unrounded scores ({:.places$} against {value:.places$}) put it after place {}; the JSON gives every digit",
                self.candidates[i].title,
                last.value,
                last.place
            )
        })
    }

    /// The places of this prize held by entries in an earlier prize's undecided tie (over
    /// fewer paid places, in a prize that does not stack): deciding it may make one of them its
    /// winner, whom this prize, not stacking either, then passes over. Said so that the head
    /// judge settles the earlier tie first: a tie here that came only of it had been given a
    /// decision to paste, which the earlier decision then left "not applied".
    fn rests_on_an_earlier_tie(&self, prize: &Prize, stacks: bool, out: &PrizeOutcome) -> Option<String> {
        if stacks || self.pending.is_empty() {
            return None;
        }
        let mut seen = std::collections::HashSet::new();
        let named: Vec<String> = out
            .awards
            .iter()
            .filter_map(|a| {
                let (id, earlier, at) = self.pending.get(a.id.as_str()).map(|t| &self.ties[*t])?;
                if *id == prize.id {
                    return None;
                }
                seen.insert((earlier.clone(), *at));
                Some(format!("{} (place {})", a.title, a.place))
            })
            .collect();
        if named.is_empty() {
            return None;
        }
        let mut earlier: Vec<String> = seen.into_iter().map(|(name, at)| format!("{name} place {at}")).collect();
        earlier.sort();
        let ties = if earlier.len() == 1 { "tie" } else { "ties" };
        let earlier = crate::format::names_and(&earlier, 5);
        Some(format!(
            "{}: {} {} in the undecided {ties} for {earlier}, and an entry that wins there cannot win {} too: decide {earlier} first, then see which of {}'s places still stand (a tie here may go with it)",
            prize.name,
            crate::format::names_and(&named, 5),
            if named.len() == 1 { "is" } else { "are" },
            prize.name,
            prize.name
        ))
    }

    /// Whether a prize may go to an entry that won another: its `stacks`, else the rules'.
    fn stacks(&self, prize: &Prize) -> bool {
        prize.stacks.unwrap_or(self.book.rules.several_prizes)
    }

    /// Candidate `i` has won `prize`: where the prize does not stack, no later prize that does
    /// not stack may go to it. A prize that stacks counts against none, whatever its place in
    /// judging.toml (declared before a track's, Tiny Titan had cost its winner the 1st place).
    fn has_won(&mut self, i: usize, prize: &Prize) {
        if !self.stacks(prize) {
            self.won.entry(i).or_insert_with(|| prize.name.clone());
        }
    }

    /// Whether candidate `i` may win this prize; if not, it is passed over with its reason.
    fn may_win(&self, i: usize, stacks: bool, out: &mut PrizeOutcome) -> bool {
        let reason = if self.reasons[i].is_empty() {
            self.won.get(&i).filter(|_| !stacks).map(|first| format!("already won {first}; one prize per entry"))
        } else {
            Some(format!("not eligible: {}", self.reasons[i].join("; ")))
        };
        let Some(reason) = reason else { return true };
        let c = &self.candidates[i];
        out.passed_over.push(Passed { id: c.id.clone(), title: c.title.clone(), reason });
        false
    }

    /// The places of one group of equal values, from `place` on: one winner, a tie the head
    /// judge decided, or an undecided tie, paid to no one until it is decided.
    fn place(
        &mut self,
        prize: &Prize,
        live: &[usize],
        (place, value): (usize, f64),
        out: &mut PrizeOutcome,
        warnings: &mut Vec<String>,
    ) {
        let (candidates, criterion) = (self.candidates, self.criterion_of(prize));
        let award = |i: usize, place: usize, tie: Option<Tie>| {
            let c = &candidates[i];
            let value = shown_value(c, criterion, prize, value);
            let amount =
                if matches!(tie, Some(Tie::Undecided { .. })) { None } else { prize.amounts.get(place - 1).copied() };
            let support = support::of(prize, c, self.book.min_judges);
            Award {
                place,
                id: c.id.clone(),
                title: c.title.clone(),
                team: c.team.clone(),
                amount,
                value,
                tie,
                support,
                unranked: c.unranked.clone(),
            }
        };
        if let [only] = live[..] {
            out.awards.push(award(only, place, None));
            self.has_won(only, prize);
        } else if let Some(d) = self.decision(prize, live, place) {
            let reason = self.book.decisions[d].reason.clone();
            for (k, id) in self.book.decisions[d].order.iter().enumerate() {
                let Some(&i) = live.iter().find(|i| self.candidates[**i].id == *id) else { continue };
                if place + k <= prize.amounts.len() {
                    out.awards.push(award(i, place + k, Some(Tie::Decided { reason: reason.clone() })));
                    self.has_won(i, prize);
                }
            }
        } else {
            let shares: Vec<f64> = prize.amounts.iter().skip(place - 1).take(live.len()).copied().collect();
            for &i in live {
                let with =
                    live.iter().filter(|j| **j != i).take(TIED_NAMED).map(|j| self.candidates[*j].id.clone()).collect();
                let tie = Tie::Undecided { with, others: live.len() - 1, shares: shares.clone() };
                out.awards.push(award(i, place, Some(tie)));
            }
            let tied = live.iter().map(|i| &self.candidates[*i]);
            let names = crate::format::entry_names(tied.clone().map(|c| (c.id.as_str(), Some(c.title.as_str()))));
            // The order to record, ready to copy, where it is short enough to write out.
            let order = if live.len() <= TIED_NAMED {
                tied.map(|c| format!("{:?}", crate::sanitize::clean_line(&c.id))).collect::<Vec<_>>().join(", ")
            } else {
                "...".to_owned()
            };
            // A decision taken for this tie at another place is named, with what would settle it.
            let ids: Vec<&str> = live.iter().map(|i| self.candidates[*i].id.as_str()).collect();
            let moved = self.book.decisions.iter().enumerate().find_map(|(k, d)| {
                let taken =
                    d.place.filter(|_| self.moved[k] == Some(place) && d.settles(&prize.id, ids.iter().copied()))?;
                Some(format!("; decisions[{k}] is not applied: {}", moved_said(taken, place)))
            });
            // A tie of thousands (a prize nobody earned a mark for) is said in one short line.
            warnings.push(match moved {
                Some(moved) => format!(
                    "{}: {} tie for place {place}{moved}",
                    prize.name,
                    crate::format::names_and(&names, TIED_NAMED),
                ),
                None => format!(
                    "{}: {} tie for place {place}; record the head judge's decision (prize = {:?}, order = [{order}], place = {place}, {}) to settle it",
                    prize.name,
                    crate::format::names_and(&names, TIED_NAMED),
                    prize.id,
                    decisions::REASON_EXAMPLE
                ),
            });
            // Tied over as many paid places as there are of them, each takes one: each has won
            // the prize, whichever place the head judge gives it, and a later prize that does
            // not stack passes it over. Only a tie over fewer paid places leaves one unpaid.
            if place + live.len() - 1 <= prize.amounts.len() {
                for &i in live {
                    self.has_won(i, prize);
                }
                out.notes.push(format!(
                    "Undecided tie at place {place}: each of them takes one of its paid places, so each has won it; which place is not decided yet"
                ));
            } else {
                out.notes.push(format!(
                    "Undecided tie at place {place}: until it is decided, no one of them counts as having won it"
                ));
                if !self.stacks(prize) {
                    self.ties.push((prize.id.clone(), prize.name.clone(), place));
                    let tie = self.ties.len() - 1;
                    for &i in live {
                        self.pending.entry(self.candidates[i].id.as_str()).or_insert(tie);
                    }
                }
            }
        }
    }

    /// The rubric index of the criterion a prize by criterion ranks by.
    fn criterion_of(&self, prize: &Prize) -> Option<usize> {
        let id = prize.criterion.as_deref().filter(|_| prize.by == PrizeBy::Criterion)?;
        self.book.criteria.iter().position(|k| k.id == id)
    }

    /// Whether a prize by criterion goes by the judges' mean on it, not the method's merged
    /// score: a merge saved by an earlier build did not merge each criterion.
    fn by_the_judges_mean(&self) -> bool {
        self.candidates.iter().any(|c| c.ranked() && c.by_criterion_merged.is_empty())
    }

    /// The candidates this prize may go to, best first, each with the key that orders them:
    /// equal keys are ties.
    /// Each entry it was open to but the marks could not order is added to `passed`, with why.
    fn ordered(
        &self,
        prize: &Prize,
        notes: &mut Vec<String>,
        passed: &mut Vec<(String, usize)>,
    ) -> Vec<(usize, (f64, usize))> {
        let limit = prize.max_params.map(|p| p.0);
        let criterion = self.criterion_of(prize);
        if criterion.is_some() && self.by_the_judges_mean() {
            notes.push(format!(
                "Ordered by the judges' mean on {}: the merge was saved by an earlier build, which did not merge each criterion by the method; merge again to correct it for each judge's habits",
                prize.criterion.as_deref().unwrap_or_default()
            ));
        }
        let file = self.book.files.get(&prize.id);
        let (mut undeclared, mut without) = (Vec::new(), 0);
        // The entries the marks cannot order, by why: each reason said once, with their titles.
        let mut unranked: Vec<(&str, Vec<String>)> = Vec::new();
        let mut out: Vec<(usize, (f64, usize))> = Vec::new();
        let by_marks = matches!(prize.by, PrizeBy::Score | PrizeBy::Criterion);
        for (i, c) in self.candidates.iter().enumerate() {
            if prize.track.as_ref().is_some_and(|t| c.track.as_ref() != Some(t)) {
                continue;
            }
            if prize.tag.as_ref().is_some_and(|t| !carries(&c.tags, t)) {
                continue;
            }
            // An entry known to be over the prize's size is not among those it is open to, as
            // one of another track or without its tag is not: no note names it, scored or not.
            // (Tiny Titan's note had named 8B entries nobody scored as "left out" of a 4B prize.)
            let size = limit.map(|limit| c.evidence.size_against(limit));
            if size == Some(eligibility::Size::Over) {
                continue;
            }
            // The marks cannot order an entry in no ranking: said by name, with why, as the merge
            // says it, before any other rule is asked of it.
            if let Some(why) = c.unranked.as_deref().filter(|_| by_marks) {
                let title = crate::sanitize::clean_line(&c.title);
                match unranked.iter_mut().find(|(w, _)| *w == why) {
                    Some((_, titles)) => titles.push(title),
                    None => unranked.push((why, vec![title])),
                }
                passed.push((why.to_owned(), i));
                continue;
            }
            if size == Some(eligibility::Size::Unknown) {
                undeclared.push(crate::sanitize::clean_line(&c.title));
                continue;
            }
            // Higher values first; the merged ranking's place breaks ties (a lower place first).
            let key = match prize.by {
                // No track place (no judge scored it in full): the track's ranking cannot order it.
                PrizeBy::Score if prize.track.is_some() => c.track_place.map(|p| (-(p as f64), 0)),
                PrizeBy::Score => (c.place != usize::MAX).then(|| (-(c.place as f64), 0)),
                // Most badges wins: an entry with none has earned none of it, and is left out as
                // one without likes is (ten entries with no badge had tied for its $250).
                PrizeBy::Badges => match crate::model::tagged(&c.tags, "achievement:").count() {
                    0 => None,
                    badges => Some((badges as f64, c.place)),
                },
                PrizeBy::Likes => c.likes.map(|l| (l as f64, c.place)),
                PrizeBy::Criterion => criterion.and_then(|k| c.on_criterion(k)).map(|(_, key)| (key, c.place)),
                PrizeBy::File => file.and_then(|f| f.get(&c.id)).map(|v| (*v, c.place)),
            };
            match key {
                Some(key) => out.push((i, key)),
                None => without += 1,
            }
        }
        for (why, titles) in unranked {
            notes.push(format!(
                "{}, so left out: {}",
                // A note opens with a capital, as the lines around it in a list do; `why` is the
                // app's own words (an entry's title never opens a note here).
                crate::report::opening(&crate::sanitize::clean_line(why)),
                crate::format::first_few(&titles, 5, ", ")
            ));
        }
        if !undeclared.is_empty() {
            notes.push(format!(
                "{} without declared parameters could not be checked against {}: {}",
                crate::format::count(undeclared.len(), "entry", "entries"),
                prize.max_params.map(|p| p.to_string()).unwrap_or_default(),
                crate::format::first_few(&undeclared, 5, ", ")
            ));
        }
        if without > 0 {
            // A file's prize names its file: "without file" had read as entries missing a file.
            let what = match (prize.by, prize.file.as_deref()) {
                (PrizeBy::File, Some(file)) => format!("a value in {}", crate::sanitize::clean_line(file)),
                (by, _) => by.label().to_owned(),
            };
            notes.push(format!("{without} entr{} without {what} left out", if without == 1 { "y" } else { "ies" }));
        }
        out.sort_by(|a, b| b.1.0.total_cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)).then(a.0.cmp(&b.0)));
        out
    }

    /// The recorded decision that orders exactly these tied entries, if any. Without one, each
    /// decision of this prize that names part of the tie is marked as missing it.
    fn decision(&mut self, prize: &Prize, tied: &[usize], place: usize) -> Option<usize> {
        let ids: Vec<&str> = tied.iter().map(|i| self.candidates[*i].id.as_str()).collect();
        if let Some(found) = self.book.decisions.iter().position(|d| d.settles(&prize.id, ids.iter().copied())) {
            // Taken for this tie at another place (before a finals round or a late score file
            // moved it): not applied. The amounts at stake differ and the jury was not asked;
            // the tie stays undecided, its warning and the decision's listing say why.
            if self.book.decisions[found].place.is_some_and(|taken| taken != place) {
                self.moved[found] = Some(place);
                return None;
            }
            self.used[found] = true;
            return Some(found);
        }
        for (k, d) in self.book.decisions.iter().enumerate() {
            if d.prize != prize.id || !d.order.iter().any(|id| ids.contains(&id.as_str())) {
                continue;
            }
            let tie = format!("the tie for place {place} of {} ({})", prize.name, ids.join(", "));
            let outside = d.order.iter().find(|id| !ids.contains(&id.as_str()));
            let twice = d.order.iter().enumerate().find(|(n, id)| d.order[..*n].contains(id));
            let left_out = ids.iter().find(|id| !d.order.iter().any(|o| o == *id));
            let clean = |id: &str| crate::sanitize::clean_line(id);
            self.misfits[k] = Some(match (outside, twice, left_out) {
                (Some(id), _, _) => format!("{:?} is not in {tie}", clean(id)),
                (None, Some((_, id)), _) => format!("names {:?} twice in {tie}", clean(id)),
                (None, None, Some(id)) => format!("{:?} is left out of {tie}", clean(id)),
                // Exactly the tied entries, each once, would have settled it.
                (None, None, None) => continue,
            });
        }
        None
    }
}

/// The value a prize shows for candidate `c`, ordered by `key`: a prize by score or by criterion
/// (the rubric's `criterion`) is ordered by place, and shows the merged score.
fn shown_value(c: &Candidate, criterion: Option<usize>, prize: &Prize, key: f64) -> f64 {
    match prize.by {
        // A track's prize shows the score its place comes from: the track ranking's.
        PrizeBy::Score if prize.track.is_some() => c.track_score.unwrap_or(c.score),
        PrizeBy::Score => c.score,
        PrizeBy::Criterion => criterion.and_then(|k| c.on_criterion(k)).map_or(key, |v| v.0),
        _ => key,
    }
}

/// The entries a prize is open to, where a tag or a size narrows them, as words after what it
/// orders by: ", among the entries tagged sponsor:nvidia", ", among the entries of at most 4B
/// parameters". Every format said only "by merged score" of a sponsor's or a size prize.
fn narrowed_to(prize: &crate::config::Prize) -> String {
    let mut by = Vec::new();
    if let Some(tag) = &prize.tag {
        by.push(format!("tagged {tag}"));
    }
    if let Some(most) = prize.max_params {
        by.push(format!("of at most {} parameters", crate::model::format_params(most.0)));
    }
    // Both in one phrase: "among the entries tagged sponsor:nvidia and of at most 4B parameters".
    if by.is_empty() { String::new() } else { format!(", among the entries {}", by.join(" and ")) }
}
