// Load benchmark of the vote collector (not part of the tests): concurrent
// voters send vote changes on loopback, each voter one change at a time
// (as one reader's widget does), with a `kill -9` of the collector in the
// middle and a restart. Right after the restart, before any voter goes on,
// every pair that had no change in flight at the kill must hold exactly
// what was acknowledged before it. A change that got no answer is then
// sent again, as the widget does, and at the end every pair's tally must
// equal exactly what the sequence of changes gives: nothing acknowledged
// lost, nothing counted twice.
//
//   node bench/votes-load.mjs <collector binary> <empty database URL> <label> <results dir> [catalog]
//   (bench/votes-load.sh runs it for SQLite and a throwaway PostgreSQL)
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [binary, database, label, resultsDir, catalogArg] = process.argv.slice(2);
if (!resultsDir) throw new Error('usage: votes-load.mjs <collector binary> <database URL> <label> <results dir> [catalog]');
const CATALOG = catalogArg ?? resolve(fileURLToPath(new URL('../public/catalog.json', import.meta.url)));
const VOTERS = Number(process.env.LOAD_VOTERS ?? 64);
const CHANGES = Number(process.env.LOAD_CHANGES ?? 24_000);

const tools = JSON.parse(await readFile(CATALOG, 'utf8')).tools.map((tool) => tool.id);
const pairs = [];
for (let i = 0; i < tools.length; i++) for (let j = i + 1; j < tools.length; j++) pairs.push([tools[i], tools[j]]);

/** A small deterministic generator, so that every run sends the same changes. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function startCollector(port) {
  const child = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, '--database', database, '--catalog', CATALOG, '--rate-limit', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`the collector exited with ${code}`)));
  });
  const address = line.match(/http:\/\/([^/]+)\//)?.[1];
  if (!address) throw new Error(`no address in ${line}`);
  return { child, url: `http://${address}/` };
}

let collector = await startCollector(0);
const port = Number(new URL(collector.url).port);

// Each voter's changes: a pair and a choice (a, b, or a withdrawal).
const random = generator(42);
const plan = Array.from({ length: VOTERS }, () => []);
for (let n = 0; n < CHANGES; n++) {
  const [a, b] = pairs[Math.floor(random() * pairs.length)];
  const roll = random();
  plan[n % VOTERS].push({ a, b, choice: roll < 0.45 ? a : roll < 0.9 ? b : null });
}
const runId = `${Date.now().toString(36)}`;

const latencies = [];
/** Each voter's last acknowledged choice per pair, `voter|a|b` → choice. */
const ackedChoice = new Map();
/** The changes on their way, `voter|a|b`. */
const inFlight = new Set();
let checkedAfterKill = 0;
let lostAfterKill = 0;
let acknowledged = 0;
let unanswered = 0;
let killed = false;
let sentSoFar = 0;
const killAt = Math.floor(CHANGES / 2);
let restart;

async function send(voter, change) {
  const key = `${voter}|${change.a}|${change.b}`;
  for (;;) {
    if (killed) await restart;
    const started = performance.now();
    inFlight.add(key);
    try {
      const answer = await fetch(`${collector.url}v1/vote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...change, voter: `${runId}-${voter}` }),
      });
      await answer.text();
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
      latencies.push(performance.now() - started);
      acknowledged += 1;
      ackedChoice.set(key, change.choice);
      inFlight.delete(key);
      return;
    } catch {
      inFlight.delete(key);
      // No answer (the collector was killed): not acknowledged, so sent
      // again once it is back, as the widget does.
      unanswered += 1;
      await new Promise((ok) => setTimeout(ok, 20));
    }
  }
}

async function killAndRestart() {
  killed = true;
  pendingAtKill = new Set(inFlight);
  let done;
  restart = new Promise((ok) => (done = ok));
  await new Promise((ok) => {
    collector.child.once('exit', ok);
    collector.child.kill('SIGKILL');
  });
  collector = await startCollector(port);
  // Nothing is sent until the check is done: the database holds exactly
  // what was acknowledged, but for the pairs whose change was in flight.
  const uncertain = new Set([...pendingAtKill].map((key) => key.split('|').slice(1).join('|')));
  const want = tallies(ackedChoice);
  for (const [a, b] of pairs) {
    if (uncertain.has(`${a}|${b}`)) continue;
    const got = await counts(a, b);
    checkedAfterKill += 1;
    if (got[a] !== want.get(`${a}|${b}`)[a] || got[b] !== want.get(`${a}|${b}`)[b]) lostAfterKill += 1;
  }
  killed = false;
  done();
}

let pendingAtKill = new Set();

/** Tallies per pair from `voter|a|b` → choice. */
function tallies(choices) {
  const out = new Map(pairs.map(([a, b]) => [`${a}|${b}`, { [a]: 0, [b]: 0 }]));
  for (const [key, choice] of choices) {
    if (choice === null) continue;
    const [, a, b] = key.split('|');
    out.get(`${a}|${b}`)[choice] += 1;
  }
  return out;
}

async function counts(a, b) {
  return (await (await fetch(`${collector.url}v1/tally?a=${a}&b=${b}`)).json()).counts;
}

const started = performance.now();
let killing;
await Promise.all(
  plan.map(async (changes, voter) => {
    for (const change of changes) {
      await send(voter, change);
      sentSoFar += 1;
      if (sentSoFar === killAt) killing = killAndRestart();
    }
  }),
);
await killing;
const seconds = (performance.now() - started) / 1000;

// What the sequence gives: each voter's last change per pair.
const finalChoice = new Map();
plan.forEach((changes, voter) => {
  for (const { a, b, choice } of changes) finalChoice.set(`${voter}|${a}|${b}`, choice);
});
const expected = tallies(finalChoice);
let mismatches = 0;
for (const [a, b] of pairs) {
  const got = await counts(a, b);
  const want = expected.get(`${a}|${b}`);
  if (got[a] !== want[a] || got[b] !== want[b]) {
    mismatches += 1;
    console.error(`${label}: ${a} vs ${b}: collector ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
}
await new Promise((ok) => {
  collector.child.once('exit', ok);
  collector.child.kill('SIGTERM');
});

latencies.sort((x, y) => x - y);
const quantile = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
const result = {
  database: label,
  measured: new Date().toISOString().slice(0, 10),
  voters: VOTERS,
  changes: CHANGES,
  pairs: pairs.length,
  seconds: Number(seconds.toFixed(2)),
  changesPerSecond: Math.round(CHANGES / seconds),
  p50Ms: Number(quantile(0.5).toFixed(2)),
  p99Ms: Number(quantile(0.99).toFixed(2)),
  acknowledged,
  unansweredDuringKill: unanswered,
  pairsCheckedAfterKill: checkedAfterKill,
  pairsLostAfterKill: lostAfterKill,
  tallyMismatches: mismatches,
};
console.log(JSON.stringify(result));
await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, `votes-load-${label}.json`), `${JSON.stringify(result, null, 2)}\n`);
if (mismatches || lostAfterKill) process.exit(1);
