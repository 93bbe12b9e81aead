// `cfg(shards)`: reading the sharded layout of large catalogs (the widget's
// build.rs includes this file, for the same cfg in the widget). On with the
// `shards` feature (every native tool), or when the widget's build for
// sharded sites asks for it with `TOOL_COMPARE_WIDGET_SHARDS=1`: Trunk
// builds the widget with the features its `index.html` names and no
// others, so the second build cannot name a feature.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shards)");
    println!("cargo:rerun-if-env-changed=TOOL_COMPARE_WIDGET_SHARDS");
    let asked = std::env::var("TOOL_COMPARE_WIDGET_SHARDS").is_ok_and(|value| value == "1");
    if asked || std::env::var_os("CARGO_FEATURE_SHARDS").is_some() {
        println!("cargo:rustc-cfg=shards");
    }
}
