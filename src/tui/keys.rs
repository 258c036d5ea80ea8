//! The keymap: which key does what in each mode. [`KEYS`] is also the `?` help screen.
//!
//! Keys read the app's state (its mode) and give actions; nothing in the app's state reads keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Action, App, Choice, Comparing, Link, Mode, Side};

/// Every key, as the help screen and the README list them. Each meaning fits one line of the
/// help at 80 columns (59 columns after the keys); narrower, it wraps.
pub const KEYS: &[(&str, &str)] = &[
    ("j k ↓ ↑", "next / previous entry"),
    ("PgDn PgUp ^d ^u", "page down / up"),
    ("g G Home End", "first / last entry"),
    ("n", "next entry not fully scored"),
    ("Tab S-Tab h l ← →", "focus the next / previous criterion"),
    ("1-9 0", "score the focused criterion (0 is 10 on a 1-10 scale)"),
    ("digits Enter", "on a longer scale (0-100): type it, Enter saves"),
    ("x Del", "clear the focused score"),
    ("o v p", "open the Space / video / social post"),
    ("t", "time this entry's demo; t again stops and saves it"),
    ("e E", "note for the jury / for the team (saved as you type)"),
    ("r", "recuse from the entry, with a reason (again to undo)"),
    ("u", "undo the last change"),
    ("/", "search title, team, members, tags, models (Esc clears)"),
    ("f", "filter by track: all, then each track"),
    ("U", "show only entries not fully scored"),
    ("a", "show only entries assigned to me"),
    ("s", "sort: export order, title, status, my total"),
    ("P", "push your score file to the judges' Hub repo ([sync])"),
    ("F", "finals: compare the finalists two by two (once published)"),
    ("?", "this help"),
    ("q ^c", "quit (everything is already saved)"),
];

/// The keys of [`KEYS`] that act on this event, as the help lists them: typing a number only
/// where a scale is longer than one key, the track filter only where there are tracks, `a` only
/// where it hides something (assignments, a conflict), `P` only with a `[sync]` repo, `F` only
/// with a `[finals]` round; "0 is 10" only where a 1-10 scale has it.
pub fn keys_here(app: &App) -> Vec<(&'static str, &'static str)> {
    let long_scale = app.config.criteria.iter().any(|c| !c.scale.one_key());
    let zero_is_ten = app.config.criteria.iter().any(|c| c.scale.high == 10 && c.scale.low > 0);
    let tracks = app.has_tracks();
    let mine = app.mine_hides_some();
    KEYS.iter()
        .copied()
        .filter(|(keys, _)| match *keys {
            "digits Enter" => long_scale,
            "f" => tracks,
            "a" => mine,
            "P" => app.config.sync.repo().is_some(),
            "F" => app.config.finals.is_some(),
            _ => true,
        })
        .map(|(keys, meaning)| match keys {
            "1-9 0" if !zero_is_ten => (keys, "score the focused criterion"),
            _ => (keys, meaning),
        })
        .collect()
}

/// The comparison screen's keys (`F`), as its `?` and the README list them.
pub const FINALS_KEYS: &[(&str, &str)] = &[
    ("← h  → l", "the left / the right finalist is better (saved at once)"),
    ("=", "the two are level"),
    ("s", "skip this pair: it comes back when the others are done"),
    ("u", "undo your last answer: its pair comes back"),
    ("e", "a note on this pair, saved with your answer (Enter keeps)"),
    ("o v p", "open the left finalist's Space / video / social post"),
    ("O V P", "open the right finalist's Space / video / social post"),
    ("Esc", "back to the list (every answer is already saved)"),
    ("?", "these keys"),
    ("q ^c", "quit (everything is already saved)"),
];

/// What closes the help, the judge's and the head judge's alike: any key (^c still quits). Said
/// in both helps' titles and the judge's footer.
pub const HELP_CLOSES: &str = "any key closes";

/// The help's title, on both screens.
pub fn help_title() -> String {
    format!(" Keys · {HELP_CLOSES} ")
}

/// An open text box's keys, on its bottom edge: the footer's for its mode ([`footer_keys`], one
/// declaration for both), less a first "type …", which the open box says by itself.
pub fn box_keys(app: &App) -> &'static [&'static str] {
    let keys = footer_keys(app);
    match keys.split_first() {
        Some((first, rest)) if first.starts_with("type ") => rest,
        _ => keys,
    }
}

/// The keys of the current mode, for the footer, most needed first, two spaces apart: all fit
/// in 80 columns; on a narrower line those that do not fit are left, whole, to `?`.
pub fn footer_keys(app: &App) -> &'static [&'static str] {
    match app.mode {
        Mode::Browse => {
            &["? keys", "j/k move", "0-9 score", "Tab next", "o/v/p open", "t time", "e/E note", "r recuse"]
        }
        Mode::Search(_) => &["type to search", "Enter keeps", "Esc clears"],
        Mode::Note(_) => &["saved as you type", "Esc or ^s closes"],
        Mode::Recuse(_) => &["type the reason", "Enter recuses", "Esc cancels"],
        Mode::Help => &[HELP_CLOSES],
        Mode::Finals(Comparing { typing: Some(_), .. }) => &["type the note", "Enter keeps", "Esc drops"],
        Mode::Finals(Comparing { help: true, .. }) => &["Esc or ? closes the keys"],
        Mode::Finals(_) => &["? keys", "←/→ better", "= level", "s skip", "u undo", "e note", "o/O open", "Esc list"],
    }
}

/// The action a key asks for, if any.
pub fn handle_key(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') && !matches!(app.mode, Mode::Note(_)) {
        return Some(Action::Quit);
    }
    // On a screen too small to show the scores, a key could change what the judge cannot see.
    if app.too_small() && matches!(app.mode, Mode::Browse | Mode::Finals(_)) {
        let finals = matches!(app.mode, Mode::Finals(_));
        return match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('?') if !finals => Some(Action::Help),
            KeyCode::Esc if finals => Some(Action::Close(true)),
            _ => None,
        };
    }
    match &app.mode {
        Mode::Help => Some(Action::Close(true)),
        Mode::Finals(c) => finals(c, key),
        Mode::Search(_) => match key.code {
            KeyCode::Enter => Some(Action::Close(true)),
            KeyCode::Esc => Some(Action::Close(false)),
            _ => Some(Action::Type(key)),
        },
        Mode::Recuse(_) => match key.code {
            KeyCode::Enter => Some(Action::Close(true)),
            KeyCode::Esc => Some(Action::Close(false)),
            _ => Some(Action::Type(key)),
        },
        Mode::Note(_) => match key.code {
            KeyCode::Esc => Some(Action::Close(true)),
            KeyCode::Char('s') if ctrl => Some(Action::Close(true)),
            _ => Some(Action::Type(key)),
        },
        // A score being typed digit by digit: Enter saves it, Backspace takes a digit back, Esc
        // leaves it; other keys do what they always do (and leave it).
        Mode::Browse if app.typing.digits.is_some() && key.code == KeyCode::Enter => Some(Action::ConfirmScore),
        Mode::Browse if app.typing.digits.is_some() && key.code == KeyCode::Backspace => Some(Action::EraseDigit),
        Mode::Browse if app.typing.digits.is_some() && key.code == KeyCode::Esc => Some(Action::CancelScore),
        Mode::Browse if key.code == KeyCode::Esc && !app.list.query.is_empty() => Some(Action::ClearSearch),
        Mode::Browse => browse(key, ctrl),
    }
}

fn browse(key: KeyEvent, ctrl: bool) -> Option<Action> {
    let action = match key.code {
        KeyCode::Char('d') if ctrl => Action::Page(1),
        KeyCode::Char('u') if ctrl => Action::Page(-1),
        KeyCode::Char('j') | KeyCode::Down => Action::Move(1),
        KeyCode::Char('k') | KeyCode::Up => Action::Move(-1),
        KeyCode::PageDown => Action::Page(1),
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::Char('g') | KeyCode::Home => Action::First,
        KeyCode::Char('G') | KeyCode::End => Action::Last,
        KeyCode::Char('n') => Action::NextUnscored,
        KeyCode::Tab | KeyCode::Char('l') | KeyCode::Right => Action::Focus(1),
        KeyCode::BackTab | KeyCode::Char('h') | KeyCode::Left => Action::Focus(-1),
        KeyCode::Char(c @ '0'..='9') => Action::Score(c as u8 - b'0'),
        // Not Backspace: it takes back a typed digit, and one too many must not clear a score.
        KeyCode::Char('x') | KeyCode::Delete => Action::ClearScore,
        KeyCode::Char('o') => Action::Open(Link::Space),
        KeyCode::Char('v') => Action::Open(Link::Video),
        KeyCode::Char('p') => Action::Open(Link::Post),
        KeyCode::Char('t') => Action::Stopwatch,
        KeyCode::Char('e') => Action::EditNote,
        KeyCode::Char('E') => Action::EditTeamNote,
        KeyCode::Char('r') => Action::Recuse,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('/') => Action::Search,
        KeyCode::Char('f') => Action::CycleTrack,
        KeyCode::Char('U') => Action::ToggleUnscored,
        KeyCode::Char('a') => Action::ToggleMine,
        KeyCode::Char('s') => Action::CycleSort,
        KeyCode::Char('P') => Action::Push,
        KeyCode::Char('F') => Action::Finals,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    };
    Some(action)
}

/// A key on the comparison screen: the note's box takes every key but Enter and Esc.
fn finals(c: &Comparing, key: KeyEvent) -> Option<Action> {
    if c.typing.is_some() {
        return Some(match key.code {
            KeyCode::Enter => Action::Close(true),
            KeyCode::Esc => Action::Close(false),
            _ => Action::Type(key),
        });
    }
    if c.help {
        return match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Esc | KeyCode::Char('?') => Some(Action::Close(true)),
            _ => None,
        };
    }
    let action = match key.code {
        KeyCode::Left | KeyCode::Char('h') => Action::Choose(Choice::Better(Side::Left)),
        KeyCode::Right | KeyCode::Char('l') => Action::Choose(Choice::Better(Side::Right)),
        KeyCode::Char('=') => Action::Choose(Choice::Level),
        KeyCode::Char('s') => Action::SkipPair,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('e') => Action::EditNote,
        KeyCode::Char('o') => Action::Open(Link::Space),
        KeyCode::Char('v') => Action::Open(Link::Video),
        KeyCode::Char('p') => Action::Open(Link::Post),
        KeyCode::Char('O') => Action::OpenRight(Link::Space),
        KeyCode::Char('V') => Action::OpenRight(Link::Video),
        KeyCode::Char('P') => Action::OpenRight(Link::Post),
        KeyCode::Esc => Action::Close(true),
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    };
    Some(action)
}
