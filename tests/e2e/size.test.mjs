// Sizes are deterministic, so they are checked here; timings are not (they
// are measured by bench/run.sh and recorded in bench/results/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DIST } from './harness.mjs';

// What a page loads besides the catalog: Wasm, its JS glue, embed.js and
// the style sheet, gzipped. The goal is 80 KB (issue: performance); the
// release is far above it (see bench/README.md for why), so this ceiling
// sits just over today's size to stop regressions while the goal is worked
// towards. Before the pre-render it was 221,254 bytes with the style sheet
// inside the Wasm; the pre-render added the style sheet as its own file
// (3.8 KB), embed.js's deferred start and replay (+1.7 KB) and the Wasm's
// hand-over (+3.3 KB net of the style sheet it no longer carries); then the
// page's catalog session, shared votes and the origin check (+3.1 KB); then
// one ballot per session, vote counts from labels with plural choices in the
// catalog's language, and frames re-sending their height (+4.9 KB).
const CEILING_GZIP_BYTES = 234 * 1024;
// The Wasm before the pre-render (with the style sheet inside) was 209,683
// bytes gzipped; sharing its components with the pre-render may add at
// most 5 KB, the page's catalog session with the origin check 2 KB, and
// plural choices with the shared ballot 5 KB.
const WASM_CEILING_GZIP_BYTES = 209_683 + 5 * 1024 + 2 * 1024 + 5 * 1024;
// What a reader downloads before a script-embedded card's content shows:
// embed.js, the style sheet and the card fragment (the blog page aside).
const FIRST_CONTENT_CEILING_GZIP_BYTES = 15 * 1024;

const gzipped = async (name) => gzipSync(await readFile(join(DIST, name)), { level: 9 }).length;

test('the widget loads no more than its gzipped size ceiling', async () => {
  const files = (await readdir(DIST)).filter((name) => /\.(wasm|js)$/.test(name) || /^widget-.*\.css$/.test(name));
  assert.ok(files.some((f) => f.endsWith('.wasm')) && files.includes('embed.js') && files.some((f) => f.endsWith('.css')), files.join(', '));
  let total = 0;
  const sizes = [];
  for (const name of files) {
    const gzip = await gzipped(name);
    sizes.push(`${name}: ${gzip} B`);
    total += gzip;
    if (name.endsWith('.wasm')) assert.ok(gzip <= WASM_CEILING_GZIP_BYTES, `Wasm ${gzip} B gzipped > ${WASM_CEILING_GZIP_BYTES} B`);
  }
  assert.ok(total <= CEILING_GZIP_BYTES, `${total} B gzipped > ${CEILING_GZIP_BYTES} B (${sizes.join('; ')})`);
});

test('a pre-rendered card needs at most 15 KB (gzip) before its content shows', async () => {
  const names = await readdir(DIST);
  const css = names.find((name) => /^widget-.*\.css$/.test(name));
  const embed = await readFile(join(DIST, 'embed.js'), 'utf8');
  assert.ok(embed.includes(css), 'embed.js links this build’s style sheet');
  const cards = await readdir(join(DIST, 'cards'));
  assert.ok(cards.length >= 12, `a fragment per curated pair in both orders: ${cards.join(', ')}`);
  let largest = 0;
  for (const card of cards) largest = Math.max(largest, await gzipped(join('cards', card)));
  const total = (await gzipped('embed.js')) + (await gzipped(css)) + largest;
  assert.ok(total <= FIRST_CONTENT_CEILING_GZIP_BYTES, `${total} B gzipped > ${FIRST_CONTENT_CEILING_GZIP_BYTES} B`);
});
