//! `update` alone: no store, no terminal. Actions go in; the state and the effects asked for
//! come out, and the loop's answers are fed back by hand.

use std::time::Instant;

use super::{Action, App, Effect, Link, Mode, Outcome, Outside, Then, Write};
use crate::config::Config;
use crate::model::{Change, ScoreSheet, Status, StoredSubmission, TextPart};

/// The built-in sample as `judging pull` would store it, and the app on it for tomas (who
/// declared a conflict with the team behind the first entry, sprout-sense).
fn app() -> App {
    let config = Config::builtin();
    let text = crate::config::builtin_export("builtin:sample").expect("built in");
    let parsed = crate::export::parse(text, "builtin:sample", &config).expect("parses");
    let submissions =
        parsed.submissions.into_iter().map(|submission| StoredSubmission { submission, withdrawn: false }).collect();
    App::new(config, "tomas".into(), submissions, ScoreSheet::default(), (Instant::now(), 1_782_036_000))
}

fn selected(app: &App) -> String {
    app.current().expect("a selection").submission.id.clone()
}

/// Answers every write as the store would when it takes it.
fn save_all(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Write(write) = effect {
            let more = app.heard(Outcome::Saved(write));
            save_all(app, more);
        }
    }
}

fn score(criterion: &str, value: Option<u8>) -> Change {
    Change::Score { criterion: criterion.into(), value }
}

#[test]
fn a_score_key_asks_for_a_write_and_shows_it_only_once_saved() {
    let mut app = app();
    app.select("pantry-poet");
    let effects = app.update(Action::Score(4));
    let want = Write {
        id: "pantry-poet".into(),
        change: score("utility", Some(4)),
        undo: Some(score("utility", None)),
        then: Then::Scored { reminder: None },
    };
    assert_eq!(effects, [Effect::Write(want.clone())]);
    assert_eq!(app.sheet().score("pantry-poet", "utility"), None, "not shown before the store has it");
    assert_eq!((app.focus, app.progress(), app.partly_scored(3).0), (0, (0, 37), 0));
    app.heard(Outcome::Saved(want));
    assert_eq!(app.sheet().score("pantry-poet", "utility"), Some(4));
    assert_eq!((app.focus, app.status.as_str()), (1, "saved"), "saved: the focus moves on");
    // Another score on a criterion already scored says what it replaced: a digit typed once
    // more on the last criterion had replaced its score with only "saved" said.
    app.focus = 0;
    let effects = app.update(Action::Score(2));
    save_all(&mut app, effects);
    assert_eq!(app.status, "saved · Utility 4 → 2");
    assert_eq!(app.partly_scored(3), (1, vec!["pantry-poet"]), "one of three: partly scored");
    for key in [3, 5] {
        let effects = app.update(Action::Score(key));
        save_all(&mut app, effects);
    }
    assert_eq!((app.progress(), app.partly_scored(3).0), ((1, 37), 0), "all three: scored, not partial");
    assert_eq!(app.status_of(app.current().expect("entry")), Status::Scored);
}

#[test]
fn a_write_not_saved_says_so_and_changes_nothing() {
    let mut app = app();
    app.select("pantry-poet");
    let Some(Effect::Write(write)) = app.update(Action::Score(4)).pop() else { panic!("a write") };
    app.heard(Outcome::NotSaved(write, "disk full".into()));
    assert_eq!(app.status, "NOT SAVED: disk full");
    assert_eq!(app.focus, 0, "the focus stays on the score that was not saved");
    assert_eq!(app.sheet().score("pantry-poet", "utility"), None);
    assert_eq!(app.progress(), (0, 37));
    assert!(app.update(Action::Undo).is_empty(), "nothing saved, nothing to undo");
    assert_eq!(app.status, "nothing to undo");
}

#[test]
fn each_key_asks_the_loop_for_what_it_needs() {
    let space = "https://huggingface.co/spaces/build-small-hackathon/sprout-sense";
    // (entry, action, sync repo, effects wanted, status wanted)
    let cases: [(&str, Action, bool, Vec<Effect>, &str); 8] = [
        ("sprout-sense", Action::Open(Link::Space), false, vec![Effect::Open(space.into())], "opened the Space"),
        ("sock-matcher", Action::Open(Link::Video), false, vec![], "this entry has no video"),
        ("sprout-sense", Action::Push, true, vec![Effect::Push], "pushing your score file…"),
        (
            "sprout-sense",
            Action::Push,
            false,
            vec![],
            "judging.toml has no [sync] repo: export (judging export) and send the file by hand",
        ),
        ("sprout-sense", Action::Move(1), false, vec![], ""),
        ("sprout-sense", Action::Help, false, vec![], ""),
        ("sprout-sense", Action::Undo, false, vec![], "nothing to undo"),
        ("sprout-sense", Action::ClearScore, false, vec![], "Utility has no score to clear"),
    ];
    for (entry, action, repo, want, said) in cases {
        let mut app = app();
        if repo {
            app.config.sync.repo = "judges/scores-2026".into();
        }
        app.select(entry);
        assert_eq!(app.update(action.clone()), want, "{action:?} on {entry}");
        assert_eq!(app.status, said, "{action:?} on {entry}");
    }
}

#[test]
fn only_web_links_leave_the_screen() {
    for (link, opens) in [
        ("https://example.org/demo", true),
        ("http://example.org/demo", true),
        ("javascript:alert(1)", false),
        ("file:///etc/passwd", false),
        ("https://exa mple.org/\nx", false),
        // Shows huggingface.co, opens evil.example.
        ("https://huggingface.co@evil.example/spaces/x/y", false),
        ("https://user:pass@evil.example/v", false),
    ] {
        let mut app = app();
        app.select("pantry-poet");
        let Some(entry) = app.entries.get("pantry-poet") else { panic!("entry") };
        let mut submissions: Vec<StoredSubmission> = app
            .entries
            .iter()
            .map(|e| StoredSubmission { submission: e.submission.clone(), withdrawn: e.withdrawn })
            .collect();
        let at = submissions.iter().position(|s| s.submission.id == entry.submission.id).expect("there");
        submissions[at].submission.post_url = Some(link.into());
        app.heard(Outcome::Outside(Outside::Pulled { submissions, sheet: ScoreSheet::default() }));
        let effects = app.update(Action::Open(Link::Post));
        assert_eq!(effects == [Effect::Open(link.into())], opens, "{link}: {effects:?} {}", app.status);
        assert_eq!(app.status.starts_with("could not open the social post"), !opens, "{link}: {}", app.status);
    }
}

#[test]
fn undo_asks_to_write_back_and_keeps_it_when_not_saved() {
    let mut app = app();
    app.select("pantry-poet");
    let effects = app.update(Action::Score(4));
    save_all(&mut app, effects);
    app.update(Action::Move(1));
    let Some(Effect::Write(undo)) = app.update(Action::Undo).pop() else { panic!("an undo write") };
    assert_eq!((undo.id.as_str(), &undo.change, &undo.then), ("pantry-poet", &score("utility", None), &Then::Undone));
    app.heard(Outcome::NotSaved(undo.clone(), "locked".into()));
    assert_eq!(app.update(Action::Undo), [Effect::Write(undo.clone())], "the undo not saved is still there");
    app.heard(Outcome::Saved(undo));
    assert_eq!((selected(&app), app.status.as_str()), ("pantry-poet".into(), "undone: Utility on Pantry Poet"));
    assert_eq!(app.sheet().score("pantry-poet", "utility"), None);
}

#[test]
fn a_note_is_written_key_by_key_and_undone_as_one() {
    let mut app = app();
    app.select("pantry-poet");
    assert!(app.update(Action::EditNote).is_empty());
    assert!(matches!(app.mode, Mode::Note(_)));
    for c in ['o', 'k'] {
        let key = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
        let effects = app.update(Action::Type(key));
        let Some(Effect::Write(write)) = effects.first() else { panic!("a write per key") };
        assert_eq!((write.undo.as_ref(), &write.then), (None, &Then::Typed));
        save_all(&mut app, effects);
    }
    assert_eq!(app.note_of("pantry-poet", false).map(String::as_str), Some("ok"));
    assert!(app.update(Action::Close(true)).is_empty());
    assert_eq!(app.status, "note for the jury saved");
    let want =
        Write { id: "pantry-poet".into(), change: Change::Text(TextPart::Note, None), undo: None, then: Then::Undone };
    assert_eq!(app.update(Action::Undo), [Effect::Write(want)], "the whole note is one undo");
}

#[test]
fn a_recusal_needs_a_reason_and_then_blocks_scores() {
    let mut app = app();
    app.select("pantry-poet");
    app.update(Action::Recuse);
    assert!(matches!(app.mode, Mode::Recuse(_)));
    assert!(app.update(Action::Close(true)).is_empty());
    assert_eq!(app.status, "a recusal needs a reason: type it, then Enter (Esc cancels)");
    assert!(matches!(app.mode, Mode::Recuse(_)), "still asking for the reason");
    app.update(Action::Paste("my cousin's team".into()));
    let effects = app.update(Action::Close(true));
    let want = Change::Text(TextPart::Recusal, Some("my cousin's team".into()));
    assert!(matches!(effects.as_slice(), [Effect::Write(w)] if w.change == want && w.then == Then::Recusal("recused")));
    save_all(&mut app, effects);
    // tomas: 40 entries, less the 3 of Moss & Lichen (a conflict of his), less the one recused.
    assert_eq!((app.status.as_str(), app.progress()), ("recused", (0, 36)));
    assert!(app.update(Action::Score(4)).is_empty(), "a recused entry takes no score");
    assert_eq!(app.status, "this entry is recused; press r to undo a recusal");
}

/// On the built-in event there is no judging.toml to look in: the messages say so.
#[test]
fn the_built_in_event_is_named_where_judging_toml_would_be() {
    let mut app = app();
    app.builtin_event = true;
    app.update(Action::Push);
    assert_eq!(app.status, "the built-in event has no [sync] repo: export (judging export) and send the file by hand");
    app.builtin_event = false;
    app.update(Action::Push);
    assert!(app.status.starts_with("judging.toml has no [sync] repo"), "{}", app.status);
}

#[test]
fn quitting_with_the_stopwatch_running_saves_its_reading() {
    let mut app = app();
    app.select("pantry-poet");
    let start = app.now;
    assert!(app.update(Action::Stopwatch).is_empty());
    app.update(Action::Tick(start + std::time::Duration::from_millis(2_460), 0));
    let effects = app.update(Action::Quit);
    assert!(app.quit);
    let want = Write {
        id: "pantry-poet".into(),
        change: Change::Readings(vec![2.5]),
        undo: Some(Change::Readings(Vec::new())),
        then: Then::Reading(2.5),
    };
    assert_eq!(effects, [Effect::Write(want)]);
}

#[test]
fn news_from_beside_the_app_keeps_the_counts_right() {
    let mut app = app();
    let mut part = ScoreSheet::default();
    for (c, v) in [("utility", 5), ("latency", 4), ("cost", 3)] {
        part.apply("pantry-poet", &score(c, Some(v)));
    }
    part.apply("lullaby-loom", &score("utility", Some(2)));
    let ids = vec!["pantry-poet".to_owned(), "lullaby-loom".to_owned()];
    let news = Outside::Changed { ids: ids.clone(), part: part.clone(), stored: Some(part.size()) };
    assert!(app.heard(Outcome::Outside(news)).is_empty());
    assert_eq!((app.progress().0, app.partly_scored(3)), (1, (1, vec!["lullaby-loom"])));
    // The store holds fewer rows than the sheet would: something was deleted, read it all.
    let news = Outside::Changed { ids, part, stored: Some(1) };
    assert_eq!(app.heard(Outcome::Outside(news)), [Effect::ReadSheet]);
    app.heard(Outcome::Outside(Outside::Sheet(ScoreSheet::default())));
    assert_eq!((app.progress().0, app.partly_scored(3).0), (0, 0));
}

#[test]
fn answers_from_the_loop_are_said() {
    let mut app = app();
    let at = Some("2026-06-21T10:00:00.000Z".to_owned());
    app.heard(Outcome::Pushed { said: "pushed to judges/scores".into(), at: at.clone() });
    assert_eq!((app.status.as_str(), &app.last_pushed), ("pushed to judges/scores", &at));
    app.heard(Outcome::PushFailed("no network: the next push sends it".into()));
    assert_eq!(app.status, "no network: the next push sends it");
    app.heard(Outcome::LinkFailed { url: "https://x.org".into(), reason: "no browser".into() });
    assert_eq!(app.status, "could not open the link: no browser · the link to copy: x.org");
}

/// `f` steps through the tracks the entries have even where judging.toml names none (it had
/// done nothing then, silently), and on an event with no track at all says so.
#[test]
fn f_filters_by_the_exports_tracks_and_says_when_there_are_none() {
    let app_with = |keep_tracks: bool| {
        let mut config = Config::builtin();
        config.tracks.clear();
        let text = crate::config::builtin_export("builtin:sample").expect("built in");
        let parsed = crate::export::parse(text, "builtin:sample", &Config::builtin()).expect("parses");
        let submissions = parsed
            .submissions
            .into_iter()
            .map(|mut submission| {
                if !keep_tracks {
                    submission.track = None;
                }
                StoredSubmission { submission, withdrawn: false }
            })
            .collect();
        App::new(config, "tomas".into(), submissions, ScoreSheet::default(), (Instant::now(), 1_782_036_000))
    };
    let mut app = app_with(true);
    let mut seen = Vec::new();
    for _ in 0..3 {
        app.update(Action::CycleTrack);
        seen.push((app.list.track.clone(), app.list.rows().len()));
    }
    assert_eq!(seen, [(Some("backyard".into()), 21), (Some("wood".into()), 19), (None, 40)]);

    let mut app = app_with(false);
    app.update(Action::CycleTrack);
    assert_eq!((app.list.track.clone(), app.list.rows().len()), (None, 40));
    assert!(app.status.starts_with("no track to filter by"), "{}", app.status);
}

/// Tab past the last criterion, or h before the first, says where the focus is: it had done
/// nothing and said nothing, where every other key that does nothing says so.
#[test]
fn moving_past_the_last_criterion_says_so() {
    let mut app = app();
    app.update(Action::Focus(1));
    assert_eq!((app.focus, app.status.as_str()), (1, ""), "a move says nothing");
    app.update(Action::Focus(1));
    app.update(Action::Focus(1));
    assert_eq!((app.focus, app.status.as_str()), (2, "Cost is the last criterion"));
    app.focus = 0;
    app.update(Action::Focus(-1));
    assert_eq!((app.focus, app.status.as_str()), (0, "Utility is the first criterion"));
}

/// A key for the entry in front of the judge, pressed on a list a search or filter left empty,
/// says why nothing happened and which key brings entries back (it had done nothing, silently,
/// and `n` had said every listed entry was scored).
#[test]
fn a_key_for_an_entry_on_an_empty_list_says_none_is_listed() {
    let mut app = app();
    app.list.query = "no such entry".into();
    app.list.unscored_only = true;
    app.refresh_view();
    assert!(app.current().is_none());
    let keys = [
        Action::Score(4),
        Action::ClearScore,
        Action::Open(Link::Space),
        Action::Stopwatch,
        Action::EditNote,
        Action::Recuse,
        Action::WholeEntry,
        Action::Focus(1),
        Action::NextUnscored,
    ];
    for key in keys {
        let effects = app.update(key.clone());
        assert!(effects.is_empty(), "{key:?}");
        assert!(matches!(app.mode, Mode::Browse), "{key:?}");
        assert_eq!(
            app.status, "no entry is listed: Esc clears the search \"no such entry\"",
            "{key:?}: U is not offered, as nothing is scored to show"
        );
    }
}

/// x on an entry withdrawn from the export keeps its score, as the message every other key
/// gives there promises ("what you gave it is kept"): x had cleared it.
#[test]
fn x_keeps_the_score_of_a_withdrawn_entry() {
    let mut app = app();
    app.select("pantry-poet");
    let effects = app.update(Action::Score(4));
    save_all(&mut app, effects);
    app.focus = 0;
    let submissions: Vec<StoredSubmission> = app
        .entries
        .iter()
        .map(|e| StoredSubmission { submission: e.submission.clone(), withdrawn: e.submission.id == "pantry-poet" })
        .collect();
    let sheet = app.sheet().clone();
    app.heard(Outcome::Outside(Outside::Pulled { submissions, sheet }));
    app.select("pantry-poet");
    app.focus = 0;
    let effects = app.update(Action::ClearScore);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(app.status.starts_with("withdrawn from the export"), "{}", app.status);
    assert_eq!(app.sheet().score("pantry-poet", "utility"), Some(4));
}

/// A judge kept to one track has the calibration entries of the other as theirs (the
/// assignments give every judge those), and scoring an entry outside their track saves it with
/// the reminder that it counts, as `judging score` says it.
#[test]
fn a_calibration_entry_is_every_judges_and_another_tracks_entry_is_said_on_scoring() {
    let mut config = Config::builtin();
    config.assign.calibration = vec!["pantry-poet".into()];
    let text = crate::config::builtin_export("builtin:sample").expect("built in");
    let parsed = crate::export::parse(text, "builtin:sample", &config).expect("parses");
    let submissions: Vec<StoredSubmission> =
        parsed.submissions.into_iter().map(|submission| StoredSubmission { submission, withdrawn: false }).collect();
    let track_of =
        |id: &str| submissions.iter().find(|s| s.submission.id == id).and_then(|s| s.submission.track.clone());
    assert_eq!(track_of("pantry-poet").as_deref(), Some("wood"));
    assert_eq!(track_of("lullaby-loom").as_deref(), Some("wood"));
    let priya = config.judge("priya").expect("listed").clone();
    assert_eq!(priya.tracks, ["backyard"]);
    let mut app = App::new(config, "priya".into(), submissions, ScoreSheet::default(), (Instant::now(), 1_782_036_000));
    let mine = |app: &App, id: &str| app.entries.get(id).is_some_and(|e| !app.entries.uncounted(e));
    assert!(mine(&app, "pantry-poet"), "the calibration entry of the wood track is priya's");
    assert!(!mine(&app, "lullaby-loom"), "another wood entry is not");
    for (id, reminder) in
        [("pantry-poet", None), ("lullaby-loom", Some("outside the tracks the event gives you (Backyard AI)"))]
    {
        app.select(id);
        let effects = app.update(Action::Score(4));
        let [Effect::Write(write)] = effects.as_slice() else { panic!("one write: {effects:?}") };
        let Then::Scored { reminder: said } = &write.then else { panic!("{:?}", write.then) };
        match reminder {
            None => assert_eq!(said, &None, "{id}"),
            Some(words) => assert!(said.as_deref().is_some_and(|s| s.contains(words)), "{id}: {said:?}"),
        }
        save_all(&mut app, effects);
        assert!(app.status.starts_with("saved"), "{}", app.status);
    }
}
