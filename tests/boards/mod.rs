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
    rank(three_judges(), Method::Mean)
}

/// The marks of [`rankings`]' three judges.
fn three_judges() -> Vec<JudgeMarks> {
    let judge = |name: &str, bias: i64, skip: usize| {
        let entries: Vec<usize> = (0..12).filter(|e| e % 5 != skip).collect();
        let marks = |e: usize, c: usize| {
            let base = 1 + (e as i64 * 7 % 5);
            (if c == 0 { base + bias } else { base }).clamp(1, 5) as u8
        };
        marks_of(name, entries, bias, marks)
    };
    vec![judge("mira", 1, 0), judge("tomas", -2, 1), judge("priya", 0, 2)]
}

/// A judge's marks on `entries`, each criterion's value from `marks(entry, criterion)`: every
/// judge times the demos and writes a note on every other entry, one with an escape sequence.
fn marks_of(name: &str, entries: Vec<usize>, bias: i64, marks: impl Fn(usize, usize) -> u8) -> JudgeMarks {
    let values: Vec<u8> = entries.iter().flat_map(|e| [0, 1, 2].map(|c| marks(*e, c))).collect();
    let totals = values.chunks(3).map(|v| f64::from(2 * v[0] + v[1] + v[2]) / 4.0).collect();
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
        withdrawn: Vec::new(),
    }
}

/// [`rankings`] with a fourth judge, of a long name, who gave every entry they scored a 3 on
/// every criterion: the merge's flat judge.
pub fn with_a_flat_judge() -> judging::rankings::Rankings {
    let mut marks = three_judges();
    marks.push(marks_of("florentine-the-steady", (0..12).collect(), 0, |_, _| 3));
    rank(marks, Method::Mean)
}

/// [`rankings`] with what the merge warns of: a file from zed, whom the built-in event's
/// `[[judges]]` does not list, one from "míra", a look-alike of listed mira who sent hers too,
/// and tomas leaving two entries partly scored.
pub fn with_warnings() -> judging::rankings::Rankings {
    let mut marks = three_judges();
    marks[1].partial = vec!["lullaby-loom".into(), "pantry-\u{1b}[2Jpoet".into()];
    let mut zed = marks[2].clone();
    zed.judge = "zed".into();
    let mut mira = marks[0].clone();
    mira.judge = "m\u{ed}ra".into();
    marks.extend([zed, mira]);
    rank(marks, Method::Mean)
}

/// The sample's entries, in the order the marks' indices count them.
fn sample() -> Vec<judging::model::StoredSubmission> {
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = Loaded { config: Config::builtin(), path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    judging::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    store.submissions().expect("rows")
}

/// The rankings of `marks` over the sample by `method`, with who cannot win marked as
/// `judging merge` marks it from the store (no Hub facts here).
fn rank(marks: Vec<JudgeMarks>, method: Method) -> judging::rankings::Rankings {
    let config = Config::builtin();
    let submissions = sample();
    let field = Field::new(&submissions);
    let mut r = rank_all(marks, &config, &field, &Options::new(method, &config)).expect("ranks");
    judging::prizes::eligibility::mark(&mut r, &field, &std::collections::HashMap::new(), &config.rules);
    r
}

/// A crowded event as a head judge meets it: the calibrated method over every entry of the
/// sample, priya judging backyard only, each judge skipping a quarter and disagreeing now and
/// then. It makes long flags (contested and ineligible), uncertain paid places, places resting
/// on one judge, thin entries and long titles.
pub fn crowded() -> judging::rankings::Rankings {
    let tracks: Vec<Option<String>> = sample().into_iter().map(|s| s.submission.track).collect();
    let judge = |name: &str, k: usize, bias: i64| {
        let entries: Vec<usize> = (0..tracks.len())
            .filter(|e| !(e * 3 + k).is_multiple_of(4))
            .filter(|e| name != "priya" || tracks[*e].as_deref() == Some("backyard"))
            .collect();
        let marks = move |e: usize, c: usize| {
            let noise = [-2, -1, 0, 0, 1][mix(e * 100 + k * 10 + c) % 5];
            let mark = (1 + (mix(e) % 5) as i64 + bias + noise).clamp(1, 5);
            // tomas sees every seventh entry the other way round: contested.
            (if k == 1 && e % 7 == 3 { 6 - mark } else { mark }) as u8
        };
        marks_of(name, entries, bias, marks)
    };
    rank(vec![judge("mira", 0, 1), judge("tomas", 1, -1), judge("priya", 2, 0)], Method::Calibrated)
}

/// A number from `n`, scattered (splitmix64's finaliser): marks that look drawn, the same on
/// every run.
fn mix(n: usize) -> usize {
    let mut x = (n as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (x ^ (x >> 31)) as usize
}

/// Every backyard entry of the sample (21) marked alike by two judges: a tie of 21 at #1, over
/// the four places backyard pays and seventeen it does not.
pub fn tie_of_21() -> judging::rankings::Rankings {
    let tracks: Vec<Option<String>> = sample().into_iter().map(|s| s.submission.track).collect();
    let backyard: Vec<usize> = (0..tracks.len()).filter(|e| tracks[*e].as_deref() == Some("backyard")).collect();
    assert_eq!(backyard.len(), 21, "the sample's backyard track");
    let judge = |name: &str| marks_of(name, backyard.clone(), 0, |_, _| 3);
    rank(vec![judge("mira"), judge("tomas")], Method::Calibrated)
}

/// The built-in event with backyard paying seven places, so that its tie at #5 decides money.
pub fn seven_places() -> Config {
    let text = judging::config::BUILTIN
        .replace("amounts = [2500, 1500, 1000, 500]", "amounts = [2500, 1500, 1000, 500, 300, 200, 100]");
    judging::config::parse(&text).expect("valid")
}

/// The rankings a board screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// [`rankings`]: twelve entries, the mean method.
    Small,
    /// [`crowded`]: forty entries, the calibrated method.
    Crowded,
    /// [`tie_of_21`].
    TieOf21,
    /// [`with_warnings`].
    Warned,
}

impl Data {
    pub fn rankings(self) -> judging::rankings::Rankings {
        match self {
            Data::Small => rankings(),
            Data::Crowded => crowded(),
            Data::TieOf21 => tie_of_21(),
            Data::Warned => with_warnings(),
        }
    }
}

/// One of the board's screens: its name, the keys a head judge presses to reach it, the side
/// view chosen (`v` cycles from what the width shows first, so the test names it) and the
/// rankings it shows.
pub struct Screen {
    pub name: &'static str,
    pub keys: Vec<KeyCode>,
    pub side: Option<Side>,
    pub data: Data,
}

/// The board's screens, each reached by the keys a head judge presses.
pub fn screens() -> Vec<Screen> {
    let tie = vec![KeyCode::Right, KeyCode::Char('G'), KeyCode::Char('d')];
    let mut reason = tie.clone();
    reason.extend([KeyCode::Char('3'), KeyCode::Char('1')]);
    // Twenty of the 21 in order (the last places itself): a number that could go on waits for
    // Enter or its second digit.
    let mut tie_of_21 = vec![KeyCode::Right, KeyCode::Char('d')];
    let mut ordered = tie_of_21.clone();
    ordered.extend([KeyCode::Char('1'), KeyCode::Enter, KeyCode::Char('2'), KeyCode::Enter]);
    ordered.extend((3..=20).flat_map(|n: u32| n.to_string().chars().map(KeyCode::Char).collect::<Vec<_>>()));
    let screen = |name, keys, side, data| Screen { name, keys, side, data };
    vec![
        screen("overall", Vec::new(), None, Data::Small),
        screen("backyard tab", vec![KeyCode::Right], Some(Side::Entry), Data::Small),
        screen("wood tab", vec![KeyCode::Right, KeyCode::Right], Some(Side::Entry), Data::Small),
        screen("side: the entry", vec![KeyCode::Down], Some(Side::Entry), Data::Small),
        screen("side: the judges", Vec::new(), Some(Side::Judges), Data::Small),
        screen("side: hidden", Vec::new(), Some(Side::Hidden), Data::Small),
        screen("help", vec![KeyCode::Char('?')], None, Data::Small),
        screen("tie dialog", tie, None, Data::Small),
        screen("tie dialog: the reason", reason, None, Data::Small),
        screen("crowded: overall", Vec::new(), None, Data::Crowded),
        screen("crowded: overall with the side", Vec::new(), Some(Side::Entry), Data::Crowded),
        screen("crowded: backyard tab", vec![KeyCode::Right], Some(Side::Entry), Data::Crowded),
        screen("tie of 21", std::mem::take(&mut tie_of_21), None, Data::TieOf21),
        screen("tie of 21: the reason", ordered, None, Data::TieOf21),
        screen("warned: overall", Vec::new(), None, Data::Warned),
        screen("warned: the warnings", vec![KeyCode::Char('w')], None, Data::Warned),
        screen("warned: the judges", Vec::new(), Some(Side::Judges), Data::Warned),
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

/// By the mean: mira, tomas and priya agree on the sample's first ten entries; eve, a point
/// above them wherever they meet, and gus, who gives everything a 5, alone score entry 10
/// (chore-chart, backyard), which the mean then puts first in its track.
pub fn lenient_winner() -> judging::rankings::Rankings {
    let base = |e: usize| (1 + (e * 7 % 4)) as u8;
    let agreed: Vec<usize> = (0..10).collect();
    let mut marks: Vec<JudgeMarks> =
        ["mira", "tomas", "priya"].iter().map(|n| marks_of(n, agreed.clone(), 0, |e, _| base(e))).collect();
    marks.push(marks_of("eve", vec![0, 1, 2, 10], 1, |e, _| if e == 10 { 5 } else { (base(e) + 1).min(5) }));
    marks.push(marks_of("gus", (0..11).collect(), 0, |_, _| 5));
    rank(marks, Method::Mean)
}
