#!/usr/bin/env node
// Fails on an import cycle among the modules of src/core (type-only imports included: a cycle of
// types is still two modules that cannot be read apart). Run by `npm run verify`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve('src/core');

/** Every .ts module under `dir` (declaration files aside). */
function modules(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The modules of src/core a module imports (static `import`/`export … from`; dynamic imports are lazy and do not count). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = resolve(dirname(file), m[1].replace(/\.js$/, '.ts'));
    if (target.startsWith(root)) out.push(target);
  }
  return out;
}

const graph = new Map(modules(root).map((f) => [f, importsOf(f)]));
const state = new Map();
const cycles = [];
function visit(node, path) {
  state.set(node, 'open');
  for (const next of graph.get(node) ?? []) {
    if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
    else if (!state.has(next)) visit(next, [...path, next]);
  }
  state.set(node, 'done');
}
for (const node of graph.keys()) if (!state.has(node)) visit(node, [node]);
if (cycles.length) {
  for (const c of cycles) console.error(`import cycle: ${c.map((f) => relative(root, f)).join(' → ')}`);
  process.exit(1);
}
console.log(`no import cycle among ${graph.size} modules of src/core`);
