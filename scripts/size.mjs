#!/usr/bin/env node
// Size budgets of what a page downloads. Fails when a budget is exceeded.
//
// The builds a browser loads (the IIFE, the loader and dist/cdn/*) are measured exactly as the build
// writes them: each file gzipped on its own (level 9, as a static host pre-compresses it), and the files
// a page fetches summed, because each is a request of its own. Nothing is re-minified here.
//
// The ESM library build for bundlers (dist/parley.js, dist/chunks/*) is left unminified on purpose (the
// consumer's bundler minifies and tree-shakes it), so it alone is measured min + gzip: each file minified
// with esbuild, then gzipped.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { buildSync, transformSync } from 'esbuild';

const KIB = 1024;
const kib = (n) => `${(n / KIB).toFixed(1)} KiB`;
const gzBytes = (data) => gzipSync(data, { level: 9 }).length;
/** Gzipped bytes of files as shipped, one request each. */
const shipped = (files) => [...new Set(files)].reduce((sum, f) => sum + gzBytes(readFileSync(f)), 0);
/** Min + gzip bytes of unminified ESM (the library build only). */
const minGz = (...files) => gzBytes(files.map((f) => transformSync(readFileSync(f, 'utf8'), { minify: true, format: 'esm', target: 'es2022' }).code).join('\n'));
const js = (dir) => readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => join(dir, f));

const LOADER = 'dist/parley.loader.js';
const CDN_ENTRY = 'dist/cdn/parley.js';
const IIFE = 'dist/parley.iife.js';
for (const f of [IIFE, LOADER, CDN_ENTRY]) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

/** The CDN build's module graph, read by esbuild: file -> its static and its dynamic imports. */
const graph = (() => {
  const { metafile } = buildSync({ entryPoints: [CDN_ENTRY], bundle: true, splitting: true, format: 'esm', write: false, metafile: true, outdir: 'dist/.size', logLevel: 'silent' });
  return new Map(Object.entries(metafile.inputs).map(([file, { imports }]) => [file, {
    statics: imports.filter((i) => i.kind === 'import-statement').map((i) => i.path),
    dynamics: imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
  }]));
})();
/** A chunk plus every chunk it imports statically (what the browser fetches before running it). */
function withImports(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  return [file, ...(graph.get(file)?.statics ?? []).flatMap((d) => withImports(d, seen))];
}

const cdnChunks = js('dist/cdn');
// The name up to the 8-character hash (which may itself start with `-`: protocol-virola--xN1JDnC.js).
const protocolOf = (f) => /protocol-([a-z0-9-]+?)-[\w-]{8}\.js$/.exec(f)?.[1];
const protocols = cdnChunks.filter(protocolOf);
/**
 * Lazy chunks a protocol loads by default: the socket.io client its server runs (Spaces: socket.io 2,
 * as Avaya documents; IMKIT: socket.io 4), and the sanitizer (DOMPurify, src/lit/purifier.ts) where
 * every message is HTML (Spaces). Virola and Comapi load the sanitizer and the Markdown renderer only
 * when an HTML or Markdown message arrives; so does Chatwoot (Markdown, but a message without any
 * Markdown in it shows as plain text, loading nothing); IMKIT sends plain text only.
 */
const defaultLazy = { spaces: [/\/socketio2-/, /\/purifier-/], imkit: [/\/socketio4-/] };
const lazyOf = (name) => cdnChunks.filter((f) => defaultLazy[name]?.some((re) => re.test(f))).flatMap((f) => withImports(f));
/** The widget without a protocol, as the loader brings it: loader, CDN entry and its static imports. */
const widget = [LOADER, ...withImports(CDN_ENTRY)];
/**
 * What `<parley-chat mode="launcher">` downloads before its button shows: the loader alone, which draws
 * a placeholder launcher and imports the CDN entry on intent or idle (test/build/launcher-first.test.ts
 * checks in a browser that nothing else is fetched first).
 */
const launcherFirst = [LOADER];
const backendTotal = (f) => [...widget, ...withImports(f), ...lazyOf(protocolOf(f))];

/**
 * Budget (KiB) of each backend's total, just above what it measures as shipped (issue 11: CDN build
 * minified, the launcher-first loader's placeholder +1.5 KiB): chatwoot 83.4, comapi 84.1, imkit 94.4,
 * spaces 101.5, virola 79.0; then +0.6 KiB for the per-frame store, the incremental thread rows and the
 * early layout import (chatwoot 84.1, comapi 84.8, imkit 95.0, spaces 102.1, virola 79.7). IMKIT and Spaces carry a socket.io client (4: 12.9 KiB; 2, a CommonJS build that cannot
 * be tree-shaken: 18.4 KiB); the others talk plain WebSocket or ActionCable. A backend not listed here
 * fails the run until it is given a budget.
 */
//
// Then the sanitizer and the Markdown renderer on demand (chunks of their own, loaded with the first HTML
// or Markdown body; counted for Spaces, whose messages are all HTML), the entry without the small shared
// chunks it fetched first, and Lit `css` templates minified (build-css.ts): the CDN entry 64.3 -> 49.6 KiB;
// chatwoot 69.7, comapi 70.4, imkit 80.6, spaces 99.1 (its 11.7 KiB sanitizer now counted as its own), virola 65.3.
// Then issue 10's features: rich messages (+0.6), the header's presence and parts placed in any order (+0.5),
// edit and delete of my own messages (+1.0; the menu and editor load on first use), the emoji button (+0.1),
// the message catalogs (+2.3: the mechanism, English built in, the keys at each string, the parts the chat
// forwards; the other languages are lazy chunks of their own, listed below).
// Measured: chatwoot 76.2, comapi 76.9, imkit 87.1, spaces 105.7, virola 71.8; with attachments (the attach
// button, drop and paste, the outbox's files; the chips and the XHR upload load on first use) +2.7:
// chatwoot 78.9, comapi 79.6, imkit 89.8, spaces 108.0, virola 74.5; with New conversation and the pre-chat
// controller (its form loads on demand) +1.6: chatwoot 80.5, comapi 81.3, imkit 91.5, spaces 109.6, virola 76.1.
// Forwarding the new controls' parts (parley-chat::part(emoji-button) and the rest): +0.2, comapi 81.5.
// The thread's and the list's own virtual list (src/elements/shared/virtual-list.ts, 2 KiB) instead of
// @lit-labs/virtualizer (6.1 KiB in the entry + its 3.2 KiB layout chunk): -6.3 each, chatwoot 74.5,
// comapi 75.2, imkit 85.4, spaces 103.5, virola 70.0. The options schemas without their documentation
// (build-option-docs.ts): -1.5 each, chatwoot 72.9, comapi 73.7, imkit 83.9, spaces 102.0, virola 68.5.
const BACKEND_BUDGETS = { chatwoot: 73.5, comapi: 74.5, imkit: 84.5, spaces: 102.5, virola: 70 };

const esmChunks = js('dist/chunks');
const esmProtocol = protocolOf;
/** A message catalog besides English (src/i18n/catalogs/): a chunk a page loads only for its locale, one at most. */
const catalogOf = (f) => /\/catalog-([a-z-]+)-/.exec(f)?.[1];

/** [label, bytes, budget KiB or null (printed only), goal KiB of issue 11 or null]. */
const rows = [
  // (a) Launcher first: 1.7 KiB measured, the loader with its placeholder launcher (before it, the whole UI
  // loaded first: 63.6 KiB). Budget just above it; the goal is 8 KiB.
  ['launcher-first: before <parley-chat mode="launcher"> shows its button', shipped(launcherFirst), 2, 8],
  // (b) Each backend as a page loads it through the loader: the widget (above) plus the protocol chunk, its
  // imports and what it loads by default. Budgets per backend in BACKEND_BUDGETS; the goal is 40 KiB each.
  ...protocols.map((f) => [`backend ${protocolOf(f)}, all it downloads via the loader`, shipped(backendTotal(f)), BACKEND_BUDGETS[protocolOf(f)], 40]),
  // (c) The all-in-one classic script: every element and all five protocols, with Lit,
  // DOMPurify, idb-keyval, ActionCable and both socket.io clients (an IIFE cannot split). 141.4 KiB measured
  // as shipped (re-minified by esbuild it read 144.3; <parley-invitations>, missing before, added 0.9).
  // Budget just above; the goal is 75 KiB.
  // 142.0 with the per-frame store and incremental rows. 142.5 with the lazy sanitizer (its wrappers and
  // Lit's `until`, +1.0; an IIFE inlines what it imports lazily) and minified css (-0.7). Budget 143: room for the IIFE's own entry (issue 10).
  // With issue 10's features (rich messages, presence, edit and delete, emoji) and the message catalogs (+6 for
  // the five other languages, which an IIFE cannot leave in chunks of their own).
  // Without @lit-labs/virtualizer: 162.5; the options schemas without their documentation: 161.0.
  ['IIFE, all-in-one (dist/parley.iife.js)', shipped([IIFE]), 162.5, 75], // 159.5; 164.8 with attachments; 168.3 with new conversations and the pre-chat form
  // Breakdown, printed only.
  ['  loader (dist/parley.loader.js)', shipped([LOADER]), null, null],
  ['  CDN entry with its static imports', shipped(withImports(CDN_ENTRY)), null, null],
  ...protocols.map((f) => [`  protocol ${protocolOf(f)}: its chunk, imports, default lazy loads`, shipped([...withImports(f), ...lazyOf(protocolOf(f))].filter((x) => !widget.includes(x))), null, null]),
  // A page whose `locale` is not English loads one catalog more (1.4-1.7 KiB each as shipped).
  ...cdnChunks.filter(catalogOf).map((f) => [`  catalog ${catalogOf(f)} (lazy, for its locale)`, shipped([f]), 3, null]), // 2.0-2.4 (Arabic: six plural forms)
  // The library build for bundlers (min + gzip, see the top). Parley's own code, dependencies external.
  // 46 KiB (issue 12): the shared protocol runtime and transports moved out of the five protocols into core.
  // 47.5 KiB (issue 11): <parley-invitations>, dropped before by the `sideEffects` list, is in (46.0 -> 46.7); the
  // per-frame store and the incremental thread rows: 47.1; 48 with mount's clearer errors (issue 10): 47.5. The lazy sanitizer and minified css: 47.3.
  // Then issue 10's features (rich messages, presence, parts in any order, edit and delete with their lazy
  // chunk, the emoji picker's chunk) and the message catalogs (the mechanism and English; the other catalogs are
  // lazy chunks, measured on their own below). The own virtual list that replaced a dependency: +2.1, 65.0.
  ["ESM (min + gzip), Parley's own code without dependencies, protocols or lazy catalogs", minGz('dist/parley.js', ...esmChunks.filter((f) => !esmProtocol(f) && !catalogOf(f))), 65.5, null], // 57.0; 60.3 with attachments; 62.8 with new conversations and the pre-chat form
  ...esmChunks.filter(esmProtocol).map((f) => [`  + protocol ${esmProtocol(f)} (ESM, min + gzip, dependencies external)`, minGz(f), 13, null]),
  ...esmChunks.filter(catalogOf).map((f) => [`  + catalog ${catalogOf(f)} (ESM, min + gzip, lazy)`, minGz(f), 3, null]),
];

let failed = false;
for (const [name, size, budgetKiB, goalKiB] of rows) {
  const ok = budgetKiB === null || (budgetKiB !== undefined && size <= budgetKiB * KIB);
  failed ||= !ok;
  const limits = [budgetKiB === undefined ? 'no budget set' : budgetKiB !== null && `budget ${budgetKiB} KiB`, goalKiB !== null && `goal ${goalKiB} KiB`].filter(Boolean).join(', ');
  console.log(`${budgetKiB === null ? ' ' : ok ? '✓' : '✗'} ${name}: ${kib(size)}${limits ? ` (${limits})` : ''}`);
}
if (failed) process.exit(1);
