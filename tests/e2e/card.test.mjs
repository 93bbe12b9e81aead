// The seed comparison as a reader sees it on the standalone page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, openSeedCard, LIVE } from './harness.mjs';

const env = withServerAndBrowser();


test('the seed card shows both tools with their facts', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const tools = page.locator('.tcw-tool');
  assert.equal(await tools.count(), 2);
  const facts = async (i) => {
    const column = tools.nth(i);
    const pairs = {};
    for (const fact of await column.locator('.tcw-fact').all()) {
      pairs[await fact.locator('dt').innerText()] = await fact.locator('dd').innerText();
    }
    return { name: await column.locator('h3').evaluate((h) => h.textContent), pairs };
  };
  assert.deepEqual(await facts(0), {
    name: 'SmolLM3 (opens in a new tab)',
    pairs: { 'Panel ship': '75%', Community: '—', Entry: 'Free' },
  });
  assert.deepEqual(await facts(1), {
    name: 'Vercel AI Gateway (opens in a new tab)',
    pairs: { 'Panel ship': '100%', Community: '—', Entry: 'Paid' },
  });
  await page.getByText('The panel leans Vercel AI Gateway: 100% vs 75%').waitFor();
  await page.getByText('Comparison last updated 24 November 2026.').waitFor();
  await page.getByText('The Business Reader skips SmolLM3 but ships Vercel AI Gateway.').waitFor();
  const cta = page.getByRole('link', { name: 'Get the next comparison in your inbox' });
  assert.equal(await cta.getAttribute('rel'), 'noopener noreferrer');
  assert.deepEqual(page.errors, []);
});

test('quotes start as teasers and "Expand all" shows all eight in full', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const quotes = page.locator('.tcw-quote');
  assert.equal(await quotes.count(), 8);
  const disclosures = page.locator('button.tcw-disclosure');
  assert.equal(await disclosures.count(), 8);
  for (const button of await disclosures.all()) {
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
  }
  const firstBefore = await quotes.first().innerText();
  assert.ok(firstBefore.endsWith('…'), firstBefore);

  await page.getByRole('button', { name: 'Expand all' }).click();
  for (const button of await disclosures.all()) {
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
  }
  const texts = await quotes.allInnerTexts();
  assert.ok(texts[0].startsWith('The primitive here is clean'), texts[0]);
  assert.ok(texts[0].endsWith('3B is a principled constraint, not a compromise.'), texts[0]);
  assert.ok(texts.some((t) => t.endsWith('ship as infrastructure.')));
  assert.ok(texts.every((t) => !t.endsWith('…')));
  await page.getByRole('button', { name: 'Collapse all' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('one quote expands in place and collapses again', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const button = page.locator('button.tcw-disclosure').nth(5);
  const quote = page.locator('#' + (await button.getAttribute('aria-controls')));
  assert.ok((await quote.innerText()).endsWith('…'));
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.ok((await quote.innerText()).endsWith('Skip as a business, ship as infrastructure.'));
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.ok((await quote.innerText()).endsWith('…'));
});

test('the scorecard has one row per reviewer with their verdicts', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const rows = page.locator('.tcw-row');
  const summary = [];
  for (const row of await rows.all()) {
    const badges = await row.locator('.tcw-badge').allInnerTexts();
    summary.push(`${await row.locator('.tcw-reviewer-name').innerText()}: ${badges.join(' / ').toLowerCase()}`);
  }
  assert.deepEqual(summary, [
    'The Builder: ship / ship',
    'The Skeptic: ship / ship',
    'The Futurist: ship / not reviewed',
    'The Business Reader: skip / ship',
    "The User's Advocate: not reviewed / ship",
  ]);
});

test("a pair's page shows its pair once live too, names it in its h1, and on a phone its first screen shows the comparison", async () => {
  for (const javaScriptEnabled of [false, true]) {
    const page = await newPage(env.browser, { viewport: { width: 360, height: 740 }, javaScriptEnabled });
    await page.goto(`${env.server.url}vercel-ai-gateway-vs-litellm.html`);
    const card = page.locator(javaScriptEnabled ? LIVE : '.tcw');
    await card.getByRole('heading', { level: 2, name: 'Vercel AI Gateway vs LiteLLM' }).waitFor();
    assert.equal(await page.locator('h1').textContent(), 'Vercel AI Gateway vs LiteLLM');
    // Title, verdict and both tools' panel figures, above the fold.
    for (const part of [card.locator('h2'), card.locator('.tcw-verdict-line'), ...[0, 1].map((i) => card.locator('.tcw-fact dd').nth(i * 3))]) {
      const box = await part.boundingBox();
      assert.ok(box && box.y + box.height <= 740, `${await part.textContent()} ends at ${box && box.y + box.height} px`);
    }
    if (javaScriptEnabled) {
      // The controls come first but keep to one row: pickers with the swap between them.
      const pickers = await card.getByRole('combobox').evaluateAll((boxes) => boxes.map((b) => Math.round(b.getBoundingClientRect().top)));
      assert.equal(pickers.length, 2);
      assert.equal(new Set(pickers).size, 1, 'both pickers on one row');
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no horizontal scrolling');
  }
  // The live page's h1 follows the pair the reader picks.
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}vercel-ai-gateway-vs-litellm.html`);
  await page.locator(LIVE).getByRole('button', { name: 'Swap tools' }).click();
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'LiteLLM vs Vercel AI Gateway' }).waitFor();
  assert.equal(await page.locator('h1').textContent(), 'LiteLLM vs Vercel AI Gateway');
  // Back to the page's own address, which names no pair: the page's pair, not the catalog's default.
  await page.goBack();
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'Vercel AI Gateway vs LiteLLM' }).waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Vercel AI Gateway vs LiteLLM');
});
