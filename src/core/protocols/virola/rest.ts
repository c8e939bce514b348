/**
 * A typed client for the Virola Web API [V1 doc/*.md][V2 src/network/Network.ts]. Every call
 * carries the session cookie (`credentials`) or the Web API token (`Authorization: Bearer`
 * [V1 doc/token-authentication.md]), except the session check: `GET /api/v1/status` is documented
 * for the session cookie alone [V1 doc/status.md], so it goes without the token and with cookies.
 *
 * | call | request | answer |
 * |---|---|---|
 * | session check | `GET /api/v1/status` (cookie only) | `{userId, userSessionId}` (the session id is never kept) |
 * | users | `GET /api/v1/users` | `{users: [{userId, displayName, userName}]}` |
 * | rooms | `GET /api/v1/rooms` | `{rooms: [...]}` |
 * | messages | `GET /api/v1/rooms/{roomId}/messages?cursor&direction&limit` | `{messages: [...]}`, ascending by id |
 * | comments | `GET /api/v1/messages/{id}/comments?cursor&direction&limit` | `{messages: [...]}` |
 * | send | `POST /api/v1/rooms/{roomId}/messages {content}` | `{httpStatusCode: 200}`: no id |
 * | comment | `POST /api/v1/messages/{parentId}/comments {content}` | no id |
 * | read | `POST /api/v1/messages/{id}/read` | — |
 * | delete | `DELETE /api/v1/messages/{id}` | — |
 *
 * Errors keep their class (NetworkError / HttpError / DecodeError) and never carry the token. A
 * body whose `httpStatusCode` is 400 or more is an HttpError even under a 200 status.
 */
import { HttpError, NetworkError, joinUrl, requestForm, requestJson, type FormRequest, type JsonRequest } from '../../http.js';
import { fetchUpload, type OutgoingFile, type UploadProgress } from '../../uploads.js';
import { array, id, isRecord, optStr, record } from '../../wire.js';
import { redactText as redact } from '../../errors.js';
import type { VirolaConfig } from './options.js';

/** Paging of a message or comment list. */
export interface PageQuery {
  cursor?: string;
  direction: 'forward' | 'backward';
  limit: number;
}

/** The Web API as the adapter uses it; lists are raw wire objects, decoded by the caller. */
export interface VirolaApi {
  /** The page's cookie session, checked without the token: who it is signed in as. */
  status(signal?: AbortSignal): Promise<{ userId: string }>;
  /** Display names by user id. */
  users(signal?: AbortSignal): Promise<Map<string, string>>;
  rooms(signal?: AbortSignal): Promise<unknown[]>;
  messages(roomId: string, query: PageQuery, signal?: AbortSignal): Promise<unknown[]>;
  comments(parentId: string, query: PageQuery, signal?: AbortSignal): Promise<unknown[]>;
  send(roomId: string, content: string, signal?: AbortSignal): Promise<void>;
  comment(parentId: string, content: string, signal?: AbortSignal): Promise<void>;
  markRead(messageId: string, signal?: AbortSignal): Promise<void>;
  remove(messageId: string, signal?: AbortSignal): Promise<void>;
  /**
   * `POST /api/v1/messages/{id}/attachments`, multipart, each file a part named `files`
   * [V1 doc/attachments.md][V2 Network.ts attachFiles]: files go onto an existing message.
   */
  attach(messageId: string, files: readonly OutgoingFile[], progress: UploadProgress, signal?: AbortSignal): Promise<void>;
}

const seg = (v: string): string => encodeURIComponent(v);

const pageQuery = (q: PageQuery): string =>
  `?${new URLSearchParams({ ...(q.cursor !== undefined ? { cursor: q.cursor } : {}), direction: q.direction, limit: String(q.limit) }).toString()}`;

/** The `errorText` of a Virola error body, short. */
function errorText(body: unknown): string {
  return isRecord(body) && typeof body.errorText === 'string' ? `: ${body.errorText.slice(0, 200)}` : '';
}

/** The Web API client for a configuration. */
export function virolaApi(fetchFn: typeof fetch, cfg: VirolaConfig, upload = fetchUpload(fetchFn)): VirolaApi {
  const secrets = [cfg.token];
  const headers: Record<string, string> = cfg.token ? { Authorization: `Bearer ${cfg.token}` } : {};

  /** One call; `session` makes it the cookie-only session check (no token, cookies sent). */
  async function call(path: string, req: JsonRequest = {}, session = false, form?: Omit<FormRequest, 'headers' | 'credentials'>): Promise<unknown> {
    let body: unknown;
    const auth = session ? { headers: {}, credentials: cfg.sessionCredentials } : { headers, credentials: cfg.credentials };
    try {
      const url = joinUrl(cfg.baseUrl, `api/v1/${path}`);
      body = form ? await requestForm(upload, url, { ...form, ...auth }) : await requestJson(fetchFn, url, { ...req, ...auth });
    } catch (err) {
      if (err instanceof HttpError) throw new HttpError(err.status, redact(`${err.message}${errorText(err.body)}`, secrets), err.body, err.retryAfterMs);
      if (err instanceof NetworkError) throw new NetworkError(redact(err.message, secrets));
      throw err;
    }
    const code = isRecord(body) ? body.httpStatusCode : undefined;
    if (typeof code === 'number' && code >= 400) {
      throw new HttpError(code, redact(`${req.method ?? 'GET'} /api/v1/${path.split('?')[0]} answered ${code}${errorText(body)}`, secrets), body);
    }
    return body;
  }

  const list = async (path: string, signal?: AbortSignal): Promise<unknown[]> =>
    array(record(await call(path, { signal }), 'answer').messages, 'answer.messages');
  const post = async (path: string, body: unknown, signal?: AbortSignal): Promise<void> => {
    await call(path, { method: 'POST', body, signal });
  };

  return {
    async status(signal) {
      const s = record(await call('status', { signal }, true), 'status');
      return { userId: id(s.userId, 'status.userId') };
    },
    async users(signal) {
      const names = new Map<string, string>();
      const users = array(record(await call('users', { signal }), 'users').users, 'users.users');
      for (const [i, u] of users.entries()) {
        const user = record(u, `users[${i}]`);
        const name = optStr(user.displayName, `users[${i}].displayName`) || optStr(user.userName, `users[${i}].userName`);
        if (name) names.set(id(user.userId, `users[${i}].userId`), name);
      }
      return names;
    },
    rooms: async (signal) => array(record(await call('rooms', { signal }), 'rooms').rooms, 'rooms.rooms'),
    messages: (roomId, query, signal) => list(`rooms/${seg(roomId)}/messages${pageQuery(query)}`, signal),
    comments: (parentId, query, signal) => list(`messages/${seg(parentId)}/comments${pageQuery(query)}`, signal),
    send: (roomId, content, signal) => post(`rooms/${seg(roomId)}/messages`, { content }, signal),
    comment: (parentId, content, signal) => post(`messages/${seg(parentId)}/comments`, { content }, signal),
    markRead: (messageId, signal) => post(`messages/${seg(messageId)}/read`, {}, signal),
    async remove(messageId, signal) {
      await call(`messages/${seg(messageId)}`, { method: 'DELETE', signal });
    },
    async attach(messageId, files, progress, signal) {
      const form = new FormData();
      for (const f of files) form.append('files', f, f.name);
      await call(`messages/${seg(messageId)}/attachments`, { method: 'POST' }, false, { form, signal, progress });
    },
  };
}
