//! The public announcement of the prizes (`judging results --public`): a terminal table,
//! Markdown ready to post and a printable HTML page. Each is printed from the public view of the
//! outcome ([`Announcement`]) alone, which holds places, titles, teams and amounts and nothing
//! of the jury's deliberation.

use crate::text_width::{pad_left, width as columns};

use super::html::escape;
use super::results::money;
use crate::prizes::public::{Announced, Announcement, TiedPlace, Winner};
use crate::sanitize::clean_line;

/// What the announcement prints.
pub struct Notice<'a> {
    pub event: &'a str,
    pub currency: &'a str,
    /// The day it was made, for the printed page.
    pub made: jiff::civil::Date,
    pub announcement: &'a Announcement,
}

/// What the amount of a place tied and undecided reads: the jury's decision sets who is paid what.
pub const UNDECIDED_AMOUNT: &str = "undecided";

/// What the announcement says under a prize of each place tied and not yet decided: plainly that
/// none of the entries tied for it has won it yet, where rows of `1=` "shared with" had read as
/// joint winners; and every paid place the tie spans, where "Place 2 is tied" had left out that
/// the two entries tied for it take the third place too.
pub fn undecided_said(tied: TiedPlace) -> String {
    let TiedPlace { place, entries, spans } = tied;
    let verb = if spans > 1 { "are" } else { "is" };
    let head = format!(
        "{} {verb} tied between {entries} entries and undecided, awaiting the jury's decision",
        super::opening(&places_spanned(place, spans))
    );
    match spans {
        0 | 1 => format!("{head}: none of them has won it yet."),
        n if n >= entries => format!("{head}: each of them takes one of these places; which is not decided yet."),
        n => format!("{head}: {n} of them will take these places; none has won one yet."),
    }
}

/// "place 2", "places 2 and 3", "places 4 to 6": the paid places a tie spans from its own.
pub fn places_spanned(place: usize, spans: usize) -> String {
    match spans {
        0 | 1 => format!("place {place}"),
        2 => format!("places {place} and {}", place + 1),
        n => format!("places {place} to {}", place + n - 1),
    }
}

/// What a place pays, or that it is undecided (a tie the jury has to settle).
fn amount(n: &Notice, w: &Winner) -> String {
    w.amount.map_or_else(|| UNDECIDED_AMOUNT.into(), |a| money(n.currency, a))
}

/// The columns of a prize: place, entry, team, amount, and "tied with" only where a place is.
fn cells(n: &Notice, p: &Announced, w: &Winner) -> Vec<String> {
    let mut out = vec![w.place_text(), w.title.clone(), w.team.clone(), amount(n, w)];
    if ties(p) {
        out.push(w.tied_said());
    }
    out
}

fn ties(p: &Announced) -> bool {
    p.winners.iter().any(Winner::undecided)
}

fn headings(p: &Announced) -> Vec<&'static str> {
    let mut out = vec!["Place", "Entry", "Team", "Amount"];
    if ties(p) {
        out.push("Tied with");
    }
    out
}

/// The sentences under a prize, one per place tied and undecided.
fn undecided_lines(p: &Announced) -> Vec<String> {
    p.undecided_places().into_iter().map(undecided_said).collect()
}

/// Whether a column holds figures: right-aligned, and on the page never broken across lines.
fn numeric(heading: &str) -> bool {
    matches!(heading, "Place" | "Amount")
}

const NOT_AWARDED: &str = "Not awarded.";

/// A prize's places as the announcement lists them: every settled place (paid, or the prize
/// pays nothing), and of the entries tied for a place still to be decided, the first rows; and
/// how many of those are left out. A prize nobody earned marks for can tie thousands.
fn listed(p: &Announced) -> (Vec<&Winner>, usize) {
    super::first_rows_but(&p.winners, |w| !w.undecided())
}

/// What the announcement says of the entries it leaves out of a tied place.
fn more_sharing(more: usize) -> String {
    format!("and {more} more entries tied for a place, undecided")
}

/// The announcement for the terminal; printed on one (`width`), the entry's and the team's
/// columns narrow to fit it, as the jury's tables do.
pub fn table(n: &Notice, width: Option<usize>) -> String {
    let mut out = format!("{}: prize winners\n", clean_line(n.event));
    // PLACE ("1 (tied)" at its widest), AMOUNT and the gaps between the four columns.
    let place = n
        .announcement
        .prizes
        .iter()
        .flat_map(|p| &p.winners)
        .map(|w| columns(&w.place_text()))
        .fold("PLACE".len(), usize::max);
    let fixed = place + 15 + 3 * 2;
    let entry = super::words_width(width, fixed + 14, (16, 28));
    let team = super::words_width(width, fixed + entry, (10, 20));
    let pad = |text: &str, width: usize| crate::format::fit_padded(&clean_line(text), width);
    // Padded by terminal columns: "{:>15}" counts characters, and "元2,500" stood a column past
    // AMOUNT.
    let row = |cells: &[String]| {
        format!(
            "{}  {}  {}  {}",
            pad_left(&clean_line(&cells[0]), place),
            pad(&cells[1], entry),
            pad(&cells[2], team),
            pad_left(&clean_line(&cells[3]), 15)
        )
    };
    let shared = |cells: &[String]| cells.get(4).map(|s| clean_line(s)).filter(|s| !s.is_empty());
    // One layout a table: whom a place is tied with beside every row, or, on a terminal too
    // narrow for one of them, under every row (where it wraps between words).
    let line = |cells: &[String], below: bool| {
        let mut line = row(cells).trim_end().to_owned();
        match shared(cells) {
            Some(names) if below => line.push_str(&format!("\n{:place$}  tied with: {names}", "")),
            Some(names) => line.push_str(&format!("  {names}")),
            None => {}
        }
        format!("{}\n", line.trim_end())
    };
    for p in &n.announcement.prizes {
        out.push_str(&format!("\n{}\n", clean_line(&p.name).to_uppercase()));
        if p.winners.is_empty() {
            out.push_str(&format!("  {NOT_AWARDED}\n"));
            continue;
        }
        let (shown, more) = listed(p);
        let rows: Vec<Vec<String>> = shown.iter().map(|w| cells(n, p, w)).collect();
        let below = width.is_some_and(|w| {
            rows.iter().any(|r| shared(r).is_some_and(|with| columns(row(r).trim_end()) + 2 + columns(&with) > w))
        });
        // Under the rows, whom a place is tied with says so itself: the heading goes.
        let heading: Vec<String> =
            headings(p).iter().map(|h| h.to_uppercase()).take(if below { 4 } else { 5 }).collect();
        out.push_str(&line(&heading, below));
        for r in &rows {
            out.push_str(&line(r, below));
        }
        if more > 0 {
            out.push_str(&format!("  {}\n", more_sharing(more)));
        }
        for line in undecided_lines(p) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

/// Markdown, ready to post: entrants' words escaped (`report::md::text`), so that no title or
/// team becomes HTML, a link, an image or a split cell.
pub fn markdown(n: &Notice) -> String {
    let cell = crate::report::md::text;
    let mut out = format!("# {}: prize winners\n", cell(n.event));
    for p in &n.announcement.prizes {
        out.push_str(&format!("\n## {}\n\n", cell(&p.name)));
        if p.winners.is_empty() {
            out.push_str(&format!("{NOT_AWARDED}\n"));
            continue;
        }
        let heads = headings(p);
        let rules: Vec<&str> = heads.iter().map(|h| if numeric(h) { "---:" } else { "---" }).collect();
        out.push_str(&format!("| {} |\n|{}|\n", heads.join(" | "), rules.join("|")));
        let (shown, more) = listed(p);
        for w in shown {
            let row: Vec<String> = cells(n, p, w).iter().map(|c| cell(c)).collect();
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        if more > 0 {
            out.push_str(&format!("\n{}\n", more_sharing(more)));
        }
        for line in undecided_lines(p) {
            out.push_str(&format!("\n{line}\n"));
        }
    }
    out
}

/// One printable page, in the jury's page's style: no scripts, no external assets.
pub fn html(n: &Notice) -> String {
    let mut out = super::html::top(&format!("{}: prize winners", n.event), "");
    out.push_str(&format!(
        "<h1>{}: prize winners</h1>\n<p class=\"meta\">{}</p>\n",
        escape(n.event),
        crate::when::day(n.made)
    ));
    for p in &n.announcement.prizes {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n", escape(&p.name)));
        if p.winners.is_empty() {
            out.push_str(&format!("<p>{NOT_AWARDED}</p>\n</section>\n"));
            continue;
        }
        let heads = headings(p);
        let class = |h: &str| if numeric(h) { " class=\"num\"" } else { "" };
        let cols: String =
            heads.iter().map(|h| format!("<col class=\"{}\">", h.to_lowercase().replace(' ', "-"))).collect();
        let row: String = heads.iter().map(|h| format!("<th{}>{h}</th>", class(h))).collect();
        out.push_str(&format!("<div class=\"scroll\"><table>\n<colgroup>{cols}</colgroup>\n<tr>{row}</tr>\n"));
        let (shown, more) = listed(p);
        for w in shown {
            // An amount, "undecided" too, and a place, "1 (tied)" too, stay on one line.
            let row: String =
                heads.iter().zip(cells(n, p, w)).map(|(h, c)| format!("<td{}>{}</td>", class(h), escape(&c))).collect();
            out.push_str(&format!("<tr>{row}</tr>\n"));
        }
        if more > 0 {
            out.push_str(&format!("<tr><td colspan=\"{}\">{}</td></tr>\n", heads.len(), more_sharing(more)));
        }
        out.push_str("</table></div>\n");
        for line in undecided_lines(p) {
            out.push_str(&format!("<p>{}</p>\n", escape(&line)));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use crate::prizes::public::TiedPlace;

    /// (place, entries tied, paid places spanned) → what the line under the prize says.
    #[test]
    fn an_undecided_tie_says_every_paid_place_it_spans() {
        let cases = [
            (
                (1, 2, 1),
                "Place 1 is tied between 2 entries and undecided, awaiting the jury's decision: none of them has won it yet.",
            ),
            (
                (2, 2, 2),
                "Places 2 and 3 are tied between 2 entries and undecided, awaiting the jury's decision: each of them takes one of these places; which is not decided yet.",
            ),
            (
                (4, 7, 2),
                "Places 4 and 5 are tied between 7 entries and undecided, awaiting the jury's decision: 2 of them will take these places; none has won one yet.",
            ),
            (
                (1, 3, 3),
                "Places 1 to 3 are tied between 3 entries and undecided, awaiting the jury's decision: each of them takes one of these places; which is not decided yet.",
            ),
        ];
        for ((place, entries, spans), said) in cases {
            assert_eq!(super::undecided_said(TiedPlace { place, entries, spans }), said);
        }
    }

    use crate::prizes::public::Announcement;

    /// The announcement of event "E", made on a fixed day.
    fn notice(announcement: &Announcement) -> super::Notice<'_> {
        super::Notice { event: "E", currency: "$", made: jiff::civil::date(2026, 12, 2), announcement }
    }

    /// Every paid place is announced, however many; of a place shared by every entry, the first
    /// rows and how many more.
    #[test]
    fn the_announcement_lists_every_paid_place_and_caps_a_shared_one() {
        let (tied, paid) = (100, 60);
        let mut outcome = crate::report::fixtures::tied(tied);
        let mut many = outcome.prizes[0].clone();
        many.name = "Many".into();
        many.awards = (0..paid)
            .map(|i| crate::prizes::Award {
                place: i + 1,
                id: format!("m{i}"),
                title: format!("Many {i}"),
                team: format!("Crew {i}"),
                amount: Some(10.0),
                value: 1.0,
                tie: None,
                support: None,
                unranked: None,
            })
            .collect();
        outcome.prizes.push(many);
        let announcement = Announcement::of(&outcome);
        let notice = notice(&announcement);
        let most = crate::report::LONGEST_LIST;
        for (format, text) in
            [("table", super::table(&notice, None)), ("md", super::markdown(&notice)), ("html", super::html(&notice))]
        {
            // How many times `prefix` is followed by a number: rows naming an entry or a team.
            let named = |prefix: &str| {
                text.match_indices(prefix)
                    .filter(|(at, _)| text[at + prefix.len()..].starts_with(|c: char| c.is_ascii_digit()))
                    .count()
            };
            assert_eq!(named("Crew "), paid, "{format}: every paid place\n{text}");
            assert_eq!(named("Entry "), most, "{format}: the first of those tied for a place\n{text}");
            assert!(text.contains(&super::more_sharing(tied - most)), "{format}: {text}");
            let said = super::undecided_said(TiedPlace { place: 1, entries: tied, spans: 1 });
            let said = if format == "html" { super::escape(&said) } else { said };
            assert_eq!(
                text.matches(&said).count(),
                1,
                "{format}: the tied place said once, all its entries counted\n{text}"
            );
        }
    }

    /// "undecided" is an amount to the reader: it never wraps onto two lines, and no
    /// column's heading runs into the next on a narrow screen: each table sits in a box that
    /// scrolls sideways rather than squeeze its columns under their headings.
    #[test]
    fn amounts_stay_on_one_line_and_tables_scroll_within_their_box() {
        let outcome = crate::report::fixtures::tied(3);
        let announcement = Announcement::of(&outcome);
        let notice = notice(&announcement);
        let html = super::html(&notice);
        assert!(html.contains("<td class=\"num\">undecided</td>"), "{html}");
        assert!(html.contains("<td class=\"num\">1 (tied)</td>"), "{html}");
        assert!(!html.contains("later"), "no rule lets it wrap: {html}");
        crate::report::html::tests::every_table_scrolls_within_its_box(&html);
    }

    /// On a terminal, whom a place is tied with goes beside every row or under every row of a
    /// table, never some of each; under them, the column is not headed.
    #[test]
    fn a_table_says_whom_a_place_is_tied_with_in_one_layout() {
        let mut outcome = crate::report::fixtures::tied(3);
        outcome.prizes[0].awards[2].title = "A title long enough to push its row past the edge".into();
        let announcement = Announcement::of(&outcome);
        let notice = notice(&announcement);
        for width in [60, 80, 100, 140, 200] {
            let text = super::table(&notice, Some(width));
            let rows = text.lines().filter(|l| l.trim_start().starts_with("1 (tied)")).count();
            let under = text.lines().filter(|l| l.trim_start().starts_with("tied with:")).count();
            assert!(under == 0 || under == rows, "at {width}: {text}");
            assert_eq!(text.contains("TIED WITH"), under == 0, "at {width}: {text}");
        }
        assert!(super::table(&notice, Some(60)).contains("tied with:"), "narrow: under the rows");
        assert!(super::table(&notice, Some(200)).contains("TIED WITH"), "wide: beside them");
    }
}
