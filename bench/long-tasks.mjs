// What Lighthouse's total blocking time is made of: the main thread's
// tasks of over 50 ms while a page starts on the phone profile (CPU 4×,
// slow 4G, served gzipped from a sub-path), from a DevTools trace, each
// with when it ran, the widget's start-up marks inside it and what took
// its time (layout, paint, scripts evaluated, Wasm calls and V8 compiling
// Wasm functions on their first call, microtasks).
// Usage: node bench/long-tasks.mjs <dist> <results dir> [--runs N]
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, serveStatic } from '../tests/e2e/harness.mjs';
import { PHONE, throttleToPhone } from './phone-profile.mjs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
const [dist, resultsDir] = positionals;
if (!dist || !resultsDir) throw new Error('usage: long-tasks.mjs <dist> <results dir> [--runs N]');
const LONG_MS = 50;
const PAGES = [
  ['standalone page (index.html)', ''],
  ["a pair's page", 'vercel-ai-gateway-vs-litellm.html'],
];

/** What an event inside a task counts as, or null for its wrappers. */
function kind(e) {
  const file = (e.args?.data?.url ?? '').split('/').pop();
  if (e.name === 'FunctionCall') return `JS call ${file || '(inline)'}`;
  if (e.name === 'v8.evaluateModule') return 'module evaluation';
  // V8 compiles a Wasm function on its first call, on the main thread.
  if (e.name === 'wasm.CompileLazy') return 'Wasm compiled on first call';
  if (e.name === 'EvaluateScript') return 'script evaluation';
  if (['Layout', 'UpdateLayoutTree', 'Paint', 'RunMicrotasks', 'ParseHTML', 'MajorGC', 'MinorGC'].includes(e.name)) return e.name;
  return null;
}

/** The trace's long main-thread tasks, from navigation start. */
function longTasks(events, marks) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const start = events.find((e) => e.name === 'navigationStart' && e.pid === main.pid)?.ts ?? mine[0].ts;
  return mine
    .filter((e) => e.name === 'RunTask' && e.dur / 1000 > LONG_MS)
    .map((task) => {
      const at = (task.ts - start) / 1000;
      const ms = task.dur / 1000;
      const parts = new Map();
      let compiled = 0;
      // Kinds nest (microtasks call JS): each kind's own total, not a partition of the task.
      for (const e of mine) {
        if (e === task || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
        const what = kind(e);
        if (what) parts.set(what, (parts.get(what) ?? 0) + e.dur / 1000);
        if (e.name === 'wasm.CompileLazy') compiled++;
      }
      const inside = marks.filter((m) => m.at >= at && m.at <= at + ms).map((m) => m.name);
      const top = [...parts]
        .filter(([, v]) => v >= 5)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${Math.round(v)}${k.startsWith('Wasm compiled') ? ` (${compiled} functions)` : ''}`);
      return { at: Math.round(at), ms: Math.round(ms), marks: inside, top };
    });
}

const server = await serveStatic({ root: dist, gzip: true, favicon: false });
const browser = await launchBrowser();
const results = [];
try {
  for (const [name, file] of PAGES) {
    for (let run = 0; run < Number(values.runs); run++) {
      const context = await browser.newContext({ viewport: PHONE.viewport, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await throttleToPhone(cdp);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8.wasm', 'blink.user_timing', 'loading'] });
      await page.goto(server.url + file, { waitUntil: 'load' });
      // Asked through CDP alone: Playwright's own evaluation helpers inject a
      // large script into the page, a long task of their own.
      const evaluate = async (expression) =>
        (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
      while (!(await evaluate("performance.getEntriesByName('tool-compare:card-rendered').length"))) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const trace = JSON.parse((await browser.stopTracing()).toString());
      const marks = await evaluate(`[...performance.getEntriesByType('paint'), ...performance.getEntriesByType('mark')]
        .filter((m) => m.entryType === 'paint' || m.name.startsWith('tool-compare:'))
        .map((m) => ({ name: m.name.replace('tool-compare:', ''), at: m.startTime }))`);
      const fcp = marks.find((m) => m.name === 'first-contentful-paint')?.at ?? 0;
      const tasks = longTasks(trace.traceEvents, marks);
      // As Lighthouse counts it: the part over 50 ms of each task after the first content.
      const blocking = tasks.filter((t) => t.at >= fcp).reduce((sum, t) => sum + t.ms - LONG_MS, 0);
      results.push({ page: name, run: run + 1, fcp: Math.round(fcp), blocking, tasks });
      console.log(JSON.stringify(results.at(-1)));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const date = new Date().toISOString().slice(0, 10);
await writeFile(join(resultsDir, 'long-tasks.json'), JSON.stringify({ date, results }, null, 2) + '\n');
const md = [
  `Main-thread tasks over ${LONG_MS} ms on the phone profile (150 ms RTT, 1.6 Mbit/s, CPU 4×, gzip), from a DevTools trace, measured ${date}. Times in ms from navigation; blocking = the part over ${LONG_MS} ms of each task after the first contentful paint.`,
  '',
  '| page | run | first content | blocking | tasks: at (length) marks inside — what took the time |',
  '|---|---|---|---|---|',
  ...results.map((r) => `| ${r.page} | ${r.run} | ${r.fcp} | ${r.blocking} | ${r.tasks.map((t) => `${t.at} (${t.ms})${t.marks.length ? ' [' + t.marks.join(', ') + ']' : ''} — ${t.top.join(', ')}`).join('<br>')} |`),
].join('\n');
await writeFile(join(resultsDir, 'long-tasks.md'), md + '\n');
console.log('\n' + md);
