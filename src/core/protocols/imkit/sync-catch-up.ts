/**
 * The catch-up after a reconnect (IMKIT socket events are online-only, so whatever happened while
 * the socket was down comes from REST). Per room the store holds messages of:
 *
 * 1. what changed since (a little before) the newest change the store saw: `afterTime=<ms>&timeRangeField=updatedAt`
 *    (`sortOrder=asc` asked for) page after page until a short page: every message created, edited
 *    or recalled meanwhile. It needs no message id as a starting point, so it works when the newest
 *    messages the store holds were deleted for good meanwhile (an `afterMessage` of a deleted
 *    message is a 404).
 * 2. one refresh page of the messages at and before the newest one the store holds
 *    (`beforeMessage=<the oldest new message>`, or the latest page when nothing is new): it brings
 *    messages whose live frame was lost in the cut although a later one arrived, and shows which
 *    known messages an admin deleted for good meanwhile (`messageDeleted` leaves nothing to fetch:
 *    a known message missing from the pages that cover its place is gone).
 *
 * In which order an `afterTime` query answers is not documented (the v3 list is "sorted by update
 * time" [I2 list-messages.md], the direction not said). A page is read as a set, never by its
 * first or last item. A full page that comes newest change first is taken as what such a server
 * gives: the newest changes, with older ones beyond this query's reach (it has a lower bound only).
 * Then step 2 becomes a refresh of the whole window the store holds: latest page, then
 * `beforeMessage` pages back to the oldest known message, which brings every new message and the
 * current version of every known one, whatever the afterTime order.
 *
 * Known messages come back as `message.updated` (the store keeps the newer version), new ones as
 * `message.created`.
 */
import { ParleyError } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { HttpError } from '../../http.js';
import { cutShort, pageThrough, tombstones } from '../../runtime/catch-up.js';
import { unlessNotFound } from '../../runtime/not-found.js';
import type { Message } from '../../model.js';
import type { HeldMessage, StoreView } from '../../store-view.js';
import { isRecord } from '../../wire.js';
import { STREAM_ID_PREFIX } from './codec.js';
import type { ImkitRun } from './identity.js';
import type { MessagePage } from './rest.js';
import { lastMessageEvents, pageToEvents, roomsToEvents } from './sync.js';

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
  readonly roomId: string;
  /** Server messages the store holds, in thread order (pending and streaming ones left out). */
  readonly known: readonly HeldMessage[];
  /** Latest change (update or creation time) among them. */
  readonly seenAt: number;
}

/** The catch-up cursor of each room with messages. */
export function roomCursors(view: StoreView): RoomCursor[] {
  return view.conversationIds().flatMap((roomId) => {
    const known = view.held(roomId).filter((m) => !m.streaming && !m.id.startsWith(STREAM_ID_PREFIX));
    return known.length ? [{ roomId, known, seenAt: known.reduce((max, m) => Math.max(max, m.changedAt), 0) }] : [];
  });
}

/** What thread order reads of a message. */
type Placed = Pick<Message, 'id' | 'createdAt'>;

/** Thread order of two messages as far as the server's list goes: by creation time, then id. */
const before = (a: Placed, b: Placed): boolean => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/** When a message last changed, as `timeRangeField=updatedAt` orders it. */
const changedAt = (m: Message): number => m.updatedAt ?? m.createdAt;

/** Whether a page's messages come oldest change first (ties allowed). */
export function oldestChangeFirst(messages: readonly Message[]): boolean {
  for (let i = 1; i < messages.length; i++) if (changedAt(messages[i]!) < changedAt(messages[i - 1]!)) return false;
  return true;
}

/** The earliest of some messages in thread order. */
const earliest = <T extends Placed>(list: readonly T[]): T | undefined =>
  list.reduce<T | undefined>((min, m) => (!min || before(m, min) ? m : min), undefined);

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
export async function catchUpRoom(run: ImkitRun, cursor: RoomCursor, signal: AbortSignal): Promise<ChatEvent[]> {
  const { roomId } = cursor;
  const { api } = run.state;
  const limit = run.config.pageSize;
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
    for (const e of pageToEvents(page, roomId, run)) {
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
  // The walk ends at a short page, a page with nothing new, or a full page newest change first.
  const walked = new Set<string>();
  let newestFirst = false;
  const walk = await pageThrough<never, number>(Math.max(0, cursor.seenAt - CATCH_UP_OVERLAP_MS), async (since = 0) => {
    const page = await api.listMessages(roomId, { updatedAfter: since, limit }, signal);
    const got = take(page);
    const progress = got.some((m) => !walked.has(m.id));
    for (const m of got) walked.add(m.id);
    const full = page.data.length >= limit;
    // A full page, newest change first: the newest changes; what lies below them is out of reach here.
    newestFirst = full && !oldestChangeFirst(got);
    const next = Math.max(since, ...got.map((m) => changedAt(m) - 1));
    return full && progress && !newestFirst ? { items: [], next } : { items: [] };
  }, MAX_CATCH_UP_PAGES);
  if (!walk.complete) {
    run.report(cutShort('imkit', `the catch-up of room ${roomId} stopped after ${MAX_CATCH_UP_PAGES} pages; later changes may be missing`));
  }
  if (newestFirst) {
    const tail = await refreshWindow(run, cursor, take, signal); // its pages' messages land in `events` through take
    return [...events, ...tail];
  }

  // 2. The refresh page that ends where the new messages start (or the latest page).
  const starts = [...fresh.values()].filter((m) => before(newestKnown, m)).sort((a, b) => (before(a, b) ? -1 : 1));
  let refresh: MessagePage | undefined;
  let end: Message | undefined;
  for (const candidate of starts.slice(0, MAX_REFRESH_TRIES)) {
    // None when it was deleted in the meantime (its deletion comes live): the next new message will do.
    refresh = await unlessNotFound(api.listMessages(roomId, { beforeMessage: candidate.id, limit }, signal));
    end = candidate;
    if (refresh) break;
  }
  if (!refresh) {
    end = undefined;
    refresh = await api.listMessages(roomId, { limit }, signal);
  }
  const covered = take(refresh);
  // A short page reaches the room's first message: then everything before its end is covered.
  const gone = goneFrom(cursor, { present: idsOf(refresh), from: earliest(covered), reachesStart: refresh.data.length < limit, end });
  if (gone) events.push(gone);
  return events;
}

/** What the refresh pages covered: ids seen, the earliest message, whether the room's start was reached, where they end. */
interface Coverage {
  present: ReadonlySet<string>;
  from: Message | undefined;
  reachesStart: boolean;
  /** The first message past the covered range (undefined: the covered range reaches the newest). */
  end?: Message | undefined;
}

/** The known messages that pages covering their place no longer hold: deleted for good meanwhile. */
function goneFrom(cursor: RoomCursor, c: Coverage): ChatEvent | undefined {
  if (!c.reachesStart && !c.from) return undefined;
  const gone = cursor.known.filter((m) => !m.deleted && !c.present.has(m.id)
    && (c.reachesStart || before(c.from!, m)) && (!c.end || before(m, c.end)));
  return tombstones(cursor.roomId, gone.map((m) => m.id));
}

/**
 * Step 2 when the afterTime pages come newest first: the latest page, then `beforeMessage` pages
 * (each holds its cursor too) back past the oldest message the store holds, or to the room's start.
 */
async function refreshWindow(run: ImkitRun, cursor: RoomCursor, take: (page: MessagePage) => Message[], signal: AbortSignal): Promise<ChatEvent[]> {
  const { roomId } = cursor;
  const limit = run.config.pageSize;
  const oldestKnown = cursor.known[0]!;
  const present = new Set<string>();
  let from: Message | undefined;
  let reachesStart = false;
  let done = false;
  for (let n = 0; n < MAX_CATCH_UP_PAGES && !done; n++) {
    const page = await unlessNotFound(run.state.api.listMessages(roomId, from ? { beforeMessage: from.id, limit } : { limit }, signal));
    // None when the cursor was deleted for good meanwhile: what is covered so far stands.
    if (!page) break;
    for (const id of idsOf(page)) present.add(id);
    const oldest = earliest(take(page));
    reachesStart = page.data.length < limit;
    const progress = !!oldest && (!from || before(oldest, from));
    if (progress) from = oldest;
    done = reachesStart || !progress || !before(oldestKnown, from!);
  }
  if (!done) {
    run.report(cutShort('imkit', `the catch-up of room ${roomId} stopped after ${MAX_CATCH_UP_PAGES} pages back; older changes may be missing`));
  }
  const gone = goneFrom(cursor, { present, from, reachesStart });
  return gone ? [gone] : [];
}

/**
 * Catch-up after a reconnect: refreshed rooms (unread counts left to the store, which counts what
 * it missed), each room with messages caught up (see the module comment), rooms without messages
 * get their last message. Read markers come with the room list: the store keeps each one and
 * applies it to the messages it covers, also those the same batch brings after it.
 */
export async function catchUp(run: ImkitRun, signal: AbortSignal): Promise<ChatEvent[]> {
  const { events, rooms } = roomsToEvents(await run.state.api.listRooms(signal), 'conversation.updated', run, false);
  const cursors = roomCursors(run.view);
  events.push(...lastMessageEvents(rooms, new Set(cursors.map((c) => c.roomId))));
  for (const cursor of cursors) {
    try {
      events.push(...await catchUpRoom(run, cursor, signal));
    } catch (err) {
      // A room I can no longer read (left, removed, deleted) must not keep the whole connection down.
      if (!(err instanceof HttpError) || (err.status !== 403 && err.status !== 404)) throw err;
      run.report(new ParleyError('command', `imkit: catching up room ${cursor.roomId} failed: ${err.message}`, { protocol: 'imkit', cause: err }));
    }
  }
  return events;
}
