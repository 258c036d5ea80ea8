//! Finding an entry's demo video and social post in its Space's README: pure text scanning.
//!
//! READMEs put links in Markdown (`[demo](https://youtu.be/x)`), in HTML (`<a href="...">`), in
//! badges (`[![Video](https://img.shields.io/...)](https://loom.com/share/x)`) and bare. Every
//! http(s) URL in the text is read, cut at the first character a URL cannot end on, and
//! classified by its host.

/// The first video and the first social post link in a README, if any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub video: Option<String>,
    pub post: Option<String>,
}

/// Every http(s) URL in `text`, in order. Found by `linkify`, which knows where a URL ends in
/// prose, Markdown and HTML (a closing bracket or quote, sentence punctuation) and keeps what is
/// part of it (a video id ending in `_`). One pass, whatever the text holds: a README is the
/// entrant's to write, up to 32 MiB.
pub fn urls(text: &str) -> Vec<&str> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]).url_must_have_scheme(true);
    finder
        .links(text)
        .map(|link| link.as_str())
        .filter(|url| {
            let scheme = url.split_once("://").map_or("", |(s, _)| s);
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        })
        .collect()
}

/// The host of an http(s) URL, lower case, without `www.`; none for a link the export would
/// refuse (one with a user name before its host, `https://youtube.com@evil.example/v`, shows
/// one host and opens another), so that a README's link is taken as a video or a post only
/// where an export's would be.
fn host(url: &str) -> Option<String> {
    let parsed = crate::links::web_link(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").map(str::to_owned).unwrap_or(host))
}

fn ends_with_domain(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

pub fn is_video(url: &str) -> bool {
    let Some(h) = host(url) else { return false };
    let path = std::path::Path::new(url.split(['?', '#']).next().unwrap_or(url));
    let file = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    ["youtube.com", "youtu.be", "loom.com", "vimeo.com"].iter().any(|d| ends_with_domain(&h, d))
        || ["mp4", "webm", "mov"].iter().any(|e| file.eq_ignore_ascii_case(e))
}

pub fn is_post(url: &str) -> bool {
    let Some(h) = host(url) else { return false };
    const SITES: [&str; 12] = [
        "x.com",
        "twitter.com",
        "linkedin.com",
        "bsky.app",
        "threads.net",
        "threads.com",
        "mastodon.social",
        "fosstodon.org",
        "hachyderm.io",
        "reddit.com",
        "facebook.com",
        "instagram.com",
    ];
    // Any Mastodon instance: a `/@user/123` path on a host with "mastodon" or ".social" in it.
    let mastodon = (h.contains("mastodon") || h.ends_with(".social")) && url.contains("/@");
    SITES.iter().any(|d| ends_with_domain(&h, d)) || mastodon
}

/// The README's first video link and first social post link.
pub fn find(readme: &str) -> Found {
    let mut found = Found::default();
    for url in urls(readme) {
        if found.video.is_none() && is_video(url) {
            found.video = Some(url.to_owned());
        } else if found.post.is_none() && is_post(url) {
            found.post = Some(url.to_owned());
        }
        // The first of each is all that is wanted: the rest of the README is not looked at.
        if found.video.is_some() && found.post.is_some() {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_in_markdown_html_badges_and_bare() {
        let cases: [(&str, Option<&str>, Option<&str>); 8] = [
            (
                "Watch the [demo](https://youtu.be/abc123) and read [my post](https://x.com/me/status/1).",
                Some("https://youtu.be/abc123"),
                Some("https://x.com/me/status/1"),
            ),
            (
                "<a href=\"https://www.loom.com/share/f00\">Demo</a> · <a href='https://www.linkedin.com/posts/me_x-1'>post</a>",
                Some("https://www.loom.com/share/f00"),
                Some("https://www.linkedin.com/posts/me_x-1"),
            ),
            (
                "[![Video](https://img.shields.io/badge/Video-red?logo=youtube)](https://www.youtube.com/watch?v=Q1) \
                 [![Bluesky](https://img.shields.io/badge/bsky-blue)](https://bsky.app/profile/me.bsky.social/post/3k)",
                Some("https://www.youtube.com/watch?v=Q1"),
                Some("https://bsky.app/profile/me.bsky.social/post/3k"),
            ),
            (
                "Demo: https://vimeo.com/800002. Post: https://fosstodon.org/@me/1122, thanks!",
                Some("https://vimeo.com/800002"),
                Some("https://fosstodon.org/@me/1122"),
            ),
            (
                "---\ntitle: X\n---\nVideo https://huggingface.co/spaces/o/x/resolve/main/demo.mp4\nhttps://www.threads.net/@me/post/C1",
                Some("https://huggingface.co/spaces/o/x/resolve/main/demo.mp4"),
                Some("https://www.threads.net/@me/post/C1"),
            ),
            ("No links here, only https:// and http://.", None, None),
            (
                "[demo](https://www.youtube.com@evil.example/watch?v=1) [post](https://x.com:pw@evil.example/me/status/1) \
                 https://me@youtu.be/abc https://me:pw@x.com/me/status/1",
                None,
                None,
            ),
            (
                "See https://huggingface.co/spaces/o/x and https://github.com/o/x and `https://twitter.com/me/status/9`",
                None,
                Some("https://twitter.com/me/status/9"),
            ),
        ];
        for (readme, video, post) in cases {
            let found = find(readme);
            assert_eq!(found.video.as_deref(), video, "video in {readme:?}");
            assert_eq!(found.post.as_deref(), post, "post in {readme:?}");
        }
    }

    #[test]
    fn urls_are_found_in_one_pass_whatever_the_case_or_the_clutter() {
        let hostile = "HtTp://x.y/ https://https://a.b/c hTTPS://youtu.be/v ".repeat(3);
        let found = urls(&hostile);
        assert_eq!(found[0], "HtTp://x.y/");
        assert!(found.iter().all(|u| !u.contains(' ')), "{found:?}");
        assert_eq!(found.len(), 9, "three links a round, each once: {found:?}");
        assert_eq!(find(&hostile).video.as_deref(), Some("hTTPS://youtu.be/v"));
        assert!(urls("https://").is_empty() && urls("").is_empty() && urls("ünï https://é.example/ü").len() == 1);
    }

    #[test]
    fn a_video_id_ending_in_an_underscore_keeps_it() {
        let found = find("Demo: https://youtu.be/dQw4w9WgX_ and https://www.youtube.com/watch?v=ab_cd_.");
        assert_eq!(found.video.as_deref(), Some("https://youtu.be/dQw4w9WgX_"));
        assert_eq!(urls("(https://youtu.be/ab_)")[0], "https://youtu.be/ab_", "the bracket ends it, the _ stays");
        assert_eq!(urls("see https://x.com/me_, then")[0], "https://x.com/me_");
    }

    #[test]
    fn the_first_of_each_wins_and_lookalike_hosts_do_not_count() {
        let found =
            find("https://vimeo.com/1 https://youtu.be/2 https://notx.com/a https://x.com.evil.io/b https://x.com/c");
        assert_eq!(found.video.as_deref(), Some("https://vimeo.com/1"));
        assert_eq!(found.post.as_deref(), Some("https://x.com/c"));
    }
}
