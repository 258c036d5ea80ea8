//! A printed report's sentences wrapped at the terminal's width, between words, when it is
//! printed to a terminal: a note of 400 characters had been cut by the terminal in the middle of
//! words, its second line starting where the table's first column is. Table rows are left
//! whole, as their columns only line up whole. Lines are measured as the screen draws them
//! ([`crate::text_width`]).

use crate::text_width::width as columns;

/// `text` with each line of prose wider than `width` columns wrapped between words; a wrapped
/// line's next lines are indented two columns past its own indent, so that a note's lines read
/// as one. A line whose words are set apart by two spaces or more somewhere is a table's row and
/// is kept as it is, and so is a word wider than the width.
pub fn for_terminal(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        if !crate::text_width::wider_than(body, width) || is_row(body) {
            out.push_str(line);
            continue;
        }
        wrap_line(&mut out, body, width);
        out.push_str(end);
    }
    out
}

/// A table's row: after its indent, two spaces or more between two of its words.
fn is_row(line: &str) -> bool {
    line.trim().contains("  ")
}

fn wrap_line(out: &mut String, line: &str, width: usize) {
    let indent = line.len() - line.trim_start().len();
    let indent_width = columns(&line[..indent]);
    let next_indent = " ".repeat(if indent > 0 { indent_width + 2 } else { 0 });
    out.push_str(&line[..indent]);
    let mut used = indent_width;
    let mut first_word = true;
    for word in line[indent..].split(' ') {
        let w = columns(word);
        if !first_word && used + 1 + w > width {
            out.push('\n');
            out.push_str(&next_indent);
            used = next_indent.len();
        } else if !first_word {
            out.push(' ');
            used += 1;
        }
        out.push_str(word);
        used += w;
        first_word = false;
    }
}

#[cfg(test)]
mod tests {
    use super::for_terminal;

    #[test]
    fn prose_wraps_between_words_and_rows_stay_whole() {
        let cases: [(&str, usize, &str); 6] = [
            // Short enough: as it was.
            ("a short line\n", 20, "a short line\n"),
            // A sentence at the left margin wraps as a paragraph.
            ("one two three four five\n", 10, "one two\nthree four\nfive\n"),
            // A note's lines hang two columns past its indent.
            ("  note: one two three four\n", 14, "  note: one\n    two three\n    four\n"),
            // A row of a table is kept whole, however wide.
            ("PLACE  ID          TITLE\n", 10, "PLACE  ID          TITLE\n"),
            // A word wider than the screen stands on its own line, whole.
            ("a https://example.com/very/long b\n", 10, "a\nhttps://example.com/very/long\nb\n"),
            // Wide letters count as two columns; the last line needs no newline.
            ("日本語 日本語 日本語", 14, "日本語 日本語\n日本語"),
        ];
        for (text, width, want) in cases {
            assert_eq!(for_terminal(text, width), want, "{text:?} at {width}");
        }
    }

    /// A note naming entries of emoji and Arabic letters wraps as the terminal draws it: measured
    /// by unicode-width, "السلام" (a lam-alef: one column to it, two on screen) had let a line
    /// run past the terminal's edge.
    #[test]
    fn a_note_of_emoji_and_arabic_fits_the_terminal() {
        let salam = "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645}";
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}";
        let note = format!(
            "  note: {salam} {salam} and I \u{2764}\u{fe0f} compost and {family} Family tie with {salam} Salam Bot\n"
        );
        assert_eq!(for_terminal(&format!("  note: {salam} {salam}\n"), 20), format!("  note: {salam}\n    {salam}\n"));
        for width in 20..=40 {
            let out = for_terminal(&note, width);
            assert!(out.lines().all(|l| crate::text_width::width(l) <= width), "{width}:\n{out}");
            assert_eq!(out.split_whitespace().count(), note.split_whitespace().count(), "no word lost");
        }
    }

    #[test]
    fn every_line_fits_where_its_words_do() {
        let note = format!("  note: {}\n", "word ".repeat(200).trim_end());
        for width in [40, 80, 100] {
            let out = for_terminal(&note, width);
            assert!(out.lines().all(|l| l.len() <= width), "{out}");
            assert_eq!(out.split_whitespace().count(), note.split_whitespace().count(), "no word lost");
        }
    }
}
