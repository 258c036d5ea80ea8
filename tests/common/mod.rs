//! Shared by the integration tests: a real HTTP server on 127.0.0.1, and the binary in a clean
//! environment.
#![allow(dead_code)]

pub mod hubrepo;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One canned answer: the raw bytes the server writes before closing the connection.
#[derive(Clone)]
pub struct Reply(pub Vec<u8>);

impl Reply {
    pub fn ok(content_type: &str, body: &[u8]) -> Reply {
        let mut bytes = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        bytes.extend_from_slice(body);
        Reply(bytes)
    }

    pub fn status(code: u16, reason: &str, body: &str) -> Reply {
        Reply(
            format!(
                "HTTP/1.1 {code} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        )
    }

    /// A 302 to `location`, as written (absolute, or a path on the same server).
    pub fn redirect(location: &str) -> Reply {
        Reply(
            format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .into_bytes(),
        )
    }

    /// Promises `promised` bytes, sends only `body`, then hangs up.
    pub fn truncated(body: &[u8], promised: usize) -> Reply {
        let mut bytes = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {promised}\r\nConnection: close\r\n\r\n"
        )
        .into_bytes();
        bytes.extend_from_slice(body);
        Reply(bytes)
    }
}

/// A server on 127.0.0.1 that answers each request with the next reply in turn, repeating the
/// last one. It records the request lines it saw.
pub struct Server {
    pub base: String,
    replies: Arc<Mutex<Vec<Reply>>>,
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let replies = Arc::new(Mutex::new(replies));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (r, q) = (Arc::clone(&replies), Arc::clone(&requests));
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, &r, &q);
            }
        });
        Server { base, replies, requests }
    }

    /// Replaces the replies still to come.
    pub fn then(&self, replies: Vec<Reply>) {
        *self.replies.lock().expect("lock") = replies;
    }
}

/// A request's line and headers, read up to the blank line; `None` if the client hung up.
fn read_head(stream: &mut TcpStream) -> Option<String> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    Some(String::from_utf8_lossy(&seen).into_owned())
}

fn serve(mut stream: TcpStream, replies: &Mutex<Vec<Reply>>, requests: &Mutex<Vec<String>>) {
    let Some(head) = read_head(&mut stream) else { return };
    let line = head.lines().next().unwrap_or_default().to_owned();
    requests.lock().expect("lock").push(line);
    let reply = {
        let mut r = replies.lock().expect("lock");
        if r.len() > 1 { r.remove(0) } else { r[0].clone() }
    };
    let _ = stream.write_all(&reply.0);
    let _ = stream.flush();
}

/// A clean place to run the binary: its own home, data and config folders, and working folder.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().expect("tempdir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, contents).expect("write");
        path
    }

    /// The binary, with no judging variables from the caller's environment.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("judging");
        cmd.current_dir(self.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.path())
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("USER", "tester");
        cmd
    }

    /// What `judge` has in their store, withdrawn entries included, as `list --format json`.
    pub fn list_json(&self, judge: &str) -> serde_json::Value {
        let out = self.cmd().args(["--judge", judge, "list", "--format", "json", "--all"]).output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("list prints JSON")
    }

    /// One entry of [`Sandbox::list_json`], by id.
    pub fn entry(&self, judge: &str, id: &str) -> serde_json::Value {
        let list = self.list_json(judge);
        list.as_array()
            .expect("an array")
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no entry {id}"))
    }

    /// Where the store of the built-in event lives for `judge`.
    pub fn store(&self, judge: &str) -> PathBuf {
        self.path().join("data/judging/build-small-2026").join(format!("{judge}.sqlite"))
    }
}

impl Reply {
    /// 200 with JSON, and extra header lines (`Link: ...`).
    pub fn json_with(body: &str, headers: &[String]) -> Reply {
        let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
        Reply(
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        )
    }

    pub fn json(body: &str) -> Reply {
        Reply::json_with(body, &[])
    }

    /// 429, telling the client how long to wait in the Hub's `RateLimit` header.
    pub fn too_many(wait_seconds: u64) -> Reply {
        Reply(
            format!(
                "HTTP/1.1 429 Too Many Requests\r\nRateLimit: \"api\";r=0;t={wait_seconds}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .into_bytes(),
        )
    }
}

/// A server on 127.0.0.1 that answers by path: each route (a prefix of the path and query) has
/// its replies in turn, repeating the last. Each connection is served on its own thread, after
/// `delay`, so that many requests can be in flight. It records each request line and its
/// `Authorization` header.
pub struct Router {
    pub base: String,
    pub requests: Seen,
}

type Routes = Arc<Mutex<Vec<(String, Vec<Reply>)>>>;
/// Each request line, with its `Authorization` header.
pub type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// Written in a reply where the server's own address belongs (a `Link` to the next page).
pub const BASE: &str = "http://BASE";

impl Router {
    pub fn start(routes: Vec<(&str, Vec<Reply>)>, delay: Duration) -> Router {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let own = |r: Reply| Reply(String::from_utf8_lossy(&r.0).replace(BASE, &base).into_bytes());
        let routes: Routes = Arc::new(Mutex::new(
            routes.into_iter().map(|(p, r)| (p.to_owned(), r.into_iter().map(own).collect())).collect(),
        ));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (r, q) = (Arc::clone(&routes), Arc::clone(&requests));
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, q) = (Arc::clone(&r), Arc::clone(&q));
                thread::spawn(move || route(stream, &r, &q, delay));
            }
        });
        Router { base, requests }
    }

    /// The request lines seen for paths starting with `prefix`.
    pub fn seen(&self, prefix: &str) -> usize {
        self.requests
            .lock()
            .expect("lock")
            .iter()
            .filter(|(line, _)| line.split(' ').nth(1).is_some_and(|p| p.starts_with(prefix)))
            .count()
    }
}

fn route(mut stream: TcpStream, routes: &Routes, requests: &Seen, delay: Duration) {
    let Some(head) = read_head(&mut stream) else { return };
    let line = head.lines().next().unwrap_or_default().to_owned();
    let auth = head.lines().find_map(|l| {
        l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("authorization")).map(|(_, v)| v.trim().to_owned())
    });
    requests.lock().expect("lock").push((line.clone(), auth));
    let path = line.split(' ').nth(1).unwrap_or_default().to_owned();
    let reply = {
        let mut routes = routes.lock().expect("lock");
        // The longest matching prefix answers.
        let best = routes.iter_mut().filter(|(p, _)| path.starts_with(p.as_str())).max_by_key(|(p, _)| p.len());
        match best {
            Some((_, replies)) if replies.len() > 1 => replies.remove(0),
            Some((_, replies)) => replies[0].clone(),
            None => Reply::status(404, "Not Found", "no route"),
        }
    };
    thread::sleep(delay);
    let _ = stream.write_all(&reply.0);
    let _ = stream.flush();
}

/// A valid body of scores on the built-in event, from judge "forger": one entry scored, for a
/// test to edit into the file it needs.
pub fn score_body() -> judging::scorefile::Body {
    let config = judging::config::Config::builtin();
    judging::scorefile::Body {
        event: config.event.id.clone(),
        rubric: judging::scorefile::rubric_fingerprint(&config),
        judge: "forger".into(),
        written_at: "2026-06-20T10:00:00.000Z".into(),
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        scores: vec![("sprout-sense".into(), vec![Some(4), Some(3), Some(5)], vec![Some(1_781_000_000_000); 3])],
        ..judging::scorefile::Body::default()
    }
}

/// Writes an unsigned score file with a valid digest around [`score_body`] as `edit` leaves it.
pub fn score_file(s: &Sandbox, name: &str, edit: impl FnOnce(&mut judging::scorefile::Body)) -> PathBuf {
    let mut body = score_body();
    edit(&mut body);
    let path = s.path().join(name);
    std::fs::write(&path, judging::scorefile::write(&body, None).expect("json")).expect("write");
    path
}

/// Writes a score file around [`score_body`] as `edit` leaves it, signed with `key`.
pub fn signed_score_file(
    s: &Sandbox,
    name: &str,
    key: &judging::signing::PrivateKey,
    edit: impl FnOnce(&mut judging::scorefile::Body),
) -> PathBuf {
    let mut body = score_body();
    edit(&mut body);
    let path = s.path().join(name);
    let text = judging::scorefile::write(&body, Some(judging::scorefile::Signer::Key(key))).expect("json");
    std::fs::write(&path, text).expect("write");
    path
}

/// Each paid place of `ranking` (its first `paid` places; every entry there can win) that
/// `merged`'s robustness says holds, or changes, without each of `judges` is the place the merge
/// `without` that judge gives, ties included: what the README promises of "Without any one
/// judge".
pub fn places_said_are_those_without(
    merged: &serde_json::Value,
    without: impl Fn(&str) -> serde_json::Value,
    judges: &[&str],
    ranking: &str,
    paid: u64,
) {
    let changes = merged["robustness"].as_array().expect("the places were tested").clone();
    let places = |merge: &serde_json::Value| -> Vec<(String, u64)> {
        let found = merge["rankings"].as_array().expect("rankings").iter().find(|r| r[0] == ranking);
        let entries = found.expect("the ranking")[1].as_array().expect("entries").clone();
        entries
            .iter()
            .map(|e| (e["id"].as_str().expect("id").to_owned(), e["place"].as_u64().expect("place")))
            .collect()
    };
    let tied_at = |all: &[(String, u64)], place: u64| -> Vec<String> {
        all.iter().filter(|(_, p)| *p == place).map(|(id, _)| id.clone()).collect()
    };
    let now = places(merged);
    // Titles to ids, as the robustness lines name entries by title.
    let titles: Vec<(String, String)> = merged["rankings"]
        .as_array()
        .expect("rankings")
        .iter()
        .flat_map(|r| r[1].as_array().cloned().unwrap_or_default())
        .filter_map(|e| Some((e["title"].as_str()?.to_owned(), e["id"].as_str()?.to_owned())))
        .collect();
    let title_of =
        |title: &str| titles.iter().find(|(t, _)| t == title).map_or_else(|| title.to_owned(), |(_, id)| id.clone());
    for judge in judges {
        let then = places(&without(judge));
        for (id, place) in now.iter().filter(|(_, p)| *p <= paid) {
            let moved = then.iter().find(|(other, _)| other == id).map(|(_, p)| *p);
            let said =
                changes.iter().find(|c| c["ranking"] == ranking && c["id"] == id.as_str() && c["judge"] == *judge);
            let context = format!("without {judge}: {id} at {place}, then {moved:?}; said {said:?}; then {then:?}");
            if let Some(change) = said {
                assert_eq!(change["place"].as_u64(), Some(*place), "{context}");
                assert_eq!(change["moves_to"].as_u64(), moved, "{context}");
                let shared = moved.is_some_and(|m| tied_at(&then, m).len() > 1);
                assert_eq!(change["shared"].as_bool(), Some(shared), "{context}");
                // Every entry it would be tied with is named, not one of them.
                let mut with: Vec<String> =
                    moved.map(|m| tied_at(&then, m)).unwrap_or_default().into_iter().filter(|o| o != id).collect();
                let mut said: Vec<String> = change["tied_with"]
                    .as_array()
                    .map(|t| t.iter().filter_map(|t| t.as_str()).map(&title_of).collect())
                    .unwrap_or_default();
                with.sort();
                said.sort();
                assert_eq!(said, with, "{context}");
                // And every entry tied with who takes the place: "the tie for 1st (with X)" had named
                // one of three.
                let tie = change["then_place"].as_u64().map(|p| tied_at(&then, p)).unwrap_or_default();
                let alone = tie.len() < 2;
                let mut takers: Vec<String> = tie.into_iter().filter(|o| o != id).collect();
                let mut said: Vec<String> = change["then_tied"]
                    .as_array()
                    .map(|t| t.iter().filter_map(|t| t.as_str()).map(&title_of).collect())
                    .unwrap_or_default();
                if alone {
                    takers.clear();
                }
                takers.sort();
                said.sort();
                assert_eq!(said, takers, "{context}");
            } else {
                assert_eq!(moved, Some(*place), "said to hold: {context}");
                assert_eq!(tied_at(&then, *place), tied_at(&now, *place), "the same tie: {context}");
            }
        }
    }
}

/// A server that takes each request and never answers (each connection held 15 s): a Hub or an
/// export URL that hangs. Its base URL.
pub fn silent_server() -> String {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        while let Ok((mut stream, _)) = listener.accept() {
            let mut head = [0u8; 4096];
            let _ = stream.read(&mut head);
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(15));
                drop(stream);
            });
        }
    });
    base
}

/// A judging.toml whose tracks have names of their own, the sample's export still read (its
/// track column names them by their old names, kept as aliases): backyard named with Markdown's
/// and HTML's own characters, wood named "" (so by its id), and a prize on backyard.
pub const NAMED_TRACKS: &str = r#"[[tracks]]
id = "backyard"
name = "Back|yard *AI* <b>"
aliases = ["track:backyard", "Backyard AI"]

[[tracks]]
id = "wood"
name = ""
aliases = ["track:wood", "Thousand Token Wood"]

[[prizes]]
id = "yard"
name = "Yard prize"
track = "backyard"
amounts = [2500, 1500]
"#;

/// A shell command line run by bash in a pseudo-terminal of `rows` × `cols`, in `dir`, the
/// binary as `$APP`, with the sandbox's clean environment; everything the terminal is sent is
/// read as it comes ([`ShellOnPty::ended_within`] gives it).
pub struct ShellOnPty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    seen: thread::JoinHandle<Vec<u8>>,
}

pub fn shell_on_a_pty(dir: &Path, line: &str, (rows, cols): (u16, u16)) -> ShellOnPty {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system().openpty(PtySize { rows, cols, ..PtySize::default() }).expect("a pty");
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["-c", line]);
    cmd.cwd(dir);
    cmd.env_clear();
    for (k, v) in [
        ("APP", env!("CARGO_BIN_EXE_judging").to_owned()),
        ("HOME", dir.display().to_string()),
        ("XDG_DATA_HOME", dir.join("data").display().to_string()),
        ("XDG_CONFIG_HOME", dir.join("config").display().to_string()),
        ("TERM", "xterm-256color".to_owned()),
        ("PATH", std::env::var("PATH").unwrap_or_default()),
    ] {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let seen = thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    ShellOnPty { child, master: pair.master, seen }
}

impl ShellOnPty {
    /// Everything the terminal was sent, once the shell ends; it must end within `limit`.
    pub fn ended_within(mut self, limit: Duration, what: &str) -> Vec<u8> {
        let start = std::time::Instant::now();
        while self.child.try_wait().expect("wait").is_none() {
            assert!(start.elapsed() < limit, "{what}: did not end");
            thread::sleep(Duration::from_millis(20));
        }
        drop(self.master);
        self.seen.join().expect("reader")
    }
}

/// A Hub on 127.0.0.1 that answers `busy` Space requests with 429 (asking to wait `seconds`),
/// then one Space, and an empty hardware price list: the waits `enrich` says.
pub fn busy_hub(busy: usize, seconds: u64) -> Router {
    let space = r#"{"id":"x/y","sdk":"gradio","runtime":{"stage":"RUNNING","hardware":{"current":"cpu-basic"}}}"#;
    let mut replies: Vec<Reply> = (0..busy).map(|_| Reply::too_many(seconds)).collect();
    replies.push(Reply::json(space));
    Router::start(vec![("/api/spaces/", replies), ("/api/spaces/hardware", vec![Reply::json("[]")])], Duration::ZERO)
}
