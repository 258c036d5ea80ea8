//! Enriching 500 Spaces against a Hub on 127.0.0.1 that takes `LATENCY` to answer each request,
//! as the real one does: each Space's info, then its model's size (500 different models), plus
//! the hardware prices: 1,001 requests. With 8 requests in flight the ceiling is 8 / latency;
//! a figure near it means the concurrency bound, not per-request overhead, sets the pace. The
//! same run with an instant server shows what the overhead alone allows.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use judging::config::Config;
use judging::event_files::Loaded;
use judging::hub::client::Hub;
use judging::store::Store;

const SPACES: usize = 500;

/// A threaded server answering every Hub path the enrichment asks, after `delay`.
fn server(delay: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut seen = Vec::new();
                let mut buf = [0u8; 2048];
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&seen);
                let path = head.split(' ').nth(1).unwrap_or_default().to_owned();
                let body = if path == "/api/spaces/hardware" {
                    r#"[{"name":"cpu-basic","unitCostUSD":0,"unitLabel":"minute"}]"#.to_owned()
                } else if let Some(id) = path.strip_prefix("/api/spaces/") {
                    format!(
                        r#"{{"id":"{id}","sdk":"gradio","models":["m/{}"],"runtime":{{"stage":"RUNNING","hardware":{{"current":"cpu-basic"}}}}}}"#,
                        id.rsplit('/').next().unwrap_or(id)
                    )
                } else {
                    r#"{"safetensors":{"parameters":{"BF16":1000000},"total":1000000}}"#.to_owned()
                };
                std::thread::sleep(delay);
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
            });
        }
    });
    base
}

/// A store holding 500 entries, each naming its own Space.
fn store(dir: &std::path::Path) -> (Store, Vec<(String, String)>) {
    let mut csv = String::from("id,title,space_url\n");
    for i in 0..SPACES {
        csv.push_str(&format!("e{i},Entry {i},https://huggingface.co/spaces/bsh/e{i}\n"));
    }
    let export = dir.join("export.csv");
    std::fs::write(&export, csv).expect("export");
    let mut config = Config::builtin();
    config.export.source = export.display().to_string();
    let mut store = Store::open(&dir.join("s.sqlite"), "build-small-2026").expect("store");
    judging::commands::pull::pull(&Loaded { config, path: None }, &mut store, None, false).expect("pull");
    let entries = (0..SPACES).map(|i| (format!("e{i}"), format!("bsh/e{i}"))).collect();
    (store, entries)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("hub enrichment, 500 Spaces");
    group.sample_size(10);
    group.throughput(Throughput::Elements(2 * SPACES as u64 + 1));
    for (label, delay) in [("20 ms per answer", Duration::from_millis(20)), ("instant answers", Duration::ZERO)] {
        let base = server(delay);
        group.bench_function(label, |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().expect("tempdir");
                    let (store, entries) = store(dir.path());
                    (dir, store, entries)
                },
                |(_dir, mut store, entries)| {
                    let mut hub = Hub::new(&base, None, Duration::from_secs(30)).expect("hub");
                    hub.on_wait = Box::new(|_| {});
                    let report = judging::hub::enrich::enrich(
                        &hub,
                        &store,
                        &entries,
                        &[],
                        Vec::new(),
                        &judging::progress::Progress::hidden(),
                    )
                    .expect("enrich");
                    store.put_hub(&report.answers, &report.facts).expect("kept");
                    assert_eq!((report.enriched, report.requests), (SPACES, 2 * SPACES + 1));
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

/// The README scanner on 32 MiB an entrant wrote to be slow: a URL start every few bytes, in
/// mixed case, without the delimiters that end one, and a plain stretch with no link at all.
fn readme_scan(c: &mut Criterion) {
    let most = 32 * 1024 * 1024;
    let hostile: String =
        "HtTp://x.y/ https://".repeat(most / 20 / 2) + &"plain words, no link. ".repeat(most / 22 / 2);
    let mut group = c.benchmark_group("README scan");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(hostile.len() as u64));
    group.bench_function("32 MiB hostile README", |b| {
        b.iter(|| judging::hub::readme::find(&hostile));
    });
    group.finish();
}

criterion_group!(benches, bench, readme_scan);
criterion_main!(benches);
