//! The store on a real `SQLite` file: migrations, WAL, and pulls that never lose a score.

use judging::config::Config;
use judging::export;
use judging::model::Change;
use judging::model::Submission;
use judging::store::{Incoming, PullCounts, PullLog, Store, StoreError, Withdrawals};
use rusqlite::Connection;

const EVENT: &str = "build-small-2026";

/// The store file's journal mode, as another connection finds it.
fn journal_mode(path: &std::path::Path) -> String {
    let conn = Connection::open(path).expect("open raw");
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("pragma")
}

fn parsed(name: &str) -> export::Parsed {
    let text = judging::config::builtin_export(name).expect("built-in export");
    export::parse(text, name, &Config::builtin()).expect("sample parses")
}

fn pull(store: &mut Store, p: &export::Parsed) -> Result<PullCounts, StoreError> {
    store.apply_pull(
        &Incoming {
            submissions: &p.submissions,
            ids_seen: &p.ids_seen,
            log: PullLog { source: "test", digest: "d", rejected: p.rejected(), cache: None },
        },
        Withdrawals::Guarded,
    )
}

fn score(id: &str, criterion: &str, value: u8) -> (String, Change) {
    (id.into(), Change::Score { criterion: criterion.into(), value: Some(value) })
}

fn note(id: &str, text: &str) -> (String, Change) {
    (id.into(), Change::Text(judging::model::TextPart::Note, Some(text.into())))
}

fn counts(added: usize, updated: usize, unchanged: usize, withdrawn: usize, returned: usize) -> PullCounts {
    PullCounts { added, updated, unchanged, withdrawn, returned }
}

/// Every column of every submission, to see that nothing changed.
fn snapshot(path: &std::path::Path) -> Vec<Vec<String>> {
    let conn = Connection::open(path).expect("open");
    let mut stmt = conn.prepare("SELECT * FROM submissions ORDER BY id").expect("prepare");
    let width = stmt.column_count();
    stmt.query_map([], |r| {
        (0..width).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect()
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

#[test]
fn opening_twice_migrates_once_and_keeps_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested/store.sqlite");
    {
        let mut store = Store::open(&path, EVENT).expect("first open creates");
        pull(&mut store, &parsed("builtin:sample")).expect("pull");
        store.apply_all(&[score("sprout-sense", "utility", 4), note("sprout-sense", "lovely")]).expect("score");
    }
    let store = Store::open(&path, EVENT).expect("second open");
    let version = store.schema_version().expect("version");
    assert!(version >= 1);
    let again = Store::open(&path, EVENT).expect("third open");
    assert_eq!(again.schema_version().expect("version"), version, "migrating twice changes nothing");
    assert_eq!(again.submissions().expect("rows").len(), 40);
    let sheet = again.score_sheet().expect("sheet");
    assert_eq!(sheet.score("sprout-sense", "utility"), Some(4));
    assert_eq!(sheet.text(judging::model::TextPart::Note, "sprout-sense"), Some("lovely"));
}

/// A store written by the build before migration 3 (schema 2: one scored, noted entry) opens in
/// this one: migrated, every score and note kept, and the new columns filled by the next pull.
#[test]
fn yesterdays_store_opens_in_todays_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/store-schema2.sqlite"), &path).expect("copy");
    let version = |p: &std::path::Path| -> i64 {
        Connection::open(p).expect("raw").query_row("PRAGMA user_version", [], |r| r.get(0)).expect("v")
    };
    assert_eq!(version(&path), 2, "the fixture is from the earlier build");
    // A stopwatch reading as the earlier build kept it: one per entry, in `timings`.
    Connection::open(&path)
        .expect("raw")
        .execute("INSERT INTO timings VALUES ('sprout-sense', 12.5, '2026-06-20T10:00:00.000Z')", [])
        .expect("a reading");
    let mut store = Store::open(&path, EVENT).expect("opens and migrates");
    assert!(store.schema_version().expect("version") >= 3);
    let sheet = store.score_sheet().expect("sheet");
    assert_eq!(["utility", "latency", "cost"].map(|c| sheet.score("sprout-sense", c)), [Some(4), Some(3), Some(5)]);
    assert_eq!(sheet.readings.get("sprout-sense"), Some(&vec![12.5]), "the reading moved to every-reading storage");
    assert_eq!(sheet.text(judging::model::TextPart::Note, "sprout-sense"), Some("lovely"));
    assert_eq!(sheet.readings.get("sprout-sense"), Some(&vec![12.5]), "the reading moved to every-reading storage");
    let before = store.submission("sprout-sense").expect("row").expect("there");
    assert_eq!((before.submission.sdk, before.submission.likes), (None, None));
    pull(&mut store, &parsed("builtin:sample")).expect("pull");
    let after = store.submission("sprout-sense").expect("row").expect("there");
    assert_eq!(after.submission.sdk.as_deref(), Some("gradio"), "the sample export now says");
    assert!(after.submission.likes.is_some());
}

#[test]
fn the_store_uses_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    let _store = Store::open(&path, EVENT).expect("open");
    let conn = Connection::open(&path).expect("open raw");
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("pragma");
    assert_eq!(mode, "wal");
    // Foreign keys are a per-connection setting: check it is enforced through the store.
    let mut store = Store::open(&path, EVENT).expect("open");
    let err = store.apply_all(&[score("no-such-entry", "utility", 3)]).expect_err("foreign key");
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

/// The first pull into a store nobody else has open is written with a rollback journal (its
/// pages once, not twice); whatever happens, the store is in WAL again after it. With another
/// connection open, the pull stays in WAL throughout and still succeeds.
#[test]
fn the_first_pull_writes_once_and_the_store_is_wal_again_after_it_however_it_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Alone: succeeds, WAL after.
    let alone = dir.path().join("alone.sqlite");
    let mut store = Store::open(&alone, EVENT).expect("open");
    assert_eq!(pull(&mut store, &parsed("builtin:sample")).expect("pull").added, 40);
    drop(store);
    assert_eq!(journal_mode(&alone), "wal");
    // A first pull that fails half way: nothing kept, WAL after.
    let failed = dir.path().join("failed.sqlite");
    let mut store = Store::open(&failed, EVENT).expect("open");
    let mut broken = parsed("builtin:sample");
    let twice = broken.submissions[0].clone();
    broken.submissions.push(twice);
    pull(&mut store, &broken).expect_err("the same id twice");
    assert!(store.submissions().expect("read").is_empty());
    drop(store);
    assert_eq!(journal_mode(&failed), "wal");
    // Another connection open (the judge's app beside a first pull): WAL throughout.
    let shared = dir.path().join("shared.sqlite");
    let mut store = Store::open(&shared, EVENT).expect("open");
    let beside = Connection::open(&shared).expect("a second connection");
    let _: i64 = beside.query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0)).expect("it reads");
    assert_eq!(pull(&mut store, &parsed("builtin:sample")).expect("pull").added, 40);
    let seen: i64 = beside.query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0)).expect("reads");
    assert_eq!(seen, 40);
    assert_eq!(journal_mode(&shared), "wal");
}

/// A store opened for a pull that creates it starts with a rollback journal, claimed for its
/// event; its pull leaves it in WAL. A pull that never came
/// leaves a store the next open turns to WAL; a store that existed stays in WAL throughout.
#[test]
fn a_store_made_for_a_pull_is_wal_once_the_pull_ends_or_at_the_next_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let new = dir.path().join("new.sqlite");
    let mut store = Store::open_for_pull(&new, EVENT).expect("open");
    assert_eq!(journal_mode(&new), "delete", "a new store waits for its first pull in a rollback journal");
    assert_eq!(pull(&mut store, &parsed("builtin:sample")).expect("pull").added, 40);
    assert_eq!(journal_mode(&new), "wal");
    // The same connection goes on in WAL: a second pull sees what the first wrote.
    assert_eq!(pull(&mut store, &parsed("builtin:sample")).expect("again").unchanged, 40);
    drop(store);
    let err = Store::open(&new, "other-event").err().expect("claimed for its event").to_string();
    assert!(err.contains("holds event \"build-small-2026\""), "{err}");
    // Named without sending anyone to a judging.toml, which the built-in event does not have.
    assert!(err.contains("not this one, \"other-event\"") && !err.contains("judging.toml is for"), "{err}");
    let never = dir.path().join("never.sqlite");
    drop(Store::open_for_pull(&never, EVENT).expect("open"));
    assert_eq!(journal_mode(&never), "delete");
    drop(Store::open(&never, EVENT).expect("the next open"));
    assert_eq!(journal_mode(&never), "wal");
    let mut store = Store::open_for_pull(&never, EVENT).expect("it exists now");
    assert_eq!(journal_mode(&never), "wal");
    assert_eq!(pull(&mut store, &parsed("builtin:sample")).expect("pull").added, 40);
    assert_eq!(journal_mode(&never), "wal");
}

#[test]
fn a_store_from_a_newer_build_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    drop(Store::open(&path, EVENT).expect("open"));
    Connection::open(&path).expect("raw").pragma_update(None, "user_version", 99).expect("bump");
    let err = Store::open(&path, EVENT).err().expect("refused");
    assert!(matches!(err, StoreError::Newer { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("upgrade judging"), "{err}");
    let version: i64 =
        Connection::open(&path).expect("raw").query_row("PRAGMA user_version", [], |r| r.get(0)).expect("v");
    assert_eq!(version, 99);
}

#[test]
fn a_store_for_another_event_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    drop(Store::open(&path, EVENT).expect("open"));
    let err = Store::open(&path, "other-event").err().expect("refused").to_string();
    assert!(err.contains("holds event \"build-small-2026\"") && err.contains("\"other-event\""), "{err}");
}

#[test]
fn pulling_the_same_export_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.sqlite");
    let mut store = Store::open(&path, EVENT).expect("open");
    let v1 = parsed("builtin:sample");
    assert_eq!(pull(&mut store, &v1).expect("first"), counts(40, 0, 0, 0, 0));
    let before = snapshot(&path);
    assert_eq!(pull(&mut store, &v1).expect("second"), counts(0, 0, 40, 0, 0));
    assert_eq!(snapshot(&path), before);
}

#[test]
fn a_withdrawn_entry_keeps_its_scores_and_can_return() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite"), EVENT).expect("open");
    pull(&mut store, &parsed("builtin:sample")).expect("v1");
    store
        .apply_all(&[
            score("dream-cartographer", "utility", 5),
            score("dream-cartographer", "cost", 1),
            note("dream-cartographer", "big model"),
        ])
        .expect("score");
    // v2 drops dream-cartographer, retitles tiny-tarot and adds late-lantern.
    assert_eq!(pull(&mut store, &parsed("builtin:sample-v2")).expect("v2"), counts(1, 1, 38, 1, 0));
    let dream = store.submission("dream-cartographer").expect("read").expect("still stored");
    assert!(dream.withdrawn);
    assert_eq!(store.score_sheet().expect("sheet").score("dream-cartographer", "utility"), Some(5));
    assert_eq!(
        store.submission("tiny-tarot").expect("read").expect("kept").submission.title,
        "Tiny Tarot (now with Major Arcana)"
    );
    // Back in the export: no longer withdrawn, scores intact; late-lantern, gone now, is withdrawn.
    assert_eq!(pull(&mut store, &parsed("builtin:sample")).expect("v1 again"), counts(0, 1, 38, 1, 1));
    assert!(!store.submission("dream-cartographer").expect("read").expect("kept").withdrawn);
    let sheet = store.score_sheet().expect("sheet");
    assert_eq!(sheet.score("dream-cartographer", "cost"), Some(1));
    assert_eq!(sheet.text(judging::model::TextPart::Note, "dream-cartographer"), Some("big model"));
}

#[test]
fn a_rejected_row_does_not_withdraw_its_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite"), EVENT).expect("open");
    let mut v1 = parsed("builtin:sample");
    pull(&mut store, &v1).expect("v1");
    // The row for sprout-sense is broken this time: it is not in the submissions, but was seen.
    v1.submissions.retain(|s| s.id != "sprout-sense");
    assert_eq!(pull(&mut store, &v1).expect("pull").withdrawn, 0);
    assert!(!store.submission("sprout-sense").expect("read").expect("kept").withdrawn);
}

#[test]
fn an_empty_export_does_not_withdraw_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.sqlite");
    let mut store = Store::open(&path, EVENT).expect("open");
    pull(&mut store, &parsed("builtin:sample")).expect("v1");
    let before = snapshot(&path);
    let empty = export::Parsed::default();
    let err = pull(&mut store, &empty).expect_err("refused").to_string();
    assert!(
        err.contains("test would withdraw 40 of the 40 entries in play") && err.contains("holds no submission"),
        "{err}"
    );
    assert_eq!(snapshot(&path), before);
    // Rows that are all rejected, for ids the store does not have: a broken or wrong file too.
    let text = "id,title,space_url,track\nx,X,javascript:alert(1),wood\ny,Y,https://huggingface.co/spaces/o/y,forest\n";
    let rejected = export::parse(text, "bad.csv", &Config::builtin()).expect("readable");
    assert_eq!((rejected.submissions.len(), rejected.rejected()), (0, 2));
    let err = pull(&mut store, &rejected).expect_err("refused").to_string();
    assert!(err.contains("withdraw 40 of the 40") && err.contains("no valid submission (2 rows rejected)"), "{err}");
    assert_eq!(snapshot(&path), before);
}

/// A cut-off export (the first rows of the real one) withdraws more than half of the entries in
/// play: refused, nothing of it kept, not even its new rows or its changes; forced, it is done.
#[test]
fn a_cut_off_export_withdraws_nothing_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.sqlite");
    let mut store = Store::open(&path, EVENT).expect("open");
    pull(&mut store, &parsed("builtin:sample")).expect("v1");
    let before = snapshot(&path);
    let pulls_before = store.last_pull().expect("log");
    let mut cut = parsed("builtin:sample-v2");
    let kept: std::collections::HashSet<String> = cut.submissions.iter().take(3).map(|s| s.id.clone()).collect();
    cut.submissions.retain(|s| kept.contains(&s.id));
    cut.ids_seen.retain(|id, _| kept.contains(id));
    let in_play = parsed("builtin:sample").submissions.len();
    let err = pull(&mut store, &cut).expect_err("refused");
    let StoreError::Withdrawals(refusal) = &err else { panic!("not the withdrawal refusal: {err}") };
    assert_eq!((refusal.in_play, refusal.withdrawing.len(), refusal.valid), (in_play, in_play - 3, 3));
    assert!(refusal.withdrawing.iter().all(|id| !kept.contains(id)), "names only the entries it leaves out");
    assert_eq!(snapshot(&path), before, "nothing of the refused pull is kept");
    assert_eq!(store.last_pull().expect("log"), pulls_before, "and it is not logged as a pull");
    let incoming = Incoming {
        submissions: &cut.submissions,
        ids_seen: &cut.ids_seen,
        log: PullLog { source: "test", digest: "d", rejected: 0, cache: None },
    };
    let forced = store.apply_pull(&incoming, Withdrawals::Forced).expect("forced");
    assert_eq!(forced.withdrawn, in_play - 3);
}

#[test]
fn the_other_spelling_of_a_space_is_no_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite"), EVENT).expect("open");
    let v1 = parsed("builtin:sample");
    pull(&mut store, &v1).expect("v1");
    let mut respelled = parsed("builtin:sample");
    let s: &mut Submission = respelled.submissions.iter_mut().find(|s| s.id == "sprout-sense").expect("present");
    s.space_id = None;
    s.space_url = "https://build-small-hackathon-sprout-sense.hf.space".into();
    assert_eq!(pull(&mut store, &respelled).expect("pull"), counts(0, 0, 40, 0, 0));
    let kept = store.submission("sprout-sense").expect("read").expect("kept").submission;
    assert_eq!(kept.space_url, "https://huggingface.co/spaces/build-small-hackathon/sprout-sense");
}

#[test]
fn a_pull_that_fails_half_way_leaves_the_last_committed_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.sqlite");
    let mut store = Store::open(&path, EVENT).expect("open");
    pull(&mut store, &parsed("builtin:sample")).expect("v1");
    let before = snapshot(&path);
    // v2 with one new entry listed twice: the second insert fails after others have been written.
    let mut broken = parsed("builtin:sample-v2");
    let late = broken.submissions.iter().find(|s| s.id == "late-lantern").cloned().expect("present");
    broken.submissions.push(late);
    let err = pull(&mut store, &broken).expect_err("fails").to_string();
    assert!(err.contains("UNIQUE"), "{err}");
    assert_eq!(snapshot(&path), before, "nothing of the failed pull is kept");
    assert!(store.submission("late-lantern").expect("read").is_none());
}

#[test]
fn a_batch_of_changes_is_kept_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite"), EVENT).expect("open");
    pull(&mut store, &parsed("builtin:sample")).expect("v1");
    // The second change names an entry the store does not have: the first is rolled back too.
    let err = store.apply_all(&[score("pantry-poet", "utility", 2), score("nope", "utility", 5)]).expect_err("fails");
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    assert_eq!(store.score_sheet().expect("sheet").score("pantry-poet", "utility"), None);
}

/// A store written by yesterday's build (schema 5, before revisions) opens with its scores, and
/// a score given once the Hub's facts name the Space's commit records that commit.
#[test]
fn yesterdays_store_opens_and_a_new_score_records_the_spaces_commit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("tomas.sqlite");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/store-schema5.sqlite"), &path).expect("copy");
    let version = Connection::open(&path).expect("raw").query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
    assert_eq!(version.expect("v"), 5, "the fixture is yesterday's");
    let mut store = Store::open(&path, EVENT).expect("opens and migrates");
    let sheet = store.score_sheet().expect("sheet");
    assert_eq!(["utility", "latency", "cost"].map(|c| sheet.score("sprout-sense", c)), [Some(4), Some(3), Some(5)]);
    assert_eq!(sheet.text(judging::model::TextPart::Note, "sprout-sense"), Some("Fast on CPU"));
    assert!(store.revisions().expect("revisions").is_empty());
    let facts = r#"{"space":"o/s","stage":"running","hardware":null,"price_per_hour":null,"price_from":"hub","sdk":"gradio","models":[],"params":null,"params_uncertain":null,"revision":"d4c8bedc29019597fa5dd25cd8a73e875f1ea8b9","changed_at":"2026-07-02T09:00:00.000Z"}"#;
    store.put_hub(&[], &[("pantry-poet".into(), facts.into())]).expect("facts");
    store
        .apply("pantry-poet", &judging::model::Change::Score { criterion: "utility".into(), value: Some(5) })
        .expect("scored");
    // No facts for sprout-sense: no commit to record.
    store
        .apply("sprout-sense", &judging::model::Change::Score { criterion: "utility".into(), value: Some(3) })
        .expect("scored");
    let revisions = store.revisions().expect("revisions");
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions.get("pantry-poet").map(String::as_str), Some("d4c8bedc29019597fa5dd25cd8a73e875f1ea8b9"));
}

/// Every part of a judge's sheet, written through the store: the store's count and the sheet's
/// agree, and a sheet re-read for some entries and put in place equals the whole re-read.
#[test]
fn every_part_of_a_sheet_is_counted_and_replaced_alike() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite"), EVENT).expect("open");
    pull(&mut store, &parsed("builtin:sample")).expect("pull");
    let mut sheet = store.score_sheet().expect("sheet");
    // One change of every kind: a score, readings, and every text part the sheet declares.
    let entries = ["sprout-sense", "pantry-poet", "pill-pal", "bus-stop-oracle", "word-garden", "echo-owl"];
    let mut changes: Vec<(String, Change)> =
        vec![score(entries[0], "utility", 4), (entries[1].into(), Change::Readings(vec![2.5, 1.0]))];
    for (i, part) in judging::model::TextPart::ALL.into_iter().enumerate() {
        changes.push((entries[2 + i % 4].into(), Change::Text(part, Some(format!("{part:?} text")))));
    }
    let pair = judging::model::Pair::new("pantry-poet", "echo-owl").expect("a pair");
    let answer = judging::model::Compared { verdict: judging::model::Verdict::Second, note: Some("warmer".into()) };
    changes.push(Change::comparison(&pair, Some(answer)));
    for (id, change) in &changes {
        store.apply(id, change).expect("written");
        // As the app does when another process wrote: the entries that changed, re-read.
        let ids = vec![id.clone()];
        sheet.replace(&ids, store.sheet_of(&ids).expect("part"));
        assert_eq!(sheet.size(), store.sheet_size().expect("count"), "after {change:?}");
        assert_eq!(sheet, store.score_sheet().expect("whole"), "after {change:?}");
    }
    // Cleared again, one by one.
    for (id, change) in &changes {
        let cleared = match change {
            Change::Score { criterion, .. } => Change::Score { criterion: criterion.clone(), value: None },
            Change::Readings(_) => Change::Readings(Vec::new()),
            Change::Text(part, _) => Change::Text(*part, None),
            Change::Comparison { other, .. } => Change::Comparison { other: other.clone(), answer: None },
        };
        store.apply(id, &cleared).expect("cleared");
        let ids = vec![id.clone()];
        sheet.replace(&ids, store.sheet_of(&ids).expect("part"));
        assert_eq!(sheet.size(), store.sheet_size().expect("count"), "after clearing {change:?}");
        assert_eq!(sheet, store.score_sheet().expect("whole"));
    }
    assert_eq!(sheet.size(), 0);
}

/// Submissions come in the export's order, as SQLite orders them by position then id, after
/// pulls that reorder the export, withdraw an entry and bring one back.
#[test]
fn submissions_are_listed_in_the_latest_exports_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.sqlite");
    let mut store = Store::open(&path, EVENT).expect("open");
    let as_sqlite_orders = || -> Vec<String> {
        let conn = Connection::open(&path).expect("open raw");
        let mut stmt = conn.prepare("SELECT id FROM submissions ORDER BY position, id").expect("prepare");
        stmt.query_map([], |r| r.get(0)).expect("query").collect::<Result<_, _>>().expect("rows")
    };
    let listed = |store: &Store| -> Vec<String> {
        store.submissions().expect("listed").into_iter().map(|s| s.submission.id).collect()
    };
    let mut reversed = parsed("builtin:sample");
    reversed.submissions.reverse();
    let firsts: Vec<String> = reversed.submissions.iter().take(3).map(|s| s.id.clone()).collect();
    for export in [parsed("builtin:sample"), parsed("builtin:sample-v2"), reversed] {
        pull(&mut store, &export).expect("pull");
        assert_eq!(listed(&store), as_sqlite_orders());
        // What the merge reads the judges' files against, before the submissions load: the
        // same order, withdrawn entries and tracks.
        let whole: Vec<(String, bool, Option<String>)> = store
            .submissions()
            .expect("listed")
            .into_iter()
            .map(|s| (s.submission.id, s.withdrawn, s.submission.track))
            .collect();
        assert_eq!(store.places().expect("places"), whole);
    }
    // The last export's order, reversed, is the order listed.
    assert_eq!(listed(&store)[..3], firsts[..]);
}
