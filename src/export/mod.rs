//! The organizers' shared export: CSV, JSON or Devpost's CSV, read into submissions.
//!
//! Reading has three kinds of failure. A file that cannot be read as a whole (not text, broken
//! JSON, a quote that never closes, a missing required column) gives an [`ExportError`] and
//! nothing is imported. A row that is readable but wrong (no id, a `javascript:` link, a
//! duplicate id) gives a [`RowProblem`] naming its place (a CSV's line, a JSON item), and the
//! other rows still import. Between them, a CSV row that cannot be read as the header's columns
//! (more or fewer fields than the header, or rows taken into one field between two stray quotes)
//! is a [`RowProblem`] of its own kind ([`BROKEN_ROW`]) and the reading goes on, so that every
//! problem of the file is found in one pass; but a file with such a row is broken, and [`parse`]
//! refuses it whole, saying them all ([`ExportError::Broken`]). [`parse_every_problem`] reads it
//! anyway, for `judging check`.

mod csv;
mod devpost;
pub mod guard;
mod json;
mod place;
pub mod source;
mod validate;

use std::collections::HashMap;

pub use place::Place;

use crate::config::{Config, Format};
use crate::model::Submission;

/// A submission's fields, in the order of `[export.columns]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Team,
    Members,
    Space,
    Video,
    Post,
    Description,
    Track,
    Tags,
    Models,
    Params,
    /// The Space's SDK (gradio, streamlit, docker, static).
    Sdk,
    /// The Space's likes, for a Community Choice award.
    Likes,
}

impl Field {
    pub const COUNT: usize = 14;
    pub const ALL: [Field; Field::COUNT] = [
        Field::Id,
        Field::Title,
        Field::Team,
        Field::Members,
        Field::Space,
        Field::Video,
        Field::Post,
        Field::Description,
        Field::Track,
        Field::Tags,
        Field::Models,
        Field::Params,
        Field::Sdk,
        Field::Likes,
    ];

    /// Its key under `[export.columns]`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Team => "team",
            Field::Members => "members",
            Field::Space => "space",
            Field::Video => "video",
            Field::Post => "post",
            Field::Description => "description",
            Field::Track => "track",
            Field::Tags => "tags",
            Field::Models => "models",
            Field::Params => "params",
            Field::Sdk => "sdk",
            Field::Likes => "likes",
        }
    }

    /// What the field is, in a judge's words.
    pub fn noun(self) -> &'static str {
        match self {
            Field::Space => "Space link",
            Field::Video => "video link",
            Field::Post => "social post link",
            Field::Params => "declared parameter count",
            other => other.key(),
        }
    }

    /// The fields without which a row cannot be judged.
    pub fn required(self) -> bool {
        matches!(self, Field::Id | Field::Title | Field::Space)
    }

    fn configured(self, columns: &crate::config::Columns) -> Option<&str> {
        let c = columns;
        match self {
            Field::Id => c.id.as_deref(),
            Field::Title => c.title.as_deref(),
            Field::Team => c.team.as_deref(),
            Field::Members => c.members.as_deref(),
            Field::Space => c.space.as_deref(),
            Field::Video => c.video.as_deref(),
            Field::Post => c.post.as_deref(),
            Field::Description => c.description.as_deref(),
            Field::Track => c.track.as_deref(),
            Field::Tags => c.tags.as_deref(),
            Field::Models => c.models.as_deref(),
            Field::Params => c.params.as_deref(),
            Field::Sdk => c.sdk.as_deref(),
            Field::Likes => c.likes.as_deref(),
        }
    }

    /// The column a plain CSV or JSON export uses when judging.toml names none.
    fn default_column(self) -> &'static str {
        match self {
            Field::Space => "space_url",
            Field::Video => "video_url",
            Field::Post => "post_url",
            Field::Params => "total_params",
            other => other.key(),
        }
    }
}

/// One field's value in a row, before validation.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A JSON array, or a list built by a preset.
    List(Vec<String>),
}

/// One row of the export, its fields picked out by the column mapping.
#[derive(Debug, Clone, Default)]
pub struct RawRow {
    /// Where the row starts: a CSV's line, counting from 1 with the header; a JSON item.
    pub at: Place,
    pub cells: [Option<Cell>; Field::COUNT],
}

impl RawRow {
    fn set(&mut self, field: Field, cell: Cell) {
        self.cells[field as usize] = Some(cell);
    }
}

/// A row problem: the row named was rejected (an error) or imported with a caveat (a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub at: Place,
    pub id: Option<String>,
    pub error: bool,
    /// What kind of problem, in a few words ("duplicate id", "bad link"): problems of one kind
    /// are condensed when there are many.
    pub kind: &'static str,
    pub message: String,
}

/// The kind of a CSV row that cannot be read as the header's columns (a stray quote, a delimiter
/// or line break not in quotes): what its cells hold cannot be told, so the row is not read, and
/// the file is refused until it is mended.
pub const BROKEN_ROW: &str = "not in the header's columns";

impl RowProblem {
    /// Whether the row could not be read at all ([`BROKEN_ROW`]).
    pub fn broken(&self) -> bool {
        self.kind == BROKEN_ROW
    }
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.error { "rejected" } else { "warning" };
        let id = self.id.as_deref().map(|id| format!(" ({})", crate::sanitize::clean_line(id))).unwrap_or_default();
        write!(f, "{}{id}: {kind}: {}", self.at, crate::sanitize::clean_line(&self.message))
    }
}

/// The problems as lines to print, by the one rule every list of alike problems follows
/// ([`crate::format::condensed`]): the rejections, then the warnings, each kind's first few rows
/// said whole, then one line counting the rest of that kind's rows and naming their places
/// ("... and 996 more rejected rows of this kind (duplicate id), on lines 5, 6 ..."): 100,000
/// duplicate rows are four lines, not 100,000. A row's problems of one kind are one line (a row
/// with three bad links is one row rejected, not three of the few shown).
pub fn condensed(problems: &[RowProblem]) -> Vec<String> {
    let rejected = crate::format::Of { one: "rejected row", many: "rejected rows", on: ("", "") };
    let warned = crate::format::Of { one: "row with a warning", many: "rows with warnings", on: ("", "") };
    let mut lines = Vec::new();
    for (error, of) in [(true, rejected), (false, warned)] {
        let rows = by_row(problems.iter().filter(|p| p.error == error));
        let Some(first) = rows.first() else { continue };
        // A CSV's rows are lines, a JSON export's items ("on items [4], [5]").
        let (one, many) = (format!("on {}", first.at.noun(false)), format!("on {}", first.at.noun(true)));
        let said: Vec<crate::format::Problem> = rows
            .iter()
            .map(|row| crate::format::Problem { at: row.at.short(), kind: row.kind.to_owned(), said: row.to_string() })
            .collect();
        lines.extend(crate::format::condensed(&said, crate::format::Of { on: (&one, &many), ..of }));
    }
    lines
}

/// `problems` with each row's problems of one kind made one, their messages joined by "; ", in
/// the order of each row's first.
fn by_row<'p>(problems: impl Iterator<Item = &'p RowProblem>) -> Vec<RowProblem> {
    let mut rows: Vec<RowProblem> = Vec::new();
    for p in problems {
        // A row's problems come together: only the last row's are looked through.
        match rows.iter_mut().rev().take_while(|r| r.at == p.at).find(|r| r.kind == p.kind) {
            Some(row) => {
                row.message.push_str("; ");
                row.message.push_str(&p.message);
            }
            None => rows.push(p.clone()),
        }
    }
    rows
}

/// What an export holds, once read and checked.
#[derive(Debug, Default)]
pub struct Parsed {
    pub submissions: Vec<Submission>,
    pub problems: Vec<RowProblem>,
    /// Every id the export names, with the place it first appears at, including rows that were
    /// rejected: an entry whose row is broken for now is not withdrawn.
    pub ids_seen: HashMap<String, Place>,
    /// Devpost drafts, which are not submissions yet.
    pub drafts_skipped: usize,
    /// About the file as a whole: mapped columns it does not have.
    pub notes: Vec<String>,
    /// The format it was read as.
    pub format: Option<Format>,
}

impl Parsed {
    /// The rows rejected (a row with two faults is one row).
    pub fn rejected(&self) -> usize {
        // By place, not line: every item of a JSON export on one line is on line 1.
        let mut rows: Vec<Place> = self.problems.iter().filter(|p| p.error).map(|p| p.at).collect();
        rows.dedup();
        rows.len()
    }

    /// The warnings about rows that were imported.
    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| !p.error).count()
    }

    /// The rows that could not be read at all ([`BROKEN_ROW`]); they are among [`Self::rejected`].
    pub fn broken(&self) -> usize {
        self.problems.iter().filter(|p| p.broken()).count()
    }
}

/// The export could not be read as a whole; nothing from it was imported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{source_name} is empty: an export needs a header line and one row per submission")]
    Empty { source_name: String },
    #[error(
        "{source_name} is not UTF-8 text (line {line}, byte {byte}): is it the right file? Save it as UTF-8 CSV or JSON"
    )]
    NotText { source_name: String, line: usize, byte: usize },
    #[error(
        "{source_name} has a NUL byte (line {line}, byte {byte}): text never does, so this looks like a binary file (a spreadsheet, an archive); export it as CSV or JSON"
    )]
    Nul { source_name: String, line: usize, byte: usize },
    #[error("{source_name}: {at}: {message}")]
    Syntax { source_name: String, at: Place, message: String },
    #[error(
        "{source_name}: no column {column:?} for the submission's {field} (export.columns.{field}); its columns are: {found}"
    )]
    MissingColumn { source_name: String, field: &'static str, column: String, found: String },
    /// Rows that cannot be read as the header's columns: the file is refused whole, every problem
    /// of it said.
    #[error("{}. Every problem of the file:\n  {}", broken_headline(source_name, *broken), problems.join("\n  "))]
    Broken {
        source_name: String,
        broken: usize,
        /// The file's problems, broken rows and all, as [`condensed`] says them.
        problems: Vec<String>,
    },
    #[error("{0}")]
    Source(#[from] source::SourceError),
}

impl ExportError {
    /// The error in one line, where there is no room for a list: a file refused for its broken
    /// rows is said without them.
    pub fn headline(&self) -> String {
        match self {
            ExportError::Broken { source_name, broken, .. } => broken_headline(source_name, *broken),
            other => other.to_string(),
        }
    }
}

/// What a file refused for its broken rows says first.
fn broken_headline(source_name: &str, broken: usize) -> String {
    format!(
        "{source_name}: {} be read as the header's columns, so nothing was imported: look for a stray quote, or a delimiter or line break inside a field that is not in quotes",
        crate::format::count(broken, "row cannot", "rows cannot")
    )
}

/// Reads `text` as the configured format into submissions and row problems; a file with a row
/// that cannot be read as the header's columns is refused ([`ExportError::Broken`]).
pub fn parse(text: &str, source_name: &str, config: &Config) -> Result<Parsed, ExportError> {
    refuse_broken(parse_every_problem(text, source_name, config)?, source_name)
}

/// As [`parse`], but a file with rows that cannot be read as the header's columns is read, not
/// refused:
/// they are among its problems ([`RowProblem::broken`]), beside every other row's, as `judging
/// check` lists them.
pub fn parse_every_problem(text: &str, source_name: &str, config: &Config) -> Result<Parsed, ExportError> {
    let mut submissions = Vec::new();
    let mut parsed = read(text, source_name, config, &mut |s| submissions.push(s))?;
    parsed.submissions = submissions;
    Ok(parsed)
}

/// As [`parse`], handing each valid submission to `each` as soon as it is read, so that a
/// consumer on another thread can store it while the rest is still being read. The returned
/// [`Parsed`] has the problems and ids, and no submissions. A file refused for its broken rows
/// is known only once it is read through: the consumer drops what it was handed.
pub fn parse_each(
    text: &str,
    source_name: &str,
    config: &Config,
    each: &mut dyn FnMut(Submission),
) -> Result<Parsed, ExportError> {
    refuse_broken(read(text, source_name, config, each)?, source_name)
}

/// `parsed`, or the refusal of a file with a row that could not be read ([`BROKEN_ROW`]),
/// saying every problem of it: the broken rows are likely not all, and the others are worth
/// mending in the same pass.
fn refuse_broken(parsed: Parsed, source_name: &str) -> Result<Parsed, ExportError> {
    match parsed.broken() {
        0 => Ok(parsed),
        broken => {
            Err(ExportError::Broken { source_name: source_name.into(), broken, problems: condensed(&parsed.problems) })
        }
    }
}

/// Reads `text` as the configured format, every row, the broken ones among the problems.
fn read(
    text: &str,
    source_name: &str,
    config: &Config,
    each: &mut dyn FnMut(Submission),
) -> Result<Parsed, ExportError> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(ExportError::Empty { source_name: source_name.into() });
    }
    let format = match config.export.format {
        Format::Auto => sniff(source_name, text),
        f => f,
    };
    let columns = &config.export.columns;
    // One row per line at most: sizing for that up front spares the allocator many regrowths.
    let most_rows = text.bytes().filter(|b| *b == b'\n').count() + 1;
    let mut validator = validate::Validator::new(config, most_rows, each);
    let (notes, drafts_skipped) = match format {
        Format::Json => (json::read(text, source_name, columns, &mut validator)?, 0),
        Format::Devpost => devpost::read(text, source_name, config, &mut validator)?,
        Format::Csv | Format::Auto => (csv::read(text, source_name, config, &mut validator)?, 0),
    };
    let mut parsed = validator.finish();
    parsed.notes = notes;
    parsed.drafts_skipped = drafts_skipped;
    parsed.format = Some(format);
    Ok(parsed)
}

/// A column the export does not have: an error for a field no row can be judged without, a note
/// for an optional field judging.toml mapped (`explicit`), and nothing for one it did not.
fn absent(
    field: Field,
    column: &str,
    explicit: bool,
    source_name: &str,
    found: impl FnOnce() -> String,
) -> Result<Option<String>, ExportError> {
    if field.required() {
        return Err(ExportError::MissingColumn {
            source_name: source_name.into(),
            field: field.key(),
            column: column.into(),
            found: found(),
        });
    }
    Ok(explicit.then(|| {
        format!("no column {column:?} (export.columns.{}): no entry will have its {}", field.key(), field.noun())
    }))
}

/// Checks that raw bytes are text, naming the line where they stop being so.
pub fn as_text<'a>(bytes: &'a [u8], source_name: &str) -> Result<&'a str, ExportError> {
    let line = |byte: usize| bytes[..byte].iter().filter(|b| **b == b'\n').count() + 1;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let byte = e.valid_up_to();
        ExportError::NotText { source_name: source_name.into(), line: line(byte), byte }
    })?;
    // NUL never appears in a text export; it marks a binary file that happens to be valid UTF-8.
    match text.find('\0') {
        Some(byte) => Err(ExportError::Nul { source_name: source_name.into(), line: line(byte), byte }),
        None => Ok(text),
    }
}

/// Guesses the format from the name and the first bytes.
fn sniff(source_name: &str, text: &str) -> Format {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('[') || start.starts_with('{') {
        return Format::Json;
    }
    let header = start.lines().next().unwrap_or_default();
    if devpost::is_devpost_header(header) {
        return Format::Devpost;
    }
    let json = std::path::Path::new(source_name)
        .extension()
        .is_some_and(|e| ["json", "jsonl", "ndjson"].iter().any(|j| e.eq_ignore_ascii_case(j)));
    if json { Format::Json } else { Format::Csv }
}

/// Column names compared as people mean them: case, quotes and spacing do not matter.
fn column_key(name: &str) -> String {
    let cleaned: String = name.trim_start_matches('\u{feff}').chars().filter(|c| *c != '"').collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Splits a list of names (members, tags, models): commas, semicolons and newlines separate
/// items. Escape sequences go first: their own ';' would split one name into parts that read as
/// names ("Bob\x1b]52;c;aGVsbG8=\x07" as "Bob", "c", "aGVsbG8=").
fn split_list(raw: &str) -> Vec<String> {
    split_links(&crate::sanitize::clean_block(raw))
}

/// Splits a list of links as given: a link with a control in it is refused by its check, not
/// mended here.
fn split_links(raw: &str) -> Vec<String> {
    raw.split([',', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests;
