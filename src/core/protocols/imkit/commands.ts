/**
 * Commands: send, edit and recall through `POST /rooms/{id}/message`, "hide for me" through
 * `POST /messages/user-delete`, read markers through `PUT /rooms/{id}/lastRead`, typing as the
 * socket event `typing`, history pages through `GET /rooms/{id}/messages/v3`. Each resolves
 * with the events its answer carries.
 *
 * `createConversation` through `POST /rooms/createAndJoin` (what the vendor's Flutter SDK calls
 * with the client's token): a group room with me alone in it, its id chosen by IMKIT.
 *
 * Also `acceptInvitation` / `declineInvitation` (see docs/protocols/imkit.md): accepting joins
 * the room (`POST /rooms/{id}/join`).
 */
import type { OutgoingFile } from '../../uploads.js';
import type { ChatEvent, MessagePatch } from '../../events.js';
import { decodeEach } from '../../runtime/catch-up.js';
import type { CommandMap } from '../../runtime/declaration.js';
import { assignDefined, isRecord } from '../../wire.js';
import { roomEvents, STREAM_ID_PREFIX } from './codec.js';
import { readRoom } from './decode-conversation.js';
import { readMessage } from './decode-message.js';
import { contextOf, rawOf } from './decode-shared.js';
import type { ImkitConfig } from './options.js';
import type { ImkitRun, ImkitState } from './identity.js';
import { historyPage } from './sync.js';

/** Whether an id exists only in this widget (an unconfirmed send, an AI stream without a message id): the server knows no such message. */
function isLocalId(run: ImkitRun, conversationId: string, id: string): boolean {
  return id.startsWith(STREAM_ID_PREFIX) || run.view.unconfirmedSends(conversationId).some((m) => m.id === id);
}

const cancelled = (conversationId: string): ChatEvent => ({ type: 'invitation', conversationId, invitation: { conversationId }, cancelled: true });

/** Join a room I was invited to, and load it. */
export async function acceptInvitation(roomId: string, run: ImkitRun, signal: AbortSignal): Promise<ChatEvent[]> {
  const raw = await run.state.api.join(roomId, signal);
  const decode = (item: unknown): ChatEvent[] => roomEvents(readRoom(item, contextOf(run), 'joined room'), { wireName: 'rest:room' }, 'conversation.created', run.state.selfId);
  const [joined] = decodeEach([isRecord(raw) ? raw : { _id: roomId }], decode, (err) => run.dropped(err, raw));
  const room = joined ?? [{ type: 'conversation.created', conversationId: roomId, conversation: { id: roomId } }];
  return [...room, cancelled(roomId), ...await historyPage(run, roomId, undefined, signal)];
}

/**
 * The message that names an uploaded file, as the vendor's Flutter SDK writes it
 * (`IMMessage.parameters`): an image with `originalUrl`, `thumbnailUrl` (the original here: no
 * resizing) and `images`; another file with `originalUrl`, its name as `message` and `extra` as a
 * JSON string `{fileName, mimeType, bytes}`.
 */
function fileMessage(file: OutgoingFile, url: string): Record<string, unknown> {
  if (file.type.startsWith('image/')) return { messageType: 'image', originalUrl: url, thumbnailUrl: url, images: [{ originalUrl: url, thumbnailUrl: url }] };
  return { messageType: 'file', originalUrl: url, message: file.name, extra: JSON.stringify({ fileName: file.name, mimeType: file.type || undefined, bytes: file.size }) };
}

/** Every command IMKIT runs. Errors (HttpError, NetworkError ...) propagate to the caller. */
export const imkitCommands: CommandMap<ImkitConfig, ImkitState> = {
  async send(command, run, signal) {
    const decoded = (raw: unknown, clientRef?: string): ChatEvent[] => decodeEach([raw], (item): ChatEvent => {
      const { message } = readMessage(item, contextOf(run), 'sent message', command.conversationId);
      return { type: 'message.created', conversationId: message.conversationId, message: clientRef ? { ...message, clientRef } : message, wireName: 'rest:message', raw: rawOf(item) };
    }, run.dropped);
    const post = (body: Record<string, unknown>): Promise<unknown> => {
      if (command.threadParentId) body.reply = command.threadParentId;
      return run.state.api.postMessage(command.conversationId, body, signal);
    };
    const file = command.files?.[0];
    // A file is a message of its own (`image` or `file`), the text another after it: IMKIT has one type a message.
    const events = file ? decoded(await post(fileMessage(file, await run.state.api.uploadFile(file, (f) => command.progress?.(f), signal))), command.clientRef) : [];
    // An answer that does not decode is reported: the live `chat message` echo (same text, from me) still confirms the send.
    if (command.text) events.push(...decoded(await post({ messageType: 'text', message: command.text }), file ? undefined : command.clientRef));
    return events;
  },
  async edit({ conversationId, messageId, text }, run, signal) {
    const raw = await run.state.api.postMessage(conversationId, { _id: messageId, message: text }, signal);
    const [edited] = decodeEach(isRecord(raw) ? [raw] : [], (item): ChatEvent => {
      const { message } = readMessage(item, contextOf(run), 'edited message', conversationId);
      const patch = assignDefined<MessagePatch>({ id: message.id, conversationId, text: message.text }, { updatedAt: message.updatedAt, version: message.version });
      return { type: 'message.updated', conversationId, message: patch, wireName: 'rest:message' };
    }, run.dropped);
    return [edited ?? { type: 'message.updated', conversationId, message: { id: messageId, conversationId, text } }];
  },
  async delete({ conversationId, messageId, scope }, run, signal) {
    if (scope === 'self') {
      await run.state.api.userDelete(conversationId, [messageId], signal);
      return [{ type: 'message.deleted', conversationId, messageIds: [messageId], scope: 'self' }];
    }
    await run.state.api.postMessage(conversationId, { _id: messageId, messageType: 'recall' }, signal);
    return [
      { type: 'message.updated', conversationId, message: { id: messageId, conversationId, kind: 'recalled' } },
      { type: 'message.deleted', conversationId, messageIds: [messageId], scope: 'everyone' },
    ];
  },
  // IMKIT has no "stopped": the other side lets it expire.
  typing: async (command, run) => {
    if (command.on) run.transport?.send('typing', command.conversationId);
    return [];
  },
  async markRead({ conversationId, messageId }, run, signal) {
    if (messageId && !isLocalId(run, conversationId, messageId)) await run.state.api.markRead(conversationId, messageId, signal);
    return [];
  },
  loadOlder: ({ conversationId, beforeMessageId: before }, run, signal) =>
    historyPage(run, conversationId, before && !isLocalId(run, conversationId, before) ? before : undefined, signal),
  openConversation: ({ conversationId }, run, signal) => historyPage(run, conversationId, undefined, signal),
  async createConversation({ title }, run, signal) {
    const raw = await run.state.api.createRoom(assignDefined<Record<string, unknown>>({ roomType: 'group', systemMessage: false }, { name: title }), signal);
    const decode = (item: unknown): ChatEvent[] => roomEvents(readRoom(item, contextOf(run), 'created room'), { wireName: 'rest:room' }, 'conversation.created', run.state.selfId);
    return decodeEach([raw], decode, (err) => run.dropped(err, raw)).flat();
  },
  acceptInvitation: ({ conversationId }, run, signal) => acceptInvitation(conversationId, run, signal),
  declineInvitation: async ({ conversationId }) => [cancelled(conversationId)],
};
