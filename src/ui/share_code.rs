//! The texts the Share panel offers for a pair: its link and its two embed
//! codes, written with the widget's absolute addresses so that they work
//! pasted on any site.

use crate::ui::html_text::escape;
use crate::ui::pair_files::{pair_card_file, pair_page_file};

/// The card's style sheet under a name that stays from build to build
/// (unlike its content-hashed copy's): what the script embed preloads,
/// since only `embed.js` knows the hashed name.
pub const EMBED_STYLESHEET: &str = "embed.css";

/// Where a widget is published and which catalog it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The widget's folder (its `dist/`), absolute, ending in `/`.
    pub widget_url: String,
    /// The catalog's absolute address; `None` for the bundled `catalog.json`
    /// beside the widget, whose curated pairs have pages of their own.
    pub catalog_url: Option<String>,
}

/// A pair as the share panel writes it.
pub struct SharedPair<'a> {
    pub a: &'a str,
    pub b: &'a str,
    /// Whether the bundled catalog curates the pair in this order, so that
    /// the build wrote a page for it.
    pub has_page: bool,
    /// The iframe's `title`: what a screen reader says the frame holds.
    pub title: &'a str,
}

impl Published {
    /// Makes `catalog_url` `None` when it is the bundled catalog.
    pub fn new(widget_url: &str, catalog_url: &str) -> Published {
        let widget_url = if widget_url.ends_with('/') { widget_url.to_string() } else { format!("{widget_url}/") };
        let bundled = format!("{widget_url}catalog.json");
        let catalog_url = (catalog_url != bundled).then(|| catalog_url.to_string());
        Published { widget_url, catalog_url }
    }

    /// The pair's own page where the build wrote one, else the standalone
    /// page with the pair (and a catalog other than the bundled one) in
    /// its address.
    pub fn page_link(&self, pair: &SharedPair) -> String {
        match &self.catalog_url {
            None if pair.has_page => format!("{}{}", self.widget_url, pair_page_file(pair.a, pair.b)),
            _ => format!("{}index.html?{}", self.widget_url, self.query(pair)),
        }
    }

    /// The script embed: the element and `embed.js`; for a curated pair of
    /// the bundled catalog, first preloads of the style sheet and of its
    /// card fragment, which `embed.js` would otherwise ask for only once it
    /// has itself arrived (a round trip later: on a phone the card shows
    /// 130–160 ms sooner than with the fragment's alone, bench/README.md).
    pub fn script_embed(&self, pair: &SharedPair) -> String {
        let widget = escape(&self.widget_url);
        let (catalog, preload) = match &self.catalog_url {
            Some(url) => (format!(" data-catalog=\"{}\"", escape(url)), String::new()),
            None if pair.has_page => (
                String::new(),
                format!(
                    "<link rel=\"preload\" href=\"{widget}{EMBED_STYLESHEET}\" as=\"style\">\n\
                     <link rel=\"preload\" href=\"{widget}{}\" as=\"fetch\" crossorigin>\n",
                    escape(&pair_card_file(pair.a, pair.b))
                ),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "{preload}<div data-tool-compare data-a=\"{a}\" data-b=\"{b}\"{catalog} data-theme=\"auto\"></div>\n\
             <script type=\"module\" src=\"{widget}embed.js\"></script>",
            a = escape(pair.a),
            b = escape(pair.b),
        )
    }

    /// The iframe embed. Its height fits the card on a wide column; a page
    /// that also loads `embed.js` gets it resized to fit. It may use the
    /// clipboard and the share sheet, as the Share panel inside it does.
    /// Sized and unframed by attributes, not a `style` attribute: a strict
    /// Content-Security-Policy refuses that, and many platforms' sanitisers
    /// strip it.
    pub fn iframe_embed(&self, pair: &SharedPair) -> String {
        format!(
            "<iframe src=\"{widget}index.html?{query}&amp;embed=1\" title=\"{title}\" data-tool-compare-frame \
             allow=\"clipboard-write; web-share\" loading=\"lazy\" width=\"100%\" height=\"1600\" frameborder=\"0\"></iframe>",
            widget = escape(&self.widget_url),
            query = escape(&self.query(pair)),
            title = escape(pair.title),
        )
    }

    fn query(&self, pair: &SharedPair) -> String {
        let mut query = format!("a={}&b={}", query_value(pair.a), query_value(pair.b));
        if let Some(url) = &self.catalog_url {
            query.push_str(&format!("&catalog={}", query_value(url)));
        }
        query
    }
}

/// Percent-encodes all but the characters a query value never needs to.
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDGET: &str = "https://widgets.example.com/compare/";

    fn pair(has_page: bool) -> SharedPair<'static> {
        SharedPair { a: "smollm3", b: "phi-3-mini", has_page, title: "SmolLM3 vs Phi-3 \"mini\": AI tools" }
    }

    #[test]
    fn the_bundled_catalog_links_a_curated_pair_to_its_own_page() {
        let published = Published::new("https://widgets.example.com/compare", &format!("{WIDGET}catalog.json"));
        assert_eq!(published.catalog_url, None);
        assert_eq!(published.page_link(&pair(true)), format!("{WIDGET}smollm3-vs-phi-3-mini.html"));
        assert_eq!(published.page_link(&pair(false)), format!("{WIDGET}index.html?a=smollm3&b=phi-3-mini"));
    }

    #[test]
    fn another_catalog_travels_in_the_link_and_in_both_embeds() {
        let published = Published::new(WIDGET, "https://cdn.example.org/c.json?v=2&x=\"1\"");
        let encoded = "https%3A%2F%2Fcdn.example.org%2Fc.json%3Fv%3D2%26x%3D%221%22";
        assert_eq!(
            published.page_link(&pair(true)),
            format!("{WIDGET}index.html?a=smollm3&b=phi-3-mini&catalog={encoded}")
        );
        assert_eq!(
            published.script_embed(&pair(true)),
            format!(
                "<div data-tool-compare data-a=\"smollm3\" data-b=\"phi-3-mini\" \
                 data-catalog=\"https://cdn.example.org/c.json?v=2&amp;x=&quot;1&quot;\" data-theme=\"auto\"></div>\n\
                 <script type=\"module\" src=\"{WIDGET}embed.js\"></script>"
            )
        );
        let iframe = published.iframe_embed(&pair(true));
        assert!(
            iframe.starts_with(&format!(
                "<iframe src=\"{WIDGET}index.html?a=smollm3&amp;b=phi-3-mini&amp;catalog={encoded}&amp;embed=1\""
            )),
            "{iframe}"
        );
        assert!(
            iframe.contains(" title=\"SmolLM3 vs Phi-3 &quot;mini&quot;: AI tools\" data-tool-compare-frame"),
            "{iframe}"
        );
        assert!(iframe.ends_with(" width=\"100%\" height=\"1600\" frameborder=\"0\"></iframe>"), "{iframe}");
        assert!(!iframe.contains("style="), "a strict policy refuses style attributes: {iframe}");
    }

    #[test]
    fn the_bundled_catalog_needs_no_data_catalog() {
        let published = Published::new(WIDGET, &format!("{WIDGET}catalog.json"));
        let script = published.script_embed(&pair(false));
        assert!(!script.contains("data-catalog"), "{script}");
        assert!(script.ends_with(&format!("<script type=\"module\" src=\"{WIDGET}embed.js\"></script>")), "{script}");
    }

    #[test]
    fn a_curated_pair_of_the_bundled_catalog_preloads_its_style_sheet_and_card_fragment_and_no_other_does() {
        let bundled = Published::new(WIDGET, &format!("{WIDGET}catalog.json"));
        assert_eq!(
            bundled.script_embed(&pair(true)),
            format!(
                "<link rel=\"preload\" href=\"{WIDGET}embed.css\" as=\"style\">\n\
                 <link rel=\"preload\" href=\"{WIDGET}cards/smollm3-vs-phi-3-mini.html\" as=\"fetch\" crossorigin>\n\
                 <div data-tool-compare data-a=\"smollm3\" data-b=\"phi-3-mini\" data-theme=\"auto\"></div>\n\
                 <script type=\"module\" src=\"{WIDGET}embed.js\"></script>"
            )
        );
        // The build writes no fragment for these.
        assert!(!bundled.script_embed(&pair(false)).contains("<link"));
        let other = Published::new(WIDGET, "https://cdn.example.org/c.json");
        assert!(!other.script_embed(&pair(true)).contains("<link"));
    }
}
