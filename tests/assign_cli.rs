//! `judging assign` through the real binary: coverage, determinism, and never overwriting a file
//! judges may have started from.

mod common;

use common::Sandbox;
use predicates::prelude::*;

fn organizer(s: &Sandbox) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.args(["--judge", "organizer"]);
    cmd
}

#[test]
fn the_sample_is_assigned_with_its_coverage_explained() {
    let s = Sandbox::new();
    organizer(&s).arg("pull").assert().success();
    organizer(&s).arg("assign").assert().success().stdout(
        predicate::str::contains("40 entries, 2 judges each where the rules allow, seed 2026")
            .and(predicate::str::contains("garden-gnome-gpt has 1: conflict: tomas; other tracks only: priya"))
            .and(predicate::str::contains("priya may judge 20 entries"))
            .and(predicate::str::contains("Wrote ./assignments.toml")),
    );
    let text = std::fs::read_to_string(s.path().join("assignments.toml")).expect("written");
    let file: judging::assign::Assignments = toml::from_str(&text).expect("reads back");
    assert_eq!((file.event.as_str(), file.seed, file.judges_per_entry), ("build-small-2026", 2026, 2));
    assert!(
        !file.judges["tomas"].iter().any(|id| ["sprout-sense", "garden-gnome-gpt", "seed-swap"].contains(&id.as_str())),
        "Moss & Lichen"
    );
    assert!(!file.judges["priya"].contains(&"cafe-companero".to_owned()), "priya's conflict");
    let total: usize = file.judges.values().map(Vec::len).sum();
    assert_eq!(total, 40 * 2 - 1, "every entry twice, but garden-gnome-gpt once");
}

#[test]
fn the_same_seed_writes_the_same_file_and_an_existing_one_is_kept() {
    let s = Sandbox::new();
    organizer(&s).arg("pull").assert().success();
    organizer(&s).args(["assign", "-o", "one.toml"]).assert().success();
    organizer(&s).args(["assign", "-o", "two.toml"]).assert().success();
    let read = |f: &str| std::fs::read_to_string(s.path().join(f)).expect("read");
    assert_eq!(read("one.toml"), read("two.toml"));
    organizer(&s)
        .args(["assign", "-o", "one.toml", "--seed", "7"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("one.toml exists: judges may have started from it"));
    organizer(&s).args(["assign", "-o", "one.toml", "--seed", "7", "--force"]).assert().success();
    assert_ne!(read("one.toml"), read("two.toml"), "another seed, another spread");
    organizer(&s)
        .args(["assign", "-k", "3", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 judges each"));
    assert!(!s.path().join("assignments.toml").exists(), "a dry run writes nothing");
}

/// An assignments file that exists, or an -o that cannot be written, is refused before anything
/// is assigned: the error alone, nothing on standard output. The second `assign -k 3 --seed 7`
/// had printed the whole coverage, then refused. --dry-run still shows the coverage beside it.
#[test]
fn a_refused_destination_is_said_before_the_coverage() {
    let s = Sandbox::new();
    organizer(&s).arg("pull").assert().success();
    organizer(&s).args(["assign", "-k", "3", "--seed", "7"]).assert().success();
    let refusals: [(&[&str], &str); 3] = [
        (&["assign", "-k", "3", "--seed", "7"], "assignments.toml exists"),
        (&["assign", "-o", "assignments.toml"], "assignments.toml exists"),
        (&["assign", "-o", "no-folder/a.toml"], "there is no folder no-folder"),
    ];
    for (args, said) in refusals {
        let out = organizer(&s).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: ") && stderr.contains(said), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed: {}", String::from_utf8_lossy(&out.stdout));
    }
    organizer(&s)
        .args(["assign", "-k", "3", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 judges each"));
    organizer(&s)
        .args(["assign", "-k", "3", "--seed", "8", "--force"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 judges each").and(predicate::str::contains("\nWrote ")));
}

#[test]
fn without_judges_or_entries_it_says_what_to_do() {
    let s = Sandbox::new();
    let bare = s.file("bare.toml", "[event]\nid = \"build-small-2026\"\nname = \"B\"\n");
    organizer(&s).arg("--config").arg(&bare).arg("pull").assert().success();
    organizer(&s)
        .arg("--config")
        .arg(&bare)
        .arg("assign")
        .assert()
        .failure()
        .stderr(predicate::str::contains("lists no [[judges]]"));
    let fresh = Sandbox::new();
    organizer(&fresh)
        .arg("assign")
        .assert()
        .failure()
        .stderr(predicate::str::contains("run `judging pull --judge organizer` first"));
}

#[test]
fn check_reads_the_assignments_against_the_export() {
    let s = Sandbox::new();
    organizer(&s).arg("pull").assert().success();
    organizer(&s).arg("assign").assert().success();
    organizer(&s)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("./assignments.toml: 3 judges, 79 assignments"));
    let path = s.path().join("assignments.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("mira = [", "zoe = [\"gone-entry\"]\nmira = [", 1)).expect("write");
    organizer(&s).arg("check").assert().failure().stdout(
        predicate::str::contains(
            "judge \"zoe\" is not among the event's judges ([[judges]]): add them, or run `judging assign --force`",
        )
        .and(predicate::str::contains("judge \"zoe\" has 1 entry not in the export, such as \"gone-entry\"")),
    );
    // The same entry twice in one judge's list: said, though it counts once.
    let doubled = text.replacen("mira = [", "mira = [\"pill-pal\", \"pill-pal\", ", 1);
    std::fs::write(&path, doubled).expect("write");
    organizer(&s).arg("check").assert().stdout(predicate::str::contains(
        "warning: ./assignments.toml: judge \"mira\" is assigned \"pill-pal\" twice; it counts once",
    ));
    // An id another machine sent, said to be wrong, is shown with its controls: with them
    // dropped, "sprout-sense\u{1b}[0m" read as an entry the export has.
    let edited = text.replacen("mira = [", "mira = [\"sprout-sense\\u001b[0m\", ", 1);
    std::fs::write(&path, edited).expect("write");
    let output = organizer(&s).arg("check").output().expect("runs");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{said}");
    let want = "judge \"mira\" has 1 entry not in the export, such as \"sprout-sense\\u{1b}[0m\"";
    assert!(said.contains(want), "{want}: {said}");
    assert!(!said.contains('\u{1b}'), "{said:?}");
}

#[test]
fn judges_walled_off_by_tracks_are_reported_and_a_calibration_set_links_them() {
    let s = Sandbox::new();
    let event = |extra: &str| {
        format!(
            "[event]\nid = \"build-small-2026\"\nname = \"B\"\n[assign]\njudges_per_entry = 2\n{extra}\n\
             [[judges]]\nname = \"ana\"\ntracks = [\"backyard\"]\n[[judges]]\nname = \"ben\"\ntracks = [\"backyard\"]\n\
             [[judges]]\nname = \"cai\"\ntracks = [\"wood\"]\n[[judges]]\nname = \"dee\"\ntracks = [\"wood\"]\n"
        )
    };
    let walled = s.file("walled.toml", &event(""));
    organizer(&s).arg("--config").arg(&walled).arg("pull").assert().success();
    organizer(&s).arg("--config").arg(&walled).args(["assign", "--dry-run"]).assert().success().stdout(
        predicate::str::contains("Judges not linked: 2 groups share no entry")
            .and(predicate::str::contains("{ana, ben}, {cai, dee}"))
            .and(predicate::str::contains("add an [assign] calibration set")),
    );
    let linked = s.file("linked.toml", &event("calibration = [\"sprout-sense\", \"pantry-poet\"]"));
    organizer(&s).arg("--config").arg(&linked).args(["assign", "-o", "a.toml"]).assert().success().stdout(
        predicate::str::contains("Every judge scores the 2 calibration entries first.")
            .and(predicate::str::contains("Judges linked: every judge shares entries")),
    );
    let file: judging::assign::Assignments =
        toml::from_str(&std::fs::read_to_string(s.path().join("a.toml")).expect("written")).expect("reads back");
    assert_eq!(file.calibration, ["sprout-sense", "pantry-poet"]);
    assert!(file.judges.values().all(|list| list.contains(&"sprout-sense".to_owned())), "{:?}", file.judges);
    let unknown = s.file("unknown.toml", &event("calibration = [\"no-such\"]"));
    organizer(&s).arg("--config").arg(&unknown).args(["assign", "--dry-run"]).assert().failure().stderr(
        predicate::str::contains("[assign] calibration names \"no-such\", which is not among the store's submissions"),
    );
}

/// `judging list --assigned` shows a judge the entries assigned to them, and no other; without an
/// assignments file it says where the file would be and who writes it. A mistyped id offers the
/// ids that look like it.
#[test]
fn a_judge_lists_only_their_entries_and_a_typo_gets_a_suggestion() {
    let s = Sandbox::new();
    organizer(&s).arg("pull").assert().success();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.cmd()
        .args(["--judge", "mira", "list", "--assigned"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no assignments file").and(predicate::str::contains("judging assign")));
    organizer(&s).arg("assign").assert().success();
    let text = std::fs::read_to_string(s.path().join("assignments.toml")).expect("written");
    let file: judging::assign::Assignments = toml::from_str(&text).expect("reads back");
    let out = s.cmd().args(["--judge", "mira", "list", "--assigned", "--format", "json"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut ids: Vec<&str> = listed.as_array().expect("list").iter().map(|e| e["id"].as_str().expect("id")).collect();
    let mut want: Vec<&str> = file.judges["mira"].iter().map(String::as_str).collect();
    ids.sort_unstable();
    want.sort_unstable();
    assert!(!want.is_empty() && want.len() < 40, "{want:?}");
    assert_eq!(ids, want);
    s.cmd()
        .args(["--judge", "mira", "score", "dream-cartogapher", "utility=3"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Did you mean:\n  judging score dream-cartographer utility=3 --judge mira\n"));
}

/// The built-in event with a trainee, "hal" (counts = false), listed before the judges.
fn with_a_trainee(s: &Sandbox) -> std::path::PathBuf {
    s.file(
        "event.toml",
        &judging::config::BUILTIN.replace(
            "[[judges]]\nname = \"mira\"",
            "[[judges]]\nname = \"hal\"\ncounts = false\n\n[[judges]]\nname = \"mira\"",
        ),
    )
}

/// A trainee (counts = false) fills no entry's places: the judges whose marks count give every
/// entry its k judges, and the trainee is spread over the entries on top, one to an entry, a
/// judge's share of them (40 entries × 2 over 3 judges: 27), not all 40. A trainee had taken
/// judging places, leaving entries with one judge whose marks count.
#[test]
fn a_trainee_is_assigned_on_top_of_the_judges_that_count() {
    let s = Sandbox::new();
    let config = with_a_trainee(&s);
    let organizer = || {
        let mut cmd = organizer(&s);
        cmd.arg("--config").arg(&config);
        cmd
    };
    organizer().arg("pull").assert().success();
    organizer().args(["assign", "-o", "plan.toml"]).assert().success().stdout(predicate::str::contains(
        "Trainees, on top of the judges above (their marks count for nothing), one to an entry, each about a judge's share (27): hal 27",
    ));
    let text = std::fs::read_to_string(s.path().join("plan.toml")).expect("written");
    let file: judging::assign::Assignments = toml::from_str(&text).expect("reads back");
    let counted: usize = file.judges.iter().filter(|(j, _)| *j != "hal").map(|(_, l)| l.len()).sum();
    assert_eq!(counted, 40 * 2 - 1, "the counted judges fill every place, as without the trainee");
    assert_eq!(file.judges["hal"].len(), 27);
    let hal: std::collections::HashSet<&String> = file.judges["hal"].iter().collect();
    assert_eq!(hal.len(), 27, "no entry twice");
}

/// `status` counts each judge once, from the newer file, as the merge does; marks a trainee and
/// leaves their marks out of the coverage; and says how many of each judge's assigned entries
/// they scored.
#[test]
fn status_counts_judges_as_the_merge_does() {
    let s = Sandbox::new();
    let config = with_a_trainee(&s);
    let file = |name: &str, judge: &str, at: &str| {
        common::score_file(&s, name, |b| {
            b.judge = judge.into();
            b.written_at = at.into();
        })
    };
    let files = [
        file("old.json", "mira", "2026-06-20T09:00:00.000Z"),
        file("new.json", "mira", "2026-06-20T10:00:00.000Z"),
        file("hal.json", "hal", "2026-06-20T10:00:00.000Z"),
    ];
    organizer(&s).arg("--config").arg(&config).arg("pull").assert().success();
    let out = organizer(&s).arg("--config").arg(&config).arg("status").args(&files).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("judge \"mira\" appears twice"), "{stderr}");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("mira ")).count(), 1, "{stdout}");
    assert!(stdout.contains("hal (trainee)"), "{stdout}");
    // sprout-sense has mira's marks and the trainee's: one judge that counts.
    assert!(stdout.contains("Sprout Sense (sprout-sense, 1 judge)"), "{stdout}");
    // Without files and with no [sync] repo: what to give.
    organizer(&s)
        .arg("--config")
        .arg(&config)
        .arg("status")
        .assert()
        .failure()
        .stderr(predicate::str::contains("give the files you have, `judging status scores-*.json`"));
}

/// `--dry-run` writes nothing, so a destination or --force beside it is a usage error: `-o` had
/// been dropped without a word.
#[test]
fn a_dry_run_takes_no_destination() {
    let s = Sandbox::new();
    for extra in [&["-o", "out.toml"][..], &["--force"]] {
        s.cmd()
            .args(["--judge", "organizer", "assign", "--dry-run"])
            .args(extra)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("cannot be used with"));
    }
    assert!(!s.path().join("out.toml").exists());
}

/// More judges an entry than there are judges whose marks count: each entry's shortfall is
/// said for what it is (too few judges, a trainee taking no place), in a few lines, not one an
/// entry blaming a judge's tracks.
#[test]
fn too_few_judges_for_the_places_asked_is_said_once_as_such() {
    let s = Sandbox::new();
    s.file(
        "judging.toml",
        "[[judges]]\nname = \"ana\"\n\n[[judges]]\nname = \"ben\"\ntracks = [\"backyard\"]\n\n[[judges]]\nname = \"tia\"\ncounts = false\n",
    );
    organizer(&s).arg("pull").assert().success();
    let out = organizer(&s).args(["assign", "-k", "3", "--dry-run"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("40 entries with fewer than 3 judges:"), "{text}");
    assert!(text.contains("  21 have 2 (only 2 judges to draw on): allergy-ally, bin-day,"), "{text}");
    assert!(
        text.contains(
            "  19 have 1 (only 2 judges to draw on, less those barred here: other tracks only: ben): cloud-shapes,"
        ),
        "{text}"
    );
    assert!(
        text.contains("judging.toml lists 3 judges, tia a trainee (counts = false), who takes no judging place, so 2 can judge each entry, fewer than the 3 asked"),
        "{text}"
    );
    assert!(!text.contains("in judging.toml\n"), "{text}");
    // A judge's share as the judges took entries (61 over 2), not 40 × 3 over 2, past every entry.
    assert!(text.contains("each about a judge's share (31): tia 31"), "{text}");
    assert!(text.lines().count() < 12, "a few lines, not one an entry: {text}");
}

/// A judge who gave every entry a 5 is not counted towards an entry's judges, by status as by
/// the merge's thin flag: an entry only they and one other judge scored is short of judges in
/// both, and both say why.
#[test]
fn status_and_the_merge_leave_out_a_judge_who_gave_every_entry_a_5_alike() {
    let s = Sandbox::new();
    let ids = ["sprout-sense", "pantry-poet", "bus-stop-oracle", "lullaby-loom", "meter-reader", "recipe-rescue"];
    let file = |judge: &str, marks: &[(usize, u8)]| {
        common::score_file(&s, &format!("{judge}.json"), |b| {
            b.judge = judge.into();
            b.scores = marks
                .iter()
                .map(|(e, v)| (ids[*e].to_owned(), vec![Some(*v); 3], vec![Some(1_781_000_000_000); 3]))
                .collect();
        })
    };
    let shared = [(0, 4), (1, 4), (2, 3), (3, 3), (4, 2)];
    let files = [
        file("ana", &[shared.as_slice(), &[(5, 4)]].concat()),
        file("bo", &shared),
        file("cy", &[(0, 5), (1, 4), (2, 4), (3, 3), (4, 2)]),
        file("fives", &[(0, 5), (2, 5), (4, 5), (5, 5)]),
    ];
    organizer(&s).arg("pull").assert().success();
    let out = organizer(&s).arg("status").args(&files).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains("with fewer than 2 judges so far (trainees not counted; nor fives, who gave nearly the same total to every entry they scored: the merge's thin flag does not count them):"),
        "{stdout}"
    );
    assert!(stdout.contains("Recipe Rescue (recipe-rescue, 1 judge)"), "{stdout}");
    let out = organizer(&s).args(["merge", "--format", "json", "--no-chances"]).args(&files).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let overall = json["rankings"][0][1].as_array().expect("entries");
    let rescue = overall.iter().find(|e| e["id"] == "recipe-rescue").expect("ranked");
    assert_eq!((rescue["judges"].as_u64(), rescue["flat"].as_u64()), (Some(2), Some(1)), "{rescue}");
    assert!(rescue["flags"].as_array().expect("flags").iter().any(|f| f == "thin"), "{rescue}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("judge \"fives\" gave nearly the same total to every entry they scored"), "{stderr}");
}

/// Where merge.conflicts = "exclude" leaves out a score given despite a declared conflict,
/// status leaves it out of the entry's judges too: it had counted it, saying every entry had
/// two judges while the merge flagged the entry thin.
#[test]
fn status_leaves_out_excluded_conflicts_as_the_merge_does() {
    let s = Sandbox::new();
    s.file(
        "judging.toml",
        "[merge]\nconflicts = \"exclude\"\n\n[[judges]]\nname = \"ana\"\nconflicts = [\"sprout-sense\"]\n\n[[judges]]\nname = \"bo\"\n",
    );
    let file = |judge: &str, marks: &[(&str, u8)]| {
        common::score_file(&s, &format!("{judge}.json"), |b| {
            b.judge = judge.into();
            b.scores = marks
                .iter()
                .map(|(id, v)| ((*id).to_owned(), vec![Some(*v); 3], vec![Some(1_781_000_000_000); 3]))
                .collect();
        })
    };
    let files = [
        file("ana", &[("sprout-sense", 5), ("pantry-poet", 3), ("bus-stop-oracle", 2)]),
        file("bo", &[("sprout-sense", 2), ("pantry-poet", 4), ("bus-stop-oracle", 3)]),
    ];
    organizer(&s).arg("pull").assert().success();
    let out = organizer(&s).arg("status").args(&files).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .contains("nor scores given despite a declared conflict, as merge.conflicts = \"exclude\" leaves them out"),
        "{stdout}"
    );
    assert!(stdout.contains("Sprout Sense (sprout-sense, 1 judge)") && !stdout.contains("(pantry-poet,"), "{stdout}");
    // The score itself is named, as the merge names it.
    assert!(
        stdout.contains("Scored despite a conflict the judge declared in judging.toml (1), left out of the merge, as merge.conflicts = \"exclude\" asks: ana on Sprout Sense (sprout-sense)."),
        "{stdout}"
    );
    let out = organizer(&s).args(["merge", "--format", "json", "--no-chances"]).args(&files).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let overall = json["rankings"][0][1].as_array().expect("entries");
    let sprout = overall.iter().find(|e| e["id"] == "sprout-sense").expect("ranked");
    assert!(sprout["flags"].as_array().expect("flags").iter().any(|f| f == "thin"), "{sprout}");
}

/// A conflict or a track added to judging.toml after the assignments were written bars entries
/// the judge's app still lists as theirs: `check` names them, a conflict as a problem and a track
/// as a warning, with the way out; it had said nothing.
#[test]
fn check_names_assigned_entries_judging_toml_now_bars() {
    let s = Sandbox::new();
    s.file("judging.toml", "[[judges]]\nname = \"ana\"\n\n[[judges]]\nname = \"bo\"\n");
    organizer(&s).arg("pull").assert().success();
    organizer(&s).arg("assign").assert().success();
    organizer(&s).arg("check").assert().success();
    let text = std::fs::read_to_string(s.path().join("assignments.toml")).expect("read");
    let file: judging::assign::Assignments = toml::from_str(&text).expect("reads");
    let first = file.judges["ana"][0].clone();
    s.file(
        "judging.toml",
        &format!(
            "[[judges]]\nname = \"ana\"\nconflicts = [\"{first}\"]\n\n[[judges]]\nname = \"bo\"\ntracks = [\"wood\"]\n"
        ),
    );
    let out = organizer(&s).arg("check").output().expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains(&format!("judge \"ana\" is assigned 1 entry that a conflict of theirs in judging.toml names ({first}): run `judging assign --force` to assign again, or take it off their list")),
        "{said}"
    );
    assert!(said.contains("warning: assignments.toml: judge \"bo\" keeps to wood (tracks in judging.toml) but is assigned 21 entries of other tracks (allergy-ally, bin-day, bus-stop-oracle, cafe-companero, chore-chart and 16 more)"), "{said}");
}

/// Status's sentence on a score given despite a declared conflict named the entry by id alone,
/// "tomas on garden-gnome-gpt", where the rest of status and the merge name entries "Title
/// (id)". The sentence, shared with the merge, names the entry so in both, its title cleaned of
/// what would work the terminal.
#[test]
fn a_score_despite_a_conflict_is_named_by_title_and_id_in_status_and_merge() {
    let s = Sandbox::new();
    let sample = include_str!("../assets/sample-export.csv");
    s.file("export.csv", &sample.replacen(",Sprout Sense,", ",Sprout\u{1b}[2J Sense,", 1));
    s.file(
        "judging.toml",
        "[export]\nsource = \"export.csv\"\n\n[[judges]]\nname = \"ana\"\nconflicts = [\"sprout-sense\"]\n\n[[judges]]\nname = \"bo\"\n",
    );
    organizer(&s).arg("pull").assert().success();
    let file = |judge: &str| {
        common::score_file(&s, &format!("{judge}.json"), |b| {
            b.judge = judge.into();
            b.scores = [("sprout-sense", 5), ("pantry-poet", 3)]
                .iter()
                .map(|(id, v)| ((*id).to_owned(), vec![Some(*v); 3], vec![Some(1_781_000_000_000); 3]))
                .collect();
        })
    };
    let files = [file("ana"), file("bo")];
    let out = organizer(&s).arg("status").args(&files).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "an escape reached the terminal: {stdout:?}");
    let line = stdout.lines().find(|l| l.contains("Scored despite a conflict")).expect("the conflict named");
    let named = line.split_once(": ana on ").map(|(_, n)| n).expect("the judge and the entry");
    assert!(named.starts_with("Sprout") && named.ends_with(" Sense (sprout-sense)."), "{line}");
    let merged = organizer(&s).args(["merge", "--no-chances"]).args(&files).output().expect("runs");
    let merged = String::from_utf8_lossy(&merged.stdout);
    assert!(!merged.contains('\u{1b}'), "an escape reached the terminal: {merged:?}");
    assert!(merged.contains(&format!("ana on {named}")), "the merge names it as status does: {named}\n{merged}");
}

/// Status named the entries short of judges by id alone ("sprout-sense (1), ... invoice-imp
/// (0)"), where the merge names the same entries "Invoice Imp (invoice-imp)": the head judge
/// matched two lists of the same entries by two names. Status names them as the merge does,
/// title and id, the title cleaned of what would work the terminal.
#[test]
fn status_names_the_entries_short_of_judges_as_the_merge_does() {
    let s = Sandbox::new();
    let sample = include_str!("../assets/sample-export.csv");
    s.file("export.csv", &sample.replacen(",Sprout Sense,", ",Sprout\u{1b}[2J Sense,", 1));
    s.file("judging.toml", "[export]\nsource = \"export.csv\"\n");
    organizer(&s).arg("pull").assert().success();
    let file = common::score_file(&s, "mira.json", |b| b.judge = "mira".into());
    let out = organizer(&s).arg("status").arg(&file).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!stdout.contains('\u{1b}'), "an escape reached the terminal: {stdout:?}");
    assert!(stdout.contains("(sprout-sense, 1 judge), Pantry Poet (pantry-poet, 0 judges)"), "{stdout}");
    let merged = organizer(&s).args(["merge", "--no-chances"]).arg(&file).output().expect("runs");
    let merged = String::from_utf8_lossy(&merged.stdout);
    assert!(merged.contains("Pantry Poet (pantry-poet)"), "the merge names it so too: {merged}");
}

/// An entry withdrawn after the assignment is no fault of it: `check` says it once for every
/// judge it was assigned to, by title, with no call to deal every entry anew the night before
/// (it had failed "Not ready" and prescribed `assign --force`), and `status` counts in ASSIGNED
/// only the entries in play, saying the rest under the table (a judge who scored all theirs had
/// read as one short).
#[test]
fn an_entry_withdrawn_after_the_assignment_is_said_not_refused() {
    let s = Sandbox::new();
    organizer(&s).args(["pull", "--from", "builtin:sample"]).assert().success();
    organizer(&s).arg("assign").assert().success();
    organizer(&s).args(["pull", "--from", "builtin:sample-v2"]).assert().success();
    let out = organizer(&s).args(["check", "--from", "builtin:sample-v2"]).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("warning: ./assignments.toml: \"dream-cartographer\" (Dream Cartographer), assigned to "),
        "{said}"
    );
    assert!(said.contains("was withdrawn from the export since"), "{said}");
    assert!(!said.contains("assign --force"), "{said}");
    // A judge it was assigned to, who scored every other entry of theirs.
    let text = std::fs::read_to_string(s.path().join("assignments.toml")).expect("read");
    let table: toml::Table = text.parse().expect("toml");
    let judges = table["judges"].as_table().expect("judges");
    let (judge, list) = judges
        .iter()
        .find(|(_, l)| l.as_array().is_some_and(|l| l.iter().any(|id| id.as_str() == Some("dream-cartographer"))))
        .expect("someone has it");
    let theirs: Vec<String> = list
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|id| id.as_str())
        .filter(|id| *id != "dream-cartographer")
        .map(str::to_owned)
        .collect();
    let file = common::score_file(&s, "mine.json", |b| {
        b.judge = judge.clone();
        b.scores = theirs.iter().map(|id| (id.clone(), vec![Some(3); 3], vec![Some(1_781_000_000_000); 3])).collect();
    });
    let out = organizer(&s).arg("status").arg(&file).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let row = stdout.lines().find(|l| l.starts_with(judge.as_str())).unwrap_or_default();
    let n = theirs.len().to_string();
    let columns: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(columns.get(1..3), Some(&[n.as_str(), n.as_str()][..]), "ASSIGNED and DONE alike: {stdout}");
    assert!(stdout.contains(&format!("left out of ASSIGNED and owed by no one: \"{judge}\" 1.")), "{stdout}");
}
