// `cfg(shards)`: reading the sharded layout of large catalogs (the widget's
// build.rs includes this file, for the same cfg in the widget). Always on
// natively. In the Wasm only for the widget build that sharded sites
// publish, asked for with `TOOL_COMPARE_WIDGET_SHARDS=1` (scripts/build.sh):
// every other site's readers then download ~12 KB (gzip) less. Not a cargo
// feature: Trunk builds the features index.html names and no others, and
// the workspace's native members would turn a feature on in every build.
// `TOOL_COMPARE_WIDGET_SHARDS=0` turns it off natively, to test the domain
// as the smaller widget has it.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shards)");
    println!("cargo:rerun-if-env-changed=TOOL_COMPARE_WIDGET_SHARDS");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let on = match std::env::var("TOOL_COMPARE_WIDGET_SHARDS").as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => !wasm,
    };
    if on {
        println!("cargo:rustc-cfg=shards");
    }
}
