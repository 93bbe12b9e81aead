#!/usr/bin/env bash
# Runs Schemathesis against a running collector (target/debug/tool-compare-votes,
# the bundled catalog) on SQLite and, where TOOL_COMPARE_VOTES_POSTGRES names
# a server, on PostgreSQL: every answer must conform to the OpenAPI
# description it serves at v1/openapi.json (status codes, content types,
# bodies, the documented headers) and none may be a server error. The seed
# is fixed, so that a run is repeatable. Prints "openapi: N passed, M failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
BIN="$ROOT/target/debug/tool-compare-votes"
[ -x "$BIN" ] || cargo build --quiet -p tool-compare-votes
WORK="$(mktemp -d)"
COLLECTOR=""
cleanup() {
  if [ -n "$COLLECTOR" ]; then kill "$COLLECTOR" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

databases=("sqlite:$WORK/votes.db")
if [ -n "${TOOL_COMPARE_VOTES_POSTGRES:-}" ]; then
  name="openapi_check_$$"
  psql "$TOOL_COMPARE_VOTES_POSTGRES" -q -c "CREATE DATABASE $name"
  databases+=("${TOOL_COMPARE_VOTES_POSTGRES%/*}/$name")
fi

passed=0 failed=0
for database in "${databases[@]}"; do
  # A low limit, so that refusals with Retry-After are checked too.
  "$BIN" serve --listen 127.0.0.1:0 --database "$database" --catalog public/catalog.json \
    --allow-origin https://blog.example.com --rate-limit 200 >"$WORK/collector.out" 2>"$WORK/collector.err" &
  COLLECTOR=$!
  for _ in $(seq 100); do
    grep -q 'listening on' "$WORK/collector.out" 2>/dev/null && break
    sleep 0.1
  done
  url="$(grep -o 'http://[^/]*/' "$WORK/collector.out")"
  say "Schemathesis against ${url}v1/openapi.json (${database%%:*})"
  if "$TOOLS/schemathesis/bin/schemathesis" run "${url}v1/openapi.json" --seed 28 --max-examples 150 \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method \
    --no-color >"$WORK/schemathesis.txt" 2>&1; then
    passed=$((passed + 1))
    grep -E "generated|No issues" "$WORK/schemathesis.txt"
  else
    failed=$((failed + 1))
    cat "$WORK/schemathesis.txt" "$WORK/collector.err" >&2
  fi
  kill "$COLLECTOR"
  wait "$COLLECTOR" 2>/dev/null || true
  COLLECTOR=""
done
echo "openapi: $passed passed, $failed failed"
[ "$failed" = 0 ]
