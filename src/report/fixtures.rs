//! Outcomes for the report tests: a prize nobody earned marks for, whose one paid place is shared
//! by every entry, as every format meets it at scale.

use super::results::Sheet;
use crate::prizes::{Award, Flagged, Outcome, Passed, PrizeOutcome, Tie};

/// One prize, "Badges", whose place 1 (paying $100) `tied` entries share undecided, with as many
/// entries passed over and as many not eligible.
pub fn tied(tied: usize) -> Outcome {
    let award = |i: usize| Award {
        place: 1,
        id: format!("e{i}"),
        title: format!("Entry {i}"),
        team: String::new(),
        amount: None,
        value: 0.0,
        tie: Some(Tie::Undecided { with: vec![], others: tied - 1, shares: vec![100.0] }),
        support: None,
        unranked: None,
    };
    let prize = PrizeOutcome {
        id: "badges".into(),
        name: "Badges".into(),
        by: "badges".into(),
        finals: false,
        heading: "Badges".into(),
        by_count: true,
        awards: (0..tied).map(award).collect(),
        passed_over: (0..tied)
            .map(|i| Passed { id: format!("p{i}"), title: format!("P{i}"), reason: "r".into() })
            .collect(),
        notes: vec![],
        unawarded: vec![],
    };
    let flagged = (0..tied).map(|i| Flagged { id: format!("f{i}"), title: format!("F{i}"), reasons: vec!["r".into()] });
    Outcome {
        prizes: vec![prize],
        ineligible: flagged.collect(),
        unverified: vec![],
        decisions: vec![],
        warnings: vec![],
    }
}

/// The sheet every jury format prints `outcome` from.
pub fn sheet(outcome: &Outcome) -> Sheet<'_> {
    Sheet {
        event: "E",
        method: "calibrated",
        currency: "$",
        decisions_file: None,
        outcome,
        made: jiff::civil::date(2026, 12, 2),
        judges: &[],
        held: &[],
        robustness: None,
        left_out: &[],
    }
}
