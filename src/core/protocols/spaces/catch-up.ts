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
 */
import { ParleyError } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { redact } from './secrets.js';
import { commitCursors, itemsToEvents, pageBefore, spaceCreated, spaceEvents, withMembers, type SyncDeps } from './sync.js';

/** Pages of one space fetched before the connection counts as open; further pages follow once live. */
export const MAX_CATCH_UP_PAGES = 100;
/** Pages of one space fetched in all by one catch-up; past that the rest is reported as missing. */
export const MAX_TOTAL_PAGES = 2000;
/** How far before the newest known change the catch-up starts (see the header). */
export const CATCH_UP_OVERLAP_MS = 1000;

/** Where a space's catch-up stands. */
interface Progress {
  /** The `after` of the next page. */
  after: number;
  /**
   * The oldest message held when it started: removed items created after it become tombstones,
   * changed items created before it are left to paging back (see `ItemOptions`).
   */
  tombstonesAfter: number;
  pages: number;
}

/** What the part that runs once live needs. */
export interface CatchUpHost {
  /** Hand fetched events to the store (as the live path does). */
  emit(events: ChatEvent[]): void;
  /** The rest could not be fetched: the connection should be renewed, which resumes it. */
  failed(error: unknown): void;
}

/** A fresh start for a space: a little before the newest change known, else the space's creation. */
function freshStart(d: SyncDeps, spaceId: string, space: readonly ChatEvent[]): Progress | undefined {
  const held = d.held(spaceId);
  const known = [held?.newest, d.cursors.get(spaceId)].filter((t): t is number => t !== undefined);
  const start = known.length ? Math.max(...known) - CATCH_UP_OVERLAP_MS : spaceCreated(space);
  return start === undefined ? undefined : { after: start, tombstonesAfter: held?.oldest ?? -Infinity, pages: 0 };
}

/**
 * Fetch pages of a space's record from `p` (advanced as pages come) until it ends or `budget`
 * pages were read; `sink` takes each page's events. True when the record was read to its end.
 */
async function fetchPages(d: SyncDeps, spaceId: string, p: Progress, budget: number, signal: AbortSignal, sink: (events: ChatEvent[]) => void): Promise<boolean> {
  for (let n = 0; n < budget; n++) {
    const page = await d.api.activities(spaceId, p.after, d.pageSize, signal);
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

/** The catch-ups of one adapter: what stands unfinished, and the part running once live. */
export class CatchUp {
  /** Space → where an unfinished catch-up stands (the next one goes on from there). */
  private readonly unfinished = new Map<string, Progress>();
  private running?: AbortController;

  constructor(private readonly host: CatchUpHost) {}

  /** Stop the part running once live (the connection closed). */
  stop(): void {
    this.running?.abort();
    this.running = undefined;
  }

  /**
   * After a reconnect: refreshed spaces, then per space its record from where it stands, up to
   * MAX_CATCH_UP_PAGES pages; what is left follows once live. A space with no known time at all
   * gets its latest page.
   */
  async sync(d: SyncDeps, spaces: readonly string[], signal: AbortSignal): Promise<ChatEvent[]> {
    this.stop();
    const events: ChatEvent[] = [];
    const seen = new Map<string, number>();
    const stands = new Map<string, Progress | undefined>();
    const later: { spaceId: string; d: SyncDeps; p: Progress }[] = [];
    for (const spaceId of spaces) {
      const space = await spaceEvents(d, spaceId, 'conversation.updated', signal);
      events.push(...space);
      const ds = withMembers(d, space);
      const kept = this.unfinished.get(spaceId);
      const p = kept ? { ...kept } : freshStart(d, spaceId, space);
      if (!p) {
        events.push(...await pageBefore(ds, spaceId, undefined, signal, { seen }));
        continue;
      }
      const done = await fetchPages(ds, spaceId, p, MAX_CATCH_UP_PAGES, signal, (page) => events.push(...page));
      advanceSeen(seen, spaceId, p);
      stands.set(spaceId, done ? undefined : p);
      if (!done) later.push({ spaceId, d: ds, p: { ...p } });
    }
    // The core drops what an aborted sync fetched: only a finished one moves anything.
    if (signal.aborted) return events;
    commitCursors(d.cursors, seen);
    for (const [spaceId, p] of stands) {
      if (p) this.unfinished.set(spaceId, p);
      else this.unfinished.delete(spaceId);
    }
    if (later.length) this.goOnLive(later);
    return events;
  }

  /** The rest of unfinished catch-ups, page by page, once live; where each stands is kept as pages are handed over. */
  private goOnLive(later: { spaceId: string; d: SyncDeps; p: Progress }[]): void {
    const control = new AbortController();
    this.running = control;
    const { signal } = control;
    void (async () => {
      for (const { spaceId, d, p } of later) {
        try {
          const done = await fetchPages(d, spaceId, p, MAX_TOTAL_PAGES - p.pages, signal, (events) => {
            if (signal.aborted) return;
            this.host.emit(events.map((e) => ({ ...e, origin: e.origin ?? 'missed' })));
            this.unfinished.set(spaceId, { ...p });
          });
          if (signal.aborted) return;
          this.unfinished.delete(spaceId);
          if (!done) d.report(new ParleyError('transport', redact(`spaces: the catch-up of space ${spaceId} stopped after ${p.pages} pages; later changes may be missing`, d.secrets()), { protocol: 'spaces' }));
        } catch (err) {
          if (!signal.aborted) this.host.failed(err);
          return;
        }
      }
    })();
  }
}

/** Note the newest time a space's catch-up reached (its `after` is the last change, or a ms before it). */
function advanceSeen(seen: Map<string, number>, spaceId: string, p: Progress): void {
  if (p.pages > 0 && p.after > (seen.get(spaceId) ?? -Infinity)) seen.set(spaceId, p.after);
}
