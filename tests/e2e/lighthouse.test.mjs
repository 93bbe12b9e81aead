// Lighthouse's accessibility, best-practices and SEO audits (mobile, its
// default) on the standalone page and a pair's page, served gzipped as
// static hosts serve them: each category scores 100. (Performance is
// timing, so bench/lighthouse.mjs records it instead of a test.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runLighthouse, startLighthouseChrome } from './lighthouse-run.mjs';
import { serveStatic } from './harness.mjs';

const CATEGORIES = ['accessibility', 'best-practices', 'seo'];
let server, chrome;
before(async () => {
  server = await serveStatic({ gzip: true, favicon: false });
  chrome = await startLighthouseChrome();
});
after(async () => {
  await chrome?.kill();
  await server?.close();
});

for (const [name, file] of [
  ['the standalone page', ''],
  ["a pair's page", 'vercel-ai-gateway-vs-litellm.html'],
]) {
  test(`Lighthouse scores 100 in accessibility, best practices and SEO on ${name}`, async () => {
    const lhr = await runLighthouse(chrome, server.url + file, CATEGORIES);
    const scores = Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id].score * 100]));
    const failed = Object.values(lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && ['binary', 'numeric'].includes(audit.scoreDisplayMode))
      .map((audit) => `${audit.id}: ${audit.title}`);
    assert.deepEqual(scores, { accessibility: 100, 'best-practices': 100, seo: 100 }, failed.join('\n'));
  });
}
