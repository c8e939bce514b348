/**
 * Deterministic frame mutations for the fuzz suite: wrong types, missing and extra fields, huge
 * strings, deep nesting, `__proto__` / `constructor` keys, broken JSON and base64.
 */

/** A small seeded PRNG, so every run mutates the same way and a failure reproduces. */
export { seededRandom as prng } from '../../demo/server/shared/random.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside a JSON value. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key as string] as Json, root);
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(key as number, 1);
    else parent[key as number] = value;
  } else if (parent && typeof parent === 'object') {
    if (value === undefined) delete (parent as Record<string, Json>)[key as string];
    else Object.defineProperty(parent, key as string, { value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

const WRONG: Json[] = [null, 0, -1, 1e308, '', 'x', true, false, [], {}, [1, 'a'], { a: 1 }, '1970-13-45T99:99:99Z', 'NaN'];

function deep(depth: number): Json {
  let v: Json = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

/** The kinds of mutation. Text kinds produce a string frame; the others a value. */
export const KINDS = ['wrong-type', 'drop-field', 'extra-field', 'huge-string', 'deep-nesting', 'proto-key', 'constructor-key', 'invalid-json', 'truncated-json', 'not-an-object'] as const;
export type MutationKind = (typeof KINDS)[number];

/** One mutated frame. `alwaysBad` frames must be rejected (one error each). */
export interface Mutant {
  kind: MutationKind;
  frame: unknown;
  alwaysBad: boolean;
}

/** Mutate a seed frame. `asText` says the transport carries JSON text (so broken JSON is possible). */
export function mutate(seed: unknown, rand: () => number, asText: boolean): Mutant {
  const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
  const copy = JSON.parse(JSON.stringify(seed)) as Json;
  const all = paths(copy);
  const pick = () => all[1 + Math.floor(rand() * Math.max(1, all.length - 1))] ?? [];
  switch (kind) {
    case 'wrong-type': return { kind, frame: setAt(copy, pick(), WRONG[Math.floor(rand() * WRONG.length)]), alwaysBad: false };
    case 'drop-field': return { kind, frame: setAt(copy, pick(), undefined), alwaysBad: false };
    case 'extra-field': {
      const p = pick();
      const target = p.reduce<Json>((n, k) => (n as Record<string, Json>)[k as string] as Json, copy);
      if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, Json>)[`extra_${Math.floor(rand() * 1e6)}`] = WRONG[Math.floor(rand() * WRONG.length)]!;
      return { kind, frame: copy, alwaysBad: false };
    }
    case 'huge-string': return { kind, frame: setAt(copy, pick(), 'A'.repeat(100_000 + Math.floor(rand() * 100_000))), alwaysBad: false };
    case 'deep-nesting': return { kind, frame: setAt(copy, pick(), deep(2000)), alwaysBad: false };
    case 'proto-key':
    case 'constructor-key': {
      // Through JSON text, as a hostile server would send it: JSON.parse makes these own keys.
      const key = kind === 'proto-key' ? '__proto__' : 'constructor';
      const text = JSON.stringify(copy).replace(/^\{/, `{"${key}":{"polluted":true,"prototype":{"polluted":true}},`);
      return { kind, frame: asText ? text : JSON.parse(text), alwaysBad: false };
    }
    case 'invalid-json': return asText
      ? { kind, frame: `{"${Math.floor(rand() * 1e6)}": undefined, ${JSON.stringify(copy).slice(1)}`, alwaysBad: true }
      : { kind, frame: Symbol('not json') as unknown, alwaysBad: true };
    case 'truncated-json': {
      const text = JSON.stringify(copy);
      return asText ? { kind, frame: text.slice(0, Math.max(1, Math.floor(rand() * (text.length - 1)))), alwaysBad: true }
        : { kind, frame: undefined, alwaysBad: true };
    }
    case 'not-an-object': return { kind, frame: [42, 'string', null, true, [], 3.14][Math.floor(rand() * 6)], alwaysBad: true };
  }
}
