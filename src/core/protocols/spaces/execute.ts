/**
 * Commands: a send goes over the socket and resolves with its echo (or fails with
 * `SEND_MESSAGE_FAILED` / a timeout); read markers, deletes and history go over REST.
 */
import type { Command } from '../../commands.js';
import type { ChatEvent } from '../../events.js';
import { NetworkError } from '../../http.js';
import type { StoreView } from '../../store-view.js';
import { isRecord } from '../../wire.js';
import { encodeSend } from './codec.js';
import type { PendingSends } from './pending-sends.js';
import type { ReadThrottle } from './read-throttle.js';
import { pageBefore, spaceEvents, type SyncDeps } from './sync.js';

/** What commands need. */
export interface ExecuteDeps {
  sync: SyncDeps;
  sends: PendingSends;
  reads: ReadThrottle;
  /** What the store holds, as core shows it to protocols. */
  view: StoreView;
  /** Emit on the socket; false when it is not connected. */
  emit(event: string, payload: unknown): boolean;
  /** Join (a guest) and subscribe to a space that is not subscribed yet. */
  ensureSubscribed(spaceId: string, signal: AbortSignal): Promise<void>;
}

/** Why `deletemessages` did not delete `id`, from its answer; undefined when it did (or did not say). */
function deleteRefusal(answer: unknown, id: string): string | undefined {
  if (!isRecord(answer)) return undefined;
  if (Array.isArray(answer.deletedMessages) && answer.deletedMessages.includes(id)) return undefined;
  for (const key of ['notDeletedMessages', 'noPermittedMessages']) {
    const list = answer[key];
    if (!Array.isArray(list)) continue;
    const hit = list.find((x) => isRecord(x) && x.messageId === id);
    if (isRecord(hit)) {
      const reason = isRecord(hit.reason) && typeof hit.reason.message === 'string' ? hit.reason.message : key;
      return reason;
    }
  }
  for (const key of ['notFoundMmessages', 'notFoundMessages']) {
    const list = answer[key];
    if (Array.isArray(list) && list.includes(id)) return 'message not found';
  }
  return Array.isArray(answer.deletedMessages) ? 'not deleted' : undefined;
}

/** Messages the store already has are dropped from an older page, so "nothing new" ends paging. */
function onlyNew(events: ChatEvent[], view: StoreView, conversationId: string): ChatEvent[] {
  return events.filter((e) => e.type !== 'message.created' || !view.hasMessage(conversationId, e.message.id));
}

/** Run one command. Errors (HttpError, NetworkError, a refusal) propagate to the caller. */
export async function executeCommand(command: Command, d: ExecuteDeps, signal: AbortSignal): Promise<ChatEvent[]> {
  switch (command.type) {
    case 'send': {
      const answer = d.sends.wait(command.clientRef);
      if (!d.emit('SEND_MESSAGE', encodeSend(command))) {
        d.sends.reject(command.clientRef, new NetworkError('spaces: not connected'));
      }
      return answer;
    }
    case 'delete': {
      const answer = await d.sync.api.deleteMessages([command.messageId], signal);
      const refused = deleteRefusal(answer, command.messageId);
      if (refused !== undefined) throw new Error(`spaces: the message was not deleted: ${refused}`);
      return [{ type: 'message.deleted', conversationId: command.conversationId, messageIds: [command.messageId], scope: 'everyone', wireName: 'rest:deletemessages' }];
    }
    case 'markRead':
      await d.reads.request(command.conversationId);
      return [];
    case 'loadOlder': {
      const held = d.view.held(command.conversationId);
      const oldest = held.find((m) => command.beforeMessageId === undefined || m.id === command.beforeMessageId) ?? held[0];
      const events = await pageBefore(d.sync, command.conversationId, oldest?.createdAt, signal);
      return onlyNew(events, d.view, command.conversationId);
    }
    case 'openConversation': {
      await d.ensureSubscribed(command.conversationId, signal);
      const events = await spaceEvents(d.sync, command.conversationId, 'conversation.updated', signal);
      return [...events, ...await pageBefore(d.sync, command.conversationId, undefined, signal)];
    }
    case 'edit': case 'typing': case 'markDelivered': case 'createConversation': case 'acceptInvitation': case 'declineInvitation':
      throw new Error(`spaces: "${command.type}" is not supported`);
  }
}
