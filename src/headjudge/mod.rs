//! `judging merge`: the head judge's files in, rankings out. Every file is read and checked
//! before anything is merged; one bad file stops the merge and names every problem.

mod read;

use std::collections::HashMap;

use serde::Serialize;

pub use read::{Field, JudgeMarks, read_all};

use crate::config::Config;
use crate::merge::agreement::{self, EntryStats};
use crate::merge::{Mark, Method, Panel, break_ties, merge, rank};
use crate::text::clean_line;

/// How to merge: the method and what the head judge chose around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub method: Method,
    /// Entries with fewer judges are flagged thin.
    pub min_judges: usize,
    /// What separates equal merged scores, in turn: criterion ids, "judges" or "agreement".
    pub tie_breaks: Vec<String>,
    /// With the sum method: the judges whose marks count (all when empty).
    pub chosen: Vec<String>,
}

impl Options {
    pub fn new(method: Method, config: &Config) -> Options {
        Options {
            method,
            min_judges: config.merge.min_judges,
            tie_breaks: config.merge.tie_breaks.clone(),
            chosen: Vec::new(),
        }
    }
}

/// One entry's place in one ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub place: usize,
    pub id: String,
    pub title: String,
    pub score: f64,
    /// The judges' mean on each criterion, in the order of [`Rankings::criteria`].
    pub by_criterion: Vec<f64>,
    pub judges: usize,
    /// The spread of the judges' totals for it.
    pub spread: f64,
    /// thin (too few judges), contested (judges far apart), tie (left for the jury).
    pub flags: Vec<&'static str>,
    /// The tie-break that set its place among entries of equal score.
    pub tie_break: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JudgeLine {
    pub judge: String,
    pub entries: usize,
    pub leniency: f64,
    pub spread: f64,
    /// How many of their totals round to each point of the scale, lowest first.
    pub histogram: Vec<usize>,
}

/// Kendall's W for a group of judges who marked exactly the same entries.
#[derive(Debug, Clone, Serialize)]
pub struct Concordance {
    pub judges: Vec<String>,
    pub entries: usize,
    pub w: f64,
    pub w_tie_corrected: f64,
}

/// Kendall's W between judges whose entries overlap but differ, pair by pair, averaged.
#[derive(Debug, Clone, Serialize)]
pub struct PairAgreement {
    pub pairs: usize,
    /// Pairs count only with this many entries in common.
    pub shared_at_least: usize,
    pub w: f64,
    pub w_tie_corrected: f64,
}

/// Judge pairs are compared on this many shared entries or more.
const PAIR_SHARED: usize = 3;

/// An entry the judges disagree on, with the judges furthest apart.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub id: String,
    pub title: String,
    pub judges: usize,
    pub spread: f64,
    pub lowest: (String, f64),
    pub highest: (String, f64),
}

/// What a saved merge (`merge --format json`) says it is, so `judging results` can read it back.
pub const RANKINGS_FORMAT: &str = "judging-rankings";
pub const RANKINGS_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Rankings {
    pub format: &'static str,
    pub version: u32,
    pub event: String,
    pub method: &'static str,
    pub criteria: Vec<String>,
    pub tie_breaks: Vec<String>,
    /// The lowest point of the judges' histograms.
    pub scale_low: i64,
    /// How far judges who saw the same entries agree, overall.
    pub concordance: Vec<Concordance>,
    /// How far judges whose entries overlap agree on the entries they share.
    pub pairwise: Option<PairAgreement>,
    /// "overall", then each track.
    pub rankings: Vec<(String, Vec<Ranked>)>,
    pub judges: Vec<JudgeLine>,
    /// The entries the judges disagree on most, the most first.
    pub disagreements: Vec<Disagreement>,
    pub warnings: Vec<String>,
}

/// How many of the most disagreed entries the rankings list.
const DISAGREEMENTS: usize = 10;

/// Judges this far apart, in rubric points, make an entry contested.
const CONTESTED_SPREAD: f64 = 1.0;

/// Merges every judge's marks into rankings, overall and per track. Fails only on options that
/// name judges or tie-breaks the files do not have.
pub fn rank_all(
    mut judges: Vec<JudgeMarks>,
    config: &Config,
    field: &Field,
    options: &Options,
) -> Result<Rankings, String> {
    let mut warnings = dedup_judges(&mut judges);
    for j in judges.iter().filter(|j| j.partial > 0) {
        warnings.push(format!(
            "judge {:?} left {} entr{} partly scored; those do not count",
            clean_line(&j.judge),
            j.partial,
            if j.partial == 1 { "y" } else { "ies" }
        ));
    }
    for key in &options.tie_breaks {
        config.tie_break_problem(key).map_err(|e| format!("tie-break {key:?}: {e}"))?;
    }
    let panel = Panel {
        judges: judges.iter().map(|j| j.judge.clone()).collect(),
        entries: field.entries.iter().map(|s| s.submission.id.clone()).collect(),
        marks: judges
            .iter()
            .enumerate()
            .flat_map(|(judge, j)| {
                j.entries.iter().zip(&j.totals).map(move |(&entry, &value)| Mark { judge, entry, value })
            })
            .collect(),
    };
    let method = match &options.method {
        Method::Sum { .. } => Method::Sum { judges: chosen_judges(&panel, &options.chosen)? },
        other => other.clone(),
    };
    if method == Method::Schulze {
        let mut marked = vec![false; field.entries.len()];
        panel.marks.iter().for_each(|m| marked[m.entry] = true);
        let n = marked.iter().filter(|m| **m).count();
        if n > crate::merge::SCHULZE_MOST {
            return Err(format!(
                "schulze compares every pair of entries, and {n} scored entries are more than it can do in good time ({} at most): use --method copeland or calibrated",
                crate::merge::SCHULZE_MOST
            ));
        }
    }
    // The merge (the calibrated fit is the longest step) on one core, the figures around it on
    // the other.
    let (overall, (stats, criteria, habits, (concordance, pairwise))) = std::thread::scope(|scope| {
        let merging = scope.spawn(|| merge(&panel, &method));
        let figures = (
            EntryStats::of(&panel),
            criterion_means(&judges, config.criteria.len(), field.entries.len()),
            agreement::judge_habits(&panel),
            {
                let overlap = agreement::Overlap::of(&panel);
                (overlap.concordance(), overlap.pairwise(PAIR_SHARED))
            },
        );
        // A panic in the merge is a bug; it resumes here, where the panic hook reports it.
        (merging.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), figures)
    });
    let keys = tie_break_keys(&options.tie_breaks, config, &criteria, &stats);
    let context = Context { stats: &stats, criteria: &criteria, keys: &keys, field, options };
    let everyone: Vec<usize> = (0..field.entries.len()).collect();
    let mut rankings = vec![("overall".to_owned(), context.ranking(&overall, &everyone, &method))];
    for track in &config.tracks {
        let keep: Vec<usize> = (0..field.entries.len())
            .filter(|e| field.entries[*e].submission.track.as_deref() == Some(track.id.as_str()))
            .collect();
        // A judge's habits are the same in every track, so the methods that model or standardise
        // judges use all their marks; ranks and head-to-heads only mean something within a track.
        let scores = match method {
            Method::RankSum | Method::Copeland | Method::Schulze => merge(&sub_panel(&panel, &keep), &method),
            _ => keep.iter().map(|e| overall[*e]).collect(),
        };
        rankings.push((track.id.clone(), context.ranking(&scores, &keep, &method)));
    }
    let (scale_low, scale_high) = config
        .criteria
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), c| (lo.min(i64::from(c.scale.low)), hi.max(i64::from(c.scale.high))));
    let judge_lines = habits
        .into_iter()
        .map(|h| JudgeLine {
            judge: panel.judges[h.judge].clone(),
            entries: h.marks,
            leniency: h.leniency,
            spread: h.spread,
            histogram: histogram(&judges[h.judge].totals, scale_low, scale_high),
        })
        .collect();
    let concordance = concordance
        .into_iter()
        .map(|(judges, entries, w, w_tie_corrected)| Concordance {
            judges: judges.iter().map(|j| panel.judges[*j].clone()).collect(),
            entries,
            w,
            w_tie_corrected,
        })
        .collect();
    let disagreements = stats
        .most_disagreed(DISAGREEMENTS)
        .into_iter()
        .filter_map(|e| {
            let ((lo_judge, lo), (hi_judge, hi)) = (stats.lowest[e]?, stats.highest[e]?);
            let sub = &field.entries[e].submission;
            Some(Disagreement {
                id: sub.id.clone(),
                title: sub.title.clone(),
                judges: stats.judges[e],
                spread: stats.spread[e],
                lowest: (panel.judges[lo_judge].clone(), lo),
                highest: (panel.judges[hi_judge].clone(), hi),
            })
        })
        .collect();
    Ok(Rankings {
        format: RANKINGS_FORMAT,
        version: RANKINGS_VERSION,
        event: config.event.id.clone(),
        method: method.name(),
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        tie_breaks: options.tie_breaks.clone(),
        scale_low,
        concordance,
        pairwise: pairwise.map(|(pairs, w, w_tie_corrected)| PairAgreement {
            pairs,
            shared_at_least: PAIR_SHARED,
            w,
            w_tie_corrected,
        }),
        rankings,
        judges: judge_lines,
        disagreements,
        warnings,
    })
}

/// A judge in two files counts once, from the newer file. Sorting first keeps the result
/// independent of the order the files were given in.
fn dedup_judges(judges: &mut Vec<JudgeMarks>) -> Vec<String> {
    let mut warnings = Vec::new();
    judges.sort_by(|a, b| a.judge.cmp(&b.judge).then(b.written_at.cmp(&a.written_at)));
    judges.dedup_by(|later, kept| {
        let same = later.judge == kept.judge;
        if same {
            warnings.push(format!(
                "judge {:?} appears twice: the file written at {} counts, the one of {} does not",
                clean_line(&kept.judge),
                kept.written_at,
                later.written_at
            ));
        }
        same
    });
    warnings
}

/// The panel indices of the judges named for the sum method.
fn chosen_judges(panel: &Panel, names: &[String]) -> Result<Vec<usize>, String> {
    names
        .iter()
        .map(|name| {
            panel.judges.iter().position(|j| j == name).ok_or_else(|| {
                let known: Vec<String> = panel.judges.iter().map(|j| clean_line(j)).collect();
                format!("--judges: no score file from judge {name:?}; the files are from {}", known.join(", "))
            })
        })
        .collect()
}

/// Each entry's mean on each criterion over its judges: `NaN` where no judge scored it.
fn criterion_means(judges: &[JudgeMarks], criteria: usize, entries: usize) -> Vec<Vec<f64>> {
    let (mut sums, mut counts) = (vec![vec![0.0; entries]; criteria], vec![0usize; entries]);
    for j in judges {
        for (row, entry) in j.entries.iter().enumerate() {
            counts[*entry] += 1;
            for (c, sum) in sums.iter_mut().enumerate() {
                sum[*entry] += f64::from(j.values[row * criteria + c]);
            }
        }
    }
    for sum in &mut sums {
        for (s, n) in sum.iter_mut().zip(&counts) {
            *s = if *n == 0 { f64::NAN } else { *s / *n as f64 };
        }
    }
    sums
}

/// Each tie-break as a value per entry, higher better. Keys were checked against the config.
fn tie_break_keys(names: &[String], config: &Config, criteria: &[Vec<f64>], stats: &EntryStats) -> Vec<Vec<f64>> {
    names
        .iter()
        .map(|name| match name.as_str() {
            "judges" => stats.judges.iter().map(|n| *n as f64).collect(),
            "agreement" => stats.spread.iter().map(|s| -s).collect(),
            criterion => {
                let c = config.criteria.iter().position(|c| c.id == criterion).unwrap_or_default();
                criteria[c].iter().map(|v| if v.is_nan() { f64::NEG_INFINITY } else { *v }).collect()
            }
        })
        .collect()
}

/// How many totals round to each point from `low` to `high`.
fn histogram(totals: &[f64], low: i64, high: i64) -> Vec<usize> {
    let mut bins = vec![0; (high - low + 1).max(1) as usize];
    for t in totals {
        let bin = (t.round() as i64 - low).clamp(0, bins.len() as i64 - 1) as usize;
        bins[bin] += 1;
    }
    bins
}

/// The panel restricted to some entries, renumbered.
fn sub_panel(panel: &Panel, keep: &[usize]) -> Panel {
    let new_index: HashMap<usize, usize> = keep.iter().enumerate().map(|(new, old)| (*old, new)).collect();
    Panel {
        judges: panel.judges.clone(),
        entries: keep.iter().map(|e| panel.entries[*e].clone()).collect(),
        marks: panel.marks.iter().filter_map(|m| new_index.get(&m.entry).map(|e| Mark { entry: *e, ..*m })).collect(),
    }
}

/// What every ranking of one merge shares.
struct Context<'a> {
    stats: &'a EntryStats,
    criteria: &'a [Vec<f64>],
    keys: &'a [Vec<f64>],
    field: &'a Field<'a>,
    options: &'a Options,
}

impl Context<'_> {
    /// One ranking of some entries (`which`, indices into the field, in the order of `scores`).
    fn ranking(&self, scores: &[Option<f64>], which: &[usize], method: &Method) -> Vec<Ranked> {
        let keys: Vec<Vec<f64>> = self.keys.iter().map(|k| which.iter().map(|e| k[*e]).collect()).collect();
        break_ties(rank(scores, method.lower_is_better()), &keys)
            .into_iter()
            .map(|s| {
                let e = which[s.entry];
                let (judges, spread) = (self.stats.judges[e], self.stats.spread[e]);
                let mut flags = Vec::new();
                if judges < self.options.min_judges {
                    flags.push("thin");
                }
                if spread > CONTESTED_SPREAD {
                    flags.push("contested");
                }
                if s.tied {
                    flags.push("tie");
                }
                let sub = &self.field.entries[e].submission;
                Ranked {
                    place: s.place,
                    id: sub.id.clone(),
                    title: sub.title.clone(),
                    score: s.score,
                    by_criterion: self.criteria.iter().map(|c| c[e]).collect(),
                    judges,
                    spread,
                    flags,
                    tie_break: s.broken_by.map(|k| self.options.tie_breaks[k].clone()),
                }
            })
            .collect()
    }
}
