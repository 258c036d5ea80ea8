//! What each team receives after the announcement: its merged score on each criterion beside the
//! field's, the level of the score shown, its places, its prizes, why it could not win,
//! and the notes its judges wrote for the team, the judges named "Judge A", "Judge B" within the
//! entry, never by name. Notes for the jury never reach a page: they are not given to it.

use super::html::escape;
use crate::format::mean;
use crate::sanitize::{clean_block, markdown};

/// One criterion on a team's page.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionLine {
    pub label: String,
    pub mean: Option<f64>,
    /// Every entry's mean on it, for where this one stands.
    pub field: Vec<f64>,
    /// What the level of the score shown says (the nearest mark's).
    pub level: Option<String>,
    pub low: u8,
    pub high: u8,
}

impl CriterionLine {
    /// The share of entries with a lower mean, as a whole percentage.
    pub fn above(&self) -> Option<u32> {
        let m = self.mean?;
        let below = self.field.iter().filter(|v| **v < m - 1e-9).count();
        (!self.field.is_empty()).then(|| u32::try_from(below * 100 / self.field.len()).unwrap_or(100))
    }
}

/// One team's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub id: String,
    pub title: String,
    pub team: String,
    /// (ranking, place, entries in it).
    pub places: Vec<(String, usize, usize)>,
    pub criteria: Vec<CriterionLine>,
    pub prizes: Vec<String>,
    pub ineligible: Vec<String>,
    /// (judge's label, note): notes written for the team only.
    pub notes: Vec<(String, String)>,
    /// Whether any judge's scores of it count: a page of a field no one scored says so instead
    /// of showing empty scores.
    pub scored: bool,
}

/// What the page of an entry no judge scored says in place of its scores.
pub const NOT_SCORED: &str = "No judge's scores of this entry count, so it has no scores and no place here. If you think this is a mistake, write to the organizers.";

/// "Judge A", "Judge B", ... "Judge Z", "Judge AA".
pub fn judge_label(k: usize) -> String {
    let letters = |mut n: usize| {
        let mut out = Vec::new();
        loop {
            out.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
            if n < 26 {
                break;
            }
            n = n / 26 - 1;
        }
        out.iter().rev().collect::<String>()
    };
    format!("Judge {}", letters(k))
}

pub fn markdown_page(p: &Page) -> String {
    let mut out = format!("# {} ({})\n\n", markdown(&p.title), markdown(&p.id));
    if !p.team.is_empty() {
        out.push_str(&format!("Team: {}\n\n", markdown(&p.team)));
    }
    for (ranking, place, of) in &p.places {
        out.push_str(&format!("- Place {place} of {of} in {}\n", markdown(ranking)));
    }
    if !p.prizes.is_empty() {
        out.push_str(&format!("- Won: {}\n", p.prizes.iter().map(|x| markdown(x)).collect::<Vec<_>>().join("; ")));
    }
    if !p.scored {
        out.push_str(&format!("\n{NOT_SCORED}\n"));
    }
    if p.scored {
        out.push_str("\n## Scores\n\n| Criterion | Score | Higher than | Level reached |\n|---|---:|---:|---|\n");
    }
    for c in p.criteria.iter().filter(|_| p.scored) {
        let above = c.above().map(|a| format!("{a}% of entries")).unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} of {}-{} | {above} | {} |\n",
            markdown(&c.label),
            mean(c.mean, 2),
            c.low,
            c.high,
            c.level.as_deref().map(markdown).unwrap_or_default()
        ));
    }
    if !p.ineligible.is_empty() {
        out.push_str("\n## Why it could not win a prize\n\n");
        for r in &p.ineligible {
            out.push_str(&format!("- {}\n", markdown(r)));
        }
    }
    if !p.notes.is_empty() {
        out.push_str("\n## From the judges\n\n");
        for (judge, note) in &p.notes {
            let text = clean_block(note).lines().map(markdown).collect::<Vec<_>>().join("  \n");
            out.push_str(&format!("**{judge}:** {text}\n\n"));
        }
    }
    out
}

/// Where the entry stands among the field on one criterion: a dot per entry, its own marked.
fn strip(c: &CriterionLine) -> String {
    let span = f64::from(c.high.saturating_sub(c.low)).max(1.0);
    let x = |v: f64| 4.0 + 192.0 * ((v - f64::from(c.low)) / span).clamp(0.0, 1.0);
    let dots: String =
        c.field.iter().map(|v| format!("<circle cx=\"{:.1}\" cy=\"10\" r=\"2\" fill=\"#bbb\"/>", x(*v))).collect();
    let own =
        c.mean.map(|m| format!("<rect x=\"{:.1}\" y=\"2\" width=\"3\" height=\"16\" fill=\"#c33\"/>", x(m) - 1.5));
    format!(
        "<svg width=\"200\" height=\"20\" role=\"img\" aria-label=\"where it stands\"><line x1=\"4\" y1=\"10\" x2=\"196\" y2=\"10\" stroke=\"#999\"/>{dots}{}</svg>",
        own.unwrap_or_default()
    )
}

pub fn html_page(p: &Page) -> String {
    let mut body = format!("<h1>{} <small>({})</small></h1>\n", escape(&p.title), escape(&p.id));
    if !p.team.is_empty() {
        body.push_str(&format!("<p>Team: {}</p>\n", escape(&p.team)));
    }
    body.push_str("<ul>\n");
    for (ranking, place, of) in &p.places {
        body.push_str(&format!("<li>Place {place} of {of} in {}</li>\n", escape(ranking)));
    }
    for x in &p.prizes {
        body.push_str(&format!("<li>Won: {}</li>\n", escape(x)));
    }
    body.push_str("</ul>\n");
    if p.scored {
        body.push_str(
            "<table>\n<tr><th>Criterion</th><th>Score</th><th>Among the entries</th><th>Level reached</th></tr>\n",
        );
    } else {
        body.push_str(&format!("<p>{NOT_SCORED}</p>\n"));
    }
    for c in p.criteria.iter().filter(|_| p.scored) {
        let above = c.above().map(|a| format!(" (higher than {a}%)")).unwrap_or_default();
        body.push_str(&format!(
            "<tr><td>{}</td><td>{} of {}-{}</td><td>{}{above}</td><td>{}</td></tr>\n",
            escape(&c.label),
            mean(c.mean, 2),
            c.low,
            c.high,
            strip(c),
            c.level.as_deref().map(escape).unwrap_or_default()
        ));
    }
    if p.scored {
        body.push_str("</table>\n");
    }
    if !p.ineligible.is_empty() {
        body.push_str("<h2>Why it could not win a prize</h2>\n<ul>\n");
        for r in &p.ineligible {
            body.push_str(&format!("<li>{}</li>\n", escape(r)));
        }
        body.push_str("</ul>\n");
    }
    if !p.notes.is_empty() {
        body.push_str("<h2>From the judges</h2>\n");
        for (judge, note) in &p.notes {
            let text = clean_block(note).lines().map(escape).collect::<Vec<_>>().join("<br>");
            body.push_str(&format!("<p><b>{judge}:</b> {text}</p>\n"));
        }
    }
    page(&format!("Feedback: {}", escape(&p.title)), &body)
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\n<style>body{{font-family:sans-serif;max-width:46em;margin:2em auto}}table{{border-collapse:collapse}}td,th{{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}}@page{{margin:15mm}}</style></head>\n<body>\n{body}</body></html>\n"
    )
}

/// The index: every entry's page, by title.
pub fn index(pages: &[(String, String)], event: &str) -> (String, String) {
    let mut md = format!("# {}: feedback to the teams\n\n", markdown(event));
    let mut html = String::from("<ul>\n");
    for (file, title) in pages {
        md.push_str(&format!("- [{}]({file}.md)\n", markdown(title)));
        html.push_str(&format!("<li><a href=\"{file}.html\">{}</a></li>\n", escape(title)));
    }
    html.push_str("</ul>\n");
    (
        md,
        page(
            &format!("{}: feedback", escape(event)),
            &format!("<h1>{}: feedback to the teams</h1>\n{html}", escape(event)),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_are_lettered_in_order() {
        let labels: Vec<String> = [0, 1, 25, 26, 27].iter().map(|k| judge_label(*k)).collect();
        assert_eq!(labels, ["Judge A", "Judge B", "Judge Z", "Judge AA", "Judge AB"]);
    }

    #[test]
    fn pages_escape_as_the_results_page_does() {
        let html = index(&[("x".into(), "<b>O'Brien & \"co\"</b>".into())], "E").1;
        assert!(html.contains("&lt;b&gt;O&#39;Brien &amp; &quot;co&quot;&lt;/b&gt;"), "{html}");
    }
}
