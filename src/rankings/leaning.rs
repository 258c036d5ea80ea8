//! Paid places that rest on lenient judges. The mean, the median, the trimmed mean and the sum
//! take each judge's marks as given: an entry that only lenient judges saw rises by their
//! leniency, and can take a prize on it, with no flag to say so (one lenient judge and one who
//! gave everything a 5 put an entry they alone scored first in its track, ahead of entries seven
//! judges agreed on). The calibrated method and z-scores take each judge's habits out, and the
//! ranks and head-to-heads compare a judge's marks only with their own, so under those no paid
//! place is lifted by leniency and nothing is said.

use std::collections::HashMap;

use super::Rankings;
use crate::sanitize::clean_line;

/// How the warning of paid places on lenient judges begins, the merge's and the prizes' alike:
/// what it is replaced by when the paid places are tested again, and what [`is_lenient_warning`]
/// knows it by.
pub const SAYS: &str = "Paid places that rest on lenient judges";

/// Whether `warning` is the merge's warning of paid places that rest on lenient judges: the
/// results, which pay prizes from the rankings (an entry passed over for a prize it cannot win
/// as well), say the prizes' own instead ([`crate::prizes::lenient_places`]).
pub fn is_lenient_warning(warning: &str) -> bool {
    warning.starts_with(SAYS)
}

/// How many holders the warning names before "and N more".
const FIRST_FEW: usize = 5;

/// Whether the method takes each judge's marks as given, leniency and all.
fn takes_marks_as_given(method: &str) -> bool {
    matches!(method, "mean" | "median" | "trimmed" | "sum")
}

impl Rankings {
    /// How far above their co-judges, on average, an entry's judges must mark for a place to rest
    /// on lenient marks: an eighth of the scale (half a point on 1-5), under a method that takes
    /// each judge's marks as given; `None` under the others, which take the habits out. The one
    /// rule of the merge's warning and of the results' check.
    pub fn lenient_bound(&self) -> Option<f64> {
        takes_marks_as_given(&self.method).then(|| (self.scale_high() - self.scale_low) as f64 / 8.0)
    }

    /// Replaces the warning of paid places whose judges mark, on average, an eighth of the scale
    /// or more above their co-judges (half a point on a 1-5 scale), under a method that keeps
    /// their leniency; none under the others. Run whenever the paid places are (again).
    pub(super) fn warn_of_lenient_holders(&mut self) {
        // A merge read back from its JSON has no judges' sheets to work it out again from: it
        // keeps the warning it was saved with.
        if self.sheets.judges.is_empty() {
            return;
        }
        self.warnings.retain(|w| !w.starts_with(SAYS));
        if let Some(warning) = self.lenient_summary() {
            self.warnings.push(warning);
        }
    }

    /// The paid holders of `ranking` whose judges mark, on average, an eighth of the scale or
    /// more above their co-judges, under a method that keeps their leniency (none under the
    /// others), in place order.
    pub fn lenient_holders_in(&self, ranking: &str) -> Vec<LenientHolder> {
        let Some(bound) = self.lenient_bound().filter(|_| self.paid.contains_key(ranking)) else {
            return Vec::new();
        };
        let index: HashMap<&str, usize> = self.sheets.ids.iter().enumerate().map(|(e, id)| (id.as_str(), e)).collect();
        let mut out = Vec::new();
        for e in self.paid_holders(ranking) {
            let Some(&at) = index.get(e.id.as_str()) else { continue };
            let judges: Vec<(String, f64)> = (self.sheets.judges.iter().zip(&self.sheets.leniency))
                .filter(|(j, _)| j.entries.contains(&at))
                .map(|(j, l)| (j.judge.clone(), *l))
                .collect();
            if judges.is_empty() {
                continue;
            }
            let mean = judges.iter().map(|(_, l)| l).sum::<f64>() / judges.len() as f64;
            if mean >= bound {
                out.push(LenientHolder { title: e.title.clone(), place: e.place, mean, judges });
            }
        }
        out
    }

    /// Every ranking's paid places that rest on lenient judges, in one sentence: the merge's
    /// warning, and a line under the printed merge's heading.
    pub fn lenient_summary(&self) -> Option<String> {
        let named: Vec<String> = self
            .paid
            .keys()
            .flat_map(|name| self.lenient_holders_in(name).into_iter().map(move |h| (name, h)))
            .map(|(name, h)| {
                format!(
                    "{} ({} in {}): its {} {} on average {:.2} points above their co-judges ({})",
                    clean_line(&h.title),
                    crate::format::ordinal(h.place),
                    clean_line(self.ranking_name(name)),
                    h.judges.len(),
                    if h.judges.len() == 1 { "judge marks" } else { "judges mark" },
                    h.mean,
                    h.each()
                )
            })
            .collect();
        if named.is_empty() {
            return None;
        }
        let more = named.len().saturating_sub(FIRST_FEW);
        let mut list = named.iter().take(FIRST_FEW).cloned().collect::<Vec<_>>().join("; ");
        if more > 0 {
            list.push_str(&format!("; and {more} more"));
        }
        Some(format!(
            "{SAYS}, which the {} method keeps as given ({}): {list}. The calibrated method (the default) takes each judge's leniency out: compare with --method calibrated, or have more judges score them",
            self.method,
            named.len()
        ))
    }
}

/// A paid place whose judges mark above their co-judges, with each judge's leniency.
#[derive(Debug, Clone, PartialEq)]
pub struct LenientHolder {
    pub title: String,
    pub place: usize,
    /// The mean of its judges' leniencies, in rubric points.
    pub mean: f64,
    pub judges: Vec<(String, f64)>,
}

impl LenientHolder {
    /// Each judge with their leniency: `eve +0.54, gus +1.38`.
    pub fn each(&self) -> String {
        self.judges.iter().map(|(j, l)| format!("{} {l:+.2}", clean_line(j))).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::super::robustness::tests::{backyard, judge_of};
    use super::super::{Field, JudgeMarks, Options, rank_all};
    use crate::config::Config;
    use crate::merge::Method;

    /// Three judges agree on a..e; f is scored only by eve, a point above them wherever they
    /// meet, and gus, who gives everything a 5. By the mean, f wins the track on their leniency.
    fn panel() -> Vec<JudgeMarks> {
        let agreed = [(0, 4), (1, 4), (2, 3), (3, 3), (4, 2)];
        vec![
            judge_of("ana", &agreed),
            judge_of("bo", &agreed),
            judge_of("cy", &agreed),
            judge_of("eve", &[(0, 5), (4, 3), (5, 5)]),
            judge_of("gus", &[(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]),
        ]
    }

    fn merged(method: Method) -> super::super::Rankings {
        merged_in(method, &Config::builtin())
    }

    fn merged_in(method: Method, config: &Config) -> super::super::Rankings {
        let subs = backyard(6);
        let field = Field::new(&subs);
        rank_all(panel(), config, &field, &Options::new(method, config)).expect("ranks")
    }

    #[test]
    fn a_paid_place_only_lenient_judges_gave_is_named_under_the_mean() {
        let r = merged(Method::Mean);
        assert_eq!(r.ranking("backyard").expect("backyard")[0].id, "f", "f first by the mean");
        let said: Vec<&String> = r.warnings.iter().filter(|w| w.contains("lenient judges")).collect();
        assert_eq!(said.len(), 1, "{:?}", r.warnings);
        assert!(said[0].contains("F (1st in Backyard AI): its 2 judges mark on average"), "{}", said[0]);
        assert!(said[0].contains("eve +") && said[0].contains("gus +"), "{}", said[0]);
        assert!(!said[0].contains("A (") && !said[0].contains("ana"), "the agreed entries are not named: {}", said[0]);
        // Tested again (as once eligibility is known), it is replaced, not repeated.
        let mut again = r.clone();
        again.test_places();
        assert_eq!(again.warnings.iter().filter(|w| w.contains("lenient judges")).count(), 1);
        // Saved and read back (as `judging results merged.json` reads it), it is kept.
        let json = serde_json::to_string(&super::super::SavedRankings::from(&r)).expect("json");
        let saved: super::super::SavedRankings = serde_json::from_str(&json).expect("read back");
        let mut read: super::super::Rankings = saved.into();
        read.test_places();
        assert_eq!(read.warnings.iter().filter(|w| w.contains("lenient judges")).count(), 1, "{:?}", read.warnings);
    }

    /// The place is named in its ranking as judging.toml names its track, cleaned of controls; a
    /// track named "" by its id. It had said "(1st in backyard)" beside the heading "BACKYARD AI".
    #[test]
    fn the_warning_names_the_ranking_by_its_tracks_name() {
        let mut config = Config::builtin();
        config.tracks[0].name = "Back\u{7}yard <AI>".into();
        let r = merged_in(Method::Mean, &config);
        assert_eq!(r.ranking_name("backyard"), "Back\u{7}yard <AI>");
        assert_eq!(r.ranking_name("overall"), "overall");
        let said = r.lenient_summary().expect("a lenient holder");
        assert!(said.contains("F (1st in Backyard <AI>): its 2 judges"), "{said}");
        assert!(r.warnings.contains(&said), "{:?}", r.warnings);
        // Saved and read back, the names are kept; a file saved without them reads, by the ids.
        let saved = super::super::SavedRankings::from(&r);
        let json = serde_json::to_value(&saved).expect("json");
        assert_eq!(json["track_names"]["backyard"], "Back\u{7}yard <AI>", "{json}");
        let read: super::super::Rankings = saved.clone().into();
        assert_eq!(read.ranking_name("backyard"), "Back\u{7}yard <AI>");
        let old: super::super::Rankings =
            super::super::SavedRankings { track_names: std::collections::BTreeMap::new(), ..saved }.into();
        assert_eq!(old.ranking_name("backyard"), "backyard");
        config.tracks[0].name = " ".into();
        let said = merged_in(Method::Mean, &config).lenient_summary().expect("a lenient holder");
        assert!(said.contains("F (1st in backyard): its 2 judges"), "a blank name, by the id: {said}");
    }

    #[test]
    fn no_warning_where_the_method_takes_leniency_out() {
        for method in [Method::Calibrated, Method::ZScore] {
            let r = merged(method.clone());
            assert!(!r.warnings.iter().any(|w| w.contains("lenient judges")), "{}: {:?}", method.name(), r.warnings);
        }
    }
}
