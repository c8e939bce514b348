/**
 * The plain WebSocket transport: text frames in, text out, no subscribe step. It never
 * reconnects by itself and arms no timer (the core owns reconnects and the connect deadline); it
 * reports its end once, with a reason; after `close()` no callback runs, and a socket still
 * connecting is closed as soon as it opens.
 *
 * A browser never learns why an upgrade was refused (a 401 looks like any failure), so a failure
 * before `open` is a `network-error` unless its close code is one the request names as a refusal.
 */
import type { SocketClose } from '../network.js';
import { ConnectError, type DisconnectReason } from '../connection-terms.js';
import type { Transport, TransportEvents, TransportFactory, WebSocketRequest } from './transport.js';

const CONNECTING = 0;

/** The reason a close event means. */
function closeReason(event: SocketClose, authCodes: readonly number[]): DisconnectReason {
  if (authCodes.includes(event.code)) return 'auth-failed';
  return event.wasClean || event.code === 1000 || event.code === 1001 ? 'server-closed' : 'network-error';
}

/** The WebSocket transport factory (a request of another kind is a programming error). */
export const webSocketTransport: TransportFactory = (request, events) => {
  if (request.kind !== 'websocket') throw new Error(`the WebSocket transport cannot open a ${request.kind} request`);
  return openWebSocket(request, events);
};

/** Open a WebSocket transport. */
function openWebSocket(request: WebSocketRequest, events: TransportEvents): Transport {
  let ws: WebSocket | undefined;
  let done = false;
  let opened = false;
  let rejectOpen: ((err: ConnectError) => void) | undefined;

  function teardown(): void {
    done = true;
    rejectOpen = undefined;
    const socket = ws;
    ws = undefined;
    if (!socket) return;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = () => undefined; // Node's `ws` throws on an unheard error event
    socket.onopen = socket.readyState === CONNECTING ? () => socket.close(1000) : null;
    try {
      socket.close(1000);
    } catch {
      // Closing fails only on a socket that is already gone: nothing is left to release.
    }
  }

  function attach(socket: WebSocket, resolve: () => void, reject: (err: ConnectError) => void, signal: AbortSignal): void {
    const onAbort = (): void => close();
    signal.addEventListener('abort', onAbort, { once: true });
    const settled = (): void => signal.removeEventListener('abort', onAbort);
    socket.onopen = () => {
      if (done) return;
      opened = true;
      rejectOpen = undefined;
      settled();
      resolve();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (done) return;
      const data: unknown = event.data;
      if (typeof data === 'string') events.frame({ event: 'message', data });
      else events.unreadable('frame: not a text frame', '[binary frame]');
    };
    socket.onerror = () => undefined; // a close event follows and carries the outcome
    socket.onclose = (event: SocketClose) => {
      if (done) return;
      const code = event.code ? ` (code ${event.code})` : '';
      const reason = closeReason(event, request.authCloseCodes ?? []);
      const wasOpen = opened;
      teardown();
      settled();
      if (wasOpen) events.ended(reason, `the socket ${reason === 'network-error' ? 'was lost' : 'was closed'}${code}`);
      else reject(new ConnectError(reason === 'auth-failed' ? reason : 'network-error', `the socket could not connect${code}`));
    };
  }

  function close(): void {
    if (done) return;
    const reject = rejectOpen;
    teardown();
    reject?.(new ConnectError('client-closed', 'closed while connecting'));
  }

  return {
    open(signal) {
      return new Promise<void>((resolve, reject) => {
        if (done || signal.aborted) {
          reject(new ConnectError('client-closed', 'connect aborted'));
          return;
        }
        const Impl = request.WebSocket ?? (globalThis as { WebSocket?: new (url: string) => WebSocket }).WebSocket;
        if (!Impl) {
          reject(new ConnectError('config-error', 'no WebSocket here; pass the option "WebSocket"'));
          return;
        }
        try {
          ws = new Impl(request.url);
        } catch (err) {
          done = true;
          const syntax = typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'SyntaxError';
          reject(new ConnectError(syntax ? 'config-error' : 'network-error', 'the socket could not be created'));
          return;
        }
        rejectOpen = reject;
        attach(ws, resolve, reject, signal);
      });
    },
    send(_event, text) {
      if (done || !opened || !ws) return false;
      ws.send(typeof text === 'string' ? text : JSON.stringify(text));
      return true;
    },
    request() {
      return Promise.reject(new Error('a WebSocket has no acknowledgements'));
    },
    close,
  };
}
