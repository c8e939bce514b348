#!/usr/bin/env node
// Size budget (min + gzip) of what a page downloads. Fails when a budget is exceeded.
// Vite leaves ES library output unminified (the consumer's bundler minifies), so each file is
// minified with esbuild here before it is gzipped: that is what reaches a browser.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const minified = (file) => transformSync(readFileSync(file, 'utf8'), { minify: true, format: 'esm', target: 'es2022' }).code;
const gzBytes = (text) => gzipSync(text, { level: 9 }).length;
const gz = (file) => gzBytes(minified(file));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

if (!existsSync('dist/parley.iife.js')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const chunks = readdirSync('dist/chunks').filter((f) => f.endsWith('.js')).map((f) => join('dist/chunks', f));
const protocolChunks = chunks.filter((f) => /\/adapter-/.test(f));
// Parley's own code: every ESM file but the protocol chunks, minified and gzipped together.
const ownEsm = gzBytes(['dist/parley.js', ...chunks.filter((f) => !protocolChunks.includes(f))].map(minified).join('\n'));
const protocols = protocolChunks.map((f) => [f, gz(f)]);

// Budgets: the all-in-one file includes Lit (6 KiB), the virtualizer (9), DOMPurify (12), idb-keyval (1),
// ActionCable (3) and the Chatwoot protocol; the ESM build loads a protocol only when a page uses it.
const budgets = [
  ['IIFE, everything bundled (dist/parley.iife.js)', gz('dist/parley.iife.js'), 60 * 1024],
  ['ESM, Parley\'s own code without dependencies or protocols', ownEsm, 20 * 1024],
  ...protocols.map(([f, n]) => [`protocol chunk ${f}`, n, 12 * 1024]),
];

let failed = false;
for (const [name, size, budget] of budgets) {
  const ok = size <= budget;
  failed ||= !ok;
  console.log(`${ok ? '✓' : '✗'} ${name}: ${kib(size)} (budget ${kib(budget)})`);
}
if (failed) process.exit(1);
