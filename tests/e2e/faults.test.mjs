// What a reader sees when the catalog is missing, broken or invalid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, LIVE, distAllowingCatalogsFrom, serveStatic, launchBrowser, newPage, waitForCard, breakNextElement } from './harness.mjs';

let server, otherOrigin, browser, goodCatalog;
let flakyCalls = 0;
const json = (body, status = 200) => (req, res) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);

before(async () => {
  goodCatalog = await readFile(join(DIST, 'catalog.json'), 'utf8');
  const invalid = JSON.parse(goodCatalog);
  invalid.tools[0].reviews[1].reviewer = 'futurist2';
  invalid.tools[1].link = 'javascript:alert(1)';
  server = await serveStatic({
    extra: {
      '/catalogs/invalid.json': json(JSON.stringify(invalid)),
      '/catalogs/server-error.json': json('{"oops":true}', 500),
      '/catalogs/html.json': (req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome</h1>'),
      '/catalogs/truncated.json': json(goodCatalog.slice(0, 2000)),
      '/catalogs/stalled.json': () => {
        // Never answers: the widget's own timeout must end the wait.
      },
      '/catalogs/markup.json': json(JSON.stringify(markupCatalog())),
      '/catalogs/flaky.json': (req, res) => {
        flakyCalls += 1;
        if (flakyCalls === 1) json('', 500)(req, res);
        else json(goodCatalog)(req, res);
      },
    },
  });
  // Another origin that serves the catalog without an
  // Access-Control-Allow-Origin header, so the browser refuses it.
  otherOrigin = await serveStatic({ prefix: '/elsewhere/' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await otherOrigin?.close();
});

/** The seed catalog with markup and script in every kind of text. */
function markupCatalog() {
  const catalog = JSON.parse(goodCatalog);
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  catalog.title = `Title ${evil}`;
  catalog.tools[0].name = `<b>Bold</b> ${evil}`;
  catalog.tools[0].tagline = evil;
  catalog.tools[0].description = `<a href="javascript:window.pwned=3">click</a>`;
  catalog.tools[0].reviews[0].quote = `${evil} quote`;
  catalog.reviewers[0].name = `<em>${evil}</em>`;
  return catalog;
}

/** `expected`: the browser's own console error for the failed request. */
async function failureFor(catalogPath, expected) {
  const page = await newPage(browser);
  if (expected) page.expectErrors(expected);
  await page.goto(`${server.url}?catalog=${encodeURIComponent(catalogPath)}`);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 15000 });
  await alert.getByRole('button', { name: 'Try again' }).waitFor();
  return { page, text: await alert.innerText() };
}

test('a missing catalog names the URL and the HTTP status', async () => {
  const { text } = await failureFor('/catalogs/missing.json', /status of 404 \(Not Found\)/);
  // The address in full: a reader may copy it, a site owner will look it up.
  assert.match(text, /The catalog file http:\/\/127\.0\.0\.1:\d+\/catalogs\/missing\.json could not be loaded: the server answered HTTP 404 Not Found\./);
});

test('an invalid catalog lists its problems with their paths', async () => {
  const { page, text } = await failureFor('/catalogs/invalid.json');
  assert.match(text, /has 2 problems:/);
  const problems = await page.locator('.tcw-problems li').allInnerTexts();
  assert.deepEqual(problems, [
    'tools[0].reviews[1].reviewer: unknown reviewer "futurist2"',
    'tools[1].link: "javascript:alert(1)" is not an http or https link',
  ]);
  assert.equal(await page.locator('.tcw-card').count(), 0, 'no partial card is shown');
});

test('an HTML page instead of JSON is named as such', async () => {
  const { text } = await failureFor('/catalogs/html.json');
  assert.match(text, /cannot be read: not valid JSON at line 1, column 1/);
});

test('a truncated catalog is reported, not shown in part', async () => {
  const { page, text } = await failureFor('/catalogs/truncated.json');
  assert.match(text, /cannot be read: not valid JSON at line \d+, column \d+: EOF while parsing/);
  assert.equal(await page.locator('.tcw-card').count(), 0);
});

test('a server error shows "Try again", which recovers once the server does', async () => {
  flakyCalls = 0;
  const { page, text } = await failureFor('/catalogs/flaky.json', /status of 500 \(Internal Server Error\)/);
  assert.match(text, /HTTP 500/);
  await page.getByRole('button', { name: 'Try again' }).click();
  await waitForCard(page, 'SmolLM3 vs Vercel AI Gateway');
  assert.equal(flakyCalls, 2);
  assert.equal(await page.getByRole('alert').count(), 0);
});

test('a 500 with a JSON body is still a server error', async () => {
  const { text } = await failureFor('/catalogs/server-error.json', /status of 500 \(Internal Server Error\)/);
  assert.match(text, /HTTP 500 Internal Server Error/);
});

test('a catalog that never arrives times out with "Try again"', async () => {
  const page = await newPage(browser);
  await page.clock.install();
  await page.goto(`${server.url}?catalog=/catalogs/stalled.json`);
  await page.getByRole('status').filter({ hasText: 'Loading the comparison' }).waitFor();
  await page.clock.runFor(16_000);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 5000 });
  assert.match(await alert.innerText(), /could not be loaded: no answer within 15 seconds\./);
  await alert.getByRole('button', { name: 'Try again' }).waitFor();
});

test('the standalone page refuses a catalog from another origin, naming the origin', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?catalog=${encodeURIComponent(`${otherOrigin.url}catalog.json`)}`);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 15000 });
  assert.match(
    await alert.innerText(),
    new RegExp(`this page shows catalogs from its own site only, and this one comes from ${otherOrigin.origin.replace(/[.]/g, '\\.')}\\.`),
  );
  assert.equal(await alert.getByRole('button', { name: 'Try again' }).count(), 0, 'asking again cannot help');
  assert.equal(await page.locator('.tcw-card').count(), 0);
});

test('a catalog from an origin the site owner allows is shown; without CORS headers the failure names the likely cause', async () => {
  const withCors = await serveStatic({ prefix: '/shared/', headers: { 'access-control-allow-origin': '*' } });
  const copy = await distAllowingCatalogsFrom([withCors.origin, otherOrigin.origin]);
  const allowing = await serveStatic({ root: copy });
  try {
    const shown = await newPage(browser);
    await shown.goto(`${allowing.url}?catalog=${encodeURIComponent(`${withCors.url}catalog.json`)}`);
    await waitForCard(shown, 'SmolLM3 vs Vercel AI Gateway');
    assert.deepEqual(shown.errors, []);
    const blocked = await newPage(browser);
    blocked.expectErrors(/blocked by CORS policy/, /net::ERR_FAILED/);
    await blocked.goto(`${allowing.url}?catalog=${encodeURIComponent(`${otherOrigin.url}catalog.json`)}`);
    const alert = blocked.getByRole('alert');
    await alert.getByText(/the network request failed \(offline, or blocked by the server's CORS settings\)/).waitFor({ timeout: 15000 });
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
  } finally {
    await allowing.close();
    await withCors.close();
    await rm(copy, { recursive: true, force: true });
  }
});

test('markup in catalog text is shown as text and never runs', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?catalog=/catalogs/markup.json`);
  await waitForCard(page, /^<b>Bold<\/b>/);
  await page.getByRole('button', { name: 'Expand all' }).click();
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  assert.equal(await page.locator('.tcw-tagline').first().innerText(), evil);
  assert.equal(await page.locator('.tcw-quote').first().innerText(), `${evil} quote`);
  assert.equal(await page.locator('.tcw-description').first().innerText(), '<a href="javascript:window.pwned=3">click</a>');
  assert.ok((await page.locator('.tcw-reviewer-name').first().innerText()).startsWith('<em><img'));
  assert.equal(await page.locator('.tcw img, .tcw script, .tcw b, .tcw em').count(), 0, 'no element from catalog text');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  for (const link of await page.locator('.tcw a[href]').all()) {
    assert.match(await link.getAttribute('href'), /^(https?:|\?)/);
  }
});

test('after an internal error on the standalone page, Try again starts the widget again', async () => {
  const page = await newPage(browser);
  page.expectErrors(/a broken polyfill|unreachable|panicked/);
  await page.goto(`${server.url}?a=litellm&b=portkey`);
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ timeout: 15000 });
  await breakNextElement(page);
  // Marking the vote as yours draws a new element.
  await page.getByRole('button', { name: 'Vote for Portkey' }).click();
  await page.getByRole('alert').filter({ hasText: 'The comparison widget stopped because of an internal error.' }).waitFor();
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'LiteLLM vs Portkey' }).waitFor({ timeout: 15000 });
  assert.equal(await page.getByRole('button', { name: 'Vote for Portkey' }).getAttribute('aria-pressed'), 'true', 'the vote was kept');
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await page.locator(LIVE).getByRole('heading', { level: 2, name: 'Portkey vs LiteLLM' }).waitFor();
});
