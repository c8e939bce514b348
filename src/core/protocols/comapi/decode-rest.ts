/**
 * Comapi REST answers: the conversation list, a page of messages (`GET …/messages`, with its
 * orphaned status events) and a page of conversation events (`GET …/events?from=&limit=`).
 * One malformed item is handed to `onBad` and skipped; the rest of the answer still counts.
 */
import type { ChatEvent } from '../../events.js';
import type { Conversation } from '../../model.js';
import { decodeEach } from '../../runtime/catch-up.js';
import { optSequence } from '../../runtime/sequencer.js';
import { DecodeError, checkedUrl, str, array, assignDefined, isRecord, optBool, optNum, optStr, record, type InvalidValueSink, type WireRecord, withInvalidSink } from '../../wire.js';
import { decodeFrame } from './codec.js';
import { readRestMessage, statusByMe } from './decode-message.js';
import { idOf, rawOf, scrub, timeOf, type DecodeContext, type Decoded } from './decode-shared.js';

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
  const id = idOf(r.id, `${what}.id`);
  const title = optStr(r.name, what, 'name') || undefined;
  const lastActivityAt = timeOf(r._updatedOn, `${what}._updatedOn`) ?? timeOf(r._createdOn, `${what}._createdOn`);
  const meta = assignDefined<Record<string, unknown>>({}, {
    description: optStr(r.description, what, 'description') || undefined,
    isPublic: optBool(r.isPublic, what, 'isPublic'),
    participantCount: optNum(r.participantCount, what, 'participantCount'),
    roles: isRecord(r.roles) ? scrub(r.roles) : undefined,
  });
  const conversation = assignDefined<Conversation>({ id }, { title, lastActivityAt, meta: Object.keys(meta).length ? meta : undefined });
  return assignDefined<WireConversation>({ conversation }, { latestEventId: optSequence(r.latestSentEventId, `${what}.latestSentEventId`) });
}

/** The conversation list (a bare array); the values it drops as invalid are told to `invalid`, once for the list. */
export function readConversations(v: unknown, onBad: OnBad, invalid?: InvalidValueSink): WireConversation[] {
  return withInvalidSink(invalid, () => decodeEach(array(v, 'conversations'), (item) => readConversation(item), onBad));
}

/** The answer to a send: the message's id and its event id. */
export interface SendAnswer {
  id: string;
  eventId?: number;
}

/** `POST …/messages` (or the SDK's send) answers `{id, eventId}`. */
export function readSendAnswer(v: unknown): SendAnswer {
  const r = record(v, 'sent message');
  return assignDefined<SendAnswer>({ id: idOf(r.id, 'sent message.id') }, { eventId: optSequence(r.eventId, 'sent message.eventId') });
}

/** A stored file, as `POST /apispaces/{id}/content` answers (the SDK's `IUploadContentResult`). */
export interface Uploaded { url: string; type?: string; name?: string; size?: number }

/** `{id, folder, name, type, url, size}`; a URL that is not a web URL is refused. */
export function readUpload(v: unknown): Uploaded {
  const r = record(v, 'uploaded content');
  const url = checkedUrl(str(r.url, 'uploaded content.url'), 'uploaded content.url');
  if (!url) throw new DecodeError('uploaded content.url: not a web URL');
  return assignDefined<Uploaded>({ url }, { type: optStr(r.type, 'uploaded content.type') || undefined, name: optStr(r.name, 'uploaded content.name') || undefined, size: optNum(r.size, 'uploaded content.size') });
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

/** One message of a page: its `message.created`, and, when it is someone else's, the status I already gave it. */
function pageMessage(item: unknown, conversationId: string, ctx: DecodeContext): { event: ChatEvent; other?: MessagesPage['others'][number] } {
  const message = readRestMessage(item, conversationId, ctx);
  const event: ChatEvent = { type: 'message.created', conversationId: message.conversationId, message, wireName: 'rest:message', raw: rawOf(item) };
  if (message.sender?.role === 'self') return { event };
  const mine = statusByMe(item as WireRecord, ctx);
  return { event, other: mine === 'delivered' || mine === 'read' ? { id: message.id, mine } : { id: message.id } };
}

/** Decode `{earliestEventId, latestEventId, messages[], orphanedEvents[]}`. */
export function readMessagesPage(v: unknown, conversationId: string, ctx: DecodeContext, onBad: OnBad): MessagesPage {
  return withInvalidSink(ctx.invalid, () => {
    const r = record(v, 'messages');
    const page = assignDefined<MessagesPage>({ events: [], others: [] }, {
      earliestEventId: optSequence(r.earliestEventId, 'messages.earliestEventId'),
      latestEventId: optSequence(r.latestEventId, 'messages.latestEventId'),
    });
    for (const m of decodeEach(array(r.messages ?? [], 'messages.messages'), (item) => pageMessage(item, conversationId, ctx), onBad)) {
      page.events.push(m.event);
      if (m.other) page.others.push(m.other);
    }
    const orphans = decodeEach(array(r.orphanedEvents ?? [], 'messages.orphanedEvents'), (item) => orphan(item, conversationId, ctx).events, onBad);
    page.events.push(...orphans.flat());
    return page;
  });
}

/** A page of `GET …/events`: socket-shaped events, each with its top-level `conversationId`. */
export function readEventPage(v: unknown, conversationId: string, ctx: DecodeContext, onBad: OnBad): Decoded[] {
  return withInvalidSink(ctx.invalid, () => decodeEach(array(v, 'events'), (item) => {
    const frame = record(item, 'event');
    return decodeFrame(frame.conversationId === undefined ? { ...frame, conversationId } : frame, ctx);
  }, onBad));
}
