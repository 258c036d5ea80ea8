//! A prize's value file (`by = "file"`): a CSV with a header, then one `id,value` row per entry,
//! such as votes or a separately judged score.

use std::collections::HashMap;

use crate::sanitize::clean_line;

/// Each entry's value; an error names the file's own line (the header is line 1).
pub fn parse(text: &str) -> Result<HashMap<String, f64>, String> {
    let mut reader =
        crate::export::guard::csv_reader(text, b',', true).map_err(|(line, why)| format!("line {line}: {why}"))?;
    let mut values = HashMap::new();
    let mut lines = crate::format::LineCounter::new(text);
    for record in reader.records() {
        let record = record.map_err(|e| format!("not readable as CSV: {e}"))?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let (id, raw) = (record.get(0).unwrap_or_default().trim(), record.get(1).unwrap_or_default().trim());
        let value: f64 = raw.parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| {
            format!("line {line}: {:?} is not a number; each row is an entry's id, then its value", clean_line(raw))
        })?;
        if values.insert(id.to_owned(), value).is_some() {
            return Err(format!("line {line}: {:?} appears twice", clean_line(id)));
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_and_bad_rows_named_by_their_line() {
        let ok = parse("id,votes\na,3\nb, 4.5\n").expect("valid");
        assert_eq!((ok["a"], ok["b"]), (3.0, 4.5));
        let cases = [
            ("id,votes\na,3\nb,lots\n", "line 3: \"lots\" is not a number"),
            ("id,votes\na,3\na,4\n", "line 3: \"a\" appears twice"),
            ("id,votes\na,inf\n", "line 2: \"inf\" is not a number"),
            ("id,votes\na,\"3\nb,4\n", "line 2: a quote opens a field here and never closes"),
        ];
        for (text, want) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.contains(want), "{text}: {err}");
        }
    }
}
