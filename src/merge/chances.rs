//! How sure a place is: for each entry, the chance it holds one of a ranking's paid places,
//! from a bootstrap of the calibrated fit.
//!
//! The fit says what each judge would be expected to give each entry; what they gave differs
//! by a residual. Each replicate gives every mark its expected value plus a residual drawn at
//! random from all of them, fits the panel again, and notes which entries hold the paid places.
//! An entry in the paid places in 97 of 100 replicates is safe; one in 40 is a coin the jury
//! should look at. Draws come from a fixed seed: the same files give the same chances.

use super::Panel;
use super::calibrated::Solved;
use crate::rng::SplitMix;

/// One ranking's paid places: its entries (panel indices) and how many places are paid.
#[derive(Debug, Clone, PartialEq)]
pub struct Paid {
    pub entries: Vec<usize>,
    pub places: usize,
}

/// How many replicates make the chances: a 50 % chance is then within about ±7 points.
pub const REPLICATES: usize = 200;
const SEED: u64 = 0x006a_7564_6769_6e67;

/// For each of `paid`, each of its entries' chance (0 to 1, in the order of `entries`) of
/// holding one of the paid places, every entry able to win. `None` when the panel has no marks.
pub fn chances(panel: &Panel, paid: &[Paid], replicates: usize) -> Option<Vec<Vec<f64>>> {
    let draws = draws(panel, paid, replicates, &|| {})?;
    Some(draws.iter().map(|d| d.shares(&vec![true; d.entries()])).collect())
}

/// A ranking's refits: in each replicate, the quality of each of its entries (in the order of
/// its `entries`). Kept so that its paid places can be counted again among the entries that can
/// win, once the store has said which cannot: an entry the rules exclude takes no paid place
/// from one that can win it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draws {
    pub places: usize,
    qualities: Vec<Vec<f64>>,
}

impl Draws {
    fn entries(&self) -> usize {
        self.qualities.first().map_or(0, Vec::len)
    }

    /// Each entry's chance of a paid place, counting only the entries that `can_win` (by
    /// position); 0 for the others.
    pub fn shares(&self, can_win: &[bool]) -> Vec<f64> {
        let contenders: Vec<usize> = (0..self.entries()).filter(|k| can_win.get(*k).copied().unwrap_or(true)).collect();
        let mut count = vec![0.0; self.entries()];
        for quality in &self.qualities {
            for (k, share) in top(quality, &contenders, self.places) {
                count[contenders[k]] += share;
            }
        }
        let replicates = self.qualities.len().max(1) as f64;
        count.into_iter().map(|n| n / replicates).collect()
    }
}

/// For each of `paid`, its entries' qualities in every replicate, `done` told after each refit
/// (from the threads that fit). `None` when the panel has no marks.
pub fn draws(panel: &Panel, paid: &[Paid], replicates: usize, done: &(dyn Fn() + Sync)) -> Option<Vec<Draws>> {
    let base = Solved::of(panel, None)?;
    let expected: Vec<f64> = panel.marks.iter().map(|m| base.expected(m.judge(), m.entry())).collect();
    let mut residuals: Vec<f64> =
        panel.marks.iter().zip(&expected).map(|(m, e)| (m.value - base.centre) / base.scale - e).collect();
    // A fitted model's residuals are smaller than its noise by the share of the marks its
    // parameters used up (a quality per entry, two habits per judge); scaled back up, a thinly
    // judged panel shows its real uncertainty.
    let parameters = base.marked.iter().filter(|m| **m).count() + 2 * panel.judges.len();
    let n = panel.marks.len();
    if n > parameters {
        let inflate = (n as f64 / (n - parameters) as f64).sqrt();
        for r in &mut residuals {
            *r *= inflate;
        }
    }
    let mut draws: Vec<Draws> = paid.iter().map(|p| Draws { places: p.places, qualities: Vec::new() }).collect();
    std::thread::scope(|scope| {
        // Two halves on two cores: each replicate is a whole fit.
        let halves: Vec<_> = [(0, replicates / 2), (replicates / 2, replicates)]
            .into_iter()
            .map(|(from, to)| {
                let (expected, residuals, base) = (&expected, &residuals, &base);
                scope.spawn(move || {
                    let mut kept: Vec<Vec<Vec<f64>>> = paid.iter().map(|_| Vec::with_capacity(to - from)).collect();
                    let mut values = vec![0.0; expected.len()];
                    for r in from..to {
                        let mut random = SplitMix(SEED ^ (r as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                        let count = residuals.len() as u64;
                        for (v, e) in values.iter_mut().zip(expected) {
                            let draw = residuals[usize::try_from(random.next_u64() % count).unwrap_or(0)];
                            *v = base.centre + base.scale * (e + draw);
                        }
                        let fit = crate::parallel::with_cores_taken(|| Solved::of(panel, Some(&values)));
                        done();
                        let Some(fit) = fit else { continue };
                        for (p, kept) in paid.iter().zip(&mut kept) {
                            kept.push(p.entries.iter().map(|e| fit.quality[*e]).collect());
                        }
                    }
                    kept
                })
            })
            .collect();
        for half in halves {
            // A panic in a replicate is a bug; it resumes here, where the panic hook reports it.
            let kept = half.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            for (d, k) in draws.iter_mut().zip(kept) {
                d.qualities.extend(k);
            }
        }
    });
    Some(draws)
}

/// The positions (in `entries`) of the `places` highest qualities, each with its share of a paid
/// place: 1 above the last paid place, and where entries tie across it, the places left shared
/// among all of them. Otherwise a tie would be paid to whichever the sort put first, every time:
/// twenty entries tied for four places would read 100% for four and 0% for sixteen.
fn top(quality: &[f64], entries: &[usize], places: usize) -> Vec<(usize, f64)> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|a, b| quality[entries[*b]].total_cmp(&quality[entries[*a]]));
    if places == 0 {
        return Vec::new();
    }
    // Fewer entries than places: every one is paid.
    let Some(&last) = order.get(places - 1) else {
        return order.into_iter().map(|k| (k, 1.0)).collect();
    };
    let boundary = quality[entries[last]];
    let same = |k: usize| (quality[entries[k]] - boundary).abs() <= 1e-9 * (1.0 + boundary.abs());
    let above = order.iter().take_while(|k| !same(**k)).count();
    let tied = order[above..].iter().take_while(|k| same(**k)).count();
    let share = (places - above) as f64 / tied as f64;
    order[..above].iter().map(|k| (*k, 1.0)).chain(order[above..above + tied].iter().map(|k| (*k, share))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tie_across_the_last_paid_place_shares_the_places_left() {
        let entries = [0, 1, 2, 3, 4];
        // (qualities, places, each entry's share)
        let cases: [(&[f64], usize, [f64; 5]); 5] = [
            (&[5.0, 4.0, 3.0, 2.0, 1.0], 2, [1.0, 1.0, 0.0, 0.0, 0.0]),
            (&[3.0, 3.0, 3.0, 3.0, 3.0], 2, [0.4; 5]),
            (&[5.0, 3.0, 3.0, 3.0, 1.0], 2, [1.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 0.0]),
            (&[5.0, 4.0, 3.0, 3.0, 1.0], 4, [1.0, 1.0, 1.0, 1.0, 0.0]),
            (&[1.0, 2.0, 3.0, 4.0, 5.0], 0, [0.0; 5]),
        ];
        for (quality, places, want) in cases {
            let mut got = [0.0; 5];
            for (k, share) in top(quality, &entries, places) {
                got[k] += share;
            }
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 1e-12, "{quality:?} {places}: {got:?}");
            }
            assert!((got.iter().sum::<f64>() - places as f64).abs() < 1e-12, "the places paid, no more");
        }
    }
}
