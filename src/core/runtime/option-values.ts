/**
 * Readers of a protocol's option values, alike in every protocol: empty means absent, numbers and
 * booleans may come as attribute text, and a wrong value fails with a `config-error` that names
 * the option (the runtime adds the protocol's name).
 */
import { ConnectError } from '../connection-terms.js';

/** Fail with a config error. */
export function optionError(message: string): never {
  throw new ConnectError('config-error', message);
}

/** A text option (a finite number is taken as its text); undefined when absent or empty. */
export function optionText(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return optionError(`option "${name}" must be a string`);
}

/** A boolean option (`"true"` / `"false"` text too); false when absent. */
export function optionBoolean(v: unknown, name: string): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return optionError(`option "${name}" must be a boolean`);
}

/** A number option from `min` to `max` (numeric text too); `fallback` when absent. */
export function optionNumber(v: unknown, name: string, fallback: number, min: number, max: number): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) optionError(`option "${name}" must be a number from ${min} to ${max}`);
  return n;
}

/** An http(s) URL without query, hash or trailing slash (ws(s) is taken as http(s)). */
export function httpBaseUrl(text: string, what: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return optionError(`${what} must be an absolute http(s) URL`);
  }
  if (u.protocol === 'ws:') u.protocol = 'http:';
  else if (u.protocol === 'wss:') u.protocol = 'https:';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') optionError(`${what} must be an http(s) URL`);
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/+$/, '');
}

/** A whole-number option from 1 to `max` (numeric text too); `fallback` when absent. */
export function optionCount(v: unknown, name: string, fallback: number, max: number): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) optionError(`option "${name}" must be a whole number from 1 to ${max}`);
  return n;
}

/** A whole-number option of at least `min` (and at most `max`, when given; numeric text too); `fallback` when absent. */
export function optionWhole(v: unknown, name: string, fallback: number, min: number, max = Infinity): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) optionError(`option "${name}" must be a whole number ${range}`);
  return n;
}

/** A function option (a callback, a class) handed in as a property; undefined when absent. `what` says what it must be. */
export function optionFunction<T>(v: unknown, name: string, what: string): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'function') optionError(`option "${name}" must be ${what}`);
  return v as T;
}

/** An option that takes one of `values`; undefined when absent. */
export function optionOneOf<T extends string>(v: unknown, name: string, values: readonly T[]): T | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  return optionError(`option "${name}" must be ${values.map((x) => `"${x}"`).join(', ').replace(/, ([^,]*)$/, ' or $1')}`);
}

/** A ws(s) URL of `text` (http(s) is taken as ws(s)), without a hash. */
export function socketUrl(text: string, what: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return optionError(`${what} must be an absolute URL`);
  }
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') optionError(`${what} has an unsupported scheme "${u.protocol}"`);
  u.hash = '';
  return u.href;
}
