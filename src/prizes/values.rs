//! A prize's value file (`by = "file"`): a CSV with a header, `id` and then the value's name
//! (`id,votes`), then one `id,value` row per entry, such as votes or a separately judged score,
//! each 0 or more.

use std::collections::HashMap;

use crate::sanitize::{clean_line, in_quotes};

/// A prize file's values, by entry id, and the line each was read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    pub by_id: HashMap<String, f64>,
    line_of: HashMap<String, usize>,
}

impl Values {
    /// The rows whose id `known` does not take, in the file's order: (line, id, value). A
    /// mistyped id's votes would go to no one, unseen.
    pub fn strays(&self, known: impl Fn(&str) -> bool) -> Vec<(usize, &str, f64)> {
        let mut out: Vec<(usize, &str, f64)> = self
            .by_id
            .iter()
            .filter(|(id, _)| !known(id))
            .map(|(id, v)| (self.line_of.get(id).copied().unwrap_or(0), id.as_str(), *v))
            .collect();
        out.sort_by_key(|(line, _, _)| *line);
        out
    }
}

/// What a prize file's rows for ids not in play say, each at its line of `file`: an id the field
/// never had is a problem (a mistyped id's votes would go to no one, and the prize to another
/// entry, unseen), named with the ids it looks like; a `withdrawn` entry's row is a warning, as
/// votes may have been cast before it left. The one wording `results` and `check` give.
pub fn strays_said(
    values: &Values,
    file: &str,
    prize: &str,
    known: &std::collections::HashSet<&str>,
    withdrawn: &std::collections::HashSet<String>,
) -> (Vec<String>, Vec<String>) {
    let (mut problems, mut warnings) = (Vec::new(), Vec::new());
    for (line, id, value) in values.strays(|id| known.contains(id)) {
        let at = format!("{} line {line}", crate::sanitize::visible(file));
        if withdrawn.contains(id) {
            warnings.push(format!(
                "{at}: {} is withdrawn from the export, so its value ({}) counts for no prize ({prize:?})",
                in_quotes(id),
                crate::format::number(value)
            ));
        } else {
            let near: Vec<String> =
                crate::format::look_alike(id, known.iter().copied(), 3).into_iter().map(clean_line).collect();
            let hint = if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(", ")) };
            problems.push(format!(
                "{at}: {} is not an entry of the export{hint}; prize {prize:?} would give its value to no one: give an id `judging list` shows",
                in_quotes(id)
            ));
        }
    }
    (problems, warnings)
}

/// The header a prize file takes, as said in what to do.
const HEADER: &str = "`id,votes`";

/// The first line, checked as the header it is read as: `id`, then the value's name (any:
/// votes, score). A first line that is an entry's row (a number where the value's name goes) is
/// refused, as reading it as the header would drop that entry's value in silence; so is a first
/// column not named `id` (`entry,votes`), since the file's columns are not what the reader takes.
fn check_header(header: &csv::StringRecord) -> Result<(), String> {
    let cell = |i: usize| header.get(i).unwrap_or_default().trim().trim_start_matches('\u{feff}').trim();
    let (id, value) = (cell(0), cell(1));
    let is_number = |s: &str| s.parse::<f64>().is_ok();
    if id.is_empty() && value.is_empty() {
        return Err(format!("line 1: no header; a prize file starts with one, {HEADER}, then a row per entry"));
    }
    if is_number(value) || is_number(id) {
        return Err(format!(
            "line 1: {} looks like an entry's row, but the first line is taken as the header: add one, {HEADER} (the id column, then the value's name), above it",
            in_quotes(&header.iter().collect::<Vec<_>>().join(","))
        ));
    }
    if !id.eq_ignore_ascii_case("id") {
        return Err(format!(
            "line 1: the header names its first column {}; a prize file's first column is the entries' ids, headed `id`: {HEADER}",
            in_quotes(id)
        ));
    }
    if value.is_empty() {
        return Err(format!(
            "line 1: the header has no name for the value's column, after `id`; name it for what it holds: {HEADER}"
        ));
    }
    Ok(())
}

/// Each entry's value; an error names the file's own line (the header is line 1). The header is
/// checked ([`check_header`]) and every value is a number, 0 or more: neither votes nor a
/// judged score is negative, and a negative one would rank as a value like any other.
pub fn parse(text: &str) -> Result<Values, String> {
    let mut reader =
        crate::export::guard::csv_reader(text, b',', true).map_err(|(line, why)| format!("line {line}: {why}"))?;
    let header = reader.headers().map_err(|e| format!("not readable as CSV: {e}"))?;
    check_header(header)?;
    let header_cells = header.len();
    let mut values = HashMap::new();
    let mut line_of = HashMap::new();
    let mut lines = crate::format::LineCounter::new(text);
    for record in reader.records() {
        let record = record.map_err(|e| format!("not readable as CSV: {e}"))?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if let Some(extra) = crate::export::guard::extra_cells(&record, header_cells) {
            return Err(format!("line {line}: {extra}; each row is an entry's id, then its value"));
        }
        let (id, raw) = (record.get(0).unwrap_or_default().trim(), record.get(1).unwrap_or_default().trim());
        let value: f64 = raw.parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| {
            format!("line {line}: {} is not a number; each row is an entry's id, then its value", in_quotes(raw))
        })?;
        if value < 0.0 {
            return Err(format!(
                "line {line}: {} is negative; a prize file's values (votes, a judged score) are 0 or more",
                in_quotes(raw)
            ));
        }
        if values.insert(id.to_owned(), value).is_some() {
            return Err(format!("line {line}: {} appears twice", in_quotes(id)));
        }
        line_of.insert(id.to_owned(), line);
    }
    Ok(Values { by_id: values, line_of })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_and_bad_rows_named_by_their_line() {
        let ok = parse("id,votes\na,3\nb, 4.5\nzz,9\n").expect("valid");
        assert_eq!((ok.by_id["a"], ok.by_id["b"]), (3.0, 4.5));
        // The rows of ids the field does not have, by line.
        assert_eq!(ok.strays(|id| id != "zz" && id != "b"), [(3, "b", 4.5), (4, "zz", 9.0)]);
        let cases = [
            ("id,votes\na,3\nb,lots\n", "line 3: \"lots\" is not a number"),
            ("id,votes\na,3\na,4\n", "line 3: \"a\" appears twice"),
            ("id,votes\na,inf\n", "line 2: \"inf\" is not a number"),
            ("id,votes\na,\"3\nb,4\n", "line 2: a quote opens a field here and never closes"),
            (
                "id,votes\na,5,5\nb,4\n",
                "line 2: the row has 3 cells where the header has 2; \"5,5\" looks like a decimal written with a comma: decimals take a point (5.5)",
            ),
            ("id,votes\na,3\nb,4,x\n", "line 3: the row has 3 cells where the header has 2; each row"),
            ("id,votes\n12,5,5\n", "\"5,5\" looks like a decimal"),
            // No header: the first row would be read as one, and its votes lost.
            (
                "e01,5\ne02,9\n",
                "line 1: \"e01,5\" looks like an entry's row, but the first line is taken as the header: add one, `id,votes`",
            ),
            (
                "entry,votes\ne01,5\n",
                "line 1: the header names its first column \"entry\"; a prize file's first column is the entries' ids, headed `id`",
            ),
            ("id\ne01\n", "line 1: the header has no name for the value's column"),
            ("id,\ne01,4\n", "line 1: the header has no name for the value's column"),
            ("", "line 1: no header; a prize file starts with one, `id,votes`"),
            (
                "id,votes\ne01,5\ne02,-3\n",
                "line 3: \"-3\" is negative; a prize file's values (votes, a judged score) are 0 or more",
            ),
            ("id,votes\ne01,-0.5\n", "line 2: \"-0.5\" is negative"),
        ];
        // Any name for the value's column, `id` in any case, and a spreadsheet's byte-order mark.
        for text in ["id,score\na,0\n", "ID,Votes\na,3\n", "\u{feff}id,votes\na,3\n", " id , votes \na,3\n"] {
            assert!(parse(text).is_ok_and(|v| v.by_id.contains_key("a")), "{text}");
        }
        for (text, want) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.contains(want), "{text}: {err}");
        }
    }
}
