/**
 * REST state fetches: the initial load, the catch-up after a reconnect, and pages of history.
 * REST objects go through the same decoders as socket frames; a malformed one is reported and
 * skipped, never fatal.
 *
 * Whether a `cursor` message is itself part of a page is not documented, so pages are filtered
 * here: `forward` keeps ids after the cursor, `backward` ids before it. Room lists give top-level
 * messages; comments are fetched per parent (`commentCount`).
 */
import type { ChatEvent, ChatEventOf } from '../../events.js';
import type { Message } from '../../model.js';
import { compareIds } from '../../order.js';
import type { HeldMessage, StoreView } from '../../store-view.js';
import { isRecord } from '../../wire.js';
import { conversationsGone, conversationsToOpen, cutShort, decodeEach, pageThrough, tombstones } from '../../runtime/catch-up.js';
import { baseContext } from '../../runtime/decode-context.js';
import { restMessages, type DecodeContext } from './codec.js';
import { readRoom } from './decode-conversation.js';
import type { PageQuery } from './rest.js';
import type { VirolaRun } from './identity.js';

/** Most forward pages fetched per room when catching up after a reconnect (a gap is a lost message: generous). */
export const MAX_CATCH_UP_PAGES = 100;
/**
 * Most backward pages re-read per room after a reconnect to refresh the messages the store holds
 * (5,000 at the default page size; past that, older held messages keep what they had).
 */
export const MAX_REFRESH_PAGES = 100;
/** Most parents whose comments are fetched with one page of messages. */
export const MAX_COMMENT_PARENTS = 20;

type Created = ChatEventOf<'message.created'>;

const isCreated = (e: ChatEvent): e is Created => e.type === 'message.created';

/** The decode context now. */
export function contextOf(run: VirolaRun): DecodeContext {
  return { ...baseContext(run, run.state.selfId), names: run.state.names ?? new Map(), baseUrl: run.config.baseUrl };
}

/** The messages of a REST list; malformed ones are reported and dropped. */
const createdIn = (run: VirolaRun, list: readonly unknown[]): Created[] => restMessages(list, contextOf(run), run.dropped).filter(isCreated);

/** `conversation.*` events for the room list; malformed rooms are dropped. */
function roomEvents(list: readonly unknown[], type: 'conversation.created' | 'conversation.updated', run: VirolaRun): ChatEvent[] {
  return decodeEach(list, (item): ChatEvent => ({ type, conversation: readRoom(item, true), wireName: 'rest:room', raw: item }), run.dropped);
}

/** A page of a room's messages, filtered by the cursor, and whether the server filled it (more may follow). */
interface Page {
  events: Created[];
  /** As many items as asked for, cursor included: a page that is not full reached the end. */
  full: boolean;
  /** Every id the page listed, undecodable items too: such a message is still at the server. */
  listed: string[];
}

/** The `messageId` of each raw item that has one. */
function listedIds(list: readonly unknown[]): string[] {
  return list.flatMap((item) => (isRecord(item) && (typeof item.messageId === 'number' || typeof item.messageId === 'string') ? [String(item.messageId)] : []));
}

async function fetchPage(run: VirolaRun, roomId: string, query: PageQuery, signal?: AbortSignal): Promise<Page> {
  const list = await run.state.api.messages(roomId, query, signal);
  let events = createdIn(run, list);
  const cursor = query.cursor;
  if (cursor !== undefined) {
    events = events.filter((e) => (query.direction === 'forward' ? compareIds(e.message.id, cursor) > 0 : compareIds(e.message.id, cursor) < 0));
  }
  // Counted before decoding: a malformed item (dropped) must not make a page look like the end.
  return { events, full: list.length >= query.limit, listed: listedIds(list) };
}

/** The latest page of a parent's comments: the raw list, and its messages. */
async function latestComments(run: VirolaRun, parentId: string, signal?: AbortSignal): Promise<{ list: unknown[]; events: Created[] }> {
  const list = await run.state.api.comments(parentId, { direction: 'backward', limit: run.config.pageSize }, signal);
  return { list, events: createdIn(run, list) };
}

const commentCount = (m: Message): number => (typeof m.meta?.commentCount === 'number' ? m.meta.commentCount : 0);

/** A page of messages plus the comments (the latest page of each) of those that have any. */
export async function pageWithComments(run: VirolaRun, roomId: string, query: PageQuery, signal?: AbortSignal): Promise<Created[]> {
  const { events } = await fetchPage(run, roomId, query, signal);
  const parents = events.map((e) => e.message).filter((m) => commentCount(m) > 0).slice(-MAX_COMMENT_PARENTS);
  const comments = await Promise.all(parents.map(async (p) => (await latestComments(run, p.id, signal)).events));
  return [...events, ...comments.flat()];
}

/** The latest page (with comments) of a room. */
export const latestPage = (run: VirolaRun, roomId: string, signal: AbortSignal): Promise<Created[]> =>
  pageWithComments(run, roomId, { direction: 'backward', limit: run.config.pageSize }, signal);

/**
 * Initial load: every room, then the latest page (with comments) of the requested room and of the
 * most recently active ones, up to `initialRooms`.
 */
export async function initialSync(run: VirolaRun, signal: AbortSignal): Promise<ChatEvent[]> {
  const events = roomEvents(await run.state.api.rooms(signal), 'conversation.created', run);
  const load = conversationsToOpen(events, run.config.conversation, run.config.initialRooms);
  const pages = await Promise.all(load.map((roomId) => latestPage(run, roomId, signal)));
  return [...events, ...pages.flat()];
}

/** What the store held of one room before the disconnect (confirmed messages only). */
interface Known {
  /** The newest top-level message still live: where the refresh starts and the forward pages resume. */
  lastTopLevel?: string;
  /** The oldest top-level message still live: how far back the refresh must reach. */
  oldestTopLevel?: string;
  messages: readonly HeldMessage[];
}

/** The greatest of some ids, compared as ids (numeric when both are). */
const greatestId = (ids: readonly string[]): string | undefined =>
  ids.reduce<string | undefined>((max, id) => (max === undefined || compareIds(id, max) > 0 ? id : max), undefined);
/** The smallest of some ids, compared as ids. */
export const smallestId = (ids: readonly string[]): string | undefined =>
  ids.reduce<string | undefined>((min, id) => (min === undefined || compareIds(id, min) < 0 ? id : min), undefined);
const idsOf = (list: readonly Created[]): string[] => list.map((e) => e.message.id);

function known(view: StoreView, roomId: string): Known {
  const messages = view.held(roomId);
  // A tombstone's id may be unknown to the server by now: the range is that of the messages still there.
  const live = messages.filter((m) => !m.threadParentId && !m.deleted).map((m) => m.id);
  return { lastTopLevel: greatestId(live), oldestTopLevel: smallestId(live), messages };
}

/**
 * The catch-up's page size: at least 2, since a server that includes the cursor would fill a page
 * of 1 with the cursor alone, and the pages could never move on.
 */
const catchUpLimit = (run: VirolaRun): number => Math.max(2, run.config.pageSize);

/** What the backward refresh of the held range read. */
interface Refresh {
  events: Created[];
  /** Ids the pages listed. */
  listed: string[];
  /** The oldest id the pages reached; undefined when they reached the room's first message (all before is covered). */
  from?: string;
  /** The newest message before the last one held: where the forward pages start (undefined: from the room's start). */
  resumeAfter?: string;
  /** Whether the pages reached the oldest held message (else MAX_REFRESH_PAGES stopped them). */
  reachedOldest: boolean;
}

/**
 * Pages backward from the newest held message to past the oldest one. Virola has no "changed
 * since" query and sends no events for what happened while cut off, so re-reading every held
 * message is the only way its edits, read marks and deletions made meanwhile show up.
 */
async function refreshHeld(run: VirolaRun, roomId: string, k: Known, signal: AbortSignal): Promise<Refresh> {
  const read: Refresh = { events: [], listed: [], reachedOldest: true };
  let cursor = k.lastTopLevel!;
  for (let page = 0; page < MAX_REFRESH_PAGES; page++) {
    const { events: got, full, listed } = await fetchPage(run, roomId, { cursor, direction: 'backward', limit: catchUpLimit(run) }, signal);
    read.events.push(...got);
    read.listed.push(...listed);
    if (page === 0) read.resumeAfter = greatestId(idsOf(got));
    const oldest = smallestId(idsOf(got));
    if (oldest === undefined || !full) return read; // the room's first message: everything before is covered
    if (compareIds(oldest, k.oldestTopLevel!) <= 0) return { ...read, from: oldest };
    cursor = oldest;
  }
  return { ...read, from: smallestId(idsOf(read.events)), reachedOldest: false };
}

/** What the forward pages read: events, and the last cursor when MAX_CATCH_UP_PAGES stopped them before the end. */
async function forwardFrom(run: VirolaRun, roomId: string, after: string | undefined, signal: AbortSignal): Promise<{ events: Created[]; listed: string[]; stoppedAt?: string }> {
  const listed: string[] = [];
  const read = await pageThrough<Created, string>(after, async (cursor) => {
    const page = await fetchPage(run, roomId, { cursor, direction: 'forward', limit: catchUpLimit(run) }, signal);
    listed.push(...page.listed);
    const next = greatestId(idsOf(page.events));
    return page.full && next !== undefined ? { items: page.events, next } : { items: page.events };
  }, MAX_CATCH_UP_PAGES);
  return { events: read.items, listed, stoppedAt: read.complete ? undefined : read.last };
}

/**
 * Comments of the parents that have more than the store holds, and of those whose comments the
 * store holds (to refresh them: edits and deletions made meanwhile), the latest page of each. A
 * held comment a page that covers its place no longer lists was deleted meanwhile.
 */
async function refreshComments(run: VirolaRun, roomId: string, k: Known, parents: readonly Message[], signal: AbortSignal): Promise<ChatEvent[]> {
  const held = new Map<string, HeldMessage[]>();
  for (const m of k.messages) {
    if (!m.threadParentId || m.deleted) continue;
    let list = held.get(m.threadParentId);
    if (!list) held.set(m.threadParentId, list = []);
    list.push(m);
  }
  const wanted = parents.filter((p) => commentCount(p) > (held.get(p.id)?.length ?? 0) || held.has(p.id))
    .sort((a, b) => compareIds(a.id, b.id)).slice(-MAX_COMMENT_PARENTS);
  const out: ChatEvent[] = [];
  const gone: string[] = [];
  await Promise.all(wanted.map(async (p) => {
    const { list, events: got } = await latestComments(run, p.id, signal);
    out.push(...got);
    const seen = new Set(listedIds(list));
    // A page shorter than its limit holds every comment; a full one those from its oldest on.
    const from = smallestId(idsOf(got));
    const covers = (id: string): boolean => list.length < run.config.pageSize || (from !== undefined && compareIds(id, from) >= 0);
    for (const m of held.get(p.id) ?? []) if (!seen.has(m.id) && covers(m.id)) gone.push(m.id);
  }));
  const tombstone = tombstones(roomId, gone);
  return tombstone ? [...out, tombstone] : out;
}

/**
 * Catch-up for one room. First the held range is read again, backward from the newest held
 * message to past the oldest (edits, read marks and deletions made during the outage land
 * there, however old the message), then every message after the newest held, forward, to the
 * end. A known top-level message in the covered range that no page returned was deleted
 * meanwhile. Comments are fetched for parents that have more than the store holds, and refreshed
 * for those whose comments it holds.
 */
async function catchUpRoom(run: VirolaRun, roomId: string, k: Known, signal: AbortSignal): Promise<ChatEvent[]> {
  const refresh = await refreshHeld(run, roomId, k, signal);
  const forward = await forwardFrom(run, roomId, refresh.resumeAfter, signal);
  // The last page back may reach past the oldest held message: what lies below is history, left to paging back.
  const refreshed = refresh.events.filter((e) => compareIds(e.message.id, k.oldestTopLevel!) >= 0);
  const got: Created[] = [...refreshed, ...forward.events];
  if (!refresh.reachedOldest) run.report(cutShort('virola', `the catch-up of room ${roomId} re-read ${MAX_REFRESH_PAGES} pages back; changes to older messages may be missing`));
  const out: ChatEvent[] = [...got];
  const seen = new Set([...refresh.listed, ...forward.listed]);
  const covered = (id: string): boolean => (refresh.from === undefined || compareIds(id, refresh.from) >= 0)
    && (forward.stoppedAt === undefined || compareIds(id, forward.stoppedAt) <= 0);
  const tombstone = tombstones(roomId, k.messages.filter((m) => !m.threadParentId && !m.deleted && !seen.has(m.id) && covered(m.id)).map((m) => m.id));
  if (tombstone) out.push(tombstone);
  const parents = [...new Map(got.map((e) => [e.message.id, e.message])).values()].filter((m) => !m.threadParentId);
  out.push(...(await refreshComments(run, roomId, k, parents, signal)));
  return out;
}

/**
 * Catch-up after a reconnect: the room list (rooms gone from it are deleted), then per room with
 * known messages its catch-up, and the latest page of rooms that are new (or hold only tombstones).
 */
export async function reconnectSync(run: VirolaRun, signal: AbortSignal): Promise<ChatEvent[]> {
  const { view } = run;
  const events = roomEvents(await run.state.api.rooms(signal), 'conversation.updated', run);
  const listed = new Set(events.flatMap((e) => (e.type === 'conversation.updated' ? [e.conversation.id] : [])));
  events.push(...conversationsGone(view.conversationIds(), listed));
  const work = [...listed].map((roomId) => {
    const k = known(view, roomId);
    if (k.lastTopLevel !== undefined) return catchUpRoom(run, roomId, k, signal);
    // A new room, or one whose known messages are all deleted: its latest page.
    if (!view.hasConversation(roomId) || k.messages.length) return latestPage(run, roomId, signal);
    return Promise.resolve([]);
  });
  for (const got of await Promise.all(work)) events.push(...got);
  return events;
}
