//! `[finals]`: which rankings have a finals round and who compares in it, and every problem the
//! section can have. The one home of "the rankings with finals" and "who may compare".

use super::{Config, FINALISTS, FinalsConfig, Judge, OVERALL};
use crate::model::same_name;
use crate::sanitize::in_quotes;

impl Config {
    /// The rankings that have a finals round, in the order of judging.toml: `finals.rankings`,
    /// or every ranking a prize pays places in. Empty without `[finals]`.
    pub fn finals_rankings(&self) -> Vec<String> {
        let Some(finals) = &self.finals else { return Vec::new() };
        if !finals.rankings.is_empty() {
            return finals.rankings.clone();
        }
        let mut out: Vec<String> = Vec::new();
        for p in self.prizes.iter().filter(|p| p.reads_whole_ranking()) {
            if !out.iter().any(|r| r == p.ranking()) {
                out.push(p.ranking().to_owned());
            }
        }
        out
    }

    /// Whether `name` compares in the finals: named in `finals.judges`, or, when that is empty,
    /// a judge of `[[judges]]` (anyone at all for an event that lists none). Names compare as
    /// judges' names always do.
    pub fn compares_in_finals(&self, name: &str) -> bool {
        let Some(finals) = &self.finals else { return false };
        if !finals.judges.is_empty() {
            return finals.judges.iter().any(|j| same_name(j, name));
        }
        self.judges.is_empty() || self.judge(name).is_some()
    }

    /// The judges who compare in the finals, as `[[judges]]` lists them: `finals.judges`, or every
    /// judge.
    pub fn finals_judges(&self) -> Vec<&Judge> {
        self.judges.iter().filter(|j| self.compares_in_finals(&j.name)).collect()
    }

    /// `line_of`: judging.toml's line of a key ([`super::line_of`]), for the judge a finals
    /// judge only looks like.
    pub(super) fn finals_problems(&self, line_of: &dyn Fn(&str) -> Option<usize>, out: &mut Vec<String>) {
        let Some(finals) = &self.finals else { return };
        let FinalsConfig { size, rankings, judges, file } = finals;
        let (fewest, most) = FINALISTS;
        if !(fewest..=most).contains(size) {
            out.push(format!(
                "finals.size = {size}: a finals round compares {fewest} to {most} entries of a ranking side by side; use a number in that range, such as 6"
            ));
        }
        let known: Vec<&str> = std::iter::once(OVERALL).chain(self.tracks.iter().map(|t| t.id.as_str())).collect();
        // A track or a judge whose id or name is a stand-in may be the one named.
        let (tracked, named) = (!self.stand_ins.any("tracks", "id"), !self.stand_ins.any("judges", "name"));
        for (i, r) in rankings.iter().enumerate().filter(|_| tracked) {
            if !known.contains(&r.as_str()) {
                out.push(format!(
                    "finals.rankings[{i}] = {} is not a ranking; the rankings are {}",
                    in_quotes(r),
                    known.join(", ")
                ));
            }
        }
        super::checks::unique(out, "finals.rankings", rankings.iter().map(|r| Some(r.as_str())), str::to_owned);
        let by_look = self.judges_by_look();
        for (i, name) in judges.iter().enumerate().filter(|_| named) {
            if self.judge(name).is_some() {
                continue;
            }
            // Written with letters that only look like a judge's ("\u{430}nna", its а Cyrillic),
            // the name reads as one of those listed: said, spelled out, with the judge it is not.
            if let Some((_, like)) = self.judge_it_looks_like(&by_look, name, line_of) {
                out.push(format!(
                    "finals.judges[{i}] = {} is not a judge of [[judges]]: it only looks like {like}; write the name as [[judges]] does",
                    crate::sanitize::spelled(name)
                ));
            } else {
                let listed: Vec<&str> = self.judges.iter().map(|j| j.name.as_str()).collect();
                out.push(format!(
                    "finals.judges[{i}] = {} is not a judge of [[judges]]; they are {}",
                    in_quotes(name),
                    if listed.is_empty() { "none (add them under [[judges]])".to_owned() } else { listed.join(", ") }
                ));
            }
        }
        super::checks::unique(out, "finals.judges", judges.iter().map(|j| Some(j.as_str())), crate::model::name_key);
        if file.trim().is_empty() {
            out.push(
                "finals.file is empty: name the file the finalists are published to, such as \"finals.toml\"".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BUILTIN, FinalsConfig, parse};

    /// The built-in judging.toml shows `[finals]` commented out: each line it marks as the default
    /// is `FinalsConfig::default()`, and a changed value is not.
    #[test]
    fn the_finals_defaults_judging_toml_shows_are_the_rust_defaults() {
        let block = BUILTIN.split("# [finals]\n").nth(1).expect("judging.toml shows [finals]");
        let shown: Vec<&str> = block
            .lines()
            .take_while(|l| l.starts_with("# "))
            .filter_map(|l| l.trim_start_matches("# ").split("  (the default)").next())
            .collect();
        assert_eq!(shown.len(), 4, "{shown:?}");
        for line in shown {
            let config = parse(&format!("[finals]\n{line}")).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(config.finals, Some(FinalsConfig::default()), "{line}");
        }
        let changed = parse("[finals]\nsize = 5").expect("valid").finals;
        assert_ne!(changed, Some(FinalsConfig::default()), "the check can fail");
    }

    #[test]
    fn the_finals_default_to_the_paid_rankings_and_every_judge() {
        let c = parse(&format!("{BUILTIN}\n[finals]\n")).expect("an empty [finals] takes its defaults");
        let finals = c.finals.as_ref().expect("present");
        assert_eq!((finals.size, finals.file.as_str()), (6, "finals.toml"));
        assert_eq!(c.finals_rankings(), ["backyard", "wood"], "the track prizes pay places");
        assert!(c.compares_in_finals("mira") && c.compares_in_finals(" Tomas "));
        assert!(!c.compares_in_finals("stranger"), "not a judge of judging.toml");
        assert!(parse("").expect("valid").finals.is_none(), "left out: no finals");
        assert!(parse("[finals]").expect("valid").finals_rankings().is_empty(), "no prizes, no finals by themselves");
        let named =
            parse(&format!("{BUILTIN}\n[finals]\nrankings = [\"overall\"]\njudges = [\"priya\"]")).expect("valid");
        assert_eq!(named.finals_rankings(), ["overall"]);
        assert!(named.compares_in_finals("priya") && !named.compares_in_finals("mira"));
        assert_eq!(named.finals_judges().iter().map(|j| j.name.as_str()).collect::<Vec<_>>(), ["priya"]);
    }

    /// Each bad `[finals]`, and words its error must contain: the line, the key, the value and
    /// what would be valid.
    #[test]
    fn every_bad_finals_setting_is_named_with_its_line() {
        let cases: [(&str, &[&str]); 9] = [
            ("[finals]\nsize = 1", &["line 2 (`size = 1`)", "finals.size = 1", "2 to 30", "such as 6"]),
            ("[finals]\nsize = 31", &["finals.size = 31"]),
            ("[finals]\nsize = \"six\"", &["line 2", "the text \"six\", where a whole number of 0 or more is needed"]),
            (
                "[finals]\nrankings = [\"forest\"]",
                &["line 2", "finals.rankings[0] = \"forest\"", "overall, backyard, wood"],
            ),
            (
                "[finals]\njudges = [\"zed\"]\n[[judges]]\nname = \"mira\"\n[[judges]]\nname = \"tomas\"",
                &["line 2", "finals.judges[0] = \"zed\"", "they are mira, tomas"],
            ),
            (
                "[finals]\njudges = [\"m\u{ed}ra\"]\n[[judges]]\nname = \"mira\"\n[[judges]]\nname = \"m\u{456}ra\"",
                &[
                    "line 2",
                    "finals.judges[0] = \"m\\u{ed}ra\" is not a judge of [[judges]]: it only looks like judges[0].name = \"mira\" (line 4); write the name as [[judges]] does",
                ],
            ),
            (
                "[finals]\njudges = [\"mira\", \"Mira\"]\n[[judges]]\nname = \"mira\"",
                &["finals.judges[1]: \"Mira\" appears twice"],
            ),
            ("[finals]\nfile = \"../finals.toml\"", &["line 2", "finals.file = \"../finals.toml\"", "relative"]),
            ("[finals]\nsise = 6", &["line 2", "unknown field `sise`", "`size`"]),
        ];
        for (text, wants) in cases {
            let message = match parse(text) {
                Ok(_) => panic!("accepted a bad file:\n{text}"),
                Err(e) => e.to_string(),
            };
            for want in wants {
                assert!(message.contains(want), "for\n{text}\nwanted {want:?} in\n{message}");
            }
        }
    }
}
