// The script and iframe embeds on a blog of another origin, with hostile CSS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, LIVE, serveStatic, launchBrowser, newPage, breakNextElement } from './harness.mjs';

let widgetHost, blog, browser;

const HOSTILE_CSS = `
  html { font-size: 10px !important; }
  * { color: rgb(255, 0, 0) !important; font-family: "Comic Sans MS", cursive !important;
      letter-spacing: 3px !important; text-transform: uppercase !important; line-height: 3 !important; }
  div { background: rgb(255, 255, 0) !important; }
  button { background: rgb(0, 128, 0) !important; border: 10px dashed rgb(0, 0, 255) !important;
           font-size: 40px !important; }
  p { margin: 7px !important; }
`;

/**
 * A frame that claims `height` as the widget's frame does: once when it
 * loads, and again when the parent's embed.js asks (it may load first).
 */
const claimingFrame = (height) => `<!doctype html><title>f</title><script>
  const claim = () => parent.postMessage({ type: 'tool-compare:height', height: ${height} }, '*');
  addEventListener('message', (e) => e.data?.type === 'tool-compare:height-request' && claim());
  claim();
</script>`;

const page = (body, widgetUrl) => (req, res) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog post</title><link rel="icon" href="data:,"><style>${HOSTILE_CSS}</style></head>
<body><p id="host-paragraph">A paragraph of the blog post.</p>${body}
<script type="module" src="${widgetUrl}embed.js"></script></body></html>`);

before(async () => {
  // The widget's own static host: CORS open, as documented for embeds.
  // Two frames that claim heights: one beyond reason, and one redirected
  // to another origin (its address still names the widget's host).
  widgetHost = await serveStatic({
    headers: { 'access-control-allow-origin': '*' },
    extra: {
      '/tall.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(claimingFrame(1e9)),
      '/moved.html': (req, res) => res.writeHead(302, { location: `${blog.origin}/liar.html` }).end(),
    },
  });
  const w = widgetHost.url;
  blog = await serveStatic({
    prefix: '/nothing-here/',
    extra: {
      '/post.html': page(
        `<div id="w1" data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway" data-theme="light"></div>
         <div id="w2" data-tool-compare data-a="litellm" data-b="portkey" data-theme="dark"></div>`,
        w,
      ),
      '/same-catalog.html': page(
        `<div id="v1" data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway"></div>
         <div id="v2" data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway"></div>
         <div id="v3" data-tool-compare data-a="litellm" data-b="portkey"></div>`,
        w,
      ),
      '/liar.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(claimingFrame(333)),
      '/claims.html': page(
        `<iframe id="tall" data-tool-compare-frame title="tall" style="height:150px" src="${widgetHost.origin}/tall.html"></iframe>
         <iframe id="moved" data-tool-compare-frame title="moved" style="height:150px" src="${widgetHost.origin}/moved.html"></iframe>`,
        w,
      ),
      '/frames.html': page(
        `<iframe id="f1" data-tool-compare-frame title="SmolLM3 vs Vercel AI Gateway" style="width:700px;height:150px;border:0"
           src="${w}index.html?a=smollm3&b=vercel-ai-gateway&embed=1"></iframe>
         <iframe id="f2" data-tool-compare-frame title="LiteLLM vs Portkey" style="width:700px;height:150px;border:0"
           src="${w}index.html?a=litellm&b=portkey&embed=1"></iframe>`,
        w,
      ),
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await widgetHost?.close();
  await blog?.close();
});

const heading = (p, id) => p.locator(`#${id} ${LIVE}`).getByRole('heading', { level: 2 });

/**
 * Scrolls to widget `id` (a pre-rendered card starts its widget only when
 * the reader comes near) and waits until it shows `title` live.
 */
async function scrollToLive(p, id, title) {
  await p.locator(`#${id}`).scrollIntoViewIfNeeded();
  await heading(p, id).filter({ hasText: title }).waitFor({ timeout: 15000 });
}

async function openPost() {
  const p = await newPage(browser);
  await p.goto(`${blog.origin}/post.html`);
  await heading(p, 'w1').filter({ hasText: 'SmolLM3 vs Vercel AI Gateway' }).waitFor({ timeout: 15000 });
  return p;
}

test('widgets on another origin each show their own pair, also one added later', async () => {
  const p = await openPost();
  assert.notEqual(new URL(widgetHost.url).origin, blog.origin);
  await scrollToLive(p, 'w2', 'LiteLLM vs Portkey');
  // Back to the top: the widget added below the two cards is then far away.
  await p.evaluate(() => scrollTo(0, 0));
  await p.evaluate(() =>
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div id="w3" data-tool-compare data-a="openrouter" data-b="phi-3-mini"></div>',
    ),
  );
  // Far below the fold it waits (lazy start) until the reader scrolls near.
  await p.locator('#w3').getByText('Loading the comparison…').waitFor();
  await p.locator('#w3').scrollIntoViewIfNeeded();
  await heading(p, 'w3').filter({ hasText: 'OpenRouter vs Phi-3-mini' }).waitFor({ timeout: 10000 });
  assert.equal(await p.locator('#w1 .tcw').getAttribute('data-theme'), 'light');
  assert.equal(await p.locator('#w2 .tcw').getAttribute('data-theme'), 'dark');
  assert.equal(await p.locator('#w3 .tcw').getAttribute('data-theme'), 'auto');
  assert.deepEqual(p.errors, []);
});

test('host styles do not reach in, and widget styles do not leak out', async () => {
  const p = await newPage(browser);
  await p.goto(`${blog.origin}/post.html`);
  const paragraphStyle = () =>
    p.locator('#host-paragraph').evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.color, s.fontFamily, s.margin, s.lineHeight, s.fontSize, s.backgroundColor].join(' | ');
    });
  const before = await paragraphStyle();
  await heading(p, 'w1').filter({ hasText: 'SmolLM3 vs Vercel AI Gateway' }).waitFor({ timeout: 15000 });
  assert.equal(await paragraphStyle(), before, 'the host paragraph is unchanged');

  const button = p.locator('#w1').getByRole('button', { name: 'Swap tools' });
  const style = await button.evaluate((el) => {
    const s = getComputedStyle(el);
    return { bg: s.backgroundColor, border: s.borderTopStyle, size: s.fontSize, color: s.color, spacing: s.letterSpacing };
  });
  assert.notEqual(style.bg, 'rgb(0, 128, 0)');
  assert.equal(style.border, 'solid');
  assert.equal(style.size, '15px');
  assert.notEqual(style.color, 'rgb(255, 0, 0)');
  assert.equal(style.spacing, 'normal');
  const title = await heading(p, 'w1').evaluate((el) => {
    const s = getComputedStyle(el);
    return { transform: s.textTransform, family: s.fontFamily, size: s.fontSize };
  });
  assert.equal(title.transform, 'none');
  assert.ok(!title.family.includes('Comic'), title.family);
  assert.ok(parseFloat(title.size) >= 22, `title is ${title.size} despite the host's 10px root`);
});

test('changing data-theme, data-a and data-b updates the widget without a reload', async () => {
  const p = await openPost();
  await p.locator('#w1').evaluate((el) => el.setAttribute('data-theme', 'dark'));
  await p.locator('#w1 .tcw[data-theme="dark"]').waitFor();
  await p.locator('#w1').evaluate((el) => {
    el.setAttribute('data-a', 'openrouter');
    el.setAttribute('data-b', 'litellm');
  });
  await heading(p, 'w1').filter({ hasText: 'OpenRouter vs LiteLLM' }).waitFor({ timeout: 5000 });
  await scrollToLive(p, 'w2', 'LiteLLM vs Portkey');
});

test('removing a widget element unmounts it', async () => {
  const p = await openPost();
  await scrollToLive(p, 'w2', 'LiteLLM vs Portkey');
  const shadowChildren = await p.evaluate(async () => {
    const el = document.getElementById('w2');
    el.remove();
    await new Promise((r) => setTimeout(r, 100));
    return el.shadowRoot.childNodes.length;
  });
  assert.equal(shadowChildren, 0);
  await p.locator('#w1').getByRole('button', { name: 'Swap tools' }).click();
  await heading(p, 'w1').filter({ hasText: 'Vercel AI Gateway vs SmolLM3' }).waitFor();
  assert.deepEqual(p.errors, []);
});

test('a vote in an embedded widget is an event on its host element', async () => {
  const p = await newPage(browser);
  await p.addInitScript(() => {
    window.votes = [];
    document.addEventListener('tool-compare:vote', (e) => window.votes.push([e.target.id, e.detail.vote]));
  });
  await p.goto(`${blog.origin}/post.html`);
  await scrollToLive(p, 'w2', 'LiteLLM vs Portkey');
  await p.locator('#w2').getByRole('button', { name: 'Vote for Portkey' }).click();
  assert.deepEqual(await p.evaluate(() => window.votes), [['w2', 'portkey']]);
  const key = `tool-compare:v1:votes:${widgetHost.url}catalog.json`;
  assert.ok(await p.evaluate((k) => localStorage.getItem(k), key), 'stored under the namespaced key');
});

test("widgets of one catalog share one load and one ballot: a vote in one shows at once in every widget of its pair and none is lost", async () => {
  const p = await newPage(browser);
  const catalogRequests = [];
  p.on('request', (request) => request.url().endsWith('/catalog.json') && catalogRequests.push(request.url()));
  await p.addInitScript(() => {
    window.votes = [];
    document.addEventListener('tool-compare:vote', (e) => window.votes.push([e.target.id, e.detail.vote]));
  });
  await p.goto(`${blog.origin}/same-catalog.html`);
  const vote = (id, tool) => p.locator(`#${id}`).getByRole('button', { name: `Vote for ${tool}` });
  const pressed = (id, tool) => vote(id, tool).getAttribute('aria-pressed');
  await scrollToLive(p, 'v1', 'SmolLM3 vs Vercel AI Gateway');
  await vote('v1', 'SmolLM3').click();
  await scrollToLive(p, 'v2', 'SmolLM3 vs Vercel AI Gateway');
  assert.equal(await pressed('v2', 'SmolLM3'), 'true', 'shown in the other widget of the pair');
  // Moving the vote in the second widget moves it in the first at once.
  await vote('v2', 'Vercel AI Gateway').click();
  assert.equal(await pressed('v1', 'Vercel AI Gateway'), 'true');
  assert.equal(await pressed('v1', 'SmolLM3'), 'false');
  await scrollToLive(p, 'v3', 'LiteLLM vs Portkey');
  await vote('v3', 'Portkey').click();
  assert.deepEqual(
    await p.evaluate(() => window.votes),
    [['v1', 'smollm3'], ['v2', 'vercel-ai-gateway'], ['v3', 'portkey']],
    'one event per press, on the host of the widget pressed',
  );
  assert.equal(catalogRequests.length, 1, 'one load of the catalog for all three widgets');
  await p.reload();
  await scrollToLive(p, 'v1', 'SmolLM3 vs Vercel AI Gateway');
  assert.equal(await pressed('v1', 'Vercel AI Gateway'), 'true', 'the second widget’s vote survived the third’s write');
  await scrollToLive(p, 'v3', 'LiteLLM vs Portkey');
  assert.equal(await pressed('v3', 'Portkey'), 'true');
});

test('a frame claiming a height beyond reason is capped, and one that moved to another origin is not obeyed', async () => {
  const p = await newPage(browser);
  await p.goto(`${blog.origin}/claims.html`);
  await p.waitForFunction(() => document.getElementById('tall').style.height !== '150px', null, { timeout: 10000 });
  assert.equal(await p.locator('#tall').evaluate((el) => el.style.height), '20000px');
  // The moved frame's message has arrived by now (both load alike); it is ignored.
  await p.waitForTimeout(500);
  assert.equal(await p.locator('#moved').evaluate((el) => el.style.height), '150px');
});

test('an element that becomes a widget after load is mounted', async () => {
  const p = await openPost();
  await p.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'late';
    el.dataset.a = 'litellm';
    el.dataset.b = 'portkey';
    document.body.prepend(el);
  });
  await p.waitForTimeout(300);
  assert.equal(await p.locator('#late').evaluate((el) => el.shadowRoot), null, 'not a widget yet');
  await p.locator('#late').evaluate((el) => el.setAttribute('data-tool-compare', ''));
  await scrollToLive(p, 'late', 'LiteLLM vs Portkey');
});

test('iframe embeds post their own height and each frame is sized by its own messages', async () => {
  const p = await newPage(browser);
  await p.goto(`${blog.origin}/frames.html`);
  const frameFor = (src) => p.frames().find((f) => f.url().includes(src));
  await p.waitForFunction(() =>
    ['f1', 'f2'].every((id) => parseFloat(document.getElementById(id).style.height) > 400),
  null, { timeout: 15000 });
  for (const [id, src] of [['f1', 'a=smollm3'], ['f2', 'a=litellm']]) {
    const frame = frameFor(src);
    await frame.locator(LIVE).getByRole('heading', { level: 2 }).waitFor();
    let content, height;
    for (let tries = 0; tries < 50; tries++) {
      content = await frame.evaluate(() => document.documentElement.scrollHeight);
      height = await p.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().height);
      if (Math.abs(content - height) <= 2) break;
      await p.waitForTimeout(100);
    }
    assert.ok(Math.abs(content - height) <= 2, `${id}: frame ${height}px, content ${content}px`);
  }
  const [h1, h2] = await p.evaluate(() => ['f1', 'f2'].map((id) => document.getElementById(id).style.height));
  assert.notEqual(h1, h2, 'different pairs, different heights');
  const background = await frameFor('a=litellm').evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgba(0, 0, 0, 0)');
});

test('a frame that posted its height before the page\'s embed.js ran is sized all the same', async () => {
  const p = await newPage(browser);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  // Only the blog's own embed.js is held: the frames load theirs.
  await p.route('**/embed.js', async (route) => {
    if (route.request().frame() === p.mainFrame()) await held;
    await route.continue();
  });
  await p.goto(`${blog.origin}/frames.html`, { waitUntil: 'commit' });
  for (const src of ['a=smollm3', 'a=litellm']) {
    await p.waitForFunction((s) => [...document.querySelectorAll('iframe')].some((f) => f.src.includes(s)), src);
    const frame = await (await p.waitForSelector(`iframe[src*="${src}"]`)).contentFrame();
    await frame.locator(LIVE).getByRole('heading', { level: 2 }).waitFor({ timeout: 15000 });
  }
  assert.equal(await p.locator('#f1').evaluate((el) => el.style.height), '150px', 'no one listened yet');
  release();
  await p.waitForFunction(() =>
    ['f1', 'f2'].every((id) => parseFloat(document.getElementById(id).style.height) > 400),
  null, { timeout: 10000 });
});

test('after an internal error every widget says so, and Try again starts them on one fresh instance; the page may change a stopped widget meanwhile', async () => {
  const p = await openPost();
  await scrollToLive(p, 'w2', 'LiteLLM vs Portkey');
  const scripts = [];
  p.on('request', (request) => /tool-compare-[^/]*\.js/.test(request.url()) && scripts.push(request.url()));
  p.expectErrors(/unreachable/);
  await breakNextElement(p);
  await p.locator('#w1').getByRole('button', { name: 'Swap tools' }).click();
  const stopped = (id) => p.locator(`#${id}`).getByRole('alert').filter({ hasText: 'The comparison widget stopped because of an internal error.' });
  await stopped('w1').waitFor();
  await stopped('w2').waitFor();
  await p.locator('#w1').evaluate((el) => Object.assign(el.dataset, { a: 'portkey', b: 'litellm', theme: 'dark' }));
  await p.locator('#w1').getByRole('button', { name: 'Try again' }).click();
  await heading(p, 'w1').filter({ hasText: 'Portkey vs LiteLLM' }).waitFor({ timeout: 15000 });
  await p.locator('#w2').getByRole('button', { name: 'Try again' }).click();
  await heading(p, 'w2').filter({ hasText: 'LiteLLM vs Portkey' }).waitFor({ timeout: 15000 });
  const vote = p.locator('#w1').getByRole('button', { name: 'Vote for LiteLLM' });
  await vote.click();
  assert.equal(await vote.getAttribute('aria-pressed'), 'true', 'the fresh instance works');
  assert.equal(await p.locator('#w2').getByRole('button', { name: 'Vote for LiteLLM' }).getAttribute('aria-pressed'), 'true', 'both on one instance, one ballot');
  assert.equal(scripts.filter((url) => url.includes('?instance=')).length, 1, `one new instance: ${scripts.join(', ')}`);
});

test('an embed.js whose files a deploy replaced reads the new names once and starts', async () => {
  const copy = await mkdtemp(join(tmpdir(), 'tool-compare-dist-'));
  await cp(DIST, copy, { recursive: true });
  const widgets = await serveStatic({ root: copy, headers: { 'access-control-allow-origin': '*' } });
  const post = await serveStatic({
    prefix: '/blog/',
    extra: { '/blog/post.html': page('<div style="height:4000px"></div><div id="late" data-tool-compare data-a="smollm3" data-b="litellm"></div>', widgets.url) },
  });
  try {
    const p = await newPage(browser);
    p.expectErrors(/404/);
    await p.goto(`${post.url}post.html`);
    await p.locator('#late').getByRole('status').waitFor({ state: 'attached' });
    await deployAnotherBuild(copy);
    await p.locator('#late').scrollIntoViewIfNeeded();
    await heading(p, 'late').filter({ hasText: 'SmolLM3 vs LiteLLM' }).waitFor({ timeout: 15000 });
    assert.equal(await p.locator('#late').getByRole('alert').count(), 0);
  } finally {
    await widgets.close();
    await post.close();
    await rm(copy, { recursive: true, force: true });
  }
});

/** What a deploy of a changed build does: new hashed names, old files gone. */
async function deployAnotherBuild(dir) {
  const names = (await readdir(dir)).filter((name) => /^tool-compare.*\.(js|wasm)$/.test(name));
  let embed = await readFile(join(dir, 'embed.js'), 'utf8');
  for (const name of names) {
    const renamed = name.replace(/^tool-compare/, 'tool-compare-next');
    await rename(join(dir, name), join(dir, renamed));
    embed = embed.replaceAll(name, renamed);
  }
  assert.ok(embed.includes('tool-compare-next'), 'embed.js names the bundle');
  await writeFile(join(dir, 'embed.js'), embed);
}

test('dist/ copied under another sub-path works unchanged', async () => {
  const copy = await mkdtemp(join(tmpdir(), 'tool-compare-dist-'));
  await cp(DIST, copy, { recursive: true });
  const other = await serveStatic({ root: copy, prefix: '/a/completely/different/place/' });
  try {
    const p = await newPage(browser);
    await p.goto(`${other.url}?a=portkey&b=openrouter`);
    await p.locator(LIVE).getByRole('heading', { level: 2, name: 'Portkey vs OpenRouter' }).waitFor({ timeout: 15000 });
    assert.deepEqual(p.errors, []);
  } finally {
    await other.close();
    await rm(copy, { recursive: true, force: true });
  }
});
