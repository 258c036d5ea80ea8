//! Paired comparisons with ties: Davidson's (1970) extension of the Bradley-Terry model, each
//! judge's reliability as Crowd-BT models it (Chen, Bennett, Collins-Thompson and Horvitz, WSDM
//! 2013), and a prior that keeps every pair in an order. Pure: indices in, figures out.
//!
//! Entry `i` has a strength `θᵢ` (its log-worth). Compared with `j`, the chances of "i", "j" and
//! "level" are proportional to `e^θᵢ`, `e^θⱼ` and `ν·e^((θᵢ+θⱼ)/2)`: `ν` is how readily judges
//! call two entries level (two equal entries are called level `ν / (2 + ν)` of the time).
//!
//! A judge `k` agrees with the true order with probability `ηₖ` and answers the other way round
//! otherwise (Crowd-BT); a "level" is taken as said. `ηₖ` is estimated from the judge's own answers
//! against the fitted order, shrunk towards the panel's typical agreement by
//! [`RELIABILITY_WEIGHT`] answers' worth, and kept between 1/2 (a judge no better than a coin
//! counts for nothing; no judge is ever turned round, however they disagree) and
//! [`MOST_RELIABLE`]. The strengths, `ln ν` and the reliabilities are fitted together, by
//! Newton steps damped as Levenberg and Marquardt damp them (a few dozen for a finals round, a
//! handful from the fit before one more answer came in).
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

/// How to fit: with a prior or none (Davidson's maximum likelihood), with each judge's
/// reliability estimated or every judge taken as always right.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub prior: Option<Prior>,
    pub reliability: bool,
}

/// How many answers' worth the panel's typical reliability weighs in each judge's: a judge of
/// 10 answers is half their own record, half typical. Crowd-BT's Beta(10, 1) prior weighs 11.
pub const RELIABILITY_WEIGHT: f64 = 10.0;
/// No judge is taken as never wrong.
pub const MOST_RELIABLE: f64 = 0.99;
/// Before their answers say otherwise, a judge agrees with the true order this often (the mean
/// of Crowd-BT's Beta(10, 1)).
pub const FIRST_RELIABILITY: f64 = 10.0 / 11.0;
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
    /// Each judge's chance of agreeing with the true order; 1 when reliability is not estimated.
    pub reliability: Vec<f64>,
    /// The panel's typical reliability, which each judge's is shrunk towards.
    pub typical: f64,
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

/// Fits the model to `answers` over `n` entries and `judges` judges. `start`, a fit of nearly
/// the same answers (before one more came in), makes the fit quicker; it changes nothing else.
pub fn fit(n: usize, judges: usize, answers: &[Answer], settings: &Settings, start: Option<&Fit>) -> Fit {
    let start = start.filter(|s| s.strength.len() == n && s.reliability.len() == judges);
    let mut model = Model::new(n, if settings.reliability { judges } else { 0 }, answers, settings);
    let mut x = vec![0.0; model.dimension()];
    match (start, &settings.prior) {
        (Some(s), _) => x[..n].copy_from_slice(&s.strength),
        (None, Some(prior)) => x[..n].copy_from_slice(&prior.mean),
        (None, None) => {}
    }
    x[n] = start.map_or(0.0, |s| s.tie.ln());
    for k in 0..model.judges {
        x[n + 1 + k] = start.map_or(FIRST_RELIABILITY, |s| s.reliability[k].clamp(0.5, MOST_RELIABLE));
    }
    model.typical = start.map_or(FIRST_RELIABILITY, |s| s.typical);
    let mut steps = model.settle(&mut x);
    // The panel's typical reliability depends on the fit, and the fit on it: each judge's is
    // shrunk towards the typical one, which is the share of all answers the fit takes as true.
    // The typical value is found where the two agree, by the secant method.
    if model.judges > 0 {
        let mut before: Option<(f64, f64)> = None;
        for _ in 0..30 {
            let at = model.typical;
            let gap = model.typical(&x) - at;
            // Settled, or held at a bound it would go beyond.
            if gap.abs() < SETTLED || (at >= MOST_RELIABLE && gap > 0.0) || (at <= 0.5 && gap < 0.0) {
                break;
            }
            let slope = before.map(|(m, g)| (gap - g) / (at - m)).filter(|s| s.is_finite() && *s < 0.0);
            before = Some((at, gap));
            model.typical = slope.map_or(at + gap, |s| at - gap / s).clamp(0.5, MOST_RELIABLE);
            steps += model.settle(&mut x);
        }
    }
    let covariance = model.covariance(&x);
    let mean = x[..n].iter().sum::<f64>() / n.max(1) as f64;
    Fit {
        strength: x[..n].iter().map(|t| t - mean).collect(),
        covariance,
        tie: x[n].exp(),
        reliability: if model.judges == 0 { vec![1.0; judges] } else { x[n + 1..].to_vec() },
        typical: model.typical,
        rounds: steps,
    }
}

/// The posterior being maximised, over `x`: the strengths, `ln ν`, then each judge's reliability
/// (when estimated).
struct Model<'a> {
    n: usize,
    /// Judges whose reliability is estimated: 0 when every judge is taken as always right.
    judges: usize,
    answers: &'a [Answer],
    settings: &'a Settings,
    /// The panel's typical reliability, which each judge's is shrunk towards.
    typical: f64,
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

impl<'a> Model<'a> {
    fn new(n: usize, judges: usize, answers: &'a [Answer], settings: &'a Settings) -> Model<'a> {
        Model { n, judges, answers, settings, typical: FIRST_RELIABILITY }
    }

    fn dimension(&self) -> usize {
        self.n + 1 + self.judges
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

    /// The Beta prior of a judge's reliability, as (α − 1, β − 1): its mode is the typical
    /// reliability, and it weighs [`RELIABILITY_WEIGHT`] answers.
    fn beta(&self) -> (f64, f64) {
        (RELIABILITY_WEIGHT * self.typical, RELIABILITY_WEIGHT * (1.0 - self.typical))
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
                None => pair.p[2].ln(),
                Some(first) => {
                    let (s, o) = if first { (pair.p[0], pair.p[1]) } else { (pair.p[1], pair.p[0]) };
                    let eta = if self.judges == 0 { 1.0 } else { x[n + 1 + a.judge] };
                    (eta * s + (1.0 - eta) * o).ln()
                }
            };
        }
        let (alpha, beta) = self.beta();
        let reliabilities: f64 = x[n + 1..].iter().map(|e| alpha * e.ln() + beta * (1.0 - e).ln()).sum();
        total + log_prior(&x[..n], x[n], self.settings) + reliabilities
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
            // The outcome said and the other, as unit vectors over (θᵢ, θⱼ, ln ν).
            let (s, o) = if first { (0, 1) } else { (1, 0) };
            let unit = |k: usize| [f64::from(u8::from(k == 0)), f64::from(u8::from(k == 1)), 0.0];
            let grad_said: [f64; 3] = std::array::from_fn(|k| unit(s)[k] - pair.mean[k]);
            let grad_other: [f64; 3] = std::array::from_fn(|k| unit(o)[k] - pair.mean[k]);
            if self.judges == 0 {
                at.iter().zip(grad_said).for_each(|(&p, v)| g[p] += v);
                continue;
            }
            let e = n + 1 + a.judge;
            let eta = x[e];
            let (ps, po) = (pair.p[s], pair.p[o]);
            let q = eta * ps + (1.0 - eta) * po;
            let r = eta * ps / q;
            for k in 0..3 {
                g[at[k]] += r * grad_said[k] + (1.0 - r) * grad_other[k];
            }
            // Doubt about which outcome the judge meant widens the pair's difference.
            let doubt = r * (1.0 - r);
            let (said_at, other_at) = (at[s], at[o]);
            h[said_at * d + said_at] += doubt;
            h[other_at * d + other_at] += doubt;
            h[said_at * d + other_at] -= doubt;
            h[other_at * d + said_at] -= doubt;
            let (big_a, big_b) = (ps / q, po / q);
            g[e] += big_a - big_b;
            h[e * d + e] -= (big_a - big_b).powi(2);
            for k in 0..3 {
                let mixed = big_a * grad_said[k]
                    - big_b * grad_other[k]
                    - (big_a - big_b) * (eta * big_a * grad_said[k] + (1.0 - eta) * big_b * grad_other[k]);
                h[e * d + at[k]] += mixed;
                h[at[k] * d + e] += mixed;
            }
        }
        let (alpha, beta) = self.beta();
        for k in 0..self.judges {
            let (e, eta) = (n + 1 + k, x[n + 1 + k]);
            g[e] += alpha / eta - beta / (1.0 - eta);
            h[e * d + e] -= alpha / (eta * eta) + beta / ((1.0 - eta) * (1.0 - eta));
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

    /// The coordinates held where they are: a reliability at a bound that would go beyond it,
    /// and `ln ν` where nothing (no answer, no prior) says anything of it.
    fn held(&self, x: &[f64], slope: &Slope) -> Vec<bool> {
        let (n, d) = (self.n, self.dimension());
        let mut held = vec![false; d];
        held[n] = slope.hessian[n * d + n] >= 0.0;
        for k in 0..self.judges {
            let (e, eta) = (n + 1 + k, x[n + 1 + k]);
            held[e] = (eta <= 0.5 && slope.gradient[e] <= 0.0) || (eta >= MOST_RELIABLE && slope.gradient[e] >= 0.0);
        }
        held
    }

    /// Newton steps, damped as Levenberg and Marquardt damp them, from `x` to the maximum for
    /// the typical reliability as it stands. Returns the steps taken.
    fn settle(&self, x: &mut [f64]) -> usize {
        let d = self.dimension();
        let mut damping = 0.0;
        let mut current = self.objective(x);
        for step in 1..=MOST_STEPS {
            let slope = self.slope(x);
            let held = self.held(x, &slope);
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
                let mut trial: Vec<f64> = x.iter().zip(&delta).map(|(a, b)| a + b).collect();
                trial[self.n + 1..].iter_mut().for_each(|e| *e = e.clamp(0.5, MOST_RELIABLE));
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

    /// The panel's typical reliability at `x`: the share of answers taken as their judges' true
    /// view, over every judge, itself shrunk towards [`FIRST_RELIABILITY`] by
    /// [`RELIABILITY_WEIGHT`] answers so that a panel of one judge stays anchored.
    fn typical(&self, x: &[f64]) -> f64 {
        let n = self.n;
        let pairs = self.pairs(x);
        let (mut agreed, mut said_any) = (0.0, 0.0);
        for a in self.answers {
            let (i, j) = (a.first.min(a.second), a.first.max(a.second));
            let (Some(pair), Some(first)) = (pairs[i * n + j], said(a, i)) else { continue };
            let (s, o) = if first { (pair.p[0], pair.p[1]) } else { (pair.p[1], pair.p[0]) };
            let eta = x[n + 1 + a.judge];
            agreed += eta * s / (eta * s + (1.0 - eta) * o);
            said_any += 1.0;
        }
        ((agreed + RELIABILITY_WEIGHT * FIRST_RELIABILITY) / (said_any + RELIABILITY_WEIGHT)).clamp(0.5, MOST_RELIABLE)
    }

    /// The strengths' covariance: the inverse of the posterior's curvature at its maximum (the
    /// reliabilities' own doubt included), centred.
    fn covariance(&self, x: &[f64]) -> Vec<f64> {
        let (n, d) = (self.n, self.dimension());
        let slope = self.slope(x);
        let held = self.held(x, &slope);
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
