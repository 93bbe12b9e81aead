// The pre-render benchmark: how soon a reader sees the card's content on
// the pre-rendered standalone page, on a curated pair's own page and in a
// script embed with its card fragment, each against its static twin (the
// same card and style sheet, no script) in the same run; the bytes (gzip)
// downloaded before the content shows, the host page aside; and when the
// card is interactive (the live widget has taken over).
// With a build from before the pre-render (`--before <dist>`), its pages
// are measured in the same run against the same twins.
// Usage: node bench/prerender.mjs <dist> <results dir> [--before <dist>]
import { readFile, writeFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { serveStatic } from '../tests/e2e/harness.mjs';
import { blogPage, seedEmbed, seedTwin, twinSite } from './twins.mjs';

const [dist, resultsDir, beforeFlag, beforeDist] = process.argv.slice(2);
if (beforeFlag && (beforeFlag !== '--before' || !beforeDist)) throw new Error('usage: prerender.mjs <dist> <results> [--before <dist>]');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Runs in every page before its own scripts: notes the first animation
 * frame in which the card's heading is laid out with its style sheet
 * applied (the frame then painted shows the content), and when the live
 * widget took over.
 */
function watchCard() {
  const heading = () => {
    const root = document.querySelector('[data-tool-compare]')?.shadowRoot ?? document;
    const h2 = root.querySelector('.tcw h2');
    // Styled: by the linked style sheet (`embed.css` where the embed code
    // preloads it), or (builds before the pre-render)
    // by the <style> the widget put inside itself.
    const sheet = root.querySelector('link[rel="stylesheet"][href*="widget-"], link[rel="stylesheet"][href$="/embed.css"]') ?? root.querySelector('.tcw style');
    return h2 && sheet?.sheet && h2.getBoundingClientRect().height > 0 ? h2 : null;
  };
  const frame = () => {
    if (heading()) window.benchFirstContent = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  addEventListener('tool-compare:ready', () => (window.benchInteractive ??= performance.now()), true);
}

async function main() {
  // A copy of dist/ with the static twins beside the pages, so that they
  // load the same style sheet by the same relative address.
  const site = await twinSite(dist);
  const root = site.root;
  const widget = await serveStatic({ root, headers: { 'access-control-allow-origin': '*' } });
  const before = beforeDist && (await serveStatic({ root: beforeDist, headers: { 'access-control-allow-origin': '*' } }));
  const blog = await serveStatic({
    prefix: '/none/',
    extra: {
      '/embed.html': blogPage(seedEmbed(widget.url)),
      // What the build before gave (it wrote no embed.css).
      '/embed-before.html': blogPage(seedEmbed(before?.url, { preload: 'fragment' })),
      '/twin.html': blogPage(seedTwin(widget.url, site)),
    },
  });
  const scenarios = [
    { name: 'standalone page (index.html)', url: widget.url, twin: `${widget.url}twin-index.html` },
    {
      name: "the pair's own page",
      url: `${widget.url}smollm3-vs-vercel-ai-gateway.html`,
      twin: `${widget.url}twin-smollm3-vs-vercel-ai-gateway.html`,
    },
    { name: 'script embed with its card fragment', url: `${blog.origin}/embed.html`, twin: `${blog.origin}/twin.html` },
  ];
  if (before) {
    scenarios.push(
      { name: 'before: standalone page', url: before.url, twin: `${widget.url}twin-index.html` },
      { name: 'before: standalone page naming the pair', url: `${before.url}?a=smollm3&b=vercel-ai-gateway`, twin: `${widget.url}twin-smollm3-vs-vercel-ai-gateway.html` },
      { name: 'before: script embed', url: `${blog.origin}/embed-before.html`, twin: `${blog.origin}/twin.html` },
    );
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  /** One page load: first content, interactive, and gzip bytes before the content. */
  async function load(url) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(watchCard);
    await page.goto(url);
    await page.waitForFunction(() => window.benchFirstContent !== undefined, null, { timeout: 30000 });
    const firstContent = await page.evaluate(() => window.benchFirstContent);
    // Everything fetched before the content showed, but the page itself.
    const fetched = await page.evaluate(
      (t) => performance.getEntriesByType('resource').filter((r) => r.responseEnd <= t).map((r) => new URL(r.name).pathname),
      firstContent,
    );
    let bytes = 0;
    const served = url.startsWith(before?.url ?? '-') || url.includes('embed-before') ? beforeDist : root;
    for (const path of fetched) {
      const file = path.startsWith('/blog/widgets/compare/') ? join(served, path.slice('/blog/widgets/compare/'.length)) : null;
      if (file) bytes += gzipSync(await readFile(file), { level: 9 }).length;
    }
    // Live once the widget has taken over (builds before the pre-render
    // have no such event: their card is live when it first shows).
    const interactive = url.includes('twin')
      ? null
      : served === beforeDist
        ? firstContent
        : await page
            .waitForFunction(() => window.benchInteractive, null, { timeout: 30000 })
            .then(() => page.evaluate(() => window.benchInteractive));
    await context.close();
    return { firstContent, interactive, bytes, files: fetched };
  }

  const results = [];
  try {
    for (const scenario of scenarios) {
      const runs = [];
      const twins = [];
      // Alternating, so that both see the same machine conditions.
      for (let run = 0; run < RUNS; run++) {
        runs.push(await load(scenario.url));
        twins.push(await load(scenario.twin));
      }
      const row = {
        scenario: scenario.name,
        firstContentMs: round(median(runs.map((r) => r.firstContent))),
        staticFirstContentMs: round(median(twins.map((r) => r.firstContent))),
        ratio: round(median(runs.map((r) => r.firstContent)) / median(twins.map((r) => r.firstContent)), 2),
        bytesBeforeContent: median(runs.map((r) => r.bytes)),
        filesBeforeContent: runs[0].files.filter((f) => f.startsWith('/blog/')).map((f) => f.split('/').pop()),
        interactiveMs: round(median(runs.map((r) => r.interactive))),
      };
      console.log(JSON.stringify(row));
      results.push(row);
    }
  } finally {
    await browser.close();
    await widget.close();
    await before?.close();
    await blog.close();
    await rm(root, { recursive: true, force: true });
  }
  const report = { date: new Date().toISOString().slice(0, 10), runs: RUNS, results };
  await writeFile(join(resultsDir, 'prerender.json'), JSON.stringify(report, null, 2) + '\n');
  const md = [
    `Pre-rendered cards, measured ${report.date}; medians of ${RUNS} loads of each page and of its static twin, alternating.`,
    '',
    '| page | first card content | static twin | page / twin | before the content (gzip, page aside) | interactive |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.firstContentMs} ms | ${r.staticFirstContentMs} ms | ${r.ratio}× | ${round(r.bytesBeforeContent / 1024)} KB (${r.filesBeforeContent.join(', ')}) | ${r.interactiveMs} ms |`,
    ),
  ].join('\n');
  await writeFile(join(resultsDir, 'prerender.md'), md + '\n');
  console.log('\n' + md);
}

await main();
