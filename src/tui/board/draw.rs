//! Drawing the head judge's screen: pure, from the board's state to a buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, TableState, Widget};

use super::columns::Columns;
use super::{Board, Side};
use crate::format::{bars, fit};
use crate::rankings::{Flag, Ranked};
use crate::sanitize::clean_line;
use crate::tui::fit::{self as fitting, Column, flow, hanging, wrap};
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH, pad, pad_left, take_columns};

/// Below this width the side starts hidden: the rankings need the room.
pub const SIDE_FROM: u16 = 100;

/// The footer's keys, when no message takes the line.
pub const HINT: &str = "? keys  ←/→ ranking  ↑/↓ entry  v side  d settle a tie  F finals  q quit";

/// The keys, for `?` and the footer.
pub const KEYS: [(&str, &str); 11] = [
    ("←/→  Tab", "the previous or next ranking: overall, then each track"),
    ("↑/↓  j/k", "the previous or next entry"),
    ("PgUp/PgDn", "ten entries up or down"),
    ("g/G", "the first or last entry"),
    ("v", "the side: every judge's view of the entry, the judges, or none"),
    ("J/K", "scroll the judges"),
    ("F", "the finals of this ranking: order, pairs, how sure each paid place is"),
    ("d  Enter", "settle the selected tie: the decision goes to decisions.toml"),
    ("Esc", "in the dialog: leave it, recording nothing"),
    ("?", "this help, and again to close it"),
    ("q", "quit"),
];

impl Widget for &Board<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let said = format!(
                "The head judge's screen needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Enlarge it, or press q to quit.",
                area.width, area.height
            );
            Paragraph::new(wrap(&said, usize::from(area.width)).into_iter().map(Line::from).collect::<Vec<_>>())
                .render(area, buf);
            return;
        }
        // A message wraps over up to three rows; the keys take one.
        let said = self.footer_lines(usize::from(area.width));
        let footer_rows = u16::try_from(said.len()).unwrap_or(3).clamp(1, 3);
        let [header, tabs, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(footer_rows),
        ]));
        let r = self.rankings;
        let breaks = if r.tie_breaks.is_empty() { "none".to_owned() } else { r.tie_breaks.join(", then ") };
        Line::from(vec![
            Span::from(" judging ").bold().reversed(),
            Span::from(format!(" {} ", self.event)).bold(),
            Span::from(format!("· {} method · tie-breaks: {breaks}", r.method)),
        ])
        .render(header, buf);
        self.tabs(tabs, buf);
        // The side takes up to two fifths, and nothing when hidden: then the titles get it all.
        self.width.set(area.width);
        self.height.set(area.height);
        let showing = self.shown_side();
        let side_width = if showing == Side::Hidden { 0 } else { side_width(area.width) };
        let [table, side] = body.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)]));
        if self.finals {
            let lines = self.finals_lines(usize::from(body.width.saturating_sub(2)));
            let lines = fitting::rows(lines, usize::from(body.height.saturating_sub(2)), |n| {
                Line::from(format!("… and {n} more lines: enlarge the terminal")).dark_gray()
            });
            Paragraph::new(lines)
                .block(Block::bordered().title(" Finals (F returns to the ranking) "))
                .render(body, buf);
        } else {
            self.table(table, buf);
            match showing {
                Side::Entry => self.entry_and_deliberation(side, buf),
                Side::Judges => self.judges(side, buf),
                Side::Hidden => {}
            }
        }
        Paragraph::new(said).render(footer, buf);
        if let Some(s) = &self.settle {
            settle_dialog(s, area, buf);
        } else if self.help {
            help(area, buf);
        }
        if self.monochrome {
            crate::tui::monochrome(buf);
        }
    }
}

impl Board<'_> {
    /// The footer: the last message, wrapped whole, else the keys.
    fn footer_lines(&self, room: usize) -> Vec<Line<'static>> {
        let text = if self.status.is_empty() { HINT.to_owned() } else { clean_line(&self.status) };
        flow(&[(text, Style::new().dark_gray())], room.saturating_sub(1))
            .into_iter()
            .map(|l| {
                let mut spans = vec![Span::from(" ")];
                spans.extend(l.spans);
                Line::from(spans)
            })
            .collect()
    }

    /// What this screen means to show whole, from the declarations it draws from: the keys and
    /// the flags' meanings in the help, the footer, the tie dialog, the judges' legend and what
    /// to deliberate. The screen-fit test finds each in the drawn screen.
    pub fn promised(&self) -> Vec<String> {
        let width = self.width.get();
        if let Some(s) = &self.settle {
            return settle_lines(s).into_iter().map(|l| l.to_string().trim().to_owned()).collect();
        }
        if self.help {
            return help_lines().into_iter().map(|(head, what)| format!("{head} {what}")).collect();
        }
        let mut out = vec![if self.status.is_empty() { HINT.to_owned() } else { clean_line(&self.status) }];
        if self.finals {
            // The view's first lines: what it is, and the finalists' heading.
            let room = usize::from(width.saturating_sub(2));
            out.extend(self.finals_lines(room).iter().take(2).map(|l| l.to_string().trim().to_owned()));
            return out;
        }
        match self.shown_side() {
            Side::Judges => out.extend(self.legend()),
            Side::Entry => {
                // What the side shows whole: the same panes the screen draws.
                let footer = u16::try_from(self.footer_lines(usize::from(width)).len()).unwrap_or(3).clamp(1, 3);
                let body = self.height.get().saturating_sub(2 + footer);
                let side = Rect::new(0, 0, side_width(width), body);
                let room = usize::from(side.width.saturating_sub(2));
                let (_, _, _, shown) = self.side_panes(side);
                out.extend(self.deliberation_lines(room).iter().take(shown).map(ToString::to_string));
            }
            Side::Hidden => {}
        }
        out
    }

    fn tabs(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = vec![Span::from(" ")];
        for (i, (name, ranked)) in self.rankings.rankings.iter().enumerate() {
            let label = format!(" {} ({}) ", clean_line(name), ranked.len());
            spans.push(if i == self.tab { Span::from(label).reversed().bold() } else { Span::from(label) });
            spans.push(Span::from(" "));
        }
        Line::from(spans).render(area, buf);
    }

    fn table(&self, area: Rect, buf: &mut Buffer) {
        let ranked = self.ranked();
        let block = Block::bordered().title(" Rankings ");
        if ranked.is_empty() {
            Paragraph::new("No entry in this ranking has a judge's full score.").block(block).render(area, buf);
            return;
        }
        // Only the rows in sight are built: a ranking may hold thousands of entries.
        let rows_in_sight = area.height.saturating_sub(3).max(1) as usize;
        let offset = (self.selected + 1).saturating_sub(rows_in_sight);
        let in_sight: Vec<&Ranked> = ranked.iter().skip(offset).take(rows_in_sight).collect();
        let columns = Columns::fit(self, &in_sight, usize::from(area.width.saturating_sub(4)));
        let rows = in_sight.iter().map(|e| {
            let colour = if e.has(Flag::Tie) {
                Color::Yellow
            } else if e.uncertain() {
                Color::Cyan
            } else if e.has(Flag::Contested) {
                Color::Red
            } else {
                Color::Reset
            };
            Row::new(columns.cells(e)).style(Style::new().fg(colour))
        });
        let table = Table::new(rows, columns.widths())
            .header(Row::new(columns.header()).style(Style::new().bold()))
            .block(block)
            .row_highlight_style(Style::new().reversed())
            .highlight_symbol("▶ ");
        let mut state = TableState::new().with_selected(Some(self.selected - offset));
        ratatui::widgets::StatefulWidget::render(table, area, buf, &mut state);
    }

    /// Every judge's view of the selected entry above, what to deliberate below; each takes the
    /// room it needs, the view first, what to deliberate keeping up to eight rows. Each line
    /// wraps whole; a pane too short shows whole lines and says how many more there are.
    fn entry_and_deliberation(&self, area: Rect, buf: &mut Buffer) {
        let (view, deliberate, top, _) = self.side_panes(area);
        let [top, bottom] = area.layout(&Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]));
        Paragraph::new(view).block(Block::bordered().title(" The entry, judge by judge ")).render(top, buf);
        Paragraph::new(deliberate).block(Block::bordered().title(" To deliberate ")).render(bottom, buf);
    }

    /// The side's two panes in `area`: the entry's rows, what to deliberate's rows, the
    /// entry pane's height, and how many lines to deliberate show whole.
    fn side_panes(&self, area: Rect) -> (Vec<Line<'static>>, Vec<Line<'static>>, u16, usize) {
        let width = area.width.saturating_sub(2);
        let room = usize::from(width.max(1));
        let wrapped = |lines: Vec<Line<'static>>| -> Vec<Vec<Line<'static>>> {
            lines
                .into_iter()
                .map(|l| {
                    let style = l.spans.first().map_or(l.style, |s| l.style.patch(s.style));
                    wrap(&l.to_string(), room).into_iter().map(|t| Line::from(t).style(style)).collect()
                })
                .collect()
        };
        let view = wrapped(self.entry_lines(width));
        let deliberate = wrapped(self.deliberation_lines(room));
        let rows = |items: &[Vec<Line>]| u16::try_from(items.iter().map(Vec::len).sum::<usize>()).unwrap_or(u16::MAX);
        let keep = rows(&deliberate).saturating_add(2).min(8);
        let top = rows(&view).saturating_add(2).min(area.height.saturating_sub(keep).max(area.height / 2));
        let more = |n: usize| Line::from(format!("… and {n} more lines")).dark_gray();
        let (view, _) = fitting::items(&view, usize::from(top.saturating_sub(2)), more);
        let bottom = area.height.saturating_sub(top);
        let (deliberate, shown) = fitting::items(&deliberate, usize::from(bottom.saturating_sub(2)), more);
        (view, deliberate, top, shown)
    }

    fn entry_lines(&self, width: u16) -> Vec<Line<'static>> {
        let Some(e) = self.ranked().get(self.selected) else { return vec![Line::from("No entry selected.")] };
        let mut lines = vec![Line::from(format!("#{} {}", e.place, clean_line(&e.title))).bold()];
        let mut facts = vec![
            format!("score {:.2}", e.score),
            format!("{} judges", e.judges),
            format!("gap {} ({} beyond habits)", e.gap_text(), e.beyond_text()),
        ];
        if e.chance.is_some() {
            facts.push(format!("paid {}", e.chance_text()));
        }
        let name = self.ranking_name();
        if let Some(place) = self.rankings.paid_holders(name).iter().position(|h| h.id == e.id) {
            let resting: Vec<String> = self
                .rankings
                .fragile(name)
                .iter()
                .filter(|c| c.place == place + 1)
                .map(|c| clean_line(&c.judge))
                .collect();
            // A place that holds says nothing here: the pane to deliberate says whether all do.
            if !resting.is_empty() {
                facts.push(format!("its place rests on {}", crate::format::first_few(&resting, 3, ", ")));
            }
        }
        lines.push(Line::from(facts.join(" · ")));
        if let Some(k) = &e.tie_break {
            lines.push(Line::from(format!("place set by the tie-break on {k}")).yellow());
        }
        let Some(panel) = self.rankings.panel_of(&e.id) else { return lines };
        if let Some(line) = crate::report::entry::ineligible(&panel, clean_line) {
            lines.push(Line::from(line).magenta());
        }
        // Criteria by their first three columns: the full names head the rankings table.
        let criteria: Vec<String> = panel.criteria.iter().map(|c| take_columns(&c.to_uppercase(), 3)).collect();
        let name_w = usize::from(width).saturating_sub(criteria.len() * 4 + 13).clamp(6, 14);
        lines.push(
            Line::from(format!(
                "{:<name_w$} {}  TOTAL  TIME",
                "JUDGE",
                criteria.iter().map(|c| pad_left(c, 3)).collect::<Vec<_>>().join(" ")
            ))
            .dark_gray(),
        );
        for j in &panel.judges {
            let scores: Vec<String> = j
                .scores
                .iter()
                .map(|v| format!("{:>3}", v.map_or_else(|| "-".to_owned(), |v| v.to_string())))
                .collect();
            let time = j.stopwatch_seconds.map_or_else(|| "-".to_owned(), |s| format!("{s:.0}s"));
            lines.push(Line::from(format!(
                "{} {}  {:>5.2}  {time:>4}",
                pad(&fit(&clean_line(&j.name()), name_w), name_w),
                scores.join(" "),
                j.total
            )));
            if let Some(note) = &j.note {
                lines.push(Line::from(format!("  “{}”", clean_line(note))).italic().dark_gray());
            }
        }
        if !panel.partly_scored_by.is_empty() {
            let names: Vec<String> = panel.partly_scored_by.iter().map(|n| clean_line(n)).collect();
            lines.push(Line::from(format!("partly scored, not counted: {}", names.join(", "))).dark_gray());
        }
        if let Some(line) = crate::report::entry::conflicts(&panel, clean_line) {
            lines.push(Line::from(line).yellow());
        }
        if let Some(line) = crate::report::entry::commits(&panel, clean_line) {
            let differ = self.rankings.revisions_differ.iter().any(|(id, _)| *id == e.id);
            lines.push(if differ { Line::from(line).yellow() } else { Line::from(line).dark_gray() });
        }
        if let Some((_, at)) = self.rankings.changed_after_deadline.iter().find(|(id, _)| *id == e.id) {
            lines.push(Line::from(format!("changed on the Hub after the deadline ({})", clean_line(at))).yellow());
        }
        lines
    }

    /// The uncertain paid places first, then ties (settled or not), contested and thin entries,
    /// and the head-to-head sentence.
    fn deliberation_lines(&self, room: usize) -> Vec<Line<'static>> {
        let ranked = self.ranked();
        let name = self.ranking_name();
        let mut lines: Vec<Line> = Vec::new();
        let uncertain = self.rankings.uncertain(name);
        if !uncertain.is_empty() {
            let places = self.rankings.paid.get(name).copied().unwrap_or(0);
            lines.push(Line::from(format!("Uncertain paid places ({places} paid; 10–90% chance):")).cyan().bold());
            for e in uncertain.iter().take(6) {
                lines
                    .push(Line::from(format!("  {:>4} #{} {}", e.chance_text(), e.place, clean_line(&e.title))).cyan());
            }
            if uncertain.len() > 6 {
                lines.push(Line::from(format!("  and {} more", uncertain.len() - 6)).cyan());
            }
        }
        let (fragile, all_hold) = self.robustness_lines(name);
        lines.extend(fragile);
        for (place, group) in tie_groups(ranked) {
            let names: Vec<String> = group.iter().map(|e| clean_line(&e.title)).collect();
            let ids: Vec<&str> = group.iter().map(|e| e.id.as_str()).collect();
            let settled = self.prize_here().and_then(|p| self.decision_on(&p.id, &ids));
            if let Some(d) = settled {
                let said =
                    format!("tie at #{place} settled: {} ({})", self.order_said(&d.order), clean_line(&d.reason));
                lines.push(Line::from(said).green());
            } else {
                let how = if self.prize_here().is_some() { " · d settles it" } else { "" };
                // Two rows of names at most, then how many more.
                let head = format!("tie at #{place}: ");
                let listed = fitting::list(
                    &names,
                    names.len(),
                    " = ",
                    (2 * room).saturating_sub(head.len() + how.len()).max(room),
                );
                lines.push(Line::from(format!("{head}{listed}{how}")).yellow());
            }
        }
        let count = |flag: Flag| ranked.iter().filter(|e| e.has(flag)).count();
        // Every flag but the tie, which is said above with its entries.
        for flag in Flag::ALL.into_iter().filter(|f| *f != Flag::Tie) {
            let n = count(flag);
            if n > 0 {
                // As many as two rows hold, then how many more.
                let all: Vec<String> = ranked
                    .iter()
                    .filter(|e| e.has(flag))
                    .map(|e| format!("#{} {}", e.place, clean_line(&e.title)))
                    .collect();
                let head = format!("{n} {flag} ({}): ", flag.meaning());
                let listed = fitting::list(&all, n, ", ", (2 * room).saturating_sub(fitting::width(&head)).max(room));
                lines.push(Line::from(format!("{head}{listed}")));
            }
        }
        lines.extend(all_hold);
        if lines.is_empty() {
            lines.push(Line::from("No uncertain paid place, tie, or flagged entry.").green());
        }
        // Entries no judge scored are in no ranking: said on every tab, so none vanishes unseen.
        if !self.rankings.unscored.is_empty() {
            let ids: Vec<String> = self.rankings.unscored.iter().map(|id| clean_line(id)).collect();
            let n = ids.len();
            lines.push(
                Line::from(format!("{n} not scored by any judge: {}", crate::format::first_few(&ids, 2, ", ")))
                    .yellow(),
            );
        }
        if let Some(m) = self.rankings.majorities.iter().find(|m| m.ranking == name) {
            lines.push(Line::from(clean_line(&m.said)).dark_gray());
        }
        lines
    }

    /// Beside the chances: the paid places of this ranking that change without one judge, each
    /// in plain words; or, when every one holds, a line saying so (shown after the flags).
    fn robustness_lines(&self, name: &str) -> (Vec<Line<'static>>, Option<Line<'static>>) {
        let r = self.rankings;
        let (said, lines) = (r.robustness_said(name, clean_line), r.robustness_lines(name, clean_line));
        if said.is_empty() {
            return (Vec::new(), None);
        }
        let fragile: Vec<String> = said
            .iter()
            .zip(lines)
            .filter(|(said, _)| *said != crate::rankings::HOLDS)
            .map(|(_, line)| format!("  {line}"))
            .collect();
        if fragile.is_empty() {
            return (Vec::new(), Some(Line::from("Every paid place holds without any one judge.").green()));
        }
        let head = format!("Paid places resting on one judge ({} of {}):", fragile.len(), r.paid_holders(name).len());
        let lines =
            std::iter::once(Line::from(head).cyan().bold()).chain(fragile.into_iter().map(|l| Line::from(l).cyan()));
        (lines.collect(), None)
    }

    /// What the judges' figures mean, said whole under them.
    pub fn legend(&self) -> Vec<String> {
        let r = self.rankings;
        let mut out = vec!["leniency: points above (+) or below the others; ~ from under 5 entries".to_owned()];
        // Krippendorff's alpha, the one figure for any design; Kendall's W where alpha has none.
        let w = r.concordance.first().map(|c| c.w).or(r.pairwise.as_ref().map(|p| p.w));
        if let Some(a) = r.alpha {
            out.push(format!("agreement α {:.2}: 1 exact, 0 chance, under 0.67 too unsure", a.interval));
        } else if let Some(w) = w {
            out.push(format!("agreement W {w:.2}: 0 none, 1 every judge in the same order"));
        }
        let drifting: Vec<String> = r
            .judges
            .iter()
            .filter_map(|j| j.drift.filter(crate::merge::drift::Drift::large).map(|d| (j, d)))
            .map(|(j, d)| format!("{} {:+.2}/h", clean_line(&j.judge), d.per_hour))
            .collect();
        if !drifting.is_empty() {
            out.push(format!("drifting through the day: {}", crate::format::first_few(&drifting, 3, ", ")));
        }
        if !r.trainees.is_empty() {
            let names: Vec<String> = r.trainees.iter().map(|t| clean_line(&t.judge)).collect();
            out.push(format!("trainees, not counted: {}", crate::format::first_few(&names, 3, ", ")));
        }
        out
    }

    /// One line per judge: their name, their totals' distribution over the scale as bars,
    /// their leniency and its word. When the side is narrow the bars go first, whole; the
    /// legend wraps under the judges in sight.
    fn judges(&self, area: Rect, buf: &mut Buffer) {
        let r = self.rankings;
        let high = r.scale_high();
        let block = Block::bordered().title(format!(" Judges ({}): scores {}→{high} ", r.judges.len(), r.scale_low));
        let room = usize::from(area.width.saturating_sub(2));
        let legend: Vec<Line> =
            self.legend().iter().flat_map(|l| wrap(l, room)).map(|l| Line::from(l).dark_gray()).collect();
        // When not all judges fit, the last line in sight says what is out of sight, and how
        // to see it.
        let in_sight = usize::from(area.height.saturating_sub(2)).saturating_sub(legend.len()).max(1);
        let rows = if r.judges.len() > in_sight { in_sight.saturating_sub(1) } else { in_sight };
        let offset = self.judge_offset.min(r.judges.len().saturating_sub(rows));
        let names = r.judges.iter().map(|j| fitting::width(&clean_line(&j.judge))).max().unwrap_or(0);
        let spec = [
            Column { want: names.min(16), least: names.min(8), drop: None },
            Column::whole(r.judges.first().map_or(0, |j| j.histogram.len()), Some(1)),
            Column::whole(6, None),
            Column::whole(7, Some(2)),
        ];
        let widths = fitting::columns(&spec, 1, room);
        let mut lines: Vec<Line> = r
            .judges
            .iter()
            .skip(offset)
            .take(rows)
            .map(|j| {
                let lean = format!("{}{:+.2}", if j.few() { "~" } else { "" }, j.leniency);
                let mut spans =
                    vec![Span::from(pad(&fit(&clean_line(&j.judge), widths[0].unwrap_or(8)), widths[0].unwrap_or(8)))];
                if widths[1].is_some() {
                    spans.push(Span::from(format!(" {}", bars(&j.histogram))).cyan());
                }
                spans.push(Span::from(format!(" {lean:>6}")));
                if widths[3].is_some() {
                    spans.push(Span::from(format!(" {}", j.leaning())));
                }
                Line::from(spans)
            })
            .collect();
        if rows < r.judges.len() {
            let below = r.judges.len() - offset - lines.len();
            lines.push(Line::from(format!("{offset} above, {below} below · J/K scroll")).dark_gray());
        }
        lines.extend(legend);
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

/// The side's width on a screen this wide: up to two fifths.
fn side_width(width: u16) -> u16 {
    (width * 9 / 25).clamp(34, 48)
}

/// Entries still tied, grouped by their shared place.
fn tie_groups(ranked: &[Ranked]) -> Vec<(usize, Vec<&Ranked>)> {
    let mut out: Vec<(usize, Vec<&Ranked>)> = Vec::new();
    for e in ranked.iter().filter(|e| e.has(Flag::Tie)) {
        match out.last_mut() {
            Some((place, group)) if *place == e.place => group.push(e),
            _ => out.push((e.place, vec![e])),
        }
    }
    out
}

/// A box in the middle of `area`, cleared.
fn centred(area: Rect, width: u16, height: u16, buf: &mut Buffer) -> Rect {
    let [row] = area.layout(&Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center));
    let [boxed] = row.layout(&Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center));
    Clear.render(boxed, buf);
    boxed
}

/// The help's lines: every key, every flag from its one declaration, and PAID.
fn help_lines() -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &str)> = KEYS.iter().map(|(k, what)| ((*k).to_owned(), *what)).collect();
    out.extend(Flag::ALL.iter().map(|f| (f.label().to_uppercase(), f.meaning())));
    out.push(("PAID".into(), "the chance of holding a paid place"));
    out
}

/// The keys and flags, each meaning wrapped beside its key; on a screen too short for all, the
/// last line says how many are left out.
fn help(area: Rect, buf: &mut Buffer) {
    let width = area.width.min(80);
    let room = usize::from(width.saturating_sub(2));
    let items: Vec<Vec<Line>> = help_lines()
        .iter()
        .enumerate()
        .map(|(k, (head, what))| {
            let style = if k < KEYS.len() { Style::new() } else { Style::new().dark_gray() };
            hanging(&format!(" {}", pad(head, 11)), what, room)
                .into_iter()
                .map(|l| Line::from(l).style(style))
                .collect()
        })
        .collect();
    let (lines, _) = fitting::items(&items, usize::from(area.height.saturating_sub(2)), |n| {
        Line::from(format!(" and {n} more: enlarge the terminal to see them")).dark_gray()
    });
    let boxed = centred(area, width, u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2), buf);
    Paragraph::new(lines).block(Block::bordered().title(" Keys (? closes) ")).render(boxed, buf);
}

/// The tie dialog's lines: the tied entries with their numbers, what is at stake, and what to
/// press now.
fn settle_lines(s: &super::Settle) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(format!("The tie at #{} for {}:", s.place, clean_line(&s.prize_name))).bold()];
    let number = s.tied.len().to_string().len();
    for (i, t) in s.tied.iter().enumerate() {
        let at = s.order.iter().position(|k| *k == i).map(|p| format!("→ #{}", s.place + p)).unwrap_or_default();
        lines.push(Line::from(format!(
            "  {:>number$}  {} {:.2} · {} {at}",
            i + 1,
            crate::tui::layout::pad(&fit(&clean_line(&t.title), 30), 30),
            t.score,
            crate::format::count(t.judges, "judge", "judges")
        )));
    }
    let pays: Vec<String> = s
        .pays
        .iter()
        .enumerate()
        .map(|(k, amount)| {
            let pays =
                if *amount > 0.0 { crate::report::results::money(&s.currency, *amount) } else { "nothing".into() };
            format!("#{} {pays}", s.place + k)
        })
        .collect();
    lines.push(Line::from(format!("At stake: {}.", pays.join(", "))).dark_gray());
    lines.push(Line::from(""));
    if s.ordered() {
        lines.push(Line::from("Why this order? (printed with the results)"));
        lines.push(Line::from(format!("> {}▏", s.reason)).bold());
        lines.push(Line::from("Enter records it in decisions.toml · Backspace edits · Esc leaves").dark_gray());
    } else {
        let place = s.place + s.order.len();
        let typed = if s.typed.is_empty() { String::new() } else { format!(" {}▏", s.typed) };
        // Past nine entries a number takes two digits: Enter ends one that could go on.
        let how = if s.tied.len() > 9 { " (Enter after a number that could go on)" } else { "" };
        lines.push(Line::from(format!("Press the number of the entry that places #{place}{how}.{typed}")));
        lines.push(Line::from("Backspace starts again · Esc leaves, recording nothing").dark_gray());
    }
    lines
}

fn settle_dialog(s: &super::Settle, area: Rect, buf: &mut Buffer) {
    let width = area.width.min(76);
    let room = usize::from(width.saturating_sub(2));
    let lines: Vec<Line> = settle_lines(s)
        .into_iter()
        .flat_map(|l| {
            let style = l.spans.first().map_or(l.style, |span| l.style.patch(span.style));
            wrap(&l.to_string(), room).into_iter().map(move |t| Line::from(t).style(style))
        })
        .collect();
    let lines = fitting::rows(lines, usize::from(area.height.saturating_sub(2)), |n| {
        Line::from(format!("… and {n} more lines: enlarge the terminal")).dark_gray()
    });
    let boxed = centred(area, width, u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2), buf);
    Paragraph::new(lines).block(Block::bordered().title(" Settle a tie ")).render(boxed, buf);
}
