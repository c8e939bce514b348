/**
 * The Spaces adapter's options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (the REST API base, e.g.
 * `https://spacesapis.avayacloud.com`), `token` (a user's JWT or OAuth token; without one the
 * widget signs in as a guest), `userId` (my Spaces user id; asked of `/api/users/me` otherwise),
 * `conversation` (the space to open). Protocol options (`options`):
 *
 * | option | type | meaning |
 * |---|---|---|
 * | `spaces` | `string[]` (or comma-separated) | spaces to subscribe to; default `[conversation]` |
 * | `displayName` | `string` | a guest's display name (default `Guest`) |
 * | `username` | `string` | a guest's username for the anonymous sign-in (default `Anonymous`) |
 * | `tokenType` | `'jwt' \| 'oauth'` | what `token` is (default `jwt`) |
 * | `socketUrl` | `string` | origin of the socket server (default `url`) |
 * | `socketPath` | `string` | socket.io path (default `/socket.io`) |
 * | `socketIoVersion` | `2 \| 3 \| 4` | the socket server's socket.io major version (default 2, as Spaces documents): 2 loads socket.io-client 2, 3 or 4 loads socket.io-client 4 |
 * | `io` | `(url, opts) => socket` | a socket.io client's `io` the page brings; Parley then loads no client of its own |
 * | `join` | `boolean` | call `GET /api/spaces/{id}/join` before subscribing (default: true for a guest) |
 * | `spacePassword` | `string` | password of a protected space (header `spaces-x-space-password`) |
 * | `sendTimeoutMs` | `number` | how long a send waits for its echo before it fails (default 15000) |
 * | `subscribeTimeoutMs` | `number` | how long connecting waits for `CHANNEL_SUBSCRIBED` (default 10000) |
 * | `markReadIntervalMs` | `number` | at most one markread call per space this often (default 5000) |
 * | `pageSize` | `number` | messages per REST page (default 30, max 50) |
 */
import { ConnectError, type ConnectOptions } from '../../protocol.js';
import type { IoFactory } from './socket.js';

/** The socket.io major versions a Spaces socket server may run. */
export type SocketIoVersion = 2 | 3 | 4;

/** The checked configuration. */
export interface SpacesConfig {
  /** REST base without a trailing slash. */
  apiUrl: string;
  /** Socket URL of the `/chat` namespace. */
  socketUrl: string;
  socketPath: string;
  spaces: string[];
  token?: string;
  tokenType: 'jwt' | 'oauth';
  userId?: string;
  conversation?: string;
  displayName: string;
  username: string;
  /** The socket server's socket.io major version: which client is loaded, and what a refusal means. */
  socketIoVersion: SocketIoVersion;
  io?: IoFactory;
  join: boolean;
  spacePassword?: string;
  sendTimeoutMs: number;
  subscribeTimeoutMs: number;
  markReadIntervalMs: number;
  pageSize: number;
}

function fail(message: string): never {
  throw new ConnectError('config-error', `spaces: ${message}`);
}

function optText(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return fail(`option "${name}" must be a string`);
}

function optInt(v: unknown, name: string, fallback: number, min: number, max: number): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) fail(`option "${name}" must be a whole number from ${min} to ${max}`);
  return n;
}

function httpBase(value: string, name: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return fail(`"${name}" must be an absolute http(s) URL`);
  }
  if (u.protocol === 'ws:') u.protocol = 'http:';
  if (u.protocol === 'wss:') u.protocol = 'https:';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(`"${name}" must be an http(s) URL`);
  u.search = '';
  u.hash = '';
  return u;
}

/** `spaces` as an array or a comma-separated string of ids. */
function spaceList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  const items = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : fail('option "spaces" must be an array of space ids');
  return items.map((x) => optText(x, 'spaces')).filter((x): x is string => x !== undefined);
}

/** `socketIoVersion`: 2 (the default, what Spaces documents), 3 or 4; a number or its text. */
function ioVersion(v: unknown): SocketIoVersion {
  if (v === undefined || v === null || v === '') return 2;
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  if (n === 2 || n === 3 || n === 4) return n;
  return fail('option "socketIoVersion" must be 2, 3 or 4 (the major version of socket.io the socket server runs)');
}

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions): SpacesConfig {
  const x = o.options;
  const api = httpBase(o.url, 'url');
  const socket = httpBase(optText(x.socketUrl, 'socketUrl') ?? o.url, 'socketUrl');
  const tokenType = x.tokenType ?? 'jwt';
  if (tokenType !== 'jwt' && tokenType !== 'oauth') fail('option "tokenType" must be "jwt" or "oauth"');
  if (x.io !== undefined && x.io !== null && typeof x.io !== 'function') fail('option "io" must be a socket.io client\'s io function');
  const conversation = optText(o.conversation, 'conversation');
  const spaces = [...new Set([...(conversation ? [conversation] : []), ...spaceList(x.spaces)])];
  if (spaces.length === 0) fail('name the space to open: "conversation", or the option "spaces"');
  const token = optText(o.token, 'token');
  const join = x.join === undefined || x.join === null ? token === undefined : x.join;
  if (typeof join !== 'boolean') fail('option "join" must be a boolean');
  const socketPath = optText(x.socketPath, 'socketPath') ?? '/socket.io';
  const cfg: SpacesConfig = {
    apiUrl: api.href.replace(/\/+$/, ''),
    socketUrl: `${socket.origin}/chat`,
    socketPath: socketPath.startsWith('/') ? socketPath : `/${socketPath}`,
    spaces,
    tokenType,
    displayName: optText(x.displayName, 'displayName') ?? 'Guest',
    username: optText(x.username, 'username') ?? 'Anonymous',
    socketIoVersion: ioVersion(x.socketIoVersion),
    join,
    sendTimeoutMs: optInt(x.sendTimeoutMs, 'sendTimeoutMs', 15_000, 100, 600_000),
    subscribeTimeoutMs: optInt(x.subscribeTimeoutMs, 'subscribeTimeoutMs', 10_000, 100, 600_000),
    markReadIntervalMs: optInt(x.markReadIntervalMs, 'markReadIntervalMs', 5_000, 0, 600_000),
    pageSize: optInt(x.pageSize, 'pageSize', 30, 1, 50),
  };
  if (token !== undefined) cfg.token = token;
  const userId = optText(o.userId, 'userId');
  if (userId !== undefined) cfg.userId = userId;
  if (conversation !== undefined) cfg.conversation = conversation;
  if (typeof x.io === 'function') cfg.io = x.io as IoFactory;
  const password = optText(x.spacePassword, 'spacePassword');
  if (password !== undefined) cfg.spacePassword = password;
  return cfg;
}
