#!/usr/bin/env bash
# The vote collector under load, on this machine with the load generator on
# it (crates/votes/examples/votes_load.rs: keep-alive HTTP/1.1, one change
# at a time per connection; with a rate, latency counted from when each
# change was due). For SQLite and PostgreSQL, for this tree's collector and
# for the one before counts per pair and group commit (BEFORE_REV, built
# in a worktree; BEFORE_REV= skips it):
#   - the most changes per second (256 connections);
#   - p50/p99 at 5,000 changes/s offered;
#   - a pair holding 1,000,000 votes: one vote and one tally at a time, and
#     5,000 changes/s offered on that pair;
#   - three instances on one PostgreSQL, started together: combined
#     changes/s, and the tallies against a recount;
# then bench/votes-load.mjs: a kill -9 halfway, nothing acknowledged lost.
# Writes bench/results/votes-load.json and votes-load.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
source scripts/postgres-for-tests.sh
start_test_postgres
BEFORE_REV="${BEFORE_REV-7f62c5c}"
cargo build --quiet --release -p tool-compare-votes --bin tool-compare-votes --example votes_load
BIN="$ROOT/target/release/tool-compare-votes"
LOAD="$ROOT/target/release/examples/votes_load"
WORK="$(mktemp -d)"
RESULTS="$ROOT/bench/results"
cleanup() {
  stop_all
  if [ -d "$WORK/before-tree" ]; then git worktree remove --force "$WORK/before-tree" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

BEFORE_BIN=""
if [ -n "$BEFORE_REV" ]; then
  say "building the collector of $BEFORE_REV (before)"
  git worktree add --detach "$WORK/before-tree" "$BEFORE_REV" >/dev/null 2>&1
  cargo build --quiet --release --manifest-path "$WORK/before-tree/Cargo.toml" -p tool-compare-votes \
    --target-dir "$ROOT/target/bench-before"
  BEFORE_BIN="$ROOT/target/bench-before/release/tool-compare-votes"
fi

# 100 tools: 4,950 pairs.
cargo run --quiet --release -p compare-domain --bin generate-catalog 100 >"$WORK/catalog.json"
TOOLS="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).tools.map((t) => t.id).join(","))' "$WORK/catalog.json")"
HOT_A=tool-00000 HOT_B=tool-00001

# start <binary> <database>: one collector; prints its URL.
start() {
  local out
  out="$(mktemp "$WORK/collector.XXXXXX")"
  "$1" serve --listen 127.0.0.1:0 --database "$2" --catalog "$WORK/catalog.json" --rate-limit 0 >"$out" 2>>"$WORK/collectors.err" &
  echo $! >>"$WORK/pids"
  for _ in $(seq 300); do
    grep -q 'listening on' "$out" 2>/dev/null && break
    sleep 0.1
  done
  grep -o 'http://[^/]*/' "$out"
}
stop_all() { # every collector started, stopped and waited for
  [ -f "$WORK/pids" ] || return 0
  while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$WORK/pids"
  while read -r pid; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done <"$WORK/pids"
  rm -f "$WORK/pids"
}
fresh_db() { # <sqlite|postgresql> <name>
  if [ "$1" = sqlite ]; then
    echo "sqlite:$WORK/$2.db"
  else
    psql "$TOOL_COMPARE_VOTES_POSTGRES" -q -c "CREATE DATABASE $2"
    echo "${TOOL_COMPARE_VOTES_POSTGRES%/*}/$2"
  fi
}
sql() { # <database> <statement>
  if [[ "$1" == sqlite:* ]]; then sqlite3 "${1#sqlite:}" "$2"; else psql "$1" -qAt -c "$2"; fi
}
# A pair with 1,000,000 votes, written straight into the tables (and into
# the per-pair counts where the collector keeps them).
fill_hot_pair() { # <database>
  local rows
  if [[ "$1" == sqlite:* ]]; then
    rows="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) SELECT '$HOT_A', '$HOT_B', printf('hot-%07d', i), CASE WHEN i % 3 = 0 THEN '$HOT_A' ELSE '$HOT_B' END FROM n"
  else
    rows="SELECT '$HOT_A', '$HOT_B', 'hot-' || i, CASE WHEN i % 3 = 0 THEN '$HOT_A' ELSE '$HOT_B' END FROM generate_series(1, 1000000) AS i"
  fi
  sql "$1" "INSERT INTO votes (tool_a, tool_b, voter, choice) $rows"
  if sql "$1" "SELECT COUNT(*) FROM pair_counts" >/dev/null 2>&1; then
    sql "$1" "DELETE FROM pair_counts WHERE tool_a = '$HOT_A' AND tool_b = '$HOT_B'"
    sql "$1" "INSERT INTO pair_counts (tool_a, tool_b, votes_a, votes_b) SELECT tool_a, tool_b, SUM(CASE WHEN choice = tool_a THEN 1 ELSE 0 END), SUM(CASE WHEN choice = tool_b THEN 1 ELSE 0 END) FROM votes WHERE tool_a = '$HOT_A' AND tool_b = '$HOT_B' GROUP BY tool_a, tool_b"
  fi
}
mismatched_pairs() { # <database>: pairs whose kept counts differ from a recount
  sql "$1" "SELECT COUNT(*) FROM (SELECT tool_a, tool_b, SUM(CASE WHEN choice = tool_a THEN 1 ELSE 0 END) AS a, SUM(CASE WHEN choice = tool_b THEN 1 ELSE 0 END) AS b FROM votes GROUP BY tool_a, tool_b) AS r LEFT JOIN pair_counts AS p ON p.tool_a = r.tool_a AND p.tool_b = r.tool_b WHERE p.votes_a IS NULL OR p.votes_a <> r.a OR p.votes_b <> r.b"
}

# cpu_of <command…>: runs it; prints its JSON with, added, the collectors'
# CPU (cores busy on average) and the whole machine's, to show what bounds
# a figure.
cpu_of() {
  local pids t0 t1 idle0 idle1 busy0=0 busy1=0 pid json
  pids="$(cat "$WORK/pids")"
  read -r _ u n s i w x y z _ </proc/stat
  t0=$((u + n + s + i + w + x + y + z)) idle0=$((i + w))
  for pid in $pids; do busy0=$((busy0 + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done
  json="$("$@")"
  read -r _ u n s i w x y z _ </proc/stat
  t1=$((u + n + s + i + w + x + y + z)) idle1=$((i + w))
  for pid in $pids; do busy1=$((busy1 + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done
  node -e 'const [j, busy, total, idle, cores] = process.argv.slice(1).map((v, k) => (k ? Number(v) : v));
    const o = JSON.parse(j);
    o.collectorCores = Number(((busy / total) * cores).toFixed(2));
    o.machineBusyPercent = Math.round(100 - (100 * idle) / total);
    console.log(JSON.stringify(o));' "$json" "$((busy1 - busy0))" "$((t1 - t0))" "$((idle1 - idle0))" "$(nproc)"
}

ROWS="$WORK/rows.jsonl"
: >"$ROWS"
record() { # <collector> <database kind> <case> <votes_load JSON>
  node -e 'const [c, d, k, j] = process.argv.slice(1); console.log(JSON.stringify({ collector: c, database: d, case: k, ...JSON.parse(j) }))' "$@" >>"$ROWS"
  echo "  $1 $2 $3: $4"
}

for kind in sqlite postgresql; do
  for who in after before; do
    bin="$BIN"
    if [ "$who" = before ]; then
      [ -n "$BEFORE_BIN" ] || continue
      bin="$BEFORE_BIN"
    fi
    say "$who, $kind"
    db="$(fresh_db "$kind" "votes_${who}_$$")"
    url="$(start "$bin" "$db")"
    record "$who" "$kind" "most changes/s (256 connections)" "$(cpu_of "$LOAD" --url "$url" --tools "$TOOLS" --changes 60000 --connections 256 --seed 1)"
    record "$who" "$kind" "5,000 changes/s offered" "$("$LOAD" --url "$url" --tools "$TOOLS" --changes 50000 --connections 128 --rate 5000 --seed 2)"
    stop_all
    fill_hot_pair "$db"
    url="$(start "$bin" "$db")"
    hot=(--url "$url" --pair "$HOT_A,$HOT_B")
    many=2000
    [ "$who" = before ] && many=20
    record "$who" "$kind" "pair of 1,000,000 votes: one vote at a time" "$("$LOAD" "${hot[@]}" --changes "$many" --connections 1 --seed 3)"
    record "$who" "$kind" "pair of 1,000,000 votes: one tally at a time" "$("$LOAD" "${hot[@]}" --changes "$many" --connections 1 --tally)"
    if [ "$who" = after ]; then
      record "$who" "$kind" "pair of 1,000,000 votes: 5,000 changes/s offered" "$("$LOAD" "${hot[@]}" --changes 50000 --connections 128 --rate 5000 --seed 4)"
      record "$who" "$kind" "pair of 1,000,000 votes: most changes/s" "$(cpu_of "$LOAD" "${hot[@]}" --changes 60000 --connections 256 --seed 5)"
      stop_all
      echo "  pairs whose kept counts differ from a recount: $(mismatched_pairs "$db")"
    fi
    stop_all
  done
done

say "three instances on one PostgreSQL, started together"
db="$(fresh_db postgresql "votes_three_$$")"
for n in 1 2 3; do start "$BIN" "$db" >"$WORK/url-$n" & done
wait
urls="$(cat "$WORK"/url-* | paste -sd,)"
record after postgresql "three instances: most changes/s (256 connections)" "$(cpu_of "$LOAD" --url "$urls" --tools "$TOOLS" --changes 60000 --connections 256 --seed 6)"
record after postgresql "three instances: 5,000 changes/s offered" "$("$LOAD" --url "$urls" --tools "$TOOLS" --changes 50000 --connections 128 --rate 5000 --seed 7)"
three_mismatches="$(mismatched_pairs "$db")"
stop_all
echo "  pairs whose kept counts differ from a recount: $three_mismatches"

say "kill -9 halfway (bench/votes-load.mjs)"
node bench/votes-load.mjs "$BIN" "sqlite:$WORK/kill.db" sqlite "$WORK" "$WORK/catalog.json"
db="$(fresh_db postgresql "votes_kill_$$")"
node bench/votes-load.mjs "$BIN" "$db" postgresql "$WORK" "$WORK/catalog.json"

node bench/votes-load-report.mjs "$ROWS" "$WORK/votes-load-sqlite.json" "$WORK/votes-load-postgresql.json" \
  "$three_mismatches" "$RESULTS"
