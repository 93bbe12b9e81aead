//! A panic must never leave a frozen card: the reader sees what happened
//! and a way out. After a panic the Wasm instance cannot be trusted, so the
//! report is drawn with plain DOM calls, and "Reload" reloads the page.

use std::cell::RefCell;
use std::sync::Once;

use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::HtmlElement;

thread_local! {
    static HOSTS: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
}

static INSTALL: Once = Once::new();

/// A widget left the page: its host no longer receives reports.
pub fn forget(host: &HtmlElement) {
    HOSTS.with(|hosts| hosts.borrow_mut().retain(|h| h != host));
}

/// Registers a widget host to receive the report, and installs the hook once.
pub fn install(host: &HtmlElement) {
    HOSTS.with(|hosts| hosts.borrow_mut().push(host.clone()));
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let detail = info.to_string();
            web_sys::console::error_1(&format!("tool-compare panicked: {detail}").into());
            HOSTS.with(|hosts| {
                if let Ok(hosts) = hosts.try_borrow() {
                    for host in hosts.iter() {
                        let _ = show_report(host);
                    }
                }
            });
        }));
    });
}

fn show_report(host: &HtmlElement) -> Result<(), wasm_bindgen::JsValue> {
    let document = host.owner_document().ok_or("no document")?;
    let root: web_sys::Node = match host.shadow_root() {
        Some(shadow) => shadow.into(),
        None => host.clone().into(),
    };
    let box_ = document.create_element("div")?;
    box_.set_class_name("tcw-failure");
    box_.set_attribute("role", "alert")?;
    box_.set_attribute(
        "style",
        "padding:1rem;border:1px solid #b42318;border-radius:8px;font:16px/1.5 system-ui,sans-serif;color:#7a271a;background:#fef3f2",
    )?;
    let message = document.create_element("p")?;
    message.set_text_content(Some(
        "The comparison widget stopped because of an internal error. Reloading the page usually fixes it.",
    ));
    let button = document.create_element("button")?;
    button.set_text_content(Some("Reload"));
    button.set_attribute("type", "button")?;
    let reload = Closure::<dyn Fn()>::new(|| {
        let _ = leptos::prelude::window().location().reload();
    });
    button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())?;
    reload.forget();
    box_.append_child(&message)?;
    box_.append_child(&button)?;
    let replaced: web_sys::Node = box_.into();
    while let Some(child) = root.first_child() {
        root.remove_child(&child)?;
    }
    root.append_child(&replaced)?;
    Ok(())
}
