// Part of Trunk's post-build hook, release builds only: makes the Wasm and
// its wasm-bindgen JS smaller without changing what either does.
// - Every name the two files share (the Wasm's imports from the JS, its
//   exports to the JS) becomes a short one. wasm-bindgen's names carry a
//   16-digit hash each, which no compressor can shorten, and each name
//   stands in both files (bench/README.md, "Size diet").
// - The custom sections (the producers' names, target features) go: no
//   browser reads them.
// - The JS is minified with esbuild, like embed.js.
// The names are renamed only where the glue uses them as wasm-bindgen
// writes it (import-object keys, `wasm.<export>`), and the script fails the
// build if any old name is left, so a future wasm-bindgen cannot break the
// widget silently. The two files are then named after a hash of what they
// hold (Trunk's hash is of what they held before this hook).
import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from '../tests/e2e/node_modules/esbuild/lib/main.js';
import { CUSTOM, EXPORT, IMPORT, assemble, exportSection, exports, importSection, imports, sections, stagedWidget } from './wasm-sections.mjs';

const { dir, wasmName, jsName, wasm, js } = await stagedWidget('shrink-glue.mjs');

// --- Short names: a, b, …, Z, aa, ab, … (only ever property keys, where
// even a keyword such as `do` is a valid name).
function shortName(index) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let text = '';
  do {
    text = letters[index % letters.length] + text;
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return text;
}

const all = sections(wasm);
const imported = imports(all.find((s) => s.id === IMPORT).body);
const exported = exports(all.find((s) => s.id === EXPORT).body);

// wasm-bindgen names the module its imports come from after its own output
// file (before Trunk hashed the name): the one module the Wasm imports from.
const modules = new Set(imported.map((entry) => entry.module));
if (modules.size !== 1) throw new Error(`shrink-glue: the Wasm imports from ${[...modules].join(', ')}, not one module`);
const [glueModule] = modules;
const MODULE = 'w';
const renamedImports = new Map();
for (const entry of imported) {
  if (entry.module === glueModule) renamedImports.set(entry.field, shortName(renamedImports.size));
}
// Names of up to 8 characters (`memory`, `main`) are short enough.
const renamedExports = new Map();
for (const { field } of exported) {
  if (field.length > 8) renamedExports.set(field, shortName(renamedExports.size));
}

// --- The JS: the import object's keys, its module key, `wasm.<export>`.
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const objectStart = js.indexOf('const import0 = {');
const objectEnd = js.indexOf(`"${glueModule}": import0`);
if (objectStart < 0 || objectEnd < 0) throw new Error('shrink-glue: the JS has no import object as wasm-bindgen 0.2.130 writes it');
let importObject = js.slice(objectStart, objectEnd);
for (const [old, short] of renamedImports) {
  const key = new RegExp(`(\\n\\s+)${escape(old)}(?=: )`, 'g');
  const found = importObject.match(key)?.length ?? 0;
  if (found !== 1) throw new Error(`shrink-glue: the import ${old} is a key ${found} times in the import object`);
  importObject = importObject.replace(key, `$1${short}`);
}
let glue = js.slice(0, objectStart) + importObject + `"${MODULE}": import0` + js.slice(objectEnd + `"${glueModule}": import0`.length);
for (const [old, short] of renamedExports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(old)}\\b`, 'g'), `wasm.${short}`);
}
for (const old of [...renamedImports.keys(), glueModule]) {
  if (glue.includes(old)) throw new Error(`shrink-glue: the JS still names the import ${old} after renaming`);
}
// An export's JS wrapper may share its name (`export function mount_embed`
// calls `wasm.mount_embed`); only a use of the Wasm's export must be gone.
for (const old of renamedExports.keys()) {
  if (new RegExp(`\\bwasm\\.${escape(old)}\\b|["'\`]${escape(old)}["'\`]`).test(glue)) {
    throw new Error(`shrink-glue: the JS still uses the export ${old} after renaming`);
  }
}
if (/\bwasm\[/.test(glue)) throw new Error('shrink-glue: the JS reads an export by a computed name');

// --- The Wasm: the two sections rewritten, every other byte as it was.
const importBody = importSection(
  imported.map((entry) => (entry.module === glueModule ? { ...entry, module: MODULE, field: renamedImports.get(entry.field) } : entry)),
);
const exportBody = exportSection(exported.map((entry) => ({ ...entry, field: renamedExports.get(entry.field) ?? entry.field })));
const rebuilt = assemble(
  wasm,
  all.filter(({ id }) => id !== CUSTOM).map(({ id, body }) => ({ id, body: id === IMPORT ? importBody : id === EXPORT ? exportBody : body })),
);

const { code } = await transform(glue, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });

// --- The names: Trunk hashed the files before this hook changed them, so
// a change of the hook alone would publish other bytes under the same
// names, which hosts let browsers cache for good (and an old JS with a new
// Wasm cannot start). The pair is named after what it now holds.
const hash = createHash('sha256').update(rebuilt).update(code).digest('hex').slice(0, 16);
const stem = wasmName.replace(/-[0-9a-f]{16}_bg\.wasm$/, '');
if (stem === wasmName) throw new Error(`shrink-glue: ${wasmName} is not named <name>-<16 hex digits>_bg.wasm`);
await writeFile(join(dir, `${stem}-${hash}_bg.wasm`), rebuilt);
await writeFile(join(dir, `${stem}-${hash}.js`), code);
for (const old of [wasmName, jsName]) if (!old.includes(hash)) await rm(join(dir, old));
console.log(
  `shrink-glue: ${renamedImports.size} imports and ${renamedExports.size} exports renamed; ` +
    `Wasm ${wasm.length} → ${rebuilt.length} bytes, JS ${js.length} → ${code.length} bytes; named ${stem}-${hash}`,
);
