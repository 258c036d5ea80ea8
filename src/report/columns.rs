//! The columns of the jury's table of a prize's places, one list for the terminal table, the
//! Markdown and the HTML page: no format shows a column another leaves out, and none shows a
//! column that is empty in every row.

use super::results::{Sheet, amount, note, place, value};
use crate::prizes::{Award, PrizeOutcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Place,
    /// Its place in the rubric round, where a finals round decided the places.
    Rubric,
    Entry,
    Team,
    /// What the prize ranks by: the score, badges, likes, a criterion, a file's values.
    Value,
    /// The judges a place rests on, where the judges' marks decide it.
    Judges,
    /// Its chance of a paid place (the merge's PAID), where one was worked out.
    Paid,
    Amount,
    /// That its entry is in no ranking (no judge scored it in full), where a prize the marks do
    /// not order placed it; how a tie was settled, or what an undecided one is about.
    Note,
}

impl Column {
    pub fn heading(self, p: &PrizeOutcome) -> String {
        match self {
            Column::Place => "Place".into(),
            Column::Rubric => "Rubric".into(),
            Column::Entry => "Entry".into(),
            Column::Team => "Team".into(),
            Column::Value => p.heading.clone(),
            Column::Judges => "Judges".into(),
            Column::Paid => "Paid".into(),
            Column::Amount => "Amount".into(),
            Column::Note => "Note".into(),
        }
    }

    /// A number, right-aligned and never broken across lines.
    pub fn numeric(self) -> bool {
        matches!(self, Column::Place | Column::Rubric | Column::Value | Column::Judges | Column::Paid | Column::Amount)
    }

    /// The class an HTML page names it by.
    pub fn class(self) -> &'static str {
        match self {
            Column::Place => "place",
            Column::Rubric => "rubric",
            Column::Entry => "entry",
            Column::Team => "team",
            Column::Value => "value",
            Column::Judges => "judges",
            Column::Paid => "paid",
            Column::Amount => "amount",
            Column::Note => "note",
        }
    }

    /// The cell's text, as it is: entrants' words included, for each format to make safe.
    pub fn text(self, sheet: &Sheet, p: &PrizeOutcome, a: &Award) -> String {
        match self {
            Column::Place => place(a),
            Column::Rubric => {
                a.support.as_ref().and_then(|s| s.rubric_place).map(|p| p.to_string()).unwrap_or_default()
            }
            Column::Entry => a.title.clone(),
            Column::Team => a.team.clone(),
            Column::Value => value(p, a),
            Column::Judges => a.support.as_ref().map(|s| s.judges.to_string()).unwrap_or_default(),
            Column::Paid => a.support.as_ref().and_then(|s| s.chance).map(crate::format::percent).unwrap_or_default(),
            Column::Amount => amount(sheet, a),
            Column::Note => note(sheet, p, a),
        }
    }
}

/// The columns of a prize's table, in order; a column with nothing in any row is left out.
pub fn columns(sheet: &Sheet, p: &PrizeOutcome) -> Vec<Column> {
    let every = [
        Column::Place,
        Column::Rubric,
        Column::Entry,
        Column::Team,
        Column::Value,
        Column::Judges,
        Column::Paid,
        Column::Amount,
        Column::Note,
    ];
    let always = [Column::Place, Column::Entry, Column::Team];
    every
        .into_iter()
        .filter(|c| always.contains(c) || p.awards.iter().any(|a| !c.text(sheet, p, a).trim().is_empty()))
        .collect()
}
