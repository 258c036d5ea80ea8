//! The head judge's screen: `judging merge --tui`.
//!
//! The merged rankings per track; beside them every judge's view of the selected entry and what
//! the jury must deliberate (the uncertain paid places first, then ties, contested and thinly
//! judged entries, and what head-to-head majorities say), or each judge's habits. A tie is
//! settled here: the head judge orders the tied entries and gives a reason, and the decision is
//! added to decisions.toml, checked as `judging results` checks it. Nothing else is written.

mod columns;
mod deliberate;
mod draw;
mod finals;
mod settle;

use std::collections::HashSet;
use std::time::Duration;

use anyhow::Result;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use draw::{KEYS, NOT_LISTED};

use crate::event_files::Loaded;
use crate::prizes::Decision;
use crate::rankings::{Flag, Ranked, Rankings};
use crate::sanitize::screen_line;
use crate::tui::small::{self, SmallKey};

/// What the side of the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Nothing: the rankings take the whole width (the start on a narrow screen).
    Hidden,
    /// Every judge's view of the selected entry, and what to deliberate.
    Entry,
    /// Each judge's habits.
    Judges,
}

/// A prize whose places a tie on this screen can decide: one that reads a whole ranking by
/// merged score.
#[derive(Debug, Clone, PartialEq)]
pub struct PaidRanking {
    /// The ranking it reads.
    pub ranking: String,
    pub id: String,
    pub name: String,
    /// What each place pays, first place first: the places it pays.
    pub amounts: Vec<f64>,
    pub currency: String,
}

/// FLAGS in place of `tie` once decisions.toml settles the tie: its label, its short form and
/// what it means (the help and the legend under a table whose flags show short).
pub const DECIDED: (&str, &str, &str) = ("decided", "dc", "a tie decisions.toml settles, as `results` applies it");

/// One of the tied entries, with what the jury weighs: its merged score and its judges.
#[derive(Debug, Clone, PartialEq)]
pub struct Tied {
    pub id: String,
    pub title: String,
    pub score: f64,
    pub judges: usize,
}

/// A tie being settled: the tied entries, the order chosen so far, then the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Settle {
    pub prize: String,
    pub prize_name: String,
    pub place: usize,
    /// The tied entries, in the order shown.
    pub tied: Vec<Tied>,
    /// What the places the tie spans pay, the first of them first (0 for a place not paid).
    pub pays: Vec<f64>,
    pub currency: String,
    /// Indices into `tied`, in the order chosen.
    pub order: Vec<usize>,
    /// The digits of an entry's number being typed, when more than nine are tied.
    pub typed: String,
    pub reason: String,
}

impl Settle {
    /// Whether every entry has its place and the reason is being typed.
    pub fn ordered(&self) -> bool {
        self.order.len() == self.tied.len()
    }
}

/// What the head judge is looking at.
pub struct Board<'r> {
    pub rankings: &'r Rankings,
    pub event: String,
    /// Which ranking: 0 is overall, then each track.
    pub tab: usize,
    pub selected: usize,
    /// The first judge in sight: forty judges do not fit beside the rankings.
    pub judge_offset: usize,
    /// The first list to deliberate in sight, when not all fit.
    pub deliberate_from: usize,
    /// What the side shows; `None` until the head judge chooses: the entry on a wide screen,
    /// nothing on a narrow one.
    pub side: Option<Side>,
    /// The width last drawn, which the automatic side follows.
    pub width: std::cell::Cell<u16>,
    /// The height last drawn, which says how much of the side shows.
    pub height: std::cell::Cell<u16>,
    pub help: bool,
    /// Whether the merge's warnings (`w`) lie over the screen.
    pub warnings: bool,
    /// The first line of the warnings in sight, when not all fit.
    pub warnings_from: usize,
    /// The judges in the judges' pane that judging.toml's `[[judges]]` does not list
    /// ([`Board::with_judges_listed`]), marked there "(unlisted)".
    pub not_listed: Vec<String>,
    /// Whether the finals view (`F`) takes the place of the ranking.
    pub finals: bool,
    /// The first line of the finals view in sight, when not all fit.
    pub finals_from: usize,
    /// Whether the finals view last drawn had more lines than its pane: the footer then offers
    /// ↑/↓ to scroll it.
    pub(super) finals_scroll: std::cell::Cell<bool>,
    /// Whether the event has a finals round (`[finals]` in judging.toml, or finals published):
    /// without one, `F` is neither offered nor taken.
    pub has_finals: bool,
    /// Where the event's settings come from, as a message names them: judging.toml, or the
    /// built-in event ([`crate::event_files::settings_named`]).
    pub settings: &'static str,
    pub settle: Option<Settle>,
    /// The decisions on ties recorded so far, from decisions.toml and from this screen: given
    /// by [`Board::with_decisions`] and [`Board::recorded`], which list each ranking by them.
    decisions: Vec<Decision>,
    /// Each ranking as listed with the decisions known, in the order of `rankings`.
    arranged: Vec<Arranged<'r>>,
    /// The prize by score that reads each ranking, as (ranking, prize id, prize name).
    pub prizes: Vec<PaidRanking>,
    pub status: String,
    /// The keys refused since the last key that acted, the screen being too small
    /// ([`crate::tui::small`]).
    pub refused: crate::tui::small::Refused,
    /// The screen's size, from the last frame drawn or the last resize: whether it is too
    /// small for keys to act.
    pub screen: std::cell::Cell<(u16, u16)>,
    /// `NO_COLOR`, read once when the screen starts.
    pub monochrome: bool,
    pub quit: bool,
    /// The `judging merge` that opened the board, with its files or `--from-hub`: what a hint
    /// to run (`--entry ID` for a note too long for the pane) adds to, so that it reads the
    /// same files.
    pub opened_with: crate::paste::CommandLine,
    /// For each ranking, each entry's cleaned title and how many of its first characters it
    /// shares with the most alike other title there: a title cut to fit keeps what tells it
    /// apart ([`crate::tui::fit::cut_apart`]). Worked out once, as a ranking may hold thousands.
    pub(super) titles: Vec<Vec<(String, usize)>>,
    /// Each ranking's name as its tab and the messages show it, cleaned: its track's name in
    /// judging.toml as the merge names it ([`Rankings::ranking_name`]), else its id.
    pub(super) names: Vec<String>,
    /// The first entry in sight when last drawn: the view scrolls only as far as it must to
    /// keep the selected entry in sight, as a list does.
    pub(super) offset: std::cell::Cell<usize>,
}

/// A ranking as the board lists it once the decisions are known.
#[derive(Debug, Clone, Default)]
struct Arranged<'r> {
    /// The ranking's entries, by their index in it, in the order listed: a tie a decision
    /// settles in the decision's order ([`crate::prizes::decisions::decided_order`]).
    order: Vec<usize>,
    /// The entries whose tie a decision settles, as `results` applies it.
    settled: HashSet<&'r str>,
}

/// Titles cleaned for a line, each with how many of its first characters it shares with the
/// most alike other ([`crate::tui::fit::shared_starts`]).
pub(super) fn titles_apart<'t>(titles: impl Iterator<Item = &'t String>) -> Vec<(String, usize)> {
    let cleaned: Vec<String> = titles.map(|t| screen_line(t)).collect();
    let shared = crate::tui::fit::shared_starts(&cleaned);
    cleaned.into_iter().zip(shared).collect()
}

/// What a key asks of the head judge's screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardAction {
    /// The next (1) or previous (-1) ranking: overall, then each track.
    Tab(isize),
    /// Moves the selected entry by this many rows.
    Move(isize),
    First,
    Last,
    /// Scrolls the judges by one.
    Judges(isize),
    /// Scrolls what to deliberate by one list.
    Deliberate(isize),
    /// Opens or closes the merge's warnings.
    Warnings,
    /// Scrolls the warnings by this many lines.
    ScrollWarnings(isize),
    /// Scrolls the finals view by this many lines.
    ScrollFinals(isize),
    /// Shows the next side view: hidden, the entry, the judges.
    Side,
    /// The finals view of the ranking in sight, or back to the ranking.
    Finals,
    Help,
    /// Starts settling the selected entry's tie.
    Settle,
    /// In the settling dialog: a digit of the number (1 first) of the tied entry that places
    /// next; a number that one more digit could not extend picks at once.
    Pick(usize),
    Type(char),
    Erase,
    Confirm,
    Cancel,
    /// Esc with nothing open to leave: says that q quits.
    Back,
    /// A key refused on a screen too small ([`crate::tui::small`]), by its name: said, with
    /// the keys refused before it.
    Refused(String),
    /// A key that does nothing where it was pressed, by its name: said, as the judge's screen
    /// says one (a head judge's `q` in the tie dialog had looked like a hang).
    Unbound(String),
    Quit,
}

/// The most characters of a reason typed in the tie dialog: a sentence or two, printed with
/// the results.
const REASON_MOST: usize = 200;

/// A key that does nothing where it is pressed, as [`BoardAction::Unbound`]; `None` for a key
/// that is no key of its own (a modifier).
fn unbound(key: KeyEvent) -> Option<BoardAction> {
    crate::tui::small::name(key).map(BoardAction::Unbound)
}

/// What the screen asks the loop to do beyond redrawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Add this decision to decisions.toml.
    Record(Decision),
}

impl<'r> Board<'r> {
    pub fn new(rankings: &'r Rankings, event: &str) -> Self {
        Board {
            rankings,
            event: screen_line(event),
            tab: 0,
            selected: 0,
            judge_offset: 0,
            deliberate_from: 0,
            side: None,
            width: std::cell::Cell::new(draw::SIDE_FROM),
            height: std::cell::Cell::new(crate::tui::layout::MIN_HEIGHT),
            help: false,
            warnings: false,
            warnings_from: 0,
            not_listed: Vec::new(),
            finals: false,
            finals_from: 0,
            finals_scroll: std::cell::Cell::new(false),
            has_finals: !rankings.finals.is_empty(),
            settings: crate::event_files::settings_named(false),
            settle: None,
            decisions: Vec::new(),
            arranged: rankings
                .rankings
                .iter()
                .map(|(_, ranked)| Arranged { order: (0..ranked.len()).collect(), settled: HashSet::new() })
                .collect(),
            prizes: Vec::new(),
            status: String::new(),
            refused: crate::tui::small::Refused::default(),
            screen: std::cell::Cell::new((crate::tui::layout::MIN_WIDTH, crate::tui::layout::MIN_HEIGHT)),
            monochrome: false,
            quit: false,
            opened_with: crate::paste::CommandLine::new(&["merge", "FILES"]),
            offset: std::cell::Cell::new(0),
            titles: rankings.rankings.iter().map(|(_, ranked)| titles_apart(ranked.iter().map(|r| &r.title))).collect(),
            names: rankings.rankings.iter().map(|(id, _)| screen_line(rankings.ranking_name(id))).collect(),
        }
    }

    /// The ranking of id `id` as its tab names it.
    pub(super) fn name_of(&self, id: &str) -> String {
        let at = self.rankings.rankings.iter().position(|(n, _)| n == id);
        at.and_then(|k| self.names.get(k)).cloned().unwrap_or_else(|| screen_line(self.rankings.ranking_name(id)))
    }

    /// The judges `[[judges]]` does not list, by the test the merge's warning of them uses
    /// ([`crate::config::Config::not_listed`]): the judges' pane marks them.
    #[must_use]
    pub fn with_judges_listed(mut self, config: &crate::config::Config) -> Self {
        self.not_listed =
            self.rankings.judges.iter().filter(|j| config.not_listed(&j.judge)).map(|j| j.judge.clone()).collect();
        self
    }

    /// Whether `judge` is one `[[judges]]` does not list.
    pub fn is_not_listed(&self, judge: &str) -> bool {
        self.not_listed.iter().any(|n| n == judge)
    }

    /// The ranking in sight as its tab names it.
    pub fn ranking_shown(&self) -> &str {
        self.names.get(self.tab).map_or("overall", String::as_str)
    }

    /// The selected ranking's `k`th entry's title cut to `room` columns, apart from the other
    /// titles of that ranking.
    pub(super) fn title_in(&self, k: usize, room: usize) -> String {
        let at = self.arranged.get(self.tab).and_then(|a| a.order.get(k));
        match at.and_then(|k| self.titles.get(self.tab)?.get(*k)) {
            Some((title, shared)) => crate::tui::fit::cut_apart(title, *shared, room),
            None => String::new(),
        }
    }

    /// The `judging merge` that opened the board (see [`Board::opened_with`]).
    #[must_use]
    pub fn opened_with(mut self, command: crate::paste::CommandLine) -> Self {
        self.opened_with = command;
        self
    }

    /// The prizes by score over whole rankings, which a tie on this screen can be settled for.
    #[must_use]
    pub fn with_prizes(mut self, config: &crate::config::Config) -> Self {
        self.prizes = config
            .prizes
            .iter()
            .filter(|p| p.reads_whole_ranking())
            .map(|p| PaidRanking {
                ranking: p.ranking().to_owned(),
                id: p.id.clone(),
                name: p.name.clone(),
                amounts: p.amounts.clone(),
                currency: config.results.currency.clone(),
            })
            .collect();
        self.arrange();
        self
    }

    /// The decisions recorded in decisions.toml: each ranking is listed by them.
    #[must_use]
    pub fn with_decisions(mut self, decisions: Vec<Decision>) -> Self {
        self.decisions = decisions;
        self.arrange();
        self
    }

    /// Lists each ranking with the decisions known: the entries of a tie a decision settles, as
    /// `results` applies it, in the decision's order, by the one rule every such list follows.
    fn arrange(&mut self) {
        let arranged = (0..self.rankings.rankings.len()).map(|tab| self.arranged_at(tab)).collect();
        self.arranged = arranged;
    }

    /// The ranking of tab `tab` as listed with the decisions known.
    fn arranged_at(&self, tab: usize) -> Arranged<'r> {
        let rankings: &'r Rankings = self.rankings;
        let Some((name, ranked)) = rankings.rankings.get(tab) else { return Arranged::default() };
        let paid = self.prizes.iter().find(|p| p.ranking == *name);
        // Places as the prize results count them: among the entries the event's rules let win.
        let eligible: Vec<&'r Ranked> = ranked.iter().filter(|e| !e.has(Flag::Ineligible)).collect();
        let mut settled = HashSet::new();
        let mut applied = Vec::new();
        for d in self.decisions.iter().filter(|d| paid.is_some_and(|p| p.id == d.prize)) {
            let Some(first) = d.order.first().and_then(|id| eligible.iter().find(|e| e.id == *id)) else { continue };
            let place = 1 + eligible.iter().filter(|e| e.place < first.place).count();
            let ids: Vec<&'r str> = eligible.iter().filter(|e| e.place == first.place).map(|e| e.id.as_str()).collect();
            if ids.len() >= 2 && d.settles(&d.prize, ids.iter().copied()) && d.place.is_none_or(|taken| taken == place)
            {
                settled.extend(ids);
                applied.push(d);
            }
        }
        let rows: Vec<(&str, usize)> = ranked.iter().map(|e| (e.id.as_str(), e.place)).collect();
        Arranged { order: crate::prizes::decisions::decided_order(&rows, applied), settled }
    }

    /// The `k`th entry of the ranking in sight as listed ([`Board::rows`]).
    pub fn row(&self, k: usize) -> Option<&'r Ranked> {
        let rankings: &'r Rankings = self.rankings;
        let ranked = rankings.rankings.get(self.tab).map(|(_, r)| r.as_slice())?;
        ranked.get(*self.arranged.get(self.tab)?.order.get(k)?)
    }

    /// Where the entry of id `id` is listed in the ranking in sight ([`Board::rows`]); past the
    /// last row for one not in it.
    pub(super) fn listed_at(&self, id: &str) -> usize {
        let ranked = self.ranked();
        let order = self.arranged.get(self.tab).map_or(&[][..], |a| a.order.as_slice());
        order.iter().position(|k| ranked.get(*k).is_some_and(|e| e.id == id)).unwrap_or(usize::MAX)
    }

    /// The entries of the ranking in sight in the order listed: the ranking's, with each tie a
    /// decision settles in the decision's order.
    pub fn rows(&self) -> impl Iterator<Item = &'r Ranked> + '_ {
        (0..self.ranked().len()).filter_map(|k| self.row(k))
    }

    pub fn ranked(&self) -> &[Ranked] {
        self.rankings.rankings.get(self.tab).map_or(&[], |(_, r)| r.as_slice())
    }

    /// A decision's order as the jury reads it: the entries by title (`format::entry_names`),
    /// from the ranking in sight.
    pub fn order_said(&self, order: &[String]) -> String {
        let title = |id: &str| self.ranked().iter().find(|r| r.id == id).map(|r| r.title.as_str());
        crate::format::entry_names(order.iter().map(|id| (id.as_str(), title(id)))).join(" before ")
    }

    pub fn ranking_name(&self) -> &str {
        self.rankings.rankings.get(self.tab).map_or("overall", |(n, _)| n.as_str())
    }

    /// The action a key asks for, if any: in the settling dialog and the help, keys mean what
    /// those say.
    pub fn action(&self, key: KeyEvent) -> Option<BoardAction> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(BoardAction::Quit);
        }
        // On a screen too small, the rule every screen follows: q quits, ? shows the keys, Esc
        // leaves what is open; any other key is refused, said, never acting unseen (a tie had
        // been settled and written to decisions.toml at 70×20).
        // The keys, once shown, close at any key, as their title says.
        if self.too_small() && !self.help {
            return match small::key(key, self.settle.is_some())? {
                SmallKey::Quit => Some(BoardAction::Quit),
                SmallKey::Help => Some(BoardAction::Help),
                SmallKey::Refused(name) => Some(BoardAction::Refused(name)),
                SmallKey::Back => self.key_action(key),
            };
        }
        self.key_action(key)
    }

    /// Whether the screen is too small for its layout: then only q, ? and Esc act.
    pub fn too_small(&self) -> bool {
        let (width, height) = self.screen.get();
        crate::tui::layout::too_small(width, height)
    }

    /// The screen's new size, as a resize gives it, before it is drawn.
    pub fn resized(&mut self, width: u16, height: u16) {
        self.screen.set((width, height));
    }

    /// The action a key asks for on a screen large enough.
    fn key_action(&self, key: KeyEvent) -> Option<BoardAction> {
        if let Some(s) = &self.settle {
            return match key.code {
                KeyCode::Esc => Some(BoardAction::Cancel),
                KeyCode::Enter if !s.ordered() && !s.typed.is_empty() => Some(BoardAction::Pick(usize::MAX)),
                KeyCode::Enter => Some(BoardAction::Confirm),
                KeyCode::Backspace => Some(BoardAction::Erase),
                KeyCode::Char(c) if !s.ordered() => {
                    c.to_digit(10).map(|d| BoardAction::Pick(d as usize)).or_else(|| unbound(key))
                }
                KeyCode::Char(c) => Some(BoardAction::Type(c)),
                _ => unbound(key),
            };
        }
        if self.help {
            return Some(BoardAction::Help);
        }
        if self.warnings {
            let rows = draw::warnings_rows(self.width.get(), self.height.get());
            let page = isize::try_from(rows).unwrap_or(1);
            return match key.code {
                KeyCode::Char('q') => Some(BoardAction::Quit),
                KeyCode::Esc | KeyCode::Char('w') => Some(BoardAction::Warnings),
                KeyCode::Down | KeyCode::Char('j') => Some(BoardAction::ScrollWarnings(1)),
                KeyCode::Up | KeyCode::Char('k') => Some(BoardAction::ScrollWarnings(-1)),
                KeyCode::PageDown => Some(BoardAction::ScrollWarnings(page)),
                KeyCode::PageUp => Some(BoardAction::ScrollWarnings(-page)),
                KeyCode::Home | KeyCode::Char('g') => Some(BoardAction::ScrollWarnings(isize::MIN)),
                KeyCode::End | KeyCode::Char('G') => Some(BoardAction::ScrollWarnings(isize::MAX)),
                _ => unbound(key),
            };
        }
        // The finals view scrolls as the warnings do, where the ranking moves its selection.
        if self.finals {
            let rows = draw::finals_rows(self, self.width.get(), self.height.get());
            let page = isize::try_from(rows).unwrap_or(1);
            let step = match key.code {
                KeyCode::Down | KeyCode::Char('j') => Some(1),
                KeyCode::Up | KeyCode::Char('k') => Some(-1),
                KeyCode::PageDown => Some(page),
                KeyCode::PageUp => Some(-page),
                KeyCode::Home | KeyCode::Char('g') => Some(isize::MIN),
                KeyCode::End | KeyCode::Char('G') => Some(isize::MAX),
                _ => None,
            };
            if let Some(step) = step {
                return Some(BoardAction::ScrollFinals(step));
            }
        }
        let action = match key.code {
            KeyCode::Char('q') => BoardAction::Quit,
            // Esc leaves what is open, as in the dialog; it never quits the board (a head judge
            // pressing it once too many after the dialog, or to dismiss a message, lost the screen).
            KeyCode::Esc if self.finals => BoardAction::Finals,
            KeyCode::Esc => BoardAction::Back,
            KeyCode::Char('?') => BoardAction::Help,
            KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => BoardAction::Tab(1),
            KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => BoardAction::Tab(-1),
            KeyCode::Down | KeyCode::Char('j') => BoardAction::Move(1),
            KeyCode::Up | KeyCode::Char('k') => BoardAction::Move(-1),
            KeyCode::PageDown => BoardAction::Move(10),
            KeyCode::PageUp => BoardAction::Move(-10),
            KeyCode::Home | KeyCode::Char('g') => BoardAction::First,
            KeyCode::End | KeyCode::Char('G') => BoardAction::Last,
            KeyCode::Char('J') => BoardAction::Judges(1),
            KeyCode::Char('K') => BoardAction::Judges(-1),
            KeyCode::Char(']') => BoardAction::Deliberate(1),
            KeyCode::Char('[') => BoardAction::Deliberate(-1),
            KeyCode::Char('v') => BoardAction::Side,
            KeyCode::Char('F') => BoardAction::Finals,
            KeyCode::Char('w') => BoardAction::Warnings,
            // The finals view shows no ranking's rows: `d` had settled the tie of the ranking
            // hidden behind it.
            KeyCode::Char('d') | KeyCode::Enter if self.finals => return unbound(key),
            KeyCode::Char('d') | KeyCode::Enter => BoardAction::Settle,
            _ => return unbound(key),
        };
        Some(action)
    }

    /// Says what a key that does nothing here does not do, with where the keys are (the tie
    /// dialog: what it asks for instead).
    fn unbound_said(&self, name: &str) -> String {
        match &self.settle {
            Some(s) if !s.ordered() => format!(
                "{} does nothing here: press the number (1 to {}) of the entry that places #{}, Backspace starts again, Esc leaves",
                screen_line(name),
                s.tied.len(),
                s.place + s.order.len()
            ),
            Some(_) => {
                format!("{} does nothing here: type the reason, Enter records it, Esc leaves", screen_line(name))
            }
            None if self.finals && matches!(name, "d" | "Enter") => {
                format!("{name} does nothing in the finals view: a tie is settled on its ranking, which F goes back to")
            }
            None => crate::tui::keys::unbound_said(name),
        }
    }

    /// Scrolls the warnings or the finals view by `step` lines, no further than its last page.
    fn scroll(&mut self, action: &BoardAction, step: isize) {
        let (width, height) = (self.width.get(), self.height.get());
        if matches!(action, BoardAction::ScrollFinals(_)) {
            self.finals_from = self.finals_from.saturating_add_signed(step).min(self.finals_hidden(width, height));
        } else {
            self.warnings_from =
                self.warnings_from.saturating_add_signed(step).min(self.warnings_hidden(width, height));
        }
    }

    /// Applies one action; what must happen beyond the screen is returned.
    pub fn update(&mut self, action: BoardAction) -> Option<Effect> {
        // A message answers one action: the next clears it ("#8 Entry 21 …" had stayed in the
        // footer on another tab, where the entry is #5). The tie dialog's prompts stay while it
        // asks.
        if self.settle.is_none() {
            self.status.clear();
        }
        // Keys refused are said together until a key acts.
        if let BoardAction::Refused(name) = &action {
            self.refused.push(name);
            // Still said once the screen is enlarged.
            self.status = self.refused.said(self.settle.is_some()).unwrap_or_default();
            return None;
        }
        self.refused.clear();
        let last = self.ranked().len().saturating_sub(1);
        match action {
            BoardAction::Quit => self.quit = true,
            BoardAction::Refused(_) => {}
            BoardAction::Unbound(name) => self.status = self.unbound_said(&name),
            BoardAction::Back => self.status = "Nothing open to leave: q quits.".into(),
            BoardAction::Help => self.help = !self.help,
            BoardAction::Finals if !self.has_finals => {
                self.status = format!("This event has no finals round: {} has no [finals] section.", self.settings);
            }
            BoardAction::Finals => {
                self.finals = !self.finals;
                self.finals_from = 0;
            }
            BoardAction::Warnings if self.rankings.warnings.is_empty() => {
                self.status = "The merge gave no warnings.".into();
            }
            BoardAction::Warnings => {
                self.warnings = !self.warnings;
                self.warnings_from = 0;
            }
            BoardAction::ScrollWarnings(step) | BoardAction::ScrollFinals(step) => self.scroll(&action, step),
            BoardAction::Tab(step) => {
                let tabs = self.rankings.rankings.len().max(1);
                self.tab = (self.tab + tabs).saturating_add_signed(step) % tabs;
                self.selected = 0;
                self.finals_from = 0;
                self.deliberate_from = 0;
            }
            BoardAction::Move(step) => self.selected = self.selected.saturating_add_signed(step).min(last),
            BoardAction::First => self.selected = 0,
            BoardAction::Last => self.selected = last,
            BoardAction::Judges(step) => {
                let most = self.rankings.judges.len().saturating_sub(1);
                self.judge_offset = self.judge_offset.saturating_add_signed(step).min(most);
                self.side = Some(Side::Judges);
            }
            BoardAction::Deliberate(step) => {
                let last = self.deliberation(80).len().saturating_sub(1);
                self.deliberate_from = self.deliberate_from.saturating_add_signed(step).min(last);
                self.side = Some(Side::Entry);
            }
            BoardAction::Side => {
                self.side = Some(match self.shown_side() {
                    Side::Hidden => Side::Entry,
                    Side::Entry => Side::Judges,
                    Side::Judges => Side::Hidden,
                });
            }
            BoardAction::Settle => self.start_settling(),
            BoardAction::Pick(digit) => self.pick(digit),
            BoardAction::Type(c) => self.type_reason(c),
            BoardAction::Erase => self.erase(),
            BoardAction::Cancel => {
                self.settle = None;
                self.status = "Nothing recorded.".into();
            }
            BoardAction::Confirm => return self.confirm(),
        }
        None
    }

    /// A digit of the tie dialog's number typed, or Enter (`usize::MAX`) ending it.
    fn pick(&mut self, digit: usize) {
        let Some(s) = &mut self.settle else { return };
        // Enter (usize::MAX) ends the number typed; a digit adds to it, and picks at once
        // when no further digit could make a number of a tied entry.
        if digit != usize::MAX {
            s.typed.push_str(&digit.to_string());
        }
        let n: usize = s.typed.parse().unwrap_or(0);
        if digit != usize::MAX && n > 0 && n * 10 <= s.tied.len() {
            return;
        }
        s.typed.clear();
        if !(1..=s.tied.len()).contains(&n) {
            self.status = format!("{n} is not one of the tied entries: press 1 to {}", s.tied.len());
        } else if let Some(at) = s.order.iter().position(|i| *i == n - 1) {
            self.status = format!("{n} places #{} already: press another, or Backspace to start again", s.place + at);
        } else {
            self.status.clear();
            s.order.push(n - 1);
            // The last one left places last by itself.
            if s.order.len() + 1 == s.tied.len()
                && let Some(rest) = (0..s.tied.len()).find(|i| !s.order.contains(i))
            {
                s.order.push(rest);
            }
        }
    }

    /// A letter of the reason typed in the tie dialog, up to its most.
    fn type_reason(&mut self, c: char) {
        if let Some(s) = &mut self.settle
            && !c.is_control()
        {
            if s.reason.chars().count() < REASON_MOST {
                s.reason.push_str(&crate::sanitize::typed(c, true));
                self.status.clear();
            } else {
                self.status = format!(
                    "The reason is at its most ({REASON_MOST} characters): Enter records it, Backspace shortens it"
                );
            }
        }
    }

    /// Backspace in the tie's dialog: a letter of the reason, a digit typed, or the order.
    fn erase(&mut self) {
        if let Some(s) = &mut self.settle {
            if s.ordered() && !s.reason.is_empty() {
                s.reason.pop();
            } else if !s.typed.is_empty() {
                s.typed.pop();
            } else {
                s.order.clear();
            }
        }
    }

    /// Handles a key as the running screen does: for tests and the loop alike.
    pub fn key(&mut self, key: KeyEvent) -> Option<Effect> {
        self.action(key).and_then(|a| self.update(a))
    }

    /// What the side shows now.
    pub fn shown_side(&self) -> Side {
        self.side.unwrap_or(if self.width.get() >= draw::SIDE_FROM { Side::Entry } else { Side::Hidden })
    }

    /// The recorded decision on a tie among these entries for this prize, if any.
    pub fn decision_on(&self, prize: &str, ids: &[&str]) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.settles(prize, ids.iter().copied()))
    }

    /// Whether a decision in decisions.toml settles `entry`'s tie, as `results` applies it: for
    /// the prize that pays this ranking, among the tied entries the rules let win, at the place
    /// they share there. FLAGS then says so ([`DECIDED`]) in place of the tie.
    pub fn settled(&self, entry: &Ranked) -> bool {
        entry.has(Flag::Tie)
            && !entry.has(Flag::Ineligible)
            && self.arranged.get(self.tab).is_some_and(|a| a.settled.contains(entry.id.as_str()))
    }

    /// The prize that reads the ranking in sight, as (id, name).
    pub fn prize_here(&self) -> Option<&PaidRanking> {
        let name = self.ranking_name();
        self.prizes.iter().find(|p| p.ranking == name)
    }

    fn start_settling(&mut self) {
        let Some(entry) = self.row(self.selected) else { return };
        if !entry.has(Flag::Tie) {
            self.status = format!("#{} {} is not tied: nothing to settle.", entry.place, screen_line(&entry.title));
            return;
        }
        if entry.has(Flag::Ineligible) {
            self.status = format!(
                "#{} {} is excluded from prizes by the event's rules: its tie decides no prize.",
                entry.place,
                screen_line(&entry.title)
            );
            return;
        }
        let Some(paid) = self.prize_here().cloned() else {
            self.status =
                format!("No prize pays places in the {} ranking: its ties decide nothing.", self.ranking_shown());
            return;
        };
        // Places as the prize results count them: among the entries the event's rules let win,
        // so that the decision recorded is one `results` applies.
        let eligible: Vec<&Ranked> = self.ranked().iter().filter(|e| !e.has(Flag::Ineligible)).collect();
        let place = 1 + eligible.iter().filter(|e| e.place < entry.place).count();
        if eligible.iter().filter(|e| e.place == entry.place).count() < 2 {
            self.status = format!(
                "#{} {} is tied only with entries the event's rules exclude from prizes: nothing to settle.",
                entry.place,
                screen_line(&entry.title)
            );
            return;
        }
        // A tie below the paid places changes no prize: a decision on it would be one `results`
        // never applies.
        if place > paid.amounts.len() {
            self.status = format!(
                "The tie at #{place} is below the {} of {}: it changes no prize, so there is nothing to settle.",
                crate::format::count(paid.amounts.len(), "paid place", "paid places"),
                screen_line(&paid.name)
            );
            return;
        }
        let tied: Vec<Tied> = eligible
            .iter()
            .filter(|e| e.place == entry.place)
            .map(|e| Tied { id: e.id.clone(), title: e.title.clone(), score: e.score, judges: e.judges })
            .collect();
        let ids: Vec<&str> = tied.iter().map(|t| t.id.as_str()).collect();
        if let Some(d) = self.decision_on(&paid.id, &ids) {
            self.status = match d.place.filter(|taken| *taken != place) {
                // `results` does not apply it to the tie at its new place.
                Some(taken) => format!(
                    "Settled for the tie at place {taken}: {}; the tie is now at place {place}. In decisions.toml, confirm it with place = {place}, or remove it and decide again.",
                    self.order_said(&d.order)
                ),
                None => format!("Already settled: {}. Edit decisions.toml to change it.", self.order_said(&d.order)),
            };
            return;
        }
        let pays = (place..place + tied.len()).map(|p| paid.amounts.get(p - 1).copied().unwrap_or(0.0)).collect();
        self.settle = Some(Settle {
            prize: paid.id,
            prize_name: paid.name,
            place,
            tied,
            pays,
            currency: paid.currency,
            order: Vec::new(),
            typed: String::new(),
            reason: String::new(),
        });
    }

    fn confirm(&mut self) -> Option<Effect> {
        let s = self.settle.as_ref()?;
        if !s.ordered() {
            self.status = "Press the number of each entry in the order they place.".into();
            return None;
        }
        if s.reason.trim().is_empty() {
            self.status = "Give the reason, for the record: it is printed with the results.".into();
            return None;
        }
        let order = s.order.iter().map(|i| s.tied[*i].id.clone()).collect();
        Some(Effect::Record(Decision {
            prize: s.prize.clone(),
            order,
            reason: s.reason.trim().to_owned(),
            method: Some(self.rankings.method.clone()),
            // No place, as the README says: the screen counts places among the entries that can
            // win, which for a prize an entry cannot win twice is not always the results' place,
            // and a decision recorded at the wrong place would not apply. Without one it applies
            // to its entries' tie wherever it is (a late file moving it kept it, as the jury meant).
            place: None,
            lines: None,
        }))
    }

    /// decisions.toml as it now reads, edited by hand while the board is open (or removed): the
    /// board lists by it, as `results` will. The board had kept the decisions it opened with,
    /// and showed the winner a hand edit had reversed.
    pub fn decisions_changed(&mut self, read: Result<Vec<Decision>, String>) {
        match read {
            Ok(decisions) => {
                self.decisions = decisions;
                self.arrange();
                self.status = "decisions.toml changed: the places show it as it now reads, as `results` will.".into();
            }
            Err(e) => {
                self.status = format!(
                    "decisions.toml changed and does not read ({}): the places show it as it read before",
                    screen_line(&e)
                );
            }
        }
    }

    /// The decision is in the file: the screen shows it settled.
    pub fn recorded(&mut self, decision: Decision, file: &std::path::Path) {
        self.status = format!("Recorded in {}: {}.", file.display(), self.order_said(&decision.order));
        self.decisions.push(decision);
        self.arrange();
        self.settle = None;
    }
}

/// Shows the board until the head judge quits; the terminal is restored whatever happens.
pub fn run(
    rankings: &Rankings,
    loaded: &Loaded,
    known: &HashSet<&str>,
    opened_with: crate::paste::CommandLine,
) -> Result<()> {
    let config = &loaded.config;
    let mut board = Board::new(rankings, &config.event.name)
        .with_prizes(config)
        .with_judges_listed(config)
        .opened_with(opened_with);
    board.has_finals |= config.finals.is_some();
    board.settings = loaded.settings();
    board.monochrome = super::no_color();
    match loaded.decisions(None) {
        Ok((_, decisions)) => board = board.with_decisions(decisions),
        Err(e) => board.status = screen_line(&e.to_string()),
    }
    // What decisions.toml was when last read: its size and time, looked at between keys.
    let stamp = || {
        let meta = loaded.decisions_path().and_then(|p| std::fs::metadata(p).ok());
        meta.map(|m| (m.len(), m.modified().ok()))
    };
    let mut read_as = stamp();
    super::terminal::full_screen("the head judge's screen", |terminal, input| {
        let size = terminal.size()?;
        board.resized(size.width, size.height);
        while !board.quit {
            terminal.draw(|frame| {
                frame.render_widget(&board, frame.area());
                crate::tui::fit::terminal_cells(frame.buffer_mut());
            })?;
            // A signal, or a terminal gone: nothing is left unsaved on this screen.
            let Ok(event) = input.next(Duration::from_millis(250)) else { break };
            let now = stamp();
            if now != read_as {
                read_as = now;
                board.decisions_changed(
                    loaded.decisions(None).map(|(_, d)| d).map_err(|e| crate::plain::one_line(&e.to_string())),
                );
            }
            if let Some(Event::Resize(width, height)) = event {
                board.resized(width, height);
            }
            if let Some(Event::Key(key)) = event
                && key.kind == KeyEventKind::Press
                && let Some(Effect::Record(decision)) = board.key(key)
            {
                match loaded.record_decision(&decision, known) {
                    Ok(path) => {
                        board.recorded(decision, &path);
                        read_as = stamp();
                    }
                    Err(e) => board.status = format!("Not recorded: {}", screen_line(&e.to_string())),
                }
            }
        }
        Ok(())
    })
}
