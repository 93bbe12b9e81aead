// Screenshots of the release build as readers see it: 360 px and 1280 px
// wide, light and dark. Usage: node tests/e2e/screenshots.mjs [out-dir]
import { mkdir } from 'node:fs/promises';
import { serveStatic, launchBrowser, newPage, waitForCard } from './harness.mjs';

const out = process.argv[2] || 'tests/e2e/artifacts';
await mkdir(out, { recursive: true });
const server = await serveStatic();
const browser = await launchBrowser();
try {
  for (const width of [360, 1280]) {
    for (const scheme of ['light', 'dark']) {
      const page = await newPage(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
      await page.goto(server.url);
      await waitForCard(page, 'SmolLM3 vs Vercel AI Gateway');
      const file = `${out}/card-${width}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
