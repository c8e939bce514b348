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
 * | `authChallenge` | `(nonce) => Promise<jwt> \| jwt`, or the SDK's `(options: {nonce}, answer: (jwt) => void) => void` | mints the JWT for the session challenge |
 * | `sdk` | a Comapi Foundation SDK (`@comapi/sdk-js-foundation`) | the page's running SDK: its one session, its socket (enabled if it was not) and its REST services are used; `token` and `authChallenge` are then not needed |
 * | `profileId` | string | my profile id (else `userId`, else the session's `profileId`) |
 * | `echoMs` | number | keepalive `echo` interval, default 60000 |
 * | `typingTtlMs` | number | how long a typing notice lasts without a refresh, default 15000 |
 * | `pageSize` | number | messages per history page and events per backfill page, default 50 |
 * | `webSocket` | WebSocket constructor | another WebSocket implementation (tests, Node) |
 */
import { ConnectError, type ConnectOptions } from '../../protocol.js';
import type { AuthChallenge } from './challenge.js';

/**
 * The App Messaging service of a Foundation SDK, as @comapi/sdk-js-foundation 1.3.0 declares it
 * (`IAppMessaging` in its interfaces.d.ts, plus `enableSocket` of its AppMessaging class).
 * Answers are raw JSON, decoded by the caller.
 */
export interface SdkAppMessaging {
  /** Turns the SDK's socket on (1.3.0 opens none unless asked); resolves whether it is open. */
  enableSocket?(): Promise<unknown>;
  getConversations(scope?: number, profileId?: string): Promise<unknown>;
  getConversation(conversationId: string): Promise<unknown>;
  getConversationEvents(conversationId: string, from: number, limit: number): Promise<unknown>;
  getMessages(conversationId: string, pageSize: number, continuationToken?: number): Promise<unknown>;
  sendMessageToConversation(conversationId: string, message: unknown): Promise<unknown>;
  sendMessageStatusUpdates(conversationId: string, statuses: unknown): Promise<unknown>;
  sendIsTyping(conversationId: string): Promise<unknown>;
  sendIsTypingOff(conversationId: string): Promise<unknown>;
}

/** What the widget needs of a page's Comapi Foundation SDK (`COMAPI.Foundation.initialise(config)`). */
export interface ComapiSdk {
  /** Subscribe to an SDK event (the seed's event names, and `WebsocketOpened` / `WebsocketClosed`). */
  on(name: string, handler: (data: unknown) => void): void;
  /** Remove one handler (or, without one, every handler of that name). */
  off(name: string, handler?: (data: unknown) => void): void;
  /** The SDK's one session: the cached one, or a new one through the page's challenge. */
  startSession(): Promise<unknown>;
  /** The SDK's current session (`profileId`), when there is one. */
  readonly session?: unknown;
  readonly services: { readonly appMessaging: SdkAppMessaging };
}

export type { AuthChallenge };

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

const SDK_METHODS = ['on', 'off', 'startSession'] as const;
const APP_MESSAGING_METHODS = [
  'getConversations', 'getConversation', 'getConversationEvents', 'getMessages', 'sendMessageToConversation',
  'sendMessageStatusUpdates', 'sendIsTyping', 'sendIsTypingOff',
] as const;

const fnAt = (o: unknown, key: string): boolean => typeof o === 'object' && o !== null && typeof (o as Record<string, unknown>)[key] === 'function';

/**
 * What a would-be SDK object lacks of `ComapiSdk` (empty when it is one). `services.appMessaging`
 * is not read here: in the 1.3.0 SDK that getter enables the socket, which would start a session
 * (and a challenge) of its own beside the widget's `startSession()`; `appMessagingGaps` checks it
 * once the session exists.
 */
export function sdkGaps(v: unknown): string[] {
  const services: unknown = typeof v === 'object' && v !== null ? (v as { services?: unknown }).services : undefined;
  return [...SDK_METHODS.filter((m) => !fnAt(v, m)), ...(typeof services === 'object' && services !== null ? [] : ['services'])];
}

/** What an SDK's `services.appMessaging` lacks of `SdkAppMessaging`. */
export function appMessagingGaps(am: unknown): string[] {
  return APP_MESSAGING_METHODS.filter((m) => !fnAt(am, m)).map((m) => `services.appMessaging.${m}`);
}

/** True for an object with what the widget uses of a Foundation SDK (its App Messaging service is checked on connect). */
export function isSdk(v: unknown): v is ComapiSdk {
  return sdkGaps(v).length === 0;
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
  if (sdkValue !== undefined && sdkValue !== null && !isSdk(sdkValue)) fail(`option "sdk" must be a Comapi Foundation SDK; it lacks ${sdkGaps(sdkValue).join(', ')}`);
  const challenge = opts.authChallenge;
  if (challenge !== undefined && challenge !== null && typeof challenge !== 'function') fail('option "authChallenge" must be a function: (nonce) => Promise<jwt>, or the SDK\'s (options, answer) => void');
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

  if (!cfg.sdk && !cfg.token && !cfg.authChallenge) fail('give a session "token", an "authChallenge" option, or the page\'s Comapi SDK as "sdk"');
  return cfg;
}
