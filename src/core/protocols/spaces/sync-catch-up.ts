/**
 * The catch-up after a reconnect: per space, the activities record (everything added, changed or
 * removed after a server time, oldest change first), from a little before the newest change the
 * widget holds.
 *
 * Where it starts: the newest server time among the messages the store holds, or what a finished
 * sync saw, whichever is newer. Not the newest time any frame carried: the new socket subscribes
 * before the catch-up runs, so frames of changes made after the outage arrive (and are held by the
 * core) before the catch-up asks, and a cursor they had moved would skip all that was missed while
 * cut off; frames of an attempt that fails are dropped with it too. It starts
 * CATCH_UP_OVERLAP_MS earlier still, because changes made on different servers may reach the
 * socket in another order than their `modified` times, so the newest change seen does not prove
 * that every older one arrived; what comes twice is merged by id and version.
 *
 * How it pages: by time (`after` = the last change of the page before), not by `nextPageUrl`'s
 * page number: the record is ordered by `modified`, so an item changed again while the catch-up
 * runs moves to its end, and a page number would then skip the item that slid into the page
 * already read. `nextPageUrl` only says whether more follow.
 *
 * How long it takes: the connection is usable after MAX_CATCH_UP_PAGES pages of each space; the
 * rest follows once live (emitted as missed events). Where it stands is kept, so a cut in the
 * middle costs nothing already fetched: the next catch-up goes on from there.
 *
 * A first sync over a store that already holds a space (`firstSync`: a new token builds a new
 * client over the same store, a reload restores it from the cache) is a catch-up too. The old
 * socket ended and the new one subscribed later; an edit or a removal made in between, of a held
 * message older than the latest page, reached no socket and is in no latest page: only the record
 * has it. So such a space gets its latest page (shown at once) and its record from the newest
 * change held, within the same page budgets; the latest page moves no cursor, as its newest time
 * says nothing of the held messages below it. An empty space's first sync is the latest page
 * alone (`initialSync`): the history below it comes by paging back, as it is then.
 */
import { messageOf } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { cutShort } from '../../runtime/catch-up.js';
import type { CatchUpProgress } from './state.js';
import { advanceCursor, claimSends, commitCursors, initialSync, itemsToEvents, pageBefore, spaceCreated, spaceEvents, withMembers, type SyncDeps } from './sync.js';

/** Pages of one space fetched before the connection counts as open; further pages follow once live. */
export const MAX_CATCH_UP_PAGES = 100;
/** Pages of one space fetched in all by one catch-up; past that the rest is reported as missing. */
export const MAX_TOTAL_PAGES = 2000;
/** How far before the newest known change the catch-up starts (see the header). */
export const CATCH_UP_OVERLAP_MS = 1000;

/** A fresh start for a space: a little before the newest change known, else the space's creation. */
function freshStart(d: SyncDeps, spaceId: string, space: readonly ChatEvent[]): CatchUpProgress | undefined {
  const held = d.run.view.heldRange(spaceId);
  const known = [held?.newest, d.run.state.cursors.get(spaceId)].filter((t): t is number => t !== undefined);
  const start = known.length ? Math.max(...known) - CATCH_UP_OVERLAP_MS : spaceCreated(space);
  return start === undefined ? undefined : { after: start, tombstonesAfter: held?.oldest ?? -Infinity, pages: 0 };
}

/**
 * Fetch pages of a space's record from `p` (advanced as pages come) until it ends or `budget`
 * pages were read; `sink` takes each page's events. True when the record was read to its end.
 */
async function fetchPages(d: SyncDeps, spaceId: string, p: CatchUpProgress, budget: number, signal: AbortSignal, sink: (events: ChatEvent[]) => void): Promise<boolean> {
  for (let n = 0; n < budget; n++) {
    const page = await d.run.state.api.activities(spaceId, p.after, d.run.config.pageSize, signal);
    const times = new Map<string, number>();
    const events = itemsToEvents(page.items, spaceId, d, { seen: times, tombstonesAfter: p.tombstonesAfter, historyBefore: p.tombstonesAfter });
    const last = times.get(spaceId);
    const before = p.after;
    p.pages++;
    // One ms back, as changes in the same ms as the page's last one may lie past the page; unless
    // that would not move on (a whole page in one ms), then from that ms itself.
    if (last !== undefined) p.after = last - 1 > before ? last - 1 : Math.max(before, last);
    sink(events);
    // Done when the record says so, or when it offers nothing after where the catch-up stands.
    if (!page.next || p.after === before) return true;
  }
  return false;
}

/**
 * After a reconnect: refreshed spaces, then per space its record from where it stands, up to
 * MAX_CATCH_UP_PAGES pages; what is left follows once live. A space with no known time at all
 * gets its latest page.
 */
export async function catchUp(d: SyncDeps, spaces: readonly string[], signal: AbortSignal): Promise<ChatEvent[]> {
  const { unfinished, cursors } = d.run.state;
  const events: ChatEvent[] = [];
  const seen = new Map<string, number>();
  const later: { spaceId: string; d: SyncDeps; p: CatchUpProgress }[] = [];
  for (const spaceId of spaces) {
    const space = await spaceEvents(d, spaceId, 'conversation.updated', signal);
    events.push(...space);
    const ds = withMembers(d, space);
    const kept = unfinished.get(spaceId);
    const p = kept ? { ...kept } : freshStart(d, spaceId, space);
    if (!p) {
      events.push(...await pageBefore(ds, spaceId, undefined, signal, { seen }));
      continue;
    }
    const done = await fetchPages(ds, spaceId, p, MAX_CATCH_UP_PAGES, signal, (page) => events.push(...page));
    // Its `after` is the last change read, or a ms before it.
    if (p.pages > 0) advanceCursor(seen, spaceId, p.after);
    if (!done) later.push({ spaceId, d: ds, p: { ...p } });
  }
  // The core drops what an aborted sync fetched: only a finished one moves anything.
  if (signal.aborted) return events;
  commitCursors(cursors, seen);
  for (const spaceId of spaces) unfinished.delete(spaceId);
  for (const { spaceId, p } of later) unfinished.set(spaceId, { ...p });
  if (later.length) void goOnLive(later);
  return events;
}

/**
 * The first sync of this adapter: spaces the store holds nothing of get their latest page
 * (`initialSync`); spaces it holds messages of (a new client over the same store, or one restored
 * from the cache) get their latest page and a catch-up from the newest change held (see the header).
 */
export async function firstSync(d: SyncDeps, spaces: readonly string[], signal: AbortSignal): Promise<ChatEvent[]> {
  const held = spaces.filter((id) => d.run.view.heldRange(id) !== undefined);
  const empty = spaces.filter((id) => !held.includes(id));
  const events = empty.length ? await initialSync(d, empty, signal) : [];
  if (!held.length) return events;
  // No `seen`: the page's newest time is no cursor (changes below it may be missing).
  for (const spaceId of held) events.push(...await pageBefore(d, spaceId, undefined, signal));
  events.push(...await catchUp(d, held, signal));
  return events;
}

/**
 * The rest of unfinished catch-ups, page by page, once live (until the connection ends); where
 * each stands is kept as pages are handed over. A failure renews the connection, which resumes it.
 */
async function goOnLive(later: { spaceId: string; d: SyncDeps; p: CatchUpProgress }[]): Promise<void> {
  for (const { spaceId, d, p } of later) {
    const { run } = d;
    const { signal } = run;
    try {
      const done = await fetchPages(d, spaceId, p, MAX_TOTAL_PAGES - p.pages, signal, (events) => {
        if (signal.aborted) return;
        run.emit(claimSends(events.map((e) => ({ ...e, origin: e.origin ?? 'missed' })), run.view));
        run.state.unfinished.set(spaceId, { ...p });
      });
      if (signal.aborted) return;
      run.state.unfinished.delete(spaceId);
      if (!done) run.report(cutShort('spaces', `the catch-up of space ${spaceId} stopped after ${p.pages} pages; later changes may be missing`));
    } catch (err) {
      if (!signal.aborted) run.end('network-error', `spaces: the catch-up failed: ${messageOf(err)}`);
      return;
    }
  }
}
