#!/usr/bin/env bash
# The merge benchmark's baseline: the plain merge (weighted totals, per-judge z-scores, the mean
# per entry) in pandas over the same 1.5 million scores as one long CSV, against the real
# `judging merge` of the judges' files, z-score and calibrated. Wall time and peak memory of each
# process, 5 runs. Needs python3 with pandas ($PYTHON to choose another interpreter).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
JUDGING_BENCH_KEEP="$work" cargo bench --bench merge -- --test >/dev/null 2>&1
cargo build --release --quiet
"$python" benches/compare_merge.py csv "$work" "$work/scores.csv"
echo "CSV: $(wc -c <"$work/scores.csv") bytes, $(($(wc -l <"$work/scores.csv") - 1)) scores"
target/release/judging --db "$work/head.sqlite" --judge head pull --from "$work/export.csv" >/dev/null
# Each command 5 times; the medians and the ratio to pandas printed at the end.
run() {
  local label=$1 log=$2
  shift 2
  echo "$label"
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1 | tee -a "$log" | awk '{printf "  %s s wall, %s KB peak\n", $1, $2}'
  done
}
median() { sort -n -k"$2" "$1" | sed -n 3p | awk -v k="$2" '{print $k}'; }
run "pandas, plain z-score merge of the CSV" "$work/pandas.log" "$python" benches/compare_merge.py merge "$work/scores.csv"
for method in z-score calibrated; do
  run "judging merge --method $method" "$work/$method.log" target/release/judging --db "$work/head.sqlite" --judge head \
    merge --method "$method" "$work"/judge-*.json -o "$work/rankings.txt"
done
pandas=$(median "$work/pandas.log" 1)
for method in z-score calibrated; do
  wall=$(median "$work/$method.log" 1)
  peak=$(median "$work/$method.log" 2)
  echo "judging merge --method $method: median $wall s, $((peak / 1000)) MB peak; pandas median $pandas s:" \
    "$(awk "BEGIN { printf \"%.1f\", $pandas / $wall }")x faster (target: at least 12x, under 100 MB)"
done
