//! What the binary writes, when its readers go away or two of it write one file at once.

mod common;

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::Stdio;

use common::Sandbox;

/// The binary in the sandbox's clean environment, as `Sandbox::cmd`, with std's `Command` so
/// that its standard streams can be any pipe.
fn command(s: &Sandbox) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_judging"));
    cmd.current_dir(s.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", s.path())
        .env("XDG_DATA_HOME", s.path().join("data"))
        .env("XDG_CONFIG_HOME", s.path().join("config"))
        .env("USER", "tester");
    cmd
}

/// A pipe whose reading end is already closed: the first write to it fails with EPIPE.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    writer
}

/// Runs the binary with `args`, its standard output a closed pipe and its standard error
/// `stderr`.
fn run_into_closed_pipe(s: &Sandbox, args: &[&str], stderr: Stdio) -> std::process::Output {
    let mut cmd = command(s);
    cmd.args(args).stdin(Stdio::null()).stdout(closed_pipe()).stderr(stderr);
    cmd.output().expect("runs")
}

/// The sample pulled, one entry scored and its score file exported as tester.json: something
/// for every command to print.
fn one_entry_scored() -> Sandbox {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    s.cmd().args(["score", "sprout-sense", "utility=3", "latency=2", "cost=2"]).assert().success();
    s.cmd().args(["export", "-o", "tester.json"]).assert().success();
    s
}

/// As `ls | head` does: the reader left, so the writer ends at once, by SIGPIPE, saying nothing.
#[test]
fn a_closed_output_pipe_ends_every_command_quietly() {
    let s = one_entry_scored();
    let commands: [&[&str]; 8] = [
        &["list"],
        &["completions", "bash"],
        &["man"],
        &["list", "--format", "json"],
        &["--help"],
        &["check"],
        &["merge", "--format", "csv", "tester.json"],
        &["results", "--format", "md", "tester.json"],
    ];
    for args in commands {
        let out = run_into_closed_pipe(&s, args, Stdio::piped());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("internal error") && !stderr.contains("error:"), "{args:?}: {stderr}");
        // Help too: it is written by judging, not by clap's exit, which ended 0 whatever became
        // of the text.
        assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{args:?}: ended by SIGPIPE, as ls | head: {stderr}");
        if args[0] == "list" || args[0] == "--help" {
            assert!(stderr.is_empty(), "{args:?} says nothing: {stderr}");
        }
    }
    // Both pipes closed: no abort (134) from a panic that could not print.
    let (reader, stderr) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = run_into_closed_pipe(&s, &["list"], Stdio::from(stderr));
    assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{:?}", out.status);
}

/// A full disk under standard output (`judging list > /dev/full`) is an error that says so, exit
/// 1, not "internal error ... Please report it" (exit 101) from `print!`'s panic, nor a silent
/// success.
#[test]
fn a_full_disk_under_the_output_is_said_as_an_error() {
    let s = one_entry_scored();
    let commands: [&[&str]; 8] = [
        &["list"],
        &["merge", "tester.json"],
        &["completions", "bash"],
        &["man"],
        &["check"],
        &["--help"],
        &["-V"],
        &["merge", "--help"],
    ];
    for args in commands {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let out = command(&s).args(args).stdin(Stdio::null()).stdout(full).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("No space left on device") && !stderr.contains("internal error"), "{args:?}: {stderr}");
    }
}

/// Two judges export to one path at the same moment: the file is always one whole export, and
/// both say so truthfully.
#[test]
fn concurrent_exports_to_one_path_leave_one_whole_file() {
    let s = Sandbox::new();
    for (judge, scores) in [("ana", &["utility=3"][..]), ("ben", &["utility=1", "latency=2", "cost=2"])] {
        s.cmd().args(["--judge", judge, "pull"]).assert().success();
        let mut args = vec!["--judge", judge, "score", "sprout-sense"];
        args.extend_from_slice(scores);
        s.cmd().args(&args).assert().success();
    }
    let target = s.path().join("same.json");
    for round in 0..12 {
        let children: Vec<_> = ["ana", "ben"]
            .iter()
            .map(|judge| {
                command(&s)
                    .args(["--judge", judge, "export", "-o"])
                    .arg(&target)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawns")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("waits");
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let text = std::fs::read_to_string(&target).expect("read");
        let file: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("round {round}: not one whole export: {e}"));
        assert!(["ana", "ben"].contains(&file["body"]["judge"].as_str().unwrap_or_default()), "{text}");
    }
    let names: Vec<String> = std::fs::read_dir(s.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("same.json"))
        .collect();
    assert_eq!(names, ["same.json"], "no temporary file left");
}

/// The judge's app with its output redirected (a file, or a pipe whose reader already left): it
/// has no screen to draw on, so it says so and touches nothing. It had switched the terminal to
/// its full screen and back, writing those escape sequences into the file.
#[test]
fn the_app_with_its_output_not_a_terminal_says_so_and_leaves_the_terminal_alone() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    let fifo = s.path().join("out.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    // The shell opens the FIFO for the app's output, then runs it; the test reads the FIFO only
    // to close it, so the app's first write finds no reader. Then: how it ended, and the terminal.
    let line = "\"$APP\" --judge tester > out.fifo; echo \"app=$?\"; \"$APP\" --judge tester > out.txt; echo \"file=$?\"; stty -a";
    let run = common::shell_on_a_pty(s.path(), line, (30, 100));
    drop(std::fs::File::open(&fifo).expect("open the FIFO for reading"));
    let text = String::from_utf8_lossy(&run.ended_within(std::time::Duration::from_secs(20), "the app")).into_owned();
    assert!(text.contains("app=1") && text.contains("file=1"), "{text}");
    assert!(text.contains("standard output is not a terminal") && !text.contains("internal error"), "{text}");
    assert!(!text.contains("-icanon"), "the terminal is in its usual mode: {text}");
    let file = std::fs::read(s.path().join("out.txt")).expect("the redirected output");
    assert!(!file.contains(&0x1b), "no escape sequence in the file: {:?}", String::from_utf8_lossy(&file));
}

/// `-o -` is standard output wherever `-o` names a file (export, merge, results, assign): what
/// would have gone into the file is printed, no file named `-` is made, and no "Wrote" line
/// joins it; `assign` then sends its coverage to standard error. It had written a file named
/// `-`, and said "Wrote -". Where `-o` names a folder (feedback, collect; `man --out-dir`), `-`
/// is refused as a usage error.
#[test]
fn a_dash_for_output_is_standard_output_everywhere() {
    let s = one_entry_scored();
    let file = |args: &[&str]| -> String {
        let out = s.cmd().args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(!s.path().join("-").exists(), "{args:?} made a file named -");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(!stdout.contains("Wrote") && !stderr.contains("Wrote"), "{args:?}: {stdout}{stderr}");
        stdout
    };
    let exported = file(&["export", "-o", "-"]);
    let parsed: serde_json::Value = serde_json::from_str(&exported).expect("the score file itself");
    assert_eq!(parsed["body"]["judge"], "tester", "{exported}");
    let merged = file(&["merge", "tester.json", "--format", "json", "-o", "-"]);
    assert!(serde_json::from_str::<serde_json::Value>(&merged).is_ok(), "{merged}");
    let results = file(&["results", "tester.json", "--format", "csv", "-o", "-"]);
    assert_eq!(results, file(&["results", "tester.json", "--format", "csv"]), "as without -o");
    let assigned = s.cmd().args(["assign", "-o", "-"]).output().expect("runs");
    let (toml, coverage) = (String::from_utf8_lossy(&assigned.stdout), String::from_utf8_lossy(&assigned.stderr));
    assert!(assigned.status.success(), "{coverage}");
    assert!(toml.starts_with("# Written by `judging assign`") && toml.contains("[judges]"), "{toml}");
    assert!(coverage.contains("Judges linked") && !coverage.contains("Wrote"), "{coverage}");
    assert!(!s.path().join("-").exists() && !s.path().join("assignments.toml").exists());
    for args in [&["feedback", "tester.json", "-o", "-"][..], &["collect", "-o", "-"], &["man", "--out-dir", "-"]] {
        let out = s.cmd().args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("`-` is standard output") && stderr.contains("give a folder"), "{args:?}: {stderr}");
    }
    assert!(!s.path().join("-").exists());
}

/// Runs the binary with `args` and its standard output closed before it starts, as `judging list
/// >&-` in a shell does.
fn run_with_output_closed(s: &Sandbox, args: &[&str]) -> std::process::Output {
    let mut cmd = command(s);
    cmd.args(args).stdin(Stdio::null()).stderr(Stdio::piped());
    // SAFETY: close is async-signal-safe; it runs in the child, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::close(libc::STDOUT_FILENO);
            Ok(())
        });
    }
    cmd.output().expect("runs")
}

/// Standard output closed before the start (`judging list >&-`) is an error that says so, exit 1,
/// before anything is done: Rust's runtime had put /dev/null in its place, so every command
/// printed into nothing and ended 0, and `score` saved a score its caller was never told of.
#[test]
fn output_closed_before_the_start_is_an_error_before_anything_is_done() {
    let s = one_entry_scored();
    let commands: [&[&str]; 7] = [
        &["list"],
        &["--help"],
        &["-V"],
        &["help", "merge"],
        &["merge", "tester.json"],
        &["score", "pantry-poet", "utility=3"],
        &["export", "-o", "again.json"],
    ];
    for args in commands {
        let out = run_with_output_closed(&s, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: standard output is closed") && stderr.contains("> /dev/null"),
            "{args:?} names the stream and what to give it: {stderr}"
        );
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
    }
    assert!(!s.path().join("again.json").exists(), "export wrote nothing");
    let listed = s.cmd().args(["list", "--format", "json"]).output().expect("runs");
    let listed = String::from_utf8_lossy(&listed.stdout);
    let list: serde_json::Value = serde_json::from_str(&listed).expect("json");
    let pantry = list.as_array().and_then(|a| a.iter().find(|e| e["id"] == "pantry-poet")).cloned();
    assert!(pantry.is_some_and(|p| p.to_string().contains("not started")), "score saved nothing: {listed}");
    // Standard error closed, standard output open: the command runs as before.
    let mut cmd = command(&s);
    cmd.arg("list").stdin(Stdio::null());
    // SAFETY: as above.
    unsafe {
        cmd.pre_exec(|| {
            libc::close(libc::STDERR_FILENO);
            Ok(())
        });
    }
    let out = cmd.output().expect("runs");
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("sprout-sense"));
}
