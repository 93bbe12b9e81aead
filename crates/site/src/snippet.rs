//! A paste-ready snippet of any pair of any catalog: the embed element with
//! a declarative shadow root holding the card and its style sheet. Without
//! script it shows the whole card; with `embed.js` the widget takes it over.

use compare_domain::source::is_url;

use crate::card::{render_card, LoadedCatalog, Placement};
use crate::stylesheet;
use crate::widget::Widget;
use tool_compare::ui::html_text::escape;
use tool_compare::ui::state::Theme;

#[derive(Debug, Clone)]
pub struct SnippetRequest {
    /// The catalog to render from: a file or an http(s) URL.
    pub catalog: String,
    pub a: String,
    pub b: String,
    /// Where the site (built by `tool-compare build`) is published; its style sheet and
    /// `embed.js` are linked from there.
    pub widget_url: String,
    /// Where readers' browsers fetch the catalog: `data-catalog`. Default:
    /// `catalog` when it is a URL, else none (`catalog.json` beside
    /// `embed.js`).
    pub catalog_url: Option<String>,
    pub theme: Theme,
    /// A `<style>` element instead of the linked style sheet: one
    /// self-contained snippet, refused by a strict Content-Security-Policy.
    pub inline_style: bool,
    /// Adds the `embed.js` script tag.
    pub script: bool,
}

pub fn snippet(request: &SnippetRequest) -> Result<String, String> {
    let loaded = LoadedCatalog::read(&request.catalog)?;
    let pair = loaded.pair(&request.a, &request.b)?;
    let widget_url = match request.widget_url.trim() {
        "" => return Err("--widget-url is empty: give the address where the site is published".into()),
        url if url.ends_with('/') => url.to_string(),
        url => format!("{url}/"),
    };
    let catalog_url = request.catalog_url.clone().or_else(|| is_url(&request.catalog).then(|| request.catalog.clone()));
    // The style sheet the site built by this program links.
    let widget = Widget::embedded().ok();
    let css = stylesheet::css(widget.as_ref());
    let style = if request.inline_style {
        format!("<style>{css}</style>")
    } else {
        format!("<link rel=\"stylesheet\" href=\"{}{}\">", escape(&widget_url), stylesheet::file_name(css))
    };
    let card = render_card(&loaded, pair, request.theme, Placement::Embedded)?;
    let mut out = format!(
        "<div data-tool-compare data-a=\"{a}\" data-b=\"{b}\"{catalog} data-theme=\"{theme}\">\
         <template shadowrootmode=\"open\">{style}{card}</template></div>\n",
        a = escape(&request.a),
        b = escape(&request.b),
        catalog = catalog_url.map(|url| format!(" data-catalog=\"{}\"", escape(&url))).unwrap_or_default(),
        theme = request.theme.as_str(),
    );
    if request.script {
        out.push_str(&format!("<script type=\"module\" src=\"{}embed.js\"></script>\n", escape(&widget_url)));
    }
    Ok(out)
}
