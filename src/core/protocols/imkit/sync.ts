/**
 * REST state fetches: the initial load and pages of history (the catch-up after a reconnect, which
 * IMKIT needs because socket events are online-only, is in catch-up.ts). REST objects go through the same decoders as socket events;
 * a malformed object is reported and skipped, never fatal. `userDeletedIDs` stay hidden.
 */
import { ParleyError, messageOf } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { DecodeError } from '../../wire.js';
import { roomEvents } from './codec.js';
import { readMessage } from './decode-message.js';
import { readRoom, type WireRoom } from './decode-room.js';
import { scrub, type DecodeContext } from './decode-shared.js';
import { redact } from './redact.js';
import type { ImkitApi, MessagePage } from './rest.js';

/** What the fetches need. */
export interface SyncDeps {
  api: ImkitApi;
  ctx(): DecodeContext;
  report(error: ParleyError): void;
  /** Credentials to keep out of reports. */
  secrets(): (string | undefined)[];
  pageSize: number;
}

/** A `decode` report for one dropped REST object. */
export function restReport(err: unknown, item: unknown, d: Pick<SyncDeps, 'secrets'>): ParleyError {
  const reason = err instanceof DecodeError ? err.message : `unexpected ${messageOf(err)}`;
  let text: string;
  try {
    text = JSON.stringify(item)?.slice(0, 2000) ?? String(item);
  } catch {
    text = '[unprintable]';
  }
  return new ParleyError('decode', redact(`imkit object dropped: ${reason}`, d.secrets()), {
    protocol: 'imkit', frame: redact(text, d.secrets()), cause: err instanceof DecodeError ? err : undefined,
  });
}

/** Room events for a REST room list; returns the decoded rooms too. */
export function roomsToEvents(
  list: readonly unknown[], type: 'conversation.created' | 'conversation.updated', d: SyncDeps, keepUnread = true,
): { events: ChatEvent[]; rooms: WireRoom[] } {
  const ctx = d.ctx();
  const events: ChatEvent[] = [];
  const rooms: WireRoom[] = [];
  for (const item of list) {
    try {
      const w = readRoom(item, ctx, 'rest room');
      if (!keepUnread) delete w.conversation.unreadCount;
      rooms.push(w);
      events.push(...roomEvents(w, { wireName: 'rest:room', raw: scrub(item) }, type, ctx.selfId));
    } catch (err) {
      d.report(restReport(err, item, d));
    }
  }
  return { events, rooms };
}

/** `message.created` for a page (hidden ids left out, and removed should the store hold them). */
export function pageToEvents(page: MessagePage, roomId: string, d: SyncDeps): ChatEvent[] {
  const ctx = d.ctx();
  const hidden = new Set(page.userDeletedIDs);
  const events: ChatEvent[] = [];
  for (const item of page.data) {
    try {
      const { message } = readMessage(item, ctx, 'rest message', roomId);
      if (hidden.has(message.id)) continue;
      events.push({ type: 'message.created', conversationId: message.conversationId, message, wireName: 'rest:message', raw: scrub(item) });
    } catch (err) {
      d.report(restReport(err, item, d));
    }
  }
  if (hidden.size) events.push({ type: 'message.deleted', conversationId: roomId, messageIds: [...hidden], scope: 'self', wireName: 'rest:userDeletedIDs' });
  return events;
}

/**
 * The latest page of a room, or the page before `beforeMessage`: history, not news (`origin:
 * 'backfill'`). The cursor message, which such a page holds too, is left out: a page that brings
 * nothing but it has reached the room's start.
 */
export async function historyPage(d: SyncDeps, roomId: string, beforeMessage: string | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  const q = beforeMessage ? { beforeMessage, limit: d.pageSize } : { limit: d.pageSize };
  return pageToEvents(await d.api.listMessages(roomId, q, signal), roomId, d)
    .filter((e) => !(e.type === 'message.created' && e.message.id === beforeMessage))
    .map((e) => ({ ...e, origin: 'backfill' as const }));
}

/** The room's `lastMessage` as a message, so every room shows a preview and can page back. */
export function lastMessageEvents(rooms: readonly WireRoom[], skip: ReadonlySet<string>): ChatEvent[] {
  return rooms.flatMap((w) => (w.lastMessage && !skip.has(w.conversation.id) ? [{
    type: 'message.created' as const, conversationId: w.conversation.id, message: w.lastMessage.message, wireName: 'rest:lastMessage',
  }] : []));
}

/** The room to load first: the requested one when listed, else the most recently active. */
export function pickActive(rooms: readonly WireRoom[], wanted?: string): string | undefined {
  if (wanted && rooms.some((w) => w.conversation.id === wanted)) return wanted;
  let best: WireRoom | undefined;
  for (const w of rooms) {
    if (w.conversation.hidden) continue;
    if (!best || (w.conversation.lastActivityAt ?? 0) > (best.conversation.lastActivityAt ?? 0)) best = w;
  }
  return best?.conversation.id;
}

/** Initial load: every room, each room's last message, and the latest page of the active room. */
export async function initialSync(d: SyncDeps, wanted: string | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  const { events, rooms } = roomsToEvents(await d.api.listRooms(signal), 'conversation.created', d);
  const active = pickActive(rooms, wanted);
  events.push(...lastMessageEvents(rooms, new Set(active ? [active] : [])));
  if (active !== undefined) events.push(...await historyPage(d, active, undefined, signal));
  return receiptsLast(events);
}

/** Read receipts go after everything else: a marker can name a message the same batch brings. */
export function receiptsLast(events: readonly ChatEvent[]): ChatEvent[] {
  return [...events.filter((e) => e.type !== 'receipt.read'), ...events.filter((e) => e.type === 'receipt.read')];
}
