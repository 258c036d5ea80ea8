//! Score files from judges to the head judge, through the real binary.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

mod common;

use common::Sandbox;
use predicates::prelude::*;

/// Pulls the sample as `judge`, scores some entries (`bias` added to every score), exports.
fn judge_file(s: &Sandbox, judge: &str, bias: i8, entries: &[&str]) -> std::path::PathBuf {
    s.cmd().args(["--judge", judge, "pull"]).assert().success();
    for (i, id) in entries.iter().enumerate() {
        let v = |base: i8| ((base + bias).clamp(1, 5)).to_string();
        let base = 1 + (i % 4) as i8;
        s.cmd()
            .args(["--judge", judge, "score", id])
            .arg(format!("utility={}", v(base)))
            .arg(format!("latency={}", v(base)))
            .arg(format!("cost={}", v(base + 1)))
            .assert()
            .success();
    }
    let out = s.path().join(format!("{judge}.json"));
    s.cmd().args(["--judge", judge, "export", "-o"]).arg(&out).assert().success();
    out
}

const SOME: [&str; 6] =
    ["sprout-sense", "pantry-poet", "bus-stop-oracle", "lullaby-loom", "meter-reader", "recipe-rescue"];

fn head(s: &Sandbox) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.args(["--judge", "head"]);
    cmd
}

/// Every judge's view of Sprout Sense in `format`, merged from `files` by the head judge.
fn sprout_sense_seen(s: &Sandbox, files: &[std::path::PathBuf], format: &str) -> String {
    let out =
        head(s).args(["merge", "--entry", "sprout-sense", "--format", format]).args(files).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn files_merge_into_rankings_overall_and_per_track() {
    let s = Sandbox::new();
    let a = judge_file(&s, "mira", 1, &SOME);
    let b = judge_file(&s, "tomas", -1, &SOME[..4]);
    head(&s).arg("pull").assert().success();
    head(&s).arg("merge").args([&a, &b]).assert().success().stdout(
        predicate::str::contains("Merged with the calibrated method")
            .and(predicate::str::contains("OVERALL (6 entries)"))
            .and(predicate::str::contains("BACKYARD"))
            .and(predicate::str::contains("WOOD"))
            .and(predicate::str::is_match(r"mira\s+6\s+\+").expect("regex")),
    );
}

#[test]
fn the_result_does_not_depend_on_the_order_of_the_files() {
    let s = Sandbox::new();
    let files =
        [judge_file(&s, "a", 1, &SOME), judge_file(&s, "b", 0, &SOME[1..]), judge_file(&s, "c", -1, &SOME[..5])];
    head(&s).arg("pull").assert().success();
    let run = |order: [usize; 3]| {
        let out = head(&s).args(["merge", "--format", "json"]).args(order.map(|i| &files[i])).output().expect("runs");
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(run([0, 1, 2]), run([2, 0, 1]));
    assert_eq!(run([0, 1, 2]), run([1, 2, 0]));
}

#[test]
fn a_judge_in_two_files_counts_once_from_the_newer() {
    let s = Sandbox::new();
    let old = judge_file(&s, "mira", 0, &SOME[..2]);
    let older = s.path().join("mira-old.json");
    std::fs::rename(&old, &older).expect("keep the old file");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let new = judge_file(&s, "mira", 0, &SOME);
    head(&s).arg("pull").assert().success();
    head(&s)
        .arg("merge")
        .args([&older, &new])
        .assert()
        .success()
        .stderr(predicate::str::contains("judge \"mira\" appears twice"))
        .stderr(predicate::str::contains("leaves out").not())
        .stdout(predicate::str::contains("OVERALL (6 entries)"));
}

/// A newer file under a judge's name that drops entries the older one scored is said to be
/// possibly another's: unsigned, a name proves nothing.
#[test]
fn a_newer_file_that_drops_a_judges_scores_is_questioned() {
    let s = Sandbox::new();
    let old = judge_file(&s, "mira", 0, &SOME);
    let older = s.path().join("mira-old.json");
    std::fs::rename(&old, &older).expect("keep the old file");
    std::thread::sleep(std::time::Duration::from_millis(20));
    // Someone else's store, scoring one entry under mira's name.
    let store = s.path().join("impostor.sqlite");
    let as_mira = |args: &[&str]| {
        s.cmd().arg("--db").arg(&store).args(["--judge", "mira"]).args(args).assert().success();
    };
    as_mira(&["pull"]);
    as_mira(&["score", "sprout-sense", "utility=1", "latency=1", "cost=1"]);
    let forged = s.path().join("forged.json");
    as_mira(&["export", "-o", forged.to_str().expect("a UTF-8 path")]);
    head(&s).arg("pull").assert().success();
    head(&s).arg("merge").args([&older, &forged]).assert().success().stderr(predicate::str::contains(
        "the newer leaves out 5 entries the older scored: if \"mira\" did not write it",
    ));
}

fn forged_named(s: &Sandbox, judge: &str) -> std::path::PathBuf {
    common::score_file(s, &format!("by-{}.json", judge.trim().len()), |b| b.judge = judge.into())
}

#[test]
fn two_different_files_of_one_judge_at_one_moment_are_refused_and_one_file_twice_counts_once() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let first = common::score_file(&s, "first.json", |b| b.judge = "mira".into());
    let copy = s.path().join("copy.json");
    std::fs::copy(&first, &copy).expect("copy");
    let other = common::score_file(&s, "other.json", |b| {
        b.judge = "mira".into();
        b.scores[0].1[0] = Some(1);
    });
    head(&s)
        .arg("merge")
        .args([&first, &copy])
        .assert()
        .success()
        .stderr(predicate::str::contains("are the same file"));
    for files in [[&first, &other], [&other, &first]] {
        head(&s).arg("merge").args(files).assert().failure().stderr(
            predicate::str::contains("two different files of judge \"mira\" written at the same moment")
                .and(predicate::str::contains("first.json"))
                .and(predicate::str::contains("other.json")),
        );
    }
}

/// The head judge's store pulled, and mira's good file with its text, for a bad file to be
/// made from and merged beside.
fn pulled_with_a_good_file(s: &Sandbox) -> (std::path::PathBuf, String) {
    let good = judge_file(s, "mira", 0, &SOME);
    head(s).arg("pull").assert().success();
    let text = std::fs::read_to_string(&good).expect("read");
    (good, text)
}

#[test]
fn bad_files_are_refused_by_name_and_nothing_is_merged() {
    let s = Sandbox::new();
    let (good, text) = pulled_with_a_good_file(&s);
    let edited = s.file("edited.json", &text.replacen("[2,2,3]", "[5,2,3]", 1));
    assert_ne!(std::fs::read_to_string(&edited).expect("read"), text, "the edit happened");
    // Each case: the file, what is said of it, and what is said to put it right.
    let cases: Vec<(std::path::PathBuf, &str, &str)> = vec![
        (edited, "edited after it was written", "export again"),
        (s.file("cut.json", &text[..text.len() / 2]), "a judging score file cut short", "send the whole file"),
        (s.file("empty.json", ""), "empty", "`judging export`"),
        (
            s.file("v6.json", &text.replace("\"version\":4", "\"version\":6")),
            "version 6; this judging reads versions 1 to 5",
            "upgrade judging",
        ),
        (s.file("indented.json", &pretty(&text)), "edited after it was written", "export again"),
        // An edit that breaks the body is an edit first: said as one, with the judge it names.
        (
            s.file("renamed.json", &text.replacen("\"judge\":", "\"judgez\":", 1)),
            "edited after it was written",
            "export again",
        ),
        (
            s.file("other.json", "{\"format\": \"something-else\", \"version\": 1, \"body\": {}, \"digest\": \"\"}"),
            "not a judging score file",
            "give the judges' files",
        ),
        (
            common::score_file(&s, "event.json", |b| b.event = "another-event".into()),
            "is for event \"another-event\"",
            "(`--config`)",
        ),
        (common::score_file(&s, "rubric.json", |b| b.rubric = "sha256:0000".into()), "another rubric", "export again"),
        (
            common::score_file(&s, "scale.json", |b| b.scores[0].1[0] = Some(9)),
            "utility = 9 is outside its scale 1-5",
            "export again",
        ),
        (
            common::score_file(&s, "criterion.json", |b| b.criteria[0] = "speed".into()),
            "another rubric",
            "export again",
        ),
        (
            common::score_file(&s, "columns.json", |b| b.scores[0].1.truncate(2)),
            "2 values for 3 criteria",
            "export again",
        ),
        (
            common::score_file(&s, "unknown.json", |b| b.scores[0].0 = "no-such-entry".into()),
            "not in the export",
            "pull the export",
        ),
        (
            // Two rows for one entry would count the judge twice on it.
            common::score_file(&s, "twice.json", |b| b.scores.push(b.scores[0].clone())),
            "sprout-sense: two rows for one submission",
            "export again",
        ),
        (s.file("bom.json", "\u{feff}\n"), "empty", "`judging export`"),
        (s.file("object.json", "{}"), "without a score file's keys", "give the judges' files"),
        (
            s.file("deep.json", &format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))),
            "nested more than 128 levels",
            "give the judges' files",
        ),
        // From a newer judging: an envelope this one does not read is not "edited".
        (
            s.file(
                "newer.json",
                &text.replacen("{\"format\"", "{\"newer\":1,\"format\"", 1).replace("\"version\":4", "\"version\":9"),
            ),
            "version 9; this judging reads versions 1 to 5",
            "upgrade judging",
        ),
        // A key with an escape sequence in it, which serde's message quotes: shown, not sent.
        (
            s.file(
                "esc-key.json",
                "{\"format\":\"judging-scores\",\"version\":4,\"\\u001b[2J\":1,\"digest\":\"x\",\"body\":{}}",
            ),
            "unknown field `\\u{1b}[2J`",
            "give the judges' files",
        ),
        // judging.toml given by mistake: no judge to ask.
        (s.file("judging-copy.json", "[event]\nid = \"x\"\n"), "not a judging score file", "give the judges' files"),
        // A file that is not there: what to check, as every command says it (a folder is
        // refused before any file is read: given_files).
        (s.path().join("scores-nobody.json"), "cannot read", "check the name and its folders"),
    ];
    for (bad, want, cure) in cases {
        let out = head(&s).arg("merge").args([&good, &bad]).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{want}: accepted");
        assert!(
            stderr.contains(&bad.file_name().expect("name").to_string_lossy().to_string()),
            "names the file: {stderr}"
        );
        assert!(stderr.contains(want), "{want}: {stderr}");
        // Each says what would put it right, not only what is wrong: its own cure.
        assert!(stderr.contains(cure), "{want}: not {cure:?}: {stderr}");
        assert!(stderr.contains("nothing was merged"), "{stderr}");
        assert!(out.stdout.is_empty(), "no half-merged output");
        assert!(!stderr.contains('\u{1b}'), "{want}: an escape reached the terminal: {stderr:?}");
    }
}

/// A file a judge named with an escape sequence in it is named as given, its controls shown,
/// and no escape sequence reaches the head judge's terminal.
#[test]
fn a_file_named_with_an_escape_sequence_is_named_without_it_reaching_the_terminal() {
    let s = Sandbox::new();
    let (good, text) = pulled_with_a_good_file(&s);
    let bad = s.file("m\u{1b}]0;owned\u{7}\u{1b}[8mira.json", &text.replacen("[2,2,3]", "[5,2,3]", 1));
    let out = head(&s).arg("merge").args([&good, &bad]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("m\\u{1b}]0;owned\\u{7}\\u{1b}[8mira.json: edited after it was written"), "{stderr}");
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "{stderr:?}");
}

/// The same JSON, re-indented as an editor would save it.
fn pretty(text: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(text).expect("json");
    serde_json::to_string_pretty(&value).expect("json")
}

#[test]
fn a_version_1_file_from_an_earlier_build_still_merges() {
    let s = Sandbox::new();
    let v1 = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scores-v1-mira.json");
    head(&s).arg("pull").assert().success();
    head(&s).args(["merge", "--method", "mean"]).arg(&v1).assert().success().stdout(
        predicate::str::contains("OVERALL (24 entries)").and(predicate::str::is_match(r"mira\s+24").expect("re")),
    );
    let text = std::fs::read_to_string(&v1).expect("read");
    let edited = s.file("v1-edited.json", &text.replacen("[3,3,3]", "[5,5,5]", 1));
    head(&s)
        .arg("merge")
        .arg(&edited)
        .assert()
        .failure()
        .stderr(predicate::str::contains("edited after it was written"));
}

#[test]
fn withdrawn_and_recused_entries_are_left_out() {
    let s = Sandbox::new();
    let mut ids = SOME.to_vec();
    ids.push("dream-cartographer");
    let file = common::score_file(&s, "f.json", |b| {
        b.scores = ids.iter().map(|id| (id.to_string(), vec![Some(3); 3], vec![Some(1_781_000_000_000); 3])).collect();
        b.texts[judging::model::TextPart::Recusal].insert("pantry-poet".into(), "conflict".into());
    });
    head(&s).args(["pull", "--from", "builtin:sample"]).assert().success();
    head(&s).args(["pull", "--from", "builtin:sample-v2"]).assert().success();
    let out = head(&s).args(["merge", "--method", "mean", "--format", "json"]).arg(&file).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let overall = &v["rankings"][0][1];
    let listed: Vec<&str> = overall.as_array().expect("array").iter().map(|e| e["id"].as_str().expect("id")).collect();
    assert_eq!(listed.len(), 5, "{listed:?}");
    assert!(!listed.contains(&"pantry-poet") && !listed.contains(&"dream-cartographer"), "{listed:?}");
    assert!(
        overall.as_array().expect("array").iter().all(|e| e["flags"]
            .as_array()
            .expect("flags")
            .iter()
            .any(|f| f == "thin"))
    );
    // The withdrawn entry's scores are left out in words, not silently; --entry says why.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("withdrawn from the export, so their scores are left out of every ranking and prize: Dream Cartographer (\"dream-cartographer\", scored by \"forger\")"),
        "{stderr}"
    );
    head(&s)
        .args(["merge", "--method", "mean", "--entry", "dream-cartographer"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--entry \"dream-cartographer\": withdrawn from the export, so in no ranking; the scores of forger are left out",
        ));
}

#[test]
fn signed_files_merge_and_forgeries_do_not() {
    let s = Sandbox::new();
    let key = "a-secret-of-mira-0123456789";
    // The judge signs with the key from the environment; the head judge's judging.toml has it.
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.cmd().args(["--judge", "mira", "score", "sprout-sense", "utility=4", "latency=3", "cost=5"]).assert().success();
    let signed = s.path().join("mira-signed.json");
    s.cmd()
        .args(["--judge", "mira", "export", "-o"])
        .arg(&signed)
        .env("JUDGING_KEY", key)
        .assert()
        .success()
        .stdout(predicate::str::contains(", signed"));
    let text = std::fs::read_to_string(&signed).expect("read");
    assert!(text.contains("\"signature\":\"hmac-sha256:") && !text.contains(key), "signed, key not written");
    let other_key = s.path().join("mira-other.json");
    s.cmd()
        .args(["--judge", "mira", "export", "-o"])
        .arg(&other_key)
        .env("JUDGING_KEY", "another-key-entirely-0000")
        .assert()
        .success();
    let unsigned = s.path().join("mira-unsigned.json");
    s.cmd().args(["--judge", "mira", "export", "-o"]).arg(&unsigned).assert().success();
    // A forger who re-computes the digest after an edit, without the key.
    let forged = common::score_file(&s, "forged.json", |b| b.judge = "mira".into());

    s.file("judging.toml", &format!("[[judges]]\nname = \"mira\"\nkey = \"{key}\"\n"));
    head(&s).arg("pull").assert().success();
    head(&s).arg("merge").arg(&signed).assert().success().stdout(predicate::str::contains("OVERALL (1 entry)"));
    // With keys in use, a name judging.toml does not list is refused, even one that only looks
    // like a listed one (a Cyrillic а), and so is a listed judge without a key.
    let mallory = forged_named(&s, "mallory");
    let lookalike = forged_named(&s, "\u{430}mira");
    for (file, want) in [
        (&unsigned, "is not signed"),
        (&other_key, "signed with another key"),
        (&forged, "is not signed"),
        (&mallory, "judge \"mallory\" is not in judging.toml's [[judges]]"),
        (&lookalike, "is not in judging.toml's [[judges]]"),
    ] {
        head(&s)
            .arg("merge")
            .arg(file)
            .assert()
            .failure()
            .stderr(predicate::str::contains(want).and(predicate::str::contains("nothing was merged")));
    }
    // A judge without a key, beside one with: refused, as is everyone once signatures are asked.
    s.file("judging.toml", &format!("[[judges]]\nname = \"mira\"\nkey = \"{key}\"\n[[judges]]\nname = \"ana\"\n"));
    let ana = forged_named(&s, "Ana ");
    head(&s)
        .arg("merge")
        .arg(&ana)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is listed in judging.toml with no public_key"));
    s.file("judging.toml", "[merge]\nrequire_signatures = true\n[[judges]]\nname = \"ana\"\n");
    head(&s)
        .arg("merge")
        .arg(&ana)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is listed in judging.toml with no public_key"));
    // A key too short to be a secret is a configuration error.
    s.file("judging.toml", "[[judges]]\nname = \"mira\"\nkey = \"short\"\n");
    head(&s)
        .arg("merge")
        .arg(&signed)
        .assert()
        .failure()
        .stderr(predicate::str::contains("judges[0].key is too short"));
    // A public key pasted as `key` (the shared secret of earlier builds): anyone could sign as
    // mira with what `judging key` prints. It had passed `check`, and a file signed with it merged.
    let public = "ed25519:4DPdRi+0EJKw11iqhXbVAbflTi6+iwdBelZ3oc6cGtw=";
    s.file("judging.toml", &format!("[[judges]]\nname = \"mira\"\nkey = \"{public}\"\n"));
    let said = "judges[0].key holds a public key (what `judging key` prints), not a secret: anyone could sign as \"mira\" with it. Give it as public_key (the same value, ed25519: and all) and remove key";
    head(&s).arg("check").arg("--offline").assert().failure().stderr(predicate::str::contains(said));
    head(&s).arg("merge").arg(&signed).assert().failure().stderr(predicate::str::contains(said));
    // Without its prefix, beside the same judge's public_key: the same.
    let bare = public.trim_start_matches("ed25519:");
    s.file("judging.toml", &format!("[[judges]]\nname = \"mira\"\npublic_key = \"{public}\"\nkey = \"{bare}\"\n"));
    head(&s).arg("check").arg("--offline").assert().failure().stderr(predicate::str::contains("holds a public key"));
}

/// Each ranking is headed by its track's name in judging.toml, as `results` names it, in the
/// table, the Markdown, a finals round's heading and one entry's places: they had said
/// `BACKYARD (4 entries)` and "#1 in backyard" where judging.toml says "Backyard AI". The name is
/// judging.toml's text, escaped for Markdown; a track named "" keeps its id; the saved JSON and
/// the CSV keep the ids, which files read back.
#[test]
fn each_ranking_is_headed_by_its_tracks_name_from_judging_toml() {
    let s = Sandbox::new();
    s.file("judging.toml", common::NAMED_TRACKS);
    let a = judge_file(&s, "mira", 1, &SOME);
    let b = judge_file(&s, "tomas", -1, &SOME[..4]);
    head(&s).arg("pull").assert().success();
    let run = |args: &[&str]| {
        let out = head(&s).arg("merge").args(args).args([&a, &b]).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let format = |format: &str| run(&["--format", format]);
    let (table, md, json, csv) = (format("table"), format("md"), format("json"), format("csv"));
    let headings: Vec<&str> = table.lines().filter(|l| l.ends_with(" entries)")).collect();
    assert_eq!(headings, ["OVERALL (6 entries)", "BACK|YARD *AI* <B> (4 entries)", "WOOD (2 entries)"], "{table}");
    assert!(md.contains("\n## BACK\\|YARD \\*AI\\* \\<B\\> (4 entries)\n"), "{md}");
    assert!(md.contains("\n## WOOD (2 entries)\n") && !md.contains("## BACKYARD"), "{md}");
    let saved: serde_json::Value = serde_json::from_str(&json).expect("json");
    let ids: Vec<&str> = saved["rankings"].as_array().expect("rankings").iter().filter_map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["overall", "backyard", "wood"]);
    assert!(csv.lines().any(|l| l.starts_with("backyard,1,")) && !csv.contains("Back|yard"), "{csv}");
    let entry = |format: &str| run(&["--entry", "sprout-sense", "--format", format]);
    let (view, view_md, view_json) = (entry("table"), entry("md"), entry("json"));
    assert!(view.contains(" in overall (") && view.contains(" in Back|yard *AI* <b> ("), "{view}");
    assert!(view_md.contains(" in Back\\|yard \\*AI\\* \\<b\\> ("), "{view_md}");
    assert!(view_json.contains("\"backyard\"") && !view_json.contains("Back|yard"), "{view_json}");
}

/// A store pulled from an export of one entry (sprout-sense, in wood) titled `title`, as an
/// entrant wrote it, and a solo judge's file scoring it.
fn one_entry_titled(s: &Sandbox, title: &str) -> std::path::PathBuf {
    let file = common::score_file(s, "f.json", |b| b.judge = "solo".into());
    let row = format!("id,title,space_url,track\nsprout-sense,{title},https://huggingface.co/spaces/o/s,wood\n");
    let export = s.file("export.csv", &row);
    head(s).args(["pull", "--from"]).arg(&export).assert().success();
    file
}

/// The head judge's merge of `file` in `format`, as printed.
fn merged_as(s: &Sandbox, format: &str, file: &std::path::Path) -> String {
    let out = head(s).args(["merge", "--format", format]).arg(file).output().expect("runs");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn rankings_as_markdown_and_spreadsheet_safe_csv() {
    let s = Sandbox::new();
    let file = one_entry_titled(&s, "=HYPERLINK(\"http://x\")|pipe");
    let md = merged_as(&s, "md", &file);
    assert!(md.contains("| Place | Entry | Score |") && md.contains("## THOUSAND TOKEN WOOD ("), "{md}");
    // Escaped, and no autolink: GitHub would have made `http://x` a link inside the title.
    assert!(md.contains("=HYPERLINK(\"http\\://x\")\\|pipe (sprout-sense)"), "escaped: {md}");
    let csv = merged_as(&s, "csv", &file);
    assert!(
        csv.starts_with(
            "ranking,place,id,title,score,utility,latency,cost,judges,gap,gap_beyond_habits,flags,ineligible,tie_break,method,head_to_head"
        ),
        "{csv}"
    );
    assert!(csv.contains("\"'=HYPERLINK"), "formula neutralised: {csv}");
}

#[test]
fn agreement_is_reported_for_judges_who_saw_the_same_entries() {
    let s = Sandbox::new();
    let a = judge_file(&s, "mira", 1, &SOME);
    let b = judge_file(&s, "tomas", 0, &SOME);
    head(&s).arg("pull").assert().success();
    head(&s).arg("merge").args([&a, &b]).assert().success().stdout(
        predicate::str::is_match(
            r"Agreement of 2 judges on the same 6 entries: Kendall's W 0\.\d{3} \(1\.000 corrected for ties\)",
        )
        .expect("regex"),
    );
}

/// Krippendorff's alpha for any design: two judges on the same six entries, a third on three of
/// them. Every output says it; the JSON carries it whole.
#[test]
fn krippendorffs_alpha_is_the_one_agreement_figure_for_any_design() {
    let s = Sandbox::new();
    let a = judge_file(&s, "mira", 1, &SOME);
    let b = judge_file(&s, "tomas", 0, &SOME);
    let c = judge_file(&s, "priya", 0, &SOME[..3]);
    head(&s).arg("pull").assert().success();
    let out = head(&s).args(["merge", "--format", "json"]).args([&a, &b, &c]).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let alpha = &json["alpha"];
    assert_eq!(alpha["entries"], 6);
    let (interval, ordinal) =
        (alpha["interval"].as_f64().expect("interval"), alpha["ordinal"].as_f64().expect("ordinal"));
    // The judges order the entries alike (one a point more lenient): agreement well above chance
    // but not perfect, since the lenient judge's totals differ.
    assert!(interval > 0.0 && interval < 1.0, "{alpha}");
    assert!(ordinal > 0.0 && ordinal < 1.0, "{alpha}");
    for format in ["table", "md"] {
        head(&s)
            .args(["merge", "--format", format])
            .args([&a, &b, &c])
            .assert()
            .success()
            .stdout(predicate::str::contains("Krippendorff's alpha").and(predicate::str::contains("(ordinal)")));
    }
}

/// Entries no judge scored are in no ranking; every format names them.
#[test]
fn entries_nobody_scored_are_named_in_every_format() {
    let s = Sandbox::new();
    let a = judge_file(&s, "mira", 0, &SOME);
    head(&s).arg("pull").assert().success();
    let out = head(&s).args(["merge", "--format", "json"]).arg(&a).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let unscored: Vec<&str> = json["unscored"].as_array().expect("a list").iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(unscored.len(), 40 - SOME.len(), "{unscored:?}");
    assert!(!unscored.contains(&"sprout-sense") && unscored.contains(&"pill-pal"), "{unscored:?}");
    for format in ["table", "md"] {
        head(&s)
            .args(["merge", "--format", format])
            .arg(&a)
            .assert()
            .success()
            .stdout(predicate::str::contains("Not scored in full by any judge, so in no ranking (34)"))
            // By title and id, as the other lists name entries.
            .stdout(predicate::str::contains("Allergy Ally (allergy-ally)"));
    }
    // The CSV has a row for each, in a group of their own.
    let csv = head(&s).args(["merge", "--format", "csv"]).arg(&a).output().expect("runs");
    let csv = String::from_utf8(csv.stdout).expect("utf-8");
    let rows: Vec<&str> = csv.lines().filter(|l| l.starts_with("unscored,")).collect();
    assert_eq!(rows.len(), unscored.len(), "{csv}");
    assert!(rows.iter().any(|l| l.starts_with("unscored,,pill-pal,Pill Pal,,")), "{csv}");
    assert!(!rows.iter().any(|l| l.contains("sprout-sense")), "{csv}");
    // Its view names it, though no ranking does.
    head(&s)
        .args(["merge", "--entry", "pill-pal"])
        .arg(&a)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Pill Pal (pill-pal)"));
}

/// One judge's gap of 0 is not agreement: under the `agreement` tie-break an entry with one judge
/// goes after one whose two judges were two points apart.
#[test]
fn one_judge_is_unknown_agreement_and_goes_last_on_that_tie_break() {
    let s = Sandbox::new();
    let row = |id: &str, v: u8| (id.to_owned(), vec![Some(v); 3], vec![Some(1_781_000_000_000); 3]);
    let mira = common::score_file(&s, "mira.json", |b| {
        b.judge = "mira".into();
        b.scores = vec![row("sprout-sense", 4), row("pantry-poet", 5)];
    });
    let tomas = common::score_file(&s, "tomas.json", |b| {
        b.judge = "tomas".into();
        b.scores = vec![row("pantry-poet", 3)];
    });
    head(&s).arg("pull").assert().success();
    let out = head(&s)
        .args(["merge", "--method", "mean", "--tie-breaks", "agreement", "--format", "json"])
        .args([&mira, &tomas])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let overall = &json["rankings"][0][1];
    assert_eq!(overall[0]["id"], "pantry-poet", "two judges first: {overall}");
    assert_eq!(overall[1]["id"], "sprout-sense", "one judge's agreement is unknown: {overall}");
    // One judge has no gap: null, not 0; `-` in the table and Markdown, empty in the CSV.
    assert_eq!(overall[1]["gap"], serde_json::Value::Null, "{overall}");
    assert_eq!(overall[0]["gap"], 2.0, "{overall}");
    let run = |format: &str| {
        let out = head(&s).args(["merge", "--method", "mean", "--format", format]).args([&mira, &tomas]).output();
        String::from_utf8(out.expect("runs").stdout).expect("utf-8")
    };
    let table = run("table");
    let row = |text: &str, id: &str| text.lines().find(|l| l.contains(id)).unwrap_or_default().to_owned();
    assert!(row(&table, "sprout-sense").split_whitespace().any(|w| w == "-"), "{table}");
    assert!(!row(&table, "sprout-sense").contains("0.00"), "{table}");
    assert!(row(&run("md"), "sprout-sense").contains(" 1 | - |"), "{}", run("md"));
    let csv = run("csv");
    let gap = row(&csv, "sprout-sense").split(',').nth(9).map(str::to_owned);
    assert_eq!(gap.as_deref(), Some(""), "{csv}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let s = Sandbox::new();
    let good = judge_file(&s, "mira", 0, &SOME[..2]);
    head(&s).arg("pull").assert().success();
    // A sparse 300 MiB file: no disk space used, and reading it would take 300 MiB of memory.
    let huge = s.path().join("huge.json");
    std::fs::File::create(&huge).expect("create").set_len(300 * 1024 * 1024).expect("sparse");
    head(&s).arg("merge").args([&good, &huge]).assert().failure().stderr(predicate::str::contains(format!(
        "huge.json: 314572800 bytes is more than a score file can be ({} MiB at most): a score file is what `judging export` writes",
        judging::limits::SCORE_FILE_BYTES >> 20
    )));
}

/// `judging --judge paper import-scores SHEET`, run.
fn import_as_paper(s: &Sandbox, sheet: &std::path::Path) -> assert_cmd::assert::Assert {
    s.cmd().args(["--judge", "paper", "import-scores"]).arg(sheet).assert()
}

#[test]
fn a_spreadsheet_of_scores_imports_for_its_judge_only() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "paper", "pull"]).assert().success();
    s.cmd().args(["--judge", "paper", "pull", "--from", "builtin:sample-v2"]).assert().success();
    let good = s.file(
        "sheet.csv",
        // The sheet's judge is matched as names always are: "Paper " is paper.
        "Judge,Submission,Criterion,Score,Note,Team_note\npaper,sprout-sense,utility,4,\"Lovely, on paper\",Add offline mode\nPaper ,sprout-sense,latency,3,,\nPAPER,sprout-sense,cost,5,,\n",
    );
    import_as_paper(&s, &good).success().stdout(predicate::str::contains("Imported 3 scores"));
    let sprout = s.entry("paper", "sprout-sense");
    assert_eq!(sprout["scores"], serde_json::json!({"utility": 4, "latency": 3, "cost": 5}));
    assert_eq!(sprout["note"], "Lovely, on paper");
    let store = judging::store::Store::open(&s.store("paper"), "build-small-2026").expect("store");
    let sheet = store.score_sheet().expect("sheet");
    assert_eq!(
        sheet.text(judging::model::TextPart::TeamNote, "sprout-sense"),
        Some("Add offline mode"),
        "the team's note"
    );
    drop(store);

    let bad = s.file(
        "bad.csv",
        "judge,submission,criterion,score\npaper,pantry-poet,utility,2\nother,pantry-poet,utility,3\npaper,nope,utility,3\npaper,pantry-poet,speed,3\npaper,pantry-poet,cost,9\npaper,dream-cartographer,cost,2\n",
    );
    let out = import_as_paper(&s, &bad).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    for want in [
        "line 3: judge \"other\" is not \"paper\"",
        "line 4: no submission \"nope\"",
        "line 5: \"speed\" is not a criterion",
        "line 6: cost = \"9\": cost takes a whole number from 1 to 5",
        "line 7: \"dream-cartographer\" was withdrawn",
        "5 rows of",
        "nothing was imported",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    let poet = s.entry("paper", "pantry-poet");
    assert_eq!(poet["scores"], serde_json::json!({}), "the good row of a bad sheet was not imported either");
    // A note with a comma not in quotes: refused at its line, not cut at the comma in silence.
    let unquoted =
        s.file("unquoted.csv", "judge,submission,criterion,score,note\npaper,pantry-poet,utility,4,Great, but slow\n");
    import_as_paper(&s, &unquoted).failure().stderr(predicate::str::contains(
        "unquoted.csv: line 2: the row has 6 cells where the header has 5: a note with a comma in it goes in double quotes",
    ));
    assert_eq!(s.entry("paper", "pantry-poet")["scores"], serde_json::json!({}), "nothing imported");
    let headless = s.file("headless.csv", "who,what\nx,y\n");
    import_as_paper(&s, &headless)
        .failure()
        .stderr(predicate::str::contains("the header must name judge, submission, criterion and score"));
}

/// A sheet that gives one criterion of an entry twice, or two different notes for it, is
/// refused with both lines (the last had silently won, the first note lost); the same note on
/// each row of an entry is one note, and a note's escape sequences are dropped, as the app's
/// and `judging score`'s are. `judging score` refuses a criterion given twice too.
#[test]
fn a_sheet_that_says_one_thing_twice_is_refused_with_both_lines() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "paper", "pull"]).assert().success();
    let twice = s.file(
        "twice.csv",
        "judge,submission,criterion,score,note\npaper,pantry-poet,utility,4,first note\npaper,pantry-poet,utility,2,second note\n",
    );
    let out = import_as_paper(&s, &twice).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("line 3: a second score for utility of \"pantry-poet\" (2; line 2 gave 4)"), "{err}");
    assert!(err.contains("a second, different note for \"pantry-poet\" (line 2 gave one)"), "{err}");
    assert_eq!(s.entry("paper", "pantry-poet")["scores"], serde_json::json!({}), "nothing imported");
    let same = s.file(
        "same.csv",
        "judge,submission,criterion,score,note\npaper,pantry-poet,utility,4,\"ok \u{1b}]0;HACKED\u{7} note\"\npaper,pantry-poet,cost,2,\"ok \u{1b}]0;HACKED\u{7} note\"\n",
    );
    import_as_paper(&s, &same).success();
    assert_eq!(s.entry("paper", "pantry-poet")["note"], "ok  note");
    s.cmd()
        .args(["--judge", "paper", "score", "sprout-sense", "cost=5", "cost=3"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cost is given twice (5, then 3): give each criterion once"));
}

/// A note whose quote never closes would take the sheet's next rows into it: the sheet is
/// refused at the line the quote opens, and nothing is imported. An export with a quote that
/// never closes, its rows still the header's width, is refused as well, and withdraws nothing.
#[test]
fn a_quote_that_never_closes_is_refused_where_it_opens() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "paper", "pull"]).assert().success();
    let sheet = s.file(
        "sheet.csv",
        "judge,submission,criterion,score,note\npaper,sprout-sense,utility,4,ok\npaper,sprout-sense,latency,3,\"fast\npaper,sprout-sense,cost,5,\n",
    );
    import_as_paper(&s, &sheet)
        .failure()
        .stderr(predicate::str::contains("sheet.csv: line 3: a quote opens a field here and never closes"));
    assert_eq!(s.entry("paper", "sprout-sense")["scores"], serde_json::json!({}), "nothing imported");
    let listed = || s.cmd().args(["--judge", "paper", "list"]).output().expect("runs").stdout;
    let before = listed();
    let export = s.file(
        "export.csv",
        "id,title,space_url\nsprout-sense,Sprout,\"https://huggingface.co/spaces/a/b\npantry-poet,Poet,https://huggingface.co/spaces/a/c\n",
    );
    s.cmd()
        .args(["--judge", "paper", "pull", "--from"])
        .arg(&export)
        .assert()
        .failure()
        .stderr(predicate::str::contains("export.csv: line 2: a quote opens a field here and never closes"));
    assert_eq!(listed(), before, "the store is as it was");
}

/// Two judges whose totals all come to 3.0 under the mean, so only the tie-breaks separate them:
/// pantry-poet has the higher utility, sprout-sense the second judge.
fn level_files(s: &Sandbox) -> [std::path::PathBuf; 2] {
    let row = |id: &str, v: [u8; 3]| (id.to_owned(), v.map(Some).to_vec(), vec![Some(1_781_000_000_000); 3]);
    let ana = common::score_file(s, "ana.json", |b| {
        b.judge = "ana".into();
        b.scores = vec![
            row("sprout-sense", [3, 3, 3]),
            row("pantry-poet", [4, 2, 2]),
            row("bus-stop-oracle", [3, 3, 3]),
            row("lullaby-loom", [3, 3, 3]),
        ];
    });
    let ben = common::score_file(s, "ben.json", |b| {
        b.judge = "ben".into();
        b.scores = vec![row("sprout-sense", [3, 3, 3])];
    });
    [ana, ben]
}

/// (place, id, flags, tie-break) of the overall ranking of a JSON merge.
fn overall(s: &Sandbox, files: &[std::path::PathBuf], args: &[&str]) -> Vec<(u64, String, String, String)> {
    let out = head(s).args(["merge", "--format", "json"]).args(args).args(files).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["rankings"][0][1]
        .as_array()
        .expect("overall")
        .iter()
        .map(|e| {
            (
                e["place"].as_u64().expect("place"),
                e["id"].as_str().expect("id").to_owned(),
                e["flags"].as_array().expect("flags").iter().filter_map(|f| f.as_str()).collect::<Vec<_>>().join(","),
                e["tie_break"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn tie_breaks_settle_equal_scores_in_turn_and_what_is_left_is_reported() {
    let s = Sandbox::new();
    let files = level_files(&s);
    head(&s).arg("pull").assert().success();
    let row = |place: u64, id: &str, flags: &str, by: &str| (place, id.to_owned(), flags.to_owned(), by.to_owned());
    // judging.toml's tie-breaks: utility, then judges.
    assert_eq!(
        overall(&s, &files, &["--method", "mean"]),
        [
            row(1, "pantry-poet", "thin", "utility"),
            row(2, "sprout-sense", "", "judges"),
            row(3, "bus-stop-oracle", "thin,tie", "judges"),
            row(3, "lullaby-loom", "thin,tie", "judges"),
        ]
    );
    let none = overall(&s, &files, &["--method", "mean", "--tie-breaks", "none"]);
    assert!(
        none.iter().all(|(place, _, flags, by)| *place == 1 && flags.ends_with("tie") && by.is_empty()),
        "{none:?}"
    );
    let judges_only = overall(&s, &files, &["--method", "mean", "--tie-breaks", "judges"]);
    assert_eq!(judges_only[0], row(1, "sprout-sense", "", "judges"));
    assert!(judges_only[1..].iter().all(|(place, ..)| *place == 2), "{judges_only:?}");
    head(&s).args(["merge", "--tie-breaks", "utility,luck"]).args(&files).assert().code(2).stderr(
        predicate::str::contains("--tie-breaks \"luck\": not a tie-break")
            .and(predicate::str::contains("utility, latency, cost, judges, agreement")),
    );
}

#[test]
fn the_sum_counts_only_the_chosen_judges() {
    let s = Sandbox::new();
    let files = level_files(&s);
    head(&s).arg("pull").assert().success();
    let out = head(&s).args(["merge", "--format", "csv", "--method", "sum", "--judges", "ben"]).args(&files).output();
    let out = out.expect("runs");
    // The others' files are set aside in every figure (their marks had broken the sum's ties
    // and filled its criteria columns), and said to be.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the sum counts only the judges named with --judges; the files of ana are left out of every figure, tie-break and head to head"),
        "{err}"
    );
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let overall: Vec<&str> = csv.lines().filter(|l| l.starts_with("overall,")).collect();
    assert_eq!(overall.len(), 1, "only ben's entry has a sum: {csv}");
    // The JUDGES column counts the judges whose marks are summed: ben alone.
    assert!(overall[0].starts_with("overall,1,sprout-sense,Sprout Sense,3.0000,3.0000,3.0000,3.0000,1,"), "{csv}");
    // Without one of the judges named, the sum of the others named: what the robustness lines
    // say of a sum's places "without ana" (it had been refused: "no score file from ana").
    let without = head(&s)
        .args(["merge", "--format", "csv", "--method", "sum", "--judges", "ana,ben", "--without", "ana"])
        .args(&files)
        .output()
        .expect("runs");
    assert!(without.status.success(), "{}", String::from_utf8_lossy(&without.stderr));
    assert_eq!(String::from_utf8_lossy(&without.stdout), csv, "the same as --judges ben");
    head(&s)
        .args(["merge", "--method", "sum", "--judges", "ana", "--without", "ana"])
        .args(&files)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--without leaves out every judge whose marks count"));
    // Summing everyone counts only the entry both scored, and names the ones left out.
    let everyone = head(&s).args(["merge", "--format", "csv", "--method", "sum"]).args(&files).output().expect("runs");
    let (out, err) = (String::from_utf8_lossy(&everyone.stdout), String::from_utf8_lossy(&everyone.stderr));
    assert!(out.contains("overall,1,sprout-sense,Sprout Sense,6.0000,"), "both judges' totals: {out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("overall,")).count(), 1, "{out}");
    assert!(
        err.contains("the sum counts only entries every judge scored: 3 entries left out (pantry-poet, bus-stop-oracle, lullaby-loom)"),
        "{err}"
    );
    // The rank sum refuses a panel where entries have different numbers of judges.
    head(&s).args(["merge", "--method", "rank-sum"]).args(&files).assert().failure().stderr(
        predicate::str::contains("entries have 1 to 2 of the 2 judges")
            .and(predicate::str::contains("--method calibrated")),
    );
    head(&s)
        .args(["merge", "--method", "sum", "--judges", "zed"])
        .args(&files)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no score file from judge \"zed\"; the files are from ana, ben"));
    head(&s)
        .args(["merge", "--judges", "ana"])
        .args(&files)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add --method sum, or leave --judges out"));
    // --trim and --trim-by act only with the trimmed method: with another, they had done
    // nothing without a word.
    for (flags, said) in [
        (
            &["--trim", "3"][..],
            "--trim acts only with the trimmed method, and this merge is calibrated (judging.toml's merge.method)",
        ),
        (
            &["--method", "mean", "--trim-by", "criterion"][..],
            "--trim-by acts only with the trimmed method, and this merge is mean (--method)",
        ),
    ] {
        head(&s).arg("merge").args(flags).args(&files).assert().failure().stderr(predicate::str::contains(said));
    }
    head(&s).args(["merge", "--method", "trimmed", "--trim", "0"]).args(&files).assert().success();
    // Judges who share no entry: a sum of every judge counts nothing, and says so.
    let apart = [judge_file(&s, "cy", 0, &SOME[..1]), judge_file(&s, "di", 0, &SOME[1..2])];
    head(&s).args(["merge", "--method", "sum"]).args(&apart).assert().failure().stderr(
        predicate::str::contains("no entry was scored by all 2 of them (the most on one entry is 1)")
            .and(predicate::str::contains("--judges")),
    );
}

#[test]
fn per_criterion_means_and_the_most_disagreed_entries_are_given() {
    let s = Sandbox::new();
    let a = judge_file(&s, "mira", 2, &SOME);
    let b = judge_file(&s, "tomas", -2, &SOME);
    head(&s).arg("pull").assert().success();
    let out = head(&s).args(["merge", "--format", "json"]).args([&a, &b]).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["criteria"], serde_json::json!(["utility", "latency", "cost"]));
    let first = &json["rankings"][0][1][0];
    let by: Vec<f64> =
        first["by_criterion"].as_array().expect("means").iter().filter_map(serde_json::Value::as_f64).collect();
    assert_eq!(by.len(), 3, "{first}");
    let most = json["disagreements"].as_array().expect("disagreements");
    assert_eq!(most.len(), 6, "every entry has two judges: {most:?}");
    assert_eq!(most[0]["lowest"][0], "tomas");
    assert_eq!(most[0]["highest"][0], "mira");
    // The pair BEYOND measures, each signed against their habits, BEYOND apart.
    let (below, above) = (&most[0]["below"], &most[0]["above"]);
    let apart = above[1].as_f64().expect("above") - below[1].as_f64().expect("below");
    assert!((apart - most[0]["beyond"].as_f64().expect("beyond")).abs() < 1e-9, "{:?}", most[0]);
    let hist: Vec<u64> = json["judges"][0]["histogram"]
        .as_array()
        .expect("histogram")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    assert_eq!((hist.len(), hist.iter().sum::<u64>()), (5, 6), "one bin per point of 1-5, six entries");
    let table = head(&s).arg("merge").args([&a, &b]).output().expect("runs");
    let table = String::from_utf8(table.stdout).expect("utf-8");
    assert!(table.contains("UTILITY  LATENCY     COST") && table.contains("MOST DISAGREED"), "{table}");
    // Beside BEYOND, the two judges it measures, signed as leniency is: not the raw totals.
    assert!(table.contains("BEYOND  LOW / HIGH AGAINST HABIT"), "{table}");
    let row = table.lines().skip_while(|l| !l.starts_with("MOST DISAGREED")).nth(3).expect("a row");
    let pair = format!(
        "{} {} / {} {}",
        below[0].as_str().expect("name"),
        judging::format::signed(below[1].as_f64().expect("below"), 2),
        above[0].as_str().expect("name"),
        judging::format::signed(above[1].as_f64().expect("above"), 2)
    );
    assert!(row.ends_with(&pair), "{row:?} against {pair:?}");
}

#[test]
fn schulze_ranks_and_refuses_a_field_too_large_for_it() {
    let s = Sandbox::new();
    let files = [judge_file(&s, "mira", 0, &SOME[..4]), judge_file(&s, "tomas", 1, &SOME[..4])];
    head(&s).arg("pull").assert().success();
    let ranked = overall(&s, &files, &["--method", "schulze"]);
    let order: Vec<(u64, &str)> = ranked.iter().map(|r| (r.0, r.1.as_str())).collect();
    // Both judges rank the four in the order they scored them, lowest first.
    assert_eq!(order, [(1, "lullaby-loom"), (2, "bus-stop-oracle"), (3, "pantry-poet"), (4, "sprout-sense")]);
    let level = level_files(&s);
    let tied = overall(&s, &level, &["--method", "schulze", "--tie-breaks", "none"]);
    assert!(tied.iter().all(|r| r.0 == 1 && r.2.ends_with("tie")), "equal totals prefer nothing: {tied:?}");
    // 1,001 entries, each scored by one judge.
    let mut csv = String::from("id,title,space_url\n");
    for i in 0..1_001 {
        csv.push_str(&format!("e{i},Entry {i},https://huggingface.co/spaces/o/e{i}\n"));
    }
    let export = s.file("big.csv", &csv);
    head(&s).args(["pull", "--from"]).arg(&export).assert().success();
    let big = common::score_file(&s, "big.json", |b| {
        b.scores = (0..1_001).map(|i| (format!("e{i}"), vec![Some(3); 3], vec![None; 3])).collect();
    });
    head(&s).args(["merge", "--method", "schulze"]).arg(&big).assert().failure().stderr(
        predicate::str::contains("1001 scored entries are more than it can do")
            .and(predicate::str::contains("copeland")),
    );
}

#[test]
fn an_empty_store_is_said_once_and_lines_are_the_files_own() {
    let s = Sandbox::new();
    let sheet = s.file("early.csv", "judge,submission,criterion,score\ntester,a,utility,3\ntester,b,utility,3\n");
    for args in [&["import-scores", sheet.to_str().expect("utf-8")][..], &["score", "a", "utility=3"]] {
        let out = s.cmd().args(args).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains("run `judging pull` first"), "{args:?}: {err}");
        assert_eq!(err.matches("error:").count(), 1, "said once: {err}");
    }
    s.cmd().arg("pull").assert().success();
    // A note over two lines, in a CRLF file: the bad row is on the file's line 4.
    let crlf = s.file(
        "crlf.csv",
        "judge,submission,criterion,score,note\r\ntester,sprout-sense,utility,4,\"two\r\nlines\"\r\ntester,sprout-sense,cost,9,\r\n",
    );
    let out = s.cmd().arg("import-scores").arg(&crlf).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("crlf.csv: line 4: cost = \"9\""), "{err}");
}

#[test]
fn export_names_the_entries_left_partly_scored() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    s.cmd().args(["score", "sprout-sense", "utility=4"]).assert().success();
    s.cmd().args(["score", "pantry-poet", "utility=4", "latency=3", "cost=2"]).assert().success();
    s.cmd()
        .args(["export", "-o", "mine.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 entry is partly scored, which the merge leaves out: sprout-sense"));
}

/// Special files in every place a file is read: refused by name before they are opened, so a
/// FIFO cannot hang a command and a device cannot fill memory.
#[test]
fn special_files_are_refused_before_they_are_read() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let fifo = s.path().join("pipe.json");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let zero = s.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let (fifo, zero) = (fifo.to_str().expect("utf-8"), zero.to_str().expect("utf-8"));
    let cases: [(&[&str], &str); 9] = [
        (&["merge", zero], "is a device, not a regular file"),
        (&["merge", fifo], "is a FIFO (a pipe), not a regular file"),
        (&["results", zero], "is a device, not a regular file"),
        (&["results", fifo], "is a FIFO (a pipe), not a regular file"),
        (&["pull", "--from", zero], "is a device, not a regular file"),
        (&["pull", "--from", fifo], "is a FIFO (a pipe), not a regular file"),
        (&["pull", "--from", "/dev/zero"], "is a device, not a regular file"),
        (&["import-scores", "/dev/zero"], "is a device, not a regular file"),
        (&["--config", fifo, "list"], "is a FIFO (a pipe), not a regular file"),
    ];
    for (args, want) in cases {
        let out = head(&s).args(args).timeout(std::time::Duration::from_secs(20)).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn small_mistakes_get_the_message_a_user_needs() {
    let s = Sandbox::new();
    let a = judge_file(&s, "mira", 1, &SOME);
    let b = judge_file(&s, "tomas", -1, &SOME);
    head(&s).arg("pull").assert().success();
    head(&s).args(["merge", "--method", "trimmed", "--trim", "100"]).args([&a, &b]).assert().failure().stderr(
        predicate::str::contains("no entry has more than 2 judges")
            .and(predicate::str::contains("trimming needs 3 judges or more on an entry; use --method mean")),
    );
    head(&s).args(["assign", "-k", "0"]).assert().failure().stderr(predicate::str::contains("0 is not in 1..="));
    head(&s)
        .args(["merge", "-o", "no-such-folder/out.md"])
        .arg(&a)
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot write no-such-folder/out.md"));
    assert!(!s.path().join("no-such-folder").exists(), "no folder made behind the user's back");
    let fresh = Sandbox::new();
    fresh.cmd().arg("list").assert().failure().stderr(predicate::str::contains("run `judging pull` first"));
    assert!(!fresh.store("tester").exists(), "list creates no empty store");
    let nul = fresh.file("nul.csv", "id,title,space_url\na,A\0,https://huggingface.co/spaces/o/a\n");
    fresh
        .cmd()
        .args(["pull", "--from"])
        .arg(&nul)
        .assert()
        .failure()
        .stderr(predicate::str::contains("has a NUL byte (line 2"));
    let broken = fresh.file("link.csv", "id,title,space_url\na,A,\"https://huggingface.co/spa\nces/o/a\"\n");
    // The row is rejected by name (the pull itself goes on with the valid rows).
    fresh
        .cmd()
        .args(["pull", "--from"])
        .arg(&broken)
        .assert()
        .stderr(predicate::str::contains("has a space or a line break inside"));
}

#[test]
fn a_judge_whose_marks_the_calibrated_fit_holds_at_a_bound_is_named() {
    let s = Sandbox::new();
    let files = [judge_file(&s, "mira", 0, &SOME), judge_file(&s, "tomas", 0, &SOME), judge_file(&s, "flat", 4, &SOME)];
    head(&s).arg("pull").assert().success();
    head(&s).args(["merge"]).args(&files).assert().success().stderr(predicate::str::contains(
        "judge \"flat\" gave nearly the same total to every entry they scored: their severity is under 0.25 of a typical judge's",
    ));
    // The mean has no severity to hold, and says nothing.
    head(&s)
        .args(["merge", "--method", "mean"])
        .args(&files)
        .assert()
        .success()
        .stderr(predicate::str::contains("severity").not());
}

/// Three judges whose orders of three entries make a cycle: ana a > b > c, ben b > c > a,
/// cai c > a > b.
fn cycle_files(s: &Sandbox) -> Vec<std::path::PathBuf> {
    let [a, b, c] = ["sprout-sense", "pantry-poet", "lullaby-loom"];
    let orders = [("ana", [a, b, c]), ("ben", [b, c, a]), ("cai", [c, a, b])];
    orders
        .iter()
        .map(|(judge, order)| {
            s.cmd().args(["--judge", judge, "pull"]).assert().success();
            for (id, mark) in order.iter().zip(["5", "3", "1"]) {
                let all = ["utility", "latency", "cost"].map(|c| format!("{c}={mark}"));
                s.cmd().args(["--judge", judge, "score", id]).args(all).assert().success();
            }
            let out = s.path().join(format!("{judge}.json"));
            s.cmd().args(["--judge", judge, "export", "-o"]).arg(&out).assert().success();
            out
        })
        .collect()
}

/// A first place shared by a tie: the head-to-head sentence names every entry that shares it,
/// where it had named the first listed as the method's choice. ana, ben and cai give Sprout
/// Sense and Pantry Poet the same totals (a tie for 1st by the mean), and Lullaby Loom a lower
/// mean that two of the three put above each: the Condorcet winner.
#[test]
fn the_head_to_head_sentence_says_the_first_place_is_shared() {
    let said = |marks: [(&str, [&str; 3]); 3], wanted: &str| {
        let text = merged_by_the_mean(&marks);
        let said = text
            .lines()
            .find(|l| l.contains("Condorcet") || l.starts_with("Head to head"))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(said.contains(wanted), "{said}\n{text}");
    };
    said(
        [("ana", ["5", "5", "1"]), ("ben", ["3", "3", "4"]), ("cai", ["3", "3", "4"])],
        "yet the method puts 2 entries, tied, Sprout Sense (sprout-sense), Pantry Poet (pantry-poet) first",
    );
    // No Condorcet winner, and none beats the leader: the one of the tied the sentence weighs
    // is said to be one of them. Sprout Sense beats Pantry Poet 2-1, Pantry Poet beats Lullaby
    // Loom 2-1, and Sprout Sense and Lullaby Loom are even.
    said(
        [("ana", ["1", "3", "1"]), ("ben", ["2", "1", "3"]), ("cai", ["3", "2", "1"])],
        "Head to head, no entry beats Sprout Sense (sprout-sense), one of the 2 tied for 1st: of the 2 others, it beats 1 entry, and is even with 1 entry",
    );
}

/// The leader no entry beats, though it beats not every other, is said so in the CSV's
/// head_to_head cell as the JSON's outcome says it, where the cell had been left empty while the
/// table said it in words. Sprout Sense beats Pantry Poet 2-1, Pantry Poet beats Lullaby Loom
/// 2-1, and Sprout Sense and Lullaby Loom are even.
#[test]
fn an_unbeaten_leader_is_said_in_the_csv_as_in_the_json() {
    let marks = [("ana", ["1", "3", "1"]), ("ben", ["2", "1", "3"]), ("cai", ["3", "2", "1"])];
    let json: serde_json::Value = serde_json::from_str(&merged_by_the_mean_as(&marks, "json")).expect("json");
    let overall = &json["majorities"][0];
    assert_eq!(overall["outcome"], "unbeaten", "{overall}");
    assert_eq!(overall["entries"], serde_json::json!(["sprout-sense"]), "{overall}");
    let csv = merged_by_the_mean_as(&marks, "csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().expect("header").clone();
    let column = header.iter().position(|h| h == "head_to_head").expect("head_to_head column");
    let cells: Vec<(String, String)> = rows
        .records()
        .map(|r| r.expect("row"))
        .filter(|r| &r[0] == "overall")
        .map(|r| (r[2].to_owned(), r[column].to_owned()))
        .collect();
    assert!(cells.contains(&("sprout-sense".into(), "unbeaten".into())), "{csv}");
    assert!(
        cells.iter().filter(|(id, _)| id != "sprout-sense").all(|(_, cell)| cell.is_empty()),
        "only the leader: {csv}"
    );
}

/// The overall ranking's table, by the mean, of three judges' marks on Sprout Sense, Pantry
/// Poet and Lullaby Loom (each mark given to all three criteria).
fn merged_by_the_mean(marks: &[(&str, [&str; 3]); 3]) -> String {
    merged_by_the_mean_as(marks, "table")
}

/// The same, as `format` prints it.
fn merged_by_the_mean_as(marks: &[(&str, [&str; 3]); 3], format: &str) -> String {
    let s = Sandbox::new();
    let [a, b, c] = ["sprout-sense", "pantry-poet", "lullaby-loom"];
    let files: Vec<std::path::PathBuf> = marks
        .iter()
        .map(|(judge, given)| {
            s.cmd().args(["--judge", judge, "pull"]).assert().success();
            for (id, mark) in [a, b, c].iter().zip(given) {
                let all = ["utility", "latency", "cost"].map(|c| format!("{c}={mark}"));
                s.cmd().args(["--judge", judge, "score", id]).args(all).assert().success();
            }
            let out = s.path().join(format!("{judge}.json"));
            s.cmd().args(["--judge", judge, "export", "-o"]).arg(&out).assert().success();
            out
        })
        .collect();
    head(&s).arg("pull").assert().success();
    let out = head(&s)
        .args(["merge", "--method", "mean", "--no-chances", "--format", format])
        .args(&files)
        .output()
        .expect("runs");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn a_cycle_of_head_to_head_wins_is_said_in_every_format() {
    let s = Sandbox::new();
    let files = cycle_files(&s);
    head(&s).arg("pull").assert().success();
    let run = |format: &str| {
        let out =
            head(&s).args(["merge", "--method", "schulze", "--format", format]).args(&files).output().expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let said = "No Condorcet winner: head to head, Sprout Sense (sprout-sense) beats Pantry Poet (pantry-poet), Pantry Poet (pantry-poet) beats Lullaby Loom (lullaby-loom), and Lullaby Loom (lullaby-loom) beats Sprout Sense (sprout-sense).";
    assert!(run("table").contains(said), "{}", run("table"));
    // Markdown says it in the same words: parentheses are nothing in running text.
    assert!(run("md").contains(said), "{}", run("md"));
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("json");
    let overall = &json["majorities"][0];
    assert_eq!(overall["outcome"], "cycle");
    assert_eq!(overall["entries"], serde_json::json!(["sprout-sense", "pantry-poet", "lullaby-loom"]));
    let csv = run("csv");
    let cycle_rows = csv.lines().filter(|l| l.starts_with("overall,") && l.contains(",in a cycle,")).count();
    assert_eq!(cycle_rows, 3, "{csv}");
    // One judge's clear order has a Condorcet winner.
    let one = head(&s).args(["merge", "--format", "table"]).arg(&files[0]).output().expect("runs");
    let table = String::from_utf8_lossy(&one.stdout);
    assert!(table.contains("Sprout Sense (sprout-sense) is the Condorcet winner"), "{table}");
}

#[test]
fn judges_who_share_no_entry_are_named_in_groups() {
    let s = Sandbox::new();
    let files = [
        judge_file(&s, "mira", 0, &SOME[..3]),
        judge_file(&s, "tomas", 1, &SOME[..3]),
        judge_file(&s, "zoe", 0, &SOME[3..]),
    ];
    head(&s).arg("pull").assert().success();
    head(&s).arg("merge").args(&files).assert().success().stderr(predicate::str::contains(
        "the judges fall into 2 groups that share no entry, directly or through other judges: {mira, tomas}, {zoe}",
    ));
    let out = head(&s).args(["merge", "--format", "json"]).args(&files).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["judge_groups"], serde_json::json!([["mira", "tomas"], ["zoe"]]));
    // Linked through one shared entry: no groups.
    let linked = [files[0].clone(), files[1].clone(), judge_file(&s, "zoe", 0, &SOME[2..])];
    head(&s).arg("merge").args(&linked).assert().success().stderr(predicate::str::contains("groups").not());
}

/// Judge `name`'s file: the i-th of SOME given `values[i]` on every criterion, so its total.
fn totals_file(s: &Sandbox, name: &str, values: &[u8]) -> std::path::PathBuf {
    common::score_file(s, &format!("{name}.json"), |b| {
        b.judge = name.into();
        b.scores = SOME
            .iter()
            .zip(values)
            .map(|(id, v)| ((*id).to_owned(), vec![Some(*v); 3], vec![Some(1_781_000_000_000); 3]))
            .collect();
    })
}

/// Contested means disagreement beyond habits: a lenient and a harsh judge who order the entries
/// alike (two points apart on every one) make none contested, whatever the method; two who order
/// them oppositely make the entries at either end contested. The plain gap stays a figure.
#[test]
fn contested_means_apart_beyond_habits_and_every_output_says_what() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let alike = [totals_file(&s, "ana", &[3, 4, 5, 4, 5, 3]), totals_file(&s, "ben", &[1, 2, 3, 2, 3, 1])];
    let opposite = [totals_file(&s, "cai", &[1, 2, 3, 4, 5, 3]), totals_file(&s, "dee", &[5, 4, 3, 2, 1, 3])];
    let csv = |files: &[std::path::PathBuf], args: &[&str]| {
        let out = head(&s).arg("merge").args(args).args(["--format", "csv"]).args(files).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    // (gap, contested, gap beyond habits) of each entry of SOME in the overall ranking.
    let read = |csv: &str| -> Vec<(f64, bool, f64)> {
        let header: Vec<&str> = csv.lines().next().unwrap_or_default().split(',').collect();
        let at = |name: &str| header.iter().position(|h| *h == name).unwrap_or(usize::MAX);
        SOME.iter()
            .map(|id| {
                let row = csv.lines().find(|l| l.starts_with("overall,") && l.contains(id)).unwrap_or_default();
                let cells: Vec<&str> = row.split(',').collect();
                let number = |k: usize| cells.get(k).and_then(|g| g.parse::<f64>().ok()).unwrap_or(f64::NAN);
                let contested = cells.get(at("flags")).is_some_and(|f| f.split(';').any(|f| f == "contested"));
                (number(at("gap")), contested, number(at("gap_beyond_habits")))
            })
            .collect()
    };
    for method in ["calibrated", "mean"] {
        let entries = read(&csv(&alike, &["--method", method]));
        for (id, (gap, contested, beyond)) in SOME.iter().zip(&entries) {
            assert!((gap - 2.0).abs() < 1e-9, "{method}, {id}: the plain gap stays: {entries:?}");
            assert!(!contested && *beyond < 0.5, "{method}, {id}: alike, not contested: {entries:?}");
        }
    }
    let entries = read(&csv(&opposite, &[]));
    for (k, want) in [(0, true), (4, true), (2, false), (5, false)] {
        assert_eq!(entries[k].1, want, "{}: {entries:?}", SOME[k]);
    }
    assert!(entries[0].2 >= 3.5 && entries[4].2 >= 3.5, "as far apart as they were: {entries:?}");
    let text = |format: &str| {
        let out = head(&s).args(["merge", "--format", format]).args(&opposite).output().expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let table = text("table");
    assert!(table.contains("contested = judges 2 points or more apart beyond their habits"), "{table}");
    assert!(table.contains("GAP  BEYOND  FLAGS"), "{table}");
    assert!(table.contains("Kendall's W runs from 0"), "{table}");
    assert!(table.contains("~ marks one from fewer than 5 entries"), "{table}");
    assert!(text("md").contains("contested = judges 2 points or more apart beyond their habits"));
    // The event sets how far apart is contested: 3 points leaves the ends only.
    let loose = s.file("loose.toml", &judging::config::BUILTIN.replace("[merge]\n", "[merge]\ncontested_gap = 3\n"));
    let loose = read(&csv(&opposite, &["--config", &loose.display().to_string()]));
    let contested: Vec<&str> = SOME.iter().zip(&loose).filter(|(_, e)| e.1).map(|(id, _)| *id).collect();
    assert_eq!(contested, [SOME[0], SOME[4]], "{loose:?}");
}

#[test]
fn every_judges_view_of_one_entry_with_notes_and_stopwatch() {
    let s = Sandbox::new();
    let ana = common::score_file(&s, "ana.json", |b| {
        b.judge = "ana".into();
        b.texts[judging::model::TextPart::Note]
            .insert("sprout-sense".into(), "=cmd| crashed \u{1b}[2J once\nthen fine".into());
        b.timings.insert("sprout-sense".into(), 41.5);
        b.texts[judging::model::TextPart::TeamNote].insert("sprout-sense".into(), "Add offline mode\u{202e}".into());
    });
    let dee = common::score_file(&s, "dee.json", |b| {
        b.judge = "dee".into();
        b.scores.retain(|r| r.0 != "sprout-sense");
        b.texts[judging::model::TextPart::Recusal].insert("sprout-sense".into(), "my cousin's \u{1b}[2Jteam".into());
    });
    let ben = common::score_file(&s, "ben.json", |b| {
        b.judge = "ben".into();
        b.scores[0].1 = vec![Some(2), Some(2), Some(3)];
        b.scores.push(("pantry-poet".into(), vec![Some(5), None, None], vec![Some(1_781_000_000_000); 3]));
    });
    let partly = common::score_file(&s, "cai.json", |b| {
        b.judge = "cai".into();
        b.scores[0].1 = vec![Some(5), None, Some(5)];
    });
    head(&s).arg("pull").assert().success();
    let files = [ana, ben, partly, dee];
    let run = |format: &str| sprout_sense_seen(&s, &files, format);
    let table = run("table");
    assert!(table.contains("Sprout Sense (sprout-sense)") && table.contains("#1 in overall"), "{table}");
    assert!(table.contains("ana") && table.contains("41.5 s") && table.contains("=cmd| crashed"), "{table}");
    assert!(!table.contains('\u{1b}'), "no escape sequence reaches the terminal: {table:?}");
    assert!(table.contains("Partly scored by cai (not counted)."), "{table}");
    // Who stepped back and why, and the note the team may read.
    assert!(table.contains("Recused: dee (my cousin's team); any score they gave it is left out."), "{table}");
    assert!(table.contains("for the team: Add offline mode"), "{table}");
    let text = run("json");
    // JSON is data: the judges' words as given, each character a reader cannot see written as
    // its escape (as the CSV shows it), none raw. It had dropped them, where the CSV showed them.
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{text:?}");
    assert!(text.contains("\\u001b[2J") && text.contains("\\u202e"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let judges = json["judges"].as_array().expect("judges");
    assert_eq!(judges.len(), 2);
    let ana = judges.iter().find(|j| j["judge"] == "ana").expect("ana");
    assert_eq!(ana["scores"], serde_json::json!([4, 3, 5]));
    assert_eq!(ana["stopwatch_seconds"], 41.5);
    assert_eq!(ana["note"], "=cmd| crashed \u{1b}[2J once\nthen fine", "as given, lines kept");
    assert_eq!(ana["team_note"], "Add offline mode\u{202e}");
    assert_eq!(json["recused"], serde_json::json!([{"judge": "dee", "reason": "my cousin's \u{1b}[2Jteam"}]));
    let ben = judges.iter().find(|j| j["judge"] == "ben").expect("ben");
    assert_eq!((ben["note"].is_null(), ben["total"].as_f64()), (true, Some(2.25)));
    let md = run("md");
    // Headed as judging.toml labels the criteria, as the Markdown's other headings are written.
    assert!(md.contains("| Judge | utility | latency | cost | Total | Leniency | Stopwatch | Note |"), "{md}");
    assert!(md.contains("=cmd\\| crashed"), "a pipe cannot split the cell: {md}");
    let csv = run("csv");
    assert!(csv.contains("'=cmd| crashed"), "formula neutralised: {csv}");
    assert!(csv.contains("Add offline mode\\u{202e}"), "shown as its escape: {csv}");
    head(&s)
        .args(["merge", "--entry", "nope"])
        .args(&files)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--entry \"nope\": no such entry"));
    // An entry nobody scored says so, under no empty table's heading.
    for format in ["table", "md"] {
        let out = head(&s)
            .args(["merge", "--entry", "moonlight-mixer", "--format", format])
            .args(&files)
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("No judge scored it fully.") && !text.contains("JUDGE") && !text.contains("| Judge |"),
            "{text}"
        );
    }
}

/// Judges who scored different commits of a Space, and a Space changed after the event's
/// deadline, are said in the merge, in JSON and in every judge's view of the entry.
#[test]
fn different_commits_and_changes_after_the_deadline_are_shown() {
    let s = Sandbox::new();
    let at = |judge: &str, rev: &str| {
        let (judge, rev) = (judge.to_owned(), rev.to_owned());
        common::score_file(&s, &format!("{judge}.json"), move |b| {
            b.judge = judge;
            b.revisions.insert("sprout-sense".into(), rev);
        })
    };
    let files = [at("ana", "d4c8bedc29019597"), at("ben", "1a2b3c4d5e6f7a8b")];
    let config = s.file(
        "deadline.toml",
        &judging::config::BUILTIN
            .replace("name = \"Build Small Hackathon\"", "name = \"Build Small Hackathon\"\ndeadline = \"2026-06-30\""),
    );
    head(&s).arg("--config").arg(&config).arg("pull").assert().success();
    // The head judge's store knows, from `judging enrich`, that sprout-sense changed on 2 July.
    let facts = r#"{"space":"o/s","stage":"running","hardware":null,"price_per_hour":null,"price_from":"hub","sdk":"gradio","models":[],"params":null,"params_uncertain":null,"revision":"1a2b3c4d5e6f7a8b","changed_at":"2026-07-02T09:00:00.000Z"}"#;
    let mut store = judging::store::Store::open(&s.store("head"), "build-small-2026").expect("store");
    store.put_hub(&[], &[("sprout-sense".into(), facts.into())]).expect("facts");
    drop(store);
    let out =
        head(&s).arg("--config").arg(&config).args(["merge", "--format", "json"]).args(&files).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(
            "1 entry was scored on different commits of their Space: sprout-sense (ana at d4c8bed, ben at 1a2b3c4)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "1 entry changed on the Hub after the deadline (2026-06-30): sprout-sense (2026-07-02T09:00:00.000Z)"
        ),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["changed_after_deadline"][0][0], "sprout-sense");
    assert_eq!(json["revisions_differ"][0][0], "sprout-sense");
    let view = head(&s)
        .arg("--config")
        .arg(&config)
        .args(["merge", "--entry", "sprout-sense"])
        .args(&files)
        .output()
        .expect("runs");
    let view = String::from_utf8_lossy(&view.stdout);
    assert!(view.contains("Scored on commits: ana d4c8bed, ben 1a2b3c4 (different"), "{view}");
    // Before the deadline, or without one, nothing is said of it.
    let plain = head(&s).args(["merge"]).args(&files).output().expect("runs");
    assert!(!String::from_utf8_lossy(&plain.stderr).contains("deadline"));
}

/// tomas declares a conflict with team "Moss & Lichen" in the sample's judging.toml, and his file
/// scores their Sprout Sense anyway (`judging score` would refuse it; a file can say anything).
fn conflict_files(s: &Sandbox) -> [std::path::PathBuf; 2] {
    let row = |id: &str, v: u8| (id.to_owned(), vec![Some(v); 3], vec![Some(1_781_000_000_000); 3]);
    let mira = common::score_file(s, "mira.json", |b| {
        b.judge = "mira".into();
        b.scores = vec![row("sprout-sense", 3), row("pantry-poet", 4)];
    });
    let tomas = common::score_file(s, "tomas.json", |b| {
        b.judge = "tomas".into();
        b.scores = vec![row("sprout-sense", 5), row("pantry-poet", 4)];
    });
    [mira, tomas]
}

/// The printed merge lists every warning it has under one heading, as `results` does: the table
/// and the Markdown had stated the conflict alone (and the paid places resting on lenient
/// judges), and standard error repeated it beside the warnings the output left out. Piped, or
/// written with -o, standard error says each warning as ever; JSON keeps its `warnings` and CSV
/// has none.
#[test]
fn the_printed_merge_lists_every_warning_once_under_one_heading() {
    let s = Sandbox::new();
    let [mira, tomas] = conflict_files(&s);
    let monday = common::score_file(&s, "mira-monday.json", |b| {
        b.judge = "mira".into();
        b.written_at = "2026-06-19T10:00:00.000Z".into();
    });
    head(&s).arg("pull").assert().success();
    let files = [&monday, &mira, &tomas];
    let (twice, conflict) = ("judge \"mira\" appears twice", "Scored despite a conflict the judge declared");
    let merged = |args: &[&str]| {
        let out = head(&s).arg("merge").args(args).args(files).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{args:?}: {stderr}");
        (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
    };
    for (format, heading, item) in [
        ("table", "\nWARNINGS: weigh these before announcing\n", "  - "),
        ("md", "\n**Warnings: weigh these before announcing**\n\n", "- "),
    ] {
        let (stdout, stderr) = merged(&["--format", format]);
        assert_eq!(stdout.matches(heading).count(), 1, "{format}: one heading: {stdout}");
        let listed: Vec<&str> = stdout.split(heading).nth(1).unwrap_or_default().lines().take(3).collect();
        assert!(listed.iter().all(|l| l.starts_with(item)), "{format}: {listed:#?}");
        for warning in [twice, conflict] {
            assert_eq!(stdout.matches(warning).count(), 1, "{format}: {warning} once: {stdout}");
            assert!(listed.iter().any(|l| l.contains(warning)), "{format}: {warning} listed: {listed:#?}");
            // Piped: standard error is a log of its own, and says it too.
            assert!(stderr.contains(&format!("warning: {warning}")), "{format}: {stderr}");
        }
    }
    // Written to a file: the file lists them, and standard error says them.
    let (_, stderr) = merged(&["-o", "rankings.txt"]);
    let file = std::fs::read_to_string(s.path().join("rankings.txt")).expect("written");
    for warning in [twice, conflict] {
        assert!(file.contains(&format!("  - {warning}")), "{file}");
        assert!(stderr.contains(&format!("warning: {warning}")), "{stderr}");
    }
    // JSON keeps its field; CSV, a row per entry, has none.
    let (json, _) = merged(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let said = json["warnings"].to_string();
    assert!(said.contains("appears twice") && said.contains(conflict), "{said}");
    let (csv, stderr) = merged(&["--format", "csv"]);
    assert!(!csv.contains("appears twice") && !csv.contains(conflict), "{csv}");
    assert!(stderr.contains(twice) && stderr.contains(conflict), "{stderr}");
}

/// A score given despite a declared conflict is flagged on its entry and named in every format;
/// `merge.conflicts = "exclude"` leaves it out, and the output says so.
#[test]
fn a_score_despite_a_declared_conflict_is_flagged_or_left_out() {
    let s = Sandbox::new();
    let files = conflict_files(&s);
    head(&s).arg("pull").assert().success();
    let json = |config: Option<&std::path::Path>| {
        let mut cmd = head(&s);
        if let Some(config) = config {
            cmd.arg("--config").arg(config);
        }
        let out = cmd.args(["merge", "--method", "mean", "--format", "json"]).args(&files).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")
    };
    let entry = |json: &serde_json::Value, id: &str| {
        json["rankings"][0][1].as_array().expect("a ranking").iter().find(|e| e["id"] == id).cloned().expect(id)
    };
    let flagged = json(None);
    assert_eq!(
        flagged["conflicts"],
        serde_json::json!([{"judge": "tomas", "id": "sprout-sense", "title": "Sprout Sense", "counted": true}])
    );
    let sprout = entry(&flagged, "sprout-sense");
    assert!(sprout["flags"].as_array().expect("flags").contains(&"conflict".into()), "{sprout}");
    assert_eq!((sprout["judges"].as_u64(), sprout["score"].as_f64()), (Some(2), Some(4.0)), "counted: {sprout}");
    let pantry = entry(&flagged, "pantry-poet");
    assert!(!pantry["flags"].as_array().expect("flags").contains(&"conflict".into()), "{pantry}");
    assert!(
        flagged["warnings"].to_string().contains("tomas on Sprout Sense (sprout-sense)"),
        "{}",
        flagged["warnings"]
    );
    for format in ["table", "md"] {
        let out = head(&s).args(["merge", "--format", format]).args(&files).output().expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Scored despite a conflict the judge declared in judging.toml (1), counted"), "{text}");
        assert!(
            text.contains("tomas on Sprout Sense (sprout-sense)") && text.contains("conflict = scored by a judge"),
            "{text}"
        );
        let row = text.lines().find(|l| l.contains("sprout-sense") && !l.contains("despite")).unwrap_or_default();
        assert!(row.contains("conflict"), "{format}: the entry's row: {text}");
    }
    head(&s)
        .args(["merge", "--entry", "sprout-sense"])
        .args(&files)
        .assert()
        .success()
        .stdout(predicate::str::contains("Scored despite a conflict declared in judging.toml by tomas: counted"));
    // The event leaves such scores out.
    let exclude =
        s.file("exclude.toml", &judging::config::BUILTIN.replace("[merge]\n", "[merge]\nconflicts = \"exclude\"\n"));
    let excluded = json(Some(&exclude));
    assert_eq!(excluded["conflicts"][0]["counted"], false, "{}", excluded["conflicts"]);
    let sprout = entry(&excluded, "sprout-sense");
    assert_eq!((sprout["judges"].as_u64(), sprout["score"].as_f64()), (Some(1), Some(3.0)), "mira's only: {sprout}");
    assert!(sprout["flags"].as_array().expect("flags").contains(&"conflict".into()), "still flagged: {sprout}");
    let out = head(&s).arg("--config").arg(&exclude).arg("merge").args(&files).output().expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("left out of the merge, as merge.conflicts = \"exclude\" asks"), "{table}");
    let view = head(&s).arg("--config").arg(&exclude).args(["merge", "--entry", "sprout-sense"]).args(&files).output();
    let view = String::from_utf8(view.expect("runs").stdout).expect("utf-8");
    assert!(view.contains("by tomas: left out of the merge"), "{view}");
    assert!(!view.lines().any(|l| l.starts_with("tomas ")), "his score is not among the counted: {view}");
    // A policy it does not know is refused, naming what is valid.
    let bad = s.file("bad.toml", &judging::config::BUILTIN.replace("[merge]\n", "[merge]\nconflicts = \"drop\"\n"));
    head(&s)
        .arg("--config")
        .arg(&bad)
        .args(["merge"])
        .args(&files)
        .assert()
        .failure()
        .stderr(predicate::str::contains("drop").and(predicate::str::contains("exclude")));
}

/// An entry the event's rules exclude from prizes is marked so in the rankings, in every format,
/// with the reason `results` gives when it passes the entry over: one rule for both.
#[test]
fn who_cannot_win_is_marked_in_every_format_with_the_reason() {
    let s = Sandbox::new();
    let ids = ["dream-cartographer", "riddle-bridge", "pantry-poet"];
    let file = common::score_file(&s, "mira.json", |b| {
        b.judge = "mira".into();
        b.scores =
            ids.iter().map(|id| ((*id).to_owned(), vec![Some(4); 3], vec![Some(1_781_000_000_000); 3])).collect();
    });
    head(&s).arg("pull").assert().success();
    let run = |args: &[&str]| {
        let out = head(&s).args(args).arg(&file).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let json: serde_json::Value = serde_json::from_str(&run(&["merge", "--format", "json"])).expect("json");
    let reasons = |id: &str| -> Vec<String> {
        let listed = json["ineligible"].as_array().expect("a list").iter().find(|i| i["id"] == id);
        listed.map(|i| serde_json::from_value(i["reasons"].clone()).expect("reasons")).unwrap_or_default()
    };
    assert_eq!(reasons("dream-cartographer"), ["72B of models, over the 32B limit"], "{}", json["ineligible"]);
    assert_eq!(reasons("riddle-bridge"), ["no social post"]);
    assert!(reasons("pantry-poet").is_empty(), "eligible");
    for (_, ranked) in json["rankings"].as_array().expect("rankings").iter().filter_map(|r| r.as_array()?.split_first())
    {
        for e in ranked[0].as_array().expect("entries") {
            let flagged = e["flags"].as_array().expect("flags").contains(&"ineligible".into());
            assert_eq!(flagged, e["id"] != "pantry-poet", "{e}");
        }
    }
    for format in ["table", "md"] {
        let text = run(&["merge", "--format", format]);
        assert!(text.contains("Ranked, but the event's rules exclude from prizes (2)"), "{text}");
        assert!(text.contains("(dream-cartographer): 72B of models, over the 32B limit"), "{text}");
        assert!(text.contains("ineligible = the event's rules exclude it from prizes"), "{text}");
        let row = text.lines().find(|l| l.contains("riddle-bridge") && !l.contains("exclude")).unwrap_or_default();
        assert!(row.contains("ineligible"), "{format}: {text}");
    }
    let csv = run(&["merge", "--format", "csv"]);
    let header: Vec<&str> = csv.lines().next().unwrap_or_default().split(',').collect();
    let column = header.iter().position(|h| *h == "ineligible").expect("an ineligible column");
    let row = csv.lines().find(|l| l.contains("riddle-bridge")).unwrap_or_default();
    assert_eq!(row.split(',').nth(column), Some("no social post"), "{csv}");
    let view = run(&["merge", "--entry", "dream-cartographer"]);
    assert!(view.contains("Cannot win a prize under the event's rules: 72B of models, over the 32B limit."), "{view}");
    assert!(!run(&["merge", "--entry", "pantry-poet"]).contains("Cannot win"));
    // The prize results pass it over for the same reason.
    let results = run(&["results"]);
    assert!(results.contains("72B of models, over the 32B limit"), "{results}");
}

#[test]
fn the_events_method_is_set_once_in_judging_toml_and_a_flag_overrides_it() {
    let s = Sandbox::new();
    let files =
        [judge_file(&s, "mira", 1, &SOME), judge_file(&s, "tomas", -1, &SOME), judge_file(&s, "priya", 0, &SOME)];
    head(&s).arg("pull").assert().success();
    let event = |merge: &str| {
        s.file("event.toml", &judging::config::BUILTIN.replace("[merge]\n", &format!("[merge]\n{merge}\n")))
    };
    let config = event("method = \"trimmed\"\ntrim_by = \"criterion\"");
    let run = |args: &[&str]| {
        let out = head(&s).arg("--config").arg(&config).args(args).args(&files).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    assert!(run(&["merge"]).contains("Merged with the trimmed-by-criterion method"));
    assert!(run(&["merge", "--trim-by", "total"]).contains("Merged with the trimmed method"));
    assert!(run(&["merge", "--method", "mean"]).contains("Merged with the mean method"));
    assert!(run(&["results"]).contains("rankings merged with the trimmed-by-criterion method"));
    let json: serde_json::Value = serde_json::from_str(&run(&["merge", "--format", "json"])).expect("json");
    assert_eq!(json["method"], "trimmed-by-criterion");
    // feedback ranks as merge does: the event's method gives its places.
    let dir = s.path().join("feedback");
    let out =
        head(&s).arg("--config").arg(&config).arg("feedback").args(&files).arg("-o").arg(&dir).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = head(&s)
        .arg("--config")
        .arg(&config)
        .args(["feedback", "--method", "mean"])
        .args(&files)
        .arg("-o")
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(out.status.success(), "feedback takes --method: {}", String::from_utf8_lossy(&out.stderr));
    // A method judging does not know is refused by its line, with the names it knows.
    let bad = event("method = \"average\"");
    head(&s).arg("--config").arg(&bad).arg("merge").args(&files).assert().failure().stderr(
        predicate::str::contains("`method = \"average\"`")
            .and(predicate::str::contains("unknown variant `average`"))
            .and(predicate::str::contains("`calibrated`, `mean`")),
    );
}

/// A file from a judge judging.toml does not list is said, by name, not merged silently: without
/// keys, nothing proves who wrote it (a hostile judge can write one under any name).
#[test]
fn a_file_from_an_unlisted_judge_is_named() {
    let s = Sandbox::new();
    let listed = judge_file(&s, "mira", 0, &SOME);
    let stranger = judge_file(&s, "zed", 1, &SOME);
    head(&s).arg("pull").assert().success();
    head(&s).arg("merge").arg(&listed).assert().success().stderr(predicate::str::contains("not listed").not());
    head(&s).arg("merge").args([&listed, &stranger]).assert().success().stderr(
        predicate::str::contains("judge \"zed\" is not among the event's judges ([[judges]])")
            .and(predicate::str::contains("proves nothing")),
    );
}

/// The entry's view marks a judge judging.toml does not list "(unlisted)" in every format, as
/// the head judge's screen marks them: their row had stood as an ordinary judge's.
#[test]
fn the_entry_view_marks_an_unlisted_judge_in_every_format() {
    let s = Sandbox::new();
    let files = [judge_file(&s, "mira", 0, &SOME), judge_file(&s, "zed", 1, &SOME)];
    head(&s).arg("pull").assert().success();
    let view = |format: &str| sprout_sense_seen(&s, &files, format);
    let table = view("table");
    assert!(table.lines().any(|l| l.starts_with("zed (unlisted) ")), "{table}");
    assert!(!table.contains("mira (unlisted)"), "{table}");
    assert!(table.contains("(unlisted): not among the event's judges ([[judges]])"), "{table}");
    let md = view("md");
    assert!(md.contains("| zed (unlisted) |") && md.contains("| mira |"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&view("json")).expect("json");
    let judges = json["judges"].as_array().expect("judges");
    let unlisted = |name: &str| judges.iter().find(|j| j["judge"] == name).map(|j| j["unlisted"].clone());
    assert_eq!(unlisted("zed"), Some(serde_json::Value::Bool(true)), "{json}");
    assert_eq!(unlisted("mira"), Some(serde_json::Value::Null), "left out where listed: {json}");
    let csv = view("csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().expect("header").clone();
    let column = header.iter().position(|h| h == "unlisted").expect("an unlisted column");
    let cells: Vec<(String, String)> =
        rows.records().map(|r| r.expect("row")).map(|r| (r[1].to_owned(), r[column].to_owned())).collect();
    assert_eq!(cells, [("mira".to_owned(), String::new()), ("zed".to_owned(), "yes".to_owned())], "{csv}");
}

/// `status` warns of a judge judging.toml does not list, and of a name that looks like a listed
/// judge's ("míra" beside "mira"), in the merge's words: it had shown zed and míra as ordinary
/// rows, and only the merge said who they were.
#[test]
fn status_says_the_merges_warning_of_unlisted_and_look_alike_judges() {
    let s = Sandbox::new();
    let files =
        [judge_file(&s, "mira", 0, &SOME), judge_file(&s, "zed", 1, &SOME), judge_file(&s, "m\u{ed}ra", 0, &SOME)];
    head(&s).arg("pull").assert().success();
    let merged = head(&s).arg("merge").args(&files).output().expect("runs");
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    let merged = String::from_utf8_lossy(&merged.stderr);
    let warning = merged
        .lines()
        .find(|l| l.contains("are not among the event's judges"))
        .unwrap_or_else(|| panic!("the merge warns: {merged}"));
    assert!(warning.contains("\"m\\u{ed}ra\" looks like listed judge \"mira\""), "{warning}");
    let out = head(&s).arg("status").args(&files).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.lines().any(|l| l.starts_with("zed ")), "{stdout}");
    assert!(stderr.lines().any(|l| l == warning), "status says the merge's warning whole:\n{warning}\n{stderr}");
    // Listed judges only: nothing said.
    let out = head(&s).arg("status").arg(&files[0]).output().expect("runs");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not among"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The trimmed method gives no score to an entry with too few judges to trim: it is named in
/// every format with why, `--entry` says why, and it stays a candidate for a prize the marks do
/// not order. It had vanished from every output without a word.
#[test]
fn an_entry_too_thinly_judged_to_trim_is_named_with_why_in_every_output() {
    let s = Sandbox::new();
    let files =
        [judge_file(&s, "mira", 1, &SOME), judge_file(&s, "tomas", -1, &SOME), judge_file(&s, "priya", 0, &SOME[..5])];
    head(&s).arg("pull").assert().success();
    let run = |args: &[&str]| {
        let out = head(&s).args(["merge", "--method", "trimmed"]).args(args).args(&files).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let why =
        "too few judges for the trimmed method: dropping the 1 highest and 1 lowest totals needs 3 judges or more";
    let table = run(&[]);
    assert!(
        table.contains(&format!("Scored, but in no ranking (1), {why}: Recipe Rescue (recipe-rescue, 2 judges).")),
        "{table}"
    );
    assert!(run(&["--format", "md"]).contains("Recipe Rescue"), "named in Markdown");
    let csv = run(&["--format", "csv"]);
    assert!(csv.lines().any(|l| l.starts_with("not ranked,,recipe-rescue,Recipe Rescue,")), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).expect("json");
    assert_eq!(json["not_ranked"][0]["id"], "recipe-rescue");
    assert_eq!(json["not_ranked"][0]["judges"], 2);
    assert!(run(&["--entry", "recipe-rescue"]).contains(&format!("not ranked: {why}")));
    // The team's page says why it has no place, with no table of empty scores.
    let dir = s.path().join("feedback");
    head(&s).args(["feedback", "--method", "trimmed", "-o"]).arg(&dir).args(&files).assert().success();
    let page = std::fs::read_to_string(dir.join("recipe-rescue.md")).expect("page");
    assert!(page.contains("Judges scored this entry, but the event's method gives it no place"), "{page}");
    assert!(!page.contains("- of 1-5"), "{page}");
    // The calibrated method ranks it: nothing is said.
    let out = head(&s).arg("merge").args(&files).output().expect("runs");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Scored, but in no ranking"));
}

/// The organizers' export as a judge pulled it, and as it is now with its first entry
/// (kettle-coach) taken out.
fn export_before_and_after(s: &Sandbox) -> (std::path::PathBuf, std::path::PathBuf) {
    let before = include_str!("fixtures/devpost-export.csv");
    let mut rows = csv::Reader::from_reader(before.as_bytes());
    let header = rows.headers().expect("a header").clone();
    let mut kept = csv::Writer::from_writer(Vec::new());
    kept.write_record(&header).expect("write");
    for row in rows.records().skip(1) {
        kept.write_record(&row.expect("a row")).expect("write");
    }
    let after = String::from_utf8(kept.into_inner().expect("csv")).expect("utf-8");
    assert!(!after.contains("Kettle Coach") && after.contains("Fable Forge"), "{after}");
    (s.file("before.csv", before), s.file("after.csv", &after))
}

/// A head judge whose store was first pulled after an entry left the export cannot place a
/// judge's scores of it: the store never had it, so it is not withdrawn there but unknown. The
/// refusal names the store and the pull it came from, and says how to have such an entry kept as
/// withdrawn; done as it says, the file merges, with its scores of the entry left out by name.
/// It had said only "pull the export this judge scored", with nothing of the store's own pull.
#[test]
fn scores_of_an_entry_gone_before_the_head_judges_first_pull_are_refused_with_the_way_out() {
    let s = Sandbox::new();
    let (before, after) = export_before_and_after(&s);
    s.cmd().args(["--judge", "ana", "pull", "--from"]).arg(&before).assert().success();
    for id in ["kettle-coach", "fable-forge"] {
        s.cmd().args(["--judge", "ana", "score", id, "utility=3", "latency=2", "cost=4"]).assert().success();
    }
    s.cmd().args(["--judge", "ana", "export", "-o", "ana.json"]).assert().success();
    head(&s).args(["pull", "--from"]).arg(&after).assert().success();
    let out = head(&s).args(["merge", "ana.json"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("ana.json") && stderr.contains("\"kettle-coach\""), "{stderr}");
    let store = s.store("head").display().to_string();
    assert!(stderr.contains(&store) && stderr.contains("after.csv"), "names the store and its pull: {stderr}");
    assert!(
        stderr.contains("judging pull --from") && stderr.contains("then `judging pull` again"),
        "says how to keep the entry as withdrawn: {stderr}"
    );
    // status, results and feedback read the files against the store too, and say the same.
    for args in [&["status", "ana.json"][..], &["results", "ana.json"], &["feedback", "ana.json", "-o", "pages"]] {
        let out = head(&s).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(&store) && stderr.contains("judging pull --from"), "{args:?}: {stderr}");
    }
    // Done as it says: the file merges, its score of the entry left out by name.
    head(&s).args(["pull", "--from"]).arg(&before).assert().success();
    head(&s).args(["pull", "--from"]).arg(&after).assert().success();
    let out = head(&s).args(["merge", "ana.json"]).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    // In no ranking's rows; named among the warnings, which the table lists and stderr says.
    let rows: Vec<&str> = stdout.lines().filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit())).collect();
    assert!(
        rows.iter().any(|r| r.contains("fable-forge")) && !rows.iter().any(|r| r.contains("kettle-coach")),
        "{stdout}"
    );
    for said in [&stdout, &stderr] {
        assert!(said.contains("withdrawn from the export") && said.contains("\"kettle-coach\""), "{said}");
    }
}

/// A head judge checking where forty judges stand, with one file edited on its way: status
/// names that file and what to do, and still shows every other judge (it had shown nothing but
/// "error: 1 file refused"), then exits 1.
#[test]
fn status_names_a_refused_file_and_still_shows_the_others() {
    let s = Sandbox::new();
    let (good, text) = pulled_with_a_good_file(&s);
    let other = judge_file(&s, "tomas", 0, &SOME[..3]);
    let edited = s.file("priya.json", &text.replacen("[2,2,3]", "[5,2,3]", 1));
    let out = head(&s).arg("status").args([&good, &other, &edited]).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("priya.json: edited after it was written") && stderr.contains("export again"), "{stderr}");
    assert!(stderr.contains("1 of 3 files refused, and left out of this table"), "{stderr}");
    assert!(stdout.lines().any(|l| l.starts_with("mira ")), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("tomas ")), "{stdout}");
    assert!(stdout.contains("No file yet (or only one of the files refused above): priya"), "{stdout}");
    // Every file good: no word of refusals, exit 0.
    let out = head(&s).arg("status").args([&good, &other]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No file yet: priya"));
}

/// A file of another event, merged on the built-in event (no judging.toml anywhere): the refusal
/// names both events without sending the head judge to a judging.toml that is not there.
#[test]
fn another_events_file_on_the_built_in_event_names_no_missing_judging_toml() {
    let s = Sandbox::new();
    let (good, _) = pulled_with_a_good_file(&s);
    assert!(!s.path().join("judging.toml").exists(), "the built-in event");
    let other = common::score_file(&s, "event.json", |b| b.event = "tiny-hack-2025".into());
    for command in ["merge", "status"] {
        let out = head(&s).arg(command).args([&good, &other]).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("event.json: it is for event \"tiny-hack-2025\", not for this one, \"build-small-2026\""),
            "{command}: {stderr}"
        );
        assert!(!stderr.contains("this judging.toml"), "{command}: {stderr}");
    }
    // The merge's last line says how to go on without it, not only that nothing was merged.
    let out = head(&s).arg("merge").args([&good, &other]).output().expect("runs");
    let last = String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or_default().to_owned();
    assert_eq!(
        last,
        "error: 1 of 2 files refused; nothing was merged. Each is named above with what to do; to go on without it, leave it out of the command"
    );
    // Every file refused: leaving it out would leave nothing to merge, so that is not offered.
    let out = head(&s).arg("merge").arg(&other).output().expect("runs");
    let last = String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or_default().to_owned();
    assert_eq!(last, "error: 1 of 1 file refused; nothing was merged. Each is named above with what to do");
}

/// A judge who recused from an entry: status says how many, beside what they scored, so that
/// fewer scored than assigned is not taken for work left undone.
#[test]
fn status_says_how_many_entries_each_judge_recused_from() {
    let s = Sandbox::new();
    let (good, _) = pulled_with_a_good_file(&s);
    let recused = common::score_file(&s, "ivan.json", |b| {
        b.judge = "ivan".into();
        let recusals = &mut b.texts[judging::model::TextPart::Recusal];
        recusals.insert("pantry-poet".into(), "my cousin's team".into());
        recusals.insert("bus-stop-oracle".into(), "I mentored them".into());
    });
    let out = head(&s).arg("status").args([&good, &recused]).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let header = stdout.lines().next().unwrap_or_default();
    assert!(header.contains("PARTLY  RECUSED  WRITTEN (UTC)"), "{stdout}");
    // Each column said under the table: DONE and SCORED read alike, WRITTEN is not a push.
    assert!(stdout.contains("DONE: of those, scored in full; SCORED: every entry scored in full"), "{stdout}");
    assert!(stdout.contains("WRITTEN: when the judge's file was written"), "{stdout}");
    let column = header.find("RECUSED").expect("the column") + "RECUSED".len();
    let recused_of = |judge: &str| {
        let line = stdout.lines().find(|l| l.starts_with(&format!("{judge} "))).expect("a line");
        line[..column].split_whitespace().last().unwrap_or_default().to_owned()
    };
    assert_eq!(recused_of("ivan"), "2", "{stdout}");
    assert_eq!(recused_of("mira"), "0", "{stdout}");
    let table = stdout.lines().take_while(|l| !l.starts_with("ASSIGNED:") && !l.starts_with("No file yet"));
    assert!(table.into_iter().all(|l| l.chars().count() <= 80), "the table fits 80 columns: {stdout}");
}

/// A judge who scored only part of their assignment is named by the merge, in its warnings on
/// standard error and in the jury's output, with how far they got, as `judging status` counts it
/// (DONE): the merge had said nothing of the entries left with fewer judges than assigned.
#[test]
fn a_judge_who_left_part_of_their_assignment_is_named_by_the_merge() {
    let s = Sandbox::new();
    let (mira, _) = pulled_with_a_good_file(&s);
    let tomas = judge_file(&s, "tomas", 0, &SOME);
    let list = |ids: &[&str]| ids.iter().map(|id| format!("{id:?}")).collect::<Vec<_>>().join(", ");
    // mira scored all six of hers; tomas six of his eight, and recused from none.
    s.file(
        "assignments.toml",
        &format!(
            "event = \"build-small-2026\"\nseed = 1\njudges_per_entry = 1\n\n[judges]\nmira = [{}]\ntomas = [{}, \"map-mender\", \"seed-swap\"]\n",
            list(&SOME),
            list(&SOME)
        ),
    );
    let said = "judge \"tomas\" scored 6 of the 8 entries assigned to them (recusals aside): the entries left rest on fewer judges than the assignment gave them";
    let out = head(&s).args(["merge", "--format", "md"]).args([&mira, &tomas]).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(said) && stdout.contains(said), "{stderr}\n{stdout}");
    assert!(!stdout.contains("\"mira\" scored"), "{stdout}");
    let status = head(&s).arg("status").args([&mira, &tomas]).output().expect("runs");
    let table = String::from_utf8_lossy(&status.stdout);
    let done = |judge: &str| {
        let line = table.lines().find(|l| l.starts_with(&format!("{judge} "))).unwrap_or_default();
        line.split_whitespace().take(3).skip(1).collect::<Vec<_>>().join(" ")
    };
    assert_eq!((done("mira"), done("tomas")), ("6 6".to_owned(), "8 6".to_owned()), "{table}");
}

/// By the mean, an entry only two lenient judges scored wins its track: the printed merge (text
/// and Markdown) says so under its heading, and standard error warns of it; by the calibrated
/// method, which takes leniency out, neither does.
#[test]
fn a_paid_place_only_lenient_judges_gave_is_said_in_the_printed_merge() {
    let s = Sandbox::new();
    let mut files: Vec<std::path::PathBuf> =
        ["mira", "tomas", "priya"].iter().map(|j| judge_file(&s, j, 0, &SOME)).collect();
    let theirs = ["sprout-sense", "pantry-poet", "bus-stop-oracle", "quarrel-quill"];
    files.extend(["eve", "gus"].iter().map(|j| judge_file(&s, j, 2, &theirs)));
    head(&s).arg("pull").assert().success();
    let said = "Paid places that rest on lenient judges, which the mean method keeps as given (1): Quarrel Quill (1st in Thousand Token Wood): its 2 judges mark on average";
    for format in ["table", "md"] {
        let out = head(&s).args(["merge", "--method", "mean", "--format", format]).args(&files).output().expect("runs");
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{stderr}");
        // Markdown says it in the same words: parentheses are nothing in running text.
        assert!(stdout.contains(said), "{format}: {stdout}");
        assert!(stderr.contains(said), "{format}: {stderr}");
    }
    let out = head(&s).arg("merge").args(&files).output().expect("runs");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("lenient judges"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("rest on lenient judges"));
}

/// The place that rests on lenient judges is named in its ranking by its track's name in
/// judging.toml, as the ranking's heading names it, cleaned in the table and on standard error
/// and escaped in the Markdown: it had said "(1st in backyard)" under "BACK|YARD *AI* <B>".
#[test]
fn a_place_on_lenient_judges_names_its_ranking_by_its_tracks_name() {
    let s = Sandbox::new();
    s.file("judging.toml", common::NAMED_TRACKS);
    let mut files: Vec<std::path::PathBuf> =
        ["mira", "tomas", "priya"].iter().map(|j| judge_file(&s, j, 0, &SOME)).collect();
    let theirs = ["sprout-sense", "bus-stop-oracle", "invoice-imp"];
    files.extend(["eve", "gus"].iter().map(|j| judge_file(&s, j, 2, &theirs)));
    head(&s).arg("pull").assert().success();
    let run = |format: &str| {
        let out = head(&s).args(["merge", "--method", "mean", "--format", format]).args(&files).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let ((table, stderr), (md, _), (json, _)) = (run("table"), run("md"), run("json"));
    let said = "Invoice Imp (1st in Back|yard *AI* <b>): its 2 judges mark on average";
    assert!(table.contains(said) && stderr.contains(said), "{table}\n{stderr}");
    assert!(!table.contains("in backyard") && !stderr.contains("in backyard"), "{table}\n{stderr}");
    assert!(md.contains("Invoice Imp (1st in Back\\|yard \\*AI\\* \\<b\\>): its 2 judges"), "{md}");
    // The saved merge keeps the ranking's id, and the name beside it.
    let saved: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(saved["track_names"]["backyard"], "Back|yard *AI* <b>", "{json}");
    assert!(saved["rankings"].as_array().expect("rankings").iter().any(|r| r[0] == "backyard"), "{json}");
}

/// Judges' names of wide letters or with a combining accent keep the merge's columns in line,
/// in the entry's view and in the judges' table: names had been padded by characters, and a
/// row of "太郎" stood two columns right of the others, one of "Zoe\u{301}" one left.
#[test]
fn wide_and_accented_judges_names_keep_the_columns_in_line() {
    let s = Sandbox::new();
    let files: Vec<_> = [("ana", 4), ("太郎", 3), ("Zoe\u{301}", 5)]
        .iter()
        .enumerate()
        .map(|(k, (name, v))| {
            common::score_file(&s, &format!("j{k}.json"), |b| {
                b.judge = (*name).into();
                b.scores = vec![
                    ("sprout-sense".into(), vec![Some(*v); 3], vec![Some(1_781_000_000_000); 3]),
                    ("pantry-poet".into(), vec![Some(6 - v); 3], vec![Some(1_781_000_000_000); 3]),
                ];
            })
        })
        .collect();
    head(&s).arg("pull").assert().success();
    let run = |args: &[&str]| {
        let out = head(&s).arg("merge").args(args).args(&files).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    // The column where a judge's row has its first figure after the name, in terminal columns.
    let after_name = |text: &str, name: &str| {
        let line = text.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("a row for {name}:\n{text}"));
        let figure = line[name.len()..].find(|c: char| c.is_ascii_digit() || c == '-').map(|i| i + name.len());
        judging::text_width::width(&line[..figure.unwrap_or(0)])
    };
    for (text, what) in [(run(&["--entry", "sprout-sense"]), "the entry's view"), (run(&[]), "the judges' table")] {
        let at: Vec<usize> = ["ana", "太郎", "Zoe\u{301}"].iter().map(|n| after_name(&text, n)).collect();
        assert!(at.iter().all(|a| *a == at[0] && *a > 5), "{what}: {at:?}\n{text}");
    }
}

/// Many files refused alike, one file given many times, or a sheet's many rows refused alike are
/// a few lines each, not one a file or a row: twenty cut-short files had printed twenty errors,
/// twelve copies of one file eleven warnings, and a sheet of 300 unknown ids 300 errors. The
/// first few of each kind are said whole, then how many more, naming the first of them.
#[test]
fn many_problems_of_one_kind_are_said_in_a_few_lines() {
    let s = Sandbox::new();
    let (good, text) = pulled_with_a_good_file(&s);
    let mut files = vec![good.clone()];
    for n in 0..20 {
        files.push(s.file(&format!("cut-{n:02}.json"), &text[..text.len() / 2]));
    }
    let out = head(&s).arg("merge").args(&files).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.lines().count() <= 5, "a few lines: {err}");
    for shown in ["cut-00.json: a judging score file cut short", "cut-01.json", "cut-02.json"] {
        assert!(err.contains(shown), "{shown}: {err}");
    }
    assert!(err.contains("... and 17 more files of this kind (cut short): "), "{err}");
    assert!(err.contains("cut-03.json") && !err.contains("cut-19.json"), "the first few named: {err}");
    assert!(err.contains("20 of 21 files refused; nothing was merged"), "{err}");
    // `status` reads them as the merge does, and says them alike.
    let out = head(&s).arg("status").args(&files).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.lines().filter(|l| l.starts_with("error:")).count() <= 5, "a few lines: {err}");
    assert!(err.contains("... and 17 more files of this kind (cut short): "), "{err}");

    let copies: Vec<std::path::PathBuf> = (0..12)
        .map(|n| {
            let copy = s.path().join(format!("copy-{n:02}.json"));
            std::fs::copy(&good, &copy).expect("copy");
            copy
        })
        .collect();
    let out = head(&s).arg("merge").args(&copies).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let same: Vec<&str> = err.lines().filter(|l| l.contains("the same file")).collect();
    assert_eq!(same.len(), 1, "one line: {err}");
    assert!(same[0].contains("copy-00.json") && same[0].contains("and 7 more"), "{err}");
    assert!(same[0].contains("of judge \"mira\": it counts once"), "{err}");

    s.cmd().args(["--judge", "paper", "pull"]).assert().success();
    let mut sheet = String::from("judge,submission,criterion,score\n");
    for n in 0..300 {
        sheet.push_str(&format!("paper,ghost-{n},utility,3\n"));
    }
    sheet.push_str("paper,pantry-poet,utility,9\n");
    let sheet = s.file("ghosts.csv", &sheet);
    let out = s.cmd().args(["--judge", "paper", "import-scores"]).arg(&sheet).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.lines().count() <= 6, "a few lines: {err}");
    for shown in [
        "ghosts.csv: line 2: no submission \"ghost-0\" in the store",
        "ghosts.csv: line 4: no submission \"ghost-2\"",
        "ghosts.csv: ... and 297 more rows of this kind (not in the store), on lines 5, 6, 7",
        "ghosts.csv: line 302: utility = \"9\"",
        "301 rows of",
    ] {
        assert!(err.contains(shown), "{shown}: {err}");
    }
}

/// The sentences under the rankings that tell the jury what a figure means ended without a full
/// stop in the table output ("... Between 10% and 90% is for the jury to discuss", "Kendall's W
/// runs from 0 ... (every judge put the entries in the same order)", "... under 0.667 as too
/// uncertain to rest a decision on"), where the output's other sentences end with one; the
/// Markdown put one after some of them. Each now ends with one full stop, in both.
#[test]
fn the_sentences_under_the_rankings_end_with_a_full_stop_in_table_and_markdown() {
    let s = Sandbox::new();
    let a = judge_file(&s, "mira", 1, &SOME);
    let b = judge_file(&s, "tomas", 0, &SOME);
    let c = judge_file(&s, "priya", 0, &SOME[..3]);
    head(&s).arg("pull").assert().success();
    for format in ["table", "md"] {
        let out = head(&s).args(["merge", "--format", format]).args([&a, &b, &c]).output().expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        for starts in ["PAID: how sure", "Agreement of 2 judges", "Kendall's W runs", "Agreement of every judge"] {
            let line =
                text.lines().find(|l| l.starts_with(starts)).unwrap_or_else(|| panic!("{format}: {starts}: {text}"));
            assert!(line.ends_with('.') && !line.ends_with(".."), "{format}: {line}");
        }
        assert!(text.contains("too uncertain to rest a decision on."), "{format}: {text}");
    }
}

/// The Markdown names the rankings and the criteria as the table does (`## BACKYARD AI`, a column
/// `UTILITY`): it had said `## backyard` and `utility`, ids where the table names. And it says
/// each sentence the table says in the same words: parentheses are nothing in running
/// Markdown, and some sentences had escaped theirs (`8 of 8 \(without mira, …\)`) where others
/// had not (`Invoice Imp (invoice-imp)`).
#[test]
fn the_markdown_names_and_says_what_the_table_does() {
    let s = Sandbox::new();
    let a = judge_file(&s, "mira", 1, &SOME);
    let b = judge_file(&s, "tomas", -1, &SOME[..4]);
    head(&s).arg("pull").assert().success();
    let run = |format: &str| {
        let out = head(&s).args(["merge", "--format", format]).args([&a, &b]).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let (table, md) = (run("table"), run("md"));
    for heading in ["OVERALL (6 entries)", "BACKYARD AI (", "THOUSAND TOKEN WOOD ("] {
        let line = table.lines().find(|l| l.starts_with(heading)).unwrap_or_else(|| panic!("{heading}: {table}"));
        assert!(md.contains(&format!("\n## {line}\n")), "{line}: {md}");
    }
    assert!(!md.contains("## overall") && !md.contains("## backyard"), "{md}");
    // The Markdown heads a criterion as judging.toml labels it ("| Place | Entry | Score |
    // utility |"), where "UTILITY" had stood in capitals beside "Place" and "Score".
    assert!(md.contains("| utility | latency | cost |") && !md.contains("| UTILITY |"), "{md}");
    // The sentences both say, word for word.
    let mut said = 0;
    for start in ["Not scored in full", "Paid places that change without one judge", "No Condorcet winner"] {
        for line in table.lines().filter(|l| l.starts_with(start)) {
            assert!(md.contains(line), "{line}: {md}");
            said += 1;
        }
    }
    assert!(said >= 2, "{table}");
    assert!(!md.contains("\\(") && !md.contains("\\)"), "{md}");
}

/// An entrant's title that writes markup is shown as written in the Markdown, its parentheses
/// unescaped: a link needs its brackets, and those are escaped.
#[test]
fn a_title_in_the_markdown_makes_no_link_emphasis_html_or_cell() {
    let s = Sandbox::new();
    let file = one_entry_titled(&s, "[x](javascript:alert(1)) *b* <i>i</i> | c");
    let md = merged_as(&s, "md", &file);
    assert!(
        md.contains("| \\[x\\](javascript:alert(1)) \\*b\\* \\<i\\>i\\</i\\> \\| c (sprout-sense) |"),
        "escaped: {md}"
    );
}

/// The files are read while the store's ids are looked up: a store that has none still says so
/// and ends, with nothing merged, rather than leave the readers waiting for ids that never come.
#[test]
fn a_store_with_no_submissions_says_so_without_waiting() {
    let s = Sandbox::new();
    let files = [judge_file(&s, "mira", 0, &SOME), judge_file(&s, "tomas", 1, &SOME[..3])];
    head(&s).arg("pull").assert().success();
    let emptied = rusqlite::Connection::open(s.store("head")).expect("open").execute("DELETE FROM submissions", []);
    assert!(emptied.expect("emptied") > 0);
    head(&s)
        .arg("merge")
        .args(&files)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .failure()
        .stderr(predicate::str::contains("no submissions").and(predicate::str::contains("pull")));
}
