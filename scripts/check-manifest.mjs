#!/usr/bin/env node
// Fails when custom-elements.json is not what the analyzer makes from src/ now.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer resolves --outdir against the working directory: keep it inside the (ignored) cache.
const out = join('.cache', 'cem');
execFileSync('npx', ['cem', 'analyze', '--litelement', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts', '--outdir', out], { stdio: 'ignore' });
const fresh = readFileSync(join(out, 'custom-elements.json'), 'utf8');
let committed = '';
try { committed = readFileSync('custom-elements.json', 'utf8'); } catch { /* missing */ }
if (JSON.stringify(JSON.parse(fresh)) !== JSON.stringify(JSON.parse(committed || '{}'))) {
  console.error('custom-elements.json is stale: run `npm run analyze` and commit it.');
  process.exit(1);
}
console.log('custom-elements.json matches the source.');
