#!/usr/bin/env bash
# Large catalogs in the browser (issue 27): builds the sites of synthetic
# catalogs with a tools file (`generate-catalog --jsonl`) — 10,000 tools in
# one file and sharded (--shards-above 1000), 100,000 and 1,000,000 sharded
# (the default), and the million with the seed's 6 curated pairs instead of
# 1,000 — with the release `tool-compare`, and measures them against
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
# The million again with as many curated pairs as the seed (6): before the
# manifest kept only the first 8 curated pairs, it grew with the curation;
# the two rows now show that it does not.
few="$WORK/1000000-curated-6"
mkdir -p "$few"
ln -sf "$WORK/1000000/tools.jsonl" "$few/tools.jsonl"
node -e 'const fs = require("fs"); const [from, to] = process.argv.slice(1);
  const catalog = JSON.parse(fs.readFileSync(from, "utf8")); catalog.comparisons = catalog.comparisons.slice(0, 6);
  fs.writeFileSync(to, JSON.stringify(catalog));' "$WORK/1000000/catalog.json" "$few/catalog.json"
"$PROGRAM" build "$few/catalog.json" --out "$few/sharded" --no-precompress >/dev/null
sites+=("1000000 tools, sharded, the seed's 6 curated pairs ($(find "$few/sharded" -type f | wc -l) files)=$few/sharded")
node bench/sharded.mjs bench/results "${sites[@]}"
