#!/usr/bin/env bash
# Builds the widget with the bench-json feature into a scratch folder and
# times both JSON paths on the seed and synthetic catalogs (median of runs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
OUT="$(mktemp -d)"
wasm_flags trunk build --release --offline --features bench-json --dist "$OUT" >/dev/null
for n in 100 1000 10000; do
  cargo run -q --release -p compare-domain --bin generate-catalog "$n" >"$OUT/cat$n.json"
done
cp public/catalog.json "$OUT/seed.json"
node bench/json-path.mjs "$OUT"
