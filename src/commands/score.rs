//! `judging score ID CRITERION=VALUE... [--note TEXT]`: one entry scored from the command line,
//! checked by the same rules as a key press in the app.

use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Session;
use crate::cli::UsageError;
use crate::model::{Change, weighted_total};
use crate::sanitize::clean_line;

/// The notes given with `--note` (the jury's) and `--team-note`.
pub struct Notes<'a> {
    pub jury: Option<&'a str>,
    pub team: Option<&'a str>,
}

/// The scores asked for, as `(criterion, value)`, read from the command line alone: a word not
/// written CRITERION=VALUE, or nothing to record at all, is a usage error, said before the store
/// is opened. Whether the criterion and value fit the entry's rubric, [`run`] checks.
pub(super) fn asked<'a>(pairs: &'a [String], notes: &Notes) -> Result<Vec<(&'a str, &'a str)>, UsageError> {
    if pairs.is_empty() && notes.jury.is_none() && notes.team.is_none() {
        return Err(UsageError(
            "nothing to record: give scores as CRITERION=VALUE (such as utility=4), or --note TEXT".into(),
        ));
    }
    pairs
        .iter()
        .map(|pair| {
            pair.split_once('=')
                .ok_or_else(|| UsageError(format!("{:?}: write CRITERION=VALUE, such as utility=4", clean_line(pair))))
        })
        .collect()
}

/// Refuses, before the store is opened, a score no entry's rubric could take: a criterion the
/// event does not have, a value off its scale, a criterion given twice. A usage error (exit 2,
/// with the examples), as the command line cannot be done as asked; whether the entry's own
/// track judges the criterion, [`run`] checks once it has the entry.
pub(super) fn fit_the_rubric(config: &crate::config::Config, pairs: &[(&str, &str)]) -> Result<(), UsageError> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for &(criterion, value) in pairs {
        let (c, _) = config.check_score(criterion, value).map_err(|e| UsageError(e.to_string()))?;
        if let Some((_, first)) = seen.iter().find(|(id, _)| *id == c.id) {
            return Err(UsageError(format!(
                "{} is given twice ({}, then {}): give each criterion once",
                c.id,
                clean_line(first),
                clean_line(value)
            )));
        }
        seen.push((&c.id, value));
    }
    Ok(())
}

pub(super) fn run(mut session: Session, id: &str, pairs: &[(&str, &str)], notes: Notes) -> Result<ExitCode> {
    session.require_submissions()?;
    let config = &session.loaded.config;
    let Some(stored) = session.store.submission(id)? else {
        return Err(no_such_entry(&session, id)?);
    };
    if stored.withdrawn {
        bail!("{:?} was withdrawn from the export: its scores are kept, but it takes no new ones", clean_line(id));
    }
    // The app and import-scores refuse a recused entry; so does this.
    if let Some(reason) = session.store.sheet_of(&[id.to_owned()])?.text(crate::model::TextPart::Recusal, id) {
        bail!("{}", session.recused(id, Some(reason)));
    }
    let mut changes = Vec::new();
    for &(criterion, value) in pairs {
        let (c, value) = config
            .check_score_for(stored.submission.track.as_deref(), criterion, value)
            .map_err(|e| UsageError(e.to_string()))?;
        // Two values for one criterion: the last would win, unseen.
        if let Some(first) = changes.iter().find_map(|(_, ch)| match ch {
            Change::Score { criterion, value: Some(v) } if *criterion == c.id => Some(*v),
            _ => None,
        }) {
            bail!("{} is given twice ({first}, then {value}): give each criterion once", c.id);
        }
        changes.push((id.to_owned(), Change::Score { criterion: c.id.clone(), value: Some(value) }));
    }
    // Whom each note is for, as judging.toml's [feedback] notes says: the app's rule.
    let policy = config.feedback.notes;
    if let Some(text) = notes.jury {
        let team = policy.for_team(false).map_err(|why| UsageError(format!("--note: {why}")))?;
        changes.push((id.to_owned(), Change::note(team, Some(crate::sanitize::clean_block(text)))));
    }
    if let Some(text) = notes.team {
        let team = policy.for_team(true).map_err(|why| UsageError(format!("--team-note: {why}")))?;
        changes.push((id.to_owned(), Change::note(team, Some(crate::sanitize::clean_block(text)))));
    }
    session.store.apply_all(&changes)?;
    let sheet = session.store.score_sheet()?;
    let config = &session.loaded.config;
    let judge = config.judge(&session.judge);
    // Which of the judge's declared conflicts names it (a team, a member, an owner): "with
    // e06" alone had read as a conflict the judge never declared.
    let named = judge.and_then(|j| crate::assign::conflict_naming(j, &stored.submission));
    if let Some(conflict) = named {
        super::stderr::warn(&format!(
            "{} lists a conflict of yours, {:?}, which names {:?}; the score is saved, but recuse (r in the app) if it applies",
            session.loaded.settings(),
            clean_line(conflict),
            clean_line(id)
        ));
    } else if let Some(judge) = judge
        && crate::assign::barred(judge, &stored.submission, crate::assign::Tracks::of(&config.assign))
            == Some(crate::assign::Bar::Track)
    {
        // Said as the app says it: the same words, from the same rule.
        super::stderr::warn(&format!(
            "{:?} is {}",
            clean_line(id),
            crate::assign::outside_tracks(judge, &config.tracks)
        ));
    }
    let title = clean_line(&stored.submission.title);
    println!("{} ({title})", clean_line(id));
    let rubric = config.rubric(stored.submission.track.as_deref());
    // Each row's label, then what it has: the labels (judging.toml's, cleaned) padded to one
    // width in terminal columns, so that a wide or accented label keeps its value in line
    // ("{:<w$}" counts characters: "実用性" had pushed its score two columns right).
    let mut rows: Vec<(String, String)> = rubric
        .iter()
        .map(|c| {
            let value = sheet.score(id, &c.id).map_or_else(
                || "-".to_owned(),
                |v| format!("{v}  {}", clean_line(c.level_meaning(v).unwrap_or_default())),
            );
            (clean_line(&c.label), value)
        })
        .collect();
    let total = match weighted_total(&rubric, |c| sheet.score(id, c)) {
        Some(total) => format!("{total:.2}"),
        None => format!("- ({} of {} criteria scored)", sheet.scored_count(id, &rubric), rubric.len()),
    };
    rows.push(("total".to_owned(), total));
    if let Some(note) = sheet.texts[crate::model::TextPart::Note].get(id) {
        rows.push(("note".to_owned(), clean_line(note)));
    }
    let width = rows.iter().map(|(label, _)| crate::text_width::width(label)).max().unwrap_or(0).max(10);
    for (label, value) in rows {
        println!("  {} {value}", crate::text_width::pad(&label, width));
    }
    Ok(ExitCode::SUCCESS)
}

/// What to say of an id the store does not have: the ids that look like it.
fn no_such_entry(session: &Session, id: &str) -> Result<anyhow::Error> {
    let all: Vec<String> = session.store.submissions()?.into_iter().map(|s| s.submission.id).collect();
    let ids = crate::format::look_alike(id, all.iter().map(String::as_str), 5);
    let hint = crate::paste::did_you_mean_instead(id, &ids);
    Ok(anyhow::anyhow!("no submission {:?} in the store; `judging list` shows the ids.{hint}", clean_line(id)))
}
