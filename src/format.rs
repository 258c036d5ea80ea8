//! Text for people: cut to a column width, histograms as bars, ages in words, bytes in hex.

use crate::sanitize::clean_line;
pub use crate::text_width::{fit, fit_padded};

/// Names in a sentence: "A", "A and B", "A, B and C"; past `most`, the first `most` and how
/// many more ("A, B, C and 2 more").
pub fn names_and(names: &[String], most: usize) -> String {
    match names.split_last() {
        // Past `most`, as every list says it: "A, B, C and 2 more".
        _ if names.len() > most => first_few(names, most, ", "),
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// `named`, the first few of `total` names, as a sentence says them: "A and B", or with the rest
/// counted, "A, B, C and 5 more", as [`first_few`] says a whole list. For a list kept short where
/// it was made (a tie's first few entries, and how many it has).
pub fn few_of(named: &[String], total: usize) -> String {
    match total.saturating_sub(named.len()) {
        0 => names_and(named, named.len()),
        more if named.is_empty() => count(more, "other", "others"),
        more => format!("{} and {more} more", named.join(", ")),
    }
}

/// What a pane says of the lines it could not show: "… and 1 more line", "… and 3 more lines".
pub fn more_lines(n: usize) -> String {
    format!("… and {}", count(n, "more line", "more lines"))
}

/// Whether two values that differ show alike to the two decimals every output prints: only
/// values a hundredth apart or less can, so most pairs are not formatted.
pub fn shown_alike(a: f64, b: f64) -> bool {
    a != b && (a - b).abs() < 0.01 && format!("{a:.2}") == format!("{b:.2}")
}

/// The file's own line numbers for byte offsets, counting every `\n` (so CRLF files and fields
/// that span lines count as an editor shows them; the csv crate's own count slips on CRLF inside
/// quotes). Offsets must come in order; each call counts only the text since the last one.
pub struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCounter { text: text.as_bytes(), at: 0, line: 1 }
    }

    /// The line (from 1) that the record reported at byte `offset` starts on.
    pub fn line_at(&mut self, offset: u64) -> usize {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX).min(self.text.len());
        // A record is reported from the end of the one before, which may be the `\n` of a CRLF:
        // a record never starts with a line break, so its line is past them.
        while self.text.get(offset).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            offset += 1;
        }
        if offset < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += self.text[self.at..offset].iter().filter(|b| **b == b'\n').count();
        self.at = offset;
        self.line
    }
}

/// A mean for a table: `decimals` places, or `-` where there is none (no judge scored it).
pub fn mean(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.decimals$}"))
}

/// Writes `value` to two decimals, right-aligned in `width` columns: what `{value:>width$.2}`
/// writes, character for character. A table of 10,000 entries writes 70,000 figures, and the
/// standard formatter's exact rounding took most of its time. The value times 100 is rounded
/// here where the product's rounding error cannot cross the half between two hundredths; the
/// rare value near that half, a negative one or a large one goes to the standard formatter.
pub fn two_decimals(out: &mut String, value: f64, width: usize) {
    use std::fmt::Write as _;
    let Some(n) = hundredths_rounded_here(value) else {
        let _ = write!(out, "{value:>width$.2}");
        return;
    };
    // The digits written from the last, into a buffer the widest figure fits: below a million,
    // at most six before the point. The standard formatter's machinery for "{whole}.{cents:02}"
    // was a third of a table row's time.
    let mut digits = [0u8; 12];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        // A digit, 0 to 9: the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (rest % 10) as u8;
        digits[at] = b'0' + digit;
        rest /= 10;
        // The point after the two cents; the whole part's digits go on until none is left,
        // one at least.
        if at == digits.len() - 2 {
            at -= 1;
            digits[at] = b'.';
        } else if at < digits.len() - 3 && rest == 0 {
            break;
        }
    }
    let written = &digits[at..];
    for _ in written.len()..width {
        out.push(' ');
    }
    // Digits and a point: ASCII, so each byte is a character.
    out.extend(written.iter().map(|b| char::from(*b)));
}

/// `value` times 100 rounded to the nearest whole, as [`two_decimals`] rounds it itself: not
/// negative, under a million, and its hundredths more than 1e-6 from a half (so never a tie);
/// `None` for any other value, which the standard formatter writes. Below a million, `value *
/// 100` (under 1e8) is within half a unit in its last place of the exact product, at most
/// 7.5e-9: well inside the 1e-6 kept from the half. Whole-number arithmetic throughout: `floor`
/// and `round` are calls to the C library on a processor without SSE4.1, as Rust builds for.
fn hundredths_rounded_here(value: f64) -> Option<u64> {
    let hundredths = value * 100.0;
    if value.is_sign_negative() || !(0.0..1e8).contains(&hundredths) {
        return None;
    }
    // Within 0 to 1e8: the cast is exact, and rounds down as `floor` would.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = hundredths as u64;
    // Exact: both below 2^53.
    #[allow(clippy::cast_precision_loss)]
    let fraction = hundredths - whole as f64;
    ((fraction - 0.5).abs() > 1e-6).then_some(whole + u64::from(fraction > 0.5))
}

/// A number as a person writes it: `2`, `1.5`, `0.25`, up to two decimals.
pub fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A number a file gave, quoted in a message that refuses it: as written where it is of a size
/// a person writes (`-5`, `40000000`), in exponent form past that (`1e308`, not 309 digits).
pub fn refused_number(value: f64) -> String {
    if value.abs() < 1e15 { value.to_string() } else { format!("{value:e}") }
}

/// A figure with its sign, to `places` decimals: "+0.25", "-1.50". What rounds to zero reads
/// "+0.00", never "-0.00": a judge a hair below the others is not shown as harsh.
pub fn signed(value: f64, places: usize) -> String {
    let text = format!("{value:+.places$}");
    if text[1..].bytes().all(|b| b == b'0' || b == b'.') { text.replacen('-', "+", 1) } else { text }
}

/// A histogram as one bar character per scale point, scaled to the largest bin.
pub fn bars(histogram: &[usize]) -> String {
    const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let most = histogram.iter().copied().max().unwrap_or(0).max(1);
    histogram.iter().map(|n| LEVELS[(n * 8).div_ceil(most).min(8)]).collect::<String>()
}

/// How long ago an RFC 3339 timestamp (`2026-06-21T10:00:00.000Z`, any offset) was, in words:
/// "just now", "5 min ago", "3 h ago", "2 days ago"; the timestamp itself if it cannot be read.
pub fn age(timestamp: &str, now_unix: i64) -> String {
    let Ok(then) = crate::when::instant(timestamp).map(jiff::Timestamp::as_second) else {
        return format!("fetched {}", clean_line(timestamp));
    };
    let ago = (now_unix - then).max(0);
    match ago {
        0..60 => "fetched just now".into(),
        60..3600 => format!("fetched {} min ago", ago / 60),
        3600..86_400 => format!("fetched {} h ago", ago / 3600),
        _ => format!("fetched {} days ago", ago / 86_400),
    }
}

/// A share (0 to 1) as a whole percentage, rounded down: a share shown is never one past a line
/// it has not reached (0.495 reads 49%, under a 50% line, not 50% beside "under 50%"). A share
/// above 0 that rounds down to nothing reads "<1%".
pub fn percent(share: f64) -> String {
    // The nudge keeps a share that is a whole percentage in its binary form (0.29 × 100 is
    // 28.999…) at that percentage.
    let whole = (share * 100.0 + 1e-9).floor();
    if share > 0.0 && whole < 1.0 { "<1%".to_owned() } else { format!("{whole:.0}%") }
}

/// A count with its noun: "1 score", "2 scores", "0 recusals".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An entry as the merge's lists name it, "Title (id)", or "Title (id, note)" with a note (how
/// many judges scored it); by its id alone where the title is blank. Title and id each pass
/// through `show` (`clean_line` for a terminal, an escape for markdown or html).
pub fn title_and_id(title: &str, id: &str, note: Option<&str>, show: impl Fn(&str) -> String) -> String {
    let inside = note.map_or_else(|| show(id), |n| format!("{}, {n}", show(id)));
    if title.trim().is_empty() { inside } else { format!("{} ({inside})", show(title)) }
}

/// Entries named for a jury: each by its title made plain (`clean_line`), with its id in
/// brackets where the title alone would not tell it from another entry of `entries` (the same
/// title, case apart), or is blank; an entry whose title is unknown, by its id alone. `entries`
/// are (id, title) pairs, named in their order.
pub fn entry_names<'a>(entries: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Vec<String> {
    let entries: Vec<(String, Option<String>)> =
        entries.into_iter().map(|(id, title)| (clean_line(id), title.map(clean_line))).collect();
    let key = |title: &str| title.to_lowercase();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for title in entries.iter().filter_map(|(_, t)| t.as_deref()) {
        *seen.entry(key(title)).or_default() += 1;
    }
    entries
        .into_iter()
        .map(|(id, title)| match title {
            Some(t) if t.is_empty() => id,
            Some(t) if seen.get(&key(&t)).is_some_and(|n| *n > 1) => format!("{t} ({id})"),
            Some(t) => t,
            None => id,
        })
        .collect()
}

/// A column of a table fitted to a terminal ([`fit_columns`]), and how it gives way on a narrow
/// one: `list`'s and `enrich`'s tables leave columns out rather than break a row across lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub heading: &'static str,
    /// The fewest columns it is cut to (with "…") before it is left out; `usize::MAX`: never
    /// cut. An id is copied by judges, and a cut one names another entry or none; a status or a
    /// number is short and read whole.
    pub least: usize,
    /// The most it takes, however long its cells.
    pub most: usize,
    /// Its cells stand at its right edge (numbers).
    pub right: bool,
}

/// The columns between two cells of a fitted table.
pub const GAP: usize = 2;

/// The widths of `columns` (their widest cells, headings included, `natural`) in `width`
/// terminal columns: each kept column no wider than its most and no narrower than its least,
/// the columns left out (`None`) from the first in `kept_first`'s order that does not fit at its
/// least, so a narrower terminal never shows a column a wider one left out. The first of
/// `kept_first` (an id) is never left out: where it alone is wider than `width`, it is all there
/// is. The room left is then given out in `grown_first`'s order, each column to at most its
/// bound there.
pub fn fit_columns(
    columns: &[Column],
    natural: &[usize],
    kept_first: &[usize],
    grown_first: &[(usize, usize)],
    width: usize,
) -> Vec<Option<usize>> {
    let least = |c: usize| natural[c].min(columns[c].least).min(columns[c].most);
    let mut widths = vec![None; columns.len()];
    let mut used = 0;
    for (k, &c) in kept_first.iter().enumerate() {
        let gap = if used == 0 { 0 } else { GAP };
        if k > 0 && used + gap + least(c) > width {
            break;
        }
        widths[c] = Some(least(c));
        used += gap + least(c);
    }
    for &(c, to) in grown_first {
        if let Some(w) = &mut widths[c] {
            let grown = natural[c].min(columns[c].most).min(to).max(*w);
            let more = (grown - *w).min(width.saturating_sub(used));
            *w += more;
            used += more;
        }
    }
    widths
}

/// The widest cell of each column of `header` and `rows`, as the screen draws them.
pub fn natural_widths<R: AsRef<[String]>>(header: &[String], rows: &[R]) -> Vec<usize> {
    let mut natural: Vec<usize> = header.iter().map(|h| crate::text_width::width(h)).collect();
    for row in rows {
        for (w, cell) in natural.iter_mut().zip(row.as_ref()) {
            *w = (*w).max(crate::text_width::width(cell));
        }
    }
    natural
}

/// `header` and `rows` laid out in `widths` ([`fit_columns`]): each cell cut with "…" or padded
/// to its column's width, a column left out where its width is `None`, [`GAP`] between cells,
/// and no spaces at a line's end.
pub fn fitted_table<R: AsRef<[String]>>(
    columns: &[Column],
    header: &[String],
    rows: &[R],
    widths: &[Option<usize>],
) -> String {
    let mut text = String::new();
    let mut push_row = |cells: &[String]| {
        let line: Vec<String> =
            cells
                .iter()
                .zip(widths)
                .zip(columns)
                .filter_map(|((cell, w), column)| {
                    w.map(|w| {
                        if column.right { crate::text_width::pad_left(&fit(cell, w), w) } else { fit_padded(cell, w) }
                    })
                })
                .collect();
        text.push_str(line.join(&" ".repeat(GAP)).trim_end());
        text.push('\n');
    };
    push_row(header);
    for row in rows {
        push_row(row.as_ref());
    }
    text
}

/// The first `most` of a long list, joined by `sep`, then "and N more": how every list that may
/// run long is said (warnings, status lines), so none runs to a thousand names.
pub fn first_few(items: &[String], most: usize, sep: &str) -> String {
    let shown = items.iter().take(most).map(String::as_str).collect::<Vec<_>>().join(sep);
    match items.len().saturating_sub(most) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// One problem among many that may be alike: where it is (a file, a line's number), the kind it
/// is of, in a few words ("not a score file", "not in the store"), and what is said of it whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: String,
    pub kind: String,
    pub said: String,
}

/// What [`condensed`] counts the rest of a kind in: "file"/"files", and what comes before their
/// list, for one and for more ("" for a list of files, "on line"/"on lines" before numbers).
#[derive(Debug, Clone, Copy)]
pub struct Of<'a> {
    pub one: &'a str,
    pub many: &'a str,
    pub on: (&'a str, &'a str),
}

/// How many problems of one kind are said whole before the rest are counted.
pub const SHOWN_OF_A_KIND: usize = 3;

/// `problems` as lines to print: each kind's first few said whole, in their order, then one
/// line counting the rest of that kind and naming the first of them, "... and 17 more files of
/// this kind (not a score file): a.json, b.json ... and 7 more", as the export's rows are (fifty
/// files refused alike, or 300 rows of a sheet, are four lines, not fifty or 300). Where no kind
/// has more than a few, nothing is counted and each is said in the order given (a sheet's lines
/// in order: grouped by kind, they had read 3, 6, 7, 4, 5).
pub fn condensed(problems: &[Problem], of: Of) -> Vec<String> {
    let mut kinds: Vec<(&str, Vec<&Problem>)> = Vec::new();
    for p in problems {
        match kinds.iter_mut().find(|(kind, _)| *kind == p.kind) {
            Some((_, alike)) => alike.push(p),
            None => kinds.push((&p.kind, vec![p])),
        }
    }
    if kinds.iter().all(|(_, alike)| alike.len() <= SHOWN_OF_A_KIND) {
        return problems.iter().map(|p| p.said.clone()).collect();
    }
    let mut lines = Vec::new();
    for (kind, alike) in kinds {
        lines.extend(alike.iter().take(SHOWN_OF_A_KIND).map(|p| p.said.clone()));
        let rest: Vec<String> = alike.iter().skip(SHOWN_OF_A_KIND).map(|p| p.at.clone()).collect();
        if !rest.is_empty() {
            let on = if rest.len() == 1 { of.on.0 } else { of.on.1 };
            let on = if on.is_empty() { ":".to_owned() } else { format!(", {on}") };
            lines.push(format!(
                "... and {} more {} of this kind ({kind}){on} {}",
                rest.len(),
                if rest.len() == 1 { of.one } else { of.many },
                first_few(&rest, 10, ", ")
            ));
        }
    }
    lines
}

/// The candidates that look like `typed`: those that contain it or that it contains, then those
/// a few edits away (a letter dropped, doubled or swapped: at most a quarter of its length, and
/// at least 2), nearest first; at most `most` of them. What "did you mean" offers.
pub fn look_alike<'c>(typed: &str, candidates: impl IntoIterator<Item = &'c str>, most: usize) -> Vec<&'c str> {
    let typed_lower = typed.to_lowercase();
    let typed_letters = typed_lower.chars().count();
    let limit = (typed.chars().count() / 4).max(2);
    let mut near: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let letters = lower.chars().count();
            // Contained one in the other, but not by a letter or two: "a" is in every word.
            if typed_letters.min(letters) >= 3 && (lower.contains(&typed_lower) || typed_lower.contains(&lower)) {
                return Some((0, c));
            }
            // No fewer edits than the lengths differ by: a long name (an export's team of a
            // thousand letters) is not compared letter by letter with every one typed.
            if letters.abs_diff(typed_letters) > limit {
                return None;
            }
            let d = edits(&typed_lower, &lower);
            (d <= limit).then_some((d, c))
        })
        .collect();
    // Nearest first, then in the order of the words: the same suggestions whatever order the
    // candidates came in (a set's order changes from run to run).
    near.sort_unstable();
    near.dedup();
    near.into_iter().take(most).map(|(_, c)| c).collect()
}

/// The name among `candidates` that `name` is most likely a slip of the keyboard for, in any
/// case: a letter dropped, added or changed, or two neighbours swapped; two such slips in a name
/// of 8 letters or more. Stricter than [`look_alike`]'s "did you mean": what it finds is said to
/// be the same person ("their marks count twice"), and two short names two letters apart
/// ("zed" and "ben") are two people.
pub fn slip_of<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let name = name.to_lowercase();
    let most = if name.chars().count() >= 8 { 2 } else { 1 };
    candidates
        .into_iter()
        .map(|c| (edits(&name, &c.to_lowercase()), c))
        .filter(|(d, _)| (1..=most).contains(d))
        .min()
        .map(|(_, c)| c)
}

/// The edit distance between two strings, by characters: each letter dropped, added or changed,
/// and each two neighbours swapped ("mria" for "mira"), one edit (the optimal string alignment
/// distance).
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Three rows: a swap looks two back.
    let mut before: Vec<usize> = Vec::new();
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let changed = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + changed);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
}

/// A place as said aloud: "1st", "2nd", "3rd", "4th", "11th", "22nd".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Bytes as lower-case hex, as digests are written.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn problems_of_one_kind_are_a_few_lines_and_a_count() {
        let problem = |at: usize, kind: &str| Problem {
            at: format!("f{at}.json"),
            kind: kind.into(),
            said: format!("f{at}.json: {kind}"),
        };
        let mut problems: Vec<Problem> = (0..20).map(|n| problem(n, "cut short")).collect();
        problems.insert(1, problem(99, "empty"));
        let files = Of { one: "file", many: "files", on: ("", "") };
        assert_eq!(
            condensed(&problems, files),
            [
                "f0.json: cut short",
                "f1.json: cut short",
                "f2.json: cut short",
                "... and 17 more files of this kind (cut short): f3.json, f4.json, f5.json, f6.json, f7.json, f8.json, f9.json, f10.json, f11.json, f12.json and 7 more",
                "f99.json: empty",
            ]
        );
        // Three or fewer of a kind are said whole, in the order given; one more is counted as one.
        assert_eq!(
            condensed(&problems[..4], files),
            ["f0.json: cut short", "f99.json: empty", "f1.json: cut short", "f2.json: cut short"]
        );
        let lines = Of { one: "row", many: "rows", on: ("on line", "on lines") };
        let four: Vec<Problem> = (2..6).map(|n| Problem { at: n.to_string(), ..problem(n, "bad") }).collect();
        assert_eq!(condensed(&four, lines)[3], "... and 1 more row of this kind (bad), on line 5");
    }

    use super::*;

    #[test]
    fn names_read_as_a_sentence() {
        let names =
            |n: usize| -> Vec<String> { ["A", "B", "C", "D", "E"].iter().take(n).map(|s| (*s).to_owned()).collect() };
        let cases = [(0, ""), (1, "A"), (2, "A and B"), (3, "A, B and C"), (5, "A, B, C and 2 more")];
        for (n, said) in cases {
            assert_eq!(names_and(&names(n), 3), said, "{n}");
        }
    }

    /// The first few of a longer list, and how many it has, read as the whole list would.
    #[test]
    fn the_first_few_of_a_list_read_as_the_whole_list() {
        let named: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        let cases = [(3, "A, B and C"), (5, "A, B, C and 2 more")];
        for (total, said) in cases {
            assert_eq!(few_of(&named, total), said, "{total}");
        }
        assert_eq!(few_of(&named, 5), first_few(&["A", "B", "C", "D", "E"].map(String::from), 3, ", "));
        assert_eq!(few_of(&[], 2), "2 others");
    }

    #[test]
    fn a_share_reads_rounded_down_never_past_a_line_it_has_not_reached() {
        let cases = [
            (0.495, "49%"),
            (0.5, "50%"),
            (0.29, "29%"),
            (0.8999, "89%"),
            (0.9, "90%"),
            (0.9951, "99%"),
            (1.0, "100%"),
            (0.004, "<1%"),
            (0.0, "0%"),
        ];
        for (share, want) in cases {
            assert_eq!(percent(share), want, "{share}");
        }
    }

    /// Every kind of value reads as the standard formatter writes it: 600,000 of them, a third
    /// within 1e-6 of a half of a hundredth (left to the standard formatter), a third just
    /// outside it on either side (rounded here), and a third at every scale up to 1e8.
    #[test]
    fn two_decimals_write_what_the_standard_formatter_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            0.005,
            0.015,
            0.125,
            0.375,
            1.005,
            2.675,
            4.525,
            9.995,
            99.995,
            0.994_999_999_999_999_9,
            1e-300,
            12.5,
            1234.5678,
            999_999.995,
            1e6,
            1e7 + 0.125,
            1e15,
            -1.25,
            -0.001,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
        ];
        let mut random = crate::rng::SplitMix(7);
        for _ in 0..200_000 {
            // Near a half of a hundredth, at every scale a mark or a total reaches: inside the
            // band left to the standard formatter, and just outside it.
            let cents = (random.uniform() * 100_000.0).floor();
            values.push((cents + 0.5 + (random.uniform() - 0.5) * 1e-6) / 100.0);
            let outside = 1.01e-6 + random.uniform() * 1e-4;
            let side = if random.next_u64().is_multiple_of(2) { 1.0 } else { -1.0 };
            values.push((cents + 0.5 + side * outside) / 100.0);
            values.push(random.uniform() * 10f64.powi(i32::try_from(random.next_u64() % 9).unwrap_or(0)));
        }
        let here = values.iter().filter(|v| hundredths_rounded_here(**v).is_some()).count();
        assert!(here > 350_000, "the values just outside the band and the spread ones are rounded here: {here}");
        for value in values {
            for width in [0, 5, 7] {
                let mut fast = String::from("|");
                two_decimals(&mut fast, value, width);
                assert_eq!(fast, format!("|{value:>width$.2}"), "{value:e} in {width}");
            }
        }
    }

    #[test]
    fn signed_figures_never_read_minus_zero() {
        for (value, places, shown) in [
            (0.25, 2, "+0.25"),
            (-1.5, 2, "-1.50"),
            (-0.004, 2, "+0.00"),
            (-0.0, 2, "+0.00"),
            (0.004, 2, "+0.00"),
            (-0.005_000_1, 2, "-0.01"),
            (-0.04, 1, "+0.0"),
            (-12.0, 0, "-12"),
            (-0.2, 0, "+0"),
        ] {
            assert_eq!(signed(value, places), shown, "{value} to {places}");
        }
    }

    #[test]
    fn entries_are_named_by_title_with_the_id_only_where_needed() {
        let named = super::entry_names([
            ("a", Some("Owl")),
            ("b", Some("Twin")),
            ("c", Some("twin ")),
            ("d", Some("")),
            ("e", None),
            ("f", Some("<b>\u{1b}[31mRed</b>")),
        ]);
        assert_eq!(named, ["Owl", "Twin (b)", "twin (c)", "d", "e", "<b>Red</b>"]);
    }

    #[test]
    fn places_are_said_as_ordinals() {
        let cases = [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th")];
        for (n, want) in cases.into_iter().chain([(21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th")]) {
            assert_eq!(ordinal(n), want);
        }
    }

    #[test]
    fn look_alikes_are_found_by_a_few_edits_or_a_part() {
        let ids = ["dream-cartographer", "sprout-sense", "bus-stop-oracle", "seed-swap"];
        let near = |typed: &str| look_alike(typed, ids.iter().copied(), 5);
        assert_eq!(near("dream-cartogapher"), ["dream-cartographer"], "a letter dropped");
        assert_eq!(near("sprout-snese"), ["sprout-sense"], "two letters swapped");
        assert_eq!(near("SEED"), ["seed-swap"], "a part, in any case");
        assert!(near("moonlight-mixer").is_empty(), "nothing like it");
        assert_eq!(edits("kitten", "sitting"), 3);
        assert_eq!(edits("mria", "mira"), 1, "a swap is one edit");
        assert_eq!(edits("", "abc"), 3);
        assert_eq!(edits("abc", ""), 3);
    }

    /// A slip of the keyboard, not any name a few letters off: the same person is what it says.
    #[test]
    fn a_slip_is_one_edit_or_two_in_a_long_name() {
        let judges = ["mira", "ben", "tomas", "priyanka"];
        let cases = [
            ("mria", Some("mira")),
            ("MIRA", None),
            ("m\u{ed}ra", Some("mira")),
            ("miraa", Some("mira")),
            ("zed", None),
            ("bne", Some("ben")),
            ("thomas", Some("tomas")),
            ("pryianak", Some("priyanka")),
            ("tom", None),
            ("mira", None),
        ];
        for (name, want) in cases {
            assert_eq!(slip_of(name, judges), want, "{name}");
        }
    }

    /// The same suggestions, in the same order, whatever order the candidates come in: `check`
    /// and `results` read them from sets, and said "e20, e10, e30" one run, "e30, e10, e40" the next.
    #[test]
    fn look_alikes_do_not_depend_on_the_candidates_order() {
        let ids = ["e40", "e10", "e30", "e20", "e50"];
        // "e05" is "e50" with two neighbours swapped: one edit, nearest.
        let want = ["e50", "e10", "e20"];
        for turn in 0..ids.len() {
            let mut turned = ids;
            turned.rotate_left(turn);
            assert_eq!(look_alike("e5", turned.iter().copied(), 3), ["e50", "e10", "e20"], "{turned:?}");
            assert_eq!(look_alike("e05", turned.iter().rev().copied(), 3), want, "{turned:?}");
        }
    }

    #[test]
    fn long_lists_are_cut_with_how_many_more() {
        let items: Vec<String> = (1..=5).map(|i| i.to_string()).collect();
        assert_eq!(first_few(&items, 3, ", "), "1, 2, 3 and 2 more");
        assert_eq!(first_few(&items, 5, ", "), "1, 2, 3, 4, 5");
        assert_eq!(first_few(&[], 3, ", "), "");
    }

    #[test]
    fn values_apart_by_less_than_a_hundredth_may_show_alike() {
        let cases = [((4.1788, 4.1758), true), ((4.0, 4.0), false), ((4.18, 4.17), false), ((3.998, 4.001), true)];
        for ((a, b), want) in cases {
            assert_eq!(shown_alike(a, b), want, "{a} and {b}");
        }
    }

    #[test]
    fn lines_are_counted_as_an_editor_shows_them() {
        let text = "judge,score\r\nz,\"two\r\nlines\"\r\nz,9\r\n";
        let mut lines = LineCounter::new(text);
        let third_row = text.find("z,9").expect("row") as u64;
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(12), 2, "from the \\n of the header's CRLF");
        assert_eq!(lines.line_at(third_row), 4);
        assert_eq!(lines.line_at(13), 2, "an earlier offset counts again from the start");
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
