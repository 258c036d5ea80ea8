//! A dataset repo on the Hub, where the judges' score files travel: created once, each judge
//! committing their own file (`scores/JUDGE.json`), the head judge listing and downloading them.
//! The calls are those of `huggingface_hub`: preupload, then one NDJSON commit.

use base64::Engine;
use serde::Deserialize;
use url::Url;

use super::client::{Hub, HubError, hint};
use super::ids::{Kind, RepoId};

/// A commit that found the branch moved (412) or another commit running (409) tries again, this
/// many times in all: each judge writes only their own file, so a retry is harmless.
pub const COMMIT_TRIES: usize = 5;

pub struct Repo<'h> {
    hub: &'h Hub,
    /// `ORG/NAME`.
    pub id: String,
}

/// One file of the repo's tree.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TreeFile {
    #[serde(rename = "type")]
    pub kind: String,
    pub path: String,
    #[serde(default)]
    pub size: u64,
}

/// What a commit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub commit: String,
    /// With `--pr`: the pull request opened.
    pub pull_request: Option<String>,
}

#[derive(Deserialize)]
struct Info {
    sha: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommitAnswer {
    commit_oid: Option<String>,
    pull_request_url: Option<String>,
}

impl<'h> Repo<'h> {
    pub fn new(hub: &'h Hub, id: &str) -> Repo<'h> {
        Repo { hub, id: id.to_owned() }
    }

    fn api(&self, tail: &str) -> Result<Url, HubError> {
        self.hub.url(&RepoId::new(Kind::Dataset, &self.id)?.api_path(tail))
    }

    /// Creates the repo, private; `Ok(false)` when it already exists.
    pub fn create(&self) -> Result<bool, HubError> {
        let (org, name) = self.id.split_once('/').unwrap_or(("", &self.id));
        let body = serde_json::json!({"name": name, "organization": org, "type": "dataset", "private": true});
        let url = self.hub.url("/api/repos/create")?;
        match self.hub.post(&url, "application/json", body.to_string().into_bytes())? {
            (200..=299, _) => Ok(true),
            (409, _) => Ok(false),
            (status, _) => Err(status_error(&url, status)),
        }
    }

    /// The head commit of `main`.
    pub fn head(&self) -> Result<String, HubError> {
        let url = self.api("")?;
        let (info, _, _) = self.hub.get_json::<Info>(&url)?;
        info.sha.ok_or_else(|| HubError::Json { url: url.to_string(), reason: "no sha in the repo's info".into() })
    }

    /// Commits one file at `path`, whole: see [`Repo::commit_files`].
    pub fn commit(&self, path: &str, content: &[u8], summary: &str, pull_request: bool) -> Result<Committed, HubError> {
        self.commit_files(&[(path.to_owned(), content.to_vec())], summary, pull_request)
    }

    /// Commits files whole: preupload, then the NDJSON commit on the head it read. A moved branch
    /// (412) or a running commit (409) is met by reading the head again, up to [`COMMIT_TRIES`]
    /// times. With `pull_request`, the Hub opens a pull request instead (for a judge who may only
    /// read the repo).
    pub fn commit_files(
        &self,
        files: &[(String, Vec<u8>)],
        summary: &str,
        pull_request: bool,
    ) -> Result<Committed, HubError> {
        let encode = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let asked: Vec<serde_json::Value> = files
            .iter()
            .map(|(path, content)| {
                let sample = &content[..content.len().min(512)];
                serde_json::json!({"path": path, "sample": encode(sample), "size": content.len()})
            })
            .collect();
        for (path, _) in files {
            repo_path(path)?;
        }
        let preupload = serde_json::json!({ "files": asked });
        let url = self.api("/preupload/main")?;
        match self.hub.post(&url, "application/json", preupload.to_string().into_bytes())? {
            (200..=299, answer) => refuse_lfs(&answer, files)?,
            (status, _) => return Err(status_error(&url, status)),
        }
        let mut url = self.api("/commit/main")?;
        if pull_request {
            url.set_query(Some("create_pr=1"));
        }
        let mut last = 0;
        for try_number in 1..=COMMIT_TRIES {
            let parent = self.head()?;
            let header = serde_json::json!({"key": "header", "value": {"summary": summary, "description": "", "parentCommit": parent}});
            let mut body = format!("{header}\n");
            for (path, content) in files {
                let file = serde_json::json!({"key": "file", "value": {"content": encode(content), "path": path, "encoding": "base64"}});
                body.push_str(&format!("{file}\n"));
            }
            match self.hub.post(&url, "application/x-ndjson", body.into_bytes())? {
                (200..=299, answer) => {
                    let a: CommitAnswer = serde_json::from_slice(&answer)
                        .map_err(|e| HubError::Json { url: url.to_string(), reason: e.to_string() })?;
                    return Ok(Committed {
                        commit: a.commit_oid.unwrap_or_default(),
                        pull_request: a.pull_request_url,
                    });
                }
                (status @ (409 | 412), _) => {
                    last = status;
                    // Another commit landed or is landing: a moment, then the new head.
                    std::thread::sleep(std::time::Duration::from_millis(50 * try_number as u64));
                }
                (status, _) => return Err(status_error(&url, status)),
            }
        }
        Err(HubError::Status {
            url: url.to_string(),
            status: last,
            hint: "the repo kept moving under this commit; try again",
        })
    }

    /// Every file under `dir` at `revision` (`main`, or `refs/pr/N`), following `Link` pages.
    pub fn tree(&self, revision: &str, dir: &str) -> Result<Vec<TreeFile>, HubError> {
        let url = self.api(&format!("/tree/{}/{dir}?recursive=true", encoded(revision)))?;
        let files: Vec<TreeFile> = self.hub.get_pages(url)?;
        Ok(files.into_iter().filter(|f| f.kind == "file").collect())
    }

    /// A file's bytes at `revision`. The path is one plain relative path of the repo (see
    /// [`repo_path`]), each part percent-encoded, so no name can reach outside the repo's files.
    pub fn download(&self, revision: &str, path: &str) -> Result<Vec<u8>, HubError> {
        let parts = repo_path(path)?;
        let id = RepoId::new(Kind::Dataset, &self.id)?;
        let mut url = self.hub.url(&format!("/datasets/{}/resolve/{}", id.as_str(), encoded(revision)))?;
        let base = crate::sanitize::in_quotes(&crate::net::redacted(&url));
        url.path_segments_mut().map_err(|()| HubError::Endpoint(base))?.extend(parts);
        Ok(self.hub.get(&url)?.0)
    }

    /// Every file of `paths` at `revision`, several at once, each its own answer in its place.
    pub fn download_all(&self, revision: &str, paths: &[String]) -> Vec<Result<Vec<u8>, HubError>> {
        super::client::each_bounded(paths, super::client::CONCURRENCY, |p| self.download(revision, p))
    }

    /// The numbers of the repo's open pull requests: judges who may only read push through them.
    pub fn open_pull_requests(&self) -> Result<Vec<u64>, HubError> {
        #[derive(Deserialize)]
        struct Discussions {
            #[serde(default)]
            discussions: Vec<Discussion>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Discussion {
            num: u64,
            #[serde(default)]
            is_pull_request: bool,
            #[serde(default)]
            status: String,
        }
        let url = self.api("/discussions?type=pull_request&status=open")?;
        let (found, _, _) = self.hub.get_json::<Discussions>(&url)?;
        Ok(found.discussions.into_iter().filter(|d| d.is_pull_request && d.status == "open").map(|d| d.num).collect())
    }
}

/// The parts of a path inside the repo, when it is one plain relative path (the rule judging.toml's
/// paths follow); else an error naming it.
pub fn repo_path(path: &str) -> Result<Vec<&str>, HubError> {
    match crate::config::path_problem(path) {
        None => Ok(path.split('/').collect()),
        Some(why) => Err(HubError::RepoPath { path: crate::sanitize::in_quotes(path), why }),
    }
}

/// A revision in a URL's path: `refs/pr/3` as `refs%2Fpr%2F3`.
fn encoded(revision: &str) -> String {
    revision.replace('/', "%2F")
}

/// The preupload answer says how each file must travel: judging sends files inline, so a file the
/// Hub wants through LFS (large, or matched by the repo's .gitattributes) is refused before the
/// commit, by name, rather than committed in a way the Hub would not keep.
fn refuse_lfs(answer: &[u8], files: &[(String, Vec<u8>)]) -> Result<(), HubError> {
    #[derive(Deserialize)]
    struct Answer {
        #[serde(default)]
        files: Vec<Mode>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Mode {
        path: String,
        #[serde(default)]
        upload_mode: String,
    }
    let Ok(answer) = serde_json::from_slice::<Answer>(answer) else { return Ok(()) };
    match answer.files.iter().find(|f| f.upload_mode.eq_ignore_ascii_case("lfs")) {
        None => Ok(()),
        Some(f) => Err(HubError::Lfs {
            path: crate::sanitize::clean_line(&f.path),
            why: if files.iter().any(|(p, b)| *p == f.path && b.len() > 5 * 1024 * 1024) {
                "the Hub asks for a file this large to go through LFS, which judging does not send: make it smaller, or upload it with the hf command-line tool"
            } else {
                "the repo's .gitattributes sends this file through LFS, which judging does not send: remove its pattern from .gitattributes, or upload it with the hf command-line tool"
            },
        }),
    }
}

/// A status the repo calls do not expect, with what permission it likely lacks.
fn status_error(url: &Url, status: u16) -> HubError {
    let hint = match status {
        401 => "HF_TOKEN is missing or not valid: set it to a token of yours (hf.co/settings/tokens)",
        403 => "this token may not write to the repo: ask for write access, or push with --pr to open a pull request",
        404 => "no such repo: check [sync] repo, or run `judging sync init`",
        other => hint(other),
    };
    HubError::Status { url: crate::net::redacted(url), status, hint }
}

#[cfg(test)]
mod tests {
    /// A repo path that is refused is named as given, its controls shown: cleaned, "x\u{1b}[2J/.."
    /// was said as "x/..", another path than the one refused.
    #[test]
    fn a_refused_path_is_named_as_given() {
        for (path, shown) in [("x\u{1b}[2J/../y", r#""x\u{1b}[2J/../y""#), ("/etc/passwd", r#""/etc/passwd""#)] {
            let said = super::repo_path(path).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(said.starts_with(&format!("{shown} is not a plain path inside the repo")), "{said}");
        }
        assert_eq!(super::repo_path("scores/mira.json").ok(), Some(vec!["scores", "mira.json"]));
    }
}
