/**
 * The catch-up after a reconnect (IMKIT socket events are online-only, so whatever happened while
 * the socket was down comes from REST). Per room the store holds messages of:
 *
 * 1. what changed since (a little before) the newest change the store saw: `afterTime=<ms>&timeRangeField=updatedAt`
 *    page after page (ascending `updatedAt`) until a short page: every message created, edited or
 *    recalled meanwhile. It needs no message id as a starting point, so it works when the newest
 *    messages the store holds were deleted for good meanwhile (an `afterMessage` of a deleted
 *    message is a 404).
 * 2. one refresh page of the messages at and before the newest one the store holds
 *    (`beforeMessage=<the oldest new message>`, or the latest page when nothing is new): it brings
 *    messages whose live frame was lost in the cut although a later one arrived, and shows which
 *    known messages an admin deleted for good meanwhile (`messageDeleted` leaves nothing to fetch:
 *    a known message missing from the pages that cover its place is gone).
 *
 * Known messages come back as `message.updated` (the store keeps the newer version), new ones as
 * `message.created`. Read markers come with the room list and are applied after the messages.
 */
import { ParleyError } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { HttpError } from '../../http.js';
import type { Message } from '../../model.js';
import type { ChatState } from '../../store.js';
import { isRecord } from '../../wire.js';
import { isLocalId } from './execute.js';
import type { MessagePage } from './rest.js';
import { redact } from './redact.js';
import { lastMessageEvents, pageToEvents, receiptsLast, roomsToEvents, type SyncDeps } from './sync.js';

/**
 * Most pages one walk fetches per room before the connection opens (15,000 changes at the default
 * page size). The walk restarts after every cut (what an aborted sync fetched is dropped), so an
 * outage full of short reconnects can leave thousands of changes to read in one go; past this the
 * rest is reported as missing.
 */
export const MAX_CATCH_UP_PAGES = 500;
/**
 * How far before the newest change the store saw the walk starts. That change does not prove every
 * older one arrived: frames can reach the socket out of order, and a cut loses the one still on its
 * way, so the store may hold a change at T while a change at T - 20 ms, to another message, never
 * came (the fault storm found an edit lost that way). What comes twice is merged by version.
 */
export const CATCH_UP_OVERLAP_MS = 1000;
/** Most new messages tried as the refresh page's end when they keep vanishing under it. */
const MAX_REFRESH_TRIES = 5;

/** What the store holds of one room, for its catch-up. */
export interface RoomCursor {
  /** Server messages the store holds, in thread order (pending and streaming ones left out). */
  known: readonly Message[];
  /** Latest `updatedAt` (or creation time) among them. */
  seenAt: number;
}

/** Catch-up cursors per room with messages. */
export function roomCursors(state: ChatState): Map<string, RoomCursor> {
  const out = new Map<string, RoomCursor>();
  for (const [cid, list] of state.messages) {
    const known = list.filter((m) => !isLocalId(m.id) && !m.streaming);
    if (!known.length) continue;
    const seenAt = known.reduce((max, m) => Math.max(max, m.updatedAt ?? m.createdAt), 0);
    out.set(cid, { known, seenAt });
  }
  return out;
}

/** Thread order of two messages as far as the server's list goes: by creation time, then id. */
const before = (a: Message, b: Message): boolean => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/** Ids a page holds, hidden ones (`userDeletedIDs`) and undecodable ones included. */
function idsOf(page: MessagePage): Set<string> {
  const ids = new Set(page.userDeletedIDs);
  for (const item of page.data) {
    const id = isRecord(item) ? item._id ?? item.id : undefined;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/** One room's catch-up events (see the module comment). */
export async function catchUpRoom(d: SyncDeps, roomId: string, cursor: RoomCursor, signal: AbortSignal): Promise<ChatEvent[]> {
  const knownIds = new Set(cursor.known.map((m) => m.id));
  const oldestKnown = cursor.known[0]!;
  const newestKnown = cursor.known.at(-1)!;
  const fresh = new Map<string, Message>();
  const events: ChatEvent[] = [];
  /** Version last emitted per id: a message fetched twice unchanged (pages overlap) goes out once. */
  const emitted = new Map<string, number | undefined>();
  /** Emits a page's events; returns its messages. */
  const take = (page: MessagePage): Message[] => {
    const messages: Message[] = [];
    for (const e of pageToEvents(page, roomId, d)) {
      if (e.type !== 'message.created') { events.push(e); continue; }
      messages.push(e.message);
      if (emitted.has(e.message.id) && emitted.get(e.message.id) === e.message.version) continue;
      emitted.set(e.message.id, e.message.version);
      if (knownIds.has(e.message.id)) events.push({ ...e, type: 'message.updated', message: e.message });
      // A change to a message older than the loaded history is left to paging back: no lone message above a gap.
      else if (before(e.message, oldestKnown)) continue;
      else {
        events.push(e);
        fresh.set(e.message.id, e.message);
      }
    }
    return messages;
  };

  // 1. Everything changed since (a millisecond's ties are fetched again rather than skipped), from
  // a little earlier still: see CATCH_UP_OVERLAP_MS.
  let since = Math.max(0, cursor.seenAt - CATCH_UP_OVERLAP_MS);
  const walked = new Set<string>();
  let walkedToEnd = false;
  for (let n = 0; n < MAX_CATCH_UP_PAGES && !walkedToEnd; n++) {
    const page = await d.api.listMessages(roomId, { updatedAfter: since, limit: d.pageSize }, signal);
    let progress = false;
    let newestChange = since;
    for (const m of take(page)) {
      newestChange = Math.max(newestChange, m.updatedAt ?? m.createdAt);
      if (!walked.has(m.id)) progress = true;
      walked.add(m.id);
    }
    walkedToEnd = page.data.length < d.pageSize || !progress;
    since = Math.max(since, newestChange - 1);
  }
  if (!walkedToEnd) {
    d.report(new ParleyError('transport', redact(`imkit: the catch-up of room ${roomId} stopped after ${MAX_CATCH_UP_PAGES} pages; later changes may be missing`, d.secrets()), { protocol: 'imkit' }));
  }

  // 2. The refresh page that ends where the new messages start (or the latest page).
  const starts = [...fresh.values()].filter((m) => before(newestKnown, m)).sort((a, b) => (before(a, b) ? -1 : 1));
  let refresh: MessagePage | undefined;
  let end: Message | undefined;
  for (const candidate of starts.slice(0, MAX_REFRESH_TRIES)) {
    try {
      refresh = await d.api.listMessages(roomId, { beforeMessage: candidate.id, limit: d.pageSize }, signal);
      end = candidate;
      break;
    } catch (err) {
      // Deleted in the meantime (its deletion comes live): the next new message will do.
      if (!(err instanceof HttpError) || err.status !== 404) throw err;
    }
  }
  if (!refresh) {
    end = undefined;
    refresh = await d.api.listMessages(roomId, { limit: d.pageSize }, signal);
  }
  const covered = take(refresh);
  const present = idsOf(refresh);
  // A short page reaches the room's first message: then everything before its end is covered.
  const reachesStart = refresh.data.length < d.pageSize;
  const from = covered.reduce<Message | undefined>((min, m) => (!min || before(m, min) ? m : min), undefined);
  const gone = !reachesStart && !from ? [] : cursor.known.filter((m) => !m.deleted && !present.has(m.id)
    && (reachesStart || before(from!, m)) && (!end || before(m, end)));
  if (gone.length) events.push({ type: 'message.deleted', conversationId: roomId, messageIds: gone.map((m) => m.id), scope: 'everyone', wireName: 'rest:catch-up' });
  return events;
}

/**
 * Catch-up after a reconnect: refreshed rooms (unread counts left to the store, which counts what
 * it missed), each room with messages caught up (see the module comment), rooms without messages
 * get their last message.
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
  return receiptsLast(events);
}
