/**
 * Conversation and typing reducers: patches that change nothing produce no new object, leaving a
 * conversation takes its messages and typing with it, and activity and unread follow messages.
 */
import type { Conversation, Message } from './model.js';
import type { Draft } from './state.js';

/** Viewing a conversation clears its unread count. */
export function clearUnread(d: Draft, conversationId: string): void {
  const c = d.next.conversations.get(conversationId);
  if (c && c.unreadCount) d.map('conversations').set(conversationId, { ...c, unreadCount: 0 });
}

/** Merge a patch; values that are already there change nothing. */
export function patchConversation(d: Draft, patch: Partial<Conversation> & { id: string }): void {
  const prev = d.next.conversations.get(patch.id);
  const next: Conversation = { ...(prev ?? { id: patch.id }) };
  let changed = !prev;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || JSON.stringify((prev as unknown as Record<string, unknown> | undefined)?.[k]) === JSON.stringify(v)) continue;
    (next as unknown as Record<string, unknown>)[k] = v;
    changed = true;
  }
  if (changed) d.map('conversations').set(patch.id, next);
}

/** Remove a conversation with its messages and typing; it stops being the open one. */
export function removeConversation(d: Draft, id: string): void {
  if (!d.next.conversations.has(id)) return;
  d.map('conversations').delete(id);
  d.clearMessages(id);
  if (d.next.typing.has(id)) d.map('typing').delete(id);
  // Nothing may be sent into a conversation that is gone.
  if (d.next.activeConversation === id) d.set('activeConversation', undefined);
}

/** A message moves its conversation's activity and, when it counts, the unread count. */
export function touchConversation(d: Draft, m: Message, countUnread: boolean): void {
  const c = d.next.conversations.get(m.conversationId);
  const patch: Partial<Conversation> & { id: string } = { id: m.conversationId };
  if (!c?.lastActivityAt || m.createdAt >= c.lastActivityAt) {
    patch.lastActivityAt = m.createdAt;
    patch.lastMessageId = m.id;
  }
  const onScreen = d.next.viewing && d.next.activeConversation === m.conversationId;
  if (countUnread && m.sender?.role !== 'self' && !onScreen) patch.unreadCount = (c?.unreadCount ?? 0) + 1;
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
