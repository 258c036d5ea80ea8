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
                if a.entry() == b.entry() || a.value == b.value {
                    continue;
                }
                let (lo, hi, lo_value, hi_value) = if a.entry() < b.entry() {
                    (a.entry(), b.entry(), a.value, b.value)
                } else {
                    (b.entry(), a.entry(), b.value, a.value)
                };
                *net.entry((lo, hi)).or_default() += if lo_value > hi_value { 1 } else { -1 };
            }
        }
    }
    let mut score: Vec<Option<f64>> = vec![None; panel.entries.len()];
    for m in &panel.marks {
        score[m.entry()] = Some(0.0);
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
    let Preferences { marked, n, prefer } = Preferences::of(panel);
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

/// How many judges marked each entry above each other, over the entries some judge marked.
struct Preferences {
    /// The panel's index of each compared entry.
    marked: Vec<usize>,
    n: usize,
    /// `prefer[a * n + b]`: how many judges marked `a` above `b` (local indices).
    prefer: Vec<u32>,
}

impl Preferences {
    fn of(panel: &Panel) -> Preferences {
        let mut local = vec![usize::MAX; panel.entries.len()];
        let mut marked = Vec::new();
        for m in &panel.marks {
            if local[m.entry()] == usize::MAX {
                local[m.entry()] = marked.len();
                marked.push(m.entry());
            }
        }
        let n = marked.len();
        let mut prefer = vec![0u32; n * n];
        for marks in panel.by_judge() {
            for (i, a) in marks.iter().enumerate() {
                for b in &marks[i + 1..] {
                    let (x, y) = (local[a.entry()], local[b.entry()]);
                    if a.value > b.value {
                        prefer[x * n + y] += 1;
                    } else if b.value > a.value {
                        prefer[y * n + x] += 1;
                    }
                }
            }
        }
        Preferences { marked, n, prefer }
    }

    fn beats(&self, a: usize, b: usize) -> bool {
        self.prefer[a * self.n + b] > self.prefer[b * self.n + a]
    }
}

/// What the judges' head-to-head majorities say about the top of a ranking. Entries are the
/// panel's indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadToHead {
    /// Beats every other entry head to head: more of the judges who marked both put it above.
    Winner(usize),
    /// No entry beats every other: the shortest cycle of head-to-head wins through the ranking's
    /// leader, each beating the next and the last beating the first.
    Cycle(Vec<usize>),
    /// No entry beats every other, and no cycle runs through the leader: `other` beats it, which
    /// `for_other` judges put above it, `for_leader` below and `level` level with it.
    NotBeaten { leader: usize, other: usize, for_leader: u32, for_other: u32, level: u32 },
    /// No entry beats the leader, yet it does not beat every other: of the other entries it beats
    /// `beats`, is even with `even` (the judges who scored both split or level), and shares no
    /// judge with `unmet`, of which head to head says nothing. Not a case against it: with a few
    /// judges to each entry most pairs share no judge.
    Unbeaten { leader: usize, beats: u32, even: u32, unmet: u32 },
    /// More entries than a head-to-head table holds in good time.
    TooMany,
    /// Nothing to compare: fewer than two marked entries.
    Alone,
}

/// How many judges marked both entries alike.
fn level(panel: &Panel, a: usize, b: usize) -> u32 {
    let mut marks: std::collections::HashMap<usize, [Option<f64>; 2]> = std::collections::HashMap::new();
    for m in panel.marks.iter().filter(|m| m.entry() == a || m.entry() == b) {
        marks.entry(m.judge()).or_default()[usize::from(m.entry() == b)] = Some(m.value);
    }
    let alike = marks.values().filter(|[x, y]| x.is_some() && x == y).count();
    u32::try_from(alike).unwrap_or(u32::MAX)
}

/// The head-to-head report for a panel whose chosen method put `leader` first.
///
/// The one rule every head-to-head sentence follows: an entry beats another only where more of
/// the judges who scored both put it above; a pair no judge scored both of is no evidence either
/// way, and never a case against the leader.
pub fn head_to_head(panel: &Panel, leader: usize) -> HeadToHead {
    let mut marked = vec![false; panel.entries.len()];
    panel.marks.iter().for_each(|m| marked[m.entry()] = true);
    let count = marked.iter().filter(|m| **m).count();
    if count > SCHULZE_MOST {
        return HeadToHead::TooMany;
    }
    if count < 2 {
        return HeadToHead::Alone;
    }
    let prefs = Preferences::of(panel);
    let n = prefs.n;
    let beats_all = |a: usize| (0..n).all(|b| b == a || prefs.beats(a, b));
    if let Some(w) = (0..n).find(|a| beats_all(*a)) {
        return HeadToHead::Winner(prefs.marked[w]);
    }
    let Some(start) = prefs.marked.iter().position(|e| *e == leader) else {
        return HeadToHead::Alone;
    };
    // The shortest way back to the leader through head-to-head wins: breadth first from it.
    let mut came_from = vec![usize::MAX; n];
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(a) = queue.pop_front() {
        for b in (0..n).filter(|b| *b != a && prefs.beats(a, *b)) {
            if b == start {
                let mut cycle = vec![a];
                while *cycle.last().unwrap_or(&start) != start {
                    let last = *cycle.last().unwrap_or(&start);
                    cycle.push(came_from[last]);
                }
                cycle.reverse();
                return HeadToHead::Cycle(cycle.into_iter().map(|i| prefs.marked[i]).collect());
            }
            if came_from[b] == usize::MAX && b != start {
                came_from[b] = a;
                queue.push_back(b);
            }
        }
    }
    // No cycle through the leader: name an entry that beats it, if one does.
    let other = (0..n)
        .filter(|a| *a != start && prefs.beats(*a, start))
        .max_by_key(|a| (prefs.prefer[a * n + start], std::cmp::Reverse(*a)));
    if let Some(o) = other {
        return HeadToHead::NotBeaten {
            leader,
            other: prefs.marked[o],
            for_leader: prefs.prefer[start * n + o],
            for_other: prefs.prefer[o * n + start],
            level: level(panel, leader, prefs.marked[o]),
        };
    }
    let (mut beats, mut even, mut unmet) = (0, 0, 0);
    for o in (0..n).filter(|o| *o != start) {
        if prefs.beats(start, o) {
            beats += 1;
        } else if prefs.prefer[start * n + o] + prefs.prefer[o * n + start] > 0
            || level(panel, leader, prefs.marked[o]) > 0
        {
            even += 1;
        } else {
            unmet += 1;
        }
    }
    // Beating every other, it was the winner above: some pair is even or unmet here.
    HeadToHead::Unbeaten { leader, beats, even, unmet }
}
