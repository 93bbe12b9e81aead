//! The widget's Leptos components, shared by both renderings: compiled to
//! Wasm they run in the browser (`csr`), compiled natively they render the
//! same card to HTML (`ssr`, see `crate::prerender`). What differs between
//! the two comes in by context ([`page_hooks::PageHooks`]); nothing here
//! touches the browser except from event handlers and effects, which never
//! run while rendering to HTML.

pub mod card;
pub mod comparison;
pub mod cta;
pub mod fetch_failure;
pub mod html_text;
pub mod ids;
pub mod loadable;
// Only the widget build for sharded catalogs has a name index.
#[cfg(shards)]
pub mod name_index;
pub mod page_hooks;
pub mod pair_files;
pub mod picker;
pub mod picker_keys;
pub mod prerender_mode;
pub mod scorecard;
pub mod search;
pub mod share;
pub mod share_code;
pub mod state;
pub mod status;
pub mod tool_details;
pub mod votes;
