//! Text measured and cut in terminal columns: the one rule for every screen, table and line
//! of output that lines text up.
//!
//! A terminal cell holds a grapheme cluster, what a reader sees as one letter: a base with
//! its combining accents ("e\u{301}"), a Devanagari or Thai syllable with its vowel signs, an
//! emoji with its joiners, skin tone and presentation selector ("👩🏽‍💻", "❤️"). ratatui lays a
//! line out cluster by cluster, each as wide as its own width, so that is how it is measured
//! here. Counting characters, or adding up each character's width, misjudges these: "❤️" is
//! a character of width 1 and a selector, and takes 2 columns; "👨‍👩‍👧‍👦" is seven characters
//! in 2. A cut is made between clusters only, so it never leaves an accent without its letter,
//! or half an emoji sequence.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Printable ASCII, nearly every title and name: a column a byte, measured without segmenting.
fn plain(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// How many terminal columns `text` takes, cluster by cluster as the screen lays it out: a CJK
/// letter takes two, an accent none of its own.
pub fn width(text: &str) -> usize {
    if plain(text) {
        return text.len();
    }
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// A cluster as a terminal lays it out in cells, where it takes cells of its own: each letter
/// of one column with the marks after it, when there are more than one and as many as the
/// cluster's columns (Devanagari "स्ते" is "स्" and "ते", where ratatui holds one cell two
/// columns wide). `None` for every other cluster: a letter, an emoji sequence, "❤️", a flag, a
/// wide letter.
pub fn narrow_cells(cluster: &str) -> Option<Vec<String>> {
    use unicode_width::UnicodeWidthChar;
    let mut cells: Vec<String> = Vec::new();
    for c in cluster.chars() {
        match c.width() {
            Some(0) => cells.last_mut()?.push(c),
            Some(1) => cells.push(c.to_string()),
            _ => return None,
        }
    }
    (cells.len() > 1 && cells.len() == width(cluster)).then_some(cells)
}

/// Text measured as it is built, piece by piece: each piece is measured once, with the one
/// letter it may join (the last so far: an accent, a joiner or a second flag letter at its
/// start makes one letter of the two), so a line built of thousands of pieces is measured in
/// one pass, not once a piece. Its width is always [`width`] of its text.
#[derive(Debug, Default, Clone)]
pub struct Growing {
    text: String,
    /// The columns of every letter but the last: no later piece changes them.
    settled: usize,
    /// Where the last letter starts.
    last: usize,
}

impl Growing {
    /// Adds `piece` at the end.
    pub fn push(&mut self, piece: &str) {
        let tail = &self.text[self.last..];
        // Printable ASCII joins nothing: its letters settle a column a byte.
        if plain(tail) && plain(piece) && !piece.is_empty() {
            self.settled += tail.len() + piece.len() - 1;
            self.text.push_str(piece);
            self.last = self.text.len() - 1;
            return;
        }
        self.text.push_str(piece);
        // Letters part where they did before the last one starts, so only from there is the
        // text read again.
        let (mut before, mut last, mut start) = (0, 0, 0);
        for (i, g) in self.text[self.last..].grapheme_indices(true) {
            before += last;
            last = width(g);
            start = i;
        }
        self.settled += before;
        self.last += start;
    }

    /// The columns it takes.
    pub fn width(&self) -> usize {
        self.settled + width(&self.text[self.last..])
    }

    /// The columns it would take with `tail` added, left as it is.
    pub fn width_with(&self, tail: &str) -> usize {
        self.settled + width(&format!("{}{tail}", &self.text[self.last..]))
    }

    /// The columns no piece added later can take back: whatever follows, it is at least this
    /// wide.
    pub fn settled(&self) -> usize {
        self.settled
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

/// The longest start of `text` that fits in `room` columns, cut between clusters only.
pub fn take(text: &str, room: usize) -> &str {
    if plain(text) {
        return &text[..room.min(text.len())];
    }
    let mut used = 0;
    for (i, g) in text.grapheme_indices(true) {
        used += g.width();
        if used > room {
            return &text[..i];
        }
    }
    text
}

/// Whether `text` takes more than `room` columns, read no further than the cluster past them
/// (a note of 400,000 characters is not measured whole to wrap its first line).
pub fn wider_than(text: &str, room: usize) -> bool {
    take(text, room).len() < text.len()
}

/// `text` cut to at most `width` columns, ending in `…` when it was cut.
pub fn fit(text: &str, width: usize) -> String {
    let (kept, cut) = cut_to(text, width);
    if cut { format!("{kept}…") } else { kept.to_owned() }
}

/// What of `text` [`fit`] keeps in `width` columns, and whether it cut it (then "…" follows).
fn cut_to(text: &str, width: usize) -> (&str, bool) {
    if !wider_than(text, width) {
        (text, false)
    } else if width == 0 {
        ("", false)
    } else {
        (take(text, width - 1), true)
    }
}

/// `text` followed by spaces up to `width` columns (`format!("{:<w$}")` counts characters,
/// and misaligns wide letters, accents and emoji).
pub fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_owned();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(self::width(text))));
    out
}

/// Spaces, then `text`, up to `width` columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(self::width(text))).collect();
    out.push_str(text);
    out
}

/// `text` cut to `width` columns ([`fit`]) and padded with spaces to fill them: a table's cell
/// of words, aligned whatever the letters' widths.
pub fn fit_padded(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(width);
    push_fit_padded(&mut out, text, width);
    out
}

/// [`fit_padded`], written onto `out`: nothing made of its own for each of a table's cells.
pub fn push_fit_padded(out: &mut String, text: &str, width: usize) {
    let (kept, cut) = cut_to(text, width);
    out.push_str(kept);
    if cut {
        out.push('…');
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(self::width(kept) + usize::from(cut))));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// Letters that take other than a column a character: accents, Indic and Thai vowel signs,
    /// emoji sequences, wide CJK, flags (Scotland's of tag characters too), lam-alef (one
    /// ligature to some, two letters on screen).
    const LETTERS: [&str; 15] = [
        "Cafe\u{301}",
        "Haggis \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} Hunt",
        "हिन्दी सहायक",
        "நன்றி",
        "ผู้ช่วยภาษาไทย",
        "👨\u{200d}👩\u{200d}👧\u{200d}👦",
        "🏳\u{fe0f}\u{200d}🌈",
        "👩🏽\u{200d}💻",
        "I \u{2764}\u{fe0f} it",
        "漢字の学習",
        "🇫🇷",
        "لا",
        "Zoe\u{308} A\u{30a}berg",
        "plain ASCII",
        "",
    ];

    /// Where ratatui's own drawing of `text` on one row ends: what the widths here must agree
    /// with, or a padded cell and the next column part.
    fn drawn(text: &str) -> usize {
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 1));
        usize::from(buf.set_stringn(0, 0, text, 200, Style::new()).0)
    }

    #[test]
    fn width_is_what_the_screen_takes() {
        for text in LETTERS {
            assert_eq!(width(text), drawn(text), "{text:?}");
            assert_eq!(width(&pad(text, 30)), 30, "{text:?} padded");
            assert_eq!(drawn(&pad_left(text, 30)), 30, "{text:?} padded on the left");
        }
    }

    /// Every cut, at every width, fits, keeps whole clusters and ends in "…" exactly when it cut.
    #[test]
    fn cuts_fit_and_keep_letters_whole() {
        for text in LETTERS {
            let clusters: Vec<&str> = text.graphemes(true).collect();
            for room in 0..=width(text) + 1 {
                let head = take(text, room);
                assert!(drawn(head) <= room, "{text:?} taken to {room}: {head:?}");
                let whole = head.graphemes(true).count();
                assert_eq!(clusters[..whole].concat(), head, "{text:?} taken to {room} parts a letter");
                let next = clusters.get(whole).map_or(0, |g| width(g));
                assert!(
                    whole == clusters.len() || drawn(head) + next > room,
                    "{text:?} at {room}: {head:?} stops short"
                );
                let cut = fit(text, room);
                assert!(drawn(&cut) <= room, "{text:?} fitted to {room}: {cut:?}");
                assert_eq!(cut.ends_with('…') && !text.ends_with('…'), width(text) > room && room > 0, "{cut:?}");
                assert_eq!(drawn(&fit_padded(text, room)), room, "{text:?} fitted and padded to {room}");
                // Written onto a line, it is the cut padded: what a table's cell was.
                let mut line = String::from("> ");
                push_fit_padded(&mut line, text, room);
                assert_eq!(line, format!("> {}", pad(&cut, room)), "{text:?} written in {room}");
                assert_eq!(wider_than(text, room), width(text) > room, "{text:?} at {room}");
            }
        }
    }

    /// Built piece by piece, a text measures what it measures whole, whatever joins across the
    /// pieces (an accent or joiner at a piece's start, a flag's two halves, Hangul jamo, a
    /// Prepend sign at a piece's end), and what it has settled no later piece takes back.
    #[test]
    fn a_text_built_piece_by_piece_measures_as_whole() {
        let pieces = [
            "a",
            " · ",
            "実用性",
            "\u{301}",
            "\u{200d}",
            "👩🏽",
            "💻",
            "\u{fe0f}",
            "\u{2764}",
            "🇫",
            "🇷",
            "لا",
            "\u{600}",
            "\u{1100}",
            "\u{1161}",
            "\u{11a8}",
            "",
            "क्",
            "ष",
            "\r",
            "\n",
            "plain ASCII",
        ];
        let mut seed: u64 = 7;
        for _ in 0..2_000 {
            let mut grown = Growing::default();
            let mut whole = String::new();
            let mut settled = Vec::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let piece = pieces[usize::try_from(seed >> 33).unwrap_or(0) % pieces.len()];
                assert_eq!(grown.width_with(piece), width(&format!("{whole}{piece}")), "{whole:?} + {piece:?}");
                grown.push(piece);
                whole.push_str(piece);
                assert_eq!((grown.as_str(), grown.width()), (whole.as_str(), width(&whole)));
                settled.push(grown.settled());
                assert!(settled.iter().all(|s| *s <= width(&whole)), "{whole:?}: {settled:?}");
            }
        }
    }

    #[test]
    fn cuts_fall_between_letters() {
        let cases = [
            ("a longer title", 8, "a longe…"),
            ("日本語のタイトル", 7, "日本語…"),
            ("Cafe\u{301} au lait", 5, "Cafe\u{301}…"),
            ("\u{2764}\u{fe0f}\u{2764}\u{fe0f}\u{2764}\u{fe0f}", 5, "\u{2764}\u{fe0f}\u{2764}\u{fe0f}…"),
            ("👩🏽\u{200d}💻👩🏽\u{200d}💻 team", 5, "👩🏽\u{200d}💻👩🏽\u{200d}💻…"),
            ("short", 10, "short"),
            ("abc", 0, ""),
        ];
        for (text, room, want) in cases {
            assert_eq!(fit(text, room), want, "{text:?} in {room}");
        }
        let padded = [("ab", 4, "ab  "), ("日本", 6, "日本  "), ("abcdef", 4, "abc…"), ("", 2, "  ")];
        for (text, room, want) in padded {
            assert_eq!(fit_padded(text, room), want, "{text:?} in {room}");
        }
    }
}
