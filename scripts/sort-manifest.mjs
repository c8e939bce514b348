#!/usr/bin/env node
// The analyzer lists modules in the order the file system enumerates them, which differs between
// checkouts. Sort them by path so the committed manifest is the same everywhere.
import { readFileSync, writeFileSync } from 'node:fs';

/** The manifest with its modules sorted by path. */
export function sortedManifest(text) {
  const manifest = JSON.parse(text);
  manifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'custom-elements.json';
  writeFileSync(file, sortedManifest(readFileSync(file, 'utf8')));
}
