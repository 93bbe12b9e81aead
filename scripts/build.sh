#!/usr/bin/env bash
# Builds the release into dist/ (what a site owner publishes), with the
# Wasm size settings of scripts/wasm-build-flags.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
wasm_flags trunk build --release --offline "$@"
