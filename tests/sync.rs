//! Score files through a dataset repo on a loopback Hub: push, collect, merge --from-hub.

mod common;

use std::time::Duration;

use common::Sandbox;
use common::hubrepo::FakeHub;
use predicates::prelude::*;

const REPO: &str = "judges/scores-2026";
const TOKEN: &str = "hf_secret_token_of_the_test";

fn event(s: &Sandbox) {
    s.file("judging.toml", &format!("{}\n[sync]\nrepo = \"{REPO}\"\n", judging::config::BUILTIN));
}

fn judging(s: &Sandbox, hub: &FakeHub, judge: &str, token: &str) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    // Who is judging on this machine, as its environment says: `sync init` acts for no judge.
    cmd.env("HF_ENDPOINT", &hub.base).env("HF_TOKEN", token).env("JUDGING_JUDGE", judge);
    cmd
}

/// A judge pulls and scores two entries.
fn scored(s: &Sandbox, hub: &FakeHub, judge: &str, utility: &str) {
    judging(s, hub, judge, TOKEN).arg("pull").assert().success();
    for id in ["sprout-sense", "pantry-poet"] {
        judging(s, hub, judge, TOKEN)
            .args(["score", id, &format!("utility={utility}"), "latency=3", "cost=4"])
            .assert()
            .success();
    }
}

/// The event, a repo that takes the token, mira's score pushed there, and the head judge's store
/// pulled: where the head judge's commands that collect from the repo start.
fn mira_pushed() -> (Sandbox, FakeHub) {
    let s = Sandbox::new();
    event(&s);
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| {
        st.exists = true;
        st.token = Some(TOKEN.into());
    });
    scored(&s, &hub, "mira", "4");
    judging(&s, &hub, "mira", TOKEN).arg("push").assert().success();
    judging(&s, &hub, "head", TOKEN).arg("pull").assert().success();
    (s, hub)
}

#[test]
fn a_push_commits_the_judges_file_whole_and_retries_a_moved_branch() {
    let s = Sandbox::new();
    event(&s);
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| {
        st.exists = true;
        st.token = Some(TOKEN.into());
        // Another judge's commit lands first, then two answers that another commit is running.
        st.race = true;
        st.busy = 2;
    });
    scored(&s, &hub, "mira", "4");
    judging(&s, &hub, "mira", TOKEN)
        .arg("push")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Pushed scores/mira.json to {REPO}")));
    let local = std::fs::read(s.path().join("scores-build-small-2026-mira.json")).expect("written locally first");
    assert_eq!(hub.state.lock().expect("lock").files.get("scores/mira.json"), Some(&local), "the file, whole");
    // The exact commit: a header with the head it read, then the file in base64.
    let commits = hub.seen("POST /api/datasets/judges/scores-2026/commit/main");
    assert_eq!(commits.len(), 4, "412 once, 409 twice, then the commit");
    let last = String::from_utf8_lossy(&commits[3].2).into_owned();
    let lines: Vec<serde_json::Value> = last.lines().map(|l| serde_json::from_str(l).expect("ndjson")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["key"], "header");
    assert_eq!(lines[0]["value"]["summary"], "Scores of mira");
    assert_eq!(lines[0]["value"]["parentCommit"], format!("{:040x}", 1));
    assert_eq!(lines[1]["value"]["path"], "scores/mira.json");
    assert_eq!(lines[1]["value"]["encoding"], "base64");
    assert_eq!(commits[3].1.as_deref(), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(hub.seen("POST /api/datasets/judges/scores-2026/preupload/main").len(), 1);
    // The token is written nowhere: not in the score file, not in the store.
    let store = std::fs::read(s.store("mira")).expect("store");
    assert!(!String::from_utf8_lossy(&local).contains(TOKEN) && !String::from_utf8_lossy(&store).contains(TOKEN));
}

#[test]
fn a_refused_or_unreachable_push_keeps_the_file_and_the_next_push_sends_it() {
    let s = Sandbox::new();
    event(&s);
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| {
        st.exists = true;
        st.token = Some(TOKEN.into());
        st.read_only_token = Some("hf_read_only".into());
    });
    scored(&s, &hub, "tomas", "3");
    // No Hub at all: nothing sent, the file written, and said so.
    s.cmd()
        .env("HF_ENDPOINT", "http://127.0.0.1:9")
        .env("HF_TOKEN", TOKEN)
        .args(["--judge", "tomas", "push"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not sent").and(predicate::str::contains("`judging push` sends it")));
    assert!(s.path().join("scores-build-small-2026-tomas.json").exists());
    // A token that may only read: 403 says what is missing; --pr opens a pull request.
    judging(&s, &hub, "tomas", "hf_read_only")
        .arg("push")
        .assert()
        .failure()
        .stderr(predicate::str::contains("403").and(predicate::str::contains("push with --pr")));
    judging(&s, &hub, "tomas", "hf_read_only")
        .args(["push", "--pr"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Opened a pull request"));
    assert_eq!(hub.state.lock().expect("lock").pull_requests.len(), 1);
    assert!(hub.state.lock().expect("lock").files.is_empty(), "a pull request is not on main");
    // No token: 401 names it.
    judging(&s, &hub, "tomas", "wrong").arg("push").assert().failure().stderr(predicate::str::contains("HF_TOKEN"));
    // The Hub back: the next push sends it.
    judging(&s, &hub, "tomas", TOKEN).arg("push").assert().success();
    assert!(hub.state.lock().expect("lock").files.contains_key("scores/tomas.json"));
}

#[test]
fn collect_downloads_checks_and_names_who_has_not_pushed_and_merge_takes_them() {
    let s = Sandbox::new();
    event(&s);
    let hub = FakeHub::start(REPO, Duration::from_millis(5), |st| {
        st.exists = true;
        st.token = Some(TOKEN.into());
        st.page = 2;
    });
    scored(&s, &hub, "mira", "4");
    scored(&s, &hub, "tomas", "2");
    for judge in ["mira", "tomas"] {
        judging(&s, &hub, judge, TOKEN).arg("push").assert().success();
    }
    judging(&s, &hub, "head", TOKEN).arg("pull").assert().success();
    judging(&s, &hub, "head", TOKEN)
        .args(["merge", "--from-hub"])
        .assert()
        .success()
        .stdout(predicate::str::contains("OVERALL"))
        .stderr(predicate::str::contains("Collected 2 of 2 score files"));
    // A tampered file and one of another event: named, and the merge refuses.
    let good = hub.state.lock().expect("lock").files["scores/mira.json"].clone();
    let tampered = String::from_utf8_lossy(&good).replacen("[4,3,4]", "[5,3,4]", 1);
    hub.put("scores/zed.json", tampered.as_bytes());
    // A file written, untouched, for another event.
    let other =
        s.file("other.toml", &judging::config::BUILTIN.replace("id = \"build-small-2026\"", "id = \"other-2026\""));
    let as_other =
        |args: &[&str]| s.cmd().arg("--config").arg(&other).args(["--judge", "zoe"]).args(args).assert().success();
    as_other(&["pull"]);
    as_other(&["score", "sprout-sense", "utility=1", "latency=1", "cost=1"]);
    as_other(&["export", "-o", "other.json"]);
    hub.put("scores/other.json", &std::fs::read(s.path().join("other.json")).expect("other"));
    hub.put("scores/../escape.json", b"{}");
    // A name that reads as mira's own file, a zero-width space in it: shown, not cleaned away.
    hub.put("scores/mi\u{200b}ra.json", b"{}");
    // A judge who scored an entry the head judge's store never had (another export): said with
    // the way out, once, as the merge says it.
    s.file("extra.csv", "id,title,space_url\nghost-entry,Ghost,https://huggingface.co/spaces/org/ghost\n");
    let as_kim = |args: &[&str]| s.cmd().args(["--judge", "kim", "--db", "kim.sqlite"]).args(args).assert().success();
    as_kim(&["pull", "--from", "extra.csv"]);
    as_kim(&["score", "ghost-entry", "utility=3", "latency=3", "cost=3"]);
    as_kim(&["export", "-o", "kim.json"]);
    hub.put("scores/kim.json", &std::fs::read(s.path().join("kim.json")).expect("kim"));
    let out = judging(&s, &hub, "head", TOKEN).arg("collect").output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success());
    assert!(stderr.contains("kim.json") && stderr.contains("ghost-entry"), "{stderr}");
    assert_eq!(stderr.matches("hint: The store").count(), 1, "{stderr}");
    assert!(stderr.contains("has never held those entries"), "{stderr}");
    assert!(stdout.contains("Collected 2 of 7 score files"), "{stdout}");
    assert!(stdout.contains("Not pushed yet: priya"), "{stdout}");
    assert!(stderr.contains("zed.json") && stderr.contains("edited after it was written"), "{stderr}");
    assert!(stderr.contains("other.json") && stderr.contains("other-2026"), "{stderr}");
    assert!(stderr.contains("not a judge's score file name"), "{stderr}");
    assert!(stderr.contains("scores/mi\\u{200b}ra.json"), "the hidden character shown: {stderr}");
    assert!(!s.path().join("escape.json").exists() && !s.path().join("collected/../escape.json").exists());
    judging(&s, &hub, "head", TOKEN)
        .args(["merge", "--from-hub"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("5 of 7 files in the repo refused; nothing was merged"));
    // Pages of two: the tree was followed by its Link.
    assert!(!hub.seen("GET /api/datasets/judges/scores-2026/tree/main/scores?recursive=true&cursor=2").is_empty());
}

#[test]
fn without_a_sync_repo_push_says_what_to_add() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.cmd()
        .args(["--judge", "mira", "push"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no [sync] repo").and(predicate::str::contains("repo = \"ORG/NAME\"")));
}

/// The organizer creates the repo and uploads the event; a judge joins from it alone, scores and
/// pushes; the head judge's status says who has a file and which entries are short of judges.
#[test]
fn init_join_push_and_status() {
    let organizer = Sandbox::new();
    event(&organizer);
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| st.token = Some(TOKEN.into()));
    judging(&organizer, &hub, "organizer", TOKEN).arg("pull").assert().success();
    judging(&organizer, &hub, "organizer", TOKEN).args(["assign", "-k", "2"]).assert().success();
    judging(&organizer, &hub, "organizer", TOKEN).args(["sync", "init"]).assert().success().stdout(
        predicate::str::contains(format!("{REPO}: created, private"))
            .and(predicate::str::contains("Uploaded judging.toml, assignments.toml")),
    );
    let create = hub.seen("POST /api/repos/create");
    let asked: serde_json::Value = serde_json::from_slice(&create[0].2).expect("json");
    assert_eq!(
        (asked["name"].as_str(), asked["organization"].as_str(), asked["private"].as_bool()),
        (Some("scores-2026"), Some("judges"), Some(true))
    );
    judging(&organizer, &hub, "organizer", TOKEN)
        .args(["sync", "init"])
        .assert()
        .success()
        .stdout(predicate::str::contains("exists"));
    // A judge with nothing but the repo's name.
    let judge = Sandbox::new();
    judging(&judge, &hub, "mira", TOKEN)
        .args(["join", REPO])
        .assert()
        .success()
        .stdout(predicate::str::contains("judging.toml"));
    assert!(judge.path().join("config/judging/_joined/judging.toml").exists(), "in the config folder");
    // An event an earlier build joined, at the config folder's top, is read until the next join.
    let earlier = Sandbox::new();
    let top = earlier.path().join("config/judging");
    std::fs::create_dir_all(&top).expect("config folder");
    std::fs::copy(judge.path().join("config/judging/_joined/judging.toml"), top.join("judging.toml")).expect("copy");
    earlier.cmd().arg("check").assert().stdout(predicate::str::contains("config/judging/judging.toml"));
    let list = judging(&judge, &hub, "mira", TOKEN).args(["list", "--format", "json"]).output().expect("runs");
    let listed: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(listed.as_array().map(Vec::len), Some(40), "the export pulled");
    judging(&judge, &hub, "mira", TOKEN)
        .args(["score", "sprout-sense", "utility=4", "latency=3", "cost=4"])
        .assert()
        .success();
    judging(&judge, &hub, "mira", TOKEN).arg("push").assert().success();
    // The head judge's status.
    judging(&organizer, &hub, "organizer", TOKEN).arg("status").assert().success().stdout(
        predicate::str::contains("mira")
            .and(predicate::str::contains("No file yet: tomas, priya"))
            .and(predicate::str::contains("entries with fewer than 2 judges so far")),
    );
}

#[test]
fn a_repo_in_the_entrants_org_is_warned_of() {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[sync]\nrepo = \"build-small-hackathon/judges\"\n", judging::config::BUILTIN));
    let hub = FakeHub::start("build-small-hackathon/judges", Duration::ZERO, |_| {});
    judging(&s, &hub, "organizer", TOKEN).args(["sync", "init"]).assert().success().stderr(
        predicate::str::contains("the entrants' own org").and(predicate::str::contains("separate judges' org")),
    );
}

/// A judge who may only read the repo pushes through a pull request; collect reads the open
/// pull request, and the merge takes that judge's file.
#[test]
fn collect_reads_open_pull_requests() {
    let s = Sandbox::new();
    event(&s);
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| {
        st.exists = true;
        st.token = Some(TOKEN.into());
        st.read_only_token = Some("hf_read_only".into());
    });
    scored(&s, &hub, "mira", "4");
    judging(&s, &hub, "mira", TOKEN).arg("push").assert().success();
    scored(&s, &hub, "tomas", "2");
    judging(&s, &hub, "tomas", "hf_read_only").args(["push", "--pr"]).assert().success();
    judging(&s, &hub, "head", TOKEN).arg("pull").assert().success();
    let out = judging(&s, &hub, "head", TOKEN).arg("collect").output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Collected 2 of 2 score files") && stdout.contains("Not pushed yet: priya"), "{stdout}");
    assert!(s.path().join("collected/tomas.pr1.json").exists());
    let merged =
        judging(&s, &hub, "head", TOKEN).args(["merge", "--from-hub", "--format", "json"]).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&merged.stdout).expect("json");
    let judges: Vec<&str> =
        json["judges"].as_array().expect("judges").iter().filter_map(|j| j["judge"].as_str()).collect();
    assert_eq!(judges, ["mira", "tomas"]);
}

/// Two judges pushing at the same moment: both files land, each whole, whatever the order.
#[test]
fn two_judges_pushing_at_once_both_land() {
    let s = Sandbox::new();
    event(&s);
    let hub = FakeHub::start(REPO, Duration::from_millis(30), |st| {
        st.exists = true;
        st.token = Some(TOKEN.into());
    });
    scored(&s, &hub, "mira", "4");
    scored(&s, &hub, "tomas", "2");
    std::thread::scope(|scope| {
        let pushes: Vec<_> = ["mira", "tomas"]
            .into_iter()
            .map(|judge| {
                let mut cmd = judging(&s, &hub, judge, TOKEN);
                scope.spawn(move || cmd.arg("push").output().expect("runs"))
            })
            .collect();
        for push in pushes {
            let out = push.join().expect("joined");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    });
    let state = hub.state.lock().expect("lock");
    for judge in ["mira", "tomas"] {
        let local = std::fs::read(s.path().join(format!("scores-build-small-2026-{judge}.json"))).expect("local");
        assert_eq!(state.files.get(&format!("scores/{judge}.json")), Some(&local), "{judge}'s file, whole");
    }
}

/// A download the Hub redirects to another host (a CDN) goes there without the token.
#[test]
fn the_token_is_not_sent_to_another_host_on_a_redirect() {
    let cdn = common::Router::start(vec![("/", vec![common::Reply::ok("application/json", b"{}")])], Duration::ZERO);
    let hub = common::Router::start(
        vec![
            ("/api/datasets/judges/scores-2026/tree/", vec![common::Reply::json(r#"[{"type":"file","path":"scores/a.json","size":2}]"#)]),
            (
                "/datasets/judges/scores-2026/resolve/",
                vec![common::Reply(
                    format!("HTTP/1.1 302 Found\r\nlocation: {}/blob/a.json\r\ncontent-length: 0\r\nconnection: close\r\n\r\n", cdn.base)
                        .into_bytes(),
                )],
            ),
        ],
        Duration::ZERO,
    );
    let client = judging::hub::client::Hub::new(&hub.base, Some(TOKEN.into()), Duration::from_secs(5)).expect("client");
    let repo = judging::hub::repo::Repo::new(&client, REPO);
    let bytes = repo.download("main", "scores/a.json").expect("followed");
    assert_eq!(bytes, b"{}");
    let sent =
        |r: &common::Router| r.requests.lock().expect("lock").iter().map(|(_, auth)| auth.clone()).collect::<Vec<_>>();
    assert_eq!(sent(&hub), [Some(format!("Bearer {TOKEN}"))], "the Hub itself gets the token");
    assert_eq!(sent(&cdn), [None], "the other host does not");
}

/// Many files of the repo refused alike, or left alone for their names, are a few lines, not one
/// a file: a repo of twelve broken files had printed twelve errors.
#[test]
fn collect_says_many_files_refused_alike_in_a_few_lines() {
    let s = Sandbox::new();
    event(&s);
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| st.exists = true);
    for n in 0..12 {
        hub.put(&format!("scores/judge-{n:02}.json"), b"{}");
    }
    for n in 0..6 {
        hub.put(&format!("scores/notes-{n}.txt"), b"notes");
    }
    judging(&s, &hub, "head", "").arg("pull").assert().success();
    let out = judging(&s, &hub, "head", "").arg("collect").output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.lines().count() <= 8, "a few lines: {err}");
    assert!(err.contains("judge-00.json") && err.contains("judge-02.json"), "{err}");
    assert!(err.contains("... and 9 more files of this kind ("), "{err}");
    assert!(err.contains("scores/notes-0.txt: not a judge's score file name; left alone"), "{err}");
    assert!(
        err.contains("... and 3 more files of this kind (not a judge's score file name): scores/notes-3.txt"),
        "{err}"
    );
}

/// `push` says its warnings on standard error, as `export` does: an entry left partly scored had
/// been said on standard output, beside "Pushed scores/mira.json".
#[test]
fn a_push_warns_on_standard_error() {
    let s = Sandbox::new();
    event(&s);
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| st.exists = true);
    judging(&s, &hub, "mira", "").arg("pull").assert().success();
    judging(&s, &hub, "mira", "").args(["score", "sprout-sense", "utility=4"]).assert().success();
    let out = judging(&s, &hub, "mira", "").arg("push").output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("Pushed scores/mira.json") && !stdout.contains("partly scored"), "{stdout}");
    assert!(stderr.contains("warning: 1 entry is partly scored"), "{stderr}");
}

/// `judging status` with no files reads the repo's: it downloads them into `collected/` here,
/// and says so in one line naming the folder as one ("into collected" had read as a state, not
/// a folder it had made), on standard error so that the table alone is standard output.
#[test]
fn status_from_the_repo_says_where_it_put_the_files() {
    let (s, hub) = mira_pushed();
    let out = judging(&s, &hub, "head", TOKEN).arg("status").output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(s.path().join("collected/mira.json").exists());
    let said: Vec<&str> = stderr.lines().filter(|l| l.contains("collected")).collect();
    assert_eq!(said, [format!("Collected 1 of 1 score file from {REPO} into ./collected/")], "{stderr}");
    assert!(stdout.starts_with("JUDGE "), "{stdout}");
}

/// A `-o` that cannot be written (no such folder, a folder where a file goes, a place that takes
/// no file) is said before the judges' files are collected: no request reaches the repo, and no
/// `collected/` is made, for every command that collects them (`merge`, `merge --entry`,
/// `results`, `feedback`). Nor for an entry `merge --entry` cannot show.
#[test]
fn a_bad_output_is_said_before_the_repo_is_asked() {
    let (s, hub) = mira_pushed();
    std::fs::create_dir(s.path().join("a-folder")).expect("folder");
    s.file("a-file", "not a folder\n");
    let before = hub.seen("").len();
    let bad: [(&[&str], &str); 7] = [
        (&["merge", "--from-hub", "-o", "no-such-folder/out.md"], "no-such-folder"),
        (&["merge", "--from-hub", "-o", "a-folder"], "a-folder"),
        (&["merge", "--from-hub", "-o", "/proc/judging-out.md"], "/proc"),
        (&["merge", "--from-hub", "--entry", "sprout-sense", "-o", "no-such-folder/e.md"], "no-such-folder"),
        (&["results", "--from-hub", "-o", "no-such-folder/r.md"], "no-such-folder"),
        (&["results", "--from-hub", "-o", "a-folder"], "a-folder"),
        (&["feedback", "--from-hub", "-o", "a-file"], "a-file"),
    ];
    for (args, named) in bad {
        let out = judging(&s, &hub, "head", TOKEN).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.contains(named), "{args:?} names {named}: {stderr}");
        assert!(!stderr.contains("Collected"), "{args:?}: said before collecting: {stderr}");
        assert_eq!(hub.seen("").len(), before, "{args:?}: no request made: {stderr}");
        assert!(!s.path().join("collected").exists(), "{args:?}: nothing collected");
    }
    // An entry the store does not have is said before collecting too.
    let out = judging(&s, &hub, "head", TOKEN).args(["merge", "--from-hub", "--entry", "no-such-entry"]).output();
    let out = out.expect("runs");
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("no-such-entry"));
    assert_eq!(hub.seen("").len(), before, "no request for an unknown entry");
    // The same outputs, writable, are written from the repo's files.
    judging(&s, &hub, "head", TOKEN).args(["merge", "--from-hub", "-o", "a-folder/out.md"]).assert().success();
    assert!(s.path().join("a-folder/out.md").exists());
    assert!(hub.seen("").len() > before);
}

/// `merge --finals --from-hub` says what stops the publish whatever the judges' files hold (no
/// [finals]; a finals.toml published before that does not read) before it asks the repo for
/// them: it had collected, checked and merged every judge's file to refuse the file beside
/// judging.toml. With --force it goes on to the repo's files.
#[test]
fn a_finals_publish_that_cannot_be_is_said_before_the_repo_is_asked() {
    let (s, hub) = mira_pushed();
    let before = hub.seen("").len();
    let refused = |named: &str| {
        let out = judging(&s, &hub, "head", TOKEN).args(["merge", "--finals", "--from-hub"]).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!out.status.success(), "{stderr}");
        assert!(stderr.contains(named), "names {named}: {stderr}");
        assert!(!stderr.contains("Collected"), "said before collecting: {stderr}");
        assert_eq!(hub.seen("").len(), before, "no request made: {stderr}");
        assert!(!s.path().join("collected").exists(), "nothing collected");
        stderr
    };
    refused("has no [finals]");
    s.file("judging.toml", &format!("{}\n[finals]\n[sync]\nrepo = \"{REPO}\"\n", judging::config::BUILTIN));
    s.file("finals.toml", "event = \"build-small-2026\"\nrankings = 3\n");
    let said = refused("finals.toml");
    assert!(said.contains("--force"), "{said}");
    // With --force the file is published over: the repo's files are collected and merged (two
    // entries scored, one a track, are no finals: said after the merge, as ever).
    judging(&s, &hub, "head", TOKEN)
        .args(["merge", "--finals", "--from-hub", "--force"])
        .assert()
        .stderr(predicate::str::contains("Collected 1 of 1 score file"))
        .stderr(predicate::str::contains("fewer than two entries to compare"));
    assert!(hub.seen("").len() > before);
}
