// `cfg(shards)` for the widget, by the same rule as compare-domain's.
include!("crates/compare-domain/build.rs");
