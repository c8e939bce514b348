#!/usr/bin/env node
// Size budget (min + gzip) of what a page downloads. Fails when a budget is exceeded.
// Vite leaves ES library output unminified (the consumer's bundler minifies), so each file is
// minified with esbuild here before it is gzipped: that is what reaches a browser.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const minified = (file) => transformSync(readFileSync(file, 'utf8'), { minify: true, format: 'esm', target: 'es2022' }).code;
const gzBytes = (text) => gzipSync(text, { level: 9 }).length;
const gz = (...files) => gzBytes(files.map(minified).join('\n'));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const js = (dir) => readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => join(dir, f));

for (const f of ['dist/parley.iife.js', 'dist/parley.loader.js', 'dist/cdn/parley.js']) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

/** A chunk plus the chunks it imports statically (what the browser fetches with it). */
function withImports(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  const deps = [...code.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[^'"]*?from\s*)?["'](\.\/[^"']+\.js)["']/gm)].map((m) => join(file, '..', m[1]));
  return [file, ...deps.flatMap((d) => withImports(d, seen))];
}

const protocol = (f) => /protocol-([a-z0-9-]+)-/.exec(f)?.[1];
/** Chunks a protocol imports lazily but loads by default: Spaces' socket.io-client 2 (Avaya runs socket.io 2). */
const defaultLazy = { spaces: /\/socketio2-/ };
const lazyOf = (chunks, name) => chunks.filter((f) => defaultLazy[name]?.test(f)).flatMap((f) => withImports(f));
const esmChunks = js('dist/chunks');
const cdnChunks = js('dist/cdn');
const budgets = [
  // The all-in-one classic script: every element and all five protocols, with Lit, the virtualizer,
  // DOMPurify, idb-keyval, ActionCable and socket.io-client (an IIFE cannot split).
  // 148 KiB (session 5): honest connection states, launcher focus, the narrow layout and the keyboard
  // list (+3.6 KiB), send retries on 429/503 and 401 handling, the per-user outbox, the store view with
  // held updates and receipts (+1.5 KiB): 139.9 -> 143.7, plus room for the hostile-input fixes.
  // 112 KiB: the five reconnect catch-ups the fault storm demanded (no gap, outage edits and deletes) added 2.3 KiB.
  // 140 KiB: issue 9's reliability work (central redaction of every error, plain send-failure text,
  // the cache-gap and storage-deadline fixes with the storage notice, validated wire values in every
  // codec, the virtualized, incremental conversation list with its persistent maps): +4.3 KiB.
  // 136 KiB: the above, plus the linear-time Markdown renderer, message limits and per-message error
  // confinement (0.5 KiB) and the protocols' real-backend work (JWT sessions, the Comapi SDK path,
  // Virola's cookie check, IMKIT's order-proof catch-up: about 4 KiB). Issue 11 is to cut this to 75.
  // 130 KiB: Spaces runs socket.io 2, which only socket.io-client 2 can talk to; the IIFE now carries it
  // beside socket.io-client 4 (IMKIT, Spaces on a v3/v4 server). Measured: 17.8 KiB (115.7 → 133.5 KiB
  // with the same tree, socket.io-client-v2 stubbed out vs. bundled); a CommonJS build that cannot be tree-shaken.
  ['IIFE, all-in-one (dist/parley.iife.js)', gz('dist/parley.iife.js'), 148],
  // The loader path: what a page fetches before any protocol (the virtualizer's layout comes lazily too).
  // 57 KiB: issue 9's reliability work (see the IIFE) added 4.0 KiB, from 51.2 to 55.2.
  // 64 KiB: session 5's work (see the IIFE): 56.1 -> 60.9.
  // 66 KiB (issue 12): <parley-chat> takes every built-in protocol's options as attributes, so the
  // five option schemas (data only, option-specs.ts) load up front: 62.3 -> 65.4.
  ['loader + CDN build, before the protocol', gz('dist/parley.loader.js', ...withImports('dist/cdn/parley.js'), ...cdnChunks.filter((f) => /\/flow-/.test(f))), 66],
  // 37 KiB per protocol (issue 12): the runtime, transports and wire readers a protocol shares now sit in
  // chunks of their own, counted with each protocol (before, part of them came with the page's bundle).
  ...cdnChunks.filter(protocol).map((f) => [`  + protocol ${protocol(f)} with what it imports and loads by default (CDN)`,
    gz(...new Set([...withImports(f), ...lazyOf(cdnChunks, protocol(f))].filter((x) => x !== 'dist/cdn/parley.js'))), 37]),
  // For bundlers: Parley's own code, dependencies external (core, store, cache and outbox, five elements,
  // invitations, the sanitizer glue and a 1.5 KiB linear-time Markdown renderer). 25 KiB: message limits with
  // "Show more", per-message error confinement and name cleaning added 0.5 KiB. 30 KiB: issue 9's
  // reliability work (see the IIFE) added 4.5 KiB, from 24.5 to 29.0. 37 KiB: session 5 (see the
  // IIFE): 29.9 -> 34.4. 46 KiB (issue 12): the shared protocol runtime and transports moved out of the
  // five protocols into core (protocols 53.7 -> 44.0, this 36.1 -> 45.2; the two together 89.8 -> 89.2).
  ["ESM, Parley's own code without dependencies or protocols", gz('dist/parley.js', ...esmChunks.filter((f) => !protocol(f))), 46],
  ...esmChunks.filter(protocol).map((f) => [`  + protocol ${protocol(f)} (ESM, dependencies external)`, gz(f), 13]),
];

let failed = false;
for (const [name, size, budgetKiB] of budgets) {
  const ok = size <= budgetKiB * 1024;
  failed ||= !ok;
  console.log(`${ok ? '✓' : '✗'} ${name}: ${kib(size)} (budget ${budgetKiB} KiB)`);
}
if (failed) process.exit(1);
