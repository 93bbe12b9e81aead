// Part of Trunk's post-build hook: writes the minified templates of what
// every reader downloads before a card's content shows, embed.js and the
// card's style sheet, into the widget's files (the site builder names the
// style sheet by its hash and fills in embed.js's placeholders, which
// survive minifying as string literals). esbuild is installed by
// scripts/setup.sh with the browser-test tools.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from '../tests/e2e/node_modules/esbuild/lib/main.js';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('usage: minify.mjs <dir> (or set TRUNK_STAGING_DIR)');
const root = new URL('..', import.meta.url);

// The style sheet's syntax is left as written (no target): it already is
// what the supported browsers read.
for (const [source, file, options] of [
  ['embed/embed.js', 'embed.js', { format: 'esm', target: 'es2020' }],
  ['style/widget.css', 'widget.css', { loader: 'css' }],
]) {
  const text = await readFile(new URL(source, root), 'utf8');
  const { code, warnings } = await transform(text, { minify: true, legalComments: 'none', ...options });
  if (warnings.length) throw new Error(`minify: ${source}: ${warnings.map((w) => w.text).join('; ')}`);
  await writeFile(join(dir, file), code);
  console.log(`minify: ${source} ${text.length} → ${code.length} bytes`);
}
