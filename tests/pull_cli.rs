//! `judging pull` as an organizer and a hostile exporter would drive it: cut-off and wrong
//! exports, and where each error in one says the fault is.

mod common;

use common::{Reply, Sandbox, Server};
use predicates::prelude::*;

const SAMPLE: &str = include_str!("../assets/sample-export.csv");

/// Every failing run: one "error:" line first, and never a panic or a backtrace.
fn clean_failure(output: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "should fail: {stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    stderr
}

/// The sample's header and its first `rows` rows: a download cut off at a line's end, which
/// reads as a whole, valid CSV.
fn first_rows(rows: usize) -> String {
    SAMPLE.lines().take(rows + 1).map(|l| format!("{l}\n")).collect()
}

/// Whether `list --format json` says the entry was withdrawn from the export.
fn said_withdrawn(entry: &serde_json::Value) -> bool {
    entry["warnings"].as_array().is_some_and(|w| w.iter().any(|w| w == "withdrawn from the export"))
}

/// The night before the results, the head judge pulls an export whose download was cut off
/// after 3 rows: the pull is refused, saying how many entries it would withdraw and from where,
/// and nothing stored changes (nor the cached copy `--offline` reads); `--force` does it.
#[test]
fn a_cut_off_export_is_refused_until_forced() {
    let in_play = SAMPLE.lines().count() - 1;
    let server = Server::start(vec![Reply::ok("text/csv", SAMPLE.as_bytes())]);
    let url = format!("{}/export.csv", server.base);
    let s = Sandbox::new();
    s.cmd().args(["pull", "--from", &url]).assert().success();
    let before = s.list_json("tester");

    server.then(vec![Reply::ok("text/csv", first_rows(3).as_bytes())]);
    let err = clean_failure(&s.cmd().args(["pull", "--from", &url]).output().expect("runs"));
    let said = format!("{url} would withdraw {} of the {in_play} entries in play", in_play - 3);
    assert!(err.contains(&said), "{err}");
    assert!(err.contains("it holds 3 submissions") && err.contains("Nothing was changed"), "{err}");
    assert!(err.contains("pull it again with --force"), "{err}");
    assert_eq!(s.list_json("tester"), before, "nothing of the refused pull is kept");
    s.cmd()
        .args(["pull", "--offline", "--from", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{in_play} submissions: 0 new, 0 changed, {in_play} unchanged")));

    s.cmd()
        .args(["pull", "--force", "--from", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{} withdrawn", in_play - 3)));
    let list = s.list_json("tester");
    let withdrawn = list.as_array().expect("list").iter().filter(|e| said_withdrawn(e)).count();
    assert_eq!(withdrawn, in_play - 3);
}

/// One team leaving, or a few, is an ordinary pull: no question asked.
#[test]
fn a_few_withdrawals_need_no_force() {
    let in_play = SAMPLE.lines().count() - 1;
    let s = Sandbox::new();
    let export = s.file("export.csv", SAMPLE);
    s.cmd().args(["pull", "--from"]).arg(&export).assert().success();
    let fewer = s.file("fewer.csv", &first_rows(in_play - 3));
    s.cmd().args(["pull", "--from"]).arg(&fewer).assert().success().stdout(predicate::str::contains(", 3 withdrawn"));
}

/// Trying judging on the built-in sample, then pulling the event's own export, withdraws every
/// sample entry and loses nothing: no question asked. An export with no valid row is still
/// refused.
#[test]
fn the_events_own_export_replaces_the_sample_unasked() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    let broken = s.file("broken.csv", "id,title,space_url\nx,X,javascript:alert(1)\n");
    let err = clean_failure(&s.cmd().args(["pull", "--from"]).arg(&broken).output().expect("runs"));
    assert!(err.contains("no valid submission (1 row rejected)"), "{err}");
    let own = s.file("own.csv", "id,title,space_url\nours,Ours,https://huggingface.co/spaces/o/ours\n");
    let in_play = SAMPLE.lines().count() - 1;
    s.cmd()
        .args(["pull", "--from"])
        .arg(&own)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("1 new, 0 changed, 0 unchanged, {in_play} withdrawn")));
}

/// A minified JSON export, downloaded: every row on line 1. `pull` and `check --offline` name
/// each bad row by its item, as `jq '.[3]'` finds it, and its column, not all "line 1".
#[test]
fn a_one_line_json_export_names_each_bad_row_by_its_item() {
    let space = "https://huggingface.co/spaces/org";
    let rows = [
        format!(r#"{{"id":"pantry-poet","title":"Pantry Poet","space_url":"{space}/p","track":"wood"}}"#),
        format!(r#"{{"id":"moss-meter","title":"Moss Meter","space_url":"{space}/m","track":"wood"}}"#),
        r#"{"id":"hive-mind","title":"Hive Mind","track":"wood"}"#.to_owned(),
        format!(r#"{{"id":"moss-meter","title":"Tide Clock","space_url":"{space}/t","track":"wood"}}"#),
        r#"{"id":"log-reader","title":"Log Reader","space_url":"javascript:alert(1)","track":"wood"}"#.to_owned(),
    ];
    let text = format!("[{}]", rows.join(","));
    let column = |n: usize| text.match_indices(r#"{"id""#).nth(n).map(|(i, _)| i + 1).expect("item");
    let wants = [
        format!("item [2] at line 1, column {} (hive-mind): rejected: no Space URL", column(2)),
        format!(
            "item [3] at line 1, column {} (moss-meter): rejected: duplicate id: item [1] at line 1, column {} has it already",
            column(3),
            column(1)
        ),
        format!("item [4] at line 1, column {} (log-reader): rejected: space: \"javascript:alert(1)\"", column(4)),
    ];
    let server = Server::start(vec![Reply::ok("application/json", text.as_bytes())]);
    let url = format!("{}/export.json", server.base);
    let s = Sandbox::new();
    let config = judging::config::BUILTIN.replacen(r#"source = "builtin:sample""#, &format!("source = {url:?}"), 1);
    assert_ne!(config, judging::config::BUILTIN, "the source is set");
    s.file("judging.toml", &config);
    let pull = s.cmd().arg("pull").output().expect("runs");
    assert!(pull.status.success(), "{pull:?}");
    let check = s.cmd().args(["check", "--offline"]).output().expect("runs");
    for said in [&pull.stderr, &check.stdout] {
        let said = String::from_utf8_lossy(said);
        for want in &wants {
            assert!(said.contains(want.as_str()), "{want}: {said}");
        }
        assert!(!said.contains("line 1 ("), "no row is named by its line alone: {said}");
    }
}

/// JSON Lines: a blank line between rows is passed over, and a line cut short is named by its
/// own line and item, then where the reader found it wanting.
#[test]
fn json_lines_name_the_line_a_row_is_on() {
    let s = Sandbox::new();
    let row = |id: &str| format!(r#"{{"id":"{id}","title":"T","space_url":"https://huggingface.co/spaces/o/{id}"}}"#);
    let good = format!("{}\n\n{}\n", row("a"), row("b"));
    let export = s.file("export.jsonl", &good);
    s.cmd().args(["pull", "--from"]).arg(&export).assert().success().stdout(predicate::str::contains("2 new"));
    let cut = s.file("cut.jsonl", &format!("{good}{{\"id\":\"c\",\n{}\n", row("d")));
    let err = clean_failure(&s.cmd().args(["pull", "--from"]).arg(&cut).output().expect("runs"));
    assert!(
        err.contains(
            "cut.jsonl: item [2] at line 4, column 1: not valid JSON at line 5, column 1: key must be a string"
        ),
        "{err}"
    );
}

/// A path given with --from is echoed as typed: `../big.csv` had been `./../big.csv`, in the
/// pull's line and the check's.
#[test]
fn a_path_given_is_said_as_typed() {
    let s = Sandbox::new();
    s.file("big.csv", "id,title,space_url\na,A,https://huggingface.co/spaces/x/a\n");
    std::fs::create_dir(s.path().join("sub")).expect("mkdir");
    let db = s.path().join("s.sqlite");
    let pulled = s
        .cmd()
        .current_dir(s.path().join("sub"))
        .arg("--db")
        .arg(&db)
        .args(["pull", "--from", "../big.csv"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&pulled.stdout);
    assert!(pulled.status.success() && stdout.starts_with("Pulled ../big.csv into"), "{stdout}");
    let checked =
        s.cmd().current_dir(s.path().join("sub")).args(["check", "--from", "../big.csv"]).output().expect("runs");
    let stdout = String::from_utf8_lossy(&checked.stdout);
    assert!(stdout.contains("\n../big.csv: 1 row read"), "{stdout}");
}

/// A store path that holds a control is shown one way, escaped, in the message and in the
/// command it gives: cleaned, "a\e[31mb" had been said as "ab", another file.
#[test]
fn a_store_path_with_a_control_is_shown_escaped() {
    let s = Sandbox::new();
    let out = s.cmd().env("JUDGING_DB", "a\u{1b}[31mb").args(["--judge", "mira", "list"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains(r"no store at a\u{1b}[31mb yet"), "{stderr}");
    assert!(stderr.contains(r"--db 'a\u{1b}[31mb'"), "{stderr}");
    assert!(!stderr.contains('\u{1b}') && !stderr.contains("no store at ab"), "{stderr}");
}
