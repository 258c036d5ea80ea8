//! Whole screens of the judge's app on ratatui's `TestBackend`, as insta snapshots.

use judging::config::Config;
use judging::event_files::Loaded;
use judging::model::Change;
use judging::store::Store;
use judging::tui::app::Action;
use judging::tui::{App, Runner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn sample() -> (tempfile::TempDir, Store, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, app) = pulled(dir.path(), &Loaded { config: Config::builtin(), path: None });
    (dir, store, app)
}

/// A store in `dir` that has pulled `loaded`'s export, and mira's app on it.
fn pulled(dir: &std::path::Path, loaded: &Loaded) -> (Store, App) {
    let mut store = Store::open(&dir.join("s.sqlite"), "build-small-2026").expect("store");
    judging::commands::pull::pull(loaded, &mut store, None, false).expect("pull");
    let app = judging::tui::load(loaded, "mira", None, &store).expect("app");
    (store, app)
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draw");
    terminal.backend().to_string()
}

#[test]
fn the_list_on_first_open() {
    let (_dir, _store, app) = sample();
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn the_smallest_screen_that_works() {
    let (_dir, _store, app) = sample();
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn detail_and_scoring_of_a_scored_entry() {
    let (_dir, store, mut app) = sample();
    let mut runner = Runner::new(&store);
    app.select("bus-stop-oracle");
    runner.step(&store, &mut app, Action::Score(5));
    runner.step(&store, &mut app, Action::Score(4));
    let id = "bus-stop-oracle";
    for change in [
        Change::Readings(vec![3.4]),
        Change::Text(judging::model::TextPart::Note, Some("Worked offline on a train.".into())),
    ] {
        store.apply(id, &change).expect("write");
        app.apply(id, &change);
    }
    insta::assert_snapshot!(screen(&app, 100, 30));
}

/// At 80×24, the README's smallest screen: with the focus on the last criterion, every criterion,
/// the focused one's levels (the chosen one marked), the total and both lines of the note show.
#[test]
fn the_smallest_screen_focused_on_the_last_criterion() {
    let (_dir, store, mut app) = sample();
    let mut runner = Runner::new(&store);
    runner.step(&store, &mut app, Action::Resize(80, 24));
    app.select("bus-stop-oracle");
    for key in [5, 4, 3] {
        runner.step(&store, &mut app, Action::Score(key));
    }
    let id = "bus-stop-oracle";
    let change = Change::Text(
        judging::model::TextPart::Note,
        Some("Worked offline on a train.\nAsk about the model size.".into()),
    );
    store.apply(id, &change).expect("write");
    app.apply(id, &change);
    let text = screen(&app, 80, 24);
    for want in [
        "Utility   [5]",
        "Latency   [4]",
        "▶ Cost      [3]",
        "●3 ZeroGPU",
        "Total 4.25",
        "Jury: Worked offline",
        "Ask about the model",
        "? keys",
    ] {
        assert!(text.contains(want), "{want:?} not on the 80×24 screen:\n{text}");
    }
    insta::assert_snapshot!(text);
}

/// A rubric longer than the pane scrolls to the focused criterion and its levels.
#[test]
fn a_long_rubric_scrolls_to_the_focused_criterion() {
    let mut config = Config::builtin();
    let template = config.criteria[2].clone();
    config.criteria.extend((1..=6).map(|i| judging::model::Criterion {
        id: format!("extra{i}"),
        label: format!("Extra {i}"),
        ..template.clone()
    }));
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = Loaded { config, path: None };
    let (store, mut app) = pulled(dir.path(), &loaded);
    let mut runner = Runner::new(&store);
    runner.step(&store, &mut app, Action::Resize(80, 24));
    runner.step(&store, &mut app, Action::Focus(8));
    let text = screen(&app, 80, 24);
    assert!(text.contains("▶ Extra 6") && text.contains("5 Runs on-device"), "the focused criterion's levels:\n{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn warnings_for_an_entry_over_the_limit() {
    let (_dir, _store, mut app) = sample();
    app.select("dream-cartographer");
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn the_help_screen() {
    let (_dir, _store, mut app) = sample();
    assert_eq!(app.update(Action::Help), [], "help asks nothing of the loop");
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn the_note_editor() {
    let (_dir, _store, mut app) = sample();
    assert_eq!(app.update(Action::EditNote), [], "opening the note writes nothing yet");
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn a_terminal_too_small() {
    let (_dir, _store, app) = sample();
    insta::assert_snapshot!(screen(&app, 70, 20));
}

#[test]
fn an_empty_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = Loaded { config: Config::builtin(), path: None };
    let store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
    let app = judging::tui::load(&loaded, "mira", None, &store).expect("app");
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn escapes_in_titles_do_not_reach_the_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("x.csv");
    std::fs::write(
        &export,
        "id,title,team,space_url,track,description\nx,\u{1b}[2J\u{1b}[31mRed title\u{1b}[0m,\u{1b}]0;pwned\u{7}Team,https://huggingface.co/spaces/o/x,wood,\"line\u{1b}[1A\u{9b}2Kone\"\n",
    )
    .expect("write");
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    let loaded = Loaded { config, path: None };
    let (_store, app) = pulled(dir.path(), &loaded);
    let text = screen(&app, 100, 30);
    // The terminal never sees an escape (ratatui drops ESC itself); what shows is that the
    // sanitiser removed each whole sequence, not only its first byte.
    for leftover in ["[2J", "[31m", "[0m", "pwned", "[1A", "2K"] {
        assert!(!text.contains(leftover), "{leftover:?} leaked onto the screen:\n{text}");
    }
    assert!(text.contains("Red title") && text.contains("Team") && text.contains("lineone"), "{text}");
}

/// The list's columns stay put while the judge pages through it: each is as wide as its widest
/// cell in the whole list, not among the rows in sight (a long title further down moved TOTAL
/// and the team under the judge's eyes).
#[test]
fn the_lists_columns_stay_put_while_paging() {
    let (_dir, store, mut app) = sample();
    let mut runner = Runner::new(&store);
    runner.step(&store, &mut app, Action::Resize(80, 24));
    let heading = |text: &str| text.lines().nth(2).map(str::to_owned).expect("the list's heading");
    let first = screen(&app, 80, 24);
    let mut pages = 0;
    loop {
        let before = app.current().map(|e| e.submission.id.clone());
        runner.step(&store, &mut app, Action::Page(1));
        if app.current().map(|e| e.submission.id.clone()) == before {
            break;
        }
        pages += 1;
        let text = screen(&app, 80, 24);
        assert_eq!(heading(&text), heading(&first), "page {pages}:\n{text}");
        // Titles are cut last: the sample's fit whole beside the teams' names at 80 columns.
        assert!(!text.lines().skip(3).take(4).any(|l| l.contains('…')), "a title cut on page {pages}:\n{text}");
    }
    assert!(pages >= 2, "the sample has pages to turn at 80x24: {pages}");
    // At any width the total keeps to the right edge, not mid-screen with blank room after it.
    for (width, height) in [(80, 24), (100, 30), (200, 50)] {
        runner.step(&store, &mut app, Action::Resize(width, height));
        let text = screen(&app, width, height);
        assert!(heading(&text).trim_end_matches('"').ends_with("TOTAL│"), "{width}x{height}:\n{text}");
    }
}

/// At 80 columns the header keeps the sort order, which says why the list reads as it does, and
/// lets "(built-in event)" go first (the first screen said it).
#[test]
fn the_header_keeps_the_sort_before_the_built_in_events_mark() {
    let (_dir, store, mut app) = sample();
    let mut runner = Runner::new(&store);
    runner.step(&store, &mut app, Action::Resize(80, 24));
    // Title, status, then my total: the longest, which the line has no room for with the rest.
    for _ in 0..3 {
        runner.step(&store, &mut app, Action::CycleSort);
    }
    let text = screen(&app, 80, 24);
    let header = text.lines().next().expect("a header");
    assert!(header.contains("sorted by my total") && header.contains("judge mira"), "{header}");
    assert!(!header.contains("(built-in event)"), "{header}");
    let wide = screen(&app, 200, 50);
    assert!(wide.lines().next().is_some_and(|h| h.contains("(built-in event)")), "kept where there is room");
}

/// At 80×24 a filter and a sort are both in the header, its words shortened rather than the
/// order dropped: "judge mira · showing track backyard, unscored" had left out "sorted by my
/// total", and the list's order went unsaid.
#[test]
fn the_header_keeps_the_filters_and_the_sort_at_80_columns() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    let (_dir, store, mut app) = sample();
    let mut runner = Runner::new(&store);
    runner.step(&store, &mut app, Action::Resize(80, 24));
    runner.step(&store, &mut app, Action::CycleTrack);
    runner.step(&store, &mut app, Action::ToggleUnscored);
    for _ in 0..3 {
        runner.step(&store, &mut app, Action::CycleSort);
    }
    let text = screen(&app, 80, 24);
    let header = text.lines().next().expect("a header");
    assert!(header.contains("track backyard, unscored") && header.contains("by my total"), "{header}");
    // A search too: still both, the event's name gone first.
    runner.step(&store, &mut app, Action::Search);
    for c in "moss".chars() {
        runner.step(&store, &mut app, Action::Type(KeyEvent::from(KeyCode::Char(c))));
    }
    runner.step(&store, &mut app, Action::Close(true));
    let text = screen(&app, 80, 24);
    let header = text.lines().next().expect("a header");
    assert!(header.contains("track backyard, unscored, \"moss\" · by my total"), "{header}");
    insta::assert_snapshot!(text);
}

/// An event name of 84 characters is cut with "…" before the sort order or the name itself
/// leave the header at 80 and 100 columns; whole at 200.
#[test]
fn a_long_event_name_is_cut_before_the_header_drops_anything() {
    let (_dir, _store, mut app) = sample();
    app.builtin_event = false;
    app.config.event.name = format!("The Very Long {}Hackathon", "Build Small ".repeat(6));
    for (width, height) in [(80, 24), (100, 30)] {
        let text = screen(&app, width, height);
        let header = text.lines().next().expect("a header");
        assert!(header.contains("The Very Long Build Small") && header.contains('…'), "{header}");
        assert!(header.contains("judge mira") && header.contains("by export order"), "{header}");
    }
    let wide = screen(&app, 200, 50);
    assert!(wide.lines().next().is_some_and(|h| h.contains("Small Hackathon · judge mira")), "{wide}");
}

/// Long titles alike in their first words (versions of one app) are cut so that each row of
/// the list, and each message naming one, still reads apart: at 80 columns every row read
/// "Neighbourhood Allotment Watering Assis…".
#[test]
fn alike_long_titles_are_told_apart_in_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("x.csv");
    let base = "Neighbourhood Allotment Watering Assistant for Elderly Gardeners";
    let mut csv = "id,title,team,space_url,track\n".to_owned();
    for (k, v) in ["(v1)", "(v2)", "(final)", "- Team Edition", "(fork)"].iter().enumerate() {
        csv.push_str(&format!("e{k},{base} {v},Team {k},https://huggingface.co/spaces/o/e{k},wood\n"));
    }
    std::fs::write(&export, csv).expect("write");
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    let loaded = Loaded { config, path: None };
    let (store, mut app) = pulled(dir.path(), &loaded);
    let mut runner = Runner::new(&store);
    runner.step(&store, &mut app, Action::Resize(80, 24));
    let text = screen(&app, 80, 24);
    let rows: Vec<&str> = text.lines().skip(3).take(4).collect();
    for (k, row) in rows.iter().enumerate() {
        let title = row.split_once("wood").and_then(|(_, r)| r.rsplit_once(" Team ")).map(|(t, _)| t.trim());
        let title = title.unwrap_or_else(|| panic!("a title in {row}:\n{text}"));
        assert!(title.contains('…'), "{title:?} is cut at 80 columns:\n{text}");
        let alike = rows.iter().filter(|r| r.contains(title)).count();
        assert_eq!(alike, 1, "{title:?} reads alike in {alike} rows (row {k}):\n{text}");
    }
    insta::assert_snapshot!(text);
    // The note's box names its entry cut once, with what tells it apart.
    runner.step(&store, &mut app, Action::EditNote);
    let top = app.box_titles().expect("the note's box").top;
    assert!(top.matches('…').count() == 1 && top.contains("(v1)"), "{top:?}");
}

/// Titles and teams written in letters that take other than a column a character: accents
/// written apart, Devanagari and Thai vowel signs, emoji sequences, wide CJK, "❤️" (a
/// character of width 1 and a selector, 2 columns drawn). A cut was made character by
/// character, so a title of hearts overran its column and lost its "…" to the team's, and a
/// description of them lost half of each line past the pane's edge.
const LETTERS: [(&str, &str); 9] = [
    ("Cafe\u{301} Compa\u{301}s", "Cre\u{300}me Bru\u{302}le\u{301}e"),
    ("हिन्दी सहायक", "नमस्ते टीम"),
    ("ผู้ช่วยภาษาไทย", "ทีมสวัสดี"),
    ("Family 👨\u{200d}👩\u{200d}👧\u{200d}👦 Planner", "Team 🏳\u{fe0f}\u{200d}🌈 Pride"),
    ("漢字の学習アプリと長いタイトルのアプリです", "東京チーム"),
    (
        "I \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2764}\u{fe0f} Knitting",
        "Yarn \u{2764}\u{fe0f} Crew \u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}\u{2600}\u{fe0f}",
    ),
    (
        "👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻👩🏽\u{200d}💻 Coders",
        "Zoe\u{308} A\u{30a}berg",
    ),
    (
        "Cafe\u{301} Cafe\u{301} Cafe\u{301} Cafe\u{301} Cafe\u{301} Cafe\u{301} Cafe\u{301} Cafe\u{301} Cafe\u{301}",
        "E\u{301}quipe",
    ),
    ("Hearts", "Plain Team"),
];

/// The text a row shows from column `from` up to `to`, a cell wide letter at a time.
fn drawn_between(buf: &ratatui::buffer::Buffer, y: u16, from: u16, to: u16) -> String {
    let mut out = String::new();
    let mut x = from;
    while x < to {
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        x += u16::try_from(judging::text_width::width(symbol).max(1)).unwrap_or(1);
    }
    out
}

#[test]
fn letters_of_every_width_keep_to_their_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("x.csv");
    let hearts = "\u{2764}\u{fe0f}".repeat(60);
    let mut csv = "id,title,team,space_url,track,description\n".to_owned();
    for (k, (title, team)) in LETTERS.iter().enumerate() {
        csv.push_str(&format!("e{k},{title},{team},https://huggingface.co/spaces/o/e{k},wood,{hearts} end\n"));
    }
    std::fs::write(&export, csv).expect("write");
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    let (store, mut app) = pulled(dir.path(), &Loaded { config, path: None });
    let mut runner = Runner::new(&store);
    for (width, height) in [(80, 24), (100, 30), (200, 50)] {
        runner.step(&store, &mut app, Action::Resize(width, height));
        for (k, (title, team)) in LETTERS.iter().enumerate() {
            app.select(&format!("e{k}"));
            // A terminal of its own for each frame: `TestBackend` keeps what a wide letter of
            // the frame before covered, where a terminal would have cleared it.
            let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draw");
            let buf = terminal.backend().buffer();
            let text = terminal.backend().to_string();
            let heading = drawn_between(buf, 2, 0, width);
            let at = |head: &str| {
                let before = heading.split(head).next().expect(head);
                u16::try_from(judging::text_width::width(before)).expect("a column")
            };
            let (title_x, team_x, total_x) = (at("TITLE"), at("TEAM"), at("TOTAL"));
            let y = (3..height).find(|y| buf[(1, *y)].symbol() == "▶").expect("the selected row");
            let cell = |from: u16, to: u16| drawn_between(buf, y, from, to).trim_end().to_owned();
            for (shown, whole) in [(cell(title_x, team_x - 1), *title), (cell(team_x, total_x - 1), *team)] {
                let cut = shown.strip_suffix('…').is_some_and(|head| whole.starts_with(head));
                assert!(whole.starts_with(&shown) || cut, "{whole:?} shows as {shown:?} at {width}x{height}:\n{text}");
            }
            assert!(buf[(total_x - 1, y)].symbol() == " ", "the team runs into the total at {width}x{height}:\n{text}");
        }
        // The description's sixty hearts, all of them, over the whole screen `i` gives.
        runner.step(&store, &mut app, Action::WholeEntry);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draw");
        let buf = terminal.backend().buffer();
        let top = drawn_between(buf, 1, 0, width);
        let (before, rest) = top.split_once("┌ Entry, whole").expect("the whole entry's box");
        let from = u16::try_from(judging::text_width::width(before)).expect("a column");
        // From the box's left corner to its right one.
        let corner_to_corner = format!("┌ Entry, whole{}┐", rest.split('┐').next().unwrap_or(rest));
        let to = from + u16::try_from(judging::text_width::width(&corner_to_corner)).expect("a column");
        let inside = |x: u16| (from..to).contains(&x);
        let shown = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .filter(|(x, y)| inside(*x) && buf[(*x, *y)].symbol() == "\u{2764}\u{fe0f}")
            .count();
        assert_eq!(shown, 60, "hearts shown of 60 at {width}x{height}:\n{}", terminal.backend());
        runner.step(&store, &mut app, Action::Close(false));
        if width == 80 {
            app.select("e5");
            insta::assert_snapshot!(screen(&app, width, height));
        }
    }
}

/// A note longer than its box, at 80×24: pasted, it shows its end, and the bottom edge counts
/// the rows above (a long line wraps to two, and counts as two); `^Home` goes to its top, and the
/// edge counts the rows below. The box had shown the end alone, with nothing said of the rest,
/// and `^Home` went only to the line's start.
#[test]
fn a_long_note_counts_its_lines_out_of_sight() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_dir, store, mut app) = sample();
    let mut runner = Runner::new(&store);
    runner.step(&store, &mut app, Action::Resize(80, 24));
    runner.step(&store, &mut app, Action::EditNote);
    let note: Vec<String> = (1..=30)
        .map(|i| match i {
            5 => "line 5, long: it tells of the demo at length, of the model it ran and of the \
                  hardware it ran on"
                .to_owned(),
            i => format!("line {i} of a long pasted note"),
        })
        .collect();
    runner.step(&store, &mut app, Action::Paste(note.join("\n")));
    let end = screen(&app, 80, 24);
    assert!(end.contains("↑ 19 more lines") && end.contains("line 30 of") && !end.contains("line 18 of"), "{end}");
    insta::assert_snapshot!("a_long_note_at_its_end", end);
    runner.step(&store, &mut app, Action::Type(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL)));
    let top = screen(&app, 80, 24);
    assert!(top.contains("↓ 19 more lines") && top.contains("line 1 of") && !top.contains("↑"), "{top}");
    insta::assert_snapshot!("a_long_note_at_its_top", top);
    // Fifteen rows down, the box shows rows 5 to 16 of the 31.
    for _ in 0..15 {
        runner.step(&store, &mut app, Action::Type(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)));
    }
    let middle = screen(&app, 80, 24);
    assert!(middle.contains("↑ 4 · ↓ 15 more lines"), "{middle}");
}

/// A title holding characters a terminal draws at a width of its own (a soft hyphen, a grapheme
/// joiner, a Mongolian vowel separator, a word joiner, a private-use character, a tag character)
/// reads the same in the list's row, the Entry pane and the whole entry (`i`) at 80×24, and no
/// cell holds one of them, so each box's right border is where the layout put it. The row had
/// kept them all and the Entry pane four fewer; in tmux a stale letter stayed on the first frame
/// and `i` drew its right border twice.
#[test]
fn invisible_characters_in_a_title_are_drawn_alike_in_every_pane() {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("x.csv");
    let title = "Pantry\u{ad}P\u{34f}o\u{180e}e\u{2060}t\u{e000}x\u{e0041}";
    std::fs::write(
        &export,
        format!("id,title,team,space_url,track,description\npp,{title},\u{feff}Crew\u{200b},https://huggingface.co/spaces/o/pp,wood,a\u{200b}b\u{e000}c\n"),
    )
    .expect("write");
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    let (store, mut app) = pulled(dir.path(), &Loaded { config, path: None });
    let mut runner = Runner::new(&store);
    runner.step(&store, &mut app, Action::Resize(80, 24));
    app.select("pp");
    let shown = "PantryPoet\u{fffd}x";
    let frame = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draw");
        let buf = terminal.backend().buffer().clone();
        let private = |c: char| ('\u{e000}'..='\u{f8ff}').contains(&c) || c >= '\u{f0000}';
        for y in 0..24 {
            let row = drawn_between(&buf, y, 0, 80);
            assert!(!row.chars().any(|c| judging::sanitize::hides(c) || private(c)), "row {y}: {row:?}");
            assert_eq!(judging::text_width::width(&row), 80, "row {y} is not 80 columns: {row:?}");
        }
        (buf, terminal.backend().to_string())
    };
    let (buf, browse) = frame(&app);
    let titled: Vec<String> = (0..24).map(|y| drawn_between(&buf, y, 0, 80)).filter(|l| l.contains("Pantry")).collect();
    // The row, and the Entry pane's first line.
    assert_eq!(titled.len(), 2, "{browse}");
    assert!(titled.iter().all(|l| l.contains(shown)), "{browse}");
    assert!(titled[0].contains('▶') && browse.contains("Crew"), "{browse}");
    insta::assert_snapshot!("invisible_title_browse", browse);
    runner.step(&store, &mut app, Action::WholeEntry);
    let (buf, whole) = frame(&app);
    let line = (0..24).map(|y| drawn_between(&buf, y, 0, 80)).find(|l| l.contains("Pantry")).unwrap_or_default();
    assert!(line.contains(shown), "{whole}");
    // The box's borders on every row between its corners: one on each side, none doubled.
    let top = (0..24).find(|y| drawn_between(&buf, *y, 0, 80).contains("┌ Entry, whole")).expect("the box");
    let bottom = (top + 1..24).find(|y| drawn_between(&buf, *y, 0, 80).contains('└')).expect("its bottom");
    for y in top + 1..bottom {
        let row = drawn_between(&buf, y, 0, 80);
        assert_eq!(row.matches('│').count(), 2, "row {y}: {row:?}\n{whole}");
    }
    assert!(whole.contains("abc") || whole.contains("ab\u{fffd}c"), "{whole}");
    insta::assert_snapshot!("invisible_title_whole_entry", whole);
}

/// A title with Scotland's flag (a black flag and the tag characters "gbsct", then CANCEL TAG)
/// shows the flag whole in one cell of two columns in the list's row at 80 columns, the row 80
/// columns wide and its team where the heading says; a stray tag character in the team is
/// dropped. Screen cleaning had dropped the flag's tags as hidden, showing a plain black flag.
#[test]
fn a_flag_of_tag_characters_shows_whole_in_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("x.csv");
    let scotland = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
    std::fs::write(
        &export,
        format!(
            "id,title,team,space_url,track,description\nhh,Haggis {scotland} Hunt,Clan\u{e0041} Crew,https://huggingface.co/spaces/o/hh,wood,a flag\n"
        ),
    )
    .expect("write");
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    let (store, mut app) = pulled(dir.path(), &Loaded { config, path: None });
    Runner::new(&store).step(&store, &mut app, Action::Resize(80, 24));
    app.select("hh");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let y = (3..24).find(|y| buf[(1, *y)].symbol() == "▶").expect("the selected row");
    let row = drawn_between(&buf, y, 0, 80);
    assert!(row.contains(&format!("Haggis {scotland} Hunt")) && row.contains("Clan Crew"), "{row:?}");
    assert_eq!(judging::text_width::width(&row), 80, "{row:?}");
    let flag_x = (0..80).find(|x| buf[(*x, y)].symbol() == scotland).expect("the flag in one cell");
    assert_eq!(buf[(flag_x + 2, y)].symbol(), " ", "two columns, then the space before Hunt");
    let heading = drawn_between(&buf, 2, 0, 80);
    let team_x = judging::text_width::width(heading.split("TEAM").next().unwrap_or_default());
    assert_eq!(judging::text_width::width(row.split("Clan").next().unwrap_or_default()), team_x, "{heading}\n{row}");
    insta::assert_snapshot!("a_flag_of_tag_characters_in_the_list", terminal.backend().to_string());
}
