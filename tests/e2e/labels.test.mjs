// A catalog's `labels` translate the widget: the German example catalog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { LIVE, serveStatic, launchBrowser, newPage } from './harness.mjs';

let server, browser;
before(async () => {
  const german = await readFile(new URL('../../examples/catalog.de.json', import.meta.url));
  server = await serveStatic({
    extra: {
      '/examples/catalog.de.json': (req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(german),
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('every part of the card speaks the catalog\'s language', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?catalog=/examples/catalog.de.json`);
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'SmolLM3 vs. Vercel AI Gateway' }).waitFor({ timeout: 15000 });
  await page.getByRole('combobox', { name: 'Erstes Tool' }).waitFor();
  await page.getByRole('combobox', { name: 'Zweites Tool' }).waitFor();
  await page.getByRole('group', { name: 'Ausgewählte Vergleiche' }).waitFor();
  await page.getByText('Das Panel bevorzugt Vercel AI Gateway: 100 % zu 75 %').waitFor();
  await page.getByText('Vergleich zuletzt aktualisiert am 24. November 2026.').waitFor();
  await page.getByText('The Business Reader lässt SmolLM3 aus, setzt aber Vercel AI Gateway ein.').waitFor();
  assert.deepEqual(
    await page.locator('.tcw-tool').first().locator('dt').allInnerTexts(),
    ['Panel-Zustimmung', 'Community', 'Einstieg'],
  );
  assert.deepEqual((await page.locator('.tcw-row').first().locator('.tcw-badge').allInnerTexts()).map((t) => t.toLowerCase()), ['einsetzen', 'einsetzen']);

  await page.getByRole('button', { name: 'Alle aufklappen' }).click();
  await page.getByRole('button', { name: 'Alle zuklappen' }).waitFor();
  await page.getByRole('button', { name: 'Für SmolLM3 stimmen' }).click();
  await page.getByText('1 Stimme · 100% · Ihre Stimme (dieser Browser)').waitFor();
  await page.getByRole('button', { name: 'Tools tauschen' }).click();
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'Vercel AI Gateway vs. SmolLM3' }).waitFor();
  await page.getByText('Jetzt im Vergleich: Vercel AI Gateway und SmolLM3.').waitFor({ state: 'attached' });

  await page.goto(`${server.url}?catalog=/examples/catalog.de.json&a=nope`);
  await page
    .getByText('Dieser Katalog enthält kein Tool "nope"; stattdessen wird der erste ausgewählte Vergleich gezeigt.')
    .waitFor({ timeout: 15000 });
  assert.deepEqual(page.errors, []);
});
