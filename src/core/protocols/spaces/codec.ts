/**
 * The Avaya Spaces codec: socket.io events of the `/chat` namespace in, normalized events out;
 * commands in, `SEND_MESSAGE` / `SUBSCRIBE_CHANNEL` payloads out. Pure: no store, no timers, no
 * DOM. A malformed payload throws a DecodeError and nothing else.
 */
import type { ChatEvent, ChatEventOf, ConversationPatch, EventEnvelope } from '../../events.js';
import type { CommandOf } from '../../commands.js';
import { serverReason } from '../../http.js';
import { assignDefined, DecodeError, isRecord, optBool, optNum, optRecord, parseJson, record, keepRaw, str, type WireRecord, withInvalidSink } from '../../wire.js';
import { messagePatch, readMessage, kindOfCategory } from './decode-message.js';
import { nonEmpty, optIdText, timeMs, type DecodeContext } from './decode-shared.js';
import { memberEvents, readTopic } from './decode-conversation.js';

export type { DecodeContext } from './decode-shared.js';

/** Socket events the adapter listens to. */
export const INBOUND_EVENTS = ['MESSAGE_SENT', 'SEND_MESSAGE_FAILED', 'CHANNEL_SUBSCRIBED', 'SUBSCRIBE_CHANNEL_FAILED', 'CHANNEL_UNSUBSCRIBED'] as const;

/** The category (or type) of a payload that says the socket is not subscribed to its space. */
export const SUBSCRIPTION_REQUIRED = 'app.event.channel.subscription.required';

/** What one socket event means to the adapter. */
export type SpacesFrame =
  | { kind: 'events'; events: ChatEvent[]; loopback?: string; newSpaceId?: string }
  | { kind: 'subscribed'; spaceId?: string }
  | { kind: 'subscribe-failed'; spaceId?: string; reason: string }
  | { kind: 'unsubscribed'; spaceId?: string }
  | { kind: 'subscription-required'; spaceId?: string; loopback?: string; reason: string }
  | { kind: 'send-failed'; loopback?: string; reason: string };

/** A socket event that carries events. */
type EventsFrame = Extract<SpacesFrame, { kind: 'events' }>;

/** Payloads may come as objects or (from some servers) as JSON text. */
function payloadOf(v: unknown, what: string): unknown {
  return typeof v === 'string' && /^\s*[{[]/.test(v) ? parseJson(v, what) : v;
}

/** Human text of an error payload: the server's own reason (`message`, `error.message` …), else its `code`. */
export function reasonOf(v: unknown): string {
  const code = isRecord(v) && (typeof v.code === 'string' || typeof v.code === 'number') ? String(v.code).slice(0, 200) : '';
  return serverReason(v) || code || 'no reason given';
}

function isSubscriptionRequired(p: WireRecord): boolean {
  return p.category === SUBSCRIPTION_REQUIRED || p.type === SUBSCRIPTION_REQUIRED;
}

/** The space a control payload names: `topicId`, or `channel._id`. */
function spaceOf(p: WireRecord): string | undefined {
  const channel = optRecord(p.channel, 'channel');
  return optIdText(p.topicId, 'topicId') ?? (channel ? optIdText(channel._id, 'channel._id') : undefined);
}

/**
 * Decode one socket event. `MESSAGE_SENT` becomes normalized events; the control events
 * (subscription answers, send failures) are named for the adapter.
 */
export function decodeSocketEvent(event: string, payload: unknown, ctx: DecodeContext): SpacesFrame {
  return withInvalidSink(ctx.invalid, () => {
    const data = payloadOf(payload, event);
    const control = isRecord(data) ? data : {};
    switch (event) {
      case 'MESSAGE_SENT': {
        const p = record(data, 'payload');
        if (isSubscriptionRequired(p)) return { kind: 'subscription-required', ...opt('spaceId', spaceOf(p)), reason: reasonOf(p) };
        return decodeMessageSent(p, ctx);
      }
      case 'SEND_MESSAGE_FAILED': {
        const loopback = nonEmpty(control.loopbackMetadata, 'loopbackMetadata');
        if (isSubscriptionRequired(control)) return { kind: 'subscription-required', ...opt('spaceId', spaceOf(control)), ...opt('loopback', loopback), reason: reasonOf(data) };
        return { kind: 'send-failed', ...opt('loopback', loopback), reason: reasonOf(data) };
      }
      case 'CHANNEL_SUBSCRIBED': return { kind: 'subscribed', ...opt('spaceId', spaceOf(control)) };
      case 'SUBSCRIBE_CHANNEL_FAILED': return { kind: 'subscribe-failed', ...opt('spaceId', spaceOf(control)), reason: reasonOf(data) };
      case 'CHANNEL_UNSUBSCRIBED': return { kind: 'unsubscribed', ...opt('spaceId', spaceOf(control)) };
      default: throw new DecodeError(`unknown socket event "${event.slice(0, 40)}"`);
    }
  });
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/**
 * Decode a `MESSAGE_SENT` payload (an object or its JSON text) into events. Every event carries
 * `wireName` (`MESSAGE_SENT/<category>`) and a scrubbed copy of the payload as `raw`.
 */
export function decodeMessageSent(payload: unknown, ctx: DecodeContext): EventsFrame {
  return withInvalidSink(ctx.invalid, () => {
    const p = record(payloadOf(payload, 'MESSAGE_SENT'), 'payload');
    const category = str(p.category, 'category');
    const env: EventEnvelope = { wireName: `MESSAGE_SENT/${category}`, raw: keepRaw(p, { label: 'payload' }) };
    const kind = kindOfCategory(category);
    if (kind !== undefined) {
      const created = category === 'chat' || category === 'idea' || category === 'task';
      const w = readMessage(p, category, ctx, created);
      const conversationId = w.message.conversationId;
      const events: ChatEvent[] = created
        ? [{ ...env, conversationId, type: 'message.created', message: w.message }]
        : [{ ...env, conversationId, type: 'message.updated', message: messagePatch(w) }];
      return assignDefined<EventsFrame>({ kind: 'events', events }, { loopback: w.message.clientRef });
    }
    switch (category) {
      case 'app.event.message.removed': {
        const w = readMessage(p, category, ctx, false);
        const conversationId = w.message.conversationId;
        return { kind: 'events', events: [{ ...env, conversationId, type: 'message.deleted', messageIds: [w.message.id], scope: 'everyone' }] };
      }
      case 'topic.updated': {
        const w = readTopic(p.content, ctx, 'content');
        const conversationId = w.conversation.id;
        const before = ctx.members?.(conversationId);
        return { kind: 'events', events: [{ ...env, conversationId, type: 'conversation.updated', conversation: w.conversation }, ...memberEvents(w, before, ctx.selfId, env)] };
      }
      case 'app.event.topic.new': {
        // The whole topic is in `_id` (and again in `content`).
        const w = readTopic(isRecord(p._id) ? p._id : p.content, ctx, isRecord(p._id) ? '_id' : 'content');
        const conversationId = w.conversation.id;
        return { kind: 'events', newSpaceId: conversationId, events: [{ ...env, conversationId, type: 'conversation.created', conversation: w.conversation }] };
      }
      case 'topic.markread': return { kind: 'events', events: markRead(p, ctx, env) };
      case 'app.event.user.topic.preference.updated': return { kind: 'events', events: preference(p, env) };
      default: return { kind: 'events', events: [{ ...env, type: 'unknown' }] };
    }
  });
}

/** `topic.markread`: my own read marker moved (on any of my devices). */
function markRead(p: WireRecord, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  const conversationId = optIdText(p.topicId, 'topicId');
  if (conversationId === undefined) throw new DecodeError('topicId: topic.markread needs the space');
  const c = optRecord(p.content, 'content') ?? {};
  const at = timeMs(c.messagesLastReadTime, 'content.messagesLastReadTime');
  const unread = optNum(c.unreadMessagesCount, 'content.unreadMessagesCount') ?? 0;
  const reader = { id: ctx.selfId ?? 'self', role: 'self' as const };
  return [
    assignDefined<ChatEventOf<'unread.changed'>>({ ...env, conversationId, type: 'unread.changed', unreadCount: unread }, { lastReadAt: at }),
    assignDefined<ChatEventOf<'receipt.read'>>({ ...env, conversationId, type: 'receipt.read', reader }, { at }),
  ];
}

/** `app.event.user.topic.preference.updated`: my pin and notification settings of a space. */
function preference(p: WireRecord, env: EventEnvelope): ChatEvent[] {
  const c = record(p.content, 'content');
  const conversationId = optIdText(c._id, 'content._id') ?? optIdText(p.topicId, 'topicId');
  if (conversationId === undefined) throw new DecodeError('content._id: a preference needs the space');
  const pinned = optBool(c.isPinned, 'content.isPinned');
  const notification = optBool(c.notification, 'content.notification');
  const conversation = assignDefined<ConversationPatch>({ id: conversationId }, { pinned, muted: notification === undefined ? undefined : !notification });
  const value = assignDefined<Record<string, boolean>>({}, { isPinned: pinned, notification });
  return [
    { ...env, conversationId, type: 'conversation.updated', conversation },
    { ...env, conversationId, type: 'preference.updated', scope: 'conversation', key: conversationId, value },
  ];
}

// ---- outbound ----

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text from the composer as the HTML `bodyText` Spaces expects: escaped, lines as `<br>`, in one `<p>`. */
export function encodeBody(text: string): string {
  return `<p>${text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c).replace(/\r?\n/g, '<br>')}</p>`;
}

/** The `SEND_MESSAGE` payload of a send: a chat, a comment when it has a parent; `loopbackMetadata` = clientRef. */
export function encodeSend(c: CommandOf<'send'>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    category: 'chat',
    topicId: c.conversationId,
    content: { bodyText: encodeBody(c.text), data: [] },
    loopbackMetadata: c.clientRef,
  };
  if (c.threadParentId) out.parentMsg = { _id: c.threadParentId };
  return out;
}

/** The `SUBSCRIBE_CHANNEL` payload for a space. */
export function encodeSubscribe(spaceId: string): { channel: { type: 'topic'; _id: string } } {
  return { channel: { type: 'topic', _id: spaceId } };
}
