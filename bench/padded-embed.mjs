// A copy of a built site whose embed.js carries an incompressible comment
// of about <bytes> bytes gzipped: does the render-blocking script's size
// move a page's first content, or a reader's first vote? Run phone.mjs on
// the site with this copy as --before; the two differ in nothing else.
// Usage: node bench/padded-embed.mjs <dist> <copy dir> <gzip bytes to add>
import { randomBytes } from 'node:crypto';
import { appendFile, cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dist, copy, extra] = process.argv.slice(2);
if (!dist || !copy || !(Number(extra) > 0)) throw new Error('usage: padded-embed.mjs <dist> <copy dir> <gzip bytes to add>');
const gzipped = async (file) => gzipSync(await readFile(file), { level: 9 }).length;

await rm(copy, { recursive: true, force: true });
await cp(dist, copy, { recursive: true });
const script = join(copy, 'embed.js');
// The precompressed copies would be served instead by a host that reads them.
await rm(`${script}.gz`, { force: true });
await rm(`${script}.br`, { force: true });
const before = await gzipped(script);
// Random bytes in base64 gzip to about 3/4 of their length.
await appendFile(script, `\n/*${randomBytes(Math.round(Number(extra))).toString('base64')}*/\n`);
console.log(`${script}: ${before} → ${await gzipped(script)} B gzip`);
