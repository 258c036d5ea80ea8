//! The files a command is given, checked before anything is read or merged, by every command
//! that takes the judges' score files (merge, results, feedback, status): a file given twice,
//! a folder, a saved merge where the command cannot use it, a file that is not there.

mod common;

use common::Sandbox;
use predicates::prelude::*;

fn head(s: &Sandbox) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.args(["--judge", "head"]);
    cmd
}

/// A pulled store, a judge's file and a merge of it saved as JSON.
fn event() -> (Sandbox, std::path::PathBuf, std::path::PathBuf) {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = common::score_file(&s, "scores-mira.json", |_| {});
    let saved = s.path().join("m.json");
    head(&s).args(["merge", "--format", "json", "-o"]).arg(&saved).arg(&file).assert().success();
    (s, file, saved)
}

/// Feedback given a saved merge says what it needs (the judges' score files) and that results
/// reads a saved merge; it had told the user to give the merge to results "on its own", which
/// is no help to someone making the teams' pages.
#[test]
fn feedback_given_a_saved_merge_says_it_needs_the_score_files() {
    let (s, _, saved) = event();
    let dir = s.path().join("pages");
    head(&s).arg("feedback").arg(&saved).arg("-o").arg(&dir).assert().failure().stderr(
        predicate::str::contains("m.json: a saved merge")
            .and(predicate::str::contains("feedback writes each team's page"))
            .and(predicate::str::contains("give the judges' score files"))
            .and(predicate::str::contains("`judging results"))
            .and(predicate::str::contains("on its own").not()),
    );
    assert!(!dir.exists(), "nothing written");
}

/// A file given twice is read once and said once, in every command: `results m.json m.json` had
/// refused the merge twice as "give it to judging results on its own", then "2 of 2 files
/// refused".
#[test]
fn a_file_given_twice_is_read_once_and_said_once() {
    let (s, file, saved) = event();
    let once = head(&s).arg("results").arg(&saved).output().expect("runs");
    let twice = head(&s).arg("results").arg(&saved).arg(&saved).assert().success();
    let err = String::from_utf8_lossy(&twice.get_output().stderr).into_owned();
    assert_eq!(err.matches("m.json was given twice: read once").count(), 1, "{err}");
    assert!(!err.contains("refused"), "{err}");
    assert_eq!(twice.get_output().stdout, once.stdout, "the same results as from the file once");
    // By other paths to the same file (spelled otherwise, a hard link to it), four times.
    let dotted = s.path().join(".").join("scores-mira.json");
    let linked = s.path().join("mira-again.json");
    std::fs::hard_link(&file, &linked).expect("hard link");
    for command in [&["merge"][..], &["status"], &["results"]] {
        let out = head(&s).args(command).arg(&file).arg(&dotted).arg(&file).arg(&linked).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.matches("scores-mira.json was given 4 times (also as ").count(), 1, "{command:?}: {err}");
        // Its other names are named, each once, so the one the judge typed is recognised.
        let said = err.lines().find(|l| l.contains("was given 4 times")).unwrap_or_default();
        assert!(said.ends_with("mira-again.json): read once"), "{command:?}: {said}");
        assert_eq!(said.matches("json").count(), 2, "the first name and the link's: {command:?}: {said}");
        assert!(!err.contains("in two files"), "{command:?}: {err}");
    }
}

/// A folder given as a score file is refused before anything is read, with the glob of its files
/// to give instead: status had printed its table's header and "No file yet" first, and neither
/// it nor merge said what to give.
#[test]
fn a_folder_is_refused_first_with_the_glob_of_its_files() {
    let (s, _, _) = event();
    let folder = s.path().join("judges dir");
    std::fs::create_dir(&folder).expect("mkdir");
    for command in ["merge", "status", "results", "feedback"] {
        let mut cmd = head(&s);
        cmd.arg(command).arg(&folder);
        if command == "feedback" {
            cmd.arg("-o").arg(s.path().join("pages"));
        }
        let out = cmd.assert().failure();
        let out = out.get_output();
        assert!(out.stdout.is_empty(), "{command}: nothing printed before: {:?}", String::from_utf8_lossy(&out.stdout));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("is a folder, and `judging {command}` reads score files")), "{command}: {err}");
        assert!(err.contains("'/*.json"), "{command}: the folder quoted, the glob left to the shell: {err}");
        assert!(!err.contains("refused"), "{command}: {err}");
    }
}

/// What a command writes is checked before the files are read and merged, with what to do:
/// feedback's -o naming a file had said "cannot make r.csv: File exists" after the whole merge,
/// and merge -o in a folder that takes no file (/proc) "No such file or directory" after it.
#[test]
fn an_output_that_cannot_be_written_is_said_before_the_merge() {
    let (s, file, _) = event();
    let taken = s.file("r.csv", "a spreadsheet\n");
    let out = head(&s).arg("feedback").arg(&file).arg("-o").arg(&taken).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("r.csv is a file, and `judging feedback` writes the teams' pages"), "{err}");
    assert!(err.contains("give the path of a folder"), "{err}");
    assert!(!err.contains("warning"), "said before the merge, which warns: {err}");
    assert_eq!(std::fs::read_to_string(&taken).expect("read"), "a spreadsheet\n", "left as it was");
    // A folder inside that file cannot be made either.
    let under = taken.join("pages");
    head(&s).arg("feedback").arg(&file).arg("-o").arg(&under).assert().failure().stderr(
        predicate::str::contains("r.csv is a file, and `judging feedback` writes")
            .and(predicate::str::contains("warning").not()),
    );
    if std::path::Path::new("/proc/self").is_dir() {
        for command in ["merge", "results"] {
            head(&s).arg(command).arg(&file).args(["-o", "/proc/m.txt"]).assert().failure().stderr(
                predicate::str::contains("cannot write /proc/m.txt: the folder /proc takes no new file")
                    .and(predicate::str::contains("give a path in a folder you can write"))
                    .and(predicate::str::contains("warning").not()),
            );
        }
    }
}

/// A file that is not there is said in one wording whichever command is given it: results had
/// said "cannot read nope.json / because: No such file or directory" where merge said "check
/// the path".
#[test]
fn a_missing_file_is_said_alike_by_every_command() {
    let (s, _, _) = event();
    let said = |command: &str| {
        let out = head(&s).current_dir(s.path()).args([command, "nope.json"]).assert().failure();
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        err.lines().find(|l| l.contains("nope.json")).map_or_else(|| panic!("{command}: {err}"), str::to_owned)
    };
    let merge = said("merge");
    assert!(merge.contains("cannot read nope.json: no such file or directory (read from"), "{merge}");
    assert!(merge.contains("read from the current folder"), "{merge}");
    for command in ["results", "status"] {
        assert_eq!(said(command), merge, "{command}");
    }
    // The event's own files are said in the same words.
    let out = head(&s).current_dir(s.path()).args(["merge", "--config", "nope.toml", "nope.json"]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("cannot read nope.toml: no such file or directory (read from the current folder"), "{err}");
}

/// `merge --entry` with an id the store does not have is refused before the files are read and
/// merged: it had run the whole merge and printed its warnings first.
#[test]
fn an_entry_the_store_does_not_have_is_refused_before_the_merge() {
    let (s, file, _) = event();
    let out = head(&s).arg("merge").arg(&file).args(["--entry", "sprout-sens"]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("--entry \"sprout-sens\": no such entry among the store's submissions in play"), "{err}");
    assert!(err.contains("Did you mean: sprout-sense?"), "{err}");
    assert!(!err.contains("warning"), "the merge warns; nothing was merged: {err}");
    assert!(out.get_output().stdout.is_empty());
    // An entry the store has is merged and shown as ever.
    head(&s).arg("merge").arg(&file).args(["--entry", "sprout-sense"]).assert().success();
}
