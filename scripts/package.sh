#!/usr/bin/env bash
# Packages `tool-compare` for site owners into target/package/:
# - tool-compare-<version>.tgz, an npm package (`npm install
#   ./tool-compare-<version>.tgz`, then `npx tool-compare …`) whose `bin` is
#   a small Node shim that starts the native program inside the package
#   (native/linux-x64/tool-compare); on another platform it installs all
#   the same and the shim names the supported platforms. The program is inside, not in a platform package fetched
#   from a registry, so that installing needs nothing but the file;
# - tool-compare-<version>-x86_64-unknown-linux-gnu.tar.gz: the program,
#   the README and the licences.
# Takes the program scripts/build.sh built (target/cli/tool-compare), or the
# one TOOL_COMPARE_BIN names, and refuses one without the widget inside.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${TOOL_COMPARE_BIN:-$ROOT/target/cli/tool-compare}"
VERSION="$(awk -F'"' '/^version/ { print $2; exit }' crates/site/Cargo.toml)"
TRIPLE="x86_64-unknown-linux-gnu"
OUT="$ROOT/target/package"

if [ ! -x "$BIN" ]; then
  echo "package.sh: no program at $BIN: run scripts/build.sh first" >&2
  exit 1
fi
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
# A program that cannot build a site is no package.
if ! { "$BIN" new "$STAGE/check" && "$BIN" build "$STAGE/check/catalog.json" --out "$STAGE/check/site"; } \
  >"$STAGE/check.log" 2>&1; then
  cat "$STAGE/check.log" >&2
  exit 1
fi

rm -rf "$OUT"
mkdir -p "$OUT"

# The archive.
ARCHIVE="tool-compare-$VERSION-$TRIPLE"
mkdir -p "$STAGE/$ARCHIVE"
install -m 755 "$BIN" "$STAGE/$ARCHIVE/tool-compare"
install -m 644 README.md LICENSE "$STAGE/$ARCHIVE/"
install -m 644 assets/fonts/OFL.txt "$STAGE/$ARCHIVE/LICENSE-Inter-font.txt"
tar -C "$STAGE" --owner=0 --group=0 --numeric-owner --sort=name --mtime=@0 -czf "$OUT/$ARCHIVE.tar.gz" "$ARCHIVE"

# The npm package.
NPM="$STAGE/npm"
mkdir -p "$NPM/bin" "$NPM/native/linux-x64"
install -m 755 packaging/npm/tool-compare.js "$NPM/bin/tool-compare.js"
install -m 755 "$BIN" "$NPM/native/linux-x64/tool-compare"
install -m 644 README.md LICENSE "$NPM/"
install -m 644 assets/fonts/OFL.txt "$NPM/LICENSE-Inter-font.txt"
cat >"$NPM/package.json" <<JSON
{
  "name": "tool-compare",
  "version": "$VERSION",
  "description": "Turns a catalog of AI tools into a static site with an interactive comparison widget",
  "license": "MIT",
  "bin": { "tool-compare": "bin/tool-compare.js" },
  "files": ["bin", "native", "README.md", "LICENSE", "LICENSE-Inter-font.txt"],
  "engines": { "node": ">=18" }
}
JSON
(cd "$NPM" && npm pack --silent --pack-destination "$OUT" >/dev/null)

for file in "$OUT"/*; do
  printf '%s  %s bytes\n' "$(basename "$file")" "$(stat -c %s "$file")"
done
