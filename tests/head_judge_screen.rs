//! The head judge's screen (`judging merge --tui`) on ratatui's `TestBackend`, as insta snapshots.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use judging::config::Config;
use judging::event_files::Loaded;
use judging::merge::Method;
use judging::rankings::{Field, JudgeMarks, Options, rank_all};
use judging::store::Store;
use judging::tui::board::Board;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Three judges over the sample's first twelve entries: a lenient one, a harsh one and one in
/// between, each seeing most of them. Whole-number marks make ties.
fn rankings() -> judging::rankings::Rankings {
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
        let notes = entries
            .iter()
            .filter(|e| *e % 3 == 0)
            .map(|e| (*e, format!("{name} on entry {e}: the demo \u{1b}[31mcrashed once, then ran well")))
            .collect();
        let timings = entries.iter().map(|e| (*e, 10.0 + *e as f64 + bias as f64)).collect();
        JudgeMarks {
            judge: name.into(),
            written_at: "2026-06-21T10:00:00.000Z".into(),
            file: format!("{name}.json"),
            digest: name.into(),
            entries,
            totals,
            values,
            partial: Vec::new(),
            notes,
            timings,
        }
    };
    let marks = vec![judge("mira", 1, 0), judge("tomas", -2, 1), judge("priya", 0, 2)];
    rank_all(marks, &loaded.config, &field, &Options::new(Method::Mean, &loaded.config)).expect("ranks")
}

fn screen(board: &Board, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(board, frame.area())).expect("draw");
    terminal.backend().to_string()
}

#[test]
fn overall_rankings_judges_and_what_to_deliberate() {
    let r = rankings();
    let board = Board::new(&r, "Build Small Hackathon");
    insta::assert_snapshot!(screen(&board, 120, 30));
}

#[test]
fn a_track_with_an_entry_selected() {
    let r = rankings();
    let mut board = Board::new(&r, "Build Small Hackathon");
    for key in [KeyCode::Right, KeyCode::Down, KeyCode::Down] {
        board.key(KeyEvent::from(key));
    }
    assert_eq!((board.tab, board.selected), (1, 2));
    insta::assert_snapshot!(screen(&board, 100, 26));
}

#[test]
fn keys_stay_within_the_rankings() {
    let r = rankings();
    let mut board = Board::new(&r, "x");
    board.key(KeyEvent::from(KeyCode::Left));
    assert_eq!(board.tab, r.rankings.len() - 1, "← from overall wraps to the last track");
    board.key(KeyEvent::from(KeyCode::End));
    assert_eq!(board.selected, r.rankings[board.tab].1.len() - 1);
    board.key(KeyEvent::from(KeyCode::PageDown));
    assert_eq!(board.selected, r.rankings[board.tab].1.len() - 1, "never past the last");
    board.key(KeyEvent::from(KeyCode::Char('g')));
    assert_eq!(board.selected, 0);
    board.key(KeyEvent::from(KeyCode::Up));
    assert_eq!(board.selected, 0);
    assert!(!board.quit);
    board.key(KeyEvent::from(KeyCode::Char('q')));
    assert!(board.quit);
    let small = screen(&board, 60, 20);
    assert!(small.contains("needs at least 80×24"), "{small}");
}

#[test]
fn forty_judges_scroll_beside_the_rankings() {
    let mut r = rankings();
    let one = r.judges[0].clone();
    r.judges =
        (0..40).map(|i| judging::rankings::JudgeLine { judge: format!("judge-{i:02}"), ..one.clone() }).collect();
    let mut board = Board::new(&r, "Build Small Hackathon");
    let first = screen(&board, 120, 30);
    assert!(first.contains("judge-00") && !first.contains("judge-39"), "{first}");
    assert!(first.contains("0 above, 31 below · J/K scroll"), "nine in sight: {first}");
    for _ in 0..100 {
        board.key(KeyEvent::from(KeyCode::Char('J')));
    }
    let last = screen(&board, 120, 30);
    assert!(last.contains("judge-39") && !last.contains("judge-30"), "{last}");
    assert!(last.contains("31 above, 0 below"), "the end is the last screenful: {last}");
}

/// At 80×24 a number shows whole or not at all: columns that do not fit are left out, last
/// first, and the entries' titles keep room.
#[test]
fn the_smallest_board_shows_numbers_whole() {
    let rankings = rankings();
    let board = Board::new(&rankings, "Build Small Hackathon");
    let text = screen(&board, 80, 24);
    assert!(text.contains("4.50") && text.contains("Bus Stop Oracle"), "{text}");
    let cut = regex_like_cut(&text);
    assert!(cut.is_none(), "a number cut short: {cut:?}\n{text}");
    insta::assert_snapshot!(text);
}

/// A number ending in its decimal point, as a squeezed column leaves it ("4.").
fn regex_like_cut(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '│')
        .find(|w| w.len() > 1 && w.ends_with('.') && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
}
