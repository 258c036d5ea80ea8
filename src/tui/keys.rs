//! The keymap: which key does what in each mode. [`KEYS`] is also the `?` help screen.
//!
//! Keys read the app's state (its mode) and give actions; nothing in the app's state reads keys.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Action, App, Choice, Comparing, Link, Mode, Side};
use super::small::SmallKey;
use crate::config::FeedbackNotes;

/// The key that opens the whole entry, declared once: the keymap acts on it, the help lists it,
/// and every count of what the entry pane or the footer left out names it ("press i"), so that
/// a hint cannot name another key than the one that shows what it counts.
pub const WHOLE_ENTRY: &str = "i";

/// The keys of a help table (the app's [`KEYS`], the head judge's board's) that are one
/// character each: what a test presses to find a key the help lists that does nothing.
pub fn single_characters(table: &[(&str, &str)]) -> Vec<char> {
    let words = table.iter().flat_map(|(keys, _)| keys.split_whitespace());
    words
        .filter_map(|k| {
            let mut chars = k.chars();
            chars.next().filter(|_| chars.next().is_none())
        })
        .collect()
}

/// The score keys' place in [`KEYS`]: shown as the rubric's own digits ([`score_keys`]).
const SCORE: &str = "1-9 0";

/// Every key, as the help screen and the README list them. Each meaning fits one line of the
/// help at 80 columns (59 columns after the keys); narrower, it wraps.
pub const KEYS: &[(&str, &str)] = &[
    ("j k ↓ ↑", "next / previous entry"),
    ("PgDn PgUp ^d ^u", "page down / up"),
    ("g G Home End", "first / last entry"),
    ("n", "next entry of mine not fully scored"),
    (WHOLE_ENTRY, "the whole entry: every part the entry pane has no room for"),
    ("Tab S-Tab h l ← →", "focus the next / previous criterion"),
    (SCORE, "score the focused criterion (0 is 10 on a 1-10 scale)"),
    ("digits Enter", "on a longer scale (0-100): type it, Enter saves"),
    ("x Del", "clear the focused score"),
    ("o v p", "open the Space / video / social post"),
    ("t", "time this entry's demo; t again stops and saves it"),
    (NOTES, "note for the jury / for the team (saved as you type)"),
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

/// The digit keys that score a criterion of this rubric, as the help and the footer say them:
/// "1-5" on a rubric of 1 to 5, "0-3" where a scale starts at 0, "1-9 0" on a 1-10 scale (0 is
/// 10), "digits" where every scale is too long for one key. The footer had said "0-9 score" on
/// a rubric of 1 to 5, where 0 and 6-9 only say that they are off the scale. "0-9" where a scale
/// is too long for one key: every digit types into it (Enter saves, as the typing line says).
pub fn score_keys(criteria: &[crate::model::Criterion]) -> String {
    if criteria.iter().any(|c| !c.scale.one_key()) {
        return "0-9".to_owned();
    }
    let mut values = [false; 11];
    for scale in criteria.iter().map(|c| c.scale).filter(crate::model::Scale::one_key) {
        values[usize::from(scale.low)..=usize::from(scale.high)].iter_mut().for_each(|v| *v = true);
    }
    // Runs of values one key each scores, in order; 10 is typed as 0.
    let key = |v: usize| if v == 10 { "0".to_owned() } else { v.to_string() };
    let mut runs: Vec<String> = Vec::new();
    let mut v = 0;
    while v < values.len() {
        if !values[v] {
            v += 1;
            continue;
        }
        let start = v;
        while v + 1 < values.len() && values[v + 1] {
            v += 1;
        }
        runs.push(match (start, v) {
            (a, b) if a == b => key(a),
            // From 0 to 10 every digit scores: 0 is 0 on one scale and 10 on another.
            (0, 10) => "0-9".to_owned(),
            (a, 10) if a < 9 => format!("{a}-9 0"),
            (9, 10) => "9 0".to_owned(),
            (a, b) => format!("{a}-{b}"),
        });
        v += 1;
    }
    runs.join(" ")
}

/// The keys of [`KEYS`] that act on this event, as the help lists them: typing a number only
/// where a scale is longer than one key, the track filter only where there are tracks, `a` only
/// where it hides something (assignments, a conflict), `P` only with a `[sync]` repo, `F` only
/// with a `[finals]` round; the digits that score this rubric ([`score_keys`]), with "0 is 10"
/// only where a 1-10 scale has it.
pub fn keys_here(app: &App) -> Vec<(Cow<'static, str>, &'static str)> {
    let rubric = rubric_in_front(app);
    let long_scale = rubric.iter().any(|c| !c.scale.one_key());
    let one_key = rubric.iter().any(|c| c.scale.one_key());
    let zero_is_ten = rubric.iter().any(|c| c.scale.high == 10 && c.scale.low > 0);
    let tracks = app.has_tracks();
    let mine = app.mine_hides_some();
    KEYS.iter()
        .copied()
        .filter(|(keys, _)| match *keys {
            "digits Enter" => long_scale,
            SCORE => one_key,
            "f" => tracks,
            "a" => mine,
            "P" => app.config.sync.repo().is_some(),
            "F" => app.config.finals.is_some(),
            _ => true,
        })
        .map(|(keys, meaning)| match keys {
            SCORE if !zero_is_ten => (Cow::Owned(score_keys(rubric)), "score the focused criterion"),
            SCORE => (Cow::Owned(score_keys(rubric)), meaning),
            NOTES => notes_keys(app),
            "a" => (Cow::Borrowed(keys), app.not_mine_because().help()),
            _ => (Cow::Borrowed(keys), meaning),
        })
        .collect()
}

/// The note keys' place in [`KEYS`]: said as `[feedback] notes` has them ([`notes_keys`]).
const NOTES: &str = "e E";

/// The note keys and whom the note is for, as `[feedback] notes` says: the help had offered
/// "note for the jury / for the team" on an event where every note reaches the team (and `e`
/// opened the team's) or where none does (and `E` only said so).
fn notes_keys(app: &App) -> (Cow<'static, str>, &'static str) {
    match app.config.feedback.notes {
        FeedbackNotes::JudgeChooses => (Cow::Borrowed(NOTES), "note for the jury / for the team (saved as you type)"),
        FeedbackNotes::Never => {
            (Cow::Borrowed("e"), "note for the jury; no note reaches the teams (saved as you type)")
        }
        FeedbackNotes::Always => {
            (Cow::Borrowed("e"), "note, which the team may read: every note is theirs (saved as you type)")
        }
    }
}

/// The rubric the digits score: the selected entry's track's, where each track has its own
/// (a 1-10 scale in one track and 0-3 in another had read "0-9 0 score" on both); the event's
/// whole rubric where no entry is selected.
fn rubric_in_front(app: &App) -> &[crate::model::Criterion] {
    let rubric = app.criteria();
    if app.current().is_some() && !rubric.is_empty() { rubric } else { &app.config.criteria }
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
    ("Esc", "back to the list (every answer is already saved; a note kept waits for its pair's answer)"),
    ("?", "these keys"),
    ("q ^c", "quit (every answer is already saved; a note waiting for one is said first)"),
];

/// What closes the help, the judge's and the head judge's alike: any key (^c still quits). Said
/// in both helps' titles and the judge's footer.
pub const HELP_CLOSES: &str = "any key closes";

/// What a key that does nothing here says, on both screens: it names the key, and where the
/// keys are.
pub fn unbound_said(key: &str) -> String {
    format!("{} does nothing here; ? shows the keys", crate::sanitize::screen_line(key))
}

/// The help's title, on both screens.
pub fn help_title() -> String {
    format!(" Keys · {HELP_CLOSES} ")
}

/// An open text box's keys, on its bottom edge: the footer's for its mode ([`footer_keys`], one
/// declaration for both), less a first "type …", which the open box says by itself.
pub fn box_keys(app: &App) -> Vec<Cow<'static, str>> {
    let mut keys = footer_keys(app);
    if keys.first().is_some_and(|first| first.starts_with("type ")) {
        keys.remove(0);
    }
    keys
}

/// The keys of the current mode, for the footer, most needed first, two spaces apart: all fit
/// in 80 columns; on a narrower line those that do not fit are left, whole, to `?`.
pub fn footer_keys(app: &App) -> Vec<Cow<'static, str>> {
    let fixed: &'static [&'static str] = match app.mode {
        Mode::Browse => {
            let score = format!("{} score", score_keys(rubric_in_front(app)));
            let mut keys: Vec<Cow<'static, str>> = vec!["? keys".into(), "j/k move".into(), score.into()];
            let notes = if app.config.feedback.notes == FeedbackNotes::JudgeChooses { "e/E note" } else { "e note" };
            keys.extend(["Tab next", "o/v/p open", "t time", notes, "r recuse"].map(Cow::Borrowed));
            return keys;
        }
        Mode::Search(_) => &["type to search", "Enter keeps", "Esc clears"],
        Mode::Note(_) => &["saved as you type", "Esc or ^s closes"],
        Mode::Recuse(_) => &["type the reason", "Enter recuses", "Esc cancels"],
        Mode::Help => &[HELP_CLOSES],
        Mode::Entry { .. } => &["j/k scroll", "o/v/p open", "any other key closes"],
        Mode::Finals(Comparing { typing: Some(_), .. }) => &["type the note", "Enter keeps", "Esc drops"],
        Mode::Finals(Comparing { help: true, .. }) => &[HELP_CLOSES],
        Mode::Finals(_) => &["? keys", "←/→ better", "= level", "s skip", "u undo", "e note", "o/O open", "Esc list"],
    };
    fixed.iter().map(|k| Cow::Borrowed(*k)).collect()
}

/// The action a key asks for, if any.
pub fn handle_key(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') && !matches!(app.mode, Mode::Note(_)) {
        return Some(Action::Quit);
    }
    // On a screen too small to show the scores, a key could change what the judge cannot see:
    // the rule every screen follows ([`super::small`]). q quits and ? shows the keys, unless a
    // text box takes the keys; Esc leaves what is open as it does on a larger screen (^c or ^s
    // close a note as Esc does); every other key is refused, and said to be.
    if app.too_small() {
        let closes_note = ctrl && matches!(key.code, KeyCode::Char('s' | 'c')) && matches!(app.mode, Mode::Note(_));
        // The keys, once shown, close at any key, as their title says.
        let help = matches!(app.mode, Mode::Help | Mode::Finals(Comparing { help: true, .. }));
        if !closes_note && !help {
            return match super::small::key(key, super::view::typing_into_a_box(app))? {
                SmallKey::Quit => Some(Action::Quit),
                SmallKey::Help => Some(Action::Help),
                SmallKey::Refused(name) => Some(Action::Refused(name)),
                SmallKey::Back => in_mode(app, key, ctrl),
            };
        }
    }
    in_mode(app, key, ctrl)
}

/// The action a key asks for in the mode the app is in, on a screen large enough.
fn in_mode(app: &App, key: KeyEvent, ctrl: bool) -> Option<Action> {
    match &app.mode {
        Mode::Help => Some(Action::Close(true)),
        Mode::Entry { .. } => Some(whole_entry(key)),
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
        // ^c closes the note as Esc does (every keystroke is already saved), so a judge reaching
        // for the usual way out is not met by nothing; a second ^c quits, from the list.
        Mode::Note(_) => match key.code {
            KeyCode::Esc => Some(Action::Close(true)),
            KeyCode::Char('s' | 'c') if ctrl => Some(Action::Close(true)),
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

/// A key that does nothing where it is pressed: named, so the judge is told so rather than met
/// by nothing, with the last key's message still in sight as if it answered this one. A key
/// that types nothing of its own (a modifier, a lock, a media key) stays silent.
fn unbound(key: KeyEvent) -> Option<Action> {
    super::small::name(key).map(Action::Unbound)
}

/// Whether `key` is a letter or digit held with Ctrl or Alt that no key of the list binds (only
/// ^d and ^u are): it is not the plain key. Alt-2 had scored 2, ^r opened the recusal box, and a
/// second ^s meant to close a note had sorted the list.
fn modified_unbound(key: KeyEvent) -> bool {
    let (ctrl, alt) = (key.modifiers.contains(KeyModifiers::CONTROL), key.modifiers.contains(KeyModifiers::ALT));
    match key.code {
        KeyCode::Char('d' | 'u') if ctrl && !alt => false,
        KeyCode::Char(_) => ctrl || alt,
        _ => false,
    }
}

fn browse(key: KeyEvent, ctrl: bool) -> Option<Action> {
    if modified_unbound(key) {
        return unbound(key);
    }
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
        KeyCode::Char(c) if is_the_key(c, WHOLE_ENTRY) => Action::WholeEntry,
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
        _ => return unbound(key),
    };
    Some(action)
}

/// Whether `c` is the one key `declared` names ([`WHOLE_ENTRY`]).
fn is_the_key(c: char, declared: &str) -> bool {
    let mut keys = declared.chars();
    keys.next() == Some(c) && keys.next().is_none()
}

/// A key on the whole entry: it scrolls, opens a link, or closes it, as any other key closes the
/// help.
fn whole_entry(key: KeyEvent) -> Action {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if modified_unbound(key) {
        return Action::Close(true);
    }
    match key.code {
        KeyCode::Char('d') if ctrl => Action::Page(1),
        KeyCode::Char('u') if ctrl => Action::Page(-1),
        KeyCode::Char('j') | KeyCode::Down => Action::Scroll(1),
        KeyCode::Char('k') | KeyCode::Up => Action::Scroll(-1),
        KeyCode::PageDown | KeyCode::Char(' ') => Action::Page(1),
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::Char('g') | KeyCode::Home => Action::Scroll(isize::MIN),
        KeyCode::Char('G') | KeyCode::End => Action::Scroll(isize::MAX),
        KeyCode::Char('o') => Action::Open(Link::Space),
        KeyCode::Char('v') => Action::Open(Link::Video),
        KeyCode::Char('p') => Action::Open(Link::Post),
        _ => Action::Close(true),
    }
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
    // Any key closes the keys, as their title says and as the list's help does (^c still
    // quits): only Esc and ? did, and q quit from under a title that said any key closes.
    if c.help {
        return Some(Action::Close(true));
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
        _ => return unbound(key),
    };
    Some(action)
}

#[cfg(test)]
mod tests {
    use crate::model::{Criterion, Scale};

    /// The score keys said are the digits the rubric's one-key scales take, 10 typed as 0.
    #[test]
    fn the_score_keys_are_the_rubrics_digits() {
        let rubric = |scales: &[(u8, u8)]| -> Vec<Criterion> {
            scales
                .iter()
                .map(|&(low, high)| Criterion { scale: Scale { low, high }, ..Criterion::example("c", 1.0) })
                .collect()
        };
        for (scales, said) in [
            (&[(1, 5)][..], "1-5"),
            (&[(1, 5), (1, 3)], "1-5"),
            (&[(0, 3)], "0-3"),
            (&[(0, 3), (1, 5)], "0-5"),
            (&[(1, 10)], "1-9 0"),
            (&[(1, 10), (1, 5)], "1-9 0"),
            (&[(9, 10)], "9 0"),
            (&[(1, 2), (5, 7)], "1-2 5-7"),
            (&[(4, 4)], "4"),
            (&[(0, 100)], "0-9"),
            (&[(0, 100), (1, 5)], "0-9"),
            (&[(0, 3), (1, 10)], "0-9"),
            (&[(0, 10)], "0-9"),
        ] {
            assert_eq!(super::score_keys(&rubric(scales)), said, "{scales:?}");
        }
    }
}
