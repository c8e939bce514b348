/**
 * Commands: a send goes over the socket and resolves with its echo (or fails with
 * `SEND_MESSAGE_FAILED` / a timeout); read markers (throttled: Spaces asks for ~5 s between
 * markread calls), edits (`PATCH /api/messages/{id}`), deletes and history go over REST.
 */
import { ParleyError, messageOf } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { NetworkError } from '../../http.js';
import type { CommandMap } from '../../runtime/declaration.js';
import type { StoreView } from '../../store-view.js';
import { isRecord } from '../../wire.js';
import { encodeBody, encodeSend } from './codec.js';
import type { SpacesConfig } from './options.js';
import type { SpacesRun, SpacesState } from './state.js';
import { subscribe } from './subscriptions.js';
import { depsOf, pageBefore, spaceEvents } from './sync.js';

/** Why `deletemessages` did not delete `id`, from its answer; undefined when it did (or did not say). */
function deleteRefusal(answer: unknown, id: string): string | undefined {
  if (!isRecord(answer)) return undefined;
  const listed = (key: string): unknown[] => (Array.isArray(answer[key]) ? answer[key] : []);
  if (listed('deletedMessages').includes(id)) return undefined;
  for (const key of ['notDeletedMessages', 'noPermittedMessages']) {
    const hit = listed(key).find((x) => isRecord(x) && x.messageId === id);
    if (isRecord(hit)) return isRecord(hit.reason) && typeof hit.reason.message === 'string' ? hit.reason.message : key;
  }
  if (listed('notFoundMmessages').includes(id) || listed('notFoundMessages').includes(id)) return 'message not found';
  return Array.isArray(answer.deletedMessages) ? 'not deleted' : undefined;
}

/** Messages the store already has are dropped from an older page, so "nothing new" ends paging. */
function onlyNew(events: ChatEvent[], view: StoreView, conversationId: string): ChatEvent[] {
  return events.filter((e) => e.type !== 'message.created' || !view.hasMessage(conversationId, e.message.id));
}

/** Join (a guest) and subscribe to a space that is not subscribed yet. */
async function ensureSubscribed(run: SpacesRun, spaceId: string, signal: AbortSignal): Promise<void> {
  const { api, joined, round } = run.state;
  if (run.config.join && !joined.has(spaceId)) {
    await api.join(spaceId, run.config.spacePassword, signal);
    joined.add(spaceId);
  }
  if (!round.live.has(spaceId)) subscribe(run, spaceId);
}

/** What Spaces can do from this widget. It has no typing signal. */
export const spacesCommands: CommandMap<SpacesConfig, SpacesState> = {
  send: (command, run) => run.state.sends.send(command.clientRef, () => run.transport?.send('SEND_MESSAGE', encodeSend(command)) === true, () => new NetworkError('spaces: not connected')),
  async delete(command, run, signal) {
    const answer = await run.state.api.deleteMessages([command.messageId], signal);
    const refused = deleteRefusal(answer, command.messageId);
    if (refused !== undefined) throw new Error(`spaces: the message was not deleted: ${refused}`);
    return [{ type: 'message.deleted', conversationId: command.conversationId, messageIds: [command.messageId], scope: 'everyone', wireName: 'rest:deletemessages' }];
  },
  async edit({ conversationId, messageId, text }, run, signal) {
    const bodyText = encodeBody(text);
    await run.state.api.updateMessage(messageId, bodyText, signal);
    // The answer's shape is not documented: the new text is what was sent, and the space's
    // `app.event.message.updated` brings the stored version.
    return [{ type: 'message.updated', conversationId, message: { id: messageId, conversationId, text: bodyText, markup: 'html' }, wireName: 'rest:message' }];
  },
  async markRead(command, run) {
    const spaceId = command.conversationId;
    const { api, reads } = run.state;
    await reads.request(spaceId, () => api.markRead(spaceId, new AbortController().signal),
      (err) => run.report(new ParleyError('command', `spaces: marking ${spaceId} read failed: ${messageOf(err)}`, { protocol: 'spaces', cause: err })));
    return [];
  },
  async loadOlder(command, run, signal) {
    const held = run.view.held(command.conversationId);
    const oldest = held.find((m) => command.beforeMessageId === undefined || m.id === command.beforeMessageId) ?? held[0];
    const events = await pageBefore(depsOf(run), command.conversationId, oldest?.createdAt, signal);
    return onlyNew(events, run.view, command.conversationId);
  },
  async openConversation(command, run, signal) {
    await ensureSubscribed(run, command.conversationId, signal);
    const d = depsOf(run);
    const events = await spaceEvents(d, command.conversationId, 'conversation.updated', signal);
    return [...events, ...await pageBefore(d, command.conversationId, undefined, signal)];
  },
};
