# The Wasm release's size settings: `wasm_flags trunk build --release` runs a
# Trunk build with them (every script's build does; setup.sh defines it).
# They rebuild the standard library for the Wasm with what the widget does
# not need left out (what each saves: bench/README.md, "Size diet"):
# - panics abort at once, without formatting a message: the trap reaches
#   the page as a WebAssembly.RuntimeError, which embed.js reports to the
#   reader with "Try again" (a panic message would only name a line);
# - no source locations in the binary. (Not `-Zfmt-debug=none`: it would
#   empty every `{:?}`, and so the quoted values in the messages that tell
#   a site owner what is wrong.)
# - Leptos erases component types (`erase_components`): fewer distinct views.
# - LLVM inlines only what is always inlined: the view code is many small
#   closures that each inline the same Leptos calls.
# Stable Rust accepts these with RUSTC_BOOTSTRAP=1, as scripts/fuzz.sh
# already relies on; they need the `rust-src` component (setup.sh adds it).
# Only the command given sees them, and of its builds only the wasm32
# target (the build-std setting would apply to any target, so native builds
# such as the site builder's run without these flags).
wasm_flags() {
  env RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none --cfg erase_components -Cllvm-args=-inline-threshold=0 -Cllvm-args=-inlinehint-threshold=0" \
    "$@"
}

# Development builds (`scripts/serve.sh` without --release): std as shipped,
# so that a panic reaches the console with its message and place
# (`browser::dev_panics`) instead of a bare "unreachable".
wasm_dev_flags() {
  env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components" "$@"
}
