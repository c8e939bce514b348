/**
 * The IMKIT client REST API (headers `IM-CLIENT-KEY` + `IM-Authorization`). Answers come as
 * `{RC, RM, result}`: an `RC` other than 0 is an HttpError like a non-2xx status.
 */
import { redactText } from '../../errors.js';
import { HttpError, joinUrl, requestForm, requestJson } from '../../http.js';
import { fetchUpload, type OutgoingFile, type UploadProgress } from '../../uploads.js';
import { isRecord, optArray, record, str, type WireRecord } from '../../wire.js';

/** A page of messages: `data` as sent, `userDeletedIDs` to hide. */
export interface MessagePage {
  data: unknown[];
  userDeletedIDs: string[];
}

/**
 * Where to read a page from. A `beforeMessage` page holds its cursor message too
 * (the vendor's Vue SDK drops the first item of such a page [I3 loadMessages]); the order of any
 * page is not relied on.
 */
export interface PageQuery {
  beforeMessage?: string;
  /** Messages changed (`updatedAt`) after this time, epoch ms. */
  updatedAfter?: number;
  limit: number;
}

/** The calls the adapter makes. */
export interface ImkitApi {
  /** `GET /me`: the signed-in client. */
  me(signal?: AbortSignal): Promise<unknown>;
  /** `GET /rooms`: the rooms I am in, latest activity first. */
  listRooms(signal?: AbortSignal): Promise<unknown[]>;
  /** `GET /rooms/{id}/messages/v3`. */
  listMessages(roomId: string, q: PageQuery, signal?: AbortSignal): Promise<MessagePage>;
  /** `POST /rooms/{id}/message`: send, edit (`_id` + `message`) or recall (`_id` + `messageType:'recall'`). */
  postMessage(roomId: string, body: WireRecord, signal?: AbortSignal): Promise<unknown>;
  /** `PUT /rooms/{id}/lastRead {message}`. */
  markRead(roomId: string, messageId: string, signal?: AbortSignal): Promise<unknown>;
  /** `POST /rooms/createAndJoin`: a new room with me in it (and any invitees). */
  createRoom(body: WireRecord, signal?: AbortSignal): Promise<unknown>;
  /** `POST /rooms/{id}/join`: accept an invitation. */
  join(roomId: string, signal?: AbortSignal): Promise<unknown>;
  /** `POST /messages/user-delete {room, messages}`: hide messages for me only. */
  userDelete(roomId: string, messageIds: string[], signal?: AbortSignal): Promise<unknown>;
  /** Tell later calls who I am (`IM-CLIENT-ID`). */
  setClientId(id: string): void;
  /**
   * `POST /files/{bucket}`, multipart `file` (the Flutter SDK's `IMFileRequest.upload`, bucket
   * `chatserver-upload` by default): answers `{_id, bucketName}`; the file's URL is then
   * `{chat server}/files/{bucketName}/{_id}` (`IMUploadFile.url`).
   */
  uploadFile(file: OutgoingFile, progress: UploadProgress, signal?: AbortSignal): Promise<string>;
}

/** The bucket the vendor SDK uploads to unless configured otherwise (`IMState._bucket`). */
export const DEFAULT_BUCKET = 'chatserver-upload';

/** `result` of an IMKIT answer; an `RC` other than 0 throws an HttpError with that code (and `RM`, `secrets` removed). */
export function resultOf(data: unknown, where: string, secrets: readonly string[] = []): unknown {
  if (!isRecord(data) || !('RC' in data)) return data;
  const rc = typeof data.RC === 'number' ? data.RC : Number(data.RC);
  if (rc !== 0) {
    const rm = typeof data.RM === 'string' ? `: ${redactText(data.RM, secrets).slice(0, 80)}` : '';
    throw new HttpError(Number.isFinite(rc) && rc >= 400 && rc < 600 ? rc : 502, `${where} answered RC ${String(data.RC)}${rm}`, data);
  }
  return data.result;
}

const enc = encodeURIComponent;

/** The client API on `baseUrl` with these credentials. */
export function imkitApi(fetchFn: typeof fetch, baseUrl: string, clientKey: string, token: string, upload = fetchUpload(fetchFn)): ImkitApi {
  let clientId: string | undefined;
  const authHeaders = (): Record<string, string> => ({ 'IM-CLIENT-KEY': clientKey, 'IM-Authorization': token, ...(clientId ? { 'IM-CLIENT-ID': clientId } : {}) });
  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> => {
    const headers = authHeaders();
    const data = await requestJson(fetchFn, joinUrl(baseUrl, path), { method, headers, body, signal });
    return resultOf(data, `${method} ${path.split('?')[0]}`, [token, clientKey]);
  };
  return {
    me: (signal) => call('GET', '/me', undefined, signal),
    async listRooms(signal) {
      const result = await call('GET', '/rooms?skip=0&limit=100&sort=-lastMessage', undefined, signal);
      return Array.isArray(result) ? result : isRecord(result) ? optArray(result.data, 'rooms.data') : [];
    },
    async listMessages(roomId, q, signal) {
      const params = new URLSearchParams({ limit: String(q.limit) });
      if (q.beforeMessage) params.set('beforeMessage', q.beforeMessage);
      if (q.updatedAfter !== undefined) {
        params.set('afterTime', String(q.updatedAfter));
        params.set('timeRangeField', 'updatedAt');
        // Oldest change first, asked for: the vendor's Vue SDK passes `sortOrder` to this endpoint
        // [I3 loadMessages]; whether an afterTime query honours it is not documented, so the
        // catch-up copes with either order (sync-catch-up.ts).
        params.set('sortOrder', 'asc');
      }
      const result = await call('GET', `/rooms/${enc(roomId)}/messages/v3?${params.toString()}`, undefined, signal);
      if (Array.isArray(result)) return { data: result, userDeletedIDs: [] };
      const r = isRecord(result) ? result : {};
      const hidden = optArray(r.userDeletedIDs, 'userDeletedIDs').filter((x): x is string => typeof x === 'string');
      return { data: optArray(r.data, 'messages.data'), userDeletedIDs: hidden };
    },
    postMessage: (roomId, body, signal) => call('POST', `/rooms/${enc(roomId)}/message`, body, signal),
    markRead: (roomId, messageId, signal) => call('PUT', `/rooms/${enc(roomId)}/lastRead`, { message: messageId }, signal),
    createRoom: (body, signal) => call('POST', '/rooms/createAndJoin', body, signal),
    join: (roomId, signal) => call('POST', `/rooms/${enc(roomId)}/join`, { systemMessage: true }, signal),
    userDelete: (roomId, messageIds, signal) => call('POST', '/messages/user-delete', { room: roomId, messages: messageIds }, signal),
    setClientId(id) { clientId = id; },
    async uploadFile(file, progress, signal) {
      const form = new FormData();
      form.append('file', file, file.name);
      const path = `/files/${enc(DEFAULT_BUCKET)}`;
      const r = record(resultOf(await requestForm(upload, joinUrl(baseUrl, path), { form, signal, progress, headers: authHeaders() }), `POST ${path}`, [token, clientKey]), 'uploaded file');
      return joinUrl(baseUrl, `/files/${enc(str(r.bucketName, 'uploaded file.bucketName'))}/${enc(str(r._id, 'uploaded file._id'))}`);
    },
  };
}
