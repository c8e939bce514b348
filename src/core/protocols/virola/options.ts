/**
 * The Virola adapter's options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (http(s) base of the Virola server), `token` (a
 * Web API access token, sent as `Authorization: Bearer` on REST calls only: the events socket
 * takes nothing but the session cookie, so a page needs that session with or without a token),
 * `userId` (my Virola user id; otherwise `GET /api/v1/status` tells), `conversation` (the room to
 * open). Protocol options: `OPTIONS` (option-specs.ts).
 */
import type { ConnectOptions } from '../../protocol.js';
import { httpBaseUrl, optionCount, optionError, optionOneOf, optionText, socketUrl } from '../../runtime/option-values.js';
import { joinUrl, type Credentials } from '../../http.js';
import { assignDefined } from '../../wire.js';

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

  return assignDefined<VirolaConfig>({
    baseUrl,
    eventsUrl: socketUrl(eventsOpt ?? joinUrl(baseUrl, 'api/v1/events'), 'option "eventsUrl"'),
    credentials: chosen ?? (token ? 'omit' : 'include'),
    sessionCredentials: chosen ?? 'include',
    pageSize: optionCount(o.options.pageSize, 'pageSize', 50, 500),
    initialRooms: optionCount(o.options.initialRooms, 'initialRooms', 10, 200),
  }, {
    token,
    userId: optionText(o.userId, 'userId'),
    conversation: optionText(o.conversation, 'conversation'),
    WebSocket: ws as WebSocketClass | undefined,
  });
}
