//! The tool comparison widget: Leptos components over the browser-free
//! `compare-domain` crate. `main.rs` only calls [`start_standalone_page`].

mod app;
#[cfg(feature = "bench-json")]
mod bench_json;
mod card;
mod config;
mod embed;
mod fetch;
mod host;
mod ids;
mod iframe_height;
mod page_url;
mod panic_report;
mod picker;
mod scorecard;
mod state;
mod tool_details;
mod vote_storage;
mod votes;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use config::{Theme, WidgetConfig};
pub use embed::{mount_embed, EmbeddedWidget};

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

/// The standalone page (`index.html`): settings come from its address. On
/// any other page (loaded by `embed.js`) there is no such element, and the
/// embed script mounts widgets itself through [`mount_embed`].
pub fn start_standalone_page() {
    let document = leptos::prelude::document();
    let Some(host) = document
        .query_selector("[data-tool-compare-page]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // The placeholder reserved the card's space until now.
    host.replace_children_with_node_0();
    if page_url::is_iframe_embed() {
        iframe_height::report_height_to_parent(&host);
    }
    mount_widget(host, WidgetConfig::from_page_url());
}
