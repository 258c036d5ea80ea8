//! Text fitted to the room by what it means, not cut wherever the room runs out.
//!
//! Each kind of text has its one way to fit, and both screens use these:
//! - prose (help, reminders, legends, level meanings, messages) wraps at spaces by display
//!   width, a hanging indent keeping a label's text in a column of its own ([`wrap`],
//!   [`hanging`]);
//! - a list that does not fit names the first items and says how many it left out, "and 3
//!   more" ([`list`], [`rows`]);
//! - a table drops whole columns, the least needed first, and gives the rest of the room to
//!   the columns that want it ([`columns`]); cells are padded by display width.
//!
//! Only a table cell (a title, a team) may still be cut with "…", and never a number.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

/// How many terminal columns `text` takes ([`crate::text_width`]: letters whole, as drawn).
pub use crate::text_width::{wider_than, width};

/// `text` in lines of at most `room` columns, broken at spaces. A short aside in parentheses
/// that does not fit on the line goes whole to the next rather than split; a word longer than
/// a line (a model's or a link's path) is broken after a `/` where it can, else where the line
/// ends, and so is a path that would leave a first word alone on its line ("models" above
/// "Qwen/Qwen2.5-1.5B-Instruct"). Line breaks in `text` are kept. Never empty.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    let room = room.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        // A line that fits is kept as it is, its runs of spaces (a table's padding) with it.
        if width(paragraph) <= room {
            out.push(paragraph.trim_end().to_owned());
            continue;
        }
        let words: Vec<&str> = paragraph.split(' ').filter(|w| !w.is_empty()).collect();
        let mut line = String::new();
        for (k, word) in words.iter().enumerate() {
            if !line.is_empty()
                && let Some(aside) = aside(&words[k..])
                && aside <= room
                && width(&line) + 1 + aside > room
            {
                out.push(std::mem::take(&mut line));
            }
            let needed = if line.is_empty() { width(word) } else { width(&line) + 1 + width(word) };
            if needed <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            let mut rest: &str = word;
            // A line holding only the paragraph's first word (a label: "models") is not left
            // alone on its line by a path that follows: the path breaks after a `/` there too.
            let lone_label = k == 1 && line == words[0];
            if wider_than(word, room) || lone_label {
                // Wider than a line: its head after the line's words where a `/` allows.
                if !line.is_empty()
                    && let Some(head) = after_slash(rest, room.saturating_sub(width(&line) + 1))
                {
                    line.push(' ');
                    line.push_str(head);
                    rest = &rest[head.len()..];
                }
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            // A word wider than the line: broken after a `/`, else by columns, the rest
            // starting the next line.
            // Each test reads at most a line's worth of `rest`: measuring all of what is left on
            // every pass made a 400,000-character note take minutes to draw.
            while wider_than(rest, room) {
                let head = after_slash(rest, room).unwrap_or_else(|| take(rest, room));
                out.push(head.to_owned());
                rest = &rest[head.len()..];
            }
            line.push_str(rest);
        }
        out.push(line);
    }
    out
}

/// The columns an aside in parentheses takes when `words` start one: up to and with the word
/// that closes it, at most four words.
fn aside(words: &[&str]) -> Option<usize> {
    let first = words.first()?;
    if !first.starts_with('(') || first.ends_with(')') {
        return None;
    }
    let end = words.iter().take(4).position(|w| w.ends_with(')'))?;
    Some(words[..=end].iter().map(|w| width(w)).sum::<usize>() + end)
}

/// The longest head of `word` that ends with a `/` and fits in `room` columns, if any (never
/// the whole word). Reads no further than `room` columns into it.
fn after_slash(word: &str, room: usize) -> Option<&str> {
    let head = crate::text_width::take(word, room);
    head.rfind('/').filter(|i| i + 1 < word.len()).map(|i| &word[..=i])
}

/// `head` then `text` wrapped after it, its following lines indented to where the text
/// starts, so that the text reads as a column: `  4 Solves the stated problem well;` /
/// `    someone would use it this week.`. When `head` leaves under 12 columns, the text
/// continues under the head, indented by two.
pub fn hanging(head: &str, text: &str, room: usize) -> Vec<String> {
    let head_width = width(head);
    if head_width + 12 <= room {
        let pad = " ".repeat(head_width);
        return wrap(text, room - head_width)
            .into_iter()
            .enumerate()
            .map(|(i, line)| if i == 0 { format!("{head}{line}") } else { format!("{pad}{line}") })
            .collect();
    }
    let indent = 2.min(room.saturating_sub(1));
    let mut out = wrap(head.trim_end(), room);
    out.extend(wrap(text, room - indent).into_iter().map(|line| format!("{}{line}", " ".repeat(indent))));
    out
}

/// `text` wrapped to `room` columns ([`wrap`]), in at most `most` rows: the last one kept ends
/// in "…" where more was left out. For what must not crowd out the rest of a pane (a title of
/// 400 characters).
pub fn wrap_at_most(text: &str, room: usize, most: usize) -> Vec<String> {
    let mut lines = wrap(text, room);
    if lines.len() > most {
        lines.truncate(most.max(1));
        if let Some(last) = lines.last_mut() {
            *last = format!("{}…", take(last, room.saturating_sub(1)).trim_end());
        }
    }
    lines
}

/// The start of `text` that fits in `room` columns, whole letters ([`crate::text_width::take`]),
/// and at least one, so that a loop on what is left always ends.
fn take(text: &str, room: usize) -> &str {
    match crate::text_width::take(text, room) {
        "" => text.graphemes(true).next().unwrap_or_default(),
        head => head,
    }
}

/// As many of `items` as fit in `room` columns, joined by `sep`, then "and N more" for those
/// left out; `total` counts the items, given or not (a caller may give only the first few).
/// Items are taken only as far as the room reaches: a caller may make them as they are taken.
pub fn list<S: AsRef<str>>(
    items: impl IntoIterator<Item = S, IntoIter: ExactSizeIterator>,
    total: usize,
    sep: &str,
    room: usize,
) -> String {
    let items = items.into_iter();
    let n = total.max(items.len());
    if n == 0 {
        return String::new();
    }
    // The most items that fit, each joined once and measured as it comes: joining and
    // measuring every first few, the most first, had taken seconds a frame for 3,000
    // criteria. As "and N more" shortens, more may fit where fewer did not, so the search goes
    // on past a miss, until the letters no later item can change pass the room.
    let mut joined = crate::text_width::Growing::default();
    let mut fits = None;
    // Where the first item ends in `joined`, once there is one.
    let mut first_end = None;
    for (k, item) in items.enumerate() {
        if k > 0 {
            joined.push(sep);
        }
        joined.push(item.as_ref());
        if k == 0 {
            first_end = Some(joined.as_str().len());
        }
        if joined.settled() > room {
            break;
        }
        let more = and_more(n - k - 1);
        if joined.width_with(&more) <= room {
            fits = Some((joined.as_str().len(), more));
        }
    }
    if let Some((end, more)) = fits {
        let mut text = joined.into_string();
        text.truncate(end);
        return text + &more;
    }
    // Not even the first whole: its start, cut, names one of them better than a count alone.
    let more = and_more(n - 1);
    let left = room.saturating_sub(width(&more) + 1);
    match first_end.map(|end| &joined.as_str()[..end]) {
        Some(first) if left >= 6 => format!("{}…{more}", take(first, left).trim_end()),
        _ => format!("{n} of them"),
    }
}

/// For each of `texts`, how many of its first letters (as drawn: an accent with its letter) it shares with the most alike other
/// one: what a cut must show past for the text to read apart from the others. Sorted, a text's
/// most alike other is next to it, so ten thousand titles take one sort.
pub fn shared_starts<T: AsRef<str>>(texts: &[T]) -> Vec<usize> {
    // Printable ASCII, as most titles are, is a letter a byte: compared byte by byte, where
    // splitting every pair of 10,000 titles into letters was a tenth of the app's launch.
    let printable = |t: &str| t.bytes().all(|b| (0x20..0x7f).contains(&b));
    let common = |a: &str, b: &str| {
        if printable(a) && printable(b) {
            a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
        } else {
            a.graphemes(true).zip(b.graphemes(true)).take_while(|(x, y)| x == y).count()
        }
    };
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_unstable_by(|a, b| texts[*a].as_ref().cmp(texts[*b].as_ref()));
    let mut shared = vec![0; texts.len()];
    for pair in order.windows(2) {
        let n = common(texts[pair[0]].as_ref(), texts[pair[1]].as_ref());
        shared[pair[0]] = shared[pair[0]].max(n);
        shared[pair[1]] = shared[pair[1]].max(n);
    }
    shared
}

/// How far back [`cut_apart`] looks for the start of the word where a text parts from the
/// others; past that, it shows from where they part.
const WORD_BACK: usize = 12;

/// `text` in `room` columns, cut with "…" so that it still reads apart from the texts it
/// shares its first `shared` letters with ([`shared_starts`]). When its start alone would
/// read as theirs ("Neighbourhood Allotment…" for each of five versions), it keeps its start
/// and then, after "… ", the word where it parts from them: "Neighbourhood All… (v1)",
/// "Neighbo… - Team Edition"; that part is cut too, with "…", when even it does not fit.
pub fn cut_apart(text: &str, shared: usize, room: usize) -> String {
    if width(text) <= room {
        return text.to_owned();
    }
    let plain = crate::format::fit(text, room);
    let shown = plain.graphemes(true).count().saturating_sub(1);
    // Too narrow to show two parts, or the start already shows where it parts from the others.
    if shown > shared || room < 8 {
        return plain;
    }
    // By letters, as the screen shows them: a cut never parts an accent from its letter.
    let letters: Vec<&str> = text.graphemes(true).collect();
    let space = |k: usize| letters[k].chars().all(char::is_whitespace);
    let parts = shared.min(letters.len());
    let mut from = parts;
    while from > 0 && parts - from < WORD_BACK && !space(from - 1) {
        from -= 1;
    }
    if from > 0 && !space(from - 1) {
        from = parts;
    }
    let tail = letters[from..].concat().trim().to_owned();
    if tail.is_empty() {
        return plain;
    }
    let gap = if from > 0 && space(from - 1) { "… " } else { "…" };
    let least = room / 3;
    let head_room = room.saturating_sub(width(gap) + width(&tail));
    if head_room >= least {
        let head = crate::tui::layout::take_columns(text, head_room);
        return format!("{}{gap}{tail}", head.trim_end());
    }
    let head = crate::tui::layout::take_columns(text, least);
    let head = head.trim_end();
    let rest = room.saturating_sub(width(head) + width(gap));
    format!("{head}{gap}{}", crate::format::fit(&tail, rest))
}

/// What [`list`] adds after the items it names: " and 3 more", nothing for none.
pub fn and_more(left_out: usize) -> String {
    if left_out == 0 { String::new() } else { format!(" and {left_out} more") }
}

/// `lines` when they fit in `room` rows; else the first ones, the last row given to what
/// `more` says of how many were left out.
pub fn rows<T>(mut lines: Vec<T>, room: usize, more: impl FnOnce(usize) -> T) -> Vec<T> {
    if lines.len() <= room {
        return lines;
    }
    let kept = room.saturating_sub(1);
    let left = lines.len() - kept;
    lines.truncate(kept);
    if room > 0 {
        lines.push(more(left));
    }
    lines
}

/// As many whole `items` (each some rows) as fit in `room` rows; when not all fit, the last
/// row is what `more` says of how many items were left out. The rows, and how many items show.
pub fn items<T: Clone>(items: &[Vec<T>], room: usize, more: impl FnOnce(usize) -> T) -> (Vec<T>, usize) {
    let all: usize = items.iter().map(Vec::len).sum();
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let reserve = usize::from(all > room && k + 1 < items.len());
        if out.len() + item.len() + reserve > room {
            if room > 0 {
                out.truncate(room - 1);
                out.push(more(items.len() - k));
            }
            return (out, k);
        }
        out.extend(item.iter().cloned());
    }
    (out, items.len())
}

/// One column of a table, as [`columns`] fits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The columns its widest cell in sight (or its heading) takes.
    pub want: usize,
    /// The fewest it may be given; a number's column has `least == want`.
    pub least: usize,
    /// Which goes first when the room runs out: the lowest; `None` never goes.
    pub drop: Option<u8>,
}

impl Column {
    /// A column that shows whole or not at all (a number, a status).
    pub fn whole(want: usize, drop: Option<u8>) -> Column {
        Column { want, least: want, drop }
    }
}

/// Moves room from column `from` (down to its `least`) to column `to` (up to its `want`), where
/// both are shown: for a column that must be whole before another grows.
pub fn move_room(widths: &mut [Option<usize>], (from, least): (usize, usize), (to, want): (usize, usize)) {
    let (Some(Some(giving)), Some(Some(taking))) = (widths.get(from).copied(), widths.get(to).copied()) else { return };
    let moved = want.saturating_sub(taking).min(giving.saturating_sub(least));
    widths[from] = Some(giving - moved);
    widths[to] = Some(taking + moved);
}

/// Gives the room `widths` leave unused (of `room`, with `gap` between columns) to the first
/// column of `to` that is shown.
pub fn give_the_rest(widths: &mut [Option<usize>], gap: usize, room: usize, to: &[usize]) {
    let shown = widths.iter().flatten().count();
    let used = widths.iter().flatten().sum::<usize>() + gap * shown.saturating_sub(1);
    let first = to.iter().copied().find(|k| widths.get(*k).copied().flatten().is_some());
    if let Some(Some(width)) = first.and_then(|k| widths.get_mut(k)) {
        *width += room.saturating_sub(used);
    }
}

/// The width given to each column (`None`: dropped whole) in `room` columns, with `gap`
/// between columns. Columns are dropped, lowest `drop` first (the last of equals first), until
/// the rest fit at their least; the room left is shared among those that want more, in
/// proportion to what they want.
pub fn columns(cols: &[Column], gap: usize, room: usize) -> Vec<Option<usize>> {
    let mut shown: Vec<bool> = vec![true; cols.len()];
    let used = |shown: &[bool], w: &dyn Fn(&Column) -> usize| -> usize {
        let n = shown.iter().filter(|s| **s).count();
        cols.iter().zip(shown).filter(|(_, s)| **s).map(|(c, _)| w(c)).sum::<usize>() + gap * n.saturating_sub(1)
    };
    while used(&shown, &|c| c.least) > room {
        let next = (0..cols.len())
            .rev()
            .filter(|k| shown[*k])
            .filter_map(|k| cols[k].drop.map(|d| (d, k)))
            .min_by_key(|(d, k)| (*d, std::cmp::Reverse(*k)));
        let Some((_, k)) = next else { break };
        shown[k] = false;
    }
    let spare = room.saturating_sub(used(&shown, &|c| c.least));
    let wanting: usize = cols.iter().zip(&shown).filter(|(_, s)| **s).map(|(c, _)| c.want - c.least.min(c.want)).sum();
    let mut left = spare;
    cols.iter()
        .zip(&shown)
        .map(|(c, s)| {
            if !*s {
                return None;
            }
            let wants = c.want.saturating_sub(c.least);
            let grow = if wanting <= spare { wants } else { (spare * wants / wanting.max(1)).min(left) };
            left -= grow;
            Some(c.least + grow)
        })
        .collect()
}

/// The longest piece [`flow`] keeps whole, moving it to the next line rather than splitting it:
/// a link key, a count; a message longer than this fills the line it starts on.
const SHORT_PIECE: usize = 16;

/// Styled pieces of prose set one after another, two spaces apart, and wrapped at spaces to
/// `room` columns: the footer's news, whatever its length, reads whole.
pub fn flow(pieces: &[(String, Style)], room: usize) -> Vec<Line<'static>> {
    let room = room.max(1);
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for (text, style) in pieces.iter().filter(|(t, _)| !t.trim().is_empty()) {
        // A piece that fits on the line goes as it is, its spacing kept.
        let gap = if used == 0 { 0 } else { 2 };
        let text = text.trim();
        if used + gap + width(text) <= room {
            if let Some(line) = lines.last_mut() {
                line.push(Span::styled(format!("{}{text}", " ".repeat(gap)), *style));
            }
            used += gap + width(text);
            continue;
        }
        // A short piece that fits a line of its own goes whole to the next: "[p] Post —" must
        // not read "[p]" at a line's end and "Post —" under it. A longer one flows word by word.
        if width(text) <= room && width(text) <= SHORT_PIECE {
            lines.push(vec![Span::styled(text.to_owned(), *style)]);
            used = width(text);
            continue;
        }
        let mut first = true;
        for word in wrap(text, room).iter().flat_map(|l| l.split(' ')).filter(|w| !w.is_empty()) {
            let gap = match (used, first) {
                (0, _) => 0,
                (_, true) => 2,
                (_, false) => 1,
            };
            first = false;
            if used > 0 && used + gap + width(word) > room {
                lines.push(Vec::new());
                used = 0;
            }
            let lead = if used == 0 { 0 } else { gap };
            if let Some(line) = lines.last_mut() {
                line.push(Span::styled(format!("{}{word}", " ".repeat(lead)), *style));
            }
            used += lead + width(word);
        }
    }
    lines.into_iter().filter(|l| !l.is_empty()).map(Line::from).collect()
}

/// Whether `text` shows whole on the drawn screen: its words in order, each whole, one space
/// or more apart on a row, or going on at the start of a word on the next row (as [`wrap`] and
/// [`hanging`] set it). The screen-fit test's check, for any text a screen means to show whole.
pub fn shows_whole(buf: &Buffer, text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(first) = words.first() else { return true };
    let area = buf.area;
    (area.top()..area.bottom()).any(|y| {
        (area.left()..area.right()).any(|x| {
            !letter(buf, x.checked_sub(1), y)
                && word_at(buf, x, y, first).is_some_and(|(end, row)| goes_on(buf, end, row, &words[1..]))
        })
    })
}

/// Where `word` ends, column and row, if it starts at (x, y), whole: the cell after it is not
/// a letter. A word broken after a `/` at the end of a row (as [`wrap`] breaks a path) goes on
/// at the start of a word on the next row.
fn word_at(buf: &Buffer, x: u16, y: u16, word: &str) -> Option<(u16, u16)> {
    let mut x = x;
    // A cell holds a letter whole, accents and joiners with it; one of no width is not drawn.
    for (i, g) in word.grapheme_indices(true).filter(|(_, g)| width(g) > 0) {
        if x >= buf.area.right() || buf[(x, y)].symbol() != g {
            let broken = word[..i].ends_with('/') && !letter(buf, Some(x), y) && y + 1 < buf.area.bottom();
            return broken.then(|| starts_below(buf, y + 1, &word[i..])).flatten();
        }
        x += u16::try_from(width(g)).unwrap_or(1);
    }
    (!letter(buf, Some(x), y)).then_some((x, y))
}

/// Where `word` ends if it starts a word somewhere on row `y`.
fn starts_below(buf: &Buffer, y: u16, word: &str) -> Option<(u16, u16)> {
    (buf.area.left()..buf.area.right())
        .filter(|c| *c == buf.area.left() || !letter(buf, Some(c - 1), y))
        .find_map(|c| word_at(buf, c, y, word))
}

fn letter(buf: &Buffer, x: Option<u16>, y: u16) -> bool {
    x.filter(|x| *x < buf.area.right()).is_some_and(|x| buf[(x, y)].symbol().chars().any(char::is_alphanumeric))
}

/// Whether `words` follow a word that ended at (x, y).
fn goes_on(buf: &Buffer, x: u16, y: u16, words: &[&str]) -> bool {
    let Some(next) = words.first() else { return true };
    // On the same row, after one space or more.
    let mut at = x;
    while at < buf.area.right() && buf[(at, y)].symbol() == " " {
        at += 1;
    }
    if at > x && word_at(buf, at, y, next).is_some_and(|(end, row)| goes_on(buf, end, row, &words[1..])) {
        return true;
    }
    // At the start of a word on the next row.
    let below = y + 1;
    below < buf.area.bottom()
        && (buf.area.left()..buf.area.right()).any(|c| {
            let starts = c == buf.area.left() || !letter(buf, Some(c - 1), below);
            starts && word_at(buf, c, below, next).is_some_and(|(end, row)| goes_on(buf, end, row, &words[1..]))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Titles alike in their first words are cut so each still reads apart (a head judge could
    /// not tell five versions of one long title apart, each "Neighbourhood Allotment…").
    #[test]
    fn alike_titles_are_cut_apart() {
        let base = "Neighbourhood Allotment Watering Assistant for Elderly Gardeners";
        let titles: Vec<String> = ["(v1)", "(v2)", "(final)", "- Team Edition", "(fork)"]
            .iter()
            .map(|v| format!("{base} {v}"))
            .chain(["Project number 33 with a long name".to_owned(), "Project number 30 with a long name".to_owned()])
            .chain(["Sprout Sense".to_owned(), "盆栽の水やりアシスタント 植物と話す 盆栽の水やり A".to_owned()])
            .chain(["盆栽の水やりアシスタント 植物と話す 盆栽の水やり B".to_owned()])
            .collect();
        let shared = shared_starts(&titles);
        assert_eq!(shared[7], 0, "Sprout Sense is like no other");
        // In letters, whether compared a byte at a time (ASCII) or a letter at a time.
        assert_eq!((shared[0], shared[5]), (format!("{base} (v").len(), "Project number 3".len()));
        assert_eq!(shared[8], titles[8].chars().count() - 1, "all but the last letter");
        for room in [12, 16, 23, 40] {
            let cut: Vec<String> = titles.iter().zip(&shared).map(|(t, n)| cut_apart(t, *n, room)).collect();
            for (k, c) in cut.iter().enumerate() {
                assert!(width(c) <= room, "{c:?} is wider than {room}");
                assert!(c.contains('…') || *c == titles[k], "{c:?} is cut without a sign");
                for (j, d) in cut.iter().enumerate() {
                    assert!(j == k || c != d, "at {room} columns {:?} and {:?} both read {c:?}", titles[k], titles[j]);
                }
            }
        }
        assert_eq!(cut_apart(&titles[0], shared[0], 23), "Neighbourhood All… (v1)");
        assert_eq!(cut_apart(&titles[3], shared[3], 23), "Neighbo… - Team Edition");
        assert_eq!(cut_apart(&titles[7], shared[7], 8), "Sprout …");
        // A title like no other is cut as any cell is: its start, then "…".
        assert_eq!(cut_apart("A title like no other one", 0, 12), crate::format::fit("A title like no other one", 12));
    }

    #[test]
    fn prose_wraps_at_spaces_by_display_width() {
        assert_eq!(
            wrap("Solves the stated problem well; someone would use it", 20),
            ["Solves the stated", "problem well;", "someone would use it"]
        );
        assert_eq!(wrap("実用性 実用性", 7), ["実用性", "実用性"], "six columns each, not three");
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"], "a word wider than the line is broken");
        assert_eq!(wrap("one\ntwo", 10), ["one", "two"], "line breaks are kept");
        assert_eq!(wrap("", 10), [""]);
    }

    /// A judge's note of one 400,000-character word, or a path of as many slashes, wraps in a
    /// line's reading a line: measured whole on every line, it had held the head judge's screen
    /// for minutes (and a 60 MB note for ever).
    #[test]
    fn a_huge_word_wraps_line_by_line() {
        let word = "A".repeat(400_000);
        let lines = wrap(&format!("note: {word} end"), 80);
        assert_eq!(lines.len(), 2 + 400_000 / 80, "{:?}", &lines[..2]);
        assert!(lines.iter().all(|l| width(l) <= 80));
        assert_eq!(lines.concat().len(), "note:".len() + 400_000 + "end".len());
        let path = "ab/".repeat(100_000);
        let lines = wrap(&path, 80);
        assert!(lines.iter().all(|l| width(l) <= 80 && l.ends_with('/')), "{:?}", &lines[..2]);
        assert_eq!(lines.concat(), path);
    }

    #[test]
    fn a_path_breaks_after_a_slash_and_an_aside_goes_whole() {
        assert_eq!(
            wrap("models meta-llama/Llama-3.2-3B-Instruct (3.2B declared)", 30),
            ["models meta-llama/", "Llama-3.2-3B-Instruct", "(3.2B declared)"]
        );
        // A path that fits a line of its own still breaks after a `/` rather than leave the
        // label alone; a word with no `/`, or one after the second word, goes whole.
        assert_eq!(
            wrap("models Qwen/Qwen2.5-1.5B-Instruct (1.5B declared)", 30),
            ["models Qwen/", "Qwen2.5-1.5B-Instruct", "(1.5B declared)"]
        );
        assert_eq!(wrap("models Qwen2.5-1.5B-Instruct-GGUF-q4", 30), ["models", "Qwen2.5-1.5B-Instruct-GGUF-q4"]);
        // A first word broken across lines leaves a fragment, not a label: the path goes whole.
        assert_eq!(
            wrap("abcdefghijklmnopqrstuvwxyz a/bcdefghij", 12),
            ["abcdefghijkl", "mnopqrstuvwx", "yz", "a/bcdefghij"]
        );
        assert_eq!(
            wrap("see the models Qwen/Qwen2.5-1.5B-Instruct", 30),
            ["see the models", "Qwen/Qwen2.5-1.5B-Instruct"]
        );
        assert_eq!(
            wrap("hf.co/spaces/build-small-hackathon/pantry-poet", 20),
            ["hf.co/spaces/", "build-small-hackatho", "n/pantry-poet"],
            "after a slash where one fits, else where the line ends"
        );
        assert_eq!(
            wrap("a long aside (in four words here) ends", 20),
            ["a long aside", "(in four words here)", "ends"]
        );
        assert_eq!(wrap("abc (d e) f", 8), ["abc", "(d e) f"]);
    }

    #[test]
    fn a_hanging_indent_keeps_the_text_in_its_column() {
        assert_eq!(
            hanging("  ●4 ", "Solves the stated problem well; someone would use it.", 30),
            ["  ●4 Solves the stated problem", "     well; someone would use", "     it."]
        );
        // A head that leaves too little room: the text goes under it.
        assert_eq!(
            hanging("Tab S-Tab h l ← → ", "focus the next criterion", 24),
            ["Tab S-Tab h l ← →", "  focus the next", "  criterion"]
        );
    }

    /// [`list`] as it was: every first few joined and measured, the most first. What the
    /// linear one must say, word for word.
    fn list_by_rescan(items: &[String], total: usize, sep: &str, room: usize) -> String {
        let n = total.max(items.len());
        if n == 0 {
            return String::new();
        }
        for shown in (1..=items.len()).rev() {
            let text = items[..shown].join(sep) + &and_more(n - shown);
            if width(&text) <= room {
                return text;
            }
        }
        let more = and_more(n - 1);
        let left = room.saturating_sub(width(&more) + 1);
        match items.first() {
            Some(first) if left >= 6 => format!("{}…{more}", take(first, left).trim_end()),
            _ => format!("{n} of them"),
        }
    }

    /// Letters that join what comes before or after them (accents, joiners, a flag's halves,
    /// a Prepend sign, Hangul jamo), wide ones, and ids of every length, with separators that
    /// join too: the list grown item by item says what the rescan said, at every room, for
    /// totals past the items given (where "and 10 more" shortens to "and 9 more", and "and 1
    /// more" goes, so that more may fit than fewer).
    #[test]
    fn a_list_grown_as_it_goes_says_what_the_rescan_said() {
        let pieces = [
            "a",
            "bb",
            "sprout-sense",
            "#12 Pantry Poet",
            "実用性",
            "漢字の学習",
            "👩🏽\u{200d}💻",
            "🇫",
            "🇷",
            "🇫🇷",
            "e\u{301}",
            "\u{301}",
            "\u{200d}",
            "\u{fe0f}",
            "\u{2764}",
            "لا",
            "ل",
            "ا",
            "\u{600}",
            "\u{1100}",
            "\u{1161}",
            "",
            " ",
            "an-id-of-thirty-letters-long-x",
            "Café",
            "नमस्ते",
            "क्",
            "ष",
        ];
        let seps = [" · ", "", "\u{200d}", "\u{1f1eb}"];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |below: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap_or(0) % below
        };
        let mut lists: Vec<Vec<String>> =
            (0..=14).map(|n| (0..n).map(|k| pieces[k % pieces.len()].to_owned()).collect()).collect();
        for _ in 0..60 {
            let len = next(15);
            lists.push((0..len).map(|_| pieces[next(pieces.len())].to_owned()).collect());
        }
        // Flag letters alone, pairing across items as they are joined.
        lists.push(vec!["🇫".to_owned(); 9]);
        let mut checked = 0;
        for items in &lists {
            for sep in seps {
                for total in [0, items.len() + 1, items.len() + 9, items.len() + 995] {
                    for room in 0..=60 {
                        let want = list_by_rescan(items, total, sep, room);
                        assert_eq!(list(items, total, sep, room), want, "{items:?} {total} {sep:?} in {room}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 50_000, "{checked}");
        // A long list: the same at every room, to past its whole width.
        let long: Vec<String> = (0..300).map(|k| format!("{}{k}", pieces[k % pieces.len()])).collect();
        for room in (0..=120).chain([1_000, 5_000]) {
            assert_eq!(list(&long, 400, " · ", room), list_by_rescan(&long, 400, " · ", room), "in {room}");
        }
    }

    /// 3,000 criteria folded into one line (the Scores pane of a judge's app): a list of them
    /// in a line's time. Joining and measuring every first few had taken seconds.
    #[test]
    fn a_list_of_thousands_is_fitted_at_once() {
        let items: Vec<String> = (0..100_000).map(|k| format!("crit{k} [·]")).collect();
        let started = std::time::Instant::now();
        for room in [0, 10, 80, 200] {
            let text = list(&items, items.len(), " · ", room);
            assert!(width(&text) <= room.max(20), "{text:?}");
        }
        assert_eq!(list(&items[..3], 3, " · ", 200), "crit0 [·] · crit1 [·] · crit2 [·]");
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
    }

    #[test]
    fn a_list_says_how_many_it_left_out() {
        let items: Vec<String> = ["#1 Sprout Sense", "#2 Pantry Poet", "#3 Bus Stop Oracle"].map(String::from).into();
        assert_eq!(list(&items, 3, ", ", 80), "#1 Sprout Sense, #2 Pantry Poet, #3 Bus Stop Oracle");
        assert_eq!(list(&items, 3, ", ", 45), "#1 Sprout Sense, #2 Pantry Poet and 1 more");
        assert_eq!(list(&items, 3, ", ", 22), "#1 Sprout… and 2 more", "the first, cut, before a bare count");
        assert_eq!(list(&items, 3, ", ", 12), "3 of them");
        assert_eq!(list(&items[..1], 3, ", ", 80), "#1 Sprout Sense and 2 more", "only the first given");
        assert_eq!(list(&items[..1], 1, ", ", 8), "#1 Spro…", "one alone, cut, says no 'and 0 more'");
        assert_eq!((and_more(0), and_more(2)), (String::new(), " and 2 more".to_owned()));
        let kept = rows((1..=7).collect(), 4, |n| 100 + n);
        assert_eq!(kept, [1, 2, 3, 104], "three rows, and the fourth says four more");
        assert_eq!(rows(vec![1, 2], 4, |n| n), [1, 2]);
        let groups = [vec![1, 1], vec![2], vec![3, 3]];
        assert_eq!(super::items(&groups, 4, |n| 100 + n), (vec![1, 1, 2, 101], 2), "whole items, then how many more");
        assert_eq!(super::items(&groups, 5, |n| 100 + n), (vec![1, 1, 2, 3, 3], 3));
    }

    #[test]
    fn a_text_shows_whole_on_one_row_or_wrapped() {
        use ratatui::widgets::Widget;
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 24, 3));
        for (y, text) in
            ["│ 4 Solves the stated  │", "│   problem well.      │", "│ 5 Indispensable or d…│"].into_iter().enumerate()
        {
            Line::from(text).render(ratatui::layout::Rect::new(0, u16::try_from(y).unwrap_or(0), 24, 1), &mut buf);
        }
        assert!(shows_whole(&buf, "4 Solves the stated problem well."));
        assert!(shows_whole(&buf, "Solves the"), "on one row");
        assert!(!shows_whole(&buf, "5 Indispensable or delightful"), "cut with an ellipsis");
        assert!(!shows_whole(&buf, "4 Solves the stat"), "a word cut short is not whole");
        assert!(!shows_whole(&buf, "problem well. 4"), "rows go down, not back up");
    }

    #[test]
    fn a_path_shows_whole_broken_after_a_slash() {
        use ratatui::widgets::Widget;
        let drawn = |rows: [&str; 2]| {
            let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 24, 2));
            for (y, text) in rows.into_iter().enumerate() {
                Line::from(text).render(ratatui::layout::Rect::new(0, u16::try_from(y).unwrap_or(0), 24, 1), &mut buf);
            }
            buf
        };
        let model = "models meta-llama/Llama-3.2-3B-Instruct";
        assert!(shows_whole(&drawn(["│models meta-llama/    │", "│Llama-3.2-3B-Instruct │"]), model));
        assert!(!shows_whole(&drawn(["│meta-llama/Llama-3.2-3│", "│B-Instruct            │"]), model), "cut mid-word");
    }

    #[test]
    fn pieces_flow_two_spaces_apart_and_wrap_at_spaces() {
        let plain = Style::new();
        let pieces = [(" 0 of 40 scored ".to_owned(), plain), ("saved · r recuses this entry".to_owned(), plain)];
        let text = |lines: Vec<Line>| lines.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(text(flow(&pieces, 80)), ["0 of 40 scored  saved · r recuses this entry"]);
        assert_eq!(text(flow(&pieces, 30)), ["0 of 40 scored  saved · r", "recuses this entry"]);
        // A link key is never split from its label, as a probe found "[p]" / "Post —".
        let keys: Vec<(String, Style)> =
            ["[o] Space", "[v] Video —", "[p] Post —"].iter().map(|k| ((*k).to_owned(), Style::new())).collect();
        assert_eq!(text(flow(&keys, 29)), ["[o] Space  [v] Video —", "[p] Post —"]);
    }

    #[test]
    fn columns_are_dropped_whole_and_the_room_shared() {
        let title = Column { want: 40, least: 12, drop: None };
        let team = Column { want: 20, least: 8, drop: Some(3) };
        let track = Column::whole(8, Some(1));
        let total = Column::whole(5, Some(2));
        let cols = [track, title, team, total];
        assert_eq!(columns(&cols, 1, 200), [Some(8), Some(40), Some(20), Some(5)], "room for all they want");
        assert_eq!(columns(&cols, 1, 30), [None, Some(14), Some(8), Some(5)], "the track goes first");
        assert_eq!(columns(&cols, 1, 22), [None, Some(12), Some(8), None], "then the total, whole");
        // Spare room shared in proportion to what each wants: 28 and 12 over 10 spare.
        assert_eq!(columns(&[title, team], 1, 31), [Some(19), Some(11)]);
    }

    /// (widths, from and its least, to and its want) → the widths with the room moved.
    #[test]
    fn room_moves_to_a_column_that_must_be_whole_first() {
        type Two = [Option<usize>; 2];
        type Column = (usize, usize);
        let cases: [(Two, Column, Column, Two); 4] = [
            ([Some(17), Some(31)], (1, 12), (0, 19), [Some(19), Some(29)]),
            ([Some(17), Some(15)], (1, 12), (0, 40), [Some(20), Some(12)]),
            ([Some(25), Some(31)], (1, 12), (0, 19), [Some(25), Some(31)]),
            ([Some(17), None], (1, 12), (0, 19), [Some(17), None]),
        ];
        for (widths, from, to, want) in cases {
            let mut got = widths;
            move_room(&mut got, from, to);
            assert_eq!(got, want, "{widths:?}");
        }
    }

    /// (widths, room, columns to give it to in turn) → the widths with the unused room given.
    #[test]
    fn the_room_no_column_wants_goes_to_the_first_shown() {
        type Widths<'a> = &'a [Option<usize>];
        let cases: [(Widths, usize, &[usize], Widths); 4] = [
            (&[Some(8), Some(40), Some(20), Some(5)], 200, &[2, 1], &[Some(8), Some(40), Some(144), Some(5)]),
            (&[Some(8), Some(40), None, Some(5)], 100, &[2, 1], &[Some(8), Some(85), None, Some(5)]),
            (&[Some(8), Some(40), Some(20), Some(5)], 76, &[2, 1], &[Some(8), Some(40), Some(20), Some(5)]),
            // Columns that already take more than the room are left as they are.
            (&[Some(50), Some(40)], 60, &[0], &[Some(50), Some(40)]),
        ];
        for (widths, room, to, want) in cases {
            let mut got = widths.to_vec();
            give_the_rest(&mut got, 1, room, to);
            assert_eq!(got, want, "{widths:?} in {room}");
        }
    }
}

/// Splits each cluster the terminal draws as cells of its own into those cells, as the last step
/// of every frame (the judge's app and the head judge's board both). ratatui holds a cluster such
/// as Devanagari "स्ते" (a conjunct: two letters and their signs) in one cell two columns wide, and
/// the terminal in two cells of one column, "स्" and "ते"; a narrow letter later drawn over the
/// first, ratatui took the second column as cleared with it, as a wide letter's is, and wrote
/// nothing there, so "ते" stayed in a row that no longer held it. A cluster is split where it
/// is letters of one column each with their marks, as many as its columns; an emoji sequence, a
/// flag, "❤️" or a wide letter stays whole.
pub fn terminal_cells(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let symbol = buf[(x, y)].symbol();
            if symbol.len() == 1 || width(symbol) < 2 {
                continue;
            }
            let Some(pieces) = crate::text_width::narrow_cells(symbol) else { continue };
            if usize::from(area.right() - x) < pieces.len() {
                continue;
            }
            let style = buf[(x, y)].style();
            for (k, piece) in pieces.iter().enumerate() {
                let cell = &mut buf[(x + u16::try_from(k).unwrap_or(0), y)];
                cell.set_symbol(piece);
                cell.set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod terminal_cells_tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// A conjunct drawn over by narrow letters: every column it took is written again, where
    /// its second column had been left on the terminal ("ते" in a row that no longer held it).
    #[test]
    fn a_conjuncts_columns_are_each_written_again() {
        let area = Rect::new(0, 0, 8, 1);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, "नमस्ते|", Style::new());
        let mut after = Buffer::empty(area);
        after.set_string(0, 0, "ab", Style::new());
        let written = |before: &Buffer, after: &Buffer| -> Vec<u16> {
            before.diff(after).into_iter().map(|(x, _, _)| x).collect()
        };
        // As ratatui holds it: column 3 is never written.
        assert!(!written(&before, &after).contains(&3), "{:?}", written(&before, &after));
        super::terminal_cells(&mut before);
        super::terminal_cells(&mut after);
        let symbols: Vec<&str> = (0..5).map(|x| before[(x, 0)].symbol()).collect();
        assert_eq!(symbols, ["न", "म", "स\u{94d}", "त\u{947}", "|"]);
        assert!(written(&before, &after).contains(&3), "{:?}", written(&before, &after));
        // What stays whole: emoji sequences, a selector, a flag's tags, a wide letter.
        for whole in [
            "👨\u{200d}👩\u{200d}👧",
            "\u{2764}\u{fe0f}",
            "漢",
            "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
            "e\u{301}\u{301}",
        ] {
            assert_eq!(crate::text_width::narrow_cells(whole), None, "{whole}");
        }
    }
}
