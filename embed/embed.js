// @ts-check
// Tool comparison widget: the script embed and the standalone page's
// start-up. Blog owners add
//   <div data-tool-compare data-a="…" data-b="…"></div>
//   <script type="module" src="…/embed.js"></script>
// and this mounts an independent widget into every [data-tool-compare]
// element, including ones added later; see the README ("Embedding").
// The build (`prerender site`) writes dist/embed.js from this file, filling
// in this build's content-hashed file names and card fragments, so this
// name stays stable.
//
// Cards are pre-rendered where possible (a pasted snippet's declarative
// shadow root, a card fragment of a curated pair, the standalone pages):
// the card is readable at once, and the Wasm starts when the card is near
// the viewport and the browser is idle, or at the first interaction with
// it. Meanwhile a vote is answered here, at once, and stored as the widget
// stores it; any other press is shown busy, recorded and replayed on the
// live card when it takes over (the `tool-compare:ready` event).

/**
 * @typedef {object} Bundle
 * @property {string} js the Wasm's JS bindings
 * @property {string} wasm
 * @property {string} stylesheet
 * @property {string[] | string} cards
 * @property {Record<string, string>} messages
 */

/**
 * This build's files. Exported so that a page still running an older
 * embed.js after a deploy (whose files are gone) can read the new names.
 * (The build writes the placeholders' values; hence the cast.)
 */
export const BUNDLE = /** @type {Bundle} */ (/** @type {unknown} */ ({
  js: '__WIDGET_JS__',
  wasm: '__WIDGET_WASM__',
  stylesheet: '__STYLESHEET__',
  /**
   * The bundled catalog's curated pairs with card fragments, as "idA idB";
   * or, for many, the file that lists them.
   */
  cards: '__CARDS__',
  /**
   * What this script says by itself, in the bundled catalog's language;
   * a card carries its own catalog's (`data-tc-messages`).
   */
  messages: '__MESSAGES__',
}));

const SELECTOR = '[data-tool-compare]';
const PAGE_SELECTOR = '[data-tool-compare-page]';
const PRERENDERED = '.tcw[data-tc-prerendered]';
const WATCHED = ['data-tool-compare', 'data-a', 'data-b', 'data-theme', 'data-catalog'];
/** A frame never needs more; a larger claim is capped, not obeyed. */
const MAX_FRAME_HEIGHT = 20000;
const HEIGHT_MESSAGE = 'tool-compare:height';
const HEIGHT_REQUEST = 'tool-compare:height-request';
const READY_EVENT = 'tool-compare:ready';
/** How close to the viewport a card starts its widget. */
const NEAR = '800px 0px';
/**
 * Events that start the widget at once, before any other reason. `click`
 * too: screen readers' browse modes, voice control and automation send a
 * click alone, with no pointer, key or focus event before it.
 */
const INTERACTIONS = ['pointerdown', 'keydown', 'focusin', 'click'];
/** Keys a reader may press in a picker before the widget is there. */
const REPLAYED_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Enter', 'Escape']);

// Assets are resolved against this script, not the page, so a widget hosted
// on one origin works on a blog of another.
const asset = (name) => new URL(name, import.meta.url).href;
const DEFAULT_CATALOG = asset('catalog.json');

let runtime;
/** Instances started so far: after a crash the next one must be new. */
let instances = 0;
/** Whether the standalone page's widget runs (on the current instance). */
let pageRunning = false;
let bundleReread = false;
const loadRuntime = () => {
  if (!runtime) {
    const attempt = startRuntime().catch(async (error) => {
      // A deploy may have replaced this build's files since the page loaded.
      if (bundleReread || !(await rereadBundle())) throw error;
      return startRuntime();
    });
    // A failed start is tried afresh by the next "Try again".
    attempt.catch(() => runtime === attempt && (runtime = undefined));
    runtime = attempt;
  }
  return runtime;
};

/**
 * The Wasm, downloading and compiling ahead of its start (see `prefetch`);
 * taken by the next start.
 */
let prefetched;

/**
 * Downloads the Wasm (and compiles it, off the main thread) and its JS
 * bindings at low priority, so that they are here when the widget starts;
 * nothing of it runs yet. Called when a card comes near the viewport.
 */
function prefetch() {
  if (runtime || prefetched) return;
  prefetched = fetchModule({ priority: 'low' });
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.fetchPriority = 'low';
  link.href = asset(BUNDLE.js);
  document.head.append(link);
}

function fetchModule(init) {
  mark('wasm-requested');
  const module = fetch(asset(BUNDLE.wasm), init).then(compile);
  module.catch(() => {}); // reported by the start that awaits it
  return module;
}

/** A `performance.mark` of a start-up phase, for the benchmarks. */
const mark = (name) => performance.mark(`tool-compare:${name}`);

async function startRuntime() {
  // The Wasm downloads and compiles while its JS bindings load.
  const module = prefetched ?? fetchModule();
  prefetched = undefined;
  // A module is instantiated once per address: a fresh instance needs its own.
  const js = asset(BUNDLE.js) + (instances++ ? `?instance=${instances}` : '');
  const bindings = await import(js);
  const compiled = await module;
  const instance = { running: false };
  mark('run');
  await instantiateGuarded(compiled, () => instance.running && stopAll(), () => bindings.default({ module_or_path: compiled }));
  instance.running = true;
  return bindings;
}

async function compile(response) {
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
  const module = await (response.headers.get('content-type') === 'application/wasm'
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer()));
  mark('wasm-compiled');
  return module;
}

/** What the bindings read as "done, no error" from a call into Wasm. */
const NOTHING = Object.freeze([0, 0, 0, 0]);

/**
 * Runs `init` (the bindings' start-up) with `module`'s instance wrapped so
 * that a trap in any call into it is known: the Wasm aborts on a panic, and
 * the page learns of it only as a WebAssembly.RuntimeError. After one, the
 * instance is never entered again (its state is broken) and `onTrap` runs.
 */
async function instantiateGuarded(module, onTrap, init) {
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async function (source, imports) {
    const instance = await instantiate.call(this, source, imports);
    if (source !== module) return instance;
    let dead = false;
    const exports = {};
    for (const [name, value] of Object.entries(instance.exports)) {
      exports[name] =
        typeof value !== 'function'
          ? value
          : function (...args) {
              // The stopped instance's listeners and timers still call in.
              if (dead) return NOTHING;
              try {
                return value.apply(this, args);
              } catch (error) {
                if (error instanceof WebAssembly.RuntimeError) {
                  dead = true;
                  onTrap();
                }
                throw error;
              }
            };
    }
    return { instance: { exports }, module };
  };
  try {
    await init();
  } finally {
    WebAssembly.instantiate = instantiate;
  }
}

/** Reads the file names from the deployed embed.js; true if they changed. */
async function rereadBundle() {
  bundleReread = true;
  try {
    const deployed = (await import(`${asset('embed.js')}?deployed=${Date.now()}`)).BUNDLE;
    if (deployed.js === BUNDLE.js && deployed.wasm === BUNDLE.wasm) return false;
    Object.assign(BUNDLE, deployed);
    return true;
  } catch (error) {
    warn('the deployed embed.js could not be read for the new file names:', error);
    return false;
  }
}

/** Says on the console what this script copes with but a site owner may want to know. */
const warn = (what, error) => console.warn(`[tool-compare] ${what}`, error ?? '');

const whenIdle = (callback) =>
  'requestIdleCallback' in window ? requestIdleCallback(callback, { timeout: 2000 }) : setTimeout(callback, 200);

/**
 * Calls `start` once: when `el` comes near the viewport and the browser is
 * idle, or at the first interaction with it. What it needs starts
 * downloading (`fetchEarly`, steps run in turn) once `el` is near and the
 * page has painted; `start` fetches whatever has not been. Returns a
 * function that cancels it.
 */
function startWhenWanted(el, start, fetchEarly) {
  let done = false;
  const stopWatching = whenNear(el, () =>
    afterFirstPaint(() => {
      if (done) return;
      inTurn(...fetchEarly);
      whenIdle(go);
    }),
  );
  function cancel() {
    done = true;
    stopWatching();
    for (const type of INTERACTIONS) el.removeEventListener(type, interacted, true);
  }
  function go() {
    if (done) return;
    cancel();
    start();
  }
  // The frame that answers the interaction (a pressed vote, a busy
  // button) is drawn first; starting costs a task of its own.
  const interacted = () => afterNextPaint(go);
  for (const type of INTERACTIONS) el.addEventListener(type, interacted, true);
  return cancel;
}

/**
 * Runs `steps` one after the other, each in a task of its own: a reader's
 * tap that arrives meanwhile waits for one of them at most, not for all.
 */
function inTurn(...steps) {
  const next = () => {
    const step = steps.shift();
    if (!step) return;
    setTimeout(next);
    step();
  };
  setTimeout(next);
}

/** Calls `callback` once `el` is near the viewport; returns a function that cancels it. */
function whenNear(el, callback) {
  const near = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        near.disconnect();
        callback();
      }
    },
    { rootMargin: NEAR },
  );
  near.observe(el);
  return () => near.disconnect();
}

/**
 * While a pre-rendered card waits for the widget, answers a vote itself
 * (`pressVote`), and records the presses on its other controls (and the
 * text typed into its pickers), shown busy, to replay them on the live card
 * once it is there. `el` holds the card: a script embed's element or the
 * standalone page's.
 */
function recordUntilReady(el, catalog) {
  let actions = [];
  const onEvent = (event) => {
    const control = event.composedPath()[0]?.closest?.('[data-tc-key]');
    const card = control?.closest(PRERENDERED);
    if (!card) return;
    const key = control.dataset.tcKey;
    if (event.type === 'click' && VOTE_KEYS.includes(key) && pressVote(el, card, catalog, VOTE_KEYS.indexOf(key))) return;
    if (event.type === 'click' && (VOTE_KEYS.includes(key) || control.getAttribute('aria-disabled') === 'true')) {
      event.preventDefault();
      actions.push({ key, type: 'click' });
    } else if (event.type === 'input') {
      actions = actions.filter((action) => !(action.type === 'input' && action.key === key));
      actions.push({ key, type: 'input', value: control.value });
    } else if (event.type === 'keydown' && control.matches('input') && REPLAYED_KEYS.has(event.key)) {
      event.preventDefault();
      actions.push({ key, type: 'key', name: event.key });
    } else {
      return;
    }
    // Seen at once: the press is taken, and done when the widget is live.
    control.setAttribute('aria-busy', 'true');
  };
  const types = ['click', 'input', 'keydown'];
  for (const type of types) el.addEventListener(type, onEvent, true);
  el.addEventListener(
    READY_EVENT,
    () => {
      for (const type of types) el.removeEventListener(type, onEvent, true);
      const root = el.shadowRoot ?? el;
      for (const action of actions) {
        const live = root.querySelector(`[data-tc-key="${action.key}"]`);
        if (!live) continue;
        if (action.type === 'click') {
          live.click();
        } else if (action.type === 'input') {
          live.value = action.value;
          live.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          live.dispatchEvent(new KeyboardEvent('keydown', { key: action.name, bubbles: true, cancelable: true }));
        }
      }
    },
    { once: true },
  );
}

// ---- Votes before the widget ---------------------------------------------
//
// The widget keeps this browser's votes on a catalog in `localStorage`
// under `tool-compare:v1:votes:<catalog URL>`, as the domain's `VoteBook`
// writes them: `{"version": 1, "votes": [["<id>|<id>", "<id>"], …]}`, pair
// key (the two ids in order) and tool id, oldest first, and with a
// collector `"sent"` (what it acknowledged) and `"voter"`. This script
// reads `votes`, and writes a press into it by the book's rule: a first
// vote is added last, pressing the same tool removes it, the other tool
// replaces it. It leaves everything else as it found it, and writes
// nothing where the stored data is unreadable or of another version (the
// widget resets that, and the press waits for it). The widget's collector
// link sends what `votes` holds and `sent` does not, once, when a card of
// the catalog is live: on this visit or a later one.

/** The vote buttons' keys, by side. */
const VOTE_KEYS = ['vote-0', 'vote-1'];

const votesKey = (catalog) => `tool-compare:v1:votes:${catalog}`;

/** The stored votes, `{ version: 1, votes: [] }` if none; null where unreadable or not ours to change. */
function readVotes(catalog) {
  try {
    const text = localStorage.getItem(votesKey(catalog));
    const stored = text === null ? { version: 1, votes: [] } : JSON.parse(text);
    return stored?.version === 1 && Array.isArray(stored.votes) ? stored : null;
  } catch (error) {
    // No storage, or unreadable: the widget says so to the reader once it runs.
    warn('the stored votes could not be read before the widget started:', error);
    return null;
  }
}

/** `card`'s tools in display order, and its pair's key in the store (the ids in order). */
function pairOf(card) {
  const [a, b] = [card.dataset.a ?? '', card.dataset.b ?? ''];
  return { a, b, key: a <= b ? `${a}|${b}` : `${b}|${a}` };
}

/** The tool voted for on the pair `key` in `stored` votes, if any. */
const storedVote = (stored, key) => stored?.votes.find((entry) => Array.isArray(entry) && entry[0] === key)?.[1];

/** The side of `card`'s pair this browser voted for: "0", "1" or "none". */
function storedSide(card, stored) {
  const { a, b, key } = pairOf(card);
  const vote = storedVote(stored, key);
  return vote === a ? '0' : vote === b ? '1' : 'none';
}

/**
 * Shows `card`'s vote parts as they are with a vote for `side` ("0", "1",
 * or "none"), from the templates the build rendered with the widget's
 * components: the Community figures, the bars and the counts, and which
 * button is pressed. Every element stays (their contents and attributes
 * change), so focus stays where the reader left it, the bars grow as on
 * the live card, and the panel's live region, told `said`, is the one
 * screen readers already follow. False where the card has no such
 * templates.
 */
function showVote(card, side, said) {
  const pressed = card.querySelector('.tcw-vote[aria-pressed="true"]');
  if (!said && side === (pressed ? String(VOTE_KEYS.indexOf(pressed.dataset.tcKey)) : 'none')) return true;
  const template = card.querySelector(`template[data-tc-voted="${side}"]`);
  const parts = card.querySelectorAll(VOTE_PARTS);
  const shown = template && template.content.cloneNode(true).querySelectorAll(VOTE_PARTS);
  if (!shown || parts.length !== shown.length) return false;
  parts.forEach((part, i) => {
    const next = shown[i];
    if (part.matches('.tcw-vote')) part.setAttribute('aria-pressed', next.getAttribute('aria-pressed') ?? 'false');
    // The bar grows as on the live card (its width has a transition).
    else if (part.matches('.tcw-bar')) part.querySelector('rect')?.setAttribute('width', next.querySelector('rect')?.getAttribute('width') ?? '0');
    else part.replaceChildren(...next.childNodes);
  });
  if (said) {
    const region = card.querySelector('.tcw-votes [aria-live]');
    if (region) region.textContent = template.dataset.tcSaid ?? '';
  }
  return true;
}
const VOTE_PARTS = '.tcw-community, .tcw-vote, .tcw-bar, .tcw-vote-count';

/**
 * Shows a returning reader's stored vote on a pre-rendered card at once,
 * before (or without) the Wasm.
 */
const showStoredVote = (card, catalog) => showVote(card, storedSide(card, readVotes(catalog)));

/**
 * A press on `card`'s vote button for `side` before the widget is live:
 * stored as the widget stores it and shown at once, in this card (with
 * its announcement) and in every other card of the catalog on the page;
 * live widgets and other tabs follow through the `storage` event. False
 * (the press then waits for the widget) where it cannot be stored.
 */
function pressVote(host, card, catalog, side) {
  const stored = readVotes(catalog);
  const { a, b, key } = pairOf(card);
  const tool = side ? b : a;
  const previous = storedVote(stored, key);
  const state = previous === tool ? 'none' : String(side);
  // A card from an older build may lack a state (a snippet pasted before
  // "none" was rendered): the press then waits for the widget.
  if (!stored || !card.querySelector(`template[data-tc-voted="${state}"]`)) return false;
  const votes = stored.votes.filter((entry) => !Array.isArray(entry) || entry[0] !== key);
  if (previous !== tool) votes.push([key, tool]);
  const storageKey = votesKey(catalog);
  const oldValue = localStorage.getItem(storageKey);
  const newValue = JSON.stringify({ ...stored, votes });
  try {
    localStorage.setItem(storageKey, newValue);
  } catch (error) {
    warn('the vote could not be stored before the widget started; it is cast once the widget runs:', error);
    return false;
  }
  showVote(card, state, true);
  // The rest waits for the frame that shows the vote: a reader's tap is
  // answered first, and nobody else needs it within one.
  afterNextPaint(() => {
    // Other cards of the catalog (this script's listener among them) and
    // live widgets of this page follow the change as they follow another tab's.
    dispatchEvent(new StorageEvent('storage', { key: storageKey, oldValue, newValue, storageArea: localStorage, url: location.href }));
    host.dispatchEvent(
      new CustomEvent('tool-compare:vote', {
        bubbles: true,
        composed: true,
        detail: { catalog, pair: [a, b], vote: previous === tool ? null : tool, previous: previous ?? null },
      }),
    );
  });
  return true;
}

/** Calls `callback` in a task after the next frame has been painted. */
const afterNextPaint = (callback) => requestAnimationFrame(() => setTimeout(callback));

/**
 * Calls `callback` once the page's first content is on screen (reported
 * after the frame is shown), or after the next frame where it already is:
 * the Wasm and the catalog then do not share the link with what that paint
 * needs, and a request made before it is not counted into it, as
 * Lighthouse's simulation counts every request begun before the largest
 * paint (its 2.2 s instead of 1 s in a third of its runs).
 */
function afterFirstPaint(callback) {
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  if (!PerformanceObserver.supportedEntryTypes?.includes('paint') || painted()) return afterNextPaint(callback);
  const observer = new PerformanceObserver(() => {
    if (!painted()) return;
    observer.disconnect();
    callback();
  });
  observer.observe({ type: 'paint' });
}

/** Pre-rendered cards follow votes stored in another card or tab. */
function followStoredVotes() {
  addEventListener('storage', (event) => {
    if (event.key !== null && !event.key.startsWith('tool-compare:v1:votes:')) return;
    const page = document.querySelector(PAGE_SELECTOR);
    /** @type {[ParentNode, string][]} */
    const hosts = page ? [[page, pageCatalog()]] : [];
    for (const el of embeds.keys()) hosts.push([el.shadowRoot, catalogOf(el)]);
    for (const [root, catalog] of hosts) {
      if (event.key !== null && event.key !== votesKey(catalog)) continue;
      for (const card of root.querySelectorAll(PRERENDERED)) showStoredVote(card, catalog);
    }
  });
}

/** A message box made with CSSOM only (no style sheet needed, CSP-safe). */
function messageBox(text, role = 'status') {
  const box = document.createElement('div');
  box.setAttribute('role', role);
  box.textContent = text;
  box.style.cssText =
    'box-sizing:border-box;padding:1em;font:16px/1.5 system-ui,sans-serif;' +
    // System colours: readable in the page's light or dark scheme alike.
    'border:1px solid GrayText;border-radius:12px;color:CanvasText;background:Canvas';
  return box;
}

/**
 * The texts this script shows in `host`'s widget: from its card (whose
 * catalog's labels the build or the Wasm wrote there), else the bundled
 * catalog's.
 */
function messagesOf(host) {
  const card = (host.shadowRoot ?? host).querySelector('.tcw[data-tc-messages]');
  try {
    return { ...BUNDLE.messages, ...JSON.parse(card?.dataset.tcMessages ?? '{}') };
  } catch (error) {
    warn("the card's messages are unreadable; the bundled catalog's are used:", error);
    return BUNDLE.messages;
  }
}

/** Tells the reader the widget's code could not start, with "Try again". */
const startFailure = (host, error, retry) => {
  const said = messagesOf(host);
  return failureBox(said, said.start_failed.replace('{reason}', error?.message ?? error), retry);
};

/** An alert with a "Try again" button that calls `retry`. */
function failureBox(said, text, retry) {
  const box = messageBox(text, 'alert');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = said.try_again;
  button.style.marginLeft = '0.5em';
  button.addEventListener('click', () => {
    box.remove();
    retry();
  });
  box.append(button);
  return box;
}

// ---- Script embeds -------------------------------------------------------

/**
 * A script embed's state: `waiting` until its widget starts (a card or a
 * placeholder shows; also after a failure or a stop), `starting` while the
 * Wasm loads, `live` once `widget` runs.
 * @typedef {object} Embed
 * @property {'waiting' | 'starting' | 'live'} phase
 * @property {{ refresh(): void, unmount(): void } | null} widget
 * @property {() => void} cancel stops waiting for the reader
 */

/** @type {Map<HTMLElement, Embed>} */
const embeds = new Map();

const watched = new WeakSet();

/**
 * The current build's style sheet under the name that stays
 * (`embed.css`): the Share panel's script embed preloads it, since the
 * content-hashed name is not known before this script runs.
 */
const STABLE_STYLESHEET = asset('embed.css');

/**
 * The widget's style sheet in the shadow root, the current build's: the
 * content-hashed file, cached for good; or, where the page preloaded it
 * (so that it downloads beside this script, not after it), `embed.css`.
 */
function styleSheet(shadow) {
  const hashed = asset(BUNDLE.stylesheet);
  const href = preloaded('style', STABLE_STYLESHEET) ? STABLE_STYLESHEET : hashed;
  let link = shadow.querySelector('link[rel="stylesheet"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'stylesheet';
    shadow.prepend(link);
  }
  // A snippet pasted before the styles last changed links an older file.
  if (link.href !== href && link.href !== hashed) link.href = href;
  return link;
}

const sheetLoaded = (link) =>
  link.sheet
    ? Promise.resolve()
    : new Promise((resolve) => {
        link.addEventListener('load', resolve, { once: true });
        // Unstyled beats nothing: the card still reads top to bottom.
        link.addEventListener('error', resolve, { once: true });
      });

/** Holds the card's space until a card replaces it, so the page does not jump. */
function placeholder(el, text) {
  const shadow = el.shadowRoot;
  for (const child of [...shadow.children]) if (child.localName !== 'link') child.remove();
  const box = messageBox(text);
  box.style.minHeight = '36em';
  box.style.display = 'grid';
  box.style.placeItems = 'center';
  shadow.append(box);
  return box;
}

const themeOf = (el) => (['light', 'dark'].includes(el.dataset.theme?.trim()) ? el.dataset.theme.trim() : 'auto');

/** @type {Promise<string[]> | undefined} */
let listedPairs;

/**
 * The curated pairs whose card fragments the build wrote: listed here, or,
 * for a site with many, in a file fetched once, by the first script embed
 * that needs it (no other page does).
 */
function curatedPairs() {
  const cards = BUNDLE.cards;
  if (typeof cards !== 'string') return Promise.resolve(cards);
  const url = asset(cards);
  listedPairs ??= fetch(url)
    .then((response) => {
      if (response.ok) return response.json();
      throw new Error(`HTTP ${response.status}`);
    })
    .catch((error) => {
      warn(`the list of card fragments ${url} could not be read; the widget draws the card itself:`, error);
      return [];
    });
  return listedPairs;
}

/** The card fragment for the element's pair, if the build wrote one. */
async function fragmentFor(el) {
  const catalog = el.dataset.catalog?.trim();
  if (catalog && new URL(catalog, document.baseURI).href !== DEFAULT_CATALOG) return null;
  const [a, b] = [el.dataset.a?.trim(), el.dataset.b?.trim()];
  const pairs = await curatedPairs();
  // A curated pair's card is written in both orders, named as its page is
  // (the site builder's ui/pair_files.rs) inside cards/.
  return pairs.includes(`${a} ${b}`) || pairs.includes(`${b} ${a}`) ? asset(`cards/${a}-vs-${b}.html`) : null;
}

async function showFragment(el, url) {
  try {
    const response = await fetch(url);
    if (!response.ok) {
      warn(`the card fragment ${url} answered HTTP ${response.status}; the widget draws the card itself`);
      return false;
    }
    const html = await response.text();
    if (embeds.get(el)?.phase !== 'waiting') return false;
    const template = document.createElement('template');
    template.innerHTML = html;
    const card = /** @type {HTMLElement | null} */ (template.content.querySelector(PRERENDERED));
    if (!card) return false;
    card.dataset.theme = themeOf(el);
    showStoredVote(card, catalogOf(el));
    placeholder(el, '').replaceWith(card);
    return true;
  } catch (error) {
    warn(`the card fragment ${url} could not be shown; the widget draws the card itself:`, error);
    return false;
  }
}

function watch(el) {
  if (watched.has(el)) return;
  watched.add(el);
  const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  styleSheet(shadow);
  /** @type {Embed} */
  const state = { phase: 'waiting', widget: null, cancel: () => {} };
  embeds.set(el, state);
  const card = shadow.querySelector(PRERENDERED);
  if (card) {
    card.dataset.theme = themeOf(el);
    showStoredVote(card, catalogOf(el));
    waitForReader(el);
    return;
  }
  placeholder(el, messagesOf(el).loading);
  // The widget's code downloads once the card shows, not beside the
  // fragment: on a slow link the two would share it, and the card would
  // show later (+45 ms on the phone profile).
  fragmentFor(el)
    .then((fragment) => fragment !== null && embeds.get(el) === state && showFragment(el, fragment))
    .then((shown) => {
      if (embeds.get(el) !== state) return;
      if (shown) waitForReader(el);
      else startWhenNear(el);
    });
}

/** A pre-rendered card: the widget starts when the reader is likely to use it. */
function waitForReader(el) {
  recordUntilReady(el, catalogOf(el));
  embeds.get(el).cancel = startWhenWanted(el, () => mount(el), [prefetch, () => preloadData(el)]);
}

/** An embed's catalog and its card's tools' files, fetched while the Wasm downloads. */
function preloadData(el) {
  const catalog = catalogOf(el);
  preloadCatalog(catalog);
  preloadToolFiles(el.shadowRoot?.querySelector(PRERENDERED), catalog);
}

/** The catalog an embed shows: `data-catalog`, or the one beside embed.js. */
const catalogOf = (el) => (el.dataset.catalog?.trim() ? new URL(el.dataset.catalog.trim(), document.baseURI).href : DEFAULT_CATALOG);

/** No card yet: widgets far below the fold start when the reader scrolls near. */
function startWhenNear(el) {
  embeds.get(el).cancel = whenNear(el, () => mount(el));
}

async function mount(el) {
  const state = embeds.get(el);
  if (state?.phase !== 'waiting') return;
  state.phase = 'starting';
  // Fetched while the Wasm downloads, not after it has started.
  preloadData(el);
  try {
    const [bindings] = await Promise.all([loadRuntime(), sheetLoaded(styleSheet(el.shadowRoot))]);
    // Mounted in a task of its own, not the one that started the Wasm: two
    // shorter tasks, with a tap answered between them (as the page's start).
    await new Promise((resolve) => setTimeout(resolve));
    if (!el.isConnected || embeds.get(el) !== state) return;
    state.widget = bindings.mount_embed(el, DEFAULT_CATALOG);
    state.phase = 'live';
  } catch (error) {
    state.phase = 'waiting';
    if (error instanceof WebAssembly.RuntimeError) return crashed(el);
    const card = el.shadowRoot.querySelector(PRERENDERED);
    const box = startFailure(el, error, () => mount(el));
    // A pre-rendered card stays readable; the message goes above it.
    if (card) card.before(box);
    else placeholder(el, '').replaceWith(box);
  }
}

function forget(el) {
  watched.delete(el);
  const state = embeds.get(el);
  embeds.delete(el);
  state?.cancel();
  state?.widget?.unmount();
  el.shadowRoot?.replaceChildren();
}

/** The page changed an attribute of a widget's element. */
function changed(el, attribute) {
  const state = embeds.get(el);
  if (!state) return;
  if (state.phase === 'live') {
    if (attribute === 'data-catalog') {
      forget(el);
      el.shadowRoot.replaceChildren();
      watch(el);
    } else {
      state.widget.refresh();
    }
    return;
  }
  const card = el.shadowRoot.querySelector(PRERENDERED);
  if (card && attribute === 'data-theme') {
    card.dataset.theme = themeOf(el);
  } else if (card) {
    // The pre-rendered card shows another pair: the widget draws this one.
    const said = messagesOf(el);
    state.cancel();
    placeholder(el, said.loading);
    mount(el);
  }
}

/** The iframe embeds of the page. */
const frames = () => /** @type {NodeListOf<HTMLIFrameElement>} */ (document.querySelectorAll('iframe[data-tool-compare-frame]'));

/** @param {Node} node @returns {HTMLElement[]} the widget elements in and under `node` */
const within = (node) => {
  if (!(node instanceof Element)) return [];
  const inside = /** @type {NodeListOf<HTMLElement>} */ (node.querySelectorAll(SELECTOR));
  return [...(node.matches(SELECTOR) ? [/** @type {HTMLElement} */ (node)] : []), ...inside];
};


// ---- The standalone page -------------------------------------------------

/**
 * `index.html` and the pages of curated pairs hold a pre-rendered card.
 * When the address asks for what that card shows, the widget waits for
 * the reader like an embed; otherwise (another pair or catalog) the card
 * gives way to a placeholder and the widget starts at once. The Wasm's own
 * start function mounts the live widget there.
 */
function startPage(page) {
  const params = new URLSearchParams(location.search);
  // The iframe embed's look (the card alone, transparent) from the start,
  // not only once the Wasm runs, so the hand-over does not move it.
  if (params.get('embed') === '1' && window.parent !== window) document.documentElement.classList.add('tc-iframe-embed');
  let card = page.querySelector(PRERENDERED);
  const theme = params.get('theme');
  if (card && ['light', 'dark', 'auto'].includes(theme)) card.dataset.theme = theme;
  const [a, b] = [params.get('a'), params.get('b')];
  const asked = !params.get('catalog') && ((a === null && b === null) || (a === card?.dataset.a && b === card?.dataset.b));
  const catalog = pageCatalogSource();
  const catalogUrl = pageCatalog();
  // Another origin's catalog may be one the page refuses to show.
  const fetchEarly = () => {
    if (new URL(catalogUrl).origin !== location.origin) return;
    preloadCatalog(catalog);
    if (asked) preloadToolFiles(card, catalogUrl);
  };
  const start = () => {
    fetchEarly();
    return loadRuntime().then(() => (pageRunning = true), (error) => {
      const box = startFailure(page, error, start);
      card = page.querySelector(PRERENDERED);
      if (card) card.before(box);
      else page.replaceChildren(box);
    });
  };
  if (card && asked) {
    // Before the first paint where the page's script blocks it
    // (`blocking="render"`): a returning reader's vote shows in it.
    showStoredVote(card, catalogUrl);
    recordUntilReady(page, catalogUrl);
    startWhenWanted(page, start, [prefetch, fetchEarly]);
  } else {
    const loading = document.createElement('p');
    loading.className = 'tc-placeholder';
    loading.setAttribute('role', 'status');
    loading.textContent = messagesOf(page).loading;
    page.replaceChildren(loading);
    start();
  }
}

/** The catalog the standalone page shows: its address's `catalog`, else the one beside it. */
const pageCatalogSource = () => new URLSearchParams(location.search).get('catalog') || 'catalog.json';
const pageCatalog = () => new URL(pageCatalogSource(), document.baseURI).href;

/**
 * Fetches a catalog while the Wasm downloads; the widget's own request is
 * then answered from this preload (once per catalog and page).
 */
function preloadCatalog(url) {
  if (preloaded('fetch', new URL(url, document.baseURI).href)) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = url;
  document.head.append(link);
}

/** Whether the page has a `<link rel="preload">` of `href` (absolute) as `as`. */
function preloaded(as, href) {
  const links = /** @type {NodeListOf<HTMLLinkElement>} */ (document.querySelectorAll(`link[rel="preload"][as="${as}"]`));
  return [...links].some((link) => link.href === href);
}

/**
 * A split or sharded catalog's card names the files that hold its two
 * tools (`data-tc-files`, relative to the catalog): fetched while the Wasm
 * downloads too, instead of once it has read the catalog.
 * @param {Element | null | undefined} card
 * @param {string} catalogUrl
 */
function preloadToolFiles(card, catalogUrl) {
  const files = card?.getAttribute('data-tc-files');
  for (const file of files ? files.split(' ') : []) preloadCatalog(new URL(file, catalogUrl).href);
}

// ---- Start -------------------------------------------------------------

/**
 * What the crashed widget's host shows: the report, with "Try again"
 * starting every stopped widget on a fresh instance.
 */
function crashed(host) {
  const said = messagesOf(host);
  const state = embeds.get(host);
  if (state) {
    // Never called again: the page may still change its attributes.
    state.phase = 'waiting';
    state.widget = null;
    placeholder(host, '').replaceWith(failureBox(said, said.stopped, () => {
      placeholder(host, said.loading);
      mount(host);
    }));
  } else if (host.matches(PAGE_SELECTOR)) {
    pageRunning = false;
    host.replaceChildren(failureBox(said, said.stopped, () => startPage(host)));
  }
}

/** Every widget of the page ran in the instance that stopped. */
function stopAll() {
  runtime = undefined;
  for (const [el, state] of embeds) if (state.phase === 'live') crashed(el);
  const page = document.querySelector(PAGE_SELECTOR);
  if (page && pageRunning) crashed(page);
}

function main() {
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const el = /** @type {HTMLElement} */ (record.target);
        // An element that became a widget after load is mounted; one that
        // stopped being one is unmounted.
        if (record.attributeName === 'data-tool-compare') {
          if (el.matches(SELECTOR)) watch(el);
          else forget(el);
        } else if (el.matches(SELECTOR)) {
          changed(el, record.attributeName);
        }
        continue;
      }
      // A removed element unmounts and leaks nothing; a moved one stays.
      for (const node of record.removedNodes) for (const el of within(node)) if (!el.isConnected) forget(el);
      for (const node of record.addedNodes) for (const el of within(node)) watch(el);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED });

  for (const el of document.querySelectorAll(SELECTOR)) watch(el);
  const page = document.querySelector(PAGE_SELECTOR);
  if (page) startPage(page);
  // Nothing below is needed for a reader's first tap, which is answered
  // between these tasks rather than after them.
  inTurn(followStoredVotes, followFrameHeights);
}

function followFrameHeights() {
  // Iframe embeds post their height; each message resizes only the frame it
  // came from (matched by event.source, and by the origin of the frame's own
  // address, so a frame that navigated elsewhere cannot), never another
  // widget's frame.
  addEventListener('message', (event) => {
    const data = event.data;
    if (data?.type !== HEIGHT_MESSAGE || !Number.isFinite(data.height) || data.height < 0) return;
    for (const frame of frames()) {
      if (frame.contentWindow === event.source) {
        if (new URL(frame.src, document.baseURI).origin === event.origin) {
          frame.style.height = `${Math.ceil(Math.min(data.height, MAX_FRAME_HEIGHT))}px`;
        }
        break;
      }
    }
  });
  // Frames that posted their height before this script ran post it again.
  for (const frame of frames()) {
    frame.contentWindow?.postMessage({ type: HEIGHT_REQUEST }, '*');
  }
}

// The deployed embed.js is imported again after a deploy, for its file
// names only; and two copies on a page must not both mount every widget.
const STARTED = Symbol.for(`tool-compare:embed ${asset('./')}`);
if (!globalThis[STARTED]) {
  globalThis[STARTED] = true;
  main();
}
