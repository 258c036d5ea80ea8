#!/usr/bin/env bash
# The merge benchmark's baseline: the plain merge (weighted totals, per-judge z-scores, the mean
# per entry) in pandas over the same 1.5 million scores as one long CSV, against the real
# `judging merge` of the judges' files, z-score and calibrated. Wall time and peak memory of each
# process, 11 runs each, alternated. Needs python3 with pandas ($PYTHON to choose another interpreter).
set -euo pipefail
# One decimal point for bash's clock and awk, whatever the locale.
export LC_ALL=C
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
JUDGING_BENCH_KEEP="$work" cargo bench --bench merge -- --test >/dev/null 2>&1
cargo build --release --quiet
"$python" benches/compare_merge.py csv "$work" "$work/scores.csv"
echo "CSV: $(wc -c <"$work/scores.csv") bytes, $(($(wc -l <"$work/scores.csv") - 1)) scores"
target/release/judging --db "$work/head.sqlite" --judge head pull --from "$work/export.csv" >/dev/null
# Each command 11 times, in turn (pandas, z-score, calibrated), so that a slow minute of the
# machine falls on all three; the medians and the ratio to pandas printed at the end. Wall time
# is read from bash's own clock ($EPOCHREALTIME, microseconds) around /usr/bin/time (whose own
# figure is in hundredths of a second, too coarse at 0.1 s): read with `date`, each reading was a
# process of its own inside the window, and `true` timed so took 2.0 ms against 1.1 ms now. It
# still includes starting /usr/bin/time itself, about a millisecond a run: a fixed cost on both
# sides that lowers the ratio a little. The peak is /usr/bin/time's %M, written to a file of its
# own so that nothing the command prints can run into it.
RUNS=11
run() {
  local log=$1
  shift
  local t0 t1
  t0=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$work/peak" "$@" >/dev/null 2>&1
  t1=$EPOCHREALTIME
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') $(tail -1 "$work/peak")" >>"$log"
}
median() { sort -n -k"$2" "$1" | sed -n "$(((RUNS + 1) / 2))p" | awk -v k="$2" '{print $k}'; }
for _ in $(seq "$RUNS"); do
  run "$work/pandas.log" "$python" benches/compare_merge.py merge "$work/scores.csv"
  for method in z-score calibrated; do
    run "$work/$method.log" target/release/judging --db "$work/head.sqlite" --judge head \
      merge --method "$method" "$work"/judge-*.json -o "$work/rankings.txt"
  done
done
for name in pandas z-score calibrated; do
  echo "$name (s wall, KB peak): $(sort -n "$work/$name.log" | awk '{printf "%s/%s ", $1, $2}')"
done
pandas=$(median "$work/pandas.log" 1)
for method in z-score calibrated; do
  wall=$(median "$work/$method.log" 1)
  peak=$(median "$work/$method.log" 2)
  echo "judging merge --method $method: median $wall s, $((peak / 1000)) MB peak; pandas median $pandas s:" \
    "$(awk "BEGIN { printf \"%.1f\", $pandas / $wall }")x faster (target: at least 12x, under 100 MB)"
done
