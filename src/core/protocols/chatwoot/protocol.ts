/**
 * The Chatwoot ("OneChat") protocol, declared: REST (Client API for a contact, Application API
 * for an agent) plus one ActionCable `RoomChannel` subscription for live events. Options: see
 * `options.ts`; who I am: `identity.ts`.
 *
 * The core owns reconnects: when the cable drops, the transport tears its consumer down and the
 * connection ends; ActionCable never reconnects by itself here.
 */
import type { ChatEvent } from '../../events.js';
import type { ProtocolDeclaration } from '../../runtime/declaration.js';
import { defineProtocol } from '../../runtime/define.js';
import { actionCableTransport } from '../../transport/action-cable.js';
import type { Frame } from '../../transport/transport.js';
import { decodeChannelMessage } from './codec.js';
import { AGENT_COMMANDS, CONTACT_COMMANDS } from './commands.js';
import { readByPeer } from './decode-conversation.js';
import { STATUS, identify, subscriptionParams, takeMergedToken, type ChatwootRun, type ChatwootState } from './identity.js';
import { OPTIONS } from './option-specs.js';
import { readConfig, type ChatwootConfig } from './options.js';
import { agentApi, contactApi } from './rest.js';
import { contextOf, depsOf, initialSync, reconnectSync } from './sync.js';
import type { AttachmentRules, UploadFetch } from '../../uploads.js';

/**
 * What Chatwoot takes (app/models/concerns/attachmentable.rb, the check a website inbox runs):
 * at most 40 MB a file; images, audio, video and the documents of `ACCEPTABLE_FILE_TYPES`. The
 * create-message route takes any number of `attachments[]`; ten here keeps one message sane.
 */
export const ATTACHMENTS: AttachmentRules = {
  maxBytes: 40 * 1024 * 1024,
  maxFiles: 10,
  accept: ['image/*', 'audio/*', 'video/*', 'text/csv', 'text/plain', 'text/rtf', 'application/json', 'application/pdf',
    'application/zip', 'application/x-7z-compressed', 'application/vnd.rar', 'application/x-tar', 'application/msword',
    'application/vnd.ms-excel', 'application/vnd.ms-powerpoint', 'application/rtf', 'application/vnd.oasis.opendocument.text',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
};

/**
 * Why a connect never completes, for the core's deadline: Chatwoot's RoomChannel raises on a token
 * it cannot find and then answers nothing at all (no confirm, no reject).
 */
export const TIMEOUT_HINT = 'Chatwoot\'s RoomChannel never confirmed the subscription; the likely cause is an unknown or stale '
  + 'pubsub token, or a wrong account id or user id (Chatwoot answers those with silence, not a rejection)';

/** The state of one adapter: the role's API. */
function stateOf(config: ChatwootConfig, services: { readonly fetch: typeof fetch; readonly upload?: UploadFetch }): ChatwootState {
  const api = config.role === 'agent'
    ? agentApi(services.fetch, config.baseUrl, config.token ?? '', config.accountId ?? 0, services.upload)
    : contactApi(services.fetch, config.baseUrl, config.inboxIdentifier ?? '', services.upload);
  return { api };
}

/** `update_presence` now and every `presenceMs` while connected. */
function opened(run: ChatwootRun): void {
  const presence = (): void => { run.transport?.send('update_presence'); };
  presence();
  run.every(run.config.presenceMs, presence);
}

/**
 * A channel message's events. `presence.update` lists everyone online: the store marks whoever it
 * lacks offline. `contact.merged` brings a new pubsub token: it is kept, the events go out, and the
 * connection ends, so the core reconnects with the new token and its catch-up fetches what the
 * old subscription missed.
 */
function decode(frame: Frame, run: ChatwootRun): ChatEvent[] {
  const events = decodeChannelMessage(frame.data, contextOf(run)).map((e) => (e.type === 'presence.changed' ? { ...e, complete: true } : e));
  const merged = events.find((e) => e.type === 'identity.changed' && e.wireName === 'contact.merged');
  if (merged?.type !== 'identity.changed' || !takeMergedToken(run, merged.selfId, merged.name, frame.data)) return events;
  run.emit(events);
  run.end('server-closed', '');
  return [];
}

/** Chatwoot, declared (the registry's `chatwoot` and `onechat`). */
export const declaration = {
  name: 'chatwoot',
  options: OPTIONS,
  readConfig,
  state: stateOf,
  secrets: (config, state) => [config.token, config.pubsubToken, config.sourceId, state.self?.pubsubToken, state.self?.contact?.sourceId],
  timeoutHint: TIMEOUT_HINT,
  status: STATUS,
  transport: actionCableTransport,
  commands: (config) => (config.role === 'agent' ? AGENT_COMMANDS : CONTACT_COMMANDS),
  attachments: () => ATTACHMENTS,
  // Chatwoot's widget and dashboard render every message as Markdown (decode-message.ts), mine too.
  sendMarkup: 'markdown',
  identify,
  connectRequest: (run) => ({ kind: 'actioncable', url: run.config.cableUrl, params: subscriptionParams(run.config, run.state.self), staleMs: run.config.staleMs }),
  opened,
  decode,
  initialSync: (run, signal) => initialSync(depsOf(run), run.config.conversation, signal),
  catchUp: (run, signal) => reconnectSync(depsOf(run), run.view, signal),
  settle: readByPeer,
} satisfies ProtocolDeclaration<ChatwootConfig, ChatwootState>;

export const { createAdapter } = defineProtocol(declaration);
