#!/usr/bin/env bash
# Peak memory and time of the real `judging feedback` on the feedback benchmark's workload:
# 10,000 entries, 30 judges' score files (3 judges to an entry), 3 runs; and the pages' size.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
JUDGING_BENCH_KEEP="$work" cargo bench --bench feedback -- --test >/dev/null 2>&1
cargo build --release --quiet
for _ in 1 2 3; do
  rm -rf "$work/out"
  /usr/bin/time -f "%e s wall, %M KB peak" target/release/judging --db "$work/head.sqlite" --judge head \
    feedback "$work"/judge-*.json -o "$work/out" 2>&1 >/dev/null | tail -1
done
du -sh "$work/out"
