/**
 * Pieces shared by the Comapi decoders (socket frames, SDK events and REST answers): the decode
 * context, actors, times and a safe copy for `raw`.
 */
import type { Actor } from '../../model.js';
import type { Sequenced } from '../../runtime/sequencer.js';
import type { Published } from '../../runtime/typing-order.js';
import type { BaseDecodeContext } from '../../runtime/decode-context.js';
import { assignDefined, DecodeError, isoToMs, isWellFormed, keepRaw, type RawFrame, scrubRaw, type ScrubOptions, wellFormedId } from '../../wire.js';

/** Who is decoding: the same event means different things to its author and to the others (`selfId`: my profile id). */
export interface DecodeContext extends BaseDecodeContext {
  /** How long a typing notice lasts, ms (default TYPING_TTL_MS). */
  typingTtlMs?: number;
  /** A display name for a profile id, where the event itself carries none (typing, receipts). */
  nameOf?: (profileId: string) => string | undefined;
}

/**
 * Typing notices expire after this long: senders repeat "typing" at most every 10 s (the SDK's
 * throttle) and may never send "typing off", so a little more than that.
 */
export const TYPING_TTL_MS = 15_000;

/**
 * What one frame or SDK event decodes to: its events, its place in the sequence when it has one,
 * and when the service published it, for events outside the sequence (typing).
 */
export type Decoded = Sequenced & Published;

/** An actor for a profile id: `self` when it is mine, else a `member` of the conversation. */
export function actorFor(profileId: string, ctx: DecodeContext, name?: string): Actor {
  const role = ctx.selfId !== undefined && profileId === ctx.selfId ? 'self' : 'member';
  return assignDefined<Actor>({ id: profileId, role }, { name: name || ctx.nameOf?.(profileId) || undefined });
}

/** ISO text → epoch ms, or undefined when absent. */
export function timeOf(v: unknown, what: string): number | undefined {
  return v === '' ? undefined : isoToMs(v, what);
}

/**
 * A required, non-empty string id (Comapi ids are strings: GUIDs and profile ids). Ids end up in
 * request paths, so one that is not well-formed text (a lone surrogate, which no URL can carry)
 * is refused like a missing one.
 */
export function idOf(v: unknown, what: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || v === '') throw new DecodeError(`${what}: expected an id`);
  if (!isWellFormed(v)) throw new DecodeError(`${what}: an id that is not well-formed text (a lone surrogate)`);
  return v;
}

/** An ISO time that orders events but is not needed to show them: a bad one counts as absent. */
export function lenientTimeOf(v: unknown): number | undefined {
  try {
    return timeOf(v, 'time');
  } catch {
    return undefined;
  }
}

/** An optional id; one that is not well-formed text is dropped (noted) as absent. */
export function optIdOf(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? wellFormedId(v, what) : idOf(v, what);
}

/** Keys whose values are credentials and never leave the decoder. */
const SECRET_KEYS = new Set(['token', 'authenticationToken', 'authorization', 'Authorization', 'jwt']);
const SCRUB: ScrubOptions = { secretKeys: SECRET_KEYS, label: 'frame' };

/** A decoded JSON value copied by `scrubRaw`, Comapi's credential fields (`token`, `jwt` ...) redacted. */
export function scrub(v: unknown): unknown {
  return scrubRaw(v, SCRUB);
}

/** A decoded frame kept as an event's `raw`: checked now, copied and redacted like `scrub` only when read. */
export function rawOf(v: unknown): RawFrame {
  return keepRaw(v, SCRUB);
}
