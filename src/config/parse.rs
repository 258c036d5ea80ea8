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
    // The keys given a stand-in so that their section reads (a key missing, or one whose value
    // is refused where the section needs it), and those left out for their refused value (which
    // take their default), by the section and row they are in: the checks across sections check
    // nothing that rests on a value that is not the file's.
    let mut stand_ins = StandIns::default();
    for (key, value) in document.get_ref() {
        let name: &str = key.get_ref();
        let read = match name {
            "event" => every_problem::<Event>(value, name),
            "export" => every_problem::<ExportConfig>(value, name),
            "criteria" => every_row_problem::<Criterion>(value, name),
            "tracks" => every_row_problem::<Track>(value, name),
            "rules" => every_problem::<Rules>(value, name),
            "merge" => every_problem::<MergeConfig>(value, name),
            "prizes" => every_row_problem::<Prize>(value, name),
            "results" => every_problem::<ResultsConfig>(value, name),
            "assign" => every_problem::<AssignConfig>(value, name),
            "judges" => every_row_problem::<Judge>(value, name),
            "sync" => every_problem::<SyncConfig>(value, name),
            "feedback" => every_problem::<FeedbackConfig>(value, name),
            "finals" => every_problem::<FinalsConfig>(value, name),
            "browser" => every_problem::<Option<String>>(value, name),
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
                (Some(LeftOut::Keys(mended)), Some(toml::Value::Table(section))) => {
                    stand_ins.add(name, None, &mended.stand_ins);
                    stand_ins.add(name, None, &mended.left_out);
                    mended.apply(section);
                }
                (Some(LeftOut::Rows(rows)), Some(toml::Value::Array(section))) => {
                    for (row, mended) in rows {
                        if let Some(toml::Value::Table(t)) = section.get_mut(row) {
                            stand_ins.add(name, Some(row), &mended.stand_ins);
                            stand_ins.add(name, Some(row), &mended.left_out);
                            mended.apply(t);
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
    config.stand_ins = stand_ins;
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

/// Each row of the array of tables `key` (`[[decisions]]`) of another file a person writes,
/// read as `T` on its own as judging.toml's rows are: the rows, in their places (`None` for one
/// that cannot be read without a key it needs), and every problem, each at its line in the words
/// judging.toml's are said in (`line 3 (`ordr = […]`): unknown field `ordr`, expected one of …:
/// did you mean `order`?`), in the file's order; `Err` for text that is not TOML, said as
/// [`crate::plain::toml_error`] says it.
pub(crate) fn read_rows<T: serde::de::DeserializeOwned>(
    text: &str,
    key: &str,
) -> Result<(Vec<Option<T>>, Vec<String>), String> {
    use serde::de::IntoDeserializer;
    let document = toml::de::DeTable::parse(text).map_err(|e| crate::plain::toml_error(text, e))?;
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for (name, value) in document.get_ref() {
        let at = name.span().start;
        if name.get_ref() != key {
            let message = crate::plain::plain(&format!("unknown field `{}`, expected `{key}`", name.get_ref()));
            problems.push((at, located(text, at, &message)));
            continue;
        }
        let toml::de::DeValue::Array(items) = value.get_ref() else {
            problems
                .push((at, located(text, at, &format!("`{key}` is a list: write each as a table under [[{key}]]"))));
            continue;
        };
        for (i, row) in items.iter().enumerate() {
            let mut row = row.clone();
            if let Err((found, mended)) = every_problem::<T>(&row, &row_name(&row, key, i)) {
                problems.extend(found.into_iter().map(|(at, message)| (at, located(text, at, &message))));
                match (mended, row.get_mut()) {
                    (Some(LeftOut::Keys(mended)), toml::de::DeValue::Table(keys)) if mended.stand_ins.is_empty() => {
                        for k in &mended.left_out {
                            keys.remove(k.as_str());
                        }
                    }
                    _ => {
                        rows.push(None);
                        continue;
                    }
                }
            }
            rows.push(T::deserialize(row.into_deserializer()).ok());
        }
    }
    problems.sort_by_key(|(at, _)| *at);
    Ok((rows, problems.into_iter().map(|(_, p)| p).collect()))
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
/// (the key at fault is set aside and the rest read again; a key missing, or set aside where the
/// section needs it, is given a stand-in so that the rest reads; each row of an array of tables
/// is read on its own); and how to mend it so that it reads, or `None` when it cannot.
type Problems = (Vec<(usize, String)>, Option<LeftOut>);

/// How to mend a section with problems so that the rest reads.
enum LeftOut {
    /// A table.
    Keys(Mended),
    /// An array of tables, each row with problems by its place.
    Rows(Vec<(usize, Mended)>),
}

/// A table's keys at fault, left out, and the keys it needs given a stand-in value.
#[derive(Default)]
struct Mended {
    left_out: Vec<String>,
    stand_ins: Vec<String>,
    values: Vec<(String, toml::Value)>,
}

impl Mended {
    fn apply(self, table: &mut toml::Table) {
        for key in &self.left_out {
            table.remove(key);
        }
        table.extend(self.values);
    }
}

/// Stand-in values tried, in turn, for a key a table needs: the first of the key's kind reads.
/// Never shown: the checks across sections check nothing that rests on one ([`StandIns`]).
const STAND_INS: [&str; 7] = ["x = \"?\"", "x = 1", "x = 1.0", "x = [1, 5]", "x = []", "x = true", "x = {}"];

/// [`every_problem`] for an array of tables (`[[prizes]]`): every row read on its own, so that
/// two bad prizes are two problems, not the first one's alone. A row with a key missing or at
/// fault keeps its place and its other keys (the checks across sections name rows by their
/// place, `prizes[5]`, and check the others against its id: a prize against the file's own
/// criteria); only a row that cannot be mended so leaves the whole section out.
fn every_row_problem<'de, T: Deserialize<'de>>(
    value: &toml::Spanned<toml::de::DeValue<'de>>,
    section: &str,
) -> Result<(), Problems> {
    let toml::de::DeValue::Array(rows) = value.get_ref() else { return every_problem::<Vec<T>>(value, section) };
    let (mut found, mut mended, mut whole) = (Vec::new(), Vec::new(), true);
    for (i, row) in rows.iter().enumerate() {
        if let Err((problems, keys)) = every_problem::<T>(row, &row_name(row, section, i)) {
            found.extend(problems);
            match keys {
                Some(LeftOut::Keys(keys)) => mended.push((i, keys)),
                _ => whole = false,
            }
        }
    }
    if found.is_empty() { Ok(()) } else { Err((found, whole.then_some(LeftOut::Rows(mended)))) }
}

/// A row as the checks across sections name it: `criteria[0] ("utility")`, `judges[1] ("ana")`,
/// by its id (its name for a judge) where it has one.
fn row_name(row: &toml::Spanned<toml::de::DeValue<'_>>, section: &str, i: usize) -> String {
    let toml::de::DeValue::Table(keys) = row.get_ref() else { return format!("{section}[{i}]") };
    let id = ["id", "name"].iter().find_map(|k| match keys.get(*k).map(toml::Spanned::get_ref) {
        Some(toml::de::DeValue::String(id)) => Some(id.to_string()),
        _ => None,
    });
    match id {
        Some(id) => format!("{section}[{i}] ({})", crate::sanitize::in_quotes(&id)),
        None => format!("{section}[{i}]"),
    }
}

/// The key serde says is missing: "missing field `judges`".
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// What to give for a key a section needs, where a key is missing: said in the file's words,
/// as what it is and a line that would do; serde had said "missing field `judges`".
const NEEDS: [(&str, &str, &str); 12] = [
    ("event", "id", "the event's short id, such as id = \"build-small-2026\""),
    ("event", "name", "the event's name, such as name = \"Build Small Hackathon\""),
    ("criteria", "id", "its short id, used in commands and files, such as id = \"utility\""),
    ("criteria", "label", "the name judges see, such as label = \"Utility\""),
    ("criteria", "judges", "what it judges, in one sentence, such as judges = \"How useful the app is to its user.\""),
    ("criteria", "scale", "its lowest and highest score, such as scale = [1, 5]"),
    ("criteria", "weight", "its share of the total, a number above 0, such as weight = 1.0"),
    ("tracks", "id", "the track's short id, such as id = \"backyard\""),
    ("tracks", "name", "the name every output gives it, such as name = \"Backyard AI\""),
    ("prizes", "id", "the prize's short id, such as id = \"best-overall\""),
    ("prizes", "name", "the name the results give it, such as name = \"Best overall\""),
    ("prizes", "amounts", "what each place wins, the first place first, such as amounts = [500, 250]"),
];

/// "criteria[0] (\"utility\") needs `judges`: what it judges, in one sentence, such as …".
fn needs(whole: &str, key: &str) -> String {
    let section = whole.split('[').next().unwrap_or(whole);
    let what = match NEEDS.iter().find(|(s, k, _)| *s == section && *k == key) {
        Some((_, _, what)) => (*what).to_owned(),
        None if section == "judges" && key == "name" => "the judge's name, such as name = \"ada\"".to_owned(),
        None => format!("add a line {key} = … (the README's reference says what it takes)"),
    };
    let whole = if whole.contains('[') { whole.to_owned() } else { format!("[{whole}]") };
    format!("{whole} needs `{key}`: {what}")
}

/// The keys of judging.toml given a stand-in value so that their section reads, or left out
/// for a refused value and so at their default (`by = "criteria"` reads as the default `by`),
/// each by its section and, in an array of tables, its row: the checks across sections ask it, and check
/// nothing that rests on a stand-in (a row's id, the list of the tracks a stand-in is among), so
/// that every other problem, of the same row too, is said in the same run. Empty for a file that
/// reads; never read from TOML.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct StandIns(Vec<(String, Option<usize>, String)>);

impl StandIns {
    fn add(&mut self, section: &str, row: Option<usize>, keys: &[String]) {
        self.0.extend(keys.iter().map(|key| (section.to_owned(), row, key.clone())));
    }

    /// Whether `key` of `section` (of its row `row`, in an array of tables) holds a stand-in.
    pub(super) fn at(&self, section: &str, row: Option<usize>, key: &str) -> bool {
        self.0.iter().any(|(s, r, k)| s == section && *r == row && k == key)
    }

    /// Whether `key` of any row of `section` holds one: a check against the section's ids (is
    /// this a track?) cannot be made.
    pub(super) fn any(&self, section: &str, key: &str) -> bool {
        self.0.iter().any(|(s, _, k)| s == section && k == key)
    }
}

fn every_problem<'de, T: Deserialize<'de>>(
    value: &toml::Spanned<toml::de::DeValue<'de>>,
    whole: &str,
) -> Result<(), Problems> {
    let Err(first) = fits::<T>(value) else { return Ok(()) };
    let mut found = Vec::new();
    let mut rest = value.clone();
    let mut mended = Mended::default();
    // The key a problem lies in; none for a problem of the whole section (a key it needs is
    // missing), which cannot be read in part.
    let at_fault = |rest: &toml::Spanned<toml::de::DeValue<'de>>, at: usize| match rest.get_ref() {
        toml::de::DeValue::Table(keys) => keys
            .iter()
            .find(|(k, v)| k.span().contains(&at) || v.span().contains(&at))
            .map(|(k, _)| k.get_ref().to_string()),
        _ => None,
    };
    // A value of the wrong kind where one of a key's words goes: said with the words; a key
    // missing, with what to give.
    let explain = |found: Vec<(usize, String)>| -> Vec<(usize, String)> {
        found
            .into_iter()
            .map(|(at, message)| match at_fault(value, at).and_then(|key| choices::<T>(value, &key)) {
                Some(words) if message.contains(crate::plain::CHOICE_SAID) => {
                    (at, format!("a value of another kind, where one of {words} goes, in quotes"))
                }
                _ => match missing_field(&message) {
                    Some(key) => (at, needs(whole, key)),
                    None => (at, message),
                },
            })
            .collect()
    };
    let mut current = first;
    // Each turn sets a key aside or gives one a stand-in: a section has only so many.
    for _ in 0..64 {
        let (at, message) = current;
        if let Some(key) = at_fault(&rest, at).filter(|k| !mended.stand_ins.contains(k)) {
            found.push((at, message));
            if let toml::de::DeValue::Table(keys) = rest.get_mut() {
                keys.remove(key.as_str());
            }
            mended.left_out.push(key);
        } else if let Some(key) = missing_field(&message).map(str::to_owned) {
            // Missing because it was set aside: its problem is said already.
            if !mended.left_out.contains(&key) {
                found.push((at, message));
            }
            let Some(stand_in) = stand_in::<T>(&mut rest, &key) else { break };
            mended.stand_ins.push(key.clone());
            mended.values.push((key, stand_in));
        } else {
            found.push((at, message));
            break;
        }
        match fits::<T>(&rest) {
            Ok(()) => return Err((explain(found), Some(LeftOut::Keys(mended)))),
            Err(next) => current = next,
        }
    }
    Err((explain(found), None))
}

/// Gives `key` of the table `rest` the first of [`STAND_INS`] under which the problem is no
/// longer `key`'s; that value, or `None` where none reads.
fn stand_in<'de, T: Deserialize<'de>>(
    rest: &mut toml::Spanned<toml::de::DeValue<'de>>,
    key: &str,
) -> Option<toml::Value> {
    for line in STAND_INS {
        let (Ok(document), Ok(table)) = (toml::de::DeTable::parse(line), toml::from_str::<toml::Table>(line)) else {
            continue;
        };
        let (Some(de), Some(value)) = (document.get_ref().get("x"), table.get("x")) else { continue };
        let toml::de::DeValue::Table(keys) = rest.get_mut() else { return None };
        keys.insert(toml::Spanned::new(0..0, key.to_owned().into()), toml::Spanned::new(0..0, de.get_ref().clone()));
        if stands::<T>(rest, key) {
            return Some(value.clone());
        }
        if let toml::de::DeValue::Table(keys) = rest.get_mut() {
            keys.remove(key);
        }
    }
    None
}

/// Whether the stand-in just given `key` reads: the section reads, or its problem now is of
/// another key.
fn stands<'de, T: Deserialize<'de>>(rest: &toml::Spanned<toml::de::DeValue<'de>>, key: &str) -> bool {
    let Err((at, message)) = fits::<T>(rest) else { return true };
    if missing_field(&message).is_some_and(|k| k != key) {
        return true;
    }
    let toml::de::DeValue::Table(keys) = rest.get_ref() else { return false };
    keys.iter().any(|(k, v)| k.get_ref() != key && (k.span().contains(&at) || v.span().contains(&at)))
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
    format!("{}: {message}", line_said(text, line_at(text, at.min(text.len()))))
}

/// Where a problem of a file a person writes lies, as every problem of judging.toml and
/// decisions.toml starts: the line's number and the line itself, quoted ("line 5 (`place = 9`)").
pub(crate) fn line_said(text: &str, line: usize) -> String {
    let source = text.lines().nth(line.saturating_sub(1)).unwrap_or("").trim();
    format!("line {line} (`{}`)", crate::sanitize::file_line(source))
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

#[cfg(test)]
mod every_problem_at_once {
    use super::{ParseError, parse};

    /// A criterion with a bad value and a key missing: both said in the first run, the missing
    /// one in the file's words with what to give, and the prizes checked against the file's own
    /// criteria (the built-in rubric's `latency` had been taken while [[criteria]] was broken).
    #[test]
    fn a_broken_row_is_said_whole_and_the_rest_checked_against_the_files_own_rows() {
        let text = "[event]\nid = \"mini\"\nname = \"Mini\"\n[[criteria]]\nid = \"utility\"\nlabel = \"Utility\"\n\
                    scale = [1, 5]\nweight = \"2\"\nlevels = [\"a\",\"b\",\"c\",\"d\",\"e\"]\n[[judges]]\nname = \"ana\"\n\
                    conflicts = []\ntracks = [\"backyrd\"]\n[[prizes]]\nid = \"p\"\nname = \"P\"\namounts = [100]\n\
                    by = \"criterion\"\ncriterion = \"latency\"\n";
        let Err(ParseError::Invalid(problems)) = parse(text) else { panic!("accepted or unplaced") };
        let said = problems.join("\n");
        for want in [
            "line 8 (`weight = \"2\"`): the text \"2\", where a number is needed",
            "line 4 (`[[criteria]]`): criteria[0] (\"utility\") needs `judges`: ",
            "prizes[0] (\"p\").criterion = \"latency\"",
            "judges[0].tracks: \"backyrd\" is not a track",
        ] {
            assert!(said.contains(want), "wanted {want:?} in\n{said}");
        }
        assert_eq!(problems.len(), 4, "{said}");
        assert!(!said.contains("missing field"), "{said}");
    }
}
