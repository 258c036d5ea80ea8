//! A JSON export: an array of objects, one per submission, or JSON Lines (one object a line).
//! Each row and each fault is named by its item in the list and the line and column it starts
//! at ([`Place`]): an export on one line would otherwise put every fault on line 1.

use std::cell::Cell as Counted;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use super::place::Counter;
use super::validate::Validator;
use super::{Cell, ExportError, Field, Place, RawRow, column_key};
use crate::config::Columns;
use crate::sanitize::in_quotes;

/// Reads a JSON export into `out`; returns the notes on missing keys.
pub(super) fn read(
    text: &str,
    source_name: &str,
    columns: &Columns,
    out: &mut Validator,
) -> Result<Vec<String>, ExportError> {
    let text = text.trim_start_matches('\u{feff}');
    let syntax = |at: Place, message: String| ExportError::Syntax { source_name: source_name.into(), at, message };
    // Borrowed raw items keep their place in the text, which gives each row its line and column.
    let items = items(text).map_err(|(at, message)| syntax(at, message))?;
    let keys: Vec<(Field, String, bool)> = Field::ALL
        .iter()
        .map(|f| {
            let explicit = f.configured(columns);
            (*f, column_key(explicit.unwrap_or(f.default_column())), explicit.is_some())
        })
        .collect();
    let mut counter = Counter::new(text);
    let mut place_of = |index: usize, item: &RawValue| {
        let (line, column) = counter.at(item.get().as_ptr() as usize - text.as_ptr() as usize);
        Place::item(index, line, column)
    };
    let id_key = &keys[Field::Id as usize].1;

    // A key no object has: an error for a required field, a note for an optional one. Checked
    // first, on the keys alone, so a wrong mapping reports once, not once per row, and no row is
    // held in memory waiting for the check: each goes to the validator as soon as it is read.
    let mut present = [false; Field::COUNT];
    for (index, item) in items.iter().enumerate() {
        // Only the keys are read here; the values are skipped unparsed.
        let Keys(given) =
            serde_json::from_str(item.get()).map_err(|_| syntax(place_of(index, item), not_an_object(item, id_key)))?;
        let columns: Vec<String> = given.iter().map(|k| column_key(k)).collect();
        // Its id, read only for a fault, and unless the id is the key given twice, which would
        // make it one of two.
        let id = || match columns.iter().filter(|c| *c == id_key).count() {
            0 | 1 => id_said(item, id_key),
            _ => String::new(),
        };
        if let Some(message) = key_twice(&given, &columns, id) {
            return Err(syntax(place_of(index, item), message));
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
    for (index, item) in items.iter().enumerate() {
        let at = place_of(index, item);
        let object: serde_json::Map<String, Value> =
            serde_json::from_str(item.get()).map_err(|_| syntax(at, not_an_object(item, id_key)))?;
        let by_key: Vec<(String, &Value)> = object.iter().map(|(k, v)| (column_key(k), v)).collect();
        let mut row = RawRow { at, ..RawRow::default() };
        for (field, key, _) in &keys {
            if let Some(cell) = by_key.iter().find(|(k, _)| k == key).and_then(|(_, v)| cell(v)) {
                row.set(*field, cell);
            }
        }
        out.push(row);
    }
    Ok(notes)
}

/// The export's items, unparsed: the array's, or, where the text starts with an object, one a
/// value (JSON Lines). A fault is said from the item it is in ([`fault`]).
fn items(text: &str) -> Result<Vec<&RawValue>, (Place, String)> {
    let base = text.as_ptr() as usize;
    if text.trim_start().starts_with('{') {
        let mut items = Vec::new();
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<&RawValue>();
        while let Some(item) = stream.next() {
            // On JSON Lines an item starts where the one before ended, past blanks.
            let from = stream.byte_offset();
            items.push(item.map_err(|e| fault(text, &e, items.len(), from, None))?);
        }
        if let [one] = items.as_slice()
            && let Some(message) = wrapped(one)
        {
            let (line, _) = Counter::new(text).at(one.get().as_ptr() as usize - base);
            return Err((Place::line(line), message));
        }
        return Ok(items);
    }
    let read = Counted::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    // The first item starts past the list's '[', the first character that is not blank.
    let first = text.len() - text.trim_start().len() + 1;
    let items = Items { read: &read, base, first }.deserialize(&mut de).and_then(|items| de.end().map(|()| items));
    items.map_err(|e| match read.get() {
        // Inside the list: the item being read when it failed, or the one before it.
        Some(Reading::Item { index, from, before }) => fault(text, &e, index, from, before),
        Some(Reading::Done) => {
            let message = format!("not valid JSON: {}: the list has ended, and nothing may follow it", serde_error(&e));
            (fault_place(text, &e), message)
        }
        None if e.is_data() => {
            (fault_place(text, &e), "expected a JSON array of objects, one per submission".to_owned())
        }
        None => (fault_place(text, &e), format!("not valid JSON: {}", serde_error(&e))),
    })
}

/// A fault found while reading item `index`, said as every row is, from the place the item
/// starts, with the fault's own place where it is further on: an item of JSON Lines cut short
/// shows at the next line, and a brace lost in a minified item hundreds of columns into it.
/// `from` is where the item may start (past the item before, whose start is `before`, or past
/// the list's `[`); a fault between two items (a comma missing, or one too many) is said after
/// the one before.
fn fault(text: &str, e: &serde_json::Error, index: usize, from: usize, before: Option<usize>) -> (Place, String) {
    let found = fault_place(text, e);
    let fault_at = byte_offset(text, e.line(), e.column());
    let blank = |at: usize| text.len() - text.get(at..).unwrap_or_default().trim_start().len();
    let mut start = blank(from);
    if before.is_some() && text.get(start..).is_some_and(|rest| rest.starts_with(',')) {
        start = blank(start + 1);
    }
    let said = serde_error(e);
    let mut counter = Counter::new(text);
    if start < fault_at {
        let (line, column) = counter.at(start);
        return (Place::item(index, line, column), format!("not valid JSON at {found}: {said}"));
    }
    match before {
        Some(before) => {
            let (line, column) = counter.at(before);
            (
                Place::item(index.saturating_sub(1), line, column),
                format!("not valid JSON after this item, at {found}: {said}"),
            )
        }
        // The first item, or one of JSON Lines, broken from its first character.
        None if start < text.len() => (Place { item: Some(index), ..found }, format!("not valid JSON: {said}")),
        // The text ends where an item should start.
        None => (found, format!("not valid JSON: {said}")),
    }
}

/// Where serde_json found a fault, as a [`Place`] without an item.
fn fault_place(text: &str, e: &serde_json::Error) -> Place {
    Place { line: e.line(), column: Some(char_column(text, e.line(), e.column())), item: None }
}

/// The byte a line and byte column (from 1, as serde_json gives them) point at.
fn byte_offset(text: &str, line: usize, byte_column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + byte_column.saturating_sub(1)).min(text.len())
}

/// A column as characters, from serde_json's as bytes, so that every column an export's
/// messages give counts alike ([`Place`]). From 1, as editors count: serde_json says column 0
/// for the end of a text after its last newline.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(start) = text.split_inclusive('\n').nth(line.saturating_sub(1)) else { return byte_column.max(1) };
    let bytes = &start.as_bytes()[..byte_column.saturating_sub(1).min(start.len())];
    1 + bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

/// serde_json's message without the place it appends ("at line 1 column 201"), which the
/// error's own place says.
fn serde_error(e: &serde_json::Error) -> String {
    let said = e.to_string();
    match said.rfind(" at line ") {
        Some(cut) => said[..cut].to_owned(),
        None => said,
    }
}

/// A lone object whose key holds the list, as many APIs wrap one (`{"submissions": [...]}`):
/// said, with the key, rather than read as one submission with no id.
fn wrapped(object: &RawValue) -> Option<String> {
    let map: serde_json::Map<String, Value> = serde_json::from_str(object.get()).ok()?;
    let (key, _) = map.iter().find(|(_, v)| v.as_array().is_some_and(|a| a.iter().any(Value::is_object)))?;
    Some(format!(
        "one JSON object whose key {} holds a list: an export is that list itself, a JSON array of objects (or JSON Lines, one object a line)",
        crate::sanitize::in_quotes(key)
    ))
}

/// Where the list reader was when it stopped.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reading {
    /// Reading the item of this index, which starts at or past byte `from`; `before` is where
    /// the item before it starts.
    Item { index: usize, from: usize, before: Option<usize> },
    /// Past the list's end.
    Done,
}

/// Reads the array's items as raw values, keeping count in the cell so that an error names the
/// item it happened in. `base` is the address of the text's first byte, for items' offsets;
/// `first`, the offset past the list's '['.
struct Items<'c> {
    read: &'c Counted<Option<Reading>>,
    base: usize,
    first: usize,
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = Vec<&'de RawValue>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = Vec<&'de RawValue>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON array of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        self.read.set(Some(Reading::Item { index: 0, from: self.first, before: None }));
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            let start = item.get().as_ptr() as usize - self.base;
            items.push(item);
            let from = start + item.get().len();
            self.read.set(Some(Reading::Item { index: items.len(), from, before: Some(start) }));
        }
        self.read.set(Some(Reading::Done));
        Ok(items)
    }
}

/// What an item that is not an object is, said.
fn not_an_object(item: &RawValue, id_key: &str) -> String {
    let found = match item.get().trim_start().as_bytes().first() {
        Some(b'{') => return format!("this object{} cannot be read", id_said(item, id_key)),
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "true or false",
        Some(b'n') => "null",
        _ => "a number",
    };
    format!("expected an object with the submission's fields, found {found}")
}

/// ` (id "x")` for an item whose id can be read, to say after "this object"; else nothing.
fn id_said(item: &RawValue, id_key: &str) -> String {
    let Ok(map) = serde_json::from_str::<serde_json::Map<String, Value>>(item.get()) else { return String::new() };
    let id = map.iter().find(|(k, _)| column_key(k) == id_key).and_then(|(_, v)| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    id.map(|id| format!(" (id {})", crate::sanitize::in_quotes(&id))).unwrap_or_default()
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
/// theirs. `columns` are the `given` keys as column names; `id` says which object, if known.
fn key_twice(given: &[String], columns: &[String], id: impl FnOnce() -> String) -> Option<String> {
    let (second, first) =
        columns.iter().enumerate().find_map(|(i, k)| Some((i, columns[..i].iter().position(|e| e == k)?)))?;
    let id = id();
    Some(if given[first] == given[second] {
        format!("this object{id} has the key {} twice: give each key once", in_quotes(&given[first]))
    } else {
        // Shown as they are: two keys apart only by a tab had read as the same word twice.
        format!(
            "this object{id} has the keys {} and {}, one column twice: give each key once",
            in_quotes(&given[first]),
            in_quotes(&given[second])
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

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
