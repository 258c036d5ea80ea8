//! Untrusted text made safe to draw or print.
//!
//! Titles, descriptions and notes come from exports, score files and the Hub. They are stored as
//! given, and pass through here on their way to a terminal, a table or a report, so that no escape
//! sequence can move the cursor, retitle the window, hide text or fake a hyperlink.

/// Text for a multi-line area (a description, a note): keeps newlines and tabs, drops everything
/// else that a terminal would act on.
pub fn clean_block(raw: &str) -> String {
    clean(raw, false)
}

/// Text for one cell or one line of output: as [`clean_block`], with newlines and tabs folded into
/// single spaces.
pub fn clean_line(raw: &str) -> String {
    clean(raw, true)
}

fn clean(raw: &str, one_line: bool) -> String {
    // Most text is plain: skip the character-by-character copy for it.
    let plain = |c: char| match c {
        '\n' | '\t' => !one_line,
        c => !is_unsafe(c),
    };
    if raw.chars().all(plain) {
        return if one_line { raw.trim() } else { raw }.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // A lone CSI, OSC or DCS introducer in its 8-bit form starts a sequence too.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\r' => {
                // CRLF is a newline; a lone CR would let a later part overwrite the line.
                if chars.peek() != Some(&'\n') {
                    push_space(&mut out, one_line, '\n');
                }
            }
            '\n' | '\t' if one_line => push_space(&mut out, true, c),
            '\n' | '\t' => out.push(c),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    if one_line { out.trim().to_owned() } else { out }
}

fn push_space(out: &mut String, one_line: bool, otherwise: char) {
    if !one_line {
        out.push(otherwise);
    } else if !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Characters a terminal acts on rather than shows: C0 and C1 controls, DEL, and the Unicode
/// bidirectional overrides that can make text read differently from what it is.
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{061c}')
        || c == '\u{fffe}'
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: drop the whole sequence, whatever its kind.
fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        // OSC, DCS, SOS, PM, APC: strings ended by BEL or ST (ESC \).
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character sequences (ESC 7, ESC c, ...) and charset selections (ESC ( B).
        Some('(' | ')' | '*' | '+' | '#' | '%' | ' ') => {
            chars.next();
        }
        _ => {}
    }
}

/// A CSI sequence: parameter and intermediate bytes, then one final byte in @..~.
fn skip_until_final(chars: &mut Chars) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            return;
        }
        if !(' '..='?').contains(&c) {
            // Not a well-formed sequence: stop, dropping only what was consumed.
            return;
        }
    }
}

fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' if chars.peek() == Some(&'\\') => {
                chars.next();
                return;
            }
            _ => {}
        }
    }
}

/// Cuts `text` to at most `width` terminal columns, ending in `…` when it was cut.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// A cell for a CSV file that a spreadsheet will open: a leading `=`, `+`, `-`, `@`, tab or CR
/// would make it a formula, so such cells get a leading apostrophe (OWASP's advice).
pub fn csv_cell(raw: &str) -> String {
    let clean = clean_line(raw);
    if clean.starts_with(['=', '+', '-', '@']) || raw.starts_with(['\t', '\r']) { format!("'{clean}") } else { clean }
}

/// A histogram as one bar character per scale point, scaled to the largest bin.
pub fn bars(histogram: &[usize]) -> String {
    const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let most = histogram.iter().copied().max().unwrap_or(0).max(1);
    histogram.iter().map(|n| LEVELS[(n * 8).div_ceil(most).min(8)]).collect::<String>()
}

/// How long ago an ISO 8601 UTC timestamp (`2026-06-21T10:00:00.000Z`) was, in words:
/// "just now", "5 min ago", "3 h ago", "2 days ago"; the timestamp itself if it cannot be read.
pub fn age(timestamp: &str, now_unix: i64) -> String {
    let parse = || -> Option<i64> {
        let (date, time) = timestamp.split_once('T')?;
        let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
        let (y, m, day) = (d.next()??, d.next()??, d.next()??);
        let mut t = time.trim_end_matches('Z').split(':').map(|p| p.split('.').next()?.parse::<i64>().ok());
        let (hh, mm, ss) = (t.next()??, t.next()??, t.next()??);
        // Days from the civil date (Howard Hinnant's algorithm), then seconds.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some((era * 146_097 + doe - 719_468) * 86_400 + hh * 3600 + mm * 60 + ss)
    };
    let Some(then) = parse() else { return format!("fetched {}", clean_line(timestamp)) };
    let ago = (now_unix - then).max(0);
    match ago {
        0..60 => "fetched just now".into(),
        60..3600 => format!("fetched {} min ago", ago / 60),
        3600..86_400 => format!("fetched {} h ago", ago / 3600),
        _ => format!("fetched {} days ago", ago / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_what_a_terminal_would_act_on() {
        let cases = [
            ("plain title", "plain title"),
            ("\u{1b}[31mred\u{1b}[0m", "red"),
            ("\u{1b}[2J\u{1b}[Hcleared", "cleared"),
            ("\u{1b}]0;pwned\u{7}title", "title"),
            ("\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\", "link"),
            ("\u{9b}31mC1 csi", "C1 csi"),
            ("bell\u{7}and\u{8}backspace\u{7f}", "bellandbackspace"),
            ("rtl \u{202e}gnp.exe", "rtl gnp.exe"),
            ("over\rwrite", "over\nwrite"),
            ("crlf\r\nline", "crlf\nline"),
            ("tab\tkept\nand newline", "tab\tkept\nand newline"),
            ("ünïcødé ✓ 日本", "ünïcødé ✓ 日本"),
            ("trailing escape \u{1b}", "trailing escape "),
            ("\u{1b}(Bcharset", "charset"),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_block(raw), want, "input {raw:?}");
        }
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(clean_line("  two\nlines\t\tand\r\ncrlf "), "two lines and crlf");
        assert_eq!(clean_line("\u{1b}[1mbold\u{1b}[0m\n"), "bold");
    }

    #[test]
    fn fit_cuts_by_columns_not_bytes() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("a longer title", 8), "a longe…");
        assert_eq!(fit("日本語のタイトル", 7), "日本語…");
    }

    #[test]
    fn csv_cells_cannot_become_formulas() {
        let cases = [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'=1"),
            ("fine", "fine"),
            ("a=b", "a=b"),
        ];
        for (raw, want) in cases {
            assert_eq!(csv_cell(raw), want, "input {raw:?}");
        }
    }

    #[test]
    fn ages_read_as_words() {
        // 2026-06-21T10:00:00Z is 1_782_036_000.
        let then = "2026-06-21T10:00:00.000Z";
        let cases = [
            (0, "fetched just now"),
            (59, "fetched just now"),
            (300, "fetched 5 min ago"),
            (3 * 3600 + 5, "fetched 3 h ago"),
            (2 * 86_400, "fetched 2 days ago"),
        ];
        for (later, want) in cases {
            assert_eq!(age(then, 1_782_036_000 + later), want);
        }
        assert_eq!(age("yesterday", 0), "fetched yesterday");
    }
}
