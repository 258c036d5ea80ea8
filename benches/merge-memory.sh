#!/usr/bin/env bash
# Time and peak memory of the real `judging merge` on the merge benchmark's workload: 100 score
# files of 5,000 submissions x 3 criteria (1.5 million scores), calibrated method, 5 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
JUDGING_BENCH_KEEP="$work" cargo bench --bench merge -- --test >/dev/null 2>&1
cargo build --release --quiet
target/release/judging --db "$work/head.sqlite" --judge head pull --from "$work/export.csv" >/dev/null
for _ in 1 2 3 4 5; do
  /usr/bin/time -f "%e s wall, %M KB peak" target/release/judging --db "$work/head.sqlite" --judge head \
    merge "$work"/judge-*.json -o "$work/rankings.txt" 2>&1 | tail -1
done
