// Part of Trunk's post-build hook, release builds only, before
// shrink-glue.mjs: takes out of the Wasm and its JS the classes that
// wasm-bindgen exports for a dependency the widget never calls.
// Leptos 0.8 always builds server_fn with its `browser` feature, which
// brings wasm-streams; its three `#[wasm_bindgen]` classes are exports of
// the module, so neither the linker nor wasm-opt may drop them or the code
// they reach, although the widget has no server functions and streams
// nothing (1.2 KB of the Wasm and 0.3 KB of its JS, gzip; bench/README.md,
// "A smaller Wasm, and nothing fetched beside the first paint").
// Their exports go, wasm-opt (the build's, 132) then removes what only they
// reached, and the JS loses the classes and the imports the Wasm no longer
// asks for. The script fails the build where the JS or the Wasm is not as
// expected, and checks that every export the JS still uses is there.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXPORT, IMPORT, assemble, exportSection, exports, imports, sections, stagedWidget } from './wasm-sections.mjs';

/** wasm-streams' classes (`wasm_streams::readable`, `::writable`). */
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const WASM_OPT_VERSION = '132';

const fail = (why) => {
  throw new Error(`drop-unused-exports: ${why}`);
};

const staged = await stagedWidget('drop-unused-exports.mjs');
const { dir, jsName, wasm } = staged;
const wasmPath = join(dir, staged.wasmName);
let js = staged.js;

// A class's exports: its methods (`<class>_<method>`) and its destructor.
const prefixes = UNUSED_CLASSES.map((cls) => cls.toLowerCase());
const isUnused = (field) => prefixes.some((prefix) => field.startsWith(`${prefix}_`) || field === `__wbg_${prefix}_free`);

// --- The Wasm: the classes' exports out, then what only they reached.
const parts = sections(wasm);
const exported = exports(parts.find(({ id }) => id === EXPORT).body);
const kept = exported.filter(({ field }) => !isUnused(field));
const present = prefixes.filter((prefix) => exported.some(({ field }) => field === `__wbg_${prefix}_free`));
if (present.length === 0) {
  // A later Leptos without wasm-streams: this step has nothing left to do.
  console.log(`drop-unused-exports: the Wasm exports none of ${UNUSED_CLASSES.join(', ')}; nothing dropped`);
  process.exit(0);
}
if (present.length !== prefixes.length) fail(`the Wasm exports only ${present.join(', ')} of ${prefixes.join(', ')}`);
const withoutClasses = assemble(
  wasm,
  parts.map(({ id, body }) => ({ id, body: id === EXPORT ? exportSection(kept) : body })),
);
await writeFile(wasmPath, withoutClasses);
// Debian's wasm-opt 108 corrupts release builds (setup.sh installs 132).
const version = execFileSync('wasm-opt', ['--version'], { encoding: 'utf8' });
if (!version.includes(`version ${WASM_OPT_VERSION}`)) fail(`wasm-opt on PATH is "${version.trim()}", not version ${WASM_OPT_VERSION}`);
// The flags index.html gives Trunk's run, but one pass: the module is optimised already.
execFileSync('wasm-opt', ['-Oz', '--low-memory-unused', wasmPath, '-o', wasmPath]);
const optimised = await readFile(wasmPath);
const after = sections(optimised);
const stillImported = new Set(imports(after.find(({ id }) => id === IMPORT).body).map(({ field }) => field));
const stillExported = new Set(exports(after.find(({ id }) => id === EXPORT).body).map(({ field }) => field));

// --- The JS, as wasm-bindgen 0.2.130 writes it: each class, its
// finalization registry, and every import-object entry (`<name>:
// function(…) {`, closed by `},` at the same indent) the Wasm dropped.
for (const cls of UNUSED_CLASSES) {
  const classStart = js.indexOf(`export class ${cls} {`);
  const classEndLine = `if (Symbol.dispose) ${cls}.prototype[Symbol.dispose] = ${cls}.prototype.free;\n`;
  const classEnd = js.indexOf(classEndLine, classStart);
  if (classStart < 0 || classEnd < 0) fail(`the JS has no class ${cls} as wasm-bindgen 0.2.130 writes it`);
  js = js.slice(0, classStart) + js.slice(classEnd + classEndLine.length);
  const registry = new RegExp(`const ${cls}Finalization = [^;]*;\\n`);
  if (!registry.test(js)) fail(`the JS has no ${cls}Finalization`);
  js = js.replace(registry, '');
}
let dropped = 0;
js = js.replace(/\n {8}(\w+): function\([^)]*\) \{\n[\s\S]*?\n {8}\},/g, (entry, field) => {
  if (stillImported.has(field)) return entry;
  dropped++;
  return '';
});
for (const cls of UNUSED_CLASSES) if (js.includes(cls)) fail(`the JS still names ${cls}`);
const used = new Set([...js.matchAll(/\bwasm\.(\w+)/g)].map((match) => match[1]));
const missing = [...used].filter((field) => !stillExported.has(field));
if (missing.length) fail(`the JS uses exports the Wasm no longer has: ${missing.join(', ')}`);
await writeFile(join(dir, jsName), js);
console.log(
  `drop-unused-exports: ${exported.length - kept.length} exports of ${UNUSED_CLASSES.join(', ')} and ${dropped} imports dropped; ` +
    `Wasm ${wasm.length} → ${optimised.length} bytes`,
);
