//! Untrusted text made safe to draw or print.
//!
//! Titles, descriptions and notes come from exports, score files and the Hub. They are stored as
//! given, and pass through here on their way to a terminal, a table or a report, so that no escape
//! sequence can move the cursor, retitle the window, hide text or fake a hyperlink.

/// Text for a multi-line area (a description, a note): keeps newlines, drops everything else
/// that a terminal would act on, and makes a tab a space (a screen draws a tab as nothing, which
/// joined the words either side of it).
pub fn clean_block(raw: &str) -> String {
    clean(raw, false, Hidden::Kept)
}

/// A character typed into a text box, as the text it makes: what a paste of it makes
/// ([`clean_block`]), so a bidi override or a control typed (or sent as keys by a terminal
/// that pastes without brackets) is nothing, and a line separator a line break; in a box of one
/// line, a space.
pub fn typed(c: char, one_line: bool) -> String {
    let text = clean_block(c.encode_utf8(&mut [0; 4]));
    if one_line { text.replace('\n', " ") } else { text }
}

/// Text for one cell or one line of output: as [`clean_block`], with newlines and tabs folded into
/// single spaces.
pub fn clean_line(raw: &str) -> String {
    clean(raw, true, Hidden::Kept)
}

/// What [`clean`] does with a character a reader could not see ([`hides`]) that is not part of
/// an escape sequence or a line break.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hidden {
    /// Kept, but for one a terminal acts on ([`is_unsafe`]), dropped: text drawn on a screen,
    /// where a zero-width space does no harm and a joiner makes one emoji of three.
    Kept,
    /// Dropped, but for a joiner that joins two letters beyond ASCII ([`joins`]) and a flag's
    /// tag sequence ([`flag_tags`]), and a private-use character drawn as U+FFFD: text on a
    /// screen whose layout counts every cell ([`screen_line`]).
    Dropped,
    /// Shown as its escape (`\u{200b}`), but for a joiner that joins two letters beyond ASCII
    /// ([`joins`]) and a flag's tag sequence ([`flag_tags`]): text a reader compares and copies,
    /// in a data file with no escapes of its own.
    Shown,
}

/// A name that must stay recognisable, such as a file's path from the command line: each
/// character a terminal would act on, or a reader could not see ([`hides`]), is shown as its
/// escape (`\u{1b}`, `\u{200b}`) rather than dropped, so the name printed is the name given
/// ("ana\u{200b}" is not printed as the "ana" it would pass for), and nothing in it reaches
/// the terminal.
pub fn visible(raw: &str) -> String {
    if !raw.chars().any(hides) {
        return raw.to_owned();
    }
    raw.chars().map(|c| if hides(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// A line of a file quoted in a message at its problem (judging.toml's "line 6 (`…`)", the line
/// toml points its caret into, a key set twice): tabs as spaces, and every other character a
/// reader could not see shown as its escape ([`visible`]), so the line quoted is the line in
/// the file. Cleaned as a title is, a zero-width space had been quoted invisibly beside a
/// message that named it, and a direction mark or an escape sequence dropped, so the faulty line
/// read as a sound one. A judge's secret key on it and a token in an address are left out
/// ([`without_secret_keys`], [`crate::net::without_credentials`]): every quoted line passes
/// here, and `check`'s output is pasted into chats.
pub fn file_line(raw: &str) -> String {
    visible(&without_secrets(raw).replace('\t', " "))
}

/// A line of a file with its secrets left out, nothing else changed: a judge's secret key
/// ([`without_secret_keys`]) and a token in an address ([`crate::net::without_credentials`]).
/// What [`file_line`] quotes; a caller that cuts a long line short hides them in the whole line
/// first, as a cut inside a value no longer shows the `key =` it belongs to.
pub fn without_secrets(raw: &str) -> String {
    crate::net::without_credentials(&without_secret_keys(raw))
}

/// A line of judging.toml with the value of every `key` it sets (a judge's secret, as
/// `key = "…"` or within `{ name = "ana", key = "…" }`, however the word is cased: a mistyped
/// `Key` is quoted as an unknown key) left out.
fn without_secret_keys(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    // ASCII lowercase keeps every byte where it is: positions found in it hold in the line.
    // Lowered once: lowered again at each `key`, a hostile line of a million of them took
    // minutes to quote.
    let lower = line.to_ascii_lowercase();
    while let Some(at) = lower[line.len() - rest.len()..].find("key") {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        // The word `key` itself (not `public_key`), bare or quoted, then its `=`.
        let whole = before.chars().next_back().is_none_or(|c| matches!(c, ' ' | '\t' | '{' | ',' | '"' | '\''));
        // Where its `=` is, found after the word alone: sought through the rest of the line, a
        // line of the word a million times over took minutes.
        let value = after[3..].trim_start_matches(['"', '\'']).trim_start();
        if let Some(equals) = (whole && value.starts_with('=')).then(|| after.len() - value.len()) {
            out.push_str(&after[..=equals]);
            out.push_str(" \"…\"");
            let tail = after[equals + 1..].trim_start();
            rest = &tail[value_end(tail)..];
        } else {
            out.push_str(&after[..3]);
            rest = &after[3..];
        }
    }
    out.push_str(rest);
    out
}

/// Where a toml value at the start of `tail` ends: a quoted one at its closing quote (past any
/// escaped quote, a comma may be in it), a multi-line one at the line's end, a bare one where an
/// inline table goes on.
fn value_end(tail: &str) -> usize {
    if tail.starts_with("\"\"\"") || tail.starts_with("'''") {
        tail.len()
    } else if let Some(rest) = tail.strip_prefix('"') {
        let mut escaped = false;
        rest.char_indices()
            .find(|(_, c)| {
                let closes = *c == '"' && !escaped;
                escaped = *c == '\\' && !escaped;
                closes
            })
            .map_or(tail.len(), |(i, _)| i + 2)
    } else if let Some(rest) = tail.strip_prefix('\'') {
        rest.find('\'').map_or(tail.len(), |i| i + 2)
    } else {
        tail.find([',', '}']).unwrap_or(tail.len())
    }
}

/// A name that only looks like another ([`crate::model::skeleton`]), spelled out: every letter
/// outside ASCII shown as its code point, so "mir\u{430}" is not read as the "mira" it looks
/// like, and in double quotes as [`in_quotes`] gives them.
pub fn spelled(raw: &str) -> String {
    let cut = raw.chars().count() > QUOTED_AT_MOST;
    let shown: String = raw
        .chars()
        .take(QUOTED_AT_MOST)
        .map(|c| if c.is_ascii() && !hides(c) { c.to_string() } else { c.escape_unicode().to_string() })
        .collect();
    format!("\"{shown}{}\"", if cut { "…" } else { "" })
}

/// How much of a name or an id from another machine a message quotes.
const QUOTED_AT_MOST: usize = 40;

/// A name or an id from another machine, quoted in a message: its controls shown
/// ([`visible`]), and past [`QUOTED_AT_MOST`] characters cut with "…" (a 200,000-character id
/// made a 200 KB line).
pub fn quoted(raw: &str) -> String {
    let cut = raw.chars().count() > QUOTED_AT_MOST;
    let start: String = raw.chars().take(QUOTED_AT_MOST).collect();
    format!("{}{}", visible(&start), if cut { "…" } else { "" })
}

/// A value a message refuses, in double quotes as given: [`quoted`], so that a control in it is
/// shown, not dropped ("2026-06-20\u{1b}[2J" is not a real time; with its control dropped
/// it would look like one).
pub fn in_quotes(raw: &str) -> String {
    format!("\"{}\"", quoted(raw))
}

/// Whether `c` is one a reader cannot see: a control, a direction mark, or a zero-width or
/// invisible format character (a filler, a joiner, a tag character). A name holding one can pass
/// for another ("mi\u{200b}ra" for "mira").
pub fn hides(c: char) -> bool {
    is_unsafe(c)
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{3164}'
            | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}' | '\u{1d173}'..='\u{1d17a}'
            // Tag characters: invisible, and able to spell out a hidden text of their own.
            | '\u{e0000}'..='\u{e007f}')
}

fn clean(raw: &str, one_line: bool, hidden: Hidden) -> String {
    clean_or_as_given(raw, one_line, hidden).into_owned()
}

/// [`clean_line`], borrowed where the line needs no change but trimming: a table of 10,000
/// rows cleans two texts a row, nearly all of them plain.
pub fn clean_line_in_place(raw: &str) -> std::borrow::Cow<'_, str> {
    clean_or_as_given(raw, true, Hidden::Kept)
}

/// [`clean`], borrowed from `raw` where nothing in it is to change.
fn clean_or_as_given(raw: &str, one_line: bool, hidden: Hidden) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    // Most text is plain: skip the character-by-character copy for it.
    let plain = |c: char| match c {
        '\n' => !one_line,
        c if hidden == Hidden::Shown => !hides(c),
        c if hidden == Hidden::Dropped => !hides(c) && !private_use(c),
        c => !is_unsafe(c),
    };
    if raw.chars().all(plain) {
        return Cow::Borrowed(if one_line { raw.trim() } else { raw });
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
            '\t' => out.push(' '),
            '\n' => out.push(c),
            // A flag's tag sequence is one emoji, writing as a joiner in one is: kept whole.
            BLACK_FLAG if hidden != Hidden::Kept => {
                out.push(c);
                for _ in 0..flag_tags(chars.clone()) {
                    out.extend(chars.next());
                }
            }
            // On a screen, the line break it stands for; in a data file, its escape (below).
            '\u{2028}' | '\u{2029}' if hidden != Hidden::Shown => push_space(&mut out, one_line, '\n'),
            c if hidden == Hidden::Dropped && private_use(c) => out.push('\u{fffd}'),
            c if hidden == Hidden::Dropped && hides(c) => {
                if joins(out.chars().next_back(), c, chars.peek().copied()) {
                    out.push(c);
                }
            }
            c if hidden == Hidden::Shown && hides(c) && !joins(out.chars().next_back(), c, chars.peek().copied()) => {
                out.push_str(&c.escape_unicode().to_string());
            }
            c if hidden == Hidden::Kept && is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(if one_line { out.trim().to_owned() } else { out })
}

/// Whether `c` is a joiner that is writing, not hiding: a zero-width joiner or non-joiner
/// between two visible letters beyond ASCII, as in an emoji sequence ("👩\u{200d}💻") or a
/// Persian word's ZWNJ. Between ASCII letters ("mi\u{200d}ra") it only makes a name pass for
/// another.
fn joins(before: Option<char>, c: char, after: Option<char>) -> bool {
    let letter = |l: Option<char>| l.is_some_and(|l| !l.is_ascii() && !l.is_whitespace() && !hides(l));
    matches!(c, '\u{200c}' | '\u{200d}') && letter(before) && letter(after)
}

/// The black flag, the base of a subdivision's flag (Scotland's, England's, Wales's).
const BLACK_FLAG: char = '\u{1f3f4}';

/// How many of the characters after a [`BLACK_FLAG`] are its tag sequence, one emoji with it:
/// the tag characters spelling a subdivision's code as Unicode's flags do ("gbsct": a region,
/// then one to four letters or digits; lower case, three to seven in all), then CANCEL TAG.
/// Anything else (none, no CANCEL TAG, capitals, a longer run) is tag characters that can hide
/// a text of their own: 0, and they are dropped or shown one by one.
fn flag_tags(after: Chars) -> usize {
    let mut spelled = 0;
    for c in after.take(8) {
        match c {
            '\u{e007f}' if (3..=7).contains(&spelled) => return spelled + 1,
            '\u{e0030}'..='\u{e0039}' | '\u{e0061}'..='\u{e007a}' => spelled += 1,
            _ => return 0,
        }
    }
    0
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
        // The line and paragraph separators: a line's end to JavaScript, many Markdown renderers
        // and some CSV readers, so one split a table's row or a cell where nothing showed a break.
        || matches!(c, '\u{2028}' | '\u{2029}')
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

/// Text for Markdown (a cell, a list item), as entrants wrote it and nothing more: every
/// character Markdown or HTML would act on is escaped, so a title cannot become a `<script>`, a
/// `javascript:` link, a remote image or a split table cell. Parentheses are left as written:
/// in running text they are only ever a link's destination after a `]`, which is escaped, and
/// the sentences around a title ("Invoice Imp (invoice-imp)") read the same in every format.
/// And `$` where two could pair, which
/// GitHub reads as mathematics ("Garden $Gnome$" set as a formula). One alone ("$2,500") cannot
/// open one, and stays as written.
///
/// Beyond single characters: what would open a block at a line's start (a list, a rule, a
/// heading's `===` underline: a judge's note is printed a line at a time), a character
/// reference (`&#x202E;` shows as the bidi override it names), and what GitHub makes a link, a
/// notification or a picture of by itself in words that need no markup: a bare `https://` or
/// `www.` address (broken by a backslash where its rule begins), and an e-mail or `@mention`,
/// an issue's `#12` and an emoji's `:tada:`, which GitHub finds in the rendered text, where a
/// backslash is gone (checked with cmark-gfm: `me\@x.io` is still a link): an invisible word
/// joiner goes after the `@`, the `#` and the shortcode's first `:`.
pub fn markdown(raw: &str) -> String {
    let clean = clean_line(raw);
    let mut out = String::with_capacity(clean.len() + 8);
    let paired = clean.matches('$').nth(1).is_some();
    let opens_block = block_marker(&clean);
    for (at, c) in clean.char_indices() {
        let rest = &clean[at + c.len_utf8()..];
        let escape = match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '#' | '+' | '!' | '|' | '<' | '>' | '~' => true,
            '$' => paired,
            '&' => rest.starts_with(|n: char| n == '#' || n.is_ascii_alphanumeric()),
            ':' => rest.starts_with("//"),
            '.' => after_www(&clean[..at]),
            _ => false,
        };
        if escape || opens_block == Some(at) {
            out.push('\\');
        }
        out.push(c);
        let joined = match c {
            '@' => true,
            '#' => rest.starts_with(|n: char| n.is_ascii_digit()),
            ':' => shortcode(rest),
            _ => false,
        };
        if joined {
            out.push(WORD_JOINER);
        }
    }
    out
}

/// The invisible character that keeps `@someone`, `a@b.com`, `#12` and `:tada:` from being
/// read as a mention or an address, an issue or an emoji: no rule takes it for a name's, an
/// address's or a number's letter.
const WORD_JOINER: char = '\u{2060}';

/// Whether `rest`, after a colon, reads as an emoji's shortcode to its closing colon (`tada:`).
fn shortcode(rest: &str) -> bool {
    let name = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')).count();
    name > 0 && rest[name..].starts_with(':')
}

/// Where `line`'s start would open a block: the byte of the mark to escape. A `-` and a space
/// (a list item), a line of `-` or of `=` (a rule, a heading's underline), digits and a `.` or
/// a `)` (an ordered list). A negative number ("-0.37") or a decimal ("3.5") opens none.
fn block_marker(line: &str) -> Option<usize> {
    let all = |mark: char| line.chars().all(|c| c == mark || c == ' ');
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let after = line.get(digits..)?;
    if line.starts_with("- ") || all('-') || all('=') {
        Some(0)
    } else if (1..=9).contains(&digits)
        && after.starts_with(['.', ')'])
        && (after.len() == 1 || after[1..].starts_with(' '))
    {
        Some(digits)
    } else {
        None
    }
}

/// Whether `before` ends with a word "www" (any case): a `.` after it makes an address GitHub
/// links by itself.
fn after_www(before: &str) -> bool {
    let Some(start) = before.len().checked_sub(3) else { return false };
    before.get(start..).is_some_and(|w| w.eq_ignore_ascii_case("www"))
        && !before[..start].ends_with(|c: char| c.is_alphanumeric())
}

/// A cell for a CSV file that a spreadsheet will open: a leading `=`, `+`, `-`, `@`, tab or CR
/// would make it a formula, so such cells get a leading apostrophe (OWASP's advice).
///
/// A negative number written plainly ("-0.37", "-5") is a number, not a formula: it stays one,
/// so that a spreadsheet can sum a leniency column.
///
/// A spreadsheet set where `;` separates a list (much of Europe) splits an unquoted cell at each
/// `;`, so what follows one starts a cell of its own: `Team;@SUM(1)` had reached it as a formula.
/// Such a start gets its apostrophe too.
///
/// A character a reader could not see (a zero-width space, a word joiner, a direction mark, a
/// BOM, a tag character, a lone control) is shown as its escape (`\u{200b}`), as JSON writes
/// it ([`crate::report::json`]) and a message shows a name ([`visible`]): a CSV has no escapes
/// of its own, and dropping it would make "Moss\u{200b} & Lichen" the "Moss & Lichen" it
/// passes for, while keeping it raw makes the two read alike and sort apart in a spreadsheet.
/// A joiner between letters beyond ASCII ([`joins`]: an emoji sequence, a Persian word) is
/// writing, and kept, as is a flag's tag sequence ([`flag_tags`]: Scotland's). An escape sequence is a terminal's command, not text: dropped, as
/// [`clean_line`] drops it.
pub fn csv_cell(raw: &str) -> String {
    let clean = clean(raw, true, Hidden::Shown);
    let formula = clean.starts_with(['=', '+', '-', '@']) && !negative_number(&clean);
    let mut cell = if formula || raw.starts_with(['\t', '\r']) { format!("'{clean}") } else { clean };
    if cell.contains(';') {
        let mut parts: Vec<String> = cell.split(';').map(str::to_owned).collect();
        for part in parts.iter_mut().skip(1) {
            if part.starts_with(['=', '+', '-', '@']) && !negative_number(part) {
                part.insert(0, '\'');
            }
        }
        cell = parts.join(";");
    }
    cell
}

/// A TOML basic string holding `raw` exactly, for a file judging writes beside judging.toml:
/// quotes and backslashes escaped as TOML needs, and every character a reader could not see
/// ([`hides`]: a control, a bidi override, a zero-width space) as its `\uXXXX` escape, so that
/// the file shown in a terminal or an editor is what it says.
pub fn toml_string(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 2);
    out.push('"');
    for c in raw.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // TOML's short escape holds four hex digits; a tag character needs the long one.
            c if hides(c) && u32::from(c) > 0xffff => out.push_str(&format!("\\U{:08X}", u32::from(c))),
            c if hides(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare where TOML allows it (letters, digits, `-`, `_`), else [`toml_string`].
pub fn toml_key(raw: &str) -> String {
    let bare = !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { raw.to_owned() } else { toml_string(raw) }
}

/// "-" then digits, with at most one "." between digits: nothing a spreadsheet reads as more.
fn negative_number(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('-') else { return false };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// Text for one line drawn on the screen or in `list`'s table: [`clean_line`], then each
/// character a reader could not see ([`hides`]: a zero-width space, a soft hyphen, a word
/// joiner, a BOM, a tag character) dropped, but for a joiner that is writing ([`joins`]: an
/// emoji sequence, a Persian word's ZWNJ) and a flag's tag sequence ([`flag_tags`]: Scotland's
/// flag, measured as the one emoji of two columns a terminal draws), and a private-use
/// character drawn as U+FFFD.
/// Terminals draw these at widths of their own (none, one or two columns, a font's icon)
/// while the layout counts what [`crate::text_width`] says: kept, a title holding one had
/// left a stale letter in tmux and pushed a pane's right border out, and each pane had
/// dropped a different few of them.
pub fn screen_line(raw: &str) -> String {
    clean(raw, true, Hidden::Dropped)
}

/// [`screen_line`] for a multi-line area (a description, a note): lines kept, as
/// [`clean_block`] keeps them.
pub fn screen_block(raw: &str) -> String {
    clean(raw, false, Hidden::Dropped)
}

/// A private-use character: drawn by whatever font a terminal has for it, at a width no table
/// knows.
fn private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}')
}

#[cfg(test)]
mod tests {
    /// A quoted line never shows a judge's secret key, however it is written; other keys stay.
    #[test]
    fn a_quoted_line_leaves_out_a_secret_key() {
        for (line, shown) in [
            ("key = \"s3cret,with comma\"", "key = \"…\""),
            ("key='s3cret'", "key= \"…\""),
            ("\"key\" = \"s3cret\"", "\"key\" = \"…\""),
            ("judges = [{ name = \"ana\", key = \"s3cret\" }]", "judges = [{ name = \"ana\", key = \"…\" }]"),
            ("{ key = s3cret, name = \"a\" }", "{ key = \"…\", name = \"a\" }"),
            ("public_key = \"ed25519:abc\"", "public_key = \"ed25519:abc\""),
            ("name = \"monkey\"", "name = \"monkey\""),
            // Mistyped, the key is an unknown one, quoted: its value still left out.
            ("Key = \"s3cret\"", "Key = \"…\""),
            ("KEY=\"s3cret\"", "KEY= \"…\""),
            // An escaped quote does not end the value; a multi-line one runs to the line's end.
            ("key = \"s3\\\"cret\" # note", "key = \"…\" # note"),
            ("key = \"\"\"s3cret", "key = \"…\""),
            ("key = '''s3cret'''", "key = \"…\""),
            // Unclosed, as a syntax error quotes it: nothing of it shown.
            ("key = \"TOPSECRET-abcdef", "key = \"…\""),
        ] {
            assert_eq!(super::without_secret_keys(line), shown, "{line}");
            assert!(!super::file_line(line).contains("s3cret"), "{line}");
        }
        // A line of nothing but the word, as a hostile file may hold, is quoted at once.
        let many = "key".repeat(200_000);
        let started = std::time::Instant::now();
        assert_eq!(super::without_secret_keys(&many), many);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }

    /// A line cleaned in place is the cleaned line, borrowed where nothing but its ends change.
    #[test]
    fn a_line_cleaned_in_place_is_the_cleaned_line() {
        use std::borrow::Cow;
        for raw in ["Pill Pal", "  Pill Pal \t", "Pill\u{1b}[2J Pal", "two\nlines", "\u{202e}lap lliP", "", "café ☕"]
        {
            let cleaned = super::clean_line_in_place(raw);
            assert_eq!(cleaned, super::clean_line(raw), "{raw:?}");
            let plain = !raw.chars().any(|c| c.is_control() || super::hides(c));
            assert_eq!(matches!(cleaned, Cow::Borrowed(_)), plain, "{raw:?}");
        }
    }

    /// A name or an id quoted in a message shows what a reader could not see, and is cut at
    /// forty characters.
    #[test]
    fn a_quoted_name_shows_its_controls_and_stays_short() {
        assert_eq!(super::quoted("bus-stop-oracle\u{1b}[2J"), "bus-stop-oracle\\u{1b}[2J");
        assert_eq!(super::quoted(&"a".repeat(200_000)), format!("{}…", "a".repeat(40)));
        assert!(super::hides('\u{200b}') && super::hides('\u{1b}') && !super::hides('é'));
    }

    /// A path with an escape sequence in its name prints as given, its control characters
    /// shown, none of them raw.
    #[test]
    fn a_name_stays_recognisable_with_its_controls_shown() {
        for (raw, shown) in [
            ("mira.json", "mira.json"),
            ("m\u{1b}]0;owned\u{7}\u{1b}[8mira.json", "m\\u{1b}]0;owned\\u{7}\\u{1b}[8mira.json"),
            ("caf\u{e9}\u{202e}.json", "caf\u{e9}\\u{202e}.json"),
            // Invisible, though no terminal acts on it: "ana" and this are two names.
            ("ana\u{200b}", "ana\\u{200b}"),
            ("\u{feff}mira\u{ad}", "\\u{feff}mira\\u{ad}"),
            // Invisible too: a tag character (e0020), the Hangul fillers, a grapheme joiner, a
            // Mongolian vowel separator, deprecated format characters. `status` listed a second
            // judge "mira\u{e0020}" that read as mira.
            ("mira\u{e0020}", "mira\\u{e0020}"),
            ("mira\u{3164}\u{115f}\u{ffa0}", "mira\\u{3164}\\u{115f}\\u{ffa0}"),
            ("mi\u{34f}ra\u{180e}\u{206a}\u{1d173}", "mi\\u{34f}ra\\u{180e}\\u{206a}\\u{1d173}"),
        ] {
            assert_eq!(super::visible(raw), shown);
            assert!(!super::visible(raw).chars().any(super::hides));
        }
    }

    use super::*;

    /// Each raw text, through `f`, is the text wanted.
    fn each(f: fn(&str) -> String, cases: &[(&str, &str)]) {
        for (raw, want) in cases {
            assert_eq!(f(raw), *want, "input {raw:?}");
        }
    }

    /// A TOML string holds its text exactly, every hidden character escaped, those beyond the
    /// Basic Multilingual Plane too (`\U000E0020`, not a `\uE002` and a stray "0").
    #[test]
    fn a_toml_string_reads_back_exact() {
        for raw in ["plain", "q\"uote \\ back", "bidi\u{202e}x", "tag\u{e0020}x", "c1\u{9b}x", "emoji 🏴"] {
            let text = format!("v = {}", toml_string(raw));
            assert!(!text.chars().any(hides), "{text:?}");
            let back: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
            assert_eq!(back["v"].as_str(), Some(raw), "{text}");
        }
    }

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
            ("tab\tas a space\nand newline", "tab as a space\nand newline"),
            ("ünïcødé ✓ 日本", "ünïcødé ✓ 日本"),
            ("trailing escape \u{1b}", "trailing escape "),
            ("\u{1b}(Bcharset", "charset"),
            ("line\u{2028}and\u{2029}paragraph", "line\nand\nparagraph"),
        ];
        each(clean_block, &cases);
    }

    /// A character typed makes what a paste of it makes; in a box of one line, a line break
    /// is a space.
    #[test]
    fn a_typed_character_is_cleaned_as_a_paste_is() {
        for (c, block, line) in [
            ('a', "a", "a"),
            (' ', " ", " "),
            ('\u{200b}', "\u{200b}", "\u{200b}"),
            ('\u{e000}', "\u{e000}", "\u{e000}"),
            ('\u{202e}', "", ""),
            ('\u{7}', "", ""),
            ('\u{9b}', "", ""),
            ('\t', " ", " "),
            ('\u{2028}', "\n", " "),
            ('\r', "\n", " "),
        ] {
            assert_eq!((typed(c, false).as_str(), typed(c, true).as_str()), (block, line), "{c:?}");
        }
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(clean_line("  two\nlines\t\tand\r\ncrlf "), "two lines and crlf");
        assert_eq!(clean_line("\u{1b}[1mbold\u{1b}[0m\n"), "bold");
        assert_eq!(clean_line("line\u{2028}sep\u{2029}para"), "line sep para");
    }

    #[test]
    fn markdown_text_stays_text() {
        each(
            markdown,
            &[
                ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
                ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
                ("![](https://evil.example/t.png)", "\\!\\[\\](https\\://evil.example/t.png)"),
                ("a | b", "a \\| b"),
                ("**bold** & _it_", "\\*\\*bold\\*\\* & \\_it\\_"),
                ("Café Compañero", "Café Compañero"),
                ("Garden $Gnome$ $5", "Garden \\$Gnome\\$ \\$5"),
                ("$2,500", "$2,500"),
                // What would start a block at a line's start: a list, a rule, a heading's underline.
                ("- item", "\\- item"),
                ("-", "\\-"),
                ("---", "\\---"),
                ("- - -", "\\- - -"),
                ("===", "\\==="),
                ("1. first", "1\\. first"),
                ("2026.", "2026\\."),
                // Not a block: as written.
                ("-0.37", "-0.37"),
                ("=1 is one", "=1 is one"),
                ("3.5 stars", "3.5 stars"),
                ("Moss & Lichen", "Moss & Lichen"),
                // A character reference would turn into the character it names (a bidi override).
                ("evil &#x202E;gnp &lt;b&gt;", "evil \\&\\#x202E;gnp \\&lt;b\\&gt;"),
                // Bare addresses GitHub makes links of, and mentions that notify someone.
                ("see https://evil.example/login", "see https\\://evil.example/login"),
                ("WWW.evil.example or www.x", "WWW\\.evil.example or www\\.x"),
                ("mail me@evil.example, ping @org", "mail me@\u{2060}evil.example, ping @\u{2060}org"),
                ("#12 and :tada: at 12:30", "\\#\u{2060}12 and :\u{2060}tada: at 12:30"),
                ("a www.b and awww.c", "a www\\.b and awww.c"),
            ],
        );
    }

    /// A CSV cell shows what a reader could not see as its escape, as JSON does: a zero-width
    /// space, a word joiner, a BOM, a tag character, a direction mark or a lone control had gone
    /// into the file raw (or, the direction marks, dropped), so "Moss\u{200b} & Lichen" read as,
    /// and sorted apart from, the "Moss & Lichen" it passes for. A joiner between two letters
    /// beyond ASCII is writing (an emoji sequence, a Persian word's ZWNJ), kept; an escape
    /// sequence and a line break are a terminal's and a line's, dropped and folded as ever.
    #[test]
    fn csv_cells_show_what_a_reader_cannot_see() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} Crew";
        let coder = "\u{1f469}\u{1f3fd}\u{200d}\u{1f4bb}";
        let persian = "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}";
        let cases = [
            ("Pantry\u{200b}Poet\u{2060}", "Pantry\\u{200b}Poet\\u{2060}"),
            ("Moss\u{200e} & Lichen", "Moss\\u{200e} & Lichen"),
            ("rtl \u{202e}gnp.exe", "rtl \\u{202e}gnp.exe"),
            ("\u{feff}=1", "\\u{feff}=1"),
            ("tag\u{e0041}", "tag\\u{e0041}"),
            ("bell\u{7}", "bell\\u{7}"),
            ("mi\u{200d}ra", "mi\\u{200d}ra"),
            ("\u{200d}\u{1f469}", "\\u{200d}\u{1f469}"),
            (family, family),
            (coder, coder),
            (persian, persian),
            ("\u{1b}[31mred\u{1b}[0m", "red"),
            ("two\nlines", "two lines"),
            ("=\u{200b}1", "'=\\u{200b}1"),
            ("a\u{2028}b\u{2029}", "a\\u{2028}b\\u{2029}"),
        ];
        each(csv_cell, &cases);
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
            ("-0.3700", "-0.3700"),
            ("-5", "-5"),
            ("-5.", "'-5."),
            ("-.5", "'-.5"),
            ("-1e3", "'-1e3"),
            ("-1-1", "'-1-1"),
            ("--1", "'--1"),
            ("-", "'-"),
            // After a `;`, where a spreadsheet in much of Europe starts a new cell.
            ("Team;@SUM(1)", "Team;'@SUM(1)"),
            ("a;=1;+2", "a;'=1;'+2"),
            ("=x;=y", "'=x;'=y"),
            ("Moss; Lichen", "Moss; Lichen"),
            ("scores;-0.5", "scores;-0.5"),
        ];
        each(csv_cell, &cases);
    }

    /// On the screen, what a reader could not see is dropped and a private-use character is
    /// U+FFFD, the same way in a line and a block; a joiner in an emoji sequence or a Persian
    /// word stays, and an escape sequence goes as ever.
    #[test]
    fn the_screen_draws_no_invisible_character() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} Crew";
        let persian = "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}";
        let cases = [
            ("Pantry\u{ad}P\u{34f}o\u{180e}e\u{2060}t\u{e000}x\u{e0041}", "PantryPoet\u{fffd}x"),
            ("\u{feff}Moss\u{200b} & Lichen\u{200d}", "Moss & Lichen"),
            ("mi\u{200d}ra \u{f0000}\u{10fffd}", "mira \u{fffd}\u{fffd}"),
            ("\u{1b}[31mred\u{1b}[0m\ttab", "red tab"),
            (family, family),
            (persian, persian),
            ("plain", "plain"),
        ];
        each(screen_line, &cases);
        assert_eq!(screen_block("a\u{200b}\nb\u{e000}"), "a\nb\u{fffd}");
    }

    /// The tag characters after a black flag that spell a region's subdivision and end with
    /// CANCEL TAG are one emoji, Scotland's or England's flag: the screen keeps them, as a
    /// CSV cell does, and measures the flag as the two columns a terminal draws. Tag
    /// characters anywhere else, or too many, or not ended, or spelling what no subdivision
    /// is, can hide a text of their own: dropped on the screen, shown as escapes in a CSV.
    #[test]
    fn a_flags_tag_sequence_is_writing_and_a_stray_tag_is_not() {
        let scotland = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        let england = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
        let long = format!("\u{1f3f4}{}\u{e007f}", "\u{e0061}".repeat(20));
        let cases: [(&str, &str, &str); 10] = [
            (scotland, scotland, scotland),
            (england, england, england),
            (
                "Haggis \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} Hunt",
                &format!("Haggis {scotland} Hunt"),
                &format!("Haggis {scotland} Hunt"),
            ),
            (
                "\u{1f3f4}\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}x",
                &format!("\u{1f3f4}{england}x"),
                &format!("\u{1f3f4}{england}x"),
            ),
            // Not after a black flag.
            (
                "a\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
                "a",
                "a\\u{e0067}\\u{e0062}\\u{e0073}\\u{e0063}\\u{e0074}\\u{e007f}",
            ),
            (
                "\u{1f3f3}\u{e0067}\u{e0062}\u{e0073}\u{e007f}",
                "\u{1f3f3}",
                "\u{1f3f3}\\u{e0067}\\u{e0062}\\u{e0073}\\u{e007f}",
            ),
            // Not ended, ended at once, or spelling what no subdivision is (capitals, a space).
            ("\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}x", "\u{1f3f4}x", "\u{1f3f4}\\u{e0067}\\u{e0062}\\u{e0073}x"),
            ("\u{1f3f4}\u{e007f}", "\u{1f3f4}", "\u{1f3f4}\\u{e007f}"),
            (
                "\u{1f3f4}\u{e0047}\u{e0042}\u{e0020}\u{e007f}",
                "\u{1f3f4}",
                "\u{1f3f4}\\u{e0047}\\u{e0042}\\u{e0020}\\u{e007f}",
            ),
            // Twenty letters: a text, not a subdivision.
            (&long, "\u{1f3f4}", &format!("\u{1f3f4}{}\\u{{e007f}}", "\\u{e0061}".repeat(20))),
        ];
        for (raw, screen, csv) in cases {
            assert_eq!(screen_line(raw), screen, "screen: {raw:?}");
            assert_eq!(screen_block(raw), screen, "screen block: {raw:?}");
            assert_eq!(csv_cell(raw), csv, "csv: {raw:?}");
        }
        assert_eq!(crate::text_width::width(scotland), 2);
        assert_eq!(crate::text_width::width(&format!("Haggis {scotland} Hunt")), 14);
    }
}
