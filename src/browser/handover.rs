//! Taking over a pre-rendered card. The live widget renders into a hidden
//! container beside the pre-rendered card, which stays on screen until the
//! live card (or a failure) is complete; then one synchronous swap, before
//! the browser paints again, replaces it. Both renderings share components
//! and style sheet, so nothing moves. Quotes the reader expanded start
//! expanded, focus moves to the same control (`data-tc-key`), and the host
//! element receives `tool-compare:ready`, on which `embed.js` replays what
//! the reader pressed meanwhile.

use std::cell::Cell;
use std::collections::HashSet;

use leptos::prelude::document;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::ui::scorecard::QuoteKey;

/// Dispatched on the host element once the live card is on screen.
pub const READY_EVENT: &str = "tool-compare:ready";

struct Pending {
    host: HtmlElement,
    prerendered: Element,
    container: HtmlElement,
    done: Cell<bool>,
}

#[derive(Clone)]
pub struct Handover(SendWrapper<std::rc::Rc<Pending>>);

/// Where a widget's elements live: its host's shadow root, if it has one.
fn find_in(host: &HtmlElement, selector: &str) -> Option<Element> {
    match host.shadow_root() {
        Some(shadow) => shadow.query_selector(selector).ok().flatten(),
        None => host.query_selector(selector).ok().flatten(),
    }
}

impl Handover {
    /// Finds a pre-rendered card in `host` and puts a hidden container for
    /// the live one beside it; also returns the quotes expanded there.
    pub fn prepare(host: &HtmlElement) -> Option<(Handover, HtmlElement, HashSet<QuoteKey>)> {
        let prerendered = find_in(host, ".tcw[data-tc-prerendered]")?;
        let container: HtmlElement = document().create_element("div").ok()?.unchecked_into();
        container.set_hidden(true);
        prerendered.after_with_node_1(&container).ok()?;
        let pending = Pending { host: host.clone(), prerendered, container: container.clone(), done: Cell::new(false) };
        let expanded = expanded_quotes(&pending.prerendered);
        Some((Handover(SendWrapper::new(std::rc::Rc::new(pending))), container, expanded))
    }

    /// The tools a sharded catalog's pre-rendered card carries, each as a
    /// shard of one tool (`data-tc-tool-a`, `-b`).
    #[cfg(shards)]
    pub fn carried_tools(&self) -> Vec<String> {
        ["data-tc-tool-a", "data-tc-tool-b"]
            .into_iter()
            .filter_map(|name| self.0.prerendered.get_attribute(name))
            .collect()
    }

    /// Shows the live card in place of the pre-rendered one (once); called
    /// when the live card or a failure is in the document, before the
    /// browser paints again.
    pub fn complete(&self) {
        let pending = &*self.0;
        if pending.done.replace(true) {
            return;
        }
        let focused = focused_key(&pending.host, &pending.prerendered);
        follow_quotes_toggled_meanwhile(&pending.prerendered, &pending.container);
        pending.prerendered.remove();
        pending.container.set_hidden(false);
        if let Some(key) = focused {
            let live = pending.container.query_selector(&format!("[data-tc-key=\"{key}\"]")).ok().flatten();
            if let Some(live) = live.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
                let _ = live.focus();
            }
        }
        dispatch_ready(&pending.host);
    }
}

/// Tells the page (`embed.js`, a site owner's script) that the live widget
/// is on screen in `host`.
pub fn dispatch_ready(host: &HtmlElement) {
    if let Ok(event) = web_sys::CustomEvent::new(READY_EVENT) {
        let _ = host.dispatch_event(&event);
    }
}

/// `(row, side)` of every `details[open]` quote of the pre-rendered card.
fn expanded_quotes(card: &Element) -> HashSet<QuoteKey> {
    let mut keys = HashSet::new();
    let Ok(open) = card.query_selector_all("details[open][data-tc-key]") else { return keys };
    for i in 0..open.length() {
        let key = open
            .item(i)
            .and_then(|node| node.dyn_into::<Element>().ok())
            .and_then(|el| el.get_attribute("data-tc-key"));
        let parsed = key.as_deref().and_then(|k| k.strip_prefix("quote-")).and_then(|rest| {
            let (row, side) = rest.split_once('-')?;
            Some((row.parse().ok()?, side.parse().ok()?))
        });
        keys.extend(parsed);
    }
    keys
}

/// Quotes opened or closed on the pre-rendered card after the live one was
/// drawn: their live disclosures are pressed to match.
fn follow_quotes_toggled_meanwhile(card: &Element, live: &HtmlElement) {
    let Ok(quotes) = card.query_selector_all("details[data-tc-key]") else { return };
    for i in 0..quotes.length() {
        let Some(details) = quotes.item(i).and_then(|node| node.dyn_into::<web_sys::HtmlDetailsElement>().ok()) else {
            continue;
        };
        let Some(key) = details.get_attribute("data-tc-key") else { continue };
        let button = live.query_selector(&format!("[data-tc-key=\"{key}\"]")).ok().flatten();
        if let Some(button) = button.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
            let live_open = button.get_attribute("aria-expanded").as_deref() == Some("true");
            if live_open != details.open() {
                button.click();
            }
        }
    }
}

/// The `data-tc-key` of the control focused inside the pre-rendered card.
fn focused_key(host: &HtmlElement, card: &Element) -> Option<String> {
    let active = match host.shadow_root() {
        Some(shadow) => shadow.active_element(),
        None => document().active_element(),
    }?;
    if !card.contains(Some(&active)) {
        return None;
    }
    let key = active.closest("[data-tc-key]").ok()??.get_attribute("data-tc-key")?;
    // Keys are ours ([a-z0-9-]); anything else is not looked up.
    key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-').then_some(key)
}
