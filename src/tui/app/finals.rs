//! The finals' comparison screen as state: which published round and pair are in front of the
//! judge, the pairs they skipped, and the note they are typing. An answer is a [`Change`] on the
//! judge's sheet, saved through the loop as every score is (and as `judging compare` saves it),
//! with its undo; the next pair is the core's (`Round::next_pair_skipping`).

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};

use super::effects::{Effect, Then, Write};
use super::{App, Link, Mode};
use crate::finals::{Barred, Round};
use crate::model::{Change, Compared, Pair, Verdict};
use crate::sanitize::screen_line;

/// Which finalist a key means: the one on the left or the one on the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// What the judge says of the pair in front of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Better(Side),
    Level,
}

/// The comparison screen.
pub struct Comparing {
    /// The published round in front of the judge, by its index in [`App::finals`].
    pub round: usize,
    /// The pair in front of the judge, as finalist indices, left then right; `None` when no pair
    /// is left for them.
    pub pair: Option<(usize, usize)>,
    /// The pairs skipped since the screen opened, by round (smaller finalist first): offered
    /// again only when no other pair is left.
    pub skipped: Vec<(usize, usize, usize)>,
    /// The note on the pair in front of the judge, saved with their answer.
    pub note: String,
    /// The note's box, while it is open.
    pub typing: Option<TextArea<'static>>,
    /// Whether the screen's keys are shown in full (`?`).
    pub help: bool,
}

/// One finalist as the screen shows it, every text cleaned for the terminal.
#[derive(Debug, Clone, PartialEq)]
pub struct FinalistShown {
    pub id: String,
    pub title: String,
    pub team: String,
    pub rubric_place: usize,
}

/// What a key of the pair says when no pair is left for the judge.
const NO_PAIR: &str = "no pair is left for you to compare: Esc returns to the list";

impl App {
    /// The round a judge sees on the screen: everyone's published answers with their own from
    /// the sheet, and what they may not compare.
    pub fn finals_round(&self, r: usize) -> Option<(Round, Vec<Option<Barred>>)> {
        let published = self.finals.get(r)?;
        let sheet = self.sheet();
        let round = published.as_seen_by(&self.judge, sheet);
        let entries = &self.entries;
        let why = round
            .why_barred(&self.config, &self.judge, sheet, |id| entries.get(id).map(|e| (&e.submission, e.withdrawn)));
        Some((round, why))
    }

    /// `F`: the comparison screen, on the first pair the core chooses; or why not.
    pub(super) fn open_finals(&mut self) {
        if let Some(problem) = &self.finals_problem {
            self.status = format!("the finals cannot be read: {}", screen_line(problem));
            return;
        }
        if self.config.finals.is_none() {
            self.status = format!("this event has no finals round: {} has no [finals]", self.event_file());
            return;
        }
        if self.finals.is_empty() {
            self.status = "no finals published yet: the head judge publishes them (judging merge --finals)".into();
            return;
        }
        if !self.config.compares_in_finals(&self.judge) {
            self.status = "judging.toml does not list you among the finals' judges: `judging finals` lists them".into();
            return;
        }
        self.mode = Mode::Finals(Comparing {
            round: 0,
            pair: None,
            skipped: Vec::new(),
            note: String::new(),
            typing: None,
            help: false,
        });
        self.choose_pair();
    }

    /// Puts the next pair in front of the judge: the core's choice in the round on screen, then
    /// in the rounds after it; the skipped pairs only when nothing else is left.
    fn choose_pair(&mut self) {
        let Mode::Finals(c) = &self.mode else { return };
        let (start, skipped) = (c.round, c.skipped.clone());
        let n = self.finals.len();
        let mut found = None;
        for pass in [true, false] {
            for r in (0..n).map(|k| (start + k) % n) {
                let Some((round, why)) = self.finals_round(r) else { continue };
                let barred: Vec<bool> = why.iter().map(Option::is_some).collect();
                let skip: Vec<(usize, usize)> =
                    if pass { skipped.iter().filter(|s| s.0 == r).map(|s| (s.1, s.2)).collect() } else { Vec::new() };
                if let Some(pair) = round.next_pair_skipping(&round.fit(None), &self.judge, &barred, &skip) {
                    found = Some((r, pair, !pass));
                    break;
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Mode::Finals(c) = &mut self.mode else { return };
        match found {
            Some((r, pair, again)) => {
                c.round = r;
                c.pair = Some(pair);
                if again {
                    c.skipped.clear();
                    self.status = "only the pairs you skipped are left: here they are again".into();
                }
            }
            None => c.pair = None,
        }
        self.note_waiting();
    }

    /// The note the judge kept on the pair now on screen, if any, back in front of them.
    fn note_waiting(&mut self) {
        let note = self.pair_on_screen().and_then(|(pair, ..)| self.pair_notes.get(&pair).cloned());
        if let Mode::Finals(c) = &mut self.mode {
            c.note = note.unwrap_or_default();
        }
    }

    /// The note on the pair on screen, when one is kept: what a message leaving the pair adds.
    fn note_kept_here(&self) -> bool {
        matches!(&self.mode, Mode::Finals(c) if c.pair.is_some() && !c.note.trim().is_empty())
    }

    /// How many pairs have a note kept and no answer saved: notes a quit would lose.
    pub fn notes_waiting(&self) -> usize {
        let sheet = self.sheet();
        self.pair_notes.keys().filter(|pair| sheet.comparison(pair).is_none()).count()
    }

    /// A finalist of the round on screen, as the screen shows it: the title and team of the
    /// entry in the judge's store when it has it, else the published title.
    pub fn finalist_shown(&self, r: usize, i: usize) -> Option<FinalistShown> {
        let f = self.finals.get(r)?.finalists.get(i)?;
        let entry = self.entries.get(&f.id);
        Some(FinalistShown {
            id: screen_line(&f.id),
            title: screen_line(entry.map_or(&f.title, |e| &e.submission.title)),
            team: entry.map_or_else(String::new, |e| screen_line(&e.submission.team)),
            rubric_place: f.rubric_place,
        })
    }

    /// The pair on screen, by id, with the finalist on each side.
    fn pair_on_screen(&self) -> Option<(Pair, String, String)> {
        let Mode::Finals(c) = &self.mode else { return None };
        let (i, j) = c.pair?;
        let round = self.finals.get(c.round)?;
        let (left, right) = (round.finalists.get(i)?.id.clone(), round.finalists.get(j)?.id.clone());
        Some((Pair::new(&left, &right)?, left, right))
    }

    /// An answer on the pair on screen, to save as `judging compare` saves it.
    pub(super) fn choose(&mut self, choice: Choice) -> Vec<Effect> {
        let Some((pair, left, right)) = self.pair_on_screen() else {
            self.status = NO_PAIR.into();
            return Vec::new();
        };
        let named = match choice {
            Choice::Better(Side::Left) => Some(left.as_str()),
            Choice::Better(Side::Right) => Some(right.as_str()),
            Choice::Level => None,
        };
        let verdict = pair.verdict(named).unwrap_or(Verdict::Level);
        let note = match &self.mode {
            Mode::Finals(c) => Some(c.note.trim().to_owned()).filter(|n| !n.is_empty()),
            _ => None,
        };
        let (id, change) = Change::comparison(&pair, Some(Compared { verdict, note }));
        let undo = self.sheet().current(&id, &change);
        vec![Effect::Write(Write { id, change, undo: Some(undo), then: Then::Compared })]
    }

    /// `s`: the pair goes behind the others, unanswered.
    pub(super) fn skip_pair(&mut self) {
        let Mode::Finals(c) = &mut self.mode else { return };
        let Some((i, j)) = c.pair else {
            self.status = NO_PAIR.into();
            return;
        };
        c.skipped.push((c.round, i.min(j), i.max(j)));
        self.status = if self.note_kept_here() {
            "skipped: it comes back when the other pairs are done, with your note".into()
        } else {
            "skipped: it comes back when the other pairs are done".into()
        };
        self.choose_pair();
    }

    /// An answer the store has saved: said, and the next pair in front of the judge.
    pub(super) fn compared(&mut self, id: &str, change: &Change) {
        let saved = match change {
            Change::Comparison { other, answer: Some(answer) } => {
                Some(format!("saved: {}", self.said(id, other, answer.verdict)))
            }
            _ => None,
        };
        self.status.clear();
        self.choose_pair();
        // What the next pair brings ("only the pairs you skipped are left") follows the answer
        // saved: it had replaced it, and the judge never saw the last answer of a ranking said.
        if let Some(saved) = saved {
            self.status = if self.status.is_empty() { saved } else { format!("{saved}; {}", self.status) };
        }
    }

    /// An answer taken back (`u`): its pair is in front of the judge again.
    pub(super) fn uncompared(&mut self, id: &str, change: &Change) {
        let Change::Comparison { other, answer } = change else { return };
        let Mode::Finals(c) = &mut self.mode else { return };
        let found = self.finals.iter().enumerate().find_map(|(r, round)| {
            let (i, j) = (round.finalist(id)?, round.finalist(other)?);
            Some((r, (i.min(j), i.max(j))))
        });
        if let Some((r, pair)) = found {
            c.round = r;
            c.pair = Some(pair);
            c.skipped.retain(|s| (s.0, s.1, s.2) != (r, pair.0, pair.1));
        }
        // Back to the earlier answer's note; with no earlier answer, to the note the judge had
        // kept for the answer taken back: it waits for the next answer.
        let earlier = answer.as_ref().and_then(|a| a.note.clone());
        if let (Some(note), Some(pair)) = (&earlier, Pair::new(id, other)) {
            self.pair_notes.insert(pair, note.clone());
        }
        self.note_waiting();
        self.status = match answer {
            None => "undone: the pair is in front of you again".into(),
            Some(a) => format!("undone: back to your earlier answer, {}", self.said(id, other, a.verdict)),
        };
    }

    /// An answer in words, by the titles: "A over B", or "A and B level".
    fn said(&self, first: &str, second: &str, verdict: Verdict) -> String {
        let title = |id: &str| {
            self.entries.get(id).map_or_else(
                || {
                    let published = self.finals.iter().flat_map(|r| &r.finalists).find(|f| f.id == id);
                    crate::format::fit(&screen_line(published.map_or(id, |f| &f.title)), super::entries::NAMED_MOST)
                },
                |_| self.entries.named(id),
            )
        };
        match verdict {
            Verdict::First => format!("{} over {}", title(first), title(second)),
            Verdict::Second => format!("{} over {}", title(second), title(first)),
            Verdict::Level => format!("{} and {} level", title(first), title(second)),
        }
    }

    /// A link of the finalist on one side.
    pub(super) fn open_side(&mut self, side: Side, link: Link) -> Vec<Effect> {
        let Some((_, left, right)) = self.pair_on_screen() else {
            self.status = NO_PAIR.into();
            return Vec::new();
        };
        let id = if side == Side::Left { left } else { right };
        self.open_entry(&id, link)
    }

    /// `e`: the note on the pair, saved with the answer.
    pub(super) fn edit_pair_note(&mut self) {
        let Mode::Finals(c) = &mut self.mode else { return };
        if c.pair.is_none() {
            self.status = NO_PAIR.into();
            return;
        }
        let mut editor = TextArea::new(vec![c.note.clone()]);
        editor.set_placeholder_text("a note on this pair, for the jury");
        editor.move_cursor(CursorMove::End);
        c.typing = Some(editor);
    }

    /// A key for the note's box.
    pub(super) fn type_pair_note(&mut self, key: KeyEvent) {
        if let Mode::Finals(Comparing { typing: Some(editor), .. }) = &mut self.mode {
            super::editors::type_key(editor, key, true);
        }
    }

    /// A paste into the note's box, as one line.
    pub(super) fn paste_pair_note(&mut self, text: &str) {
        if let Mode::Finals(Comparing { typing: Some(editor), .. }) = &mut self.mode {
            editor.insert_str(crate::sanitize::clean_line(text));
        } else {
            self.status = "a paste types only into a note: press e for the note on this pair".into();
        }
    }

    /// Closes the note's box, keeping what was typed or not; with no box open, leaves the screen.
    pub(super) fn close_finals(&mut self, keep: bool) {
        let Mode::Finals(c) = &mut self.mode else { return };
        if c.help {
            c.help = false;
            return;
        }
        match c.typing.take() {
            Some(editor) if keep => {
                c.note = editor.lines().concat();
                let note = c.note.trim().to_owned();
                self.status = if note.is_empty() {
                    "no note on this pair".into()
                } else {
                    "note kept: it is saved with your answer".into()
                };
                if let Some((pair, ..)) = self.pair_on_screen() {
                    if note.is_empty() {
                        self.pair_notes.remove(&pair);
                    } else {
                        self.pair_notes.insert(pair, note);
                    }
                }
            }
            Some(_) => {}
            None => {
                if self.note_kept_here() {
                    self.status =
                        "your note on this pair waits for its answer while the app is open: F to answer".into();
                }
                self.mode = Mode::Browse;
            }
        }
    }
}
