/**
 * REST state fetches: the initial load, the catch-up after a reconnect, and pages of history.
 * REST objects go through the same decoders as socket frames; a malformed one is reported and
 * skipped, never fatal.
 *
 * Whether a `cursor` message is itself part of a page is not documented, so pages are filtered
 * here: `forward` keeps ids after the cursor, `backward` ids before it. Room lists give top-level
 * messages; comments are fetched per parent (`commentCount`).
 */
import { messageOf } from '../../errors.js';
import type { ChatEvent, ChatEventOf } from '../../events.js';
import type { Message } from '../../model.js';
import { compareIds } from '../../order.js';
import type { ChatState } from '../../store.js';
import { DecodeError } from '../../wire.js';
import { restMessages, type DecodeContext, type DroppedItem } from './codec.js';
import { readRoom } from './decode-room.js';
import type { PageQuery, VirolaApi } from './rest.js';

/** Most forward pages fetched per room when catching up after a reconnect (a gap is a lost message: generous). */
export const MAX_CATCH_UP_PAGES = 100;
/** Most parents whose comments are fetched with one page of messages. */
export const MAX_COMMENT_PARENTS = 20;

/** What the fetches need. */
export interface BackfillDeps {
  api: VirolaApi;
  ctx(): DecodeContext;
  dropped: DroppedItem;
  pageSize: number;
  initialRooms: number;
}

type Created = ChatEventOf<'message.created'>;

const isCreated = (e: ChatEvent): e is Created => e.type === 'message.created';
const serverId = (m: Message): boolean => !m.id.startsWith('local:');

/** `conversation.*` events for the room list; malformed rooms are dropped. */
function roomEvents(list: readonly unknown[], type: 'conversation.created' | 'conversation.updated', d: BackfillDeps): ChatEvent[] {
  const out: ChatEvent[] = [];
  for (const item of list) {
    try {
      out.push({ type, conversation: readRoom(item, true), wireName: 'rest:room', raw: item });
    } catch (err) {
      d.dropped(err instanceof DecodeError ? err : new DecodeError(messageOf(err)), item);
    }
  }
  return out;
}

/** One page of a room's messages, filtered by the cursor, with the comments of its parents. */
export async function messagePage(d: BackfillDeps, roomId: string, query: PageQuery, signal?: AbortSignal): Promise<Created[]> {
  const list = await d.api.messages(roomId, query, signal);
  let events = restMessages(list, d.ctx(), d.dropped).filter(isCreated);
  const cursor = query.cursor;
  if (cursor !== undefined) {
    events = events.filter((e) => (query.direction === 'forward' ? compareIds(e.message.id, cursor) > 0 : compareIds(e.message.id, cursor) < 0));
  }
  return events;
}

/** Comments of the given parents (the latest page of each). */
export async function commentsOf(d: BackfillDeps, parents: readonly Message[], signal?: AbortSignal): Promise<Created[]> {
  const pages = await Promise.all(parents.slice(-MAX_COMMENT_PARENTS).map(async (p) => {
    const list = await d.api.comments(p.id, { direction: 'backward', limit: d.pageSize }, signal);
    return restMessages(list, d.ctx(), d.dropped).filter(isCreated);
  }));
  return pages.flat();
}

const commentCount = (m: Message): number => (typeof m.meta?.commentCount === 'number' ? m.meta.commentCount : 0);

/** A page of messages plus the comments of those that have any. */
export async function pageWithComments(d: BackfillDeps, roomId: string, query: PageQuery, signal?: AbortSignal): Promise<Created[]> {
  const page = await messagePage(d, roomId, query, signal);
  const parents = page.map((e) => e.message).filter((m) => commentCount(m) > 0);
  return [...page, ...(await commentsOf(d, parents, signal))];
}

/** The room to show first: the requested one when listed, else the most recently active. */
function byActivity(events: readonly ChatEvent[]): string[] {
  const rooms = events.flatMap((e) => (e.type === 'conversation.created' || e.type === 'conversation.updated' ? [e.conversation] : []));
  return rooms.sort((a, b) => (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0) || compareIds(b.id, a.id)).map((c) => c.id);
}

/**
 * Initial load: every room, then the latest page (with comments) of the requested room and of the
 * most recently active ones, up to `initialRooms`.
 */
export async function initialSync(d: BackfillDeps, wanted: string | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  const events = roomEvents(await d.api.rooms(signal), 'conversation.created', d);
  const ordered = byActivity(events);
  const load = (wanted && ordered.includes(wanted) ? [wanted, ...ordered.filter((r) => r !== wanted)] : ordered).slice(0, d.initialRooms);
  const pages = await Promise.all(load.map((roomId) => pageWithComments(d, roomId, { direction: 'backward', limit: d.pageSize }, signal)));
  return [...events, ...pages.flat()];
}

/** What the store held of one room before the disconnect. */
interface Known {
  lastTopLevel?: string;
  messages: readonly Message[];
}

function known(state: ChatState, roomId: string): Known {
  const messages = (state.messages.get(roomId) ?? []).filter(serverId);
  let last: string | undefined;
  // A tombstone's id may be unknown to the server by now: the cursor is the newest message still there.
  for (const m of messages) if (!m.threadParentId && !m.deleted && (last === undefined || compareIds(m.id, last) > 0)) last = m.id;
  return last === undefined ? { messages } : { lastTopLevel: last, messages };
}

/**
 * Catch-up for one room. First the page before the last message seen (it refreshes the newest
 * messages the user had: edits, read marks and deletions made during the outage land there),
 * then every message after that page's oldest, forward, to the end. A known top-level message in
 * the covered range that no page returned was deleted meanwhile. Comments are fetched for
 * parents that have more than the store holds.
 */
async function catchUpRoom(d: BackfillDeps, roomId: string, k: Known, signal: AbortSignal): Promise<ChatEvent[]> {
  const last = k.lastTopLevel!;
  const refresh = await messagePage(d, roomId, { cursor: last, direction: 'backward', limit: d.pageSize }, signal);
  const got: Created[] = [...refresh];
  const oldestId = (list: readonly Created[]): string | undefined =>
    list.reduce<string | undefined>((min, e) => (min === undefined || compareIds(e.message.id, min) < 0 ? e.message.id : min), undefined);
  // Covered from the refresh page's oldest message; a room with nothing before `last` is covered whole.
  const from = oldestId(refresh);
  let cursor = from;
  let complete = false;
  for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
    const events = await messagePage(d, roomId, cursor === undefined ? { direction: 'forward', limit: d.pageSize } : { cursor, direction: 'forward', limit: d.pageSize }, signal);
    got.push(...events);
    const next = events.reduce<string | undefined>((max, e) => (max === undefined || compareIds(e.message.id, max) > 0 ? e.message.id : max), undefined);
    if (events.length < d.pageSize - 1 || next === undefined) { complete = true; break; } // an inclusive page holds the cursor too
    cursor = next;
  }
  const out: ChatEvent[] = [...got];
  const seen = new Set(got.map((e) => e.message.id));
  const covered = (id: string): boolean => (from === undefined || compareIds(id, from) >= 0) && (complete || compareIds(id, cursor!) <= 0);
  const gone = k.messages.filter((m) => !m.threadParentId && !m.deleted && !seen.has(m.id) && covered(m.id));
  if (gone.length) out.push({ type: 'message.deleted', conversationId: roomId, messageIds: gone.map((m) => m.id), scope: 'everyone', wireName: 'rest:catch-up' });
  const held = new Map<string, number>();
  for (const m of k.messages) if (m.threadParentId) held.set(m.threadParentId, (held.get(m.threadParentId) ?? 0) + 1);
  const parents = [...new Map(got.map((e) => [e.message.id, e.message])).values()]
    .filter((m) => commentCount(m) > (held.get(m.id) ?? 0));
  out.push(...(await commentsOf(d, parents, signal)));
  return out;
}

/**
 * Catch-up after a reconnect: the room list (rooms gone from it are deleted), then per room with
 * known messages its catch-up, and the latest page of rooms that are new (or hold only tombstones).
 */
export async function reconnectSync(d: BackfillDeps, state: ChatState, signal: AbortSignal): Promise<ChatEvent[]> {
  const events = roomEvents(await d.api.rooms(signal), 'conversation.updated', d);
  const listed = new Set(events.flatMap((e) => (e.type === 'conversation.updated' ? [e.conversation.id] : [])));
  for (const id of state.conversations.keys()) {
    if (!listed.has(id)) events.push({ type: 'conversation.deleted', conversationId: id, wireName: 'rest:catch-up' });
  }
  const work = [...listed].map((roomId) => {
    const k = known(state, roomId);
    if (k.lastTopLevel !== undefined) return catchUpRoom(d, roomId, k, signal);
    // A new room, or one whose known messages are all deleted: its latest page.
    if (!state.conversations.has(roomId) || k.messages.length) return pageWithComments(d, roomId, { direction: 'backward', limit: d.pageSize }, signal);
    return Promise.resolve([]);
  });
  for (const got of await Promise.all(work)) events.push(...got);
  return events;
}
