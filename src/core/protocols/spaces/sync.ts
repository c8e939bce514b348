/**
 * REST state fetches: the first load and older pages; the catch-up after a reconnect is in
 * catch-up.ts. REST items go through the same decoders as socket payloads; a malformed item is
 * reported and skipped, never fatal.
 */
import { ParleyError } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import type { StoreView } from '../../store-view.js';
import { mayConfirmByText } from '../../reduce-messages.js';
import { isRecord } from '../../wire.js';
import { encodeBody } from './codec.js';
import { kindOfCategory, readMessage } from './decode-message.js';
import { scrub, timeMs, type DecodeContext } from './decode-shared.js';
import { memberEvents, readTopic } from './decode-topic.js';
import { objectOf, type SpacesApi } from './rest.js';
import { redact } from './secrets.js';

/** What the fetches need. */
export interface SyncDeps {
  api: SpacesApi;
  ctx(): DecodeContext;
  pageSize: number;
  report(error: ParleyError): void;
  secrets(): (string | undefined)[];
  /**
   * Space → newest server time (`modified`/`created`) of the REST answers a finished sync handed
   * to the store. Only a finished sync moves it: the core drops what an aborted one fetched.
   */
  cursors: Map<string, number>;
  /** The messages the store holds for a space (live ones included): oldest creation, newest server time. */
  held(spaceId: string): HeldRange | undefined;
}

/** What the store holds of a space. */
export interface HeldRange {
  /** Creation time of the oldest message. */
  oldest: number;
  /** Newest server time (`modified`, else `created`) of any message. */
  newest: number;
}

/** Remember the newest server time seen in a space. */
export function advanceCursor(cursors: Map<string, number>, spaceId: string, time: number | undefined): void {
  if (time !== undefined && time > (cursors.get(spaceId) ?? -Infinity)) cursors.set(spaceId, time);
}

/** Move the shared cursors to what a finished sync saw. */
export function commitCursors(cursors: Map<string, number>, seen: ReadonlyMap<string, number>): void {
  for (const [spaceId, time] of seen) advanceCursor(cursors, spaceId, time);
}

function dropped(d: SyncDeps, err: unknown, item: unknown): void {
  const text = err instanceof Error ? err.message : 'undecodable';
  d.report(new ParleyError('decode', redact(`spaces: REST item dropped: ${text}`, d.secrets()), { protocol: 'spaces', frame: item, cause: err }));
}

function isDeletedItem(item: Record<string, unknown>): boolean {
  return item.deleted === true || item.isDeleted === true || item.category === 'app.event.message.removed';
}

/** How REST items are turned into events. */
export interface ItemOptions {
  /** Where the newest server time of each space's items is noted (committed when the sync ends). */
  seen?: Map<string, number>;
  /**
   * A removed item created after this (in a catch-up: the oldest message the store holds) lies
   * within the thread the widget shows, so it ends as a tombstone even when the store never had
   * it (it was created and removed while the widget was away; the record keeps removed items).
   * An older unknown one is history not loaded yet, and stays out.
   */
  tombstonesAfter?: number;
  /**
   * An item created before this (in a catch-up: the oldest message the store holds) is history
   * the store has not loaded: an edit to it is left to paging back, which brings it as it is then
   * (edited mark included). Inserted alone it would be an island above a hole in the thread, and
   * paging back, which starts before the oldest message held, would skip the hole.
   */
  historyBefore?: number;
}

/**
 * Events for REST message items of a space: deleted items become deletions (and tombstones, see
 * `tombstonesAfter`); a chat whose `modified` is after its `created` comes marked edited (by the
 * decoder, `arrivesEdited`), which a replayed `message.created` could not tell the store otherwise.
 */
export function itemsToEvents(items: readonly unknown[], spaceId: string, d: SyncDeps, opts: ItemOptions = {}): ChatEvent[] {
  const ctx = d.ctx();
  const events: ChatEvent[] = [];
  for (const raw of items) {
    try {
      const item = isRecord(raw) && (raw.topicId === undefined || raw.topicId === null) ? { ...raw, topicId: spaceId } : raw;
      if (!isRecord(item)) throw new Error('expected an object');
      const category = typeof item.category === 'string' && kindOfCategory(item.category) ? item.category : 'chat';
      const deleted = isDeletedItem(item);
      const w = readMessage(item, category, ctx, !deleted);
      const m = w.message;
      if (opts.seen) advanceCursor(opts.seen, m.conversationId, w.serverTime);
      const env = { wireName: 'rest:message', raw: scrub(item), conversationId: m.conversationId };
      if (!deleted) {
        if (opts.historyBefore !== undefined && w.createdKnown && m.createdAt < opts.historyBefore) continue;
        events.push({ ...env, type: 'message.created', message: m }); // edited or not: the decoder read `modified`
        continue;
      }
      if (opts.tombstonesAfter !== undefined && w.createdKnown && m.createdAt > opts.tombstonesAfter) {
        // History, not news: no unread count, no notification for what is already gone. (A removal
        // moves `modified` too, so a tombstone says nothing of edits.)
        const { edited: _edited, ...gone } = m;
        events.push({ ...env, type: 'message.created', origin: 'backfill', message: { ...gone, text: '', attachments: [], deleted: true } });
      }
      events.push({ ...env, type: 'message.deleted', messageIds: [m.id], scope: 'everyone' });
    } catch (err) {
      dropped(d, err, raw);
    }
  }
  return events;
}

/** `GET /api/spaces/{id}` → the conversation (and, on a refresh, who joined or left meanwhile). */
export async function spaceEvents(d: SyncDeps, spaceId: string, type: 'conversation.created' | 'conversation.updated', signal: AbortSignal): Promise<ChatEvent[]> {
  const answer = objectOf(await d.api.space(spaceId, signal));
  try {
    const ctx = d.ctx();
    const w = readTopic(answer, ctx, 'space');
    const env = { wireName: 'rest:space', raw: scrub(answer), conversationId: w.conversation.id };
    const head: ChatEvent = type === 'conversation.created'
      ? { ...env, type, conversation: w.conversation }
      : { ...env, type, conversation: w.conversation };
    return type === 'conversation.updated' ? [head, ...memberEvents(w, ctx.members?.(spaceId), ctx.selfId, env)] : [head];
  } catch (err) {
    dropped(d, err, answer);
    return [];
  }
}

/** The latest page of a space (or the page before `refTime`). */
export async function pageBefore(d: SyncDeps, spaceId: string, refTime: number | undefined, signal: AbortSignal, opts: ItemOptions = {}): Promise<ChatEvent[]> {
  const page = await d.api.messagesBefore(spaceId, refTime, d.pageSize, signal);
  return itemsToEvents(page.items, spaceId, d, opts);
}

/** The creation time of a space, from its `GET /api/spaces/{id}` event (the raw answer). */
export function spaceCreated(spaceEvents: readonly ChatEvent[]): number | undefined {
  const raw = spaceEvents[0]?.raw;
  try {
    return isRecord(raw) ? timeMs(raw.created, 'created') : undefined;
  } catch {
    return undefined; // an unreadable time only costs the catch-up its starting point
  }
}

/**
 * Deps whose decode context knows the members a just-fetched space event lists (the store has not
 * applied it yet), so task assignees get their names.
 */
export function withMembers(d: SyncDeps, spaceEvents: readonly ChatEvent[]): SyncDeps {
  const head = spaceEvents[0];
  const members = head && (head.type === 'conversation.created' || head.type === 'conversation.updated') ? head.conversation.members : undefined;
  if (!head?.conversationId || !members) return d;
  const spaceId = head.conversationId;
  return { ...d, ctx: () => {
    const c = d.ctx();
    const known = c.members;
    return { ...c, members: (id) => (id === spaceId ? members : known?.(id)) };
  } };
}

/**
 * First load: every space and its latest page. The cursor of a space whose page is empty starts
 * at the space's creation, so the first catch-up reads its whole (short) record.
 */
export async function initialSync(d: SyncDeps, spaces: readonly string[], signal: AbortSignal): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  const seen = new Map<string, number>();
  for (const spaceId of spaces) {
    const space = await spaceEvents(d, spaceId, 'conversation.created', signal);
    events.push(...space, ...await pageBefore(withMembers(d, space), spaceId, undefined, signal, { seen }));
    if (!seen.has(spaceId)) advanceCursor(seen, spaceId, spaceCreated(space));
  }
  if (!signal.aborted) commitCursors(d.cursors, seen);
  return events;
}

/** Whether a fetched body is what sending `mine` put on the wire. */
function sameBody(mine: string, theirs: string): boolean {
  return encodeBody(mine) === theirs;
}

/**
 * Fetched messages of mine carry no `loopbackMetadata`. When one is exactly what a pending (or
 * failed) optimistic send already handed over would have sent, give it that send's clientRef, so
 * the store confirms the optimistic message instead of showing the text twice (oldest match
 * first). A send not yet handed over is never claimed: that text came from another device.
 */
export function claimOwnSends(events: ChatEvent[], view: StoreView): ChatEvent[] {
  const used = new Set<string>();
  return events.map((e) => {
    if (e.type !== 'message.created' || e.message.sender?.role !== 'self' || e.message.clientRef) return e;
    const local = view.unconfirmedSends(e.message.conversationId)
      .find((m) => m.clientRef && !used.has(m.clientRef) && mayConfirmByText(m, e.message, sameBody));
    if (!local?.clientRef) return e;
    used.add(local.clientRef);
    return { ...e, message: { ...e.message, clientRef: local.clientRef } };
  });
}
