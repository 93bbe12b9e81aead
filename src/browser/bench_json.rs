//! Built only with `--features bench-json`: times the two ways of turning
//! catalog JSON into Rust values, to choose between them with figures.

use compare_domain::{parse_catalog, Catalog};
use wasm_bindgen::prelude::*;

fn now() -> f64 {
    leptos::prelude::window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Median milliseconds of `runs` parses of `text`: `[serde_json on the
/// text copied into Wasm, JSON.parse then serde-wasm-bindgen]`.
#[wasm_bindgen]
pub fn bench_json(text: js_sys::JsString, runs: u32) -> Vec<f64> {
    let median = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let mut serde_json_ms = Vec::new();
    let mut swb_ms = Vec::new();
    for _ in 0..runs {
        let start = now();
        let copied = String::from(&text);
        let catalog = parse_catalog(&copied).expect("valid catalog");
        serde_json_ms.push(now() - start);
        drop(catalog);

        let start = now();
        let value = js_sys::JSON::parse(&String::from(&text)).expect("JSON");
        let catalog: Catalog = serde_wasm_bindgen::from_value(value).expect("catalog");
        swb_ms.push(now() - start);
        drop(catalog);
    }
    vec![median(serde_json_ms), median(swb_ms)]
}
