//! What each action does to the judge's screen, and what it asks the loop to do.

use super::editors::{Mode, NoteEditor, Recusal, Search, note_change};
use super::effects::{Effect, Then, Write};
use super::{Action, App, Link, NotMine, Side};
use crate::assign::Bar;
use crate::model::{Change, Criterion, TextPart};
use crate::sanitize::screen_line;
use crate::tui::keys::unbound_said as unbound;

impl App {
    /// Applies one action; what must leave the screen (a write, a link, a push) is returned for
    /// the loop to do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        // A message answers one action: the next one clears it.
        if !matches!(action, Action::Tick(..) | Action::Resize(..)) {
            self.status.clear();
        }
        // A paste on a screen too small is refused as a key is: it had gone into a box out of
        // sight.
        let action = match action {
            Action::Paste(text) if self.too_small() => Action::Refused(format!(
                "a paste of {}",
                crate::format::count(text.chars().count(), "character", "characters")
            )),
            other => other,
        };
        // Keys refused are said together until a key acts.
        match &action {
            Action::Tick(..) | Action::Resize(..) => {}
            Action::Refused(key) => {
                self.refused.push(key);
                self.status = self.refused.said(crate::tui::view::typing_into_a_box(self)).unwrap_or_default();
            }
            _ => self.refused.clear(),
        }
        // q with a number typed and not saved: the help promises everything is saved, so the
        // first q says so and keeps it (Enter saves, Esc drops); a second q quits without it.
        // The clock's ticks and a resize come between two key presses: they keep it.
        let held = if matches!(action, Action::Tick(..) | Action::Resize(..)) {
            self.typing.quit_held
        } else {
            std::mem::take(&mut self.typing.quit_held)
        };
        if action == Action::Quit && !held && self.typing.digits.as_ref().is_some_and(|t| !t.is_empty()) {
            let typed = self.typing.digits.clone().unwrap_or_default();
            let label = self.criteria().get(self.focus).map(|c| screen_line(&c.label)).unwrap_or_default();
            self.status =
                format!("{label}: {typed} typed, not saved: Enter saves it, Esc drops it; q again quits without it");
            self.typing.quit_held = true;
            return Vec::new();
        }
        // A note kept on a pair of the finals is saved with its answer: the first q says it is
        // not saved yet, and keeps it.
        let waiting = self.notes_waiting();
        if action == Action::Quit && !held && waiting > 0 {
            self.status = format!(
                "your note on {} waits for an answer, not saved: answer it (F) to save it; q again quits without it",
                crate::format::count(waiting, "pair", "pairs")
            );
            self.typing.quit_held = true;
            return Vec::new();
        }
        // A score half typed belongs to the criterion in focus: any other key leaves it.
        let typing = matches!(
            action,
            Action::Score(_)
                | Action::ConfirmScore
                | Action::EraseDigit
                | Action::Tick(..)
                | Action::Resize(..)
                | Action::Unbound(_)
                | Action::Refused(_)
        );
        let left = if typing { None } else { self.typing.digits.take().filter(|t| !t.is_empty()) };
        // Named before the key acts, which may move the focus or the entry.
        let left = left.and_then(|typed| Some((typed, screen_line(&self.criteria().get(self.focus)?.label))));
        let resized = matches!(action, Action::Resize(..));
        let effects = self.act(action);
        if resized {
            self.refit_text_box();
        }
        // Said, unless the key that left it has its own news: nothing typed is dropped unseen.
        if let (Some((typed, label)), true) = (left, self.status.is_empty()) {
            self.status = format!("{label}: {typed} not saved (Enter saves a typed score)");
        }
        effects
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        if matches!(self.mode, Mode::Finals(_)) {
            return self.in_finals(action);
        }
        if let Mode::Entry { scroll } = self.mode
            && action != Action::Quit
        {
            match action {
                // Clamped from where the screen now ends: after a resize, the first key up moves.
                Action::Scroll(by) => {
                    let scroll = scroll.min(self.whole_entry_scrolls()).saturating_add_signed(by);
                    self.mode = Mode::Entry { scroll: scroll.min(self.whole_entry_scrolls()) };
                }
                // A page is the lines in sight: the rows less the two that count the lines above
                // and below, so the next page starts with the line after the last one read.
                Action::Page(pages) => {
                    let page = self.whole_entry_room().1.saturating_sub(2).max(1);
                    let by = pages.saturating_mul(isize::try_from(page).unwrap_or(isize::MAX));
                    let scroll = scroll.min(self.whole_entry_scrolls()).saturating_add_signed(by);
                    self.mode = Mode::Entry { scroll: scroll.min(self.whole_entry_scrolls()) };
                }
                Action::Open(link) => return self.open(link),
                Action::Resize(..) | Action::Tick(..) => self.browse(action),
                Action::Refused(_) => {}
                Action::Help => {
                    self.entry_under_help = Some(scroll);
                    self.mode = Mode::Help;
                }
                _ => self.mode = Mode::Browse,
            }
            return Vec::new();
        }
        // Quit (^c, or q on a screen too small for the view) quits from the whole entry too.
        // A key for the entry in front of the judge, with none listed: said, not silently nothing.
        let for_an_entry = matches!(
            action,
            Action::Score(_)
                | Action::ClearScore
                | Action::Open(_)
                | Action::EditNote
                | Action::EditTeamNote
                | Action::Recuse
                | Action::WholeEntry
                | Action::Focus(_)
                | Action::NextUnscored
        ) || (action == Action::Stopwatch && self.stopwatch.is_none());
        if for_an_entry && self.current().is_none() {
            self.status = self.none_listed();
            return Vec::new();
        }
        match action {
            Action::ConfirmScore => self.confirm_typed(),
            Action::EraseDigit => {
                self.typing.erase();
                Vec::new()
            }
            Action::CancelScore => {
                self.status = "nothing saved".into();
                Vec::new()
            }
            Action::Score(value) => self.score(value),
            Action::ClearScore => self.clear_score(),
            Action::Open(link) => self.open(link),
            Action::Stopwatch => self.stopwatch(),
            Action::Paste(text) => self.paste(&text),
            Action::EditNote | Action::EditTeamNote => {
                self.edit_note(action == Action::EditTeamNote);
                Vec::new()
            }
            Action::Recuse => self.recuse(),
            Action::Undo => self.undo(),
            Action::Type(key) => self.type_key(key),
            Action::Close(keep) => self.close(keep),
            Action::Push => self.push(),
            Action::Unbound(key) => {
                self.status = unbound(&key);
                Vec::new()
            }
            // Said above, with the keys refused before it.
            Action::Refused(_) => Vec::new(),
            // The finals as published now: the screen opens once they are read.
            Action::Finals => vec![Effect::ReadFinals],
            Action::Quit => {
                self.quit = true;
                // A running stopwatch is stopped and saved, not lost.
                if self.stopwatch.is_some() { self.stopwatch() } else { Vec::new() }
            }
            other => {
                self.browse(other);
                Vec::new()
            }
        }
    }

    /// An action on the comparison screen: the keys give only these.
    fn in_finals(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Choose(choice) => return self.choose(choice),
            Action::SkipPair => self.skip_pair(),
            Action::Open(link) => return self.open_side(Side::Left, link),
            Action::OpenRight(link) => return self.open_side(Side::Right, link),
            Action::EditNote => self.edit_pair_note(),
            Action::Type(key) => self.type_pair_note(key),
            Action::Paste(text) => self.paste_pair_note(&text),
            Action::Close(keep) => self.close_finals(keep),
            Action::Help => {
                if let Mode::Finals(c) = &mut self.mode {
                    c.help = !c.help;
                }
            }
            Action::Undo => return self.undo(),
            Action::Unbound(key) => self.status = unbound(&key),
            Action::Refused(_) => {}
            Action::Quit => {
                self.quit = true;
                // A running stopwatch is stopped and saved, not lost.
                if self.stopwatch.is_some() {
                    return self.stopwatch();
                }
            }
            Action::Resize(..) | Action::Tick(..) => self.browse(action),
            _ => {}
        }
        Vec::new()
    }

    /// The actions that only change what is shown.
    fn browse(&mut self, action: Action) {
        match action {
            Action::Move(d) => self.move_by(d),
            Action::Page(d) => self.move_by(self.list.page(d)),
            // The first and last of the list as it is now, with what was scored in its place.
            Action::First | Action::Last => {
                if !self.list.moved_on(&self.entries, &self.scores) {
                    self.focus_first_unscored();
                }
                self.move_by(if action == Action::First { isize::MIN } else { isize::MAX });
            }
            Action::NextUnscored => self.next_unscored(),
            Action::Focus(d) => {
                let last = self.criteria().len().saturating_sub(1);
                let to = self.focus.saturating_add_signed(d).min(last);
                // A key that moves nothing says so, as every other does: Tab on the last
                // criterion had said nothing.
                if to == self.focus
                    && let Some(c) = self.criteria().get(to)
                {
                    let end = if d > 0 { "last" } else { "first" };
                    self.status = format!("{} is the {end} criterion", screen_line(&c.label));
                }
                self.focus = to;
            }
            // A new search each time: the kept one is replaced, not appended to.
            Action::Search => {
                self.list.query.clear();
                self.refresh_view();
                self.mode = Mode::Search(Search::default());
            }
            Action::ClearSearch => {
                self.list.query.clear();
                self.refresh_view();
                self.status = "search cleared".into();
            }
            Action::Help => self.mode = Mode::Help,
            Action::WholeEntry if self.current().is_some() => self.mode = Mode::Entry { scroll: 0 },
            Action::Resize(width, height) => {
                self.screen = (width, height);
                self.list.rows_in_sight = crate::tui::layout::rows_in_sight(self.longest_rubric(), width, height);
                self.list.scroll_to_selection();
            }
            Action::Tick(now, unix) => (self.now, self.now_unix) = (now, unix),
            filter => self.filter(filter),
        }
    }

    /// The actions that change what the list shows, or its order. Each says what it did, in the
    /// header's words: its arm gives its message, so no filter key can act without a word (`U`
    /// had changed the list and said nothing).
    fn filter(&mut self, action: Action) {
        let listed = self.list.rows().len();
        let said: fn(&App, usize) -> String = match action {
            Action::CycleTrack => {
                let ids = self.tracks();
                // A key that changes nothing says so.
                if ids.is_empty() {
                    self.status =
                        format!("no track to filter by: neither {} nor the export names one", self.event_file());
                    return;
                }
                self.list.track = match &self.list.track {
                    None => ids.first().cloned(),
                    Some(t) => ids.iter().skip_while(|i| *i != t).nth(1).cloned(),
                };
                // In the header's words ("showing track backyard"), so the two agree.
                |app, _| match &app.list.track {
                    Some(t) => format!("showing track {}", screen_line(t)),
                    None => "showing every track".to_owned(),
                }
            }
            Action::ToggleUnscored => {
                self.list.unscored_only = !self.list.unscored_only;
                App::unscored_said
            }
            // With nothing to hide the filter stays off: the header would say it hides something.
            Action::ToggleMine => {
                self.list.mine_only = !self.list.mine_only && self.mine_hides_some();
                |app, listed| app.mine_said(listed)
            }
            Action::CycleSort => {
                self.list.sort = self.list.sort.next();
                |app, _| format!("sorted by {}", app.list.sort.label())
            }
            _ => return,
        };
        self.refresh_view();
        self.status = said(self, listed);
    }

    /// What `U` did, from the `listed` entries before it: how many it hides (scored, recused or
    /// withdrawn), or shows again.
    fn unscored_said(&self, listed: usize) -> String {
        let entries = |n: usize| crate::format::count(n, "entry", "entries");
        let now = self.list.rows().len();
        if !self.list.unscored_only {
            return match now.saturating_sub(listed) {
                0 => "nothing was hidden; U shows only entries not fully scored".to_owned(),
                n => format!("{} shown again; U shows only those not fully scored", entries(n)),
            };
        }
        match listed.saturating_sub(now) {
            0 => "only entries not fully scored: none hidden yet; U shows all".to_owned(),
            n => format!("only entries not fully scored: {} hidden; U shows all", entries(n)),
        }
    }

    /// Why a key for an entry found none: no submission pulled, or the filters hide them all
    /// (and the keys that show them again).
    fn none_listed(&self) -> String {
        if self.entries.is_empty() {
            return "no submissions yet: quit and run `judging pull`".to_owned();
        }
        let back = self.ways_back();
        if back.is_empty() {
            "no entry is listed".to_owned()
        } else {
            format!("no entry is listed: {}", back.join("; "))
        }
    }

    /// What `a` did: how many entries it leaves out of the list in sight (`listed` before it),
    /// and why, or why it has nothing to leave out (a key that changes nothing must still say
    /// so). With a track in view, "3 hidden" had counted a conflict in another track too, where
    /// the list went from 42 to 40.
    fn mine_said(&self, listed: usize) -> String {
        let assigned = self.entries.assigned().is_some();
        let left_out = self.entries.iter().filter(|e| e.not_mine).count();
        let here = listed.saturating_sub(self.list.rows().len());
        let hidden =
            if here == left_out { format!("{here} hidden") } else { format!("{here} hidden ({left_out} in all)") };
        // Short enough for an 80-column status line after the progress ("0 of 40 scored"), a
        // test draws it there. With nothing hidden, no conflict of the judge's is listed: what is
        // said is why no entry is assigned.
        let file = || screen_line(&self.config.assign.file);
        match (left_out, self.list.mine_only) {
            (0, _) if assigned => "nothing to hide: every entry is yours to judge".to_owned(),
            (0, _) if self.builtin_event => "nothing to hide: the built-in event, no conflict of yours".to_owned(),
            (0, _) if self.assignments_file => format!("nothing to hide: {} assigns you nothing", file()),
            (0, _) => format!("nothing to hide: {}", crate::assign::no_file(&file())),
            (_, true) if assigned => format!("{hidden}: not assigned to you, or in conflict; a shows all"),
            (_, true) => {
                let tracks = || {
                    let judge = self.config.judge(&self.judge);
                    let kept = judge.map(|j| j.tracks.iter().map(|t| screen_line(t)).collect::<Vec<_>>().join(", "));
                    format!("outside your tracks ({})", kept.unwrap_or_default())
                };
                let why = match self.not_mine_because() {
                    NotMine::Track => tracks(),
                    NotMine::ConflictOrTrack => format!("{}, or in conflict", tracks()),
                    NotMine::Conflict | NotMine::Unassigned => {
                        format!("{} lists a conflict of yours", self.event_file())
                    }
                };
                format!("{hidden}: {why}; a shows all")
            }
            (_, false) => "every entry shown; a hides what is not yours".to_owned(),
        }
    }

    fn move_by(&mut self, delta: isize) {
        if self.list.move_by(delta) {
            self.arrived();
        }
    }

    /// The next listed entry of the judge's own ("M of N scored" counts them) not fully scored:
    /// `n` had stopped on an entry with a conflict of theirs, and a judge working `n` and digits
    /// scored it.
    fn next_unscored(&mut self) {
        let n = self.list.rows().len();
        let open = |p: &usize| {
            let entry = &self.entries[self.list.rows()[*p]];
            self.status_of(entry).open().then_some(!self.entries.uncounted(entry))
        };
        let mine = (1..=n).map(|k| (self.selected() + k) % n).find(|p| open(p) == Some(true));
        if let Some(p) = mine {
            self.list.select_row(p);
            self.arrived();
            return;
        }
        let others = (0..n).filter(|p| open(p) == Some(false)).count();
        self.status = if others == 0 {
            "every listed entry is scored".into()
        } else {
            format!(
                "every listed entry of yours is scored; n passes over {} {}",
                crate::format::count(others, "entry", "entries"),
                self.not_mine_because().passed()
            )
        };
    }

    /// A change for the selected entry, to save; nothing when it changes nothing.
    fn change(&self, change: Change, then: Then) -> Option<Effect> {
        let id = self.current()?.submission.id.clone();
        let before = self.sheet().current(&id, &change);
        (before != change).then_some(Effect::Write(Write { id, change, undo: Some(before), then }))
    }

    /// The selected entry's id, when it can be scored; else says why not.
    fn scorable(&mut self) -> Option<String> {
        let entry = self.current()?;
        let id = entry.submission.id.clone();
        match self.unscorable() {
            None => Some(id),
            Some(why) => {
                self.status = why.said(self.event_file());
                None
            }
        }
    }

    /// A digit key: scores a one-key scale at once; on a longer one, adds the digit to the
    /// number being typed, saved with Enter, or at once when no further digit could fit.
    fn score(&mut self, key: u8) -> Vec<Effect> {
        if self.scorable().is_none() {
            return Vec::new();
        }
        let Some(c) = self.criteria().get(self.focus).cloned() else { return Vec::new() };
        if !c.scale.one_key() {
            let typed = self.typing.push(key);
            let value: u32 = typed.parse().unwrap_or(0);
            // "0", or a number that one more digit would take past the top, is complete.
            if value == 0 || value * 10 > u32::from(c.scale.high) {
                self.typing.digits = None;
                return self.save_score(&c, &typed);
            }
            self.status = format!("{}: {typed}▏ Enter saves", c.label);
            return Vec::new();
        }
        // 0 means 10 on a scale that reaches 10 and does not start at 0.
        let typed = if key == 0 && c.scale.high == 10 && c.scale.low > 0 { 10 } else { key };
        self.save_score(&c, &typed.to_string())
    }

    fn confirm_typed(&mut self) -> Vec<Effect> {
        let Some(typed) = self.typing.take().filter(|t| !t.is_empty()) else {
            self.status = "nothing typed: nothing saved".into();
            return Vec::new();
        };
        if self.scorable().is_none() {
            return Vec::new();
        }
        let Some(c) = self.criteria().get(self.focus).cloned() else { return Vec::new() };
        self.save_score(&c, &typed)
    }

    /// Checks a typed value with the rubric's one check (as `judging score` and `import-scores`
    /// make it) and asks to save it; once saved, the focus moves on.
    fn save_score(&mut self, c: &Criterion, typed: &str) -> Vec<Effect> {
        let track = self.current().and_then(|e| e.submission.track.clone());
        let value = match self.config.check_score_for(track.as_deref(), &c.id, typed) {
            Ok((_, value)) => value,
            // Said by the label on the screen: the id ("cost = \"7\"") is for `judging score`.
            Err(crate::config::ScoreError::Value { given, low, high, .. }) => {
                self.status = format!(
                    "{}: {given} is off the scale, which runs from {low} to {high}; nothing saved",
                    crate::sanitize::screen_line(&c.label)
                );
                return Vec::new();
            }
            Err(e) => {
                self.status = e.to_string();
                return Vec::new();
            }
        };
        let reminder = self.current().and_then(|e| match e.bar? {
            Bar::Conflict => Some(crate::prizes::eligibility::conflict_reminder(crate::tui::view::RECUSE)),
            Bar::Track => Some(crate::assign::outside_tracks(self.config.judge(&self.judge)?, &self.config.tracks)),
        });
        // A score that replaces another says so ("Cost 5 → 2"): a digit typed once more on the
        // last criterion had replaced its score with only "saved" said.
        let before = self.current().and_then(|e| self.sheet().score(&e.submission.id, &c.id));
        let replaced =
            before.filter(|b| *b != value).map(|b| format!("{} {b} → {value}", crate::sanitize::screen_line(&c.label)));
        let reminder = match (replaced, reminder) {
            (Some(replaced), Some(reminder)) => Some(format!("{replaced} · {reminder}")),
            (replaced, reminder) => replaced.or(reminder),
        };
        let change = Change::Score { criterion: c.id.clone(), value: Some(value) };
        if let Some(write) = self.change(change, Then::Scored { reminder }) {
            return vec![write];
        }
        // The same score again: nothing to save, and the judge moves on all the same.
        self.next_criterion();
        Vec::new()
    }

    /// Moves on to the next criterion, as a judge scores them in order.
    pub(super) fn next_criterion(&mut self) {
        self.focus = (self.focus + 1).min(self.criteria().len().saturating_sub(1));
    }

    fn clear_score(&mut self) -> Vec<Effect> {
        // A withdrawn entry keeps what the judge gave it, as its message promises.
        if let Some(why @ super::Unscorable::Status(crate::model::Status::Withdrawn)) = self.unscorable() {
            self.status = why.said(self.event_file());
            return Vec::new();
        }
        let Some(c) = self.criteria().get(self.focus) else { return Vec::new() };
        let label = screen_line(&c.label);
        let change = Change::Score { criterion: c.id.clone(), value: None };
        let effects: Vec<Effect> = self.change(change, Then::Say("score cleared")).into_iter().collect();
        // Nothing to clear is said, not left as a key that did nothing.
        if effects.is_empty() && self.current().is_some() {
            self.status = format!("{label} has no score to clear");
        }
        effects
    }

    /// Sends the score file, off the loop's thread; the loop hears how it went.
    fn push(&mut self) -> Vec<Effect> {
        if self.config.sync.repo().is_some() {
            self.status = "pushing your score file…".into();
            vec![Effect::Push]
        } else {
            self.status =
                format!("{} has no [sync] repo: export (judging export) and send the file by hand", self.event_file());
            Vec::new()
        }
    }

    /// Only http(s) links leave the screen; the browser is the loop's to start.
    fn open(&mut self, link: Link) -> Vec<Effect> {
        let Some(id) = self.current().map(|e| e.submission.id.clone()) else { return Vec::new() };
        self.open_entry(&id, link)
    }

    /// A link of this entry.
    pub(super) fn open_entry(&mut self, id: &str, link: Link) -> Vec<Effect> {
        let Some(entry) = self.entries.get(id) else {
            self.status = "this entry is not in your store: pull first".into();
            return Vec::new();
        };
        let s = &entry.submission;
        let (url, what) = match link {
            Link::Space => (Some(s.space_url.clone()), "Space"),
            Link::Video => (s.video_url.clone(), "video"),
            Link::Post => (s.post_url.clone(), "social post"),
        };
        let Some(url) = url else {
            self.status = format!("this entry has no {what}");
            return Vec::new();
        };
        match crate::links::web_link(&url) {
            Ok(_) => {
                self.status = format!("opened the {what}");
                vec![Effect::Open(url)]
            }
            Err(e) => {
                self.status = format!("could not open the {what}: {e}");
                Vec::new()
            }
        }
    }

    /// `t` times the entry in front of the judge: it starts the stopwatch on it, or stops the
    /// one running on it. A stopwatch running on another entry is stopped and its reading saved
    /// there first, and this entry's starts.
    fn stopwatch(&mut self) -> Vec<Effect> {
        let here = self.current().map(|e| e.submission.id.clone());
        let elsewhere = self.stopwatch.as_ref().is_some_and(|(running, _)| Some(running) != here.as_ref());
        let Some((id, since)) = self.stopwatch.take() else {
            if let Some(id) = self.scorable() {
                self.stopwatch = Some((id, self.now));
                // The footer shows the running watch and that `t` stops it: the message only says it began.
                self.status = "stopwatch started".into();
            }
            return Vec::new();
        };
        if elsewhere
            && !self.quit
            && let Some(next) = self.scorable()
        {
            self.stopwatch = Some((next, self.now));
        }
        let seconds = (self.now.saturating_duration_since(since).as_secs_f64() * 10.0).round() / 10.0;
        // Every reading is kept; the median is what counts.
        let mut readings = self.sheet().readings.get(&id).cloned().unwrap_or_default();
        readings.push(seconds);
        let change = Change::Readings(readings);
        let undo = Some(self.sheet().current(&id, &change));
        vec![Effect::Write(Write { id, change, undo, then: Then::Reading(seconds) })]
    }

    fn edit_note(&mut self, team: bool) {
        let Some(id) = self.scorable() else { return };
        // "always": every note is for the team; "never": none is. The rule `judging score` and
        // `import-scores` follow too; only the way out is the app's own (a key).
        let Ok(team) = self.config.feedback.notes.for_team(team) else {
            self.status =
                "judging.toml says no note reaches the teams ([feedback] notes = \"never\"): e writes the jury's"
                    .into();
            return;
        };
        let before = self.note_of(&id, team).cloned();
        self.mode = Mode::Note(NoteEditor::new(id, before, team));
    }

    fn recuse(&mut self) -> Vec<Effect> {
        let Some(entry) = self.current() else { return Vec::new() };
        let id = entry.submission.id.clone();
        if self.sheet().recused(&id) {
            return self
                .change(
                    Change::Text(TextPart::Recusal, None),
                    Then::Recusal("recusal withdrawn: your scores of it count again; u recuses you again"),
                )
                .into_iter()
                .collect();
        }
        if entry.withdrawn {
            self.status = super::Unscorable::Status(crate::model::Status::Withdrawn).said(self.event_file());
        } else {
            self.mode = Mode::Recuse(Recusal::new(id));
        }
        Vec::new()
    }

    fn undo(&mut self) -> Vec<Effect> {
        let Some((id, change)) = self.undo.pop() else {
            self.status = "nothing to undo".into();
            return Vec::new();
        };
        vec![Effect::Write(Write { id, change, undo: None, then: Then::Undone })]
    }

    /// Remembers how to take a saved change back.
    pub(super) fn remember(&mut self, id: String, undo: Change) {
        self.undo.push((id, undo));
    }

    fn type_key(&mut self, key: ratatui::crossterm::event::KeyEvent) -> Vec<Effect> {
        match &mut self.mode {
            Mode::Search(search) => {
                self.list.query = search.key(key);
                self.refresh_view();
            }
            // Every keystroke is saved, so a crash mid-sentence loses nothing.
            Mode::Note(note) => {
                if let Some(change) = note.key(key) {
                    return vec![typed_note(note, change)];
                }
            }
            Mode::Recuse(recusal) => recusal.key(key),
            Mode::Browse | Mode::Help | Mode::Entry { .. } | Mode::Finals(_) => {}
        }
        Vec::new()
    }

    /// Pasted text goes into the open text box as text, never as keys: in the list it does
    /// nothing, so a paste cannot score or quit.
    fn paste(&mut self, text: &str) -> Vec<Effect> {
        match &mut self.mode {
            Mode::Search(search) => {
                self.list.query = search.paste(text);
                self.refresh_view();
            }
            Mode::Recuse(recusal) => recusal.paste(text),
            Mode::Note(note) => {
                let change = note.paste(text);
                return vec![typed_note(note, change)];
            }
            Mode::Browse | Mode::Help | Mode::Entry { .. } | Mode::Finals(_) => {
                self.status = "a paste types only into a note or a search: press e for the note, / to search".into();
            }
        }
        Vec::new()
    }

    fn close(&mut self, keep: bool) -> Vec<Effect> {
        match std::mem::replace(&mut self.mode, Mode::Browse) {
            // The keys shown over the whole entry close back to it, where it was scrolled.
            Mode::Help if self.entry_under_help.is_some() => {
                let scroll = self.entry_under_help.take().unwrap_or_default();
                self.mode = Mode::Entry { scroll: scroll.min(self.whole_entry_scrolls()) };
            }
            Mode::Search(_) if !keep => {
                self.list.query.clear();
                self.refresh_view();
            }
            // The whole edit is one change to undo.
            Mode::Note(NoteEditor { id, before, team, .. }) if self.note_of(&id, team) != before.as_ref() => {
                self.remember(id, note_change(team, before));
                self.status = if team { "note for the team saved" } else { "note for the jury saved" }.into();
            }
            Mode::Recuse(recusal) if keep => {
                let reason = recusal.reason();
                // The dialog stays open for the reason, rather than close on the judge.
                if reason.is_empty() {
                    self.status = "a recusal needs a reason: type it, then Enter (Esc cancels)".into();
                    self.mode = Mode::Recuse(recusal);
                    return Vec::new();
                }
                self.select(&recusal.id);
                // A stopwatch timing the entry stops, its reading saved (set aside with the
                // scores): left running, `t` later saved it on an entry the judge had left.
                let timing = self.stopwatch.as_ref().is_some_and(|(id, _)| *id == recusal.id);
                let mut effects = if timing { self.stopwatch() } else { Vec::new() };
                let said = if timing { "recused; the stopwatch on it stopped, its reading kept" } else { "recused" };
                effects.extend(self.change(Change::Text(TextPart::Recusal, Some(reason)), Then::Recusal(said)));
                return effects;
            }
            _ => {}
        }
        Vec::new()
    }
}

/// A keystroke in a note, to save quietly: the undo is remembered when the note closes.
fn typed_note(note: &NoteEditor, change: Change) -> Effect {
    Effect::Write(Write { id: note.id.clone(), change, undo: None, then: Then::Typed })
}
