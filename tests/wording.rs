//! What the source says to people, read as text: no count is written "judge(s)", "file(s)";
//! each goes through `format::count`, which says "1 judge", "2 judges".

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `at` in `line` falls inside a string literal: after an odd number of unescaped quotes.
fn in_string(line: &str, at: usize) -> bool {
    let bytes = line.as_bytes();
    let quotes = (0..at).filter(|k| bytes[*k] == b'"' && (*k == 0 || bytes[k - 1] != b'\\')).count();
    quotes % 2 == 1
}

/// Where a string literal on a line of code (not a comment) has a word followed by "(s)", other
/// than "http(s)".
fn hedged_plurals(text: &str) -> Vec<usize> {
    code_lines_where(text, |line| {
        line.match_indices("(s)").any(|(at, _)| {
            let before = &line[..at];
            in_string(line, at) && before.ends_with(|c: char| c.is_ascii_alphabetic()) && !before.ends_with("http")
        })
    })
}

/// The numbers (from 1) of the lines of code, not comments, that `found` holds true of.
fn code_lines_where(text: &str, found: impl Fn(&str) -> bool) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| found(line))
        .map(|(k, _)| k + 1)
        .collect()
}

/// Every `file:line` of `src` (but the files in `except`, paths from `src`) where `scan` finds
/// something.
fn scan_sources(except: &[&str], scan: fn(&str) -> Vec<usize>) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let except: Vec<_> = except.iter().map(|path| src.join(path)).collect();
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !except.contains(f)) {
        let text = std::fs::read_to_string(file).expect("source");
        found.extend(scan(&text).into_iter().map(|line| format!("{}:{line}", file.display())));
    }
    found
}

#[test]
fn no_output_hedges_a_plural_with_s_in_brackets() {
    let found = scan_sources(&[], hedged_plurals);
    assert!(found.is_empty(), "say \"1 judge\" or \"2 judges\" with format::count:\n{}", found.join("\n"));
}

#[test]
fn the_scan_finds_a_hedged_plural_and_spares_http_s_and_comments() {
    let text = "let a = \"judge(s)\";\n// a comment about file(s)\nlet b = \"http(s) URL\";\nlet c = f(s);";
    assert_eq!(hedged_plurals(text), [1]);
}

/// Where a format string on a line of code writes a number straight before a per cent sign
/// (`{:.0}%`, `{pct:.1}%`): a share shown so is rounded its own way, and a chart said 22% where
/// its table said 21%. Every share goes through `format::percent`, which `src/format.rs` keeps.
fn percent_by_hand(text: &str) -> Vec<usize> {
    code_lines_where(text, |line| line.match_indices("}%").any(|(at, _)| in_string(line, at)))
}

#[test]
fn every_share_is_shown_by_format_percent() {
    let found = scan_sources(&["format.rs"], percent_by_hand);
    assert!(
        found.is_empty(),
        "show a share with format::percent, one rounding for every output:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_a_share_written_by_hand() {
    let text = "let a = format!(\"{:.0}% sure\", x);\n// {:.0}% in a comment\nlet b = format!(\"{}\", percent(x));";
    assert_eq!(percent_by_hand(text), [1]);
}

/// Where a line of code asks whether standard error is a terminal: progress is said only where
/// `progress::shown` says, which `--quiet` also silences (`results -q` still said "Applying 8
/// prizes…" on a terminal, asking the terminal itself).
fn terminal_asked_by_hand(text: &str) -> Vec<usize> {
    code_lines_where(text, |line| line.contains("stderr().is_terminal()"))
}

#[test]
fn progress_is_said_only_where_progress_shown_says() {
    let found = scan_sources(&["progress.rs"], terminal_asked_by_hand);
    assert!(found.is_empty(), "ask progress::shown(), which --quiet silences:\n{}", found.join("\n"));
}

#[test]
fn the_scan_finds_a_terminal_asked_by_hand() {
    let text =
        "let p = std::io::stderr().is_terminal();\n// stderr().is_terminal() in a comment\nlet q = progress::shown();";
    assert_eq!(terminal_asked_by_hand(text), [1]);
}

/// Where a line of code prints its own `warning:`, `error:` or `note:` line: each goes through
/// `commands::stderr`, which wraps it between words on a terminal (`judging score`'s conflict
/// warning, and the errors of `sync`, `results` and `import-scores`, had been cut mid-word at a
/// terminal's edge). The binary's panic hook and its check of a closed output, which run where
/// nothing else may, print their own.
fn said_by_hand(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        // `eprintln!(` alone on its line, rustfmt's way with a long message, takes the next.
        let next = if line.trim_end().ends_with("eprintln!(") { lines.get(k + 1).map_or("", |l| l.trim()) } else { "" };
        let call = format!("{}{next}", line.trim_end());
        if ["eprintln!(\"warning:", "eprintln!(\"error:", "eprintln!(\"note:"].iter().any(|p| call.contains(p)) {
            found.push(k + 1);
        }
    }
    found
}

#[test]
fn every_warning_and_error_is_said_through_commands_stderr() {
    let found = scan_sources(&["commands/stderr.rs", "main.rs"], said_by_hand);
    assert!(
        found.is_empty(),
        "say it with commands::stderr::warn or say, wrapped on a terminal:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_a_warning_said_by_hand() {
    let text = "eprintln!(\"warning: {w}\");\n// eprintln!(\"error: x\") in a comment\nstderr::warn(&w);\n    eprintln!(\n        \"error: {e}\",\n    );";
    assert_eq!(said_by_hand(text), [1, 4]);
}

/// Where a line of code measures text by unicode-width: the crate itself (`unicode_width`,
/// `UnicodeWidthStr`, `UnicodeWidthChar`) or a `.width()` call, which is its `str::width` or
/// ratatui's `Line::width`/`Span::width` (unicode-width over the whole text). Each adds widths
/// over a string where the screen lays it out letter by letter (grapheme cluster), and they
/// disagree: "السلام" is 5 columns to unicode-width (its lam-alef one) and 6 on screen, and a
/// list's columns, a table's and a wrapped warning's lines had stood a column off for it.
/// Text is measured and cut by `text_width` alone, which keeps the rule, and uses the crate.
fn measured_by_unicode_width(text: &str) -> Vec<usize> {
    code_lines_where(text, |line| {
        line.contains("unicode_width") || line.contains("UnicodeWidth") || line.contains(".width()")
    })
}

#[test]
fn text_is_measured_by_text_width_alone() {
    let found = scan_sources(&["text_width.rs"], measured_by_unicode_width);
    assert!(
        found.is_empty(),
        "measure and cut text with crate::text_width (width, pad, pad_left, take, fit), as the screen draws it:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_text_measured_by_unicode_width() {
    let text = "use unicode_width::UnicodeWidthStr;\nlet w = title.width();\n// .width() in a comment\nlet w = crate::text_width::width(title);\nlet n = UnicodeWidthChar::width(c);\nlet r = area.width;";
    assert_eq!(measured_by_unicode_width(text), [1, 2, 5]);
}
