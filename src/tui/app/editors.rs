//! The judge's app's editors: the search box, the note editor, the recusal reason, and a score
//! typed digit by digit. Each owns its text and says what a key or a paste changed; the app
//! decides what to save.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::model::{Change, TextPart};

/// What the keyboard is driving.
pub enum Mode {
    Browse,
    Search(Search),
    Note(NoteEditor),
    Recuse(Recusal),
    Help,
    /// The whole entry (`i`), scrolled this many lines down: every part the entry pane has no
    /// room for, none shrunk.
    Entry {
        scroll: usize,
    },
    /// The finals' comparison screen.
    Finals(super::finals::Comparing),
}

/// The `/` box: the query narrows the list as it is typed.
pub struct Search {
    pub editor: TextArea<'static>,
}

impl Default for Search {
    fn default() -> Search {
        Search { editor: single_line("search title, team, members, tags, models") }
    }
}

impl Search {
    /// Types a key; the query as it now reads.
    pub fn key(&mut self, key: KeyEvent) -> String {
        type_key(&mut self.editor, key, true);
        self.query()
    }

    /// Pastes a line; the query as it now reads.
    pub fn paste(&mut self, text: &str) -> String {
        self.editor.insert_str(crate::sanitize::clean_line(text));
        self.query()
    }

    pub fn query(&self) -> String {
        self.editor.lines().concat()
    }
}

/// A typed line as it reads, safe to draw: cleaned as any line on the screen is
/// ([`screen_line`]), with the spaces it starts and ends with kept, which `screen_line` trims.
/// A search's spaces are part of what it finds ("bus " finds "bus stop", not "omnibus"): "bus "
/// had read "bus".
///
/// [`screen_line`]: crate::sanitize::screen_line
pub fn as_typed(text: &str) -> String {
    let cleaned = crate::sanitize::screen_line(text);
    let spaces = |n: usize| " ".repeat(n);
    if cleaned.is_empty() {
        return spaces(text.chars().filter(|c| c.is_whitespace()).count());
    }
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
    format!("{}{cleaned}{}", spaces(lead), spaces(trail))
}

/// A note being written on one entry: the jury's or the team's, saved as it is typed.
pub struct NoteEditor {
    pub editor: TextArea<'static>,
    pub id: String,
    /// The note as it was, for undo: the whole edit is one change.
    pub before: Option<String>,
    /// The note the team may read, or (false) the jury's own.
    pub team: bool,
}

impl NoteEditor {
    pub fn new(id: String, before: Option<String>, team: bool) -> NoteEditor {
        let mut editor = TextArea::new(before.clone().unwrap_or_default().lines().map(str::to_owned).collect());
        // A long line wraps at its words rather than scrolling sideways out of sight.
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.move_cursor(CursorMove::Bottom);
        editor.move_cursor(CursorMove::End);
        NoteEditor { editor, id, before, team }
    }

    /// Types a key: the change that writes the note, when the text changed. `^Home` and `^End`
    /// go to the note's start and end (the editor's own took them for Home and End, the line's).
    pub fn key(&mut self, key: KeyEvent) -> Option<Change> {
        let ends = match key.code {
            KeyCode::Home => [CursorMove::Top, CursorMove::Head],
            KeyCode::End => [CursorMove::Bottom, CursorMove::End],
            _ => return type_key(&mut self.editor, key, false).then(|| self.change()),
        };
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            self.editor.cancel_selection();
            for m in ends {
                self.editor.move_cursor(m);
            }
            return None;
        }
        self.editor.input(key).then(|| self.change())
    }

    /// Pastes text, its line breaks kept: the change that writes the note.
    pub fn paste(&mut self, text: &str) -> Change {
        self.editor.insert_str(crate::sanitize::clean_block(text));
        self.change()
    }

    /// The note as it reads now; an empty note is no note.
    fn change(&self) -> Change {
        note_change(self.team, self.text())
    }

    /// The note's text as the editor holds it; `None` for an empty one.
    pub fn text(&self) -> Option<String> {
        let text = self.editor.lines().join("\n");
        (!text.trim().is_empty()).then_some(text)
    }
}

/// The reason for a recusal, being typed.
pub struct Recusal {
    pub editor: TextArea<'static>,
    pub id: String,
}

impl Recusal {
    pub fn new(id: String) -> Recusal {
        Recusal { editor: single_line("why? (a conflict of interest, ...)"), id }
    }

    pub fn key(&mut self, key: KeyEvent) {
        type_key(&mut self.editor, key, true);
    }

    pub fn paste(&mut self, text: &str) {
        self.editor.insert_str(crate::sanitize::clean_line(text));
    }

    pub fn reason(&self) -> String {
        self.editor.lines().concat().trim().to_owned()
    }
}

/// The digits of a score being typed, on a scale of more than one digit.
#[derive(Debug, Default)]
pub struct Typing {
    pub digits: Option<String>,
    /// The last key was a q that kept these digits rather than quit: the next q quits.
    pub quit_held: bool,
}

impl Typing {
    /// Adds a digit: the number typed so far.
    pub fn push(&mut self, digit: u8) -> String {
        let typed = self.digits.get_or_insert_default();
        typed.push(char::from(b'0' + digit));
        typed.clone()
    }

    /// Takes back the last digit typed. With every digit taken back the judge is still typing
    /// (so a further Backspace cannot clear the saved score); one more leaves it.
    pub fn erase(&mut self) {
        match &mut self.digits {
            Some(t) if t.is_empty() => self.digits = None,
            Some(t) => {
                t.pop();
            }
            None => {}
        }
    }

    pub fn take(&mut self) -> Option<String> {
        self.digits.take()
    }
}

/// Types a key into an editor: whether its text changed. A character goes in as the editor's
/// paste would put it ([`crate::sanitize::typed`]): typed, a bidi override or a line separator
/// had gone into the note raw, where a paste of it was cleaned.
pub fn type_key(editor: &mut TextArea, key: KeyEvent, one_line: bool) -> bool {
    if let KeyCode::Char(c) = key.code
        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        let text = crate::sanitize::typed(c, one_line);
        if text.chars().ne(std::iter::once(c)) {
            if text.is_empty() {
                return false;
            }
            editor.insert_str(text);
            return true;
        }
    }
    editor.input(key)
}

fn single_line(placeholder: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(vec![String::new()]);
    editor.set_placeholder_text(placeholder.to_owned());
    editor.move_cursor(CursorMove::End);
    editor
}

/// The change that writes a note: the team's, or the jury's.
pub fn note_change(team: bool, text: Option<String>) -> Change {
    Change::Text(if team { TextPart::TeamNote } else { TextPart::Note }, text)
}
