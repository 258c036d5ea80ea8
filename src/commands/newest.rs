//! The head judge's store and each judge's newest file ([`crate::newest`]), for every command
//! that reads the judges' files: `merge`, `results` and `feedback` (through
//! `merge::read_with_the_store`), `collect` and `--from-hub`, and `status`. A read is checked
//! with one query, and taken in with one transaction, only once every file of it is accepted.

use std::cell::Cell;

use anyhow::Result;

use super::Session;
use crate::newest::{FileRead, Verdict};

/// What a run has warned of the store's memory, said once a run: `collect` and then
/// `merge --from-hub` (or `status`) check the same files. Carried by the run's [`Session`], not
/// kept for the process: a flag of the process had said it for the first merge only, and a
/// second in the same process (a test's, a screen's refresh) was silent about it.
#[derive(Debug, Default)]
pub(crate) struct Said {
    set_aside: Cell<bool>,
    unmatched: Cell<bool>,
}

impl Said {
    /// What of `verdict` this run has not said yet, as warnings: each judge's newest file taken
    /// in that was checked with a key judging.toml no longer lists for them, set aside; each name
    /// given to `--accept-older` that no file read is of (a misspelt name would otherwise let
    /// nothing through without a word; the names are the command line's, not the read's).
    fn not_yet(&self, verdict: &Verdict) -> Vec<String> {
        let mut said = Vec::new();
        if !verdict.unmatched.is_empty() && !self.unmatched.replace(true) {
            said.extend(verdict.unmatched.iter().map(|name| {
                format!(
                    "{} {}: no file of this judge was read, so nothing of theirs to accept",
                    crate::newest::ACCEPT_OLDER,
                    crate::sanitize::in_quotes(name)
                )
            }));
        }
        if !verdict.set_aside.is_empty() && !self.set_aside.replace(true) {
            said.extend(verdict.set_aside.iter().map(crate::newest::SetAside::said));
        }
        said
    }
}

/// A read checked against the newest files the store has taken in: which judges step back
/// (the caller says them, with what it does without them), and what to take in once the read is
/// accepted whole ([`take_in`]). What the run has not said yet of the store's memory is warned.
pub(super) fn check(session: &Session, read: &[FileRead]) -> Result<Verdict> {
    let taken = session.store.newest_files()?;
    let config = &session.loaded.config;
    let verdict = crate::newest::judge(read, &taken, &session.accept_older, jiff::Timestamp::now(), |judge| {
        crate::scorefile::key_fingerprint(config, judge)
    });
    for line in session.newest_said.not_yet(&verdict) {
        super::stderr::warn(&line);
    }
    Ok(verdict)
}

/// Each step back refused, said as an error with what to do (as the event's files travel:
/// through its `[sync]` repo, or by hand).
pub(super) fn say_refused(session: &Session, verdict: &Verdict) {
    let shared = session.loaded.config.sync.repo().is_some();
    for step in &verdict.refused {
        super::stderr::say("error", &step.refused(shared));
    }
}

/// How many files a read's step backs refuse: every file of each such judge in it.
pub(super) fn files_refused(verdict: &Verdict) -> usize {
    verdict.refused.iter().map(|s| s.files.len()).sum()
}

/// Takes in what a read accepted whole, and says each older file let through by name. A store
/// that cannot be written (another user's, a full disk) is warned of, and the command goes on:
/// what it read was checked, but the next read is checked against what the store held before.
pub(super) fn take_in(session: &Session, verdict: &Verdict) {
    for step in &verdict.accepted {
        super::stderr::say("note", &step.accepted());
    }
    if let Err(e) = session.store.take_in(&verdict.to_take_in) {
        super::stderr::warn(&format!(
            "each judge's newest file could not be remembered ({e}): the next read is checked against the files taken in before"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A verdict with a file set aside and a name no file is of.
    fn verdict() -> Verdict {
        let file = FileRead {
            judge: "mira".into(),
            written_at: "2026-06-21T10:00:00.000Z".into(),
            written: "2026-06-21T10:00:00.000Z".parse().expect("a time"),
            digest: "d".into(),
            file: "mira.json".into(),
            key: Some("ed25519:old".into()),
        };
        let taken = crate::newest::Taken { file, taken_at: "2026-06-21T12:00:00.000Z".into() };
        Verdict {
            set_aside: vec![crate::newest::SetAside { taken, now: Some("ed25519:new".into()) }],
            unmatched: vec!["zed".into()],
            ..Verdict::default()
        }
    }

    /// Each run says what was set aside once, however often it checks (`collect`, then the
    /// merge): and a second run in the same process says it again, where a flag of the process
    /// had kept it silent.
    #[test]
    fn each_run_says_what_was_set_aside_once() {
        let verdict = verdict();
        let first = Said::default();
        let said = first.not_yet(&verdict);
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said.iter().any(|l| l.contains("set aside")), "{said:?}");
        assert!(said.iter().any(|l| l.contains("--accept-older \"zed\"")), "{said:?}");
        assert_eq!(first.not_yet(&verdict), Vec::<String>::new(), "said once a run");
        let second = Said::default();
        assert_eq!(second.not_yet(&verdict), said, "the second run says it too");
        assert!(Said::default().not_yet(&Verdict::default()).is_empty(), "nothing to say");
    }
}
