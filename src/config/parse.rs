//! Reading judging.toml's text: every section read on its own, so every problem is reported at
//! once, each with its line, and the sections that read are checked together.

use serde::Deserialize;

use super::{
    AssignConfig, Config, Event, ExportConfig, FeedbackConfig, FinalsConfig, Judge, MergeConfig, Prize, ResultsConfig,
    Rules, SyncConfig, Track, builtin,
};
use crate::model::Criterion;

/// A judging.toml text that cannot be used: its syntax (with line and column), or every problem
/// beyond its syntax, each naming its key, quoting its value and saying what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("{0}")]
    Syntax(String),
    #[error("{}:\n{}", crate::format::count(.0.len(), "problem", "problems"), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
}

/// The sections of judging.toml.
const SECTIONS: [&str; 14] = [
    "event", "export", "criteria", "tracks", "rules", "merge", "prizes", "results", "assign", "judges", "sync",
    "feedback", "finals", "browser",
];

/// Parses and validates a judging.toml text. Every problem is found, not the first only: each
/// section is read on its own, and the sections that read are checked together.
pub fn parse(text: &str) -> Result<Config, ParseError> {
    let syntax = |e: toml::de::Error| ParseError::Syntax(crate::plain::toml_error(text, e));
    let document = toml::de::DeTable::parse(text).map_err(syntax)?;
    let mut table: toml::Table = toml::from_str(text).map_err(syntax)?;
    let mut problems = Vec::new();
    for (key, value) in document.get_ref() {
        let name: &str = key.get_ref();
        let read = match name {
            "event" => every_problem::<Event>(value),
            "export" => every_problem::<ExportConfig>(value),
            "criteria" => every_row_problem::<Criterion>(value),
            "tracks" => every_row_problem::<Track>(value),
            "rules" => every_problem::<Rules>(value),
            "merge" => every_problem::<MergeConfig>(value),
            "prizes" => every_row_problem::<Prize>(value),
            "results" => every_problem::<ResultsConfig>(value),
            "assign" => every_problem::<AssignConfig>(value),
            "judges" => every_row_problem::<Judge>(value),
            "sync" => every_problem::<SyncConfig>(value),
            "feedback" => every_problem::<FeedbackConfig>(value),
            "finals" => every_problem::<FinalsConfig>(value),
            "browser" => every_problem::<Option<String>>(value),
            other => {
                let known: Vec<String> = SECTIONS.iter().map(|s| format!("`{s}`")).collect();
                let message =
                    crate::plain::plain(&format!("unknown field `{other}`, expected one of {}", known.join(", ")));
                Err((vec![(key.span().start, message)], None))
            }
        };
        if let Err((found, left_out)) = read {
            problems.extend(found.into_iter().map(|(at, message)| {
                (at, located(text, at, &format!("{message}{}", belongs_elsewhere(name, &message))))
            }));
            // The keys at fault are left out and the rest of the section is kept, so that the
            // checks across sections still read it; a section (or a row of an array of tables)
            // that cannot read without a key it needs is left out whole.
            match (left_out, table.get_mut(name)) {
                (Some(LeftOut::Keys(keys)), Some(toml::Value::Table(section))) => {
                    for k in &keys {
                        section.remove(k);
                    }
                }
                (Some(LeftOut::Rows(rows)), Some(toml::Value::Array(section))) => {
                    for (row, keys) in rows {
                        if let (Some(toml::Value::Table(t)), Some(keys)) = (section.get_mut(row), keys) {
                            for k in keys {
                                t.remove(&k);
                            }
                        }
                    }
                }
                _ => drop(table.remove(name)),
            }
        }
    }
    problems.extend(deadline_problem(document.get_ref(), text));
    // What is left reads whole: the bad sections take their defaults, so the checks across
    // sections still find their own problems.
    let mut config = Config::deserialize(table).map_err(|e| ParseError::Syntax(crate::plain::plain(&e.to_string())))?;
    // The built-in tracks are Build Small's: a file for another event that names none has none,
    // rather than two it never meant (and a warning on every row of its export).
    if !document.get_ref().contains_key("tracks") && config.event.id != builtin().event.id {
        config.tracks.clear();
    }
    // The checks across sections name their key first: each is found in the file for its line.
    let line_of = |key: &str| super::locate::offset(document.get_ref(), key).map(|at| line_at(text, at));
    for problem in config.problems_at(&line_of) {
        match super::locate::offset(document.get_ref(), &problem) {
            Some(at) => problems.push((at, located(text, at, &problem))),
            None => problems.push((text.len(), problem)),
        }
    }
    // A value another check refuses already (a judge's name) is said once, by that check.
    for (at, path, problem) in super::hidden::problems(document.get_ref()) {
        if !problems.iter().any(|(_, p)| p.contains(&format!("{path} = "))) {
            problems.push((at, located(text, at, &problem)));
        }
    }
    // In the file's order, as its author reads it.
    problems.sort_by_key(|(at, _)| *at);
    let problems: Vec<String> = problems.into_iter().map(|(_, p)| p).collect();
    if problems.is_empty() { Ok(config) } else { Err(ParseError::Invalid(problems)) }
}

/// Where a key serde calls unknown in `section` belongs, if it is another section's (`method`
/// under [assign] is [merge]'s): "; `method` belongs in [merge]". Empty otherwise.
fn belongs_elsewhere(section: &str, message: &str) -> String {
    let Some(key) = message.strip_prefix("unknown field `").and_then(|rest| rest.split('`').next()) else {
        return String::new();
    };
    let homes: Vec<String> = SECTIONS
        .iter()
        .filter(|other| **other != section && keys_of(other).iter().any(|k| k == key))
        .map(|other| match *other {
            "criteria" | "tracks" | "prizes" | "judges" => format!("[[{other}]]"),
            _ => format!("[{other}]"),
        })
        .collect();
    // A key at the top of the file (`method = "mean"` before any table) comes here as a section
    // of its own name, and is found in [merge] the same way.
    match homes.as_slice() {
        [] => String::new(),
        [one] => format!("; `{key}` belongs in {one}"),
        many => format!("; `{key}` belongs in {}", many.join(" or ")),
    }
}

/// The keys a section takes, as serde lists them when given one it does not know.
fn keys_of(section: &str) -> Vec<String> {
    fn keys<T: serde::de::DeserializeOwned>() -> Vec<String> {
        let Err(e) = toml::from_str::<T>("\"\" = 0") else { return Vec::new() };
        let message = e.message();
        let listed = message.strip_prefix("unknown field ``, expected ").unwrap_or("");
        crate::plain::listed_words(listed).into_iter().map(str::to_owned).collect()
    }
    match section {
        "event" => keys::<Event>(),
        "export" => keys::<ExportConfig>(),
        "criteria" => keys::<Criterion>(),
        "tracks" => keys::<Track>(),
        "rules" => keys::<Rules>(),
        "merge" => keys::<MergeConfig>(),
        "prizes" => keys::<Prize>(),
        "results" => keys::<ResultsConfig>(),
        "assign" => keys::<AssignConfig>(),
        "judges" => keys::<Judge>(),
        "sync" => keys::<SyncConfig>(),
        "feedback" => keys::<FeedbackConfig>(),
        "finals" => keys::<FinalsConfig>(),
        _ => Vec::new(),
    }
}

/// `event.deadline` read as a real date or time: what is wrong with it, at its line.
fn deadline_problem(document: &toml::de::DeTable, text: &str) -> Option<(usize, String)> {
    let toml::de::DeValue::Table(event) = document.get("event")?.get_ref() else { return None };
    let value = event.get("deadline")?;
    let toml::de::DeValue::String(deadline) = value.get_ref() else { return None };
    let reason = crate::when::deadline(deadline).err()?;
    let at = value.span().start;
    Some((at, located(text, at, &format!("event.deadline = {}: {reason}", crate::sanitize::in_quotes(deadline)))))
}

/// What a section's problems are, when it does not read as `T`: every one, not only the first
/// (the key at fault is set aside and the rest read again; each row of an array of tables is read
/// on its own); and what to leave out, or `None` when the rest cannot read without it.
type Problems = (Vec<(usize, String)>, Option<LeftOut>);

/// What of a section with problems to leave out so that the rest reads.
enum LeftOut {
    /// These keys of a table.
    Keys(Vec<String>),
    /// Of an array of tables, by row: these keys of it, or (`None`) the whole row.
    Rows(Vec<(usize, Option<Vec<String>>)>),
}

/// [`every_problem`] for an array of tables (`[[prizes]]`): every row read on its own, so that
/// two bad prizes are two problems, not the first one's alone. A row that cannot read without a
/// key it needs leaves the whole section out: removing the row alone would shift the rows after
/// it, and the checks across sections name rows by their place (`prizes[5]`).
fn every_row_problem<'de, T: Deserialize<'de>>(value: &toml::Spanned<toml::de::DeValue<'de>>) -> Result<(), Problems> {
    let toml::de::DeValue::Array(rows) = value.get_ref() else { return every_problem::<Vec<T>>(value) };
    let (mut found, mut left_out) = (Vec::new(), Vec::new());
    for (i, row) in rows.iter().enumerate() {
        if let Err((problems, keys)) = every_problem::<T>(row) {
            found.extend(problems);
            left_out.push((i, keys.and_then(|k| if let LeftOut::Keys(k) = k { Some(k) } else { None })));
        }
    }
    let whole = left_out.iter().all(|(_, keys)| keys.is_some());
    if found.is_empty() { Ok(()) } else { Err((found, whole.then_some(LeftOut::Rows(left_out)))) }
}

fn every_problem<'de, T: Deserialize<'de>>(value: &toml::Spanned<toml::de::DeValue<'de>>) -> Result<(), Problems> {
    let Err(first) = fits::<T>(value) else { return Ok(()) };
    let mut found = vec![first];
    let mut rest = value.clone();
    let mut left_out = Vec::new();
    // The key a problem lies in; none for a problem of the whole section (a key it needs is
    // missing), which cannot be read in part.
    let at_fault = |rest: &toml::Spanned<toml::de::DeValue<'de>>, at: usize| match rest.get_ref() {
        toml::de::DeValue::Table(keys) => keys
            .iter()
            .find(|(k, v)| k.span().contains(&at) || v.span().contains(&at))
            .map(|(k, _)| k.get_ref().to_string()),
        _ => None,
    };
    // A value of the wrong kind where one of a key's words goes: said with the words.
    let explain = |found: Vec<(usize, String)>| -> Vec<(usize, String)> {
        found
            .into_iter()
            .map(|(at, message)| match at_fault(value, at).and_then(|key| choices::<T>(value, &key)) {
                Some(words) if message.contains(crate::plain::CHOICE_SAID) => {
                    (at, format!("a value of another kind, where one of {words} goes, in quotes"))
                }
                _ => (at, message),
            })
            .collect()
    };
    while let Some(key) = found.last().and_then(|(at, _)| at_fault(&rest, *at)) {
        if let toml::de::DeValue::Table(keys) = rest.get_mut() {
            keys.remove(key.as_str());
        }
        left_out.push(key);
        match fits::<T>(&rest) {
            Ok(()) => return Err((explain(found), Some(LeftOut::Keys(left_out)))),
            // Only a problem of another key is the file's: one of the whole section now is of
            // the key just set aside.
            Err(next) if at_fault(&rest, next.0).is_some() => found.push(next),
            Err(_) => break,
        }
    }
    Err((explain(found), None))
}

/// The words a key of `value` takes, where it takes one of a few (an enum): what serde names
/// when the key is given an empty word ("`flag` or `exclude`").
fn choices<'de, T: Deserialize<'de>>(value: &toml::Spanned<toml::de::DeValue<'de>>, key: &str) -> Option<String> {
    let mut probe = value.clone();
    let toml::de::DeValue::Table(keys) = probe.get_mut() else { return None };
    *keys.get_mut(key)?.get_mut() = toml::de::DeValue::String("".into());
    let (_, message) = fits::<T>(&probe).err()?;
    // serde's words: "`a` or `b`" for two, "one of `a`, `b`, `c`" for more.
    let words = message.strip_prefix("unknown variant ``, expected ")?;
    Some(words.strip_prefix("one of ").unwrap_or(words).trim_end().to_owned())
}

/// Whether a section reads as `T`; else where (a byte offset) and why not.
fn fits<'de, T: Deserialize<'de>>(value: &toml::Spanned<toml::de::DeValue<'de>>) -> Result<(), (usize, String)> {
    use serde::de::IntoDeserializer;
    let start = value.span().start;
    T::deserialize(value.clone().into_deserializer())
        .map(|_| ())
        .map_err(|e| (e.span().map_or(start, |s| s.start), crate::plain::plain(e.message())))
}

/// A problem at a byte offset of the text, with its line number and the line itself quoted.
/// A problem of judging.toml's `text` found after it was read (one only the export shows),
/// given the line of the key it names first, as the file's own problems are; as it is where the
/// key is not found.
pub fn at_its_line(text: &str, problem: &str) -> String {
    let Ok(document) = toml::de::DeTable::parse(text) else { return problem.to_owned() };
    match super::locate::offset(document.get_ref(), problem) {
        Some(at) => located(text, at, problem),
        None => problem.to_owned(),
    }
}

/// The line of judging.toml's `text` that `key` (a key path, as problems name theirs:
/// `judges[0].name`) is written at, for a problem that names a second key beside its first;
/// none where the text does not have the key.
pub fn line_of(text: &str, key: &str) -> Option<usize> {
    let document = toml::de::DeTable::parse(text).ok()?;
    let at = super::locate::offset(document.get_ref(), key)?;
    Some(line_at(text, at))
}

/// The line number of a byte offset of the text.
fn line_at(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

fn located(text: &str, at: usize, message: &str) -> String {
    let at = at.min(text.len());
    let line = line_at(text, at);
    let source = text.lines().nth(line - 1).unwrap_or("").trim();
    format!("line {line} (`{}`): {message}", crate::sanitize::file_line(source))
}

#[cfg(test)]
mod tests {
    use super::{ParseError, parse};

    /// What the parser says in its own words is said in the file's: a key set twice is named with
    /// its table and its first line, a word near a valid one is suggested, and a key put under
    /// another section is sent to its own.
    #[test]
    fn the_parsers_words_name_the_key_and_what_is_meant() {
        let event = "[event]\nid = \"e\"\nname = \"E\"\n";
        let cases: &[(String, &str)] = &[
            (
                format!("{event}name = \"F\"\n"),
                "line 4 (`name = \"F\"`): `name` is set twice in [event] (first at line 3): keep one",
            ),
            (
                format!("{event}[merge]\n\nmethod = \"mean\"\n[event]\nid = \"f\"\n"),
                "line 7 (`[event]`): the table [event] is written twice (first at line 1): put its keys under one [event]",
            ),
            (
                format!("{event}[[prizes]]\nid = \"a\"\n[[prizes]]\nid = \"b\"\n'id' = \"c\"\n"),
                "line 8 (`'id' = \"c\"`): `id` is set twice in [[prizes]] (first at line 7): keep one",
            ),
            (
                format!("id = 1\nid = 2\n{event}"),
                "line 2 (`id = 2`): `id` is set twice at the top of the file (first at line 1): keep one",
            ),
            (format!("{event}[merge]\nmethod = \"calibrate\"\n"), "did you mean `calibrated`?"),
            (format!("{event}[merge]\nconflicts = \"flagg\"\n"), "expected `flag` or `exclude`: did you mean `flag`?"),
            (
                format!("{event}[[prizes]]\nid = \"p\"\nname = \"P\"\namounts = [1]\nby = \"badge\"\n"),
                "did you mean `badges`?",
            ),
            (
                format!("{event}[assign]\nmethod = \"mean\"\n"),
                "line 5 (`method = \"mean\"`): unknown field `method`, expected one of `judges_per_entry`, `keep_tracks`, `seed`, `file`, `calibration`; `method` belongs in [merge]",
            ),
            (format!("method = \"mean\"\n{event}"), "; `method` belongs in [merge]"),
            (format!("{event}[merge]\nseed = 7\n"), "; `seed` belongs in [assign]"),
            (format!("{event}[merge]\nweight = 2\n"), "; `weight` belongs in [[criteria]]"),
            (format!("{event}[exprot]\nsource = \"a.csv\"\n"), "did you mean `export`?"),
        ];
        for (text, want) in cases {
            let said = match parse(text) {
                Ok(_) => panic!("accepted:\n{text}"),
                Err(ParseError::Syntax(said)) => said,
                Err(ParseError::Invalid(problems)) => problems.join("\n"),
            };
            assert!(said.contains(want), "for\n{text}\nwanted {want:?} in\n{said}");
        }
    }

    /// The line a problem quotes is the line in the file: what a reader could not see in it is
    /// shown as its escape, where it had been quoted raw (a zero-width space, a word joiner,
    /// invisible beside a message that named it) or dropped (a direction mark, an escape
    /// sequence, so that the line quoted read as one without a fault). toml's own quote of a
    /// line it cannot read, and the line of a key set twice, alike; the caret stays under the
    /// character it points at.
    #[test]
    fn a_quoted_line_shows_what_hides_in_it() {
        let event = "[event]\nid = \"e\"\n";
        let cases: &[(String, &[&str])] = &[
            (
                format!(
                    "{event}[[tracks]]\nid = \"w\"\nname = \"Wo\u{200b}od\u{2060}\"\n[[tracks]]\nid = \"b\"\nname = \"Back\u{200e}yard\"\n"
                ),
                &["line 5 (`name = \"Wo\\u{200b}od\\u{2060}\"`)", "line 8 (`name = \"Back\\u{200e}yard\"`)"],
            ),
            (
                format!("{event}name = \"E\u{200b}\" = 3\n"),
                &["3 | name = \"E\\u{200b}\" = 3\n  |                    ^\n"],
            ),
            (format!("{event}name = \"E\u{1b}[31mRED\"\n"), &["3 | name = \"E\\u{1b}[31mRED\"\n  |          ^^^^^^\n"]),
            (
                format!("{event}name = \"E\"\nname = \"F\u{feff}\"\n"),
                &["line 4 (`name = \"F\\u{feff}\"`): `name` is set twice"],
            ),
        ];
        for (text, wants) in cases {
            let said = match parse(text) {
                Err(ParseError::Syntax(said)) => said,
                Err(ParseError::Invalid(problems)) => problems.join("\n"),
                Ok(_) => panic!("accepted: {text:?}"),
            };
            for want in *wants {
                assert!(said.contains(want), "for {text:?}\nwanted {want:?} in\n{said}");
            }
            let hidden: Vec<char> = said.chars().filter(|c| *c != '\n' && crate::sanitize::hides(*c)).collect();
            assert!(hidden.is_empty(), "{hidden:?} quoted raw in\n{said}");
        }
    }
}
