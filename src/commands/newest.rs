//! The head judge's store and each judge's newest file ([`crate::newest`]), for every command
//! that reads the judges' files: `merge`, `results` and `feedback` (through
//! `merge::read_with_the_store`), `collect` and `--from-hub`, and `status`. A read is checked
//! with one query, and taken in with one transaction, only once every file of it is accepted.

use anyhow::Result;

use super::Session;
use crate::newest::{FileRead, Verdict};

/// A read checked against the newest files the store has taken in: which judges step back
/// (the caller says them, with what it does without them), and what to take in once the read is
/// accepted whole ([`take_in`]).
pub(super) fn check(session: &Session, read: &[FileRead]) -> Result<Verdict> {
    let taken = session.store.newest_files()?;
    let config = &session.loaded.config;
    let verdict = crate::newest::judge(read, &taken, &session.accept_older, jiff::Timestamp::now(), |judge| {
        crate::scorefile::key_fingerprint(config, judge)
    });
    warn_unmatched(&verdict);
    warn_set_aside(&verdict);
    Ok(verdict)
}

/// Each judge's newest file taken in that was checked with a key judging.toml no longer lists
/// for them, set aside. Said once a process, as [`warn_unmatched`]: `collect` and then
/// `merge --from-hub` check the same files.
fn warn_set_aside(verdict: &Verdict) {
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if verdict.set_aside.is_empty() || SAID.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    for aside in &verdict.set_aside {
        super::stderr::warn(&aside.said());
    }
}

/// Each name given to `--accept-older` that no file read is of: a misspelt name would otherwise
/// let nothing through without a word. Said once a process: `merge --from-hub` and `status`
/// check again what `collect` checked, and the names are the command line's, not the read's.
fn warn_unmatched(verdict: &Verdict) {
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if verdict.unmatched.is_empty() || SAID.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    for name in &verdict.unmatched {
        super::stderr::warn(&format!(
            "{} {}: no file of this judge was read, so nothing of theirs to accept",
            crate::newest::ACCEPT_OLDER,
            crate::sanitize::in_quotes(name)
        ));
    }
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
