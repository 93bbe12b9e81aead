// What a site owner installs: the packages in target/package/ (written by
// scripts/package.sh), each installed into an empty folder with a PATH that
// holds none of the project's build tools, then `new`, `build` and `serve`,
// and the core checks in Chromium against the site it built: the seed card,
// a vote, a pair switch and a script embed on another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { access, cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, newPage, waitForCard, LIVE, SEED } from './harness.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PACKAGES = join(ROOT, 'target/package');
/** A machine's ordinary PATH: no ~/.cargo/bin, no .tools/. */
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BUILD_TOOLS = ['cargo', 'rustc', 'trunk', 'wasm-bindgen', 'wasm-opt'];
const env = { ...process.env, PATH, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

/** Runs a command of the site owner's in `cwd`; fails the test if it fails. */
function run(cwd, command, args) {
  const done = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  assert.equal(done.status, 0, `${command} ${args.join(' ')}\n${done.stdout}\n${done.stderr}`);
  return done;
}

/** `serve` running in its own process group, and the address it serves at. */
async function serveSite(cwd, command, args) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let said = '';
    child.stdout.on('data', (chunk) => {
      said += chunk;
      const found = said.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (found) ok(found[1]);
    });
    child.on('exit', (code) => fail(new Error(`serve exited (${code}) before listening: ${said}`)));
  });
  return { url, stop: () => process.kill(-child.pid, 'SIGTERM') };
}

async function packageFile(pattern) {
  const name = (await readdir(PACKAGES)).find((file) => pattern.test(file));
  assert.ok(name, `no package matching ${pattern} in target/package/ (scripts/package.sh writes them)`);
  return join(PACKAGES, name);
}

test('the PATH of these tests holds none of the build tools', () => {
  for (const tool of BUILD_TOOLS) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { env, encoding: 'utf8' });
    assert.notEqual(found.status, 0, `${tool} is on the test PATH at ${found.stdout}`);
  }
});

/** The core checks of the browser tests, against a built and served site. */
async function coreChecks(siteUrl) {
  const page = await newPage(browser);
  await page.goto(siteUrl);
  await waitForCard(page, SEED);
  const card = page.locator(LIVE);
  await card.getByText('75%').first().waitFor();

  const vote = card.getByRole('button', { name: 'Vote for SmolLM3' });
  await vote.click();
  await page.waitForFunction(
    () => document.querySelector('.tcw:not([data-tc-prerendered]) [data-tc-key="vote-0"]')?.getAttribute('aria-pressed') === 'true',
  );
  await card.getByText('your vote (this browser)').first().waitFor();

  const first = page.getByRole('combobox', { name: 'First tool' });
  await first.click();
  await first.pressSequentially('lite');
  await first.press('Enter');
  await waitForCard(page, 'LiteLLM vs Vercel AI Gateway');
  assert.equal(new URL(page.url()).searchParams.get('a'), 'litellm');

  // A script embed on a blog of another origin, as the Share panel writes
  // it for a curated pair: the style sheet and the card fragment preloaded.
  const blog = createServer((req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="data:,"></head>
<body><h1>A post</h1><link rel="preload" href="${siteUrl}embed.css" as="style">
<link rel="preload" href="${siteUrl}cards/smollm3-vs-vercel-ai-gateway.html" as="fetch" crossorigin>
<div data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway"></div>
<script type="module" src="${siteUrl}embed.js"></script></body></html>`),
  );
  await new Promise((ok) => blog.listen(0, '127.0.0.1', ok));
  try {
    const post = await newPage(browser);
    await post.goto(`http://127.0.0.1:${blog.address().port}/post.html`);
    await post.locator(LIVE).getByRole('heading', { level: 2, name: SEED }).waitFor({ timeout: 15000 });
    // The site holds the style sheet the code preloads, and the card uses it.
    assert.equal(
      await post.locator(LIVE).evaluate((el) => el.getRootNode().querySelector('link[rel="stylesheet"]').href),
      `${siteUrl}embed.css`,
    );
    assert.equal(await post.locator(LIVE).evaluate((el) => getComputedStyle(el).containerType), 'inline-size');
    await post.locator(LIVE).getByRole('button', { name: 'Vote for Vercel AI Gateway' }).click();
    await post.waitForFunction(
      () => document.querySelector('[data-tool-compare]').shadowRoot.querySelector('.tcw:not([data-tc-prerendered]) [data-tc-key="vote-1"]')?.getAttribute('aria-pressed') === 'true',
    );
  } finally {
    await new Promise((ok) => blog.close(ok));
  }
}

test('the npm package: installed offline without Rust, it starts a site, builds it and serves it', async () => {
  const tgz = await packageFile(/^tool-compare-\d+\.\d+\.\d+\.tgz$/);
  const home = await mkdtemp(join(tmpdir(), 'tool-compare-npm-'));
  run(home, 'npm', ['install', '--offline', '--no-audit', '--no-fund', tgz]);
  run(home, 'npx', ['--offline', 'tool-compare', 'new', 'mysite']);
  const built = run(home, 'npx', ['--offline', 'tool-compare', 'build', 'mysite/catalog.json', '--out', 'mysite/site']);
  assert.match(built.stdout, /built mysite\/site in \d+ ms: 2 pages, 2 card fragments, 1 preview images/);
  await access(join(home, 'mysite/site/first-tool-vs-second-tool.html'), constants.R_OK);
  await access(join(home, 'mysite/site/embed.js.br'), constants.R_OK);

  // The seed's catalog, built and served as a site owner's own.
  await cp(join(ROOT, 'public/catalog.json'), join(home, 'seed.json'));
  run(home, 'npx', ['--offline', 'tool-compare', 'build', 'seed.json', '--out', 'seed-site']);
  const server = await serveSite(home, 'npx', ['--offline', 'tool-compare', 'serve', 'seed-site', '--port', '0']);
  try {
    const page = await fetch(server.url, { headers: { 'accept-encoding': 'br' } });
    assert.equal(page.headers.get('content-encoding'), 'br');
    assert.match(page.headers.get('content-security-policy'), /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval'/);
    await coreChecks(server.url);
  } finally {
    server.stop();
  }
});

test('the npm package names the platforms it runs on elsewhere', async () => {
  const tgz = await packageFile(/^tool-compare-\d+\.\d+\.\d+\.tgz$/);
  const home = await mkdtemp(join(tmpdir(), 'tool-compare-npm-other-'));
  run(home, 'npm', ['install', '--offline', '--no-audit', '--no-fund', tgz]);
  const preload = join(home, 'as-macos.cjs');
  await writeFile(preload, "Object.defineProperty(process, 'platform', { value: 'darwin' });\nObject.defineProperty(process, 'arch', { value: 'arm64' });\n");
  const shim = join(home, 'node_modules/tool-compare/bin/tool-compare.js');
  const refused = spawnSync('node', ['--require', preload, shim, '--version'], { cwd: home, env, encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /there is no build for darwin arm64 in this package; it runs on: linux x64/);
  const version = run(home, 'npx', ['--offline', 'tool-compare', '--version']);
  assert.match(version.stdout, /^tool-compare \d+\.\d+\.\d+\n$/);
});

test('the archive: unpacked without Rust, its program builds and serves the starter site', async () => {
  const archive = await packageFile(/^tool-compare-\d+\.\d+\.\d+-x86_64-unknown-linux-gnu\.tar\.gz$/);
  const home = await mkdtemp(join(tmpdir(), 'tool-compare-archive-'));
  run(home, 'tar', ['-xzf', archive]);
  const folder = (await readdir(home)).find((name) => name.startsWith('tool-compare-'));
  assert.deepEqual((await readdir(join(home, folder))).sort(), ['LICENSE', 'LICENSE-Inter-font.txt', 'README.md', 'tool-compare']);
  const program = join(home, folder, 'tool-compare');
  run(home, program, ['new', 'mysite']);
  run(home, program, ['build', 'mysite/catalog.json', '--out', 'mysite/site', '--no-precompress']);
  const files = await readdir(join(home, 'mysite/site'));
  assert.ok(files.every((name) => !name.endsWith('.br') && !name.endsWith('.gz')), files.join(', '));
  const server = await serveSite(home, program, ['serve', 'mysite/site', '--port', '0']);
  try {
    const page = await newPage(browser);
    await page.goto(server.url);
    await waitForCard(page, 'First Tool vs Second Tool');
    await page.locator(LIVE).getByRole('button', { name: 'Vote for Second Tool' }).click();
    await page.waitForFunction(
      () => document.querySelector('.tcw:not([data-tc-prerendered]) [data-tc-key="vote-1"]')?.getAttribute('aria-pressed') === 'true',
    );
    assert.match(await readFile(join(home, 'mysite/catalog.json'), 'utf8'), /"\$schema": "catalog.schema.json"/);
  } finally {
    server.stop();
  }
});

test("the archive's program publishes a catalog whose tools are in a JSON Lines file, a tool a line", async () => {
  const archive = await packageFile(/^tool-compare-\d+\.\d+\.\d+-x86_64-unknown-linux-gnu\.tar\.gz$/);
  const home = await mkdtemp(join(tmpdir(), 'tool-compare-jsonl-'));
  run(home, 'tar', ['-xzf', archive]);
  const folder = (await readdir(home)).find((name) => name.startsWith('tool-compare-'));
  const program = join(home, folder, 'tool-compare');
  const { tools, ...catalog } = JSON.parse(await readFile(join(ROOT, 'public/catalog.json'), 'utf8'));
  await writeFile(join(home, 'tools.jsonl'), tools.map((tool) => JSON.stringify(tool)).join('\n') + '\n');
  await writeFile(join(home, 'catalog.json'), JSON.stringify({ ...catalog, tools_file: 'tools.jsonl' }, null, 2));
  assert.match(run(home, program, ['check', 'catalog.json']).stdout, /valid \(8 tools, 6 comparisons\)/);
  const built = run(home, program, ['build', 'catalog.json', '--out', 'site']);
  assert.match(built.stdout, /7 pages, 12 card fragments, 6 preview images/);
  const published = JSON.parse(await readFile(join(home, 'site/catalog.json'), 'utf8'));
  assert.deepEqual(published.tools, tools, 'the widget reads the tools from the one catalog file');
  const server = await serveSite(home, program, ['serve', 'site', '--port', '0']);
  try {
    await coreChecks(server.url);
  } finally {
    server.stop();
  }
});
