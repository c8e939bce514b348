/**
 * The IMKIT protocol, declared: one Socket.IO 4 connection (`conf` + `auth2`, each acknowledged,
 * on every connect) for live events, and the client REST API for state, history and commands.
 * Options: see `options.ts`; who I am and the device id: `identity.ts`.
 *
 * The core owns reconnects: the socket never reconnects by itself; a later connect opens a fresh
 * one and sends `conf` and `auth2` again. A refused `auth2` is `auth-failed`: no retries.
 */
import type { ChatEvent } from '../../events.js';
import { ConnectError } from '../../connection-terms.js';
import type { ProtocolDeclaration } from '../../runtime/declaration.js';
import { defineProtocol } from '../../runtime/define.js';
import { socketIoTransport } from '../../transport/socket-io.js';
import type { Transport } from '../../transport/transport.js';
import { isRecord } from '../../wire.js';
import { acceptInvitation, imkitCommands } from './commands.js';
import { againstView, decodeEvent } from './codec.js';
import { contextOf, unwrapPayload } from './decode-shared.js';
import { identify, type ImkitRun, type ImkitState } from './identity.js';
import { OPTIONS } from './option-specs.js';
import { readConfig, type ImkitConfig } from './options.js';
import { imkitApi } from './rest.js';
import { catchUp } from './sync-catch-up.js';
import { initialSync } from './sync.js';
import type { AttachmentRules } from '../../uploads.js';

/**
 * What IMKIT takes: one file a message (an `image` or `file` message names one upload); any
 * type. No size limit is published; 10 MB is assumed, the less convenient reading.
 */
export const ATTACHMENTS: AttachmentRules = { maxBytes: 10 * 1024 * 1024, maxFiles: 1 };

/** The outcome of an `auth2` acknowledgement. */
export type AuthVerdict = 'ok' | 'refused' | 'no-ack';

/**
 * Read an `auth2` ack (already base64-decoded): `{RC: 0}` or any object without `RC` is ok;
 * `RC` 401/403 or `false` is a refusal; nothing, `"NO ACK"` or another `RC` is worth a retry.
 */
export function authVerdict(ack: unknown): AuthVerdict {
  if (ack === undefined || ack === null || ack === 'NO ACK') return 'no-ack';
  if (ack === false) return 'refused';
  if (isRecord(ack) && 'RC' in ack) {
    const rc = Number(ack.RC);
    if (rc === 0) return 'ok';
    return rc === 401 || rc === 403 ? 'refused' : 'no-ack';
  }
  return 'ok';
}

/** After the socket connected: the optional `conf {encoding:"base64"}`, then `auth2(token, extra)`. */
async function handshake(run: ImkitRun, transport: Transport): Promise<void> {
  const { base64, token, clientKey, ackTimeoutMs } = run.config;
  if (base64) await transport.request('conf', [{ encoding: 'base64' }], ackTimeoutMs);
  const extra = { 'IM-CLIENT-KEY': clientKey, 'IM-Authorization': token, deviceId: run.state.deviceId };
  const raw = await transport.request('auth2', [token, extra], ackTimeoutMs);
  let ack: unknown;
  try {
    ack = unwrapPayload(raw, base64, 'auth2 ack');
  } catch {
    ack = undefined;
  }
  const verdict = authVerdict(ack);
  if (verdict === 'refused') throw new ConnectError('auth-failed', 'imkit: auth2 refused the client token');
  if (verdict === 'no-ack') throw new ConnectError('network-error', 'imkit: auth2 got no usable acknowledgement');
}

/** One socket event's events; with `autoAcceptInvitations` an invitation is accepted at once. */
function decodeFrame(event: string, data: unknown, run: ImkitRun): ChatEvent[] {
  const events = againstView(decodeEvent(event, data, contextOf(run), run.config.base64), run.view);
  if (!run.config.autoAcceptInvitations) return events;
  for (const e of events) {
    if (e.type !== 'invitation' || e.cancelled) continue;
    const roomId = e.invitation.conversationId;
    run.background(`accepting the invitation to ${roomId}`, (signal) => acceptInvitation(roomId, run, signal));
  }
  return events;
}

/** IMKIT, declared (the registry's `imkit`). */
export const declaration = {
  name: 'imkit',
  options: OPTIONS,
  readConfig,
  state: (config, services): ImkitState => ({
    api: imkitApi(services.fetch, config.baseUrl, config.clientKey, config.token, services.upload),
    selfId: config.userId,
    deviceId: undefined,
  }),
  secrets: (config) => [config.token, config.clientKey],
  transport: socketIoTransport,
  commands: () => imkitCommands,
  attachments: () => ATTACHMENTS,
  identify,
  connectRequest: ({ config }) => ({ kind: 'socket.io', url: config.socketUrl, path: config.socketPath, version: 4, timeoutMs: config.ackTimeoutMs }),
  handshake,
  // IMKIT closes the socket when auth2 fails: a server-side close before it answered is that refusal.
  endedWhileConnecting: (reason) => (reason === 'server-closed' ? new ConnectError('auth-failed', 'imkit: the server closed the socket during auth2') : undefined),
  decode: (frame, run) => decodeFrame(frame.event, frame.data, run),
  initialSync,
  catchUp,
} satisfies ProtocolDeclaration<ImkitConfig, ImkitState>;

export const { createAdapter } = defineProtocol(declaration);
