/**
 * REST state fetches: the first load, the catch-up after a reconnect (the activities record:
 * everything added, changed or deleted after the newest server time seen), and older pages.
 * REST items go through the same decoders as socket payloads; a malformed item is reported and
 * skipped, never fatal.
 */
import { ParleyError } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import type { Message } from '../../model.js';
import type { ChatState } from '../../store.js';
import { isRecord } from '../../wire.js';
import { encodeBody } from './codec.js';
import { kindOfCategory, readMessage } from './decode-message.js';
import { scrub, type DecodeContext } from './decode-shared.js';
import { memberEvents, readTopic } from './decode-topic.js';
import { objectOf, type Page, type SpacesApi } from './rest.js';
import { redact } from './secrets.js';

/** Most activity pages fetched per space when catching up after a reconnect. */
export const MAX_CATCH_UP_PAGES = 10;

/** What the fetches need. */
export interface SyncDeps {
  api: SpacesApi;
  ctx(): DecodeContext;
  pageSize: number;
  report(error: ParleyError): void;
  secrets(): (string | undefined)[];
  /** Space → newest server time (`modified`/`created`) seen, the `after` of the next catch-up. */
  cursors: Map<string, number>;
}

/** Remember the newest server time seen in a space. */
export function advanceCursor(cursors: Map<string, number>, spaceId: string, time: number | undefined): void {
  if (time !== undefined && time > (cursors.get(spaceId) ?? -Infinity)) cursors.set(spaceId, time);
}

function dropped(d: SyncDeps, err: unknown, item: unknown): void {
  const text = err instanceof Error ? err.message : 'undecodable';
  d.report(new ParleyError('decode', redact(`spaces: REST item dropped: ${text}`, d.secrets()), { protocol: 'spaces', frame: item, cause: err }));
}

function isDeletedItem(item: Record<string, unknown>): boolean {
  return item.deleted === true || item.isDeleted === true || item.category === 'app.event.message.removed';
}

/** Events for REST message items of a space (deleted items become deletions). */
export function itemsToEvents(items: readonly unknown[], spaceId: string, d: SyncDeps): ChatEvent[] {
  const ctx = d.ctx();
  const events: ChatEvent[] = [];
  for (const raw of items) {
    try {
      const item = isRecord(raw) && (raw.topicId === undefined || raw.topicId === null) ? { ...raw, topicId: spaceId } : raw;
      if (!isRecord(item)) throw new Error('expected an object');
      const category = typeof item.category === 'string' && kindOfCategory(item.category) ? item.category : 'chat';
      const deleted = isDeletedItem(item);
      const w = readMessage(item, category, ctx, !deleted);
      advanceCursor(d.cursors, w.message.conversationId, w.serverTime);
      const env = { wireName: 'rest:message', raw: scrub(item), conversationId: w.message.conversationId };
      events.push(deleted
        ? { ...env, type: 'message.deleted', messageIds: [w.message.id], scope: 'everyone' }
        : { ...env, type: 'message.created', message: w.message });
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
export async function pageBefore(d: SyncDeps, spaceId: string, refTime: number | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  const page = await d.api.messagesBefore(spaceId, refTime, d.pageSize, signal);
  return itemsToEvents(page.items, spaceId, d);
}

/**
 * Deps whose decode context knows the members a just-fetched space event lists (the store has not
 * applied it yet), so task assignees get their names.
 */
function withMembers(d: SyncDeps, spaceEvents: readonly ChatEvent[]): SyncDeps {
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

/** First load: every space and its latest messages. */
export async function initialSync(d: SyncDeps, spaces: readonly string[], signal: AbortSignal): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for (const spaceId of spaces) {
    const space = await spaceEvents(d, spaceId, 'conversation.created', signal);
    events.push(...space, ...await pageBefore(withMembers(d, space), spaceId, undefined, signal));
  }
  return events;
}

/**
 * After a reconnect: refreshed spaces, then per space everything that changed after the newest
 * server time seen (`after` is one ms earlier: the store dedupes what comes twice), following
 * `nextPageUrl` for at most MAX_CATCH_UP_PAGES pages. A space never seen gets its latest page.
 */
export async function reconnectSync(d: SyncDeps, spaces: readonly string[], signal: AbortSignal): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for (const spaceId of spaces) {
    const space = await spaceEvents(d, spaceId, 'conversation.updated', signal);
    events.push(...space);
    const ds = withMembers(d, space);
    const cursor = d.cursors.get(spaceId);
    if (cursor === undefined) {
      events.push(...await pageBefore(ds, spaceId, undefined, signal));
      continue;
    }
    let page: Page = await d.api.activities(spaceId, cursor - 1, d.pageSize, signal);
    for (let n = 1; ; n++) {
      events.push(...itemsToEvents(page.items, spaceId, ds));
      if (!page.next || n >= MAX_CATCH_UP_PAGES || page.items.length === 0) break;
      page = await d.api.nextPage(page.next, signal);
    }
  }
  return events;
}

/**
 * Fetched messages of mine carry no `loopbackMetadata`. When one is exactly what a still pending
 * (or failed) optimistic send would have sent, give it that send's clientRef, so the store
 * confirms the optimistic message instead of showing the text twice (oldest match first).
 */
export function claimOwnSends(events: ChatEvent[], state: ChatState): ChatEvent[] {
  const used = new Set<string>();
  return events.map((e) => {
    if (e.type !== 'message.created' || e.message.sender?.role !== 'self' || e.message.clientRef) return e;
    const list: readonly Message[] = state.messages.get(e.message.conversationId) ?? [];
    const local = list.find((m) => m.id.startsWith('local:') && m.clientRef && !used.has(m.clientRef)
      && (m.status === 'pending' || m.status === 'failed') && encodeBody(m.text) === e.message.text);
    if (!local?.clientRef) return e;
    used.add(local.clientRef);
    return { ...e, message: { ...e.message, clientRef: local.clientRef } };
  });
}
