//! The list on screen: what it shows (track, unscored only, mine only, the search), in which
//! order, and which row is selected and in sight.

use ratatui::widgets::TableState;

use super::entries::{CELLS, Entries, Entry};
use super::scores::Scores;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Export,
    Title,
    Status,
    Total,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Export => "export order",
            Sort::Title => "title",
            Sort::Status => "status",
            Sort::Total => "my total",
        }
    }

    /// The word the store keeps for this order (the screen's place, [`super::Place`]).
    pub fn key(self) -> &'static str {
        match self {
            Sort::Export => "export",
            Sort::Title => "title",
            Sort::Status => "status",
            Sort::Total => "total",
        }
    }

    /// The order a kept word names; `None` for a word no order has (a store from another build).
    pub fn from_key(word: &str) -> Option<Sort> {
        [Sort::Export, Sort::Title, Sort::Status, Sort::Total].into_iter().find(|s| s.key() == word)
    }

    #[must_use]
    pub fn next(self) -> Sort {
        match self {
            Sort::Export => Sort::Title,
            Sort::Title => Sort::Status,
            Sort::Status => Sort::Total,
            Sort::Total => Sort::Export,
        }
    }
}

pub struct ListView {
    pub track: Option<String>,
    pub unscored_only: bool,
    pub mine_only: bool,
    /// The search kept from the last `/`.
    pub query: String,
    pub sort: Sort,
    /// Indices into the entries: the filtered, sorted list on screen. Worked out by `refresh`
    /// only, from the filters above.
    rows: Vec<usize>,
    /// The selected position in `rows`, and the first row in sight.
    table: TableState,
    /// Rows of the list in sight on the screen as it is now.
    pub rows_in_sight: usize,
    /// The widest of each column's cells in the whole list, by `refresh` ([`Entry::cell`]).
    widest: [usize; CELLS],
    /// A score changed since `refresh`, under a filter or order that reads scores: the entry
    /// scored stays where it is while the judge is on it, and the list is worked out again once
    /// they move on ([`ListView::scored`], [`ListView::moved_on`]).
    stale: bool,
    /// The entry selected when a filter or search took it out of the list: selected again when
    /// the list shows it once more (a search that found nothing, cleared, loses no place).
    lost: Option<String>,
}

impl Default for ListView {
    fn default() -> Self {
        ListView {
            track: None,
            unscored_only: false,
            mine_only: false,
            query: String::new(),
            sort: Sort::Export,
            rows: Vec::new(),
            table: TableState::new().with_selected(Some(0)),
            rows_in_sight: 10,
            widest: [0; CELLS],
            stale: false,
            lost: None,
        }
    }
}

impl ListView {
    /// The list on screen: indices into the entries.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The widest cell of column `k` in the whole list (0 for the judge's own columns, status
    /// and total, whose widest the screen knows).
    pub fn widest(&self, k: usize) -> usize {
        self.widest.get(k).copied().unwrap_or(0)
    }

    /// The first row in sight.
    pub fn offset(&self) -> usize {
        self.table.offset()
    }

    /// The position of the selection in the list on screen.
    pub fn selected(&self) -> usize {
        self.table.selected().unwrap_or(0)
    }

    pub fn current<'e>(&self, entries: &'e Entries) -> Option<&'e Entry> {
        self.rows.get(self.selected()).map(|i| &entries[*i])
    }

    /// Lists again after a filter, sort or entries change. True when the selected entry is
    /// still the one selected.
    pub fn refresh(&mut self, entries: &Entries, scores: &Scores) -> bool {
        let keep = self.current(entries).map(|e| e.submission.id.clone());
        let query = crate::model::search_key(&self.query);
        let shown = |e: &Entry| {
            self.track.as_ref().is_none_or(|t| e.submission.track.as_ref() == Some(t))
                && (!self.unscored_only || scores.status_of(entries, e).open())
                && (!self.mine_only || !e.not_mine)
                && (query.is_empty() || e.haystack.contains(&query))
        };
        let mut rows: Vec<usize> = (0..entries.len()).filter(|i| shown(&entries[*i])).collect();
        match self.sort {
            // The calibration set first, so that every judge scores it before the rest.
            Sort::Export => rows.sort_by_key(|i| !entries.calibration.contains(&entries[*i].submission.id)),
            Sort::Title => rows.sort_by_cached_key(|i| entries[*i].cell(super::entries::TITLE).to_lowercase()),
            Sort::Status => rows.sort_by_key(|i| scores.status_of(entries, &entries[*i])),
            Sort::Total => rows.sort_by(|a, b| {
                let total =
                    |i: &usize| scores.counted_total(entries, &entries[*i].submission.id).unwrap_or(f64::NEG_INFINITY);
                total(b).total_cmp(&total(a))
            }),
        }
        self.widest = std::array::from_fn(|k| rows.iter().map(|i| entries[*i].widths[k]).max().unwrap_or(0));
        self.rows = rows;
        self.stale = false;
        let kept = keep.as_deref().and_then(|id| self.position_of(entries, id));
        // The entry a filter or search took from under the cursor comes back selected once the
        // list shows it again; until the judge moves, the first one taken is the one kept.
        let back = self.lost.as_deref().and_then(|id| self.position_of(entries, id));
        if back.is_some() {
            self.lost = None;
        } else if kept.is_none() && self.lost.is_none() {
            self.lost = keep;
        }
        self.table.select(Some(back.or(kept).unwrap_or(0)));
        self.scroll_to_selection();
        back.is_none() && kept.is_some()
    }

    /// A change was saved: where the list reads scores (the unscored filter, the order by
    /// status or total), it is out of date from now on.
    pub fn scored(&mut self) {
        self.stale |= self.unscored_only || matches!(self.sort, Sort::Status | Sort::Total);
        // Working on the entry in front of them is the judge's choice of place, as a move is.
        self.lost = None;
    }

    /// The judge moved to another entry: an entry scored meanwhile leaves the unscored list,
    /// and takes its place in the order, only now, so that nothing moves under the cursor.
    /// False when the entry selected left the list (then the first row is selected).
    pub fn moved_on(&mut self, entries: &Entries, scores: &Scores) -> bool {
        !self.stale || self.refresh(entries, scores)
    }

    pub fn position_of(&self, entries: &Entries, id: &str) -> Option<usize> {
        self.rows.iter().position(|i| entries[*i].submission.id == id)
    }

    /// Selects the submission with this id, if it is listed.
    pub fn select(&mut self, entries: &Entries, id: &str) -> bool {
        let Some(p) = self.position_of(entries, id) else { return false };
        self.select_row(p);
        true
    }

    pub fn select_row(&mut self, row: usize) {
        // A place the judge chose: no entry hidden earlier is to come back in its stead.
        self.lost = None;
        self.table.select(Some(row));
        self.scroll_to_selection();
    }

    /// Moves the selection by `delta` rows; true when it moved.
    pub fn move_by(&mut self, delta: isize) -> bool {
        if self.rows.is_empty() {
            return false;
        }
        let last = self.rows.len() - 1;
        let before = self.selected();
        self.select_row(before.saturating_add_signed(delta).min(last));
        self.selected() != before
    }

    /// A page: the rows in sight.
    pub fn page(&self, pages: isize) -> isize {
        pages.saturating_mul(isize::try_from(self.rows_in_sight.max(1)).unwrap_or(1))
    }

    /// Keeps the selected row in sight: the list scrolls only as far as it must, and never so
    /// far that rows stand empty below the last entry while entries above are hidden (a screen
    /// made taller shows more of the list, not blank rows).
    pub fn scroll_to_selection(&mut self) {
        let (rows, selected) = (self.rows_in_sight.max(1), self.selected());
        *self.table.offset_mut() = in_sight(self.table.offset(), selected, rows, self.rows.len());
    }
}

/// The first row to show: `offset` moved as little as keeps `selected` among `rows` rows, and no
/// further down than fills them from a list of `len`.
pub fn in_sight(offset: usize, selected: usize, rows: usize, len: usize) -> usize {
    let offset = if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    };
    offset.min(len.saturating_sub(rows))
}

#[cfg(test)]
mod tests {
    use super::in_sight;

    /// (offset, selected, rows in sight, entries) → the first row shown.
    #[test]
    fn the_list_keeps_the_selection_in_sight_and_its_rows_filled() {
        let cases = [
            ((0, 5, 10, 40), 0, "already in sight"),
            ((0, 15, 10, 40), 6, "down as far as it must"),
            ((20, 12, 10, 40), 12, "up to the selection"),
            // A screen grown from 10 rows to 30 with entry 35 selected at offset 30: all of the
            // last 30 are shown, not 10 and 20 blank rows.
            ((30, 35, 30, 40), 10, "filled from the end"),
            ((0, 3, 30, 5), 0, "a short list starts at the top"),
        ];
        for ((offset, selected, rows, len), want, why) in cases {
            assert_eq!(in_sight(offset, selected, rows, len), want, "{why}");
        }
    }
}
