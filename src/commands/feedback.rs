//! `judging feedback FILES -o DIR`: one Markdown file and one printable HTML page per entry, and
//! an index, from the judges' score files and the prize rules. Only notes written for the team
//! reach a page, and only when `[feedback] notes` lets them.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::Session;
use crate::config::{Config, FeedbackNotes, OVERALL};
use crate::model::Submission;
use crate::prizes::Outcome;
use crate::rankings::{Ranked, Rankings, Sheets};
use crate::report::feedback::{CriterionLine, Page, html_page, index, judge_label, markdown_page};

pub(super) fn run(
    session: &Session,
    files: &[std::path::PathBuf],
    method: crate::merge::Method,
    dir: &Path,
) -> Result<ExitCode> {
    let config = &session.loaded.config;
    let submissions = super::merge::merge_field(session)?;
    let field = crate::rankings::Field::new(&submissions);
    let options = crate::rankings::Options::new(method, config);
    let rankings = super::merge::merged(files, config, &field, &options, false)?;
    let outcome = if config.prizes.is_empty() {
        None
    } else {
        Some(super::results::award(session, &field, &rankings, None, false)?.0)
    };
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot make {}: {e}", dir.display()))?;
    let share_notes = config.feedback.notes != FeedbackNotes::Never;
    let mut written = Vec::new();
    for (e, stored) in field.entries.iter().enumerate() {
        let s = &stored.submission;
        let page = page_of(e, s, &rankings, outcome.as_ref(), config, share_notes);
        let name = crate::file_names::entry_stem(&s.id);
        crate::disk::write_durably(&dir.join(format!("{name}.md")), markdown_page(&page).as_bytes())?;
        crate::disk::write_durably(&dir.join(format!("{name}.html")), html_page(&page).as_bytes())?;
        written.push((name, s.title.clone()));
    }
    let (md, html) = index(&written, &config.event.name);
    crate::disk::write_durably(&dir.join("index.md"), md.as_bytes())?;
    crate::disk::write_durably(&dir.join("index.html"), html.as_bytes())?;
    println!("Wrote feedback for {} entries into {} (index.md, index.html)", written.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}

/// One entry's page: the place of the rankings, the prizes, the criteria against the field.
fn page_of(
    entry: usize,
    s: &Submission,
    rankings: &Rankings,
    outcome: Option<&Outcome>,
    config: &Config,
    share_notes: bool,
) -> Page {
    let means = means(rankings, &s.id);
    let rubric = config.rubric(s.track.as_deref());
    let field = field_means(rankings);
    let criteria = config
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| rubric.iter().any(|r| r.id == c.id))
        .map(|(k, c)| CriterionLine {
            label: c.label.clone(),
            mean: means.and_then(|m| m.get(k).copied().flatten()),
            field: field.iter().filter_map(|r| r.by_criterion.get(k).copied().flatten()).collect(),
            level: median_mark(&rankings.sheets, entry, k, config.criteria.len())
                .and_then(|v| c.level_meaning(v))
                .map(str::to_owned),
            low: c.scale.low,
            high: c.scale.high,
        })
        .collect();
    let prizes = outcome.map(|o| prizes_won(o, &s.id)).unwrap_or_default();
    let ineligible =
        outcome.and_then(|o| o.ineligible.iter().find(|f| f.id == s.id)).map(|f| f.reasons.clone()).unwrap_or_default();
    let notes = if share_notes { team_notes(&rankings.sheets, entry) } else { Vec::new() };
    let places = places(rankings, &s.id);
    Page { id: s.id.clone(), title: s.title.clone(), team: s.team.clone(), places, criteria, prizes, ineligible, notes }
}

/// Where the entry stands in each ranking that has it: (ranking, place, entries in it).
fn places(rankings: &Rankings, id: &str) -> Vec<(String, usize, usize)> {
    rankings
        .rankings
        .iter()
        .filter_map(|(name, ranked)| ranked.iter().find(|r| r.id == id).map(|r| (name.clone(), r.place, ranked.len())))
        .collect()
}

/// The entry's means per criterion that its page shows: its track's own where it has a track
/// ranking, else the overall's.
fn means<'r>(rankings: &'r Rankings, id: &str) -> Option<&'r Vec<Option<f64>>> {
    let mut means = None;
    for (name, ranked) in &rankings.rankings {
        if let Some(r) = ranked.iter().find(|r| r.id == id)
            && (name != OVERALL || means.is_none())
        {
            means = Some(&r.by_criterion);
        }
    }
    means
}

/// Every entry of the field, for where this one stands on each criterion: the overall ranking,
/// or, without one, every track's.
fn field_means(rankings: &Rankings) -> Vec<&Ranked> {
    match rankings.ranking(OVERALL) {
        Some(all) => all.iter().collect(),
        None => rankings.rankings.iter().flat_map(|(_, r)| r.iter()).collect(),
    }
}

/// The middle mark the judges gave the entry on criterion `k` (the lower middle of an even
/// number): the level whose meaning the page quotes. `None` when no judge marked it.
fn median_mark(sheets: &Sheets, entry: usize, k: usize, criteria: usize) -> Option<u8> {
    let mut given: Vec<u8> = sheets
        .judges
        .iter()
        .filter_map(|j| {
            let row = j.entries.iter().position(|x| *x == entry)?;
            j.values.get(row * criteria + k).copied().flatten()
        })
        .collect();
    given.sort_unstable();
    given.get(given.len().saturating_sub(1) / 2).copied()
}

/// The paid places the entry won: "Backyard AI, place 2". An undecided tie pays no one yet.
fn prizes_won(outcome: &Outcome, id: &str) -> Vec<String> {
    outcome
        .prizes
        .iter()
        .flat_map(|p| {
            p.awards
                .iter()
                .filter(|a| a.id == id && a.amount.is_some())
                .map(move |a| format!("{}, place {}", p.name, a.place))
        })
        .collect()
}

/// The notes written for the team only, the judges lettered in the order the files name them
/// ("Judge A") rather than named.
fn team_notes(sheets: &Sheets, entry: usize) -> Vec<(String, String)> {
    sheets
        .judges
        .iter()
        .filter_map(|j| j.text(crate::model::TextPart::TeamNote, entry).map(str::to_owned))
        .enumerate()
        .map(|(k, n)| (judge_label(k), n))
        .collect()
}
