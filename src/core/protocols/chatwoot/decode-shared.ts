/**
 * Pieces shared by the Chatwoot decoders (cable frames and REST answers): the decode context,
 * actors, times and a scrubbing copy for `raw`.
 */
import type { Actor, ActorRole } from '../../model.js';
import { DecodeError, isRecord, optId, optStr, ownValue, str, scrubRaw, timeInRange, checkedUrl, type InvalidValueSink } from '../../wire.js';

/** Who is decoding: the same frame means different things to a contact and to an agent. */
export interface DecodeContext {
  /** `contact`: a customer-facing widget (Client API); `agent`: an inbox agent (Application API). */
  role: 'contact' | 'agent';
  /** The contact id (contact role) or the user id (agent role), as a string. */
  selfId?: string;
  /** Now, epoch ms (typing expiries are computed from it). */
  now: number;
  /** Told of each wire value dropped as invalid (a time no `Date` holds, a non-web URL); the frame still decodes. */
  invalid?: InvalidValueSink;
}

/** Typing indicators expire after this long: Chatwoot's own widget clears them after 30 s. */
export const TYPING_TTL_MS = 30_000;

/** Chatwoot `sender.type` / `sender_type` values, lower-cased, to actor roles. */
const SENDER_ROLES: Record<string, ActorRole> = {
  contact: 'customer',
  user: 'agent',
  agent_bot: 'bot',
  agentbot: 'bot',
  'captain::assistant': 'bot',
  captain_assistant: 'bot',
};

/** A non-empty string, or undefined (Chatwoot sends `""` for "no thumbnail"). */
export function nonEmpty(v: unknown, what: string): string | undefined {
  const s = optStr(v, what);
  return s === undefined || s === '' ? undefined : s;
}

/**
 * Epoch ms from a Chatwoot time: unix seconds (int or float, or a numeric string) or ISO text.
 * Numbers at or above 1e12 are taken as milliseconds already. A time no `Date` can hold is
 * dropped (noted through the active invalid-value sink) as undefined.
 */
export function timeMs(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new DecodeError(`${what}: expected a time, got a non-finite number`);
    return timeInRange(v >= 1e12 ? v : v * 1000, what);
  }
  const s = str(v, what);
  if (/^\d+(\.\d+)?$/.test(s)) return timeMs(Number(s), what);
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new DecodeError(`${what}: not a date: ${s.slice(0, 40)}`);
  return ms;
}

/** Like timeMs, but 0 (Chatwoot's "never") becomes undefined. */
export function positiveTimeMs(v: unknown, what: string): number | undefined {
  const ms = timeMs(v, what);
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/** The role a Chatwoot `type` has, lower-cased; `unknown` for anything else. */
export function roleOfType(type: string | undefined): ActorRole {
  return ownValue(SENDER_ROLES, type?.toLowerCase()) ?? 'unknown';
}

/**
 * Whether an actor of this Chatwoot type and id is the signed-in side.
 * A contact is self when the type is `contact` and the id matches (or no self id is known yet:
 * a contact only ever sees its own conversations); an agent when the type is `user` and the id matches.
 */
export function isSelf(ctx: DecodeContext, type: string | undefined, actorId: string | undefined): boolean {
  const t = type?.toLowerCase();
  if (ctx.role === 'contact') return t === 'contact' && (ctx.selfId === undefined || actorId === undefined || actorId === ctx.selfId);
  return t === 'user' && actorId !== undefined && actorId === ctx.selfId;
}

/**
 * An Actor from a Chatwoot contact/user/bot object (`sender`, `meta.assignee`, typing `user`).
 * `fallbackType` is used when the object has no `type` (assignees are users).
 * Returns undefined for null/absent objects and objects without an id.
 */
export function actorOf(v: unknown, ctx: DecodeContext, what: string, fallbackType?: string): Actor | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw new DecodeError(`${what}: expected an object`);
  const actorId = optId(v.id, `${what}.id`);
  if (actorId === undefined) return undefined;
  const type = optStr(v.type, `${what}.type`) ?? fallbackType;
  const actor: Actor = {
    id: actorId,
    role: isSelf(ctx, type, actorId) ? 'self' : roleOfType(type),
  };
  const name = nonEmpty(v.available_name, `${what}.available_name`) ?? nonEmpty(v.name, `${what}.name`);
  if (name !== undefined) actor.name = name;
  const avatar = checkedUrl(nonEmpty(v.avatar_url, `${what}.avatar_url`) ?? nonEmpty(v.thumbnail, `${what}.thumbnail`), `${what}.avatar_url`);
  if (avatar !== undefined) actor.avatarUrl = avatar;
  return actor;
}

/** Keys whose values are credentials and never leave the decoder. */
const SECRET_KEYS = new Set(['pubsub_token', 'api_access_token', 'access_token', 'hmac_token', 'identifier_hash']);

/**
 * A deep copy of a decoded JSON value for `raw`: credential fields (`pubsub_token` ...) are
 * replaced by `"[redacted]"`. Throws a DecodeError for `__proto__` keys (prototype-pollution
 * bait that no Chatwoot frame carries) and for nesting deeper than 64 levels.
 */
export function scrub(v: unknown): unknown {
  return scrubRaw(v, { secretKeys: SECRET_KEYS, label: 'frame' });
}
