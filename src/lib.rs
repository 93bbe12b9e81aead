#![recursion_limit = "256"]
//! The tool comparison widget. `ui` holds the Leptos components, shared by
//! both renderings; `browser` runs them live (the Wasm build, feature
//! `csr`); with `ssr` they render natively to HTML, which the site builder
//! (`crates/site`, the `tool-compare` program) does for pages, card
//! fragments and snippets.

// The browser glue needs Wasm-only crates (gloo-net, send_wrapper): a
// native build without `ssr` (plain `cargo check`) compiles the components
// alone.
#[cfg(all(target_arch = "wasm32", not(feature = "ssr")))]
pub mod browser;
pub mod ui;

#[cfg(all(target_arch = "wasm32", not(feature = "ssr")))]
pub use browser::{embed::mount_embed, embed::EmbeddedWidget, start_standalone_page};
