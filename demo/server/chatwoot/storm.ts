/**
 * The fault storm's operations on the Chatwoot emulation (demo/server/shared/faults.ts), for one
 * conversation seen by its contact (the widget):
 *
 * - Ada (the agent) writes, edits and deletes (a soft delete: `content_attributes.deleted`, the
 *   record keeps the message); the contact's other device writes through the same action as the
 *   Client API's `POST …/messages` (`fromSelf`).
 * - Ada types (`conversation.typing_on/off` to the contact's stream) and reads the conversation
 *   (`update_last_seen`: the contact's messages become `status: read`, each announced with
 *   `message.updated`).
 * - Drops and the restart go through the ActionCable server; the store survives a restart.
 *
 * Every operation is one of the server's own actions, so the frames are Chatwoot's real event
 * frames and the record stays truthful. Nothing the storm needs is missing from the protocol.
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
    edit: (id, n) => {
      const m = message(id);
      actions.editMessage(m, `${m.content} (edit ${n})`);
    },
    remove: (id) => {
      actions.deleteMessage(message(id));
    },
    typing: (on) => actions.typing(conversation, 'agent', on),
    read: () => actions.agentSeen(conversation),
    drop: () => cable.dropAll(),
    restart: (ms) => {
      cable.restart(ms);
    },
  };
}
