//! The prize results as one printable HTML page: no scripts, no external assets, and a layout
//! that fits A4 and Letter alike (the page size is left to the printer; margins are fixed).

use super::columns::{Column, columns};
use super::results::Sheet;
use super::svg::{self, JudgeDot, PlaceBar};
use crate::prizes::{Award, Flagged, PrizeOutcome, Tie};
use crate::sanitize::clean_line;

/// Text for HTML: markup characters escaped, after control characters are stripped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A sentence the app says (a warning, who was left out), escaped as [`escape`] does, with what
/// it puts in backticks for the terminal (a command, a line of judging.toml) shown as code: the
/// page had printed the backticks themselves. A backtick left unpaired stays as it is.
pub fn prose(text: &str) -> String {
    let escaped = escape(text);
    let parts: Vec<&str> = escaped.split('`').collect();
    // An even number of backticks: the parts between them alternate, text then code.
    if parts.len().is_multiple_of(2) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + parts.len() * 6);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str(&format!("<code>{part}</code>"));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The style every page shares: the jury's results and the announcement.
const STYLE: &str = "
@page { margin: 15mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 Georgia, 'Times New Roman', serif; color: #111; margin: 0 auto; max-width: 180mm; }
@media screen { body { padding: 0 12px; } }
h1 { font-size: 18pt; margin: 0 0 2pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1pt solid #999; break-after: avoid; }
p.meta { color: #444; margin: 0 0 8pt; }
section { break-inside: avoid; }
.scroll { overflow-x: auto; }
@media print { .scroll { overflow: visible; } }
table { width: 100%; border-collapse: collapse; margin: 2pt 0 4pt; }
col.place { width: 7%; } col.team { width: 25%; } col.amount { width: 14%; }
th, td { text-align: left; padding: 2pt 4pt; border-bottom: 0.5pt solid #ccc; vertical-align: top; }
th { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.03em; color: #333; }
/* An entrant's title of one long word breaks where it must rather than widen the page past a
   phone's screen. In a cell it breaks only where the cell cannot hold it (break-word, which
   leaves the table's least width to whole words): anywhere had broken Moonlight Mixer inside its
   first word in a narrow column of an ordinary table; a table too wide scrolls in its box. */
h1, h2, p, li { overflow-wrap: anywhere; }
td { overflow-wrap: break-word; }
td.num, th.num { text-align: right; white-space: nowrap; overflow-wrap: normal; }
ul { margin: 2pt 0 6pt 14pt; padding: 0; }
li { margin: 1pt 0; }
.small { font-size: 9pt; color: #444; }
";

/// What only the jury's page has: its wider tables, the undecided ties shaded, the places to check.
const JURY_STYLE: &str = "table.jury { min-width: 44em; }
col.team { width: 18%; } col.value { width: 9%; } col.judges { width: 8%; }
col.paid { width: 7%; } col.amount { width: 12%; } col.note { width: 24%; }
.undecided { background: #fff3c4; }
li.check { color: #8a1c00; font-weight: bold; }
figure { margin: 4pt 0 6pt; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
@media screen and (max-width: 560px) {
  /* On a phone a chart keeps its own size, read by scrolling sideways, not shrunk to 5 px text. */
  figure { overflow-x: auto; }
  figure svg { max-width: none; }
  /* Cropped by the screen's edge, two long bars look alike: the chart says it goes on. */
  figure::before { content: \"The whole chart: scroll sideways →\"; display: block; font-size: 9pt; color: #444; }
  /* So does a table wider than the screen: a phone hides its scrollbar, and the amounts, at
     its right, had been out of sight with no sign they were there. */
  .scroll:has(table.jury)::before { content: \"The whole table: scroll sideways →\"; display: block; font-size: 9pt; color: #444; }
  /* A table with notes scrolls sideways too: wider, its notes wrap in a few lines, not in tall
     rows. One of places and names alone fits as it is. */
  table.jury:has(col.note) { min-width: 60em; }
}
figcaption { margin-top: 2pt; }
/* On a wide screen the jury's tables take the room they need (a title had wrapped in three
   words beside empty margins); the prose beside them keeps the printed page's measure, and the
   page prints at A4's width as before. */
@media screen and (min-width: 1000px) {
  body { max-width: 270mm; }
  body > p, body > ul, section > p, section > ul, figure { max-width: 180mm; }
}
@media print { .undecided, figure { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
";

/// The whole results page: each prize in the order awarded, who could not win and why, the
/// head judge's decisions on ties, and the payouts.
pub fn page(sheet: &Sheet) -> String {
    let mut out = top(&format!("{}: prize results", sheet.event), JURY_STYLE);
    out.push_str(&format!(
        "<h1>{}: prize results</h1>\n<p class=\"meta\">Made on {}. Rankings merged with the {} method.</p>\n<p class=\"meta\">{}</p>\n",
        escape(sheet.event),
        crate::when::day(sheet.made),
        escape(sheet.method),
        super::results::FOR_THE_JURY
    ));
    if let Some(line) = super::results::left_out(sheet.left_out, prose) {
        out.push_str(&format!("<p class=\"meta\">{line}</p>\n"));
    }
    let warnings = super::results::warnings_said(sheet, prose);
    if !warnings.is_empty() {
        out.push_str(
            "<p class=\"meta\"><strong>Warnings: weigh these before announcing</strong></p>\n<ul class=\"small\">\n",
        );
        for w in warnings {
            out.push_str(&format!("<li class=\"check\">{w}</li>\n"));
        }
        out.push_str("</ul>\n");
    }
    for p in &sheet.outcome.prizes {
        out.push_str(&prize_section(sheet, p));
    }
    out.push_str(&judges_section(sheet));
    let o = sheet.outcome;
    out.push_str(&flagged_section("Not eligible", &o.ineligible));
    out.push_str(&flagged_section("Unverified", &o.unverified));
    out.push_str(&decisions_section(sheet));
    out.push_str(&payouts_section(sheet));
    out.push_str("</body>\n</html>\n");
    out
}

/// A page's beginning, up to its body: `title`, the style every page shares and `extra`.
pub(super) fn top(title: &str, extra: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}{extra}</style>\n</head>\n<body>\n",
        escape(title)
    )
}

/// One prize: its places (a tie the head judge has not settled is marked undecided, so nobody
/// pays it by mistake), then who was passed over and the prize's notes.
fn prize_section(sheet: &Sheet, p: &PrizeOutcome) -> String {
    let mut out = format!(
        "<section>\n<h2>{}</h2>\n<p class=\"small\">{}</p>\n",
        escape(&p.name),
        escape(&super::results::by_line(p))
    );
    if !p.awards.is_empty() {
        out.push_str(&prize_table(sheet, p));
        out.push_str(&chances_figure(p));
    }
    let alike = super::results::placed_apart(p).into_iter().map(|line| format!("<li>{}</li>", escape(&line)));
    let checks = alike.into_iter().chain(
        super::results::checks(p).into_iter().map(|c| format!("<li class=\"check\">Check: {}</li>", escape(&c))),
    );
    let (passed, more) = super::first_rows(&p.passed_over);
    let extra: Vec<String> = checks
        .chain(passed.iter().map(|x| format!("<li>Passed over: {} ({})</li>", escape(&x.title), escape(&x.reason))))
        .chain((more > 0).then(|| format!("<li>and {more} more passed over</li>")))
        .chain(p.notes.iter().map(|n| format!("<li>{}</li>", escape(n))))
        .collect();
    if !extra.is_empty() {
        out.push_str("<ul class=\"small\">\n");
        for e in extra {
            out.push_str(&format!("{e}\n"));
        }
        out.push_str("</ul>\n");
    }
    if let Some((heading, lines)) = super::results::held(sheet, p, crate::sanitize::clean_line) {
        out.push_str(&format!("<p class=\"small\">{}:</p>\n<ul class=\"small\">\n", escape(&heading)));
        for line in &lines {
            out.push_str(&format!("<li>{}</li>\n", escape(line)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// A prize's places, one column for each thing some row has to say (`columns`): numbers to the
/// right and never broken, a tie the head judge has not settled shaded.
fn prize_table(sheet: &Sheet, p: &PrizeOutcome) -> String {
    let columns = columns(sheet, p);
    let num = |c: Column| if c.numeric() { " class=\"num\"" } else { "" };
    let cols: String = columns.iter().map(|c| format!("<col class=\"{}\">", c.class())).collect();
    let heads: String = columns.iter().map(|c| format!("<th{}>{}</th>", num(*c), escape(&c.heading(p)))).collect();
    let mut out =
        format!("<div class=\"scroll\"><table class=\"jury\">\n<colgroup>{cols}</colgroup>\n<tr>{heads}</tr>\n");
    let (shown, more) = super::first_rows(&p.awards);
    for a in shown {
        let class = if a.amount.is_none() && a.tie.is_some() { " class=\"undecided\"" } else { "" };
        let cells: String =
            columns.iter().map(|c| format!("<td{}>{}</td>", num(*c), escape(&c.text(sheet, p, a)))).collect();
        out.push_str(&format!("<tr{class}>{cells}</tr>\n"));
    }
    if more > 0 {
        out.push_str(&format!("<tr><td colspan=\"{}\">and {more} more</td></tr>\n", columns.len()));
    }
    out.push_str("</table></div>\n");
    out
}

/// A place that pays, or will once the head judge settles its tie.
fn paid(a: &Award) -> bool {
    a.amount.is_some() || matches!(a.tie, Some(Tie::Undecided { .. }))
}

/// Beside a prize's table, each paid place's chance of a paid place (its PAID) as a bar; nothing
/// where the merge worked out none (badges, likes, a file's values, a prize narrowed by tag).
fn chances_figure(p: &PrizeOutcome) -> String {
    let least = crate::prizes::support::LEAST_CHANCE;
    let bars: Vec<PlaceBar> = p
        .awards
        .iter()
        .filter(|a| paid(a))
        .filter_map(|a| {
            let chance = a.support.as_ref()?.chance?;
            Some(PlaceBar {
                label: format!("{} {}", super::results::place(a), a.title),
                chance,
                doubtful: chance < least,
            })
        })
        .collect();
    let picture = svg::chances(&bars, crate::prizes::support::LEAST_CHANCE);
    if picture.is_empty() {
        return String::new();
    }
    let share = if p.finals {
        "the finals set these places, and Paid is how often a place is paid when the finals' strengths are redrawn as unsure as the judges' comparisons leave them"
    } else {
        "the share of the merge's reruns, each with the judges' marks varied as they vary, that paid it"
    };
    format!(
        "<figure>\n{picture}<figcaption class=\"small\">Each paid place's chance of a paid place (Paid): {share}. Under the dashed line at {}, dark, a place to check before announcing.</figcaption>\n</figure>\n",
        escape(&crate::format::percent(least))
    )
}

/// The judges' leniency as the calibrated fit found it, each with its uncertainty, drawn; nothing
/// for a merge saved before it was worked out.
fn judges_section(sheet: &Sheet) -> String {
    let dots: Vec<JudgeDot> = sheet
        .judges
        .iter()
        .filter_map(|j| {
            let fitted = j.fitted?;
            Some(JudgeDot { name: j.judge.clone(), leniency: fitted.marks, error: fitted.error, marks: j.entries })
        })
        .collect();
    let picture = svg::leniency(&dots);
    if picture.is_empty() {
        return String::new();
    }
    // A panel whose marks differ no more than their noise: the fit puts every judge at zero, sure
    // of it, and the tables' LENIENCY (each judge's marks against their co-judges') still differs.
    let none_told_apart = dots.iter().all(|d| d.leniency.abs() < 0.005 && d.error.abs() < 0.005);
    let held = if none_told_apart {
        " Here the fit cannot tell the judges' leniencies apart: their marks differ no more than the noise in them, so it draws each judge at zero (the judges' table, which compares each judge's marks with their co-judges' on the same entries, still shows how they differ)."
    } else {
        ""
    };
    format!(
        "<section>\n<h2>The judges</h2>\n<figure>\n{picture}<figcaption class=\"small\">Each judge's leniency, as the calibrated fit finds it: how many marks above (right) or below (left) a typical judge they give the same entry, their severity apart. The bar is its 95% interval ({} standard errors each way): the fewer entries a judge scored, the wider. A bar that crosses the line at zero is a judge the marks cannot tell from a typical one. This is the fit's leniency, severity apart; the leniency in the CHECK lines and the merge's table of judges is another figure, each judge's totals against their co-judges' on the same entries, severity included, so the two differ.{held}{}</figcaption>\n</figure>\n</section>\n",
        svg::Z95,
        escape(&opposite_ways(sheet.judges))
    )
}

/// The judges whose two leniencies point opposite ways (more lenient than typical in one, harsher
/// in the other, each shown as more than zero), named with both figures: a reader who sees a
/// judge at +0.37 here and "~-0.29" in a CHECK line must not have to guess which is wrong.
fn opposite_ways(judges: &[crate::rankings::JudgeLine]) -> String {
    // Shown to two decimals, anything under half a hundredth reads as zero: no sign to oppose.
    let shown = |v: f64| v.abs() >= 0.005;
    let opposite: Vec<String> = judges
        .iter()
        .filter_map(|j| {
            let fitted = j.fitted?.marks;
            (shown(fitted) && shown(j.leniency) && (fitted > 0.0) != (j.leniency > 0.0)).then(|| {
                format!(
                    "{} {} here, {} in the tables ({})",
                    crate::sanitize::in_quotes(&j.judge),
                    crate::format::signed(fitted, 2),
                    j.leniency_text(),
                    crate::format::count(j.entries, "entry", "entries")
                )
            })
        })
        .collect();
    if opposite.is_empty() {
        return String::new();
    }
    format!(
        " The two point opposite ways for {}: their totals against their co-judges' and their habits as the fit separates leniency from severity tell different stories, the more so on few entries (a ~ in the tables), where the fit takes a judge as mostly typical. Look at their marks before reading either as lenient or harsh.",
        crate::format::first_few(&opposite, 5, "; ")
    )
}

/// Entries that cannot win, or whose eligibility the data cannot confirm, each with every
/// reason; nothing when the list is empty.
fn flagged_section(title: &str, list: &[Flagged]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = format!("<section>\n<h2>{title}</h2>\n<ul class=\"small\">\n");
    let (shown, more) = super::first_rows(list);
    if more > 0 {
        out.push_str(&format!("<li>{} in all; the first {}:</li>\n", list.len(), shown.len()));
    }
    for f in shown {
        out.push_str(&format!(
            "<li>{} ({}): {}</li>\n",
            escape(&f.title),
            escape(&f.id),
            escape(&f.reasons.join("; "))
        ));
    }
    out.push_str("</ul>\n</section>\n");
    out
}

/// The head judge's decisions on ties, and whether each settled a tie in these rankings: a
/// decision that settled nothing is shown, not silently dropped. Nothing without decisions.
fn decisions_section(sheet: &Sheet) -> String {
    let decisions = &sheet.outcome.decisions;
    if decisions.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<section>\n<h2>Decisions on ties</h2>\n<p class=\"small\">From {}.</p>\n<ul class=\"small\">\n",
        escape(sheet.decisions_file.unwrap_or(""))
    );
    for d in decisions {
        let status = escape(&d.status(sheet.method));
        out.push_str(&format!(
            "<li>{}: {}, because {} ({status})</li>\n",
            escape(&super::results::prize_name(sheet.outcome, &d.decision.prize)),
            escape(&d.named().join(" before ")),
            escape(&d.decision.reason)
        ));
    }
    out.push_str("</ul>\n</section>\n");
    out
}

/// For the finance team: one line per team, the pool, and the undecided ties, paid to no one.
fn payouts_section(sheet: &Sheet) -> String {
    let mut out = String::new();
    let pay = super::results::payouts_of(sheet);
    out.push_str(
        "<section>\n<h2>Payouts</h2>\n<div class=\"scroll\"><table>\n<colgroup><col class=\"team\"><col class=\"awards\"><col class=\"amount\"></colgroup>\n<tr><th>Team</th><th>Awards</th><th class=\"num\">Total</th></tr>\n",
    );
    // Teams paid something, each on its line, then those holding only an undecided place: the
    // first few of them, as a tie of thousands (a prize nobody earned marks for) has thousands.
    let (paid, waiting): (Vec<_>, Vec<_>) = pay.teams.iter().partition(|(_, _, total)| *total > 0.0);
    let (waiting, more) = super::first_rows(&waiting);
    for (team, awards, total) in paid.into_iter().chain(waiting.iter().copied()) {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
            escape(team),
            escape(&awards.join("; ")),
            escape(&super::results::money(sheet.currency, *total))
        ));
    }
    if more > 0 {
        out.push_str(&format!(
            "<tr><td colspan=\"3\">and {} more holding only an undecided place, paid nothing yet</td></tr>\n",
            crate::format::count(more, "team", "teams")
        ));
    }
    out.push_str(&format!(
        "<tr><th>Pool, paid</th><td></td><th class=\"num\">{}</th></tr>\n</table></div>\n",
        escape(&super::results::money(sheet.currency, pay.pool))
    ));
    if !pay.undecided.is_empty() {
        out.push_str(&format!(
            "<p class=\"small\">Undecided, paid to no one until the head judge decides ({}): {}</p>\n",
            escape(&super::results::money(sheet.currency, pay.undecided_total)),
            escape(&pay.undecided.join("; "))
        ));
    }
    if !pay.unawarded.is_empty() {
        out.push_str(&format!(
            "<p class=\"small\">Not awarded, as no entry could win these places ({}): {}</p>\n",
            escape(&super::results::money(sheet.currency, pay.unawarded_total)),
            escape(&pay.unawarded.join("; "))
        ));
    }
    out.push_str("</section>\n");
    out
}

#[cfg(test)]
pub(crate) mod tests {
    /// Each table of `html` is inside a box that scrolls sideways, and the page's style lets no
    /// table squeeze a column below its heading: the layout is the browser's own (`auto`, which
    /// never overlaps cells), not `fixed`, and a box shows what does not fit by scrolling.
    pub(crate) fn every_table_scrolls_within_its_box(html: &str) {
        let tables = html.matches("<table").count();
        assert!(tables > 0, "{html}");
        assert_eq!(html.matches("<div class=\"scroll\"><table").count(), tables, "{html}");
        assert!(html.contains(".scroll { overflow-x: auto; }"), "{html}");
        assert!(!html.contains("table-layout: fixed"), "{html}");
    }

    /// A judge whose two leniencies point opposite ways is named with both; one whose figures
    /// agree, or where either reads as zero, is not.
    #[test]
    fn judges_whose_two_leniencies_point_opposite_ways_are_named_with_both() {
        let judge = |name: &str, entries: usize, table: f64, fitted: Option<f64>| crate::rankings::JudgeLine {
            judge: name.into(),
            entries,
            leniency: table,
            spread: 0.5,
            histogram: Vec::new(),
            fitted: fitted.map(|marks| crate::merge::leniency::Leniency { marks, error: 0.2 }),
            drift: None,
            flat: false,
        };
        let said = super::opposite_ways(&[
            judge("mira", 2, -0.29, Some(0.37)),
            judge("tomas", 12, 0.5, Some(0.4)),
            judge("ana", 9, 0.3, Some(-0.004)),
            judge("bo", 9, 0.3, None),
            judge("cy", 7, 0.2, Some(-0.1)),
        ]);
        assert!(said.contains("\"mira\" +0.37 here, ~-0.29 in the tables (2 entries)"), "{said}");
        assert!(said.contains("\"cy\" -0.10 here, +0.20 in the tables (7 entries)"), "{said}");
        for agreeing in ["tomas", "ana", "bo"] {
            assert!(!said.contains(agreeing), "{agreeing}: {said}");
        }
        assert_eq!(super::opposite_ways(&[judge("tomas", 12, 0.5, Some(0.4))]), "");
        let many: Vec<_> = (0..7).map(|k| judge(&format!("j{k}"), 3, 0.2, Some(-0.2))).collect();
        assert!(
            super::opposite_ways(&many).contains("; \"j4\" -0.20 here, ~+0.20 in the tables (3 entries) and 2 more")
        );
    }

    /// What a sentence puts in backticks for the terminal is code on the page, escaped; a
    /// backtick left unpaired, or one inside what an entrant wrote, is text.
    #[test]
    fn a_sentences_backticks_are_code_on_the_page() {
        let cases = [
            ("the public key `judging key` prints", "the public key <code>judging key</code> prints"),
            ("line 4 (`tag = \"<b>\"`): check it", "line 4 (<code>tag = &quot;&lt;b&gt;&quot;</code>): check it"),
            ("`a` and `b`", "<code>a</code> and <code>b</code>"),
            ("one ` alone", "one ` alone"),
            ("no code", "no code"),
        ];
        for (said, shown) in cases {
            assert_eq!(super::prose(said), shown, "{said}");
        }
        let mut outcome = super::super::fixtures::tied(3);
        outcome.warnings.push("List each judge with the public key `judging key` prints".into());
        let html = super::page(&super::super::fixtures::sheet(&outcome));
        assert!(html.contains("the public key <code>judging key</code> prints"), "{html}");
        assert!(!html.contains("`judging key`"), "{html}");
    }

    #[test]
    fn every_table_of_the_jurys_page_scrolls_within_its_box() {
        let outcome = super::super::fixtures::tied(3);
        let html = super::page(&super::super::fixtures::sheet(&outcome));
        every_table_scrolls_within_its_box(&html);
        // The jury's tables are wide: below their least width they scroll, never overlap.
        assert!(html.contains("table.jury { min-width:"), "{html}");
        // On a phone, which hides a scrollbar, each says it goes on sideways, as a chart does.
        assert!(
            html.contains(".scroll:has(table.jury)::before { content: \"The whole table: scroll sideways →\""),
            "{html}"
        );
    }

    /// An entrant's title of one long word (a file name, a URL, `Agent_v2.0-final...`) breaks
    /// where it must in a list line or a heading, and in a cell where the cell cannot hold it,
    /// its table scrolling in its box: it had widened the whole page past a phone's screen.
    #[test]
    fn a_long_unbroken_title_breaks_rather_than_widen_the_page() {
        let outcome = super::super::fixtures::tied(3);
        let html = super::page(&super::super::fixtures::sheet(&outcome));
        assert!(html.contains("h1, h2, p, li { overflow-wrap: anywhere; }"), "{html}");
        // In a cell, only where the cell cannot hold the word: ordinary words stay whole, and a
        // table wider than the screen scrolls in its box.
        assert!(html.contains("td { overflow-wrap: break-word; }"), "{html}");
        crate::report::html::tests::every_table_scrolls_within_its_box(&html);
        // Figures and headings never break inside.
        assert!(html.contains("td.num, th.num { text-align: right; white-space: nowrap; overflow-wrap: normal; }"));
    }

    #[test]
    fn markup_in_titles_stays_text() {
        assert_eq!(
            super::escape("<script>alert('x')</script> & \"co\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"
        );
        assert_eq!(super::escape("\u{1b}[31mred"), "red");
    }

    /// A prize nobody earned marks for ties thousands: the page shows the first rows of each
    /// list and says how many more, so its size does not grow with the field.
    #[test]
    fn long_lists_end_with_how_many_more() {
        let tied = 5_000;
        let outcome = super::super::fixtures::tied(tied);
        let html = super::page(&super::super::fixtures::sheet(&outcome));
        assert!(html.len() < 60_000, "{} bytes for lists of {tied}", html.len());
        let more = super::super::LONGEST_LIST;
        assert!(html.contains(&format!("and {} more</td>", tied - more)), "the places");
        assert!(html.contains(&format!("and {} more passed over", tied - more)), "the passed over");
        assert!(html.contains(&format!("{tied} in all; the first {more}:")), "the ineligible");
    }
}
