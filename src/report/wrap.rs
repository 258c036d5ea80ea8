//! A printed report's sentences wrapped at the terminal's width, between words, when it is
//! printed to a terminal: a note of 400 characters had been cut by the terminal in the middle of
//! words, its second line starting where the table's first column is. Table rows are left
//! whole, as their columns only line up whole.

use unicode_width::UnicodeWidthStr;

/// `text` with each line of prose wider than `width` columns wrapped between words; a wrapped
/// line's next lines are indented two columns past its own indent, so that a note's lines read
/// as one. A line whose words are set apart by two spaces or more somewhere is a table's row and
/// is kept as it is, and so is a word wider than the width.
pub fn for_terminal(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        if body.width() <= width || is_row(body) {
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
    let next_indent = " ".repeat(if indent > 0 { indent + 2 } else { 0 });
    out.push_str(&line[..indent]);
    let mut used = indent;
    let mut first_word = true;
    for word in line[indent..].split(' ') {
        let w = word.width();
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
