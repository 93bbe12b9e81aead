//! The script embed: `embed.js` calls [`mount_embed`] for every
//! `[data-tool-compare]` element. Each widget lives in its own Shadow DOM,
//! so host style sheets cannot reach in and its styles cannot leak out.

use std::any::Any;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::browser::config::WidgetConfig;
use crate::browser::{mount, page_url, share};
use crate::ui::state::Theme;

/// One mounted widget; `embed.js` keeps it to pass on attribute changes and
/// to unmount it when its element leaves the page.
#[wasm_bindgen]
pub struct EmbeddedWidget {
    host: HtmlElement,
    config: WidgetConfig,
    /// Dropping it unmounts the view and disposes its reactive state.
    mounted: Option<Box<dyn Any>>,
}

fn attribute(host: &HtmlElement, name: &str) -> Option<String> {
    host.get_attribute(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Mounts a widget into `host`'s shadow root (made by `embed.js`, or
/// declared by a pre-rendered snippet), taking over a pre-rendered card
/// there. `default_catalog` is the `catalog.json` beside `embed.js`, used
/// when `data-catalog` is absent.
#[wasm_bindgen]
pub fn mount_embed(host: HtmlElement, default_catalog: String) -> Result<EmbeddedWidget, JsValue> {
    if host.shadow_root().is_none() {
        host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    }
    let widget_url = share::folder_of(&default_catalog);
    let catalog = attribute(&host, "data-catalog").unwrap_or(default_catalog);
    let config = WidgetConfig::new(
        page_url::absolute_url(&catalog),
        widget_url,
        (attribute(&host, "data-a"), attribute(&host, "data-b")),
        Theme::parse(attribute(&host, "data-theme").as_deref()),
        false,
    );
    let mounted = mount(&host, config.clone())?;
    Ok(EmbeddedWidget { host, config, mounted: Some(mounted) })
}

#[wasm_bindgen]
impl EmbeddedWidget {
    /// Re-reads `data-theme`, `data-a` and `data-b` after the page changed them.
    pub fn refresh(&self) {
        let theme = Theme::parse(attribute(&self.host, "data-theme").as_deref());
        if self.config.theme.get_untracked() != theme {
            self.config.theme.set(theme);
        }
        let requested = (attribute(&self.host, "data-a"), attribute(&self.host, "data-b"));
        if self.config.requested.get_untracked() != requested {
            self.config.requested.set(requested);
        }
    }

    /// Removes the widget and everything it holds.
    pub fn unmount(mut self) {
        self.mounted.take();
        if let Some(shadow) = self.host.shadow_root() {
            shadow.set_inner_html("");
        }
    }
}
