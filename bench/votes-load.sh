#!/usr/bin/env bash
# The vote collector's load benchmark (bench/votes-load.mjs) on fresh SQLite
# and PostgreSQL databases; writes bench/results/votes-load-*.json and
# votes-load.md. LOAD_VOTERS and LOAD_CHANGES change its size.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
source scripts/postgres-for-tests.sh
start_test_postgres
cargo build --quiet --release -p tool-compare-votes
BIN="$ROOT/target/release/tool-compare-votes"
WORK="$(mktemp -d)"
RESULTS="$ROOT/bench/results"
# 100 tools: 4,950 pairs, so that the check right after the kill covers
# nearly all of them (those with a change in flight are left out).
cargo run --quiet --release -p compare-domain --bin generate-catalog 100 >"$WORK/catalog.json"

say "SQLite"
node bench/votes-load.mjs "$BIN" "sqlite:$WORK/votes.db" sqlite "$RESULTS" "$WORK/catalog.json"

say "PostgreSQL"
DB="votes_load_$$"
psql "$TOOL_COMPARE_VOTES_POSTGRES" -qc "CREATE DATABASE $DB"
node bench/votes-load.mjs "$BIN" "${TOOL_COMPARE_VOTES_POSTGRES%/*}/$DB" postgresql "$RESULTS" "$WORK/catalog.json"

node -e '
const fs = require("fs");
const rows = ["sqlite", "postgresql"].map((d) => JSON.parse(fs.readFileSync(`${process.argv[1]}/votes-load-${d}.json`, "utf8")));
const lines = [
  `Vote collector under load on loopback, measured ${rows[0].measured}: ${rows[0].voters} voters, each one change at a time, ${rows[0].changes} vote changes over ${rows[0].pairs} pairs, the collector killed with SIGKILL halfway and restarted. Right after the restart every pair without a change in flight is compared with what was acknowledged; then unanswered changes are sent again, as the widget does, and every tally is compared with what the sequence gives.`,
  "",
  "| database | changes/s | p50 | p99 | unanswered during the kill | pairs checked after the kill: lost | final tallies not as expected |",
  "|---|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.database} | ${r.changesPerSecond} | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.unansweredDuringKill} | ${r.pairsCheckedAfterKill}: ${r.pairsLostAfterKill} | ${r.tallyMismatches} of ${r.pairs} |`),
];
fs.writeFileSync(`${process.argv[1]}/votes-load.md`, lines.join("\n") + "\n");
console.log(lines.join("\n"));
' "$RESULTS"
rm -rf "$WORK"
