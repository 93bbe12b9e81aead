//! Votes in the browser: `localStorage` behind the domain's `VoteStore`
//! interface, other tabs' changes, and the vote event. Every storage access
//! can throw (privacy modes, sandboxed frames, a full quota), and each
//! failure maps to a `StoreError` rather than reaching the reader.

use compare_domain::votes::{storage_key, Ballot, StoreError, VoteChange, VoteStore};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

use crate::browser::host::HostElement;
use crate::ui::votes::VoteState;

/// Name of the DOM event dispatched on the host element for every change.
pub const VOTE_EVENT: &str = "tool-compare:vote";

pub struct LocalStore {
    pub key: String,
}

fn storage() -> Result<Storage, StoreError> {
    leptos::prelude::window().local_storage().ok().flatten().ok_or(StoreError::Unavailable)
}

fn is_quota_error(err: &JsValue) -> bool {
    err.dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22)
}

impl VoteStore for LocalStore {
    fn read(&self) -> Result<Option<String>, StoreError> {
        storage()?.get_item(&self.key).map_err(|_| StoreError::Unavailable)
    }

    fn write(&self, text: &str) -> Result<(), StoreError> {
        storage()?.set_item(&self.key, text).map_err(|err| {
            if is_quota_error(&err) {
                StoreError::Full
            } else {
                StoreError::Unavailable
            }
        })
    }
}

/// This browser's votes on the catalog's pairs: kept in `localStorage`,
/// following changes made in other tabs, and announced to the page with the
/// `tool-compare:vote` event on the host element.
pub fn open_votes(catalog_url: String) -> VoteState {
    let key = storage_key(&catalog_url);
    let store: Box<dyn VoteStore> = Box::new(LocalStore { key: key.clone() });
    let votes = VoteState::new(Ballot::open(store));
    let host = use_context::<HostElement>();
    let written = key.clone();
    votes.on_change(move |change, pair| {
        if let Some(host) = &host {
            dispatch_vote_event(host, &catalog_url, pair, change);
        }
        tell_the_page(&written);
    });
    let other_tab = {
        let key = key.clone();
        window_event_listener(leptos::ev::storage, move |ev| {
            // A `null` key means another tab cleared the whole storage.
            let ours = ev.key().is_none_or(|k| k == key);
            if ours && ev.storage_area().is_some() {
                votes.stored_elsewhere(ev.new_value().as_deref());
            }
        })
    };
    let this_page = window_event_listener_untyped(STORED_EVENT, move |ev| {
        let ours = ev.dyn_ref::<web_sys::CustomEvent>().and_then(|ev| ev.detail().as_string()).is_some_and(|k| k == key);
        if ours {
            if let Ok(text) = (LocalStore { key: key.clone() }).read() {
                votes.stored_elsewhere(text.as_deref());
            }
        }
    });
    on_cleanup(move || {
        other_tab.remove();
        this_page.remove();
    });
    votes
}

/// Dispatched on the window after a widget stored votes: the page's other
/// widgets of the same catalog get no `storage` event for a write of their
/// own page, and show the vote at once through this one.
const STORED_EVENT: &str = "tool-compare:votes-stored";

fn tell_the_page(key: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(key));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(STORED_EVENT, &init) {
        let _ = leptos::prelude::window().dispatch_event(&event);
    }
}

/// `event.detail` of the vote event.
#[derive(Serialize)]
struct VoteDetail<'a> {
    /// Absolute URL of the catalog the pair comes from.
    catalog: &'a str,
    /// The pair's tool ids, in display order.
    pair: [&'a str; 2],
    /// The tool id voted for now, or `null` when the vote was withdrawn.
    vote: Option<&'a str>,
    /// The tool id voted for before, or `null`.
    previous: Option<&'a str>,
}

fn dispatch_vote_event(host: &HostElement, catalog: &str, pair: [&str; 2], change: &VoteChange) {
    let detail = VoteDetail {
        catalog,
        pair,
        vote: change.current.as_deref(),
        previous: change.previous.as_deref(),
    };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let Ok(detail) = detail.serialize(&serializer) else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(VOTE_EVENT, &init) {
        // A listener that throws must not break the widget.
        let _ = host.element().dispatch_event(&event);
    }
}
