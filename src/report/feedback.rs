//! What each team receives after the announcement: the judges' average mark on each criterion
//! beside the field's, the level of the average shown, what its places come from, its places,
//! its prizes, why it could not win,
//! and the notes its judges wrote for the team, the judges named "Judge A", "Judge B" within the
//! entry, never by name. Notes for the jury never reach a page: they are not given to it.

use super::html::escape;
use crate::format::mean;
use crate::report::md::text as markdown;
use crate::sanitize::clean_block;

/// How many bars a page's picture of the field has: a fixed number, so that a page's size does
/// not grow with the field.
pub const BINS: usize = 10;

/// Where an entry's average on a criterion stands in the field: how many other entries
/// average lower and how many higher, of how many entries in all (the entry among them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Among {
    pub lower: usize,
    pub higher: usize,
    pub field: usize,
}

impl Among {
    /// In words a team reads: a share as every share is shown ([`crate::format::percent`]),
    /// but none said as none and a sliver as "under 1%", not "<1%"; a best shared with others
    /// said as shared, not as "higher than no other entry" when all of them tie.
    pub fn said(&self) -> String {
        let level = self.field.saturating_sub(self.lower + self.higher + 1);
        let others = |n: usize| crate::format::count(n, "other entry", "other entries");
        match (self.higher, self.lower, level) {
            _ if self.field <= 1 => "the only entry with an average on it".to_owned(),
            (0, _, 0) => "the highest of all entries".to_owned(),
            (0, _, level) if level > 0 => format!("the highest, level with {}", others(level)),
            (_, 0, _) => "higher than no other entry".to_owned(),
            _ => {
                let share = self.lower as f64 / self.field as f64;
                // percent's own "<1%", so that the line between the two is where every share draws it.
                format!("higher than {} of entries", crate::format::percent(share).replace('<', "under "))
            }
        }
    }
}

/// One criterion on a team's page.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionLine {
    pub label: String,
    /// The judges' average mark on it, as they gave it (no judge's leniency taken out).
    pub mean: Option<f64>,
    /// Where its average stands among the entries' averages on it.
    pub among: Option<Among>,
    /// How many entries of the field average in each tenth of the scale, lowest first.
    pub bins: Vec<usize>,
    /// What the level of the average shown says (the nearest mark's).
    pub level: Option<String>,
    pub low: u8,
    pub high: u8,
}

/// The bar of the field's picture a score falls in.
pub fn bin_of(value: f64, low: u8, high: u8) -> usize {
    let span = f64::from(high.saturating_sub(low)).max(1.0);
    let share = ((value - f64::from(low)) / span).clamp(0.0, 1.0);
    // A share in [0, 1] times BINS is a small whole number after the floor; the nudge keeps a
    // score on a tenth's edge (1.4 of 1-5) in the tenth it starts.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let bin = (share * BINS as f64 + 1e-9).floor() as usize;
    bin.min(BINS - 1)
}

/// Where an entry stands in one ranking, as its team reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The ranking's name: the track's own name, or "overall".
    pub ranking: String,
    pub place: usize,
    /// How many entries the ranking has.
    pub of: usize,
    /// How many other entries share the place.
    pub shared_with: usize,
    /// Its place in the rubric round, where a finals round decided the ranking's places.
    pub rubric_place: Option<usize>,
    /// How its comparisons in the finals went: (wins, losses, levels), where it was a finalist.
    pub compared: Option<(usize, usize, usize)>,
}

impl Standing {
    /// "Place 1 of 4 in Backyard AI", "Place 2, shared with 1 other entry, of 17 in the overall
    /// ranking".
    pub fn said(&self) -> String {
        let shared = match self.shared_with {
            0 => String::new(),
            1 => ", shared with 1 other entry,".to_owned(),
            n => format!(", shared with {n} other entries,"),
        };
        let within = if self.ranking == crate::config::OVERALL {
            "the overall ranking".to_owned()
        } else {
            clean_block(&self.ranking).lines().next().unwrap_or_default().to_owned()
        };
        // Its record in the finals, where the comparisons placed it: a finalist placed last
        // after losing most of its comparisons had read as placed by its scores.
        let record = |(won, lost, level): (usize, usize, usize)| match won + lost + level {
            0 => "; in the finals no judge has compared it with another finalist yet".to_owned(),
            times => format!(
                "; in the finals the judges compared it with another finalist {}: it won {won}, lost {lost}{}",
                crate::format::count(times, "time", "times"),
                match level {
                    0 => String::new(),
                    1 => ", and 1 was level".to_owned(),
                    n => format!(", and {n} were level"),
                }
            ),
        };
        // An entry that was no finalist is placed after the finalists, whatever its rubric place:
        // "after the finals (place 1 in the rubric round)" had read as the finals moving it.
        let finals = match (self.rubric_place, self.compared) {
            (Some(r), Some(compared)) => {
                format!(", after the finals (place {r} in the rubric round{})", record(compared))
            }
            (Some(r), None) => {
                format!(", below the finalists of the finals, not one of them (place {r} in the rubric round)")
            }
            (None, _) => String::new(),
        };
        format!("Place {}{shared} of {} in {within}{finals}", self.place, self.of)
    }
}

/// One team's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The event's name, which every page names.
    pub event: String,
    pub id: String,
    pub title: String,
    pub team: String,
    pub places: Vec<Standing>,
    pub criteria: Vec<CriterionLine>,
    pub prizes: Vec<String>,
    /// The prizes it is tied for: the tie not yet decided, or decided by the jury for another.
    pub tied: Vec<String>,
    /// The prizes it placed for but was passed over for, though it could win them: it had won
    /// another, and one prize per entry is the rule ("Thousand Token Wood (placed 1st there;
    /// already won Best Demo; one prize per entry)"). A team that won $300 and not the $2,500
    /// track prize it topped had read nothing of why.
    pub passed: Vec<String>,
    pub ineligible: Vec<String>,
    /// (judge's label, note): notes written for the team only.
    pub notes: Vec<(String, String)>,
    /// Whether any judge's scores of it count: a page of a field no one scored says so instead
    /// of showing empty scores.
    pub scored: bool,
    /// Where no judge's scores of it count: whether no judge scored it at all, or judges did and
    /// their scores were left out, and why.
    pub unscored: Unscored,
    /// Why its judges' scores give it no place, where the method gave it none (too few judges
    /// to trim): said in place of the scores.
    pub unranked: Option<String>,
    /// The method the places were merged by: the page says how they relate to the averages.
    pub method: crate::merge::Method,
}

impl Page {
    /// What the scores on the page are, and what the places come from, in plain words: the
    /// averages are the judges' marks as given, and only the mean method ranks by them alone.
    pub fn scores_said(&self) -> String {
        let averages = "Each score is the judges' average mark on the criterion, as they gave it.";
        let places = match &self.method {
            crate::merge::Method::Mean => "The places rank the entries by the same marks, averaged.".to_owned(),
            crate::merge::Method::Calibrated => "The places come from the same marks with each judge's habits taken out (the calibrated method reads each judge's marks against how high or low, and how spread, that judge marks every entry they saw), so an entry can place above one whose averages are higher.".to_owned(),
            m => format!(
                "The places come from the same marks merged by the {} method, so an entry can place above one whose averages are higher.",
                m.name()
            ),
        };
        // Where a finals round placed it, its place there came from comparisons, not scores.
        let finals = if self.places.iter().any(|p| p.rubric_place.is_some()) {
            " Where a finals round decided a ranking's first places, the judges compared the finalists two at a time, and those places come from the comparisons, not from the scores here."
        } else {
            ""
        };
        format!("{averages} {places}{finals}")
    }
}

/// Why a judge's scores of an entry were left out, where none of its scores count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeftOut {
    /// Scored on only some of its criteria.
    Partial,
    /// The judge stepped back from it.
    Recused,
    /// The judge declared a conflict with it, and the event leaves such scores out.
    Conflict,
    /// A trainee judge's (`counts = false`), which count nowhere.
    Trainee,
}

impl LeftOut {
    /// As the team reads it.
    pub fn said(self) -> &'static str {
        match self {
            LeftOut::Partial => "a judge scored only some of its criteria",
            LeftOut::Recused => "a judge stepped back from judging it",
            LeftOut::Conflict => "a judge declared a conflict with it",
            LeftOut::Trainee => "a trainee judge's scores never count",
        }
    }
}

/// What became of the judges' scores of an entry none of whose scores count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Unscored {
    /// No judge's file read scores it, in whole or in part, or steps back from it.
    #[default]
    NoJudge,
    /// Judges scored it, and every score was left out, for these reasons (each once, in order).
    LeftOut(Vec<LeftOut>),
    /// No file read scores it, but judges' files were left out of this count (`--without`):
    /// whether they scored it is not known here.
    Unknown,
}

/// What the page of an entry no judge scored says in place of its scores.
pub const NOT_SCORED: &str = "No judge scored this entry, so it has no scores and no place here. If you think this is a mistake, write to the organizers.";

/// What the page of an entry whose judges' scores were all left out says, before why.
pub const SCORES_LEFT_OUT: &str = "Judges scored this entry, but their scores were left out";

/// What the page says where no read file scores the entry but judges' files were left out.
pub const NO_SCORES_COUNT: &str = "No judge's scores of this entry count, so it has no scores and no place here. If you think this is a mistake, write to the organizers.";

impl Unscored {
    /// In place of the scores, as the team reads it.
    pub fn said(&self) -> String {
        match self {
            Unscored::NoJudge => NOT_SCORED.to_owned(),
            Unscored::Unknown => NO_SCORES_COUNT.to_owned(),
            Unscored::LeftOut(why) => format!(
                "{SCORES_LEFT_OUT} ({}), so it has no scores and no place here. If you think this is a mistake, write to the organizers.",
                why.iter().map(|w| w.said()).collect::<Vec<_>>().join("; ")
            ),
        }
    }
}

impl Page {
    /// What the page says in place of its scores, where it shows none: why, made safe for the
    /// page by `text` (a saved merge's file says it).
    fn no_scores_said(&self, text: impl Fn(&str) -> String) -> String {
        let said = match &self.unranked {
            Some(why) => format!(
                "Judges scored this entry, but the event's method gives it no place ({}), so no scores are shown here. If you think this is a mistake, write to the organizers.",
                text(why)
            ),
            None => self.unscored.said(),
        };
        // A prize it won all the same is one no judge's scores order (likes, badges, a file's
        // values): "Won: Community Choice" above "no judge's scores count" had read as a
        // contradiction.
        if self.prizes.is_empty() {
            said
        } else {
            format!("{said} The prizes it won rank by what no judge scores, such as likes or badges.")
        }
    }
}

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
    let mut out =
        format!("# {} ({})\n\n{}: feedback to the team\n\n", markdown(&p.title), markdown(&p.id), markdown(&p.event));
    if !p.team.is_empty() {
        out.push_str(&format!("Team: {}\n\n", markdown(&p.team)));
    }
    for standing in &p.places {
        out.push_str(&format!("- {}\n", markdown(&standing.said())));
    }
    if !p.prizes.is_empty() {
        out.push_str(&format!("- Won: {}\n", p.prizes.iter().map(|x| markdown(x)).collect::<Vec<_>>().join("; ")));
    }
    for x in &p.tied {
        out.push_str(&format!("- Tied for: {}\n", markdown(x)));
    }
    for x in &p.passed {
        out.push_str(&format!("- Passed over for: {}\n", markdown(x)));
    }
    if !p.scored {
        out.push_str(&format!("\n{}\n", p.no_scores_said(markdown)));
    }
    if p.scored {
        out.push_str(&format!(
            "\n## Scores\n\n{}\n\n| Criterion | Judges' average | Among the entries | Nearest level |\n|---|---:|---:|---|\n",
            p.scores_said()
        ));
    }
    for c in p.criteria.iter().filter(|_| p.scored) {
        let above = c.among.as_ref().map(Among::said).unwrap_or_default();
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
            // Each line as text: a line of "---" or "- item" begins no heading or list.
            let text = clean_block(note).lines().map(crate::report::md::line).collect::<Vec<_>>().join("  \n");
            out.push_str(&format!("**{judge}:** {text}\n\n"));
        }
    }
    out
}

/// Where the entry stands among the field on one criterion: how many entries' averages fall in each
/// tenth of the scale, its own bar in red and its average written above it, the scale's ends below. The
/// same size whatever the field's.
fn histogram(c: &CriterionLine) -> String {
    const WIDTH: usize = 20;
    let most = c.bins.iter().copied().max().unwrap_or(0).max(1);
    let own = c.mean.map(|m| bin_of(m, c.low, c.high));
    let mut bars = String::new();
    for (i, count) in c.bins.iter().enumerate() {
        // Whole pixels: a bar's height is at most 40.
        let height = (count * 40).div_ceil(most);
        let (x, fill) = (10 + i * WIDTH, if own == Some(i) { "#c33" } else { "#999" });
        bars.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{height}\" fill=\"{fill}\"/>",
            52 - height,
            WIDTH - 2
        ));
    }
    let label = match (c.mean, own) {
        (Some(m), Some(i)) => format!(
            "<text x=\"{}\" y=\"9\" font-size=\"10\" text-anchor=\"middle\" fill=\"#c33\">{}</text>",
            10 + i * WIDTH + WIDTH / 2,
            crate::format::mean(Some(m), 2)
        ),
        _ => String::new(),
    };
    format!(
        "<svg viewBox=\"0 0 220 66\" width=\"220\" height=\"66\" style=\"max-width:100%;height:auto\" role=\"img\" aria-label=\"how many entries average in each tenth of {low}-{high}; this entry in red\">{bars}{label}<line x1=\"10\" y1=\"52\" x2=\"210\" y2=\"52\" stroke=\"#333\"/><text x=\"10\" y=\"64\" font-size=\"10\">{low}</text><text x=\"210\" y=\"64\" font-size=\"10\" text-anchor=\"end\">{high}</text></svg>",
        low = c.low,
        high = c.high
    )
}

pub fn html_page(p: &Page) -> String {
    let mut body = format!(
        "<p class=\"event\">{}: feedback to the team</p>\n<h1>{} <small>({})</small></h1>\n",
        escape(&p.event),
        escape(&p.title),
        escape(&p.id)
    );
    if !p.team.is_empty() {
        body.push_str(&format!("<p>Team: {}</p>\n", escape(&p.team)));
    }
    body.push_str("<ul>\n");
    for standing in &p.places {
        body.push_str(&format!("<li>{}</li>\n", escape(&standing.said())));
    }
    for x in &p.prizes {
        body.push_str(&format!("<li>Won: {}</li>\n", escape(x)));
    }
    for x in &p.tied {
        body.push_str(&format!("<li>Tied for: {}</li>\n", escape(x)));
    }
    for x in &p.passed {
        body.push_str(&format!("<li>Passed over for: {}</li>\n", escape(x)));
    }
    body.push_str("</ul>\n");
    if p.scored {
        body.push_str(&format!(
            "<p>{}</p>\n<div class=\"scroll\"><table class=\"scores\">\n<tr><th>Criterion</th><th>Judges' average</th><th>Among the entries</th><th>Nearest level</th></tr>\n",
            escape(&p.scores_said())
        ));
    } else {
        body.push_str(&format!("<p>{}</p>\n", p.no_scores_said(escape)));
    }
    for c in p.criteria.iter().filter(|_| p.scored) {
        let above = c.among.map(|a| format!("<br>{}", escape(&a.said()))).unwrap_or_default();
        body.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{} of {}-{}</td><td>{}{above}</td><td>{}</td></tr>\n",
            escape(&c.label),
            mean(c.mean, 2),
            c.low,
            c.high,
            histogram(c),
            c.level.as_deref().map(escape).unwrap_or_default()
        ));
    }
    if p.scored {
        body.push_str("</table></div>\n");
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
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 0.5em}}.scroll{{overflow-x:auto}}@media print{{.scroll{{overflow:visible}}}}table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}}h1,h2,p,li,td{{overflow-wrap:anywhere}}.num{{white-space:nowrap;overflow-wrap:normal}}@media (max-width:32em){{.scores tr:first-child{{display:none}}.scores,.scores tbody,.scores tr,.scores td{{display:block}}.scores td{{border:0;padding:2px 0}}.scores tr{{border-bottom:1px solid #ddd;padding:6px 0}}}}.event{{color:#555;margin-bottom:0}}@page{{margin:15mm}}</style></head>\n<body>\n{body}</body></html>\n"
    )
}

/// One entry on the index: its page's file name (without extension), its title, and its place
/// in the group, if it has one, whether another entry shares that place, and whether the
/// event's rules exclude it from prizes (its page says why).
pub struct Listed {
    pub file: String,
    pub title: String,
    pub place: Option<usize>,
    pub shared: bool,
    pub ineligible: bool,
}

impl Listed {
    /// Its place as the index says it: `#3 `, `#16 (shared) ` as its page says "shared with", or
    /// nothing.
    fn place_said(&self) -> String {
        match (self.place, self.shared) {
            (Some(p), true) => format!("#{p} (shared) "),
            (Some(p), false) => format!("#{p} "),
            (None, _) => String::new(),
        }
    }
}

/// The index: every entry's page, grouped (by track, then those in no ranking), each group in
/// place order.
pub fn index(groups: &[(String, Vec<Listed>)], event: &str) -> (String, String) {
    let mut md = format!("# {}: feedback to the teams\n", markdown(event));
    let mut html = String::new();
    for (group, listed) in groups.iter().filter(|(_, l)| !l.is_empty()) {
        md.push_str(&format!("\n## {}\n\n", markdown(group)));
        html.push_str(&format!("<h2>{}</h2>\n<ul>\n", escape(group)));
        for l in listed {
            let place = l.place_said();
            // The space before it outside the escaping, which trims a cell's text.
            let excluded = |escape: fn(&str) -> String| {
                if l.ineligible { format!(" ({})", escape(super::CANNOT_WIN)) } else { String::new() }
            };
            md.push_str(&format!("- {place}[{}]({}.md){}\n", markdown(&l.title), l.file, excluded(str::to_owned)));
            html.push_str(&format!(
                "<li>{place}<a href=\"{}.html\">{}</a>{}</li>\n",
                l.file,
                escape(&l.title),
                excluded(escape)
            ));
        }
        html.push_str("</ul>\n");
    }
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

    /// ((lower, higher, field), as a team reads it)
    #[test]
    fn where_an_average_stands_is_said_in_words() {
        let cases = [
            ((0, 3, 4), "higher than no other entry"),
            ((1, 248, 250), "higher than under 1% of entries"),
            ((2, 1, 4), "higher than 50% of entries"),
            ((3, 0, 4), "the highest of all entries"),
            // Tied at the top: the best, shared; not "higher than no other entry".
            ((0, 0, 4), "the highest, level with 3 other entries"),
            ((2, 0, 4), "the highest, level with 1 other entry"),
            ((0, 0, 1), "the only entry with an average on it"),
        ];
        for ((lower, higher, field), want) in cases {
            assert_eq!(Among { lower, higher, field }.said(), want, "{lower} {higher} {field}");
        }
    }

    /// (what became of its judges' scores, what its page says in place of them)
    #[test]
    fn an_entry_no_judge_scored_is_told_apart_from_one_whose_scores_were_left_out() {
        let cases = [
            (Unscored::NoJudge, "No judge scored this entry, so it has no scores"),
            (
                Unscored::LeftOut(vec![LeftOut::Partial]),
                "Judges scored this entry, but their scores were left out (a judge scored only some of its criteria), so it has no scores",
            ),
            (
                Unscored::LeftOut(vec![LeftOut::Recused, LeftOut::Conflict]),
                "left out (a judge stepped back from judging it; a judge declared a conflict with it)",
            ),
            (Unscored::LeftOut(vec![LeftOut::Trainee]), "left out (a trainee judge's scores never count)"),
            (Unscored::Unknown, "No judge's scores of this entry count"),
        ];
        for (unscored, want) in cases {
            let page = Page { scored: false, unscored: unscored.clone(), ..blank() };
            let (md, html) = (markdown_page(&page), html_page(&page));
            assert!(md.contains(want) && html.contains(want), "{unscored:?}: {md}");
            let no_judge = matches!(unscored, Unscored::NoJudge);
            assert_eq!(md.contains("No judge scored"), no_judge, "{md}");
        }
    }

    fn blank() -> Page {
        Page {
            event: "E".into(),
            id: "x".into(),
            title: "X".into(),
            team: String::new(),
            places: vec![],
            criteria: vec![],
            prizes: vec![],
            tied: vec![],
            passed: vec![],
            ineligible: vec![],
            notes: vec![],
            scored: true,
            unscored: Unscored::NoJudge,
            unranked: None,
            method: crate::merge::Method::Calibrated,
        }
    }

    #[test]
    fn judges_are_lettered_in_order() {
        let labels: Vec<String> = [0, 1, 25, 26, 27].iter().map(|k| judge_label(*k)).collect();
        assert_eq!(labels, ["Judge A", "Judge B", "Judge Z", "Judge AA", "Judge AB"]);
    }

    #[test]
    fn pages_escape_as_the_results_page_does() {
        let listed = vec![Listed {
            file: "x".into(),
            title: "<b>O'Brien & \"co\"</b>".into(),
            place: Some(2),
            shared: false,
            ineligible: false,
        }];
        let html = index(&[("Wood <3".into(), listed)], "E").1;
        assert!(html.contains("&lt;b&gt;O&#39;Brien &amp; &quot;co&quot;&lt;/b&gt;"), "{html}");
        assert!(html.contains("<h2>Wood &lt;3</h2>") && html.contains("#2 <a href=\"x.html\">"), "{html}");
    }

    #[test]
    fn a_score_falls_in_its_tenth_of_the_scale() {
        let cases = [(1.0, 0), (1.39, 0), (1.4, 1), (3.0, 5), (4.99, 9), (5.0, 9), (0.0, 0), (9.0, 9)];
        for (value, bin) in cases {
            assert_eq!(bin_of(value, 1, 5), bin, "{value}");
        }
        assert_eq!(bin_of(7.0, 7, 7), 0, "a scale of one mark");
    }

    #[test]
    fn a_place_says_its_ranking_by_name_and_whether_it_is_shared() {
        let at = |ranking: &str, place, of, shared_with| Standing {
            ranking: ranking.into(),
            place,
            of,
            shared_with,
            rubric_place: None,
            compared: None,
        };
        let cases = [
            (at("Backyard AI", 1, 4, 0), "Place 1 of 4 in Backyard AI"),
            (at("overall", 2, 17, 1), "Place 2, shared with 1 other entry, of 17 in the overall ranking"),
            (at("Wood", 5, 9, 2), "Place 5, shared with 2 other entries, of 9 in Wood"),
            (
                Standing { rubric_place: Some(3), compared: Some((2, 0, 0)), ..at("Backyard AI", 1, 4, 0) },
                "Place 1 of 4 in Backyard AI, after the finals (place 3 in the rubric round; in the finals the judges compared it with another finalist 2 times: it won 2, lost 0)",
            ),
            (
                Standing { rubric_place: Some(3), compared: Some((3, 11, 0)), ..at("Backyard AI", 4, 4, 0) },
                "Place 4 of 4 in Backyard AI, after the finals (place 3 in the rubric round; in the finals the judges compared it with another finalist 14 times: it won 3, lost 11)",
            ),
            (
                Standing { rubric_place: Some(1), ..at("Wood", 7, 19, 0) },
                "Place 7 of 19 in Wood, below the finalists of the finals, not one of them (place 1 in the rubric round)",
            ),
            (
                Standing { rubric_place: Some(2), compared: Some((0, 0, 0)), ..at("Wood", 1, 19, 0) },
                "Place 1 of 19 in Wood, after the finals (place 2 in the rubric round; in the finals no judge has compared it with another finalist yet)",
            ),
            (
                Standing { rubric_place: Some(2), compared: Some((1, 1, 2)), ..at("Backyard AI", 2, 4, 0) },
                "Place 2 of 4 in Backyard AI, after the finals (place 2 in the rubric round; in the finals the judges compared it with another finalist 4 times: it won 1, lost 1, and 2 were level)",
            ),
        ];
        for (standing, want) in cases {
            assert_eq!(standing.said(), want);
        }
    }

    #[test]
    fn a_page_is_the_same_size_whatever_the_field() {
        let line = |bins: Vec<usize>| CriterionLine {
            label: "Utility".into(),
            mean: Some(3.5),
            among: Some(Among { lower: 2, higher: 1, field: 4 }),
            bins,
            level: None,
            low: 1,
            high: 5,
        };
        let small = histogram(&line(vec![1, 0, 0, 0, 0, 2, 0, 0, 0, 1]));
        let large = histogram(&line(vec![900, 8000, 12000, 30000, 9, 20000, 7000, 5000, 100, 1]));
        assert!(large.len() <= small.len() + 40, "{} against {}", large.len(), small.len());
        assert_eq!(small.matches("<rect").count(), BINS);
        assert!(small.contains("fill=\"#c33\"") && small.contains(">3.50</text>"), "its own bar and score: {small}");
        // It scales to a narrow screen: its drawing has a viewBox, and it is never wider than
        // its cell.
        let page = html_page(&Page { criteria: vec![line(vec![1; BINS])], ..blank() });
        assert!(page.contains("<div class=\"scroll\"><table class=\"scores\">"), "{page}");
        // On a phone a criterion's cells stack, so its picture keeps its size.
        assert!(page.contains("width=device-width") && page.contains("@media (max-width:32em)"), "{page}");
        // A title of one long word breaks in the heading and the lines rather than widen the page
        // past a phone's screen.
        assert!(page.contains("h1,h2,p,li,td{overflow-wrap:anywhere}"), "{page}");
        assert!(
            small.starts_with(
                "<svg viewBox=\"0 0 220 66\" width=\"220\" height=\"66\" style=\"max-width:100%;height:auto\""
            ),
            "{small}"
        );
    }

    /// A team note of several lines reads as written on the page's Markdown: its line "---" had
    /// made the line above it a heading (with the judge's label), and "- fix" a list outside
    /// the note.
    #[test]
    fn a_note_of_several_lines_stays_one_note_in_markdown() {
        let page = markdown_page(&Page {
            notes: vec![("Judge A".into(), "Great work\n---\n- fix the latency\n1986. A good year".into())],
            ..blank()
        });
        assert!(
            page.contains("**Judge A:** Great work  \n\\---  \n\\- fix the latency  \n1986\\. A good year\n"),
            "{page}"
        );
    }
}
