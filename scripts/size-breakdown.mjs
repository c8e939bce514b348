#!/usr/bin/env node
// Where a shipped bundle's gzipped bytes go, module by module, read from the build's sourcemaps.
//
//   node scripts/size-breakdown.mjs [entry] [--top N] [--all]
//
// `entry` (default dist/cdn/parley.js) is measured with the chunks it imports statically: what the
// browser fetches before the entry runs (as scripts/size.mjs counts it). `--all` measures every chunk
// in the entry's folder instead. Each generated character is attributed, through the chunk's `.map`,
// to the source module it came from (`(unmapped)` for glue the bundler wrote). A line with no mapping
// at all continues the last mapped segment before it: in minified output that is a multi-line template
// literal (Lit's `css` and `html`), which the bundler maps only at its start.
//
// Per module it prints: raw bytes in the shipped (minified) code; `gzip alone`, its bytes gzipped on
// their own (an upper bound: it shares no dictionary with its neighbours); and `saves`, how many
// gzipped bytes its chunk loses when the module's bytes are cut out of it (the marginal cost, what a
// split would actually save; these do not add up to the total, as gzip shares repeats across modules).
// Then the same per npm package (and `parley` for src/).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--top'));
const ENTRY = positional[0] ?? 'dist/cdn/parley.js';
const TOP = Number(option('--top', 30));
if (!existsSync(ENTRY)) {
  console.error(`${ENTRY} is missing: run \`npm run build\` first.`);
  process.exit(1);
}

const gz = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(2)} KiB`;

/** The entry plus every chunk it imports statically, read through esbuild's metafile. */
function staticClosure(entry) {
  const { metafile } = buildSync({ entryPoints: [entry], bundle: true, splitting: true, format: 'esm', write: false, metafile: true, outdir: 'dist/.breakdown', logLevel: 'silent' });
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.inputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(relative(process.cwd(), resolve(entry)));
  return [...seen];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** The fields of one source-map segment (base64 VLQ, relative values as written). */
function decodeSegment(segment) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64_VALUE.get(c);
    if (digit === undefined) throw new Error(`bad VLQ character ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) { shift += 5; continue; }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

/**
 * The chunk's code cut into pieces per source module: Map(module -> string of its generated code).
 * A segment's code runs from its column to the next segment's on the same line.
 */
function piecesBySource(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const root = dirname(file);
  const names = map.sources.map((s) => relative(process.cwd(), resolve(root, map.sourceRoot ?? '', s)));
  const lines = code.split('\n');
  const pieces = new Map();
  const add = (name, text) => { if (text) pieces.set(name, (pieces.get(name) ?? '') + text); };
  let source = 0;
  let owner = '(unmapped)';
  map.mappings.split(';').forEach((lineMappings, lineNo) => {
    const line = lines[lineNo] ?? '';
    let column = 0;
    let start = 0;
    for (const segment of lineMappings ? lineMappings.split(',') : []) {
      const fields = decodeSegment(segment);
      column += fields[0];
      add(owner, line.slice(start, column));
      start = column;
      if (fields.length >= 4) { source += fields[1]; owner = names[source]; } else owner = '(unmapped)';
    }
    add(owner, line.slice(start) + (lineNo < lines.length - 1 ? '\n' : ''));
  });
  return { code, pieces };
}

/** `node_modules/<package>` (scoped too), or `parley` for this repository's own code. */
function packageOf(module) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  return m ? m[1] : module.startsWith('src/') ? 'parley' : module;
}

const files = flag('--all')
  ? readdirSync(dirname(ENTRY)).filter((f) => f.endsWith('.js')).map((f) => join(dirname(ENTRY), f))
  : staticClosure(ENTRY);

const modules = new Map(); // module -> {raw, alone, saves, chunks}
let totalGz = 0;
let totalRaw = 0;
for (const file of files) {
  const { code, pieces } = piecesBySource(file);
  const whole = gz(code);
  totalGz += whole;
  totalRaw += Buffer.byteLength(code);
  for (const [module, text] of pieces) {
    const row = modules.get(module) ?? { raw: 0, alone: 0, saves: 0, chunks: [] };
    row.raw += Buffer.byteLength(text);
    row.alone += gz(text);
    // The chunk without this module: every other module's pieces, in order within each (close enough
    // to the chunk's own order for gzip, which only sees repeats within its 32 KiB window).
    const rest = [...pieces].filter(([m]) => m !== module).map(([, t]) => t).join('');
    row.saves += whole - gz(rest);
    row.chunks.push(relative(dirname(ENTRY), file));
    modules.set(module, row);
  }
}

const table = (rows, label) => {
  console.log(`\n${label.padEnd(70)} ${'raw'.padStart(10)} ${'gzip alone'.padStart(11)} ${'saves'.padStart(10)}`);
  for (const [name, r] of rows) console.log(`${name.slice(-70).padEnd(70)} ${kib(r.raw).padStart(10)} ${kib(r.alone).padStart(11)} ${kib(r.saves).padStart(10)}`);
};

console.log(`${ENTRY}${flag('--all') ? ' and every chunk beside it' : ' with its static imports'}: ${files.length} files, ${kib(totalRaw)} raw, ${kib(totalGz)} gzipped (each file on its own, level 9)`);
console.log(files.map((f) => `  ${relative(dirname(ENTRY), f)}`).join('\n'));
const byModule = [...modules].sort((a, b) => b[1].saves - a[1].saves);
table(byModule.slice(0, TOP), `top ${Math.min(TOP, byModule.length)} of ${byModule.length} modules, by what cutting them saves`);

const packages = new Map();
for (const [module, r] of modules) {
  const p = packages.get(packageOf(module)) ?? { raw: 0, alone: 0, saves: 0 };
  p.raw += r.raw; p.alone += r.alone; p.saves += r.saves;
  packages.set(packageOf(module), p);
}
table([...packages].sort((a, b) => b[1].saves - a[1].saves), 'per package (sums of its modules)');
