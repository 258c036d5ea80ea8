//! How much judges really differ, estimated from the panel itself: the spreads of the
//! distributions each judge's leniency and severity are drawn from, and the noise of a mark.
//!
//! Each judge's own estimate of a habit comes with a sampling variance that shrinks as they give
//! more marks. The panel's spread of that habit is what remains of the judges' differences once
//! that sampling variance is taken out. A judge's habit is then the precision-weighted blend of
//! their own estimate and the typical judge's (the empirical-Bayes posterior mean): a judge with
//! many marks keeps their own, a judge with few is taken as mostly typical, and how few is "few"
//! follows from how much the panel's judges differ rather than from a constant.

/// One habit across the panel: the typical value and the spread of judges around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub typical: f64,
    /// The variance of the habit among judges, once their sampling noise is taken out.
    pub variance: f64,
}

/// Below this share of the estimates' scatter the judges are taken as alike rather than as
/// identical: a variance of 0 would silence every judge's own evidence, however much of it there
/// is.
const FLOOR: f64 = 1e-4;
/// Rounds of the fixed point between the typical value and the spread; it settles in a few, and
/// the fit's outer loop refines it again every round.
const ROUNDS: usize = 8;
/// The least share of a judge's spread taken as their stretch rather than noise.
const LEAST_SIGNAL: f64 = 0.25;

impl Spread {
    /// The typical value and the spread of one habit, from each judge's own estimate and its
    /// sampling variance (`(estimate, variance)`; judges with no estimate are left out). The
    /// spread is the weighted excess of the estimates' scatter over their sampling noise
    /// (Morris's estimator for a normal hierarchy), never below a small floor.
    pub fn of(estimates: &[(f64, f64)], previous: Spread) -> Spread {
        if estimates.len() < 2 {
            return previous;
        }
        // The scatter the floor is a share of, each estimate weighed by how sure it is: one
        // judge's wild estimate from two marks of two nearly equal entries (which comes with a
        // sampling variance as wild) must not lift the floor for everyone.
        let raw = {
            let least = estimates.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
            let sure = |v: f64| if v <= least { 1.0 } else { least / v };
            let total: f64 = estimates.iter().map(|(_, v)| sure(*v)).sum();
            let m = estimates.iter().map(|(x, v)| x * sure(*v)).sum::<f64>() / total;
            estimates.iter().map(|(x, v)| (x - m).powi(2) * sure(*v)).sum::<f64>() / total
        };
        let floor = (FLOOR * raw).max(1e-12);
        let mut s = Spread { typical: previous.typical, variance: previous.variance.max(floor) };
        for _ in 0..ROUNDS {
            let (mut sw, mut swx) = (0.0, 0.0);
            for (x, v) in estimates {
                let w = 1.0 / (v + s.variance);
                sw += w;
                swx += w * x;
            }
            let typical = swx / sw;
            let (mut sw2, mut excess) = (0.0, 0.0);
            for (x, v) in estimates {
                let w = 1.0 / (v + s.variance);
                sw2 += w * w;
                excess += w * w * ((x - typical).powi(2) - v);
            }
            // Unbiased for the spread once divided by the weights; a small-sample correction
            // (k / (k - 1)) keeps a handful of judges from looking more alike than they are.
            let k = estimates.len() as f64;
            s = Spread { typical, variance: (excess / sw2 * k / (k - 1.0)).max(floor) };
        }
        s
    }

    /// A judge's habit: their own estimate (with its sampling variance) pulled towards the
    /// typical judge's by how uncertain it is next to how much judges differ. Returns the
    /// habit and the share of it that is the judge's own evidence (0 to 1).
    pub fn blend(&self, estimate: f64, variance: f64) -> (f64, f64) {
        if !variance.is_finite() {
            return (self.typical, 0.0);
        }
        let own = self.variance / (self.variance + variance);
        (self.typical + own * (estimate - self.typical), own)
    }
}

/// A judge's marks summed against the current qualities of the entries they marked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sums {
    pub n: f64,
    pub y: f64,
    pub yy: f64,
    pub q: f64,
    pub qq: f64,
    pub yq: f64,
    /// The summed posterior variance of the qualities of the entries they marked.
    pub unsure: f64,
}

impl Sums {
    /// One mark of a judge against an entry of quality `q`: what the fit's split sums add up to.
    #[cfg(test)]
    pub fn add(&mut self, q: f64, unsure: f64, y: f64) {
        self.n += 1.0;
        self.y += y;
        self.yy += y * y;
        self.add_quality(q, unsure, y);
    }

    /// A judge's own marks summed, with nothing of the qualities yet: these sums do not change
    /// from round to round, so the fit sums them once.
    pub fn own(marks: &[f64]) -> Sums {
        let mut s = Sums::default();
        for y in marks {
            s.n += 1.0;
            s.y += y;
            s.yy += y * y;
        }
        s
    }

    /// The part of [`Sums::add`] that reads the entry's current quality. Each sum adds in the
    /// marks' order, whichever part it is in, so the split changes no bit of it.
    pub fn add_quality(&mut self, q: f64, unsure: f64, y: f64) {
        self.unsure += unsure;
        self.q += q;
        self.qq += q * q;
        self.yq += y * q;
    }

    /// The variance of the judge's marks and of the qualities of the entries they saw.
    pub fn variances(&self) -> (f64, f64) {
        let (my, mq) = (self.y / self.n, self.q / self.n);
        ((self.yy / self.n - my * my).max(0.0), (self.qq / self.n - mq * mq).max(0.0))
    }

    /// The sum of squared residuals of `leniency + severity * quality` over the judge's marks.
    pub fn residual(&self, leniency: f64, severity: f64) -> f64 {
        let (a, b) = (leniency, severity);
        (self.yy - 2.0 * a * self.y - 2.0 * b * self.yq + self.n * a * a + 2.0 * a * b * self.q + b * b * self.qq)
            .max(0.0)
    }
}

/// A judge's severity from the spread of their marks alone, never from their order: the
/// stretch `b` for which `b² × (spread of the qualities they saw)² + noise` (the model's variance
/// of their marks) matches the spread of their marks. A judge who orders the entries the other
/// way round has the same severity as one who agrees, so a dissenter counts fully. Returns the
/// estimate and its sampling variance, taken at the typical severity so that a judge's own
/// extreme marks do not make them look sure.
pub fn severity_of(sums: &Sums, noise: f64, typical: f64) -> Option<(f64, f64)> {
    let (var_y, var_q) = sums.variances();
    if sums.n < 2.0 || var_q <= 1e-12 {
        return None;
    }
    // Where the panel's noise is as large as all of a judge's spread the panel is too thin to
    // tell their noise from their stretch: at least a share of their spread is taken as stretch.
    let b = ((var_y - noise).max(LEAST_SIGNAL * var_y) / var_q).sqrt();
    // Given the qualities, a judge's spread varies only by their noise: its variance over n marks
    // is (4 b² spread² noise + 2 noise²) / (n - 1), carried to the stretch by the slope 2 b spread².
    let t = typical.max(1e-6);
    let slope = 2.0 * t * var_q;
    let variance = (4.0 * t * t * var_q * noise + 2.0 * noise * noise) / ((sums.n - 1.0) * slope * slope);
    Some((b, variance))
}

#[cfg(test)]
mod tests {
    use super::{Spread, Sums, severity_of};

    fn sums(pairs: &[(f64, f64)]) -> Sums {
        let mut s = Sums::default();
        for (q, y) in pairs {
            s.add(*q, 0.0, *y);
        }
        s
    }

    /// The fit sums a judge's own marks once and the qualities each round: the sums come out
    /// as one pass over the marks gives them, to the bit.
    #[test]
    fn sums_split_in_two_parts_are_the_sums_of_one_pass() {
        let marks: Vec<(f64, f64, f64)> = (0..1000u32)
            .map(|i| {
                let x = f64::from(i);
                ((x * 0.37).sin(), (x * 0.11).cos().abs() / 7.0, (x * 1.3).sin() * 2.0 + 0.1)
            })
            .collect();
        let mut whole = Sums::default();
        for (q, u, y) in &marks {
            whole.add(*q, *u, *y);
        }
        let mut split = Sums::own(&marks.iter().map(|(_, _, y)| *y).collect::<Vec<_>>());
        for (q, u, y) in &marks {
            split.add_quality(*q, *u, *y);
        }
        let bits = |s: &Sums| [s.n, s.y, s.yy, s.q, s.qq, s.yq, s.unsure].map(f64::to_bits);
        assert_eq!(bits(&whole), bits(&split));
    }

    #[test]
    fn the_spread_of_judges_is_what_their_scatter_leaves_once_sampling_noise_is_taken_out() {
        let start = Spread { typical: 0.0, variance: 1.0 };
        // Sure estimates: the spread is their scatter (with the small-sample correction).
        let sure = Spread::of(&[(1.0, 0.0), (2.0, 0.0), (3.0, 0.0)], start);
        assert!((sure.typical - 2.0).abs() < 1e-9 && (sure.variance - 1.0).abs() < 1e-9, "{sure:?}");
        // The same scatter from estimates each as unsure as that: the judges may not differ at
        // all, and each is taken as almost entirely typical.
        let unsure = Spread::of(&[(1.0, 4.0), (2.0, 4.0), (3.0, 4.0)], start);
        assert!(unsure.variance < 0.01, "{unsure:?}");
        assert!(unsure.blend(3.0, 4.0).1 < 0.01);
        // A judge's own share grows with their marks' sureness.
        assert!(sure.blend(3.0, 0.1).1 > sure.blend(3.0, 1.0).1);
    }

    #[test]
    fn one_wild_and_unsure_estimate_does_not_make_judges_differ() {
        // Three judges alike, and one whose two marks fell on two nearly equal entries: their
        // severity comes out enormous, and so unsure that it says nothing.
        let alike = [(1.0, 0.01), (1.1, 0.01), (0.9, 0.01)];
        let with_wild = [(1.0, 0.01), (1.1, 0.01), (0.9, 0.01), (1000.0, 1e8)];
        let start = Spread { typical: 1.0, variance: 0.1 };
        let (a, w) = (Spread::of(&alike, start), Spread::of(&with_wild, start));
        assert!(w.variance < 0.02 && (w.variance - a.variance).abs() < 1e-3, "{a:?} {w:?}");
    }

    #[test]
    fn a_judge_who_orders_the_entries_the_other_way_has_the_same_severity() {
        let q = [-1.5, -0.5, 0.0, 0.7, 1.3];
        let agrees: Vec<(f64, f64)> = q.iter().map(|q| (*q, 2.0 * q + 0.1)).collect();
        let dissents: Vec<(f64, f64)> = q.iter().map(|q| (*q, -2.0 * q + 0.1)).collect();
        let (a, d) = (severity_of(&sums(&agrees), 0.2, 1.0), severity_of(&sums(&dissents), 0.2, 1.0));
        assert_eq!(a, d);
        assert!(a.is_some_and(|(b, _)| b > 1.5), "{a:?}");
    }

    #[test]
    fn a_judge_with_more_marks_is_trusted_more() {
        let panel = Spread { typical: 1.0, variance: 0.08 };
        let share = |n: usize| {
            let pairs: Vec<(f64, f64)> =
                (0..n).map(|i| (f64::from(u8::try_from(i % 7).unwrap_or(0)) - 3.0, 0.0)).collect();
            let marks: Vec<(f64, f64)> = pairs.iter().map(|(q, _)| (*q / 2.0, 1.4 * q / 2.0)).collect();
            let (b, v) = severity_of(&sums(&marks), 0.2, 1.0).unwrap_or((1.0, f64::INFINITY));
            panel.blend(b, v).1
        };
        let (three, many) = (share(3), share(36));
        assert!(three < 0.5 && many > 0.8 && three < many, "3 marks {three:.2}, 36 marks {many:.2}");
    }
}
