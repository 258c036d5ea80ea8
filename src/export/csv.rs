//! A plain CSV export (RFC 4180): one header line, then one row per submission.

use super::validate::Validator;
use super::{Cell, ExportError, Field, Place, RawRow, column_key, split_list};
use crate::config::Config;
use crate::format::LineCounter;
use crate::sanitize::in_quotes;

/// Which column index holds each field, from the header.
pub(super) struct Columns {
    index: [Option<usize>; Field::COUNT],
}

impl Columns {
    /// Finds each field's column. A missing required column is an error, unless the format
    /// derives that field (`derived`); a missing optional one is a note for the user.
    pub(super) fn find(
        header: &csv::StringRecord,
        source_name: &str,
        config: &crate::config::Columns,
        default_column: impl Fn(Field) -> Option<&'static str>,
        derived: impl Fn(Field) -> bool,
    ) -> Result<(Self, Vec<String>), ExportError> {
        let keys: Vec<String> = header.iter().map(column_key).collect();
        let mut index = [None; Field::COUNT];
        let mut notes = Vec::new();
        for field in Field::ALL {
            // The mapped column wins when this file has it, else the format's own name for it.
            let explicit = field.configured(config);
            let candidates = [explicit, default_column(field)];
            index[field as usize] = candidates.iter().flatten().find_map(|c| {
                let wanted = column_key(c);
                keys.iter().position(|k| *k == wanted)
            });
            let Some(column) = explicit.or_else(|| default_column(field)) else { continue };
            if index[field as usize].is_some() || derived(field) {
                continue;
            }
            // As they are, what hides in them shown: a header cleaned of its escape had read as
            // the very column the message says is missing.
            let found = || {
                let all: Vec<String> = header.iter().map(in_quotes).collect();
                format!("{}{}", crate::format::first_few(&all, 8, ", "), delimiter_hint(header, column))
            };
            notes.extend(super::absent(field, column, explicit.is_some(), source_name, found)?);
        }
        Ok((Columns { index }, notes))
    }

    pub(super) fn has(&self, field: Field) -> bool {
        self.index[field as usize].is_some()
    }

    pub(super) fn get<'r>(&self, field: Field, record: &'r csv::StringRecord) -> Option<&'r str> {
        self.index[field as usize].and_then(|i| record.get(i))
    }

    pub(super) fn fill(&self, record: &csv::StringRecord, row: &mut RawRow) {
        for field in Field::ALL {
            if let Some(text) = self.get(field, record) {
                let cell = match field {
                    Field::Members | Field::Tags | Field::Models => Cell::List(split_list(text)),
                    _ => Cell::Text(text.trim().to_owned()),
                };
                row.set(field, cell);
            }
        }
    }
}

/// Opens a CSV reader over `text` with the configured delimiter, once every quote is known to
/// close.
pub(super) fn reader<'t>(
    text: &'t str,
    config: &Config,
    source_name: &str,
) -> Result<csv::Reader<&'t [u8]>, ExportError> {
    let delimiter = delimiter(config);
    // Flexible: a row with more or fewer fields than the header is said by `each_record` and the
    // reading goes on, so that every problem of the file is found at once.
    super::guard::csv_reader(text, delimiter, true).map_err(|(line, message)| ExportError::Syntax {
        source_name: source_name.into(),
        at: Place::line(line),
        message: message.into(),
    })
}

pub(super) fn header(reader: &mut csv::Reader<&[u8]>, source_name: &str) -> Result<csv::StringRecord, ExportError> {
    reader.headers().cloned().map_err(|e| syntax(e, source_name, &mut LineCounter::new("")))
}

/// The configured delimiter's byte.
fn delimiter(config: &Config) -> u8 {
    config.export.delimiter.bytes().next().unwrap_or(b',')
}

/// Where the header read as one column that another delimiter splits into columns, `wanted`
/// among them (a file saved with semicolons or tabs): what to set. Such a file had been told
/// only that its one column was "id;title;space_url".
fn delimiter_hint(header: &csv::StringRecord, wanted: &str) -> String {
    let mut cells = header.iter();
    let (Some(only), None) = (cells.next(), cells.next()) else { return String::new() };
    let wanted = column_key(wanted);
    let split =
        [(';', "semicolons", r#"";""#), ('\t', "tabs", r#""\t""#), ('|', "bars", r#""|""#), (',', "commas", r#"",""#)];
    split
        .iter()
        .find(|(c, _, _)| only.contains(*c) && only.split(*c).any(|k| column_key(k) == wanted))
        .map(|(_, by, set)| {
            format!(
                ": the header reads as one column, as if separated by {by}; set delimiter = {set} in judging.toml's [export], or save the file comma-separated"
            )
        })
        .unwrap_or_default()
}

/// Calls `each` with every record that has as many fields as `header` and the line it starts on,
/// reusing one record's memory. A record with more or fewer, or one with a field that holds lines
/// that read as rows of their own ([`rows_inside`]), is a broken row of `out`
/// ([`Validator::broken`]), not handed on. Says on which line the file stops being CSV.
pub(super) fn each_record(
    reader: &mut csv::Reader<&[u8]>,
    source_name: &str,
    header: &csv::StringRecord,
    config: &Config,
    lines: &mut LineCounter,
    out: &mut Validator,
    mut each: impl FnMut(usize, &csv::StringRecord, &mut Validator),
) -> Result<(), ExportError> {
    let (header_len, delimiter) = (header.len(), delimiter(config));
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| syntax(e, source_name, lines))? {
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        match broken(&record, header_len, delimiter, line) {
            Some(said) => out.broken(Place::line(line), said),
            None => each(line, &record, out),
        }
    }
    Ok(())
}

/// What is wrong with a record, starting on `line`, that cannot be read as the header's columns:
/// more or fewer fields than `header_len`, or a field holding lines that read as rows of their
/// own; `None` for a record that can.
fn broken(record: &csv::StringRecord, header_len: usize, delimiter: u8, line: usize) -> Option<String> {
    let count = crate::format::count;
    let fields = count(record.len(), "field", "fields");
    let inside = rows_inside(record, header_len, delimiter);
    if inside > 0 {
        let breaks: usize = record.iter().map(|field| field.lines().count().saturating_sub(1)).sum();
        let end = line + breaks;
        let counted = if record.len() == header_len {
            String::new()
        } else {
            format!("has {fields} where the header has {header_len} and ")
        };
        return Some(format!(
            "{counted}runs from line {line} to line {end}, taking {} into one field, so it was not read: look for a stray quote on line {line} and another on line {end}",
            count(inside, "line that reads as a row", "lines that read as rows")
        ));
    }
    (record.len() != header_len).then(|| {
        let cause = if record.len() > header_len { "a delimiter" } else { "a line break" };
        format!(
            "has {fields} where the header has {header_len}, so its cells are not in their columns and it was not read: look for a stray quote, or {cause} inside a field that is not in quotes"
        )
    })
}

/// How many lines inside the record's fields have as many fields as a row (the delimiter the
/// header's number of fields less one times), the first and last line of each field
/// aside (the rest of the line its quote opens on, the start of the one it closes on): rows a
/// stray quote took into one field up to the next stray quote, which the reader takes as a quoted
/// field. A description with such a line is unlikely where a row has 4 fields or more, and where
/// it has fewer it is not looked for.
fn rows_inside(record: &csv::StringRecord, header_len: usize, delimiter: u8) -> usize {
    if header_len < 4 {
        return 0;
    }
    // Exactly a row's delimiters: a row a stray quote takes holds no quote of its own (its first
    // quote would have closed the field), so its delimiters are all its fields' (a prose line with
    // a list of more, or a pasted table of other columns, is no such row).
    let row_like = |line: &str| line.bytes().filter(|b| *b == delimiter).count() + 1 == header_len;
    record
        .iter()
        .filter(|field| field.contains(['\n', '\r']))
        .map(|field| {
            let inner: Vec<&str> = field.lines().collect();
            inner.get(1..inner.len().saturating_sub(1)).unwrap_or_default().iter().filter(|l| row_like(l)).count()
        })
        .sum()
}

/// Reads a plain CSV export into `out`; returns the notes on missing columns.
pub(super) fn read(
    text: &str,
    source_name: &str,
    config: &Config,
    out: &mut Validator,
) -> Result<Vec<String>, ExportError> {
    let mut reader = reader(text, config, source_name)?;
    let header = header(&mut reader, source_name)?;
    let (columns, notes) =
        Columns::find(&header, source_name, &config.export.columns, |f| Some(f.default_column()), |_| false)?;
    let lines = &mut LineCounter::new(text);
    each_record(&mut reader, source_name, &header, config, lines, out, |line, record, out| {
        let mut row = RawRow { at: Place::line(line), ..RawRow::default() };
        columns.fill(record, &mut row);
        out.push(row);
    })?;
    Ok(notes)
}

/// Says on which line the file stops being CSV.
fn syntax(error: csv::Error, source_name: &str, lines: &mut LineCounter) -> ExportError {
    let line = error.position().map_or(0, |p| lines.line_at(p.byte()));
    ExportError::Syntax { source_name: source_name.into(), at: Place::line(line), message: error.to_string() }
}
