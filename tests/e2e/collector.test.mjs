// Community votes across readers: the widget with the reference collector
// (`tool-compare-votes`, started with the README's command line), readers
// in separate browser contexts, the collector killed and restarted, and a
// stand-in collector that answers 500 and garbage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { DIST, serveStatic, launchBrowser, newPage, waitForCard, freePort, SEED } from './harness.mjs';

const COLLECTOR = resolve(fileURLToPath(new URL('../../target/debug/tool-compare-votes', import.meta.url)));
const CATALOG_PATH = '/collected/catalog.json';

const env = {};

/** Starts the collector as the README says, on `port`; resolves once it listens. */
async function startCollector(port, database, catalogFile, origin) {
  const child = spawn(COLLECTOR, [
    'serve', '--listen', `127.0.0.1:${port}`, '--database', database,
    '--catalog', catalogFile, '--allow-origin', origin, '--rate-limit', '0',
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  await new Promise((ok, fail) => {
    lines.once('line', (line) => (line.includes('listening on') ? ok() : fail(new Error(line))));
    child.once('exit', (code) => fail(new Error(`the collector exited with ${code}`)));
  });
  return child;
}

const killHard = (child) => new Promise((ok) => {
  child.once('exit', ok);
  child.kill('SIGKILL');
});

/** The collector's own counts for the seed pair, read as any client would. */
async function tally(collectorUrl) {
  const answer = await fetch(`${collectorUrl}v1/tally?a=smollm3&b=vercel-ai-gateway`);
  return (await answer.json()).counts;
}

before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tool-compare-collected-'));
  const port = await freePort();
  env.collectorUrl = `http://127.0.0.1:${port}/`;
  env.port = port;
  env.database = `sqlite:${join(dir, 'votes.db')}`;
  const catalog = JSON.parse(await readFile(join(DIST, 'catalog.json'), 'utf8'));
  catalog.votes_url = env.collectorUrl;
  env.catalogText = JSON.stringify(catalog);
  env.catalogFile = join(dir, 'catalog.json');
  await writeFile(env.catalogFile, env.catalogText);
  env.server = await serveStatic({
    extra: {
      [CATALOG_PATH]: (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(env.catalogText),
      // A post with two widgets of the collected catalog, on one pair.
      '/post.html': (req, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="data:,"></head><body>
<div id="one" data-tool-compare data-a="litellm" data-b="portkey" data-catalog="${CATALOG_PATH}"></div>
<div id="two" data-tool-compare data-a="litellm" data-b="portkey" data-catalog="${CATALOG_PATH}"></div>
<script type="module" src="${env.server.url}embed.js"></script></body></html>`),
    },
  });
  env.pageUrl = `${env.server.url}?catalog=${CATALOG_PATH}`;
  env.collector = await startCollector(port, env.database, env.catalogFile, env.server.origin);
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
  if (env.collector && env.collector.exitCode === null) await killHard(env.collector);
});

const voteButton = (page, name) => page.getByRole('button', { name: `Vote for ${name}`, exact: true });
const counts = (page) => page.locator('.tcw-vote-count').allInnerTexts();

/** A reader of their own: a fresh browser context, no shared storage. */
async function reader() {
  const page = await newPage(env.browser);
  await page.goto(env.pageUrl);
  await waitForCard(page, SEED);
  return page;
}

/** Waits until the vote counts read `expected`. */
async function countsBecome(page, expected) {
  await page.waitForFunction(
    (want) => JSON.stringify([...document.querySelectorAll('.tcw:not([data-tc-prerendered]) .tcw-vote-count')].map((p) => p.innerText)) === want,
    JSON.stringify(expected),
    { timeout: 15000 },
  ).catch(async () => assert.deepEqual(await counts(page), expected));
}

test('two readers in separate browsers see each other\'s votes, counted once', async () => {
  const first = await reader();
  await first.getByText('counted across readers by this site').first().waitFor();
  await voteButton(first, 'SmolLM3').click();
  await countsBecome(first, ['1 vote · 100% · your vote (this browser)', '0 votes · 0%']);
  assert.deepEqual(await tally(env.collectorUrl), { smollm3: 1, 'vercel-ai-gateway': 0 });

  const second = await reader();
  await countsBecome(second, ['1 vote · 100%', '0 votes · 0%']);
  await voteButton(second, 'Vercel AI Gateway').click();
  await countsBecome(second, ['1 vote · 50%', '1 vote · 50% · your vote (this browser)']);

  // The first reader's card asks again when it shows: both votes, each once.
  await first.reload();
  await waitForCard(first, SEED);
  await countsBecome(first, ['1 vote · 50% · your vote (this browser)', '1 vote · 50%']);
  // Withdrawn: the collector forgets it, the other reader's stays.
  await voteButton(first, 'SmolLM3').click();
  await countsBecome(first, ['0 votes · 0%', '1 vote · 100%']);
  assert.deepEqual(await tally(env.collectorUrl), { smollm3: 0, 'vercel-ai-gateway': 1 });
  await voteButton(second, 'Vercel AI Gateway').click();
  await countsBecome(second, ['0 votes', '0 votes']);
  assert.deepEqual(await tally(env.collectorUrl), { smollm3: 0, 'vercel-ai-gateway': 0 });
});

test('a vote cast while the collector is down says so, waits in storage and arrives once it is back', async () => {
  const page = await reader();
  const before = await tally(env.collectorUrl);
  await killHard(env.collector);
  await voteButton(page, 'SmolLM3').click();
  await page.getByText('The live count is unavailable right now').waitFor();
  // Published counts plus this browser's vote, meanwhile.
  await countsBecome(page, ['1 vote · 100% · your vote (this browser)', '0 votes · 0%']);
  const stored = JSON.parse(await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.includes('votes'))[1]));
  assert.deepEqual(stored.votes, [['smollm3|vercel-ai-gateway', 'smollm3']]);
  assert.ok(!(stored.sent ?? []).some(([pair]) => pair === 'smollm3|vercel-ai-gateway'), 'not yet acknowledged');

  env.collector = await startCollector(env.port, env.database, env.catalogFile, env.server.origin);
  // The widget tries again by itself.
  await page.getByText('The live count is unavailable right now').waitFor({ state: 'detached', timeout: 20000 });
  const after = await tally(env.collectorUrl);
  assert.deepEqual(after, { ...before, smollm3: before.smollm3 + 1 });
  await page.reload();
  await waitForCard(page, SEED);
  await page.waitForTimeout(500);
  assert.deepEqual(await tally(env.collectorUrl), after, 'sent once, however often the page loads');
  page.expectErrors(/Failed to load resource|ERR_CONNECTION_REFUSED/);
});

test('a collector answering 500 or garbage leaves the card working on the published counts', async () => {
  let mode = 'error';
  let siteOrigin = '';
  const received = [];
  const standIn = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const cors = { 'access-control-allow-origin': siteOrigin, 'content-type': 'application/json' };
      if (req.method === 'POST') received.push({ mode, body: JSON.parse(body) });
      if (mode === 'error') return res.writeHead(500, cors).end('{"error":"boom"}');
      if (mode === 'garbage') return res.writeHead(200, cors).end('{"counts": {"smollm3": "many"}}');
      res.writeHead(200, cors).end(JSON.stringify({ counts: { smollm3: 41, 'vercel-ai-gateway': 1 } }));
    });
  });
  await new Promise((ok) => standIn.listen(0, '127.0.0.1', ok));
  const catalog = JSON.parse(env.catalogText);
  catalog.votes_url = `http://127.0.0.1:${standIn.address().port}`;
  const site = await serveStatic({
    extra: { [CATALOG_PATH]: (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(catalog)) },
  });
  siteOrigin = site.origin;
  try {
    const page = await newPage(env.browser);
    page.expectErrors(/Failed to load resource/);
    await page.goto(`${site.url}?catalog=${CATALOG_PATH}`);
    await waitForCard(page, SEED);
    await page.getByText('The live count is unavailable right now').waitFor();
    await voteButton(page, 'SmolLM3').click();
    await countsBecome(page, ['1 vote · 100% · your vote (this browser)', '0 votes · 0%']);
    mode = 'garbage';
    await page.reload();
    await waitForCard(page, SEED);
    await page.getByText('The live count is unavailable right now').waitFor();
    await countsBecome(page, ['1 vote · 100% · your vote (this browser)', '0 votes · 0%']);
    mode = 'good';
    // The stand-in's 41 include this reader's vote once it acknowledged it.
    await page.getByText('The live count is unavailable right now').waitFor({ state: 'detached', timeout: 20000 });
    await countsBecome(page, ['41 votes · 98% · your vote (this browser)', '1 vote · 2%']);
    const acknowledged = received.filter((change) => change.mode === 'good');
    assert.equal(acknowledged.length, 1, JSON.stringify(received));
    assert.deepEqual(
      { ...acknowledged[0].body, voter: typeof acknowledged[0].body.voter },
      { a: 'smollm3', b: 'vercel-ai-gateway', choice: 'smollm3', voter: 'string' },
    );
    assert.match(acknowledged[0].body.voter, /^[0-9a-f]{32}$/);
  } finally {
    await site.close();
    await new Promise((ok) => standIn.close(ok));
  }
});

test('every widget of the catalog on a page shows the collector\'s new counts at once', async () => {
  const other = (voter, choice) =>
    fetch(`${env.collectorUrl}v1/vote`, { method: 'POST', body: JSON.stringify({ a: 'litellm', b: 'portkey', choice, voter }) });
  assert.equal((await other('other-reader-1', 'portkey')).status, 200);
  const page = await newPage(env.browser);
  await page.goto(`${env.server.origin}/post.html`);
  const widget = (id) => page.locator(`#${id} ${'.tcw:not([data-tc-prerendered])'}`);
  const countsOf = (id) => widget(id).locator('.tcw-vote-count').allInnerTexts();
  for (const id of ['one', 'two']) {
    await widget(id).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ timeout: 15000 });
  }
  await page.waitForFunction(() => document.querySelector('#two').shadowRoot?.querySelector('.tcw-vote-count')?.innerText === '0 votes · 0%');
  // Another reader votes meanwhile; this reader's vote in the first widget
  // brings back the pair's counts, and the second widget shows them too.
  assert.equal((await other('other-reader-2', 'portkey')).status, 200);
  await widget('one').getByRole('button', { name: 'Vote for LiteLLM', exact: true }).click();
  const expected = ['1 vote · 33% · your vote (this browser)', '2 votes · 67%'];
  await page.waitForFunction(
    (want) => ['one', 'two'].every((id) => JSON.stringify([...document.querySelector(`#${id}`).shadowRoot.querySelectorAll('.tcw:not([data-tc-prerendered]) .tcw-vote-count')].map((p) => p.innerText)) === want),
    JSON.stringify(expected),
    { timeout: 15000 },
  ).catch(async () => assert.deepEqual([await countsOf('one'), await countsOf('two')], [expected, expected]));
});
