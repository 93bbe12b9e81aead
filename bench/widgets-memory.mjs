// Memory and catalog requests with three script-embedded widgets of one
// 10,000-tool catalog on a page (issue: one catalog session per page).
// Usage: node bench/widgets-memory.mjs <dist> <catalog.json>
import { readFile } from 'node:fs/promises';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { serveStatic } from '../tests/e2e/harness.mjs';
import { captureWasmExports } from './page-probes.mjs';

const [dist, catalogFile] = process.argv.slice(2);
const catalog = await readFile(catalogFile);
const widget = await serveStatic({
  root: dist,
  headers: { 'access-control-allow-origin': '*' },
  extra: {
    '/big.json': (req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(catalog),
  },
});
const ids = [['tool-00000', 'tool-00001'], ['tool-00002', 'tool-00003'], ['tool-00004', 'tool-00005']];
const blog = await serveStatic({
  prefix: '/none/',
  extra: {
    '/three.html': (req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>three</title><link rel="icon" href="data:,"></head><body>
${ids.map(([a, b]) => `<div data-tool-compare data-catalog="${widget.origin}/big.json" data-a="${a}" data-b="${b}" style="display:block;height:300px;overflow:hidden"></div>`).join('\n')}
<script type="module" src="${widget.url}embed.js"></script></body></html>`),
  },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 1200 } })).newPage();
await page.addInitScript(captureWasmExports);
let requests = 0;
page.on('request', (r) => r.url().endsWith('/big.json') && requests++);
await page.goto(`${blog.origin}/three.html`);
await page.waitForFunction(
  () => [...document.querySelectorAll('[data-tool-compare]')].every((el) => el.shadowRoot?.querySelector('.tcw h2')),
  null,
  { timeout: 60000 },
);
const memory = await page.evaluate(() => ({
  wasmMB: Math.round((window.benchWasm.memory.buffer.byteLength / 2 ** 20) * 10) / 10,
  jsHeapMB: Math.round((performance.memory.usedJSHeapSize / 2 ** 20) * 10) / 10,
}));
console.log(JSON.stringify({ widgets: 3, tools: 10000, catalogRequests: requests, ...memory }));
await browser.close();
await widget.close();
await blog.close();
