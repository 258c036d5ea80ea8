//! What the Hub said of an entry's Space, as plain data: the judge sees it as hints for latency
//! and cost, and the prize rules prefer it to what the entrants declared.

use serde::{Deserialize, Serialize};

/// One entry's facts from the Hub.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HubFacts {
    pub space: String,
    /// running, sleeping, paused, starting, error, unknown.
    pub stage: String,
    /// The hardware it runs on now, else the one it asks for.
    pub hardware: Option<String>,
    pub price_per_hour: Option<f64>,
    /// "hub" when the Hub's price list answered, "built-in" for the fallback table.
    pub price_from: String,
    pub sdk: Option<String>,
    pub models: Vec<ModelSize>,
    /// The models' parameters together, when every one is known.
    pub params: Option<u64>,
    /// Why the total may be wrong: a count absent or understated.
    pub params_uncertain: Option<String>,
    /// The Space's commit, and when it last changed (ISO 8601), as the Hub said.
    #[serde(default)]
    pub revision: Option<String>,
    #[serde(default)]
    pub changed_at: Option<String>,
}

/// Whether `text` is a commit as git names one, 7 to 64 hexadecimal digits (the Hub gives 40):
/// all a Space's revision may be, whether the Hub said it or a score file does.
pub fn is_revision(text: &str) -> bool {
    (7..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// One model's parameter count, as the Hub gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSize {
    pub id: String,
    pub params: Option<u64>,
    /// Set when the count is absent, or understates the model (packed quantized weights).
    pub uncertain: Option<String>,
}

impl HubFacts {
    /// Facts for tests: a running Space on free hardware, with these models' total and SDK.
    #[cfg(test)]
    pub(crate) fn example(params: Option<u64>, sdk: &str) -> HubFacts {
        HubFacts {
            space: "o/x".into(),
            stage: "running".into(),
            hardware: Some("cpu-basic".into()),
            price_per_hour: Some(0.0),
            price_from: "hub".into(),
            sdk: Some(sdk.into()),
            models: vec![],
            params,
            params_uncertain: None,
            revision: None,
            changed_at: None,
        }
    }
}

/// A Hub answer kept from an earlier run.
pub struct Cached {
    pub body: Vec<u8>,
    /// Fetched recently enough to use without asking again.
    pub fresh: bool,
}

/// Where the Hub's answers are kept between runs (the judge's store): the Hub client asks it,
/// and never names the store itself.
pub trait HubCache {
    /// A kept answer, and whether it was fetched within the last `fresh_hours`; `None` when
    /// there is none or it cannot be read (the Hub is then asked).
    fn cached(&self, key: &str, fresh_hours: u32) -> Option<Cached>;
}

#[cfg(test)]
mod tests {
    /// A commit, short or long, in either case; nothing else.
    #[test]
    fn a_revision_is_a_commit_and_nothing_else() {
        let cases = [
            ("f9c28bcd85737ffc5aef028638d3341d49869c27", true),
            ("abc1234", true),
            ("ABCDEF0", true),
            (&"a".repeat(64), true),
            ("abc123", false),
            (&"a".repeat(65), false),
            ("<head commit>", false),
            ("g123456", false),
            ("abc1234\u{1b}", false),
            ("", false),
        ];
        for (text, is) in cases {
            assert_eq!(super::is_revision(text), is, "{text:?}");
        }
    }
}
