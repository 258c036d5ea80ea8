//! What judging prints: tables, CSV and JSON, always from sanitised text.

pub mod columns;
pub mod entry;
pub mod feedback;
pub mod finals;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod html;
pub mod json;
pub mod list;
pub mod md;
pub mod public;
pub mod rankings;
pub mod results;
pub mod svg;

/// What every output says of an entry the event's rules exclude from prizes: the jury's view of
/// an entry ("Cannot win a prize under the event's rules: no demo video.") and the index of the
/// teams' pages alike.
pub const CANNOT_WIN: &str = "cannot win a prize under the event's rules";

/// [`CANNOT_WIN`] opening a sentence.
pub fn cannot_win_sentence() -> String {
    opening(CANNOT_WIN)
}

/// `text` opening a sentence: its first letter in capitals.
pub fn opening(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
pub mod wrap;

/// A criterion's label as it heads a table's column of its scores: in capitals, cleaned, cut to
/// 7 columns and padded to them from the left (over numbers), by terminal columns: "{:>7}"
/// counts characters, and a wide label ("実用性") had pushed the headings off their numbers.
pub fn criterion_heading(label: &str) -> String {
    crate::text_width::pad_left(&crate::format::fit(&criterion_name(label), 7), 7)
}

/// A criterion as the merge's tables head its column (`UTILITY`), whole: the terminal's table
/// fits it to its column ([`criterion_heading`]), the Markdown's does not need to.
pub fn criterion_name(label: &str) -> String {
    crate::sanitize::clean_line(&label.to_uppercase())
}

/// A criterion as a Markdown table heads its column: as judging.toml labels it, as the other
/// headings there are written ("| Place | Entry | Score | Utility |"), where "UTILITY" had
/// stood beside them in capitals.
pub fn criterion_label(label: &str) -> String {
    crate::sanitize::clean_line(label)
}

/// How wide a table's column of words (a title, a team) may be for its rows to fit a terminal
/// `width` columns wide beside the `rest` of a row: as wide as `natural`, never under `least`
/// (a title cut to a few letters names nothing); `natural` where no width is known, so that a
/// file or a pipe gets the same lines whatever the terminal.
pub fn words_width(width: Option<usize>, rest: usize, (least, natural): (usize, usize)) -> usize {
    width.map_or(natural, |w| w.saturating_sub(rest).clamp(least, natural))
}

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

/// Places apart whose values show alike to the two decimals printed, though the values differ:
/// the first such pair of neighbouring `rows` (in place order; `figures` gives each one's place,
/// value and whether a finals round set the place, `label` names it), and how many more, in one
/// sentence; `None` where there is none. Equal values are ties or tie-breaks, which their flags
/// say, and places a finals round set are not the values'. Only the pair said is labelled.
pub fn alike_when_shown<T>(
    rows: &[T],
    figures: impl Fn(&T) -> (usize, f64, bool),
    label: impl Fn(&T) -> String,
) -> Option<String> {
    let shown = |v: f64| format!("{v:.2}");
    let (upper, lower, more) =
        first_pair(rows, |upper, lower| placed_apart_shown_alike(figures(upper), figures(lower)))?;
    let ((p, value, _), (q, _, _)) = (figures(upper), figures(lower));
    let (a, b) = (label(upper), label(lower));
    let others = and_more_pairs(more);
    Some(format!(
        "Places apart, scores alike: #{p} {a} and #{q} {b} both show {}{others}; their scores differ beyond the two decimals shown, and the unrounded scores place them (the JSON gives every digit).",
        shown(value)
    ))
}

/// Whether two neighbouring rows, each (place, value, placed by the finals), stand at places
/// apart on values that differ but show alike to two decimals: what [`alike_when_shown`] says
/// under a table, and the head judge's screen beside the entry.
pub fn placed_apart_shown_alike((p, a, fa): (usize, f64, bool), (q, b, fb): (usize, f64, bool)) -> bool {
    !fa && !fb && p != q && crate::format::shown_alike(a, b)
}

/// The first pair of neighbouring `rows` that `picked` picks, and how many more pairs it picks.
pub fn first_pair<T>(rows: &[T], picked: impl Fn(&T, &T) -> bool) -> Option<(&T, &T, usize)> {
    let mut pairs = rows.windows(2).filter(|pair| picked(&pair[0], &pair[1]));
    let first = pairs.next()?;
    Some((&first[0], &first[1], pairs.count()))
}

/// ", and 3 more pairs" after the first pair said; nothing without more.
pub fn and_more_pairs(more: usize) -> String {
    if more == 0 { String::new() } else { format!(", and {}", crate::format::count(more, "more pair", "more pairs")) }
}

#[cfg(test)]
mod tests {
    /// A criterion's heading takes its 7 columns over the scores whatever its letters.
    #[test]
    fn a_criterion_heading_is_7_columns_of_any_letters() {
        for (label, heading) in [
            ("Utility", "UTILITY"),
            ("実用性", " 実用性"),
            ("Cou\u{302}t", "   COU\u{302}T"),
            ("Creativity", "CREATI…"),
            ("a\u{1b}[2J", "      A"),
        ] {
            let said = super::criterion_heading(label);
            assert_eq!((said.as_str(), crate::text_width::width(&said)), (heading, 7), "{label:?}");
        }
    }

    #[test]
    fn places_apart_alike_when_shown_are_said_by_their_labels() {
        type Row = (usize, &'static str, f64, bool);
        let said = |rows: &[Row]| super::alike_when_shown(rows, |r| (r.0, r.2, r.3), |r| r.1.to_owned());
        let two = said(&[(1, "Pantry Poet", 3.2104, false), (2, "Lullaby Loom", 3.2071, false)]);
        assert!(two.is_some_and(|s| s.contains("#1 Pantry Poet and #2 Lullaby Loom both show 3.21;")));
        assert_eq!(said(&[(1, "a", 3.21, false), (2, "b", 3.21, false)]), None);
        assert_eq!(said(&[(1, "a", 3.2104, true), (2, "b", 3.2071, true)]), None);
        assert_eq!(said(&[(1, "a", 3.2104, false), (2, "b", 3.2049, false)]), None);
        assert_eq!(said(&[]), None);
    }

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
