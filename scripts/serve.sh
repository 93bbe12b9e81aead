#!/usr/bin/env bash
# Serves the bundled catalog's site at http://127.0.0.1:8080/ with
# `tool-compare serve`, rebuilding it when public/catalog.json changes.
# Usage: scripts/serve.sh [--release]
# Without --release: a development build of the widget (its panics reach the
# console with their message and place), rebuilt by `trunk watch` whenever
# its code changes; the site follows each widget build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
if [[ " $* " == *" --release "* ]]; then
  scripts/build.sh
  say "serving dist/ on http://127.0.0.1:8080/ (Ctrl-C stops)"
  exec target/cli/tool-compare serve dist --port 8080 --watch public/catalog.json
fi
say "the development build of the widget (target/dev-widget/)"
wasm_dev_flags trunk build --offline --dist target/dev-widget
cargo build --quiet -p tool-compare-site
wasm_dev_flags trunk watch --offline --dist target/dev-widget --ignore dist --ignore target >/dev/null 2>&1 &
trap 'kill $! 2>/dev/null' EXIT
say "serving on http://127.0.0.1:8080/ (Ctrl-C stops)"
target/debug/tool-compare serve target/dev-dist --port 8080 --watch public/catalog.json \
  --widget-dir target/dev-widget --no-precompress
