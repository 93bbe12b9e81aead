//! The standalone page's address: `?a=<id>&b=<id>` names the pair, and
//! every other parameter (`catalog`, `theme`, `embed`) is carried along.

use web_sys::UrlSearchParams;

pub struct Params(UrlSearchParams);

impl Params {
    pub fn get(&self, name: &str) -> Option<String> {
        self.0.get(name)
    }

    /// The parameter's value, unless it is missing or empty.
    pub fn given(&self, name: &str) -> Option<String> {
        self.get(name).filter(|v| !v.is_empty())
    }
}

fn search() -> String {
    leptos::prelude::window().location().search().unwrap_or_default()
}

pub fn params() -> Params {
    Params(UrlSearchParams::new_with_str(&search()).expect("URLSearchParams accepts any string"))
}

/// `?embed=1`: the page is the iframe embed, showing the card alone.
pub fn is_iframe_embed() -> bool {
    params().get("embed").is_some_and(|v| v == "1")
}

/// The query string for a pair, keeping the page's other parameters.
pub fn query_for_pair(a: &str, b: &str) -> String {
    let params = params().0;
    params.set("a", a);
    params.set("b", b);
    format!("?{}", String::from(params.to_string()))
}

/// Records a pair in the address bar and the session history, unless the
/// address already names it (as after back/forward).
pub fn push_pair(a: &str, b: &str) {
    let current = params();
    if current.get("a").as_deref() == Some(a) && current.get("b").as_deref() == Some(b) {
        return;
    }
    let window = leptos::prelude::window();
    let query = query_for_pair(a, b);
    if let Ok(history) = window.history() {
        // A sandboxed iframe may refuse; the widget works on without it.
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query));
    }
}

/// The site's own title, which the page title adds to the pair's names:
/// `data-site-title` of the page's widget element (a pre-rendered page's
/// title already names its pair), else the document's title.
pub fn site_title() -> String {
    let document = leptos::prelude::document();
    document
        .query_selector("[data-tool-compare-page][data-site-title]")
        .ok()
        .flatten()
        .and_then(|el| el.get_attribute("data-site-title"))
        .unwrap_or_else(|| document.title())
}

/// The pair a page asks for, as tool ids; either side may be missing.
pub type RequestedPair = (Option<String>, Option<String>);

/// The pair the standalone page's address asks for. A curated pair's own
/// page (`<a>-vs-<b>.html`) names its pair in its pre-rendered card, not
/// in its address: the address without `?a=&b=` stands for that pair.
pub fn requested_pair(params: &Params, page_pair: &RequestedPair) -> RequestedPair {
    match (params.given("a"), params.given("b")) {
        (None, None) => page_pair.clone(),
        asked => asked,
    }
}

/// The pair of the card pre-rendered into the standalone page, if any.
pub fn prerendered_pair() -> RequestedPair {
    let card =
        leptos::prelude::document().query_selector("[data-tool-compare-page] .tcw[data-tc-prerendered]").ok().flatten();
    match card {
        Some(card) => (card.get_attribute("data-a"), card.get_attribute("data-b")),
        None => (None, None),
    }
}

/// The standalone page's `<h1>` (visually hidden: the card's own heading
/// shows the pair) says which pair the page shows.
pub fn set_page_heading(text: &str) {
    if let Ok(Some(heading)) = leptos::prelude::document().query_selector("h1.tc-page-title") {
        heading.set_text_content(Some(text));
    }
}

/// Where a site owner lists the other origins whose catalogs the standalone
/// page may show, separated by spaces: `<meta name="tool-compare-catalog-origins"
/// content="https://catalogs.example.com">`. Without it, only the page's own.
const CATALOG_ORIGINS_META: &str = "meta[name=\"tool-compare-catalog-origins\"]";

/// The origin of `catalog` when the standalone page must not show it: a
/// crafted `?catalog=` link would otherwise show anyone's reviews and links
/// under the site owner's address.
pub fn refused_catalog_origin(catalog: &str) -> Option<String> {
    let document = leptos::prelude::document();
    let origin = web_sys::Url::new(&absolute_url(catalog)).ok()?.origin();
    let page_origin = leptos::prelude::window().location().origin().ok()?;
    let allowed = document
        .query_selector(CATALOG_ORIGINS_META)
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    let allowed = origin == page_origin || allowed.split_whitespace().any(|o| o.trim_end_matches('/') == origin);
    (!allowed).then_some(origin)
}

/// The catalog URL made absolute against the page, so that the same catalog
/// gets the same votes from every page of a site.
pub fn absolute_url(url: &str) -> String {
    let base = leptos::prelude::document().base_uri().ok().flatten();
    base.and_then(|base| web_sys::Url::new_with_base(url, &base).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| url.to_string())
}
