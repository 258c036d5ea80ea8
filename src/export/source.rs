//! Where an export comes from: the built-in sample, a file, or an http(s) URL.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};
use url::Url;

use crate::format::hex;
use crate::net::{BodyError, read_body, reason, redacted};

/// How much one MiB is, for `export.max_mb`.
pub const MIB: u64 = 1024 * 1024;

/// The org whose Spaces are the Build Small entries: what `hub:` alone reads.
pub const DEFAULT_ORG: &str = "build-small-hackathon";

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Builtin(String),
    File(PathBuf),
    Url(Url),
    /// An org's Spaces on the Hugging Face Hub (`hub:ORG`).
    Hub(String),
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The address as given, shown without its user, password, query or fragment
    /// ([`crate::net::unparsed`]): a password typed into `--from` must not reach a terminal or a
    /// log.
    #[error("{} is not an http(s) URL or a file path; only http(s) exports can be fetched", crate::net::unparsed(.0))]
    Scheme(String),
    #[error("cannot read {}: {}{}", path.display(), crate::disk::io_reason(source), crate::disk::read_hint(path, source))]
    Read { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Disk(#[from] crate::disk::DiskError),
    #[error("cannot fetch {url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("{url} answered {status}: {hint}")]
    Status { url: String, status: u16, hint: &'static str },
    #[error("{url} sent a web page, not an export: is the link the export's download link, and is it public?")]
    Html { url: String },
    #[error(
        "{url} is larger than {most_mb} MiB (export.max_mb): raise it in judging.toml if the export really is that large"
    )]
    TooLarge { url: String, most_mb: u64 },
    /// `pull`: the pull that caches it, in backquotes, with the `--from` and options given.
    #[error("--offline, and no copy of {url} is cached: run {pull} once with a network")]
    NotCached { url: String, pull: String },
}

impl Source {
    /// Reads `raw` (from judging.toml or --from): relative paths are taken from `base_dir`.
    pub fn resolve(raw: &str, base_dir: &Path) -> Result<Source, SourceError> {
        let raw = raw.trim();
        if raw.starts_with("builtin:") {
            return Ok(Source::Builtin(raw.into()));
        }
        if let Some(org) = raw.strip_prefix("hub:").or((raw == "hub").then_some("")) {
            let org = org.trim();
            return Ok(Source::Hub(if org.is_empty() { DEFAULT_ORG.into() } else { org.into() }));
        }
        if let Some((scheme, _)) = raw.split_once("://") {
            return match scheme.to_ascii_lowercase().as_str() {
                "http" | "https" => {
                    // The organizers' own export, which may sit behind a password in its URL.
                    crate::links::http_address(raw).map(Source::Url).map_err(|_| SourceError::Scheme(raw.into()))
                }
                _ => Err(SourceError::Scheme(raw.into())),
            };
        }
        Ok(Source::File(base_dir.join(raw)))
    }

    /// How messages name it. A URL loses its query and credentials, which may hold a secret.
    pub fn name(&self) -> String {
        match self {
            Source::Builtin(name) => name.clone(),
            Source::File(path) => crate::paths::shown(path),
            Source::Url(url) => redacted(url),
            Source::Hub(org) => format!("hub:{org}"),
        }
    }

    /// The key a fetched copy is cached under: a digest, so the URL itself is never stored.
    pub fn cache_key(&self) -> Option<String> {
        match self {
            Source::Url(url) => Some(hex(&Sha256::digest(url.as_str().as_bytes()))),
            Source::Hub(org) => Some(hex(&Sha256::digest(format!("hub:{org}").as_bytes()))),
            _ => None,
        }
    }
}

/// An export file: a regular file of at most `most` bytes, whose fields stay within `config`'s
/// limit (the read stops at the first that does not).
pub fn read_file(path: &Path, most: u64, config: &crate::config::Config) -> Result<Vec<u8>, SourceError> {
    Ok(crate::disk::read_watched(path, most, &mut super::guard::watch(config))?)
}

/// Fetches an export over http(s). Only a complete, successful, non-HTML answer is returned.
/// `offline` is the command, in backquotes, that reads the copy cached instead: the one the user
/// ran, with `--offline` (a check had been told of `judging pull --offline`).
pub fn fetch(url: &Url, config: &crate::config::Config, offline: &str) -> Result<Vec<u8>, SourceError> {
    let (timeout, most_mb) = (Duration::from_secs(config.export.timeout_secs), config.export.max_mb);
    let name = redacted(url);
    let fail = |reason: String| SourceError::Fetch { url: name.clone(), reason };
    let client = crate::net::client(timeout, 1).map_err(|e| fail(e.to_string()))?;
    // Busy or failing servers are asked again, as the Hub is; all of it within four timeouts.
    let overall = std::time::Instant::now() + timeout * 4;
    // Said as the Hub's waits are: wrapped on a terminal, and many alike counted, each naming
    // the export by its file's name and host, not its whole address.
    let waits = crate::net::Waits::default();
    let asked = asked_for(url);
    let waited = |why: &str, seconds: u64, next: usize| {
        if let Some(line) = waits.wait(why, seconds, next, &asked) {
            crate::commands::say(SAID_AS, &line);
        }
    };
    // A user name and password in the address (sent as Basic auth, which reqwest takes from
    // the address) go to its own origin only, its same-host hops included; never elsewhere.
    let ask = |at: &Url| {
        let mut at = at.clone();
        let ours = at.origin() == url.origin();
        let _ = at.set_username(if ours { url.username() } else { "" });
        let _ = at.set_password(if ours { url.password() } else { None });
        client.get(at).send()
    };
    let sent = crate::net::send_following(url, ask, overall, &waited);
    for line in waits.untold(crate::net::room_after(SAID_AS, crate::net::stderr_width())) {
        crate::commands::say(SAID_AS, &line);
    }
    let response = sent.map_err(|e| match e {
        crate::net::NotSent::Failed(e) if e.is_timeout() => fail(format!(
            "no answer within {} s (export.timeout_secs): the server is not answering; try again later, or {offline} for the copy cached at the last pull",
            timeout.as_secs()
        )),
        crate::net::NotSent::Failed(e) => fail(reason(&e)),
        crate::net::NotSent::TooManyRedirects => fail(crate::net::NotSent::too_many()),
    })?;
    // The whole answer, body included, ends by this time.
    let deadline = std::time::Instant::now() + timeout;
    let status = response.status();
    if !status.is_success() {
        return Err(SourceError::Status { url: name, status: status.as_u16(), hint: status_hint(status.as_u16()) });
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut watch = super::guard::watch(config);
    let body = read_body(response, most_mb.saturating_mul(MIB), deadline, &mut watch).map_err(|e| match e {
        BodyError::TooLarge => SourceError::TooLarge { url: name.clone(), most_mb },
        BodyError::CutOff(why) => fail(format!("the connection broke before the whole export arrived ({why})")),
        BodyError::TooSlow => fail(format!(
            "the export was still arriving after {} s (export.timeout_secs): the server is too slow; try again later",
            timeout.as_secs()
        )),
        BodyError::Refused(why) => fail(why),
    })?;
    let start = String::from_utf8_lossy(&body[..body.len().min(512)]).trim_start().to_ascii_lowercase();
    if content_type.starts_with("text/html") || start.starts_with("<!doctype html") || start.starts_with("<html") {
        return Err(SourceError::Html { url: name });
    }
    Ok(body)
}

/// What the export's waits are said as: `The export: it answered 503 (busy); …`.
const SAID_AS: &str = "The export";

/// An export's address in a few words, for its waits: its file's name and its host
/// (`export.csv on example.com`), or the host alone.
fn asked_for(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    let file = url.path_segments().and_then(|mut s| s.next_back()).filter(|f| !f.is_empty());
    let said = match file {
        Some(file) => format!("{file} on {host}"),
        None => host.to_owned(),
    };
    crate::sanitize::visible(&said)
}

fn status_hint(status: u16) -> &'static str {
    match status {
        401 | 403 => "the export is not public; ask the organizers for a link that needs no sign-in",
        404 => "there is nothing at that address; check export.source in judging.toml",
        429 => "too many requests; wait a minute and pull again",
        500..=599 => "the server failed; pull again later, or use the cached copy with --offline",
        _ => "expected 200 OK with the export",
    }
}
