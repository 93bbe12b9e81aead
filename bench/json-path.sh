#!/usr/bin/env bash
# Builds the widget with the bench-json feature into a scratch folder and
# times the catalog's load by step on the seed and synthetic catalogs,
# the 10,000-tool split index among them (median of runs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
OUT="$(mktemp -d)"
wasm_flags trunk build --release --offline --features bench-json --dist "$OUT" >/dev/null
for n in 100 1000 10000; do
  cargo run -q --release -p compare-domain --bin generate-catalog "$n" >"$OUT/cat$n.json"
done
cargo run -q --release -p compare-domain --bin generate-catalog -- --split 10000 "$OUT/split10000"
cp public/catalog.json "$OUT/seed.json"
echo "| catalog | text into Wasm | read | read, validate, index | text to validated catalog | JSON.parse (for scale) |"
echo "|---|---|---|---|---|---|"
node bench/json-path.mjs "$OUT"
