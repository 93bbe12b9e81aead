// Share: the panel under the card (link, embed codes, copy, share sheet)
// and the preview images that the pages of curated pairs name for link
// previews. Every pasted snippet runs on a page of another origin, which
// sends the strict policy README.md gives for blogs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DIST, LIVE, PRERENDERED, SEED, hostPagePolicy, policyViolations, policyWatchedPage, serveStatic, launchBrowser, newPage, waitForCard,
} from './harness.mjs';

let widgets, blog, browser;
/** What the blog at the other origin shows: whatever a test pasted. */
let pasted = '';

before(async () => {
  const catalog = JSON.parse(await readFile(join(DIST, 'catalog.json'), 'utf8'));
  widgets = await serveStatic({
    headers: { 'access-control-allow-origin': '*' },
    extra: {
      '/blog/widgets/compare/no-share.json': (req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
          .end(JSON.stringify({ ...catalog, share: false })),
    },
  });
  blog = await serveStatic({
    prefix: '/none/',
    extra: {
      '/post.html': (req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': hostPagePolicy(widgets.origin) })
          .end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A post</title></head>
<body><h1>A post</h1>${pasted}<p>After the widget.</p></body></html>`),
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await widgets?.close();
  await blog?.close();
});

/** A page whose clipboard the widget may write and the test may read. */
async function clipboardPage(origin, options = {}) {
  const page = await newPage(browser, options);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  return page;
}

const shareButton = (page) => page.locator(LIVE).getByRole('button', { name: 'Share', exact: true });
const panel = (page) => page.locator(LIVE).getByRole('group', { name: 'Share this comparison' });

/** Opens the Share panel by keyboard: Tab from the control before it, then Enter. */
async function openByKeyboard(page) {
  const button = shareButton(page);
  await button.evaluate((el) => el.previousElementSibling?.focus());
  await button.focus();
  await page.keyboard.press('Enter');
  await panel(page).waitFor();
}

async function copy(page, button, message) {
  await panel(page).getByRole('button', { name: button }).first().click();
  await panel(page).getByRole('status').filter({ hasText: message }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('the panel opens by keyboard, takes focus to the link, and Escape gives it back', async () => {
  const page = await newPage(browser);
  await page.goto(widgets.url);
  await waitForCard(page, SEED);
  assert.equal(await shareButton(page).getAttribute('aria-expanded'), 'false');
  await openByKeyboard(page);
  assert.equal(await shareButton(page).getAttribute('aria-expanded'), 'true');
  const link = panel(page).getByRole('textbox', { name: 'Link to this comparison' });
  assert.equal(await link.evaluate((el) => el === document.activeElement), true, 'focus is on the link');
  const selected = await link.evaluate((el) => [el.selectionStart, el.selectionEnd, el.value.length]);
  assert.deepEqual(selected, [0, selected[2], selected[2]], 'the link is selected, ready to copy');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Copy link');
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });
  assert.equal(await shareButton(page).evaluate((el) => el === document.activeElement), true, 'focus is back on Share');
  assert.equal(await shareButton(page).getAttribute('aria-expanded'), 'false');
  // Close does the same.
  await page.keyboard.press('Space');
  await panel(page).getByRole('button', { name: 'Close' }).click();
  await panel(page).waitFor({ state: 'detached' });
  assert.equal(await shareButton(page).evaluate((el) => el === document.activeElement), true);
});

test('the copied link opens the pair: its own page where curated, else the standalone page', async () => {
  const page = await clipboardPage(widgets.origin);
  await page.goto(widgets.url);
  await waitForCard(page, SEED);
  await openByKeyboard(page);
  const link = await copy(page, 'Copy link', 'Link copied.');
  assert.equal(link, `${widgets.url}smollm3-vs-vercel-ai-gateway.html`);
  // The panel follows the pair: the swapped pair has no page of its own.
  await page.locator(LIVE).getByRole('button', { name: 'Swap tools' }).click();
  await waitForCard(page, 'Vercel AI Gateway vs SmolLM3');
  const swapped = await copy(page, 'Copy link', 'Link copied.');
  assert.equal(swapped, `${widgets.url}index.html?a=vercel-ai-gateway&b=smollm3`);
  for (const [address, heading] of [[link, SEED], [swapped, 'Vercel AI Gateway vs SmolLM3']]) {
    const reader = await newPage(browser);
    await reader.goto(address);
    await waitForCard(reader, heading);
  }
});

test('the copied script embed, pasted on another origin, shows the pair', async () => {
  const page = await clipboardPage(widgets.origin);
  await page.goto(`${widgets.url}index.html?a=smollm3&b=qwen2-5-3b`);
  await waitForCard(page, 'SmolLM3 vs Qwen2.5-3B');
  await openByKeyboard(page);
  pasted = await copy(page, 'Copy code', 'Embed code copied.');
  assert.match(pasted, new RegExp(`src="${widgets.url}embed.js"`), 'the script comes from the widget, absolute');
  const card = `${widgets.url}cards/smollm3-vs-qwen2-5-3b.html`;
  const styles = `${widgets.url}embed.css`;
  assert.ok(
    pasted.startsWith(`<link rel="preload" href="${styles}" as="style">\n<link rel="preload" href="${card}" as="fetch" crossorigin>\n`),
    pasted,
  );
  const reader = await policyWatchedPage(browser);
  await reader.goto(`${blog.origin}/post.html`);
  await waitForCard(reader, 'SmolLM3 vs Qwen2.5-3B');
  assert.equal(await reader.locator('[data-tool-compare]').getAttribute('data-b'), 'qwen2-5-3b');
  // The pair's pre-rendered card and the style sheet came once each, from
  // the preloads: embed.js used those responses instead of asking again,
  // and never asked for the style sheet's content-hashed copy.
  const fetched = await reader.evaluate(
    () => performance.getEntriesByType('resource').filter((e) => /\/(cards\/|embed\.css|widget-)/.test(e.name)).map((e) => [e.name, e.initiatorType]),
  );
  assert.deepEqual(fetched, [[styles, 'link'], [card, 'link']]);
  // Styled by it: the card is laid out as a card, not as bare text.
  const shadow = reader.locator('[data-tool-compare] .tcw');
  assert.equal(await shadow.evaluate((el) => el.getRootNode().querySelector('link[rel="stylesheet"]').href), styles);
  assert.equal(await shadow.evaluate((el) => getComputedStyle(el).containerType), 'inline-size');
  assert.deepEqual(await policyViolations(reader), []);
});

test('the copied iframe embed, pasted on another origin, shows the pair', async () => {
  const page = await clipboardPage(widgets.origin);
  await page.goto(widgets.url);
  await waitForCard(page, SEED);
  await openByKeyboard(page);
  const [, iframeCopy] = await panel(page).getByRole('button', { name: 'Copy code' }).all();
  await iframeCopy.click();
  await panel(page).getByRole('status').filter({ hasText: 'Embed code copied.' }).waitFor();
  pasted = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(pasted, /^<iframe /);
  assert.match(pasted, /title="SmolLM3 vs Vercel AI Gateway: AI tool comparison"/);
  const reader = await policyWatchedPage(browser);
  await reader.goto(`${blog.origin}/post.html`);
  const frame = reader.frameLocator('iframe[data-tool-compare-frame]');
  await frame.getByRole('heading', { level: 2, name: SEED }).waitFor({ timeout: 15000 });
  assert.equal(await frame.getByRole('button', { name: 'Vote for SmolLM3' }).isVisible(), true);
  // Under the blog's strict policy the frame is still as wide as the post,
  // 1600 px high and unframed: its size is in attributes, not a style.
  const box = await reader.locator('iframe').evaluate((el) => {
    const style = getComputedStyle(el);
    return [Math.round(el.getBoundingClientRect().width), Math.round(el.getBoundingClientRect().height), style.borderTopWidth];
  });
  const post = await reader.locator('body').evaluate((el) => el.clientWidth);
  assert.deepEqual(box, [post, 1600, '0px']);
  assert.deepEqual(await policyViolations(reader), []);
});

test('inside an iframe embed the panel copies, and the frame grows to show it', async () => {
  pasted = `<iframe src="${widgets.url}index.html?a=smollm3&amp;b=phi-3-mini&amp;embed=1" title="A comparison" data-tool-compare-frame
        allow="clipboard-write; web-share" width="100%" height="400" frameborder="0"></iframe>
<script type="module" src="${widgets.url}embed.js"></script>`;
  const page = await clipboardPage(widgets.origin);
  await page.goto(`${blog.origin}/post.html`);
  const frame = page.frameLocator('iframe[data-tool-compare-frame]');
  await frame.getByRole('heading', { level: 2, name: 'SmolLM3 vs Phi-3-mini' }).waitFor({ timeout: 15000 });
  const iframe = page.locator('iframe[data-tool-compare-frame]');
  // The resizer fits the frame to the card.
  await page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 400);
  const before = (await iframe.boundingBox()).height;
  await frame.getByRole('button', { name: 'Share', exact: true }).click();
  await frame.getByRole('button', { name: 'Copy link' }).click();
  await frame.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
  const link = await frame.getByRole('textbox', { name: 'Link to this comparison' }).inputValue();
  assert.equal(link, `${widgets.url}smollm3-vs-phi-3-mini.html`, 'the page, not the frame with embed=1');
  await page.waitForFunction((height) => document.querySelector('iframe').getBoundingClientRect().height > height + 300, before);
  const [frameHeight, contentHeight] = await Promise.all([
    iframe.evaluate((el) => Math.round(el.getBoundingClientRect().height)),
    frame.locator('html').evaluate((el) => Math.ceil(el.scrollHeight)),
  ]);
  assert.ok(Math.abs(frameHeight - contentHeight) <= 2, `frame ${frameHeight} px, content ${contentHeight} px`);
});

test('an embedded widget shares its own addresses, not the host page’s, and can copy from there', async () => {
  pasted = `<div data-tool-compare data-a="vercel-ai-gateway" data-b="litellm"></div>
<script type="module" src="${widgets.url}embed.js"></script>`;
  const page = await clipboardPage(blog.origin);
  await page.goto(`${blog.origin}/post.html`);
  await waitForCard(page, 'Vercel AI Gateway vs LiteLLM');
  await openByKeyboard(page);
  const link = await copy(page, 'Copy link', 'Link copied.');
  assert.equal(link, `${widgets.url}vercel-ai-gateway-vs-litellm.html`);
  const code = await panel(page).getByRole('textbox', { name: 'Embed code for your site' }).inputValue();
  assert.equal(
    code,
    `<link rel="preload" href="${widgets.url}embed.css" as="style">\n` +
      `<link rel="preload" href="${widgets.url}cards/vercel-ai-gateway-vs-litellm.html" as="fetch" crossorigin>\n` +
      `<div data-tool-compare data-a="vercel-ai-gateway" data-b="litellm" data-theme="auto"></div>\n<script type="module" src="${widgets.url}embed.js"></script>`,
  );
  assert.match(await panel(page).getByText('Prefer the script embed').textContent(), /iframe is for platforms that allow no scripts/);
});

test('a refused clipboard leaves the text selected with a message saying how to copy', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
    });
  });
  await page.goto(widgets.url);
  await waitForCard(page, SEED);
  await openByKeyboard(page);
  await panel(page).getByRole('button', { name: 'Copy code' }).first().click();
  const message = panel(page).getByRole('status').filter({ hasText: 'did not allow copying' });
  await message.waitFor();
  assert.match(await message.textContent(), /The text is selected: press Ctrl\+C/);
  const field = panel(page).getByRole('textbox', { name: 'Embed code for your site' });
  const [focused, start, end, length] = await field.evaluate((el) => [
    el.getRootNode().activeElement === el,
    el.selectionStart,
    el.selectionEnd,
    el.value.length,
  ]);
  assert.deepEqual([focused, start, end], [true, 0, length], 'the whole code is selected in the focused field');
});

test('the share sheet gets the pair’s title and link where the browser has one', async () => {
  const page = await newPage(browser);
  await page.goto(widgets.url);
  await waitForCard(page, SEED);
  await openByKeyboard(page);
  assert.equal(await panel(page).getByRole('button', { name: 'Share via…' }).count(), 0, 'no share sheet, no button');

  const sharing = await newPage(browser);
  await sharing.addInitScript(() => {
    navigator.share = (data) => {
      window.sharedData = { title: data.title, url: data.url };
      return Promise.reject(new DOMException('Share canceled', 'AbortError'));
    };
  });
  await sharing.goto(widgets.url);
  await waitForCard(sharing, SEED);
  await openByKeyboard(sharing);
  await panel(sharing).getByRole('button', { name: 'Share via…' }).click();
  await sharing.waitForFunction(() => window.sharedData);
  assert.deepEqual(await sharing.evaluate(() => window.sharedData), {
    title: SEED,
    url: `${widgets.url}smollm3-vs-vercel-ai-gateway.html`,
  });
});

test('Share pressed on the pre-rendered card, before the Wasm, opens once it is there', async () => {
  const page = await newPage(browser);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(widgets.url);
  const waiting = page.locator(PRERENDERED).getByRole('button', { name: 'Share', exact: true });
  assert.equal(await waiting.getAttribute('aria-disabled'), 'true', 'it says it waits for the widget');
  // A reader's press; Playwright itself refuses to press a disabled control.
  await waiting.click({ force: true });
  release();
  await panel(page).waitFor({ timeout: 15000 });
  assert.equal(await shareButton(page).getAttribute('aria-expanded'), 'true');
});

test('a catalog can take the Share control away', async () => {
  const page = await newPage(browser);
  await page.goto(`${widgets.url}index.html?catalog=no-share.json`);
  await waitForCard(page, SEED);
  assert.equal(await page.locator(LIVE).getByRole('button', { name: 'Vote for SmolLM3' }).count(), 1);
  assert.equal(await shareButton(page).count(), 0);
});

/** Width and height from a PNG's header. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('every curated page names a preview image that exists at its stated size', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  const pages = ['index.html', 'smollm3-vs-vercel-ai-gateway.html', 'smollm3-vs-phi-3-mini.html', 'vercel-ai-gateway-vs-litellm.html'];
  for (const file of pages) {
    await page.goto(widgets.url + file);
    const meta = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')].map((m) => [
          m.getAttribute('property') ?? m.getAttribute('name'),
          m.content,
        ]),
      ),
    );
    assert.equal(meta['twitter:card'], 'summary_large_image', file);
    assert.equal(meta['twitter:image'], meta['og:image'], file);
    assert.equal(meta['twitter:image:alt'], meta['og:image:alt'], file);
    const image = await fetch(new URL(meta['og:image'], page.url()));
    assert.equal(image.status, 200, `${file}: ${meta['og:image']}`);
    assert.equal(image.headers.get('content-type'), 'image/png');
    const size = pngSize(Buffer.from(await image.arrayBuffer()));
    assert.deepEqual(size, [Number(meta['og:image:width']), Number(meta['og:image:height'])], file);
    assert.deepEqual(size, [1200, 630]);
    const heading = await page.locator('h2').first().textContent();
    const verdict = await page.locator('.tcw-verdict-line').first().textContent();
    assert.equal(meta['og:image:alt'], `${heading}. ${verdict}.`, file);
  }
  // index.html stands for the default pair's page.
  await page.goto(widgets.url);
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  assert.equal(image, 'previews/smollm3-vs-vercel-ai-gateway.png');
});
