#!/usr/bin/env bash
# Large catalogs in the browser (issue 27): builds the sites of synthetic
# catalogs with a tools file (`generate-catalog --jsonl`) — 10,000 tools in
# one file and sharded (--shards-above 1000), 100,000 and 1,000,000 sharded
# (the default) — with the release `tool-compare`, and measures them against
# the seed's site (dist/) with bench/sharded.mjs. Also counts each site's
# files and its largest file. Writes bench/results/sharded.{json,md}.
# Needs scripts/build.sh first; ~5 GB of disk for the million.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
PROGRAM="$ROOT/target/cli/tool-compare"
[ -x "$PROGRAM" ] || { echo "no $PROGRAM: run scripts/build.sh first" >&2; exit 1; }
WORK="${BENCH_WORK:-$(mktemp -d)}"
cargo build -q --release -p compare-domain --bin generate-catalog

sites=("seed (8 tools, one file)=$ROOT/dist")
for spec in "10000 one-file" "10000 sharded --shards-above 1000" "100000 sharded" "1000000 sharded"; do
  read -r n kind options <<<"$spec"
  dir="$WORK/$n"
  [ -f "$dir/tools.jsonl" ] || target/release/generate-catalog --jsonl "$n" "$dir"
  # shellcheck disable=SC2086
  "$PROGRAM" build "$dir/catalog.json" --out "$dir/$kind" --no-precompress $options >/dev/null
  files=$(find "$dir/$kind" -type f | wc -l)
  largest=$(find "$dir/$kind" -type f -printf '%s\n' | sort -n | tail -1)
  say "$n tools, $kind: $files files, the largest $largest B"
  sites+=("$n tools, $kind ($files files)=$dir/$kind")
done
node bench/sharded.mjs bench/results "${sites[@]}"
