//! `judging feedback FILES -o DIR`: one Markdown file and one printable HTML page per entry, and
//! an index, from the judges' score files and the prize rules. Only notes written for the team
//! reach a page, and only when `[feedback] notes` lets them.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::Session;
use crate::config::FeedbackNotes;
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
    s: &crate::model::Submission,
    rankings: &crate::rankings::Rankings,
    outcome: Option<&crate::prizes::Outcome>,
    config: &crate::config::Config,
    share_notes: bool,
) -> Page {
    let mut places = Vec::new();
    let mut means: Option<&Vec<Option<f64>>> = None;
    for (name, ranked) in &rankings.rankings {
        if let Some(r) = ranked.iter().find(|r| r.id == s.id) {
            places.push((name.clone(), r.place, ranked.len()));
            // The track's own means where it has a ranking, else the overall's.
            if name != crate::config::OVERALL || means.is_none() {
                means = Some(&r.by_criterion);
            }
        }
    }
    // Every entry's mean per criterion (from the overall ranking, or every track's).
    let everyone: Vec<&crate::rankings::Ranked> = match rankings.ranking(crate::config::OVERALL) {
        Some(all) => all.iter().collect(),
        None => rankings.rankings.iter().flat_map(|(_, r)| r.iter()).collect(),
    };
    let sheets = &rankings.sheets;
    let rubric = config.rubric(s.track.as_deref());
    let criteria = config
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| rubric.iter().any(|r| r.id == c.id))
        .map(|(k, c)| {
            let mut given: Vec<u8> = sheets
                .judges
                .iter()
                .filter_map(|j| {
                    let row = j.entries.iter().position(|x| *x == entry)?;
                    j.values.get(row * config.criteria.len() + k).copied().flatten()
                })
                .collect();
            given.sort_unstable();
            let median = given.get(given.len().saturating_sub(1) / 2).copied();
            CriterionLine {
                label: c.label.clone(),
                mean: means.and_then(|m| m.get(k).copied().flatten()),
                field: everyone.iter().filter_map(|r| r.by_criterion.get(k).copied().flatten()).collect(),
                level: median.and_then(|v| c.level_meaning(v)).map(str::to_owned),
                low: c.scale.low,
                high: c.scale.high,
            }
        })
        .collect();
    let prizes = outcome
        .map(|o| {
            o.prizes
                .iter()
                .flat_map(|p| {
                    p.awards
                        .iter()
                        .filter(|a| a.id == s.id && a.amount.is_some())
                        .map(move |a| format!("{}, place {}", p.name, a.place))
                })
                .collect()
        })
        .unwrap_or_default();
    let ineligible =
        outcome.and_then(|o| o.ineligible.iter().find(|f| f.id == s.id)).map(|f| f.reasons.clone()).unwrap_or_default();
    // Notes for the team only, the judges lettered in the order the files name them.
    let notes = if share_notes {
        sheets
            .judges
            .iter()
            .filter_map(|j| j.text(crate::model::TextPart::TeamNote, entry).map(str::to_owned))
            .enumerate()
            .map(|(k, n)| (judge_label(k), n))
            .collect()
    } else {
        Vec::new()
    };
    Page { id: s.id.clone(), title: s.title.clone(), team: s.team.clone(), places, criteria, prizes, ineligible, notes }
}
