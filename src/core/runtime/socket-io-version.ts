/**
 * A socket.io version mismatch told apart from a server that is down, for a protocol whose
 * socket server may run socket.io 2 or 3/4 (an option says which client to load).
 *
 * A socket.io 2 server and a socket.io-client 3/4 cannot talk; nor can a socket.io-client 2 and a
 * socket.io 3/4 server that does not set `allowEIO3`. The two mismatches fail differently:
 * - a v3/v4 client at a v2 server: the server's CONNECT packet carries no `sid`, and
 *   socket.io-client says so ("…a Socket.IO server in v2.x with a v3.x client…"), which the
 *   core transport reads as a `config-error`;
 * - a v2 client at a v3/v4 server: the server refuses the WebSocket upgrade (HTTP 400), which a
 *   browser reports only as "websocket error", like a server that is down. So after such a
 *   failure two bare Engine.IO handshakes (no token, no namespace) ask the server directly: it
 *   refusing protocol 3 while opening protocol 4 is a v3/v4 server.
 */
import { ConnectError } from '../connection-terms.js';
import { socketIoTransport, V2_SERVER_WORDS } from '../transport/socket-io.js';
import type { SocketIoRequest, TransportFactory } from '../transport/transport.js';

/** What a protocol says of each mismatch (naming its own option). */
export interface VersionMismatchWords {
  /** A socket.io-client 3/4 (the core's, or the page's `io`) reached a socket.io 2 server. */
  v2Server(request: SocketIoRequest): ConnectError;
  /** The core's socket.io-client 2 was refused by a socket.io 3/4 server. */
  v4Server(request: SocketIoRequest): ConnectError;
}

/** The Engine.IO WebSocket URL of a socket server (a namespace URL in, no namespace or token out). */
function engineUrl(namespaceUrl: string, path: string, protocol: 3 | 4): string {
  const u = new URL(namespaceUrl);
  u.protocol = u.protocol === 'https:' || u.protocol === 'wss:' ? 'wss:' : 'ws:';
  u.pathname = `${path.replace(/\/+$/, '')}/`;
  u.search = `?EIO=${protocol}&transport=websocket`;
  u.hash = '';
  return u.href;
}

/** Whether the server opens a bare Engine.IO session of this protocol revision (its `0{…}` open packet). */
function opensEngineIo(url: string, signal: AbortSignal): Promise<boolean> {
  const Ws = globalThis.WebSocket as typeof WebSocket | undefined;
  if (!Ws || signal.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    let ws: WebSocket;
    try {
      ws = new Ws(url);
    } catch {
      resolve(false);
      return;
    }
    const done = (opened: boolean): void => {
      signal.removeEventListener('abort', onAbort);
      ws.onmessage = ws.onerror = ws.onclose = null;
      try { ws.close(); } catch { /* already closed */ }
      resolve(opened);
    };
    const onAbort = (): void => done(false);
    signal.addEventListener('abort', onAbort, { once: true });
    ws.onmessage = (e: MessageEvent) => done(typeof e.data === 'string' && e.data.startsWith('0{'));
    ws.onerror = () => done(false);
    ws.onclose = () => done(false);
  });
}

/**
 * After socket.io-client 2 failed to connect: does the server open Engine.IO 4 and then refuse
 * Engine.IO 3 (a socket.io 3/4 server without `allowEIO3`)? The handshakes run one after the
 * other, Engine.IO 4 first: a server that is down or refusing everyone refuses that one, and one
 * that stops refusing in between then opens Engine.IO 3 too (a socket.io 2 server opens both:
 * engine.io 3 does not read the revision). Run at once, a refusal that ended between the two read
 * as a mismatch (seen in the full suite). No timer: the connect's abort signal (the core's
 * deadline) ends a probe that hangs.
 */
export async function refusesV2Client(namespaceUrl: string, path: string, signal: AbortSignal): Promise<boolean> {
  if (!(await opensEngineIo(engineUrl(namespaceUrl, path, 4), signal))) return false;
  const v3 = await opensEngineIo(engineUrl(namespaceUrl, path, 3), signal);
  return !v3 && !signal.aborted;
}

/** What a refused open means: a version mismatch in the protocol's words, else the transport's own error. */
async function explained(err: unknown, request: SocketIoRequest, words: VersionMismatchWords, signal: AbortSignal): Promise<unknown> {
  if (!(err instanceof ConnectError)) return err;
  if (err.reason === 'config-error' && V2_SERVER_WORDS.test(err.message)) return words.v2Server(request);
  // socket.io-client 2 sees a socket.io 3/4 server's refusal as a bare "websocket error": ask the server.
  if (err.reason !== 'network-error' || request.io !== undefined || request.version !== 2) return err;
  return await refusesV2Client(request.url, request.path, signal) ? words.v4Server(request) : err;
}

/** The core socket.io transport, with a refused open read for a version mismatch (`words`). */
export function versionAwareSocketIo(words: VersionMismatchWords): TransportFactory {
  return (request, events, scheduler) => {
    const transport = socketIoTransport(request, events, scheduler);
    return {
      ...transport,
      async open(signal) {
        try {
          await transport.open(signal);
        } catch (err) {
          throw await explained(err, request as SocketIoRequest, words, signal);
        }
      },
    };
  };
}
