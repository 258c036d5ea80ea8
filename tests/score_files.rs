//! What a score file must hold to be merged: a judge's name as the command line takes it, and a
//! real time; and which of two files of one judge is newer, whatever offsets they were written
//! with.

mod common;

use common::Sandbox;
use predicates::prelude::*;

fn head(s: &Sandbox) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.args(["--judge", "head"]);
    cmd
}

/// `judging merge FILE` as the head judge, failing: what it says is for the caller to check.
fn refused(s: &Sandbox, file: &std::path::Path) -> assert_cmd::assert::Assert {
    head(s).arg("merge").arg(file).assert().failure()
}

#[test]
fn a_judge_name_the_command_line_refuses_is_refused_in_a_file() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let long = "x".repeat(100_000);
    for (k, judge) in ["", "   ", long.as_str(), "a\u{1b}[2Jb"].into_iter().enumerate() {
        let bad = common::score_file(&s, &format!("bad-{k}.json"), |b| b.judge = judge.into());
        let out = head(&s).arg("merge").arg(&bad).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "judge {k} refused: {stderr}");
        assert!(
            stderr.contains(&format!("bad-{k}.json")) && stderr.contains("1 to 64 printable characters"),
            "{stderr}"
        );
        assert!(stderr.len() < 2_000, "the message quotes a long name shortened: {} bytes", stderr.len());
    }
}

#[test]
fn a_time_that_is_not_real_is_refused_in_a_file() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    for (k, at) in ["2026-02-31T10:00:00.000Z", "2026-06-30T25:61:61Z", "yesterday"].into_iter().enumerate() {
        let bad = common::score_file(&s, &format!("bad-{k}.json"), |b| b.written_at = at.into());
        refused(&s, &bad).stderr(
            predicate::str::contains(format!("bad-{k}.json"))
                .and(predicate::str::contains(format!("written_at = {at:?}")))
                .and(predicate::str::contains("not a real time")),
        );
    }
}

/// Times a judge's app cannot write, found by a hostile judge: a score given after its file was
/// written, or decades before it (both move the judge's drift), and a file dated in the future
/// (it would replace every real file of its judge). Each is refused, naming the file, the entry
/// and what would be right.
#[test]
fn times_no_app_writes_are_refused_in_a_file() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let next_year = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * 400)).to_string();
    let cases: [(&str, i64, &str, &str); 4] = [
        ("after.json", 1_781_000_000_000 + 30 * 86_400_000, "2026-06-20T10:00:00.000Z", "after the file was written"),
        ("epoch.json", 1_000, "2026-06-20T10:00:00.000Z", "more than a year before the file was written"),
        ("far.json", 1_000_000_000_000_000, "2026-06-20T10:00:00.000Z", "after the file was written"),
        ("future.json", 1_781_000_000_000, next_year.as_str(), "later than this machine's clock"),
    ];
    for (name, at, written_at, said) in cases {
        let bad = common::score_file(&s, name, |b| {
            b.written_at = written_at.into();
            b.scores[0].2 = vec![Some(at); 3];
        });
        let out = head(&s).arg("merge").arg(&bad).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && stderr.contains(name) && stderr.contains(said), "{name}: {stderr}");
        assert!(stderr.contains("export again"), "{name}: what would be right: {stderr}");
    }
    let fine = common::score_file(&s, "fine.json", |_| {});
    head(&s).arg("merge").arg(&fine).assert().success();
}

/// A stopwatch counts up from 0: a reading below it is refused, naming the entry; and the time
/// shown for an entry is the median of the file's readings, as the judge's app works it out,
/// whatever the file's `timings` claim.
#[test]
fn stopwatch_readings_are_checked_and_their_median_is_the_time() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let negative = common::score_file(&s, "negative.json", |b| {
        b.readings.insert("sprout-sense".into(), vec![30.0, -5.0]);
    });
    refused(&s, &negative).stderr(
        predicate::str::contains("negative.json")
            .and(predicate::str::contains("sprout-sense = -5"))
            .and(predicate::str::contains("0 seconds or more")),
    );
    // Nor can one run longer than a judging: 1.7e308 seconds printed as 309 digits in the
    // jury's table, its CSV and its Markdown, a column no page could hold.
    for (field, seconds, said) in [("readings", 1.7e308, "1.7e308"), ("timings", 40_000_000.0, "40000000")] {
        let long = common::score_file(&s, "long.json", |b| {
            let at = "sprout-sense".to_owned();
            if field == "readings" {
                b.readings.insert(at, vec![30.0, seconds]);
            } else {
                b.timings.insert(at, seconds);
            }
        });
        refused(&s, &long).stderr(
            predicate::str::contains(format!("{field}: sprout-sense = {said}"))
                .and(predicate::str::contains("at most 366 days"))
                .and(predicate::function(|e: &str| e.len() < 400)),
        );
    }
    let claimed = common::score_file(&s, "claimed.json", |b| {
        b.readings.insert("sprout-sense".into(), vec![100.0, 200.0, 300.0]);
        b.timings.insert("sprout-sense".into(), 1.0);
    });
    head(&s)
        .args(["merge", "--entry", "sprout-sense"])
        .arg(&claimed)
        .assert()
        .success()
        .stdout(predicate::str::contains("200.0 s").and(predicate::str::contains("1.0 s").not()));
}

/// A revision is the Space's commit as the Hub names it: anything else (words a judge wrote
/// in, an escape sequence) is refused, naming the file and the entry, and shown with its
/// controls visible; a commit, short or long, is taken.
#[test]
fn a_revision_that_is_no_commit_is_refused() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    for (k, revision) in
        ["approved by the head judge", "\u{1b}]0;pwned\u{7}abc1234", "abc12", "g123456"].into_iter().enumerate()
    {
        let bad = common::score_file(&s, &format!("bad-{k}.json"), |b| {
            b.revisions.insert("sprout-sense".into(), revision.into());
        });
        let out = head(&s).arg("merge").arg(&bad).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{revision:?} refused: {stderr}");
        assert!(
            stderr.contains(&format!("bad-{k}.json"))
                && stderr.contains("revisions: sprout-sense")
                && stderr.contains("7 to 64 hexadecimal digits"),
            "{stderr}"
        );
        assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "no control reaches the terminal: {stderr:?}");
        if revision.starts_with('\u{1b}') {
            assert!(stderr.contains("\\u{1b}]0;pwned\\u{7}"), "the controls shown as themselves: {stderr}");
        }
    }
    // Each a file of its own moment: another file of the moment of one the store took in is
    // refused as a step back (tests/older_files.rs).
    for (revision, at) in [
        ("abc1234", "2026-06-20T11:00:00.000Z"),
        ("f9c28bcd85737ffc5aef028638d3341d49869c27", "2026-06-20T12:00:00.000Z"),
    ] {
        let fine = common::score_file(&s, "fine.json", |b| {
            b.revisions.insert("sprout-sense".into(), revision.into());
            b.written_at = at.into();
        });
        head(&s).arg("merge").arg(&fine).assert().success();
    }
}

/// 12:30 at +02:00 is 10:30 UTC: the file written at 11:00 UTC is the newer, whatever the text
/// says.
#[test]
fn the_newer_of_two_files_is_found_by_the_moment_not_the_text() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let paris = common::score_file(&s, "paris.json", |b| b.written_at = "2026-06-21T12:30:00+02:00".into());
    let utc = common::score_file(&s, "utc.json", |b| {
        b.written_at = "2026-06-21T11:00:00Z".into();
        b.scores[0].1[0] = Some(1);
    });
    head(&s).arg("merge").args([&paris, &utc]).assert().success().stderr(
        predicate::str::contains("utc.json (written at 2026-06-21T11:00:00Z) counts")
            .and(predicate::str::contains("paris.json (written at 2026-06-21T12:30:00+02:00) does not")),
    );
    // The same moment with two offsets is the same moment: two different files then are refused.
    // Beside utc.json, the newest the store took in: alone, they would be a step back to before it.
    let same = common::score_file(&s, "same.json", |b| {
        b.written_at = "2026-06-21T10:30:00Z".into();
        b.scores[0].1[0] = Some(2);
    });
    head(&s)
        .arg("merge")
        .args([&paris, &same, &utc])
        .assert()
        .failure()
        .stderr(predicate::str::contains("written at the same moment"));
}

/// With keys in use, a judge listed without one is told so, with what to add: not that they
/// have a key (a hostile-judge probe found the message saying both).
#[test]
fn a_judge_listed_without_a_key_is_told_to_add_one() {
    let s = Sandbox::new();
    let out = s.cmd().args(["--judge", "ana", "key"]).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.starts_with("public_key = ")).expect("a public_key line");
    let config = s.file(
        "judging.toml",
        &format!("{}\n[[judges]]\nname = \"ana\"\n{line}\n\n[[judges]]\nname = \"forger\"\n", judging::config::BUILTIN),
    );
    head(&s).arg("--config").arg(&config).arg("pull").assert().success();
    let file = common::score_file(&s, "forger.json", |_| {});
    let out = head(&s).arg("--config").arg(&config).arg("merge").arg(&file).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("judge forger is listed in judging.toml with no public_key"), "{stderr}");
    assert!(stderr.contains("judging key") && !stderr.contains("has a key"), "{stderr}");
}

/// A value a message refuses is shown as given, its controls visible: with them dropped,
/// "2026-06-20T10:00:00Z" would be "not a real time" and "sprout" "no such entry" while
/// looking right. An id nearly right is answered with the ids it looks like.
#[test]
fn a_refused_value_is_quoted_as_given() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let bad = common::score_file(&s, "esc.json", |b| b.written_at = "2026-06-20T10:00:00Z\u{1b}[2J".into());
    refused(&s, &bad).stderr(
        predicate::str::contains("written_at = \"2026-06-20T10:00:00Z\\u{1b}[2J\"")
            .and(predicate::str::contains("\u{1b}").not()),
    );
    let event = common::score_file(&s, "event.json", |b| b.event = "other\u{7}".into());
    refused(&s, &event).stderr(predicate::str::contains("for event \"other\\u{7}\""));
    let fine = common::score_file(&s, "fine.json", |_| {});
    head(&s).args(["merge", "--entry", "sprout-sens\u{1b}[2J"]).arg(&fine).assert().failure().stderr(
        predicate::str::contains("--entry \"sprout-sens\\u{1b}[2J\"").and(predicate::str::contains("\u{1b}").not()),
    );
    head(&s)
        .args(["merge", "--entry", "sprout-sens"])
        .arg(&fine)
        .assert()
        .failure()
        .stderr(predicate::str::contains("Did you mean: sprout-sense?"));
    head(&s).args(["merge", "--without", "forg\u{1b}[31mer"]).arg(&fine).assert().failure().stderr(
        predicate::str::contains("--without \"forg\\u{1b}[31mer\"").and(predicate::str::contains("\u{1b}").not()),
    );
}

/// Files found by a hostile-judge probe, each answered with what it is and what would be right:
/// a byte order mark before a valid file is read past; version 0 is no version, not a newer
/// one; valid JSON of another shape is not "broken JSON"; criteria in another order are named;
/// and a file that scores nothing is said to change nothing.
#[test]
fn odd_files_are_answered_with_what_they_are() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let fine = common::score_file(&s, "fine.json", |_| {});
    let text = std::fs::read_to_string(&fine).expect("read");
    let bom = s.file("bom.json", &format!("\u{feff}{text}"));
    head(&s).arg("merge").arg(&bom).assert().success();
    let zero = s.file("zero.json", &text.replacen("\"version\":4", "\"version\":0", 1));
    refused(&s, &zero).stderr(predicate::str::contains("version 0, and versions start at 1"));
    // A judge's file cut short (a download that stopped) is one, cut short, not another kind of
    // file; JSON broken part-way is said where the JSON breaks.
    let cut = s.file("cut.json", &text[..text.len() * 2 / 3]);
    refused(&s, &cut).stderr(
        predicate::str::contains(format!(
            "cut.json: a judging score file cut short at line 1, column {}",
            text.len() * 2 / 3
        ))
        .and(predicate::str::contains("not written or copied whole"))
        .and(predicate::str::contains("not a judging score file").not()),
    );
    let other = s.file("other.json", "{\"foo\": 1");
    refused(&s, &other).stderr(
        predicate::str::contains("not a judging score file (cut short at line 1, column 9)")
            .and(predicate::str::contains("a judging score file cut short").not()),
    );
    let list = s.file("list.json", "[1, 2]");
    refused(&s, &list)
        .stderr(predicate::str::contains("JSON, but a list").and(predicate::str::contains("broken").not()));
    let order = common::score_file(&s, "order.json", |b| b.criteria.swap(0, 1));
    refused(&s, &order).stderr(
        predicate::str::contains("its criteria are latency, utility, cost")
            .and(predicate::str::contains("judging.toml's are utility, latency, cost")),
    );
    let nothing = common::score_file(&s, "nothing.json", |b| {
        b.judge = "eve".into();
        b.scores.clear();
    });
    head(&s)
        .arg("merge")
        .arg(&fine)
        .arg(&nothing)
        .assert()
        .success()
        .stderr(predicate::str::contains("judge \"eve\" scores no entry in play"));
    // A saved merge given among the score files is named as one, with what to do.
    let saved = s.path().join("merged.json");
    head(&s).args(["merge", "--format", "json", "-o"]).arg(&saved).arg(&fine).assert().success();
    head(&s).arg("merge").arg(&fine).arg(&saved).assert().failure().stderr(
        predicate::str::contains("merged.json")
            .and(predicate::str::contains("a saved merge"))
            .and(predicate::str::contains("`judging merge` reads the judges' score files"))
            .and(predicate::str::contains("is read by `judging results")),
    );
    // A row with no value is an entry not scored, not one "partly scored".
    let blank = common::score_file(&s, "blank.json", |b| {
        b.judge = "blank".into();
        b.scores.push(("pantry-poet".into(), vec![None; 3], vec![None; 3]));
    });
    head(&s).arg("merge").arg(&fine).arg(&blank).assert().success().stderr(predicate::str::contains("partly").not());
    // A revision of controls is refused, shown as itself (a_revision_that_is_no_commit_is_refused).
}

/// A row's value no scale can hold is said with the row's id, in words, at its place in the
/// file (not in the body's count, which starts part-way along the first line).
#[test]
fn a_value_no_scale_holds_is_named_with_its_row_and_place() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let fine = common::score_file(&s, "fine.json", |_| {});
    let text = std::fs::read_to_string(&fine).expect("read");
    let row = "[\"sprout-sense\",[4,";
    // The 1-based column where the first value starts.
    let at = text.find(row).expect("the row") + row.len() - 1;
    for (name, value, said) in [
        ("big.json", "300", "a score of 300: no scale runs past 255"),
        ("neg.json", "-2", "a score of -2: a scale runs from 0 up"),
        ("frac.json", "2.5", "a score of 2.5: a score is a whole number"),
        // Whole, but past any scale as JSON writes it: not "a whole number" with 309 digits.
        ("huge.json", "1e308", "a score of 1e308: no scale runs past 255"),
    ] {
        // Edited, then given the digest of its new body, as a hostile judge would.
        let edited = text.replacen(row, &format!("[\"sprout-sense\",[{value},"), 1);
        let body = &edited[edited.find("\"body\":").expect("body") + 7..edited.trim_end().len() - 1];
        let digest: String =
            <sha2::Sha256 as sha2::Digest>::digest(body.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        let old = &text[text.find("sha256:").expect("digest") + 7..][..64];
        let forged = s.file(name, &edited.replacen(old, &digest, 1));
        let column = at + value.len();
        refused(&s, &forged).stderr(
            predicate::str::contains(format!("{name}: sprout-sense: {said}"))
                .and(predicate::str::contains(format!("at line 1, column {column}")))
                .and(predicate::str::contains("not a judging score file").not()),
        );
    }
}

/// `key --new` says it made a new key and where the old one is kept, as its help promises: it
/// had said "Made your key", as the first time, and nothing of the old one.
#[test]
fn a_new_key_says_where_the_old_one_is_kept() {
    let s = Sandbox::new();
    let first = s.cmd().args(["--judge", "ana", "key"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&first.stdout).starts_with("Made your key (ana): "));
    let again = s.cmd().args(["--judge", "ana", "key", "--new"]).output().expect("runs");
    let said = String::from_utf8_lossy(&again.stdout);
    let first_line = said.lines().next().unwrap_or_default();
    assert!(first_line.starts_with("Made a new key (ana): "), "{said}");
    assert!(first_line.contains("the old one is kept as ") && first_line.contains("ana.key.old"), "{said}");
    assert!(s.path().join("config/judging/keys/ana.key.old").exists(), "{said}");
    // No old key to keep: said as the first time.
    let fresh = s.cmd().args(["--judge", "ben", "key", "--new"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&fresh.stdout).starts_with("Made your key (ben): "));
}
