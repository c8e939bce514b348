/**
 * The Spaces REST calls the adapter makes, all with `Authorization: jwt <token>` (or
 * `bearer <token>` for OAuth) except the guest sign-in. Answers are returned as `unknown` and
 * decoded by the caller.
 */
import { joinUrl, requestJson } from '../../http.js';
import type { Page as CorePage } from '../../runtime/catch-up.js';
import { isRecord } from '../../wire.js';

/** A page of a REST list: its items and the next page's URL, if any (read as "more follow", never requested). */
export type Page = CorePage<unknown, string>;

/** The calls. */
export interface SpacesApi {
  /** `POST /api/anonymous/auth {displayname, username}` → the guest JWT answer. */
  anonymousAuth(displayname: string, username: string, signal: AbortSignal): Promise<unknown>;
  /** `GET /api/users/me`. */
  me(signal: AbortSignal): Promise<unknown>;
  /** `GET /api/spaces/{id}`. */
  space(spaceId: string, signal: AbortSignal): Promise<unknown>;
  /** `GET /api/spaces/{id}/join` (header `spaces-x-space-password` when given). */
  join(spaceId: string, password: string | undefined, signal: AbortSignal): Promise<unknown>;
  /** `GET /api/spaces/{id}/messages/query?direction=before&size=…[&refTime=ms]`: the latest page, or the one before `refTime`. */
  messagesBefore(spaceId: string, refTime: number | undefined, size: number, signal: AbortSignal): Promise<Page>;
  /** `GET /api/activitiesrecord/messages?spaceid=&after=<ms>&size=&page=0`: what changed after `after`, oldest first. */
  activities(spaceId: string, after: number, size: number, signal: AbortSignal): Promise<Page>;
  /** `POST /api/users/me/spaces/{id}/markread`. */
  markRead(spaceId: string, signal: AbortSignal): Promise<void>;
  /** `POST /api/messages/deletemessages [ids]`. */
  deleteMessages(ids: string[], signal: AbortSignal): Promise<unknown>;
  /** `PATCH /api/messages/{id} {_id, content: {bodyText}}`: a new text for a message. */
  updateMessage(id: string, bodyText: string, signal: AbortSignal): Promise<unknown>;
}

/** A list answer: `{data: [...], nextPageUrl}` or a bare array. */
export function pageOf(answer: unknown): Page {
  if (Array.isArray(answer)) return { items: answer };
  if (!isRecord(answer)) return { items: [] };
  const items = Array.isArray(answer.data) ? answer.data : [];
  const next = typeof answer.nextPageUrl === 'string' && answer.nextPageUrl ? answer.nextPageUrl : undefined;
  return next ? { items, next } : { items };
}

/** An object answer, unwrapped from `{data: {...}}` when wrapped. */
export function objectOf(answer: unknown): unknown {
  return isRecord(answer) && isRecord(answer.data) && answer._id === undefined ? answer.data : answer;
}

/** The REST client for `apiUrl`; `auth()` gives the current Authorization header value. */
export function spacesApi(fetchFn: typeof fetch, apiUrl: string, auth: () => string | undefined): SpacesApi {
  const url = (path: string, query?: Record<string, string | number | undefined>): string => {
    const u = new URL(joinUrl(apiUrl, path));
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.href;
  };
  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const value = auth();
    return value ? { Authorization: value, ...extra } : extra;
  };
  const get = (href: string, signal: AbortSignal, extra?: Record<string, string>) => requestJson(fetchFn, href, { headers: headers(extra), signal });
  const post = (href: string, body: unknown, signal: AbortSignal) => requestJson(fetchFn, href, { method: 'POST', headers: headers(), body, signal });

  return {
    anonymousAuth: (displayname, username, signal) => requestJson(fetchFn, url('api/anonymous/auth'), { method: 'POST', body: { displayname, username }, signal }),
    me: (signal) => get(url('api/users/me'), signal),
    space: (spaceId, signal) => get(url(`api/spaces/${encodeURIComponent(spaceId)}`), signal),
    join: (spaceId, password, signal) => get(url(`api/spaces/${encodeURIComponent(spaceId)}/join`), signal, password ? { 'spaces-x-space-password': password } : undefined),
    messagesBefore: async (spaceId, refTime, size, signal) => pageOf(await get(url(`api/spaces/${encodeURIComponent(spaceId)}/messages/query`, { direction: 'before', size, refTime }), signal)),
    activities: async (spaceId, after, size, signal) => pageOf(await get(url('api/activitiesrecord/messages', { spaceid: spaceId, after, size, page: 0 }), signal)),
    markRead: async (spaceId, signal) => { await post(url(`api/users/me/spaces/${encodeURIComponent(spaceId)}/markread`), undefined, signal); },
    deleteMessages: (ids, signal) => post(url('api/messages/deletemessages'), ids, signal),
    updateMessage: (id, bodyText, signal) => requestJson(fetchFn, url(`api/messages/${encodeURIComponent(id)}`), { method: 'PATCH', headers: headers(), body: { _id: id, content: { bodyText } }, signal }),
  };
}
