/**
 * The socket.io transport: one namespace connection, websocket only, never reconnecting by itself
 * (the core owns reconnects). socket.io-client 2 (for a socket.io 2 server) or 4 (for 3 and 4) is
 * loaded on first use, each in its own chunk, unless the request hands in a page's own `io`.
 *
 * `open` resolves on `connect`; a refusal before it rejects: `auth-failed` when the server's words
 * name the credentials, `config-error` when a socket.io-client 3/4 reached a socket.io 2 server,
 * else `network-error`. Every other event is a frame (its first argument as `data`).
 */
import { messageOf } from '../errors.js';
import { ConnectError, type DisconnectReason, type Scheduler } from '../connection-terms.js';
import type { SocketIoRequest, Transport, TransportEvents, TransportFactory } from './transport.js';

/** The part of a socket.io client socket (v2 or v4) used here. */
interface IoSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  disconnect(): unknown;
  off?(event?: string, listener?: (...args: unknown[]) => void): unknown;
  onAny?(listener: (event: string, ...args: unknown[]) => void): unknown;
}
type IoFactory = (url: string, options: Record<string, unknown>) => IoSocket;

/** socket.io's own events: not frames. */
const RESERVED = new Set(['connect', 'connect_error', 'connect_timeout', 'disconnect', 'error', 'reconnect', 'reconnect_attempt',
  'reconnecting', 'reconnect_error', 'reconnect_failed', 'ping', 'pong', 'newListener', 'removeListener']);
const AUTH_WORDS = /auth|token|jwt|unauthori[sz]ed|forbidden|\b40[13]\b/i;
/** socket.io-client 3/4's own words when the server runs socket.io 2. */
export const V2_SERVER_WORDS = /server in v2\.x with a v3\.x client/i;

/** Load the socket.io client for a server of this major version. */
async function loadIo(version: 2 | 3 | 4): Promise<IoFactory> {
  if (version === 2) {
    const mod = await import('socket.io-client-v2');
    return typeof mod.default === 'function' ? mod.default : mod.connect;
  }
  const mod = await import('socket.io-client');
  return mod.io;
}

/** A field of an object as text, or ''. */
function field(v: unknown, name: string): string {
  if (!v || typeof v !== 'object' || !(name in v)) return '';
  const x = (v as Record<string, unknown>)[name];
  return typeof x === 'string' || typeof x === 'number' ? String(x) : '';
}

/** Text of a socket.io error argument: an Error (with v4's `data`), a string, or a v2 middleware refusal's data object. */
export function ioErrorText(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err instanceof Error) {
    const data = (err as Error & { data?: unknown }).data;
    const extra = typeof data === 'string' ? data : field(data, 'message');
    return extra && extra !== err.message ? `${err.message} (${extra})` : err.message;
  }
  return [field(err, 'message'), field(err, 'code'), field(err, 'type')].filter(Boolean).join(', ') || 'connection failed';
}

/** What a refusal before `connect` means. */
function refusal(text: string): ConnectError {
  if (V2_SERVER_WORDS.test(text)) return new ConnectError('config-error', `socket.io version mismatch: ${text}`);
  return new ConnectError(AUTH_WORDS.test(text) ? 'auth-failed' : 'network-error', `the socket could not connect: ${text}`);
}

/** socket.io's disconnect reasons → ours. */
export function ioReason(reason: unknown): DisconnectReason {
  if (reason === 'io server disconnect') return 'server-closed';
  if (reason === 'io client disconnect') return 'client-closed';
  if (reason === 'ping timeout') return 'stale';
  return 'network-error';
}

/** The socket.io transport factory (a request of another kind is a programming error). */
export const socketIoTransport: TransportFactory = (request, events, scheduler) => {
  if (request.kind !== 'socket.io') throw new Error(`the socket.io transport cannot open a ${request.kind} request`);
  return openSocketIo(request, events, scheduler);
};

/** Open a socket.io transport. */
function openSocketIo(request: SocketIoRequest, events: TransportEvents, scheduler: Scheduler): Transport {
  let socket: IoSocket | undefined;
  let connected = false;
  let done = false;
  let rejectOpen: ((err: ConnectError) => void) | undefined;
  const timers = new Set<number>();

  function finish(): void {
    if (done) return;
    done = true;
    connected = false;
    rejectOpen = undefined;
    for (const t of timers) scheduler.clearTimeout(t);
    timers.clear();
    const s = socket;
    socket = undefined;
    try {
      s?.off?.();
      s?.disconnect();
    } catch {
      // a page-provided io may throw on a socket that never connected: nothing left to close
    }
  }

  function listen(s: IoSocket, resolve: () => void, reject: (err: ConnectError) => void): void {
    const live = (fn: (...args: unknown[]) => void) => (...args: unknown[]) => { if (socket === s && !done) fn(...args); };
    s.on('connect', live(() => {
      connected = true;
      rejectOpen = undefined;
      resolve();
    }));
    const refused = live((err: unknown) => {
      if (connected) return; // v2 reports late errors here too; a drop arrives as `disconnect`
      finish();
      reject(refusal(ioErrorText(err)));
    });
    s.on('connect_error', refused);
    s.on('error', refused); // socket.io 2: a namespace middleware refusal arrives as `error`
    s.on('connect_timeout', live(() => refused('connect timeout')));
    s.on('disconnect', live((reason: unknown) => {
      const wasConnected = connected;
      finish();
      const text = typeof reason === 'string' ? reason : 'disconnected';
      if (wasConnected) events.ended(ioReason(reason), `the socket closed (${text})`);
      else reject(new ConnectError(ioReason(reason) === 'server-closed' ? 'server-closed' : 'network-error', `the socket closed while connecting (${text})`));
    }));
    const frame = (event: string, data: unknown): void => { if (!RESERVED.has(event)) events.frame({ event, data }); };
    if (request.events) for (const event of request.events) s.on(event, live((data: unknown) => frame(event, data)));
    else if (s.onAny) s.onAny(live((event, data) => frame(event as string, data)));
  }

  function close(): void {
    if (done) return;
    const reject = rejectOpen;
    finish();
    reject?.(new ConnectError('client-closed', 'closed while connecting'));
  }

  return {
    async open(signal) {
      if (done || signal.aborted) throw new ConnectError('client-closed', 'connect aborted');
      let io: IoFactory;
      try {
        io = (request.io as IoFactory | undefined) ?? await loadIo(request.version);
      } catch (err) {
        throw new ConnectError('network-error', `the socket.io client failed to load: ${messageOf(err)}`);
      }
      if (done || signal.aborted) throw new ConnectError('client-closed', 'connect aborted');
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => close();
        signal.addEventListener('abort', onAbort, { once: true });
        const settle = <T>(fn: (v: T) => void) => (v: T) => { signal.removeEventListener('abort', onAbort); fn(v); };
        const ok = settle<void>(resolve);
        const fail = settle<ConnectError>(reject);
        rejectOpen = fail;
        try {
          socket = io(request.url, {
            path: request.path, query: request.query ?? {}, transports: ['websocket'], upgrade: false, reconnection: false,
            forceNew: true, multiplex: false, timeout: request.timeoutMs,
          });
        } catch (err) {
          finish();
          fail(new ConnectError('config-error', `the socket could not be created: ${messageOf(err)}`));
          return;
        }
        listen(socket, ok, fail);
      });
    },
    send(event, ...args) {
      if (done || !connected || !socket) return false;
      socket.emit(event, ...args);
      return true;
    },
    request(event, args, timeoutMs) {
      return new Promise((resolve, reject) => {
        if (done || !socket) { reject(new ConnectError('client-closed', `"${event}" not sent: the socket is closed`)); return; }
        const timer = scheduler.setTimeout(() => {
          timers.delete(timer);
          reject(new ConnectError('network-error', `no acknowledgement of "${event}" in time`));
        }, timeoutMs);
        timers.add(timer);
        socket.emit(event, ...args, (reply: unknown) => {
          scheduler.clearTimeout(timer);
          timers.delete(timer);
          resolve(reply);
        });
      });
    },
    close,
  };
}
