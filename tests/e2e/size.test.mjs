// Sizes are deterministic, so they are checked here; timings are not (they
// are measured by bench/run.sh and recorded in bench/results/).
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DIST } from './harness.mjs';

// What a page loads besides the catalog: Wasm, its JS glue, embed.js and
// the style sheet, gzipped. The goal is 80 KB (issue 18: ≤ 150 KB on the
// way). The ceilings sit ~1 KB over the current build to stop regressions;
// bench/README.md ("Size diet") records every step and its figures.
// Issue 27 put 1.5 KB (gzip) into the small sites' Wasm too (174,632 →
// 176,090 B; bench/README.md, "Size diet", says where). Stop 39 took out
// wasm-streams' unused exports, a map type and two sorts: 176,598 →
// 167,075 B (189,925 → 180,215 B in all): ceilings 168,100 and 181,100 B.
const CEILING_GZIP_BYTES = 181_100;
const WASM_CEILING_GZIP_BYTES = 168_100;
// What a reader downloads before a script-embedded card's content shows:
// embed.js, the style sheet and the card fragment (the blog page aside).
const FIRST_CONTENT_CEILING_GZIP_BYTES = 15 * 1024;
// The widget only sharded catalogs' sites publish (issue 27): the same
// with the sharded layout's reading (the pickers' name index, a deep link's
// tool shards), built into target/widget-shards/; 192,666 B when set,
// against 175,680 B for the other; 194,243 B once it took a pre-rendered
// card's two tools from the card (+707 B, for ~10.7 KB of tool shards a
// reader no longer downloads); 200,149 B once curated pairs beyond the
// manifest's first 8 came from the tool shards and shards/curated.json
// (+5.9 KB: their readers and checks, "Show all" fetching the list), for
// a manifest that no longer grows with the curation (1,000 pairs: 253 KB,
// 19 KB gzip, read by every reader before the card); 191,072 B after stop
// 39's cuts (above).
const SHARDS_WASM_CEILING_GZIP_BYTES = 192_100;
const SHARDS_WIDGET = join(DIST, '../target/widget-shards');
// embed.js answers a pre-rendered card's first taps itself (issue 26) and
// is what every page with a card loads first: it stays small.
const EMBED_CEILING_GZIP_BYTES = 6 * 1024;

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

test("the Wasm and its JS leave out wasm-streams' unused classes and are named after the bytes they hold", async () => {
  const names = await readdir(DIST);
  const wasm = names.find((name) => name.endsWith('_bg.wasm'));
  const js = wasm.replace(/_bg\.wasm$/, '.js');
  const [wasmBytes, jsText] = await Promise.all([readFile(join(DIST, wasm)), readFile(join(DIST, js), 'utf8')]);
  // Leptos brings them (server_fn's browser feature); the widget never calls them.
  assert.ok(!/IntoUnderlying/.test(jsText), `${js} still holds wasm-streams' classes`);
  // A browser keeps a hashed file for good: other bytes need another name.
  const hash = createHash('sha256').update(wasmBytes).update(jsText).digest('hex').slice(0, 16);
  assert.equal(wasm, `tool-compare-widget-${hash}_bg.wasm`);
});

test('embed.js stays within 6 KB gzipped', async () => {
  const gzip = await gzipped('embed.js');
  assert.ok(gzip <= EMBED_CEILING_GZIP_BYTES, `embed.js ${gzip} B gzipped > ${EMBED_CEILING_GZIP_BYTES} B`);
});

test('a pre-rendered card needs at most 15 KB (gzip) before its content shows', async () => {
  const names = await readdir(DIST);
  const css = names.find((name) => /^widget-.*\.css$/.test(name));
  const embed = await readFile(join(DIST, 'embed.js'), 'utf8');
  assert.ok(embed.includes(css), 'embed.js links this build’s style sheet');
  const cards = (await readdir(join(DIST, 'cards'))).filter((name) => name.endsWith('.html'));
  assert.ok(cards.length >= 12, `a fragment per curated pair in both orders: ${cards.join(', ')}`);
  let largest = 0;
  for (const card of cards) largest = Math.max(largest, await gzipped(join('cards', card)));
  const total = (await gzipped('embed.js')) + (await gzipped(css)) + largest;
  assert.ok(total <= FIRST_CONTENT_CEILING_GZIP_BYTES, `${total} B gzipped > ${FIRST_CONTENT_CEILING_GZIP_BYTES} B`);
});

test('the widget for sharded catalogs stays within its own ceiling, and every other site publishes the smaller one', async () => {
  const wasm = (await readdir(SHARDS_WIDGET)).find((name) => name.endsWith('_bg.wasm'));
  const gzip = gzipSync(await readFile(join(SHARDS_WIDGET, wasm)), { level: 9 }).length;
  assert.ok(gzip <= SHARDS_WASM_CEILING_GZIP_BYTES, `sharded catalogs' Wasm ${gzip} B gzipped > ${SHARDS_WASM_CEILING_GZIP_BYTES} B`);
  const published = (await readdir(DIST)).find((name) => name.endsWith('_bg.wasm'));
  const small = gzipSync(await readFile(join(DIST, published)), { level: 9 }).length;
  assert.ok(small < gzip - 5000, `dist/ publishes ${published} (${small} B gzip), not the sharded catalogs' (${gzip} B)`);
});
