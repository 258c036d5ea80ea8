//! Every judge's view of one entry (`judging merge --entry ID`): as a table for the terminal,
//! Markdown, JSON or CSV. Judges' notes are their own words: cleaned of control characters for
//! the terminal, escaped for Markdown, kept as given in JSON (what a reader cannot see written as
//! its escape), neutralised for spreadsheets.

use crate::rankings::EntryPanel;
use crate::sanitize::{clean_line, csv_cell};

/// A judge's score, `-` for a criterion not on the entry's rubric.
fn score(v: Option<u8>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

fn seconds(s: Option<f64>) -> String {
    // Tenths: a 2.5 s median is not a 2 s one.
    s.map_or_else(|| "-".to_owned(), |s| format!("{s:.1} s"))
}

/// What a trainee's row means, when the entry has one.
pub fn trainees(p: &EntryPanel) -> Option<String> {
    p.judges.iter().any(|j| !j.counts).then(|| TRAINEE_MEANING.to_owned())
}

/// What a trainee is, wherever one is shown.
pub const TRAINEE_MEANING: &str = "A trainee (counts = false in judging.toml) is shown beside the judges; their marks change no ranking, chance or prize.";

/// Why the event's rules exclude it from prizes, in one line; `None` when they do not.
pub fn ineligible(p: &EntryPanel, text: fn(&str) -> String) -> Option<String> {
    let reasons: Vec<String> = p.ineligible.iter().map(|r| text(r)).collect();
    (!reasons.is_empty()).then(|| format!("{}: {}.", super::cannot_win_sentence(), reasons.join("; ")))
}

/// The entry's places, each ranking named by its track's name in `tracks`.
fn places(p: &EntryPanel, tracks: &[crate::config::Track], text: fn(&str) -> String) -> String {
    let parts: Vec<String> = p
        .places
        .iter()
        .map(|s| {
            let chance =
                s.chance.map(|c| format!(", {} chance of a paid place", crate::format::percent(c))).unwrap_or_default();
            // "#4= … shared": the place is the tie's, not this entry's alone; a finals round's
            // place says so, with the rubric round's beside it.
            let tied = if s.tied { "=" } else { "" };
            let finals =
                s.rubric_place.map(|r| format!(" after the finals, {} in the rubric round", crate::format::ordinal(r)));
            format!(
                "#{}{tied} in {}{} (score {:.2}{chance})",
                s.place,
                text(crate::config::track_name(tracks, &s.ranking)),
                finals.unwrap_or_default(),
                s.score
            )
        })
        .collect();
    match (parts.is_empty(), &p.unranked) {
        (true, Some(why)) => format!("not ranked: {}", text(why)),
        (true, None) => "not ranked".to_owned(),
        (false, _) => parts.join("; "),
    }
}

/// The entry's panel for the terminal; printed on one (`width`), a judge's note that would run
/// past its edge goes on a line of its own under the judge's marks, where it wraps between words.
pub fn table(p: &EntryPanel, tracks: &[crate::config::Track], width: Option<usize>) -> String {
    use crate::text_width::width as columns;
    let mut out = format!("{} ({})\n{}\n", clean_line(&p.title), clean_line(&p.id), places(p, tracks, clean_line));
    if let Some(line) = ineligible(p, clean_line) {
        out.push_str(&format!("{line}\n"));
    }
    out.push('\n');
    let criteria: String = p.criteria.iter().map(|c| format!("  {}", super::criterion_heading(c))).collect();
    // As wide as the longest name, up to 20: "ana" had been given 20 columns.
    let names: Vec<String> = p.judges.iter().map(|j| clean_line(&j.name())).collect();
    let name_width = names.iter().map(|n| columns(n)).max().unwrap_or(0).clamp("JUDGE".len(), 20);
    let row_width = name_width + 9 * p.criteria.len() + 9 + 10 + 11;
    if width.is_some_and(|w| row_width + "  NOTE".len() > w) {
        // Too narrow for the table: each judge in a sentence of their own, which the terminal's
        // wrapping fits between words (at 60 columns the heading had broken mid-word, and each
        // row's stopwatch reading gone to a line of its own).
        for (j, name) in p.judges.iter().zip(&names) {
            out.push_str(&judge_sentence(p, j, name));
        }
    } else {
        // The table's heading only over rows: with none, the sentence below says so alone.
        if !p.judges.is_empty() {
            out.push_str(&format!("{:<name_width$}{criteria}    TOTAL  LENIENCY  STOPWATCH  NOTE\n", "JUDGE"));
        }
        for (j, name) in p.judges.iter().zip(&names) {
            let scores: String = j.scores.iter().map(|v| format!("  {:>7}", score(*v))).collect();
            let note = notes(j, clean_line);
            let below = width.is_some_and(|w| !note.is_empty() && row_width + 2 + columns(&note) > w);
            out.push_str(&format!(
                "{}{scores}  {:>7.2}  {:>8}  {:>9}{}{note}\n",
                crate::format::fit_padded(name, name_width),
                j.total,
                crate::format::signed(j.leniency, 2),
                seconds(j.stopwatch_seconds),
                if below {
                    "\n  note: "
                } else if note.is_empty() {
                    ""
                } else {
                    "  "
                },
            ));
        }
    }
    if p.judges.is_empty() {
        out.push_str("No judge scored it fully.\n");
    }
    if let Some(line) = trainees(p) {
        out.push_str(&format!("{line}\n"));
    }
    if let Some(line) = p.unlisted_said() {
        out.push_str(&format!("{line}\n"));
    }
    if let Some(line) = p.flat_said(clean_line) {
        out.push_str(&format!("{line}\n"));
    }
    if let Some(line) = recused(p, clean_line) {
        out.push_str(&format!("{line}\n"));
    }
    if let Some(line) = conflicts(p, clean_line) {
        out.push_str(&format!("{line}\n"));
    }
    if let Some(line) = commits(p, clean_line) {
        out.push_str(&format!("{line}\n"));
    }
    if !p.partly_scored_by.is_empty() {
        let names: Vec<String> = p.partly_scored_by.iter().map(|n| clean_line(n)).collect();
        out.push_str(&format!("Partly scored by {} (not counted).\n", names.join(", ")));
    }
    out
}

/// One judge's marks on the entry as a sentence, for a terminal too narrow for the table.
fn judge_sentence(p: &EntryPanel, j: &crate::rankings::JudgeView, name: &str) -> String {
    let marks: Vec<String> =
        p.criteria.iter().zip(&j.scores).map(|(c, v)| format!("{} {}", clean_line(c), score(*v))).collect();
    let note = notes(j, clean_line);
    let timed = j.stopwatch_seconds.map(|s| format!("; stopwatch {}", seconds(Some(s)))).unwrap_or_default();
    format!(
        "{name}: {}; total {:.2}; leniency {}{timed}{}\n",
        marks.join(", "),
        j.total,
        crate::format::signed(j.leniency, 2),
        if note.is_empty() { String::new() } else { format!("; note: {note}") }
    )
}

pub fn markdown(p: &EntryPanel, tracks: &[crate::config::Track]) -> String {
    let cell = crate::report::md::text;
    let mut out = format!("# {} ({})\n\n{}\n\n", cell(&p.title), cell(&p.id), places(p, tracks, cell));
    if let Some(line) = ineligible(p, cell) {
        out.push_str(&format!("{line}\n\n"));
    }
    let criteria: String = p.criteria.iter().map(|c| format!(" {} |", cell(&super::criterion_label(c)))).collect();
    if p.judges.is_empty() {
        out.push_str("No judge scored it fully.\n");
    } else {
        out.push_str(&format!(
            "| Judge |{criteria} Total | Leniency | Stopwatch | Note |\n|---|{}---:|---:|---:|---|\n",
            "---:|".repeat(p.criteria.len())
        ));
    }
    for j in &p.judges {
        let scores: String = j.scores.iter().map(|v| format!(" {} |", score(*v))).collect();
        out.push_str(&format!(
            "| {} |{scores} {:.2} | {} | {} | {} |\n",
            cell(&j.name()),
            j.total,
            crate::format::signed(j.leniency, 2),
            seconds(j.stopwatch_seconds),
            notes(j, cell)
        ));
    }
    if let Some(line) = trainees(p) {
        out.push_str(&format!("\n{line}\n"));
    }
    if let Some(line) = p.unlisted_said() {
        out.push_str(&format!("\n{}\n", cell(line)));
    }
    if let Some(line) = p.flat_said(cell) {
        out.push_str(&format!("\n{line}\n"));
    }
    if let Some(line) = recused(p, cell) {
        out.push_str(&format!("\n{line}\n"));
    }
    if !p.partly_scored_by.is_empty() {
        let names: Vec<String> = p.partly_scored_by.iter().map(|n| cell(n)).collect();
        out.push_str(&format!("\nPartly scored by {} (not counted).\n", names.join(", ")));
    }
    if let Some(line) = conflicts(p, cell) {
        out.push_str(&format!("\n{line}\n"));
    }
    if let Some(line) = commits(p, cell) {
        out.push_str(&format!("\n{line}\n"));
    }
    out
}

/// A judge's notes in one cell: the jury's, then the one for the team, marked as such.
fn notes(j: &crate::rankings::JudgeView, text: fn(&str) -> String) -> String {
    let jury = j.note.as_deref().map(text);
    let team = j.team_note.as_deref().map(|n| format!("for the team: {}", text(n)));
    jury.into_iter().chain(team).collect::<Vec<_>>().join(" · ")
}

/// Who stepped back from the entry, and why: one line.
fn recused(p: &EntryPanel, text: fn(&str) -> String) -> Option<String> {
    let who: Vec<String> = p.recused.iter().map(|r| format!("{} ({})", text(&r.judge), text(&r.reason))).collect();
    (!who.is_empty()).then(|| format!("Recused: {}; any score they gave it is left out.", who.join(", ")))
}

/// The judges who scored it despite a conflict they declared, and whether their scores count:
/// one line, or none.
pub fn conflicts(p: &EntryPanel, text: fn(&str) -> String) -> Option<String> {
    let first = p.conflicts.first()?;
    let names: Vec<String> = p.conflicts.iter().map(|c| text(&c.judge)).collect();
    let how = if first.counted {
        "counted, as merge.conflicts = \"flag\" has it"
    } else {
        "left out of the merge, as merge.conflicts = \"exclude\" asks"
    };
    Some(format!("Scored despite a conflict declared in judging.toml by {}: {how}.", names.join(", ")))
}

/// The Space's commit each judge scored, when the Hub said: one line, saying when they differ.
pub fn commits(p: &EntryPanel, text: fn(&str) -> String) -> Option<String> {
    let known: Vec<(&str, &str)> =
        p.judges.iter().filter_map(|j| j.revision.as_deref().map(|r| (j.judge.as_str(), r))).collect();
    let first = known.first()?.1;
    // Cut after its controls are shown: a revision that is all controls still shows as itself.
    let short = |r: &str| crate::sanitize::visible(r).chars().take(7).collect::<String>();
    let who: Vec<String> = known.iter().map(|(j, r)| format!("{} {}", text(j), text(&short(r)))).collect();
    let differ = known.iter().any(|(_, r)| *r != first);
    Some(format!(
        "Scored on commits: {}{}",
        who.join(", "),
        if differ { " (different: the judges may have seen different apps)" } else { "" }
    ))
}

/// JSON: data, the judges' notes and reasons kept as given, as every JSON keeps text; each
/// character a reader cannot see is written as its escape ([`super::json::pretty`]), none raw,
/// as the CSV shows it. Cleaned, they had lost what the CSV showed.
pub fn json(p: &EntryPanel) -> serde_json::Result<String> {
    Ok(super::json::pretty(p)? + "\n")
}

pub fn csv(p: &EntryPanel) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["id".into(), "judge".into()];
    header.extend(p.criteria.iter().cloned());
    header.extend(
        [
            "total",
            "leniency",
            "stopwatch_seconds",
            "note",
            "team_note",
            "conflict",
            "ineligible",
            "counts",
            "flat",
            // Last, so that a sheet reading the columns before keeps reading them.
            "unlisted",
        ]
        .map(String::from),
    );
    let ineligible = p.ineligible.join("; ");
    w.write_record(header.iter().map(|c| csv_cell(c)))?;
    let conflict = |judge: &str| {
        let c = p.conflicts.iter().find(|c| c.judge == judge)?;
        Some(if c.counted { "declared, counted" } else { "declared, left out" })
    };
    for j in &p.judges {
        let mut row = vec![p.id.clone(), j.judge.clone()];
        row.extend(j.scores.iter().map(|v| v.map(|v| v.to_string()).unwrap_or_default()));
        row.extend([
            format!("{:.4}", j.total),
            format!("{:.4}", j.leniency),
            j.stopwatch_seconds.map(|s| format!("{s:.1}")).unwrap_or_default(),
            j.note.clone().unwrap_or_default(),
            j.team_note.clone().unwrap_or_default(),
            conflict(&j.judge).unwrap_or_default().to_owned(),
            ineligible.clone(),
            (if j.counts { "yes" } else { "no (trainee)" }).to_owned(),
            // Counted, but not towards the entry's judges for thin.
            (if j.flat { "yes" } else { "" }).to_owned(),
            // Not among judging.toml's [[judges]], which lists judges: "(unlisted)" elsewhere.
            (if j.unlisted { "yes" } else { "" }).to_owned(),
        ]);
        w.write_record(row.iter().map(|c| csv_cell(c)))?;
    }
    // A score left out for a conflict has no row above: a row says whose it was.
    for c in p.conflicts.iter().filter(|c| !c.counted) {
        let mut row = vec![p.id.clone(), c.judge.clone()];
        row.extend(std::iter::repeat_n(String::new(), p.criteria.len() + 4));
        row.extend([
            "declared, left out".to_owned(),
            ineligible.clone(),
            "yes".to_owned(),
            String::new(),
            String::new(),
        ]);
        w.write_record(row.iter().map(|c| csv_cell(c)))?;
    }
    let bytes = w.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
