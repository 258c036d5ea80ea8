//! Drawing the judge's screen: a pure function of the app's state.
//!
//! Every string from the export or the store passes through `sanitize::screen_*` on its way
//! here: what a terminal would act on, or would draw at a width of its own, is gone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, TableState, Widget};

use super::app::{App, Comparing, Entry, Mode, TEAM, TEAM_ALONE, TITLE, TOTAL, TRACK, as_typed};
use super::fit::{self, Column, flow, hanging, wrap};
use super::keys::{WHOLE_ENTRY, footer_keys, keys_here};
use super::layout::{FOOTER, FOOTER_MOST, MIN_HEIGHT, MIN_WIDTH, areas, bottom, columns, level_head, pad};
use crate::assign::Bar;
use crate::format::fit;
use crate::model::{Criterion, HubFacts, Status, TextPart, format_params};
use crate::prizes::eligibility::{self, Evidence, Size};
use crate::sanitize::{screen_block, screen_line};

/// The note editor's box at its smallest, and the recusal reason's box: columns and lines of
/// text. A note's box takes 70% of a wider screen's width and half a taller one's height.
const NOTE_BOX: (u16, u16) = (70, 12);
const REASON_BOX: (u16, u16) = (60, 1);
/// How much of an entry's title a text box's title gives it: the note for the team's, the
/// longest, still fits the narrowest note box whole.
const BOX_NAMED_MOST: usize = 28;

/// An open text box's titles: what it is, at the top; its keys, at the bottom. Each fits the
/// narrowest box whole.
pub struct BoxTitles {
    pub top: String,
    /// Its keys, as the footer says them too ([`super::keys::box_keys`]).
    pub keys: Vec<std::borrow::Cow<'static, str>>,
}

/// How long the links' addresses stay in the entry pane: they are the first part to go when it
/// is short, and go without being counted, as their keys ("[o] Space") stay.
const SAID_BY_THEIR_KEYS: u8 = 2;

/// How long a note stays in the entry pane: past every part that goes for room; when even the
/// notes do not fit, the longest shrinks to its first lines and how many more.
const A_NOTE: u8 = 7;

impl App {
    /// The open text box: its editor, the rectangle it is drawn in, and its titles.
    fn text_box(&self, area: Rect) -> Option<(&ratatui_textarea::TextArea<'static>, Rect, BoxTitles)> {
        let (editor, (width, lines)) = match &self.mode {
            // A note's box grows with the screen: at 200×50 a long note reads on 25 rows, not 12.
            Mode::Note(note) => {
                let (width, lines) = NOTE_BOX;
                let wide = u16::try_from(u32::from(area.width) * 7 / 10).unwrap_or(u16::MAX);
                (&note.editor, (width.max(wide), lines.max(area.height / 2)))
            }
            Mode::Recuse(recusal) => (&recusal.editor, REASON_BOX),
            Mode::Finals(Comparing { typing: Some(editor), .. }) => (editor, REASON_BOX),
            _ => return None,
        };
        let titles = self.box_titles()?;
        Some((editor, centered(area, width.min(area.width.saturating_sub(4)), lines + 2), titles))
    }

    /// After a resize, scrolls the open text box so that it is full where its text fills it, the
    /// caret in sight: a box keeps its first row while the caret is in sight, so a long note
    /// grown from 80×24 to 200×50 had shown its last line above 21 empty rows.
    pub fn refit_text_box(&mut self) {
        let (width, height) = self.screen;
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return;
        }
        let Some((_, rect, _)) = self.text_box(Rect::new(0, 0, width, height)) else { return };
        let inner = Block::bordered().inner(rect);
        let editor = match &mut self.mode {
            Mode::Note(note) => &mut note.editor,
            Mode::Recuse(recusal) => &mut recusal.editor,
            Mode::Finals(Comparing { typing: Some(editor), .. }) => editor,
            _ => return,
        };
        // Laid out at the new size, as the next frame draws it.
        editor.render(inner, &mut Buffer::empty(inner));
        let (above, below) = out_of_sight(editor, inner.height);
        let drawn = rows_of(editor).saturating_sub(above);
        let empty = usize::from(inner.height).saturating_sub(drawn).min(above);
        if below == 0 && empty > 0 {
            editor.scroll((-i16::try_from(empty).unwrap_or(i16::MAX), 0));
        }
    }

    /// The open text box's titles, if a box is open.
    pub fn box_titles(&self) -> Option<BoxTitles> {
        // The box covers the entry's title: it names the entry it writes on, by its title.
        let named = |id: &str| self.entries.named_in(id, BOX_NAMED_MOST);
        let top = match &self.mode {
            Mode::Note(note) if !note.team => format!(" Note for the jury only · {} ", named(&note.id)),
            Mode::Note(note) => format!(" Note for the team: they may read it · {} ", named(&note.id)),
            Mode::Recuse(recusal) => format!(" Recuse from {}: why? ", named(&recusal.id)),
            Mode::Finals(Comparing { typing: Some(_), .. }) => " Note on this pair, for the jury ".to_owned(),
            _ => return None,
        };
        Some(BoxTitles { top, keys: super::keys::box_keys(self) })
    }

    /// Where the terminal's own cursor goes: at the caret of the open text box, so the judge sees
    /// where typing lands. Read after drawing, which records the box's scroll.
    pub fn caret(&self, area: Rect) -> Option<ratatui::layout::Position> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        if let Mode::Search(search) = &self.mode {
            return self.search_caret(search, area);
        }
        let (editor, rect, _) = self.text_box(area)?;
        let inner = Block::bordered().inner(rect);
        // The text as drawn, laid out as it was: the caret is measured in it, not in the
        // editor's own text, which may hold what the screen does not draw.
        let copy = drawn_editor(editor, inner, &mut Buffer::empty(inner));
        let shown = copy.as_ref().unwrap_or(editor);
        let (cursor, (top, left)) = (shown.screen_cursor(), shown.scroll_offset());
        let (line, at) = (shown.lines().get(shown.cursor().0)?, shown.cursor().1);
        let start = shown.screen_to_data(cursor.row, 0).1.min(at);
        let before: String = line.chars().skip(start).take(at - start).collect();
        let row = u16::try_from(cursor.row.saturating_sub(usize::from(top))).ok()?.min(inner.height.saturating_sub(1));
        let col = fit::width(&before).saturating_sub(usize::from(left));
        let col = u16::try_from(col).unwrap_or(u16::MAX).min(inner.width.saturating_sub(1));
        Some(ratatui::layout::Position { x: inner.x + col, y: inner.y + row })
    }
}

impl App {
    /// The search's caret, in the footer where the query reads ("/moss"): Left and Right move
    /// it, and typing lands there. Where the query does not read whole on one line (wrapped,
    /// or cut with "…"), there is no place to show it.
    fn search_caret(&self, search: &super::app::Search, area: Rect) -> Option<ratatui::layout::Position> {
        let (news, [.., footer]) = self.panes(area);
        let query = search.query();
        let said = format!("/{}", as_typed(&query));
        let row = news.len().checked_sub(1)?;
        let line = news.last()?;
        let last = line.spans.last()?;
        if last.content.trim() != said.trim_end() || row + 1 >= usize::from(footer.height) {
            return None;
        }
        // Where the query's span starts, past the gap before it; then the text before the caret.
        let before: usize = line.spans[..line.spans.len() - 1].iter().map(|s| fit::width(&s.content)).sum();
        let gap = fit::width(&last.content).saturating_sub(fit::width(last.content.trim_start()));
        let typed: String = query.chars().take(search.editor.cursor().1).collect();
        let col = before + gap + fit::width(&format!("/{}", as_typed(&typed)));
        let x = u16::try_from(col).ok()?.min(footer.width.saturating_sub(1));
        Some(ratatui::layout::Position { x: footer.x + x, y: footer.y + u16::try_from(row).ok()? })
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self, area, buf);
            match &self.mode {
                Mode::Help => help(area, buf, &keys_here(self)),
                Mode::Finals(c) if c.help => help(area, buf, super::keys::FINALS_KEYS),
                _ => {}
            }
            return;
        }
        if let Mode::Finals(c) = &self.mode {
            self.comparison(c, area, buf);
            if c.help {
                help(area, buf, super::keys::FINALS_KEYS);
            } else if let Some((editor, rect, titles)) = self.text_box(area) {
                popup(rect, buf, &titles, editor);
            }
            if self.monochrome {
                super::monochrome(buf);
            }
            return;
        }
        let (news, [header, table, lower, footer]) = self.panes(area);
        let [detail, scoring] = bottom(lower);
        self.header(header, buf);
        self.table(table, buf);
        self.detail(detail, buf);
        self.scoring(scoring, buf);
        self.footer(footer, buf, news);
        match &self.mode {
            Mode::Help => help(area, buf, &keys_here(self)),
            Mode::Entry { scroll } => self.whole_entry(self.whole_entry_rect(area), buf, *scroll),
            Mode::Note(_) | Mode::Recuse(_) => {
                if let Some((editor, rect, titles)) = self.text_box(area) {
                    popup(rect, buf, &titles, editor);
                }
            }
            Mode::Search(_) | Mode::Browse | Mode::Finals(_) => {}
        }
        if self.monochrome {
            super::monochrome(buf);
        }
    }
}

impl App {
    /// The footer's news, and where the header, the list, the entry beside its scores, and
    /// the footer go.
    fn panes(&self, area: Rect) -> (Vec<Line<'static>>, [Rect; 4]) {
        let news = self.news(usize::from(area.width));
        let footer_rows = u16::try_from(news.len()).unwrap_or(u16::MAX).clamp(FOOTER - 1, FOOTER_MOST - 1) + 1;
        let [entry_pane, _] = bottom(area);
        let wants = self
            .current()
            .map_or(0, |e| self.entry_lines(e, usize::from(entry_pane.width - 2), usize::MAX, false).len());
        let wants = u16::try_from(wants).unwrap_or(u16::MAX).saturating_add(2);
        (news, areas(area, self.longest_rubric(), footer_rows, wants, self.list.rows().len()))
    }

    /// The entry's models and their declared size, as the entry pane says them.
    fn models(s: &crate::model::Submission) -> Option<String> {
        if s.models.is_empty() && s.declared_params.is_none() {
            return None;
        }
        let models = s.models.iter().map(|m| screen_line(m)).collect::<Vec<_>>().join(", ");
        let params = s.declared_params.map(|p| format!(" ({} declared)", format_params(p))).unwrap_or_default();
        Some(format!("models {models}{params}"))
    }
}

/// What a screen too small says: how small, and what to do.
/// What a screen too small says: how small, and the keys it takes there, which are the keys of
/// what is open. With a text box open, only Esc acts, as it does in the box: keys typed into a
/// box out of sight (a `q` the screen offered for quitting) had gone into the note.
pub fn too_small_message(app: &App, width: u16, height: u16) -> String {
    let size = format!("judging needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {width}×{height}.");
    let what = match &app.mode {
        Mode::Note(note) if note.team => Some(("the note for the team (saved as you type)", "close it")),
        Mode::Note(_) => Some(("the note for the jury (saved as you type)", "close it")),
        Mode::Recuse(_) => Some(("the reason for recusing", "cancel the recusal")),
        Mode::Search(_) => Some(("the search", "clear it")),
        Mode::Finals(Comparing { typing: Some(_), .. }) => Some(("the note on this pair", "drop it")),
        Mode::Finals(_) => {
            return format!(
                "{size}\nEnlarge it, or press Esc for the list or q to quit: nothing is lost. ? shows the keys."
            );
        }
        _ => None,
    };
    match what {
        Some((what, esc)) => format!("{size}\nEnlarge it to go on with {what}, or press Esc to {esc}."),
        None => format!("{size}\nEnlarge it, or press q to quit: nothing is lost. ? shows the keys."),
    }
}

/// Whether a text box takes the keys: the note, the recusal's reason, the search, a pair's note.
pub fn typing_into_a_box(app: &App) -> bool {
    matches!(
        app.mode,
        Mode::Note(_) | Mode::Recuse(_) | Mode::Search(_) | Mode::Finals(Comparing { typing: Some(_), .. })
    )
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let mut said = too_small_message(app, area.width, area.height);
    // The keys refused since the last that acted, said where the judge is looking.
    if let Some(refused) = app.refused.said(typing_into_a_box(app)) {
        said = format!("{said}\n{refused}");
    }
    let lines: Vec<Line> = wrap(&said, usize::from(area.width)).into_iter().map(Line::from).collect();
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(area.height);
    let middle = Rect { y: area.y + area.height.saturating_sub(height) / 2, height, ..area };
    Paragraph::new(lines).alignment(Alignment::Center).render(middle, buf);
}

impl App {
    /// The event, the judge, what the list shows and its order: each part whole, the order
    /// left out first and then the event's name when the line is too short for all.
    fn header(&self, area: Rect, buf: &mut Buffer) {
        let mut filters = Vec::new();
        let list = &self.list;
        if let Some(t) = &list.track {
            // A track may come from the export (where judging.toml names none): shown cleaned.
            filters.push(format!("track {}", screen_line(t)));
        }
        if list.unscored_only {
            filters.push("unscored".into());
        }
        if list.mine_only {
            // Without assignments, `a` hides only the entries judging.toml says are in conflict.
            filters.push(self.not_mine_because().filter().into());
        }
        if !list.query.is_empty() {
            filters.push(format!("\"{}\"", as_typed(&list.query)));
        }
        let text = header_text(&Header {
            event: &screen_line(&self.config.event.name),
            builtin: self.builtin_event,
            judge: &screen_line(&self.judge),
            filters: &filters,
            sort: list.sort.label(),
            room: usize::from(area.width).saturating_sub(10),
        });
        Line::from(vec![Span::from(" judging ").bold().reversed(), Span::from(format!(" {text}"))]).render(area, buf);
    }

    /// An empty list: the keys that take back what hides each entry, for each filter on.
    pub(super) fn nothing_matches(&self) -> String {
        let back = self.ways_back();
        if back.is_empty() { "Nothing to show.".to_owned() } else { format!("Nothing matches: {}.", back.join("; ")) }
    }

    /// The keys that take back what hides entries, for each filter on that hides some.
    pub(super) fn ways_back(&self) -> Vec<String> {
        let list = &self.list;
        let mut back = Vec::new();
        if !list.query.is_empty() {
            back.push(format!("Esc clears the search \"{}\"", as_typed(&list.query)));
        }
        // Only what would show something: with nothing scored yet, U hides nothing.
        if list.unscored_only && self.entries.iter().any(|e| !self.status_of(e).open()) {
            back.push("U shows scored entries too".to_owned());
        }
        if let Some(track) = &list.track {
            back.push(format!("f moves on from track {}", screen_line(track)));
        }
        if list.mine_only {
            back.push("a shows every entry".to_owned());
        }
        back
    }

    fn table(&self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered().title(format!(" Submissions ({}) ", self.list.rows().len()));
        let inner_rows = usize::from(area.height.saturating_sub(3)).max(1);
        if self.list.rows().is_empty() {
            let message = if self.entries.is_empty() {
                "No submissions yet. Quit and run `judging pull`, or check export.source in judging.toml.".to_owned()
            } else {
                self.nothing_matches()
            };
            let lines: Vec<Line> =
                wrap(&message, usize::from(area.width.saturating_sub(2))).into_iter().map(Line::from).collect();
            Paragraph::new(lines).block(block).render(area, buf);
            return;
        }
        // Only the rows in sight are built: the list may hold ten thousand entries. The app keeps
        // the selection in sight; this only guards a frame drawn before a resize reached it.
        let selected = self.selected();
        let offset = super::app::in_sight(self.list.offset(), selected, inner_rows, self.list.rows().len());
        let in_sight: Vec<&Entry> =
            self.list.rows().iter().skip(offset).take(inner_rows).map(|i| &self.entries[*i]).collect();
        // Each column as wide as its widest cell in the whole list, not in sight: the columns
        // stay put while the judge pages. The judge's own cells, status and total, as wide as
        // the widest they can come to.
        let widest = |k: usize, head: &str| {
            let cells = match k {
                0 => Status::ALL.iter().flat_map(|s| [s.shown(false), s.shown(true)]).map(columns).max().unwrap_or(0),
                TOTAL => self.widest_total(),
                k => self.list.widest(k),
            };
            cells.max(columns(head))
        };
        // The title never goes and the status shows whole; the track goes first (the entry pane
        // and `f` say it), then the total, then the team.
        let spec = [
            Column::whole(widest(0, "STATUS"), None),
            Column::whole(widest(TRACK, "TRACK"), Some(1)),
            Column { want: widest(TITLE, "TITLE"), least: 16, drop: None },
            // The team whole where it can be, its members after it where there is room.
            Column { want: widest(TEAM, "TEAM"), least: widest(TEAM_ALONE, "TEAM").min(20), drop: Some(3) },
            Column::whole(widest(TOTAL, "TOTAL"), Some(2)),
        ];
        // Inside the borders, less the selection's mark.
        let room = usize::from(area.width.saturating_sub(4));
        let mut widths = fit::columns(&spec, 1, room);
        // An event without tracks has no track to show: its room goes to the others.
        if !self.has_tracks() {
            widths[TRACK] = None;
        }
        // Titles are cut last: the title takes what it wants from the team's share, down to the
        // team's least (its name alone), before the team's members show.
        fit::move_room(&mut widths, (TEAM, spec[TEAM].least), (TITLE, spec[TITLE].want));
        // Room no column wants goes to the team's (or the title's), so that on a wide screen
        // the total keeps to the right edge, where it is at any other width.
        fit::give_the_rest(&mut widths, 1, room, &[TEAM, TITLE]);
        let heads = ["STATUS", "TRACK", "TITLE", "TEAM", "TOTAL"];
        let shown = |k: usize| widths[k].is_some();
        let rows = in_sight.iter().map(|e| {
            let cells = self.row(e, &widths);
            Row::new(cells.into_iter().enumerate().filter(|(k, _)| shown(*k)).map(|(_, c)| c).collect::<Vec<_>>())
        });
        let head = |k: usize| {
            let line = Line::from(heads[k]);
            Cell::from(if k == TOTAL { line.alignment(Alignment::Right) } else { line })
        };
        let header = Row::new((0..5).filter(|k| shown(*k)).map(head).collect::<Vec<_>>()).style(Style::new().bold());
        let constraints: Vec<Constraint> =
            widths.iter().flatten().map(|w| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX))).collect();
        let table = Table::new(rows, constraints)
            .header(header)
            .block(block)
            .row_highlight_style(Style::new().reversed())
            .highlight_symbol("▶ ");
        let mut state = TableState::new().with_selected(Some(selected - offset));
        ratatui::widgets::StatefulWidget::render(table, area, buf, &mut state);
    }

    /// The text of an entry's cell in column `k`: status, track, title, team and members,
    /// total; (5) the team alone.
    fn cell_text(&self, entry: &Entry, k: usize) -> String {
        match k {
            0 => self.shown_status(entry).0.to_owned(),
            // A recused entry's scores do not count: its row shows no total.
            TOTAL => self
                .scores
                .counted_total(&self.entries, &entry.submission.id)
                .map(|t| format!("{t:.2}"))
                .unwrap_or_default(),
            k => entry.cell(k),
        }
    }

    /// The columns the widest total can take: a total is a mean of scores, at most the highest
    /// any criterion's scale goes to.
    fn widest_total(&self) -> usize {
        let highest = self.config.criteria.iter().map(|c| c.scale.high).max().unwrap_or(0);
        columns(&format!("{:.2}", f64::from(highest)))
    }

    /// The status the list shows, and its colour: a declared conflict shows before any score
    /// is given, so the judge recuses rather than scores.
    fn shown_status(&self, entry: &Entry) -> (&'static str, Color) {
        let status = self.status_of(entry);
        let conflict = entry.bar == Some(Bar::Conflict);
        let colour = match status {
            _ if status.shows_conflict(conflict) => Color::Yellow,
            Status::Scored => Color::Green,
            Status::Partial => Color::Yellow,
            Status::Withdrawn | Status::Recused => Color::DarkGray,
            Status::NotStarted => Color::Reset,
        };
        (status.shown(conflict), colour)
    }

    /// An entry's cells in their columns' `widths`: the team with its members when they fit,
    /// else the team alone; a title or a team that does not fit is cut with "…" (the entry
    /// pane shows them whole), never mid-word without a sign.
    fn row(&self, entry: &Entry, widths: &[Option<usize>]) -> [Cell<'static>; 5] {
        let colour = self.shown_status(entry).1;
        let width = |k: usize| widths.get(k).copied().flatten().unwrap_or(0);
        std::array::from_fn(|k| match k {
            0 => Cell::from(self.cell_text(entry, 0)).style(Style::new().fg(colour)),
            TITLE => Cell::from(entry.title_in(width(TITLE))),
            TEAM => {
                let full = entry.cell(TEAM);
                let text = if columns(&full) <= width(TEAM) { full } else { fit(&entry.cell(TEAM_ALONE), width(TEAM)) };
                Cell::from(text)
            }
            // A number, right-aligned under its heading, so that its places line up.
            TOTAL => Cell::from(Line::from(self.cell_text(entry, TOTAL)).alignment(Alignment::Right)),
            k => Cell::from(self.cell_text(entry, k)),
        })
    }

    /// What the judge must know before scoring this entry, each said whole: a recusal, a
    /// withdrawal, a declared conflict, and the event's rules it may break.
    pub fn warnings(&self, entry: &Entry) -> Vec<String> {
        let s = &entry.submission;
        let facts = self.hub.get(&s.id);
        let evidence = Evidence::of(s, facts.map(|(f, _)| f));
        let standing = eligibility::Standing {
            withdrawn: entry.withdrawn,
            conflict: entry.bar == Some(Bar::Conflict),
            recusal: self.sheet().text(TextPart::Recusal, &s.id),
            how_to_recuse: RECUSE,
        };
        eligibility::for_a_judge(s, &standing, &evidence, &self.config.rules)
    }

    /// The entry: what it is and who made it, what to know before scoring it, the notes given,
    /// its links, tags, models and the Hub's facts, then its description. Every part wraps;
    /// when the pane is too short the description shrinks first, to its first line and "and N
    /// more lines", then the links' addresses go (their keys stay), the Hub's facts, the models
    /// and the tags; last the longest note shrinks ("and N more note lines").
    fn detail(&self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered().title(" Entry ");
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(entry) = self.current() else { return };
        let lines = self.entry_lines(entry, usize::from(inner.width), usize::from(inner.height), false);
        Paragraph::new(lines).render(inner, buf);
    }

    /// The whole entry (`i`) over the screen, `scroll` lines down: every part of the entry
    /// pane, none shrunk or left out; what is below counted on the last row, and what is above
    /// (once scrolled) on the first.
    fn whole_entry(&self, rect: Rect, buf: &mut Buffer, scroll: usize) {
        let block = Block::bordered().title(" Entry, whole ").border_style(Style::new().cyan());
        let inner = block.inner(rect);
        Clear.render(rect, buf);
        block.render(rect, buf);
        let Some(entry) = self.current() else { return };
        let mut lines = self.entry_lines(entry, usize::from(inner.width), usize::MAX, true);
        let height = usize::from(inner.height);
        let top = scroll.min(lines.len().saturating_sub(height));
        lines.drain(..top);
        if lines.len() > height {
            let below = lines.len() - height + 1;
            lines.truncate(height.saturating_sub(1));
            lines.push(
                Line::from(format!("↓ {}: j scrolls", crate::format::count(below, "more line", "more lines")))
                    .dark_gray(),
            );
        }
        // Scrolled down, the first row counts what is above: the title had gone out of sight
        // with nothing to say it was there, nor that k brings it back.
        if top > 0
            && height > 1
            && let Some(first) = lines.first_mut()
        {
            *first = Line::from(format!("↑ {}: k scrolls", crate::format::count(top + 1, "more line", "more lines")))
                .dark_gray();
        }
        Paragraph::new(lines).render(inner, buf);
    }

    /// How far the whole entry scrolls on this screen: its lines past the rows it has.
    pub(super) fn whole_entry_scrolls(&self) -> usize {
        let (width, rows) = self.whole_entry_room();
        let Some(entry) = self.current() else { return 0 };
        self.entry_lines(entry, width, usize::MAX, true).len().saturating_sub(rows)
    }

    /// The whole entry's room on this screen, in columns and rows of text.
    pub(super) fn whole_entry_room(&self) -> (usize, usize) {
        let (width, height) = self.screen;
        let inner = Block::bordered().inner(self.whole_entry_rect(Rect::new(0, 0, width, height)));
        (usize::from(inner.width), usize::from(inner.height))
    }

    /// Where the whole entry is drawn: over every pane but the footer, whose messages (a link
    /// that did not open, a typed score left unsaved) and keys stay in sight, and the header
    /// (the event, the judge); at most
    /// [`WHOLE_ENTRY_WIDTH`] wide, centred, so that a line of the description reads as one.
    fn whole_entry_rect(&self, area: Rect) -> Rect {
        let (_, [header, _, _, footer]) = self.panes(area);
        let width = area.width.min(WHOLE_ENTRY_WIDTH);
        let x = area.x + (area.width - width) / 2;
        Rect { x, y: header.bottom(), width, height: footer.y.saturating_sub(header.bottom()) }
    }

    /// The entry pane's lines in `room` columns and at most `height` rows; `whole` (the whole
    /// entry, `i`) gives the title and the team every row they take.
    ///
    /// How long a part stays is a number, the lowest going first; the links' addresses go first
    /// and without a word (`SAID_BY_THEIR_KEYS`): their keys stay in sight.
    fn entry_lines(&self, entry: &Entry, room: usize, height: usize, whole: bool) -> Vec<Line<'static>> {
        let s = &entry.submission;
        let para = |text: &str, style: Style| -> Vec<Line<'static>> {
            wrap(text, room).into_iter().map(|l| Line::from(l).style(style)).collect()
        };
        // (lines, how long they stay: the lowest goes first)
        let mut parts: Vec<(Vec<Line<'static>>, u8)> = Vec::new();
        // The title and team in a few rows at most: the list has them, and 400 characters of
        // either must not push the warnings and the link keys out of the pane.
        let at_most = |text: &str, most: usize, style: Style| -> Vec<Line<'static>> {
            let most = if whole { usize::MAX } else { most };
            fit::wrap_at_most(text, room, most).into_iter().map(|l| Line::from(l).style(style)).collect()
        };
        parts.push((at_most(&screen_line(&s.title), TITLE_ROWS, Style::new().bold()), 9));
        let team = entry.cell(TEAM);
        if !team.is_empty() {
            parts.push((at_most(&team, TEAM_ROWS, Style::new()), 8));
        }
        let warnings = self.warnings(entry);
        if !warnings.is_empty() {
            parts.push((para(&format!("⚠ {}", warnings.join(" · ")), Style::new().yellow()), 9));
        }
        for (label, part) in [("Jury: ", TextPart::Note), ("Team: ", TextPart::TeamNote)] {
            if let Some(note) = self.sheet().text(part, &s.id) {
                parts.push((para(&format!("{label}{}", screen_block(note)), Style::new().italic()), A_NOTE));
            }
        }
        let space = s.space_id.as_ref().map(|id| format!("hf.co/spaces/{id}"));
        let link_keys = [
            ("o", "Space", Some(space.unwrap_or_else(|| s.space_url.clone()))),
            ("v", "Video", s.video_url.clone()),
            ("p", "Post", s.post_url.clone()),
        ];
        // Each key whole, wrapped to the pane: "[p] Post —" must not read "[p] Po".
        let keys: Vec<(String, Style)> = link_keys
            .iter()
            .zip(link_key_texts(s))
            .map(|((_, _, url), text)| {
                (text, if url.is_some() { Style::new().bold() } else { Style::new().dark_gray() })
            })
            .collect();
        parts.push((fit::flow(&keys, room), 8));
        let addresses: Vec<Line> = link_keys
            .iter()
            .filter_map(|(key, _, url)| Some(format!("{key}: {}", super::layout::short_link(url.as_deref()?))))
            .flat_map(|text| para(&text, Style::new().dark_gray()))
            .collect();
        parts.push((addresses, SAID_BY_THEIR_KEYS));
        let badges: Vec<String> = s.badges().map(screen_line).collect();
        let sponsors: Vec<String> = s.sponsors().map(screen_line).collect();
        // "track —" only where the event has tracks: without any, it says nothing.
        let mut facts: Vec<String> = self
            .has_tracks()
            .then(|| format!("track {}", s.track.as_deref().map_or("—".to_owned(), screen_line)))
            .into_iter()
            .collect();
        if !badges.is_empty() {
            facts.push(format!("badges {}", badges.join(", ")));
        }
        if !sponsors.is_empty() {
            facts.push(format!("sponsors {}", sponsors.join(", ")));
        }
        if !facts.is_empty() {
            parts.push((para(&facts.join(" · "), Style::new()), 5));
        }
        if let Some(models) = App::models(s) {
            parts.push((para(&models, Style::new()), 4));
        }
        let facts = self.hub.get(&s.id);
        if let Some((f, at)) = facts {
            // The event's rules, as the prize results apply them: the Hub's word where it has one.
            let size = Evidence::of(s, Some(f)).size_against(self.config.tiny_titan_limit());
            parts.push((para(&hub_hint(f, at, size, self.now_unix), Style::new().cyan()), 3));
            // Spaces keep changing after the deadline: what this judge sees may not be what was
            // entered.
            if let Some(changed) = f.changed_at.as_deref().filter(|c| self.config.event.after_deadline(c)) {
                let text = format!("changed on the Hub after the deadline ({})", screen_line(changed));
                parts.push((para(&text, Style::new().yellow()), 6));
            }
        }
        let description = if s.description.trim().is_empty() {
            Vec::new()
        } else {
            para(&screen_block(&s.description), Style::new())
        };
        fit_to_pane(parts, description, room, height)
    }

    /// Every criterion on a line of its own, the focused one's levels under it, each meaning
    /// wrapped whole (the chosen level marked, and the stopwatch's suggestion for a timed
    /// criterion), then the total. When the pane is too short for all, the focused criterion
    /// and its levels stay whole, and the criteria (and the total) that do not fit above or
    /// below it are named on one line there, with their scores.
    fn scoring(&self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered().title(" Scores ");
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(entry) = self.current() else { return };
        let id = &entry.submission.id;
        let width = usize::from(inner.width);
        let line = |text: String| fit(&text, width);
        let rubric = self.rubric();
        let criteria = rubric.criteria();
        // (the criterion's row, its focused block when focused)
        let mut above: Vec<(ScoreRow, Folded)> = Vec::new();
        let mut focused: Vec<Line> = Vec::new();
        let mut below: Vec<(ScoreRow, Folded)> = Vec::new();
        // Labels padded to the longest of this rubric, so the scores line up, as wide as the
        // pane leaves beside the widest score and scale: two labels that differ only at their
        // ends ("Execution: model", "Execution: interface") must not be cut alike.
        // The score's room is the widest the scale can give ("100"), so a score typed in full
        // moves nothing: "[·]" had left "×1" to be cut once 100 was typed.
        let label_w = rubric.widest_label().min(width.saturating_sub(2 + rubric.widest_tail())).max(9);
        // A criterion's row, written only for the rows the pane shows whole: with 3,000
        // criteria, writing and fitting every one took most of each frame.
        // Where the row is too long, the least useful part goes first: the median's count of
        // readings, then the label's end (to `LEAST_LABEL` columns), then the scale and weight;
        // the timing only last, cut with the rest. The stopwatch's median had gone first, cut off
        // the row's end.
        let head = |i: usize| {
            let c = &criteria[i];
            let value = self.sheet().score(id, &c.id);
            let digits = c.scale.high.to_string().len();
            let shown = format!("{:>digits$}", value.map_or("·".to_owned(), |v| v.to_string()));
            let marker = if i == self.focus { "▶ " } else { "  " };
            let label = &rubric.labels()[i];
            let scale = format!(" {}–{} ×{}", c.scale.low, c.scale.high, c.weight);
            let row = |label_w: usize, scale: &str, timing: &str| {
                format!("{marker}{} [{shown}]{scale}{timing}", pad(&fit(label, label_w), label_w))
            };
            let Some([whole, short]) = shows_the_stopwatch(criteria, i).then(|| self.stopwatch_hints(id)).flatten()
            else {
                return line(row(label_w, &scale, ""));
            };
            let fits = |text: &String| fit::width(text) <= width;
            let over = |scale: &str| fit::width(&row(label_w, scale, &short)).saturating_sub(width);
            let narrower = |scale: &str| label_w.saturating_sub(over(scale)).max(LEAST_LABEL.min(label_w));
            [
                row(label_w, &scale, &whole),
                row(label_w, &scale, &short),
                row(narrower(&scale), &scale, &short),
                row(narrower(""), "", &short),
            ]
            .into_iter()
            .find(fits)
            .unwrap_or_else(|| line(row(narrower(""), "", &short)))
        };
        let rows = self.score_rows();
        for ((i, c), folded) in criteria.iter().enumerate().zip(rows) {
            if i != self.focus {
                let row = (ScoreRow::Criterion(i), folded);
                if i < self.focus {
                    above.push(row);
                } else {
                    below.push(row);
                }
                continue;
            }
            let value = self.sheet().score(id, &c.id);
            let row = head(i);
            // A label cut to fit (to the pane, or to keep the stopwatch's median on its row) is
            // read whole under its row while it is the one focused.
            let label = &rubric.labels()[i];
            let whole = row.chars().skip(2).collect::<String>().starts_with(label.as_str());
            focused.push(Line::from(row).style(Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)));
            if !whole {
                focused.extend(
                    wrap(label, width.saturating_sub(2)).into_iter().map(|l| Line::from(format!("  {l}")).bold()),
                );
            }
            let suggested = self.sheet().median_seconds(id).and_then(|s| c.suggest(s));
            for (i, level) in c.levels.iter().enumerate() {
                let Some([from, to]) = c.level_span(i) else { continue };
                let holds = |v: Option<u8>| v.is_some_and(|v| (from..=to).contains(&v));
                let chosen = holds(value);
                let mark = if chosen { "●" } else { " " };
                let hint = if holds(suggested) { " ⏱" } else { "" };
                let text = format!("{}{hint}", screen_line(&level.meaning));
                let style = if chosen { Style::new().bold() } else { Style::new().dark_gray() };
                focused.extend(
                    hanging(&level_head(mark, from, to), &text, width).into_iter().map(|l| Line::from(l).style(style)),
                );
            }
            if let Some(typed) = &self.typing.digits {
                let text = format!("  typing {typed}▏ · Enter saves · Backspace · Esc leaves it");
                focused.extend(wrap(&text, width).into_iter().map(|l| Line::from(l).reversed()));
            }
        }
        // The total; named short where the rows are folded.
        let total = self.total_text();
        let scored = self.sheet().scored_count(id, self.criteria());
        // A recusal or the entry's withdrawal sets the scores aside, kept: the total said beside
        // "recused" had read as one that counts.
        let withdrawn = self.entries.get(id).is_some_and(|e| e.withdrawn);
        // A recusal is said whatever was scored; a withdrawal, beside a total.
        let full = self.total_of(id).is_some();
        // Folded into "↓ Cost [5] · Total 4.00", a total set aside still says so: it had read
        // as one that counts.
        let (row, short) = match self.sheet().set_aside(id, withdrawn) {
            // Where the reason does not fit the pane, the total without it, whole: "Total 4.00,
            // not counted (withdrawn from the e…" had been cut at 80 columns.
            Some(why) if full || self.sheet().recused(id) => {
                let (whole, short) = (format!("{total}, not counted ({why})"), format!("{total}, not counted"));
                (if fit::width(&whole) <= width { whole } else { short.clone() }, short)
            }
            _ if full => (total.clone(), total),
            _ => (format!("{total} ({scored} of {} scored)", self.criteria().len()), total),
        };
        below.push((ScoreRow::Total(row), (short, String::new())));
        let row_line = |row: ScoreRow| match row {
            ScoreRow::Criterion(i) => Line::from(head(i)).bold(),
            ScoreRow::Total(text) => Line::from(line(text)).bold(),
        };
        let lines = fold_scores(above, focused, below, usize::from(inner.height), width, row_line);
        Paragraph::new(lines).render(inner, buf);
    }

    /// Each criterion's label and score as a folded line names them (`Cost`, `[4]`; `[·]` when
    /// not scored), for the entry in front of the judge.
    pub fn score_rows(&self) -> Vec<Folded> {
        let Some(entry) = self.current() else { return Vec::new() };
        let rubric = self.rubric();
        rubric
            .criteria()
            .iter()
            .zip(rubric.labels())
            .enumerate()
            .map(|(i, (c, label))| {
                let id = &entry.submission.id;
                let value = self.sheet().score(id, &c.id);
                let score = format!("[{}]", value.map_or("·".to_owned(), |v| v.to_string()));
                // The stopwatch's median beside its score: a folded line cuts the labels first.
                match shows_the_stopwatch(rubric.criteria(), i).then(|| self.stopwatch_hints(id)).flatten() {
                    Some([_, short]) => (label.clone(), format!("{score}{short}")),
                    None => (label.clone(), score),
                }
            })
            .collect()
    }

    /// The entry's total, "Total —" until every criterion is scored: the Scores pane's last
    /// line says it (and how many are scored), a folded line names it.
    pub fn total_text(&self) -> String {
        let Some(entry) = self.current() else { return String::new() };
        self.total_of(&entry.submission.id).map_or_else(|| "Total —".to_owned(), |t| format!("Total {t:.2}"))
    }

    /// The focused criterion's levels as the judge must read them whole: values and meaning.
    pub fn level_texts(&self) -> Vec<String> {
        let Some(c) = self.criteria().get(self.focus) else { return Vec::new() };
        (0..c.levels.len())
            .filter_map(|i| {
                let [from, to] = c.level_span(i)?;
                Some(format!("{}{}", level_head("", from, to).trim_start(), screen_line(&c.levels[i].meaning)))
            })
            .collect()
    }

    /// Seconds on the stopwatch since `since`, by the app's clock.
    fn seconds_since(&self, since: std::time::Instant) -> f64 {
        self.now.saturating_duration_since(since).as_secs_f64()
    }

    /// The running stopwatch on this entry, else the median of its readings and how many; and
    /// the same in short, without how many ("⏱ 3.0 s"), for a row that has not the room. None
    /// with neither.
    fn stopwatch_hints(&self, id: &str) -> Option<[String; 2]> {
        match (&self.stopwatch, self.sheet().median_seconds(id)) {
            (Some((running, since)), _) if running == id => {
                let running = format!(" ⏱ {:.1} s…", self.seconds_since(*since));
                Some([running.clone(), running])
            }
            (_, Some(median)) => {
                let short = format!(" ⏱ {median:.1} s");
                Some(match self.sheet().readings.get(id).map_or(0, Vec::len) {
                    1 => [short.clone(), short],
                    n => [format!("{short}, median of {n}"), short],
                })
            }
            _ => None,
        }
    }

    /// The footer's news, wrapped to `room` columns: progress, partly scored entries (the
    /// first few, "and N more"), the last push, the stopwatch, the search or the last message.
    fn news(&self, room: usize) -> Vec<Line<'static>> {
        let pieces = self.news_pieces(room);
        let mut lines = flow(&pieces, room);
        self.query_as_typed(&mut lines, room);
        // More than the footer's rows: the last shown ends in "…", so a message cut short says
        // so rather than stop mid-sentence.
        let most = usize::from(FOOTER_MOST - 1);
        if lines.len() > most {
            lines.truncate(most);
            if let Some(last) = lines.last_mut() {
                // What fits before the "…", cut between letters.
                let mut left = room.saturating_sub(1);
                let spans = std::mem::take(&mut last.spans);
                for span in spans {
                    let head = crate::text_width::take(&span.content, left).trim_end().to_owned();
                    let whole = head.len() == span.content.trim_end().len();
                    left = left.saturating_sub(fit::width(&head));
                    if !head.trim().is_empty() {
                        last.spans.push(Span::styled(head, span.style));
                    }
                    if !whole {
                        break;
                    }
                }
                let style = last.spans.last().map_or_else(Style::new, |s| s.style);
                last.spans.push(Span::styled("…", style));
            }
        }
        lines
    }

    /// The search's query reads as typed: [`flow`] trims each piece's ends, and the spaces it
    /// ends with follow it on its line again, as far as the line has room, so that the caret
    /// after them reads after them.
    fn query_as_typed(&self, lines: &mut [Line<'static>], room: usize) {
        let Mode::Search(search) = &self.mode else { return };
        let said = format!("/{}", as_typed(&search.query()));
        let trail = said.len() - said.trim_end().len();
        let Some(line) = lines.last_mut() else { return };
        let used: usize = line.spans.iter().map(|s| fit::width(&s.content)).sum();
        let Some(last) = line.spans.last_mut() else { return };
        if trail == 0 || last.content.trim() != said.trim_end() {
            return;
        }
        let spaces = trail.min(room.saturating_sub(used));
        last.content = format!("{}{}", last.content, " ".repeat(spaces)).into();
    }

    /// The footer's pieces of news as they fit its rows at `room` columns. Where they do not
    /// all fit, the lesser give way first, so that the message (what the last key did: a link
    /// that did not open and what to do) reads whole: the last push goes, the partly scored
    /// entries are counted without their ids (the list shows which), the stopwatch is said
    /// without its key (`t`), and then the message has the rows to itself (till the next key);
    /// only then is it cut with "…".
    pub fn news_pieces(&self, room: usize) -> Vec<(String, Style)> {
        let most = usize::from(FOOTER_MOST - 1);
        let mut pieces = Vec::new();
        for give_way in 0..=4 {
            pieces = self.news_given_way(room, give_way);
            if flow(&pieces, room).len() <= most {
                break;
            }
        }
        pieces
    }

    /// The footer's pieces with the first `give_way` of the lesser ones given way
    /// ([`App::news_pieces`]).
    fn news_given_way(&self, room: usize, give_way: usize) -> Vec<(String, Style)> {
        let (done, open) = self.progress();
        let mut pieces = vec![(format!(" {done} of {open} scored "), Style::new().reversed())];
        // Partly scored entries do not count in the merge: named here until they are finished.
        let (partial, ids) = self.partly_scored(3);
        if partial > 0 && give_way >= 2 {
            pieces.push((format!("{partial} partly scored"), Style::new().yellow()));
        } else if partial > 0 {
            let head = format!("{partial} partly scored: ");
            let ids: Vec<String> = ids.iter().map(|id| screen_line(id)).collect();
            // Half a line at most, the message needs the rest; but the first id whole where the
            // line holds it: a judge types ids (`judging score ID`), and a cut one names none.
            let half = (room / 2).saturating_sub(fit::width(&head));
            let first = ids.first().map_or(0, |id| fit::width(id) + fit::width(&fit::and_more(partial - 1)));
            let listed = fit::list(&ids, partial, ", ", half.max(first).min(room.saturating_sub(fit::width(&head))));
            pieces.push((format!("{head}{listed}"), Style::new().yellow()));
        }
        if self.config.sync.repo().is_some() && give_way < 1 {
            let pushed = self.last_pushed.as_deref().map_or("not pushed yet · P pushes".to_owned(), |at| {
                format!("pushed {}", crate::format::age(at, self.now_unix))
            });
            pieces.push((pushed, Style::new().dark_gray()));
        }
        if let Some(said) = self.stopwatch_said(give_way >= 3) {
            pieces.push((said, Style::new().cyan()));
        }
        let said = if let Mode::Search(search) = &self.mode {
            Some((format!("/{}", as_typed(&search.query())), Style::new().bold()))
        } else {
            (!self.status.is_empty()).then(|| (screen_line(&self.status), Style::new()))
        };
        match said {
            Some(said) if give_way >= 4 => vec![said],
            said => pieces.into_iter().chain(said).collect(),
        }
    }

    /// What the running stopwatch times, and what `t` will do: it times the entry in front of the
    /// judge, where that entry takes a reading.
    pub fn stopwatch_news(&self) -> Option<String> {
        self.stopwatch_said(false)
    }

    /// [`App::stopwatch_news`], or (`brief`) only what it times, for a crowded footer.
    fn stopwatch_said(&self, brief: bool) -> Option<String> {
        let (id, since) = self.stopwatch.as_ref()?;
        let seconds = self.seconds_since(*since);
        let here = self.current().is_some_and(|e| &e.submission.id == id);
        // Past the longest try it is most likely running by mistake: its reading can be undone.
        let minutes = super::app::LONGEST_TRY.as_secs() / 60;
        let long = if seconds > super::app::LONGEST_TRY.as_secs_f64() {
            format!(" · over {minutes} minutes: left running? u takes the reading back once saved")
        } else {
            String::new()
        };
        let there = self.entries.named(id);
        Some(if brief {
            let on = if here { "this entry" } else { there.as_str() };
            format!("⏱ {seconds:.1} s on {on}{long}")
        } else if here {
            format!("⏱ {seconds:.1} s on this entry · t stops and saves{long}")
        } else if self.current().is_none() {
            // No entry listed (a search that finds nothing): `t` only saves.
            format!("⏱ {seconds:.1} s on {there} · t saves it{long}")
        } else if let Some(why) = self.unscorable() {
            // `t` only saves there: an entry that takes no reading is not timed.
            format!("⏱ {seconds:.1} s on {there} · t saves it; {}{long}", why.briefly())
        } else {
            format!("⏱ {seconds:.1} s on {there} · t saves it and times this entry{long}")
        })
    }

    fn footer(&self, area: Rect, buf: &mut Buffer, news: Vec<Line<'static>>) {
        let rows = usize::from(area.height.saturating_sub(1));
        for (k, line) in news.into_iter().take(rows).enumerate() {
            let y = area.y + u16::try_from(k).unwrap_or(0);
            line.render(Rect { y, height: 1, ..area }, buf);
        }
        let keys = Rect { y: area.bottom().saturating_sub(1), height: 1, ..area };
        Line::from(footer_line(self, usize::from(area.width))).dark_gray().render(keys, buf);
    }

    /// What this screen means to show whole, from the declarations it draws from: the keys in
    /// the footer (and every key, in the help), the message, the stopwatch, the open box's
    /// titles, the focused criterion's levels and the entry's warnings. The screen-fit test
    /// finds each in the drawn screen.
    pub fn promised(&self) -> Vec<String> {
        let (width, height) = self.screen;
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return vec![too_small_message(self, width, height)];
        }
        let mut out: Vec<String> = footer_keys(self).into_iter().map(String::from).collect();
        match &self.mode {
            Mode::Help => return keys_here(self).iter().map(|(k, what)| format!("{k} {what}")).collect(),
            Mode::Finals(c) => {
                if c.help {
                    return super::keys::FINALS_KEYS.iter().map(|(k, what)| format!("{k} {what}")).collect();
                }
                out.extend(self.comparison_promised(c));
                return out;
            }
            Mode::Note(_) | Mode::Recuse(_) => {
                if let Some(t) = self.box_titles() {
                    out.extend([t.top.trim().to_owned(), t.keys.join(" · ")]);
                }
                return out;
            }
            // The title and what the screen has room for, from its top: the rest scrolls.
            Mode::Entry { .. } => {
                out.push("Entry, whole".to_owned());
                return out;
            }
            Mode::Search(_) | Mode::Browse => {}
        }
        // The footer's news as it gives way on a crowded footer: the message, the stopwatch.
        out.extend(self.news_pieces(usize::from(width)).into_iter().map(|(text, _)| text.trim().to_owned()));
        out.extend(self.level_texts());
        if let Some(entry) = self.current() {
            out.extend(self.warnings(entry));
            out.extend(link_key_texts(&entry.submission));
            // The models, whole when the entry pane keeps them (a path breaks after a `/`).
            let [detail, _] = bottom(self.panes(Rect::new(0, 0, width, height)).1[2]);
            let inner = Block::bordered().inner(detail);
            let lines = self.entry_lines(entry, usize::from(inner.width), usize::from(inner.height), false);
            if lines.iter().any(|l| l.to_string().starts_with("models")) {
                out.extend(App::models(&entry.submission));
            }
        }
        out
    }
}

/// The entry pane's parts and description in `height` rows: everything, or the parts that stay
/// and the description's first line, the rest counted on the last row. The lowest parts go
/// first, while that line and the count do not fit; then the notes shrink, the longest first.
/// Each count names the key that shows what it counts ([`WHOLE_ENTRY`]), in `room` columns.
fn fit_to_pane(
    mut parts: Vec<(Vec<Line<'static>>, u8)>,
    description: Vec<Line<'static>>,
    room: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let rows = |parts: &[(Vec<Line>, u8)]| parts.iter().map(|(l, _)| l.len()).sum::<usize>();
    let whole = rows(&parts) + if description.is_empty() { 0 } else { 1 + description.len() };
    let mut hidden = 0;
    if whole > height {
        // A blank row, the description's first line (if it has one), and the count.
        let tail = if description.is_empty() { 2 } else { 3 };
        while rows(&parts) + tail > height {
            let lowest =
                parts.iter().enumerate().filter(|(_, (_, keep))| *keep < A_NOTE).min_by_key(|(_, (_, keep))| *keep);
            let Some(k) = lowest.map(|(k, _)| k) else { break };
            let (gone, keep) = parts.remove(k);
            if keep > SAID_BY_THEIR_KEYS {
                hidden += gone.len();
            }
        }
        // Each part's note lines cut so far (none goes from here on, so the places hold).
        let mut cut = vec![0; parts.len()];
        // The longest note of more than `least` rows, by its place.
        let longest = |parts: &[(Vec<Line>, u8)], least: usize| {
            let notes = parts.iter().enumerate().filter(|(_, (l, keep))| *keep == A_NOTE && l.len() > least);
            notes.max_by_key(|(_, (l, _))| l.len()).map(|(k, _)| k)
        };
        while rows(&parts) + tail > height {
            let over = rows(&parts) + tail - height;
            let Some(k) = longest(&parts, 2) else { break };
            let note = &mut parts[k].0;
            // Its first lines, and a row that counts the rest (a count row already there is not
            // a line of the note).
            let shown = note.len() - usize::from(cut[k] > 0);
            let keep = note.len().saturating_sub(over + 1).max(1);
            cut[k] += shown - keep;
            note.truncate(keep);
            note.push(Line::from(more_note_lines(cut[k], room)).dark_gray());
        }
        // Notes too short to shrink so (two lines each, beside a warning and a long message at
        // 80×24) go to their first line, the rest counted with what else the pane leaves out:
        // the link keys after them had been cut off the pane's end.
        while rows(&parts) + tail > height {
            let Some(k) = longest(&parts, 1) else { break };
            let note = &mut parts[k].0;
            hidden += note.len() - 1 - usize::from(cut[k] > 0) + cut[k];
            note.truncate(1);
        }
    }
    let mut lines: Vec<Line> = parts.into_iter().flat_map(|(l, _)| l).collect();
    if lines.len() + 2 <= height && (hidden > 0 || !description.is_empty()) {
        lines.push(Line::default());
    }
    let room = height.saturating_sub(lines.len());
    let shown = if hidden == 0 && description.len() <= room {
        description.len()
    } else {
        description.len().min(room.saturating_sub(1))
    };
    let unshown = hidden + description.len() - shown;
    lines.extend(description.into_iter().take(shown));
    if unshown > 0 && height > 0 {
        // Nothing goes without a word: what was left out is counted on the last row.
        lines.truncate(height - 1);
        lines.push(Line::from(format!("{}: press {WHOLE_ENTRY}", crate::format::more_lines(unshown))).dark_gray());
    }
    lines.truncate(height);
    lines
}

/// The row that counts a note's lines the entry pane leaves out, and the key that shows them:
/// "… and 86 more note lines: press i", shorter where the pane is narrow, the key kept last to go.
fn more_note_lines(cut: usize, room: usize) -> String {
    let lines = crate::format::count(cut, "more note line", "more note lines");
    [
        format!("… and {lines}: press {WHOLE_ENTRY}"),
        format!("… {lines}: press {WHOLE_ENTRY}"),
        format!("… {cut} more: {WHOLE_ENTRY}"),
    ]
    .into_iter()
    .find(|said| fit::width(said) <= room)
    .unwrap_or_else(|| format!("… {cut} more: {WHOLE_ENTRY}"))
}

/// The entry's link keys as the entry pane shows them, "[v] Video —" where it has none.
fn link_key_texts(s: &crate::model::Submission) -> [String; 3] {
    let has = |url: Option<&String>| if url.is_some() { "" } else { " —" };
    [
        "[o] Space".to_owned(),
        format!("[v] Video{}", has(s.video_url.as_ref())),
        format!("[p] Post{}", has(s.post_url.as_ref())),
    ]
}

/// A row of the Scores pane as a folded line names it: a criterion's label and its score
/// (`[4]`, and the stopwatch's median on the timed one: `[4] ⏱ 3.0 s`), or the total whole
/// with no score beside it.
pub type Folded = (String, String);

/// A row of the Scores pane beside the focused criterion's block, written only if it shows
/// whole: a criterion's (by its place in the rubric), or the total's text.
enum ScoreRow {
    Criterion(usize),
    Total(String),
}

/// The rows folded into one line, after `mark`: every one named whole where they fit; else
/// every score still shown, the labels cut to an equal share of the room (the scores are what
/// the line is for); only when even that does not fit, as many whole as fit and "and N more".
pub(super) fn folded_line(mark: &str, rows: &[&Folded], width: usize) -> String {
    let said = |(label, score): &Folded| if score.is_empty() { label.clone() } else { format!("{label} {score}") };
    let room = width.saturating_sub(fit::width(mark));
    // Every row whole, joined and measured only until the line is sure not to hold them: the
    // 2,990 rows a rubric of 3,000 criteria folds are not all written to learn that.
    let mut joined = crate::text_width::Growing::default();
    for (k, row) in rows.iter().enumerate() {
        if k > 0 {
            joined.push(" · ");
        }
        joined.push(&said(row));
        if joined.settled() > room {
            break;
        }
    }
    if joined.settled() <= room && fit::width(joined.as_str()) <= room {
        return format!("{mark}{}", joined.as_str());
    }
    let cut: Vec<&&Folded> = rows.iter().filter(|(_, score)| !score.is_empty()).collect();
    // The columns all but the labels take, counted only until they fill the room: with many
    // rows, the separators alone do.
    let mut fixed = fit::width(" · ").saturating_mul(rows.len().saturating_sub(1));
    for (label, score) in rows {
        if fixed >= room {
            break;
        }
        fixed += if score.is_empty() { fit::width(label) } else { fit::width(score) + 1 };
    }
    let mut left = room.saturating_sub(fixed);
    // The room shared as water fills: a label shorter than its share keeps its whole length,
    // and what it leaves goes to the longer ones. With nothing left, any label with a letter
    // gets no share at all.
    let share = if left == 0 {
        if cut.iter().any(|(label, _)| fit::width(label) > 0) { 0 } else { usize::MAX }
    } else {
        let mut widths: Vec<usize> = cut.iter().map(|(label, _)| fit::width(label)).collect();
        widths.sort_unstable();
        let mut share = usize::MAX;
        for (k, width) in widths.iter().enumerate() {
            let equal = left / (widths.len() - k);
            if *width > equal {
                share = equal;
                break;
            }
            left -= width;
        }
        share
    };
    let cut_to = |most: usize| {
        rows.iter().map(
            move |(label, score)| {
                if score.is_empty() { label.clone() } else { format!("{} {score}", fit(label, most)) }
            },
        )
    };
    if share >= 4 {
        return format!("{mark}{}", cut_to(share).collect::<Vec<_>>().join(" · "));
    }
    // Too many rows for every label: each cut to its first letters, as many as the line holds
    // and then how many more. Whole labels here had let the first alone take the line. Only the
    // rows the line reaches are cut.
    format!("{mark}{}", fit::list(cut_to(4), rows.len(), " · ", room))
}

/// Whether the `i`th of these criteria shows the stopwatch: the one it times, or Latency where
/// none says it is timed.
fn shows_the_stopwatch(criteria: &[Criterion], i: usize) -> bool {
    let c = &criteria[i];
    c.timed() || (c.id == "latency" && !criteria.iter().any(Criterion::timed))
}

/// The fewest columns a criterion's label is cut to before its row gives up the scale and its
/// weight, so that the stopwatch's median stays on the row ("Laten… [4] 1–5 ×1 ⏱ 3.0 s").
const LEAST_LABEL: usize = 6;

/// The Scores pane's rows in `height` rows of `width` columns: the criteria `above` the focused
/// one (each a row and what it says in short), the `focused` criterion with its levels, then
/// the criteria and the total `below`. The focused block stays whole; the rows that do not fit
/// above or below it are named on one line there, "↑ Utility [4]" or "↓ Cost [·] · Total —",
/// as many as the line holds, then how many more. With no room even for that, the focused
/// block shows from its start.
fn fold_scores<R>(
    mut above: Vec<(R, Folded)>,
    focused: Vec<Line<'static>>,
    mut below: Vec<(R, Folded)>,
    height: usize,
    width: usize,
    line: impl Fn(R) -> Line<'static>,
) -> Vec<Line<'static>> {
    let all = above.len() + focused.len() + below.len();
    let fold = |mark: &str, rows: &[(R, Folded)]| -> Line<'static> {
        let rows: Vec<&Folded> = rows.iter().map(|(_, f)| f).collect();
        Line::from(folded_line(mark, &rows, width)).bold()
    };
    let whole = |rows: Vec<(R, Folded)>| rows.into_iter().map(|(r, _)| line(r));
    let mut out: Vec<Line> = Vec::new();
    if all <= height {
        out.extend(whole(above));
        out.extend(focused);
        out.extend(whole(below));
        return out;
    }
    let room = height.saturating_sub(focused.len());
    if room == 0 {
        return focused.into_iter().take(height).collect();
    }
    if room == 1 {
        let mut others = above;
        others.extend(below);
        let mut out = focused;
        out.push(fold("also ", &others));
        return out;
    }
    // Below (the criteria still to come, and the total) first, keeping a row for above;
    // each side shows its rows nearest the focus whole and names the rest on one line.
    let below_rows = below.len().min(room - usize::from(!above.is_empty()));
    let above_rows = room - below_rows;
    if above.len() <= above_rows {
        out.extend(whole(above));
    } else {
        let near = above.split_off(above.len() - (above_rows - 1));
        out.push(fold("↑ ", &above));
        out.extend(whole(near));
    }
    out.extend(focused);
    if below.len() <= below_rows {
        out.extend(whole(below));
    } else {
        let folded = below.split_off(below_rows - 1);
        out.extend(whole(below));
        out.push(fold("↓ ", &folded));
    }
    out
}

/// What the header says, beside " judging ": the event, the judge, the filters on and the order.
struct Header<'a> {
    event: &'a str,
    builtin: bool,
    judge: &'a str,
    filters: &'a [String],
    sort: &'a str,
    /// Its columns.
    room: usize,
}

/// The header's text in `room` columns, fitted by what it means: words that add little go
/// before any name is cut, and a name is cut before any part goes; the filters and the order
/// (what the list hides and why it reads as it does) stay to the last. "(built-in event)" goes
/// first (the first screen said it), then "sorted" of "sorted by title" and "showing" of
/// "showing track backyard", then the event's name is cut to the room left where that keeps 16
/// columns of it, else it goes; then the filters are cut with "…". At 80 columns a filter had
/// taken the order off the line ("judge tomas · showing track backyard, unscored, no
/// conflicts"), and a name of 84 characters the order and then itself.
fn header_text(h: &Header) -> String {
    const EVENT: usize = 0;
    const SHOWING: usize = 2;
    const SORTED: usize = 3;
    let shown = h.filters.join(", ");
    let event = if h.builtin { format!("{} (built-in event)", h.event) } else { h.event.to_owned() };
    let showing = if shown.is_empty() { String::new() } else { format!("showing {shown}") };
    let mut parts = [event, format!("judge {}", h.judge), showing, format!("sorted by {}", h.sort)];
    let said = |parts: &[String]| parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" · ");
    let fits = |parts: &[String]| fit::width(&said(parts)) <= h.room;
    // The columns part `k` has beside the others.
    let left_for = |parts: &[String], k: usize| {
        let mut others = parts.to_vec();
        others[k].clear();
        let others = said(&others);
        h.room.saturating_sub(fit::width(&others) + if others.is_empty() { 0 } else { fit::width(" · ") })
    };
    for step in 0..5 {
        if fits(&parts) {
            break;
        }
        match step {
            // "(built-in event)" goes.
            0 => h.event.clone_into(&mut parts[EVENT]),
            // "sorted by title" reads "by title", and "showing track wood" "track wood".
            1 => parts[SORTED] = format!("by {}", h.sort),
            2 => parts[SHOWING].clone_from(&shown),
            // The event's name is cut, or goes.
            3 => {
                let left = left_for(&parts, EVENT);
                parts[EVENT] = if left >= 16 { fit(h.event, left) } else { String::new() };
            }
            // A long search is cut.
            _ => {
                let left = left_for(&parts, SHOWING);
                if !shown.is_empty() && left >= 16 {
                    parts[SHOWING] = fit(&shown, left);
                }
            }
        }
    }
    // Narrower than the screen is made for, or a judge's name of 64 characters: the order
    // goes, then the event, then the filters, and the judge's name is cut last.
    for gone in [SORTED, EVENT, SHOWING] {
        if fits(&parts) {
            break;
        }
        parts[gone].clear();
    }
    fit(&said(&parts), h.room)
}

/// The widest the whole entry (`i`) is drawn, borders included: lines of 100 columns read
/// easily, a 200-column terminal's whole width does not.
const WHOLE_ENTRY_WIDTH: u16 = 102;

/// The most rows the entry pane gives a title, and a team with its members.
const TITLE_ROWS: usize = 3;
const TEAM_ROWS: usize = 2;

/// How a judge recuses in the app, as the conflict reminder ends.
pub const RECUSE: &str = "r recuses";

/// The footer's keys: as many as fit, whole, the most needed first.
pub(super) fn footer_line(app: &App, room: usize) -> String {
    let mut line = String::new();
    for key in footer_keys(app) {
        let next = if line.is_empty() { format!(" {key}") } else { format!("{line}  {key}") };
        if fit::width(&next) > room {
            break;
        }
        line = next;
    }
    line
}

/// What the Hub says, as hints for latency (stage, hardware) and cost (price, model size), and
/// where the entry stands against Tiny Titan's limit as the prize decides it (`size`).
pub(super) fn hub_hint(f: &HubFacts, fetched_at: &str, size: Size, now: i64) -> String {
    let hardware = f.hardware.as_deref().map_or_else(|| "no hardware".into(), screen_line);
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

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

pub(super) fn popup(rect: Rect, buf: &mut Buffer, titles: &BoxTitles, editor: &ratatui_textarea::TextArea<'static>) {
    Clear.render(rect, buf);
    let block = Block::bordered()
        .title(titles.top.as_str())
        .title_bottom(Line::from(format!(" {} ", titles.keys.join(" · "))).right_aligned())
        .border_style(Style::new().cyan());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let copy = drawn_editor(editor, inner, buf);
    // A note longer than the box shows only where the caret is (its end, once pasted): the
    // bottom edge counts the rows out of sight above and below, left of the keys.
    let (above, below) = out_of_sight(copy.as_ref().unwrap_or(editor), inner.height);
    let keys = titles.keys.join(" · ").chars().count() + 2;
    let room = usize::from(inner.width).saturating_sub(keys + 1);
    let lines = |n| crate::format::count(n, "more line", "more lines");
    let said = match (above, below) {
        (0, 0) => return,
        (above, 0) => format!(" ↑ {} ", lines(above)),
        (0, below) => format!(" ↓ {} ", lines(below)),
        // Both said whole where they fit beside the keys, else the first count bare.
        (above, below) => Some(format!(" ↑ {} · ↓ {} ", lines(above), lines(below)))
            .filter(|both| both.chars().count() <= room)
            .unwrap_or_else(|| format!(" ↑ {above} · ↓ {} ", lines(below))),
    };
    let edge = Rect { x: rect.x + 1, y: rect.bottom().saturating_sub(1), width: inner.width, height: 1 };
    Line::from(said).cyan().render(edge, buf);
}

/// An editor drawn in `inner` as the screen draws every text: each line through
/// [`screen_block`], the caret at the same place in that text, scrolled as the editor is. The
/// editor holds the judge's text, which may keep what the screen does not draw (a zero-width
/// space, a private-use character, a tag character): drawn raw, a terminal gave these widths
/// of its own (a stale cell, the box's right edge pushed out). Such a text is drawn from a copy,
/// given back for the caret and the rows out of sight to be read from; a text the screen draws
/// as it is (nearly every one: a 400,000-character note is not copied a frame) is drawn
/// itself, and `None` given back.
fn drawn_editor(
    editor: &ratatui_textarea::TextArea<'static>,
    inner: Rect,
    buf: &mut Buffer,
) -> Option<ratatui_textarea::TextArea<'static>> {
    use ratatui_textarea::CursorMove;
    if editor.lines().iter().all(|l| screen_block(l) == *l) {
        editor.render(inner, buf);
        return None;
    }
    // Drawn out of sight first, the editor's scroll follows its caret from where it was; the
    // copy starts there, on rows that break where the editor's do (what is dropped is drawn in
    // no column, and U+FFFD takes the one a private-use character was counted in).
    editor.render(inner, &mut Buffer::empty(inner));
    let lines: Vec<String> = editor.lines().iter().map(|l| screen_block(l)).collect();
    // A place in the editor's text, in the copy's: as many letters in as are drawn before it.
    let drawn_at = |(row, col): (usize, usize)| {
        let head: String = editor.lines().get(row).map(|l| l.chars().take(col).collect()).unwrap_or_default();
        (row, screen_block(&head).chars().count(), lines.get(row).map_or(0, |l| l.chars().count()))
    };
    let ratatui_textarea::DataCursor(row, col) = editor.cursor();
    // The end of a selection that is not the caret, where it started.
    let anchor = editor.selection_range().map(|(start, end)| drawn_at(if start == (row, col) { end } else { start }));
    let caret = drawn_at((row, col));
    let mut shown = ratatui_textarea::TextArea::new(lines);
    shown.set_wrap_mode(editor.wrap_mode());
    shown.set_placeholder_text(editor.placeholder_text().to_owned());
    if let Some(style) = editor.placeholder_style() {
        shown.set_placeholder_style(style);
    }
    shown.set_style(editor.style());
    shown.set_cursor_style(editor.cursor_style());
    shown.set_cursor_line_style(editor.cursor_line_style());
    let (top, left) = editor.scroll_offset();
    shown.scroll((i16::try_from(top).unwrap_or(i16::MAX), i16::try_from(left).unwrap_or(i16::MAX)));
    let jump = |shown: &mut ratatui_textarea::TextArea, (row, at, end): (usize, usize, usize)| {
        let far = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        shown.move_cursor(CursorMove::Jump(far(row), far(at.min(end))));
        // A line past the farthest a jump reaches: its end, where typing mostly is.
        if at >= end {
            shown.move_cursor(CursorMove::End);
        }
    };
    if let Some(anchor) = anchor {
        jump(&mut shown, anchor);
        shown.start_selection();
    }
    jump(&mut shown, caret);
    shown.render(inner, buf);
    Some(shown)
}

/// The rows of an editor's text out of sight above and below its box, `height` rows high, as
/// last drawn (wrapped rows, as the box shows them).
fn out_of_sight(editor: &ratatui_textarea::TextArea, height: u16) -> (usize, usize) {
    let top = usize::from(editor.scroll_offset().0);
    (top, rows_of(editor).saturating_sub(top + usize::from(height)))
}

/// The rows an editor's text takes as last drawn (wrapped rows, as the box shows them).
fn rows_of(editor: &ratatui_textarea::TextArea) -> usize {
    // `screen_to_data` holds a row past the last at the last: the first row that reads as
    // the last is the last, and the rows are one more.
    let last = editor.screen_to_data(usize::MAX, 0);
    let (mut low, mut high) = (0, editor.lines().iter().map(|l| l.chars().count() + 1).sum::<usize>());
    while low < high {
        let mid = low + (high - low) / 2;
        if editor.screen_to_data(mid, 0) == last { high = mid } else { low = mid + 1 }
    }
    low + 1
}

/// Every key, its meaning wrapped beside it; on a screen too short for all, the last line says
/// how many keys are left out and what to do.
fn help<K: AsRef<str>>(area: Rect, buf: &mut Buffer, keys: &[(K, &str)]) {
    let width = area.width.min(80);
    let room = usize::from(width.saturating_sub(2));
    let keys: Vec<Vec<Line>> = keys
        .iter()
        .map(|(keys, what)| {
            hanging(&format!(" {}", pad(keys.as_ref(), 18)), what, room).into_iter().map(Line::from).collect()
        })
        .collect();
    let (lines, _) = fit::items(&keys, usize::from(area.height.saturating_sub(2)), |n| {
        Line::from(format!(" and {n} more keys: enlarge the terminal to see them")).dark_gray()
    });
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(Block::bordered().title(super::keys::help_title()).border_style(Style::new().cyan()))
        .render(rect, buf);
}

#[cfg(test)]
mod tests {
    use super::{Header, header_text};

    fn header(event: &str, filters: &[&str], sort: &str, room: usize) -> String {
        let filters: Vec<String> = filters.iter().map(|f| (*f).to_owned()).collect();
        header_text(&Header { event, builtin: true, judge: "tomas", filters: &filters, sort, room })
    }

    /// The header keeps the filters and the order at 80 columns (70 beside " judging "), its
    /// words shortened before the event's name is cut or goes: a filter had taken the order off
    /// the line.
    #[test]
    fn the_header_keeps_filters_and_order_shortening_words_first() {
        let event = "Build Small Hackathon";
        assert_eq!(
            header(event, &["track backyard"], "export order", 190),
            "Build Small Hackathon (built-in event) · judge tomas · showing track backyard · sorted by export order"
        );
        // Two words less keep the event's name whole.
        assert_eq!(
            header(event, &["track backyard"], "my total", 70),
            "Build Small Hackathon · judge tomas · track backyard · by my total"
        );
        assert_eq!(
            header(event, &["track backyard", "unscored", "no conflicts"], "my total", 70),
            "judge tomas · track backyard, unscored, no conflicts · by my total"
        );
        // A search too long for the line is cut, and the order stays.
        let query = format!("\"{}\"", "allotment watering ".repeat(4).trim_end());
        let said = header(event, &["track backyard", &query], "title", 70);
        assert!(
            said.starts_with("judge tomas · track backyard, \"allotment") && said.ends_with("… · by title"),
            "{said}"
        );
        // However narrow, never wider than the room.
        for room in 0..200 {
            let said = header(event, &["track backyard", &query, "unscored"], "export order", room);
            assert!(super::fit::width(&said) <= room, "{said:?} in {room}");
        }
    }
}
