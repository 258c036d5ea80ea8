//! The finals round: the top entries of a ranking compared side by side by the judges, and the
//! paid places taken from a model of those comparisons. Pure: what the store, the score files
//! and the published file hold comes in as plain values.
//!
//! A [`Round`] is one ranking's finalists and every answer given on them. From it:
//! - [`Round::fit`] is the model (`merge::davidson`): Davidson's Bradley-Terry with ties, every
//!   judge's answers counting alike, the rubric round's merged scores as a weak prior;
//! - [`Round::next_pair`] is the pair a judge compares next;
//! - [`Round::standing`] is the finals' order, each pair's tally, the pairs still uncompared, how
//!   sure each paid place is, the cycles and the disagreements, in plain words;
//! - [`settle`] puts the finals' order into the merged rankings, so that every output pays from it.

mod choose;
mod finalists;
mod gather;
pub mod published;
mod settle;
mod standing;

pub use finalists::finalists;
pub use gather::gather;
pub use settle::{Settled, settle, settle_knowing};
pub use standing::{FinalistStanding, JudgeWeight, PairTally, PlaceDoubt, Standing};

use crate::merge::davidson::{self, Answer, Fit, Outcome, Prior, Settings};
use crate::model::{Compared, Pair, Verdict, same_name};

/// The places judging.toml's prizes pay in `ranking` (`rankings::paid_places`): what every round
/// is published with, republished too, and what a published round must say.
pub fn paid(config: &crate::config::Config, ranking: &str) -> usize {
    crate::rankings::paid_places(config, ranking).unwrap_or(0)
}

/// A finalist, as the rubric round placed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finalist {
    pub id: String,
    pub title: String,
    /// Its place in the rubric round's ranking.
    pub rubric_place: usize,
    /// Its merged score there: what the prior orders the finalists by.
    pub rubric_score: f64,
}

/// One answer in a round, by index: judge `judge` on finalists `first` and `second`.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub judge: usize,
    pub first: usize,
    pub second: usize,
    /// Said of `first` and `second` in that order.
    pub verdict: Verdict,
    pub note: Option<String>,
}

/// Why a judge may not compare a finalist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Barred {
    /// judging.toml lists a conflict of theirs with it.
    Conflict,
    /// It is in a track the judge does not judge.
    Track,
    /// The judge recused from it.
    Recused,
    /// Withdrawn, or not in the judge's store.
    Absent,
}

impl Barred {
    /// In a few words, for a list of finalists.
    pub fn said(self) -> &'static str {
        match self {
            Barred::Conflict => "a conflict the event lists for you",
            Barred::Track => "not a track you judge",
            Barred::Recused => "you recused",
            Barred::Absent => "withdrawn, or not in your store (pull)",
        }
    }

    /// In a few words, of another judge, for the head judge.
    pub fn said_of_them(self) -> &'static str {
        match self {
            Barred::Conflict => "a conflict the event lists for them",
            Barred::Track => "not a track they judge",
            Barred::Recused => "they recused",
            Barred::Absent => "withdrawn",
        }
    }
}

/// Who of the finals' judges may compare a finalist, by the rule `judging finals` refuses a
/// pair by ([`Round::why_barred`]), and why each of the others may not.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct MayCompare {
    /// The finals' judges who may compare it.
    pub judges: Vec<String>,
    /// The finals' judges who may not, each with why.
    pub barred: Vec<(String, Barred)>,
    /// The judges `[[judges]]` lists who are not among `[finals] judges` and who may compare it:
    /// the ones to add there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub could: Vec<String>,
}

impl MayCompare {
    /// Who may compare it and why the others may not, cleaned, as a clause of its own: "only
    /// mira of the finals' judges may compare it (tomas: a conflict the event lists for them;
    /// priya: not a track they judge)".
    pub fn said(&self) -> String {
        let who = match self.judges.len() {
            0 => "none of the finals' judges may compare it".to_owned(),
            _ => format!("only {} of the finals' judges may compare it", standing::said_judges(&self.judges)),
        };
        let why: Vec<String> = self
            .barred
            .iter()
            .map(|(judge, why)| format!("{}: {}", crate::sanitize::clean_line(judge), why.said_of_them()))
            .collect();
        if why.is_empty() { who } else { format!("{who} ({})", why.join("; ")) }
    }

    /// What the head judge can do about it, no other judge being able to compare it now: add
    /// to `[finals] judges` the judges listed who may compare it, by name, or else a judge who
    /// may; or let the jury decide its place.
    pub fn cure(&self) -> String {
        if self.could.is_empty() {
            return FEW_MAY_COMPARE_CURE.to_owned();
        }
        format!(
            "no other judge can be given its pairs: add {} to [finals] judges in judging.toml (they judge its track and have no conflict with it), or let the jury decide its place",
            standing::said_judges(&self.could)
        )
    }
}

/// What the head judge can do about a finalist too few of the finals' judges may compare (no
/// other judge can be given its pairs), as the publish's warning, the merge's and the award's
/// check all say it, where no judge judging.toml lists may be added ([`MayCompare::cure`]).
pub const FEW_MAY_COMPARE_CURE: &str = "no other judge can be given its pairs: add to [[judges]] (and to [finals] judges, where it names them) a judge who judges its track and has no conflict with it, or let the jury decide its place";

/// One ranking's finals.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// "overall" or a track's id.
    pub ranking: String,
    /// The places a prize pays in the ranking: the finals' chances are of these.
    pub paid: usize,
    pub finalists: Vec<Finalist>,
    /// The judges who answered, by the index [`Answered::judge`] uses.
    pub judges: Vec<String>,
    pub answers: Vec<Answered>,
}

/// How far apart the prior puts the rubric round's best and worst finalist, in strength (log
/// worth): half a unit, so that with no comparison the rubric's better finalist is ahead, and a
/// few comparisons outweigh it.
pub const PRIOR_SPAN: f64 = 0.5;
/// How unsure the prior is of each strength: as much as the finalists of a round usually differ.
pub const PRIOR_SD: f64 = 1.0;

impl Round {
    /// The round with only the finalists `keep` says to, and the answers on pairs of them: a
    /// finalist the ranking no longer has (its one judge left out) leaves the round, as
    /// [`gather`] leaves out a finalist the merge did not rank.
    #[must_use]
    pub fn keeping(&self, keep: impl Fn(&str) -> bool) -> Round {
        let kept: Vec<Option<usize>> = self
            .finalists
            .iter()
            .scan(0, |next, f| {
                Some(keep(&f.id).then(|| {
                    *next += 1;
                    *next - 1
                }))
            })
            .collect();
        let moved = |i: usize| kept.get(i).copied().flatten();
        Round {
            finalists: self.finalists.iter().filter(|f| keep(&f.id)).cloned().collect(),
            answers: self
                .answers
                .iter()
                .filter_map(|a| Some(Answered { first: moved(a.first)?, second: moved(a.second)?, ..a.clone() }))
                .collect(),
            ..self.clone()
        }
    }

    /// The finalists' index by id.
    pub fn finalist(&self, id: &str) -> Option<usize> {
        self.finalists.iter().position(|f| f.id == id)
    }

    /// A judge's index by name (names compare as judges' names do), if they answered.
    pub fn judge(&self, name: &str) -> Option<usize> {
        self.judges.iter().position(|j| same_name(j, name))
    }

    /// Sets what `judge` answered on `pair` (both finalists): a judge has one answer a pair, so
    /// a new one replaces theirs, and `None` takes it back. Returns `false`, changing nothing,
    /// when the pair is not two finalists of this round.
    pub fn record(&mut self, judge: &str, pair: &Pair, answer: Option<Compared>) -> bool {
        let (Some(first), Some(second)) = (self.finalist(&pair.first), self.finalist(&pair.second)) else {
            return false;
        };
        let k = self.judge(judge).unwrap_or_else(|| {
            self.judges.push(judge.trim().to_owned());
            self.judges.len() - 1
        });
        let same = |a: &Answered| {
            a.judge == k && a.first.min(a.second) == first.min(second) && a.first.max(a.second) == first.max(second)
        };
        self.answers.retain(|a| !same(a));
        if let Some(Compared { verdict, note }) = answer {
            self.answers.push(Answered { judge: k, first, second, verdict, note });
        }
        true
    }

    /// The pairs `judge` has answered, as finalist indices (smaller first).
    pub fn answered_by(&self, judge: &str) -> Vec<(usize, usize)> {
        let Some(k) = self.judge(judge) else { return Vec::new() };
        self.answers.iter().filter(|a| a.judge == k).map(|a| (a.first.min(a.second), a.first.max(a.second))).collect()
    }

    /// How many of the pairs `judge` may compare (neither finalist `barred`) they have compared,
    /// and how many there are.
    pub fn progress(&self, judge: &str, barred: &[bool]) -> (usize, usize) {
        let n = self.finalists.len();
        let may = |i: usize| !barred.get(i).copied().unwrap_or(false);
        let open: Vec<(usize, usize)> =
            (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).filter(|&(i, j)| may(i) && may(j)).collect();
        let done = self.answered_by(judge).iter().filter(|p| open.contains(p)).count();
        (done, open.len())
    }

    /// The prior of the strengths: the rubric round's scores, the best and worst finalist
    /// [`PRIOR_SPAN`] apart, each as unsure as [`PRIOR_SD`].
    pub fn prior(&self) -> Prior {
        let scores: Vec<f64> = self.finalists.iter().map(|f| f.rubric_score).collect();
        let (low, high) = scores.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), s| (l.min(*s), h.max(*s)));
        let mean = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
        let span = high - low;
        let mean = scores
            .iter()
            .map(|s| if span > 0.0 && span.is_finite() { (s - mean) / span * PRIOR_SPAN } else { 0.0 })
            .collect();
        Prior { mean, sd: PRIOR_SD }
    }

    /// The model of this round's answers. `start`, the fit before the last answer came in, makes
    /// it quicker and changes nothing else.
    pub fn fit(&self, start: Option<&Fit>) -> Fit {
        let answers: Vec<Answer> = self
            .answers
            .iter()
            .map(|a| Answer {
                judge: a.judge,
                first: a.first,
                second: a.second,
                outcome: match a.verdict {
                    Verdict::First => Outcome::First,
                    Verdict::Second => Outcome::Second,
                    Verdict::Level => Outcome::Level,
                },
            })
            .collect();
        // Every judge's answers count alike (see `davidson`).
        let settings = Settings { prior: Some(self.prior()) };
        davidson::fit(self.finalists.len(), &answers, &settings, start)
    }

    /// The pair of finalists `judge` compares next, as indices; `None` when none is left.
    /// `barred[i]` says the judge may not compare finalist `i` (a declared conflict, a recusal).
    /// See [`choose`].
    pub fn next_pair(&self, fit: &Fit, judge: &str, barred: &[bool]) -> Option<(usize, usize)> {
        choose::next_pair(self, fit, judge, barred, &[])
    }

    /// [`Round::next_pair`] leaving out the pairs in `skipped` (smaller index first), as the
    /// judge's app does with the pairs the judge skipped; `None` when no other pair is left.
    pub fn next_pair_skipping(
        &self,
        fit: &Fit,
        judge: &str,
        barred: &[bool],
        skipped: &[(usize, usize)],
    ) -> Option<(usize, usize)> {
        choose::next_pair(self, fit, judge, barred, skipped)
    }

    /// The round as `judge` sees it on their own machine: everyone else's answers as published,
    /// and their own as their sheet has them now.
    #[must_use]
    pub fn as_seen_by(&self, judge: &str, sheet: &crate::model::ScoreSheet) -> Round {
        let mut round = self.clone();
        if let Some(k) = round.judge(judge) {
            round.answers.retain(|a| a.judge != k);
        }
        for (pair, answer) in sheet.compared() {
            round.record(judge, &pair, Some(answer.clone()));
        }
        round
    }

    /// Why `judge` may not compare each finalist, by index (`None`: they may): a conflict of
    /// theirs in judging.toml or a track they do not judge, by `assign::barred`, the one test;
    /// their recusal (`sheet`); or an entry `entry` does not know or knows as withdrawn. `entry`
    /// looks a finalist up: its submission and whether it was withdrawn.
    pub fn why_barred<'s>(
        &self,
        config: &crate::config::Config,
        judge: &str,
        sheet: &crate::model::ScoreSheet,
        entry: impl Fn(&str) -> Option<(&'s crate::model::Submission, bool)>,
    ) -> Vec<Option<Barred>> {
        self.why_barred_by(config, judge, |id| sheet.recused(id), entry)
    }

    /// [`Round::why_barred`] with the judge's recusals as `recused` says them (by id): the rule,
    /// once, for the judge's own store and for the head judge's score files alike.
    pub fn why_barred_by<'s>(
        &self,
        config: &crate::config::Config,
        judge: &str,
        recused: impl Fn(&str) -> bool,
        entry: impl Fn(&str) -> Option<(&'s crate::model::Submission, bool)>,
    ) -> Vec<Option<Barred>> {
        let listed = config.judge(judge);
        self.finalists
            .iter()
            .map(|f| match entry(&f.id) {
                None | Some((_, true)) => Some(Barred::Absent),
                Some(_) if recused(&f.id) => Some(Barred::Recused),
                Some((s, false)) => {
                    match listed.and_then(|j| crate::assign::barred(j, s, crate::assign::Tracks::of(&config.assign))) {
                        Some(crate::assign::Bar::Conflict) => Some(Barred::Conflict),
                        Some(crate::assign::Bar::Track) => Some(Barred::Track),
                        None => None,
                    }
                }
            })
            .collect()
    }

    /// Who of the finals' judges (`Config::finals_judges`) may compare each finalist, by index,
    /// by [`Round::why_barred_by`]; `recused(judge, id)` says a judge's recusals. Empty where
    /// judging.toml lists no judges, as then anyone may compare.
    pub fn may_compare<'s>(
        &self,
        config: &crate::config::Config,
        recused: impl Fn(&str, &str) -> bool,
        entry: impl Fn(&str) -> Option<(&'s crate::model::Submission, bool)>,
    ) -> Vec<MayCompare> {
        if config.finals_judges().is_empty() {
            return Vec::new();
        }
        let mut out = vec![MayCompare::default(); self.finalists.len()];
        // A trainee's comparisons count nowhere: no one to add.
        for judge in config.judges.iter().filter(|j| !config.is_trainee(&j.name)) {
            let finals = config.compares_in_finals(&judge.name);
            let why = self.why_barred_by(config, &judge.name, |id| recused(&judge.name, id), &entry);
            for (may, why) in out.iter_mut().zip(why) {
                match (why, finals) {
                    (None, true) => may.judges.push(judge.name.clone()),
                    (Some(why), true) => may.barred.push((judge.name.clone(), why)),
                    (None, false) => may.could.push(judge.name.clone()),
                    (Some(_), false) => {}
                }
            }
        }
        out
    }

    /// A warning for each finalist fewer than `min_judges` of the finals' judges may compare
    /// (`may`, by [`Round::may_compare`]), in the ranking called `name`: said when the finals
    /// are published, as its place in them could rest on no more.
    pub fn few_may_compare(&self, may: &[MayCompare], min_judges: usize, name: &str) -> Vec<String> {
        self.finalists
            .iter()
            .zip(may)
            .filter(|(_, m)| crate::rankings::thin(m.judges.len(), min_judges))
            .map(|(f, m)| {
                let rests = if m.judges.is_empty() {
                    "the rubric round alone".to_owned()
                } else {
                    format!("the answers of {} alone", standing::said_judges(&m.judges))
                };
                format!(
                    "{} ({}), a finalist of {}: {}, fewer than merge.min_judges ({min_judges}), so its place in the finals would rest on {rests} and {}, before announcing",
                    crate::sanitize::clean_line(&f.title),
                    crate::sanitize::clean_line(&f.id),
                    crate::sanitize::clean_line(name),
                    m.said(),
                    m.cure()
                )
            })
            .collect()
    }

    /// [`Round::why_barred`] as yes or no, as [`Round::next_pair`] takes it.
    pub fn barred<'s>(
        &self,
        config: &crate::config::Config,
        judge: &str,
        sheet: &crate::model::ScoreSheet,
        entry: impl Fn(&str) -> Option<(&'s crate::model::Submission, bool)>,
    ) -> Vec<bool> {
        self.why_barred(config, judge, sheet, entry).iter().map(Option::is_some).collect()
    }

    /// The pair of finalists `i` and `j`, by id.
    pub fn pair(&self, i: usize, j: usize) -> Option<Pair> {
        Pair::new(&self.finalists.get(i)?.id, &self.finalists.get(j)?.id)
    }
}

#[cfg(test)]
pub(crate) mod tests;
