#!/usr/bin/env bash
# Fuzzes parsing, validation, statistics and vote decoding with libFuzzer
# (cargo fuzz). Usage: scripts/fuzz.sh [runs]  (default 10,000,000).
# The corpus starts from fuzz/seeds/ (the real catalog among them); crashes
# land in fuzz/artifacts/catalog/ with the input that caused them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
RUNS="${1:-10000000}"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
mkdir -p "$ROOT/fuzz/corpus/catalog"
cp -n "$ROOT"/fuzz/seeds/* "$ROOT/fuzz/corpus/catalog/"
cd "$ROOT"
# The toolchain here is stable: RUSTC_BOOTSTRAP lets cargo fuzz pass its
# unstable flags, and no sanitizer is needed for safe Rust.
RUSTC_BOOTSTRAP=1 cargo fuzz run catalog fuzz/corpus/catalog --sanitizer none --release -- \
  -runs="$RUNS" -timeout=10 -print_final_stats=1
