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
// widget silently. Trunk's content hashes in the file names stay: they are
// still unique to the source.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from '../tests/e2e/node_modules/esbuild/lib/main.js';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('usage: shrink-glue.mjs <dir> (or set TRUNK_STAGING_DIR)');

const names = await readdir(dir);
const wasmName = names.find((name) => name.endsWith('_bg.wasm'));
const jsName = wasmName && names.find((name) => name === wasmName.replace(/_bg\.wasm$/, '.js'));
if (!wasmName || !jsName) throw new Error(`shrink-glue: no Wasm with its JS in ${dir}: ${names.join(', ')}`);

const wasm = await readFile(join(dir, wasmName));
const js = await readFile(join(dir, jsName), 'utf8');

// --- The Wasm binary: sections, and the import and export sections' entries.

/** A reader over `bytes` from `at`. */
function reader(bytes, at = 0) {
  return {
    get at() {
      return at;
    },
    byte() {
      return bytes[at++];
    },
    u32() {
      let value = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = bytes[at++];
        value += (byte & 0x7f) * 2 ** shift;
        if (!(byte & 0x80)) return value;
      }
    },
    name() {
      const length = this.u32();
      const text = Buffer.from(bytes.subarray(at, at + length)).toString('utf8');
      at += length;
      return text;
    },
    skip(count) {
      at += count;
    },
    limits() {
      const flags = this.byte();
      this.u32();
      if (flags & 1) this.u32();
    },
  };
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u32(bytes.length), bytes]);
};

/** The module's sections as `{ id, body }`, in order. */
function sections(module) {
  const read = reader(module, 8);
  const out = [];
  while (read.at < module.length) {
    const id = read.byte();
    const size = read.u32();
    out.push({ id, body: module.subarray(read.at, read.at + size) });
    read.skip(size);
  }
  return out;
}

const CUSTOM = 0;
const IMPORT = 2;
const EXPORT = 7;

/** Import entries as `{ module, field, desc }` (desc: its raw bytes). */
function imports(body) {
  const read = reader(body);
  const count = read.u32();
  const out = [];
  for (let i = 0; i < count; i++) {
    const module = read.name();
    const field = read.name();
    const from = read.at;
    const kind = read.byte();
    if (kind === 0) read.u32(); // function: type index
    else if (kind === 1) (read.byte(), read.limits()); // table: element type, limits
    else if (kind === 2) read.limits(); // memory
    else if (kind === 3) (read.byte(), read.byte()); // global: type, mutability
    else if (kind === 4) (read.byte(), read.u32()); // tag: attribute, type index
    else throw new Error(`shrink-glue: import ${module}.${field} of unknown kind ${kind}`);
    out.push({ module, field, desc: body.subarray(from, read.at) });
  }
  return out;
}

/** Export entries as `{ field, desc }`. */
function exports(body) {
  const read = reader(body);
  const count = read.u32();
  const out = [];
  for (let i = 0; i < count; i++) {
    const field = read.name();
    const from = read.at;
    read.byte();
    read.u32();
    out.push({ field, desc: body.subarray(from, read.at) });
  }
  return out;
}

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
const importSection = all.find((s) => s.id === IMPORT);
const exportSection = all.find((s) => s.id === EXPORT);
const imported = imports(importSection.body);
const exported = exports(exportSection.body);

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
const importBody = Buffer.concat([
  u32(imported.length),
  ...imported.map(({ module, field, desc }) =>
    module === glueModule ? Buffer.concat([name(MODULE), name(renamedImports.get(field)), desc]) : Buffer.concat([name(module), name(field), desc]),
  ),
]);
const exportBody = Buffer.concat([
  u32(exported.length),
  ...exported.map(({ field, desc }) => Buffer.concat([name(renamedExports.get(field) ?? field), desc])),
]);
const rebuilt = Buffer.concat([
  wasm.subarray(0, 8),
  ...all.filter(({ id }) => id !== CUSTOM).map(({ id, body }) => {
    const content = id === IMPORT ? importBody : id === EXPORT ? exportBody : body;
    return Buffer.concat([Buffer.from([id]), u32(content.length), content]);
  }),
]);

const { code } = await transform(glue, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
await writeFile(join(dir, wasmName), rebuilt);
await writeFile(join(dir, jsName), code);
console.log(
  `shrink-glue: ${renamedImports.size} imports and ${renamedExports.size} exports renamed; ` +
    `Wasm ${wasm.length} → ${rebuilt.length} bytes, JS ${js.length} → ${code.length} bytes`,
);
