//! serde's words for a value of the wrong kind ("invalid type: string \"2\", expected f64"),
//! said in the words of the person who wrote the file: what was found, what is needed, and
//! how to write it. Every reader of a file a person writes (judging.toml, the assignments, the
//! finals, a score file) passes its parser's message through [`plain`], so no such message
//! reaches them in Rust's type names.

/// `message` with each of serde's "invalid type", "invalid value" and "invalid length" phrases
/// reworded; anything else is kept as it is.
pub fn plain(message: &str) -> String {
    let lines: Vec<String> = message.split('\n').map(plain_line).collect();
    lines.join("\n")
}

/// What toml says of a value of the wrong kind for a choice of words (an enum)…
const TOML_CHOICE: &str = "wanted string or table";
/// …and how it is said here, where the words are not known (judging.toml's reader names them).
pub const CHOICE_SAID: &str = "a value of another kind, where one of this key's words goes, in quotes (judging.toml's comments and the README's reference list them)";

/// What a `\uD800`-`\uDFFF` escape without its other half is, said plainly.
const LONE_HALF: &str = "a \\u escape that is half of a character (\\uD800 to \\uDFFF) without the other half beside it: write the character itself, or both halves";

/// The phrases serde starts such a message with, and what each says.
const PHRASES: [(&str, Kind); 3] =
    [("invalid type: ", Kind::Type), ("invalid value: ", Kind::Value), ("invalid length ", Kind::Length)];

#[derive(Clone, Copy)]
enum Kind {
    /// A value of another kind: text where a number goes.
    Type,
    /// A value of the right kind out of its range: 300 where 0-255 goes.
    Value,
    /// A list of another length.
    Length,
}

/// How [`toml_error`] starts a syntax error, which it says over several lines (the line, a
/// caret under the place, what is wrong): one problem, however many lines.
pub const TOML_SYNTAX: &str = "TOML parse error";

/// A message on one line: a syntax error of [`toml_error`] as its first line (where) and its
/// last (what), the quoted line and its caret left out, which run together on one line read as
/// noise; any other message as it is.
pub fn one_line(message: &str) -> String {
    // Its first line may be prefixed by the file's name ("decisions.toml: TOML parse error …").
    match (message.lines().next(), message.lines().next_back()) {
        (Some(first), Some(last)) if first.contains(TOML_SYNTAX) && first != last => format!("{first}: {last}"),
        _ => message.to_owned(),
    }
}

/// A toml parser's error in `text` (judging.toml, the assignments, the published finals), said
/// as [`plain`] says serde's. A key set twice is named,
/// with its table and the line it was first set at: toml says only "duplicate key" under the
/// second.
///
/// The line it points into is quoted as toml quotes it, with a caret under the fault, but shown
/// as [`crate::sanitize::file_line`] shows a file's line (toml quoted it raw: a zero-width space
/// in it unseen, an escape sequence dropped on the way to the terminal) and the caret placed by
/// the columns the shown line takes on screen.
pub fn toml_error(text: &str, error: toml::de::Error) -> String {
    let Some(span) = error.span() else {
        // The reader gives up on nesting past its limit with no place: the deepest line is the
        // one to look at (20,000 dotted parts had said only "recursion limit").
        if error.message().contains("recursion limit") {
            return deepest(text);
        }
        return plain(&error.to_string());
    };
    if error.message().trim() == "duplicate key"
        && let Some(said) = duplicate(text, span.start)
    {
        return said;
    }
    let message = plain(error.message().trim_end());
    let (Some(before), Some(at)) = (text.get(..span.start.min(text.len())), text.get(span.clone())) else {
        return message;
    };
    let number = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |n| n + 1);
    let line = text[start..].split('\n').next().unwrap_or_default().trim_end_matches('\r');
    let lead = &before[start..];
    let column = lead.chars().count() + 1;
    // A line of thousands of characters is shown around the caret, not whole: its secrets are
    // left out of the whole line first, as a cut inside a secret key's value would show its
    // tail with no `key =` left to know it by. The caret stays where it was, or (inside a secret)
    // at the end of what stands for it.
    let (hidden, hidden_lead) = (crate::sanitize::without_secrets(line), crate::sanitize::without_secrets(lead));
    let caret = if hidden.starts_with(&hidden_lead) { hidden_lead.len() } else { hidden.len() };
    let (line, lead) = around(&hidden, caret);
    let marked = at.split('\n').next().unwrap_or_default();
    let shown = |t: &str| crate::sanitize::file_line(t);
    let gutter = " ".repeat(number.to_string().len() + 1);
    format!(
        "{TOML_SYNTAX} at line {number}, column {column}\n{gutter}|\n{number} | {}\n{gutter}| {}{}\n{message}",
        shown(&line),
        " ".repeat(crate::text_width::width(&shown(&lead))),
        "^".repeat(crate::text_width::width(&shown(marked)).max(1)),
    )
}

/// The most characters of a line shown on each side of a parse error's caret.
const AROUND: usize = 60;

/// `line` cut to [`AROUND`] characters each side of byte `at`, marked with "…" where cut, and
/// what of it comes before `at`.
fn around(line: &str, at: usize) -> (String, String) {
    let at = at.min(line.len());
    let (before, after) = line.split_at(at);
    let kept_before: String = before.chars().rev().take(AROUND).collect::<Vec<_>>().into_iter().rev().collect();
    let cut_before = kept_before.len() < before.len();
    let kept_after: String = after.chars().take(AROUND).collect();
    let cut_after = kept_after.len() < after.len();
    let lead = format!("{}{kept_before}", if cut_before { "…" } else { "" });
    (format!("{lead}{kept_after}{}", if cut_after { "…" } else { "" }), lead)
}

/// What to say of a file nested past the reader's limit: its deepest line by the dots and
/// brackets on it, cut short.
fn deepest(text: &str) -> String {
    let depth = |l: &str| l.chars().filter(|c| matches!(c, '.' | '[' | '{')).count();
    let (number, line) =
        text.lines().enumerate().max_by_key(|(n, l)| (depth(l), std::cmp::Reverse(*n))).unwrap_or((0, ""));
    let (shown, _) = around(line, 0);
    format!(
        "line {} (`{}`): keys, tables or arrays nested too deep to read (the reader's recursion limit); judging.toml needs a few levels at most",
        number + 1,
        crate::sanitize::file_line(&shown)
    )
}

/// What to say of the key or table header at byte `at` of `text`, set a second time: which, in
/// which table, and where first; `None` where that cannot be told from the lines.
fn duplicate(text: &str, at: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let second = text.get(..at)?.matches('\n').count();
    let line = lines.get(second)?.trim();
    let header = |l: &str| l.trim().starts_with('[').then(|| header_of(l)).flatten();
    let first_line = |n: usize| format!("line {}", n + 1);
    let said = if let Some(table) = header(line) {
        // A table's header written twice: its keys were meant for one table.
        let first = lines[..second].iter().position(|l| header(l).is_some_and(|h| h == table));
        let first = first.map_or(String::new(), |n| format!(" (first at {})", first_line(n)));
        format!("the table {table} is written twice{first}: put its keys under one {table}")
    } else {
        let key = line.split('=').next()?.trim().trim_matches(['"', '\'']);
        // The table it is in: the last header above it, else the top of the file.
        let start = lines[..second].iter().rposition(|l| header(l).is_some());
        let table = start
            .and_then(|n| header(lines[n]))
            .map_or_else(|| "at the top of the file".to_owned(), |t| format!("in {t}"));
        let first = lines[start.map_or(0, |n| n + 1)..second]
            .iter()
            .position(|l| l.split_once('=').is_some_and(|(k, _)| k.trim().trim_matches(['"', '\'']) == key))
            .map_or(String::new(), |n| format!(" (first at {})", first_line(n + start.map_or(0, |s| s + 1))));
        format!("`{}` is set twice {table}{first}: keep one", crate::sanitize::file_line(key))
    };
    Some(format!("line {} (`{}`): {said}", second + 1, crate::sanitize::file_line(line)))
}

/// A table header's name as written, `[event]` or `[[prizes]]`, without a comment after it.
fn header_of(line: &str) -> Option<String> {
    let line = line.trim();
    let end = if line.starts_with("[[") { line.find("]]")? + 2 } else { line.find(']')? + 1 };
    let inner: String = line[..end].chars().filter(|c| !c.is_whitespace()).collect();
    Some(inner)
}

/// The words serde lists in backquotes (`` `a`, `b` `` or `` `a` or `b` ``), in its order.
pub fn listed_words(expected: &str) -> Vec<&str> {
    expected.split('`').skip(1).step_by(2).collect()
}

/// serde's "unknown variant `calibrate`, expected one of …" (or "unknown field"), with the
/// nearest of its words suggested after it, where one is near: `None` for any other message.
fn with_nearest(line: &str) -> Option<String> {
    let (said, place) = line.rfind(" at line ").map_or((line, ""), |at| line.split_at(at));
    let start = said.find("unknown variant `").or_else(|| said.find("unknown field `"))?;
    let (_, rest) = said[start..].split_once('`')?;
    let (typed, expected) = rest.split_once("`, expected ")?;
    // An empty word is what judging.toml's reader gives to learn a key's words: none is near.
    if typed.is_empty() {
        return None;
    }
    let near = crate::format::look_alike(typed, listed_words(expected), 1);
    let near = near.first()?;
    Some(format!("{said}: did you mean `{near}`?{place}"))
}

fn plain_line(line: &str) -> String {
    if let Some(said) = with_nearest(line) {
        return said;
    }
    // serde_json's words for half of a character written as an escape (`\ud800` alone): "end of
    // hex escape" read as an escape cut short, which it is not.
    for phrase in ["unexpected end of hex escape", "lone leading surrogate in hex escape"] {
        if let Some(start) = line.find(phrase) {
            return format!("{}{LONE_HALF}{}", &line[..start], &line[start + phrase.len()..]);
        }
    }
    // toml's own words for a value where one of a key's words goes (`conflicts = []` for
    // "flag" or "exclude"); which words, the README's reference and the file's comments say.
    if let Some(start) = line.find(TOML_CHOICE) {
        return format!("{}{CHOICE_SAID}{}", &line[..start], &line[start + TOML_CHOICE.len()..]);
    }
    for (phrase, kind) in PHRASES {
        let Some(start) = line.find(phrase) else { continue };
        let rest = &line[start + phrase.len()..];
        // serde_json ends its message with where it was: kept as it was said.
        let (said, place) = rest.rfind(" at line ").map_or((rest, ""), |at| rest.split_at(at));
        let Some(comma) = said.rfind(", expected ") else { continue };
        let (found, expected) = (&said[..comma], &said[comma + ", expected ".len()..]);
        let needed = needed(expected);
        let reworded = match kind {
            // A number too large for any integer (serde's "integer `…` as i128") where a number
            // goes: out of range, said with the number as the file has it.
            Kind::Type if (found.ends_with(" as i128") || found.ends_with(" as u128")) && needed.contains("number") => {
                format!("{} is out of range: {needed} is needed", value_of(found))
            }
            Kind::Type => format!("{}, where {needed} is needed{}", found_words(found), hint(found, expected)),
            Kind::Value if found.starts_with("string ") => {
                format!("{}, where {needed} is needed", found_words(found))
            }
            Kind::Value => format!("{} is out of range: {needed} is needed", value_of(found)),
            Kind::Length => format!("a list of {found} items, where {needed} is needed"),
        };
        return format!("{}{reworded}{place}", &line[..start]);
    }
    line.to_owned()
}

/// What serde found, as the file's author wrote it.
fn found_words(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return format!("the text {text}");
    }
    if found.starts_with("integer ") || found.starts_with("floating point ") {
        return format!("the number {}", value_of(found));
    }
    if let Some(truth) = found.strip_prefix("boolean ") {
        return format!("the value {}", truth.trim_matches('`'));
    }
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "a table".to_owned(),
        "unit value" | "null" => "an empty value".to_owned(),
        other => other.to_owned(),
    }
}

/// A number serde quoted in backquotes (`` integer `5` ``, `` integer `5` as i128 ``), without
/// them and its kind: the value as the file has it, never the type serde read it as.
fn value_of(found: &str) -> &str {
    if let Some((_, rest)) = found.split_once('`')
        && let Some((value, _)) = rest.split_once('`')
    {
        return value;
    }
    found.rsplit(' ').next().unwrap_or(found)
}

/// What serde expected, in words: Rust's type names become the kind of value and its range.
fn needed(expected: &str) -> String {
    let words = match expected {
        "f64" | "f32" => "a number",
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" | "u64" | "usize" | "u128" => "a whole number of 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" | "i128" => "a whole number",
        "a string" | "a borrowed string" | "string" | "a char" => "text in quotes",
        "a boolean" | "bool" => "true or false",
        "a sequence" => "a list in square brackets",
        "a map" => "a table",
        "fewer elements in array" => "a shorter list",
        "more elements in array" => "a longer list",
        _ if expected.starts_with("struct ") => "a table",
        // A count from 1 (a place): serde's NonZero types.
        _ if expected.starts_with("a nonzero u") => "a whole number of 1 or more",
        _ if expected.starts_with("a nonzero i") => "a whole number other than 0",
        other => {
            if let Some(n) =
                other.strip_prefix("an array of length ").or_else(|| other.strip_prefix("a tuple of size "))
            {
                return format!("a list of {n} items");
            }
            return other.to_owned();
        }
    };
    words.to_owned()
}

/// How to write the value so that it reads, where that is plain: a number in quotes written
/// without them, a number where text goes put in quotes.
fn hint(found: &str, expected: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        let inner = text.trim_matches('"').trim();
        if fits(inner, expected) {
            return format!(": write it without quotes, {inner}");
        }
        if matches!(expected, "a boolean" | "bool") && matches!(inner, "true" | "false") {
            return format!(": write it without quotes, {inner}");
        }
        return String::new();
    }
    let text_expected = needed(expected) == "text in quotes";
    if text_expected && (found.starts_with("integer ") || found.starts_with("floating point ")) {
        return format!(": put it in quotes, \"{}\"", value_of(found));
    }
    String::new()
}

/// Whether `text`, unquoted, is a value serde's `expected` takes: a finite number for a float,
/// a whole number in range for an integer type. A hint to unquote "2.5" where a whole number
/// goes, or "300" where 0-255 goes, would be another wrong value.
fn fits(text: &str, expected: &str) -> bool {
    let whole = text.parse::<i128>().ok();
    match expected {
        "f64" | "f32" => text.parse::<f64>().is_ok_and(f64::is_finite),
        "u8" => whole.is_some_and(|v| u8::try_from(v).is_ok()),
        "u16" => whole.is_some_and(|v| u16::try_from(v).is_ok()),
        "u32" | "u64" | "usize" | "u128" => whole.is_some_and(|v| v >= 0),
        "i8" | "i16" | "i32" | "i64" | "isize" | "i128" => whole.is_some(),
        _ if expected.starts_with("a nonzero u") => whole.is_some_and(|v| v >= 1),
        _ if expected.starts_with("a nonzero i") => whole.is_some_and(|v| v != 0),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    /// A secret key too long to be quoted whole is left out of a syntax error's line all the
    /// same: the line was cut around the caret first, past its `key =`, and the key's tail shown.
    #[test]
    fn a_long_secret_key_is_left_out_of_a_syntax_error() {
        let secret = format!("{}TOPSECRETTAIL{}", "A".repeat(70), "B".repeat(40));
        for text in [
            format!("[[judges]]\nname = \"ana\"\nkey = \"{secret}\" oops\n"),
            format!("judges = [{{ name = \"ana\", key = \"{secret}\" }}] junk\n"),
        ] {
            let said = super::toml_error(&text, toml::from_str::<toml::Table>(&text).expect_err("junk after"));
            assert!(!said.contains("TOPSECRET") && !said.contains("BBBB"), "{said}");
            assert!(said.contains('^'), "{said}");
        }
    }

    /// A syntax error on one line keeps where and what, not the caret drawn under the line.
    #[test]
    fn a_syntax_error_on_one_line_says_where_and_what() {
        let text = "a = 1\nb = [\n";
        let said = super::toml_error(text, toml::from_str::<toml::Table>(text).expect_err("unclosed"));
        let one = super::one_line(&said);
        assert!(one.starts_with("TOML parse error at line ") && !one.contains('\n') && !one.contains('^'), "{one}");
        assert!(one.ends_with(said.lines().next_back().unwrap_or_default()), "{one}");
        assert_eq!(super::one_line("line 4: no such prize"), "line 4: no such prize");
        assert!(super::one_line(&format!("decisions.toml: {said}")).starts_with("decisions.toml: TOML parse error"));
        assert!(!super::one_line(&format!("decisions.toml: {said}")).contains('^'));
    }

    /// A file nested past the reader's limit is said at its deepest line, cut short; a parse
    /// error on a line of thousands of characters shows the line around the caret, at its true
    /// column, not the whole line.
    #[test]
    fn a_deep_or_long_line_is_said_at_its_place_and_cut_short() {
        let dotted = format!("[x]\na{} = 1\n", ".a".repeat(20_000));
        let said = super::toml_error(&dotted, toml::from_str::<toml::Table>(&dotted).expect_err("too deep"));
        assert!(said.starts_with("line 2 (`a.a.a"), "{said}");
        assert!(said.contains("nested too deep to read") && said.len() < 400, "{said}");
        let nested = format!("x = {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let said = super::toml_error(&nested, toml::from_str::<toml::Table>(&nested).expect_err("too deep"));
        assert!(said.len() < 600, "cut around the caret: {} characters", said.len());
        let column: usize = said
            .split("column ")
            .nth(1)
            .and_then(|r| r.split('\n').next())
            .and_then(|c| c.parse().ok())
            .unwrap_or_default();
        assert!(column > 60, "the true column, not the cut line's: {said}");
        let short = "x = [1, 2\n";
        let said = super::toml_error(short, toml::from_str::<toml::Table>(short).expect_err("unclosed"));
        assert!(said.contains("1 | x = [1, 2") && !said.contains('…'), "a short line whole: {said}");
    }

    /// Half of a character written as an escape, alone: said as what it is, where serde_json
    /// said "unexpected end of hex escape" of an escape that is whole.
    #[test]
    fn a_lone_half_of_a_character_is_said_as_one() {
        let text = r#"{"note": "fine\ud800"}"#;
        let said = plain(&serde_json::from_str::<serde_json::Value>(text).expect_err("lone half").to_string());
        assert!(said.starts_with("a \\u escape that is half of a character"), "{said}");
        assert!(said.ends_with("at line 1 column 21"), "where it is, kept: {said}");
    }

    #[test]
    fn serde_messages_are_said_in_the_files_words() {
        let cases = [
            (
                r#"invalid type: string "2", expected f64"#,
                r#"the text "2", where a number is needed: write it without quotes, 2"#,
            ),
            (
                "invalid type: integer `5`, expected a string",
                r#"the number 5, where text in quotes is needed: put it in quotes, "5""#,
            ),
            (r#"invalid type: string "yes", expected a boolean"#, r#"the text "yes", where true or false is needed"#),
            (
                r#"invalid type: string "true", expected a boolean"#,
                r#"the text "true", where true or false is needed: write it without quotes, true"#,
            ),
            ("invalid type: sequence, expected a string", "a list, where text in quotes is needed"),
            ("invalid type: map, expected i64", "a table, where a whole number is needed"),
            ("invalid type: floating point `2.5`, expected i64", "the number 2.5, where a whole number is needed"),
            ("invalid type: boolean `true`, expected struct Event", "the value true, where a table is needed"),
            (
                "invalid value: integer `300`, expected u8",
                "300 is out of range: a whole number from 0 to 255 is needed",
            ),
            (
                "invalid value: integer `-1`, expected usize",
                "-1 is out of range: a whole number of 0 or more is needed",
            ),
            ("invalid length 3, expected an array of length 2", "a list of 3 items, where a list of 2 items is needed"),
            // A quoted value is told to lose its quotes only where it would then be right.
            (
                r#"invalid type: string "2.5", expected usize"#,
                r#"the text "2.5", where a whole number of 0 or more is needed"#,
            ),
            (
                r#"invalid type: string "300", expected u8"#,
                r#"the text "300", where a whole number from 0 to 255 is needed"#,
            ),
            (r#"invalid type: string "inf", expected f64"#, r#"the text "inf", where a number is needed"#),
            (
                r#"invalid type: string "-1", expected i64"#,
                r#"the text "-1", where a whole number is needed: write it without quotes, -1"#,
            ),
            // A text out of range is not cut at its space.
            (r#"invalid value: string "a b", expected a date"#, r#"the text "a b", where a date is needed"#),
            // serde_json's place and the reader's own prefix are kept.
            (
                "\"sprout\": invalid type: integer `1`, expected a list of values at line 1 column 20",
                "\"sprout\": the number 1, where a list of values is needed at line 1 column 20",
            ),
            (
                "wanted string or table",
                "a value of another kind, where one of this key's words goes, in quotes (judging.toml's comments and the README's reference list them)",
            ),
            // A message of another kind is left alone.
            ("missing field `id`", "missing field `id`"),
            // An unknown word or key: the nearest of the words serde lists, where one is near.
            (
                "unknown field `wieght`, expected one of `id`, `weight`",
                "unknown field `wieght`, expected one of `id`, `weight`: did you mean `weight`?",
            ),
            (
                "unknown variant `calibrate`, expected one of `calibrated`, `mean`, `sum`",
                "unknown variant `calibrate`, expected one of `calibrated`, `mean`, `sum`: did you mean `calibrated`?",
            ),
            (
                "unknown variant `flagg`, expected `flag` or `exclude` at line 1 column 9",
                "unknown variant `flagg`, expected `flag` or `exclude`: did you mean `flag`? at line 1 column 9",
            ),
            (
                "unknown variant `xyz`, expected `flag` or `exclude`",
                "unknown variant `xyz`, expected `flag` or `exclude`",
            ),
            ("unknown variant ``, expected `flag` or `exclude`", "unknown variant ``, expected `flag` or `exclude`"),
        ];
        for (said, meant) in cases {
            assert_eq!(plain(said), meant, "{said}");
        }
    }

    #[test]
    fn a_text_that_holds_serdes_words_is_read_to_its_last_expected() {
        // The found text itself says ", expected ": the phrase is cut at the last one.
        let said = r#"invalid type: string "a, expected b", expected f64"#;
        assert_eq!(plain(said), r#"the text "a, expected b", where a number is needed"#);
    }

    #[test]
    fn each_line_is_reworded_on_its_own() {
        let said = "line 3: invalid type: string \"x\", expected u8\nline 9: missing field `id`";
        assert_eq!(
            plain(said),
            "line 3: the text \"x\", where a whole number from 0 to 255 is needed\nline 9: missing field `id`"
        );
    }
}
