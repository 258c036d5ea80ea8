//! What the judge's app does with the loop's answers: a change saved or not, a push, a link
//! that failed, and what was written beside the app.

use super::App;
use super::effects::{Effect, Outcome, Outside, Then, Write};

impl App {
    /// Takes in one answer from the loop; what must follow is returned, as from `update`.
    pub fn heard(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Saved(write) => self.saved(write),
            Outcome::NotSaved(write, reason) => {
                self.status = format!("NOT SAVED: {reason}");
                // An undo that did not happen is still there to undo.
                if write.then == Then::Undone {
                    self.remember(write.id, write.change);
                }
            }
            Outcome::Pushed { said, at } => {
                self.status = said;
                self.last_pushed = at;
            }
            Outcome::PushFailed(why) => self.status = why,
            Outcome::LinkFailed { url, reason } => self.status = self.link_failed(&url, &reason),
            Outcome::Outside(news) => return self.outside(news),
            Outcome::Finals(read) => {
                match read {
                    Some(Ok(rounds)) => (self.finals, self.finals_problem) = (rounds, None),
                    Some(Err(problem)) => self.finals_problem = Some(problem),
                    None => {}
                }
                self.open_finals();
            }
        }
        Vec::new()
    }

    /// What a link that did not open says: why, what to do, and the link last, short, to copy
    /// into a browser ("could not open https://…" had put a long link first, and the advice was
    /// cut off the footer at 80 columns). A link too long for the footer's rows with the rest,
    /// where `i` shows the entry's links whole, is left to `i`.
    fn link_failed(&self, url: &str, reason: &str) -> String {
        let head = format!("could not open the link: {reason}");
        let said = format!("{head} · the link to copy: {}", crate::tui::layout::short_link(url));
        let rows = usize::from(crate::tui::layout::FOOTER_MOST - 1);
        if matches!(self.mode, super::Mode::Browse | super::Mode::Entry { .. })
            && crate::tui::fit::wrap(&said, usize::from(self.screen.0)).len() > rows
        {
            format!("{head} · {} shows the link whole, to copy", crate::tui::keys::WHOLE_ENTRY)
        } else {
            said
        }
    }

    /// The store has the change: show it, remember how to undo it, say so.
    fn saved(&mut self, write: Write) {
        let Write { id, change, undo, then } = write;
        self.apply(&id, &change);
        if let Some(undo) = undo {
            self.remember(id.clone(), undo);
        }
        match then {
            Then::Scored { reminder } => {
                self.status = match reminder {
                    Some(reminder) => format!("saved · {reminder}"),
                    None => "saved".to_owned(),
                };
                self.next_criterion();
            }
            Then::Say(said) => said.clone_into(&mut self.status),
            Then::Recusal(said) => {
                said.clone_into(&mut self.status);
                self.refresh_after_change();
            }
            Then::Reading(seconds) => {
                let sheet = self.sheet();
                let n = sheet.readings.get(&id).map_or(0, Vec::len);
                let median = sheet.median_seconds(&id).unwrap_or(seconds);
                let title = self.entries.named(&id);
                let of = crate::format::count(n, "reading", "readings");
                self.status = format!("stopwatch: {seconds:.1} s saved on {title} · median {median:.1} s of {of}");
                if self.stopwatch.as_ref().is_some_and(|(running, _)| *running != id) {
                    self.status.push_str(" · now timing this entry");
                }
                // Saved as read (every reading is kept), but said: a judge back from a break
                // should not find an hour's reading among a demo's, unnoticed.
                if seconds > super::LONGEST_TRY.as_secs_f64() {
                    self.status.push_str(&format!(
                        " · over {} minutes: if the stopwatch was left running, u takes this reading back",
                        super::LONGEST_TRY.as_secs() / 60
                    ));
                }
            }
            Then::Typed => {}
            Then::Compared => self.compared(&id, &change),
            Then::Undone
                if matches!(self.mode, super::Mode::Finals(_))
                    && matches!(change, crate::model::Change::Comparison { .. }) =>
            {
                self.uncompared(&id, &change);
            }
            Then::Undone => {
                // The entry it was on, listed again if the undo brings it back under a filter
                // ("unscored only"), and selected: the judge sees what came back, and where.
                let _ = self.list.moved_on(&self.entries, &self.scores);
                self.select(&id);
                let listed = self.list.position_of(&self.entries, &id).is_some();
                let what = undone_what(&change, &self.config.criteria);
                // Back on the criterion whose score came back, not the first without one.
                // Only on that entry: listed no more, the entry selected is another, with its own rubric.
                if let crate::model::Change::Score { criterion, .. } = &change
                    && listed
                    && let Some(k) = self.criteria().iter().position(|c| &c.id == criterion)
                {
                    self.focus = k;
                }
                self.status = format!("undone: {what}", what = what.replace(ON_ENTRY, &self.entries.named(&id)));
                if !listed {
                    self.status.push_str(" (not in the list as it is filtered)");
                }
            }
        }
    }

    /// What another process wrote: the screen, the undo history and every write that follows
    /// start from what the store holds, so nothing written beside the app is lost.
    fn outside(&mut self, news: Outside) -> Vec<Effect> {
        match news {
            Outside::Hub(hub) => self.hub = hub,
            Outside::Pulled { submissions, sheet } => self.show(submissions, sheet),
            Outside::Changed { ids, part, stored } => {
                if !self.scores.replace(&self.entries, &ids, part, stored) {
                    return vec![Effect::ReadSheet];
                }
                self.refresh_view();
            }
            Outside::Sheet(sheet) => {
                self.scores.reload(&self.entries, sheet);
                self.refresh_view();
            }
        }
        self.note_changed_beside();
        Vec::new()
    }

    /// The note being edited was written beside the app (`judging score --note`): the editor's
    /// next key would replace it unseen. Said, and undo after the edit brings that note back,
    /// not the one the editor opened on.
    fn note_changed_beside(&mut self) {
        let super::Mode::Note(editor) = &self.mode else { return };
        let stored = self.note_of(&editor.id, editor.team).cloned();
        if stored == editor.text() {
            return;
        }
        if let super::Mode::Note(editor) = &mut self.mode {
            editor.before = stored;
        }
        "this note was changed beside the app: your next key saves the text here over it; Esc, then u, brings the other back"
            .clone_into(&mut self.status);
    }
}

/// Where [`undone_what`]'s words name the entry.
const ON_ENTRY: &str = "{entry}";

/// What an undo took back, as the footer names it, the entry where [`ON_ENTRY`] stands: a score
/// by its criterion's label (its id where the event no longer has it); a text by what it is now,
/// from `change`, the state the undo restored. "undone: the recusal" had been said both of a
/// recusal taken back and of a withdrawal taken back (recused again), and "the last edit of the
/// note" of a whole note gone.
fn undone_what(change: &crate::model::Change, criteria: &[crate::model::Criterion]) -> String {
    use crate::model::{Change, TextPart};
    let note = |whose: &str, before: &Option<String>| match before {
        None => format!("the note for {whose} on {ON_ENTRY}: empty again, as before you wrote it"),
        Some(_) => format!("the last edit of the note for {whose} on {ON_ENTRY}: it reads as before"),
    };
    match change {
        Change::Score { criterion, .. } => format!(
            "{} on {ON_ENTRY}",
            crate::sanitize::screen_line(criteria.iter().find(|c| &c.id == criterion).map_or(criterion, |c| &c.label))
        ),
        Change::Readings(_) => format!("the last stopwatch reading on {ON_ENTRY}"),
        Change::Text(TextPart::Note, before) => note("the jury", before),
        Change::Text(TextPart::TeamNote, before) => note("the team", before),
        Change::Text(TextPart::Recusal, None) => {
            format!("recusal on {ON_ENTRY} withdrawn: your scores of it count")
        }
        Change::Text(TextPart::Recusal, Some(_)) => {
            format!("recused again from {ON_ENTRY}: your scores of it do not count")
        }
        Change::Comparison { .. } => format!("the answer on the pair on {ON_ENTRY}"),
    }
}
