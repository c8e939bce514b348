/**
 * The IMKIT codec: one Socket.IO event (name + payload) in, normalized events out; then
 * `againstView` reads what the store holds (never changes it). No timers, no DOM. Malformed
 * input throws a DecodeError and nothing else.
 *
 * Events: IMKIT_EVENTS (seed 003; `cancelInvitation` from the Flutter SDK); system types and
 * `recall` come as `chat message`.
 */
import type { ChatEvent, ChatEventOf, EventEnvelope, MessagePatch } from '../../events.js';
import type { Actor } from '../../model.js';
import type { StoreView } from '../../store-view.js';
import { decodingAs } from '../../runtime/frame-decode.js';
import { assignDefined, DecodeError, isRecord, optArray, optBool, optNonEmpty, record, type WireRecord } from '../../wire.js';
import { readMessage, SYSTEM_TYPES, type WireMessage } from './decode-message.js';
import { prefFlags, readInvitation, readRoom, type WireRoom } from './decode-conversation.js';
import { actorOf, refId, rawOf, scrub, unwrapPayload, type DecodeContext } from './decode-shared.js';

export type { DecodeContext } from './decode-shared.js';

/** Every event name the codec understands. */
export const IMKIT_EVENTS = [
  'chat message', 'room', 'lastRead', 'typing', 'ai_streaming', 'roomPref', 'myPrefChange', 'myPrefDelete',
  'invitation', 'cancelInvitation', 'userDeleteMessages', 'messageDeleted',
] as const;

/** How the ids of AI streams without a `messageId` start: they exist only in this widget. */
export const STREAM_ID_PREFIX = 'ai-stream:';

/** The id an AI stream grows under when `ai_streaming` carries no `messageId`. */
export function syntheticStreamId(room: string, sender: string): string {
  return `${STREAM_ID_PREFIX}${room}:${sender}`;
}

/**
 * Live events against what the store holds:
 * - a `chat message` for an id the store already holds (not streaming) is an edit (or a replay
 *   after a reconnect, which then changes nothing): it goes out as `message.updated`;
 * - an AI stream that came without a `messageId` grows under a local id; the final
 *   `chat message` from the same sender replaces it.
 */
export function againstView(events: ChatEvent[], view: StoreView): ChatEvent[] {
  return events.flatMap((e): ChatEvent[] => {
    if (e.type !== 'message.created') return [e];
    const m = e.message;
    if (view.hasMessage(m.conversationId, m.id) && !view.isStreaming(m.conversationId, m.id)) return [{ ...e, type: 'message.updated', message: m }];
    const local = m.sender ? syntheticStreamId(m.conversationId, m.sender.id) : undefined;
    if (local === undefined || m.id === local || !view.isStreaming(m.conversationId, local)) return [e];
    return [{ type: 'message.deleted', conversationId: m.conversationId, messageIds: [local], scope: 'self', wireName: e.wireName }, e];
  });
}

/**
 * Decode one socket event. `payload` is what Socket.IO delivered: in base64 mode a base64 string
 * of UTF-8 JSON, else the JSON value itself. Every event carries `wireName` and a scrubbed `raw`.
 */
export function decodeEvent(name: string, payload: unknown, ctx: DecodeContext, base64 = false): ChatEvent[] {
  return decodingAs(name, ctx.invalid, () => {
    const data = unwrapPayload(payload, base64, name);
    const env: EventEnvelope = { wireName: name, raw: rawOf(data) };
    switch (name) {
      case 'chat message': return messageEvents(readMessage(data, ctx, 'chat message'), ctx, env);
      case 'room': return roomEvents(readRoom(data, ctx, 'room'), env, 'conversation.updated', ctx.selfId);
      case 'lastRead': return lastRead(data, ctx, env);
      case 'typing': return typing(data, ctx, env);
      case 'ai_streaming': return aiStreaming(data, ctx, env);
      case 'roomPref': return roomPref(data, env);
      case 'myPrefChange': {
        const d = record(data, 'myPrefChange');
        const key = optNonEmpty(d.key, 'myPrefChange.key');
        if (key === undefined) throw new DecodeError('myPrefChange.key: a preference needs a key');
        return [{ ...env, type: 'preference.updated', scope: 'user', key, value: scrub(d.data) }];
      }
      case 'myPrefDelete': {
        const key = typeof data === 'string' ? data : isRecord(data) ? optNonEmpty(data.key, 'myPrefDelete.key') : undefined;
        if (!key) throw new DecodeError('myPrefDelete: expected the deleted key');
        return [{ ...env, type: 'preference.updated', scope: 'user', key, deleted: true }];
      }
      case 'invitation': {
        const invitation = readInvitation(data, ctx, 'invitation');
        return [{ ...env, conversationId: invitation.conversationId, type: 'invitation', invitation }];
      }
      case 'cancelInvitation': {
        const d = record(data, 'cancelInvitation');
        const conversationId = refId(d.room, 'cancelInvitation.room');
        if (conversationId === undefined) throw new DecodeError('cancelInvitation.room: expected a room');
        return [{ ...env, conversationId, type: 'invitation', invitation: { conversationId }, cancelled: true }];
      }
      case 'userDeleteMessages': return userDeleteMessages(data, env);
      case 'messageDeleted': {
        const d = record(data, 'messageDeleted');
        const conversationId = roomOf(d, 'messageDeleted');
        const messageId = refId(d.messageID, 'messageDeleted.messageID') ?? refId(d.messageId, 'messageDeleted.messageId');
        if (messageId === undefined) throw new DecodeError('messageDeleted.messageID: expected a message id or "_all"');
        return [{ ...env, conversationId, type: 'message.deleted', messageIds: messageId === '_all' ? 'all' : [messageId], scope: 'everyone' }];
      }
      default: return [{ ...env, type: 'unknown' }];
    }
  });
}

function roomOf(d: WireRecord, what: string): string {
  const room = refId(d.room, `${what}.room`) ?? refId(d.roomID, `${what}.roomID`);
  if (room === undefined) throw new DecodeError(`${what}.room: expected a room id`);
  return room;
}

/** Events of one `chat message`: the message itself, plus what system types say about members. */
export function messageEvents(w: WireMessage, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  const m = w.message;
  const base = { ...env, conversationId: m.conversationId };
  if (w.type === 'recall') {
    const patch = assignDefined<MessagePatch>({ id: m.id, conversationId: m.conversationId, kind: 'recalled' }, { updatedAt: m.updatedAt, version: m.version });
    return [
      { ...base, type: 'message.updated', message: patch },
      { ...base, type: 'message.deleted', messageIds: [m.id], scope: 'everyone' },
    ];
  }
  const events: ChatEvent[] = [{ ...base, type: 'message.created', message: m }];
  if (!SYSTEM_TYPES.has(w.type)) return events;
  const joined = (a: Actor): void => { events.push({ ...base, type: 'participant.joined', participant: a }); };
  const left = (id: string): void => { events.push({ ...base, type: 'participant.left', participantId: id, isSelf: id === ctx.selfId }); };
  let invitationMoot = false;
  switch (w.type) {
    case 'joinRoom':
      if (m.sender) joined(m.sender);
      invitationMoot = m.sender?.role === 'self';
      break;
    case 'leaveRoom': if (m.sender) left(m.sender.id); break;
    case 'addMember': case 'addMembers':
      for (const a of w.subjects) joined(a);
      invitationMoot = w.subjects.some((a) => a.role === 'self');
      break;
    case 'deleteMember': for (const a of w.subjects) left(a.id); break;
    case 'cancelInvitations': invitationMoot = w.subjects.some((a) => a.role === 'self'); break;
  }
  // Once I am in (or my invitation is withdrawn), an invitation to this room is moot.
  if (invitationMoot) events.push({ ...base, type: 'invitation', invitation: { conversationId: m.conversationId }, cancelled: true });
  return events;
}

/** Events of one room object. */
export function roomEvents(w: WireRoom, env: EventEnvelope, type: 'conversation.created' | 'conversation.updated', selfId = 'self'): ChatEvent[] {
  const conversationId = w.conversation.id;
  const base = { ...env, conversationId };
  if (w.selfAbsent) return [{ ...base, type: 'participant.left', participantId: selfId, isSelf: true }];
  const events: ChatEvent[] = [{ ...base, type, conversation: w.conversation }];
  for (const r of w.readers) {
    events.push({ ...base, type: 'receipt.read', reader: { id: r.memberId, role: 'member' }, upToMessageId: r.messageId });
  }
  return events;
}

function lastRead(data: unknown, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  const d = record(data, 'lastRead');
  const conversationId = roomOf(d, 'lastRead');
  const memberId = refId(d.memberID, 'lastRead.memberID') ?? refId(d.member, 'lastRead.member');
  const messageId = refId(d.messageID, 'lastRead.messageID') ?? refId(d.message, 'lastRead.message');
  if (memberId === undefined || messageId === undefined) throw new DecodeError('lastRead: expected memberID and messageID');
  // I read on another device: nothing of mine changes status, but nothing there is unread any more.
  if (memberId === ctx.selfId) return [{ ...env, conversationId, type: 'unread.changed', unreadCount: 0 }];
  return [{ ...env, conversationId, type: 'receipt.read', reader: { id: memberId, role: 'member' }, upToMessageId: messageId }];
}

function typing(data: unknown, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  const d = record(data, 'typing');
  const conversationId = roomOf(d, 'typing');
  const actor = actorOf(d.sender, ctx, 'typing.sender', d.senderInfo) ?? { id: `someone:${conversationId}`, role: 'member' as const };
  if (actor.role === 'self') return []; // my own typing on another device
  const event: ChatEventOf<'typing.started'> = { ...env, conversationId, type: 'typing.started', actor, expiresAt: ctx.now + ctx.typingTtlMs };
  return [assignDefined(event, { preview: optNonEmpty(d.message, 'typing.message') })];
}

function aiStreaming(data: unknown, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  const d = record(data, 'ai_streaming');
  const conversationId = roomOf(d, 'ai_streaming');
  const sender = actorOf(d.sender, ctx, 'ai_streaming.sender', d.senderInfo);
  const delta = typeof d.text === 'string' ? d.text : '';
  const messageId = refId(d.messageId, 'ai_streaming.messageId') ?? refId(d.messageID, 'ai_streaming.messageID')
    ?? syntheticStreamId(conversationId, sender?.id ?? 'ai');
  const bot = sender ? { ...sender, role: sender.role === 'self' ? sender.role : 'bot' as const } : undefined;
  return [assignDefined<ChatEventOf<'ai.stream.chunk'>>({ ...env, conversationId, type: 'ai.stream.chunk', messageId, delta }, { sender: bot })];
}

function roomPref(data: unknown, env: EventEnvelope): ChatEvent[] {
  const d = record(data, 'roomPref');
  const conversationId = roomOf(d, 'roomPref');
  return [
    { ...env, conversationId, type: 'conversation.updated', conversation: { id: conversationId, ...prefFlags(d, 'roomPref') } },
    { ...env, conversationId, type: 'preference.updated', scope: 'conversation', key: conversationId, value: scrub(d) },
  ];
}

function userDeleteMessages(data: unknown, env: EventEnvelope): ChatEvent[] {
  const d = record(data, 'userDeleteMessages');
  const conversationId = roomOf(d, 'userDeleteMessages');
  const all = optBool(d.isUserDeleteAllMessagesInRoom, 'userDeleteMessages.isUserDeleteAllMessagesInRoom') === true;
  const ids = optArray(d.messages, 'userDeleteMessages.messages').map((x, i) => {
    const mid = refId(x, `userDeleteMessages.messages[${i}]`);
    if (mid === undefined) throw new DecodeError(`userDeleteMessages.messages[${i}]: expected a message id`);
    return mid;
  });
  return [{ ...env, conversationId, type: 'message.deleted', messageIds: all ? 'all' : ids, scope: 'self' }];
}
