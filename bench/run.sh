#!/usr/bin/env bash
# The performance benchmark (not part of the tests): builds the release,
# generates synthetic catalogs, measures in headless Chromium and writes
# bench/results/latest.json and latest.md, then the pre-rendered cards'
# figures (bench/results/prerender.{json,md}), the phone profile's
# (phone.{json,md}), Lighthouse's (lighthouse.{json,md}), the site
# builder's (site-build.{json,md}), the vote collector's under load
# (votes-load.md) and catalogs with a tools file (tools-file.md). BENCH_RUNS=N changes the runs; BENCH_BEFORE=<dist of an
# older build> also measures that build's pages in the same run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
say "release build (the widget, tool-compare, dist/, the packages)"
scripts/build.sh >/dev/null
scripts/package.sh >/dev/null
CATALOGS="$(mktemp -d)"
cp public/catalog.json "$CATALOGS/seed.json"
for n in 100 1000 10000; do
  cargo run -q --release -p compare-domain --bin generate-catalog "$n" >"$CATALOGS/cat$n.json"
done
cargo run -q --release -p compare-domain --bin generate-catalog -- --split 10000 "$CATALOGS/split10000"
say "measuring (takes a few minutes)"
node bench/bench.mjs "$ROOT/dist" "$CATALOGS" "$ROOT/bench/results"
node bench/prerender.mjs "$ROOT/dist" "$ROOT/bench/results" ${BENCH_BEFORE:+--before "$BENCH_BEFORE"}
node bench/widgets-memory.mjs "$ROOT/dist" "$CATALOGS/cat10000.json"
node bench/phone.mjs "$ROOT/dist" "$ROOT/bench/results" ${BENCH_BEFORE:+--before "$BENCH_BEFORE"}
node bench/phone.mjs "$ROOT/dist" "$ROOT/bench/results" ${BENCH_BEFORE:+--before "$BENCH_BEFORE"} --tap-after 500 --name phone-reader
node bench/lighthouse.mjs "$ROOT/dist" "$ROOT/bench/results"
node bench/site-build.mjs "$ROOT/target/cli/tool-compare" "$CATALOGS" "$ROOT/bench/results"
bash "$ROOT/bench/votes-load.sh"
bash "$ROOT/bench/tools-file.sh"
