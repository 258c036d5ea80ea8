//! The plain data every part of judging speaks: submissions, the rubric, scores and what the Hub
//! says. No I/O here, and no module of the crate below it.

mod compare;
mod hub;
mod params;
mod parts;
mod sheet;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

pub use compare::{Compared, Pair, Verdict};
pub use hub::{Cached, HubCache, HubFacts, ModelSize, is_revision};
pub use params::{Params, format_params, parse_params};
pub use parts::{ByPart, COMPARISONS, Kept, TextPart, all_kept};
pub use sheet::{Change, ScoreSheet, Status};

/// One entry of the hackathon, as the organizers' export describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// The export's stable id: re-pulls match entries by it.
    pub id: String,
    pub title: String,
    pub team: String,
    pub members: Vec<String>,
    /// The app to try: a Space's page, or another http(s) link.
    pub space_url: String,
    /// `owner/name` when the link names a Hugging Face Space.
    pub space_id: Option<String>,
    /// The Space's host label, equal for both spellings of one Space.
    pub space_key: Option<String>,
    pub video_url: Option<String>,
    pub post_url: Option<String>,
    pub description: String,
    /// A track id from judging.toml.
    pub track: Option<String>,
    pub tags: Vec<String>,
    pub models: Vec<String>,
    /// The total parameter count the entrants declared.
    pub declared_params: Option<u64>,
    /// The Space's SDK, lower case (`gradio`), when the export or the Hub says.
    pub sdk: Option<String>,
    /// The Space's likes, when the export or the Hub says.
    pub likes: Option<u64>,
}

impl Submission {
    /// The members worth naming after the team: none where the team's name is its members
    /// listed (a Devpost export, which has no team name, names a team by its people), so that a
    /// screen does not say the same names twice.
    pub fn other_members(&self) -> &[String] {
        let named_by_them = self.team.split(", ").eq(self.members.iter().map(String::as_str));
        if named_by_them { &[] } else { &self.members }
    }

    /// Merit badges: the `achievement:` tags, without their prefix.
    pub fn badges(&self) -> impl Iterator<Item = &str> {
        self.tags_with("achievement:")
    }

    /// Sponsor tags (`sponsor:nvidia`), without their prefix.
    pub fn sponsors(&self) -> impl Iterator<Item = &str> {
        self.tags_with("sponsor:")
    }

    fn tags_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> {
        tagged(&self.tags, prefix)
    }
}

/// The tags that start with `prefix` (any case), without it: `tagged(tags, "sponsor:")`.
pub fn tagged<'a>(tags: &'a [String], prefix: &'a str) -> impl Iterator<Item = &'a str> {
    tags.iter().filter_map(move |t| {
        t.get(..prefix.len()).filter(|p| p.eq_ignore_ascii_case(prefix)).map(|_| t[prefix.len()..].trim())
    })
}

/// A submission as the judge's store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSubmission {
    pub submission: Submission,
    /// Gone from the latest export. Its scores are kept.
    pub withdrawn: bool,
}

/// How names compare everywhere judges are named (judging.toml, the app, score files, sheets,
/// assignments): surrounding and repeated spaces do not count, nor case, nor how the same
/// letters are encoded (Unicode NFC), so "Zoë", " zoë" and "Zoe\u{308}" are one judge.
pub fn name_key(name: &str) -> String {
    let spaced: Vec<&str> = name.split_whitespace().collect();
    spaced.join(" ").nfc().flat_map(char::to_lowercase).collect()
}

/// Text as a search compares it: lower case, without accents, in compatibility form, so that
/// "cafe" finds "Café Compañero" and "CAFÉ" finds it too (a judge on an English keyboard types
/// no accents). Both the query and what it searches go through it.
/// Made for every entry as the app opens: each character decomposed on its own (an ASCII one
/// needs none), as marks are dropped whatever their order, not the whole text through NFKD.
pub fn search_key(text: &str) -> String {
    use unicode_normalization::char::{decompose_compatible, is_combining_mark};
    // Most entries' words are ASCII: lowered whole, where a character at a time was 4% of the
    // CPU of the app's launch on 10,000 entries.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    key.extend(d.to_lowercase());
                }
            });
        }
    }
    key
}

/// A name as it looks on a screen, for telling look-alike names apart: [`name_key`], then its
/// compatibility form (fullwidth "ｍ" is "m"), without accents and invisible characters, and
/// with the Cyrillic and Greek letters drawn like Latin ones read as those ("mіrа", its і and а
/// Cyrillic, is "mira"). Two names with one skeleton read alike, though they are two names.
pub fn skeleton(name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    name_key(name)
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && !crate::sanitize::hides(*c))
        .flat_map(char::to_lowercase)
        .map(latin_look)
        .collect()
}

/// The Latin letter a lower-case Cyrillic or Greek (or IPA) letter is drawn like, if any.
fn latin_look(c: char) -> char {
    match c {
        'а' | 'α' | 'ɑ' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'ɡ' => 'g',
        'н' | 'һ' => 'h',
        'і' | 'ı' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'η' | 'п' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'ζ' => 'z',
        c => c,
    }
}

/// The listed name `name` only looks like: one of `listed` with the same [`skeleton`], that is
/// not the same judge by [`name_key`]. A file under it is another judge's, or a forgery.
pub fn only_looks_like<'a>(name: &str, listed: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let look = skeleton(name);
    listed.into_iter().find(|l| !same_name(name, l) && skeleton(l) == look)
}

/// Whether two names are the same judge's, by [`name_key`]. ASCII names, nearly all of them,
/// compare word by word without building keys: `assign` asks this a million times.
pub fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        let (mut left, mut right) = (a.split_ascii_whitespace(), b.split_ascii_whitespace());
        loop {
            match (left.next(), right.next()) {
                (Some(one), Some(other)) if one.eq_ignore_ascii_case(other) => {}
                (None, None) => return true,
                _ => return false,
            }
        }
    }
    name_key(a) == name_key(b)
}

/// One rubric criterion, as judging.toml defines it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Short id used in commands and files: `utility`.
    pub id: String,
    /// What the screen calls it: `Utility`.
    pub label: String,
    /// What it judges, in one sentence.
    pub judges: String,
    /// The lowest and highest score, both allowed.
    pub scale: Scale,
    /// Its share of the total; weights need not add up to 1.
    pub weight: f64,
    /// What each level means, from the lowest to the highest: one per value, or on a long scale
    /// one per range of values (`scores = [0, 20]`), or none at all.
    #[serde(default)]
    pub levels: Vec<Level>,
    /// The tracks whose entries it judges, by id; empty: every track's (and an entry without a
    /// track's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<String>,
}

impl Criterion {
    /// Whether it is on the rubric of an entry in `track` (`None`: an entry without a track,
    /// which only the criteria of every track judge).
    pub fn judges_track(&self, track: Option<&str>) -> bool {
        self.tracks.is_empty() || track.is_some_and(|t| self.tracks.iter().any(|k| k == t))
    }
}

/// One level of a criterion: what it means; on a long scale the values it covers (`scores =
/// [0, 20]`); and for a timed criterion (latency) the seconds per answer it covers, so the
/// stopwatch can suggest it. Written in judging.toml as a plain string, or as a table such as
/// `{ meaning = "1 to 5 seconds per answer.", seconds = [1, 5] }` (`inf` for no upper end).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "LevelText", into = "LevelText")]
pub struct Level {
    pub meaning: String,
    pub seconds: Option<[f64; 2]>,
    pub scores: Option<[u8; 2]>,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum LevelText {
    Plain(String),
    Table {
        meaning: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seconds: Option<[f64; 2]>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scores: Option<[u8; 2]>,
    },
}

impl From<LevelText> for Level {
    fn from(text: LevelText) -> Level {
        match text {
            LevelText::Plain(meaning) => Level { meaning, seconds: None, scores: None },
            LevelText::Table { meaning, seconds, scores } => Level { meaning, seconds, scores },
        }
    }
}

impl From<Level> for LevelText {
    fn from(level: Level) -> LevelText {
        match (level.seconds, level.scores) {
            (None, None) => LevelText::Plain(level.meaning),
            (seconds, scores) => LevelText::Table { meaning: level.meaning, seconds, scores },
        }
    }
}

impl From<&str> for Level {
    fn from(meaning: &str) -> Level {
        Level { meaning: meaning.to_owned(), seconds: None, scores: None }
    }
}

/// A score range such as 1 to 5, written `[1, 5]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<i64>", into = "[i64; 2]")]
pub struct Scale {
    pub low: u8,
    pub high: u8,
}

/// Read as a list of any length, so that one of three numbers is said as a scale, at its line.
impl TryFrom<Vec<i64>> for Scale {
    type Error = String;
    fn try_from(bounds: Vec<i64>) -> Result<Self, String> {
        let [low, high] = bounds[..] else {
            let given: Vec<String> = bounds.iter().map(i64::to_string).collect();
            return Err(format!(
                "scale [{}] is not valid: write two numbers, [low, high], with 0 <= low < high <= {MOST_SCALE}, such as [1, 5] or [0, 100]",
                given.join(", ")
            ));
        };
        // Out of 100 at most: a scale of more than one digit is typed and confirmed in the app.
        match (u8::try_from(low), u8::try_from(high)) {
            (Ok(low), Ok(high)) if low < high && high <= MOST_SCALE => Ok(Scale { low, high }),
            _ => Err(format!(
                "scale [{low}, {high}] is not valid: write [low, high] with 0 <= low < high <= {MOST_SCALE}, such as [1, 5] or [0, 100]"
            )),
        }
    }
}

impl From<Scale> for [i64; 2] {
    fn from(s: Scale) -> Self {
        [i64::from(s.low), i64::from(s.high)]
    }
}

/// The highest score a scale may reach: events score out of 100 at most.
pub const MOST_SCALE: u8 = 100;

impl Scale {
    pub fn contains(&self, value: i64) -> bool {
        (i64::from(self.low)..=i64::from(self.high)).contains(&value)
    }

    /// Whether one key scores it: values of one digit, or 1 to 10 with `0` for 10.
    pub fn one_key(&self) -> bool {
        self.high <= 9 || (self.high == 10 && self.low > 0)
    }

    pub fn levels(&self) -> usize {
        usize::from(self.high - self.low) + 1
    }
}

impl Criterion {
    /// A criterion for tests: scale 1 to 5, each level named by its number.
    #[cfg(test)]
    pub(crate) fn example(id: &str, weight: f64) -> Criterion {
        Criterion {
            id: id.into(),
            label: id.into(),
            judges: String::new(),
            scale: Scale { low: 1, high: 5 },
            weight,
            levels: (1..=5).map(|l| Level::from(format!("level {l}").as_str())).collect(),
            tracks: Vec::new(),
        }
    }

    /// The sentence that says what `value` means on this criterion.
    pub fn level_meaning(&self, value: u8) -> Option<&str> {
        self.level_of(value).map(|i| self.levels[i].meaning.as_str())
    }

    /// What the level of a merged score says: the meaning of the mark nearest to it (a half
    /// rounds up), so that a page showing 3.50 quotes the level of a 4, never a level its score
    /// does not reach.
    pub fn level_nearest(&self, score: f64) -> Option<&str> {
        if !score.is_finite() {
            return None;
        }
        let nearest = score.round().clamp(f64::from(self.scale.low), f64::from(self.scale.high));
        // Within the scale's u8 bounds after the clamp.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        self.level_meaning(nearest as u8)
    }

    /// The level that holds `value`: by its `scores`, or one level per value.
    pub fn level_of(&self, value: u8) -> Option<usize> {
        if self.levels.iter().any(|l| l.scores.is_some()) {
            return self.levels.iter().position(|l| l.scores.is_some_and(|[from, to]| (from..=to).contains(&value)));
        }
        let index = usize::from(value.checked_sub(self.scale.low)?);
        (index < self.levels.len()).then_some(index)
    }

    /// The values a level covers, lowest first.
    pub fn level_span(&self, level: usize) -> Option<[u8; 2]> {
        let l = self.levels.get(level)?;
        l.scores.or_else(|| {
            let v = self.scale.low.checked_add(u8::try_from(level).ok()?)?;
            Some([v, v])
        })
    }

    /// Whether its levels carry seconds: the stopwatch times it.
    pub fn timed(&self) -> bool {
        self.levels.iter().any(|l| l.seconds.is_some())
    }

    /// The value whose level's seconds hold `seconds`; where two levels share a bound, the
    /// better one (a level is better the higher its value).
    pub fn suggest(&self, seconds: f64) -> Option<u8> {
        self.levels
            .iter()
            .enumerate()
            .rev()
            .find(|(_, l)| l.seconds.is_some_and(|[from, to]| (from..=to).contains(&seconds)))
            .and_then(|(i, _)| self.level_span(i))
            // A level of several values suggests its lowest: the judge raises it if it earns more.
            .map(|[from, _]| from)
    }
}

/// The weighted mean of one judge's scores for one entry, or `None` until every criterion has a
/// score: a partial total would rank an entry on the criteria that happened to be scored first.
pub fn weighted_total(criteria: &[Criterion], score_of: impl Fn(&str) -> Option<u8>) -> Option<f64> {
    total(criteria.iter().map(|c| (c.weight, score_of(&c.id))))
}

/// An entry's total from (weight, score) per criterion of its rubric: the weighted mean, or `None`
/// when a score is missing. The one definition: the judge's app, the score file's reader and the
/// merge all total through it.
pub fn total(parts: impl IntoIterator<Item = (f64, Option<u8>)>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (weight, value) in parts {
        sum += weight * f64::from(value?);
        weights += weight;
    }
    (weights > 0.0).then(|| sum / weights)
}

impl Submission {
    /// A plain valid entry for tests: a Space, no video, post, track or tags.
    #[cfg(test)]
    pub(crate) fn example(id: &str) -> Submission {
        Submission {
            id: id.into(),
            title: id.to_uppercase(),
            team: String::new(),
            members: vec![],
            space_url: format!("https://huggingface.co/spaces/o/{id}"),
            space_id: Some(format!("o/{id}")),
            space_key: Some(format!("o-{id}")),
            video_url: None,
            post_url: None,
            description: String::new(),
            track: None,
            tags: vec![],
            models: vec![],
            declared_params: None,
            sdk: None,
            likes: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_total_needs_every_criterion() {
        let rubric =
            [Criterion::example("utility", 2.0), Criterion::example("latency", 1.0), Criterion::example("cost", 1.0)];
        type Case<'a> = (&'a [(&'a str, u8)], Option<f64>);
        let cases: [Case; 4] = [
            (&[("utility", 5), ("latency", 3), ("cost", 1)], Some(3.5)),
            (&[("utility", 4), ("latency", 4), ("cost", 4)], Some(4.0)),
            (&[("utility", 5), ("latency", 3)], None),
            (&[], None),
        ];
        for (scores, want) in cases {
            let got = weighted_total(&rubric, |id| scores.iter().find(|s| s.0 == id).map(|s| s.1));
            assert_eq!(got, want, "{scores:?}");
        }
    }

    #[test]
    fn scales_run_up_to_100_and_say_how_they_are_typed() {
        assert_eq!(Scale::try_from(vec![1, 5]), Ok(Scale { low: 1, high: 5 }));
        assert_eq!(Scale::try_from(vec![0, 10]).map(|s| s.levels()), Ok(11));
        assert_eq!(Scale::try_from(vec![0, 100]).map(|s| s.levels()), Ok(101));
        for bad in [vec![5, 1], vec![1, 1], vec![-1, 5], vec![1, 101], vec![0, 300], vec![1, 5, 7], vec![5], vec![]] {
            let said = Scale::try_from(bad.clone()).expect_err("refused");
            assert!(said.contains("[low, high]"), "{bad:?}: {said}");
        }
        // One key: one digit, or 1 to 10 with 0 for 10. Typed: anything longer.
        let one_key = |low, high| Scale { low, high }.one_key();
        assert!(one_key(1, 5) && one_key(0, 9) && one_key(1, 10));
        assert!(!one_key(0, 10) && !one_key(1, 20) && !one_key(0, 100));
    }

    #[test]
    fn the_level_of_a_merged_score_is_the_nearest_marks() {
        let c = Criterion::example("utility", 1.0);
        let meaning = |v: u8| c.level_meaning(v).map(str::to_owned);
        let cases = [(3.5, 4), (3.49, 3), (2.5, 3), (1.0, 1), (0.2, 1), (5.0, 5), (7.0, 5), (4.51, 5)];
        for (score, mark) in cases {
            assert_eq!(c.level_nearest(score).map(str::to_owned), meaning(mark), "{score}");
        }
        assert_eq!(c.level_nearest(f64::NAN), None);
    }

    #[test]
    fn level_meaning_follows_the_scale() {
        let c = Criterion::example("utility", 1.0);
        assert_eq!(c.level_meaning(1), Some("level 1"));
        assert_eq!(c.level_meaning(5), Some("level 5"));
        assert_eq!(c.level_meaning(0), None);
        assert_eq!(c.level_meaning(6), None);
    }

    #[test]
    fn names_compare_by_letters_not_by_spelling() {
        let same = [("mira", "Mira"), (" mira ", "mira"), ("Zoë", "Zoe\u{308}"), ("ada  lovelace", "Ada Lovelace")];
        for (a, b) in same {
            assert!(same_name(a, b), "{a:?} = {b:?}");
        }
        for (a, b) in [("mira", "miro"), ("ada lovelace", "adalovelace"), ("zoe", "zoë")] {
            assert!(!same_name(a, b), "{a:?} != {b:?}");
        }
    }

    /// Names that only look alike: the same skeleton, yet two judges by name_key.
    /// (query, text, found): a search finds text whatever its accents or case.
    #[test]
    fn a_search_finds_text_without_its_accents() {
        let cases = [
            ("cafe", "Café Compañero", true),
            ("CAFÉ", "Repair Cafe North", true),
            ("companero", "Café Compañero", true),
            ("zoe", "Zoe\u{308} Ark", true),
            ("ｍira", "mira", true),
            ("cafe", "Caff Bar", false),
            ("é", "Cafe", true),
            ("office", "The Oﬃce", true),
            ("ÅBERG", "Zoë Åberg", true),
        ];
        for (query, text, found) in cases {
            assert_eq!(search_key(text).contains(&search_key(query)), found, "{query} in {text}");
        }
        // ASCII is lowered whole, as a character at a time lowered it.
        assert_eq!(search_key("Bus Stop ORACLE-7 #ml"), "bus stop oracle-7 #ml");
    }

    #[test]
    fn names_drawn_alike_share_a_skeleton() {
        let listed = ["mira", "tomas", "ana"];
        for alike in
            ["m\u{456}r\u{430}", "\u{ff4d}\u{ff49}\u{ff52}\u{ff41}", "mi\u{307}ra", "MIR\u{391}", "mi\u{200b}ra"]
        {
            assert_eq!(only_looks_like(alike, listed), Some("mira"), "{alike:?}");
        }
        for other in ["mira", "Mira", " mira", "miro", "anna", "tom"] {
            assert_eq!(only_looks_like(other, listed), None, "{other:?}");
        }
    }

    #[test]
    fn the_stopwatch_suggests_the_level_its_reading_falls_in() {
        let timed = |bounds: &[[f64; 2]]| Criterion {
            levels: bounds.iter().map(|b| Level { meaning: String::new(), seconds: Some(*b), scores: None }).collect(),
            ..Criterion::example("latency", 1.0)
        };
        let latency = timed(&[[60.0, f64::INFINITY], [20.0, 60.0], [5.0, 20.0], [1.0, 5.0], [0.0, 1.0]]);
        let cases = [(0.4, Some(5)), (1.0, Some(5)), (3.2, Some(4)), (5.0, Some(4)), (45.0, Some(2)), (600.0, Some(1))];
        for (seconds, want) in cases {
            assert_eq!(latency.suggest(seconds), want, "{seconds} s");
        }
        assert!(latency.timed());
        let plain = Criterion::example("utility", 1.0);
        assert!(!plain.timed());
        assert_eq!(plain.suggest(2.0), None);
    }

    #[test]
    fn levels_are_plain_strings_or_meanings_with_seconds() {
        #[derive(Deserialize)]
        struct Levels {
            levels: Vec<Level>,
        }
        let text = "levels = [\"slow\", { meaning = \"fast\", seconds = [0, 1] }, { meaning = \"never\", seconds = [60, inf] }]";
        let read: Levels = toml::from_str(text).expect("valid");
        assert_eq!(read.levels[0], Level { meaning: "slow".into(), seconds: None, scores: None });
        assert_eq!(read.levels[1].seconds, Some([0.0, 1.0]));
        assert_eq!(read.levels[2].seconds, Some([60.0, f64::INFINITY]));
        assert!(toml::from_str::<Levels>("levels = [{ meaning = \"x\", secs = [0, 1] }]").is_err());
    }

    #[test]
    fn tags_split_into_badges_and_sponsors() {
        let s = Submission {
            tags: vec![
                "track:wood".into(),
                "achievement:offgrid".into(),
                "Sponsor:nvidia".into(),
                "achievement:llama".into(),
                "gradio".into(),
            ],
            ..sample()
        };
        assert_eq!(s.badges().collect::<Vec<_>>(), ["offgrid", "llama"]);
        assert_eq!(s.sponsors().collect::<Vec<_>>(), ["nvidia"]);
    }

    fn sample() -> Submission {
        Submission::example("x")
    }
}
