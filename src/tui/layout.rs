//! What both screens' drawing shares: the smallest screen, the judge's screen's areas (which the
//! app's state reads to know how far a page scrolls), and text measured in terminal columns.
//!
//! A leaf: it knows rubrics and rectangles, nothing of either screen's state.

use std::cell::Cell;

use ratatui::layout::{Constraint, Layout, Rect};

use crate::model::Criterion;
use crate::sanitize::screen_line;

/// The smallest screen either layout works in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The list keeps at least its borders, its header and four entries.
const MIN_LIST: u16 = 7;

/// Whether a screen of this size is smaller than the layouts work in.
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// The judge's screen's parts: header, list, the entry beside its scores, and a footer of
/// `footer` rows. The scores get the rows their rubric needs (every criterion, the focused
/// one's levels wrapped to the pane, the total); the entry gets the rows it `wants`, up to
/// about half the room, or every row the list's `listed` entries leave (a search that finds
/// one entry gives the rest to it); the list gets what is left, never under four entries when
/// it has them.
pub fn areas(area: Rect, rubric: &Rubric, footer: u16, wants: u16, listed: usize) -> [Rect; 4] {
    let room = area.height.saturating_sub(1 + footer);
    let [_, scores] = bottom(Rect { height: 1, ..area });
    let needed = rubric.scores_height(usize::from(scores.width.saturating_sub(2)));
    // The list's borders, its header and its rows (one row says when none is found).
    let list_needs = u16::try_from(listed.max(1)).unwrap_or(u16::MAX).saturating_add(3);
    let most = (room * 11 / 20).max(room.saturating_sub(list_needs));
    let bottom = needed.max(wants.min(most)).min(room.saturating_sub(MIN_LIST.min(list_needs)));
    area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(bottom),
        Constraint::Length(footer),
    ]))
}

/// The entry and its scores, side by side. Under 140 columns the scores take three fifths, so
/// that the focused criterion's levels read whole in few rows; the entry's description is what
/// shrinks first.
pub fn bottom(area: Rect) -> [Rect; 2] {
    let entry = if area.width >= 140 { 50 } else { 40 };
    area.layout(&Layout::horizontal([Constraint::Percentage(entry), Constraint::Fill(1)]))
}

/// The head of a level's line: its mark (chosen or not) and the values it covers.
pub fn level_head(mark: &str, from: u8, to: u8) -> String {
    if from == to { format!("  {mark}{from} ") } else { format!("  {mark}{from}–{to} ") }
}

/// The rows a criterion's levels take when wrapped to `room` columns (with room for the
/// stopwatch's mark).
pub fn level_rows(c: &Criterion, room: usize) -> usize {
    (0..c.levels.len())
        .filter_map(|i| Some((c.level_span(i)?, &c.levels[i].meaning)))
        .map(|([from, to], meaning)| {
            super::fit::hanging(&level_head(" ", from, to), &format!("{meaning} ⏱"), room).len()
        })
        .sum()
}

/// A rubric as the judge's screen lays it out: its criteria, their labels as shown and the
/// widest, and the rows the Scores pane needs for them at the last width asked for. Those rows
/// wrap every level of every criterion: with 3,000 criteria that was four fifths of each frame
/// (some 95 ms a key), so they are worked out once per width and again only when the width
/// changes (a resize). The criteria cannot change under what is kept: they are read only
/// through [`Rubric::criteria`].
#[derive(Default)]
pub struct Rubric {
    criteria: Vec<Criterion>,
    /// The pane's columns inside its borders when last asked, and its rows there. Kept while
    /// drawing, which reads the app's state only: the rows are the same counted afresh.
    height: Cell<Option<(usize, u16)>>,
    /// Each criterion's label as the screen shows it ([`screen_line`]d), its widest in columns,
    /// and the widest [`row_tail`]: measured once, not on each frame.
    labels: Vec<String>,
    widest_label: usize,
    widest_tail: usize,
}

impl Rubric {
    pub fn new(criteria: Vec<Criterion>) -> Rubric {
        let labels: Vec<String> = criteria.iter().map(|c| screen_line(&c.label)).collect();
        let widest_label = labels.iter().map(|l| columns(l)).max().unwrap_or(0);
        let widest_tail = criteria.iter().map(row_tail).max().unwrap_or(0);
        Rubric { criteria, height: Cell::new(None), labels, widest_label, widest_tail }
    }

    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    /// Each criterion's label as shown, in the criteria's order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The widest label shown, in columns.
    pub fn widest_label(&self) -> usize {
        self.widest_label
    }

    /// The widest [`row_tail`] of its criteria.
    pub fn widest_tail(&self) -> usize {
        self.widest_tail
    }

    /// The Scores pane's rows at `room` columns inside its borders ([`scores_height`]), counted
    /// once for each width in a row.
    pub fn scores_height(&self, room: usize) -> u16 {
        match self.height.get() {
            Some((kept, rows)) if kept == room => rows,
            _ => {
                let rows = scores_height(&self.criteria, room);
                self.height.set(Some((room, rows)));
                rows
            }
        }
    }
}

/// The columns a criterion's row in the Scores pane takes after its label, at the most: its
/// score as wide as the scale gives ("100"), the scale and the weight (" [100] 0–100 ×2"), and a
/// space.
pub fn row_tail(c: &Criterion) -> usize {
    columns(&format!(" [{}] {}–{} ×{}", c.scale.high, c.scale.low, c.scale.high, c.weight)) + 1
}

/// The scores pane's rows: a line per criterion, the most rows any criterion's levels take,
/// a line for a score being typed (on a scale of more than one key), the total, the borders.
fn scores_height(criteria: &[Criterion], room: usize) -> u16 {
    let levels = criteria.iter().map(|c| level_rows(c, room)).max().unwrap_or(0);
    let typing = usize::from(criteria.iter().any(|c| !c.scale.one_key()));
    u16::try_from(criteria.len() + levels + typing + 1 + 2).unwrap_or(u16::MAX)
}

/// How many rows of the list a screen of this size shows, with the footer at its smallest: the
/// app pages by it.
pub fn rows_in_sight(rubric: &Rubric, width: u16, height: u16) -> usize {
    let [_, table, _, _] = areas(Rect::new(0, 0, width, height), rubric, FOOTER, u16::MAX, usize::MAX);
    // The list's borders and its header row.
    usize::from(table.height.saturating_sub(3)).max(1)
}

/// The footer's rows at the least: a line of news, a line of keys. Longer news wraps, up to
/// [`FOOTER_MOST`].
pub const FOOTER: u16 = 2;
pub const FOOTER_MOST: u16 = 4;

/// Widths in terminal columns, by the one rule every screen and table uses
/// ([`crate::text_width`]).
pub use crate::text_width::{pad, pad_left, width as columns};

/// A link without its scheme and `www.`, and the Hub's `huggingface.co` as its short `hf.co`
/// (which leads to the same page): as people read links, and as a browser takes one pasted.
pub fn short_link(url: &str) -> String {
    let bare = url.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.");
    let bare = bare.strip_prefix("huggingface.co/").map_or_else(|| bare.to_owned(), |path| format!("hf.co/{path}"));
    crate::sanitize::screen_line(&bare)
}

/// The start of `text` that fits in `width` columns, without an ellipsis ([`crate::text_width::take`]).
pub fn take_columns(text: &str, width: usize) -> String {
    crate::text_width::take(text, width).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link as a judge copies it: no scheme nor `www.`, the Hub's own short host, no control
    /// characters nor escape sequences from the export.
    #[test]
    fn a_short_link_is_one_a_browser_takes() {
        assert_eq!(short_link("https://huggingface.co/spaces/org/app"), "hf.co/spaces/org/app");
        assert_eq!(short_link("http://www.loom.com/share/x"), "loom.com/share/x");
        assert_eq!(short_link("https://huggingface.com.evil.example/x"), "huggingface.com.evil.example/x");
        assert_eq!(short_link("https://x.org/a\u{1b}[2Jb"), "x.org/ab");
    }

    /// A list of few entries gives the entry pane the rows it does not need (a probe found a
    /// search for one entry leaving nine blank rows beside an entry cut short); a long list
    /// keeps its share.
    #[test]
    fn a_short_list_gives_its_rows_to_the_entry() {
        let rubric = Rubric::new(crate::config::Config::builtin().criteria);
        let area = Rect::new(0, 0, 100, 30);
        let entry_rows = |listed: usize| areas(area, &rubric, FOOTER, u16::MAX, listed)[2].height;
        let list_rows = |listed: usize| areas(area, &rubric, FOOTER, u16::MAX, listed)[1].height;
        assert!(entry_rows(1) > entry_rows(40), "{} against {}", entry_rows(1), entry_rows(40));
        assert_eq!(list_rows(1), 4, "borders, header and the one entry");
        assert_eq!(list_rows(40), area.height - 1 - FOOTER - entry_rows(40));
        assert!(list_rows(40) >= MIN_LIST);
    }

    /// The Scores pane's rows kept for the last width are those counted afresh, at each width in
    /// turn, back and forth, and a new width counts them again: the rows kept at 98 columns
    /// would be short at 38, where the levels wrap more.
    #[test]
    fn the_rows_kept_for_a_width_are_the_rows_counted_afresh() {
        let criteria = crate::config::Config::builtin().criteria;
        let rubric = Rubric::new(criteria.clone());
        assert_ne!(scores_height(&criteria, 38), scores_height(&criteria, 98), "widths that differ");
        for room in [98, 98, 38, 98, 38, 38, 157, 20, 0, 98] {
            assert_eq!(rubric.scores_height(room), scores_height(&criteria, room), "at {room} columns");
            assert_eq!(rubric.height.get(), Some((room, scores_height(&criteria, room))), "kept for {room}");
        }
    }

    /// The longest rubric's rows make room as before: every criterion, the most rows a
    /// criterion's levels wrap to (not the focused one's), a row for typing, the total, borders.
    #[test]
    fn the_scores_pane_needs_the_rows_of_the_longest_levels() {
        let mut criteria = crate::config::Config::builtin().criteria;
        criteria[2].levels[0].meaning = "word ".repeat(40);
        let rubric = Rubric::new(criteria.clone());
        let most = criteria.iter().map(|c| level_rows(c, 38)).max().unwrap_or(0);
        assert!(most > level_rows(&criteria[0], 38), "the third criterion's levels wrap the most");
        assert_eq!(usize::from(rubric.scores_height(38)), criteria.len() + most + 1 + 2);
    }

    /// The labels a rubric keeps are those the screen shows (no escape sequence from
    /// judging.toml), measured as drawn: a wide label's columns, not its letters.
    #[test]
    fn a_rubric_keeps_its_labels_as_shown_and_their_widest() {
        let mut criteria = crate::config::Config::builtin().criteria;
        criteria[0].label = "Util\u{1b}[2Jity".into();
        criteria[1].label = "実用性と速さ".into();
        criteria[2].scale = crate::model::Scale { low: 0, high: 100 };
        let rubric = Rubric::new(criteria.clone());
        assert_eq!(rubric.labels(), ["Utility", "実用性と速さ", "Cost"]);
        assert_eq!(rubric.widest_label(), 12, "six wide letters");
        assert_eq!(rubric.widest_tail(), row_tail(&criteria[2]));
        assert_eq!(rubric.widest_tail(), columns(" [100] 0–100 ×1") + 1);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(columns("実用性"), 6);
        assert_eq!(pad("実用性", 9), "実用性   ");
        assert_eq!(pad("Latency", 9), "Latency  ");
        assert_eq!(pad_left("実", 3), " 実");
        assert_eq!(take_columns("実用性", 3), "実");
        assert_eq!(take_columns("utility", 3), "uti");
    }
}
