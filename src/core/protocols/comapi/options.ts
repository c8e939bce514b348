/**
 * The Comapi adapter's options, read and checked once (`OPTIONS` in option-specs.ts documents each). Bad options are
 * a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (REST base, e.g. `https://api.comapi.com`),
 * `token` (a ready-made session token), `userId` (my profile id), `conversation`.
 */
import type { ConnectOptions } from '../../protocol.js';
import { httpBaseUrl, optionError, optionFunction, optionText, optionWhole } from '../../runtime/option-values.js';
import { assignDefined } from '../../wire.js';
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
  createConversation(details: unknown): Promise<unknown>;
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

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions): ComapiConfig {
  const opts = o.options;
  const apiSpaceId = optionText(opts.apiSpaceId, 'apiSpaceId');
  if (!apiSpaceId) optionError('the option "apiSpaceId" is required');
  const sdk = opts.sdk === undefined || opts.sdk === null ? undefined : opts.sdk as ComapiSdk;
  if (sdk !== undefined && sdkGaps(sdk).length) optionError(`option "sdk" must be a Comapi Foundation SDK; it lacks ${sdkGaps(sdk).join(', ')}`);
  const authChallenge = optionFunction<AuthChallenge>(opts.authChallenge, 'authChallenge', 'a function: (nonce) => Promise<jwt>, or the SDK\'s (options, answer) => void');
  const webSocket = optionFunction<WebSocketCtor>(opts.webSocket, 'webSocket', 'a WebSocket constructor');

  const url = optionText(o.url, 'url');
  if (!url) optionError('"url" is required (the REST base, e.g. https://api.comapi.com)');
  const socketUrl = optionText(opts.socketUrl, 'socketUrl');
  const cfg: ComapiConfig = {
    apiSpaceId,
    restBase: httpBaseUrl(url, '"url"'), // ws(s) is taken as http(s); no query, hash or trailing slash
    socketBase: httpBaseUrl(socketUrl ?? url, socketUrl ? 'option "socketUrl"' : '"url"').replace(/^http/, 'ws'),
    echoMs: optionWhole(opts.echoMs, 'echoMs', 60_000, 1000),
    typingTtlMs: optionWhole(opts.typingTtlMs, 'typingTtlMs', 15_000, 1000),
    pageSize: optionWhole(opts.pageSize, 'pageSize', 50, 1),
  };
  assignDefined(cfg, {
    token: optionText(o.token, 'token'),
    profileId: optionText(opts.profileId, 'profileId') ?? optionText(o.userId, 'userId'),
    conversation: optionText(o.conversation, 'conversation'),
    authChallenge,
    sdk,
    webSocket,
  });
  if (!cfg.sdk && !cfg.token && !cfg.authChallenge) optionError('give a session "token", an "authChallenge" option, or the page\'s Comapi SDK as "sdk"');
  return cfg;
}
