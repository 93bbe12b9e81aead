// Choosing the pair: pickers, swap, curated links, the address bar, history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, waitForCard, openSeedCard, SEED } from './harness.mjs';

const env = withServerAndBrowser();

const pairInUrl = (page) => {
  const params = new URL(page.url()).searchParams;
  return `${params.get('a')} / ${params.get('b')}`;
};

test('typing filters the first picker and Enter picks the highlighted tool', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const first = page.getByRole('combobox', { name: 'First tool' });
  await first.click();
  await first.pressSequentially('lite');
  assert.equal(await first.getAttribute('aria-expanded'), 'true');
  const options = page.getByRole('listbox', { name: 'First tool' }).getByRole('option');
  assert.deepEqual(await options.allInnerTexts(), ['LiteLLM\nDeveloper Tools']);
  await first.press('Enter');
  await waitForCard(page, 'LiteLLM vs Vercel AI Gateway');
  assert.equal(await first.inputValue(), 'LiteLLM');
  assert.equal(await first.getAttribute('aria-expanded'), 'false');
  assert.equal(pairInUrl(page), 'litellm / vercel-ai-gateway');
  assert.deepEqual(page.errors, []);
});

test('arrow keys move through the options and the other side is never offered', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const second = page.getByRole('combobox', { name: 'Second tool' });
  await second.focus();
  await second.press('ArrowDown');
  const listbox = page.getByRole('listbox', { name: 'Second tool' });
  const names = await listbox.locator('.tcw-option-name').allInnerTexts();
  assert.equal(names.length, 7, names.join(', '));
  assert.ok(!names.includes('SmolLM3'), 'the first tool is not offered for the second side');
  await second.press('ArrowDown');
  await second.press('ArrowDown');
  const active = await second.getAttribute('aria-activedescendant');
  const activeName = await page.locator(`#${active} .tcw-option-name`).innerText();
  assert.equal(activeName, names[2]);
  await second.press('Enter');
  await waitForCard(page, `SmolLM3 vs ${names[2]}`);
});

test('Escape closes the list and keeps the chosen tool', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const first = page.getByRole('combobox', { name: 'First tool' });
  await first.click();
  await first.pressSequentially('portk');
  await first.press('Escape');
  assert.equal(await first.getAttribute('aria-expanded'), 'false');
  assert.equal(await first.inputValue(), 'SmolLM3');
  await waitForCard(page, SEED);
});

test('filtering matches the category as well as the name', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const first = page.getByRole('combobox', { name: 'First tool' });
  await first.click();
  await first.pressSequentially('developer');
  const options = page.getByRole('listbox', { name: 'First tool' }).getByRole('option');
  assert.equal(await options.count(), 7);
  await first.fill('no such tool');
  assert.equal(await options.count(), 0);
  await page.getByText('No tool matches.').waitFor();
});

test('an option can be picked with the mouse', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const second = page.getByRole('combobox', { name: 'Second tool' });
  await second.click();
  await second.pressSequentially('open');
  await page.getByRole('option', { name: /OpenRouter/ }).click();
  await waitForCard(page, 'SmolLM3 vs OpenRouter');
});

test('on a phone the list of matches spans both pickers, so its names are not broken up', async () => {
  const page = await newPage(env.browser, { viewport: { width: 360, height: 800 } });
  await openSeedCard(page, env.server.url);
  const second = page.getByRole('combobox', { name: 'Second tool' });
  await second.click();
  await second.fill('');
  const list = await page.getByRole('listbox', { name: 'Second tool' }).boundingBox();
  const row = await page.locator('.tcw:not([data-tc-prerendered]) .tcw-pickers').boundingBox();
  const input = await second.boundingBox();
  assert.ok(input.width < row.width / 2, `the picker is narrow: ${input.width} of ${row.width} px`);
  assert.ok(Math.abs(list.x - row.x) <= 1 && Math.abs(list.width - row.width) <= 1, `list ${list.x}+${list.width}, row ${row.x}+${row.width}`);
  assert.ok(list.y >= input.y + input.height, 'below the input');
  // Each option's name keeps to one line ("Vercel AI Gateway" is the longest).
  for (const name of await page.getByRole('listbox', { name: 'Second tool' }).locator('.tcw-option-name').all()) {
    const box = await name.boundingBox();
    const lineHeight = await name.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    assert.ok(box.height < lineHeight * 1.5, `${await name.innerText()} on one line: ${box.height} px`);
  }
});

test('"Swap tools" swaps the pair and the address', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await waitForCard(page, 'Vercel AI Gateway vs SmolLM3');
  assert.equal(pairInUrl(page), 'vercel-ai-gateway / smollm3');
  assert.equal(await page.getByRole('combobox', { name: 'First tool' }).inputValue(), 'Vercel AI Gateway');
  const facts = await page.locator('.tcw-tool').first().locator('dd').allInnerTexts();
  assert.deepEqual(facts, ['100%', '—', 'Paid']);
});

test('curated comparisons are one click away', async () => {
  const page = await newPage(env.browser);
  await openSeedCard(page, env.server.url);
  const nav = page.getByRole('group', { name: 'Curated comparisons' });
  assert.equal(await nav.getByRole('link', { name: SEED }).getAttribute('aria-current'), 'true');
  await nav.getByRole('link', { name: 'LiteLLM vs Portkey' }).click();
  await waitForCard(page, 'LiteLLM vs Portkey');
  assert.equal(pairInUrl(page), 'litellm / portkey');
  await page.getByText('No panel verdict yet for either tool').waitFor();
  assert.equal(await page.getByText('No panel verdict yet', { exact: true }).count(), 2);
  await page.getByText('No panel reviews for these tools yet.').waitFor();
});

test('the address names the pair, and back and forward restore it', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}?a=phi-3-mini&b=qwen2-5-3b`);
  await waitForCard(page, 'Phi-3-mini vs Qwen2.5-3B');
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await waitForCard(page, 'Qwen2.5-3B vs Phi-3-mini');
  const nav = page.getByRole('group', { name: 'Curated comparisons' });
  await nav.getByRole('link', { name: SEED }).click();
  await waitForCard(page, SEED);

  await page.goBack();
  await waitForCard(page, 'Qwen2.5-3B vs Phi-3-mini');
  await page.goBack();
  await waitForCard(page, 'Phi-3-mini vs Qwen2.5-3B');
  assert.equal(await page.getByRole('combobox', { name: 'Second tool' }).inputValue(), 'Qwen2.5-3B');
  await page.goForward();
  await waitForCard(page, 'Qwen2.5-3B vs Phi-3-mini');
  assert.equal(pairInUrl(page), 'qwen2-5-3b / phi-3-mini');
  assert.deepEqual(page.errors, []);
});

test('an unknown id falls back to the first curated comparison with a notice', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}?a=smollm3&b=gpt-17`);
  await waitForCard(page, SEED);
  await page
    .getByText('This catalog has no tool "gpt-17", so the first curated comparison is shown instead.')
    .waitFor();
  await page.getByRole('button', { name: 'Swap tools' }).click();
  await waitForCard(page, 'Vercel AI Gateway vs SmolLM3');
  assert.equal(await page.locator('.tcw-notice').count(), 0, 'the notice goes once the reader picks');
});
