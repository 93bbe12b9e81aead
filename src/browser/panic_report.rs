//! A panic must never leave a frozen card: the reader sees what happened
//! and a way out. After a panic the Wasm instance cannot be trusted, so it
//! only tells the page, once, with a cancelable `tool-compare:crashed`
//! event on each widget's host: `embed.js` answers it with a report whose
//! "Try again" starts a fresh instance. A page without `embed.js` gets a
//! report drawn here with plain DOM calls, whose "Reload" reloads the page.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::HtmlElement;

/// Name of the event dispatched on every widget's host after a panic.
const CRASHED_EVENT: &str = "tool-compare:crashed";

thread_local! {
    static HOSTS: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
}

static INSTALL: Once = Once::new();
static CRASHED: AtomicBool = AtomicBool::new(false);

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
            // A dead instance may panic again when the page calls into it.
            if CRASHED.swap(true, Ordering::Relaxed) {
                return;
            }
            HOSTS.with(|hosts| {
                if let Ok(hosts) = hosts.try_borrow() {
                    for host in hosts.iter() {
                        if !page_answers(host) {
                            let _ = show_report(host);
                        }
                    }
                }
            });
        }));
    });
}

/// Tells the page; true when it took care of the report.
fn page_answers(host: &HtmlElement) -> bool {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CRASHED_EVENT, &init) else { return false };
    host.dispatch_event(&event).is_ok_and(|not_canceled| !not_canceled)
}

fn show_report(host: &HtmlElement) -> Result<(), wasm_bindgen::JsValue> {
    let document = host.owner_document().ok_or("no document")?;
    let root: web_sys::Node = match host.shadow_root() {
        Some(shadow) => shadow.into(),
        None => host.clone().into(),
    };
    // Styled by the widget's style sheet, which a strict page policy allows.
    let widget = document.create_element("div")?;
    widget.set_class_name("tcw");
    let box_ = document.create_element("div")?;
    box_.set_class_name("tcw-failure");
    box_.set_attribute("role", "alert")?;
    let message = document.create_element("p")?;
    message.set_text_content(Some(
        "The comparison widget stopped because of an internal error. Reloading the page usually fixes it.",
    ));
    let button = document.create_element("button")?;
    button.set_class_name("tcw-button");
    button.set_text_content(Some("Reload"));
    button.set_attribute("type", "button")?;
    let reload = Closure::<dyn Fn()>::new(|| {
        let _ = leptos::prelude::window().location().reload();
    });
    button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())?;
    reload.forget();
    box_.append_child(&message)?;
    box_.append_child(&button)?;
    widget.append_child(&box_)?;
    super::clear_but_style_sheets(&root)?;
    root.append_child(&widget)?;
    Ok(())
}
