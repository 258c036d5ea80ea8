//! Every screen and popup of both apps at 80×24, 100×30 and 200×50: each text the screen means
//! to show whole (its keys, help, messages, legends, the focused criterion's levels) is found
//! whole in the drawn buffer, wrapped or not. The texts come from the screens' own declarations
//! (`App::promised`, `Board::promised`), so the test cannot drift from what they draw. At 80×24
//! each screen is also a snapshot.

use judging::config::Config;
use judging::rankings::Flag;
use judging::tui::app::Action;
use judging::tui::board::Board;
use judging::tui::fit::shows_whole;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

mod boards;
mod judge;

use boards::Data;
use judge::Judge;

const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (200, 50)];

/// tomas on the built-in sample (a declared conflict with "Moss & Lichen"), with a jury note.
fn judge() -> Judge {
    Judge::tomas(Config::builtin(), |_| {})
}

fn chars(text: &str) -> Vec<KeyCode> {
    text.chars().map(KeyCode::Char).collect()
}

/// The judge's screens, each reached by the keys a judge presses.
fn judge_screens() -> Vec<(&'static str, Vec<KeyCode>)> {
    let to_oracle = chars("jj");
    let with = |mut first: Vec<KeyCode>, more: Vec<KeyCode>| {
        first.extend(more);
        first
    };
    vec![
        ("list", Vec::new()),
        ("conflict reminder after a score", chars("4")),
        ("detail with a note", to_oracle.clone()),
        ("scores on latency", with(to_oracle.clone(), vec![KeyCode::Tab])),
        ("scores on cost", with(to_oracle.clone(), vec![KeyCode::Tab, KeyCode::Tab])),
        ("note editor", with(to_oracle.clone(), chars("e"))),
        ("team note editor", with(to_oracle.clone(), chars("E"))),
        ("help", chars("?")),
        ("recusal", with(to_oracle, chars("r"))),
        ("search", with(chars("/"), chars("moss"))),
        ("stopwatch on another entry", chars("tj")),
        // A message of three rows above the keys, the first criterion focused.
        ("scores under a long message", chars("t4jP")),
    ]
}

fn draw<W>(width: u16, height: u16, widget: W) -> Buffer
where
    W: ratatui::widgets::Widget,
{
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| frame.render_widget(widget, frame.area())).expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    (0..buf.area.height).map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n").collect()
}

/// A screen's name as a file name: letters, digits and dashes.
fn slug(name: &str) -> String {
    name.chars().filter(|c| *c != ':').map(|c| if c == ' ' { '-' } else { c }).collect()
}

/// Every promised text of `promised`, whole in `buf`; else the ones that are not.
fn missing(buf: &Buffer, promised: &[String]) -> Vec<String> {
    promised.iter().filter(|t| !shows_whole(buf, t)).cloned().collect()
}

#[test]
fn the_judges_screens_show_what_they_promise_whole_at_three_sizes() {
    let mut failures = Vec::new();
    for (name, keys) in judge_screens() {
        for (width, height) in SIZES {
            let mut j = judge();
            j.act(Action::Resize(width, height));
            j.keys(&keys);
            let promised = j.app.promised();
            assert!(!promised.is_empty(), "{name}: a screen promises something");
            let buf = draw(width, height, &j.app);
            let mut lost = missing(&buf, &promised);
            // Every criterion's score and the total, in a row or named on a folded line, where
            // no box or the help covers the Scores pane.
            if j.app.box_titles().is_none() && name != "help" {
                let mut scores: Vec<String> =
                    j.app.score_rows().iter().map(|(label, score)| format!("{label} {score}")).collect();
                scores.push(j.app.total_text());
                lost.extend(missing(&buf, &scores));
            }
            judged(&mut failures, &format!("judge-{}", slug(name)), (width, height), &buf, &lost);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// At 80×24 the judge reads every level of the focused criterion whole, whichever it is,
/// without leaving the entry.
#[test]
fn at_80_by_24_every_level_of_each_criterion_reads_whole() {
    let mut j = judge();
    j.act(Action::Resize(80, 24));
    j.keys(&chars("jj"));
    for focus in 0..3 {
        let levels = j.app.level_texts();
        assert_eq!(levels.len(), 5, "five levels");
        let buf = draw(80, 24, &j.app);
        assert_eq!(missing(&buf, &levels), Vec::<String>::new(), "criterion {focus}:\n{}", text(&buf));
        j.keys(&[KeyCode::Tab]);
    }
}

/// What the judge's screen promises for each entry (its warnings, its link keys, the levels)
/// reads whole on every entry of the sample, at 80×24 and 100×30: an entry with no video and
/// no post once read "[o] Space  [v] Video —  [p] Po".
#[test]
fn every_entry_shows_what_it_promises_whole() {
    for (width, height) in [(80, 24), (100, 30)] {
        let mut j = judge();
        j.act(Action::Resize(width, height));
        for _ in 0..j.app.entries.len() {
            let buf = draw(width, height, &j.app);
            let lost = missing(&buf, &j.app.promised());
            assert!(lost.is_empty(), "{lost:?} at {width}×{height}:\n{}", text(&buf));
            j.keys(&[KeyCode::Char('j')]);
        }
    }
}

/// A title the list has no room for ends in "…", at every size and on every page of the list:
/// a title cut mid-word without a sign reads as another title ("Dream Cartographe").
#[test]
fn a_title_cut_in_the_list_ends_in_an_ellipsis() {
    for (width, height) in SIZES {
        let mut j = judge();
        j.act(Action::Resize(width, height));
        let titles: Vec<String> = j.app.entries.iter().map(|e| e.submission.title.clone()).collect();
        for _page in 0..=titles.len() / usize::from(height / 2) {
            let drawn = text(&draw(width, height, &j.app));
            for title in &titles {
                for (at, _) in drawn.match_indices(&title[..title.len().min(10)]) {
                    let shown: String = drawn[at..].chars().take(title.chars().count()).collect();
                    let Some(stop) = shown.chars().zip(title.chars()).position(|(a, b)| a != b) else { continue };
                    let next = shown.chars().nth(stop);
                    assert_eq!(next, Some('…'), "{title:?} cut without a sign at {width}×{height}:\n{drawn}");
                }
            }
            j.keys(&[KeyCode::PageDown]);
        }
        // The sample's titles fit whole at 80 columns, titles being cut last (the team gives up
        // its members first): a cut is checked wherever one happens, and `format::fit`'s own
        // test cuts titles.
    }
}

#[test]
fn the_head_judges_screens_show_what_they_promise_whole_at_three_sizes() {
    let config = boards::seven_places();
    let mut failures = Vec::new();
    for data in [Data::Small, Data::Crowded, Data::TieOf21, Data::Warned] {
        let rankings = data.rankings();
        for screen in boards::screens().into_iter().filter(|s| s.data == data) {
            let name = screen.name;
            for (width, height) in SIZES {
                let mut board =
                    Board::new(&rankings, "Build Small Hackathon").with_prizes(&config).with_judges_listed(&config);
                // The side follows the width drawn: a first frame sets it, as the running screen's does.
                let _ = draw(width, height, &board);
                for key in &screen.keys {
                    board.key(KeyEvent::from(*key));
                }
                if screen.side.is_some() {
                    board.side = screen.side;
                }
                let promised = board.promised();
                assert!(!promised.is_empty(), "{name}: a screen promises something");
                let buf = draw(width, height, &board);
                let mut lost = missing(&buf, &promised);
                if board.settle.is_none() && !board.help && !board.warnings {
                    lost.extend(cut_in_the_rankings(&buf, &board));
                }
                judged(&mut failures, &format!("board-{}", slug(name)), (width, height), &buf, &lost);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Notes a screen's lost texts among the failures, and at 80×24 checks its snapshot.
fn judged(failures: &mut Vec<String>, snapshot: &str, (width, height): (u16, u16), buf: &Buffer, lost: &[String]) {
    if !lost.is_empty() {
        failures.push(format!("{snapshot} at {width}×{height}: {lost:?}\n{}", text(buf)));
    }
    if (width, height) == (80, 24) {
        insta::assert_snapshot!(snapshot.to_owned(), text(buf));
    }
}

/// A flag on 10,000 entries is said with its count, its first entries as the pane holds them,
/// and how many more, as on a small event; the side keeps at most a few hundred of them to lay
/// out (laying out all of them took 63 ms a key press).
#[test]
fn a_flag_on_ten_thousand_entries_says_its_count_and_how_many_more() {
    let mut rankings = boards::crowded();
    let (_, overall) = &mut rankings.rankings[0];
    let model = overall[0].clone();
    overall.clear();
    for k in 0..10_000 {
        let mut e = model.clone();
        (e.place, e.id, e.title) = (k + 1, format!("e{k}"), format!("Entry {k}"));
        e.flags = vec![Flag::Thin];
        e.chance = None;
        overall.push(e);
    }
    let board = Board::new(&rankings, "Big Event");
    let drawn = text(&draw(200, 50, &board));
    assert!(drawn.contains("10000 thin"), "{drawn}");
    // The list names the first places in order, then counts the rest.
    let number_after = |marker: &str| -> Vec<usize> {
        drawn
            .split(marker)
            .skip(1)
            .filter_map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
            .collect()
    };
    let named = number_after("#").into_iter().max().expect("places named");
    let more = number_after(" and ").into_iter().max().expect("and N more");
    assert!(named > 10, "{drawn}");
    assert_eq!(named + more, 10_000, "every entry named or counted:\n{drawn}");
}

/// The rows of the rankings table as drawn: the text between the borders of its box.
fn rankings_rows(buf: &Buffer) -> Vec<String> {
    let rows: Vec<Vec<String>> =
        (0..buf.area.height).map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_owned()).collect()).collect();
    let Some((top, left)) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| r.concat().find("┌ Rankings").map(|_| (y, r.iter().position(|c| c == "┌"))))
    else {
        return Vec::new();
    };
    let left = left.unwrap_or(0);
    let right = rows[top].iter().skip(left + 1).position(|c| c == "┐").map_or(rows[top].len(), |k| left + 1 + k);
    rows.iter().skip(top + 1).take_while(|r| r[left] != "└").map(|r| r[left + 1..right].concat()).collect()
}

/// What the rankings table cuts where it should not: a title cut without "…", a flag that is
/// neither whole nor its declared short form.
fn cut_in_the_rankings(buf: &Buffer, board: &Board) -> Vec<String> {
    let rows = rankings_rows(buf);
    let mut cut = Vec::new();
    for title in board.ranked().iter().map(|e| judging::sanitize::clean_line(&e.title)) {
        let chars: Vec<char> = title.chars().collect();
        let start: String = chars.iter().take(8).collect();
        for row in &rows {
            let Some(at) = row.find(&start) else { continue };
            let shown: Vec<char> = row[at..].chars().collect();
            let same = chars.iter().zip(&shown).take_while(|(a, b)| a == b).count();
            if same < chars.len() && shown.get(same) != Some(&'…') {
                cut.push(format!("the title {title:?} cut without \"…\": {:?}", row.trim_end()));
            }
        }
    }
    let words: Vec<&str> = Flag::ALL.iter().flat_map(|f| [f.label(), f.short()]).collect();
    if let Some((k, head)) = rows.iter().enumerate().find(|(_, r)| r.contains(" FLAGS")) {
        let from = head[..=head.find(" FLAGS").unwrap_or(0)].chars().count();
        for row in &rows[k + 1..] {
            let cell: String = row.chars().skip(from).collect();
            for word in cell.split_whitespace().filter(|w| !words.contains(w)) {
                cut.push(format!("a flag cut to {word:?}: {:?}", row.trim_end()));
            }
        }
    }
    cut
}

/// At 200 columns the rankings take the room their columns want, and the side the rest.
#[test]
fn a_wide_screen_gives_the_side_what_the_rankings_do_not_need() {
    let rankings = Data::Crowded.rankings();
    let board = Board::new(&rankings, "Build Small Hackathon");
    let buf = draw(200, 50, &board);
    let rows = rankings_rows(&buf);
    let head = rows.iter().find(|r| r.contains(" FLAGS")).expect("a heading");
    // The titles' column, and the space after it, from its heading to the next one's.
    let titles = head.find("SCORE").expect("SCORE") - head.find("ENTRY").expect("ENTRY");
    let longest = board.ranked().iter().take(rows.len()).map(|e| e.title.chars().count()).max().unwrap_or(0);
    assert!(titles <= longest + 2, "the titles' column no wider than its longest title:\n{}", text(&buf));
    let used = rows.iter().map(|r| r.trim_end().chars().count()).max().unwrap_or(0);
    assert!(used + 3 >= rows[0].chars().count(), "no blank room left in the rankings:\n{}", text(&buf));
}

/// The crowded board at `width`×`height` on `tab`, with every judge's view beside it.
fn crowded_board(rankings: &judging::rankings::Rankings, tab: usize, width: u16, height: u16) -> Buffer {
    let mut board = Board::new(rankings, "Build Small Hackathon");
    board.tab = tab;
    board.side = Some(judging::tui::board::Side::Entry);
    draw(width, height, &board)
}

/// At 80 columns the header names the method and every tie-break whole, whatever else it
/// leaves out.
#[test]
fn the_header_keeps_the_method_and_the_tie_breaks_whole() {
    let rankings = Data::Crowded.rankings();
    let buf = crowded_board(&rankings, 0, 80, 24);
    for said in ["calibrated method", "tie-breaks: utility, then judges"] {
        assert!(shows_whole(&buf, said), "{said:?}:\n{}", text(&buf));
    }
}

/// At 100×30 on a track, every list to deliberate shows its heading; those that do not fit
/// are a key away, which the pane names.
#[test]
fn every_list_to_deliberate_shows_or_a_key_named_scrolls_to_it() {
    let rankings = Data::Crowded.rankings();
    let mut board = Board::new(&rankings, "Build Small Hackathon");
    board.key(KeyEvent::from(KeyCode::Right));
    board.side = Some(judging::tui::board::Side::Entry);
    let headings = [
        "Uncertain chances of a paid place",
        "Paid places that change without one judge",
        "Ties",
        "2 contested",
        "2 conflict",
    ];
    let mut lost: Vec<&str> = headings.to_vec();
    let first = text(&draw(100, 30, &board));
    for _ in 0..headings.len() {
        let buf = draw(100, 30, &board);
        lost.retain(|h| !shows_whole(&buf, h));
        if lost.is_empty() || !text(&buf).contains("] scroll") {
            break;
        }
        board.key(KeyEvent::from(KeyCode::Char(']')));
    }
    assert!(lost.is_empty(), "{lost:?} neither shown nor a key away:\n{first}");
}

/// A paid place on fewer judges than merge.min_judges is listed to deliberate however sure it
/// reads, first, saying why, as the merge's "To discuss" lists it: Seed Swap (1st in Backyard),
/// made a one-judge entry at 100 %, had been on no list of paid places to discuss.
#[test]
fn a_thin_paid_place_is_listed_to_deliberate_with_why() {
    let mut rankings = Data::Crowded.rankings();
    let backyard = rankings.rankings.iter_mut().find(|(n, _)| n == "backyard").expect("backyard");
    let first = backyard.1.iter_mut().find(|e| e.place == 1).expect("a first place");
    let title = first.title.clone();
    (first.judges, first.flat, first.chance) = (1, 0, Some(1.0));
    if !first.has(Flag::Thin) {
        first.flags.push(Flag::Thin);
    }
    let mut board = Board::new(&rankings, "Build Small Hackathon");
    board.key(KeyEvent::from(KeyCode::Right));
    board.side = Some(judging::tui::board::Side::Entry);
    let said = text(&draw(100, 40, &board));
    // The side pane alone, its lines joined: a line of it wraps where the pane's width says.
    let side: Vec<String> = said.lines().map(|l| l.chars().skip(64).collect::<String>().replace('│', " ")).collect();
    let flat = side.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("(4 paid; on fewer than 2 judges however sure, then 10%–90% chance, nearest even odds first):"),
        "{said}"
    );
    assert!(flat.contains(&format!("100% #1 {title} (thin: one judge)")), "{said}");
}

/// A link the browser could not open is said whole, with why and the link itself to copy, at
/// every size, on a crowded footer (a stopwatch running on another entry, an entry partly
/// scored): at 80×24 "…set $BROWSER to your browser's command, o…" lost what to do and the
/// link. Both reasons a judge meets: `$BROWSER` naming a program that is not there, and no
/// browser at all (no display, over SSH).
#[test]
fn a_link_that_did_not_open_is_said_whole_with_the_link() {
    // A post's link as long as LinkedIn's are.
    let post =
        format!("https://www.linkedin.com/posts/{}activity-7212345678901234567-AbCd", "quill-and-crumb-".repeat(4));
    for (browser, long) in [(Some("no-such-browser-anywhere"), false), (None, false), (None, true)] {
        for (width, height) in SIZES {
            let mut j = judge();
            j.act(Action::Resize(width, height));
            j.keys(&chars("jt4j"));
            let space = j.app.current().map(|e| e.submission.space_url.clone()).expect("an entry");
            let url = if long { post.clone() } else { space };
            let reason = match browser {
                Some(program) => judging::browser::open(&url, Some(program)).expect_err("no such program"),
                None => judging::browser::NO_BROWSER.to_owned(),
            };
            j.app.heard(judging::tui::Outcome::LinkFailed { url: url.clone(), reason });
            let buf = draw(width, height, &j.app);
            let lost = missing(&buf, &j.app.promised());
            assert!(lost.is_empty(), "{lost:?} at {width}×{height}:\n{}", text(&buf));
            // The link to copy, whole; one too long for the footer's rows is left to `i`, which
            // shows the entry's links whole (with room, it is in the message).
            let tail = url.rsplit('/').next().unwrap_or(&url);
            let to_i = long && width < 200 && j.app.status.ends_with("i shows the link whole, to copy");
            assert!(j.app.status.contains(tail) || to_i, "at {width}×{height}: {}", j.app.status);
            if width == 80 && !long {
                let name = if browser.is_some() { "judge-link-not-opened-browser" } else { "judge-link-not-opened" };
                insta::assert_snapshot!(name, text(&buf));
            }
        }
    }
}

/// A message too long for the footer's rows even with the rest given way is cut with "…" by
/// what the terminal draws: between graphemes, never between a letter and its accent nor
/// inside an emoji sequence, and inside the screen's width (the cut had popped one character
/// at a time, by each character's own width).
#[test]
fn a_message_too_long_for_the_footer_is_cut_between_graphemes() {
    let accent = "e\u{301}";
    let family = "👩\u{200d}👩\u{200d}👧";
    let message = format!("界{accent}{family}").repeat(150);
    for (width, height) in SIZES {
        let mut j = judge();
        j.act(Action::Resize(width, height));
        j.keys(&chars("t4j"));
        j.app.heard(judging::tui::Outcome::PushFailed(message.clone()));
        let buf = draw(width, height, &j.app);
        let rows: Vec<Vec<String>> =
            (height - 4..height - 1).map(|y| (0..width).map(|x| buf[(x, y)].symbol().to_owned()).collect()).collect();
        let last: String = rows[2].concat();
        assert!(last.trim_end().ends_with('…'), "no \"…\" at {width}×{height}:\n{}", text(&buf));
        // Every cell the message fills holds a whole grapheme of it, or a wide one's second half.
        let whole = [accent, family, "界", " ", "…", ""];
        for row in &rows {
            for cell in row {
                assert!(whole.contains(&cell.as_str()), "{cell:?} cut apart at {width}×{height}:\n{}", text(&buf));
            }
        }
    }
}
