/**
 * The read markers the adapter has heard (members' `lastRead`, from the room list and live), kept
 * to be applied again to history pages.
 *
 * IMKIT says who read what only as a marker: "read up to this message" (`memberProperties[].lastRead`,
 * the socket's `lastRead`); a message itself carries no read state. The store applies a marker to
 * the messages of mine it holds when the marker comes, so messages of mine it fetches later (older
 * pages, after a reload from a cache that holds only the newest) would show unread although the
 * marker covers them. A history page is therefore followed by the markers of its room again.
 */
import type { ChatEvent, ChatEventOf } from '../../events.js';

type ReadReceipt = ChatEventOf<'receipt.read'>;

/** Latest read marker per room and reader. */
export class ReadMarkers {
  private readonly byRoom = new Map<string, Map<string, ReadReceipt>>();

  /** Note every marker (a `receipt.read` up to a message, by someone else) among `events`; returns them unchanged. */
  note(events: ChatEvent[]): ChatEvent[] {
    for (const e of events) {
      if (e.type !== 'receipt.read' || e.upToMessageId === undefined || e.reader.role === 'self') continue;
      let room = this.byRoom.get(e.conversationId);
      if (!room) this.byRoom.set(e.conversationId, room = new Map());
      room.set(e.reader.id, { type: 'receipt.read', conversationId: e.conversationId, reader: e.reader, upToMessageId: e.upToMessageId, wireName: 'rest:history-marker' });
    }
    return events;
  }

  /** A room's known markers, to follow a page of its history (the store places each once its message is there). */
  of(roomId: string): ReadReceipt[] {
    return [...(this.byRoom.get(roomId)?.values() ?? [])];
  }

  /** A history page of `roomId` followed by that room's markers. */
  after(roomId: string, page: readonly ChatEvent[]): ChatEvent[] {
    const markers = this.of(roomId);
    return markers.length ? [...page, ...markers] : [...page];
  }
}
