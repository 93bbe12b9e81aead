#!/usr/bin/env bash
# Installs what building and testing the widget needs, skipping whatever is
# already present at the right version. Safe to run any number of times.
# Sourced by serve.sh and test.sh; run it alone to prepare a machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"
# Debian's wasm-opt 108 silently corrupts release builds; this one does not.
BINARYEN_VERSION="132.0.0"

export PATH="$TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

need_apt_update=1
apt_install() {
  if [ "$need_apt_update" = 1 ]; then
    apt-get update -qq
    need_apt_update=0
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup first" >&2
  exit 1
fi

# The pinned compiler (rust-toolchain.toml) with its Wasm target and the
# components the build and the checks use; rustup reads the file in $ROOT.
TOOLCHAIN="$(awk -F'"' '/^channel/ { print $2 }' "$ROOT/rust-toolchain.toml")"
toolchain_complete() {
  rustup run "$TOOLCHAIN" rustc --version >/dev/null 2>&1 || return 1
  rustup target list --installed --toolchain "$TOOLCHAIN" | grep -qx wasm32-unknown-unknown || return 1
  local installed component
  installed="$(rustup component list --installed --toolchain "$TOOLCHAIN")"
  for component in rust-src clippy rustfmt; do
    grep -q "^$component" <<<"$installed" || return 1
  done
}
if ! toolchain_complete; then
  say "installing Rust $TOOLCHAIN with the wasm32 target, rust-src, clippy and rustfmt (rust-toolchain.toml)"
  (cd "$ROOT" && rustup toolchain install)
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

WBG_VERSION="$(wasm_bindgen_version)"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG_VERSION" ]; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  # Not --locked: the crates mirror can lag one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "=$WBG_VERSION"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  apt_install nodejs npm
fi

if [ "$("$TOOLS/binaryen/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) into .tools/"
  mkdir -p "$TOOLS/binaryen"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

if ! command -v java >/dev/null; then
  say "installing Java for the HTML checker (vnu)"
  apt_install default-jre-headless
fi

if ! command -v chromium >/dev/null; then
  say "installing Chromium for the browser tests"
  apt_install chromium
fi

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  say "installing nginx (the collector's rate limit across instances is tested behind it)"
  apt_install nginx-light
fi

# Schemathesis checks the running collector against its OpenAPI description.
SCHEMATHESIS_VERSION=4.32.5
if [ "$("$TOOLS/schemathesis/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
  say "installing Schemathesis $SCHEMATHESIS_VERSION into .tools/ (a Python venv)"
  python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
  python3 -m venv "$TOOLS/schemathesis"
  "$TOOLS/schemathesis/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

E2E="$ROOT/tests/e2e"
if [ ! -d "$E2E/node_modules/playwright-core" ] || [ "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]; then
  say "installing the browser-test tools (playwright-core, axe-core, the HTML checker, Lighthouse)"
  npm ci --silent --no-audit --no-fund --prefix "$E2E" >/dev/null
fi

# shellcheck source=wasm-build-flags.sh
source "$ROOT/scripts/wasm-build-flags.sh"

# Trunk builds --offline, and the Wasm build rebuilds std, whose own
# dependencies (rust-src's library/Cargo.lock) no native build downloads.
if ! wasm_flags cargo fetch --offline --target wasm32-unknown-unknown --manifest-path "$ROOT/Cargo.toml" >/dev/null 2>&1; then
  say "downloading the crates of the Wasm build and of the standard library it rebuilds"
  wasm_flags cargo fetch --target wasm32-unknown-unknown --manifest-path "$ROOT/Cargo.toml"
fi
