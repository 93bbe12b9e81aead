//! `localStorage` behind the domain's `VoteStore` interface. Every access
//! can throw (privacy modes, sandboxed frames, a full quota), and each
//! failure maps to a `StoreError` rather than reaching the reader.

use compare_domain::votes::{StoreError, VoteStore};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

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
