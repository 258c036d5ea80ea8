//! Runs what the judge's app asks for: writes to the store (at once, on the loop's thread),
//! links and pushes (started here, answered later through the loop's channel), and brings in
//! what other processes wrote to the store before each action.

use crate::store::{Marks, Store};

use super::app::{Action, App, Effect, Outcome, Outside};

/// Starts opening a link; a failure comes back through the loop's channel.
pub type Opener = Box<dyn Fn(&str)>;
/// Starts a push; how it went comes back through the loop's channel.
pub type Pusher = Box<dyn Fn()>;
/// Reads the published finals (finals.toml beside judging.toml): `None` when there are none.
pub type FinalsReader = Box<dyn Fn() -> Result<Vec<crate::finals::Round>, String>>;

/// The effect runner: the app's hands on the store, the browser and the network.
pub struct Runner {
    watch: Watch,
    opener: Opener,
    pusher: Pusher,
    finals: Option<FinalsReader>,
}

impl Runner {
    /// A runner on this store that opens and pushes nothing (tests and benchmarks give their
    /// own with [`Runner::opening`] and [`Runner::pushing`]).
    pub fn new(store: &Store) -> Runner {
        Runner { watch: Watch::new(store), opener: Box::new(|_| {}), pusher: Box::new(|| {}), finals: None }
    }

    #[must_use]
    pub fn opening(mut self, opener: Opener) -> Runner {
        self.opener = opener;
        self
    }

    #[must_use]
    pub fn reading_finals(mut self, finals: FinalsReader) -> Runner {
        self.finals = Some(finals);
        self
    }

    #[must_use]
    pub fn pushing(mut self, pusher: Pusher) -> Runner {
        self.pusher = pusher;
        self
    }

    /// Applies one action: what another process wrote is read first, then the action, then
    /// everything it asks for, until nothing more is asked.
    pub fn step(&mut self, store: &Store, app: &mut App, action: Action) {
        for news in self.watch.look(store) {
            let effects = app.heard(Outcome::Outside(news));
            self.run(store, app, effects);
        }
        let effects = app.update(action);
        self.run(store, app, effects);
    }

    /// Hands the app an answer that came through the loop's channel.
    pub fn hear(&mut self, store: &Store, app: &mut App, outcome: Outcome) {
        let effects = app.heard(outcome);
        self.run(store, app, effects);
    }

    fn run(&mut self, store: &Store, app: &mut App, effects: Vec<Effect>) {
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            let answer = match effect {
                // Saved first; the screen shows a change only once it is in the store.
                Effect::Write(write) => match store.apply(&write.id, &write.change) {
                    Ok(()) => Outcome::Saved(write),
                    Err(e) => Outcome::NotSaved(write, e.to_string()),
                },
                Effect::ReadSheet => match store.score_sheet() {
                    Ok(sheet) => Outcome::Outside(Outside::Sheet(sheet)),
                    Err(_) => continue,
                },
                Effect::Open(url) => {
                    (self.opener)(&url);
                    continue;
                }
                Effect::Push => {
                    (self.pusher)();
                    continue;
                }
                Effect::ReadFinals => Outcome::Finals(self.finals.as_ref().map(|read| read())),
            };
            queue.extend(app.heard(answer));
        }
    }
}

/// What the app last saw of the store, to read again only what changed beside it.
struct Watch {
    /// The store's `data_version` when the app last read it.
    seen: Option<i64>,
    /// What the store's last pull and enrich were.
    marks: Option<Marks>,
    /// The store's time at the last look: scores written since are read again.
    synced_at: String,
}

impl Watch {
    /// The store as it is now: what the app was built from.
    fn new(store: &Store) -> Watch {
        let mut watch = Watch { seen: None, marks: None, synced_at: String::new() };
        let _ = watch.look(store);
        watch
    }

    /// What changed since the last look: the scores, notes, readings and recusals written since,
    /// the Hub's facts after an enrich, the submissions after a pull.
    fn look(&mut self, store: &Store) -> Vec<Outside> {
        let Ok(version) = store.data_version() else { return Vec::new() };
        if self.seen == Some(version) {
            return Vec::new();
        }
        let first = self.seen.is_none();
        self.seen = Some(version);
        let (Ok(marks), Ok((changed, now))) = (store.marks(), store.changed_since(&self.synced_at)) else {
            return Vec::new();
        };
        let seen = self.marks.replace(marks.clone());
        self.synced_at = now;
        if first {
            return Vec::new();
        }
        let mut news = Vec::new();
        if seen.as_ref().is_none_or(|s| s.hub != marks.hub)
            && let Ok(hub) = store.hub_facts_by_entry()
        {
            news.push(Outside::Hub(hub));
        }
        if seen.as_ref().is_none_or(|s| s.pulls != marks.pulls) {
            if let (Ok(sheet), Ok(submissions)) = (store.score_sheet(), store.submissions()) {
                news.push(Outside::Pulled { submissions, sheet });
            }
            return news;
        }
        if let Ok(part) = store.sheet_of(&changed) {
            news.push(Outside::Changed { ids: changed, part, stored: store.sheet_size().ok() });
        }
        news
    }
}
