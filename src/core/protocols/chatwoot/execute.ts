/**
 * Commands over REST: each resolves with the events its answer carries (the stored message for a
 * send, the deletion for a delete ...), decoded like cable frames.
 */
import type { Command } from '../../commands.js';
import type { ChatEvent } from '../../events.js';
import { conversationsToEvents, messagesToEvents, restMessage, type BackfillDeps } from './backfill.js';

/** Run one command. Errors (HttpError, NetworkError ...) propagate to the caller. */
export async function executeCommand(command: Command, d: BackfillDeps, signal: AbortSignal): Promise<ChatEvent[]> {
  const { api } = d;
  switch (command.type) {
    case 'send': {
      const raw = await api.sendMessage(command.conversationId, command.text, command.clientRef, signal);
      const got = restMessage(raw, d, command.conversationId);
      // Undecodable answer: reported by restMessage; the live `message.created` (same echo_id) confirms it.
      if (!got) return [];
      const message = { ...got.message, clientRef: command.clientRef };
      return [{ type: 'message.created', conversationId: message.conversationId, message, wireName: 'rest:message', raw: got.raw }];
    }
    case 'delete':
      await api.deleteMessage(command.conversationId, command.messageId, signal);
      return [{ type: 'message.deleted', conversationId: command.conversationId, messageIds: [command.messageId], scope: 'everyone' }];
    case 'typing':
      await api.setTyping(command.conversationId, command.on, signal);
      return [];
    case 'markRead':
      await api.markSeen(command.conversationId, signal);
      return [];
    case 'loadOlder':
    case 'openConversation': {
      const before = command.type === 'loadOlder' ? command.beforeMessageId : undefined;
      return messagesToEvents(await api.listMessages(command.conversationId, before, signal), command.conversationId, d);
    }
    case 'createConversation':
      return conversationsToEvents([await api.createConversation(signal)], 'conversation.created', d).events;
    case 'markDelivered':
      return []; // Chatwoot marks delivery itself
    case 'acceptInvitation': case 'declineInvitation':
      throw new Error(`chatwoot: "${command.type}" is not supported (Chatwoot has no invitations)`);
    case 'edit':
      throw new Error('chatwoot: "edit" is not supported (Chatwoot has no route that changes a message\'s text)');
  }
}
