//! The head judge's board for its snapshot tests and the screen-fit test: three judges'
//! rankings, and the screens a head judge reaches. Each test crate uses what it needs.
#![allow(dead_code)]
// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use judging::config::Config;
use judging::event_files::Loaded;
use judging::merge::Method;
use judging::model::{ByPart, TextPart};
use judging::rankings::{Field, JudgeMarks, Options, rank_all};
use judging::store::Store;
use judging::tui::board::Side;
use ratatui::crossterm::event::KeyCode;

/// Three judges over the sample's first twelve entries: a lenient one, a harsh one and one in
/// between, each seeing most of them. Whole-number marks make ties.
pub fn rankings() -> judging::rankings::Rankings {
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = Loaded { config: Config::builtin(), path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    judging::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let submissions = store.submissions().expect("rows");
    let field = Field::new(&submissions);
    let judge = |name: &str, bias: i64, skip: usize| {
        let entries: Vec<usize> = (0..12).filter(|e| e % 5 != skip).collect();
        let values: Vec<u8> = entries
            .iter()
            .flat_map(|e| {
                let base = 1 + (*e as i64 * 7 % 5);
                [base + bias, base, base].map(|v| v.clamp(1, 5) as u8)
            })
            .collect();
        let totals = values.chunks(3).map(|v| f64::from(2 * v[0] + v[1] + v[2]) / 4.0).collect();
        // Every judge times the demos; some write a note, one with an escape sequence in it.
        let notes: Vec<(usize, String)> = entries
            .iter()
            .filter(|e| *e % 2 == 0)
            .map(|e| (*e, format!("{name} on entry {e}: the demo \u{1b}[31mcrashed once, then ran well")))
            .collect();
        let timings = entries.iter().map(|e| (*e, 10.0 + *e as f64 + bias as f64)).collect();
        JudgeMarks {
            judge: name.into(),
            written_at: "2026-06-21T10:00:00.000Z".into(),
            written: "2026-06-21T10:00:00.000Z".parse().expect("a time"),
            file: format!("{name}.json"),
            digest: name.into(),
            entries,
            totals,
            values: values.into_iter().map(Some).collect(),
            shared_totals: Vec::new(),
            given: Vec::new(),
            partial: Vec::new(),
            timings,
            revisions: Vec::new(),
            texts: ByPart::from_fn(|part| if part == TextPart::Note { notes.clone() } else { Vec::new() }),
            comparisons: Vec::new(),
        }
    };
    let marks = vec![judge("mira", 1, 0), judge("tomas", -2, 1), judge("priya", 0, 2)];
    let mut r = rank_all(marks, &loaded.config, &field, &Options::new(Method::Mean, &loaded.config)).expect("ranks");
    // Who cannot win, as `judging merge` marks it from the store (no Hub facts here).
    judging::prizes::eligibility::mark(&mut r, &field, &std::collections::HashMap::new(), &loaded.config.rules);
    r
}

/// The built-in event with backyard paying seven places, so that its tie at #5 decides money.
pub fn seven_places() -> Config {
    let text = judging::config::BUILTIN
        .replace("amounts = [2500, 1500, 1000, 500]", "amounts = [2500, 1500, 1000, 500, 300, 200, 100]");
    judging::config::parse(&text).expect("valid")
}

/// The board's screens, each reached by the keys a head judge presses, with the side view
/// chosen (`v` cycles from what the width shows first, so the test names it).
pub fn screens() -> Vec<(&'static str, Vec<KeyCode>, Option<Side>)> {
    let tie = vec![KeyCode::Right, KeyCode::Char('G'), KeyCode::Char('d')];
    let mut reason = tie.clone();
    reason.extend([KeyCode::Char('3'), KeyCode::Char('1')]);
    vec![
        ("overall", Vec::new(), None),
        ("backyard tab", vec![KeyCode::Right], Some(Side::Entry)),
        ("wood tab", vec![KeyCode::Right, KeyCode::Right], Some(Side::Entry)),
        ("side: the entry", vec![KeyCode::Down], Some(Side::Entry)),
        ("side: the judges", Vec::new(), Some(Side::Judges)),
        ("side: hidden", Vec::new(), Some(Side::Hidden)),
        ("help", vec![KeyCode::Char('?')], None),
        ("tie dialog", tie, None),
        ("tie dialog: the reason", reason, None),
    ]
}

/// `rankings()` with backyard's top four in a finals round paying two places: mira and tomas
/// put the rubric's third first and disagree on the top two; priya says two pairs are level; one
/// pair nobody compared.
pub fn with_finals() -> judging::rankings::Rankings {
    use judging::finals::{Answered, Finalist, Round};
    use judging::model::Verdict;
    let mut r = rankings();
    let top: Vec<Finalist> = r
        .ranking("backyard")
        .expect("a backyard ranking")
        .iter()
        .take(4)
        .map(|e| Finalist { id: e.id.clone(), title: e.title.clone(), rubric_place: e.place, rubric_score: e.score })
        .collect();
    let answer = |judge, first, second, verdict| Answered { judge, first, second, verdict, note: None };
    let round = Round {
        ranking: "backyard".into(),
        paid: 2,
        finalists: top,
        judges: vec!["mira".into(), "tomas".into(), "priya".into()],
        answers: vec![
            answer(0, 0, 2, Verdict::Second),
            answer(1, 0, 2, Verdict::Second),
            answer(0, 1, 2, Verdict::Second),
            answer(0, 0, 1, Verdict::First),
            answer(1, 0, 1, Verdict::Second),
            answer(2, 0, 3, Verdict::First),
            answer(2, 0, 1, Verdict::Level),
            answer(1, 2, 3, Verdict::First),
        ],
    };
    judging::finals::settle(&mut r, &[round]);
    r
}
