//! Loading the catalog over the network, with failures that say what failed.

use std::sync::Arc;

use compare_domain::limits::MAX_CATALOG_BYTES;
use compare_domain::{load_catalog, LoadError, ParseError, ValidCatalog};
use std::future::Future;

use gloo_net::http::{Request, Response};
use wasm_bindgen::{closure::Closure, JsCast};
use wasm_bindgen_futures::JsFuture;

use crate::ui::fetch_failure::{CatalogFile, FetchFailure, Reason, TIMEOUT_SECONDS};

pub async fn fetch_catalog(url: String) -> Result<Arc<ValidCatalog>, FetchFailure> {
    let text = fetch_text(&url, CatalogFile::Catalog).await?;
    mark("tool-compare:catalog-received");
    let loaded = load_catalog(&text).map(Arc::new).map_err(|error| FetchFailure {
        file: CatalogFile::Catalog,
        url,
        reason: Reason::Unusable(error),
    });
    mark("tool-compare:catalog-loaded");
    loaded
}

/// A `performance.mark`, for the benchmark's breakdown of start-up.
pub fn mark(name: &str) {
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(name);
    }
}

/// Fetches `url`, the catalog's `file`, as text. The request goes out when
/// this is called, not when the result is first awaited: a caller may
/// start several before it draws anything.
pub fn fetch_text(url: &str, file: CatalogFile) -> impl Future<Output = Result<String, FetchFailure>> {
    let url = url.to_string();
    // Dropped on every way out of the future, which clears the timer.
    let timeout = Timeout::start();
    let sent = Request::get(&url)
        .abort_signal(timeout.as_ref().map(Timeout::signal).as_ref())
        .build()
        .map(|request| JsFuture::from(leptos::prelude::window().fetch_with_request(&request.into())));
    async move {
        let timed_out = || timeout.as_ref().is_some_and(Timeout::timed_out);
        let failure = |reason| FetchFailure { file: file.clone(), url: url.clone(), reason };
        let network = |timed_out: bool| failure(Reason::Network { timed_out });
        let response = match sent {
            Ok(sent) => sent.await.map_err(|_| network(timed_out()))?,
            Err(_) => return Err(network(false)),
        };
        let response = Response::from(response.unchecked_into::<web_sys::Response>());
        // Refused before reading, so a huge file is never downloaded whole.
        let declared = response.headers().get("content-length").and_then(|n| n.parse::<usize>().ok());
        if let Some(bytes) = declared.filter(|&n| n > MAX_CATALOG_BYTES) {
            return Err(failure(Reason::Unusable(LoadError::Parse(ParseError::TooLarge { bytes }))));
        }
        if !response.ok() {
            return Err(failure(Reason::Http { status: response.status(), status_text: response.status_text() }));
        }
        // A body cut off mid-way fails here or, if the connection closed
        // cleanly, as a JSON syntax error at the end of the text.
        response.text().await.map_err(|_| network(timed_out()))
    }
}

/// Aborts a request once `TIMEOUT_SECONDS` have passed, unless dropped
/// first (which clears the timer). `None` from `start` where the browser
/// has no `AbortController`: the request then runs without a timeout.
pub struct Timeout {
    controller: web_sys::AbortController,
    handle: i32,
    _abort: Closure<dyn FnMut()>,
}

impl Timeout {
    pub fn start() -> Option<Timeout> {
        let controller = web_sys::AbortController::new().ok()?;
        let aborted = controller.clone();
        let abort = Closure::once(move || aborted.abort());
        let handle = leptos::prelude::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                (TIMEOUT_SECONDS * 1000) as i32,
            )
            .ok()?;
        Some(Timeout { controller, handle, _abort: abort })
    }

    /// The signal to give the request.
    pub fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    /// Whether the time ran out (and the request was aborted).
    pub fn timed_out(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        leptos::prelude::window().clear_timeout_with_handle(self.handle);
    }
}
