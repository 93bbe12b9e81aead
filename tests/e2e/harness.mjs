// Shared set-up of the browser tests: a static server that publishes the
// release build (dist/) under a sub-path, and headless Debian Chromium.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { before, after, afterEach } from 'node:test';
import { chromium } from 'playwright-core';

export const DIST = resolve(fileURLToPath(new URL('../../dist', import.meta.url)));
/** Where the widget is published: a sub-path, as on a real static host. */
export const SUB_PATH = '/blog/widgets/compare/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `root` under `prefix` on a free loopback port. `extra` maps exact
 * paths to handlers `(req, res) => void` for pages a test needs besides
 * dist/; `headers` are added to every file served from `root`. With `gzip`,
 * files are sent compressed to browsers that accept it, as static hosts do
 * (the benchmarks measure with it; the tests read sizes from dist/).
 */
export async function serveStatic({ root = DIST, prefix = SUB_PATH, extra = {}, headers = {}, gzip = false, favicon = true } = {}) {
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (extra[path]) return extra[path](req, res);
    // The browser's own request for the site's icon: a site has one at
    // its root, and the pages link none (a strict policy would refuse it).
    // (`favicon: false` answers 404, as a host without one does.)
    if (path === '/favicon.ico' && favicon) return res.writeHead(204).end();
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const extraHeaders = {};
      if (gzip && type !== 'image/png' && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(body, { level: 9 }));
        body = compressed.get(file);
        extraHeaders['content-encoding'] = 'gzip';
        extraHeaders.vary = 'accept-encoding';
      }
      res.writeHead(200, { 'content-type': type, ...extraHeaders, ...headers }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', ...headers }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: origin + prefix, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * A copy of dist/ whose standalone page may show catalogs from `origins`
 * besides its own (the site owner's setting in index.html).
 */
export async function distAllowingCatalogsFrom(origins) {
  const copy = await mkdtemp(join(tmpdir(), 'tool-compare-dist-'));
  await cp(DIST, copy, { recursive: true });
  const index = join(copy, 'index.html');
  const setting = '<meta name="tool-compare-catalog-origins" content="">';
  const html = await readFile(index, 'utf8');
  if (!html.includes(setting)) throw new Error('index.html has no catalog-origins setting');
  await writeFile(index, html.replace(setting, setting.replace('content=""', `content="${origins.join(' ')}"`)));
  return copy;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The pages the running test opened. */
const opened = [];

/**
 * A page that fails the test on any uncaught error or console error, since
 * a broken release build (for example a bad wasm-opt) shows up only there:
 * checked after every test, which also closes the page's context. A test
 * that provokes an error on purpose (a 404, a refused request) names it:
 * `page.expectErrors(/pattern/)`.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.expected = [];
  page.expectErrors = (...patterns) => page.expected.push(...patterns);
  page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(`console: ${msg.text()}`);
  });
  opened.push(page);
  return page;
}

// Only under the test runner (bench scripts import this file too).
if (process.env.NODE_TEST_CONTEXT) afterEach(async () => {
  const pages = opened.splice(0);
  const unexpected = pages.flatMap((page) => page.errors.filter((error) => !page.expected.some((p) => p.test(error))));
  await Promise.all(pages.map((page) => page.context().close().catch(() => {})));
  assert.deepEqual(unexpected, [], 'the pages of this test had errors');
});

/**
 * The policy README.md tells a blog to send when it embeds the widget from
 * `widgets`, another origin: only that origin for scripts, styles,
 * fetches and frames.
 */
export const hostPagePolicy = (widgets) =>
  `default-src 'none'; script-src ${widgets} 'wasm-unsafe-eval'; style-src ${widgets}; ` +
  `connect-src ${widgets}; frame-src ${widgets}`;

/** A page that records every policy violation of each of its documents. */
export async function policyWatchedPage(browser) {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
      true,
    );
  });
  return page;
}

/** The violations a page or frame of `policyWatchedPage` recorded. */
export const policyViolations = (frame) => frame.evaluate(() => window.violations);

export const SEED = 'SmolLM3 vs Vercel AI Gateway';

/** Opens `url` (the standalone page by default) and waits for the seed card. */
export async function openSeedCard(page, url) {
  await page.goto(url);
  await waitForCard(page, SEED);
}

/** The live widget's root, as opposed to a card pre-rendered as HTML. */
export const LIVE = '.tcw:not([data-tc-prerendered])';
export const PRERENDERED = '.tcw[data-tc-prerendered]';

/**
 * Waits until the live widget (not only a pre-rendered card) shows the
 * given heading, e.g. "SmolLM3 vs Vercel AI Gateway".
 */
export async function waitForCard(page, heading) {
  await page.locator(LIVE).getByRole('heading', { level: 2, name: heading }).first().waitFor({ timeout: 15000 });
}

/**
 * For a test file: serves dist/ (see serveStatic for `options`) and starts
 * a browser before its tests, and stops both after them.
 */
/** A PATH without build tools, as a site owner's machine has. */
export const OWNER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * `tool-compare` as a site owner installs it: the archive scripts/package.sh
 * wrote into target/package/, unpacked into a temporary folder. Returns a
 * function that runs it (with OWNER_PATH) and returns what it said.
 */
export async function installedProgram() {
  const packages = resolve(fileURLToPath(new URL('../../target/package', import.meta.url)));
  const archive = (await readdir(packages)).find((name) => /^tool-compare-.*-x86_64-unknown-linux-gnu\.tar\.gz$/.test(name));
  assert.ok(archive, 'scripts/package.sh writes the archive into target/package/');
  const dir = await mkdtemp(join(tmpdir(), 'tool-compare-installed-'));
  execFileSync('tar', ['-xzf', join(packages, archive), '-C', dir]);
  const folder = (await readdir(dir)).find((name) => name.startsWith('tool-compare-'));
  return (args) => execFileSync(join(dir, folder, 'tool-compare'), args, { encoding: 'utf8', env: { ...process.env, PATH: OWNER_PATH } });
}

export function withServerAndBrowser(options) {
  const env = {};
  before(async () => {
    env.server = await serveStatic(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Makes the next element the page creates fail to be created, as a host
 * page's broken polyfill might: the widget's Wasm panics on it and its
 * instance stops.
 */
export async function breakNextElement(page) {
  await page.evaluate(() => {
    const original = Document.prototype.createElement;
    Document.prototype.createElement = function () {
      Document.prototype.createElement = original;
      throw new Error('a broken polyfill');
    };
  });
}

/** A free loopback port. */
export async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Holds every request of `page` for the Wasm until the returned function is called. */
export async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  return release;
}

/** Sums the layout shifts of `page` from now on. */
export async function watchShifts(page) {
  await page.evaluate(() => {
    window.shifts = [];
    new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((e) => e.value))).observe({ type: 'layout-shift' });
  });
  return () => page.evaluate(() => window.shifts.reduce((sum, value) => sum + value, 0));
}

/** What a seed card (`root`) shows of the vote: buttons pressed, counts, Community figures. */
export async function seedVotesShown(root) {
  return {
    pressed: await Promise.all(
      ['Vote for SmolLM3', 'Vote for Vercel AI Gateway'].map((name) => root.getByRole('button', { name }).getAttribute('aria-pressed')),
    ),
    counts: (await root.locator('.tcw-vote-count').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
    community: await root.locator('.tcw-community').allInnerTexts(),
  };
}
