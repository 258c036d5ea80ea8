//! judging.toml travels: the head judge shares it through the judges' repo and every judge runs
//! with what `judging join` downloads. So it is data and nothing more: every path it names is one
//! plain relative path inside its own folder, and a public key is a public key. (It never names a
//! program to run: `browser` is not read, see `Config::browser`.)

use super::Config;
use crate::sanitize::in_quotes;

/// Why `value`, a path judging.toml names, is not one plain relative path inside its folder;
/// `None` when it is. Also the rule for a path inside the judges' repo.
pub fn path_problem(value: &str) -> Option<&'static str> {
    if value.trim().is_empty() {
        return Some("it is empty");
    }
    if value.starts_with('/') || value.starts_with('~') || value.contains('\\') || value.contains(':') {
        return Some("it leaves the folder (an absolute path, a drive or a home folder)");
    }
    if value.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
        return Some("it has an empty, `.` or `..` part");
    }
    if value.chars().any(char::is_control) {
        return Some("it holds control characters");
    }
    None
}

/// Whether an export source is a file path, not a built-in export, the Hub or a URL.
pub fn is_file_source(source: &str) -> bool {
    let s = source.trim();
    !(s.starts_with("builtin:") || s == "hub" || s.starts_with("hub:") || s.contains("://"))
}

pub(super) fn problems(config: &Config, out: &mut Vec<String>) {
    let mut paths = vec![("assign.file".to_owned(), config.assign.file.as_str())];
    if !config.results.decisions.trim().is_empty() {
        paths.push(("results.decisions".into(), config.results.decisions.as_str()));
    }
    for (i, p) in config.prizes.iter().enumerate() {
        if let Some(file) = &p.file {
            paths.push((format!("prizes[{i}].file"), file.as_str()));
        }
    }
    if let Some(finals) = &config.finals {
        paths.push(("finals.file".into(), finals.file.as_str()));
    }
    let source = &config.export.source;
    if !source.trim().is_empty() && is_file_source(source) {
        paths.push(("export.source".into(), source.as_str()));
    }
    for (key, value) in paths {
        if let Some(why) = path_problem(value) {
            out.push(format!(
                "{key} = {}: {why}; judging.toml is shared between judges, so it names files beside it only: give a path relative to its folder, such as \"assignments.toml\" or \"data/export.csv\" (pass another file on the command line instead)",
                in_quotes(value)
            ));
        }
    }
    for (i, j) in config.judges.iter().enumerate() {
        if let Some(Err(why)) = j.public_key.as_deref().map(crate::signing::public_key) {
            out.push(format!("judges[{i}].public_key = {}: {why}", in_quotes(j.public_key.as_deref().unwrap_or(""))));
        }
    }
}

/// judging.toml's text without the secrets it may hold (each `[[judges]]` entry's `key`), for
/// the judges' repo: the rest of the file, comments included, as written. Returns the text and
/// the keys left out (`judges[0].key`). `None` when the text does not parse.
pub fn without_secrets(text: &str) -> Option<(String, Vec<String>)> {
    use toml::de::DeValue;
    let document = toml::de::DeTable::parse(text).ok()?;
    let mut cuts = Vec::new();
    if let Some(judges) = document.get_ref().get("judges")
        && let DeValue::Array(list) = judges.get_ref()
    {
        for (i, judge) in list.iter().enumerate() {
            if let DeValue::Table(table) = judge.get_ref() {
                for (key, value) in table {
                    if key.get_ref() == "key" {
                        cuts.push((key.span().start, value.span().end, format!("judges[{i}].key")));
                    }
                }
            }
        }
    }
    let mut out = text.to_owned();
    // From the end, so that earlier spans stay where they were.
    cuts.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    for (start, end, _) in &cuts {
        out.replace_range(*start..*end, "# key left out: a secret stays with the head judge");
    }
    let said = cuts.into_iter().rev().map(|(_, _, name)| name).collect();
    // What is left must still be judging.toml, with no secret in it; else the file is written
    // anew from what it means, without its comments.
    let keyless = |t: &str| super::parse(t).is_ok_and(|c| c.judges.iter().all(|j| j.key.is_none()));
    if keyless(&out) {
        return Some((out, said));
    }
    let mut table: toml::Table = toml::from_str(text).ok()?;
    if let Some(toml::Value::Array(judges)) = table.get_mut("judges") {
        for judge in judges {
            if let Some(j) = judge.as_table_mut() {
                j.remove("key");
            }
        }
    }
    let out = toml::to_string(&table).ok()?;
    keyless(&out).then_some((out, said))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_inside_the_folder() {
        for good in ["assignments.toml", "data/export.csv", "a.b/c-d_e.toml", "José.csv"] {
            assert_eq!(path_problem(good), None, "{good}");
        }
        let bad = [
            "",
            "/etc/passwd",
            "//that/path",
            "../../../../outside/p.toml",
            "data/../../x",
            "./a",
            "a//b",
            "~/x",
            "C:\\x",
            "c:x",
            "a\\..\\b",
            "a\nb",
        ];
        for bad in bad {
            assert!(path_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn secrets_are_left_out_and_the_rest_kept() {
        let text = "# our event\n[[judges]]\nname = \"ana\"\nkey = \"ana-secret-0123456789\" # hers\npublic_key = \"\"\n\n[[judges]]\nname = \"ben\"\nkey = 'ben-secret-0123456789'\n";
        let text = text.replace("public_key = \"\"\n", "");
        let (out, said) = without_secrets(&text).expect("parses");
        assert!(!out.contains("secret-0123"), "{out}");
        assert!(out.contains("# our event") && out.contains("# hers"), "comments kept: {out}");
        assert_eq!(said, ["judges[0].key", "judges[1].key"]);
        let inline = "judges = [{ name = \"ana\", key = \"ana-secret-0123456789\" }]\n";
        let (out, said) = without_secrets(inline).expect("parses");
        assert!(!out.contains("secret-0123") && out.contains("ana"), "{out}");
        assert_eq!(said, ["judges[0].key"]);
    }
}
