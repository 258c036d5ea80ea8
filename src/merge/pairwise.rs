//! Pairwise methods over the preferences each judge's marks imply: Copeland and Schulze.

use std::collections::HashMap;

use super::Panel;

/// For each entry: the entries it beats head to head (more judges who marked both prefer it)
/// minus those that beat it. `None` for an entry no judge marked.
pub fn copeland(panel: &Panel) -> Vec<Option<f64>> {
    // Net votes for the lower-indexed entry of each pair that some judge marked both of.
    let mut net: HashMap<(usize, usize), i64> = HashMap::new();
    for marks in panel.by_judge() {
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                if a.entry == b.entry || a.value == b.value {
                    continue;
                }
                let (lo, hi, lo_value, hi_value) = if a.entry < b.entry {
                    (a.entry, b.entry, a.value, b.value)
                } else {
                    (b.entry, a.entry, b.value, a.value)
                };
                *net.entry((lo, hi)).or_default() += if lo_value > hi_value { 1 } else { -1 };
            }
        }
    }
    let mut score: Vec<Option<f64>> = vec![None; panel.entries.len()];
    for m in &panel.marks {
        score[m.entry] = Some(0.0);
    }
    for ((lo, hi), votes) in net {
        let (win, lose) = match votes.signum() {
            1 => (lo, hi),
            -1 => (hi, lo),
            _ => continue,
        };
        *score[win].get_or_insert(0.0) += 1.0;
        *score[lose].get_or_insert(0.0) -= 1.0;
    }
    score
}

/// Schulze's method: for each pair of entries, the strongest chain of head-to-head wins from one
/// to the other, where a chain is as strong as its weakest win (counted in judges). An entry's
/// score is the number of entries its strongest chains beat. `None` for an entry no judge marked.
///
/// It compares every pair of entries with every other, so its time grows with the cube of the
/// entries: callers keep it to [`SCHULZE_MOST`] entries.
pub fn schulze(panel: &Panel) -> Vec<Option<f64>> {
    let mut local = vec![usize::MAX; panel.entries.len()];
    let mut marked = Vec::new();
    for m in &panel.marks {
        if local[m.entry] == usize::MAX {
            local[m.entry] = marked.len();
            marked.push(m.entry);
        }
    }
    let n = marked.len();
    // prefer[a * n + b]: how many judges marked a above b.
    let mut prefer = vec![0u32; n * n];
    for marks in panel.by_judge() {
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                let (x, y) = (local[a.entry], local[b.entry]);
                if a.value > b.value {
                    prefer[x * n + y] += 1;
                } else if b.value > a.value {
                    prefer[y * n + x] += 1;
                }
            }
        }
    }
    // strongest[a * n + b]: the strength of the strongest chain of wins from a to b.
    let mut strongest: Vec<u32> = (0..n * n)
        .map(|ab| {
            let (a, b) = (ab / n, ab % n);
            if prefer[a * n + b] > prefer[b * n + a] { prefer[a * n + b] } else { 0 }
        })
        .collect();
    for via in 0..n {
        for from in (0..n).filter(|f| *f != via) {
            let first = strongest[from * n + via];
            if first == 0 {
                continue;
            }
            for to in (0..n).filter(|t| *t != via && *t != from) {
                let chain = first.min(strongest[via * n + to]);
                if chain > strongest[from * n + to] {
                    strongest[from * n + to] = chain;
                }
            }
        }
    }
    let mut score = vec![None; panel.entries.len()];
    for (a, entry) in marked.iter().enumerate() {
        let beaten = (0..n).filter(|b| strongest[a * n + b] > strongest[b * n + a]).count();
        score[*entry] = Some(beaten as f64);
    }
    score
}

/// The most entries Schulze's method takes in one ranking: about a second on a laptop.
pub const SCHULZE_MOST: usize = 1_000;
