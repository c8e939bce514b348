/**
 * REST state fetches: the first load, older pages and the catch-up after a reconnect (its paging
 * is in sync-catch-up.ts). REST items go through the same decoders as socket payloads; a
 * malformed item is reported and skipped, never fatal.
 */
import type { ChatEvent } from '../../events.js';
import { decodeEach } from '../../runtime/catch-up.js';
import { claimOwnSends } from '../../runtime/claim-sends.js';
import { baseContext } from '../../runtime/decode-context.js';
import type { StoreView } from '../../store-view.js';
import { isRecord, keepRaw } from '../../wire.js';
import { encodeBody } from './codec.js';
import { kindOfCategory, readMessage } from './decode-message.js';
import type { DecodeContext } from './decode-shared.js';
import { memberEvents, readTopic } from './decode-conversation.js';
import type { SpacesRun } from './state.js';
import { objectOf } from './rest.js';

/** What the fetches need: the run, and the decode context (which may know members the store has not applied yet). */
export interface SyncDeps {
  readonly run: SpacesRun;
  ctx(): DecodeContext;
}

/** The decode context now. */
export function contextOf(run: SpacesRun): DecodeContext {
  return { ...baseContext(run, run.state.self?.selfId), members: (id) => run.view.members(id) };
}

/** The fetches' deps for a run. */
export function depsOf(run: SpacesRun): SyncDeps {
  return { run, ctx: () => contextOf(run) };
}

/** Remember the newest server time seen in a space. */
export function advanceCursor(cursors: Map<string, number>, spaceId: string, time: number | undefined): void {
  if (time !== undefined && time > (cursors.get(spaceId) ?? -Infinity)) cursors.set(spaceId, time);
}

/** Move the shared cursors to what a finished sync saw. */
export function commitCursors(cursors: Map<string, number>, seen: ReadonlyMap<string, number>): void {
  for (const [spaceId, time] of seen) advanceCursor(cursors, spaceId, time);
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
  return decodeEach(items, (raw) => itemEvents(raw, spaceId, ctx, opts), (err, raw) => d.run.dropped(err, raw)).flat();
}

/** The events of one REST message item (see `itemsToEvents`). */
function itemEvents(raw: unknown, spaceId: string, ctx: DecodeContext, opts: ItemOptions): ChatEvent[] {
  const item = isRecord(raw) && (raw.topicId === undefined || raw.topicId === null) ? { ...raw, topicId: spaceId } : raw;
  if (!isRecord(item)) throw new Error('expected an object');
  const category = typeof item.category === 'string' && kindOfCategory(item.category) ? item.category : 'chat';
  const deleted = isDeletedItem(item);
  const w = readMessage(item, category, ctx, !deleted);
  const m = w.message;
  if (opts.seen) advanceCursor(opts.seen, m.conversationId, w.serverTime);
  const env = { wireName: 'rest:message', raw: keepRaw(item, { label: 'payload' }), conversationId: m.conversationId };
  if (!deleted) {
    if (opts.historyBefore !== undefined && w.createdKnown && m.createdAt < opts.historyBefore) return [];
    return [{ ...env, type: 'message.created', message: m }]; // edited or not: the decoder read `modified`
  }
  const removal: ChatEvent = { ...env, type: 'message.deleted', messageIds: [m.id], scope: 'everyone' };
  if (opts.tombstonesAfter === undefined || !w.createdKnown || m.createdAt <= opts.tombstonesAfter) return [removal];
  // History, not news: no unread count, no notification for what is already gone. (A removal
  // moves `modified` too, so a tombstone says nothing of edits.)
  const { edited: _edited, ...gone } = m;
  return [{ ...env, type: 'message.created', origin: 'backfill', message: { ...gone, text: '', attachments: [], deleted: true } }, removal];
}

/** `GET /api/spaces/{id}` → the conversation (and, on a refresh, who joined or left meanwhile). */
export async function spaceEvents(d: SyncDeps, spaceId: string, type: 'conversation.created' | 'conversation.updated', signal: AbortSignal): Promise<ChatEvent[]> {
  const answer = objectOf(await d.run.state.api.space(spaceId, signal));
  return decodeEach([answer], (): ChatEvent[] => {
    const ctx = d.ctx();
    const w = readTopic(answer, ctx, 'space');
    const env = { wireName: 'rest:space', raw: keepRaw(answer, { label: 'payload' }), conversationId: w.conversation.id };
    const head: ChatEvent = { ...env, type, conversation: w.conversation };
    return type === 'conversation.updated' ? [head, ...memberEvents(w, ctx.members?.(spaceId), ctx.selfId, env)] : [head];
  }, (err) => d.run.dropped(err, answer)).flat();
}

/** The latest page of a space (or the page before `refTime`). */
export async function pageBefore(d: SyncDeps, spaceId: string, refTime: number | undefined, signal: AbortSignal, opts: ItemOptions = {}): Promise<ChatEvent[]> {
  const page = await d.run.state.api.messagesBefore(spaceId, refTime, d.run.config.pageSize, signal);
  return itemsToEvents(page.items, spaceId, d, opts);
}

/** The creation time of a space, from its `GET /api/spaces/{id}` event (read into the conversation's `meta`). */
export function spaceCreated(spaceEvents: readonly ChatEvent[]): number | undefined {
  const head = spaceEvents[0];
  const created = head?.type === 'conversation.created' || head?.type === 'conversation.updated' ? head.conversation.meta?.createdAt : undefined;
  return typeof created === 'number' ? created : undefined;
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
 * First load of spaces the store holds nothing of: every space and its latest page. The cursor of
 * a space whose page is empty starts at the space's creation, so the first catch-up reads its
 * whole (short) record. (Spaces the store holds already: `firstSync` in sync-catch-up.ts.)
 */
export async function initialSync(d: SyncDeps, spaces: readonly string[], signal: AbortSignal): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  const seen = new Map<string, number>();
  for (const spaceId of spaces) {
    const space = await spaceEvents(d, spaceId, 'conversation.created', signal);
    events.push(...space, ...await pageBefore(withMembers(d, space), spaceId, undefined, signal, { seen }));
    if (!seen.has(spaceId)) advanceCursor(seen, spaceId, spaceCreated(space));
  }
  if (!signal.aborted) commitCursors(d.run.state.cursors, seen);
  return events;
}

/** My fetched messages matched to my unconfirmed sends: the same body as sending it put on the wire (see claimOwnSends). */
export function claimSends(events: ChatEvent[], view: StoreView): ChatEvent[] {
  return claimOwnSends(events, view, (mine, theirs) => encodeBody(mine) === theirs);
}
