//! Entrants' words in Markdown, shown as they were written wherever the file is rendered.
//!
//! [`crate::sanitize::markdown`] escapes what CommonMark would act on (`*x*`, `[a](b)`, `<b>`).
//! GitHub's Markdown acts on more, in words that need no markup: its autolinks make
//! `www.example.com`, `https://x.io` and `a@b.com` links whatever is escaped around them; an
//! entity (`&copy;`) becomes the character it names; and on GitHub's pages `@someone` becomes a
//! mention (a notification to that user), `#12` a link to an issue, and `:tada:` an emoji. Each
//! is broken here where its rule begins, by a backslash where Markdown takes one (`www\.`,
//! `https\://`, `\&`), else by an invisible word joiner (U+2060) after `@`, `#` before a digit
//! and `:` opening a shortcode, so that the page shows the title as written.

/// The invisible character that keeps `@someone`, `#12` and `:tada:` from being read as a
/// mention, an issue or an emoji: no rule takes it for a name's or a number's letter.
const JOINER: char = '\u{2060}';

/// An entrant's title, team or note, or any text quoting one, for a line or a cell of Markdown:
/// escaped as [`crate::sanitize::markdown`] escapes it, and no link, mention, issue, emoji or
/// entity on GitHub.
pub fn text(raw: &str) -> String {
    literal(&crate::sanitize::markdown(raw))
}

/// One line of an entrant's or a judge's text that starts a line of Markdown (a team note's
/// second line, after a hard break): as [`text`], and what would begin a block there escaped.
/// A note's line `---` or `===` had made the line above it a heading, `- fix the latency` a
/// list, and `1986. A good year` a list numbered from 1986.
pub fn line(raw: &str) -> String {
    let escaped = text(raw);
    let body = escaped.trim_start();
    let indent = &escaped[..escaped.len() - body.len()];
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if body.starts_with(['-', '=']) {
        format!("{indent}\\{body}")
    } else if digits > 0
        && matches!(body[digits..].strip_prefix('.'), Some(rest) if rest.is_empty() || rest.starts_with([' ', '\t']))
    {
        format!("{indent}{}\\{}", &body[..digits], &body[digits..])
    } else {
        escaped
    }
}

/// `escaped` (Markdown whose markup is already escaped) with GitHub's rules on bare words broken.
fn literal(escaped: &str) -> String {
    let chars: Vec<char> = escaped.chars().collect();
    let mut out = String::with_capacity(escaped.len() + 8);
    for (k, &c) in chars.iter().enumerate() {
        let rest = &chars[k + 1..];
        let before = &chars[..k];
        match c {
            // `&copy;`, `&#169;`: an entity, where `&` then letters or digits close with `;`.
            '&' if entity(rest) => out.push_str("\\&"),
            // `https://`, `ftp://`: the autolink begins at the colon.
            ':' if rest.starts_with(&['/', '/']) => out.push_str("\\:"),
            ':' if shortcode(rest) => {
                out.push(c);
                out.push(JOINER);
            }
            // `www.`, in any case: the autolink begins at the dot.
            '.' if before.len() >= 3
                && before[k - 3..].iter().all(|b| b.eq_ignore_ascii_case(&'w'))
                && (k == 3 || !before[k - 4].is_alphanumeric()) =>
            {
                out.push_str("\\.");
            }
            '@' => {
                out.push(c);
                out.push(JOINER);
            }
            '#' if rest.first().is_some_and(char::is_ascii_digit) => {
                out.push(c);
                out.push(JOINER);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether `rest`, after an ampersand, reads as an entity's name or number to its semicolon.
fn entity(rest: &[char]) -> bool {
    let name = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '#').count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Whether `rest`, after a colon, reads as an emoji's shortcode to its closing colon (`tada:`).
fn shortcode(rest: &[char]) -> bool {
    let name = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '\\')).count();
    name > 0 && rest.get(name) == Some(&':')
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
            ("(www.x.io)", "\\(www\\.x.io\\)"),
            ("https://x.io/a", "https\\://x.io/a"),
            ("=HYPERLINK(\"http://evil\")", "=HYPERLINK\\(\"http\\://evil\"\\)"),
            ("a@b.com mail me", "a@\u{2060}b.com mail me"),
            ("@someone", "@\u{2060}someone"),
            ("#12 Bus *Oracle*", "\\#\u{2060}12 Bus \\*Oracle\\*"),
            ("Quarrel :tada: Quill", "Quarrel :\u{2060}tada: Quill"),
            ("Fish &amp; Chips &copy;", "Fish \\&amp; Chips \\&copy;"),
            ("<b>Lullaby</b> [a](b)", "\\<b\\>Lullaby\\</b\\> \\[a\\]\\(b\\)"),
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
