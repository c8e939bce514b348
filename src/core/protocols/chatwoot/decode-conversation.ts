/**
 * Chatwoot conversation objects (cable conversation events, the typing events' `conversation`,
 * Application and Client API answers) to the normalized Conversation plus its included messages.
 * Pure; throws DecodeError only.
 */
import type { ChatEvent, EventEnvelope } from '../../events.js';
import type { Actor, Conversation, ConversationStatus, Message } from '../../model.js';
import { assignDefined, isRecord, optArray, optBool, optId, optNum, optRecord, optStr, record, withInvalidSink } from '../../wire.js';
import { decodeMessage } from './decode-message.js';
import { actorOf, positiveTimeMs, type DecodeContext } from './decode-shared.js';

const STATUSES = new Set<ConversationStatus>(['open', 'resolved', 'pending', 'snoozed']);

/** A conversation as read off the wire. */
export interface WireConversation {
  conversation: Conversation;
  /** The included `messages[]` (the latest one on cable events), minus what this side must not see. */
  messages: Message[];
  /** The conversation's contact (`meta.sender`, or `contact` in Client API answers). */
  contact?: Actor;
  /** When the contact last read (`contact_last_seen_at`), ms; undefined for "never". */
  contactLastSeenAt?: number;
  /** When an agent last read (`agent_last_seen_at`), ms; undefined for "never". */
  agentLastSeenAt?: number;
}

/**
 * Read a conversation object. Returns undefined when it has no id (`"id": null`, as in the
 * documentation's `assignee.changed` sample, which was rendered from an unsaved record): there is
 * nothing to attach it to, and it is not a malformed frame either.
 */
export function readConversation(v: unknown, ctx: DecodeContext, what = 'conversation'): WireConversation | undefined {
  return withInvalidSink(ctx.invalid, () => {
    const c = record(v, what);
    const cid = optId(c.id, what, 'id');
    if (cid === undefined) return undefined;
    const meta = optRecord(c.meta, what, 'meta');
    const contact = actorOf(meta?.sender ?? c.contact, ctx, `${what}.meta.sender`, 'contact');
    const assignee = actorOf(meta?.assignee ?? c.assignee, ctx, `${what}.meta.assignee`, 'user');
    const contactLastSeenAt = positiveTimeMs(c.contact_last_seen_at, `${what}.contact_last_seen_at`);
    const agentLastSeenAt = positiveTimeMs(c.agent_last_seen_at, `${what}.agent_last_seen_at`);

    const status = optStr(c.status, what, 'status');
    const members = [contact, assignee].filter((a): a is Actor => a !== undefined);
    // `unread_count` counts the contact's messages agents have not seen: meaningful to agents only.
    const unread = ctx.role === 'agent' ? optNum(c.unread_count, what, 'unread_count') : undefined;
    const last = positiveTimeMs(c.timestamp, `${what}.timestamp`) ?? positiveTimeMs(c.last_activity_at, `${what}.last_activity_at`);
    const extra = assignDefined<Record<string, unknown>>({}, {
      inboxId: optId(c.inbox_id, what, 'inbox_id'),
      channel: optStr(c.channel, what, 'channel'),
      canReply: optBool(c.can_reply, what, 'can_reply'),
    });
    const conversation = assignDefined<Conversation>({ id: cid }, {
      status: status !== undefined && STATUSES.has(status as ConversationStatus) ? status as ConversationStatus : undefined,
      // A contact's conversation is named after its assignee. The Client API's thin conversation has
      // none: the title is then left as it was (a cable frame's push data names the assignee).
      title: ctx.role === 'agent' ? contact?.name ?? `Conversation #${cid}` : assignee?.name || undefined,
      assignee,
      members: members.length ? members : undefined,
      unreadCount: unread,
      lastActivityAt: last,
      peerLastReadAt: ctx.role === 'agent' ? contactLastSeenAt : agentLastSeenAt,
      meta: Object.keys(extra).length ? extra : undefined,
    });

    const messages = optArray(c.messages, what, 'messages').flatMap((raw, i) => {
      // Client API answers may leave the conversation id out of nested messages.
      const m = isRecord(raw) && (raw.conversation_id === undefined || raw.conversation_id === null) ? { ...raw, conversation_id: cid } : raw;
      return decodeMessage(m, ctx, `${what}.messages[${i}]`) ?? [];
    });

    return { conversation, messages, contact, contactLastSeenAt, agentLastSeenAt };
  });
}

/**
 * Events for one conversation object: `conversation.created` or `conversation.updated`, followed
 * by a `message.created` for each included message.
 */
export function conversationEvents(w: WireConversation, type: 'conversation.created' | 'conversation.updated', env: EventEnvelope): ChatEvent[] {
  const conversationId = w.conversation.id;
  const messages = w.messages.map((message): ChatEvent => ({ ...env, type: 'message.created', conversationId, message }));
  return [{ ...env, type, conversationId, conversation: w.conversation }, ...messages];
}

/**
 * The other side's read time as a receipt on my messages: the contact's `contact_last_seen_at`
 * for an agent, the agents' `agent_last_seen_at` for a contact. Live (`conversation.read`) and
 * from REST, where a catch-up's receipts must follow its messages: a read made while the socket
 * was cut comes back no other way for messages older than the pages read again.
 */
export function peerReadReceipts(w: WireConversation, role: DecodeContext['role'], env: EventEnvelope): ChatEvent[] {
  const conversationId = w.conversation.id;
  if (role === 'agent' && w.contactLastSeenAt !== undefined) {
    return [{ ...env, type: 'receipt.read', conversationId, reader: w.contact ?? { id: 'contact', role: 'customer' }, at: w.contactLastSeenAt }];
  }
  if (role === 'contact' && w.agentLastSeenAt !== undefined) {
    return [{ ...env, type: 'receipt.read', conversationId, reader: w.conversation.assignee ?? { id: 'agent', role: 'agent' }, at: w.agentLastSeenAt }];
  }
  return [];
}

/**
 * `events` with my messages raised to `read` where a receipt of the other side in the same batch
 * covers them (created at or before its newest read time in the conversation). Chatwoot gives that
 * side's read time, never a status on my messages (a contact's own stay `sent` forever), and a
 * sync's receipts come after the messages they cover; the store raises those arriving later.
 */
export function readByPeer(events: readonly ChatEvent[]): ChatEvent[] {
  const readAt = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'receipt.read' || e.at === undefined || e.reader.role === 'self') continue;
    if (e.at > (readAt.get(e.conversationId) ?? -Infinity)) readAt.set(e.conversationId, e.at);
  }
  return events.map((e) => {
    if (e.type !== 'message.created') return e;
    const m = e.message;
    const at = readAt.get(m.conversationId);
    if (at === undefined || m.sender?.role !== 'self' || m.deleted || m.createdAt > at) return e;
    if (m.status === 'read' || m.status === 'failed' || m.status === 'pending') return e;
    return { ...e, message: { ...m, status: 'read' } };
  });
}
