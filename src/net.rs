//! What the export fetch and the Hub client share: one way to build a client, to name a URL
//! without the secrets it may hold, to say what went wrong, and to read an answer of bounded size.

use std::io::Read;
use std::time::Duration;

use url::Url;

/// A blocking client that identifies judging, gives up after `timeout`, and keeps up to `idle`
/// connections per host open for the requests that follow. It follows no redirect itself:
/// reqwest gives each hop the first request's headers again and strips a credential only on a
/// hop that changes host, so a second hop within another host had the token back. Every
/// request goes through [`send_following`], which decides each hop's credentials.
pub fn client(timeout: Duration, idle: usize) -> Result<reqwest::blocking::Client, reqwest::Error> {
    reqwest::blocking::Client::builder()
        .timeout(timeout)
        .pool_max_idle_per_host(idle)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("judging/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// The most redirects one request follows: reqwest's own limit.
pub const MOST_REDIRECTS: usize = 10;

/// Why [`send_following`] gave no answer.
#[derive(Debug)]
pub enum NotSent {
    Failed(reqwest::Error),
    /// Redirected more than [`MOST_REDIRECTS`] times.
    TooManyRedirects,
}

impl NotSent {
    /// "redirected more than 10 times", where the failure is not reqwest's to word.
    pub fn too_many() -> String {
        format!("redirected more than {MOST_REDIRECTS} times")
    }
}

/// Sends `request(url)` as [`send_with_retries`] does, and follows each redirect here, up to
/// [`MOST_REDIRECTS`]: `request` is given each hop's address and sends only what that address
/// may see (a token to the Hub's own origin, an export's password to its own).
pub fn send_following(
    url: &Url,
    request: impl Fn(&Url) -> reqwest::Result<reqwest::blocking::Response>,
    deadline: std::time::Instant,
    wait: &dyn Fn(&str, u64, usize),
) -> Result<reqwest::blocking::Response, NotSent> {
    let mut at = url.clone();
    for _ in 0..=MOST_REDIRECTS {
        let response = send_with_retries(|| request(&at), deadline, wait).map_err(NotSent::Failed)?;
        match redirected_to(&response, &at) {
            Some(next) => at = next,
            None => return Ok(response),
        }
    }
    Err(NotSent::TooManyRedirects)
}

/// Where a redirect answer sends the request next, resolved against the address asked; `None`
/// for an answer that is no redirect, or one with no usable http(s) `Location`.
fn redirected_to(response: &reqwest::blocking::Response, asked: &Url) -> Option<Url> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(reqwest::header::LOCATION)?.to_str().ok()?;
    asked.join(location).ok().filter(|next| matches!(next.scheme(), "http" | "https"))
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

/// `text` without what may be a secret: the user name and password of every address in it
/// ("https://user:hf_x@host/a" is "https://…@host/a"), its query and fragment ("?token=hf_x" is
/// "?…"), and a Hugging Face token standing alone ("hf_" and its letters is "hf_…"). A line of
/// judging.toml quoted in a message, or a value that is no address of the kind its key takes,
/// may carry a token, which no message prints (as [`redacted`] prints an address).
pub fn without_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        // The address runs to the first character none holds; its authority to the first `/`,
        // `?` or `#`, an `@` in it ending the credentials; its query or fragment to its end.
        let address = after.find(['"', '\'', '`', ' ']).unwrap_or(after.len());
        let authority = after[..address].find(['/', '?', '#']).unwrap_or(address);
        let from = match after[..authority].rfind('@') {
            Some(userinfo) => {
                out.push('…');
                userinfo
            }
            None => 0,
        };
        match after[from..address].find(['?', '#']) {
            Some(query) => {
                out.push_str(&after[from..=from + query]);
                out.push('…');
            }
            None => out.push_str(&after[from..address]),
        }
        rest = &after[address..];
    }
    out.push_str(rest);
    without_hub_tokens(&out)
}

/// `text` with each Hugging Face token ("hf_" then eight letters or digits or more, not inside
/// a word) cut to "hf_…".
fn without_hub_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("hf_") {
        let whole_word = rest[..at].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
        let tail = &rest[at + 3..];
        let letters = tail.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tail.len());
        if whole_word && letters >= 8 {
            out.push_str(&rest[..at]);
            out.push_str("hf_…");
            rest = &tail[letters..];
        } else {
            out.push_str(&rest[..at + 3]);
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// A network error in words, with the causes reqwest wraps. A connection that could not be made
/// is said in the app's words: the host, what happened (refused, a name that does not resolve),
/// what to check, and the system's reason short; reqwest's own had read "cannot connect: client
/// error (Connect): tcp connect error: Connection refused (os error 111)".
pub fn reason(error: &reqwest::Error) -> String {
    if error.is_connect() && !error.is_timeout() {
        return cannot_connect(error);
    }
    let mut text = if error.is_timeout() { "no answer in time".to_owned() } else { "the request failed".to_owned() };
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        text = format!("{text}: {c}");
        cause = c.source();
    }
    text
}

/// [`reason`] for a connection that could not be made.
fn cannot_connect(error: &reqwest::Error) -> String {
    let host = error.url().and_then(|u| {
        let host = u.host_str()?;
        Some(u.port().map_or_else(|| host.to_owned(), |p| format!("{host}:{p}")))
    });
    let host = crate::sanitize::visible(host.as_deref().unwrap_or("the server"));
    let mut causes = Vec::new();
    let mut io = None;
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        causes.push(c.to_string());
        if let Some(e) = c.downcast_ref::<std::io::Error>() {
            io = Some(e.kind());
        }
        cause = c.source();
    }
    let last = causes.last().map(|c| short_os_reason(c)).unwrap_or_default();
    if io == Some(std::io::ErrorKind::ConnectionRefused) {
        return format!(
            "{host} refused the connection (nothing is listening there): check the address, and that the server is running"
        );
    }
    if causes.iter().any(|c| c.contains("dns error")) {
        return format!("cannot find {host} ({last}): check the address, and that this machine is online");
    }
    format!("cannot connect to {host} ({last}): check the address, and that this machine is online")
}

/// The system's reason without its number: "Connection refused (os error 111)" is "Connection
/// refused".
pub fn short_os_reason(said: &str) -> String {
    match said.rfind(" (os error ") {
        Some(at) if said.ends_with(')') => said[..at].to_owned(),
        _ => said.to_owned(),
    }
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

/// The waits of a command's requests on a busy or failing server, said as the README's "many
/// alike" rule says problems: the first [`WAITS_SAID`] of each kind whole, then one line counting
/// the rest and naming the first of them ([`Waits::untold`]). A Hub answering 429 once for each
/// of 38 Spaces had been 38 lines of the same wait.
#[derive(Default)]
pub struct Waits(std::sync::Mutex<Vec<WaitKind>>);

/// The waits of one kind ("it answered 429 (busy)"): how many were said, and the rest.
struct WaitKind {
    why: String,
    said: usize,
    /// The first few of those not said, by what was asked.
    untold: Vec<String>,
    more: usize,
}

/// How many waits of one kind are said whole.
pub const WAITS_SAID: usize = 3;

impl Waits {
    /// The line for one wait (`why`, its seconds, the try that follows, and `what` was asked), or
    /// `None` past the first few of its kind: then it is counted for [`Waits::untold`]. `what` may
    /// be empty where the line names it already.
    pub fn wait(&self, why: &str, seconds: u64, next: usize, what: &str) -> Option<String> {
        let mut kinds = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let at = kinds.iter().position(|k| k.why == why).unwrap_or_else(|| {
            kinds.push(WaitKind { why: why.to_owned(), said: 0, untold: Vec::new(), more: 0 });
            kinds.len() - 1
        });
        let kind = &mut kinds[at];
        if kind.said < WAITS_SAID {
            kind.said += 1;
            let what = if what.is_empty() { String::new() } else { format!(" ({what})") };
            return Some(format!("{why}; waiting {seconds} s before try {next} of {TRIES}{what}"));
        }
        if kind.untold.len() < WAITS_SAID {
            kind.untold.push(what.to_owned());
        }
        kind.more += 1;
        None
    }

    /// A line for each kind with waits not said: "... and 37 more such waits (it answered 429
    /// (busy)): a, b, c and 34 more". Each is said once: they are taken.
    /// With `room`, the columns the line may take, it names only as many of them as fit (none,
    /// where not even one does): forty Spaces' waits had run to several lines of a terminal.
    pub fn untold(&self, room: Option<usize>) -> Vec<String> {
        let mut kinds = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        kinds
            .iter_mut()
            .filter(|k| k.more > 0)
            .map(|k| {
                let more = std::mem::take(&mut k.more);
                let head =
                    format!("... and {} ({})", crate::format::count(more, "more such wait", "more such waits"), k.why);
                let named: Vec<String> = std::mem::take(&mut k.untold).into_iter().filter(|w| !w.is_empty()).collect();
                (1..=named.len())
                    .rev()
                    .map(|n| format!("{head}: {}", crate::format::few_of(&named[..n], more)))
                    .find(|line| room.is_none_or(|room| crate::text_width::width(line) <= room))
                    .unwrap_or(head)
            })
            .collect()
    }
}

/// Standard error's terminal width, where it is a terminal of some use: what the lines said
/// there are fitted to ([`crate::commands::say`]), so a line meant to fit one measures it.
pub fn stderr_width() -> Option<usize> {
    use std::io::IsTerminal;
    std::io::stderr()
        .is_terminal()
        .then(|| ratatui::crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns))
        .filter(|w| *w >= 20)
}

/// The columns left on a line of `width` after `prefix` and the `: ` that follows it, as
/// [`crate::commands::say`] says `{prefix}: {text}`.
pub fn room_after(prefix: &str, width: Option<usize>) -> Option<usize> {
    width.map(|w| w.saturating_sub(crate::text_width::width(prefix) + 2))
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

    /// A connection nothing listens for is said in the app's words, the host named, not as
    /// reqwest's chain of wrappers with the system's error number.
    #[test]
    fn a_refused_connection_names_the_host_in_plain_words() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        drop(listener);
        let client = client(Duration::from_secs(5), 1).expect("client");
        let error = client.get(format!("http://127.0.0.1:{port}/x?token=hf_SECRET")).send().expect_err("refused");
        let said = reason(&error);
        assert_eq!(
            said,
            format!(
                "127.0.0.1:{port} refused the connection (nothing is listening there): check the address, and that the server is running"
            )
        );
        assert_eq!(short_os_reason("Connection refused (os error 111)"), "Connection refused");
    }

    /// (text, as a message quotes it): no password or token before a host is printed.
    #[test]
    fn an_address_is_quoted_without_its_credentials() {
        for (text, said) in [
            (
                "repo = \"https://user:hf_secret@huggingface.co/datasets/a/b\"",
                "repo = \"https://…@huggingface.co/datasets/a/b\"",
            ),
            ("a http://t0k3n@x.org b https://y.org/p@q", "a http://…@x.org b https://y.org/p@q"),
            ("source = 'https://u:p@h/x?k=v'", "source = 'https://…@h/x?…'"),
            ("no address here: mira@example.org", "no address here: mira@example.org"),
            ("https://h:p@", "https://…@"),
            // A token in the query, or standing alone under any key.
            (
                "repo = \"https://huggingface.co/datasets/a/b?token=hf_AbCdEfGhIjKlMnOp\"",
                "repo = \"https://huggingface.co/datasets/a/b?…\"",
            ),
            ("token = \"hf_AbCdEfGhIjKlMnOp\"", "token = \"hf_…\""),
            ("a #fragment https://h/p#sec x", "a #fragment https://h/p#… x"),
            ("shelf_AbCdEfGhIj and hf_short stay", "shelf_AbCdEfGhIj and hf_short stay"),
        ] {
            assert_eq!(super::without_credentials(text), said, "{text}");
        }
    }

    /// Waits of one kind are said three times whole, then counted in one line naming the first
    /// of the rest; another kind is said on its own.
    #[test]
    fn many_waits_alike_are_a_few_lines() {
        let waits = Waits::default();
        let said: Vec<Option<String>> =
            (0..40).map(|n| waits.wait("it answered 429 (busy)", 3, 2, &format!("/api/spaces/s{n}"))).collect();
        assert_eq!(said.iter().flatten().count(), WAITS_SAID);
        assert_eq!(said[0].as_deref(), Some("it answered 429 (busy); waiting 3 s before try 2 of 5 (/api/spaces/s0)"));
        assert!(waits.wait("it answered 500", 1, 2, "/x").is_some(), "another kind is said");
        assert_eq!(
            waits.untold(None),
            vec![
                "... and 37 more such waits (it answered 429 (busy)): /api/spaces/s3, /api/spaces/s4, /api/spaces/s5 and 34 more"
            ]
        );
        assert!(waits.untold(None).is_empty(), "said once");
    }

    /// The line counting the rest names as many of them as fit the room it is given, and none
    /// where not even one does; a wait with no name is not listed as an empty one.
    #[test]
    fn the_waits_not_said_are_named_as_far_as_they_fit() {
        let room = room_after("The Hub", Some(80));
        assert_eq!(room, Some(71));
        let line = waits_of(&|n| format!("bsh/s{n}")).untold(room).remove(0);
        assert_eq!(line, "... and 37 more such waits (it answered 429 (busy)): bsh/s3 and 36 more");
        let line = waits_of(&|n| format!("build-small-hackathon/space-{n}")).untold(room).remove(0);
        assert_eq!(line, "... and 37 more such waits (it answered 429 (busy))", "not one name fits");
        let line = waits_of(&|n| format!("bsh/s{n}")).untold(None).remove(0);
        assert!(line.ends_with(": bsh/s3, bsh/s4, bsh/s5 and 34 more"), "all three, piped: {line}");
        let line = waits_of(&|_| String::new()).untold(None).remove(0);
        assert!(line.ends_with("(busy))"), "no empty names: {line:?}");
    }

    /// Forty waits of one kind, each for `what` of its number.
    fn waits_of(what: &dyn Fn(usize) -> String) -> Waits {
        let waits = Waits::default();
        for n in 0..40 {
            let _ = waits.wait("it answered 429 (busy)", 3, 2, &what(n));
        }
        waits
    }

    #[test]
    fn a_server_says_how_long_to_wait_in_either_header() {
        assert_eq!(asked_wait(Some("\"api\";r=0;t=42"), None), Some(42));
        assert_eq!(asked_wait(None, Some("7")), Some(7));
        assert_eq!(asked_wait(Some("\"api\";r=0;t=3"), Some("9")), Some(3), "RateLimit first");
        assert_eq!(asked_wait(None, Some("Wed, 21 Oct 2026 07:28:00 GMT")), None, "a date is not seconds");
        assert_eq!(asked_wait(None, None), None);
    }
}
