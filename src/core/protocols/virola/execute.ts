/**
 * Commands over the Virola Web API. Sending returns no id and echoes no reference: the optimistic
 * message stays `pending` until the socket's `TextMessagesCreated` for my user and the same text
 * confirms it (the store matches them).
 */
import type { Command } from '../../commands.js';
import type { ChatEvent } from '../../events.js';
import type { Message } from '../../model.js';
import { compareIds } from '../../order.js';
import type { ChatState } from '../../store.js';
import { pageWithComments, type BackfillDeps } from './backfill.js';
import { readBy } from './decode-message.js';

/** Most messages marked read by one `markRead`. */
export const MAX_READ_MARKS = 50;

/** What commands need besides the fetches. */
export interface ExecuteDeps extends BackfillDeps {
  state(): ChatState;
  selfId(): string | undefined;
  /**
   * Client refs whose send the server accepted. The answer carries no id, so the message stays
   * pending until its created event arrives; a second delivery attempt of the same ref before
   * that must not post it again.
   */
  readonly sent: Set<string>;
  /** Message ids marked read by this adapter (their read timestamps may not be back yet). */
  readonly marked: Set<string>;
}

/**
 * The messages a `markRead` covers: others' messages up to `messageId` (else up to `at`, else all)
 * that carry no read timestamp of mine and were not marked already, the newest MAX_READ_MARKS.
 */
export function unreadUpTo(list: readonly Message[], selfId: string | undefined, marked: ReadonlySet<string>, messageId?: string, at?: number): Message[] {
  let end = list.length;
  if (messageId !== undefined) {
    const i = list.findIndex((m) => m.id === messageId);
    if (i >= 0) end = i + 1;
  } else if (at !== undefined) {
    end = list.filter((m) => m.createdAt <= at).length;
  }
  return list.slice(0, end).filter((m) => m.sender?.role !== 'self' && !m.id.startsWith('local:') && !m.deleted
    && !marked.has(m.id) && (selfId === undefined || !readBy(m, selfId))).slice(-MAX_READ_MARKS);
}

/** The oldest top-level server message of a room: the cursor for the page before it. */
function oldestTopLevel(list: readonly Message[]): string | undefined {
  let oldest: string | undefined;
  for (const m of list) {
    if (m.threadParentId || m.id.startsWith('local:')) continue;
    if (oldest === undefined || compareIds(m.id, oldest) < 0) oldest = m.id;
  }
  return oldest;
}

async function markRead(d: ExecuteDeps, conversationId: string, messageId: string | undefined, at: number | undefined, signal: AbortSignal): Promise<void> {
  const list = d.state().messages.get(conversationId) ?? [];
  const targets = unreadUpTo(list, d.selfId(), d.marked, messageId, at);
  for (const m of targets) d.marked.add(m.id);
  const results = await Promise.allSettled(targets.map((m) => d.api.markRead(m.id, signal)));
  let failure: unknown;
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') return;
    d.marked.delete(targets[i]!.id); // tried again with the next markRead
    failure ??= r.reason;
  });
  if (failure !== undefined) throw failure;
}

/** Run one command. Errors (HttpError, NetworkError ...) propagate to the caller. */
export async function executeCommand(command: Command, d: ExecuteDeps, signal: AbortSignal): Promise<ChatEvent[]> {
  switch (command.type) {
    case 'send': {
      if (d.sent.has(command.clientRef)) return [];
      const parent = command.threadParentId;
      if (parent !== undefined) {
        if (parent.startsWith('local:')) throw new Error('virola: a comment needs a parent message the server has confirmed');
        await d.api.comment(parent, command.text, signal);
      } else {
        await d.api.send(command.conversationId, command.text, signal);
      }
      d.sent.add(command.clientRef);
      return [];
    }
    case 'delete':
      await d.api.remove(command.messageId, signal);
      return [{ type: 'message.deleted', conversationId: command.conversationId, messageIds: [command.messageId], scope: 'everyone', wireName: 'rest:delete' }];
    case 'markRead':
      await markRead(d, command.conversationId, command.messageId, command.at, signal);
      return [];
    case 'loadOlder': {
      const cursor = oldestTopLevel(d.state().messages.get(command.conversationId) ?? []) ?? command.beforeMessageId;
      return pageWithComments(d, command.conversationId, { cursor, direction: 'backward', limit: d.pageSize }, signal);
    }
    case 'openConversation':
      return pageWithComments(d, command.conversationId, { direction: 'backward', limit: d.pageSize }, signal);
    case 'edit':
    case 'typing':
    case 'markDelivered':
    case 'createConversation':
    case 'acceptInvitation':
    case 'declineInvitation':
      throw new Error(`virola: "${command.type}" is not part of the Virola Web API`);
  }
}
