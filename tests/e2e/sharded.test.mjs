// A large catalog published in shards (issue 27): built by the program a
// site owner installs (the archive in target/package/, run with a PATH
// without build tools) from a tools file of 3,000 tools with
// --shards-above 1000, served from a sub-path. A pre-rendered card carries
// its two tools, so it needs only the manifest; any other pair needs its two
// tools' shards; a picker keystroke fetches at most one name shard; deep
// links reach any tool; a shard of another build is refused by name. Of its
// twelve curated pairs the manifest lists eight: the others are in their
// tools' shards and, for "Show all", in shards/curated.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serveStatic, launchBrowser, newPage, waitForCard, holdWasm, installedProgram, LIVE } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOLS = 3000;
const CATEGORIES = ['Developer Tools', 'Writing', 'Image Generation', 'Research'];
const id = (i) => `tool-${String(i).padStart(5, '0')}`;
const name = (i) => `Synthetic Tool ${String(i).padStart(5, '0')}`;
// Twelve curated pairs, each with its own question: (0, 1), (100, 101), …
const CURATED = 12;
const question = (n) => `Which of curated pair ${n} would you ship with?`;

let server, browser, site;

before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tool-compare-sharded-'));
  const lines = [];
  for (let i = 0; i < TOOLS; i++) {
    lines.push(JSON.stringify({
      id: id(i),
      name: name(i),
      category: CATEGORIES[i % CATEGORIES.length],
      tagline: `Placeholder tagline ${i}`,
      entry: 'Free',
      reviews: [{ reviewer: 'panel', verdict: i % 3 ? 'ship' : 'skip', quote: `Placeholder quote for tool ${i}.` }],
    }));
  }
  await writeFile(join(dir, 'tools.jsonl'), lines.join('\n') + '\n');
  await writeFile(join(dir, 'catalog.json'), JSON.stringify({
    version: 1,
    title: 'A large synthetic catalog',
    reviewers: [{ id: 'panel', name: 'Placeholder panel' }],
    tools_file: 'tools.jsonl',
    comparisons: Array.from({ length: CURATED }, (_, n) => ({ tools: [id(n * 100), id(n * 100 + 1)], question: question(n) })),
  }));
  const toolCompare = await installedProgram();
  site = join(dir, 'site');
  const said = toolCompare(['build', join(dir, 'catalog.json'), '--out', site, '--no-precompress', '--shards-above', '1000']);
  assert.match(said, /built/);
  server = await serveStatic({ root: site });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's requests for the site's shards, as paths below shards/. */
function shardRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const at = path.indexOf('/shards/');
    if (at >= 0) seen.push(path.slice(at + '/shards/'.length));
  });
  return seen;
}

test('the card of a curated pair needs only the manifest: its pre-rendered card carries its two tools', async () => {
  const page = await newPage(browser);
  const seen = shardRequests(page);
  await page.goto(server.url);
  await waitForCard(page, `${name(0)} vs ${name(1)}`);
  await page.locator(LIVE).getByText('Placeholder tagline 1', { exact: true }).waitFor();
  assert.deepEqual(seen, []);
  const manifest = JSON.parse(await readFile(join(site, 'catalog.json'), 'utf8'));
  assert.equal(manifest.shards.tools, TOOLS);
  assert.equal(manifest.tools.length, 16, 'the first eight curated pairs\' tools only');
  assert.deepEqual(page.errors, []);
});

test('"Show all" lists every curated pair: the manifest lists eight, the rest come in one file when asked', async () => {
  const manifest = JSON.parse(await readFile(join(site, 'catalog.json'), 'utf8'));
  assert.equal(manifest.comparisons.length, 8);
  assert.equal(manifest.shards.curated, CURATED);
  const page = await newPage(browser);
  const seen = shardRequests(page);
  await page.goto(server.url);
  await waitForCard(page, `${name(0)} vs ${name(1)}`);
  const links = page.locator(`${LIVE} .tcw-curated li`);
  assert.equal(await links.count(), 8);
  assert.deepEqual(seen, []);
  await page.locator(LIVE).getByRole('button', { name: `Show all ${CURATED}` }).click();
  await page.locator(LIVE).getByRole('link', { name: `${name(1100)} vs ${name(1101)}` }).waitFor();
  assert.equal(await links.count(), CURATED);
  assert.deepEqual(seen, ['curated.json']);
  await page.locator(LIVE).getByRole('link', { name: `${name(1000)} vs ${name(1001)}` }).click();
  await waitForCard(page, `${name(1000)} vs ${name(1001)}`);
  await page.locator(LIVE).getByText(question(10), { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('"Show all" refuses a list of curated pairs from another build, naming the file, and keeps the eight', async () => {
  const manifest = JSON.parse(await readFile(join(site, 'catalog.json'), 'utf8'));
  const path = join(site, 'shards/curated.json');
  const original = await readFile(path, 'utf8');
  await writeFile(path, JSON.stringify({ ...JSON.parse(original), build: 'an-older-build' }));
  try {
    const page = await newPage(browser);
    await page.goto(server.url);
    await waitForCard(page, `${name(0)} vs ${name(1)}`);
    const showAll = page.locator(LIVE).getByRole('button', { name: `Show all ${CURATED}` });
    await showAll.click();
    // The card stays: the failure is its notice, not the failure panel.
    const notice = page.locator(`${LIVE} .tcw-notice[role="status"]`);
    await notice.waitFor({ timeout: 15000 });
    const text = await notice.innerText();
    assert.match(text, /shards\/curated\.json/);
    assert.match(text, new RegExp(`from build "an-older-build", the catalog from build "${manifest.shards.build}"`));
    assert.equal(await page.locator(`${LIVE} .tcw-curated li`).count(), 8);
    assert.ok(await showAll.isVisible(), 'the button stays, to try again');
  } finally {
    await writeFile(path, original);
  }
});

test('a curated pair the manifest does not list is met in its tools\' shards', async () => {
  const page = await newPage(browser);
  const seen = shardRequests(page);
  await page.goto(`${server.url}?a=${id(901)}&b=${id(900)}`);
  await waitForCard(page, `${name(901)} vs ${name(900)}`);
  await page.locator(LIVE).getByText(question(9), { exact: true }).waitFor();
  assert.ok(seen.every((path) => /^tools\/\d+\.json$/.test(path)), `${seen}`);
  assert.deepEqual(page.errors, []);
});

test('the page of such a pair carries its curated pair with its tools: no shard, no list', async () => {
  const page = await newPage(browser);
  const seen = shardRequests(page);
  const release = await holdWasm(page);
  await page.goto(new URL(`${id(1000)}-vs-${id(1001)}.html`, server.url).href);
  const carried = JSON.parse(await page.locator('.tcw[data-tc-prerendered]').getAttribute('data-tc-tool-a'));
  assert.deepEqual(carried.comparisons.map(([at, pair]) => [at, pair.question]), [[10, question(10)]]);
  release();
  await waitForCard(page, `${name(1000)} vs ${name(1001)}`);
  await page.locator(LIVE).getByText(question(10), { exact: true }).waitFor();
  assert.deepEqual(seen, []);
  assert.deepEqual(page.errors, []);
});

test('a pair the page does not carry needs its two tools\' shards', async () => {
  const page = await newPage(browser);
  const seen = shardRequests(page);
  await page.goto(`${server.url}?a=${id(20)}&b=${id(21)}`);
  await waitForCard(page, `${name(20)} vs ${name(21)}`);
  await page.locator(LIVE).getByText('Placeholder tagline 21', { exact: true }).waitFor();
  assert.ok(seen.length >= 1 && seen.length <= 2, `${seen}`);
  assert.ok(seen.every((path) => /^tools\/\d+\.json$/.test(path)), `${seen}`);
  assert.deepEqual(page.errors, []);
});

test('the pre-rendered card\'s tools are read by the rules of a shard: one of another build is fetched instead', async () => {
  const page = await newPage(browser);
  const seen = shardRequests(page);
  const release = await holdWasm(page);
  await page.goto(server.url);
  const card = page.locator('.tcw[data-tc-prerendered]');
  const carried = JSON.parse(await card.getAttribute('data-tc-tool-b'));
  assert.deepEqual(carried.tools.map((tool) => tool.id), [id(1)]);
  assert.equal(await card.getAttribute('data-tc-files'), null, 'no shard named to fetch early');
  await card.evaluate((el) => {
    const stale = JSON.parse(el.getAttribute('data-tc-tool-b'));
    stale.build = 'another-build';
    stale.tools[0].tagline = 'A tagline from another build';
    el.setAttribute('data-tc-tool-b', JSON.stringify(stale));
  });
  release();
  await waitForCard(page, `${name(0)} vs ${name(1)}`);
  await page.locator(LIVE).getByText('Placeholder tagline 1', { exact: true }).waitFor();
  assert.deepEqual(seen, [`tools/${carried.shard}.json`], 'the first tool carried, the second fetched');
  assert.equal(await page.getByText('A tagline from another build').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a picker finds any tool by the start of a word, one name shard per keystroke at most', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  await waitForCard(page, `${name(0)} vs ${name(1)}`);
  const seen = shardRequests(page);
  const first = page.locator(LIVE).getByRole('combobox', { name: 'First tool' });
  const status = page.locator(LIVE).locator('.tcw-picker-status').first();
  await first.click();
  // Focus alone asks for the prefix table.
  for (let i = 0; i < 100 && !seen.includes('names.json'); i++) await page.waitForTimeout(50);
  assert.ok(seen.includes('names.json'), `${seen}`);
  await first.press('ArrowDown');
  // The manifest's curated pairs' tools but the other side's, of every tool there is.
  await status.getByText(`Showing 15 of ${TOOLS - 1} matches; type to narrow.`).waitFor();
  let before = seen.length;
  for (const key of ['0', '2', '3', '4']) {
    await first.press(key);
    await page.waitForTimeout(50);
  }
  await status.getByText('10 matches.').waitFor();
  const typed = seen.slice(before);
  assert.ok(typed.length <= 4, `${typed}`);
  // The prefix table came when the picker got focus: typing fetches shards.
  assert.ok(typed.every((path) => /^names\/\d+\.json$/.test(path)), `${typed}`);
  // A word of the category, and two words at once.
  await first.fill('');
  await first.pressSequentially('image 0234');
  await status.getByText(/^\d+ match(es)?\.$/).waitFor();
  const options = await page.locator(LIVE).getByRole('option').allInnerTexts();
  assert.ok(options.length > 0 && options.every((text) => /Synthetic Tool 0234\d/.test(text) && /Image Generation/.test(text)), `${options}`);
  // Nothing starts with it: said without a fetch.
  before = seen.length;
  await first.fill('');
  await first.pressSequentially('zzz');
  await status.getByText('No tool matches.').waitFor();
  assert.deepEqual(seen.slice(before).filter((path) => path.includes('7a7a')), []);
  // A chosen tool's full entry comes from its shard.
  await first.fill('');
  await first.pressSequentially('02345');
  await page.locator(LIVE).getByRole('option', { name: new RegExp(name(2345)) }).click();
  await waitForCard(page, `${name(2345)} vs ${name(1)}`);
  await page.locator(LIVE).getByText('Placeholder tagline 2345', { exact: true }).waitFor();
  assert.match(page.url(), /[?&]a=tool-02345/);
  assert.deepEqual(page.errors, []);
});

test('a deep link reaches any tool, and an unknown id falls back with the notice', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?a=${id(1234)}&b=${id(2222)}`);
  await waitForCard(page, `${name(1234)} vs ${name(2222)}`);
  await page.locator(LIVE).getByText('Placeholder tagline 2222', { exact: true }).waitFor();
  await page.goto(`${server.url}?a=tool-99999&b=${id(5)}`);
  await waitForCard(page, `${name(0)} vs ${name(1)}`);
  await page.locator(LIVE).getByText('This catalog has no tool "tool-99999"', { exact: false }).waitFor();
});

test('a shard of another build is refused, naming the file', async () => {
  const manifest = JSON.parse(await readFile(join(site, 'catalog.json'), 'utf8'));
  const files = await readdir(join(site, 'shards/tools'));
  // The shard of tool 2500, as an older build left it.
  const path = join(site, 'shards/tools');
  let stale;
  for (const file of files) {
    const shard = JSON.parse(await readFile(join(path, file), 'utf8'));
    if (shard.tools.some((tool) => tool.id === id(2500))) stale = { file, shard };
  }
  const original = JSON.stringify(stale.shard);
  await writeFile(join(path, stale.file), JSON.stringify({ ...stale.shard, build: 'an-older-build' }));
  try {
    const page = await newPage(browser);
    await page.goto(`${server.url}?a=${id(2500)}&b=${id(1)}`);
    const alert = page.locator(LIVE).getByRole('alert');
    await alert.waitFor({ timeout: 15000 });
    const text = await alert.innerText();
    assert.match(text, new RegExp(`shards/tools/${stale.file.replace('.', '\\.')}`));
    assert.match(text, new RegExp(`from build "an-older-build", the catalog from build "${manifest.shards.build}"`));
  } finally {
    await writeFile(join(path, stale.file), original);
  }
});

test('every name shard is at most 16 KB gzip, and the site stays within a static host\'s limits', async () => {
  // The widget build that reads shards, not the smaller one of other sites.
  const wasm = (await readdir(site)).find((name) => name.endsWith('_bg.wasm'));
  const sharded = (await readdir(join(ROOT, 'target/widget-shards'))).find((name) => name.endsWith('_bg.wasm'));
  assert.equal(wasm, sharded);
  const names = await readdir(join(site, 'shards/names'));
  for (const file of names) {
    const gzip = gzipSync(await readFile(join(site, 'shards/names', file)), { level: 9 }).length;
    assert.ok(gzip <= 16 * 1024, `${file}: ${gzip} B gzip`);
  }
  const tools = await readdir(join(site, 'shards/tools'));
  assert.ok(names.length + tools.length < 200, `${names.length} name shards, ${tools.length} tool shards`);
});
