#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): pre-renders the pages, card
# fragments, style sheet and embed.js into the staging folder with the same
# components compiled natively, then minifies embed.js and the widget's
# style sheet and, in release builds, shortens the names the Wasm and its
# JS share and minifies that JS (development builds keep wasm-bindgen's
# names, for debugging). The Wasm's
# build-std setting (scripts/wasm-build-flags.sh) is cleared: the
# pre-render is a native build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
env -u CARGO_UNSTABLE_BUILD_STD -u RUSTC_BOOTSTRAP cargo run --quiet --features ssr --bin prerender -- site
node scripts/minify.mjs "$TRUNK_STAGING_DIR"
if [ "${TRUNK_PROFILE:-}" = release ]; then
  node scripts/shrink-glue.mjs "$TRUNK_STAGING_DIR"
fi
