//! The one rule for a screen too small for its layout, which every screen follows (the judge's
//! list, the whole entry, a text box, the finals' comparison, the head judge's board): only `q`
//! quits, `?` shows the keys and Esc leaves what is open; every other key is refused, and said
//! to be, by name, on the small screen and still once it is enlarged. A key that acted unseen
//! (the board had settled a tie and written decisions.toml at 70×20) cannot.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::sanitize::screen_line;

/// What a key does on a screen too small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmallKey {
    Quit,
    /// The keys, where nothing is being typed.
    Help,
    /// Esc: leaves what is open (a text box, the dialog, the help), as it does on a screen
    /// large enough.
    Back,
    /// Any other key, by its name: refused.
    Refused(String),
}

/// What `key` does on a screen too small. `typing`: a text box or the tie's dialog takes the
/// keys, so `q` and `?` would be typed there: they are refused too, and only Esc acts. A key
/// without a name (a modifier alone) does nothing, and says nothing.
pub fn key(key: KeyEvent, typing: bool) -> Option<SmallKey> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => SmallKey::Quit,
        KeyCode::Esc => SmallKey::Back,
        KeyCode::Char('q') if !typing && !ctrl => SmallKey::Quit,
        KeyCode::Char('?') if !typing && !ctrl => SmallKey::Help,
        _ => SmallKey::Refused(name(key)?),
    })
}

/// A key's name as a message says it ("z", "Enter", "^z"); `None` for a key that is no key of
/// its own (a modifier, a media key).
pub fn name(key: KeyEvent) -> Option<String> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Modifier(_)
        | KeyCode::Media(_)
        | KeyCode::CapsLock
        | KeyCode::NumLock
        | KeyCode::ScrollLock
        | KeyCode::Null => return None,
        KeyCode::Char(c) if ctrl => format!("^{c}"),
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::ALT) => format!("M-{c}"),
        code => code.to_string(),
    })
}

/// The keys refused on a screen too small since the last key that acted: said together, so
/// that `abc` typed unseen is "3 keys not typed (abc)", not only the last one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refused {
    keys: Vec<String>,
}

/// The most of the keys refused a message spells out; the count says how many there were.
const SPELLED: usize = 40;

impl Refused {
    pub fn push(&mut self, name: &str) {
        self.keys.push(if name == " " { "Space".to_owned() } else { screen_line(name) });
    }

    pub fn clear(&mut self) {
        self.keys.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// What was refused, and why: `typing` into a text box out of sight ("not typed") or on a
    /// screen that shows nothing a key could change ("refused"). `None` when nothing was.
    pub fn said(&self, typing: bool) -> Option<String> {
        let verb = if typing { "not typed" } else { "refused" };
        let keys = match self.keys.as_slice() {
            [] => return None,
            [one] => format!("{one} {verb}"),
            many => {
                // Letters typed read as typed ("abc"); a named key stands apart ("d 2 Enter").
                let mut spelled = String::new();
                for k in many {
                    let apart = k.chars().count() > 1;
                    if apart && !spelled.is_empty() && !spelled.ends_with(' ') {
                        spelled.push(' ');
                    }
                    spelled.push_str(k);
                    if apart {
                        spelled.push(' ');
                    }
                }
                let spelled = spelled.trim_end();
                let spelled = match spelled.char_indices().nth(SPELLED) {
                    Some((at, _)) => format!("{}…", &spelled[..at]),
                    None => spelled.to_owned(),
                };
                format!("{} {verb} ({spelled})", crate::format::count(many.len(), "key", "keys"))
            }
        };
        Some(if typing {
            format!("{keys}: the box is out of sight; enlarge the terminal to type")
        } else {
            format!("{keys}: the screen is too small to show what it would do; enlarge it")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn keys_refused_are_counted_and_spelled() {
        let mut refused = Refused::default();
        assert_eq!(refused.said(true), None);
        for c in "abc".chars() {
            refused.push(&name(press(c)).expect("a key"));
        }
        assert_eq!(
            refused.said(true).as_deref(),
            Some("3 keys not typed (abc): the box is out of sight; enlarge the terminal to type")
        );
        refused.clear();
        for k in ["d", "2", "Enter", " ", "j"] {
            refused.push(k);
        }
        let said = refused.said(false).unwrap_or_default();
        assert!(said.starts_with("5 keys refused (d2 Enter Space j): the screen is too small"), "{said}");
        refused.clear();
        refused.push("x");
        assert!(refused.said(true).unwrap_or_default().starts_with("x not typed:"));
    }

    #[test]
    fn only_q_help_and_esc_act() {
        assert_eq!(key(press('q'), false), Some(SmallKey::Quit));
        assert_eq!(key(press('?'), false), Some(SmallKey::Help));
        assert_eq!(key(press('q'), true), Some(SmallKey::Refused("q".into())));
        assert_eq!(key(press('d'), false), Some(SmallKey::Refused("d".into())));
        assert_eq!(key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), true), Some(SmallKey::Back));
        assert_eq!(key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL), true), Some(SmallKey::Quit));
    }
}
