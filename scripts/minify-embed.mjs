// Trunk's second post-build hook: minifies the embed.js that `prerender
// site` wrote into the staging folder. Every reader downloads embed.js, and
// before a script-embedded card's content shows, so its size counts.
// (esbuild is installed by scripts/setup.sh with the browser-test tools.)
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from '../tests/e2e/node_modules/esbuild/lib/main.js';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('usage: minify-embed.mjs <dir> (or set TRUNK_STAGING_DIR)');
const file = join(dir, 'embed.js');
const source = await readFile(file, 'utf8');
const { code } = await transform(source, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
await writeFile(file, code);
console.log(`minify-embed: embed.js ${source.length} → ${code.length} bytes`);
