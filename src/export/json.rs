//! A JSON export: an array of objects, one per submission.

use serde_json::Value;
use serde_json::value::RawValue;

use super::validate::Validator;
use super::{Cell, ExportError, Field, RawRow, column_key};
use crate::config::Columns;
use crate::sanitize::clean_line;

/// Reads a JSON export into `out`; returns the notes on missing keys.
pub(super) fn read(
    text: &str,
    source_name: &str,
    columns: &Columns,
    out: &mut Validator,
) -> Result<Vec<String>, ExportError> {
    let text = text.trim_start_matches('\u{feff}');
    let syntax = |line: usize, message: String| ExportError::Syntax { source_name: source_name.into(), line, message };
    // Borrowed raw items keep their place in the text, which gives each row its line number.
    let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| {
        let message = if e.is_data() {
            "expected a JSON array of objects, one per submission".to_owned()
        } else {
            format!("not valid JSON: {e}")
        };
        syntax(e.line(), message)
    })?;
    let keys: Vec<(Field, String, bool)> = Field::ALL
        .iter()
        .map(|f| {
            let explicit = f.configured(columns);
            (*f, column_key(explicit.unwrap_or(f.default_column())), explicit.is_some())
        })
        .collect();

    // A key no object has: an error for a required field, a note for an optional one. Checked
    // first, on the keys alone, so a wrong mapping reports once, not once per row, and no row is
    // held in memory waiting for the check: each goes to the validator as soon as it is read.
    let mut lines = crate::format::LineCounter::new(text);
    let line_of = |item: &RawValue, lines: &mut crate::format::LineCounter| {
        lines.line_at((item.get().as_ptr() as usize - text.as_ptr() as usize) as u64)
    };
    let mut present = [false; Field::COUNT];
    for item in &items {
        // Only the keys are read here; the values are skipped unparsed.
        let Keys(given) = serde_json::from_str(item.get())
            .map_err(|_| syntax(line_of(item, &mut lines), "expected an object with the submission's fields".into()))?;
        let columns: Vec<String> = given.iter().map(|k| column_key(k)).collect();
        if let Some(message) = key_twice(&given, &columns) {
            return Err(syntax(line_of(item, &mut lines), message));
        }
        for (field, key, _) in &keys {
            present[*field as usize] |= columns.contains(key);
        }
    }
    let mut notes = Vec::new();
    for (field, key, explicit) in &keys {
        if items.is_empty() || present[*field as usize] {
            continue;
        }
        notes.extend(super::absent(*field, key, *explicit, source_name, || "no object has that key".into())?);
    }
    for item in &items {
        let line = line_of(item, &mut lines);
        let object: serde_json::Map<String, Value> = serde_json::from_str(item.get())
            .map_err(|_| syntax(line, "expected an object with the submission's fields".into()))?;
        let by_key: Vec<(String, &Value)> = object.iter().map(|(k, v)| (column_key(k), v)).collect();
        let mut row = RawRow { line, ..RawRow::default() };
        for (field, key, _) in &keys {
            if let Some(cell) = by_key.iter().find(|(k, _)| k == key).and_then(|(_, v)| cell(v)) {
                row.set(*field, cell);
            }
        }
        out.push(row);
    }
    Ok(notes)
}

fn cell(value: &Value) -> Option<Cell> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(Cell::Text(s.clone())),
        Value::Number(n) => Some(Cell::Text(n.to_string())),
        Value::Bool(b) => Some(Cell::Text(b.to_string())),
        Value::Array(items) => Some(Cell::List(
            items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect(),
        )),
        // An object where text was expected: keep it as its JSON, which validation then shows.
        Value::Object(_) => Some(Cell::Text(value.to_string())),
    }
}

/// An object's key given twice (or twice in different case, which names one column), said: the
/// row's meaning would be left to whichever comes last, so it is refused, as score files refuse
/// theirs. `columns` are the `given` keys as column names.
fn key_twice(given: &[String], columns: &[String]) -> Option<String> {
    let (second, first) =
        columns.iter().enumerate().find_map(|(i, k)| Some((i, columns[..i].iter().position(|e| e == k)?)))?;
    Some(if given[first] == given[second] {
        format!("this object has the key {:?} twice: give each key once", clean_line(&given[first]))
    } else {
        format!(
            "this object has the keys {:?} and {:?}, one column twice: give each key once",
            clean_line(&given[first]),
            clean_line(&given[second])
        )
    })
}

/// An object's keys, in order and with any repeats, its values skipped unparsed (a map would
/// keep one of two equal keys and say nothing).
struct Keys(Vec<String>);

impl<'de> serde::Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Keys, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(key.into_owned());
                }
                Ok(Keys(keys))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}
