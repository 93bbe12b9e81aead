#!/bin/sh
# Trunk post-build hook: writes dist/embed.js from embed/embed.js with the
# content-hashed names of this build's Wasm bundle filled in.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
js=$(cd "$dir" && ls tool-compare*.js | grep -v '^embed' | head -n 1)
wasm=$(cd "$dir" && ls tool-compare*_bg.wasm | head -n 1)
[ -n "$js" ] && [ -n "$wasm" ] || { echo "write-embed-js: no Wasm bundle in $dir" >&2; exit 1; }
sed -e "s|__WIDGET_JS__|./$js|" -e "s|__WIDGET_WASM__|./$wasm|" embed/embed.js >"$dir/embed.js"
