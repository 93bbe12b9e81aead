//! The widget's style sheet as one content-hashed file, shared by the
//! standalone pages, every embedded widget and every pre-rendered card:
//! cached once, allowed by a strict Content-Security-Policy.

/// The style sheet, as the pre-render was built with it.
pub const CSS: &str = include_str!("../../style/widget.css");

/// `widget-<hash>.css`: a new name whenever the styles change, so it can be
/// cached for good.
pub fn file_name() -> String {
    format!("widget-{:016x}.css", fnv1a(CSS.as_bytes()))
}

/// FNV-1a, 64 bits: stable across builds and platforms, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}
