/**
 * The socket.io servers under the Spaces emulation, both on the http server of the REST API:
 *
 * - socket.io **2** at the default path `/socket.io`: what Avaya documents ("Avaya Spaces uses
 *   version 2.0.4 of Socket.IO", https://spaces.avayacloud.com/developers/docs/guides/socketio/).
 *   It speaks Engine.IO 3 only, so socket.io-client 3/4 cannot talk to it, as with the real one.
 * - socket.io **4** at `/socket.io-v4`, without `allowEIO3`: not part of Spaces, a twin for
 *   clients configured with `socketIoVersion: 4` (and to show that socket.io-client 2 is refused
 *   by such a server). It runs the same protocol logic over the same store.
 *
 * Both: websocket transport only (the guide: "Must set websocket only in transports explicitly"),
 * namespace `/chat`, the token checked by a namespace middleware before `connect`. A refused
 * token gets socket.io's middleware error with `{message, code: 'invalid_token', type:
 * 'UnauthorizedError'}` (unconfirmed: Avaya does not document the refusal; this is what the
 * common socketio-jwt middleware sends for a query-string token).
 */
import type { Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { Server as SocketIoV4, type Socket as SocketV4 } from 'socket.io';
import type SocketIoV2 from 'socket.io-v2';
import type { Session, SessionHost } from './realtime.js';
import type { User } from './store.js';

/** The path of the socket.io 4 twin. */
export const V4_PATH = '/socket.io-v4';

const require = createRequire(import.meta.url);
const createV2 = require('socket.io-v2') as typeof SocketIoV2;

/** The events the emulation answers; any other event a client emits is ignored. */
const CLIENT_EVENTS = ['SUBSCRIBE_CHANNEL', 'SEND_MESSAGE'] as const;

/** A socket.io middleware refusal for a refused token. */
function unauthorized(reason: string): Error & { data: Record<string, string> } {
  return Object.assign(new Error(reason), { data: { message: reason, code: 'invalid_token', type: 'UnauthorizedError' } });
}

/** A query value as one string (socket.io 4 may give arrays for repeated keys). */
function queryValue(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** Both servers attached; `close()` ends every connection and the http server. */
export interface SocketServers {
  close(): Promise<void>;
}

export function attachSocketServers(http: HttpServer, host: SessionHost): SocketServers {
  const allowRequest = (_req: unknown, fn: (err: null, ok: boolean) => void): void => fn(null, !host.refusing());

  const v2 = createV2(http, { serveClient: false, transports: ['websocket'], destroyUpgrade: false, allowRequest });
  const users2 = new WeakMap<SocketIoV2.Socket, User>();
  const chat2 = v2.of('/chat');
  chat2.use((socket, next) => {
    const result = host.authenticate(socket.handshake.query.tokenType, socket.handshake.query.token);
    if ('refusal' in result) {
      next(unauthorized(result.refusal));
      return;
    }
    users2.set(socket, result.user);
    next();
  });
  chat2.on('connection', (socket) => {
    const session = host.opened({
      id: socket.id, user: users2.get(socket)!,
      isOpen: () => socket.connected, emit: (event, payload) => { socket.emit(event, payload); }, disconnect: () => { socket.disconnect(true); },
    });
    for (const event of CLIENT_EVENTS) socket.on(event, (payload: unknown) => host.received(session, event, payload));
    socket.on('disconnect', () => host.closed(session));
  });

  const v4 = new SocketIoV4(http, { path: V4_PATH, serveClient: false, transports: ['websocket'], destroyUpgrade: false, allowRequest });
  const chat4 = v4.of('/chat');
  chat4.use((socket, next) => {
    const result = host.authenticate(queryValue(socket.handshake.query.tokenType), queryValue(socket.handshake.query.token));
    if ('refusal' in result) {
      next(unauthorized(result.refusal));
      return;
    }
    socket.data.user = result.user;
    next();
  });
  chat4.on('connection', (socket: SocketV4) => {
    const session: Session = host.opened({
      id: socket.id, user: socket.data.user as User,
      isOpen: () => socket.connected, emit: (event, payload) => { socket.emit(event, payload); }, disconnect: () => { socket.disconnect(true); },
    });
    for (const event of CLIENT_EVENTS) socket.on(event, (payload: unknown) => host.received(session, event, payload));
    socket.on('disconnect', () => host.closed(session));
  });

  return {
    close: async () => {
      v4.disconnectSockets(true);
      v4.engine.close();
      await new Promise<void>((resolve) => { v2.close(() => resolve()); }); // closes the http server too
    },
  };
}
