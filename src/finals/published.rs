//! The finals as the head judge publishes them (`judging merge --finals`), beside judging.toml:
//! each ranking's finalists with their rubric place and score, and the answers given so far, so
//! that each judge's next pair takes the others' into account. A versioned file of its own,
//! TOML as the other files beside judging.toml are:
//!
//! ```toml
//! format = "judging-finals"
//! version = 1
//! event = "build-small-2026"
//! published_at = "2026-07-01T10:00:00.000Z"
//! method = "calibrated"
//!
//! [[rankings]]
//! ranking = "backyard"
//! paid = 4
//! finalists = [
//!   { id = "bus-stop-oracle", title = "Bus Stop Oracle", rubric_place = 1, rubric_score = 4.25 },
//! ]
//!
//! [[answers]]
//! judge = "mira"
//! pair = ["bus-stop-oracle", "meter-reader"]
//! verdict = "first"
//! ```
//!
//! It travels between machines, so it is read as untrusted data: every key is known, every id a
//! finalist at most once, every answer's judge a judge's name and its pair two finalists of one
//! ranking, at most once a judge; each problem is named with its line. Notes never go in it: they
//! are the jury's, in the signed score files.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::{Finalist, Round};
use crate::model::{Pair, Verdict, same_name};
use crate::sanitize::clean_line;

pub const FORMAT: &str = "judging-finals";
pub const VERSION: u32 = 1;

/// The published finals.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub event: String,
    pub published_at: String,
    /// The merge method the finalists were chosen by.
    pub method: String,
    /// One round per ranking, each with the answers published on its pairs.
    pub rounds: Vec<Round>,
}

/// One published answer: a judge's verdict on a pair.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedAnswer {
    pub judge: String,
    pub pair: Pair,
    pub verdict: Verdict,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: String,
    version: u32,
    event: String,
    published_at: String,
    method: String,
    #[serde(default)]
    rankings: Vec<Spanned<RawRanking>>,
    #[serde(default)]
    answers: Vec<Spanned<RawAnswer>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRanking {
    /// Spanned: a problem with it is said at its own line, not its table's.
    ranking: Spanned<String>,
    /// Spanned: checked against the places the event's prizes pay, and said at its line.
    paid: Spanned<usize>,
    finalists: Vec<RawFinalist>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinalist {
    id: String,
    title: String,
    rubric_place: usize,
    rubric_score: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    /// Spanned: a problem with it is said at its own line, not its table's.
    judge: Spanned<String>,
    pair: [String; 2],
    verdict: String,
}

/// Reads a published finals file's text for the event `config` sets: every problem found, each
/// with its line. A round of a ranking judging.toml gives no finals, or an answer from a judge
/// who does not compare in them, is one: the file travels like any other, and either had been
/// taken without a word (a wood round paid wood "by the finals' order" from no answer at all).
pub fn parse(text: &str, config: &crate::config::Config) -> Result<Published, Vec<String>> {
    let (published, problems) = read(text, config).map_err(|e| vec![e])?;
    if problems.is_empty() { Ok(published) } else { Err(problems.into_iter().map(|p| p.said).collect()) }
}

/// [`parse`] for `judging merge --finals` to publish over: paid places judging.toml's prizes no
/// longer pay are no problem there, as the rounds are published again with theirs
/// ([`super::paid`]); every other problem is, and is refused with the two told apart.
pub fn parse_to_republish(text: &str, config: &crate::config::Config) -> Result<Published, Refused> {
    let (published, problems) = read(text, config).map_err(|e| Refused { mended: Vec::new(), standing: vec![e] })?;
    let (mended, standing): (Vec<Problem>, Vec<Problem>) = problems.into_iter().partition(|p| p.paid.is_some());
    if standing.is_empty() {
        return Ok(published);
    }
    Err(Refused {
        mended: mended.into_iter().filter_map(|p| p.paid).collect(),
        standing: standing.into_iter().map(|p| p.said).collect(),
    })
}

/// What stops `judging merge --finals` publishing over a file, told apart by what each needs.
#[derive(Debug)]
pub struct Refused {
    /// Paid places judging.toml's prizes no longer pay, each at its line: the publish mends them.
    pub mended: Vec<String>,
    /// Every other problem, as a reader says it: mended in the file, or published over anew.
    pub standing: Vec<String>,
}

/// A problem of a published file, as a reader says it (`said`); for paid places judging.toml's
/// prizes no longer pay, also what it is without the reader's advice to publish again (`paid`),
/// which a publish mends.
struct Problem {
    said: String,
    paid: Option<String>,
}

impl From<String> for Problem {
    fn from(said: String) -> Problem {
        Problem { said, paid: None }
    }
}

/// The file read, with every problem found, each at its line; `Err` for a text that is not a
/// published file's TOML. Its paid places are as the file says them (`gather` pays
/// judging.toml's).
fn read(text: &str, config: &crate::config::Config) -> Result<(Published, Vec<Problem>), String> {
    let event = config.event.id.as_str();
    let raw: RawFile = toml::from_str(text).map_err(|e| crate::plain::toml_error(text, e))?;
    let line = |at: usize| text.get(..at).map_or(0, |before| before.matches('\n').count()) + 1;
    let mut problems: Vec<Problem> = Vec::new();
    if raw.format != FORMAT {
        problems.push(
            format!(
                "format = {}: not published finals (those say {FORMAT:?})",
                crate::sanitize::in_quotes(&raw.format)
            )
            .into(),
        );
    }
    if raw.version != VERSION {
        problems.push(
            format!("version = {}: this judging reads finals of version {VERSION}: upgrade judging", raw.version)
                .into(),
        );
    }
    if raw.event != event {
        problems.push(
            format!(
                "event = {}: these finals are of another event than judging.toml's {event:?}",
                crate::sanitize::in_quotes(&raw.event)
            )
            .into(),
        );
    }
    let mut rounds: Vec<Round> = Vec::new();
    let with_finals = config.finals_rankings();
    for (r, spanned) in raw.rankings.iter().enumerate() {
        let at = format!("line {}: rankings[{r}]", line(spanned.span().start));
        let ranking = spanned.get_ref();
        // Said at the line of its `ranking =`, not its table's.
        let at_key = format!("line {}: rankings[{r}]", line(ranking.ranking.span().start));
        if rounds.iter().any(|round| round.ranking == *ranking.ranking.get_ref()) {
            problems.push(
                format!("{at}: ranking {} is published twice", crate::sanitize::in_quotes(ranking.ranking.get_ref()))
                    .into(),
            );
        }
        if !with_finals.contains(ranking.ranking.get_ref()) {
            problems.push(format!(
                "{at_key}: ranking = {} has no finals in judging.toml (its finals are of {}): publish the finals anew with `judging merge FILES --finals --force`",
                crate::sanitize::in_quotes(ranking.ranking.get_ref()),
                if with_finals.is_empty() { "no ranking".to_owned() } else { with_finals.join(", ") }
            ).into());
        }
        if with_finals.contains(ranking.ranking.get_ref()) {
            problems.extend(paid_problem(config, ranking, r, line(ranking.paid.span().start)));
        }
        if ranking.finalists.len() < 2 {
            problems.push(
                format!(
                    "{at}: {}; a finals round compares two or more",
                    crate::format::count(ranking.finalists.len(), "finalist", "finalists")
                )
                .into(),
            );
        }
        let mut ids = HashSet::new();
        for (f, finalist) in ranking.finalists.iter().enumerate() {
            if !ids.insert(finalist.id.as_str()) {
                problems.push(
                    format!("{at}.finalists[{f}]: {} is a finalist twice", crate::sanitize::in_quotes(&finalist.id))
                        .into(),
                );
            }
            if !finalist.rubric_score.is_finite() || finalist.rubric_place == 0 {
                problems.push(
                    format!(
                        "{at}.finalists[{f}] ({}): rubric_place must be 1 or more and rubric_score a number",
                        crate::sanitize::in_quotes(&finalist.id)
                    )
                    .into(),
                );
            }
        }
        rounds.push(Round {
            ranking: ranking.ranking.get_ref().clone(),
            paid: *ranking.paid.get_ref(),
            finalists: ranking
                .finalists
                .iter()
                .map(|f| Finalist {
                    id: f.id.clone(),
                    title: f.title.clone(),
                    rubric_place: f.rubric_place,
                    rubric_score: f.rubric_score,
                })
                .collect(),
            judges: Vec::new(),
            answers: Vec::new(),
        });
    }
    place_answers(&raw.answers, &mut rounds, (&line, config), &mut problems);
    Ok((Published { event: raw.event, published_at: raw.published_at, method: raw.method, rounds }, problems))
}

/// Paid places of the round `ranking` (`rankings[r]`, its `paid` at `line`) other than what
/// judging.toml's prizes pay in it, as `finals::finalists` publishes it: a file that says
/// otherwise would have each judge's view say so while results pay from judging.toml.
fn paid_problem(config: &crate::config::Config, ranking: &RawRanking, r: usize, line: usize) -> Option<Problem> {
    let pays = super::paid(config, ranking.ranking.get_ref());
    let said = *ranking.paid.get_ref();
    (said != pays).then(|| {
        let paid = format!(
            "line {line}: rankings[{r}].paid = {said}, and judging.toml's prizes pay {} in ranking {}",
            crate::format::count(pays, "place", "places"),
            crate::sanitize::in_quotes(ranking.ranking.get_ref())
        );
        Problem {
            said: format!("{paid}: the file was edited, or the prizes changed since it was published; {REPUBLISH}"),
            paid: Some(paid),
        }
    })
}

/// What mends paid places judging.toml's prizes no longer pay: a reader's refusal says it, and
/// `judging merge --finals` does it.
pub const REPUBLISH: &str = "publish the finals again with `judging merge FILES --finals`, which pays judging.toml's places and keeps the comparisons made";

/// Each published answer checked and recorded in the round of its pair.
fn place_answers(
    answers: &[Spanned<RawAnswer>],
    rounds: &mut [Round],
    (line, config): (&dyn Fn(usize) -> usize, &crate::config::Config),
    problems: &mut Vec<Problem>,
) {
    let mut seen: Vec<(String, Pair)> = Vec::new();
    for (a, spanned) in answers.iter().enumerate() {
        let at = format!("line {}: answers[{a}]", line(spanned.span().start));
        let answer = spanned.get_ref();
        let at_judge = format!("line {}: answers[{a}]", line(answer.judge.span().start));
        if crate::paths::check_judge(answer.judge.get_ref()).is_err() {
            problems.push(
                format!(
                    "{at_judge}.judge = {}: not a judge's name",
                    crate::sanitize::in_quotes(answer.judge.get_ref())
                )
                .into(),
            );
            continue;
        }
        if !config.compares_in_finals(answer.judge.get_ref()) {
            problems.push(format!(
                "{at_judge}.judge = {}: not a judge who compares in the finals (judging.toml's [[judges]] and finals.judges); publish the finals anew with `judging merge FILES --finals --force` to leave their answers out",
                crate::sanitize::in_quotes(answer.judge.get_ref())
            ).into());
            continue;
        }
        let Some(pair) = Pair::new(&answer.pair[0], &answer.pair[1]) else {
            problems.push(
                format!(
                    "{at}.pair names {} twice: a pair is two finalists",
                    crate::sanitize::in_quotes(&answer.pair[0])
                )
                .into(),
            );
            continue;
        };
        let Some(verdict) = Verdict::from_key(&answer.verdict) else {
            problems.push(
                format!(
                    "{at}.verdict = {}: say \"first\", \"second\" or \"level\" (of the pair in its order)",
                    crate::sanitize::in_quotes(&answer.verdict)
                )
                .into(),
            );
            continue;
        };
        if seen.iter().any(|(j, p)| same_name(j, answer.judge.get_ref()) && *p == pair) {
            problems.push(
                format!(
                    "{at}: {} answers {} twice; a judge has one answer a pair",
                    clean_line(answer.judge.get_ref()),
                    clean_line(&pair.to_string())
                )
                .into(),
            );
            continue;
        }
        // Ordered as the pair is kept, whatever order the file wrote it in.
        let verdict = if pair.first == answer.pair[0] {
            verdict
        } else {
            match verdict {
                Verdict::First => Verdict::Second,
                Verdict::Second => Verdict::First,
                Verdict::Level => Verdict::Level,
            }
        };
        let mut placed = false;
        for round in rounds.iter_mut() {
            placed |= round.record(answer.judge.get_ref(), &pair, Some(crate::model::Compared { verdict, note: None }));
        }
        if !placed {
            problems
                .push(format!("{at}: {} are not two finalists of one ranking", clean_line(&pair.to_string())).into());
        }
        seen.push((answer.judge.get_ref().clone(), pair));
    }
}

/// What a store remembers of the finals it published: each ranking's paid places and its
/// finalists with their rubric places, in the file's order, a line a ranking. Titles and scores
/// are left out (a title is written cleaned; neither decides who is compared).
pub fn finalists_record(rounds: &[Round]) -> String {
    rounds.iter().map(|round| format!("{}\n", ranking_record(round))).collect()
}

/// One ranking's line of [`finalists_record`], as a message can quote it: `"backyard": 4 paid,
/// finalists "a" at 1, "b" at 2`.
fn ranking_record(round: &Round) -> String {
    let finalists: Vec<String> = round
        .finalists
        .iter()
        .map(|f| format!("{} at {}", crate::sanitize::in_quotes(&f.id), f.rubric_place))
        .collect();
    format!("{}: {} paid, finalists {}", crate::sanitize::in_quotes(&round.ranking), round.paid, finalists.join(", "))
}

/// Where `rounds` differ from the record a store kept ([`finalists_record`]): each ranking's
/// line as the file says it now beside the one published, or a ranking added or gone; empty
/// when they are the same.
pub fn differences(remembered: &str, rounds: &[Round]) -> Vec<String> {
    let now = finalists_record(rounds);
    if now == remembered {
        return Vec::new();
    }
    let (was, is): (Vec<&str>, Vec<&str>) = (remembered.lines().collect(), now.lines().collect());
    let ranking = |line: &str| line.split(": ").next().unwrap_or_default().to_owned();
    let mut out = Vec::new();
    for line in &is {
        match was.iter().find(|w| ranking(w) == ranking(line)) {
            Some(w) if w == line => {}
            Some(w) => out.push(format!("the file says {line}, where it was published as {w}")),
            None => out.push(format!("the file has {line}, which was not published")),
        }
    }
    for w in was.iter().filter(|w| !is.iter().any(|line| ranking(line) == ranking(w))) {
        out.push(format!("the file leaves out {w}, which was published"));
    }
    if out.is_empty() {
        // The same rankings, in another order.
        out.push("its rankings are in another order than published".to_owned());
    }
    out
}

/// The text of the published finals: `rounds` (their answers included, without notes), for
/// `event`, chosen by `method`, at `now`.
pub fn write(event_name: &str, event: &str, method: &str, now: &str, rounds: &[Round]) -> String {
    // Every judge reads it: what they could not see is written as its escape.
    let quote = crate::sanitize::toml_string;
    let mut out = format!(
        "# The finals of {}, published by `judging merge --finals`. Judges: `judging finals` lists them,\n\
         # `judging compare A B --winner A|B|level` answers a pair. Publish again to share the answers\n\
         # given so far; the finalists stay as they are unless published anew with --force.\n\
         format = {}\nversion = {VERSION}\nevent = {}\npublished_at = {}\nmethod = {}\n",
        clean_line(event_name),
        quote(FORMAT),
        quote(event),
        quote(now),
        quote(method)
    );
    for round in rounds {
        out.push_str(&format!(
            "\n[[rankings]]\nranking = {}\npaid = {}\nfinalists = [\n",
            quote(&round.ranking),
            round.paid
        ));
        for f in &round.finalists {
            out.push_str(&format!(
                "  {{ id = {}, title = {}, rubric_place = {}, rubric_score = {} }},\n",
                quote(&f.id),
                quote(&clean_line(&f.title)),
                f.rubric_place,
                toml::Value::Float(f.rubric_score)
            ));
        }
        out.push_str("]\n");
    }
    let mut answers: Vec<(String, Pair, Verdict)> = Vec::new();
    for round in rounds {
        for a in &round.answers {
            let Some(pair) = round.pair(a.first, a.second) else { continue };
            // Said of the pair in its kept order.
            let verdict = match (a.verdict, round.finalists[a.first].id == pair.first) {
                (Verdict::Level, _) => Verdict::Level,
                (v, true) => v,
                (Verdict::First, false) => Verdict::Second,
                (Verdict::Second, false) => Verdict::First,
            };
            let judge = round.judges[a.judge].clone();
            if !answers.iter().any(|(j, p, _)| same_name(j, &judge) && *p == pair) {
                answers.push((judge, pair, verdict));
            }
        }
    }
    answers.sort_by(|a, b| (crate::model::name_key(&a.0), &a.1).cmp(&(crate::model::name_key(&b.0), &b.1)));
    for (judge, pair, verdict) in answers {
        out.push_str(&format!(
            "\n[[answers]]\njudge = {}\npair = [{}, {}]\nverdict = {}\n",
            quote(&judge),
            quote(&pair.first),
            quote(&pair.second),
            quote(verdict.key())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in event as "e", with finals of backyard and wood.
    fn event() -> crate::config::Config {
        let mut config = crate::config::Config::builtin();
        config.event.id = "e".into();
        config.finals = Some(crate::config::FinalsConfig {
            rankings: vec!["backyard".into(), "wood".into()],
            ..crate::config::FinalsConfig::default()
        });
        config
    }

    fn round(ranking: &str, ids: &[&str]) -> Round {
        Round {
            ranking: ranking.into(),
            // As the built-in event's prizes pay in backyard and wood.
            paid: 4,
            finalists: ids
                .iter()
                .enumerate()
                .map(|(i, id)| Finalist {
                    id: (*id).into(),
                    title: format!("Title {id}"),
                    rubric_place: i + 1,
                    rubric_score: 4.0 - i as f64 / 4.0,
                })
                .collect(),
            judges: Vec::new(),
            answers: Vec::new(),
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let mut backyard = round("backyard", &["b", "a", "c"]);
        let pair = Pair::new("b", "a").expect("pair");
        assert!(backyard.record(
            "mira",
            &pair,
            Some(crate::model::Compared { verdict: Verdict::Second, note: Some("jury only".into()) })
        ));
        let wood = round("wood", &["x", "y"]);
        let text =
            write("Build Small", "e", "calibrated", "2026-07-01T10:00:00.000Z", &[backyard.clone(), wood.clone()]);
        assert!(!text.contains("jury only"), "notes stay in the score files:\n{text}");
        let read = parse(&text, &event()).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
        backyard.answers[0].note = None;
        assert_eq!(read.rounds, [backyard, wood]);
        assert_eq!(read.method, "calibrated");
    }

    /// The record a store keeps reads the finalists back the same (answers and titles aside),
    /// and any finalist, rubric place, paid places or ranking changed since is said, quoting the
    /// ranking's line as published and as the file has it.
    #[test]
    fn what_differs_from_the_published_finalists_is_said() {
        let published = [round("backyard", &["b", "a", "c"]), round("wood", &["x", "y"])];
        let record = finalists_record(&published);
        let text = write("Build Small", "e", "calibrated", "2026-07-01T10:00:00.000Z", &published);
        let read = parse(&text, &event()).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
        assert!(differences(&record, &read.rounds).is_empty());
        let mut retitled = published.clone();
        retitled[0].finalists[0].title = "Another".into();
        assert!(differences(&record, &retitled).is_empty(), "a title decides nothing");
        type Edit = fn(&mut Vec<Round>);
        let edits: [(Edit, &str); 6] = [
            (
                |r| r[0].finalists[2].id = "d".into(),
                r#"the file says "backyard": 4 paid, finalists "b" at 1, "a" at 2, "d" at 3, where it was published as "backyard": 4 paid, finalists "b" at 1, "a" at 2, "c" at 3"#,
            ),
            (|r| r[0].finalists[2].rubric_place = 9, r#""c" at 9, where"#),
            (|r| r[1].paid = 3, r#"the file says "wood": 3 paid"#),
            (|r| r[1].ranking = "forest".into(), r#"the file has "forest": 4 paid"#),
            (
                |r| {
                    r.pop();
                },
                r#"the file leaves out "wood": 4 paid, finalists "x" at 1, "y" at 2, which was published"#,
            ),
            (|r| r.swap(0, 1), "another order"),
        ];
        for (edit, said) in edits {
            let mut edited = published.to_vec();
            edit(&mut edited);
            let found = differences(&record, &edited);
            assert!(found.iter().any(|d| d.contains(said)), "{said} in {found:?}");
        }
    }

    /// The published file is read by every judge, in a terminal or an editor: an id from the
    /// export with a bidi override, a title with a zero-width space or a tag character, went
    /// into it raw (the toml crate escapes controls only). Each is written as its escape, and
    /// reads back as given.
    #[test]
    fn the_published_file_holds_nothing_a_reader_cannot_see() {
        let mut hostile = round("backyard", &["b\u{202e}x", "a\u{2066}y\u{2069}", "c"]);
        hostile.finalists[0].title = "Pantry\u{200b}Poet \u{e0041}\u{e0042}".into();
        // A title is written cleaned of its controls and bidi marks, as every output shows it.
        hostile.finalists[1].title = "Title ay".into();
        let pair = Pair::new("b\u{202e}x", "c").expect("pair");
        assert!(hostile.record("mira", &pair, Some(crate::model::Compared { verdict: Verdict::First, note: None })));
        let text = write("Build Small", "e", "calibrated", "2026-07-01T10:00:00.000Z", std::slice::from_ref(&hostile));
        let hidden: Vec<char> = text.chars().filter(|c| *c != '\n' && crate::sanitize::hides(*c)).collect();
        assert!(hidden.is_empty(), "{hidden:?} in\n{text}");
        let read = parse(&text, &event()).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
        assert_eq!(read.rounds, [hostile]);
    }

    /// Each broken file, and words its error must contain.
    #[test]
    fn a_bad_published_file_is_refused_with_every_problem_at_its_line() {
        let good = write("E", "e", "mean", "now", &[round("backyard", &["a", "b", "c"])]);
        let answer = |judge: &str, pair: &str, verdict: &str| {
            format!("{good}\n[[answers]]\njudge = {judge:?}\npair = {pair}\nverdict = {verdict:?}\n")
        };
        let twice = format!(
            "{}\n[[answers]]\njudge = \"Mira\"\npair = [\"b\", \"a\"]\nverdict = \"level\"\n",
            answer("mira", "[\"a\", \"b\"]", "first")
        );
        let cases: Vec<(String, &[&str])> = vec![
            (good.replace("event = \"e\"", "event = \"f\""), &["event = \"f\"", "another event"]),
            (good.replace("version = 1", "version = 7"), &["version = 7", "upgrade judging"]),
            (good.replace("paid = 4", "paid = 4\nprize = 1"), &["unknown field `prize`"]),
            (good.replace("id = \"b\"", "id = \"a\""), &["\"a\" is a finalist twice"]),
            (answer("mira", "[\"a\", \"z\"]", "first"), &["answers[0]", "a / z are not two finalists"]),
            (answer("mira", "[\"a\", \"a\"]", "first"), &["names \"a\" twice"]),
            (answer("mira", "[\"a\", \"b\"]", "won"), &["verdict = \"won\"", "\"first\", \"second\" or \"level\""]),
            (
                format!("{good}\n[[answers]]\njudge = \"\\u001b[31m\"\npair = [\"a\", \"b\"]\nverdict = \"first\"\n"),
                &["not a judge's name"],
            ),
            (twice, &["answers[1]", "Mira answers a / b twice"]),
            ("this = is not [finals".into(), &["line 1"]),
            // A ranking judging.toml gives no finals, an answer from a judge not in them.
            (
                good.replace("ranking = \"backyard\"", "ranking = \"overall\""),
                &["ranking = \"overall\" has no finals in judging.toml (its finals are of backyard, wood)"],
            ),
            (answer("bob", "[\"a\", \"b\"]", "first"), &["judge = \"bob\": not a judge who compares in the finals"]),
            // Paid places the event's prizes do not pay: the judges' view had said "0 places paid"
            // while results paid 4.
            (
                good.replace("paid = 4", "paid = 0"),
                &[
                    "line 12: rankings[0].paid = 0",
                    "judging.toml's prizes pay 4 places in ranking \"backyard\"",
                    "`judging merge FILES --finals",
                ],
            ),
            (good.replace("paid = 4", "paid = 1"), &["paid = 1", "pay 4 places"]),
        ];
        for (text, wants) in cases {
            let problems = parse(&text, &event()).expect_err(&text).join("\n");
            for want in wants {
                assert!(problems.contains(want), "wanted {want:?} in\n{problems}\nfor\n{text}");
            }
            assert!(!problems.contains('\u{1b}'), "{problems}");
        }
        let lined = parse(&answer("mira", "[\"a\", \"a\"]", "first"), &event()).expect_err("bad");
        let at = good.lines().count() + 2;
        assert!(lined[0].starts_with(&format!("line {at}:")), "{lined:?}");
        // A judge's problem is said at the line of its `judge =`, the one after the table's.
        let unknown = parse(&answer("bob", "[\"a\", \"b\"]", "first"), &event()).expect_err("bad");
        assert!(unknown[0].starts_with(&format!("line {}: answers[0].judge", at + 1)), "{unknown:?}");
    }

    /// Paid places judging.toml's prizes no longer pay are refused by a reader, saying to publish
    /// again plainly; the republish reads past them (it pays judging.toml's places), and past
    /// nothing else.
    #[test]
    fn paid_places_the_prizes_no_longer_pay_are_republished_over() {
        let good = write("E", "e", "mean", "now", &[round("backyard", &["a", "b", "c"])]);
        let edited = good.replace("paid = 4", "paid = 1");
        let refused = parse(&edited, &event()).expect_err("refused").join("\n");
        assert!(refused.contains("publish the finals again with `judging merge FILES --finals`,"), "{refused}");
        assert!(!refused.contains("--force"), "a plain republish mends it: {refused}");
        let before = parse_to_republish(&edited, &event()).expect("read to publish over");
        assert_eq!(before.rounds[0].paid, 1, "as the file says; `gather` pays judging.toml's");
        let worse = edited.replace("event = \"e\"", "event = \"other\"");
        let refused = parse_to_republish(&worse, &event()).expect_err("another problem is one still");
        // Told apart: the paid places, without the advice to publish again the publish follows;
        // the other as a reader says it.
        assert_eq!(refused.mended.len(), 1, "{refused:?}");
        assert!(refused.mended[0].contains("rankings[0].paid = 1") && !refused.mended[0].contains("publish"));
        assert_eq!(refused.standing.len(), 1, "{refused:?}");
        assert!(refused.standing[0].starts_with("event = \"other\""), "{refused:?}");
    }
}
