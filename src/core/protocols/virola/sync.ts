/**
 * REST state fetches: the initial load, the catch-up after a reconnect, and pages of history.
 * REST objects go through the same decoders as socket frames; a malformed one is reported and
 * skipped, never fatal.
 *
 * Whether a `cursor` message is itself part of a page is not documented, so pages are filtered
 * here: `forward` keeps ids after the cursor, `backward` ids before it. Room lists give top-level
 * messages; comments are fetched per parent (`commentCount`).
 */
import type { ParleyError } from '../../errors.js';
import type { ChatEvent, ChatEventOf } from '../../events.js';
import type { Message } from '../../model.js';
import { compareIds } from '../../order.js';
import type { HeldMessage, StoreView } from '../../store-view.js';
import { isRecord } from '../../wire.js';
import { conversationsGone, conversationsToOpen, cutShort, decodeEach, pageThrough, tombstones } from '../../runtime/catch-up.js';
import { restMessages, type DecodeContext } from './codec.js';
import { readRoom } from './decode-conversation.js';
import type { PageQuery, VirolaApi } from './rest.js';
import type { ProtocolRun } from '../../runtime/declaration.js';
import type { VirolaState } from './identity.js';
import type { VirolaConfig } from './options.js';

/** Most forward pages fetched per room when catching up after a reconnect (a gap is a lost message: generous). */
export const MAX_CATCH_UP_PAGES = 100;
/**
 * Most backward pages re-read per room after a reconnect to refresh the messages the store holds
 * (5,000 at the default page size; past that, older held messages keep what they had).
 */
export const MAX_REFRESH_PAGES = 100;
/** Most parents whose comments are fetched with one page of messages. */
export const MAX_COMMENT_PARENTS = 20;

/** What the fetches need. */
export interface BackfillDeps {
  api: VirolaApi;
  ctx(): DecodeContext;
  dropped(err: unknown, item: unknown): void;
  /** Told of a catch-up that stopped at its bound (never throws). */
  report(error: ParleyError): void;
  pageSize: number;
  initialRooms: number;
}

type Created = ChatEventOf<'message.created'>;

const isCreated = (e: ChatEvent): e is Created => e.type === 'message.created';

type Run = ProtocolRun<VirolaConfig, VirolaState>;

/** The decode context now. */
export function contextOf(run: Run): DecodeContext {
  const { state, config } = run;
  return { selfId: state.selfId, names: state.names ?? new Map(), baseUrl: config.baseUrl, now: run.scheduler.now(), invalid: run.invalid };
}

/** What the fetches need. */
export function depsOf(run: Run): BackfillDeps {
  return {
    api: run.state.api, ctx: () => contextOf(run), dropped: run.dropped, report: run.report,
    pageSize: run.config.pageSize, initialRooms: run.config.initialRooms,
  };
}

/** `conversation.*` events for the room list; malformed rooms are dropped. */
function roomEvents(list: readonly unknown[], type: 'conversation.created' | 'conversation.updated', d: BackfillDeps): ChatEvent[] {
  return decodeEach(list, (item): ChatEvent => ({ type, conversation: readRoom(item, true), wireName: 'rest:room', raw: item }), d.dropped);
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

async function fetchPage(d: BackfillDeps, roomId: string, query: PageQuery, signal?: AbortSignal): Promise<Page> {
  const list = await d.api.messages(roomId, query, signal);
  let events = restMessages(list, d.ctx(), d.dropped).filter(isCreated);
  const cursor = query.cursor;
  if (cursor !== undefined) {
    events = events.filter((e) => (query.direction === 'forward' ? compareIds(e.message.id, cursor) > 0 : compareIds(e.message.id, cursor) < 0));
  }
  // Counted before decoding: a malformed item (dropped) must not make a page look like the end.
  return { events, full: list.length >= query.limit, listed: listedIds(list) };
}

/** One page of a room's messages, filtered by the cursor, with the comments of its parents. */
export async function messagePage(d: BackfillDeps, roomId: string, query: PageQuery, signal?: AbortSignal): Promise<Created[]> {
  return (await fetchPage(d, roomId, query, signal)).events;
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

/**
 * Initial load: every room, then the latest page (with comments) of the requested room and of the
 * most recently active ones, up to `initialRooms`.
 */
export async function initialSync(d: BackfillDeps, wanted: string | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  const events = roomEvents(await d.api.rooms(signal), 'conversation.created', d);
  const load = conversationsToOpen(events, wanted, d.initialRooms);
  const pages = await Promise.all(load.map((roomId) => pageWithComments(d, roomId, { direction: 'backward', limit: d.pageSize }, signal)));
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

function known(view: StoreView, roomId: string): Known {
  const messages = view.held(roomId);
  let last: string | undefined;
  let oldest: string | undefined;
  // A tombstone's id may be unknown to the server by now: the range is that of the messages still there.
  for (const m of messages) {
    if (m.threadParentId || m.deleted) continue;
    if (last === undefined || compareIds(m.id, last) > 0) last = m.id;
    if (oldest === undefined || compareIds(m.id, oldest) < 0) oldest = m.id;
  }
  return last === undefined || oldest === undefined ? { messages } : { lastTopLevel: last, oldestTopLevel: oldest, messages };
}

const greatestId = (list: readonly Created[]): string | undefined =>
  list.reduce<string | undefined>((max, e) => (max === undefined || compareIds(e.message.id, max) > 0 ? e.message.id : max), undefined);
const smallestId = (list: readonly Created[]): string | undefined =>
  list.reduce<string | undefined>((min, e) => (min === undefined || compareIds(e.message.id, min) < 0 ? e.message.id : min), undefined);

/**
 * The catch-up's page size: at least 2, since a server that includes the cursor would fill a page
 * of 1 with the cursor alone, and the pages could never move on.
 */
const catchUpLimit = (d: BackfillDeps): number => Math.max(2, d.pageSize);

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
async function refreshHeld(d: BackfillDeps, roomId: string, k: Known, signal: AbortSignal): Promise<Refresh> {
  const read: Refresh = { events: [], listed: [], reachedOldest: true };
  let cursor = k.lastTopLevel!;
  for (let page = 0; page < MAX_REFRESH_PAGES; page++) {
    const { events: got, full, listed } = await fetchPage(d, roomId, { cursor, direction: 'backward', limit: catchUpLimit(d) }, signal);
    read.events.push(...got);
    read.listed.push(...listed);
    if (page === 0) {
      const before = greatestId(got);
      if (before !== undefined) read.resumeAfter = before;
    }
    const oldest = smallestId(got);
    if (oldest === undefined || !full) return read; // the room's first message: everything before is covered
    if (compareIds(oldest, k.oldestTopLevel!) <= 0) return { ...read, from: oldest };
    cursor = oldest;
  }
  const from = smallestId(read.events);
  return { ...read, ...(from !== undefined ? { from } : {}), reachedOldest: false };
}

/** What the forward pages read: events, and the last cursor when MAX_CATCH_UP_PAGES stopped them before the end. */
async function forwardFrom(d: BackfillDeps, roomId: string, after: string | undefined, signal: AbortSignal): Promise<{ events: Created[]; listed: string[]; stoppedAt?: string }> {
  const listed: string[] = [];
  const read = await pageThrough<Created, string>(after, async (cursor) => {
    const page = await fetchPage(d, roomId, cursor === undefined ? { direction: 'forward', limit: catchUpLimit(d) } : { cursor, direction: 'forward', limit: catchUpLimit(d) }, signal);
    listed.push(...page.listed);
    const next = greatestId(page.events);
    return page.full && next !== undefined ? { items: page.events, next } : { items: page.events };
  }, MAX_CATCH_UP_PAGES);
  return read.complete || read.last === undefined ? { events: read.items, listed } : { events: read.items, listed, stoppedAt: read.last };
}

/**
 * Comments of the parents that have more than the store holds, and of those whose comments the
 * store holds (to refresh them: edits and deletions made meanwhile), the latest page of each. A
 * held comment a page that covers its place no longer lists was deleted meanwhile.
 */
async function refreshComments(d: BackfillDeps, roomId: string, k: Known, parents: readonly Message[], signal: AbortSignal): Promise<ChatEvent[]> {
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
    const list = await d.api.comments(p.id, { direction: 'backward', limit: d.pageSize }, signal);
    const got = restMessages(list, d.ctx(), d.dropped).filter(isCreated);
    out.push(...got);
    const seen = new Set(listedIds(list));
    // A page shorter than its limit holds every comment; a full one those from its oldest on.
    const from = smallestId(got);
    const covers = (id: string): boolean => list.length < d.pageSize || (from !== undefined && compareIds(id, from) >= 0);
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
async function catchUpRoom(d: BackfillDeps, roomId: string, k: Known, signal: AbortSignal): Promise<ChatEvent[]> {
  const refresh = await refreshHeld(d, roomId, k, signal);
  const forward = await forwardFrom(d, roomId, refresh.resumeAfter, signal);
  // The last page back may reach past the oldest held message: what lies below is history, left to paging back.
  const refreshed = refresh.events.filter((e) => compareIds(e.message.id, k.oldestTopLevel!) >= 0);
  const got: Created[] = [...refreshed, ...forward.events];
  if (!refresh.reachedOldest) d.report(cutShort('virola', `the catch-up of room ${roomId} re-read ${MAX_REFRESH_PAGES} pages back; changes to older messages may be missing`));
  const out: ChatEvent[] = [...got];
  const seen = new Set([...refresh.listed, ...forward.listed]);
  const { from } = refresh;
  const { stoppedAt } = forward;
  const covered = (id: string): boolean => (from === undefined || compareIds(id, from) >= 0) && (stoppedAt === undefined || compareIds(id, stoppedAt) <= 0);
  const tombstone = tombstones(roomId, k.messages.filter((m) => !m.threadParentId && !m.deleted && !seen.has(m.id) && covered(m.id)).map((m) => m.id));
  if (tombstone) out.push(tombstone);
  const parents = [...new Map(got.map((e) => [e.message.id, e.message])).values()].filter((m) => !m.threadParentId);
  out.push(...(await refreshComments(d, roomId, k, parents, signal)));
  return out;
}

/**
 * Catch-up after a reconnect: the room list (rooms gone from it are deleted), then per room with
 * known messages its catch-up, and the latest page of rooms that are new (or hold only tombstones).
 */
export async function reconnectSync(d: BackfillDeps, view: StoreView, signal: AbortSignal): Promise<ChatEvent[]> {
  const events = roomEvents(await d.api.rooms(signal), 'conversation.updated', d);
  const listed = new Set(events.flatMap((e) => (e.type === 'conversation.updated' ? [e.conversation.id] : [])));
  events.push(...conversationsGone(view.conversationIds(), listed));
  const work = [...listed].map((roomId) => {
    const k = known(view, roomId);
    if (k.lastTopLevel !== undefined) return catchUpRoom(d, roomId, k, signal);
    // A new room, or one whose known messages are all deleted: its latest page.
    if (!view.hasConversation(roomId) || k.messages.length) return pageWithComments(d, roomId, { direction: 'backward', limit: d.pageSize }, signal);
    return Promise.resolve([]);
  });
  for (const got of await Promise.all(work)) events.push(...got);
  return events;
}
