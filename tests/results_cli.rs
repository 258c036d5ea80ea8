//! `judging results` through the real binary: the sample event's prizes from judges' files or a
//! saved merge, ties and the head judge's decisions, and bad input.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

mod common;

use std::path::PathBuf;

use common::Sandbox;
use judging::config::Config;
use judging::scorefile::{self, Body};
use predicates::prelude::*;

fn head(s: &Sandbox) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.args(["--judge", "head"]);
    cmd
}

/// A judge's file with `rows` of (submission, [utility, latency, cost]).
fn judge_file(s: &Sandbox, judge: &str, rows: &[(&str, [u8; 3])]) -> PathBuf {
    let config = Config::builtin();
    let body = Body {
        event: config.event.id.clone(),
        rubric: scorefile::rubric_fingerprint(&config),
        judge: judge.into(),
        written_at: "2026-06-21T10:00:00.000Z".into(),
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        scores: rows
            .iter()
            .map(|(id, v)| ((*id).to_owned(), v.map(Some).to_vec(), vec![Some(1_781_000_000_000); 3]))
            .collect(),
        ..Body::default()
    };
    let path = s.path().join(format!("{judge}.json"));
    std::fs::write(&path, scorefile::write(&body, None).expect("json")).expect("write");
    path
}

/// Four judges over the whole sample, each a different habit, every entry seen by two or three:
/// a field with clear winners and no ties.
fn sample_files(s: &Sandbox) -> Vec<PathBuf> {
    files_with_scatter(s, 0)
}

/// The ids of the head judge's store, as `judging list` gives them.
fn store_ids(s: &Sandbox) -> Vec<String> {
    let list = s.list_json("head");
    list.as_array().expect("list").iter().map(|e| e["id"].as_str().expect("id").to_owned()).collect()
}

/// The head judge's merge of `files` as JSON, and the ids it says the event's rules exclude.
fn merged_json(s: &Sandbox, files: &[PathBuf]) -> (serde_json::Value, Vec<String>) {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(head(s).args(["merge", "--format", "json"]).args(files))).expect("json");
    let ineligible = json["ineligible"].as_array().expect("list").iter().filter_map(|i| i["id"].as_str());
    let ineligible = ineligible.map(str::to_owned).collect();
    (json, ineligible)
}

/// As [`sample_files`], each mark moved by up to `scatter` points either way, differently by
/// judge and entry: judges who disagree make places less sure.
fn files_with_scatter(s: &Sandbox, scatter: i32) -> Vec<PathBuf> {
    files_leaving_out(s, scatter, &[])
}

/// As [`files_with_scatter`], no judge scoring the entries `unscored`.
fn files_leaving_out(s: &Sandbox, scatter: i32, unscored: &[&str]) -> Vec<PathBuf> {
    let ids: Vec<String> = store_ids(s).into_iter().filter(|id| !unscored.contains(&id.as_str())).collect();
    let habits = [("ana", 1i32), ("ben", 0), ("cai", -1), ("dee", 0)];
    habits
        .iter()
        .enumerate()
        .map(|(j, (name, bias))| {
            let rows: Vec<(&str, [u8; 3])> = ids
                .iter()
                .enumerate()
                .filter(|(e, _)| (e + j) % 4 != 0)
                .map(|(e, id)| {
                    let quality = (e * 7 % 40) as i32; // a distinct quality per entry
                    let moved =
                        if scatter == 0 { 0 } else { ((e * 13 + j * 7) % (2 * scatter as usize + 1)) as i32 - scatter };
                    let mark = |k: i32| (1 + (quality + k) / 10 + bias + moved).clamp(1, 5) as u8;
                    (id.as_str(), [mark(0), mark(3), mark(6)])
                })
                .collect();
            judge_file(s, name, &rows)
        })
        .collect()
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_sample_events_results_as_markdown_and_html() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let md = stdout(head(&s).args(["results", "--format", "md"]).args(&files));
    insta::assert_snapshot!("sample_results_md", md);
    let html = stdout(head(&s).args(["results", "--format", "html"]).args(&files));
    assert!(!html.contains("http") && !html.contains("<script") && !html.contains("<link"), "no external assets");
    insta::assert_snapshot!("sample_results_html", undated(&html));
    let public = stdout(head(&s).args(["results", "--public", "--format", "md"]).args(&files));
    insta::assert_snapshot!("sample_public_md", public);
    let public = stdout(head(&s).args(["results", "--public", "--format", "html"]).args(&files));
    assert!(!public.contains("http") && !public.contains("<script") && !public.contains("<link"), "no external assets");
    insta::assert_snapshot!("sample_public_html", dated(&public, "<p class=\"meta\">"));
}

/// The page with the day it was made, said after `before`, which must be today (or yesterday,
/// past midnight), as DAY.
fn dated(html: &str, before: &str) -> String {
    let today = judging::when::today();
    let days = [today, today.yesterday().expect("a day before")].map(judging::when::day);
    let made = days.iter().find(|d| html.contains(&format!("{before}{d}"))).expect("made today: {html}");
    html.replace(made.as_str(), "DAY")
}

fn undated(html: &str) -> String {
    dated(html, "Made on ")
}

/// The part of an HTML page about one prize.
fn section<'a>(html: &'a str, prize: &str) -> &'a str {
    let start = html.find(&format!("<h2>{prize}</h2>")).expect(prize);
    let end = html[start..].find("</section>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn the_html_page_says_when_it_was_made_and_what_each_prize_ranks_by() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let html = stdout(head(&s).args(["results", "--format", "html"]).args(&files));
    undated(&html);
    for (prize, by) in [
        ("Backyard AI", "Score"),
        ("Bonus Quest Champion", "Badges"),
        ("Community Choice", "Likes"),
        ("Best Demo", "Utility (calibrated)"),
    ] {
        assert!(section(&html, prize).contains(&format!("<th class=\"num\">{by}</th>")), "{prize} by {by}: {html}");
    }
    assert!(!html.contains(">Value</th>"), "{html}");
    // A note column only where some place has a note: the undecided ties have one.
    assert!(!section(&html, "Backyard AI").contains("<th>Note</th>"), "{html}");
    assert!(section(&html, "Bonus Quest Champion").contains("<th>Note</th>"), "{html}");
    let prizes = &html[..html.find("<h2>Payouts</h2>").expect("payouts")];
    assert!(!prizes.contains("<td></td>"), "no empty cells in the prizes' tables: {prizes}");
    // Every figure in a numeric cell, and numeric cells never break.
    for cell in html.split("<td").skip(1) {
        let text = &cell[cell.find('>').expect("a cell") + 1..];
        if text.starts_with(|c: char| c.is_ascii_digit() || c == '$') {
            assert!(cell.starts_with(" class=\"num\""), "a figure in a text cell: <td{cell}");
        }
    }
    let nowrap = html.split('\n').find(|l| l.starts_with("td.num")).expect("a rule for numbers");
    assert!(nowrap.contains("white-space: nowrap"), "{nowrap}");
}

/// What each prize ranks by, as the terminal's table says it beside the prize's name ("BEST DEMO
/// (by criterion Utility)"), is said under it in Markdown and on the page too: the Markdown had no
/// such line.
#[test]
fn every_jury_format_says_what_each_prize_ranks_by_as_the_table_does() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let text = stdout(head(&s).args(["results"]).args(&files));
    let md = stdout(head(&s).args(["results", "--format", "md"]).args(&files));
    let html = stdout(head(&s).args(["results", "--format", "html"]).args(&files)).replace("&#39;", "'");
    let by: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| {
            let (name, rest) = l.split_once(" (by ")?;
            Some((name.to_owned(), rest.strip_suffix(')')?.to_owned()))
        })
        .collect();
    assert_eq!(by.len(), Config::builtin().prizes.len(), "every prize: {text}");
    assert!(by.iter().any(|(_, b)| b == "criterion Utility"), "{by:?}");
    for (name, by) in &by {
        let heading = md
            .lines()
            .position(|l| l.strip_prefix("## ").is_some_and(|h| h.to_uppercase() == *name))
            .unwrap_or_else(|| panic!("{name} in {md}"));
        let under: Vec<&str> = md.lines().skip(heading + 1).take(3).collect();
        assert!(under.contains(&format!("By {by}.").as_str()), "{name}: {under:?}");
        let start = html.to_uppercase().find(&format!("<H2>{name}</H2>")).unwrap_or_else(|| panic!("{name}"));
        assert!(html[start..].contains(&format!("<p class=\"small\">By {by}.</p>")), "{name}");
    }
}

/// The sample's judges mark one above (ana), at (ben, dee) and one below (cai) the others: the
/// jury's page draws ana right of the typical judge and cai left, each paid place of a track with
/// its chance, and a saved merge draws the same.
#[test]
fn the_jury_page_draws_each_judges_leniency_and_each_paid_places_chance() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let html = stdout(head(&s).args(["results", "--format", "html"]).args(&files));
    let judges = section(&html, "The judges");
    assert!(judges.contains("<svg") && judges.contains("</svg>"), "{judges}");
    assert!(judges.contains("<title>ana: +") && judges.contains("<title>cai: -"), "{judges}");
    let order: Vec<usize> = ["ana", "ben", "dee", "cai"]
        .iter()
        .map(|j| judges.find(&format!("<title>{j}:")).expect("every judge drawn"))
        .collect();
    assert!(order[0] < order[1].min(order[2]) && order[1].max(order[2]) < order[3], "most lenient first: {judges}");
    for track in ["Backyard AI", "Thousand Token Wood"] {
        let prize = section(&html, track);
        assert_eq!(prize.matches("<rect").count(), 4, "a bar per paid place: {prize}");
    }
    assert!(!section(&html, "Bonus Quest Champion").contains("<svg"), "badges have no chances");
    let saved = s.path().join("rankings.json");
    head(&s).args(["merge", "--format", "json", "-o"]).arg(&saved).args(&files).assert().success();
    let from_saved = stdout(head(&s).args(["results", "--format", "html"]).arg(&saved));
    assert_eq!(section(&from_saved, "The judges"), judges, "a saved merge keeps the judges' fitted leniency");
}

/// The lines without each judge name the ranking a prize reads by its track's name in
/// judging.toml, as the merge heads it, from the files and from a saved merge alike, each format
/// escaping it: they had said "the places of the backyard ranking" beside "Backyard AI".
#[test]
fn the_ranking_a_prize_reads_is_named_by_its_tracks_name() {
    let s = Sandbox::new();
    s.file("judging.toml", common::NAMED_TRACKS);
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let saved = s.path().join("rankings.json");
    head(&s).args(["merge", "--format", "json", "-o"]).arg(&saved).args(&files).assert().success();
    // A merge saved before it kept the rankings' names takes judging.toml's.
    let text = std::fs::read_to_string(&saved).expect("saved");
    let (before, after) = text.split_once("  \"track_names\": {").expect("the names saved");
    // An earlier build's file: version 3, no digest, no names.
    let older = (before.to_owned() + after.split_once("},\n").expect("their end").1).replacen(
        "\"version\": 4",
        "\"version\": 3",
        1,
    );
    let digest =
        older.lines().find(|l| l.trim_start().starts_with("\"digest\"")).expect("the digest's line").to_owned();
    let older = s.file("older.json", &older.replacen(&format!("{digest}\n"), "", 1));
    let said = "Without any one judge, the places of the";
    for from in [&files[..], std::slice::from_ref(&saved), std::slice::from_ref(&older)] {
        let table = stdout(head(&s).arg("results").args(from));
        assert!(table.contains(&format!("{said} Back|yard *AI* <b> ranking this prize reads:")), "{table}");
        let md = stdout(head(&s).args(["results", "--format", "md"]).args(from));
        assert!(md.contains(&format!("{said} Back\\|yard \\*AI\\* \\<b\\> ranking this prize reads:")), "{md}");
        let html = stdout(head(&s).args(["results", "--format", "html"]).args(from));
        assert!(html.contains(&format!("{said} Back|yard *AI* &lt;b&gt; ranking this prize reads:")), "{html}");
        assert!(!format!("{table}{md}{html}").contains("backyard ranking"));
    }
}

#[test]
fn a_saved_merge_gives_the_same_results_as_the_files() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let saved = s.path().join("rankings.json");
    head(&s).args(["merge", "--format", "json", "-o"]).arg(&saved).args(&files).assert().success();
    let from_files = stdout(head(&s).args(["results", "--format", "json"]).args(&files));
    let from_saved = stdout(head(&s).args(["results", "--format", "json"]).arg(&saved));
    assert_eq!(from_files, from_saved);
    // The same warnings on standard error too: from the saved merge, the merge's own had gone
    // unsaid there (the partly scored entry, a conflict).
    let warned = |cmd: &mut assert_cmd::Command| {
        let out = cmd.output().expect("runs");
        let mut lines: Vec<String> = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("warning: "))
            .map(String::from)
            .collect();
        lines.sort();
        lines
    };
    let (files_said, saved_said) = (
        warned(head(&s).args(["results", "--format", "json"]).args(&files)),
        warned(head(&s).args(["results", "--format", "json"]).arg(&saved)),
    );
    assert!(!files_said.is_empty(), "the sample merge has warnings");
    assert_eq!(files_said, saved_said);
    let v: serde_json::Value = serde_json::from_str(&from_saved).expect("json");
    assert_eq!(v["prizes"].as_array().expect("prizes").len(), 8);
    // The amounts' currency, the event and the method, as the other formats say them.
    assert_eq!((v["currency"].as_str(), v["method"].as_str()), (Some("$"), Some("calibrated")), "{v}");
    assert!(v["event"].as_str().is_some_and(|e| e.contains("Build Small")), "{v}");
    let ineligible: Vec<&str> =
        v["ineligible"].as_array().expect("list").iter().filter_map(|f| f["id"].as_str()).collect();
    assert!(ineligible.contains(&"dream-cartographer") && ineligible.contains(&"sock-matcher"), "{ineligible:?}");
    // Another method's merge, saved, keeps its own method.
    head(&s).args(["merge", "--method", "mean", "--format", "json", "-o"]).arg(&saved).args(&files).assert().success();
    head(&s)
        .args(["results"])
        .arg(&saved)
        .assert()
        .success()
        .stdout(predicate::str::contains("merged with the mean method"));
    // Asked for another method, it says the saved one is the mean's rather than print the
    // mean's places as the median's; asked for its own, it goes on.
    head(&s).args(["results", "--method", "median"]).arg(&saved).assert().code(2).stderr(
        predicate::str::contains("--method median")
            .and(predicate::str::contains("saved already, by the mean method"))
            // Refused before its own warnings are said: they had all come first.
            .and(predicate::str::contains("warning").not()),
    );
    head(&s).args(["results"]).arg(&saved).assert().success().stderr(predicate::str::contains("warning"));
    head(&s).args(["results", "--method", "mean"]).arg(&saved).assert().success();
    // How it was trimmed is not saved: a trim asked for cannot be checked, and is refused.
    head(&s)
        .args(["merge", "--method", "trimmed", "--trim", "1", "--format", "json", "-o"])
        .arg(&saved)
        .args(&files)
        .assert()
        .success();
    for trim in [&["--trim", "1"][..], &["--trim-by", "criterion"]] {
        head(&s)
            .args(["results", "--method", "trimmed"])
            .args(trim)
            .arg(&saved)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("whose trim is not saved"));
    }
    head(&s).args(["results", "--without", "mira"]).arg(&saved).assert().code(2);
}

/// A saved merge carries a digest of what `judging merge` wrote: one edited since (a score raised
/// by hand, an entry moved to the top) is refused, naming the file and the cure, where its prizes
/// had been awarded on the edited numbers without a word. One saved by an earlier judging, without
/// a digest, still reads, with a warning that it cannot be checked; one of another rubric is
/// refused.
#[test]
fn a_saved_merge_changed_after_the_merge_is_refused() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let saved = s.path().join("merged.json");
    head(&s).args(["merge", "--format", "json", "-o"]).arg(&saved).args(&files).assert().success();
    let text = std::fs::read_to_string(&saved).expect("saved");
    assert!(text.lines().nth(3).is_some_and(|l| l.starts_with("  \"digest\": \"sha256:")), "{text:.200}");
    let as_saved = stdout(head(&s).args(["results", "--format", "json"]).arg(&saved));
    // The last entry of the first ranking, raised to the top by hand.
    let last = text.find("\n    ],\n").and_then(|end| text[..end].rfind("\"place\": ")).expect("a last place");
    let line_end = last + text[last..].find('\n').expect("line");
    let score = line_end + text[line_end..].find("\"score\": ").expect("its score");
    let score_end = score + text[score..].find(',').expect("score's end");
    let edited =
        format!("{}\"place\": 1,{}\"score\": 9.5{}", &text[..last], &text[line_end..score], &text[score_end..]);
    assert_ne!(edited, text);
    let tampered = s.file("merged-edited.json", &edited);
    let refused =
        "merged-edited.json: changed after `judging merge` wrote it (its content no longer matches its digest)";
    for format in ["table", "json", "html"] {
        head(&s)
            .args(["results", "--format", format])
            .arg(&tampered)
            .assert()
            .failure()
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(refused).and(predicate::str::contains(
                "merge again from the judges' score files (`judging merge SCORE-FILES --format json -o FILE`)",
            )));
    }
    head(&s).args(["results", "--public"]).arg(&tampered).assert().failure().stderr(predicate::str::contains(refused));
    // Its digest taken out, the file is refused all the same.
    let without: String = text.lines().filter(|l| !l.contains("\"digest\"")).map(|l| format!("{l}\n")).collect();
    let bare = s.file("bare.json", &without);
    head(&s).arg("results").arg(&bare).assert().failure().stderr(predicate::str::contains(
        "bare.json: changed after `judging merge` wrote it (its digest was taken out)",
    ));
    // Yesterday's file (version 3, no digest) reads, the same prizes, with a warning in the
    // jury's results and on stderr that it cannot be checked.
    let yesterday = s.file("yesterday.json", &without.replacen("\"version\": 4", "\"version\": 3", 1));
    let unchecked = "yesterday.json was saved by an earlier judging, without a digest: whether it was changed after `judging merge` wrote it cannot be checked";
    let out = head(&s).args(["results", "--format", "json"]).arg(&yesterday).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains(unchecked), "{}", String::from_utf8_lossy(&out.stderr));
    let (now, then): (serde_json::Value, serde_json::Value) =
        (serde_json::from_str(&as_saved).expect("json"), serde_json::from_slice(&out.stdout).expect("json"));
    assert_eq!(now["prizes"], then["prizes"]);
    let warnings = then["warnings"].as_array().expect("warnings");
    assert!(warnings.iter().any(|w| w.as_str().is_some_and(|w| w.contains(unchecked))), "{warnings:?}");
    assert!(!as_saved.contains("without a digest"), "a merge saved today is checked, and says nothing of it");
    // The announcement is not made from a file that cannot be checked: relabelled as version 3,
    // its digest taken out, an edited merge had announced its winner with a warning only.
    head(&s).args(["results", "--public"]).arg(&yesterday).assert().failure().stdout(predicate::str::is_empty()).stderr(
        predicate::str::contains("without a digest, so whether it was changed after `judging merge` wrote it cannot be checked, and the announcement is not made from it"),
    );
    // Another rubric's merge is refused, its criteria shown cleaned.
    let other =
        without.replacen("\"version\": 4", "\"version\": 3", 1).replacen("\"utility\"", "\"usefulness\\u001b[2J\"", 1);
    let other = s.file("other-rubric.json", &other);
    head(&s).arg("results").arg(&other).assert().failure().stderr(
        predicate::str::contains("other-rubric.json: merged on another rubric (criteria usefulness")
            .and(predicate::str::contains("judging.toml has utility, latency, cost"))
            .and(predicate::str::contains("merge the judges' score files again with this judging.toml"))
            .and(predicate::str::contains("\u{1b}").not()),
    );
    // The same criteria weighed otherwise since the merge: its totals are not this rubric's.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let toml = std::fs::read_to_string(root.join("judging.toml")).expect("the repository's judging.toml");
    s.file("judging.toml", &toml);
    head(&s).args(["results", "--format", "json"]).arg(&saved).assert().success();
    assert_eq!(toml.matches("weight = 2.0").count(), 1, "utility's weight");
    s.file("judging.toml", &toml.replacen("weight = 2.0", "weight = 3.0", 1));
    head(&s).arg("results").arg(&saved).assert().failure().stdout(predicate::str::is_empty()).stderr(
        predicate::str::contains(
            "merged.json: merged on another rubric (the same criteria, but other scales, weights or tracks than judging.toml has now)",
        )
        .and(predicate::str::contains("give the judging.toml of that merge (--config)")),
    );
}

/// A prize by criterion's column is headed with the method wherever its figure is not the
/// judges' mean the merge's table shows under the criterion: the calibrated fit's Utility had been
/// headed plain "Utility", beside the merge's UTILITY of another value.
#[test]
fn a_prize_by_criterion_names_every_method_but_the_mean() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    for (method, heading) in
        [("calibrated", "UTILITY (CALIBRATED)"), ("median", "UTILITY (MEDIAN)"), ("mean", "UTILITY")]
    {
        let text = stdout(head(&s).args(["results", "--method", method]).args(&files));
        let demo = text.split("BEST DEMO").nth(1).unwrap_or_else(|| panic!("{method}: {text}"));
        let header = demo.lines().nth(1).unwrap_or_default();
        assert!(header.contains(&format!("{heading}  ")) || header.ends_with(heading), "{method}: {header:?}");
        if method == "mean" {
            assert!(!header.contains("(MEAN)"), "{header:?}");
        }
    }
}

/// Echo Owl first in its track on one judge's marks, the rest of the track on two judges'.
fn echo_owl_on_one_judge(s: &Sandbox) -> Vec<PathBuf> {
    let shared: [(&str, [u8; 3]); 5] = [
        ("letter-to-later", [4, 4, 4]),
        ("cloud-shapes", [3, 4, 3]),
        ("moonlight-mixer", [3, 3, 3]),
        ("pantry-poet", [3, 2, 3]),
        ("weather-bard", [2, 2, 2]),
    ];
    let ana = [&[("echo-owl", [5, 5, 5])][..], &shared].concat();
    let ben: Vec<(&str, [u8; 3])> = shared.iter().map(|(id, m)| (*id, m.map(|x| x.saturating_sub(1).max(1)))).collect();
    vec![judge_file(s, "ana", &ana), judge_file(s, "ben", &ben)]
}

#[test]
fn a_place_on_too_few_judges_is_flagged_in_every_jury_format() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = echo_owl_on_one_judge(&s);
    // The judge it rests on is named, with their leniency as the jury's table of judges shows it.
    let table = stdout(head(&s).arg("results").args(&files));
    let check =
        table.lines().find(|l| l.trim_start().starts_with("CHECK: Echo Owl")).unwrap_or_else(|| panic!("{table}"));
    let leniency =
        check.split("\"ana\" (leniency ").nth(1).and_then(|rest| rest.split(')').next()).expect("ana's leniency");
    assert!(leniency.trim_start_matches('~').starts_with('+'), "ana marks higher than ben: {check}");
    let said = format!(
        "Echo Owl (place 1) rests on the marks of one judge, \"ana\" (leniency {leniency}) (merge.min_judges is 2): have a second judge score it before announcing"
    );
    assert!(check.ends_with(&said), "{check}");
    let merged = stdout(head(&s).args(["merge", "--method", "mean"]).args(&files));
    let ana = merged.lines().find(|l| l.starts_with("ana ")).unwrap_or_else(|| panic!("{merged}"));
    assert!(ana.contains(leniency), "the leniency the jury's table shows: {ana}");
    // Each place shows its judges and its chance of a paid place.
    let echo = table.lines().find(|l| l.contains("Echo Owl")).expect("Echo Owl placed");
    assert!(echo.starts_with("    1  Echo Owl"), "{table}");
    let heading = table.lines().find(|l| l.starts_with("PLACE") && l.contains("JUDGES")).expect("a judges column");
    assert!(heading.contains("PAID"), "{heading}");
    let md = stdout(head(&s).args(["results", "--format", "md"]).args(&files));
    assert!(md.contains("**Check:** Echo Owl (place 1) rests on the marks of one judge, \"ana\" (leniency "), "{md}");
    let html = stdout(head(&s).args(["results", "--format", "html"]).args(&files));
    assert!(
        html.contains(&format!(
            "<li class=\"check\">Check: {}</li>",
            said.replace('\'', "&#39;").replace('"', "&quot;")
        )),
        "{html}"
    );
    let csv = stdout(head(&s).args(["results", "--format", "csv"]).args(&files));
    assert!(csv.lines().next().is_some_and(|h| h.ends_with(",check")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("wood,") && l.contains(&said.replace('"', "\"\""))), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(head(&s).args(["results", "--format", "json"]).args(&files))).expect("json");
    let first = &json["prizes"][1]["awards"][0];
    assert_eq!((first["id"].as_str(), first["support"]["judges"].as_u64()), (Some("echo-owl"), Some(1)), "{first}");
    assert_eq!(first["support"]["doubts"][0]["kind"], "few_judges", "{first}");
    assert_eq!(first["support"]["doubts"][0]["by"][0]["judge"], "ana", "{first}");
    assert!(first["support"]["doubts"][0]["by"][0]["leniency"].as_f64().is_some_and(|l| l > 0.0), "{first}");
    // A place the judges' marks do not decide (most badges) shows no judges.
    assert!(json["prizes"][3]["awards"].as_array().expect("awards").iter().all(|a| a.get("support").is_none()));
}

#[test]
fn every_paid_place_less_likely_than_not_to_hold_is_flagged() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = files_with_scatter(&s, 2);
    let table = stdout(head(&s).arg("results").args(&files));
    let mut flagged = 0;
    for row in table.lines().filter(|l| l.contains('%') && l.trim_start().starts_with(|c: char| c.is_ascii_digit())) {
        let cells: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
        let paid = cells.iter().find_map(|c| c.strip_suffix('%')?.parse::<u32>().ok()).expect("a chance");
        let said = format!("CHECK: {} (place {}) holds a paid place in only {paid}%", cells[1], cells[0]);
        assert_eq!(table.contains(&said), paid < 50, "{said}: {table}");
        flagged += usize::from(paid < 50);
    }
    assert!(flagged > 0, "the sample has a paid place under even chances: {table}");
}

/// An entry the event's rules exclude holds no paid place in any refit: its chance is 0, and
/// each paid ranking's chances add up to the places its entries that can win may hold. It once
/// took a share (70% for Dream Cartographer), pushing an entry that can win under 50%.
#[test]
fn an_entry_that_cannot_win_has_no_chance_of_a_paid_place() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let (json, ineligible) = merged_json(&s, &files);
    assert!(ineligible.iter().any(|i| i == "dream-cartographer"), "{ineligible:?}");
    let mut checked = 0;
    for ranking in json["rankings"].as_array().expect("rankings") {
        let name = ranking[0].as_str().expect("name");
        let Some(places) = json["paid"][name].as_u64() else { continue };
        let entries = ranking[1].as_array().expect("entries");
        let chance = |e: &serde_json::Value| e["chance"].as_f64().expect("a chance");
        let excluded = |e: &&serde_json::Value| ineligible.iter().any(|i| Some(i.as_str()) == e["id"].as_str());
        let can_win = entries.iter().filter(|e| !excluded(e)).count();
        for e in entries.iter().filter(excluded) {
            assert_eq!(chance(e), 0.0, "{name}: {e}");
            checked += 1;
        }
        let total: f64 = entries.iter().map(chance).sum();
        let want = places.min(can_win as u64) as f64;
        assert!((total - want).abs() < 1e-9, "{name}: chances add up to {total}, not {want}");
    }
    assert!(checked > 0, "an ineligible entry in a paid ranking");
}

#[test]
fn the_public_announcement_carries_nothing_of_the_jurys_deliberation() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    // A decided tie whose reason is the jury's own words, and a decision no tie needs any more.
    s.file(
        "decisions.toml",
        "[[decisions]]\nprize = \"best-demo\"\norder = [\"recipe-rescue\", \"letter-to-later\", \"echo-owl\"]\n\
         reason = \"Ana and Dee found it contested; leniency applied\"\n\n\
         [[decisions]]\nprize = \"wood\"\norder = [\"pantry-poet\", \"tiny-tarot\"]\nreason = \"Ben: not eligible, unverified\"\n",
    );
    let jury = stdout(head(&s).args(["results", "--format", "html"]).args(&files));
    assert!(jury.contains("not applied") && jury.contains("Condorcet") && jury.contains("Not eligible"), "{jury}");
    for format in ["table", "md", "html"] {
        let out = head(&s).args(["results", "--public", "--format", format]).args(&files).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let public = String::from_utf8(out.stdout).expect("utf-8");
        let lower = public.to_lowercase();
        // "undecided" is said of a tie the jury has yet to decide: that it is one, not why.
        for word in ["condorcet", "eligible", "unverified", "applied", "leniency", "contested", "check"] {
            assert!(!lower.contains(word), "{word:?} in the public {format}:\n{public}");
        }
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
        for judge in ["ana", "ben", "cai", "dee"] {
            assert!(!words.contains(&judge), "judge {judge} named in the public {format}:\n{public}");
        }
        // Places, titles, teams and amounts; the decided tie in its order; the undecided one tied.
        for want in ["Moth or Butterfly?", "Lepidoptera Ltd", "$2,500", "Shift Swap", "undecided", "Garden Gnome"] {
            assert!(public.contains(want), "{want:?} not in the public {format}:\n{public}");
        }
        let tied = public.lines().find(|l| l.contains("Moonlight Mixer") && l.contains("(tied")).expect("a tied place");
        assert!(tied.contains("Garden Gnome") && tied.contains("undecided"), "{tied}");
    }
    let md = stdout(head(&s).args(["results", "--public", "--format", "md"]).args(&files));
    assert!(md.contains("| 1 | Recipe Rescue | Second Helping | $250 |"), "the decided place, plainly: {md}");
    assert!(md.contains("| 1 (tied) | Moonlight Mixer | Nocturne | undecided | Garden Gnome |"), "{md}");
    head(&s)
        .args(["results", "--public", "--format", "csv"])
        .args(&files)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--public prints the announcement as a table, md or html"));
}

/// A prize place tied and not yet decided by the jury is announced as that, in every public
/// format: not as a place its entries share ("1=", "shared with"), which reads as joint winners.
#[test]
fn an_undecided_tie_is_announced_as_tied_and_awaiting_the_jury_not_as_shared_winners() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    for format in ["table", "md", "html"] {
        let public = stdout(head(&s).args(["results", "--public", "--format", format]).args(&files));
        // As a reader sees it: the page's and Markdown's escapes undone.
        let public = public.replace("&#39;", "'");
        let lower = public.to_lowercase();
        assert!(!public.contains("1=") && !lower.contains("shared with"), "{format}: read as joint winners\n{public}");
        // Bonus Quest Champion's place 1 is tied between Moonlight Mixer and Garden Gnome.
        let start = lower.find("bonus quest champion").expect("the prize");
        let end = lower[start..].find("community choice").map_or(lower.len(), |e| start + e);
        let prize = &public[start..end];
        assert!(
            prize.contains("Place 1 is tied between 2 entries and undecided, awaiting the jury's decision"),
            "{format}: {prize}"
        );
        let row = prize.lines().find(|l| l.contains("Moonlight Mixer")).expect("its row");
        assert!(row.contains("1 (tied)") && row.contains("Garden Gnome") && !row.contains("to be announced"), "{row}");
    }
}

/// Two backyard entries level on everything, scored by one judge: a tie for first.
fn level(s: &Sandbox) -> PathBuf {
    judge_file(s, "ana", &[("sprout-sense", [3, 3, 3]), ("bus-stop-oracle", [3, 3, 3]), ("pill-pal", [2, 2, 2])])
}

/// `results` of `file` (by the mean) with a decisions.toml of `text`: refused, nothing printed;
/// what it said on standard error.
fn refused_decisions(s: &Sandbox, file: &std::path::Path, text: &str) -> String {
    let decisions = s.file("decisions.toml", text);
    let out = head(s).args(["results", "--method", "mean", "--decisions"]).arg(&decisions).arg(file).output();
    let out = out.expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success() && out.stdout.is_empty(), "refused, nothing printed: {stderr}");
    stderr
}

#[test]
fn a_tie_waits_for_the_decisions_file_and_stale_decisions_are_reported() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    head(&s)
        .args(["results", "--method", "mean"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("1=  Sprout Sense").and(predicate::str::contains("undecided")))
        .stderr(predicate::str::contains("Backyard AI: Sprout Sense and Bus Stop Oracle tie for place 1"));
    // The decisions file beside judging.toml (here: the working folder) is read by default.
    s.file(
        "decisions.toml",
        "[[decisions]]\nprize = \"backyard\"\norder = [\"bus-stop-oracle\", \"sprout-sense\"]\nreason = \"Works offline\"\n\n\
         [[decisions]]\nprize = \"wood\"\norder = [\"pantry-poet\", \"tiny-tarot\"]\nreason = \"Old\"\n",
    );
    let table = stdout(head(&s).args(["results", "--method", "mean"]).arg(&file));
    assert!(table.contains("    1  Bus Stop Oracle"), "{table}");
    assert!(table.contains("    2  Sprout Sense") && table.contains("tie decided: Works offline"), "{table}");
    assert!(table.contains("Thousand Token Wood: Pantry Poet before Tiny Tarot, because Old (not applied"), "{table}");
    // A decision that settles no tie is a warning, on standard error and among the jury's
    // warnings: it had been said only in the list of decisions at the foot, exit 0.
    let out = head(&s).args(["results", "--method", "mean"]).arg(&file).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let said = "The decision on Thousand Token Wood (Pantry Poet before Tiny Tarot) is not applied: the prize faces no tie of exactly these entries";
    assert!(stderr.contains(said), "{stderr}");
    let warnings = table.split("WARNINGS: weigh these before announcing").nth(1).unwrap_or_default();
    assert!(warnings.split("\n\n").next().unwrap_or_default().contains(said), "{table}");
    assert!(!stderr.contains("The decision on Backyard AI"), "the applied one is no warning: {stderr}");
    let csv = stdout(head(&s).args(["results", "--method", "mean", "--format", "csv"]).arg(&file));
    assert!(
        csv.contains(
            "backyard,Backyard AI,1,bus-stop-oracle,Bus Stop Oracle,Ferry Lane,2500.00,$,awarded (tie decided)"
        ),
        "{csv}"
    );
}

/// The decision the warning of an undecided tie suggests is one the decisions file takes as it
/// stands: it had left out `reason`, and recording exactly its fields was refused ("has no
/// reason").
#[test]
fn the_decision_an_undecided_tie_suggests_is_complete() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let out = head(&s).args(["results", "--method", "mean"]).arg(&file).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let suggested = stderr
        .split("record the head judge's decision (")
        .nth(1)
        .and_then(|rest| rest.split(") to settle it").next())
        .unwrap_or_else(|| panic!("a decision suggested: {stderr}"));
    assert!(suggested.contains("reason = "), "{suggested}");
    // Its fields as they stand, in the decisions file (an inline table is a [[decisions]] table).
    let decisions = s.file("decisions.toml", &format!("decisions = [{{ {suggested} }}]\n"));
    let out = head(&s).args(["results", "--method", "mean", "--decisions"]).arg(&decisions).arg(&file).output();
    let out = out.expect("runs");
    let (table, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{suggested}: {stderr}");
    assert!(table.contains("    1  Sprout Sense") && table.contains("tie decided"), "{table}");
}

/// A decision records the place of the tie it settled: where a late score file moves the same
/// tie to another place (other amounts at stake), it is not applied and the results say why and
/// what would settle it; confirmed with the new place, or without a place (an earlier build's
/// file), it applies.
#[test]
fn a_decision_taken_for_a_tie_at_another_place_is_not_reapplied() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let decided = |place: &str| {
        format!(
            "[[decisions]]\nprize = \"backyard\"\norder = [\"bus-stop-oracle\", \"sprout-sense\"]\nreason = \"Works offline\"\n{place}"
        )
    };
    let mean = ["results", "--method", "mean", "--decisions"];
    let decisions = s.file("decisions.toml", &decided("place = 1\n"));
    let table = stdout(head(&s).args(mean).arg(&decisions).arg(&file));
    assert!(table.contains("    1  Bus Stop Oracle") && table.contains("tie decided: Works offline"), "{table}");
    assert!(table.contains("because Works offline (applied)"), "{table}");
    // A late file puts Pill Pal first: the same two tie for place 2 ($1,500 against $1,000).
    let late =
        judge_file(&s, "ben", &[("pill-pal", [5, 5, 5]), ("sprout-sense", [3, 3, 3]), ("bus-stop-oracle", [3, 3, 3])]);
    let said = "taken for the tie at place 1, the tie is now at place 2: confirm it with place = 2, or decide again";
    let out = head(&s).args(mean).arg(&decisions).arg(&file).arg(&late).output().expect("runs");
    let (table, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(table.contains("    1  Pill Pal"), "{table}");
    assert!(table.contains("2=  Sprout Sense") && !table.contains("tie decided"), "undecided: {table}");
    assert!(table.contains(&format!("because Works offline (not applied: {said})")), "{table}");
    assert!(
        stderr.contains(&format!(
            "Backyard AI: Sprout Sense and Bus Stop Oracle tie for place 2; decisions[0] is not applied: {said}"
        )),
        "{stderr}"
    );
    let payouts = stdout(head(&s).args(mean).arg(&decisions).args(["--format", "csv"]).arg(&file).arg(&late));
    assert!(!payouts.contains("tie decided"), "{payouts}");
    // Confirmed at place 2, or a file without places: applied there.
    for place in ["place = 2\n", ""] {
        let decisions = s.file("decisions.toml", &decided(place));
        let table = stdout(head(&s).args(mean).arg(&decisions).arg(&file).arg(&late));
        assert!(
            table.contains("    2  Bus Stop Oracle") && table.contains("    3  Sprout Sense"),
            "{place:?}: {table}"
        );
        assert!(table.contains("because Works offline (applied)"), "{place:?}: {table}");
    }
    // Said as every value that is not a place is: -1 and "1" had been "a whole number of 0 or
    // more", 0 "places count from 1".
    for place in ["0", "-1", "\"1\""] {
        let stderr = refused_decisions(&s, &file, &decided(&format!("place = {place}\n")));
        assert!(
            stderr.contains("decisions.toml") && stderr.contains(&format!("line 5 (`place = {place}`)")),
            "{stderr}"
        );
        assert!(
            stderr.contains("where a whole number of 1 or more is needed")
                || stderr.contains(&format!("{place} is out of range: a whole number of 1 or more is needed")),
            "{stderr}"
        );
        assert!(!stderr.contains("0 or more"), "{stderr}");
    }
    // A place the prize does not pay is no tie it could settle: refused at its line, naming the
    // file, the prize and the places it pays; the file is left as it was.
    let text = decided("place = 9\n");
    let stderr = refused_decisions(&s, &file, &text);
    assert!(
        stderr.contains("decisions.toml: line 5 (`place = 9`): decisions[0].place = 9: Backyard AI pays places 1 to 4"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(s.path().join("decisions.toml")).expect("read"), text, "kept as it was");
}

/// A tie's note and a decision name entries by title, as every jury format prints them, with
/// the prize by its name: an id is a file's key, not what a jury reads. A title from the export
/// is untrusted: it is made plain or escaped like every other.
#[test]
fn ties_and_decisions_name_entries_by_title_in_every_jury_format() {
    let s = Sandbox::new();
    let export = s.file(
        "titles.csv",
        "id,title,team,space_url,video_url,post_url,track,models,total_params,sdk\n\
         a,<b>Owl</b>\u{1b}[31m,T1,https://huggingface.co/spaces/o/a,https://youtu.be/a,https://x.com/a,backyard,m,1B,gradio\n\
         b,Twin,T2,https://huggingface.co/spaces/o/b,https://youtu.be/b,https://x.com/b,backyard,m,1B,gradio\n\
         c,Twin,T3,https://huggingface.co/spaces/o/c,https://youtu.be/c,https://x.com/c,backyard,m,1B,gradio\n\
         d,Dove,T4,https://huggingface.co/spaces/o/d,https://youtu.be/d,https://x.com/d,backyard,m,1B,gradio\n\
         e,Eel,T5,https://huggingface.co/spaces/o/e,https://youtu.be/e,https://x.com/e,backyard,m,1B,gradio\n",
    );
    head(&s).args(["pull", "--from"]).arg(&export).assert().success();
    // Five backyard entries level, for the four paid places: an undecided tie.
    let rows: Vec<(&str, [u8; 3])> = ["a", "b", "c", "d", "e"].iter().map(|id| (*id, [3, 3, 3])).collect();
    let file = judge_file(&s, "ana", &rows);
    let mean = ["results", "--method", "mean"];
    let out = head(&s).args(mean).arg(&file).output().expect("runs");
    let (table, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(table.contains("tied with Twin (b), Twin (c), Dove and Eel: "), "{table}");
    assert!(!table.contains("tied with b") && !table.contains('\u{1b}'), "{table}");
    assert!(
        stderr.contains("Backyard AI: <b>Owl</b>, Twin (b), Twin (c), Dove and Eel tie for place 1")
            && stderr.contains("order = [\"a\", \"b\", \"c\", \"d\", \"e\"]"),
        "{stderr}"
    );
    let md = stdout(head(&s).args(mean).args(["--format", "md"]).arg(&file));
    assert!(md.contains("tied with \\<b\\>Owl\\</b\\>, Twin (c), Dove and Eel"), "{md}");
    assert!(!md.contains("<b>"), "{md}");
    let html = stdout(head(&s).args(mean).args(["--format", "html"]).arg(&file));
    assert!(html.contains("tied with &lt;b&gt;Owl&lt;/b&gt;, Twin (c)"), "{html}");
    let csv = stdout(head(&s).args(mean).args(["--format", "csv"]).arg(&file));
    assert!(csv.contains("tied with Twin (b), Twin (c), Dove and Eel"), "{csv}");
    // Decided: the decision is said by the prize's name and the entries' titles.
    s.file(
        "decisions.toml",
        "[[decisions]]\nprize = \"backyard\"\norder = [\"c\", \"b\", \"a\", \"d\", \"e\"]\nreason = \"Demo\"\n",
    );
    let table = stdout(head(&s).args(mean).arg(&file));
    assert!(
        table.contains(
            "Backyard AI: Twin (c) before Twin (b) before <b>Owl</b> before Dove before Eel, because Demo (applied)"
        ),
        "{table}"
    );
    let md = stdout(head(&s).args(mean).args(["--format", "md"]).arg(&file));
    assert!(md.contains("Backyard AI: Twin (c) before Twin (b) before \\<b\\>Owl"), "{md}");
    let html = stdout(head(&s).args(mean).args(["--format", "html"]).arg(&file));
    assert!(
        html.contains("<li>Backyard AI: Twin (c) before Twin (b) before &lt;b&gt;Owl&lt;/b&gt; before Dove"),
        "{html}"
    );
}

/// A decision must order exactly the tied entries, each once: naming one twice (which once paid
/// it two places) or naming an entry outside the tie is refused with the line, and no result is
/// printed.
#[test]
fn a_decision_naming_an_entry_twice_or_outside_the_tie_is_refused_with_its_line() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let cases = [
        (
            "# the head judge's decisions\n[[decisions]]\nprize = \"backyard\"\norder = [\"sprout-sense\", \"sprout-sense\"]\nreason = \"x\"\n",
            &["line 4 (`order = [", "decisions[0].order names \"sprout-sense\" twice"][..],
        ),
        (
            "[[decisions]]\nprize = \"backyard\"\nreason = \"x\"\norder = [\"sprout-sense\", \"pill-pal\"]\n",
            &[
                "line 4 (`order = [",
                "decisions[0].order: \"pill-pal\" is not in the tie",
                "sprout-sense, bus-stop-oracle",
            ],
        ),
        // A first draft left above the final decision of the same tie: the first had been
        // applied, and the second said "not applied: the prize faces no tie of exactly these
        // entries".
        (
            "[[decisions]]\nprize = \"backyard\"\norder = [\"sprout-sense\", \"bus-stop-oracle\"]\nreason = \"first draft\"\n\n\
             [[decisions]]\nprize = \"backyard\"\norder = [\"bus-stop-oracle\", \"sprout-sense\"]\nreason = \"final\"\n",
            &[
                "line 8 (`order = [",
                "decisions[1].order names entries of prize \"backyard\" that decisions[0] (line 3) orders already",
            ],
        ),
    ];
    for (text, wants) in cases {
        let stderr = refused_decisions(&s, &file, text);
        for want in wants.iter().chain(&["decisions.toml", "no results were made"]) {
            assert!(stderr.contains(want), "{want}: {stderr}");
        }
    }
}

/// A mistyped key in decisions.toml is said as judging.toml's are, with the key it looks like:
/// it had been toml's own words ("unknown field `ordr`, expected one of `prize`, `order`, ..."),
/// leaving the head judge to spot the typo, the night before the announcement.
#[test]
fn a_mistyped_key_in_the_decisions_file_is_named_with_the_key_it_looks_like() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let cases = [
        (
            "[[decisions]]\nprize = \"backyard\"\nordr = [\"sprout-sense\", \"bus-stop-oracle\"]\nreason = \"x\"\n",
            "line 3",
            "did you mean `order`?",
        ),
        (
            "[[decisions]]\nprize = \"backyard\"\norder = [\"sprout-sense\", \"bus-stop-oracle\"]\nreson = \"x\"\n",
            "line 4",
            "did you mean `reason`?",
        ),
        ("[[decision]]\nprize = \"backyard\"\n", "line 1", "did you mean `decisions`?"),
    ];
    for (text, line, hint) in cases {
        let stderr = refused_decisions(&s, &file, text);
        for want in ["decisions.toml", line, hint] {
            assert!(stderr.contains(want), "{want}: {stderr}");
        }
        assert!(!stderr.contains("TOML parse error") && !stderr.contains(" | "), "toml's caret art: {stderr}");
    }
    // Every problem at once: the mistyped prize beside the mistyped key, each at its line, the
    // key quoted as judging.toml's are; the prize had not been said until the key was mended.
    let text = "[[decisions]]\nprize = \"wod\"\nordr = [\"sprout-sense\", \"bus-stop-oracle\"]\nreason = \"x\"\n";
    let stderr = refused_decisions(&s, &file, text);
    for want in [
        "line 2 (`prize = \"wod\"`): decisions[0].prize = \"wod\" is not a prize (did you mean \"wood\"?)",
        "line 3 (`ordr = [\"sprout-sense\", \"bus-stop-oracle\"]`): unknown field `ordr`, expected one of `prize`, `order`, `reason`, `method`, `place`: did you mean `order`?",
    ] {
        assert!(stderr.contains(want), "{want}: {stderr}");
    }
    assert!(!stderr.contains("TOML parse error") && !stderr.contains("has no order"), "{stderr}");
}

#[test]
fn bad_inputs_are_named_and_nothing_is_printed() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let bad_decisions =
        s.file("bad.toml", "[[decisions]]\nprize = \"backyrd\"\norder = [\"sprout-sense\"]\nreason = \" \"\n");
    let out = head(&s).args(["results", "--decisions"]).arg(&bad_decisions).arg(&file).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && out.stdout.is_empty());
    for want in [
        "decisions[0].prize = \"backyrd\" is not a prize",
        "order names 1 entr",
        "reason is empty",
        "no results were made",
    ] {
        assert!(stderr.contains(want), "{want}: {stderr}");
    }
    let no_prizes = s.file("none.toml", "[event]\nid = \"build-small-2026\"\nname = \"Build Small\"\n");
    head(&s)
        .args(["--config"])
        .arg(&no_prizes)
        .args(["results"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no [[prizes]]"));
    let votes = s.file(
        "votes.toml",
        "[event]\nid = \"build-small-2026\"\nname = \"B\"\n\n[[prizes]]\nid = \"people\"\nname = \"People\"\nby = \"file\"\nfile = \"votes.csv\"\namounts = [100]\n",
    );
    let with_votes = || head(&s).arg("--config").arg(&votes).arg("results").arg(&file).assert();
    with_votes()
        .failure()
        .stderr(predicate::str::contains("prize \"people\" reads").and(predicate::str::contains("votes.csv")));
    s.file("votes.csv", "id,votes\nsprout-sense,12\nbus-stop-oracle,lots\n");
    with_votes().failure().stderr(predicate::str::contains("votes.csv: line 3: \"lots\" is not a number"));
    s.file("votes.csv", "id,votes\nsprout-sense,12\nbus-stop-oracle,30\n");
    // Whole votes are shown whole, and the entries with none are said to have no value in the
    // file ("without file" had read as entries missing a file).
    with_votes().success().stdout(
        predicate::str::contains("    1  Bus Stop Oracle")
            .and(predicate::str::contains("$100"))
            .and(predicate::str::contains("30.00").not())
            .and(predicate::str::is_match(r"Bus Stop Oracle +Ferry Lane +30 ").expect("regex"))
            .and(predicate::str::contains("entries without a value in votes.csv left out")),
    );
    // A mistyped id would give its votes to no one, and the prize to another entry: refused,
    // with its line and the id it looks like; `check` says so too.
    s.file("votes.csv", "id,votes\nsprout-sense,12\nbus-stop-oracl,30\n");
    with_votes().failure().stderr(predicate::str::contains(
        "votes.csv line 3: \"bus-stop-oracl\" is not an entry of the export (did you mean bus-stop-oracle?)",
    ));
    head(&s).arg("--config").arg(&votes).args(["check", "--offline"]).assert().failure().stdout(
        predicate::str::contains(
            "votes.csv line 3: \"bus-stop-oracl\" is not an entry of the export (did you mean bus-stop-oracle?)",
        ),
    );
    let other = s.file("other.json", "{\"format\":\"judging-rankings\",\"version\":1,\"event\":\"another\",\"method\":\"mean\",\"criteria\":[],\"rankings\":[]}");
    head(&s).args(["results"]).arg(&other).assert().failure().stderr(
        predicate::str::contains("a merge for event \"another\", not for this one")
            .and(predicate::str::contains("this judging.toml").not()),
    );
}

#[test]
fn finance_csv_is_safe_to_open_in_a_spreadsheet() {
    let s = Sandbox::new();
    let export = s.file(
        "export.csv",
        "id,title,team,space_url,video_url,post_url,track,sdk,total_params\n\
         sprout-sense,=HYPERLINK(\"http://x\"),@team,https://huggingface.co/spaces/o/s,https://v.example/1,https://p.example/1,backyard,gradio,1B\n",
    );
    head(&s).args(["pull", "--from"]).arg(&export).assert().success();
    let file = judge_file(&s, "ana", &[("sprout-sense", [4, 4, 4])]);
    let csv = stdout(head(&s).args(["results", "--format", "csv"]).arg(&file));
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'@team"), "{csv}");
}

#[test]
fn entrants_text_is_plain_text_in_markdown_results() {
    let s = Sandbox::new();
    let export = s.file(
        "hostile.csv",
        "id,title,team,space_url,video_url,post_url,track,models,total_params,sdk\n\
         x,<script>alert(1)</script>,[team](javascript:alert(1)),https://huggingface.co/spaces/o/x,https://youtu.be/x,https://x.com/p,wood,m,1B,gradio\n\
         y,![pixel](https://evil.example/t.png),a | b,https://huggingface.co/spaces/o/y,https://youtu.be/y,https://x.com/q,backyard,m,1B,gradio\n",
    );
    head(&s).args(["pull", "--from"]).arg(&export).assert().success();
    let file = judge_file(&s, "ana", &[("x", [5, 5, 5]), ("y", [4, 4, 4])]);
    let md = stdout(head(&s).args(["results", "--format", "md"]).arg(&file));
    // A link is a `]` and a `(`: the bracket escaped, the parenthesis is text.
    let a_link = |t: &str| t.match_indices("](").any(|(at, _)| !t[..at].ends_with('\\'));
    for raw in ["<script>", "![pixel](", "a | b"] {
        assert!(!md.contains(raw), "{raw:?} reached the Markdown:\n{md}");
    }
    assert!(!a_link(&md) && md.contains("\\[team\\](javascript:alert(1))"), "{md}");
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>") && md.contains("a \\| b"), "{md}");
    let public = stdout(head(&s).args(["results", "--public", "--format", "md"]).arg(&file));
    for raw in ["<script>", "![pixel](", "a | b"] {
        assert!(!public.contains(raw), "{raw:?} reached the public Markdown:\n{public}");
    }
    assert!(!a_link(&public), "{public}");
    let html = stdout(head(&s).args(["results", "--public", "--format", "html"]).arg(&file));
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
}

/// JSON keeps an entrant's title as given, but writes a bidi override, an isolate, a direction
/// mark, a C1 control or a zero-width space escaped: a terminal showing the JSON cannot be made to
/// draw "gnp.exe" backwards or hide a word, and a program reading it gets the title unchanged.
#[test]
fn json_output_escapes_what_a_reader_cannot_see_and_keeps_the_value() {
    let s = Sandbox::new();
    let title = "Evil \u{202e}gnp.exe \u{2066}x\u{2069} \u{200f}\u{61c}\u{9b}2J \u{200b}end";
    let team = "Team\u{200e} \u{202d}d";
    let export = s.file(
        "hostile.csv",
        &format!(
            "id,title,team,space_url,video_url,post_url,track,models,total_params,sdk\n\
             x,{title},{team},https://huggingface.co/spaces/o/x,https://youtu.be/x,https://x.com/p,wood,m,1B,gradio\n\
             y,Plain,Other,https://huggingface.co/spaces/o/y,https://youtu.be/y,https://x.com/q,wood,m,1B,gradio\n"
        ),
    );
    head(&s).args(["pull", "--from"]).arg(&export).assert().success();
    let file = judge_file(&s, "ana", &[("x", [5, 5, 5]), ("y", [4, 4, 4])]);
    for args in [
        &["results", "--format", "json"][..],
        &["merge", "--format", "json"],
        &["merge", "--format", "json", "--entry", "x"],
        &["list", "--format", "json"],
    ] {
        let mut cmd = head(&s);
        cmd.args(args);
        if args[0] != "list" {
            cmd.arg(&file);
        }
        let text = stdout(&mut cmd);
        let raw: Vec<char> = text.chars().filter(|&c| c != '\n' && judging::sanitize::hides(c)).collect();
        assert!(raw.is_empty(), "{args:?} printed {raw:?} raw:\n{text}");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        if args[0] != "list" {
            // Data: the title (and the results' team) as the export gave them.
            let all = value.to_string();
            assert!(all.contains(&serde_json::to_string(title).expect("json")), "{args:?}: {text}");
            assert!(args[0] != "results" || all.contains(&serde_json::to_string(team).expect("json")), "{text}");
        }
    }
}

/// CSV shows what a reader could not see in an entrant's title and team, each as its escape:
/// a zero-width space had gone into the spreadsheet raw (a title that reads as another, and
/// sorts apart from it) and a direction mark had been dropped without a word. A CSV has no
/// escapes of its own, so the escape is written as text, as every message shows such a name.
#[test]
fn csv_output_shows_what_a_reader_cannot_see() {
    let s = Sandbox::new();
    let title = "Evil \u{202e}gnp.exe \u{2066}x\u{2069} \u{200f}\u{61c}\u{9b}2J \u{200b}end\u{2060}";
    let team = "Team\u{200e} \u{feff}d";
    let export = s.file(
        "hostile.csv",
        &format!(
            "id,title,team,space_url,video_url,post_url,track,models,total_params,sdk\n\
             x,{title},{team},https://huggingface.co/spaces/o/x,https://youtu.be/x,https://x.com/p,wood,m,1B,gradio\n\
             y,Plain,Other,https://huggingface.co/spaces/o/y,https://youtu.be/y,https://x.com/q,wood,m,1B,gradio\n"
        ),
    );
    head(&s).args(["pull", "--from"]).arg(&export).assert().success();
    let file = judge_file(&s, "ana", &[("x", [5, 5, 5]), ("y", [4, 4, 4])]);
    let shown = r"Evil \u{202e}gnp.exe \u{2066}x\u{2069} \u{200f}\u{61c} \u{200b}end\u{2060}";
    for args in [&["results", "--format", "csv"][..], &["merge", "--format", "csv"], &["list", "--format", "csv"]] {
        let mut cmd = head(&s);
        cmd.args(args);
        if args[0] != "list" {
            cmd.arg(&file);
        }
        let text = stdout(&mut cmd);
        let raw: Vec<char> = text.chars().filter(|&c| c != '\n' && judging::sanitize::hides(c)).collect();
        assert!(raw.is_empty(), "{args:?} printed {raw:?} raw:\n{text}");
        assert!(text.contains(shown), "{args:?}: the title shown\n{text}");
        assert!(args[0] == "merge" || text.contains(r"Team\u{200e} \u{feff}d"), "{args:?}: the team shown\n{text}");
    }
}

#[test]
fn the_merge_gives_each_entry_its_chance_of_a_paid_place() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let csv = stdout(head(&s).args(["merge", "--format", "csv"]).args(&files));
    let header: Vec<&str> = csv.lines().next().unwrap_or_default().split(',').collect();
    let column = header.iter().position(|h| *h == "paid_chance").expect("a paid_chance column");
    let chances: Vec<(String, f64)> = csv
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("backyard,"))
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[2].to_owned(), cells[column].parse::<f64>().expect("a chance in every paid ranking's row"))
        })
        .collect();
    // Four places are paid in the track: the chances add up to four, the top is likelier than the
    // bottom, and every one is a probability.
    let total: f64 = chances.iter().map(|(_, c)| c).sum();
    assert!((total - 4.0).abs() < 0.01, "{total}: {chances:?}");
    assert!(chances.iter().all(|(_, c)| (0.0..=1.0).contains(c)));
    assert!(chances[0].1 > chances[chances.len() - 1].1, "{chances:?}");
    // The overall ranking pays no prize by score of its own: no chance there.
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let overall: Vec<csv::StringRecord> =
        rows.records().map(|r| r.expect("a row")).filter(|r| &r[0] == "overall").collect();
    assert!(!overall.is_empty() && overall.iter().all(|r| r[column].is_empty()), "{csv}");
    let table = stdout(head(&s).args(["merge"]).args(&files));
    assert!(table.contains("PAID: how sure an entry is of one of the 4 paid places"), "{table}");
    assert!(table.contains("It need not follow the order"), "why PAID may run out of order: {table}");
    assert!(table.contains("To discuss"), "{table}");
    // Each list to discuss: in place order, five at most, then how many more.
    for line in table.lines().filter(|l| l.starts_with("To discuss (")) {
        let count: usize =
            line["To discuss (".len()..].split(' ').next().and_then(|n| n.parse().ok()).expect("a count");
        let places: Vec<usize> =
            line.split('#').skip(1).filter_map(|p| p.split(' ').next().and_then(|n| n.parse().ok())).collect();
        assert!(places.windows(2).all(|w| w[0] <= w[1]), "in place order: {line}");
        assert_eq!(places.len(), count.min(5), "{line}");
        assert_eq!(line.contains(&format!("and {} more", count.saturating_sub(5))), count > 5, "{line}");
    }
    let without = stdout(head(&s).args(["merge", "--no-chances", "--format", "csv"]).args(&files));
    let mut rows = csv::Reader::from_reader(without.as_bytes());
    let paid = rows.headers().expect("a header").iter().position(|h| h == "paid_chance").expect("the column");
    assert!(rows.records().all(|r| r.expect("a row")[paid].is_empty()), "{without}");
    // Another method has no chances, and says so only when they were asked for.
    head(&s)
        .args(["merge", "--method", "mean", "--chances"])
        .args(&files)
        .assert()
        .success()
        .stderr(predicates::str::contains("chances of a paid place come from the calibrated method"));
}

#[test]
fn payouts_give_one_row_per_team_and_pay_no_undecided_tie() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let csv = stdout(head(&s).args(["results", "--format", "payouts"]).args(&files));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let teams: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap_or_default()).collect();
    let pool_at = teams.iter().position(|t| t.starts_with("POOL TOTAL")).expect("a pool row");
    // Each team once, and the pool is the sum of the teams' totals.
    let mut seen = std::collections::HashSet::new();
    assert!(teams[..pool_at].iter().all(|t| seen.insert(*t)), "{teams:?}");
    let total = |r: &csv::StringRecord| r.get(2).and_then(|t| t.parse::<f64>().ok()).unwrap_or(-1.0);
    let sum: f64 = rows[..pool_at].iter().map(total).sum();
    assert!((sum - total(&rows[pool_at])).abs() < 1e-6, "{csv}");
    // The sample has undecided ties: listed apart, and in no team's total.
    let undecided = rows.iter().find(|r| r.get(0).is_some_and(|t| t.starts_with("UNDECIDED"))).expect("undecided row");
    assert!(undecided.get(1).is_some_and(|a| a.contains("place 1")), "{csv}");
    // Every tied entry by its title and id, none by its id alone.
    let said = undecided.get(1).unwrap_or_default();
    assert!(!said.contains(", (") && !said.contains(": ("), "a title dropped: {said}");
    assert!(csv.contains("undecided tie: not paid yet"), "{csv}");
    // The paid pool plus the undecided shares is every amount the results give.
    let json: serde_json::Value =
        serde_json::from_str(&stdout(head(&s).args(["results", "--format", "json"]).args(&files))).expect("json");
    let paid: f64 = json["prizes"]
        .as_array()
        .expect("prizes")
        .iter()
        .flat_map(|p| p["awards"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a["amount"].as_f64())
        .sum();
    assert!((paid - total(&rows[pool_at])).abs() < 1e-6, "paid {paid} against the pool row: {csv}");
}

/// A team's page never contradicts itself: where an entry ranked above it could not win, its
/// prize place differs from its place in the ranking, and the page says why beside the prize.
#[test]
fn a_prize_place_that_differs_from_the_ranking_place_says_why() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let dir = s.path().join("pages");
    head(&s).arg("feedback").args(&files).arg("-o").arg(&dir).assert().success();
    let mut explained = 0;
    for entry in std::fs::read_dir(&dir).expect("pages").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("page");
        if entry.path().extension().is_none_or(|e| e != "md") || entry.file_name() == "index.md" {
            continue;
        }
        // "Place 3 of 19 in Thousand Token Wood" against "Thousand Token Wood, prize place 2".
        for line in text.lines().filter(|l| l.contains("Place ") && l.contains(" of ") && l.contains(" in ")) {
            let (Some(place), Some(ranking)) =
                (line.split("Place ").nth(1).and_then(|r| r.split([' ', ',']).next()), line.rsplit(" in ").next())
            else {
                continue;
            };
            let ranking = ranking.trim().trim_end_matches('.');
            let won = format!("{ranking}, prize place ");
            let Some(prize) = text.lines().find(|l| l.contains(&won)) else { continue };
            let prize_place =
                prize.split(&won).nth(1).and_then(|r| r.split([' ', ';', '(']).next()).unwrap_or_default();
            if prize_place != place {
                assert!(prize.contains("could not win"), "{:?}: {line:?} but {prize:?}", entry.file_name());
                explained += 1;
            }
        }
    }
    assert!(explained > 0, "the sample event has an entry paid above its ranking place (one above it is ineligible)");
}

/// A prize file's row for an entry withdrawn from the export is said (its votes count for no
/// prize), in the warnings on stderr and in the JSON the jury keeps; the results are made.
#[test]
fn a_prize_files_row_for_a_withdrawn_entry_is_said() {
    let s = Sandbox::new();
    let file = common::score_file(&s, "f.json", |_| {});
    head(&s).args(["pull", "--from", "builtin:sample"]).assert().success();
    head(&s).args(["pull", "--from", "builtin:sample-v2"]).assert().success();
    let votes = s.file(
        "votes.toml",
        "[event]\nid = \"build-small-2026\"\nname = \"B\"\n\n[[prizes]]\nid = \"people\"\nname = \"People\"\nby = \"file\"\nfile = \"votes.csv\"\namounts = [100]\n\n[[judges]]\nname = \"mira\"\n",
    );
    s.file("votes.csv", "id,votes\nsprout-sense,12\ndream-cartographer,30\n");
    let said = "votes.csv line 3: \"dream-cartographer\" is withdrawn from the export, so its value (30) counts for no prize (\"people\")";
    let out =
        head(&s).arg("--config").arg(&votes).args(["results", "--format", "json"]).arg(&file).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains(said), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        json["warnings"].as_array().expect("warnings").iter().any(|w| w.as_str().is_some_and(|w| w.contains(said))),
        "{json}"
    );
    // The merge's own warnings reach the jury's results too, not stderr alone: the file's judge
    // is not listed in [[judges]].
    let merged = "judge \"forger\" is not among the event's judges ([[judges]])";
    assert!(json["warnings"][0].as_str().is_some_and(|w| w.starts_with(merged)), "{json}");
    let out = head(&s).arg("--config").arg(&votes).arg("results").arg(&file).output().expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains(&format!("WARNINGS: weigh these before announcing\n  - {merged}")), "{table}");
    // `check` says it as `results` does, a warning (it had called the row a typo, and failed),
    // from the store's withdrawn entries; only --strict fails on it.
    let check = || head(&s).arg("--config").arg(&votes).args(["check", "--from", "builtin:sample-v2"]).assert();
    check().success().stdout(
        predicate::function(|out: &str| out.lines().any(|l| l.starts_with("  warning: ") && l.ends_with(said)))
            .and(predicate::str::contains("not an entry").not()),
    );
    head(&s)
        .arg("--config")
        .arg(&votes)
        .args(["check", "--from", "builtin:sample-v2", "--strict"])
        .assert()
        .failure()
        .stdout(predicate::str::contains(said));
    // A row for an id no export ever had is still a typo, in both.
    s.file("votes.csv", "id,votes\nsprout-sense,12\ndream-cartographr,30\n");
    check()
        .failure()
        .stdout(predicate::str::contains("votes.csv line 3: \"dream-cartographr\" is not an entry of the export"));
}

/// `check` reads the head judge's decisions as `results` reads them: a decision naming an entry
/// the store does not have had passed "Ready." and then stopped `results` the night before.
#[test]
fn check_reads_the_decisions_as_results_does() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let decided = |first: &str| {
        format!("[[decisions]]\nprize = \"wood\"\norder = [\"{first}\", \"pantry-poet\"]\nreason = \"coin\"\n")
    };
    s.file("decisions.toml", &decided("bus-stop-oracl"));
    let said = "\"bus-stop-oracl\" is not an entry in the store; did you mean bus-stop-oracle?";
    let out = head(&s).arg("check").output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("  ./decisions.toml: line 3") && l.ends_with(said)), "{stdout}");
    head(&s).arg("results").args(sample_files(&s)).assert().failure().stderr(predicate::str::contains(said));
    // A good one is counted, and ready.
    s.file("decisions.toml", &decided("bus-stop-oracle"));
    head(&s).arg("check").assert().success().stdout(predicate::str::contains("decisions.toml: 1 decision\n"));
    // One that does not read is said at its line.
    s.file("decisions.toml", "[[decisions]\n");
    let out = head(&s).arg("check").output().expect("runs");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("  ./decisions.toml: "),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!out.status.success());
}

/// A prize file's row with more cells than its header ("5,5", a decimal written with a comma,
/// read as two cells) is refused by `results` and `check` alike, at its line: it had been read
/// as 5 in silence.
#[test]
fn a_prize_file_row_with_more_cells_than_its_header_is_refused() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let votes = s.file(
        "votes.toml",
        "[event]\nid = \"build-small-2026\"\nname = \"B\"\n\n[[prizes]]\nid = \"people\"\nname = \"People\"\nby = \"file\"\nfile = \"votes.csv\"\namounts = [100]\n",
    );
    s.file("votes.csv", "id,votes\nsprout-sense,5,5\nbus-stop-oracle,9\n");
    let said = "votes.csv: line 2: the row has 3 cells where the header has 2";
    let decimal = "\"5,5\" looks like a decimal written with a comma: decimals take a point (5.5)";
    head(&s)
        .arg("--config")
        .arg(&votes)
        .arg("results")
        .arg(&file)
        .assert()
        .failure()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(said).and(predicate::str::contains(decimal)));
    head(&s)
        .arg("--config")
        .arg(&votes)
        .args(["check", "--offline"])
        .assert()
        .failure()
        .stdout(predicate::str::contains(said).and(predicate::str::contains(decimal)));
    // A row with a comma that is no decimal is refused too, without the decimal's hint.
    s.file("votes.csv", "id,votes\nsprout-sense,12\nbus-stop-oracle,9,nine\n");
    head(&s).arg("--config").arg(&votes).args(["check", "--offline"]).assert().failure().stdout(
        predicate::str::contains("votes.csv: line 3: the row has 3 cells where the header has 2")
            .and(predicate::str::contains("decimal").not()),
    );
}

/// A prize file's first line is its header, and is checked as one, by `results` and `check`
/// alike: a file without one (its first row would be read as the header, and its votes lost
/// with a paid place), a first column not headed `id`, and a negative value (which had won a
/// paid place) are each refused at their line.
#[test]
fn a_prize_files_header_is_checked_and_a_negative_value_refused() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let votes = s.file(
        "votes.toml",
        "[event]\nid = \"build-small-2026\"\nname = \"B\"\n\n[[prizes]]\nid = \"people\"\nname = \"People\"\nby = \"file\"\nfile = \"votes.csv\"\namounts = [100]\n",
    );
    let refused = |text: &str, said: &str| {
        s.file("votes.csv", text);
        head(&s)
            .arg("--config")
            .arg(&votes)
            .arg("results")
            .arg(&file)
            .assert()
            .failure()
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(said));
        head(&s)
            .arg("--config")
            .arg(&votes)
            .args(["check", "--offline"])
            .assert()
            .failure()
            .stdout(predicate::str::contains(said));
    };
    refused(
        "sprout-sense,5\nbus-stop-oracle,9\n",
        "votes.csv: line 1: \"sprout-sense,5\" looks like an entry's row, but the first line is taken as the header: add one, `id,votes`",
    );
    refused(
        "entry,votes\nsprout-sense,5\nbus-stop-oracle,9\n",
        "votes.csv: line 1: the header names its first column \"entry\"; a prize file's first column is the entries' ids, headed `id`",
    );
    refused(
        "id,votes\nsprout-sense,5\nbus-stop-oracle,-3\n",
        "votes.csv: line 3: \"-3\" is negative; a prize file's values (votes, a judged score) are 0 or more",
    );
    // With its header, the same rows are read, both of them.
    s.file("votes.csv", "id,votes\nsprout-sense,5\nbus-stop-oracle,9\n");
    head(&s)
        .arg("--config")
        .arg(&votes)
        .arg("results")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("38 entries without a value in votes.csv left out"));
    head(&s).arg("--config").arg(&votes).args(["check", "--offline"]).assert().success();
}

/// A prize's tag no entry carries (`sponsor:openbm` for `sponsor:openbmb`) had left the prize
/// "Not awarded" without a word: `results` says so, with the tags that look like it, among the
/// jury's warnings and on stderr (`--public` too), and `check` fails on it as on a prize file's
/// mistyped id; a tag nothing looks like (no entry took up the sponsor yet) is a warning there.
#[test]
fn a_prize_tag_no_entry_carries_is_said() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let toml = |tag: &str| {
        s.file(
            "tagged.toml",
            &format!(
                "[event]\nid = \"build-small-2026\"\nname = \"B\"\n\n[[prizes]]\nid = \"wood\"\nname = \"Wood\"\ntrack = \"wood\"\namounts = [100]\n\n[[prizes]]\nid = \"openbmb\"\nname = \"OpenBMB\"\ntag = \"{tag}\"\namounts = [100]\n"
            ),
        )
    };
    let config = toml("sponsor:openbm");
    let said = "tagged.toml: line 14 (`tag = \"sponsor:openbm\"`): prizes[1] (\"openbmb\").tag: no entry carries the tag \"sponsor:openbm\" (did you mean sponsor:openbmb?), so no entry can win it";
    let out = head(&s).arg("--config").arg(&config).arg("results").arg(&file).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(said), "{stderr}");
    let warnings = stdout.split("WARNINGS: weigh these before announcing").nth(1).unwrap_or_default();
    assert!(warnings.contains(said), "{stdout}");
    let out =
        head(&s).arg("--config").arg(&config).args(["results", "--format", "json"]).arg(&file).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        json["warnings"].as_array().expect("warnings").iter().any(|w| w.as_str().is_some_and(|w| w.contains(said))),
        "{json}"
    );
    head(&s)
        .arg("--config")
        .arg(&config)
        .args(["results", "--public"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(said));
    head(&s)
        .arg("--config")
        .arg(&config)
        .args(["check", "--offline"])
        .assert()
        .failure()
        .stdout(predicate::str::contains(said));
    // A tag nothing looks like: said, a warning in `check` (failing only with --strict).
    let config = toml("sponsor:acme");
    let said = "prizes[1] (\"openbmb\").tag: no entry carries the tag \"sponsor:acme\", so no entry can win it";
    head(&s)
        .arg("--config")
        .arg(&config)
        .args(["check", "--offline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("  warning: ").and(predicate::str::contains(said)))
        // Under a line of its own, not under the export's "0 warnings" as if that count were wrong.
        .stdout(
            predicate::str::contains("tagged.toml's prizes against ")
                .and(predicate::str::contains(": 1 tag no entry carries\n  warning: ")),
        );
    head(&s).arg("--config").arg(&config).args(["check", "--offline", "--strict"]).assert().failure();
    head(&s)
        .arg("--config")
        .arg(&config)
        .arg("results")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(said));
    // A tag an entry carries, in any case, says nothing.
    let config = toml("SPONSOR:OpenBMB");
    head(&s)
        .arg("--config")
        .arg(&config)
        .args(["check", "--offline", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::contains("carries").not());
}

/// Four judges' files: ana and ben mark six Backyard entries fairly; eve and gus mark two of
/// them, and Pill Pal, two points above. The head judge's store pulled.
fn two_lenient_judges() -> (Sandbox, Vec<std::path::PathBuf>) {
    lenient_judges_giving_pill_pal([4, 4, 4])
}

/// [`two_lenient_judges`], the two lenient judges giving Pill Pal `marks`.
fn lenient_judges_giving_pill_pal(marks: [u8; 3]) -> (Sandbox, Vec<std::path::PathBuf>) {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let fair: [(&str, [u8; 3]); 6] = [
        ("sprout-sense", [5, 5, 5]),
        ("meter-reader", [5, 5, 4]),
        ("stair-scout", [5, 4, 4]),
        ("fix-it-fern", [5, 4, 3]),
        ("recipe-rescue", [2, 2, 2]),
        ("shift-swap", [2, 2, 2]),
    ];
    let lenient: [(&str, [u8; 3]); 3] = [("recipe-rescue", [4, 4, 4]), ("shift-swap", [4, 4, 4]), ("pill-pal", marks)];
    let files = vec![
        judge_file(&s, "ana", &fair),
        judge_file(&s, "ben", &fair),
        judge_file(&s, "eve", &lenient),
        judge_file(&s, "gus", &lenient),
    ];
    (s, files)
}

/// Under a method that keeps each judge's leniency, a paid place of any prize whose judges mark
/// well above their co-judges is checked, as a thin one is: Pill Pal, scored only by two judges
/// who mark two points above the others, took Tiny Titan by the mean from 5th in its track, and
/// no output said so (the merge's warning looks at each track's paid places only, and a prize
/// narrowed by size has no chance to doubt). The calibrated method takes leniency out, and says
/// nothing.
#[test]
fn a_paid_place_of_any_prize_on_lenient_judges_is_checked_under_the_mean() {
    let (s, files) = two_lenient_judges();
    let json = |method: &str| -> serde_json::Value {
        let out = stdout(head(&s).args(["results", "--method", method, "--format", "json"]).args(&files));
        serde_json::from_str(&out).expect("json")
    };
    let mean = json("mean");
    let tiny = mean["prizes"].as_array().expect("prizes").iter().find(|p| p["id"] == "tiny-titan").expect("tiny titan");
    let award = &tiny["awards"][0];
    assert_eq!(award["id"], "pill-pal", "{tiny}");
    let doubts = award["support"]["doubts"].as_array().unwrap_or_else(|| panic!("no doubts: {award}"));
    let lenient = doubts.iter().find(|d| d["kind"] == "lenient").unwrap_or_else(|| panic!("{award}"));
    assert_eq!(
        (lenient["method"].as_str(), lenient["by"].as_array().map(Vec::len)),
        (Some("mean"), Some(2)),
        "{lenient}"
    );
    assert!(lenient["mean"].as_f64().is_some_and(|m| m > 0.5), "{lenient}");
    let table = stdout(head(&s).args(["results", "--method", "mean"]).args(&files));
    let check = table
        .lines()
        .find(|l| l.trim_start().starts_with("CHECK: Pill Pal (place 1) rests on lenient marks"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        check.contains("its judges mark on average")
            && check.contains("\"eve\" ~+")
            && check.contains("the mean method keeps as given"),
        "{check}"
    );
    // The jury's warning names the places as the prizes pay them, not the merge's ranking places
    // (an entry a prize passed over had been named by its first place in a track it did not win).
    let warned = table.lines().find(|l| l.contains("Paid places that rest on lenient judges")).unwrap_or_default();
    assert!(warned.contains("Pill Pal (Tiny Titan, place 1)"), "{table}");
    assert_eq!(table.matches("Paid places that rest on lenient judges").count(), 1, "{table}");
    assert!(!warned.contains("st in ") && !warned.contains("th in "), "{warned}");
    let csv = stdout(head(&s).args(["results", "--method", "mean", "--format", "csv"]).args(&files));
    assert!(csv.lines().any(|l| l.starts_with("tiny-titan,") && l.contains("rests on lenient marks")), "{csv}");
    // The calibrated method takes each judge's leniency out: nothing to check on that count.
    let calibrated = json("calibrated").to_string();
    assert!(!calibrated.contains("\"lenient\""), "{calibrated}");
}

/// Where the lenient judges' entry tops its track's ranking, the merge warns of it by its
/// ranking place and the results by the places the prizes pay: the results say the prizes' one
/// alone, on stdout and on stderr, from the files as from a saved merge. They had said both,
/// the merge's "1st in Backyard AI" beside the prizes' own, as the files were cleared before the
/// results asked whether the prizes' could be worked out.
#[test]
fn the_results_warn_of_places_on_lenient_judges_once() {
    let (s, files) = lenient_judges_giving_pill_pal([5, 5, 5]);
    let saved = s.path().join("merged.json");
    head(&s).args(["merge", "--method", "mean", "--format", "json", "-o"]).arg(&saved).args(&files).assert().success();
    let merge = head(&s).args(["merge", "--method", "mean"]).args(&files).output().expect("runs");
    let merged = String::from_utf8_lossy(&merge.stdout);
    assert!(
        merged.contains("Paid places that rest on lenient judges") && merged.contains("Pill Pal (1st in"),
        "{merged}"
    );
    for input in [&files[..], std::slice::from_ref(&saved)] {
        let out = head(&s).args(["results", "--method", "mean"]).args(input).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        for said in [String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)] {
            assert_eq!(said.matches("Paid places that rest on lenient judges").count(), 1, "{said}");
            assert!(said.contains("Pill Pal (Backyard AI, place 1)") && !said.contains("1st in"), "{said}");
        }
    }
}

/// A saved merge's text as a judging of version 3 wrote it: no digest, and no `lenient_by`,
/// which comes last.
fn before_lenient_by(text: &str) -> String {
    let cut = text.find(",\n  \"lenient_by\"").unwrap_or_else(|| panic!("no lenient_by: {text}"));
    let kept: String = text[..cut].lines().filter(|l| !l.contains("\"digest\"")).map(|l| format!("{l}\n")).collect();
    kept.replacen("\"version\": 4", "\"version\": 3", 1) + "}\n"
}

/// A merge saved under the mean carries which judges each lenient entry rests on, so that the
/// results from it check a place on lenient marks as the results from the score files do: the
/// saved merge had given the jury no such check, without a word. One saved before it carried
/// them says it cannot be checked.
#[test]
fn a_saved_merge_checks_places_on_lenient_judges_as_the_files_do() {
    let (s, files) = two_lenient_judges();
    let saved = s.path().join("merged.json");
    head(&s).args(["merge", "--method", "mean", "--format", "json", "-o"]).arg(&saved).args(&files).assert().success();
    // Each award's prize, place, entry and check, as the CSV has them.
    let checks = |csv: &str| -> Vec<(String, String)> {
        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        let header = rows.headers().expect("header").clone();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}: {header:?}"));
        let (prize, place, entry, check) = (column("prize_id"), column("place"), column("entry_id"), column("check"));
        rows.records()
            .map(|r| r.expect("row"))
            .map(|r| (format!("{} {} {}", &r[prize], &r[place], &r[entry]), r[check].to_owned()))
            .collect()
    };
    let csv_of =
        |input: &[PathBuf]| stdout(head(&s).args(["results", "--method", "mean", "--format", "csv"]).args(input));
    let (from_files, from_saved) = (checks(&csv_of(&files)), checks(&csv_of(std::slice::from_ref(&saved))));
    assert!(
        from_files.iter().any(
            |(award, check)| award.starts_with("tiny-titan 1 pill-pal") && check.contains("rests on lenient marks")
        ),
        "{from_files:?}"
    );
    assert_eq!(from_saved, from_files, "the same check for every award");
    // Saved before merges carried it: it reads, and says what it cannot check.
    let text = std::fs::read_to_string(&saved).expect("saved");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert!(value["lenient_by"]["pill-pal"].as_array().is_some_and(|j| j.len() == 2), "{}", value["lenient_by"]);
    let older = s.file("older.json", &before_lenient_by(&text));
    let out = head(&s).args(["results", "--format", "json"]).arg(&older).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = "older.json was saved by an earlier judging, without which judges each entry rests on: whether a paid place rests on lenient judges, whose marks the mean method keeps as given, cannot be checked from it";
    assert!(String::from_utf8_lossy(&out.stderr).contains(said), "{}", String::from_utf8_lossy(&out.stderr));
    let warnings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(warnings["warnings"].to_string().contains(said), "{}", warnings["warnings"]);
    // Its own warning of paid places on lenient judges is all it has to say of them: kept, as the
    // prizes' own cannot be worked out from it.
    let lenient = "Paid places that rest on lenient judges, which the mean method keeps as given (1): Pill Pal (1st in Backyard AI)";
    let older_warned =
        before_lenient_by(&text).replacen("\"warnings\": [", &format!("\"warnings\": [\n    \"{lenient}\","), 1);
    assert!(older_warned.contains(lenient), "the warning put in");
    let older = s.file("older-warned.json", &older_warned);
    let out = head(&s).args(["results", "--format", "json"]).arg(&older).output().expect("runs");
    let kept: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(kept["warnings"].to_string().contains(lenient), "{}", kept["warnings"]);
    // A merge by a method that takes leniency out has nothing to check on that count, and says
    // nothing of it.
    head(&s).args(["merge", "--format", "json", "-o"]).arg(&saved).args(&files).assert().success();
    let calibrated = s.file("calibrated.json", &before_lenient_by(&std::fs::read_to_string(&saved).expect("saved")));
    let out = head(&s).args(["results", "--format", "json"]).arg(&calibrated).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("without which judges"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A prize by badges may go to an entry no judge scored in full (the rules let it): every jury
/// format says so beside its place, in the merge's words, so the jury does not take it for
/// judged; the JSON gives why (`unranked`); the announcement says nothing of it, as it says of no
/// winner how its place was reached.
#[test]
fn a_badges_prize_won_by_an_entry_no_judge_scored_says_so_to_the_jury_only() {
    let s = Sandbox::new();
    // The sample, with Garden Gnome one badge short: Moonlight Mixer has the most badges alone.
    let sample =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample-export.csv")).expect("the sample");
    let export: String = sample
        .lines()
        .map(|l| {
            let l = if l.starts_with("garden-gnome-gpt,") {
                l.replacen("achievement:offgrid, ", "", 1)
            } else {
                l.to_owned()
            };
            l + "\n"
        })
        .collect();
    assert_ne!(export, sample, "Garden Gnome loses a badge");
    let export = s.file("export.csv", &export);
    head(&s).arg("pull").arg("--from").arg(&export).assert().success();
    let files = files_leaving_out(&s, 0, &["moonlight-mixer"]);
    let said = "not scored in full by any judge, so in no ranking";
    let results = |format: &str| stdout(head(&s).args(["results", "--format", format]).args(&files));

    let table = results("table");
    let quest = &table[table.find("BONUS QUEST CHAMPION").expect("the prize")..];
    let row = quest.lines().nth(2).expect("its first place");
    assert!(row.contains("Moonlight Mixer") && row.contains("$250") && row.ends_with(said), "{table}");
    let md = results("md");
    assert!(md.contains(&format!("| 1 | Moonlight Mixer | Nocturne | 3 | $250 | {said} |")), "{md}");
    let html = results("html");
    let quest = section(&html, "Bonus Quest Champion");
    assert!(quest.contains("<th>Note</th>") && quest.contains(&format!("<td>{said}</td>")), "{quest}");
    let csv = results("csv");
    let row = csv.lines().find(|l| l.starts_with("bonus-quest,")).expect("its row");
    assert!(row.contains(",moonlight-mixer,") && row.contains(&format!(",awarded,\"{said}\",")), "{csv}");
    // Said of that place alone: the prizes by score name it as left out, in their own words
    // (the CSV, a row per award, has no prize's notes).
    for (format, text) in [("table", &table), ("md", &md), ("html", &html), ("csv", &csv)] {
        assert_eq!(text.matches(said).count(), 1, "{format}:\n{text}");
        let left_out = text.contains("Not scored in full by any judge, so left out: Moonlight Mixer");
        assert_eq!(left_out, format != "csv", "{format}:\n{text}");
    }
    let json: serde_json::Value = serde_json::from_str(&results("json")).expect("json");
    let unranked: Vec<(&str, &str, &str)> = json["prizes"]
        .as_array()
        .expect("prizes")
        .iter()
        .flat_map(|p| p["awards"].as_array().expect("awards").iter().map(move |a| (p, a)))
        .filter_map(|(p, a)| Some((p["id"].as_str()?, a["id"].as_str()?, a.get("unranked")?.as_str()?)))
        .collect();
    assert_eq!(unranked, [("bonus-quest", "moonlight-mixer", "not scored in full by any judge")]);

    for format in ["table", "md", "html"] {
        let public = stdout(head(&s).args(["results", "--public", "--format", format]).args(&files));
        let lower = public.to_lowercase();
        assert!(public.contains("Moonlight Mixer"), "{format}: the winner is announced\n{public}");
        for word in ["scored", "ranking", "judge"] {
            assert!(!lower.contains(word), "{word:?} in the public {format}:\n{public}");
        }
    }
}

/// Titles and teams as entrants write them: an emoji with its presentation selector ("❤️"), a
/// family of four joined by ZWJs, Arabic with its lam-alef ("السلام", a ligature to
/// unicode-width, two letters on screen), and a criterion and a currency of such letters.
const FAMILY: &str = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}";
const HEART: &str = "\u{2764}\u{fe0f}";
const SALAM: &str = "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645}";

/// The sample event with every title and team beginning with one of [`HEART`], [`FAMILY`] and
/// [`SALAM`] in turn, Utility labelled "{HEART} 実用性" (judging.toml refuses a ZWJ) and amounts in 元.
fn wide_lettered_event(s: &Sandbox) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(root.join("assets/sample-export.csv")).expect("the sample export");
    let mut writer = csv::Writer::from_path(s.path().join("export.csv")).expect("export.csv");
    writer.write_record(reader.headers().expect("a header")).expect("write");
    for (k, row) in reader.records().enumerate() {
        let row = row.expect("a row");
        let mark = [HEART, FAMILY, SALAM][k % 3];
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| if c == 1 || c == 2 { format!("{mark} {cell}") } else { cell.to_owned() })
            .collect();
        writer.write_record(&cells).expect("write");
    }
    writer.flush().expect("flush");
    let toml = std::fs::read_to_string(root.join("judging.toml")).expect("the repository's judging.toml");
    let toml = toml
        .replace("source = \"builtin:sample\"", "source = \"export.csv\"")
        .replace("label = \"Utility\"", &format!("label = \"{HEART} 実用性\""))
        .replace("# currency = \"$\"  (the default)", "currency = \"元\"");
    s.file("judging.toml", &toml);
}

/// Each letter (grapheme cluster) of `line` with the terminal column it starts at and its width,
/// as the screen lays it out.
fn laid_out(line: &str) -> Vec<(usize, usize, &str)> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut at = 0;
    line.graphemes(true)
        .map(|g| {
            let w = judging::text_width::width(g);
            at += w;
            (at - w, w, g)
        })
        .collect()
}

/// Whether the letter over terminal column `col` of `line` is ink (not a space, not past the end).
fn ink_at(line: &str, col: usize) -> bool {
    laid_out(line).iter().any(|(at, w, g)| (*at..at + w).contains(&col) && !g.trim().is_empty())
}

/// Every table of a results page lined up by its headings, in terminal columns: numbers and
/// amounts end where their heading ends, words start where theirs starts. `words` names the
/// headings over words.
fn assert_tables_line_up(text: &str, words: &[&str]) {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = 0;
    for (k, heading) in lines.iter().enumerate().filter(|(_, l)| l.trim_start().starts_with("PLACE  ")) {
        tables += 1;
        // The headings, set apart by two spaces or more, with the columns each spans.
        let letters = laid_out(heading);
        let gap = |n: usize| letters[n].2 == " " && letters.get(n + 1).is_none_or(|l| l.2 == " ");
        let mut cells = Vec::new();
        let mut n = 0;
        while n < letters.len() {
            if letters[n].2 == " " {
                n += 1;
                continue;
            }
            let first = n;
            while n < letters.len() && !gap(n) {
                n += 1;
            }
            let name: String = letters[first..n].iter().map(|l| l.2).collect();
            cells.push((letters[first].0, letters[n - 1].0 + letters[n - 1].1, name));
        }
        let rows = lines[k + 1..].iter().take_while(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()));
        let mut seen = 0;
        for row in rows {
            seen += 1;
            for (from, to, name) in &cells {
                let lined_up = if words.contains(&name.as_str()) {
                    ink_at(row, *from) && (*from == 0 || !ink_at(row, from - 1))
                } else {
                    ink_at(row, to - 1) && !ink_at(row, *to)
                };
                assert!(lined_up, "{name:?} (columns {from}..{to}) not in line:\n{heading}\n{row}\n\n{text}");
            }
        }
        assert!(seen > 0, "rows under {heading:?}\n{text}");
    }
    assert!(tables > 3, "{text}");
}

/// `judging results` and `--public` keep their tables' columns in line whatever the letters of
/// the titles, the teams, a criterion's label and the currency: a number's heading and an
/// amount had been padded by characters ("{:>w$}"), and "元2,500" stood a column past AMOUNT,
/// "❤️ 実用性 (CALIBRATED)" three past its scores.
#[test]
fn emoji_cjk_and_arabic_keep_the_results_tables_in_line() {
    let s = Sandbox::new();
    wide_lettered_event(&s);
    head(&s).arg("pull").assert().success();
    let files = sample_files(&s);
    let jury = stdout(head(&s).arg("results").args(&files));
    assert!(jury.contains(&format!("{HEART} 実用性")) && jury.contains("元2,500"), "{jury}");
    assert!(jury.contains(FAMILY) && jury.contains(SALAM), "{jury}");
    assert_tables_line_up(&jury, &["ENTRY", "TEAM", "NOTE"]);
    let public = stdout(head(&s).args(["results", "--public"]).args(&files));
    assert_tables_line_up(&public, &["ENTRY", "TEAM", "TIED WITH"]);
}

/// A judge who left their only entry partly scored is warned of once, where the results say their
/// warnings (the table, the HTML page, standard error): "scores no entry in play" had said it of
/// them a second time, beside the warning naming the entry.
#[test]
fn a_judge_who_left_their_only_entry_partly_scored_is_warned_of_once() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let mut files = sample_files(&s);
    files.push(common::score_file(&s, "eve.json", |body| {
        body.judge = "eve".into();
        body.scores[0].1[1] = None;
    }));
    for format in ["table", "html"] {
        let out = head(&s).args(["results", "--format", format]).args(&files).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        for (said, quoted) in
            [(&out.stdout, if format == "html" { "&quot;eve&quot;" } else { "\"eve\"" }), (&out.stderr, "\"eve\"")]
        {
            let said = String::from_utf8_lossy(said);
            // Every judge here is unlisted, which one warning says of them all.
            let of_eve: Vec<&str> =
                said.lines().filter(|l| l.contains(quoted) && !l.contains("are not among the event")).collect();
            assert_eq!(of_eve.len(), 1, "{format}: {of_eve:#?}");
            assert!(
                of_eve[0].contains("left 1 entry partly scored (sprout-sense) and scored no other entry in play, so their file changes nothing"),
                "{format}: {of_eve:#?}"
            );
        }
    }
}

/// A judge whose scored entries were all withdrawn from the export is warned of once, where the
/// results say their warnings (the table, standard error): "scores no entry in play" had said it
/// of them a second time, beside the warning naming the withdrawn entries. A judge with an entry
/// withdrawn and one partly scored, none scored in play, is told their file changes nothing once.
#[test]
fn a_judge_whose_entries_were_all_withdrawn_is_warned_of_once() {
    let s = Sandbox::new();
    head(&s).args(["pull", "--from", "builtin:sample"]).assert().success();
    let mut files = sample_files(&s);
    files.push(common::score_file(&s, "eve.json", |body| {
        body.judge = "eve".into();
        body.scores[0].0 = "dream-cartographer".into();
    }));
    files.push(common::score_file(&s, "flo.json", |body| {
        body.judge = "flo".into();
        body.scores.push(body.scores[0].clone());
        body.scores[0].0 = "dream-cartographer".into();
        body.scores[1].1[1] = None;
    }));
    head(&s).args(["pull", "--from", "builtin:sample-v2"]).assert().success();
    let out = head(&s).args(["results", "--format", "table"]).args(&files).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for said in [&out.stdout, &out.stderr] {
        let said = String::from_utf8_lossy(said);
        // Every judge here is unlisted, which one warning says of them all.
        let of = |name: &str| -> Vec<String> {
            said.lines()
                .filter(|l| l.contains(&format!("\"{name}\"")) && !l.contains("are not among the event"))
                .map(str::to_owned)
                .collect()
        };
        let eve = of("eve");
        assert_eq!(eve.len(), 1, "{eve:#?}");
        assert!(eve[0].contains("withdrawn from the export"), "{eve:#?}");
        assert!(eve[0].contains("Judge \"eve\" scored no entry in play, so their file changes nothing"), "{eve:#?}");
        // flo: the withdrawn entry is named with who scored it, and the partly scored one with
        // what would count it; that the file changes nothing is said once, there.
        let flo = of("flo");
        assert_eq!(flo.len(), 2, "{flo:#?}");
        // The withdrawn warning's "changes nothing" is said of eve alone.
        assert!(
            !flo.iter().any(|l| l.contains("\"flo\" scored no entry") || l.contains("\"flo\") scored no entry")),
            "{flo:#?}"
        );
        assert!(
            flo.iter().any(|l| l.contains(
                "\"flo\" left 1 entry partly scored (sprout-sense) and scored no other entry in play, so their file changes nothing"
            )),
            "{flo:#?}"
        );
    }
}

/// A decision without its prize or its order was still answered in serde's words, "missing
/// field `prize`" / "missing field `order`", where one without its reason was named with what to
/// write. Every missing key is now said the same way: which decision (its index, its line, its
/// prize where it has one), what the key is for, and a line that would do.
#[test]
fn a_decision_without_its_prize_or_order_is_named_with_what_to_write() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let text = "[[decisions]]\norder = [\"pantry-poet\", \"tiny-tarot\"]\nreason = \"x\"\n\n\
                [[decisions]]\nprize = \"backyard\"\nreason = \"coin\"\n\n\
                [[decisions]]\nprize = \"wood\"\n";
    let stderr = refused_decisions(&s, &file, text);
    for want in [
        "line 1 (`[[decisions]]`): decisions[0] has no prize: the prize is the id of the prize",
        "add a line to it such as prize = \"wood\"",
        "line 5 (`[[decisions]]`): decisions[1] (prize \"backyard\") has no order: the order is the tied entries' ids",
        "add a line to it such as order = [\"id-a\", \"id-b\"]",
        "line 9 (`[[decisions]]`): decisions[2] (prize \"wood\") has no order",
        "line 9 (`[[decisions]]`): decisions[2] (prize \"wood\") has no reason: the reason is what the jury reads",
        "reason = \"",
        "decisions.toml",
    ] {
        assert!(stderr.contains(want), "{want}: {stderr}");
    }
    assert!(!stderr.contains("missing field"), "{stderr}");
}

/// A mistyped prize in decisions.toml listed every prize but named none it looks like, where
/// every other typo of the event's files is answered with the word it looks like.
#[test]
fn a_mistyped_prize_in_the_decisions_file_is_answered_with_the_prize_it_looks_like() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let text = "[[decisions]]\nprize = \"wod\"\norder = [\"pantry-poet\", \"tiny-tarot\"]\nreason = \"x\"\n";
    let stderr = refused_decisions(&s, &file, text);
    for want in [
        "line 2 (`prize = \"wod\"`): decisions[0].prize = \"wod\" is not a prize",
        "is not a prize (did you mean \"wood\"?); the prizes are backyard",
    ] {
        assert!(stderr.contains(want), "{want}: {stderr}");
    }
}

/// Ten judges, two to each entry of the sample (entry `e` by judges `e` and `e + 3`, mod 10),
/// each judge a habit of their own: most pairs of entries share no judge.
fn two_judges_each(s: &Sandbox) -> Vec<PathBuf> {
    two_judges_but(s, usize::MAX)
}

/// As [`two_judges_each`], entry `one` scored by one judge only.
fn two_judges_but(s: &Sandbox, one: usize) -> Vec<PathBuf> {
    let ids = store_ids(s);
    (0..10)
        .map(|j: usize| {
            let rows: Vec<(&str, [u8; 3])> = ids
                .iter()
                .enumerate()
                .filter(|(e, _)| e % 10 == j || (*e != one && (e + 7) % 10 == j))
                .map(|(e, id)| {
                    let quality = (e * 7 % 40) as i32 + (j as i32 % 3) * 4 - 4;
                    let mark = |k: i32| (1 + (quality + k) / 10).clamp(1, 5) as u8;
                    (id.as_str(), [mark(0), mark(3), mark(6)])
                })
                .collect();
            judge_file(s, &format!("judge{j}"), &rows)
        })
        .collect()
}

/// With two judges to each entry, head to head has no evidence on most pairs: that is no case
/// against a first place ("does not beat … (no judge scored both)" had been said under every
/// prize), and an entry the rules exclude is no rival for a prize (the note under Thousand Token
/// Wood had weighed two entries that cannot win it, without a word).
#[test]
fn head_to_head_weighs_the_entries_that_can_win_on_evidence_only() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = two_judges_each(&s);
    let (json, ineligible) = merged_json(&s, &files);
    assert!(ineligible.iter().any(|i| i == "dream-cartographer"), "{ineligible:?}");
    let mut left_out = 0;
    for m in json["majorities"].as_array().expect("majorities") {
        let said = m["said"].as_str().expect("said");
        assert!(!said.contains("no judge scored both"), "{said}");
        for id in m["entries"].as_array().expect("entries").iter().filter_map(|e| e.as_str()) {
            assert!(!ineligible.iter().any(|i| i == id), "{id} is named: {said}");
        }
        left_out += usize::from(said.contains("the event's rules exclude are left out"));
    }
    assert!(left_out > 0, "{}", json["majorities"]);
    let md = stdout(head(&s).args(["results", "--format", "md"]).args(&files));
    assert!(!md.contains("no judge scored both)"), "{md}");
    assert!(md.contains("so head to head says nothing of those"), "{md}");
    assert!(md.contains("Compared among the"), "{md}");
}

/// A paid place on one judge's marks is for the jury to discuss however sure the refits make
/// it: PAID varies marks, not the judges an entry lacks, and had put Weather Bard (one judge)
/// at 91 %, out of "To discuss", above entries with two.
#[test]
fn a_paid_place_on_one_judge_is_to_discuss() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = two_judges_but(&s, 17);
    for format in ["md", "table"] {
        let merged = stdout(head(&s).args(["merge", "--format", format]).args(&files));
        let wood = &merged[merged.find("THOUSAND TOKEN WOOD").unwrap_or_else(|| panic!("{merged}"))..];
        let discuss = wood.lines().find(|l| l.starts_with("To discuss")).unwrap_or_else(|| panic!("{wood}"));
        assert!(discuss.contains("1 paid place on fewer than 2 judges): "), "{discuss}");
        assert!(discuss.contains(" Letter to Later 100% (thin: one judge)"), "{discuss}");
    }
    let results = stdout(head(&s).args(["results", "--format", "md"]).args(&files));
    assert!(results.contains("Letter to Later (place 1) rests on the marks of one judge, \"judge7\""), "{results}");
}

/// A place resting on one judge is said alike from the score files and from a merge saved of
/// them: the saved merge keeps each thin entry's judges, so the jury's table and the CSV's check
/// column name the judge and their leniency from both; from the saved merge they had said only
/// "rests on one judge's marks".
#[test]
fn a_place_on_one_judge_is_said_alike_from_the_files_and_a_saved_merge() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = common::score_file(&s, "mira.json", |b| b.judge = "mira".into());
    let saved = s.path().join("m.json");
    head(&s).args(["merge", "--format", "json", "-o"]).arg(&saved).arg(&file).assert().success();
    let kept = std::fs::read_to_string(&saved).expect("read");
    assert!(kept.contains("\"thin_by\""), "the saved merge keeps whose marks a thin entry rests on");
    for format in ["table", "csv"] {
        let from_files = stdout(head(&s).args(["results", "--format", format]).arg(&file));
        let from_saved = stdout(head(&s).args(["results", "--format", format]).arg(&saved));
        assert!(
            from_files.contains("rests on the marks of one judge, \"\"mira\"\"")
                || from_files.contains("rests on the marks of one judge, \"mira\""),
            "{format}: {from_files}"
        );
        assert_eq!(from_saved, from_files, "{format}");
    }
    // A merge saved before it kept them (version 3, no digest) still reads, and says what it
    // can. `thin_by` is the last key, as written.
    let at = kept.find(",\n  \"thin_by\"").expect("thin_by written last");
    let older: Vec<&str> = kept[..at].lines().filter(|l| !l.starts_with("  \"digest\"")).collect();
    let older = older.join("\n").replacen("\"version\": 4", "\"version\": 3", 1) + "\n}\n";
    let older_file = s.file("older.json", &older);
    let said = stdout(head(&s).arg("results").arg(&older_file));
    assert!(said.contains("rests on one judge's marks"), "{said}");
}

/// Every problem of a decisions.toml that does not read carries the file's name, and the run
/// ends with how many there were, as the problems of one that reads do: a place in quotes had
/// been said without the closing line, and a decision's second problem (a mistyped key beside
/// a missing reason) without the file's name.
#[test]
fn each_problem_of_a_decisions_file_that_does_not_read_names_the_file_and_the_run_ends_with_a_count() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let file = level(&s);
    let cases = [
        (
            "[[decisions]]\nprize = \"backyard\"\norder = [\"sprout-sense\", \"bus-stop-oracle\"]\nreason = \"x\"\nplace = \"5\"\n",
            1,
        ),
        ("[[decisions]]\nprize = \"backyard\"\norder = [\"sprout-sense\", \"bus-stop-oracle\"]\nplac = 5\n", 2),
    ];
    for (text, problems) in cases {
        let stderr = refused_decisions(&s, &file, text);
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("warning: ")).collect();
        assert_eq!(lines.len(), problems + 1, "{stderr}");
        for line in &lines[..problems] {
            assert!(line.starts_with("error: ") && line.contains("decisions.toml: line "), "{line}: {stderr}");
        }
        let count = if problems == 1 { "1 problem".to_owned() } else { format!("{problems} problems") };
        assert!(
            lines[problems].contains(&format!("{count} in "))
                && lines[problems].ends_with("decisions.toml; no results were made"),
            "{stderr}"
        );
    }
    // A syntax error is one problem, its quoted line and caret under it not counted as more
    // ("5 problems" of one unclosed `[`); `check` says it on one line, where and what.
    let stderr = refused_decisions(&s, &file, "[[decisions]]\norder = [\n");
    assert!(stderr.contains("decisions.toml: TOML parse error at line 2"), "{stderr}");
    assert!(stderr.contains("1 problem in ") && stderr.contains("decisions.toml; no results were made"), "{stderr}");
    let out = head(&s).arg("check").output().expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    let line = said.lines().find(|l| l.contains("TOML parse error")).unwrap_or_else(|| panic!("{said}"));
    assert!(line.contains("at line 2") && !line.contains('^') && !line.contains(" | "), "{line}");
}
