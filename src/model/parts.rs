//! The parts of a judge's sheet for one entry, declared once: a score per criterion, the
//! stopwatch readings, and the parts that hold one text each (the jury's note, the team's note,
//! a recusal's reason). The store's tables, what it counts and re-reads, the sheet's size and
//! copy, and a change's undo all derive from these declarations, so a new text part is one line
//! in [`TextPart::ALL`] with its [`TextPart::spec`], and its migration.

/// A part of the sheet that holds one text per entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextPart {
    /// The note for the jury only.
    Note,
    /// The note the team may read, where `[feedback] notes` lets it reach them.
    TeamNote,
    /// Why the judge stepped back from the entry.
    Recusal,
}

/// Where a part is kept: its table, the column of its value, and the column that stamps when it
/// was written. Names are these constants, never input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub table: &'static str,
    pub column: &'static str,
    pub stamp: &'static str,
}

impl TextPart {
    pub const ALL: [TextPart; 3] = [TextPart::Note, TextPart::TeamNote, TextPart::Recusal];

    pub const fn spec(self) -> Kept {
        match self {
            TextPart::Note => Kept { table: "notes", column: "text", stamp: "changed_at" },
            TextPart::TeamNote => Kept { table: "team_notes", column: "text", stamp: "changed_at" },
            TextPart::Recusal => Kept { table: "recusals", column: "reason", stamp: "recused_at" },
        }
    }
}

/// Every part's table, the scores and readings first: what the store counts, and re-reads when
/// another process wrote.
pub fn all_kept() -> impl Iterator<Item = Kept> {
    [
        Kept { table: "scores", column: "value", stamp: "given_at" },
        Kept { table: "readings", column: "seconds", stamp: "timed_at" },
    ]
    .into_iter()
    .chain(TextPart::ALL.into_iter().map(TextPart::spec))
}
