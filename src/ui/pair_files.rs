//! The names of a curated pair's own files: its page beside `index.html`
//! (which the Share panel links and the curated links of a pre-rendered
//! page point to), its card fragment for `embed.js` (which the Share
//! panel's script embed preloads) and its preview image.

/// `<a>-vs-<b>`, the stem of both.
fn stem(a: &str, b: &str) -> String {
    format!("{a}-vs-{b}")
}

/// The pair's own page, beside `index.html`.
pub fn pair_page_file(a: &str, b: &str) -> String {
    format!("{}.html", stem(a, b))
}

/// The pair's card fragment, which `embed.js` shows for the pair.
pub fn pair_card_file(a: &str, b: &str) -> String {
    format!("cards/{}.html", stem(a, b))
}

/// The pair's preview image, in `folder`.
pub fn pair_preview_file(folder: &str, a: &str, b: &str) -> String {
    format!("{folder}/{}.png", stem(a, b))
}
