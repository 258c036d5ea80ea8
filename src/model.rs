//! The plain data every part of judging speaks: submissions, the rubric and scores.

use serde::{Deserialize, Serialize};

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
    /// What each level means, from the lowest to the highest.
    pub levels: Vec<String>,
}

/// A score range such as 1 to 5, written `[1, 5]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "[i64; 2]", into = "[i64; 2]")]
pub struct Scale {
    pub low: u8,
    pub high: u8,
}

impl TryFrom<[i64; 2]> for Scale {
    type Error = String;
    fn try_from([low, high]: [i64; 2]) -> Result<Self, String> {
        // Each level is one key press in the judge's terminal, hence at most 0 to 10.
        if (0..=10).contains(&low) && (0..=10).contains(&high) && low < high {
            Ok(Scale { low: low as u8, high: high as u8 })
        } else {
            Err(format!(
                "scale [{low}, {high}] is not valid: write [low, high] with 0 <= low < high <= 10, such as [1, 5]"
            ))
        }
    }
}

impl From<Scale> for [i64; 2] {
    fn from(s: Scale) -> Self {
        [i64::from(s.low), i64::from(s.high)]
    }
}

impl Scale {
    pub fn contains(&self, value: i64) -> bool {
        (i64::from(self.low)..=i64::from(self.high)).contains(&value)
    }

    pub fn levels(&self) -> usize {
        usize::from(self.high - self.low) + 1
    }
}

impl Criterion {
    /// The sentence that says what `value` means on this criterion.
    pub fn level_meaning(&self, value: u8) -> Option<&str> {
        let index = value.checked_sub(self.scale.low)?;
        self.levels.get(usize::from(index)).map(String::as_str)
    }
}

/// How far a judge has got with one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    Partial,
    Scored,
}

impl Progress {
    pub fn of(scored: usize, criteria: usize) -> Self {
        match scored {
            0 => Progress::NotStarted,
            n if n >= criteria => Progress::Scored,
            _ => Progress::Partial,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Progress::NotStarted => "not started",
            Progress::Partial => "partial",
            Progress::Scored => "scored",
        }
    }
}

/// The weighted mean of one judge's scores for one entry, or `None` until every criterion has a
/// score: a partial total would rank an entry on the criteria that happened to be scored first.
pub fn weighted_total(criteria: &[Criterion], score_of: impl Fn(&str) -> Option<u8>) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for c in criteria {
        sum += c.weight * f64::from(score_of(&c.id)?);
        weights += c.weight;
    }
    (weights > 0.0).then(|| sum / weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(id: &str, weight: f64) -> Criterion {
        Criterion {
            id: id.into(),
            label: id.into(),
            judges: String::new(),
            scale: Scale { low: 1, high: 5 },
            weight,
            levels: (1..=5).map(|l| format!("level {l}")).collect(),
        }
    }

    #[test]
    fn weighted_total_needs_every_criterion() {
        let rubric = [criterion("utility", 2.0), criterion("latency", 1.0), criterion("cost", 1.0)];
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
    fn scale_rejects_what_a_key_cannot_type() {
        assert_eq!(Scale::try_from([1, 5]), Ok(Scale { low: 1, high: 5 }));
        assert_eq!(Scale::try_from([0, 10]).map(|s| s.levels()), Ok(11));
        for bad in [[5, 1], [1, 1], [-1, 5], [1, 11]] {
            assert!(Scale::try_from(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn level_meaning_follows_the_scale() {
        let c = criterion("utility", 1.0);
        assert_eq!(c.level_meaning(1), Some("level 1"));
        assert_eq!(c.level_meaning(5), Some("level 5"));
        assert_eq!(c.level_meaning(0), None);
        assert_eq!(c.level_meaning(6), None);
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

    #[test]
    fn progress_counts_criteria() {
        assert_eq!(Progress::of(0, 3), Progress::NotStarted);
        assert_eq!(Progress::of(2, 3), Progress::Partial);
        assert_eq!(Progress::of(3, 3), Progress::Scored);
    }

    fn sample() -> Submission {
        Submission::example("x")
    }
}

/// Reads a parameter count as people write it: `7B`, `1.5b`, `350M`, `2T`, `8000000000`,
/// `1,500,000,000`. A bare number under a million has no unit and is refused: `8` is surely not
/// eight parameters, and guessing which unit was meant could pass a 32B limit wrongly.
pub fn parse_params(raw: &str) -> Result<u64, String> {
    let text: String = raw.trim().chars().filter(|c| *c != ',' && *c != '_').collect();
    let (number, scale) = match text.char_indices().last() {
        Some((i, u)) if u.is_ascii_alphabetic() => {
            let scale = match u.to_ascii_uppercase() {
                'K' => 1e3,
                'M' => 1e6,
                'B' | 'G' => 1e9,
                'T' => 1e12,
                _ => return Err(format!("{raw:?} has an unknown unit; write it like 7B, 350M or 1.5B")),
            };
            (&text[..i], scale)
        }
        _ => (text.as_str(), 1.0),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("{raw:?} is not a parameter count; write it like 7B, 350M or 1.5B"))?;
    let count = value * scale;
    if !count.is_finite() || !(0.0..=1e15).contains(&count) {
        return Err(format!("{raw:?} is not a plausible parameter count"));
    }
    if scale == 1.0 && count < 1e6 {
        return Err(format!("{raw:?} has no unit; write 8B for eight billion, 350M for millions"));
    }
    Ok(count.round() as u64)
}

/// A parameter count for people: `7B`, `1.5B`, `350M`.
pub fn format_params(count: u64) -> String {
    let (value, unit) = match count {
        c if c >= 1_000_000_000_000 => (c as f64 / 1e12, "T"),
        c if c >= 1_000_000_000 => (c as f64 / 1e9, "B"),
        c if c >= 1_000_000 => (c as f64 / 1e6, "M"),
        c => (c as f64 / 1e3, "K"),
    };
    let text = format!("{value:.1}");
    format!("{}{unit}", text.trim_end_matches(".0"))
}

#[cfg(test)]
mod param_tests {
    use super::*;

    #[test]
    fn parameter_counts_as_people_write_them() {
        let cases = [
            ("7B", Ok(7_000_000_000)),
            ("1.5b", Ok(1_500_000_000)),
            (" 350M ", Ok(350_000_000)),
            ("8000000000", Ok(8_000_000_000)),
            ("1,500,000,000", Ok(1_500_000_000)),
            ("0.5T", Ok(500_000_000_000)),
            ("135m", Ok(135_000_000)),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_params(raw), want, "{raw}");
        }
        for bad in ["8", "seven", "7X", "", "-3B", "1e400"] {
            assert!(parse_params(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parameter_counts_print_short() {
        assert_eq!(format_params(7_000_000_000), "7B");
        assert_eq!(format_params(1_540_000_000), "1.5B");
        assert_eq!(format_params(350_000_000), "350M");
        assert_eq!(format_params(32_000_000_000), "32B");
    }
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

    /// What a judge should know before scoring: missing links, a model total over the limit.
    pub fn warnings(&self, max_params: u64) -> Vec<String> {
        let mut out = Vec::new();
        if self.video_url.is_none() {
            out.push("no video".to_owned());
        }
        if self.post_url.is_none() {
            out.push("no post".to_owned());
        }
        if let Some(p) = self.declared_params.filter(|p| *p > max_params) {
            out.push(format!("{} > {}", format_params(p), format_params(max_params)));
        }
        if self.space_key.is_none() {
            out.push("not a Space".to_owned());
        }
        out
    }
}
