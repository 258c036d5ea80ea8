//! The columns of the head judge's rankings table, fitted to the room and to what is in sight.
//! Widths are terminal columns: a CJK title takes two a character.

use ratatui::layout::Constraint;

use super::Board;
use crate::format::mean;
use crate::rankings::Ranked;
use crate::sanitize::clean_line;
use crate::tui::layout::columns;

/// The columns of the rankings table, each as wide as its widest value in sight or its heading,
/// so that a number or a heading shows whole or not at all.
pub(super) struct Columns {
    criteria: Vec<(String, usize)>,
    shown_criteria: usize,
    widths: [usize; 6],
    gap: bool,
    paid: bool,
}

/// The cells of one entry, in the order of [`Columns::widths`]: place, score, paid, judges, gap,
/// flags.
fn fixed_cells(e: &Ranked) -> [String; 6] {
    let flags = e.flags.iter().map(|f| f.label()).collect::<Vec<_>>().join(" ");
    [e.place.to_string(), format!("{:.2}", e.score), e.chance_text(), e.judges.to_string(), e.gap_text(), flags]
}

const HEADERS: [&str; 6] = ["#", "SCORE", "PAID", "J", "GAP", "FLAGS"];

impl Columns {
    pub(super) fn fit(board: &Board, in_sight: &[&Ranked], room: usize) -> Columns {
        let cells: Vec<[String; 6]> = in_sight.iter().map(|e| fixed_cells(e)).collect();
        let mut widths = [0; 6];
        for (k, w) in widths.iter_mut().enumerate() {
            *w = cells.iter().map(|c| columns(&c[k])).max().unwrap_or(0).max(HEADERS[k].len());
        }
        // A criterion's column is as wide as its name: a heading shows whole or not at all.
        let criteria: Vec<(String, usize)> = board
            .rankings
            .criteria
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let widest = in_sight.iter().map(|e| mean(e.by_criterion.get(k).copied().flatten(), 1).len()).max();
                let name = c.to_uppercase();
                let width = widest.unwrap_or(0).max(columns(&name));
                (name, width)
            })
            .collect();
        let paid = in_sight.iter().any(|e| e.chance.is_some());
        // Titles keep at least 12 columns (the side shows the selected one whole). To make
        // them room, whole columns go: the gap first (the side shows it), then the criteria's
        // means, the last first (the side shows each judge's), then the chance of a paid place.
        let mut c = Columns { shown_criteria: criteria.len(), criteria, widths, gap: true, paid };
        while c.used() + 12 > room {
            if c.gap {
                c.gap = false;
            } else if c.shown_criteria > 0 {
                c.shown_criteria -= 1;
            } else if c.paid {
                c.paid = false;
            } else {
                break;
            }
        }
        c
    }

    /// Columns wide, besides the title, with one space between columns.
    fn used(&self) -> usize {
        let w = &self.widths;
        let mut used = w[0] + w[1] + w[3] + w[5] + 4;
        used += self.criteria.iter().take(self.shown_criteria).map(|(_, w)| w + 1).sum::<usize>();
        used += if self.gap { w[4] + 1 } else { 0 } + if self.paid { w[2] + 1 } else { 0 };
        used
    }

    /// Which fixed columns show, with the title after the place.
    fn shown(&self) -> [bool; 6] {
        [true, true, self.paid, true, self.gap, true]
    }

    pub(super) fn widths(&self) -> Vec<Constraint> {
        let len = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
        let shown = self.shown();
        let mut out = vec![len(self.widths[0]), Constraint::Min(12), len(self.widths[1])];
        if shown[2] {
            out.push(len(self.widths[2]));
        }
        out.extend(self.criteria.iter().take(self.shown_criteria).map(|(_, w)| len(*w)));
        out.extend((3..6).filter(|k| shown[*k]).map(|k| len(self.widths[k])));
        out
    }

    pub(super) fn header(&self) -> Vec<String> {
        let shown = self.shown();
        let mut out = vec!["#".to_owned(), "ENTRY".into(), "SCORE".into()];
        if shown[2] {
            out.push("PAID".into());
        }
        out.extend(self.criteria.iter().take(self.shown_criteria).map(|(c, _)| c.clone()));
        out.extend((3..6).filter(|k| shown[*k]).map(|k| HEADERS[k].to_owned()));
        out
    }

    pub(super) fn cells(&self, e: &Ranked) -> Vec<String> {
        let shown = self.shown();
        let fixed = fixed_cells(e);
        let mut out = vec![fixed[0].clone(), clean_line(&e.title), fixed[1].clone()];
        if shown[2] {
            out.push(fixed[2].clone());
        }
        out.extend(e.by_criterion.iter().take(self.shown_criteria).map(|v| mean(*v, 1)));
        out.extend((3..6).filter(|k| shown[*k]).map(|k| fixed[k].clone()));
        out
    }
}
