/**
 * The Avaya Spaces codec: socket.io events of the `/chat` namespace in, normalized events out;
 * commands in, `SEND_MESSAGE` / `SUBSCRIBE_CHANNEL` payloads out. Pure: no store, no timers, no
 * DOM. A malformed payload throws a DecodeError and nothing else.
 */
import type { ChatEvent, EventEnvelope } from '../../events.js';
import type { CommandOf } from '../../commands.js';
import { DecodeError, isRecord, optBool, optNum, optRecord, parseJson, record, str, type WireRecord, withInvalidSink } from '../../wire.js';
import { messagePatch, readMessage, kindOfCategory } from './decode-message.js';
import { nonEmpty, optIdText, scrub, timeMs, type DecodeContext } from './decode-shared.js';
import { memberEvents, readTopic } from './decode-topic.js';

export type { DecodeContext } from './decode-shared.js';

/** Socket events the adapter listens to. */
export const INBOUND_EVENTS = ['MESSAGE_SENT', 'SEND_MESSAGE_FAILED', 'CHANNEL_SUBSCRIBED', 'SUBSCRIBE_CHANNEL_FAILED', 'CHANNEL_UNSUBSCRIBED'] as const;

/** The category (or type) of a payload that says the socket is not subscribed to its space. */
export const SUBSCRIPTION_REQUIRED = 'app.event.channel.subscription.required';

/** What one socket event means to the adapter. */
export type SpacesFrame =
  | { kind: 'events'; events: ChatEvent[]; loopback?: string; newSpaceId?: string; serverTime?: number }
  | { kind: 'subscribed'; spaceId?: string }
  | { kind: 'subscribe-failed'; spaceId?: string; reason: string }
  | { kind: 'unsubscribed'; spaceId?: string }
  | { kind: 'subscription-required'; spaceId?: string; loopback?: string; reason: string }
  | { kind: 'send-failed'; loopback?: string; reason: string };

/** Payloads may come as objects or (from some servers) as JSON text. */
function payloadOf(v: unknown, what: string): unknown {
  return typeof v === 'string' && /^\s*[{[]/.test(v) ? parseJson(v, what) : v;
}

/** Human text of an error payload: `message`, `error`, `error.message`, `reason` or `code`. */
export function reasonOf(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, 200) || 'no reason given';
  if (!isRecord(v)) return 'no reason given';
  for (const key of ['message', 'error', 'reason', 'code']) {
    const x = v[key];
    if (typeof x === 'string' && x) return x.slice(0, 200);
    if (typeof x === 'number') return String(x);
    if (isRecord(x) && typeof x.message === 'string') return x.message.slice(0, 200);
  }
  return 'no reason given';
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
    switch (event) {
      case 'MESSAGE_SENT': {
        const p = record(data, 'payload');
        if (isSubscriptionRequired(p)) return { kind: 'subscription-required', ...opt('spaceId', spaceOf(p)), reason: reasonOf(p) };
        return decodeMessageSent(p, ctx);
      }
      case 'SEND_MESSAGE_FAILED': {
        const p = isRecord(data) ? data : {};
        const loopback = nonEmpty(p.loopbackMetadata, 'loopbackMetadata');
        if (isSubscriptionRequired(p)) return { kind: 'subscription-required', ...opt('spaceId', spaceOf(p)), ...opt('loopback', loopback), reason: reasonOf(data) };
        return { kind: 'send-failed', ...opt('loopback', loopback), reason: reasonOf(data) };
      }
      case 'CHANNEL_SUBSCRIBED': return { kind: 'subscribed', ...opt('spaceId', isRecord(data) ? spaceOf(data) : undefined) };
      case 'SUBSCRIBE_CHANNEL_FAILED': return { kind: 'subscribe-failed', ...opt('spaceId', isRecord(data) ? spaceOf(data) : undefined), reason: reasonOf(data) };
      case 'CHANNEL_UNSUBSCRIBED': return { kind: 'unsubscribed', ...opt('spaceId', isRecord(data) ? spaceOf(data) : undefined) };
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
export function decodeMessageSent(payload: unknown, ctx: DecodeContext): Extract<SpacesFrame, { kind: 'events' }> {
  return withInvalidSink(ctx.invalid, () => {
    const p = record(payloadOf(payload, 'MESSAGE_SENT'), 'payload');
    const category = str(p.category, 'category');
    const env: EventEnvelope = { wireName: `MESSAGE_SENT/${category}`, raw: scrub(p) };
    const kind = kindOfCategory(category);
    if (kind !== undefined) {
      const created = category === 'chat' || category === 'idea' || category === 'task';
      const w = readMessage(p, category, ctx, created);
      const conversationId = w.message.conversationId;
      const events: ChatEvent[] = created
        ? [{ ...env, conversationId, type: 'message.created', message: w.message }]
        : [{ ...env, conversationId, type: 'message.updated', message: messagePatch(w) }];
      return withOpt({ kind: 'events', events }, w.message.clientRef, w.serverTime);
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

function withOpt(frame: Extract<SpacesFrame, { kind: 'events' }>, loopback: string | undefined, serverTime: number | undefined): Extract<SpacesFrame, { kind: 'events' }> {
  if (loopback !== undefined) frame.loopback = loopback;
  if (serverTime !== undefined) frame.serverTime = serverTime;
  return frame;
}

/** `topic.markread`: my own read marker moved (on any of my devices). */
function markRead(p: WireRecord, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  const conversationId = optIdText(p.topicId, 'topicId');
  if (conversationId === undefined) throw new DecodeError('topicId: topic.markread needs the space');
  const c = optRecord(p.content, 'content') ?? {};
  const at = timeMs(c.messagesLastReadTime, 'content.messagesLastReadTime');
  const unread = optNum(c.unreadMessagesCount, 'content.unreadMessagesCount') ?? 0;
  const reader = { id: ctx.selfId ?? 'self', role: 'self' as const };
  const events: ChatEvent[] = [at === undefined
    ? { ...env, conversationId, type: 'unread.changed', unreadCount: unread }
    : { ...env, conversationId, type: 'unread.changed', unreadCount: unread, lastReadAt: at }];
  events.push(at === undefined ? { ...env, conversationId, type: 'receipt.read', reader } : { ...env, conversationId, type: 'receipt.read', reader, at });
  return events;
}

/** `app.event.user.topic.preference.updated`: my pin and notification settings of a space. */
function preference(p: WireRecord, env: EventEnvelope): ChatEvent[] {
  const c = record(p.content, 'content');
  const conversationId = optIdText(c._id, 'content._id') ?? optIdText(p.topicId, 'topicId');
  if (conversationId === undefined) throw new DecodeError('content._id: a preference needs the space');
  const pinned = optBool(c.isPinned, 'content.isPinned');
  const notification = optBool(c.notification, 'content.notification');
  const conversation: { id: string; pinned?: boolean; muted?: boolean } = { id: conversationId };
  if (pinned !== undefined) conversation.pinned = pinned;
  if (notification !== undefined) conversation.muted = !notification;
  const value: Record<string, boolean> = {};
  if (pinned !== undefined) value.isPinned = pinned;
  if (notification !== undefined) value.notification = notification;
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
