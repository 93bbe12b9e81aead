// The widget under a strict Content-Security-Policy: no inline script or
// style, no eval. Standalone (the widget's own host sends the policy) and
// embedded on a blog whose policy lists only the widget's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LIVE, PRERENDERED, hostPagePolicy, policyViolations, policyWatchedPage, serveStatic, launchBrowser } from './harness.mjs';

/** The policy README.md tells site owners the standalone page works under. */
const STANDALONE_POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'";

let widgets, blog, browser;

before(async () => {
  widgets = await serveStatic({
    headers: { 'access-control-allow-origin': '*', 'content-security-policy': STANDALONE_POLICY },
  });
  const w = widgets.url;
  blog = await serveStatic({
    prefix: '/blog/',
    extra: {
      '/blog/post.html': (req, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': hostPagePolicy(widgets.origin) })
          .end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog with a strict policy</title></head>
<body><h1>Two tools compared</h1>
<div id="curated" data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway" data-theme="light"></div>
<div id="other" data-tool-compare data-a="litellm" data-b="openrouter" data-theme="dark"></div>
<iframe id="frame" data-tool-compare-frame title="LiteLLM vs Portkey" width="700" height="150"
  src="${w}index.html?a=litellm&amp;b=portkey&amp;embed=1&amp;theme=dark"></iframe>
<script type="module" src="${w}embed.js"></script>
</body></html>`),
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await widgets?.close();
  await blog?.close();
});

/** The card's look comes from the widget's style sheet: its background and corners. */
async function look(card) {
  return card.evaluate((el) => {
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, radius: style.borderTopLeftRadius };
  });
}

const LIGHT = { background: 'rgb(255, 255, 255)', radius: '12px' };
const DARK = { background: 'rgb(21, 23, 28)', radius: '12px' };

for (const [theme, expected] of [['light', LIGHT], ['dark', DARK]]) {
  test(`the standalone page works under a strict policy (${theme}): styled, interactive, no violation`, async () => {
    const page = await policyWatchedPage(browser);
    // The Wasm waits until the pre-rendered card has been looked at.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${widgets.url}?theme=${theme}`);
    assert.deepEqual(await look(page.locator(PRERENDERED)), expected, 'the pre-rendered card is styled');
    release();
    const card = page.locator(LIVE);
    await card.getByRole('heading', { level: 2, name: 'SmolLM3 vs Vercel AI Gateway' }).waitFor({ timeout: 15000 });
    const vote = card.getByRole('button', { name: 'Vote for SmolLM3' });
    await vote.click();
    assert.equal(await vote.getAttribute('aria-pressed'), 'true');
    await card.getByRole('button', { name: 'Swap tools' }).click();
    await card.getByRole('heading', { level: 2, name: 'Vercel AI Gateway vs SmolLM3' }).waitFor();
    assert.deepEqual(await look(card), expected, 'the live card is styled');
    assert.deepEqual(await policyViolations(page), []);
  });
}

test('a failure under a strict policy is shown styled, with no violation', async () => {
  const page = await policyWatchedPage(browser);
  page.expectErrors(/404/);
  await page.goto(`${widgets.url}?catalog=missing.json`);
  const alert = page.getByRole('alert');
  await alert.filter({ hasText: 'missing.json' }).waitFor({ timeout: 15000 });
  const { background, radius } = await look(page.locator(LIVE));
  assert.ok([LIGHT.background, DARK.background].includes(background) && radius === '12px', `styled: ${background}, ${radius}`);
  assert.deepEqual(await policyViolations(page), []);
});

test('script and iframe embeds on a blog with a strict policy are styled and work, with no violation', async () => {
  const page = await policyWatchedPage(browser);
  await page.goto(`${blog.url}post.html`);
  for (const [id, title, expected] of [
    ['curated', 'SmolLM3 vs Vercel AI Gateway', LIGHT],
    ['other', 'LiteLLM vs OpenRouter', DARK],
  ]) {
    const host = page.locator(`#${id}`);
    await host.scrollIntoViewIfNeeded();
    const card = host.locator(LIVE);
    await card.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 15000 });
    await card.getByRole('button', { name: /^Vote for / }).first().click();
    assert.deepEqual(await look(card), expected, `${id} is styled`);
  }
  const frame = page.frame({ url: /embed=1/ });
  await frame.locator(LIVE).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ timeout: 15000 });
  assert.deepEqual(await look(frame.locator(LIVE)), DARK, 'the framed card is styled');
  await page.waitForFunction(() => parseFloat(document.getElementById('frame').style.height) > 400);
  assert.deepEqual(await policyViolations(page), [], 'the blog');
  assert.deepEqual(await policyViolations(frame), [], 'the frame');
});
