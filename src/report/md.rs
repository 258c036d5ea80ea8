//! Entrants' words in Markdown, shown as they were written wherever the file is rendered:
//! [`text`] for a line or a cell, [`line`] for each line of a text of several lines.

/// An entrant's title, team or note, or any text quoting one, for a line or a cell of Markdown:
/// no markup, link, mention, issue, emoji or entity, on GitHub either. One escaping for every
/// Markdown output: [`crate::sanitize::markdown`]'s.
pub fn text(raw: &str) -> String {
    crate::sanitize::markdown(raw)
}

/// One line of an entrant's or a judge's text that starts a line of Markdown (a team note's
/// second line, after a hard break): as [`text`], and what would begin a block there escaped.
/// A note's line `---` or `===` had made the line above it a heading, `- fix the latency` a
/// list, and `1986. A good year` a list numbered from 1986.
pub fn line(raw: &str) -> String {
    let escaped = text(raw);
    let body = escaped.trim_start();
    let indent = &escaped[..escaped.len() - body.len()];
    // An ordered list's `1.` or `1)` is escaped by `text` already (`sanitize::markdown`).
    if body.starts_with(['-', '=']) { format!("{indent}\\{body}") } else { escaped }
}

#[cfg(test)]
mod tests {
    use super::text;

    /// Each title renders on GitHub as written: GFM's autolinks, entities, mentions, issue
    /// references and emoji shortcodes act on none of them. The expected Markdown was checked
    /// with cmark-gfm (GitHub's renderer): `www\.example.com` renders as the text
    /// www.example.com, where `www.example.com` became a link.
    #[test]
    fn a_title_github_would_act_on_is_written_so_that_it_shows_as_written() {
        for (title, markdown) in [
            ("www.example.com", "www\\.example.com"),
            ("WWW.Example.com", "WWW\\.Example.com"),
            ("(www.x.io)", "(www\\.x.io)"),
            ("https://x.io/a", "https\\://x.io/a"),
            ("=HYPERLINK(\"http://evil\")", "=HYPERLINK(\"http\\://evil\")"),
            ("a@b.com mail me", "a@\u{2060}b.com mail me"),
            ("@someone", "@\u{2060}someone"),
            ("#12 Bus *Oracle*", "\\#\u{2060}12 Bus \\*Oracle\\*"),
            ("Quarrel :tada: Quill", "Quarrel :\u{2060}tada: Quill"),
            ("Fish &amp; Chips &copy;", "Fish \\&amp; Chips \\&copy;"),
            ("<b>Lullaby</b> [a](b)", "\\<b\\>Lullaby\\</b\\> \\[a\\](b)"),
            ("Invoice Imp (invoice-imp)", "Invoice Imp (invoice-imp)"),
        ] {
            assert_eq!(text(title), markdown, "{title}");
        }
        // A line that would begin a block: a note's line after a hard break is text, as written.
        // Checked with cmark-gfm: `\\---` after a hard break is the text "---", not an underline
        // that makes the line above a heading.
        for (note_line, markdown) in [
            ("---", "\\---"),
            ("===", "\\==="),
            ("- fix the latency", "\\- fix the latency"),
            ("  - indented", "\\- indented"),
            ("1986. A good year", "1986\\. A good year"),
            ("  3) indented", "3\\) indented"),
            ("2) second", "2\\) second"),
            ("Fine as it is - really", "Fine as it is - really"),
            ("3.5 of 5", "3.5 of 5"),
        ] {
            assert_eq!(super::line(note_line), markdown, "{note_line}");
        }
        // Ordinary words are left as they were: no joiner in a time, a tag or a version.
        for plain in
            ["Moss & Lichen", "R&D", "Sprout Sense", "Bus at 12:30", "v2.0", "Café Compañero", "Slowww. Wow", "rewww.x"]
        {
            assert_eq!(text(plain), crate::sanitize::markdown(plain), "{plain}");
        }
    }
}
