//! Characters judging.toml may not hold: a control, a direction mark or an invisible character
//! ([`crate::sanitize::hides`]) in any key or string. judging.toml comes from another machine (the
//! organizers' repo, a Hub dataset), and its labels, names and levels reach every judge's terminal,
//! the printed results and the teams' pages: a label holding `ESC [2J` had been printed raw by
//! `judging score`, and a judge named "mi\u{200b}ra" passes for "mira". Refused at the file's
//! line, as every other problem of it is, rather than cleaned in each place that prints it.

use toml::de::{DeTable, DeValue};

/// Every key and string of the document holding a character a reader cannot see, each as (where
/// it starts in the text, its key path, what is wrong with it, named by that path). A newline or
/// a tab in a string value is text (a long description), not hidden.
pub(super) fn problems(document: &DeTable) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    walk_table(document, "", &mut found);
    found
}

fn walk_table(table: &DeTable, path: &str, found: &mut Vec<(usize, String, String)>) {
    for (key, value) in table {
        let name: &str = key.get_ref();
        let here = if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
        if let Some(c) = name.chars().find(|c| crate::sanitize::hides(*c)) {
            let shown = crate::sanitize::in_quotes(name);
            found.push((key.span().start, here, format!("the key {shown} holds {}: {}", described(c), FIX)));
            continue;
        }
        walk_value(value.get_ref(), value.span().start, &here, found);
    }
}

fn walk_value(value: &DeValue, at: usize, path: &str, found: &mut Vec<(usize, String, String)>) {
    match value {
        DeValue::String(text) => {
            if let Some(c) = text.chars().find(|c| !matches!(c, '\n' | '\t') && crate::sanitize::hides(*c)) {
                let shown = crate::sanitize::in_quotes(text);
                found.push((at, path.to_owned(), format!("{path} = {shown} holds {}: {}", described(c), FIX)));
            }
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_value(item.get_ref(), item.span().start, &format!("{path}[{i}]"), found);
            }
        }
        DeValue::Table(table) => walk_table(table, path, found),
        _ => {}
    }
}

/// What to do, said once for every such problem.
const FIX: &str =
    "judging.toml's text is shown to judges and in the results, so it must be plain; type the text again without it";

/// A character a reader cannot see, by its code point and its kind.
fn described(c: char) -> String {
    let kind = if c.is_control() {
        "a control character"
    } else if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}') {
        "a direction mark"
    } else {
        "an invisible character"
    };
    format!("{kind} (U+{:04X})", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::super::{ParseError, parse};

    /// Each hidden character is refused at its line, named by its key and code point; plain text,
    /// accents, other scripts, emoji, and a description's newlines and tabs are kept.
    #[test]
    fn hidden_characters_are_refused_where_they_are() {
        let base = "[event]\nid = \"e\"\nname = \"E\"\n";
        let refused = [
            (
                format!("{base}[[criteria]]\nid = \"u\"\nlabel = \"Util\\u001b[31mity\"\njudges = \"x\"\n"),
                "line 6 (`label = \"Util\\u001b[31mity\"`): criteria[0].label = \"Util\\u{1b}[31mity\" holds a control character (U+001B)",
            ),
            (
                format!("{base}[[tracks]]\nid = \"wood\"\nname = \"Wo\\u200bod\"\n"),
                "line 6 (`name = \"Wo\\u200bod\"`): tracks[0].name = \"Wo\\u{200b}od\" holds an invisible character (U+200B)",
            ),
            (
                format!("{base}[[judges]]\nname = \"ana\"\nconflicts = [\"ok\", \"team\\u202e\"]\n"),
                "judges[0].conflicts[1] = \"team\\u{202e}\" holds a direction mark (U+202E)",
            ),
            (
                format!("{base}[feedback]\n\"in\\u0007tro\" = \"x\"\n"),
                "the key \"in\\u{7}tro\" holds a control character (U+0007)",
            ),
        ];
        for (text, expected) in refused {
            let Err(ParseError::Invalid(problems)) = parse(&text) else { panic!("accepted: {text}") };
            assert!(problems.iter().any(|p| p.contains(expected)), "{problems:#?}\nwanted: {expected}");
            assert!(problems.iter().any(|p| p.contains("type the text again without it")), "{problems:#?}");
        }
        let kept = format!(
            "{base}[[criteria]]\nid = \"u\"\nlabel = \"Utilité · 速度 🚀\"\njudges = \"\"\"What it\n\tdoes.\"\"\"\nscale = [1, 2]\nweight = 1.0\nlevels = [\"low\", \"high\"]\n"
        );
        assert!(parse(&kept).is_ok(), "{:?}", parse(&kept).err());
    }
}
