/**
 * Validating readers for values that came off the wire (`unknown`).
 * Codecs use these so a malformed frame becomes a typed DecodeError, never a crash.
 */

/** A frame, or part of one, that did not have the expected shape. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** A plain JSON object. */
export type WireRecord = Record<string, unknown>;

/**
 * Where a value sits, for an error: `what`, or `what.field` when a field is named. The readers below
 * take the field apart from its parent so that the path is only spelled out when something is wrong:
 * decoding a big history then builds no string per field.
 */
function pathOf(what: string, field: string | undefined): string {
  return field === undefined ? what : `${what}.${field}`;
}

/** True for non-null, non-array objects. */
export function isRecord(v: unknown): v is WireRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as an object, or a DecodeError naming `what`. */
export function record(v: unknown, what: string, field?: string): WireRecord {
  if (!isRecord(v)) throw new DecodeError(`${pathOf(what, field)}: expected an object, got ${kindOf(v)}`);
  return v;
}

/** The value as an object, or undefined when absent/null. Wrong types still throw. */
export function optRecord(v: unknown, what: string, field?: string): WireRecord | undefined {
  return v === undefined || v === null ? undefined : record(v, what, field);
}

/** The value as an array, or a DecodeError. */
export function array(v: unknown, what: string, field?: string): unknown[] {
  if (!Array.isArray(v)) throw new DecodeError(`${pathOf(what, field)}: expected an array, got ${kindOf(v)}`);
  return v;
}

/** The value as an array; absent/null becomes []. */
export function optArray(v: unknown, what: string, field?: string): unknown[] {
  return v === undefined || v === null ? [] : array(v, what, field);
}

/** A required string. */
export function str(v: unknown, what: string, field?: string): string {
  if (typeof v !== 'string') throw new DecodeError(`${pathOf(what, field)}: expected a string, got ${kindOf(v)}`);
  return v;
}

/** An optional string: absent/null → undefined, numbers are stringified, other types throw. */
export function optStr(v: unknown, what: string, field?: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return str(v, what, field);
}

/** A required finite number. */
export function num(v: unknown, what: string, field?: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DecodeError(`${pathOf(what, field)}: expected a number, got ${kindOf(v)}`);
  return v;
}

/** An optional finite number (numeric strings accepted). */
export function optNum(v: unknown, what: string, field?: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return num(v, what, field);
}

/** An optional boolean. */
export function optBool(v: unknown, what: string, field?: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new DecodeError(`${pathOf(what, field)}: expected a boolean, got ${kindOf(v)}`);
  return v;
}

/** An id that may be a string or a number on the wire; always a string here. */
export function id(v: unknown, what: string, field?: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.length > 0) return v;
  throw new DecodeError(`${pathOf(what, field)}: expected an id, got ${kindOf(v)}`);
}

/** An optional id. */
export function optId(v: unknown, what: string, field?: string): string | undefined {
  return v === undefined || v === null ? undefined : id(v, what, field);
}

/** The largest distance from the epoch, in ms, that a `Date` can hold (ECMA-262 time values). */
export const MAX_TIME_MS = 8.64e15;

/**
 * Where a codec reports the wire values it dropped as invalid (a time no `Date` can hold, a URL of
 * the wrong scheme), once per decoded frame or REST answer. The adapter turns that into one
 * `decode` ParleyError; the rest of the frame still decodes.
 */
export type InvalidValueSink = (problem: string) => void;

let activeSink: InvalidValueSink | undefined;

/**
 * Run a (synchronous) decode, noting the values `dropInvalid` drops meanwhile; when the decode
 * returns, `sink` hears of them once (`3 invalid values; first: ...`). A decode that throws
 * reports nothing here: its whole frame was dropped and is reported as such. A nested run keeps
 * the outer run's notes, so a read function called from a frame decoder counts toward the frame.
 */
export function withInvalidSink<T>(sink: InvalidValueSink | undefined, decode: () => T): T {
  if (activeSink !== undefined || sink === undefined) return decode();
  const problems: string[] = [];
  activeSink = (problem) => { problems.push(problem); };
  let result: T;
  try {
    result = decode();
  } finally {
    activeSink = undefined;
  }
  if (problems.length === 1) sink(problems[0]!);
  else if (problems.length > 1) sink(`${problems.length} invalid values; first: ${problems[0]!}`);
  return result;
}

/** Note a dropped wire value with the active run (none: it is still dropped, unreported). Returns undefined. */
export function dropInvalid(problem: string): undefined {
  activeSink?.(problem);
  return undefined;
}

/** The text of the `decode` report for a wire value dropped as invalid. */
export function invalidValueText(protocol: string, problem: string): string {
  return `${protocol}: invalid value dropped, the rest of the frame applied: ${problem}`;
}

/** True for a number of epoch ms that a `Date` can hold. */
export function isDateMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS;
}

/** Epoch ms rounded to an integer when a `Date` can hold it; otherwise dropped (noted) as undefined. */
export function timeInRange(ms: number, what: string, field?: string): number | undefined {
  const rounded = Math.round(ms);
  return isDateMs(rounded) ? rounded : dropInvalid(`${pathOf(what, field)}: not a time a Date can hold (${String(ms).slice(0, 40)})`);
}

/** An optional number of epoch ms (numeric strings accepted); one no `Date` can hold is dropped (noted). */
export function optTimeMs(v: unknown, what: string, field?: string): number | undefined {
  const n = optNum(v, what, field);
  return n === undefined ? undefined : timeInRange(n, what, field);
}

/** Unix seconds → epoch ms. */
export function secondsToMs(v: unknown, what: string, field?: string): number | undefined {
  const n = optNum(v, what, field);
  return n === undefined ? undefined : timeInRange(n * 1000, what, field);
}

/** ISO-8601 text (or a number of epoch ms) → epoch ms; one no `Date` can hold is dropped. */
export function isoToMs(v: unknown, what: string, field?: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return timeInRange(v, what, field);
  const s = str(v, what, field);
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new DecodeError(`${pathOf(what, field)}: not a date: ${s.slice(0, 40)}`);
  return ms;
}

/**
 * A sequence number (an event id that orders a conversation) when it is a whole number ≥ 0 that
 * a double holds exactly; otherwise dropped (noted) as undefined. `1e308` is a whole number, but
 * counting on from it is impossible (`1e308 + 1 === 1e308`), and a baseline raised to it would
 * take every later event for one already seen.
 */
export function seqInRange(n: number, what: string): number | undefined {
  return Number.isSafeInteger(n) && n >= 0 ? n : dropInvalid(`${what}: not a sequence number (${String(n).slice(0, 40)})`);
}

/** A surrogate code unit without its partner (with the `u` flag a class matches only unpaired ones). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

/**
 * True when `text` is well-formed UTF-16: no lone surrogate. Ill-formed text has no UTF-8 form,
 * so `encodeURIComponent` throws a URIError on it and no request can name it; an id that holds
 * one cannot address anything on its server.
 */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** `text` with each lone surrogate replaced by U+FFFD (what `String.prototype.toWellFormed` does), in one pass. */
export function toWellFormed(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE_SURROGATES, '\uFFFD');
}

/** An id read from the wire, when it is well-formed text; one holding a lone surrogate is dropped (noted) as undefined. */
export function wellFormedId(v: string, what: string): string | undefined {
  return isWellFormed(v) ? v : dropInvalid(`${what}: an id that is not well-formed text (a lone surrogate)`);
}

/**
 * A path segment or query value, percent-encoded. Never throws: a lone surrogate (which
 * `encodeURIComponent` refuses with a URIError) is sent as U+FFFD.
 */
export function uriComponent(v: string | number): string {
  return encodeURIComponent(toWellFormed(String(v)));
}

/** Where a URL is expected: the schemes taken, and whether a relative reference is (documented) fine. */
export interface UrlRule {
  /** Lower-case schemes without the colon; default `http`, `https`. */
  schemes?: readonly string[];
  /** Accept a relative reference (`/files/a.png`), for protocols that document one. */
  relative?: boolean;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const WEB_SCHEMES: readonly string[] = ['http', 'https'];

/**
 * A URL from the wire when it is one of the rule's schemes (http(s) by default) and parses;
 * a `javascript:`, `data:` or malformed URL is dropped (noted) as undefined. Absent stays absent.
 */
export function checkedUrl(url: string | undefined, what: string, rule: UrlRule = {}): string | undefined {
  if (url === undefined) return undefined;
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return rule.relative && isPlainRelative(url) ? url : dropInvalid(`${what}: not an absolute URL: ${url.slice(0, 60)}`);
  }
  if (!(rule.schemes ?? WEB_SCHEMES).includes(scheme)) return dropInvalid(`${what}: a ${scheme.slice(0, 20)}: URL is not allowed here`);
  return URL.canParse(url) ? url : dropInvalid(`${what}: a malformed URL: ${url.slice(0, 60)}`);
}

const RELATIVE_BASE = 'https://relative.invalid';

/** A relative reference that stays on the page's own origin (no `//host`, no scheme hidden behind spaces). */
function isPlainRelative(url: string): boolean {
  const parsed = URL.parse(url, `${RELATIVE_BASE}/`);
  return parsed !== null && parsed.origin === RELATIVE_BASE;
}

/**
 * The table's value for a wire key, looked up among its own keys only: `constructor`,
 * `__proto__` or `toString` from the wire find nothing (`TABLE[key]` would find Object's).
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Parse JSON text into `unknown`, or a DecodeError. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DecodeError(`${what}: invalid JSON (${err instanceof Error ? err.message : 'parse error'})`);
  }
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** How `scrubRaw` treats a protocol's frames. */
export interface ScrubOptions {
  /** Keys whose values are credentials: replaced by `"[redacted]"` (null and absent values stay). */
  secretKeys?: ReadonlySet<string>;
  /** Match `secretKeys` case-insensitively (the set then holds lower-case keys). */
  ignoreCase?: boolean;
  /** What the value is called in errors: `frame` or `payload`. */
  label?: string;
}

/**
 * A deep copy of a decoded JSON value to keep as an event's `raw`: credentials redacted, own keys
 * defined as data properties (a `constructor` key is just data). Throws a DecodeError for a
 * `__proto__` key (prototype-pollution bait no real frame carries) and for nesting deeper than 64.
 */
export function scrubRaw(v: unknown, opts: ScrubOptions = {}, depth = 0): unknown {
  const label = opts.label ?? 'frame';
  if (depth > 64) throw new DecodeError(`${label} nested too deeply`);
  if (Array.isArray(v)) return v.map((x) => scrubRaw(x, opts, depth + 1));
  if (!isRecord(v)) return v;
  const out: WireRecord = {};
  for (const key of Object.keys(v)) {
    if (key === '__proto__') throw new DecodeError(`${label} carries a forbidden "__proto__" key`);
    const value = v[key];
    const secret = opts.secretKeys?.has(opts.ignoreCase ? key.toLowerCase() : key) && value !== null && value !== undefined;
    Object.defineProperty(out, key, { value: secret ? '[redacted]' : scrubRaw(value, opts, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * An event's `raw`: the decoded frame as `scrubRaw` copies it (credentials redacted), made only when
 * someone reads it (`value`, or `JSON.stringify`): keeping every frame for debugging costs nothing
 * per frame. The frame itself sits in a private field, out of JSON and of enumeration.
 */
export class RawFrame {
  readonly #source: unknown;
  readonly #opts: ScrubOptions;
  #copy?: { value: unknown };

  constructor(source: unknown, opts: ScrubOptions) {
    this.#source = source;
    this.#opts = opts;
  }

  /** The frame, copied with its credentials redacted (once, on first read). */
  get value(): unknown {
    this.#copy ??= { value: scrubRaw(this.#source, this.#opts) };
    return this.#copy.value;
  }

  toJSON(): unknown {
    return this.value;
  }
}

/**
 * Keep a decoded JSON value as an event's `raw` (a RawFrame, copied only when read). It is checked
 * now as `scrubRaw` would check it: a `__proto__` key or nesting deeper than 64 is a DecodeError.
 */
export function keepRaw(v: unknown, opts: ScrubOptions = {}): RawFrame {
  checkRaw(v, opts.label ?? 'frame', 0);
  return new RawFrame(v, opts);
}

/** `scrubRaw`'s checks, without its copy. */
function checkRaw(v: unknown, label: string, depth: number): void {
  if (depth > 64) throw new DecodeError(`${label} nested too deeply`);
  if (Array.isArray(v)) {
    for (const x of v) checkRaw(x, label, depth + 1);
    return;
  }
  if (!isRecord(v)) return;
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    if (key === '__proto__') throw new DecodeError(`${label} carries a forbidden "__proto__" key`);
    const value = v[key];
    if (typeof value === 'object' && value !== null) checkRaw(value, label, depth + 1);
  }
}

/**
 * Copy the defined values of `values` onto `target` and return it: a field the wire left out
 * stays absent (so an update patches only what it carried), with one line per field instead of
 * a `const` and an `if` each.
 */
export function assignDefined<T extends object>(target: T, values: { [K in keyof T]?: T[K] | undefined }): T {
  // for-in over an object literal's own keys: no keys array per call (this runs per field decoded)
  for (const key in values) {
    const value = values[key];
    if (value !== undefined && Object.hasOwn(values, key)) target[key] = value;
  }
  return target;
}

/** An optional string where `""` is absent too (backends send it for "none"). */
export function optNonEmpty(v: unknown, what: string, field?: string): string | undefined {
  const s = optStr(v, what, field);
  return s === undefined || s === '' ? undefined : s;
}

/** Epoch ms from a ms number, a string of digits (ms) or ISO-8601 text; `""` is absent, a time no `Date` can hold is dropped (noted). */
export function optMsOrIso(v: unknown, what: string, field?: string): number | undefined {
  if (v === '') return undefined;
  if (typeof v === 'string' && /^\d+$/.test(v)) return timeInRange(Number(v), what, field);
  return isoToMs(v, what, field);
}
