/**
 * The IMKIT options, read and checked once. Bad options are a `config-error`.
 *
 * Page-level options (`ConnectOptions`): `url` (the app's chat server, e.g.
 * `https://your-app.imkit.io`), `token` (the client token, `IM-Authorization`), `userId` (the
 * client id; fetched from `GET /me` when absent), `conversation` (the room to open). The
 * protocol options (`options`) are listed in `OPTIONS` (option-specs.ts).
 */
import type { ConnectOptions } from '../../protocol.js';
import { httpBaseUrl, optionBoolean, optionError, optionNumber, optionText } from '../../runtime/option-values.js';

/** Check and normalize the options. Throws ConnectError('config-error'). */
export function readConfig(o: ConnectOptions) {
  const baseUrl = httpBaseUrl(o.url, '"url"');
  const token = optionText(o.token, 'token');
  if (!token) optionError('"token" (the client token, IM-Authorization) is required');
  const clientKey = optionText(o.options.clientKey, 'clientKey');
  if (!clientKey) optionError('the option "clientKey" (IM-CLIENT-KEY) is required');
  const socketOpt = optionText(o.options.socketUrl, 'socketUrl');
  const socketPath = optionText(o.options.socketPath, 'socketPath') ?? '/socket.io';
  if (!socketPath.startsWith('/')) optionError('option "socketPath" must start with "/"');
  return {
    /** `url` as given (storage keys use it). */
    url: o.url,
    /** http(s) base for REST, without a trailing slash. */
    baseUrl,
    /** http(s) origin (plus any path) of the Socket.IO server. */
    socketUrl: socketOpt ? httpBaseUrl(socketOpt, 'option "socketUrl"') : baseUrl,
    socketPath,
    token,
    clientKey,
    userId: optionText(o.userId, 'userId') ?? optionText(o.options.clientId, 'clientId'),
    conversation: optionText(o.conversation, 'conversation'),
    deviceId: optionText(o.options.deviceId, 'deviceId'),
    base64: optionBoolean(o.options.base64, 'base64'),
    pageSize: Math.round(optionNumber(o.options.pageSize, 'pageSize', 30, 1, 500)),
    typingTtlMs: optionNumber(o.options.typingTtlMs, 'typingTtlMs', 6000, 500, 120_000),
    ackTimeoutMs: optionNumber(o.options.ackTimeoutMs, 'ackTimeoutMs', 10_000, 100, 120_000),
    autoAcceptInvitations: optionBoolean(o.options.autoAcceptInvitations, 'autoAcceptInvitations'),
  };
}

/** The checked configuration. */
export type ImkitConfig = Readonly<ReturnType<typeof readConfig>>;
