//! Built only with `--features bench-json`: times turning catalog text into
//! a validated catalog in the browser, by step, for `bench/json-path.sh`.

use compare_domain::{load_catalog, parse_catalog};
use wasm_bindgen::prelude::*;

fn now() -> f64 {
    leptos::prelude::window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Median milliseconds of `runs` rounds on `text`: `[copying the text into
/// Wasm, reading it (the catalog reader), the whole load: read, validate
/// and index]`.
#[wasm_bindgen]
pub fn bench_json(text: js_sys::JsString, runs: u32) -> Vec<f64> {
    let median = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let (mut copy_ms, mut read_ms, mut load_ms) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = now();
        let copied = String::from(&text);
        copy_ms.push(now() - start);

        let start = now();
        let catalog = parse_catalog(&copied).expect("a catalog");
        read_ms.push(now() - start);
        drop(catalog);

        let start = now();
        let loaded = load_catalog(&copied).expect("a valid catalog");
        load_ms.push(now() - start);
        drop(loaded);
    }
    vec![median(copy_ms), median(read_ms), median(load_ms)]
}
