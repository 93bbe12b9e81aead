// The performance benchmark: sizes of what ships, and timings in headless
// Chromium against the release build, at several catalog sizes, side by
// side with a static HTML page of the same card. Run it with bench/run.sh.
// Usage: node bench/bench.mjs <dist> <catalog dir> <results dir>
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { chromium } from "../tests/e2e/node_modules/playwright-core/index.mjs";
import { distAllowingCatalogsFrom, serveStatic } from '../tests/e2e/harness.mjs';
import { captureWasmExports } from './page-probes.mjs';

const [dist, catalogs, resultsDir] = process.argv.slice(2);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const MARK = 'tool-compare:card-rendered';
const SIZES = [
  { name: 'seed (8 tools)', file: 'seed.json', tools: 8 },
  { name: '100 tools', file: 'cat100.json', tools: 100 },
  { name: '1,000 tools', file: 'cat1000.json', tools: 1000 },
  { name: '10,000 tools', file: 'cat10000.json', tools: 10000 },
  // The split layout: an index plus one file per tool (tool_details).
  { name: '10,000 tools, split', file: 'split10000/catalog.json', tools: 10000, split: true },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function assetSizes() {
  const sizes = [];
  const add = (asset, body) =>
    sizes.push({ asset, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  for (const name of (await readdir(dist)).sort()) {
    if (/\.(wasm|js)$/.test(name) || /^widget-.*\.css$/.test(name)) {
      add(name.replace(/-[0-9a-f]{16}/, ''), await readFile(join(dist, name)));
    }
  }
  return {
    assets: sizes,
    total: { raw: sizes.reduce((n, s) => n + s.raw, 0), gzip: sizes.reduce((n, s) => n + s.gzip, 0) },
  };
}

async function main() {
  await mkdir(resultsDir, { recursive: true });
  const staticPages = {};
  const catalogRoutes = {};
  for (const size of SIZES.filter((s) => !s.split)) {
    const body = await readFile(join(catalogs, size.file));
    catalogRoutes[`/catalogs/${size.file}`] = (req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    catalogRoutes[`/static/${size.file}.html`] = (req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(staticPages[size.file]);
  }
  for (const size of SIZES.filter((s) => s.split)) {
    catalogRoutes[`/static/${size.file}.html`] = (req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(staticPages[size.file]);
  }
  const styleSheet = (await readdir(dist)).find((name) => /^widget-.*\.css$/.test(name));
  // Split catalogs are folders of files, published beside the widget like
  // catalog.json (same origin, as the seed: a catalog on another origin
  // would add a connection and lose the page's preload).
  const site = await distAllowingCatalogsFrom([]);
  for (const size of SIZES.filter((s) => s.split)) {
    const folder = dirname(size.file);
    await cp(join(catalogs, folder), join(site, 'catalogs', folder), { recursive: true });
  }
  const server = await serveStatic({ root: site, extra: catalogRoutes });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const results = [];
  try {
    for (const size of SIZES) {
      const url = size.split ? `${server.url}?catalog=catalogs/${size.file}` : `${server.url}?catalog=/catalogs/${size.file}`;
      const widgetTimes = [];
      let memory;
      let switchTimes = [];
      let filterTimes = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(captureWasmExports);
        await page.goto(url);
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 60000 });
        widgetTimes.push(await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, MARK));
        if (run === 0) {
          // The static twin: the same card's markup and CSS, no application script.
          const card = await page.evaluate(() => document.querySelector('.tcw').outerHTML);
          staticPages[size.file] = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>static card</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="${server.url}${styleSheet}">
<style>body{margin:0}main{max-width:1100px;margin:0 auto;padding:16px}</style></head>
<body><main>${card}</main><script>performance.mark(${JSON.stringify(MARK)})</script></body></html>`;
          memory = await page.evaluate(() => ({
            jsHeap: performance.memory?.usedJSHeapSize ?? null,
            wasmMemory: window.benchWasm?.memory?.buffer?.byteLength ?? null,
          }));
          // Each interaction is timed twice: until the DOM is updated and laid
          // out (the work the widget does), and until the next frame has been
          // produced (what the reader waits for; includes waiting for vsync).
          await page.evaluate(() => {
            window.benchMeasure = async (act) => {
              const root = document.querySelector('.tcw');
              const start = performance.now();
              // Resolved by the first DOM change, or, when an interaction changes
              // nothing (a query with the same matches), once its tasks are done.
              const changed = new Promise((r) => {
                const observer = new MutationObserver(() => { observer.disconnect(); r(); });
                observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
                setTimeout(() => { observer.disconnect(); r(); }, 0);
              });
              act();
              await changed;
              document.body.getBoundingClientRect();
              const work = performance.now() - start;
              await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
              return [work, performance.now() - start];
            };
          });
          switchTimes = await page.evaluate(async () => {
            const swap = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Swap tools'));
            const times = [];
            for (let i = 0; i < 21; i++) times.push(await window.benchMeasure(() => swap.click()));
            return times;
          });
          filterTimes = await page.evaluate(async () => {
            const input = document.querySelector('input[role="combobox"]');
            input.focus();
            const times = [];
            for (const query of ['s', 'sy', 'syn', 't', 'to', 'too', 'tool', 'tool 0', 'tool 00', 'tool 000', 'o', 'op', 'ope', 'open']) {
              times.push(await window.benchMeasure(() => {
                input.value = query;
                input.dispatchEvent(new Event('input', { bubbles: true }));
              }));
            }
            return times;
          });
        }
        await context.close();
      }
      const staticTimes = [];
      // (the static twin of every size is the card as rendered in run 0)
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${server.origin}/static/${size.file}.html`);
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK);
        staticTimes.push(await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, MARK));
        await context.close();
      }
      const catalogBytes = (await stat(join(catalogs, size.file))).size;
      const row = {
        catalog: size.name,
        tools: size.tools,
        catalogBytes,
        catalogGzip: gzipSync(await readFile(join(catalogs, size.file)), { level: 9 }).length,
        timeToCardMs: round(median(widgetTimes)),
        staticTimeToCardMs: round(median(staticTimes)),
        ratio: round(median(widgetTimes) / median(staticTimes), 2),
        pairSwitchMs: round(median(switchTimes.map((t) => t[0]))),
        pairSwitchFrameMs: round(median(switchTimes.map((t) => t[1]))),
        filterKeystrokeMs: round(median(filterTimes.map((t) => t[0]))),
        filterKeystrokeFrameMs: round(median(filterTimes.map((t) => t[1]))),
        jsHeapMB: memory.jsHeap == null ? null : round(memory.jsHeap / 2 ** 20),
        wasmMemoryMB: memory.wasmMemory == null ? null : round(memory.wasmMemory / 2 ** 20),
      };
      console.log(JSON.stringify(row));
      results.push(row);
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(site, { recursive: true, force: true });
  }
  const sizes = await assetSizes();
  const report = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${round(os.totalmem() / 2 ** 30, 0)} GiB, ${browser.version ? 'Chromium ' + browser.version() : 'Chromium'}`,
    runs: RUNS,
    sizes,
    results,
  };
  await writeFile(join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  const kb = (n) => `${round(n / 1024)} KB`;
  const md = [
    `Measured ${report.date} on ${report.machine}; medians of ${RUNS} page loads (timings) and of 21 swaps / 14 keystrokes.`,
    '',
    '| asset | raw | gzip |',
    '|---|---|---|',
    ...sizes.assets.map((s) => `| ${s.asset} | ${kb(s.raw)} | ${kb(s.gzip)} |`),
    `| **total loaded (without the catalog)** | **${kb(sizes.total.raw)}** | **${kb(sizes.total.gzip)}** |`,
    '',
    'Pair switch and filter keystroke: DOM updated and laid out / next frame produced.',
    '',
    '| catalog | catalog size (gzip) | time to card | static page | widget / static | pair switch | filter keystroke | JS heap | Wasm memory |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.catalog} | ${kb(r.catalogBytes)} (${kb(r.catalogGzip)}) | ${r.timeToCardMs} ms | ${r.staticTimeToCardMs} ms | ${r.ratio}× | ${r.pairSwitchMs} / ${r.pairSwitchFrameMs} ms | ${r.filterKeystrokeMs} / ${r.filterKeystrokeFrameMs} ms | ${r.jsHeapMB} MB | ${r.wasmMemoryMB} MB |`,
    ),
  ].join('\n');
  await writeFile(join(resultsDir, 'latest.md'), md + '\n');
  console.log('\n' + md);
}

await main();
