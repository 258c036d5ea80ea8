#!/usr/bin/env bash
# Resident memory of the real judge's app with 10,000 submissions in its store: the app runs in
# a 200x50 tmux window, and /proc tells its resident set once the first frame is on screen, and
# again after paging through the whole list; and, coarsely, how long the first frame took. Needs tmux (Debian: apt-get install tmux).
set -euo pipefail
cd "$(dirname "$0")/.."
JUDGING_BENCH_WRITE_CSV=1 cargo bench --bench pull -- --test >/dev/null 2>&1
cargo build --release --quiet
work=$(mktemp -d)
trap 'tmux kill-session -t judging-bench 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/store.sqlite"
target/release/judging --db "$db" --judge bench pull --from target/bench-export.csv >/dev/null
start=$(date +%s%N)
tmux new-session -d -s judging-bench -x 200 -y 50 "env HOME=$work target/release/judging --db $db --judge bench"
for _ in $(seq 500); do
  tmux capture-pane -t judging-bench -p | grep -q "Submissions (10000)" && break
  sleep 0.01
done
echo "launch to first frame, as tmux sees it (10 ms polls): $(( ($(date +%s%N) - start) / 1000000 )) ms"
pid=$(tmux display-message -p -t judging-bench '#{pane_pid}')
echo "process: $(cat /proc/$pid/comm)"
grep -E 'VmRSS|VmHWM' "/proc/$pid/status" | sed 's/^/after the first frame: /'
for _ in $(seq 60); do tmux send-keys -t judging-bench PageDown; done
sleep 0.5
grep -E 'VmRSS|VmHWM' "/proc/$pid/status" | sed 's/^/after paging down:     /'
tmux send-keys -t judging-bench q
