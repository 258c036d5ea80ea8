//! What the Hub says of each entry's Space: its runtime stage, hardware and price, and the sizes
//! of the models it declares, checked against the event's limits. The judge sees these as hints
//! for latency and cost; the prize rules use them.

use std::collections::{HashMap, HashSet};

use super::api::{FALLBACK_PRICES, Space, Tier, model_size, stage};
use super::client::{CONCURRENCY, Hub, HubError, each_bounded};
use crate::model::{HubCache, HubFacts, ModelSize};

/// Model sizes change rarely: a week-old answer is still good.
const MODEL_HOURS: u32 = 24 * 7;
const HARDWARE_HOURS: u32 = 24;

#[derive(Debug, Default)]
pub struct Report {
    pub enriched: usize,
    /// Entries whose facts could not be refreshed; their cached facts are kept.
    pub failed: Vec<(String, String)>,
    pub requests: usize,
    /// What to keep, in one transaction: the raw answers by key, and each entry's facts (JSON).
    pub answers: Vec<(String, Vec<u8>)>,
    pub facts: Vec<(String, String)>,
}

/// Refreshes the facts of `entries` (submission id, Space id), one tick of `progress` each.
/// Spaces already listed are not asked for again. The report carries everything fetched, for the caller to keep in one
/// transaction: a refresh that fails half way keeps nothing.
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
            hub.url(&format!("/api/spaces/{space}")).and_then(|url| hub.get_json::<Space>(&url).map(|(s, _, _)| s))
        };
        progress.tick();
        asked
    });
    let mut wanted: Vec<String> =
        spaces.iter().flatten().flat_map(Space::all_models).collect::<HashSet<_>>().into_iter().collect();
    wanted.sort();
    let sizes = model_sizes(hub, cache, &wanted, &mut answers)?;
    let mut report = Report::default();
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
/// know is recorded as such; a failed request fails the refresh, leaving the cache as it was.
fn model_sizes(
    hub: &Hub,
    cache: &dyn HubCache,
    models: &[String],
    answers: &mut Vec<(String, Vec<u8>)>,
) -> Result<HashMap<String, ModelSize>, HubError> {
    // The cache is read here, on this thread; only the Hub is asked from several.
    let mut out = HashMap::new();
    let mut missing = Vec::new();
    for id in models {
        let key = format!("model:{id}");
        let cached: Option<serde_json::Value> =
            cache.cached(&key, MODEL_HOURS).filter(|c| c.fresh).and_then(|c| serde_json::from_slice(&c.body).ok());
        match cached {
            Some(json) => {
                out.insert(id.clone(), model_size(id, &json));
            }
            None => missing.push(id.clone()),
        }
    }
    let fetched = each_bounded(&missing, CONCURRENCY, |id| -> Result<(ModelSize, Option<Vec<u8>>), HubError> {
        match hub.get_json::<serde_json::Value>(&hub.url(&format!("/api/models/{id}"))?) {
            Ok((json, body, _)) => Ok((model_size(id, &json), Some(body))),
            Err(HubError::Status { status: 404 | 401, .. }) => {
                Ok((ModelSize { id: id.clone(), params: None, uncertain: Some("not found on the Hub".into()) }, None))
            }
            Err(e) => Err(e),
        }
    });
    for result in fetched {
        let (size, body) = result?;
        if let Some(body) = body {
            answers.push((format!("model:{}", size.id), body));
        }
        out.insert(size.id.clone(), size);
    }
    Ok(out)
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
    let models: Vec<ModelSize> = space.all_models().iter().filter_map(|m| sizes.get(m).cloned()).collect();
    let params = models.iter().map(|m| m.params).sum::<Option<u64>>().filter(|_| !models.is_empty());
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
