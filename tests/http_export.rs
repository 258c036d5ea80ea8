//! Pulling an export over HTTP from a real server on 127.0.0.1, and what failures leave behind.

mod common;

use common::{Reply, Sandbox, Server};
use predicates::prelude::*;
use rusqlite::Connection;

const SAMPLE: &str = include_str!("../assets/sample-export.csv");

/// The cached body and its time, straight from the store's file.
fn cache(s: &Sandbox) -> Vec<(Vec<u8>, String)> {
    let conn = Connection::open(s.store("tester")).expect("open");
    let mut stmt = conn.prepare("SELECT body, fetched_at FROM export_cache").expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows")
}

#[test]
fn a_served_export_is_pulled_cached_and_failures_leave_the_cache_intact() {
    let server = Server::start(vec![Reply::ok("text/csv; charset=utf-8", SAMPLE.as_bytes())]);
    let url = format!("{}/exports/build-small.csv", server.base);
    let s = Sandbox::new();
    s.cmd()
        .args(["pull", "--from", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("40 submissions: 40 new"));
    assert_eq!(
        server.requests.lock().expect("lock").first().map(String::as_str),
        Some("GET /exports/build-small.csv HTTP/1.1")
    );
    let cached = cache(&s);
    assert_eq!(cached.len(), 1);
    assert_eq!(cached[0].0, SAMPLE.as_bytes());

    // A short timeout: the retries of a failing server end within four of them.
    s.file("judging.toml", "[export]\ntimeout_secs = 1\n");
    let mut runaway = b"id,title\n1,\"opens and never closes\n".to_vec();
    runaway.resize(1024 * 1024 + 4096, b'x');
    let failures: [(Reply, &str); 5] = [
        (Reply::status(500, "Internal Server Error", "oops"), "answered 500: the server failed"),
        (
            Reply::truncated(&SAMPLE.as_bytes()[..300], SAMPLE.len()),
            "the connection broke before the whole export arrived",
        ),
        (
            Reply::ok("text/html", b"<!DOCTYPE html><html><body>Sign in to continue</body></html>"),
            "sent a web page, not an export",
        ),
        (Reply::ok("text/csv", b"<html><body>Error 502</body></html>"), "sent a web page"),
        (Reply::ok("text/csv", &runaway), "line 2: a field runs on past 1 MiB"),
    ];
    for (reply, want) in failures {
        server.then(vec![reply]);
        let out = s.cmd().args(["pull", "--from", &url]).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{want}: should fail");
        assert!(stderr.contains("error: ") && stderr.contains(want), "{want}: {stderr}");
        assert!(stderr.contains(&url), "names the URL: {stderr}");
        assert_eq!(cache(&s), cached, "{want}: the cache is as it was");
    }
    // Offline, the cached copy still pulls, with no request made.
    let before = server.requests.lock().expect("lock").len();
    s.cmd()
        .args(["pull", "--offline", "--from", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("cached at").and(predicate::str::contains("0 new, 0 changed, 40 unchanged")));
    assert_eq!(server.requests.lock().expect("lock").len(), before);
}

#[test]
fn a_not_found_export_points_at_the_config() {
    let server = Server::start(vec![Reply::status(404, "Not Found", "no")]);
    let s = Sandbox::new();
    s.file("judging.toml", &format!("[export]\nsource = \"{}/missing.csv\"\n", server.base));
    s.cmd().arg("pull").assert().failure().stderr(
        predicate::str::contains("answered 404").and(predicate::str::contains("check export.source in judging.toml")),
    );
}

#[test]
fn a_secret_in_the_export_url_is_never_stored_or_printed() {
    let server = Server::start(vec![Reply::ok("text/csv", SAMPLE.as_bytes())]);
    let url = format!("{}/export.csv?token=hf_SECRETSECRET", server.base);
    let s = Sandbox::new();
    let out = s.cmd().args(["pull", "--from", &url]).output().expect("runs");
    assert!(out.status.success());
    let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!printed.contains("SECRET"), "{printed}");
    // Checkpoint the WAL so that every byte written is in the main file, then search it.
    Connection::open(s.store("tester")).expect("open").execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").expect("ckpt");
    for entry in std::fs::read_dir(s.store("tester").parent().expect("dir")).expect("dir") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        assert!(!bytes.windows(6).any(|w| w == b"SECRET"), "the token reached the store");
    }
    // And the cached copy is still found by the same URL.
    s.cmd().args(["pull", "--offline", "--from", &url]).assert().success();
}

/// A server that sends its headers at once, then the body a byte every 100 ms (at most 15 s, so
/// it stops by itself).
fn trickling_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut head = [0u8; 4096];
            let _ = stream.read(&mut head);
            let body = SAMPLE.as_bytes();
            let headers =
                format!("HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {}\r\n\r\n", body.len());
            let _ = stream.write_all(headers.as_bytes());
            for byte in body.iter().take(150) {
                if stream.write_all(&[*byte]).and_then(|()| stream.flush()).is_err() {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
    });
    base
}

/// A server that never answers is said to give no answer, once, at the timeout: not tried four
/// times more as a connection that broke.
#[test]
fn a_silent_server_is_given_up_once_at_the_timeout() {
    let base = common::silent_server();
    let s = Sandbox::new();
    s.file("judging.toml", &format!("[export]\nsource = \"{base}/hang.csv\"\ntimeout_secs = 1\n"));
    let start = std::time::Instant::now();
    s.cmd().arg("pull").timeout(std::time::Duration::from_secs(30)).assert().failure().stderr(
        predicate::str::contains("no answer within 1 s (export.timeout_secs)")
            .and(predicate::str::contains("connection broke").not())
            .and(predicate::str::contains("waiting").not()),
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(4), "said at the timeout: {:?}", start.elapsed());
}

#[test]
fn a_trickling_body_is_given_up_at_the_timeout() {
    let base = trickling_server();
    let s = Sandbox::new();
    s.file("judging.toml", &format!("[export]\nsource = \"{base}/slow.csv\"\ntimeout_secs = 1\n"));
    let start = std::time::Instant::now();
    s.cmd()
        .arg("pull")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(predicate::str::contains("was still arriving after 1 s"));
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "given up at the timeout: {:?}", start.elapsed());
}

#[test]
fn a_busy_export_server_is_asked_again_after_the_wait_it_asks() {
    let busy = Reply(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_vec(),
    );
    let server = Server::start(vec![busy, Reply::ok("text/csv", SAMPLE.as_bytes())]);
    let s = Sandbox::new();
    s.cmd()
        .args(["pull", "--from", &format!("{}/export.csv", server.base)])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "The export: it answered 503 (busy); waiting 1 s before try 2 of 5 (export.csv on 127.0.0.1)",
        ))
        .stdout(predicate::str::contains("40 submissions: 40 new"));
    assert_eq!(server.requests.lock().expect("lock").len(), 2);
}

/// An export behind a password, moved by its server to another host that moves it again within
/// itself: the password goes with the requests to the export's own host, same-host hops
/// included, and never to the other host. reqwest's own redirects had sent it on the second hop.
#[test]
fn an_exports_password_never_follows_a_redirect_to_another_host() {
    let storage = common::Router::start(
        vec![
            ("/hop1/export.csv", vec![Reply::redirect("/final/export.csv")]),
            ("/final/export.csv", vec![Reply::ok("text/csv", SAMPLE.as_bytes())]),
        ],
        std::time::Duration::ZERO,
    );
    let own = common::Router::start(
        vec![
            ("/old/export.csv", vec![Reply::redirect("/export.csv")]),
            ("/export.csv", vec![Reply::redirect(&format!("{}/hop1/export.csv", storage.base))]),
        ],
        std::time::Duration::ZERO,
    );
    let url = own.base.replacen("http://", "http://organizer:s3cretPW@", 1) + "/old/export.csv";
    let s = Sandbox::new();
    let out = s.cmd().args(["pull", "--from", &url]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let basic = "Basic b3JnYW5pemVyOnMzY3JldFBX";
    let asked = own.requests.lock().expect("lock").clone();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked.iter().all(|(_, auth)| auth.as_deref() == Some(basic)), "its own host, both hops: {asked:?}");
    let there = storage.requests.lock().expect("lock").clone();
    assert_eq!(there.len(), 2, "{there:?}");
    assert!(there.iter().all(|(_, auth)| auth.is_none()), "the password left its host: {there:?}");
}
