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
    head().arg("collect").assert().success().stdout(predicate::str::contains("Collected 1 of 1 score file(s)"));
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
