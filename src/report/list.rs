//! `judging list`: the submissions with this judge's progress, as a table, CSV or JSON.

use serde::Serialize;

use crate::config::Config;
use std::collections::HashMap;

use crate::format::Column;
use crate::model::StoredSubmission;
use crate::model::{HubFacts, ScoreSheet, Status, format_params, weighted_total};
use crate::prizes::eligibility::{self, Evidence};
use crate::sanitize::{csv_cell, screen_line};

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

/// The table's columns, in the order they are printed, and how each gives way on a narrow
/// terminal ([`crate::format::fit_columns`], which `enrich`'s table fits by too).
const COLUMNS: [Column; 7] = [
    Column { heading: "ID", least: usize::MAX, most: usize::MAX, right: false },
    Column { heading: "STATUS", least: usize::MAX, most: usize::MAX, right: false },
    Column { heading: "TRACK", least: 10, most: 10, right: false },
    Column { heading: "TITLE", least: 12, most: usize::MAX, right: false },
    Column { heading: "TEAM", least: 8, most: 24, right: false },
    Column { heading: "TOTAL", least: usize::MAX, most: usize::MAX, right: false },
    Column { heading: "WARNINGS", least: 8, most: 28, right: false },
];
const ID: usize = 0;
const TITLE: usize = 3;
const TEAM: usize = 4;
const WARNINGS: usize = 6;

/// Which columns stay when not all fit, the first kept first: the id, whole, and the status
/// before all (what is judged, and how far); the title that names it; the total; the track; the
/// warnings (what a judge must know before scoring), then the team, the app's and the CSV's to
/// read.
const KEPT_FIRST: [usize; 7] = [ID, 1, TITLE, 5, 2, WARNINGS, TEAM];

/// How the room left once every kept column has its least is given out: the title to 28 first,
/// then the warnings, the team, and the title to its whole.
const GROWN_FIRST: [(usize, usize); 4] = [(TITLE, 28), (WARNINGS, usize::MAX), (TEAM, usize::MAX), (TITLE, usize::MAX)];

/// A table for a terminal, and the columns left out of it.
pub struct Table {
    pub text: String,
    /// The headings of the columns that did not fit, in the order they are printed.
    pub left_out: Vec<&'static str>,
}

/// The widths of `natural`'s columns in `width` terminal columns, as
/// [`crate::format::fit_columns`] gives them, the warnings given `most_warnings` at most.
fn widths(natural: &[usize; 7], width: usize, most_warnings: usize) -> [Option<usize>; 7] {
    let mut columns = COLUMNS;
    columns[WARNINGS].most = most_warnings;
    let widths = crate::format::fit_columns(&columns, natural, &KEPT_FIRST, &GROWN_FIRST, width);
    std::array::from_fn(|c| widths[c])
}

/// A plain table fitted to `width` terminal columns: the title, team and warnings cut with "…"
/// as it narrows, then the columns of least use to a judge left out (as `gh` and `kubectl` do
/// not break a row across lines), the id always whole.
pub fn table(lines: &[Line], config: &Config, width: usize) -> Table {
    let header = COLUMNS.map(|c| c.heading.to_owned());
    let rows: Vec<[String; 7]> = lines
        .iter()
        .map(|l| {
            let s = &l.stored.submission;
            [
                screen_line(&s.id),
                l.status.shown(l.conflict).to_owned(),
                s.track
                    .as_deref()
                    .and_then(|t| config.tracks.iter().find(|k| k.id == t))
                    .map(|t| t.id.clone())
                    .unwrap_or_default(),
                screen_line(&s.title),
                screen_line(&s.team),
                total_text(l.total),
                screen_line(&l.warnings.join(", ")),
            ]
        })
        .collect();
    // Measured as the screen draws them (an Arabic title's lam-alef takes two columns, not one).
    let natural = crate::format::natural_widths(&header, &rows);
    let natural: [usize; 7] = std::array::from_fn(|c| natural[c]);
    // Warnings are long sentences: a wide terminal shows more of them.
    let widths = widths(&natural, width, if width >= 160 { 60 } else { COLUMNS[WARNINGS].most });
    let text = crate::format::fitted_table(&COLUMNS, &header, &rows, &widths);
    let left_out = COLUMNS.iter().zip(&widths).filter(|(_, w)| w.is_none()).map(|(c, _)| c.heading).collect();
    Table { text, left_out }
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

/// JSON for other tools: text kept as given, as every JSON output keeps it ([`super::json::pretty`]
/// writes each character a reader cannot see, C1 controls and bidi marks included, as its
/// `\uXXXX` escape, never raw), so a tool reads the entrants' very words.
pub fn json(lines: &[Line], config: &Config) -> Result<String, serde_json::Error> {
    let out: Vec<JsonLine> = lines
        .iter()
        .map(|l| {
            let s = &l.stored.submission;
            JsonLine {
                id: s.id.clone(),
                status: l.status,
                track: s.track.clone(),
                title: s.title.clone(),
                team: s.team.clone(),
                members: s.members.clone(),
                space_url: s.space_url.clone(),
                space_id: s.space_id.clone(),
                video_url: s.video_url.clone(),
                post_url: s.post_url.clone(),
                description: s.description.clone(),
                tags: s.tags.clone(),
                models: s.models.clone(),
                declared_params: s.declared_params,
                scores: config
                    .criteria
                    .iter()
                    .zip(&l.scores)
                    .filter_map(|(c, v)| v.map(|v| (c.id.clone(), v.into())))
                    .collect(),
                total: l.total,
                note: l.note.map(str::to_owned),
                warnings: l.warnings.clone(),
                hub: l.hub.map(|(f, at)| HubJson {
                    stage: f.stage.clone(),
                    hardware: f.hardware.clone(),
                    price_per_hour: f.price_per_hour,
                    sdk: f.sdk.clone(),
                    params: f.params,
                    params_certain: f.params.is_some() && f.params_uncertain.is_none(),
                    params_uncertain: f.params_uncertain.clone(),
                    fetched_at: at.clone(),
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
            let table = table(&lines, &config, width).text;
            assert!(table.contains("Chore Chart Diplomat"), "{width}:\n{table}");
        }
        let wide = table(&lines, &config, 200).text;
        assert!(wide.contains("70B of models, over the 32B limit, no demo vi"), "{wide}");
    }

    /// At every width the table fits, every id is whole in its row, and a column is either
    /// there for every row or said to be left out; the columns give way in their order (the
    /// team first), never the id. The columns' least widths had added past 80 (an 18-column
    /// id, the title's 12, the team's and the warnings' 8): at 80 the table took 82, and each
    /// row with a warning broke in two at the terminal's edge.
    #[test]
    fn the_table_fits_every_width_with_its_ids_whole() {
        let config = Config::builtin();
        let rows = [
            stored("dream-cartographer", "Dream Cartographer", "Somnia"),
            stored("an-id-of-thirty-one-characters", "漢字の学習アシスタント", "السلام Team"),
            stored("x", "Zoe\u{308} A\u{30a}berg's \u{2764}\u{fe0f} helper", "A Team With A Long Name Indeed"),
        ];
        let sheet = ScoreSheet::default();
        let hub = HashMap::new();
        let lines = lines(&rows, &sheet, &config, "tester", &hub);
        let mut left_before: Vec<&str> = Vec::new();
        for width in (31..=200).rev() {
            let Table { text, left_out } = table(&lines, &config, width);
            for line in text.lines() {
                assert!(
                    crate::text_width::width(line) <= width,
                    "{width}: {line:?} takes {}\n{text}",
                    crate::text_width::width(line)
                );
            }
            for (row, id) in text.lines().skip(1).zip(["dream-cartographer", "an-id-of-thirty-one-characters", "x"]) {
                assert_eq!(row.split(' ').next(), Some(id), "{width}: {row:?}");
            }
            let heading = text.lines().next().unwrap_or_default();
            for c in COLUMNS {
                let shown = heading.split_whitespace().any(|h| h == c.heading);
                assert_ne!(shown, left_out.contains(&c.heading), "{width}: {heading:?}, left out {left_out:?}");
            }
            // Narrower, no column comes back.
            assert!(left_before.iter().all(|c| left_out.contains(c)), "{width}: {left_out:?} after {left_before:?}");
            left_before = left_out;
        }
        let at = |width| table(&lines, &config, width).left_out;
        assert_eq!(at(200), Vec::<&str>::new());
        // The 30-column id takes the room of the warnings at 80, of the total at 60.
        assert_eq!(at(100), Vec::<&str>::new());
        assert_eq!(at(90), ["TEAM"]);
        assert_eq!(at(80), ["TEAM", "WARNINGS"]);
        assert_eq!(at(60), ["TRACK", "TEAM", "TOTAL", "WARNINGS"]);
        assert_eq!(at(31), ["STATUS", "TRACK", "TITLE", "TEAM", "TOTAL", "WARNINGS"]);
        // Narrower than an id, it is all there is, whole.
        assert_eq!(table(&lines, &config, 20).text.lines().nth(2), Some("an-id-of-thirty-one-characters"));
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
