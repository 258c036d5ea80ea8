//! Each entry's standing on one criterion alone, merged by the event's method: what a prize by
//! criterion ranks by. A raw mean would let one lenient judge's single 5 beat two judges' 4.5;
//! the method that corrects the overall ranking (the calibrated fit, by default) corrects each
//! criterion the same way.

use super::{CriterionStanding, JudgeMarks};
use crate::config::{Config, PrizeBy};
use crate::merge::{Mark, Method, Panel, merge, rank};

/// The criteria some prize ranks by, by their index in the rubric, each once.
pub(super) fn prize_criteria(config: &Config) -> Vec<usize> {
    let mut out: Vec<usize> = config
        .prizes
        .iter()
        .filter(|p| p.by == PrizeBy::Criterion)
        .filter_map(|p| p.criterion.as_deref())
        .filter_map(|id| config.criteria.iter().position(|c| c.id == id))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// `standings[criterion][entry]`: for each criterion in `which`, every entry's merged score on it
/// and its place among the entries scored on it; `None` for an entry no judge scored on it, and
/// for every entry of a criterion not in `which` (no prize asks, so nothing is worked out). With
/// no criterion asked for, nothing at all: the rankings then carry no column of nothing.
pub(super) fn standings(
    judges: &[JudgeMarks],
    criteria: usize,
    entries: &[String],
    method: &Method,
    which: &[usize],
) -> Vec<Vec<Option<CriterionStanding>>> {
    if which.is_empty() {
        return Vec::new();
    }
    (0..criteria)
        .map(|k| {
            if !which.contains(&k) {
                return vec![None; entries.len()];
            }
            let panel = criterion_panel(judges, criteria, entries, k);
            let scores = merge(&panel, &on_one_criterion(method));
            let mut out = vec![None; entries.len()];
            for s in rank(&scores, method.order()) {
                out[s.entry] = Some(CriterionStanding { score: s.score, place: s.place });
            }
            out
        })
        .collect()
}

/// The method as it applies to one criterion's marks: trimming each criterion's extremes is
/// trimming this criterion's, which is what trimming its marks does.
fn on_one_criterion(method: &Method) -> Method {
    match method {
        Method::Trimmed { drop, .. } => Method::Trimmed { drop: *drop, by: crate::merge::TrimBy::Total },
        other => other.clone(),
    }
}

/// Every judge's mark on criterion `k` of each entry they scored, as a panel of its own.
fn criterion_panel(judges: &[JudgeMarks], criteria: usize, entries: &[String], k: usize) -> Panel {
    let marks = super::panel::sized(
        judges.iter().map(|j| j.entries.len()).sum(),
        judges.iter().enumerate().flat_map(|(judge, j)| {
            j.entries.iter().enumerate().filter_map(move |(row, &entry)| {
                let value = j.values.get(row * criteria + k).copied().flatten()?;
                Some(Mark::new(judge, entry, f64::from(value)))
            })
        }),
    );
    Panel { judges: judges.iter().map(|j| j.judge.clone()).collect(), entries: entries.to_vec(), marks, criteria: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(name: &str, rows: &[(usize, u8)]) -> JudgeMarks {
        JudgeMarks {
            judge: name.into(),
            entries: rows.iter().map(|r| r.0).collect(),
            totals: rows.iter().map(|r| f64::from(r.1)).collect(),
            values: rows.iter().map(|r| Some(r.1)).collect(),
            ..JudgeMarks::default()
        }
    }

    /// The sample event's Best Demo: one lenient judge gave entry 0 a single 5; entry 1 has a 4
    /// and a 5 from two judges of ordinary habits. The mean puts 0 first; the calibrated fit,
    /// knowing the lenient judge marks a point above the others wherever they meet, does not.
    #[test]
    fn a_lenient_judges_single_top_mark_does_not_win_the_criterion() {
        let lenient = judge("lenient", &[(0, 5), (2, 5), (3, 4), (4, 5)]);
        let a = judge("a", &[(1, 4), (2, 4), (3, 3), (4, 4)]);
        let b = judge("b", &[(1, 5), (2, 4), (3, 3), (4, 4)]);
        let judges = [lenient, a, b];
        let entries: Vec<String> = (0..5).map(|e| format!("e{e}")).collect();
        let first = |method: &Method| {
            let s = standings(&judges, 1, &entries, method, &[0]);
            s[0].iter().enumerate().filter(|(_, s)| s.is_some_and(|s| s.place == 1)).map(|(e, _)| e).collect::<Vec<_>>()
        };
        assert_eq!(first(&Method::Mean), [0], "the raw mean crowns the lenient judge's 5");
        assert_eq!(first(&Method::Calibrated), [1], "corrected for the lenient judge");
    }

    #[test]
    fn only_the_criteria_a_prize_asks_for_are_worked_out() {
        let judges = [judge("a", &[(0, 3), (1, 4)])];
        let entries = vec!["x".to_owned(), "y".to_owned()];
        let s = standings(&judges, 1, &entries, &Method::Mean, &[]);
        assert!(s.is_empty(), "no prize asks: no column of nothing in every ranked entry: {s:?}");
        let s = standings(&judges, 1, &entries, &Method::Mean, &[0]);
        assert_eq!(s[0][1], Some(CriterionStanding { score: 4.0, place: 1 }));
        assert_eq!(s[0][0], Some(CriterionStanding { score: 3.0, place: 2 }));
    }

    #[test]
    fn a_rank_sum_places_the_lowest_first() {
        let judges = [judge("a", &[(0, 3), (1, 4)]), judge("b", &[(0, 2), (1, 5)])];
        let entries = vec!["x".to_owned(), "y".to_owned()];
        let s = standings(&judges, 1, &entries, &Method::RankSum, &[0]);
        assert_eq!(s[0][1].map(|s| s.place), Some(1), "{s:?}");
    }
}
