//! The head judge's screen (`judging merge --tui`) on ratatui's `TestBackend`, as insta snapshots.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

mod boards;

use boards::rankings;
use judging::tui::board::Board;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn screen(board: &Board, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(board, frame.area())).expect("draw");
    terminal.backend().to_string()
}

/// The built-in event with Backyard paying seven places, so that its tie at #5 decides money.
fn seven_places() -> String {
    judging::config::BUILTIN
        .replace("amounts = [2500, 1500, 1000, 500]", "amounts = [2500, 1500, 1000, 500, 300, 200, 100]")
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

/// The tabs name each ranking by its track's name in judging.toml, as the merge's tables do
/// ("backyard (7)" had stood beside the printed "BACKYARD AI"), cleaned of controls and cut to
/// leave room for the others; a track judging.toml does not name keeps its id.
#[test]
fn the_tabs_name_each_ranking_by_its_tracks_name() {
    let mut r = rankings();
    let mut tracks = judging::config::Config::builtin().tracks;
    tracks[0].name = "Back\u{7}yard AI".into();
    tracks[1].name = "The Thousand Token Wood Beyond the Hills".into();
    r.name_tracks(&tracks);
    let board = Board::new(&r, "Build Small Hackathon");
    let shown = screen(&board, 80, 24);
    let tabs = shown.lines().nth(1).expect("the tabs");
    assert!(tabs.contains(" overall (") && tabs.contains(" Backyard AI (7) "), "{tabs}");
    assert!(tabs.contains(" The Thousand Token Wood… (5) ") && !tabs.contains("Beyond"), "{tabs}");
    assert!(!shown.contains('\u{7}') && !tabs.contains("backyard"), "{shown}");
    tracks.truncate(1);
    r.name_tracks(&tracks);
    let board = Board::new(&r, "Build Small Hackathon");
    let tabs = screen(&board, 80, 24).lines().nth(1).expect("the tabs").to_owned();
    assert!(tabs.contains(" wood (5) "), "a track judging.toml does not list, by its id: {tabs}");
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
    // A key that does nothing says so, as on the judge's screen; the next key clears it.
    board.key(KeyEvent::from(KeyCode::Char('z')));
    assert_eq!(board.status, "z does nothing here; ? shows the keys");
    board.key(KeyEvent::from(KeyCode::Down));
    assert_eq!(board.status, "");
    // The finals view shows no ranking's rows: `d` there settles nothing behind it.
    board.has_finals = true;
    board.key(KeyEvent::from(KeyCode::Char('F')));
    board.key(KeyEvent::from(KeyCode::Char('d')));
    assert!(board.settle.is_none(), "nothing opened behind the finals view");
    assert_eq!(
        board.status,
        "d does nothing in the finals view: a tie is settled on its ranking, which F goes back to"
    );
    board.key(KeyEvent::from(KeyCode::Char('F')));
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
    board.key(KeyEvent::from(KeyCode::Char('v')));
    let first = screen(&board, 120, 30);
    assert!(first.contains("judge-00") && !first.contains("judge-39"), "{first}");
    assert!(first.contains("0 above, 20 below · J/K scroll"), "the judges in sight: {first}");
    for _ in 0..100 {
        board.key(KeyEvent::from(KeyCode::Char('J')));
    }
    let last = screen(&board, 120, 30);
    assert!(last.contains("judge-39") && !last.contains("judge-19"), "{last}");
    assert!(last.contains("20 above, 0 below"), "the end is the last screenful: {last}");
}

/// The judges' view says how far they agree as Krippendorff's alpha, the one figure for any
/// design.
#[test]
fn the_judges_view_gives_krippendorffs_alpha() {
    let r = rankings();
    let alpha = r.alpha.expect("entries with two judges").interval;
    let mut board = Board::new(&r, "Build Small Hackathon");
    board.key(KeyEvent::from(KeyCode::Char('v')));
    let text = screen(&board, 120, 30);
    assert!(text.contains(&format!("agreement α {alpha:.2}")), "{text}");
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

/// An entry the rules exclude from prizes is flagged in its row, counted under what to
/// deliberate, and its view says why.
#[test]
fn the_board_says_who_cannot_win_and_why() {
    let r = rankings();
    let mut board = Board::new(&r, "Build Small Hackathon");
    let at = r.rankings[0].1.iter().position(|e| e.id == "dream-cartographer").expect("ranked");
    for _ in 0..at {
        board.key(KeyEvent::from(KeyCode::Down));
    }
    let text = screen(&board, 120, 30);
    let row = text.lines().find(|l| l.contains('▶')).unwrap_or_default();
    assert!(row.contains("Dream Cartographer") && row.contains("ineligible"), "{text}");
    assert!(text.contains("1 ineligible (the rules exclude it from"), "{text}");
    assert!(text.contains("Cannot win a prize under the event's") && text.contains("rules: 72B of models"), "{text}");
}

#[test]
fn question_mark_shows_the_keys() {
    let r = rankings();
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&judging::config::Config::builtin());
    board.key(KeyEvent::from(KeyCode::Char('?')));
    let text = screen(&board, 100, 30);
    // The judge's help's wording, one declaration for both: any key closes it (the title had
    // said "(? closes)").
    let title = judging::tui::keys::help_title();
    assert!(title.contains("any key closes") && text.contains(title.trim()), "{text}");
    assert!(text.contains("settle the selected tie"), "{text}");
    board.key(KeyEvent::from(KeyCode::Char('j')));
    assert!(!board.help && board.selected == 0, "any key closes the help, and does nothing else");
    insta::assert_snapshot!(text);
}

/// The head judge settles the three-way tie at #5 of the backyard ranking from the screen: the
/// decision goes to decisions.toml after what was there, and `results` applies it.
#[test]
fn a_tie_settled_on_the_screen_is_recorded_in_decisions_toml() {
    let r = rankings();
    let dir = tempfile::tempdir().expect("tempdir");
    let config_path = dir.path().join("judging.toml");
    // Backyard pays seven places here, so that its tie at #5 decides money.
    let seven = seven_places();
    std::fs::write(&config_path, seven).expect("config");
    let decisions = dir.path().join("decisions.toml");
    std::fs::write(&decisions, "# The jury's decisions, 21 June.\n").expect("decisions");
    let loaded = judging::event_files::load(Some(&config_path)).expect("loads");
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&loaded.config);
    let press = |board: &mut Board, code: KeyCode| board.key(KeyEvent::from(code));
    press(&mut board, KeyCode::Right);
    assert_eq!(board.ranking_name(), "backyard");
    press(&mut board, KeyCode::Char('d'));
    assert!(board.settle.is_none() && board.status.contains("is not tied"), "{}", board.status);
    // The message answers that key: the next one clears it, so it never stands beside another
    // entry or another ranking.
    press(&mut board, KeyCode::Char('G'));
    assert_eq!(board.status, "", "cleared by the next key");
    // Esc leaves the dialog with nothing recorded.
    press(&mut board, KeyCode::Char('d'));
    press(&mut board, KeyCode::Char('2'));
    press(&mut board, KeyCode::Esc);
    assert!(board.settle.is_none() && board.status == "Nothing recorded.");
    press(&mut board, KeyCode::Char('d'));
    let tied: Vec<String> = board.settle.as_ref().expect("settling").tied.iter().map(|t| t.id.clone()).collect();
    assert_eq!(tied.len(), 3);
    // Every key that does not act says why (a `q` here had looked like a hang).
    let said = [
        (KeyCode::Char('3'), ""),
        (KeyCode::Char('q'), "q does nothing here: press the number (1 to 3) of the entry that places #6"),
        (KeyCode::Char('3'), "3 places #5 already: press another, or Backspace to start again"),
        (KeyCode::Char('9'), "9 is not one of the tied entries: press 1 to 3"),
        (KeyCode::Char('1'), ""),
    ];
    for (code, want) in said {
        assert_eq!(press(&mut board, code), None);
        assert!(
            board.status.starts_with(want) && (want.is_empty() == board.status.is_empty()),
            "{code:?}: {}",
            board.status
        );
    }
    let dialog = screen(&board, 100, 30);
    assert!(dialog.contains("Why this order?"), "the third placed itself: {dialog}");
    // What is at stake, and what the jury weighs: each entry's score and judges.
    assert!(dialog.contains("At stake: #5 $300, #6 $200, #7 $100."), "{dialog}");
    let row = dialog.lines().find(|l| l.contains("Sprout Sense") && l.contains("judges")).expect("its row");
    let after = &row[row.find("Sprout Sense").unwrap_or(0)..];
    assert!(after.contains("1.00") && after.contains("· 2 judges"), "{dialog}");
    assert_eq!(press(&mut board, KeyCode::Enter), None, "no reason yet");
    assert!(board.status.contains("Give the reason"), "{}", board.status);
    press(&mut board, KeyCode::Tab);
    assert!(board.status.starts_with("Tab does nothing here: type the reason"), "{}", board.status);
    for c in "Jury vote, 4 to 1".chars() {
        press(&mut board, KeyCode::Char(c));
    }
    insta::assert_snapshot!(screen(&board, 100, 30));
    let Some(judging::tui::board::Effect::Record(decision)) = press(&mut board, KeyCode::Enter) else {
        panic!("Enter records the decision")
    };
    assert_eq!(decision.prize, "backyard");
    assert_eq!(decision.order, [tied[2].clone(), tied[0].clone(), tied[1].clone()]);
    assert_eq!(decision.reason, "Jury vote, 4 to 1");
    assert_eq!(decision.method.as_deref(), Some(r.method.as_str()), "the method it was made under");
    // No place: the screen's count of places is not always the results' (a prize an entry
    // cannot win twice), and one recorded at the wrong place would not apply.
    assert_eq!(decision.place, None);
    let known: std::collections::HashSet<&str> = tied.iter().map(String::as_str).collect();
    let path = loaded.record_decision(&decision, &known).expect("recorded");
    board.recorded(decision.clone(), &path);
    let written = std::fs::read_to_string(&decisions).expect("read");
    assert!(written.starts_with("# The jury's decisions, 21 June.\n"), "the head judge's words kept: {written}");
    let (_, read_back) = loaded.decisions(None).expect("valid");
    assert_eq!(read_back, std::slice::from_ref(&decision));
    let after = screen(&board, 100, 30);
    assert!(after.contains("tie at #5 settled") && after.contains("Recorded in"), "{after}");
    // The rankings say the tie is decided, where FLAGS had gone on saying `tie`: only `d` told.
    let settled = |shown: &str, mark: &str| {
        let rows: Vec<&str> = shown.lines().filter(|l| l.contains("\"│  5 ") || l.contains("\"│▶ 5 ")).collect();
        assert_eq!(rows.len(), 3, "the three at #5: {shown}");
        assert!(rows.iter().all(|l| l.contains(mark) && !l.contains(" tie") && !l.contains(" ti ")), "{shown}");
    };
    settled(&after, "decided");
    settled(&screen(&board, 80, 24), "decided");
    // The entries by their titles, not their ids.
    let said = "Chore Chart Diplomat before Sprout Sense before Recipe Rescue";
    assert!(board.status.contains(said) && !board.status.contains(&tied[2]), "{}", board.status);
    assert!(after.contains("tie at #5 settled: Chore Chart"), "{after}");
    // The same tie again is refused, on the screen and in the file.
    press(&mut board, KeyCode::Char('d'));
    assert!(board.settle.is_none() && board.status.starts_with("Already settled"), "{}", board.status);
    assert!(board.status.contains(said), "{}", board.status);
    let again = loaded.record_decision(&decision, &known).expect_err("one decision per tie");
    // At the line of the decision's order, quoted, as every problem of decisions.toml is said.
    let at = format!("line 5 (`order = [\"{}\", ", tied[2]);
    assert!(again.to_string().contains(&at), "{again}");
    assert!(again.to_string().contains("`): decisions[0] already settles this tie"), "{again}");
    assert_eq!(std::fs::read_to_string(&decisions).expect("read"), written, "the file as it was");
    // A tie where no prize pays places decides nothing.
    press(&mut board, KeyCode::Left);
    press(&mut board, KeyCode::Char('d'));
    assert!(board.status.contains("No prize pays places in the overall ranking"), "{}", board.status);
    // Where backyard pays four places, its tie at #5 changes no prize: refused, saying why.
    let four = judging::event_files::load(None).expect("built in");
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&four.config);
    press(&mut board, KeyCode::Right);
    press(&mut board, KeyCode::Char('G'));
    press(&mut board, KeyCode::Char('d'));
    assert!(board.settle.is_none(), "nothing to settle below the paid places");
    assert!(board.status.contains("below the 4 paid places of Backyard AI"), "{}", board.status);
}

/// A CJK character takes two columns: the rankings make room for a wide title by its columns,
/// not its characters, so the whole title shows (up to the 20 columns a title is given room for,
/// here beside flags as wide as "tie conflict", and every criterion's whole heading).
#[test]
fn wide_titles_get_the_columns_they_take() {
    let mut r = rankings();
    let title = "夜の森の小さな詩人た"; // 10 characters, 20 columns
    for ranked in &mut r.rankings[0].1 {
        ranked.title = title.into();
    }
    let board = Board::new(&r, "Build Small Hackathon");
    let text = screen(&board, 120, 30);
    // The selected row of the rankings, left of the side pane.
    let row = text.lines().find(|l| l.contains('▶')).and_then(|l| l.split("││").next()).expect("a selected row");
    assert!(row.contains(title), "the whole title in the rankings: {row}\n{text}");
}

/// Issue 25, item 15: a tie of more than nine entries is settled by typing two-digit numbers;
/// a number that one more digit could extend waits for it, or for Enter.
#[test]
fn a_tie_of_more_than_nine_is_settled_by_number() {
    use judging::tui::board::{Settle, Tied};
    let r = rankings();
    let mut board = Board::new(&r, "x");
    let tied =
        (1..=11).map(|i| Tied { id: format!("e{i}"), title: format!("Entry {i}"), score: 1.0, judges: 2 }).collect();
    board.settle = Some(Settle {
        prize: "p".into(),
        prize_name: "P".into(),
        place: 1,
        tied,
        pays: vec![100.0],
        currency: "USD".into(),
        order: Vec::new(),
        typed: String::new(),
        reason: String::new(),
    });
    let press = |board: &mut Board, code: KeyCode| board.key(KeyEvent::from(code));
    let order = |board: &Board| board.settle.as_ref().map(|s| s.order.clone()).unwrap_or_default();
    press(&mut board, KeyCode::Char('1'));
    assert_eq!(order(&board), Vec::<usize>::new(), "1 could become 10 or 11: it waits");
    press(&mut board, KeyCode::Char('1'));
    assert_eq!(order(&board), [10], "11 places first");
    press(&mut board, KeyCode::Char('1'));
    press(&mut board, KeyCode::Enter);
    assert_eq!(order(&board), [10, 0], "1 and Enter: the first entry");
    press(&mut board, KeyCode::Char('7'));
    assert_eq!(order(&board), [10, 0, 6], "7 cannot go on: at once");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(&board, frame.area())).expect("draw");
    let buf = terminal.backend().buffer();
    assert!(judging::tui::fit::shows_whole(buf, "(Enter after a number that could go on)"), "{buf:?}");
}

/// Issue 25, item 12: at 100×30 with the side shown, every criterion's column of the backyard
/// ranking shows under its whole heading.
#[test]
fn at_100_by_30_with_the_side_every_heading_is_whole() {
    let r = rankings();
    let mut board = Board::new(&r, "Build Small Hackathon");
    board.key(KeyEvent::from(KeyCode::Right));
    let text = screen(&board, 100, 30);
    let header = text.lines().nth(3).unwrap_or_default();
    for heading in ["UTILITY", "LATENCY", "COST"] {
        assert!(header.contains(heading), "{heading} in {header}\n{text}");
    }
    assert!(!header.contains('…'), "{header}");
}

/// A published finalist the merge no longer ranks is left out of its round, which the warning
/// names by its track's name, as the merge's tables do: it had said "\"backyard\" has 1 …".
#[test]
fn a_finalist_the_merge_does_not_rank_is_said_of_the_round_by_its_tracks_name() {
    use judging::finals::{Finalist, Round, published::Published};
    let r = rankings();
    let config = judging::config::Config::builtin();
    let finalist = |id: &str| Finalist { id: id.into(), title: id.into(), rubric_place: 1, rubric_score: 1.0 };
    let first = &r.ranking("backyard").expect("backyard")[0].id;
    let round = Round {
        ranking: "backyard".into(),
        paid: 1,
        finalists: vec![finalist(first), finalist("gone")],
        judges: Vec::new(),
        answers: Vec::new(),
    };
    let published =
        Published { event: "e".into(), published_at: "now".into(), method: "mean".into(), rounds: vec![round] };
    let field = judging::rankings::Field::new(&[]);
    let (rounds, warnings) = judging::finals::gather(&published, &r, &[], &field, &config);
    assert_eq!(rounds[0].finalists.len(), 1);
    assert_eq!(
        warnings,
        [
            "the Backyard AI finals have 1 finalist not in this merge's ranking (withdrawn, or scored by no judge): they go on without them"
        ]
    );
}

#[test]
fn the_finals_view_gives_the_order_each_pairs_tally_and_how_sure_each_paid_place_is() {
    let r = boards::with_finals();
    let s = r.finals.first().expect("a settled round").clone();
    let mut board = Board::new(&r, "Build Small Hackathon");
    board.key(KeyEvent::from(KeyCode::Char('F')));
    // Overall has no finals: the view says where they are.
    // Each ranking named by its track's name, as the tabs name it: "backyard" had stood there.
    let elsewhere = screen(&board, 100, 30);
    assert!(elsewhere.contains("No finals in this ranking; ←/→ to those with finals: Backyard AI."), "{elsewhere}");
    let note = &r.majorities.iter().find(|m| m.ranking == "backyard").expect("backyard's").said;
    assert!(note.contains("the paid places of Backyard AI come from "), "{note}");
    board.key(KeyEvent::from(KeyCode::Right));
    let text = screen(&board, 100, 30);
    assert!(text.contains("Finals of Backyard AI: 4 finalists, 2 places paid"), "{text}");
    // The core's order, first to last, each with its chance of a paid place.
    let at = |title: &str| text.find(&title[..title.len().min(20)]).expect("each finalist shown");
    let shown: Vec<usize> = s.order.iter().map(|f| at(&f.title)).collect();
    assert!(shown.windows(2).all(|w| w[0] < w[1]), "in the finals' order: {text}");
    assert!(text.contains("5 compared, 1 still uncompared") && text.contains("Uncompared:"), "{text}");
    assert!(text.contains("judges disagree"), "{text}");
    insta::assert_snapshot!(text);
    insta::assert_snapshot!("finals_view_80x24", screen(&board, 80, 24));
    // At 80×24 the view scrolls, as the warnings do: it had ended "… and 2 more lines: enlarge
    // the terminal", and ↓ did nothing. Every line of the 100-column view is read by scrolling.
    let first = screen(&board, 80, 24);
    assert!(!first.contains("enlarge the terminal") && first.contains("↑/↓ scroll"), "{first}");
    let mut seen = first.clone();
    for _ in 0..30 {
        board.key(KeyEvent::from(KeyCode::Char('j')));
        seen.push_str(&screen(&board, 80, 24));
    }
    let end = screen(&board, 80, 24);
    assert!(end.contains("Uncompared: Meter Reader – Invoice Imp"), "{end}");
    insta::assert_snapshot!("finals_view_80x24_scrolled_to_its_end", end);
    let last = text.lines().rev().find(|l| l.contains("│") && l.trim_matches(['"', '│', ' ', '┐', '┘']).len() > 2);
    let last = last.map(|l| l.split('│').nth(1).unwrap_or("").trim().to_owned()).unwrap_or_default();
    assert!(!last.is_empty() && seen.contains(&last[..last.len().min(30)]), "{last:?} never shown at 80×24");
    board.key(KeyEvent::from(KeyCode::Char('g')));
    assert_eq!(screen(&board, 80, 24), first, "g goes back to the top");
    board.key(KeyEvent::from(KeyCode::Char('F')));
    assert!(!board.finals, "F again returns to the ranking");
    // The ranking the finals placed says so, its first places being out of the scores' order.
    let text = screen(&board, 100, 30);
    assert!(text.contains("places 1–4 by the finals (F shows them)"), "{text}");
    // Beside the side at 80×24 the title is a shorter form, whole: it had been cut mid-word
    // with no "…" ("(F show┐").
    board.side = Some(judging::tui::board::Side::Entry);
    let text = screen(&board, 80, 24);
    let top = text.lines().find(|l| l.contains("┌ Rankings")).expect("the rankings' top edge");
    assert!(top.contains("┌ Rankings · places 1–4 by the finals ─"), "{top}");
}

/// On an event with no finals round the footer and the help offer no F, and F says why it does
/// nothing; in the finals view the footer offers the keys that act there, not ↑/↓ or d.
#[test]
fn f_is_offered_only_where_there_are_finals() {
    let r = rankings();
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&judging::config::Config::builtin());
    board.key(KeyEvent::from(KeyCode::Right));
    let text = screen(&board, 100, 30);
    assert!(!text.contains("F finals") && text.contains("d settle a tie"), "{text}");
    board.key(KeyEvent::from(KeyCode::Char('?')));
    assert!(!screen(&board, 100, 30).contains("the finals of this ranking"), "the help has no F");
    board.key(KeyEvent::from(KeyCode::Char('?')));
    board.key(KeyEvent::from(KeyCode::Char('F')));
    assert!(!board.finals, "no finals view to open");
    assert!(screen(&board, 100, 30).contains("This event has no finals round"), "said why");
    let r = boards::with_finals();
    let mut board = Board::new(&r, "Build Small Hackathon");
    // The help explains the finals view's columns, which only their capitals had named.
    board.has_finals = true;
    board.key(KeyEvent::from(KeyCode::Char('?')));
    let help = screen(&board, 200, 60);
    for said in ["STRENGTH", "the comparisons it won, lost and drew", "how sure it is above the finalist"] {
        assert!(help.contains(said), "{said}: {help}");
    }
    // However long the list, the footer below it still says how the keys close.
    let small = screen(&board, 80, 24);
    assert!(small.lines().last().is_some_and(|l| l.contains("any key closes")), "{small}");
    board.key(KeyEvent::from(KeyCode::Char('?')));
    assert!(screen(&board, 100, 30).contains("F finals"), "offered with finals");
    board.key(KeyEvent::from(KeyCode::Char('F')));
    let text = screen(&board, 100, 30);
    assert!(text.contains("F returns to the ranking") && !text.contains("d settle a tie"), "{text}");
}

/// The tie the screen settles is the one `results` pays: among the entries the event's rules
/// let win, at the place they hold among those (a probe recorded an order naming an excluded
/// entry, at the merge's place, and `results` then refused every prize).
#[test]
fn a_tie_is_settled_among_the_entries_that_can_win() {
    let mut r = rankings();
    let seven = seven_places();
    let dir = tempfile::tempdir().expect("tempdir");
    let config_path = dir.path().join("judging.toml");
    std::fs::write(&config_path, seven).expect("config");
    let loaded = judging::event_files::load(Some(&config_path)).expect("loads");
    // In the backyard ranking: one entry above the tie at #5, and one of the tied, excluded.
    let backyard = &mut r.rankings[1].1;
    let above = backyard.iter().position(|e| e.place < 5).expect("an entry above");
    backyard[above].flags.push(judging::rankings::Flag::Ineligible);
    let tied_at_five: Vec<usize> = (0..backyard.len()).filter(|i| backyard[*i].place == 5).collect();
    assert_eq!(tied_at_five.len(), 3, "the fixture's three-way tie");
    backyard[tied_at_five[0]].flags.push(judging::rankings::Flag::Ineligible);
    let excluded = backyard[tied_at_five[0]].id.clone();
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&loaded.config);
    board.key(KeyEvent::from(KeyCode::Right));
    for _ in 0..tied_at_five[1] {
        board.key(KeyEvent::from(KeyCode::Down));
    }
    board.key(KeyEvent::from(KeyCode::Char('d')));
    let settle = board.settle.as_ref().expect("settling");
    assert_eq!(settle.place, 4, "one entry above can win no prize: the tie is for prize place 4");
    assert_eq!(settle.tied.len(), 2);
    assert!(settle.tied.iter().all(|t| t.id != excluded), "the excluded entry is not in the tie");
    let dialog = screen(&board, 100, 30);
    assert!(dialog.contains("At stake: #4 $500, #5 $300."), "{dialog}");
}

/// A tie the jury settled is listed in the decision's order, whether the decision was in
/// decisions.toml when the screen opened or recorded on it: the loser had stayed above the
/// winner, both `decided`, while `results` paid the winner the higher place. The entry pane
/// follows the row selected.
#[test]
fn a_settled_tie_is_listed_in_the_decisions_order() {
    let mut r = rankings();
    // Each of the tied rests on one judge: the list of such paid places follows the rows.
    r.paid.insert("backyard".into(), 7);
    let changes = r.rankings[1]
        .1
        .iter()
        .filter(|e| e.place == 5)
        .map(|e| judging::rankings::PlaceChange {
            ranking: "backyard".into(),
            place: 5,
            id: e.id.clone(),
            title: e.title.clone(),
            judge: "mira".into(),
            then: None,
            then_title: None,
            moves_to: Some(9),
            shared: false,
            then_shared: false,
            then_place: None,
            tied_with: vec![],
            then_tied: vec![],
        })
        .collect();
    r.robustness = Some(changes);
    let r = r;
    let seven = seven_places();
    let dir = tempfile::tempdir().expect("tempdir");
    let config_path = dir.path().join("judging.toml");
    std::fs::write(&config_path, seven).expect("config");
    let loaded = judging::event_files::load(Some(&config_path)).expect("loads");
    let backyard = &r.rankings[1].1;
    let tied: Vec<&judging::rankings::Ranked> = backyard.iter().filter(|e| e.place == 5).collect();
    assert_eq!(tied.len(), 3, "the fixture's three-way tie");
    let first_row = backyard.iter().position(|e| e.place == 5).expect("the tie's first row");
    // The ranking's last first: the order the ranking lists them in is not the decision's.
    let decision = judging::prizes::Decision {
        prize: "backyard".into(),
        order: vec![tied[2].id.clone(), tied[0].id.clone(), tied[1].id.clone()],
        reason: "Jury vote".into(),
        method: None,
        place: Some(5),
        lines: None,
    };
    let want: Vec<&str> = [2, 0, 1].iter().map(|k| tied[*k].title.as_str()).collect();
    let listed = |board: &Board| -> Vec<String> {
        let shown = screen(board, 100, 30);
        let rows: Vec<&str> = shown.lines().filter(|l| l.contains("\"│  5 ") || l.contains("\"│▶ 5 ")).collect();
        let mut order: Vec<(usize, String)> = want
            .iter()
            .filter_map(|t| {
                rows.iter().position(|row| row.contains(&t[..10.min(t.len())])).map(|k| (k, (*t).to_owned()))
            })
            .collect();
        order.sort();
        assert!(rows.len() == 3 && rows.iter().all(|row| row.contains("decided")), "{shown}");
        assert_eq!(order.len(), 3, "{shown}");
        order.into_iter().map(|(_, t)| t).collect()
    };
    let opened =
        Board::new(&r, "Build Small Hackathon").with_prizes(&loaded.config).with_decisions(vec![decision.clone()]);
    let mut opened = opened;
    opened.key(KeyEvent::from(KeyCode::Right));
    assert_eq!(listed(&opened), want, "as decisions.toml has it when the screen opens");
    let shown = screen(&opened, 160, 50);
    let resting: Vec<usize> = want
        .iter()
        .map(|t| shown.find(&format!("5th= {t}: without mira")).unwrap_or_else(|| panic!("{t}: {shown}")))
        .collect();
    assert!(resting.is_sorted(), "the places resting on one judge in the rows' order: {shown}");
    // Those places are the merge's, before the decision, as the results say.
    let caveat = "The places above are the merge's, before the jury's decision on a tie";
    assert!(shown.replace('\n', " ").contains("The places above are the merge's"), "{shown}");
    let mut undecided = Board::new(&r, "Build Small Hackathon").with_prizes(&loaded.config);
    undecided.key(KeyEvent::from(KeyCode::Right));
    assert!(!screen(&undecided, 160, 50).contains(&caveat[..30]), "no decision, nothing to say");
    // The row selected is the entry the pane shows: the decision's first at the tie's first row.
    for _ in 0..first_row {
        opened.key(KeyEvent::from(KeyCode::Down));
    }
    let pane = screen(&opened, 100, 30);
    assert!(pane.contains(&format!("#5 {}", want[0])), "{pane}");
    // Recorded on the screen: listed so at once.
    let mut recorded = Board::new(&r, "Build Small Hackathon").with_prizes(&loaded.config);
    recorded.key(KeyEvent::from(KeyCode::Right));
    recorded.recorded(decision.clone(), &dir.path().join("decisions.toml"));
    assert_eq!(listed(&recorded), want, "as recorded on the screen");
    // decisions.toml edited by hand while the board is open: listed as it now reads, and said.
    let reversed = judging::prizes::Decision { order: decision.order.iter().rev().cloned().collect(), ..decision };
    recorded.decisions_changed(Ok(vec![reversed]));
    let again: Vec<String> = want.iter().rev().map(|t| (*t).to_owned()).collect();
    assert_eq!(listed(&recorded), again, "as the file now reads");
    assert!(screen(&recorded, 100, 30).contains("decisions.toml changed"), "said");
    // A change that does not read leaves the places as they were, and says why.
    recorded.decisions_changed(Err("decisions.toml: line 2: no such prize".into()));
    assert_eq!(listed(&recorded), again);
    assert!(screen(&recorded, 100, 30).contains("does not read (decisions.toml: line 2"), "said");
}

/// Two neighbours a place apart that show the same score: the entry pane says the unrounded
/// scores place them, with as many decimals as tell them apart, as the merge's table says under it.
#[test]
fn a_neighbour_showing_the_same_score_is_said_beside_the_entry() {
    let mut r = rankings();
    let rows = &mut r.rankings[0].1;
    (rows[0].score, rows[1].score) = (4.531_2, 4.529_9);
    (rows[0].place, rows[1].place) = (1, 2);
    for row in rows.iter_mut().take(2) {
        row.tie_break = None;
        row.flags.clear();
    }
    let second = rows[1].place;
    let board = Board::new(&r, "Build Small Hackathon");
    let text = screen(&board, 120, 30);
    // The pane wraps the line: its two ends.
    assert!(text.contains(&format!("shows 4.53 as #{second} does: the unrounded")), "{text}");
    assert!(text.contains("scores place them (4.531 against 4.530)"), "{text}");
}

/// A judge's note of 400,000 characters (one word, as a hostile judge sends it) is cut where
/// the side pane could never show more, and says where it is read whole: wrapped whole every
/// frame, it had held the screen for minutes.
#[test]
fn a_huge_note_is_cut_for_the_pane() {
    use judging::model::TextPart;
    let mut r = rankings();
    let huge = "A".repeat(400_000);
    for judge in &mut r.sheets.judges {
        let entries = judge.entries.clone();
        judge.texts[TextPart::Note] = entries.into_iter().map(|e| (e, huge.clone())).collect();
    }
    // Opened on two files, one with a space in its name.
    let opened_with = judging::paste::CommandLine::new(&["merge"]).arg("mira scores.json").arg("tomas.json");
    let board = Board::new(&r, "Build Small Hackathon").opened_with(opened_with);
    // Tall enough that the notes are not given up for the lists to deliberate.
    let shown = screen(&board, 200, 150);
    assert!(shown.contains("longer than the pane"), "{shown}");
    assert!(shown.contains("AAAA"), "the note's start is shown: {shown}");
    // The command that prints it whole reads the files the board was opened with: without them,
    // pasted, it had failed for want of score files.
    let id = r.rankings[0].1[0].id.clone();
    let whole = format!("`judging merge 'mira scores.json' tomas.json --entry {id}` prints it whole");
    let pane: Vec<&str> = shown.lines().filter_map(|l| l.split("││").nth(1)).collect();
    let pane = pane.iter().map(|l| l.trim_end_matches(['│', '"', ' '])).collect::<Vec<_>>().join(" ");
    assert!(pane.contains(&whole), "{whole}: {shown}");
}

/// How often each judge's winner is the one the finals' order places higher is said, never a
/// weight; a merge saved by an earlier build (whose judges carry a Crowd-BT `weight`, no counts)
/// still reads, and says nothing of it rather than "0 of 0".
#[test]
fn the_finals_say_how_often_each_judge_agrees_and_an_earlier_saved_merge_still_reads() {
    let r = boards::with_finals();
    let s = r.finals.first().expect("a settled round").clone();
    let said = judging::report::finals::lines(&s, &s.ranking, str::to_owned, false, None).join("\n");
    assert!(said.contains("every judge's answers counting alike"), "{said}");
    let line = said.lines().find(|l| l.starts_with("How often each judge's winner")).expect("the line");
    for j in &s.judges {
        let (agreed, decided) = (j.agreed.expect("counted"), j.decided.expect("counted"));
        assert!(agreed <= decided && decided <= j.answers, "{j:?}");
        assert!(line.contains(&format!("{} {agreed} of {decided} answer", j.judge)), "{line}");
    }
    let mut earlier = serde_json::to_value(&s).expect("json");
    for j in earlier["judges"].as_array_mut().expect("judges") {
        let old =
            serde_json::json!({ "judge": j["judge"], "answers": j["answers"], "reliability": 0.9, "weight": 0.8 });
        *j = old;
    }
    let earlier: judging::finals::Standing =
        serde_json::from_value(earlier).expect("an earlier build's standing reads");
    let said = judging::report::finals::lines(&earlier, &earlier.ranking, str::to_owned, false, None).join("\n");
    assert!(!said.contains("How often") && !said.contains("0 of 0"), "{said}");
}

/// The printed rankings fit the terminal they are printed on, every line, finals included:
/// `merge` on an 80-column terminal had wrapped its FLAGS heading, the two spaces after a row
/// with no flags, and every row of the finals' table.
#[test]
fn the_printed_rankings_fit_every_terminal_width() {
    use unicode_width::UnicodeWidthStr;
    for (name, r) in [("plain", rankings()), ("finals", boards::with_finals())] {
        for width in (80..=130).step_by(3) {
            let text = judging::report::wrap::for_terminal(&judging::report::rankings::table(&r, Some(width)), width);
            let over: Vec<&str> = text.lines().filter(|l| l.width() > width).collect();
            assert!(over.is_empty(), "{name} at {width}: {over:#?}");
        }
        let whole = judging::report::rankings::table(&r, None);
        assert!(whole.contains("GAP  BEYOND  FLAGS"), "{name}: a file keeps every column");
    }
}

/// By the mean, an entry only a lenient judge and one who gives every entry a 5 scored takes
/// 1st in its track: what to deliberate names it first, with each judge's leniency, where it
/// had said only that the place rests on one judge.
#[test]
fn a_paid_place_only_lenient_judges_gave_is_named_on_the_board() {
    let r = boards::lenient_winner();
    let backyard = r.ranking("backyard").expect("backyard");
    assert_eq!(backyard[0].id, "chore-chart", "first by the mean");
    let mut board = Board::new(&r, "Build Small Hackathon");
    board.key(KeyEvent::from(KeyCode::Right));
    let text = screen(&board, 120, 40);
    assert!(text.contains("Paid places on lenient judges (1;"), "{text}");
    assert!(text.contains("1st Chore Chart Diplomat: judges +"), "{text}");
    assert!(text.contains("eve +") && text.contains("gus +"), "{text}");
    assert!(r.warnings.iter().any(|w| w.contains("Chore Chart Diplomat (1st in Backyard AI)")), "{:?}", r.warnings);
}

/// Long titles alike in their first words (five versions of one app) are cut so each row
/// still reads apart: a head judge saw "Neighbourhood Allotment…" five times at 80 columns.
#[test]
fn alike_long_titles_are_told_apart_in_the_rankings() {
    let mut r = rankings();
    let base = "Neighbourhood Allotment Watering Assistant for Elderly Gardeners";
    let versions = ["(v1)", "(v2)", "(final)", "- Team Edition", "(fork)", "(v3)"];
    for (k, ranked) in r.rankings[0].1.iter_mut().enumerate() {
        ranked.title = format!("{base} {}", versions[k % versions.len()]);
        if k >= versions.len() {
            ranked.title = format!("Project number {} with a moderately long name", 30 + k);
        }
    }
    let board = Board::new(&r, "Build Small Hackathon");
    for (width, height) in [(80, 24), (100, 30), (120, 30)] {
        let text = screen(&board, width, height);
        let chars = |l: &str| l.chars().collect::<Vec<char>>();
        let header =
            text.lines().map(chars).find(|l| l.iter().collect::<String>().contains("ENTRY")).expect("a header");
        let at = |word: &str| {
            let line: String = header.iter().collect();
            line[..line.find(word).expect("a heading")].chars().count()
        };
        let (from, to) = (at("ENTRY"), at("SCORE"));
        let titles: Vec<String> = text
            .lines()
            .map(chars)
            .filter(|l| l.len() > to && l[to..].iter().collect::<String>().starts_with(|c: char| c.is_ascii_digit()))
            .map(|l| l[from..to].iter().collect::<String>().trim().to_owned())
            .collect();
        assert!(titles.len() >= 8, "the rows in sight at {width}×{height}:\n{text}");
        for (k, title) in titles.iter().enumerate() {
            let alike = titles.iter().enumerate().filter(|(j, other)| *j != k && *other == title).count();
            assert_eq!(alike, 0, "{title:?} reads alike in two rows at {width}×{height}:\n{text}");
        }
    }
    insta::assert_snapshot!(screen(&board, 80, 24));
}

/// Ten tracks do not fit on the tabs' line at 80 or 100 columns: the tabs that show are whole,
/// the line says how many more lie to each side, and the selected tab is always in sight (they
/// were cut mid-label, "games (4", and the rest left unsaid).
#[test]
fn many_tracks_tabs_say_how_many_more_and_keep_the_selected_in_sight() {
    let mut r = rankings();
    let track = r.rankings[1].1.clone();
    for name in ["health", "education", "climate", "music", "games", "civic", "agents", "vision"] {
        r.rankings.push((name.to_owned(), track.clone()));
    }
    let tabs = r.rankings.len();
    let mut board = Board::new(&r, "Build Small Hackathon");
    for (width, height) in [(80, 24), (100, 30)] {
        board.tab = 0;
        let line = |board: &Board| screen(board, width, height).lines().nth(1).expect("the tabs").to_owned();
        let first = line(&board);
        assert!(first.contains("overall (12)") && first.contains(" more →"), "{width}: {first}");
        for _ in 1..tabs {
            board.key(KeyEvent::from(KeyCode::Right));
            let shown = line(&board);
            let (id, ranked) = &r.rankings[board.tab];
            assert!(
                shown.contains(&format!("{} ({})", r.ranking_name(id), ranked.len())),
                "tab {} at {width}: {shown}",
                board.tab
            );
            // Every label in sight is whole: each "(" closed.
            assert_eq!(shown.matches('(').count(), shown.matches(')').count(), "{width}: {shown}");
        }
        assert!(line(&board).contains("← "), "{width}: {}", line(&board));
    }
    board.tab = tabs - 1;
    insta::assert_snapshot!(screen(&board, 80, 24).lines().take(3).collect::<Vec<_>>().join("\n"));
}

/// Over the tie dialog and the help, the footer offers only their keys: it offered the
/// ranking's ("←/→ ranking  ↑/↓ entry  v side"), which do nothing there.
#[test]
fn the_footer_offers_only_the_keys_that_act_over_the_dialog_and_the_help() {
    let r = boards::tie_of_21();
    let config = boards::seven_places();
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&config);
    let footer = |board: &Board| screen(board, 80, 24).lines().last().expect("a footer").to_owned();
    assert!(footer(&board).contains("←/→ ranking"), "{}", footer(&board));
    board.key(KeyEvent::from(KeyCode::Right));
    board.key(KeyEvent::from(KeyCode::Char('d')));
    assert!(board.settle.is_some(), "the tie dialog opens: {}", board.status);
    let over_dialog = footer(&board);
    assert!(!over_dialog.contains("ranking") && over_dialog.contains("Esc leaves"), "{over_dialog}");
    board.key(KeyEvent::from(KeyCode::Esc));
    board.key(KeyEvent::from(KeyCode::Char('?')));
    assert!(board.help);
    let over_help = footer(&board);
    assert!(!over_help.contains("ranking") && over_help.contains("any key closes"), "{over_help}");
}

/// Moving up from the last entry moves the selection up the screen, as a list does: the view
/// scrolls only once the selection reaches its top. It had scrolled the whole ranking on every
/// key, the selection pinned to the bottom row.
#[test]
fn moving_up_from_the_bottom_moves_the_selection_not_the_ranking() {
    let r = boards::crowded();
    let mut board = Board::new(&r, "Build Small Hackathon");
    assert!(board.ranked().len() > 30, "a ranking longer than the screen");
    let selected_row = |text: &str| text.lines().position(|l| l.contains('▶')).expect("a selected row");
    let first_row = |text: &str| text.lines().nth(4).expect("a first row").to_owned();
    board.key(KeyEvent::from(KeyCode::End));
    let bottom = screen(&board, 80, 24);
    for up in 1..=3 {
        board.key(KeyEvent::from(KeyCode::Up));
        let text = screen(&board, 80, 24);
        assert_eq!(selected_row(&text), selected_row(&bottom) - up, "{up} up:\n{text}");
        assert_eq!(first_row(&text), first_row(&bottom), "the view stays put {up} up:\n{text}");
    }
    // Up to the first row in sight and one beyond: the view scrolls by one.
    let top = 4;
    while selected_row(&screen(&board, 80, 24)) > top {
        board.key(KeyEvent::from(KeyCode::Up));
    }
    let at_top = screen(&board, 80, 24);
    board.key(KeyEvent::from(KeyCode::Up));
    let text = screen(&board, 80, 24);
    assert_eq!(selected_row(&text), top, "{text}");
    assert_ne!(first_row(&text), first_row(&at_top), "{text}");
    // A taller screen shows the ranking's end whole, not blank rows under it.
    board.key(KeyEvent::from(KeyCode::End));
    screen(&board, 80, 24);
    let tall = screen(&board, 80, 50);
    assert!(first_row(&tall).starts_with("\"│  1 "), "the ranking from its first place:\n{tall}");
}

/// The help explains PAID only where the rankings have the chances of a paid place: with the
/// mean method there is no PAID column, and the help had explained one.
#[test]
fn the_help_explains_paid_only_where_the_rankings_have_it() {
    let paid = |r: &judging::rankings::Rankings| {
        let mut board = Board::new(r, "Build Small Hackathon");
        board.key(KeyEvent::from(KeyCode::Char('?')));
        screen(&board, 100, 40).contains("the chance of holding a paid place")
    };
    let (mean, calibrated) = (rankings(), boards::crowded());
    assert!(!Board::new(&mean, "x").ranked().iter().any(|e| e.chance.is_some()), "the mean method has no chances");
    assert!(!paid(&mean), "no PAID column, no PAID in the help");
    assert!(paid(&calibrated), "the calibrated method's PAID is explained");
}

/// `d` is offered, in the footer and the help, only where a prize pays places in a ranking:
/// elsewhere a tie decides nothing, and `d` only says so.
#[test]
fn settling_a_tie_is_offered_only_where_a_prize_pays_places() {
    let r = rankings();
    let offered = |board: &mut Board| {
        let footer = screen(board, 100, 30).lines().last().unwrap_or_default().to_owned();
        board.key(KeyEvent::from(KeyCode::Char('?')));
        let help = screen(board, 100, 40);
        board.key(KeyEvent::from(KeyCode::Char('?')));
        (footer.contains("d settle"), help.contains("settle the selected tie"))
    };
    let mut without = Board::new(&r, "x");
    assert!(without.prizes.is_empty());
    assert_eq!(offered(&mut without), (false, false));
    let mut with = Board::new(&r, "x").with_prizes(&judging::config::Config::builtin());
    // The overall ranking: no prize of the built-in event pays places in it, so the footer
    // offers no `d` there (it had, and `d` then said its ties decide nothing); the help lists it.
    assert_eq!(offered(&mut with), (false, true));
    with.key(KeyEvent::from(KeyCode::Right));
    assert_eq!(offered(&mut with), (true, true), "a track's prize pays places");
}

/// A judge who gave every entry nearly the same total is marked beside their marks, and said
/// under them in the merge's words, however long their name; the judges' view names them too.
#[test]
fn a_flat_judge_is_marked_beside_their_marks() {
    let r = boards::with_a_flat_judge();
    let flat: Vec<&str> = r.judges.iter().filter(|j| j.flat).map(|j| j.judge.as_str()).collect();
    assert_eq!(flat, ["florentine-the-steady"], "the merge's flat judge");
    let mut board = Board::new(&r, "Build Small Hackathon");
    for (width, height) in [(100, 30), (120, 40)] {
        let text = screen(&board, width, height);
        assert!(text.contains("… (flat) "), "the mark kept beside a long name cut at {width}: {text}");
    }
    // Where the view has the rows, the line under the marks says what the mark means.
    let text = screen(&board, 120, 40);
    assert!(text.contains("florentine-the-steady (flat) gave nearly"), "{text}");
    board.key(KeyEvent::from(KeyCode::Char('v')));
    let judges = screen(&board, 120, 40);
    assert!(judges.contains("florentine-the-steady gave nearly"), "{judges}");
}

/// The merge's warnings reach the jury on the screen: counted in the header with the key that
/// shows them, listed whole (cleaned) over the screen by `w` at 80×24 under the printed merge's
/// heading, and the judges `[[judges]]` does not list marked in the judges' pane. The screen had
/// shown zed as any judge, and the warnings only on stderr after `q`.
#[test]
fn the_merges_warnings_are_counted_listed_and_the_unlisted_judges_marked() {
    let r = boards::with_warnings();
    assert_eq!(r.warnings.len(), 3, "{:#?}", r.warnings);
    let mut board = Board::new(&r, "Build Small Hackathon").with_judges_listed(&judging::config::Config::builtin());
    let first = screen(&board, 80, 24);
    assert!(first.lines().next().unwrap_or_default().contains("3 warnings (w)"), "{first}");
    board.key(KeyEvent::from(KeyCode::Char('w')));
    assert!(board.warnings);
    let text = screen(&board, 80, 24);
    assert!(text.contains("Warnings (3): weigh these before announcing"), "{text}");
    for said in [
        "judge \"tomas\" left 2 entries partly scored",
        "2 judges (\"míra\", \"zed\") are not among",
        "looks like listed judge \"mira\"",
    ] {
        assert!(text.contains(said), "{said}: {text}");
    }
    assert!(!text.contains('\u{1b}') && text.contains("pantry-poet"), "an id's escape cleaned: {text}");
    insta::assert_snapshot!(text);
    // Esc closes it, and nothing else moved.
    board.key(KeyEvent::from(KeyCode::Esc));
    assert!(!board.warnings && board.selected == 0 && !board.quit);
    // The judges' pane marks zed and míra, never mira.
    board.side = Some(judging::tui::board::Side::Judges);
    let judges = screen(&board, 80, 24);
    assert!(judges.contains("zed (unlisted)") && judges.contains("míra (unlisted)"), "{judges}");
    assert!(!judges.contains("mira (unlisted)") && judges.contains("(unlisted): not among"), "{judges}");
    // So does the selected entry's view, as `merge --entry` does: míra, cut, keeps the mark.
    board.side = Some(judging::tui::board::Side::Entry);
    let entry = screen(&board, 120, 40);
    assert!(entry.contains("mí… (unlisted)"), "{entry}");
    assert!(entry.contains("│mira    ") && !entry.contains("mira (unlisted)"), "{entry}");
    // Without judging.toml's list (no [[judges]]), nobody is marked.
    let mut config = judging::config::Config::builtin();
    config.judges.clear();
    let mut plain = Board::new(&r, "x").with_judges_listed(&config);
    plain.side = Some(judging::tui::board::Side::Judges);
    assert!(!screen(&plain, 80, 24).contains("(unlisted)"));
}

/// Warnings longer than the box scroll a line, a page, to either end, and say which lines show;
/// they never scroll past the last.
#[test]
fn many_warnings_scroll_in_their_box() {
    let mut r = boards::with_warnings();
    for k in 0..8 {
        r.warnings.push(format!(
            "warning {k}: \u{1b}[31m{}the end of warning {k}",
            "a long sentence the jury reads before announcing, ".repeat(3)
        ));
    }
    let mut board = Board::new(&r, "Build Small Hackathon");
    let _ = screen(&board, 80, 24);
    board.key(KeyEvent::from(KeyCode::Char('w')));
    let top = screen(&board, 80, 24);
    assert!(top.contains("lines 1–20 of ") && top.contains("scroll"), "{top}");
    assert!(!top.contains("the end of warning 7"), "{top}");
    board.key(KeyEvent::from(KeyCode::Char('j')));
    assert_eq!(board.warnings_from, 1);
    board.key(KeyEvent::from(KeyCode::Char('G')));
    let bottom = screen(&board, 80, 24);
    assert!(bottom.contains("the end of warning 7") && !bottom.contains('\u{1b}'), "{bottom}");
    let end = board.warnings_from;
    board.key(KeyEvent::from(KeyCode::Down));
    board.key(KeyEvent::from(KeyCode::PageDown));
    assert_eq!(board.warnings_from, end, "never past the last");
    insta::assert_snapshot!(bottom);
    board.key(KeyEvent::from(KeyCode::Char('g')));
    assert_eq!(board.warnings_from, 0);
    board.key(KeyEvent::from(KeyCode::Char('q')));
    assert!(board.quit, "q quits from the warnings too");
    // A page is what the box shows, 20 lines here: it had been the screen's height less 6 (18).
    r.warnings.extend(r.warnings.clone());
    let mut board = Board::new(&r, "Build Small Hackathon");
    let _ = screen(&board, 80, 24);
    board.key(KeyEvent::from(KeyCode::Char('w')));
    board.key(KeyEvent::from(KeyCode::PageDown));
    assert_eq!(board.warnings_from, 20);
}

/// Every key the help's table lists does something on the board, `w` among them where the merge
/// warned; where it did not, `w` is not listed and says so when pressed.
#[test]
fn every_key_of_the_help_acts_and_w_only_where_there_are_warnings() {
    let r = boards::with_warnings();
    let config = judging::config::Config::builtin();
    let board = Board::new(&r, "x").with_prizes(&config);
    let keys = judging::tui::keys::single_characters(&judging::tui::board::KEYS);
    assert!(keys.contains(&'w') && keys.contains(&'v'), "{keys:?}");
    for k in keys {
        assert!(board.action(KeyEvent::from(KeyCode::Char(k))).is_some(), "{k} is in the help but does nothing");
    }
    let mut help = Board::new(&r, "x");
    help.key(KeyEvent::from(KeyCode::Char('?')));
    assert!(screen(&help, 100, 30).contains("the merge's warnings"));
    let mut quiet = rankings();
    quiet.warnings.clear();
    let mut board = Board::new(&quiet, "x");
    assert!(!screen(&board, 100, 30).contains("warning"));
    board.key(KeyEvent::from(KeyCode::Char('?')));
    assert!(!screen(&board, 100, 30).contains("the merge's warnings"), "w is not offered");
    board.key(KeyEvent::from(KeyCode::Char('?')));
    board.key(KeyEvent::from(KeyCode::Char('w')));
    assert!(!board.warnings && board.status == "The merge gave no warnings.");
}

/// The tie's reason takes typed text as a note does (a bidi override is nothing; a private-use
/// character and a zero-width space are the head judge's text, recorded) and draws it as the
/// screen draws every text: a private-use character as U+FFFD, a zero-width space not at all,
/// the box's border whole. The reason had been drawn raw, and recorded with the override.
#[test]
fn the_ties_reason_is_drawn_as_the_screen_draws() {
    let r = rankings();
    let dir = tempfile::tempdir().expect("tempdir");
    let config_path = dir.path().join("judging.toml");
    // Backyard pays seven places, so that its tie at #5 decides money.
    let seven = seven_places();
    std::fs::write(&config_path, seven).expect("config");
    let loaded = judging::event_files::load(Some(&config_path)).expect("loads");
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&loaded.config);
    let press = |board: &mut Board, code: KeyCode| board.key(KeyEvent::from(code));
    for code in [KeyCode::Right, KeyCode::Char('G'), KeyCode::Char('d'), KeyCode::Char('3'), KeyCode::Char('1')] {
        press(&mut board, code);
    }
    for c in "Vote\u{202e}\u{e000}\u{200b} 4".chars() {
        press(&mut board, KeyCode::Char(c));
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(&board, frame.area())).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let dialog = terminal.backend().to_string();
    assert!(dialog.contains("> Vote\u{fffd} 4▏"), "{dialog}");
    for (x, y) in (0..80).flat_map(|x| (0..24).map(move |y| (x, y))) {
        let symbol = buf[(x, y)].symbol();
        assert!(!symbol.chars().any(|c| judging::sanitize::hides(c) || c == '\u{e000}'), "({x}, {y}) {symbol:?}");
    }
    let Some(judging::tui::board::Effect::Record(decision)) = press(&mut board, KeyCode::Enter) else {
        panic!("Enter records the decision")
    };
    assert_eq!(decision.reason, "Vote\u{e000}\u{200b} 4");
}

/// A screen too small takes no keys but q, ? and Esc, as the judge's app does (one rule,
/// `tui::small`): at 70×20 `d 2 blind Enter` had settled a tie and written it to decisions.toml
/// unseen, and `j` had moved the selection. Each key refused is said, together.
#[test]
fn a_screen_too_small_acts_on_no_key_unseen() {
    let r = rankings();
    let seven = seven_places();
    let config = judging::config::parse(&seven).expect("config");
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&config);
    board.key(KeyEvent::from(KeyCode::Right));
    // The tie at #5 of backyard, selected where `d` settles it at 80×24.
    let tied = r.rankings[board.tab].1.iter().position(|e| e.has(judging::rankings::Flag::Tie)).expect("a tie");
    board.selected = tied;
    screen(&board, 80, 24);
    let small = screen(&board, 70, 20);
    assert!(small.contains("needs at least 80×24"), "{small}");
    let mut effects = Vec::new();
    for code in [KeyCode::Char('d'), KeyCode::Char('2')]
        .into_iter()
        .chain("blind".chars().map(KeyCode::Char))
        .chain([KeyCode::Enter, KeyCode::Char('j')])
    {
        effects.extend(board.key(KeyEvent::from(code)));
    }
    assert!(effects.is_empty() && board.settle.is_none(), "nothing settled unseen");
    assert_eq!(board.selected, tied, "j moved nothing unseen");
    let small = screen(&board, 70, 20);
    assert!(small.contains("9 keys refused (d2blind Enter j)"), "{small}");
    let big = screen(&board, 80, 24);
    assert!(big.contains("9 keys refused"), "still said once enlarged: {big}");
    // A resize that the loop hears before drawing counts too.
    board.resized(80, 24);
    board.key(KeyEvent::from(KeyCode::Char('j')));
    assert_eq!(board.selected, tied + 1, "at 80×24, j moves");
    board.resized(60, 20);
    board.key(KeyEvent::from(KeyCode::Char('?')));
    assert!(board.help, "? shows the keys");
    board.key(KeyEvent::from(KeyCode::Esc));
    assert!(!board.help, "Esc closes them");
    board.key(KeyEvent::from(KeyCode::Char('q')));
    assert!(board.quit, "q quits");
}

/// The entry's pane uses every row it has before it says what it leaves out, and counts the
/// rows left out: it had said "… and 1 more line" above empty rows, and counted a hidden note
/// and a two-row line as one.
#[test]
fn the_entry_pane_fills_its_rows_before_saying_what_is_left_out() {
    let r = boards::with_a_flat_judge();
    let mut board = Board::new(&r, "Build Small Hackathon");
    board.side = Some(judging::tui::board::Side::Entry);
    for (width, height) in [(80, 24), (100, 30), (200, 50)] {
        for selected in 0..r.rankings[0].1.len() {
            board.selected = selected;
            let shown: Vec<Vec<char>> = screen(&board, width, height).lines().map(|l| l.chars().collect()).collect();
            let Some((top, left)) = shown.iter().enumerate().find_map(|(y, row)| {
                let text: String = row.iter().collect();
                text.find("┌ The entry").map(|at| (y, text[..at].chars().count()))
            }) else {
                panic!("no entry pane at {width}×{height}");
            };
            let right = left + shown[top][left..].iter().position(|c| *c == '┐').expect("its corner");
            let bottom = (top + 1..shown.len()).find(|&y| shown[y].get(left) == Some(&'└')).expect("its bottom");
            let inside: Vec<String> =
                shown[top + 1..bottom].iter().map(|row| row[left + 1..right].iter().collect()).collect();
            // A marked name keeps letters enough to be told beside its mark.
            if let Some(row) = inside.iter().find(|l| l.contains("(flat)")) {
                assert!(row.starts_with("flore"), "{row} at {width}×{height}");
            }
            if inside.iter().any(|l| l.contains("more line")) {
                assert!(
                    inside.iter().all(|l| !l.trim().is_empty()),
                    "an empty row above what is left out at {width}×{height}, #{selected}:\n{}",
                    inside.join("\n")
                );
            }
        }
    }
}

/// The tie's dialog at 80×24 clears a column each side of its frame: a table's cell had shown
/// between the two ("│ │At stake: … │e│").
#[test]
fn the_ties_dialog_lets_no_cell_show_beside_its_frame() {
    let r = rankings();
    let seven = seven_places();
    let config = judging::config::parse(&seven).expect("config");
    let mut board = Board::new(&r, "Build Small Hackathon").with_prizes(&config);
    board.key(KeyEvent::from(KeyCode::Right));
    board.selected = r.rankings[board.tab].1.iter().position(|e| e.has(judging::rankings::Flag::Tie)).expect("a tie");
    board.key(KeyEvent::from(KeyCode::Char('d')));
    assert!(board.settle.is_some());
    let shown = screen(&board, 80, 24);
    let rows: Vec<Vec<char>> = shown.lines().map(|l| l.trim_matches('"').chars().collect()).collect();
    let framed: Vec<&Vec<char>> = rows.iter().filter(|r| r.get(2) == Some(&'│') && r.get(77) == Some(&'│')).collect();
    assert!(!framed.is_empty(), "the dialog's frame at columns 2 and 77:\n{shown}");
    for row in framed {
        assert!(row[1] == ' ' && row[78] == ' ', "a cell beside the frame: {}", row.iter().collect::<String>());
    }
}
