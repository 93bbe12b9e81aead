// The phone benchmark: Lighthouse's mobile profile (150 ms round trips,
// 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower, a 412 px touch screen),
// applied through the DevTools protocol, with every file served gzipped as
// static hosts do. For the standalone page, a curated pair's page and a
// script embed with its card fragment, each against its static twin in the
// same run, alternating: when the card's content first shows, and when a
// reader's first tap on "Vote for <first tool>", made the moment the
// content shows, takes effect (the live card shows that button pressed).
// Start-up is broken down by phase from resource timing and the widget's
// performance marks.
// Usage: node bench/phone.mjs <dist> <results dir> [--before <dist>] [--name <file stem>]
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { serveStatic } from '../tests/e2e/harness.mjs';
import { blogPage, seedEmbed, seedTwin, twinSite } from './twins.mjs';

const { positionals, values: options } = parseArgs({
  allowPositionals: true,
  options: { before: { type: 'string' }, name: { type: 'string', default: 'phone' } },
});
const [dist, resultsDir] = positionals;
if (!dist || !resultsDir) throw new Error('usage: phone.mjs <dist> <results> [--before <dist>] [--name <stem>]');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Lighthouse 12's mobile preset ("slow 4G"), as DevTools throttling. */
export const PHONE = {
  latency: 150,
  downloadThroughput: (1638.4 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
  cpuSlowdown: 4,
  viewport: { width: 412, height: 823 },
};

const median = (values) => {
  const present = values.filter((v) => v != null).sort((a, b) => a - b);
  return present.length ? present[Math.floor(present.length / 2)] : null;
};
const round = (x, digits = 0) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * Runs in every page before its scripts: the first frame with the card's
 * heading laid out and styled; the reader's tap; the first frame in which
 * the live card shows the first vote button pressed.
 */
function watchCard() {
  const root = () => document.querySelector('[data-tool-compare]')?.shadowRoot ?? document;
  const frame = () => {
    const r = root();
    const h2 = r.querySelector('.tcw h2');
    const sheet = r.querySelector('link[rel="stylesheet"][href*="widget-"]');
    if (window.benchFirstContent === undefined && h2 && sheet?.sheet && h2.getBoundingClientRect().height > 0) {
      window.benchFirstContent = performance.now();
    }
    const pressed = r.querySelector('.tcw:not([data-tc-prerendered]) [data-tc-key="vote-0"][aria-pressed="true"]');
    if (pressed && window.benchTapAt !== undefined) window.benchTapEffect = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  addEventListener('pointerdown', () => (window.benchTapAt ??= performance.now()), true);
  addEventListener('tool-compare:ready', () => (window.benchReady ??= performance.now()), true);
}

async function main() {
  const site = await twinSite(dist);
  const cors = { 'access-control-allow-origin': '*' };
  const widget = await serveStatic({ root: site.root, headers: cors, gzip: true });
  const before = options.before && (await serveStatic({ root: options.before, headers: cors, gzip: true }));
  const blog = await serveStatic({
    prefix: '/none/',
    extra: {
      '/embed.html': blogPage(seedEmbed(widget.url)),
      '/embed-before.html': blogPage(seedEmbed(before?.url)),
      '/twin.html': blogPage(seedTwin(widget.url, site)),
    },
  });
  const pair = 'smollm3-vs-vercel-ai-gateway.html';
  const scenarios = [
    { name: 'standalone page (index.html)', url: widget.url, twin: `${widget.url}twin-index.html` },
    { name: "the pair's own page", url: `${widget.url}${pair}`, twin: `${widget.url}twin-${pair}` },
    { name: 'script embed with its card fragment', url: `${blog.origin}/embed.html`, twin: `${blog.origin}/twin.html` },
  ];
  if (before) {
    scenarios.push(
      { name: 'before: standalone page', url: before.url, twin: `${widget.url}twin-index.html` },
      { name: "before: the pair's own page", url: `${before.url}${pair}`, twin: `${widget.url}twin-${pair}` },
      { name: 'before: script embed', url: `${blog.origin}/embed-before.html`, twin: `${blog.origin}/twin.html` },
    );
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

  /** One load on the phone profile; `tap`: tap the first vote button as soon as the content shows. */
  async function load(url, tap) {
    const context = await browser.newContext({ viewport: PHONE.viewport, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latency,
      downloadThroughput: PHONE.downloadThroughput,
      uploadThroughput: PHONE.uploadThroughput,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    await page.addInitScript(watchCard);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.benchFirstContent !== undefined, null, { timeout: 60000, polling: 10 });
    const result = { firstContent: await page.evaluate(() => window.benchFirstContent) };
    if (tap) {
      const button = page.locator('.tcw[data-tc-prerendered] [data-tc-key="vote-0"]').first();
      // Below the first screen on a phone: the reader scrolls to it first.
      await button.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
      const box = await button.boundingBox();
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForFunction(() => window.benchTapEffect !== undefined, null, { timeout: 60000 });
      Object.assign(
        result,
        await page.evaluate(() => {
          const mark = (name) => performance.getEntriesByName(`tool-compare:${name}`)[0]?.startTime ?? null;
          const resource = (pattern) =>
            performance.getEntriesByType('resource').find((r) => pattern.test(new URL(r.name).pathname)) ?? null;
          const wasm = resource(/\.wasm$/);
          const js = resource(/\/tool-compare-widget-[0-9a-f]+\.js$/);
          const catalog = resource(/catalog\.json$/);
          return {
            tapAt: window.benchTapAt,
            tapEffect: window.benchTapEffect,
            ready: window.benchReady ?? null,
            wasmRequested: wasm?.startTime ?? null,
            wasmArrived: wasm?.responseEnd ?? null,
            jsArrived: js?.responseEnd ?? null,
            catalogArrived: catalog?.responseEnd ?? null,
            catalogLoaded: mark('catalog-loaded'),
            cardRendered: mark('card-rendered'),
          };
        }),
      );
    }
    await context.close();
    return result;
  }

  const results = [];
  try {
    for (const scenario of scenarios) {
      const runs = [];
      const twins = [];
      for (let run = 0; run < RUNS; run++) {
        runs.push(await load(scenario.url, true));
        twins.push(await load(scenario.twin, false));
      }
      const m = (key) => median(runs.map((r) => r[key]));
      const staticFirstContent = median(twins.map((r) => r.firstContent));
      const row = {
        scenario: scenario.name,
        firstContentMs: round(m('firstContent')),
        staticFirstContentMs: round(staticFirstContent),
        firstContentRatio: round(m('firstContent') / staticFirstContent, 2),
        tapAtMs: round(m('tapAt')),
        tapEffectMs: round(m('tapEffect')),
        tapRatio: round(m('tapEffect') / staticFirstContent, 2),
        wasmRequestedMs: round(m('wasmRequested')),
        wasmArrivedMs: round(m('wasmArrived')),
        jsArrivedMs: round(m('jsArrived')),
        catalogArrivedMs: round(m('catalogArrived')),
        catalogLoadedMs: round(m('catalogLoaded')),
        cardRenderedMs: round(m('cardRendered')),
        readyMs: round(m('ready')),
      };
      console.log(JSON.stringify(row));
      results.push(row);
    }
  } finally {
    await browser.close();
    await widget.close();
    await before?.close();
    await blog.close();
    await rm(site.root, { recursive: true, force: true });
  }
  const report = { date: new Date().toISOString().slice(0, 10), runs: RUNS, profile: PHONE, chromium: browser.version(), results };
  await writeFile(join(resultsDir, `${options.name}.json`), JSON.stringify(report, null, 2) + '\n');
  const ms = (x) => (x == null ? '—' : `${x}`);
  const md = [
    `Phone profile (150 ms RTT, 1.6 Mbit/s, CPU 4×, 412 px, gzip), measured ${report.date}, Chromium ${report.chromium}; medians of ${RUNS} loads of each page and of its static twin, alternating. Times in ms from navigation.`,
    '',
    '| page | first content | static twin | page / twin | tap | tap in effect | tap / twin | Wasm requested → arrived | JS arrived | catalog arrived → loaded | card drawn | live (ready) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${ms(r.firstContentMs)} | ${ms(r.staticFirstContentMs)} | ${r.firstContentRatio}× | ${ms(r.tapAtMs)} | **${ms(r.tapEffectMs)}** | **${r.tapRatio}×** | ${ms(r.wasmRequestedMs)} → ${ms(r.wasmArrivedMs)} | ${ms(r.jsArrivedMs)} | ${ms(r.catalogArrivedMs)} → ${ms(r.catalogLoadedMs)} | ${ms(r.cardRenderedMs)} | ${ms(r.readyMs)} |`,
    ),
  ].join('\n');
  await writeFile(join(resultsDir, `${options.name}.md`), md + '\n');
  console.log('\n' + md);
}

await main();
