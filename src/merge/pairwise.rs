//! Copeland's pairwise method over the preferences each judge's marks imply.

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
