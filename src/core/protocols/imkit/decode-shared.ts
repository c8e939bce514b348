/**
 * Pieces shared by the IMKIT decoders (socket events and REST answers): the decode context,
 * actors, times, base64 payloads and a scrubbing copy for `raw`.
 */
import type { Actor } from '../../model.js';
import {
  assignDefined, DecodeError, isRecord, optArray, optNonEmpty, parseJson, type WireRecord, keepRaw, type RawFrame, scrubRaw, type ScrubOptions, checkedUrl,
} from '../../wire.js';
import { fromBase64Json } from '../../runtime/base64-json.js';
import { baseContext, type BaseDecodeContext } from '../../runtime/decode-context.js';
import type { ImkitRun } from './identity.js';

/** Who is decoding, and when (`selfId`: the signed-in client). */
export interface DecodeContext extends BaseDecodeContext {
  /** How long a `typing` event shows; IMKIT sends no "stopped". */
  typingTtlMs: number;
}

/** The decode context of a run: me, now, the typing time, and the run's report of invalid values. */
export function contextOf(run: ImkitRun): DecodeContext {
  return { ...baseContext(run, run.state.selfId), typingTtlMs: run.config.typingTtlMs };
}

/** The Vue SDK clears "typing…" after 6 s without a new `typing` event. */
export const TYPING_TTL_MS = 6000;

/** An id that may be a string, a number or a populated object with `_id`/`id`. */
export function refId(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (isRecord(v)) return optNonEmpty(v._id, what, '_id') ?? optNonEmpty(v.id, what, 'id');
  throw new DecodeError(`${what}: expected an id, got ${Array.isArray(v) ? 'array' : typeof v}`);
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
  if (!obj) return actor;
  return assignDefined(actor, {
    name: optNonEmpty(obj.nickname, what, 'nickname') ?? optNonEmpty(obj.name, what, 'name'),
    avatarUrl: checkedUrl(optNonEmpty(obj.avatarUrl, what, 'avatarUrl'), `${what}.avatarUrl`),
  });
}

/** The actors of a list of client objects or ids (entries that name no one are left out). */
export function actorsOf(v: unknown, ctx: DecodeContext, what: string): Actor[] {
  return optArray(v, what).flatMap((x, i) => {
    const a = actorOf(x, ctx, `${what}[${i}]`);
    return a ? [a] : [];
  });
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
const SCRUB: ScrubOptions = { secretKeys: SECRET_KEYS, ignoreCase: true, label: 'payload' };

/**
 * A deep copy of a decoded JSON value (kept as data: a preference, a message's extra): credential fields (`token`, `IM-Authorization`
 * ...) are replaced by `"[redacted]"`. Throws a DecodeError for `__proto__` keys and for nesting
 * deeper than 64 levels.
 */
export function scrub(v: unknown): unknown {
  return scrubRaw(v, SCRUB);
}

/** A decoded frame kept as an event's `raw`: checked now, copied and redacted like `scrub` only when read. */
export function rawOf(v: unknown): RawFrame {
  return keepRaw(v, SCRUB);
}
