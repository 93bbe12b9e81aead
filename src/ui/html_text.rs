//! The one HTML escaper for markup written as text: the embed codes the
//! Share panel offers, and what the pre-render writes around the
//! components' own markup (which Leptos escapes itself).

/// `text` made safe for an element's content or a quoted attribute value,
/// in HTML and in SVG alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_characters_become_references_and_the_rest_stays() {
        assert_eq!(
            escape(r#"<b class="x">Tom's & Jerry's</b> ✓"#),
            "&lt;b class=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/b&gt; ✓"
        );
    }
}
