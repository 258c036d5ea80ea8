#!/usr/bin/env bash
# A 1 GiB export whose one field is 1 GiB (a quote that opens and never closes, or a file pasted
# into a cell), pulled by the real binary under GNU time with export.max_mb raised past the
# file's size, so that only the field limit can stop it: as CSV and as JSON. Beside it, the
# file's size: what reading it whole would hold. Needs GNU time and 2.2 GB of free disk.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gib=$((1 << 30))
{ printf 'id,title,space_url\n1,"'; head -c "$gib" /dev/zero | tr '\0' x; } > "$work/field.csv"
{ printf '[{"id":"1","title":"'; head -c "$gib" /dev/zero | tr '\0' x; printf '"}]'; } > "$work/field.json"
printf '[export]\nmax_mb = 2048\n' > "$work/judging.toml"
for kind in csv json; do
  size=$(stat -c %s "$work/field.$kind")
  set +e
  /usr/bin/time -o "$work/time" -f "%e s wall, %M KB peak" \
    target/release/judging --config "$work/judging.toml" --db "$work/$kind.sqlite" --judge bench pull \
    --from "$work/field.$kind" >/dev/null 2>"$work/err"
  code=$?
  set -e
  echo "$kind, file $((size / 1024 / 1024)) MiB: exit $code, $(tail -1 "$work/time")"
  echo "  $(grep -m1 error "$work/err" | cut -c1-160)"
done
