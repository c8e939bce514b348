/**
 * Comapi REST answers: the conversation list, a page of messages (`GET …/messages`, with its
 * orphaned status events) and a page of conversation events (`GET …/events?from=&limit=`).
 * One malformed item is handed to `onBad` and skipped; the rest of the answer still counts.
 */
import type { ChatEvent } from '../../events.js';
import type { Conversation } from '../../model.js';
import { array, isRecord, optBool, optNum, optStr, record, type InvalidValueSink, type WireRecord, withInvalidSink } from '../../wire.js';
import { decodeFrame } from './codec.js';
import { readRestMessage, statusByMe } from './decode-message.js';
import { idOf, optSeqOf, scrub, timeOf, type DecodeContext, type Decoded } from './decode-shared.js';

/** Called with each item that failed to decode, and the item. */
export type OnBad = (err: unknown, item: unknown) => void;

/** A conversation of the list, with the newest event id the server reports for it. */
export interface WireConversation {
  conversation: Conversation;
  latestEventId?: number;
}

/** `{id, name, description, roles, isPublic, participantCount, latestSentEventId, _createdOn, _updatedOn}`. */
export function readConversation(v: unknown, what = 'conversation'): WireConversation {
  const r = record(v, what);
  const conversation: Conversation = { id: idOf(r.id, `${what}.id`) };
  const name = optStr(r.name, `${what}.name`);
  if (name) conversation.title = name;
  const at = timeOf(r._updatedOn, `${what}._updatedOn`) ?? timeOf(r._createdOn, `${what}._createdOn`);
  if (at !== undefined) conversation.lastActivityAt = at;
  const meta: Record<string, unknown> = {};
  const description = optStr(r.description, `${what}.description`);
  if (description) meta.description = description;
  const isPublic = optBool(r.isPublic, `${what}.isPublic`);
  if (isPublic !== undefined) meta.isPublic = isPublic;
  const count = optNum(r.participantCount, `${what}.participantCount`);
  if (count !== undefined) meta.participantCount = count;
  if (isRecord(r.roles)) meta.roles = scrub(r.roles);
  if (Object.keys(meta).length) conversation.meta = meta;
  const latest = optSeqOf(r.latestSentEventId, `${what}.latestSentEventId`);
  return latest === undefined ? { conversation } : { conversation, latestEventId: latest };
}

/** The conversation list (a bare array); the values it drops as invalid are told to `invalid`, once for the list. */
export function readConversations(v: unknown, onBad: OnBad, invalid?: InvalidValueSink): WireConversation[] {
  return withInvalidSink(invalid, () => {
    const out: WireConversation[] = [];
    for (const item of array(v, 'conversations')) {
      try {
        out.push(readConversation(item));
      } catch (err) {
        onBad(err, item);
      }
    }
    return out;
  });
}

/** One page of `GET …/messages`. */
export interface MessagesPage {
  /** `message.created` for each message, then the receipts of the orphaned events. */
  events: ChatEvent[];
  earliestEventId?: number;
  latestEventId?: number;
  /** Others' messages on the page, with the status I already gave each (if any). */
  others: { id: string; mine?: 'delivered' | 'read' }[];
}

/**
 * An orphaned status event: `{id, data: {name: "read"|"delivered", payload, eventId}}` (the SDK
 * maps it to `conversationMessage.<name>` with `conversationEventId = id`).
 */
function orphan(v: unknown, conversationId: string, ctx: DecodeContext): Decoded {
  const r = record(v, 'orphanedEvent');
  const data = isRecord(r.data) ? r.data : r;
  const short = optStr(data.name, 'orphanedEvent.data.name') ?? '';
  const name = short.startsWith('conversationMessage.') ? short : `conversationMessage.${short}`;
  return decodeFrame({ ...data, name, conversationId, conversationEventId: r.id ?? data.conversationEventId }, ctx);
}

/** Decode `{earliestEventId, latestEventId, messages[], orphanedEvents[]}`. */
export function readMessagesPage(v: unknown, conversationId: string, ctx: DecodeContext, onBad: OnBad): MessagesPage {
  return withInvalidSink(ctx.invalid, () => {
    const r = record(v, 'messages');
    const page: MessagesPage = { events: [], others: [] };
    const earliest = optSeqOf(r.earliestEventId, 'messages.earliestEventId');
    if (earliest !== undefined) page.earliestEventId = earliest;
    const latest = optSeqOf(r.latestEventId, 'messages.latestEventId');
    if (latest !== undefined) page.latestEventId = latest;
    for (const item of array(r.messages ?? [], 'messages.messages')) {
      try {
        const message = readRestMessage(item, conversationId, ctx);
        page.events.push({ type: 'message.created', conversationId: message.conversationId, message, wireName: 'rest:message', raw: scrub(item) });
        if (message.sender?.role !== 'self') {
          const mine = statusByMe(item as WireRecord, ctx);
          page.others.push(mine === 'delivered' || mine === 'read' ? { id: message.id, mine } : { id: message.id });
        }
      } catch (err) {
        onBad(err, item);
      }
    }
    for (const item of array(r.orphanedEvents ?? [], 'messages.orphanedEvents')) {
      try {
        page.events.push(...orphan(item, conversationId, ctx).events);
      } catch (err) {
        onBad(err, item);
      }
    }
    return page;
  });
}

/** A page of `GET …/events`: socket-shaped events, each with its top-level `conversationId`. */
export function readEventPage(v: unknown, conversationId: string, ctx: DecodeContext, onBad: OnBad): Decoded[] {
  return withInvalidSink(ctx.invalid, () => {
    const out: Decoded[] = [];
    for (const item of array(v, 'events')) {
      try {
        const frame = record(item, 'event');
        out.push(decodeFrame(frame.conversationId === undefined ? { ...frame, conversationId } : frame, ctx));
      } catch (err) {
        onBad(err, item);
      }
    }
    return out;
  });
}
