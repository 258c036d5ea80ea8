//! `judging feedback`: every team's page, with the notes meant for it and never the jury's.

mod common;

use common::Sandbox;
use predicates::prelude::*;

const SECRET: &str = "JURY-ONLY-do-not-share";

/// Two judges score two entries; each writes a jury note (the secret) and a note for the team.
fn files(s: &Sandbox) -> Vec<std::path::PathBuf> {
    ["mira", "tomas"]
        .iter()
        .map(|judge| {
            s.cmd().args(["--judge", judge, "pull"]).assert().success();
            for (id, u) in [("sprout-sense", "5"), ("bus-stop-oracle", "2")] {
                s.cmd()
                    .args(["--judge", judge, "score", id, &format!("utility={u}"), "latency=3", "cost=4"])
                    .args(["--note", &format!("{SECRET} from {judge}")])
                    .args(["--team-note", &format!("Lovely demo, said {judge}'s twin <b>bold</b>")])
                    .assert()
                    .success();
            }
            let out = s.path().join(format!("{judge}.json"));
            s.cmd().args(["--judge", judge, "export", "-o"]).arg(&out).assert().success();
            out
        })
        .collect()
}

/// A sandbox with the repo's own judging.toml (the Build Small event and its prizes) in its
/// folder.
fn with_the_repos_event() -> Sandbox {
    let s = Sandbox::new();
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    s.file("judging.toml", &std::fs::read_to_string(manifest.join("judging.toml")).expect("judging.toml"));
    s
}

/// The head judge pulls the event and writes every team's page into `out` from the two score
/// files kept in tests/fixtures.
fn pages_of_the_fixtures(s: &Sandbox) {
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    s.cmd()
        .args(["--judge", "head", "feedback", "-o", "out"])
        .arg(fixtures.join("scores-v1-mira.json"))
        .arg(fixtures.join("scores-v2-tomas.json"))
        .assert()
        .success();
}

fn read_all(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).expect("text")))
        .collect();
    out.sort();
    out
}

#[test]
fn every_team_gets_its_page_with_team_notes_and_never_the_jurys() {
    let s = Sandbox::new();
    let files = files(&s);
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd()
        .args(["--judge", "head", "feedback", "-o", "out"])
        .args(&files)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote feedback for 40 entries"));
    let written = read_all(&s.path().join("out"));
    assert_eq!(written.len(), 40 * 2 + 2, "a Markdown file and an HTML page per entry, and the index");
    for (name, text) in &written {
        assert!(!text.contains(SECRET), "{name} holds a jury note");
        assert!(!text.contains("mira from") && !text.contains("tomas from"), "{name}");
        assert!(!text.contains("<b>bold</b>"), "{name}: the team note is escaped");
    }
    let md = std::fs::read_to_string(s.path().join("out/sprout-sense.md")).expect("page");
    assert!(md.contains("**Judge A:** Lovely demo") && md.contains("**Judge B:** Lovely demo"), "{md}");
    assert!(md.contains("| Utility | 5.00 of 1-5 |"), "{md}");
    // The page names the event, and the track by its name, not its id.
    assert!(md.contains("Build Small Hackathon: feedback to the team"), "{md}");
    assert!(md.contains("Place 1 of 2 in Backyard AI"), "{md}");
    assert!(!md.contains("in backyard"), "{md}");
    let html = std::fs::read_to_string(s.path().join("out/sprout-sense.html")).expect("page");
    assert!(html.contains("<svg") && html.contains("<b>Judge A:</b>") && !html.contains("<script"), "{html}");
    // The index groups the entries by track, in place order, then those no one ranked.
    let index = std::fs::read_to_string(s.path().join("out/index.md")).expect("index");
    let at = |what: &str| index.find(what).unwrap_or_else(|| panic!("{what} in {index}"));
    assert!(at("## Backyard AI") < at("- #1 [Sprout Sense](sprout-sense.md)"), "{index}");
    assert!(at("- #1 [Sprout Sense]") < at("- #2 [Bus Stop Oracle](bus-stop-oracle.md)"), "{index}");
    assert!(at("(bus-stop-oracle.md)") < at("## Not ranked"), "{index}");
    // With notes = "never", no note reaches a team.
    s.file("never.toml", &judging::config::BUILTIN.replace("[merge]\n", "[feedback]\nnotes = \"never\"\n\n[merge]\n"));
    s.cmd()
        .args(["--config", "never.toml", "--judge", "head", "feedback", "-o", "never"])
        .args(&files)
        .assert()
        .success();
    for (name, text) in read_all(&s.path().join("never")) {
        assert!(!text.contains("Lovely demo") && !text.contains(SECRET), "{name}");
    }
}

/// Two entries whose ids differ only in case and punctuation get a page each: one team never
/// reads the other's.
#[test]
fn entries_whose_ids_collide_as_file_names_get_a_page_each() {
    let s = Sandbox::new();
    let sample = judging::config::builtin_export("builtin:sample").expect("sample");
    let mut lines = sample.lines();
    let header = lines.next().expect("header");
    let pantry = lines.clone().find(|l| l.starts_with("pantry-poet,")).expect("pantry-poet");
    let twin = pantry.replacen("pantry-poet,Pantry Poet,Quill & Crumb", "Pantry.Poet,Pantry Twin,Other Team", 1);
    s.file("export.csv", &format!("{header}\n{pantry}\n{twin}\n"));
    s.file("judging.toml", &judging::config::BUILTIN.replace("builtin:sample", "export.csv"));
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    for id in ["pantry-poet", "Pantry.Poet"] {
        s.cmd().args(["--judge", "mira", "score", id, "utility=4", "latency=3", "cost=4"]).assert().success();
    }
    let file = s.path().join("mira.json");
    s.cmd().args(["--judge", "mira", "export", "-o"]).arg(&file).assert().success();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "feedback", "-o", "out"]).arg(&file).assert().success();
    let pages: Vec<String> = read_all(&s.path().join("out")).into_iter().map(|(name, _)| name).collect();
    assert_eq!(pages.len(), 2 * 2 + 2, "{pages:?}");
    let twin_page = std::fs::read_to_string(s.path().join("out/~50antry~2e~50oet.md")).expect("its own page");
    assert!(twin_page.contains("Pantry Twin") && !twin_page.contains("Quill & Crumb"), "{twin_page}");
}

/// A page quotes the level of the score it shows: two judges' 3 and 4 make 3.50, and the page
/// says what a 4 means, not what the lower judge's 3 means.
#[test]
fn the_level_quoted_is_the_level_of_the_score_shown() {
    let s = Sandbox::new();
    let files: Vec<std::path::PathBuf> = [("ana", 3), ("ben", 4)]
        .into_iter()
        .map(|(judge, utility)| {
            common::score_file(&s, &format!("{judge}.json"), |b| {
                b.judge = judge.into();
                b.scores[0].1 = vec![Some(utility), Some(3), Some(4)];
            })
        })
        .collect();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "feedback", "--method", "mean", "-o", "out"]).args(&files).assert().success();
    let md = std::fs::read_to_string(s.path().join("out/sprout-sense.md")).expect("page");
    let row = md.lines().find(|l| l.contains("3.50")).expect("the utility row");
    assert!(row.contains("Solves the stated problem well"), "a 4's meaning beside 3.50: {row}");
    assert!(!row.contains("Works and helps"), "not a 3's: {row}");
    // An entry no judge scored says so, with no table of empty scores.
    for page in ["out/pantry-poet.md", "out/pantry-poet.html"] {
        let text = std::fs::read_to_string(s.path().join(page)).expect("page");
        assert!(text.contains("No judge scored this entry"), "{page}: {text}");
        assert!(!text.contains("- of 1-5") && !text.contains("Nearest level"), "{page}: {text}");
    }
}

/// Progress is drawn only on a terminal: with standard error a pipe (as here, and in any script),
/// the long steps (pull, merge, the pages) say nothing on it, and standard output is the
/// command's alone.
#[test]
fn no_progress_when_standard_error_is_not_a_terminal() {
    let s = Sandbox::new();
    let files = files(&s);
    let pull = s.cmd().args(["--judge", "head", "pull"]).output().expect("runs");
    let feedback = s.cmd().args(["--judge", "head", "feedback", "-o", "out"]).args(&files).output().expect("runs");
    let merge = s.cmd().args(["--judge", "head", "merge", "--format", "json"]).args(&files).output().expect("runs");
    for (what, out) in [("pull", &pull), ("feedback", &feedback), ("merge", &merge)] {
        assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        for drawn in ["Reading", "Writing the teams' pages", "Merging", "[=", "\u{1b}["] {
            assert!(!err.contains(drawn), "{what} drew {drawn:?} on a pipe:\n{err}");
        }
    }
    let json: serde_json::Value = serde_json::from_slice(&merge.stdout).expect("merge's stdout is its JSON alone");
    assert!(json["rankings"].is_array(), "{json}");
}

/// A team's page shows the judges' average mark on each criterion and says so, and says that the
/// places come from the same marks merged by the event's method: with the calibrated method the
/// two can differ (a judge's leniency is taken out of the places, not the averages), and the
/// page must not leave a team to find the contradiction.
#[test]
fn the_page_says_its_scores_are_the_judges_average_marks_and_what_the_places_come_from() {
    let s = Sandbox::new();
    let files = files(&s);
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    for (method, places) in [
        ("calibrated", "The places come from the same marks with each judge's habits taken out"),
        ("mean", "The places rank the entries by the same marks, averaged"),
    ] {
        let out = format!("out-{method}");
        s.cmd().args(["--judge", "head", "feedback", "--method", method, "-o", &out]).args(&files).assert().success();
        let md = std::fs::read_to_string(s.path().join(format!("{out}/sprout-sense.md"))).expect("page");
        assert!(md.contains("| Criterion | Judges' average | Among the entries | Nearest level |"), "{md}");
        assert!(md.contains("Each score is the judges' average mark on the criterion") && md.contains(places), "{md}");
        let html = std::fs::read_to_string(s.path().join(format!("{out}/sprout-sense.html"))).expect("page");
        assert!(html.contains("<th>Judges' average</th>") && html.contains(&places.replace('\'', "&#39;")), "{html}");
    }
}

/// The README describes a team's page as the page is: the judges' average mark, the level that
/// average reaches, a histogram of ten bars, never a median or a chart of every entry.
#[test]
fn the_readme_describes_the_team_page_as_it_is() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let about = |start: &str| {
        let at = readme.find(start).unwrap_or_else(|| panic!("{start} in the README"));
        let end = readme[at..].find("\n\n").map_or(readme.len(), |e| at + e);
        readme[at..end].replace('\n', " ")
    };
    for part in ["- **Feedback to the teams.**", "**A team's page**"] {
        let text = about(part);
        for wrong in ["median", "every entry's mean", "merged score on each criterion"] {
            assert!(!text.contains(wrong), "{part} says {wrong:?}: {text}");
        }
        for right in ["judges' average mark", "ten bars"] {
            assert!(text.contains(right), "{part} does not say {right:?}: {text}");
        }
    }
}

/// A place two entries share is said to be shared on the index, as each one's page says it.
#[test]
fn the_index_says_a_shared_place_is_shared() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    for id in ["sprout-sense", "bus-stop-oracle"] {
        s.cmd().args(["--judge", "ana", "score", id, "utility=4", "latency=3", "cost=4"]).assert().success();
    }
    s.cmd().args(["--judge", "ana", "score", "pill-pal", "utility=2", "latency=2", "cost=2"]).assert().success();
    let file = s.path().join("ana.json");
    s.cmd().args(["--judge", "ana", "export", "-o"]).arg(&file).assert().success();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "feedback", "--method", "mean", "-o", "out"]).arg(&file).assert().success();
    let page = std::fs::read_to_string(s.path().join("out/sprout-sense.md")).expect("page");
    assert!(page.contains("Place 1, shared with 1 other entry, of 3 in Backyard AI"), "{page}");
    let md = std::fs::read_to_string(s.path().join("out/index.md")).expect("index");
    assert!(md.contains("- #1 (shared) [Sprout Sense](sprout-sense.md)"), "{md}");
    assert!(md.contains("- #1 (shared) [Bus Stop Oracle](bus-stop-oracle.md)"), "{md}");
    assert!(md.contains("- #3 [Pill Pal](pill-pal.md)"), "a place of its own is not shared: {md}");
    let html = std::fs::read_to_string(s.path().join("out/index.html")).expect("index");
    assert!(html.contains("<li>#1 (shared) <a href=\"sprout-sense.html\">Sprout Sense</a></li>"), "{html}");
    assert!(html.contains("<li>#3 <a href=\"pill-pal.html\">"), "{html}");
    // The tie over the track prize's first place is undecided: the results print it `1=`, and
    // each tied team's page says it is in that tie, not nothing of the prize.
    let results = s.cmd().args(["--judge", "head", "results", "--method", "mean"]).arg(&file).assert().success();
    let results = String::from_utf8_lossy(&results.get_output().stdout).into_owned();
    assert!(results.contains("1=") && results.contains("undecided"), "{results}");
    for id in ["sprout-sense", "bus-stop-oracle"] {
        let page = std::fs::read_to_string(s.path().join(format!("out/{id}.md"))).expect("page");
        let tied = page.lines().find(|l| l.starts_with("- Tied for: ")).unwrap_or_else(|| panic!("{page}"));
        // As the announcement says it ("1 (tied)", "undecided"), not as the jury's "1=", with
        // both paid places the tie of two spans.
        assert!(
            tied.contains(
                "Backyard AI, prize places 1 and 2, tied with 1 other entry and undecided, awaiting the jury's decision"
            ),
            "{tied}"
        );
        let won = page.lines().find(|l| l.starts_with("- Won: ")).unwrap_or_default();
        assert!(!won.contains("Backyard AI"), "an undecided tie pays no one yet: {page}");
        let html = std::fs::read_to_string(s.path().join(format!("out/{id}.html"))).expect("page");
        assert!(
            html.contains("<li>Tied for: Backyard AI, prize places 1 and 2, tied with 1 other entry and undecided"),
            "{html}"
        );
    }
    let page = std::fs::read_to_string(s.path().join("out/pill-pal.md")).expect("page");
    assert!(page.contains("- Won: Backyard AI, prize place 3"), "{page}");
    assert!(!page.contains("Tied for: Backyard AI"), "the third place is in no tie: {page}");
}

/// A sponsor's prize open only to some entries pays its first place to an entry ranked lower
/// than entries it is not open to: the page says the prize ranks only the entries it is open to,
/// never that "0 entries above it could not win" beside a place 3.
#[test]
fn a_prize_open_to_some_entries_only_says_so_beside_the_ranking_place() {
    let s = Sandbox::new();
    pages_of_the_fixtures(&s);
    let md = std::fs::read_to_string(s.path().join("out/sprout-sense.md")).expect("page");
    let won = md.lines().find(|l| l.contains("OpenBMB award, prize place 1")).unwrap_or_else(|| panic!("{md}"));
    // Its ranking named, as the page's lines name theirs: "placed 3 in its ranking" beside
    // "Place 2 of 7 in Backyard AI" had read as a contradiction, its ranking being the overall.
    assert!(won.contains("(placed 3rd overall; this prize ranks only the entries it is open to)"), "{won}");
    assert!(!md.contains("0 entries above it"), "{md}");
}

/// An entry the event's rules exclude from prizes is marked so on the index, in the words its
/// page and the jury's entry view use, whether or not it was ranked; an eligible one is not.
#[test]
fn the_index_marks_an_entry_the_rules_exclude_from_prizes() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    // Queue Whisperer has no demo video; Ghost Writer neither, and no judge scores it.
    for id in ["sprout-sense", "queue-whisperer", "bus-stop-oracle"] {
        s.cmd().args(["--judge", "ana", "score", id, "utility=4", "latency=3", "cost=4"]).assert().success();
    }
    let file = s.path().join("ana.json");
    s.cmd().args(["--judge", "ana", "export", "-o"]).arg(&file).assert().success();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "feedback", "-o", "out"]).arg(&file).assert().success();
    let said = judging::report::CANNOT_WIN;
    let page = std::fs::read_to_string(s.path().join("out/queue-whisperer.md")).expect("page");
    assert!(page.contains("no demo video"), "its page says why: {page}");
    let md = std::fs::read_to_string(s.path().join("out/index.md")).expect("index");
    let line =
        |id: &str| md.lines().find(|l| l.contains(&format!("({id}.md)"))).unwrap_or_else(|| panic!("{id}: {md}"));
    for id in ["queue-whisperer", "ghost-writer"] {
        assert!(line(id).ends_with(&format!(" ({said})")), "{}", line(id));
    }
    for id in ["sprout-sense", "bus-stop-oracle"] {
        assert!(!line(id).contains(said), "eligible: {}", line(id));
    }
    let html = std::fs::read_to_string(s.path().join("out/index.html")).expect("index");
    let item = |id: &str| {
        html.lines().find(|l| l.contains(&format!("href=\"{id}.html\""))).unwrap_or_else(|| panic!("{id}: {html}"))
    };
    for id in ["queue-whisperer", "ghost-writer"] {
        // A word apart from the link: "Queue Whisperer(cannot win…" had lost its space.
        assert!(item(id).contains(&format!("</a> ({})</li>", said.replace('\'', "&#39;"))), "{}", item(id));
    }
    assert!(!item("sprout-sense").contains("cannot win"), "{}", item("sprout-sense"));
}

/// A tie the jury decided gives one of the tied entries a prize place below its ranking place:
/// the page says the jury's decision set it, never "0 entries above it could not win this
/// prize", which explained nothing and read as a contradiction of "Place 1, shared".
#[test]
fn a_place_the_jury_decided_says_so_beside_the_ranking_place() {
    let s = with_the_repos_event();
    s.file(
        "decisions.toml",
        "[[decisions]]\nprize = \"backyard\"\norder = [\"bus-stop-oracle\", \"sprout-sense\"]\nreason = \"The panel agreed\"\n",
    );
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    for id in ["sprout-sense", "bus-stop-oracle"] {
        s.cmd().args(["--judge", "ana", "score", id, "utility=4", "latency=3", "cost=4"]).assert().success();
    }
    let file = s.path().join("ana.json");
    s.cmd().args(["--judge", "ana", "export", "-o"]).arg(&file).assert().success();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "feedback", "--method", "mean", "-o", "out"]).arg(&file).assert().success();
    let page = std::fs::read_to_string(s.path().join("out/sprout-sense.md")).expect("page");
    let won = page.lines().find(|l| l.contains("Backyard AI, prize place 2")).unwrap_or_else(|| panic!("{page}"));
    assert!(
        won.contains(
            "placed 1st in Backyard AI, shared with 1 other entry; the jury's decision on the tie gave it this place"
        ),
        "{won}"
    );
    assert!(!page.contains("0 entries above it"), "{page}");
    assert!(!page.contains("The panel agreed"), "the jury's reason stays with the jury: {page}");
    let first = std::fs::read_to_string(s.path().join("out/bus-stop-oracle.md")).expect("page");
    // The entry the decision placed first is told so too, in the same words: its page had said
    // nothing of the decision.
    assert!(
        first.contains("- Won: Backyard AI, prize place 1 (placed 1st in Backyard AI, shared with 1 other entry; the jury's decision on the tie gave it this place)"),
        "{first}"
    );
    // Decisions kept elsewhere reach the teams' pages as they reach `results`: `--decisions`.
    std::fs::rename(s.path().join("decisions.toml"), s.path().join("settled.toml")).expect("move");
    s.cmd().args(["--judge", "head", "feedback", "--method", "mean", "-o", "undecided"]).arg(&file).assert().success();
    let page = std::fs::read_to_string(s.path().join("undecided/sprout-sense.md")).expect("page");
    assert!(!page.contains("Backyard AI, prize place 2"), "no decisions file, no decided place: {page}");
    s.cmd()
        .args(["--judge", "head", "feedback", "--method", "mean", "--decisions", "settled.toml", "-o", "settled"])
        .arg(&file)
        .assert()
        .success();
    let page = std::fs::read_to_string(s.path().join("settled/sprout-sense.md")).expect("page");
    assert!(page.contains("Backyard AI, prize place 2"), "{page}");
}

/// A folder written into before keeps the pages of entries no longer in the field (withdrawn
/// since), with the places they had then: the run names them, and leaves them, as it leaves any
/// file of the organizers'. They had stayed unsaid, and shared whole the folder sent them.
#[test]
fn pages_this_run_did_not_write_are_named() {
    let s = Sandbox::new();
    let files = files(&s);
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    let first = s.cmd().args(["--judge", "head", "feedback", "-o", "out"]).args(&files).output().expect("runs");
    assert!(!String::from_utf8_lossy(&first.stderr).contains("did not write"), "a fresh folder has none");
    s.file("out/gone-entry.md", "# Feedback: Gone Entry");
    s.file("out/gone-entry.html", "<p>old</p>");
    s.file("out/notes.txt", "the organizers' own");
    let out = s.cmd().args(["--judge", "head", "feedback", "-o", "out"]).args(&files).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("holds 2 pages this run did not write (gone-entry.html, gone-entry.md)")
            && err.contains("remove them before you share the folder"),
        "{err}"
    );
    assert!(s.path().join("out/gone-entry.md").exists() && s.path().join("out/notes.txt").exists(), "left as they are");
}

/// An entry that lost a tie the jury decided at the last paid place: its page says it was tied
/// for the place and who the decision gave it to, never the jury's reason. It had said nothing
/// of the prize, the winner's "Won" the only word of it.
#[test]
fn a_tie_lost_by_the_jurys_decision_is_said_on_the_losers_page() {
    let s = with_the_repos_event();
    s.file(
        "decisions.toml",
        "[[decisions]]\nprize = \"backyard\"\norder = [\"recipe-rescue\", \"meter-reader\"]\nplace = 4\nreason = \"Panel notes\"\n",
    );
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    // Four Backyard places are paid: three clear, then two entries level for the fourth.
    for (id, u) in [("sprout-sense", "5"), ("bus-stop-oracle", "5"), ("moth-or-butterfly", "4")] {
        s.cmd()
            .args(["--judge", "ana", "score", id, &format!("utility={u}"), "latency=5", "cost=5"])
            .assert()
            .success();
    }
    for id in ["recipe-rescue", "meter-reader"] {
        s.cmd().args(["--judge", "ana", "score", id, "utility=2", "latency=2", "cost=2"]).assert().success();
    }
    let file = s.path().join("ana.json");
    s.cmd().args(["--judge", "ana", "export", "-o"]).arg(&file).assert().success();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "feedback", "--method", "mean", "-o", "out"]).arg(&file).assert().success();
    let lost = std::fs::read_to_string(s.path().join("out/meter-reader.md")).expect("page");
    assert!(
        lost.contains("Tied for: Backyard AI, prize place 4; the jury's decision on the tie gave it to Recipe Rescue"),
        "{lost}"
    );
    assert!(!lost.contains("Panel notes"), "the jury's reason stays with the jury: {lost}");
    let won = std::fs::read_to_string(s.path().join("out/recipe-rescue.md")).expect("page");
    assert!(won.contains("Won: Backyard AI, prize place 4") && !won.contains("Tied for"), "{won}");
    // The winner's side said alike: the decision gave it the place, never the reason.
    assert!(won.contains("; the jury's decision on the tie gave it this place)"), "{won}");
    assert!(!won.contains("Panel notes"), "the jury's reason stays with the jury: {won}");
}

/// A tie the jury settled is listed on the index in the decision's order, whichever order the
/// ranking had them in: the loser had been listed first, above the entry `results` paid the
/// higher place.
#[test]
fn the_index_lists_a_settled_tie_in_the_decisions_order() {
    let s = with_the_repos_event();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    for id in ["sprout-sense", "bus-stop-oracle"] {
        s.cmd().args(["--judge", "ana", "score", id, "utility=4", "latency=3", "cost=4"]).assert().success();
    }
    let file = s.path().join("ana.json");
    s.cmd().args(["--judge", "ana", "export", "-o"]).arg(&file).assert().success();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    // Each order in turn: one of them is not the ranking's own.
    for (first, second) in [("sprout-sense", "bus-stop-oracle"), ("bus-stop-oracle", "sprout-sense")] {
        s.file(
            "decisions.toml",
            &format!(
                "[[decisions]]\nprize = \"backyard\"\norder = [\"{first}\", \"{second}\"]\nreason = \"The panel agreed\"\n"
            ),
        );
        let out = format!("out-{first}");
        s.cmd().args(["--judge", "head", "feedback", "--method", "mean", "-o", &out]).arg(&file).assert().success();
        for (index, link) in [("index.md", ".md)"), ("index.html", ".html\"")] {
            let text = std::fs::read_to_string(s.path().join(&out).join(index)).expect("index");
            let at = |id: &str| text.find(&format!("{id}{link}")).unwrap_or_else(|| panic!("{id}: {text}"));
            assert!(at(first) < at(second), "{first} before {second}: {text}");
        }
    }
}

/// An entry no judge scored says no judge scored it; one a judge scored only in part says its
/// scores were left out, and why. Both had said "No judge's scores of this entry count", which
/// read to a team no judge looked at as scores thrown away.
#[test]
fn an_entry_no_judge_scored_is_told_apart_from_one_whose_scores_were_left_out() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "ana", "pull"]).assert().success();
    s.cmd().args(["--judge", "ana", "score", "sprout-sense", "utility=4", "latency=3", "cost=4"]).assert().success();
    s.cmd().args(["--judge", "ana", "score", "pill-pal", "utility=2"]).assert().success();
    let file = s.path().join("ana.json");
    s.cmd().args(["--judge", "ana", "export", "-o"]).arg(&file).assert().success();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "feedback", "--method", "mean", "-o", "out"]).arg(&file).assert().success();
    let page = |name: &str| std::fs::read_to_string(s.path().join("out").join(name)).expect("page");
    for name in ["pantry-poet.md", "pantry-poet.html"] {
        let text = page(name);
        assert!(text.contains("No judge scored this entry, so it has no scores and no place here."), "{name}: {text}");
        assert!(!text.contains("left out") && !text.contains("scores of this entry count"), "{name}: {text}");
    }
    for name in ["pill-pal.md", "pill-pal.html"] {
        let text = page(name);
        assert!(
            text.contains(
                "Judges scored this entry, but their scores were left out (a judge scored only some of its criteria), so it has no scores and no place here."
            ),
            "{name}: {text}"
        );
        assert!(!text.contains("No judge scored"), "{name}: {text}");
    }
}

/// An entry no judge scored that won a prize by likes: its page says the prize ranks by what no
/// judge scores, where "Won: Community Choice" above "No judge's scores of this entry count"
/// had read as a contradiction. An entry with no prize says only the latter.
#[test]
fn an_unscored_winner_is_told_its_prize_needs_no_score() {
    let s = Sandbox::new();
    let files = files(&s);
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    s.cmd().args(["--judge", "head", "feedback", "-o", "out"]).args(&files).assert().success();
    let pages = read_all(&s.path().join("out"));
    let unscored: Vec<&(String, String)> = pages
        .iter()
        .filter(|(name, text)| {
            std::path::Path::new(name).extension().is_some_and(|e| e == "md")
                && text.contains("No judge scored this entry")
        })
        .collect();
    let (won, lost): (Vec<_>, Vec<_>) = unscored.into_iter().partition(|(_, t)| t.contains("- Won: "));
    assert!(!won.is_empty(), "an unscored entry wins a prize by likes in the sample");
    for (name, text) in won {
        assert!(text.contains("The prizes it won rank by what no judge scores"), "{name}: {text}");
    }
    assert!(lost.iter().all(|(_, t)| !t.contains("The prizes it won")), "no prize, nothing said of one");
}

/// Where each entry wins one prize, a team whose entry topped a prize's ranking but had won
/// another is told on its page why that prize went elsewhere ("Passed over for: Best Demo
/// (already won Thousand Token Wood; one prize per entry)"); it had read only what it won. An
/// entry the rules exclude is told so once, under why it could not win, not again per prize.
#[test]
fn a_page_says_which_prizes_its_entry_was_passed_over_for_and_why() {
    let s = Sandbox::new();
    s.file("judging.toml", &judging::config::BUILTIN.replace("stacks = true", "stacks = false"));
    pages_of_the_fixtures(&s);
    let pages = read_all(&s.path().join("out"));
    let passed: Vec<&(String, String)> =
        pages.iter().filter(|(name, page)| page.contains("- Passed over for: ") && !name.contains(".html")).collect();
    assert!(!passed.is_empty(), "some entry was passed over for a prize after winning another");
    for (name, page) in &passed {
        let line = page.lines().find(|l| l.starts_with("- Passed over for: ")).unwrap_or_default();
        assert!(line.contains("(already won ") && line.ends_with("; one prize per entry)"), "{name}: {line}");
        assert!(page.contains("- Won: "), "{name}: passed over for having won, so it won: {page}");
        let html = pages.iter().find(|(n, _)| *n == name.replace(".md", ".html")).map(|(_, p)| p.as_str());
        assert!(html.is_some_and(|h| h.contains("<li>Passed over for: ")), "{name}");
    }
    let ghost = pages.iter().find(|(n, _)| n == "ghost-writer.md").map(|(_, p)| p.as_str()).unwrap_or_default();
    assert!(ghost.contains("Why it could not win a prize") && !ghost.contains("Passed over for"), "{ghost}");
}
