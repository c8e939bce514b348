/**
 * Fetching state over REST: the initial load (conversations, then the latest messages of the
 * most recent ones), the catch-up after a reconnect (events from the last known id + 1, per
 * conversation, and messages pages where the events run long), one conversation adopted when I
 * am added to it, and history pages.
 */
import type { ChatEvent } from '../../events.js';
import type { ChatState } from '../../store.js';
import { withInvalidSink } from '../../wire.js';
import { readConversation, readConversations, readEventPage, readMessagesPage, type OnBad } from './decode-rest.js';
import type { DecodeContext, Decoded } from './decode-shared.js';
import type { ComapiConfig } from './options.js';
import type { ReceiptSender } from './receipts.js';
import type { ComapiApi } from './rest.js';
import { MAX_FILL_PAGES, type Sequencer } from './sequencer.js';

/** The initial load fetches messages of at most this many conversations (the most recent). */
export const MAX_INITIAL_CONVERSATIONS = 10;

/** What the fetches need. */
export interface SyncDeps {
  api: ComapiApi;
  cfg: ComapiConfig;
  ctx(): DecodeContext;
  selfId: string;
  seq: Sequencer;
  receipts: ReceiptSender;
  /** The oldest event id loaded per conversation, for `loadOlder`. */
  earliest: Map<string, number>;
  onBad: OnBad;
}

/**
 * One page of messages: the latest ones, or those at or before event `from`. Notes the
 * baseline (latest page only), the oldest event id and the statuses I already gave.
 */
export async function loadMessages(d: SyncDeps, cid: string, from: number | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  return (await loadMessagePage(d, cid, from, signal)).events;
}

/** `loadMessages`, with the oldest event id the page covers (where the page before it ends). */
async function loadMessagePage(d: SyncDeps, cid: string, from: number | undefined, signal: AbortSignal): Promise<{ events: ChatEvent[]; earliest?: number }> {
  const page = readMessagesPage(await d.api.listMessages(cid, d.cfg.pageSize, from, signal), cid, d.ctx(), d.onBad);
  const seqs = page.events.flatMap((e) => (e.type === 'message.created' && e.message.seq !== undefined ? [e.message.seq] : []));
  const earliest = page.earliestEventId ?? (seqs.length ? Math.min(...seqs) : undefined);
  const prev = d.earliest.get(cid);
  if (earliest !== undefined && (prev === undefined || earliest < prev)) d.earliest.set(cid, earliest);
  if (from === undefined) d.seq.note(cid, page.latestEventId ?? (seqs.length ? Math.max(...seqs) : undefined));
  for (const o of page.others) if (o.mine) d.receipts.know(cid, o.id, o.mine);
  return earliest === undefined || !seqs.length ? { events: page.events } : { events: page.events, earliest };
}

/**
 * Messages pages from the latest back to the one that reaches event `stopAt`, oldest page
 * first. Each message carries its statuses and each page the other status events of its range,
 * so together they hold the end state of everything after `stopAt - 1`.
 */
async function loadMessagesBackTo(d: SyncDeps, cid: string, stopAt: number, signal: AbortSignal): Promise<ChatEvent[]> {
  const pages: ChatEvent[][] = [];
  let from: number | undefined;
  for (let n = 0; n < MAX_FILL_PAGES; n++) {
    const page = await loadMessagePage(d, cid, from, signal);
    pages.unshift(page.events);
    if (page.earliest === undefined || page.earliest <= stopAt) break;
    from = page.earliest - 1;
  }
  return pages.flat();
}

/** Events from `from` on, page by page until a short page (at most MAX_FILL_PAGES). */
export async function loadEvents(d: SyncDeps, cid: string, from: number, signal: AbortSignal): Promise<{ decoded: Decoded[]; complete: boolean }> {
  const decoded: Decoded[] = [];
  let next = from;
  for (let page = 0; page < MAX_FILL_PAGES; page++) {
    const items = await d.api.listEvents(cid, next, d.cfg.pageSize, signal);
    decoded.push(...readEventPage(items, cid, d.ctx(), d.onBad));
    if (items.length < d.cfg.pageSize) return { decoded, complete: true };
    next += items.length;
  }
  return { decoded, complete: false };
}

function newestFirst(a: { lastActivityAt?: number; id: string }, b: { lastActivityAt?: number; id: string }): number {
  return (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Initial load: every conversation I take part in, and the latest messages of the most recent ones. */
export async function initialSync(d: SyncDeps, signal: AbortSignal): Promise<ChatEvent[]> {
  const list = readConversations(await d.api.listConversations(d.selfId, signal), d.onBad, d.ctx().invalid);
  const events: ChatEvent[] = list.map((w) => ({ type: 'conversation.created', conversation: w.conversation, wireName: 'rest:conversation' }));
  for (const w of list) d.seq.note(w.conversation.id, w.latestEventId);
  const wanted = d.cfg.conversation;
  const picked = list.map((w) => w.conversation).sort((a, b) => (a.id === wanted ? -1 : b.id === wanted ? 1 : newestFirst(a, b)))
    .slice(0, MAX_INITIAL_CONVERSATIONS);
  const pages = await Promise.all(picked.map((c) => loadMessages(d, c.id, undefined, signal)));
  for (const page of pages) events.push(...page);
  return events;
}

/**
 * After a reconnect: the conversation list again (one I no longer take part in is removed), and
 * per conversation the events from the last known id + 1; a conversation new to me gets its
 * latest messages. (Typing is not in the event log: whoever was shown typing stops, which the
 * core sees to after every reconnect.)
 */
export async function reconnectSync(d: SyncDeps, state: ChatState, signal: AbortSignal): Promise<ChatEvent[]> {
  const list = readConversations(await d.api.listConversations(d.selfId, signal), d.onBad, d.ctx().invalid);
  const events: ChatEvent[] = list.map((w) => {
    // A known conversation keeps the activity time its messages gave it.
    const { lastActivityAt, ...rest } = w.conversation;
    const conversation = state.conversations.has(rest.id) || lastActivityAt === undefined ? rest : { ...rest, lastActivityAt };
    return { type: 'conversation.created', conversation, wireName: 'rest:conversation' };
  });
  const listed = new Set(list.map((w) => w.conversation.id));
  for (const cid of state.conversations.keys()) {
    if (listed.has(cid)) continue;
    events.push({ type: 'conversation.deleted', conversationId: cid, wireName: 'rest:conversation' });
    d.seq.forget(cid);
  }
  for (const w of list) {
    const cid = w.conversation.id;
    const base = d.seq.latestOf(cid) ?? heldSeq(state, cid);
    if (base === undefined) {
      // Never loaded: its history is not news, unless the conversation itself is new to me.
      const page = await loadMessages(d, cid, undefined, signal);
      events.push(...(state.conversations.has(cid) ? page.map((e) => ({ ...e, origin: 'backfill' as const })) : page));
      continue;
    }
    events.push(...await catchUp(d, cid, base, signal));
  }
  return events;
}

/**
 * The newest event id among the messages the store holds of a conversation this adapter has not
 * loaded itself (a new adapter over a kept store: a token change, a reload from the cache): where
 * its catch-up resumes. The latest page alone would leave what changed meanwhile on the held
 * messages outside it (read marks on older messages of mine) and any messages between them unfetched.
 */
function heldSeq(state: ChatState, cid: string): number | undefined {
  let newest: number | undefined;
  for (const m of state.messages.get(cid) ?? []) {
    if (m.seq !== undefined && !m.id.startsWith('local:') && (newest === undefined || m.seq > newest)) newest = m.seq;
  }
  return newest;
}

/**
 * What a known conversation missed after event `base`: the events from `base + 1` on; where
 * they run past the page limit, messages pages (a message with its statuses in one item, so
 * far fewer pages) cover the rest, from the latest back to where the events stopped.
 */
async function catchUp(d: SyncDeps, cid: string, base: number, signal: AbortSignal): Promise<ChatEvent[]> {
  const { decoded, complete } = await loadEvents(d, cid, base + 1, signal);
  const ordered = decoded.filter((x) => !x.sequence || x.sequence.value > base).sort((a, b) => (a.sequence?.value ?? 0) - (b.sequence?.value ?? 0));
  const events = ordered.flatMap((x) => x.events);
  let covered = base;
  for (const x of ordered) if (x.sequence) covered = Math.max(covered, x.sequence.value);
  d.seq.note(cid, covered);
  if (!complete) events.push(...await loadMessagesBackTo(d, cid, covered + 1, signal));
  return events;
}

/** A conversation that just became mine (I was added, or it was restored): its details and latest messages. */
export async function adoptConversation(d: SyncDeps, cid: string, signal: AbortSignal): Promise<ChatEvent[]> {
  const answer = await d.api.getConversation(cid, signal);
  const w = withInvalidSink(d.ctx().invalid, () => readConversation(answer));
  const events: ChatEvent[] = [{ type: 'conversation.updated', conversation: w.conversation, wireName: 'rest:conversation' }];
  events.push(...(await loadMessages(d, cid, undefined, signal)).map((e) => ({ ...e, origin: 'backfill' as const })));
  return events;
}
