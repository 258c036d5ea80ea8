//! The app without a terminal: keys become actions, and the runner does what they ask to a real
//! store. (`app/tests.rs` tests `update` alone, without a store.)

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Runner;
use super::app::{Action, App, Link, Mode, Sort};
use super::keys::handle_key;
use crate::config::Config;
use crate::event_files::Loaded;
use crate::model::{Change, HubFacts, Status};
use crate::store::Store;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    app: App,
    runner: Runner,
    opened: Rc<RefCell<Vec<String>>>,
}

/// The built-in sample in a fresh store, and the app on it.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = Loaded { config: Config::builtin(), path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let app = super::load(&loaded, "tomas", None, &store).expect("app");
    let opened = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&opened);
    let runner = Runner::new(&store).opening(Box::new(move |url| sink.borrow_mut().push(url.to_owned())));
    Fixture { _dir: dir, store, app, runner, opened }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

impl Fixture {
    /// Presses keys as a judge would: through the keymap, then update.
    fn press(&mut self, keys: &str) {
        for c in keys.chars() {
            self.press_key(key(KeyCode::Char(c)));
        }
    }

    fn press_key(&mut self, k: KeyEvent) {
        if let Some(action) = handle_key(&self.app, k) {
            self.act(action);
        }
    }

    /// Applies an action as the loop does: the runner reads, updates and writes.
    fn act(&mut self, action: Action) {
        self.runner.step(&self.store, &mut self.app, action);
    }

    fn selected_id(&self) -> String {
        self.app.current().expect("a selection").submission.id.clone()
    }

    /// What the store holds, read back fresh.
    fn saved(&self, id: &str, criterion: &str) -> Option<u8> {
        self.store.score_sheet().expect("sheet").score(id, criterion)
    }
}

#[test]
fn keys_map_to_actions_in_each_mode() {
    let f = fixture();
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let cases = [
        (key(KeyCode::Char('j')), Some(Action::Move(1))),
        (key(KeyCode::Up), Some(Action::Move(-1))),
        (key(KeyCode::PageDown), Some(Action::Page(1))),
        (ctrl('u'), Some(Action::Page(-1))),
        (key(KeyCode::Char('G')), Some(Action::Last)),
        (key(KeyCode::Home), Some(Action::First)),
        (key(KeyCode::Tab), Some(Action::Focus(1))),
        (key(KeyCode::Char('h')), Some(Action::Focus(-1))),
        (key(KeyCode::Char('4')), Some(Action::Score(4))),
        (key(KeyCode::Char('o')), Some(Action::Open(Link::Space))),
        (key(KeyCode::Char('v')), Some(Action::Open(Link::Video))),
        (key(KeyCode::Char('p')), Some(Action::Open(Link::Post))),
        (key(KeyCode::Char('t')), Some(Action::Stopwatch)),
        (key(KeyCode::Char('?')), Some(Action::Help)),
        (ctrl('c'), Some(Action::Quit)),
        (key(KeyCode::Char('Z')), Some(Action::Unbound("Z".into()))),
        (key(KeyCode::Enter), Some(Action::Unbound("Enter".into()))),
        (ctrl('z'), Some(Action::Unbound("^z".into()))),
        (key(KeyCode::CapsLock), None),
    ];
    for (k, want) in cases {
        assert_eq!(handle_key(&f.app, k), want, "{k:?}");
    }
}

#[test]
fn number_keys_score_the_focused_criterion_and_save_at_once() {
    let mut f = fixture();
    let id = f.selected_id();
    f.press("4");
    assert_eq!(f.saved(&id, "utility"), Some(4), "saved before anything else happens");
    assert_eq!(f.app.focus, 1, "focus moves on to latency");
    f.press("35");
    assert_eq!((f.saved(&id, "latency"), f.saved(&id, "cost")), (Some(3), Some(5)));
    assert_eq!(f.app.total_of(&id), Some(4.0));
    assert_eq!(f.app.status_of(f.app.current().expect("entry")), Status::Scored);
    // Out of the 1-5 scale: refused, said, and nothing stored.
    assert_eq!(f.app.focus, 2, "focus stays on the last criterion");
    f.press("7");
    assert_eq!(f.saved(&id, "cost"), Some(5));
    assert_eq!(f.app.status, "Cost: 7 is off the scale, which runs from 1 to 5; nothing saved");
    f.press("x");
    assert_eq!(f.saved(&id, "cost"), None, "x clears the focused score");
}

/// A key that does nothing in the list says so, by name: it had left the last key's message in
/// sight ("saved"), as if it had answered, and changed nothing.
#[test]
fn a_key_that_does_nothing_says_so() {
    let mut f = fixture();
    let id = f.selected_id();
    f.press("4");
    assert!(!f.app.status.is_empty(), "the score says something: {:?}", f.app.status);
    for (k, name) in [(key(KeyCode::Char('z')), "z"), (key(KeyCode::Enter), "Enter"), (key(KeyCode::Esc), "Esc")] {
        f.press_key(k);
        assert_eq!(f.app.status, format!("{name} does nothing here; ? shows the keys"));
        assert_eq!((f.saved(&id, "utility"), f.app.focus), (Some(4), 1), "nothing else changed");
    }
    // A letter or digit held with Ctrl or Alt is not the plain key: Alt-2 had scored 2, ^r had
    // opened the recusal box, ^x cleared a score. ^d and ^u page, as the keys say.
    let held = |c: char, m: KeyModifiers| KeyEvent::new(KeyCode::Char(c), m);
    for (k, name) in [
        (held('2', KeyModifiers::ALT), "M-2"),
        (held('r', KeyModifiers::CONTROL), "^r"),
        (held('x', KeyModifiers::CONTROL), "^x"),
        (held('s', KeyModifiers::CONTROL), "^s"),
    ] {
        f.press_key(k);
        assert_eq!(f.app.status, format!("{name} does nothing here; ? shows the keys"));
        assert_eq!((f.saved(&id, "utility"), f.saved(&id, "latency"), f.app.focus), (Some(4), None, 1), "{name}");
        assert!(matches!(f.app.mode, Mode::Browse), "{name}");
    }
    // Keys that act are not said to do nothing; a modifier alone says nothing.
    f.press("j");
    assert!(!f.app.status.contains("does nothing"), "{:?}", f.app.status);
    f.press_key(key(KeyCode::CapsLock));
    assert!(!f.app.status.contains("does nothing"), "{:?}", f.app.status);
}

#[test]
fn undo_restores_what_was_saved_before() {
    let mut f = fixture();
    let id = f.selected_id();
    f.press("4");
    f.press("h2");
    assert_eq!(f.saved(&id, "utility"), Some(2));
    f.press("j");
    f.press("u");
    assert_eq!(f.saved(&id, "utility"), Some(4), "undone in the store");
    assert_eq!(f.selected_id(), id, "undo returns to the entry it changed");
    f.press("u");
    assert_eq!(f.saved(&id, "utility"), None);
    f.press("u");
    assert_eq!(f.app.status, "nothing to undo");
}

#[test]
fn moving_searching_filtering_and_sorting() {
    let mut f = fixture();
    assert_eq!(f.app.list.rows().len(), 40);
    f.press("G");
    assert_eq!(f.selected_id(), "moonlight-mixer");
    f.press("g");
    assert_eq!(f.selected_id(), "sprout-sense");
    f.act(Action::Resize(100, 30));
    assert_eq!(f.app.list.rows_in_sight, 10, "a 100×30 screen shows ten rows of the list");
    f.press_key(key(KeyCode::PageDown));
    assert_eq!(f.app.selected(), 10, "a page is the rows in sight");
    f.press("/");
    f.press("poet");
    assert_eq!(f.app.list.rows().len(), 1, "search narrows as you type");
    f.press_key(key(KeyCode::Esc));
    assert_eq!(f.app.list.rows().len(), 40, "Esc clears the search");
    f.press("/");
    f.press("moss");
    f.press_key(key(KeyCode::Enter));
    assert!(matches!(f.app.mode, Mode::Browse));
    assert_eq!(f.app.list.rows().len(), 3, "team names are searched: {:?}", f.app.list.rows());
    f.press("/");
    f.press_key(key(KeyCode::Esc));
    f.press("f");
    assert_eq!(f.app.list.track.as_deref(), Some("backyard"));
    assert!(f.app.list.rows().iter().all(|i| f.app.entries[*i].submission.track.as_deref() == Some("backyard")));
    // f says what the list now shows, as the header names it (as s says the order).
    assert_eq!(f.app.status, "showing track backyard");
    let header = rows(&drawn(&f.app, 120, 30))[0].clone();
    assert!(header.contains("showing track backyard"), "{header}");
    f.press("ff");
    assert_eq!(f.app.list.track, None, "f cycles back to all tracks");
    assert_eq!(f.app.status, "showing every track");
    let before = f.selected_id();
    f.press("s");
    assert_eq!(f.app.list.sort, Sort::Title);
    assert_eq!(f.selected_id(), before, "the selection survives a re-sort");
    f.press("g");
    assert_eq!(f.selected_id(), "allergy-ally");
}

/// The order by title is the order of the titles as shown: an escape sequence at a title's start
/// (dropped on screen) had sorted it before every other.
#[test]
fn the_order_by_title_is_the_titles_as_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("export.csv");
    std::fs::write(
        &export,
        "id,title,space_url\nz,\u{1b}[31mZebra,https://huggingface.co/spaces/a/z\na,apple,https://huggingface.co/spaces/a/a\nm,Mango,https://huggingface.co/spaces/a/m\n",
    )
    .expect("write");
    let loaded = Loaded { config: Config::builtin(), path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, export.to_str(), false).expect("pull");
    let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort, Sort::Title);
    let order: Vec<&str> = app.list.rows().iter().map(|i| app.entries[*i].submission.id.as_str()).collect();
    assert_eq!(order, ["a", "m", "z"]);
}

#[test]
fn next_unscored_and_the_unscored_filter() {
    let mut f = fixture();
    f.press("435");
    f.press("n");
    assert_eq!(f.selected_id(), "pantry-poet");
    f.press("U");
    assert_eq!(f.app.list.rows().len(), 39);
    // Progress counts tomas's own: the 3 entries of Moss & Lichen, a conflict of his, are not,
    // the one he scored (the first, Sprout Sense) among them.
    assert_eq!(f.app.progress(), (0, 37));
}

/// `n` goes to the judge's own entries only, those "M of N scored" counts: it had stopped on
/// Garden Gnome, whose team tomas declared a conflict with, and `n` then digits scored it. With
/// every entry of his scored, it says what it passes over.
#[test]
fn next_unscored_passes_over_an_entry_with_a_conflict() {
    let mut f = fixture();
    let conflicted: Vec<String> =
        f.app.entries.iter().filter(|e| f.app.entries.uncounted(e)).map(|e| e.submission.id.clone()).collect();
    assert_eq!(conflicted.len(), 3, "Moss & Lichen's three entries");
    for _ in 0..f.app.list.rows().len() {
        f.press("n");
        assert!(!conflicted.contains(&f.selected_id()), "n stopped on {}", f.selected_id());
        f.press("435");
    }
    assert_eq!(f.app.progress(), (37, 37));
    f.press("n");
    assert_eq!(f.app.status, "every listed entry of yours is scored; n passes over 3 entries with a conflict of yours");
}

/// An entry scored under "unscored only" stays in sight while the judge is on it (a slip can be
/// mended) and leaves the list, and its count, once they move on; so does a score that changes
/// the order by total.
#[test]
fn an_entry_scored_leaves_the_unscored_list_once_the_judge_moves_on() {
    let mut f = fixture();
    f.press("U");
    let first = f.selected_id();
    assert_eq!(f.app.list.rows().len(), 40);
    f.press("435");
    assert_eq!((f.selected_id(), f.app.list.rows().len()), (first.clone(), 40), "still on it");
    f.press("j");
    assert_eq!(f.app.list.rows().len(), 39, "scored, and left behind: out of the list");
    assert!(f.app.list.position_of(&f.app.entries, &first).is_none());
    assert_ne!(f.selected_id(), first, "on the entry moved to");
    f.press("n");
    f.press("U");
    f.press("s");
    f.press("s");
    f.press("s");
    assert_eq!(f.app.list.sort, Sort::Total);
    f.press("G");
    let last = f.selected_id();
    f.press("555");
    f.press("g");
    assert_eq!(f.selected_id(), last, "the top scorer moved to the top of the order by total");
}

#[test]
fn assigned_to_me_leaves_out_declared_conflicts() {
    let mut f = fixture();
    // tomas declared a conflict with the team "Moss & Lichen" (three entries).
    f.press("a");
    assert_eq!(f.app.list.rows().len(), 37);
    assert!(f.app.list.rows().iter().all(|i| f.app.entries[*i].submission.team != "Moss & Lichen"));
}

#[test]
fn notes_are_saved_as_typed_and_undone_as_one_edit() {
    let mut f = fixture();
    let id = f.selected_id();
    f.press("e");
    assert!(matches!(f.app.mode, Mode::Note(_)));
    f.press("Good");
    assert_eq!(f.store.score_sheet().expect("sheet").text(crate::model::TextPart::Note, &id), Some("Good"));
    f.press_key(key(KeyCode::Enter));
    f.press("demo");
    f.press_key(key(KeyCode::Esc));
    assert!(matches!(f.app.mode, Mode::Browse));
    assert_eq!(f.store.score_sheet().expect("sheet").text(crate::model::TextPart::Note, &id), Some("Good\ndemo"));
    f.press("u");
    assert_eq!(f.store.score_sheet().expect("sheet").texts[crate::model::TextPart::Note].get(&id), None);
}

#[test]
fn recusing_needs_a_reason_and_blocks_scoring() {
    let mut f = fixture();
    let id = f.selected_id();
    f.press("r");
    f.press_key(key(KeyCode::Enter));
    assert_eq!(f.app.status, "a recusal needs a reason: type it, then Enter (Esc cancels)");
    // The dialog stays open: the reason is typed straight away.
    f.press("my cousin's team");
    f.press_key(key(KeyCode::Enter));
    assert_eq!(
        f.store.score_sheet().expect("sheet").text(crate::model::TextPart::Recusal, &id),
        Some("my cousin's team")
    );
    f.press("4");
    assert_eq!(f.saved(&id, "utility"), None, "a recused entry takes no scores");
    // The entry recused from is Sprout Sense, a conflict of tomas's, not in his count anyway.
    assert_eq!(f.app.progress(), (0, 37));
    f.press("r");
    assert!(
        f.store.score_sheet().expect("sheet").texts[crate::model::TextPart::Recusal].is_empty(),
        "r again withdraws the recusal"
    );
    // Withdrawn with one key, it says so and how to take that back: u recuses again, with the
    // reason given.
    assert_eq!(f.app.status, "recusal withdrawn: your scores of it count again; u recuses you again");
    f.press("u");
    assert_eq!(
        f.store.score_sheet().expect("sheet").text(crate::model::TextPart::Recusal, &id),
        Some("my cousin's team")
    );
    // The footer says what the undo did, each way: "undone: the recusal" had been said of both,
    // and first of a recusal put back, as if the judge's scores counted again.
    let named = f.app.entries.named(&id);
    assert_eq!(f.app.status, format!("undone: recused again from {named}: your scores of it do not count"));
    f.press("u");
    assert!(f.store.score_sheet().expect("sheet").texts[crate::model::TextPart::Recusal].is_empty());
    assert_eq!(f.app.status, format!("undone: recusal on {named} withdrawn: your scores of it count"));
}

/// A recused entry's scores are kept but do not count: its row showed its total beside
/// "recused", and the Scores pane "Total 4.00", as if they did.
#[test]
fn a_recused_entry_shows_no_total_that_counts() {
    let mut f = fixture();
    f.act(Action::Resize(100, 30));
    let id = f.selected_id();
    f.press("444");
    let title = f.app.current().expect("entry").submission.title.clone();
    let row = |f: &Fixture| rows(&drawn(&f.app, 100, 30)).into_iter().find(|r| r.contains(&title)).unwrap_or_default();
    assert!(row(&f).contains("4.00"), "{}", row(&f));
    f.press("r");
    f.press("my cousin's team");
    f.press_key(key(KeyCode::Enter));
    assert!(row(&f).contains("recused") && !row(&f).contains("4.00"), "{}", row(&f));
    let screen = rows(&drawn(&f.app, 100, 30)).join("\n");
    assert!(screen.contains("Total 4.00, not counted (recused)"), "{screen}");
    assert_eq!(f.saved(&id, "utility"), Some(4), "the scores are kept");
}

#[test]
fn the_stopwatch_keeps_every_reading_and_suggests_a_level_by_their_median() {
    let mut f = fixture();
    let id = f.selected_id();
    let time = |f: &mut Fixture, ms: u64| {
        let start = f.app.now;
        f.press("t");
        let unix = f.app.now_unix;
        f.act(Action::Tick(start + std::time::Duration::from_millis(ms), unix));
        f.press("t");
    };
    // The app's clock moves only with ticks: a cold start of 41.96 s, then 2.46 s and 3.04 s.
    time(&mut f, 41_960);
    assert!(f.app.status.ends_with("median 42.0 s of 1 reading"), "{}", f.app.status);
    f.press("j");
    f.press("k");
    time(&mut f, 2_460);
    time(&mut f, 3_040);
    let sheet = f.store.score_sheet().expect("sheet");
    assert_eq!(sheet.readings.get(&id), Some(&vec![42.0, 2.5, 3.0]), "every reading, to the tenth, in order");
    assert_eq!(sheet.median_seconds(&id), Some(3.0));
    assert!(f.app.status.ends_with("median 3.0 s of 3 readings"), "{}", f.app.status);
    // The latency level whose seconds hold the median (1 to 5 s: a 4) is suggested.
    f.press_key(key(KeyCode::Tab));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(&f.app, frame.area())).expect("draw");
    let screen = terminal.backend().to_string();
    assert!(screen.contains("4 1 to 5 seconds per answer. ⏱"), "{screen}");
    assert!(screen.contains("⏱ 3.0 s, median of 3"), "{screen}");
    // Undo takes back the last reading only.
    f.press("u");
    assert_eq!(f.store.score_sheet().expect("sheet").readings.get(&id), Some(&vec![42.0, 2.5]));
    let next = {
        f.press("j");
        f.selected_id()
    };
    f.press("t");
    f.press("q");
    assert!(f.app.quit);
    assert!(f.store.score_sheet().expect("sheet").readings.contains_key(&next), "quitting saves a running stopwatch");
}

/// A stopwatch left running over a break: its reading is kept (every reading is), but the
/// footer says so while it runs, and the message on saving says how to take it back; `u` does.
#[test]
fn a_stopwatch_left_running_says_so_and_its_reading_can_be_taken_back() {
    let mut f = fixture();
    let id = f.selected_id();
    let start = f.app.now;
    f.press("t");
    let unix = f.app.now_unix;
    f.act(Action::Tick(start + std::time::Duration::from_secs(40), unix));
    assert!(!f.app.stopwatch_news().unwrap_or_default().contains("left running"), "a demo's minute is no mistake");
    f.act(Action::Tick(start + std::time::Duration::from_secs(3 * 3600), unix));
    let news = f.app.stopwatch_news().unwrap_or_default();
    assert!(news.contains("over 20 minutes: left running?"), "{news}");
    f.press("t");
    assert!(f.app.status.contains("10800.0 s saved"), "{}", f.app.status);
    assert!(f.app.status.contains("if the stopwatch was left running, u takes this reading back"), "{}", f.app.status);
    assert_eq!(f.store.score_sheet().expect("sheet").readings.get(&id), Some(&vec![10_800.0]));
    f.press("u");
    assert_eq!(f.store.score_sheet().expect("sheet").readings.get(&id), None, "u takes it back");
}

#[test]
fn links_open_only_what_the_entry_has() {
    let mut f = fixture();
    f.press("o");
    assert_eq!(*f.opened.borrow(), ["https://huggingface.co/spaces/build-small-hackathon/sprout-sense"]);
    f.app.select("sock-matcher");
    f.press("v");
    assert_eq!(f.app.status, "this entry has no video");
    assert_eq!(f.opened.borrow().len(), 1);
}

#[test]
fn a_withdrawn_entry_cannot_be_scored() {
    let mut f = fixture();
    let loaded = Loaded { config: Config::builtin(), path: None };
    crate::commands::pull::pull(&loaded, &mut f.store, Some("builtin:sample-v2"), false).expect("v2");
    f.app = super::load(&loaded, "tomas", None, &f.store).expect("app");
    f.runner = Runner::new(&f.store);
    f.app.select("dream-cartographer");
    f.press("5");
    assert_eq!(f.saved("dream-cartographer", "utility"), None);
    assert_eq!(
        f.app.status,
        "withdrawn from the export: it takes no new score, note or recusal (what you gave it is kept)"
    );
    // r says the same, not nothing.
    f.app.status.clear();
    f.press("r");
    assert!(f.app.status.starts_with("withdrawn from the export"), "{}", f.app.status);
}

/// An entry scored, then withdrawn from the export, keeps its scores but the merge does not count
/// them: its row shows no total and the Scores pane says why, as for a recusal ("Total 4.00"
/// had read as a total that counts).
#[test]
fn a_withdrawn_entry_shows_no_total_that_counts() {
    let mut f = fixture();
    f.act(Action::Resize(100, 30));
    f.app.select("dream-cartographer");
    f.press("444");
    let loaded = Loaded { config: Config::builtin(), path: None };
    crate::commands::pull::pull(&loaded, &mut f.store, Some("builtin:sample-v2"), false).expect("v2");
    f.app = super::load(&loaded, "tomas", None, &f.store).expect("app");
    f.runner = Runner::new(&f.store);
    f.act(Action::Resize(100, 30));
    f.app.select("dream-cartographer");
    let title = f.app.current().expect("entry").submission.title.clone();
    let screen = rows(&drawn(&f.app, 100, 30));
    let row = screen.iter().find(|r| r.contains(&title)).cloned().unwrap_or_default();
    assert!(row.contains("withdrawn") && !row.contains("4.00"), "{row}");
    let screen = screen.join("\n");
    assert!(screen.contains("Total 4.00, not counted (withdrawn from the export)"), "{screen}");
    assert_eq!(f.saved("dream-cartographer", "utility"), Some(4), "the scores are kept");
    // At 80×24 the Scores pane is narrower than the reason.
    f.act(Action::Resize(80, 24));
    let small = rows(&drawn(&f.app, 80, 24)).join("\n");
    // Where the reason does not fit, the total without it, never cut mid-word.
    assert!(small.contains("│Total 4.00, not counted  "), "{small}");
    assert!(!small.contains("withdrawn from the e…"), "{small}");
}

/// A track no criterion judges has an empty rubric: a digit on its entry says why it cannot be
/// scored, rather than nothing. `judging check` names the track (config's test).
#[test]
fn an_entry_no_criterion_judges_says_why_it_cannot_be_scored() {
    let mut f = fixture();
    let mut config = Config::builtin();
    for c in &mut config.criteria {
        c.tracks = vec!["backyard".into()];
    }
    assert!(config.problems().is_empty(), "a usable file: {:?}", config.problems());
    assert!(
        config.unjudged_tracks().iter().any(|p| p.starts_with("tracks[1] (\"wood\"): no criterion judges this track"))
    );
    let loaded = Loaded { config, path: None };
    f.app = super::load(&loaded, "tomas", None, &f.store).expect("app");
    f.runner = Runner::new(&f.store);
    f.app.select("pantry-poet");
    assert_eq!(f.app.current().and_then(|e| e.submission.track.as_deref()), Some("wood"));
    f.press("3");
    assert_eq!(f.saved("pantry-poet", "utility"), None);
    assert_eq!(
        f.app.status,
        "no criterion of the built-in event judges this entry (track wood), so it cannot be scored: tell the organizers (judging check names it)"
    );
}

#[test]
fn a_failed_write_is_shown_and_not_pretended() {
    let mut f = fixture();
    // A store without this entry refuses the write: the screen must not show the score.
    let dir = tempfile::tempdir().expect("tempdir");
    let other = Store::open(&dir.path().join("other.sqlite"), "build-small-2026").expect("empty store");
    Runner::new(&other).step(&other, &mut f.app, Action::Score(4));
    assert!(f.app.status.starts_with("NOT SAVED"), "{}", f.app.status);
    assert_eq!(f.app.sheet().score("sprout-sense", "utility"), None, "the screen shows only what was saved");
    assert_eq!(f.app.focus, 0, "the focus stays on the score not saved");
}

/// The built-in event with its judging.toml in a folder of its own, beside `assignments`.
fn assigned_fixture(assignments: &str) -> (tempfile::TempDir, anyhow::Result<App>) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("assignments.toml"), assignments).expect("write");
    let loaded = Loaded { config: Config::builtin(), path: Some(dir.path().join("judging.toml")) };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let app = loaded
        .assignments()
        .map_err(anyhow::Error::from)
        .and_then(|a| super::load(&loaded, "priya", a.as_ref(), &store));
    (dir, app)
}

#[test]
fn an_assigned_judge_sees_their_entries_and_their_progress() {
    let file = "event = \"build-small-2026\"\nseed = 1\njudges_per_entry = 2\n\n[judges]\npriya = [\"bus-stop-oracle\", \"pill-pal\"]\ntomas = [\"pantry-poet\"]\n";
    let (_dir, app) = assigned_fixture(file);
    let mut app = app.expect("loads");
    assert!(app.list.mine_only && app.entries.assigned().is_some());
    let shown: Vec<&str> = app.list.rows().iter().map(|i| app.entries[*i].submission.id.as_str()).collect();
    assert_eq!(shown, ["bus-stop-oracle", "pill-pal"]);
    assert_eq!(app.progress(), (0, 2), "progress counts only the judge's entries");
    assert_eq!(app.status, "2 entries assigned to you; a shows every entry");
    if let Some(action) = handle_key(&app, key(KeyCode::Char('a'))) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("t.sqlite"), "build-small-2026").expect("store");
        Runner::new(&store).step(&store, &mut app, action);
    }
    assert_eq!(app.list.rows().len(), 40, "a shows every entry");
    assert_eq!(app.status, "every entry shown; a hides what is not yours");
}

/// The footer's "N partly scored" counts the entries "M of N scored" counts, the judge's own:
/// priya, assigned two, had read "0 of 2 scored  1 partly scored: sprout-sense" after a score
/// on an entry not hers (shown with `a`), a reminder to finish what is not hers to finish.
#[test]
fn partly_scored_counts_only_the_judges_own_entries_as_progress_does() {
    let file = "event = \"build-small-2026\"\nseed = 1\njudges_per_entry = 2\n\n[judges]\npriya = [\"bus-stop-oracle\", \"pill-pal\"]\n";
    let (dir, app) = assigned_fixture(file);
    let mut app = app.expect("loads");
    let store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    let mut runner = Runner::new(&store);
    let mut press = |app: &mut App, keys: &str| {
        for c in keys.chars() {
            if let Some(action) = handle_key(app, key(KeyCode::Char(c))) {
                runner.step(&store, app, action);
            }
        }
    };
    // Every entry shown, the first (not hers) scored on one criterion of three.
    press(&mut app, "ag4");
    assert_eq!(app.sheet().score("sprout-sense", "utility"), Some(4));
    assert_eq!((app.progress(), app.partly_scored(3)), ((0, 2), (0, Vec::new())), "not hers");
    // One of hers, partly scored: counted by both.
    press(&mut app, "a");
    assert_eq!(app.current().map(|e| e.submission.id.as_str()), Some("bus-stop-oracle"));
    press(&mut app, "3");
    assert_eq!((app.progress(), app.partly_scored(3)), ((0, 2), (1, vec!["bus-stop-oracle"])));
    // Finished: scored, no longer partly.
    press(&mut app, "33");
    assert_eq!((app.progress(), app.partly_scored(3).0), ((1, 2), 0));
}

/// `a` says what it hides and why; with nothing to hide it says so, rather than nothing at
/// all.
#[test]
fn a_says_what_it_leaves_out_or_why_it_has_nothing_to() {
    let mut f = fixture();
    f.press("a");
    assert_eq!(f.app.status, "3 hidden: the built-in event lists a conflict of yours; a shows all");
    f.press("a");
    assert_eq!(f.app.status, "every entry shown; a hides what is not yours");
    // With one track in view, what `a` takes out of this list, and how many in all: "3 hidden"
    // had counted a conflict in the other track, where the list lost 2.
    let mut split = false;
    for _ in 0..2 {
        f.press("f");
        let rows = f.app.list.rows().to_vec();
        let here = rows.iter().filter(|i| f.app.entries.uncounted(&f.app.entries[**i])).count();
        f.press("a");
        assert_eq!(f.app.list.rows().len(), rows.len() - here);
        split |= here < 3;
        let said = if here == 3 { "3 hidden".to_owned() } else { format!("{here} hidden (3 in all)") };
        assert!(f.app.status.starts_with(&format!("{said}: the built-in event lists")), "{}", f.app.status);
        f.press("a");
    }
    assert!(split, "a track holds only some of the conflicts");
    // judging.toml lists no conflict of mira's, and no assignments file names her.
    let loaded = Loaded { config: Config::builtin(), path: None };
    f.app = super::load(&loaded, "mira", None, &f.store).expect("app");
    f.press("a");
    assert_eq!(f.app.list.rows().len(), 40);
    assert!(f.app.status.starts_with("nothing to hide: "), "{}", f.app.status);
    assert!(!f.app.list.mine_only, "with nothing to hide, no filter is said to be on");
    assert!(f.app.status.contains("the built-in event"), "no file is named that is not there: {}", f.app.status);
}

/// Without an assignments file beside judging.toml, `a` says there is none, in the words
/// `judging list --assigned` uses: it had said "assignments.toml assigns you nothing", a file
/// that did not exist. And the message keeps to one line of an 80-column status line.
#[test]
fn a_without_an_assignments_file_says_there_is_none_on_one_line() {
    let (temp, app) = assigned_fixture("");
    drop(app);
    let dir = temp.path().to_owned();
    std::fs::remove_file(dir.join("assignments.toml")).expect("remove");
    let loaded = Loaded { config: Config::builtin(), path: Some(dir.join("judging.toml")) };
    let store = Store::open(&dir.join("s.sqlite"), "build-small-2026").expect("store");
    let mut app = super::load(&loaded, "mira", None, &store).expect("app");
    let mut runner = Runner::new(&store);
    let a = handle_key(&app, key(KeyCode::Char('a'))).expect("a is a key");
    runner.step(&store, &mut app, a);
    let none = crate::assign::no_file("assignments.toml");
    assert!(app.status.contains(&none), "{:?} does not say {none:?}", app.status);
    assert!(!app.status.contains("assigns you nothing"), "{}", app.status);
    for (width, height) in [(80, 24), (100, 30)] {
        let shown = rows(&drawn(&app, width, height));
        assert!(
            shown.iter().any(|row| row.contains(app.status.as_str())),
            "the message wraps at {width} columns:\n{}",
            shown.join("\n")
        );
    }
}

/// A judge who keeps to some tracks, without an assignments file: `a` hides the entries of the
/// other tracks, and the status, the header and the help say so. They had said every entry it
/// hid was a conflict ("49 hidden: judging.toml lists a conflict of yours", "showing no
/// conflicts") and the help that `a` shows the entries assigned to me.
#[test]
fn a_says_it_hides_other_tracks_for_a_judge_who_keeps_to_some() {
    let mut f = fixture();
    let loaded = Loaded { config: Config::builtin(), path: None };
    f.app = super::load(&loaded, "priya", None, &f.store).expect("app");
    let help = |app: &App| {
        super::keys::keys_here(app).into_iter().find(|(k, _)| k == "a").map(|(_, m)| m).expect("a in the help")
    };
    assert!(help(&f.app).contains("my tracks") && !help(&f.app).contains("assigned"), "{}", help(&f.app));
    f.press("a");
    assert!(f.app.status.contains("outside your tracks (backyard)"), "{}", f.app.status);
    assert!(f.app.status.contains("or in conflict"), "priya has a conflict too: {}", f.app.status);
    let header = rows(&drawn(&f.app, 100, 30)).into_iter().next().unwrap_or_default();
    assert!(header.contains("showing mine") && !header.contains("no conflicts"), "{header}");
    // tomas keeps to no tracks: his hidden entries are conflicts, as before.
    f.app = super::load(&loaded, "tomas", None, &f.store).expect("app");
    assert_eq!(help(&f.app), "show only entries with no conflict of mine");
}

#[test]
fn the_calibration_set_comes_first_in_the_judges_list() {
    let file = "event = \"build-small-2026\"\nseed = 1\njudges_per_entry = 2\ncalibration = [\"pill-pal\"]\n\n[judges]\npriya = [\"bus-stop-oracle\", \"pill-pal\"]\n";
    let (_dir, app) = assigned_fixture(file);
    let app = app.expect("loads");
    let shown: Vec<&str> = app.list.rows().iter().map(|i| app.entries[*i].submission.id.as_str()).collect();
    assert_eq!(shown, ["pill-pal", "bus-stop-oracle"], "calibration first, then the export's order");
    assert_eq!(app.current().map(|e| e.submission.id.as_str()), Some("pill-pal"), "and selected first");
    assert_eq!(app.status, "2 entries assigned to you, the 1 calibration entry first; a shows every entry");
}

#[test]
fn a_broken_assignments_file_is_named() {
    let (_dir, app) = assigned_fixture("event = \"build-small-2026\"\n[judges]\npriya = 3\n");
    let e = app.err().expect("refused").to_string();
    assert!(
        e.contains("assignments.toml")
            && e.contains("line 3")
            && e.contains("the number 3, where a list in square brackets is needed"),
        "{e}"
    );
    let (_dir, app) = assigned_fixture("event = \"other\"\nseed = 1\njudges_per_entry = 2\n[judges]\n");
    let e = app.err().expect("refused").to_string();
    assert!(e.contains("assignments for event \"other\"") && e.contains("judging assign"), "{e}");
}

#[test]
fn the_hubs_hints_show_beside_the_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = Loaded { config: Config::builtin(), path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let facts = HubFacts {
        stage: "paused".into(),
        hardware: Some("t4-small".into()),
        price_per_hour: Some(0.4),
        params_uncertain: Some("x: gptq quantized".into()),
        ..HubFacts::example(Some(36_000_000_000), "streamlit")
    };
    let json = serde_json::to_string(&facts).expect("json");
    store.put_hub(&[], &[("bus-stop-oracle".into(), json)]).expect("facts");
    let mut app = super::load(&loaded, "mira", None, &store).expect("app");
    app.select("bus-stop-oracle");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 34)).expect("terminal");
    terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
    let screen = terminal.backend().to_string();
    let whole = |text: &str| super::fit::shows_whole(terminal.backend().buffer(), text);
    assert!(whole("Hub: paused on t4-small $0.40/h · ~36B params (uncertain) · fetched just now"), "{screen}");
    assert!(whole("36B of models, over the 32B limit") && whole("a streamlit Space,"), "{screen}");
}

#[test]
fn no_color_keeps_the_selection_and_drops_the_colours() {
    let mut f = fixture();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    let draw = |terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>, app: &App| {
        terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draw");
        terminal.backend().buffer().clone()
    };
    use ratatui::style::{Color, Modifier};
    let coloured = draw(&mut terminal, &f.app);
    assert!(coloured.content.iter().any(|c| c.fg != Color::Reset), "colours by default");
    f.app.monochrome = true;
    let buf = draw(&mut terminal, &f.app);
    assert!(buf.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    assert!(buf.content.iter().any(|c| c.modifier.contains(Modifier::REVERSED)), "the selected row still stands out");
}

#[test]
fn scoring_a_declared_conflict_reminds_the_judge_to_recuse() {
    // tomas (the fixture's judge) declared a conflict with the team "Moss & Lichen".
    let mut f = fixture();
    f.app.select("sprout-sense");
    f.press("4");
    assert_eq!(f.store.score_sheet().expect("sheet").score("sprout-sense", "utility"), Some(4), "saved all the same");
    assert!(f.app.status.contains("conflict of yours with this entry: r recuses"), "{}", f.app.status);
    f.app.select("pantry-poet");
    f.press("4");
    assert_eq!(f.app.status, "saved");
}

#[test]
fn the_tiny_titan_hint_follows_the_configured_line() {
    let facts = HubFacts::example(Some(3_000_000_000), "gradio");
    let at = "2026-06-21T10:00:00.000Z";
    let size = |line: u64| {
        crate::prizes::eligibility::Evidence { params: facts.params, ..Default::default() }.size_against(line)
    };
    let hint = |line: u64| super::view::hub_hint(&facts, at, size(line), 1_782_036_000);
    assert_eq!(hint(4_000_000_000), "Hub: running on cpu-basic free · 3B params · Tiny Titan size · fetched just now");
    assert!(!hint(2_000_000_000).contains("Tiny Titan"));
    let estimated = HubFacts {
        price_per_hour: Some(0.4),
        price_from: "built-in".into(),
        hardware: Some("t4-small".into()),
        ..facts.clone()
    };
    assert!(super::view::hub_hint(&estimated, at, size(0), 1_782_036_000).contains("on t4-small $0.40/h (est.) ·"));
}

/// The judge's hint says what the Tiny Titan prize decides (`Evidence::size_against` under the
/// prize's limit), in the cases where the hint's own rule used to disagree: an uncertain Hub
/// count, and no Hub count with a declared one.
#[test]
fn the_tiny_titan_hint_says_what_the_prize_decides() {
    use crate::prizes::eligibility::{Evidence, Size};
    let b = 1_000_000_000;
    // (the Hub's count, uncertain, declared, the hint marks Tiny Titan size)
    let cases = [
        (Some(3 * b), false, None, true),
        (Some(3 * b), true, None, true),
        (None, false, Some(2 * b), true),
        (None, false, None, false),
        (Some(8 * b), false, Some(2 * b), false),
        (Some(3 * b), false, Some(9 * b), true),
    ];
    let f = fixture();
    let config = &f.app.config;
    let limit = config.tiny_titan_limit();
    assert_eq!(limit, 4 * b, "the sample's Tiny Titan prize");
    for (hub, uncertain, declared, marked) in cases {
        let facts =
            HubFacts { params_uncertain: uncertain.then(|| "a gptq repo".into()), ..HubFacts::example(hub, "gradio") };
        let mut submission = f.app.entries.get("pantry-poet").expect("entry").submission.clone();
        submission.declared_params = declared;
        let size = Evidence::of(&submission, Some(&facts)).size_against(limit);
        assert_eq!(size == Size::Within, marked, "the prize: hub {hub:?} uncertain {uncertain} declared {declared:?}");
        let hint = super::view::hub_hint(&facts, "2026-06-21T10:00:00.000Z", size, 1_782_036_000);
        assert_eq!(hint.contains("Tiny Titan size"), marked, "{hint}");
    }
}

#[test]
fn search_covers_members_and_models_and_each_slash_starts_afresh() {
    let mut f = fixture();
    let shown = |f: &Fixture| -> Vec<String> {
        f.app.list.rows().iter().map(|i| f.app.entries[*i].submission.id.clone()).collect()
    };
    // A member's name, and a model, find their entries; the entry found starts on its first
    // criterion, wherever the focus was.
    f.press("43");
    assert_eq!(f.app.focus, 2);
    f.press("/");
    f.press("ilse varro");
    f.press_key(key(KeyCode::Enter));
    assert_eq!(shown(&f), ["moonlight-mixer"]);
    assert_eq!(f.app.focus, 0, "the found entry's first unscored criterion");
    // `/` again starts a new search rather than appending to the kept one.
    f.press("/");
    assert_eq!(f.app.list.rows().len(), 40, "the kept search is replaced");
    f.press("phi-4");
    f.press_key(key(KeyCode::Enter));
    assert_eq!(shown(&f), ["chore-chart", "shift-swap"], "the two entries on Phi-4");
    // Esc in the list clears the kept search.
    f.press_key(key(KeyCode::Esc));
    assert_eq!(f.app.list.rows().len(), 40);
    assert!(f.app.list.query.is_empty());
}

#[test]
fn a_message_answers_one_action_only() {
    let mut f = fixture();
    f.press("v");
    f.app.select("sock-matcher");
    f.press("v");
    assert_eq!(f.app.status, "this entry has no video");
    f.press("j");
    assert_eq!(f.app.status, "", "the next action clears it");
}

/// The search's caret stands in the footer, where the query reads: Left and Right had moved an
/// unseen caret, so a letter typed after them landed mid-word with nothing to say where.
#[test]
fn the_search_caret_stands_in_the_query() {
    let mut f = fixture();
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    f.act(Action::Resize(80, 24));
    f.press("/moss");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    // Where the drawn query's "/" is, and the caret, as columns from it.
    let mut caret_after_slash = |f: &Fixture| -> (String, Option<u16>) {
        terminal.draw(|frame| frame.render_widget(&f.app, frame.area())).expect("draw");
        let buffer = terminal.backend().buffer();
        let caret = f.app.caret(area).expect("a caret while searching");
        let row: String = (0..80).map(|x| buffer[(x, caret.y)].symbol().to_owned()).collect();
        let slash = row.find('/').and_then(|at| u16::try_from(row[..at].chars().count()).ok());
        (row.trim_end().to_owned(), slash.map(|s| caret.x - s))
    };
    let (row, at) = caret_after_slash(&f);
    assert!(row.ends_with("/moss"), "{row:?}");
    assert_eq!(at, Some(5), "after the query: {row:?}");
    f.press_key(key(KeyCode::Left));
    f.press_key(key(KeyCode::Left));
    assert_eq!(caret_after_slash(&f).1, Some(3), "between mo and ss");
    f.press("x");
    let (row, at) = caret_after_slash(&f);
    assert!(row.ends_with("/moxss"), "{row:?}");
    assert_eq!(at, Some(4), "after the x typed there");
    f.press_key(key(KeyCode::Enter));
    assert_eq!(f.app.caret(area), None, "the search kept, no caret");
}

#[test]
fn the_caret_stands_where_typing_lands() {
    let mut f = fixture();
    f.press("e");
    f.press("ab");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(&f.app, frame.area())).expect("draw");
    // The note box (70 columns, 15 rows of text at 100×30: half the screen) is centred at
    // (15, 6); its text starts inside the border.
    assert_eq!(f.app.caret(ratatui::layout::Rect::new(0, 0, 100, 30)), Some(ratatui::layout::Position { x: 18, y: 7 }));
    f.press_key(key(KeyCode::Esc));
    assert_eq!(f.app.caret(ratatui::layout::Rect::new(0, 0, 100, 30)), None, "no text box, no caret");
}

#[test]
fn writes_beside_the_app_are_read_before_the_next_frame() {
    let mut f = fixture();
    let path = f.store.path().to_path_buf();
    let beside = Store::open(&path, "build-small-2026").expect("another connection, as `judging score` has");
    let tick = |f: &mut Fixture| f.act(Action::Tick(f.app.now, f.app.now_unix));
    tick(&mut f);
    // Scores and notes written beside: read again, and counted.
    for (criterion, value) in [("utility", 5), ("latency", 4), ("cost", 3)] {
        beside.apply("pantry-poet", &Change::Score { criterion: criterion.into(), value: Some(value) }).expect("write");
    }
    beside.apply("lullaby-loom", &Change::Score { criterion: "utility".into(), value: Some(2) }).expect("write");
    beside
        .apply("lullaby-loom", &Change::Text(crate::model::TextPart::Note, Some("from the sheet".into())))
        .expect("write");
    tick(&mut f);
    assert_eq!(f.app.sheet().score("pantry-poet", "cost"), Some(3));
    assert_eq!(f.app.sheet().text(crate::model::TextPart::Note, "lullaby-loom"), Some("from the sheet"));
    assert_eq!(f.app.progress().0, 1, "pantry-poet counts as scored");
    assert_eq!(f.app.partly_scored(3), (1, vec!["lullaby-loom"]));
    // A deletion beside the app is noticed too.
    beside.apply("pantry-poet", &Change::Score { criterion: "cost".into(), value: None }).expect("clear");
    tick(&mut f);
    assert_eq!(f.app.sheet().score("pantry-poet", "cost"), None);
    assert_eq!(f.app.progress().0, 0);
    assert_eq!(f.app.partly_scored(3).0, 2);
}

/// A note written beside the app while the judge edits it: said, and undo after the edit brings
/// back that note (what the store held before the judge's next key), not the one the editor
/// opened on. It had been replaced unseen, and undo had restored the older one.
#[test]
fn a_note_written_beside_the_open_editor_is_said_and_undo_brings_it_back() {
    let mut f = fixture();
    let path = f.store.path().to_path_buf();
    let beside = Store::open(&path, "build-small-2026").expect("another connection, as `judging score` has");
    let tick = |f: &mut Fixture| f.act(Action::Tick(f.app.now, f.app.now_unix));
    tick(&mut f);
    f.app.select("bus-stop-oracle");
    f.press("e");
    f.press("abc");
    let note = |f: &Fixture| f.app.sheet().text(crate::model::TextPart::Note, "bus-stop-oracle").map(str::to_owned);
    assert_eq!(note(&f).as_deref(), Some("abc"));
    beside
        .apply("bus-stop-oracle", &Change::Text(crate::model::TextPart::Note, Some("CLI note".into())))
        .expect("write");
    tick(&mut f);
    assert!(f.app.status.starts_with("this note was changed beside the app"), "{}", f.app.status);
    f.press("d");
    assert_eq!(note(&f).as_deref(), Some("abcd"), "the editor's text, as it said");
    f.press_key(key(KeyCode::Esc));
    f.press("u");
    assert_eq!(note(&f).as_deref(), Some("CLI note"), "undo brings back the note written beside");
}

/// With the official per-track rubric, the selected entry shows its track's criteria; a key
/// scores the focused one, and the entry is scored once its own four are.
#[test]
fn each_entry_shows_and_scores_its_tracks_rubric() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/build-small-official.toml"))
        .expect("example");
    let loaded = Loaded { config: crate::config::parse(&text).expect("valid"), path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
    let mut runner = Runner::new(&store);
    let ids = |app: &App| app.criteria().iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(app.current().and_then(|e| e.submission.track.clone()).as_deref(), Some("backyard"));
    assert_eq!(ids(&app), ["specificity", "adoption", "constraints", "polish"]);
    for digit in ['4', '3', '5', '2'] {
        if let Some(action) = handle_key(&app, key(KeyCode::Char(digit))) {
            runner.step(&store, &mut app, action);
        }
    }
    let first = app.current().map(|e| e.submission.id.clone()).unwrap_or_default();
    let entry = app.entries.iter().find(|e| e.submission.id == first).expect("entry");
    assert_eq!(app.status_of(entry), Status::Scored, "its own four criteria score it");
    assert_eq!(app.total_of(&first), Some(3.5));
    // The next entry is in the wood: its rubric.
    if let Some(action) = handle_key(&app, key(KeyCode::Down)) {
        runner.step(&store, &mut app, action);
    }
    assert_eq!(app.current().and_then(|e| e.submission.track.clone()).as_deref(), Some("wood"));
    assert_eq!(ids(&app), ["delight", "load-bearing", "originality", "polish"]);
}

/// The note keys say whom a note is for as `[feedback] notes` has it: where every note reaches
/// the team, `e` writes the team's and the help had called it the jury's; where none does, `E`
/// only said so and the footer offered it.
#[test]
fn the_note_keys_say_whom_a_note_is_for_as_judging_toml_has_it() {
    use crate::config::FeedbackNotes;
    for (notes, footer_says, help_says, box_says) in [
        (FeedbackNotes::JudgeChooses, "e/E note", "note for the jury / for the team", "Note for the jury only"),
        (FeedbackNotes::Never, "e note", "no note reaches the teams", "Note for the jury only"),
        (FeedbackNotes::Always, "e note", "the team may read", "Note for the team"),
    ] {
        let mut f = fixture();
        f.app.config.feedback.notes = notes;
        let footer = super::keys::footer_keys(&f.app).join("  ");
        assert!(footer.contains(&format!("  {footer_says}  ")), "{notes:?}: {footer}");
        let help = super::keys::keys_here(&f.app);
        let (keys, meaning) = help.iter().find(|(_, m)| m.contains("note")).expect("the note keys");
        assert!(meaning.contains(help_says), "{notes:?}: {keys} {meaning}");
        assert_eq!(keys.contains('E'), notes == FeedbackNotes::JudgeChooses, "{notes:?}: {keys}");
        f.press("e");
        let top = f.app.box_titles().expect("the note's box").top;
        assert!(top.contains(box_says), "{notes:?}: e opens {top}");
    }
}

/// Where each track has its own rubric, the footer and the help say the digits of the rubric
/// in front of the judge: a 1-10 scale in backyard and a 0-3 one in the wood had read
/// "0-9 0 score" on every entry, a key list that fits neither.
#[test]
fn the_score_keys_said_are_the_selected_entrys_rubrics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/build-small-official.toml"))
        .expect("example");
    let mut config = crate::config::parse(&text).expect("valid");
    for c in config.criteria.iter_mut().filter(|c| !c.tracks.is_empty()) {
        let wood = c.tracks.iter().any(|t| t == "wood");
        c.scale = if wood { crate::model::Scale { low: 0, high: 3 } } else { crate::model::Scale { low: 1, high: 10 } };
        c.levels.clear();
    }
    let loaded = Loaded { config, path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
    let mut runner = Runner::new(&store);
    let footer = |app: &App| super::keys::footer_keys(app).join("  ");
    let help = |app: &App| super::keys::keys_here(app).into_iter().map(|(k, m)| format!("{k} {m}")).collect::<Vec<_>>();
    assert_eq!(app.current().and_then(|e| e.submission.track.clone()).as_deref(), Some("backyard"));
    assert!(footer(&app).contains("  1-9 0 score  "), "{}", footer(&app));
    assert!(help(&app).iter().any(|l| l.starts_with("1-9 0 score") && l.contains("0 is 10")), "{:?}", help(&app));
    if let Some(action) = handle_key(&app, key(KeyCode::Down)) {
        runner.step(&store, &mut app, action);
    }
    assert_eq!(app.current().and_then(|e| e.submission.track.clone()).as_deref(), Some("wood"));
    assert!(footer(&app).contains("  0-5 score  "), "{}", footer(&app));
    assert!(help(&app).iter().any(|l| l.starts_with("0-5 score") && !l.contains("0 is 10")), "{:?}", help(&app));
}

/// The out-of-100 example event, pulled into a fresh store (kept alive by the folder returned).
fn out_of_100() -> (tempfile::TempDir, Loaded, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/out-of-100.toml")).expect("example");
    let loaded = Loaded { config: crate::config::parse(&text).expect("valid"), path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "demo-day-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    (dir, loaded, store)
}

/// Out of 100: digits are typed and saved with Enter, or at once when no further digit fits;
/// Backspace takes one back, Esc leaves the number unsaved; level ranges show which holds it.
#[test]
fn a_long_scale_is_typed_and_confirmed() {
    let (_dir, loaded, store) = out_of_100();
    let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
    let mut runner = Runner::new(&store);
    let id = app.current().map(|e| e.submission.id.clone()).expect("an entry");
    let mut press = |app: &mut App, code: KeyCode| {
        if let Some(action) = handle_key(app, key(code)) {
            runner.step(&store, app, action);
        }
    };
    let given = |app: &App, c: &str| app.sheet().score(&id, c);
    // 7 then 5: 75, saved at once (750 would be past 100); the focus moves on.
    press(&mut app, KeyCode::Char('7'));
    assert_eq!((given(&app, "impact"), app.typing.digits.as_deref()), (None, Some("7")), "{}", app.status);
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(given(&app, "impact"), Some(75));
    assert_eq!(app.criteria()[app.focus].id, "execution");
    // 1, 0, 0: 100. 4, Backspace, 9, Enter: 9. 4, Esc: nothing.
    for c in ['1', '0', '0'] {
        press(&mut app, KeyCode::Char(c));
    }
    assert_eq!(given(&app, "execution"), Some(100));
    // A score typed in full takes the room kept for it: the weight stays in sight at 80×24.
    let buf = drawn(&app, 80, 24);
    let screen: String = (0..24).map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n").collect();
    assert!(screen.contains("[100] 0–100 ×1") && screen.contains("[ 75] 0–100 ×2"), "{screen}");
    press(&mut app, KeyCode::Left);
    for code in [KeyCode::Char('4'), KeyCode::Backspace, KeyCode::Char('9'), KeyCode::Enter] {
        press(&mut app, code);
    }
    assert_eq!(given(&app, "impact"), Some(9), "{}", app.status);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Esc);
    assert_eq!((given(&app, "impact"), app.typing.digits.clone()), (Some(9), None), "Esc saves nothing");
    // Moving away leaves a half-typed number too.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Down);
    assert!(app.typing.digits.is_none());
    assert_eq!(app.status, "Impact: 4 not saved (Enter saves a typed score)", "said, not dropped unseen");
    // q with a number typed keeps it and says so; Enter then saves it; a second q quits.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "the first q keeps the typed number");
    assert_eq!(app.status, "Impact: 9 typed, not saved: Enter saves it, Esc drops it; q again quits without it");
    press(&mut app, KeyCode::Enter);
    assert_eq!(given(&app, "impact"), Some(9));
    assert_eq!(app.criteria()[app.focus].id, "execution");
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('q'));
    // The event loop ticks between two presses: the second q still quits.
    app.update(Action::Tick(app.now, 0));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "a second q quits");
    assert_eq!(given(&app, "execution"), Some(100), "without the number typed");
    let impact = &app.config.criteria[0];
    assert_eq!(impact.level_meaning(75), Some("Clear and wide."));
    assert_eq!(impact.level_meaning(9), Some("Little or none."));
    assert_eq!(app.total_of(&id), Some((2.0 * 9.0 + 100.0) / 3.0));
}

/// `P` pushes through the injected pusher when judging.toml names a [sync] repo, and says what to
/// do when it does not; the footer says when the judge last pushed.
#[test]
fn p_pushes_and_the_footer_says_when() {
    let mut f = fixture();
    let pushes = Rc::new(RefCell::new(0));
    let counted = Rc::clone(&pushes);
    f.runner = Runner::new(&f.store).pushing(Box::new(move || *counted.borrow_mut() += 1));
    let press = |f: &mut Fixture| f.press("P");
    press(&mut f);
    assert_eq!(*pushes.borrow(), 0);
    assert!(f.app.status.contains("no [sync] repo"), "{}", f.app.status);
    f.app.config.sync.repo = "judges/scores-2026".into();
    press(&mut f);
    assert_eq!(*pushes.borrow(), 1);
    assert!(f.app.status.contains("pushing"), "{}", f.app.status);
    let screen = |app: &App| {
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).expect("terminal");
        terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draw");
        terminal.backend().to_string()
    };
    assert!(screen(&f.app).contains("not pushed yet · P pushes"));
    f.app.last_pushed = Some("2026-06-21T10:00:00.000Z".into());
    f.app.now_unix = 1_782_036_000 + 300;
    assert!(screen(&f.app).contains("pushed "), "{}", screen(&f.app));
}

/// `e` writes the jury's note and `E` the team's; with `[feedback] notes = "always"` every note is
/// the team's, and with "never" `E` writes nothing.
#[test]
fn notes_for_the_jury_and_for_the_team() {
    let mut f = fixture();
    let type_note = |f: &mut Fixture, open: char, text: &str| {
        for code in std::iter::once(KeyCode::Char(open)).chain(text.chars().map(KeyCode::Char)).chain([KeyCode::Esc]) {
            f.press_key(key(code));
        }
    };
    let id = f.app.current().map(|e| e.submission.id.clone()).expect("entry");
    type_note(&mut f, 'e', "jury");
    type_note(&mut f, 'E', "team");
    let sheet = f.store.score_sheet().expect("sheet");
    assert_eq!(
        (sheet.text(crate::model::TextPart::Note, &id), sheet.text(crate::model::TextPart::TeamNote, &id)),
        (Some("jury"), Some("team"))
    );
    f.app.config.feedback.notes = crate::config::FeedbackNotes::Always;
    type_note(&mut f, 'e', " too");
    let sheet = f.store.score_sheet().expect("sheet");
    assert_eq!(sheet.text(crate::model::TextPart::TeamNote, &id), Some("team too"), "always: e writes for the team");
    f.app.config.feedback.notes = crate::config::FeedbackNotes::Never;
    f.press("E");
    assert!(
        matches!(f.app.mode, Mode::Browse) && f.app.status.contains("no note reaches the teams"),
        "{}",
        f.app.status
    );
}

/// A criterion named in CJK takes two columns a character: the scores still line up after it.
#[test]
fn wide_criterion_labels_keep_the_scores_in_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = Config::builtin();
    config.criteria[0].label = "実用性".into();
    let loaded = Loaded { config, path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let app = super::load(&loaded, "mira", None, &store).expect("app");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draw");
    let buf = terminal.backend().buffer();
    // Where each criterion's "[·]" starts, by the screen's own cells.
    let columns: Vec<u16> = (0..buf.area.height)
        .filter_map(|y| {
            (0..buf.area.width.saturating_sub(2)).find(|x| {
                let at = |dx: u16| buf[(x + dx, y)].symbol().to_owned();
                at(0) == "[" && at(1) == "·" && at(2) == "]"
            })
        })
        .collect();
    assert_eq!(columns.len(), 3, "three criteria without a score: {columns:?}");
    assert!(columns.iter().all(|x| *x == columns[0]), "the scores line up: {columns:?}");
}

/// `P` as the terminal app wires it: the push injected by the command runs on a thread and its
/// answer comes back on the loop's channel, typed, to be shown with the new push time.
#[test]
fn a_push_answers_through_the_loops_channel() {
    let mut f = fixture();
    f.app.config.sync.repo = "judges/scores-2026".into();
    let (answers, heard) = std::sync::mpsc::channel();
    let at = "2026-06-21T10:00:00.000Z";
    let push: super::Push = std::sync::Arc::new(move || Ok(("pushed scores/tomas.json".into(), Some(at.into()))));
    f.runner = Runner::new(&f.store).pushing(super::pusher(push, answers.clone()));
    f.press("P");
    assert_eq!(f.app.status, "pushing your score file…");
    let answer = heard.recv_timeout(std::time::Duration::from_secs(5)).expect("an answer");
    f.runner.hear(&f.store, &mut f.app, answer);
    assert_eq!((f.app.status.as_str(), f.app.last_pushed.as_deref()), ("pushed scores/tomas.json", Some(at)));
    let failing: super::Push = std::sync::Arc::new(|| Err("the Hub refused the token".into()));
    f.runner = Runner::new(&f.store).pushing(super::pusher(failing, answers));
    f.press("P");
    let answer = heard.recv_timeout(std::time::Duration::from_secs(5)).expect("an answer");
    f.runner.hear(&f.store, &mut f.app, answer);
    assert_eq!(f.app.status, "the Hub refused the token");
    assert_eq!(f.app.last_pushed.as_deref(), Some(at), "a failed push leaves the last time");
}

/// On an entry that takes no reading (recused), the footer says what `t` does there: it saves
/// the running reading, and times nothing. It had said "t saves it and times this entry".
#[test]
fn the_stopwatch_hint_on_a_recused_entry_says_t_only_saves() {
    let mut f = fixture();
    f.press("j");
    let recused = f.selected_id();
    f.press("r");
    f.press("my cousin's team");
    f.press_key(key(KeyCode::Enter));
    f.press("k");
    let first = f.selected_id();
    f.press("t");
    let (start, unix) = (f.app.now, f.app.now_unix);
    f.act(Action::Tick(start + std::time::Duration::from_secs(1), unix));
    f.press("j");
    assert_eq!(f.selected_id(), recused);
    let news = f.app.stopwatch_news().expect("running");
    assert!(news.contains("1.0 s on Sprout Sense · t saves it; this entry is recused"), "{news}");
    assert!(!news.contains("times this entry"), "{news}");
    f.press("t");
    assert_eq!(f.store.score_sheet().expect("sheet").readings.get(&first), Some(&vec![1.0]));
    assert!(f.app.stopwatch.is_none(), "the recused entry is not timed");
}

/// With no entry listed (a search that finds nothing), the footer says `t` only saves the
/// running reading: it had said "t saves it and times this entry", where there is none, and `t`
/// timed nothing.
#[test]
fn the_stopwatch_hint_with_no_entry_listed_says_t_only_saves() {
    let mut f = fixture();
    let first = f.selected_id();
    f.press("t");
    let (start, unix) = (f.app.now, f.app.now_unix);
    f.act(Action::Tick(start + std::time::Duration::from_secs(1), unix));
    f.press("/zzzz");
    f.press_key(key(KeyCode::Enter));
    assert!(f.app.current().is_none(), "nothing listed");
    let news = f.app.stopwatch_news().expect("running");
    assert_eq!(news, "⏱ 1.0 s on Sprout Sense · t saves it");
    f.press("t");
    assert_eq!(f.store.score_sheet().expect("sheet").readings.get(&first), Some(&vec![1.0]));
    assert!(f.app.stopwatch.is_none(), "nothing is timed");
}

/// Recusing from the entry the stopwatch times stops it, its reading kept: left running, `t`
/// later saved a reading on an entry the judge had left.
#[test]
fn recusing_from_the_timed_entry_stops_its_stopwatch() {
    let mut f = fixture();
    let id = f.selected_id();
    f.press("t");
    let (start, unix) = (f.app.now, f.app.now_unix);
    f.act(Action::Tick(start + std::time::Duration::from_secs(2), unix));
    f.press("r");
    f.press("my cousin's team");
    f.press_key(key(KeyCode::Enter));
    assert!(f.app.stopwatch.is_none(), "stopped");
    assert_eq!(f.app.status, "recused; the stopwatch on it stopped, its reading kept");
    let sheet = f.store.score_sheet().expect("sheet");
    assert_eq!(sheet.readings.get(&id), Some(&vec![2.0]));
    assert_eq!(sheet.text(crate::model::TextPart::Recusal, &id), Some("my cousin's team"));
}

/// Issue 25, item 7: with the stopwatch running on one entry, `t` on another saves the first
/// reading and times the entry in front of the judge; the footer says so before the key.
#[test]
fn t_times_the_entry_in_front_of_the_judge() {
    let mut f = fixture();
    let first = f.selected_id();
    f.press("t");
    let (start, unix) = (f.app.now, f.app.now_unix);
    f.act(Action::Tick(start + std::time::Duration::from_millis(1_600), unix));
    f.press("j");
    let second = f.selected_id();
    let news = f.app.stopwatch_news().expect("running");
    assert!(news.contains("1.6 s on Sprout Sense · t saves it and times this entry"), "{news}");
    f.press("t");
    assert_eq!(f.store.score_sheet().expect("sheet").readings.get(&first), Some(&vec![1.6]));
    assert_eq!(f.app.stopwatch.as_ref().map(|(id, _)| id.clone()), Some(second), "timing this entry now");
    assert!(f.app.status.contains("now timing this entry"), "{}", f.app.status);
    f.press("t");
    assert!(f.app.stopwatch.is_none(), "t on the entry timed stops it");
}

/// Issue 25, item 6: undo brings the focus back to the criterion it restored.
#[test]
fn undo_returns_to_the_criterion_it_restored() {
    let mut f = fixture();
    f.app.select("pantry-poet");
    f.press("435");
    assert_eq!(f.app.focus, 2);
    f.press("x");
    f.press("j");
    f.press("u");
    assert_eq!(f.saved("pantry-poet", "cost"), Some(5));
    assert_eq!((f.selected_id().as_str(), f.app.focus), ("pantry-poet", 2), "back on Cost, not Utility");
}

/// Issue 25, item 6: on a 0-100 scale, Backspace past the last typed digit leaves the typing
/// and never clears the saved score.
#[test]
fn backspace_past_the_typed_digits_keeps_the_saved_score() {
    let (_dir, loaded, store) = out_of_100();
    let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
    let mut runner = Runner::new(&store);
    let id = app.current().map(|e| e.submission.id.clone()).expect("an entry");
    let mut press = |app: &mut App, code: KeyCode| {
        if let Some(action) = handle_key(app, key(code)) {
            runner.step(&store, app, action);
        }
    };
    for code in [KeyCode::Char('7'), KeyCode::Char('5'), KeyCode::Left, KeyCode::Char('4')] {
        press(&mut app, code);
    }
    assert_eq!(app.sheet().score(&id, "impact"), Some(75));
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    assert_eq!(app.sheet().score(&id, "impact"), Some(75), "the saved score stays");
    assert!(app.typing.digits.is_none(), "the typing is left");
}

/// The screen's rows, as text.
fn rows(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()).collect()
}

/// The note editor's bottom edge says its keys as the footer does, from one declaration: the
/// edge had said "Esc closes" and the footer "Esc or ^s closes"; and ^s does close it.
#[test]
fn the_note_editor_says_its_keys_as_the_footer_does() {
    for open in ["e", "E"] {
        let mut f = fixture();
        f.press(open);
        let footer = super::keys::footer_keys(&f.app).join("  ");
        let rows = rows(&drawn(&f.app, 100, 30));
        let edge = rows.iter().find(|r| r.contains("saved as you type ·")).cloned().unwrap_or_default();
        assert!(edge.contains("saved as you type · Esc or ^s closes"), "{open}: {edge}");
        assert!(footer.contains("saved as you type  Esc or ^s closes"), "{open}: {footer}");
        f.press_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert!(matches!(f.app.mode, Mode::Browse), "{open}: ^s closes the note");
    }
}

/// `^Home` and `^End` in the note go to its first line's start and its last line's end, and
/// write nothing; Home and End keep to the line. `^Home` had gone only to the line's start.
#[test]
fn ctrl_home_and_ctrl_end_go_to_the_notes_start_and_end() {
    let mut f = fixture();
    f.press("e");
    f.act(Action::Paste("first line\nsecond line\nthe third and last".into()));
    let cursor = |f: &Fixture| match &f.app.mode {
        Mode::Note(note) => note.editor.cursor(),
        _ => panic!("the note is open"),
    };
    let ctrl = |code| KeyEvent::new(code, KeyModifiers::CONTROL);
    let id = f.selected_id();
    let note = f.app.note_of(&id, false).cloned();
    assert_eq!(note.as_deref(), Some("first line\nsecond line\nthe third and last"));
    assert_eq!(cursor(&f), (2, 18), "the paste leaves the caret at the end");
    f.press_key(key(KeyCode::Home));
    assert_eq!(cursor(&f), (2, 0), "Home: the line's start");
    f.press_key(ctrl(KeyCode::Home));
    assert_eq!(cursor(&f), (0, 0), "^Home: the note's start");
    f.press_key(key(KeyCode::End));
    assert_eq!(cursor(&f), (0, 10), "End: the line's end");
    f.press_key(ctrl(KeyCode::End));
    assert_eq!(cursor(&f), (2, 18), "^End: the note's end");
    assert_eq!(f.app.note_of(&id, false).cloned(), note, "moving writes nothing");
    assert!(matches!(f.app.mode, Mode::Note(_)), "and the note stays open");
}

/// Both helps, the judge's and the head judge's, say what closes them in one wording
/// (`keys::help_title`), and it is true of each: any key. The judge's had said "any key closes",
/// the head judge's "(? closes)" (tests/head_judge_screen.rs checks the head judge's).
#[test]
fn the_judges_help_says_any_key_closes_it_and_it_does() {
    let mut f = fixture();
    f.press("?");
    let title = super::keys::help_title();
    assert!(title.contains("any key closes"), "{title}");
    assert!(rows(&drawn(&f.app, 100, 30)).iter().any(|r| r.contains(title.trim())), "the judge's help");
    let before = f.selected_id();
    f.press("j");
    assert!(matches!(f.app.mode, Mode::Browse) && f.selected_id() == before, "any key closes it, and only that");
}

/// The Scores pane's rows are kept for the width last drawn (a rubric's levels are wrapped once
/// per width): after a resize, the screen and the page are those of an app that never saw the
/// old width, narrower and wider.
#[test]
fn a_resize_lays_out_the_screen_as_a_fresh_app_at_that_size() {
    let mut f = fixture();
    let _ = drawn(&f.app, 100, 30);
    for (width, height) in [(140, 40), (80, 24), (100, 30), (200, 50)] {
        f.act(Action::Resize(width, height));
        let after = drawn(&f.app, width, height);
        let mut fresh = fixture();
        fresh.act(Action::Resize(width, height));
        assert_eq!(rows(&after), rows(&drawn(&fresh.app, width, height)), "at {width}×{height}");
        assert_eq!(f.app.list.rows_in_sight, fresh.app.list.rows_in_sight, "the page at {width}×{height}");
    }
}

fn drawn(app: &App, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draw");
    terminal.backend().buffer().clone()
}

/// Issue 25, item 5: a conflict judging.toml declares shows before any score: in the list's
/// status and, whole, in the entry.
#[test]
fn a_declared_conflict_shows_before_any_score() {
    let mut f = fixture();
    f.act(Action::Resize(80, 24));
    f.app.select("sprout-sense");
    let buf = drawn(&f.app, 80, 24);
    let row = (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .find(|l| l.contains("Sprout Sense"))
        .unwrap_or_default();
    assert!(row.contains("conflict") && !row.contains("not started"), "{row}");
    let reminder = crate::prizes::eligibility::conflict_reminder(super::view::RECUSE);
    assert!(super::fit::shows_whole(&buf, &reminder), "the reminder, whole");
}

/// Issue 25, item 10: on a screen too small, `?` shows the keys, and the message says what to
/// do, whole.
#[test]
fn a_screen_too_small_says_what_to_do_and_shows_the_keys() {
    let mut f = fixture();
    f.act(Action::Resize(60, 20));
    let buf = drawn(&f.app, 60, 20);
    for said in f.app.promised() {
        assert!(super::fit::shows_whole(&buf, &said), "{said}");
    }
    f.press("?");
    let buf = drawn(&f.app, 60, 20);
    let (keys, what) = super::keys::KEYS[0];
    assert!(super::fit::shows_whole(&buf, &format!("{keys} {what}")), "the help shows on a small screen");
    assert!(super::fit::shows_whole(&buf, "more keys: enlarge the terminal to see them"));
}

/// On a screen too small with a text box open, keys typed do not go into the box out of sight:
/// the screen offered `q` to quit and `?` for the keys, and both were typed into the note. It
/// says what is open and that Esc does what it does in the box.
#[test]
fn a_screen_too_small_types_nothing_into_a_box_out_of_sight() {
    let mut f = fixture();
    f.act(Action::Resize(80, 24));
    let id = f.selected_id();
    f.press("e");
    f.press("abc");
    f.act(Action::Resize(60, 20));
    let said = super::view::too_small_message(&f.app, 60, 20);
    assert!(said.contains("the note for the jury") && said.contains("Esc") && !said.contains("q to quit"), "{said}");
    let buf = drawn(&f.app, 60, 20);
    for said in f.app.promised() {
        assert!(super::fit::shows_whole(&buf, &said), "{said}");
    }
    f.press("q?x");
    assert!(matches!(f.app.mode, Mode::Note(_)), "the note stays open");
    // All three said, not only the last ("x not typed" had stood for three keys dropped), and
    // a paste is refused as they are.
    let small = rows(&drawn(&f.app, 60, 20)).join("\n");
    assert!(small.contains("3 keys not typed (q?x)"), "{small}");
    f.act(Action::Paste("pasted".into()));
    assert!(f.app.status.starts_with("4 keys not typed (q?x a paste of 6 characters)"), "{}", f.app.status);
    f.press_key(key(KeyCode::Esc));
    assert!(matches!(f.app.mode, Mode::Browse), "Esc closes it, as in the box");
    assert_eq!(f.app.sheet().text(crate::model::TextPart::Note, &id), Some("abc"), "nothing typed out of sight");
    // The recusal's reason: Esc cancels it; the list's own too-small keys then act.
    f.act(Action::Resize(80, 24));
    f.press("r");
    f.press("conflict");
    f.act(Action::Resize(60, 20));
    f.press("q");
    assert!(matches!(f.app.mode, Mode::Recuse(_)), "q is not typed, nor quits from a box");
    assert!(super::view::too_small_message(&f.app, 60, 20).contains("cancel the recusal"));
    // A key refused there says so, on the small screen and once enlarged: typed text had been
    // dropped unseen, and Enter then said the recusal needed a reason.
    f.act(Action::Resize(40, 15));
    f.press("x");
    let small = rows(&drawn(&f.app, 40, 15)).join("\n");
    // Every key refused since the last that acted, not only the last: `q` then `x`.
    assert!(small.contains("2 keys not typed (qx)"), "{small}");
    f.act(Action::Resize(80, 24));
    let big = rows(&drawn(&f.app, 80, 24)).join("\n");
    assert!(big.contains("2 keys not typed (qx)"), "{big}");
    f.act(Action::Resize(60, 20));
    f.press_key(key(KeyCode::Esc));
    assert!(matches!(f.app.mode, Mode::Browse) && !f.app.quit);
    f.press("q");
    assert!(f.app.quit, "from the list, q quits as the screen says");
}

/// Issue 25, item 4: a note line longer than the box wraps at its words, its start kept in
/// sight, and the box's titles read whole.
#[test]
fn a_long_note_line_wraps_in_the_box() {
    let mut f = fixture();
    f.act(Action::Resize(80, 24));
    f.press("e");
    let line = "Opening words of a long note that runs well past the edge of the box to its last";
    f.press(line);
    let buf = drawn(&f.app, 80, 24);
    assert!(super::fit::shows_whole(&buf, line), "the whole line, wrapped");
    for said in f.app.promised() {
        assert!(super::fit::shows_whole(&buf, &said), "{said}");
    }
}

/// A part of the entry left out for room is not lost without a word: a saved note that pushes
/// the track's line out is answered by a last row that counts the lines not shown.
#[test]
fn a_part_left_out_for_room_is_counted() {
    let mut f = fixture();
    f.act(Action::Resize(80, 24));
    f.press("e");
    f.press(&"A note of many words that wraps over several lines of the entry's pane. ".repeat(6));
    f.press_key(key(KeyCode::Esc));
    let screen = rows(&drawn(&f.app, 80, 24));
    let shows_track = screen.iter().any(|l| l.contains("track "));
    let more = screen.iter().find_map(|l| {
        let (_, after) = l.split_once("… and ")?;
        after.split_whitespace().next()?.parse::<usize>().ok()
    });
    assert!(shows_track || more.is_some_and(|n| n >= 1), "{}", screen.join("\n"));
    // The note shrinks before the link keys go, and says how much of it is left out.
    assert!(screen.iter().any(|l| l.contains("[o] Space")), "{}", screen.join("\n"));
    assert!(screen.iter().any(|l| l.contains("more note lines")), "{}", screen.join("\n"));
    assert!(screen.iter().any(|l| l.contains("Jury: A note of many words")), "its start stays");
}

/// A long note folded in the entry pane names the key that shows it whole, the one the keymap
/// opens the whole entry with: "… and 86 more note lines" had named none. At 80×24 and 100×30.
#[test]
fn a_folded_note_names_the_key_that_shows_it() {
    let mut f = fixture();
    let id = f.selected_id();
    let note = (1..=90).map(|i| format!("line {i} of the note")).collect::<Vec<_>>().join("\n");
    let change = Change::Text(crate::model::TextPart::Note, Some(note));
    f.store.apply(&id, &change).expect("write");
    f.app.apply(&id, &change);
    let whole = super::keys::WHOLE_ENTRY;
    let code = KeyCode::Char(whole.chars().next().expect("a key"));
    assert_eq!(handle_key(&f.app, key(code)), Some(Action::WholeEntry), "{whole} opens the whole entry");
    for (width, height) in [(80, 24), (100, 30)] {
        f.act(Action::Resize(width, height));
        let screen = rows(&drawn(&f.app, width, height));
        let folded = screen.iter().find(|l| l.contains("more note lines")).unwrap_or_else(|| panic!("{screen:#?}"));
        assert!(folded.contains(&format!("more note lines: press {whole}")), "{width}×{height}: {screen:#?}");
        // Counted right: the lines shown and the count make the note's 90.
        let shown = screen.iter().filter(|l| l.contains(" of the note")).count();
        let more = folded.split_whitespace().find_map(|word| word.parse::<usize>().ok());
        assert_eq!(more.map(|m| m + shown), Some(90), "{screen:#?}");
    }
}

/// The search reads as typed, its spaces too ("bus " finds "bus stop", not "omnibus"): the
/// footer had shown "/bus" with the caret before the space, and the header, once kept, "bus".
#[test]
fn the_search_reads_as_typed_spaces_and_all() {
    let mut f = fixture();
    for (width, height) in [(80, 24), (100, 30)] {
        f.act(Action::Resize(width, height));
        f.press("/bus ");
        for typed in ["/bus ", "/bus  "] {
            let buf = drawn(&f.app, width, height);
            let screen = rows(&buf);
            let caret = f.app.caret(buf.area).unwrap_or_else(|| panic!("a caret: {screen:#?}"));
            let row = &screen[usize::from(caret.y)];
            let start = row.find("/bus").map(|at| row[..at].chars().count());
            assert_eq!(
                start.map(|s| s + typed.len()),
                Some(usize::from(caret.x)),
                "{typed:?} at {width}×{height}: {row}"
            );
            f.press(" ");
        }
        f.press_key(key(KeyCode::Backspace));
        f.press_key(key(KeyCode::Enter));
        let header = rows(&drawn(&f.app, width, height)).remove(0);
        assert!(header.contains("\"bus  \""), "{header}");
        f.press_key(key(KeyCode::Esc));
        assert!(f.app.list.query.is_empty());
    }
}

/// The stopwatch's median stays on the timed criterion's row when the row must be cut, and on
/// the line that folds it away: at 80×24 "↑ Utility [·] · Latency [·]" had dropped the "⏱ 3.0 s"
/// that 100×30 shows, and a long label had pushed it off its row. The label is cut first.
#[test]
fn the_stopwatch_median_stays_when_a_row_is_cut_or_folded() {
    let timed = |config: Config, label: Option<&str>| {
        let mut config = config;
        if let Some(label) = label {
            label.clone_into(&mut config.criteria[1].label);
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let loaded = Loaded { config, path: None };
        let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
        crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
        let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
        let id = app.current().expect("an entry").submission.id.clone();
        let change = Change::Readings(vec![3.4, 3.0, 2.8]);
        store.apply(&id, &change).expect("write");
        app.apply(&id, &change);
        (dir, app)
    };
    let screen = |app: &App, width: u16, height: u16| rows(&drawn(app, width, height)).join("\n");
    // Folded away: the focus on Cost, and a message of two rows in the footer at 80×24.
    let (_dir, mut app) = timed(Config::builtin(), None);
    app.focus = 2;
    app.status =
        "a message long enough to take the footer's second row at eighty columns, as a saved reading does".into();
    for (width, height) in [(80, 24), (100, 30), (200, 50)] {
        let shown = screen(&app, width, height);
        assert!(shown.contains("⏱ 3.0 s"), "{width}×{height}: {shown}");
    }
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("↑ Utility [·] · Latency [·] ⏱ 3.0 s"), "{shown}");
    // A label as long as the pane: cut, the median kept on its row.
    let long = "Latency of a whole answer, the cold start included";
    let (_long, mut app) = timed(Config::builtin(), Some(long));
    for (width, height) in [(80, 24), (100, 30), (200, 50)] {
        let shown = screen(&app, width, height);
        let row = shown.lines().find(|l| l.contains("Latency of")).unwrap_or_else(|| panic!("{shown}"));
        assert!(row.contains("[·] 1–5 ×1 ⏱ 3.0 s"), "{width}×{height}: {row}");
    }
    // Focused, the label cut for the median reads whole under its row.
    app.focus = 1;
    assert!(super::fit::shows_whole(&drawn(&app, 80, 24), long), "{}", screen(&app, 80, 24));
}

/// Every key of the list that acts says what it did in the footer, unless the screen shows it
/// by itself (the selection or the focus moves, a box or a screen opens, the app quits): `U`
/// had changed the list without a word. Each one-letter key of the help's table, and a key that
/// said what it did pressed again (a filter off, the next order).
#[test]
fn every_key_that_acts_says_what_it_did() {
    let keys = super::keys::single_characters(super::keys::KEYS);
    assert!(keys.contains(&'U') && keys.contains(&'s'), "{keys:?}");
    for k in keys {
        let mut f = fixture();
        f.act(Action::Resize(100, 30));
        // One entry scored, so that a filter of unscored entries has something to hide.
        f.press("453");
        f.press("j");
        // What a key may change that the screen does not show by itself.
        let state = |f: &Fixture| {
            let list = &f.app.list;
            let view = (list.track.clone(), list.unscored_only, list.mine_only, list.sort, list.rows().to_vec());
            (view, f.store.score_sheet().expect("sheet"))
        };
        for time in ["first", "second"] {
            f.app.status.clear();
            let before = ((f.selected_id(), f.app.focus), state(&f));
            f.press(&k.to_string());
            let shown = !matches!(f.app.mode, Mode::Browse) || f.app.quit || (f.selected_id(), f.app.focus) != before.0;
            let acted = shown || state(&f) != before.1;
            assert!(!acted || shown || !f.app.status.is_empty(), "{k} pressed a {time} time said nothing");
            // Again only for a key that said what it did (a filter, the order): a move shows itself.
            if shown {
                break;
            }
        }
    }
}

/// `U` says what it hid and what it shows again, counted.
#[test]
fn the_unscored_filter_says_what_it_hid() {
    let mut f = fixture();
    f.press("U");
    assert_eq!(f.app.status, "only entries not fully scored: none hidden yet; U shows all");
    f.press("U");
    assert_eq!(f.app.status, "nothing was hidden; U shows only entries not fully scored");
    f.press("453");
    f.press("U");
    assert_eq!(f.app.status, "only entries not fully scored: 1 entry hidden; U shows all");
    f.press("U");
    assert_eq!(f.app.status, "1 entry shown again; U shows only those not fully scored");
}

/// Two badges read as two, as the models do: "offbrand, fieldnotes", not "offbrand fieldnotes".
#[test]
fn badges_are_listed_apart() {
    let mut f = fixture();
    f.act(Action::Resize(100, 30));
    f.app.select("lullaby-loom");
    let buf = drawn(&f.app, 100, 30);
    assert!(super::fit::shows_whole(&buf, "badges offbrand, fieldnotes"), "badges apart");
}

/// At 80 columns the footer names the first partly scored entry whole, however long its id: a
/// judge types ids, and "bus-stop-or…" named none (the footer wrapped onto a second row anyway).
#[test]
fn the_footer_names_a_partly_scored_entry_whole() {
    let mut f = fixture();
    let mut ids: Vec<String> =
        f.store.submissions().expect("submissions").into_iter().map(|s| s.submission.id).collect();
    // The two longest ids: whichever the footer names first is too long for half a line.
    ids.sort_by_key(|id| std::cmp::Reverse(id.len()));
    assert!(ids[1].len() + " and 1 more".len() > 40 - "2 partly scored: ".len(), "{ids:?}");
    // Written beside the app, as `judging score` writes, and read at the next tick.
    let beside = Store::open(f.store.path(), "build-small-2026").expect("another connection");
    f.act(Action::Tick(f.app.now, f.app.now_unix));
    for id in &ids[..2] {
        beside.apply(id, &Change::Score { criterion: "utility".into(), value: Some(2) }).expect("write");
    }
    f.act(Action::Tick(f.app.now, f.app.now_unix));
    assert_eq!(f.app.partly_scored(3).0, 2);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(&f.app, frame.area())).expect("draw");
    let screen = terminal.backend().to_string();
    let first = f.app.partly_scored(3).1[0].to_string();
    assert!(screen.contains(&format!("partly scored: {first}")), "{first} whole:\n{screen}");
    assert!(!screen.contains("… and 1 more"), "no id cut:\n{screen}");
}

/// Criteria whose labels differ only at their ends read apart: whole wherever the pane has the
/// room, the focused one whole under its row where it has not; and a line that folds criteria
/// away still shows every score, their labels cut, with the total.
#[test]
fn long_criterion_labels_read_apart_and_folded_ones_keep_their_scores() {
    let mut config = Config::builtin();
    let labels = ["Technical execution: model", "Technical execution: interface"];
    for (criterion, label) in config.criteria.iter_mut().zip(labels) {
        label.clone_into(&mut criterion.label);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = Loaded { config, path: None };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
    let text = |buf: &ratatui::buffer::Buffer| {
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (width, height) in [(200, 50), (100, 30)] {
        let shown = text(&drawn(&app, width, height));
        for row in ["Technical execution: model     [·] 1–5", "Technical execution: interface [·] 1–5"] {
            assert!(shown.contains(row), "{width}: whole, the scores aligned: {shown}");
        }
    }
    app.focus = 1;
    let shown = text(&drawn(&app, 80, 24));
    assert!(shown.contains("Technical execution: interface"), "the focused label whole at 80×24: {shown}");
    // A pane two rows high folds the others into one line, every score in it.
    let rows: Vec<super::view::Folded> = labels
        .iter()
        .map(|l| ((*l).to_owned(), "[4]".to_owned()))
        .chain([("Total —".to_owned(), String::new())])
        .collect();
    let rows: Vec<&super::view::Folded> = rows.iter().collect();
    let line = super::view::folded_line("↓ ", &rows, 40);
    assert_eq!(line.matches("[4]").count(), 2, "{line}");
    assert!(line.ends_with(" · Total —") && crate::tui::layout::columns(&line) <= 40, "{line}");
    // A short label keeps its whole length; the long ones share what it leaves.
    let rows: Vec<super::view::Folded> =
        [("Problem specificity", "[4]"), ("Real-world adoption", "[3]"), ("Polish", "[·]"), ("Total —", "")]
            .iter()
            .map(|(l, s)| ((*l).to_owned(), (*s).to_owned()))
            .collect();
    let rows: Vec<&super::view::Folded> = rows.iter().collect();
    assert_eq!(super::view::folded_line("↓ ", &rows, 50), "↓ Proble… [4] · Real-w… [3] · Polish [·] · Total —");
    // Too many rows for every label: each is cut short, and as many as fit show before "and N
    // more"; a first whole label had taken the line alone.
    let rows: Vec<super::view::Folded> = (0..12)
        .map(|k| (format!("Criterion number {k} with a fairly long label"), "[85]".to_owned()))
        .chain([("Total —".to_owned(), String::new())])
        .collect();
    let rows: Vec<&super::view::Folded> = rows.iter().collect();
    assert_eq!(super::view::folded_line("↑ ", &rows, 44), "↑ Cri… [85] · Cri… [85] and 11 more");
    assert_eq!(
        super::view::folded_line("↑ ", &rows, 80),
        "↑ Cri… [85] · Cri… [85] · Cri… [85] · Cri… [85] · Cri… [85] and 8 more"
    );
}

/// [`super::view::folded_line`] as it was: every row joined whole and measured, every label
/// measured and cut. What the one that stops where the line does must say, word for word.
fn folded_line_as_before(mark: &str, rows: &[&super::view::Folded], width: usize) -> String {
    use super::fit;
    use crate::format::fit;
    let said = |(label, score): &super::view::Folded| {
        if score.is_empty() { label.clone() } else { format!("{label} {score}") }
    };
    let whole: Vec<String> = rows.iter().map(|r| said(r)).collect();
    let room = width.saturating_sub(fit::width(mark));
    let joined = whole.join(" · ");
    if fit::width(&joined) <= room {
        return format!("{mark}{joined}");
    }
    let cut: Vec<&&super::view::Folded> = rows.iter().filter(|(_, score)| !score.is_empty()).collect();
    let fixed: usize = rows
        .iter()
        .map(|(label, score)| if score.is_empty() { fit::width(label) } else { fit::width(score) + 1 })
        .sum::<usize>()
        + fit::width(" · ") * rows.len().saturating_sub(1);
    let mut widths: Vec<usize> = cut.iter().map(|(label, _)| fit::width(label)).collect();
    widths.sort_unstable();
    let (mut left, mut share) = (room.saturating_sub(fixed), usize::MAX);
    for (k, width) in widths.iter().enumerate() {
        let equal = left / (widths.len() - k);
        if *width > equal {
            share = equal;
            break;
        }
        left -= width;
    }
    let cut_to = |most: usize| -> Vec<String> {
        rows.iter()
            .map(
                |(label, score)| if score.is_empty() { label.clone() } else { format!("{} {score}", fit(label, most)) },
            )
            .collect()
    };
    if share >= 4 {
        return format!("{mark}{}", cut_to(share).join(" · "));
    }
    let short = cut_to(4);
    format!("{mark}{}", fit::list(&short, short.len(), " · ", room))
}

/// The folded line, which stops joining, measuring and cutting rows where the line is sure to
/// end (a rubric of 3,000 criteria folds 2,990 rows each frame), says what it said when it went
/// through them all: for labels that join what is around them (accents, joiners, a Prepend
/// sign), wide and empty ones, scores of every width and rows with none, a few rows to 3,000,
/// at every width to past the whole line.
#[test]
fn the_folded_line_says_what_it_said_when_it_read_every_row() {
    let labels = [
        "Utility",
        "Latency",
        "",
        "実用性",
        "e\u{301}",
        "\u{301}start",
        "\u{200d}",
        "\u{600}",
        "Cost of running it all",
        "a",
        "Technical execution: model",
        "🇫",
        "👩🏽\u{200d}💻",
    ];
    let scores = ["[·]", "[4]", "[100]", "", "[ 7]"];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |below: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap_or(0) % below
    };
    let mut sets: Vec<Vec<super::view::Folded>> = Vec::new();
    for n in (0..=16).chain([40, 300, 3_000]) {
        for _ in 0..if n > 100 { 1 } else { 4 } {
            sets.push(
                (0..n)
                    .map(|_| (labels[next(labels.len())].to_owned(), scores[next(scores.len())].to_owned()))
                    .collect(),
            );
        }
    }
    // Labels with no letter to share the room with, and rows with no score to cut.
    sets.push((0..50).map(|_| (String::new(), "[·]".to_owned())).collect());
    sets.push((0..50).map(|k| (format!("Total {k}"), String::new())).collect());
    // The Scores pane's own: criteria scored or not, then the total.
    sets.push(
        (0..3_000)
            .map(|k| (format!("Criterion {k}"), "[·]".to_owned()))
            .chain([("Total —".to_owned(), String::new())])
            .collect(),
    );
    let mut checked = 0;
    for set in &sets {
        let rows: Vec<&super::view::Folded> = set.iter().collect();
        // Long sets at fewer widths: the old line reads every row at each.
        let step = if rows.len() > 100 { 7 } else { 1 };
        for mark in ["↓ ", "↑ ", "also "] {
            for width in (0..=90).step_by(step).chain([200, 1_000]) {
                let want = folded_line_as_before(mark, &rows, width);
                assert_eq!(super::view::folded_line(mark, &rows, width), want, "{} rows at {width}", rows.len());
                checked += 1;
            }
        }
    }
    assert!(checked > 15_000, "{checked}");
}

/// A title of 400 characters and a team of 60 members take a few rows of the entry pane, each
/// ending in "…", and leave the link keys and the entry's facts in sight at 80×24.
/// The built-in sample's submissions, none withdrawn, for an app made without a store.
fn sample_submissions(config: &Config) -> Vec<crate::model::StoredSubmission> {
    let text = crate::config::builtin_export("builtin:sample").expect("built in");
    crate::export::parse(text, "builtin:sample", config)
        .expect("parses")
        .submissions
        .into_iter()
        .map(|submission| crate::model::StoredSubmission { submission, withdrawn: false })
        .collect()
}

/// Notes of two lines each (too short to shrink), a warning and a message of three rows at
/// 80×24: the notes give way, counted, and the link keys stay. They had been cut off the pane's
/// end, just as the message was about a link that would not open.
#[test]
fn notes_and_a_long_message_leave_the_link_keys_in_sight() {
    let config = Config::builtin();
    let submissions = sample_submissions(&config);
    let id = submissions[0].submission.id.clone();
    let mut sheet = crate::model::ScoreSheet::default();
    let note = "A note of two lines here: the demo ran cold the first time, then warm and quick on the second try.";
    sheet.texts[crate::model::TextPart::Note].insert(id.clone(), note.to_owned());
    sheet.texts[crate::model::TextPart::TeamNote].insert(id.clone(), format!("Team: {note}"));
    let mut app = App::new(config, "tomas".into(), submissions, sheet, (std::time::Instant::now(), 0));
    app.status = format!("could not open the link: {}; the link to copy: hf.co/spaces/x/y", "no browser ".repeat(14));
    let shown = rows(&drawn(&app, 80, 24)).join("\n");
    assert!(shown.contains("⚠"), "the entry has a warning: {shown}");
    assert!(shown.contains("[o] Space"), "{shown}");
    assert!(shown.contains("press i"), "what gave way is counted: {shown}");
}

#[test]
fn a_huge_title_or_team_leaves_the_link_keys_in_sight() {
    let config = Config::builtin();
    let mut submissions = sample_submissions(&config);
    let first = &mut submissions[0].submission;
    first.title = "Long ".repeat(80);
    first.team = "Team ".repeat(100);
    first.members = (0..60).map(|k| format!("Member {k}")).collect();
    let app = App::new(
        config,
        "tomas".into(),
        submissions,
        crate::model::ScoreSheet::default(),
        (std::time::Instant::now(), 0),
    );
    let shown = rows(&drawn(&app, 80, 24)).join("\n") + "\n";
    assert!(shown.contains("[o] Space"), "{shown}");
    assert!(shown.contains("track backyard"), "the facts stay: {shown}");
    assert!(shown.contains("Long…") && shown.contains("Team…"), "cut, and said to be: {shown}");
    assert_eq!(
        shown.lines().filter(|l| l.contains("Long Long")).count(),
        4,
        "three rows in the pane, one in the list: {shown}"
    );
}

/// An undo under "unscored only" brings back the entry it was on, selected, and names what came
/// back and where; not a bare "undone" beside another entry's scores.
#[test]
fn an_undo_names_what_came_back_and_shows_its_entry() {
    let mut f = fixture();
    f.press("U");
    let scored = f.selected_id();
    f.press("435");
    f.press("j");
    assert!(f.app.list.position_of(&f.app.entries, &scored).is_none(), "left the list once scored");
    f.press("u");
    assert_eq!(f.selected_id(), scored, "back on the entry whose score came back");
    assert_eq!(f.app.status, "undone: Cost on Sprout Sense");
    assert_eq!(f.app.criteria()[f.app.focus].id, "cost");
}

/// On an event without tracks and scored out of 100, the list has no TRACK column and the entry
/// no "track —"; the help lists typing a number and not the track filter, and the built-in
/// event's help the other way round. A search that finds nothing says how to take it back.
#[test]
fn the_screen_and_its_help_fit_the_event() {
    let (_dir, loaded, store) = out_of_100();
    let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
    let text = |buf: &ratatui::buffer::Buffer| -> String {
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
            .collect()
    };
    let shown = text(&drawn(&app, 100, 30));
    assert!(!shown.contains("TRACK") && !shown.contains("track —"), "{shown}");
    let has = |app: &App, key: &str| super::keys::keys_here(app).iter().any(|(k, _)| k == key);
    assert!(has(&app, "digits Enter") && !has(&app, "f"));
    let f = fixture();
    assert!(!has(&f.app, "digits Enter") && has(&f.app, "f"));
    // The footer and the help say the digits that score this rubric: not "0-9" on one of 1 to 5.
    let footer = |app: &App| super::keys::footer_keys(app).join("  ");
    assert!(footer(&f.app).contains("j/k move  1-5 score  Tab next"), "{}", footer(&f.app));
    assert!(has(&f.app, "1-5") && !has(&f.app, "1-9 0"));
    // Out of 100, every digit types: the footer fits 80 columns whole, as "0-9 score" did.
    assert!(footer(&app).contains("j/k move  0-9 score"), "{}", footer(&app));
    assert!(super::view::footer_line(&app, 80).ends_with("r recuse"), "{}", super::view::footer_line(&app, 80));
    app.list.query = "no such entry".into();
    app.list.unscored_only = true;
    app.refresh_view();
    let shown = text(&drawn(&app, 100, 30));
    assert!(
        shown.contains("Nothing matches: Esc clears the search \"no such entry\"."),
        "nothing scored: U hides nothing: {shown}"
    );
}

/// A search that finds nothing, cleared, leaves the judge on the entry they were on.
#[test]
fn a_search_that_finds_nothing_loses_no_place() {
    let mut f = fixture();
    f.press("jj");
    let here = f.selected_id();
    f.press("/");
    f.press("no such entry");
    f.press_key(key(KeyCode::Enter));
    assert!(f.app.list.rows().is_empty());
    f.press_key(key(KeyCode::Esc));
    assert_eq!(f.selected_id(), here);
    // With a score given, U hides something, and the empty list says so.
    f.press("435");
    f.press("U");
    f.app.list.query = "no such entry".into();
    f.app.refresh_view();
    assert!(f.app.nothing_matches().contains("U shows scored entries too"), "{}", f.app.nothing_matches());
}

/// `i` shows the whole entry: the pane on a small screen cut the description to its first line
/// and "and N more lines", and no key showed the rest. The whole entry scrolls to its last line,
/// opens links, and any other key closes it, changing nothing (x there clears no score).
#[test]
fn i_shows_the_whole_entry_and_it_scrolls() {
    let mut f = fixture();
    let mut submissions = f.store.submissions().expect("submissions");
    let long: Vec<String> = (1..=60).map(|n| format!("paragraph {n} of the description.")).collect();
    submissions[0].submission.description = long.join("\n");
    submissions[0].submission.title = format!("{}title's end", "a long title ".repeat(30));
    let config = f.app.config.clone();
    f.app.entries.show(&config, "tomas", submissions);
    f.app.refresh_view();
    f.act(Action::Resize(80, 24));
    let id = f.selected_id();
    f.press("4");
    let text = |app: &App| rows(&drawn(app, 80, 24)).join("\n");
    let pane = text(&f.app);
    assert!(pane.contains("more lines: press i") && !pane.contains("paragraph 60"), "{pane}");
    assert!(!pane.contains("title's end"), "the pane gives a title three rows: {pane}");
    f.press("i");
    assert!(matches!(f.app.mode, Mode::Entry { scroll: 0 }));
    let whole = text(&f.app);
    assert!(whole.contains("Entry, whole") && whole.contains("paragraph 1 of"), "{whole}");
    assert!(whole.contains("title's end"), "the whole title: {whole}");
    assert!(whole.contains("more lines: j scrolls") && !whole.contains("paragraph 60"), "{whole}");
    assert!(whole.contains("j/k scroll  o/v/p open  any other key closes"), "{whole}");
    f.press("G");
    let end = text(&f.app);
    assert!(end.contains("paragraph 60 of") && !end.contains("j scrolls"), "{end}");
    // Scrolled to its end, the first row says the title is above, and how to bring it back.
    let first_row = end.lines().find(|l| l.contains("Entry, whole")).and_then(|_| {
        let mut after = end.lines().skip_while(|l| !l.contains("Entry, whole"));
        after.nth(1)
    });
    let above = f.app.whole_entry_scrolls() + 1;
    assert!(first_row.is_some_and(|r| r.contains(&format!("↑ {above} more lines: k scrolls"))), "{first_row:?}\n{end}");
    let Mode::Entry { scroll } = f.app.mode else { panic!("still open") };
    assert_eq!(scroll, f.app.whole_entry_scrolls(), "no further than its last line");
    f.press("j");
    assert!(matches!(f.app.mode, Mode::Entry { scroll: s } if s == scroll), "not past the end");
    f.press("g");
    assert!(matches!(f.app.mode, Mode::Entry { scroll: 0 }));
    f.press("o");
    assert_eq!(f.opened.borrow().len(), 1, "o opens the Space from the whole entry");
    // What it answers shows: the footer's message is not under the view.
    assert!(text(&f.app).contains("opened the Space"), "{}", text(&f.app));
    // A page is the lines in sight, on every screen: the first line in sight after it is the
    // one after the last line in sight before it; after a resize the first key up moves from
    // where the screen now ends.
    let last_in_sight = |app: &App| {
        text(app).lines().filter_map(|l| l.split("paragraph ").nth(1)?.split(' ').next()?.parse::<usize>().ok()).max()
    };
    let first_in_sight = |app: &App| {
        text(app).lines().filter_map(|l| l.split("paragraph ").nth(1)?.split(' ').next()?.parse::<usize>().ok()).min()
    };
    let before = last_in_sight(&f.app).expect("paragraphs in sight");
    f.press_key(key(KeyCode::PageDown));
    assert_eq!(first_in_sight(&f.app), Some(before + 1), "{}", text(&f.app));
    let before = last_in_sight(&f.app).expect("paragraphs in sight");
    f.press_key(key(KeyCode::PageDown));
    assert_eq!(first_in_sight(&f.app), Some(before + 1), "{}", text(&f.app));
    let Mode::Entry { scroll: paged } = f.app.mode else { panic!("still open") };
    assert_eq!(paged, 2 * (f.app.whole_entry_room().1 - 2));
    f.press("G");
    f.act(Action::Resize(200, 50));
    // On a wide screen it stays a readable width, centred.
    let wide = rows(&drawn(&f.app, 200, 50));
    let top = wide.iter().find(|r| r.contains("Entry, whole")).cloned().unwrap_or_default();
    let cells: Vec<char> = top.chars().collect();
    let left = cells.windows(3).position(|w| w == ['┌', ' ', 'E']).unwrap_or(0);
    let right = left + cells[left..].iter().position(|c| *c == '┐').unwrap_or(0);
    assert_eq!((left, right - left + 1), (49, 102), "centred, 102 wide: {top}");
    let most = f.app.whole_entry_scrolls();
    f.press("k");
    assert!(matches!(f.app.mode, Mode::Entry { scroll } if scroll + 1 == most), "{most}");
    f.act(Action::Resize(80, 24));
    f.press("x");
    assert!(matches!(f.app.mode, Mode::Browse), "any other key closes");
    assert_eq!(f.saved(&id, "utility"), Some(4), "x closed the view; it cleared no score");
    // On a screen too small for it, q quits, as the screen says, and no key scrolls unseen.
    f.press("i");
    f.act(Action::Resize(60, 20));
    f.press("j");
    assert!(matches!(f.app.mode, Mode::Entry { scroll: 0 }));
    // `?` shows the keys, as the screen says, and they close back to the entry: `?` had closed
    // the entry instead.
    f.press("?");
    assert!(matches!(f.app.mode, Mode::Help), "the keys");
    f.act(Action::Resize(80, 24));
    f.press("z");
    assert!(matches!(f.app.mode, Mode::Entry { scroll: 0 }), "back to the entry");
    f.act(Action::Resize(60, 20));
    f.press("q");
    assert!(f.app.quit, "q quits on the too-small screen");
}

/// A number half typed on a long scale, left by opening the whole entry, is said where the judge
/// sees it: the view had covered the footer's message, and the next key cleared it.
#[test]
fn a_half_typed_score_left_for_the_whole_entry_is_said_in_sight() {
    let (_dir, loaded, store) = out_of_100();
    let mut app = super::load(&loaded, "tomas", None, &store).expect("app");
    app.update(Action::Resize(80, 24));
    app.update(Action::Score(3));
    app.update(Action::WholeEntry);
    assert!(matches!(app.mode, Mode::Entry { .. }));
    let screen = rows(&drawn(&app, 80, 24)).join("\n");
    assert!(screen.contains("3 not saved (Enter saves a typed score)"), "{screen}");
}

/// Sorted by the judge's total, an entry they recused from sorts with the entries that have
/// none: its total is not counted, and the list shows none.
#[test]
fn a_recused_entry_sorts_as_one_without_a_total() {
    let mut f = fixture();
    let recused = f.selected_id();
    f.press("444");
    f.press("r");
    f.press("my cousin's team");
    f.press_key(key(KeyCode::Enter));
    f.press("j333");
    let scored = f.selected_id();
    while f.app.list.sort != Sort::Total {
        f.press("s");
    }
    let order: Vec<String> = f.app.list.rows().iter().map(|i| f.app.entries[*i].submission.id.clone()).collect();
    assert_eq!(order.first(), Some(&scored), "the one total that counts comes first");
    let at = |id: &str| order.iter().position(|o| o == id);
    assert!(at(&recused) > at(&scored), "{order:?}");
}

/// Quitting and opening the app again finds the list as the judge left it: the track, "unscored
/// only", "mine only", the order, the entry and the criterion in focus (only the entry had been
/// kept). What no longer applies is dropped, and a track gone is said.
#[test]
fn the_app_reopens_with_the_list_as_the_judge_left_it() {
    let mut f = fixture();
    let loaded = Loaded { config: Config::builtin(), path: None };
    // A first frame keeps where the app opened; then the judge filters, sorts, moves and tabs.
    let mut saved = None;
    super::keep_place(&f.store, &f.app, &mut saved);
    f.press("fUasjj");
    f.press_key(key(KeyCode::Tab));
    super::keep_place(&f.store, &f.app, &mut saved);
    let left = super::Place::of(&f.app);
    assert_eq!(
        (left.track.as_deref(), left.unscored_only, left.mine_only, left.sort, left.criterion.as_deref()),
        (Some("backyard"), true, Some(true), Sort::Title, Some("latency")),
        "the keys set what is kept"
    );
    let again = super::load(&loaded, "tomas", None, &f.store).expect("app");
    assert_eq!(super::Place::of(&again), left, "reopened as left");

    // Every filter off again is kept too, not only the ones turned on.
    f.app = again;
    f.press("ffUa");
    super::keep_place(&f.store, &f.app, &mut saved);
    let again = super::load(&loaded, "tomas", None, &f.store).expect("app");
    assert_eq!((again.list.track.clone(), again.list.unscored_only, again.list.mine_only), (None, false, false));

    // A track the event no longer has, and an order this build does not know, are dropped.
    f.store.set_meta("tui.track", "orchard").expect("meta");
    f.store.set_meta("tui.sort", "by-mood").expect("meta");
    f.store.set_meta("tui.criterion", "vibes").expect("meta");
    let again = super::load(&loaded, "tomas", None, &f.store).expect("app");
    assert_eq!((again.list.track.clone(), again.list.sort), (None, Sort::Export));
    assert_eq!(again.list.rows().len(), 40, "every track shown");
    assert_eq!(again.focus, 0, "a criterion gone: the first without a score");
    assert!(again.status.contains("track orchard is no longer in"), "{}", again.status);
}

/// An empty merge of the built-in event, with that event: what the head judge's board shows.
fn empty_merge() -> (Config, crate::rankings::Rankings) {
    use crate::merge::Method;
    use crate::rankings::{Field, Options, rank_all};
    let config = Config::builtin();
    let rankings =
        rank_all(Vec::new(), &config, &Field::new(&[]), &Options::new(Method::Mean, &config)).expect("ranks");
    (config, rankings)
}

/// Esc on the head judge's board leaves the tie dialog or the finals, and otherwise says that q
/// quits: it had quit the whole board, so a second Esc after leaving the dialog (or one to
/// dismiss a message) lost the screen.
#[test]
fn esc_on_the_board_leaves_what_is_open_and_never_quits() {
    let (_, rankings) = empty_merge();
    let mut board = super::board::Board::new(&rankings, "Build Small Hackathon");
    board.key(key(KeyCode::Esc));
    assert!(!board.quit, "Esc alone does not quit");
    assert_eq!(board.status, "Nothing open to leave: q quits.");
    board.has_finals = true;
    board.key(key(KeyCode::Char('F')));
    assert!(board.finals);
    board.key(key(KeyCode::Esc));
    assert!(!board.finals && !board.quit, "Esc leaves the finals, back on the ranking");
    board.key(key(KeyCode::Char('q')));
    assert!(board.quit);
}

/// F on an event without a finals round names where the settings come from: on the built-in
/// event there is no judging.toml to look in (it had said "judging.toml has no [finals]").
#[test]
fn the_boards_f_without_finals_names_the_built_in_event() {
    let (config, rankings) = empty_merge();
    let mut board = super::board::Board::new(&rankings, "Build Small Hackathon");
    board.settings = Loaded { config, path: None }.settings();
    board.key(key(KeyCode::Char('F')));
    assert!(!board.finals);
    assert_eq!(board.status, "This event has no finals round: the built-in event has no [finals] section.");
}

/// The note editor and the recusal box cover the entry's title: their titles name the entry
/// they write on (they had said only "Note for the jury only" and "Recuse: why?").
#[test]
fn a_text_box_names_the_entry_it_writes_on() {
    let mut f = fixture();
    f.app.select("pantry-poet");
    let shown = |f: &Fixture| rows(&drawn(&f.app, 80, 24)).join("\n");
    for (open, want) in [
        ("e", "Note for the jury only · Pantry Poet"),
        ("E", "Note for the team: they may read it · Pantry Poet"),
        ("r", "Recuse from Pantry Poet: why?"),
    ] {
        f.press(open);
        let screen = shown(&f);
        assert!(screen.contains(want), "{want}:\n{screen}");
        f.press_key(key(KeyCode::Esc));
        assert!(matches!(f.app.mode, Mode::Browse));
    }
}

/// ^c in the note editor closes it, the note kept, as Esc does; a second ^c quits. It had done
/// nothing there, silently, though the help says ^c quits.
#[test]
fn ctrl_c_in_a_note_closes_it_and_again_quits() {
    let mut f = fixture();
    let id = f.selected_id();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    f.press("eGood");
    f.press_key(ctrl_c);
    assert!(matches!(f.app.mode, Mode::Browse) && !f.app.quit, "closed, not quit");
    assert_eq!(f.app.status, "note for the jury saved");
    assert_eq!(
        f.store.score_sheet().expect("sheet").texts[crate::model::TextPart::Note].get(&id).map(String::as_str),
        Some("Good")
    );
    f.press_key(ctrl_c);
    assert!(f.app.quit);
}

/// A stopwatch running when the app stops without quitting (a crash, a kill) runs on when it
/// reopens, on the same entry, and is said; one left running past the longest try is not
/// resumed, and said. Quitting stops and saves it, so nothing runs on after a quit.
#[test]
fn a_stopwatch_running_at_a_crash_runs_on_when_the_app_reopens() {
    let mut f = fixture();
    let loaded = Loaded { config: Config::builtin(), path: None };
    let mut saved = None;
    f.app.select("pantry-poet");
    f.press("t");
    super::keep_place(&f.store, &f.app, &mut saved);
    // The app is gone without quitting: the next one finds the stopwatch running.
    let again = super::load(&loaded, "tomas", None, &f.store).expect("app");
    assert_eq!(again.stopwatch.as_ref().map(|(id, _)| id.as_str()), Some("pantry-poet"));
    assert!(again.status.contains("stopwatch resumed on Pantry Poet"), "{}", again.status);

    let hour_ago = crate::store::now_unix() - 3600;
    f.store.set_meta("tui.stopwatch", &format!("{hour_ago} pantry-poet")).expect("meta");
    let again = super::load(&loaded, "tomas", None, &f.store).expect("app");
    assert!(again.stopwatch.is_none());
    assert!(
        again.status.contains("stopwatch on Pantry Poet not resumed (left running over 20 min ago)"),
        "{}",
        again.status
    );

    // Quitting saves the reading and stops it: nothing runs on.
    f.press("q");
    super::keep_place(&f.store, &f.app, &mut saved);
    assert_eq!(f.store.score_sheet().expect("sheet").readings.get("pantry-poet").map(Vec::len), Some(1));
    let again = super::load(&loaded, "tomas", None, &f.store).expect("app");
    assert!(again.stopwatch.is_none() && !again.status.contains("stopwatch"), "{}", again.status);
}

/// A message longer than the footer's three rows ends its last row in "…": it had stopped
/// mid-sentence, as though that were all it said.
#[test]
fn a_message_too_long_for_the_footer_says_it_is_cut() {
    let mut f = fixture();
    f.act(Action::Resize(80, 24));
    f.app.status = (1..=60).map(|k| format!("word{k}")).collect::<Vec<_>>().join(" ");
    let shown = rows(&drawn(&f.app, 80, 24));
    let last_news = shown[22].trim_end();
    assert!(last_news.ends_with('…'), "{shown:#?}");
    assert!(!shown.iter().any(|r| r.contains("word60")), "the end is not shown");
    // A message that fits is shown whole, with no "…".
    f.app.status = "saved".into();
    let shown = rows(&drawn(&f.app, 80, 24));
    assert!(shown.iter().all(|r| !r.contains('…') || !r.contains("saved")), "{shown:#?}");
}

/// An assigned judge who had turned "mine only" off finds every entry on reopening, and the
/// first screen says what `a` does now (it had said "a shows every entry" of a list that
/// already showed every one).
#[test]
fn an_assigned_judge_reopening_with_every_entry_shown_is_told_what_a_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = "event = \"build-small-2026\"\nseed = 1\njudges_per_entry = 2\n\n[judges]\npriya = [\"bus-stop-oracle\", \"pill-pal\"]\ntomas = [\"pantry-poet\"]\n";
    std::fs::write(dir.path().join("assignments.toml"), file).expect("write");
    let loaded = Loaded { config: Config::builtin(), path: Some(dir.path().join("judging.toml")) };
    let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    crate::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
    let assignments = loaded.assignments().expect("assignments");
    let app = super::load(&loaded, "priya", assignments.as_ref(), &store).expect("app");
    let mut saved = None;
    super::keep_place(&store, &app, &mut saved);
    let mut app = app;
    Runner::new(&store).step(&store, &mut app, Action::ToggleMine);
    super::keep_place(&store, &app, &mut saved);
    let again = super::load(&loaded, "priya", assignments.as_ref(), &store).expect("app");
    assert!(!again.list.mine_only);
    assert_eq!(again.list.rows().len(), 40);
    assert_eq!(again.status, "2 entries assigned to you; a shows only yours");
}

/// Where the text box's caret is and what the box draws, at 80×24, once drawn.
fn box_drawn(f: &Fixture) -> (Vec<String>, ratatui::layout::Position, ratatui::buffer::Buffer) {
    let buf = drawn(&f.app, 80, 24);
    let caret = f.app.caret(ratatui::layout::Rect::new(0, 0, 80, 24)).expect("a caret in the open box");
    (rows(&buf), caret, buf)
}

/// Whether a drawn cell holds a character a terminal draws at a width of its own, or acts on:
/// what the screen's cleaning drops or shows as U+FFFD.
fn odd_cell(symbol: &str) -> bool {
    symbol.chars().any(|c| crate::sanitize::hides(c) && !matches!(c, '\u{200c}' | '\u{200d}'))
        || symbol.chars().any(|c| matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10fffd}'))
}

/// Text pasted or typed into a note that a terminal draws at a width of its own (a zero-width
/// space, a bidi override, a private-use character, a stray tag character, a line separator,
/// an emoji drawn wider than its first character): the note saves it as `score --note` and
/// `import` save a note (`clean_block`: a terminal's controls and bidi overrides dropped, a
/// line separator a line break, the rest kept as the judge's text), and the box draws it as
/// the screen draws every text (`screen_block`), its caret just past the last letter drawn and
/// its border whole. The box had drawn the private-use and tag characters raw, and put the
/// caret a column short of a "❤️".
#[test]
fn what_a_note_takes_is_saved_as_text_and_drawn_as_the_screen_draws() {
    let cases: [(&str, &str, &str); 7] = [
        ("a\u{200b}b", "a\u{200b}b", "ab"),
        ("a\u{202e}b", "ab", "ab"),
        ("a\u{e000}b", "a\u{e000}b", "a\u{fffd}b"),
        ("a\u{e0041}b", "a\u{e0041}b", "ab"),
        ("a\u{2028}b", "a\nb", "b"),
        ("a\u{2764}\u{fe0f}b", "a\u{2764}\u{fe0f}b", "a\u{2764}\u{fe0f}b"),
        ("a\u{1b}[2Jb\u{7}", "ab", "ab"),
    ];
    for typed in [false, true] {
        // Typed, an escape is the key that closes the box, not text.
        for (given, saved, last_row) in cases.into_iter().filter(|(given, ..)| !typed || !given.contains('\u{1b}')) {
            let mut f = fixture();
            f.act(Action::Resize(80, 24));
            let id = f.selected_id();
            f.press("e");
            if typed {
                for c in given.chars() {
                    f.press_key(key(KeyCode::Char(c)));
                }
            } else {
                f.act(Action::Paste(given.into()));
            }
            let how = if typed { "typed" } else { "pasted" };
            let sheet = f.store.score_sheet().expect("sheet");
            assert_eq!(sheet.text(crate::model::TextPart::Note, &id), Some(saved), "{how} {given:?}: saved");
            let (rows, caret, buf) = box_drawn(&f);
            let all = rows.join("\n");
            // The box's border: its top and bottom corners and a side on every row between.
            let top = rows.iter().position(|r| r.contains("┌ Note for the jury")).expect("the box's top");
            let left = rows[top].find('┌').map(|b| rows[top][..b].chars().count()).expect("corner");
            let bottom = (top + 1..rows.len()).find(|&y| rows[y].chars().nth(left) == Some('└')).expect("bottom");
            let right = rows[top].chars().count() - 1 - rows[top].chars().rev().position(|c| c == '┐').expect("┐");
            for y in top + 1..bottom {
                let cell = |x: usize| u16::try_from(x).ok().zip(u16::try_from(y).ok()).expect("on the screen");
                let side = |x: usize| buf[cell(x)].symbol().to_owned();
                assert_eq!((side(left), side(right)), ("│".into(), "│".into()), "{how} {given:?}: row {y}\n{all}");
            }
            for (x, y) in (0..80).flat_map(|x| (0..24).map(move |y| (x, y))) {
                let symbol = buf[(x, y)].symbol();
                assert!(!odd_cell(symbol), "{how} {given:?}: drawn raw at ({x}, {y}): {symbol:?}");
            }
            // The caret is on the last row of text, just past its last letter drawn.
            let text_row = usize::from(caret.y);
            // The row as a terminal shows it: a wide letter's second cell is its own.
            let (mut drawn_row, mut x) = (String::new(), left + 1);
            while x < right {
                let symbol = buf[(u16::try_from(x).expect("on the screen"), caret.y)].symbol();
                drawn_row.push_str(symbol);
                x += crate::text_width::width(symbol).max(1);
            }
            assert_eq!(drawn_row.trim_end(), last_row, "{how} {given:?}: the caret's row\n{all}");
            let past = left + 1 + crate::text_width::width(last_row);
            assert_eq!((usize::from(caret.x), text_row > top), (past, true), "{how} {given:?}: caret\n{all}");
        }
    }
}

/// The recusal's reason, a box of one line, takes and draws text as the note does: a bidi
/// override typed is nothing, a private-use character and a tag character pasted are kept as
/// given and drawn as U+FFFD and nothing, and the caret stands past the last letter drawn.
#[test]
fn the_recusal_box_draws_its_reason_as_the_screen_draws() {
    let mut f = fixture();
    f.act(Action::Resize(80, 24));
    let id = f.selected_id();
    f.press("r");
    f.act(Action::Paste("kin\u{e000}\u{e0041}".into()));
    f.press_key(key(KeyCode::Char('\u{202e}')));
    f.press_key(key(KeyCode::Char('\u{2028}')));
    f.press("x");
    let (rows, caret, buf) = box_drawn(&f);
    let all = rows.join("\n");
    let y = caret.y;
    let drawn: String = (0..80).map(|x| buf[(x, y)].symbol()).collect();
    let start = drawn.find("kin").expect("the reason drawn");
    assert_eq!(&drawn[start..start + "kin\u{fffd} x".len()], "kin\u{fffd} x", "{all}");
    assert!((0..80).all(|x| !odd_cell(buf[(x, y)].symbol())), "{drawn:?}");
    let x = drawn[..start].chars().count() + "kin\u{fffd} x".chars().count();
    assert_eq!(usize::from(caret.x), x, "the caret past the x\n{all}");
    f.press_key(key(KeyCode::Enter));
    let sheet = f.store.score_sheet().expect("sheet");
    assert_eq!(sheet.text(crate::model::TextPart::Recusal, &id), Some("kin\u{e000}\u{e0041} x"));
}

/// A selection in a note (Shift and an arrow) is drawn over the same letters in the text the
/// box draws, though the note holds a letter the box does not draw before it.
#[test]
fn a_selection_in_a_note_is_drawn_on_the_letters_selected() {
    let mut f = fixture();
    f.act(Action::Resize(80, 24));
    f.press("e");
    f.act(Action::Paste("a\u{200b}\u{e0041}bcd".into()));
    for _ in 0..2 {
        f.press_key(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT));
    }
    let (rows, caret, buf) = box_drawn(&f);
    let x_of = |letter: &str| (0..80).find(|x| buf[(*x, caret.y)].symbol() == letter).expect(letter);
    let at: Vec<u16> = ["a", "b", "c", "d"].into_iter().map(x_of).collect();
    assert_eq!((&at[1..], caret.x), (&[at[0] + 1, at[0] + 2, at[0] + 3][..], at[0] + 2), "{}", rows.join("\n"));
    let bg: Vec<_> = at.iter().map(|x| buf[(*x, caret.y)].bg).collect();
    assert!(bg[3] != bg[1] && bg[1] == bg[0], "d selected, a and b not: {bg:?}");
}

/// A long note, its caret at the end, keeps its box full when the screen grows: from 80×24 to
/// 200×50 the box had shown only the last line and 21 empty rows ("↑ 27 more lines"), the
/// editor keeping its first row in sight where the caret no longer needed it.
#[test]
fn a_long_note_fills_its_box_when_the_screen_grows() {
    let mut f = fixture();
    f.act(Action::Resize(80, 24));
    f.press("e");
    let note: String = (1..=60).map(|n| format!("line {n} of a note pasted from the judge's own draft\n")).collect();
    f.act(Action::Paste(note.trim_end().to_owned()));
    drawn(&f.app, 80, 24);
    for (width, height) in [(200, 50), (120, 40), (80, 24)] {
        f.act(Action::Resize(width, height));
        let shown = rows(&drawn(&f.app, width, height));
        let top = shown.iter().position(|r| r.contains("Note for the jury only")).expect("the box");
        let edge: Vec<char> = shown[top].chars().collect();
        let left = (0..edge.len()).find(|&k| edge[k..].starts_with(&['┌', ' ', 'N'])).expect("its corner");
        let bottom = (top + 1..shown.len()).find(|&y| shown[y].chars().nth(left) == Some('└')).expect("its bottom");
        let right = left + edge[left..].iter().position(|c| *c == '┐').expect("its right corner");
        let inside: Vec<String> =
            shown[top + 1..bottom].iter().map(|r| r.chars().skip(left + 1).take(right - left - 1).collect()).collect();
        let empty = inside.iter().filter(|r| r.trim().is_empty()).count();
        assert_eq!(empty, 0, "no empty row at {width}×{height}:\n{}", shown.join("\n"));
        assert!(
            inside.last().is_some_and(|r| r.contains("line 60 of")),
            "the caret's line last:\n{}",
            shown.join("\n")
        );
    }
}
