//! The judge's screen as state: what is listed, selected and focused, and what each action does.
//!
//! `update` applies one action. Every change to a score, note, stopwatch reading or recusal is
//! written to the store first, as its own transaction, and only then shown: what the screen
//! shows is always what is saved.

use std::collections::HashMap;
use std::time::Instant;

use ratatui::widgets::TableState;
use ratatui_textarea::TextArea;

use super::view;
use crate::assign::Bar;
use crate::config::Config;
use crate::model::StoredSubmission;
use crate::model::{Change, Criterion, HubFacts, ScoreSheet, Status, Submission, weighted_total};
use crate::store::Store;

/// Which link a key opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Space,
    Video,
    Post,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Move(isize),
    Page(isize),
    First,
    Last,
    NextUnscored,
    Focus(isize),
    Score(u8),
    /// Saves the score typed digit by digit (a scale of more than one digit).
    ConfirmScore,
    /// Takes back the last digit typed.
    EraseDigit,
    /// Leaves the score being typed, saving nothing.
    CancelScore,
    ClearScore,
    Open(Link),
    Stopwatch,
    Search,
    CycleTrack,
    ToggleUnscored,
    ToggleMine,
    CycleSort,
    /// Sends the score file to the judges' dataset repo.
    Push,
    /// Edits the note the team may read.
    EditTeamNote,
    EditNote,
    Recuse,
    Undo,
    Help,
    /// The screen's new size, in columns and rows.
    Resize(u16, u16),
    /// The time now, by the monotonic clock and in Unix seconds: given, never read while drawing.
    Tick(Instant, i64),
    /// Text pasted into the terminal (bracketed paste): it is typed only into a text box.
    Paste(String),
    /// Clears the search kept from the last `/`.
    ClearSearch,
    /// A key for the open text box (search, note, recusal reason).
    Type(ratatui::crossterm::event::KeyEvent),
    /// Close the text box: keep what was typed, or (false) drop it.
    Close(bool),
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Export,
    Title,
    Status,
    Total,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Export => "export order",
            Sort::Title => "title",
            Sort::Status => "status",
            Sort::Total => "my total",
        }
    }
}

/// "37 of 120 scored": kept up to date on each change, since counting ten thousand entries on
/// every frame costs more than the frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    /// This judge's entries fully scored.
    scored: usize,
    /// This judge's entries that can be scored: withdrawn and recused ones left out.
    open: usize,
}

impl Tally {
    fn add(self, other: Tally) -> Tally {
        Tally { scored: self.scored + other.scored, open: self.open + other.open }
    }

    fn less(self, other: Tally) -> Tally {
        Tally { scored: self.scored - other.scored, open: self.open - other.open }
    }
}

/// Opens a link in a browser, or says why it could not.
pub type Opener = Box<dyn Fn(&str) -> Result<(), String>>;

/// What the keyboard is driving.
pub enum Mode {
    Browse,
    Search(TextArea<'static>),
    /// Editing the note of a submission; the note as it was, for undo.
    Note {
        editor: TextArea<'static>,
        id: String,
        before: Option<String>,
        /// The note the team may read, or (false) the jury's own.
        team: bool,
    },
    Recuse {
        editor: TextArea<'static>,
        id: String,
    },
    Help,
}

/// One submission as the screen lists it.
pub struct Entry {
    pub submission: Submission,
    pub withdrawn: bool,
    /// Title, team, members, tags and models in lower case, for `/`.
    haystack: String,
    /// Not this judge's: barred by judging.toml (a conflict, another track), or not assigned.
    not_mine: bool,
    /// Why judging.toml bars this judge from it, if it does: a conflict earns a reminder to
    /// recuse when scored.
    bar: Option<Bar>,
}

pub struct App {
    pub config: Config,
    /// Each track's rubric (and that of an entry without a track, first), worked out once.
    pub rubrics: Vec<(Option<String>, Vec<Criterion>)>,
    pub judge: String,
    pub entries: Vec<Entry>,
    pub sheet: ScoreSheet,
    /// Indices into `entries`: the filtered, sorted list on screen.
    pub view: Vec<usize>,
    /// Where each submission id is in `entries`.
    index: HashMap<String, usize>,
    /// Entries fully scored, and entries this judge can score: kept up to date on each change,
    /// since counting ten thousand entries on every frame costs more than the frame.
    tally: Tally,
    /// The selected position in `view`, and the first row in sight.
    pub table: TableState,
    /// Rows of the list in sight on the screen as it is now.
    pub rows_in_sight: usize,
    /// The screen's size, columns and rows.
    pub screen: (u16, u16),
    /// The time as of the last tick: drawing reads this, never the clock.
    pub now: Instant,
    pub now_unix: i64,
    /// `NO_COLOR`, read once when the app starts: colours go, bold and reverse video stay.
    pub monochrome: bool,
    /// The rubric criterion that number keys score.
    pub focus: usize,
    pub mode: Mode,
    pub track: Option<String>,
    pub unscored_only: bool,
    pub mine_only: bool,
    /// The entries the organizers' assignments file gives this judge, when it names them.
    pub assigned: Option<std::collections::HashSet<String>>,
    /// The entries every judge scores first (the assignments' calibration set): listed first.
    /// The digits of a score being typed, on a scale of more than one digit.
    pub typed: Option<String>,
    pub calibration: std::collections::HashSet<String>,
    /// What the Hub said of each entry's Space, and when it was fetched.
    pub hub: HashMap<String, (HubFacts, String)>,
    pub query: String,
    pub sort: Sort,
    pub status: String,
    /// The running stopwatch: which submission, since when.
    pub stopwatch: Option<(String, Instant)>,
    /// Changes to undo, newest last: the submission and the change that restores it.
    undo: Vec<(String, Change)>,
    /// The store's `data_version` when the app last read it.
    seen: Option<i64>,
    /// What the store's last pull and enrich were, to read again only what changed.
    marks: Option<crate::store::Marks>,
    /// The store's time at the last look: scores written since are read again.
    synced_at: String,
    /// The ids of entries left partly scored, in order.
    partial: std::collections::BTreeSet<String>,
    pub quit: bool,
    /// Opens a link, or says why not: set by the terminal app, and by tests.
    pub opener: Opener,
    /// Sends the judge's score file to the [sync] repo, off the loop's thread: set by the
    /// terminal app, and by tests. It reports back through the app's loop.
    pub pusher: Box<dyn Fn()>,
    /// When this judge last pushed (ISO 8601), for the footer.
    pub last_pushed: Option<String>,
}

impl App {
    pub fn new(config: Config, judge: String, submissions: Vec<StoredSubmission>, sheet: ScoreSheet) -> App {
        let rubrics = std::iter::once(None)
            .chain(config.tracks.iter().map(|t| Some(t.id.clone())))
            .map(|t| {
                let rubric = config.rubric(t.as_deref());
                (t, rubric)
            })
            .collect();
        let mut app = App {
            config,
            rubrics,
            judge,
            entries: Vec::new(),
            sheet,
            view: Vec::new(),
            index: HashMap::new(),
            tally: Tally::default(),
            table: TableState::new().with_selected(Some(0)),
            rows_in_sight: 10,
            screen: (view::MIN_WIDTH, view::MIN_HEIGHT),
            now: Instant::now(),
            now_unix: crate::store::now_unix(),
            monochrome: false,
            focus: 0,
            mode: Mode::Browse,
            track: None,
            unscored_only: false,
            mine_only: false,
            assigned: None,
            calibration: std::collections::HashSet::new(),
            typed: None,
            hub: HashMap::new(),
            query: String::new(),
            sort: Sort::Export,
            status: String::new(),
            stopwatch: None,
            undo: Vec::new(),
            seen: None,
            marks: None,
            synced_at: String::new(),
            partial: std::collections::BTreeSet::new(),
            quit: false,
            // The terminal app installs the real opener (`tui::run`); elsewhere nothing opens.
            opener: Box::new(|_| Err("links open only in the terminal app".into())),
            pusher: Box::new(|| {}),
            last_pushed: None,
        };
        app.show(submissions);
        app
    }

    /// Lists the submissions, marking what is not this judge's by the same test `judging assign`
    /// uses (and, with assignments, what is not assigned), and counts the progress.
    fn show(&mut self, submissions: Vec<StoredSubmission>) {
        let me = self.config.judge(&self.judge).cloned();
        let keep_tracks = self.config.assign.keep_tracks;
        self.entries = submissions
            .into_iter()
            .map(|s| {
                let sub = s.submission;
                let words = [&sub.title, &sub.team].into_iter().chain(&sub.members).chain(&sub.tags).chain(&sub.models);
                let haystack = words.map(String::as_str).collect::<Vec<_>>().join(" ").to_lowercase();
                let bar = me.as_ref().and_then(|j| crate::assign::barred(j, &sub, keep_tracks));
                let unassigned = self.assigned.as_ref().is_some_and(|mine| !mine.contains(&sub.id));
                Entry { submission: sub, withdrawn: s.withdrawn, haystack, not_mine: bar.is_some() || unassigned, bar }
            })
            .collect();
        self.index = self.entries.iter().enumerate().map(|(i, e)| (e.submission.id.clone(), i)).collect();
        self.recount();
    }

    /// Takes this judge's entries from the assignments file: the rest are not theirs, the list
    /// shows theirs ("assigned to me", which `a` turns off), and progress counts only theirs.
    pub fn assign_to(&mut self, ids: &[String]) {
        self.assigned = Some(ids.iter().cloned().collect());
        self.mine_only = true;
        let submissions = std::mem::take(&mut self.entries)
            .into_iter()
            .map(|e| StoredSubmission { submission: e.submission, withdrawn: e.withdrawn })
            .collect();
        self.show(submissions);
    }

    /// Reads the store again if another process wrote to it since the app last looked (`judging
    /// score`, `import-scores`, `pull`, `enrich`): the screen, the undo history and every write
    /// that follows start from what the store holds, so nothing written beside the app is lost.
    pub fn sync(&mut self, store: &Store) {
        let Ok(version) = store.data_version() else { return };
        if self.seen == Some(version) {
            return;
        }
        let first = self.seen.is_none();
        self.seen = Some(version);
        let (Ok(marks), Ok((changed, now))) = (store.marks(), store.changed_since(&self.synced_at)) else { return };
        let seen = self.marks.replace(marks.clone());
        self.synced_at = now;
        if first {
            return; // what `new` was given was read from this store just now
        }
        // Only what changed is read again: the scores, notes, readings and recusals written since
        // the last look, the Hub's facts after an enrich, the submissions after a pull.
        if seen.as_ref().is_none_or(|s| s.hub != marks.hub)
            && let Ok(hub) = store.hub_facts_by_entry()
        {
            self.hub = hub;
        }
        if seen.as_ref().is_none_or(|s| s.pulls != marks.pulls) {
            if let (Ok(sheet), Ok(submissions)) = (store.score_sheet(), store.submissions()) {
                self.sheet = sheet;
                self.show(submissions);
            }
            return;
        }
        let Ok(part) = store.sheet_of(&changed) else { return };
        let before: Vec<Tally> = changed.iter().map(|id| self.tally_of(id)).collect();
        self.sheet.replace(&changed, part);
        if store.sheet_size().is_ok_and(|n| n != self.sheet.size()) {
            // Something was deleted beside the app: read it all.
            if let Ok(sheet) = store.score_sheet() {
                self.sheet = sheet;
            }
            self.recount();
            return;
        }
        for (id, before) in changed.iter().zip(before) {
            self.tally = self.tally.add(self.tally_of(id)).less(before);
            self.note_partial(id);
        }
        self.refresh_view();
    }

    /// What the entry with this id adds to the tally.
    fn tally_of(&self, id: &str) -> Tally {
        self.index.get(id).map_or(Tally::default(), |i| self.counts(&self.entries[*i]))
    }

    /// Keeps the set of partly scored entries right for this one.
    fn note_partial(&mut self, id: &str) {
        if self.index.get(id).is_some_and(|i| self.status_of(&self.entries[*i]) == Status::Partial) {
            self.partial.insert(id.to_owned());
        } else {
            self.partial.remove(id);
        }
    }

    /// Counts the progress again and redoes the list: scores changed, the entries did not.
    fn recount(&mut self) {
        self.tally = self.entries.iter().map(|e| self.counts(e)).fold(Tally::default(), Tally::add);
        self.partial = self
            .entries
            .iter()
            .filter(|e| self.status_of(e) == Status::Partial)
            .map(|e| e.submission.id.clone())
            .collect();
        self.refresh_view();
    }

    /// What one entry adds to the tally.
    fn counts(&self, entry: &Entry) -> Tally {
        if self.assigned.is_some() && entry.not_mine {
            return Tally::default();
        }
        match self.status_of(entry) {
            Status::Withdrawn | Status::Recused => Tally::default(),
            Status::Scored => Tally { scored: 1, open: 1 },
            Status::NotStarted | Status::Partial => Tally { scored: 0, open: 1 },
        }
    }

    /// Entries left partly scored (the merge leaves them out), wherever they are in the list: how
    /// many, and the first `n` ids.
    pub fn partly_scored(&self, n: usize) -> (usize, Vec<&str>) {
        (self.partial.len(), self.partial.iter().take(n).map(String::as_str).collect())
    }

    /// The rubric of the selected entry: the criteria of its track.
    pub fn criteria(&self) -> &[Criterion] {
        self.rubric_of(self.current().and_then(|e| e.submission.track.as_deref()))
    }

    /// The rubric of an entry in `track`.
    pub fn rubric_of(&self, track: Option<&str>) -> &[Criterion] {
        let found = self.rubrics.iter().find(|(t, _)| t.as_deref() == track).or_else(|| self.rubrics.first());
        found.map_or(&[], |(_, r)| r.as_slice())
    }

    /// The longest rubric, which the screen's layout makes room for whatever entry is selected.
    pub fn longest_rubric(&self) -> &[Criterion] {
        self.rubrics.iter().map(|(_, r)| r.as_slice()).max_by_key(|r| r.len()).unwrap_or(&[])
    }

    /// The position of the selection in the list on screen.
    pub fn selected(&self) -> usize {
        self.table.selected().unwrap_or(0)
    }

    pub fn current(&self) -> Option<&Entry> {
        self.view.get(self.selected()).map(|i| &self.entries[*i])
    }

    /// The status a judge sees for an entry: the sheet's one rule.
    pub fn status_of(&self, entry: &Entry) -> Status {
        let rubric = self.rubric_of(entry.submission.track.as_deref());
        self.sheet.status(&entry.submission.id, entry.withdrawn, rubric)
    }

    pub fn total_of(&self, id: &str) -> Option<f64> {
        let track = self.index.get(id).and_then(|i| self.entries[*i].submission.track.as_deref());
        weighted_total(self.rubric_of(track), |c| self.sheet.score(id, c))
    }

    /// "37 of 120 scored": entries this judge can still score, withdrawn and recused left out.
    pub fn progress(&self) -> (usize, usize) {
        (self.tally.scored, self.tally.open)
    }

    /// Recomputes the list on screen after a filter or sort change, keeping the selection.
    pub fn refresh_view(&mut self) {
        let keep = self.current().map(|e| e.submission.id.clone());
        let query = self.query.to_lowercase();
        let mut view: Vec<usize> = (0..self.entries.len())
            .filter(|i| {
                let e = &self.entries[*i];
                self.track.as_ref().is_none_or(|t| e.submission.track.as_ref() == Some(t))
                    && (!self.unscored_only || self.status_of(e).open())
                    && (!self.mine_only || !e.not_mine)
                    && (query.is_empty() || e.haystack.contains(&query))
            })
            .collect();
        match self.sort {
            // The calibration set first, so that every judge scores it before the rest.
            Sort::Export => view.sort_by_key(|i| !self.calibration.contains(&self.entries[*i].submission.id)),
            Sort::Title => view.sort_by_cached_key(|i| self.entries[*i].submission.title.to_lowercase()),
            Sort::Status => view.sort_by_key(|i| self.status_of(&self.entries[*i])),
            Sort::Total => view.sort_by(|a, b| {
                let total = |i: &usize| self.total_of(&self.entries[*i].submission.id).unwrap_or(f64::NEG_INFINITY);
                total(b).total_cmp(&total(a))
            }),
        }
        self.view = view;
        let kept = keep.as_deref().and_then(|id| self.position_of(id));
        self.table.select(Some(kept.unwrap_or(0)));
        self.scroll_to_selection();
        // A filter that moved the selection to another entry starts it, as moving there does,
        // on its first criterion without a score.
        if kept.is_none() {
            self.focus_first_unscored();
        }
    }

    pub fn position_of(&self, id: &str) -> Option<usize> {
        self.view.iter().position(|i| self.entries[*i].submission.id == id)
    }

    /// Selects the submission with this id, if it is listed.
    pub fn select(&mut self, id: &str) {
        if let Some(p) = self.position_of(id) {
            self.table.select(Some(p));
            self.scroll_to_selection();
            self.focus_first_unscored();
        }
    }

    /// Keeps the selected row in sight: the list scrolls only as far as it must.
    fn scroll_to_selection(&mut self) {
        let (rows, selected, mut offset) = (self.rows_in_sight.max(1), self.selected(), self.table.offset());
        if selected < offset {
            offset = selected;
        } else if selected >= offset + rows {
            offset = selected + 1 - rows;
        }
        *self.table.offset_mut() = offset.min(self.view.len().saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize) {
        if self.view.is_empty() {
            return;
        }
        let last = self.view.len() - 1;
        let before = self.selected();
        self.table.select(Some(before.saturating_add_signed(delta).min(last)));
        self.scroll_to_selection();
        if self.selected() != before {
            self.focus_first_unscored();
        }
    }

    /// On arriving at an entry, number keys score its first criterion still without a score.
    fn focus_first_unscored(&mut self) {
        let Some(id) = self.current().map(|e| e.submission.id.clone()) else { return };
        self.focus = self.criteria().iter().position(|c| self.sheet.score(&id, &c.id).is_none()).unwrap_or(0);
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action, store: &Store) {
        // What another process wrote is read before anything is shown or written.
        self.sync(store);
        // A message answers one action: the next one clears it.
        if !matches!(action, Action::Tick(..) | Action::Resize(..)) {
            self.status.clear();
        }
        // A score half typed belongs to the criterion in focus: any other key leaves it.
        let typing = matches!(
            action,
            Action::Score(_) | Action::ConfirmScore | Action::EraseDigit | Action::Tick(..) | Action::Resize(..)
        );
        if !typing {
            self.typed = None;
        }
        match action {
            Action::ConfirmScore => self.confirm_typed(store),
            Action::EraseDigit => self.erase_digit(),
            Action::CancelScore => self.status = "nothing saved".into(),
            Action::Move(d) => self.move_by(d),
            Action::Page(d) => self.move_by(d.saturating_mul(isize::try_from(self.rows_in_sight.max(1)).unwrap_or(1))),
            Action::First => self.move_by(isize::MIN),
            Action::Last => self.move_by(isize::MAX),
            Action::NextUnscored => self.next_unscored(),
            Action::Focus(d) => {
                let last = self.criteria().len().saturating_sub(1);
                self.focus = self.focus.saturating_add_signed(d).min(last);
            }
            Action::Score(value) => self.score(value, store),
            Action::ClearScore => {
                if let Some(c) = self.criteria().get(self.focus) {
                    let change = Change::Score { criterion: c.id.clone(), value: None };
                    self.change(change, store, "score cleared");
                }
            }
            Action::Open(link) => self.open(link),
            Action::Stopwatch => self.stopwatch(store),
            // A new search each time: the kept one is replaced, not appended to.
            Action::Search => {
                self.query.clear();
                self.refresh_view();
                self.mode = Mode::Search(single_line("", "search title, team, members, tags, models"));
            }
            Action::ClearSearch => {
                self.query.clear();
                self.refresh_view();
                self.status = "search cleared".into();
            }
            Action::Paste(text) => self.paste(&text, store),
            Action::CycleTrack => {
                let ids: Vec<String> = self.config.tracks.iter().map(|t| t.id.clone()).collect();
                self.track = match &self.track {
                    None => ids.first().cloned(),
                    Some(t) => ids.iter().skip_while(|i| *i != t).nth(1).cloned(),
                };
                self.refresh_view();
            }
            Action::ToggleUnscored => {
                self.unscored_only = !self.unscored_only;
                self.refresh_view();
            }
            Action::ToggleMine => {
                self.mine_only = !self.mine_only;
                self.refresh_view();
            }
            Action::CycleSort => {
                self.sort = match self.sort {
                    Sort::Export => Sort::Title,
                    Sort::Title => Sort::Status,
                    Sort::Status => Sort::Total,
                    Sort::Total => Sort::Export,
                };
                self.refresh_view();
                self.status = format!("sorted by {}", self.sort.label());
            }
            Action::EditNote => self.edit_note(false),
            Action::EditTeamNote => self.edit_note(true),
            Action::Recuse => self.recuse(store),
            Action::Undo => self.undo(store),
            Action::Help => self.mode = Mode::Help,
            Action::Resize(width, height) => {
                self.screen = (width, height);
                self.rows_in_sight = view::rows_in_sight(self.longest_rubric(), width, height);
                self.scroll_to_selection();
            }
            Action::Tick(now, unix) => (self.now, self.now_unix) = (now, unix),
            Action::Type(key) => self.type_key(key, store),
            Action::Close(keep) => self.close(keep, store),
            Action::Push => self.push(),
            Action::Quit => {
                // A running stopwatch is stopped and saved, not lost.
                if self.stopwatch.is_some() {
                    self.stopwatch(store);
                }
                self.quit = true;
            }
        }
    }

    /// Writes a change for the selected entry, remembers how to undo it, then shows it.
    fn change(&mut self, change: Change, store: &Store, done: &str) {
        let Some(id) = self.current().map(|e| e.submission.id.clone()) else { return };
        let before = self.sheet.current(&id, &change);
        if before == change {
            return;
        }
        if self.write(&id, &change, store) {
            self.undo.push((id, before));
            done.clone_into(&mut self.status);
        }
    }

    /// Saves first; the screen shows a change only once it is in the store.
    fn write(&mut self, id: &str, change: &Change, store: &Store) -> bool {
        match store.apply(id, change) {
            Ok(()) => {
                let before = self.tally_of(id);
                self.sheet.apply(id, change);
                self.tally = self.tally.add(self.tally_of(id)).less(before);
                self.note_partial(id);
                true
            }
            Err(e) => {
                self.status = format!("NOT SAVED: {e}");
                false
            }
        }
    }

    fn scorable(&mut self) -> Option<String> {
        let entry = self.current()?;
        let status = self.status_of(entry);
        if !status.scorable() {
            self.status = format!("this entry is {}; press r to undo a recusal", status.label());
            return None;
        }
        Some(entry.submission.id.clone())
    }

    /// Sends the score file, off the loop's thread; the loop hears how it went.
    fn push(&mut self) {
        if self.config.sync.repo().is_some() {
            self.status = "pushing your score file…".into();
            (self.pusher)();
        } else {
            self.status = "judging.toml has no [sync] repo: export (judging export) and send the file by hand".into();
        }
    }

    /// Takes back the last digit of a score being typed.
    fn erase_digit(&mut self) {
        if let Some(t) = &mut self.typed {
            t.pop();
        }
        self.typed = self.typed.take().filter(|t| !t.is_empty());
    }

    /// A digit key: scores a one-key scale at once; on a longer one, adds the digit to the
    /// number being typed, saved with Enter, or at once when no further digit could fit.
    fn score(&mut self, key: u8, store: &Store) {
        if self.scorable().is_none() {
            return;
        }
        let Some(c) = self.criteria().get(self.focus).cloned() else { return };
        if !c.scale.one_key() {
            let mut typed = self.typed.take().unwrap_or_default();
            typed.push(char::from(b'0' + key));
            let value: u32 = typed.parse().unwrap_or(0);
            // "0", or a number that one more digit would take past the top, is complete.
            let complete = value == 0 || value * 10 > u32::from(c.scale.high);
            if complete {
                self.save_score(&c, &typed, store);
            } else {
                self.status = format!("{}: {typed}▏ Enter saves", c.label);
                self.typed = Some(typed);
            }
            return;
        }
        // 0 means 10 on a scale that reaches 10 and does not start at 0.
        let typed = if key == 0 && c.scale.high == 10 && c.scale.low > 0 { 10 } else { key };
        self.save_score(&c, &typed.to_string(), store);
    }

    fn confirm_typed(&mut self, store: &Store) {
        let Some(typed) = self.typed.take() else { return };
        if self.scorable().is_none() {
            return;
        }
        let Some(c) = self.criteria().get(self.focus).cloned() else { return };
        self.save_score(&c, &typed, store);
    }

    /// Checks a typed value with the rubric's one check, saves it, and moves on.
    fn save_score(&mut self, c: &Criterion, typed: &str, store: &Store) {
        // The rubric's one check, as `judging score` and `import-scores` make it.
        let track = self.current().and_then(|e| e.submission.track.clone());
        let value = match self.config.check_score_for(track.as_deref(), &c.id, typed) {
            Ok((_, value)) => value,
            Err(e) => {
                self.status = e.to_string();
                return;
            }
        };
        let conflict = self.current().is_some_and(|e| e.bar == Some(Bar::Conflict));
        let saved = if conflict {
            "saved · judging.toml lists a conflict of yours with this entry: r recuses"
        } else {
            "saved"
        };
        self.change(Change::Score { criterion: c.id.clone(), value: Some(value) }, store, saved);
        // Move on to the next criterion, as a judge scores them in order.
        self.focus = (self.focus + 1).min(self.criteria().len() - 1);
    }

    fn next_unscored(&mut self) {
        let n = self.view.len();
        let found =
            (1..=n).map(|k| (self.selected() + k) % n).find(|p| self.status_of(&self.entries[self.view[*p]]).open());
        match found {
            Some(p) => {
                self.table.select(Some(p));
                self.scroll_to_selection();
                self.focus_first_unscored();
            }
            None => self.status = "every listed entry is scored".into(),
        }
    }

    fn open(&mut self, link: Link) {
        let Some(entry) = self.current() else { return };
        let s = &entry.submission;
        let (url, what) = match link {
            Link::Space => (Some(s.space_url.clone()), "Space"),
            Link::Video => (s.video_url.clone(), "video"),
            Link::Post => (s.post_url.clone(), "social post"),
        };
        self.status = match url {
            None => format!("this entry has no {what}"),
            Some(url) => match (self.opener)(&url) {
                Ok(()) => format!("opened the {what}"),
                Err(e) => format!("could not open the {what}: {e}"),
            },
        };
    }

    fn stopwatch(&mut self, store: &Store) {
        match self.stopwatch.take() {
            Some((id, since)) => {
                let seconds = (self.now.saturating_duration_since(since).as_secs_f64() * 10.0).round() / 10.0;
                // Every reading is kept; the median is what counts.
                let mut readings = self.sheet.readings.get(&id).cloned().unwrap_or_default();
                readings.push(seconds);
                let change = Change::Readings(readings);
                let before = self.sheet.current(&id, &change);
                if self.write(&id, &change, store) {
                    self.undo.push((id.clone(), before));
                    let n = self.sheet.readings.get(&id).map_or(0, Vec::len);
                    let median = self.sheet.median_seconds(&id).unwrap_or(seconds);
                    self.status = format!("stopwatch: {seconds:.1} s saved · median {median:.1} s of {n}");
                }
            }
            None => {
                if let Some(id) = self.scorable() {
                    self.stopwatch = Some((id, self.now));
                    self.status = "stopwatch running: press t to stop".into();
                }
            }
        }
    }

    fn edit_note(&mut self, team: bool) {
        let Some(id) = self.scorable() else { return };
        use crate::config::FeedbackNotes;
        // "always": every note is for the team; "never": none is.
        let team = match self.config.feedback.notes {
            FeedbackNotes::Always => true,
            FeedbackNotes::Never if team => {
                self.status =
                    "judging.toml says no note reaches the teams ([feedback] notes = \"never\"): e writes the jury's"
                        .into();
                return;
            }
            FeedbackNotes::Never => false,
            FeedbackNotes::JudgeChooses => team,
        };
        let before = self.note_of(&id, team).cloned();
        let mut editor = TextArea::new(before.clone().unwrap_or_default().lines().map(str::to_owned).collect());
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.mode = Mode::Note { editor, id, before, team };
    }

    /// The jury's note on an entry, or the team's.
    pub fn note_of(&self, id: &str, team: bool) -> Option<&String> {
        if team { self.sheet.team_notes.get(id) } else { self.sheet.notes.get(id) }
    }

    fn recuse(&mut self, store: &Store) {
        let Some(entry) = self.current() else { return };
        let id = entry.submission.id.clone();
        if self.sheet.recusals.contains_key(&id) {
            self.change(Change::Text(crate::model::TextPart::Recusal, None), store, "recusal withdrawn");
            self.refresh_after_change();
        } else if !entry.withdrawn {
            self.mode = Mode::Recuse { editor: single_line("", "why? (a conflict of interest, ...)"), id };
        }
    }

    fn undo(&mut self, store: &Store) {
        let Some((id, change)) = self.undo.pop() else {
            self.status = "nothing to undo".into();
            return;
        };
        if self.write(&id, &change, store) {
            self.select(&id);
            self.status = "undone".into();
        } else {
            self.undo.push((id, change));
        }
    }

    fn type_key(&mut self, key: ratatui::crossterm::event::KeyEvent, store: &Store) {
        match &mut self.mode {
            Mode::Search(editor) => {
                editor.input(key);
                self.query = editor.lines().concat();
                self.refresh_view();
            }
            Mode::Note { editor, id, team, .. } => {
                if editor.input(key) {
                    // Every keystroke is saved, so a crash mid-sentence loses nothing.
                    let text = editor.lines().join("\n");
                    let change = note_change(*team, (!text.trim().is_empty()).then_some(text));
                    let id = id.clone();
                    self.write(&id, &change, store);
                }
            }
            Mode::Recuse { editor, .. } => {
                editor.input(key);
            }
            Mode::Browse | Mode::Help => {}
        }
    }

    /// Pasted text goes into the open text box as text, never as keys: in the list it does
    /// nothing, so a paste cannot score or quit.
    fn paste(&mut self, text: &str, store: &Store) {
        let line = crate::sanitize::clean_line(text);
        match &mut self.mode {
            Mode::Search(editor) => {
                editor.insert_str(&line);
                self.query = editor.lines().concat();
                self.refresh_view();
            }
            Mode::Recuse { editor, .. } => {
                editor.insert_str(&line);
            }
            Mode::Note { editor, id, team, .. } => {
                editor.insert_str(crate::sanitize::clean_block(text));
                let text = editor.lines().join("\n");
                let change = note_change(*team, (!text.trim().is_empty()).then_some(text));
                let id = id.clone();
                self.write(&id, &change, store);
            }
            Mode::Browse | Mode::Help => {
                self.status = "a paste types only into a note or a search: press e for the note, / to search".into();
            }
        }
    }

    /// Whether the screen is too small to show what a key would change: then only quitting,
    /// help and a resize act.
    pub fn too_small(&self) -> bool {
        self.screen.0 < view::MIN_WIDTH || self.screen.1 < view::MIN_HEIGHT
    }

    fn close(&mut self, keep: bool, store: &Store) {
        match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Search(_) if !keep => {
                self.query.clear();
                self.refresh_view();
            }
            // The whole edit is one change to undo.
            Mode::Note { id, before, team, .. } if self.note_of(&id, team) != before.as_ref() => {
                self.undo.push((id, note_change(team, before)));
                self.status = if team { "note for the team saved" } else { "note for the jury saved" }.into();
            }
            Mode::Recuse { editor, id } if keep => {
                let reason = editor.lines().concat().trim().to_owned();
                if reason.is_empty() {
                    self.status = "a recusal needs a reason".into();
                    return;
                }
                self.select(&id);
                self.change(Change::Text(crate::model::TextPart::Recusal, Some(reason)), store, "recused");
                self.refresh_after_change();
            }
            _ => {}
        }
    }

    /// A recusal can move an entry out of an "unscored only" list; keep the cursor on it.
    fn refresh_after_change(&mut self) {
        let id = self.current().map(|e| e.submission.id.clone());
        self.refresh_view();
        if let Some(id) = id {
            self.select(&id);
        }
    }
}

fn single_line(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(vec![text.to_owned()]);
    editor.set_placeholder_text(placeholder.to_owned());
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    editor
}

/// The change that writes a note: the team's, or the jury's.
fn note_change(team: bool, text: Option<String>) -> Change {
    if team {
        Change::Text(crate::model::TextPart::TeamNote, text)
    } else {
        Change::Text(crate::model::TextPart::Note, text)
    }
}
