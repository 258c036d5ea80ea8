//! The pair a judge compares next: pairs nobody has compared first, then the pairs whose order
//! the model is least sure of; never a pair with a finalist the judge may not compare, and never a
//! pair this judge has already answered.

use super::Round;
use crate::merge::davidson::Fit;

/// The next pair for `judge`, as finalist indices (the smaller first). Among the pairs left,
/// the order of choice is: how many answers the pair has (none first), then how close the model
/// is to a coin toss on it (how sure it is that one is above the other, nearest to a half
/// first), then the fewest answers on its two finalists together, then the finalists' order.
/// The pairs in `skipped` (smaller index first) are left out as if answered: a judge's app puts
/// a pair they skipped behind the others.
pub(super) fn next_pair(
    round: &Round,
    fit: &Fit,
    judge: &str,
    barred: &[bool],
    skipped: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let n = round.finalists.len();
    let done = round.answered_by(judge);
    let mut on_pair = vec![0usize; n * n];
    let mut on_finalist = vec![0usize; n];
    for a in &round.answers {
        let (i, j) = (a.first.min(a.second), a.first.max(a.second));
        on_pair[i * n + j] += 1;
        on_finalist[i] += 1;
        on_finalist[j] += 1;
    }
    let may = |i: usize| !barred.get(i).copied().unwrap_or(false);
    (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter(|&(i, j)| may(i) && may(j) && !done.contains(&(i, j)) && !skipped.contains(&(i, j)))
        .min_by(|&(a, b), &(c, d)| {
            let key = |i: usize, j: usize| {
                (on_pair[i * n + j], (fit.above(i, j) - 0.5).abs(), on_finalist[i] + on_finalist[j])
            };
            let (x, y) = (key(a, b), key(c, d));
            x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)).then(x.2.cmp(&y.2)).then((a, b).cmp(&(c, d)))
        })
}
