// What the standalone page's render-blocking embed.js holds its first paint
// back by, on the phone profile: when the style sheets and the script have
// arrived, when the script has run (DOMContentLoaded, which waits for
// module scripts), and the first content, against the static twin's; and,
// from a CPU profile of a third load, what the script's evaluation spends
// its time on, by function. That load runs the readable source with this
// build's file names, so that the functions have their names; it does the
// same work as the minified file, which the timed loads run.
// Usage: node bench/pre-paint.mjs <dist> <results dir> [--runs N]
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, serveStatic } from '../tests/e2e/harness.mjs';
import { PHONE, throttleToPhone } from './phone-profile.mjs';
import { median, round } from './medians.mjs';
import { twinSite } from './twins.mjs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '7' } } });
const [dist, resultsDir] = positionals;
if (!dist || !resultsDir) throw new Error('usage: pre-paint.mjs <dist> <results dir> [--runs N]');
const RUNS = Number(values.runs);

/** The object literal that starts at `text[start]` (a `{`), strings skipped. */
function literalAt(text, start) {
  let depth = 0;
  let quote = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('unbalanced literal');
}

/** embed/embed.js with the built file's BUNDLE (names, cards, messages). */
async function readableEmbed(builtFile) {
  const built = await readFile(builtFile, 'utf8');
  const at = built.search(/\{js:/);
  if (at < 0) throw new Error(`${builtFile}: no BUNDLE literal`);
  const bundle = literalAt(built, at);
  const source = await readFile(new URL('../embed/embed.js', import.meta.url), 'utf8');
  const statement = /export const BUNDLE = [^]*?\}\)\);/;
  if (!statement.test(source)) throw new Error('embed/embed.js: BUNDLE not found');
  return source.replace(statement, `export const BUNDLE = ${bundle};`);
}

/**
 * Milliseconds of CPU profile samples under the module's top-level code
 * (its evaluation, all of it before the first paint), in total and by
 * function (inclusive, each function once per sample).
 */
function evaluationProfile(profile) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const isTopLevel = (frame) => frame.url.endsWith('/readable-embed.js') && frame.lineNumber === 0 && frame.columnNumber === 0;
  const byFunction = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const chain = [];
    // The profile's root node is no function.
    for (let cur = id; parent.has(cur); cur = parent.get(cur)) chain.push(byId.get(cur).callFrame);
    if (!chain.some(isTopLevel)) return;
    total += ms;
    const names = new Set(chain.filter((f) => !isTopLevel(f)).map((f) => (f.url.endsWith('/readable-embed.js') ? `${f.functionName || '(anonymous)'} (line ${f.lineNumber + 1})` : `${f.functionName || '(native)'} (browser)`)));
    for (const name of names) byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  return { total, byFunction };
}

const site = await twinSite(dist);
// The profiled page: index.html with the readable script beside embed.js
// (the script's assets resolve against its own address, the same folder).
await writeFile(join(site.root, 'readable-embed.js'), await readableEmbed(join(dist, 'embed.js')));
const index = await readFile(join(site.root, 'index.html'), 'utf8');
if (!index.includes('src="./embed.js"')) throw new Error('index.html loads no ./embed.js');
await writeFile(join(site.root, 'profiled-index.html'), index.replace('src="./embed.js"', 'src="./readable-embed.js"'));
const server = await serveStatic({ root: site.root, gzip: true });
const browser = await launchBrowser();
const loads = { page: [], twin: [] };
const functions = new Map();
try {
  for (let run = 0; run < RUNS; run++) {
    for (const [kind, file] of [['page', 'index.html'], ['twin', 'twin-index.html'], ['profiled', 'profiled-index.html']]) {
      const context = await browser.newContext({ viewport: PHONE.viewport, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await throttleToPhone(cdp);
      if (kind === 'profiled') {
        // Sampling slows the page: only this load, whose times are not taken, is profiled.
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
        await cdp.send('Profiler.start');
        await page.goto(server.url + file, { waitUntil: 'load' });
        const { total, byFunction } = evaluationProfile((await cdp.send('Profiler.stop')).profile);
        loads.page.at(-1).scriptMs = total;
        for (const [name, ms] of byFunction) functions.set(name, [...(functions.get(name) ?? []), ms]);
        await context.close();
        continue;
      }
      await page.goto(server.url + file, { waitUntil: 'load' });
      const expression = `new Promise((done) => new PerformanceObserver((list, observer) => {
        if (!list.getEntriesByName('first-contentful-paint').length) return;
        observer.disconnect();
        const end = (part) => performance.getEntriesByType('resource').find((e) => e.name.includes(part))?.responseEnd ?? null;
        done({
          fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
          styles: Math.max(end('/widget-'), end('/page-')),
          script: end('/embed.js'),
          evaluated: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
        });
      }).observe({ type: 'paint', buffered: true }))`;
      loads[kind].push((await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result.value);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const of = (kind, key) => median(loads[kind].map((load) => load[key]));
const report = {
  date: new Date().toISOString().slice(0, 10),
  runs: RUNS,
  profile: PHONE,
  chromium: browser.version(),
  page: {
    stylesArrivedMs: round(of('page', 'styles')),
    scriptArrivedMs: round(of('page', 'script')),
    scriptRanByMs: round(of('page', 'evaluated')),
    scriptEvaluationCpuMs: round(of('page', 'scriptMs')),
    firstContentMs: round(of('page', 'fcp')),
  },
  twin: { stylesArrivedMs: round(of('twin', 'styles')), firstContentMs: round(of('twin', 'fcp')) },
  // A function that ran in only some loads counts 0 in the others.
  evaluationByFunctionMs: [...functions]
    .map(([name, ms]) => [name, median([...ms, ...Array(RUNS - ms.length).fill(0)])])
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => ({ name, ms: round(ms, 1) })),
};
const { page, twin } = report;
const md = [
  `Standalone page on the phone profile (150 ms RTT, 1.6 Mbit/s, CPU 4×, gzip), ${report.date}, Chromium ${report.chromium}; medians of ${RUNS} loads of the page and of its static twin, alternating, and of a third load profiled (the readable embed.js, same work). Times in ms from navigation.`,
  '',
  '| | style sheets in | embed.js in | embed.js has run | its evaluation (CPU, profiled) | first content |',
  '|---|---|---|---|---|---|',
  `| standalone page | ${page.stylesArrivedMs} | ${page.scriptArrivedMs} | ${page.scriptRanByMs} | ${page.scriptEvaluationCpuMs} | **${page.firstContentMs}** |`,
  `| static twin | ${twin.stylesArrivedMs} | — | — | — | **${twin.firstContentMs}** |`,
  '',
  "What embed.js's evaluation spends its time on (inclusive: a function counts what it calls; medians):",
  '',
  '| function | ms |',
  '|---|---|',
  ...report.evaluationByFunctionMs.map(({ name, ms }) => `| ${name} | ${ms} |`),
  '',
].join('\n');
await writeFile(join(resultsDir, 'pre-paint.json'), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(join(resultsDir, 'pre-paint.md'), md);
console.log(md);
