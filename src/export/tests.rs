//! The export readers, fed nasty input.

use super::*;
use crate::config::Config;
use std::collections::HashSet;

const HEADER: &str = "id,title,team,members,space_url,video_url,post_url,description,track,tags,models,total_params";

fn config() -> Config {
    Config::builtin()
}

fn csv_of(rows: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    text
}

fn parse_ok(text: &str) -> Parsed {
    parse(text, "test.csv", &config()).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

fn parse_err(text: &str) -> String {
    match parse(text, "test.csv", &config()) {
        Ok(p) => panic!("parsed what should fail: {:?}", p.submissions),
        Err(e) => e.to_string(),
    }
}

/// The one problem of a one-problem parse.
fn only_problem(parsed: &Parsed) -> &RowProblem {
    assert_eq!(parsed.problems.len(), 1, "{:#?}", parsed.problems);
    &parsed.problems[0]
}

const SPACE: &str = "https://huggingface.co/spaces/org/app";

#[test]
fn quoted_fields_keep_commas_quotes_and_newlines() {
    let text =
        csv_of(&[&format!("a1,\"Title, with comma\",\"Team \"\"Q\"\"\",x,{SPACE},,,\"line one\nline two\",wood,,,")]);
    let p = parse_ok(&text);
    let s = &p.submissions[0];
    assert_eq!(s.title, "Title, with comma");
    assert_eq!(s.team, "Team \"Q\"");
    assert_eq!(s.description, "line one\nline two");
    assert!(p.problems.iter().all(|p| !p.error), "{:?}", p.problems);
}

#[test]
fn bom_and_crlf_are_read_as_plain_csv() {
    let text = format!(
        "\u{feff}{HEADER}\r\na1,T,team,,{SPACE},,,\"multi\r\nline\",wood,,,\r\na2,U,team,,{SPACE}2,,,,wood,,,\r\n"
    );
    let p = parse_ok(&text);
    let ids: Vec<_> = p.submissions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2"]);
    assert_eq!(p.submissions[0].description, "multi\r\nline");
    // A problem names the file's own line, as an editor shows it.
    let bad =
        format!("{HEADER}\r\na1,T,team,,{SPACE},,,\"multi\r\nline\",wood,,,\r\na2,U,team,,javascript:x,,,,wood,,,\r\n");
    assert_eq!(only_problem(&parse_ok(&bad)).at.line, 4);
}

#[test]
fn a_configured_delimiter_is_used() {
    let mut c = config();
    c.export.delimiter = ";".into();
    let text = format!("id;title;space_url;track\nx;A, with comma;{SPACE};backyard\n");
    let p = parse(&text, "semi.csv", &c).expect("parses");
    assert_eq!(p.submissions[0].title, "A, with comma");
    assert_eq!(p.submissions[0].track.as_deref(), Some("backyard"));
}

#[test]
fn unreadable_files_import_nothing_and_say_where() {
    let cases: [(&str, &str); 4] = [
        ("", "test.csv is empty"),
        ("   \n\n", "test.csv is empty"),
        ("id,title,space_url\na,b,c,d\n", "test.csv: 1 row cannot be read as the header's columns"),
        ("title,space_url\nx,y\n", "no column \"id\" for the submission's id"),
    ];
    for (text, want) in cases {
        let err = parse_err(text);
        assert!(err.contains(want), "{text:?}: {err}");
    }
}

/// A row with more or fewer fields than the header (an unquoted comma, an unquoted line break)
/// is said by its line and the reading goes on: the other rows' problems are found in the same
/// pass. `parse` refuses such a file whole, saying every problem; `parse_every_problem` reads it
/// for `judging check`. It had stopped at the first such row, and said nothing of the rest.
#[test]
fn rows_with_the_wrong_number_of_fields_are_said_with_every_other_problem() {
    let text = csv_of(&[
        &format!("dup,First,,,{SPACE},,,,wood,,,"),
        &format!("dup,Second,,,{SPACE}2,,,,wood,,,"),
        &format!("comma,T,,,{SPACE}3,,,one, two,wood,,,"),
        "js,T,,,javascript:alert(1),,,,wood,,,",
        &format!("split,T,,,{SPACE}4,,,line one"),
        "line two,wood,,,",
        &format!("lost,T,,,{SPACE}5,,,,forest,,,"),
        &format!("good,T,,,{SPACE}6,,,,,,,"),
    ]);
    let p = parse_every_problem(&text, "test.csv", &config()).expect("read through");
    let said: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    let wants = [
        "line 3 (dup): rejected: duplicate id",
        "line 4: rejected: has 13 fields where the header has 12, so its cells are not in their columns and it was not read: look for a stray quote, or a delimiter inside a field that is not in quotes",
        "line 5 (js): rejected: space: \"javascript:alert(1)\"",
        "line 6: rejected: has 8 fields where the header has 12",
        "line 7: rejected: has 5 fields where the header has 12, so its cells are not in their columns and it was not read: look for a stray quote, or a line break inside",
        "line 8 (lost): rejected: track \"forest\"",
        "line 9 (good): warning: no track",
    ];
    assert_eq!(said.len(), wants.len(), "{said:#?}");
    for (said, want) in said.iter().zip(wants) {
        assert!(said.starts_with(want), "{want}: {said}");
    }
    assert_eq!((p.rejected(), p.broken(), p.warnings()), (6, 3, 1));
    let ids: Vec<&str> = p.submissions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["dup", "good"]);
    // Refused whole, every problem said, condensed as the export's problems are.
    let err = parse_err(&text);
    assert!(
        err.starts_with("test.csv: 3 rows cannot be read as the header's columns, so nothing was imported"),
        "{err}"
    );
    for line in condensed(&p.problems) {
        assert!(err.contains(&format!("\n  {line}")), "{line}: {err}");
    }
    let mut seen = Vec::new();
    let streamed = parse_each(&text, "test.csv", &config(), &mut |s| seen.push(s.id));
    assert!(matches!(streamed, Err(ExportError::Broken { broken: 3, .. })), "{streamed:?}");
    // In one line, for the app's status line: the count and where to look, without the list.
    let headline = streamed.expect_err("refused").headline();
    assert!(
        !headline.contains('\n') && err.starts_with(&headline) && headline.ends_with("not in quotes"),
        "{headline}"
    );
}

/// Hundreds of broken rows (a file saved with the wrong delimiter) are a few lines, as every
/// kind of problem is; a quote that never closes is said once, where it opens.
#[test]
fn many_broken_rows_are_condensed_and_an_unclosed_quote_is_said_where_it_opens() {
    let rows: Vec<String> = (0..300).map(|i| format!("r{i},T,,,{SPACE}{i},,,a, b,wood,,,")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let err = parse_err(&csv_of(&rows));
    assert_eq!(err.lines().count(), 5, "{err}");
    assert!(
        err.contains("... and 297 more rejected rows of this kind (not in the header's columns), on lines 5, 6"),
        "{err}"
    );
    let mut open = rows.clone();
    let quoted = format!("q,T,,,{SPACE}q,,,\"opens here,wood,,,");
    open.insert(100, &quoted);
    let err = parse_err(&csv_of(&open));
    assert!(err.starts_with("test.csv: line 102: a quote opens a field here and never closes"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Two stray quotes far apart read as one quoted field that takes the rows between them: the
/// row they start on is said with the lines it runs over, whether or not its field count then
/// happens to match the header's, and the file is refused, rather than the rows taken being
/// withdrawn at the pull. A description over several lines, commas and all, is no such row.
#[test]
fn rows_taken_into_one_field_between_two_stray_quotes_are_said() {
    let taken: Vec<String> = (0..5).map(|i| format!("t{i},T,,,{SPACE}{i},,,d,wood,,,")).collect();
    let mut rows = vec![format!("a,T,,,{SPACE}a,,,\"opens here,wood,,,")];
    rows.extend(taken);
    // Closed in the same column: the record has the header's 12 fields.
    rows.push(format!("z,T,,,{SPACE}z,,,closes\",wood,,,"));
    rows.push(format!("after,T,,,{SPACE}after,,,,wood,,,"));
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let p = parse_every_problem(&csv_of(&rows), "test.csv", &config()).expect("read through");
    let problem = only_problem(&p);
    assert!(problem.broken(), "{problem}");
    assert_eq!(
        problem.to_string(),
        "line 2: rejected: runs from line 2 to line 8, taking 5 lines that read as rows into one field, so it was not read: look for a stray quote on line 2 and another on line 8"
    );
    assert_eq!(p.submissions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["after"]);
    // Closed elsewhere: the field count says so too.
    let mut moved = rows.clone();
    let closes = format!("z,T,,,{SPACE}z,,,d,wood,\"closes,,");
    moved[6] = &closes;
    let problem = only_problem(&parse_every_problem(&csv_of(&moved), "test.csv", &config()).expect("read")).to_string();
    assert!(
        problem.starts_with("line 2: rejected: has 10 fields where the header has 12 and runs from line 2 to line 8"),
        "{problem}"
    );
    // A description over lines, one of them with commas, and a short export's: read as given.
    let prose = format!(
        "p,T,,,{SPACE}p,,,\"Fast.\nUses a, b, c and d.\nOn CPU, GPU, TPU, NPU, and more, too.\nDone.\",wood,,,"
    );
    assert!(parse_ok(&csv_of(&[&prose])).problems.is_empty());
    // A line of a longer list than a row has fields (14 commas where a row has 11): prose.
    let list = format!("l,T,,,{SPACE}l,,,\"Runs on:\na, b, c, d, e, f, g, h, i, j, k, l, m, n, o.\nDone.\",wood,,,");
    assert!(parse_ok(&csv_of(&[&list])).problems.is_empty());
    let short = "id,title,space_url\na,\"T\nb,c,d\nx\",https://huggingface.co/spaces/o/a\n";
    assert_eq!(parse_ok(short).submissions.len(), 1);
}

#[test]
fn binary_garbage_is_not_text() {
    let mut bytes = b"id,title\nabc,".to_vec();
    bytes.extend([0xff, 0xfe, 0x00, 0x9f]);
    let err = as_text(&bytes, "garbage.bin").expect_err("not text").to_string();
    assert!(err.contains("garbage.bin is not UTF-8 text (line 2, byte 13)"), "{err}");
    let err = as_text(b"id\n\0\0\0", "nul.csv").expect_err("NUL").to_string();
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn a_header_without_rows_holds_no_submissions() {
    let p = parse_ok(HEADER);
    assert!(p.submissions.is_empty() && p.problems.is_empty());
}

#[test]
fn a_huge_field_rejects_only_its_row() {
    let big = "x".repeat(1024 * 1024);
    let text = csv_of(&[&format!("big,T,,,{SPACE},,,{big},wood,,,"), &format!("ok,T,,,{SPACE}2,,,,wood,,,")]);
    let p = parse_ok(&text);
    assert_eq!(p.submissions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["ok"]);
    let problem = only_problem(&p);
    assert!(problem.error);
    assert_eq!(problem.at.line, 2);
    assert!(problem.message.contains("description is 1048576 characters long; the limit is 20000"), "{problem}");
    assert!(p.ids_seen.contains_key("big"), "a rejected row's id still counts as seen");
}

#[test]
fn rows_failing_validation_are_named_and_the_rest_import() {
    let cases: [(String, &str); 11] = [
        (format!(",T,,,{SPACE},,,,wood,,,"), "no id"),
        // An id that would show as another: a control, a bidi override, a zero-width space.
        (format!("a\u{1b}[2J,T,,,{SPACE},,,,wood,,,"), "id \"a\\u{1b}[2J\" holds a control or invisible character"),
        (format!("sprout\u{202e}sense,T,,,{SPACE},,,,wood,,,"), "holds a control or invisible character"),
        (format!("mi\u{200b}ra,T,,,{SPACE},,,,wood,,,"), "holds a control or invisible character"),
        ("a,T,,,,,,,wood,,,".into(), "no Space URL"),
        ("a,T,,,javascript:alert(1),,,,wood,,,".into(), "space: \"javascript:alert(1)\" uses javascript:"),
        (format!("a,T,,,{SPACE},file:///etc/passwd,,,wood,,,"), "video: \"file:///etc/passwd\" uses file:"),
        (
            format!("a,T,,,{SPACE},,\"data:text/html;base64,xx\",,wood,,,"),
            "post: \"data:text/html;base64,xx\" uses data:",
        ),
        (
            format!("a,T,,,{SPACE},,,,forest,,,"),
            "track \"forest\" is not one of the tracks in judging.toml: backyard, wood",
        ),
        (format!("a,T,,,{SPACE},not a link,,,wood,,,"), "is not a web link"),
        (format!("a,T,,,{SPACE},,,,,,,"), "no track"),
    ];
    for (row, want) in cases {
        let text = csv_of(&[&row, &format!("good,Good,,,{SPACE}/x,,,,wood,,,")]);
        let p = parse_ok(&text);
        let problem = only_problem(&p);
        assert_eq!(problem.at.line, 2, "{row}");
        assert!(problem.message.contains(want), "{row}: {problem}");
        assert!(p.submissions.iter().any(|s| s.id == "good"), "{row}: the good row imports");
        assert_eq!(p.submissions.len(), if problem.error { 1 } else { 2 }, "{row}: a rejected row is not imported");
    }
}

#[test]
fn every_problem_of_a_row_is_reported_at_once() {
    let p = parse_ok(&csv_of(&[",,,,javascript:x,ftp://v,,,forest,,,"]));
    let messages: Vec<_> = p.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    for want in ["no id", "space: \"javascript:x\"", "video: \"ftp://v\"", "track \"forest\""] {
        assert!(messages.iter().any(|m| m.contains(want)), "{want} in {messages:#?}");
    }
    assert!(p.submissions.is_empty());
}

#[test]
fn a_duplicate_id_keeps_the_first_row() {
    let text = csv_of(&[
        &format!("dup,First,,,{SPACE},,,,wood,,,"),
        &format!("other,Other,,,{SPACE}2,,,,wood,,,"),
        &format!("dup,Second,,,{SPACE}3,,,,wood,,,"),
    ]);
    let p = parse_ok(&text);
    let titles: Vec<_> = p.submissions.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["First", "Other"]);
    let problem = only_problem(&p);
    assert_eq!((problem.at.line, problem.id.as_deref()), (4, Some("dup")));
    assert!(problem.message.contains("duplicate id: line 2 has it already"), "{problem}");
}

#[test]
fn escapes_in_titles_are_stored_as_given_and_printed_clean() {
    let text = csv_of(&[&format!("evil,\u{1b}[2J\u{1b}]0;owned\u{7}Nice App\u{1b}[0m,,,{SPACE},,,,wood,,,")]);
    let p = parse_ok(&text);
    assert!(p.submissions[0].title.contains('\u{1b}'), "stored as given");
    assert_eq!(crate::sanitize::clean_line(&p.submissions[0].title), "Nice App");
    let problem_text = parse_ok(&csv_of(&["\u{1b}[31mred,T,,,javascript:x,,,,wood,,,"])).problems[0].to_string();
    assert!(!problem_text.contains('\u{1b}'), "{problem_text:?}");
}

#[test]
fn fields_are_mapped_and_normalised() {
    let text = csv_of(&[
        "s1,Sprout,Moss,\"Ines; Tobiah\",https://org-app.hf.space/,youtu.be/x,https://x.com/a/status/1,d,Backyard AI,\"track:backyard, achievement:offgrid, sponsor:nvidia\",\"a/b; c/d\",1.5B",
    ]);
    let p = parse_ok(&text);
    let s = &p.submissions[0];
    assert_eq!(s.members, ["Ines", "Tobiah"]);
    assert_eq!(
        (s.space_url.as_str(), s.space_id.as_deref(), s.space_key.as_deref()),
        ("https://org-app.hf.space", None, Some("org-app"))
    );
    assert_eq!(s.video_url.as_deref(), Some("https://youtu.be/x"));
    assert_eq!(s.track.as_deref(), Some("backyard"));
    assert_eq!(s.badges().collect::<Vec<_>>(), ["offgrid"]);
    assert_eq!(s.sponsors().collect::<Vec<_>>(), ["nvidia"]);
    assert_eq!(s.models, ["a/b", "c/d"]);
    assert_eq!(s.declared_params, Some(1_500_000_000));
}

#[test]
fn soft_problems_import_the_row_with_a_warning() {
    let cases = [
        (format!("a,,,,{SPACE},,,,wood,,,"), "no title; showing the id instead"),
        ("a,T,,,https://example.org/app,,,,wood,,,".into(), "is not a Hugging Face Space"),
        (format!("a,T,,,{SPACE},,,,wood,,,8"), "params ignored: \"8\" has no unit"),
        (format!("a,T,,,{SPACE},,,,,track:wood,,"), ""),
    ];
    for (row, want) in cases {
        let p = parse_ok(&csv_of(&[&row]));
        assert_eq!(p.submissions.len(), 1, "{row}");
        if want.is_empty() {
            assert!(p.problems.is_empty(), "{row}: {:?}", p.problems);
            assert_eq!(p.submissions[0].track.as_deref(), Some("wood"), "track from a tag");
        } else {
            let problem = only_problem(&p);
            assert!(!problem.error && problem.message.contains(want), "{row}: {problem}");
        }
    }
}

#[test]
fn a_missing_column_is_an_error_only_when_required() {
    let mut c = config();
    c.export.columns.video = Some("Demo Video".into());
    let p = parse("id,title,space_url\n", "x.csv", &c).expect("an optional column may be missing");
    let note = "no column \"Demo Video\" (export.columns.video): no entry will have its video link";
    assert!(p.notes.iter().any(|n| n == note), "{:?}", p.notes);
    c.export.columns.space = Some("App".into());
    let err = parse("id,title,link\n", "x.csv", &c).expect_err("a required column may not").to_string();
    assert!(err.contains("no column \"App\" for the submission's space (export.columns.space)"), "{err}");
    assert!(err.contains("\"id\", \"title\", \"link\""), "lists the columns found: {err}");
}

/// The columns a file is refused for lacking are shown as they are: a header "ti\x1b]52;…\x07tle"
/// is no "title" column, and with its escape dropped the message had read `no column "title"
/// …; its columns are: "id", "title", "space_url"`. A header of thousands of columns is listed
/// by its first few.
#[test]
fn the_columns_found_are_shown_with_what_hides_in_them() {
    let err = parse_err("id,ti\u{1b}]52;c;eA==\u{7}tle,space_url\na,b,c\n");
    assert!(err.contains("no column \"title\""), "{err}");
    assert!(err.contains("\"ti\\u{1b}]52;c;eA==\\u{7}tle\""), "{err}");
    assert!(!err.contains(['\u{1b}', '\u{7}']), "{err:?}");
    let wide: Vec<String> = (0..5000).map(|k| format!("c{k}")).collect();
    let err = parse_err(&format!("{}\n", wide.join(",")));
    assert!(err.contains("and 4992 more") && err.len() < 500, "{err}");
}

/// A file saved with semicolons or tabs, read with commas, has one column: the refusal says
/// which delimiter would read it, and where to set it; a header that is simply wrong does not.
#[test]
fn a_header_of_one_column_that_another_delimiter_splits_says_which() {
    let err = parse_err("id;title;space_url\na;A;x\n");
    assert!(err.contains("as if separated by semicolons; set delimiter = \";\" in judging.toml's [export]"), "{err}");
    let err = parse_err("id\ttitle\tspace_url\na\tA\tx\n");
    assert!(err.contains("separated by tabs; set delimiter = \"\\t\""), "{err}");
    let err = parse_err("name;label\na;b\n");
    assert!(!err.contains("separated by"), "no column it names is wanted: {err}");
}

#[test]
fn column_names_ignore_case_and_spacing() {
    let mut c = config();
    c.export.columns.space = Some("Space URL".into());
    let p = parse(&format!("ID,Title,  space   url\na,A,{SPACE}\n"), "x.csv", &c).expect("parses");
    assert_eq!(p.submissions[0].space_id.as_deref(), Some("org/app"));
}

#[test]
fn json_rows_carry_their_line_numbers() {
    let text = format!(
        "[\n  {{\"id\": \"a\", \"title\": \"A\", \"space_url\": \"{SPACE}\", \"track\": \"wood\",\n    \"tags\": [\"achievement:llama\"], \"total_params\": 1500000000}},\n  {{\"id\": 7, \"title\": \"Seven\", \"space_url\": \"javascript:x\", \"track\": \"wood\"}},\n  {{\"id\": \"c\", \"title\": null, \"space_url\": \"{SPACE}/c\", \"track\": \"backyard\", \"models\": [\"m/1\", \"m/2\"]}}\n]"
    );
    let p = parse(&text, "export.json", &config()).expect("parses");
    assert_eq!(p.format, Some(Format::Json));
    let ids: Vec<_> = p.submissions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(p.submissions[0].tags, ["achievement:llama"]);
    assert_eq!(p.submissions[0].declared_params, Some(1_500_000_000));
    assert_eq!(p.submissions[1].models, ["m/1", "m/2"]);
    let rejected: Vec<_> = p.problems.iter().filter(|p| p.error).collect();
    assert_eq!(rejected.len(), 1);
    assert_eq!((rejected[0].at.line, rejected[0].id.as_deref()), (4, Some("7")));
    let untitled = p.problems.iter().find(|p| !p.error).expect("warning for the missing title");
    assert_eq!(untitled.at.line, 5);
}

#[test]
fn broken_json_says_where() {
    let cases = [
        (
            "[{\"id\": \"a\",\n \"title\": }]",
            "item [0] at line 1, column 2: not valid JSON at line 2, column 11: expected value",
        ),
        ("\"a\"", "expected a JSON array of objects"),
        ("[1, 2]", "item [0] at line 1, column 2: expected an object with the submission's fields, found a number"),
        ("[{\"id\": \"a\", \"title\": \"A\"}", "not valid JSON"),
    ];
    for (text, want) in cases {
        let err = parse(text, "x.json", &config()).expect_err(text).to_string();
        assert!(err.contains(want), "{text}: {err}");
    }
}

/// An object with one key twice (or twice in different case) cannot say which value it means:
/// refused with its line, as score files refuse theirs, not read as the last one.
#[test]
fn a_json_object_with_a_key_twice_is_refused_with_its_place() {
    let row = |keys: &str| {
        format!(
            "[\n{{\"id\": \"a\", \"title\": \"A\", \"space_url\": \"{SPACE}/a\"}},\n{{\"id\": \"b\", {keys}, \"space_url\": \"{SPACE}/b\"}}\n]"
        )
    };
    for text in [row("\"title\": \"Real\", \"title\": \"Spoofed\""), row("\"title\": \"Real\", \"Title\": \"Spoofed\"")]
    {
        assert!(parse(&row("\"title\": \"B\""), "x.json", &config()).is_ok(), "the rows are good otherwise");
        let err = parse(&text, "x.json", &config()).expect_err(&text).to_string();
        assert!(
            err.contains("item [1] at line 3, column 1") && err.contains("\"title\"") && err.contains("twice"),
            "{text}: {err}"
        );
    }
}

#[test]
fn devpost_exports_are_read_as_they_come() {
    let text = include_str!("../../tests/fixtures/devpost-export.csv");
    let p = parse(text, "projects.csv", &config()).expect("parses");
    assert_eq!(p.format, Some(Format::Devpost));
    assert_eq!(p.drafts_skipped, 1);
    let ids: Vec<_> = p.submissions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["kettle-coach", "fable-forge"]);
    let kettle = &p.submissions[0];
    assert_eq!(kettle.space_id.as_deref(), Some("build-small-hackathon/kettle-coach"), "the Space, not GitHub");
    assert_eq!(kettle.members, ["Alva Brink", "Remy Cato"]);
    assert_eq!(kettle.team, "Alva Brink, Remy Cato");
    assert_eq!(kettle.track.as_deref(), Some("backyard"), "from the opt-in prizes");
    assert!(kettle.tags.contains(&"NVIDIA Prize".to_owned()));
    assert!(kettle.description.starts_with("Tells you when the kettle"));
    assert_eq!(kettle.video_url.as_deref(), Some("https://www.youtube.com/watch?v=kettle01"));
    let fable = &p.submissions[1];
    assert_eq!(fable.space_key.as_deref(), Some("build-small-hackathon-fable-forge"));
    assert_eq!(fable.track.as_deref(), Some("wood"));
    assert!(text.contains("alva@example.org"), "the fixture has emails");
    assert!(!format!("{:?}", p.submissions).contains("@example.org"), "emails are not kept");
}

#[test]
fn devpost_columns_can_be_overridden() {
    let mut c = config();
    c.export.columns.track = Some("Which track are you entering?".into());
    let text = include_str!("../../tests/fixtures/devpost-export.csv");
    let p = parse(text, "projects.csv", &c).expect("parses");
    assert_eq!(p.submissions[0].track.as_deref(), Some("backyard"));
    assert_eq!(p.submissions[1].track.as_deref(), Some("wood"));
}

#[test]
fn the_sample_exports_are_clean_and_v2_withdraws_one() {
    let c = config();
    let v1 = parse(crate::config::builtin_export("builtin:sample").expect("built in"), "builtin:sample", &c)
        .expect("parses");
    let v2 = parse(crate::config::builtin_export("builtin:sample-v2").expect("built in"), "builtin:sample-v2", &c)
        .expect("parses");
    assert_eq!(v1.submissions.len(), 40);
    assert!(v1.problems.is_empty(), "{:?}", v1.problems);
    assert!(v2.problems.is_empty(), "{:?}", v2.problems);
    let tracks: HashSet<_> = v1.submissions.iter().filter_map(|s| s.track.as_deref()).collect();
    assert_eq!(tracks, HashSet::from(["backyard", "wood"]));
    assert!(v1.submissions.iter().any(|s| s.video_url.is_none()));
    assert!(v1.submissions.iter().any(|s| s.declared_params.is_some_and(|p| p > 32_000_000_000)));
    assert!(v1.submissions.iter().any(|s| s.badges().next().is_some()));
    assert!(v1.submissions.iter().any(|s| s.sponsors().next().is_some()));
    let gone: Vec<_> = v1.ids_seen.keys().filter(|id| !v2.ids_seen.contains_key(*id)).collect();
    assert_eq!(gone, ["dream-cartographer"]);
}

#[test]
fn sniffing_picks_the_format() {
    assert_eq!(sniff("x.csv", "[{}]"), Format::Json);
    assert_eq!(sniff("x.txt", "\u{feff}  {\"a\": 1}"), Format::Json);
    assert_eq!(sniff("x.csv", "Project Title,Submission Url,Project Status\n"), Format::Devpost);
    assert_eq!(sniff("x.csv", "id,title\n"), Format::Csv);
    // By its name, where the text does not say: its fault is then said as JSON's.
    for name in ["x.json", "x.JSONL", "x.ndjson"] {
        assert_eq!(sniff(name, "id,title\n"), Format::Json, "{name}");
    }
}

/// Many rows with one fault print a few lines, not one each; a rejected row carries no warnings
/// (it is not imported), and a row with two faults is one row rejected.
#[test]
fn many_problems_of_one_kind_are_condensed_and_a_rejected_row_has_no_warnings() {
    let mut rows: Vec<String> = (0..1000).map(|i| format!("dup,T{i},team,,{SPACE}{i},,,,wood,,,")).collect();
    // No title (a warning) and an unknown track and a javascript: link (two rejections).
    rows.push("bad,,team,,javascript:void(0),,,,forest,,,".into());
    let text = csv_of(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let p = parse_ok(&text);
    assert_eq!(p.rejected(), 1000, "999 duplicates and one bad row");
    assert!(p.problems.iter().filter(|x| x.at.line == 1002).all(|x| x.error), "{:?}", p.problems);
    let lines = condensed(&p.problems);
    assert!(lines.len() <= 8, "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.contains("996 more rejected rows of this kind (duplicate id), on lines")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("line 1002 (bad)") && l.contains("forest")), "{lines:#?}");
}

/// An escape sequence's own ';' does not split a member's name into names that read as members,
/// and a title of escape sequences alone is said to be empty, the id shown instead.
#[test]
fn escapes_neither_split_members_nor_pass_for_a_title() {
    let text = csv_of(&[&format!("a1,\x1b[31m\x1b[0m,T,\"Bob\x1b]52;c;aGVsbG8=\x07; Eve\",{SPACE},,,,wood,,,")]);
    let p = parse_ok(&text);
    let s = &p.submissions[0];
    assert_eq!(s.members, ["Bob", "Eve"]);
    assert_eq!(s.title, "a1");
    let problem = only_problem(&p);
    assert!(problem.message.contains("nothing to show") && !problem.error, "{problem:?}");
}

/// A row with three bad links is one row rejected, said on one line: the first few shown are
/// rows, not one row three times, and the rest are counted in rows, each place named once.
/// Rejections are said before warnings, each counted in its own words.
#[test]
fn a_rows_problems_of_one_kind_are_one_line_and_the_rest_are_counted_in_rows() {
    let mut rows: Vec<String> =
        (0..6).map(|i| format!("r{i},T{i},team,,ftp://a/{i},ftp://b/{i},ftp://c/{i},,wood,,,")).collect();
    rows.extend((0..5).map(|i| format!("w{i},T,team,,{SPACE}{i},,,,wood,,,lots")));
    let text = csv_of(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let p = parse_ok(&text);
    assert_eq!(p.rejected(), 6);
    assert_eq!(p.problems.iter().filter(|x| x.error).count(), 18, "three bad links a row");
    let lines = condensed(&p.problems);
    assert_eq!(lines.len(), 8, "{lines:#?}");
    for (n, line) in lines[..3].iter().enumerate() {
        let id = format!("line {} (r{n}): rejected: space: ", n + 2);
        assert!(line.starts_with(&id), "{line}");
        assert!(line.contains("; video: ") && line.contains("; post: "), "{line}");
    }
    assert_eq!(lines[3], "... and 3 more rejected rows of this kind (bad link), on lines 5, 6, 7");
    assert!(lines[4].starts_with("line 8 (w0): warning: params ignored"), "{lines:#?}");
    assert_eq!(lines[7], "... and 2 more rows with warnings of this kind (params ignored), on lines 11, 12");
    // One more of a kind is said in the singular.
    let one = condensed(&p.problems[..12]);
    assert_eq!(one[3], "... and 1 more rejected row of this kind (bad link), on line 5");
}
