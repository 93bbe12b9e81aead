// Screenshots of the release build as readers see it, for the README:
// 1280 and 360 px wide, light and dark, and embedded in a sample blog post.
// Usage: node tests/e2e/screenshots.mjs [out-dir]   (default docs/screenshots)
import { mkdir } from 'node:fs/promises';
import { serveStatic, launchBrowser, newPage, waitForCard } from './harness.mjs';

const out = process.argv[2] || 'docs/screenshots';
const SEED = 'SmolLM3 vs Vercel AI Gateway';
await mkdir(out, { recursive: true });
const server = await serveStatic({ headers: { 'access-control-allow-origin': '*' } });
const blog = await serveStatic({
  prefix: '/none/',
  extra: {
    '/post.html': (req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Small models vs gateways</title><link rel="icon" href="data:,">
<style>
  body { margin: 0; background: #fbf8f3; color: #2b2118; font: 19px/1.7 Georgia, serif; }
  article { max-width: 720px; margin: 0 auto; padding: 48px 24px; }
  h1 { font-size: 40px; line-height: 1.15; margin: 0 0 8px; }
  .byline { color: #6b5b4b; font-size: 15px; margin-bottom: 32px; }
  [data-tool-compare] { margin: 32px 0; }
</style></head>
<body><article>
  <h1>Should your next feature run on a 3B model or a gateway?</h1>
  <p class="byline">By a blog owner · 6 min read</p>
  <p>Two very different bets keep coming up in our reader mail. Here is how our review panel sees them; vote for the one you would ship with.</p>
  <div data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway" data-theme="light"></div>
  <p>Whichever way you lean, the panel's split is worth a read.</p>
</article><script type="module" src="${server.url}embed.js"></script></body></html>`),
  },
});
const browser = await launchBrowser();
/** Saves what `page` shows, then closes it unless a later shot needs it (`keep`). */
const shoot = async (name, page, { keep = false } = {}) => {
  await page.screenshot({ path: `${out}/${name}.png` });
  console.log(`${out}/${name}.png`);
  if (!keep) await page.context().close();
};
try {
  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark']) {
      const page = await newPage(browser, { viewport: { width, height: width === 360 ? 1200 : 1000 }, colorScheme: scheme });
      await page.goto(server.url);
      await waitForCard(page, SEED);
      await shoot(`card-${width}-${scheme}`, page);
    }
  }
  // The pre-rendered card where no script runs (reader modes, feed readers).
  for (const [width, scheme] of [[1280, 'light'], [360, 'dark']]) {
    const still = await newPage(browser, { viewport: { width, height: width === 360 ? 1200 : 1000 }, colorScheme: scheme, javaScriptEnabled: false });
    await still.goto(server.url);
    await still.getByText('Switching tools and voting need JavaScript').waitFor();
    await shoot(`card-no-script-${width}-${scheme}`, still);
  }
  // Before the Wasm (held back, as on a slow phone): a vote already in
  // effect, and "Swap tools" pressed, busy until the widget is live.
  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark']) {
      const early = await newPage(browser, { viewport: { width, height: width === 360 ? 800 : 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
      await early.route('**/*_bg.wasm', () => {});
      await early.goto(server.url);
      const card = early.locator('.tcw[data-tc-prerendered]');
      await card.getByRole('button', { name: 'Vote for SmolLM3' }).click();
      const swap = card.getByRole('button', { name: /Swap tools/ });
      await early.evaluate(() => window.scrollTo(0, 0));
      const box = await swap.boundingBox();
      await early.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await early.mouse.move(0, 0);
      if (width === 360) await shoot(`early-busy-${width}-${scheme}`, early, { keep: true });
      await card.locator('.tcw-votes').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await shoot(`early-vote-${width}-${scheme}`, early);
    }
  }
  const page = await newPage(browser, { viewport: { width: 1280, height: 1100 } });
  await page.goto(`${blog.origin}/post.html`);
  await waitForCard(page, SEED);
  await page.getByRole('button', { name: 'Vote for Vercel AI Gateway' }).click();
  await page.locator('[data-tool-compare]').evaluate((el) => window.scrollTo(0, el.offsetTop - 260));
  await shoot('blog-embed-1280', page);
  // The Share panel, opened by keyboard, after a copy.
  for (const [width, scheme] of [[1280, 'light'], [1280, 'dark'], [360, 'light'], [360, 'dark']]) {
    const sharing = await newPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
    await sharing.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await sharing.goto(server.url);
    await waitForCard(sharing, SEED);
    await sharing.getByRole('button', { name: 'Share', exact: true }).focus();
    await sharing.keyboard.press('Enter');
    await sharing.getByRole('button', { name: 'Copy link' }).click();
    await sharing.getByText('Link copied.').waitFor();
    await sharing.getByRole('group', { name: 'Share this comparison' }).evaluate((el, block) => el.parentElement.scrollIntoView({ block }), width === 360 ? 'start' : 'end');
    await shoot(`share-${width}-${scheme}`, sharing);
  }
} finally {
  await browser.close();
  await server.close();
  await blog.close();
}
