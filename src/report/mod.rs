//! What judging prints: tables, CSV and JSON, always from sanitised text.

pub mod columns;
pub mod entry;
pub mod feedback;
pub mod finals;
#[cfg(test)]
mod fixtures;
pub mod html;
pub mod list;
pub mod public;
pub mod rankings;
pub mod results;
pub mod svg;

/// The most rows a printed list shows before "and N more": a prize nobody earned marks for can
/// tie thousands of entries, and a page for the jury must stay one they can read and print.
pub const LONGEST_LIST: usize = 40;

/// The first [`LONGEST_LIST`] of a list, and how many are left out.
pub fn first_rows<T>(items: &[T]) -> (&[T], usize) {
    let shown = items.len().min(LONGEST_LIST);
    (&items[..shown], items.len() - shown)
}

/// Every item `always` keeps, and the first [`LONGEST_LIST`] of the others, in their order; and
/// how many of the others are left out. The announcement lists every settled place in full, and
/// caps only the entries sharing a place still to be decided.
pub fn first_rows_but<T>(items: &[T], always: impl Fn(&T) -> bool) -> (Vec<&T>, usize) {
    let mut others = 0;
    let shown = items
        .iter()
        .filter(|item| {
            always(item) || {
                others += 1;
                others <= LONGEST_LIST
            }
        })
        .collect();
    (shown, others.saturating_sub(LONGEST_LIST))
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_keep_their_first_rows_and_what_must_always_show() {
        let items: Vec<usize> = (0..100).collect();
        let (shown, more) = super::first_rows(&items);
        assert_eq!((shown.len(), shown.last(), more), (super::LONGEST_LIST, Some(&39), 60));
        let (shown, more) = super::first_rows_but(&items, |i| i % 10 == 0);
        // The multiples of ten always; the first 40 of the other 90, which run out at 44.
        assert_eq!(more, 50);
        assert!(shown.contains(&&90) && shown.contains(&&44) && !shown.contains(&&45), "{shown:?}");
        assert_eq!(shown.len(), 10 + 40, "{shown:?}");
        let (shown, more) = super::first_rows_but(&items[..3], |_| false);
        assert_eq!((shown.len(), more), (3, 0));
    }
}
