//! The merged rankings as a table for the terminal.

use unicode_width::UnicodeWidthStr;

use crate::headjudge::Rankings;
use crate::text::{clean_line, csv_cell, fit};

pub fn table(r: &Rankings) -> String {
    let mut out = format!("Merged with the {} method.\n", r.method);
    for (group, ranked) in &r.rankings {
        out.push_str(&format!("\n{} ({} entries)\n", group.to_uppercase(), ranked.len()));
        out.push_str("PLACE  ID                    TITLE                          SCORE  JUDGES  SPREAD  FLAGS\n");
        for e in ranked {
            let title = fit(&clean_line(&e.title), 30);
            out.push_str(&format!(
                "{:>5}  {:<20}  {title}{}  {:>6.2}  {:>6}  {:>6.2}  {}\n",
                e.place,
                fit(&clean_line(&e.id), 20),
                " ".repeat(30usize.saturating_sub(title.width())),
                e.score,
                e.judges,
                e.spread,
                e.flags.join(", ")
            ));
        }
    }
    for c in &r.concordance {
        out.push_str(&format!(
            "\nAgreement of {} judges on the same {} entries: Kendall's W {:.3} ({:.3} corrected for ties)\n",
            c.judges.len(),
            c.entries,
            c.w,
            c.w_tie_corrected
        ));
    }
    out.push_str("\nJUDGE                 ENTRIES  LENIENCY  SPREAD\n");
    for j in &r.judges {
        out.push_str(&format!(
            "{:<20}  {:>7}  {:>+8.2}  {:>6.2}\n",
            fit(&clean_line(&j.judge), 20),
            j.entries,
            j.leniency,
            j.spread
        ));
    }
    out
}

/// Markdown tables, one per ranking. Pipes in titles are escaped so they cannot split a cell.
pub fn markdown(r: &Rankings) -> String {
    let cell = |text: &str| clean_line(text).replace('|', "\\|");
    let mut out = format!("# Rankings\n\nMerged with the {} method.\n", r.method);
    for (group, ranked) in &r.rankings {
        out.push_str(&format!(
            "\n## {}\n\n| Place | Entry | Score | Judges | Spread | Flags |\n|---:|---|---:|---:|---:|---|\n",
            cell(group)
        ));
        for e in ranked {
            out.push_str(&format!(
                "| {} | {} (`{}`) | {:.2} | {} | {:.2} | {} |\n",
                e.place,
                cell(&e.title),
                cell(&e.id),
                e.score,
                e.judges,
                e.spread,
                e.flags.join(", ")
            ));
        }
    }
    out.push_str("\n## Judges\n\n| Judge | Entries | Leniency | Spread |\n|---|---:|---:|---:|\n");
    for j in &r.judges {
        out.push_str(&format!("| {} | {} | {:+.2} | {:.2} |\n", cell(&j.judge), j.entries, j.leniency, j.spread));
    }
    out
}

/// One CSV row per entry and ranking, every cell safe to open in a spreadsheet.
pub fn csv(r: &Rankings) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["ranking", "place", "id", "title", "score", "judges", "spread", "flags", "method"])?;
    for (group, ranked) in &r.rankings {
        for e in ranked {
            let row = [
                group.clone(),
                e.place.to_string(),
                e.id.clone(),
                e.title.clone(),
                format!("{:.4}", e.score),
                e.judges.to_string(),
                format!("{:.4}", e.spread),
                e.flags.join(";"),
                r.method.to_owned(),
            ];
            w.write_record(row.iter().map(|c| csv_cell(c)))?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
