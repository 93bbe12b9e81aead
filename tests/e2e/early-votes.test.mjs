// The pre-rendered card answers the reader before the Wasm (issue 26): a
// vote takes effect, is announced and is stored at once, by embed.js; the
// live widget reads what embed.js stored, sends it to a collector once and
// replays nothing already answered; every other control shows that it is
// starting and is done once when live. Each test holds the Wasm back and
// then releases it (or never does: a reader who leaves first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import {
  serveStatic, launchBrowser, newPage, waitForCard, freePort, holdWasm, watchShifts, seedVotesShown as shown, LIVE, PRERENDERED, SEED,
} from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOL_COMPARE = `${ROOT}target/cli/tool-compare`;
const COLLECTOR = resolve(ROOT, 'target/debug/tool-compare-votes');

const env = {};

const page = (body) => (req, res) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog post</title><link rel="icon" href="data:,"></head>
<body><h1>A blog post</h1>${body}<script type="module" src="${env.widget.url}embed.js"></script></body></html>`);

before(async () => {
  env.widget = await serveStatic({ headers: { 'access-control-allow-origin': '*' } });
  env.blog = await serveStatic({
    prefix: '/nothing-here/',
    extra: {
      '/fragment.html': page('<div id="w" data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway"></div>'),
      '/two.html': page(
        '<div id="one" data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway"></div>' +
          '<div id="two" data-tool-compare data-a="vercel-ai-gateway" data-b="smollm3"></div>',
      ),
    },
  });

  // A site whose catalog names a collector, built as a site owner builds it.
  const dir = await mkdtemp(join(tmpdir(), 'tool-compare-early-votes-'));
  const port = await freePort();
  env.collectorUrl = `http://127.0.0.1:${port}/`;
  const catalog = JSON.parse(await readFile(join(ROOT, 'public/catalog.json'), 'utf8'));
  catalog.votes_url = env.collectorUrl;
  const catalogFile = join(dir, 'catalog.json');
  await writeFile(catalogFile, JSON.stringify(catalog));
  execFileSync(TOOL_COMPARE, ['build', catalogFile, '--out', join(dir, 'site'), '--no-precompress'], { stdio: 'ignore' });
  env.collected = await serveStatic({ root: join(dir, 'site') });
  env.collector = spawn(
    COLLECTOR,
    ['serve', '--listen', `127.0.0.1:${port}`, '--database', `sqlite:${join(dir, 'votes.db')}`, '--catalog', catalogFile,
      '--allow-origin', env.collected.origin, '--rate-limit', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((ok, fail) => {
    createInterface({ input: env.collector.stdout }).once('line', (line) => (line.includes('listening on') ? ok() : fail(new Error(line))));
    env.collector.once('exit', (code) => fail(new Error(`the collector exited with ${code}`)));
  });
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  for (const server of [env.widget, env.blog, env.collected]) await server?.close();
  env.collector?.kill('SIGKILL');
});

const VOTED_SMOLLM3 = {
  pressed: ['true', 'false'],
  counts: ['1 vote · 100% · your vote (this browser)', '0 votes · 0%'],
  community: ['100%', '0%'],
};
const VOTED_GATEWAY = {
  pressed: ['false', 'true'],
  counts: ['0 votes · 0%', '1 vote · 100% · your vote (this browser)'],
  community: ['0%', '100%'],
};
const NO_VOTE = { pressed: ['false', 'false'], counts: ['0 votes', '0 votes'], community: ['—', '—'] };

const announced = (card) => card.locator('.tcw-votes [aria-live]').textContent();
const stored = (page, catalog) => page.evaluate((key) => JSON.parse(localStorage.getItem(key))?.votes, `tool-compare:v1:votes:${catalog}`);

/** Counts the `tool-compare:vote` events the page receives. */
const countVoteEvents = (page) =>
  page.addInitScript(() => {
    window.voteEvents = [];
    document.addEventListener('tool-compare:vote', (event) => window.voteEvents.push(event.detail));
  });

for (const [where, url, catalog] of [
  ['the standalone page', () => env.widget.url, () => `${env.widget.url}catalog.json`],
  ['a script embed with its card fragment', () => `${env.blog.origin}/fragment.html`, () => `${env.widget.url}catalog.json`],
]) {
  test(`a vote takes effect, is announced and stored before the Wasm, and the live card takes it over as it is, on ${where}`, async () => {
    const tab = await newPage(env.browser);
    await countVoteEvents(tab);
    const release = await holdWasm(tab);
    await tab.goto(url());
    const card = tab.locator(PRERENDERED);
    await card.getByRole('heading', { level: 2, name: SEED }).waitFor();
    assert.deepEqual(await shown(card), NO_VOTE);
    const smollm3 = card.getByRole('button', { name: 'Vote for SmolLM3' });
    assert.equal(await smollm3.getAttribute('aria-disabled'), null, 'a vote works before the Wasm');

    // A tap: in effect at once, spoken as the live card says it, stored.
    await smollm3.click();
    assert.deepEqual(await shown(card), VOTED_SMOLLM3);
    assert.equal(await announced(card), 'Your vote for SmolLM3 is counted. SmolLM3: 1 vote (100%), Vercel AI Gateway: 0 votes (0%).');
    assert.deepEqual(await stored(tab, catalog()), [['smollm3|vercel-ai-gateway', 'smollm3']]);
    // A key: the other tool; the vote moves, and focus stays on the button.
    await card.getByRole('button', { name: 'Vote for Vercel AI Gateway' }).press('Enter');
    assert.deepEqual(await shown(card), VOTED_GATEWAY);
    assert.equal(
      await card.getByRole('button', { name: 'Vote for Vercel AI Gateway' }).evaluate((el) => el === el.getRootNode().activeElement),
      true,
    );
    // A click event alone, as assistive technology sends: withdrawn.
    await card.locator('[data-tc-key="vote-1"]').evaluate((el) => el.click());
    assert.deepEqual(await shown(card), NO_VOTE);
    assert.equal(await announced(card), 'Your vote is withdrawn. SmolLM3: 0 votes (0%), Vercel AI Gateway: 0 votes (0%).');
    assert.deepEqual(await stored(tab, catalog()), []);
    await smollm3.click();
    assert.equal(await tab.locator('.tcw').count(), 1, 'still the pre-rendered card alone');
    // Each event is sent after the frame that shows its vote.
    await tab.waitForFunction(() => window.voteEvents.length >= 4);
    assert.deepEqual(
      (await tab.evaluate(() => window.voteEvents)).map((e) => [e.vote, e.previous]),
      [['smollm3', null], ['vercel-ai-gateway', 'smollm3'], [null, 'vercel-ai-gateway'], ['smollm3', null]],
    );

    // The hand-over: the live card shows what was stored, replays nothing
    // (a replayed press would withdraw the vote), and nothing moves.
    const shifted = await watchShifts(tab);
    release();
    await waitForCard(tab, SEED);
    assert.deepEqual(await shown(tab.locator(LIVE)), VOTED_SMOLLM3);
    await tab.waitForTimeout(300);
    assert.deepEqual(await shown(tab.locator(LIVE)), VOTED_SMOLLM3);
    assert.equal(await shifted(), 0);
    assert.deepEqual(await stored(tab, catalog()), [['smollm3|vercel-ai-gateway', 'smollm3']]);
    assert.equal((await tab.evaluate(() => window.voteEvents)).length, 4, 'no vote event at the hand-over');
    // The live card goes on from there.
    await tab.locator(LIVE).getByRole('button', { name: 'Vote for SmolLM3' }).click();
    assert.deepEqual(await shown(tab.locator(LIVE)), NO_VOTE);
  });
}

test('a tap in the first frame that shows the standalone page is answered, even when embed.js is slow to arrive', async () => {
  const tab = await newPage(env.browser);
  const release = await holdWasm(tab);
  // embed.js comes 400 ms after the page and its style sheet: a page that
  // painted without it would show a card whose vote does nothing.
  await tab.route('**/embed.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  // In the first frame in which the vote button is laid out, a reader
  // taps it; the next frame tells what it showed.
  await tab.addInitScript(() => {
    const frame = () => {
      const vote = document.querySelector('.tcw [data-tc-key="vote-0"]');
      if (!vote || vote.getBoundingClientRect().height === 0) return requestAnimationFrame(frame);
      vote.click();
      requestAnimationFrame(() => (window.afterFirstTap = vote.getAttribute('aria-pressed')));
    };
    requestAnimationFrame(frame);
  });
  await tab.goto(env.widget.url);
  await tab.waitForFunction(() => window.afterFirstTap !== undefined);
  assert.equal(await tab.evaluate(() => window.afterFirstTap), 'true', 'the tap in the first frame took effect');
  assert.deepEqual(await stored(tab, `${env.widget.url}catalog.json`), [['smollm3|vercel-ai-gateway', 'smollm3']]);
  release();
  await waitForCard(tab, SEED);
  assert.deepEqual(await shown(tab.locator(LIVE)), VOTED_SMOLLM3);
});

test('a vote made before the Wasm shows after a reload, in another widget of the catalog and in another tab', async () => {
  const tab = await newPage(env.browser);
  // The Wasm never comes in this context: everything here is embed.js's.
  await tab.context().route('**/*_bg.wasm', (route) => route.abort());
  tab.expectErrors(/Failed to load resource|tool_compare|net::ERR_FAILED/);
  const other = await tab.context().newPage();
  await other.goto(`${env.blog.origin}/two.html`);
  await tab.goto(`${env.blog.origin}/two.html`);
  const one = tab.locator('#one').locator(PRERENDERED);
  const two = tab.locator('#two').locator(PRERENDERED);
  await two.getByRole('heading', { level: 2, name: 'Vercel AI Gateway vs SmolLM3' }).waitFor();
  await one.getByRole('button', { name: 'Vote for Vercel AI Gateway' }).click();
  assert.deepEqual(await shown(one), VOTED_GATEWAY);
  // The same pair the other way round, on the same page: its own order.
  // It follows through the storage event, sent after the pressed card's paint.
  await two.locator('.tcw-vote[aria-pressed="true"]').waitFor();
  assert.deepEqual(await two.locator('.tcw-vote[aria-pressed="true"]').allInnerTexts(), ['Vote for Vercel AI Gateway']);
  assert.equal((await announced(two)).trim(), '', 'only the pressed card speaks');
  const otherTwo = other.locator('#two').locator(PRERENDERED);
  await otherTwo.locator('.tcw-vote[aria-pressed="true"]').waitFor();
  assert.deepEqual(await otherTwo.locator('.tcw-vote[aria-pressed="true"]').allInnerTexts(), ['Vote for Vercel AI Gateway']);
  await tab.reload();
  await one.getByRole('heading', { level: 2, name: SEED }).waitFor();
  assert.deepEqual(await shown(one), VOTED_GATEWAY);
  await other.close();
});

test("another control shows at once that it is starting, and is done once when the widget is live", async () => {
  const tab = await newPage(env.browser);
  const release = await holdWasm(tab);
  await tab.goto(`${env.blog.origin}/fragment.html`);
  const card = tab.locator(PRERENDERED);
  const swap = card.getByRole('button', { name: /Swap tools/ });
  await swap.waitFor();
  const look = () => swap.evaluate((el) => ({ busy: el.getAttribute('aria-busy'), outline: getComputedStyle(el).outlineStyle }));
  assert.deepEqual(await look(), { busy: null, outline: 'none' });
  const box = await swap.boundingBox();
  await tab.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  assert.deepEqual(await look(), { busy: 'true', outline: 'dashed' });
  release();
  await waitForCard(tab, 'Vercel AI Gateway vs SmolLM3');
  await tab.waitForTimeout(300);
  assert.equal(await tab.locator(LIVE).getByRole('heading', { level: 2 }).textContent(), 'Vercel AI Gateway vs SmolLM3', 'swapped once');
});

test('where the vote cannot be stored before the Wasm, the press is shown busy and cast once when live', async () => {
  const tab = await newPage(env.browser);
  await tab.addInitScript(() => {
    // Refuses the first write only, as a full storage would until the widget frees it.
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      Storage.prototype.setItem = setItem;
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  const release = await holdWasm(tab);
  await tab.goto(env.widget.url);
  const card = tab.locator(PRERENDERED);
  const vote = card.getByRole('button', { name: 'Vote for SmolLM3' });
  await vote.click();
  assert.equal(await vote.getAttribute('aria-busy'), 'true');
  assert.deepEqual(await shown(card), NO_VOTE);
  release();
  await waitForCard(tab, SEED);
  await tab.locator(LIVE).getByText('your vote (this browser)').waitFor();
  await tab.waitForTimeout(300);
  assert.deepEqual(await shown(tab.locator(LIVE)), VOTED_SMOLLM3);
});

/** The collector's counts of the seed pair. */
async function tally() {
  return (await (await fetch(`${env.collectorUrl}v1/tally?a=smollm3&b=vercel-ai-gateway`)).json()).counts;
}

/** Counts the votes a page posts to the collector. */
function countPosts(tab) {
  const posts = [];
  tab.on('request', (request) => request.method() === 'POST' && request.url().startsWith(env.collectorUrl) && posts.push(request.url()));
  return posts;
}

test('with a collector, a vote made before the Wasm is sent once when the widget is live, on this visit or the next', async () => {
  const start = await tally();
  const reader = await newPage(env.browser);
  const posts = countPosts(reader);
  const release = await holdWasm(reader);
  await reader.goto(`${env.collected.url}smollm3-vs-vercel-ai-gateway.html`);
  await reader.locator(PRERENDERED).getByRole('button', { name: 'Vote for SmolLM3' }).click();
  assert.deepEqual(posts, [], 'nothing sent before the widget runs');
  release();
  await waitForCard(reader, SEED);
  await reader.waitForFunction(() => JSON.parse(localStorage.getItem(Object.keys(localStorage)[0])).sent?.length === 1, null, { timeout: 15000 });
  assert.deepEqual(await tally(), { ...start, smollm3: start.smollm3 + 1 });
  await reader.waitForTimeout(300);
  assert.equal(posts.length, 1, 'sent once');

  // A second reader votes and leaves before the Wasm arrives.
  const leaver = await newPage(env.browser);
  await leaver.context().route('**/*_bg.wasm', (route) => route.abort());
  leaver.expectErrors(/Failed to load resource|net::ERR_FAILED/);
  await leaver.goto(`${env.collected.url}smollm3-vs-vercel-ai-gateway.html`);
  await leaver.locator(PRERENDERED).getByRole('button', { name: 'Vote for Vercel AI Gateway' }).click();
  await leaver.close();
  assert.deepEqual(await tally(), { ...start, smollm3: start.smollm3 + 1 });
  // Back on another day, on another page of the site: the widget sends it.
  await leaver.context().unroute('**/*_bg.wasm');
  const back = await leaver.context().newPage();
  const sent = countPosts(back);
  await back.goto(`${env.collected.url}litellm-vs-portkey.html`);
  await waitForCard(back, 'LiteLLM vs Portkey');
  await back.waitForFunction(() => JSON.parse(localStorage.getItem(Object.keys(localStorage)[0])).sent?.length === 1, null, { timeout: 15000 });
  assert.deepEqual(await tally(), { smollm3: start.smollm3 + 1, 'vercel-ai-gateway': start['vercel-ai-gateway'] + 1 });
  await back.waitForTimeout(300);
  assert.equal(sent.length, 1, 'sent once');
});

test('a card from an older build that lacks a vote state leaves that press to the widget, done once', async () => {
  const tab = await newPage(env.browser);
  const release = await holdWasm(tab);
  await tab.goto(env.widget.url);
  const card = tab.locator(PRERENDERED);
  const vote = card.getByRole('button', { name: 'Vote for SmolLM3' });
  await vote.click();
  assert.deepEqual(await shown(card), VOTED_SMOLLM3);
  // As in a snippet pasted before the build rendered the no-vote state.
  await card.locator('template[data-tc-voted="none"]').evaluate((el) => el.remove());
  await vote.click();
  assert.equal(await vote.getAttribute('aria-busy'), 'true');
  assert.deepEqual(await shown(card), VOTED_SMOLLM3, 'nothing stored or shown that the card cannot show');
  assert.deepEqual(await stored(tab, `${env.widget.url}catalog.json`), [['smollm3|vercel-ai-gateway', 'smollm3']]);
  release();
  await waitForCard(tab, SEED);
  await tab.waitForFunction(() => document.querySelector('.tcw:not([data-tc-prerendered]) [data-tc-key="vote-0"]')?.getAttribute('aria-pressed') === 'false');
  await tab.waitForTimeout(300);
  assert.deepEqual(await shown(tab.locator(LIVE)), NO_VOTE);
  assert.deepEqual(await stored(tab, `${env.widget.url}catalog.json`), []);
});
