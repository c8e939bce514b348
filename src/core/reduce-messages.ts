/**
 * Message reducers: create, update, delete, receipts, AI streams. Dedup by id plus version.
 */
import type { ChatEventOf } from './events.js';
import type { Message } from './model.js';
import { compareMessages, maxStatus } from './order.js';
import { isUnconfirmed, mayRaiseTo, type Draft } from './state.js';

/** Id a pending message has until the server confirms it. */
export function pendingId(clientRef: string): string {
  return `local:${clientRef}`;
}

/**
 * How far the server's clock may be behind this device's: a message the server dated earlier
 * than this before mine was written cannot be mine, ms.
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Whether `incoming` (mine, with no reference) may be the server's copy of the unconfirmed send
 * `local`: the same text, `local` handed to the backend already (an unsent one cannot be on the
 * server: the same text then came from another device of mine), and not dated before `local`
 * was written.
 */
export function mayConfirmByText(local: Message, incoming: Message, sameText: (mine: string, theirs: string) => boolean = sameTrimmed): boolean {
  return isUnconfirmed(local) && (local.status === 'pending' || local.status === 'failed')
    && local.handedOverAt !== undefined && incoming.createdAt >= local.createdAt - CLOCK_SKEW_MS
    && sameText(local.text, incoming.text);
}

function sameTrimmed(mine: string, theirs: string): boolean {
  return mine.trim() === theirs.trim();
}

/** A message the store already has that `incoming` confirms (same client ref, or same text from self). */
function findOptimistic(d: Draft, incoming: Message): Message | undefined {
  if (incoming.clientRef) {
    const byRef = d.message(incoming.conversationId, pendingId(incoming.clientRef));
    if (byRef) return byRef;
  }
  if (incoming.sender?.role !== 'self' || incoming.clientRef) return undefined;
  // Backends that return no id and echo no reference: the oldest send handed over with the same text.
  return d.unconfirmed(incoming.conversationId).find((m) => mayConfirmByText(m, incoming));
}

/** Newer wins; equal or older versions change nothing. */
export function isStale(prev: Pick<Message, 'version' | 'updatedAt'>, patch: Partial<Message>): boolean {
  if (patch.version !== undefined && prev.version !== undefined) return patch.version < prev.version;
  if (patch.updatedAt !== undefined && prev.updatedAt !== undefined) return patch.updatedAt < prev.updatedAt;
  return false;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Merge a patch into a stored message; returns the stored message itself when nothing changes. */
export function mergeMessage(prev: Message, patch: Partial<Message>): Message {
  if (prev.deleted || isStale(prev, patch)) return prev; // a deletion is final: a replay must not bring the text back
  let next: Message | undefined;
  for (const key of Object.keys(patch) as (keyof Message)[]) {
    const value = patch[key];
    if (value === undefined || key === 'id' || key === 'conversationId') continue;
    let v: unknown = value;
    if (key === 'status') v = maxStatus(prev.status, value as Message['status']);
    if (sameValue(prev[key], v)) continue;
    next ??= { ...prev };
    (next as unknown as Record<string, unknown>)[key] = v;
  }
  return next ?? prev;
}

/** `message.created`: insert, confirm an optimistic send, or treat a replay as an update. */
export function messageCreated(d: Draft, e: ChatEventOf<'message.created'>): Message | undefined {
  const incoming: Message = e.message.status === 'pending' ? { ...e.message, status: 'sent' } : e.message;
  const existing = d.message(incoming.conversationId, incoming.id);
  if (existing) {
    const merged = mergeMessage(existing, existing.streaming ? { ...incoming, streaming: false } : incoming);
    if (merged !== existing) d.replaceMessage(existing, merged);
    return undefined;
  }
  const optimistic = findOptimistic(d, incoming);
  if (optimistic) {
    d.removeMessage(optimistic);
    d.insertMessage({ ...incoming, clientRef: optimistic.clientRef, status: maxStatus('sent', incoming.status) });
    return undefined;
  }
  d.insertMessage(incoming);
  return incoming;
}

/** An update for a message not held, as the message it may create (when it says enough). */
function asCreation(patch: ChatEventOf<'message.updated'>['message']): Message | undefined {
  if (patch.createdAt === undefined || patch.text === undefined) return undefined;
  return { kind: 'text', markup: 'plain', attachments: [], status: 'sent', ...patch, text: patch.text, createdAt: patch.createdAt };
}

/**
 * `message.updated`: merge by version. For a message the store does not hold, only an update that
 * confirms one of my unconfirmed sends applies (an update that overtook its creation can be my own
 * send's first sign): it creates the message in place of the pending copy. Any other such update
 * must wait for its message: inserted alone it would be an island in history the store has not
 * fetched, and catch-up cursors and paging would skip the hole around it. Returns false when the
 * update did not apply for that reason (the store holds it).
 */
export function messageUpdated(d: Draft, e: ChatEventOf<'message.updated'>): boolean {
  const patch = e.message;
  const existing = d.message(patch.conversationId, patch.id);
  if (!existing) {
    const message = asCreation(patch);
    if (!message || !findOptimistic(d, message)) return false;
    messageCreated(d, { type: 'message.created', conversationId: patch.conversationId, message });
    return true;
  }
  let merged = mergeMessage(existing, patch);
  // A changed text on a settled message is an edit.
  if (merged !== existing && merged.text !== existing.text && !existing.streaming && !merged.deleted && !isUnconfirmed(existing)) {
    merged = { ...merged, edited: true };
  }
  if (merged !== existing) d.replaceMessage(existing, merged);
  return true;
}

/** `message.deleted`: tombstone for everyone, removal for "only me". */
export function messageDeleted(d: Draft, e: ChatEventOf<'message.deleted'>): void {
  const list = d.next.messages.get(e.conversationId) ?? [];
  const targets = e.messageIds === 'all' ? [...list] : e.messageIds.map((id) => d.message(e.conversationId, id)).filter((m): m is Message => !!m);
  for (const m of targets) {
    if (e.scope === 'self') d.removeMessage(m);
    else if (!m.deleted) d.replaceMessage(m, { ...m, deleted: true, text: '', attachments: [], streaming: false });
  }
}

/**
 * How far one reader has read in a conversation: up to a message (its stored copy, so its place
 * stays known should it go) and/or up to a time.
 */
export interface ReadMark {
  limit?: Message;
  at?: number;
}

/** Whether a read mark covers a message (up to and including the limit, or created by the time). */
function covers(mark: ReadMark, m: Message): boolean {
  return (mark.limit !== undefined && compareMessages(m, mark.limit) <= 0) || (mark.at !== undefined && m.createdAt <= mark.at);
}

/** The range a receipt covers: the held message it names, else its time (undefined: it names messages, or nothing here). */
export function markOf(d: Draft, e: ChatEventOf<'receipt.read'> | ChatEventOf<'receipt.delivered'>): ReadMark | undefined {
  if (e.messageIds) return undefined;
  const limit = e.type === 'receipt.read' && e.upToMessageId ? d.message(e.conversationId, e.upToMessageId) : undefined;
  if (limit) return { limit };
  return e.at !== undefined ? { at: e.at } : undefined;
}

/** A reader's mark moved on by `next`: each bound only ever moves forward (an older receipt after a newer one changes nothing). */
export function furthest(prev: ReadMark | undefined, next: ReadMark): ReadMark {
  const limit = prev?.limit && (!next.limit || compareMessages(next.limit, prev.limit) < 0) ? prev.limit : next.limit;
  const at = Math.max(prev?.at ?? -Infinity, next.at ?? -Infinity);
  return { ...(limit ? { limit } : {}), ...(at > -Infinity ? { at } : {}) };
}

/** Read and delivered receipts: raise the status of my messages the reader has seen (only those it can still raise are looked at). */
export function receipt(d: Draft, e: ChatEventOf<'receipt.read'> | ChatEventOf<'receipt.delivered'>): void {
  const status = e.type === 'receipt.read' ? 'read' : 'delivered';
  if (e.reader.role === 'self' || !d.next.messages.has(e.conversationId)) return;
  if (e.messageIds) {
    for (const id of new Set(e.messageIds)) {
      const m = d.message(e.conversationId, id);
      if (m && mayRaiseTo(m, status)) d.replaceMessage(m, { ...m, status });
    }
    return;
  }
  const mark = markOf(d, e);
  if (!mark) return;
  for (const m of d.raisable(e.conversationId, status)) if (covers(mark, m)) d.replaceMessage(m, { ...m, status });
}

/** A message that arrived after read marks that cover it (an older page, a catch-up): read. */
export function readByMarks(d: Draft, arrived: Pick<Message, 'conversationId' | 'id'>, marks: Iterable<ReadMark>): void {
  const m = d.message(arrived.conversationId, arrived.id);
  if (!m || !mayRaiseTo(m, 'read')) return;
  for (const mark of marks) {
    if (!covers(mark, m)) continue;
    d.replaceMessage(m, { ...m, status: 'read' });
    return;
  }
}

/** `ai.stream.chunk`: grow one message as chunks arrive. Returns the message when the first chunk creates it. */
export function aiChunk(d: Draft, e: ChatEventOf<'ai.stream.chunk'>, now: number): Message | undefined {
  const existing = d.message(e.conversationId, e.messageId);
  if (existing) {
    if (!existing.streaming) return undefined; // the final message already settled it
    d.replaceMessage(existing, { ...existing, text: existing.text + e.delta });
    return undefined;
  }
  const m: Message = {
    id: e.messageId, conversationId: e.conversationId, kind: 'ai', text: e.delta, markup: 'plain',
    attachments: [], sender: e.sender, createdAt: e.at ?? now, status: 'sent', streaming: true,
  };
  d.insertMessage(m);
  return m;
}
