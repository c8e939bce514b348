/**
 * Commands over the Virola Web API. Sending returns no id and echoes no reference: the optimistic
 * message stays `pending` until the socket's `TextMessagesCreated` for my user and the same text
 * confirms it (the store matches them).
 */
import pLimit from 'p-limit';
import type { CommandMap } from '../../runtime/declaration.js';
import { othersUpTo } from '../../runtime/receipts.js';
import type { HeldMessage } from '../../store-view.js';
import { readBy } from './decode-message.js';
import type { VirolaState } from './identity.js';
import type { VirolaConfig } from './options.js';
import { latestPage, pageWithComments, smallestId } from './sync.js';
import type { CommandOf } from '../../commands.js';
import type { ChatEvent } from '../../events.js';
import type { OutgoingFile } from '../../uploads.js';
import type { VirolaRun } from './identity.js';
import { compareIds } from '../../order.js';

/** Most messages marked read by one `markRead`. */
export const MAX_READ_MARKS = 50;
/**
 * Read marks in flight at once. A browser opens at most 6 connections to a server over HTTP/1.1, so
 * more would only queue there, and starting all 50 at once is one long task (about 1 ms per fetch).
 */
export const READ_MARKS_IN_FLIGHT = 6;

/**
 * The messages a `markRead` covers: others' held messages up to `messageId` (all of them when it
 * is not held), else up to `at`, else all, that carry no read timestamp of mine and were not
 * marked already; the newest MAX_READ_MARKS.
 */
export function unreadUpTo(list: readonly HeldMessage[], selfId: string | undefined, marked: ReadonlySet<string>, messageId?: string, at?: number): HeldMessage[] {
  return othersUpTo(list, messageId, messageId === undefined ? at : undefined, {
    limit: MAX_READ_MARKS,
    accept: (m) => !marked.has(m.id) && (selfId === undefined || !readBy(m, selfId)),
  });
}

/**
 * A message with files. Virola takes files only onto an existing message, and its send answers
 * no id: the text goes first (the file names when there is none: a message needs content), the
 * latest page then names my newest message with that text, and the files go onto it. A retry
 * after a failed upload does not post the text again. Files go on top-level messages only.
 */
async function sendWithFiles(command: CommandOf<'send'>, files: readonly OutgoingFile[], run: VirolaRun, signal: AbortSignal): Promise<ChatEvent[]> {
  const { api, sent } = run.state;
  if (command.threadParentId !== undefined) throw new Error('virola: files go on top-level messages only');
  const content = command.text || files.map((f) => f.name).join(', ');
  const before = new Set(run.view.held(command.conversationId).map((m) => m.id));
  if (!sent.has(command.clientRef)) {
    await api.send(command.conversationId, content, signal);
    sent.add(command.clientRef);
  }
  const mine = (await latestPage(run, command.conversationId, signal))
    .filter((e) => e.message.sender?.role === 'self' && !e.message.threadParentId && e.message.text === content)
    .sort((a, b) => compareIds(b.message.id, a.message.id));
  const created = mine.find((e) => !before.has(e.message.id)) ?? mine[0];
  if (!created) throw new Error('virola: the sent message was not found to attach its files to');
  await api.attach(created.message.id, files, (f) => command.progress?.(f), signal);
  return [{ ...created, message: { ...created.message, clientRef: command.clientRef } }];
}

/** Virola's commands: send (a comment under a confirmed parent), delete, markRead, loadOlder, openConversation. */
export const virolaCommands: CommandMap<VirolaConfig, VirolaState> = {
  async send(command, run, signal) {
    const { api, sent } = run.state;
    const files = command.files?.length ? command.files : undefined;
    if (files) return sendWithFiles(command, files, run, signal);
    if (sent.has(command.clientRef)) return [];
    const parent = command.threadParentId;
    if (parent !== undefined) {
      if (run.view.unconfirmedSends(command.conversationId).some((m) => m.id === parent)) {
        throw new Error('virola: a comment needs a parent message the server has confirmed');
      }
      await api.comment(parent, command.text, signal);
    } else {
      await api.send(command.conversationId, command.text, signal);
    }
    sent.add(command.clientRef);
    return [];
  },
  async delete(command, run, signal) {
    await run.state.api.remove(command.messageId, signal);
    return [{ type: 'message.deleted', conversationId: command.conversationId, messageIds: [command.messageId], scope: 'everyone', wireName: 'rest:delete' }];
  },
  async markRead(command, run, signal) {
    const { api, marked, selfId } = run.state;
    const targets = unreadUpTo(run.view.held(command.conversationId), selfId, marked, command.messageId, command.at);
    for (const m of targets) marked.add(m.id);
    const inFlight = pLimit(READ_MARKS_IN_FLIGHT);
    const results = await Promise.allSettled(targets.map((m) => inFlight(() => api.markRead(m.id, signal))));
    let failure: unknown;
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      marked.delete(targets[i]!.id); // tried again with the next markRead
      failure ??= r.reason;
    });
    if (failure !== undefined) throw failure;
    return [];
  },
  loadOlder(command, run, signal) {
    // The oldest top-level held message (a tombstone too) is the cursor for the page before it.
    const topLevel = run.view.held(command.conversationId).filter((m) => !m.threadParentId).map((m) => m.id);
    const cursor = smallestId(topLevel) ?? command.beforeMessageId;
    return pageWithComments(run, command.conversationId, { cursor, direction: 'backward', limit: run.config.pageSize }, signal);
  },
  openConversation: (command, run, signal) => latestPage(run, command.conversationId, signal),
};
