import { serveStatic, launchBrowser } from './harness.mjs';
const server = await serveStatic();
const browser = await launchBrowser();
for (const [name, js, width, scheme] of [['nojs-1280-light', false, 1280, 'light'], ['nojs-360-dark', false, 360, 'dark'], ['js-1280-light', true, 1280, 'light']]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js, colorScheme: scheme });
  const page = await ctx.newPage();
  page.on('console', (m) => console.log(name, m.type(), m.text()));
  page.on('pageerror', (e) => console.log(name, 'pageerror', e.message));
  await page.goto(server.url + (process.argv[2] ?? ''));
  await page.waitForTimeout(js ? 3000 : 300);
  console.log(name, await page.evaluate(() => [document.title, matchMedia('(scripting: none)').matches, !!document.querySelector('.tcw[data-tc-prerendered]')]));
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  await ctx.close();
}
await browser.close(); await server.close();
