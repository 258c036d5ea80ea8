#!/usr/bin/env bash
# Peak memory and time of the real `judging results --format html` on the results benchmark's
# workload: 100,000 entries, 100 judges' score files (3 judges to an entry), 3 runs; and the
# page's size.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
JUDGING_BENCH_KEEP="$work" cargo bench --bench results -- --test >/dev/null 2>&1
cargo build --release --quiet
for _ in 1 2 3; do
  /usr/bin/time -f "%e s wall, %M KB peak" "$target/release/judging" --db "$work/head.sqlite" --judge head \
    results --format html "$work"/judge-*.json -o "$work/results.html" 2>&1 >/dev/null | tail -1
done
ls -l "$work/results.html" | awk '{print $5 " bytes"}'
