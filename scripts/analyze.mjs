#!/usr/bin/env node
// `npm run analyze`: custom-elements.json from the public surface only: the element classes (every
// module under src/elements that defines a LitElement) and the events they fire (src/lit/events.ts).
// Core, protocols and helpers are not the elements' API and stay out of the manifest; the protocols'
// option attributes are added to <parley-chat> from their schemas (scripts/manifest-options.ts).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file under `dir`. */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const elements = filesUnder('src/elements').filter((f) => /\bextends LitElement\b/.test(readFileSync(f, 'utf8'))).sort();
const globs = [...elements, 'src/lit/events.ts'];
execFileSync('npx', ['cem', 'analyze', '--litelement', ...globs.flatMap((g) => ['--globs', g])], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/manifest-options.ts'], { stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/sort-manifest.mjs'], { stdio: 'inherit' });
