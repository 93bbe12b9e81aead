// What the benchmarks of pre-rendered cards share: a copy of dist/ with a
// static twin beside each page (the same card and style sheet, no script),
// and a blog page around a card.
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** Pages whose twins `twin-<page>` are written beside them. */
const PAGES = ['index.html', 'smollm3-vs-vercel-ai-gateway.html'];

/**
 * A copy of `dist` with the twins, the name of its style sheet and the
 * seed pair's card fragment (for the script embed's twin: the card in a
 * declarative shadow root, which is also what the snippet command makes).
 */
export async function twinSite(dist) {
  const root = await mkdtemp(join(tmpdir(), 'tool-compare-twins-'));
  await cp(dist, root, { recursive: true });
  const withoutScript = (html) => html.replace(/<script type="module" src="\.\/embed\.js"[^>]*><\/script>/, '');
  for (const page of PAGES) {
    const twin = withoutScript(await readFile(join(root, page), 'utf8'));
    await writeFile(join(root, `twin-${page}`), twin);
    await writeFile(join(root, `floor-${page}`), twin.replace('</head>', `${FLOOR_SCRIPT}</head>`));
  }
  const styleSheet = (await readdir(root)).find((name) => /^widget-.*\.css$/.test(name));
  const fragment = await readFile(join(root, 'cards/smollm3-vs-vercel-ai-gateway.html'), 'utf8');
  return { root, styleSheet, fragment };
}

/**
 * The least a script can do for a vote: inline (nothing to download), it
 * shows the first vote button pressed on a click and does nothing else,
 * neither storing nor counting. The benchmark's floor.
 */
export const FLOOR_SCRIPT = `<script>addEventListener('click', (event) => {
  const button = event.composedPath()[0]?.closest?.('[data-tc-key="vote-0"]');
  if (button) button.setAttribute('aria-pressed', 'true');
}, true);</script>`;

/** A handler serving a blog post with `body` between two paragraphs. */
export const blogPage = (body) => (req, res) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A blog post</title><link rel="icon" href="data:,"></head>
<body><h1>A blog post</h1><p>Some words before the comparison.</p>${body}<p>And after it.</p></body></html>`);

/**
 * The script embed of the seed pair from the widget served at `url`, as
 * the Share panel gives it: with the preloads of the style sheet and of
 * its card fragment. Blogs still carry older codes: `preload: 'fragment'`
 * (the card fragment's only, from stop 35 to issue 26's stop 38) and
 * `preload: false` (none, before).
 */
export const seedEmbed = (url, { preload = 'both' } = {}) =>
  (preload === 'both' ? `<link rel="preload" href="${url}embed.css" as="style">` : '') +
  (preload ? `<link rel="preload" href="${url}cards/smollm3-vs-vercel-ai-gateway.html" as="fetch" crossorigin>` : '') +
  `<div data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway"></div><script type="module" src="${url}embed.js"></script>`;

/**
 * The seed pair's card pasted into the post with the script tag, as
 * `tool-compare snippet … --widget-url <url>` prints it.
 */
export const seedSnippet = (url, site) =>
  seedTwin(url, site).replace('<div data-tool-compare>', '<div data-tool-compare data-a="smollm3" data-b="vercel-ai-gateway" data-theme="auto">') +
  `<script type="module" src="${url}embed.js"></script>`;

/** The script embed's twin: the seed card in a declarative shadow root. */
export const seedTwin = (url, { styleSheet, fragment }) =>
  `<div data-tool-compare><template shadowrootmode="open"><link rel="stylesheet" href="${url}${styleSheet}">${fragment}</template></div>`;
