/**
 * The `/api/v1/events` WebSocket, tamed for Parley: it never reconnects by itself (the core owns
 * reconnects), it arms no timer, it reports its end once with a reason, and
 * after `close()` no callback runs. The server streams events as soon as the upgrade succeeds; the
 * client sends nothing [V1 doc/events.md].
 *
 * A browser never learns why an upgrade was refused (a 401 looks like any failure), so a failure
 * before `open` is a `network-error`; the adapter's session check before each connect is what turns
 * a lost session into `auth-failed`. The socket sets no deadline of its own: the core aborts a
 * connect that takes too long, and `close()` ends a pending `open()` at once.
 */
import type { DisconnectReason } from '../../protocol.js';
import { ConnectError } from '../../protocol.js';
import type { WebSocketClass } from './options.js';
import type { SocketClose } from '../../network.js';

const CONNECTING = 0;

/** What the socket tells its owner. */
export interface SocketCallbacks {
  /** A text frame. */
  frame(text: string): void;
  /** A frame that is not text (Virola sends JSON text only); dropped. */
  badFrame(detail: string): void;
  /** The open socket ended. At most once; never after `close()`. */
  ended(reason: DisconnectReason, detail: string): void;
}

/** Options of an event socket. */
export interface EventSocketOptions {
  /** ws(s) URL (the browser adds the session cookie); never printed. */
  url: string;
  WebSocket: WebSocketClass;
  callbacks: SocketCallbacks;
}

/** One event-stream connection. */
export class EventSocket {
  private ws?: WebSocket;
  private done = false;
  private pending?: (err: ConnectError) => void;

  constructor(private readonly opts: EventSocketOptions) {}

  /** Open the socket; resolves once it is open, rejects with a ConnectError otherwise. */
  open(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const { callbacks } = this.opts;
      let opened = false;
      let ws: WebSocket;
      try {
        ws = new this.opts.WebSocket(this.opts.url);
      } catch (err) {
        this.done = true;
        const syntax = typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'SyntaxError';
        reject(new ConnectError(syntax ? 'config-error' : 'network-error', 'virola: the event socket could not be created'));
        return;
      }
      this.ws = ws;
      this.pending = reject;
      const fail = (reason: DisconnectReason, detail: string): void => {
        if (this.done) return;
        this.teardown();
        if (opened) callbacks.ended(reason, detail);
        else reject(new ConnectError(reason, `virola: ${detail}`));
      };
      ws.onopen = () => {
        if (this.done) return;
        opened = true;
        this.pending = undefined;
        resolve();
      };
      ws.onmessage = (event: MessageEvent) => {
        if (this.done) return;
        const data: unknown = event.data;
        if (typeof data === 'string') callbacks.frame(data);
        else callbacks.badFrame('a binary frame');
      };
      ws.onerror = () => undefined; // a close event follows and carries the outcome
      ws.onclose = (event: SocketClose) => {
        const code = event.code ? ` (code ${event.code})` : '';
        if (!opened) fail('network-error', `the event socket could not connect${code}`);
        else if (event.wasClean || event.code === 1000 || event.code === 1001) fail('server-closed', `the server closed the event socket${code}`);
        else fail('network-error', `the event socket was lost${code}`);
      };
    });
  }

  /** Close and detach. Idempotent; no callback runs afterwards. A pending `open()` rejects (`client-closed`). */
  close(): void {
    if (this.done) return;
    const pending = this.pending;
    this.teardown();
    pending?.(new ConnectError('client-closed', 'virola: closed while connecting'));
  }

  private teardown(): void {
    this.done = true;
    this.pending = undefined;
    const ws = this.ws;
    this.ws = undefined;
    if (!ws) return;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = () => undefined; // Node's `ws` throws on an unheard error event
    // A socket still connecting is failed now; should it open anyway, it is closed then.
    ws.onopen = ws.readyState === CONNECTING ? () => ws.close(1000) : null;
    try {
      ws.close(1000);
    } catch {
      // Closing can only fail on a socket that is already gone: nothing is left to release.
    }
  }
}
