//! What only a browser does: the live widget's root and its mounting
//! (standalone page, script embed, taking over a pre-rendered card),
//! fetching, vote storage, the address bar and the iframe's height.
//! Compiled only into the Wasm build. (A panic aborts the instance at once;
//! `embed.js` tells the reader and offers a fresh one.)

#[cfg(feature = "bench-json")]
pub mod bench_json;
pub mod collector;
pub mod config;
#[cfg(debug_assertions)]
pub mod dev_panics;
pub mod embed;
pub mod fetch;
pub mod handover;
pub mod host;
pub mod iframe_height;
pub mod page_url;
pub mod session;
#[cfg(shards)]
pub mod shard_files;
pub mod share;
pub mod tool_files;
pub mod vote_storage;
pub mod widget;

use std::any::Any;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

use crate::browser::config::WidgetConfig;
use crate::browser::fetch::mark;
use crate::browser::handover::Handover;
use crate::browser::host::HostElement;
use crate::browser::widget::Widget;
use crate::ui::page_hooks::PageHooks;
use crate::ui::scorecard::ExpandedAtStart;

/// `performance.mark` set each time a complete card (both tools loaded) is
/// in the document; the first one is the benchmark's time to card.
pub const CARD_RENDERED_MARK: &str = "tool-compare:card-rendered";

/// Mounts a live widget into `host` (into its shadow root, if it has one),
/// taking over the pre-rendered card there if there is one. Dropping the
/// result unmounts the widget and disposes its reactive state.
pub fn mount(host: &HtmlElement, config: WidgetConfig) -> Result<Box<dyn Any>, JsValue> {
    let (container, handover, expanded) = match Handover::prepare(host) {
        Some((handover, container, expanded)) => (container, Some(handover), expanded),
        None => (fresh_container(host)?, None, HashSet::new()),
    };
    #[cfg(shards)]
    let carried = shard_files::CarriedTools(handover.as_ref().map(Handover::carried_tools).unwrap_or_default());
    let ready_host = SendWrapper::new(host.clone());
    let ready = AtomicBool::new(false);
    let hooks = PageHooks {
        pair_href: Arc::new(page_url::query_for_pair),
        shown: Arc::new(move |card| {
            if card {
                mark(CARD_RENDERED_MARK);
            }
            match &handover {
                Some(handover) => handover.complete(),
                None if !ready.swap(true, Ordering::Relaxed) => handover::dispatch_ready(&ready_host),
                None => {}
            }
        }),
        fetch_tools: Arc::new(tool_files::request),
        #[cfg(shards)]
        fetch_names: Arc::new(shard_files::request_names),
        #[cfg(shards)]
        fetch_curated: Arc::new(shard_files::request_curated),
    };
    let context = HostElement::new(host.clone());
    let mounted = leptos::mount::mount_to(container, move || {
        provide_context(context);
        provide_context(hooks);
        provide_context(StoredValue::new(ExpandedAtStart(expanded)));
        #[cfg(shards)]
        provide_context(carried);
        view! { <Widget config /> }
    });
    Ok(Box::new(mounted))
}

/// Replaces a placeholder with an empty container; style sheets linked in
/// the shadow root stay.
fn fresh_container(host: &HtmlElement) -> Result<HtmlElement, JsValue> {
    let root: web_sys::Node = match host.shadow_root() {
        Some(shadow) => shadow.into(),
        None => host.clone().into(),
    };
    let children = root.child_nodes();
    for i in (0..children.length()).rev() {
        let Some(child) = children.item(i) else { continue };
        let is_style_sheet =
            child.dyn_ref::<web_sys::Element>().is_some_and(|el| el.tag_name().eq_ignore_ascii_case("link"));
        if !is_style_sheet {
            root.remove_child(&child)?;
        }
    }
    let container: HtmlElement = document().create_element("div")?.unchecked_into();
    root.append_child(&container)?;
    Ok(container)
}

/// The standalone page (`index.html` and the pages of curated pairs):
/// settings come from its address. On any other page (loaded by
/// `embed.js`) there is no such element, and the embed script mounts
/// widgets itself through [`embed::mount_embed`].
pub fn start_standalone_page() {
    let Some(host) = document()
        .query_selector("[data-tool-compare-page]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    if page_url::is_iframe_embed() {
        iframe_height::report_height_to_parent(&host);
    }
    // In a task of its own, not the one that instantiated the Wasm: two
    // shorter tasks, as in `CatalogSession::start`.
    set_timeout(
        move || {
            if let Ok(mounted) = mount(&host, WidgetConfig::from_page_url()) {
                // The widget lives as long as the page.
                std::mem::forget(mounted);
            }
        },
        Duration::ZERO,
    );
}
