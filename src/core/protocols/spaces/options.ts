/**
 * The Spaces adapter's options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (the REST API base, e.g.
 * `https://spacesapis.avayacloud.com`), `token` (a user's JWT or OAuth token; without one the
 * widget signs in as a guest), `userId` (my Spaces user id; asked of `/api/users/me` otherwise),
 * `conversation` (the space to open). Protocol options: `OPTIONS` (option-specs.ts).
 */
import type { ConnectOptions } from '../../protocol.js';
import { httpBaseUrl, optionBoolean, optionError, optionOneOf, optionText, optionWhole } from '../../runtime/option-values.js';
import { assignDefined } from '../../wire.js';

/** A socket.io client's `io(url, options)`. */
export type IoFactory = (url: string, options: Record<string, unknown>) => unknown;

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

/** A text option, trimmed; undefined when absent or blank. */
function optText(v: unknown, name: string): string | undefined {
  return optionText(v, name)?.trim() || undefined;
}

/** `spaces` as an array or a comma-separated string of ids. */
function spaceList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  const items = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : optionError('option "spaces" must be an array of space ids');
  return items.map((x) => optText(x, 'spaces')).filter((x): x is string => x !== undefined);
}

/** `socketIoVersion`: 2 (the default, what Spaces documents), 3 or 4; a number or its text. */
function ioVersion(v: unknown): SocketIoVersion {
  if (v === undefined || v === null || v === '') return 2;
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  if (n === 2 || n === 3 || n === 4) return n;
  return optionError('option "socketIoVersion" must be 2, 3 or 4 (the major version of socket.io the socket server runs)');
}

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions): SpacesConfig {
  const x = o.options;
  const apiUrl = httpBaseUrl(o.url, '"url"');
  const socket = new URL(httpBaseUrl(optText(x.socketUrl, 'socketUrl') ?? o.url, '"socketUrl"'));
  const tokenType = optionOneOf(x.tokenType, 'tokenType', ['jwt', 'oauth'] as const) ?? 'jwt';
  if (x.io !== undefined && x.io !== null && typeof x.io !== 'function') optionError('option "io" must be a socket.io client\'s io function');
  const conversation = optText(o.conversation, 'conversation');
  const spaces = [...new Set([...(conversation ? [conversation] : []), ...spaceList(x.spaces)])];
  if (spaces.length === 0) optionError('name the space to open: "conversation", or the option "spaces"');
  const token = optText(o.token, 'token');
  const join = x.join === undefined || x.join === null || x.join === '' ? token === undefined : optionBoolean(x.join, 'join');
  const socketPath = optText(x.socketPath, 'socketPath') ?? '/socket.io';
  const cfg: SpacesConfig = {
    apiUrl,
    socketUrl: `${socket.origin}/chat`,
    socketPath: socketPath.startsWith('/') ? socketPath : `/${socketPath}`,
    spaces,
    tokenType,
    displayName: optText(x.displayName, 'displayName') ?? 'Guest',
    username: optText(x.username, 'username') ?? 'Anonymous',
    socketIoVersion: ioVersion(x.socketIoVersion),
    join,
    sendTimeoutMs: optionWhole(x.sendTimeoutMs, 'sendTimeoutMs', 15_000, 100, 600_000),
    subscribeTimeoutMs: optionWhole(x.subscribeTimeoutMs, 'subscribeTimeoutMs', 10_000, 100, 600_000),
    markReadIntervalMs: optionWhole(x.markReadIntervalMs, 'markReadIntervalMs', 5_000, 0, 600_000),
    pageSize: optionWhole(x.pageSize, 'pageSize', 30, 1, 50),
  };
  return assignDefined(cfg, {
    token,
    userId: optText(o.userId, 'userId'),
    conversation,
    io: typeof x.io === 'function' ? x.io as IoFactory : undefined,
    spacePassword: optText(x.spacePassword, 'spacePassword'),
  });
}
