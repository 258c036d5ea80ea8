//! What judging prints: tables, CSV and JSON, always from sanitised text.

pub mod columns;
pub mod entry;
pub mod feedback;
pub mod html;
pub mod list;
pub mod public;
pub mod rankings;
pub mod results;

/// The most rows a printed list shows before "and N more": a prize nobody earned marks for can
/// tie thousands of entries, and a page for the jury must stay one they can read and print.
pub const LONGEST_LIST: usize = 40;

/// The first [`LONGEST_LIST`] of a list, and how many are left out.
pub fn first_rows<T>(items: &[T]) -> (&[T], usize) {
    let shown = items.len().min(LONGEST_LIST);
    (&items[..shown], items.len() - shown)
}
