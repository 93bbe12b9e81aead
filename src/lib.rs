#![recursion_limit = "256"]
//! The tool comparison widget. `ui` holds the Leptos components, shared by
//! both renderings; `browser` runs them live (the Wasm build, feature
//! `csr`); `prerender` renders them natively to HTML (feature `ssr`): the
//! snippet command and the pages and card fragments of the release build.

#[cfg(not(feature = "ssr"))]
pub mod browser;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod ui;

#[cfg(not(feature = "ssr"))]
pub use browser::{embed::mount_embed, embed::EmbeddedWidget, start_standalone_page};
