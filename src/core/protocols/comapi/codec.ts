/**
 * The Comapi codec: socket frames `{eventId, name, payload, context, conversationId?,
 * conversationEventId?, publishedOn, …}` and the SDK's mapped events in, normalized events out.
 * Pure: no store, no timers, no DOM. Malformed input throws a DecodeError and nothing else.
 *
 * The conversation id sits in a different place per event: top level (participants,
 * conversation.*, events API), `payload` (typing, delivered/read) or `payload.context`
 * (`conversationMessage.sent` on the socket). Every decoder looks where its event keeps it.
 */
import type { ChatEvent, EventEnvelope } from '../../events.js';
import type { Conversation } from '../../model.js';
import { decodingAs } from '../../runtime/frame-decode.js';
import { optSequence } from '../../runtime/sequencer.js';
import {
  assignDefined, checkedUrl, DecodeError, isRecord, optBool, optNonEmpty, optRecord, optStr, parseJson, record, str, type WireRecord,
} from '../../wire.js';
import { readSentMessage } from './decode-message.js';
import { actorFor, idOf, lenientTimeOf, optIdOf, rawOf, scrub, timeOf, TYPING_TTL_MS, type DecodeContext, type Decoded } from './decode-shared.js';

export type { DecodeContext, Decoded } from './decode-shared.js';

/** The SDK event names the widget listens to (`sdk.on(name, handler)`), as the seed lists them. */
export const SDK_EVENTS = [
  'conversationDeleted', 'conversationUndeleted', 'conversationUpdated', 'participantAdded', 'participantRemoved',
  'participantTyping', 'participantTypingOff', 'profileUpdated', 'conversationMessageEvent',
] as const;

function conversationIdIn(sources: (WireRecord | undefined)[], what: string): string {
  for (const s of sources) {
    const v = optIdOf(s?.conversationId, `${what}.conversationId`);
    if (v !== undefined) return v;
  }
  throw new DecodeError(`${what}: no conversationId`);
}

function joined(env: EventEnvelope, cid: string, profileId: string, role: string | undefined, ctx: DecodeContext): ChatEvent[] {
  const participant = actorFor(profileId, ctx);
  const join: ChatEvent = { ...env, type: 'participant.joined', conversationId: cid, participant, ...(role ? { roleInConversation: role } : {}) };
  // I was added: the conversation is new to me (an event for a known one changes nothing).
  if (participant.role !== 'self') return [join];
  return [{ ...env, type: 'conversation.created', conversation: { id: cid } }, join];
}

/** Someone left (I did: the conversation is gone for me). */
function left(env: EventEnvelope, profileId: string, cid: string, ctx: DecodeContext): ChatEvent[] {
  const actor = actorFor(profileId, ctx);
  return [{ ...env, type: 'participant.left', conversationId: cid, participantId: actor.id, isSelf: actor.role === 'self' }];
}

/** Typing on / off, with the time it was published (typing is not in the sequence; see TypingOrder). */
function typing(env: EventEnvelope, cid: string, profileId: string, on: boolean, ctx: DecodeContext, at: number | undefined): Decoded {
  const actor = actorFor(profileId, ctx);
  if (actor.role === 'self') return { events: [] }; // my own typing, echoed back
  const events: ChatEvent[] = on
    ? [{ ...env, type: 'typing.started', conversationId: cid, actor, expiresAt: ctx.now + (ctx.typingTtlMs ?? TYPING_TTL_MS) }]
    : [{ ...env, type: 'typing.stopped', conversationId: cid, actorId: profileId }];
  return at === undefined ? { events } : { events, at };
}

/** `conversation.update` fields: name, description, isPublic, roles, etag. */
function updated(env: EventEnvelope, cid: string, r: WireRecord, etag: string | undefined, what: string): ChatEvent {
  const title = optStr(r.name, what, 'name');
  const meta = assignDefined<Record<string, unknown>>({}, {
    description: optStr(r.description, what, 'description'),
    isPublic: optBool(r.isPublic, what, 'isPublic'),
    roles: isRecord(r.roles) ? scrub(r.roles) : undefined,
    etag,
  });
  const conversation = assignDefined<Conversation>({ id: cid }, { title, meta: Object.keys(meta).length ? meta : undefined });
  return { ...env, type: 'conversation.updated', conversation };
}

/** `profile.update`: the payload is the profile itself. */
function profile(env: EventEnvelope, p: WireRecord, fallbackId: unknown, etag: string | undefined, ctx: DecodeContext, what: string): ChatEvent {
  const profileId = optIdOf(p.id, `${what}.id`) ?? optIdOf(fallbackId, 'profileId');
  if (profileId === undefined) throw new DecodeError(`${what}: a profile needs an id`);
  const first = optStr(p.firstName, what, 'firstName');
  const last = optStr(p.lastName, what, 'lastName');
  const name = optNonEmpty(p.name, what, 'name') ?? optNonEmpty(p.displayName, what, 'displayName') ?? ([first, last].filter(Boolean).join(' ') || undefined);
  const avatar = optNonEmpty(p.avatar, what, 'avatar') ?? optNonEmpty(p.avatarUrl, what, 'avatarUrl');
  const actor = assignDefined(actorFor(profileId, ctx, name), { avatarUrl: checkedUrl(avatar, `${what}.avatar`) || undefined });
  const data = scrub(p) as WireRecord;
  return { ...env, type: 'profile.updated', profile: { ...actor, data: etag === undefined ? data : { ...data, eTag: etag } } };
}

/** Delivered / read of one message: `{messageId, conversationId, profileId, timestamp}`. */
function receipt(env: EventEnvelope, kind: 'read' | 'delivered', payload: WireRecord, top: WireRecord, ctx: DecodeContext, what: string): ChatEvent {
  const conversationId = conversationIdIn([payload, top], what);
  const reader = actorFor(idOf(payload.profileId, `${what}.profileId`), ctx);
  const messageIds = [idOf(payload.messageId, `${what}.messageId`)];
  const at = timeOf(payload.timestamp, `${what}.timestamp`) ?? timeOf(top.publishedOn, 'publishedOn');
  const base = { ...env, conversationId, reader, messageIds, ...(at === undefined ? {} : { at }) };
  return kind === 'read' ? { ...base, type: 'receipt.read' } : { ...base, type: 'receipt.delivered' };
}

/**
 * A conversation-message event (`conversationMessage.sent|delivered|read`) in the socket, events
 * API or SDK form. `conversationEventId` gives its place in the conversation's sequence.
 */
function conversationMessage(f: WireRecord, name: string, ctx: DecodeContext, env: EventEnvelope): Decoded {
  const seq = optSequence(f.conversationEventId, 'frame.conversationEventId');
  let events: ChatEvent[];
  switch (name) {
    case 'conversationMessage.sent': {
      const message = readSentMessage(f, ctx, seq);
      events = [{ ...env, type: 'message.created', conversationId: message.conversationId, message }];
      break;
    }
    case 'conversationMessage.delivered':
    case 'conversationMessage.read':
      events = [receipt(env, name === 'conversationMessage.read' ? 'read' : 'delivered', record(f.payload, 'frame.payload'), f, ctx, 'frame.payload')];
      break;
    default:
      return { events: [{ ...env, type: 'unknown' }] };
  }
  const cid = events[0]!.conversationId;
  return seq === undefined || cid === undefined ? { events } : { events, sequence: { conversationId: cid, value: seq } };
}

/**
 * Decode one socket frame (an object, or its JSON text). Every event carries `wireName` and a
 * scrubbed `raw`. Unknown names (e.g. `socket.info`) become one `unknown` event.
 */
export function decodeFrame(frame: unknown, ctx: DecodeContext): Decoded {
  return decodingAs('frame', ctx.invalid, () => {
    const f = record(typeof frame === 'string' ? parseJson(frame, 'frame') : frame, 'frame');
    const name = str(f.name, 'frame.name');
    const env: EventEnvelope = { wireName: name, raw: rawOf(f) };
    if (name.startsWith('conversationMessage.')) return conversationMessage(f, name, ctx, env);
    const payload = optRecord(f.payload, 'frame.payload') ?? {};
    const topId = (): string => conversationIdIn([f, payload], 'frame');
    switch (name) {
      case 'conversation.participantAdded':
        return { events: joined(env, topId(), idOf(payload.profileId, 'frame.payload.profileId'), optStr(payload.role, 'frame.payload.role'), ctx) };
      case 'conversation.participantRemoved':
        return { events: left(env, idOf(payload.profileId, 'frame.payload.profileId'), topId(), ctx) };
      case 'conversation.participantTyping':
      case 'conversation.participantTypingOff': {
        const cid = conversationIdIn([payload, f], 'frame.payload');
        const at = lenientTimeOf(f.publishedOn) ?? lenientTimeOf(isRecord(f.context) ? f.context.createdOn : undefined);
        return typing(env, cid, idOf(payload.profileId, 'frame.payload.profileId'), name === 'conversation.participantTyping', ctx, at);
      }
      case 'conversation.update':
        return { events: [updated(env, topId(), payload, optStr(f.etag, 'frame.etag') ?? optStr(f.eTag, 'frame.eTag'), 'frame.payload')] };
      case 'conversation.delete':
        return { events: [{ ...env, type: 'conversation.deleted', conversationId: topId() }] };
      case 'conversation.undelete':
        return { events: [{ ...env, type: 'conversation.restored', conversationId: topId() }] };
      case 'profile.update':
        return { events: [profile(env, payload, f.profileId, optStr(f.eTag, 'frame.eTag') ?? optStr(f.etag, 'frame.etag'), ctx, 'frame.payload')] };
      default:
        return { events: [{ ...env, type: 'unknown' }] };
    }
  });
}

/**
 * Decode one event an SDK handed over (`sdk.on(name, handler)`), in the shapes the seed
 * documents (`IParticipantAddedEventData`, `IConversationMessageEvent` ...).
 */
export function decodeSdkEvent(name: string, data: unknown, ctx: DecodeContext): Decoded {
  return decodingAs(name, ctx.invalid, () => {
    const d = record(data, name);
    if (name === 'conversationMessageEvent') {
      const wire = str(d.name, `${name}.name`);
      return conversationMessage(d, wire, ctx, { wireName: wire, raw: rawOf(d) });
    }
    const env: EventEnvelope = { wireName: name, raw: rawOf(d) };
    const cid = (): string => idOf(d.conversationId, `${name}.conversationId`);
    const profileId = (): string => idOf(d.profileId, `${name}.profileId`);
    switch (name as (typeof SDK_EVENTS)[number]) {
      case 'participantAdded': return { events: joined(env, cid(), profileId(), optStr(d.role, `${name}.role`), ctx) };
      case 'participantRemoved': return { events: left(env, profileId(), cid(), ctx) };
      case 'participantTyping': return typing(env, cid(), profileId(), true, ctx, lenientTimeOf(d.timestamp));
      case 'participantTypingOff': return typing(env, cid(), profileId(), false, ctx, lenientTimeOf(d.timestamp));
      case 'conversationUpdated': return { events: [updated(env, cid(), d, optStr(d.eTag, `${name}.eTag`), name)] };
      case 'conversationDeleted': return { events: [{ ...env, type: 'conversation.deleted', conversationId: cid() }] };
      case 'conversationUndeleted': return { events: [{ ...env, type: 'conversation.restored', conversationId: cid() }] };
      case 'profileUpdated':
        return { events: [profile(env, record(d.profile, `${name}.profile`), undefined, optStr(d.eTag, `${name}.eTag`), ctx, `${name}.profile`)] };
      default: return { events: [{ ...env, type: 'unknown' }] };
    }
  });
}
