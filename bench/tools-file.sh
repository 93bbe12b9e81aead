#!/usr/bin/env bash
# Catalogs whose tools are in a JSON Lines file (`tools_file`): how long
# `tool-compare check` and `tool-compare build --no-precompress` take, and
# their peak memory, at 8 tools (the seed), 10,000, 100,000 and 1,000,000.
# Writes bench/results/tools-file.md. Needs the release build
# (scripts/build.sh: target/cli/tool-compare).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$ROOT"
PROGRAM="$ROOT/target/cli/tool-compare"
[ -x "$PROGRAM" ] || { echo "no $PROGRAM: run scripts/build.sh first" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cargo build -q --release -p compare-domain --bin generate-catalog

# Seconds, peak resident memory (MB) and the last line a command printed.
measure() {
  python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
# What it did (stdout's last line), or why it did not (stderr's).
said = (done.stdout if done.returncode == 0 else done.stderr).strip().splitlines()
print(f"{seconds:.2f}\t{peak:.0f}\t{done.returncode}\t{said[-1] if said else ''}")
EOF
}

node -e '
  const fs = require("fs");
  const { tools, ...catalog } = JSON.parse(fs.readFileSync("public/catalog.json", "utf8"));
  fs.mkdirSync(process.argv[1], { recursive: true });
  fs.writeFileSync(process.argv[1] + "/tools.jsonl", tools.map((t) => JSON.stringify(t)).join("\n") + "\n");
  fs.writeFileSync(process.argv[1] + "/catalog.json", JSON.stringify({ ...catalog, tools_file: "tools.jsonl" }));
' "$WORK/8"

RESULT="bench/results/tools-file.md"
{
  echo "Catalogs with a tools file (JSON Lines), measured $(date -u +%F) on $(nproc) CPUs; \`tool-compare\` release build. Time is wall clock, memory the peak resident set."
  echo
  echo "| tools | tools.jsonl | check: time | check: memory | build --no-precompress: time | build: memory | files | largest file | largest name shard (gzip) | build says |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$RESULT"
for n in 8 10000 100000 1000000; do
  dir="$WORK/$n"
  [ "$n" = 8 ] || target/release/generate-catalog --jsonl "$n" "$dir"
  size=$(du -h --apparent-size "$dir/tools.jsonl" | cut -f1)
  IFS=$'\t' read -r check_s check_mb check_rc _ < <(measure "$PROGRAM" check "$dir/catalog.json")
  [ "$check_rc" = 0 ] || { echo "check failed at $n tools" >&2; exit 1; }
  IFS=$'\t' read -r build_s build_mb _ build_said < <(measure "$PROGRAM" build "$dir/catalog.json" --out "$dir/site" --no-precompress)
  build_said="${build_said//$dir\//}"
  build_said="${build_said//|/\\|}"
  files=$(find "$dir/site" -type f | wc -l)
  largest=$(find "$dir/site" -type f -printf '%s\n' | sort -n | tail -1)
  names="—"
  if [ -d "$dir/site/shards/names" ]; then
    names=$(find "$dir/site/shards/names" -type f -exec sh -c 'gzip -9 -c "$1" | wc -c' _ {} \; | sort -n | tail -1)
    names="$names B"
  fi
  echo "| $n | $size | ${check_s} s | ${check_mb} MB | ${build_s} s | ${build_mb} MB | $files | $largest B | $names | ${build_said#*: } |" >>"$RESULT"
  say "$n tools: check ${check_s} s, ${check_mb} MB; build ${build_s} s, ${build_mb} MB"
  rm -rf "$dir"
done
cat "$RESULT"
