/**
 * Pieces shared by the IMKIT decoders (socket events and REST answers): the decode context,
 * actors, times, base64 payloads and a scrubbing copy for `raw`.
 */
import type { Actor } from '../../model.js';
import { DecodeError, isRecord, optStr, parseJson, str, type WireRecord, scrubRaw, timeInRange, checkedUrl, type InvalidValueSink } from '../../wire.js';

/** Who is decoding, and when. */
export interface DecodeContext {
  /** The signed-in client's id: a sender with this id is `self` (my other devices included). */
  selfId?: string;
  /** Now, epoch ms (typing expiries, and messages that carry no time). */
  now: number;
  /** How long a `typing` event shows; IMKIT sends no "stopped". */
  typingTtlMs: number;
  /** Told of each wire value dropped as invalid (a time no `Date` holds, a non-web URL); the frame still decodes. */
  invalid?: InvalidValueSink;
}

/** The Vue SDK clears "typing…" after 6 s without a new `typing` event. */
export const TYPING_TTL_MS = 6000;

/** A non-empty string, or undefined. */
export function nonEmpty(v: unknown, what: string): string | undefined {
  const s = optStr(v, what);
  return s === undefined || s === '' ? undefined : s;
}

/** An id that may be a string, a number or a populated object with `_id`/`id`. */
export function refId(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (isRecord(v)) return nonEmpty(v._id, `${what}._id`) ?? nonEmpty(v.id, `${what}.id`);
  throw new DecodeError(`${what}: expected an id, got ${Array.isArray(v) ? 'array' : typeof v}`);
}

/** Epoch ms from an IMKIT time: ms numbers (`messageTimeMS`) or ISO text (`messageTime`); one no `Date` can hold is dropped (noted). */
export function timeMs(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new DecodeError(`${what}: not a finite time`);
    return timeInRange(v, what);
  }
  const s = str(v, what);
  if (/^\d+$/.test(s)) return timeInRange(Number(s), what);
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new DecodeError(`${what}: not a date: ${s.slice(0, 40)}`);
  return ms;
}

/**
 * An Actor from an IMKIT client object (`{_id, nickname, avatarUrl, isRobot}`) or a bare client
 * id. A robot is a `bot`, me (any device) is `self`, anyone else a `member`.
 */
export function actorOf(v: unknown, ctx: DecodeContext, what: string, info?: unknown): Actor | undefined {
  const id = refId(v, what) ?? (isRecord(info) ? refId(info, `${what}Info`) : undefined);
  if (id === undefined) return undefined;
  const obj = isRecord(v) ? v : isRecord(info) ? info : undefined;
  const robot = obj?.isRobot === true;
  const actor: Actor = { id, role: id === ctx.selfId ? 'self' : robot ? 'bot' : 'member' };
  if (obj) {
    const name = nonEmpty(obj.nickname, `${what}.nickname`) ?? nonEmpty(obj.name, `${what}.name`);
    if (name !== undefined) actor.name = name;
    const avatar = checkedUrl(nonEmpty(obj.avatarUrl, `${what}.avatarUrl`), `${what}.avatarUrl`);
    if (avatar !== undefined) actor.avatarUrl = avatar;
  }
  return actor;
}

/** An object that may travel as JSON text (`extra` is a string in some SDKs, an object in others). */
export function objectOrJson(v: unknown, what: string): WireRecord | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    const parsed = parseJson(v, what);
    return isRecord(parsed) ? parsed : undefined;
  }
  return isRecord(v) ? v : undefined;
}

/** Base64 text of UTF-8 JSON → the value. */
export function fromBase64Json(text: string, what: string): unknown {
  const clean = text.trim();
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) throw new DecodeError(`${what}: not base64 text`);
  let binary: string;
  try {
    binary = atob(clean.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new DecodeError(`${what}: not base64 text`);
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DecodeError(`${what}: base64 text is not UTF-8`);
  }
  return parseJson(json, what);
}

/**
 * The payload of a socket event or ack: in base64 mode a string is base64 JSON (anything else is
 * taken as it is); in plain mode the value is used as it came (a bare string stays a string).
 */
export function unwrapPayload(payload: unknown, base64: boolean, what = 'payload'): unknown {
  return base64 && typeof payload === 'string' ? fromBase64Json(payload, what) : payload;
}

/** Keys whose values are credentials and never leave the decoder. */
const SECRET_KEYS = new Set([
  'token', 'accesstoken', 'access_token', 'im-authorization', 'authorization', 'im-client-key', 'client_key', 'clientkey', 'im-api-key', 'apikey',
]);

/**
 * A deep copy of a decoded JSON value for `raw`: credential fields (`token`, `IM-Authorization`
 * ...) are replaced by `"[redacted]"`. Throws a DecodeError for `__proto__` keys and for nesting
 * deeper than 64 levels.
 */
export function scrub(v: unknown): unknown {
  return scrubRaw(v, { secretKeys: SECRET_KEYS, ignoreCase: true, label: 'payload' });
}
