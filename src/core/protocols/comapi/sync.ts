/**
 * Fetching state over REST: the initial load (conversations, then the latest messages of the
 * most recent ones), the catch-up after a reconnect (events from the last known id + 1, per
 * conversation, and messages pages where the events run long), one conversation adopted when I
 * am added to it, and history pages.
 */
import type { ChatEvent } from '../../events.js';
import { conversationsGone, conversationsToOpen, pageThrough } from '../../runtime/catch-up.js';
import { baseContext } from '../../runtime/decode-context.js';
import { MAX_FILL_PAGES } from '../../runtime/sequencer.js';
import type { StoreView } from '../../store-view.js';
import { array, withInvalidSink } from '../../wire.js';
import { readConversation, readConversations, readEventPage, readMessagesPage } from './decode-rest.js';
import type { DecodeContext, Decoded } from './decode-shared.js';
import type { Run } from './identity.js';

/** The initial load fetches messages of at most this many conversations (the most recent). */
export const MAX_INITIAL_CONVERSATIONS = 10;

/** The decode context of a run: who I am, now, and names known for profile ids. */
export function contextOf(run: Run): DecodeContext {
  const { state } = run;
  const nameOf = (profileId: string): string | undefined => state.names.get(profileId) ?? run.view.profileName(profileId);
  return { ...baseContext(run, state.selfId), typingTtlMs: run.config.typingTtlMs, nameOf };
}

/** My profile id (the identify step set it). */
function selfOf(run: Run): string {
  if (!run.state.selfId) throw new Error('comapi: not connected yet');
  return run.state.selfId;
}

/**
 * One page of messages: the latest ones, or those at or before event `from`. Notes the
 * baseline (latest page only), the oldest event id and the statuses I already gave.
 */
export async function loadMessages(run: Run, cid: string, from: number | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  return (await loadMessagePage(run, cid, from, signal)).events;
}

/** `loadMessages`, with the oldest event id the page covers (where the page before it ends). */
async function loadMessagePage(run: Run, cid: string, from: number | undefined, signal: AbortSignal): Promise<{ events: ChatEvent[]; earliest?: number }> {
  const { state } = run;
  const page = readMessagesPage(await state.api.listMessages(cid, run.config.pageSize, from, signal), cid, contextOf(run), run.dropped);
  const seqs = page.events.flatMap((e) => (e.type === 'message.created' && e.message.seq !== undefined ? [e.message.seq] : []));
  const earliest = page.earliestEventId ?? (seqs.length ? Math.min(...seqs) : undefined);
  const prev = state.earliest.get(cid);
  if (earliest !== undefined && (prev === undefined || earliest < prev)) state.earliest.set(cid, earliest);
  if (from === undefined) state.seq.note(cid, page.latestEventId ?? (seqs.length ? Math.max(...seqs) : undefined));
  for (const o of page.others) if (o.mine) state.receipts.know(cid, o.id, o.mine);
  return earliest === undefined || !seqs.length ? { events: page.events } : { events: page.events, earliest };
}

/**
 * Messages pages from the latest back to the one that reaches event `stopAt`, oldest page
 * first. Each message carries its statuses and each page the other status events of its range,
 * so together they hold the end state of everything after `stopAt - 1`.
 */
async function loadMessagesBackTo(run: Run, cid: string, stopAt: number, signal: AbortSignal): Promise<ChatEvent[]> {
  const { items: pages } = await pageThrough<ChatEvent[], number>(undefined, async (from) => {
    const page = await loadMessagePage(run, cid, from, signal);
    return page.earliest === undefined || page.earliest <= stopAt ? { items: [page.events] } : { items: [page.events], next: page.earliest - 1 };
  }, MAX_FILL_PAGES);
  return pages.reverse().flat();
}

/** One page of events from `from` on, decoded, with how many items the server gave. */
export async function readEvents(run: Run, cid: string, from: number, limit: number, signal: AbortSignal): Promise<{ decoded: Decoded[]; count: number }> {
  const items = array(await run.state.api.listEvents(cid, from, limit, signal), 'events');
  return { decoded: readEventPage(items, cid, contextOf(run), run.dropped), count: items.length };
}

/** Events from `from` on, page by page until a short page (at most MAX_FILL_PAGES). */
export async function loadEvents(run: Run, cid: string, from: number, signal: AbortSignal): Promise<{ decoded: Decoded[]; complete: boolean }> {
  const { items, complete } = await pageThrough<Decoded, number>(from, async (next = from) => {
    const { decoded, count } = await readEvents(run, cid, next, run.config.pageSize, signal);
    return count < run.config.pageSize ? { items: decoded } : { items: decoded, next: next + count };
  }, MAX_FILL_PAGES);
  return { decoded: items, complete };
}

/** Initial load: every conversation I take part in, and the latest messages of the most recent ones. */
export async function initialSync(run: Run, signal: AbortSignal): Promise<ChatEvent[]> {
  const list = readConversations(await run.state.api.listConversations(selfOf(run), signal), run.dropped, run.invalid);
  const events: ChatEvent[] = list.map((w) => ({ type: 'conversation.created', conversation: w.conversation, wireName: 'rest:conversation' }));
  for (const w of list) run.state.seq.note(w.conversation.id, w.latestEventId);
  const picked = conversationsToOpen(events, run.config.conversation, MAX_INITIAL_CONVERSATIONS);
  const pages = await Promise.all(picked.map((cid) => loadMessages(run, cid, undefined, signal)));
  return [...events, ...pages.flat()];
}

/**
 * After a reconnect: the conversation list again (one I no longer take part in is removed), and
 * per conversation the events from the last known id + 1; a conversation new to me gets its
 * latest messages. (Typing is not in the event log: whoever was shown typing stops, which the
 * core sees to after every reconnect.)
 */
export async function reconnectSync(run: Run, signal: AbortSignal): Promise<ChatEvent[]> {
  const { view, state } = run;
  const list = readConversations(await state.api.listConversations(selfOf(run), signal), run.dropped, run.invalid);
  const events: ChatEvent[] = list.map((w) => {
    // A known conversation keeps the activity time its messages gave it.
    const { lastActivityAt, ...rest } = w.conversation;
    const conversation = view.hasConversation(rest.id) || lastActivityAt === undefined ? rest : { ...rest, lastActivityAt };
    return { type: 'conversation.created', conversation, wireName: 'rest:conversation' };
  });
  const gone = conversationsGone(view.conversationIds(), new Set(list.map((w) => w.conversation.id)));
  for (const e of gone) if (e.type === 'conversation.deleted') state.seq.forget(e.conversationId);
  events.push(...gone);
  for (const w of list) {
    const cid = w.conversation.id;
    const base = state.seq.latestOf(cid) ?? heldSeq(view, cid);
    if (base === undefined) {
      // Never loaded: its history is not news, unless the conversation itself is new to me.
      const page = await loadMessages(run, cid, undefined, signal);
      events.push(...(view.hasConversation(cid) ? page.map((e) => ({ ...e, origin: 'backfill' as const })) : page));
      continue;
    }
    events.push(...await catchUp(run, cid, base, signal));
  }
  return events;
}

/**
 * The newest event id among the messages the store holds of a conversation this adapter has not
 * loaded itself (a new adapter over a kept store: a token change, a reload from the cache): where
 * its catch-up resumes. The latest page alone would leave what changed meanwhile on the held
 * messages outside it (read marks on older messages of mine) and any messages between them unfetched.
 */
function heldSeq(view: StoreView, cid: string): number | undefined {
  let newest: number | undefined;
  for (const m of view.held(cid)) if (m.seq !== undefined && (newest === undefined || m.seq > newest)) newest = m.seq;
  return newest;
}

/**
 * What a known conversation missed after event `base`: the events from `base + 1` on; where
 * they run past the page limit, messages pages (a message with its statuses in one item, so
 * far fewer pages) cover the rest, from the latest back to where the events stopped.
 */
async function catchUp(run: Run, cid: string, base: number, signal: AbortSignal): Promise<ChatEvent[]> {
  const { decoded, complete } = await loadEvents(run, cid, base + 1, signal);
  const ordered = decoded.filter((x) => !x.sequence || x.sequence.value > base).sort((a, b) => (a.sequence?.value ?? 0) - (b.sequence?.value ?? 0));
  const events = ordered.flatMap((x) => x.events);
  let covered = base;
  for (const x of ordered) if (x.sequence) covered = Math.max(covered, x.sequence.value);
  run.state.seq.note(cid, covered);
  if (!complete) events.push(...await loadMessagesBackTo(run, cid, covered + 1, signal));
  return events;
}

/** A conversation that just became mine (I was added, or it was restored): its details and latest messages. */
export async function adoptConversation(run: Run, cid: string, signal: AbortSignal): Promise<ChatEvent[]> {
  const answer = await run.state.api.getConversation(cid, signal);
  const w = withInvalidSink(run.invalid, () => readConversation(answer));
  const events: ChatEvent[] = [{ type: 'conversation.updated', conversation: w.conversation, wireName: 'rest:conversation' }];
  events.push(...(await loadMessages(run, cid, undefined, signal)).map((e) => ({ ...e, origin: 'backfill' as const })));
  return events;
}
