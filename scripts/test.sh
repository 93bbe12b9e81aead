#!/usr/bin/env bash
# Runs every test: the native tests (domain, components, site builder, vote
# collector), then the release build (the widget, the site builder, the
# bundled catalog's site, the packages) and the browser tests in headless
# Chromium, which also install the packages as a site owner does. Ends with
# one summary line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
# The vote collector's tests run against PostgreSQL too, and behind nginx.
source "$ROOT/scripts/postgres-for-tests.sh"
start_test_postgres
export TOOL_COMPARE_NGINX="${TOOL_COMPARE_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

LOG="$(mktemp -d)"
native=fail browser=fail build=fail
native_passed=0 native_failed=0 browser_passed=0 browser_failed=0

say "native tests (cargo test --workspace: the domain, the components, the site builder and the vote collector; the domain again as the small sites' widget has it, without shards), cargo clippy, cargo fmt --check, and tsc on embed.js"
if { cargo test --workspace && TOOL_COMPARE_WIDGET_SHARDS=0 cargo test -p compare-domain --lib; } 2>&1 | tee "$LOG/native.txt" &&
  cargo build --quiet -p tool-compare-votes &&
  cargo clippy --quiet --workspace --all-targets -- -D warnings &&
  cargo fmt --all --check &&
  rustfmt --check --edition 2021 fuzz/fuzz_targets/*.rs &&
  tests/e2e/node_modules/.bin/tsc -p embed/tsconfig.json; then native=ok; fi
native_passed=$(awk '/^test result:/ { s += $4 } END { print s + 0 }' "$LOG/native.txt")
native_failed=$(awk '/^test result:/ { s += $6 } END { print s + 0 }' "$LOG/native.txt")

say "the collector against its OpenAPI description (Schemathesis, SQLite and PostgreSQL)"
scripts/openapi-check.sh 2>&1 | tee "$LOG/openapi.txt" || native=fail
native_passed=$((native_passed + $(awk '/^openapi:/ { n = $2 } END { print n + 0 }' "$LOG/openapi.txt")))
# No summary line: the check itself broke, which counts as a failure.
native_failed=$((native_failed + $(awk '/^openapi:/ { n = $4; seen = 1 } END { print seen ? n : 1 }' "$LOG/openapi.txt")))

say "release build (scripts/build.sh: the widget, tool-compare with it inside, dist/ from public/catalog.json)"
if scripts/build.sh >"$LOG/build.txt" 2>&1; then
  build=ok
  tail -n 1 "$LOG/build.txt"
fi

say "packages (scripts/package.sh → target/package/)"
if [ "$build" = ok ] && ! scripts/package.sh >"$LOG/package.txt" 2>&1; then
  build=fail
  cat "$LOG/package.txt" >&2
fi

say "development build (target/dev-dist: the widget with panic messages, as scripts/serve.sh serves it)"
if [ "$build" = ok ] && ! { wasm_dev_flags trunk build --offline --dist target/dev-widget >"$LOG/dev-build.txt" 2>&1 &&
  target/cli/tool-compare build public/catalog.json --out target/dev-dist --widget-dir target/dev-widget \
    --no-precompress >>"$LOG/dev-build.txt" 2>&1; }; then
  build=fail
  cat "$LOG/dev-build.txt" >&2
fi

if [ "$build" = ok ]; then
  say "browser tests against dist/ (headless Chromium)"
  if (cd tests/e2e && node --test --test-concurrency=1 ./*.test.mjs) 2>&1 | tee "$LOG/browser.txt"; then browser=ok; fi
  browser_passed=$(awk '/^# pass / { print $3 }' "$LOG/browser.txt")
  browser_failed=$(awk '/^# fail / { print $3 }' "$LOG/browser.txt")
else
  cat "$LOG/build.txt" >&2
fi

echo
say "native: $native ($native_passed passed, $native_failed failed); release and development builds, packages: $build; browser: $browser ($browser_passed passed, $browser_failed failed)"
build_failed=$([ "$build" = ok ] && echo 0 || echo 1)
echo "$((native_passed + browser_passed)) passed, $((native_failed + browser_failed + build_failed)) failed"
[ "$native" = ok ] && [ "$build" = ok ] && [ "$browser" = ok ]
