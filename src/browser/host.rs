//! The element a widget is mounted into: where its events are dispatched.

use send_wrapper::SendWrapper;
use web_sys::HtmlElement;

/// Shared by context; the wrapper only satisfies Leptos' `Send` bound, since
/// the widget never leaves the browser's main thread.
#[derive(Clone)]
pub struct HostElement(SendWrapper<HtmlElement>);

impl HostElement {
    pub fn new(element: HtmlElement) -> HostElement {
        HostElement(SendWrapper::new(element))
    }

    pub fn element(&self) -> &HtmlElement {
        &self.0
    }
}
