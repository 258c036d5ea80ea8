//! What a command says on standard error beside its output (`warning: …`, `error: …`): on a
//! terminal, wrapped between words at its width, each line after the first indented two columns
//! so that one warning reads as one and the next starts at the margin; piped or redirected, one
//! line each, whole, as a log or a `grep` wants it. A merge's warnings run to 400 characters,
//! and a terminal had cut them mid-word at its edge. Words are measured as the screen draws
//! them ([`crate::text_width`]).

/// `warning: {text}` on standard error, fitted as the module says.
pub(crate) fn warn(text: &str) {
    say("warning", text);
}

/// Where a command's warnings are read besides standard error: whether its output lists them and
/// is read on this same terminal. There each warning it lists is not said again above it
/// ([`Listed::warn`]): the head judge had read every warning twice, once above the table and
/// once in it. Piped or written to a file, they are said as ever. Made once the command knows
/// where its output goes, and handed to whatever warns on its behalf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Listed {
    on_screen: bool,
}

impl Listed {
    /// An output that lists no warnings (`feedback`, one entry's view, the head judge's screen,
    /// the finals): each is said on standard error.
    pub(crate) const NOWHERE: Listed = Listed { on_screen: false };

    /// Whether the output lists its warnings (`results`' table, Markdown, JSON and page and the
    /// merge's table, Markdown and JSON do; CSV and the announcement do not) and goes to standard
    /// output.
    pub(crate) fn in_output(listed: bool, to_standard_output: bool) -> Listed {
        use std::io::IsTerminal;
        // Standard error a terminal as this module fits its lines to one ([`width`]).
        let terminals = [std::io::stdout().is_terminal(), width().is_some()];
        Listed { on_screen: said_in_the_output(listed, to_standard_output, terminals) }
    }

    /// A warning the command's output lists too: on standard error unless that output is read on
    /// the screen already.
    pub(crate) fn warn(self, text: &str) {
        if !self.on_screen {
            warn(text);
        }
    }
}

/// The rule of [`Listed::in_output`], apart from the terminals it asks about.
fn said_in_the_output(listed: bool, to_standard_output: bool, [output, errors]: [bool; 2]) -> bool {
    listed && to_standard_output && output && errors
}

/// `{kind}: {text}` on standard error, fitted as the module says. The binary's last error line,
/// and each of its causes, go through it too.
pub fn say(kind: &str, text: &str) {
    let line = fitted(&format!("{kind}: {text}"), width());
    crate::progress::suspended(|| eprintln!("{line}"));
}

/// A line of a report that goes to standard error (where standard output holds a file), wrapped
/// between words on a terminal as [`super::print_report`] wraps standard output's.
pub(crate) fn report(text: &str) {
    let text = match width() {
        Some(width) => crate::report::wrap::for_terminal(&format!("{text}\n"), width),
        None => format!("{text}\n"),
    };
    crate::progress::suspended(|| eprint!("{text}"));
}

/// Standard error's terminal width, when it is a terminal of some use: the one rule the Hub's and
/// the export's waits are fitted by too ([`crate::net::stderr_width`]).
fn width() -> Option<usize> {
    crate::net::stderr_width()
}

/// Each line of `text` wrapped between words at `width`, its next lines indented two columns; a
/// word wider than the line stands whole on its own. As it is without a width.
fn fitted(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else { return text.to_owned() };
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut used = 0;
        for (k, word) in line.split(' ').enumerate() {
            let w = crate::text_width::width(word);
            if k > 0 && used + 1 + w > width {
                out.push_str("\n  ");
                used = 2;
            } else if k > 0 {
                out.push(' ');
                used += 1;
            }
            out.push_str(word);
            used += w;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fitted;

    /// A warning the output lists is left off standard error only where both are the one
    /// screen: piped, redirected, written with -o, or an output that lists no warnings (CSV, the
    /// announcement), it is said there as ever.
    #[test]
    fn a_warning_is_said_once_where_the_output_on_screen_lists_it() {
        // (the output lists warnings, it goes to standard output, standard output is a
        // terminal, standard error is one) -> left off standard error
        let cases = [
            ((true, true, true, true), true),
            ((false, true, true, true), false),
            ((true, false, true, true), false),
            ((true, true, false, true), false),
            ((true, true, true, false), false),
            ((false, false, false, false), false),
        ];
        for ((listed, to_stdout, out_tty, err_tty), left_off) in cases {
            assert_eq!(
                super::said_in_the_output(listed, to_stdout, [out_tty, err_tty]),
                left_off,
                "{listed} {to_stdout} {out_tty} {err_tty}"
            );
        }
    }

    #[test]
    fn a_warning_wraps_between_words_on_a_terminal_and_stays_whole_piped() {
        let text = "warning: judge \"kai\" appears twice: files/kai.json counts, files/kai-monday.json does not";
        assert_eq!(fitted(text, None), text, "piped: one line");
        let wrapped = fitted(text, Some(40));
        assert_eq!(
            wrapped,
            "warning: judge \"kai\" appears twice:\n  files/kai.json counts,\n  files/kai-monday.json does not"
        );
        assert_eq!(wrapped.split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        // A word wider than the line stands whole; wide letters count two columns.
        assert_eq!(
            fitted("warning: https://example.com/a/very/long/path x", Some(20)),
            "warning:\n  https://example.com/a/very/long/path\n  x"
        );
        assert_eq!(fitted("日本語 日本語 日本語", Some(14)), "日本語 日本語\n  日本語");
    }

    /// A warning naming entries of emoji and Arabic letters fits a narrow terminal as drawn:
    /// measured by unicode-width, "السلام" (a lam-alef, one column to it, two on screen) had
    /// let a line run a column past the terminal's edge, which cut it mid-word.
    #[test]
    fn a_warning_of_emoji_and_arabic_fits_the_terminal() {
        let salam = "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645}";
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}";
        let text = format!(
            "warning: {salam} {salam} and I \u{2764}\u{fe0f} compost and {family} Family tie for place 1 with {salam} Salam Bot"
        );
        assert_eq!(fitted(&format!("warning: {salam} {salam}"), Some(21)), format!("warning: {salam}\n  {salam}"));
        for width in 20..=40 {
            let wrapped = fitted(&text, Some(width));
            for line in wrapped.lines() {
                assert!(crate::text_width::width(line) <= width, "{width}: {line:?} in\n{wrapped}");
            }
            assert_eq!(wrapped.split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        }
    }
}
