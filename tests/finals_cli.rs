//! A finals round on the sample event through the real binary: three judges score the field,
//! the head judge publishes the finals, the judges compare the pairs `judging finals` gives them,
//! and `judging results` pays from the finals' order with the rubric place beside it.

mod common;

use std::path::PathBuf;

use common::Sandbox;

const JUDGES: [&str; 3] = ["mira", "tomas", "priya"];

fn run(s: &Sandbox, judge: &str, args: &[&str]) -> String {
    let out = s.cmd().args(["--judge", judge]).args(args).output().expect("runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "judging {args:?} as {judge}:\n{stdout}\n{stderr}");
    stdout.into_owned()
}

/// The sample event with a finals round of four finalists a ranking.
fn event() -> Sandbox {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[finals]\nsize = 4\n", judging::config::BUILTIN));
    for judge in JUDGES.iter().chain(&["head"]) {
        run(&s, judge, &["pull"]);
    }
    s
}

/// Each judge's rubric scores, by import: within each track, every entry a total of its own
/// (`2·utility + latency + cost` from 20 down, one step a place, in an order shuffled from the
/// export's), so that the top places do not tie. Returns the files the judges export.
fn rubric_round(s: &Sandbox) -> Vec<PathBuf> {
    let listed = s.list_json("mira");
    let entries = listed.as_array().expect("a list");
    let quality = |e: usize| (e * 17 + 3) % 40;
    let marks = |id: &str, track: &serde_json::Value| {
        let mut rivals: Vec<usize> = (0..entries.len()).filter(|e| entries[*e]["track"] == *track).collect();
        rivals.sort_by_key(|e| std::cmp::Reverse(quality(*e)));
        let rank = rivals.iter().position(|e| entries[*e]["id"] == id).expect("in its track");
        let total = 20usize.saturating_sub(rank).max(4);
        let utility = ((total - 2) / 2).clamp(1, 5);
        let rest = total - 2 * utility;
        [utility, (rest - rest / 2).clamp(1, 5), (rest / 2).clamp(1, 5)]
    };
    JUDGES
        .iter()
        .map(|judge| {
            let mut csv = String::from("judge,submission,criterion,score\n");
            for entry in entries {
                let (id, team, track) = (entry["id"].as_str().expect("id"), &entry["team"], &entry["track"]);
                // The sample's declared conflicts and priya's one track.
                if (*judge == "tomas" && team == "Moss & Lichen")
                    || (*judge == "priya" && (id == "cafe-companero" || track != "backyard"))
                {
                    continue;
                }
                for (criterion, mark) in ["utility", "latency", "cost"].into_iter().zip(marks(id, track)) {
                    csv.push_str(&format!("{judge},{id},{criterion},{mark}\n"));
                }
            }
            let sheet = s.file(&format!("{judge}.csv"), &csv);
            run(s, judge, &["import-scores", sheet.to_str().expect("utf-8")]);
            export(s, judge)
        })
        .collect()
}

fn export(s: &Sandbox, judge: &str) -> PathBuf {
    let path = s.path().join(format!("{judge}.json"));
    run(s, judge, &["export", "-o", path.to_str().expect("utf-8")]);
    path
}

fn paths(files: &[PathBuf]) -> Vec<&str> {
    files.iter().map(|p| p.to_str().expect("utf-8")).collect()
}

/// The pair `judging finals` says to compare next in the backyard finals, if any.
fn next_pair(s: &Sandbox, judge: &str) -> Option<(String, String)> {
    let listed = run(s, judge, &["finals"]);
    let backyard = listed.split("\nThousand Token Wood:").next().expect("a backyard section");
    let line = backyard.lines().find(|l| l.contains("Next: judging compare"))?;
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "compare")?;
    Some((words[at + 1].to_owned(), words[at + 2].to_owned()))
}

/// The teams' pages of an event whose finals are published: the finals are checked against the
/// finalists the rubric round picks, which leave out the entries the rules exclude (the sample
/// has some among the first of a track). `feedback` had checked them before it knew which
/// those were, took such an entry for a finalist, and refused the published file as edited by
/// hand.
#[test]
fn the_teams_pages_are_written_beside_published_finals() {
    let s = event();
    let files = rubric_round(&s);
    let mut args = vec!["merge"];
    args.extend(paths(&files));
    args.push("--finals");
    run(&s, "head", &args);
    let merged = run(&s, "head", &["merge", "--format", "json", paths(&files)[0], paths(&files)[1], paths(&files)[2]]);
    let json: serde_json::Value = serde_json::from_str(&merged).expect("json");
    assert!(!json["ineligible"].as_array().expect("ineligible").is_empty(), "the sample excludes some: {merged}");
    let mut args = vec!["feedback", "-o", "pages"];
    args.extend(paths(&files));
    run(&s, "head", &args);
    assert!(s.path().join("pages").read_dir().expect("pages written").count() > 1);
}

#[test]
fn three_judges_run_a_finals_round_and_results_pay_from_it() {
    let s = event();
    let files = rubric_round(&s);
    let mut head_args = vec!["merge"];
    head_args.extend(paths(&files));
    head_args.push("--finals");
    let published = run(&s, "head", &head_args);
    assert!(published.contains("Backyard AI finals: 4 finalists, 4 places paid"), "{published}");
    let finals = std::fs::read_to_string(s.path().join("finals.toml")).expect("finals.toml published");
    // The backyard finalists in rubric order, from the published file.
    let backyard =
        finals.split("ranking = \"backyard\"").nth(1).expect("backyard").split("[[").next().expect("its rows");
    let finalists: Vec<String> = backyard
        .lines()
        .filter_map(|l| l.trim().strip_prefix("{ id = \"")?.split('"').next().map(str::to_owned))
        .collect();
    assert_eq!(finalists.len(), 4, "{finals}");
    // The judges find the rubric's third the best of the four; otherwise they keep its order.
    let favourite = finalists[2].clone();
    let rank =
        |id: &str| if id == favourite { 0 } else { 1 + finalists.iter().position(|f| f == id).expect("a finalist") };
    // The hint pasted as printed records nothing: `--winner A|B|level` had run as a pipe and
    // saved "A wins"; the shell now passes 'A|B|level' as one word, which compare refuses.
    let listed = run(&s, "mira", &["finals"]);
    let hint = listed.lines().find(|l| l.contains("Next: judging compare")).expect("a next pair");
    assert!(hint.contains("--winner 'A|B|level'"), "{hint}");
    // It names the judge the run was for: pasted, the answer is theirs, not the login name's.
    assert!(hint.contains("--judge mira"), "{hint}");
    let (a, b) = next_pair(&s, "mira").expect("a pair");
    let pasted = s.cmd().args(["--judge", "mira", "compare", &a, &b, "--winner", "A|B|level"]).output().expect("runs");
    assert!(!pasted.status.success(), "{}", String::from_utf8_lossy(&pasted.stdout));
    assert_eq!(run(&s, "mira", &["finals"]), listed, "nothing was recorded");
    for judge in JUDGES {
        let mut compared = Vec::new();
        while let Some((a, b)) = next_pair(&s, judge) {
            assert!(!compared.contains(&(a.clone(), b.clone())), "{judge} was given {a} / {b} twice");
            let winner = if rank(&a) < rank(&b) { "A" } else { "B" };
            let said = run(&s, judge, &["compare", &a, &b, "--winner", winner, "--note", "side by side"]);
            assert!(said.starts_with("Saved in the Backyard AI finals: "), "{said}");
            compared.push((a, b));
        }
        // Every pair they may compare, each once: six, or three where a conflict bars a finalist.
        let listed = run(&s, judge, &["finals"]);
        let done = format!("you compared {} of the {} pairs you may", compared.len(), compared.len());
        assert!(listed.contains(&done) && compared.len() >= 3, "{judge}: {listed}");
        let again = s
            .cmd()
            .args(["--judge", judge, "compare", &compared[0].0, &compared[0].1, "--winner", "level"])
            .output()
            .expect("runs");
        let again = String::from_utf8_lossy(&again.stdout);
        assert!(again.contains("in place of your earlier answer"), "a second answer replaces the first: {again}");
        // Its note, given with the first answer and not with the second, is kept and said so.
        assert!(again.contains("Your note on this pair is kept: \"side by side\""), "{again}");
        run(
            &s,
            judge,
            &[
                "compare",
                &compared[0].0,
                &compared[0].1,
                "--winner",
                if rank(&compared[0].0) < rank(&compared[0].1) { "A" } else { "B" },
            ],
        );
    }
    let files: Vec<PathBuf> = JUDGES.iter().map(|j| export(&s, j)).collect();
    let mut results = vec!["results", "--format", "json"];
    results.extend(paths(&files));
    let outcome: serde_json::Value = serde_json::from_str(&run(&s, "head", &results)).expect("JSON");
    let prize = outcome["prizes"].as_array().expect("prizes").iter().find(|p| p["id"] == "backyard").expect("backyard");
    let first = &prize["awards"][0];
    assert_eq!(first["id"], favourite.as_str(), "the finals' favourite is paid first: {prize}");
    assert_eq!(first["support"]["rubric_place"], 3, "with its rubric place beside");
    let mut table = vec!["results"];
    table.extend(paths(&files));
    let printed = run(&s, "head", &table);
    let line = printed.lines().find(|l| l.contains("$2,500")).expect("a first place");
    assert!(line.trim_start().starts_with("1       3  "), "place 1, rubric 3: {line}");
    // Where the finals set the places, every jury format says so, not "by merged score".
    assert!(printed.contains("BACKYARD AI (by the finals' order, then merged score)"), "{printed}");
    let mut html = vec!["results", "--format", "html"];
    html.extend(paths(&files));
    let page = run(&s, "head", &html);
    let at = page.find("<h2>Backyard AI</h2>").expect("backyard");
    let backyard = &page[at..at + page[at..].find("</section>").expect("its end")];
    assert!(backyard.contains("By the finals&#39; order, then merged score."), "{backyard}");
    assert!(!backyard.contains("By merged score") && !backyard.contains("merge's reruns"), "{backyard}");
    assert!(
        backyard.contains("when the finals' strengths are redrawn"),
        "the Paid legend speaks of the finals: {backyard}"
    );
    let mut merge = vec!["merge"];
    merge.extend(paths(&files));
    let merged = run(&s, "head", &merge);
    assert!(merged.contains("FINALS of Backyard AI:"), "{merged}");
    assert!(merged.contains("Every one of the 6 pairs was compared."), "{merged}");
    the_merge_after_the_finals(&s, &files, &favourite);
}

/// After a finals round, the merge's spreadsheet says which rankings the finals placed and each
/// entry's rubric place (`favourite`, 3rd in the rubric round, placed first), and every place
/// said without a judge is the place `--without` that judge gives.
fn the_merge_after_the_finals(s: &Sandbox, files: &[PathBuf], favourite: &str) {
    // The spreadsheet says which rankings the finals placed, and each entry's rubric place.
    let mut csv = vec!["merge", "--format", "csv"];
    csv.extend(paths(files));
    let sheet = run(s, "head", &csv);
    let mut rows = csv::Reader::from_reader(sheet.as_bytes());
    let header: Vec<String> = rows.headers().expect("a header").iter().map(str::to_owned).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}: {header:?}"));
    let (id, rubric, placed_by, ranking) =
        (column("id"), column("rubric_place"), column("placed_by"), column("ranking"));
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("a row")).collect();
    let top = records.iter().find(|r| &r[ranking] == "backyard" && &r[id] == favourite).expect("the favourite");
    assert_eq!((&top[rubric], &top[placed_by]), ("3", "finals, then the rubric round"), "{sheet}");
    let overall: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[ranking] == "overall").collect();
    assert!(!overall.is_empty() && overall.iter().all(|r| &r[placed_by] == "rubric round" && r[rubric].is_empty()));
    // One entry's view says the finals placed it, and where the rubric round had.
    let mut entry = vec!["merge", "--entry", favourite];
    entry.extend(paths(files));
    let view = run(s, "head", &entry);
    assert!(view.contains("#1 in Backyard AI after the finals, 3rd in the rubric round"), "{view}");
    // Without each judge, the places the finals settle are those `--without` gives: their
    // answers and their rubric marks left out alike.
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["merge", "--format", "json"];
        args.extend(extra);
        args.extend(paths(files));
        serde_json::from_str(&run(s, "head", &args)).expect("JSON")
    };
    common::places_said_are_those_without(&json(&[]), |judge| json(&["--without", judge]), &JUDGES, "backyard", 4);
}

/// A published file that cannot be used is named with each problem and its line, and an
/// entrant's title with an escape sequence in it reaches the terminal clean.
#[test]
fn a_bad_or_hostile_finals_file_is_data() {
    let s = event();
    let files = rubric_round(&s);
    let mut head_args = vec!["merge"];
    head_args.extend(paths(&files));
    head_args.push("--finals");
    run(&s, "head", &head_args);
    let path = s.path().join("finals.toml");
    let text = std::fs::read_to_string(&path).expect("published");
    let hostile = text.replacen("title = \"", "title = \"\\u001b[2J\\u001b]0;owned\\u0007", 1);
    std::fs::write(&path, &hostile).expect("write");
    let listed = run(&s, "mira", &["finals"]);
    assert!(!listed.contains('\u{1b}') && !listed.contains('\u{7}'), "{listed:?}");
    std::fs::write(&path, hostile.replacen("verdict", "verdikt", 1).replacen("paid = 4", "paid = \"four\"", 1))
        .expect("write");
    let out = s.cmd().args(["--judge", "mira", "finals"]).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("finals.toml") && said.contains("line "), "{said}");
    // Paid places the event's prizes do not pay: mira's view had said "0 places paid" while
    // results paid 4 from judging.toml. Refused by every reader, with both numbers and the cure.
    std::fs::write(&path, text.replacen("paid = 4", "paid = 0", 1)).expect("write");
    let mut results = vec!["results"];
    results.extend(paths(&files));
    for (judge, args) in [("mira", vec!["finals"]), ("head", results)] {
        let out = s.cmd().args(["--judge", judge]).args(&args).output().expect("runs");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {said}");
        for want in [
            "finals.toml",
            "rankings[0].paid = 0",
            "pay 4 places in ranking \"backyard\"",
            "judging merge FILES --finals",
        ] {
            assert!(said.contains(want), "{args:?}: wanted {want:?} in {said}");
        }
    }
    // Not a finalist, and a judge judging.toml does not list for the finals.
    std::fs::write(&path, &text).expect("write");
    let refused = |judge: &str, args: &[&str], want: &str| {
        let out = s.cmd().args(["--judge", judge]).args(args).output().expect("runs");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && said.contains(want), "{args:?}: {said}");
    };
    refused("mira", &["compare", "sprout-sense", "sprout-sense", "--winner", "A"], "twice");
    refused(
        "mira",
        &["compare", "bus-stop-oracle", "no-such-entry", "--winner", "A"],
        "\"no-such-entry\" is not a finalist",
    );
    s.cmd().args(["--judge", "zed", "pull"]).assert().success();
    refused(
        "zed",
        &["compare", "bus-stop-oracle", "meter-reader", "--winner", "A"],
        "not list zed among the finals' judges",
    );
    // Zed sees the finalists and compares none: no count of pairs "you may" compare says otherwise.
    let seen = run(&s, "zed", &["finals"]);
    assert!(seen.contains("compare none") && seen.contains("finalists"), "{seen}");
    assert!(!seen.contains("pairs you may"), "{seen}");
}

/// Marks that place each track's entries in the order `first` gives (then the export's), one
/// step a place, with `level` marked exactly as the entry it names: a rubric tie.
fn marks_in_order(s: &Sandbox, judge: &str, first: &[&str], level: (&str, &str)) -> String {
    let listed = s.list_json("mira");
    let entries = listed.as_array().expect("a list");
    let mut csv = String::from("judge,submission,criterion,score\n");
    let rank = |id: &str, track: &serde_json::Value| {
        let id = if id == level.1 { level.0 } else { id };
        let mut ids: Vec<&str> = first.to_vec();
        ids.extend(entries.iter().filter(|e| e["track"] == *track).filter_map(|e| e["id"].as_str()));
        ids.retain(|i| entries.iter().any(|e| e["id"] == *i && e["track"] == *track));
        ids.iter().position(|i| *i == id).expect("in its track")
    };
    for entry in entries {
        let (id, team, track) = (entry["id"].as_str().expect("id"), &entry["team"], &entry["track"]);
        if (judge == "tomas" && team == "Moss & Lichen")
            || (judge == "priya" && (id == "cafe-companero" || track != "backyard"))
        {
            continue;
        }
        let total = 20usize.saturating_sub(rank(id, track)).max(4);
        let utility = ((total - 2) / 2).clamp(1, 5);
        let rest = total - 2 * utility;
        for (criterion, mark) in ["utility", "latency", "cost"].into_iter().zip([
            utility,
            (rest - rest / 2).clamp(1, 5),
            (rest / 2).clamp(1, 5),
        ]) {
            csv.push_str(&format!("{judge},{id},{criterion},{mark}\n"));
        }
    }
    csv
}

/// Two finalists with the very same record and prior are level: a tie for the jury, paid
/// alike, in every figure. Their fitted strengths had come out 1e-16 apart: `results` paid one
/// $1,500 and the other $1,000 with two judges' files, and with a third who judged nothing in
/// the Wood, "without priya, Quarrel Quill drops to 3rd".
#[test]
fn finalists_level_in_the_finals_are_tied_whatever_the_rounding() {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[finals]\n", judging::config::BUILTIN));
    for judge in JUDGES.iter().chain(&["head"]) {
        run(&s, judge, &["pull"]);
    }
    let (top, level) =
        (["pantry-poet", "quarrel-quill", "tiny-tarot", "lullaby-loom"], ("quarrel-quill", "lullaby-loom"));
    let files: Vec<PathBuf> = JUDGES
        .iter()
        .map(|judge| {
            let sheet = s.file(&format!("{judge}.csv"), &marks_in_order(&s, judge, &top, level));
            run(&s, judge, &["import-scores", sheet.to_str().expect("utf-8")]);
            export(&s, judge)
        })
        .collect();
    let mut publish = vec!["merge", "--finals"];
    publish.extend(paths(&files));
    run(&s, "head", &publish);
    let published: toml::Table =
        toml::from_str(&std::fs::read_to_string(s.path().join("finals.toml")).expect("published")).expect("TOML");
    let wood =
        published["rankings"].as_array().expect("rankings").iter().find(|r| r["ranking"].as_str() == Some("wood"));
    let finalists: Vec<String> = wood.expect("wood finals")["finalists"]
        .as_array()
        .expect("finalists")
        .iter()
        .map(|f| f["id"].as_str().expect("an id").to_owned())
        .collect();
    assert!(finalists.iter().any(|f| f == level.0) && finalists.iter().any(|f| f == level.1), "{finalists:?}");
    // Mira and tomas answer in the rubric order, the two level ones each way (mira for the
    // first); tomas has a conflict with Garden Gnome.
    let place =
        |id: &str| finalists.iter().position(|f| f == if id == level.1 { level.0 } else { id }).expect("a finalist");
    for judge in ["mira", "tomas"] {
        for a in &finalists {
            for b in finalists.iter().filter(|b| a < *b) {
                if judge == "tomas" && (a == "garden-gnome-gpt" || b == "garden-gnome-gpt") {
                    continue;
                }
                let a_wins = match place(a).cmp(&place(b)) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Greater => false,
                    std::cmp::Ordering::Equal => (judge == "mira") == (a == level.0),
                };
                run(&s, judge, &["compare", a, b, "--winner", if a_wins { "A" } else { "B" }]);
            }
        }
    }
    let files: Vec<PathBuf> = JUDGES.iter().map(|j| export(&s, j)).collect();
    let two = paths(&files[..2]);
    let mut merge = vec!["merge", "--format", "json"];
    merge.extend(&two);
    let merged: serde_json::Value = serde_json::from_str(&run(&s, "head", &merge)).expect("JSON");
    let round = merged["finals"].as_array().expect("finals").iter().find(|f| f["ranking"] == "wood").expect("wood");
    let order = round["order"].as_array().expect("an order");
    let of = |id: &str| order.iter().find(|f| f["id"] == id).expect("a finalist");
    let (a, b) = (of(level.0), of(level.1));
    assert_eq!((a["wins"].clone(), a["losses"].clone()), (b["wins"].clone(), b["losses"].clone()), "{round}");
    assert_eq!(a["place"], b["place"], "one place: {round}");
    assert_eq!(a["strength"], b["strength"], "one strength: {round}");
    assert_eq!(a["paid"], b["paid"], "one chance of a paid place: {round}");
    let above = order.iter().position(|f| f["id"] == level.0).min(order.iter().position(|f| f["id"] == level.1));
    assert_eq!(order[above.expect("placed")]["above_next"], 0.5, "either way alike: {round}");
    let mut results = vec!["results", "--format", "json"];
    results.extend(&two);
    let paid: serde_json::Value = serde_json::from_str(&run(&s, "head", &results)).expect("JSON");
    let prize = paid["prizes"].as_array().expect("prizes").iter().find(|p| p["id"] == "wood").expect("wood");
    for id in [level.0, level.1] {
        let award = prize["awards"].as_array().expect("awards").iter().find(|a| a["id"] == id).expect("paid");
        assert_eq!(award["tie"]["kind"], "undecided", "a tie for the jury: {prize}");
        assert!(award["amount"].is_null(), "not paid before the jury decides: {prize}");
    }
    // Priya judged nothing in the Wood: without her, its places are the same.
    let mut table = vec!["results"];
    table.extend(paths(&files));
    let printed = run(&s, "head", &table);
    let wood = printed.split("THOUSAND TOKEN WOOD").nth(1).expect("the wood prize");
    let wood = wood.split("\n\n").next().expect("its section");
    assert!(wood.contains("2=") && !wood.contains("without priya"), "{wood}");
}

/// A finals.toml whose finalists the rubric round does not give is not believed: an entry put in
/// by hand at its own rubric place is refused by merge and results, naming the file, the entry
/// and the finalist left out, and saying to publish again; one at a place the rubric round has
/// moved it from (as a late score file would) is refused by the store that published the finals
/// (it knows its finalists), and on any other store goes on, said, and a paid place no judge
/// compared is flagged for the jury. Haunted Radio, 9th, had been paid $500 unsaid.
#[test]
fn finalists_the_rubric_round_does_not_give_are_refused_or_said() {
    let s = event();
    let files = rubric_round(&s);
    let mut csv = vec!["merge", "--format", "csv"];
    csv.extend(paths(&files));
    let sheet = run(&s, "head", &csv);
    let mut publish = vec!["merge", "--finals"];
    publish.extend(paths(&files));
    run(&s, "head", &publish);
    let path = s.path().join("finals.toml");
    let text = std::fs::read_to_string(&path).expect("published");
    let backyard: Vec<String> = text
        .split("ranking = \"backyard\"")
        .nth(1)
        .expect("backyard")
        .split("[[")
        .next()
        .expect("its rows")
        .lines()
        .filter(|l| l.trim_start().starts_with("{ id = "))
        .map(str::to_owned)
        .collect();
    let last = backyard.last().expect("a finalist").clone();
    let gone = last.split('"').nth(1).expect("an id").to_owned();
    // The next eligible entry of the backyard ranking, and its rubric place.
    let mut rows = csv::Reader::from_reader(sheet.as_bytes());
    let header: Vec<String> = rows.headers().expect("a header").iter().map(str::to_owned).collect();
    let column = |name: &str| header.iter().position(|h| h == name).expect("a column");
    let (ranking, place, id, flags) = (column("ranking"), column("place"), column("id"), column("flags"));
    let next = rows
        .records()
        .map(|r| r.expect("a row"))
        .find(|r| {
            &r[ranking] == "backyard"
                && !r[flags].contains("ineligible")
                && !backyard.iter().any(|b| b.contains(&format!("\"{}\"", &r[id])))
        })
        .expect("an entry after the finalists");
    let (outsider, its_place) = (next[id].to_owned(), next[place].to_owned());
    let edited = |at: &str| {
        let row =
            format!("  {{ id = \"{outsider}\", title = \"Outsider\", rubric_place = {at}, rubric_score = 1.0 }},");
        let text = text.replacen(&last, &row, 1);
        std::fs::write(&path, text.split("[[answers]]").next().expect("the rounds")).expect("write");
    };
    let mut results = vec!["results"];
    results.extend(paths(&files));
    // At its own place: never a finalist.
    edited(&its_place);
    for args in [&results, &vec!["merge"].into_iter().chain(paths(&files)).collect::<Vec<_>>()] {
        let out = s.cmd().args(["--judge", "head"]).args(args.iter()).output().expect("runs");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} refused: {said}");
        for want in ["finals.toml", outsider.as_str(), gone.as_str(), "judging merge FILES --finals"] {
            assert!(said.contains(want), "{args:?}: {want} in {said}");
        }
    }
    // At a place the rubric round has moved it from, as a late score file would: the store that
    // published the finals knows its finalists, and refuses the edit however it is dressed.
    edited("2");
    let others: Vec<String> =
        backyard[..backyard.len() - 1].iter().map(|l| l.split('"').nth(1).expect("an id").to_owned()).collect();
    run(&s, "mira", &["compare", &others[0], &others[1], "--winner", "A"]);
    let files: Vec<PathBuf> = JUDGES.iter().map(|j| export(&s, j)).collect();
    let mut results = vec!["results"];
    results.extend(paths(&files));
    let out = s.cmd().args(["--judge", "head"]).args(&results).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("is not what this store published last"), "{said}");
    assert!(said.contains(&format!("\"{outsider}\" at 2, where it was published as")), "{said}");
    assert!(said.contains("finals.toml") && said.contains("judging merge FILES --finals"), "{said}");
    // A store that published nothing (an organizer's) cannot tell it from a late file's move: the
    // finals go on, said; compared by nobody while mira compares the others, and paid, it is
    // flagged.
    run(&s, "organizer", &["pull"]);
    let out = s.cmd().args(["--judge", "organizer"]).args(&results).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains(&format!("published with Outsider ({outsider}) at rubric place 2")), "{said}");
    assert!(said.contains("the finals go on with the finalists published"), "{said}");
    assert!(said.contains(&format!("Outsider ({outsider}) takes paid place")), "{said}");
    assert!(said.contains("without one finals comparison"), "{said}");
}

/// The sample event's rubric round, its finals published by the head judge: the judges' files
/// as exported for it.
fn published() -> (Sandbox, Vec<PathBuf>) {
    let s = event();
    let files = rubric_round(&s);
    let mut publish = vec!["merge", "--finals"];
    publish.extend(paths(&files));
    run(&s, "head", &publish);
    (s, files)
}

/// The backyard finalists of the published finals.toml, in the file's (rubric) order.
fn backyard_finalists(s: &Sandbox) -> Vec<String> {
    finalists_of(s, "backyard")
}

/// The finalists of `ranking` in the published finals.toml, in the file's (rubric) order.
fn finalists_of(s: &Sandbox, ranking: &str) -> Vec<String> {
    let text = std::fs::read_to_string(s.path().join("finals.toml")).expect("finals.toml published");
    let rows = text
        .split(&format!("ranking = \"{ranking}\""))
        .nth(1)
        .expect("the ranking")
        .split("[[")
        .next()
        .expect("its rows");
    rows.lines().filter_map(|l| l.trim().strip_prefix("{ id = \"")?.split('"').next().map(str::to_owned)).collect()
}

/// A finalist fewer than merge.min_judges of the finals' judges may compare is said when the
/// finals are published, naming who may and why the others may not; and a paid place moved on
/// its one judge's answers tells the head judge what can work, not to have other judges compare
/// it. With `[finals] judges = ["mira", "priya"]`, priya judging the Backyard alone, only mira
/// may compare a Thousand Token Wood finalist: Garden Gnome had been published without a word,
/// paid 1st on mira's answers, and the check said to have other judges compare it, which none
/// could. In the Backyard, where priya may compare too, the advice stays.
#[test]
fn a_finalist_only_one_judge_may_compare_is_said_with_what_can_work() {
    let s = Sandbox::new();
    s.file(
        "judging.toml",
        &format!("{}\n[finals]\nsize = 4\njudges = [\"mira\", \"priya\"]\n", judging::config::BUILTIN),
    );
    for judge in JUDGES.iter().chain(&["head"]) {
        run(&s, judge, &["pull"]);
    }
    let files = rubric_round(&s);
    let mut publish = vec!["--judge", "head", "merge", "--finals"];
    publish.extend(paths(&files));
    let out = s.cmd().args(&publish).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    let titles = s.list_json("head");
    let field = |id: &str, key: &str| {
        let entries = titles.as_array().expect("a list");
        let entry = entries.iter().find(|e| e["id"] == id).expect("listed");
        entry[key].as_str().unwrap_or_default().to_owned()
    };
    let (title, team) = (|id: &str| field(id, "title"), |id: &str| field(id, "team"));
    let (wood, backyard) = (finalists_of(&s, "wood"), backyard_finalists(&s));
    for (ranking, finalists, only_mira) in [("Thousand Token Wood", &wood, true), ("Backyard AI", &backyard, false)] {
        for id in finalists.iter().filter(|id| *id != "cafe-companero") {
            let warned = said.lines().find(|l| l.contains(&format!("{} ({id}), a finalist of {ranking}", title(id))));
            assert_eq!(warned.is_some(), only_mira, "{id} in {ranking}: {said}");
            if let Some(warned) = warned {
                // tomas, not among [finals] judges, may compare it unless he declared a conflict.
                let cure = if team(id) == "Moss & Lichen" {
                    "add to [[judges]] (and to [finals] judges, where it names them) a judge who judges its track and has no conflict with it, or let the jury decide its place"
                } else {
                    "add tomas to [finals] judges in judging.toml (they judge its track and have no conflict with it), or let the jury decide its place"
                };
                for part in [
                    "only mira of the finals' judges may compare it (priya: not a track they judge), fewer than merge.min_judges (2)",
                    "rest on the answers of mira alone",
                    cure,
                ] {
                    assert!(warned.contains(part), "{part:?} in {warned}");
                }
            }
        }
    }
    // mira alone puts each ranking's third first.
    for finalists in [&wood, &backyard] {
        for other in &finalists[..2] {
            run(&s, "mira", &["compare", &finalists[2], other, "--winner", "A"]);
        }
    }
    let files: Vec<PathBuf> = JUDGES.iter().map(|j| export(&s, j)).collect();
    let mut args = vec!["--judge", "head", "results", "--format", "csv"];
    args.extend(paths(&files));
    let out = s.cmd().args(&args).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    let (sheet, warnings) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let mut rows = csv::Reader::from_reader(sheet.as_bytes());
    let header: Vec<String> = rows.headers().expect("a header").iter().map(str::to_owned).collect();
    let column = |name: &str| header.iter().position(|h| h == name).expect("a column");
    let (prize, entry, check) = (column("prize_id"), column("entry_id"), column("check"));
    let rows: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("a row")).collect();
    let ask = "have other judges compare it (`judging finals` gives them its pairs)";
    let only = "only mira of the finals' judges may compare it (priya: not a track they judge), so no other judge can be given its pairs: add ";
    for (ranking, id, stuck) in [("wood", &wood[2], true), ("backyard", &backyard[2], false)] {
        let row = rows.iter().find(|r| &r[prize] == ranking && &r[entry] == id.as_str()).expect("paid");
        let said = &row[check];
        assert!(said.contains("on the answers of mira alone"), "{ranking}: {said}");
        assert_eq!((said.contains(only), said.contains(ask)), (stuck, !stuck), "{ranking}: {said}");
    }
    // The merge's warning of each ranking says the same.
    let warned = |name: &str| {
        warnings.lines().find(|l| l.contains(&format!("The finals of {name} move paid places"))).unwrap_or_default()
    };
    let (wood_warning, backyard_warning) = (warned("Thousand Token Wood"), warned("Backyard AI"));
    assert!(
        wood_warning.contains(&format!("{}: only mira of the finals' judges may compare it", title(&wood[2]))),
        "{warnings}"
    );
    assert!(!wood_warning.contains("Have other judges compare"), "{wood_warning}");
    assert!(backyard_warning.contains("Have other judges compare these finalists"), "{warnings}");
    assert!(!backyard_warning.contains("only mira"), "{backyard_warning}");
}

/// The finals' warnings are checks of the award they are about, in every jury format: mira alone
/// puts the rubric round's third first (fewer judges than merge.min_judges moved a paid place),
/// and nobody compares the fourth, paid all the same. They had been merge warnings in words only,
/// and the CSV's check column, the one the organizers pay from, was empty on both rows.
#[test]
fn the_finals_warnings_are_checks_of_the_award_they_concern() {
    let (s, _) = published();
    let finalists = backyard_finalists(&s);
    assert_eq!(finalists.len(), 4, "{finalists:?}");
    let (third, fourth) = (finalists[2].as_str(), finalists[3].as_str());
    for other in &finalists[..2] {
        run(&s, "mira", &["compare", third, other, "--winner", "A"]);
    }
    let files: Vec<PathBuf> = JUDGES.iter().map(|j| export(&s, j)).collect();
    let results = |format: &str| {
        let mut args = vec!["results", "--format", format];
        args.extend(paths(&files));
        run(&s, "organizer", &args)
    };
    run(&s, "organizer", &["pull"]);
    let sheet = results("csv");
    let mut rows = csv::Reader::from_reader(sheet.as_bytes());
    let header: Vec<String> = rows.headers().expect("a header").iter().map(str::to_owned).collect();
    let column = |name: &str| header.iter().position(|h| h == name).expect("a column");
    let (prize, entry, place, check) = (column("prize_id"), column("entry_id"), column("place"), column("check"));
    let rows: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("a row")).collect();
    let row = |id: &str| rows.iter().find(|r| &r[prize] == "backyard" && &r[entry] == id).expect("paid").clone();
    let moved = row(third);
    assert_eq!(&moved[place], "1", "mira's answers put it first: {sheet}");
    let said = &moved[check];
    assert!(said.contains("on the answers of mira alone"), "{said}");
    assert!(said.contains("3rd in the rubric round") && said.contains("merge.min_judges (2)"), "{said}");
    let unseen = row(fourth);
    assert!(unseen[check].contains("without one finals comparison"), "{sheet}");
    assert!(!unseen[check].contains("mira alone"), "each check on its own row: {sheet}");
    // The same checks in the terminal's table, the Markdown and the page, by the award's title.
    let title = moved[column("title")].to_owned();
    for format in ["table", "md", "html"] {
        let out = results(format);
        let check = out.lines().find(|l| l.contains("on the answers of mira alone")).unwrap_or_default();
        assert!(check.contains(&title.replace('\'', "&#39;")), "{format}: {out}");
        assert!(out.contains("without one finals comparison"), "{format}: {out}");
    }
    // A prize of the Backyard narrowed by a tag every Backyard entry has, awarded first: paid
    // from the finals' order too, and so with the same check (it had shown none).
    let config = std::fs::read_to_string(s.path().join("judging.toml")).expect("judging.toml");
    let narrowed = "[[prizes]]\nid = \"yard-tag\"\nname = \"Yard Tag\"\ntrack = \"backyard\"\ntag = \"track:backyard\"\namounts = [100]\n\n[[prizes]]\n";
    s.file("judging.toml", &config.replacen("[[prizes]]\n", narrowed, 1));
    let sheet = results("csv");
    let mut rows = csv::Reader::from_reader(sheet.as_bytes());
    let tagged = rows.records().map(|r| r.expect("a row")).find(|r| &r[prize] == "yard-tag").expect("its row");
    assert_eq!(&tagged[entry], third, "paid from the finals' order: {sheet}");
    assert!(tagged[check].contains("on the answers of mira alone"), "the narrowed prize's check: {sheet}");
}

/// Published finals whose paid places judging.toml's prizes no longer pay (the prizes changed
/// since, or the file was edited) are refused with the command that mends them, and that command,
/// run as said, does: it republishes with the paid places judging.toml's prizes pay, keeping the
/// comparisons made. The refusal had said `--force`, and a plain republish had kept the file's
/// number (`gather` copied it), or stopped on the refusal.
#[test]
fn the_paid_refusal_says_what_mends_it_and_that_does() {
    let (s, _) = published();
    let finalists = backyard_finalists(&s);
    run(&s, "mira", &["compare", &finalists[0], &finalists[1], "--winner", "B"]);
    // The backyard prize now pays three places.
    let config = std::fs::read_to_string(s.path().join("judging.toml")).expect("judging.toml");
    let three = config.replacen("amounts = [2500, 1500, 1000, 500]", "amounts = [2500, 1500, 1000]", 1);
    assert_ne!(config, three, "the backyard prize's amounts: {config}");
    s.file("judging.toml", &three);
    let files: Vec<PathBuf> = JUDGES.iter().map(|j| export(&s, j)).collect();
    let mut results = vec!["results"];
    results.extend(paths(&files));
    let out = s.cmd().args(["--judge", "head"]).args(&results).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("rankings[0].paid = 4") && said.contains("pay 3 places"), "{said}");
    // The advice, taken at its word.
    let advice =
        said.split("publish the finals again with `").nth(1).expect("advice").split('`').next().expect("a command");
    let words: Vec<&str> = advice.split_whitespace().collect();
    assert_eq!(words[..2], ["judging", "merge"], "{said}");
    let mut args: Vec<&str> = Vec::new();
    for word in &words[1..] {
        if *word == "FILES" { args.extend(paths(&files)) } else { args.push(word) }
    }
    run(&s, "head", &args);
    let text = std::fs::read_to_string(s.path().join("finals.toml")).expect("published");
    let backyard = text.split("ranking = \"backyard\"").nth(1).expect("backyard");
    assert!(backyard.trim_start().starts_with("paid = 3"), "{text}");
    assert!(text.contains("[[answers]]") && text.contains("judge = \"mira\""), "mira's comparison kept: {text}");
    let mut json = vec!["results", "--format", "json"];
    json.extend(paths(&files));
    let outcome: serde_json::Value = serde_json::from_str(&run(&s, "head", &json)).expect("JSON");
    let prize = outcome["prizes"].as_array().expect("prizes").iter().find(|p| p["id"] == "backyard").expect("backyard");
    assert_eq!(prize["awards"].as_array().expect("awards").len(), 3, "{prize}");
    // The judges' view says the same number.
    assert!(run(&s, "mira", &["finals"]).contains("3 places paid"), "the judges see 3 paid");
}

/// A finals.toml whose paid places judging.toml's prizes no longer pay and with another problem
/// beside it: `merge --finals` says what each needs. The paid places are mended by the publish
/// itself; the other needs mending in the file or --force. It had said "Add --force" of both,
/// though --force was needed for the other alone.
#[test]
fn a_republish_says_which_problem_it_mends_and_which_needs_force() {
    let (s, _) = published();
    let finalists = backyard_finalists(&s);
    run(&s, "mira", &["compare", &finalists[0], &finalists[1], "--winner", "B"]);
    let files: Vec<PathBuf> = JUDGES.iter().map(|j| export(&s, j)).collect();
    let mut publish = vec!["merge", "--finals"];
    publish.extend(paths(&files));
    run(&s, "head", &publish);
    // The backyard prize now pays three places, and an answer of a judge who is no finals judge
    // was put in by hand.
    let config = std::fs::read_to_string(s.path().join("judging.toml")).expect("judging.toml");
    s.file("judging.toml", &config.replacen("amounts = [2500, 1500, 1000, 500]", "amounts = [2500, 1500, 1000]", 1));
    let published = std::fs::read_to_string(s.path().join("finals.toml")).expect("published");
    let stray = format!(
        "\n[[answers]]\njudge = \"zed\"\npair = [{:?}, {:?}]\nverdict = \"first\"\n",
        finalists[0], finalists[1]
    );
    s.file("finals.toml", &format!("{published}{stray}"));
    let out = s.cmd().args(["--judge", "head"]).args(&publish).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    let paid = said.lines().find(|l| l.contains("rankings[0].paid = 4")).expect("the paid problem");
    let zed = said.lines().find(|l| l.contains("judge = \"zed\"")).expect("the other problem");
    // Each under what it needs: the paid one mended by this publish, the other by a fix or --force.
    let (mended_at, force_at) = (
        said.find("The paid places need nothing: this publish mends them").expect("mended"),
        said.find("--force").expect("force"),
    );
    let (paid_at, zed_at) = (said.find(paid).expect("paid"), said.find(zed).expect("zed"));
    assert!(force_at < zed_at && zed_at < mended_at && mended_at < paid_at, "{said}");
    assert!(!paid.contains("--force") && !paid.contains("publish the finals again"), "{paid}");
    assert!(!said.contains("Add --force to publish the finals anew over it."), "not said of both: {said}");
    // Taken at its word: the other mended in the file, a plain republish mends the paid places
    // and keeps mira's comparison.
    s.file("finals.toml", &published);
    run(&s, "head", &publish);
    let text = std::fs::read_to_string(s.path().join("finals.toml")).expect("published");
    let backyard = text.split("ranking = \"backyard\"").nth(1).expect("backyard");
    assert!(backyard.trim_start().starts_with("paid = 3"), "{text}");
    assert!(text.contains("judge = \"mira\""), "mira's comparison kept: {text}");
}

/// Results merged by another method than the one that published the finals say so: the
/// finalists are the calibrated rubric round's, the rest of the ranking the mean's, and it had
/// been taken without a word.
#[test]
fn finals_read_under_another_method_are_said_to_be() {
    let (s, files) = published();
    let mut mean = vec!["results", "--method", "mean"];
    mean.extend(paths(&files));
    let out = s.cmd().args(["--judge", "head"]).args(&mean).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("was published from a merge by the calibrated method, and this merge is by the mean method")
            && said.contains("merge with --method calibrated"),
        "{said}"
    );
    let mut same = vec!["results"];
    same.extend(paths(&files));
    let out = s.cmd().args(["--judge", "head"]).args(&same).output().expect("runs");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("was published from a merge by"), "same method");
}
