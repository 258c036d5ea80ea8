//! Reviewer calibration: each mark is modelled as `leniency[judge] + severity[judge] * quality[entry]`
//! plus noise, and all three are fitted together over the whole panel.
//!
//! Fitting jointly is what separates a lenient judge from one who happened to see strong entries:
//! an entry's quality is estimated from every judge who saw it, each judge's habits from every
//! entry they saw, back and forth until nothing moves.
//!
//! The model is hierarchical (as Piech et al.'s PG1 for peer grading): each judge's leniency and
//! severity are drawn from distributions across the panel, whose typical values and spreads are
//! estimated from the marks themselves ([`spreads`]), as is the noise of a mark. A judge's habits
//! are their own marks' evidence blended with the typical judge's, in proportion to how sure
//! that evidence is next to how much the panel's judges really differ.
//!
//! A judge's leniency is read from their marks against what the same entries' other judges'
//! marks say of them (and, for an entry no one else marked, against the typical entry, as unsure
//! as the qualities are spread), never against where the pull of every quality towards the
//! middle put their entries: that pull is there to keep an entry with one mark from the top, and
//! measured against it, a pool of judges who together saw a weaker track would be taken as harsh
//! and the track lifted back towards the others.
//!
//! Every judge's order counts the same: a judge's severity is the spread of their marks against
//! the spread of the entries they saw, less the panel's noise, never how well they agree with
//! the others, so a judge who disagrees is never silenced. On a panel where every judge marked
//! every entry each judge's points count as given (less their leniency), which makes the order
//! the plain mean's and keeps every comparison the mean, the rank sum and per-judge z agree on;
//! the sparser the panel, the more a judge's points weigh by their severity, as least squares
//! weighs them.

mod spreads;

use super::{Panel, mean, spread};
use spreads::{Spread, Sums, severity_of};

/// The fitted model, on the scale of the marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Each entry's estimated quality, as a mark a typical judge would give; `None` if unmarked.
    pub quality: Vec<Option<f64>>,
    /// How much higher than a typical judge each judge marks an average entry, in marks.
    pub leniency: Vec<f64>,
    /// How far each judge's marks stretch per step of quality: 1 is typical, above 1 harsh on weak
    /// entries and generous to strong ones, below 1 compressed.
    pub severity: Vec<f64>,
    /// Judges whose severity came out beyond a bound, and which.
    pub held: Vec<Option<Held>>,
    /// How much the panel's judges differ, as the fit estimated it.
    pub panel: PanelSpread,
    /// The mark a typical judge gives an average entry: the point a judge's severity stretches
    /// their marks from.
    pub middle: f64,
}

impl Calibration {
    /// What the fit expects `judge` to give `entry`, from their habits and its quality:
    /// `middle + leniency + severity × (quality − middle)`; `None` for an entry no judge marked.
    /// A mark less this is what the judge's habits do not explain.
    pub fn expected(&self, judge: usize, entry: usize) -> Option<f64> {
        let quality = self.quality.get(entry).copied().flatten()?;
        Some(self.middle + self.leniency.get(judge)? + self.severity.get(judge)? * (quality - self.middle))
    }
}

/// How much the judges of a panel differ and how noisy a mark is, as the fit estimated them from
/// the marks: the numbers that decide how far each judge's own marks are trusted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanelSpread {
    /// The spread (standard deviation) of leniency among judges, in marks.
    pub leniency: f64,
    /// The spread of severity among judges, relative to the typical severity of 1.
    pub severity: f64,
    /// The spread of a typical judge's marks about what the model expects, in marks.
    pub noise: f64,
}

/// A judge's severity beyond these multiples of the typical judge's is said in a warning; beyond
/// the most, their points are scaled down to it, so that one judge who spreads their marks
/// wildly cannot outweigh the others many times over.
pub const LEAST_SEVERITY: f64 = 0.25;
pub const MOST_SEVERITY: f64 = 4.0;

/// Marks grouped by judge, in flat arrays: `start[j]..start[j + 1]` are the marks of judge `j`,
/// each naming its entry and its value. Flat arrays keep each pass over half a million marks
/// within the caches.
struct Grouped {
    start: Vec<usize>,
    other: Vec<u32>,
    value: Vec<f64>,
}

impl Grouped {
    fn new(items: usize, marks: impl Iterator<Item = (usize, usize, f64)> + Clone) -> Grouped {
        if let Some(grouped) = Grouped::in_order(items, marks.clone()) {
            return grouped;
        }
        let mut start = vec![0usize; items + 1];
        for (item, _, _) in marks.clone() {
            start[item + 1] += 1;
        }
        for i in 0..items {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let total = start[items];
        let (mut other, mut value) = (vec![0u32; total], vec![0.0; total]);
        for (item, o, v) in marks {
            other[fill[item]] = u32::try_from(o).unwrap_or(u32::MAX);
            value[fill[item]] = v;
            fill[item] += 1;
        }
        Grouped { start, other, value }
    }

    /// Marks that come item after item, as a merge's panel holds them, copied in one pass
    /// rather than counted and then placed: a third of the time for half a million marks.
    /// `None` as soon as an item comes back after another (or is past the `items`, which the
    /// placing then refuses as the bug it is).
    fn in_order(items: usize, marks: impl Iterator<Item = (usize, usize, f64)>) -> Option<Grouped> {
        let mut start = vec![0usize; items + 1];
        let count = marks.size_hint().0;
        let (mut other, mut value) = (Vec::with_capacity(count), Vec::with_capacity(count));
        let mut last = 0;
        for (item, o, v) in marks {
            if item < last || item >= items {
                return None;
            }
            last = item;
            start[item + 1] += 1;
            other.push(u32::try_from(o).unwrap_or(u32::MAX));
            value.push(v);
        }
        for i in 0..items {
            start[i + 1] += start[i];
        }
        Some(Grouped { start, other, value })
    }

    /// How many items (judges) it groups.
    fn items(&self) -> usize {
        self.start.len() - 1
    }

    /// The marks of item `i`: the other side of each, and its value.
    fn of(&self, i: usize) -> (&[u32], &[f64]) {
        let range = self.start[i]..self.start[i + 1];
        (&self.other[range.clone()], &self.value[range])
    }
}

/// Stop once no quality moves by more than this, in standard units: far finer than any ranking
/// (a hundredth of a point is 1e-2 on a panel whose marks spread by one point).
const TOLERANCE: f64 = 1e-6;
/// Stop once no habit and not the noise moves by more than this either: a judge's leniency and
/// severity are shown to two decimals and decide no place by themselves (the fit converges by a
/// factor of about four a round there, so what is left to move is a fraction of this).
const HABIT_TOLERANCE: f64 = 1e-4;
const MAX_ROUNDS: usize = 500;
/// Two fitted scores this near (relative to the larger) are one score: the fit stops once no
/// quality moves by a millionth of the marks' spread a round, and what it has still to move
/// (more where few judges link the entries) is within this. Two entries with the same marks from
/// the same judges came out 3-5e-8 apart, and the nearer placed above the other.
pub const SCORES_ALIKE: f64 = 1e-5;
/// The noise of a mark the fit starts from, in squared standard units, before the marks say.
const START_NOISE: f64 = 0.25;

pub fn fit(panel: &Panel) -> Calibration {
    let judges = panel.judges.len();
    let Some(solved) = Solved::of(panel, None) else {
        return Calibration {
            quality: vec![None; panel.entries.len()],
            leniency: vec![0.0; judges],
            severity: vec![1.0; judges],
            held: vec![None; judges],
            panel: PanelSpread { leniency: 0.0, severity: 0.0, noise: 0.0 },
            middle: 0.0,
        };
    };
    let (centre, scale) = (solved.centre, solved.scale);
    let (lenient, severe) = (solved.leniency.typical, solved.severity.typical);
    Calibration {
        // Each quality as the mark a typical judge, of typical leniency and severity, would give.
        quality: solved
            .quality
            .iter()
            .zip(&solved.marked)
            .map(|(q, m)| m.then_some(centre + scale * (lenient + severe * q)))
            .collect(),
        leniency: solved.habits.iter().map(|h| (h.leniency - lenient) * scale).collect(),
        severity: solved.habits.iter().map(|h| h.severity / severe).collect(),
        held: solved.habits.iter().map(|h| h.held).collect(),
        panel: PanelSpread {
            leniency: solved.leniency.variance.sqrt() * scale,
            severity: solved.severity.variance.sqrt() / severe,
            noise: solved.noise.sqrt() * scale,
        },
        middle: centre + scale * lenient,
    }
}

/// The fit in standard units (marks less `centre`, over `scale`): what the bootstrap of
/// [`super::chances`] refits again and again.
pub(super) struct Solved {
    pub centre: f64,
    pub scale: f64,
    /// Each entry's quality, mean 0 and spread 1 over the marked entries; 0 where unmarked.
    pub quality: Vec<f64>,
    pub marked: Vec<bool>,
    pub habits: Vec<Habit>,
    pub leniency: Spread,
    pub severity: Spread,
    /// The variance of a mark about the model.
    pub noise: f64,
    /// 0 on a panel where every judge marked every entry, near 1 where each saw few: how far a
    /// judge's points are weighed by their severity rather than counted as given.
    sparseness: f64,
    /// How unsure each entry's quality still is (its posterior variance, in squared standard
    /// units): an entry with one mark is far less sure than one with five.
    unsure: Vec<f64>,
    /// The severities' common scale: a severity from spreads says how far a judge stretches
    /// against the others, and this factor puts it in the qualities' unit (see
    /// [`Solved::quality_round`]).
    gauge: f64,
    /// What the last quality round summed for each entry: what a judge's co-judges say of it.
    totals: Totals,
    /// Each judge's own marks summed, which no round changes.
    own: Vec<Sums>,
}

/// What a quality round summed for each entry, and how it turned the sums into qualities in
/// standard units.
struct Totals {
    /// Each entry's judges' weighed points less their leniency, and the quality per point their
    /// severities promise (before any pull towards the middle).
    sums: Vec<(f64, f64)>,
    /// The shift and stretch that took those sums' qualities to mean 0 and spread 1.
    shift: f64,
    stretch: f64,
    /// The noise of a mark over the typical severity, as that round took it.
    noise: f64,
    /// The variance of the true qualities in standard units: how far from the middle an entry
    /// that no other judge saw may be.
    spread: f64,
}

impl Totals {
    /// What an entry's judges other than one (whose habits, in the round that summed, were `own`
    /// and who gave it `value`) say of its quality, as two sums: their weighed points less their
    /// leniency (P) and the quality per point their severities promise (O). The estimate from
    /// their marks alone is (P/O − shift) / stretch in standard units, unsure by noise / (O ×
    /// stretch²). `None` where no other judge saw it: then it is the typical entry's, unsure by
    /// the whole spread of the qualities.
    fn others_sums(&self, entry: usize, own: &Habit, value: f64) -> Option<(f64, f64)> {
        let (points, promise) = self.sums[entry];
        let others = promise - own.weight * own.severity;
        (others > 1e-9 * promise).then_some((points - own.weight * (value - own.leniency), others))
    }
}

impl Solved {
    /// Fits the panel, or `None` when it has no marks. `values`, when given, replaces each mark's
    /// value (in the panel's order) without copying the panel.
    pub fn of(panel: &Panel, values: Option<&[f64]>) -> Option<Solved> {
        let value = |i: usize| values.map_or(panel.marks[i].value, |v| v[i]);
        // The mean and the spread of every mark, as `mean` and `spread` sum them, read in place:
        // half a million marks copied out first took a tenth of the fit in fresh pages.
        let count = panel.marks.len();
        let centre = (count > 0).then(|| (0..count).map(value).sum::<f64>() / count as f64)?;
        let scale = ((0..count).map(|i| (value(i) - centre).powi(2)).sum::<f64>() / count as f64).sqrt();
        let scale = if scale > 0.0 { scale } else { 1.0 };
        // Work in standard units, so that the fit behaves the same whatever the rubric's scale.
        let standard = panel.marks.iter().enumerate().map(|(i, m)| (m.judge(), m.entry(), (value(i) - centre) / scale));
        // Grouped by judge only: each entry's sums are added up judge after judge from the same
        // grouping (`entry_sums`), where a second grouping by entry took a fifth of the fit on a
        // big panel, and 6 MB of fresh memory.
        let by_judge = Grouped::new(panel.judges.len(), standard);
        let entries = panel.entries.len();
        // The first qualities are the mean marks: the sums of a panel of typical judges.
        let sums = entry_sums(&by_judge, entries, |_| (1.0, 0.0, 1.0));
        let marked: Vec<bool> = sums.iter().map(|(_, n)| *n > 0.0).collect();
        let mut quality: Vec<f64> = sums.iter().map(|(points, n)| if *n > 0.0 { points / n } else { 0.0 }).collect();
        let (shift, stretch) = standardise(&mut quality, &marked);
        let sparseness = sparseness(&by_judge, &marked);
        let totals = Totals { sums, shift, stretch, noise: START_NOISE, spread: 1.0 };
        let mut fit = Solved {
            centre,
            scale,
            quality,
            marked,
            habits: vec![Habit { leniency: 0.0, severity: 1.0, weight: 1.0, held: None }; panel.judges.len()],
            leniency: Spread { typical: 0.0, variance: 0.25 },
            severity: Spread { typical: 1.0, variance: 0.1 },
            noise: START_NOISE,
            sparseness,
            unsure: vec![0.0; entries],
            gauge: 1.0,
            totals,
            own: (0..panel.judges.len()).map(|j| Sums::own(by_judge.of(j).1)).collect(),
        };
        for _ in 0..MAX_ROUNDS {
            let before = (fit.habits.clone(), fit.noise);
            fit.habits_round(&by_judge);
            let moved = fit.quality_round(&by_judge);
            if moved < TOLERANCE && fit.habits_moved(&before.0, before.1) < HABIT_TOLERANCE {
                break;
            }
        }
        Some(fit)
    }

    /// Each judge's habits given the current qualities, with the panel's spreads and noise
    /// re-estimated as they go.
    fn habits_round(&mut self, by_judge: &Grouped) {
        let sums: Vec<Sums> = (0..self.habits.len())
            .map(|j| {
                let (entries, values) = by_judge.of(j);
                against_qualities(self.own[j], entries, values, &self.quality, &self.unsure)
            })
            .collect();
        // Each severity from spreads, put in the qualities' unit by the gauge.
        let gauge = self.gauge;
        let estimates: Vec<Option<(f64, f64)>> = sums
            .iter()
            .map(|s| {
                severity_of(s, self.noise, self.severity.typical / gauge).map(|(b, v)| (gauge * b, gauge * gauge * v))
            })
            .collect();
        self.severity = Spread::of(&estimates.iter().flatten().copied().collect::<Vec<_>>(), self.severity);
        let (mut lenient, mut residual, mut marks) = (Vec::with_capacity(sums.len()), 0.0, 0.0);
        let mut unexplained = 0.0;
        let mut next = self.habits.clone();
        for (j, (s, estimate)) in sums.iter().zip(&estimates).enumerate() {
            let (severity, _) = estimate.map_or((self.severity.typical, 0.0), |(b, v)| self.severity.blend(b, v));
            let own_marks = estimate.map(|(b, _)| b);
            let mut habit = Habit::holding(severity.max(1e-6), own_marks, self.severity.typical, self.sparseness);
            if s.n > 0.0 {
                let seen = self.leniency_seen(by_judge.of(j), habit.severity, &self.habits[j]);
                lenient.push(seen);
                // The judges after this one are measured against it with its new leniency, as
                // Gauss-Seidel does: measured against the others' leniencies of the round
                // before, two judges who saw the same entries would swap their difference back
                // and forth for ever.
                let summed = &mut self.habits[j];
                let (leniency, _) = self.leniency.blend(seen.0, seen.1);
                move_points(&mut self.totals.sums, by_judge.of(j).0, summed.weight * (summed.leniency - leniency));
                summed.leniency = leniency;
                habit.leniency = leniency;
            }
            next[j] = habit;
        }
        self.habits = next;
        self.leniency = Spread::of(&lenient, self.leniency);
        let mut seen = lenient.iter();
        for (habit, s) in self.habits.iter_mut().zip(&sums) {
            if s.n > 0.0
                && let Some((a, v)) = seen.next()
            {
                let (leniency, share) = self.leniency.blend(*a, *v);
                habit.leniency = leniency;
                residual += s.residual(habit.leniency, habit.severity);
                marks += s.n;
                unexplained += s.n * share * v + habit.severity * habit.severity * s.unsure;
            }
        }
        // The noise, as EM estimates it: what the fit leaves unexplained, plus what it cannot
        // yet tell apart (how unsure each leniency and each quality still is), over the marks.
        // Residuals alone would call a panel of one mark an entry noiseless.
        self.noise = ((residual + unexplained) / marks.max(1.0)).max(1e-9);
    }

    /// How far the habits and the noise moved in the last round, in standard units: on a
    /// complete panel the qualities settle in the first round, while the severities still move
    /// as the noise they are measured against is learnt, so stopping on the qualities alone
    /// would keep the noise the fit started from.
    fn habits_moved(&self, before: &[Habit], noise: f64) -> f64 {
        let habit = |(a, b): (&Habit, &Habit)| (a.leniency - b.leniency).abs().max((a.severity - b.severity).abs());
        self.habits.iter().zip(before).map(habit).fold((self.noise - noise).abs(), f64::max)
    }

    /// A judge's leniency as their marks show it, with its sampling variance: each mark against
    /// what the entry's other judges' marks alone say of it (or, where no other judge saw it,
    /// against the typical entry), each weighed by how sure that comparison is, the noise of the
    /// mark and how unsure the others' view is. So a judge's leniency is measured only against
    /// their co-judges, never against where the pull towards the middle put their entries: a
    /// pool of judges who saw a weaker track together is not taken as harsh because the fit
    /// pulled that track's entries up. `previous` are the judge's habits in the round that
    /// summed the entries' marks.
    ///
    /// Its own function, kept out of the fit's: inlined there, the compiler kept the two sums in
    /// memory for want of registers, and each mark waited on the last one's store.
    #[inline(never)]
    fn leniency_seen(&self, (entries, values): (&[u32], &[f64]), severity: f64, previous: &Habit) -> (f64, f64) {
        // The weight of a mark is 1 / (noise + severity² × unsure) and what it says of the
        // leniency is v − severity × quality, with the others' quality (P/O − shift) / stretch
        // and its uncertainty noise′ / (O × stretch²) (see [`Totals::others_sums`]). Multiplied
        // through by O × stretch², both take one division a mark instead of four: this loop runs
        // over every mark in every round.
        let t = &self.totals;
        let (s2, b2) = (t.stretch * t.stretch, severity * severity);
        let alone = 1.0 / (self.noise + b2 * t.spread);
        // The same products, in the same order, as written out per mark: hoisted, not changed.
        let (noise, others_noise, stretched) = (self.noise, b2 * t.noise, severity * t.stretch);
        let (mut sum, mut sure) = (0.0, 0.0);
        for (&e, &v) in entries.iter().zip(values) {
            if let Some((points, others)) = t.others_sums(e as usize, previous, v) {
                let scaled = others * s2;
                let r = 1.0 / (noise * scaled + others_noise);
                sum += r * (scaled * v - stretched * (points - t.shift * others));
                sure += r * scaled;
            } else {
                sum += alone * v;
                sure += alone;
            }
        }
        (sum / sure, 1.0 / sure)
    }

    /// Each entry's quality given the judges' habits: its judges' marks less their leniency,
    /// each point weighed as [`Habit::holding`] says, over the quality per point their
    /// severities promise, pulled
    /// towards the middle by the noise (an entry with one judge stays nearer the middle than one
    /// with five who agree). Returns how far the qualities moved.
    fn quality_round(&mut self, by_judge: &Grouped) -> f64 {
        // The spread of the true qualities is that of the estimates (1, once standardised) plus
        // how unsure they are: the pull towards the middle is the noise against that spread.
        let rated = self.marked.iter().filter(|m| **m).count().max(1) as f64;
        let typical = self.severity.typical.max(1e-6);
        let noise = self.noise / typical;
        let spread = 1.0 + self.unsure.iter().sum::<f64>() / rated;
        let prior = noise / spread;
        let habits = &self.habits;
        let sums = entry_sums(by_judge, self.quality.len(), |j| {
            let h = &habits[j];
            (h.weight, h.leniency, h.weight * h.severity)
        });
        let unsure = &mut self.unsure;
        let mut next: Vec<f64> = sums
            .iter()
            .zip(&self.marked)
            .enumerate()
            .map(|(e, ((points, promise), marked))| {
                unsure[e] = if *marked { noise / (promise + prior) } else { 0.0 };
                points / (promise + prior)
            })
            .collect();
        // The model cannot tell a shift or stretch of every quality from the opposite change in
        // every judge's habits; pinning the qualities to mean 0 and spread 1 removes that
        // freedom, without which the fit drifts instead of settling. The stretch this needs is
        // carried over to the severities' gauge, so that by the fit's end the round's qualities
        // come out at spread 1 by themselves. Without that, severities from spreads leave the
        // round's qualities a few per cent too wide or too narrow every round, and rescaling
        // them each time also rescales what only a few marks pin down and each round moves only
        // a little: how much stronger one track is than another when few judges saw both.
        let (shift, stretch) = standardise(&mut next, &self.marked);
        self.unsure.iter_mut().for_each(|u| *u /= stretch * stretch);
        self.gauge *= stretch;
        self.totals = Totals { sums, shift, stretch, noise, spread };
        let moved = next.iter().zip(&self.quality).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        self.quality = next;
        moved
    }

    /// What the fit expects a mark to be, in standard units.
    pub fn expected(&self, judge: usize, entry: usize) -> f64 {
        let h = &self.habits[judge];
        h.leniency + h.severity * self.quality[entry]
    }
}

/// A judge's sums against the current qualities of the entries they marked (`entries`, with
/// their `values`), from their own sums (`own`, which no round changes).
#[inline(never)]
fn against_qualities(own: Sums, entries: &[u32], values: &[f64], quality: &[f64], unsure: &[f64]) -> Sums {
    let mut s = own;
    for (&e, &v) in entries.iter().zip(values) {
        s.add_quality(quality[e as usize], unsure[e as usize], v);
    }
    s
}

/// Moves the points summed for each of `entries` by `by`: a judge's new leniency, taken into
/// the sums the judges after them are measured against.
#[inline(never)]
fn move_points(sums: &mut [(f64, f64)], entries: &[u32], by: f64) {
    for &e in entries {
        sums[e as usize].0 += by;
    }
}

/// Each entry's judges' weighed points less their leniency, and the quality per point their
/// severities promise: what a quality round sums for it. `judge` gives each judge's weight, the
/// leniency their points are taken less, and what each of their marks promises.
///
/// Added judge after judge, so every entry's marks are summed in the order of their judges,
/// whatever order the panel holds them in: two entries with the same marks from the same judges
/// come out the same to the last bit, and tie. An entry's sums stay in the caches (16 bytes an
/// entry) while a judge's marks stream past.
fn entry_sums(by_judge: &Grouped, entries: usize, judge: impl Fn(usize) -> (f64, f64, f64)) -> Vec<(f64, f64)> {
    let mut sums = vec![(0.0, 0.0); entries];
    for j in 0..by_judge.items() {
        let (weight, leniency, promise) = judge(j);
        let (entries, values) = by_judge.of(j);
        add_judge(&mut sums, entries, values, weight, leniency, promise);
    }
    sums
}

/// One judge's marks added to their entries' sums ([`entry_sums`]).
#[inline(never)]
fn add_judge(sums: &mut [(f64, f64)], entries: &[u32], values: &[f64], weight: f64, leniency: f64, promise: f64) {
    for (&e, &v) in entries.iter().zip(values) {
        let sum = &mut sums[e as usize];
        sum.0 += weight * (v - leniency);
        sum.1 += promise;
    }
}

/// How far the panel is from complete: 1 less the share of the cells (judge by entry, over the
/// judges with marks and the entries with marks) that hold a mark.
fn sparseness(by_judge: &Grouped, marked: &[bool]) -> f64 {
    let judges = (0..by_judge.items()).filter(|j| by_judge.start[j + 1] > by_judge.start[*j]).count();
    let entries = marked.iter().filter(|m| **m).count();
    let cells = (judges * entries).max(1) as f64;
    (1.0 - by_judge.other.len() as f64 / cells).clamp(0.0, 1.0)
}

/// Shifts and stretches the marked entries' qualities to mean 0 and spread 1; returns the mean
/// and the spread they had.
fn standardise(quality: &mut [f64], marked: &[bool]) -> (f64, f64) {
    let rated: Vec<f64> = quality.iter().zip(marked).filter(|(_, m)| **m).map(|(q, _)| *q).collect();
    let (Some(m), Some(s)) = (mean(&rated), spread(&rated)) else { return (0.0, 1.0) };
    // Qualities all alike (two judges ordering the entries oppositely) have no spread to take
    // to 1: rounding would make one of 1e-16, and stretching by it blows the fit up.
    let s = if s > 1e-9 { s } else { 1.0 };
    for q in quality {
        *q = (*q - m) / s;
    }
    (m, s)
}

/// One judge's habits, in standard units.
#[derive(Debug, Clone, Copy)]
pub(super) struct Habit {
    pub leniency: f64,
    pub severity: f64,
    /// What each of their points counts for in an entry's quality: 1 on a complete panel (less
    /// only for a judge held at the widest bound), and on a sparse one their severity against
    /// the typical judge's.
    weight: f64,
    pub held: Option<Held>,
}

impl Habit {
    /// A judge's habits at the given severity, held within the bounds around the typical one.
    ///
    /// On a sparse panel a judge who spreads their marks wider tells entries apart more surely
    /// against the same noise, and their points weigh by their severity, as least squares weighs
    /// them. On a complete panel every judge's points count as given, as the mean counts them,
    /// so that the order stays within what the mean, the rank sum and per-judge z agree on;
    /// between the two, in proportion.
    ///
    /// A judge is said to be narrow when their own marks, before any pull towards the typical
    /// judge, spread under the least: that is what they did, however little it moves the fit.
    fn holding(severity: f64, own_marks: Option<f64>, typical: f64, sparseness: f64) -> Habit {
        let (least, most) = (LEAST_SEVERITY * typical, MOST_SEVERITY * typical);
        let (held, weight) = if own_marks.is_some_and(|b| b < least) {
            (Some(Held::Narrow), 1.0)
        } else if severity > most {
            (Some(Held::Wide), most / severity)
        } else {
            (None, 1.0)
        };
        let weight = weight * (severity.min(most) / typical.max(1e-6)).powf(sparseness);
        Habit { leniency: 0.0, severity, weight, held }
    }
}

/// Why a judge's severity was said to be beyond a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Their own marks barely vary next to the entries they saw: under [`LEAST_SEVERITY`] of a
    /// typical judge's, so their marks tell those entries apart little.
    Narrow,
    /// Their marks spread far wider than the entries they saw: beyond [`MOST_SEVERITY`] of a
    /// typical judge's, each of their points counts for less, so they cannot outweigh the others.
    Wide,
}

#[cfg(test)]
mod tests {
    use super::Grouped;

    /// Marks item after item are copied in one pass, and any others placed by count: the same
    /// groups either way, each item's marks in the order given.
    #[test]
    fn marks_group_alike_in_order_or_not() {
        /// A mark as `Grouped::new` takes it: (item, other, value).
        type Mark = (usize, usize, f64);
        // (items, marks)
        let cases: [(usize, Vec<Mark>); 5] = [
            (3, vec![(0, 4, 1.0), (0, 2, 2.0), (2, 1, 3.0)]),
            (3, vec![(2, 1, 3.0), (0, 4, 1.0), (0, 2, 2.0)]),
            (2, vec![(1, 0, 5.0), (0, 0, 4.0), (1, 3, 6.0)]),
            (2, vec![]),
            (4, vec![(3, 9, 0.5), (3, 8, 0.25)]),
        ];
        for (items, marks) in cases {
            let grouped = Grouped::new(items, marks.iter().copied());
            let in_order = marks.is_sorted_by_key(|m| m.0);
            assert_eq!(Grouped::in_order(items, marks.iter().copied()).is_some(), in_order, "{marks:?}");
            assert_eq!(grouped.items(), items);
            for item in 0..items {
                let (others, values) = grouped.of(item);
                let want: Vec<(u32, f64)> =
                    marks.iter().filter(|m| m.0 == item).map(|m| (u32::try_from(m.1).unwrap_or(0), m.2)).collect();
                let got: Vec<(u32, f64)> = others.iter().copied().zip(values.iter().copied()).collect();
                assert_eq!(got, want, "item {item} of {marks:?}");
            }
        }
    }
}
