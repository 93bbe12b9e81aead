// A site with many curated pairs (more than embed.js lists itself): built
// by the program a site owner installs, served from a sub-path. embed.js,
// which every page loads before the widget's code, names the file that
// lists the pairs with card fragments instead of carrying the list; a
// script embed fetches that list and shows its pair's fragment before the
// Wasm, and a standalone page never asks for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveStatic, launchBrowser, newPage, waitForCard, holdWasm, installedProgram, PRERENDERED, LIVE } from './harness.mjs';

/** More than the 64 pairs embed.js lists itself. */
const PAIRS = 70;
const id = (i) => `tool-${i}`;
const name = (i) => `Listed Tool ${i}`;
const LIST = 'cards/pairs.json';

let server, blog, browser, site;

before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tool-compare-card-list-'));
  const tools = Array.from({ length: 2 * PAIRS }, (_, i) => ({
    id: id(i),
    name: name(i),
    category: 'Developer Tools',
    entry: 'Free',
    reviews: [{ reviewer: 'panel', verdict: i % 2 ? 'ship' : 'skip', quote: `Placeholder quote for tool ${i}.` }],
  }));
  const comparisons = Array.from({ length: PAIRS }, (_, k) => ({ tools: [id(2 * k), id(2 * k + 1)] }));
  await writeFile(join(dir, 'catalog.json'), JSON.stringify({
    version: 1,
    title: 'Many curated pairs',
    reviewers: [{ id: 'panel', name: 'Placeholder panel' }],
    tools,
    comparisons,
  }));
  site = join(dir, 'site');
  const toolCompare = await installedProgram();
  assert.match(toolCompare(['build', join(dir, 'catalog.json'), '--out', site]), /140 card fragments/);
  server = await serveStatic({ root: site, headers: { 'access-control-allow-origin': '*' } });
  const embed = (a, b) => `<div data-tool-compare data-a="${a}" data-b="${b}"></div><script type="module" src="${server.url}embed.js"></script>`;
  const page = (body) => (req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog post</title><link rel="icon" href="data:,"></head>
<body><h1>A blog post</h1>${body}</body></html>`);
  blog = await serveStatic({
    prefix: '/nothing-here/',
    extra: {
      // The last pair, asked in the other order than it was curated.
      '/curated.html': page(embed(id(2 * PAIRS - 1), id(2 * PAIRS - 2))),
      '/uncurated.html': page(embed(id(0), id(3))),
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await blog?.close();
});

/** The page's requests for the list of pairs. */
function listRequests(page) {
  const seen = [];
  page.on('request', (request) => request.url().endsWith(LIST) && seen.push(request.url()));
  return seen;
}

test('embed.js names the list of curated pairs instead of carrying it, and stays small', async () => {
  const embed = await readFile(join(site, 'embed.js'), 'utf8');
  assert.ok(embed.includes(`"${LIST}"`) || embed.includes(`'${LIST}'`), 'embed.js names the list');
  assert.ok(!embed.includes(`${id(2)} ${id(3)}`), 'embed.js lists no pair itself');
  const listed = JSON.parse(await readFile(join(site, LIST), 'utf8'));
  assert.equal(listed.length, PAIRS);
  assert.ok(listed.includes(`${id(2 * PAIRS - 2)} ${id(2 * PAIRS - 1)}`));
  const gzip = gzipSync(embed, { level: 9 }).length;
  assert.ok(gzip <= 6144, `embed.js is ${gzip} B gzip, more than 6 KB`);
});

test('a script embed of a curated pair shows its card fragment from the list before the Wasm', async () => {
  const page = await newPage(browser);
  const asked = listRequests(page);
  const release = await holdWasm(page);
  await page.goto(`${blog.origin}/curated.html`);
  const heading = `${name(2 * PAIRS - 1)} vs ${name(2 * PAIRS - 2)}`;
  await page.locator(PRERENDERED).getByRole('heading', { level: 2, name: heading }).waitFor();
  assert.equal(asked.length, 1);
  release();
  await waitForCard(page, heading);
  assert.equal(asked.length, 1, 'the list is fetched once');
  assert.deepEqual(page.errors, []);
});

test('a script embed of a pair not curated gets no fragment: the widget draws its card', async () => {
  const page = await newPage(browser);
  const fragments = [];
  page.on('request', (request) => request.url().includes('/cards/') && !request.url().endsWith(LIST) && fragments.push(request.url()));
  await page.goto(`${blog.origin}/uncurated.html`);
  await waitForCard(page, `${name(0)} vs ${name(3)}`);
  assert.deepEqual(fragments, []);
  assert.equal(await page.locator(PRERENDERED).count(), 0);
  assert.deepEqual(page.errors, []);
});

test('the standalone page and a pair\'s page never fetch the list', async () => {
  for (const path of ['', `${id(0)}-vs-${id(1)}.html`]) {
    const page = await newPage(browser);
    const asked = listRequests(page);
    await page.goto(server.url + path);
    await waitForCard(page, `${name(0)} vs ${name(1)}`);
    assert.deepEqual(asked, []);
    assert.equal(await page.locator(LIVE).count(), 1);
    assert.deepEqual(page.errors, []);
  }
});
