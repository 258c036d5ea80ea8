//! A judge's older file put back: the head judge's store remembers each judge's newest file taken
//! in, and a later read that steps back to an older one is refused by name.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::Sandbox;
use common::hubrepo::FakeHub;
use judging::signing::PrivateKey;
use predicates::prelude::*;

const MONDAY: &str = "2026-06-20T10:00:00.000Z";
const TUESDAY: &str = "2026-06-21T10:00:00.000Z";
const WEDNESDAY: &str = "2026-06-22T10:00:00.000Z";

fn head(s: &Sandbox) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.args(["--judge", "head"]);
    cmd
}

/// An unsigned file of `judge` written at `at`, its utility `utility`; its name, which the
/// commands (run in the sandbox) take as it is.
fn file_of(s: &Sandbox, name: &str, judge: &str, at: &str, utility: u8) -> PathBuf {
    common::score_file(s, name, |b| {
        b.judge = judge.into();
        b.written_at = at.into();
        b.scores[0].1[0] = Some(utility);
    });
    PathBuf::from(name)
}

/// The judges' newest files the store at `db` has taken in: (judge, written_at, file).
fn remembered(db: &std::path::Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open raw");
    let mut stmt = conn.prepare("SELECT judge, written_at, file FROM newest_files ORDER BY judge").expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("query").map(|r| r.expect("row")).collect()
}

fn head_store(s: &Sandbox) -> PathBuf {
    s.path().join("data/judging/build-small-2026/head.sqlite")
}

/// The key that checked each judge's newest file the head judge's store has taken in, by judge.
fn remembered_keys(s: &Sandbox) -> Vec<Option<String>> {
    let conn = rusqlite::Connection::open(head_store(s)).expect("open raw");
    let mut stmt = conn.prepare("SELECT key FROM newest_files ORDER BY judge").expect("prepare");
    stmt.query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect()
}

/// judging.toml listing mira alone, with `key`'s public half.
fn listing(s: &Sandbox, key: &PrivateKey) {
    s.file("judging.toml", &format!("[[judges]]\nname = \"mira\"\npublic_key = \"{}\"\n", key.public()));
}

/// A file of mira's written at `at`, her utility `utility`, signed with `key`.
fn signed_of(s: &Sandbox, name: &str, key: &PrivateKey, at: &str, utility: u8) -> PathBuf {
    common::signed_score_file(s, name, key, |b| {
        b.judge = "mira".into();
        b.written_at = at.into();
        b.scores[0].1[0] = Some(utility);
    });
    PathBuf::from(name)
}

/// What the head judge's store remembers now ([`remembered`]).
fn head_remembers(s: &Sandbox) -> Vec<(String, String, String)> {
    remembered(&head_store(s))
}

/// One judge's newest file as [`remembered`] reads it.
fn newest(judge: &str, at: &str, file: &str) -> (String, String, String) {
    (judge.into(), at.into(), file.into())
}

/// A sandbox whose head judge has pulled the sample event.
fn pulled() -> Sandbox {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    s
}

/// The head judge's `merge` of `files`.
fn merge<P: AsRef<std::ffi::OsStr>>(s: &Sandbox, files: impl IntoIterator<Item = P>) -> assert_cmd::assert::Assert {
    head(s).arg("merge").args(files).assert()
}

/// The refusal's first words: `who` ("tuesday.json: mira", or the judge alone) and the time of
/// the file refused.
fn is_older(who: &str, at: &str) -> impl Predicate<str> {
    predicate::str::contains(format!("{who}'s file, written at {at}, is older"))
}

/// The refusal's newer file: its time, and where it was read.
fn than(newer_at: &str, read_from: &str) -> impl Predicate<str> {
    predicate::str::contains(format!("(written at {newer_at}, read from {read_from})"))
}

/// The threat itself: a judge with push access puts back an older file another judge really
/// signed. Its signature holds; the store's memory of the newer one refuses it, naming the judge
/// and both times, with what to do.
#[test]
fn an_older_signed_file_is_refused_naming_the_judge_and_both_times() {
    let s = Sandbox::new();
    let key = "a-secret-of-mira-0123456789";
    let mira = |args: &[&str]| s.cmd().args(["--judge", "mira"]).args(args).env("JUDGING_KEY", key).assert().success();
    mira(&["pull"]);
    mira(&["score", "sprout-sense", "utility=2", "latency=3", "cost=5"]);
    mira(&["export", "-o", "mira-monday.json"]);
    std::thread::sleep(Duration::from_millis(20));
    mira(&["score", "sprout-sense", "utility=5"]);
    mira(&["export", "-o", "mira-tuesday.json"]);
    s.file("judging.toml", &format!("[[judges]]\nname = \"mira\"\nkey = \"{key}\"\n"));
    head(&s).arg("pull").assert().success();
    let written_at = |name: &str| -> String {
        let text = std::fs::read_to_string(s.path().join(name)).expect("read");
        let json: serde_json::Value = serde_json::from_str(&text).expect("json");
        json["body"]["written_at"].as_str().expect("written_at").to_owned()
    };
    let (old, new) = (written_at("mira-monday.json"), written_at("mira-tuesday.json"));
    assert_ne!(old, new);
    merge(&s, ["mira-tuesday.json"]).success();
    merge(&s, ["mira-monday.json"])
        .failure()
        .stderr(is_older("mira-monday.json: mira", &old))
        .stderr(than(&new, "mira-tuesday.json"))
        // The event has no [sync] repo: the files came by hand, and `judging push` refuses
        // there. It had said "someone with push access to the repo … Ask mira to push again".
        .stderr(predicate::str::contains(
            "an older copy of mira's file than the one read before (from mira-tuesday.json). Use mira's newest file, or ask mira to export again (`judging export`) and send it",
        ))
        .stderr(predicate::str::contains("push").not())
        .stderr(predicate::str::contains("--accept-older mira"))
        .stderr(predicate::str::contains(
            "1 of 1 file refused, older than the file of its judge this store took in before",
        ))
        .stderr(predicate::str::contains("nothing was merged"))
        .stdout(predicate::str::is_empty());
    // The store remembers the key that checked the file by its fingerprint, never the secret.
    let store = std::fs::read(head_store(&s)).expect("the store");
    assert!(!String::from_utf8_lossy(&store).contains(key), "the secret is in the store");
    assert_eq!(remembered_keys(&s), [Some(format!("hmac-sha256:{}", judging::signing::digest_hex(key.as_bytes())))]);
    // `results` and `status` read through the same rule.
    head(&s).args(["status", "mira-monday.json"]).assert().failure().stderr(
        predicate::str::contains("an older copy of mira's file")
            .and(predicate::str::contains("1 of 1 file refused, and left out of this table")),
    );
}

#[test]
fn the_same_file_again_is_fine_and_a_newer_one_advances_the_remembered_one() {
    let s = pulled();
    let monday = file_of(&s, "monday.json", "mira", MONDAY, 2);
    let tuesday = file_of(&s, "tuesday.json", "mira", TUESDAY, 4);
    let wednesday = file_of(&s, "wednesday.json", "mira", WEDNESDAY, 5);
    let copy = PathBuf::from("copy.json");
    std::fs::copy(s.path().join(&tuesday), s.path().join(&copy)).expect("copy");
    merge(&s, [&tuesday]).success();
    assert_eq!(head_remembers(&s), [newest("mira", TUESDAY, "tuesday.json")]);
    // The same file again, under another name too: fine, and nothing new remembered.
    merge(&s, [&tuesday]).success().stderr(predicate::str::contains("older").not());
    merge(&s, [&copy]).success();
    assert_eq!(head_remembers(&s)[0].2, "tuesday.json", "the same file is not taken in again");
    // An older file beside the newest, as an open pull request's beside main's: the merge counts
    // the newer as ever.
    merge(&s, [&monday, &tuesday]).success();
    merge(&s, [&wednesday]).success();
    assert_eq!(head_remembers(&s), [newest("mira", WEDNESDAY, "wednesday.json")]);
    // Tuesday's was fine before Wednesday's came; now it is a step back.
    merge(&s, [&tuesday])
        .failure()
        .stderr(is_older("tuesday.json: mira", TUESDAY).and(than(WEDNESDAY, "wednesday.json")));
}

/// A wrong public key listed for mira (a hostile judge's, or a typo): a file forged under it,
/// dated after her real one, was taken in as her newest, and once the head judge put her key
/// right her real file was refused as older. The store remembers the key that checked the file:
/// one judging.toml no longer lists for her is set aside, said once, and her file taken in.
#[test]
fn a_file_taken_in_under_a_key_no_longer_listed_is_set_aside() {
    let s = Sandbox::new();
    let (mira, hostile) = (PrivateKey::generate().expect("a key"), PrivateKey::generate().expect("a key"));
    listing(&s, &hostile);
    head(&s).arg("pull").assert().success();
    let forged = signed_of(&s, "forged.json", &hostile, WEDNESDAY, 1);
    let real = signed_of(&s, "mira.json", &mira, TUESDAY, 5);
    let monday = signed_of(&s, "monday.json", &mira, MONDAY, 2);
    merge(&s, [&forged]).success();
    assert_eq!(head_remembers(&s), [newest("mira", WEDNESDAY, "forged.json")]);
    listing(&s, &mira);
    let set_aside = format!(
        "(written at {WEDNESDAY}, read from forged.json) was checked with a key judging.toml no longer lists for mira: it is set aside"
    );
    // `status` reads through the same rule, and takes in her file too.
    head(&s)
        .args(["status", "mira.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains(&set_aside).count(1))
        .stderr(predicate::str::contains("older").not());
    merge(&s, [&real])
        .success()
        .stdout(predicate::str::contains("OVERALL"))
        .stderr(predicate::str::contains("set aside").not());
    assert_eq!(head_remembers(&s), [newest("mira", TUESDAY, "mira.json")]);
    // Her key is the one remembered now: her older file is a step back, as ever.
    merge(&s, [&monday]).failure().stderr(is_older("monday.json: mira", MONDAY));
    // A file taken in unsigned, before judging.toml listed a key for her: set aside too.
    let t = pulled();
    let unsigned = file_of(&t, "unsigned.json", "mira", WEDNESDAY, 1);
    merge(&t, [&unsigned]).success();
    assert_eq!(remembered_keys(&t), [Some("unsigned".to_owned())]);
    listing(&t, &mira);
    let real = signed_of(&t, "mira.json", &mira, TUESDAY, 5);
    merge(&t, [&real]).success().stderr(predicate::str::contains(format!(
        "(written at {WEDNESDAY}, read from unsigned.json) was taken in unsigned, and judging.toml now lists a key for mira: it is set aside"
    )));
    assert_eq!(head_remembers(&t), [newest("mira", TUESDAY, "mira.json")]);
}

/// A file the store took in before it remembered keys (yesterday's store) is compared as ever,
/// whatever key judging.toml lists now: its older file still needs `--accept-older`.
#[test]
fn a_file_taken_in_before_keys_were_remembered_is_compared_as_ever() {
    let s = Sandbox::new();
    let (mira, hostile) = (PrivateKey::generate().expect("a key"), PrivateKey::generate().expect("a key"));
    listing(&s, &hostile);
    head(&s).arg("pull").assert().success();
    let forged = signed_of(&s, "forged.json", &hostile, WEDNESDAY, 1);
    merge(&s, [&forged]).success();
    rusqlite::Connection::open(head_store(&s))
        .expect("raw")
        .execute("UPDATE newest_files SET key = NULL", [])
        .expect("as before keys");
    listing(&s, &mira);
    let real = signed_of(&s, "mira.json", &mira, TUESDAY, 5);
    merge(&s, [&real])
        .failure()
        .stderr(is_older("mira.json: mira", TUESDAY))
        .stderr(predicate::str::contains("set aside").not());
    head(&s).arg("merge").arg(&real).args(["--accept-older", "mira"]).assert().success();
    assert_eq!(remembered_keys(&s).len(), 1);
    assert!(remembered_keys(&s)[0].as_deref().is_some_and(|k| k.starts_with("ed25519:")), "{:?}", remembered_keys(&s));
}

/// Another file of the very moment of the one taken in, with other scores, cannot be the judge's
/// next file: it is refused as a step back (it had passed without a word, and counted).
#[test]
fn another_file_of_the_same_moment_is_refused() {
    let s = pulled();
    let first = file_of(&s, "first.json", "mira", TUESDAY, 2);
    let other = file_of(&s, "other.json", "mira", TUESDAY, 5);
    merge(&s, [&first]).success();
    merge(&s, [&other]).failure().stderr(
        predicate::str::contains(format!(
            "other.json: mira's file, written at {TUESDAY}, holds other scores than the one of that same moment"
        ))
        .and(predicate::str::contains("another copy of mira's file than the one read before (from first.json)"))
        .and(predicate::str::contains("1 of 1 file refused, not newer than the file of its judge")),
    );
    assert_eq!(head_remembers(&s)[0].2, "first.json");
    head(&s).arg("merge").arg(&other).args(["--accept-older", "mira"]).assert().success();
    assert_eq!(head_remembers(&s)[0].2, "other.json");
}

/// A refused read takes nothing in: the other judges' files it held are not remembered, so that a
/// merge never writes to the store half way.
#[test]
fn a_refused_read_takes_nothing_in() {
    let s = pulled();
    let mira_old = file_of(&s, "mira-old.json", "mira", MONDAY, 2);
    let mira_new = file_of(&s, "mira-new.json", "mira", TUESDAY, 4);
    let tomas_new = file_of(&s, "tomas-new.json", "tomas", TUESDAY, 4);
    let tomas_old = file_of(&s, "tomas-old.json", "tomas", MONDAY, 2);
    merge(&s, [&mira_new]).success();
    merge(&s, [&mira_old, &tomas_new]).failure();
    assert_eq!(head_remembers(&s).len(), 1, "tomas's file not taken in: {:?}", head_remembers(&s));
    merge(&s, [&mira_new, &tomas_old]).success();
    // status reads the rest, refuses the step back, and takes nothing in either.
    head(&s).arg("status").args([&mira_old, &tomas_new]).assert().failure().stdout(
        predicate::str::contains("tomas")
            .and(predicate::str::contains("Only a refused file: mira (older than the file this store took in)"))
            .and(predicate::str::contains("No file yet: priya\n")),
    );
    assert_eq!(head_remembers(&s)[1], newest("tomas", MONDAY, "tomas-old.json"));
}

#[test]
fn accept_older_lets_a_judges_older_file_through_and_says_so() {
    let s = pulled();
    let monday = file_of(&s, "monday.json", "Mira", MONDAY, 2);
    let tuesday = file_of(&s, "tuesday.json", "mira", TUESDAY, 4);
    merge(&s, [&tuesday]).success();
    merge(&s, [&monday]).failure();
    // Named as judges are compared (case and spaces aside), and said by the name judging.toml
    // lists ("Mira" in the file is mira); a name matching no file is warned of.
    head(&s)
        .arg("merge")
        .arg(&monday)
        .args(["--accept-older", "MIRA", "--accept-older", "zed"])
        .assert()
        .success()
        .stdout(predicate::str::contains("OVERALL"))
        .stderr(is_older("monday.json: mira", MONDAY))
        .stderr(predicate::str::contains("taken in, as --accept-older mira asked"))
        .stderr(predicate::str::contains("now remembers it as mira's newest"))
        .stderr(predicate::str::contains("--accept-older \"zed\": no file of this judge was read"));
    assert_eq!(head_remembers(&s), [newest("mira", MONDAY, "monday.json")]);
    // The judge went back: Monday's file is now theirs, and no longer needs the option.
    merge(&s, [&monday]).success().stderr(predicate::str::contains("older").not());
}

/// A store that yesterday's build wrote (schema 9, before the memory of each judge's newest file)
/// opens, gains the table, and remembers from its first merge.
#[test]
fn a_store_from_before_the_migration_opens_and_remembers() {
    let s = Sandbox::new();
    let db = s.path().join("head.sqlite");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/store-schema9-head.sqlite"), &db).expect("copy");
    let version = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db).expect("raw").query_row("PRAGMA user_version", [], |r| r.get(0)).expect("v")
    };
    assert_eq!(version(&db), 9, "the fixture is yesterday's");
    let tuesday = file_of(&s, "tuesday.json", "mira", TUESDAY, 4);
    let monday = file_of(&s, "monday.json", "mira", MONDAY, 2);
    let merge = |file: &PathBuf| head(&s).arg("--db").arg(&db).arg("merge").arg(file).assert();
    merge(&tuesday).success().stdout(predicate::str::contains("OVERALL"));
    assert!(version(&db) >= 10, "migrated");
    assert_eq!(remembered(&db), [newest("mira", TUESDAY, "tuesday.json")]);
    merge(&monday).failure().stderr(predicate::str::contains("an older copy of mira's file"));
}

const REPO: &str = "judges/scores-2026";
const TOKEN: &str = "hf_secret_token_of_the_test";

/// The head judge's command, through the fake Hub with the token.
fn head_through(s: &Sandbox, hub: &FakeHub) -> assert_cmd::Command {
    let mut cmd = head(s);
    cmd.env("HF_ENDPOINT", &hub.base).env("HF_TOKEN", TOKEN);
    cmd
}

/// An event synced through the repo, mira's Tuesday file pushed there and collected by the head
/// judge's store; her Monday file's bytes, older, to put back.
fn tuesday_collected() -> (Sandbox, FakeHub, Vec<u8>) {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[sync]\nrepo = \"{REPO}\"\n", judging::config::BUILTIN));
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| {
        st.exists = true;
        st.token = Some(TOKEN.into());
    });
    head_through(&s, &hub).arg("pull").assert().success();
    let read = |p: &PathBuf| std::fs::read(s.path().join(p)).expect("read");
    let monday = read(&file_of(&s, "monday.json", "mira", MONDAY, 2));
    let tuesday = read(&file_of(&s, "tuesday.json", "mira", TUESDAY, 4));
    hub.put("scores/mira.json", &tuesday);
    head_through(&s, &hub)
        .arg("collect")
        .assert()
        .success()
        .stdout(predicate::str::contains("Collected 1 of 1 score file"));
    (s, hub, monday)
}

/// Through the repo: `collect` refuses the older file put back, `merge --from-hub` merges nothing,
/// and `--accept-older` on either lets it through.
#[test]
fn collect_and_merge_from_the_hub_refuse_an_older_file_put_back() {
    let (s, hub, monday) = tuesday_collected();
    let as_head = || head_through(&s, &hub);
    // Someone with push access puts Monday's back.
    hub.put("scores/mira.json", &monday);
    as_head()
        .arg("collect")
        .assert()
        .failure()
        .stdout(predicate::str::contains("Collected 0 of 1 score file"))
        .stderr(is_older("mira", MONDAY))
        .stderr(than(TUESDAY, "collected/mira.json"))
        .stderr(predicate::str::contains("someone with push access to the repo may have put back an older file"))
        .stderr(predicate::str::contains("Ask mira to push again"))
        .stderr(predicate::str::contains("--accept-older mira"));
    as_head()
        .args(["merge", "--from-hub"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("1 of 1 file in the repo refused; nothing was merged"));
    as_head().arg("status").assert().failure().stderr(predicate::str::contains("put back an older file"));
    as_head()
        .args(["merge", "--from-hub", "--accept-older", "mira", "--accept-older", "zed"])
        .assert()
        .success()
        .stdout(predicate::str::contains("OVERALL"))
        .stderr(predicate::str::contains("taken in, as --accept-older mira asked").count(1))
        // collect checks, then the merge checks again: a name no file is of is said once.
        .stderr(predicate::str::contains("--accept-older \"zed\": no file of this judge was read").count(1));
    as_head().arg("collect").assert().success();
}

/// A judge whose file is in the repo but refused has pushed: `collect` says so, with why in a
/// few words, and `status` tells them from the judges with no file at all. Both had said
/// "Not pushed yet: mira" (and status "No file yet (or only a refused one): mira, tomas, priya")
/// right under the error that named her file as older than the one taken in.
#[test]
fn a_judge_whose_file_is_refused_is_said_to_have_pushed() {
    let (s, hub, monday) = tuesday_collected();
    let as_head = || head_through(&s, &hub);
    hub.put("scores/mira.json", &monday);
    // Tomas's file, edited after it was written: refused for another reason.
    let tomas = String::from_utf8_lossy(
        &std::fs::read(s.path().join(file_of(&s, "tomas.json", "tomas", TUESDAY, 3))).expect("read"),
    )
    .into_owned();
    let edited = tomas.replacen("[3,3,5]", "[5,3,5]", 1);
    assert_ne!(edited, tomas, "the file's first score edited");
    hub.put("scores/tomas.json", edited.as_bytes());
    let out = as_head().arg("collect").output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "{stderr}");
    assert!(stdout.contains("Collected 0 of 2 score files"), "{stdout}");
    assert!(stdout.contains("mira: pushed, refused (older than the file this store took in)"), "{stdout}");
    assert!(stdout.contains("tomas: pushed, refused (edited after it was written)"), "{stdout}");
    assert!(stdout.contains("Not pushed yet: priya\n"), "mira and tomas pushed: {stdout}");
    let out = as_head().arg("status").output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("mira: pushed, refused (older than the file this store took in)"), "{stderr}");
    assert!(stdout.contains("No file yet: priya\n"), "no refused one lumped in: {stdout}");
    assert!(
        stdout.contains(
            "Only a refused file: mira (older than the file this store took in); tomas (edited after it was written)"
        ),
        "{stdout}"
    );
}
