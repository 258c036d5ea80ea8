//! A loopback Hub with one dataset repo, in the shapes of the real API (see the shared fixture
//! `dataset-repo-api.md`): repo creation (409 when it exists), repo info, preupload, the NDJSON
//! commit (412 on a stale parent, 409 while "another commit runs"), the tree in `Link` pages,
//! resolve, and pull requests. It keeps every request, bodies included, so tests can read the
//! exact commit sent.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use base64::Engine;

/// What the repo holds, and how it is to misbehave.
#[derive(Default)]
pub struct State {
    pub exists: bool,
    pub head: u64,
    pub files: BTreeMap<String, Vec<u8>>,
    /// Pull requests opened: (number, path, content); not on `main`.
    pub pull_requests: Vec<(u64, String, Vec<u8>)>,
    /// The next this many commits answer 409, as if another commit were running.
    pub busy: usize,
    /// The next commit finds the branch moved: another judge's commit lands first.
    pub race: bool,
    /// The token every call needs (401 without it), and one that may only read (403 on commit).
    pub token: Option<String>,
    pub read_only_token: Option<String>,
    /// Tree entries per page.
    pub page: usize,
    /// Files this large or larger are to go through LFS, as the preupload answer says.
    pub lfs_from: Option<usize>,
    /// Every request: (method and path, Authorization, body).
    pub seen: Vec<(String, Option<String>, Vec<u8>)>,
}

pub struct FakeHub {
    pub base: String,
    pub state: Arc<Mutex<State>>,
}

impl FakeHub {
    pub fn start(repo: &str, delay: Duration, setup: impl FnOnce(&mut State)) -> FakeHub {
        let mut state = State { page: 1000, ..State::default() };
        setup(&mut state);
        let state = Arc::new(Mutex::new(state));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (shared, repo, own) = (Arc::clone(&state), repo.to_owned(), base.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (s, r, b) = (Arc::clone(&shared), repo.clone(), own.clone());
                thread::spawn(move || serve(stream, &s, &r, &b, delay));
            }
        });
        FakeHub { base, state }
    }

    /// The requests whose line starts with `prefix` (`"POST /api/datasets"`).
    pub fn seen(&self, prefix: &str) -> Vec<(String, Option<String>, Vec<u8>)> {
        self.state.lock().expect("lock").seen.iter().filter(|(l, _, _)| l.starts_with(prefix)).cloned().collect()
    }

    /// Puts a file on `main` as if a judge had committed it.
    pub fn put(&self, path: &str, bytes: &[u8]) {
        let mut s = self.state.lock().expect("lock");
        s.files.insert(path.to_owned(), bytes.to_vec());
        s.head += 1;
    }
}

fn serve(mut stream: TcpStream, state: &Mutex<State>, repo: &str, base: &str, delay: Duration) {
    let Some((head, body)) = read_request(&mut stream) else { return };
    let line = head.lines().next().unwrap_or_default().to_owned();
    let mut parts = line.split(' ');
    let (method, target) = (parts.next().unwrap_or_default().to_owned(), parts.next().unwrap_or_default().to_owned());
    let auth = head.lines().find_map(|l| {
        l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("authorization")).map(|(_, v)| v.trim().to_owned())
    });
    thread::sleep(delay);
    let reply = {
        let mut s = state.lock().expect("lock");
        s.seen.push((format!("{method} {target}"), auth.clone(), body.clone()));
        answer(&mut s, &method, &target, auth.as_deref(), &body, repo, base)
    };
    let _ = stream.write_all(&reply);
    let _ = stream.flush();
}

fn reply(code: u16, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {code} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn json(code: u16, value: &serde_json::Value) -> Vec<u8> {
    reply(code, "", value.to_string().as_bytes())
}

fn answer(
    s: &mut State,
    method: &str,
    target: &str,
    auth: Option<&str>,
    body: &[u8],
    repo: &str,
    base: &str,
) -> Vec<u8> {
    let bearer = |t: &Option<String>| t.as_ref().map(|t| format!("Bearer {t}"));
    let read_only = auth.is_some() && auth.map(str::to_owned) == bearer(&s.read_only_token);
    if s.token.is_some() && auth.map(str::to_owned) != bearer(&s.token) && !read_only {
        return json(401, &serde_json::json!({"error": "Invalid credentials"}));
    }
    let api = format!("/api/datasets/{repo}");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match (method, path) {
        ("POST", "/api/repos/create") => {
            if s.exists {
                return json(409, &serde_json::json!({"error": "You already created this dataset repo"}));
            }
            s.exists = true;
            json(200, &serde_json::json!({"url": format!("{base}/datasets/{repo}"), "name": repo}))
        }
        _ if !s.exists => json(404, &serde_json::json!({"error": "Repository not found"})),
        ("GET", p) if p == api => {
            json(200, &serde_json::json!({"id": repo, "sha": format!("{:040x}", s.head), "private": true}))
        }
        ("POST", p) if p == format!("{api}/preupload/main") => {
            let asked: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
            let files: Vec<serde_json::Value> = asked["files"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| {
                    let lfs = s.lfs_from.is_some_and(|from| f["size"].as_u64().unwrap_or(0) >= from as u64);
                    let mode = if lfs { "lfs" } else { "regular" };
                    serde_json::json!({"path": f["path"], "uploadMode": mode, "shouldIgnore": false})
                })
                .collect();
            json(200, &serde_json::json!({"files": files, "commitOid": format!("{:040x}", s.head)}))
        }
        ("POST", p) if p == format!("{api}/commit/main") => {
            commit(s, query.contains("create_pr=1"), read_only, body, base, repo)
        }
        ("GET", p) if p == format!("{api}/discussions") => {
            let mut numbers: Vec<u64> = s.pull_requests.iter().map(|(n, _, _)| *n).collect();
            numbers.dedup();
            let found: Vec<serde_json::Value> = numbers
                .iter()
                .map(|n| serde_json::json!({"num": n, "isPullRequest": true, "status": "open"}))
                .collect();
            json(200, &serde_json::json!({ "discussions": found }))
        }
        ("GET", p) if p.starts_with(&format!("{api}/tree/")) => {
            let rest = p.trim_start_matches(&format!("{api}/tree/"));
            let (revision, dir) = rest.split_once('/').unwrap_or((rest, ""));
            let files = listing(s, revision);
            let all: Vec<(&String, usize)> =
                files.iter().filter(|(f, _)| f.starts_with(&format!("{dir}/"))).map(|(f, size)| (f, *size)).collect();
            let from: usize =
                query.split('&').find_map(|q| q.strip_prefix("cursor=")).and_then(|c| c.parse().ok()).unwrap_or(0);
            let page: Vec<serde_json::Value> = all
                .iter()
                .skip(from)
                .take(s.page)
                .map(|(f, size)| serde_json::json!({"type": "file", "path": f, "size": size, "oid": "0"}))
                .collect();
            let link = if from + s.page < all.len() {
                format!("link: <{base}{p}?recursive=true&cursor={}>; rel=\"next\"\r\n", from + s.page)
            } else {
                String::new()
            };
            reply(200, &link, serde_json::Value::Array(page).to_string().as_bytes())
        }
        ("GET", p) if p.starts_with(&format!("/datasets/{repo}/resolve/")) => {
            let rest = p.trim_start_matches(&format!("/datasets/{repo}/resolve/"));
            let (revision, file) = rest.split_once('/').unwrap_or((rest, ""));
            match file_at(s, revision, &decoded(file)) {
                Some(bytes) => reply(200, "", bytes),
                None => json(404, &serde_json::json!({"error": "Entry not found"})),
            }
        }
        _ => json(404, &serde_json::json!({"error": "no route"})),
    }
}

/// A URL path's percent-escapes decoded, as the Hub reads them.
fn decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = path.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The pull request a revision names (`refs%2Fpr%2FN`), if any.
fn pull_request_of(revision: &str) -> Option<u64> {
    revision.strip_prefix("refs%2Fpr%2F").and_then(|n| n.parse().ok())
}

/// A file at `main`, or at a pull request: its files over main's. Looked up, never copied: the
/// benchmark serves 22 MB a round.
fn file_at<'s>(s: &'s State, revision: &str, path: &str) -> Option<&'s Vec<u8>> {
    let from_pr = pull_request_of(revision)
        .and_then(|n| s.pull_requests.iter().rev().find(|(k, p, _)| *k == n && p == path).map(|(_, _, c)| c));
    from_pr.or_else(|| s.files.get(path))
}

/// The (path, size) of every file at a revision.
fn listing(s: &State, revision: &str) -> BTreeMap<String, usize> {
    let mut out: BTreeMap<String, usize> = s.files.iter().map(|(p, c)| (p.clone(), c.len())).collect();
    if let Some(n) = pull_request_of(revision) {
        for (_, path, content) in s.pull_requests.iter().filter(|(k, _, _)| *k == n) {
            out.insert(path.clone(), content.len());
        }
    }
    out
}

fn commit(s: &mut State, pull_request: bool, read_only: bool, body: &[u8], base: &str, repo: &str) -> Vec<u8> {
    if read_only && !pull_request {
        return json(403, &serde_json::json!({"error": "You don't have the rights to write to this repository"}));
    }
    if s.busy > 0 {
        s.busy -= 1;
        return json(409, &serde_json::json!({"error": "A commit is already in progress"}));
    }
    if s.race {
        // Another judge's commit lands first: the parent this one read is stale now.
        s.race = false;
        s.head += 1;
    }
    let text = String::from_utf8_lossy(body);
    let lines: Vec<serde_json::Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let parent = lines
        .iter()
        .find(|l| l["key"] == "header")
        .and_then(|h| h["value"]["parentCommit"].as_str().map(str::to_owned));
    if parent.is_some_and(|p| p != format!("{:040x}", s.head)) {
        return json(412, &serde_json::json!({"error": "A commit has happened since. Please refresh and try again."}));
    }
    let mut written = Vec::new();
    for f in lines.iter().filter(|l| l["key"] == "file") {
        let path = f["value"]["path"].as_str().unwrap_or_default().to_owned();
        let content =
            base64::engine::general_purpose::STANDARD.decode(f["value"]["content"].as_str().unwrap_or_default());
        written.push((path, content.unwrap_or_default()));
    }
    if pull_request {
        let number = s.pull_requests.len() as u64 + 1;
        for (path, content) in written {
            s.pull_requests.push((number, path, content));
        }
        return json(
            200,
            &serde_json::json!({"success": true, "commitOid": "pr", "pullRequestUrl": format!("{base}/datasets/{repo}/discussions/{number}")}),
        );
    }
    for (path, content) in written {
        s.files.insert(path, content);
    }
    s.head += 1;
    json(200, &serde_json::json!({"success": true, "commitOid": format!("{:040x}", s.head), "commitUrl": ""}))
}

/// The request's head, and its body as long as `content-length` says.
fn read_request(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    let end = loop {
        if let Some(i) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&seen[..end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map(|(_, v)| v.trim().to_owned())
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = seen[end..].to_vec();
    while body.len() < length {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => body.extend_from_slice(&buf[..n]),
        }
    }
    Some((head, body))
}
