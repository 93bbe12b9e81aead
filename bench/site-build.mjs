// The site builder's figures (issue 25): catalog edit to rebuilt site with
// `tool-compare build` (median of runs, each after an edit of the catalog),
// with and without the compressed copies, at the seed's size and at 10,000
// tools; the sizes of the program and of each package; and what a reader
// downloads (the widget's files) with brotli beside gzip. With
// `--before <command>` it also times the build of the project before the
// site builder (a Trunk release build whose hook pre-rendered the pages) in
// the same run, after the same edit.
// Usage: node bench/site-build.mjs <tool-compare> <catalogs dir> <results dir> [--before '<command>' <catalog it reads>]
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [program, catalogs, results, beforeFlag, beforeCommand, beforeCatalog] = process.argv.slice(2);
if (!program || !catalogs || !results || (beforeFlag && (beforeFlag !== '--before' || !beforeCatalog))) {
  throw new Error("usage: site-build.mjs <tool-compare> <catalogs dir> <results dir> [--before '<command>' <catalog>]");
}
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Changes one tool's tagline, as a site owner's edit does. */
async function edit(catalog, run) {
  const text = await readFile(catalog, 'utf8');
  const edited = text.replace(/("tagline": ?")(?:edit \d+: )?/, `$1edit ${run}: `);
  if (edited === text) throw new Error(`${catalog}: no tagline to edit`);
  await writeFile(catalog, edited);
}

function timed(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const done = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (done.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${done.stderr}`);
  return ms;
}

async function editToSite(catalog, edited, extra) {
  const out = join(await mkdtemp(join(tmpdir(), 'tool-compare-bench-')), 'site');
  const first = timed(program, ['build', catalog, '--out', out, ...extra]); // into an empty folder
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    await edit(edited, run);
    times.push(timed(program, ['build', catalog, '--out', out, ...extra]));
  }
  const files = await countFiles(out);
  return { first_ms: Math.round(first), median_ms: Math.round(median(times)), runs_ms: times.map(Math.round), files: files.count, bytes: files.bytes };
}

async function countFiles(dir) {
  let count = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    count++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { count, bytes };
}

const report = { measured: new Date().toISOString(), runs: RUNS, edit_to_site: {}, sizes: {}, reader: {} };
// A split catalog's edit is in a tool's own file.
for (const [name, file, edited = file] of [
  ['seed (8 tools)', 'seed.json'],
  ['10,000 tools', 'cat10000.json'],
  ['10,000 tools, split', 'split10000/catalog.json', 'split10000/tools/tool-00000.json'],
]) {
  const catalog = join(catalogs, file);
  report.edit_to_site[name] = {
    precompressed: await editToSite(catalog, join(catalogs, edited), []),
    no_precompress: await editToSite(catalog, join(catalogs, edited), ['--no-precompress']),
  };
  console.log(name, JSON.stringify(report.edit_to_site[name]));
}
if (beforeFlag) {
  const times = [];
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    await edit(beforeCatalog, run);
    times.push(timed('bash', ['-c', beforeCommand]));
  }
  report.edit_to_site['seed, before the site builder (trunk build --release)'] = { median_ms: Math.round(median(times)), runs_ms: times.map(Math.round) };
  console.log('before', JSON.stringify(times));
}

const root = new URL('..', import.meta.url).pathname;
report.sizes.program = (await stat(program)).size;
for (const name of await readdir(join(root, 'target/package'))) report.sizes[name] = (await stat(join(root, 'target/package', name))).size;
const dist = join(root, 'dist');
const names = await readdir(dist);
const widgetFiles = names.filter((name) => /^(tool-compare-widget-.*(\.js|_bg\.wasm)|embed\.js|widget-.*\.css)$/.test(name));
for (const name of widgetFiles) {
  const kind = name.endsWith('.wasm') ? 'wasm' : name === 'embed.js' ? 'embed.js' : name.endsWith('.css') ? 'widget.css' : 'wasm js';
  report.reader[kind] = {
    raw: (await stat(join(dist, name))).size,
    gzip: (await stat(join(dist, `${name}.gz`))).size,
    brotli: (await stat(join(dist, `${name}.br`))).size,
  };
}
report.reader.total = ['raw', 'gzip', 'brotli'].reduce(
  (sum, key) => ({ ...sum, [key]: Object.values(report.reader).reduce((s, file) => s + file[key], 0) }),
  {},
);

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
let md = `Measured ${report.measured.slice(0, 10)}; medians of ${RUNS} builds into the folder of the previous one, each after an edit of one tool's tagline (in its own file for the split catalog); first build: into an empty folder.\n\n`;
md += '| catalog | edit to rebuilt site | first build | files (bytes) | --no-precompress: edit | first build | files (bytes) |\n|---|---|---|---|---|---|---|\n';
for (const [name, figures] of Object.entries(report.edit_to_site)) {
  if (!figures.precompressed) {
    md += `| ${name} | ${figures.median_ms} ms | | | | | |\n`;
    continue;
  }
  const { precompressed: p, no_precompress: n } = figures;
  md += `| ${name} | ${p.median_ms} ms | ${p.first_ms} ms | ${p.files} (${kb(p.bytes)}) | ${n.median_ms} ms | ${n.first_ms} ms | ${n.files} (${kb(n.bytes)}) |\n`;
}
md += '\n| file | bytes |\n|---|---|\n';
for (const [name, bytes] of Object.entries(report.sizes)) md += `| ${name === 'program' ? 'tool-compare (the program)' : name} | ${kb(bytes)} |\n`;
md += '\n| what a reader downloads | raw | gzip -9 | brotli 11 |\n|---|---|---|---|\n';
for (const [name, file] of Object.entries(report.reader)) md += `| ${name} | ${kb(file.raw)} | ${kb(file.gzip)} | ${kb(file.brotli)} |\n`;
await writeFile(join(results, 'site-build.json'), JSON.stringify(report, null, 2) + '\n');
await writeFile(join(results, 'site-build.md'), md);
console.log(md);
