/**
 * Pieces shared by the Chatwoot decoders (cable frames and REST answers): the decode context,
 * actors, times and a scrubbing copy for `raw`.
 */
import type { Actor, ActorRole } from '../../model.js';
import type { BaseDecodeContext } from '../../runtime/decode-context.js';
import { assignDefined, DecodeError, isRecord, optId, optNonEmpty, optStr, ownValue, str, keepRaw, type RawFrame, scrubRaw, type ScrubOptions, timeInRange, checkedUrl } from '../../wire.js';

/**
 * Who is decoding: the same frame means different things to a contact and to an agent
 * (`selfId`: the contact id for a contact, the user id for an agent, as a string).
 */
export interface DecodeContext extends BaseDecodeContext {
  /** `contact`: a customer-facing widget (Client API); `agent`: an inbox agent (Application API). */
  role: 'contact' | 'agent';
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
  const actorId = optId(v.id, what, 'id');
  if (actorId === undefined) return undefined;
  const type = optStr(v.type, what, 'type') ?? fallbackType;
  // `""` is absent: Chatwoot sends it for "no thumbnail".
  return assignDefined<Actor>({ id: actorId, role: isSelf(ctx, type, actorId) ? 'self' : roleOfType(type) }, {
    name: optNonEmpty(v.available_name, what, 'available_name') ?? optNonEmpty(v.name, what, 'name'),
    avatarUrl: checkedUrl(optNonEmpty(v.avatar_url, what, 'avatar_url') ?? optNonEmpty(v.thumbnail, what, 'thumbnail'), `${what}.avatar_url`),
  });
}

/** Keys whose values are credentials and never leave the decoder. */
const SECRET_KEYS = new Set(['pubsub_token', 'api_access_token', 'access_token', 'hmac_token', 'identifier_hash']);
const SCRUB: ScrubOptions = { secretKeys: SECRET_KEYS, label: 'frame' };

/** A decoded JSON value copied by `scrubRaw`, with Chatwoot's credential fields (`pubsub_token` ...) redacted. */
export function scrub(v: unknown): unknown {
  return scrubRaw(v, SCRUB);
}

/** A decoded frame kept as an event's `raw`: checked now, copied and redacted like `scrub` only when read. */
export function rawOf(v: unknown): RawFrame {
  return keepRaw(v, SCRUB);
}
