//! What a command writes never replaces what it reads: `-o` naming a score file given, the
//! judge's store, or a file of the event is refused before anything is written. And a line of
//! progress never stays on the terminal once its work is done.

mod common;

use std::path::Path;
use std::time::Duration;

use common::Sandbox;

/// The built-in event as a judging.toml of the sandbox's own, mira's store at `m.db` with one
/// entry scored, the head judge's store pulled, and two judges' score files.
fn an_event() -> Sandbox {
    let s = Sandbox::new();
    s.file("judging.toml", judging::config::BUILTIN);
    s.file("decisions.toml", "# the head judge's decisions on ties\n");
    s.cmd().args(["--judge", "mira", "--db", "m.db", "pull"]).assert().success();
    let score = ["--judge", "mira", "--db", "m.db", "score", "pantry-poet", "utility=4", "latency=3", "cost=3"];
    s.cmd().args(score).assert().success();
    s.cmd().args(["--judge", "mira", "--db", "m.db", "export", "-o", "scores-mira.json"]).assert().success();
    common::score_file(&s, "scores-dana.json", |b| b.judge = "dana".into());
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "--db", "h.db", "pull"]).assert().success();
    std::os::unix::fs::symlink("scores-dana.json", s.path().join("dana-link.json")).expect("symlink");
    s
}

/// Each command that writes a file (`merge`, `results`, `export`, `assign`) refuses an `-o` that
/// is a file it reads or keeps, by any name: a score file given, the store in use (from --db or
/// JUDGING_DB, and the files SQLite keeps beside it), judging.toml, the decisions, the
/// assignments. It says which, and what to do, exits 1, and the file is as it was: a merge had
/// replaced a judge's score file, and `export -o m.db` mira's whole store, exit 0.
#[test]
fn an_output_that_is_one_of_the_commands_inputs_is_refused_and_left_as_it_was() {
    let s = an_event();
    let merge = ["--judge", "head", "merge", "scores-mira.json", "scores-dana.json"];
    let results = ["--judge", "head", "results", "scores-mira.json", "scores-dana.json"];
    let export = ["--judge", "mira", "--db", "m.db", "export"];
    // Each: the arguments, the JUDGING_DB set, the -o given, and what it is said to be.
    let cases: Vec<(Vec<&str>, Option<&str>, &str, &str)> = vec![
        ([&merge[..], &["--format", "json"]].concat(), None, "scores-dana.json", "is a score file given to this merge"),
        (merge.to_vec(), None, "./scores-mira.json", "is a score file given to this merge"),
        (merge.to_vec(), None, "dana-link.json", "(the same file as scores-dana.json) is a score file given"),
        ([&results[..], &["--format", "csv"]].concat(), None, "scores-mira.json", "is a file given to these results"),
        (export.to_vec(), None, "m.db", "is mira's store"),
        (export.to_vec(), None, "m.db-wal", "is the write-ahead log of mira's store"),
        (export.to_vec(), None, "m.db.lock", "is the app's lock on mira's store"),
        (export.to_vec(), None, "judging.toml", "is the event's settings in use (judging.toml)"),
        (merge.to_vec(), Some("h.db"), "h.db", "is head's store"),
        (results.to_vec(), None, "decisions.toml", "is the head judge's decisions on ties"),
        (
            [&results[..], &["--decisions", "decisions.toml"]].concat(),
            None,
            "decisions.toml",
            "is the head judge's decisions on ties",
        ),
        // --force replaces an assignments file, never a file of the event's.
        (vec!["--judge", "head", "assign", "--force"], None, "judging.toml", "is the event's settings in use"),
        (vec!["--judge", "head", "--db", "h.db", "assign", "--force"], None, "h.db", "is head's store"),
    ];
    for (args, db, output, said) in cases {
        let target = s.path().join(output);
        let before = std::fs::read(&target).ok();
        let mut cmd = s.cmd();
        if let Some(db) = db {
            cmd.env("JUDGING_DB", db);
        }
        let out = cmd.args(&args).args(["-o", output]).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?} -o {output}: {stderr}");
        assert!(stderr.contains(&format!("-o {output}")), "names the path: {stderr}");
        assert!(stderr.contains(said), "{args:?} -o {output}: says which input: {stderr}");
        assert!(stderr.contains("choose another file for -o"), "says what to do: {stderr}");
        assert!(out.stdout.is_empty(), "nothing printed: {}", String::from_utf8_lossy(&out.stdout));
        assert_eq!(std::fs::read(&target).ok(), before, "{args:?} -o {output}: the file is as it was");
    }
    // The store is still mira's, with her score.
    let list = s.cmd().args(["--judge", "mira", "--db", "m.db", "list", "--format", "json"]).output().expect("runs");
    assert!(list.status.success() && String::from_utf8_lossy(&list.stdout).contains("pantry-poet"));
    // Another file is written as before; `assign -o` may name the assignments' own file.
    s.cmd().args(merge).args(["-o", "merged.txt"]).assert().success();
    s.cmd().args(["--judge", "head", "assign", "-o", "assignments.toml"]).assert().success();
}

/// The shell command `line` in a pseudo-terminal (the binary is `$APP`): what the terminal shows
/// once it ends, as a terminal emulator draws it.
fn on_a_terminal(s: &Sandbox, line: &str) -> String {
    let bytes = common::shell_on_a_pty(s.path(), line, (40, 120)).ended_within(Duration::from_secs(30), line);
    let size = |n| std::num::NonZeroU16::new(n).expect("non-zero");
    let mut screen = vt100::Parser::new(size(40), size(120), 0);
    screen.process(&bytes);
    screen.screen().contents()
}

/// `results` on a terminal, its output redirected, to a file, from a saved merge, or for the
/// public, leaves no line of progress on the terminal, as `merge` leaves none: "Applying 8
/// prizes to 40 ranked entries…" had stayed above the shell's next prompt (printed, never
/// cleared).
#[test]
fn no_line_of_progress_stays_on_the_terminal_once_results_or_merge_end() {
    let s = an_event();
    let files = "scores-mira.json scores-dana.json";
    s.cmd()
        .args([
            "--judge",
            "head",
            "merge",
            "scores-mira.json",
            "scores-dana.json",
            "--format",
            "json",
            "-o",
            "saved.json",
        ])
        .assert()
        .success();
    for run in [
        format!("results {files} > /dev/null"),
        format!("results {files} -o r.html --format html"),
        "results saved.json > /dev/null".to_owned(),
        format!("results --public {files} > /dev/null"),
        format!("merge {files} > /dev/null"),
    ] {
        let line = format!("\"$APP\" --judge head {run}; echo \"rc=$?\"");
        let text = on_a_terminal(&s, &line);
        assert!(text.contains("rc=0"), "{run}: {text}");
        for progress in ["Applying", "Reading 2 score files", "Merging"] {
            assert!(!text.contains(progress), "{run}: the line {progress:?} is left on the terminal:\n{text}");
        }
    }
    assert!(Path::new(&s.path().join("r.html")).exists());
}

/// A line that says work is under way ("Applying 8 prizes…") is a line of progress, drawn by
/// `judging::progress` and cleared when the work ends, whatever ends it: never printed on
/// standard error, where it stays. `results` had printed its "Applying …" so.
#[test]
fn no_line_of_progress_is_printed_where_it_would_stay() {
    fn each_rust_file(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                each_rust_file(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    each_rust_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut printed = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("utf-8 source");
        for (at, _) in text.match_indices("eprint") {
            let call = &text[at..];
            let call = &call[..call.find(");").unwrap_or(call.len())];
            if call.contains("…\"") || call.contains("...\"") {
                printed.push(format!("{}: {}", file.display(), call.lines().take(3).collect::<String>()));
            }
        }
    }
    assert!(printed.is_empty(), "a line of progress printed, not drawn by judging::progress:\n{}", printed.join("\n"));
}
