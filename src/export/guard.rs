//! A watch on an export's bytes as they arrive: one field that runs on past any real
//! submission's (a quote that opens and never closes, a file pasted into a cell) stops the read
//! there, instead of after the whole file has been taken into memory.
//!
//! It follows the quoting rules the readers do (RFC 4180 for CSV, as the csv crate reads it; JSON
//! strings with their escapes), so that it measures the same fields they will read, and it never
//! copies a byte: it only moves a position along the bytes read so far.

use crate::config::{Config, Format};

/// The most raw bytes one field may take: `max_field_chars` characters of four bytes each, each
/// doubled by quoting, and never less than a MiB. A field under it but over `max_field_chars` only
/// rejects its row, as before; one past it refuses the export.
pub fn field_bytes(max_field_chars: usize) -> u64 {
    (max_field_chars as u64).saturating_mul(8).max(1024 * 1024)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// Before the first byte that says which format this is (a BOM and blanks come first).
    Sniffing,
    /// CSV: at the start of a field, in an unquoted one, in a quoted one, just after a quote
    /// inside a quoted one.
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
    /// JSON: between strings, in a string, just after a backslash in one.
    Between,
    InString,
    Escaped,
}

pub struct FieldGuard {
    state: State,
    /// Set by judging.toml: JSON, CSV, or `None` to decide from the first byte as the reader does.
    json: Option<bool>,
    delimiter: u8,
    most: u64,
    /// How far the bytes have been read, and where the field being read began.
    pos: usize,
    field_start: usize,
}

/// Where a field ran past the limit: the byte it began at, for its line.
#[derive(Debug, PartialEq)]
pub struct Overlong {
    pub start: usize,
    pub most: u64,
}

impl FieldGuard {
    pub fn new(config: &Config) -> FieldGuard {
        let json = match config.export.format {
            Format::Json => Some(true),
            Format::Csv | Format::Devpost => Some(false),
            Format::Auto => None,
        };
        FieldGuard {
            state: State::Sniffing,
            json,
            delimiter: config.export.delimiter.bytes().next().unwrap_or(b','),
            most: field_bytes(config.export.max_field_chars),
            pos: 0,
            field_start: 0,
        }
    }

    /// Reads on through `bytes` (everything read so far; only the part past the last call is
    /// new) and says whether a field has run past the limit.
    pub fn check(&mut self, bytes: &[u8]) -> Result<(), Overlong> {
        while self.pos < bytes.len() {
            self.step(bytes)?;
        }
        let open = matches!(self.state, State::Unquoted | State::Quoted | State::QuoteInQuoted | State::InString);
        let open = open || self.state == State::Escaped;
        if open && (bytes.len() - self.field_start) as u64 > self.most {
            return Err(Overlong { start: self.field_start, most: self.most });
        }
        Ok(())
    }

    /// Moves past one run of bytes that cannot change the state, then past the byte that does;
    /// a field that ends there is measured.
    fn step(&mut self, bytes: &[u8]) -> Result<(), Overlong> {
        let rest = &bytes[self.pos..];
        let delimiter = self.delimiter;
        let (skip, next) = match self.state {
            State::Sniffing => {
                let blank = rest.iter().take_while(|b| b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF));
                let skip = blank.count();
                if skip == rest.len() {
                    self.pos = bytes.len();
                    return Ok(());
                }
                let json = self.json.unwrap_or(matches!(rest[skip], b'[' | b'{'));
                self.pos += skip;
                self.field_start = self.pos;
                self.state = if json { State::Between } else { State::FieldStart };
                return Ok(());
            }
            State::FieldStart => (0, rest[0]),
            // A row ends at \n, \r or \r\n, as the csv crate reads rows.
            State::Unquoted => found(rest, memchr::memchr3(delimiter, b'\n', b'\r', rest)),
            State::Quoted | State::Between => found(rest, memchr::memchr(b'"', rest)),
            State::QuoteInQuoted | State::Escaped => (0, rest[0]),
            State::InString => found(rest, memchr::memchr2(b'"', b'\\', rest)),
        };
        if skip == rest.len() {
            self.pos = bytes.len();
            return Ok(());
        }
        let at = self.pos + skip;
        self.pos = at + 1;
        let ends = match (self.state, next) {
            (State::Unquoted | State::QuoteInQuoted, b) => b == delimiter || b == b'\n' || b == b'\r',
            (State::InString, b) => b == b'"',
            _ => false,
        };
        if ends && (self.pos - self.field_start) as u64 > self.most.saturating_add(1) {
            return Err(Overlong { start: self.field_start, most: self.most });
        }
        self.state = match (self.state, next) {
            (State::FieldStart, b'"') => State::Quoted,
            (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b)
                if b == delimiter || b == b'\n' || b == b'\r' =>
            {
                self.field_start = self.pos;
                State::FieldStart
            }
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::FieldStart | State::QuoteInQuoted, _) => State::Unquoted,
            (State::Quoted, _) => State::QuoteInQuoted,
            (State::Between, _) => {
                self.field_start = at;
                State::InString
            }
            (State::InString, b'\\') => State::Escaped,
            (State::InString, _) => State::Between,
            (State::Escaped, _) => State::InString,
            (state, _) => state,
        };
        Ok(())
    }
}

/// A watch for [`crate::disk::read_watched`] and [`crate::net::read_body`]: says on which line
/// a field ran past the limit, and for JSON at which column (an export on one line is all line
/// 1), and what to look for.
pub fn watch(config: &Config) -> impl FnMut(&[u8]) -> Result<(), String> + use<> {
    let mut guard = FieldGuard::new(config);
    move |bytes| {
        guard.check(bytes).map_err(|o| {
            let json = matches!(guard.state, State::Between | State::InString | State::Escaped);
            let line = line_of(bytes, o.start);
            let at = if json { format!("line {line}, column {}", column_of(bytes, o.start)) } else { format!("line {line}") };
            format!(
                "{at}: a field runs on past {} MiB, longer than any submission's can be (export.max_field_chars): look for a quote that opens a field and never closes, or raise export.max_field_chars if a field truly is that long; nothing was read further, nothing was stored",
                o.most.div_ceil(1024 * 1024)
            )
        })
    }
}

/// The line on which a quote opens a CSV field and never closes, if one does. A CSV reader takes
/// the rest of the text as that one field, and the rows after it with it, without a word: a
/// judge's next score would land in a note, an export's next entries would be withdrawn.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    // No limit on a field's length here: the text is in hand, and only its end is in question.
    // A byte order mark is not part of the first field, as the csv crate reads it.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut guard = FieldGuard {
        state: State::FieldStart,
        json: Some(false),
        delimiter,
        most: u64::MAX / 2,
        pos: start,
        field_start: start,
    };
    guard.check(text.as_bytes()).ok()?;
    (guard.state == State::Quoted).then(|| line_of(text.as_bytes(), guard.field_start))
}

/// The line `at` is on, 1 first, with lines ended by \n, \r or \r\n, as the csv crate ends rows.
fn line_of(bytes: &[u8], at: usize) -> usize {
    let before = &bytes[..at];
    let lone_returns =
        before.iter().enumerate().filter(|(i, b)| **b == b'\r' && bytes.get(i + 1) != Some(&b'\n')).count();
    before.iter().filter(|b| **b == b'\n').count() + lone_returns + 1
}

/// The column (from 1, in characters, as [`super::Place`] counts) of byte `at` on its line.
fn column_of(bytes: &[u8], at: usize) -> usize {
    let line = &bytes[..at.min(bytes.len())];
    let line = line.iter().rposition(|b| matches!(b, b'\n' | b'\r')).map_or(line, |end| &line[end + 1..]);
    1 + line.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

/// A CSV reader over `text`, for every CSV the app reads (exports, sheets of scores, prize
/// values), or the line on which a quote opens and never closes, with what to say of it.
pub fn csv_reader(text: &str, delimiter: u8, flexible: bool) -> Result<csv::Reader<&[u8]>, (usize, &'static str)> {
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err((
            line,
            "a quote opens a field here and never closes, so every line after it would be read as part of that one field; close the quote (a quote inside a quoted field is written twice, \"\"); nothing was read",
        ));
    }
    Ok(csv::ReaderBuilder::new().delimiter(delimiter).flexible(flexible).from_reader(text.as_bytes()))
}

/// A row with more cells than its header names, said: `None` when it fits. More cells are a
/// comma not in quotes, in a note or in a decimal written with a comma ("5,5"), and reading the
/// row's first cells would cut the value at the comma in silence. The one rule every reader of a
/// CSV file judging is given applies (a score sheet, a prize's values); the caller adds the file,
/// the line and what its own rows hold. Fewer cells are left to the caller, as a spreadsheet
/// leaves empty cells off.
pub fn extra_cells(record: &csv::StringRecord, header_cells: usize) -> Option<String> {
    if record.len() <= header_cells {
        return None;
    }
    let mut said = format!("the row has {} cells where the header has {header_cells}", record.len());
    let whole = |cell: &str| !cell.trim().is_empty() && cell.trim().chars().all(|c| c.is_ascii_digit());
    let cells: Vec<&str> = record.iter().collect();
    // From the right: the values follow the id, which may be digits too.
    if let Some(pair) = cells.windows(2).rfind(|pair| whole(pair[0]) && whole(pair[1])) {
        let (int, frac) = (pair[0].trim(), pair[1].trim());
        said.push_str(&format!(
            "; {} looks like a decimal written with a comma: decimals take a point ({int}.{frac})",
            crate::sanitize::in_quotes(&format!("{int},{frac}"))
        ));
    }
    Some(said)
}

/// How many bytes of `rest` come before the one found at `at`, and that byte; all of them if none
/// was found.
fn found(rest: &[u8], at: Option<usize>) -> (usize, u8) {
    match at {
        Some(i) => (i, rest[i]),
        None => (rest.len(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(format: Format) -> Config {
        let mut config = Config::builtin();
        config.export.format = format;
        config.export.max_field_chars = 100;
        config
    }

    /// Feeds `text` in pieces of `piece` bytes, as reads deliver it.
    fn guard(text: &str, format: Format, most: u64, piece: usize) -> Result<(), Overlong> {
        let mut guard = FieldGuard::new(&config(format));
        guard.most = most;
        let bytes = text.as_bytes();
        let mut end = 0;
        while end < bytes.len() {
            end = (end + piece).min(bytes.len());
            guard.check(&bytes[..end])?;
        }
        Ok(())
    }

    /// The largest limit a field can be given is no overflow when a field ends (it had been
    /// `most + 1`, a panic on a judging.toml's max_field_chars of 2^63 - 1).
    #[test]
    fn the_largest_limit_holds_every_field() {
        let mut config = config(Format::Csv);
        config.export.max_field_chars = usize::MAX;
        let mut guard = FieldGuard::new(&config);
        assert_eq!(guard.check(b"id,title\na,\"b\"\n"), Ok(()));
    }

    #[test]
    fn a_quote_that_never_closes_is_found_on_the_line_it_opens() {
        let cases: &[(&str, u8, Option<usize>)] = &[
            ("judge,id,note\nana,a,\"good\nana,b,fine\n", b',', Some(2)),
            ("id,t\n1,ok\n2,ok\n3,\"never closed", b',', Some(4)),
            ("id;t\n1;\"a;b\n2;c\n", b';', Some(2)),
            // Closed quotes, doubled quotes, a quote inside an unquoted field, a quoted line break.
            ("id,t\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n", b',', None),
            ("id,t\n1,5\" wide\n2,ok\n", b',', None),
            ("id,t\n1,\"two\nlines\"\n2,ok", b',', None),
            ("id,t\n1,\"ends closed\"", b',', None),
            ("", b',', None),
            // Rows ended by a lone \r (old Mac CSV) or \r\n, and a byte order mark first.
            ("title,id\r\"Stop, Look,\",a1\rPoet,a2\r", b',', None),
            ("id,t\r1,ok\r\"2,x\r3,y\r", b',', Some(3)),
            ("id,t\r\n1,ok\r\n2,\"x\r\n3,y\r\n", b',', Some(3)),
            ("\u{feff}\"x,\"\n1\n", b',', None),
            ("\u{feff}\"x,\n1\n", b',', Some(1)),
        ];
        for (text, delimiter, line) in cases {
            assert_eq!(unclosed_quote(text, *delimiter), *line, "{text:?}");
        }
    }

    #[test]
    fn fields_within_the_limit_pass_and_the_first_past_it_is_found_where_it_began() {
        let long = "x".repeat(11);
        let cases: &[(&str, String, Format, Option<usize>)] = &[
            ("short CSV fields", "id,title\n1,abc\n2,\"a,b\"\"c\"\n".into(), Format::Auto, None),
            ("a long unquoted CSV field", format!("id,title\n1,{long}\n"), Format::Auto, Some(11)),
            ("a quote never closed", "id,title\n1,\"abc\n2,def\n3,ghi\n".into(), Format::Auto, Some(11)),
            ("doubled quotes stay inside", "id,t\n1,\"a\"\"b\"\"c\"\n".into(), Format::Csv, None),
            ("a quote mid-field is a letter", "id,t\n1,5\" wide\n2,ok\n".into(), Format::Auto, None),
            ("delimiters in quotes do not end it", "t\n\"a,b,c,d,e,f\"\n".into(), Format::Csv, Some(2)),
            ("short JSON strings", r#"[{"id":"1","title":"a\"b"}]"#.into(), Format::Auto, None),
            ("a long JSON string", format!(r#"[{{"id":"1","title":"{long}"}}]"#), Format::Auto, Some(19)),
            ("escapes do not end a string", r#"[{"t":"ab\"cdefghij"}]"#.into(), Format::Json, Some(6)),
            ("a BOM and blanks first", format!("\u{feff}  [{{\"t\":\"{long}\"}}]"), Format::Auto, Some(11)),
        ];
        for (what, text, format, start) in cases {
            for piece in [1, 3, 1000] {
                let found = guard(text, *format, 10, piece).err().map(|o| o.start);
                assert_eq!(found, *start, "{what}, read {piece} bytes at a time");
            }
        }
    }

    #[test]
    fn a_runaway_json_field_is_said_by_its_line_and_column() {
        let mut config = config(Format::Auto);
        config.export.max_field_chars = 1;
        let most = usize::try_from(field_bytes(1)).expect("a MiB");
        let text = format!("[{{\"t\":\"é\"}},\n {{\"é\":1, \"t\":\"{}\"}}]", "x".repeat(most + 2));
        // The value's opening quote, the é of its line counted as one character.
        let said = watch(&config)(text.as_bytes()).expect_err("too long");
        assert!(said.starts_with("line 2, column 14: a field runs on past 1 MiB"), "{said}");
        let csv = format!("id,t\n1,{}\n", "x".repeat(most + 2));
        let said = watch(&config)(csv.as_bytes()).expect_err("too long");
        assert!(said.starts_with("line 2: a field"), "{said}");
    }

    #[test]
    fn the_limit_follows_max_field_chars_and_is_never_below_a_mib() {
        assert_eq!(field_bytes(100), 1024 * 1024);
        assert_eq!(field_bytes(1_000_000), 8_000_000);
    }
}
