//! Trainee judges (`[[judges]] counts = false`): their files are read and checked like any
//! other, their views shown beside the others', and how far they agree with the panel said so
//! that a trainer can coach them; their marks never reach a ranking, a chance or a prize.

use serde::{Deserialize, Serialize};

use super::JudgeMarks;
use crate::config::Config;

/// How a trainee's marks compare with the panel's, entry by entry: against what a typical
/// judge of the panel would give each entry (the calibrated fit's quality, in rubric points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraineeLine {
    pub judge: String,
    /// The entries they scored fully.
    pub entries: usize,
    /// Of those, the entries the panel scored too, which the figures below compare.
    pub compared: usize,
    /// How many points above (+) or below (-) a typical judge of the panel they mark, on
    /// average.
    pub leniency: Option<f64>,
    /// How far their total is from the panel's, on average, either way.
    pub gap: Option<f64>,
    /// How far they order the entries as the panel does: Spearman's rank correlation, 1 the same
    /// order, 0 none in common, -1 the reverse; `None` under three entries compared.
    pub order: Option<f64>,
}

/// Fewer entries compared than this, and an order says nothing.
const LEAST_FOR_ORDER: usize = 3;

impl TraineeLine {
    /// Their figures in one phrase, for a sentence or a table cell: "+0.40 points, 0.62 apart
    /// on average, order 0.81 (12 entries)".
    pub fn said(&self) -> String {
        match (self.leniency, self.gap) {
            (Some(l), Some(g)) => {
                let order = self.order.map(|o| format!(", order {o:.2}")).unwrap_or_default();
                format!(
                    "{} points, {g:.2} apart on average{order} ({} entries)",
                    crate::format::signed(l, 2),
                    self.compared
                )
            }
            _ => format!("no entry in common with the panel ({} scored)", self.entries),
        }
    }
}

/// The judges whose marks count, and the trainees, in the order given.
pub(super) fn split(judges: Vec<JudgeMarks>, config: &Config) -> (Vec<JudgeMarks>, Vec<JudgeMarks>) {
    judges.into_iter().partition(|j| !config.is_trainee(&j.judge))
}

/// Each trainee's line against the panel's `quality` of each entry (by field index; `None` for
/// an entry the panel did not score).
pub(super) fn lines(trainees: &[JudgeMarks], quality: &[Option<f64>]) -> Vec<TraineeLine> {
    trainees
        .iter()
        .map(|t| {
            let pairs: Vec<(f64, f64)> = t
                .entries
                .iter()
                .zip(&t.totals)
                .filter_map(|(e, total)| Some((*total, quality.get(*e).copied().flatten()?)))
                .collect();
            let n = pairs.len() as f64;
            let mean =
                |f: &dyn Fn(&(f64, f64)) -> f64| (!pairs.is_empty()).then(|| pairs.iter().map(f).sum::<f64>() / n);
            TraineeLine {
                judge: t.judge.clone(),
                entries: t.entries.len(),
                compared: pairs.len(),
                leniency: mean(&|(mine, theirs)| mine - theirs),
                gap: mean(&|(mine, theirs)| (mine - theirs).abs()),
                order: spearman(&pairs),
            }
        })
        .collect()
}

/// Spearman's rank correlation of the pairs: the correlation of their ranks, ties sharing the
/// mean rank. `None` under three pairs, or where either side gives every entry the same.
fn spearman(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < LEAST_FOR_ORDER {
        return None;
    }
    let left = crate::merge::ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>(), true);
    let right = crate::merge::ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>(), true);
    let n = left.len() as f64;
    let (ml, mr) = (left.iter().sum::<f64>() / n, right.iter().sum::<f64>() / n);
    let (mut lr, mut ll, mut rr) = (0.0, 0.0, 0.0);
    for (a, b) in left.iter().zip(&right) {
        lr += (a - ml) * (b - mr);
        ll += (a - ml) * (a - ml);
        rr += (b - mr) * (b - mr);
    }
    (ll > 0.0 && rr > 0.0).then(|| lr / (ll * rr).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trainee(rows: &[(usize, f64)]) -> JudgeMarks {
        JudgeMarks {
            judge: "tia".into(),
            entries: rows.iter().map(|r| r.0).collect(),
            totals: rows.iter().map(|r| r.1).collect(),
            ..JudgeMarks::default()
        }
    }

    #[test]
    fn a_trainee_is_compared_with_the_panel_on_the_entries_both_scored() {
        let quality = [Some(2.0), Some(3.0), Some(4.0), Some(5.0), None];
        // (rows, leniency, gap, order, compared)
        type Case = (Vec<(usize, f64)>, Option<f64>, Option<f64>, Option<f64>, usize);
        let cases: [Case; 5] = [
            // A point above the panel on every entry, in its order.
            (vec![(0, 3.0), (1, 4.0), (2, 5.0), (3, 6.0)], Some(1.0), Some(1.0), Some(1.0), 4),
            // The panel's order reversed, no leaning on average.
            (vec![(0, 5.0), (1, 4.0), (2, 3.0), (3, 2.0)], Some(0.0), Some(2.0), Some(-1.0), 4),
            // An entry the panel did not score is not compared.
            (vec![(0, 2.0), (1, 3.0), (2, 4.0), (4, 1.0)], Some(0.0), Some(0.0), Some(1.0), 3),
            // Two entries: a leaning, but no order.
            (vec![(0, 1.0), (1, 2.0)], Some(-1.0), Some(1.0), None, 2),
            // Every mark the same: no order to compare.
            (vec![(0, 3.0), (1, 3.0), (2, 3.0)], Some(0.0), Some(2.0 / 3.0), None, 3),
        ];
        for (k, (rows, leniency, gap, order, compared)) in cases.into_iter().enumerate() {
            let line = &lines(&[trainee(&rows)], &quality)[0];
            let round = |v: Option<f64>| v.map(|v| (v * 1e9).round() / 1e9);
            assert_eq!(round(line.leniency), round(leniency), "case {k}: {line:?}");
            assert_eq!(round(line.gap), round(gap), "case {k}: {line:?}");
            assert_eq!(round(line.order), round(order), "case {k}: {line:?}");
            assert_eq!((line.compared, line.entries), (compared, rows.len()), "case {k}");
        }
        let none = &lines(&[trainee(&[(4, 3.0)])], &quality)[0];
        assert_eq!((none.leniency, none.compared), (None, 0));
        assert!(none.said().contains("no entry in common"), "{}", none.said());
    }

    #[test]
    fn only_judges_listed_with_counts_false_are_trainees() {
        let mut config = Config::builtin();
        config.judges[1].counts = false;
        let trainee_name = config.judges[1].name.clone();
        let named = |name: &str| JudgeMarks { judge: name.into(), ..JudgeMarks::default() };
        // The listed name in other case is the same judge; a name judging.toml does not list counts.
        let (counting, trainees) =
            split(vec![named(&config.judges[0].name), named(&trainee_name.to_uppercase()), named("stranger")], &config);
        let who = |list: &[JudgeMarks]| list.iter().map(|j| j.judge.clone()).collect::<Vec<_>>();
        assert_eq!(who(&counting), [config.judges[0].name.clone(), "stranger".into()]);
        assert_eq!(who(&trainees), [trainee_name.to_uppercase()]);
    }
}
