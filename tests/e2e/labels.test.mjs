// A catalog's `labels` translate the widget: the German example catalog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { LIVE, serveStatic, launchBrowser, newPage } from './harness.mjs';

let server, browser;
before(async () => {
  const german = await readFile(new URL('../../examples/catalog.de.json', import.meta.url));
  const polish = polishCatalog(JSON.parse(await readFile(new URL('../../public/catalog.json', import.meta.url), 'utf8')));
  const json = (body) => (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  server = await serveStatic({
    extra: {
      '/examples/catalog.de.json': json(german),
      '/catalog.pl.json': json(JSON.stringify(polish)),
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The bundled catalog with Polish vote labels: three plural forms. */
function polishCatalog(catalog) {
  catalog.language = 'pl';
  catalog.comparisons[0].baseline_votes = [21, 4];
  catalog.labels = {
    votes: '{count, plural, one {# głos} few {# głosy} many {# głosów} other {# głosu}}',
    vote_for: 'Głosuj na {tool}',
    percent: '{percent}\u00a0%',
    vote_share: '{votes}, czyli {percent}',
    separator: ' — ',
    your_vote: 'twój głos',
    vote_counted: 'Oddano głos na {tool}. {standing}',
    standing: '{a} ma {a_votes} ({a_percent}), {b} ma {b_votes} ({b_percent}).',
  };
  return catalog;
}

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
  await page.getByText('1 Stimme · 100\u00a0% · Ihre Stimme (dieser Browser)').waitFor();
  assert.equal(await page.locator(`${LIVE}.tcw`).getAttribute('lang'), 'de', 'the card says its language');
  await page.getByRole('button', { name: 'Tools tauschen' }).click();
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'Vercel AI Gateway vs. SmolLM3' }).waitFor();
  await page.getByText('Jetzt im Vergleich: Vercel AI Gateway und SmolLM3.').waitFor({ state: 'attached' });

  await page.goto(`${server.url}?catalog=/examples/catalog.de.json&a=nope`);
  await page
    .getByText('Dieser Katalog enthält kein Tool "nope"; stattdessen wird der erste ausgewählte Vergleich gezeigt.')
    .waitFor({ timeout: 15000 });
  assert.deepEqual(page.errors, []);
});

test('vote counts take the plural forms of the catalog\'s language, in labels with blanks', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?catalog=/catalog.pl.json`);
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'SmolLM3 vs Vercel AI Gateway' }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator(`${LIVE}.tcw`).getAttribute('lang'), 'pl');
  const counts = () => page.locator(`${LIVE} .tcw-vote-count`).allInnerTexts();
  assert.deepEqual(await counts(), ['21 głosów, czyli 84\u00a0%', '4 głosy, czyli 16\u00a0%']);
  await page.getByRole('button', { name: 'Głosuj na SmolLM3' }).click();
  assert.deepEqual(await counts(), ['22 głosy, czyli 85\u00a0% — twój głos', '4 głosy, czyli 15\u00a0%']);
  await page
    .getByText('Oddano głos na SmolLM3. SmolLM3 ma 22 głosy (85\u00a0%), Vercel AI Gateway ma 4 głosy (15\u00a0%).')
    .waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Głosuj na Vercel AI Gateway' }).click();
  assert.deepEqual(await counts(), ['21 głosów, czyli 81\u00a0%', '5 głosów, czyli 19\u00a0% — twój głos']);
});
