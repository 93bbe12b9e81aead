#!/usr/bin/env bash
# The vote collector with a 1,000,000-tool catalog (issue 27): how long it
# takes to listen, its memory (resident, and the peak) once started and
# after the load, and the latency of vote changes on pairs spread over the
# whole catalog (votes_load: 20,000 changes offered at 1,000/s on pairs of
# 1,000 tools from every part of the million, SQLite).
# Writes bench/results/collector-large.md. BENCH_WORK keeps the catalog
# between runs (bench/sharded.sh writes the same one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
N="${BENCH_TOOLS:-1000000}"
WORK="${BENCH_WORK:-$(mktemp -d)}"
cargo build --quiet --release -p tool-compare-votes --bin tool-compare-votes --example votes_load
cargo build --quiet --release -p compare-domain --bin generate-catalog
dir="$WORK/$N"
[ -f "$dir/tools.jsonl" ] || target/release/generate-catalog --jsonl "$N" "$dir"
db="$WORK/collector-large.db"
rm -f "$db"*

memory() { # <pid>: resident and peak resident, MB
  awk '/VmRSS/ { r = $2 } /VmHWM/ { h = $2 } END { printf "%d MB (peak %d MB)", r / 1024, h / 1024 }' "/proc/$1/status"
}

out="$WORK/collector-large.out"
began=$(date +%s.%N)
target/release/tool-compare-votes serve --listen 127.0.0.1:0 --database "sqlite:$db" --catalog "$dir/catalog.json" \
  --rate-limit 0 >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until grep -q 'listening on' "$out"; do
  kill -0 $pid 2>/dev/null || { cat "$out" >&2; exit 1; }
  sleep 0.05
done
listening=$(awk -v a="$began" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
url="$(grep -o 'http://[^/]*/' "$out")"
started="$(memory $pid)"
tools="$(seq 0 $((N / 1000)) $((N - 1)) | awk '{ printf "%stool-%05d", (NR > 1 ? "," : ""), $1 }')"
load="$(target/release/examples/votes_load --url "$url" --tools "$tools" --changes 20000 --connections 32 --rate 1000 --seed 27)"
loaded="$(memory $pid)"
say "listening after ${listening} s, $started; after the load $loaded; $load"

node -e '
const [n, listening, started, loaded, load] = process.argv.slice(1);
const l = JSON.parse(load);
console.log(`The vote collector with a ${Number(n).toLocaleString("en")}-tool catalog (tools file), SQLite, measured ${new Date().toISOString().slice(0, 10)} on this 2-CPU machine (bench/collector-large.sh).

| listening after | memory once listening | memory after the load | changes | offered | p50 | p99 | max | refused |
|---|---|---|---|---|---|---|---|---|
| ${Number(listening).toFixed(1)} s | ${started} | ${loaded} | ${l.changes} | ${l.offeredPerSecond}/s | ${l.p50Ms} ms | ${l.p99Ms} ms | ${l.maxMs} ms | ${l.refused} |`);
' "$N" "$listening" "$started" "$loaded" "$load" >bench/results/collector-large.md
cat bench/results/collector-large.md
