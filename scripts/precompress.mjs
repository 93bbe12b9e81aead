// Part of Trunk's post-build hook, release builds only: brotli (quality 11)
// and gzip (level 9) copies of the Wasm and its JS, the largest of the
// widget's files, made once here instead of at every site build (brotli 11
// on the Wasm takes about a second). The site builder ships them beside
// the files as they are.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('usage: precompress.mjs <dir> (or set TRUNK_STAGING_DIR)');

const names = (await readdir(dir)).filter((name) => /^tool-compare-.+(_bg\.wasm|\.js)$/.test(name));
if (names.length !== 2) throw new Error(`precompress: expected the Wasm and its JS in ${dir}, found ${names.join(', ')}`);
for (const name of names) {
  const bytes = await readFile(join(dir, name));
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gz = gzipSync(bytes, { level: 9 });
  await writeFile(join(dir, `${name}.br`), br);
  await writeFile(join(dir, `${name}.gz`), gz);
  console.log(`precompress: ${name} ${bytes.length} → ${br.length} (br), ${gz.length} (gz) bytes`);
}
