//! Simulated events where the true order is known: judges with a leniency, a severity and noise
//! of their own, marking on a 1-10 scale in whole points, assigned in different designs.

use judging::merge::{Mark, Panel};
use judging::rng::SplitMix;

/// The same `SplitMix64` the assignments use, so that the suite is the same on every machine.
pub struct Rng(pub SplitMix);

impl Rng {
    pub fn uniform(&mut self) -> f64 {
        self.0.uniform()
    }

    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform().max(1e-300), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n as u64) as usize
    }
}

/// How entries are handed out to judges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Assignment {
    /// Each entry to `per_entry` judges at random among the least loaded, so loads stay even.
    Balanced,
    /// Entries in order of quality, two of each entry's judges in bands (the strongest entries
    /// all to the first few judges), the third at random.
    SkewedByQuality,
    /// Two tracks of different strength, each judged by its own half of the judges; `linking`
    /// judges take entries from both.
    TrackPools { linking: usize },
    /// Peer grading: each grader marks 1 to 3 entries at random, so entries get 0 to many marks.
    Sparse,
}

/// One design of simulated event.
#[derive(Debug, Clone, Copy)]
pub struct Design {
    pub name: &'static str,
    pub entries: usize,
    pub judges: usize,
    pub per_entry: usize,
    pub assignment: Assignment,
    /// Severities drawn uniformly from this range.
    pub severity: (f64, f64),
    /// The spread of leniency, in points.
    pub leniency: f64,
    pub noise: f64,
}

const fn design(name: &'static str, judges: usize, per_entry: usize, assignment: Assignment) -> Design {
    Design { name, entries: 300, judges, per_entry, assignment, severity: (0.5, 1.5), leniency: 1.2, noise: 0.8 }
}

pub const BALANCED: Design = design("balanced", 25, 3, Assignment::Balanced);
pub const SKEWED: Design = design("skewed by quality", 25, 3, Assignment::SkewedByQuality);
pub const TRACKS: Design = design("track pools", 25, 3, Assignment::TrackPools { linking: 3 });
pub const SPARSE: Design = Design { entries: 247, ..design("sparse graders", 305, 0, Assignment::Sparse) };
pub const TWO: Design = design("2 judges an entry", 25, 2, Assignment::Balanced);
pub const FOUR: Design = design("4 judges an entry", 25, 4, Assignment::Balanced);
pub const SIXTY: Design = design("60 judges", 60, 3, Assignment::Balanced);
pub const WIDE: Design = Design { severity: (0.2, 2.5), ..design("wide severities", 25, 3, Assignment::Balanced) };

/// The spread of the entries' true qualities, in points for a judge of severity 1.
const QUALITY: f64 = 2.0;

/// One simulated event: the true qualities and the panel of marks.
pub fn event(design: &Design, seed: u64) -> (Vec<f64>, Panel) {
    let mut rng = Rng(SplitMix(seed));
    let d = design;
    let leniency: Vec<f64> = (0..d.judges).map(|_| d.leniency * rng.normal()).collect();
    let severity: Vec<f64> =
        (0..d.judges).map(|_| d.severity.0 + (d.severity.1 - d.severity.0) * rng.uniform()).collect();
    // Track pools: the second track's entries are half a point weaker on average.
    let mut truth: Vec<f64> = (0..d.entries).map(|_| QUALITY * rng.normal()).collect();
    if matches!(d.assignment, Assignment::TrackPools { .. }) {
        truth.iter_mut().skip(d.entries / 2).for_each(|q| *q -= 0.75);
    }
    let judged = assign(d, &truth, &mut rng);
    let mut marks = Vec::new();
    for (entry, judges) in judged.iter().enumerate() {
        for judge in judges {
            let raw = 5.5 + leniency[*judge] + severity[*judge] * truth[entry] + d.noise * rng.normal();
            marks.push(Mark::new(*judge, entry, raw.round().clamp(1.0, 10.0)));
        }
    }
    let panel = Panel {
        judges: (0..d.judges).map(|j| format!("judge {j}")).collect(),
        entries: (0..d.entries).map(|e| format!("entry {e}")).collect(),
        marks,
        criteria: None,
    };
    (truth, panel)
}

/// Each entry's judges.
fn assign(d: &Design, truth: &[f64], rng: &mut Rng) -> Vec<Vec<usize>> {
    let mut judged: Vec<Vec<usize>> = vec![Vec::new(); d.entries];
    let mut load = vec![0usize; d.judges];
    let mut give = |entry: usize, among: &[usize], judged: &mut Vec<Vec<usize>>, rng: &mut Rng| {
        let free: Vec<usize> = among.iter().copied().filter(|j| !judged[entry].contains(j)).collect();
        let least = free.iter().map(|j| load[*j]).min().unwrap_or(0);
        let lightest: Vec<usize> = free.into_iter().filter(|j| load[*j] == least).collect();
        let j = lightest[rng.below(lightest.len())];
        load[j] += 1;
        judged[entry].push(j);
    };
    let everyone: Vec<usize> = (0..d.judges).collect();
    match d.assignment {
        Assignment::Balanced => {
            for e in 0..d.entries {
                (0..d.per_entry).for_each(|_| give(e, &everyone, &mut judged, rng));
            }
        }
        Assignment::SkewedByQuality => {
            let mut order: Vec<usize> = (0..d.entries).collect();
            order.sort_by(|a, b| truth[*b].total_cmp(&truth[*a]));
            for (k, e) in order.iter().enumerate() {
                for r in 0..d.per_entry - 1 {
                    let band = ((d.per_entry - 1) * k + r) * d.judges / ((d.per_entry - 1) * d.entries);
                    if !judged[*e].contains(&band) {
                        judged[*e].push(band);
                    }
                }
                while judged[*e].len() < d.per_entry {
                    give(*e, &everyone, &mut judged, rng);
                }
            }
        }
        Assignment::TrackPools { linking } => {
            let half = (d.judges - linking) / 2;
            let pools: [Vec<usize>; 2] = [
                (0..half).chain(d.judges - linking..d.judges).collect(),
                (half..d.judges - linking).chain(d.judges - linking..d.judges).collect(),
            ];
            for e in 0..d.entries {
                let pool = &pools[usize::from(e >= d.entries / 2)];
                (0..d.per_entry).for_each(|_| give(e, pool, &mut judged, rng));
            }
        }
        Assignment::Sparse => {
            for j in 0..d.judges {
                for _ in 0..=rng.below(3) {
                    let e = rng.below(d.entries);
                    if !judged[e].contains(&j) {
                        judged[e].push(j);
                    }
                }
            }
        }
    }
    judged
}
