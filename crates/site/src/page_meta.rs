//! A page's link-preview tags (Open Graph and Twitter cards) and canonical
//! address, rendered by Leptos like the card, so that every value is
//! escaped by the same renderer.

use leptos::html::{link, meta};
use leptos::prelude::*;

use crate::preview;

/// What a page tells link previews and search engines about itself.
pub struct PageMeta {
    /// Absolute, or `None` where the site's address is unknown (a relative
    /// canonical address fails search engines' checks).
    pub canonical: Option<String>,
    pub title: String,
    pub description: String,
    pub site_name: String,
    pub image: String,
    pub image_alt: String,
}

impl PageMeta {
    /// The tags, one a line, as in the rest of the page's head.
    pub fn to_html(self) -> String {
        let PageMeta { canonical, title, description, site_name, image, image_alt } = self;
        let mut tags = Vec::new();
        if let Some(url) = canonical {
            tags.push(link().rel("canonical").href(url.clone()).to_html());
            tags.push(tag("property", "og:url", url));
        }
        tags.extend([
            tag("property", "og:type", "website".into()),
            tag("property", "og:title", title),
            tag("property", "og:description", description),
            tag("property", "og:site_name", site_name),
            tag("property", "og:image", image.clone()),
            tag("property", "og:image:type", "image/png".into()),
            tag("property", "og:image:width", preview::WIDTH.to_string()),
            tag("property", "og:image:height", preview::HEIGHT.to_string()),
            tag("property", "og:image:alt", image_alt.clone()),
            tag("name", "twitter:card", "summary_large_image".into()),
            tag("name", "twitter:image", image),
            tag("name", "twitter:image:alt", image_alt),
        ]);
        tags.join("\n    ")
    }
}

/// `<meta {key}="{name}" content="{content}">`: Open Graph names its
/// values by `property`, which Leptos knows no typed attribute for.
fn tag(key: &'static str, name: &'static str, content: String) -> String {
    meta().attr(key, name).attr("content", content).to_html()
}

#[cfg(test)]
mod tests {
    use super::PageMeta;

    fn meta(canonical: Option<&str>) -> String {
        PageMeta {
            canonical: canonical.map(str::to_string),
            title: "A \"quoted\" <b>name</b>".into(),
            description: "Tom's & Jerry's".into(),
            site_name: "Site".into(),
            image: "previews/a-vs-b.png".into(),
            image_alt: "A vs B".into(),
        }
        .to_html()
    }

    #[test]
    fn values_are_escaped_and_each_tag_stands_on_its_own_line() {
        let html = meta(None);
        assert!(
            html.contains(r#"<meta property="og:title" content="A &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt;">"#),
            "{html}"
        );
        assert!(html.contains(r#"<meta property="og:description" content="Tom's &amp; Jerry's">"#), "{html}");
        assert!(html.contains(&format!(r#"<meta property="og:image:width" content="{}">"#, super::preview::WIDTH)));
        assert_eq!(html.lines().count(), 12, "{html}");
        assert!(!html.contains("canonical") && !html.contains("og:url"), "{html}");
    }

    #[test]
    fn a_known_address_is_named_canonical_and_og_url() {
        let html = meta(Some("https://example.com/a-vs-b.html"));
        assert!(
            html.starts_with(
                "<link rel=\"canonical\" href=\"https://example.com/a-vs-b.html\">\n    \
             <meta property=\"og:url\" content=\"https://example.com/a-vs-b.html\">"
            ),
            "{html}"
        );
    }
}
