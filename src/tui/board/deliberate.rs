//! What the jury must deliberate, as lists that share the pane: each list's heading shows with
//! at least its first entry and how many more it has; when even that is too much for the
//! pane, it shows the lists it can and scrolls by whole lists (`[` and `]`).

use std::ops::Range;

use ratatui::style::{Style, Stylize};
use ratatui::text::Line;

use super::Board;
use super::draw::tie_groups;
use crate::rankings::Flag;
use crate::sanitize::screen_line;
use crate::tui::fit::{self as fitting, hanging};

/// One list of what to deliberate: its heading, then its entries, each wrapped to the pane,
/// one a row or (`flow`) one after another after the heading. A sentence is a list without
/// entries.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Section {
    head: Line<'static>,
    /// Its first entries, at most [`AT_MOST`]: a pane never shows more.
    items: Vec<Line<'static>>,
    /// The entries past those kept, said in "and N more".
    more: usize,
    /// When the entries follow the heading on its rows, what goes between two of them.
    flow: Option<&'static str>,
    room: usize,
}

/// The most entries of one list kept for the pane: more than any screen has rows for. A list
/// of 10,000 thin entries was wrapped whole, several times a frame (63 ms a key press).
const AT_MOST: usize = 200;

/// A line's style, its first span's included.
fn style_of(l: &Line) -> Style {
    l.spans.first().map_or(l.style, |s| l.style.patch(s.style))
}

/// `l` wrapped to `room` columns, in its style; an indented line keeps its indent on the rows
/// it wraps to.
fn wrapped(l: &Line, room: usize) -> Vec<Line<'static>> {
    let style = style_of(l);
    let text = l.to_string();
    let body = text.trim_start_matches(' ');
    let indent = &text[..text.len() - body.len()];
    hanging(indent, body, room).into_iter().map(|t| Line::from(t).style(style)).collect()
}

impl Section {
    /// A heading with its entries one a row.
    fn rows(head: Line<'static>, items: Vec<Line<'static>>, room: usize) -> Section {
        Section { head, items, more: 0, flow: None, room }
    }

    /// A heading with its entries after it, `sep` between them.
    fn flowing(head: Line<'static>, items: Vec<String>, sep: &'static str, room: usize) -> Section {
        Section { head, items: items.into_iter().map(Line::from).collect(), more: 0, flow: Some(sep), room }
    }

    /// Says the list has `total` entries, of which it was given the first (at most
    /// [`AT_MOST`]).
    fn of(mut self, total: usize) -> Section {
        self.more = total.saturating_sub(self.items.len());
        self
    }

    fn sentence(line: Line<'static>, room: usize) -> Section {
        Section::rows(line, Vec::new(), room)
    }

    /// The heading's text, as the screen-fit test finds it.
    pub fn heading(&self) -> String {
        self.head.to_string()
    }

    /// Its lines with its first `k` entries, and how many more there are.
    fn with(&self, k: usize) -> Vec<Line<'static>> {
        let k = k.min(self.items.len());
        let left = self.items.len() - k + self.more;
        if let Some(sep) = self.flow {
            let shown: Vec<String> = self.items[..k].iter().map(ToString::to_string).collect();
            let mut text = format!("{} {}", self.head, shown.join(sep));
            if left > 0 {
                text.push_str(&if k == 0 { format!("{left} of them") } else { format!(" and {left} more") });
            }
            return wrapped(&Line::from(text.trim_end().to_owned()).style(style_of(&self.head)), self.room);
        }
        let mut out = wrapped(&self.head, self.room);
        out.extend(self.items[..k].iter().flat_map(|l| wrapped(l, self.room)));
        if left > 0 {
            let style = self.items.first().map_or(Style::new(), style_of);
            out.push(Line::from(format!("  and {left} more")).style(style));
        }
        out
    }

    /// Every row it takes when whole.
    pub fn rows_whole(&self) -> usize {
        self.with(self.items.len()).len()
    }

    /// The fewest rows it shows in: its heading, its first entry, and how many more.
    pub fn least(&self) -> usize {
        self.with(1).len()
    }

    /// Its lines in at most `rows` rows (at least [`Section::least`]): the heading, as many
    /// whole entries as fit, then "and N more".
    fn lines(&self, rows: usize) -> Vec<Line<'static>> {
        // The most entries that fit: rows grow with the entries shown.
        let whole = self.with(self.items.len());
        if whole.len() <= rows {
            return whole;
        }
        let (mut fits, mut over) = (1, self.items.len());
        while fits + 1 < over {
            let mid = usize::midpoint(fits, over);
            if self.with(mid).len() <= rows {
                fits = mid;
            } else {
                over = mid;
            }
        }
        self.with(fits)
    }
}

/// The lists from `from` on in `room` rows: when all fit whole, all; else each list in sight
/// gets its heading, its first entry and how many more, and the rows left go to the lists in
/// order. The lines, and which lists show.
pub(super) fn lay_out(sections: &[Section], from: usize, room: usize) -> (Vec<Line<'static>>, Range<usize>) {
    let from = from.min(sections.len().saturating_sub(1));
    let rest = &sections[from..];
    if rest.iter().map(Section::rows_whole).sum::<usize>() <= room {
        return (rest.iter().flat_map(|s| s.lines(usize::MAX)).collect(), from..sections.len());
    }
    // As many lists as fit at their least; at least one, whatever the room.
    let mut fit = 0;
    let mut used = 0;
    for s in rest {
        if fit > 0 && used + s.least() > room {
            break;
        }
        used += s.least();
        fit += 1;
    }
    let mut spare = room.saturating_sub(used);
    let mut out = Vec::new();
    for s in &rest[..fit] {
        let lines = s.lines(s.least() + spare);
        spare = (s.least() + spare).saturating_sub(lines.len());
        out.extend(lines);
    }
    (out, from..from + fit)
}

impl Board<'_> {
    /// The uncertain paid places of `name`, with those on too few judges however sure first.
    fn uncertain_list(&self, name: &str, room: usize) -> Option<Section> {
        let uncertain = self.rankings.uncertain(name);
        // The paid places on fewer judges than merge.min_judges are listed too, however sure they
        // read, as the merge's "To discuss" lists them: one judge's marks are one view of them.
        let thin = self.rankings.thin_paid(name);
        if uncertain.is_empty() && thin.is_empty() {
            return None;
        }
        let places = self.rankings.paid.get(name).copied().unwrap_or(0);
        let (low, high) = crate::rankings::UNCERTAIN;
        let (low, high) = (crate::format::percent(low), crate::format::percent(high));
        let head = if thin.is_empty() {
            format!("Uncertain chances of a paid place ({places} paid; {low}–{high} chance), nearest even odds first:")
        } else {
            format!(
                "Uncertain chances of a paid place ({places} paid; on fewer than {} judges however sure, then {low}–{high} chance, nearest even odds first):",
                self.rankings.min_judges
            )
        };
        let head = Line::from(head).cyan().bold();
        let listed = uncertain.len() + thin.len();
        // Thin first: a place the refits call sure is no less worth a word for it.
        let items = thin
            .iter()
            .chain(&uncertain)
            .take(AT_MOST)
            .map(|e| {
                let said = format!("  {:>4} #{} {}{}", e.chance_text(), e.place, screen_line(&e.title), e.thin_note());
                Line::from(said).cyan()
            })
            .collect();
        Some(Section::rows(head, items, room).of(listed))
    }

    /// What to deliberate on the ranking in sight, as lists wrapped to `room` columns: the
    /// uncertain paid places first (those on too few judges, however sure, at their head), then those only lenient judges gave (under a method that
    /// keeps leniency), then the paid places that change without one judge, the ties
    /// (settled or not), the entries of each flag, whether every paid place holds, the entries
    /// nobody scored and the head-to-head sentence.
    pub(super) fn deliberation(&self, room: usize) -> Vec<Section> {
        let ranked = self.ranked();
        let name = self.ranking_name();
        let mut out: Vec<Section> = Vec::new();
        let sentence = |line: Line<'static>| Section::sentence(line, room);
        out.extend(self.uncertain_list(name, room));
        out.extend(self.lenient_list(name, room));
        let groups = tie_groups(ranked);
        // Each tie's decision, looked up once: whether any is open is said in the heading.
        let decisions: Vec<_> = groups
            .iter()
            .map(|(_, group)| {
                let ids: Vec<&str> = group.iter().map(|e| e.id.as_str()).collect();
                self.prize_here().and_then(|p| self.decision_on(&p.id, &ids))
            })
            .collect();
        let (fragile, all_hold) = self.robustness_lines(name);
        if let Some((head, items)) = fragile {
            out.push(Section::rows(head, items, room));
            // As the results say it: "1st= Shed Inventory" beside a tie the jury settled had
            // read as a place the decision gave away.
            if decisions.iter().any(Option::is_some) {
                out.push(sentence(Line::from(
                    "The places above are the merge's, before the jury's decision on a tie: a judge whose absence moves a tied entry bears on that decision.",
                )));
            }
        }
        if !groups.is_empty() {
            let open = decisions.iter().any(Option::is_none);
            let items = groups
                .iter()
                .zip(&decisions)
                .take(AT_MOST)
                .map(|((place, group), decision)| {
                    if let Some(d) = decision {
                        let said = format!(
                            "  tie at #{place} settled: {} ({})",
                            self.order_said(&d.order),
                            screen_line(&d.reason)
                        );
                        return Line::from(said).green();
                    }
                    // Two rows of names at most, then how many more.
                    let names: Vec<String> = group.iter().map(|e| screen_line(&e.title)).collect();
                    let head = format!("  tie at #{place}: ");
                    let room = (2 * room).saturating_sub(fitting::width(&head)).max(room / 2);
                    Line::from(format!("{head}{}", fitting::list(&names, names.len(), " = ", room))).yellow()
                })
                .collect();
            let how = if open && self.prize_here().is_some() { " · d on one settles it" } else { "" };
            let head = Line::from(format!("Ties ({}){how}:", groups.len())).yellow().bold();
            out.push(Section::rows(head, items, room).of(groups.len()));
        }
        // Every flag but the tie, which is said above with its entries.
        for flag in Flag::ALL.into_iter().filter(|f| *f != Flag::Tie) {
            let count = ranked.iter().filter(|e| e.has(flag)).count();
            if count > 0 {
                let first: Vec<String> = ranked
                    .iter()
                    .filter(|e| e.has(flag))
                    .take(AT_MOST)
                    .map(|e| format!("#{} {}", e.place, screen_line(&e.title)))
                    .collect();
                let head = Line::from(format!("{count} {flag} ({}):", flag.meaning()));
                out.push(Section::flowing(head, first, ", ", room).of(count));
            }
        }
        out.extend(all_hold.map(sentence));
        if out.is_empty() {
            out.push(sentence(Line::from("No uncertain paid place, tie, or flagged entry.").green()));
        }
        // Entries no judge scored are in no ranking: said on every tab, so none vanishes unseen.
        if !self.rankings.unscored.is_empty() {
            let ids: Vec<String> = self.rankings.unscored_named(screen_line, false);
            let said = format!("{} not scored by any judge: {}", ids.len(), crate::format::first_few(&ids, 2, ", "));
            out.push(sentence(Line::from(said).yellow()));
        }
        // So are those the method gave no score, with why.
        if let Some(first) = self.rankings.not_ranked.first() {
            let titles: Vec<String> = self.rankings.not_ranked.iter().map(|n| screen_line(&n.title)).collect();
            let said = format!(
                "{} scored, in no ranking ({}): {}",
                titles.len(),
                screen_line(&first.why),
                crate::format::first_few(&titles, 2, ", ")
            );
            out.push(sentence(Line::from(said).yellow()));
        }
        if let Some(m) = self.rankings.majorities.iter().find(|m| m.ranking == name) {
            out.push(sentence(Line::from(screen_line(&m.said)).dark_gray()));
        }
        out
    }

    /// Under a method that keeps judges' leniency, the paid places of `name` only lenient
    /// judges gave, with each judge's leniency; none under the others.
    fn lenient_list(&self, name: &str, room: usize) -> Option<Section> {
        let lenient = self.rankings.lenient_holders_in(name);
        if lenient.is_empty() {
            return None;
        }
        let head = Line::from(format!(
            "Paid places on lenient judges ({}; the {} method keeps leniency, calibrated takes it out):",
            lenient.len(),
            self.rankings.method
        ))
        .yellow()
        .bold();
        let items = lenient
            .iter()
            .take(AT_MOST)
            .map(|h| {
                let said = format!(
                    "  {} {}: judges {:+.2} on average ({})",
                    crate::format::ordinal(h.place),
                    screen_line(&h.title),
                    h.mean,
                    h.each()
                );
                Line::from(said).yellow()
            })
            .collect();
        Some(Section::rows(head, items, room).of(lenient.len()))
    }

    /// The paid places of this ranking that change without one judge, as a heading and a line
    /// each in plain words; or, when every one holds, a sentence saying so (shown after the
    /// flags).
    #[allow(clippy::type_complexity)]
    fn robustness_lines(&self, name: &str) -> (Option<(Line<'static>, Vec<Line<'static>>)>, Option<Line<'static>>) {
        let r = self.rankings;
        let (said, lines) = (r.robustness_said(name, screen_line), r.robustness_lines(name, screen_line));
        if said.is_empty() {
            return (None, None);
        }
        // In the order the ranking is listed: a tie the jury settled in its decision's order, as
        // the rows beside it (the lines are each paid holder's, in the ranking's order).
        let mut resting: Vec<(usize, String)> = said
            .iter()
            .zip(lines)
            .zip(r.paid_holders(name))
            .filter(|((said, _), _)| *said != crate::rankings::HOLDS)
            .map(|((_, line), holder)| (self.listed_at(&holder.id), line))
            .collect();
        resting.sort_by_key(|(at, _)| *at);
        let fragile: Vec<Line<'static>> =
            resting.into_iter().map(|(_, line)| Line::from(format!("  {line}")).cyan()).collect();
        if fragile.is_empty() {
            let holds = format!("Every paid place {}.", crate::rankings::HOLDS);
            return (None, Some(Line::from(holds).green()));
        }
        let head =
            format!("{} ({} of {}):", crate::rankings::CHANGE_WITHOUT_ONE, fragile.len(), r.paid_holders(name).len());
        (Some((Line::from(head).cyan().bold(), fragile)), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(head: &str, n: usize) -> Section {
        let items = (1..=n).map(|k| Line::from(format!("  entry {k}"))).collect();
        Section::rows(Line::from(head.to_owned()), items, 40)
    }

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn each_list_keeps_its_heading_its_first_entry_and_how_many_more() {
        let sections = [list("A:", 5), list("B:", 5), list("C:", 1)];
        let (lines, shown) = lay_out(&sections, 0, 8);
        assert_eq!(shown, 0..3);
        assert_eq!(
            text(&lines),
            ["A:", "  entry 1", "  and 4 more", "B:", "  entry 1", "  and 4 more", "C:", "  entry 1"]
        );
        // Rows to spare go to the first lists.
        let (lines, _) = lay_out(&sections, 0, 10);
        assert_eq!(text(&lines)[..5], ["A:", "  entry 1", "  entry 2", "  entry 3", "  and 2 more"]);
        assert_eq!(lines.len(), 10, "every row used");
        let (lines, _) = lay_out(&sections, 0, 100);
        assert_eq!(lines.len(), 14, "all whole");
    }

    #[test]
    fn a_flowing_list_names_as_many_as_its_rows_hold() {
        let items = ["#1 Sprout Sense", "#2 Pantry Poet", "#3 Bus Stop Oracle"].map(String::from).to_vec();
        let s = Section::flowing(Line::from("3 thin (too few judges):"), items, ", ", 40);
        assert_eq!(text(&s.lines(2)), ["3 thin (too few judges): #1 Sprout", "Sense, #2 Pantry Poet and 1 more"]);
        assert_eq!(s.rows_whole(), 3);
        assert_eq!(s.least(), 2);
    }

    #[test]
    fn lists_that_do_not_fit_wait_below() {
        let sections = [list("A:", 5), list("B:", 5), list("C:", 1)];
        let (lines, shown) = lay_out(&sections, 0, 5);
        assert_eq!(shown, 0..1);
        assert_eq!(text(&lines), ["A:", "  entry 1", "  entry 2", "  entry 3", "  and 2 more"]);
        let (lines, shown) = lay_out(&sections, 1, 5);
        assert_eq!(shown, 1..3);
        assert_eq!(text(&lines), ["B:", "  entry 1", "  and 4 more", "C:", "  entry 1"]);
    }
}
