//! One limit for a score file, whichever way it travels: what merge takes by hand, collect
//! brings back from the Hub, and nothing larger is written.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::Sandbox;
use common::hubrepo::FakeHub;
use judging::model::{ByPart, TextPart};
use judging::scorefile::{self, Body};
use predicates::prelude::*;

const REPO: &str = "judges/scores-2026";
const TOKEN: &str = "hf_secret_token_of_the_test";

/// A valid, unsigned score file of mira's, its note on one entry `note_bytes` long.
fn big_file(note_bytes: usize) -> Vec<u8> {
    let body = Body {
        judge: "mira".into(),
        texts: ByPart::from_fn(|part| match part {
            TextPart::Note => [("sprout-sense".to_owned(), "n".repeat(note_bytes))].into(),
            _ => BTreeMap::new(),
        }),
        ..common::score_body()
    };
    scorefile::write(&body, None).expect("json").into_bytes()
}

/// 34 MB: more than the Hub's answers were once allowed (32 MiB), less than merge took (256 MiB).
#[test]
fn a_score_file_merge_takes_by_hand_is_one_collect_brings_back() {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[sync]\nrepo = \"{REPO}\"\n", judging::config::BUILTIN));
    let bytes = big_file(34_000_000);
    let local = s.path().join("mira.json");
    std::fs::write(&local, &bytes).expect("write");
    let hub = FakeHub::start(REPO, Duration::from_millis(1), |st| {
        st.exists = true;
        st.token = Some(TOKEN.into());
        st.files.insert("scores/mira.json".into(), bytes);
    });
    let head = || {
        let mut cmd = s.cmd();
        cmd.env("HF_ENDPOINT", &hub.base).env("HF_TOKEN", TOKEN).args(["--judge", "head"]);
        cmd
    };
    head().arg("pull").assert().success();
    head().arg("merge").arg(&local).assert().success();
    head().arg("collect").assert().success().stdout(predicate::str::contains("Collected 1 of 1 score file"));
}

#[test]
fn a_score_file_over_the_limit_is_refused_by_merge_with_the_limit() {
    let s = Sandbox::new();
    s.cmd().arg("pull").assert().success();
    let over = s.path().join("over.json");
    let file = std::fs::File::create(&over).expect("create");
    file.set_len(judging::limits::SCORE_FILE_BYTES + 1).expect("size");
    s.cmd().arg("merge").arg(&over).assert().failure().stderr(
        predicate::str::contains("over.json")
            .and(predicate::str::contains(format!("{} MiB at most", judging::limits::SCORE_FILE_BYTES >> 20))),
    );
}

/// A quote that opens on line 3 and never closes makes the rest of a 3 MiB export one field:
/// the pull stops a MiB into it, names the line, and the judge's store is as it was.
#[test]
fn an_export_field_that_never_ends_is_refused_at_its_line_without_reading_the_rest() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    let mut csv = String::from("id,title,space_url\nok-1,Fine,https://huggingface.co/spaces/a/b\n");
    csv.push_str("bad-2,\"Never closed,https://huggingface.co/spaces/a/c\n");
    while csv.len() < 3 * 1024 * 1024 {
        csv.push_str("more-3,More,https://huggingface.co/spaces/a/d\n");
    }
    let path = s.file("runaway.csv", &csv);
    s.cmd()
        .args(["--judge", "mira", "pull", "--from"])
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("runaway.csv: line 3: a field runs on past 1 MiB"))
        .stderr(predicate::str::contains("never closes"));
    assert_eq!(s.list_json("mira").as_array().map(Vec::len), Some(40), "the sample's 40 entries, untouched");
    // Within the limit, the same quoting rules read the file: a closed quote is one field.
    let fine =
        s.file("fine.csv", "id,title,space_url\nq-1,\"Quoted, with a comma\",https://huggingface.co/spaces/a/q\n");
    s.cmd().args(["--judge", "mira", "pull", "--from"]).arg(&fine).assert().success();
}
