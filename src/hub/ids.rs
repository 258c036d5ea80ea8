//! A repo's id as the Hub allows it, checked before it goes into any address: model and Space ids
//! come from entrants' READMEs and exports, and an id such as `../../api/whoami-v2` or
//! `x/y?z=1#frag` would otherwise ask the Hub something else, with the judge's token.

use super::client::HubError;

/// The longest owner or name the Hub gives a repo.
const PART_AT_MOST: usize = 96;

/// What kind of repo an id names: where the Hub's API keeps it, and whether it needs an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Model,
    Space,
    Dataset,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Model => "model",
            Kind::Space => "Space",
            Kind::Dataset => "dataset",
        }
    }

    fn api(self) -> &'static str {
        match self {
            Kind::Model => "/api/models",
            Kind::Space => "/api/spaces",
            Kind::Dataset => "/api/datasets",
        }
    }
}

/// An id [`RepoId::new`] checked: the only way an id reaches a Hub address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoId {
    kind: Kind,
    id: String,
}

impl RepoId {
    /// `id` when it is one the Hub allows for `kind`: `owner/name`, or a bare `name` for a
    /// model (`gpt2`); each part 1 to 96 of the letters, digits, `-`, `_` and `.`, neither
    /// starting nor ending with `-` or `.`, without `--` or `..`. Otherwise an error that quotes
    /// the id with its controls shown and says what would be right.
    pub fn new(kind: Kind, id: &str) -> Result<RepoId, HubError> {
        match problem(kind, id) {
            None => Ok(RepoId { kind, id: id.to_owned() }),
            Some(why) => Err(HubError::RepoId { id: crate::sanitize::in_quotes(id), kind: kind.word(), why }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The repo's path in the Hub's API, `/api/models/owner/name`, with `tail` after it.
    pub fn api_path(&self, tail: &str) -> String {
        format!("{}/{}{tail}", self.kind.api(), self.id)
    }
}

/// Why `id` is not an id of `kind` the Hub allows, or `None` when it is: the one rule, for
/// [`RepoId::new`] and for judging.toml's `sync.repo`.
pub fn problem(kind: Kind, id: &str) -> Option<&'static str> {
    let parts: Vec<&str> = id.split('/').collect();
    match parts.as_slice() {
        [_] if kind != Kind::Model => Some("it needs an owner: OWNER/NAME"),
        [_] | [_, _] => parts.iter().find_map(|p| part_problem(p)),
        _ => Some("it has more than one '/': OWNER/NAME"),
    }
}

/// Why `org` is not an org (or user) name the Hub allows, or `None` when it is: it goes into
/// the listing's query, where "bsh&author=x" would ask for another author's Spaces and ""
/// for every Space on the Hub.
pub fn org_problem(org: &str) -> Option<&'static str> {
    if org.contains('/') { Some("an org's name has no '/'") } else { part_problem(org) }
}

fn part_problem(part: &str) -> Option<&'static str> {
    if part.is_empty() {
        Some("a part is empty: OWNER/NAME")
    } else if part.len() > PART_AT_MOST {
        Some("a part is longer than the Hub's 96 characters")
    } else if !part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        Some("the Hub allows only letters, digits, '-', '_' and '.'")
    } else if part.starts_with(['-', '.']) || part.ends_with(['-', '.']) {
        Some("a part starts or ends with '-' or '.'")
    } else if part.contains("..") || part.contains("--") {
        Some("it has '..' or '--'")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ids_the_hub_allows_pass() {
        for ok in ["Qwen/Qwen2.5-0.5B-Instruct", "gpt2", "ggml-org/gemma-3-1b-it-GGUF", "a_b/c.d", "x/y"] {
            let id = RepoId::new(Kind::Model, ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(id.api_path(""), format!("/api/models/{ok}"));
        }
        let long = "a".repeat(97);
        for bad in [
            "../../api/whoami-v2",
            "x/y?z=1#frag",
            "x/y z",
            "x/%2e%2e",
            "a/b/c",
            "/a",
            "a/",
            "",
            ".a/b",
            "a/b-",
            "a--b/c",
            "a/b..c",
            "é/x",
            "a/b\u{1b}[2J",
            long.as_str(),
        ] {
            assert!(RepoId::new(Kind::Model, bad).is_err(), "{bad:?} passed");
        }
        assert!(RepoId::new(Kind::Space, "pill-pal").is_err(), "a Space has an owner");
        assert_eq!(
            RepoId::new(Kind::Space, "bsh/pill-pal").map(|s| s.api_path("")).ok().as_deref(),
            Some("/api/spaces/bsh/pill-pal")
        );
    }

    #[test]
    fn only_org_names_the_hub_allows_pass() {
        for ok in ["build-small-hackathon", "bsh", "Org_1.x"] {
            assert_eq!(org_problem(ok), None, "{ok}");
        }
        for bad in ["", "bsh&author=x", "a/b", "bsh#x", "b sh", "..", "-x", "b\u{202e}sh", "bsh?limit=1"] {
            assert!(org_problem(bad).is_some(), "{bad:?} passed");
        }
    }

    #[test]
    fn a_refused_id_is_quoted_with_its_controls_shown() {
        let e = RepoId::new(Kind::Model, "a/b\u{1b}[2J").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains(r#""a/b\u{1b}[2J""#) && !e.contains('\u{1b}'), "{e}");
        assert!(e.contains("not a Hub model id") && e.contains("letters, digits"), "{e}");
    }
}
