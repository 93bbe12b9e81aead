// Scripts the benchmarks add to pages (`page.addInitScript`).

/** Runs in the page: keeps the Wasm's exports (its memory) as `window.benchWasm`. */
export function captureWasmExports() {
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async (...args) => {
      const result = await original.apply(WebAssembly, args);
      window.benchWasm = (result.instance ?? result).exports;
      return result;
    };
  }
}
