//! The head judge's screen: `judging merge --tui`.
//!
//! The merged rankings per track, each judge's score distribution as bars (a lenient judge's
//! bars lean right), and what the jury must deliberate: ties, contested and thinly judged
//! entries. Read-only: nothing here changes a file or the store.

use std::time::Duration;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Widget, Wrap};

use super::view::{MIN_HEIGHT, MIN_WIDTH};
use crate::format::{bars, fit, mean};
use crate::rankings::{Flag, Ranked, Rankings};
use crate::sanitize::clean_line;

/// What the head judge is looking at.
pub struct Board<'r> {
    pub rankings: &'r Rankings,
    pub event: String,
    /// Which ranking: 0 is overall, then each track.
    pub tab: usize,
    pub selected: usize,
    /// The first judge in sight: forty judges do not fit beside the rankings.
    pub judge_offset: usize,
    /// `NO_COLOR`, read once when the screen starts.
    pub monochrome: bool,
    pub quit: bool,
}

/// What a key asks of the head judge's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardAction {
    /// The next (1) or previous (-1) ranking: overall, then each track.
    Tab(isize),
    /// Moves the selected entry by this many rows.
    Move(isize),
    First,
    Last,
    /// Scrolls the judges by one.
    Judges(isize),
    Quit,
}

/// The action a key asks for, if any.
pub fn handle_key(key: KeyEvent) -> Option<BoardAction> {
    let action = match key.code {
        KeyCode::Char('q') | KeyCode::Esc => BoardAction::Quit,
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => BoardAction::Quit,
        KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => BoardAction::Tab(1),
        KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => BoardAction::Tab(-1),
        KeyCode::Down | KeyCode::Char('j') => BoardAction::Move(1),
        KeyCode::Up | KeyCode::Char('k') => BoardAction::Move(-1),
        KeyCode::PageDown => BoardAction::Move(10),
        KeyCode::PageUp => BoardAction::Move(-10),
        KeyCode::Home | KeyCode::Char('g') => BoardAction::First,
        KeyCode::End | KeyCode::Char('G') => BoardAction::Last,
        KeyCode::Char('J') => BoardAction::Judges(1),
        KeyCode::Char('K') => BoardAction::Judges(-1),
        _ => return None,
    };
    Some(action)
}

impl<'r> Board<'r> {
    pub fn new(rankings: &'r Rankings, event: &str) -> Self {
        Board {
            rankings,
            event: clean_line(event),
            tab: 0,
            selected: 0,
            judge_offset: 0,
            monochrome: false,
            quit: false,
        }
    }

    fn ranked(&self) -> &[Ranked] {
        self.rankings.rankings.get(self.tab).map_or(&[], |(_, r)| r.as_slice())
    }

    /// Applies one action.
    pub fn update(&mut self, action: BoardAction) {
        let last = self.ranked().len().saturating_sub(1);
        match action {
            BoardAction::Quit => self.quit = true,
            BoardAction::Tab(step) => {
                let tabs = self.rankings.rankings.len().max(1);
                self.tab = (self.tab + tabs).saturating_add_signed(step) % tabs;
                self.selected = 0;
            }
            BoardAction::Move(step) => self.selected = self.selected.saturating_add_signed(step).min(last),
            BoardAction::First => self.selected = 0,
            BoardAction::Last => self.selected = last,
            BoardAction::Judges(step) => {
                let most = self.rankings.judges.len().saturating_sub(1);
                self.judge_offset = self.judge_offset.saturating_add_signed(step).min(most);
            }
        }
    }

    /// Handles a key as the running screen does: for tests and the loop alike.
    pub fn key(&mut self, key: KeyEvent) {
        if let Some(action) = handle_key(key) {
            self.update(action);
        }
    }
}

impl Widget for &Board<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Paragraph::new(format!(
                "The head judge's screen needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Enlarge it, or press q.",
                area.width, area.height
            ))
            .wrap(Wrap { trim: true })
            .render(area, buf);
            return;
        }
        let [header, tabs, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        let side_width = (area.width * 2 / 5).min(44);
        let [table, side] = body.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)]));
        let [judges, deliberate] = side.layout(&Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]));
        let r = self.rankings;
        let breaks = if r.tie_breaks.is_empty() { "none".to_owned() } else { r.tie_breaks.join(", then ") };
        Line::from(vec![
            Span::from(" judging ").bold().reversed(),
            Span::from(format!(" {} ", self.event)).bold(),
            Span::from(format!("· rankings by the {} method · tie-breaks: {breaks}", r.method)),
        ])
        .render(header, buf);
        self.tabs(tabs, buf);
        self.table(table, buf);
        self.judges(judges, buf);
        self.deliberate(deliberate, buf);
        Line::from(" ←/→ ranking  ↑/↓ entry  g/G first/last  J/K judges  q quit").dark_gray().render(footer, buf);
        if self.monochrome {
            super::monochrome(buf);
        }
    }
}

impl Board<'_> {
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
        let criteria = &self.rankings.criteria;
        let in_sight: Vec<&Ranked> = ranked.iter().skip(offset).take(rows_in_sight).collect();
        // Every column is as wide as its widest value, so a number shows whole or not at all; the
        // criteria and the spread are left out, last first, when the entry's title would get
        // fewer than 12 columns, and the title takes what is left.
        let text = |e: &Ranked| {
            let flags = e.flags.iter().map(|f| f.label()).collect::<Vec<_>>().join(" ");
            let by: Vec<String> = e.by_criterion.iter().map(|v| mean(*v, 1)).collect();
            (e.place.to_string(), format!("{:.2}", e.score), by, e.judges.to_string(), format!("{:.2}", e.gap), flags)
        };
        let cells: Vec<_> = in_sight.iter().map(|e| text(e)).collect();
        let widest = |header: &str, of: &dyn Fn(&Cells) -> usize| {
            cells.iter().map(of).max().unwrap_or(0).max(header.chars().count())
        };
        let place_w = widest("#", &|c| c.0.len());
        let score_w = widest("SCORE", &|c| c.1.len());
        let judges_w = widest("J", &|c| c.3.len());
        let spread_w = widest("GAP", &|c| c.4.len());
        let flags_w = widest("FLAGS", &|c| c.5.len());
        let crit_w: Vec<usize> =
            (0..criteria.len()).map(|k| widest("    ", &|c| c.2.get(k).map_or(0, String::len))).collect();
        // Room inside the borders and the selection mark, one space between columns.
        let room = usize::from(area.width.saturating_sub(4));
        let fixed = place_w + score_w + judges_w + flags_w + 4;
        let mut shown_criteria = criteria.len();
        let mut show_spread = true;
        let used = |n: usize, spread: bool| {
            fixed + crit_w.iter().take(n).map(|w| w + 1).sum::<usize>() + if spread { spread_w + 1 } else { 0 }
        };
        while used(shown_criteria, show_spread) + 12 > room && (shown_criteria > 0 || show_spread) {
            if shown_criteria > 0 {
                shown_criteria -= 1;
            } else {
                show_spread = false;
            }
        }
        let as_u16 = |w: usize| u16::try_from(w).unwrap_or(u16::MAX);
        let rows = in_sight.iter().zip(&cells).map(|(e, c)| {
            let mut row = vec![c.0.clone(), clean_line(&e.title), c.1.clone()];
            row.extend(c.2.iter().take(shown_criteria).cloned());
            row.push(c.3.clone());
            if show_spread {
                row.push(c.4.clone());
            }
            row.push(c.5.clone());
            let colour = if e.has(Flag::Tie) {
                Color::Yellow
            } else if e.has(Flag::Contested) {
                Color::Red
            } else {
                Color::Reset
            };
            Row::new(row).style(Style::new().fg(colour))
        });
        let mut widths =
            vec![Constraint::Length(as_u16(place_w)), Constraint::Min(12), Constraint::Length(as_u16(score_w))];
        widths.extend(crit_w.iter().take(shown_criteria).map(|w| Constraint::Length(as_u16(*w))));
        widths.push(Constraint::Length(as_u16(judges_w)));
        if show_spread {
            widths.push(Constraint::Length(as_u16(spread_w)));
        }
        widths.push(Constraint::Length(as_u16(flags_w)));
        let mut header = vec!["#".to_owned(), "ENTRY".into(), "SCORE".into()];
        header.extend(criteria.iter().zip(&crit_w).take(shown_criteria).map(|(c, w)| fit(&c.to_uppercase(), *w)));
        header.push("J".into());
        if show_spread {
            header.push("GAP".into());
        }
        header.push("FLAGS".into());
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(Style::new().bold()))
            .block(block)
            .row_highlight_style(Style::new().reversed())
            .highlight_symbol("▶ ");
        let mut state = TableState::new().with_selected(Some(self.selected - offset));
        ratatui::widgets::StatefulWidget::render(table, area, buf, &mut state);
    }

    /// One line per judge: their totals' distribution over the scale as bars, then their leniency.
    fn judges(&self, area: Rect, buf: &mut Buffer) {
        let r = self.rankings;
        let high = r.scale_high();
        // Kendall's W where judges saw the same entries, else the mean over overlapping pairs.
        let w = r.concordance.first().map(|c| c.w).or(r.pairwise.as_ref().map(|p| p.w));
        let w = w.map(|w| format!(" · agreement W {w:.2} of 1")).unwrap_or_default();
        let block = Block::bordered().title(format!(" Judges ({}): scores {}→{high}{w} ", r.judges.len(), r.scale_low));
        // When not all fit, the last line in sight says what is out of sight, and how to see it.
        let in_sight = area.height.saturating_sub(2) as usize;
        let rows = if r.judges.len() > in_sight { in_sight.saturating_sub(1) } else { in_sight };
        let offset = self.judge_offset.min(r.judges.len().saturating_sub(rows));
        let mut lines: Vec<Line> = r
            .judges
            .iter()
            .skip(offset)
            .take(rows)
            .map(|j| {
                Line::from(vec![
                    Span::from(format!("{:<12} ", fit(&clean_line(&j.judge), 12))),
                    Span::from(bars(&j.histogram)).cyan(),
                    Span::from(format!(
                        " {:>6} {}",
                        format!("{}{:+.2}", if j.few() { "~" } else { "" }, j.leniency),
                        j.leaning()
                    )),
                ])
            })
            .collect();
        if rows < r.judges.len() {
            let below = r.judges.len() - offset - lines.len();
            lines.push(Line::from(format!("{offset} above, {below} below · J/K scroll")).dark_gray());
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }

    /// The selected entry, then what the jury must settle in this ranking.
    fn deliberate(&self, area: Rect, buf: &mut Buffer) {
        let ranked = self.ranked();
        let mut lines: Vec<Line> = Vec::new();
        if let Some(e) = ranked.get(self.selected) {
            lines.push(Line::from(format!("#{} {}", e.place, clean_line(&e.title))).bold());
            let parts: Vec<String> = self
                .rankings
                .criteria
                .iter()
                .zip(&e.by_criterion)
                .map(|(c, v)| format!("{c} {}", mean(*v, 2)))
                .collect();
            lines.push(Line::from(format!("{} · {} judges", parts.join(" · "), e.judges)));
            if let Some(d) = self.rankings.disagreements.iter().find(|d| d.id == e.id) {
                lines.push(Line::from(format!(
                    "lowest {} {:.2}, highest {} {:.2}",
                    clean_line(&d.lowest.0),
                    d.lowest.1,
                    clean_line(&d.highest.0),
                    d.highest.1
                )));
            }
            if let Some(k) = &e.tie_break {
                lines.push(Line::from(format!("place set by the tie-break on {k}")).yellow());
            }
        }
        lines.push(Line::from(""));
        for (place, group) in tie_groups(ranked) {
            let names: Vec<String> = group.iter().map(|e| fit(&clean_line(&e.title), 16)).collect();
            lines.push(Line::from(format!("tie at #{place}: {}", names.join(" = "))).yellow());
        }
        let count = |flag: Flag| ranked.iter().filter(|e| e.has(flag)).count();
        for flag in [Flag::Contested, Flag::Thin] {
            let n = count(flag);
            if n > 0 {
                let first: Vec<String> = ranked
                    .iter()
                    .filter(|e| e.has(flag))
                    .take(3)
                    .map(|e| format!("#{} {}", e.place, fit(&clean_line(&e.title), 14)))
                    .collect();
                lines.push(Line::from(format!("{n} {flag} ({}): {}", flag.meaning(), first.join(", "))));
            }
        }
        if lines.len() <= 5 && count(Flag::Tie) == 0 {
            lines.push(Line::from("No ties, no contested or thin entries.").green());
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" To deliberate "))
            .render(area, buf);
    }
}

/// One ranked entry's cells: place, score, a mean per criterion, judges, spread, flags.
type Cells = (String, String, Vec<String>, String, String, String);

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

/// Shows the board until the head judge quits; the terminal is restored whatever happens.
pub fn run(rankings: &Rankings, config: &crate::config::Config) -> Result<()> {
    let mut board = Board::new(rankings, &config.event.name);
    board.monochrome = super::no_color();
    super::terminal::full_screen("the head judge's screen", |terminal, input| {
        while !board.quit {
            terminal.draw(|frame| frame.render_widget(&board, frame.area()))?;
            // A signal, or a terminal gone: there is nothing to save on this screen.
            let Ok(event) = input.next(Duration::from_millis(250)) else { break };
            if let Some(Event::Key(key)) = event
                && key.kind == KeyEventKind::Press
                && let Some(action) = handle_key(key)
            {
                board.update(action);
            }
        }
        Ok(())
    })
}
