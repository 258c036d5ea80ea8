#!/usr/bin/env bash
# Peak memory and time of `judging pull` on a 1 GB export, as JSON and as CSV: generated rows
# like the pull benchmark's (long descriptions, many columns), then the real binary under
# /usr/bin/time with export.max_mb raised to take them. Needs python3 and GNU time; takes a few
# minutes and about 5 GB of free disk.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
target = 1 << 30
desc = "A small model garden helper that runs offline on a CPU and answers in seconds; tested for a week by a real user. " * 6
def row(i):
    return {
        "id": f"entry-{i:07}", "title": f"Entry {i}", "team": f"Team {i % 97}",
        "members": [f"Member {i}a", f"Member {i}b"],
        "space_url": f"https://huggingface.co/spaces/build-small-hackathon/entry-{i}",
        "video_url": f"https://www.youtube.com/watch?v=v{i:07}", "post_url": f"https://x.com/team{i}/status/{i}",
        "description": desc, "track": "track:backyard" if i % 2 else "track:wood",
        "tags": ["achievement:offgrid", "sponsor:nvidia"], "models": ["HuggingFaceTB/SmolLM2-1.7B-Instruct"],
        "total_params": "1.7B",
    }
with open(f"{work}/big.json", "w") as j, open(f"{work}/big.csv", "w") as c:
    j.write("[\n"); c.write("id,title,team,members,space_url,video_url,post_url,description,track,tags,models,total_params\n")
    i, size = 0, 0
    while size < target:
        r = row(i)
        line = json.dumps(r)
        j.write(("," if i else "") + line + "\n"); size += len(line) + 2
        c.write(",".join('"' + (";".join(v) if isinstance(v, list) else v).replace('"', '""') + '"' for v in r.values()) + "\n")
        i += 1
    j.write("]\n")
print(f"{i} rows")
PY
printf '[export]\nmax_mb = 2048\n' > "$work/judging.toml"
for kind in json csv; do
  size=$(stat -c %s "$work/big.$kind")
  /usr/bin/time -f "%e s wall, %M KB peak" \
    target/release/judging --config "$work/judging.toml" --db "$work/$kind.sqlite" --judge bench pull --from "$work/big.$kind" \
    2>&1 >/dev/null | tail -1 | sed "s|^|$kind, $((size / 1024 / 1024)) MiB: |"
done
