// Every page, card fragment and snippet the project writes is valid HTML:
// the Nu Html Checker (the W3C validator, npm vnu-jar, run with Java)
// reports no error and no warning on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VNU = fileURLToPath(new URL('./node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));

/** A fragment as a blog page holds it: inside the body of a document. */
const inPage = (fragment) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog post</title></head><body><h1>A blog post</h1>${fragment}</body></html>`;

/** The checker's errors and warnings for `files`, as "file:line: message". */
function check(files) {
  const run = spawnSync('java', ['-jar', VNU, '--format', 'json', '--exit-zero-always', ...files], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { messages } = JSON.parse(run.stderr);
  return messages
    .filter((m) => m.type === 'error' || (m.type === 'info' && m.subType === 'warning'))
    .map((m) => `${m.url?.split('/').pop()}:${m.lastLine}: ${m.type === 'error' ? 'error' : 'warning'}: ${m.message}`);
}

test('the pages, card fragments and snippets of the build are valid HTML', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'tool-compare-html-'));
  const pages = (await readdir(DIST)).filter((name) => name.endsWith('.html')).map((name) => join(DIST, name));
  assert.ok(pages.length >= 6, pages.join(', '));
  const files = [...pages];
  for (const card of (await readdir(join(DIST, 'cards'))).filter((name) => name.endsWith('.html'))) {
    const file = join(scratch, `card-${card}`);
    await writeFile(file, inPage(await readFile(join(DIST, 'cards', card), 'utf8')));
    files.push(file);
  }
  for (const [name, args] of [
    ['snippet.html', ['public/catalog.json', 'smollm3', 'vercel-ai-gateway']],
    ['snippet-inline-dark.html', ['public/catalog.json', 'litellm', 'portkey', '--inline-style', '--theme', 'dark']],
    ['snippet-german.html', ['examples/catalog.de.json', 'smollm3', 'vercel-ai-gateway']],
  ]) {
    const snippet = execFileSync(`${ROOT}target/cli/tool-compare`, ['snippet', ...args, '--widget-url', 'https://widgets.example.com/compare/'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const file = join(scratch, name);
    await writeFile(file, inPage(snippet));
    files.push(file);
  }
  assert.deepEqual(check(files), []);
});

test('the checker finds what it must: a page with a bogus comment and a misplaced element fails', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'tool-compare-html-'));
  const file = join(scratch, 'broken.html');
  await writeFile(file, inPage('<ul><!><div>not an item</div></ul>'));
  const found = check([file]);
  assert.ok(found.some((m) => /Bogus comment/.test(m)), found.join('\n'));
  assert.ok(found.some((m) => /Element “div” not allowed as child of element “ul”/.test(m)), found.join('\n'));
});
