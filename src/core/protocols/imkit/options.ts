/**
 * The IMKIT adapter's options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (the app's chat server, e.g.
 * `https://your-app.imkit.io`), `token` (the client token, `IM-Authorization`), `userId` (the
 * client id; fetched from `GET /me` when absent), `conversation` (the room to open).
 * Protocol options (`options`):
 *
 * | option | type | meaning |
 * |---|---|---|
 * | `clientKey` | string | the app's client key (`IM-CLIENT-KEY`), required |
 * | `clientId` | string | the signed-in client's id (same as `userId`) |
 * | `base64` | boolean | ask the server for base64 payloads (`conf {encoding:"base64"}`); default false |
 * | `deviceId` | string | sent with `auth2`; default a random id kept in the widget's storage |
 * | `socketUrl` | string | Socket.IO server when it is not `url` |
 * | `socketPath` | string | Socket.IO path; default `/socket.io` |
 * | `pageSize` | number | messages per history page and per catch-up page; default 30 |
 * | `typingTtlMs` | number | how long a `typing` event shows; default 6000 (IMKIT sends no "stopped") |
 * | `ackTimeoutMs` | number | wait for the `conf` / `auth2` acknowledgements; default 10000 |
 * | `autoAcceptInvitations` | boolean | join a room as soon as an invitation to it arrives; default false |
 */
import { ConnectError, type ConnectOptions } from '../../protocol.js';

/** The checked configuration. */
export interface ImkitConfig {
  /** `url` as given (storage keys use it). */
  url: string;
  /** http(s) base for REST, without a trailing slash. */
  baseUrl: string;
  /** http(s) origin (plus any path) of the Socket.IO server. */
  socketUrl: string;
  socketPath: string;
  token: string;
  clientKey: string;
  userId?: string;
  conversation?: string;
  base64: boolean;
  deviceId?: string;
  pageSize: number;
  typingTtlMs: number;
  ackTimeoutMs: number;
  autoAcceptInvitations: boolean;
}

function fail(message: string): never {
  throw new ConnectError('config-error', `imkit: ${message}`);
}

function optText(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return fail(`option "${name}" must be a string`);
}

function optBoolean(v: unknown, name: string): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return fail(`option "${name}" must be a boolean`);
}

function optNumber(v: unknown, name: string, fallback: number, min: number, max: number): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) fail(`option "${name}" must be a number from ${min} to ${max}`);
  return n;
}

/** An http(s) URL without query or hash (ws(s) is taken as http(s)). */
function httpBase(text: string, what: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return fail(`${what} must be an absolute http(s) URL`);
  }
  if (u.protocol === 'ws:') u.protocol = 'http:';
  else if (u.protocol === 'wss:') u.protocol = 'https:';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(`${what} must be an http(s) URL`);
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/+$/, '');
}

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions): ImkitConfig {
  const baseUrl = httpBase(o.url, '"url"');
  const token = optText(o.token, 'token');
  if (!token) fail('"token" (the client token, IM-Authorization) is required');
  const clientKey = optText(o.options.clientKey, 'clientKey');
  if (!clientKey) fail('the option "clientKey" (IM-CLIENT-KEY) is required');
  const socketOpt = optText(o.options.socketUrl, 'socketUrl');
  const socketPath = optText(o.options.socketPath, 'socketPath') ?? '/socket.io';
  if (!socketPath.startsWith('/')) fail('option "socketPath" must start with "/"');
  const cfg: ImkitConfig = {
    url: o.url,
    baseUrl,
    socketUrl: socketOpt ? httpBase(socketOpt, 'option "socketUrl"') : baseUrl,
    socketPath,
    token,
    clientKey,
    base64: optBoolean(o.options.base64, 'base64'),
    pageSize: Math.round(optNumber(o.options.pageSize, 'pageSize', 30, 1, 500)),
    typingTtlMs: optNumber(o.options.typingTtlMs, 'typingTtlMs', 6000, 500, 120_000),
    ackTimeoutMs: optNumber(o.options.ackTimeoutMs, 'ackTimeoutMs', 10_000, 100, 120_000),
    autoAcceptInvitations: optBoolean(o.options.autoAcceptInvitations, 'autoAcceptInvitations'),
  };
  const userId = optText(o.userId, 'userId') ?? optText(o.options.clientId, 'clientId');
  if (userId !== undefined) cfg.userId = userId;
  const conversation = optText(o.conversation, 'conversation');
  if (conversation !== undefined) cfg.conversation = conversation;
  const deviceId = optText(o.options.deviceId, 'deviceId');
  if (deviceId !== undefined) cfg.deviceId = deviceId;
  return cfg;
}
