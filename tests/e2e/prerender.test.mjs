// Pre-rendered cards: the card's content before, and without, JavaScript;
// the hand-over to the live widget; deferred start; and the drift check
// between the two renderings of the same components.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launchBrowser, newPage, waitForCard, holdWasm, watchShifts, seedVotesShown, LIVE, PRERENDERED, SEED } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The site builder that wrote dist/ (scripts/build.sh). */
const TOOL_COMPARE = `${ROOT}target/cli/tool-compare`;

let widgetHost, blog, browser;
const pages = {};

/** Runs `tool-compare snippet <catalog> <a> <b>` with the test's widget address. */
function snippet(catalog, a, b, options) {
  return execFileSync(TOOL_COMPARE, ['snippet', catalog, a, b, '--widget-url', widgetHost.url, ...options], { cwd: ROOT, encoding: 'utf8' });
}

const html = (body) => (req, res) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog post</title><link rel="icon" href="data:,"></head>
<body><h1>A blog post</h1><p>Before the widget.</p>${body()}<p id="after">After the widget.</p></body></html>`);

/** Markup in every text field of a catalog the card shows. */
const MARKUP = '<b>Bold</b><img src=x onerror="window.pwned=1">';
const hostileCatalog = () =>
  JSON.stringify({
    version: 1,
    title: MARKUP,
    intro: MARKUP,
    reviewers: [{ id: 'r', name: MARKUP, lens: MARKUP }],
    tools: [
      { id: 'a', name: MARKUP, category: MARKUP, tagline: MARKUP, description: MARKUP, entry: MARKUP, link: 'https://example.com/"><b>x</b>',
        reviews: [{ reviewer: 'r', verdict: 'ship', quote: MARKUP.repeat(20) }] },
      { id: 'b', name: 'B', reviews: [{ reviewer: 'r', verdict: 'skip', quote: MARKUP }] },
    ],
    comparisons: [{ tools: ['a', 'b'], question: MARKUP, updated: '2026-01-02' }],
    cta: { kicker: MARKUP, text: MARKUP, blurb: MARKUP, link: 'https://example.com/' },
  });

const embedScript = () => `<script type="module" src="${widgetHost.url}embed.js"></script>`;

before(async () => {
  const german = await readFile(new URL('../../examples/catalog.de.json', import.meta.url));
  const hostile = join(await mkdtemp(join(tmpdir(), 'tool-compare-hostile-')), 'catalog.json');
  await writeFile(hostile, hostileCatalog());
  widgetHost = await serveStatic({
    headers: { 'access-control-allow-origin': '*' },
    extra: {
      '/catalogs/hostile.json': (req, res) =>
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(hostileCatalog()),
      '/catalogs/de.json': (req, res) =>
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(german),
    },
  });
  pages.seed = snippet('public/catalog.json', 'smollm3', 'vercel-ai-gateway', ['--no-script']);
  pages.german = snippet('examples/catalog.de.json', 'smollm3', 'vercel-ai-gateway', [
    '--catalog-url', `${widgetHost.origin}/catalogs/de.json`, '--no-script',
  ]);
  pages.hostile = snippet(hostile, 'a', 'b', ['--catalog-url', `${widgetHost.origin}/catalogs/hostile.json`, '--no-script']);
  blog = await serveStatic({
    prefix: '/nothing-here/',
    extra: {
      '/hostile.html': html(() => pages.hostile),
      '/hostile-live.html': html(() => pages.hostile + embedScript()),
      '/snippet.html': html(() => pages.seed),
      '/snippet-live.html': html(() => pages.seed + embedScript()),
      '/german.html': html(() => pages.german),
      '/german-live.html': html(() => pages.german + embedScript()),
      '/fragment.html': html(() => `<div id="w" data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway"></div>${embedScript()}`),
      '/swapped.html': html(() => `<div id="w" data-tool-compare data-a="vercel-ai-gateway" data-b="smollm3"></div>${embedScript()}`),
      '/far.html': html(
        () => `<div style="height:6000px"></div><div id="far" data-tool-compare data-a="litellm" data-b="portkey"></div>${embedScript()}`,
      ),
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await widgetHost?.close();
  await blog?.close();
});

const noScript = () => newPage(browser, { javaScriptEnabled: false });

/** What the seed card must show as text, facts and quotes. */
async function assertWholeSeedCard(page) {
  const card = page.locator(PRERENDERED);
  await card.getByRole('heading', { level: 2, name: SEED }).waitFor();
  const facts = await card.locator('.tcw-fact').allInnerTexts();
  assert.deepEqual(
    facts.map((f) => f.replace(/\s+/g, ' ')),
    ['Panel ship 75%', 'Community —', 'Entry Free', 'Panel ship 100%', 'Community —', 'Entry Paid'],
  );
  assert.equal(await card.locator('.tcw-category').filter({ hasText: 'Developer Tools' }).count(), 2);
  for (const text of [
    'The panel leans Vercel AI Gateway: 100% vs 75%',
    'The Business Reader skips SmolLM3 but ships Vercel AI Gateway.',
    'Comparison last updated 24 November 2026.',
    'Which one would you ship with?',
  ]) {
    await card.getByText(text).waitFor();
  }
  assert.equal(await card.getByRole('link', { name: 'Get the next comparison in your inbox' }).getAttribute('rel'), 'noopener noreferrer');
  // All eight quotes, in full, each behind a native disclosure.
  const quotes = await card.locator('details .tcw-quote').allTextContents();
  assert.equal(quotes.length, 8);
  assert.ok(quotes[0].startsWith('The primitive here is clean') && quotes[0].endsWith('not a compromise.'), quotes[0]);
  assert.ok(quotes.some((q) => q.endsWith('Skip as a business, ship as infrastructure.')));
}

/** The no-script note is shown and the controls that need script are not. */
async function assertSaysScriptIsNeeded(page) {
  const card = page.locator(PRERENDERED);
  await card.getByText('Switching tools and voting need JavaScript; everything else is here.').waitFor();
  assert.equal(await card.getByRole('combobox').count(), 0, 'no picker that cannot work');
  assert.equal(await card.getByRole('button', { name: 'Swap tools' }).count(), 0);
  assert.equal(await card.getByRole('button', { name: 'Share', exact: true }).count(), 0, 'no Share that cannot open');
}

test('without JavaScript the default page shows the whole seed card', async () => {
  const page = await noScript();
  await page.goto(widgetHost.url);
  await assertWholeSeedCard(page);
  await assertSaysScriptIsNeeded(page);
  assert.equal(await page.title(), 'SmolLM3 vs Vercel AI Gateway · AI tool comparison');
  // A quote opens in place without script: the teaser gives way to the full text.
  const cell = page.locator('.tcw-cell').first();
  assert.equal(await cell.locator('.tcw-teaser').isVisible(), true);
  await cell.getByText('Read the full quote').click();
  await cell.getByText('3B is a principled constraint, not a compromise.').waitFor();
  assert.equal(await cell.locator('.tcw-teaser').isVisible(), false);
  await cell.getByText('Show less').waitFor();
  assert.deepEqual(page.errors, []);
});

test("without JavaScript the seed pair has its own page, with its title, description, canonical link and preview tags", async () => {
  const page = await noScript();
  await page.goto(`${widgetHost.url}smollm3-vs-vercel-ai-gateway.html`);
  await assertWholeSeedCard(page);
  assert.equal(await page.title(), 'SmolLM3 vs Vercel AI Gateway · AI tool comparison');
  const meta = (selector) => page.locator(selector).getAttribute('content');
  assert.equal(
    await meta('meta[name="description"]'),
    'SmolLM3 vs Vercel AI Gateway: The panel leans Vercel AI Gateway: 100% vs 75%. Panel verdicts, reviewer quotes, pricing and reader votes side by side.',
  );
  // The bundled catalog has no site_url: a canonical address must be absolute, so there is none.
  assert.equal(await page.locator('link[rel="canonical"], meta[property="og:url"]').count(), 0);
  assert.equal(await page.locator('link[rel="icon"]').getAttribute('href'), './icon.svg');
  assert.equal((await page.request.get(new URL('icon.svg', page.url()).href)).headers()['content-type'], 'image/svg+xml');
  assert.equal(await meta('meta[property="og:title"]'), 'SmolLM3 vs Vercel AI Gateway');
  assert.equal(await meta('meta[property="og:type"]'), 'website');
  // The curated pairs link to each other's pages, which works without script.
  await page.getByRole('link', { name: 'LiteLLM vs Portkey' }).click();
  await page.waitForURL(/litellm-vs-portkey\.html$/);
  await page.locator(PRERENDERED).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor();
  assert.equal(await page.title(), 'LiteLLM vs Portkey · AI tool comparison');
  assert.equal(await page.getByRole('link', { name: 'LiteLLM vs Portkey' }).getAttribute('aria-current'), 'true');
});

test('without JavaScript a pasted snippet shows the whole card, styled by the linked style sheet', async () => {
  const page = await noScript();
  await page.goto(`${blog.origin}/snippet.html`);
  await assertWholeSeedCard(page);
  await assertSaysScriptIsNeeded(page);
  const host = page.locator('[data-tool-compare]');
  assert.equal(await host.evaluate((el) => el.shadowRoot?.mode), 'open', 'a declarative shadow root');
  const styled = await page.locator('.tcw-vote').first().evaluate((el) => getComputedStyle(el).borderRadius);
  assert.equal(styled, '8px', 'the widget style sheet applies inside the shadow root');
  assert.equal(await page.locator('#after').evaluate((el) => getComputedStyle(el).fontFamily).then((f) => f.includes('system-ui')), false, 'the host page is untouched');
});

test('with embed.js on the page, a pasted snippet is taken over in place', async () => {
  const page = await newPage(browser);
  await page.goto(`${blog.origin}/snippet-live.html`);
  await waitForCard(page, SEED);
  const host = page.locator('[data-tool-compare]');
  assert.equal(await host.evaluate((el) => el.shadowRoot.querySelectorAll('.tcw').length), 1, 'one card, the live one');
  await page.getByRole('button', { name: 'Vote for SmolLM3' }).click();
  assert.equal(await page.getByRole('button', { name: 'Vote for SmolLM3' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await waitForCard(page, 'Vercel AI Gateway vs SmolLM3');
  assert.deepEqual(page.errors, []);
});

for (const script of [false, true]) {
  test(`catalog text in a pre-rendered card is text, never markup (${script ? 'taken over by the widget' : 'no script'})`, async () => {
    const page = await newPage(browser, { javaScriptEnabled: script });
    await page.goto(`${blog.origin}/${script ? 'hostile-live' : 'hostile'}.html`);
    const card = page.locator(script ? LIVE : PRERENDERED);
    await card.getByRole('heading', { level: 2 }).filter({ hasText: '<b>Bold</b>' }).waitFor({ timeout: 15000 });
    const found = await page.locator('[data-tool-compare]').evaluate((el) => ({
      elements: el.shadowRoot.querySelectorAll('.tcw b, .tcw img, .tcw script').length,
      literal: (el.shadowRoot.querySelector('.tcw').textContent.match(/<img src=x onerror=/g) ?? []).length,
      links: [...el.shadowRoot.querySelectorAll('.tcw a')].map((a) => a.getAttribute('href')),
    }));
    assert.equal(found.elements, 0, 'no element made from catalog text');
    assert.ok(found.literal >= 12, `the markup is shown as text ${found.literal} times`);
    assert.ok(found.links.includes('https://example.com/"><b>x</b>'), found.links.join(' '));
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.deepEqual(page.errors, []);
  });
}

/** Positions of the card's controls, headings and visible quotes. */
function geometry(page, root) {
  return page.evaluate((selector) => {
    const card = document.querySelector(selector) ?? document.querySelector('[data-tool-compare]').shadowRoot.querySelector(selector);
    const places = {};
    const put = (name, el) => {
      const r = el.getBoundingClientRect();
      places[name] = [r.x, r.y, r.width, r.height].map((n) => Math.round(n)).join(',');
    };
    for (const el of card.querySelectorAll('[data-tc-key]')) {
      // A quote's disclosure: the live button, or the pre-render's summary.
      put(el.dataset.tcKey, el.matches('details') ? el.querySelector('summary') : el);
    }
    for (const sel of ['h2', 'h3', '.tcw-fact', '.tcw-quote', '.tcw-vote-count', '.tcw-card-footer', '.tcw-cta']) {
      [...card.querySelectorAll(sel)].filter((el) => el.checkVisibility()).forEach((el, i) => put(`${sel}[${i}]`, el));
    }
    return places;
  }, root);
}

test('the hand-over moves nothing, and keeps an expanded quote, the focus and the stored vote', async () => {
  const page = await newPage(browser);
  await page.goto(widgetHost.url);
  await waitForCard(page, SEED);
  await page.getByRole('button', { name: 'Vote for SmolLM3' }).click();

  const release = await holdWasm(page);
  await page.reload();
  const card = page.locator(PRERENDERED);
  await card.getByRole('heading', { level: 2, name: SEED }).waitFor();
  // The reader opens a quote before the widget's code is there.
  await card.locator('details[data-tc-key="quote-3-0"] > summary').click();
  assert.equal(await card.locator('details[data-tc-key="quote-3-0"]').getAttribute('open'), '');
  const before = await geometry(page, PRERENDERED);
  const shifted = await watchShifts(page);
  release();
  await waitForCard(page, SEED);
  assert.equal(await page.locator(PRERENDERED).count(), 0);
  assert.deepEqual(await geometry(page, LIVE), before);
  assert.equal(await shifted(), 0);

  const disclosure = page.locator(`${LIVE} [data-tc-key="quote-3-0"]`);
  assert.equal(await disclosure.getAttribute('aria-expanded'), 'true');
  assert.equal(await disclosure.evaluate((el) => el === document.activeElement), true, 'focus stayed on the quote');
  assert.equal(await page.getByRole('button', { name: 'Vote for SmolLM3' }).getAttribute('aria-pressed'), 'true');
  await page.getByText('your vote (this browser)').waitFor();
  assert.deepEqual(page.errors, []);
});

for (const [where, url] of [
  ['the standalone page', () => widgetHost.url],
  ['a script embed with its card fragment', () => `${blog.origin}/fragment.html`],
]) {
  test(`a returning reader's vote shows on the pre-rendered card before the Wasm, on ${where}`, async () => {
    const page = await newPage(browser);
    await page.goto(url());
    await waitForCard(page, SEED);
    await page.getByRole('button', { name: 'Vote for SmolLM3' }).click();
    await page.locator(LIVE).getByText('your vote (this browser)').waitFor();

    const release = await holdWasm(page);
    await page.reload({ waitUntil: 'domcontentloaded' });
    const card = page.locator(PRERENDERED);
    await card.getByRole('heading', { level: 2, name: SEED }).waitFor();
    const expected = {
      pressed: ['true', 'false'],
      counts: ['1 vote · 100% · your vote (this browser)', '0 votes · 0%'],
      community: ['100%', '0%'],
    };
    assert.deepEqual(await seedVotesShown(card), expected);
    const shifted = await watchShifts(page);
    release();
    await waitForCard(page, SEED);
    assert.deepEqual(await seedVotesShown(page.locator(LIVE)), expected);
    assert.equal(await shifted(), 0);
    assert.deepEqual(page.errors, []);
  });
}

test("what a reader presses before the widget's code arrives is done when it does", async () => {
  const page = await newPage(browser);
  const release = await holdWasm(page);
  await page.goto(widgetHost.url);
  const card = page.locator(PRERENDERED);
  const swap = card.getByRole('button', { name: /Swap tools/ });
  // The controls that need the widget's code say that they wait (a vote
  // does not: embed.js answers it, see early-votes.test.mjs).
  assert.equal(await swap.getAttribute('aria-disabled'), 'true');
  const note = await swap.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${note}`).textContent(), /interactive controls are still loading/);
  // Playwright refuses to click what is aria-disabled; a reader's mouse does not.
  const box = await swap.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await card.getByRole('combobox', { name: 'First tool' }).fill('lite');
  release();
  await waitForCard(page, 'Vercel AI Gateway vs SmolLM3');
  const picker = page.getByRole('combobox', { name: 'First tool' });
  assert.equal(await picker.inputValue(), 'lite');
  assert.equal(await picker.evaluate((el) => el === document.activeElement), true);
  await page.getByRole('option', { name: /LiteLLM/ }).waitFor();
  await picker.press('Enter');
  await waitForCard(page, 'LiteLLM vs SmolLM3');
  assert.deepEqual(page.errors, []);
});

test('a card fragment shows at once on a blog, and its hand-over moves nothing on the page', async () => {
  const page = await newPage(browser);
  const release = await holdWasm(page);
  await page.goto(`${blog.origin}/fragment.html`);
  await page.locator(PRERENDERED).getByRole('heading', { level: 2, name: SEED }).waitFor();
  await assertWholeSeedCard(page);
  const after = () => page.locator('#after').evaluate((el) => Math.round(el.getBoundingClientRect().top));
  const top = await after();
  const before = await geometry(page, PRERENDERED);
  const shifted = await watchShifts(page);
  release();
  await waitForCard(page, SEED);
  assert.equal(await after(), top);
  assert.deepEqual(await geometry(page, LIVE), before);
  assert.equal(await shifted(), 0);
  assert.deepEqual(page.errors, []);
});

test('a pre-rendered card never scrolled near never downloads the Wasm; the first interaction starts it', async () => {
  const page = await newPage(browser);
  const wasm = [];
  page.on('request', (request) => request.url().endsWith('.wasm') && wasm.push(request.url()));
  await page.goto(`${blog.origin}/far.html`);
  const far = page.locator('#far');
  await far.locator(PRERENDERED).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ state: 'attached' });
  // Long enough for the browser to be idle several times over.
  await page.waitForTimeout(1500);
  assert.deepEqual(wasm, []);
  await page.evaluate(() =>
    document.getElementById('far').shadowRoot.querySelector('[data-tc-key="vote-0"]').focus({ preventScroll: true }),
  );
  await far.locator(LIVE).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ state: 'attached', timeout: 15000 });
  assert.equal(wasm.length, 1);
  assert.deepEqual(page.errors, []);
});

for (const [where, path] of [['the standalone page', ''], ["a pair's page", 'vercel-ai-gateway-vs-litellm.html']]) {
  test(`on ${where}, the Wasm and the catalog are asked for once the first content is on screen, not beside its paint`, async () => {
    const page = await newPage(browser);
    // Registered before embed.js's own observer, so it is told first.
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length) window.firstContentShownAt ??= performance.now();
      }).observe({ type: 'paint' });
    });
    await page.goto(widgetHost.url + path);
    await page.locator(LIVE).first().waitFor({ state: 'attached', timeout: 15000 });
    const { shown, requests } = await page.evaluate(() => ({
      shown: window.firstContentShownAt,
      requests: performance
        .getEntriesByType('resource')
        .filter((entry) => /_bg\.wasm$|\/catalog\.json$/.test(entry.name))
        .map((entry) => [entry.name.split('/').pop(), entry.startTime]),
    }));
    assert.equal(requests.length, 2, JSON.stringify(requests));
    for (const [file, at] of requests) assert.ok(at >= shown, `${file} asked for at ${at} ms, before the first content was shown at ${shown} ms`);
    assert.deepEqual(page.errors, []);
  });
}

test('the live card is drawn in a task after the one that read the catalog, so that a tap is answered between them', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, ...rest) => {
      const entry = mark(name, ...rest);
      // A zero-delay timer set now runs once this task has ended, before
      // any the widget sets after it: a card drawn in this same task is
      // already there when it runs.
      if (name === 'tool-compare:catalog-loaded') {
        setTimeout(() => (window.cardDrawnWithCatalog = performance.getEntriesByName('tool-compare:card-rendered').length > 0));
      }
      return entry;
    };
  });
  await page.goto(widgetHost.url);
  await page.locator(LIVE).first().waitFor({ state: 'attached', timeout: 15000 });
  assert.equal(await page.evaluate(() => window.cardDrawnWithCatalog), false, 'the card was drawn in the task that read the catalog');
  assert.deepEqual(page.errors, []);
});

test('a click alone on a card far below the fold starts it and is done once the widget is live', async () => {
  const page = await newPage(browser);
  await page.goto(`${blog.origin}/far.html`);
  const far = page.locator('#far');
  await far.locator(PRERENDERED).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ state: 'attached' });
  // As screen readers' browse modes and automation do: no pointer, key or
  // focus event before it, and no scrolling.
  await page.evaluate(() => document.getElementById('far').shadowRoot.querySelector('[data-tc-key="vote-0"]').click());
  const vote = far.locator(LIVE).getByRole('button', { name: 'Vote for LiteLLM' });
  await vote.waitFor({ state: 'attached', timeout: 15000 });
  await page.waitForFunction(
    () => document.getElementById('far').shadowRoot.querySelector('.tcw:not([data-tc-prerendered]) [data-tc-key="vote-0"]')?.getAttribute('aria-pressed') === 'true',
    null,
    { timeout: 5000 },
  );
  assert.equal(await vote.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(page.errors, []);
});

test("embed.js says what it says by itself in the card's language: a German card whose widget cannot start", async () => {
  const page = await newPage(browser);
  page.expectErrors(/status of 404 \(Not Found\)/, /Failed to fetch|404/);
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.route('**/embed.js?deployed=*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${blog.origin}/german-live.html`);
  const host = page.locator('[data-tool-compare]');
  await host.locator(PRERENDERED).getByRole('heading', { level: 2, name: 'SmolLM3 vs. Vercel AI Gateway' }).waitFor();
  await host.locator('[data-tc-key="vote-0"]').focus();
  const alert = host.getByRole('alert');
  await alert.waitFor({ timeout: 15000 });
  assert.match(await alert.innerText(), /^Das Vergleichs-Widget konnte nicht starten: /);
  assert.equal(await alert.getByRole('button').innerText(), 'Erneut versuchen');
  // The card stays readable under the message.
  assert.equal(await host.locator(PRERENDERED).count(), 1);
});

// (axe needs script to run, so the page runs embed.js while its Wasm is held.)
test('a pre-rendered card has no axe violations before the Wasm arrives', async () => {
  const axe = await readFile(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  const rules = { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] };
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(browser, { colorScheme: scheme });
    await holdWasm(page);
    await page.goto(widgetHost.url);
    await page.locator(PRERENDERED).getByRole('heading', { level: 2, name: SEED }).waitFor();
    await page.locator('details').first().evaluate((d) => (d.open = true));
    await page.evaluate(axe);
    const result = await page.evaluate((rules) => window.axe.run(document, { runOnly: rules }), rules);
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], scheme);
    await page.context().close();
  }
});

/**
 * The card as text and structure: elements (tag and classes) and their
 * text, in order, without attributes. Left out: each rendering's own
 * disclosure machinery (native details and summary, or the live button)
 * and the pre-render's note on waiting for script and its voted parts
 * (templates); teasers count as quotes.
 * Also returns the full quotes.
 */
function shapeOf(page, root) {
  return page.evaluate((selector) => {
    const card =
      document.querySelector(selector) ??
      [...document.querySelectorAll('[data-tool-compare]')].map((el) => el.shadowRoot?.querySelector(selector)).find(Boolean);
    const out = [];
    const walk = (el) => {
      for (const node of el.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          const text = node.textContent.replace(/\s+/g, ' ').trim();
          if (text) out.push(JSON.stringify(text));
        } else if (node.nodeType === Node.ELEMENT_NODE && !node.matches('.tcw-wait, details, button.tcw-disclosure, template')) {
          if (node.matches('input')) {
            out.push(`input = ${node.value}`);
            continue;
          }
          const classes = [...node.classList].filter((c) => c !== 'tcw-teaser').sort();
          out.push(`<${[node.localName, ...classes].join('.')}>`);
          walk(node);
          out.push(`</${node.localName}>`);
        }
      }
    };
    walk(card);
    const full = card.matches('[data-tc-prerendered]')
      ? [...card.querySelectorAll('details .tcw-quote')].map((q) => q.textContent)
      : null;
    return { shape: out, full };
  }, root);
}

async function liveFullQuotes(page) {
  await page.locator(`${LIVE} [data-tc-key="expand-all"]`).click();
  return page.locator(`${LIVE} .tcw-quote`).allTextContents();
}

for (const { name, prerendered, live, heading } of [
  { name: 'the seed pair', prerendered: () => `${widgetHost.url}smollm3-vs-vercel-ai-gateway.html`, live: () => widgetHost.url, heading: SEED },
  {
    name: 'a swapped pair (card fragment and script embed)',
    prerendered: () => `${widgetHost.url}cards/vercel-ai-gateway-vs-smollm3.html`,
    live: () => `${blog.origin}/swapped.html`,
    heading: 'Vercel AI Gateway vs SmolLM3',
  },
  {
    name: 'a pair whose second tool no reviewer has judged',
    prerendered: () => `${widgetHost.url}smollm3-vs-phi-3-mini.html`,
    live: () => `${widgetHost.url}?a=smollm3&b=phi-3-mini`,
    heading: 'SmolLM3 vs Phi-3-mini',
  },
  {
    name: 'the German example catalog (snippet)',
    prerendered: () => `${blog.origin}/german.html`,
    live: () => `${blog.origin}/german-live.html`,
    heading: 'SmolLM3 vs. Vercel AI Gateway',
  },
]) {
  test(`drift: the pre-rendered and the live card have the same text and structure, for ${name}`, async () => {
    const still = await noScript();
    // A card fragment opened as a document has no icon link: the browser asks for /favicon.ico.
    if (prerendered().includes('/cards/')) still.expectErrors(/status of 404 \(Not Found\)/);
    await still.goto(prerendered());
    await still.locator(PRERENDERED).getByRole('heading', { level: 2, name: heading }).waitFor();
    const expected = await shapeOf(still, PRERENDERED);

    const page = await newPage(browser);
    await page.goto(live());
    await waitForCard(page, heading);
    const actual = await shapeOf(page, LIVE);
    assert.ok(expected.shape.length > 150, `a whole card: ${expected.shape.length} items`);
    assert.deepEqual(actual.shape, expected.shape);
    if (expected.full.length > 0) assert.deepEqual(await liveFullQuotes(page), expected.full);
    assert.deepEqual(page.errors, []);
  });
}
