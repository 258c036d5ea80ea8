//! What the Hub says of each entry's Space: its runtime stage, hardware and price, and the sizes
//! of the models it declares, checked against the event's limits. The judge sees these as hints
//! for latency and cost; the prize rules use them.

use std::collections::{BTreeMap, HashMap};

use super::api::{FALLBACK_PRICES, Space, Tier, model_size, stage};
use super::client::{CONCURRENCY, Hub, HubError, each_bounded};
use super::ids::{Kind, RepoId};
use crate::model::{HubCache, HubFacts, ModelSize};

/// Model sizes change rarely: a week-old answer is still good.
const MODEL_HOURS: u32 = 24 * 7;
const HARDWARE_HOURS: u32 = 24;

#[derive(Debug, Default)]
pub struct Report {
    pub enriched: usize,
    /// Entries whose facts could not be refreshed; their cached facts are kept.
    pub failed: Vec<(String, String)>,
    /// Model ids a Space declares that are no Hub model id, by entry: never looked up.
    pub refused: Vec<(String, String)>,
    /// Model lookups that failed: each model's id, the entries declaring it, and why. Their
    /// entries are refreshed without that model's size (or with its earlier answer).
    pub lookups_failed: Vec<LookupFailed>,
    pub requests: usize,
    /// What to keep, in one transaction: the raw answers by key, and each entry's facts (JSON).
    pub answers: Vec<(String, Vec<u8>)>,
    pub facts: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct LookupFailed {
    pub model: String,
    pub entries: Vec<String>,
    pub why: String,
    /// Whether an earlier answer for the model, older than a week, was used instead.
    pub earlier_used: bool,
}

/// Refreshes the facts of `entries` (submission id, Space id), one tick of `progress` each.
/// Spaces already listed are not asked for again. The report carries everything fetched, for the caller to keep in one
/// transaction: a refresh that fails half way keeps nothing. A Space or model id that is no Hub
/// repo id is not asked for ([`RepoId`]); a model whose lookup fails is reported, and the others
/// go on.
pub fn enrich(
    hub: &Hub,
    cache: &dyn HubCache,
    entries: &[(String, String)],
    listed: &[Space],
    mut answers: Vec<(String, Vec<u8>)>,
    progress: &crate::progress::Progress,
) -> Result<Report, HubError> {
    let before = hub.requests.load(std::sync::atomic::Ordering::Relaxed);
    let (prices, price_from) = hardware_prices(hub, cache, &mut answers);
    let known: HashMap<&str, &Space> = listed.iter().map(|s| (s.id.as_str(), s)).collect();
    let spaces: Vec<Result<Space, HubError>> = each_bounded(entries, CONCURRENCY, |(_, space)| {
        let asked = if let Some(s) = known.get(space.as_str()) {
            Ok((*s).clone())
        } else {
            RepoId::new(Kind::Space, space)
                .and_then(|id| hub.url(&id.api_path("")))
                .and_then(|url| hub.get_json::<Space>(&url).map(|(s, _, _)| s))
        };
        progress.tick();
        asked
    });
    let mut report = Report::default();
    // Each model to look up, with the entries that declare it.
    let mut wanted: BTreeMap<String, (RepoId, Vec<String>)> = BTreeMap::new();
    for ((entry, _), space) in entries.iter().zip(&spaces) {
        for model in space.iter().flat_map(Space::all_models) {
            match RepoId::new(Kind::Model, &model) {
                Ok(id) => wanted.entry(model).or_insert_with(|| (id, Vec::new())).1.push(entry.clone()),
                Err(refused) => report.refused.push((entry.clone(), refused.to_string())),
            }
        }
    }
    let (sizes, lookups_failed) = model_sizes(hub, cache, wanted, &mut answers);
    report.lookups_failed = lookups_failed;
    let mut facts = Vec::new();
    for ((id, _), space) in entries.iter().zip(spaces) {
        match space {
            Ok(space) => {
                let f = facts_of(&space, &sizes, &prices, &price_from);
                facts.push((id.clone(), serde_json::to_string(&f).unwrap_or_default()));
                report.enriched += 1;
            }
            Err(e) => report.failed.push((id.clone(), e.without_url())),
        }
    }
    report.requests = hub.requests.load(std::sync::atomic::Ordering::Relaxed) - before;
    report.answers = answers;
    report.facts = facts;
    Ok(report)
}

/// Dollars per hour by hardware name: the Hub's list (cached a day), else the built-in table.
fn hardware_prices(
    hub: &Hub,
    cache: &dyn HubCache,
    answers: &mut Vec<(String, Vec<u8>)>,
) -> (HashMap<String, f64>, String) {
    let parse = |body: &[u8]| -> Option<HashMap<String, f64>> {
        let tiers: Vec<Tier> = serde_json::from_slice(body).ok()?;
        Some(tiers.iter().filter_map(|t| t.per_hour().map(|p| (t.name.clone(), p))).collect())
    };
    let cached = cache.cached("hardware", HARDWARE_HOURS);
    if let Some(prices) = cached.as_ref().filter(|c| c.fresh).and_then(|c| parse(&c.body)) {
        return (prices, "hub".into());
    }
    let fetched = hub.url("/api/spaces/hardware").and_then(|u| hub.get(&u)).ok().map(|(body, _)| body);
    match fetched.as_deref().and_then(parse).filter(|p| !p.is_empty()) {
        Some(prices) => {
            answers.push(("hardware".into(), fetched.unwrap_or_default()));
            (prices, "hub".into())
        }
        None => match cached.as_ref().and_then(|c| parse(&c.body)) {
            Some(prices) => (prices, "hub".into()),
            None => (FALLBACK_PRICES.iter().map(|(n, p)| ((*n).to_owned(), *p)).collect(), "built-in".into()),
        },
    }
}

/// Each model's size: from the cache when fresh, else from the Hub. A model the Hub does not
/// know is recorded as such. A lookup that fails is one failure, said with the entries that
/// declare the model, and the others go on: the model's earlier answer is used if there is one,
/// else its size is unknown (which no limit can then be said to be met by).
fn model_sizes(
    hub: &Hub,
    cache: &dyn HubCache,
    models: BTreeMap<String, (RepoId, Vec<String>)>,
    answers: &mut Vec<(String, Vec<u8>)>,
) -> (HashMap<String, ModelSize>, Vec<LookupFailed>) {
    // The cache is read here, on this thread; only the Hub is asked from several.
    let mut out = HashMap::new();
    let mut missing = Vec::new();
    let earlier = |key: &str| cache.cached(key, MODEL_HOURS).and_then(|c| serde_json::from_slice(&c.body).ok());
    for (id, (repo, entries)) in models {
        let key = format!("model:{id}");
        let cached: Option<serde_json::Value> =
            cache.cached(&key, MODEL_HOURS).filter(|c| c.fresh).and_then(|c| serde_json::from_slice(&c.body).ok());
        match cached {
            Some(json) => {
                out.insert(id.clone(), model_size(&id, &json));
            }
            None => missing.push((repo, entries)),
        }
    }
    let fetched = each_bounded(&missing, CONCURRENCY, |(repo, _)| -> Result<(ModelSize, Option<Vec<u8>>), HubError> {
        let id = repo.as_str();
        match hub.get_json::<serde_json::Value>(&hub.url(&repo.api_path(""))?) {
            Ok((json, body, _)) => Ok((model_size(id, &json), Some(body))),
            Err(HubError::Status { status: 404 | 401, .. }) => Ok((
                ModelSize { id: id.to_owned(), params: None, uncertain: Some("not found on the Hub".into()) },
                None,
            )),
            Err(e) => Err(e),
        }
    });
    let mut failed = Vec::new();
    for ((repo, entries), result) in missing.into_iter().zip(fetched) {
        let id = repo.as_str().to_owned();
        match result {
            Ok((size, body)) => {
                if let Some(body) = body {
                    answers.push((format!("model:{id}"), body));
                }
                out.insert(id, size);
            }
            Err(e) => {
                let why = e.without_url();
                let (size, earlier_used) = match earlier(&format!("model:{id}")) {
                    Some(json) => (model_size(&id, &json), true),
                    None => (
                        ModelSize { id: id.clone(), params: None, uncertain: Some(format!("not looked up: {why}")) },
                        false,
                    ),
                };
                failed.push(LookupFailed { model: id.clone(), entries, why, earlier_used });
                out.insert(id, size);
            }
        }
    }
    (out, failed)
}

fn facts_of(
    space: &Space,
    sizes: &HashMap<String, ModelSize>,
    prices: &HashMap<String, f64>,
    price_from: &str,
) -> HubFacts {
    let hardware = space
        .runtime
        .as_ref()
        .and_then(|r| r.hardware.as_ref())
        .and_then(|h| h.current.clone().or_else(|| h.requested.clone()));
    // A declared id that is no Hub model id was not looked up: its size is unknown, as a model
    // the Hub does not know.
    let models: Vec<ModelSize> = space
        .all_models()
        .iter()
        .map(|m| {
            sizes.get(m).cloned().unwrap_or_else(|| ModelSize {
                id: crate::sanitize::quoted(m),
                params: None,
                uncertain: Some("not a Hub model id; not looked up".into()),
            })
        })
        .collect();
    // Added checked: a sum past 2^64 wrapped to a small count in a release build.
    let params = models.iter().try_fold(0_u64, |sum, m| sum.checked_add(m.params?)).filter(|_| !models.is_empty());
    let params_uncertain = if models.is_empty() {
        Some("the Space declares no models".to_owned())
    } else {
        models.iter().find_map(|m| m.uncertain.as_ref().map(|u| format!("{}: {u}", m.id)))
    };
    HubFacts {
        space: space.id.clone(),
        stage: stage(space.runtime.as_ref()).to_owned(),
        price_per_hour: hardware.as_ref().and_then(|h| prices.get(h).copied()),
        price_from: price_from.to_owned(),
        hardware,
        sdk: space.sdk.clone(),
        models,
        params,
        params_uncertain,
        // Anything else the Hub sent is no commit, and is not recorded as the Space's revision.
        revision: space.sha.clone().filter(|sha| crate::model::is_revision(sha)),
        changed_at: space.last_modified.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The models' counts are added without wrapping: two of 2^63 each made 0 in a release
    /// build (a Tiny Titan of two giant models), and a panic in a debug one.
    #[test]
    fn the_models_counts_add_up_without_wrapping() {
        let space: Space = serde_json::from_value(serde_json::json!({
            "id": "bsh/x", "models": ["o/a", "o/b"], "tags": [],
        }))
        .expect("a space");
        let size = |id: &str, params| (id.to_owned(), ModelSize { id: id.to_owned(), params, uncertain: None });
        for (a, b, total) in
            [(Some(1_000), Some(2_000), Some(3_000)), (Some(1 << 63), Some(1 << 63), None), (Some(5), None, None)]
        {
            let sizes: HashMap<String, ModelSize> = [size("o/a", a), size("o/b", b)].into_iter().collect();
            let facts = facts_of(&space, &sizes, &HashMap::new(), "hub");
            assert_eq!(facts.params, total, "{a:?} + {b:?}");
        }
    }
}
