//! `judging list`: the submissions with this judge's progress, as a table, CSV or JSON.

use serde::Serialize;

use crate::config::Config;
use std::collections::HashMap;

use crate::format::fit_padded;
use crate::model::StoredSubmission;
use crate::model::{HubFacts, ScoreSheet, Status, format_params, weighted_total};
use crate::prizes::eligibility::{self, Evidence};
use crate::sanitize::{clean_block, clean_line, csv_cell};
use crate::text_width::width as columns;

/// One submission with this judge's view of it.
pub struct Line<'a> {
    pub stored: &'a StoredSubmission,
    pub status: Status,
    /// One per rubric criterion, in order.
    pub scores: Vec<Option<u8>>,
    pub total: Option<f64>,
    pub note: Option<&'a str>,
    pub warnings: Vec<String>,
    /// judging.toml lists a conflict of this judge's with it.
    pub conflict: bool,
    /// What the Hub said of its Space, and when, if it was asked.
    pub hub: Option<&'a (HubFacts, String)>,
}

/// Each submission as `judge` sees it: their progress, and what they must know before scoring it
/// (as their app says it).
pub fn lines<'a>(
    submissions: &'a [StoredSubmission],
    sheet: &'a ScoreSheet,
    config: &Config,
    judge: &str,
    hub: &'a HashMap<String, (HubFacts, String)>,
) -> Vec<Line<'a>> {
    let me = config.judge(judge);
    submissions
        .iter()
        .map(|stored| {
            let s = &stored.submission;
            let evidence = Evidence::of(s, hub.get(&s.id).map(|(f, _)| f));
            let conflict = me.is_some_and(|j| {
                crate::assign::barred(j, s, crate::assign::Tracks::IGNORED) == Some(crate::assign::Bar::Conflict)
            });
            let standing = eligibility::Standing {
                withdrawn: stored.withdrawn,
                conflict,
                recusal: sheet.text(crate::model::TextPart::Recusal, &s.id),
                how_to_recuse: "recuse in the app (r)",
            };
            let rubric = config.rubric(s.track.as_deref());
            Line {
                stored,
                status: sheet.status(&s.id, stored.withdrawn, &rubric),
                // A recusal or a withdrawal sets the scores aside (the merge leaves them out): a
                // total beside "recused" or "withdrawn" had read as one that counts.
                total: weighted_total(&rubric, |c| sheet.score(&s.id, c))
                    .filter(|_| sheet.set_aside(&s.id, stored.withdrawn).is_none()),
                scores: config.criteria.iter().map(|c| sheet.score(&s.id, &c.id)).collect(),
                note: sheet.text(crate::model::TextPart::Note, &s.id),
                warnings: eligibility::for_a_judge(s, &standing, &evidence, &config.rules),
                conflict,
                hub: hub.get(&s.id),
            }
        })
        .collect()
}

fn total_text(total: Option<f64>) -> String {
    total.map(|t| format!("{t:.2}")).unwrap_or_default()
}

/// A plain table, its columns cut to fit `width` terminal columns.
pub fn table(lines: &[Line], config: &Config, width: usize) -> String {
    let header = ["ID", "STATUS", "TRACK", "TITLE", "TEAM", "TOTAL", "WARNINGS"];
    let rows: Vec<[String; 7]> = lines
        .iter()
        .map(|l| {
            let s = &l.stored.submission;
            [
                clean_line(&s.id),
                l.status.shown(l.conflict).to_owned(),
                s.track
                    .as_deref()
                    .and_then(|t| config.tracks.iter().find(|k| k.id == t))
                    .map(|t| t.id.clone())
                    .unwrap_or_default(),
                clean_line(&s.title),
                clean_line(&s.team),
                total_text(l.total),
                l.warnings.join(", "),
            ]
        })
        .collect();
    // Measured as the screen draws them (an Arabic title's lam-alef takes two columns, not one).
    let mut widths: Vec<usize> = header.iter().map(|h| columns(h)).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(columns(cell));
        }
    }
    // Give the title and team what is left after the narrow columns, the title first.
    // Warnings are long sentences: a wide terminal shows more of them.
    let caps = [24, 11, 10, usize::MAX, 24, 6, if width >= 160 { 60 } else { 28 }];
    for (w, cap) in widths.iter_mut().zip(caps) {
        *w = (*w).min(cap);
    }
    // On a narrow terminal the team and warnings give way before the title does.
    let others =
        |widths: &[usize]| -> usize { widths.iter().enumerate().filter(|(i, _)| *i != 3).map(|(_, w)| w + 2).sum() };
    let title_wants = widths[3].min(28);
    for column in [6, 4] {
        let short = title_wants.saturating_sub(width.saturating_sub(others(&widths)));
        widths[column] = widths[column].saturating_sub(short).max(8);
    }
    widths[3] = widths[3].min(width.saturating_sub(others(&widths)).max(12));
    let mut out = String::new();
    let mut push_row = |cells: &[String]| {
        let line: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| fit_padded(c, *w)).collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    };
    push_row(&header.map(String::from));
    for row in &rows {
        push_row(row);
    }
    out
}

/// CSV for a spreadsheet, every cell safe from formula injection.
pub fn csv(lines: &[Line], config: &Config) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "id",
        "status",
        "track",
        "title",
        "team",
        "members",
        "space_url",
        "video_url",
        "post_url",
        "tags",
        "models",
        "declared_params",
    ]
    .map(String::from)
    .to_vec();
    header.extend(config.criteria.iter().map(|c| c.id.clone()));
    header.extend(["total", "note", "warnings"].map(String::from));
    w.write_record(header.iter().map(|h| csv_cell(h)))?;
    for l in lines {
        let s = &l.stored.submission;
        let mut record = vec![
            s.id.clone(),
            l.status.label().to_owned(),
            s.track.clone().unwrap_or_default(),
            s.title.clone(),
            s.team.clone(),
            s.members.join("; "),
            s.space_url.clone(),
            s.video_url.clone().unwrap_or_default(),
            s.post_url.clone().unwrap_or_default(),
            s.tags.join("; "),
            s.models.join("; "),
            s.declared_params.map(format_params).unwrap_or_default(),
        ];
        record.extend(l.scores.iter().map(|v| v.map(|v| v.to_string()).unwrap_or_default()));
        record.push(total_text(l.total));
        record.push(l.note.unwrap_or_default().to_owned());
        record.push(l.warnings.join("; "));
        w.write_record(record.iter().map(|c| csv_cell(c)))?;
    }
    let bytes = w.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[derive(Serialize)]
struct JsonLine {
    id: String,
    status: Status,
    track: Option<String>,
    title: String,
    team: String,
    members: Vec<String>,
    space_url: String,
    space_id: Option<String>,
    video_url: Option<String>,
    post_url: Option<String>,
    description: String,
    tags: Vec<String>,
    models: Vec<String>,
    declared_params: Option<u64>,
    scores: serde_json::Map<String, serde_json::Value>,
    total: Option<f64>,
    note: Option<String>,
    warnings: Vec<String>,
    hub: Option<HubJson>,
}

/// The Hub's facts of an entry, as organizers script against them.
#[derive(Serialize)]
struct HubJson {
    stage: String,
    hardware: Option<String>,
    price_per_hour: Option<f64>,
    sdk: Option<String>,
    /// The models' parameters together, when every one is known.
    params: Option<u64>,
    /// Whether that total can be trusted (no packed quantized weights, no model without a count).
    params_certain: bool,
    params_uncertain: Option<String>,
    fetched_at: String,
}

/// JSON for other tools. Text is sanitised here too: JSON escapes C0 controls but not C1 ones.
pub fn json(lines: &[Line], config: &Config) -> Result<String, serde_json::Error> {
    let clean_all = |v: &[String]| v.iter().map(|s| clean_line(s)).collect::<Vec<_>>();
    let out: Vec<JsonLine> = lines
        .iter()
        .map(|l| {
            let s = &l.stored.submission;
            JsonLine {
                id: clean_line(&s.id),
                status: l.status,
                track: s.track.clone(),
                title: clean_line(&s.title),
                team: clean_line(&s.team),
                members: clean_all(&s.members),
                space_url: s.space_url.clone(),
                space_id: s.space_id.as_deref().map(clean_line),
                video_url: s.video_url.clone(),
                post_url: s.post_url.clone(),
                description: clean_block(&s.description),
                tags: clean_all(&s.tags),
                models: clean_all(&s.models),
                declared_params: s.declared_params,
                scores: config
                    .criteria
                    .iter()
                    .zip(&l.scores)
                    .filter_map(|(c, v)| v.map(|v| (c.id.clone(), v.into())))
                    .collect(),
                total: l.total,
                note: l.note.map(clean_block),
                warnings: l.warnings.clone(),
                hub: l.hub.map(|(f, at)| HubJson {
                    stage: clean_line(&f.stage),
                    hardware: f.hardware.as_deref().map(clean_line),
                    price_per_hour: f.price_per_hour,
                    sdk: f.sdk.as_deref().map(clean_line),
                    params: f.params,
                    params_certain: f.params.is_some() && f.params_uncertain.is_none(),
                    params_uncertain: f.params_uncertain.as_deref().map(clean_line),
                    fetched_at: clean_line(at),
                }),
            }
        })
        .collect();
    super::json::pretty(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Submission;

    fn stored(id: &str, title: &str, team: &str) -> StoredSubmission {
        let submission = Submission {
            title: title.into(),
            team: team.into(),
            track: Some("wood".into()),
            declared_params: Some(70_000_000_000),
            ..Submission::example(id)
        };
        StoredSubmission { submission, withdrawn: false }
    }

    #[test]
    fn the_table_fits_the_width_and_keeps_titles_readable() {
        let config = Config::builtin();
        let rows = [stored("chore-chart", "Chore Chart Diplomat", "A Team With A Long Name Indeed")];
        let sheet = ScoreSheet::default();
        let hub = HashMap::new();
        let lines = lines(&rows, &sheet, &config, "tester", &hub);
        for width in [80, 100, 160] {
            let table = table(&lines, &config, width);
            for line in table.lines() {
                assert!(columns(line) <= width.max(80), "{width}: {line:?}");
            }
            assert!(table.contains("Chore Chart Diplomat"), "{width}:\n{table}");
        }
        let wide = table(&lines, &config, 200);
        assert!(wide.contains("70B of models, over the 32B limit, no demo vi"), "{wide}");
    }

    /// A recused entry keeps its scores but shows no total: the merge does not count them.
    #[test]
    fn a_recused_entry_shows_no_total() {
        let config = Config::builtin();
        let rows = [stored("chore-chart", "Chore Chart Diplomat", "Team")];
        let mut sheet = ScoreSheet::default();
        for c in &config.criteria {
            sheet.apply("chore-chart", &crate::model::Change::Score { criterion: c.id.clone(), value: Some(4) });
        }
        let hub = HashMap::new();
        assert_eq!(lines(&rows, &sheet, &config, "tester", &hub)[0].total, Some(4.0));
        let recusal = crate::model::Change::Text(crate::model::TextPart::Recusal, Some("my team".into()));
        sheet.apply("chore-chart", &recusal);
        let line = &lines(&rows, &sheet, &config, "tester", &hub)[0];
        assert_eq!((line.status, line.total), (Status::Recused, None));
        assert_eq!(line.scores, vec![Some(4); config.criteria.len()], "the scores are kept");
    }
}
