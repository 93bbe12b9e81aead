#!/usr/bin/env bash
# Builds what a site owner gets and the project's own site:
# 1. the widget's files, the same for every site (trunk build --release, with
#    the Wasm size settings of scripts/wasm-build-flags.sh) → target/widget/,
#    and again with the `shards` feature for sharded catalogs'
#    sites → target/widget-shards/;
# 2. the site builder with those files inside (cargo build --profile cli)
#    → target/cli/tool-compare, which scripts/package.sh packages;
# 3. the site of the bundled catalog, as a site owner builds theirs
#    (tool-compare build public/catalog.json --out dist); options given to
#    this script go to that command (e.g. --site-url https://…/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

say "the widget's files (trunk build --release → target/widget/)"
wasm_flags trunk build --release --offline
# The same widget that also reads sharded catalogs: only their sites
# publish it (its Wasm is larger).
# (Trunk builds the features index.html names, and no others: the widget's
# build scripts read this variable instead.)
say "the widget for sharded catalogs (TOOL_COMPARE_WIDGET_SHARDS=1 trunk build --release → target/widget-shards/)"
TOOL_COMPARE_WIDGET_SHARDS=1 wasm_flags trunk build --release --offline --dist target/widget-shards

say "the site builder with the widget inside (cargo build --profile cli → target/cli/tool-compare)"
cargo build --quiet --profile cli -p tool-compare-site

# A dist/ from before the site builder (written by Trunk) lists no files of
# its own: it is this project's build output, so it goes.
if [ -d dist ] && [ ! -e dist/.tool-compare-files ]; then
  rm -rf dist
fi
say "the bundled catalog's site (tool-compare build public/catalog.json --out dist)"
target/cli/tool-compare build public/catalog.json --out dist "$@"
