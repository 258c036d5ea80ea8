//! Where a finals round stands: the finals' order with each finalist's strength and how sure it
//! is, how many comparisons it had and how sure its paid place is; each pair's tally (the pairs
//! nobody compared among them); each judge's weight; and, in plain words, the cycles among the
//! finalists and the pairs the judges disagree on.

use serde::{Deserialize, Serialize};

use super::Round;
use crate::merge::davidson::{self, Fit};
use crate::model::Verdict;
use crate::rng::SplitMix;

/// One finals round's standing: what the board, the results and the feedback show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub ranking: String,
    /// The places a prize pays in the ranking.
    pub paid: usize,
    /// The finalists in the finals' order, the strongest first.
    pub order: Vec<FinalistStanding>,
    /// Every pair of finalists, in the finalists' rubric order, with its tally.
    pub pairs: Vec<PairTally>,
    /// Each judge who answered, with how much their answers count.
    pub judges: Vec<JudgeWeight>,
    /// How readily the judges call two finalists level (Davidson's `ν`).
    pub tie: f64,
    /// Each cycle of head-to-head wins among the finalists, in words.
    pub cycles: Vec<String>,
    /// Each pair the judges answered both ways, in words.
    pub disagreements: Vec<String>,
}

/// A finalist's place in the finals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalistStanding {
    pub id: String,
    pub title: String,
    /// Its place in the finals (finalists of equal strength share one).
    pub place: usize,
    /// Its place, and merged score, in the rubric round.
    pub rubric_place: usize,
    pub rubric_score: f64,
    /// Its strength (log worth), centred on the finalists' mean, and its standard error.
    pub strength: f64,
    pub sd: f64,
    /// The answers it was in, and how they went for it.
    pub compared: usize,
    pub wins: usize,
    pub losses: usize,
    pub levels: usize,
    /// Its chance of one of the paid places: the share of draws from the model's uncertainty
    /// that put it there.
    pub paid: f64,
    /// How sure the model is that it is above the finalist after it; `None` for the last.
    pub above_next: Option<f64>,
    /// What the jury should look at in the place the finals give it before announcing it (set
    /// by [`super::settle`], which knows `merge.min_judges`): the one record the merge's
    /// warnings and the results' checks of its award are both said from. Empty in a merge
    /// saved by an earlier build.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doubts: Vec<PlaceDoubt>,
}

/// Why the place the finals give a finalist may not stand: a kind of `prizes::Doubt`, declared
/// here, where the finals find it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlaceDoubt {
    /// A paid place no judge compared it for, while other finalists were compared: its place
    /// rests on the rubric round's prior alone (a finalist put in the published file by hand
    /// had been paid so, unsaid).
    /// `may_compare`: who of the finals' judges may compare it, where none may (the judges
    /// cannot be asked to); `None` where some may, or it is not known.
    UncomparedInFinals {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        may_compare: Option<super::MayCompare>,
    },
    /// Its paid place (or its leaving the paid places) the finals gave it on the answers of
    /// fewer judges than `merge.min_judges`, named in `judges`; `rubric_place` is its place in
    /// the rubric round, as the results' RUBRIC column shows it.
    /// `may_compare`: who of the finals' judges may compare it, where fewer than `min_judges`
    /// may (other judges cannot be asked to); `None` where enough may, or it is not known.
    MovedOnFewJudges {
        rubric_place: usize,
        judges: Vec<String>,
        min_judges: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        may_compare: Option<super::MayCompare>,
    },
}

impl PlaceDoubt {
    /// What the head judge should do about it, in a sentence about the place `place` of
    /// `title` (as `prizes::Doubt::advice` says each of its kinds).
    pub fn advice(&self, title: &str, place: usize) -> String {
        match self {
            PlaceDoubt::UncomparedInFinals { may_compare } => format!(
                "{title} (place {place}) takes its paid place without one finals comparison, while the other finalists were compared: {}",
                uncompared_cure(may_compare.as_ref())
            ),
            PlaceDoubt::MovedOnFewJudges { rubric_place, judges, min_judges, may_compare } => {
                let cure = match may_compare {
                    None => "have other judges compare it (`judging finals` gives them its pairs) before announcing"
                        .to_owned(),
                    Some(may) => format!("{}, so {}, before announcing", may.said(), may.cure()),
                };
                format!(
                    "{title} (place {place}), {} in the rubric round, was placed by the finals on the answers of {} alone, fewer judges than merge.min_judges ({min_judges}): {cure}",
                    crate::format::ordinal(*rubric_place),
                    said_judges(judges)
                )
            }
        }
    }
}

/// What an uncompared paid finalist's place rests on, and what to do, as the merge's warning
/// and the award's check both say it.
pub(super) const UNCOMPARED_CURE: &str = "its place rests on the rubric round alone. Have the judges compare it (`judging finals` gives them its pairs), or check that it is a finalist (the published finals), before announcing";

/// [`UNCOMPARED_CURE`], or where no finals judge may compare the finalist (`may`), who may not
/// and why, and what can work instead.
pub(super) fn uncompared_cure(may: Option<&super::MayCompare>) -> String {
    match may {
        None => UNCOMPARED_CURE.to_owned(),
        Some(may) => format!(
            "its place rests on the rubric round alone, and {}, so {}, before announcing",
            may.said(),
            may.cure()
        ),
    }
}

/// The judges a move rests on, cleaned: "mira", "mira and tomas".
pub(super) fn said_judges(judges: &[String]) -> String {
    let who: Vec<String> = judges.iter().map(|j| crate::sanitize::clean_line(j)).collect();
    who.join(" and ")
}

/// A pair of finalists and what the judges answered on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairTally {
    pub first: String,
    pub second: String,
    pub first_wins: usize,
    pub second_wins: usize,
    pub levels: usize,
    /// How sure the model is that `first` is above `second`.
    pub above: f64,
}

impl PairTally {
    pub fn answers(&self) -> usize {
        self.first_wins + self.second_wins + self.levels
    }

    /// Whether judges answered it both ways.
    pub fn disputed(&self) -> bool {
        self.first_wins > 0 && self.second_wins > 0
    }
}

/// How often one judge's answers agree with the finals' order: shown, never weighed. Every judge's
/// answers count alike, as no judge is silenced for dissenting (Tabbycat refused to weigh judges
/// by agreement with the majority for that reason; the finals had weighed a lone dissenter at
/// 0.71 against the others' 0.88, by Crowd-BT's reliability).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeWeight {
    pub judge: String,
    pub answers: usize,
    /// Their answers with a winner that the finals' order places above the other finalist;
    /// `None` in a merge saved by an earlier build, which did not count them.
    #[serde(default)]
    pub agreed: Option<usize>,
    /// Their answers with a winner (not level); `None` as `agreed`.
    #[serde(default)]
    pub decided: Option<usize>,
}

/// How many draws from the model's uncertainty the chances of a paid place count.
pub const DRAWS: usize = 2000;
/// The draws' seed: the same answers, the same chances.
const SEED: u64 = 27;

impl Round {
    /// Where the round stands under `fit` (see [`Standing`]).
    pub fn standing(&self, fit: &Fit) -> Standing {
        let n = self.finalists.len();
        let (order, fit) = placed(fit, |a, b| self.finalists[a].rubric_place.cmp(&self.finalists[b].rubric_place));
        let fit = &fit;
        let mut paid = chances_of_paid(fit, self.paid);
        // Finalists of one strength have one chance: the draws' own noise must not part them.
        for i in 0..n {
            let alike: Vec<usize> = (0..n).filter(|&j| fit.strength[j] == fit.strength[i]).collect();
            let shared = alike.iter().map(|&j| paid[j]).sum::<f64>() / alike.len() as f64;
            for &j in &alike {
                paid[j] = shared;
            }
        }
        let mut tally = vec![[0usize; 3]; n];
        for a in &self.answers {
            let (w, l, level) = match a.verdict {
                Verdict::First => (a.first, a.second, false),
                Verdict::Second => (a.second, a.first, false),
                Verdict::Level => (a.first, a.second, true),
            };
            if level {
                tally[w][2] += 1;
                tally[l][2] += 1;
            } else {
                tally[w][0] += 1;
                tally[l][1] += 1;
            }
        }
        let mut standings: Vec<FinalistStanding> = Vec::with_capacity(n);
        for (k, &i) in order.iter().enumerate() {
            let f = &self.finalists[i];
            // A place is shared only where nothing parts the two: not the finals' answers, and
            // not the rubric round, whose places its tie-breaks decided. With no answer, two
            // finalists of one merged score the tie-break had placed 6th and 8th had been
            // tied for a paid place, its prize held back for the jury.
            let place = match standings.last() {
                Some(before)
                    if fit.strength[order[k - 1]] == fit.strength[i]
                        && self.finalists[order[k - 1]].rubric_place == f.rubric_place =>
                {
                    before.place
                }
                _ => k + 1,
            };
            standings.push(FinalistStanding {
                id: f.id.clone(),
                title: f.title.clone(),
                place,
                rubric_place: f.rubric_place,
                rubric_score: f.rubric_score,
                strength: fit.strength[i],
                sd: fit.sd(i),
                compared: tally[i].iter().sum(),
                wins: tally[i][0],
                losses: tally[i][1],
                levels: tally[i][2],
                paid: paid[i],
                above_next: order.get(k + 1).map(|&j| fit.above(i, j)),
                doubts: Vec::new(),
            });
        }
        let pairs = self.tallies(fit);
        let mut place = vec![0; n];
        for s in &standings {
            if let Some(i) = self.finalists.iter().position(|f| f.id == s.id) {
                place[i] = s.place;
            }
        }
        Standing {
            ranking: self.ranking.clone(),
            paid: self.paid,
            order: standings,
            cycles: self.cycles(&pairs),
            disagreements: self.disagreements(),
            pairs,
            judges: self.weights(&place),
            tie: fit.tie,
        }
    }

    /// Every pair, in the finalists' order, with its tally and how sure the model is of it.
    fn tallies(&self, fit: &Fit) -> Vec<PairTally> {
        let n = self.finalists.len();
        let mut out = Vec::with_capacity(n * n.saturating_sub(1) / 2);
        for i in 0..n {
            for j in i + 1..n {
                let mut t = PairTally {
                    first: self.finalists[i].id.clone(),
                    second: self.finalists[j].id.clone(),
                    first_wins: 0,
                    second_wins: 0,
                    levels: 0,
                    above: fit.above(i, j),
                };
                for a in self.answers.iter().filter(|a| a.first.min(a.second) == i && a.first.max(a.second) == j) {
                    let first_said = match a.verdict {
                        Verdict::Level => None,
                        Verdict::First => Some(a.first == i),
                        Verdict::Second => Some(a.second == i),
                    };
                    match first_said {
                        None => t.levels += 1,
                        Some(true) => t.first_wins += 1,
                        Some(false) => t.second_wins += 1,
                    }
                }
                out.push(t);
            }
        }
        out
    }

    /// Each judge's answers against the order `place` gives each finalist (by index).
    fn weights(&self, place: &[usize]) -> Vec<JudgeWeight> {
        self.judges
            .iter()
            .enumerate()
            .map(|(k, judge)| {
                let theirs = self.answers.iter().filter(|a| a.judge == k);
                let won = theirs.clone().filter_map(|a| match a.verdict {
                    Verdict::First => Some((a.first, a.second)),
                    Verdict::Second => Some((a.second, a.first)),
                    Verdict::Level => None,
                });
                JudgeWeight {
                    judge: judge.clone(),
                    answers: theirs.count(),
                    agreed: Some(won.clone().filter(|(w, l)| place[*w] < place[*l]).count()),
                    decided: Some(won.count()),
                }
            })
            .collect()
    }

    fn title(&self, id: &str) -> String {
        let title = self.finalists.iter().find(|f| f.id == id).map_or(id, |f| f.title.as_str());
        crate::sanitize::clean_line(title)
    }

    /// Each group of finalists whose head-to-head majorities go round in a circle, as one
    /// sentence naming a cycle through it: "A beat B (2–1), B beat C (1–0) and C beat A (2–0)".
    fn cycles(&self, pairs: &[PairTally]) -> Vec<String> {
        let n = self.finalists.len();
        let index = |id: &str| self.finalist(id).unwrap_or(0);
        // beat[i][j]: more judges put i above j than j above i.
        let mut beat = vec![vec![None; n]; n];
        for t in pairs {
            let (i, j) = (index(&t.first), index(&t.second));
            if t.first_wins > t.second_wins {
                beat[i][j] = Some((t.first_wins, t.second_wins));
            } else if t.second_wins > t.first_wins {
                beat[j][i] = Some((t.second_wins, t.first_wins));
            }
        }
        let mut reach = vec![vec![false; n]; n];
        for i in 0..n {
            for j in 0..n {
                reach[i][j] = beat[i][j].is_some();
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    reach[i][j] = reach[i][j] || (reach[i][k] && reach[k][j]);
                }
            }
        }
        let mut seen = vec![false; n];
        let mut out = Vec::new();
        for start in 0..n {
            if seen[start] || !reach[start][start] {
                continue;
            }
            let group: Vec<usize> = (0..n).filter(|&j| reach[start][j] && reach[j][start]).collect();
            for &j in &group {
                seen[j] = true;
            }
            let cycle = shortest_cycle(start, &beat, &group);
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|w| {
                    let (won, lost) = beat[w[0]][w[1]].unwrap_or((0, 0));
                    format!(
                        "{} beat {} ({won}–{lost})",
                        self.title(&self.finalists[w[0]].id),
                        self.title(&self.finalists[w[1]].id)
                    )
                })
                .collect();
            let said = and_list(&steps);
            let more = if group.len() + 1 > cycle.len() {
                format!(" ({} finalists are caught in this circle)", group.len())
            } else {
                String::new()
            };
            out.push(format!(
                "A cycle: {said}{more}. Head to head alone cannot order them; the model places them by every comparison they had, and the rubric round where those are few"
            ));
        }
        out
    }

    /// Each pair the judges answered both ways: who chose which.
    fn disagreements(&self) -> Vec<String> {
        let n = self.finalists.len();
        let mut out = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                let on: Vec<_> =
                    self.answers.iter().filter(|a| a.first.min(a.second) == i && a.first.max(a.second) == j).collect();
                let chose = |who: usize| -> Vec<String> {
                    on.iter()
                        .filter(|a| match a.verdict {
                            Verdict::First => a.first == who,
                            Verdict::Second => a.second == who,
                            Verdict::Level => false,
                        })
                        .map(|a| crate::sanitize::clean_line(&self.judges[a.judge]))
                        .collect()
                };
                let (for_i, for_j) = (chose(i), chose(j));
                if for_i.is_empty() || for_j.is_empty() {
                    continue;
                }
                let levels: Vec<String> = on
                    .iter()
                    .filter(|a| a.verdict == Verdict::Level)
                    .map(|a| crate::sanitize::clean_line(&self.judges[a.judge]))
                    .collect();
                let level = if levels.is_empty() { String::new() } else { format!("; level: {}", levels.join(", ")) };
                let (a, b) = (self.title(&self.finalists[i].id), self.title(&self.finalists[j].id));
                out.push(format!(
                    "The judges disagree on {a} and {b}: {a} by {}, {b} by {}{level}",
                    for_i.join(", "),
                    for_j.join(", ")
                ));
            }
        }
        out
    }
}

/// The shortest cycle of wins from `start` back to it within `group`, as indices, `start` at
/// both ends.
fn shortest_cycle(start: usize, beat: &[Vec<Option<(usize, usize)>>], group: &[usize]) -> Vec<usize> {
    let n = beat.len();
    let mut from = vec![None; n];
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for &next in group {
            if beat[at][next].is_none() {
                continue;
            }
            if next == start {
                // Back from `at` to `start`, then round: start → … → at → start.
                let mut path = vec![at];
                let mut back = at;
                while let Some(prev) = from[back] {
                    path.push(prev);
                    back = prev;
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if from[next].is_none() && next != start {
                from[next] = Some(at);
                queue.push_back(next);
            }
        }
    }
    vec![start]
}

/// The finalists in the finals' order, by index, and the fit with strengths alike made one
/// strength (the first's), as [`crate::merge::rank`] makes merged scores alike one score
/// ([`davidson::ORDER`]): every figure taken from it (the places, how sure each is above the
/// next, the chances of a paid place, the order without each judge) then agrees that they are
/// level. Within one strength, `rubric` orders them (the rubric round's place).
fn placed(fit: &Fit, rubric: impl Fn(usize, usize) -> std::cmp::Ordering) -> (Vec<usize>, Fit) {
    let scores: Vec<Option<f64>> = fit.strength.iter().copied().map(Some).collect();
    let ranked = crate::merge::rank(&scores, davidson::ORDER);
    let mut alike = fit.clone();
    for r in &ranked {
        alike.strength[r.entry] = r.score;
    }
    let mut order: Vec<usize> = ranked.iter().map(|r| r.entry).collect();
    // `rank` keeps the strongest first; one strength's finalists by the rubric, then by index.
    order.sort_by(|&a, &b| alike.strength[b].total_cmp(&alike.strength[a]).then(rubric(a, b)).then(a.cmp(&b)));
    (order, alike)
}

/// Each finalist's chance of one of the `paid` places: draws of the strengths from the model's
/// uncertainty (a normal around the fit, with its covariance), the share that put it there.
fn chances_of_paid(fit: &Fit, paid: usize) -> Vec<f64> {
    let n = fit.strength.len();
    if paid >= n {
        return vec![1.0; n];
    }
    if paid == 0 {
        return vec![0.0; n];
    }
    // The centred covariance has the strengths' common shift as a null direction; a jitter far
    // below any difference makes it factor, and moves no rank.
    let mut jittered = fit.covariance.clone();
    (0..n).for_each(|i| jittered[i * n + i] += 1e-9);
    let Some(l) = crate::merge::dense::cholesky(n, &jittered) else {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| fit.strength[b].total_cmp(&fit.strength[a]));
        let mut out = vec![0.0; n];
        order.iter().take(paid).for_each(|&i| out[i] = 1.0);
        return out;
    };
    let mut random = SplitMix(SEED);
    let mut normal = || {
        // Box and Muller: two uniforms into a standard normal.
        let (u, v) = (1.0 - random.uniform(), random.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    };
    let mut counts = vec![0usize; n];
    let mut draw = vec![0.0; n];
    let mut order: Vec<usize> = (0..n).collect();
    for _ in 0..DRAWS {
        let z: Vec<f64> = (0..n).map(|_| normal()).collect();
        for i in 0..n {
            draw[i] = fit.strength[i] + (0..=i).map(|k| l[i * n + k] * z[k]).sum::<f64>();
        }
        order.sort_by(|&a, &b| draw[b].total_cmp(&draw[a]));
        order.iter().take(paid).for_each(|&i| counts[i] += 1);
    }
    counts.into_iter().map(|c| c as f64 / DRAWS as f64).collect()
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
