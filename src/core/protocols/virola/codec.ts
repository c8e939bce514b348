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
import type { ChatEvent, EventEnvelope } from '../../events.js';
import { DecodeError, array, id, optId, optStr, parseJson, record, str, withInvalidSink } from '../../wire.js';
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
  return withInvalidSink(ctx.invalid, () => {
    try {
      const f = record(typeof frame === 'string' ? parseJson(frame, 'frame') : frame, 'frame');
      const type = optStr(f.type, 'frame.type') ?? str(f.eventType, 'frame.type');
      const data = record(f.data, 'frame.data');
      switch (type) {
        case 'TextMessagesCreated': return batch(data, dropped, (item, env) => created(item, ctx, env));
        case 'TextMessagesUpdated': return batch(data, dropped, (item, env) => updated(item, ctx, env));
        case 'TextMessageDeleted': return [deleted(data)];
        case 'RoomCreated': {
          const room = readRoom(data.room, true, 'data.room');
          return [{ type: 'conversation.created', conversation: room, wireName: type, raw: data }];
        }
        case 'RoomUpdated': {
          const room = readRoom(data.room, false, 'data.room');
          return [{ type: 'conversation.updated', conversation: room, wireName: type, raw: data }];
        }
        case 'RoomDeleted': {
          const conversationId = id(data.roomId, 'data.roomId');
          return [{ type: 'conversation.deleted', conversationId, wireName: type, raw: data }];
        }
        default:
          return [{ type: 'unknown', wireName: type.slice(0, 80), raw: data }];
      }
    } catch (err) {
      if (err instanceof DecodeError) throw err;
      throw new DecodeError(`frame: ${err instanceof Error ? err.message : 'undecodable'}`);
    }
  });
}

/** `message.created` events for REST message objects (history, catch-up); malformed ones are dropped. */
export function restMessages(list: readonly unknown[], ctx: DecodeContext, dropped: DroppedItem): ChatEvent[] {
  return withInvalidSink(ctx.invalid, () => {
    const out: ChatEvent[] = [];
    for (const item of list) {
      try {
        out.push(...created(item, ctx, { wireName: 'rest:message', raw: item }));
      } catch (err) {
        dropped(err instanceof DecodeError ? err : new DecodeError(String(err)), item);
      }
    }
    return out;
  });
}

function batch(data: Record<string, unknown>, dropped: DroppedItem | undefined, one: (item: unknown, env: EventEnvelope) => ChatEvent[]): ChatEvent[] {
  const messages = array(data.messages, 'data.messages');
  const out: ChatEvent[] = [];
  for (const [i, item] of messages.entries()) {
    try {
      out.push(...one(item, { raw: item }));
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
  const events: ChatEvent[] = [{ ...e, type: 'message.updated', conversationId, message: patch }];
  const author = patch.sender?.id;
  if (author !== undefined && author === ctx.selfId && readers) {
    for (const r of readers) {
      if (r.userId === author) continue;
      const receipt: ChatEvent = { ...e, type: 'receipt.read', conversationId, reader: actorOf(r.userId, ctx), messageIds: [patch.id] };
      if (r.at) receipt.at = r.at;
      events.push(receipt);
    }
  }
  return events;
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
  const invalidValues: string[] = [];
  let events: ChatEvent[] = [];
  try {
    events = decodeFrame(text, { ...ctx, invalid: (problem) => { invalidValues.push(problem); } }, (error) => { bad.push(error); });
  } catch (err) {
    bad.push(err instanceof DecodeError ? err : new DecodeError(String(err)));
  }
  const more = invalidValues.length ? `; ${invalidValues.length} invalid value(s), first: ${invalidValues[0]}` : '';
  if (bad.length) {
    const summary = bad.length === 1 ? bad[0]!.message : `${bad.length} items dropped; first: ${bad[0]!.message}`;
    reports.dropped(new DecodeError(`${summary}${more}`), text);
  } else if (invalidValues.length) {
    const rest = invalidValues.length > 1 ? ` (and ${invalidValues.length - 1} more in this frame)` : '';
    reports.invalid(`${invalidValues[0]}${rest}`);
  }
  return events;
}
