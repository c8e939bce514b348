/**
 * Typed REST calls of the Comapi App Messaging API. Every call but the two session ones carries
 * `Authorization: Bearer <session token>`; answers are checked for shape by the decoders.
 *
 * | call | request | answer |
 * |---|---|---|
 * | start a session | `GET /apispaces/{id}/sessions/start` | `{authenticationId, nonce, provider, expiresOn}` |
 * | exchange the JWT | `POST /apispaces/{id}/sessions {authenticationId, authenticationToken, deviceId, platform, …}` | `{token, session {id, profileId, expiresOn}}` |
 * | conversations | `GET …/conversations?profileId=&scope=participant` | `[{id, name, latestSentEventId, …}]` |
 * | one conversation | `GET …/conversations/{cid}` | `{id, name, …}` |
 * | new conversation | `POST …/conversations {id, name, roles, isPublic}` (the caller becomes its owner) | `{id, name, …}` |
 * | messages | `GET …/conversations/{cid}/messages?limit=[&from=]` | `{earliestEventId, latestEventId, messages, orphanedEvents}` |
 * | events | `GET …/conversations/{cid}/events?from=&limit=` | socket-shaped events |
 * | send | `POST …/conversations/{cid}/messages {metadata, parts}` | `{id, eventId}` |
 * | typing | `POST` (on) / `DELETE` (off) `…/conversations/{cid}/typing` | empty |
 * | status | `POST …/conversations/{cid}/messages/statusupdates [{messageIds, status, timestamp}]` | empty |
 * | upload | `POST /apispaces/{id}/content`, multipart `file` | `{id, folder, name, type, url, size}` |
 *
 * The upload is the Foundation SDK's `ContentManager#uploadContent` with a file (its
 * `urlConfig.content` route, `IUploadContentResult` answer); the message then names the file's
 * URL in a part.
 */
import { joinUrl, type JsonRequest } from '../../http.js';
import { redactedRequestForm, redactedRequestJson } from '../../runtime/redacted-request.js';
import { fetchUpload, type OutgoingFile, type UploadFetch, type UploadProgress } from '../../uploads.js';
import { record, uriComponent, type WireRecord } from '../../wire.js';

/** One outgoing message part. */
export interface OutPart {
  name?: string;
  type?: string;
  data?: string;
  url?: string;
  size?: number;
}

/** One status update: these messages were delivered to / read by me. */
export interface StatusUpdate {
  messageIds: string[];
  status: 'read' | 'delivered';
  /** ISO time. */
  timestamp: string;
}

/** What each role may do in a conversation (`IConversationPrivelages`). */
interface Privileges { canSend: boolean; canAddParticipants: boolean; canRemoveParticipants: boolean }

/** A conversation to create: the SDK's `IConversationDetails` as its ConversationBuilder fills it by default. */
export interface NewConversation {
  id: string;
  name: string;
  roles: { owner: Privileges; participant: Privileges };
  isPublic: boolean;
}

/** What the adapter asks of the API. Objects are raw JSON, decoded by the caller. */
export interface ComapiApi {
  startSession(signal?: AbortSignal): Promise<WireRecord>;
  createSession(body: Record<string, unknown>, signal?: AbortSignal): Promise<WireRecord>;
  listConversations(profileId: string, signal?: AbortSignal): Promise<unknown>;
  getConversation(conversationId: string, signal?: AbortSignal): Promise<unknown>;
  /** Create a conversation (`id` chosen by the client, as the SDK's ConversationBuilder does). */
  createConversation(details: NewConversation, signal?: AbortSignal): Promise<unknown>;
  /** The latest `limit` messages, or those at or before event `from`. */
  listMessages(conversationId: string, limit: number, from: number | undefined, signal?: AbortSignal): Promise<unknown>;
  /** Up to `limit` events from event `from` on (inclusive). */
  listEvents(conversationId: string, from: number, limit: number, signal?: AbortSignal): Promise<unknown>;
  /** Answers `{id, eventId}` (`readSendAnswer`). */
  sendMessage(conversationId: string, body: { metadata: Record<string, unknown>; parts: OutPart[] }, signal?: AbortSignal): Promise<unknown>;
  setTyping(conversationId: string, on: boolean, signal?: AbortSignal): Promise<void>;
  sendStatusUpdates(conversationId: string, updates: StatusUpdate[], signal?: AbortSignal): Promise<void>;
  /** Store a file; answers `{id, folder, name, type, url, size}` (`readUpload`). */
  uploadContent?(file: OutgoingFile, progress: UploadProgress, signal?: AbortSignal): Promise<unknown>;
}

/** What the API needs: where, which API space, and the current session token. */
export interface ApiOptions {
  fetch: typeof fetch;
  /** Uploads with progress; `fetch` without it. */
  upload?: UploadFetch;
  restBase: string;
  apiSpaceId: string;
  /** The session token for `Authorization`; undefined before a session exists. */
  token(): string | undefined;
  /** Values to cut out of error messages. */
  secrets(): (string | undefined)[];
}

/** A path segment or query value: never throws, even for text that is not well-formed (see `uriComponent`). */
const seg = uriComponent;

/** The Comapi REST API over `fetch`. */
export function comapiApi(o: ApiOptions): ComapiApi {
  const space = `/apispaces/${seg(o.apiSpaceId)}`;
  const call = (path: string, req: JsonRequest = {}, auth = true): Promise<unknown> => {
    const token = auth ? o.token() : undefined;
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    return redactedRequestJson(o.fetch, joinUrl(o.restBase, `${space}${path}`), { ...req, headers }, o.secrets);
  };
  const at = (cid: string, rest = ''): string => `/conversations/${seg(cid)}${rest}`;
  return {
    async startSession(signal) {
      return record(await call('/sessions/start', { signal }, false), 'session start');
    },
    async createSession(body, signal) {
      return record(await call('/sessions', { method: 'POST', body, signal }, false), 'session');
    },
    listConversations: (profileId, signal) => call(`/conversations?profileId=${seg(profileId)}&scope=participant`, { signal }),
    getConversation: (cid, signal) => call(at(cid), { signal }),
    createConversation: (details, signal) => call('/conversations', { method: 'POST', body: details, signal }),
    listMessages: (cid, limit, from, signal) => call(at(cid, `/messages?limit=${limit}${from === undefined ? '' : `&from=${from}`}`), { signal }),
    listEvents: (cid, from, limit, signal) => call(at(cid, `/events?from=${from}&limit=${limit}`), { signal }),
    sendMessage: (cid, body, signal) => call(at(cid, '/messages'), { method: 'POST', body, signal }),
    async setTyping(cid, on, signal) {
      await call(at(cid, '/typing'), { method: on ? 'POST' : 'DELETE', body: on ? {} : undefined, signal });
    },
    async sendStatusUpdates(cid, updates, signal) {
      await call(at(cid, '/messages/statusupdates'), { method: 'POST', body: updates, signal });
    },
    uploadContent(file, progress, signal) {
      const form = new FormData();
      form.append('file', file, file.name);
      const token = o.token();
      return redactedRequestForm(o.upload ?? fetchUpload(o.fetch), joinUrl(o.restBase, `${space}/content`),
        { form, signal, progress, headers: token ? { Authorization: `Bearer ${token}` } : {} }, o.secrets);
    },
  };
}
