//! Where in judging.toml a problem is: every problem the checks find names its key first
//! (`criteria[0] ("utility").weight = -2: ...`, `merge.tie_breaks[2] = ...`, `judges[3]: ...`),
//! and that path is found in the parsed document, so that each problem is given its line.

use toml::de::{DeTable, DeValue};

/// One step of a key path: a key, or an index into an array.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The key path a problem starts with: `section`, then `[i]` and `.key` steps; a quoted label
/// after an index (`criteria[0] ("utility")`) is skipped.
fn path_of(problem: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut rest = problem;
    let key_len = |s: &str| s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len());
    let first = key_len(rest);
    if first == 0 {
        return steps;
    }
    steps.push(Step::Key(rest[..first].to_owned()));
    rest = &rest[first..];
    loop {
        if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else { break };
            let Ok(i) = after[..end].parse() else { break };
            steps.push(Step::Index(i));
            rest = &after[end + 1..];
            // A label naming the element: ` ("utility")`.
            if let Some(label) = rest.strip_prefix(" (\"")
                && let Some(end) = label.find("\")")
            {
                rest = &label[end + 2..];
            }
        } else if let Some(after) = rest.strip_prefix('.') {
            let n = key_len(after);
            if n == 0 {
                break;
            }
            steps.push(Step::Key(after[..n].to_owned()));
            rest = &after[n..];
        } else {
            break;
        }
    }
    steps
}

/// The byte offset of the deepest part of the problem's key path the document has: the value
/// itself where it is written, else the nearest table or element that holds it.
pub(super) fn offset(document: &DeTable, problem: &str) -> Option<usize> {
    let steps = path_of(problem);
    let Some(Step::Key(section)) = steps.first() else { return None };
    let mut value = document.get(section.as_str())?;
    let mut at = value.span().start;
    for step in &steps[1..] {
        let next = match (step, value.get_ref()) {
            (Step::Key(k), DeValue::Table(t)) => t.get(k.as_str()),
            (Step::Index(i), DeValue::Array(a)) => a.get(*i),
            _ => None,
        };
        let Some(next) = next else { break };
        value = next;
        at = value.span().start;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_found_where_its_key_is_written() {
        let text = "[event]\nid = \"e\"\n\n[[criteria]]\nid = \"u\"\nweight = 1.0\n\n[[criteria]]\nid = \"l\"\nweight = -2.0\n\n[merge]\ntie_breaks = [\"u\", \"luck\"]\n";
        let document = DeTable::parse(text).expect("toml");
        let line = |problem: &str| offset(document.get_ref(), problem).map(|at| text[..at].matches('\n').count() + 1);
        let cases = [
            ("criteria[1] (\"l\").weight = -2: use a number above 0", Some(10)),
            ("criteria[1] (\"l\").levels has 1 line", Some(8)),
            ("merge.tie_breaks[1] = \"luck\": not a criterion", Some(13)),
            ("event.id = \"e\": fine", Some(2)),
            ("judges[0]: \"a\" appears twice", None),
            ("no key here", None),
        ];
        for (problem, want) in cases {
            assert_eq!(line(problem), want, "{problem}");
        }
    }
}
