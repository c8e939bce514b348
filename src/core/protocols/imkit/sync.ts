/**
 * REST state fetches: the initial load, the catch-up after a reconnect (IMKIT socket events are
 * online-only) and pages of history. REST objects go through the same decoders as socket events;
 * a malformed object is reported and skipped, never fatal. `userDeletedIDs` stay hidden.
 */
import { ParleyError, messageOf } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { HttpError } from '../../http.js';
import type { ChatState } from '../../store.js';
import { DecodeError } from '../../wire.js';
import { roomEvents } from './codec.js';
import { readMessage } from './decode-message.js';
import { readRoom, type WireRoom } from './decode-room.js';
import { scrub, type DecodeContext } from './decode-shared.js';
import { redact } from './redact.js';
import type { ImkitApi, MessagePage } from './rest.js';

/** Most catch-up pages fetched per room after a reconnect. */
export const MAX_CATCH_UP_PAGES = 10;

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

/** The latest page of a room, or the page before `beforeMessage`: history, not news (`origin: 'backfill'`). */
export async function historyPage(d: SyncDeps, roomId: string, beforeMessage: string | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  const q = beforeMessage ? { beforeMessage, limit: d.pageSize } : { limit: d.pageSize };
  return pageToEvents(await d.api.listMessages(roomId, q, signal), roomId, d).map((e) => ({ ...e, origin: 'backfill' as const }));
}

/** The room's `lastMessage` as a message, so every room shows a preview and can page back. */
function lastMessageEvents(rooms: readonly WireRoom[], skip: ReadonlySet<string>): ChatEvent[] {
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
  return events;
}

/** Where a room's catch-up starts: the newest server message the store holds, and the latest change it saw. */
export interface RoomCursor {
  lastId: string;
  /** Latest `updatedAt` (or creation time) among the room's messages. */
  seenAt: number;
  /** Ids the store holds (for telling edits from new messages). */
  ids: ReadonlySet<string>;
}

/** Catch-up cursors per room (pending and streaming messages left out). */
export function roomCursors(state: ChatState): Map<string, RoomCursor> {
  const out = new Map<string, RoomCursor>();
  for (const [cid, list] of state.messages) {
    let lastId: string | undefined;
    let seenAt = 0;
    const ids = new Set<string>();
    for (const m of list) {
      if (m.id.startsWith('local:') || m.streaming) continue;
      lastId = m.id;
      ids.add(m.id);
      seenAt = Math.max(seenAt, m.updatedAt ?? m.createdAt);
    }
    if (lastId !== undefined) out.set(cid, { lastId, seenAt, ids });
  }
  return out;
}

/**
 * Catch-up after a reconnect: refreshed rooms (unread counts left to the store, which counts what
 * it missed), then for each room with messages, `afterMessage=<newest known>` pages until a short
 * one, and one page of what changed since (`afterTime`, `timeRangeField=updatedAt`: edits and
 * recalls made meanwhile); rooms without messages get their last message.
 */
export async function reconnectSync(d: SyncDeps, state: ChatState, signal: AbortSignal): Promise<ChatEvent[]> {
  const { events, rooms } = roomsToEvents(await d.api.listRooms(signal), 'conversation.updated', d, false);
  const cursors = roomCursors(state);
  events.push(...lastMessageEvents(rooms, new Set(cursors.keys())));
  for (const [roomId, cursor] of cursors) {
    try {
      events.push(...await catchUpRoom(d, roomId, cursor, signal));
    } catch (err) {
      // A room I can no longer read (left, removed, deleted) must not keep the whole connection down.
      if (!(err instanceof HttpError) || (err.status !== 403 && err.status !== 404)) throw err;
      d.report(new ParleyError('command', redact(`imkit: catching up room ${roomId} failed: ${err.message}`, d.secrets()), { protocol: 'imkit', cause: err }));
    }
  }
  return events;
}

async function catchUpRoom(d: SyncDeps, roomId: string, cursor: RoomCursor, signal: AbortSignal): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  const seen = new Set<string>();
  let after = cursor.lastId;
  for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
    const got = await d.api.listMessages(roomId, { afterMessage: after, limit: d.pageSize }, signal);
    const decoded = pageToEvents(got, roomId, d);
    events.push(...decoded);
    let newest: { id: string; at: number } | undefined;
    for (const e of decoded) {
      if (e.type !== 'message.created') continue;
      seen.add(e.message.id);
      if (!newest || e.message.createdAt >= newest.at) newest = { id: e.message.id, at: e.message.createdAt };
    }
    if (got.data.length < d.pageSize || !newest || newest.id === after) break;
    after = newest.id;
  }
  // Known messages that changed meanwhile are updates (an edit shows as edited, a recall as deleted).
  const changed = pageToEvents(await d.api.listMessages(roomId, { updatedAfter: cursor.seenAt, limit: d.pageSize }, signal), roomId, d);
  for (const e of changed) {
    if (e.type !== 'message.created') events.push(e);
    else if (cursor.ids.has(e.message.id)) events.push({ ...e, type: 'message.updated', message: e.message });
    else if (!seen.has(e.message.id)) events.push(e);
  }
  return events;
}
