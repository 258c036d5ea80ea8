//! Does the result hold? Through the real binary, on constructed panels whose answers are known:
//! a paid place that one judge's outlier decides is named with that judge, and `--without` that
//! judge gives the place reported; a judge whose marks rise through the day is told from steady
//! ones; a trainee with extreme marks changes nothing.

// Generated test data stays far inside every numeric range it is cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

mod common;

use std::path::PathBuf;

use common::Sandbox;
use serde_json::Value;

fn head(s: &Sandbox) -> assert_cmd::Command {
    let mut cmd = s.cmd();
    cmd.args(["--judge", "head"]);
    cmd
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json(cmd: &mut assert_cmd::Command) -> Value {
    serde_json::from_str(&stdout(cmd)).expect("JSON")
}

/// Six backyard entries of the sample that the event's rules let win.
const BACKYARD: [&str; 6] =
    ["bus-stop-oracle", "meter-reader", "recipe-rescue", "invoice-imp", "chore-chart", "stair-scout"];

/// Judge `name`'s file: `rows` of (entry, every criterion's value, when given in Unix seconds).
fn file(s: &Sandbox, name: &str, rows: &[(&str, u8, i64)]) -> PathBuf {
    common::score_file(s, &format!("{name}.json"), |b| {
        b.judge = name.into();
        b.scores =
            rows.iter().map(|(id, v, at)| ((*id).to_owned(), vec![Some(*v); 3], vec![Some(at * 1000); 3])).collect();
    })
}

/// Judge `name`'s file giving BACKYARD's entries `values`, all at one moment.
fn totals(s: &Sandbox, name: &str, values: [u8; 6]) -> PathBuf {
    let rows: Vec<(&str, u8, i64)> = BACKYARD.iter().zip(values).map(|(id, v)| (*id, v, 1_781_000_000)).collect();
    file(s, name, &rows)
}

/// tomas and priya put Meter Reader first and Bus Stop Oracle second; mira's lone 5 for Bus
/// Stop Oracle and 1 for Meter Reader put it first. Without any one judge, nothing ties.
fn outlier_panel(s: &Sandbox) -> Vec<PathBuf> {
    vec![
        totals(s, "mira", [5, 1, 2, 2, 1, 1]),
        totals(s, "tomas", [4, 5, 3, 2, 1, 1]),
        totals(s, "priya", [4, 5, 3, 2, 1, 1]),
    ]
}

#[test]
fn a_place_one_judge_decides_is_named_and_without_that_judge_gives_it() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = outlier_panel(&s);
    let merged = json(head(&s).args(["merge", "--format", "json"]).args(&files));
    let changes = merged["robustness"].as_array().expect("a robustness list");
    let first =
        changes.iter().find(|c| c["ranking"] == "backyard" && c["place"] == 1).expect("the first place changes");
    assert_eq!(first["id"], "bus-stop-oracle");
    assert_eq!(first["judge"], "mira");
    assert_eq!(first["then"], "meter-reader");
    assert!(changes.iter().all(|c| c["judge"] == "mira"), "only mira's absence changes a place: {changes:?}");
    // The places that hold are not listed: third and fourth.
    assert!(changes.iter().all(|c| c["place"].as_u64() <= Some(2)), "{changes:?}");

    // The same merge without mira's file: the place reported.
    let without = json(head(&s).args(["merge", "--format", "json", "--without", "Mira"]).args(&files));
    let backyard =
        without["rankings"].as_array().expect("rankings").iter().find(|r| r[0] == "backyard").expect("backyard");
    assert_eq!(backyard[1][0]["id"], first["then"]);
    assert_eq!(without["left_out"], serde_json::json!(["mira"]));
    assert_eq!(without["judges"].as_array().map(Vec::len), Some(2));

    // In words, in the table and in Markdown; a column in the spreadsheet.
    let table = stdout(head(&s).arg("merge").args(&files));
    assert!(
        table.contains("1st Bus Stop Oracle: without mira, Bus Stop Oracle drops to 2nd and Meter Reader takes 1st"),
        "{table}"
    );
    assert!(table.contains("3rd Recipe Rescue: holds without any one judge"), "{table}");
    let md = stdout(head(&s).args(["merge", "--format", "md"]).args(&files));
    assert!(
        md.contains("- 2nd Meter Reader: without mira, Meter Reader rises to 1st and Bus Stop Oracle takes 2nd"),
        "{md}"
    );
    let csv = stdout(head(&s).args(["merge", "--format", "csv"]).args(&files));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("backyard,3,recipe-rescue,")
                && l.ends_with(",holds without any one judge,,rubric round")),
        "{csv}"
    );
    let table = stdout(head(&s).args(["merge", "--without", "mira"]).args(&files));
    assert!(table.starts_with("Left out, as asked (--without): mira; their files were not merged."), "{table}");

    // The jury's results: each prize's places, and the list in JSON.
    let results = stdout(head(&s).arg("results").args(&files));
    assert!(
        results.contains("Without any one judge, the places of the Backyard AI ranking this prize reads:"),
        "{results}"
    );
    assert!(
        results.contains("1st Bus Stop Oracle: without mira, Bus Stop Oracle drops to 2nd and Meter Reader takes 1st"),
        "{results}"
    );
    let jury = json(head(&s).args(["results", "--format", "json"]).args(&files));
    assert_eq!(jury["robustness"], merged["robustness"]);
    let jury = json(head(&s).args(["results", "--format", "json", "--without", "mira"]).args(&files));
    assert_eq!(jury["left_out"], serde_json::json!(["mira"]));
    let backyard = jury["prizes"].as_array().expect("prizes").iter().find(|p| p["id"] == "backyard").expect("backyard");
    assert_eq!(backyard["awards"][0]["id"], "meter-reader");
    let html = stdout(head(&s).args(["results", "--format", "html", "--without", "mira"]).args(&files));
    assert!(html.contains("Left out, as asked (--without): mira"), "{html}");

    // The teams' pages follow the same merge as the results announced: Meter Reader's says it
    // took the first place without mira, and not with her.
    let page = |without: &[&str], dir: &str| -> String {
        let said = stdout(head(&s).args(["feedback", "-o", dir]).args(without).args(&files));
        assert_eq!(said.contains("Left out, as asked (--without): mira"), !without.is_empty(), "{said}");
        std::fs::read_to_string(s.path().join(dir).join("meter-reader.md")).expect("meter reader's page")
    };
    let (with_her, without_her) = (page(&[], "pages"), page(&["--without", "mira"], "pages-without"));
    assert!(with_her.contains("- Place 2 of 6 in Backyard AI"), "{with_her}");
    assert!(without_her.contains("- Place 1 of 6 in Backyard AI"), "{without_her}");
    assert!(without_her.contains("- Won: Backyard AI, prize place 1;"), "{without_her}");
}

/// Each place the merge says holds, or changes, without one judge is the place `merge
/// --without` that judge gives, ties included: on the outlier panel, on one where a judge's
/// absence makes a tie (Meter Reader and Recipe Rescue, 3 each from the other two), and on one
/// with a tie across the last paid place (Invoice Imp and Chore Chart share 4th).
#[test]
fn every_place_said_without_a_judge_is_the_place_merge_without_gives() {
    let panels: [[[u8; 6]; 3]; 3] = [
        [[5, 1, 2, 2, 1, 1], [4, 5, 3, 2, 1, 1], [4, 5, 3, 2, 1, 1]],
        [[5, 1, 3, 2, 1, 1], [4, 5, 3, 2, 1, 1], [4, 5, 3, 2, 1, 1]],
        [[5, 4, 3, 2, 2, 1], [4, 5, 3, 3, 3, 1], [5, 4, 2, 2, 2, 1]],
    ];
    let judges = ["mira", "tomas", "priya"];
    for marks in panels {
        let s = Sandbox::new();
        head(&s).arg("pull").assert().success();
        let files: Vec<PathBuf> = judges.iter().zip(marks).map(|(j, m)| totals(&s, j, m)).collect();
        let merged = json(head(&s).args(["merge", "--format", "json"]).args(&files));
        let without = |judge: &str| json(head(&s).args(["merge", "--format", "json", "--without", judge]).args(&files));
        common::places_said_are_those_without(&merged, without, &judges, "backyard", 4);
        // A shared place reads as one in an entry's view: "#4=", not "#4".
        let tied: Vec<&Value> =
            merged["rankings"].as_array().expect("rankings").iter().find(|r| r[0] == "backyard").expect("backyard")[1]
                .as_array()
                .expect("entries")
                .iter()
                .filter(|e| e["flags"].as_array().is_some_and(|f| f.iter().any(|f| f == "tie")))
                .collect();
        for e in tied {
            let id = e["id"].as_str().expect("id");
            let view = stdout(head(&s).args(["merge", "--entry", id]).args(&files));
            assert!(view.contains(&format!("#{}= in Backyard AI", e["place"])), "{view}");
        }
    }
}

#[test]
fn a_judge_no_file_gives_is_refused_with_the_names_like_it() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = outlier_panel(&s);
    for command in ["merge", "results", "feedback"] {
        let out = head(&s).args([command, "--without", "mria", "-o", "pages"]).args(&files).output().expect("runs");
        assert!(!out.status.success(), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--without \"mria\": no score file is from a judge of that name; the files are from mira, priya, tomas. Did you mean: mira, priya?"),
            "{command}: {err}"
        );
    }
    let out = head(&s).args(["merge", "--without", "mira,tomas,priya"]).args(&files).output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing is left to merge"), "{out:?}");
    // A merge saved already has no files to leave out.
    let saved = s.file("merged.json", &stdout(head(&s).args(["merge", "--format", "json"]).args(&files)));
    let out = head(&s).args(["results", "--without", "mira"]).arg(&saved).output().expect("runs");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is a merge saved already: give the judges' score files instead"),
        "{out:?}"
    );
}

/// The built-in judging.toml with `edit` applied, written beside the store.
fn event(s: &Sandbox, edit: impl Fn(String) -> String) {
    s.file("judging.toml", &edit(judging::config::BUILTIN.to_owned()));
}

/// The 21 backyard entries of the sample scored by three judges over four hours, each in an
/// order of its own, one every eleven minutes; tomas's marks rise by a point over the four hours.
/// A fourth judge scores five entries: too few for a drift.
fn day(s: &Sandbox) -> Vec<PathBuf> {
    let ids: Vec<String> = s
        .list_json("head")
        .as_array()
        .expect("list")
        .iter()
        .filter(|e| e["track"] == "backyard")
        .map(|e| e["id"].as_str().expect("id").to_owned())
        .collect();
    let quality = |e: usize| 1.6 + (e * 7 % 11) as f64 * 0.3;
    let start = 1_781_000_000_i64;
    let mut files: Vec<PathBuf> = ["mira", "tomas", "priya"]
        .iter()
        .enumerate()
        .map(|(j, name)| {
            // Each judge's own order of the entries: shuffled from a seed of their own.
            let mut order: Vec<usize> = (0..ids.len()).collect();
            let mut seed = 0x9E37_79B9_u64 * (j as u64 + 1);
            for k in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(k, (seed % (k as u64 + 1)) as usize);
            }
            let rows: Vec<judging::scorefile::ScoreRow> = order
                .iter()
                .enumerate()
                .map(|(slot, &e)| {
                    let hours = slot as f64 * 4.0 / (ids.len() - 1) as f64;
                    let rise = if *name == "tomas" { hours / 4.0 } else { 0.0 };
                    // Three criteria a quarter point apart, so that the weighted total moves in
                    // steps finer than a whole point.
                    let value = |offset: f64| Some((quality(e) + rise + offset).round().clamp(1.0, 5.0) as u8);
                    let at = Some((start + (hours * 3600.0) as i64) * 1000);
                    (ids[e].clone(), vec![value(0.0), value(0.25), value(-0.25)], vec![at; 3])
                })
                .collect();
            common::score_file(s, &format!("{name}.json"), |b| {
                b.judge = (*name).into();
                b.scores = rows;
            })
        })
        .collect();
    files.push(file(
        s,
        "ana",
        &ids.iter().take(5).enumerate().map(|(k, id)| (id.as_str(), 3, start + 3600 * k as i64)).collect::<Vec<_>>(),
    ));
    files
}

#[test]
fn a_judge_whose_marks_rise_through_the_day_is_told_from_steady_ones() {
    let s = Sandbox::new();
    head(&s).arg("pull").assert().success();
    let files = day(&s);
    let merged = json(head(&s).args(["merge", "--format", "json"]).args(&files));
    let drift = |name: &str| {
        merged["judges"].as_array().expect("judges").iter().find(|j| j["judge"] == name).expect("a judge")["drift"]
            .clone()
    };
    let rising = drift("tomas");
    let per_hour = rising["per_hour"].as_f64().expect("a drift");
    assert!((0.1..0.35).contains(&per_hour), "{rising}");
    assert!(per_hour > 2.0 * rising["error"].as_f64().expect("its error"), "{rising}");
    // The steady judges: far less, and not large (the entries tomas lifted late pull their
    // residuals down a little where they scored them late too).
    for steady in ["mira", "priya"] {
        let d = drift(steady);
        let (theirs, hours) = (d["per_hour"].as_f64().expect("a drift"), d["hours"].as_f64().expect("hours"));
        assert!(theirs.abs() < per_hour / 2.0 && (theirs * hours).abs() < 0.5, "{steady}: {d} against {rising}");
    }
    assert_eq!(drift("ana"), Value::Null, "five marks: no drift");

    let out = head(&s).arg("merge").args(&files).output().expect("runs");
    let (table, warned) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        warned.contains(
            "a judge's marks moved through their judging time beyond what the entries explain: \"tomas\" rose"
        ),
        "{warned}"
    );
    assert!(!warned.contains("\"mira\" rose") && !warned.contains("\"priya\""), "{warned}");
    let row =
        |name: &str| table.lines().find(|l| l.starts_with(&format!("{name} "))).map(str::to_owned).unwrap_or_default();
    assert!(row("tomas").contains('!'), "a large drift is marked: {table}");
    assert!(!row("mira").contains('!') && !row("priya").contains('!') && row("ana").contains(" - "), "{table}");

    // Corrected: the same drift, taken out before the fit.
    event(&s, |t| t.replace("# drift = \"report\"  (the default)", "drift = \"correct\""));
    let out = head(&s).arg("merge").args(&files).output().expect("runs");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("merge.drift = \"correct\": the drift was taken out"),
        "{out:?}"
    );
    let corrected = json(head(&s).args(["merge", "--format", "json"]).args(&files));
    assert_eq!(corrected["drift"], "correct");
    assert_ne!(corrected["rankings"], merged["rankings"], "the scores move once the drift is out");

    // A value judging.toml cannot mean is refused with the line and what would be valid.
    event(&s, |t| t.replace("# drift = \"report\"  (the default)", "drift = \"fix\""));
    let out = head(&s).arg("merge").args(&files).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("drift") && err.contains("`report`") && err.contains("`correct`"),
        "{err}"
    );
    assert!(err.contains("line "), "{err}");
}

#[test]
fn a_trainee_with_extreme_marks_changes_nothing() {
    let s = Sandbox::new();
    event(&s, |t| t + "\n[[judges]]\nname = \"tia\"\ncounts = false\n");
    head(&s).arg("pull").assert().success();
    let files = outlier_panel(&s);
    let trainee = totals(&s, "tia", [1, 1, 1, 5, 5, 5]);
    let without = json(head(&s).args(["merge", "--format", "json"]).args(&files));
    let with = json(head(&s).args(["merge", "--format", "json"]).args(&files).arg(&trainee));
    for key in ["rankings", "robustness", "judges", "majorities", "alpha"] {
        assert_eq!(with[key], without[key], "{key}");
    }
    let tia = &with["trainees"][0];
    assert_eq!((tia["judge"].as_str(), tia["compared"].as_u64()), (Some("tia"), Some(6)));
    assert!(tia["order"].as_f64().is_some_and(|o| o < 0.0), "{tia}");
    let results = |files: &[PathBuf]| json(head(&s).args(["results", "--format", "json"]).args(files));
    let mut all = files.clone();
    all.push(trainee.clone());
    assert_eq!(results(&all)["prizes"], results(&files)["prizes"], "no prize moves");
    // Shown beside the judges, and named as a trainee.
    let view = stdout(head(&s).args(["merge", "--entry", "stair-scout"]).args(&all));
    assert!(view.lines().any(|l| l.starts_with("tia (trainee)")), "{view}");
    assert!(view.contains("their marks change no ranking, chance or prize"), "{view}");
    let table = stdout(head(&s).arg("merge").args(&all));
    assert!(table.contains("\nTRAINEE ") && table.lines().any(|l| l.starts_with("tia ")), "{table}");
    // A trainee's file is checked like any other.
    let broken = s.file("tia-broken.json", "{\"format\":\"judging-scores\"");
    let out = head(&s).arg("merge").args(&files).arg(&broken).output().expect("runs");
    assert!(!out.status.success(), "a trainee's broken file is refused");
}
