//! How far the judges agree: Kendall's W, each judge's leniency and spread relative to the panel,
//! and the entries the judges disagree on most.

use super::{Mark, Panel};

/// Kendall's coefficient of concordance for `m` judges who each marked the same `n` entries
/// (`rows[judge][entry]`): the classic 12S / (m²(n³−n)), and the form corrected for tied marks,
/// 12S / (m²(n³−n) − m·ΣT) with T = Σ(t³−t) over each judge's groups of `t` equal marks.
/// `None` with fewer than two judges or entries, or rows of different lengths.
pub fn kendall_w<R: AsRef<[f64]>>(rows: &[R]) -> Option<(f64, f64)> {
    kendall_w_of(rows.len(), || rows.iter().map(|r| r.as_ref().iter().copied()))
}

/// [`kendall_w`] over `m` rows given as often as `rows` is called, each row's marks in entry
/// order: a panel's own marks are read in place, not copied into rows of their own first.
fn kendall_w_of<I: ExactSizeIterator<Item = f64>, J: Iterator<Item = I>>(
    m: usize,
    rows: impl Fn() -> J,
) -> Option<(f64, f64)> {
    let n = rows().next()?.len();
    if m < 2 || n < 2 || rows().any(|r| r.len() != n) {
        return None;
    }
    let mut totals = vec![0.0; n];
    let mut ties = 0.0;
    // Each row sorted once, by value (a judge's few distinct marks sort fast): each run of equal
    // marks shares the mean of the ranks it spans, and counts towards the ties.
    let mut sorted: Vec<(f64, u32)> = Vec::with_capacity(n);
    for row in rows() {
        sorted.clear();
        sorted.extend(row.zip(0u32..));
        sorted.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        let mut start = 0;
        for run in sorted.chunk_by(|a, b| a.0 == b.0) {
            let shared = (2 * start + 1 + run.len()) as f64 / 2.0;
            for (_, at) in run {
                totals[*at as usize] += shared;
            }
            start += run.len();
            let t = run.len() as f64;
            ties += t * t * t - t;
        }
    }
    let (m, n) = (m as f64, n as f64);
    let average = m * (n + 1.0) / 2.0;
    let s: f64 = totals.iter().map(|r| (r - average).powi(2)).sum();
    let base = m * m * (n * n * n - n);
    let corrected = base - m * ties;
    Some((12.0 * s / base, if corrected > 0.0 { 12.0 * s / corrected } else { 1.0 }))
}

/// A judge's habits next to the panel's.
#[derive(Debug, Clone, PartialEq)]
pub struct JudgeHabits {
    pub judge: usize,
    pub marks: usize,
    /// Mean of (their mark − the entry's mean over all its judges): above 0 is lenient.
    pub leniency: f64,
    /// The spread of their own marks.
    pub spread: f64,
}

/// Two passes over the marks, no copies of them: the panel may hold a million and a half.
pub fn judge_habits(panel: &Panel) -> Vec<JudgeHabits> {
    let (mut entry_sum, mut entry_count) = (vec![0.0; panel.entries.len()], vec![0usize; panel.entries.len()]);
    for m in &panel.marks {
        entry_sum[m.entry()] += m.value;
        entry_count[m.entry()] += 1;
    }
    let judges = panel.judges.len();
    let (mut count, mut sum, mut squares, mut offsets) =
        (vec![0usize; judges], vec![0.0; judges], vec![0.0; judges], vec![0.0; judges]);
    for m in &panel.marks {
        let j = m.judge();
        count[j] += 1;
        sum[j] += m.value;
        squares[j] += m.value * m.value;
        offsets[j] += m.value - entry_sum[m.entry()] / entry_count[m.entry()] as f64;
    }
    (0..judges)
        .map(|judge| {
            let n = count[judge] as f64;
            let (leniency, spread) = if n == 0.0 {
                (0.0, 0.0)
            } else {
                (offsets[judge] / n, (squares[judge] / n - (sum[judge] / n).powi(2)).max(0.0).sqrt())
            };
            JudgeHabits { judge, marks: count[judge], leniency, spread }
        })
        .collect()
}

/// How many judges marked each entry, how far apart they were (the gap), and who was lowest and
/// highest: one pass over the marks.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryStats {
    pub judges: Vec<usize>,
    /// Each entry's gap: its highest mark less its lowest (0 with one judge).
    pub gap: Vec<f64>,
    /// The lowest and the highest mark, with the judge who gave it.
    pub lowest: Vec<Option<(usize, f64)>>,
    pub highest: Vec<Option<(usize, f64)>>,
}

impl EntryStats {
    pub fn of(panel: &Panel) -> EntryStats {
        let n = panel.entries.len();
        let mut count = vec![0usize; n];
        let mut lowest: Vec<Option<(usize, f64)>> = vec![None; n];
        let mut highest = lowest.clone();
        for m in &panel.marks {
            let e = m.entry();
            count[e] += 1;
            if lowest[e].is_none_or(|(_, v)| m.value < v) {
                lowest[e] = Some((m.judge(), m.value));
            }
            if highest[e].is_none_or(|(_, v)| m.value > v) {
                highest[e] = Some((m.judge(), m.value));
            }
        }
        let gap = lowest.iter().zip(&highest).map(|(lo, hi)| lo.zip(*hi).map_or(0.0, |(lo, hi)| hi.1 - lo.1)).collect();
        EntryStats { judges: count, gap, lowest, highest }
    }

    /// Up to `n` entries marked by two judges or more who did not all agree, the most disagreed
    /// first (ties by index).
    pub fn most_disagreed(&self, n: usize) -> Vec<usize> {
        // Judges who gave one entry the very same total do not disagree on it: listed, it read
        // "0.00, ana 3.50 / ana 3.50", the same judge lowest and highest.
        let mut out: Vec<usize> =
            (0..self.judges.len()).filter(|e| self.judges[*e] >= 2 && self.gap[*e] > 0.0).collect();
        out.sort_by(|a, b| self.gap[*b].total_cmp(&self.gap[*a]).then(a.cmp(b)));
        out.truncate(n);
        out
    }
}

/// Which entries each judge marked, grouped: the one pass both agreement figures share.
pub struct Overlap<'p> {
    /// Each judge's marks, sorted by entry, one mark per entry: `start[j]..start[j + 1]` of
    /// `marks`. One flat list: a hundred rows of 5,000 marks, each a list of its own and each
    /// set of entries copied again as a key, were a fifth of the merge's figures. The panel's
    /// own list where it is in that order already, as a merge's panel of files written by the
    /// app is: copied, its half a million marks were 6 MB of fresh pages beside the fit.
    start: Vec<usize>,
    marks: std::borrow::Cow<'p, [Mark]>,
    /// Each set of entries marked, as how many entries it holds and the judges who marked exactly
    /// that set (the first of them gives its entries), the sets in the order of their entries.
    sets: Vec<(usize, Vec<usize>)>,
    /// Each judge's index into `sets`.
    set_of: Vec<usize>,
}

impl<'p> Overlap<'p> {
    pub fn of(panel: &'p Panel) -> Overlap<'p> {
        let judges = panel.judges.len();
        // The marks' indices, judge by judge in the panel's order (a counting sort).
        let mut first = vec![0usize; judges + 1];
        for m in &panel.marks {
            first[m.judge() + 1] += 1;
        }
        for j in 0..judges {
            first[j + 1] += first[j];
        }
        // A panel built judge after judge (as every merge's is) is in that order already: its
        // marks are read in place, not through a list of half a million indices.
        let by_judge = panel.marks.is_sorted_by_key(Mark::judge);
        // Each judge's marks in entry order, each entry once, as well: then the panel's list is
        // the overlap's own.
        if by_judge
            && panel
                .marks
                .chunk_by(|a, b| a.judge() == b.judge())
                .all(|row| row.is_sorted_by(|a, b| a.entry() < b.entry()))
        {
            let mut overlap = Overlap {
                start: first,
                marks: std::borrow::Cow::Borrowed(&panel.marks),
                sets: Vec::new(),
                set_of: vec![0; judges],
            };
            overlap.group_sets();
            return overlap;
        }
        let order = (!by_judge).then(|| {
            let mut order = vec![0u32; panel.marks.len()];
            let mut fill = first.clone();
            for (i, m) in panel.marks.iter().enumerate() {
                order[fill[m.judge()]] = u32::try_from(i).unwrap_or(u32::MAX);
                fill[m.judge()] += 1;
            }
            order
        });
        let mark = |at: usize| panel.marks[order.as_ref().map_or(at, |order| order[at] as usize)];
        let mut start = Vec::with_capacity(judges + 1);
        let mut marks: Vec<Mark> = Vec::with_capacity(panel.marks.len());
        start.push(0);
        for j in 0..judges {
            let row = marks.len();
            marks.extend((first[j]..first[j + 1]).map(mark));
            // Stable: of two marks on one entry, the first in the panel's order is kept.
            if !marks[row..].is_sorted_by(|a, b| a.entry() < b.entry()) {
                let mut mine = marks.split_off(row);
                mine.sort_by_key(Mark::entry);
                mine.dedup_by_key(|m| m.entry());
                marks.append(&mut mine);
            }
            start.push(marks.len());
        }
        let mut overlap =
            Overlap { start, marks: std::borrow::Cow::Owned(marks), sets: Vec::new(), set_of: vec![0; judges] };
        overlap.group_sets();
        overlap
    }

    /// The marks of `judge`, in entry order.
    fn row(&self, judge: usize) -> &[Mark] {
        &self.marks[self.start[judge]..self.start[judge + 1]]
    }

    /// The entries `judge` marked, in order.
    fn entries(&self, judge: usize) -> impl Iterator<Item = usize> + '_ {
        self.row(judge).iter().map(Mark::entry)
    }

    /// The values `judge` gave, in entry order.
    fn values(&self, judge: usize) -> impl ExactSizeIterator<Item = f64> + '_ {
        self.row(judge).iter().map(|m| m.value)
    }

    /// The judges who marked exactly the same entries, set by set, the sets in the order of
    /// their entries (as lists of entries compare).
    fn group_sets(&mut self) {
        use std::hash::{BuildHasher, Hasher};
        let hasher = foldhash::fast::FixedState::default();
        let hash = |entries: &mut dyn Iterator<Item = usize>| {
            let mut h = hasher.build_hasher();
            entries.for_each(|e| h.write_usize(e));
            h.finish()
        };
        let mut by_hash: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
        let mut sets: Vec<(usize, Vec<usize>)> = Vec::new();
        for judge in 0..self.set_of.len() {
            let same = by_hash.entry(hash(&mut self.entries(judge))).or_default();
            if let Some(set) = same.iter().find(|set| self.entries(sets[**set].1[0]).eq(self.entries(judge))) {
                sets[*set].1.push(judge);
            } else {
                same.push(sets.len());
                sets.push((self.row(judge).len(), vec![judge]));
            }
        }
        sets.sort_by(|a, b| self.entries(a.1[0]).cmp(self.entries(b.1[0])));
        for (i, (_, judges)) in sets.iter().enumerate() {
            for j in judges {
                self.set_of[*j] = i;
            }
        }
        self.sets = sets;
    }

    /// Kendall's W wherever judges marked exactly the same entries: each group of two or more
    /// judges over two or more entries gives (judges, entries, W classic, W tie-corrected).
    pub fn concordance(&self) -> Vec<(Vec<usize>, usize, f64, f64)> {
        self.sets
            .iter()
            .filter(|(size, judges)| *size >= 2 && judges.len() >= 2)
            .filter_map(|(size, judges)| {
                kendall_w_of(judges.len(), || judges.iter().map(|j| self.values(*j)))
                    .map(|(w, corrected)| (judges.clone(), *size, w, corrected))
            })
            .collect()
    }

    /// Kendall's W between judges whose sets of entries differ but overlap: for every such pair
    /// with at least `min_shared` entries in common, W over those entries. Returns (pairs, mean W,
    /// mean tie-corrected W), or `None` when no pair shares enough. Judges with the same set are
    /// [`Overlap::concordance`]'s, and are not paired here.
    pub fn pairwise(&self, min_shared: usize) -> Option<(usize, f64, f64)> {
        let judges = self.set_of.len();
        let (mut pairs, mut sum, mut sum_corrected) = (0usize, 0.0, 0.0);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for a in 0..judges {
            for b in a + 1..judges {
                if self.set_of[a] == self.set_of[b] {
                    continue;
                }
                // Both rows are sorted by entry: walk them together.
                let (ra, rb) = (self.row(a), self.row(b));
                let (mut i, mut j) = (0, 0);
                x.clear();
                y.clear();
                while i < ra.len() && j < rb.len() {
                    match ra[i].entry().cmp(&rb[j].entry()) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            x.push(ra[i].value);
                            y.push(rb[j].value);
                            i += 1;
                            j += 1;
                        }
                    }
                }
                if x.len() >= min_shared.max(2)
                    && let Some((w, corrected)) = kendall_w(&[&x, &y])
                {
                    pairs += 1;
                    sum += w;
                    sum_corrected += corrected;
                }
            }
        }
        (pairs > 0).then(|| (pairs, sum / pairs as f64, sum_corrected / pairs as f64))
    }
}

/// The groups of judges linked by the entries they share, directly or through a chain of other
/// judges: `judges_of` gives each entry's judges. The calibrated method compares two judges'
/// habits only within a group; between groups nothing says whether one is harsher. A list need
/// not hold all of an entry's judges at once: lists that share a judge join. Judges with
/// no entries are in no group. Each group is sorted, the largest first (then by first judge).
pub fn judge_groups<L: AsRef<[usize]>>(judges: usize, judges_of: impl IntoIterator<Item = L>) -> Vec<Vec<usize>> {
    // Union-find, with paths halved as they are walked.
    let mut parent: Vec<usize> = (0..judges).collect();
    let mut seen = vec![false; judges];
    fn root(parent: &mut [usize], mut j: usize) -> usize {
        while parent[j] != j {
            parent[j] = parent[parent[j]];
            j = parent[j];
        }
        j
    }
    for list in judges_of {
        let list = list.as_ref();
        let Some(&first) = list.first() else { continue };
        for &j in list {
            seen[j] = true;
            let (a, b) = (root(&mut parent, first), root(&mut parent, j));
            if a != b {
                parent[b] = a;
            }
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for j in (0..judges).filter(|j| seen[*j]) {
        let r = root(&mut parent, j);
        by_root.entry(r).or_default().push(j);
    }
    let mut groups: Vec<Vec<usize>> = by_root.into_values().collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    groups
}
