//! The head judge's decisions on ties (decisions.toml): read, and checked against the prizes and
//! the entries before any result is made.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::{Decision, DecisionUse};
use crate::config::Prize;
use crate::sanitize::{clean_line, in_quotes};

/// Where a key of a decision is written in decisions.toml: its line, and the words each problem
/// of it starts with, as every problem of the file (and of judging.toml) does: the line's number
/// and the line, quoted (`line 5 (`place = 9`)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub line: usize,
    said: String,
}

impl At {
    /// Line `line` of `text`.
    fn of(text: &str, line: usize) -> At {
        At { line, said: crate::config::line_said(text, line) }
    }
}

/// The line of each key of a decision in decisions.toml, so that each problem names its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    pub prize: At,
    pub order: At,
    pub reason: At,
    /// The line of `place`, where the decision names the place of its tie.
    pub place: Option<At>,
}

/// A decision as read, each key optional so that a missing one is said in words, rather than in
/// serde's ("missing field `order`").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    prize: Option<Spanned<String>>,
    order: Option<Spanned<Vec<String>>>,
    reason: Option<Spanned<String>>,
    method: Option<String>,
    /// Places count from 1: a 0 is refused as what goes is said ("a whole number of 1 or more").
    place: Option<Spanned<std::num::NonZeroUsize>>,
}

/// The decisions in a decisions.toml text, each with the lines it was read from; or every
/// problem of the text at once, in the file's order: each decision is read on its own, a key at
/// fault said as judging.toml's are (`line 3 (`ordr = […]`): unknown field `ordr`, …: did you
/// mean `order`?`, where toml had stopped at the first with its caret art), a key missing, and
/// what [`problems`] finds of the decisions that did read (a prize that is not one of `prizes`,
/// `"wod"`: did you mean "wood"?; a place it does not pay; …) beside them, in the same words.
/// Whether each entry is in the store is asked of a file that reads, by [`problems`].
pub fn parse(text: &str, prizes: &[Prize]) -> Result<Vec<Decision>, String> {
    let (rows, mut problems) = crate::config::read_rows::<Spanned<Raw>>(text, "decisions")?;
    let line = |at: usize| text.get(..at).map_or(0, |before| before.matches('\n').count()) + 1;
    let at = |span: std::ops::Range<usize>| At::of(text, line(span.start));
    let mut complete = problems.is_empty();
    let mut not_prizes = Vec::new();
    // The decisions that read whole, by their place in the file.
    let mut read = Vec::new();
    for (i, r) in rows.into_iter().enumerate() {
        let Some(r) = r else {
            complete = false;
            continue;
        };
        let span = r.span();
        let raw = r.into_inner();
        let absent = REQUIRED
            .iter()
            .zip([raw.prize.is_none(), raw.order.is_none(), raw.reason.is_none()])
            .filter_map(|(key, gone)| gone.then_some(key))
            .collect::<Vec<_>>();
        if let (Some(prize), Some(order), Some(reason)) = (&raw.prize, &raw.order, &raw.reason) {
            read.push((
                i,
                Decision {
                    lines: Some(Lines {
                        prize: at(prize.span()),
                        order: at(order.span()),
                        reason: at(reason.span()),
                        place: raw.place.as_ref().map(|p| at(p.span())),
                    }),
                    prize: prize.get_ref().clone(),
                    order: order.get_ref().clone(),
                    reason: reason.get_ref().clone(),
                    method: raw.method,
                    place: raw.place.map(|p| p.into_inner().get()),
                },
            ));
            continue;
        }
        // A decision without all its keys: its prize is still said, where it is not one.
        if let Some(prize) = &raw.prize
            && let Some(said) = not_a_prize(i, prize.get_ref(), prizes)
        {
            not_prizes.push(format!("{}: {said}", at(prize.span()).said));
        }
        complete = false;
        // The line of its [[decisions]] header, where the decision starts.
        let start = line(span.start);
        let lines: Vec<&str> = text.lines().take(start).collect();
        let header = lines.iter().rposition(|l| l.trim_start().starts_with("[[")).map_or(start, |n| n + 1);
        let prize = raw.prize.as_ref().map_or(String::new(), |p| format!(" (prize {})", in_quotes(p.get_ref())));
        // A key mistyped, or whose value is refused, is said once, at its line ("did you mean
        // `order`?", "`reason = 5`: the number 5, where text …"), not again as missing.
        let end = text
            .lines()
            .enumerate()
            .skip(header)
            .find(|(_, l)| l.trim_start().starts_with('['))
            .map_or(usize::MAX, |(n, _)| n);
        let mistyped = |name: &str| {
            problems.iter().any(|p| {
                line_of(p).is_some_and(|at| (header..=end).contains(&at))
                    && (p.contains(&format!("did you mean `{name}`?"))
                        || p.contains(&format!("(`{name} "))
                        || p.contains(&format!("(`{name}=")))
            })
        };
        let absent: Vec<_> = absent.into_iter().filter(|key| !mistyped(key.name)).collect();
        let header = At::of(text, header).said;
        for key in absent {
            problems.push(format!(
                "{header}: decisions[{i}]{prize} has no {name}: the {name} is {what}; add a line to it such as {example}",
                name = key.name,
                what = key.what,
                example = key.example,
            ));
        }
    }
    if complete {
        return Ok(read.into_iter().map(|(_, d)| d).collect());
    }
    // Every problem at once: those of the decisions that did read beside the file's own.
    problems.extend(not_prizes);
    problems.extend(checks(&read.iter().map(|(i, d)| (*i, d)).collect::<Vec<_>>(), prizes, None));
    Err(in_the_files_order(problems).join("\n"))
}

/// The line a problem names first ("line 5 (`…`): …"), if it names one.
fn line_of(problem: &str) -> Option<usize> {
    problem.strip_prefix("line ").and_then(|l| l.split([' ', ':']).next()?.parse::<usize>().ok())
}

/// Problems in the file's order, as its author reads it: by the line each names (a stable sort,
/// so that a line's problems keep their order).
fn in_the_files_order(mut problems: Vec<String>) -> Vec<String> {
    problems.sort_by_key(|p| line_of(p));
    problems
}

/// What is said of decisions[i]'s prize where it is not one of `prizes`, with the one it looks
/// like: the one wording for reading the file and for checking it.
fn not_a_prize(i: usize, prize: &str, prizes: &[Prize]) -> Option<String> {
    if prizes.iter().any(|p| p.id == prize) {
        return None;
    }
    let ids: Vec<&str> = prizes.iter().map(|p| p.id.as_str()).collect();
    let near = crate::format::look_alike(prize, ids.iter().copied(), 1);
    let hint = near.first().map_or(String::new(), |n| format!(" (did you mean {:?}?)", clean_line(n)));
    Some(format!("decisions[{i}].prize = {} is not a prize{hint}; the prizes are {}", in_quotes(prize), ids.join(", ")))
}

/// The line a decision's reason is shown by, in an error asking for it and in the decision a
/// tie's warning suggests: the jury writes theirs in place of the dots.
pub const REASON_EXAMPLE: &str = "reason = \"...\"";

/// A key every decision must have: its name, what it is for, and a line that would do.
struct Required {
    name: &'static str,
    what: &'static str,
    example: &'static str,
}

/// The keys of a decision, in the order `parse` asks which are missing: prize, order, reason.
const REQUIRED: [Required; 3] = [
    Required {
        name: "prize",
        what: "the id of the prize (a [[prizes]] id in judging.toml) whose tie the decision settles",
        example: "prize = \"wood\"",
    },
    Required {
        name: "order",
        what: "the tied entries' ids, in the order they place",
        example: "order = [\"id-a\", \"id-b\"]",
    },
    Required { name: "reason", what: "what the jury reads for why the tie was settled so", example: REASON_EXAMPLE },
];

/// "line N (`…`): " when the decision was read from a file.
fn on(at: Option<&At>) -> String {
    at.map(|at| format!("{}: ", at.said)).unwrap_or_default()
}

/// Every problem with the decisions, in the file's order, each naming its line (quoted, as
/// judging.toml's problems do), `decisions[i]` and its key: a prize that does not exist, fewer
/// than two entries, an entry named twice or not in `known`, no reason, an entry a decision
/// before it orders for the same prize, a place the prize does not pay.
pub fn problems(decisions: &[Decision], prizes: &[Prize], known: &HashSet<&str>) -> Vec<String> {
    checks(&decisions.iter().enumerate().collect::<Vec<_>>(), prizes, Some(known))
}

/// [`problems`] of `decisions`, each by its place in the file (`decisions[i]`); with `known`
/// `None` (a file that did not read whole), whether each entry is in the store is not asked.
fn checks(decisions: &[(usize, &Decision)], prizes: &[Prize], known: Option<&HashSet<&str>>) -> Vec<String> {
    let mut out = Vec::new();
    // Which decision first orders each entry of each prize: a second for the same tie (a first
    // draft left above the final one) had passed, the first applied and the second said "not
    // applied: the prize faces no tie of exactly these entries", which was not why.
    let mut ordered: std::collections::HashMap<(&str, &str), (usize, &Decision)> = std::collections::HashMap::new();
    for &(i, d) in decisions {
        let order_line = on(d.lines.as_ref().map(|l| &l.order));
        let earlier: Vec<(usize, &Decision)> = {
            let mut firsts: Vec<(usize, &Decision)> =
                d.order.iter().filter_map(|id| ordered.get(&(d.prize.as_str(), id.as_str())).copied()).collect();
            firsts.sort_unstable_by_key(|(first, _)| *first);
            firsts.dedup_by_key(|(first, _)| *first);
            firsts
        };
        for (first, before) in earlier {
            let line = before.lines.as_ref().map_or_else(String::new, |l| format!(" (line {})", l.order.line));
            out.push(format!(
                "{order_line}decisions[{i}].order names entries of prize {} that decisions[{first}]{line} orders already: one decision a tie; remove the one that no longer holds",
                in_quotes(&d.prize)
            ));
        }
        for id in &d.order {
            ordered.entry((d.prize.as_str(), id.as_str())).or_insert((i, d));
        }
    }
    for &(i, d) in decisions {
        let at = format!("decisions[{i}]");
        let lines = d.lines.as_ref();
        let (prize_at, order_at, reason_at) =
            (on(lines.map(|l| &l.prize)), on(lines.map(|l| &l.order)), on(lines.map(|l| &l.reason)));
        if let Some(said) = not_a_prize(i, &d.prize, prizes) {
            out.push(format!("{prize_at}{said}"));
        }
        if d.order.len() < 2 {
            out.push(format!(
                "{order_at}{at}.order names {}: a decision orders two tied entries or more",
                crate::format::count(d.order.len(), "entry", "entries")
            ));
        }
        let mut seen = HashSet::new();
        for id in &d.order {
            if !seen.insert(id.as_str()) {
                out.push(format!(
                    "{order_at}{at}.order names {:?} twice: name each tied entry once, in the order they place",
                    clean_line(id)
                ));
            } else if let Some(known) = known
                && !known.contains(id.as_str())
            {
                // In the ids' order, so that equally near ones are named the same way each run.
                let mut ids: Vec<&str> = known.iter().copied().collect();
                ids.sort_unstable();
                let near: Vec<String> = crate::format::look_alike(id, ids, 3).into_iter().map(clean_line).collect();
                let hint = if near.is_empty() { String::new() } else { format!("; did you mean {}?", near.join(", ")) };
                out.push(format!("{order_at}{at}.order: {:?} is not an entry in the store{hint}", clean_line(id)));
            }
        }
        if d.reason.trim().is_empty() {
            out.push(format!("{reason_at}{at}.reason is empty: say why, for the record"));
        }
        // The place of a tie it settled is one the prize pays: no tie is decided past them.
        if let Some(place) = d.place {
            let prize = prizes.iter().find(|p| p.id == d.prize);
            let paid = prize.map_or(usize::MAX, |p| p.amounts.len());
            if place == 0 || place > paid {
                let from_one = if place == 0 { " a whole number of 1 or more is needed;" } else { "" };
                let pays = prize.map(|p| format!(" {};", pays(p))).unwrap_or_default();
                out.push(format!(
                    "{}{at}.place = {place}:{from_one}{pays} give the place of the tie it settled, or leave place out",
                    on(lines.and_then(|l| l.place.as_ref()))
                ));
            }
        }
    }
    in_the_files_order(out)
}

/// The places a prize pays, as a refused place is told: "Best overall pays places 1 to 3".
fn pays(prize: &Prize) -> String {
    let name = clean_line(&prize.name);
    match prize.amounts.len() {
        1 => format!("{name} pays place 1 only"),
        n => format!("{name} pays places 1 to {n}"),
    }
}

/// The decisions that name part of an undecided tie without ordering exactly its entries, as
/// problems naming their lines.
pub fn misfits(uses: &[DecisionUse]) -> Vec<String> {
    uses.iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let misfit = u.misfit.as_deref()?;
            Some(format!(
                "{}decisions[{i}].order: {misfit}: order exactly the tied entries, each once",
                on(u.decision.lines.as_ref().map(|l| &l.order))
            ))
        })
        .collect()
}

/// The order a ranking's entries are listed in once the jury's decisions are known: the entries
/// of each tie a decision settled in the decision's order, in the rows the tie holds, and every
/// other entry where the ranking has it. `rows` are the ranking's entries in its order, each as
/// its id and its place there; `applied` the decisions that settled a tie of the prize paying
/// this ranking (as `results` applied them). Gives the indices into `rows` in the order to list
/// them. The one rule every list of a ranking with decisions known follows (the head judge's
/// board, the teams' index), so that none lists a tie's loser above its winner.
pub fn decided_order<'d>(rows: &[(&str, usize)], applied: impl IntoIterator<Item = &'d Decision>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let at: std::collections::HashMap<&str, usize> = rows.iter().enumerate().map(|(k, (id, _))| (*id, k)).collect();
    for d in applied {
        // Every entry it orders in this ranking, at one place: a decision on a tie elsewhere (a
        // ranking where they are not tied) orders nothing here.
        let Some(found) = d.order.iter().map(|id| at.get(id.as_str()).copied()).collect::<Option<Vec<usize>>>() else {
            continue;
        };
        let place = found.first().map(|k| rows[*k].1);
        if found.len() < 2 || found.iter().any(|k| Some(rows[*k].1) != place) {
            continue;
        }
        let mut held = found.clone();
        held.sort_unstable();
        for (row, entry) in held.into_iter().zip(found) {
            order[row] = entry;
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn each_bad_decision_is_named() {
        let prizes = Config::builtin().prizes;
        let known: HashSet<&str> = ["a", "b", "garden-gnome-gpt"].into();
        let decision = |prize: &str, order: &[&str], reason: &str| Decision {
            prize: prize.into(),
            order: order.iter().map(|o| (*o).to_owned()).collect(),
            reason: reason.into(),
            method: None,
            place: None,
            lines: None,
        };
        let cases = [
            (decision("wood", &["a", "b"], "coin"), None),
            (decision("forest", &["a", "b"], "coin"), Some("decisions[0].prize = \"forest\" is not a prize")),
            // A prize with a control in it is quoted with the control shown, not dropped: dropped,
            // "wo\u{1b}d" read as the "wod" it is not.
            (decision("wo\u{1b}d", &["a", "b"], "coin"), Some("decisions[0].prize = \"wo\\u{1b}d\" is not a prize")),
            (decision("wood", &["a"], "coin"), Some("decisions[0].order names 1 entry")),
            (decision("wood", &["a", "zz"], "coin"), Some("decisions[0].order: \"zz\" is not an entry")),
            (decision("wood", &["a", "b"], " "), Some("decisions[0].reason is empty")),
            (
                decision("wood", &["a", "garden-gnome"], "coin"),
                Some("\"garden-gnome\" is not an entry in the store; did you mean garden-gnome-gpt?"),
            ),
        ];
        for (d, want) in cases {
            let found = problems(std::slice::from_ref(&d), &prizes, &known);
            match want {
                None => assert!(found.is_empty(), "{found:?}"),
                Some(want) => assert!(found.iter().any(|p| p.contains(want)), "{want}: {found:?}"),
            }
        }
        assert!(parse("[[decisions]]\nprize = \"wood\"\norder = [\"a\"]\nreason = \"x\"\nextra = 1", &prizes).is_err());
        // The place of the tie it settled counts from 1, said alike of every value that is not
        // one, with the value as the file has it: 0 had been "places count from 1" and -1 "a
        // whole number of 0 or more", a number too large "the number i128".
        for (value, said) in [
            ("0", "0 is out of range: a whole number of 1 or more is needed"),
            ("-1", "-1 is out of range: a whole number of 1 or more is needed"),
            ("\"1\"", "the text \"1\", where a whole number of 1 or more is needed: write it without quotes, 1"),
            ("\"0\"", "the text \"0\", where a whole number of 1 or more is needed"),
            ("1.0", "the number 1.0, where a whole number of 1 or more is needed"),
            ("[1]", "a list, where a whole number of 1 or more is needed"),
            ("99999999999999999999", "99999999999999999999 is out of range: a whole number of 1 or more is needed"),
        ] {
            let text =
                format!("[[decisions]]\nprize = \"wood\"\norder = [\"a\", \"b\"]\nreason = \"x\"\nplace = {value}\n");
            let refused = parse(&text, &prizes).expect_err(value);
            assert_eq!(refused, format!("line 5 (`place = {value}`): {said}"), "{value}");
        }
        // A number too large where text goes is quoted as the file has it, every field alike.
        let text = "[[decisions]]\nprize = 99999999999999999999\norder = [\"a\", \"b\"]\nreason = \"x\"\n";
        let refused = parse(text, &prizes).expect_err("a number");
        assert!(refused.contains("the number 99999999999999999999, where text in quotes is needed: put it in quotes, \"99999999999999999999\""), "{refused}");
        assert!(!refused.contains("i128"), "{refused}");
        // A decision recorded with place 0 (not from the file) is said in the same words.
        let mut zero = decision("wood", &["a", "b"], "x");
        zero.place = Some(0);
        assert_eq!(
            problems(&[zero], &prizes, &known),
            [
                "decisions[0].place = 0: a whole number of 1 or more is needed; Thousand Token Wood pays places 1 to 4; give the place of the tie it settled, or leave place out"
            ]
        );
        // A place past those the prize pays is no tie it could have settled.
        let place = |prize: &str, place: usize| {
            let text =
                format!("[[decisions]]\nprize = {prize:?}\norder = [\"a\", \"b\"]\nreason = \"x\"\nplace = {place}\n");
            problems(&parse(&text, &prizes).expect("parses"), &prizes, &known)
        };
        assert_eq!(
            place("wood", 9),
            [
                "line 5 (`place = 9`): decisions[0].place = 9: Thousand Token Wood pays places 1 to 4; give the place of the tie it settled, or leave place out"
            ]
        );
        assert!(place("wood", 4).is_empty(), "its last paid place");
        assert_eq!(
            place("tiny-titan", 2),
            [
                "line 5 (`place = 2`): decisions[0].place = 2: Tiny Titan pays place 1 only; give the place of the tie it settled, or leave place out"
            ]
        );
        // A prize that is not one is said once, as such; its place is not judged against nothing.
        assert_eq!(place("forest", 9).len(), 1, "{:?}", place("forest", 9));
        assert!(
            parse("[[decisions]]\nprize = \"wood\"\norder = [\"a\"]\nreason = \"x\"\nplace = -1", &prizes).is_err()
        );
    }

    /// Two decisions for one tie (a first draft left above the final one): the second is
    /// refused at its line, naming the first; decisions of two ties of one prize, or of one
    /// entry in two prizes, are not.
    #[test]
    fn a_second_decision_for_the_same_tie_is_refused_naming_the_first() {
        let text = "[[decisions]]\nprize = \"wood\"\norder = [\"a\", \"b\"]\nreason = \"first draft\"\n\n\
                    [[decisions]]\nprize = \"wood\"\norder = [\"b\", \"a\"]\nreason = \"final\"\n\n\
                    [[decisions]]\nprize = \"wood\"\norder = [\"c\", \"d\"]\nreason = \"another tie\"\n\n\
                    [[decisions]]\nprize = \"backyard\"\norder = [\"a\", \"b\"]\nreason = \"another prize\"\n";
        let decisions = parse(text, &Config::builtin().prizes).expect("parses");
        let found = problems(&decisions, &Config::builtin().prizes, &["a", "b", "c", "d"].into());
        assert_eq!(
            found,
            [
                "line 8 (`order = [\"b\", \"a\"]`): decisions[1].order names entries of prize \"wood\" that decisions[0] (line 3) orders already: one decision a tie; remove the one that no longer holds"
            ]
        );
    }

    /// (the ranking's rows as (id, place), the decisions' orders, the ids as listed)
    #[test]
    fn a_settled_tie_is_listed_in_the_decisions_order() {
        let decided = |order: &[&str]| Decision {
            prize: "backyard".into(),
            order: order.iter().map(|o| (*o).to_owned()).collect(),
            reason: "x".into(),
            method: None,
            place: None,
            lines: None,
        };
        type Case<'a> = (&'a [(&'a str, usize)], &'a [&'a [&'a str]], &'a [&'a str]);
        let cases: [Case; 6] = [
            // The loser first in the ranking's order: the winner goes above it.
            (
                &[("imp", 1), ("wool", 2), ("chore", 2), ("recipe", 4)],
                &[&["chore", "wool"]],
                &["imp", "chore", "wool", "recipe"],
            ),
            // No decision: the ranking's order.
            (&[("imp", 1), ("wool", 2), ("chore", 2)], &[], &["imp", "wool", "chore"]),
            // An entry the rules exclude, tied with them, keeps its row; the others take theirs.
            (&[("a", 1), ("out", 1), ("b", 1), ("c", 1)], &[&["c", "a", "b"]], &["c", "out", "a", "b"]),
            // Two ties, each in its decision's order.
            (&[("a", 1), ("b", 1), ("c", 3), ("d", 3)], &[&["b", "a"], &["d", "c"]], &["b", "a", "d", "c"]),
            // A decision naming an entry not in this ranking, or entries not tied here, orders nothing.
            (&[("a", 1), ("b", 1)], &[&["b", "z"]], &["a", "b"]),
            (&[("a", 1), ("b", 2)], &[&["b", "a"]], &["a", "b"]),
        ];
        for (rows, decisions, want) in cases {
            let decisions: Vec<Decision> = decisions.iter().map(|o| decided(o)).collect();
            let listed: Vec<&str> = decided_order(rows, &decisions).into_iter().map(|k| rows[k].0).collect();
            assert_eq!(listed, want, "{rows:?} {decisions:?}");
        }
    }

    #[test]
    fn an_entry_named_twice_is_refused_with_its_line() {
        let text =
            "# decided at the table\n\n[[decisions]]\nprize = \"wood\"\norder = [\"a\", \"a\"]\nreason = \"coin\"\n";
        let decisions = parse(text, &Config::builtin().prizes).expect("parses");
        let lines = decisions[0].lines.as_ref().expect("read from the text");
        assert_eq!((lines.prize.line, lines.order.line, lines.reason.line, &lines.place), (4, 5, 6, &None));
        let found = problems(&decisions, &Config::builtin().prizes, &["a", "b"].into());
        assert_eq!(
            found,
            [
                "line 5 (`order = [\"a\", \"a\"]`): decisions[0].order names \"a\" twice: name each tied entry once, in the order they place"
            ]
        );
    }
}

#[cfg(test)]
mod read_at_once {
    use super::parse;
    use crate::config::Config;

    /// A mistyped key is said as judging.toml's are, at its line with the key it looks like,
    /// never as toml's caret art; and the decision's mistyped prize beside it, in one run.
    #[test]
    fn a_mistyped_key_and_prize_are_said_together_in_the_files_words() {
        let text = "[[decisions]]\nprize = \"wod\"\nordr = [\"letter-to-later\", \"haunted-radio\"]\nreason = \"x\"\n";
        let said = parse(text, &Config::builtin().prizes).expect_err("a key at fault");
        let lines: Vec<&str> = said.lines().collect();
        assert!(
            lines[0].starts_with(
                "line 2 (`prize = \"wod\"`): decisions[0].prize = \"wod\" is not a prize (did you mean \"wood\"?)"
            ),
            "{said}"
        );
        assert!(
            lines[1].starts_with(
                "line 3 (`ordr = [\"letter-to-later\", \"haunted-radio\"]`): unknown field `ordr`, expected one of `prize`, `order`, `reason`, `method`, `place`: did you mean `order`?"
            ),
            "{said}"
        );
        assert!(!said.contains("TOML parse error") && !said.contains('^'), "{said}");
        // Two decisions, each with its own problem: both said.
        let two = format!("{text}[[decisions]]\nprize = \"wood\"\norder = [\"a\", \"b\"]\nreason = 5\n");
        let said = parse(&two, &Config::builtin().prizes).expect_err("two at fault");
        assert!(said.contains("line 8 (`reason = 5`): the number 5, where text in quotes is needed"), "{said}");
        assert!(said.contains("ordr") && said.contains("\"wod\""), "{said}");
        assert!(!said.contains("has no"), "a key at fault is not also missing: {said}");
    }

    /// What the checks find of a decision that read (a place the prize does not pay, one entry
    /// ordered) is said with the file's own problems, in one run and one style: each at its line,
    /// quoted, and naming its key, as judging.toml's are; they had waited for the file to read
    /// whole, and then named the line unquoted.
    #[test]
    fn a_checks_problem_names_its_line_beside_the_files_own() {
        let text = "[[decisions]]\nprize = \"wood\"\nordr = [\"a\", \"b\"]\nreason = \"x\"\n\n\
                    [[decisions]]\nprize = \"wood\"\norder = [\"c\"]\nreason = \"coin\"\nplace = 9\n";
        let said = parse(text, &Config::builtin().prizes).expect_err("a key at fault");
        let lines: Vec<&str> = said.lines().collect();
        assert_eq!(lines.len(), 3, "{said}");
        assert!(lines[0].starts_with("line 3 (`ordr = [\"a\", \"b\"]`): unknown field `ordr`"), "{said}");
        assert_eq!(
            lines[1],
            "line 8 (`order = [\"c\"]`): decisions[1].order names 1 entry: a decision orders two tied entries or more"
        );
        assert_eq!(
            lines[2],
            "line 10 (`place = 9`): decisions[1].place = 9: Thousand Token Wood pays places 1 to 4; give the place of the tie it settled, or leave place out"
        );
        // Every problem starts alike: its line, quoted.
        for line in &lines {
            assert!(line.starts_with("line ") && line.contains(" (`") && line.contains("`): "), "{line}");
        }
        // A decision without its key is said at its header, quoted, with the rest.
        let text = "[[decisions]]\nprize = \"wood\"\norder = [\"a\", \"b\"]\n";
        let said = parse(text, &Config::builtin().prizes).expect_err("no reason");
        assert!(said.starts_with("line 1 (`[[decisions]]`): decisions[0] (prize \"wood\") has no reason"), "{said}");
    }
}
