/**
 * Conversation and typing reducers: patches that change nothing produce no new object, leaving a
 * conversation takes its messages and typing with it, and activity and unread follow messages.
 * The list order and the unread total follow each update incrementally: only the conversations it
 * touched move (a binary search each), so one message into 100,000 conversations re-sorts nothing.
 */
import type { Conversation, Message } from './model.js';
import { compareIds } from './order.js';
import type { ChatState, ConversationRank, Draft } from './state.js';

/** Viewing a conversation clears its unread count. */
export function clearUnread(d: Draft, conversationId: string): void {
  const c = d.next.conversations.get(conversationId);
  if (c && c.unreadCount) d.setConversation({ ...c, unreadCount: 0 });
}

/** Merge a patch; values that are already there change nothing. */
export function patchConversation(d: Draft, patch: Partial<Conversation> & { id: string }): void {
  const prev = d.next.conversations.get(patch.id) as unknown as Record<string, unknown> | undefined;
  const own = d.ownConversation(patch.id) as unknown as Record<string, unknown> | undefined;
  if (own) {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && !sameWireValue(own[k], v)) own[k] = v;
    return;
  }
  let next: Record<string, unknown> | undefined = prev ? undefined : { id: patch.id };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || sameWireValue(prev?.[k], v)) continue;
    next ??= { ...prev };
    next[k] = v;
  }
  if (next) d.setConversation(next as unknown as Conversation);
}

/** Equal values: the same primitive, or objects (members, metadata) with the same JSON. */
function sameWireValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** Remove a conversation with its messages and typing; it stops being the open one. */
export function removeConversation(d: Draft, id: string): void {
  if (!d.next.conversations.has(id)) return;
  d.deleteConversation(id);
  d.clearMessages(id);
  if (d.next.typing.has(id)) d.map('typing').delete(id);
  // Nothing may be sent into a conversation that is gone.
  if (d.next.activeConversation === id) d.set('activeConversation', undefined);
}

/** A message moves its conversation's activity and, when it counts, the unread count. */
export function touchConversation(d: Draft, m: Message, countUnread: boolean): void {
  const counts = countUnread && m.sender?.role !== 'self' && !(d.next.viewing && d.next.activeConversation === m.conversationId);
  const own = d.ownConversation(m.conversationId);
  if (own) { // this update's own copy (a page, a burst): written in place, no patch
    if (!own.lastActivityAt || m.createdAt >= own.lastActivityAt) {
      own.lastActivityAt = m.createdAt;
      own.lastMessageId = m.id;
    }
    if (counts) own.unreadCount = (own.unreadCount ?? 0) + 1;
    return;
  }
  const c = d.next.conversations.get(m.conversationId);
  const patch: Partial<Conversation> & { id: string } = { id: m.conversationId };
  if (!c?.lastActivityAt || m.createdAt >= c.lastActivityAt) {
    patch.lastActivityAt = m.createdAt;
    patch.lastMessageId = m.id;
  }
  if (counts) patch.unreadCount = (c?.unreadCount ?? 0) + 1;
  patchConversation(d, patch);
}

/** Someone stopped typing (or sent their message). */
export function stopTyping(d: Draft, conversationId: string, actorId: string | undefined): void {
  const entries = d.next.typing.get(conversationId);
  if (!entries || actorId === undefined || !entries.some((t) => t.actor.id === actorId)) return;
  const rest = entries.filter((t) => t.actor.id !== actorId);
  if (rest.length) d.map('typing').set(conversationId, rest);
  else d.map('typing').delete(conversationId);
}

/** More conversations than this touched by one update are cheaper to sort again than to move one by one. */
const MOVES_BEFORE_RESORT = 64;

type Ranked = Pick<ChatState, 'conversations' | 'messages'>;

const finiteTime = (ms: number | undefined): number => (typeof ms === 'number' && Number.isFinite(ms) ? ms : 0);

/** A conversation's place in the list, or undefined when it is not listed (absent or hidden). */
export function rankOf(s: Ranked, id: string): ConversationRank | undefined {
  const c = s.conversations.get(id);
  if (!c || c.hidden) return undefined;
  const activity = Math.max(finiteTime(c.lastActivityAt), finiteTime(s.messages.get(id)?.at(-1)?.createdAt));
  return { id, pinned: !!c.pinned, activity };
}

/** List order: pinned first, then most recent activity, then id; a total order (no two ranks tie). */
export function compareRanks(a: ConversationRank, b: ConversationRank): number {
  return Number(b.pinned) - Number(a.pinned) || b.activity - a.activity || compareIds(a.id, b.id);
}

/** Every listed conversation, sorted: for a load, or when one update moved very many. */
export function orderConversations(s: Ranked): ConversationRank[] {
  const order: ConversationRank[] = [];
  for (const id of s.conversations.keys()) {
    const rank = rankOf(s, id);
    if (rank) order.push(rank);
  }
  return order.sort(compareRanks);
}

/** First index whose rank does not come before `rank`. */
function lowerBound(order: readonly ConversationRank[], rank: ConversationRank): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRanks(order[mid]!, rank) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sameRank = (a: ConversationRank | undefined, b: ConversationRank | undefined): boolean =>
  a === b || (!!a && !!b && a.pinned === b.pinned && a.activity === b.activity);

/** The order with each move applied: removed at its old rank, inserted at its new; undefined when the order is not the one expected. */
function moveRanks(order: readonly ConversationRank[], moves: readonly [ConversationRank | undefined, ConversationRank | undefined][]): ConversationRank[] | undefined {
  const next = [...order];
  for (const [before] of moves) {
    if (!before) continue;
    const i = lowerBound(next, before);
    if (next[i]?.id !== before.id) return undefined;
    next.splice(i, 1);
  }
  for (const [, after] of moves) if (after) next.splice(lowerBound(next, after), 0, after);
  return next;
}

/** After an update: move the conversations it touched to their new places, and carry their unread counts into the total. */
export function reorderConversations(d: Draft): void {
  if (d.touchedConversations.size === 0) return;
  const moves: [ConversationRank | undefined, ConversationRank | undefined][] = [];
  let unread = d.next.unreadTotal;
  for (const id of d.touchedConversations) {
    unread += unreadOf(d.next.conversations.get(id)) - unreadOf(d.base.conversations.get(id));
    const before = rankOf(d.base, id);
    const after = rankOf(d.next, id);
    if (!sameRank(before, after)) moves.push([before, after]);
  }
  d.set('unreadTotal', unread);
  if (moves.length === 0) return;
  const moved = moves.length <= MOVES_BEFORE_RESORT ? moveRanks(d.base.conversationOrder, moves) : undefined;
  d.set('conversationOrder', moved ?? orderConversations(d.next));
}

function unreadOf(c: Conversation | undefined): number {
  const n = c?.unreadCount;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}
