// Reading and writing the parts of a Wasm binary that the release build's
// post-build steps change (scripts/drop-unused-exports.mjs,
// scripts/shrink-glue.mjs): its sections, and the entries of its import and
// export sections. Every other byte is kept as it was. Also where those
// steps find the Wasm and its JS.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The Wasm and its wasm-bindgen JS in the staging folder given to `script`
 * (its first argument, or Trunk's `TRUNK_STAGING_DIR`): their names and
 * contents.
 */
export async function stagedWidget(script) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error(`usage: ${script} <dir> (or set TRUNK_STAGING_DIR)`);
  const names = await readdir(dir);
  const wasmName = names.find((name) => name.endsWith('_bg.wasm'));
  const jsName = wasmName && names.find((name) => name === wasmName.replace(/_bg\.wasm$/, '.js'));
  if (!wasmName || !jsName) throw new Error(`${script}: no Wasm with its JS in ${dir}: ${names.join(', ')}`);
  const [wasm, js] = await Promise.all([readFile(join(dir, wasmName)), readFile(join(dir, jsName), 'utf8')]);
  return { dir, wasmName, jsName, wasm, js };
}

export const CUSTOM = 0;
export const IMPORT = 2;
export const EXPORT = 7;

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

/** `value` as an unsigned LEB128. */
export function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

/** A name as the binary stores it: its length, then its UTF-8 bytes. */
export const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u32(bytes.length), bytes]);
};

/** The module's sections as `{ id, body }`, in order. */
export function sections(module) {
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

/** Import entries as `{ module, field, desc }` (desc: its raw bytes). */
export function imports(body) {
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
    else throw new Error(`import ${module}.${field} of unknown kind ${kind}`);
    out.push({ module, field, desc: body.subarray(from, read.at) });
  }
  return out;
}

/** Export entries as `{ field, desc }`. */
export function exports(body) {
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

/** The body of an import section holding `entries`. */
export const importSection = (entries) =>
  Buffer.concat([u32(entries.length), ...entries.map(({ module, field, desc }) => Buffer.concat([name(module), name(field), desc]))]);

/** The body of an export section holding `entries`. */
export const exportSection = (entries) =>
  Buffer.concat([u32(entries.length), ...entries.map(({ field, desc }) => Buffer.concat([name(field), desc]))]);

/**
 * The module `original` (its first 8 bytes: magic and version) made of
 * `parts` (`{ id, body }`, in order).
 */
export const assemble = (original, parts) =>
  Buffer.concat([original.subarray(0, 8), ...parts.map(({ id, body }) => Buffer.concat([Buffer.from([id]), u32(body.length), body]))]);
