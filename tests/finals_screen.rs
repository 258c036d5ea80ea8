//! The finals' comparison screen in the judge's app (`F`): drawn whole at three sizes, as
//! snapshots at 80×24 and 100×30, and its keys: an answer is saved at once in the store as
//! `judging compare` saves it, and the next pair is the core's; skip, undo, a note, Esc.

use judging::config::{Config, FinalsConfig};
use judging::finals::{Finalist, Round};
use judging::model::{Change, Pair, Verdict};
use judging::tui::app::{Action, Mode};
use judging::tui::fit::shows_whole;
use judging::tui::{App, Runner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

mod judge;

use judge::Judge;

/// The overall finals of four sample entries, the last of them (by Moss & Lichen) tomas's
/// conflict: three pairs are his to compare.
fn round() -> Round {
    let finalist = |id: &str, title: &str, place: usize, score: f64| Finalist {
        id: id.into(),
        title: title.into(),
        rubric_place: place,
        rubric_score: score,
    };
    Round {
        ranking: "overall".into(),
        paid: 3,
        finalists: vec![
            finalist("bus-stop-oracle", "Bus Stop Oracle", 1, 4.4),
            finalist("pantry-poet", "Pantry Poet", 2, 4.2),
            finalist("meter-reader", "Meter Reader", 3, 4.1),
            finalist("sprout-sense", "Sprout Sense", 4, 4.0),
        ],
        judges: Vec::new(),
        answers: Vec::new(),
    }
}

/// tomas on the sample event with a finals round published, his scores and a note on one
/// finalist, on a screen of this size.
fn judge(width: u16, height: u16) -> Judge {
    let mut config = Config::builtin();
    config.finals = Some(FinalsConfig::default());
    let mut j = Judge::tomas(config, |store| {
        for (criterion, value) in [("utility", 4), ("latency", 3), ("cost", 5)] {
            let change = Change::Score { criterion: criterion.into(), value: Some(value) };
            store.apply("bus-stop-oracle", &change).expect("score");
        }
    });
    j.app.finals = vec![round()];
    j.act(Action::Resize(width, height));
    j
}

impl Judge {
    /// The pair on screen, by id, left then right.
    fn on_screen(&self) -> Option<(String, String)> {
        let Mode::Finals(c) = &self.app.mode else { return None };
        let (i, j) = c.pair?;
        let f = &self.app.finals[c.round].finalists;
        Some((f[i].id.clone(), f[j].id.clone()))
    }

    /// What the store holds on a pair.
    fn stored(&self, a: &str, b: &str) -> Option<(Verdict, Option<String>)> {
        let pair = Pair::new(a, b).expect("a pair");
        let sheet = self.store.score_sheet().expect("sheet");
        sheet.comparison(&pair).map(|c| (c.verdict, c.note.clone()))
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draw");
    terminal.backend().to_string()
}

fn chars(text: &str) -> Vec<KeyCode> {
    text.chars().map(KeyCode::Char).collect()
}

#[test]
fn the_comparison_screen_at_80_by_24() {
    let mut j = judge(80, 24);
    j.keys(&[KeyCode::Char('F')]);
    assert!(matches!(j.app.mode, Mode::Finals(_)), "{}", j.app.status);
    insta::assert_snapshot!(screen(&j.app, 80, 24));
}

#[test]
fn the_comparison_screen_at_100_by_30_with_a_note_and_an_answer_said() {
    let mut j = judge(100, 30);
    j.keys(&[KeyCode::Char('F'), KeyCode::Left, KeyCode::Char('e')]);
    j.keys(&chars("the steadier demo"));
    j.keys(&[KeyCode::Enter]);
    insta::assert_snapshot!(screen(&j.app, 100, 30));
}

#[test]
fn the_comparison_screen_shows_what_it_promises_whole_at_three_sizes() {
    for (width, height) in [(80, 24), (100, 30), (200, 50)] {
        for (what, keys) in [
            ("a pair", chars("F")),
            ("its keys", chars("F?")),
            ("the note's box", chars("Fe")),
            ("none left", chars("F===")),
        ] {
            let mut j = judge(width, height);
            j.keys(&keys);
            let drawn = {
                let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
                terminal.draw(|frame| frame.render_widget(&j.app, frame.area())).expect("draw");
                terminal.backend().buffer().clone()
            };
            let missing: Vec<String> = j.app.promised().into_iter().filter(|p| !shows_whole(&drawn, p)).collect();
            assert!(missing.is_empty(), "{what} at {width}×{height}: not shown whole: {missing:?}");
        }
    }
}

#[test]
fn each_answer_is_saved_at_once_and_the_next_pair_follows_never_a_barred_one_nor_one_twice() {
    let mut j = judge(100, 30);
    j.keys(&[KeyCode::Char('F')]);
    let mut seen = Vec::new();
    // Left, right, level: each saved in the store as it is given, with the note typed before it.
    for (k, key) in [KeyCode::Left, KeyCode::Right, KeyCode::Char('=')].into_iter().enumerate() {
        let (left, right) = j.on_screen().expect("a pair on screen");
        assert!(left != "sprout-sense" && right != "sprout-sense", "a conflict of tomas's is never shown");
        assert!(!seen.contains(&(left.clone(), right.clone())), "never a pair twice");
        if k == 0 {
            j.keys(&[KeyCode::Char('e')]);
            j.keys(&chars("closer than it looks"));
            j.keys(&[KeyCode::Enter]);
        }
        j.keys(&[key]);
        let pair = Pair::new(&left, &right).expect("a pair");
        let want = match key {
            KeyCode::Left => pair.verdict(Some(&left)),
            KeyCode::Right => pair.verdict(Some(&right)),
            _ => Some(Verdict::Level),
        }
        .expect("a verdict");
        let note = (k == 0).then(|| "closer than it looks".to_owned());
        assert_eq!(j.stored(&left, &right), Some((want, note)), "saved at once: {}", j.app.status);
        assert!(j.app.status.starts_with("saved: "), "{}", j.app.status);
        seen.push((left, right));
    }
    // Three pairs were his: none is left, and the screen says so.
    assert_eq!(j.on_screen(), None);
    assert!(screen(&j.app, 100, 30).contains("No pair is left for you to compare"));
    // The pair's keys say why they do nothing (e, o and O had been silent).
    for key in [KeyCode::Char('e'), KeyCode::Char('o'), KeyCode::Char('O')] {
        j.app.status.clear();
        j.keys(&[key]);
        assert_eq!(j.app.status, "no pair is left for you to compare: Esc returns to the list", "{key:?}");
    }
    // Undo takes the last answer back, in the store, and puts its pair in front of him again.
    j.keys(&[KeyCode::Char('u')]);
    let (left, right) = seen.last().cloned().expect("answered");
    assert_eq!(j.stored(&left, &right), None, "{}", j.app.status);
    assert_eq!(j.on_screen(), Some((left, right)));
    // Esc returns to the list; F comes back to the same pair, still unanswered.
    j.keys(&[KeyCode::Esc]);
    assert!(matches!(j.app.mode, Mode::Browse));
    j.keys(&[KeyCode::Char('F')]);
    assert_eq!(j.on_screen(), seen.last().cloned());
}

#[test]
fn a_skipped_pair_comes_back_only_when_the_others_are_done_and_esc_drops_a_note() {
    let mut j = judge(100, 30);
    j.keys(&[KeyCode::Char('F')]);
    let first = j.on_screen().expect("a pair");
    j.keys(&[KeyCode::Char('s')]);
    assert_ne!(j.on_screen(), Some(first.clone()), "skipped: another pair");
    assert_eq!(j.stored(&first.0, &first.1), None, "a skip saves nothing");
    j.keys(&[KeyCode::Char('=')]);
    j.keys(&[KeyCode::Char('=')]);
    assert_eq!(j.on_screen(), Some(first.clone()), "the skipped pair, once the others are done");
    // The last answer before it is said, then that the skipped pair is back: the second had
    // replaced the first.
    assert!(
        j.app.status.starts_with("saved: ")
            && j.app.status.ends_with("; only the pairs you skipped are left: here they are again"),
        "{}",
        j.app.status
    );
    // A note dropped with Esc is not saved with the answer.
    j.keys(&[KeyCode::Char('e')]);
    j.keys(&chars("never mind"));
    j.keys(&[KeyCode::Esc, KeyCode::Right]);
    let pair = Pair::new(&first.0, &first.1).expect("a pair");
    assert_eq!(j.stored(&first.0, &first.1), Some((pair.verdict(Some(&first.1)).expect("verdict"), None)));
}

#[test]
fn without_published_finals_f_says_why_and_stays_on_the_list() {
    let mut j = judge(100, 30);
    j.app.finals.clear();
    j.keys(&[KeyCode::Char('F')]);
    assert!(matches!(j.app.mode, Mode::Browse));
    assert!(j.app.status.contains("no finals published yet"), "{}", j.app.status);
}

#[test]
fn finals_published_after_the_app_started_are_read_when_f_is_pressed() {
    let mut j = judge(100, 30);
    j.app.finals.clear();
    j.runner = Runner::new(&j.store).reading_finals(Box::new(|| Ok(vec![round()])));
    j.keys(&[KeyCode::Char('F')]);
    assert!(j.on_screen().is_some(), "{}", j.app.status);
    // A file that cannot be used is said, and the screen stays on the list.
    j.keys(&[KeyCode::Esc]);
    j.runner = Runner::new(&j.store).reading_finals(Box::new(|| Err("finals.toml: 1 problem".into())));
    j.keys(&[KeyCode::Char('F')]);
    assert!(matches!(j.app.mode, Mode::Browse));
    assert!(j.app.status.contains("the finals cannot be read: finals.toml"), "{}", j.app.status);
}

/// The comparison screen's keys close on any key, as their title says ("any key closes") and
/// as the list's help does; the footer says so too. Only Esc and ? closed them, and q quit.
#[test]
fn the_comparison_screens_keys_close_on_any_key_as_their_title_says() {
    let mut j = judge(80, 24);
    j.keys(&chars("F?"));
    let text = screen(&j.app, 80, 24);
    assert!(text.contains("any key closes"), "{text}");
    assert!(text.lines().last().is_some_and(|l| l.contains("any key closes")), "the footer:\n{text}");
    let before = j.on_screen();
    for key in [KeyCode::Char('q'), KeyCode::Char('x'), KeyCode::Left] {
        j.keys(&[key]);
        let Mode::Finals(c) = &j.app.mode else { panic!("still on the comparison screen") };
        assert!(!c.help && !j.app.quit, "{key:?} closes the keys, and only that");
        assert_eq!(j.on_screen(), before, "{key:?} answered nothing");
        j.keys(&chars("?"));
    }
}

/// On a screen too small, the comparison follows the rule every screen does (`tui::small`):
/// ← answers nothing unseen, and is said to be refused; ? shows the keys; Esc is the list.
#[test]
fn a_screen_too_small_answers_nothing_unseen() {
    let mut j = judge(80, 24);
    j.keys(&[KeyCode::Char('F')]);
    let (left, right) = j.on_screen().expect("a pair");
    j.act(Action::Resize(70, 20));
    j.keys(&[KeyCode::Left, KeyCode::Char('s')]);
    assert_eq!(j.stored(&left, &right), None, "no answer given unseen");
    assert_eq!(j.on_screen(), Some((left, right)), "nor the pair skipped");
    let small = screen(&j.app, 70, 20);
    assert!(small.contains("2 keys refused (Left s)"), "{small}");
    j.keys(&[KeyCode::Char('?')]);
    let small = screen(&j.app, 70, 20);
    assert!(small.contains("the left / the right finalist is better"), "the keys shown: {small}");
    j.keys(&[KeyCode::Char('x')]);
    let small = screen(&j.app, 70, 20);
    assert!(!small.contains("finalist is better"), "any key closes them, as they say: {small}");
    j.keys(&[KeyCode::Esc]);
    assert!(matches!(j.app.mode, Mode::Browse), "Esc leaves the comparison");
}

/// A note kept on a pair ("note kept: it is saved with your answer") waits for its answer
/// however the pair leaves the screen: Esc to the list and back, `s` and the pair's return, and
/// `u` after the answer (the pair came back with an empty note, the note gone from the store
/// and the box). Each time the judge is told it waits.
#[test]
fn a_kept_note_waits_for_its_pairs_answer() {
    let mut j = judge(100, 30);
    j.keys(&chars("Fe"));
    j.keys(&chars("steadier demo"));
    j.keys(&[KeyCode::Enter]);
    let first = j.on_screen().expect("a pair");
    let note_on_screen = |j: &Judge| match &j.app.mode {
        Mode::Finals(c) => c.note.clone(),
        _ => String::new(),
    };
    // Esc, then F: the same pair, its note still there.
    j.keys(&[KeyCode::Esc]);
    assert!(matches!(j.app.mode, Mode::Browse));
    assert!(j.app.status.contains("note"), "said it waits: {}", j.app.status);
    j.keys(&chars("F"));
    assert_eq!(j.on_screen(), Some(first.clone()));
    assert_eq!(note_on_screen(&j), "steadier demo", "kept over Esc");
    // s: another pair; the skipped one comes back with its note.
    j.keys(&chars("s"));
    assert!(j.app.status.contains("note"), "{}", j.app.status);
    assert_ne!(j.on_screen(), Some(first.clone()));
    assert_eq!(note_on_screen(&j), "", "the next pair has its own note");
    j.keys(&chars("=="));
    assert_eq!(j.on_screen(), Some(first.clone()), "the skipped pair back");
    assert_eq!(note_on_screen(&j), "steadier demo", "kept over s");
    // Answered: saved with the note; undone: back with it.
    j.keys(&[KeyCode::Left]);
    assert_eq!(j.stored(&first.0, &first.1).and_then(|(_, n)| n).as_deref(), Some("steadier demo"));
    j.keys(&chars("u"));
    assert_eq!(j.on_screen(), Some(first.clone()));
    assert_eq!(j.stored(&first.0, &first.1), None, "the answer undone");
    assert_eq!(note_on_screen(&j), "steadier demo", "the note back with its pair");
    j.keys(&chars("e"));
    match &j.app.mode {
        Mode::Finals(c) => assert_eq!(c.typing.as_ref().map(|t| t.lines().concat()).as_deref(), Some("steadier demo")),
        _ => panic!("the finals"),
    }
    // A quit would lose it: the first q says so, the second quits.
    j.keys(&[KeyCode::Esc, KeyCode::Char('q')]);
    assert!(!j.app.quit && j.app.status.contains("note on 1 pair waits"), "{}", j.app.status);
    j.keys(&chars("q"));
    assert!(j.app.quit);
}
