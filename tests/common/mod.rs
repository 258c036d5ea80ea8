//! Shared by the integration tests: a real HTTP server on 127.0.0.1, and the binary in a clean
//! environment.
#![allow(dead_code)]

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

fn serve(mut stream: TcpStream, replies: &Mutex<Vec<Reply>>, requests: &Mutex<Vec<String>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    let line = String::from_utf8_lossy(&seen).lines().next().unwrap_or_default().to_owned();
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
