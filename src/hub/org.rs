//! The Hub as the shared export: an org's Spaces that carry a track tag, with the demo video and
//! social post links from their READMEs, turned into the JSON export the pull already reads.

use serde_json::json;

use super::api::Space;
use super::client::{CONCURRENCY, Hub, HubError, each_bounded};
use super::ids::{Kind, RepoId};
use super::readme;
use crate::config::Config;
use crate::format::count;
use crate::model::HubCache;

/// What listing an org gives the pull.
pub struct Listing {
    /// The entries as a JSON export, in the listing's order.
    pub json: Vec<u8>,
    /// Every Space kept, for enriching without asking again.
    pub spaces: Vec<Space>,
    /// Answers worth caching: READMEs, by Space and commit.
    pub answers: Vec<(String, Vec<u8>)>,
    /// Spaces left out for carrying no track tag.
    pub without_track: usize,
    /// Spaces whose README the Hub failed to give, and why: kept, without their links.
    pub unread: Vec<(String, String)>,
    /// What of a Space's README metadata did not read as meant ([`Space::oddities`]): of every
    /// Space kept, and of one left out whose tags did not read (which may be why).
    pub oddities: Vec<String>,
}

/// Every Space of `org` that carries a tag naming one of judging.toml's tracks. `progress` (the
/// pull's or the check's line) counts the listing's pages, then the READMEs asked for.
pub fn list_org(
    hub: &Hub,
    org: &str,
    config: &Config,
    cache: Option<&dyn HubCache>,
    progress: &crate::progress::Progress,
) -> Result<Listing, HubError> {
    if let Some(why) = super::ids::org_problem(org) {
        return Err(HubError::RepoId { id: crate::sanitize::in_quotes(org), kind: "org", why });
    }
    let expand = ["cardData", "tags", "runtime", "sdk", "models", "likes", "sha", "author"]
        .map(|e| format!("&expand={e}"))
        .concat();
    let first = hub.url(&format!("/api/spaces?author={org}&limit=100{expand}"))?;
    let shown = crate::sanitize::clean_line(org);
    let page = |n: usize| progress.say(&format!("Listing the Spaces of {shown}: {}", count(n, "page", "pages")));
    page(0);
    // A 404 for the listing is the org's: the address said drops its query, which names it.
    let mut all: Vec<Space> = hub.get_pages_counted(first, &page).map_err(|e| match e {
        HubError::Status { url, status, hint } => HubError::Status {
            url: format!("{url} (the Spaces of org {})", crate::sanitize::in_quotes(org)),
            status,
            hint,
        },
        other => other,
    })?;
    // A Space the Hub could not have listed for the org (another owner's, a name that climbs a
    // path or holds a control) is no entry: its id would have been cut to its last part and
    // its link resolved elsewhere ("other/../../x" was entry "x" at https://huggingface.co/x).
    let mut oddities: Vec<String> = Vec::new();
    all.retain(|s| {
        let why = not_of(org, &s.id);
        if let Some(why) = why {
            oddities.push(format!("{}: not a Space of {org} ({why}): left out", crate::sanitize::in_quotes(&s.id)));
        }
        why.is_none()
    });
    let total = all.len();
    let has_track = |s: &Space| s.all_tags().iter().any(|t| config.track_for(t).is_some());
    let loose_tags = |s: &Space| s.tags.odd.is_some() || s.card.as_ref().is_some_and(|c| c.tags.odd.is_some());
    oddities.extend(all.iter().filter(|s| has_track(s) || loose_tags(s)).flat_map(Space::oddities));
    let spaces: Vec<Space> = all.into_iter().filter(|s| has_track(s)).collect();
    let without_track = total - spaces.len();
    // READMEs change with the Space's commit: one fetched for this commit is still right. The
    // cache is read here; only the Hub is asked from several threads.
    let keys: Vec<String> =
        spaces.iter().map(|s| format!("readme:{}@{}", s.id, s.sha.as_deref().unwrap_or("?"))).collect();
    let cached: Vec<Option<Vec<u8>>> =
        keys.iter().map(|k| cache.and_then(|c| c.cached(k, 0)).map(|c| c.body)).collect();
    let jobs: Vec<(&Space, bool)> = spaces.iter().zip(&cached).map(|(s, c)| (s, c.is_some())).collect();
    let asked = jobs.iter().filter(|(_, have)| !have).count();
    let stage = crate::progress::stage(asked, "Reading the Spaces' READMEs");
    let fetched = each_bounded(&jobs, CONCURRENCY, |(s, have)| -> Result<Option<Vec<u8>>, HubError> {
        if *have {
            return Ok(None);
        }
        let _ticked = Ticked(&stage);
        let id = RepoId::new(Kind::Space, &s.id)?;
        match hub.get(&hub.url(&format!("/spaces/{}/raw/main/README.md", id.as_str()))?) {
            Ok((body, _)) => Ok(Some(body)),
            // A Space without a README has no links to find; that is not a failed listing, and
            // its absence is kept for this commit like a README.
            Err(HubError::Status { status: 404, .. }) => Ok(Some(Vec::new())),
            Err(e) => Err(e),
        }
    });
    drop(stage);
    progress.say("Reading the export");
    let mut answers = Vec::new();
    let mut rows = Vec::new();
    let mut unread = Vec::new();
    for (((space, key), cached), fetched) in spaces.iter().zip(keys).zip(cached).zip(fetched) {
        // A README the Hub failed to give keeps its entry, without the links it would have had;
        // it is not cached, so the next pull asks again.
        let fetched = match fetched {
            Ok(fetched) => fetched,
            Err(e) => {
                unread.push((space.id.clone(), e.without_url()));
                None
            }
        };
        let body = fetched.as_deref().or(cached.as_deref());
        let found = body.map(|b| readme::find(&String::from_utf8_lossy(b))).unwrap_or_default();
        rows.push(row(space, &found, org, config));
        if let Some(new) = fetched {
            answers.push((key, new));
        }
    }
    let json = serde_json::to_vec(&rows).map_err(|e| HubError::Json { url: org.into(), reason: e.to_string() })?;
    Ok(Listing { json, spaces, answers, without_track, unread, oddities })
}

/// Ticks a stage when a job ends, whichever way it ends.
struct Ticked<'a>(&'a crate::progress::Stage);

impl Drop for Ticked<'_> {
    fn drop(&mut self) {
        self.0.tick();
    }
}

/// Why `id` is not a Space the Hub could list for `org`, or `None` when it is one: an id the Hub
/// allows ([`super::ids::problem`]), owned by the org.
fn not_of(org: &str, id: &str) -> Option<&'static str> {
    super::ids::problem(Kind::Space, id).or_else(|| {
        let owner = id.split('/').next().unwrap_or_default();
        (!owner.eq_ignore_ascii_case(org)).then_some("another owner's")
    })
}

/// One entry as a row of a JSON export, in the default column names.
fn row(space: &Space, found: &readme::Found, org: &str, config: &Config) -> serde_json::Value {
    let tags = space.all_tags();
    let track = tags.iter().find_map(|t| config.track_for(t)).map(|t| t.id.clone());
    let card = space.card.clone().unwrap_or_default();
    json!({
        "id": space.name(),
        "title": card.title.value.unwrap_or_else(|| space.name().to_owned()),
        // A Space the org owns says nothing of its team; a Space under a member's name does.
        "team": space.author.clone().filter(|a| !a.eq_ignore_ascii_case(org)).unwrap_or_default(),
        "space_url": format!("https://huggingface.co/spaces/{}", space.id),
        "video_url": found.video,
        "post_url": found.post,
        "description": card.short_description.value.unwrap_or_default(),
        "track": track,
        "tags": tags,
        "models": space.all_models(),
        "sdk": space.sdk,
        "likes": space.likes,
    })
}
