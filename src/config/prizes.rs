//! judging.toml's prize rules: `[[prizes]]` and `[results]`.

use serde::Deserialize;

use super::Config;
use crate::model::{Criterion, Params};

/// The most one place may pay, in the event's currency: a trillion, more than any prize in any
/// currency, yet thousands of places together still counted exactly in cents.
pub const LARGEST_AMOUNT: f64 = 1e12;

/// One prize: who may win it, what orders the candidates, and what each place pays.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prize {
    pub id: String,
    pub name: String,
    /// What each place pays, first place first; their number is the number of places.
    pub amounts: Vec<f64>,
    /// What orders the candidates; ties on it fall to the merged ranking.
    #[serde(default)]
    pub by: PrizeBy,
    /// Only entries in this track, ranked in the track's own ranking.
    #[serde(default)]
    pub track: Option<String>,
    /// Only entries carrying this tag (`sponsor:nvidia`).
    #[serde(default)]
    pub tag: Option<String>,
    /// Only entries whose models total at most this many parameters (`"4B"`).
    #[serde(default)]
    pub max_params: Option<Params>,
    /// With `by = "criterion"`: the criterion.
    #[serde(default)]
    pub criterion: Option<String>,
    /// With `by = "file"`: a CSV of `id,value` (votes, or a separately judged score), relative to
    /// judging.toml.
    #[serde(default)]
    pub file: Option<String>,
    /// Whether this prize goes beside any other: one that stacks may go to an entry that won
    /// another, and counts against no other prize wherever it is declared (one that does not
    /// goes to an entry no earlier such prize took); `rules.several_prizes` when left out.
    #[serde(default)]
    pub stacks: Option<bool>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrizeBy {
    /// The merged ranking (the track's, for a track prize).
    #[default]
    Score,
    /// The most achievement badges.
    Badges,
    /// The most likes on the Space.
    Likes,
    /// The judges' mean on one criterion.
    Criterion,
    /// A value per entry from a file: votes, or a separately judged score.
    File,
}

impl Prize {
    /// Whether this prize pays places in a whole ranking, in its order: by merged score, over
    /// every entry of a track (or of the event), narrowed neither by tag nor by size. Only such a
    /// prize's places have chances, settle ties on the board, and carry the ranking's majorities.
    pub fn reads_whole_ranking(&self) -> bool {
        self.by == PrizeBy::Score && self.tag.is_none() && self.max_params.is_none()
    }

    /// The ranking this prize reads: its track's, or "overall".
    pub fn ranking(&self) -> &str {
        self.track.as_deref().unwrap_or(OVERALL)
    }

    /// What its places are ranked by, as a column heading: "Score", "Badges", "Likes", the
    /// criterion's label (`criteria` is the rubric), or the file's name without its extension.
    pub fn heading(&self, criteria: &[Criterion]) -> String {
        match self.by {
            PrizeBy::Score => "Score".into(),
            PrizeBy::Badges => "Badges".into(),
            PrizeBy::Likes => "Likes".into(),
            PrizeBy::Criterion => {
                let id = self.criterion.as_deref().unwrap_or_default();
                criteria.iter().find(|c| c.id == id).map_or_else(|| capitalized(id), |c| c.label.clone())
            }
            PrizeBy::File => {
                let file = self.file.as_deref().unwrap_or_default();
                let name = std::path::Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned());
                capitalized(&name.unwrap_or_default().replace(['-', '_'], " "))
            }
        }
    }
}

/// `votes` as `Votes`; an empty name as `Value`.
fn capitalized(name: &str) -> String {
    let mut chars = name.trim().chars();
    chars.next().map_or_else(|| "Value".into(), |first| first.to_uppercase().chain(chars).collect())
}

/// The ranking of every entry, whatever its track.
pub const OVERALL: &str = "overall";

impl PrizeBy {
    pub fn label(self) -> &'static str {
        match self {
            PrizeBy::Score => "merged score",
            PrizeBy::Badges => "badges",
            PrizeBy::Likes => "likes",
            PrizeBy::Criterion => "criterion",
            PrizeBy::File => "file",
        }
    }
}

/// How results are printed, and where the head judge's decisions on ties are kept.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ResultsConfig {
    /// Written before each amount: "$", "€", "USD ".
    pub currency: String,
    /// The head judge's decisions on ties, relative to judging.toml; used when the file exists.
    pub decisions: String,
}

/// The one home of these defaults (see `sections`); never read from TOML.
impl Default for ResultsConfig {
    fn default() -> Self {
        ResultsConfig { currency: "$".into(), decisions: "decisions.toml".into() }
    }
}

impl Config {
    pub(super) fn prize_problems(&self, out: &mut Vec<String>) {
        let stood = &self.stand_ins;
        let ids = self.ids_of("prizes", "id", self.prizes.iter().map(|p| p.id.as_str()));
        super::checks::unique(out, "prizes", ids, str::to_owned);
        // A track or criterion whose id is a stand-in may be the one a prize names.
        let (tracked, rubric) = (!stood.any("tracks", "id"), !stood.any("criteria", "id"));
        for (i, p) in self.prizes.iter().enumerate() {
            let at = self.row_named("prizes", i, &p.id);
            let given = |k: &str| !stood.at("prizes", Some(i), k);
            if given("id") && !super::checks::is_slug(&p.id) {
                out.push(format!("{at}.id: use letters, digits, '-' or '_', such as \"tiny-titan\""));
            }
            if given("amounts") && p.amounts.is_empty() {
                out.push(format!("{at}.amounts is empty: give one amount per place, such as [500] or [2000, 1000]"));
            }
            // Far more than any prize, and summed over every place still exact in cents: 1e308
            // was printed as a saturated $92,233,720,368,547,758.07, or as 309 digits.
            if let Some(a) =
                p.amounts.iter().filter(|_| given("amounts")).find(|a| !(0.0..=LARGEST_AMOUNT).contains(*a))
            {
                out.push(format!(
                    "{at}.amounts: {} is not an amount: every amount is a number from 0 to {LARGEST_AMOUNT}, such as 500",
                    crate::format::refused_number(*a)
                ));
            } else if let Some(a) = p.amounts.iter().filter(|_| given("amounts")).find(|a| !whole_cents(**a)) {
                // A fraction of a cent is paid by no bank, and each output rounded it its own way:
                // 1000.015 was $1,000.02 in the table and 1000.01 in finance's CSV.
                out.push(format!(
                    "{at}.amounts: {} is finer than a cent: give every amount in whole cents, such as {:.2}",
                    crate::format::refused_number(*a),
                    a
                ));
            }
            if let Some(t) = p.track.as_deref().filter(|t| tracked && self.tracks.iter().all(|k| k.id != *t)) {
                out.push(format!(
                    "{at}.track = {} is not a track; {}",
                    crate::sanitize::in_quotes(t),
                    self.the_tracks()
                ));
            }
            // What `by` asks of the row rests on the file's `by`: a refused one (by = "criteria",
            // said at its line) is not said again as a knock-on ("criterion is only read with
            // by = \"criterion\""); nor is a criterion or file refused said again as missing.
            match (p.by, &p.criterion, &p.file) {
                _ if !given("by") => {}
                (PrizeBy::Criterion, None, _) if !given("criterion") => {}
                (PrizeBy::File, _, None) if !given("file") => {}
                (PrizeBy::Criterion, None, _) => {
                    // The rubric's ids, but for a stand-in's: none where every one is.
                    let which = match self.criterion_ids() {
                        ids if ids.is_empty() => "the id of one of [[criteria]]".to_owned(),
                        ids => format!("one of {ids}"),
                    };
                    out.push(format!("{at}: by = \"criterion\" needs criterion = {which}"));
                }
                (PrizeBy::Criterion, Some(c), _) if rubric && self.criterion(c).is_none() => {
                    let near = crate::format::look_alike(c, self.criteria.iter().map(|c| c.id.as_str()), 1);
                    let hint = near
                        .first()
                        .map_or_else(String::new, |id| format!("; did you mean {}?", crate::sanitize::clean_line(id)));
                    out.push(format!(
                        "{at}.criterion = {} is not a criterion; the rubric has {}{hint}",
                        crate::sanitize::in_quotes(c),
                        self.criterion_ids()
                    ));
                }
                (PrizeBy::File, _, None) => {
                    out.push(format!("{at}: by = \"file\" needs file = a CSV of id,value, such as \"votes.csv\""));
                }
                (by, Some(_), _) if by != PrizeBy::Criterion => {
                    out.push(format!("{at}.criterion is only read with by = \"criterion\""));
                }
                (by, _, Some(_)) if by != PrizeBy::File => {
                    out.push(format!("{at}.file is only read with by = \"file\""));
                }
                _ => {}
            }
        }
    }

    /// The rubric's criteria's ids, as a problem naming one ends: not a stand-in's, which is
    /// not the file's.
    pub(super) fn criterion_ids(&self) -> String {
        let ids = self.ids_of("criteria", "id", self.criteria.iter().map(|c| c.id.as_str()));
        ids.flatten().collect::<Vec<_>>().join(", ")
    }
}

/// Whether an amount, as judging.toml's decimal is read, is a whole number of cents (1000.01 is;
/// 1000.015 is not), whatever the binary fraction it is stored as.
fn whole_cents(amount: f64) -> bool {
    let cents = amount * 100.0;
    (cents - cents.round()).abs() < 1e-9 * cents.abs().max(1.0)
}

#[cfg(test)]
mod tests {
    use super::{Config, Prize, PrizeBy};

    /// A token in an address judging.toml gives where no address goes is printed by no message:
    /// `sync.repo = "https://user:hf_secret@huggingface.co/…"` had been echoed, the line and the
    /// value both.
    #[test]
    fn a_token_in_a_refused_address_is_not_printed() {
        let text = "[sync]\nrepo = \"https://user:hf_secret@huggingface.co/datasets/a/b\"\n";
        let problems = match super::super::parse(text) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        };
        assert!(problems.contains("sync.repo") && problems.contains("huggingface.co"), "{problems}");
        assert!(!problems.contains("hf_secret") && !problems.contains("user:"), "{problems}");
    }

    /// (amount, in whole cents): what a bank can pay, read from the decimal judging.toml gives.
    #[test]
    fn an_amount_finer_than_a_cent_is_refused() {
        for (amount, whole) in [
            ("1500.005", false),
            ("0.001", false),
            ("1000.015", false),
            ("1000.01", true),
            ("0.1", true),
            ("0.7", true),
            ("2500", true),
            ("123456789.99", true),
        ] {
            let text = format!("[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = [{amount}]\n");
            let problems = match super::super::parse(&text) {
                Ok(_) => String::new(),
                Err(e) => e.to_string(),
            };
            assert_eq!(
                problems.contains(&format!("prizes[0] (\"x\").amounts: {amount} is finer than a cent")),
                !whole,
                "{amount}: {problems}"
            );
        }
    }

    /// An amount is one a prize could pay: a shared judging.toml's 1e308 was paid as a saturated
    /// $92,233,720,368,547,758.07 in the table and as 309 digits in the finance team's CSV.
    #[test]
    fn an_amount_no_prize_pays_is_refused() {
        for (amounts, said) in [("[500, 1e308]", Some("1e308")), ("[-5]", Some("-5")), ("[0, 1e12]", None)] {
            let text = format!("[[prizes]]\nid = \"x\"\nname = \"X\"\namounts = {amounts}\n");
            let problems = match super::super::parse(&text) {
                Ok(_) => String::new(),
                Err(e) => e.to_string(),
            };
            match said {
                Some(said) => assert!(
                    problems.contains(&format!("prizes[0] (\"x\").amounts: {said} is not an amount"))
                        && problems.contains("from 0 to 1000000000000"),
                    "{amounts}: {problems}"
                ),
                None => assert!(problems.is_empty(), "{amounts}: {problems}"),
            }
        }
    }

    #[test]
    fn a_prizes_column_is_named_for_what_it_ranks_by() {
        let config = Config::builtin();
        let prize = |by, criterion: Option<&str>, file: Option<&str>| Prize {
            id: "p".into(),
            name: "P".into(),
            amounts: vec![1.0],
            by,
            track: None,
            tag: None,
            max_params: None,
            criterion: criterion.map(Into::into),
            file: file.map(Into::into),
            stacks: None,
        };
        let cases = [
            (prize(PrizeBy::Score, None, None), "Score"),
            (prize(PrizeBy::Badges, None, None), "Badges"),
            (prize(PrizeBy::Likes, None, None), "Likes"),
            (prize(PrizeBy::Criterion, Some("utility"), None), "Utility"),
            (prize(PrizeBy::Criterion, Some("demo"), None), "Demo"),
            (prize(PrizeBy::File, None, Some("votes.csv")), "Votes"),
            (prize(PrizeBy::File, None, Some("data/people-choice.csv")), "People choice"),
            (prize(PrizeBy::File, None, Some("")), "Value"),
        ];
        for (p, want) in cases {
            assert_eq!(p.heading(&config.criteria), want, "{:?}", p.by);
        }
    }
}
