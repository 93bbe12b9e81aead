// Accessibility as readers meet it: axe-core, keyboard only, small screens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { LIVE, serveStatic, launchBrowser, newPage, waitForCard, breakNextElement } from './harness.mjs';

let server, blog, browser, axeSource;
const SEED = 'SmolLM3 vs Vercel AI Gateway';
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

before(async () => {
  axeSource = await readFile(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  server = await serveStatic({ headers: { 'access-control-allow-origin': '*' } });
  blog = await serveStatic({
    prefix: '/none/',
    extra: {
      '/post.html': (req, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blog post</title><link rel="icon" href="data:,"></head>
<body><main><h1>Which gateway?</h1><p>Our take, with a comparison:</p>
<div data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway" data-theme="light"></div>
<div data-tool-compare data-a="litellm" data-b="portkey" data-theme="dark"></div>
<script type="module" src="${server.url}embed.js"></script></main></body></html>`),
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await blog?.close();
});

async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((rules) => window.axe.run(document, { runOnly: rules }), RULES);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`the standalone page has no axe violations (${scheme})`, async () => {
    const page = await newPage(browser, { colorScheme: scheme });
    await page.goto(server.url);
    await waitForCard(page, SEED);
    // Every state a reader can reach: an open picker, expanded quotes, a vote.
    await page.getByRole('button', { name: 'Expand all' }).click();
    await page.getByRole('button', { name: 'Vote for SmolLM3' }).click();
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('combobox', { name: 'First tool' }).press('ArrowDown');
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('combobox', { name: 'First tool' }).press('Escape');
    // The Share panel, with the message after a refused copy showing.
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('did not allow copying').waitFor();
    assert.deepEqual(await axeViolations(page), []);
  });
}

test('the report of an internal error is readable in the dark (axe, contrast included)', async () => {
  const page = await newPage(browser, { colorScheme: 'dark' });
  page.expectErrors(/unreachable/);
  await page.goto(`${server.url}?a=litellm&b=portkey`);
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ timeout: 15000 });
  await breakNextElement(page);
  await page.getByRole('button', { name: 'Vote for Portkey' }).click();
  await page.getByRole('alert').filter({ hasText: 'stopped because of an internal error' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
});

test('embedded widgets in both themes have no axe violations', async () => {
  const page = await newPage(browser);
  await page.goto(`${blog.origin}/post.html`);
  await page.locator(LIVE).getByRole('heading', { level: 2, name: SEED }).waitFor({ timeout: 15000 });
  // The second card is pre-rendered below the first: its widget starts
  // when the reader comes near.
  await page.locator('[data-tool-compare]').nth(1).scrollIntoViewIfNeeded();
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ timeout: 15000 });
  assert.deepEqual(await axeViolations(page), []);
  // The dark card's Share panel, inside its shadow root.
  await page.locator(LIVE).getByRole('button', { name: 'Share', exact: true }).nth(1).click();
  await page.getByRole('group', { name: 'Share this comparison' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
});

test('a reader can do everything by keyboard alone', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.pointerEvents = 0;
    for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) {
      addEventListener(type, () => window.pointerEvents++, true);
    }
  });
  await page.goto(server.url);
  await waitForCard(page, SEED);
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent.trim() ?? ''}`;
  });

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id.endsWith('picker-a')), true, 'first stop: First tool');
  await page.keyboard.type('port');
  await page.keyboard.press('Enter');
  await waitForCard(page, 'Portkey vs Vercel AI Gateway');

  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'button:⇄ Swap tools');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid', 'focus is visible');
  await page.keyboard.press('Enter');
  await waitForCard(page, 'Vercel AI Gateway vs Portkey');

  // On to the first quote's disclosure, through the links in between.
  let stops = 0;
  while (!(await focused()).startsWith('button:Read the full quote') && stops++ < 30) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');

  while (!(await focused()).startsWith('button:Vote for') && stops++ < 60) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'button:Vote for Vercel AI Gateway');
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'true');
  assert.equal(await page.evaluate(() => window.pointerEvents), 0, 'no mouse or pointer events');
});

test('at 320 px nothing scrolls sideways', async () => {
  const page = await newPage(browser, { viewport: { width: 320, height: 700 } });
  await page.goto(server.url);
  await waitForCard(page, SEED);
  await page.getByRole('button', { name: 'Expand all' }).click();
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `page ${widths[0]}px wide in a ${widths[1]}px viewport`);
});

test('reduced motion turns the transitions off', async () => {
  const page = await newPage(browser, { reducedMotion: 'reduce' });
  await page.goto(server.url);
  await waitForCard(page, SEED);
  const durations = await page.locator('.tcw-button, .tcw-bar rect').evaluateAll((els) =>
    els.map((el) => getComputedStyle(el).transitionDuration),
  );
  assert.ok(durations.length > 0 && durations.every((d) => d === '0s'), durations.join(','));
});
