// A development build (what scripts/serve.sh serves) says why the widget's
// code panicked, with the panic's message and place, in the console; the
// release build only stops (and embed.js tells the reader either way).
// scripts/test.sh builds it into target/dev-dist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DIST, LIVE, serveStatic, launchBrowser, newPage, breakNextElement } from './harness.mjs';

const DEV_DIST = fileURLToPath(new URL('../../target/dev-dist', import.meta.url));

/** The console errors of the page after a panic on pressing a vote. */
async function consoleAfterPanic(root) {
  const server = await serveStatic({ root });
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    page.expectErrors(/.*/);
    const said = [];
    page.on('console', (msg) => msg.type() === 'error' && said.push(msg.text()));
    await page.goto(`${server.url}?a=litellm&b=portkey`);
    await page.locator(LIVE).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ timeout: 30000 });
    await breakNextElement(page);
    await page.getByRole('button', { name: 'Vote for Portkey' }).click();
    await page.getByRole('alert').filter({ hasText: 'The comparison widget stopped because of an internal error.' }).waitFor();
    return said;
  } finally {
    await browser.close();
    await server.close();
  }
}

test("a development build's panic reaches the console with its message and place; the release build's does not", async () => {
  const dev = await consoleAfterPanic(DEV_DIST);
  assert.ok(
    dev.some((text) => /^\[tool-compare\] the widget's code panicked: panicked at .+\.rs:\d+:\d+:/.test(text) && text.includes('a broken polyfill')),
    dev.join('\n'),
  );
  const release = await consoleAfterPanic(DIST);
  assert.ok(!release.some((text) => text.includes('[tool-compare]')), release.join('\n'));
});
