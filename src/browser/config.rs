//! What a widget instance is told by its page: catalog, pair, theme. The
//! pair and theme are signals because an embedding page may change its
//! `data-*` attributes (or the reader go back in history) at any time.

use leptos::prelude::*;

use crate::browser::page_url::{self, RequestedPair};
use crate::ui::state::Theme;

#[derive(Clone)]
pub struct WidgetConfig {
    /// Absolute or page-relative URL of the catalog JSON.
    pub catalog_url: String,
    /// The folder the widget is published in (of `embed.js`, or of the
    /// standalone page), absolute: where shared links and embed codes point.
    pub widget_url: String,
    pub requested: ArcRwSignal<RequestedPair>,
    pub theme: ArcRwSignal<Theme>,
    /// Standalone page: keep `?a=&b=` in the address bar and follow back/forward.
    pub owns_page_url: bool,
    /// The origin of a catalog the standalone page refuses to show.
    pub refused_origin: Option<String>,
    /// The standalone page (also as an iframe embed): its `<h1>` names the pair shown.
    pub names_page_heading: bool,
    /// The pair a standalone page stands for when its address names none:
    /// a curated pair's own page's (see `page_url::requested_pair`).
    pub page_pair: RequestedPair,
}

/// Beside the page, so the bundle works from any sub-path of any host.
pub const DEFAULT_CATALOG: &str = "catalog.json";

impl WidgetConfig {
    pub fn new(
        catalog_url: String,
        widget_url: String,
        requested: RequestedPair,
        theme: Theme,
        owns_page_url: bool,
    ) -> WidgetConfig {
        WidgetConfig {
            catalog_url,
            widget_url,
            requested: ArcRwSignal::new(requested),
            theme: ArcRwSignal::new(theme),
            owns_page_url,
            refused_origin: None,
            names_page_heading: false,
            page_pair: (None, None),
        }
    }

    /// The standalone page (`index.html`): settings from its address. With
    /// `embed=1` it is an iframe embed and leaves the address alone, since
    /// history entries in a frame would hijack the host page's back button.
    pub fn from_page_url() -> WidgetConfig {
        let params = page_url::params();
        let asked_catalog = params.given("catalog");
        // Only the bundled catalog's pages carry a pre-rendered card.
        let page_pair = if asked_catalog.is_none() { page_url::prerendered_pair() } else { (None, None) };
        let catalog = asked_catalog.unwrap_or_else(|| DEFAULT_CATALOG.to_string());
        let refused_origin = page_url::refused_catalog_origin(&catalog);
        let config = WidgetConfig::new(
            catalog,
            page_url::absolute_url("./"),
            page_url::requested_pair(&params, &page_pair),
            Theme::parse(params.given("theme").as_deref()),
            !page_url::is_iframe_embed(),
        );
        WidgetConfig { refused_origin, names_page_heading: true, page_pair, ..config }
    }
}
