//! judging.toml: the event, its export, rubric, tracks, rules and judges.
//!
//! The judging.toml at the repository root is built into the binary and is the default for every
//! section a user's file leaves out. Unknown keys are errors, so a typo never silently does
//! nothing.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Criterion, parse_params};

mod prizes;
pub use prizes::{Prize, PrizeBy, ResultsConfig};

/// The built-in event: the repository's judging.toml.
pub const BUILTIN: &str = include_str!("../judging.toml");

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
    /// The command that opens links, when the system's default will not do; `$BROWSER` wins.
    #[serde(default)]
    pub browser: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExportConfig {
    pub source: String,
    pub format: Format,
    pub delimiter: String,
    pub max_field_chars: usize,
    pub timeout_secs: u64,
    pub columns: Columns,
}

impl Default for ExportConfig {
    fn default() -> Self {
        ExportConfig {
            source: "builtin:sample".into(),
            format: Format::Auto,
            delimiter: ",".into(),
            max_field_chars: 20_000,
            timeout_secs: 30,
            columns: Columns::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Auto,
    Csv,
    Json,
    Devpost,
}

/// Column names for each field. `None` means the format's own default: the names in judging.toml
/// for csv and json, Devpost's headers for devpost.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub id: Option<String>,
    pub title: Option<String>,
    pub team: Option<String>,
    pub members: Option<String>,
    pub space: Option<String>,
    pub video: Option<String>,
    pub post: Option<String>,
    pub description: Option<String>,
    pub track: Option<String>,
    pub tags: Option<String>,
    pub models: Option<String>,
    pub params: Option<String>,
    pub sdk: Option<String>,
    pub likes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    /// The most parameters all of an entry's models may have together.
    pub max_params: String,
    /// The Tiny Titan line the judge's Hub hints mark; the prize itself goes by its own
    /// `max_params`.
    pub tiny_titan_params: String,
    /// The SDK every Space must use to win a prize ("gradio"); empty: not checked.
    pub sdk: String,
    /// Whether a prize needs a demo video, and a social post.
    pub require_video: bool,
    pub require_post: bool,
    /// Whether one entry may win more than one prize; a prize's `stacks` overrides it.
    pub several_prizes: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            max_params: "32B".into(),
            tiny_titan_params: "4B".into(),
            sdk: "gradio".into(),
            require_video: true,
            require_post: true,
            several_prizes: false,
        }
    }
}

impl Rules {
    pub fn max_params(&self) -> u64 {
        parse_params(&self.max_params).unwrap_or(u64::MAX)
    }

    /// The Tiny Titan line the judge's hints mark.
    pub fn tiny_titan_params(&self) -> u64 {
        parse_params(&self.tiny_titan_params).unwrap_or(0)
    }
}

/// How the head judge's merge ranks, so that every run of `judging merge` agrees.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MergeConfig {
    /// Entries with fewer judges are flagged thinly judged.
    pub min_judges: usize,
    /// What decides between entries of equal merged score, in turn: a criterion id (the higher
    /// merged score on it first), "judges" (more judges first) or "agreement" (the smaller spread
    /// first). What they leave equal stays a tie for the jury.
    pub tie_breaks: Vec<String>,
}

impl Default for MergeConfig {
    fn default() -> Self {
        MergeConfig { min_judges: 2, tie_breaks: Vec::new() }
    }
}

/// How `judging assign` spreads the entries over the judges.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AssignConfig {
    /// Judges per entry, where conflicts and tracks allow.
    pub judges_per_entry: usize,
    /// Whether a judge with `tracks` judges only those tracks.
    pub keep_tracks: bool,
    /// The same seed gives the same assignment.
    pub seed: u64,
    /// Where the assignment is written and where the judges' app reads it, beside judging.toml.
    pub file: String,
}

impl Default for AssignConfig {
    fn default() -> Self {
        AssignConfig { judges_per_entry: 3, keep_tracks: true, seed: 1, file: "assignments.toml".into() }
    }
}

/// The tie-breaks that are not a criterion.
pub const TIE_BREAKS: [&str; 2] = ["judges", "agreement"];

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judge {
    pub name: String,
    /// What this judge must not score: submission ids, teams, members, orgs or handles.
    #[serde(default)]
    pub conflicts: Vec<String>,
    /// The tracks this judge scores; empty means all.
    #[serde(default)]
    pub tracks: Vec<String>,
    /// The secret the head judge gave this judge: their score files are signed with it
    /// (HMAC-SHA256), and the merge refuses their files unsigned or signed otherwise.
    #[serde(default)]
    pub key: Option<String>,
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

/// judging.toml could not be used. Each problem is one line naming the key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: {message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("{}: {} problem(s):\n{}", path.display(), problems.len(), problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid { path: PathBuf, problems: Vec<String> },
}

/// A loaded configuration and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The file read, or `None` for the built-in event.
    pub path: Option<PathBuf>,
}

impl Loaded {
    /// The folder that relative paths in the file are taken from.
    pub fn base_dir(&self) -> PathBuf {
        self.path.as_deref().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
    }

    /// Where `judging assign` writes, and the judges' app reads, the assignments.
    pub fn assignments_path(&self) -> PathBuf {
        self.base_dir().join(&self.config.assign.file)
    }

    /// The assignments beside judging.toml, if `judging assign` wrote them; an unreadable file,
    /// or one for another event, is an error that names it.
    pub fn assignments(&self) -> Result<Option<crate::assign::Assignments>, String> {
        let path = self.assignments_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let a: crate::assign::Assignments =
            toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.to_string().trim_end()))?;
        if a.event != self.config.event.id {
            return Err(format!(
                "{}: assignments for event {:?}, and judging.toml is for {:?}: run `judging assign` again",
                path.display(),
                a.event,
                self.config.event.id
            ));
        }
        Ok(Some(a))
    }

    pub fn describe(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "the built-in Build Small event".into(),
        }
    }
}

/// Reads the configuration. `explicit` is a path the user named: it must exist. Without one,
/// ./judging.toml is used when present and the built-in event otherwise.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let default = PathBuf::from("judging.toml");
            if !default.exists() {
                return Ok(Loaded { config: builtin().clone(), path: None });
            }
            default
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read { path: path.clone(), source })?;
    let config = parse(&text).map_err(|e| match e {
        Parse::Syntax(message) => ConfigError::Syntax { path: path.clone(), message },
        Parse::Invalid(problems) => ConfigError::Invalid { path: path.clone(), problems },
    })?;
    Ok(Loaded { config, path: Some(path) })
}

#[derive(Debug)]
pub enum Parse {
    Syntax(String),
    Invalid(Vec<String>),
}

/// Parses and validates a judging.toml text.
pub fn parse(text: &str) -> Result<Config, Parse> {
    let config: Config = toml::from_str(text).map_err(|e| Parse::Syntax(e.to_string()))?;
    let problems = config.problems();
    if problems.is_empty() { Ok(config) } else { Err(Parse::Invalid(problems)) }
}

impl Config {
    pub fn builtin() -> Config {
        builtin().clone()
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
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

    /// Every problem the file has beyond its syntax, each naming its key and quoting its value.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !is_slug(&self.event.id) {
            out.push(format!(
                "event.id = {:?}: use letters, digits, '-', '_' or '.', starting with a letter or digit, such as \"build-small-2026\"",
                self.event.id
            ));
        }
        if self.event.name.trim().is_empty() {
            out.push("event.name is empty: give the event's name, such as \"Build Small Hackathon\"".into());
        }
        self.export_problems(&mut out);
        self.rubric_problems(&mut out);
        unique(&mut out, "tracks", self.tracks.iter().map(|t| t.id.as_str()));
        for (i, t) in self.tracks.iter().enumerate() {
            if !is_slug(&t.id) {
                out.push(format!("tracks[{i}].id = {:?}: use letters, digits, '-' or '_', such as \"backyard\"", t.id));
            }
        }
        for (name, value) in
            [("max_params", &self.rules.max_params), ("tiny_titan_params", &self.rules.tiny_titan_params)]
        {
            if let Err(e) = parse_params(value) {
                out.push(format!("rules.{name} = {value:?}: {e}"));
            }
        }
        for (i, key) in self.merge.tie_breaks.iter().enumerate() {
            if let Err(e) = self.tie_break_problem(key) {
                out.push(format!("merge.tie_breaks[{i}] = {key:?}: {e}"));
            }
        }
        if self.assign.judges_per_entry == 0 {
            out.push("assign.judges_per_entry = 0: use 1 or more, such as 3".into());
        }
        if self.assign.file.trim().is_empty() {
            out.push("assign.file is empty: name the assignments file, such as \"assignments.toml\"".into());
        }
        if self.merge.min_judges == 0 {
            out.push("merge.min_judges = 0: use 1 or more, such as 2".into());
        }
        self.prize_problems(&mut out);
        unique(&mut out, "judges", self.judges.iter().map(|j| j.name.as_str()));
        for (i, j) in self.judges.iter().enumerate() {
            if j.name.trim().is_empty() {
                out.push(format!("judges[{i}].name is empty: give the judge's name"));
            }
            if j.key.as_ref().is_some_and(|k| k.chars().count() < 16) {
                out.push(format!("judges[{i}].key is too short to be a secret: use 16 characters or more"));
            }
            for t in &j.tracks {
                if self.tracks.iter().all(|known| &known.id != t) {
                    out.push(format!("judges[{i}].tracks: {t:?} is not a track; known tracks: {}", self.track_ids()));
                }
            }
        }
        out
    }

    /// Whether `key` can break a tie: a criterion id, or one of [`TIE_BREAKS`].
    pub fn tie_break_problem(&self, key: &str) -> Result<(), String> {
        if TIE_BREAKS.contains(&key) || self.criterion(key).is_some() {
            return Ok(());
        }
        let known: Vec<&str> = self.criteria.iter().map(|c| c.id.as_str()).chain(TIE_BREAKS).collect();
        Err(format!("not a tie-break; use one of {}", known.join(", ")))
    }

    fn export_problems(&self, out: &mut Vec<String>) {
        let e = &self.export;
        if e.source.trim().is_empty() {
            out.push("export.source is empty: give a file path, an http(s) URL or \"builtin:sample\"".into());
        } else if e.source.starts_with("builtin:") && crate::export::builtin(&e.source).is_none() {
            out.push(format!(
                "export.source = {:?}: no such built-in export; there are {}",
                e.source,
                crate::export::BUILTINS.iter().map(|(n, _)| format!("{n:?}")).collect::<Vec<_>>().join(", ")
            ));
        }
        if e.delimiter.chars().count() != 1 || !e.delimiter.is_ascii() || e.delimiter == "\"" {
            out.push(format!(
                "export.delimiter = {:?}: use one ASCII character other than a quote, such as \",\", \";\" or \"\\t\"",
                e.delimiter
            ));
        }
        if e.max_field_chars < 100 {
            out.push(format!("export.max_field_chars = {}: use at least 100", e.max_field_chars));
        }
        if e.timeout_secs == 0 {
            out.push("export.timeout_secs = 0: use a number of seconds from 1 up".into());
        }
    }

    fn rubric_problems(&self, out: &mut Vec<String>) {
        if self.criteria.is_empty() {
            out.push("criteria is empty: the rubric needs at least one [[criteria]]".into());
        }
        unique(out, "criteria", self.criteria.iter().map(|c| c.id.as_str()));
        for (i, c) in self.criteria.iter().enumerate() {
            let key = format!("criteria[{i}] ({:?})", c.id);
            if !is_slug(&c.id) {
                out.push(format!("{key}.id: use letters, digits, '-' or '_', such as \"utility\""));
            }
            if c.label.trim().is_empty() {
                out.push(format!("{key}.label is empty: give the name judges see, such as \"Utility\""));
            }
            if !(c.weight.is_finite() && c.weight > 0.0) {
                out.push(format!("{key}.weight = {}: use a number above 0, such as 1.0", c.weight));
            }
            if c.levels.len() != c.scale.levels() {
                out.push(format!(
                    "{key}.levels has {} line(s), but scale [{}, {}] has {} levels: give one line per level, lowest first",
                    c.levels.len(),
                    c.scale.low,
                    c.scale.high,
                    c.scale.levels()
                ));
            }
        }
    }

    /// The signing key of a judge, if the head judge gave one.
    pub fn key_of(&self, judge: &str) -> Option<&str> {
        self.judges.iter().find(|j| j.name == judge).and_then(|j| j.key.as_deref())
    }

    pub fn track_ids(&self) -> String {
        self.tracks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}

fn unique<'a>(out: &mut Vec<String>, what: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            out.push(format!("{what}: {id:?} appears twice; each must be unique"));
        }
    }
}

/// An id safe in file names and commands.
pub fn is_slug(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_event_is_valid_and_complete() {
        let c = parse(BUILTIN).expect("built-in judging.toml is valid");
        assert_eq!(c.event.id, "build-small-2026");
        let ids: Vec<_> = c.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["utility", "latency", "cost"]);
        assert_eq!(c.track_ids(), "backyard, wood");
        assert_eq!(c.rules.max_params(), 32_000_000_000);
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
    fn tracks_match_by_id_name_or_alias() {
        let c = Config::builtin();
        for value in ["backyard", "Backyard AI", "TRACK:BACKYARD", " backyard "] {
            assert_eq!(c.track_for(value).map(|t| t.id.as_str()), Some("backyard"), "{value}");
        }
        assert_eq!(c.track_for("wood").map(|t| t.id.as_str()), Some("wood"));
        assert!(c.track_for("forest").is_none());
    }

    /// Each bad file, and words its error must contain: the key, the quoted value, what is valid.
    #[test]
    fn bad_files_name_the_key_and_what_would_be_valid() {
        let cases: &[(&str, &[&str])] = &[
            ("[event]\nid = \"x\"\nname = \"X\"\ncolour = \"red\"", &["unknown field `colour`", "expected"]),
            ("[exprot]\nsource = \"a.csv\"", &["unknown field `exprot`", "`export`"]),
            ("[export]\nformat = \"xml\"", &["unknown variant `xml`", "`csv`", "`devpost`"]),
            ("[export]\ndelimiter = \"::\"", &["export.delimiter = \"::\"", "one ASCII character"]),
            ("[export]\nsource = \"builtin:nope\"", &["\"builtin:nope\"", "builtin:sample"]),
            ("[export]\nmax_field_chars = -4", &["max_field_chars", "invalid value"]),
            ("[export.columns]\nvideos = \"v\"", &["unknown field `videos`", "`video`"]),
            ("[event]\nid = \"bad id!\"\nname = \"X\"", &["event.id = \"bad id!\"", "letters, digits"]),
            ("[rules]\nmax_params = \"lots\"", &["rules.max_params = \"lots\"", "7B"]),
            ("[merge]\ntie_breaks = [\"utility\", \"luck\"]", &["merge.tie_breaks[1] = \"luck\"", "utility, latency"]),
            ("[merge]\nmin_judges = 0", &["merge.min_judges = 0", "1 or more"]),
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
                &["prizes[0] (\"x\").max_params"],
            ),
            ("[merge]\nmethod = \"mean\"", &["unknown field `method`", "tie_breaks"]),
            (
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 3]\nweight = 1.0\nlevels = [\"a\"]",
                &["criteria[0] (\"u\").levels has 1 line(s)", "scale [1, 3] has 3 levels"],
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
                "[[criteria]]\nid = \"u\"\nlabel = \"U\"\njudges = \"\"\nscale = [1, 2]\nweight = \"high\"\nlevels = [\"a\", \"b\"]",
                &["invalid type: string \"high\"", "weight"],
            ),
            ("[[judges]]\nname = \"a\"\n[[judges]]\nname = \"a\"", &["judges: \"a\" appears twice"]),
            ("[[judges]]\nname = \"a\"\ntracks = [\"forest\"]", &["\"forest\" is not a track", "backyard, wood"]),
            ("this is not toml", &["line 1"]),
        ];
        for (text, wants) in cases {
            let message = match parse(text) {
                Ok(_) => panic!("accepted a bad file:\n{text}"),
                Err(Parse::Syntax(m)) => m,
                Err(Parse::Invalid(p)) => p.join("\n"),
            };
            for want in *wants {
                assert!(message.contains(want), "for\n{text}\nwanted {want:?} in\n{message}");
            }
        }
    }

    #[test]
    fn load_names_the_missing_file() {
        let err = load(Some(Path::new("/nonexistent/judging.toml"))).expect_err("missing");
        assert!(err.to_string().contains("/nonexistent/judging.toml"), "{err}");
    }
}
