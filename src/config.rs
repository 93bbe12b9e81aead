//! What a widget instance is told by its page: catalog, pair, theme.

use crate::page_url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows the reader's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    pub fn parse(text: Option<&str>) -> Theme {
        match text {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct WidgetConfig {
    /// Absolute or page-relative URL of the catalog JSON.
    pub catalog_url: String,
    pub a: Option<String>,
    pub b: Option<String>,
    pub theme: Theme,
    /// Standalone page: keep `?a=&b=` in the address bar and follow back/forward.
    pub owns_page_url: bool,
}

/// Beside the page, so the bundle works from any sub-path of any host.
pub const DEFAULT_CATALOG: &str = "catalog.json";

impl WidgetConfig {
    pub fn from_page_url() -> WidgetConfig {
        let params = page_url::params();
        let get = |name: &str| params.get(name).filter(|v| !v.is_empty());
        WidgetConfig {
            catalog_url: get("catalog").unwrap_or_else(|| DEFAULT_CATALOG.to_string()),
            a: get("a"),
            b: get("b"),
            theme: Theme::parse(get("theme").as_deref()),
            owns_page_url: true,
        }
    }
}
