//! What the export fetch and the Hub client share: one way to build a client, to name a URL
//! without the secrets it may hold, to say what went wrong, and to read an answer of bounded size.

use std::io::Read;
use std::time::Duration;

use url::Url;

/// A blocking client that identifies judging, gives up after `timeout`, and keeps up to `idle`
/// connections per host open for the requests that follow.
pub fn client(timeout: Duration, idle: usize) -> Result<reqwest::blocking::Client, reqwest::Error> {
    reqwest::blocking::Client::builder()
        .timeout(timeout)
        .pool_max_idle_per_host(idle)
        .user_agent(concat!("judging/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// How messages name a URL: without its query, fragment and credentials, which may hold a secret.
pub fn redacted(url: &Url) -> String {
    let mut shown = url.clone();
    shown.set_query(None);
    shown.set_fragment(None);
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}

/// A network error in words, with the causes reqwest wraps.
pub fn reason(error: &reqwest::Error) -> String {
    let mut text = if error.is_timeout() {
        "no answer in time".to_owned()
    } else if error.is_connect() {
        "cannot connect".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        text = format!("{text}: {c}");
        cause = c.source();
    }
    text
}

/// Why an answer's body could not be had whole.
#[derive(Debug)]
pub enum BodyError {
    /// The connection broke before the end, with the reason.
    CutOff(String),
    /// Larger than the caller's bound: no answer judging needs is that large.
    TooLarge,
    /// Still arriving at the deadline: a server trickling a byte at a time.
    TooSlow,
}

/// Reads an answer's body, refusing one larger than `most` bytes without holding more of it, and
/// one still arriving at `deadline`: the client's timeout bounds each read, not the whole body.
pub fn read_body(
    mut response: reqwest::blocking::Response,
    most: u64,
    deadline: std::time::Instant,
) -> Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if std::time::Instant::now() > deadline {
            return Err(BodyError::TooSlow);
        }
        let n = response.read(&mut chunk).map_err(|e| BodyError::CutOff(e.to_string()))?;
        if n == 0 {
            return Ok(body);
        }
        body.extend_from_slice(&chunk[..n]);
        if body.len() as u64 > most {
            return Err(BodyError::TooLarge);
        }
    }
}
