//! The merge's stages on constructed panels whose answers are known: a trainee changes nothing,
//! `--without` is the merge without that file, and a drift taken out is gone.

// Constructed marks stay far inside every numeric range they are cast to.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use super::*;
use crate::rankings::robustness::tests::{backyard, judge};

/// judging.toml's judges for these panels: `tia` a trainee.
fn config() -> Config {
    let mut config = Config::builtin();
    let listed = |name: &str, counts: bool| crate::config::Judge { counts, ..crate::config::Judge::named(name) };
    config.judges = vec![listed("ana", true), listed("bo", true), listed("cy", true), listed("tia", false)];
    config
}

fn panel() -> Vec<JudgeMarks> {
    vec![judge("ana", &[5, 1, 3, 2, 1, 1]), judge("bo", &[4, 5, 3, 2, 1, 1]), judge("cy", &[4, 5, 3, 2, 1, 1])]
}

/// A trainee who gives the last entry every point and the winner none changes no place, score,
/// chance, flag, judge's figure or robustness; they are shown beside the judges and compared.
#[test]
fn a_trainee_with_extreme_marks_changes_nothing() {
    let subs = backyard(6);
    let field = Field::new(&subs);
    let config = config();
    for method in [Method::Calibrated, Method::Mean, Method::Median] {
        let options = Options::new(method.clone(), &config);
        let without = rank_all(panel(), &config, &field, &options).expect("ranks");
        let mut with = panel();
        with.push(judge("tia", &[1, 1, 1, 1, 5, 5]));
        let with = rank_all(with, &config, &field, &options).expect("ranks");
        assert_eq!(with.rankings, without.rankings, "{}", method.name());
        assert_eq!(with.judges, without.judges, "{}", method.name());
        assert_eq!(with.robustness, without.robustness, "{}", method.name());
        assert_eq!(with.majorities, without.majorities, "{}", method.name());
        assert_eq!((with.alpha, &with.disagreements), (without.alpha, &without.disagreements));
        assert!(with.rankings[1].1.iter().any(|e| e.chance.is_some()) == (method == Method::Calibrated));
        let tia = &with.trainees;
        assert_eq!(tia.len(), 1);
        assert_eq!((tia[0].judge.as_str(), tia[0].compared), ("tia", 6));
        assert!(tia[0].order.is_some_and(|o| o < 0.0), "tia orders the entries against the panel: {tia:?}");
        let view = with.panel_of("e").expect("an entry");
        let shown: Vec<(String, bool)> = view.judges.iter().map(|j| (j.name(), j.counts)).collect();
        assert_eq!(
            shown,
            [("ana".into(), true), ("bo".into(), true), ("cy".into(), true), ("tia (trainee)".into(), false)]
        );
    }
}

/// `--without ana` is the merge of the other files, and says who was left out; a name no file
/// gives is refused with the names like it; leaving out everyone is refused.
#[test]
fn without_a_judge_is_the_merge_of_the_other_files() {
    let subs = backyard(6);
    let field = Field::new(&subs);
    let config = config();
    let mut options = Options::new(Method::Calibrated, &config);
    let others: Vec<JudgeMarks> = panel().into_iter().filter(|j| j.judge != "ana").collect();
    let expected = rank_all(others, &config, &field, &options).expect("ranks");
    options.without = vec!["ANA".into()];
    let left = rank_all(panel(), &config, &field, &options).expect("ranks");
    assert_eq!(left.rankings, expected.rankings);
    assert_eq!(left.left_out, ["ana"]);
    assert!(expected.left_out.is_empty());
    // What the full merge reported of the first place is what leaving ana out gives.
    let full = rank_all(panel(), &config, &field, &Options::new(Method::Calibrated, &config)).expect("ranks");
    let change = &full.fragile("backyard")[0];
    assert_eq!((change.place, change.judge.as_str()), (1, "ana"));
    assert_eq!(left.ranking("backyard").expect("ranked")[0].id, change.then.clone().expect("a holder"));
    options.without = vec!["anna".into()];
    let err = rank_all(panel(), &config, &field, &options).expect_err("no such judge");
    assert_eq!(
        err.to_string(),
        "--without \"anna\": no score file is from a judge of that name; the files are from ana, bo, cy. Did you mean: ana?"
    );
    // A judge already left out is still one whose file was given.
    options.without = vec!["ana".into(), "anna".into()];
    let err = rank_all(panel(), &config, &field, &options).expect_err("no such judge");
    assert!(err.to_string().contains("the files are from ana, bo, cy."), "{err}");
    options.without = vec!["ana".into(), "bo".into(), "cy".into()];
    let err = rank_all(panel(), &config, &field, &options).expect_err("nobody left");
    assert!(matches!(err, RankError::NoneLeft { .. }), "{err}");
}

/// The day of `merge::drift`'s test as score files: four judges, one rising a point over four
/// hours.
fn day() -> (Vec<JudgeMarks>, Vec<crate::model::StoredSubmission>) {
    let (panel, given) = crate::merge::drift::tests::day(3);
    let judges = panel
        .judges
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let mine: Vec<(usize, &crate::merge::Mark)> =
                panel.marks.iter().enumerate().filter(|(_, m)| m.judge() == j).collect();
            JudgeMarks {
                judge: name.clone(),
                digest: name.clone(),
                entries: mine.iter().map(|(_, m)| m.entry()).collect(),
                totals: mine.iter().map(|(_, m)| m.value).collect(),
                values: mine.iter().flat_map(|(_, m)| [Some(m.value.round().clamp(1.0, 5.0) as u8); 3]).collect(),
                given: mine.iter().map(|(i, _)| crate::merge::drift::Given::new(given[*i])).collect(),
                ..JudgeMarks::default()
            }
        })
        .collect();
    (judges, backyard(24))
}

/// Reported, the rising judge's drift is named and their marks count as given; corrected, it is
/// taken out, and what is left of it in the panel is nothing.
#[test]
fn a_drift_is_reported_or_taken_out_before_the_fit() {
    let (judges, subs) = day();
    let field = Field::new(&subs);
    let config = Config::builtin();
    let mut options = Options::new(Method::Calibrated, &config);
    let reported = rank_all(judges.clone(), &config, &field, &options).expect("ranks");
    let rising = reported.judges.iter().find(|j| j.judge == "rising").expect("a judge");
    assert!(rising.drift.is_some_and(|d| d.large()), "{rising:?}");
    assert!(reported.judges.iter().filter(|j| j.judge != "rising").all(|j| j.drift.is_some_and(|d| !d.large())));
    let warned =
        |r: &Rankings, what: &str| r.warnings.iter().any(|w| w.contains("\"rising\" rose") && w.contains(what));
    assert!(
        warned(&reported, "merge.drift = \"correct\" in judging.toml takes the drift out"),
        "{:?}",
        reported.warnings
    );

    options.drift = DriftPolicy::Correct;
    let corrected = rank_all(judges.clone(), &config, &field, &options).expect("ranks");
    // Reported, the rise is what the residuals show (the entries take up a share of it);
    // corrected, it is all that was taken out: nearer the quarter point an hour it was.
    let drift_of = |r: &Rankings| r.judges.iter().find(|j| j.judge == "rising").and_then(|j| j.drift).expect("a drift");
    let (seen, taken) = (drift_of(&reported), drift_of(&corrected));
    assert!(seen.per_hour < taken.per_hour && (taken.per_hour - 0.25).abs() < 0.04, "{seen:?} {taken:?}");
    assert!(warned(&corrected, "the drift was taken out of their marks before the fit"), "{:?}", corrected.warnings);
    assert_ne!(corrected.rankings, reported.rankings, "taking a drift out moves the scores");
    let built = build(judges, &config, &field, &options).expect("builds");
    let refit = crate::merge::calibrated_fit(&built.panel);
    let left = drift::of(&built.panel, &refit, &built.given);
    assert!(left.iter().flatten().all(|d| !d.large()), "{left:?}");
    // Only the drift the merge names is taken out, and all of it; the others' (noise, within
    // their errors) are left in and reported as found.
    for (name, left) in built.panel.judges.iter().zip(&left) {
        let left = left.expect("a drift");
        if name == "rising" {
            assert!(left.per_hour.abs() < 0.01, "{left:?}");
        } else {
            assert!(left.per_hour.abs() < 2.0 * left.error, "{name}: {left:?}");
            let (found, kept) = (drift_of_judge(&reported, name), drift_of_judge(&corrected, name));
            assert_eq!(kept.map(|d| d.per_hour), found.map(|d| d.per_hour), "{name}: reported as found");
        }
    }
}

fn drift_of_judge(r: &Rankings, name: &str) -> Option<Drift> {
    r.judges.iter().find(|j| j.judge == name).and_then(|j| j.drift)
}

/// A judge judging.toml lists whose file is missing is named among the merge's warnings; one
/// left out with `--without`, or a trainee (whose marks count for nothing), is not.
#[test]
fn a_listed_judge_without_a_file_is_named() {
    let subs = backyard(6);
    let field = Field::new(&subs);
    let config = config();
    let missing = |w: &String| w.contains("sent no score file");
    // (files given, left out, the judges named as sending none)
    let cases: [(&[&str], &[&str], Option<&str>); 4] = [
        (&["ana", "bo", "cy"], &[], None),
        (&["ana", "cy"], &[], Some("judge \"bo\" is among the event's judges ([[judges]]) but sent no score file")),
        (
            &["ana"],
            &[],
            Some("2 judges (\"bo\", \"cy\") are among the event's judges ([[judges]]) but sent no score file"),
        ),
        (&["ana", "bo", "cy"], &["bo"], None),
    ];
    for (given, without, said) in cases {
        let files: Vec<JudgeMarks> = panel().into_iter().filter(|j| given.contains(&j.judge.as_str())).collect();
        let mut options = Options::new(Method::Calibrated, &config);
        options.without = without.iter().map(|w| (*w).to_owned()).collect();
        let merged = rank_all(files, &config, &field, &options).expect("ranks");
        let found: Vec<&String> = merged.warnings.iter().filter(|w| missing(w)).collect();
        match said {
            None => assert!(found.is_empty(), "{given:?}: {found:?}"),
            Some(said) => assert!(found.len() == 1 && found[0].starts_with(said), "{given:?}: {found:?}"),
        }
    }
}
