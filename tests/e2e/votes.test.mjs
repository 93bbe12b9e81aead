// "Which one would you ship with?": votes, the tally, persistence and events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, withServerAndBrowser, newPage, waitForCard, openSeedCard, SEED } from './harness.mjs';

const env = withServerAndBrowser();

const key = () => `tool-compare:v1:votes:${env.server.url}catalog.json`;

const open = (page) => openSeedCard(page, env.server.url);

/** What a reader sees of the vote: pressed states, counts, Community figures. */
async function readVotes(page) {
  const buttons = page.locator('.tcw-vote');
  return {
    pressed: [await buttons.nth(0).getAttribute('aria-pressed'), await buttons.nth(1).getAttribute('aria-pressed')],
    counts: await page.locator('.tcw-vote-count').allInnerTexts(),
    community: await page
      .locator('.tcw-fact')
      .filter({ hasText: 'Community' })
      .locator('dd')
      .allInnerTexts(),
    // How much of each bar is drawn, in percent of its track.
    bars: await page.locator('.tcw-bar').evaluateAll((bars) =>
      bars.map((bar) => Math.round((100 * bar.querySelector('rect').getBoundingClientRect().width) / bar.getBoundingClientRect().width)),
    ),
  };
}

const vote = (page, name) => page.getByRole('button', { name: `Vote for ${name}`, exact: true }).click();

test('a vote presses its button and moves the counts, bars and Community figures', async () => {
  // Without motion the bars show their new length at once.
  const page = await newPage(env.browser, { reducedMotion: 'reduce' });
  await open(page);
  await page.getByRole('heading', { name: 'Which one would you ship with?' }).waitFor();
  assert.deepEqual(await readVotes(page), {
    pressed: ['false', 'false'],
    counts: ['0 votes', '0 votes'],
    community: ['—', '—'],
    bars: [0, 0],
  });
  await vote(page, 'Vercel AI Gateway');
  assert.deepEqual(await readVotes(page), {
    pressed: ['false', 'true'],
    counts: ['0 votes · 0%', '1 vote · 100% · your vote (this browser)'],
    community: ['0%', '100%'],
    bars: [0, 100],
  });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('voting for the other tool moves the vote, pressing it again withdraws it', async () => {
  const page = await newPage(env.browser, { reducedMotion: 'reduce' });
  await open(page);
  await vote(page, 'Vercel AI Gateway');
  await vote(page, 'SmolLM3');
  assert.deepEqual((await readVotes(page)).pressed, ['true', 'false']);
  assert.deepEqual((await readVotes(page)).counts, ['1 vote · 100% · your vote (this browser)', '0 votes · 0%']);
  await vote(page, 'SmolLM3');
  assert.deepEqual(await readVotes(page), {
    pressed: ['false', 'false'],
    counts: ['0 votes', '0 votes'],
    community: ['—', '—'],
    bars: [0, 0],
  });
  await page.context().close();
});

test('the vote survives a reload and belongs to the unordered pair', async () => {
  const page = await newPage(env.browser);
  await open(page);
  await vote(page, 'SmolLM3');
  await page.reload();
  await waitForCard(page, SEED);
  assert.deepEqual((await readVotes(page)).pressed, ['true', 'false']);
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await waitForCard(page, 'Vercel AI Gateway vs SmolLM3');
  assert.deepEqual((await readVotes(page)).pressed, ['false', 'true'], 'same vote after a swap');
  const stored = await page.evaluate((k) => localStorage.getItem(k), key());
  assert.deepEqual(JSON.parse(stored), { version: 1, votes: [['smollm3|vercel-ai-gateway', 'smollm3']] });
  await page.context().close();
});

test('another open tab shows the vote without a reload', async () => {
  const first = await newPage(env.browser);
  await open(first);
  const second = await first.context().newPage();
  await open(second);
  await vote(first, 'Vercel AI Gateway');
  await second.locator('.tcw-vote[aria-pressed="true"]').waitFor({ timeout: 5000 });
  assert.deepEqual((await readVotes(second)).community, ['0%', '100%']);
  await vote(first, 'Vercel AI Gateway');
  await second.locator('.tcw-vote[aria-pressed="true"]').waitFor({ state: 'detached', timeout: 5000 });
  await first.context().close();
});

test('corrupt stored votes are reset with a notice and replaced by the next vote', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript((k) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, '{"version":1,"votes":[[');
      sessionStorage.setItem('seeded', '1');
    }
  }, key());
  await open(page);
  await page.getByText('Saved votes in this browser could not be read, so they were reset.').waitFor();
  await vote(page, 'SmolLM3');
  assert.equal(await page.getByText('could not be read').count(), 0);
  await page.reload();
  await waitForCard(page, SEED);
  assert.deepEqual((await readVotes(page)).pressed, ['true', 'false']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('storage that throws on access keeps votes in memory and says so', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await open(page);
  const notice = 'This browser does not let the widget save votes, so your vote counts only until you leave the page.';
  await page.getByText(notice).waitFor();
  await vote(page, 'Vercel AI Gateway');
  assert.deepEqual((await readVotes(page)).community, ['0%', '100%']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a full storage quota keeps the vote in memory and says so', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
  });
  await open(page);
  await vote(page, 'SmolLM3');
  await page.getByText('does not let the widget save votes').waitFor();
  assert.deepEqual((await readVotes(page)).pressed, ['true', 'false']);
  await page.context().close();
});

test('each vote change dispatches tool-compare:vote on the host element', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript(() => {
    window.voteEvents = [];
    document.addEventListener('tool-compare:vote', (event) => {
      window.voteEvents.push({
        detail: event.detail,
        bubbles: event.bubbles,
        composed: event.composed,
        target: event.target.id,
      });
    });
  });
  await open(page);
  await vote(page, 'SmolLM3');
  await vote(page, 'Vercel AI Gateway');
  await vote(page, 'Vercel AI Gateway');
  const events = await page.evaluate(() => window.voteEvents);
  const base = { catalog: `${env.server.url}catalog.json`, pair: ['smollm3', 'vercel-ai-gateway'] };
  assert.deepEqual(events, [
    { detail: { ...base, vote: 'smollm3', previous: null }, bubbles: true, composed: true, target: 'tool-compare' },
    { detail: { ...base, vote: 'vercel-ai-gateway', previous: 'smollm3' }, bubbles: true, composed: true, target: 'tool-compare' },
    { detail: { ...base, vote: null, previous: 'vercel-ai-gateway' }, bubbles: true, composed: true, target: 'tool-compare' },
  ]);
  await page.context().close();
});

test('published baseline counts are added to this browser\'s vote', async () => {
  const catalog = JSON.parse(await (await fetch(`${env.server.url}catalog.json`)).text());
  catalog.comparisons[0].baseline_votes = [3, 1];
  const custom = await serveStatic({
    extra: { '/votes/catalog.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(catalog)) },
  });
  try {
    const page = await newPage(env.browser, { reducedMotion: 'reduce' });
    await page.goto(`${custom.url}?catalog=/votes/catalog.json`);
    await waitForCard(page, SEED);
    assert.deepEqual((await readVotes(page)).counts, ['3 votes · 75%', '1 vote · 25%']);
    await vote(page, 'Vercel AI Gateway');
    assert.deepEqual(await readVotes(page), {
      pressed: ['false', 'true'],
      counts: ['3 votes · 60%', '2 votes · 40% · your vote (this browser)'],
      community: ['60%', '40%'],
      bars: [60, 40],
    });
    await page.getByText('4 published votes plus your vote in this browser').waitFor();
    await page.context().close();
  } finally {
    await custom.close();
  }
});
