//! The Share panel's clipboard and share sheet, and where this widget is
//! published, for the links and embed codes it offers.

use std::sync::Arc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::ui::share::ShareHooks;
use crate::ui::share_code::Published;

/// `widget_url`: the folder of `embed.js` or of the standalone page;
/// `catalog_url`: the catalog shown, absolute.
pub fn hooks(widget_url: &str, catalog_url: &str) -> ShareHooks {
    ShareHooks {
        published: Published::new(widget_url, catalog_url),
        copy: Arc::new(copy),
        share_sheet: navigator_has("share").then(|| Arc::new(share_sheet) as Arc<dyn Fn(String, String) + Send + Sync>),
    }
}

fn navigator() -> web_sys::Navigator {
    leptos::prelude::window().navigator()
}

/// Whether the browser offers `navigator[name]` (the clipboard is missing
/// outside secure contexts; the share sheet on most desktop browsers).
fn navigator_has(name: &str) -> bool {
    js_sys::Reflect::get(&navigator(), &JsValue::from_str(name)).is_ok_and(|value| !value.is_undefined())
}

fn copy(text: String, done: Box<dyn FnOnce(bool)>) {
    if !navigator_has("clipboard") {
        return done(false);
    }
    let written = navigator().clipboard().write_text(&text);
    spawn_local(async move { done(JsFuture::from(written).await.is_ok()) });
}

fn share_sheet(title: String, url: String) {
    let data = web_sys::ShareData::new();
    data.set_title(&title);
    data.set_url(&url);
    let shared = navigator().share_with_data(&data);
    // The reader closing the sheet rejects the promise; that is no fault.
    spawn_local(async move {
        let _ = JsFuture::from(shared).await;
    });
}

/// The folder an absolute address is in.
pub fn folder_of(url: &str) -> String {
    web_sys::Url::new_with_base("./", url).map(|u| u.href()).unwrap_or_else(|_| url.to_string())
}
