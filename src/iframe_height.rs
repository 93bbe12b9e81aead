//! The iframe embed tells its parent page how tall it is, so the parent
//! can size the frame without scrollbars. Message shape (documented in the
//! README): `{ type: "tool-compare:height", height: <CSS pixels> }`.

use serde::Serialize;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{HtmlElement, ResizeObserver};

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
    if let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(host);
        // Both live as long as the page.
        std::mem::forget(observer);
        on_resize.forget();
    }
}
