//! The card's style sheet as one content-hashed file, shared by the
//! standalone pages, every embedded widget and every pre-rendered card:
//! cached once, allowed by a strict Content-Security-Policy.

use crate::widget::{Widget, CARD_STYLE};

/// The style sheet as written, for a program built without the widget's
/// (minified) files: snippets still link a name, and inline it.
const SOURCE: &str = include_str!("../../../style/widget.css");

/// The card's style sheet: the widget's minified one, else the source.
pub fn css(widget: Option<&Widget>) -> &str {
    widget.and_then(|widget| widget.text(CARD_STYLE).ok()).unwrap_or(SOURCE)
}

/// `widget-<hash>.css`: a new name whenever the styles change, so it can be
/// cached for good.
pub fn file_name(css: &str) -> String {
    format!("widget-{:016x}.css", fnv1a(css.as_bytes()))
}

/// FNV-1a, 64 bits: stable across builds and platforms, unlike std's hasher.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}
