// Large catalogs in the browser (issue 27): time to the card, bytes a
// reader downloads for it, JS heap + Wasm memory, and a picker's
// keystrokes (bytes and time to the matches), for sites built by
// `tool-compare build` — the seed, one-file and sharded catalogs — on a
// desktop and on the phone profile (CDP: 150 ms, 1.6 Mbit/s, CPU 4×).
// Served gzipped from a sub-path, as a static host does.
// Usage: node bench/sharded.mjs <results dir> <name>=<site dir> ...
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { serveStatic } from '../tests/e2e/harness.mjs';
import { captureWasmExports } from './page-probes.mjs';
import { throttleToPhone } from './phone-profile.mjs';

const [resultsDir, ...sites] = process.argv.slice(2);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MARK = 'tool-compare:card-rendered';
// A query a reader types a character at a time: the synthetic catalogs'
// tool numbers, so every size has matches.
const KEYS = ['0', '1', '2', '3'];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Bytes on the wire per request, by CDP's loadingFinished. */
function countBytes(cdp) {
  const bytes = { total: 0, requests: 0 };
  cdp.on('Network.loadingFinished', (event) => {
    bytes.total += event.encodedDataLength;
    bytes.requests += 1;
  });
  return bytes;
}

async function load(browser, url, phone) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (phone) await throttleToPhone(cdp);
  const bytes = countBytes(cdp);
  await page.addInitScript(captureWasmExports);
  await page.goto(url);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 120000 });
  const card = await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, MARK);
  await page.waitForTimeout(300);
  return { context, page, cdp, bytes, card };
}

async function keystrokes(page, bytes) {
  const input = page.locator('.tcw:not([data-tc-prerendered])').getByRole('combobox').first();
  const status = page.locator('.tcw:not([data-tc-prerendered]) .tcw-picker-status').first();
  await input.click();
  const steps = [];
  for (const key of KEYS) {
    const before = bytes.total;
    const requests = bytes.requests;
    const started = await page.evaluate(() => performance.now());
    await input.press(key);
    // Settled: the frame after the keystroke drew, and no file is awaited
    // ("Searching…" shows from that frame until the shard has come).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.waitForFunction(
      () => !(document.querySelector('.tcw:not([data-tc-prerendered]) .tcw-picker-status')?.textContent ?? '').startsWith('Searching'),
      null,
      { timeout: 60000, polling: 'raf' },
    );
    const ended = await page.evaluate(() => performance.now());
    await page.waitForTimeout(100);
    steps.push({ ms: Math.round(ended - started), bytes: bytes.total - before, requests: bytes.requests - requests, status: await status.innerText() });
  }
  return steps;
}

async function main() {
  await mkdir(resultsDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const results = [];
  try {
    for (const entry of sites) {
      const [name, root] = entry.split('=');
      const server = await serveStatic({ root, gzip: true });
      const row = { name };
      for (const phone of [false, true]) {
        const cards = [];
        let detail;
        for (let run = 0; run < RUNS; run++) {
          const loaded = await load(browser, server.url, phone);
          cards.push(loaded.card);
          if (run === 0) {
            const memory = await loaded.page.evaluate(() => ({
              jsHeap: performance.memory?.usedJSHeapSize ?? 0,
              wasm: window.benchWasm?.memory?.buffer?.byteLength ?? 0,
            }));
            detail = { bytes: loaded.bytes.total, requests: loaded.bytes.requests, memoryMB: Math.round(((memory.jsHeap + memory.wasm) / 2 ** 20) * 10) / 10 };
            detail.keys = await keystrokes(loaded.page, loaded.bytes);
          }
          await loaded.context.close();
        }
        row[phone ? 'phone' : 'desktop'] = { cardMs: Math.round(median(cards)), runs: cards.map(Math.round), ...detail };
      }
      results.push(row);
      console.error(`${name}: desktop ${row.desktop.cardMs} ms, phone ${row.phone.cardMs} ms, ${row.desktop.bytes} B`);
      await server.close();
    }
  } finally {
    await browser.close();
  }
  const seed = results[0];
  const lines = [
    `Sites built by tool-compare, served gzipped from a sub-path; medians of ${RUNS} loads in fresh contexts, cache disabled; measured ${new Date().toISOString().slice(0, 10)} on ${(await import('node:os')).cpus().length} CPUs. Time to card: navigation start to the live card (\`${MARK}\`); ratio against the first row. Bytes: on the wire until then. Memory: JS heap + Wasm memory after load. Keystrokes typed one at a time into the first picker ("${KEYS.join('')}"), on each profile: time to the settled status line, and the bytes fetched for it.`,
    '',
    '| site | time to card: desktop | ratio | phone | ratio | bytes for the card (requests) | JS heap + Wasm | keystrokes, desktop: ms / bytes | keystrokes, phone: ms / bytes |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of results) {
    const keys = (profile) => profile.keys.map((k) => `${k.ms} ms / ${k.bytes} B`).join('; ');
    lines.push(`| ${row.name} | ${row.desktop.cardMs} ms | ${(row.desktop.cardMs / seed.desktop.cardMs).toFixed(2)}× | ${row.phone.cardMs} ms | ${(row.phone.cardMs / seed.phone.cardMs).toFixed(2)}× | ${row.desktop.bytes} B (${row.desktop.requests}) | ${row.desktop.memoryMB} MB | ${keys(row.desktop)} | ${keys(row.phone)} |`);
  }
  await writeFile(join(resultsDir, 'sharded.json'), JSON.stringify(results, null, 2) + '\n');
  await writeFile(join(resultsDir, 'sharded.md'), lines.join('\n') + '\n');
  console.log(lines.join('\n'));
}

await main();
