// Part of Trunk's post-build hook: minifies what `prerender site` wrote into
// the staging folder and every reader downloads before a card's content
// shows: embed.js and the widget's style sheet (its name keeps the hash of
// style/widget.css, still unique to the source). esbuild is installed by
// scripts/setup.sh with the browser-test tools.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from '../tests/e2e/node_modules/esbuild/lib/main.js';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('usage: minify.mjs <dir> (or set TRUNK_STAGING_DIR)');

const styleSheet = (await readdir(dir)).find((name) => /^widget-[0-9a-f]+\.css$/.test(name));
if (!styleSheet) throw new Error(`minify: no widget style sheet in ${dir}`);

// The style sheet's syntax is left as written (no target): it already is
// what the supported browsers read.
for (const [file, options] of [
  ['embed.js', { format: 'esm', target: 'es2020' }],
  [styleSheet, { loader: 'css' }],
]) {
  const path = join(dir, file);
  const source = await readFile(path, 'utf8');
  const { code, warnings } = await transform(source, { minify: true, legalComments: 'none', ...options });
  if (warnings.length) throw new Error(`minify: ${file}: ${warnings.map((w) => w.text).join('; ')}`);
  await writeFile(path, code);
  console.log(`minify: ${file} ${source.length} → ${code.length} bytes`);
}
