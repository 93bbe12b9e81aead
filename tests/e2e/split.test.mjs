// Split catalogs for large sites: an index for the pickers, and one file per
// tool that the widget fetches when the tool is first on the card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, serveStatic, launchBrowser, newPage, waitForCard } from './harness.mjs';

let server, browser;
const requested = [];
let portkeyAvailable = false;

before(async () => {
  const whole = JSON.parse(await readFile(join(DIST, 'catalog.json'), 'utf8'));
  const index = structuredClone(whole);
  index.tool_details = 'tools/{id}.json';
  for (const tool of index.tools) {
    delete tool.description;
    delete tool.link;
    delete tool.reviews;
  }
  const extra = {
    '/split/catalog.json': (req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(index)),
  };
  for (const tool of whole.tools) {
    extra[`/split/tools/${tool.id}.json`] = (req, res) => {
      requested.push(tool.id);
      if (tool.id === 'portkey' && !portkeyAvailable) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(tool));
    };
  }
  server = await serveStatic({ extra });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the seed card renders from its tool files, fetched only when shown', async () => {
  requested.length = 0;
  const page = await newPage(browser);
  await page.goto(`${server.url}?catalog=/split/catalog.json`);
  await waitForCard(page, 'SmolLM3 vs Vercel AI Gateway');
  assert.deepEqual([...requested].sort(), ['smollm3', 'vercel-ai-gateway']);
  await page.getByText('The panel leans Vercel AI Gateway: 100% vs 75%').waitFor();
  await page.getByRole('button', { name: 'Expand all' }).click();
  assert.equal(await page.locator('.tcw-quote').count(), 8);
  assert.equal(await page.locator('.tcw-tool-name a').first().getAttribute('href'), 'https://huggingface.co/HuggingFaceTB/SmolLM3-3B');

  const first = page.getByRole('combobox', { name: 'First tool' });
  await first.click();
  await first.pressSequentially('open');
  await first.press('Enter');
  await waitForCard(page, 'OpenRouter vs Vercel AI Gateway');
  assert.deepEqual([...requested].sort(), ['openrouter', 'smollm3', 'vercel-ai-gateway'], 'loaded files are reused');
  assert.deepEqual(page.errors, []);
});

test('a tool file that fails names itself, and "Try again" recovers', async () => {
  portkeyAvailable = false;
  const page = await newPage(browser);
  page.expectErrors(/status of 503 \(Service Unavailable\)/);
  await page.goto(`${server.url}?catalog=/split/catalog.json&a=litellm&b=portkey`);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 15000 });
  // Named as the tool's own file, not as the catalog.
  assert.match(
    await alert.innerText(),
    /The file of Portkey, http:\/\/127\.0\.0\.1:\d+\/split\/tools\/portkey\.json, could not be loaded: the server answered HTTP 503/,
  );
  assert.doesNotMatch(await alert.innerText(), /catalog file/);
  portkeyAvailable = true;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await waitForCard(page, 'LiteLLM vs Portkey');
});
