#!/usr/bin/env bash
# Serves the standalone widget with the bundled catalog, rebuilding and
# reloading the page on every change. Usage: scripts/serve.sh [--release]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
say "serving on http://127.0.0.1:8080/ (Ctrl-C stops)"
# A release build is the shipped one; a development build keeps panic
# messages for the console (scripts/wasm-build-flags.sh).
if [[ " $* " == *" --release "* ]]; then
  wasm_flags trunk serve --offline "$@"
else
  wasm_dev_flags trunk serve --offline "$@"
fi
