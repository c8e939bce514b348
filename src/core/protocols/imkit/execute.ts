/**
 * Commands: send, edit and recall through `POST /rooms/{id}/message`, "hide for me" through
 * `POST /messages/user-delete`, read markers through `PUT /rooms/{id}/lastRead`, typing as the
 * socket event `typing`, history pages through `GET /rooms/{id}/messages/v3`. Each resolves
 * with the events its answer carries.
 *
 * Also `acceptInvitation` / `declineInvitation`, which the core's Command union does not have
 * yet (see docs/protocols/imkit.md): accepting joins the room (`POST /rooms/{id}/join`).
 */
import type { Command } from '../../commands.js';
import type { ChatEvent } from '../../events.js';
import { isRecord } from '../../wire.js';
import { roomEvents } from './codec.js';
import { readMessage } from './decode-message.js';
import { readRoom } from './decode-room.js';
import { scrub } from './decode-shared.js';
import { historyPage, restReport, type SyncDeps } from './sync.js';

/** Every command the IMKIT adapter runs. */
export type ImkitCommand = Command;

/** What commands need besides the REST deps. */
export interface ExecuteDeps extends SyncDeps {
  /** Emit `typing` on the live socket; false when there is none. */
  emitTyping(roomId: string): boolean;
}

/** Ids that exist only in this widget (optimistic sends, AI streams without a message id). */
export function isLocalId(id: string): boolean {
  return id.startsWith('local:') || id.startsWith('ai-stream:');
}

const cancelled = (conversationId: string): ChatEvent => ({ type: 'invitation', conversationId, invitation: { conversationId }, cancelled: true });

/** Run one command. Errors (HttpError, NetworkError ...) propagate to the caller. */
export async function executeCommand(command: ImkitCommand, d: ExecuteDeps, signal: AbortSignal): Promise<ChatEvent[]> {
  const { api } = d;
  switch (command.type) {
    case 'send': {
      const body: Record<string, unknown> = { messageType: 'text', message: command.text };
      if (command.threadParentId) body.reply = command.threadParentId;
      const raw = await api.postMessage(command.conversationId, body, signal);
      try {
        const { message } = readMessage(raw, d.ctx(), 'sent message', command.conversationId);
        return [{ type: 'message.created', conversationId: message.conversationId, message: { ...message, clientRef: command.clientRef }, wireName: 'rest:message', raw: scrub(raw) }];
      } catch (err) {
        // The live `chat message` echo (same text, from me) still confirms it.
        d.report(restReport(err, raw, d));
        return [];
      }
    }
    case 'edit': {
      const { conversationId, messageId, text } = command;
      const raw = await api.postMessage(conversationId, { _id: messageId, message: text }, signal);
      if (isRecord(raw)) {
        try {
          const { message } = readMessage(raw, d.ctx(), 'edited message', conversationId);
          const patch = { id: message.id, conversationId, text: message.text, ...(message.updatedAt !== undefined ? { updatedAt: message.updatedAt, version: message.version } : {}) };
          return [{ type: 'message.updated', conversationId, message: patch, wireName: 'rest:message' }];
        } catch (err) {
          d.report(restReport(err, raw, d));
        }
      }
      return [{ type: 'message.updated', conversationId, message: { id: messageId, conversationId, text } }];
    }
    case 'delete': {
      const { conversationId, messageId } = command;
      if (command.scope === 'self') {
        await api.userDelete(conversationId, [messageId], signal);
        return [{ type: 'message.deleted', conversationId, messageIds: [messageId], scope: 'self' }];
      }
      await api.postMessage(conversationId, { _id: messageId, messageType: 'recall' }, signal);
      return [
        { type: 'message.updated', conversationId, message: { id: messageId, conversationId, kind: 'recalled' } },
        { type: 'message.deleted', conversationId, messageIds: [messageId], scope: 'everyone' },
      ];
    }
    case 'typing':
      // IMKIT has no "stopped": the other side lets it expire.
      if (command.on) d.emitTyping(command.conversationId);
      return [];
    case 'markRead':
      if (command.messageId && !isLocalId(command.messageId)) await api.markRead(command.conversationId, command.messageId, signal);
      return [];
    case 'loadOlder':
      return historyPage(d, command.conversationId, command.beforeMessageId && !isLocalId(command.beforeMessageId) ? command.beforeMessageId : undefined, signal);
    case 'openConversation':
      return historyPage(d, command.conversationId, undefined, signal);
    case 'acceptInvitation': {
      const raw = await api.join(command.conversationId, signal);
      const events: ChatEvent[] = [];
      try {
        const w = readRoom(isRecord(raw) ? raw : { _id: command.conversationId }, d.ctx(), 'joined room');
        events.push(...roomEvents(w, { wireName: 'rest:room' }, 'conversation.created', d.ctx().selfId));
      } catch (err) {
        d.report(restReport(err, raw, d));
        events.push({ type: 'conversation.created', conversationId: command.conversationId, conversation: { id: command.conversationId } });
      }
      events.push(cancelled(command.conversationId));
      events.push(...await historyPage(d, command.conversationId, undefined, signal));
      return events;
    }
    case 'declineInvitation':
      return [cancelled(command.conversationId)];
    case 'createConversation':
    case 'markDelivered':
      throw new Error(`imkit: "${command.type}" is not supported`);
  }
}
