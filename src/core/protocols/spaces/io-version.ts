/**
 * Which socket.io client talks to the Spaces socket server, and what a refusal between mismatched
 * versions looks like.
 *
 * Spaces documents its socket server as socket.io 2.0.4 (Engine.IO protocol 3). A socket.io 2
 * server and a socket.io-client 3/4 cannot talk; nor can a socket.io-client 2 and a socket.io 3/4
 * server that does not set `allowEIO3`. Each client is loaded lazily, in its own chunk, so a page
 * downloads only the one it uses (and a page on another backend neither).
 *
 * The two mismatches fail differently:
 * - a v3/v4 client at a v2 server: the server's CONNECT packet carries no `sid`, and
 *   socket.io-client says so ("…a Socket.IO server in v2.x with a v3.x client…");
 * - a v2 client at a v3/v4 server: the server refuses the WebSocket upgrade (HTTP 400), which a
 *   browser reports only as "websocket error", like a server that is down. So after such a
 *   failure two bare Engine.IO handshakes (no token, no namespace) ask the server directly: it
 *   refusing protocol 3 while opening protocol 4 is a v3/v4 server.
 */
import { ConnectError } from '../../protocol.js';
import type { SocketIoVersion } from './options.js';
import type { IoFactory } from './socket.js';

/** Load the socket.io client for a server of this major version (2: socket.io-client 2; 3, 4: socket.io-client 4). */
export async function loadIo(version: SocketIoVersion): Promise<IoFactory> {
  if (version === 2) {
    const mod = await import('socket.io-client-v2');
    return typeof mod.default === 'function' ? mod.default : mod.connect;
  }
  const mod = await import('socket.io-client');
  return mod.io;
}

/** socket.io-client 3/4's own words when the server runs socket.io 2. */
const V2_SERVER = /server in v2\.x with a v3\.x client/i;

/** Whether a connect error says a socket.io 3/4 client reached a socket.io 2 server. */
export function isV2ServerRefusal(text: string): boolean {
  return V2_SERVER.test(text);
}

/** The error for a socket.io 2 server reached with socket.io-client 3/4 (no retry can help). */
export function v2ServerError(configured: SocketIoVersion, pageIo: boolean): ConnectError {
  const client = pageIo ? 'the `io` handed in through the options is a socket.io-client 3 or 4' : `the option socketIoVersion is ${configured}, so socket.io-client 4 was used`;
  return new ConnectError('config-error',
    `spaces: socket.io version mismatch: the socket server runs socket.io 2 (as Avaya documents), but ${client}, which cannot talk to it; `
    + `set the option socketIoVersion: 2 (the default)${pageIo ? ' and leave out `io`, or hand in a socket.io-client 2 `io`' : ''}`);
}

/** The error for a socket.io 3/4 server (without `allowEIO3`) reached with socket.io-client 2. */
export function v4ServerError(): ConnectError {
  return new ConnectError('config-error',
    'spaces: socket.io version mismatch: the socket server runs socket.io 3 or 4 and refuses socket.io-client 2 '
    + '(the default, for the socket.io 2 server Avaya documents); set the option socketIoVersion: 4 (or 3)');
}

/** The Engine.IO WebSocket URL of a socket server (`…/chat` namespace URL in, no namespace or token out). */
function engineUrl(namespaceUrl: string, path: string, protocol: 3 | 4): string {
  const u = new URL(namespaceUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
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
