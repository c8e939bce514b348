/**
 * The Chatwoot ("OneChat") codec: ActionCable frames from `RoomChannel` in, normalized events out.
 * Pure: no store, no timers, no DOM. Malformed input throws a DecodeError and nothing else.
 */
import type { ChatEvent, EventEnvelope } from '../../events.js';
import type { PresenceState } from '../../model.js';
import { decodingAs } from '../../runtime/frame-decode.js';
import { DecodeError, isRecord, optBool, optId, optRecord, optStr, ownValue, parseJson, record, str, type WireRecord } from '../../wire.js';
import { conversationEvents, peerReadReceipts, readConversation } from './decode-conversation.js';
import { messagePatch, readMessage } from './decode-message.js';
import { actorOf, rawOf, scrub, TYPING_TTL_MS, type DecodeContext } from './decode-shared.js';

export type { DecodeContext } from './decode-shared.js';

const PRESENCE: Record<string, PresenceState> = { online: 'online', offline: 'offline', busy: 'busy', away: 'idle', idle: 'idle' };

/** ActionCable's control frames: the transport's business, decoded to nothing here. */
const CONTROL_TYPES = new Set(['welcome', 'ping', 'confirm_subscription', 'reject_subscription', 'disconnect']);

/**
 * Decode one frame: an ActionCable frame object `{identifier, message: {event, data}}` or its JSON
 * text. Control frames give `[]`; a frame that is neither one nor a channel message throws.
 */
export function decodeFrame(frame: unknown, ctx: DecodeContext): ChatEvent[] {
  const f = record(typeof frame === 'string' ? parseJson(frame, 'frame') : frame, 'frame');
  const type = optStr(f.type, 'frame.type');
  if (type !== undefined) {
    if (!CONTROL_TYPES.has(type)) throw new DecodeError(`frame: unknown type "${type.slice(0, 40)}"`);
    if (type === 'confirm_subscription' || type === 'reject_subscription') str(f.identifier, 'frame.identifier');
    return [];
  }
  if (!('message' in f)) throw new DecodeError('frame: neither a control type nor a message');
  return decodeChannelMessage(f.message, ctx);
}

/**
 * Decode a channel message (`{event, data}`, what the transport hands over). Every event carries
 * `wireName` and a scrubbed `raw` (the message, credentials redacted).
 */
export function decodeChannelMessage(message: unknown, ctx: DecodeContext): ChatEvent[] {
  return decodingAs('frame', ctx.invalid, () => {
    const raw = rawOf(message);
    const msg = record(message, 'message');
    const wireName = str(msg.event, 'message.event');
    const env: EventEnvelope = { wireName, raw };
    const data = msg.data;
    switch (wireName) {
      case 'message.created':
      case 'message.updated': {
        const w = readMessage(data, ctx, 'data');
        if (w.isPrivate && ctx.role === 'contact') return [];
        const conversationId = w.message.conversationId;
        if (wireName === 'message.created') return [{ ...env, type: 'message.created', conversationId, message: w.message }];
        if (w.isDeleted) return [{ ...env, type: 'message.deleted', conversationId, messageIds: [w.message.id], scope: 'everyone' }];
        return [{ ...env, type: 'message.updated', conversationId, message: messagePatch(w) }];
      }
      case 'conversation.created': return conversation(data, ctx, env, 'conversation.created');
      case 'conversation.read': return conversation(data, ctx, env, 'conversation.updated');
      case 'conversation.typing_on':
      case 'conversation.typing_off': return typing(data, ctx, env, wireName === 'conversation.typing_on');
      case 'presence.update': return presence(data, env);
      case 'contact.created':
      case 'contact.updated': return [profile(data, ctx, env)];
      case 'contact.merged': {
        if (ctx.role === 'agent') return [profile(data, ctx, env)];
        const c = record(data, 'data');
        const selfId = optId(c.id, 'data.id');
        if (selfId === undefined) throw new DecodeError('data.id: a merged contact needs an id');
        const name = optStr(c.name, 'data.name');
        return [{ ...env, type: 'identity.changed', selfId, ...(name ? { name } : {}) }, { ...env, type: 'resync.required', reason: 'identity-changed' }];
      }
      default:
        // status_changed, contact_changed, assignee.changed, team.changed, conversation.updated,
        // conversation.mentioned ... all carry the conversation object; anything else is unknown.
        return looksLikeConversation(data) ? conversation(data, ctx, env, 'conversation.updated') : [{ ...env, type: 'unknown' }];
    }
  });
}

/** A conversation object: it has `meta`, `messages` or `inbox_id` (an `"id": null` one decodes to unknown). */
function looksLikeConversation(data: unknown): data is WireRecord {
  return isRecord(data) && (isRecord(data.meta) || Array.isArray(data.messages) || data.inbox_id !== undefined);
}

/**
 * A conversation event (created, status_changed, assignee.changed ...), plus the other side's
 * read time it carries: `push_event_data` always has both `*_last_seen_at`, and for a contact
 * these frames and the typing ones are the only live news that an agent has read (Chatwoot
 * announces an agent's `update_last_seen` to nobody).
 */
function conversation(data: unknown, ctx: DecodeContext, env: EventEnvelope, type: 'conversation.created' | 'conversation.updated'): ChatEvent[] {
  const w = readConversation(data, ctx, 'data');
  return w ? [...conversationEvents(w, type, env), ...peerReadReceipts(w, ctx.role, env)] : [{ ...env, type: 'unknown' }];
}

/**
 * `conversation.typing_on/off`: typing, plus the other side's read time from the conversation it
 * carries (see `conversation`). An agent's private typing (a note) shows nothing to a contact but
 * its read time still counts.
 */
function typing(data: unknown, ctx: DecodeContext, env: EventEnvelope, on: boolean): ChatEvent[] {
  const d = record(data, 'data');
  const conv = optRecord(d.conversation, 'data.conversation');
  const conversationId = optId(conv?.id, 'data.conversation.id') ?? optId(d.conversation_id, 'data.conversation_id');
  if (conversationId === undefined) return [{ ...env, type: 'unknown' }];
  const actor = actorOf(d.user, ctx, 'data.user');
  if (!actor) throw new DecodeError('data.user: a typing event needs a user with an id');
  if (actor.role === 'self') return []; // my own typing, echoed back
  const receipts = conv ? readTimeOf(conv, ctx, env) : [];
  if (ctx.role === 'contact' && optBool(d.is_private, 'data.is_private') === true) return receipts;
  const typed: ChatEvent = on
    ? { ...env, type: 'typing.started', conversationId, actor, expiresAt: ctx.now + TYPING_TTL_MS }
    : { ...env, type: 'typing.stopped', conversationId, actorId: actor.id };
  return [typed, ...receipts];
}

/** The read receipt a typing event's conversation carries; none when that object does not decode (the typing still counts). */
function readTimeOf(conv: WireRecord, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  try {
    const w = readConversation(conv, ctx, 'data.conversation');
    return w ? peerReadReceipts(w, ctx.role, env) : [];
  } catch (err) {
    if (err instanceof DecodeError) return [];
    throw err;
  }
}

function statuses(v: unknown, what: string): Record<string, PresenceState> {
  const map = record(v, what);
  const out: Record<string, PresenceState> = {};
  for (const key of Object.keys(map)) {
    const state = ownValue(PRESENCE, str(map[key], `${what}.${key}`));
    if (state) out[key] = state;
  }
  return out;
}

function presence(data: unknown, env: EventEnvelope): ChatEvent[] {
  const d = record(data, 'data');
  const events: ChatEvent[] = [];
  if (d.users !== undefined && d.users !== null) events.push({ ...env, type: 'presence.changed', scope: 'agents', statuses: statuses(d.users, 'data.users') });
  if (d.contacts !== undefined && d.contacts !== null) events.push({ ...env, type: 'presence.changed', scope: 'contacts', statuses: statuses(d.contacts, 'data.contacts') });
  return events.length ? events : [{ ...env, type: 'unknown' }];
}

function profile(data: unknown, ctx: DecodeContext, env: EventEnvelope): ChatEvent {
  const d = record(data, 'data');
  const actor = actorOf(d, ctx, 'data', 'contact');
  if (!actor) throw new DecodeError('data.id: a contact needs an id');
  const extra: Record<string, unknown> = {};
  const fields: [string, string][] = [
    ['email', 'email'], ['phone_number', 'phoneNumber'], ['identifier', 'identifier'],
    ['additional_attributes', 'additionalAttributes'], ['custom_attributes', 'customAttributes'],
  ];
  for (const [wire, key] of fields) if (d[wire] !== undefined && d[wire] !== null) extra[key] = scrub(d[wire]);
  return { ...env, type: 'profile.updated', profile: { ...actor, data: extra } };
}
