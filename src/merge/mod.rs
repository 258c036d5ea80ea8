//! Merging judges' marks into a ranking: pure functions, no I/O.
//!
//! A [`Panel`] holds every mark one judge gave one entry (a weighted total, or one criterion).
//! Judges may each have seen a different subset of the entries. Each [`Method`] turns the panel
//! into one merged score per entry; [`rank`] orders them and reports ties instead of breaking
//! them silently.

pub mod agreement;
pub mod alpha;
mod calibrated;
pub mod chances;
pub mod davidson;
pub(crate) mod dense;
pub mod drift;
pub mod leniency;
mod mark;
mod pairwise;

pub use pairwise::{HeadToHead, SCHULZE_MOST, head_to_head};

pub use mark::Mark;

pub use calibrated::{Calibration, Held, LEAST_SEVERITY, MOST_SEVERITY, PanelSpread, fit as calibrated_fit};

/// The marks of a panel of judges over a set of entries, by index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Panel {
    pub judges: Vec<String>,
    pub entries: Vec<String>,
    pub marks: Vec<Mark>,
    /// Each mark's values criterion by criterion, for the methods that merge each criterion on
    /// its own; `None` where the method merges totals only.
    pub criteria: Option<CriterionMarks>,
}

/// Each mark's value on every criterion: the criteria's weights, and for each mark in the order
/// of [`Panel::marks`] one value per criterion (`None` for a criterion off the entry's rubric).
/// A criterion of weight 0 does not count in this panel (with per-track rubrics, the overall
/// ranking counts only the criteria every track shares).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CriterionMarks {
    pub weights: Vec<f64>,
    pub values: Vec<Option<f64>>,
}

impl CriterionMarks {
    /// One mark's values, by the mark's index.
    pub fn of(&self, mark: usize) -> &[Option<f64>] {
        let n = self.weights.len();
        &self.values[mark * n..(mark + 1) * n]
    }
}

impl Panel {
    /// Each entry's marks, by entry index.
    pub fn by_entry(&self) -> Vec<Vec<Mark>> {
        let mut out = vec![Vec::new(); self.entries.len()];
        for m in &self.marks {
            out[m.entry()].push(*m);
        }
        out
    }

    /// Each judge's marks, by judge index.
    pub fn by_judge(&self) -> Vec<Vec<Mark>> {
        let mut out = vec![Vec::new(); self.judges.len()];
        for m in &self.marks {
            out[m.judge()].push(*m);
        }
        out
    }
}

/// How marks become one score per entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// The mean of the judges' marks.
    Mean,
    /// The sum of the marks of the chosen judges only (all when empty), as the Judgment of Paris
    /// counted its nine French judges.
    Sum {
        judges: Vec<usize>,
    },
    /// The mean after dropping the `drop` highest and `drop` lowest marks, as diving does:
    /// of the judges' totals, or of each criterion on its own before weighting, as figure
    /// skating judges its program components.
    Trimmed {
        drop: usize,
        by: TrimBy,
    },
    Median,
    /// Each judge's marks become ranks (1 is best, ties share the mean rank); the lowest sum of
    /// ranks wins. R. E. Quandt's "votes against", used at the Judgment of Princeton.
    RankSum,
    /// Each judge's marks standardised (mean 0, spread 1) before averaging, so a judge's habits
    /// of scale do not count.
    ZScore,
    /// A model of each judge's leniency and severity fitted jointly with each entry's quality.
    Calibrated,
    /// Copeland: the entries each entry beats head to head, over the judges who marked both,
    /// minus those it loses to.
    Copeland,
    /// Schulze: the entries each entry beats by its strongest chain of head-to-head wins.
    Schulze,
}

/// The methods by name, as `merge.method` in judging.toml and `--method` give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum MethodName {
    /// Fits each judge's leniency and severity with each entry's quality (the default: see README)
    #[default]
    Calibrated,
    /// The mean of the judges' totals
    Mean,
    /// The sum of the totals of the --judges chosen (all by default), as at the Judgment of Paris
    Sum,
    /// The median of the judges' totals
    Median,
    /// The mean without the --trim highest and lowest totals (or marks of each criterion, with
    /// --trim-by criterion)
    Trimmed,
    /// Each judge's totals standardised before averaging
    ZScore,
    /// Each judge's totals as ranks; the lowest sum wins (Quandt's "votes against")
    RankSum,
    /// Head-to-head wins minus losses over the judges who scored both
    Copeland,
    /// The entries each beats by its strongest chain of head-to-head wins (up to 1,000 entries)
    Schulze,
}

/// What the trimmed method trims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum TrimBy {
    /// Each judge's total: the highest and lowest totals are dropped
    #[default]
    Total,
    /// Each criterion on its own: its highest and lowest marks are dropped, the rest averaged,
    /// then weighted
    Criterion,
}

impl Method {
    /// The method a name stands for, with the trimmed method's depth and what it trims. The
    /// judges the sum counts are chosen later, by name.
    pub fn named(name: MethodName, drop: usize, by: TrimBy) -> Method {
        match name {
            MethodName::Calibrated => Method::Calibrated,
            MethodName::Mean => Method::Mean,
            MethodName::Sum => Method::Sum { judges: Vec::new() },
            MethodName::Median => Method::Median,
            MethodName::Trimmed => Method::Trimmed { drop, by },
            MethodName::ZScore => Method::ZScore,
            MethodName::RankSum => Method::RankSum,
            MethodName::Copeland => Method::Copeland,
            MethodName::Schulze => Method::Schulze,
        }
    }

    /// Whether it merges each criterion on its own, and so needs [`Panel::criteria`].
    pub fn by_criterion(&self) -> bool {
        matches!(self, Method::Trimmed { by: TrimBy::Criterion, .. })
    }

    /// Whether a lower merged score is better (only the rank sum).
    pub fn lower_is_better(&self) -> bool {
        matches!(self, Method::RankSum)
    }

    /// How its scores are placed: which way is better, and how near two scores must be to be
    /// the same score. A fitted score is only as exact as its fit; a difference within that is
    /// the fit's rounding, which must not decide a place the tie-breaks or the jury should.
    pub fn order(&self) -> Order {
        let alike = match self {
            Method::Calibrated => calibrated::SCORES_ALIKE,
            _ => EXACTLY_ALIKE,
        };
        Order { lower_is_better: self.lower_is_better(), alike }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Method::Mean => "mean",
            Method::Sum { .. } => "sum",
            Method::Trimmed { by: TrimBy::Total, .. } => "trimmed",
            Method::Trimmed { by: TrimBy::Criterion, .. } => "trimmed-by-criterion",
            Method::Median => "median",
            Method::RankSum => "rank-sum",
            Method::ZScore => "z-score",
            Method::Calibrated => "calibrated",
            Method::Copeland => "copeland",
            Method::Schulze => "schulze",
        }
    }

    /// Why the method gives no score to an entry some judge scored, in words for the jury.
    pub fn why_unranked(&self) -> String {
        match self {
            Method::Trimmed { drop, by: TrimBy::Total } => format!(
                "too few judges for the trimmed method: dropping the {drop} highest and {drop} lowest totals needs {} judges or more",
                2 * drop + 1
            ),
            Method::Trimmed { drop, by: TrimBy::Criterion } => format!(
                "a criterion with too few marks for the trimmed method: dropping the {drop} highest and {drop} lowest needs {} marks or more",
                2 * drop + 1
            ),
            Method::Sum { .. } => "not scored by every judge the sum counts".to_owned(),
            other => format!("the {} method gives it no score", other.name()),
        }
    }
}

/// One merged score per entry, `None` for an entry no judge marked.
pub fn merge(panel: &Panel, method: &Method) -> Vec<Option<f64>> {
    let values = |marks: &Vec<Mark>| marks.iter().map(|m| m.value).collect::<Vec<_>>();
    // Only the plain statistics need the marks grouped by entry; the models group their own.
    let per_entry = |stat: &dyn Fn(&[f64]) -> Option<f64>| panel.by_entry().iter().map(|m| stat(&values(m))).collect();
    match method {
        Method::Mean => per_entry(&mean),
        // A sum compares entries only when the same judges count for each: an entry that not every
        // counted judge scored has none.
        Method::Sum { judges } => {
            let counted: Vec<usize> =
                if judges.is_empty() { (0..panel.judges.len()).collect() } else { judges.clone() };
            panel
                .by_entry()
                .iter()
                .map(|marks| {
                    let every = counted.iter().all(|j| marks.iter().any(|m| m.judge() == *j));
                    every.then(|| marks.iter().filter(|m| counted.contains(&m.judge())).map(|m| m.value).sum())
                })
                .collect()
        }
        Method::Trimmed { drop, by: TrimBy::Criterion } if panel.criteria.is_some() => {
            trimmed_by_criterion(panel, *drop)
        }
        // A panel without criterion values holds totals only: they are what is trimmed.
        Method::Trimmed { drop, .. } => per_entry(&|v| trimmed_mean(v, *drop)),
        Method::Median => per_entry(&median),
        Method::RankSum => rank_sums(panel),
        Method::ZScore => zscores(panel),
        Method::Calibrated => calibrated::fit(panel).quality,
        Method::Copeland => pairwise::copeland(panel),
        Method::Schulze => pairwise::schulze(panel),
    }
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

pub use crate::stats::median;

/// The population standard deviation: how far a set of marks spreads.
pub fn spread(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    Some((values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / values.len() as f64).sqrt())
}

/// The sum after dropping the `drop` highest and `drop` lowest values; `None` if nothing is left.
pub fn trimmed_sum(values: &[f64], drop: usize) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let kept = v.get(drop..v.len().checked_sub(drop)?)?;
    (!kept.is_empty()).then(|| kept.iter().sum())
}

pub fn trimmed_mean(values: &[f64], drop: usize) -> Option<f64> {
    let kept = values.len().checked_sub(2 * drop).filter(|k| *k > 0)?;
    Some(trimmed_sum(values, drop)? / kept as f64)
}

/// Each criterion trimmed on its own (its `drop` highest and lowest marks dropped, the rest
/// averaged), then the criteria weighted into a total as a judge's total is
/// ([`crate::model::total`]'s weighted mean). An entry with a criterion too thinly marked to
/// trim has none; a criterion nobody could mark on its rubric does not count.
fn trimmed_by_criterion(panel: &Panel, drop: usize) -> Vec<Option<f64>> {
    let Some(criteria) = &panel.criteria else { return vec![None; panel.entries.len()] };
    let mut marks_of = vec![Vec::new(); panel.entries.len()];
    for (i, m) in panel.marks.iter().enumerate() {
        marks_of[m.entry()].push(i);
    }
    let entry_total = |marks: &Vec<usize>| {
        let (mut sum, mut weights) = (0.0, 0.0);
        for (c, weight) in criteria.weights.iter().enumerate().filter(|(_, w)| **w > 0.0) {
            let values: Vec<f64> = marks.iter().filter_map(|i| criteria.of(*i)[c]).collect();
            if values.is_empty() {
                continue;
            }
            sum += weight * trimmed_mean(&values, drop)?;
            weights += weight;
        }
        (weights > 0.0).then(|| sum / weights)
    };
    marks_of.iter().map(entry_total).collect()
}

/// Ranks with ties sharing the mean of the ranks they span: [9, 7, 9] ranks as [1.5, 3, 1.5]
/// when higher is better.
pub fn ranks(values: &[f64], higher_is_better: bool) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| {
        let (x, y) = (values[*a], values[*b]);
        if higher_is_better { y.total_cmp(&x) } else { x.total_cmp(&y) }
    });
    let mut out = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold equal values: ranks start+1 ..= end, averaged.
        let shared = (start + 1 + end) as f64 / 2.0;
        for i in &order[start..end] {
            out[*i] = shared;
        }
        start = end;
    }
    out
}

fn rank_sums(panel: &Panel) -> Vec<Option<f64>> {
    let mut sums: Vec<Option<f64>> = vec![None; panel.entries.len()];
    for marks in panel.by_judge() {
        let values: Vec<f64> = marks.iter().map(|m| m.value).collect();
        for (m, r) in marks.iter().zip(ranks(&values, true)) {
            *sums[m.entry()].get_or_insert(0.0) += r;
        }
    }
    sums
}

fn zscores(panel: &Panel) -> Vec<Option<f64>> {
    let mut per_entry: Vec<Vec<f64>> = vec![Vec::new(); panel.entries.len()];
    for marks in panel.by_judge() {
        let values: Vec<f64> = marks.iter().map(|m| m.value).collect();
        let (Some(m), Some(s)) = (mean(&values), spread(&values)) else { continue };
        for mark in &marks {
            // A judge who gave every entry the same mark says nothing about their order.
            per_entry[mark.entry()].push(if s > 0.0 { (mark.value - m) / s } else { 0.0 });
        }
    }
    per_entry.iter().map(|z| mean(z)).collect()
}

/// One entry's place in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub entry: usize,
    pub score: f64,
    /// 1 is best; entries with equal scores share the best of their places.
    pub place: usize,
    /// Shares its score with another entry: for the jury to decide, never broken silently.
    pub tied: bool,
    /// The tie-break that decided its place among entries of equal score, by index into the keys
    /// given to [`break_ties`].
    pub broken_by: Option<usize>,
}

/// How a method's scores are placed ([`Method::order`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Order {
    pub lower_is_better: bool,
    /// Two scores this near, relative to the larger (or to 1), are the same score.
    pub alike: f64,
}

/// Scores worked out in closed form (means, sums, ranks) are alike within floating-point
/// rounding only.
const EXACTLY_ALIKE: f64 = 1e-9;

/// Orders merged scores into places. Entries without a score are left out. Scores alike (within
/// `order.alike`) share a place, are marked tied and given the same score, the first's; the order
/// among them is by entry index only so that the output is stable.
pub fn rank(scores: &[Option<f64>], order: Order) -> Vec<Standing> {
    let mut marked: Vec<(usize, f64)> = scores.iter().enumerate().filter_map(|(i, s)| s.map(|s| (i, s))).collect();
    marked.sort_by(|a, b| {
        let by_score = if order.lower_is_better { a.1.total_cmp(&b.1) } else { b.1.total_cmp(&a.1) };
        by_score.then(a.0.cmp(&b.0))
    });
    let same = |a: f64, b: f64| (a - b).abs() <= order.alike * a.abs().max(b.abs()).max(1.0);
    let mut out: Vec<Standing> = Vec::with_capacity(marked.len());
    for (i, (entry, score)) in marked.iter().enumerate() {
        // Scores alike are one score from here on, the first's: every output and every later
        // test of equality (tie-breaks, "the very same score" under a prize) then agrees.
        let (place, score) = match out.last() {
            Some(prev) if same(prev.score, *score) => (prev.place, prev.score),
            _ => (i + 1, *score),
        };
        out.push(Standing { entry: *entry, score, place, tied: false, broken_by: None });
    }
    for i in 0..out.len() {
        let tied =
            (i > 0 && out[i - 1].place == out[i].place) || (i + 1 < out.len() && out[i + 1].place == out[i].place);
        out[i].tied = tied;
    }
    out
}

/// Orders entries that share a place by the tie-break keys in turn (`keys[k][entry]`, higher is
/// better), as a jury's rules might say "higher utility first, then more judges". Entries the
/// keys cannot separate stay tied; each entry a key placed records which key did.
pub fn break_ties(mut standings: Vec<Standing>, keys: &[Vec<f64>]) -> Vec<Standing> {
    // The first key that separates two entries, if any.
    let decider = |a: usize, b: usize| keys.iter().position(|k| k[a].total_cmp(&k[b]).is_ne());
    let mut start = 0;
    while start < standings.len() {
        let place = standings[start].place;
        let end = start + standings[start..].iter().take_while(|s| s.place == place).count();
        if end - start > 1 && !keys.is_empty() {
            let group = &mut standings[start..end];
            group.sort_by(|a, b| match decider(a.entry, b.entry) {
                Some(k) => keys[k][b.entry].total_cmp(&keys[k][a.entry]),
                None => a.entry.cmp(&b.entry),
            });
            let n = group.len();
            let split: Vec<Option<usize>> = (1..n).map(|i| decider(group[i - 1].entry, group[i].entry)).collect();
            for i in 0..n {
                group[i].place = if i > 0 && split[i - 1].is_none() { group[i - 1].place } else { place + i };
                group[i].tied = (i > 0 && split[i - 1].is_none()) || split.get(i).is_some_and(Option::is_none);
            }
            for (i, deepest) in deepest_keys(&split).into_iter().enumerate() {
                group[i].broken_by = deepest;
            }
        }
        start = end;
    }
    standings
}

/// For each entry of a group in the keys' order, the deepest key it took to set it apart from
/// any other (`None` where nothing did), from `split[i]`, the key that separates entries `i` and
/// `i + 1`. In that order the first key on which two entries differ is the shallowest split
/// between them, so an entry's deepest is at the edges of its own run of tied entries: one pass,
/// where comparing every pair took a tie of 10,000 a hundred million comparisons.
fn deepest_keys(split: &[Option<usize>]) -> Vec<Option<usize>> {
    let n = split.len() + 1;
    let mut deepest = vec![None; n];
    let mut start = 0;
    while start < n {
        // The run of entries tied with `start`, and the splits at its two edges.
        let end = start + split[start..].iter().take_while(|s| s.is_none()).count();
        let before = start.checked_sub(1).and_then(|i| split[i]);
        let after = split.get(end).copied().flatten();
        deepest[start..=end].fill(before.max(after));
        start = end + 1;
    }
    deepest
}

#[cfg(test)]
mod tests;
