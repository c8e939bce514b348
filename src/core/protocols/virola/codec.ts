/**
 * The Virola codec: `/api/v1/events` frames in, normalized events out. Pure: no store, no timers,
 * no DOM. A frame is `{"type": "<EventName>", "data": {…}}` [V1 doc/events.md] (the prose once
 * says `eventType`; both are read).
 *
 * | `type` | events |
 * |---|---|
 * | `TextMessagesCreated` | `message.created` per message, each routed by its own `roomId`; a comment (`parentMessageId` ≠ 0) is a reply (`threadParentId`) |
 * | `TextMessagesUpdated` | `message.updated` per message, plus `receipt.read` per reader (other than its author) of my messages |
 * | `TextMessageDeleted` | `message.deleted` (scope everyone) |
 * | `RoomCreated` / `RoomUpdated` / `RoomDeleted` | `conversation.created` / `.updated` / `.deleted` |
 * | anything else | `unknown` |
 *
 * Messages come in batches: a malformed one is handed to `dropped` (one report each) and the others
 * still decode. Without a `dropped` callback the first malformed message throws.
 */
import type { ChatEvent, ChatEventOf, EventEnvelope } from '../../events.js';
import { decodeEach } from '../../runtime/catch-up.js';
import { decodingAs } from '../../runtime/frame-decode.js';
import { DecodeError, array, assignDefined, id, optId, optStr, parseJson, record, str, withInvalidSink } from '../../wire.js';
import { actorOf, readMessage, readMessageFields, type DecodeContext } from './decode-message.js';
import { readRoom } from './decode-conversation.js';

export type { DecodeContext } from './decode-message.js';

/** The event names of the seed. */
export const VIROLA_EVENTS = [
  'TextMessagesCreated', 'TextMessagesUpdated', 'TextMessageDeleted', 'RoomCreated', 'RoomUpdated', 'RoomDeleted',
] as const;

/** Called for each message of a batch that failed to decode. */
export type DroppedItem = (error: DecodeError, item: unknown) => void;

/** Decode one frame (its JSON text, or the parsed object). Throws DecodeError for a malformed frame. */
export function decodeFrame(frame: unknown, ctx: DecodeContext, dropped?: DroppedItem): ChatEvent[] {
  return decodingAs('frame', ctx.invalid, () => {
    const f = record(typeof frame === 'string' ? parseJson(frame, 'frame') : frame, 'frame');
    const type = optStr(f.type, 'frame.type') ?? str(f.eventType, 'frame.type');
    const data = record(f.data, 'frame.data');
    switch (type) {
      case 'TextMessagesCreated': return batch(data, dropped, (item, env) => created(item, ctx, env));
      case 'TextMessagesUpdated': return batch(data, dropped, (item, env) => updated(item, ctx, env));
      case 'TextMessageDeleted': return [deleted(data)];
      case 'RoomCreated': return [{ type: 'conversation.created', conversation: readRoom(data.room, true, 'data.room'), wireName: type, raw: data }];
      case 'RoomUpdated': return [{ type: 'conversation.updated', conversation: readRoom(data.room, false, 'data.room'), wireName: type, raw: data }];
      case 'RoomDeleted': return [{ type: 'conversation.deleted', conversationId: id(data.roomId, 'data.roomId'), wireName: type, raw: data }];
      default:
        return [{ type: 'unknown', wireName: type.slice(0, 80), raw: data }];
    }
  });
}

/** `message.created` events for REST message objects (history, catch-up); malformed ones are dropped. */
export function restMessages(list: readonly unknown[], ctx: DecodeContext, dropped: DroppedItem): ChatEvent[] {
  return withInvalidSink(ctx.invalid, () => decodeEach(list, (item) => created(item, ctx, { wireName: 'rest:message', raw: item }),
    (err, item) => dropped(err instanceof DecodeError ? err : new DecodeError(String(err)), item)).flat());
}

function batch(data: Record<string, unknown>, dropped: DroppedItem | undefined, one: (item: unknown, env: EventEnvelope) => ChatEvent[]): ChatEvent[] {
  const messages = array(data.messages, 'data.messages');
  const out: ChatEvent[] = [];
  for (let i = 0; i < messages.length; i++) {
    const item = messages[i];
    try {
      for (const e of one(item, { raw: item })) out.push(e);
    } catch (err) {
      if (!dropped || !(err instanceof DecodeError)) throw err;
      dropped(new DecodeError(`data.messages[${i}]: ${err.message}`), item);
    }
  }
  return out;
}

function created(item: unknown, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  const message = readMessage(item, ctx);
  return [{ wireName: 'TextMessagesCreated', ...env, type: 'message.created', conversationId: message.conversationId, message }];
}

function updated(item: unknown, ctx: DecodeContext, env: EventEnvelope): ChatEvent[] {
  const { patch, readers } = readMessageFields(item, ctx);
  const e = { wireName: 'TextMessagesUpdated', ...env };
  const conversationId = patch.conversationId;
  const author = patch.sender?.id;
  // Read timestamps of others on my message are their read receipts.
  const others = author !== undefined && author === ctx.selfId ? (readers ?? []).filter((r) => r.userId !== author) : [];
  const receipts = others.map((r) => assignDefined<ChatEventOf<'receipt.read'>>(
    { ...e, type: 'receipt.read', conversationId, reader: actorOf(r.userId, ctx), messageIds: [patch.id] }, { at: r.at || undefined }));
  return [{ ...e, type: 'message.updated', conversationId, message: patch }, ...receipts];
}

function deleted(data: Record<string, unknown>): ChatEvent {
  const conversationId = id(data.roomId, 'data.roomId');
  const messageId = id(data.messageId, 'data.messageId');
  optId(data.parentMessageId, 'data.parentMessageId'); // checked: a comment's deletion is the same event
  return { type: 'message.deleted', conversationId, messageIds: [messageId], scope: 'everyone', wireName: 'TextMessageDeleted', raw: data };
}

/** Where a live frame's one report goes. */
export interface FrameReports {
  dropped(error: DecodeError, frame: unknown): void;
  invalid(problem: string): void;
}

/**
 * A live frame's events. A malformed frame is one report, however many messages of its batch
 * were dropped (the good ones still apply), and so are the impossible values it carried.
 */
export function decodeLiveFrame(text: unknown, ctx: DecodeContext, reports: FrameReports): ChatEvent[] {
  const bad: DecodeError[] = [];
  // One decode is one invalid-value run: its sink hears once, of all the frame dropped (withInvalidSink).
  let invalid: string | undefined;
  let events: ChatEvent[] = [];
  try {
    events = decodeFrame(text, { ...ctx, invalid: (problem) => { invalid = problem; } }, (error) => { bad.push(error); });
  } catch (err) {
    bad.push(err instanceof DecodeError ? err : new DecodeError(String(err)));
  }
  if (bad.length) {
    const summary = bad.length === 1 ? bad[0]!.message : `${bad.length} items dropped; first: ${bad[0]!.message}`;
    reports.dropped(new DecodeError(`${summary}${invalid === undefined ? '' : `; 1 invalid value(s), first: ${invalid}`}`), text);
  } else if (invalid !== undefined) {
    reports.invalid(invalid);
  }
  return events;
}
