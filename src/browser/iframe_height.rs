//! The iframe embed tells its parent page how tall it is, so the parent
//! can size the frame without scrollbars. Message shape (documented in the
//! README): `{ type: "tool-compare:height", height: <CSS pixels> }`.

use serde::Serialize;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{HtmlElement, MutationObserver, MutationObserverInit, ResizeObserver};

pub const HEIGHT_MESSAGE: &str = "tool-compare:height";

#[derive(Serialize)]
struct HeightMessage {
    r#type: &'static str,
    height: u32,
}

pub fn report_height_to_parent(host: &HtmlElement) {
    let window = leptos::prelude::window();
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    let _ = host.owner_document().and_then(|d| d.document_element()).map(|root| root.set_class_name("tc-iframe-embed"));
    let measured = host.clone();
    let last = std::cell::Cell::new(0_u32);
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil() as u32;
        if height == last.replace(height) {
            return;
        }
        let message = HeightMessage { r#type: HEIGHT_MESSAGE, height };
        if let Ok(message) = message.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
            // The frame's content is public, so any parent may know its height.
            let _ = parent.post_message(&message, "*");
        }
    });
    // A resize observer alone is not enough: browsers skip rendering steps,
    // and with them resize callbacks, in frames scrolled out of view, which
    // would leave a frame below the fold at its loading height. DOM changes
    // are observed regardless, and measuring forces the layout it needs.
    let callback = on_resize.as_ref().unchecked_ref();
    if let Ok(observer) = ResizeObserver::new(callback) {
        observer.observe(host);
        std::mem::forget(observer);
    }
    if let Ok(observer) = MutationObserver::new(callback) {
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        options.set_attributes(true);
        options.set_character_data(true);
        let _ = observer.observe_with_options(host, &options);
        std::mem::forget(observer);
    }
    // Both observers, and so the callback, live as long as the page.
    on_resize.forget();
}
