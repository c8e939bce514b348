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
import type { OptionSpec } from '../../options-schema.js';
import { ConnectError, type ConnectOptions } from '../../protocol.js';
import { joinUrl, type Credentials } from '../../http.js';

/** Virola's protocol options, documented (they become `<parley-chat>` attributes). */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'eventsUrl', type: 'url', description: 'The events WebSocket URL.', default: '`url` with http→ws and path /api/v1/events' },
  { name: 'credentials', type: 'enum', values: ['include', 'same-origin', 'omit'], description: 'Cookies on REST calls (the session check always sends them unless set).', default: '`include` without a token, `omit` with one' },
  { name: 'pageSize', type: 'number', description: 'Messages per page (initial load, older pages, catch-up), 1 to 500.', default: '50' },
  { name: 'initialRooms', type: 'number', description: 'How many of the most recent rooms get their latest messages on start, 1 to 200.', default: '10' },
  { name: 'WebSocket', type: 'function', propertyOnly: true, description: 'A WebSocket class (Node: the `ws` class).', default: 'the global WebSocket' },
];

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

function fail(message: string): never {
  throw new ConnectError('config-error', `virola: ${message}`);
}

function optText(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return fail(`option "${name}" must be a string`);
}

function optCount(v: unknown, name: string, fallback: number, max: number): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) fail(`option "${name}" must be a whole number from 1 to ${max}`);
  return n;
}

function parseUrl(text: string, what: string, schemes: RegExp): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return fail(`${what} must be an absolute URL`);
  }
  if (!schemes.test(u.protocol)) fail(`${what} has an unsupported scheme "${u.protocol}"`);
  u.hash = '';
  return u;
}

const SWAP: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'http:', 'wss:': 'https:' };

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions): VirolaConfig {
  const base = parseUrl(o.url ?? '', '"url"', /^(https?|wss?):$/);
  if (base.protocol.startsWith('ws')) base.protocol = SWAP[base.protocol]!;
  base.search = '';
  const baseUrl = base.href.replace(/\/+$/, '');

  const token = optText(o.token, 'token');
  const eventsOpt = optText(o.options.eventsUrl, 'eventsUrl');
  const events = eventsOpt ? parseUrl(eventsOpt, 'option "eventsUrl"', /^(https?|wss?):$/) : new URL(joinUrl(baseUrl, 'api/v1/events'));
  if (events.protocol.startsWith('http')) events.protocol = SWAP[events.protocol]!;
  if (o.options.tokenParam !== undefined) {
    fail('option "tokenParam" is gone: Virola\'s events socket takes only the session cookie (POST /api/v1/login), never a token in the URL');
  }

  const chosen = o.options.credentials;
  if (chosen !== undefined && chosen !== 'include' && chosen !== 'same-origin' && chosen !== 'omit') {
    fail('option "credentials" must be "include", "same-origin" or "omit"');
  }
  const credentials: Credentials = chosen ?? (token ? 'omit' : 'include');
  const ws = o.options.WebSocket;
  if (ws !== undefined && typeof ws !== 'function') fail('option "WebSocket" must be a WebSocket class');

  const cfg: VirolaConfig = {
    baseUrl,
    eventsUrl: events.href,
    credentials,
    sessionCredentials: chosen ?? 'include',
    pageSize: optCount(o.options.pageSize, 'pageSize', 50, 500),
    initialRooms: optCount(o.options.initialRooms, 'initialRooms', 10, 200),
  };
  if (token) cfg.token = token;
  const userId = optText(o.userId, 'userId');
  if (userId) cfg.userId = userId;
  const conversation = optText(o.conversation, 'conversation');
  if (conversation) cfg.conversation = conversation;
  if (ws) cfg.WebSocket = ws as WebSocketClass;
  return cfg;
}
