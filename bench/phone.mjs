// The phone benchmark: Lighthouse's mobile profile (150 ms round trips,
// 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower, a 412 px touch screen),
// applied through the DevTools protocol, with every file served gzipped as
// static hosts do. For the standalone page, a curated pair's page and a
// script embed with its card fragment, each against its static twin in the
// same run, alternating: when the card's content first shows, and when a
// reader's first tap on "Vote for <first tool>", made once the frame that
// shows the button is painted, takes effect (a card shows that button
// pressed: since issue 26 the pre-rendered one, before the Wasm), how long
// after the tap that is, the tap's interaction to next paint (web-vitals),
// the layout shift after it (the hand-over with a vote made before it),
// and when the live card shows the vote.
// Start-up is broken down by phase from resource timing and the widget's
// performance marks. Also the card pasted into a post with the script tag
// (the snippet); with --floor each twin with a one-line inline vote, what
// no design can take away; with --older-codes the embed codes of stops
// 35–37 and before.
// Usage: node bench/phone.mjs <dist> <results dir> [--before <dist>] [--name <file stem>] [--floor] [--older-codes]
import { existsSync } from 'node:fs';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { serveStatic } from '../tests/e2e/harness.mjs';
import { blogPage, FLOOR_SCRIPT, seedEmbed, seedSnippet, seedTwin, twinSite } from './twins.mjs';
import { PHONE, throttleToPhone } from './phone-profile.mjs';
import { median, round } from './medians.mjs';

// web-vitals' IIFE build, made global (Playwright runs an init script in a
// function of its own, where its `var` would stay local).
const WEB_VITALS =
  (await readFile(new URL('../tests/e2e/node_modules/web-vitals/dist/web-vitals.attribution.iife.js', import.meta.url), 'utf8')) +
  '\nwindow.webVitals = webVitals;';

const { positionals, values: options } = parseArgs({
  allowPositionals: true,
  options: {
    before: { type: 'string' },
    name: { type: 'string', default: 'phone' },
    'tap-after': { type: 'string', default: '0' },
    floor: { type: 'boolean', default: false },
    'older-codes': { type: 'boolean', default: false },
  },
});
const [dist, resultsDir] = positionals;
if (!dist || !resultsDir) throw new Error('usage: phone.mjs <dist> <results> [--before <dist>] [--name <stem>] [--tap-after <ms>] [--floor] [--older-codes]');
/** How long after the vote shows the reader taps it: 0, at once (the worst case); or a reader's reading time. */
const TAP_AFTER = Number(options['tap-after']);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);



/**
 * Runs in every page before its scripts: the first frame with the card's
 * heading laid out and styled; the reader's tap; the first frame in which
 * a card (pre-rendered or live) shows the first vote button pressed, and
 * the first in which the live card does; the layout shifts after the tap
 * (the hand-over among them).
 */
function watchCard(tapWanted) {
  const root = () => document.querySelector('[data-tool-compare]')?.shadowRoot ?? document;
  const frame = () => {
    const r = root();
    const h2 = r.querySelector('.tcw h2');
    const sheet = r.querySelector('link[rel="stylesheet"][href*="widget-"], link[rel="stylesheet"][href$="/embed.css"]');
    if (window.benchFirstContent === undefined && h2 && sheet?.sheet && h2.getBoundingClientRect().height > 0) {
      window.benchFirstContent = performance.now();
    }
    // Below the first screen on a phone: the reader scrolls to the vote as
    // soon as the content shows (and the vote is parsed), and the benchmark
    // taps where it then is, once this frame is painted: a reader taps what
    // is on screen (a task queued from a frame's callback runs after its paint).
    const vote = r.querySelector('.tcw [data-tc-key="vote-0"]');
    if (tapWanted && window.benchFirstContent !== undefined && !window.benchVoteAt && vote) {
      vote.scrollIntoView({ block: 'center', behavior: 'instant' });
      const box = vote.getBoundingClientRect();
      window.benchVoteAt = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      setTimeout(() => {
        window.benchVoteAt.t = performance.now();
        window.benchVoteShown(window.benchVoteAt);
      });
    }
    if (window.benchTapAt !== undefined) {
      if (r.querySelector('.tcw [data-tc-key="vote-0"][aria-pressed="true"]')) window.benchTapEffect ??= performance.now();
      if (r.querySelector('.tcw:not([data-tc-prerendered]) [data-tc-key="vote-0"][aria-pressed="true"]')) {
        window.benchLiveEffect = performance.now();
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // The tap's own time (the event's), so that a busy main thread counts.
  addEventListener('pointerdown', (event) => (window.benchTapAt ??= event.timeStamp), true);
  addEventListener('tool-compare:ready', () => (window.benchReady ??= performance.now()), true);
  window.benchShifts = [];
  new PerformanceObserver((list) => window.benchShifts.push(...list.getEntries().map((e) => [e.startTime, e.value]))).observe({
    type: 'layout-shift',
    buffered: true,
  });
  // Interaction to next paint as web-vitals measures it (its IIFE build is
  // injected before this script): the first tap is the only interaction.
  window.webVitals.onINP(
    (metric) => {
      const { inputDelay, processingDuration, presentationDelay } = metric.attribution;
      window.benchINP = { value: metric.value, inputDelay, processingDuration, presentationDelay };
    },
    { reportAllChanges: true },
  );
}

async function main() {
  const site = await twinSite(dist);
  const cors = { 'access-control-allow-origin': '*' };
  const widget = await serveStatic({ root: site.root, headers: cors, gzip: true });
  const before = options.before && (await serveStatic({ root: options.before, headers: cors, gzip: true }));
  // The Share panel's code of the build before: with embed.css preloaded
  // where that build wrote one, else the fragment only.
  const beforePreloads = options.before && existsSync(join(options.before, 'embed.css')) ? 'both' : 'fragment';
  const blog = await serveStatic({
    prefix: '/none/',
    extra: {
      '/embed.html': blogPage(seedEmbed(widget.url)),
      '/embed-fragment-preload.html': blogPage(seedEmbed(widget.url, { preload: 'fragment' })),
      '/embed-no-preload.html': blogPage(seedEmbed(widget.url, { preload: false })),
      '/embed-before.html': blogPage(seedEmbed(before?.url, { preload: beforePreloads })),
      '/twin.html': blogPage(seedTwin(widget.url, site)),
      '/snippet.html': blogPage(seedSnippet(widget.url, site)),
      '/floor.html': blogPage(seedTwin(widget.url, site) + FLOOR_SCRIPT),
    },
  });
  const pair = 'smollm3-vs-vercel-ai-gateway.html';
  const scenarios = [
    { name: 'standalone page (index.html)', url: widget.url, twin: `${widget.url}twin-index.html` },
    { name: "the pair's own page", url: `${widget.url}${pair}`, twin: `${widget.url}twin-${pair}` },
    { name: 'script embed with its card fragment (style sheet and fragment preloaded)', url: `${blog.origin}/embed.html`, twin: `${blog.origin}/twin.html` },
    { name: 'the card pasted with the script tag (`tool-compare snippet`)', url: `${blog.origin}/snippet.html`, twin: `${blog.origin}/twin.html` },
  ];
  // The embed codes blogs may still carry from before stop 38.
  if (options['older-codes']) {
    scenarios.push(
      { name: 'the same, fragment preloaded only (the code of stops 35–37)', url: `${blog.origin}/embed-fragment-preload.html`, twin: `${blog.origin}/twin.html` },
      { name: 'the same without preloads', url: `${blog.origin}/embed-no-preload.html`, twin: `${blog.origin}/twin.html` },
    );
  }
  // The least any script could add: each twin with an inline script (nothing
  // to download) that shows the button pressed and nothing else. The
  // distance from its twin is the scroll, the tap and the frames, which no
  // design can take away; the widget's own cost is what it adds to that.
  if (options.floor) {
    scenarios.push(
      { name: 'floor: the standalone page\'s twin with a one-line vote', url: `${widget.url}floor-index.html`, twin: `${widget.url}twin-index.html`, live: false },
      { name: 'floor: the pair\'s twin with a one-line vote', url: `${widget.url}floor-${pair}`, twin: `${widget.url}twin-${pair}`, live: false },
      { name: 'floor: the script embed\'s twin with a one-line vote', url: `${blog.origin}/floor.html`, twin: `${blog.origin}/twin.html`, live: false },
    );
  }
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
  async function load(url, tap, live = true) {
    const context = await browser.newContext({ viewport: PHONE.viewport, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await throttleToPhone(cdp);
    page.on('pageerror', (error) => console.error(`page error on ${url}: ${error.message}`));
    await page.addInitScript({ content: WEB_VITALS });
    await page.addInitScript(watchCard, tap);
    // The page says where the vote is the moment it shows (a push, not a
    // poll: polling a page whose CPU is slowed 4× tapped 300–500 ms late).
    let shown;
    const voteShown = new Promise((resolve) => (shown = resolve));
    await page.exposeFunction('benchVoteShown', (at) => shown(at));
    await page.goto(url, { waitUntil: 'commit' });
    if (tap) {
      const at = await voteShown;
      if (TAP_AFTER) await page.waitForTimeout(TAP_AFTER);
      await page.touchscreen.tap(at.x, at.y);
    }
    await page.waitForFunction(() => window.benchFirstContent !== undefined, null, { timeout: 60000, polling: 10 });
    const result = { firstContent: await page.evaluate(() => window.benchFirstContent) };
    if (tap) {
      if (live) await page.waitForFunction(() => window.benchLiveEffect !== undefined, null, { timeout: 60000 });
      else await page.waitForFunction(() => window.benchTapEffect !== undefined, null, { timeout: 60000 });
      // The live card settles; web-vitals reports the interaction once painted.
      await page.waitForTimeout(500);
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
            voteShown: window.benchVoteAt.t,
            tapEffect: window.benchTapEffect,
            liveEffect: window.benchLiveEffect,
            inp: window.benchINP?.value ?? null,
            inpInputDelay: window.benchINP?.inputDelay ?? null,
            inpProcessing: window.benchINP?.processingDuration ?? null,
            inpPresentation: window.benchINP?.presentationDelay ?? null,
            // From the frame after the effect on: the hand-over's, not the vote's own.
            shiftAfterTap: window.benchShifts.filter(([at]) => at > window.benchTapEffect + 20).reduce((sum, [, value]) => sum + value, 0),
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
        runs.push(await load(scenario.url, true, scenario.live ?? true));
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
        voteShownMs: round(m('voteShown')),
        tapEffectMs: round(m('tapEffect')),
        tapRatio: round(m('tapEffect') / staticFirstContent, 2),
        tapToEffectMs: round(median(runs.map((r) => r.tapEffect - r.tapAt))),
        inpMs: round(m('inp')),
        inpPartsMs: [m('inpInputDelay'), m('inpProcessing'), m('inpPresentation')].map((x) => round(x)),
        maxShiftAfterTap: round(Math.max(...runs.map((r) => r.shiftAfterTap)), 4),
        liveEffectMs: round(m('liveEffect')),
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
  const report = { date: new Date().toISOString().slice(0, 10), runs: RUNS, tapAfterMs: TAP_AFTER, profile: PHONE, chromium: browser.version(), results };
  await writeFile(join(resultsDir, `${options.name}.json`), JSON.stringify(report, null, 2) + '\n');
  const ms = (x) => (x == null ? '—' : `${x}`);
  const md = [
    `Phone profile (150 ms RTT, 1.6 Mbit/s, CPU 4×, 412 px, gzip), measured ${report.date}, Chromium ${report.chromium}; medians of ${RUNS} loads of each page and of its static twin, alternating. Times in ms from navigation; the tap is made ${TAP_AFTER ? `${TAP_AFTER} ms after` : 'as soon as'} the frame that shows the vote button (scrolled to at once) is painted. The layout shift is the sum after the frame that shows the vote (the hand-over's).`,
    '',
    '| page | first content | static twin | page / twin | vote on screen | tap | vote in effect | tap → effect | in effect / twin | INP of the tap (input delay + processing + presentation) | layout shift after the tap | live card shows the vote | Wasm requested → arrived | live (ready) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${ms(r.firstContentMs)} | ${ms(r.staticFirstContentMs)} | ${r.firstContentRatio}× | ${ms(r.voteShownMs)} | ${ms(r.tapAtMs)} | **${ms(r.tapEffectMs)}** | **${ms(r.tapToEffectMs)}** | ${r.tapRatio}× | **${ms(r.inpMs)}** (${r.inpPartsMs.map(ms).join(' + ')}) | ${r.maxShiftAfterTap} | ${ms(r.liveEffectMs)} | ${ms(r.wasmRequestedMs)} → ${ms(r.wasmArrivedMs)} | ${ms(r.readyMs)} |`,
    ),
  ].join('\n');
  await writeFile(join(resultsDir, `${options.name}.md`), md + '\n');
  console.log('\n' + md);
}

await main();
