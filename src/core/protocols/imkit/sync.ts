/**
 * REST state fetches: the initial load, pages of history, and the catch-up after a reconnect
 * (IMKIT socket events are online-only: sync-catch-up.ts). REST objects go through
 * the same decoders as socket events; a malformed object is reported and skipped, never fatal.
 * `userDeletedIDs` stay hidden.
 */
import type { ChatEvent, ConversationPatch } from '../../events.js';
import { decodeEach } from '../../runtime/catch-up.js';
import { roomEvents } from './codec.js';
import { readRoom, type WireRoom } from './decode-conversation.js';
import { readMessage } from './decode-message.js';
import { contextOf, rawOf } from './decode-shared.js';
import type { ImkitRun } from './identity.js';
import type { MessagePage } from './rest.js';

/** Room events for a REST room list; returns the decoded rooms too. */
export function roomsToEvents(
  list: readonly unknown[], type: 'conversation.created' | 'conversation.updated', run: ImkitRun, keepUnread = true,
): { events: ChatEvent[]; rooms: WireRoom[] } {
  const ctx = contextOf(run);
  const decoded = decodeEach(list, (item) => {
    const room = readRoom(item, ctx, 'rest room');
    if (!keepUnread) delete room.conversation.unreadCount;
    return { room, events: roomEvents(room, { wireName: 'rest:room', raw: rawOf(item) }, type, ctx.selfId) };
  }, run.dropped);
  return { events: decoded.flatMap((d) => d.events), rooms: decoded.map((d) => d.room) };
}

/** `message.created` for a page (hidden ids left out, and removed should the store hold them). */
export function pageToEvents(page: MessagePage, roomId: string, run: ImkitRun): ChatEvent[] {
  const ctx = contextOf(run);
  const hidden = new Set(page.userDeletedIDs);
  const events = decodeEach(page.data, (item): ChatEvent[] => {
    const { message } = readMessage(item, ctx, 'rest message', roomId);
    return hidden.has(message.id) ? [] : [{ type: 'message.created', conversationId: message.conversationId, message, wireName: 'rest:message', raw: rawOf(item) }];
  }, run.dropped).flat();
  if (hidden.size) events.push({ type: 'message.deleted', conversationId: roomId, messageIds: [...hidden], scope: 'self', wireName: 'rest:userDeletedIDs' });
  return events;
}

/**
 * The latest page of a room, or the page before `beforeMessage`: history, not news (`origin:
 * 'backfill'`). The cursor message, which such a page holds too, is left out: a page that brings
 * nothing but it has reached the room's start.
 */
export async function historyPage(run: ImkitRun, roomId: string, beforeMessage: string | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  const limit = run.config.pageSize;
  const page = await run.state.api.listMessages(roomId, beforeMessage ? { beforeMessage, limit } : { limit }, signal);
  return pageToEvents(page, roomId, run)
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
  const shown = rooms.map((w) => w.conversation).filter((c) => !c.hidden);
  return shown.reduce<ConversationPatch | undefined>((best, c) => (!best || (c.lastActivityAt ?? 0) > (best.lastActivityAt ?? 0) ? c : best), undefined)?.id;
}

/** Initial load: every room, each room's last message, and the latest page of the active room. */
export async function initialSync(run: ImkitRun, signal: AbortSignal): Promise<ChatEvent[]> {
  const { events, rooms } = roomsToEvents(await run.state.api.listRooms(signal), 'conversation.created', run);
  const active = pickActive(rooms, run.config.conversation);
  events.push(...lastMessageEvents(rooms, new Set(active ? [active] : [])));
  if (active !== undefined) events.push(...await historyPage(run, active, undefined, signal));
  return events;
}
