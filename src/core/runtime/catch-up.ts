/**
 * The catch-up policy's pieces every protocol uses alike: decode a REST list item by item (a bad
 * item is reported and skipped), choose which conversations a first load opens, page through a
 * history with a cap that reports when it cut short, and turn what a covered range no longer
 * lists into tombstones.
 */
import { ParleyError } from '../errors.js';
import type { ChatEvent, ChatEventOf, ConversationPatch } from '../events.js';
import type { Conversation } from '../model.js';
import { compareIds } from '../order.js';

/** Decode each item; one that throws is handed to `dropped` and skipped. */
export function decodeEach<T>(list: readonly unknown[], one: (item: unknown) => T, dropped: (err: unknown, item: unknown) => void): T[] {
  const out: T[] = [];
  for (const item of list) {
    try {
      out.push(one(item));
    } catch (err) {
      dropped(err, item);
    }
  }
  return out;
}

/** The conversations a first load opens: the wanted one when listed, then the most recently active, at most `limit`. */
export function conversationsToOpen(events: readonly ChatEvent[], wanted: string | undefined, limit: number): string[] {
  const listed = events.flatMap((e): (Conversation | ConversationPatch)[] => (e.type === 'conversation.created' || e.type === 'conversation.updated' ? [e.conversation] : []));
  const ordered = listed.sort((a, b) => (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0) || compareIds(b.id, a.id)).map((c) => c.id);
  const first = wanted !== undefined && ordered.includes(wanted) ? [wanted, ...ordered.filter((id) => id !== wanted)] : ordered;
  return first.slice(0, limit);
}

/** One page of a paged read: what it held, and the cursor of the next page (undefined: the end). */
export interface Page<T, K> {
  readonly items: readonly T[];
  readonly next?: K;
}

/** What a paged read brought. */
export interface Paged<T, K> {
  readonly items: T[];
  /** False when `maxPages` stopped it before the end. */
  readonly complete: boolean;
  /** The last cursor asked for. */
  readonly last?: K;
}

/** Read pages from `first` until one has no next cursor or `maxPages` were read. */
export async function pageThrough<T, K>(first: K | undefined, read: (cursor: K | undefined, index: number) => Promise<Page<T, K>>, maxPages: number): Promise<Paged<T, K>> {
  const items: T[] = [];
  let cursor = first;
  for (let i = 0; i < maxPages; i++) {
    const page = await read(cursor, i);
    items.push(...page.items);
    if (page.next === undefined) return cursor === undefined ? { items, complete: true } : { items, complete: true, last: cursor };
    cursor = page.next;
  }
  return cursor === undefined ? { items, complete: false } : { items, complete: false, last: cursor };
}

/** The report for a catch-up that stopped at its cap: what may be missing, in words. */
export function cutShort(protocol: string, what: string): ParleyError {
  return new ParleyError('transport', `${protocol}: ${what}`, { protocol });
}

/** A `message.deleted` for the held messages a covering read no longer listed; undefined when none. */
export function tombstones(conversationId: string, gone: readonly string[]): ChatEventOf<'message.deleted'> | undefined {
  return gone.length ? { type: 'message.deleted', conversationId, messageIds: [...gone], scope: 'everyone', wireName: 'rest:catch-up' } : undefined;
}

/** `conversation.deleted` for each held conversation a full list no longer names. */
export function conversationsGone(held: readonly string[], listed: ReadonlySet<string>): ChatEvent[] {
  return held.filter((id) => !listed.has(id)).map((conversationId) => ({ type: 'conversation.deleted', conversationId, wireName: 'rest:catch-up' }));
}
