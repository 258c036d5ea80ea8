//! What both screens' drawing shares: the smallest screen, the judge's screen's areas (which the
//! app's state reads to know how far a page scrolls), and text measured in terminal columns.
//!
//! A leaf: it knows rubrics and rectangles, nothing of either screen's state.

use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthStr;

use crate::model::Criterion;

/// The smallest screen either layout works in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The list keeps at least its borders, its header and four entries.
const MIN_LIST: u16 = 7;

/// Whether a screen of this size is smaller than the layouts work in.
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// The judge's screen's parts: header, list, the entry beside its scores, footer. The scores get
/// the rows their rubric needs (every criterion, the focused one's levels, the total and the
/// note) and at least half the room; the list gets what is left.
pub fn areas(area: Rect, criteria: &[Criterion]) -> [Rect; 4] {
    let room = area.height.saturating_sub(3);
    let bottom = scores_height(criteria).max(room * 11 / 20).min(room.saturating_sub(MIN_LIST));
    area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(bottom),
        Constraint::Length(2),
    ]))
}

/// The scores pane's rows: a line per criterion, the longest list of levels, the total, two lines
/// of note, and the borders.
fn scores_height(criteria: &[Criterion]) -> u16 {
    let levels = criteria.iter().map(|c| c.levels.len()).max().unwrap_or(0);
    u16::try_from(criteria.len() + levels + 1 + 2 + 2).unwrap_or(u16::MAX)
}

/// How many rows of the list a screen of this size shows: the app scrolls by it.
pub fn rows_in_sight(criteria: &[Criterion], width: u16, height: u16) -> usize {
    let [_, table, _, _] = areas(Rect::new(0, 0, width, height), criteria);
    // The list's borders and its header row.
    usize::from(table.height.saturating_sub(3)).max(1)
}

/// How many terminal columns `text` takes: a CJK character takes two.
pub fn columns(text: &str) -> usize {
    text.width()
}

/// `text` followed by spaces up to `width` columns (`format!("{:<w$}")` counts characters, and
/// misaligns wide ones).
pub fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_owned();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(columns(text))));
    out
}

/// Spaces, then `text`, up to `width` columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(columns(text))).collect();
    out.push_str(text);
    out
}

/// The first characters of `text` that fit in `width` columns, without an ellipsis.
pub fn take_columns(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
