//! Paired comparisons with ties: Davidson's (1970) extension of the Bradley-Terry model, and a
//! prior that keeps every pair in an order. Pure: indices in, figures out.
//!
//! Entry `i` has a strength `θᵢ` (its log-worth). Compared with `j`, the chances of "i", "j" and
//! "level" are proportional to `e^θᵢ`, `e^θⱼ` and `ν·e^((θᵢ+θⱼ)/2)`: `ν` is how readily judges
//! call two entries level (two equal entries are called level `ν / (2 + ν)` of the time).
//!
//! Every answer counts alike, whoever gave it: a judge is never weighed by how often they agree
//! with the others (Crowd-BT's reliability had weighed a lone dissenter at 0.71 against the
//! others' 0.88; PRODUCT.md refuses that, as Tabbycat does). The strengths and `ln ν` are fitted
//! together, by Newton steps damped as Levenberg and Marquardt damp them (a few dozen for a
//! finals round, a handful from the fit before one more answer came in).
//!
//! With a [`Prior`], each strength is drawn from a normal around a mean (the rubric round's
//! order): a pair nobody compared still has an order, and a finalist everyone beat stays
//! finite. Without one, the fit is Davidson's maximum likelihood, the strengths centred on 0.

// The formulas' own names (θ as `x`, the gradient `g`, the Hessian `h`, `n` entries in `d`
// dimensions) read as the papers write them.
#![allow(clippy::many_single_char_names)]

use super::dense;

/// What one judge answered on one pair: which of the two entries is better, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    First,
    Second,
    Level,
}

/// One answer: judge `judge` compared `first` with `second`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub judge: usize,
    pub first: usize,
    pub second: usize,
    pub outcome: Outcome,
}

/// Each strength's prior: normal around `mean[i]` with standard deviation `sd`.
#[derive(Debug, Clone, PartialEq)]
pub struct Prior {
    pub mean: Vec<f64>,
    pub sd: f64,
}

/// How to fit: with a prior or none (Davidson's maximum likelihood).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub prior: Option<Prior>,
}
/// The prior of `ln ν` with a prior on the strengths: normal around 0 (`ν` = 1, two equal
/// entries called level a third of the time), this wide.
const TIE_PRIOR_SD: f64 = 1.5;

/// The fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Each entry's strength (log-worth), centred on 0.
    pub strength: Vec<f64>,
    /// The strengths' covariance (row by row), centred as they are: how sure each is, and each
    /// difference.
    pub covariance: Vec<f64>,
    /// `ν`, how readily judges call two entries level.
    pub tie: f64,
    /// How many Newton steps the fit took.
    pub rounds: usize,
}

impl Fit {
    /// The standard error of entry `i`'s strength.
    pub fn sd(&self, i: usize) -> f64 {
        self.covariance[i * self.strength.len() + i].max(0.0).sqrt()
    }

    /// How sure the model is that `i` is stronger than `j`: the posterior chance that `θᵢ > θⱼ`.
    pub fn above(&self, i: usize, j: usize) -> f64 {
        let n = self.strength.len();
        let c = &self.covariance;
        let var = c[i * n + i] + c[j * n + j] - 2.0 * c[i * n + j];
        let gap = self.strength[i] - self.strength[j];
        if var <= 1e-300 {
            return if gap > 0.0 {
                1.0
            } else if gap < 0.0 {
                0.0
            } else {
                0.5
            };
        }
        crate::stats::normal_below(gap / var.sqrt())
    }

    /// The model's chances of "i", "j" and "level" when `i` meets `j`.
    pub fn chances(&self, i: usize, j: usize) -> (f64, f64, f64) {
        outcome_chances(self.strength[i], self.strength[j], self.tie.ln())
    }
}

/// The chances of "i", "j" and "level" for strengths `a`, `b` and `ln ν`.
fn outcome_chances(a: f64, b: f64, ln_tie: f64) -> (f64, f64, f64) {
    let top = a.max(b);
    let (ea, eb, et) = ((a - top).exp(), (b - top).exp(), (ln_tie + f64::midpoint(a, b) - top).exp());
    let d = ea + eb + et;
    (ea / d, eb / d, et / d)
}

/// The most Newton steps; a finals round settles in about ten.
const MOST_STEPS: usize = 200;
/// Nothing moves by more than this: the fit has settled.
const SETTLED: f64 = 1e-9;
/// Two strengths this near (relative to the larger, or to 1) are one strength: the fit stops
/// once no step moves by [`SETTLED`], so a difference within a hundred times that is the fit's
/// rounding, not the answers'. Two finalists with the same record and the same prior came out
/// 1e-16 apart, and the nearer was paid a place above the other.
pub const STRENGTHS_ALIKE: f64 = 1e-7;
/// How strengths are placed: the stronger first, strengths alike one strength, as
/// [`super::rank`] places any merged score ([`super::Method::order`]).
pub const ORDER: super::Order = super::Order { lower_is_better: false, alike: STRENGTHS_ALIKE };

/// Fits the model to `answers` over `n` entries. `start`, a fit of nearly the same answers
/// (before one more came in), makes the fit quicker; it changes nothing else.
pub fn fit(n: usize, answers: &[Answer], settings: &Settings, start: Option<&Fit>) -> Fit {
    let start = start.filter(|s| s.strength.len() == n);
    let model = Model { n, answers, settings };
    let mut x = vec![0.0; model.dimension()];
    match (start, &settings.prior) {
        (Some(s), _) => x[..n].copy_from_slice(&s.strength),
        (None, Some(prior)) => x[..n].copy_from_slice(&prior.mean),
        (None, None) => {}
    }
    x[n] = start.map_or(0.0, |s| s.tie.ln());
    let steps = model.settle(&mut x);
    let covariance = model.covariance(&x);
    let mean = x[..n].iter().sum::<f64>() / n.max(1) as f64;
    Fit { strength: x[..n].iter().map(|t| t - mean).collect(), covariance, tie: x[n].exp(), rounds: steps }
}

/// The posterior being maximised, over `x`: the strengths, then `ln ν`.
struct Model<'a> {
    n: usize,
    answers: &'a [Answer],
    settings: &'a Settings,
}

/// The objective's gradient and Hessian at a point.
struct Slope {
    gradient: Vec<f64>,
    hessian: Vec<f64>,
}

/// The chances of a pair's three outcomes, and what their derivatives need.
#[derive(Clone, Copy)]
struct Pair {
    p: [f64; 3],
    /// The mean of the outcomes' feature vectors over (θᵢ, θⱼ, ln ν).
    mean: [f64; 3],
}

impl Pair {
    fn at(x: &[f64], n: usize, i: usize, j: usize) -> Pair {
        let (pi, pj, pt) = outcome_chances(x[i], x[j], x[n]);
        Pair { p: [pi, pj, pt], mean: [pi + pt / 2.0, pj + pt / 2.0, pt] }
    }

    /// The Hessian of `ln D` over (θᵢ, θⱼ, ln ν): the features' covariance.
    fn curvature(&self) -> [[f64; 3]; 3] {
        const FEATURES: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.5, 0.5, 1.0]];
        let mut out = [[0.0; 3]; 3];
        for (a, row) in out.iter_mut().enumerate() {
            for (b, v) in row.iter_mut().enumerate() {
                let second: f64 = (0..3).map(|k| self.p[k] * FEATURES[k][a] * FEATURES[k][b]).sum();
                *v = second - self.mean[a] * self.mean[b];
            }
        }
        out
    }
}

impl Model<'_> {
    fn dimension(&self) -> usize {
        self.n + 1
    }

    /// Each pair's chances at `x`, by `i * n + j` with `i < j`.
    fn pairs(&self, x: &[f64]) -> Vec<Option<Pair>> {
        let n = self.n;
        let mut out = vec![None; n * n];
        for a in self.answers {
            let (i, j) = (a.first.min(a.second), a.first.max(a.second));
            if out[i * n + j].is_none() {
                out[i * n + j] = Some(Pair::at(x, n, i, j));
            }
        }
        out
    }

    /// The log posterior at `x`.
    fn objective(&self, x: &[f64]) -> f64 {
        let n = self.n;
        let pairs = self.pairs(x);
        let mut total = 0.0;
        for a in self.answers {
            let (i, j) = (a.first.min(a.second), a.first.max(a.second));
            let Some(pair) = pairs[i * n + j] else { continue };
            total += match said(a, i) {
                None => pair.p[2],
                Some(true) => pair.p[0],
                Some(false) => pair.p[1],
            }
            .ln();
        }
        total + log_prior(&x[..n], x[n], self.settings)
    }

    /// The log posterior's gradient and Hessian at `x`.
    fn slope(&self, x: &[f64]) -> Slope {
        let (n, d) = (self.n, self.dimension());
        let mut g = vec![0.0; d];
        let mut h = vec![0.0; d * d];
        let pairs = self.pairs(x);
        for a in self.answers {
            let (i, j) = (a.first.min(a.second), a.first.max(a.second));
            let Some(pair) = pairs[i * n + j] else { continue };
            let at = [i, j, n];
            let curvature = pair.curvature();
            for (u, &p) in at.iter().enumerate() {
                for (v, &q) in at.iter().enumerate() {
                    h[p * d + q] -= curvature[u][v];
                }
            }
            let Some(first) = said(a, i) else {
                // "Level": the gradient of ln pₜ over (θᵢ, θⱼ, ln ν).
                let level = [0.5 - pair.mean[0], 0.5 - pair.mean[1], 1.0 - pair.mean[2]];
                at.iter().zip(level).for_each(|(&p, v)| g[p] += v);
                continue;
            };
            // The gradient of ln p of the outcome said: its unit vector over (θᵢ, θⱼ, ln ν), less
            // the features' mean.
            let said_at = if first { [1.0, 0.0, 0.0] } else { [0.0, 1.0, 0.0] };
            at.iter().enumerate().for_each(|(k, &p)| g[p] += said_at[k] - pair.mean[k]);
        }
        self.prior_slope(x, &mut g, &mut h);
        Slope { gradient: g, hessian: h }
    }

    /// Adds the prior's gradient and Hessian; without a prior, the penalty on the strengths' sum.
    fn prior_slope(&self, x: &[f64], g: &mut [f64], h: &mut [f64]) {
        let (n, d) = (self.n, self.dimension());
        if let Some(prior) = &self.settings.prior {
            let precision = 1.0 / (prior.sd * prior.sd);
            for i in 0..n {
                g[i] -= (x[i] - prior.mean[i]) * precision;
                h[i * d + i] -= precision;
            }
            g[n] -= x[n] / (TIE_PRIOR_SD * TIE_PRIOR_SD);
            h[n * d + n] -= 1.0 / (TIE_PRIOR_SD * TIE_PRIOR_SD);
        } else {
            // The likelihood does not move when every strength moves alike: the penalty on
            // their sum, which is 0 at the centred optimum, fixes where they sit.
            let sum: f64 = x[..n].iter().sum();
            for i in 0..n {
                g[i] -= 2.0 * sum;
                for k in 0..n {
                    h[i * d + k] -= 2.0;
                }
            }
        }
    }

    /// The coordinates held where they are: `ln ν` where nothing (no answer, no prior) says
    /// anything of it.
    fn held(&self, slope: &Slope) -> Vec<bool> {
        let (n, d) = (self.n, self.dimension());
        let mut held = vec![false; d];
        held[n] = slope.hessian[n * d + n] >= 0.0;
        held
    }

    /// Newton steps, damped as Levenberg and Marquardt damp them, from `x` to the maximum.
    /// Returns the steps taken.
    fn settle(&self, x: &mut [f64]) -> usize {
        let d = self.dimension();
        let mut damping = 0.0;
        let mut current = self.objective(x);
        for step in 1..=MOST_STEPS {
            let slope = self.slope(x);
            let held = self.held(&slope);
            let mut moved = None;
            for _ in 0..40 {
                let system = information(d, &slope.hessian, &held, damping);
                let Some(l) = dense::cholesky(d, &system) else {
                    damping = (damping * 4.0).max(1e-4);
                    continue;
                };
                let gradient: Vec<f64> =
                    slope.gradient.iter().zip(&held).map(|(g, h)| if *h { 0.0 } else { *g }).collect();
                let delta = dense::solve(d, &l, &gradient);
                let trial: Vec<f64> = x.iter().zip(&delta).map(|(a, b)| a + b).collect();
                let value = self.objective(&trial);
                if value >= current - 1e-12 * current.abs() {
                    let size = trial.iter().zip(x.iter()).fold(0.0_f64, |m, (a, b)| m.max((a - b).abs()));
                    x.copy_from_slice(&trial);
                    current = value;
                    damping /= 4.0;
                    moved = Some(size);
                    break;
                }
                damping = (damping * 4.0).max(1e-4);
            }
            match moved {
                Some(size) if size >= SETTLED => {}
                _ => return step,
            }
        }
        MOST_STEPS
    }

    /// The strengths' covariance: the inverse of the posterior's curvature at its maximum,
    /// centred.
    fn covariance(&self, x: &[f64]) -> Vec<f64> {
        let (n, d) = (self.n, self.dimension());
        let slope = self.slope(x);
        let held = self.held(&slope);
        let inverse = dense::cholesky(d, &information(d, &slope.hessian, &held, 0.0))
            .map_or_else(|| vec![0.0; d * d], |l| dense::inverse(d, &l));
        // The penalty on the sum added `2·11ᵀ` to the information; its share of the inverse is
        // `11ᵀ / (2n²)`.
        let penalty = if self.settings.prior.is_none() { 1.0 / (2.0 * (n * n) as f64) } else { 0.0 };
        let mut theta: Vec<f64> = (0..n * n).map(|k| inverse[(k / n) * d + k % n] - penalty).collect();
        centre(n, &mut theta);
        theta
    }
}

/// Which of the pair `(i, _)` the answer says is better: `Some(true)` for `i`, `Some(false)`
/// for the other, `None` for level.
fn said(a: &Answer, i: usize) -> Option<bool> {
    match a.outcome {
        Outcome::Level => None,
        Outcome::First => Some(a.first == i),
        Outcome::Second => Some(a.second == i),
    }
}

/// The negative Hessian, damped, with the held coordinates' rows and columns made the unit's.
fn information(d: usize, hessian: &[f64], held: &[bool], damping: f64) -> Vec<f64> {
    let mut out: Vec<f64> = hessian.iter().map(|v| -v).collect();
    for k in 0..d {
        if held[k] {
            for m in 0..d {
                out[k * d + m] = 0.0;
                out[m * d + k] = 0.0;
            }
            out[k * d + k] = 1.0;
        } else {
            out[k * d + k] += damping;
        }
    }
    out
}

/// The log prior of the strengths and `ln ν`; without a prior, the penalty on their sum.
fn log_prior(theta: &[f64], ln_tie: f64, settings: &Settings) -> f64 {
    match &settings.prior {
        Some(prior) => {
            let spread = 2.0 * prior.sd * prior.sd;
            let strengths: f64 = theta.iter().zip(&prior.mean).map(|(t, m)| (t - m) * (t - m) / spread).sum();
            -strengths - ln_tie * ln_tie / (2.0 * TIE_PRIOR_SD * TIE_PRIOR_SD)
        }
        None => -theta.iter().sum::<f64>().powi(2),
    }
}

/// A covariance of strengths made that of the strengths less their mean: `P C P` with
/// `P = I − 11ᵀ/n`.
fn centre(n: usize, c: &mut [f64]) {
    let row: Vec<f64> = (0..n).map(|i| (0..n).map(|j| c[i * n + j]).sum::<f64>() / n as f64).collect();
    let all = row.iter().sum::<f64>() / n as f64;
    for i in 0..n {
        for j in 0..n {
            c[i * n + j] += all - row[i] - row[j];
        }
    }
}

#[cfg(test)]
mod tests;
