#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): pre-renders the pages, card
# fragments, style sheet and embed.js into the staging folder with the same
# components compiled natively, then minifies embed.js. The Wasm's
# build-std setting (scripts/wasm-build-flags.sh) is cleared: the
# pre-render is a native build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
env -u CARGO_UNSTABLE_BUILD_STD -u RUSTC_BOOTSTRAP cargo run --quiet --features ssr --bin prerender -- site
node scripts/minify-embed.mjs "$TRUNK_STAGING_DIR"
