// Lighthouse's mobile performance figures (its simulated slow 4G and 4×
// CPU) for the standalone page and a pair's page, served gzipped; median
// of runs, and each run's largest contentful paint and blocking time (both
// move from run to run). Usage: node bench/lighthouse.mjs <dist> <results dir>
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runLighthouse, startLighthouseChrome } from '../tests/e2e/lighthouse-run.mjs';
import { serveStatic } from '../tests/e2e/harness.mjs';

const [dist, resultsDir] = process.argv.slice(2);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await serveStatic({ root: dist, gzip: true, favicon: false });
const chrome = await startLighthouseChrome();
const rows = [];
try {
  for (const [name, file] of [['standalone page (index.html)', ''], ["a pair's page", 'vercel-ai-gateway-vs-litellm.html']]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const lhr = await runLighthouse(chrome, server.url + file, ['performance']);
      const value = (id) => lhr.audits[id].numericValue;
      runs.push({
        score: lhr.categories.performance.score * 100,
        fcp: value('first-contentful-paint'),
        lcp: value('largest-contentful-paint'),
        tbt: value('total-blocking-time'),
        fid: value('max-potential-fid'),
        tti: value('interactive'),
      });
    }
    const m = (key) => Math.round(median(runs.map((r) => r[key])));
    const each = (key) => runs.map((r) => Math.round(r[key]));
    const row = {
      page: name, score: m('score'), fcpMs: m('fcp'), lcpMs: m('lcp'), tbtMs: m('tbt'), maxPotentialFidMs: m('fid'), interactiveMs: m('tti'),
      scores: each('score'), lcpRunsMs: each('lcp'), tbtRunsMs: each('tbt'),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
} finally {
  await chrome.kill();
  await server.close();
}
const date = new Date().toISOString().slice(0, 10);
await writeFile(join(resultsDir, 'lighthouse.json'), JSON.stringify({ date, runs: RUNS, rows }, null, 2) + '\n');
const md = [
  `Lighthouse 12.2.3, mobile preset, measured ${date}; medians of ${RUNS} runs.`,
  '',
  '| page | performance | first contentful paint | largest contentful paint | total blocking time | max potential FID | interactive |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.page} | ${r.score} (${r.scores.join(', ')}) | ${r.fcpMs} ms | ${r.lcpMs} ms (${r.lcpRunsMs.join(', ')}) | ${r.tbtMs} ms (${r.tbtRunsMs.join(', ')}) | ${r.maxPotentialFidMs} ms | ${r.interactiveMs} ms |`),
].join('\n');
await writeFile(join(resultsDir, 'lighthouse.md'), md + '\n');
console.log('\n' + md);
