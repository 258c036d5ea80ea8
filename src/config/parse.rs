//! Reading judging.toml's text: every section read on its own, so every problem is reported at
//! once, each with its line, and the sections that read are checked together.

use serde::Deserialize;

use super::{
    AssignConfig, Config, Event, ExportConfig, FeedbackConfig, Judge, MergeConfig, Prize, ResultsConfig, Rules,
    SyncConfig, Track, builtin,
};
use crate::model::Criterion;
use crate::sanitize::clean_line;

/// A judging.toml text that cannot be used: its syntax (with line and column), or every problem
/// beyond its syntax, each naming its key, quoting its value and saying what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("{0}")]
    Syntax(String),
    #[error("{} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
}

/// The sections of judging.toml.
const SECTIONS: [&str; 13] = [
    "event", "export", "criteria", "tracks", "rules", "merge", "prizes", "results", "assign", "judges", "sync",
    "feedback", "browser",
];

/// Parses and validates a judging.toml text. Every problem is found, not the first only: each
/// section is read on its own, and the sections that read are checked together.
pub fn parse(text: &str) -> Result<Config, ParseError> {
    let syntax = |mut e: toml::de::Error| {
        e.set_input(Some(text));
        ParseError::Syntax(e.to_string())
    };
    let document = toml::de::DeTable::parse(text).map_err(syntax)?;
    let mut table: toml::Table = toml::from_str(text).map_err(syntax)?;
    let mut problems = Vec::new();
    for (key, value) in document.get_ref() {
        let name: &str = key.get_ref();
        let read = match name {
            "event" => fits::<Event>(value),
            "export" => fits::<ExportConfig>(value),
            "criteria" => fits::<Vec<Criterion>>(value),
            "tracks" => fits::<Vec<Track>>(value),
            "rules" => fits::<Rules>(value),
            "merge" => fits::<MergeConfig>(value),
            "prizes" => fits::<Vec<Prize>>(value),
            "results" => fits::<ResultsConfig>(value),
            "assign" => fits::<AssignConfig>(value),
            "judges" => fits::<Vec<Judge>>(value),
            "sync" => fits::<SyncConfig>(value),
            "feedback" => fits::<FeedbackConfig>(value),
            "browser" => fits::<Option<String>>(value),
            other => {
                let known: Vec<String> = SECTIONS.iter().map(|s| format!("`{s}`")).collect();
                let message = format!("unknown field `{other}`, expected one of {}", known.join(", "));
                Err((key.span().start, message))
            }
        };
        if let Err((at, message)) = read {
            problems.push((at, located(text, at, &message)));
            table.remove(name);
        }
    }
    problems.extend(deadline_problem(document.get_ref(), text));
    // What is left reads whole: the bad sections take their defaults, so the checks across
    // sections still find their own problems.
    let mut config = Config::deserialize(table).map_err(|e| ParseError::Syntax(e.to_string()))?;
    // The built-in tracks are Build Small's: a file for another event that names none has none,
    // rather than two it never meant (and a warning on every row of its export).
    if !document.get_ref().contains_key("tracks") && config.event.id != builtin().event.id {
        config.tracks.clear();
    }
    // The checks across sections name their key first: each is found in the file for its line.
    for problem in config.problems() {
        match super::locate::offset(document.get_ref(), &problem) {
            Some(at) => problems.push((at, located(text, at, &problem))),
            None => problems.push((text.len(), problem)),
        }
    }
    // In the file's order, as its author reads it.
    problems.sort_by_key(|(at, _)| *at);
    let problems: Vec<String> = problems.into_iter().map(|(_, p)| p).collect();
    if problems.is_empty() { Ok(config) } else { Err(ParseError::Invalid(problems)) }
}

/// `event.deadline` read as a real date or time: what is wrong with it, at its line.
fn deadline_problem(document: &toml::de::DeTable, text: &str) -> Option<(usize, String)> {
    let toml::de::DeValue::Table(event) = document.get("event")?.get_ref() else { return None };
    let value = event.get("deadline")?;
    let toml::de::DeValue::String(deadline) = value.get_ref() else { return None };
    let reason = crate::when::deadline(deadline).err()?;
    let at = value.span().start;
    Some((at, located(text, at, &format!("event.deadline = {:?}: {reason}", clean_line(deadline)))))
}

/// Whether a section reads as `T`; else where (a byte offset) and why not.
fn fits<'de, T: Deserialize<'de>>(value: &toml::Spanned<toml::de::DeValue<'de>>) -> Result<(), (usize, String)> {
    use serde::de::IntoDeserializer;
    let start = value.span().start;
    T::deserialize(value.clone().into_deserializer())
        .map(|_| ())
        .map_err(|e| (e.span().map_or(start, |s| s.start), e.message().to_owned()))
}

/// A problem at a byte offset of the text, with its line number and the line itself quoted.
fn located(text: &str, at: usize, message: &str) -> String {
    let at = at.min(text.len());
    let line = text[..at].matches('\n').count() + 1;
    let source = text.lines().nth(line - 1).unwrap_or("").trim();
    format!("line {line} (`{}`): {message}", clean_line(source))
}
