//! The real binary, driven as a judge and an organizer would, in a clean sandbox.

mod common;

use common::Sandbox;
use predicates::prelude::*;

const SPACE: &str = "https://huggingface.co/spaces/org";
const HEADER: &str = "id,title,team,members,space_url,video_url,post_url,description,track,tags,models,total_params";

/// Every failing run: one "error:" line first, and never a panic or a backtrace.
fn clean_failure(output: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "should fail: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    stderr
}

#[test]
fn help_lists_the_commands() {
    let s = Sandbox::new();
    s.cmd().arg("--help").assert().success().stdout(
        predicate::str::contains("pull")
            .and(predicate::str::contains("list"))
            .and(predicate::str::contains("score"))
            .and(predicate::str::contains("check")),
    );
}

/// `judging help` takes `--help` and `-h` as clap's users expect: `help --help` is the help of
/// `help` (as `help help`), `help merge --help` that of merge (as `help merge`), exit 0; both had
/// been "unrecognized subcommand '--help'", exit 2. A mistyped command after `help` is offered
/// the one it looks like, as `judging lst` is.
#[test]
fn help_takes_its_own_help_flag_and_suggests_commands() {
    let s = Sandbox::new();
    let out = |args: &[&str]| s.cmd().args(args).output().expect("runs");
    let help_of_help = out(&["help", "help"]);
    assert!(help_of_help.status.success());
    for args in [&["help", "--help"][..], &["help", "-h"], &["--judge", "ana", "help", "--help"]] {
        let got = out(args);
        assert_eq!(got.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&got.stderr));
        assert_eq!(got.stdout, help_of_help.stdout, "{args:?}");
    }
    // `judging help` alone is judging's own help, as `git help` gives its overview.
    let top = out(&["--help"]);
    for args in [&["help"][..], &["--judge", "ana", "help"]] {
        let got = out(args);
        assert_eq!(got.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&got.stderr));
        assert_eq!(got.stdout, top.stdout, "{args:?}");
    }
    let merge = out(&["help", "merge"]);
    assert!(String::from_utf8_lossy(&merge.stdout).contains("Usage: judging merge"));
    for args in [&["help", "merge", "--help"][..], &["help", "-h", "merge"], &["merge", "--help"]] {
        let got = out(args);
        assert_eq!(got.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&got.stderr));
        assert_eq!(got.stdout, merge.stdout, "{args:?}");
    }
    for args in [&["help", "lst"][..], &["lst"]] {
        let got = out(args);
        let err = String::from_utf8_lossy(&got.stderr);
        assert_eq!(got.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("unrecognized subcommand 'lst'") && err.contains("similar subcommand exists: 'list'"),
            "{args:?}: {err}"
        );
    }
}

/// An option of another command, given after this one (`judging list --offline`), names where
/// it belongs, as clap does for some given before the command (`judging --offline pull`: "tip:
/// 'pull --offline' exists"); after, clap had said only "unexpected argument '--offline' found".
#[test]
fn an_option_of_another_command_says_where_it_belongs_before_or_after() {
    let s = Sandbox::new();
    for (args, tip) in [
        (&["list", "--offline"][..], "tip: 'pull --offline', 'enrich --offline', 'check --offline' exist"),
        (&["--offline", "list"], "tip: 'pull --offline', 'enrich --offline', 'check --offline' exist"),
        (&["export", "--from-hub"], "tip: 'merge --from-hub', 'results --from-hub', 'feedback --from-hub' exist"),
        (&["check", "--entry=x"], "'merge --entry' exists"),
    ] {
        let out = s.cmd().args(args).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(tip), "{args:?}: {err}");
    }
}

/// A shared option before the command whose value is left out takes the command's name as its
/// value (`judging --judge list` opened the app as a judge named "list"; `--db list`, a store
/// file named list; `--config list pull` said "cannot read list"): a usage error that says so,
/// exit 2, before anything is made. `--db=list`, joined, still means a file of that name.
#[test]
fn a_commands_name_taken_as_an_options_value_is_a_usage_error() {
    let s = Sandbox::new();
    for (args, option) in [
        (&["--judge", "list"][..], "--judge"),
        (&["--db", "list"], "--db"),
        (&["--config", "list", "pull"], "--config"),
        (&["-q", "--db", "pull"], "--db"),
    ] {
        let out = s.cmd().args(args).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("error: {option} took")) && first.contains(&format!("{option}=")),
            "{args:?}: {err}"
        );
        assert!(!s.path().join("list").exists() && !s.store("list").exists(), "{args:?} made nothing");
    }
    // Joined, the value is what was meant.
    let out = s.cmd().args(["--db=list", "list"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at list"), "{out:?}");
}

/// `--db` given a folder, or a file that is not a store, is refused saying which and what
/// `--db` takes, the file left as it was: they had been said in SQLite's words ("unable to open
/// database file", "file is not a database") and again as "because: Error code 14: …".
#[test]
fn a_store_that_is_a_folder_or_not_a_store_is_said_plainly() {
    let s = Sandbox::new();
    std::fs::create_dir(s.path().join("folder")).expect("mkdir");
    let garbage = s.file("notes.db", "not a database at all\n");
    for (db, said) in [("folder", "folder is a folder"), ("notes.db", "notes.db is not a judging store")] {
        for command in ["list", "pull"] {
            let out = s.cmd().args(["--db", db, command]).output().expect("runs");
            let err = clean_failure(&out);
            assert_eq!(out.status.code(), Some(1), "{db} {command}: {err}");
            assert!(err.contains(said) && err.contains("--db"), "{db} {command}: {err}");
            assert!(!err.contains("Error code"), "{db} {command}: said once, in words: {err}");
        }
    }
    assert_eq!(std::fs::read_to_string(garbage).expect("read"), "not a database at all\n");
}

#[test]
fn pull_then_list_shows_the_sample() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success().stdout(predicate::str::contains("40 submissions: 40 new"));
    assert!(s.store("tester").exists(), "the store lives in the XDG data folder, per event and judge");
    s.cmd().arg("list").assert().success().stdout(
        predicate::str::contains("Sprout Sense")
            .and(predicate::str::contains("Moonlight Mixer"))
            .and(predicate::str::contains("72B of models, over the")),
    );
    // Once more: nothing changes.
    s.cmd().arg("pull").assert().success().stdout(predicate::str::contains("0 new, 0 changed, 40 unchanged"));
}

/// `list` warns a judge of what their app warns them of: a conflict judging.toml lists for them
/// (the built-in event's tomas and sprout-sense), until they recuse, and not for another judge.
#[test]
fn list_warns_of_a_declared_conflict_as_the_app_does() {
    let s = Sandbox::new();
    let conflict = judging::prizes::eligibility::conflict_reminder("recuse in the app (r)");
    let sprout = |judge: &str| -> serde_json::Value {
        let out = s.cmd().args(["--judge", judge, "list", "--format", "json"]).output().expect("runs");
        let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let rows = all.as_array().cloned().unwrap_or_default();
        rows.into_iter().find(|r| r["id"] == "sprout-sense").expect("sprout-sense listed")
    };
    for judge in ["tomas", "mira"] {
        s.cmd().args(["--judge", judge, "pull"]).assert().success();
    }
    assert_eq!(sprout("tomas")["warnings"][0], conflict, "{}", sprout("tomas"));
    assert!(!sprout("mira")["warnings"].to_string().contains("conflict"), "{}", sprout("mira"));
    // The table says it in its status, as the app's list does: its warnings may be cut short.
    let table = s.cmd().args(["--judge", "tomas", "list"]).output().expect("runs").stdout;
    let table = String::from_utf8_lossy(&table).into_owned();
    let row = table.lines().find(|l| l.starts_with("sprout-sense")).unwrap_or_default();
    assert!(row.contains("conflict") && row.contains("the event lists a"), "{table}");
    assert!(!table.lines().any(|l| l.starts_with("pantry-poet") && l.contains("conflict")), "{table}");
}

#[test]
fn the_judge_name_chooses_the_store() {
    let s = Sandbox::new();
    s.cmd().args(["pull", "--judge", "Ada Byron"]).assert().success();
    assert!(s.store("ada_byron").exists(), "one rule for names that become file names");
    // A store an earlier build named `ada-byron` is still Ada Byron's.
    std::fs::rename(s.store("ada_byron"), s.store("ada-byron")).expect("rename");
    s.cmd().args(["list", "--judge", "Ada Byron"]).assert().success().stdout(predicate::str::contains("Sprout Sense"));
    assert!(!s.store("ada_byron").exists(), "the earlier store is opened where it is");
    s.cmd().arg("pull").env("JUDGING_JUDGE", "kim").assert().success();
    assert!(s.store("kim").exists());
    let db = s.path().join("elsewhere.sqlite");
    s.cmd().arg("pull").env("JUDGING_DB", &db).assert().success();
    assert!(db.exists());
}

#[test]
fn list_as_csv_neutralises_formulas_and_as_json_keeps_text_as_data() {
    let s = Sandbox::new();
    let export = s.file(
        "export.csv",
        &format!("{HEADER}\nf1,=HYPERLINK(\"http://evil\"),+team,,{SPACE}/a,,,\"\u{1b}]0;x\u{7}desc\",wood,,,\n"),
    );
    s.cmd().args(["pull", "--from"]).arg(&export).assert().success();
    let csv = s.cmd().args(["list", "--format", "csv"]).output().expect("runs");
    let text = String::from_utf8(csv.stdout).expect("utf-8");
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'+team"), "{text}");
    // JSON keeps the entrant's words as data: the escape sequence read back as given, and
    // written as \u escapes, never raw, so a terminal showing the JSON acts on nothing.
    assert_eq!(s.entry("tester", "f1")["description"], "\u{1b}]0;x\u{7}desc");
    let json = s.cmd().args(["list", "--format", "json"]).output().expect("runs");
    let text = String::from_utf8(json.stdout).expect("utf-8");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    assert!(text.contains(r"\u001b]0;x\u0007desc"), "{text}");
}

#[test]
fn escapes_in_an_export_never_reach_the_terminal() {
    let s = Sandbox::new();
    let export = s.file(
        "export.csv",
        &format!("{HEADER}\n\u{1b}[2Jesc,\u{1b}[31mRed\u{1b}[0m \u{9b}1mTitle,\u{1b}]8;;http://x\u{7}Team,,{SPACE}/a,javascript:x,,,wood,,,\nok,\u{1b}[5mBlink,T,,{SPACE}/b,,,,wood,,,\n"),
    );
    let pull = s.cmd().args(["pull", "--from"]).arg(&export).output().expect("runs");
    let list = s.cmd().args(["list"]).output().expect("runs");
    for out in [&pull.stdout, &pull.stderr, &list.stdout, &list.stderr] {
        let text = String::from_utf8_lossy(out);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{9b}'), "{text:?}");
    }
    assert!(String::from_utf8_lossy(&list.stdout).contains("Blink"));
    // The id's escape shown, not acted on, and the row rejected for it: "esc" would be another id.
    let said = String::from_utf8_lossy(&pull.stderr);
    assert!(said.contains("line 2 (\\u{1b}[2Jesc): rejected"), "shown, not dropped: {said}");
    assert!(said.contains("holds a control or invisible character"), "{said}");
}

/// `list`'s table draws no character a terminal draws at a width of its own: a zero-width
/// space, a BOM, a soft hyphen, a word joiner, a tag character dropped, a private-use one as
/// U+FFFD, so the columns after the title stay lined up. The table had printed them raw.
#[test]
fn the_list_table_prints_no_invisible_character() {
    let s = Sandbox::new();
    let title = "Pantry\u{ad}P\u{34f}o\u{180e}e\u{2060}t\u{e000}x\u{e0041}";
    let export = s.file(
        "export.csv",
        &format!(
            "{HEADER}\nhid,{title},\u{feff}Moss\u{200b} Crew,,{SPACE}/a,,,,wood,,,\nok,Plain,T,,{SPACE}/b,,,,wood,,,\n"
        ),
    );
    s.cmd().args(["pull", "--from"]).arg(&export).assert().success();
    let list = s.cmd().args(["list"]).output().expect("runs");
    let text = String::from_utf8_lossy(&list.stdout);
    for hidden in ['\u{200b}', '\u{feff}', '\u{ad}', '\u{34f}', '\u{180e}', '\u{2060}', '\u{e000}', '\u{e0041}'] {
        assert!(!text.contains(hidden), "{hidden:?} raw in {text:?}");
    }
    let row = text.lines().find(|l| l.starts_with("hid")).unwrap_or_default();
    assert!(row.contains("PantryPoet\u{fffd}x") && row.contains("Moss Crew"), "{text}");
    // The team starts in the column the header's TEAM does.
    let at = |line: &str, word: &str| line.find(word).map(|i| judging::text_width::width(&line[..i]));
    let header = text.lines().next().unwrap_or_default();
    assert_eq!(at(row, "Moss"), at(header, "TEAM"), "{text}");
}

#[test]
fn pull_reports_bad_rows_by_line_and_imports_the_rest() {
    let s = Sandbox::new();
    let export = s.file(
        "export.csv",
        &format!("{HEADER}\ngood,Good,,,{SPACE}/a,,,,wood,,,\n,No id,,,{SPACE}/b,,,,wood,,,\nbad,Bad,,,file:///etc/passwd,,,,wood,,,\ngood,Again,,,{SPACE}/c,,,,wood,,,\n"),
    );
    s.cmd()
        .args(["pull", "--from"])
        .arg(&export)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 submission: 1 new"))
        .stderr(
            predicate::str::contains("line 3: rejected: no id")
                .and(predicate::str::contains("line 4 (bad): rejected: space: \"file:///etc/passwd\" uses file:"))
                .and(predicate::str::contains("line 5 (good): rejected: duplicate id: line 2")),
        );
}

/// A link with a user name or password before its host shows one host and opens another
/// (`huggingface.co@evil.example` is evil.example): `pull` and `check` refuse its row, naming the
/// row and the field, and no such link reaches the store to be opened; a plain link is kept.
#[test]
fn a_link_with_a_user_part_is_refused_at_pull_and_check() {
    let s = Sandbox::new();
    let export = s.file(
        "export.csv",
        &format!(
            "{HEADER}\ngood,Good,,,{SPACE}/a,https://youtu.be/v,https://x.com/me/status/1,,wood,,,\n\
             look,Look,,,https://huggingface.co@evil.example/spaces/x/y,,,,wood,,,\n\
             video,Video,,,{SPACE}/c,https://user:pass@evil.example/v,,,wood,,,\n"
        ),
    );
    let wants = [
        "line 3 (look): rejected: space: \"https://huggingface.co@evil.example/spaces/x/y\": a link with a user name or password before its host shows one host and opens another (this one opens evil.example)",
        "line 4 (video): rejected: video: \"https://user:pass@evil.example/v\": a link with a user name or password before its host shows one host and opens another (this one opens evil.example)",
    ];
    let pull = s.cmd().args(["pull", "--from"]).arg(&export).output().expect("runs");
    let said = String::from_utf8_lossy(&pull.stderr);
    for want in wants {
        assert!(said.contains(want), "{want}: {said}");
    }
    let check = s.cmd().args(["check", "--from"]).arg(&export).output().expect("runs");
    let checked = String::from_utf8_lossy(&check.stdout);
    assert!(!check.status.success(), "{checked}");
    assert!(checked.contains("3 rows read, 1 valid, 2 rejected"), "{checked}");
    for want in wants {
        assert!(
            checked.contains(want.trim_start_matches("line 3 ").trim_start_matches("line 4 ")),
            "{want}: {checked}"
        );
    }
    let listed = s.list_json("tester").to_string();
    assert!(listed.contains("\"good\"") && !listed.contains("evil.example"), "{listed}");
}

#[test]
fn an_unparseable_export_imports_nothing() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    let before = std::fs::read(s.store("tester")).expect("store");
    let broken = s.file("broken.csv", &format!("{HEADER}\na,b,c\n"));
    let out = s.cmd().args(["pull", "--from"]).arg(&broken).output().expect("runs");
    let err = clean_failure(&out);
    assert!(err.contains("broken.csv: 1 row cannot be read as the header's columns"), "{err}");
    assert!(err.contains("\n  line 2: rejected: has 3 fields where the header has 12"), "{err}");
    let garbage = s.path().join("garbage.csv");
    std::fs::write(&garbage, [0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x10]).expect("write");
    let err = clean_failure(&s.cmd().args(["pull", "--from"]).arg(&garbage).output().expect("runs"));
    assert!(err.contains("is not UTF-8 text"), "{err}");
    let err = clean_failure(&s.cmd().args(["pull", "--from", "missing.csv"]).output().expect("runs"));
    assert!(err.contains("cannot read missing.csv:"), "as typed: {err}");
    assert_eq!(std::fs::read(s.store("tester")).expect("store"), before, "the store is as it was");
}

/// A row with fewer fields than the header (a line break not in quotes) beside rows with other
/// problems: `check` says every one in one pass, and `pull` refuses the whole file saying every
/// one too. Both had stopped at the short row, and only its mending showed the rest.
#[test]
fn a_short_row_and_the_other_rows_problems_are_said_in_one_pass() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    let before = std::fs::read(s.store("tester")).expect("store");
    let export = s.file(
        "export.csv",
        &format!(
            "{HEADER}\nok,Ok,,,{SPACE}/ok,,,,wood,,,\nok,Again,,,{SPACE}/again,,,,wood,,,\n\
             js,Js,,,javascript:alert(1),,,,wood,,,\nfar,Far,,,{SPACE}/far,,,,forest,,,\n\
             short,Short,,,{SPACE}/short\nbare,Bare,,,{SPACE}/bare,,,,,,,\n"
        ),
    );
    let wants = [
        "line 3 (ok): rejected: duplicate id: line 2 has it already",
        "line 4 (js): rejected: space: \"javascript:alert(1)\"",
        "line 5 (far): rejected: track \"forest\" is not one of the tracks",
        "line 6: rejected: has 5 fields where the header has 12",
        "line 7 (bare): warning: no track",
    ];
    let check = s.cmd().args(["check", "--from"]).arg(&export).output().expect("runs");
    let checked = String::from_utf8_lossy(&check.stdout);
    assert!(!check.status.success(), "{checked}");
    assert!(checked.contains("6 rows read, 2 valid, 4 rejected, 1 warning"), "{checked}");
    for want in wants {
        assert!(checked.contains(want), "{want}: {checked}");
    }
    assert!(
        checked.contains("Not ready: 4 rows of the export rejected (1 row cannot be read as the header's columns: `judging pull` imports nothing from the file until it is mended)"),
        "{checked}"
    );
    let err = clean_failure(&s.cmd().args(["pull", "--from"]).arg(&export).output().expect("runs"));
    assert!(err.contains("export.csv: 1 row cannot be read as the header's columns"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    for want in wants {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert_eq!(std::fs::read(s.store("tester")).expect("store"), before, "the store is as it was");
}

#[test]
fn score_records_and_explains_each_level() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    s.cmd()
        .args(["score", "sprout-sense", "utility=4", "latency=3", "--note", "Fast on CPU"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Solves the stated problem well")
                .and(predicate::str::contains("total      - (2 of 3 criteria scored)")),
        );
    s.cmd()
        .args(["score", "sprout-sense", "cost=5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("total      4.00").and(predicate::str::contains("note       Fast on CPU")));
    s.cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"sprout-sense\s+scored\s+backyard").expect("regex"));
}

/// `judging score` lines its values up whatever the labels' letters: a wide (CJK) label and one
/// with a combining accent had been padded by characters, and their scores stood off the
/// others' column (one of "実用性" two columns right, one of "Cou\u{302}t" one left).
#[test]
fn score_lines_up_wide_and_accented_labels() {
    let s = Sandbox::new();
    let toml = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("judging.toml"))
        .expect("the repository's judging.toml");
    let toml = toml
        .replace("label = \"Utility\"", "label = \"実用性\"")
        .replace("label = \"Cost\"", "label = \"Cou\u{302}t d'exe\u{301}cution\"");
    s.file("judging.toml", &toml);
    s.cmd().arg("pull").assert().success();
    let out = s.cmd().args(["score", "sprout-sense", "utility=4", "cost=2", "--note", "ok"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    // Where each row's value starts, in terminal columns: the label's end, padded.
    let starts: Vec<(usize, &str)> = stdout
        .lines()
        .skip(1)
        .map(|line| {
            let value = ["4  ", "2  ", "-", "ok"].iter().filter_map(|v| line.find(&format!(" {v}"))).min();
            let at = value.map_or(0, |i| judging::text_width::width(&line[..=i]));
            (at, line)
        })
        .collect();
    assert!(stdout.contains("実用性") && stdout.contains("Cou\u{302}t d'exe\u{301}cution"), "{stdout}");
    assert_eq!(starts.len(), 5, "three criteria, the total and the note: {stdout}");
    assert!(starts.iter().all(|(at, _)| *at == starts[0].0 && *at > 0), "not in one column:\n{stdout}");
}

/// Titles and teams as entrants write them: an emoji with its presentation selector ("❤️"), a
/// family of four joined by ZWJs, Arabic with its lam-alef ("السلام", a ligature to
/// unicode-width, two letters on screen).
const WIDE_NAMES: [(&str, &str); 3] = [
    ("I \u{2764}\u{fe0f} compost", "\u{2764}\u{fe0f} Hearts"),
    (
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466} Family Planner",
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466} Crew",
    ),
    (
        "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645} Salam Bot",
        "\u{641}\u{631}\u{64a}\u{642} \u{627}\u{644}\u{633}\u{644}\u{627}\u{645}",
    ),
];

/// `judging list` keeps its columns in line whatever the titles' and teams' letters: its cells
/// had been measured by unicode-width and cut by the screen's rule, and an Arabic title with a
/// lam-alef pushed its team and every cell after it a column right of the others'.
#[test]
fn list_lines_up_emoji_and_arabic_titles_and_teams() {
    let s = Sandbox::new();
    let rows: String = WIDE_NAMES
        .iter()
        .enumerate()
        .map(|(k, (title, team))| format!("e{k},{title},{team},,{SPACE}/e{k},,,,wood,,,\n"))
        .collect();
    let export = s.file("export.csv", &format!("{HEADER}\nplain,Plain Title,Plain Team,,{SPACE}/p,,,,wood,,,\n{rows}"));
    s.cmd().args(["pull", "--from"]).arg(&export).assert().success();
    // Narrower than 80, the team is left out (the_list_fits_the_terminal_without_columns_set).
    for columns in ["80", "100", "200"] {
        let out = s.cmd().arg("list").env("COLUMNS", columns).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let table = String::from_utf8(out.stdout).expect("UTF-8");
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 5, "{table}");
        // Where each row's team and warnings start, in terminal columns: the header's.
        let at = |line: &str, cell: &str| -> usize {
            let i = line.rfind(cell).unwrap_or_else(|| panic!("{cell:?} in {line:?}\n{table}"));
            judging::text_width::width(&line[..i])
        };
        let team_at = at(lines[0], "TEAM");
        let warnings_at = at(lines[0], "WARNINGS");
        for (line, (_, team)) in lines[2..].iter().zip(WIDE_NAMES) {
            let start: String = team.chars().take(2).collect();
            assert_eq!(at(line, &start), team_at, "{columns} columns: the team of {line:?}\n{table}");
        }
        for line in &lines[1..] {
            let gap = line.rfind("  ").expect("columns");
            assert_eq!(judging::text_width::width(&line[..gap + 2]), warnings_at, "{columns}: {line:?}\n{table}");
            assert!(judging::text_width::width(line) <= columns.parse::<usize>().expect("a number"), "{line:?}");
        }
    }
}

#[test]
fn bad_scores_are_refused_with_what_would_be_right() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    s.cmd().args(["pull", "--from", "builtin:sample-v2"]).assert().success();
    let cases: [(&[&str], &str); 7] = [
        (&["score", "sprout-sense", "speed=3"], "\"speed\" is not a criterion; the rubric has utility, latency, cost"),
        (&["score", "sprout-sense", "utility=9"], "utility = \"9\": utility takes a whole number from 1 to 5"),
        (&["score", "sprout-sense", "utility=4.5"], "takes a whole number from 1 to 5"),
        (&["score", "sprout-sense", "utility"], "write CRITERION=VALUE"),
        (
            // With something to record: with nothing, that usage error is said first.
            &["score", "sprout", "utility=4"],
            "no submission \"sprout\" in the store; `judging list` shows the ids. Did you mean:\n  judging score sprout-sense utility=4\n",
        ),
        (&["score", "sprout-sense"], "nothing to record"),
        (&["score", "dream-cartographer", "utility=3"], "was withdrawn from the export"),
    ];
    for (args, want) in cases {
        let err = clean_failure(&s.cmd().args(args).output().expect("runs"));
        assert!(err.contains(want), "{args:?}: {err}");
    }
    // Nothing was recorded by any of them.
    let list = s.list_json("tester");
    assert!(
        list.as_array().expect("array").iter().all(|v| v["scores"].as_object().is_some_and(serde_json::Map::is_empty))
    );
}

#[test]
fn check_passes_the_builtin_event_and_fails_a_bad_export() {
    let s = Sandbox::new();
    s.cmd().arg("check").assert().success().stdout(
        predicate::str::contains("ok: event \"build-small-2026\", 3 criteria, 2 tracks, 3 judges")
            .and(predicate::str::contains("40 rows read, 40 valid, 0 rejected"))
            .and(predicate::str::ends_with("Ready.\n")),
    );
    s.file("export.csv", &format!("{HEADER}\na,A,,,{SPACE}/a,,,,wood,,,\nb,B,,,javascript:void(0),,,,wood,,,\n"));
    s.file("judging.toml", "[export]\nsource = \"export.csv\"\n");
    s.cmd().arg("check").assert().failure().stdout(
        predicate::str::contains("line 3 (b): rejected: space: \"javascript:void(0)\" uses javascript:")
            // The first line's "ok" is judging.toml's: the last says the event is not ready.
            .and(predicate::str::ends_with("Not ready: 1 row of the export rejected, said above.\n")),
    );
}

/// Completions and the man page are made from the command line itself, with no event needed (a
/// broken judging.toml here does not stop them); a missing argument is followed by examples.
/// Each script that has its shell here is loaded in it, and completes (see [`completes_in`]).
#[test]
fn completions_man_page_and_examples_on_a_usage_error() {
    let s = Sandbox::new();
    s.file("judging.toml", "[event]\nid = 5\n");
    let mut not_checked = Vec::new();
    for (shell, word) in [
        ("bash", "_judging()"),
        ("zsh", "#compdef judging"),
        ("fish", "complete -c judging"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = s.cmd().args(["completions", shell]).output().expect("run");
        let script = String::from_utf8(output.stdout).expect("utf-8");
        assert!(output.status.success() && script.contains(word) && script.contains("results"), "{shell}: {script}");
        if shell == "bash" {
            // judging's own options: not the hidden `--quiet` (taken before a command that draws
            // progress), which `judging --quiet` alone refuses, and `--help` never shows.
            let own =
                script.split("        judging)\n").nth(1).and_then(|rest| rest.lines().next()).unwrap_or_default();
            assert!(own.contains("opts=") && own.contains("--judge") && !own.contains("--quiet"), "{own}");
        }
        s.file(&format!("judging.{shell}"), &script);
        if !completes_in(&s, shell) {
            not_checked.push(shell);
        }
    }
    if !not_checked.is_empty() {
        println!("not checked, for want of the shell here: {}", not_checked.join(", "));
    }
    s.cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH judging 1").and(predicate::str::contains("merge")));
    s.cmd().arg("merge").assert().code(2).stderr(
        predicate::str::contains("required arguments were not provided")
            .and(predicate::str::contains("Examples:\n  # rank every entry"))
            .and(predicate::str::contains("judging merge --from-hub --tui")),
    );
    s.cmd()
        .args(["results", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("judging results scores-*.json --public --format md"));
}

/// What a user types and presses Tab after, in each shell: a command, an option, a method
/// (`rank-sum`'s help has a `"` in it), nothing for a letter no method starts with, a command
/// within another.
const TYPED: [&str; 5] =
    ["judging me", "judging merge --meth", "judging merge --method r", "judging merge --method a", "judging sync i"];

/// Loads the completion script `judging.SHELL` in the sandbox into its shell, if that shell is
/// installed (false if not, or for powershell, whose `pwsh` is rarely there), after checking its
/// syntax, then completes each of [`TYPED`] as Tab would. A syntax check alone passes scripts that
/// fail when loaded: fish's had refused its `--method` line (`complete: too many arguments`), and
/// zsh's offered `against)` as a method, both at a `"` in a method's help.
fn completes_in(s: &Sandbox, shell: &str) -> bool {
    let script = format!("judging.{shell}");
    let (syntax, driver): (&[&str], &str) = match shell {
        "bash" => (&["bash", "-n"], BASH_TAB),
        "zsh" => (&["zsh", "-n"], ZSH_TAB),
        "fish" => (&["fish", "--no-execute"], FISH_TAB),
        _ => return false,
    };
    let installed = std::process::Command::new(syntax[0]).arg("--version").output().is_ok_and(|o| o.status.success());
    if !installed {
        return false;
    }
    let checked = std::process::Command::new(syntax[0])
        .args(&syntax[1..])
        .arg(&script)
        .current_dir(s.path())
        .output()
        .expect("run the shell");
    assert!(checked.status.success(), "{shell}: {}", String::from_utf8_lossy(&checked.stderr));
    if shell == "zsh" {
        std::fs::create_dir_all(s.path().join("zdot")).expect("mkdir");
        s.file("zdot/.zshrc", ZSHRC);
    }
    let output = assert_cmd::Command::new(syntax[0])
        .args(if shell == "fish" { &["--no-config", "-c"][..] } else { &["-c"][..] })
        .arg(driver)
        .current_dir(s.path())
        .env("HOME", s.path())
        .env("TYPED", TYPED.join("\n"))
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("run the shell");
    // A zsh built without its zpty module cannot be driven so.
    if shell == "zsh" && output.status.code() == Some(3) {
        return false;
    }
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success() && stderr.is_empty(), "{shell} failed: {stderr}\n{stdout}");
    let got: Vec<&str> = stdout.lines().collect();
    // Each line: what was typed, then bash's and fish's candidates, or zsh's line after Tab.
    let want: [&str; 5] = match shell {
        "zsh" => [
            "judging merge ",
            "judging merge --method=",
            "judging merge --method rank-sum ",
            "judging merge --method a",
            "judging sync init ",
        ],
        "bash" => ["merge", "--method", "rank-sum", "", "init"],
        // fish offers every method for a letter that begins none.
        _ => [
            "merge",
            "--method",
            "rank-sum",
            "calibrated copeland mean median rank-sum schulze sum trimmed z-score",
            "init",
        ],
    };
    let want: Vec<String> = TYPED.iter().zip(want).map(|(typed, got)| format!("{typed} => {got}")).collect();
    assert_eq!(got, want, "{shell}: {stdout}");
    if shell == "fish" {
        // Its help kept: the `"` taken as `'`.
        let said = std::process::Command::new("fish")
            .args(["--no-config", "-c", "source judging.fish; complete -C'judging merge --method rank'"])
            .current_dir(s.path())
            .output()
            .expect("run fish");
        assert_eq!(
            String::from_utf8_lossy(&said.stdout),
            "rank-sum\tEach judge's totals as ranks; the lowest sum wins (Quandt's 'votes against')\n"
        );
    }
    true
}

/// bash: each typed line completed as bash-completion calls the function.
const BASH_TAB: &str = r#"source ./judging.bash
while IFS= read -r line; do
  read -ra COMP_WORDS <<< "$line"
  [[ $line == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=$line; COMP_POINT=${#line}; COMPREPLY=()
  _judging judging "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  echo "$line => ${COMPREPLY[*]}"
done <<< "$TYPED""#;

/// fish: each typed line's candidates, without their help, as fish finds them.
const FISH_TAB: &str = r#"source judging.fish
for line in (string split \n -- $TYPED)
  echo "$line => "(string join ' ' -- (complete -C"$line" | string replace -r '\t.*' ''))
end"#;

/// zsh: an interactive zsh in a pseudo-terminal (zsh's own zpty), whose completion system has
/// loaded the script; each line is typed with Tab, then a key that prints what the line became.
const ZSH_TAB: &str = r#"zmodload zsh/zpty || exit 3
zpty z 'ZDOTDIR=./zdot zsh -i'
zpty -r z out '*READY*'
for line in ${(f)TYPED}; do
  zpty -w -n z "$line"$'\t\C-x'
  zpty -r z out '*>@@*'
  print -r -- "$line => ${${out##*@@<}%%>@@*}"
done
zpty -d z"#;

const ZSHRC: &str = r#"PS1='> '
autoload -U compinit && compinit -u -D
source ./judging.zsh
show() { zle -I; print -r -- "@@<$BUFFER>@@"; BUFFER= }
zle -N show
bindkey '^X' show
print READY
"#;

/// A command line that cannot be done as asked is a usage error wherever it is found: clap's
/// (`--method foo`) or a command's own, after parsing (`--judges` without `--method sum`, `score`
/// with nothing to record). Each exits 2, says what would be right and shows the command's
/// examples; they had exited 1, without examples. Each is found before any store or file is read.
#[test]
fn usage_errors_exit_2_with_the_commands_examples() {
    let s = Sandbox::new();
    const MERGE: &str = "  judging merge scores-*.json --entry sprout-sense";
    const SCORE: &str = "  judging score sprout-sense utility=4 latency=3 cost=5";
    const LIST: &str = "  judging list --assigned";
    let cases: [(&[&str], &str, &str); 11] = [
        // A criterion the event lacks, a value off the scale, a criterion twice: they had
        // exited 1 without examples, found only once the store was read.
        (&["score", "sprout-sense", "foo=3"], "\"foo\" is not a criterion; the rubric has utility", SCORE),
        (&["score", "sprout-sense", "utility=9"], "utility takes a whole number from 1 to 5", SCORE),
        (&["score", "sprout-sense", "utility=3", "utility=4"], "utility is given twice (3, then 4)", SCORE),
        // A judge's name no store can be kept under, as clap reads it: it had exited 1.
        (&["--judge", "", "list"], "invalid value '' for '--judge <NAME>': give 1 to 64 printable characters", LIST),
        (&["merge", "x.json", "--method", "foo"], "invalid value 'foo' for '--method <METHOD>'", MERGE),
        (&["merge", "x.json", "--tie-breaks", "bogus"], "--tie-breaks \"bogus\": not a tie-break; use one of", MERGE),
        (&["merge", "x.json", "--judges", "mira"], "add --method sum, or leave --judges out", MERGE),
        (&["merge", "x.json", "--trim", "3"], "--trim acts only with the trimmed method", MERGE),
        (
            &["results", "x.json", "--public", "--format", "csv"],
            "--format csv is for the jury",
            "  judging results scores-*.json --public --format md",
        ),
        (&["score", "sprout-sense"], "nothing to record: give scores as CRITERION=VALUE", SCORE),
        (&["score", "sprout-sense", "utility"], "\"utility\": write CRITERION=VALUE", SCORE),
    ];
    for (args, said, example) in cases {
        let out = s.cmd().args(args).output().expect("runs");
        let err = clean_failure(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said) && err.contains("Examples:\n  # ") && err.contains(example), "{args:?}: {err}");
    }
    // What fails for another reason than the command line is no usage error.
    let out = s.cmd().args(["score", "sprout-sense", "utility=3"]).output().expect("runs");
    let err = clean_failure(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("judging pull") && !err.contains("Examples:"), "{err}");
}

/// A usage error quotes what was typed: an escape sequence or a direction mark in it is shown as
/// its escape, never sent to the terminal. clap quoted them raw: `--judge $'ev\e]0;pwned\a'`
/// retitled the terminal, and piped, the sequence vanished from the quote ("invalid value 'evil'",
/// a name that looks valid); U+202E turned the line around.
#[test]
fn a_usage_error_shows_what_was_typed_without_its_escapes() {
    let s = Sandbox::new();
    let cases: [(Vec<&str>, Option<&str>, &str); 4] = [
        (
            vec!["--judge", "ev\u{1b}]0;pwned\u{7}il", "pull"],
            None,
            "invalid value 'ev\\u{1b}]0;pwned\\u{7}il' for '--judge <NAME>'",
        ),
        (vec!["--judge", "\u{202e}arim", "list"], None, "invalid value '\\u{202e}arim' for '--judge <NAME>'"),
        (vec!["merge", "--fo\u{1b}[31m", "x.json"], None, "unexpected argument '--fo\\u{1b}[31m' found"),
        (vec!["list"], Some("a\u{1b}[2Jb"), "invalid value 'a\\u{1b}[2Jb' for '--judge <NAME>'"),
    ];
    for (args, variable, said) in cases {
        let mut cmd = s.cmd();
        if let Some(v) = variable {
            cmd.env("JUDGING_JUDGE", v);
        }
        let out = cmd.args(&args).output().expect("runs");
        let err = clean_failure(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(!err.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{args:?}: {err:?}");
    }
}

/// An empty JUDGING_* variable is as if unset, as a shell's `VAR=` means: it had been refused as
/// `--db` (or `--config`) given without a value, though none was given.
#[test]
fn an_empty_variable_is_as_if_unset() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).env("JUDGING_DB", "").assert().success();
    assert!(s.store("mira").exists(), "the store where it goes without JUDGING_DB");
    for variable in ["JUDGING_DB", "JUDGING_CONFIG", "JUDGING_JUDGE"] {
        s.cmd()
            .args(["--judge", "mira", "list"])
            .env(variable, "")
            .assert()
            .success()
            .stdout(predicate::str::contains("Sprout Sense"));
    }
    s.cmd().arg("check").env("JUDGING_CONFIG", "").assert().success();
    // Without --judge, an empty JUDGING_JUDGE leaves the login name (USER, tester) to choose.
    s.cmd().arg("pull").env("JUDGING_JUDGE", "").assert().success();
    assert!(s.store("tester").exists());
    // A flag given empty is still refused: that empty value was typed.
    let err = clean_failure(&s.cmd().args(["--db", "", "list"]).output().expect("runs"));
    assert!(err.contains("a value is required for '--db <FILE>'"), "{err}");
}

/// A usage error's "Usage:" line shows what was typed, never an option a JUDGING_* variable
/// gave as if it were required: `judging score` with JUDGING_DB and JUDGING_JUDGE set had read
/// `Usage: judging score --db <FILE> --judge <NAME> <SUBMISSION> ...`. A variable whose own value
/// is wrong is still said as clap says it.
#[test]
fn a_usage_line_never_shows_what_the_environment_gave() {
    let s = Sandbox::new();
    let usage = |args: &[&str]| -> String {
        let out = s
            .cmd()
            .args(args)
            .env("JUDGING_DB", s.path().join("store.db"))
            .env("JUDGING_JUDGE", "mira")
            .env("JUDGING_CONFIG", s.path().join("judging.toml"))
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        err.lines()
            .find(|l| l.starts_with("Usage:"))
            .unwrap_or_else(|| panic!("{args:?}: no usage in {err}"))
            .to_owned()
    };
    assert_eq!(usage(&["score"]), "Usage: judging score <SUBMISSION> [CRITERION=VALUE]...");
    let compare = usage(&["compare", "a", "b", "--winner", "A", "--clear"]);
    let typed = usage(&["merge", "a.json", "--tui", "--format", "csv"]);
    for line in [&compare, &typed] {
        assert!(!line.contains("--db") && !line.contains("--judge") && !line.contains("--config"), "{line}");
    }
    let out = s.cmd().arg("score").env("JUDGING_JUDGE", " ").output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid value ' ' for '--judge <NAME>'"), "the variable's own value: {err}");
}

/// The commands that draw progress, as the README's list has them.
const DRAWS_PROGRESS: [&str; 12] = [
    "pull",
    "enrich",
    "collect",
    "merge",
    "results",
    "feedback",
    "assign",
    "push",
    "join",
    "status",
    "sync init",
    "check",
];

/// Every command's --help shows --config, --db, --judge and -q/--quiet only where they act, as
/// `cli::SHARED` declares: --quiet on the commands that draw progress (the README's list), none
/// of them on `completions` or `man`. Typed where they do nothing, before the command or after,
/// they are usage errors. They had been global, on every command (`judging man --config
/// /nope.toml` succeeded), and -q on list, score, key...
#[test]
fn each_shared_option_is_shown_and_taken_only_where_it_acts() {
    use judging::cli::Does;
    fn paths(command: &clap::Command, above: &str, all: &mut Vec<String>) {
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = if above.is_empty() { sub.get_name().to_owned() } else { format!("{above} {}", sub.get_name()) };
            paths(sub, &path, all);
            all.push(path);
        }
    }
    let mut all = Vec::new();
    paths(&judging::help::command(), "", &mut all);
    let s = Sandbox::new();
    for path in &all {
        let out = s.cmd().args(path.split(' ')).arg("--help").output().expect("runs");
        assert!(out.status.success(), "{path}: {}", String::from_utf8_lossy(&out.stderr));
        let help = String::from_utf8_lossy(&out.stdout);
        let does = judging::cli::does(path);
        assert_eq!(does.contains(&Does::DrawsProgress), DRAWS_PROGRESS.contains(&path.as_str()), "{path}");
        let shown = |flag: &str| help.lines().any(|l| l.trim_start().starts_with(flag));
        for (what, flag) in [
            (Does::ReadsTheEvent, "--config <FILE>"),
            (Does::OpensAStore, "--db <FILE>"),
            (Does::ActsForAJudge, "--judge <NAME>"),
            (Does::DrawsProgress, "-q, --quiet"),
        ] {
            assert_eq!(shown(flag), does.contains(&what), "`judging {path} --help` and {flag}:\n{help}");
        }
        if ["completions", "man", "sync"].contains(&path.as_str()) {
            assert!(does.is_empty(), "{path}");
        }
    }
    let app = s.cmd().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&app.stdout);
    assert!(help.contains("--judge <NAME>") && !help.contains("--quiet"), "the app draws no progress: {help}");
    let refused: [&[&str]; 6] = [
        &["man", "--config", "/nope.toml"],
        &["--config", "/nope.toml", "man"],
        &["--judge", "ana", "completions", "bash"],
        &["completions", "bash", "-q"],
        &["list", "-q"],
        &["-q"],
    ];
    for args in refused {
        let out = s.cmd().args(args).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let before = s.cmd().args(["--config", "/nope.toml", "man"]).output().expect("runs");
    let err = String::from_utf8_lossy(&before.stderr);
    assert!(err.contains("--config does nothing for `judging man`, which reads no event"), "{err}");
    // Before the command or after it, one error: after it, clap had said only "unexpected
    // argument '--db' found", or offered `-- --db` as if --db were a shell's name.
    let first_line = |args: &[&str]| {
        let out = s.cmd().args(args).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("-- --") && !err.contains("unexpected argument"), "{args:?}: {err}");
        err.lines().next().unwrap_or_default().to_owned()
    };
    for (before, after, said) in [
        (
            &["--db", "x.db", "key"][..],
            &["key", "--db", "x.db"][..],
            "--db does nothing for `judging key`, which opens no store",
        ),
        (
            &["--db=x.db", "completions", "bash"],
            &["completions", "bash", "--db=x.db"],
            "--db does nothing for `judging completions`",
        ),
        (
            &["--config", "/nope.toml", "man"],
            &["man", "--config", "/nope.toml"],
            "--config does nothing for `judging man`",
        ),
        (
            &["--judge", "ana", "sync", "init"],
            &["sync", "init", "--judge", "ana"],
            "--judge does nothing for `judging sync init`",
        ),
        (&["-q", "list"], &["list", "-q"], "--quiet does nothing for `judging list`, which draws no progress"),
    ] {
        let (first, second) = (first_line(before), first_line(after));
        assert!(first.contains(said), "{before:?}: {first}");
        assert_eq!(first, second, "{before:?} and {after:?} say one thing");
    }
    // Before a command they act on, they are taken as after it.
    s.cmd().args(["-q", "--judge", "ana", "pull"]).assert().success();
    assert!(s.store("ana").exists());
    s.cmd().args(["pull", "-q", "--judge", "bo"]).assert().success();
    assert!(s.store("bo").exists());
    s.cmd().args(["man", "merge"]).env("JUDGING_CONFIG", "/nope.toml").assert().success();
}

/// An event with no finals round says so first, whether or not the judge has a store: a judge
/// with none had been sent to `judging pull` first, to be told after it that there are no finals.
#[test]
fn no_finals_round_is_said_before_a_missing_store() {
    let s = Sandbox::new();
    for args in [&["--judge", "priya", "finals"][..], &["--judge", "priya", "compare", "a", "b", "--winner", "a"]] {
        let err = clean_failure(&s.cmd().args(args).output().expect("runs"));
        assert!(err.contains("the built-in Build Small event has no [finals]"), "{args:?}: {err}");
        assert!(!err.contains("pull"), "{args:?}: {err}");
    }
    assert!(!s.path().join("data").exists(), "no store made");
}

/// `judging sync` without its command says so in one error, then its examples once (the whole
/// help had been the error, examples twice); `sync init --help` ends with its examples.
#[test]
fn a_command_made_of_commands_needs_one_and_says_so() {
    let s = Sandbox::new();
    let out = s.cmd().arg("sync").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = clean_failure(&out);
    assert!(err.contains("'judging sync' requires a subcommand"), "{err}");
    assert_eq!(err.matches("Examples:").count(), 1, "{err}");
    assert!(err.contains("  judging sync init --config event/judging.toml"), "{err}");
    let help = s.cmd().args(["sync", "init", "--help"]).output().expect("runs").stdout;
    let help = String::from_utf8_lossy(&help);
    assert!(help.trim_end().ends_with("judging sync init --config event/judging.toml"), "{help}");
}

/// Every command's page of the same definition: `man --out-dir` writes judging.1 and one page a
/// command (judging-sync-init.1 for one within another), each with its options; `man merge`
/// prints one; a page named wrong is a usage error.
#[test]
fn man_writes_a_page_for_every_command() {
    fn commands(command: &clap::Command, prefix: &str, names: &mut Vec<String>) {
        for sub in command.get_subcommands() {
            let name = format!("{prefix}-{}", sub.get_name());
            names.push(name.clone());
            commands(sub, &name, names);
        }
    }
    let s = Sandbox::new();
    let dir = s.path().join("man1");
    std::fs::create_dir(&dir).expect("mkdir");
    s.cmd().args(["man", "--out-dir"]).arg(&dir).assert().success().stdout(predicate::str::contains("man pages"));
    let mut pages = vec!["judging".to_owned()];
    commands(&judging::help::command(), "judging", &mut pages);
    assert!(pages.contains(&"judging-sync-init".to_owned()), "{pages:?}");
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut wanted: Vec<String> = pages.iter().map(|p| format!("{p}.1")).collect();
    wanted.sort();
    assert_eq!(written, wanted);
    // roff writes a dash as `\-`: `--method` as man shows it.
    let merge = std::fs::read_to_string(dir.join("judging-merge.1")).expect("page");
    assert!(merge.contains("\\-\\-method") && merge.contains(".TH judging-merge 1"), "{merge}");
    // Each page a SUBCOMMANDS section names is one written.
    let top = std::fs::read_to_string(dir.join("judging.1")).expect("page");
    for named in top.split("(1)").filter_map(|s| s.rsplit(['\n', ' ']).next()).filter(|s| s.starts_with("judging")) {
        assert!(written.contains(&format!("{}.1", named.replace("\\-", "-"))), "{named} has no page");
    }
    s.cmd()
        .args(["man", "merge"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH judging-merge 1").and(predicate::str::contains("\\fB\\-\\-method\\fR")));
    // The synopsis as `--help` gives it: clap_mangen's own listed each option with no value and
    // the files as one ("[--config] [--from-hub] ... [FILE]").
    let merge = String::from_utf8(s.cmd().args(["man", "merge"]).output().expect("runs").stdout).expect("utf-8");
    assert!(merge.contains(".SH SYNOPSIS\n\\fBjudging merge\\fR [OPTIONS] [FILE]...\n"), "{merge}");
    // A command within another's word alone names no page (`judging init` is no command): it is
    // refused, with the page it may mean.
    s.cmd().args(["man", "init"]).assert().code(1).stdout("").stderr(predicate::str::contains(
        "no command is named \"init\", so it has no man page: it is a command within another: `judging man sync init` prints its page",
    ));
    s.cmd()
        .args(["man", "sync", "init"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH judging-sync-init 1"));
    s.cmd()
        .args(["man", "merge", "init"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no command is named \"merge init\""));
    s.cmd().args(["man", "sync-init"]).assert().success().stdout(predicate::str::contains("judging sync init"));
    s.cmd().args(["man", "marge"]).assert().code(2).stderr(predicate::str::contains("a similar value exists: 'merge'"));
    let err = clean_failure(&s.cmd().args(["man", "--out-dir"]).arg(s.path().join("nowhere")).output().expect("runs"));
    assert!(err.contains("no such folder") && err.contains("mkdir -p"), "{err}");
    // A file there is said to be one: `mkdir -p` over it would fail.
    std::fs::write(s.path().join("judging.1"), "page").expect("write");
    let err =
        clean_failure(&s.cmd().args(["man", "--out-dir"]).arg(s.path().join("judging.1")).output().expect("runs"));
    assert!(err.contains("judging.1: it is a file, and the man pages go into a folder"), "{err}");
    assert!(!err.contains("no such folder"), "{err}");
    assert_eq!(std::fs::read_to_string(s.path().join("judging.1")).expect("read"), "page");
    // The examples after a usage error are the command's that was typed: a page's name after
    // `man` is no command (`man help` had shown `help`'s).
    let err = String::from_utf8(s.cmd().args(["man", "help"]).output().expect("runs").stderr).expect("utf-8");
    assert!(err.contains("judging man merge") && !err.contains("judging help merge"), "{err}");
}

/// An export that cannot be read at all (saved with semicolons, not text, not there) is a
/// problem `check` lists, then its verdict: "Not ready", exit 1, as for any other problem. The
/// refusal had been returned as an error: a bare `error:` on standard error after the first line,
/// and no verdict.
#[test]
fn check_lists_an_export_it_cannot_read_then_says_not_ready() {
    let s = Sandbox::new();
    s.file("semi.csv", &format!("{}\na;A;{SPACE}/a\n", HEADER.replace(',', ";")));
    std::fs::write(s.path().join("zip.csv"), [0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x10]).expect("write");
    for (from, why) in [
        ("semi.csv", "set delimiter = \";\" in judging.toml's [export]"),
        ("zip.csv", "zip.csv is not UTF-8 text"),
        ("missing.csv", "cannot read missing.csv"),
    ] {
        let out = s.cmd().args(["check", "--from", from]).output().expect("runs");
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{from}: {stdout}{stderr}");
        assert!(!stderr.contains("error:"), "{from}: a problem listed, not an error: {stderr}");
        let lines: Vec<&str> = stdout.lines().collect();
        assert!(lines[0].contains("ok: event"), "{from}: {stdout}");
        assert!(stdout.contains("the export: cannot be read: ") && stdout.contains(why), "{from}: {why}: {stdout}");
        assert_eq!(
            lines.last().copied(),
            Some("Not ready: the export cannot be read, said above."),
            "{from}: {stdout}"
        );
    }
}

/// Checking judging.toml needs no store: `check --offline` on a machine that never pulled checks
/// the file and a local export, and says plainly that an export on the network was not checked.
#[test]
fn check_offline_needs_no_store() {
    let s = Sandbox::new();
    s.cmd()
        .args(["check", "--offline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: event \"build-small-2026\"").and(predicate::str::contains("40 valid")));
    s.file("judging.toml", "[export]\nsource = \"https://example.com/export.csv\"\n");
    // An export not checked is no pass: the check had ended 0 with no verdict.
    s.cmd().args(["check", "--offline"]).assert().failure().stdout(
        predicate::str::contains("ok: event")
            .and(predicate::str::contains("the export: not checked"))
            .and(predicate::str::contains("run `judging pull` once"))
            .and(predicate::str::contains("Not ready"))
            .and(predicate::str::contains("Ready.").not()),
    );
    s.cmd().args(["check", "--offline", "--strict"]).assert().failure();
    // The pull it advises pulls what the check was given, into the store it reads.
    s.cmd().args(["--db", "none.sqlite", "check", "--offline", "--from", "hub:other-org"]).assert().failure().stdout(
        predicate::str::contains("run `judging pull --db none.sqlite --from hub:other-org` once")
            .and(predicate::str::contains("Not ready")),
    );
    assert!(!s.path().join("data").exists(), "no store made by a check");
}

#[test]
fn a_bad_judging_toml_names_the_key_and_leaves_the_store_alone() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    let before = std::fs::read(s.store("tester")).expect("store");
    let cases = [
        ("[export]\nsorce = \"x.csv\"\n", &["judging.toml", "unknown field `sorce`", "`source`"][..]),
        (
            "[[criteria]]\nid = \"utility\"\nlabel = \"U\"\njudges = \"j\"\nscale = [1, 5]\nweight = 0\nlevels = [\"a\"]\n",
            &["criteria[0] (\"utility\").weight = 0: use a number above 0", "levels has 1 line"][..],
        ),
        ("[event]\nid = \"x\"\n", &["line 1 (`[event]`): [event] needs `name`: the event's name, such as name = "][..]),
    ];
    for (toml, wants) in cases {
        s.file("judging.toml", toml);
        for command in ["pull", "check", "list"] {
            let err = clean_failure(&s.cmd().arg(command).output().expect("runs"));
            for want in wants {
                assert!(err.contains(want), "{command} with {toml}: {err}");
            }
        }
    }
    assert_eq!(std::fs::read(s.store("tester")).expect("store"), before);
    let err = clean_failure(&s.cmd().args(["--config", "nope.toml", "list"]).output().expect("runs"));
    assert!(err.contains("cannot read nope.toml"), "{err}");
}

#[test]
fn a_devpost_export_pulls_as_it_comes() {
    let s = Sandbox::new();
    let devpost = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/devpost-export.csv");
    s.cmd().args(["pull", "--from"]).arg(&devpost).assert().success().stdout(
        predicate::str::contains("2 submissions: 2 new").and(predicate::str::contains("1 Devpost draft skipped")),
    );
    s.cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("kettle-coach").and(predicate::str::contains("Alva Brink, Remy Cato")));
}

#[test]
fn a_json_export_pulls() {
    let s = Sandbox::new();
    let export = s.file(
        "export.json",
        &format!("[{{\"id\": \"j1\", \"title\": \"Json One\", \"space_url\": \"{SPACE}/j1\", \"track\": \"wood\", \"tags\": [\"achievement:llama\"]}}]"),
    );
    s.cmd()
        .args(["pull", "--from"])
        .arg(&export)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 submission: 1 new"));
    s.cmd().arg("list").assert().success().stdout(predicate::str::contains("Json One"));
}

#[test]
fn offline_without_a_cached_copy_says_so() {
    let s = Sandbox::new();
    let err = clean_failure(
        &s.cmd().args(["pull", "--offline", "--from", "http://127.0.0.1:9/export.csv"]).output().expect("runs"),
    );
    assert!(err.contains("no copy of http://127.0.0.1:9/export.csv is cached"), "{err}");
    let err = clean_failure(&s.cmd().args(["pull", "--from", "ftp://example.org/x.csv"]).output().expect("runs"));
    assert!(err.contains("only http(s) exports can be fetched"), "{err}");
}

#[test]
fn a_store_for_a_newer_schema_gives_a_clear_error() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    rusqlite::Connection::open(s.store("tester")).expect("open").pragma_update(None, "user_version", 42).expect("bump");
    let err = clean_failure(&s.cmd().arg("list").output().expect("runs"));
    assert!(err.contains("was written by a newer judging (schema 42"), "{err}");
}

#[test]
fn a_syntax_error_after_many_good_rows_rolls_the_whole_pull_back() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    let before = s.list_json("tester");
    // Far more rows than one batch, so some reach the store before the reader meets the error.
    let mut text = String::from(HEADER);
    for i in 0..2_000 {
        text.push_str(&format!("\nrow-{i},Row {i},,,{SPACE}/r{i},,,,wood,,,"));
    }
    text.push_str("\nbroken,\"unclosed quote,,,\n");
    let export = s.file("big.csv", &text);
    let err = clean_failure(&s.cmd().args(["pull", "--from"]).arg(&export).output().expect("runs"));
    assert!(err.contains("big.csv: line 2002"), "{err}");
    assert_eq!(s.list_json("tester"), before, "nothing of the failed pull was kept, and nothing was withdrawn");
}

#[test]
fn the_app_without_a_terminal_says_so_and_releases_its_lock() {
    let s = Sandbox::new();
    let err = clean_failure(&s.cmd().output().expect("runs"));
    assert!(err.contains("cannot start the terminal app: standard output is not a terminal"), "{err}");
    // The lock file stays (deleting it would race another app about to lock it), unlocked.
    let lock = std::fs::File::open(format!("{}.lock", s.store("tester").display())).expect("the lock file");
    assert!(lock.try_lock().is_ok(), "the lock was released");
}

#[test]
fn scoring_a_declared_conflict_warns_and_saves() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "tomas", "pull"]).assert().success();
    // tomas declared a conflict with the team "Moss & Lichen", which made sprout-sense.
    s.cmd()
        .args(["--judge", "tomas", "score", "sprout-sense", "utility=4"])
        .assert()
        .success()
        // The conflict declared is named, not only the entry it names.
        .stderr(predicate::str::contains("a conflict of yours, \"Moss & Lichen\", which names \"sprout-sense\""));
    s.cmd()
        .args(["--judge", "tomas", "score", "pantry-poet", "utility=4"])
        .assert()
        .success()
        .stderr(predicate::str::contains("conflict").not());
}

/// A judge kept to one track is told, on scoring another's entry, that it counts, in the app's
/// words; a calibration entry of that track is theirs, and is scored without a word.
#[test]
fn scoring_outside_ones_tracks_says_so_but_not_on_a_calibration_entry() {
    let s = Sandbox::new();
    let event = judging::config::BUILTIN.replace("[assign]\n", "[assign]\ncalibration = [\"pantry-poet\"]\n");
    assert_ne!(event, judging::config::BUILTIN, "the built-in event has an [assign] table");
    s.file("judging.toml", &event);
    s.cmd().args(["--judge", "priya", "pull"]).assert().success();
    let outside = "\"lullaby-loom\" is outside the tracks the event gives you (Backyard AI)";
    s.cmd()
        .args(["--judge", "priya", "score", "lullaby-loom", "utility=4"])
        .assert()
        .success()
        .stderr(predicate::str::contains(outside));
    // A calibration entry of the wood track, and one of her own track.
    for id in ["pantry-poet", "sprout-sense"] {
        s.cmd()
            .args(["--judge", "priya", "score", id, "utility=4"])
            .assert()
            .success()
            .stderr(predicate::str::contains("outside").not().and(predicate::str::contains("warning").not()))
            .stdout(predicate::str::contains(id));
    }
}

#[test]
fn a_store_belongs_to_the_judge_who_first_opened_it() {
    let s = Sandbox::new();
    let db = s.path().join("k.sqlite");
    s.cmd().args(["--judge", "kim", "--db"]).arg(&db).arg("pull").assert().success();
    s.cmd().args(["--judge", "kim", "--db"]).arg(&db).args(["score", "sprout-sense", "utility=4"]).assert().success();
    for command in [&["export"][..], &["score", "sprout-sense", "utility=1"], &["list"]] {
        let err =
            clean_failure(&s.cmd().args(["--judge", "lee", "--db"]).arg(&db).args(command).output().expect("runs"));
        assert!(
            err.contains("holds the scores of judge \"kim\", not \"lee\"") && err.contains("--judge \"kim\""),
            "{err}"
        );
    }
    // The same judge, however the name is typed.
    s.cmd().args(["--judge", " Kim", "--db"]).arg(&db).arg("list").assert().success();
    // check reads judging.toml and the export: another judge's store does not stop it, and it
    // says so (only an offline check needs the store, for its cached export).
    s.cmd().args(["--judge", "lee", "--db"]).arg(&db).arg("check").assert().success().stderr(
        predicate::str::contains("holds the scores of judge \"kim\"")
            .and(predicate::str::contains("checked without it")),
    );
    assert!(!s.path().join("scores-build-small-2026-lee.json").exists(), "nothing was exported under lee's name");
}

#[test]
fn each_cause_is_said_once_and_many_failures_for_one_reason_are_one_line() {
    let s = Sandbox::new();
    // Nothing listens on port 1 of the loopback: the connection is refused at once.
    let out = s.cmd().args(["pull", "--from", "http://127.0.0.1:1/export.csv"]).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.matches("cannot fetch http://127.0.0.1:1/export.csv").count(), 1, "said once: {err}");
    for line in err.lines().filter(|l| l.trim_start().starts_with("because:")) {
        let cause = line.trim_start().trim_start_matches("because: ");
        assert_eq!(err.matches(cause).count(), 1, "{cause:?} repeated: {err}");
    }
    s.cmd().arg("pull").assert().success();
    let out = s.cmd().arg("enrich").env("HF_ENDPOINT", "http://127.0.0.1:1").output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), 1, "one line for one reason: {err}");
    assert!(warnings[0].contains("entries not refreshed") && warnings[0].contains("none has earlier facts"), "{err}");
    // In the app's words, the host named: not reqwest's chain and the system's error number.
    assert!(warnings[0].contains("127.0.0.1:1 refused the connection"), "{err}");
    assert!(!err.contains("os error") && !err.contains("tcp connect error"), "{err}");
}

#[test]
fn an_export_file_larger_than_export_max_mb_is_refused_before_it_is_read() {
    let s = Sandbox::new();
    s.file("judging.toml", "[export]\nmax_mb = 1\n");
    let big =
        s.file("big.csv", &format!("id,title,space_url\n{}", "a,A,https://huggingface.co/spaces/o/a\n".repeat(40_000)));
    let err = clean_failure(&s.cmd().args(["pull", "--from"]).arg(&big).output().expect("runs"));
    assert!(err.contains("big.csv is larger than 1 MiB"), "{err}");
}

/// A store its user may read but not write: `list` and `export` still work, and a write is
/// refused by name. As root (CI), the binary runs as `nobody`, since root may write anything.
#[test]
fn a_read_only_store_still_lists_and_exports() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let dir = s.path().join("shared");
    std::fs::create_dir(&dir).expect("dir");
    let db = dir.join("store.sqlite");
    s.cmd().args(["--judge", "kim", "--db"]).arg(&db).arg("pull").assert().success();
    for (path, mode) in [(&db, 0o644), (&dir, 0o755), (&s.path().to_path_buf(), 0o755)] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    let root = std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    // A copy of the binary where `nobody` can run it, wherever the build folder is.
    let bin = s.path().join("judging-bin");
    std::fs::copy(env!("CARGO_BIN_EXE_judging"), &bin).expect("copy the binary");
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // Another test's thread may fork while the copy is being written; its child holds the
    // write handle for a few microseconds, and the kernel says "Text file busy". Run again then.
    let run_once = |args: &str| -> std::process::Output {
        let bin = bin.display();
        let line = format!("cd /tmp && HOME=/tmp {bin} --judge kim --db {} {args}", db.display());
        if root {
            std::process::Command::new("su").args(["-s", "/bin/sh", "nobody", "-c", &line]).output().expect("su")
        } else {
            std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
            std::process::Command::new("sh").args(["-c", &line]).output().expect("sh")
        }
    };
    let run = |args: &str| {
        let mut out = run_once(args);
        for _ in 0..100 {
            if !String::from_utf8_lossy(&out.stderr).contains("Text file busy") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            out = run_once(args);
        }
        out
    };
    let list = run("list");
    assert!(list.status.success(), "{}", String::from_utf8_lossy(&list.stderr));
    assert!(String::from_utf8_lossy(&list.stdout).contains("Sprout Sense"));
    let score = run("score sprout-sense utility=3");
    let err = String::from_utf8_lossy(&score.stderr);
    assert!(!score.status.success() && err.contains("check the file's permissions"), "{err}");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
}

/// Another event's judging.toml without tracks takes none of Build Small's: its export's rows
/// pull without a warning, and the merge has one ranking.
#[test]
fn an_event_without_tracks_has_one_ranking_and_no_track_warnings() {
    let s = Sandbox::new();
    s.file(
        "export.csv",
        "id,title,space_url,track\nrobo-a,Robo A,https://huggingface.co/spaces/o/a,\nrobo-b,Robo B,https://huggingface.co/spaces/o/b,wood\nrobo-c,Robo C,https://huggingface.co/spaces/o/c,anything\n",
    );
    let both = [
        "[event]\nid = \"robo-2026\"\nname = \"Robo Cup\"\n[export]\nsource = \"export.csv\"\n",
        "tracks = []\n[event]\nid = \"robo-2026\"\nname = \"Robo Cup\"\n[export]\nsource = \"export.csv\"\n",
    ];
    for (k, text) in both.iter().enumerate() {
        let config = s.file(&format!("robo-{k}.toml"), text);
        let run = |judge: &str, args: &[&str]| {
            let out = s.cmd().arg("--config").arg(&config).args(["--judge", judge]).args(args).output().expect("runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
        };
        let (out, err) = run("ana", &["pull"]);
        assert!(!err.contains("track") && !out.contains("track"), "no track warnings: {out}{err}");
        assert!(out.contains('3'), "three entries: {out}");
        for (judge, v) in [("ana", "4"), ("ben", "2")] {
            run(judge, &["pull"]);
            for id in ["robo-a", "robo-b", "robo-c"] {
                run(judge, &["score", id, &format!("utility={v}"), "latency=3", "cost=3"]);
            }
            run(judge, &["export", "-o", &format!("{judge}-{k}.json")]);
        }
        run("head", &["pull"]);
        let (table, _) = run("head", &["merge", &format!("ana-{k}.json"), &format!("ben-{k}.json")]);
        assert!(table.contains("OVERALL (3 entries)"), "{table}");
        assert!(!table.contains("BACKYARD") && !table.contains("WOOD"), "one ranking: {table}");
    }
}

/// `check` reads every section on its own and prints every problem, each with its line; and
/// `--from` checks a given export instead of the configured one.
#[test]
fn check_prints_every_problem_and_checks_a_given_export() {
    let s = Sandbox::new();
    s.file(
        "judging.toml",
        "[event]\nid = \"x\"\nname = \"X\"\ncolour = \"red\"\n[exprot]\nsource = 1\n[export]\nformat = \"xml\"\n[merge]\nmin_judges = 0\n[rules]\nmax_params = \"lots\"\n",
    );
    let err = clean_failure(&s.cmd().arg("check").output().expect("runs"));
    let wants = [
        "5 problems",
        "line 4 (`colour = \"red\"`): unknown field `colour`",
        "line 5 (`[exprot]`): unknown field `exprot`",
        "line 8 (`format = \"xml\"`): unknown variant `xml`",
        "line 12 (`max_params = \"lots\"`)",
        "merge.min_judges = 0",
    ];
    for want in wants {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(err.find("line 4").unwrap_or(0) < err.find("line 12").unwrap_or(0), "in the file's order: {err}");
    std::fs::remove_file(s.path().join("judging.toml")).expect("rm");
    s.file("other.csv", &format!("{HEADER}\na,A,,,{SPACE}/a,,,,wood,,,\nb,B,,,javascript:void(0),,,,wood,,,\n"));
    s.cmd().args(["check", "--from", "other.csv"]).assert().failure().stdout(
        predicate::str::contains("other.csv: 2 rows read, 1 valid, 1 rejected")
            .and(predicate::str::contains("javascript:")),
    );
    s.file("good.csv", &format!("{HEADER}\na,A,,,{SPACE}/a,,,,wood,,,\n"));
    s.cmd()
        .args(["check", "--from", "good.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 valid, 0 rejected"));
}

#[test]
fn check_names_a_calibration_entry_the_export_does_not_have() {
    let s = Sandbox::new();
    s.file("judging.toml", "[assign]\ncalibration = [\"sprout-sense\", \"no-such-entry\"]\n");
    s.cmd()
        .arg("check")
        .assert()
        .failure()
        .stdout(predicate::str::contains("[assign] calibration names \"no-such-entry\", which is not in the export"));
    s.file("judging.toml", "[assign]\ncalibration = [\"sprout-sense\"]\n");
    s.cmd().arg("check").assert().success();
}

/// A judge's name `--judge` refuses is refused in judging.toml and in the assignments file too,
/// shown with what hides in it (the name "ana\u{200b}" had shown as "ana", and such a judge
/// could never export or sign).
#[test]
fn check_refuses_a_judges_name_that_judge_refuses() {
    let s = Sandbox::new();
    s.file(
        "judging.toml",
        "[[judges]]\nname = \"ana\"\n[[judges]]\nname = \"ben\\u001b[0m\"\n[[judges]]\nname = \"ana\\u200b\"\n",
    );
    let err = clean_failure(&s.cmd().arg("check").output().expect("runs"));
    for want in [
        "2 problems",
        "judges[1].name = \"ben\\u{1b}[0m\": not a name `--judge` takes: give 1 to 64 printable characters, none of them invisible",
        "judges[2].name = \"ana\\u{200b}\"",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(!err.contains('\u{1b}') && !err.contains('\u{200b}'), "nothing hidden reaches the terminal: {err:?}");
    s.file("judging.toml", "[[judges]]\nname = \"ana\"\n");
    s.file(
        "assignments.toml",
        "event = \"build-small-2026\"\nseed = 1\njudges_per_entry = 1\n[judges]\nana = [\"sprout-sense\"]\n\"ana\\u001b[8m\" = [\"sprout-sense\"]\n",
    );
    s.cmd()
        .arg("check")
        .assert()
        .failure()
        .stdout(predicate::str::contains("assignments.toml: judges.\"ana\\u{1b}[8m\": not a name `--judge` takes"));
}

/// Two [[judges]] whose names only look alike (a Cyrillic а in "аnna", fullwidth letters) are
/// two judges to every command, yet read as one on every screen: a score file or an assignment
/// meant for one is taken for the other's unseen. `check` warns at the second's line, naming
/// both, the look-alike spelled out, and the first's line (it had named it by its place in
/// [[judges]] alone); names the same but for case are refused as ever.
#[test]
fn check_warns_of_judges_whose_names_only_look_alike() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "anna", "pull"]).assert().success();
    s.file(
        "judging.toml",
        "[[judges]]\nname = \"anna\"\n[[judges]]\nname = \"ben\"\n[[judges]]\nname = \"\u{430}nna\"\n[[judges]]\nname = \"\u{ff42}\u{ff45}\u{ff4e}\"\n",
    );
    let out = s.cmd().args(["--judge", "anna", "check"]).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "a warning, not a failure: {said}\n{}", String::from_utf8_lossy(&out.stderr));
    for want in [
        "warning: judging.toml: line 6 (`name = \"\u{430}nna\"`): judges[2].name = \"\\u{430}nna\" only looks like judges[0].name = \"anna\" (line 2): ",
        "warning: judging.toml: line 8 (`name = \"\u{ff42}\u{ff45}\u{ff4e}\"`): judges[3].name = \"\\u{ff42}\\u{ff45}\\u{ff4e}\" only looks like judges[1].name = \"ben\" (line 4): ",
        "rename one, or remove the duplicate entry if they are one judge",
        "Ready, with 2 warnings above.",
    ] {
        assert!(said.contains(want), "{want}\n{said}");
    }
    let strict = s.cmd().args(["--judge", "anna", "check", "--strict"]).output().expect("runs");
    assert!(!strict.status.success(), "--strict fails on them");
    s.file("judging.toml", "[[judges]]\nname = \"anna\"\n[[judges]]\nname = \"Anna\"\n");
    let err = clean_failure(&s.cmd().args(["--judge", "anna", "check"]).output().expect("runs"));
    assert!(err.contains("judges[1]: \"Anna\" appears twice"), "{err}");
    // A finals judge written with the look-alike letters is no judge of [[judges]]: refused, as
    // ever, and now told which judge it only looks like and where (it had said `"аnna" is not a
    // judge of [[judges]]; they are anna, ben`, the а unseen).
    let judges = "[[judges]]\nname = \"anna\"\n\n[[judges]]\nname = \"ben\"\n";
    s.file("judging.toml", &format!("{judges}\n[finals]\njudges = [\"ben\", \"\u{430}nna\"]\n"));
    let err = clean_failure(&s.cmd().args(["--judge", "anna", "check", "--offline"]).output().expect("runs"));
    for want in [
        "line 8 (`judges = [\"ben\", \"\u{430}nna\"]`): finals.judges[1] = \"\\u{430}nna\" is not a judge of [[judges]]: it only looks like judges[0].name = \"anna\" (line 2)",
        "write the name as [[judges]] does",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    // Two finals judges that look alike are two [[judges]] entries that do: warned there, once,
    // and failing --strict.
    s.file(
        "judging.toml",
        &format!("{judges}\n[[judges]]\nname = \"\u{430}nna\"\n\n[finals]\njudges = [\"anna\", \"\u{430}nna\"]\n"),
    );
    let out = s.cmd().args(["--judge", "anna", "check", "--offline"]).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert_eq!(said.matches("only looks like").count(), 1, "{said}");
    assert!(said.contains("line 8 (`name = \"\u{430}nna\"`): judges[2].name = \"\\u{430}nna\" only looks like judges[0].name = \"anna\" (line 2)"), "{said}");
    s.cmd().args(["--judge", "anna", "check", "--offline", "--strict"]).assert().failure();
}

/// A revision an earlier build cached as the Hub sent it, and that is no commit, is left out of
/// the exported file (which the head judge's merge then takes); a commit is kept.
#[test]
fn a_cached_revision_that_is_no_commit_is_not_exported() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    let facts = |revision: &str| {
        format!(
            r#"{{"space":"o/s","stage":"running","hardware":null,"price_per_hour":null,"price_from":"hub","sdk":"gradio","models":[],"params":null,"params_uncertain":null,"revision":"{revision}","changed_at":null}}"#
        )
    };
    let mut store = judging::store::Store::open(&s.store("ana"), "build-small-2026").expect("store");
    store
        .put_hub(&[], &[("sprout-sense".into(), facts("<head commit>")), ("pantry-poet".into(), facts("d4c8bedc2901"))])
        .expect("facts");
    drop(store);
    for id in ["sprout-sense", "pantry-poet"] {
        s.cmd().args(["--judge", "ana", "score", id, "utility=4", "latency=3", "cost=5"]).assert().success();
    }
    let out = s.path().join("ana.json");
    s.cmd().args(["--judge", "ana", "export", "-o"]).arg(&out).assert().success();
    let body: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("file")).expect("json");
    assert_eq!(body["body"]["revisions"], serde_json::json!({ "pantry-poet": "d4c8bedc2901" }));
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "merge"]).arg(&out).assert().success();
}

/// `[feedback] notes` decides whom a note is for wherever it is written: the app, `score` and
/// `import-scores`.
#[test]
fn the_notes_policy_holds_wherever_a_note_is_written() {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[feedback]\nnotes = \"always\"\n", judging::config::BUILTIN));
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    s.cmd().args(["--judge", "ana", "score", "sprout-sense", "utility=4", "--note", "Lovely"]).assert().success();
    let out = s.path().join("ana.json");
    // The export counts what it wrote, the team's notes among them, in words.
    s.cmd().args(["--judge", "ana", "export", "-o"]).arg(&out).assert().success().stdout(predicate::str::contains(
        "1 score, 0 notes for the jury, 1 note for the team, 0 recusals from judge ana",
    ));
    let text = std::fs::read_to_string(&out).expect("file");
    let body: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(body["body"]["team_notes"]["sprout-sense"], "Lovely", "with \"always\" every note is the team's");
    s.file("judging.toml", &format!("{}\n[feedback]\nnotes = \"never\"\n", judging::config::BUILTIN));
    s.cmd()
        .args(["--judge", "ana", "score", "pantry-poet", "--team-note", "Nice"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no note reaches the teams"));
    s.file("scores.csv", "judge,submission,criterion,score,team_note\nana,pantry-poet,utility,3,Nice\n");
    s.cmd()
        .args(["--judge", "ana", "import-scores", "scores.csv"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no note reaches the teams"));
}

/// An imported score for an entry a declared conflict of the judge's names is warned of, as
/// `judging score` warns of one: the import had taken it without a word.
#[test]
fn import_scores_warns_of_an_entry_in_conflict() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "tomas", "pull"]).assert().success();
    let sheet = |judge: &str| {
        format!("judge,submission,criterion,score\n{judge},sprout-sense,utility,3\n{judge},pantry-poet,utility,4\n")
    };
    s.file("sheet.csv", &sheet("tomas"));
    s.cmd().args(["--judge", "tomas", "import-scores", "sheet.csv"]).assert().success().stderr(predicate::str::contains(
        "lists a conflict of yours that names 1 entry imported: \"sprout-sense\" (\"Moss & Lichen\"); the scores are saved, but recuse",
    ));
    // The score file tomas sends says it too: `export` had said only the partly scored.
    s.cmd().args(["--judge", "tomas", "export", "-o", "tomas.json"]).assert().success().stderr(predicate::str::contains(
        "judging.toml lists a conflict of yours that names 1 entry you scored: \"sprout-sense\" (\"Moss & Lichen\")",
    ));
    // A judge with no conflict among them: nothing said.
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.file("sheet.csv", &sheet("mira"));
    s.cmd()
        .args(["--judge", "mira", "import-scores", "sheet.csv"])
        .assert()
        .success()
        .stderr(predicate::str::contains("conflict").not());
}

/// A sheet's refused rows are said in the order of its lines, a criterion may be named by the
/// label the screen shows, and an id the store does not have gets the ids that look like it:
/// the rows had been said grouped by kind (lines 3, 6, 7, 4, 5), "Utility" refused as no
/// criterion, and "echo-owll" said with nothing to try.
#[test]
fn import_scores_says_rows_in_line_order_takes_labels_and_suggests_ids() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    s.file(
        "sheet.csv",
        "judge,submission,criterion,score\n\
         ana,echo-owl,Utility,4\n\
         ana,echo-owll,utility,3\n\
         ana,pantry-poet,utility,9\n\
         ana,word-garden,utlity,2\n\
         ana,seed-swap,utility,7\n\
         ana,sprout-sens,cost,2\n",
    );
    let out = s.cmd().args(["--judge", "ana", "import-scores", "sheet.csv"]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let at =
        |line: &str| err.find(&format!("sheet.csv: line {line}: ")).unwrap_or_else(|| panic!("line {line}: {err}"));
    assert!(at("3") < at("4") && at("4") < at("5") && at("5") < at("6") && at("6") < at("7"), "{err}");
    assert!(!err.contains("line 2:"), "the label Utility is utility: {err}");
    assert!(err.contains("no submission \"echo-owll\" in the store; did you mean \"echo-owl\"?"), "{err}");
    assert!(
        err.contains("\"utlity\" is not a criterion; the rubric has utility, latency, cost; did you mean utility?"),
        "{err}"
    );
    assert!(err.contains("5 rows of sheet.csv refused; nothing was imported"), "{err}");
    // The good row alone goes in, by its label.
    s.file("sheet.csv", "judge,submission,criterion,score\nana,echo-owl,Utility,4\n");
    s.cmd()
        .args(["--judge", "ana", "import-scores", "sheet.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 1 score from sheet.csv"));
}

/// Rows refused for different reasons are counted apart: a score off the scale after five rows
/// naming no criterion had been folded into their count ("... and 3 more rows of this kind (a
/// score the rubric does not take), on lines 5, 6, 7"), its own problem never said.
#[test]
fn import_scores_counts_each_kind_of_refused_row_apart() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    let mut sheet = String::from("judge,submission,criterion,score\n");
    for id in ["echo-owl", "pantry-poet", "word-garden", "seed-swap", "sprout-sense"] {
        sheet.push_str(&format!("ana,{id},speed,3\n"));
    }
    sheet.push_str("ana,pantry-poet,utility,9\n");
    s.file("sheet.csv", &sheet);
    let out = s.cmd().args(["--judge", "ana", "import-scores", "sheet.csv"]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("sheet.csv: line 7: utility = \"9\": utility takes a whole number from 1 to 5"), "{err}");
    assert!(err.contains("(a criterion the rubric does not have)") && !err.contains("line 7\n"), "{err}");
}

/// A sheet saved by a spreadsheet that separates cells with semicolons (Excel in much of Europe,
/// with a BOM) or tabs is read with its own separator, found from the header: it had been refused
/// as a header without judge, submission, criterion and score. A header no separator fits says
/// which one it seems to use and what judging reads.
#[test]
fn import_scores_reads_a_sheet_separated_by_semicolons_or_tabs() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    s.file(
        "eu.csv",
        "\u{feff}Judge;Submission;Criterion;Score;Note\r\nana;echo-owl;utility;4;\"Fine; fast\"\r\nana;pantry-poet;cost;3;\r\n",
    );
    s.cmd()
        .args(["--judge", "ana", "import-scores", "eu.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 2 scores from eu.csv"))
        .stderr(predicate::str::is_empty());
    s.file("tab.csv", "judge\tsubmission\tcriterion\tscore\nana\tword-garden\tutility\t2\n");
    s.cmd()
        .args(["--judge", "ana", "import-scores", "tab.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 1 score from tab.csv"));
    let sheet = judging::store::Store::open_existing(&s.store("ana"), "build-small-2026").expect("open").score_sheet();
    let sheet = sheet.expect("sheet");
    assert_eq!(sheet.scores.len(), 3, "{:?}", sheet.scores);
    assert_eq!(sheet.text(judging::model::TextPart::Note, "echo-owl"), Some("Fine; fast"), "a quoted cell keeps its ;");
    s.file("pipe.csv", "judge|submission|criterion|score\nana|seed-swap|utility|2\n");
    s.cmd().args(["--judge", "ana", "import-scores", "pipe.csv"]).assert().failure().stderr(
        predicate::str::contains("pipe.csv: the header seems to separate its names with \"|\"")
            .and(predicate::str::contains("commas, semicolons or tabs")),
    );
    // Names a separator splits but that are not the ones needed are said as before, split.
    s.file("names.csv", "name;entry;crit;score\nana;seed-swap;utility;2\n");
    s.cmd()
        .args(["--judge", "ana", "import-scores", "names.csv"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("; it has name, entry, crit, score"));
    // An empty sheet is said to be empty, not "it has " and nothing.
    s.file("empty.csv", "");
    let out = s.cmd().args(["--judge", "ana", "import-scores", "empty.csv"]).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && said.contains("it has none (the sheet is empty"), "{said}");
}

#[test]
fn a_recused_entry_takes_no_score_from_the_command_line() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    s.file("r.csv", "judge,submission,criterion,score\nana,word-garden,utility,3\n");
    let conn = rusqlite::Connection::open(s.store("ana")).expect("open");
    conn.execute(
        "INSERT INTO recusals (submission_id, reason, recused_at) VALUES ('word-garden', 'my team', '2026-06-01T00:00:00.000Z')",
        [],
    )
    .expect("recuse");
    drop(conn);
    // `score` and `import-scores` say it in one wording, with the way to score it: import-scores
    // had said 'you recused from "word-garden"' alone.
    let said = "you recused from \"word-garden\" (my team), so it takes no scores: to score it, undo the recusal in the app (run `judging --judge ana`, go to the entry and press r)";
    s.cmd()
        .args(["--judge", "ana", "score", "word-garden", "utility=3"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(said));
    s.cmd()
        .args(["--judge", "ana", "import-scores", "r.csv"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("r.csv: line 2: {said}")));
    let sheet = judging::store::Store::open_existing(&s.store("ana"), "build-small-2026").expect("open").score_sheet();
    assert!(sheet.expect("sheet").scores.is_empty(), "nothing stored");
}

/// A judge exporting under a name judging.toml does not list (a typo in `--judge`) is told so,
/// with the names it lists, and the file is still written; a listed judge is not.
#[test]
fn an_export_under_a_name_judging_toml_does_not_list_is_warned() {
    // Without a judging.toml the built-in event's judges are examples: nobody is warned.
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mria", "pull"]).assert().success();
    s.cmd()
        .args(["--judge", "mria", "export", "-o"])
        .arg(s.path().join("x.json"))
        .assert()
        .success()
        .stderr(predicate::str::contains("not among").not());
    // The event's own judging.toml (the built-in one, written out) lists mira, tomas and priya.
    let s = Sandbox::new();
    s.file("judging.toml", judging::config::BUILTIN);
    for judge in ["mria", "mira"] {
        s.cmd().args(["--judge", judge, "pull"]).assert().success();
        s.cmd().args(["--judge", judge, "score", "sprout-sense", "utility=4"]).assert().success();
        let out = s.path().join(format!("{judge}.json"));
        let warned = predicate::str::contains("\"mria\" is not among the event's judges (mira, tomas, priya)");
        let export = s.cmd().args(["--judge", judge, "export", "-o"]).arg(&out).assert().success();
        if judge == "mria" {
            export.stderr(warned)
        } else {
            export.stderr(warned.not())
        };
        assert!(out.exists(), "{judge}'s file is written");
    }
}

/// A judge who forgets `--judge` works under their login name ("tester" here). Where the event
/// lists its judges and not that name, a command that finds no store says the name is not one of
/// them and to give `--judge`, not only to pull (which would make a store, and then a score file,
/// under the login name); an export under it is warned of, saying the name is the login's.
#[test]
fn a_login_name_the_event_does_not_list_is_said_not_pulled_for() {
    let s = Sandbox::new();
    // With a finals round: an event without one says that first (`finals::session`).
    s.file("judging.toml", &format!("{}\n[finals]\n", judging::config::BUILTIN));
    for command in [&["list"][..], &["finals"], &["export"]] {
        s.cmd().args(command).assert().failure().stderr(
            predicate::str::contains("no store at")
                .and(predicate::str::contains("\"tester\" is not among the event's judges (mira, tomas, priya)"))
                .and(predicate::str::contains("give --judge with your name as the event lists it")),
        );
    }
    // A listed judge's missing store gets the plain advice.
    s.cmd().args(["--judge", "mira", "list"]).assert().failure().stderr(
        predicate::str::contains("run `judging pull --judge mira` first")
            .and(predicate::str::contains("not among").not()),
    );
    s.cmd().arg("pull").assert().success();
    s.cmd().args(["export", "-o", "t.json"]).assert().success().stderr(
        predicate::str::contains("\"tester\" is not among the event's judges")
            .and(predicate::str::contains("no --judge was given, so this is your login name")),
    );
}

/// An export address that does not parse is quoted without its password: `--from` with a user
/// and password before a bad port had printed the password to the terminal.
#[test]
fn a_bad_export_address_is_quoted_without_its_password() {
    let s = Sandbox::new();
    for from in ["http://u:pwSECRET@127.0.0.1:99999/x.csv", "ftp://u:pwSECRET@host/x.csv?token=SECRET2"] {
        s.cmd().args(["pull", "--from", from]).assert().failure().stderr(
            predicate::str::contains("is not an http(s) URL")
                .and(predicate::str::contains("SECRET").not())
                .and(predicate::str::contains("…@")),
        );
    }
}

/// Runs `line`, a command as judging printed it for pasting, through the shell in `s`'s
/// sandbox: the word `judging` finds this binary.
fn pasted(s: &Sandbox, line: &str) -> std::process::Output {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_judging")).parent().expect("the binary's folder");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut shell = std::process::Command::new("sh");
    shell
        .args(["-c", line])
        .current_dir(s.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", s.path())
        .env("XDG_DATA_HOME", s.path().join("data"))
        .env("XDG_CONFIG_HOME", s.path().join("config"))
        .env("USER", "tester");
    shell.output().expect("sh runs")
}

/// What a "Did you mean" offers, between its words and the `?`.
fn offered(stderr: &str) -> &str {
    let start = stderr.find("Did you mean: ").map(|at| at + "Did you mean: ".len()).expect("a suggestion");
    &stderr[start..start + stderr[start..].find("?\n").expect("ends with ?")]
}

/// An event whose ids a shell or clap reads as something else: one that starts with `-`, one
/// with a space, one with a quote.
fn awkward_ids() -> Sandbox {
    let s = Sandbox::new();
    s.file(
        "export.csv",
        &format!(
            "{HEADER}\n-dash,Dash,,,{SPACE}/a,,,,wood,,,\nhas space,Space,,,{SPACE}/b,,,,wood,,,\nit's,Its,,,{SPACE}/c,,,,wood,,,\n"
        ),
    );
    s.file("judging.toml", "[export]\nsource = \"export.csv\"\n");
    s.cmd().arg("pull").assert().success();
    s
}

/// Each id a "Did you mean" offers works pasted where it was typed: an id that starts with `-`
/// had been offered bare (`-dash`), which clap reads as options (`-d`), and one with a space
/// unquoted, which the shell reads as two words.
#[test]
fn a_suggested_id_works_pasted_where_it_was_typed() {
    let s = awkward_ids();
    // A positional id: the whole command line offered, the id replaced and placed where clap
    // reads it, options and a `--` already typed kept. It had offered the fragment `-- -dash`,
    // which made `-- -- -dash` pasted after a `--`, and took `--note` as an id pasted before it.
    for (typed, offer) in [
        (
            &["score", "dash", "utility=3", "latency=3", "cost=3", "--note", "ok"][..],
            "judging score --note ok -- -dash utility=3 latency=3 cost=3",
        ),
        (&["score", "--", "-dsh", "utility=3"], "judging score -- -dash utility=3"),
        (
            &["score", "has spac", "utility=3", "latency=3", "cost=3"],
            "judging score 'has space' utility=3 latency=3 cost=3",
        ),
        (&["score", "its", "utility=3", "latency=3", "cost=3"], "judging score 'it'\\''s' utility=3 latency=3 cost=3"),
    ] {
        let err = clean_failure(&s.cmd().args(typed).output().expect("runs"));
        let offered = err.split_once("Did you mean:\n  ").map(|(_, lines)| lines.lines().next().unwrap_or_default());
        assert_eq!(offered, Some(offer), "{typed:?}: {err}");
        let out = pasted(&s, offer);
        assert!(out.status.success(), "{offer}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // An id typed bare is read as options: clap's error names the word typed, not its first
    // letter (it had said "unexpected argument '-d' found", "use '-- -d'").
    for (typed, word) in
        [(&["score", "-dsh", "utility=3"][..], "-dsh"), (&["compare", "b", "-dash", "--winner", "A"], "-dash")]
    {
        let out = s.cmd().args(typed).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("unexpected argument '{word}' found")) && err.contains(&format!("use '-- {word}'")),
            "{err}"
        );
    }
    // The help says how to give such an id, and its line works pasted.
    let help = s.cmd().args(["score", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&help.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains(
            "one that starts with `-` after `--`, the options before it: `judging score --note ok -- -id utility=4`"
        ),
        "{help}"
    );
    let out = pasted(&s, "judging score --note ok -- -dash utility=4");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = s.path().join("me.json");
    s.cmd().args(["export", "-o"]).arg(&file).assert().success();
    let err = clean_failure(&s.cmd().arg("merge").arg(&file).args(["--entry", "dash"]).output().expect("runs"));
    assert_eq!(offered(&err), "--entry=-dash", "{err}");
    let out = pasted(&s, "judging merge me.json --entry=-dash");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Dash (-dash)"));
}

/// Every command's examples, in its `--help` on a narrow terminal, are whole lines: clap wraps
/// help between words, and had broken `judging completions zsh > ~/.zfunc/_judging` at the `>`
/// (a syntax error, pasted) even on a wide terminal. Said with plain spaces, in help, usage
/// errors and the man pages alike.
#[test]
fn examples_are_never_broken_across_lines() {
    let s = Sandbox::new();
    let every = judging::help::EXAMPLES.iter().map(|(name, examples)| (name.split(' ').collect::<Vec<_>>(), *examples));
    for (path, examples) in every {
        for columns in ["40", "200"] {
            let out = s.cmd().args(&path).arg("--help").env("COLUMNS", columns).output().expect("runs");
            let help = String::from_utf8(out.stdout).expect("utf-8");
            assert!(out.status.success() && !help.contains('\u{a0}'), "{path:?}: {help}");
            for (line, _) in examples {
                assert!(
                    help.lines().any(|l| l == format!("  {line}")),
                    "{path:?} at {columns} columns: {line:?} in\n{help}"
                );
            }
        }
        // `help` is clap's, and has no page of its own.
        if path == ["help"] {
            continue;
        }
        let page = path.join("-");
        let man = s.cmd().args(["man", &page]).output().expect("runs");
        let roff = String::from_utf8_lossy(&man.stdout).into_owned();
        assert!(man.status.success() && !roff.contains('\u{a0}'), "{page}");
        // In the man page too, each example is a line of its own, as typed, under EXAMPLES and
        // set as given (`.nf`): filled as prose under EXTRA, a long comment had run on to the next
        // line without its `#`. roff's escapes undone, each line is the example.
        let set = roff.split(".SH EXAMPLES\n.nf\n").nth(1).and_then(|rest| rest.split(".fi\n").next());
        let set = set.unwrap_or_else(|| panic!("{page}: no EXAMPLES set as given:\n{roff}"));
        let lines: Vec<String> = set
            .lines()
            .filter(|l| *l != ".sp")
            .map(|l| l.replace("\\-", "-").replace("\\(aq", "'").replace("\\(ga", "`").replace("\\e", "\\"))
            .collect();
        for (line, what) in examples {
            assert!(lines.iter().any(|l| l == line), "{page}: {line:?} in {lines:#?}");
            assert!(lines.iter().any(|l| *l == format!("# {what}")), "{page}: {what:?} in {lines:#?}");
        }
        assert!(!roff.contains(".SH EXTRA"), "{page}: examples under EXTRA:\n{roff}");
        if path.len() > 1 {
            // `judging man sync init`, as `judging help sync init` is typed: that page.
            let words = s.cmd().arg("man").args(&path).output().expect("runs");
            assert_eq!(String::from_utf8_lossy(&words.stdout), roff, "judging man {}", path.join(" "));
        }
    }
    let out = s.cmd().arg("sync").env("COLUMNS", "40").output().expect("runs");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.lines().any(|l| l == "  judging sync init --config event/judging.toml") && !err.contains('\u{a0}'),
        "{err}"
    );
}

/// A store given by --db that has never been pulled says to pull into it: the hint had said
/// `judging pull`, which pasted fills the default store, and the next `list --db` failed again.
#[test]
fn the_pull_hint_fills_the_store_that_was_named() {
    let s = Sandbox::new();
    let err = clean_failure(&s.cmd().args(["list", "--db", "my store.db"]).output().expect("runs"));
    let hint = err.split('`').nth(1).expect("a command in backquotes");
    assert_eq!(hint, "judging pull --db 'my store.db'", "{err}");
    let out = pasted(&s, hint);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    s.cmd().args(["list", "--db", "my store.db"]).assert().success().stdout(predicate::str::contains("sprout-sense"));
}

/// A file that is not there is said with what to do, not only the system's words: a relative
/// path is read from the current folder, which is named (a command run from another folder, or
/// a mistyped name, is the usual cause); an absolute one names its folders. The export and an
/// event file (`--config`) alike.
#[test]
fn a_missing_file_says_where_it_was_looked_for() {
    let s = Sandbox::new();
    let here = std::fs::canonicalize(s.path()).expect("canonical");
    let said = format!("(read from the current folder, {}: check the name, or give the whole path)", here.display());
    for (args, named) in [
        (&["pull", "--from", "nosuch.csv"][..], "cannot read nosuch.csv:"),
        (&["--config", "nosuch.toml", "check"], "cannot read nosuch.toml"),
    ] {
        let stderr = clean_failure(&s.cmd().args(args).output().expect("runs"));
        assert!(stderr.contains(named) && stderr.contains(&said), "{args:?}: {stderr}");
    }
    let stderr = clean_failure(&s.cmd().args(["pull", "--from", "/nosuch/x.csv"]).output().expect("runs"));
    assert!(
        stderr.contains("cannot read /nosuch/x.csv") && stderr.contains("(check the name and its folders)"),
        "{stderr}"
    );
}

/// A file given bare to a command that takes it by an option is answered with the command that
/// takes it, ready to paste: clap had said only "unexpected argument 'nosuch.toml' found".
#[test]
fn a_file_given_bare_is_answered_with_its_option() {
    let s = Sandbox::new();
    for (args, tip) in [
        (&["check", "nosuch.toml"][..], "tip: give the file with --config: judging check --config nosuch.toml"),
        (&["pull", "new.csv"], "tip: give the file with --from: judging pull --from new.csv"),
        (&["pull", "rows.jsonl"], "tip: give the file with --from: judging pull --from rows.jsonl"),
        (&["check", "a b.toml"], "tip: give the file with --config: judging check --config 'a b.toml'"),
    ] {
        let out = s.cmd().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(tip), "{args:?}: {stderr}");
    }
    // A word that is no such file is left as clap says it.
    let out = s.cmd().args(["list", "foo"]).output().expect("runs");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("give the file"));
}

/// `judging --help` and the README tell one story: the help opens with the README's three roles,
/// in its words, and the README lists the commands as the help does, each with the help's own
/// line. The help had spoken of judges alone, and the README listed no commands.
#[test]
fn the_help_and_the_readme_tell_one_story() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let plain = |text: &str| text.replace(['`', '*'], "").split_whitespace().collect::<Vec<_>>().join(" ");
    let command = judging::help::command();
    let about = plain(&command.get_long_about().map(ToString::to_string).unwrap_or_default());
    let roles: Vec<&str> = readme.split("\n- **").skip(1).take(3).collect();
    assert_eq!(roles.len(), 3, "the README opens with three roles");
    for role in roles {
        let role = role.split("\n\n").next().unwrap_or_default();
        let first = plain(role.split(". ").next().unwrap_or_default().trim_end_matches(['.', '\n']));
        assert!(about.contains(&first), "the help's opening lacks the README's {first:?}:\n{about}");
    }
    let listed: Vec<String> = readme
        .split("<!-- The commands, as `judging --help` lists them: a test compares the two. -->")
        .nth(1)
        .expect("the README's list of commands")
        .lines()
        .skip(3)
        .take_while(|l| l.starts_with('|'))
        .map(str::to_owned)
        .collect();
    let helped: Vec<String> = command
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .map(|c| {
            let about = c.get_about().map(ToString::to_string).unwrap_or_default();
            format!("| `{}` | {} |", c.get_name(), plain(&about))
        })
        .collect();
    assert_eq!(listed, helped, "the README's list of commands and the help's");
}

/// A command given without what it needs says what each missing argument is, in its help's
/// words, and the other way to give it where there is one: `judging merge` had said only that
/// `<FILE>...` was not provided (of what, and that --from-hub would do instead, it left to the
/// examples).
#[test]
fn a_missing_argument_is_said_with_what_to_give() {
    let s = Sandbox::new();
    for (args, tips) in [
        (
            &["merge"][..],
            &["tip: <FILE>...: the judges' score files", "or --from-hub: collect the score files from the [sync] repo"]
                [..],
        ),
        (&["feedback"], &["tip: --output <DIR>: the folder to write into", "tip: <FILE>...: the judges' score files"]),
        (&["compare", "a"], &["tip: <B>: the other's", "tip: --winner <A|B|level>: the better of the two"]),
        (&["completions"], &["tip: <SHELL>: the shell: bash, elvish, fish, powershell or zsh"]),
    ] {
        let out = s.cmd().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        for tip in tips {
            assert!(err.contains(tip), "{args:?}: {tip}:\n{err}");
        }
        assert!(err.contains("Examples:"), "{args:?}:\n{err}");
    }
}

/// A [[criteria]] row with a bad value and a key missing: `check` says every problem in one run
/// (the missing key in the file's words, with what to give), checks the prizes against the
/// file's own criteria, not the built-in rubric's, and says an event without tracks has none.
/// Mended, its first line counts in words that agree ("1 criterion", "1 judge").
#[test]
fn check_says_every_problem_of_a_broken_row_in_one_run() {
    let s = Sandbox::new();
    s.file("export.csv", &format!("{HEADER}\na,A,,,{SPACE}/a,,,,,,,\n"));
    let toml = |weight: &str, judges: &str, track: &str, criterion: &str| {
        format!(
            "[event]\nid = \"mini\"\nname = \"Mini\"\n[export]\nsource = \"export.csv\"\n[[criteria]]\nid = \"utility\"\n\
             label = \"Utility\"\n{judges}scale = [1, 5]\nweight = {weight}\nlevels = [\"a\",\"b\",\"c\",\"d\",\"e\"]\n\
             [[judges]]\nname = \"ana\"\nconflicts = []\ntracks = [{track}]\n[[prizes]]\nid = \"p\"\nname = \"P\"\n\
             amounts = [100]\nby = \"criterion\"\ncriterion = \"{criterion}\"\n"
        )
    };
    s.file("judging.toml", &toml("\"2\"", "", "\"backyrd\"", "latency"));
    let err = clean_failure(&s.cmd().arg("check").output().expect("runs"));
    for want in [
        "4 problems",
        "line 6 (`[[criteria]]`): criteria[0] (\"utility\") needs `judges`: what it judges, in one sentence, such as judges = ",
        "line 10 (`weight = \"2\"`): the text \"2\", where a number is needed",
        "judges[0].tracks: \"backyrd\" is not a track; this event has no tracks: declare each in judging.toml as [[tracks]]",
        "prizes[0] (\"p\").criterion = \"latency\"",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(!err.contains("missing field") && !err.contains("known tracks"), "{err}");
    s.file("judging.toml", &toml("2", "judges = \"How useful it is.\"\n", "", "utility"));
    s.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("judging.toml: ok: event \"mini\", 1 criterion, 0 tracks, 1 judge\n"));
}

/// A row given a stand-in for a key it lacks (so that the rest of judging.toml is still
/// checked) has its other problems said in the same run: a prize without its `id` had its track
/// that is no track said only once the id was mended, as had a criterion's. What rests on a
/// stand-in (the rubric's criteria, a row's name) is said of nothing, and no stand-in shows.
#[test]
fn check_says_a_rows_other_problems_beside_a_key_it_lacks() {
    let s = Sandbox::new();
    s.file(
        "judging.toml",
        "[event]\nid = \"mini\"\nname = \"Mini\"\n\
         [[criteria]]\nidd = \"utility\"\nlabel = \"Utility\"\njudges = \"How useful.\"\nscale = [1, 5]\nweight = 1.0\ntracks = [\"forest\"]\n\
         [[criteria]]\nid = \"speed\"\nlabel = \"Speed\"\njudges = \"How fast.\"\nscale = [1, 5]\nweight = 1.0\n\
         [[tracks]]\nid = \"wood\"\nname = \"Wood\"\n\
         [[judges]]\nnam = \"ana\"\ntracks = [\"lake\"]\n\
         [[prizes]]\nidd = \"p\"\nname = \"P\"\namounts = [100]\ntrack = \"forest\"\n\
         [[prizes]]\nid = \"q\"\nname = \"Q\"\namounts = [100]\nby = \"criterion\"\ncritrion = \"speed\"\ntrack = \"meadow\"\n",
    );
    let err = clean_failure(&s.cmd().arg("check").output().expect("runs"));
    for want in [
        "criteria[0] needs `id`",
        "unknown field `idd`",
        "criteria[0].tracks: \"forest\" is not a track; the tracks are wood",
        "judges[0] needs `name`",
        "judges[0].tracks: \"lake\" is not a track; the tracks are wood",
        "prizes[0] (\"P\") needs `id`",
        "prizes[0].track = \"forest\" is not a track; the tracks are wood",
        "unknown field `critrion`",
        "prizes[1] (\"q\"): by = \"criterion\" needs criterion",
        "prizes[1] (\"q\").track = \"meadow\" is not a track; the tracks are wood",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(!err.contains("\"?\"") && !err.contains("missing field"), "a stand-in shows: {err}");
    // The rubric's criteria rest on a stand-in id: what names them does not list it.
    assert!(!err.contains("one of ?") && !err.contains(", ?") && !err.contains("has ?"), "{err}");
    // Its only criterion's id a stand-in, a prize by criterion is told what to name all the same.
    s.file(
        "judging.toml",
        "[event]\nid = \"mini\"\nname = \"Mini\"\n\
         [[criteria]]\nidd = \"utility\"\nlabel = \"Utility\"\njudges = \"How useful.\"\nscale = [1, 5]\nweight = 1.0\n\
         [[prizes]]\nid = \"p\"\nname = \"P\"\namounts = [100]\nby = \"criterion\"\n",
    );
    let err = clean_failure(&s.cmd().arg("check").output().expect("runs"));
    assert!(
        err.contains("prizes[0] (\"p\"): by = \"criterion\" needs criterion = the id of one of [[criteria]]\n"),
        "{err}"
    );
}

/// Every usage error ends with the examples of the command it is of, whatever its kind: a value
/// out of range, an argument too many, a command `help` does not know; an option's value that
/// is a command's name is not taken for the command (merge's examples had followed
/// `--judge merge import-scores`). `help --help` has its examples, as every command's help.
#[test]
fn every_kind_of_usage_error_ends_with_its_commands_examples() {
    let s = Sandbox::new();
    let cases: [(&[&str], &str, &str); 5] = [
        (&["assign", "-k", "0", "--dry-run"], "0 is not in 1..=65535", "  judging assign --dry-run"),
        (
            &["--judge", "mira", "import-scores", "s.csv", "s.csv"],
            "unexpected argument",
            "  judging import-scores my-scores.csv",
        ),
        (&["--judge", "merge", "import-scores", "s.csv"], "a command's name", "  judging import-scores my-scores.csv"),
        (&["help", "lst"], "unrecognized subcommand 'lst'", "  judging help merge"),
        (&["list", "--limit"], "--limit", "  judging list --assigned"),
    ];
    for (args, said, example) in cases {
        let out = s.cmd().args(args).output().expect("runs");
        let err = clean_failure(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said) && err.contains("Examples:\n  # ") && err.contains(example), "{args:?}: {err}");
        assert!(!err.contains("judging merge scores-*.json"), "{args:?}: another command's examples: {err}");
    }
    let out = s.cmd().args(["help", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && help.contains("Examples:\n  # ") && help.contains("  judging help merge\n"),
        "{help}"
    );
}

/// `-a` is no short form: `ls -a` and `ps -a` have taught it as "all", and `list` has both
/// `--all` and `--assigned`; `list -a` had quietly meant the second.
#[test]
fn list_takes_no_a_that_could_read_as_all() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.cmd().args(["--judge", "mira", "list", "-a"]).assert().code(2);
    s.cmd().args(["--judge", "mira", "list", "--all"]).assert().success();
}

/// An export with nothing scored is written, as the judge may mean it, but said: "0 scores"
/// alone had read as a file like any other.
#[test]
fn an_export_with_nothing_scored_warns() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    let out = s.cmd().args(["--judge", "mira", "export"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("warning: nothing is scored yet"), "{stderr}");
    assert!(s.path().join("scores-build-small-2026-mira.json").exists());
    s.cmd().args(["--judge", "mira", "score", "sprout-sense", "utility=4"]).assert().success();
    let out = s.cmd().args(["--judge", "mira", "export"]).output().expect("runs");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("nothing is scored"));
}

/// A two-criteria event of its own, for the checks of judging.toml's prizes.
const MINI: &str = "[event]\nid = \"mini\"\nname = \"Mini\"\n\
     [[criteria]]\nid = \"utility\"\nlabel = \"Utility\"\njudges = \"How useful.\"\nscale = [1, 5]\nweight = 1.0\n\
     [[criteria]]\nid = \"speed\"\nlabel = \"Speed\"\njudges = \"How fast.\"\nscale = [1, 5]\nweight = 1.0\n";

/// A prize's criterion mistyped is said with the criterion it looks like, as other typos are
/// (`criterion = "utilty"` had been told only the rubric's ids).
#[test]
fn check_says_the_criterion_a_prizes_mistyped_criterion_looks_like() {
    let s = Sandbox::new();
    let event = MINI;
    s.file(
        "judging.toml",
        &format!(
            "{event}[[prizes]]\nid = \"p\"\nname = \"P\"\namounts = [100]\nby = \"criterion\"\ncriterion = \"utilty\"\n"
        ),
    );
    let err = clean_failure(&s.cmd().arg("check").output().expect("runs"));
    assert!(
        err.contains("prizes[0] (\"p\").criterion = \"utilty\" is not a criterion; the rubric has utility, speed; did you mean utility?"),
        "{err}"
    );
}

/// A judge's declared conflict that names no entry of the export bars them from nothing: one an
/// entry's name looks like (a typo) fails `check`, at its line with the name it looks like; one
/// like nothing is a warning, as the entry may not have come in yet. A typo had passed "Ready.".
#[test]
fn check_says_a_conflict_that_names_no_entry() {
    let s = Sandbox::new();
    let event = judging::config::BUILTIN.replace("conflicts = [\"Moss & Lichen\"]", "conflicts = [\"Mos & Lichen\"]");
    assert_ne!(event, judging::config::BUILTIN, "the built-in event names Moss & Lichen");
    s.file("judging.toml", &event);
    let out = s.cmd().arg("check").output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(stdout.contains("1 conflict that names no entry"), "{stdout}");
    let line = stdout.lines().find(|l| l.contains("names no entry, team")).unwrap_or_default();
    assert!(
        line.starts_with(
            "  judging.toml: line 260 (`conflicts = [\"Mos & Lichen\"]`): judges[1] (\"tomas\").conflicts"
        ),
        "{stdout}"
    );
    assert!(line.contains("(did you mean \"Moss & Lichen\"?), so it bars \"tomas\" from nothing"), "{stdout}");
    // A name like no entry's: a warning; the event is ready.
    s.file("judging.toml", &event.replace("Mos & Lichen", "Team Yet To Enter"));
    let out = s.cmd().arg("check").output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("  warning: judging.toml: line 260"), "{stdout}");
    s.cmd().args(["check", "--strict"]).assert().failure();
    // The built-in event's conflicts all name entries of its sample.
    s.file("judging.toml", judging::config::BUILTIN);
    s.cmd().arg("check").assert().success().stdout(predicate::str::contains("names no entry").not());
}

/// A prize's `by` that is no way to rank is said once, at its line, not again as a criterion
/// "only read with by = \"criterion\"" (its value left out, `by` had read as the default): a
/// problem another in the same row causes is not said. Nor is a criterion refused said again
/// as missing.
#[test]
fn check_says_a_refused_by_once_not_again_as_a_knock_on() {
    let s = Sandbox::new();
    let event = MINI;
    s.file(
        "judging.toml",
        &format!(
            "{event}[[prizes]]\nid = \"p\"\nname = \"P\"\namounts = [100]\nby = \"criteria\"\ncriterion = \"utility\"\n"
        ),
    );
    let err = clean_failure(&s.cmd().arg("check").output().expect("runs"));
    assert!(err.contains("by = \"criteria\"") && err.contains("did you mean `criterion`?"), "{err}");
    assert!(!err.contains("only read with"), "a knock-on of the bad by: {err}");
    // A criterion refused (a number) is said at its line, not again as missing.
    s.file(
        "judging.toml",
        &format!("{event}[[prizes]]\nid = \"p\"\nname = \"P\"\namounts = [100]\nby = \"criterion\"\ncriterion = 5\n"),
    );
    let err = clean_failure(&s.cmd().arg("check").output().expect("runs"));
    assert!(err.contains("(`criterion = 5`)") && err.contains("1 problem:"), "{err}");
    assert!(!err.contains("needs criterion"), "a knock-on of the refused criterion: {err}");
}

/// `--format markdown` is `--format md`, as the README and the brief say "Markdown": it had been
/// refused as an invalid value.
#[test]
fn markdown_is_a_format_by_its_whole_name_too() {
    let s = Sandbox::new();
    for command in ["merge", "results"] {
        let out = s.cmd().args([command, "--format", "markdown", "nope.json"]).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("invalid value"), "{command}: {err}");
        assert_eq!(out.status.code(), Some(1), "{command}: past the usage, as md is: {err}");
        let wrong = s.cmd().args([command, "--format", "markdwn", "nope.json"]).output().expect("runs");
        assert_eq!(wrong.status.code(), Some(2), "{command}");
    }
}

/// No message that quotes a line of judging.toml prints a judge's secret key: not the parser's
/// syntax error (a value left unclosed), not a key set twice, not a mistyped `Key`, whether
/// `check` or any other command reads the file. Only `line 6 (…)` had hidden it.
#[test]
fn a_secret_key_is_never_quoted_from_judging_toml() {
    let s = Sandbox::new();
    let judge = "[[judges]]\nname = \"ana\"\n";
    for (toml, said) in [
        (format!("{judge}key = \"TOPSECRET-abcdef\n"), "TOML"),
        (format!("{judge}key = \"TOPSECRET-one\"\nkey = \"TOPSECRET-two\"\n"), "set twice"),
        (format!("{judge}Key = \"TOPSECRET-abcdef\"\n"), "Key"),
    ] {
        s.file("judging.toml", &toml);
        for args in [&["check", "--offline"][..], &["--judge", "ana", "list"][..]] {
            let out = s.cmd().args(args).output().expect("runs");
            let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(!out.status.success(), "{args:?} refuses it: {all}");
            assert!(all.contains(said), "{args:?}: {all}");
            assert!(
                all.contains("key = \"…\"") || all.contains("Key = \"…\""),
                "the line is quoted, the key hidden: {all}"
            );
            assert!(!all.contains("TOPSECRET"), "{args:?} printed the secret: {all}");
        }
    }
}
