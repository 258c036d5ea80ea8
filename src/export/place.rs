//! Where a row, or a fault, is in its export, said so the organizer can find it. A CSV row is its
//! line. A JSON export may be one line (a Hub listing, a minified download), where "line 1"
//! would name every row: a JSON row is its item in the list, `[4]` as `jq '.[4]'` reads it, with
//! the line and column it starts at.

/// A place in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Place {
    /// From 1, as an editor counts.
    pub line: usize,
    /// From 1, in characters; known for JSON.
    pub column: Option<usize>,
    /// The index in a JSON list, from 0.
    pub item: Option<usize>,
}

impl Place {
    /// A CSV row's, or any fault known only by its line.
    pub fn line(line: usize) -> Place {
        Place { line, column: None, item: None }
    }

    /// A JSON item's.
    pub fn item(item: usize, line: usize, column: usize) -> Place {
        Place { line, column: Some(column), item: Some(item) }
    }

    /// The short name of one of several places listed together: `12` of "lines 12, 13", `[4]`
    /// of "items [4], [5]".
    pub fn short(&self) -> String {
        match self.item {
            Some(item) => format!("[{item}]"),
            None => self.line.to_string(),
        }
    }

    /// What places of this kind are called, one or many.
    pub fn noun(&self, many: bool) -> &'static str {
        match (self.item.is_some(), many) {
            (true, false) => "item",
            (true, true) => "items",
            (false, false) => "line",
            (false, true) => "lines",
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = match self.column {
            Some(column) => format!("line {}, column {column}", self.line),
            None => format!("line {}", self.line),
        };
        match self.item {
            Some(item) => write!(f, "item [{item}] at {at}"),
            None => f.write_str(&at),
        }
    }
}

/// Lines and columns of byte offsets that come in order, each counting only the text since the
/// one before (a 10,000-item export on one line is read once, not once an item).
pub struct Counter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
    column: usize,
}

impl<'a> Counter<'a> {
    pub fn new(text: &'a str) -> Self {
        Counter { text: text.as_bytes(), at: 0, line: 1, column: 1 }
    }

    /// The line and column (from 1, in characters) of byte `offset`.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            (self.at, self.line, self.column) = (0, 1, 1);
        }
        let span = &self.text[self.at..offset];
        // Characters, not bytes: a UTF-8 continuation byte starts none.
        let chars = |bytes: &[u8]| bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count();
        match span.iter().rposition(|b| *b == b'\n') {
            Some(last) => {
                self.line += span.iter().filter(|b| **b == b'\n').count();
                self.column = 1 + chars(&span[last + 1..]);
            }
            None => self.column += chars(span),
        }
        self.at = offset;
        (self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_said_as_an_editor_and_jq_find_them() {
        assert_eq!(Place::line(12).to_string(), "line 12");
        assert_eq!(Place::item(4, 1, 523).to_string(), "item [4] at line 1, column 523");
        assert_eq!((Place::line(12).short(), Place::item(4, 1, 5).short()), ("12".into(), "[4]".into()));
        assert_eq!((Place::line(1).noun(true), Place::item(0, 1, 1).noun(false)), ("lines", "item"));
    }

    #[test]
    fn the_counter_counts_lines_and_characters_in_one_pass() {
        let text = "ab\ncé{x\r\n  {y";
        let mut counter = Counter::new(text);
        let offsets: Vec<usize> = text.match_indices('{').map(|(i, _)| i).collect();
        assert_eq!(counter.at(offsets[0]), (2, 3), "é is one character of two bytes");
        assert_eq!(counter.at(offsets[1]), (3, 3));
        // Asked again from the start, it starts again.
        assert_eq!(counter.at(0), (1, 1));
        assert_eq!(counter.at(text.len()), (3, 5));
    }
}
