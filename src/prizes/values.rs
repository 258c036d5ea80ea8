//! A prize's value file (`by = "file"`): a CSV with a header, then one `id,value` row per entry,
//! such as votes or a separately judged score.

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

/// Each entry's value; an error names the file's own line (the header is line 1).
pub fn parse(text: &str) -> Result<Values, String> {
    let mut reader =
        crate::export::guard::csv_reader(text, b',', true).map_err(|(line, why)| format!("line {line}: {why}"))?;
    let header_cells = reader.headers().map_err(|e| format!("not readable as CSV: {e}"))?.len();
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
        ];
        for (text, want) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.contains(want), "{text}: {err}");
        }
    }
}
