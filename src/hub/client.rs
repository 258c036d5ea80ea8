//! One blocking HTTP client for the Hub: its base from `HF_ENDPOINT`, `HF_TOKEN` sent only to that
//! base, 429s waited out from the `RateLimit` headers, and a bounded number of requests at once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use url::Url;

use super::api::next_link;
use crate::net::{BodyError, NotSent, read_body, reason, redacted, send_following};

/// The Hub's public address, when `HF_ENDPOINT` does not say otherwise.
pub const DEFAULT_ENDPOINT: &str = "https://huggingface.co";
/// Requests in flight at once: polite to the Hub, and enough to hide each request's latency.
pub const CONCURRENCY: usize = 8;
/// No Hub answer a judge needs is larger; a score file `collect` downloads fits.
const MAX_BYTES: u64 = crate::limits::HUB_ANSWER_BYTES;

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    /// The address as [`crate::net::unparsed`] shows it.
    #[error("HF_ENDPOINT = {0} is not an http(s) URL")]
    Endpoint(String),
    /// The address as [`crate::net::unparsed`] shows it (without what follows `?` or `#`, which
    /// may hold a secret).
    #[error(
        "HF_ENDPOINT = {0}… has a query or a fragment (after ? or #): the Hub's paths go after the address, so they would be lost in it; give the address alone, such as https://huggingface.co"
    )]
    EndpointQuery(String),
    /// The address as [`crate::net::unparsed`] shows it (without its user name and password).
    #[error(
        "HF_ENDPOINT = {0} has a user name or password (before @): they would be sent on every request in place of HF_TOKEN; give the address alone, such as https://huggingface.co, and the token in HF_TOKEN"
    )]
    EndpointCredentials(String),
    #[error("cannot reach the Hub at {url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("the Hub answered {status} for {url}: {hint}")]
    Status { url: String, status: u16, hint: &'static str },
    #[error("{path}: {why}; nothing was committed")]
    Lfs { path: String, why: &'static str },
    #[error("{id} is not a Hub {kind} id ({why}); it was not looked up")]
    RepoId { id: String, kind: &'static str, why: &'static str },
    #[error("{path} is not a plain path inside the repo: {why}")]
    RepoPath { path: String, why: &'static str },
    #[error("the Hub kept answering 429 (too many requests) for {url}; try again in a few minutes")]
    RateLimited { url: String },
    #[error("the Hub's answer for {url} is not what judging expects: {reason}")]
    Json { url: String, reason: String },
    #[error("the Hub's next page is on another host ({url}); judging follows pages only on {base}")]
    Elsewhere { url: String, base: String },
}

impl HubError {
    /// What went wrong, without the address asked: the same failure on forty Spaces reads as one.
    pub fn without_url(&self) -> String {
        match self {
            HubError::Fetch { reason, .. } => format!("cannot reach the Hub: {reason}"),
            HubError::Status { status, hint, .. } => format!("the Hub answered {status}: {hint}"),
            HubError::RateLimited { .. } => "the Hub kept answering 429 (too many requests)".to_owned(),
            HubError::Json { reason, .. } => format!("the Hub's answer is not what judging expects: {reason}"),
            other => other.to_string(),
        }
    }
}

pub struct Hub {
    client: reqwest::blocking::Client,
    base: Url,
    token: Option<String>,
    /// How many requests were made, for progress and benchmarks.
    pub requests: AtomicUsize,
    /// How long one request may take, its answer's body included.
    timeout: Duration,
    /// The setting that gives `timeout`, for the words of a request that had no answer in it;
    /// `None` where none does (`join`, before it has the event).
    pub timeout_from: Option<&'static str>,
    /// Why a request had no answer, or not all of it, within `timeout`: a Hub that hangs, or
    /// trickles, does so for every request, so the ones after it fail at once with the same words
    /// instead of each waiting.
    silent: std::sync::OnceLock<String>,
    /// Where waits on a rate limit are reported: the first few of each kind, then one line
    /// counting the rest, when the client is dropped ([`crate::net::Waits`]).
    pub on_wait: Box<dyn Fn(&str) + Send + Sync>,
    waits: crate::net::Waits,
}

/// What the Hub's waits are said as: `The Hub: it answered 429 (busy); …`.
const SAID_AS: &str = "The Hub";

/// What a request to the Hub asked for, in a few words, for its waits to name: a Space's id
/// (`bsh/pill-pal`), its README, a model's or a dataset's id, a page of an org's Spaces; else
/// the address's path without its query. The whole address had made each wait, and the line
/// counting them, run to several lines of a terminal.
/// `base` is the Hub's address, whose path (a mirror's `/hf`) is no part of what was asked.
fn asked_for(base: &Url, url: &Url) -> String {
    let segments = |u: &Url| -> Vec<String> {
        u.path_segments().map(|s| s.filter(|p| !p.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
    };
    let (prefix, all) = (segments(base), segments(url));
    let parts: Vec<&str> =
        all.iter().skip(if all.starts_with(&prefix) { prefix.len() } else { 0 }).map(String::as_str).collect();
    let said = match parts.as_slice() {
        ["api", "spaces"] => {
            let author = url.query_pairs().find(|(k, _)| k == "author").map(|(_, v)| v.into_owned());
            author.map_or_else(|| "a page of Spaces".to_owned(), |org| format!("a page of {org}'s Spaces"))
        }
        ["spaces", owner, name, "raw", .., "README.md"] => format!("{owner}/{name}'s README"),
        ["api", "spaces", owner, name, ..] if *owner != "hardware" => format!("{owner}/{name}"),
        ["api", "models", owner, name, ..] => format!("model {owner}/{name}"),
        ["api", "models", name] => format!("model {name}"),
        ["api", "datasets", owner, name, ..] | ["datasets", owner, name, ..] => format!("dataset {owner}/{name}"),
        _ => url.path().to_owned(),
    };
    crate::sanitize::visible(&said)
}

impl Drop for Hub {
    /// The waits not said one by one, counted.
    fn drop(&mut self) {
        for line in self.waits.untold(crate::net::room_after(SAID_AS, crate::net::stderr_width())) {
            (self.on_wait)(&line);
        }
    }
}

impl Hub {
    /// The Hub as `huggingface_hub` reads the environment: `HF_ENDPOINT` and `HF_TOKEN`.
    pub fn from_env(timeout: Duration) -> Result<Hub, HubError> {
        let endpoint = std::env::var("HF_ENDPOINT").ok().filter(|e| !e.trim().is_empty());
        let token = std::env::var("HF_TOKEN").ok().filter(|t| !t.trim().is_empty());
        Hub::new(endpoint.as_deref().unwrap_or(DEFAULT_ENDPOINT), token, timeout)
    }

    pub fn new(endpoint: &str, token: Option<String>, timeout: Duration) -> Result<Hub, HubError> {
        let base = Url::parse(endpoint.trim_end_matches('/'))
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| HubError::Endpoint(crate::net::unparsed(endpoint)))?;
        // Every request's path is written after the address: after a query or a fragment it would
        // be part of them, and the Hub asked for its front page (huggingface_hub does the same).
        if base.query().is_some() || base.fragment().is_some() {
            return Err(HubError::EndpointQuery(crate::net::unparsed(endpoint)));
        }
        // reqwest sends a user name and password in the address as Basic auth on every request,
        // and HF_TOKEN's Bearer header is then not sent; messages name the address without them.
        if !base.username().is_empty() || base.password().is_some() {
            return Err(HubError::EndpointCredentials(crate::net::unparsed(endpoint)));
        }
        let client = crate::net::client(timeout, CONCURRENCY)
            .map_err(|e| HubError::Fetch { url: redacted(&base), reason: e.to_string() })?;
        Ok(Hub {
            client,
            base,
            token: token.map(|t| t.trim().to_owned()),
            requests: AtomicUsize::new(0),
            timeout,
            timeout_from: Some("export.timeout_secs"),
            silent: std::sync::OnceLock::new(),
            // Wrapped between words on a terminal, as every warning is.
            on_wait: Box::new(|line| crate::commands::say(SAID_AS, line)),
            waits: crate::net::Waits::default(),
        })
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    /// `path` (with its query) on the Hub.
    pub fn url(&self, path: &str) -> Result<Url, HubError> {
        let joined = format!("{}{path}", self.base.as_str().trim_end_matches('/'));
        Url::parse(&joined).map_err(|_| HubError::Endpoint(crate::net::unparsed(&joined)))
    }

    /// "no answer within 30 s (export.timeout_secs)": what a request that had none is said as.
    fn no_answer(&self) -> String {
        let from = self.timeout_from.map(|setting| format!(" ({setting})")).unwrap_or_default();
        format!("no answer within {} s{from}", self.timeout.as_secs())
    }

    /// Why a request failed, in words: one with no answer in time as [`Hub::no_answer`] says it,
    /// and the Hub then taken as silent.
    fn failed(&self, url: &str, error: &reqwest::Error) -> HubError {
        let reason = if error.is_timeout() { self.gone_slow(self.no_answer()) } else { reason(error) };
        HubError::Fetch { url: url.to_owned(), reason }
    }

    /// Takes the Hub as too slow to wait for again, for `why`; the words every later request
    /// fails with (the first reason given, where requests in flight found it at once).
    fn gone_slow(&self, why: String) -> String {
        self.silent.get_or_init(|| why).clone()
    }

    /// The failure every request meets once the Hub has been too slow; `None` before.
    fn gone_silent(&self, url: &str) -> Option<HubError> {
        self.silent.get().map(|why| HubError::Fetch { url: url.to_owned(), reason: why.clone() })
    }

    /// The body of a successful answer, and the next page's URL if the answer has one.
    pub fn get(&self, url: &Url) -> Result<(Vec<u8>, Option<Url>), HubError> {
        let name = redacted(url);
        if url.origin() != self.base.origin() {
            return Err(HubError::Elsewhere { url: name, base: redacted(&self.base) });
        }
        if let Some(e) = self.gone_silent(&name) {
            return Err(e);
        }
        // Retries and their waits, within an overall deadline: the one policy in `net`.
        let overall = std::time::Instant::now() + self.timeout * 4;
        let waited = |why: &str, seconds: u64, next: usize| {
            if let Some(line) = self.waits.wait(why, seconds, next, &asked_for(&self.base, url)) {
                (self.on_wait)(&line);
            }
        };
        // The token goes to the Hub's own address only: the Hub sends downloads on to storage
        // hosts, which must never see it, however many hops on.
        let send = |at: &Url| {
            let mut request = self.client.get(at.clone());
            if let Some(token) = self.token.as_ref().filter(|_| at.origin() == self.base.origin()) {
                request = request.bearer_auth(token);
            }
            self.requests.fetch_add(1, Ordering::Relaxed);
            request.send()
        };
        let response = send_following(url, send, overall, &waited).map_err(|e| match e {
            NotSent::Failed(e) => self.failed(&name, &e),
            NotSent::TooManyRedirects => HubError::Fetch { url: name.clone(), reason: NotSent::too_many() },
        })?;
        let deadline = std::time::Instant::now() + self.timeout;
        let status = response.status().as_u16();
        let header = |h: &str| response.headers().get(h).and_then(|v| v.to_str().ok()).map(str::to_owned);
        if status == 429 {
            return Err(HubError::RateLimited { url: name });
        }
        if !(200..300).contains(&status) {
            return Err(HubError::Status { url: name, status, hint: hint(status) });
        }
        let next = header("link").and_then(|l| next_link(&l)).and_then(|n| Url::parse(&n).ok());
        let body = read_body(response, MAX_BYTES, deadline, &mut |_| Ok(())).map_err(|e| match e {
            BodyError::CutOff(why) => {
                HubError::Fetch { url: name.clone(), reason: format!("the answer was cut off ({why})") }
            }
            BodyError::TooSlow => HubError::Fetch {
                url: name.clone(),
                reason: self.gone_slow(format!("the answer was still arriving after {} s", self.timeout.as_secs())),
            },
            BodyError::TooLarge => {
                HubError::Json { url: name.clone(), reason: "the answer is far larger than any Hub answer".into() }
            }
            BodyError::Refused(why) => HubError::Json { url: name.clone(), reason: why },
        })?;
        Ok((body, next))
    }

    /// Sends a request with a body (`POST`), once: the caller decides what a status means, since
    /// a dataset repo's 409 and 412 ask for different answers. Returns the status and the body.
    pub fn post(&self, url: &Url, content_type: &str, body: Vec<u8>) -> Result<(u16, Vec<u8>), HubError> {
        let name = redacted(url);
        if url.origin() != self.base.origin() {
            return Err(HubError::Elsewhere { url: name, base: redacted(&self.base) });
        }
        if let Some(e) = self.gone_silent(&name) {
            return Err(e);
        }
        let mut request = self.client.post(url.clone()).header("content-type", content_type).body(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let response = request.send().map_err(|e| self.failed(&name, &e))?;
        let status = response.status().as_u16();
        let deadline = std::time::Instant::now() + self.timeout;
        let body = read_body(response, MAX_BYTES, deadline, &mut |_| Ok(()))
            .map_err(|_| HubError::Fetch { url: name.clone(), reason: "the answer was cut off".into() })?;
        Ok((status, body))
    }

    /// Every item of a listing that the Hub gives in pages (`Link: rel="next"`), from `first`
    /// on. A next page given before (a listing that loops) is refused, as are more pages, or
    /// more bytes, than any real listing has ([`crate::limits::HUB_LISTING_PAGES`]): such a
    /// listing had been followed for ever.
    pub fn get_pages<T: serde::de::DeserializeOwned>(&self, first: Url) -> Result<Vec<T>, HubError> {
        self.get_pages_counted(first, &|_| {})
    }

    /// [`Hub::get_pages`], telling `read` how many pages it has read after each: a listing of
    /// thirty pages had shown a spinner and no count.
    pub fn get_pages_counted<T: serde::de::DeserializeOwned>(
        &self,
        first: Url,
        read: &dyn Fn(usize),
    ) -> Result<Vec<T>, HubError> {
        use crate::limits::{HUB_LISTING_BYTES, HUB_LISTING_PAGES, mib};
        let mut seen = std::collections::HashSet::new();
        let (mut items, mut bytes, mut url) = (Vec::new(), 0u64, first);
        loop {
            seen.insert(url.clone());
            let (page, body, next): (Vec<T>, Vec<u8>, _) = self.get_json(&url)?;
            items.extend(page);
            read(seen.len());
            bytes = bytes.saturating_add(body.len() as u64);
            let Some(next) = next else { return Ok(items) };
            let refused = |reason: String| HubError::Json { url: redacted(&next), reason };
            if seen.contains(&next) {
                return Err(refused(
                    "its next page is a page it gave before, so the listing would never end; try again later".into(),
                ));
            }
            if seen.len() >= HUB_LISTING_PAGES || bytes > HUB_LISTING_BYTES {
                return Err(refused(format!(
                    "the listing runs past {HUB_LISTING_PAGES} pages or {} MiB, more than any listing of the Hub's",
                    mib(HUB_LISTING_BYTES)
                )));
            }
            url = next;
        }
    }

    /// A JSON answer, parsed.
    pub fn get_json<T: serde::de::DeserializeOwned>(&self, url: &Url) -> Result<(T, Vec<u8>, Option<Url>), HubError> {
        let (body, next) = self.get(url)?;
        let value =
            serde_json::from_slice(&body).map_err(|e| HubError::Json { url: redacted(url), reason: e.to_string() })?;
        Ok((value, body, next))
    }
}

/// Runs `work` on every item with at most `limit` at once, keeping the items' order.
pub fn each_bounded<T: Sync, R: Send>(
    items: &[T],
    limit: usize,
    work: impl Fn(&T) -> Result<R, HubError> + Sync,
) -> Vec<Result<R, HubError>> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<R, HubError>>> = (0..items.len()).map(|_| None).collect();
    let slots = std::sync::Mutex::new(&mut results);
    std::thread::scope(|scope| {
        for _ in 0..limit.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = work(item);
                    // A lock another worker poisoned still holds every answer already in it.
                    slots.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[i] = Some(result);
                }
            });
        }
    });
    // One result per item, in the items' place: an item without an answer says so, and the
    // answers after it stay with their own items.
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(HubError::Fetch { url: String::new(), reason: "no answer was given".into() })))
        .collect()
}

pub(crate) fn hint(status: u16) -> &'static str {
    match status {
        401 | 403 => "set HF_TOKEN to a token that can read it",
        404 => "nothing there: check the org or Space name",
        500..=599 => "the Hub failed; the cached data is kept, try again later",
        _ => "expected 200 OK",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An HF_ENDPOINT that is no http(s) URL is quoted without the password or query it may
    /// carry, and with its controls shown.
    #[test]
    fn a_refused_endpoint_is_said_without_its_credentials() {
        for (endpoint, shown) in [
            ("http://u:hf_SECRET@127.0.0.1:99999", r#""http://…@127.0.0.1:99999""#),
            ("ftp://u:pw@host/x@y", r#""ftp://…@host/x@y""#),
            ("not a url", r#""not a url""#),
            ("http://h:99999/x?token=hf_SECRET#f", r#""http://h:99999/x""#),
            ("u:pw@x\u{1b}[2J", r#""…@x\u{1b}[2J""#),
        ] {
            let said =
                Hub::new(endpoint, None, Duration::from_secs(1)).err().map(|e| e.to_string()).unwrap_or_default();
            assert_eq!(said, format!("HF_ENDPOINT = {shown} is not an http(s) URL"), "{endpoint}");
        }
    }

    /// An address with a query or a fragment is refused, not asked with every path lost in its
    /// query: what follows `?` or `#` (a token, say) is not repeated.
    #[test]
    fn an_endpoint_with_a_query_is_refused_without_it() {
        for endpoint in ["https://hub.example/?token=hf_SECRET", "https://hub.example/mirror#hf_SECRET", "http://h/?"] {
            let said =
                Hub::new(endpoint, None, Duration::from_secs(1)).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(said.contains("has a query or a fragment"), "{endpoint}: {said}");
            assert!(!said.contains("SECRET"), "{said}");
        }
        // A path prefix (a mirror under /hf) is an address: the paths go after it.
        let hub = Hub::new("https://mirror.example/hf/", None, Duration::from_secs(1)).expect("an address");
        assert_eq!(
            hub.url("/api/spaces?x=1").map(|u| u.to_string()).ok().as_deref(),
            Some("https://mirror.example/hf/api/spaces?x=1")
        );
    }

    /// An address with a user name or password is refused: reqwest would send them as Basic
    /// auth on every request, in place of HF_TOKEN's Bearer header, and every message shows the
    /// address without them, so nothing would tell the user. The refusal does not repeat them.
    #[test]
    fn an_endpoint_with_credentials_is_refused_without_them() {
        for endpoint in
            ["http://user:hf_SECRET@127.0.0.1:18777/mirror", "https://hf_SECRET@hub.example", "https://:hf_SECRET@h/"]
        {
            let said = Hub::new(endpoint, Some("hf_tok".into()), Duration::from_secs(1))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(said.contains("has a user name or password"), "{endpoint}: {said}");
            assert!(said.contains("HF_TOKEN"), "{said}");
            assert!(!said.contains("SECRET") && !said.contains("user:"), "{said}");
        }
    }

    /// A wait names what its request asked for, not the whole address (a mirror's path left out):
    /// forty of them had run to several lines of a terminal.
    #[test]
    fn a_request_is_named_by_what_it_asked_for() {
        let hub = Hub::new("https://mirror.example/hf", None, Duration::from_secs(1)).expect("an address");
        let named = |path: &str| hub.url(path).map(|u| asked_for(hub.base(), &u)).unwrap_or_default();
        assert_eq!(named("/api/spaces?author=bsh&limit=100&expand=likes"), "a page of bsh's Spaces");
        assert_eq!(named("/spaces/bsh/pill-pal/raw/main/README.md"), "bsh/pill-pal's README");
        assert_eq!(named("/api/spaces/bsh/pill-pal"), "bsh/pill-pal");
        assert_eq!(named("/api/models/org/tiny"), "model org/tiny");
        assert_eq!(named("/api/models/gpt2"), "model gpt2");
        assert_eq!(named("/api/datasets/me/scores/tree/main"), "dataset me/scores");
        assert_eq!(named("/datasets/me/scores/resolve/main/a.json"), "dataset me/scores");
        assert_eq!(named("/api/spaces/hardware"), "/hf/api/spaces/hardware");
        assert_eq!(named("/api/whoami-v2?token=x"), "/hf/api/whoami-v2", "no query");
    }

    #[test]
    fn every_item_keeps_its_own_answer_in_its_place() {
        let items: Vec<usize> = (0..200).collect();
        let answers = each_bounded(&items, CONCURRENCY, |i| {
            // Uneven work, and failures among the answers, must not shift the ones after them.
            std::thread::sleep(Duration::from_micros((*i as u64 * 37) % 500));
            if i % 7 == 0 { Err(HubError::Endpoint(i.to_string())) } else { Ok(i * 10) }
        });
        assert_eq!(answers.len(), items.len());
        for (i, answer) in answers.iter().enumerate() {
            match answer {
                Ok(v) => assert_eq!(*v, i * 10),
                Err(HubError::Endpoint(which)) => assert_eq!(which, &i.to_string()),
                Err(e) => panic!("{i}: {e}"),
            }
        }
    }
}
