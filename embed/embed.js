// Tool comparison widget: the script embed. Blog owners add
//   <div data-tool-compare data-a="…" data-b="…"></div>
//   <script type="module" src="…/embed.js"></script>
// and this mounts an independent widget into every [data-tool-compare]
// element, including ones added later; see the README ("Embedding").
// The build writes dist/embed.js from this file, filling in the
// content-hashed names of the Wasm bundle, so this name stays stable.

const WIDGET_JS = '__WIDGET_JS__';
const WIDGET_WASM = '__WIDGET_WASM__';
const SELECTOR = '[data-tool-compare]';
const WATCHED = ['data-a', 'data-b', 'data-theme', 'data-catalog'];
const HEIGHT_MESSAGE = 'tool-compare:height';

// Assets are resolved against this script, not the page, so a widget hosted
// on one origin works on a blog of another.
const asset = (name) => new URL(name, import.meta.url).href;
const DEFAULT_CATALOG = asset('catalog.json');

let runtime;
const loadRuntime = () =>
  (runtime ??= import(asset(WIDGET_JS)).then(async (bindings) => {
    await bindings.default({ module_or_path: asset(WIDGET_WASM) });
    return bindings;
  }));

/** element → mounted widget, or null while it loads. */
const widgets = new Map();

// Holds the card's space until the widget replaces it, so the host page
// does not jump; the shadow root keeps the host's styles out.
function placeholder(el, text) {
  const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.textContent = text;
  box.style.cssText =
    'box-sizing:border-box;min-height:36em;padding:1em;font:16px/1.5 system-ui,sans-serif;' +
    'border:1px solid #d9dce3;border-radius:12px;color:#4f5663;display:grid;place-items:center';
  shadow.append(box);
  return box;
}

async function mount(el) {
  if (widgets.has(el)) return;
  widgets.set(el, null);
  try {
    const bindings = await loadRuntime();
    if (!el.isConnected || widgets.get(el) !== null) return;
    widgets.set(el, bindings.mount_embed(el, DEFAULT_CATALOG));
  } catch (error) {
    widgets.delete(el);
    const box = placeholder(el, `The comparison widget could not start: ${error?.message ?? error}`);
    box.setAttribute('role', 'alert');
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = 'Try again';
    retry.addEventListener('click', () => {
      runtime = undefined;
      placeholder(el, 'Loading the comparison…');
      mount(el);
    });
    box.append(retry);
  }
}

function unmount(el) {
  const widget = widgets.get(el);
  widgets.delete(el);
  widget?.unmount();
}

// Widgets far below the fold start when the reader scrolls near them.
const nearView = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        nearView.unobserve(entry.target);
        mount(entry.target);
      }
    }
  },
  { rootMargin: '800px 0px' },
);

const watched = new WeakSet();
function watch(el) {
  if (watched.has(el)) return;
  watched.add(el);
  placeholder(el, 'Loading the comparison…');
  nearView.observe(el);
}

function forget(el) {
  watched.delete(el);
  nearView.unobserve(el);
  unmount(el);
}

const within = (node) => (node.nodeType === 1 ? [...(node.matches(SELECTOR) ? [node] : []), ...node.querySelectorAll(SELECTOR)] : []);

new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === 'attributes') {
      const el = record.target;
      if (!el.matches(SELECTOR)) continue;
      if (record.attributeName === 'data-catalog' && widgets.has(el)) {
        unmount(el);
        mount(el);
      } else {
        widgets.get(el)?.refresh();
      }
      continue;
    }
    // A removed element unmounts and leaks nothing; a moved one stays.
    for (const node of record.removedNodes) for (const el of within(node)) if (!el.isConnected) forget(el);
    for (const node of record.addedNodes) for (const el of within(node)) watch(el);
  }
}).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED });

for (const el of document.querySelectorAll(SELECTOR)) watch(el);

// Iframe embeds post their height; each message resizes only the frame it
// came from (matched by event.source), never another widget's frame.
addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== HEIGHT_MESSAGE || !Number.isFinite(data.height) || data.height < 0) return;
  for (const frame of document.querySelectorAll('iframe[data-tool-compare-frame]')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.ceil(data.height)}px`;
      break;
    }
  }
});
