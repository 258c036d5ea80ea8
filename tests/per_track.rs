//! Each track its own rubric: the official Build Small event (examples/build-small-official.toml),
//! scored, exported as version 3 files and merged through the real binary; and yesterday's
//! version 2 file still merging.

mod common;

use common::Sandbox;
use predicates::prelude::*;

const OFFICIAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/build-small-official.toml");

fn as_judge(s: &Sandbox, judge: &str) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.args(["--config", OFFICIAL, "--judge", judge]);
    cmd
}

#[test]
fn the_official_per_track_event_checks() {
    let s = Sandbox::new();
    s.cmd()
        .args(["--config", OFFICIAL, "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("7 criteria, 2 tracks").and(predicate::str::contains("40 valid, 0 rejected")));
}

/// Each judge scores an entry on its track's rubric; `bias` is added, `quality` orders them.
fn score_all(s: &Sandbox, judge: &str, bias: i64) -> std::path::PathBuf {
    as_judge(s, judge).arg("pull").assert().success();
    let ids = [
        ("sprout-sense", "backyard", 4),
        ("bus-stop-oracle", "backyard", 2),
        ("meter-reader", "backyard", 3),
        ("pantry-poet", "wood", 3),
        ("lullaby-loom", "wood", 4),
        ("quarrel-quill", "wood", 1),
    ];
    for (id, track, quality) in ids {
        let v = |k: i64| (quality + bias + k).clamp(1, 5).to_string();
        let mut args: Vec<String> = match track {
            "backyard" => {
                vec![format!("specificity={}", v(0)), format!("adoption={}", v(1)), format!("constraints={}", v(0))]
            }
            _ => vec![format!("delight={}", v(0)), format!("load-bearing={}", v(-1)), format!("originality={}", v(0))],
        };
        // Polish, the one shared criterion, runs against quality: the overall ranking reads it.
        args.push(format!("polish={}", (6 - quality + bias).clamp(1, 5)));
        as_judge(s, judge).arg("score").arg(id).args(&args).assert().success();
    }
    let out = s.path().join(format!("{judge}.json"));
    as_judge(s, judge).args(["export", "-o"]).arg(&out).assert().success();
    out
}

fn order(csv: &str, ranking: &str) -> Vec<String> {
    csv.lines()
        .filter(|l| l.starts_with(&format!("{ranking},")))
        .filter_map(|l| l.split(',').nth(2).map(str::to_owned))
        .collect()
}

#[test]
fn each_track_is_ranked_on_its_own_rubric_and_overall_on_what_they_share() {
    let s = Sandbox::new();
    let files = [score_all(&s, "ana", 0), score_all(&s, "ben", 1)];
    let text = std::fs::read_to_string(&files[0]).expect("read");
    assert!(text.starts_with("{\"format\":\"judging-scores\",\"version\":4,"), "{text}");
    as_judge(&s, "head").arg("pull").assert().success();
    let out = as_judge(&s, "head")
        .args(["merge", "--method", "mean", "--format", "csv"])
        .args(&files)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(order(&csv, "backyard"), ["sprout-sense", "meter-reader", "bus-stop-oracle"], "{csv}");
    assert_eq!(order(&csv, "wood"), ["lullaby-loom", "pantry-poet", "quarrel-quill"], "{csv}");
    // Overall: polish only, which runs the other way.
    let overall = order(&csv, "overall");
    assert_eq!(overall.first().map(String::as_str), Some("quarrel-quill"), "{csv}");
    assert_eq!(overall.last().map(String::as_str), Some("lullaby-loom"), "{csv}");
    // A criterion off an entry's rubric has no mean: an empty cell.
    let header: Vec<&str> = csv.lines().next().unwrap_or_default().split(',').collect();
    let delight = header.iter().position(|h| *h == "delight").expect("delight column");
    let sprout = csv.lines().find(|l| l.starts_with("backyard,1,sprout-sense")).expect("row");
    assert_eq!(sprout.split(',').nth(delight), Some(""), "{sprout}");
    // Best Demo by polish reads polish means, and the results run.
    as_judge(&s, "head").arg("results").args(&files).assert().success().stdout(predicate::str::contains("BEST DEMO"));
}

#[test]
fn a_criterion_off_the_entrys_rubric_is_refused_by_score_and_import() {
    let s = Sandbox::new();
    as_judge(&s, "ana").arg("pull").assert().success();
    as_judge(&s, "ana").args(["score", "sprout-sense", "delight=3"]).assert().failure().stderr(
        predicate::str::contains("delight does not judge entries in track backyard")
            .and(predicate::str::contains("specificity, adoption, constraints, polish")),
    );
    let sheet = s.file(
        "sheet.csv",
        "judge,submission,criterion,score\nana,pantry-poet,delight,4\nana,sprout-sense,originality,2\n",
    );
    as_judge(&s, "ana").arg("import-scores").arg(&sheet).assert().failure().stderr(
        predicate::str::contains("line 3")
            .and(predicate::str::contains("originality does not judge entries in track backyard")),
    );
    // Scored on its four, the entry is scored; the app's count and list agree.
    as_judge(&s, "ana")
        .args(["score", "pantry-poet", "delight=4", "load-bearing=3", "originality=5", "polish=2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("total").and(predicate::str::contains("3.50")));
    let list = as_judge(&s, "ana").args(["list", "--format", "csv"]).output().expect("runs");
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(list.lines().any(|l| l.starts_with("pantry-poet,scored,wood")), "{list}");
}

#[test]
fn a_version_2_file_from_yesterdays_build_still_merges() {
    let s = Sandbox::new();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/scores-v2-tomas.json");
    let text = std::fs::read_to_string(fixture).expect("fixture");
    assert!(text.starts_with("{\"format\":\"judging-scores\",\"version\":2,"));
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd()
        .args(["--judge", "head", "merge", "--format", "csv", fixture])
        .assert()
        .success()
        .stdout(predicate::str::contains("overall,1,sprout-sense,Sprout Sense,"));
    s.cmd()
        .args(["--judge", "head", "merge", "--entry", "sprout-sense", fixture])
        .assert()
        .success()
        .stdout(predicate::str::contains("Fast on CPU"));
}

/// An event scored out of 100, without tracks (examples/out-of-100.toml): checked, scored on the
/// command line, merged into one ranking.
#[test]
fn an_event_scored_out_of_100_without_tracks() {
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/out-of-100.toml");
    let s = Sandbox::new();
    let run = |judge: &str| {
        let mut cmd = s.cmd();
        cmd.args(["--config", config, "--judge", judge]);
        cmd
    };
    s.cmd().args(["--config", config, "check"]).assert().success().stdout(predicate::str::contains("0 tracks"));
    let mut files = Vec::new();
    for (judge, lift) in [("ana", 0), ("ben", 7)] {
        run(judge).arg("pull").assert().success().stderr(predicate::str::contains("track").not());
        for (k, id) in ["sprout-sense", "pantry-poet", "bus-stop-oracle"].iter().enumerate() {
            let impact = 90 - 20 * k + lift;
            run(judge)
                .args(["score", id, &format!("impact={impact}"), "execution=60"])
                .assert()
                .success()
                .stdout(predicate::str::contains("Impact"));
        }
        let out = s.path().join(format!("{judge}.json"));
        run(judge).args(["export", "-o"]).arg(&out).assert().success();
        files.push(out);
    }
    run("ana")
        .args(["score", "sprout-sense", "impact=101"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("impact = \"101\": impact takes a whole number from 0 to 100"));
    run("head").arg("pull").assert().success();
    let out = run("head").args(["merge", "--method", "mean"]).args(&files).output().expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && table.contains("OVERALL (3 entries)"), "{table}");
    assert!(!table.contains("BACKYARD") && !table.contains("WOOD"), "{table}");
    let first = table.lines().find(|l| l.trim_start().starts_with("1 ")).unwrap_or_default();
    assert!(first.contains("sprout-sense"), "{table}");
}

#[test]
fn each_rankings_table_shows_its_own_rubrics_criteria() {
    let s = Sandbox::new();
    let files = [score_all(&s, "ana", 0), score_all(&s, "ben", 1)];
    as_judge(&s, "head").arg("pull").assert().success();
    let out = as_judge(&s, "head").args(["merge", "--method", "mean"]).args(&files).output().expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    let header_after = |heading: &str| {
        let at = table.find(heading).unwrap_or(0);
        table[at..].lines().nth(1).unwrap_or_default().to_owned()
    };
    let backyard = header_after("BACKYARD AI (");
    assert!(backyard.contains("SPECIF") && backyard.contains("POLISH") && !backyard.contains("DELIGHT"), "{backyard}");
    let wood = header_after("THOUSAND TOKEN WOOD (");
    assert!(wood.contains("DELIGHT") && !wood.contains("SPECIF"), "{wood}");
    let overall = header_after("OVERALL (");
    assert!(overall.contains("POLISH") && !overall.contains("DELIGHT") && !overall.contains("SPECIF"), "{overall}");
}
