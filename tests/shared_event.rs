//! The shared event as a hostile judge would try it: signing as another judge, a repo's
//! judging.toml that names paths outside the folder or a program to run, names that collide,
//! secrets in the repo, files the Hub wants through LFS.

mod common;

use std::time::Duration;

use common::Sandbox;
use common::hubrepo::FakeHub;
use predicates::prelude::*;

const REPO: &str = "judges/scores-2026";
const TOKEN: &str = "hf_secret_token_of_the_test";
const LEGACY_SECRET: &str = "ben-legacy-secret-0123456789";

fn judging(s: &Sandbox, hub: &FakeHub, judge: &str) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    // Who is judging on this machine, as its environment says: `sync init` acts for no judge.
    cmd.env("HF_ENDPOINT", &hub.base).env("HF_TOKEN", TOKEN).env("JUDGING_JUDGE", judge);
    cmd
}

/// Makes the judge's key on their own machine and returns its public half, as printed.
fn key_of(s: &Sandbox, hub: &FakeHub, judge: &str) -> String {
    let out = judging(s, hub, judge).arg("key").output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = stdout.lines().find(|l| l.starts_with("public_key = ")).expect("a public_key line");
    line.trim_start_matches("public_key = ").trim_matches('"').to_owned()
}

/// Every byte the repo holds, as text.
fn repo_text(hub: &FakeHub) -> String {
    let state = hub.state.lock().expect("lock");
    state.files.values().map(|b| String::from_utf8_lossy(b).into_owned()).collect::<Vec<_>>().join("\n")
}

fn hub() -> FakeHub {
    FakeHub::start(REPO, Duration::ZERO, |st| st.token = Some(TOKEN.into()))
}

#[test]
fn a_judge_cannot_sign_as_another_and_no_secret_reaches_the_repo() {
    let hub = hub();
    let (organizer, ana, ben) = (Sandbox::new(), Sandbox::new(), Sandbox::new());
    let (ana_key, ben_key) = (key_of(&ana, &hub, "ana"), key_of(&ben, &hub, "ben"));
    // The private half stays in the judge's config folder, readable by them alone.
    let file = ana.path().join("config/judging/keys/ana.key");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&file).expect("key file").permissions());
    assert_eq!(mode & 0o777, 0o600);
    organizer.file(
        "judging.toml",
        &format!(
            "{}\n[sync]\nrepo = \"{REPO}\"\n\n[[judges]]\nname = \"ana\"\npublic_key = \"{ana_key}\"\n\n[[judges]]\nname = \"ben\"\npublic_key = \"{ben_key}\"\nkey = \"{LEGACY_SECRET}\"\n",
            judging::config::BUILTIN
        ),
    );
    judging(&organizer, &hub, "head").arg("pull").assert().success();
    judging(&organizer, &hub, "head")
        .args(["sync", "init"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Left out judges[").and(predicate::str::contains("].key")));
    let shared = repo_text(&hub);
    assert!(!shared.contains(LEGACY_SECRET), "no secret in the repo");
    assert!(shared.contains(&ben_key), "the public keys travel");
    for (s, name) in [(&ana, "ana"), (&ben, "ben")] {
        judging(s, &hub, name).args(["join", REPO]).assert().success();
        judging(s, &hub, name).args(["score", "sprout-sense", "utility=4", "latency=3", "cost=4"]).assert().success();
    }
    judging(&ben, &hub, "ben").arg("push").assert().success();
    judging(&organizer, &hub, "head").args(["merge", "--from-hub"]).assert().success();
    // Ana, as ben on her own machine: a key she makes under his name is not his.
    judging(&ana, &hub, "ben").arg("key").assert().success().stdout(predicate::str::contains("not the one"));
    let as_ben = ana.path().join("as-ben.sqlite");
    let mut cmd = judging(&ana, &hub, "ben");
    cmd.arg("--db").arg(&as_ben).arg("pull").assert().success();
    let mut cmd = judging(&ana, &hub, "ben");
    cmd.arg("--db").arg(&as_ben).args(["score", "sprout-sense", "utility=1", "latency=1", "cost=1"]);
    cmd.assert().success();
    let mut cmd = judging(&ana, &hub, "ben");
    // Said as a warning, on standard error, as `export` says it.
    cmd.arg("--db").arg(&as_ben).arg("push").assert().success().stderr(predicate::str::contains("not the one"));
    judging(&organizer, &hub, "head").args(["merge", "--from-hub"]).assert().failure().stderr(
        predicate::str::contains("judge ben has a key").and(predicate::str::contains("signed with another key")),
    );
    // Ben pushes again; his file is his once more.
    judging(&ben, &hub, "ben").arg("push").assert().success();
    judging(&organizer, &hub, "head").args(["merge", "--from-hub"]).assert().success();
}

/// A repo's judging.toml is written by whoever can push to the repo: every judge. `top` goes
/// before the first section, `assign_file` replaces the assignments file's name.
fn repo_with(hub: &FakeHub, top: &str, assign_file: &str) {
    hub.state.lock().expect("lock").exists = true;
    let builtin = judging::config::BUILTIN.replace("file = \"assignments.toml\"", &format!("file = \"{assign_file}\""));
    hub.put("judging.toml", format!("{top}{builtin}\n[sync]\nrepo = \"{REPO}\"\n").as_bytes());
}

#[test]
fn join_writes_nothing_outside_its_folder() {
    let outside = tempfile::tempdir().expect("tempdir");
    let target = outside.path().join("p.toml");
    for file in [target.display().to_string(), "../../../../outside/p.toml".to_owned()] {
        let hub = hub();
        repo_with(&hub, "", &file);
        hub.put(&file, b"[judges]\n");
        let judge = Sandbox::new();
        judging(&judge, &hub, "mira")
            .args(["join", REPO])
            .assert()
            .failure()
            .stderr(predicate::str::contains("assign.file").and(predicate::str::contains("relative to its folder")));
        assert!(!target.exists(), "nothing written outside");
        assert!(!judge.path().join("config/judging/_joined/judging.toml").exists(), "nothing written at all");
        let asked: Vec<String> = hub.seen("GET ").into_iter().map(|(line, _, _)| line).collect();
        assert!(asked.iter().all(|l| l.ends_with("/resolve/main/judging.toml")), "{asked:?}");
    }
}

/// The files a repo's judging.toml names are fetched into a folder of their own: named after the
/// judge's signing key or remembered name, they had replaced them, and another judge could sign
/// as this one with a key of their making.
#[test]
fn join_cannot_replace_the_judges_key_or_name() {
    for file in ["keys/mira.key", "judge"] {
        let hub = hub();
        let judge = Sandbox::new();
        let before = key_of(&judge, &hub, "mira");
        let key_file = judge.path().join("config/judging/keys/mira.key");
        let (key, name) = (std::fs::read(&key_file).expect("the key"), judge.path().join("config/judging/judge"));
        let remembered = std::fs::read(&name).ok();
        repo_with(&hub, "", file);
        hub.put(file, b"ed25519-private:AAAA-the-other-judges-key\n");
        judging(&judge, &hub, "mira").args(["join", REPO]).assert().success();
        assert_eq!(std::fs::read(&key_file).expect("the key"), key, "{file}: the key as it was");
        assert_eq!(std::fs::read(&name).ok(), remembered, "{file}: the name as it was");
        assert!(
            judge.path().join("config/judging/_joined").join(file).is_file(),
            "{file}: fetched beside judging.toml"
        );
        assert_eq!(key_of(&judge, &hub, "mira"), before, "{file}: the same public key");
    }
    // Named as judging.toml itself, the download would replace what was checked; in other
    // letters too, as a file system that ignores case reads them.
    for itself in ["judging.toml", "Judging.TOML"] {
        let hub = hub();
        repo_with(&hub, "", itself);
        let judge = Sandbox::new();
        judging(&judge, &hub, "mira")
            .args(["join", REPO])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("assign.file = \"{itself}\" names judging.toml itself")));
        assert!(!judge.path().join("config/judging/_joined/judging.toml").exists(), "nothing written");
    }
}

#[test]
fn join_runs_nothing_the_repo_names() {
    let hub = hub();
    repo_with(&hub, "browser = \"touch pwned\"\n", "assignments.toml");
    let judge = Sandbox::new();
    judging(&judge, &hub, "mira")
        .args(["join", REPO])
        .assert()
        .success()
        .stderr(predicate::str::contains("browser = \"touch pwned\" is not read"));
    judging(&judge, &hub, "mira")
        .args(["check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("is not read").and(predicate::str::contains("$BROWSER")));
}

#[test]
fn judges_whose_names_differ_never_share_a_file_and_every_name_is_collected() {
    let hub = hub();
    let organizer = Sandbox::new();
    organizer.file("judging.toml", &format!("{}\n[sync]\nrepo = \"{REPO}\"\n", judging::config::BUILTIN));
    judging(&organizer, &hub, "head").arg("pull").assert().success();
    judging(&organizer, &hub, "head").args(["sync", "init"]).assert().success();
    for name in ["Ana Lee", "Ana.Lee", "José", "Zoë"] {
        let s = Sandbox::new();
        judging(&s, &hub, name).args(["join", REPO]).assert().success();
        judging(&s, &hub, name).args(["score", "sprout-sense", "utility=4", "latency=3", "cost=4"]).assert().success();
        judging(&s, &hub, name).arg("push").assert().success();
    }
    let files: Vec<String> =
        hub.state.lock().expect("lock").files.keys().filter(|f| f.starts_with("scores/")).cloned().collect();
    assert_eq!(files, ["scores/ana_lee.json", "scores/ana~2elee.json", "scores/josé.json", "scores/zoë.json"]);
    judging(&organizer, &hub, "head")
        .arg("collect")
        .assert()
        .success()
        .stdout(predicate::str::contains("Collected 4 of 4"));
}

#[test]
fn a_file_under_another_judges_name_is_refused() {
    let hub = hub();
    let organizer = Sandbox::new();
    organizer.file("judging.toml", &format!("{}\n[sync]\nrepo = \"{REPO}\"\n", judging::config::BUILTIN));
    judging(&organizer, &hub, "head").arg("pull").assert().success();
    judging(&organizer, &hub, "head").args(["sync", "init"]).assert().success();
    let s = Sandbox::new();
    judging(&s, &hub, "ana").args(["join", REPO]).assert().success();
    judging(&s, &hub, "ana").args(["score", "sprout-sense", "utility=4", "latency=3", "cost=4"]).assert().success();
    judging(&s, &hub, "ana").arg("push").assert().success();
    let ana = hub.state.lock().expect("lock").files.get("scores/ana.json").cloned().expect("pushed");
    hub.put("scores/ben.json", &ana);
    judging(&organizer, &hub, "head")
        .arg("collect")
        .assert()
        .failure()
        .stderr(predicate::str::contains("scores/ben.json: holds the scores of ana"));
}

#[test]
fn the_export_travels_and_lfs_is_refused_before_the_commit() {
    let hub = FakeHub::start(REPO, Duration::ZERO, |st| {
        st.token = Some(TOKEN.into());
        st.lfs_from = Some(1_000_000);
    });
    let organizer = Sandbox::new();
    let export = judging::config::builtin_export("builtin:sample").expect("sample");
    std::fs::create_dir_all(organizer.path().join("data")).expect("mkdir");
    organizer.file("data/export.csv", export);
    organizer.file(
        "judging.toml",
        &format!(
            "{}\n[sync]\nrepo = \"{REPO}\"\n",
            judging::config::BUILTIN.replace("builtin:sample", "data/export.csv")
        ),
    );
    judging(&organizer, &hub, "head").arg("pull").assert().success();
    judging(&organizer, &hub, "head")
        .args(["sync", "init"])
        .assert()
        .success()
        .stdout(predicate::str::contains("data/export.csv"));
    let judge = Sandbox::new();
    judging(&judge, &hub, "mira").args(["join", REPO]).assert().success().stdout(predicate::str::contains("40 new"));
    assert!(judge.path().join("config/judging/_joined/data/export.csv").exists());
    // A file the Hub wants through LFS is refused before any commit.
    let big = format!("{}{}", export, "x,".repeat(600_000));
    organizer.file("data/export.csv", &big);
    let commits = hub.seen("POST /api/datasets/judges/scores-2026/commit/main").len();
    judging(&organizer, &hub, "head")
        .args(["sync", "init"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("data/export.csv").and(predicate::str::contains("LFS")));
    assert_eq!(hub.seen("POST /api/datasets/judges/scores-2026/commit/main").len(), commits, "no commit");
}

/// An export.csv beside judging.toml that is a link to a file in a folder outside it, which is
/// given back (kept as long as the test needs it).
fn export_linked_outside(s: &Sandbox) -> tempfile::TempDir {
    let outside = tempfile::tempdir().expect("a folder outside");
    let secret = outside.path().join("secret.csv");
    std::fs::write(&secret, "id,title,space_url\nx,Secret,https://huggingface.co/spaces/o/x\n").expect("write");
    std::os::unix::fs::symlink(&secret, s.path().join("export.csv")).expect("link");
    outside
}

/// A path judging.toml names is beside it even through a symbolic link: an export that is a
/// link to a file outside, or an assignments file in a folder linked elsewhere, is refused by
/// `pull`, `assign` and `check`, naming the link and where it leads; nothing is read or written
/// outside. (The text of each path was checked; a link planted beside judging.toml was not.)
#[test]
fn a_link_beside_judging_toml_takes_no_file_outside_its_folder() {
    let s = Sandbox::new();
    let outside = export_linked_outside(&s);
    std::os::unix::fs::symlink(outside.path(), s.path().join("out")).expect("link");
    s.file(
        "judging.toml",
        "[event]\nid = \"linked\"\nname = \"Linked\"\n[export]\nsource = \"export.csv\"\n[assign]\nfile = \"out/assignments.toml\"\n[[judges]]\nname = \"ana\"\n[[judges]]\nname = \"ben\"\n",
    );
    let said = "a symbolic link takes it out of judging.toml's folder";
    s.cmd().args(["--judge", "ana", "pull"]).assert().failure().stderr(predicate::str::contains(said));
    // The export itself beside judging.toml: the pull works, and `assign` still may not write
    // through the linked folder.
    std::fs::remove_file(s.path().join("export.csv")).expect("unlink");
    s.file("export.csv", "id,title,space_url\na,A,https://huggingface.co/spaces/o/a\n");
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    s.cmd().args(["--judge", "ana", "assign"]).assert().failure().stderr(predicate::str::contains(said));
    s.cmd().arg("check").assert().stdout(predicate::str::contains(said));
    let left: Vec<_> =
        std::fs::read_dir(outside.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(left, ["secret.csv"], "nothing written outside");
}

/// A shared judging.toml's numbers at their largest (TOML's 2^63 - 1): `check` and `pull` name
/// the key and the range it takes. max_mb and max_field_chars had been an internal error (a
/// panic: a MiB times max_mb, the field guard's limit plus one), and a gap of 1.8e308 had been
/// printed as 309 digits in the merge's legend.
#[test]
fn a_shared_files_largest_numbers_are_refused_by_name() {
    let cases = [
        ("export", "max_mb = 9223372036854775807", "export.max_mb"),
        ("export", "max_field_chars = 9223372036854775807", "export.max_field_chars"),
        ("merge", "min_judges = 9223372036854775807", "merge.min_judges"),
        ("merge", "contested_gap = 1.7976931348623157e308", "merge.contested_gap"),
    ];
    for (section, line, key) in cases {
        let s = Sandbox::new();
        s.file("judging.toml", &format!("[event]\nid = \"big\"\nname = \"Big\"\n\n[{section}]\n{line}\n"));
        for command in ["check", "pull"] {
            let out = s.cmd().arg(command).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{line}, {command}: {stderr}");
            assert!(!stderr.contains("internal error") && !stderr.contains("panicked"), "{line}, {command}: {stderr}");
            assert!(stderr.contains(&format!("{key} = ")), "{line}, {command}: {stderr}");
            assert!(stderr.contains(" to ") || stderr.contains("at most"), "the range it takes: {stderr}");
            let longest = stderr.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
            assert!(longest <= 19, "no number of {longest} digits: {stderr}");
        }
    }
}

/// `sync init` refused (here an export linked outside the folder) says nothing of secrets left
/// out of an upload that never happens: "Left out judges[0].key" had come before the refusal.
#[test]
fn a_refused_upload_says_nothing_of_what_it_left_out() {
    let s = Sandbox::new();
    let _outside = export_linked_outside(&s);
    s.file(
        "judging.toml",
        "[event]\nid = \"linked\"\nname = \"Linked\"\n[export]\nsource = \"export.csv\"\n[sync]\nrepo = \"judges/linked\"\n[[judges]]\nname = \"ana\"\nkey = \"ana-secret-0123456789\"\n",
    );
    s.cmd()
        .env("HF_ENDPOINT", "http://127.0.0.1:9")
        .args(["sync", "init"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("a symbolic link takes it out of judging.toml's folder"))
        .stdout(predicate::str::contains("Left out").not());
}
