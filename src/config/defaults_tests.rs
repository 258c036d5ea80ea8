//! The defaults have one home, the sections' `Default` impls; the built-in judging.toml only shows
//! them, on lines marked "(the default)". These tests keep the two from drifting apart.

use super::{
    AssignConfig, BUILTIN, Config, ExportConfig, FeedbackConfig, MergeConfig, ResultsConfig, Rules, SyncConfig, parse,
};

/// What judging.toml writes on a line that shows a default.
const MARK: &str = "(the default)";

/// What sets one section of a config to its default.
type SetDefault = fn(&mut Config);

/// The sections that take their `Default` when left out, each with what sets it to that default.
const DEFAULTED: [(&str, SetDefault); 7] = [
    ("export", |c| c.export = ExportConfig::default()),
    ("rules", |c| c.rules = Rules::default()),
    ("merge", |c| c.merge = MergeConfig::default()),
    ("results", |c| c.results = ResultsConfig::default()),
    ("assign", |c| c.assign = AssignConfig::default()),
    ("feedback", |c| c.feedback = FeedbackConfig::default()),
    ("sync", |c| c.sync = SyncConfig::default()),
];

/// `config` with the section `name` set to its default.
fn with_default(config: &Config, name: &str) -> Config {
    let (_, reset) = DEFAULTED.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("[{name}] has no defaults"));
    let mut out = config.clone();
    reset(&mut out);
    out
}

/// Whether the section `name` of `config` is exactly its default.
fn is_default(config: &Config, name: &str) -> bool {
    with_default(config, name) == *config
}

/// One setting of the built-in judging.toml in a section of [`DEFAULTED`].
#[derive(Debug)]
struct Setting<'t> {
    line: usize,
    /// `export`, `export.columns`, ...
    section: &'t str,
    /// `key = value`, as TOML.
    text: &'t str,
    /// Marked "(the default)".
    shown_as_default: bool,
    /// Written as a comment, so not read.
    commented: bool,
}

/// Every setting of the built-in judging.toml in a section with defaults, set or commented out.
/// A commented header (`# [sync]`) opens a section as a real one does; a comment without the
/// mark is prose, not a setting.
fn settings() -> Vec<Setting<'static>> {
    let mut section = "";
    let mut out = Vec::new();
    for (i, line) in BUILTIN.lines().enumerate() {
        let commented = line.trim_start().starts_with('#');
        let text = line.trim().trim_start_matches('#').trim();
        if text.starts_with("[[") {
            section = "";
            continue;
        }
        if let Some(name) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            section = name;
            continue;
        }
        let in_defaulted = DEFAULTED.iter().any(|(name, _)| section.split('.').next() == Some(*name));
        if text.is_empty() || !in_defaulted || (commented && !text.contains(MARK)) {
            continue;
        }
        let shown_as_default = text.contains(MARK);
        // A comment's setting ends where the mark begins; a set line is TOML as it stands.
        let text = if commented { text.split(MARK).next().unwrap_or(text).trim() } else { text };
        out.push(Setting { line: i + 1, section, text, shown_as_default, commented });
    }
    out
}

/// Whether `setting` alone in its section gives that section's default; a setting that does
/// not read (an unknown key, a bad value) fails the test with its line.
fn gives_the_default(setting: &Setting) -> bool {
    let text = format!("[{}]\n{}\n", setting.section, setting.text);
    let config = parse(&text).unwrap_or_else(|e| panic!("judging.toml line {}: {e}", setting.line));
    is_default(&config, setting.section.split('.').next().unwrap_or_default())
}

#[test]
fn every_default_judging_toml_shows_is_the_rust_default() {
    let settings = settings();
    for s in &settings {
        let what = if s.shown_as_default { "says it is the default, and is not" } else { "is the default, unmarked" };
        assert_eq!(gives_the_default(s), s.shown_as_default, "judging.toml line {} `{}` {what}", s.line, s.text);
    }
    // Not vacuous: each section judging.toml has shows some defaults, commented out or set.
    for (name, _) in DEFAULTED {
        let shown = settings.iter().filter(|s| s.section == name && s.shown_as_default).count();
        assert!(shown > 0, "judging.toml shows no default of [{name}]");
    }
    assert!(settings.iter().any(|s| s.shown_as_default && !s.commented), "a set line marked as the default");
}

/// The same line with a wrong value is caught: the check above can fail.
#[test]
fn a_wrong_default_in_judging_toml_is_caught() {
    let cases = [
        ("merge", "min_judges = 3", false),
        ("merge", "min_judges = 2", true),
        ("rules", "max_params = \"30B\"", false),
        ("rules", "max_params = \"32B\"", true),
        ("export", "max_mb = 255", false),
        ("export.columns", "id = \"id\"", false),
        ("assign", "file = \"assignments.toml\"  # (the default)", true),
        ("results", "currency = \"€\"", false),
        ("feedback", "notes = \"judge-chooses\"", true),
        ("sync", "repo = \"org/judges\"", false),
    ];
    for (section, text, want) in cases {
        let setting = Setting { line: 0, section, text, shown_as_default: false, commented: false };
        assert_eq!(gives_the_default(&setting), want, "[{section}] {text}");
    }
}

/// The built-in judging.toml with a section and its subsections (`[export.columns]`) taken out.
fn without_section(text: &str, name: &str) -> String {
    let mut skipping = false;
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with('[') {
            let header = line.trim_start_matches('[').trim_end_matches(']');
            skipping = header == name || header.starts_with(&format!("{name}."));
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_section_left_out_is_exactly_its_default() {
    let builtin = parse(BUILTIN).expect("the built-in judging.toml is valid");
    for (name, _) in DEFAULTED {
        let text = without_section(BUILTIN, name);
        assert!(!text.contains(&format!("\n[{name}]")), "[{name}] still in\n{text}");
        let config = parse(&text).unwrap_or_else(|e| panic!("judging.toml without [{name}]: {e}"));
        // That section is its default, and every other is as the sample sets it.
        assert_eq!(config, with_default(&builtin, name), "judging.toml without [{name}]");
        let empty = parse(&format!("[{name}]\n")).unwrap_or_else(|e| panic!("an empty [{name}]: {e}"));
        assert!(is_default(&empty, name), "an empty [{name}]");
    }
    // The sample's own choices make these differ from their defaults, so leaving them out above
    // did change something.
    for name in ["export", "merge", "assign"] {
        assert!(!is_default(&builtin, name), "the sample's [{name}] is its default");
    }
}
