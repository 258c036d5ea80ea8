//! The parts of a judge's sheet for one entry, declared once: a score per criterion, the
//! stopwatch readings, and the parts that hold one text each (the jury's note, the team's note,
//! a recusal's reason). The store's tables, what it counts and re-reads, the sheet, a change and
//! its undo, the score file's keys (written and read) and the merge's marks all derive from these
//! declarations, so a new text part is one variant in [`TextPart`] with its line in
//! [`TextPart::ALL`] and [`TextPart::spec`], and its migration.

use std::ops::{Index, IndexMut};

/// A part of the sheet that holds one text per entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextPart {
    /// The note for the jury only.
    Note = 0,
    /// The note the team may read, where `[feedback] notes` lets it reach them.
    TeamNote = 1,
    /// Why the judge stepped back from the entry.
    Recusal = 2,
}

/// Where a part is kept: its table, the column of its value, and the column that stamps when it
/// was written; and its key in a score file's body. Names are these constants, never input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub table: &'static str,
    pub column: &'static str,
    pub stamp: &'static str,
    /// The key of its map (entry id to value) in a score file's body.
    pub key: &'static str,
}

impl TextPart {
    /// Every text part, each at the index of its value.
    pub const ALL: [TextPart; 3] = [TextPart::Note, TextPart::TeamNote, TextPart::Recusal];

    pub const fn spec(self) -> Kept {
        match self {
            TextPart::Note => Kept { table: "notes", column: "text", stamp: "changed_at", key: "notes" },
            TextPart::TeamNote => Kept { table: "team_notes", column: "text", stamp: "changed_at", key: "team_notes" },
            TextPart::Recusal => Kept { table: "recusals", column: "reason", stamp: "recused_at", key: "recusals" },
        }
    }

    /// Whether a text of this part sets the judge's marks on the entry aside: a recused judge's
    /// scores, notes and times do not count.
    pub const fn sets_aside(self) -> bool {
        matches!(self, TextPart::Recusal)
    }

    /// How many texts of this part, in words: "1 note for the jury", "2 recusals".
    pub fn counted(self, n: usize) -> String {
        let (one, many) = match self {
            TextPart::Note => ("note for the jury", "notes for the jury"),
            TextPart::TeamNote => ("note for the team", "notes for the team"),
            TextPart::Recusal => ("recusal", "recusals"),
        };
        crate::format::count(n, one, many)
    }

    /// The part a score file's key names.
    pub fn from_key(key: &str) -> Option<TextPart> {
        TextPart::ALL.into_iter().find(|p| p.spec().key == key)
    }
}

/// One `T` per text part, indexed by the part: a sheet's texts, a score file's maps, a judge's
/// marks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ByPart<T>([T; TextPart::ALL.len()]);

impl<T> ByPart<T> {
    pub fn from_fn(make: impl FnMut(TextPart) -> T) -> Self {
        ByPart(TextPart::ALL.map(make))
    }

    pub fn iter(&self) -> impl Iterator<Item = (TextPart, &T)> {
        TextPart::ALL.into_iter().zip(&self.0)
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }
}

impl<T> Index<TextPart> for ByPart<T> {
    type Output = T;
    fn index(&self, part: TextPart) -> &T {
        &self.0[part as usize]
    }
}

impl<T> IndexMut<TextPart> for ByPart<T> {
    fn index_mut(&mut self, part: TextPart) -> &mut T {
        &mut self.0[part as usize]
    }
}

/// Where the finals' comparisons are kept: a row per pair, its first entry (the smaller id) as
/// `submission_id`, so that what is re-read by entry finds them.
pub const COMPARISONS: Kept =
    Kept { table: "comparisons", column: "verdict", stamp: "compared_at", key: "comparisons" };

/// Every part's table, the scores and readings first: what the store counts, and re-reads when
/// another process wrote.
pub fn all_kept() -> impl Iterator<Item = Kept> {
    [
        Kept { table: "scores", column: "value", stamp: "given_at", key: "scores" },
        Kept { table: "readings", column: "seconds", stamp: "timed_at", key: "readings" },
        COMPARISONS,
    ]
    .into_iter()
    .chain(TextPart::ALL.into_iter().map(TextPart::spec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_sits_at_its_own_index_and_has_its_own_names() {
        for (i, part) in TextPart::ALL.into_iter().enumerate() {
            assert_eq!(part as usize, i, "{part:?} is listed out of order");
            assert_eq!(TextPart::from_key(part.spec().key), Some(part));
        }
        let kept: Vec<Kept> = all_kept().collect();
        for (i, a) in kept.iter().enumerate() {
            for b in &kept[i + 1..] {
                assert!(a.table != b.table && a.key != b.key, "{a:?} and {b:?} share a name");
            }
        }
    }

    #[test]
    fn by_part_reads_and_writes_the_part_it_is_given() {
        let mut texts: ByPart<Vec<&str>> = ByPart::default();
        texts[TextPart::TeamNote].push("team");
        assert_eq!(texts[TextPart::TeamNote], ["team"]);
        assert!(texts[TextPart::Note].is_empty() && texts[TextPart::Recusal].is_empty());
        let named = ByPart::from_fn(|p| p.spec().key);
        assert_eq!(named.iter().map(|(p, k)| (p, *k)).collect::<Vec<_>>()[2], (TextPart::Recusal, "recusals"));
    }
}
