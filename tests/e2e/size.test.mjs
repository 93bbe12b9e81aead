// Sizes are deterministic, so they are checked here; timings are not (they
// are measured by bench/run.sh and recorded in bench/results/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DIST } from './harness.mjs';

// What a page loads besides the catalog: Wasm, its JS glue and embed.js,
// gzipped. The goal is 80 KB (issue: performance); the release is far above
// it (see bench/README.md for why), so this ceiling sits just over today's
// size to stop regressions while the goal is worked towards.
const CEILING_GZIP_BYTES = 225 * 1024;

test('the widget loads no more than its gzipped size ceiling', async () => {
  const files = (await readdir(DIST)).filter((name) => /\.(wasm|js)$/.test(name));
  assert.ok(files.some((f) => f.endsWith('.wasm')) && files.includes('embed.js'), files.join(', '));
  let total = 0;
  const sizes = [];
  for (const name of files) {
    const gzip = gzipSync(await readFile(join(DIST, name)), { level: 9 }).length;
    sizes.push(`${name}: ${gzip} B`);
    total += gzip;
  }
  assert.ok(total <= CEILING_GZIP_BYTES, `${total} B gzipped > ${CEILING_GZIP_BYTES} B (${sizes.join('; ')})`);
});
