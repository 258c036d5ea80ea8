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
                crate::format::first_few(&all, 8, ", ")
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
    let delimiter = config.export.delimiter.bytes().next().unwrap_or(b',');
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

/// Calls `each` with every record that has as many fields as the header (`header_len`) and the
/// line it starts on, reusing one record's memory; a record with more or fewer is a broken row
/// of `out` ([`Validator::broken`]), not handed on. Says on which line the file stops being CSV.
pub(super) fn each_record(
    reader: &mut csv::Reader<&[u8]>,
    source_name: &str,
    header_len: usize,
    lines: &mut LineCounter,
    out: &mut Validator,
    mut each: impl FnMut(usize, &csv::StringRecord, &mut Validator),
) -> Result<(), ExportError> {
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| syntax(e, source_name, lines))? {
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.len() == header_len {
            each(line, &record, out);
        } else {
            out.broken(Place::line(line), wrong_fields(record.len(), header_len));
        }
    }
    Ok(())
}

/// What a row with `len` fields where the header has `header_len` says, and where to look.
fn wrong_fields(len: usize, header_len: usize) -> String {
    let cause = if len > header_len { "a delimiter" } else { "a line break" };
    format!(
        "has {} where the header has {header_len}, so its cells are not in their columns and it was not read: look for a stray quote, or {cause} inside a field that is not in quotes",
        crate::format::count(len, "field", "fields"),
    )
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
    each_record(&mut reader, source_name, header.len(), lines, out, |line, record, out| {
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
