//! Links from exports: only http(s) is accepted, never one with a user name or password before
//! its host, and a Hugging Face Space is recognised in both of its spellings,
//! `huggingface.co/spaces/OWNER/NAME` and `OWNER-NAME.hf.space`.

use url::Url;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("{0:?} is not a web link; expected one starting with https://")]
    NotALink(String),
    #[error("{link:?} has {what} inside: a link has none; check the cell it came from")]
    Broken { link: String, what: &'static str },
    #[error("{link:?} starts as a web link, but what follows is no host ({why}): check the cell it came from")]
    BadHost { link: String, why: String },
    #[error("{link:?} uses {scheme}:, and only http(s) links are allowed")]
    Scheme { link: String, scheme: String },
    #[error(
        "{link:?}: a link with a user name or password before its host shows one host and opens another (this one opens {host}): give the link with nothing between \"https://\" and its host"
    )]
    UserInfo { link: String, host: String },
}

/// Checks that `raw` is an http(s) link a judge may be shown and may open, and returns it in a
/// tidy form. A link written without its scheme (`huggingface.co/spaces/a/b`), as people paste
/// them, is taken as https. A link with a user part is refused: in
/// `https://huggingface.co@evil.example/spaces/o/x` the host is evil.example, and the link
/// reads as the Hub's.
pub fn web_link(raw: &str) -> Result<Url, LinkError> {
    let url = http_address(raw)?;
    if !url.username().is_empty() || url.password().is_some() {
        let host = url.host_str().unwrap_or_default().to_owned();
        return Err(LinkError::UserInfo { link: raw.trim().into(), host });
    }
    Ok(url)
}

/// An http(s) address, as [`web_link`] checks one, that may carry a user name and password: the
/// organizers' own export (`export.source`, `--from`), which may sit behind a password. Never
/// a link from the export, and never opened; messages name it without them (`net::redacted`).
pub fn http_address(raw: &str) -> Result<Url, LinkError> {
    let raw = raw.trim();
    // A URL parser drops tabs and newlines inside a link without a word; a link that has them was
    // broken somewhere (a wrapped cell), and is refused rather than silently joined.
    if raw.contains("://")
        && let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control())
    {
        let what = if c.is_whitespace() { "a space or a line break" } else { "a control character" };
        return Err(LinkError::Broken { link: raw.into(), what });
    }
    let parsed = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) if looks_like_host(raw) => {
            Url::parse(&format!("https://{raw}")).map_err(|_| LinkError::NotALink(raw.into()))?
        }
        // "is not a web link; expected one starting with https://" of one that starts so had
        // read as nonsense: what is wrong is its host.
        Err(e) if web_scheme(raw) => return Err(LinkError::BadHost { link: raw.into(), why: e.to_string() }),
        Err(_) => return Err(LinkError::NotALink(raw.into())),
    };
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(parsed),
        "http" | "https" => Err(LinkError::BadHost { link: raw.into(), why: "it has none".into() }),
        other => Err(LinkError::Scheme { link: raw.into(), scheme: other.into() }),
    }
}

/// Whether `raw` starts as an http(s) link does, in any case.
fn web_scheme(raw: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| raw.get(..scheme.len()).is_some_and(|s| s.eq_ignore_ascii_case(scheme)))
}

fn looks_like_host(raw: &str) -> bool {
    let host = raw.split('/').next().unwrap_or_default();
    host.contains('.') && !host.contains(char::is_whitespace) && !raw.contains(':')
}

/// A Hugging Face Space, as far as a link tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Space {
    /// `owner/name`, when the link names it; an `*.hf.space` link does not.
    pub id: Option<String>,
    /// The Space's host label (`owner-name`): the same for both spellings of one Space.
    pub key: String,
}

impl Space {
    /// The link to open: the Space's page when its id is known, else its app host.
    pub fn url(&self) -> String {
        match &self.id {
            Some(id) => format!("https://huggingface.co/spaces/{id}"),
            None => format!("https://{}.hf.space", self.key),
        }
    }
}

/// Recognises a Space link. Returns `None` for any other link.
pub fn space(url: &Url) -> Option<Space> {
    let host = url.host_str()?.to_ascii_lowercase();
    if let Some(label) = host.strip_suffix(".hf.space") {
        return (!label.is_empty() && !label.contains('.')).then(|| Space { id: None, key: label.to_owned() });
    }
    if !matches!(host.as_str(), "huggingface.co" | "www.huggingface.co" | "hf.co") {
        return None;
    }
    let mut parts = url.path_segments()?.filter(|p| !p.is_empty());
    if parts.next()? != "spaces" {
        return None;
    }
    let (owner, name) = (parts.next()?, parts.next()?);
    Some(Space { id: Some(format!("{owner}/{name}")), key: host_label(owner, name) })
}

/// The Hub serves a Space at `owner-name.hf.space`, lowercased, with `_` and `.` made `-`.
fn host_label(owner: &str, name: &str) -> String {
    format!("{owner}-{name}")
        .chars()
        .map(|c| match c {
            '_' | '.' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links_pass() {
        let ok = [
            ("https://huggingface.co/spaces/a/b", "https://huggingface.co/spaces/a/b"),
            ("  http://example.org/x?y=1 ", "http://example.org/x?y=1"),
            ("youtu.be/abc", "https://youtu.be/abc"),
        ];
        for (raw, want) in ok {
            assert_eq!(web_link(raw).map(|u| u.to_string()), Ok(want.into()), "{raw}");
        }
        let bad = [
            ("javascript:alert(1)", "uses javascript:"),
            ("JAVASCRIPT:alert(1)", "uses javascript:"),
            ("file:///etc/passwd", "uses file:"),
            ("data:text/html,<script>", "uses data:"),
            ("not a link", "not a web link"),
            ("", "not a web link"),
            ("https://", "starts as a web link, but what follows is no host"),
            (
                "https://evil.com%40huggingface.co/spaces/a/b",
                "starts as a web link, but what follows is no host (invalid",
            ),
            ("HTTP://[::1", "starts as a web link, but what follows is no host"),
            ("https://hugging\nface.co/spaces/a/b", "a space or a line break inside"),
            ("https://huggingface.co/spaces/a b", "a space or a line break inside"),
            ("https://x.com/a\u{1b}[31m", "has a control character inside"),
        ];
        for (raw, want) in bad {
            let err = web_link(raw).expect_err(raw).to_string();
            assert!(err.contains(want), "{raw}: {err}");
        }
    }

    /// A user name or password before the host makes a link show one host and open another: a
    /// link from the export with one is refused, saying the host it would open; the organizers'
    /// own export address may carry one.
    #[test]
    fn a_link_with_a_user_part_is_refused() {
        let cases = [
            ("https://huggingface.co@evil.example/spaces/x/y", Some("evil.example")),
            ("huggingface.co@evil.example/spaces/x/y", Some("evil.example")),
            ("https://user:pass@evil.example/v", Some("evil.example")),
            ("https://:pass@evil.example/v", Some("evil.example")),
            ("HTTP://Youtube.com%40evil.example@EVIL.example/v", Some("evil.example")),
            ("https://user@huggingface.co/spaces/a/b", Some("huggingface.co")),
            // Nothing before the host but the `@`: the URL reader drops it, and the host shown is
            // the host opened.
            ("https://@example.org/v", None),
            ("https://example.org/@me/status/1", None),
            ("https://example.org/v?by=a@b.example", None),
        ];
        for (raw, refused) in cases {
            match (web_link(raw), refused) {
                (Err(e @ LinkError::UserInfo { .. }), Some(host)) => {
                    let said = e.to_string();
                    assert!(said.contains("shows one host and opens another"), "{raw}: {said}");
                    assert!(said.contains(&format!("(this one opens {host})")), "{raw}: {said}");
                }
                (Ok(url), None) => assert_eq!(url.username(), "", "{raw}"),
                (read, _) => panic!("{raw}: {read:?}"),
            }
            assert!(http_address(raw).is_ok(), "{raw}: an address of the organizers' may carry one");
        }
    }

    #[test]
    fn both_spellings_of_a_space_are_one_space() {
        let cases = [
            ("https://huggingface.co/spaces/Owner/My_App", Some("Owner/My_App"), "owner-my-app"),
            ("https://huggingface.co/spaces/owner/my.app/tree/main", Some("owner/my.app"), "owner-my-app"),
            ("https://hf.co/spaces/owner/my-app/", Some("owner/my-app"), "owner-my-app"),
            ("https://owner-my-app.hf.space/?view=api", None, "owner-my-app"),
            ("https://OWNER-MY-APP.HF.SPACE", None, "owner-my-app"),
        ];
        for (raw, id, key) in cases {
            let space = space(&web_link(raw).expect(raw)).expect(raw);
            assert_eq!(space.id.as_deref(), id, "{raw}");
            assert_eq!(space.key, key, "{raw}");
        }
    }

    #[test]
    fn other_links_are_not_spaces() {
        for raw in [
            "https://huggingface.co/models/a/b",
            "https://huggingface.co/spaces/onlyowner",
            "https://example.org/spaces/a/b",
            "https://a.b.hf.space",
        ] {
            assert_eq!(space(&web_link(raw).expect(raw)), None, "{raw}");
        }
    }

    #[test]
    fn space_url_prefers_the_page() {
        let page = Space { id: Some("o/n".into()), key: "o-n".into() };
        assert_eq!(page.url(), "https://huggingface.co/spaces/o/n");
        let app = Space { id: None, key: "o-n".into() };
        assert_eq!(app.url(), "https://o-n.hf.space");
    }
}
