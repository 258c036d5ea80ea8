#!/usr/bin/env bash
# The pull benchmark's baseline: the sqlite3 shell's .import of the same 10,000-row CSV that
# benches/pull.rs generates, and the real `judging pull` of it, each into a fresh database and
# timed the same way over 9 runs. Needs the sqlite3 command (Debian: apt-get install sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
JUDGING_BENCH_WRITE_CSV=1 cargo bench --bench pull -- --test >/dev/null 2>&1
cargo build --release --quiet
csv=target/bench-export.csv
db=target/bench-compare.sqlite
echo "CSV: $(wc -c <"$csv") bytes, $(($(wc -l <"$csv") - 1)) lines after the header"

median_of_9() {
  local times=()
  for _ in $(seq 9); do
    rm -f "$db" "$db-wal" "$db-shm"
    local start; start=$(date +%s%N)
    "$@" >/dev/null
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  local sorted; sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "runs (ms): ${times[*]}; median ${sorted[4]} ms"
}

echo "sqlite3 .import: $(median_of_9 sqlite3 "$db" '.mode csv' ".import $csv submissions")"
echo "judging pull:    $(median_of_9 target/release/judging --db "$db" pull --from "$csv")"
