//! The finals' part of a judge's sheet: which of two finalists the judge found better, or that
//! they are level. A pair is one pair whichever way round it is named: it is kept with the
//! smaller id first, and the answer is said of that order.

use std::fmt;

/// Which of a pair, in its kept order, a judge found better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    First,
    Second,
    Level,
}

impl Verdict {
    /// How the store keeps it.
    pub const fn key(self) -> &'static str {
        match self {
            Verdict::First => "first",
            Verdict::Second => "second",
            Verdict::Level => "level",
        }
    }

    pub fn from_key(key: &str) -> Option<Verdict> {
        [Verdict::First, Verdict::Second, Verdict::Level].into_iter().find(|v| v.key() == key)
    }
}

/// Two different entries, the smaller id first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pair {
    pub first: String,
    pub second: String,
}

impl Pair {
    /// The pair of `a` and `b`, in either order; `None` when they are one entry.
    pub fn new(a: &str, b: &str) -> Option<Pair> {
        match a.cmp(b) {
            std::cmp::Ordering::Less => Some(Pair { first: a.to_owned(), second: b.to_owned() }),
            std::cmp::Ordering::Greater => Some(Pair { first: b.to_owned(), second: a.to_owned() }),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The verdict that names `winner` (one of the pair), or level for `None`; `None` when the
    /// winner is not one of the two.
    pub fn verdict(&self, winner: Option<&str>) -> Option<Verdict> {
        match winner {
            None => Some(Verdict::Level),
            Some(w) if w == self.first => Some(Verdict::First),
            Some(w) if w == self.second => Some(Verdict::Second),
            Some(_) => None,
        }
    }

    /// The entry a verdict names, `None` for level.
    pub fn winner(&self, verdict: Verdict) -> Option<&str> {
        match verdict {
            Verdict::First => Some(&self.first),
            Verdict::Second => Some(&self.second),
            Verdict::Level => None,
        }
    }

    pub fn has(&self, id: &str) -> bool {
        self.first == id || self.second == id
    }
}

impl fmt::Display for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.first, self.second)
    }
}

/// What a judge answered on a pair, with their note on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    pub verdict: Verdict,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_one_pair_whichever_way_round_and_its_verdicts_name_its_entries() {
        let pair = Pair::new("pantry-poet", "bus-stop-oracle").expect("two entries");
        assert_eq!(Pair::new("bus-stop-oracle", "pantry-poet"), Some(pair.clone()));
        assert_eq!(pair.first, "bus-stop-oracle");
        assert!(Pair::new("a", "a").is_none());
        assert_eq!(pair.verdict(Some("pantry-poet")), Some(Verdict::Second));
        assert_eq!(pair.verdict(None), Some(Verdict::Level));
        assert_eq!(pair.verdict(Some("sprout-sense")), None);
        for v in [Verdict::First, Verdict::Second, Verdict::Level] {
            assert_eq!(Verdict::from_key(v.key()), Some(v));
            assert_eq!(pair.verdict(pair.winner(v)), Some(v));
        }
    }
}
