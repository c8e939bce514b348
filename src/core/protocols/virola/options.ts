/**
 * The Virola adapter's options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (http(s) base of the Virola server), `token` (a
 * Web API access token, sent as `Authorization: Bearer` on REST calls only: the events socket
 * takes nothing but the session cookie, so a page needs that session with or without a token),
 * `userId` (my Virola user id; otherwise `GET /api/v1/status` tells), `conversation` (the room to
 * open). Protocol options (`options`):
 *
 * | option | type | meaning |
 * |---|---|---|
 * | `eventsUrl` | string | WebSocket URL; default `url` with http→ws and path `/api/v1/events` |
 * | `credentials` | `'include'` \| `'same-origin'` \| `'omit'` | cookies on REST calls; default `include` without a token, `omit` with one (the session check always sends them: `include` unless set) |
 * | `pageSize` | number | messages per page (initial load, older pages, catch-up); default 50 |
 * | `initialRooms` | number | how many of the most recent rooms get their latest messages loaded on start; default 10 |
 * | `WebSocket` | constructor | WebSocket implementation (Node: the `ws` class); default the global one |
 */
import type { ConnectOptions } from '../../protocol.js';
import { httpBaseUrl, optionCount, optionError, optionOneOf, optionText, socketUrl } from '../../runtime/option-values.js';
import { joinUrl, type Credentials } from '../../http.js';

/** What the adapter needs of a WebSocket class (the browser's, or `ws` in Node). */
export type WebSocketClass = new (url: string) => WebSocket;

/** The checked configuration. */
export interface VirolaConfig {
  /** http(s) base for REST, without a trailing slash. */
  baseUrl: string;
  /** ws(s) URL of the event stream (no credential in it: the session cookie rides along). */
  eventsUrl: string;
  /** Web API token: `Authorization: Bearer` on REST calls, never on the socket. */
  token?: string;
  userId?: string;
  conversation?: string;
  /** Cookies on REST calls. */
  credentials: Credentials;
  /** Cookies on the session check (`GET /api/v1/status`), which only a session cookie passes. */
  sessionCredentials: Credentials;
  pageSize: number;
  initialRooms: number;
  WebSocket?: WebSocketClass;
}

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions): VirolaConfig {
  const baseUrl = httpBaseUrl(o.url ?? '', '"url"');
  const token = optionText(o.token, 'token');
  const eventsOpt = optionText(o.options.eventsUrl, 'eventsUrl');
  if (o.options.tokenParam !== undefined) {
    optionError('option "tokenParam" is gone: Virola\'s events socket takes only the session cookie (POST /api/v1/login), never a token in the URL');
  }
  const chosen = optionOneOf<Credentials>(o.options.credentials, 'credentials', ['include', 'same-origin', 'omit']);
  const ws = o.options.WebSocket;
  if (ws !== undefined && typeof ws !== 'function') optionError('option "WebSocket" must be a WebSocket class');

  const cfg: VirolaConfig = {
    baseUrl,
    eventsUrl: socketUrl(eventsOpt ?? joinUrl(baseUrl, 'api/v1/events'), 'option "eventsUrl"'),
    credentials: chosen ?? (token ? 'omit' : 'include'),
    sessionCredentials: chosen ?? 'include',
    pageSize: optionCount(o.options.pageSize, 'pageSize', 50, 500),
    initialRooms: optionCount(o.options.initialRooms, 'initialRooms', 10, 200),
  };
  if (token) cfg.token = token;
  const userId = optionText(o.userId, 'userId');
  if (userId) cfg.userId = userId;
  const conversation = optionText(o.conversation, 'conversation');
  if (conversation) cfg.conversation = conversation;
  if (ws) cfg.WebSocket = ws as WebSocketClass;
  return cfg;
}
