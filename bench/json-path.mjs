// How long catalog text takes to become a validated catalog in a real
// browser, by step, next to the browser's own JSON.parse of the same text
// (a lower bound for any reader). Run bench/json-path.sh.
import { readdir } from 'node:fs/promises';
const DIST = process.argv[2];
import { serveStatic, launchBrowser, newPage } from '../tests/e2e/harness.mjs';
const server = await serveStatic({ root: DIST });
const browser = await launchBrowser();
const page = await newPage(browser);
await page.goto(server.url);
// The bundle's own bindings, loaded as embed.js loads them.
const bundle = (await readdir(DIST)).find((name) => /^tool-compare-widget-[0-9a-f]+\.js$/.test(name));
await page.evaluate(async (bundle) => {
  window.wasmBindings = await import(`./${bundle}`);
  await window.wasmBindings.default({ module_or_path: `./${bundle.replace('.js', '_bg.wasm')}` });
}, bundle);
for (const name of ['seed', 'cat100', 'cat1000', 'cat10000', 'split10000/catalog']) {
  const runs = name === 'cat10000' ? 9 : 31;
  const r = await page.evaluate(async ([name, runs]) => {
    const text = await (await fetch(name + '.json')).text();
    const parse = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      JSON.parse(text);
      parse.push(performance.now() - start);
    }
    parse.sort((a, b) => a - b);
    return [...window.wasmBindings.bench_json(text, runs), parse[Math.floor(runs / 2)]];
  }, [name, runs]);
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(`| ${name} | ${ms(r[0])} | ${ms(r[1])} | ${ms(r[2])} | ${ms(r[0] + r[2])} | ${ms(r[3])} |`);
}
await browser.close(); await server.close();
