//! The Hub as the source, against a real HTTP server on 127.0.0.1 serving recorded answers (and
//! more in the same shape): paging, README links, model sizes, a paused Space, a 429, a 500 and
//! broken JSON, the cache, and the token kept out of every file and message.

mod common;

use std::time::Duration;

use common::{Reply, Router, Sandbox};
use predicates::prelude::*;

const TOKEN: &str = "hf_secretTOKEN0123456789";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/hub/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn space(id: &str, tags: &[&str], sdk: &str, stage: &str, hardware: Option<&str>, models: &[&str]) -> String {
    serde_json::json!({
        "id": id, "author": "bsh", "sha": format!("sha-{id}"), "sdk": sdk, "likes": 12, "tags": tags,
        "models": models,
        "cardData": {"title": id.rsplit('/').next().map(|n| n.replace('-', " ")), "short_description": "A small app"},
        "runtime": {"stage": stage, "hardware": {"current": hardware, "requested": hardware.unwrap_or("t4-small")}},
    })
    .to_string()
}

/// The org `bsh` over three pages: three Spaces with a track tag, one without.
fn hub_routes(base_hint: &str) -> Vec<(String, Vec<Reply>)> {
    let next = |cursor: u32| vec![format!("Link: <{base_hint}/api/spaces?author=bsh&cursor={cursor}>; rel=\"next\"")];
    let page1 = format!(
        "[{}]",
        space(
            "bsh/pill-pal",
            &["gradio", "track:backyard", "achievement:offgrid"],
            "gradio",
            "RUNNING",
            Some("cpu-basic"),
            &["Qwen/Qwen2.5-0.5B-Instruct"]
        )
    );
    let page2 = format!(
        "[{}]",
        space("bsh/tiny-tarot", &["track:wood"], "gradio", "PAUSED", None, &["ggml-org/gemma-3-1b-it-GGUF"])
    );
    let page3 = format!(
        "[{},{}]",
        space("bsh/no-track", &["gradio"], "gradio", "RUNNING", Some("cpu-basic"), &[]),
        space(
            "bsh/big-one",
            &["track:wood", "sponsor:nvidia"],
            "streamlit",
            "RUNTIME_ERROR",
            Some("a10g-small"),
            &["sentence-transformers/paraphrase-albert-small-v2", "nobody/no-safetensors"]
        )
    );
    vec![
        ("/api/spaces?author=bsh&limit".into(), vec![Reply::json_with(&page1, &next(2))]),
        ("/api/spaces?author=bsh&cursor=2".into(), vec![Reply::json_with(&page2, &next(3))]),
        ("/api/spaces?author=bsh&cursor=3".into(), vec![Reply::json(&page3)]),
        (
            "/spaces/bsh/pill-pal/raw/main/README.md".into(),
            vec![Reply::ok("text/plain", b"# Pill Pal\n[![Demo](https://img.shields.io/badge/demo-red)](https://youtu.be/pp1) and [my post](https://x.com/pp/status/1).\n")],
        ),
        (
            "/spaces/bsh/tiny-tarot/raw/main/README.md".into(),
            vec![Reply::ok("text/plain", b"<a href=\"https://www.loom.com/share/tt\">demo</a> <a href='https://bsky.app/profile/tt.bsky.social/post/3'>post</a>")],
        ),
        ("/api/models/Qwen/Qwen2.5-0.5B-Instruct".into(), vec![Reply::json(r#"{"id":"Qwen/Qwen2.5-0.5B-Instruct","tags":["safetensors"],"safetensors":{"parameters":{"BF16":494032768},"total":494032768}}"#)]),
        ("/api/models/ggml-org/gemma-3-1b-it-GGUF".into(), vec![Reply::json(&fixture("model_ggml-org_gemma-3-1b-it-GGUF.trimmed.json"))]),
        ("/api/models/sentence-transformers/paraphrase-albert-small-v2".into(), vec![Reply::json(&fixture("model_paraphrase-albert-small-v2.json"))]),
        ("/api/models/nobody/no-safetensors".into(), vec![Reply::json(r#"{"id":"nobody/no-safetensors","tags":["pytorch"]}"#)]),
        (
            "/api/spaces/hardware".into(),
            vec![Reply::json(r#"[{"name":"cpu-basic","unitCostUSD":0,"unitLabel":"minute"},{"name":"t4-small","unitCostUSD":0.00667,"unitLabel":"minute"},{"name":"a10g-small","unitCostUSD":0.0167,"unitLabel":"minute"}]"#)],
        ),
    ]
}

/// A router serving the org, with `extra` routes first in line.
fn start(extra: Vec<(String, Vec<Reply>)>) -> Router {
    let mut routes = extra;
    let replaced: Vec<String> = routes.iter().map(|(p, _)| p.clone()).collect();
    routes.extend(hub_routes(common::BASE).into_iter().filter(|(p, _)| !replaced.contains(p)));
    Router::start(routes.iter().map(|(p, r)| (p.as_str(), r.clone())).collect(), Duration::ZERO)
}

fn org(s: &Sandbox, router: &Router) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.env("HF_ENDPOINT", &router.base).env("HF_TOKEN", TOKEN).args(["--judge", "org"]);
    cmd
}

#[test]
fn an_org_is_pulled_across_pages_and_enriched() {
    let s = Sandbox::new();
    let router = start(vec![]);
    let out = org(&s, &router).args(["pull", "--from", "hub:bsh"]).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("3 submissions: 3 new"), "{stdout}");
    assert!(stdout.contains("1 Space without a track tag left out"), "{stdout}");
    assert!(stdout.contains("Hub facts refreshed for 3 entries"), "{stdout}");
    let list = s.list_json("org");
    let entry = |id: &str| list.as_array().expect("list").iter().find(|e| e["id"] == id).cloned().expect(id);
    assert_eq!(entry("pill-pal")["video_url"], "https://youtu.be/pp1");
    assert_eq!(entry("pill-pal")["post_url"], "https://x.com/pp/status/1");
    assert_eq!(entry("tiny-tarot")["video_url"], "https://www.loom.com/share/tt");
    assert_eq!(entry("tiny-tarot")["track"], "wood");
    let facts = org(&s, &router).args(["enrich", "--offline"]).output().expect("runs");
    let table = String::from_utf8_lossy(&facts.stdout);
    let row = |id: &str| table.lines().find(|l| l.starts_with(id)).unwrap_or_default().to_owned();
    assert!(
        row("pill-pal").contains("running")
            && row("pill-pal").contains("cpu-basic")
            && row("pill-pal").contains("494M"),
        "{table}"
    );
    assert!(
        row("tiny-tarot").contains("paused")
            && row("tiny-tarot").contains("t4-small")
            && row("tiny-tarot").contains("0.40"),
        "{table}"
    );
    assert!(row("tiny-tarot").contains("999.9M"), "the GGUF count: {table}");
    assert!(
        row("big-one").contains("error") && row("big-one").contains(" ? ") && row("big-one").contains("streamlit"),
        "{table}"
    );
    // The token went to the Hub with every request, and nowhere else.
    let requests = router.requests.lock().expect("lock").clone();
    assert!(
        requests.iter().all(|(_, auth)| auth.as_deref() == Some(&format!("Bearer {TOKEN}") as &str)),
        "{requests:?}"
    );
    for file in walk(s.path()) {
        let bytes = std::fs::read(&file).expect("read");
        assert!(!bytes.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()), "the token is in {}", file.display());
    }
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
    // A second pull asks only for the listing: READMEs (same commit) and models are cached.
    let (readmes, models) = (router.seen("/spaces/bsh/"), router.seen("/api/models/"));
    org(&s, &router)
        .args(["pull", "--from", "hub:bsh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 unchanged"));
    assert_eq!((router.seen("/spaces/bsh/"), router.seen("/api/models/")), (readmes, models));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

#[test]
fn a_429_is_waited_out_and_the_pull_goes_on() {
    let s = Sandbox::new();
    let page = format!("[{}]", space("bsh/pill-pal", &["track:backyard"], "gradio", "RUNNING", Some("cpu-basic"), &[]));
    let router = start(vec![("/api/spaces?author=bsh&limit".into(), vec![Reply::too_many(1), Reply::json(&page)])]);
    org(&s, &router)
        .args(["pull", "--from", "hub:bsh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 submission: 1 new"))
        .stderr(predicate::str::contains("The Hub: it answered 429 (busy); waiting 1 s before try 2 of 5"));
}

#[test]
fn a_failing_hub_leaves_the_store_and_the_cache_as_they_were() {
    let s = Sandbox::new();
    // A short timeout: a failing Hub is asked again only within four of them.
    s.file("judging.toml", "[export]\ntimeout_secs = 1\n");
    let good = start(vec![]);
    org(&s, &good).args(["pull", "--from", "hub:bsh"]).assert().success();
    let before = s.list_json("org");
    let failing =
        start(vec![("/api/spaces?author=bsh&limit".into(), vec![Reply::status(500, "Internal Server Error", "oops")])]);
    org(&s, &failing)
        .args(["pull", "--from", "hub:bsh"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("the Hub answered 500").and(predicate::str::contains("cached data is kept")));
    let broken = start(vec![("/api/spaces?author=bsh&limit".into(), vec![Reply::json("[{\"id\": \"bsh/x\",")])]);
    org(&s, &broken)
        .args(["pull", "--from", "hub:bsh"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not what judging expects"));
    assert_eq!(s.list_json("org"), before, "nothing changed");
    org(&s, &broken)
        .args(["pull", "--from", "hub:bsh", "--offline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Pulled the copy of hub:bsh cached at"));
    // A refresh whose Space answers fail keeps each entry's cached facts.
    let down = start(vec![("/api/spaces/bsh/".into(), vec![Reply::status(500, "Internal Server Error", "oops")])]);
    org(&s, &down)
        .arg("enrich")
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("not refreshed (")
                .and(predicate::str::contains("pill-pal"))
                .and(predicate::str::contains("their earlier facts are kept: the Hub answered 500")),
        )
        .stdout(predicate::str::contains("running").and(predicate::str::contains("494M")));
}

#[test]
fn the_prize_rules_use_what_the_hub_measured() {
    let s = Sandbox::new();
    let router = start(vec![]);
    org(&s, &router).args(["pull", "--from", "hub:bsh"]).assert().success();
    let config = judging::config::Config::builtin();
    let body = judging::scorefile::Body {
        event: config.event.id.clone(),
        rubric: judging::scorefile::rubric_fingerprint(&config),
        judge: "ana".into(),
        written_at: "2026-06-21T10:00:00.000Z".into(),
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        scores: [("pill-pal", 3), ("tiny-tarot", 5), ("big-one", 4)]
            .iter()
            .map(|(id, v)| ((*id).to_owned(), vec![Some(*v); 3], vec![None; 3]))
            .collect(),
        ..judging::scorefile::Body::default()
    };
    let file = s.file("ana.json", &judging::scorefile::write(&body, None).expect("json"));
    let out =
        org(&s, &router).args(["results", "--method", "mean", "--format", "json"]).arg(&file).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let prize = |id: &str| v["prizes"].as_array().expect("prizes").iter().find(|p| p["id"] == id).cloned().expect(id);
    // Nobody declared parameters: the Hub's GGUF count puts tiny-tarot under 4B.
    assert_eq!(prize("tiny-titan")["awards"][0]["id"], "tiny-tarot");
    let ineligible = v["ineligible"].to_string();
    assert!(ineligible.contains("big-one") && ineligible.contains("a streamlit Space, not gradio"), "{ineligible}");
    // `judging list --format json`, which organizers script against, carries the Hub's facts and
    // the warnings they raise.
    let out = org(&s, &router).args(["list", "--format", "json"]).output().expect("runs");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let entry = |id: &str| list.as_array().expect("array").iter().find(|e| e["id"] == id).cloned().expect(id);
    let big = entry("big-one");
    assert_eq!(big["hub"]["sdk"], "streamlit");
    assert!(big["hub"]["fetched_at"].is_string() && big["hub"]["stage"].is_string(), "{big}");
    assert!(big["warnings"].to_string().contains("a streamlit Space, not gradio"), "{big}");
    assert_eq!(entry("tiny-tarot")["hub"]["params_certain"], true);
}

/// The Hub sends a download on to another host, which sends it on again within itself: the
/// token goes to the Hub alone. reqwest's own redirects had dropped it on the first hop to the
/// other host and sent it again on the second (each hop starts from the first request's headers).
#[test]
fn a_download_redirected_to_another_host_never_carries_the_token() {
    let s = Sandbox::new();
    let readme = "# Pill Pal\n[demo](https://youtu.be/moved) and [post](https://x.com/pp/status/9)\n";
    let storage = Router::start(
        vec![
            ("/hop1/README.md", vec![Reply::redirect("/final/README.md")]),
            ("/final/README.md", vec![Reply::ok("text/plain", readme.as_bytes())]),
        ],
        Duration::ZERO,
    );
    let router = start(vec![(
        "/spaces/bsh/pill-pal/raw/main/README.md".into(),
        vec![Reply::redirect(&format!("{}/hop1/README.md", storage.base))],
    )]);
    let out = org(&s, &router).args(["pull", "--from", "hub:bsh"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = s.list_json("org");
    let pill = list.as_array().expect("list").iter().find(|e| e["id"] == "pill-pal").cloned().expect("pill-pal");
    assert_eq!(pill["video_url"], "https://youtu.be/moved", "the README read through both hops");
    let there = storage.requests.lock().expect("lock").clone();
    assert_eq!(there.len(), 2, "{there:?}");
    assert!(there.iter().all(|(_, auth)| auth.is_none()), "the token left the Hub: {there:?}");
    let hub = router.requests.lock().expect("lock").clone();
    assert!(hub.iter().all(|(_, auth)| auth.as_deref() == Some(&format!("Bearer {TOKEN}") as &str)), "{hub:?}");
}

/// A redirect that never ends is given up after ten hops, the file named.
#[test]
fn a_redirect_that_never_ends_is_given_up() {
    let s = Sandbox::new();
    let path = "/spaces/bsh/pill-pal/raw/main/README.md";
    let router = start(vec![(path.into(), vec![Reply::redirect(path)])]);
    let out = org(&s, &router).args(["pull", "--from", "hub:bsh"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("redirected more than 10 times"), "{stderr}");
    assert_eq!(router.seen(path), 11, "the first ask and ten hops");
}

#[test]
fn a_next_page_on_another_host_is_not_followed_with_the_token() {
    let s = Sandbox::new();
    let page = format!("[{}]", space("bsh/pill-pal", &["track:backyard"], "gradio", "RUNNING", Some("cpu-basic"), &[]));
    let elsewhere = vec!["Link: <http://127.0.0.2:9/api/spaces?cursor=2>; rel=\"next\"".to_owned()];
    let router = start(vec![("/api/spaces?author=bsh&limit".into(), vec![Reply::json_with(&page, &elsewhere)])]);
    org(&s, &router)
        .args(["pull", "--from", "hub:bsh"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("next page is on another host").and(predicate::str::contains(TOKEN).not()));
}

/// A listing whose next page is one it already gave (a Hub or a proxy gone wrong, or a hostile
/// HF_ENDPOINT) had been followed forever: 23,000 pages in 30 seconds and no end, the pull
/// never done. The loop is said, and the pull stops.
#[test]
fn a_listing_whose_pages_loop_is_refused() {
    let s = Sandbox::new();
    let page = format!("[{}]", space("bsh/pill-pal", &["track:backyard"], "gradio", "RUNNING", Some("cpu-basic"), &[]));
    let again = vec![format!("Link: <{}/api/spaces?author=bsh&cursor=1>; rel=\"next\"", common::BASE)];
    let router = start(vec![
        ("/api/spaces?author=bsh&limit".into(), vec![Reply::json_with(&page, &again)]),
        ("/api/spaces?author=bsh&cursor=1".into(), vec![Reply::json_with(&page, &again)]),
    ]);
    org(&s, &router)
        .args(["pull", "--from", "hub:bsh"])
        .timeout(Duration::from_secs(60))
        .assert()
        .failure()
        .stderr(predicate::str::contains("its next page is a page it gave before, so the listing would never end"));
    assert!(router.seen("/api/spaces") <= 3, "stopped at the first page given again: {}", router.seen("/api/spaces"));
}

#[test]
fn a_readme_the_hub_fails_to_give_keeps_its_entry_without_links() {
    let s = Sandbox::new();
    // A short timeout: the 503 is not waited out for long.
    s.file("judging.toml", "[export]\ntimeout_secs = 1\n");
    let router = start(vec![(
        "/spaces/bsh/pill-pal/raw/main/README.md".into(),
        vec![Reply::status(503, "Service Unavailable", "later")],
    )]);
    org(&s, &router)
        .args(["pull", "--from", "hub:bsh"])
        .assert()
        .success()
        .stderr(predicate::str::contains("bsh/pill-pal: its README could not be read (the Hub answered 503"));
    let list = s.list_json("org");
    let entry = |id: &str| list.as_array().expect("array").iter().find(|e| e["id"] == id).cloned().expect(id);
    assert!(entry("pill-pal")["video_url"].is_null(), "kept, without its links");
    assert!(entry("tiny-tarot")["title"].is_string(), "the rest pulled");
}

/// Whether `path` is `prefix` then a repo id the Hub allows (`owner/name`, or `name` where
/// `bare` is allowed): the shape of every request enrichment may make.
fn is_repo_path(path: &str, prefix: &str, bare: bool) -> bool {
    let Some(id) = path.strip_prefix(prefix) else { return false };
    let parts: Vec<&str> = id.split('/').collect();
    let part_ok = |p: &&str| {
        !p.is_empty()
            && p.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && !p.starts_with(['-', '.'])
            && !p.ends_with(['-', '.'])
            && !p.contains("..")
    };
    (parts.len() == 2 || (bare && parts.len() == 1)) && parts.iter().all(part_ok)
}

#[test]
fn model_ids_from_a_readme_reach_no_other_address_and_one_failing_model_stops_nothing() {
    let s = Sandbox::new();
    s.file("judging.toml", "[export]\ntimeout_secs = 1\n");
    let pill = serde_json::json!({
        "id": "bsh/pill-pal", "author": "bsh", "sha": "sha-pp", "sdk": "gradio", "tags": ["track:backyard"],
        "models": ["Qwen/Qwen2.5-0.5B-Instruct"],
        "cardData": {"title": "Pill Pal", "models": ["../../api/whoami-v2", "x/y?z=1#frag", "boom/m", "evil\u{1b}[2J/m"]},
        "runtime": {"stage": "RUNNING", "hardware": {"current": "cpu-basic"}},
    });
    let tarot = serde_json::json!({
        "id": "bsh/tiny-tarot", "author": "bsh", "sha": "sha-tt", "sdk": "gradio", "tags": ["track:wood"],
        "models": ["ggml-org/gemma-3-1b-it-GGUF"],
        "cardData": {"title": "Tiny Tarot", "models": ["boom/m"]},
        "runtime": {"stage": "PAUSED", "hardware": {"requested": "t4-small"}},
    });
    let listing = format!("[{pill},{tarot}]");
    let router = start(vec![
        ("/api/spaces?author=bsh&limit".into(), vec![Reply::json(&listing)]),
        ("/api/spaces/bsh/pill-pal".into(), vec![Reply::json(&pill.to_string())]),
        ("/api/spaces/bsh/tiny-tarot".into(), vec![Reply::json(&tarot.to_string())]),
        ("/api/models/boom/m".into(), vec![Reply::status(500, "Internal Server Error", "oops")]),
        ("/api/whoami-v2".into(), vec![Reply::json(r#"{"name":"the-judge"}"#)]),
    ]);
    // The pull enriches from the listing; `enrich` asks for each Space again.
    for args in [&["pull", "--from", "hub:bsh"][..], &["enrich"][..]] {
        let out = org(&s, &router).args(args).output().expect("runs");
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{args:?}: {stdout}{stderr}");
        // The pull's report is its standard output; enrich's standard output is its table.
        let said = if args[0] == "pull" { &stdout } else { &stderr };
        assert!(said.contains("Hub facts refreshed for 2 entries"), "{args:?}: {stdout}{stderr}");
        assert!(said.contains("1 model lookup failed"), "{args:?}: {stdout}");
        for shown in [r#""../../api/whoami-v2""#, r#""x/y?z=1#frag""#, r#""evil\u{1b}[2J/m""#] {
            let line = stderr.lines().find(|l| l.contains(shown)).unwrap_or_default();
            assert!(line.contains("pill-pal") && line.contains("not a Hub model id"), "{shown}: {stderr}");
        }
        assert!(!stderr.contains('\u{1b}'), "a control reached the terminal: {stderr}");
        let boom = stderr.lines().find(|l| l.contains("model boom/m") && l.contains("looked up")).unwrap_or_default();
        assert!(
            boom.contains("the Hub answered 500") && boom.contains("pill-pal") && boom.contains("tiny-tarot"),
            "{stderr}"
        );
    }
    let requests = router.requests.lock().expect("lock").clone();
    for (line, auth) in &requests {
        let path = line.split(' ').nth(1).unwrap_or_default();
        let allowed = path.starts_with("/api/spaces?author=bsh&")
            || path == "/api/spaces/hardware"
            || path.strip_suffix("/raw/main/README.md").is_some_and(|p| is_repo_path(p, "/spaces/", false))
            || is_repo_path(path, "/api/spaces/", false)
            || is_repo_path(path, "/api/models/", true);
        assert!(allowed, "{line} was asked for: {requests:?}");
        assert_eq!(auth.as_deref(), Some(&format!("Bearer {TOKEN}") as &str));
    }
    assert_eq!(router.seen("/api/spaces/bsh/"), 2, "enrich asked for each Space: {requests:?}");
    // The models that answered were kept from the first refresh; the failing one is asked again.
    assert_eq!(router.seen("/api/models/Qwen/"), 1, "{requests:?}");
    let facts = org(&s, &router).args(["enrich", "--offline"]).output().expect("runs");
    let table = String::from_utf8_lossy(&facts.stdout);
    let row = |id: &str| table.lines().find(|l| l.starts_with(id)).unwrap_or_default().to_owned();
    assert!(row("pill-pal").contains("running") && row("pill-pal").contains(" ? ~"), "sizes unknown: {table}");
    assert!(row("tiny-tarot").contains("paused"), "{table}");
}

#[test]
fn a_space_id_the_hub_does_not_allow_is_not_asked_for() {
    let s = Sandbox::new();
    let export = serde_json::json!([
        {"id": "sneaky", "title": "Sneaky", "space_url": "https://huggingface.co/spaces/bsh/..%2F..%2Fapi%2Fwhoami-v2", "track": "backyard"},
        {"id": "pill-pal", "title": "Pill Pal", "space_url": "https://huggingface.co/spaces/bsh/pill-pal", "track": "backyard"},
    ]);
    let file = s.file("export.json", &export.to_string());
    let pill = space("bsh/pill-pal", &["track:backyard"], "gradio", "RUNNING", Some("cpu-basic"), &[]);
    let router = start(vec![("/api/spaces/bsh/pill-pal".into(), vec![Reply::json(&pill)])]);
    org(&s, &router).args(["pull", "--from"]).arg(&file).assert().success();
    org(&s, &router).arg("enrich").assert().success().stderr(
        predicate::str::contains("Hub facts refreshed for 1 entry (")
            .and(predicate::str::contains("(sneaky)"))
            .and(predicate::str::contains(r#""bsh/..%2F..%2Fapi%2Fwhoami-v2" is not a Hub Space id"#)),
    );
    let requests = router.requests.lock().expect("lock").clone();
    assert!(
        requests.iter().all(|(line, _)| {
            let path = line.split(' ').nth(1).unwrap_or_default();
            path == "/api/spaces/hardware" || path == "/api/spaces/bsh/pill-pal"
        }),
        "{requests:?}"
    );
}

/// An entrant's README metadata written loosely (`models:` a single string, `tags:` a number, a
/// title that is a list) had made the whole org's listing unreadable, and stopped the pull for
/// every entry. Now a string is a list of one, anything else no value, each said with the
/// Space it came from, and the pull goes on.
#[test]
fn a_spaces_loose_readme_metadata_is_read_as_far_as_it_goes_and_said() {
    let s = Sandbox::new();
    let mut loose: serde_json::Value = serde_json::from_str(&space(
        "bsh/pill-pal",
        &["gradio", "track:backyard"],
        "gradio",
        "RUNNING",
        Some("cpu-basic"),
        &[],
    ))
    .expect("json");
    loose["cardData"]["models"] = serde_json::json!("Qwen/Qwen2.5-0.5B-Instruct");
    loose["cardData"]["tags"] = serde_json::json!(7);
    let mut odd: serde_json::Value = serde_json::from_str(&space(
        "bsh/tiny-tarot",
        &["track:wood"],
        "gradio",
        "PAUSED",
        None,
        &["ggml-org/gemma-3-1b-it-GGUF"],
    ))
    .expect("json");
    odd["cardData"]["models"] = serde_json::json!({"base": "x/y"});
    odd["cardData"]["title"] = serde_json::json!(["Tiny", "Tarot"]);
    let page = format!("[{loose},{odd}]");
    let router = start(vec![("/api/spaces?author=bsh&limit".into(), vec![Reply::json(&page)])]);
    let out = org(&s, &router).args(["pull", "--from", "hub:bsh"]).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("2 submissions: 2 new"), "{stdout}");
    for said in [
        "warning: bsh/pill-pal: its README's `tags` is a number, not a list: read as none",
        "warning: bsh/tiny-tarot: its README's `models` is a table, not a list: read as none",
        "warning: bsh/tiny-tarot: its README's `title` is a list, not text: read as none",
    ] {
        assert!(stderr.contains(said), "{said}: {stderr}");
    }
    assert!(!stderr.contains("bsh/pill-pal: its README's `models`"), "a string is a list of one: {stderr}");
    let list = s.list_json("org");
    let entry = |id: &str| list.as_array().expect("list").iter().find(|e| e["id"] == id).cloned().expect(id);
    assert_eq!(entry("pill-pal")["models"], serde_json::json!(["Qwen/Qwen2.5-0.5B-Instruct"]));
    assert_eq!(entry("tiny-tarot")["models"], serde_json::json!(["ggml-org/gemma-3-1b-it-GGUF"]));
    assert_eq!(entry("tiny-tarot")["title"], "tiny-tarot");
    // `check` reads the org as the pull does, and says the same.
    org(&s, &router).args(["check", "--from", "hub:bsh"]).assert().success().stdout(
        predicate::str::contains("2 rows read, 2 valid")
            .and(predicate::str::contains("  warning: bsh/tiny-tarot: its README's `models` is a table")),
    );
    org(&s, &router).args(["check", "--from", "hub:bsh", "--strict"]).assert().failure();
}

/// A listing that names Spaces the Hub could not have (another owner's, a path that climbs, a
/// bidi override or an escape sequence in a name, an empty name) gives no entry of them: one
/// was an entry "x" whose Space link was https://huggingface.co/x, another "ab" that was
/// "a\u{202e}b". Each is named, its controls shown, and the org's real Spaces come as ever.
#[test]
fn spaces_the_hub_could_not_name_give_no_entries() {
    let s = Sandbox::new();
    let odd = ["other/../../x", "bsh/..", "bsh/a\u{202e}b", "bsh/x\u{1b}[2J", "bsh/", "someone/else"];
    let listing =
        std::iter::once(space("bsh/pill-pal", &["track:backyard"], "gradio", "RUNNING", Some("cpu-basic"), &[]))
            .chain(odd.iter().map(|id| space(id, &["track:wood"], "gradio", "RUNNING", Some("cpu-basic"), &[])))
            .collect::<Vec<_>>()
            .join(",");
    let router = start(vec![("/api/spaces?author=bsh&limit".into(), vec![Reply::json(&format!("[{listing}]"))])]);
    let out = org(&s, &router).args(["pull", "--from", "hub:bsh"]).output().expect("runs");
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{said}");
    let ids: Vec<String> = s
        .list_json("org")
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["id"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(ids, ["pill-pal"], "{said}");
    for shown in [r#""other/../../x""#, r#""bsh/a\u{202e}b""#, r#""bsh/x\u{1b}[2J""#, r#""someone/else""#] {
        assert!(said.contains(shown), "{shown} named: {said}");
    }
    assert!(!said.chars().any(|c| c != '\n' && judging::sanitize::hides(c)), "{said:?}");
}

/// An org name the Hub could not have goes into no request: "bsh&author=x" asked the Hub for
/// another author's Spaces, "bsh#x" for every Space on the Hub, page after page.
#[test]
fn an_org_name_the_hub_could_not_have_is_refused_before_any_request() {
    let s = Sandbox::new();
    let router = start(vec![]);
    for (source, shown) in
        [("hub:bsh&author=x", r#""bsh&author=x""#), ("hub:bsh#x", r#""bsh#x""#), ("hub:a/b", r#""a/b""#)]
    {
        org(&s, &router)
            .args(["pull", "--from", source])
            .assert()
            .failure()
            .stderr(predicate::str::contains(format!("{shown} is not a Hub org id")));
    }
    assert!(router.requests.lock().expect("lock").is_empty(), "no request was made");
}

/// A Hub that never answers is given up at the first request's timeout, and said in the words a
/// silent export URL is: `enrich` had asked every Space in turn, eight at a time, each waiting
/// the whole timeout (40 Spaces, six waits: three minutes at the default 30 s). A command
/// without `--offline` is not told to use it: `push` had said "`--offline` uses it".
#[test]
fn a_silent_hub_is_given_up_at_the_first_timeout() {
    let s = Sandbox::new();
    s.file("judging.toml", "[export]\ntimeout_secs = 1\n[sync]\nrepo = \"judges/scores\"\n");
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    let silent = common::silent_server();
    // One that answers each request at once, then its body a byte every 100 ms: as slow.
    for (hub, said) in
        [(silent.clone(), "no answer within 1 s (export.timeout_secs)"), (trickling_hub(), "still arriving after 1 s")]
    {
        let start = std::time::Instant::now();
        s.cmd()
            .env("HF_ENDPOINT", &hub)
            .args(["--judge", "mira", "enrich"])
            .timeout(Duration::from_secs(60))
            .assert()
            .failure()
            .stderr(predicate::str::contains(said));
        assert!(start.elapsed() < Duration::from_millis(3500), "given up at the first timeout: {:?}", start.elapsed());
    }
    for command in ["push", "collect", "status"] {
        s.cmd()
            .env("HF_ENDPOINT", &silent)
            .args(["--judge", "mira", command])
            .timeout(Duration::from_secs(60))
            .assert()
            .failure()
            .stderr(
                predicate::str::contains("no answer within 1 s (export.timeout_secs)")
                    .and(predicate::str::contains("--offline").not()),
            );
    }
    // A pull from the Hub may use the copy it cached, and says so.
    s.cmd()
        .env("HF_ENDPOINT", &silent)
        .args(["--judge", "mira", "pull", "--from", "hub:bsh"])
        .timeout(Duration::from_secs(60))
        .assert()
        .failure()
        .stderr(predicate::str::contains("`judging pull --judge mira --offline --from hub:bsh`"));
    // A check is told to check offline, not to pull; a Hub not answering is a problem it lists
    // before its verdict, as any export it cannot read.
    s.cmd()
        .env("HF_ENDPOINT", &silent)
        .args(["--judge", "mira", "check", "--from", "hub:bsh"])
        .timeout(Duration::from_secs(60))
        .assert()
        .failure()
        .stdout(
            predicate::str::contains("the export: cannot be read: ")
                .and(predicate::str::contains(
                    "`judging check --judge mira --offline --from hub:bsh` reads the copy cached",
                ))
                .and(predicate::str::contains("pull --offline").not())
                .and(predicate::str::ends_with("Not ready: the export cannot be read, said above.\n")),
        );
}

/// A Hub that answers every request at once with headers for a body of 10 KB, then sends it a
/// byte every 100 ms (each connection for at most 15 s).
fn trickling_hub() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        while let Ok((mut stream, _)) = listener.accept() {
            std::thread::spawn(move || {
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head);
                let headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n";
                let _ = stream.write_all(headers.as_bytes());
                for _ in 0..150 {
                    if stream.write_all(b" ").and_then(|()| stream.flush()).is_err() {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            });
        }
    });
    base
}

/// A listing the Hub has nothing for names the org asked about: the address said drops its
/// query, which is where the org is (`/api/spaces?author=ORG`), and the 404 had named no org.
#[test]
fn a_404_for_the_listing_names_the_org() {
    let s = Sandbox::new();
    let router = start(vec![]);
    let out = org(&s, &router).args(["pull", "--from", "hub:nobody-here"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("404") && stderr.contains("org \"nobody-here\""), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}

/// `enrich`'s standard output is its table alone, fitted to the terminal as `list`'s is; its
/// status lines and warnings go to standard error, the warnings at the margin as every
/// command's; a Hub that asks the client to wait for many requests is said in a few lines.
/// The status lines had been the table's first lines in a file, "(1 requests)" said so, the
/// warnings indented, forty waits said one by one, and each row wrapped at 80 columns.
#[test]
fn enrich_prints_its_table_alone_and_its_waits_condensed() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    let router = common::busy_hub(10, 1);
    let out = s
        .cmd()
        .env("HF_ENDPOINT", &router.base)
        .env("COLUMNS", "80")
        .args(["--judge", "mira", "enrich"])
        .output()
        .expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("ENTRY"), "the table alone: {stdout}");
    assert!(!stdout.contains("Asking") && !stdout.contains("refreshed"), "{stdout}");
    assert!(stderr.contains("Asking http") && stderr.contains("Hub facts refreshed for"), "{stderr}");
    assert!(!stderr.contains("(1 requests)") && !stderr.contains("1 entries"), "{stderr}");
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80, "fits 80 columns: {line:?}");
    }
    assert!(stderr.contains("left out to fit 80 columns"), "{stderr}");
    for line in stderr.lines().filter(|l| l.contains("warning:")) {
        assert!(line.starts_with("warning:"), "at the margin: {line:?}");
    }
    assert_eq!(stderr.matches("waiting 1 s before try").count(), 3, "{stderr}");
    assert!(
        stderr.contains("The Hub: ... and 7 more such waits (it answered 429 (busy)): build-small-hackathon/"),
        "named by the Space's id, not its address: {stderr}"
    );
    assert!(
        stderr.contains("waiting 1 s before try 2 of 5 (build-small-hackathon/") && !stderr.contains("(http"),
        "{stderr}"
    );
}
