//! The judge's screen as state: what is listed, selected and focused, and what each action does.
//!
//! `update` applies one action and returns what must leave the screen as [`Effect`]s: a change
//! to save, a link to open, a push. It reads and writes nothing itself. A change shows only once
//! the loop answers that it is saved ([`Outcome::Saved`], through [`App::heard`]): what the
//! screen shows is always what is saved.
//!
//! The state is in parts that own theirs: [`Entries`] (the submissions and rubrics), [`Scores`]
//! (the sheet, with its tally and partly scored entries), [`ListView`] (filters, sort,
//! selection) and the editors in [`Mode`].

mod editors;
mod effects;
mod entries;
mod finals;
mod heard;
mod list;
mod scores;
mod update;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::time::Instant;

pub use editors::{Mode, NoteEditor, Recusal, Search, Typing, as_typed};
pub use effects::{Effect, Outcome, Outside, Then, Write};
pub use entries::{Entries, Entry, TEAM, TEAM_ALONE, TITLE, TOTAL, TRACK};
pub use finals::{Choice, Comparing, FinalistShown, Side};
pub use list::{ListView, Sort, in_sight};
pub use scores::Scores;

use crate::config::Config;
use crate::model::{Change, Criterion, HubFacts, ScoreSheet, Status, StoredSubmission, TextPart};

/// A judge tries a demo for minutes, not for this long: a stopwatch reading past it is saved,
/// and the judge is told how to take it back (a stopwatch left running over a break).
pub const LONGEST_TRY: std::time::Duration = std::time::Duration::from_secs(20 * 60);

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
    /// The whole entry, over the screen.
    WholeEntry,
    /// Scrolls the whole entry by lines (`isize::MIN` and `MAX`: to its top and its end).
    Scroll(isize),
    /// The finals' comparison screen (once the head judge has published the finals).
    Finals,
    /// On the comparison screen: the judge's answer on the pair in front of them.
    Choose(Choice),
    /// On the comparison screen: the pair goes behind the others, unanswered.
    SkipPair,
    /// On the comparison screen: a link of the finalist on the right (`Open` is the left one's).
    OpenRight(Link),
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
    /// A key that does nothing here, by its name ("z", "Enter", "^z"): said so.
    Unbound(String),
    /// A key refused on a screen too small for it ([`crate::tui::small`]), by its name: not
    /// typed into a box out of sight, nor acting on what the screen does not show; said so,
    /// with the keys refused before it.
    Refused(String),
    Quit,
}

/// Why `a` leaves an entry out ([`App::not_mine_because`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotMine {
    /// The assignments file does not give it to the judge (or judging.toml bars them).
    Unassigned,
    /// judging.toml lists a conflict of the judge's that names it.
    Conflict,
    /// It is in a track the judge does not judge (their `tracks` in judging.toml).
    Track,
    ConflictOrTrack,
}

impl NotMine {
    /// The list's filter, as the header names it.
    pub fn filter(self) -> &'static str {
        match self {
            NotMine::Unassigned => "assigned to me",
            NotMine::Conflict => "no conflicts",
            NotMine::Track => "my tracks",
            NotMine::ConflictOrTrack => "mine",
        }
    }

    /// The entries it leaves out, as a message says them: "3 entries {passed}".
    pub fn passed(self) -> &'static str {
        match self {
            NotMine::Unassigned => "not assigned to you",
            NotMine::Conflict => "with a conflict of yours",
            NotMine::Track => "outside your tracks",
            NotMine::ConflictOrTrack => "with a conflict of yours or outside your tracks",
        }
    }

    /// What `a` does, as the help says it.
    pub fn help(self) -> &'static str {
        match self {
            NotMine::Unassigned => "show only entries assigned to me",
            NotMine::Conflict => "show only entries with no conflict of mine",
            NotMine::Track => "show only entries in my tracks",
            NotMine::ConflictOrTrack => "show only entries in my tracks with no conflict of mine",
        }
    }
}

pub struct App {
    pub config: Config,
    /// Whether the event is the built-in one: no judging.toml was found. The header says so.
    pub builtin_event: bool,
    /// Whether an assignments file was read beside judging.toml (it may not name this judge).
    pub assignments_file: bool,
    pub judge: String,
    pub entries: Entries,
    pub scores: Scores,
    pub list: ListView,
    pub mode: Mode,
    /// The rubric criterion that number keys score.
    pub focus: usize,
    pub typing: Typing,
    /// The screen's size, columns and rows.
    pub screen: (u16, u16),
    /// The time as of the last tick: drawing reads this, never the clock.
    pub now: Instant,
    pub now_unix: i64,
    /// `NO_COLOR`, read once when the app starts: colours go, bold and reverse video stay.
    pub monochrome: bool,
    /// What the Hub said of each entry's Space, and when it was fetched.
    pub hub: HashMap<String, (HubFacts, String)>,
    pub status: String,
    /// The keys refused since the last key that acted, the screen being too small.
    pub refused: crate::tui::small::Refused,
    /// The running stopwatch: which submission, since when.
    pub stopwatch: Option<(String, Instant)>,
    /// Changes to undo, newest last: the submission and the change that restores it.
    undo: Vec<(String, Change)>,
    /// When this judge last pushed (ISO 8601), for the footer.
    pub last_pushed: Option<String>,
    /// The finals as the head judge published them (finals.toml), one round per ranking: empty
    /// until they are published.
    pub finals: Vec<crate::finals::Round>,
    /// The note the judge kept on each pair of the finals this session, until its answer saves
    /// it: it waits over Esc, a skip and an undo, as the pair does.
    pub pair_notes: std::collections::HashMap<crate::model::Pair, String>,
    /// Why the published finals could not be read, if they could not.
    pub finals_problem: Option<String>,
    /// The whole entry's scroll where `?` was pressed over it (on a screen too small for it,
    /// where "? shows the keys"): the keys close back to it. `?` had closed the entry instead.
    pub entry_under_help: Option<usize>,
    pub quit: bool,
}

impl App {
    /// The app on these submissions and this sheet, at this time (monotonic, and Unix seconds).
    pub fn new(
        config: Config,
        judge: String,
        submissions: Vec<StoredSubmission>,
        sheet: ScoreSheet,
        (now, now_unix): (Instant, i64),
    ) -> App {
        let mut entries = Entries::new(&config);
        entries.show(&config, &judge, submissions);
        let scores = Scores::new(sheet, &entries);
        let mut app = App {
            config,
            builtin_event: false,
            assignments_file: false,
            judge,
            entries,
            scores,
            list: ListView::default(),
            mode: Mode::Browse,
            focus: 0,
            typing: Typing::default(),
            screen: (crate::tui::layout::MIN_WIDTH, crate::tui::layout::MIN_HEIGHT),
            now,
            now_unix,
            monochrome: false,
            hub: HashMap::new(),
            status: String::new(),
            refused: crate::tui::small::Refused::default(),
            stopwatch: None,
            undo: Vec::new(),
            last_pushed: None,
            finals: Vec::new(),
            pair_notes: std::collections::HashMap::new(),
            finals_problem: None,
            entry_under_help: None,
            quit: false,
        };
        app.refresh_view();
        app
    }

    /// Takes this judge's entries from the assignments file, the calibration set first: the rest
    /// are not theirs, the list shows theirs ("assigned to me", which `a` turns off), and progress
    /// counts only theirs.
    pub fn assign_to(&mut self, ids: &[String], calibration: &[String]) {
        self.entries.calibration = calibration.iter().cloned().collect();
        self.entries.assign(&self.config, &self.judge, ids);
        self.list.mine_only = true;
        self.scores.recount(&self.entries);
        self.refresh_view();
    }

    /// Lists new submissions (a pull), with the sheet as the store holds it now.
    fn show(&mut self, submissions: Vec<StoredSubmission>, sheet: ScoreSheet) {
        self.entries.show(&self.config, &self.judge, submissions);
        self.scores.reload(&self.entries, sheet);
        self.refresh_view();
    }

    /// The judge's sheet.
    pub fn sheet(&self) -> &ScoreSheet {
        self.scores.sheet()
    }

    /// The rubric of the selected entry: the criteria of its track.
    pub fn criteria(&self) -> &[Criterion] {
        self.rubric().criteria()
    }

    /// The rubric of the selected entry, as the screen lays it out.
    pub fn rubric(&self) -> &crate::tui::layout::Rubric {
        self.entries.rubric(self.current().and_then(|e| e.submission.track.as_deref()))
    }

    /// The longest rubric, which the screen's layout makes room for whatever entry is selected.
    pub fn longest_rubric(&self) -> &crate::tui::layout::Rubric {
        self.entries.longest_rubric()
    }

    /// The position of the selection in the list on screen.
    pub fn selected(&self) -> usize {
        self.list.selected()
    }

    pub fn current(&self) -> Option<&Entry> {
        self.list.current(&self.entries)
    }

    /// The status a judge sees for an entry: the sheet's one rule.
    pub fn status_of(&self, entry: &Entry) -> Status {
        self.scores.status_of(&self.entries, entry)
    }

    /// Why the entry in front of the judge takes no score, note or stopwatch reading; `None`
    /// where it takes them. The one test the keys that would give one ask, and the stopwatch's
    /// hint, which says what `t` will do there.
    pub fn unscorable(&self) -> Option<Unscorable> {
        let entry = self.current()?;
        let status = self.status_of(entry);
        if !status.scorable() {
            return Some(Unscorable::Status(status));
        }
        // A track no criterion judges: an empty rubric, which no key can fill.
        self.criteria().is_empty().then(|| {
            let track = entry.submission.track.as_deref();
            Unscorable::NoCriterion(track.map_or_else(|| "no track".to_owned(), |t| format!("track {t}")))
        })
    }

    pub fn total_of(&self, id: &str) -> Option<f64> {
        self.scores.total_of(&self.entries, id)
    }

    /// "37 of 120 scored": entries this judge can still score, withdrawn and recused left out.
    pub fn progress(&self) -> (usize, usize) {
        self.scores.progress()
    }

    /// The judge's own entries left partly scored (those progress counts), wherever they are in
    /// the list: how many, and the first `n`.
    pub fn partly_scored(&self, n: usize) -> (usize, Vec<&str>) {
        self.scores.partly_scored(n)
    }

    /// The jury's note on an entry, or the team's.
    pub fn note_of(&self, id: &str, team: bool) -> Option<&String> {
        let part = if team { TextPart::TeamNote } else { TextPart::Note };
        self.scores.sheet().texts[part].get(id)
    }

    /// Where the event's settings come from, as a message names it: a judge on the built-in
    /// event has no judging.toml to look in.
    pub fn event_file(&self) -> &'static str {
        crate::event_files::settings_named(self.builtin_event)
    }

    /// Whether "mine only" (`a`) hides anything: an entry not assigned to this judge, or in
    /// conflict. The help's `a` and the filter itself ask this.
    pub fn mine_hides_some(&self) -> bool {
        self.entries.iter().any(|e| e.not_mine)
    }

    /// What makes an entry not this judge's, as the header, `a` and the help say it: not
    /// assigned (with an assignments file), a conflict judging.toml lists, or a track outside
    /// those the judge keeps to. Without assignments, `a` had said every entry it hid was a
    /// conflict, and the help that it showed the entries assigned to me.
    pub fn not_mine_because(&self) -> NotMine {
        use crate::assign::Bar;
        if self.entries.assigned().is_some() {
            return NotMine::Unassigned;
        }
        let bars = |bar: Bar| self.entries.iter().any(|e| e.bar == Some(bar));
        match (bars(Bar::Conflict), bars(Bar::Track)) {
            (_, false) => NotMine::Conflict,
            (false, true) => NotMine::Track,
            (true, true) => NotMine::ConflictOrTrack,
        }
    }

    /// Whether the event has tracks to show: judging.toml names some, or an entry has one. The
    /// help's `f`, the list's TRACK column and the entry's "track" ask this, and nothing else.
    pub fn has_tracks(&self) -> bool {
        !self.config.tracks.is_empty() || self.entries.any_track()
    }

    /// The tracks `f` steps through: judging.toml's, in its order, then any an entry has that
    /// judging.toml does not name (an export's own), by name.
    pub fn tracks(&self) -> Vec<String> {
        let mut out: Vec<String> = self.config.tracks.iter().map(|t| t.id.clone()).collect();
        if self.entries.any_track() {
            let mut more: Vec<String> =
                self.entries.iter().filter_map(|e| e.submission.track.clone()).filter(|t| !out.contains(t)).collect();
            more.sort();
            more.dedup();
            out.extend(more);
        }
        out
    }

    /// Whether the screen is too small to show what a key would change: then only quitting,
    /// help and a resize act.
    pub fn too_small(&self) -> bool {
        crate::tui::layout::too_small(self.screen.0, self.screen.1)
    }

    /// Recomputes the list on screen after a filter or sort change, keeping the selection.
    pub fn refresh_view(&mut self) {
        // A filter that moved the selection to another entry starts it, as moving there does,
        // on its first criterion without a score.
        if !self.list.refresh(&self.entries, &self.scores) {
            self.focus_first_unscored();
        }
    }

    /// Selects the submission with this id, if it is listed.
    pub fn select(&mut self, id: &str) {
        if self.list.select(&self.entries, id) {
            self.focus_first_unscored();
        }
    }

    /// A change the store has saved, shown: the sheet, its tally and its partly scored entries.
    pub fn apply(&mut self, id: &str, change: &Change) {
        self.scores.apply(&self.entries, id, change);
        self.list.scored();
    }

    /// The selection moved to another entry: the list is brought up to date around it, and
    /// number keys score its first criterion still without a score.
    fn arrived(&mut self) {
        // Kept or not, the entry selected is one just arrived at.
        let _ = self.list.moved_on(&self.entries, &self.scores);
        self.focus_first_unscored();
    }

    /// On arriving at an entry, number keys score its first criterion still without a score.
    fn focus_first_unscored(&mut self) {
        let Some(id) = self.current().map(|e| e.submission.id.clone()) else { return };
        let sheet = self.scores.sheet();
        self.focus = self.criteria().iter().position(|c| sheet.score(&id, &c.id).is_none()).unwrap_or(0);
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

/// Where the judge left the screen: the entry selected, the list's filters and order, and the
/// criterion in focus. The loop keeps it in the store as it changes, and the app reopens on it,
/// so a judge back after a crash or a break finds the list as they left it. The search is not
/// kept: it answers the moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub selected: Option<String>,
    /// The track shown (`None`: every track).
    pub track: Option<String>,
    pub unscored_only: bool,
    /// `a`: only the entries that are mine. `None` where nothing was kept: the app's own default
    /// (on where assignments give the judge their entries).
    pub mine_only: Option<bool>,
    pub sort: Sort,
    /// The id of the criterion in focus on the selected entry.
    pub criterion: Option<String>,
    /// The running stopwatch: the entry it times, and since when (Unix seconds). Kept so that
    /// a crash or a kill mid-demo does not lose the timing.
    pub stopwatch: Option<(String, i64)>,
}

impl Place {
    /// Where the app is now.
    pub fn of(app: &App) -> Place {
        Place {
            selected: app.current().map(|e| e.submission.id.clone()),
            track: app.list.track.clone(),
            unscored_only: app.list.unscored_only,
            mine_only: Some(app.list.mine_only),
            sort: app.list.sort,
            criterion: app.current().and_then(|_| app.criteria().get(app.focus)).map(|c| c.id.clone()),
            stopwatch: app.stopwatch.as_ref().map(|(id, since)| {
                let ran = i64::try_from(app.now.saturating_duration_since(*since).as_secs()).unwrap_or(0);
                (id.clone(), app.now_unix.saturating_sub(ran))
            }),
        }
    }
}

impl App {
    /// Back where the judge left the screen, as far as it still applies: a track the event no
    /// longer has shows every track (and says so), an entry no longer listed leaves the first
    /// selected, a criterion its rubric no longer has leaves the first without a score focused.
    pub fn restore(&mut self, place: &Place) {
        let mut said = Vec::new();
        if let Some(track) = &place.track {
            if self.tracks().contains(track) {
                self.list.track = Some(track.clone());
            } else {
                said.push(format!(
                    "track {} is no longer in {}: showing every track",
                    crate::sanitize::screen_line(track),
                    self.event_file()
                ));
            }
        }
        self.list.unscored_only = place.unscored_only;
        if let Some(mine) = place.mine_only {
            // As `a` would: with nothing to hide, the filter stays off.
            self.list.mine_only = mine && self.mine_hides_some();
        }
        self.list.sort = place.sort;
        self.refresh_view();
        if let Some(id) = &place.selected {
            let listed = self.list.position_of(&self.entries, id).is_some();
            self.select(id);
            if listed
                && let Some(criterion) = &place.criterion
                && let Some(k) = self.criteria().iter().position(|c| &c.id == criterion)
            {
                self.focus = k;
            }
        }
        // A stopwatch still running when the app stopped (a crash, a kill): timing on, unless
        // it ran past the longest try, when its reading would be a break's, not a demo's.
        if let Some((id, since)) = &place.stopwatch
            && self.entries.get(id).is_some()
        {
            let ran = self.now_unix.saturating_sub(*since).max(0);
            let named = self.entries.named(id);
            let longest = LONGEST_TRY.as_secs();
            match u64::try_from(ran).ok().filter(|ran| *ran <= longest) {
                Some(ran) => {
                    let start = self.now.checked_sub(std::time::Duration::from_secs(ran)).unwrap_or(self.now);
                    self.stopwatch = Some((id.clone(), start));
                    said.push(format!("stopwatch resumed on {named}: it ran when the app stopped"));
                }
                // Its point first and short: said after the folder's line, the long form had been
                // cut at 80 columns before "is not resumed".
                None => said.push(format!(
                    "stopwatch on {named} not resumed (left running over {} min ago): t times afresh",
                    longest / 60
                )),
            }
        }
        if !said.is_empty() {
            said.insert(0, std::mem::take(&mut self.status));
            self.status = said.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
        }
    }
}

/// Why an entry takes no new score, note or stopwatch reading ([`App::unscorable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unscorable {
    /// Recused from, or withdrawn from the export.
    Status(Status),
    /// Its track (as said: "track wood", "no track") has no criterion to score.
    NoCriterion(String),
}

impl Unscorable {
    /// What a key that would score, note or time it says, naming the event's file: a recusal is
    /// undone with `r`; a withdrawn entry takes nothing new (its scores so far stay in the store
    /// and the score file).
    pub fn said(&self, event_file: &str) -> String {
        match self {
            Unscorable::Status(Status::Withdrawn) => {
                "withdrawn from the export: it takes no new score, note or recusal (what you gave it is kept)"
                    .to_owned()
            }
            Unscorable::Status(other) => format!("this entry is {}; press r to undo a recusal", other.label()),
            Unscorable::NoCriterion(track) => format!(
                "no criterion of {event_file} judges this entry ({}), so it cannot be scored: tell the organizers (judging check names it)",
                crate::sanitize::screen_line(track)
            ),
        }
    }

    /// The same in a few words, for a hint: "this entry is recused".
    pub fn briefly(&self) -> String {
        match self {
            Unscorable::Status(Status::Withdrawn) => "this entry is withdrawn from the export".to_owned(),
            Unscorable::Status(other) => format!("this entry is {}", other.label()),
            Unscorable::NoCriterion(_) => "no criterion judges this entry".to_owned(),
        }
    }
}
