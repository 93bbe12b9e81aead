//! The iframe embed tells its parent page how tall it is, so the parent
//! can size the frame without scrollbars. Message shape (documented in the
//! README): `{ type: "tool-compare:height", height: <CSS pixels> }`. The
//! parent's `embed.js` may have missed it (a page whose scripts run late):
//! `{ type: "tool-compare:height-request" }` from the parent asks again.

use std::cell::Cell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{HtmlElement, MessageEvent, MutationObserver, MutationObserverInit, ResizeObserver};

pub const HEIGHT_MESSAGE: &str = "tool-compare:height";
const HEIGHT_REQUEST: &str = "tool-compare:height-request";

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
    let last = Rc::new(Cell::new(0_u32));
    let reported = last.clone();
    let asker = parent.clone();
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil() as u32;
        if height == reported.replace(height) {
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
    let again = on_resize.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let request = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let from_parent = event.source().is_some_and(|source| JsValue::from(source) == JsValue::from(asker.clone()));
        let asks = js_sys::Reflect::get(&event.data(), &JsValue::from_str("type"))
            .ok()
            .and_then(|kind| kind.as_string())
            .is_some_and(|kind| kind == HEIGHT_REQUEST);
        if from_parent && asks {
            last.set(0);
            let _ = again.call0(&JsValue::NULL);
        }
    });
    let _ = window.add_event_listener_with_callback("message", request.as_ref().unchecked_ref());
    // The observers and the listener, and so the callbacks, live as long as
    // the page.
    on_resize.forget();
    request.forget();
}
