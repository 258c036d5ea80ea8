//! Drawing the judge's screen: a pure function of the app's state.
//!
//! Every string from the export or the store passes through `sanitize::clean_*` on its way here.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, TableState, Widget, Wrap};

use super::app::{App, Entry, Mode};
use super::keys::{KEYS, footer_keys};
use super::layout::{MIN_HEIGHT, MIN_WIDTH, areas, columns, pad};
use crate::format::fit;
use crate::model::{Criterion, HubFacts, Status, TextPart, format_params};
use crate::prizes::eligibility::{self, Evidence, Size};
use crate::sanitize::{clean_block, clean_line};

/// The note editor's and the recusal reason's boxes: columns and lines of text.
const NOTE_BOX: (u16, u16) = (70, 12);
const REASON_BOX: (u16, u16) = (60, 1);

impl App {
    /// The open text box: its editor, the rectangle it is drawn in, and its title.
    fn text_box(&self, area: Rect) -> Option<(&ratatui_textarea::TextArea<'static>, Rect, &'static str)> {
        let (editor, (width, lines), title) = match &self.mode {
            Mode::Note(note) if !note.team => {
                (&note.editor, NOTE_BOX, " Note for the jury only: saved as you type · Esc closes ")
            }
            Mode::Note(note) => {
                (&note.editor, NOTE_BOX, " Note for the team: they may read it · saved as you type · Esc closes ")
            }
            Mode::Recuse(recusal) => (&recusal.editor, REASON_BOX, " Recuse: why? · Enter recuses · Esc cancels "),
            _ => return None,
        };
        Some((editor, centered(area, width, lines + 2), title))
    }

    /// Where the terminal's own cursor goes: at the caret of the open text box, so the judge sees
    /// where typing lands. Read after drawing, which records the box's scroll.
    pub fn caret(&self, area: Rect) -> Option<ratatui::layout::Position> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let (editor, rect, _) = self.text_box(area)?;
        let inner = Block::bordered().inner(rect);
        let (cursor, (top, left)) = (editor.screen_cursor(), editor.scroll_offset());
        let row = u16::try_from(cursor.row.saturating_sub(usize::from(top))).ok()?.min(inner.height.saturating_sub(1));
        let col = u16::try_from(cursor.col.saturating_sub(usize::from(left))).ok()?.min(inner.width.saturating_sub(1));
        Some(ratatui::layout::Position { x: inner.x + col, y: inner.y + row })
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        let [header, table, bottom, footer] = areas(area, self.longest_rubric());
        let [detail, scoring] =
            bottom.layout(&Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]));
        self.header(header, buf);
        self.table(table, buf);
        self.detail(detail, buf);
        self.scoring(scoring, buf);
        self.footer(footer, buf);
        match &self.mode {
            Mode::Help => help(area, buf),
            Mode::Note(_) | Mode::Recuse(_) => {
                if let Some((editor, rect, title)) = self.text_box(area) {
                    popup(rect, buf, title, editor);
                }
            }
            Mode::Search(_) | Mode::Browse => {}
        }
        if self.monochrome {
            super::monochrome(buf);
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let message = format!(
        "judging needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.\nPlease enlarge it, or press q to quit. Nothing is lost.",
        area.width, area.height
    );
    let height = 2.min(area.height);
    let middle = Rect { y: area.y + area.height.saturating_sub(height) / 2, height, ..area };
    Paragraph::new(message).alignment(Alignment::Center).wrap(Wrap { trim: true }).render(middle, buf);
}

impl App {
    fn header(&self, area: Rect, buf: &mut Buffer) {
        let mut filters = Vec::new();
        let list = &self.list;
        if let Some(t) = &list.track {
            filters.push(format!("track {t}"));
        }
        if list.unscored_only {
            filters.push("unscored".into());
        }
        if list.mine_only {
            filters.push("assigned to me".into());
        }
        if !list.query.is_empty() {
            filters.push(format!("\"{}\"", clean_line(&list.query)));
        }
        let shown = if filters.is_empty() { String::new() } else { format!(" · showing {}", filters.join(", ")) };
        Line::from(vec![
            Span::from(" judging ").bold().reversed(),
            Span::from(format!(" {} ", clean_line(&self.config.event.name))).bold(),
            Span::from(format!("· judge {}{shown} · sorted by {}", clean_line(&self.judge), list.sort.label())),
        ])
        .render(area, buf);
    }

    fn table(&self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered().title(format!(" Submissions ({}) ", self.list.rows().len()));
        let inner_rows = usize::from(area.height.saturating_sub(3)).max(1);
        if self.list.rows().is_empty() {
            let message = if self.entries.is_empty() {
                "No submissions yet. Quit and run `judging pull`, or check export.source in judging.toml."
            } else {
                "Nothing matches. Press f, U, a or / to change what is shown."
            };
            Paragraph::new(message).block(block).wrap(Wrap { trim: true }).render(area, buf);
            return;
        }
        // Only the rows in sight are built: the list may hold ten thousand entries. The app keeps
        // the selection in sight; this only guards a frame drawn before a resize reached it.
        let selected = self.selected();
        let offset = self.list.offset().min(selected);
        let offset = if selected >= offset + inner_rows { selected + 1 - inner_rows } else { offset };
        let rows = self.list.rows().iter().skip(offset).take(inner_rows).map(|i| self.row(&self.entries[*i]));
        let widths = [
            Constraint::Length(11),
            Constraint::Length(9),
            Constraint::Fill(1),
            Constraint::Length(20),
            Constraint::Length(5),
        ];
        let header = Row::new(["STATUS", "TRACK", "TITLE", "TEAM", "TOTAL"]).style(Style::new().bold());
        let table = Table::new(rows, widths)
            .header(header)
            .block(block)
            .row_highlight_style(Style::new().reversed())
            .highlight_symbol("▶ ");
        let mut state = TableState::new().with_selected(Some(selected - offset));
        ratatui::widgets::StatefulWidget::render(table, area, buf, &mut state);
    }

    fn row(&self, entry: &Entry) -> Row<'static> {
        let s = &entry.submission;
        let status = self.status_of(entry);
        let colour = match status {
            Status::Scored => Color::Green,
            Status::Partial => Color::Yellow,
            Status::Withdrawn | Status::Recused => Color::DarkGray,
            Status::NotStarted => Color::Reset,
        };
        let total = self.total_of(&s.id).map(|t| format!("{t:.2}")).unwrap_or_default();
        Row::new([
            Cell::from(status.label()).style(Style::new().fg(colour)),
            Cell::from(s.track.clone().unwrap_or_default()),
            Cell::from(clean_line(&s.title)),
            Cell::from(clean_line(&s.team)),
            Cell::from(total),
        ])
    }

    fn detail(&self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered().title(" Entry ");
        let Some(entry) = self.current() else {
            block.render(area, buf);
            return;
        };
        let s = &entry.submission;
        let mut lines = vec![Line::from(clean_line(&s.title)).bold()];
        if !s.team.is_empty() || !s.members.is_empty() {
            let members = s.members.iter().map(|m| clean_line(m)).collect::<Vec<_>>().join(", ");
            lines.push(Line::from(format!("{} · {members}", clean_line(&s.team))));
        }
        let link = |key: &str, what: &str, url: Option<&str>| match url {
            Some(u) => Line::from(vec![Span::from(format!("[{key}] {what} ")).bold(), Span::from(short_link(u))]),
            None => Line::from(format!("[{key}] {what} —")).dark_gray(),
        };
        let space = s.space_id.as_ref().map(|id| format!("hf.co/spaces/{id}"));
        lines.push(link("o", "Space", Some(space.as_deref().unwrap_or(&s.space_url))));
        lines.push(link("v", "Video", s.video_url.as_deref()));
        lines.push(link("p", "Post ", s.post_url.as_deref()));
        let badges: Vec<String> = s.badges().map(clean_line).collect();
        let sponsors: Vec<String> = s.sponsors().map(clean_line).collect();
        let mut facts = vec![format!("track {}", s.track.as_deref().unwrap_or("—"))];
        if !badges.is_empty() {
            facts.push(format!("badges {}", badges.join(" ")));
        }
        if !sponsors.is_empty() {
            facts.push(format!("sponsors {}", sponsors.join(" ")));
        }
        lines.push(Line::from(facts.join(" · ")));
        if !s.models.is_empty() || s.declared_params.is_some() {
            let models = s.models.iter().map(|m| clean_line(m)).collect::<Vec<_>>().join(", ");
            let params = s.declared_params.map(|p| format!(" ({} declared)", format_params(p))).unwrap_or_default();
            lines.push(Line::from(format!("models {models}{params}")));
        }
        let facts = self.hub.get(&s.id);
        // The event's rules, as the prize results apply them: the Hub's word where it has one.
        let evidence = Evidence::of(s, facts.map(|(f, _)| f));
        if let Some((f, at)) = facts {
            let size = evidence.size_against(self.config.tiny_titan_limit());
            lines.push(Line::from(hub_hint(f, at, size, self.now_unix)).cyan());
            // Spaces keep changing after the deadline: what this judge sees may not be what was
            // entered.
            if let Some(changed) = f.changed_at.as_deref().filter(|c| self.config.event.after_deadline(c)) {
                lines.push(
                    Line::from(format!("changed on the Hub after the deadline ({})", clean_line(changed))).yellow(),
                );
            }
        }
        let mut warnings = eligibility::warnings(s, &evidence, &self.config.rules);
        if entry.withdrawn {
            warnings.insert(0, "withdrawn from the export".into());
        }
        if let Some(reason) = self.sheet().text(TextPart::Recusal, &s.id) {
            warnings.insert(0, format!("recused: {}", clean_line(reason)));
        }
        if !warnings.is_empty() {
            lines.push(Line::from(format!("⚠ {}", warnings.join(" · "))).yellow());
        }
        lines.push(Line::default());
        lines.extend(Text::from(clean_block(&s.description)).lines);
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).render(area, buf);
    }

    /// Every criterion on a line of its own, the focused one's levels under it (the chosen one
    /// marked, and the stopwatch's suggestion for a timed criterion), the total and the note. A
    /// rubric too long for the pane scrolls to the focused criterion.
    fn scoring(&self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered().title(" Scores ");
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(entry) = self.current() else { return };
        let id = &entry.submission.id;
        let width = usize::from(inner.width);
        let line = |text: String| fit(&text, width);
        let mut lines: Vec<Line> = Vec::new();
        let mut focused_rows = 0..0;
        // Labels padded to the longest of this rubric (up to 20), so the scores line up.
        let label_w = self.criteria().iter().map(|c| columns(&clean_line(&c.label))).max().unwrap_or(0).clamp(9, 20);
        for (i, c) in self.criteria().iter().enumerate() {
            let focused = i == self.focus;
            let value = self.sheet().score(id, &c.id);
            let shown = value.map_or("·".to_owned(), |v| v.to_string());
            let marker = if focused { "▶ " } else { "  " };
            let timing = if c.timed() || (c.id == "latency" && !self.criteria().iter().any(Criterion::timed)) {
                self.stopwatch_hint(id)
            } else {
                String::new()
            };
            let head = format!(
                "{marker}{} [{shown}] {}–{} ×{}{timing}",
                pad(&fit(&clean_line(&c.label), label_w), label_w),
                c.scale.low,
                c.scale.high,
                c.weight
            );
            let style = if focused {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                Style::new().bold()
            };
            let start = lines.len();
            lines.push(Line::from(line(head)).style(style));
            if focused {
                let suggested = self.sheet().median_seconds(id).and_then(|s| c.suggest(s));
                for (i, level) in c.levels.iter().enumerate() {
                    let Some([from, to]) = c.level_span(i) else { continue };
                    let holds = |v: Option<u8>| v.is_some_and(|v| (from..=to).contains(&v));
                    let chosen = holds(value);
                    let mark = if chosen { "●" } else { " " };
                    let hint = if holds(suggested) { " ⏱" } else { "" };
                    let values = if from == to { from.to_string() } else { format!("{from}–{to}") };
                    let text = line(format!("  {mark}{values} {}{hint}", clean_line(&level.meaning)));
                    lines.push(if chosen { Line::from(text).bold() } else { Line::from(text).dark_gray() });
                }
                if let Some(typed) = &self.typing.digits {
                    let text = format!("  typing {typed}▏ · Enter saves · Backspace · Esc leaves it");
                    lines.push(Line::from(line(text)).reversed());
                }
                focused_rows = start..lines.len();
            }
        }
        let total = match self.total_of(id) {
            Some(t) => format!("Total {t:.2}"),
            None => format!(
                "Total — ({} of {} scored)",
                self.sheet().scored_count(id, self.criteria()),
                self.criteria().len()
            ),
        };
        lines.push(Line::from(line(total)).bold());
        for (label, part) in [("Jury: ", TextPart::Note), ("Team: ", TextPart::TeamNote)] {
            let note = self.sheet().text(part, id);
            let Some(note) = note else { continue };
            // The note as written: its line breaks kept.
            for (k, text) in clean_block(note).lines().enumerate() {
                let text = if k == 0 { format!("{label}{text}") } else { format!("      {text}") };
                lines.push(Line::from(line(text)).italic());
            }
        }
        // Scrolled only as far as the focused criterion and its levels need.
        let height = usize::from(inner.height);
        let offset = focused_rows.end.saturating_sub(height).min(focused_rows.start);
        Paragraph::new(lines.into_iter().skip(offset).take(height).collect::<Vec<_>>()).render(inner, buf);
    }

    /// Seconds on the stopwatch since `since`, by the app's clock.
    fn seconds_since(&self, since: std::time::Instant) -> f64 {
        self.now.saturating_duration_since(since).as_secs_f64()
    }

    /// The running stopwatch on this entry, else the median of its readings and how many.
    fn stopwatch_hint(&self, id: &str) -> String {
        match (&self.stopwatch, self.sheet().median_seconds(id)) {
            (Some((running, since)), _) if running == id => format!(" ⏱ {:.1} s…", self.seconds_since(*since)),
            (_, Some(median)) => match self.sheet().readings.get(id).map_or(0, Vec::len) {
                1 => format!(" ⏱ {median:.1} s"),
                n => format!(" ⏱ {median:.1} s, median of {n}"),
            },
            _ => String::new(),
        }
    }

    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let [first, second] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(1)]));
        let (done, open) = self.progress();
        let mut spans = vec![Span::from(format!(" {done} of {open} scored ")).reversed()];
        // Partly scored entries do not count in the merge: named here until they are finished.
        let (partial, ids) = self.partly_scored(3);
        if partial > 0 {
            let more = if partial > ids.len() { ", …" } else { "" };
            let ids: Vec<String> = ids.iter().map(|id| clean_line(id)).collect();
            spans.push(Span::from(format!(" {partial} partly scored: {}{more} ", ids.join(", "))).yellow());
        }
        if self.config.sync.repo().is_some() {
            let pushed = self.last_pushed.as_deref().map_or("not pushed yet · P pushes".to_owned(), |at| {
                format!("pushed {}", crate::format::age(at, self.now_unix))
            });
            spans.push(Span::from(format!(" {pushed} ")).dark_gray());
        }
        if let Some((id, since)) = &self.stopwatch {
            spans.push(Span::from(format!(" ⏱ {:.1} s on {} ", self.seconds_since(*since), clean_line(id))).cyan());
        }
        if let Mode::Search(search) = &self.mode {
            spans.push(Span::from(format!(" /{}", search.query())).bold());
        } else if !self.status.is_empty() {
            spans.push(Span::from(format!(" {}", clean_line(&self.status))));
        }
        Line::from(spans).render(first, buf);
        Line::from(footer_keys(self)).dark_gray().render(second, buf);
    }
}

/// What the Hub says, as hints for latency (stage, hardware) and cost (price, model size), and
/// where the entry stands against Tiny Titan's limit as the prize decides it (`size`).
pub(super) fn hub_hint(f: &HubFacts, fetched_at: &str, size: Size, now: i64) -> String {
    let hardware = f.hardware.as_deref().map_or_else(|| "no hardware".into(), clean_line);
    // A price from the built-in table, when the Hub's list could not be had, is an estimate.
    let estimate = if f.price_from == "built-in" { " (est.)" } else { "" };
    let price = match f.price_per_hour {
        Some(0.0) => " free".to_owned(),
        Some(p) => format!(" ${p:.2}/h{estimate}"),
        None => String::new(),
    };
    let params = match (f.params, &f.params_uncertain) {
        (Some(p), None) => format!("{} params", format_params(p)),
        (Some(p), Some(_)) => format!("~{} params (uncertain)", format_params(p)),
        (None, _) => "params unknown".into(),
    };
    // Without the Hub's count, the prize reads the entrants' declared one: so does the hint.
    let tiny = match (size, f.params) {
        (Size::Within, Some(_)) => " · Tiny Titan size",
        (Size::Within, None) => " · Tiny Titan size by the declared count",
        (Size::Over | Size::Unknown, _) => "",
    };
    format!("Hub: {} on {hardware}{price} · {params}{tiny} · {}", f.stage, crate::format::age(fetched_at, now))
}

/// A link without its scheme and `www.`, as people read them.
fn short_link(url: &str) -> String {
    let bare = url.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.");
    clean_line(bare)
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

fn popup(rect: Rect, buf: &mut Buffer, title: &str, editor: &ratatui_textarea::TextArea) {
    Clear.render(rect, buf);
    let block = Block::bordered().title(title.to_owned()).border_style(Style::new().cyan());
    let inner = block.inner(rect);
    block.render(rect, buf);
    editor.render(inner, buf);
}

fn help(area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 76, u16::try_from(KEYS.len()).unwrap_or(u16::MAX).saturating_add(4));
    Clear.render(rect, buf);
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(keys, what)| Line::from(vec![Span::from(format!(" {keys:<18}")).bold(), Span::from(*what)]))
        .collect();
    Paragraph::new(lines)
        .block(Block::new().borders(Borders::ALL).title(" Keys · any key closes ").border_style(Style::new().cyan()))
        .render(rect, buf);
}
