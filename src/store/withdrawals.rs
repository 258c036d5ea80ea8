//! The one rule for how much a pull may withdraw unasked. An export that leaves out most of the
//! entries in play is far more often a cut-off download, the wrong file or a test export than
//! most teams withdrawing the night before the results; a pull that would withdraw that many is
//! refused before anything is kept, and done only when asked for with `--force`.

/// Whether a pull may withdraw whatever the export leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawals {
    /// Refused when [`too_many`] says so: what every pull does unless told otherwise.
    Guarded,
    /// `judging pull --force`: the organizer has looked, and the entries really left.
    Forced,
}

impl Withdrawals {
    /// `--force` given or not.
    pub fn forced_if(force: bool) -> Withdrawals {
        if force { Withdrawals::Forced } else { Withdrawals::Guarded }
    }
}

/// A few withdrawals never look like a broken export, however small the event: a handful of
/// teams do drop out.
pub const FEW: usize = 3;

/// What the entries in play are, for [`too_many`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InPlay {
    pub count: usize,
    /// They came from a built-in sample (the last pull's source): trying judging on the sample
    /// and then pulling the event's own export withdraws every sample entry, and loses nothing.
    pub from_sample: bool,
}

/// Whether withdrawing `withdrawing` of the entries `in_play`, with `valid` valid rows in the
/// export, looks like a broken or wrong export rather than teams leaving: more than half of the
/// entries in play and more than a few, or anything at all from an export with no valid row.
/// Never for the built-in sample's entries, which an event's first real export replaces.
pub fn too_many(in_play: InPlay, withdrawing: usize, valid: usize) -> bool {
    let many = valid == 0 || (withdrawing > FEW && withdrawing.saturating_mul(2) > in_play.count);
    withdrawing > 0 && many && !(in_play.from_sample && valid > 0)
}

/// A pull refused by [`too_many`], with what the organizer needs to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The export's name, without any secret a URL may hold.
    pub source: String,
    pub in_play: usize,
    /// The ids it would withdraw, sorted.
    pub withdrawing: Vec<String>,
    /// The export's valid rows, and its rejected ones.
    pub valid: usize,
    pub rejected: usize,
}

/// How many of the ids it would withdraw the refusal names.
const NAMED: usize = 5;

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::format::count;
        let ids: Vec<String> = self.withdrawing.iter().map(|id| crate::sanitize::in_quotes(id)).collect();
        let holds = match (self.valid, self.rejected) {
            (0, 0) => "no submission".to_owned(),
            (0, rejected) => format!("no valid submission ({} rejected)", count(rejected, "row", "rows")),
            (valid, 0) => count(valid, "submission", "submissions"),
            (valid, rejected) => {
                format!("{} ({} rejected)", count(valid, "submission", "submissions"), count(rejected, "row", "rows"))
            }
        };
        write!(
            f,
            "not pulled: {source} would withdraw {n} of the {in_play} entries in play ({ids}): it holds {holds}. \
             Is it cut off, or the wrong file? Nothing was changed. If those entries really left the \
             event, pull it again with --force",
            source = crate::sanitize::clean_line(&self.source),
            n = self.withdrawing.len(),
            in_play = self.in_play,
            ids = crate::format::first_few(&ids, NAMED, ", "),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_half_and_more_than_a_few_is_too_many() {
        // (in play, withdrawing, valid rows, refused)
        let cases = [
            (40, 37, 3, true),   // a 3-row test export over the real event
            (40, 21, 19, true),  // a download cut off before the half
            (40, 20, 20, false), // half is not more than half
            (40, 1, 39, false),  // one team leaves
            (6, FEW, 3, false),  // a few, though half of a small event
            (7, FEW + 1, 3, true),
            (2, 2, 5, false), // a 2-entry test export replaced by the real one
            (2, 1, 0, true),  // an export with no valid row withdraws nothing unasked
            (0, 0, 0, false),
            (40, 0, 0, false), // every row rejected, but each names its entry: nothing withdrawn
        ];
        for (count, withdrawing, valid, refused) in cases {
            let in_play = InPlay { count, from_sample: false };
            let said = format!("{count} in play, {withdrawing} withdrawn, {valid} valid");
            assert_eq!(too_many(in_play, withdrawing, valid), refused, "{said}");
            // The sample's entries make way for any export with a valid row.
            let sample = InPlay { count, from_sample: true };
            assert_eq!(too_many(sample, withdrawing, valid), refused && valid == 0, "{said}, from the sample");
        }
    }

    /// `pull --force`'s help says the rule in words: the number it gives is this one.
    #[test]
    fn the_help_of_force_gives_the_rule() {
        use clap::CommandFactory;
        let command = crate::cli::Cli::command();
        let pull = command.find_subcommand("pull").expect("pull");
        let force = pull.get_arguments().find(|a| a.get_id() == "force").expect("--force");
        let help = force.get_help().expect("help").to_string();
        assert!(help.contains(&format!("more than half of the entries in play (and more than {FEW})")), "{help}");
    }

    #[test]
    fn the_refusal_says_how_many_from_where_and_how_to_go_on() {
        let refusal = Refusal {
            source: "https://example.org/export.csv".into(),
            in_play: 40,
            withdrawing: (1..=7).map(|i| format!("entry-{i}")).collect(),
            valid: 3,
            rejected: 1,
        };
        let said = refusal.to_string();
        for part in [
            "https://example.org/export.csv would withdraw 7 of the 40 entries in play",
            "\"entry-1\", \"entry-2\", \"entry-3\", \"entry-4\", \"entry-5\" and 2 more",
            "it holds 3 submissions (1 row rejected)",
            "Nothing was changed",
            "--force",
        ] {
            assert!(said.contains(part), "{part:?} not in {said}");
        }
    }
}
