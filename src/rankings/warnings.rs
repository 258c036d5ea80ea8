//! The warnings a merge gives beside its rankings: judges held at a severity bound, judges who
//! share no entry, entries a sum leaves out, entries a judge left partly scored.

use super::{Field, JudgeMarks};
use crate::merge::Method;
use crate::merge::agreement::EntryStats;
use crate::sanitize::clean_line;

/// Says which judges share no entry with the others, and what that costs.
pub(super) fn groups(groups: &[Vec<String>]) -> String {
    let named: Vec<String> = groups
        .iter()
        .map(|g| format!("{{{}}}", g.iter().map(|j| clean_line(j)).collect::<Vec<_>>().join(", ")))
        .collect();
    format!(
        "the judges fall into {} groups that share no entry, directly or through other judges: {}. Nothing compares one group's leniency with another's, so places across groups assume their entries were alike; `judging assign` keeps judges linked, and [assign] calibration (entries every judge scores) links them all",
        groups.len(),
        named.join(", ")
    )
}

/// Names each judge whose severity the calibrated fit held at a bound, and why: their marks then
/// count for more or less than their own spread would say.
pub(super) fn held(fit: &crate::merge::Calibration, panel: &crate::merge::Panel) -> Vec<String> {
    use crate::merge::{Held, LEAST_SEVERITY, MOST_SEVERITY};
    fit.held
        .iter()
        .enumerate()
        .filter_map(|(j, held)| {
            let judge = clean_line(&panel.judges[j]);
            held.map(|h| match h {
                Held::Narrow => format!(
                    "judge {judge:?} gave nearly the same total to every entry they scored: the calibrated method holds their severity at {LEAST_SEVERITY} (its least), so their small differences count at most {} times over; check their marks were meant",
                    1.0 / LEAST_SEVERITY
                ),
                Held::Wide => format!(
                    "judge {judge:?} spread their totals far wider than the entries they scored differ: the calibrated method holds their severity at {MOST_SEVERITY} (its most), so each of their points counts {} of a typical judge's (its floor)",
                    1.0 / MOST_SEVERITY
                ),
            })
        })
        .collect()
}

/// The entries a sum leaves out, because not every counted judge scored them, as a warning.
pub(super) fn left_out_of_the_sum(
    method: &Method,
    chosen_names: &[String],
    overall: &[Option<f64>],
    stats: &EntryStats,
    field: &Field,
) -> Option<String> {
    let Method::Sum { judges: chosen } = method else { return None };
    let left: Vec<&str> = (0..field.entries.len())
        .filter(|e| stats.judges[*e] > 0 && overall[*e].is_none())
        .map(|e| field.entries[e].submission.id.as_str())
        .collect();
    if left.is_empty() {
        return None;
    }
    let counted = if chosen.is_empty() { "every judge".to_owned() } else { chosen_names.join(", ") };
    let named: Vec<String> = left.iter().take(10).map(|id| clean_line(id)).collect();
    let more = if left.len() > named.len() { format!(" and {} more", left.len() - named.len()) } else { String::new() };
    Some(format!(
        "the sum counts only entries {} scored: {} entr{} left out ({}{more})",
        clean_line(&counted),
        left.len(),
        if left.len() == 1 { "y" } else { "ies" },
        named.join(", ")
    ))
}

/// Names the entries a judge left partly scored (the first five), which the merge leaves out.
pub(super) fn partial(j: &JudgeMarks) -> String {
    let n = j.partial.len();
    let named: Vec<String> = j.partial.iter().take(5).map(|id| clean_line(id)).collect();
    let more = if n > named.len() { format!(" and {} more", n - named.len()) } else { String::new() };
    format!(
        "judge {:?} left {n} entr{} partly scored ({}{more}); those do not count",
        clean_line(&j.judge),
        if n == 1 { "y" } else { "ies" },
        named.join(", ")
    )
}

/// Names the entries whose judges scored different commits of their Space (the first five).
pub(super) fn revisions(differ: &[(String, Vec<(String, String)>)]) -> String {
    let short = |r: &str| r.chars().take(7).collect::<String>();
    let named: Vec<String> = differ
        .iter()
        .take(5)
        .map(|(id, revs)| {
            let who: Vec<String> =
                revs.iter().map(|(j, r)| format!("{} at {}", clean_line(j), clean_line(&short(r)))).collect();
            format!("{} ({})", clean_line(id), who.join(", "))
        })
        .collect();
    let more =
        if differ.len() > named.len() { format!(" and {} more", differ.len() - named.len()) } else { String::new() };
    format!(
        "{} entr{} scored on different commits of their Space: {}{more}; the judges may have seen different apps",
        differ.len(),
        if differ.len() == 1 { "y was" } else { "ies were" },
        named.join("; ")
    )
}
