// Which JSON path is faster for the catalog in a real browser: serde_json on
// the text, or JSON.parse plus serde-wasm-bindgen? Run bench/json-path.sh.
import { readdir } from 'node:fs/promises';
const DIST = process.argv[2];
import { serveStatic, launchBrowser, newPage } from '../tests/e2e/harness.mjs';
const server = await serveStatic({ root: DIST });
const browser = await launchBrowser();
const page = await newPage(browser);
await page.goto(server.url);
// The bundle's own bindings, loaded as embed.js loads them.
const bundle = (await readdir(DIST)).find((name) => /^tool-compare-[0-9a-f]+\.js$/.test(name));
await page.evaluate(async (bundle) => {
  window.wasmBindings = await import(`./${bundle}`);
  await window.wasmBindings.default({ module_or_path: `./${bundle.replace('.js', '_bg.wasm')}` });
}, bundle);
for (const name of ['seed', 'cat100', 'cat1000', 'cat10000']) {
  const runs = name === 'cat10000' ? 9 : 31;
  const r = await page.evaluate(async ([name, runs]) => {
    const text = await (await fetch(name + '.json')).text();
    return Array.from(window.wasmBindings.bench_json(text, runs));
  }, [name, runs]);
  console.log(`${name}: serde_json ${r[0].toFixed(2)} ms, JSON.parse+serde-wasm-bindgen ${r[1].toFixed(2)} ms`);
}
await browser.close(); await server.close();
