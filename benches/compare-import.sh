#!/usr/bin/env bash
# The pull benchmark's baseline: the sqlite3 shell's .import of the same 10,000-row CSV that
# benches/pull.rs generates, and the real `judging pull` of it, each into a fresh database and
# timed the same way, alternately, 15 runs each. Needs the sqlite3 command (Debian: apt-get install sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
JUDGING_BENCH_WRITE_CSV=1 cargo bench --bench pull -- --test >/dev/null 2>&1
cargo build --release --quiet
csv=target/bench-export.csv
db=target/bench-compare.sqlite
echo "CSV: $(wc -c <"$csv") bytes, $(($(wc -l <"$csv") - 1)) lines after the header"

# Alternated run by run, so that the machine's load falls on both alike; 15 runs each.
runs=15
sq=(); ju=()
for _ in $(seq $runs); do
  rm -f "$db" "$db-wal" "$db-shm"
  start=$(date +%s%N)
  sqlite3 "$db" '.mode csv' ".import $csv submissions" >/dev/null
  sq+=($(( ($(date +%s%N) - start) / 1000000 )))
  rm -f "$db" "$db-wal" "$db-shm"
  start=$(date +%s%N)
  target/release/judging --db "$db" pull --from "$csv" >/dev/null
  ju+=($(( ($(date +%s%N) - start) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
s=$(median "${sq[@]}"); j=$(median "${ju[@]}")
echo "sqlite3 .import: runs (ms): ${sq[*]}; median $s ms"
echo "judging pull:    runs (ms): ${ju[*]}; median $j ms"
echo "judging / sqlite3: $(awk "BEGIN { printf \"%.2f\", $j / $s }")x (target: at most 1.5x)"
