#!/usr/bin/env node
// Fails when custom-elements.json is not what `npm run analyze` makes from src/ now.
// It regenerates the file in place (the analyzer's --outdir would also rewrite package.json)
// and puts the original back when they differ, so a stale manifest is reported, not silently fixed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sortedManifest } from './sort-manifest.mjs';

const file = 'custom-elements.json';
let committed = '';
try { committed = readFileSync(file, 'utf8'); } catch { /* missing: stale */ }
execFileSync('npm', ['run', '--silent', 'analyze'], { stdio: 'ignore' });
const fresh = readFileSync(file, 'utf8');
mkdirSync('.cache', { recursive: true });
// Module order follows the file system's enumeration (it differs between checkouts): compare sorted.
if (!committed || sortedManifest(fresh) !== sortedManifest(committed)) {
  writeFileSync('.cache/custom-elements.fresh.json', fresh);
  if (committed) writeFileSync(file, committed);
  console.error(`${file} is stale: run \`npm run analyze\` and commit it (what the source gives now: .cache/custom-elements.fresh.json).`);
  process.exit(1);
}
console.log(`${file} matches the source.`);
