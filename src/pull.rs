//! `judging pull`: read the export and bring the store up to date, all or nothing.

use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::config::Loaded;
use crate::export::source::{self, Source};
use crate::export::{self, ExportError, Parsed};
use crate::store::{Incoming, PullCounts, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<source::SourceError> for PullError {
    fn from(e: source::SourceError) -> Self {
        PullError::Export(ExportError::Source(e))
    }
}

/// The export's bytes, and where they came from.
pub struct Fetched {
    pub source: Source,
    pub bytes: Vec<u8>,
    /// Set when the bytes came from the store's cache: when they were fetched.
    pub cached_at: Option<String>,
}

/// Reads the export's bytes: a file, the built-in sample, the network, or with `offline` the
/// store's cached copy of a URL.
pub fn fetch(loaded: &Loaded, from: Option<&str>, offline: bool, store: Option<&Store>) -> Result<Fetched, PullError> {
    let raw = from.unwrap_or(&loaded.config.export.source);
    let base = if from.is_some() { std::path::PathBuf::from(".") } else { loaded.base_dir() };
    let source = Source::resolve(raw, &base)?;
    let (bytes, cached_at) = match &source {
        Source::Builtin(name) => match export::builtin(name) {
            Some(text) => (text.as_bytes().to_vec(), None),
            None => {
                return Err(source::SourceError::Read {
                    path: name.into(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no such built-in export (builtin:sample, builtin:sample-v2)",
                    ),
                }
                .into());
            }
        },
        Source::File(path) => (source::read_file(path)?, None),
        Source::Url(url) if offline => {
            let key = source.cache_key().unwrap_or_default();
            match store.map(|s| s.cached_export(&key)).transpose()?.flatten() {
                Some((body, at)) => (body, Some(at)),
                None => {
                    return Err(source::SourceError::NotCached { url: source::redacted(url) }.into());
                }
            }
        }
        Source::Url(url) => (source::fetch(url, Duration::from_secs(loaded.config.export.timeout_secs))?, None),
    };
    Ok(Fetched { source, bytes, cached_at })
}

/// Parses fetched bytes with the configuration's mapping.
pub fn parse(loaded: &Loaded, fetched: &Fetched) -> Result<Parsed, PullError> {
    let name = fetched.source.name();
    let text = export::as_text(&fetched.bytes, &name)?;
    Ok(export::parse(text, &name, &loaded.config)?)
}

pub struct Outcome {
    pub fetched: Fetched,
    pub parsed: Parsed,
    pub counts: PullCounts,
}

/// The whole pull: fetch, parse, apply. A URL's body is cached in the same transaction that
/// applies it, so a failed pull leaves both the submissions and the cache as they were.
pub fn pull(loaded: &Loaded, store: &mut Store, from: Option<&str>, offline: bool) -> Result<Outcome, PullError> {
    let fetched = fetch(loaded, from, offline, Some(store))?;
    let parsed = parse(loaded, &fetched)?;
    let name = fetched.source.name();
    let digest = source::hex(&Sha256::digest(&fetched.bytes));
    let key = fetched.source.cache_key();
    let fresh_fetch = fetched.cached_at.is_none();
    let cache = match (&key, fresh_fetch) {
        (Some(key), true) => Some((key.as_str(), name.as_str(), fetched.bytes.as_slice())),
        _ => None,
    };
    let counts = store.apply_pull(&Incoming {
        submissions: &parsed.submissions,
        ids_seen: &parsed.ids_seen,
        source: &name,
        digest: &digest,
        rejected: parsed.rejected(),
        cache,
    })?;
    Ok(Outcome { fetched, parsed, counts })
}
