//! What the judge's app asks of the world, and what the world answers.
//!
//! `update` never writes, opens or pushes: it returns [`Effect`]s, the loop runs them, and each
//! answer comes back as an [`Outcome`] (a write at once, a failed link or a push through the
//! loop's channel). What another process wrote to the store arrives the same way, as
//! [`Outside`].

use std::collections::HashMap;

use crate::model::{Change, HubFacts, ScoreSheet, StoredSubmission};

/// Something the loop must do for the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save this change to the store; the screen shows it once the answer says it is saved.
    Write(Write),
    /// Open this http(s) link in the browser.
    Open(String),
    /// Send the judge's score file to the judges' dataset repo.
    Push,
    /// Read the whole score sheet again: something was deleted beside the app.
    ReadSheet,
    /// Read the published finals again (finals.toml beside judging.toml): the head judge may
    /// have published them, or again, since the app started.
    ReadFinals,
}

/// One change to save, what restores it, and what the judge is told once it is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub id: String,
    pub change: Change,
    /// The change that takes it back, remembered for `u` once saved: none for a keystroke in a
    /// note (the whole edit is one undo, remembered when the note closes) and for an undo.
    pub undo: Option<Change>,
    pub then: Then,
}

/// What follows a saved change.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    /// A score: say it was saved (with the reminder, on an entry judging.toml lists as a conflict
    /// of this judge's or outside the tracks it keeps them to), and move the focus on to the next
    /// criterion.
    Scored { reminder: Option<String> },
    /// Say this.
    Say(&'static str),
    /// A recusal given or withdrawn: say this, and keep the cursor on the entry, which a filter
    /// may move.
    Recusal(&'static str),
    /// A stopwatch reading of this many seconds.
    Reading(f64),
    /// A keystroke in a note: saved quietly.
    Typed,
    /// An undo: go back to the entry it changed.
    Undone,
    /// An answer in the finals: say it, and put the next pair in front of the judge.
    Compared,
}

/// What the loop tells the app: the answer to an effect, or news from beside it.
#[derive(Debug, Clone)]
pub enum Outcome {
    Saved(Write),
    /// The store refused the write, for this reason: nothing is shown as saved.
    NotSaved(Write, String),
    /// The push is done: what it said, and when this judge has now last pushed.
    Pushed {
        said: String,
        at: Option<String>,
    },
    PushFailed(String),
    /// The browser could not be started for this link.
    LinkFailed {
        url: String,
        reason: String,
    },
    Outside(Outside),
    /// The published finals as read now (`Effect::ReadFinals`), or why they cannot be used;
    /// `None` when the loop has no way to read them (tests): the app keeps what it has.
    Finals(Option<Result<Vec<crate::finals::Round>, String>>),
}

/// What another process (`judging score`, `import-scores`, `pull`, `enrich`) wrote to the store.
#[derive(Debug, Clone)]
pub enum Outside {
    /// The Hub's facts after an enrich.
    Hub(HashMap<String, (HubFacts, String)>),
    /// A pull: the submissions and the whole sheet again.
    Pulled { submissions: Vec<StoredSubmission>, sheet: ScoreSheet },
    /// The sheets of these entries as the store holds them now, and how many rows the store's
    /// whole sheet has (when it could say), to notice a deletion.
    Changed { ids: Vec<String>, part: ScoreSheet, stored: Option<usize> },
    /// The whole sheet, read again.
    Sheet(ScoreSheet),
}
