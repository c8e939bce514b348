/**
 * REST state fetches: the initial load, the catch-up after a reconnect, and pages of history.
 * REST objects go through the same decoders as cable frames; a malformed object is reported and
 * skipped, never fatal.
 */
import type { ChatEvent, ChatEventOf } from '../../events.js';
import { compareIds } from '../../order.js';
import { conversationsToOpen, decodeEach } from '../../runtime/catch-up.js';
import { baseContext } from '../../runtime/decode-context.js';
import type { StoreView } from '../../store-view.js';
import { isRecord } from '../../wire.js';
import { conversationEvents, peerReadReceipts, readConversation, type WireConversation } from './decode-conversation.js';
import { decodeMessage } from './decode-message.js';
import { rawOf, type DecodeContext } from './decode-shared.js';
import type { ChatwootRun } from './identity.js';
import type { ChatwootApi } from './rest.js';

/**
 * Most pages fetched per conversation when catching up after a reconnect (10,000 messages with
 * Chatwoot's 20 a page): a long outage in a busy conversation must not leave a gap, and the
 * Client API pages only backwards (`before`), so the whole outage is paged through.
 */
export const MAX_CATCH_UP_PAGES = 500;

/**
 * How many messages at or before the newest one known before a reconnect the catch-up reads
 * again at least (the last frames before a cut, one possibly held back out of order, may be lost).
 * It reads on until every message the store holds was read again: a deletion (or any other change
 * Chatwoot makes) during the outage may land on any of them, and the Client API lists no changes.
 */
export const REFRESH_BEHIND = 40;

/** What the fetches need. */
export interface SyncDeps {
  readonly api: ChatwootApi;
  ctx(): DecodeContext;
  /** Report an item dropped as undecodable. */
  dropped(err: unknown, item: unknown): void;
}

/** The decode context now: my role and id, the time, where invalid values are told. */
export function contextOf(run: ChatwootRun): DecodeContext {
  return { ...baseContext(run, run.state.self?.selfId), role: run.config.role };
}

/** The fetches' needs, from a run. */
export function depsOf(run: ChatwootRun): SyncDeps {
  return { api: run.state.api, ctx: () => contextOf(run), dropped: run.dropped };
}

/**
 * `conversation.*` events for REST conversation objects. The Client API's conversation embeds
 * every message of the conversation (`messages.chat` in public/api/v1/models/_conversation):
 * a contact takes none of them, and reads messages page by page from the messages endpoint
 * instead, so a long conversation does not load at once and history pages stay pages.
 */
export function conversationsToEvents(
  list: readonly unknown[], type: 'conversation.created' | 'conversation.updated', d: SyncDeps,
): { events: ChatEvent[]; conversations: WireConversation[] } {
  const ctx = d.ctx();
  const read = decodeEach(list, (item) => {
    const source = ctx.role === 'contact' && isRecord(item) ? { ...item, messages: [] } : item;
    const w = readConversation(source, ctx);
    return w && { w, events: conversationEvents(w, type, { wireName: 'rest:conversation', raw: rawOf(source) }) };
  }, d.dropped).flatMap((got) => (got ? [got] : []));
  return { events: read.flatMap((r) => r.events), conversations: read.map((r) => r.w) };
}

/** One REST message's event, with its scrubbed raw; undefined when dropped (private for a contact, malformed: reported). */
function restMessage(item: unknown, d: SyncDeps, conversationId: string): ChatEventOf<'message.created'> | undefined {
  try {
    // Client API lists may leave the conversation id out of each message.
    const fixed = isRecord(item) && (item.conversation_id === undefined || item.conversation_id === null) ? { ...item, conversation_id: conversationId } : item;
    const raw = rawOf(fixed);
    const message = decodeMessage(fixed, d.ctx());
    return message && { type: 'message.created', conversationId: message.conversationId, message, wireName: 'rest:message', raw };
  } catch (err) {
    d.dropped(err, item);
    return undefined;
  }
}

/** `message.created` events for a REST message list. */
export function messagesToEvents(list: readonly unknown[], conversationId: string, d: SyncDeps): ChatEventOf<'message.created'>[] {
  return list.flatMap((item) => restMessage(item, d, conversationId) ?? []);
}

/**
 * Initial load: every conversation (a contact without one gets one created), then the latest
 * messages of the active one: the requested one when listed, else the most recently active.
 */
export async function initialSync(d: SyncDeps, wanted: string | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  let list: unknown[] = await d.api.listConversations(signal);
  if (list.length === 0 && d.ctx().role === 'contact') list = [await d.api.createConversation(signal)];
  const { events, conversations } = conversationsToEvents(list, 'conversation.created', d);
  const [active] = conversationsToOpen(events, wanted, 1);
  if (active !== undefined) events.push(...messagesToEvents(await d.api.listMessages(active, undefined, signal), active, d));
  return [...events, ...receiptsOf(conversations, d)];
}

/** The other side's read time of each listed conversation, as receipts: after the messages they cover. */
function receiptsOf(conversations: readonly WireConversation[], d: SyncDeps): ChatEvent[] {
  const role = d.ctx().role;
  return conversations.flatMap((w) => peerReadReceipts(w, role, { wireName: 'rest:conversation' }));
}

/**
 * Catch-up after a reconnect: refreshed conversations, then for each conversation with messages,
 * the latest page and older pages (`before`, the one cursor the Client API honours) until every
 * message the store holds was read again, and at least REFRESH_BEHIND at or before the newest one
 * known before the disconnect (at most MAX_CATCH_UP_PAGES pages). Duplicates are fine: the store dedupes by id and
 * `updated_at`. Each conversation's read time follows, as a receipt. (Whoever was shown typing
 * stops: the core sees to that after every reconnect.)
 */
export async function reconnectSync(d: SyncDeps, view: StoreView, signal: AbortSignal): Promise<ChatEvent[]> {
  const { events, conversations } = conversationsToEvents(await d.api.listConversations(signal), 'conversation.updated', d);
  for (const cid of view.conversationIds()) {
    const ids = view.held(cid).map((m) => m.id).sort(compareIds); // the server-side ids held, oldest first
    if (ids.length) events.push(...(await catchUpMessages(d, cid, { lastKnown: ids.at(-1)!, oldestHeld: ids[0]! }, signal)));
  }
  return [...events, ...receiptsOf(conversations, d)];
}

/**
 * One conversation's pages, newest first, back past the oldest message held and at least
 * REFRESH_BEHIND messages at or before `lastKnown` (at most MAX_CATCH_UP_PAGES pages).
 */
async function catchUpMessages(d: SyncDeps, cid: string, held: { lastKnown: string; oldestHeld: string }, signal: AbortSignal): Promise<ChatEvent[]> {
  const { lastKnown, oldestHeld } = held;
  const events: ChatEvent[] = [];
  let before: string | undefined;
  let behind = 0;
  for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
    const got = messagesToEvents(await d.api.listMessages(cid, before, signal), cid, d);
    events.push(...got);
    const ids = got.map((e) => e.message.id);
    if (ids.length === 0) break; // the start of the conversation
    behind += ids.filter((mid) => compareIds(mid, lastKnown) <= 0).length;
    const oldest = ids.reduce((a, b) => (compareIds(a, b) <= 0 ? a : b));
    if (behind >= REFRESH_BEHIND && compareIds(oldest, oldestHeld) <= 0) break; // every held message read again
    if (before !== undefined && compareIds(oldest, before) >= 0) break; // the server ignored `before`
    before = oldest;
  }
  return events;
}
