/**
 * Seeded frame mutations for the fuzz suites: wrong types, missing and extra fields, strings of
 * up to about 1 MB, nesting from 10 to 20,000 deep, hostile markup and URLs, `__proto__` /
 * `constructor` keys, broken and truncated JSON, and frames that are no object at all. The same
 * seed always gives the same mutations, so a printed seed replays a run exactly.
 */

/** A small seeded PRNG, so every run mutates the same way and a failure reproduces. */
export { seededRandom as prng } from '../../demo/server/shared/random.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside a JSON value. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function valueAt(root: Json, path: (string | number)[]): Json | undefined {
  return path.reduce<Json | undefined>((node, key) => (node as Record<string, Json> | undefined)?.[key as string], root);
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const parent = valueAt(root, path.slice(0, -1));
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

/** A wrongly typed value, a copy of its own: a later mutation may change what it is put into. */
function wrong(rand: () => number): Json {
  return JSON.parse(JSON.stringify(WRONG[Math.floor(rand() * WRONG.length)])) as Json;
}

/**
 * Markup and URLs a hostile server might put in any text field. Each would set
 * `window.__parleyPwned` if it ever ran; the render checks also look for the elements and
 * attributes themselves.
 */
export const HOSTILE_MARKUP: readonly string[] = [
  '<img src=x onerror="window.__parleyPwned=1">',
  '<script>window.__parleyPwned=1</script>after',
  '<iframe src="javascript:top.__parleyPwned=1"></iframe>',
  '<a href="javascript:window.__parleyPwned=1">click</a>',
  '<a href=" JaVaScRiPt:window.__parleyPwned=1">spaced</a>',
  '[link](javascript:window.__parleyPwned=1) and ![img](javascript:window.__parleyPwned=1)',
  '<svg><animate onbegin="window.__parleyPwned=1" attributeName="x" dur="1s"/></svg>',
  '<math><mi xlink:href="javascript:window.__parleyPwned=1">m</mi></math>',
  '<details open ontoggle="window.__parleyPwned=1">d</details>',
  '<form action="javascript:window.__parleyPwned=1"><button formaction="javascript:window.__parleyPwned=1">b</button></form>',
  '<object data="javascript:window.__parleyPwned=1"></object><embed src="javascript:window.__parleyPwned=1">',
  '<style>*{background:url("javascript:window.__parleyPwned=1")}</style><link rel=stylesheet href="javascript:1">',
  '<p style="background:red" class="x" id="y" data-x="1" aria-label="z">styled</p>',
  '<noscript><p title="</noscript><img src=x onerror=window.__parleyPwned=1>"></p></noscript>',
  '<template><img src=x onerror=window.__parleyPwned=1></template><base href="javascript:1//">',
  'javascript:window.__parleyPwned=1',
  'data:text/html,<script>window.__parleyPwned=1</script>',
  'vbscript:msgbox(1)',
  '**bold** _em_ `code` <b>b</b> <u>u</u> <blockquote>q</blockquote>',
];

/** Depth of a nested value: log-uniform from 10 to 20,000, so shallow and very deep both occur. */
function depthOf(rand: () => number): number {
  return Math.round(10 * 2000 ** rand());
}

function deep(depth: number): Json {
  let v: Json = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

/**
 * The JSON text of `deep(depth)`, written out: `JSON.stringify` gives up long before 20,000
 * levels, but a server can still send them (and `JSON.parse` reads them).
 */
function deepText(depth: number): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = depth - 1; i >= 0; i--) open.push(i % 2 ? '[' : '{"n":');
  for (let i = 0; i < depth; i++) close.push(i % 2 ? ']' : '}');
  return `${open.join('')}"bottom"${close.join('')}`;
}

/** Stands for the deep value in a frame's text until `deepText` replaces it. */
const DEEP_TOKEN = '\u0000deep\u0000';

/** What a long string repeats: plain text, markdown and markup openers, astral and bidi characters. */
const BREAKABLE = ['A ', '**x ', '[ ', '_x ', '<b>x</b> ', '😀 ', '\u202e ', '\\ '];
/**
 * What a long string without a break repeats. Chromium takes about a second per 10,000
 * characters to lay out one unbreakable word in a bubble (`overflow-wrap: anywhere`), every time
 * its row renders, so these are one long string in eight: the quick run stays quick, and still
 * meets them.
 */
const UNBROKEN = ['A', '😀', '['];
const UNBROKEN_SHARE = 0.125;

/**
 * Length of a long string: log-uniform from 1 KB to 200 KB (most are tens of KB), and one in
 * twenty from 200 KB up to about 1 MB.
 */
function hugeLength(rand: () => number): number {
  return rand() < 0.05 ? 200_000 + Math.floor(rand() * 850_000) : Math.round(1_000 * 200 ** rand());
}

function huge(rand: () => number): string {
  const fillers = rand() < UNBROKEN_SHARE ? UNBROKEN : BREAKABLE;
  const filler = fillers[Math.floor(rand() * fillers.length)]!;
  const length = hugeLength(rand);
  return filler.repeat(Math.ceil(length / filler.length)).slice(0, length);
}

/** The kinds of mutation. Text kinds produce a string frame; the others a value. */
export const KINDS = ['wrong-type', 'drop-field', 'extra-field', 'huge-string', 'deep-nesting', 'hostile-markup', 'proto-key', 'constructor-key', 'invalid-json', 'truncated-json', 'not-an-object'] as const;
export type MutationKind = (typeof KINDS)[number];

/** One mutated frame. `alwaysBad` frames must be rejected (one error each). */
export interface Mutant {
  kind: MutationKind;
  frame: unknown;
  alwaysBad: boolean;
  /** The frame is wire text as it is (broken JSON, or JSON with a hostile key); else a value to encode. */
  raw?: true;
  /** What was changed and where, for failure messages (`content.bodyText: huge-string 812345`). */
  detail: string;
}

function pathText(path: (string | number)[]): string {
  return path.length ? path.join('.') : '(root)';
}

/**
 * Mutate a seed frame. `asText` says the transport carries JSON text, so broken JSON arrives as
 * the frame itself; otherwise (socket.io, which hands over values) broken JSON arrives as a
 * string payload, and a truncated frame may also arrive as no payload at all.
 */
export function mutate(seed: unknown, rand: () => number, asText: boolean): Mutant {
  const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
  const first = mutateOnce(JSON.parse(JSON.stringify(seed)) as Json, kind, rand, asText);
  if (!SIMPLE_KINDS.includes(kind) || rand() >= COMPOUND_SHARE) return first;
  // A second problem in the same frame: still one report for the frame.
  const second = mutateOnce(first.frame as Json, SIMPLE_KINDS[Math.floor(rand() * SIMPLE_KINDS.length)]!, rand, asText);
  return { ...second, kind, detail: `${first.detail}; and ${second.kind} ${second.detail}` };
}

/** Kinds that change one value and leave a JSON value: two of them may hit one frame. */
const SIMPLE_KINDS: readonly MutationKind[] = ['wrong-type', 'drop-field', 'extra-field', 'huge-string', 'hostile-markup'];
/** How many frames of a simple kind get a second simple mutation. */
const COMPOUND_SHARE = 0.25;

/** One mutation of `copy` (changed in place where it stays a value). */
function mutateOnce(copy: Json, kind: MutationKind, rand: () => number, asText: boolean): Mutant {
  const all = paths(copy);
  const pick = () => all[1 + Math.floor(rand() * Math.max(1, all.length - 1))] ?? [];
  /** Prefer a path that holds text, where markup and URLs would be read. */
  const pickText = () => {
    const texts = all.filter((p) => typeof valueAt(copy, p) === 'string');
    return texts.length ? texts[Math.floor(rand() * texts.length)]! : pick();
  };
  switch (kind) {
    case 'wrong-type': {
      const p = pick();
      const value = wrong(rand);
      return { kind, frame: setAt(copy, p, value), alwaysBad: false, detail: `${pathText(p)} = ${JSON.stringify(value)}` };
    }
    case 'drop-field': {
      const p = pick();
      return { kind, frame: setAt(copy, p, undefined), alwaysBad: false, detail: `${pathText(p)} dropped` };
    }
    case 'extra-field': {
      const p = pick();
      const target = valueAt(copy, p);
      const key = `extra_${Math.floor(rand() * 1e6)}`;
      if (target && typeof target === 'object' && !Array.isArray(target)) target[key] = wrong(rand);
      return { kind, frame: copy, alwaysBad: false, detail: `${pathText(p)}.${key}` };
    }
    case 'huge-string': {
      const p = pickText();
      const value = huge(rand);
      return { kind, frame: setAt(copy, p, value), alwaysBad: false, detail: `${pathText(p)}: ${value.length} chars of ${JSON.stringify(value.slice(0, 4))}` };
    }
    case 'deep-nesting': {
      const p = pick();
      const depth = depthOf(rand);
      const detail = `${pathText(p)}: ${depth} deep`;
      if (!asText) return { kind, frame: setAt(copy, p, deep(depth)), alwaysBad: false, detail };
      const text = JSON.stringify(setAt(copy, p, DEEP_TOKEN)).replace(JSON.stringify(DEEP_TOKEN), () => deepText(depth));
      return { kind, frame: text, raw: true, alwaysBad: false, detail };
    }
    case 'hostile-markup': {
      const p = pickText();
      const value = HOSTILE_MARKUP[Math.floor(rand() * HOSTILE_MARKUP.length)]!;
      return { kind, frame: setAt(copy, p, value), alwaysBad: false, detail: `${pathText(p)} = ${JSON.stringify(value).slice(0, 60)}` };
    }
    case 'proto-key':
    case 'constructor-key': {
      // Through JSON text, as a hostile server would send it: JSON.parse makes these own keys.
      const key = kind === 'proto-key' ? '__proto__' : 'constructor';
      const text = JSON.stringify(copy).replace(/^\{/, `{"${key}":{"polluted":true,"prototype":{"polluted":true}},`);
      return asText ? { kind, frame: text, raw: true, alwaysBad: false, detail: `"${key}" at the root` }
        : { kind, frame: JSON.parse(text), alwaysBad: false, detail: `"${key}" at the root` };
    }
    case 'invalid-json': {
      const text = `{"${Math.floor(rand() * 1e6)}": undefined, ${JSON.stringify(copy).slice(1)}`;
      return { kind, frame: text, raw: true, alwaysBad: true, detail: 'an undefined literal' };
    }
    case 'truncated-json': {
      const text = JSON.stringify(copy);
      if (!asText && rand() < 0.25) return { kind, frame: undefined, alwaysBad: true, detail: 'no payload' };
      const cut = Math.max(1, Math.floor(rand() * (text.length - 1)));
      return { kind, frame: text.slice(0, cut), raw: true, alwaysBad: true, detail: `cut at ${cut} of ${text.length}` };
    }
    case 'not-an-object': {
      const value = [42, 'string', null, true, [], 3.14][Math.floor(rand() * 6)]!;
      return { kind, frame: value, alwaysBad: true, detail: JSON.stringify(value) };
    }
  }
}

/** The text a text transport carries for a mutant: raw text as it is, a value as its JSON. */
export function wireText(m: Mutant): string {
  return m.raw ? m.frame as string : JSON.stringify(m.frame) ?? 'undefined';
}
