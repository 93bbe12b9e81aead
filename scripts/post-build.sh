#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): completes the widget's files, which
# the site builder embeds. It minifies the templates of embed.js and of the
# card's style sheet into the staging folder (a site owner has no minifier;
# the site builder fills the template's names in), and in release builds
# takes out the exports of a dependency the widget never calls, shortens
# the names the Wasm and its JS share, minifies that JS and writes brotli
# and gzip copies of both (development builds keep wasm-bindgen's
# names, for debugging, and are compressed by the site builder).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
node scripts/minify.mjs "$TRUNK_STAGING_DIR"
if [ "${TRUNK_PROFILE:-}" = release ]; then
  node scripts/drop-unused-exports.mjs "$TRUNK_STAGING_DIR"
  node scripts/shrink-glue.mjs "$TRUNK_STAGING_DIR"
  node scripts/precompress.mjs "$TRUNK_STAGING_DIR"
fi
