//! judging.toml: the event, its export, rubric, tracks, rules and judges.
//!
//! The judging.toml at the repository root is built into the binary. A user's file that leaves
//! out the event or the rubric takes them from it, and so does one for the built-in event that
//! leaves out the tracks (another event's file without tracks has none); other sections left out
//! take their `Default` (in `sections` and `prizes`), the one home of each default. The built-in
//! file sets only its own choices (as its `utility` tie-break, which another rubric may not have)
//! and shows a default only on a line marked "(the default)", which `defaults_tests` holds to the
//! `Default`. The README's reference lists both. Unknown keys are errors, so a typo never silently
//! does nothing. Pure: reading the file is `event_files`'s job.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Criterion, same_name};

mod checks;
#[cfg(test)]
mod defaults_tests;
mod finals;
mod hidden;
mod locate;
mod parse;
mod prizes;
mod sections;
mod travel;
pub use parse::{ParseError, at_its_line, line_of, parse};
pub(crate) use parse::{line_said, read_rows};
pub use prizes::{OVERALL, Prize, PrizeBy, ResultsConfig};
pub use sections::*;
pub use travel::{is_file_source, path_problem, without_secrets};

/// The built-in event: the repository's judging.toml.
pub const BUILTIN: &str = include_str!("../../judging.toml");

/// The exports built into the binary beside the built-in event, so a first run needs no network.
pub const BUILTIN_EXPORTS: &[(&str, &str)] = &[
    ("builtin:sample", include_str!("../../assets/sample-export.csv")),
    ("builtin:sample-v2", include_str!("../../assets/sample-export-v2.csv")),
];

/// A built-in export's text, by its name (`builtin:sample`).
pub fn builtin_export(name: &str) -> Option<&'static str> {
    BUILTIN_EXPORTS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "builtin_event")]
    pub event: Event,
    #[serde(default)]
    pub export: ExportConfig,
    #[serde(default = "builtin_criteria")]
    pub criteria: Vec<Criterion>,
    #[serde(default = "builtin_tracks")]
    pub tracks: Vec<Track>,
    #[serde(default)]
    pub rules: Rules,
    #[serde(default)]
    pub merge: MergeConfig,
    /// Left out: no prizes (the built-in ones name the built-in tracks).
    #[serde(default)]
    pub prizes: Vec<Prize>,
    #[serde(default)]
    pub results: ResultsConfig,
    #[serde(default)]
    pub assign: AssignConfig,
    #[serde(default)]
    pub judges: Vec<Judge>,
    /// Where the judges' score files travel: a dataset repo on the Hub.
    #[serde(default)]
    pub sync: SyncConfig,
    /// What of the judges' notes reaches the teams.
    #[serde(default)]
    pub feedback: FeedbackConfig,
    /// The finals round, if the event has one.
    #[serde(default)]
    pub finals: Option<FinalsConfig>,
    /// Not read: judging.toml is shared between judges, and a shared file must not name a program
    /// for every judge to run. Earlier builds read it; files that still have it load, and
    /// `judging check` says to set `$BROWSER` instead.
    #[serde(default)]
    pub browser: Option<String>,
    /// The keys [`parse`] gave a stand-in so that the rest of the file is checked: the checks
    /// across sections check nothing that rests on one. Never read from TOML.
    #[serde(skip)]
    stand_ins: parse::StandIns,
}

fn builtin() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    // The built-in file is checked by a test; it names every section these defaults read, so
    // parsing it never calls back into them.
    CONFIG.get_or_init(|| toml::from_str(BUILTIN).expect("the built-in judging.toml parses"))
}

fn builtin_event() -> Event {
    builtin().event.clone()
}

fn builtin_criteria() -> Vec<Criterion> {
    builtin().criteria.clone()
}

fn builtin_tracks() -> Vec<Track> {
    builtin().tracks.clone()
}

/// A score that the rubric does not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    /// `given` as [`crate::sanitize::quoted`] shows it, as each `given` here: its controls shown.
    #[error("\"{given}\" is not a criterion; the rubric has {known}")]
    Criterion { given: String, known: String },
    #[error("{criterion} = \"{given}\": {criterion} takes a whole number from {low} to {high}")]
    Value { criterion: String, given: String, low: u8, high: u8 },
    #[error("{criterion} does not judge entries in {track}; their rubric is {rubric}")]
    OffRubric { criterion: String, track: String, rubric: String },
}

impl ScoreError {
    /// The kind of problem, as a sheet's refused rows are grouped by it: a score off the scale
    /// had been counted among rows naming no criterion ("... and 3 more rows of this kind (a
    /// score the rubric does not take)"), and its own problem never said.
    pub fn kind(&self) -> &'static str {
        match self {
            ScoreError::Criterion { .. } => "a criterion the rubric does not have",
            ScoreError::Value { .. } => "a score off the criterion's scale",
            ScoreError::OffRubric { .. } => "a criterion off the entry's rubric",
        }
    }
}

impl Config {
    pub fn builtin() -> Config {
        builtin().clone()
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The rubric of an entry in `track`: the criteria that judge it, in the rubric's order.
    pub fn rubric(&self, track: Option<&str>) -> Vec<Criterion> {
        self.criteria.iter().filter(|c| c.judges_track(track)).cloned().collect()
    }

    /// Whether some criterion judges some tracks only: then each track has a rubric of its own.
    pub fn per_track(&self) -> bool {
        self.criteria.iter().any(|c| !c.tracks.is_empty())
    }

    /// The criteria every track shares, which the overall ranking compares entries on.
    pub fn shared_criteria(&self) -> Vec<Criterion> {
        let everywhere = |c: &Criterion| c.tracks.is_empty() || self.tracks.iter().all(|t| c.tracks.contains(&t.id));
        self.criteria.iter().filter(|c| everywhere(c)).cloned().collect()
    }

    /// Finds the track an export's value names, by id, name or alias, ignoring case.
    pub fn track_for(&self, value: &str) -> Option<&Track> {
        let value = value.trim();
        self.tracks.iter().find(|t| {
            t.id.eq_ignore_ascii_case(value)
                || t.name.eq_ignore_ascii_case(value)
                || t.aliases.iter().any(|a| a.eq_ignore_ascii_case(value))
        })
    }

    /// The judge judging.toml lists under this name: the one lookup of a judge, comparing names
    /// as [`same_name`] does (case, spaces and Unicode spelling do not count).
    pub fn judge(&self, name: &str) -> Option<&Judge> {
        self.judges.iter().find(|j| same_name(&j.name, name))
    }

    /// Whether `name` is a judge `[[judges]]` does not list, where it lists any: the merge and
    /// `status` warn of their files ([`crate::rankings::unlisted`]), and the head judge's screen
    /// marks them "(not listed)".
    pub fn not_listed(&self, name: &str) -> bool {
        !self.judges.is_empty() && self.judge(name).is_none()
    }

    /// Whether `name` is a trainee: listed with `counts = false`. A judge not listed counts, as
    /// the merge counts them. The one test the merge, `assign` and `status` use.
    pub fn is_trainee(&self, name: &str) -> bool {
        self.judge(name).is_some_and(|j| !j.counts)
    }

    /// What a judge working as `name` is told where judging.toml lists judges and `name` is not
    /// one of them (a typo in `--judge` makes a whole store under the wrong name, which the
    /// head judge's merge would be the first to notice); `None` where it is, or none are listed.
    /// The caller says what to do, which depends on where the name came from.
    pub fn unlisted_judge(&self, name: &str) -> Option<String> {
        if self.judges.is_empty() || self.judge(name).is_some() {
            return None;
        }
        let listed: Vec<String> = self.judges.iter().map(|j| crate::sanitize::clean_line(&j.name)).collect();
        Some(format!(
            "{} is not among the event's judges ({})",
            crate::sanitize::in_quotes(name),
            crate::format::first_few(&listed, 6, ", ")
        ))
    }

    /// The size the judge's Tiny Titan hint marks: the smallest limit of a prize narrowed by size,
    /// so the hint says what that prize decides; `rules.tiny_titan_params` when no prize is.
    pub fn tiny_titan_limit(&self) -> u64 {
        self.prizes.iter().filter_map(|p| p.max_params).map(|p| p.0).min().unwrap_or(self.rules.tiny_titan_params.0)
    }

    /// Whether score files must be signed: asked for, or any judge has a key (a forger would
    /// otherwise just write a name without one).
    pub fn signatures_required(&self) -> bool {
        self.merge.require_signatures || self.judges.iter().any(|j| j.key.is_some() || j.public_key.is_some())
    }

    /// The signing key of a judge, if the head judge gave one.
    pub fn key_of(&self, judge: &str) -> Option<&str> {
        self.judge(judge).and_then(|j| j.key.as_deref())
    }

    /// Checks a score as typed (a key, a CLI argument, a sheet's cell) against the rubric: the
    /// one rule for the app, `judging score` and `judging import-scores`.
    pub fn check_score(&self, criterion: &str, raw: &str) -> Result<(&Criterion, u8), ScoreError> {
        let criterion = criterion.trim();
        let Some(c) = self.criterion_as_typed(criterion, |_| true) else {
            // Shown, not cleaned: "u\u{1b}[2J" cleaned read as "u", which is no criterion either.
            let given = crate::sanitize::quoted(criterion);
            let ids = self.criteria.iter().map(|c| c.id.as_str());
            let near = crate::format::look_alike(criterion, ids, 1);
            let hint = near.first().map_or_else(String::new, |id| format!("; did you mean {id}?"));
            return Err(ScoreError::Criterion { given, known: format!("{}{hint}", self.criterion_ids()) });
        };
        Config::check_value(c, raw)
    }

    /// The criterion a judge typed or a sheet names: its id, or in any case its id or the label
    /// the screen shows ("Utility", the header a spreadsheet copied from the screen has), where
    /// that names one criterion only among those `among` takes (an entry's rubric: two tracks may
    /// each have an "Impact").
    fn criterion_as_typed(&self, typed: &str, among: impl Fn(&Criterion) -> bool) -> Option<&Criterion> {
        if let Some(c) = self.criterion(typed).filter(|c| among(c)) {
            return Some(c);
        }
        let typed = typed.to_lowercase();
        let by = |name: fn(&Criterion) -> &str| {
            let mut found = self.criteria.iter().filter(|c| among(c) && name(c).trim().to_lowercase() == typed);
            found.next().filter(|_| found.next().is_none())
        };
        by(|c| &c.id).or_else(|| by(|c| &c.label))
    }

    /// [`Config::check_score`] for an entry in `track`: the criterion must also be on its
    /// track's rubric.
    pub fn check_score_for(
        &self,
        track: Option<&str>,
        criterion: &str,
        raw: &str,
    ) -> Result<(&Criterion, u8), ScoreError> {
        // A label is read among the entry's rubric first: one another track shares is no doubt.
        if let Some(c) = self.criterion_as_typed(criterion.trim(), |c| c.judges_track(track)) {
            return Config::check_value(c, raw);
        }
        let (c, value) = self.check_score(criterion, raw)?;
        if !c.judges_track(track) {
            let rubric: Vec<String> = self.rubric(track).into_iter().map(|c| c.id).collect();
            return Err(ScoreError::OffRubric {
                criterion: c.id.clone(),
                track: track.map_or_else(|| "no track".to_owned(), |t| format!("track {t}")),
                rubric: rubric.join(", "),
            });
        }
        Ok((c, value))
    }

    fn check_value<'c>(c: &'c Criterion, raw: &str) -> Result<(&'c Criterion, u8), ScoreError> {
        let raw = raw.trim();
        match raw.parse::<i64>() {
            Ok(v) if c.scale.contains(v) => Ok((c, u8::try_from(v).unwrap_or(c.scale.high))),
            _ => Err(ScoreError::Value {
                criterion: c.id.clone(),
                given: crate::sanitize::quoted(raw),
                low: c.scale.low,
                high: c.scale.high,
            }),
        }
    }

    pub fn track_ids(&self) -> String {
        self.tracks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Params;

    #[test]
    fn the_builtin_event_is_valid_and_complete() {
        let c = parse(BUILTIN).expect("built-in judging.toml is valid");
        assert_eq!(c.event.id, "build-small-2026");
        let ids: Vec<_> = c.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["utility", "latency", "cost"]);
        assert_eq!(c.track_ids(), "backyard, wood");
        assert_eq!(c.rules.max_params, Params(32_000_000_000));
    }

    /// A name judging.toml does not list is said, with the names it does; a listed one, spelt
    /// another way (case, spaces), is not; with no judges listed, any name is as good.
    #[test]
    fn a_judge_judging_toml_does_not_list_is_told() {
        let listed = parse("[[judges]]\nname = \"Mira Sol\"\n[[judges]]\nname = \"tomas\"\n").expect("valid");
        for (name, told) in
            [("Mira Sol", false), ("  mira   SOL ", false), ("tomas", false), ("mria", true), ("alice", true)]
        {
            let said = listed.unlisted_judge(name);
            assert_eq!(said.is_some(), told, "{name}: {said:?}");
            if let Some(said) = said {
                assert!(said.contains(&format!("\"{name}\"")) && said.contains("Mira Sol, tomas"), "{said}");
            }
        }
        assert_eq!(parse("").expect("valid").unlisted_judge("anyone"), None);
    }

    #[test]
    fn an_empty_file_is_the_builtin_event() {
        let c = parse("").expect("empty file uses the defaults");
        let builtin = parse(BUILTIN).expect("valid");
        assert_eq!(c.event, builtin.event);
        assert_eq!(c.criteria, builtin.criteria);
        assert_eq!(c.tracks, builtin.tracks);
        assert_eq!(c.export, ExportConfig::default());
        assert!(c.judges.is_empty());
    }

    #[test]
    fn scores_are_checked_against_the_rubric_in_one_place() {
        let c = Config::builtin();
        let cases: [(&str, &str, Result<u8, &str>); 13] = [
            ("utility", "4", Ok(4)),
            // The label the screen shows, in any case, as a sheet copied from it names it.
            ("Utility", "4", Ok(4)),
            ("LATENCY ", "2", Ok(2)),
            (
                "utlity",
                "3",
                Err("\"utlity\" is not a criterion; the rubric has utility, latency, cost; did you mean utility?"),
            ),
            // What a sheet's cell hides is shown: cleaned, "u\u{1b}[2J" was said as "u".
            ("u\u{1b}[2J", "3", Err("\"u\\u{1b}[2J\" is not a criterion")),
            ("utility", "3\u{1b}[2J", Err("utility = \"3\\u{1b}[2J\": utility takes")),
            (" cost ", " 1 ", Ok(1)),
            ("latency", "5", Ok(5)),
            ("latency", "6", Err("latency = \"6\": latency takes a whole number from 1 to 5")),
            ("latency", "0", Err("from 1 to 5")),
            ("utility", "4.5", Err("utility = \"4.5\"")),
            ("utility", "", Err("a whole number")),
            ("vibes", "3", Err("\"vibes\" is not a criterion; the rubric has utility, latency, cost")),
        ];
        for (criterion, raw, want) in cases {
            match (c.check_score(criterion, raw), want) {
                (Ok((_, v)), Ok(w)) => assert_eq!(v, w, "{criterion}={raw}"),
                (Err(e), Err(w)) => assert!(e.to_string().contains(w), "{criterion}={raw}: {e}"),
                (got, want) => panic!("{criterion}={raw}: got {got:?}, wanted {want:?}"),
            }
        }
    }

    /// A label two tracks' criteria share names the one on the entry's rubric: "Impact" in
    /// backyard is backyard's, in wood wood's; without a track it names neither.
    #[test]
    fn a_label_is_read_on_the_entrys_rubric() {
        let mut c = Config::builtin();
        let mut impact = c.criteria[0].clone();
        impact.label = "Impact".into();
        c.criteria.push(Criterion { id: "impact-b".into(), tracks: vec!["backyard".into()], ..impact.clone() });
        c.criteria.push(Criterion { id: "impact-w".into(), tracks: vec!["wood".into()], ..impact });
        let id = |track: Option<&str>| c.check_score_for(track, "impact", "3").map(|(c, _)| c.id.clone());
        assert_eq!(id(Some("backyard")).ok().as_deref(), Some("impact-b"));
        assert_eq!(id(Some("wood")).ok().as_deref(), Some("impact-w"));
        assert!(c.check_score("Impact", "3").is_err(), "two criteria are Impact");
        // An id off the entry's rubric is still said to be off it.
        let off = c.check_score_for(Some("wood"), "impact-b", "3").expect_err("off wood's rubric");
        assert!(off.to_string().contains("impact-b does not judge entries in track wood"), "{off}");
    }

    #[test]
    fn a_judge_is_found_however_their_name_is_typed() {
        let c = Config::builtin();
        for typed in ["mira", "Mira", " MIRA ", "mira\t"] {
            assert_eq!(c.judge(typed).map(|j| j.name.as_str()), Some("mira"), "{typed:?}");
        }
        assert!(c.judge("mir").is_none());
        let err = parse("[[judges]]\nname = \"Zoë\"\n[[judges]]\nname = \"zoe\u{308}\"").expect_err("one judge twice");
        assert!(err.to_string().contains("appears twice"), "{err}");
    }

    #[test]
    fn tracks_match_by_id_name_or_alias() {
        let c = Config::builtin();
        for value in ["backyard", "Backyard AI", "TRACK:BACKYARD", " backyard "] {
            assert_eq!(c.track_for(value).map(|t| t.id.as_str()), Some("backyard"), "{value}");
        }
        assert_eq!(c.track_for("wood").map(|t| t.id.as_str()), Some("wood"));
        assert!(c.track_for("forest").is_none());
    }

    /// A track is shown by its name; "overall", a track judging.toml does not list and one named
    /// only spaces, by the id.
    #[test]
    fn a_track_is_shown_by_its_name_or_else_its_id() {
        let mut tracks = Config::builtin().tracks;
        assert_eq!(track_name(&tracks, "backyard"), "Backyard AI");
        assert_eq!(track_name(&tracks, "wood"), "Thousand Token Wood");
        assert_eq!(track_name(&tracks, "overall"), "overall");
        assert_eq!(track_name(&tracks, "forest"), "forest");
        tracks[0].name = "  ".into();
        assert_eq!(track_name(&tracks, "backyard"), "backyard");
    }

    #[test]
    fn a_deadline_with_an_offset_is_the_moment_it_names() {
        let event = |deadline: &str| {
            let text = format!("[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"{deadline}\"");
            parse(&text).unwrap_or_else(|e| panic!("{deadline}: {e}")).event
        };
        let paris = event("2026-07-01T01:59:59+02:00");
        assert!(!paris.after_deadline("2026-06-30T23:59:59.000Z"), "the deadline itself");
        assert!(paris.after_deadline("2026-07-01T00:00:00.000Z"));
        let day = event("2026-06-30");
        assert!(!day.after_deadline("2026-06-30T23:59:59.999Z"), "all of that day");
        assert!(day.after_deadline("2026-07-01T00:00:00Z"));
        assert!(day.after_deadline("2026-07-01T01:00:00+00:30"), "the Hub's time read with its offset");
        assert!(!day.after_deadline("2026-07-01T01:00:00+02:00"), "23:00 UTC on the 30th");
        assert!(!day.after_deadline("not a time"), "an unreadable time says nothing");
    }

    /// Each bad file, and words its error must contain: the key, the quoted value, what is valid.
    #[test]
    fn problems_across_sections_get_their_lines_too() {
        // A problem across sections names its key and gets its line, like any other; and a
        // section with a key at fault keeps its other keys, whose own problems are found too.
        let cases: [(&str, &[&str]); 5] = [
            (
                "[merge]\nmin_judges = \"two\"\ncontested_gap = \"far\"\ntie_breaks = [\"luck\"]",
                &[
                    "line 2 (`min_judges = \"two\"`)",
                    "line 3 (`contested_gap = \"far\"`)",
                    "line 4 (`tie_breaks = [\"luck\"]`): merge.tie_breaks[0] = \"luck\"",
                ],
            ),
            (
                "[event]\nid = 5\nname = \"E\"",
                &["line 2 (`id = 5`): the number 5, where text in quotes is needed: put it in quotes, \"5\""],
            ),
            (
                "[[judges]]\nname = \"a\"\n[[judges]]\nname = \"a\"",
                &["line 3 (`[[judges]]`): judges[1]: \"a\" appears twice"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 2]\nweight = -2.0\nlevels = [\"a\", \"b\"]",
                &["line 6 (`weight = -2.0`): criteria[0] (\"u\").weight = -2"],
            ),
            (
                "[merge]\ntie_breaks = [\"luck\"]",
                &["line 2 (`tie_breaks = [\"luck\"]`): merge.tie_breaks[0] = \"luck\""],
            ),
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

    /// A judge's name in judging.toml passes the test `--judge` does (one rule): a name `--judge`
    /// refuses could never export or sign, and one with a hidden character passes for another
    /// judge's. The refusal is at its line, names its key, shows what hides in the name and says
    /// what a name is.
    #[test]
    fn judges_names_pass_the_test_that_judge_does() {
        // The name as judging.toml writes it, as it reads, and what its refusal says.
        let cases: [(&str, &str, &[&str]); 7] = [
            ("ana", "ana", &[]),
            ("Zoë Lin", "Zoë Lin", &[]),
            (
                "ben\\u001b[0m",
                "ben\u{1b}[0m",
                &[
                    "line 2 (`name = \"ben\\u001b[0m\"`): judges[0].name = \"ben\\u{1b}[0m\": not a name `--judge` takes",
                    "give 1 to 64 printable characters, none of them invisible, such as \"ada\"",
                ],
            ),
            ("ana\\u200b", "ana\u{200b}", &["judges[0].name = \"ana\\u{200b}\""]),
            ("\\u00ad", "\u{ad}", &["judges[0].name = \"\\u{ad}\""]),
            ("a\\tb", "a\tb", &["judges[0].name = \"a\\u{9}b\""]),
            (&"x".repeat(65), &"x".repeat(65), &["judges[0].name = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\""]),
        ];
        for (written, name, wants) in cases {
            let text = format!("[[judges]]\nname = \"{written}\"");
            assert_eq!(parse(&text).is_ok(), crate::paths::check_judge(name).is_ok(), "{written}: one rule");
            let said = parse(&text).err().map(|e| e.to_string()).unwrap_or_default();
            for want in wants {
                assert!(said.contains(want), "{written}: wanted {want:?} in\n{said}");
            }
            assert_eq!(said.is_empty(), wants.is_empty(), "{written}: {said}");
        }
    }

    /// A value judging.toml quotes to say it is wrong is shown as written, its controls visible:
    /// dropped, "wood\u{1b}[0m" read as "wood", a track that exists, and the message made no sense.
    #[test]
    fn a_value_said_to_be_wrong_is_shown_with_its_controls() {
        let judges = "[[judges]]\nname = \"ana\"\n";
        let cases: [(String, &str); 7] = [
            (format!("{judges}tracks = [\"wood\\u001b[0m\"]"), "judges[0].tracks: \"wood\\u{1b}[0m\" is not a track"),
            (
                format!("[finals]\njudges = [\"ana\\u001b[8m\"]\n{judges}"),
                "finals.judges[0] = \"ana\\u{1b}[8m\" is not a judge of [[judges]]",
            ),
            (
                "[finals]\nrankings = [\"overall\\u0007\"]".into(),
                "finals.rankings[0] = \"overall\\u{7}\" is not a ranking",
            ),
            ("[sync]\nrepo = \"org/x\\u001b[2J\"".into(), "sync.repo = \"org/x\\u{1b}[2J\": write the dataset repo"),
            (
                "[assign]\ncalibration = [\"a\\u001b[0m\", \"a\\u001b[0m\"]".into(),
                "assign.calibration names \"a\\u{1b}[0m\" twice",
            ),
            (
                "[event]\nid = \"e\"\nname = \"E\"\ndeadline = \"2026-06-20\\u001b[2J\"".into(),
                "event.deadline = \"2026-06-20\\u{1b}[2J\"",
            ),
            (format!("{judges}{judges}[[judges]]\nname = \"Ana\""), "judges[1]: \"ana\" appears twice"),
        ];
        for (text, want) in cases {
            let said = parse(&text).expect_err(&text).to_string();
            assert!(said.contains(want), "for\n{text}\nwanted {want:?} in\n{said}");
            assert!(!said.contains(['\u{1b}', '\u{7}']), "{said:?}");
        }
    }

    /// One key given to two judges lets a file signed with it pass as either's: refused at the
    /// later judge's line however the key was pasted (with or without `ed25519:`, spaced); a
    /// judge listed without a key where others have one is warned of by `check` (their files
    /// would all be refused), as is every judge where signatures are required by name.
    #[test]
    fn one_key_for_two_judges_is_refused_and_a_judge_without_one_is_warned_of() {
        let key = "ed25519:eS2fMT7ue4xE3kcI/BG8iGOwYNt09MbT6eV5GE+V+KU=";
        let other = "ed25519:o35dh7OnVX+M38UioH6a7H93olFVKOO1N7UkRe7naQ4=";
        let judge = |name: &str, line: &str| format!("[[judges]]\nname = \"{name}\"\n{line}\n");
        let shared = format!(
            "{}{}{}",
            judge("ana", &format!("public_key = \"{key}\"")),
            judge("ben", ""),
            judge("cat", &format!("public_key = \"{}\"", key.trim_start_matches("ed25519:")))
        );
        let said = parse(&shared).expect_err("one key, two judges").to_string();
        assert!(said.contains("line 9 (`public_key"), "{said}");
        assert!(said.contains("judges[2].public_key is the same as judges[0]'s (\"cat\" and \"ana\")"), "{said}");
        let secrets = format!(
            "{}{}",
            judge("ana", "key = \"a-long-shared-secret-1\""),
            judge("ben", "key = \" a-long-shared-secret-1\"")
        );
        let said = parse(&secrets).expect_err("one secret, two judges").to_string();
        assert!(said.contains("judges[1].key is the same as judges[0]'s"), "{said}");
        assert!(!said.contains("a-long-shared-secret"), "no secret in a message: {said}");
        let apart = format!(
            "{}{}{}",
            judge("ana", &format!("public_key = \"{key}\"")),
            judge("ben", ""),
            judge("cat", &format!("public_key = \"{other}\""))
        );
        let config = parse(&apart).expect("two keys, one each");
        let warned = config.keyless_judges();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(warned[0].starts_with("judges[1].name = \"ben\" has no public_key"), "{warned:?}");
        assert!(warned[0].contains("(2 of the 3 judges listed have one)"), "{warned:?}");
        let unsigned = parse(&format!("{}{}", judge("ana", ""), judge("ben", ""))).expect("no keys");
        assert!(unsigned.keyless_judges().is_empty(), "no signatures asked for, none warned of");
        let required = parse(&format!("[merge]\nrequire_signatures = true\n{}", judge("ana", ""))).expect("asked");
        assert!(required.keyless_judges()[0].contains("merge.require_signatures = true"));
        // The command to paste keeps a name with a space one argument.
        let spaced = parse(&format!("[merge]\nrequire_signatures = true\n{}", judge("Ana Lima", ""))).expect("asked");
        let said = &spaced.keyless_judges()[0];
        assert!(said.contains("`judging key --judge 'Ana Lima'`"), "{said}");
    }

    /// Two bad rows of one array of tables are two problems, each at its line, and a row with a
    /// bad key keeps its others for the checks across sections; a row missing a key it needs is
    /// still reported beside the others.
    #[test]
    fn every_bad_row_of_an_array_of_tables_is_reported() {
        let text = "[[prizes]]\nid = \"t\"\nname = \"T\"\nmax_params = \"4Q\"\namounts = [1]\n\
                    [[prizes]]\nid = \"q\"\nname = \"Q\"\nby = \"badgez\"\namounts = [1]\n\
                    [[prizes]]\nid = \"d\"\nname = \"D\"\nby = \"criterion\"\ncriterion = \"none\"\namounts = [1]\n";
        let message = parse(text).expect_err("three bad prizes").to_string();
        for want in [
            "line 4 (`max_params = \"4Q\"`)",
            "line 9 (`by = \"badgez\"`)",
            "line 15 (`criterion = \"none\"`): prizes[2] (\"d\").criterion = \"none\"",
        ] {
            assert!(message.contains(want), "wanted {want:?} in\n{message}");
        }
        let missing = "[[judges]]\nname = 5\n[[judges]]\nkey = \"x\"\n";
        // The second judge's short key is said too: the row is read without the name it lacks.
        let message = parse(missing).expect_err("two bad judges").to_string();
        assert!(message.contains("line 2") && message.contains("3 problems"), "{message}");
        assert!(message.contains("judges[1] needs `name`: the judge's name, such as name = \"ada\""), "{message}");
        assert!(message.contains("judges[1].key is too short"), "{message}");
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_said_in_the_files_words_at_its_line() {
        // Both keys of the row, each at its line: a list of three is a scale's problem, not a
        // parser's "invalid length" with no line, and a quoted number is not Rust's "f64".
        let text = "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 5, 7]\nweight = \"2\"\nlevels = [\"a\", \"b\"]";
        let Err(ParseError::Invalid(problems)) = parse(text) else { panic!("accepted or unplaced: {text}") };
        assert_eq!(
            problems,
            [
                "line 5 (`scale = [1, 5, 7]`): scale [1, 5, 7] is not valid: write two numbers, [low, high], with 0 <= low < high <= 100, such as [1, 5] or [0, 100]",
                "line 6 (`weight = \"2\"`): the text \"2\", where a number is needed: write it without quotes, 2",
            ]
        );
        // A list where one of a key's words goes: the words are named, not toml's "wanted
        // string or table".
        let Err(ParseError::Invalid(problems)) = parse("[merge]\nconflicts = []") else { panic!("accepted") };
        assert_eq!(
            problems,
            ["line 2 (`conflicts = []`): a value of another kind, where one of `flag` or `exclude` goes, in quotes"]
        );
    }

    #[test]
    fn bad_files_name_the_key_and_what_would_be_valid() {
        let cases: &[(&str, &[&str])] = &[
            ("[event]\nid = \"x\"\nname = \"X\"\ncolour = \"red\"", &["unknown field `colour`", "expected"]),
            ("[exprot]\nsource = \"a.csv\"", &["unknown field `exprot`", "`export`"]),
            ("[export]\nformat = \"xml\"", &["unknown variant `xml`", "`csv`", "`devpost`"]),
            ("[export]\ndelimiter = \"::\"", &["export.delimiter = \"::\"", "one ASCII character"]),
            ("[export]\nsource = \"builtin:nope\"", &["\"builtin:nope\"", "builtin:sample"]),
            ("[export]\nmax_field_chars = -4", &["max_field_chars", "-4 is out of range: a whole number of 0 or more"]),
            ("[export.columns]\nvideos = \"v\"", &["unknown field `videos`", "`video`"]),
            ("[event]\nid = \"bad id!\"\nname = \"X\"", &["event.id = \"bad id!\"", "letters, digits"]),
            ("[rules]\nmax_params = \"lots\"", &["max_params = \"lots\"", "line 2", "7B"]),
            ("[merge]\ntie_breaks = [\"utility\", \"luck\"]", &["merge.tie_breaks[1] = \"luck\"", "utility, latency"]),
            ("[merge]\nmin_judges = 0", &["merge.min_judges = 0", "1 to 1000"]),
            (
                "[[criteria]]\nid = \"x\"\nlabel = \"X\"\njudges = \"j\"\nscale = [0, 100]\nweight = 1\nlevels = [{ scores = [0, 49], meaning = \"a\" }, { scores = [51, 100], meaning = \"b\" }]",
                &["levels[1].scores = [51, 100]", "should start at 50"],
            ),
            (
                "[[criteria]]\nid = \"x\"\nlabel = \"X\"\njudges = \"j\"\nscale = [0, 100]\nweight = 1\nlevels = [{ scores = [0, 49], meaning = \"a\" }]",
                &["their scores end at 49, and the scale goes to 100"],
            ),
            (
                "[[criteria]]\nid = \"x\"\nlabel = \"X\"\njudges = \"j\"\nscale = [0, 101]\nweight = 1",
                &["scale [0, 101] is not valid", "<= 100"],
            ),
            (
                "[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"30 June\"",
                &["line 4", "event.deadline = \"30 June\"", "2026-06-30T23:59:59Z"],
            ),
            (
                "[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"2026-02-31\"",
                &["line 4", "event.deadline = \"2026-02-31\"", "not a real date", "2026-06-30"],
            ),
            ("[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"2026-99-99\"", &["line 4", "\"2026-99-99\""]),
            ("[event]\nid = \"x\"\nname = \"X\"\ndeadline = \"0000-00-00\"", &["line 4", "\"0000-00-00\""]),
            (
                "[event]\nid = \"x\"\n\nname = \"X\"\ndeadline = \"2026-06-30T25:61:61Z\"",
                &["line 5", "event.deadline = \"2026-06-30T25:61:61Z\"", "not a real time"],
            ),
            (
                "[merge]\ncontested_gap = -1.0",
                &["merge.contested_gap = -1", "more than 0 and at most 100", "such as 2"],
            ),
            ("[assign]\ncalibration = [\"a\", \"a\"]", &["assign.calibration names \"a\" twice"]),
            ("[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = []", &["prizes[0] (\"x\").amounts is empty", "[500]"]),
            (
                "[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\ntrack = \"forest\"",
                &["prizes[0] (\"x\").track = \"forest\" is not a track", "backyard"],
            ),
            (
                "[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\nby = \"criterion\"",
                &["needs criterion = one of utility, latency, cost"],
            ),
            (
                "[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\nby = \"vibes\"",
                &["unknown variant `vibes`", "`badges`"],
            ),
            ("[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\nby = \"file\"", &["needs file = a CSV of id,value"]),
            (
                "[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [1]\nmax_params = \"big\"",
                &["max_params = \"big\"", "line 5", "7B"],
            ),
            ("[merge]\nmethod = \"mean\"\nmthod = 1", &["unknown field `mthod`", "tie_breaks"]),
            ("[merge]\ntrim_by = \"judge\"", &["unknown variant `judge`", "expected `total` or `criterion`"]),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 3]\nweight = 1.0\nlevels = [\"a\"]",
                &["criteria[0] (\"u\").levels has 1 line", "scale [1, 3] has 3 levels"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [3, 1]\nweight = 1.0\nlevels = []",
                &["scale [3, 1] is not valid", "[1, 5]"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 2]\nweight = -1.0\nlevels = [\"a\", \"b\"]",
                &["weight = -1", "above 0"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 2]\nweight = 1e308\nlevels = [\"a\", \"b\"]",
                &["weight = 1e308:", "at most 1000000"],
            ),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 2]\nweight = \"high\"\nlevels = [\"a\", \"b\"]",
                &["the text \"high\", where a number is needed", "weight"],
            ),
            (
                "[[criteria]]\nid = \"l\"\nlabel = \"L\"\njudges = \"\"\nscale = [1, 2]\nweight = 1.0\nlevels = [\"slow\", { meaning = \"fast\", seconds = [5, 1] }]",
                &["criteria[0] (\"l\").levels[1].seconds = [5, 1]", "0 <= from <= to"],
            ),
            ("[[judges]]\nname = \"a\"\ntracks = [\"forest\"]", &["\"forest\" is not a track", "backyard, wood"]),
            ("this is not toml", &["line 1"]),
        ];
        refused_with(cases);
    }

    /// Each file is refused, its message holding every phrase wanted.
    fn refused_with(cases: &[(&str, &[&str])]) {
        for (text, wants) in cases {
            let message = match parse(text) {
                Ok(_) => panic!("accepted a bad file:\n{text}"),
                Err(ParseError::Syntax(m)) => m,
                Err(ParseError::Invalid(p)) => p.join("\n"),
            };
            for want in *wants {
                assert!(message.contains(want), "for\n{text}\nwanted {want:?} in\n{message}");
            }
        }
    }

    /// A shared file's largest numbers: each is refused by name, never carried into arithmetic
    /// that overflows (max_mb times a MiB, the field guard's limit plus one, both panics) or
    /// into every message ("fewer than 9223372036854775807 judges", a gap of 309 digits).
    #[test]
    fn the_largest_numbers_are_refused_by_name() {
        let cases: &[(&str, &[&str])] = &[
            ("[export]\nmax_mb = 9223372036854775807", &["export.max_mb = 9223372036854775807", "from 1 to 16384"]),
            (
                "[export]\nmax_field_chars = 9223372036854775807",
                &["export.max_field_chars = 9223372036854775807", "from 100 to 16777216"],
            ),
            ("[merge]\nmin_judges = 9223372036854775807", &["merge.min_judges = 9223372036854775807", "1 to 1000"]),
            (
                "[merge]\ncontested_gap = 1.7976931348623157e308",
                &["merge.contested_gap = 1.7976931348623157e308:", "at most 100"],
            ),
            ("[merge]\nmin_judges = 1001", &["merge.min_judges = 1001"]),
        ];
        refused_with(cases);
        let largest =
            "[export]\nmax_mb = 16384\nmax_field_chars = 16777216\n[merge]\nmin_judges = 1000\ncontested_gap = 100.0";
        assert!(parse(largest).is_ok(), "the largest of each is taken");
    }
}
