//! Krippendorff's alpha: how far judges agree, whatever the design (every judge on every entry,
//! or each on a few), as one figure from 1 (perfect agreement) through 0 (no better than chance)
//! to below 0 (systematic disagreement). Computed as Krippendorff, "Computing Krippendorff's
//! Alpha-Reliability" (2011) does: the disagreement observed within each entry's marks, against
//! the disagreement expected among all marks paired at random.

use std::collections::HashMap;

/// How marks are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Equal or not: categories.
    Nominal,
    /// By their order only: a 4 and a 5 are as far apart as the marks between them are many.
    Ordinal,
    /// By their differences: a 2 and a 4 are twice as far apart as a 2 and a 3.
    Interval,
}

/// Alpha over units (entries), each with the values its observers (judges) gave. Units with
/// fewer than two values carry no pair and are left out, as the method says. `None` when fewer
/// than two pairable values are left, or when they are all equal (no disagreement to expect).
pub fn alpha(units: &[Vec<f64>], level: Level) -> Option<f64> {
    of_marks(
        units.len(),
        || units.iter().enumerate().flat_map(|(u, values)| values.iter().map(move |v| (u, *v))),
        level,
    )
}

/// [`alpha`] over marks given as (unit, value), in any order, as often as `marks` is called:
/// half a million marks need not be gathered into a list for each unit.
pub fn of_marks<I: Iterator<Item = (usize, f64)>>(units: usize, marks: impl Fn() -> I, level: Level) -> Option<f64> {
    let mut count = vec![0usize; units];
    for (u, _) in marks() {
        count[u] += 1;
    }
    let pairable = || marks().filter(|(u, _)| count[*u] >= 2);
    let n: usize = count.iter().filter(|c| **c >= 2).sum();
    if n < 2 {
        return None;
    }
    match level {
        Level::Interval => interval(units, pairable(), n, |v| v),
        Level::Ordinal => {
            // The ordinal metric is the interval one on each value's mid-rank among all pairable
            // values: the values below it plus half its own count. Counted by distinct value
            // (half a million marks hold a few dozen), not sorted.
            let key = |v: f64| (v + 0.0).to_bits(); // -0 and 0 are one value
            let mut counts: HashMap<u64, usize, foldhash::fast::RandomState> = HashMap::default();
            for (_, v) in pairable() {
                *counts.entry(key(v)).or_default() += 1;
            }
            let mut distinct: Vec<(f64, usize)> = counts.into_iter().map(|(k, n)| (f64::from_bits(k), n)).collect();
            distinct.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut below = 0;
            let mid: HashMap<u64, f64, foldhash::fast::RandomState> = distinct
                .into_iter()
                .map(|(v, n)| {
                    let rank = below as f64 + n as f64 / 2.0;
                    below += n;
                    (key(v), rank)
                })
                .collect();
            interval(units, pairable(), n, |v| mid.get(&key(v)).copied().unwrap_or_default())
        }
        Level::Nominal => {
            let mut grouped: Vec<Vec<f64>> = count.iter().map(|c| Vec::with_capacity(*c)).collect();
            for (u, v) in pairable() {
                grouped[u].push(v);
            }
            nominal(&grouped.iter().filter(|g| !g.is_empty()).collect::<Vec<_>>(), n)
        }
    }
}

/// Interval alpha in one pass over the pairable marks, each value as `measure` takes it: the sum
/// of squared differences over all ordered pairs of a set of m values is 2·m·Σv² − 2·(Σv)², so
/// each unit needs only its count, sum and sum of squares, and so do all values together.
fn interval(
    units: usize,
    pairable: impl Iterator<Item = (usize, f64)>,
    n: usize,
    measure: impl Fn(f64) -> f64,
) -> Option<f64> {
    #[derive(Clone, Copy, Default)]
    struct Sums {
        count: f64,
        sum: f64,
        squares: f64,
    }
    impl Sums {
        fn add(&mut self, v: f64) {
            self.count += 1.0;
            self.sum += v;
            self.squares += v * v;
        }
        fn squared_gaps(&self) -> f64 {
            2.0 * self.count * self.squares - 2.0 * self.sum * self.sum
        }
    }
    let mut each = vec![Sums::default(); units];
    for (u, v) in pairable {
        each[u].add(measure(v));
    }
    // All values' sums from the units', in unit order: the same whatever order the marks came
    // in, and more exact than one long running sum of half a million values.
    let all = each.iter().fold(Sums::default(), |all, u| Sums {
        count: all.count + u.count,
        sum: all.sum + u.sum,
        squares: all.squares + u.squares,
    });
    let observed: f64 =
        each.iter().filter(|s| s.count >= 2.0).map(|s| s.squared_gaps() / (s.count - 1.0)).sum::<f64>() / n as f64;
    let expected = all.squared_gaps() / (n as f64 * (n as f64 - 1.0));
    ratio(observed, expected)
}

fn nominal(units: &[&Vec<f64>], n: usize) -> Option<f64> {
    // Pairs that differ: within a unit of m values, m² less the pairs that match (Σ count²).
    let differing = |values: &[f64]| {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let same: usize = sorted.chunk_by(|a, b| a == b).map(|run| run.len() * run.len()).sum();
        (values.len() * values.len() - same) as f64
    };
    let observed: f64 = units.iter().map(|u| differing(u) / (u.len() as f64 - 1.0)).sum::<f64>() / n as f64;
    let all: Vec<f64> = units.iter().flat_map(|u| u.iter().copied()).collect();
    let expected = differing(&all) / (n as f64 * (n as f64 - 1.0));
    ratio(observed, expected)
}

fn ratio(observed: f64, expected: f64) -> Option<f64> {
    (expected > 1e-12).then(|| 1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), section C: four observers, twelve units, values missing. The paper
    /// gives alpha = 0.743 nominal, 0.815 ordinal and 0.849 interval.
    #[test]
    fn the_published_worked_example_reproduces() {
        let observers: [[Option<f64>; 12]; 4] = {
            let (x, v) = (None, |k: u8| Some(f64::from(k)));
            [
                [v(1), v(2), v(3), v(3), v(2), v(1), v(4), v(1), v(2), x, x, x],
                [v(1), v(2), v(3), v(3), v(2), v(2), v(4), v(1), v(2), v(5), x, v(3)],
                [x, v(3), v(3), v(3), v(2), v(3), v(4), v(2), v(2), v(5), v(1), x],
                [v(1), v(2), v(3), v(3), v(2), v(4), v(4), v(1), v(2), v(5), v(1), x],
            ]
        };
        let units: Vec<Vec<f64>> = (0..12).map(|u| observers.iter().filter_map(|o| o[u]).collect()).collect();
        let round = |a: Option<f64>| a.map(|a| (a * 1000.0).round() / 1000.0);
        assert_eq!(round(alpha(&units, Level::Nominal)), Some(0.743));
        assert_eq!(round(alpha(&units, Level::Ordinal)), Some(0.815));
        assert_eq!(round(alpha(&units, Level::Interval)), Some(0.849));
        // The same marks observer by observer, as a panel holds them: the same figures.
        let marks = || {
            observers
                .iter()
                .flat_map(|o| o.iter().enumerate().filter_map(|(u, v)| v.map(|v| (u, v))))
                .collect::<Vec<_>>()
        };
        for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
            assert_eq!(of_marks(12, || marks().into_iter(), level), alpha(&units, level), "{level:?}");
        }
    }

    /// Marks that binary fractions cannot hold exactly (the mean of three criteria) give the
    /// same alpha to the last bit in whatever order the marks come: judge by judge, as a panel
    /// holds them, or entry by entry.
    #[test]
    fn the_order_of_the_marks_does_not_change_a_bit() {
        let value = |j: usize, e: usize| ((j * 7 + e * 3) % 13 + 3) as f64 / 3.0;
        let by_judge: Vec<(usize, f64)> = (0..9).flat_map(|j| (0..40).map(move |e| (e, value(j, e)))).collect();
        let by_entry: Vec<(usize, f64)> = (0..40).flat_map(|e| (0..9).map(move |j| (e, value(j, e)))).collect();
        for level in [Level::Interval, Level::Ordinal] {
            let a = of_marks(40, || by_judge.iter().copied(), level);
            let b = of_marks(40, || by_entry.iter().copied(), level);
            assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{level:?}");
        }
    }

    #[test]
    fn agreement_chance_and_nothing_to_compare() {
        let agree = vec![vec![1.0, 1.0], vec![3.0, 3.0], vec![5.0, 5.0, 5.0]];
        assert_eq!(alpha(&agree, Level::Interval), Some(1.0));
        // Each entry's judges as far apart as any two marks: below chance.
        let apart = vec![vec![1.0, 5.0], vec![5.0, 1.0]];
        assert!(alpha(&apart, Level::Interval).is_some_and(|a| a < 0.0));
        assert_eq!(alpha(&[vec![3.0], vec![4.0]], Level::Interval), None, "no entry with two judges");
        assert_eq!(alpha(&[vec![3.0, 3.0], vec![3.0, 3.0]], Level::Ordinal), None, "every mark equal");
    }
}
