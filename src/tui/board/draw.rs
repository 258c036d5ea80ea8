//! Drawing the head judge's screen: pure, from the board's state to a buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, TableState, Widget};

use super::columns::Columns;
use super::deliberate::lay_out;
use super::{Board, Side};
use crate::format::{bars, fit};
use crate::rankings::{Flag, Ranked};
use crate::sanitize::screen_line;
use crate::tui::fit::{self as fitting, Column, flow, hanging, wrap};
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH, pad, pad_left, take_columns};

/// Below this width the side starts hidden: the rankings need the room.
pub const SIDE_FROM: u16 = 100;

/// The footer's keys, when no message takes the line: each with where it acts (on the ranking,
/// in the finals view, or both), so that the footer never offers a key that does nothing there.
const HINTS: [(&str, Shown); 9] = [
    ("? keys", Shown::Always),
    ("←/→ ranking", Shown::Always),
    ("↑/↓ entry", Shown::Ranking),
    ("v side", Shown::Ranking),
    ("d settle a tie", Shown::RankingPaid),
    ("F finals", Shown::RankingWithFinals),
    ("↑/↓ scroll", Shown::FinalsScrolling),
    ("F returns to the ranking", Shown::Finals),
    ("q quit", Shown::Always),
];

/// Where a key of the footer acts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Always,
    Ranking,
    /// On a ranking a prize pays places in: `d` on another says its ties decide nothing.
    RankingPaid,
    /// On the ranking, where the event has a finals round.
    RankingWithFinals,
    Finals,
    /// In the finals view, when it has more lines than its pane.
    FinalsScrolling,
}

/// The keys, for `?` and the footer.
pub const KEYS: [(&str, &str); 13] = [
    ("←/→  Tab", "the previous or next ranking: overall, then each track"),
    ("↑/↓  j/k", "the previous or next entry"),
    ("PgUp/PgDn", "ten entries up or down"),
    ("g/G", "the first or last entry"),
    ("v", "the side: every judge's view of the entry, the judges, or none"),
    ("J/K", "scroll the judges"),
    ("[/]", "scroll what to deliberate, when its lists do not all fit"),
    ("F", "the finals of this ranking: order, pairs, how sure each paid place is; ↑/↓ scroll them"),
    ("d  Enter", "settle the selected tie: the decision goes to decisions.toml"),
    ("w", "the merge's warnings: ↑/↓ scroll them, w or Esc closes"),
    ("Esc", "leave the dialog (recording nothing), the finals or warnings"),
    ("?", "this help, and again to close it"),
    ("q", "quit"),
];

/// The mark beside a judge `[[judges]]` does not list, in the judges' pane and an entry's.
pub use crate::rankings::NOT_LISTED;

/// Where each part of the screen goes.
pub(super) struct Areas {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub table: Rect,
    pub side: Rect,
    pub footer: Rect,
}

/// The side's two panes: every judge's view of the selected entry, and what to deliberate.
pub(super) struct SidePanes {
    view: Vec<Line<'static>>,
    deliberate: Vec<Line<'static>>,
    /// The view's height, borders included.
    top: u16,
    /// The judges' notes the view left out for room: its title says how many.
    notes_left_out: usize,
    /// The headings of the lists to deliberate in sight.
    pub headings: Vec<String>,
    /// What the pane's bottom edge says when not every list is in sight: which are, and the
    /// keys that scroll.
    pub scroll: Option<String>,
}

impl Widget for &Board<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.screen.set((area.width, area.height));
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            self.draw_too_small(area, buf);
            return;
        }
        self.width.set(area.width);
        self.height.set(area.height);
        let areas = self.areas(area);
        let mut header = vec![Span::from(" judging ").bold().reversed(), Span::from(" ")];
        if let Some(warned) = self.warnings_counted() {
            header.push(Span::from(warned).yellow().bold());
            header.push(Span::from(" · "));
        }
        for (k, part) in self.header_parts(usize::from(area.width)).into_iter().enumerate() {
            if k > 0 {
                header.push(Span::from(" · "));
            }
            header.push(if part == self.event { Span::from(part).bold() } else { Span::from(part) });
        }
        Line::from(header).render(areas.header, buf);
        self.tabs(areas.tabs, buf);
        if self.finals {
            // Scrolled as the warnings are: every line can be read at 80×24.
            let (lines, rows) = self.finals_pane(area.width, area.height);
            let from = self.finals_from.min(lines.len().saturating_sub(rows));
            let total = lines.len();
            self.finals_scroll.set(total > rows);
            let shown: Vec<Line> = lines.into_iter().skip(from).take(rows).collect();
            let mut block = Block::bordered().title(" Finals (F returns to the ranking) ");
            if total > rows {
                block = block.title_bottom(format!(
                    " lines {}–{} of {total} · ↑/↓ PgUp/PgDn scroll ",
                    from + 1,
                    from + shown.len()
                ));
            }
            Paragraph::new(shown).block(block).render(areas.body, buf);
        } else {
            self.table(areas.table, buf);
            match self.shown_side() {
                Side::Entry => self.entry_and_deliberation(areas.side, buf),
                Side::Judges => self.judges(areas.side, buf),
                Side::Hidden => {}
            }
        }
        Paragraph::new(self.footer_lines(usize::from(area.width))).render(areas.footer, buf);
        if let Some(s) = &self.settle {
            super::settle::dialog(s, area, buf);
        } else if self.help {
            // Above the footer, which says how the keys close: a long list had covered it.
            let height = areas.footer.y.saturating_sub(areas.tabs.y);
            help(Rect { y: areas.tabs.y, height, ..area }, buf, self);
        } else if self.warnings {
            self.warnings_box(area, buf);
        }
        if self.monochrome {
            crate::tui::monochrome(buf);
        }
    }
}

impl Board<'_> {
    /// The parts of the screen: a message wraps over up to three rows of the footer; the side
    /// takes what the rankings' columns do not want, and at least about a third of the width.
    pub(super) fn areas(&self, area: Rect) -> Areas {
        let said = self.footer_lines(usize::from(area.width));
        let footer_rows = u16::try_from(said.len()).unwrap_or(3).clamp(1, 3);
        let [header, tabs, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(footer_rows),
        ]));
        let side_width = if self.shown_side() == Side::Hidden {
            0
        } else {
            let (_, in_sight) = self.in_sight(body.height);
            let wanted = u16::try_from(Columns::wanted(self, &in_sight)).unwrap_or(u16::MAX);
            side_width(area.width).max(area.width.saturating_sub(wanted))
        };
        let [table, side] = body.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)]));
        Areas { header, tabs, body, table, side, footer }
    }

    /// The header's parts after " judging ", each whole: the event's name, the method, the
    /// tie-breaks. When the line is too short the event's name goes first (the head judge knows
    /// it), then the tie-breaks are named as far as they fit, "and N more".
    pub(super) fn header_parts(&self, width: usize) -> Vec<String> {
        let r = self.rankings;
        let counted = self.warnings_counted().map_or(0, |w| fitting::width(&w) + 3);
        let room = width.saturating_sub(fitting::width(" judging  ") + counted);
        let method = format!("{} method", r.method);
        let breaks = if r.tie_breaks.is_empty() { "none".to_owned() } else { r.tie_breaks.join(", then ") };
        let joined = |parts: &[String]| fitting::width(&parts.join(" · "));
        let all = vec![self.event.clone(), method.clone(), format!("tie-breaks: {breaks}")];
        if joined(&all) <= room {
            return all;
        }
        let head = format!("{method} · tie-breaks: ");
        let listed =
            fitting::list(&r.tie_breaks, r.tie_breaks.len(), ", then ", room.saturating_sub(fitting::width(&head)));
        vec![method, format!("tie-breaks: {}", if r.tie_breaks.is_empty() { breaks } else { listed })]
    }

    /// The keys that act where the head judge is, for the footer: over the tie dialog and the
    /// help, only theirs (the ranking's keys do nothing there).
    pub fn hint(&self) -> String {
        if self.settle.is_some() {
            return "Esc leaves the tie, recording nothing  ^c quits".to_owned();
        }
        if self.help {
            return "any key closes".to_owned();
        }
        if self.warnings {
            return "↑/↓ scroll  w/Esc closes  q quit".to_owned();
        }
        let acts = |shown: Shown| match shown {
            Shown::Always => true,
            Shown::Ranking => !self.finals,
            Shown::RankingPaid => !self.finals && self.prize_here().is_some(),
            Shown::RankingWithFinals => !self.finals && self.has_finals,
            Shown::Finals => self.finals,
            Shown::FinalsScrolling => self.finals && self.finals_scroll.get(),
        };
        HINTS
            .iter()
            .filter(|(_, shown)| acts(*shown))
            .filter(|(keys, _)| !self.prizes.is_empty() || !keys.starts_with("d "))
            .map(|(keys, _)| *keys)
            .collect::<Vec<_>>()
            .join("  ")
    }

    /// The footer: the last message, wrapped whole, else the keys.
    fn footer_lines(&self, room: usize) -> Vec<Line<'static>> {
        let text = if self.status.is_empty() { self.hint() } else { screen_line(&self.status) };
        flow(&[(text, Style::new().dark_gray())], room.saturating_sub(1))
            .into_iter()
            .map(|l| {
                let mut spans = vec![Span::from(" ")];
                spans.extend(l.spans);
                Line::from(spans)
            })
            .collect()
    }

    /// What this screen means to show whole, from the declarations it draws from: the header's
    /// parts, the keys and the flags' meanings in the help, the footer, the tie dialog's
    /// heading, stakes, prompt and keys, the short flags' legend, the judges' legend and the
    /// headings of what to deliberate. The screen-fit test finds each in the drawn screen.
    pub fn promised(&self) -> Vec<String> {
        let (width, height) = (self.width.get(), self.height.get());
        if let Some(s) = &self.settle {
            return super::settle::promised(s);
        }
        if self.help {
            return help_lines(self).into_iter().map(|(head, what)| format!("{head} {what}")).collect();
        }
        let mut out = vec![if self.status.is_empty() { self.hint() } else { screen_line(&self.status) }];
        out.extend(self.warnings_counted());
        out.extend(self.header_parts(usize::from(width)));
        if self.warnings {
            out.push(self.warnings_title().trim().to_owned());
            return out;
        }
        let areas = self.areas(Rect::new(0, 0, width, height));
        if self.finals {
            // The view's first lines: what it is, and the finalists' heading.
            let room = usize::from(width.saturating_sub(2));
            out.extend(self.finals_lines(room).iter().take(2).map(|l| l.to_string().trim().to_owned()));
            return out;
        }
        out.extend(self.flags_legend(areas.table));
        match self.shown_side() {
            Side::Judges => out.extend(self.legend()),
            Side::Entry => {
                let panes = self.side_panes(areas.side);
                out.extend(panes.headings);
                out.extend(panes.scroll.map(|s| s.trim().to_owned()));
            }
            Side::Hidden => {}
        }
        out
    }

    /// The rankings' tabs: as many whole as the line holds, the selected one always among them,
    /// and how many more lie to each side where not all fit ("← 2 more", "4 more →").
    /// Each tab names its ranking as [`Board::names`] has it, cut to [`TAB_NAME`] columns.
    fn tabs(&self, area: Rect, buf: &mut Buffer) {
        let labels: Vec<String> = (self.rankings.rankings.iter().zip(&self.names))
            .map(|((_, ranked), name)| format!(" {} ({}) ", crate::format::fit(name, TAB_NAME), ranked.len()))
            .collect();
        let (from, to) = tabs_in_sight(&labels, self.tab, usize::from(area.width));
        let mut spans = vec![Span::from(" ")];
        if from > 0 {
            spans.push(Span::from(format!("← {from} more  ")).dark_gray());
        }
        for (i, label) in labels.iter().enumerate().take(to).skip(from) {
            spans.push(if i == self.tab {
                Span::from(label.clone()).reversed().bold()
            } else {
                Span::from(label.clone())
            });
            spans.push(Span::from(" "));
        }
        if to < labels.len() {
            spans.push(Span::from(format!(" {} more →", labels.len() - to)).dark_gray());
        }
        Line::from(spans).render(area, buf);
    }

    /// The entries in sight in a table `height` rows high, and how many are above them: only
    /// those are measured and drawn, as a ranking may hold thousands. The view moves from where
    /// it was last drawn only as far as the selection needs: moving up from the last row had
    /// scrolled the whole ranking under a selection pinned to the bottom row.
    fn in_sight(&self, height: u16) -> (usize, Vec<&Ranked>) {
        let rows_in_sight = height.saturating_sub(3).max(1) as usize;
        let listed = self.ranked().len();
        let last_start = listed.saturating_sub(rows_in_sight);
        let offset = self
            .offset
            .get()
            .min(self.selected)
            .max((self.selected + 1).saturating_sub(rows_in_sight))
            .min(last_start.max((self.selected + 1).saturating_sub(rows_in_sight)));
        (offset, self.rows().skip(offset).take(rows_in_sight).collect())
    }

    fn table(&self, area: Rect, buf: &mut Buffer) {
        // A ranking a finals round placed says so: its first places are out of the scores' order.
        // Said as far as the top edge holds, shorter forms first, never cut mid-word.
        let room = usize::from(area.width.saturating_sub(2));
        let title = match self.standing_here() {
            Some(s) => {
                let n = s.order.len();
                [
                    format!(" Rankings · places 1–{n} by the finals (F shows them) "),
                    format!(" Rankings · places 1–{n} by the finals "),
                    format!(" Rankings · 1–{n} by the finals "),
                ]
                .into_iter()
                .find(|t| fitting::width(t) <= room)
                .unwrap_or_else(|| {
                    format!(" {} ", fit(&format!("Rankings · 1–{n} by the finals"), room.saturating_sub(2)))
                })
            }
            None => " Rankings ".to_owned(),
        };
        let block = Block::bordered().title(title);
        if self.ranked().is_empty() {
            Paragraph::new("No entry in this ranking has a judge's full score.").block(block).render(area, buf);
            return;
        }
        let (offset, in_sight) = self.in_sight(area.height);
        self.offset.set(offset);
        let columns = Columns::fit(self, &in_sight, usize::from(area.width.saturating_sub(4)));
        let block = match self.flags_legend(area) {
            Some(said) => block.title_bottom(format!(" {said} ")),
            None => block,
        };
        let rows = in_sight.iter().enumerate().map(|(k, e)| {
            let settled = self.settled(e);
            let colour = if e.has(Flag::Tie) && !settled {
                Color::Yellow
            } else if e.uncertain() {
                Color::Cyan
            } else if e.has(Flag::Contested) {
                Color::Red
            } else {
                Color::Reset
            };
            Row::new(columns.cells(e, settled, self.title_in(offset + k, columns.title))).style(Style::new().fg(colour))
        });
        let table = Table::new(rows, columns.widths())
            .header(Row::new(columns.header()).style(Style::new().bold()))
            .block(block)
            .row_highlight_style(Style::new().reversed())
            .highlight_symbol("▶ ");
        let mut state = TableState::new().with_selected(Some(self.selected - offset));
        ratatui::widgets::StatefulWidget::render(table, area, buf, &mut state);
    }

    /// Under a table in `area` whose flags show short, what those in sight mean: as many as
    /// the bottom edge holds, `?` explaining all.
    fn flags_legend(&self, area: Rect) -> Option<String> {
        let (_, in_sight) = self.in_sight(area.height);
        let legend = Columns::fit(self, &in_sight, usize::from(area.width.saturating_sub(4))).legend(self, &in_sight);
        (!legend.is_empty()).then(|| short_flags(&legend, usize::from(area.width.saturating_sub(4))))
    }

    /// Every judge's view of the selected entry above, what to deliberate below. Each line
    /// wraps whole; a view too tall shows whole lines and says how many more there are; the
    /// lists to deliberate share their pane, and scroll when even their headings do not fit.
    fn entry_and_deliberation(&self, area: Rect, buf: &mut Buffer) {
        let panes = self.side_panes(area);
        let [top, bottom] = area.layout(&Layout::vertical([Constraint::Length(panes.top), Constraint::Fill(1)]));
        // Notes left out for room are counted in the title, which takes no row: they had gone
        // from the pane at 80×24 and 100×30 without a word.
        let title = match panes.notes_left_out {
            0 => " The entry, judge by judge ".to_owned(),
            n => format!(" The entry · {} hidden ", crate::format::count(n, "note", "notes")),
        };
        Paragraph::new(panes.view).block(Block::bordered().title(title)).render(top, buf);
        let block = Block::bordered().title(" To deliberate ");
        let block = match panes.scroll {
            Some(said) => block.title_bottom(Line::from(said).right_aligned()),
            None => block,
        };
        Paragraph::new(panes.deliberate).block(block).render(bottom, buf);
    }

    /// The side's two panes in `area`. The view takes the rows it needs when what to
    /// deliberate fits beside it, each list at least its heading, first entry and how many
    /// more; else it gives up rows down to two fifths of the side, its judges' notes first.
    pub(super) fn side_panes(&self, area: Rect) -> SidePanes {
        let width = area.width.saturating_sub(2);
        let room = usize::from(width.max(1));
        let view = |notes: bool| -> Vec<Vec<Line<'static>>> {
            self.entry_lines(width, notes)
                .into_iter()
                .map(|l| {
                    let style = l.spans.first().map_or(l.style, |s| l.style.patch(s.style));
                    wrap(&l.to_string(), room).into_iter().map(|t| Line::from(t).style(style)).collect()
                })
                .collect()
        };
        let sections = self.deliberation(room);
        let rows = |n: usize| u16::try_from(n).unwrap_or(u16::MAX).saturating_add(2);
        let whole = view(true);
        let wants = rows(whole.iter().map(Vec::len).sum());
        let (all, least) = sections.iter().fold((0, 0), |(w, l), s| (w + s.rows_whole(), l + s.least()));
        let height = area.height;
        let bare = view(false);
        let bare_rows = bare.iter().map(Vec::len).sum();
        let top = if wants.saturating_add(rows(all)) <= height {
            wants
        } else {
            // The view keeps at least two fifths of the side, and its judges up to half.
            let judges = rows(bare_rows).min(height / 2);
            wants.min(height.saturating_sub(rows(least)).max(height * 2 / 5).max(judges))
        };
        // The judges' notes go first when the view is too short, then its last lines.
        let notes_left_out = if wants <= top { 0 } else { whole.len().saturating_sub(bare.len()) };
        let (view, top) = if wants <= top { (whole, top) } else { (bare, top.min(rows(bare_rows))) };
        let more = |n: usize| Line::from(crate::format::more_lines(n)).dark_gray();
        // Row by row: every row the pane has is used before the last says how many rows are
        // left out (a note or a wrapped line of six rows had been left whole, "… and 1 more
        // line" said above empty rows).
        let view = fitting::rows(view.into_iter().flatten().collect(), usize::from(top.saturating_sub(2)), more);
        let inner = usize::from(height.saturating_sub(top).saturating_sub(2));
        let from = self.deliberate_from.min(sections.len().saturating_sub(1));
        let (deliberate, shown) = lay_out(&sections, from, inner);
        let headings = sections[shown.clone()].iter().map(super::deliberate::Section::heading).collect();
        let scroll = (shown.len() < sections.len()).then(|| {
            let keys = match (shown.start > 0, shown.end < sections.len()) {
                (true, true) => "[ ] scroll",
                (true, false) => "[ scrolls up",
                _ => "] scrolls",
            };
            format!(" lists {}–{} of {} · {keys} ", shown.start + 1, shown.end, sections.len())
        });
        SidePanes { view, deliberate, top, notes_left_out, headings, scroll }
    }

    /// The selected entry, judge by judge: with each judge's note under them when `notes`.
    fn entry_lines(&self, width: u16, notes: bool) -> Vec<Line<'static>> {
        let Some(e) = self.row(self.selected) else { return vec![Line::from("No entry selected.")] };
        let mut lines = vec![Line::from(format!("#{} {}", e.place, screen_line(&e.title))).bold()];
        let mut facts = vec![
            format!("score {:.2}", e.score),
            crate::format::count(e.judges, "judge", "judges"),
            format!("gap {} ({} beyond habits)", e.gap_text(), e.beyond_text()),
        ];
        if e.chance.is_some() {
            facts.push(format!("paid {}", e.chance_text()));
        }
        let name = self.ranking_name();
        if self.rankings.paid_holders(name).iter().any(|h| h.id == e.id) {
            let resting: Vec<String> =
                self.rankings.fragile(name).iter().filter(|c| c.id == e.id).map(|c| screen_line(&c.judge)).collect();
            // A place that holds says nothing here: the pane to deliberate says whether all do.
            if !resting.is_empty() {
                // What the test without each judge found: not who scored it (a judge who did
                // not can still move it, through the others' calibration).
                facts.push(format!("its place changes without {}", crate::format::first_few(&resting, 3, " or ")));
            }
        }
        lines.push(Line::from(facts.join(" · ")));
        if let Some(k) = &e.tie_break {
            lines.push(Line::from(format!("place set by the tie-break on {k}")).yellow());
        }
        // A neighbour a place apart that shows the same score: said, so that two rows of 4.53 at
        // #1 and #2 are not read as a slip or an unflagged tie (as under the merge's table).
        let figures = |r: &Ranked| (r.place, r.score, r.rubric_place.is_some());
        let neighbours = [self.selected.checked_sub(1), Some(self.selected + 1)];
        for other in neighbours.into_iter().flatten().filter_map(|k| self.row(k)) {
            if crate::report::placed_apart_shown_alike(figures(e), figures(other)) {
                // As many decimals as tell the two apart.
                let digits =
                    (3..=12).find(|d| format!("{:.d$}", e.score) != format!("{:.d$}", other.score)).unwrap_or(12);
                lines.push(Line::from(format!(
                    "shows {:.2} as #{} does: the unrounded scores place them ({:.digits$} against {:.digits$})",
                    e.score, other.place, e.score, other.score
                )));
            }
        }
        let Some(mut panel) = self.rankings.panel_of(&e.id) else { return lines };
        panel.mark_unlisted(|judge| self.is_not_listed(judge));
        if let Some(line) = crate::report::entry::ineligible(&panel, screen_line) {
            lines.push(Line::from(line).magenta());
        }
        // Criteria by their first three columns: the full names head the rankings table.
        let criteria: Vec<String> = panel.criteria.iter().map(|c| take_columns(&c.to_uppercase(), 3)).collect();
        let name_w = usize::from(width).saturating_sub(criteria.len() * 4 + 13).clamp(6, 14);
        // TIME gives its columns to the names where a marked name would keep under four
        // letters beside its mark ("m… (flat)" at 100×30).
        let cramped = panel.judges.iter().any(|j| {
            j.mark().is_some_and(|mark| {
                let whole = fitting::width(&screen_line(&j.judge)) + 1 + mark.len();
                whole > name_w && name_w < mark.len() + 1 + 5
            })
        });
        let (name_w, time_head) = if cramped { ((name_w + 6).min(14), "") } else { (name_w, "  TIME") };
        lines.push(
            Line::from(format!(
                "{:<name_w$} {}  TOTAL{time_head}",
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
            let time = if cramped { String::new() } else { format!("  {time:>4}") };
            lines.push(Line::from(format!(
                "{} {}  {:>5.2}{time}",
                pad(&marked_name(j, name_w), name_w),
                scores.join(" "),
                j.total
            )));
            if let Some(note) = j.note.as_ref().filter(|_| notes) {
                lines.push(Line::from(note_shown(note, &e.id, &self.opened_with)).italic().dark_gray());
            }
        }
        if let Some(line) = panel.flat_said(screen_line) {
            lines.push(Line::from(line).yellow());
        }
        if !panel.partly_scored_by.is_empty() {
            let names: Vec<String> = panel.partly_scored_by.iter().map(|n| screen_line(n)).collect();
            lines.push(Line::from(format!("partly scored, not counted: {}", names.join(", "))).dark_gray());
        }
        if let Some(line) = crate::report::entry::conflicts(&panel, screen_line) {
            lines.push(Line::from(line).yellow());
        }
        if let Some(line) = crate::report::entry::commits(&panel, screen_line) {
            let differ = self.rankings.revisions_differ.iter().any(|(id, _)| *id == e.id);
            lines.push(if differ { Line::from(line).yellow() } else { Line::from(line).dark_gray() });
        }
        if let Some((_, at)) = self.rankings.changed_after_deadline.iter().find(|(id, _)| *id == e.id) {
            lines.push(Line::from(format!("changed on the Hub after the deadline ({})", screen_line(at))).yellow());
        }
        lines
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
            .map(|(j, d)| format!("{} {}/h", screen_line(&j.judge), crate::format::signed(d.per_hour, 2)))
            .collect();
        if !drifting.is_empty() {
            out.push(format!("drifting through the day: {}", crate::format::first_few(&drifting, 3, ", ")));
        }
        if !r.trainees.is_empty() {
            let names: Vec<String> = r.trainees.iter().map(|t| screen_line(&t.judge)).collect();
            out.push(format!("trainees, not counted: {}", crate::format::first_few(&names, 3, ", ")));
        }
        if !self.not_listed.is_empty() {
            out.push(format!("{}; w: the warnings", crate::rankings::NOT_LISTED_SAYS));
        }
        let flat: Vec<String> = r.judges.iter().filter(|j| j.flat).map(|j| screen_line(&j.judge)).collect();
        if !flat.is_empty() {
            out.push(format!(
                "{} {}: not counted for thin",
                crate::format::names_and(&flat, 3),
                crate::rankings::FLAT_SAYS
            ));
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
        let mark = |judge: &str| self.is_not_listed(judge).then_some(NOT_LISTED);
        let name_width = |j: &crate::rankings::JudgeLine| {
            fitting::width(&screen_line(&j.judge)) + mark(&j.judge).map_or(0, |m| m.len() + 1)
        };
        let names = r.judges.iter().map(name_width).max().unwrap_or(0);
        // A judge not listed keeps the mark and their name whole before the bars do: "míra" is
        // told from "mira" by the letters a cut would take.
        let marked = r.judges.iter().filter(|j| mark(&j.judge).is_some()).map(name_width).max().unwrap_or(0);
        let spec = [
            Column { want: names.min(16), least: names.min(8).max(marked.min(16)), drop: None },
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
                let lean = format!("{}{}", if j.few() { "~" } else { "" }, crate::format::signed(j.leniency, 2));
                let width = widths[0].unwrap_or(8);
                let name = Span::from(pad(&with_mark(&screen_line(&j.judge), mark(&j.judge), width), width));
                let mut spans = vec![if mark(&j.judge).is_some() { name.yellow() } else { name }];
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

/// The short flags' legend in `room` columns: as many as fit, then where the rest are
/// explained.
fn short_flags(legend: &[String], room: usize) -> String {
    for shown in (1..=legend.len()).rev() {
        let mut said = legend[..shown].join(" · ");
        if shown < legend.len() {
            said.push_str(" · ? the rest");
        }
        if fitting::width(&said) <= room {
            return said;
        }
    }
    "? explains the flags".to_owned()
}

/// The side's least width on a screen this wide: about a third, up to 48 columns; it takes
/// more where the rankings' columns leave room.
fn side_width(width: u16) -> u16 {
    (width * 9 / 25).clamp(34, 48)
}

/// Entries still tied, grouped by their shared place.
pub(super) fn tie_groups(ranked: &[Ranked]) -> Vec<(usize, Vec<&Ranked>)> {
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
pub(super) fn centred(area: Rect, width: u16, height: u16, buf: &mut Buffer) -> Rect {
    let [row] = area.layout(&Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center));
    let [boxed] = row.layout(&Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center));
    // A column cleared each side too, within the screen: a table's cell had shown between the
    // tie's dialog and the table's frame ("│ │At stake: … │e│").
    let x = boxed.x.saturating_sub(1).max(area.x);
    let margin = Rect { x, width: (boxed.right() + 1).min(area.right()) - x, ..boxed };
    Clear.render(margin, buf);
    boxed
}

/// The help's lines: every key that acts on this event (`F` only with a finals round), every
/// flag from its one declaration, and PAID.
/// The keys that act on this board, the flags' meanings, and PAID where the rankings have the
/// chances of a paid place (with the mean method they have none, and no PAID column).
fn help_lines(board: &Board) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &str)> = keys(board).into_iter().map(|(k, what)| ((*k).to_owned(), *what)).collect();
    out.extend(Flag::ALL.iter().map(|f| (format!("{} ({})", f.label().to_uppercase(), f.short()), f.meaning())));
    let (label, short, meaning) = super::DECIDED;
    out.push((format!("{} ({short})", label.to_uppercase()), meaning));
    if board.rankings.rankings.iter().any(|(_, ranked)| ranked.iter().any(|e| e.chance.is_some())) {
        out.push(("PAID".into(), "the chance of holding a paid place"));
    }
    // The finals view's columns, which its table heads in capitals and nothing else explained.
    if board.has_finals {
        out.extend(FINALS_COLUMNS.iter().map(|(k, what)| ((*k).to_owned(), *what)));
    }
    out
}

/// The finals view's columns, as the help says them.
const FINALS_COLUMNS: [(&str, &str); 5] = [
    ("RUBRIC", "in the finals view: the finalist's place in the rubric round, before the finals"),
    ("STRENGTH", "in the finals view: how strong the judges' answers make it, ± how unsure that is"),
    ("W-L-=", "in the finals view: the comparisons it won, lost and drew"),
    ("PAID (finals)", "in the finals view: the chance its place is a paid one, the answers redrawn"),
    ("ABOVE", "in the finals view: how sure it is above the finalist placed after it"),
];

/// A judge's name cut to `width` with its mark ("(trainee)", "(flat)") kept whole where there is
/// room for a few letters before it: a long name cut at the edge had lost what the mark says.
fn marked_name(j: &crate::rankings::JudgeView, width: usize) -> String {
    with_mark(&screen_line(&j.judge), j.mark(), width)
}

/// A name (cleaned) with its mark after it, cut to `width` with the mark kept whole where there
/// is room for a few letters before it.
fn with_mark(name: &str, mark: Option<&str>, width: usize) -> String {
    match mark {
        Some(mark) if fitting::width(name) + 1 + mark.len() > width && width >= mark.len() + 3 => {
            format!("{} {mark}", fit(name, width - mark.len() - 1))
        }
        Some(mark) => fit(&format!("{name} {mark}"), width),
        None => fit(name, width),
    }
}

/// The most of a judge's note the side pane takes: more than its rows can show. The rest is
/// cut before the note is cleaned and wrapped, as they are every frame: one judge's note of
/// 400,000 characters had held the screen for minutes.
const NOTE_SHOWN: usize = 2_000;

/// A judge's note in quotes, cut at [`NOTE_SHOWN`] characters with where it is read whole (its
/// length is not counted: that too would read all of it every frame).
fn note_shown(note: &str, id: &str, opened_with: &crate::paste::CommandLine) -> String {
    match note.char_indices().nth(NOTE_SHOWN) {
        None => format!("  “{}”", screen_line(note)),
        Some((cut, _)) => format!(
            "  “{}…” (longer than the pane: `{}` prints it whole)",
            screen_line(&note[..cut]),
            opened_with.clone().opt("--entry", id)
        ),
    }
}

/// The keys of [`KEYS`] that act on this board: `F` only with a finals round, `d` only where a
/// prize pays places in a ranking (elsewhere a tie decides nothing and `d` only says so), `w`
/// only where the merge gave warnings.
fn keys(board: &Board) -> Vec<&'static (&'static str, &'static str)> {
    KEYS.iter()
        .filter(|(k, _)| board.has_finals || *k != "F")
        .filter(|(k, _)| !board.rankings.warnings.is_empty() || *k != "w")
        .filter(|(k, _)| !board.prizes.is_empty() || !k.starts_with("d "))
        .collect()
}

impl Board<'_> {
    /// What a screen too small says: how small, the keys it takes, and the keys refused since
    /// the last that acted ([`crate::tui::small`]); the help over it, once asked for.
    fn draw_too_small(&self, area: Rect, buf: &mut Buffer) {
        let size = format!(
            "The head judge's screen needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        );
        let what = if self.settle.is_some() {
            "Enlarge it to go on settling the tie, or press Esc to leave it: nothing is recorded."
        } else {
            "Enlarge it, or press q to quit. ? shows the keys."
        };
        let mut said = format!("{size} {what}");
        if let Some(refused) = self.refused.said(self.settle.is_some()) {
            said = format!("{said}\n{refused}");
        }
        Paragraph::new(wrap(&said, usize::from(area.width)).into_iter().map(Line::from).collect::<Vec<_>>())
            .render(area, buf);
        if self.help {
            help(area, buf, self);
        }
    }
}

/// The keys and flags, each meaning wrapped beside its key; on a screen too short for all, the
/// last line says how many are left out.
fn help(area: Rect, buf: &mut Buffer, board: &Board) {
    let width = area.width.min(80);
    let room = usize::from(width.saturating_sub(2));
    let keys = keys(board).len();
    let items: Vec<Vec<Line>> = help_lines(board)
        .iter()
        .enumerate()
        .map(|(k, (head, what))| {
            let style = if k < keys { Style::new() } else { Style::new().dark_gray() };
            hanging(&format!(" {}", pad(head, 16)), what, room)
                .into_iter()
                .map(|l| Line::from(l).style(style))
                .collect()
        })
        .collect();
    let (lines, _) = fitting::items(&items, usize::from(area.height.saturating_sub(2)), |n| {
        Line::from(format!(" and {n} more: enlarge the terminal to see them")).dark_gray()
    });
    let boxed = centred(area, width, u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2), buf);
    Paragraph::new(lines).block(Block::bordered().title(crate::tui::keys::help_title())).render(boxed, buf);
}

/// The most columns of a ranking's name its tab shows: a long track name leaves room for others.
const TAB_NAME: usize = 24;

/// Which tabs show on a line of `room` columns, as a range: all when they fit; else from the
/// first as far as the line holds while that reaches the selected one, else up to the selected
/// one from as far back as the line holds. Room is kept for the marks saying how many more
/// lie to each side.
pub(super) fn tabs_in_sight(labels: &[String], selected: usize, room: usize) -> (usize, usize) {
    let width = |from: usize, to: usize| {
        let marks = if from > 0 { fitting::width(&format!("← {from} more  ")) } else { 0 }
            + if to < labels.len() { fitting::width(&format!(" {} more →", labels.len() - to)) } else { 0 };
        1 + labels[from..to].iter().map(|l| fitting::width(l) + 1).sum::<usize>() + marks
    };
    let selected = selected.min(labels.len().saturating_sub(1));
    if labels.is_empty() || width(0, labels.len()) <= room {
        return (0, labels.len());
    }
    let mut to = 0;
    while to < labels.len() && width(0, to + 1) <= room {
        to += 1;
    }
    if to > selected {
        return (0, to);
    }
    let mut from = selected;
    while from > 0 && width(from - 1, selected + 1) <= room {
        from -= 1;
    }
    (from, selected + 1)
}

/// The warnings' box: as wide as the screen up to 80 columns, between the header and the footer.
fn warnings_area(area: Rect) -> Rect {
    let width = area.width.min(80);
    Rect::new(area.x + (area.width - width) / 2, area.y + 1, width, area.height.saturating_sub(2))
}

impl Board<'_> {
    /// How many warnings the merge gave, and the key that shows them, for the header: `None`
    /// when it gave none.
    pub fn warnings_counted(&self) -> Option<String> {
        let n = self.rankings.warnings.len();
        (n > 0).then(|| format!("{} (w)", crate::format::count(n, "warning", "warnings")))
    }

    /// The warnings' box's title: the printed merge's heading.
    fn warnings_title(&self) -> String {
        format!(" Warnings ({}): {} ", self.rankings.warnings.len(), crate::report::results::WEIGH_THESE)
    }

    /// Every warning cleaned and wrapped to `room` columns, each after a dash as the printed merge
    /// lists them.
    fn warnings_lines(&self, room: usize) -> Vec<String> {
        self.rankings.warnings.iter().flat_map(|w| hanging(" - ", &screen_line(w), room)).collect()
    }

    /// The warnings' lines in a box on a `width`×`height` screen, and how many rows of it show.
    fn warnings_in_box(&self, width: u16, height: u16) -> (Vec<String>, usize) {
        let boxed = warnings_area(Rect::new(0, 0, width, height));
        let lines = self.warnings_lines(usize::from(boxed.width.saturating_sub(2)));
        (lines, warnings_rows(width, height))
    }

    /// How many lines of the warnings the box cannot show at once, on a `width`×`height` screen:
    /// the furthest they scroll.
    pub(super) fn warnings_hidden(&self, width: u16, height: u16) -> usize {
        let (lines, rows) = self.warnings_in_box(width, height);
        lines.len().saturating_sub(rows)
    }

    /// The merge's warnings over the screen, scrolled to [`Board::warnings_from`]; where not all
    /// fit, the bottom edge says which lines show and how to see the rest.
    fn warnings_box(&self, area: Rect, buf: &mut Buffer) {
        let (lines, rows) = self.warnings_in_box(area.width, area.height);
        let from = self.warnings_from.min(lines.len().saturating_sub(rows));
        let shown: Vec<Line> = lines.iter().skip(from).take(rows).map(|l| Line::from(l.clone())).collect();
        let boxed = warnings_area(area);
        let boxed = Rect { height: u16::try_from(shown.len() + 2).unwrap_or(boxed.height).min(boxed.height), ..boxed };
        Clear.render(boxed, buf);
        let mut block = Block::bordered().title(self.warnings_title()).border_style(Style::new().yellow());
        if lines.len() > rows {
            block = block.title_bottom(format!(
                " lines {}–{} of {} · ↑/↓ PgUp/PgDn scroll ",
                from + 1,
                from + shown.len(),
                lines.len()
            ));
        }
        Paragraph::new(shown).block(block).render(boxed, buf);
    }
}

impl Board<'_> {
    /// The finals view's lines on a `width`×`height` screen, and how many rows of its pane show.
    fn finals_pane(&self, width: u16, height: u16) -> (Vec<Line<'static>>, usize) {
        let body = self.areas(Rect::new(0, 0, width, height)).body;
        let lines = self.finals_lines(usize::from(body.width.saturating_sub(2)));
        (lines, usize::from(body.height.saturating_sub(2)).max(1))
    }

    /// How many lines of the finals view its pane cannot show at once: the furthest it scrolls.
    pub(super) fn finals_hidden(&self, width: u16, height: u16) -> usize {
        let (lines, rows) = self.finals_pane(width, height);
        lines.len().saturating_sub(rows)
    }
}

/// How many rows of the finals view its pane shows at once on a `width`×`height` screen: a page,
/// for PgDn and PgUp.
pub(super) fn finals_rows(board: &Board, width: u16, height: u16) -> usize {
    board.finals_pane(width, height).1
}

/// How many lines of the warnings their box shows at once on a `width`×`height` screen: a page,
/// for PgDn and PgUp too.
pub(super) fn warnings_rows(width: u16, height: u16) -> usize {
    usize::from(warnings_area(Rect::new(0, 0, width, height)).height.saturating_sub(2)).max(1)
}
