//! The tool comparison widget: Leptos components over the browser-free
//! `compare-domain` crate. `main.rs` only calls [`start_standalone_page`].

mod app;
#[cfg(feature = "bench-json")]
mod bench_json;
mod card;
mod config;
mod fetch;
mod host;
mod ids;
mod page_url;
mod panic_report;
mod picker;
mod scorecard;
mod state;
mod vote_storage;
mod votes;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use config::{Theme, WidgetConfig};

/// Mounts one widget into `host`; it lives as long as the page.
pub fn mount_widget(host: web_sys::HtmlElement, config: WidgetConfig) {
    panic_report::install(&host);
    let context = host::HostElement::new(host.clone());
    leptos::mount::mount_to(host, move || {
        provide_context(context);
        view! { <app::Widget config /> }
    })
    .forget();
}

/// The standalone page: settings come from the page URL.
pub fn start_standalone_page() {
    let document = leptos::prelude::document();
    let Some(host) = document
        .get_element_by_id("tool-compare")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        web_sys::console::error_1(&"tool-compare: no element with id \"tool-compare\" to mount into".into());
        return;
    };
    // The placeholder reserved the card's space until now.
    host.replace_children_with_node_0();
    mount_widget(host, WidgetConfig::from_page_url());
}
