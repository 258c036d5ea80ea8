//! A judge's mark on an entry, as every method reads it.

/// One judge's mark for one entry, by their places in the panel. The places are kept in 32
/// bits: a panel of 1.5 million marks, held twice in a merge with a prize by criterion, takes 16
/// bytes a mark instead of 24.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    judge: u32,
    entry: u32,
    pub value: f64,
}

impl Mark {
    pub fn new(judge: usize, entry: usize, value: f64) -> Mark {
        // A panel's judges and entries number far below 2^32: a score file is capped at
        // scorefile::MAX_BYTES, and an export at export.max_mb.
        let place = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        Mark { judge: place(judge), entry: place(entry), value }
    }

    pub fn judge(&self) -> usize {
        self.judge as usize
    }

    pub fn entry(&self) -> usize {
        self.entry as usize
    }
}
