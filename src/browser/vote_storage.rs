//! Votes in the browser: `localStorage` behind the domain's `VoteStore`
//! interface, other tabs' changes, and the vote event. Every storage access
//! can throw (privacy modes, sandboxed frames, a full quota), and each
//! failure maps to a `StoreError` rather than reaching the reader.

use compare_domain::votes::{storage_key, Ballot, StoreError, VoteChange, VoteStore};
use std::rc::Rc;

use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

use crate::browser::host::HostElement;
use crate::ui::votes::{SharedBallot, VoteState};

/// Name of the DOM event dispatched on the host element for every change.
pub const VOTE_EVENT: &str = "tool-compare:vote";

pub struct LocalStore {
    pub key: String,
}

fn storage() -> Result<Storage, StoreError> {
    leptos::prelude::window().local_storage().ok().flatten().ok_or(StoreError::Unavailable)
}

fn is_quota_error(err: &JsValue) -> bool {
    err.dyn_ref::<web_sys::DomException>().is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22)
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

/// This browser's ballot on the catalog at `catalog_url`, kept in
/// `localStorage` and following changes made in other tabs until the
/// returned handle is removed.
pub fn open_ballot(catalog_url: &str) -> (Rc<SharedBallot>, WindowListenerHandle) {
    let key = storage_key(catalog_url);
    let store: Box<dyn VoteStore> = Box::new(LocalStore { key: key.clone() });
    let ballot = SharedBallot::new(Ballot::open(store));
    let followed = Rc::downgrade(&ballot);
    let other_tabs = window_event_listener(leptos::ev::storage, move |ev| {
        // A `null` key means another tab cleared the whole storage.
        let ours = ev.key().is_none_or(|k| k == key);
        if let (true, Some(_), Some(ballot)) = (ours, ev.storage_area(), followed.upgrade()) {
            ballot.stored_elsewhere(ev.new_value().as_deref());
        }
    });
    (ballot, other_tabs)
}

/// A widget's view of the ballot: each vote pressed in it is announced to
/// the page with the `tool-compare:vote` event on its host element.
pub fn widget_votes(ballot: Rc<SharedBallot>, catalog_url: String) -> VoteState {
    let votes = VoteState::new(ballot);
    if let Some(host) = use_context::<HostElement>() {
        votes.on_change(move |change, pair| dispatch_vote_event(&host, &catalog_url, pair, change));
    }
    votes
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
    let detail = VoteDetail { catalog, pair, vote: change.current.as_deref(), previous: change.previous.as_deref() };
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
