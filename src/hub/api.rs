//! What the Hub's answers mean: pure parsing of its JSON and headers.

use serde::Deserialize;

use crate::model::ModelSize;

/// One Space as `GET /api/spaces?author=ORG&expand[]=...` or `GET /api/spaces/{id}` gives it.
/// Every field is optional: the Hub adds and drops fields, and an entry must not fail on that.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Space {
    pub id: String,
    pub author: Option<String>,
    pub sha: Option<String>,
    #[serde(rename = "lastModified")]
    pub last_modified: Option<String>,
    pub sdk: Option<String>,
    pub likes: Option<u64>,
    /// The Hub derives these from the README's metadata too: read as loosely as the card.
    pub tags: Loose<Vec<String>>,
    pub models: Loose<Vec<String>>,
    #[serde(rename = "cardData")]
    pub card: Option<Card>,
    pub runtime: Option<Runtime>,
}

/// A Space's README metadata, as its author wrote it by hand: every field is [`Loose`], so that
/// one entrant's `models: Qwen/Qwen2.5-1.5B` (a string, not a list) does not make the org's
/// whole listing unreadable and stop the pull for every entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Card {
    pub title: Loose<Option<String>>,
    pub short_description: Loose<Option<String>>,
    pub tags: Loose<Vec<String>>,
    pub models: Loose<Vec<String>>,
}

/// A value written by an entrant, read as far as it goes and never failing what holds it: a list
/// of text takes a single text as a list of one, and anything else as none; text takes a number
/// or true/false as written, and anything else as none. What did not read as meant is kept in
/// `odd`, said (with the Space's id) by [`Space::oddities`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loose<T> {
    pub value: T,
    /// What was written instead, and how it was read: "is a number, not a list: read as none".
    pub odd: Option<String>,
}

impl<T> std::ops::Deref for Loose<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// What a JSON value is, in the README author's words.
fn kind(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

impl<'de> Deserialize<'de> for Loose<Vec<String>> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde_json::Value;
        Ok(match Value::deserialize(d)? {
            Value::Null => Loose::default(),
            Value::String(one) => Loose { value: vec![one], odd: None },
            Value::Array(items) => {
                let total = items.len();
                let value: Vec<String> = items.into_iter().filter_map(|i| i.as_str().map(str::to_owned)).collect();
                let left = total - value.len();
                let odd = (left > 0).then(|| {
                    format!(
                        "lists {} that {} not text: {} out",
                        crate::format::count(left, "item", "items"),
                        if left == 1 { "is" } else { "are" },
                        if left == 1 { "it is left" } else { "they are left" }
                    )
                });
                Loose { value, odd }
            }
            other => Loose { value: Vec::new(), odd: Some(format!("is {}, not a list: read as none", kind(&other))) },
        })
    }
}

impl<'de> Deserialize<'de> for Loose<Option<String>> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde_json::Value;
        Ok(match Value::deserialize(d)? {
            Value::Null => Loose::default(),
            Value::String(text) => Loose { value: Some(text), odd: None },
            Value::Number(n) => Loose { value: Some(n.to_string()), odd: None },
            Value::Bool(b) => Loose { value: Some(b.to_string()), odd: None },
            other => Loose { value: None, odd: Some(format!("is {}, not text: read as none", kind(&other))) },
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Runtime {
    pub stage: Option<String>,
    pub hardware: Option<Hardware>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Hardware {
    pub current: Option<String>,
    pub requested: Option<String>,
}

impl Space {
    /// Tags from the listing and from the README's metadata, without repeats.
    pub fn all_tags(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in self.tags.iter().chain(self.card.iter().flat_map(|c| c.tags.iter())) {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
                out.push(t.clone());
            }
        }
        out
    }

    pub fn all_models(&self) -> Vec<String> {
        let mut out: Vec<String> = self.models.value.clone();
        for m in self.card.iter().flat_map(|c| c.models.iter()) {
            if !out.contains(m) {
                out.push(m.clone());
            }
        }
        out
    }

    /// What of the Space's README metadata (and the Hub's lists drawn from it) did not read as
    /// meant, each naming the Space and the key: "bsh/pill-pal: its README's `models` is a
    /// number, not a list: read as none".
    pub fn oddities(&self) -> Vec<String> {
        let listed = [("the Hub's `tags`", &self.tags.odd), ("the Hub's `models`", &self.models.odd)];
        let card = self.card.iter().flat_map(|c| {
            [
                ("its README's `title`", &c.title.odd),
                ("its README's `short_description`", &c.short_description.odd),
                ("its README's `tags`", &c.tags.odd),
                ("its README's `models`", &c.models.odd),
            ]
        });
        listed
            .into_iter()
            .chain(card)
            .filter_map(|(key, odd)| odd.as_ref().map(|odd| format!("{}: {key} {odd}", self.id)))
            .collect()
    }

    /// The Space's name within its owner: `build-small-hackathon/pill-pal` → `pill-pal`.
    pub fn name(&self) -> &str {
        self.id.rsplit('/').next().unwrap_or(&self.id)
    }
}

/// A Space's state as a judge reads it.
pub fn stage(runtime: Option<&Runtime>) -> &'static str {
    match runtime.and_then(|r| r.stage.as_deref()).unwrap_or_default() {
        "RUNNING" | "RUNNING_BUILDING" => "running",
        "SLEEPING" => "sleeping",
        "PAUSED" | "STOPPED" => "paused",
        "BUILDING" | "APP_STARTING" | "RUNNING_APP_STARTING" => "starting",
        "RUNTIME_ERROR" | "BUILD_ERROR" | "CONFIG_ERROR" | "NO_APP_FILE" | "JOB_ERROR" => "error",
        "" => "unknown",
        _ => "other",
    }
}

/// More parameters than any model has (a quadrillion): a count past it is none.
const LARGEST_MODEL: u64 = 1_000_000_000_000_000;

/// Reads `GET /api/models/{id}`: `safetensors.total`, or `gguf.total` for a GGUF repo.
pub fn model_size(id: &str, json: &serde_json::Value) -> ModelSize {
    let safetensors = json.pointer("/safetensors/total").and_then(serde_json::Value::as_u64);
    let gguf = json.pointer("/gguf/total").and_then(serde_json::Value::as_u64);
    let tags: Vec<String> = json
        .get("tags")
        .and_then(|t| t.as_array())
        .map(|t| t.iter().filter_map(|v| v.as_str()).map(str::to_ascii_lowercase).collect())
        .unwrap_or_default();
    let quantized_tag = ["gptq", "awq", "4-bit", "8-bit", "bitsandbytes", "exl2", "fp8"]
        .iter()
        .find(|q| tags.iter().any(|t| t.contains(**q)));
    // Packed integer tensors (4-bit weights stored eight to an I32) are counted as one each.
    let packed = json
        .pointer("/safetensors/parameters")
        .and_then(|p| p.as_object())
        .is_some_and(|dtypes| dtypes.keys().any(|d| matches!(d.as_str(), "I32" | "U8" | "I8" | "U32")));
    let counted = safetensors.or(gguf);
    // The Hub reads the count from the weights' headers, which the repo's owner writes.
    let params = counted.filter(|p| *p <= LARGEST_MODEL);
    let uncertain = match (params, quantized_tag, packed) {
        (None, _, _) if counted.is_some() => Some("the Hub's count is more than any model has".to_owned()),
        (None, _, _) => Some("no parameter count on the Hub".to_owned()),
        (Some(_), Some(q), _) if gguf.is_none() => Some(format!("{q} quantized: the count understates the model")),
        (Some(_), _, true) if gguf.is_none() => {
            Some("packed integer weights: the count understates the model".to_owned())
        }
        _ => None,
    };
    ModelSize { id: id.to_owned(), params, uncertain }
}

/// The `rel="next"` URL of a `Link` header.
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim().replace(' ', "");
            p == "rel=\"next\"" || p == "rel=next"
        });
        let url = url.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| url.to_owned())
    })
}

/// One hardware tier's price, as `GET /api/spaces/hardware` lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct Tier {
    pub name: String,
    #[serde(default, rename = "unitCostUSD")]
    pub unit_cost_usd: Option<f64>,
    #[serde(default, rename = "unitLabel")]
    pub unit_label: Option<String>,
}

impl Tier {
    /// Dollars per hour, from the per-minute (or per-hour) price; `None` for what no price is
    /// (below 0, not finite) or a unit that is neither, which the Hub's answer was not meant to
    /// hold: the jury would have read -300.00 $/hour.
    pub fn per_hour(&self) -> Option<f64> {
        let cost = self.unit_cost_usd?;
        let per_hour = match self.unit_label.as_deref().unwrap_or("minute") {
            "hour" => cost,
            "minute" => cost * 60.0,
            _ => return None,
        };
        (per_hour.is_finite() && per_hour >= 0.0).then_some(per_hour)
    }
}

/// Dollars per hour for the tiers judges meet, for when the Hub's list cannot be had. Public
/// list prices when this was written; the Hub's own list wins whenever it answers.
pub const FALLBACK_PRICES: [(&str, f64); 14] = [
    ("cpu-basic", 0.0),
    ("zero-a10g", 0.0),
    ("cpu-upgrade", 0.03),
    ("t4-small", 0.40),
    ("t4-medium", 0.60),
    ("l4x1", 0.80),
    ("l4x4", 3.80),
    ("a10g-small", 1.00),
    ("a10g-large", 1.50),
    ("a10g-largex2", 3.00),
    ("a10g-largex4", 5.00),
    ("l40sx1", 1.80),
    ("a100-large", 2.50),
    ("h100", 4.50),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A count past any model's (2^64 - 1, as a crafted safetensors header can make the Hub
    /// report) is no count: it was taken as certain, and two such added up past 2^64.
    #[test]
    fn a_parameter_count_past_any_model_is_none() {
        for (total, counted) in
            [(494_032_768_u64, true), (2_000_000_000_000, true), (u64::MAX, false), (1 << 62, false)]
        {
            let size = model_size("o/m", &serde_json::json!({ "safetensors": { "total": total } }));
            assert_eq!(size.params.is_some(), counted, "{total}");
            assert_eq!(size.uncertain.is_some(), !counted, "{total}: {:?}", size.uncertain);
        }
    }

    /// A tier's price is one the Hub could charge: 0 or more dollars, finite, by the minute or
    /// the hour. Anything else (a hostile answer's -5 a minute was printed as -300.00 $/hour)
    /// is no price.
    #[test]
    fn a_price_is_a_price_or_none() {
        let tier = |cost: f64, label: Option<&str>| Tier {
            name: "t4-small".into(),
            unit_cost_usd: Some(cost),
            unit_label: label.map(str::to_owned),
        };
        for (cost, label, per_hour) in [
            (0.01, Some("minute"), Some(0.6)),
            (0.01, None, Some(0.6)),
            (0.5, Some("hour"), Some(0.5)),
            (0.0, Some("minute"), Some(0.0)),
            (-5.0, Some("minute"), None),
            (1e308, Some("minute"), None),
            (f64::NAN, Some("hour"), None),
            (0.01, Some("second"), None),
            (0.01, Some("hour\u{1b}[2J"), None),
        ] {
            let got = tier(cost, label).per_hour();
            assert!(
                got.zip(per_hour).map_or(got.is_none() && per_hour.is_none(), |(g, w)| (g - w).abs() < 1e-9),
                "{cost} a {label:?}: {got:?}"
            );
        }
    }

    fn fixture(name: &str) -> serde_json::Value {
        let path = format!("{}/tests/fixtures/hub/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("json")
    }

    #[test]
    fn model_sizes_from_real_responses() {
        let albert = model_size("a", &fixture("model_paraphrase-albert-small-v2.json"));
        assert!(albert.params.is_some_and(|p| p > 10_000_000 && p < 20_000_000), "{albert:?}");
        assert_eq!(albert.uncertain, None);
        let gguf = model_size("g", &fixture("model_ggml-org_gemma-3-1b-it-GGUF.trimmed.json"));
        assert_eq!(gguf.params, Some(999_885_952));
        assert_eq!(gguf.uncertain, None);
        let none = model_size("n", &serde_json::json!({"id": "n", "tags": ["pytorch"]}));
        assert_eq!((none.params, none.uncertain.as_deref()), (None, Some("no parameter count on the Hub")));
        let gptq = model_size(
            "q",
            &serde_json::json!({"tags": ["gptq", "4-bit"], "safetensors": {"parameters": {"I32": 900, "F16": 100}, "total": 1000}}),
        );
        assert_eq!(gptq.params, Some(1000));
        assert!(gptq.uncertain.as_deref().is_some_and(|u| u.contains("understates")), "{gptq:?}");
        let packed = model_size("p", &serde_json::json!({"safetensors": {"parameters": {"U8": 5}, "total": 5}}));
        assert!(packed.uncertain.is_some());
    }

    #[test]
    fn a_real_listing_entry_reads() {
        let space: Space = serde_json::from_value(fixture("space_enzostvs_deepsite.list_entry.json")).expect("space");
        assert_eq!(
            (space.id.as_str(), space.name(), space.sdk.as_deref()),
            ("enzostvs/deepsite", "deepsite", Some("docker"))
        );
        assert_eq!(space.likes, Some(16610));
        assert_eq!(stage(space.runtime.as_ref()), "running");
        assert_eq!(space.runtime.and_then(|r| r.hardware).and_then(|h| h.current).as_deref(), Some("cpu-xl"));
        let building: Runtime = serde_json::from_value(fixture("space_runtime_cassette.json")).expect("runtime");
        assert_eq!(stage(Some(&building)), "starting");
        assert_eq!(building.hardware.and_then(|h| h.current), None);
    }

    #[test]
    fn a_readmes_loose_metadata_reads_as_far_as_it_goes() {
        let space: Space = serde_json::from_value(serde_json::json!({
            "id": "o/s", "models": "a/b", "tags": null,
            "cardData": {"title": 2048, "short_description": {"x": 1}, "tags": ["t", 3, false], "models": 5},
        }))
        .expect("a loose card still reads");
        assert_eq!(space.all_models(), ["a/b"]);
        assert_eq!(space.all_tags(), ["t"]);
        let card = space.card.clone().expect("card");
        assert_eq!((card.title.value.as_deref(), card.short_description.value.as_deref()), (Some("2048"), None));
        assert_eq!(
            space.oddities(),
            [
                "o/s: its README's `short_description` is a table, not text: read as none",
                "o/s: its README's `tags` lists 2 items that are not text: they are left out",
                "o/s: its README's `models` is a number, not a list: read as none",
            ]
        );
    }

    #[test]
    fn headers_for_paging_and_rate_limits() {
        let link =
            "<https://huggingface.co/api/spaces?author=o&cursor=abc>; rel=\"next\", <https://x/prev>; rel=\"prev\"";
        assert_eq!(next_link(link).as_deref(), Some("https://huggingface.co/api/spaces?author=o&cursor=abc"));
        assert_eq!(next_link("<https://x/prev>; rel=\"prev\""), None);
        assert_eq!(next_link(""), None);
        assert_eq!(stage(Some(&Runtime { stage: Some("PAUSED".into()), hardware: None })), "paused");
    }
}
