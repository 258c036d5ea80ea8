//! The columns of the head judge's rankings table, fitted to the room and to what is in sight.
//! Widths are terminal columns: a CJK title takes two a character.

use ratatui::layout::Constraint;

use super::{Board, DECIDED};
use crate::format::mean;
use crate::rankings::{Flag, Ranked};
use crate::sanitize::screen_line;
use crate::tui::layout::columns;

/// Titles keep at least this many columns (the side shows the selected one whole).
const TITLE_LEAST: usize = 12;

/// How the flags show: by their labels, by their short forms (explained under the table), or
/// not at all (the side says them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FlagForm {
    Label,
    Short,
    Hidden,
}

/// The columns of the rankings table, each as wide as its widest value in sight or its heading,
/// so that a number or a heading shows whole or not at all; the titles take the rest, cut with
/// "…" when they must be.
pub(super) struct Columns {
    criteria: Vec<(String, usize)>,
    shown_criteria: usize,
    /// Place, score, paid, judges, gap, flags (by label), flags (short).
    widths: [usize; 7],
    gap: bool,
    paid: bool,
    flags: FlagForm,
    /// The titles' column.
    pub(super) title: usize,
}

/// The cells of one entry, in the order of [`Columns::widths`]: place, score, paid, judges, gap,
/// flags by label, flags short. A tie decisions.toml settles (`settled`) says so in place of
/// the tie.
fn fixed_cells(e: &Ranked, settled: bool) -> [String; 7] {
    let flags = |f: fn(Flag) -> &'static str, decided: &str| {
        let each = e.flags.iter().map(|x| if settled && *x == Flag::Tie { decided } else { f(*x) });
        each.collect::<Vec<_>>().join(" ")
    };
    [
        e.place.to_string(),
        format!("{:.2}", e.score),
        e.chance_text(),
        e.judges.to_string(),
        e.gap_text(),
        flags(Flag::label, DECIDED.0),
        flags(Flag::short, DECIDED.1),
    ]
}

const HEADERS: [&str; 7] = ["#", "SCORE", "PAID", "J", "GAP", "FLAGS", "FLAGS"];

impl Columns {
    /// Every column at its widest, the titles whole: what the table would take if it could.
    fn all(board: &Board, in_sight: &[&Ranked]) -> (Columns, usize) {
        let cells: Vec<[String; 7]> = in_sight.iter().map(|e| fixed_cells(e, board.settled(e))).collect();
        let mut widths = [0; 7];
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
                let widest = in_sight.iter().map(|e| mean(e.by_criterion.get(k).copied().flatten(), 2).len()).max();
                let name = c.to_uppercase();
                let width = widest.unwrap_or(0).max(columns(&name));
                (name, width)
            })
            .collect();
        let paid = in_sight.iter().any(|e| e.chance.is_some());
        let titles = in_sight.iter().map(|e| columns(&screen_line(&e.title))).max().unwrap_or(0).max("ENTRY".len());
        let c = Columns {
            shown_criteria: criteria.len(),
            criteria,
            widths,
            gap: true,
            paid,
            flags: FlagForm::Label,
            title: titles,
        };
        (c, titles)
    }

    /// The columns the table wants for the rows in sight, its borders and the selection's
    /// mark included: the room beyond it is the side's.
    pub(super) fn wanted(board: &Board, in_sight: &[&Ranked]) -> usize {
        let (c, titles) = Columns::all(board, in_sight);
        c.used() + titles + 4
    }

    /// The columns in `room` (inside the borders and the selection's mark). Titles keep at
    /// least 12 columns. To make them room, whole columns go: the gap first (the side shows
    /// it), then the criteria's means, the last first (the side shows each judge's); then the
    /// flags take their short forms, then the chance of a paid place goes, then the flags (the
    /// side and what to deliberate say them).
    pub(super) fn fit(board: &Board, in_sight: &[&Ranked], room: usize) -> Columns {
        let (mut c, _) = Columns::all(board, in_sight);
        while c.used() + TITLE_LEAST > room {
            if c.gap {
                c.gap = false;
            } else if c.shown_criteria > 0 {
                c.shown_criteria -= 1;
            } else if c.flags == FlagForm::Label && c.widths[6] < c.widths[5] {
                c.flags = FlagForm::Short;
            } else if c.paid {
                c.paid = false;
            } else if c.flags != FlagForm::Hidden {
                c.flags = FlagForm::Hidden;
            } else {
                break;
            }
        }
        c.title = room.saturating_sub(c.used()).max(1);
        c
    }

    /// Columns wide, besides the title, with one space between columns.
    fn used(&self) -> usize {
        let w = &self.widths;
        let mut used = w[0] + w[1] + w[3] + 3;
        used += self.criteria.iter().take(self.shown_criteria).map(|(_, w)| w + 1).sum::<usize>();
        used += if self.gap { w[4] + 1 } else { 0 } + if self.paid { w[2] + 1 } else { 0 };
        used += match self.flags {
            FlagForm::Label => w[5] + 1,
            FlagForm::Short => w[6] + 1,
            FlagForm::Hidden => 0,
        };
        used
    }

    /// Which fixed columns show, in the order of [`fixed_cells`].
    fn shown(&self) -> [bool; 7] {
        [true, true, self.paid, true, self.gap, self.flags == FlagForm::Label, self.flags == FlagForm::Short]
    }

    pub(super) fn widths(&self) -> Vec<Constraint> {
        let len = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
        let shown = self.shown();
        let mut out = vec![len(self.widths[0]), len(self.title), len(self.widths[1])];
        if shown[2] {
            out.push(len(self.widths[2]));
        }
        out.extend(self.criteria.iter().take(self.shown_criteria).map(|(_, w)| len(*w)));
        out.extend((3..7).filter(|k| shown[*k]).map(|k| len(self.widths[k])));
        out
    }

    pub(super) fn header(&self) -> Vec<String> {
        let shown = self.shown();
        let mut out = vec!["#".to_owned(), "ENTRY".into(), "SCORE".into()];
        if shown[2] {
            out.push("PAID".into());
        }
        out.extend(self.criteria.iter().take(self.shown_criteria).map(|(c, _)| c.clone()));
        out.extend((3..7).filter(|k| shown[*k]).map(|k| HEADERS[k].to_owned()));
        out
    }

    /// The cells of `e`, its title already cut to the title's column (apart from the others'),
    /// `settled` when decisions.toml settles its tie.
    pub(super) fn cells(&self, e: &Ranked, settled: bool, title: String) -> Vec<String> {
        let shown = self.shown();
        let fixed = fixed_cells(e, settled);
        let mut out = vec![fixed[0].clone(), title, fixed[1].clone()];
        if shown[2] {
            out.push(fixed[2].clone());
        }
        out.extend(e.by_criterion.iter().take(self.shown_criteria).map(|v| mean(*v, 2)));
        out.extend((3..7).filter(|k| shown[*k]).map(|k| fixed[k].clone()));
        out
    }

    /// Under the table, when the flags show short: what each short form in sight means.
    pub(super) fn legend(&self, board: &Board, in_sight: &[&Ranked]) -> Vec<String> {
        if self.flags != FlagForm::Short {
            return Vec::new();
        }
        let shows = |f: Flag| in_sight.iter().any(|e| e.has(f) && !(f == Flag::Tie && board.settled(e)));
        let decided = in_sight.iter().any(|e| board.settled(e)).then(|| format!("{} {}", DECIDED.1, DECIDED.0));
        Flag::ALL
            .into_iter()
            .filter(|f| shows(*f))
            .map(|f| format!("{} {}", f.short(), f.label()))
            .chain(decided)
            .collect()
    }
}
