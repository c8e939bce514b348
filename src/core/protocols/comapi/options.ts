/**
 * The Comapi adapter's options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (REST base, e.g. `https://api.comapi.com`),
 * `token` (a ready-made session token), `userId` (my profile id), `conversation`.
 * Protocol options (`options`):
 *
 * | option | type | meaning |
 * |---|---|---|
 * | `apiSpaceId` | string | the API space (required) |
 * | `socketUrl` | string | WebSocket base when it differs from `url` (default: `url` with http→ws) |
 * | `authChallenge` | `(nonce: string) => Promise<string> \| string` | mints the JWT for the session challenge |
 * | `sdk` | `{on(name, handler), off(name, handler?)}` | a running Comapi SDK whose events the widget listens to instead of opening a socket (REST calls still use `url` and the session) |
 * | `profileId` | string | my profile id (else `userId`, else the session's `profileId`) |
 * | `echoMs` | number | keepalive `echo` interval, default 60000 |
 * | `typingTtlMs` | number | how long a typing notice lasts without a refresh, default 15000 |
 * | `pageSize` | number | messages per history page and events per backfill page, default 50 |
 * | `webSocket` | WebSocket constructor | another WebSocket implementation (tests, Node) |
 */
import { ConnectError, type ConnectOptions } from '../../protocol.js';

/** What the widget needs of a Comapi SDK object: the seed's `on` / `off`. */
export interface ComapiSdk {
  on(name: string, handler: (data: unknown) => void): void;
  off(name: string, handler?: (data: unknown) => void): void;
  /** The Foundation SDK's session (`profileId`), when present. */
  readonly session?: unknown;
}

/** The page's answer to the session challenge: a JWT that embeds the nonce. */
export type AuthChallenge = (nonce: string) => Promise<string> | string;

/** A WebSocket constructor (the browser's by default). */
export type WebSocketCtor = new (url: string) => WebSocket;

/** The checked configuration. */
export interface ComapiConfig {
  apiSpaceId: string;
  /** http(s) REST base, no trailing slash. */
  restBase: string;
  /** ws(s) socket base, no trailing slash. */
  socketBase: string;
  token?: string;
  profileId?: string;
  conversation?: string;
  authChallenge?: AuthChallenge;
  sdk?: ComapiSdk;
  echoMs: number;
  typingTtlMs: number;
  pageSize: number;
  webSocket?: WebSocketCtor;
}

function fail(message: string): never {
  throw new ConnectError('config-error', `comapi: ${message}`);
}

function optText(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return fail(`option "${name}" must be a string`);
}

function optInt(v: unknown, name: string, fallback: number, min: number): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) fail(`option "${name}" must be a whole number ≥ ${min}`);
  return n;
}

/** True for an object with the seed's `on` and `off` functions. */
export function isSdk(v: unknown): v is ComapiSdk {
  return typeof v === 'object' && v !== null
    && typeof (v as { on?: unknown }).on === 'function' && typeof (v as { off?: unknown }).off === 'function';
}

/** The URL without query and hash, with its scheme mapped (`http:`→`ws:` ...), no trailing slash. */
function base(text: string, schemes: Record<string, string>, what: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return fail(`${what} must be an absolute URL`);
  }
  if (!/^(https?|wss?):$/.test(u.protocol)) fail(`${what} must be an http(s) or ws(s) URL`);
  const scheme = schemes[u.protocol];
  if (scheme) u.protocol = scheme;
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/+$/, '');
}

const TO_HTTP = { 'ws:': 'http:', 'wss:': 'https:' };
const TO_WS = { 'http:': 'ws:', 'https:': 'wss:' };

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions): ComapiConfig {
  const opts = o.options;
  const apiSpaceId = optText(opts.apiSpaceId, 'apiSpaceId');
  if (!apiSpaceId) fail('the option "apiSpaceId" is required');
  const sdkValue = opts.sdk;
  if (sdkValue !== undefined && sdkValue !== null && !isSdk(sdkValue)) fail('option "sdk" must have on(name, handler) and off(name) functions');
  const challenge = opts.authChallenge;
  if (challenge !== undefined && challenge !== null && typeof challenge !== 'function') fail('option "authChallenge" must be a function (nonce) => Promise<string>');
  const ws = opts.webSocket;
  if (ws !== undefined && ws !== null && typeof ws !== 'function') fail('option "webSocket" must be a WebSocket constructor');

  const url = optText(o.url, 'url');
  if (!url) fail('"url" is required (the REST base, e.g. https://api.comapi.com)');
  const socketUrl = optText(opts.socketUrl, 'socketUrl');
  const cfg: ComapiConfig = {
    apiSpaceId,
    restBase: base(url, TO_HTTP, '"url"'),
    socketBase: base(socketUrl ?? url, TO_WS, socketUrl ? 'option "socketUrl"' : '"url"'),
    echoMs: optInt(opts.echoMs, 'echoMs', 60_000, 1000),
    typingTtlMs: optInt(opts.typingTtlMs, 'typingTtlMs', 15_000, 1000),
    pageSize: optInt(opts.pageSize, 'pageSize', 50, 1),
  };
  const token = optText(o.token, 'token');
  if (token) cfg.token = token;
  const profileId = optText(opts.profileId, 'profileId') ?? optText(o.userId, 'userId');
  if (profileId) cfg.profileId = profileId;
  const conversation = optText(o.conversation, 'conversation');
  if (conversation) cfg.conversation = conversation;
  if (typeof challenge === 'function') cfg.authChallenge = challenge as AuthChallenge;
  if (isSdk(sdkValue)) cfg.sdk = sdkValue;
  if (typeof ws === 'function') cfg.webSocket = ws as WebSocketCtor;

  if (!cfg.token && !cfg.authChallenge) fail('give a session "token" or an "authChallenge" option (nonce) => Promise<JWT>');
  return cfg;
}
