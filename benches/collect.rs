//! `judging collect`'s network path at the merge benchmark's size: 100 judges' score files of
//! 224 KB each (22 MB) listed and downloaded from a loopback Hub that takes 20 ms to answer each
//! request. With 8 requests in flight the best possible is one listing plus 13 rounds of 8
//! downloads, 14 × 20 ms = 280 ms; the target is 80 % of that pace (350 ms or less).

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use judging::hub::client::Hub;
use judging::hub::repo::Repo;

#[path = "../tests/common/hubrepo.rs"]
#[allow(dead_code)]
mod hubrepo;

const REPO: &str = "judges/scores-2026";

fn bench_collect(c: &mut Criterion) {
    let hub = hubrepo::FakeHub::start(REPO, Duration::from_millis(20), |st| st.exists = true);
    // Bodies the size of the merge benchmark's files (22.4 MB over 100), JSON text.
    for j in 0..100 {
        let row = format!("[\"entry-{j:04}\",[3,4,5],[1,2,3]],");
        let body = format!("{{\"judge\":\"judge-{j:03}\",\"scores\":[{}]}}", row.repeat(224_000 / row.len()));
        hub.put(&format!("scores/judge-{j:03}.json"), body.as_bytes());
    }
    let client = Hub::new(&hub.base, None, Duration::from_secs(30)).expect("client");
    let repo = Repo::new(&client, REPO);
    let mut group = c.benchmark_group("collect 100 files, 20 ms per answer");
    group.sample_size(10);
    group.bench_function("list and download", |b| {
        b.iter(|| {
            let listed = repo.tree("main", "scores").expect("tree");
            let paths: Vec<String> = listed.into_iter().map(|f| f.path).collect();
            let files = repo.download_all("main", &paths);
            assert!(files.iter().all(Result::is_ok) && files.len() == 100);
            files
        });
    });
    group.finish();
}

criterion_group!(benches, bench_collect);
criterion_main!(benches);
