/**
 * The fault storm's operations on the Chatwoot emulation (demo/server/shared/faults.ts), for one
 * conversation seen by its contact (the widget). Every operation is one of the server's own
 * actions, so the frames are Chatwoot's real event frames and the record stays truthful:
 *
 * - Ada (the agent) writes and deletes (a soft delete: `content_attributes.deleted`, the record
 *   keeps the message); the contact's other device writes through the same action as the Client
 *   API's `POST …/messages` (`fromSelf`). There is no edit: Chatwoot has no route that changes a
 *   message's text (the agent's PATCH updates its status only), so the storm writes more instead.
 * - Ada types (`conversation.typing_on/off` to the contact's stream).
 * - Ada reads as an agent does in the dashboard: `update_last_seen` (columns only, nothing is
 *   announced, throttled hourly when nothing is unread), then she types a moment: the typing
 *   frames carry the conversation's push data with the new `agent_last_seen_at`, the one live
 *   sign a contact gets. Her typing state is left as it was.
 * - Drops and the restart go through the ActionCable server; the store survives a restart.
 * - No fresh token: a contact has one `pubsub_token` for life (its contact inbox's), so the suite's
 *   token change has no second credential to hand over here.
 */
import { HttpStatusError, requiredInt } from '../http.js';
import type { StormOps } from '../shared/faults.js';
import type { ChatwootActions } from './actions.js';
import type { CableServer } from './cable.js';
import type { ChatwootStore, Conversation, Message } from './store.js';

/** The storm's operations on the conversation `body.conversationId`. */
export function chatwootStorm(store: ChatwootStore, actions: ChatwootActions, cable: CableServer, body: Record<string, unknown>): StormOps {
  const conversationId = requiredInt(body.conversationId, 'conversationId');
  const found = store.conversations.get(conversationId);
  if (!found) throw new HttpStatusError(404, 'Conversation not found');
  const conversation: Conversation = found;
  let typing = false;
  const message = (id: string): Message => {
    const m = store.messagesById.get(Number(id));
    if (!m || m.conversationId !== conversationId) throw new Error(`storm: message ${id} is not in conversation ${conversationId}`);
    return m;
  };
  return {
    create: (n, fromSelf) => {
      const text = `storm message ${n}`;
      const created = fromSelf ? actions.contactSays(conversation, text) : actions.agentSays(conversation, text);
      return String(created.id);
    },
    remove: (id) => {
      actions.deleteMessage(message(id));
    },
    typing: (on) => {
      typing = on;
      actions.typing(conversation, 'agent', on);
    },
    readTypes: true,
    read: () => {
      actions.agentSeen(conversation);
      actions.typing(conversation, 'agent', true);
      if (!typing) actions.typing(conversation, 'agent', false);
    },
    drop: () => cable.dropAll(),
    restart: (ms) => {
      cable.restart(ms);
    },
  };
}
