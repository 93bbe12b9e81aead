#!/usr/bin/env bash
# Builds the widget's Wasm with the bench-json feature into a scratch folder
# (as Trunk builds it, but by hand: Trunk's link asks for `csr` alone) and
# times the catalog's load by step on the seed and synthetic catalogs, the
# 10,000-tool split index among them (median of runs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
OUT="$(mktemp -d)"
wasm_flags cargo build -q --release --target wasm32-unknown-unknown --bin tool-compare-widget --no-default-features --features csr,bench-json
wasm-bindgen --target web --out-dir "$OUT" target/wasm32-unknown-unknown/release/tool-compare-widget.wasm
wasm-opt -Oz --low-memory-unused --converge "$OUT/tool-compare-widget_bg.wasm" -o "$OUT/tool-compare-widget-0000000000000000_bg.wasm"
mv "$OUT/tool-compare-widget.js" "$OUT/tool-compare-widget-0000000000000000.js"
echo '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>JSON path</title></head><body></body></html>' >"$OUT/index.html"
for n in 100 1000 10000; do
  cargo run -q --release -p compare-domain --bin generate-catalog "$n" >"$OUT/cat$n.json"
done
cargo run -q --release -p compare-domain --bin generate-catalog -- --split 10000 "$OUT/split10000"
cp public/catalog.json "$OUT/seed.json"
echo "| catalog | text into Wasm | read | read, validate, index | text to validated catalog | JSON.parse (for scale) |"
echo "|---|---|---|---|---|---|"
node bench/json-path.mjs "$OUT"
