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

/// An address that did not parse, as a message quotes it: as [`redacted`] would, without
/// whatever sits before an `@` in its authority (a user name and password) and without its query
/// and fragment, though `Url` could not read it; its controls shown.
pub fn unparsed(raw: &str) -> String {
    let raw = raw.split(['?', '#']).next().unwrap_or_default();
    let (scheme, rest) = raw.split_once("://").map_or(("", raw), |(s, r)| (s, r));
    let authority = rest.find('/').unwrap_or(rest.len());
    let shown = match rest[..authority].rfind('@') {
        Some(at) if scheme.is_empty() => format!("…{}", &rest[at..]),
        Some(at) => format!("{scheme}://…{}", &rest[at..]),
        None => raw.to_owned(),
    };
    crate::sanitize::in_quotes(&shown)
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

/// How long a server asks to be left alone: the `t=` of a `RateLimit` header (seconds until the
/// window resets), else `Retry-After` in seconds; `None` when it does not say.
pub fn asked_wait(ratelimit: Option<&str>, retry_after: Option<&str>) -> Option<u64> {
    let from_ratelimit = ratelimit.and_then(|h| {
        h.split([';', ',']).find_map(|p| p.trim().strip_prefix("t=").and_then(|t| t.trim().parse::<u64>().ok()))
    });
    from_ratelimit.or_else(|| retry_after.and_then(|r| r.trim().parse::<u64>().ok()))
}

/// Tries of one request, at most.
pub const TRIES: usize = 5;

/// Sends a request again while that can help, the one policy of the export fetch and the Hub
/// client: a 429 or 503 waits what the server asks (never more than a minute; 5 s when it does
/// not say), another 5xx or a connection that broke waits 1, 2, 4, 8 s; a connection that could
/// not be made, or a server that gave no answer within the client's timeout, is not retried (a
/// server that hangs for the whole timeout would hang again, four times over). It gives up after
/// `TRIES`
/// tries, or when a wait would pass `deadline`, returning the last answer or error for the
/// caller to word. `wait` tells the user of each wait: why, its seconds, and the try that
/// follows.
pub fn send_with_retries(
    send: impl Fn() -> reqwest::Result<reqwest::blocking::Response>,
    deadline: std::time::Instant,
    wait: &dyn Fn(&str, u64, usize),
) -> reqwest::Result<reqwest::blocking::Response> {
    let mut attempt = 1;
    loop {
        let outcome = send();
        let (why, seconds) = match &outcome {
            Ok(r) if matches!(r.status().as_u16(), 429 | 503) => {
                let header = |h: &str| r.headers().get(h).and_then(|v| v.to_str().ok());
                let asked = asked_wait(header("ratelimit"), header("retry-after")).unwrap_or(5).min(60);
                (format!("it answered {} (busy)", r.status().as_u16()), asked)
            }
            Ok(r) if r.status().is_server_error() => {
                (format!("it answered {}", r.status().as_u16()), 1 << (attempt - 1))
            }
            // A connection that broke is tried again; one that could not be made at all (offline,
            // nothing listening) is said at once, not after a minute of waiting.
            Err(e) if e.is_request() && !e.is_connect() && !e.is_timeout() => {
                ("the connection broke".to_owned(), 1 << (attempt - 1))
            }
            _ => return outcome,
        };
        if attempt == TRIES || std::time::Instant::now() + Duration::from_secs(seconds) > deadline {
            return outcome;
        }
        attempt += 1;
        wait(&why, seconds, attempt);
        std::thread::sleep(Duration::from_secs(seconds));
    }
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
    /// The caller's watch on the bytes stopped it part way, saying why.
    Refused(String),
}

/// Reads an answer's body, refusing one larger than `most` bytes without holding more of it, and
/// one still arriving at `deadline`: the client's timeout bounds each read, not the whole body.
/// `watch` sees everything read so far after each read, and can stop it.
pub fn read_body(
    mut response: reqwest::blocking::Response,
    most: u64,
    deadline: std::time::Instant,
    watch: &mut dyn FnMut(&[u8]) -> Result<(), String>,
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
        watch(&body).map_err(BodyError::Refused)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_says_how_long_to_wait_in_either_header() {
        assert_eq!(asked_wait(Some("\"api\";r=0;t=42"), None), Some(42));
        assert_eq!(asked_wait(None, Some("7")), Some(7));
        assert_eq!(asked_wait(Some("\"api\";r=0;t=3"), Some("9")), Some(3), "RateLimit first");
        assert_eq!(asked_wait(None, Some("Wed, 21 Oct 2026 07:28:00 GMT")), None, "a date is not seconds");
        assert_eq!(asked_wait(None, None), None);
    }
}
