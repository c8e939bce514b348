/**
 * Typed errors. Every dropped frame and failed command is reported with one of these codes.
 */

/** The closed list of error codes. */
export type ParleyErrorCode =
  | 'decode'          // a frame could not be decoded; it was dropped
  | 'command'         // a command (send, typing, read ...) failed
  | 'auth'            // the backend refused the credentials
  | 'transport'       // the socket failed
  | 'subscription'    // a subscribe was refused
  | 'config'          // the widget was configured wrongly
  | 'persist'         // the local cache failed; degraded to memory
  | 'protocol';       // unknown protocol, or it failed to load

/** An error Parley reports through `parley-error` and `client.onError`. */
export class ParleyError extends Error {
  readonly code: ParleyErrorCode;
  readonly protocol?: string;
  /** The frame that failed to decode, truncated, for debugging. Never contains credentials. */
  readonly frame?: string;
  override readonly cause?: unknown;

  constructor(code: ParleyErrorCode, message: string, opts: { protocol?: string; frame?: unknown; cause?: unknown } = {}) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
    this.protocol = opts.protocol;
    this.cause = opts.cause;
    if (opts.frame !== undefined) this.frame = previewFrame(opts.frame);
  }
}

/** A short, safe preview of a frame for error reports. */
export function previewFrame(frame: unknown, max = 300): string {
  let s: string;
  if (typeof frame === 'string') s = frame;
  else {
    try { s = JSON.stringify(frame) ?? String(frame); } catch { s = Object.prototype.toString.call(frame); }
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Turn anything thrown into a message. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unknown error';
}

const MASK = '[redacted]';
/** Nested causes and values deeper than this are cut (a cause chain may loop). */
const MAX_DEPTH = 8;

/**
 * Whether a field name holds a credential: any `…token` (`token`, `pubsub_token`, `accessToken`),
 * and the backends' other credential fields (`Authorization`, `IM-CLIENT-KEY`, `clientKey`,
 * `source_id`, `password`, `spacePassword`, `apiKey`, `secret`, Comapi's `jwt`).
 */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, '');
  return k.endsWith('token') || /^(?:im)?(?:authorization|clientkey)$|^sourceid$|password$|^apikey$|^secret$|^jwt$/.test(k);
}

const FIELD_NAME = String.raw`[A-Za-z][\w-]*`;
/** `"name":"value"` in JSON text, also escaped inside a JSON string (`\"name\":\"value\"`). */
const JSON_FIELD = new RegExp(String.raw`(\\?"(${FIELD_NAME})\\?"\s*:\s*\\?")((?:[^"\\]|\\(?!"))*)`, 'g');
/** `name=value` in a query string or a form body. */
const QUERY_FIELD = new RegExp(String.raw`((?:^|[?&;\s])(${FIELD_NAME})=)([^&#\s"']*)`, 'g');
/** `Bearer …` and `Basic …` credentials in header text. */
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[\w.~+/=-]{6,}/g;

/**
 * The text with every given secret (and its URL-encoded form), every credential field of JSON or
 * query text (see `isSecretKey`) and every `Bearer …` value replaced by `[redacted]`.
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  const field = (all: string, head: string, name: string): string => (isSecretKey(name) ? `${head}${MASK}` : all);
  let out = text.replace(JSON_FIELD, field).replace(QUERY_FIELD, field).replace(AUTH_SCHEME, `$1 ${MASK}`);
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    out = out.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(MASK);
  }
  return out;
}

/**
 * A copy of `value` with credentials removed: strings through `redactText`, credential fields
 * replaced, errors copied by `redactError`. Deeper than 8 levels becomes `[nested too deeply]`.
 */
export function redactValue(value: unknown, secrets: readonly (string | undefined)[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deeply]';
  if (value instanceof Error) return redactError(value, secrets, depth);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const secret = isSecretKey(key) && v !== null && v !== undefined;
    Object.defineProperty(out, key, { value: secret ? MASK : redactValue(v, secrets, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * An error's fields: its own, plus the getters its classes define (a DOMException's `name` and
 * `code` live on its prototype and throw when read from a copy, so the copy gets them as data).
 */
function fieldsOf(err: Error): Set<string> {
  const keys = new Set([...Object.getOwnPropertyNames(err), 'name', 'message', 'stack']);
  for (let p = Object.getPrototypeOf(err) as object | null; p && p !== Error.prototype && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const key of Object.getOwnPropertyNames(p)) if (Object.getOwnPropertyDescriptor(p, key)?.get) keys.add(key);
  }
  return keys;
}

/**
 * A copy of an error, of the same class, with credentials removed from every surface: its
 * message, stack, frame, `body`, any other own field, and its causes, however nested. Core
 * passes every ParleyError through this before any listener sees it.
 */
export function redactError<E extends Error>(err: E, secrets: readonly (string | undefined)[] = [], depth = 0): E {
  const copy = Object.create(Object.getPrototypeOf(err) as object | null) as E;
  for (const key of fieldsOf(err)) {
    const own = Object.getOwnPropertyDescriptor(err, key);
    const value: unknown = (err as unknown as Record<string, unknown>)[key];
    if (value === undefined && !own) continue;
    const secret = isSecretKey(key) && value !== null && value !== undefined;
    Object.defineProperty(copy, key, {
      value: secret ? MASK : redactValue(value, secrets, depth + 1),
      enumerable: own?.enumerable ?? false, writable: true, configurable: true,
    });
  }
  return copy;
}

/** The credentials among a client's options: its token, and every option named like one (`isSecretKey`). */
export function credentialsOf(opts: { token?: string; options?: Record<string, unknown> }): string[] {
  const named = Object.entries(opts.options ?? {}).flatMap(([key, v]) => (isSecretKey(key) && typeof v === 'string' ? [v] : []));
  return opts.token ? [opts.token, ...named] : named;
}
