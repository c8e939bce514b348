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

/** True for non-null, non-array objects. */
export function isRecord(v: unknown): v is WireRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as an object, or a DecodeError naming `what`. */
export function record(v: unknown, what: string): WireRecord {
  if (!isRecord(v)) throw new DecodeError(`${what}: expected an object, got ${kindOf(v)}`);
  return v;
}

/** The value as an object, or undefined when absent/null. Wrong types still throw. */
export function optRecord(v: unknown, what: string): WireRecord | undefined {
  return v === undefined || v === null ? undefined : record(v, what);
}

/** The value as an array, or a DecodeError. */
export function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new DecodeError(`${what}: expected an array, got ${kindOf(v)}`);
  return v;
}

/** The value as an array; absent/null becomes []. */
export function optArray(v: unknown, what: string): unknown[] {
  return v === undefined || v === null ? [] : array(v, what);
}

/** A required string. */
export function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new DecodeError(`${what}: expected a string, got ${kindOf(v)}`);
  return v;
}

/** An optional string: absent/null → undefined, numbers are stringified, other types throw. */
export function optStr(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return str(v, what);
}

/** A required finite number. */
export function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DecodeError(`${what}: expected a number, got ${kindOf(v)}`);
  return v;
}

/** An optional finite number (numeric strings accepted). */
export function optNum(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return num(v, what);
}

/** An optional boolean. */
export function optBool(v: unknown, what: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new DecodeError(`${what}: expected a boolean, got ${kindOf(v)}`);
  return v;
}

/** An id that may be a string or a number on the wire; always a string here. */
export function id(v: unknown, what: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.length > 0) return v;
  throw new DecodeError(`${what}: expected an id, got ${kindOf(v)}`);
}

/** An optional id. */
export function optId(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : id(v, what);
}

/** Unix seconds → epoch ms. */
export function secondsToMs(v: unknown, what: string): number | undefined {
  const n = optNum(v, what);
  return n === undefined ? undefined : Math.round(n * 1000);
}

/** ISO-8601 text → epoch ms. */
export function isoToMs(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const s = str(v, what);
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new DecodeError(`${what}: not a date: ${s.slice(0, 40)}`);
  return ms;
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
