//! A JSON export on one line (a Hub listing, a minified download) and JSON Lines: every fault is
//! found by its item, its id and the column it starts at, not "line 1".

use super::super::{Place, condensed, parse};
use crate::config::Config;

const SPACE: &str = "https://huggingface.co/spaces/org";

/// Rows as one line of JSON: the good ones, a bad link, no id and an unknown track.
fn one_line() -> String {
    let row = |id: &str, space: &str, track: &str| {
        format!(r#"{{"id": "{id}", "title": "T", "space_url": "{space}", "track": "{track}"}}"#)
    };
    let rows = [
        row("a", &format!("{SPACE}/a"), "wood"),
        row("b", "javascript:alert(1)", "wood"),
        row("", &format!("{SPACE}/c"), "wood"),
        row("d", &format!("{SPACE}/d"), "forest"),
        row("e", &format!("{SPACE}/e"), "wood"),
    ];
    format!("[{}]", rows.join(", "))
}

/// The column (from 1) of the `n`th object's opening brace.
fn column_of_item(text: &str, n: usize) -> usize {
    text.match_indices('{').nth(n).map(|(i, _)| i + 1).expect("the item")
}

#[test]
fn each_row_of_a_one_line_export_is_named_by_its_item_and_column() {
    let text = one_line();
    let p = parse(&text, "export.json", &Config::builtin()).expect("readable");
    assert_eq!(p.submissions.len(), 2);
    assert_eq!(p.rejected(), 3, "three rows, though all on line 1");
    let said: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    let at = |n: usize| format!("item [{n}] at line 1, column {}", column_of_item(&text, n));
    assert!(said[0].starts_with(&format!("{} (b): rejected: space:", at(1))), "{said:?}");
    assert!(said[1].starts_with(&format!("{}: rejected: no id", at(2))), "{said:?}");
    assert!(said[2].starts_with(&format!("{} (d): rejected: track", at(3))), "{said:?}");
    // The places it names go where the rows' ids would lead; a duplicate names the first.
    assert_eq!(p.ids_seen["e"], Place::item(4, 1, column_of_item(&text, 4)));
}

#[test]
fn a_duplicate_and_many_faults_name_items() {
    let rows: Vec<String> = (0..8)
        .map(|i| format!(r#"{{"id": "dup", "title": "T", "space_url": "{SPACE}/{i}", "track": "wood"}}"#))
        .collect();
    let text = format!("[{}]", rows.join(","));
    let p = parse(&text, "x.json", &Config::builtin()).expect("readable");
    assert_eq!(p.rejected(), 7);
    let first = format!("item [0] at line 1, column {}", column_of_item(&text, 0));
    assert!(p.problems[0].message.contains(&format!("duplicate id: {first} has it already")), "{:?}", p.problems[0]);
    let lines = condensed(&p.problems);
    assert!(lines.iter().any(|l| l.ends_with("(duplicate id), on items [4], [5], [6], [7]")), "{lines:#?}");
}

#[test]
fn broken_one_line_json_names_the_item_and_column() {
    let good = one_line();
    // A brace lost in the fourth item: the fault is there, not at "line 1", and said from where
    // the item starts, as its row would be.
    let cut = good.match_indices(r#""track": "forest""#).next().expect("present").0;
    let broken = format!("{}}}{}", &good[..cut], &good[cut..]);
    let err = parse(&broken, "x.json", &Config::builtin()).expect_err("broken").to_string();
    let item = format!("item [3] at line 1, column {}", column_of_item(&good, 3));
    let want = format!("x.json: {item}: not valid JSON at line 1, column {}: ", cut + 1);
    assert!(err.starts_with(&want), "{err}");
    assert!(!err.contains(" at line 1 column"), "the place is said once: {err}");

    // Between two items, a comma missing or one too many: after the one before.
    let after = |text: &str| {
        let err = parse(text, "x.json", &Config::builtin()).expect_err(text).to_string();
        let want =
            format!("x.json: item [1] at line 1, column {}: not valid JSON after this item", column_of_item(text, 1));
        assert!(err.starts_with(&want), "{text}: {err}");
        err
    };
    assert!(after(&good.replacen(r#"}, {"id": """#, r#"} {"id": """#, 1)).ends_with("expected `,` or `]`"));
    assert!(after(&good.replacen(r#"}, {"id": """#, r#"},, {"id": """#, 1)).ends_with("expected value"));
    let trailing = format!("{},]", &good[..good.find(r#", {"id": """#).expect("present")]);
    assert!(after(&trailing).ends_with("trailing comma"));

    let cases = [
        (format!("{good} x"), "line 1, column".to_owned(), "the list has ended, and nothing may follow it"),
        (good.replacen(r#"{"id": "b""#, r#"7, {"id": "b""#, 1), "item [1] at line 1".into(), "found a number"),
        (
            good.replacen(r#""id": "d", "title": "T""#, r#""id": "d", "title": "T", "TITLE": "U""#, 1),
            "item [3] at line 1".into(),
            r#"this object (id "d") has the keys "title" and "TITLE""#,
        ),
        // Keys one column only by what hides in them: shown, not cleaned into the same word.
        (
            good.replacen(r#""id": "d", "title": "T""#, r#""id": "d", "title": "T", "title\t": "U""#, 1),
            "item [3] at line 1".into(),
            r#"this object (id "d") has the keys "title" and "title\u{9}""#,
        ),
        (format!(r#"{{"submissions": {good}}}"#), "line 1".into(), r#"whose key "submissions" holds a list"#),
        (format!("\n\n{{\"data\": {good}}}"), "line 3".into(), r#"whose key "data" holds a list"#),
    ];
    for (text, at, said) in cases {
        let err = parse(&text, "x.json", &Config::builtin()).expect_err(&text).to_string();
        assert!(err.contains(&format!("x.json: {at}")) && err.contains(said), "{text}: {err}");
    }
}

/// JSON Lines, one object a line: each row is its item and its line.
#[test]
fn json_lines_are_read_row_by_row() {
    let text = format!(
        "{{\"id\": \"a\", \"title\": \"A\", \"space_url\": \"{SPACE}/a\"}}\n\n{{\"id\": \"b\", \"title\": \"B\", \"space_url\": \"ftp://x\"}}\r\n"
    );
    let p = parse(&text, "export.jsonl", &Config::builtin()).expect("readable");
    assert_eq!(p.submissions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["a"]);
    let bad = p.problems.iter().find(|x| x.error).expect("the ftp link");
    assert_eq!((bad.at, bad.id.as_deref()), (Place::item(1, 3, 1), Some("b")));
    let broken = format!("{text}{{\"id\": \"c\",\n");
    let err = parse(&broken, "export.jsonl", &Config::builtin()).expect_err("cut off").to_string();
    // Cut short, it is found wanting at the next line; it is named by its own.
    assert!(err.contains("export.jsonl: item [2] at line 4, column 1: not valid JSON at line 5, column 1"), "{err}");
    let blank = format!("{text}\n  x\n");
    let err = parse(&blank, "export.jsonl", &Config::builtin()).expect_err("not JSON").to_string();
    assert!(err.contains("export.jsonl: item [2] at line 5, column 3: not valid JSON: expected"), "{err}");
}
