/**
 * Commands over REST: each resolves with the events its answer carries (the stored message for a
 * send, the deletion for a delete ...), decoded like cable frames. A contact may send, type, mark
 * read, page history and start a conversation; an agent may also delete, and starts none.
 *
 * No `edit` for either role: Chatwoot has no route that changes a message's text (the Application
 * API's `PATCH …/messages/{id}` updates the status of a message in an API inbox, nothing else).
 * No `markDelivered`: Chatwoot marks delivery itself. No invitations.
 */
import type { ChatEvent } from '../../events.js';
import type { CommandMap } from '../../runtime/declaration.js';
import type { ChatwootRun, ChatwootState } from './identity.js';
import type { ChatwootConfig } from './options.js';
import { conversationsToEvents, depsOf, messagesToEvents } from './sync.js';

/** A page of history: the latest one, or the one before a message. */
async function page(run: ChatwootRun, conversationId: string, before: string | undefined, signal: AbortSignal): Promise<ChatEvent[]> {
  const d = depsOf(run);
  return messagesToEvents(await d.api.listMessages(conversationId, before, signal), conversationId, d);
}

/** What both roles do. */
const SHARED: CommandMap<ChatwootConfig, ChatwootState> = {
  async send({ conversationId, text, clientRef, files, progress }, run, signal) {
    const d = depsOf(run);
    const raw = await d.api.sendMessage(conversationId, text, clientRef, signal, files, progress);
    // Undecodable answer: reported, none here; the live `message.created` (same echo_id) confirms it.
    return messagesToEvents([raw], conversationId, d).map((e) => ({ ...e, message: { ...e.message, clientRef } }));
  },
  async typing(command, run, signal) {
    await run.state.api.setTyping(command.conversationId, command.on, signal);
    return [];
  },
  async markRead(command, run, signal) {
    await run.state.api.markSeen(command.conversationId, signal);
    return [];
  },
  loadOlder: (command, run, signal) => page(run, command.conversationId, command.beforeMessageId, signal),
  openConversation: (command, run, signal) => page(run, command.conversationId, undefined, signal),
};

/** A contact's commands. */
export const CONTACT_COMMANDS: CommandMap<ChatwootConfig, ChatwootState> = {
  ...SHARED,
  async createConversation(_command, run, signal) {
    const d = depsOf(run);
    return conversationsToEvents([await d.api.createConversation(signal)], 'conversation.created', d).events;
  },
};

/** An agent's commands: soft delete through the Application API. */
export const AGENT_COMMANDS: CommandMap<ChatwootConfig, ChatwootState> = {
  ...SHARED,
  async delete(command, run, signal) {
    await run.state.api.deleteMessage(command.conversationId, command.messageId, signal);
    return [{ type: 'message.deleted', conversationId: command.conversationId, messageIds: [command.messageId], scope: 'everyone' }];
  },
};
