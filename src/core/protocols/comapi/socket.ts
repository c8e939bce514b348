/**
 * The Comapi WebSocket: `{socketBase}/apispaces/{apiSpaceId}/socket?token=…`, JSON frames, no
 * subscribe step, an `echo` frame every `echoMs` on the core's scheduler. It never reconnects by
 * itself: when it ends it says why, once, and is done. `close()` detaches every handler first,
 * so no callback runs afterwards.
 */
import type { DisconnectReason, Scheduler } from '../../protocol.js';
import type { WebSocketCtor } from './options.js';
import type { SocketClose } from '../../network.js';

/** What the link tells its owner. */
export interface SocketCallbacks {
  /** The socket is open: live frames flow from now on. */
  opened(): void;
  /** A text frame (not yet parsed) or, for a binary frame, undefined. */
  message(text: string | undefined): void;
  /** The socket ended (not by `close()`). At most once. */
  ended(reason: DisconnectReason, detail: string, wasOpen: boolean): void;
}

/** Options of a link. */
export interface SocketLinkOptions {
  /** The full socket URL, token included. Never printed. */
  url: string;
  webSocket: WebSocketCtor;
  scheduler: Scheduler;
  echoMs: number;
  callbacks: SocketCallbacks;
}

/** Close codes a server may use to say "your session is not valid". */
const AUTH_CODES = new Set([4001, 4003, 4401, 4403]);

/** One socket, from open to end. */
export class SocketLink {
  private ws?: WebSocket;
  private echoTimer?: number;
  private done = false;
  private isOpen = false;

  constructor(private readonly opts: SocketLinkOptions) {}

  /** Open the socket. Throws when the URL or the WebSocket constructor refuses. */
  open(): void {
    const ws = new this.opts.webSocket(this.opts.url);
    this.ws = ws;
    ws.onopen = () => {
      if (this.done) return;
      this.isOpen = true;
      this.echoTimer = this.opts.scheduler.setInterval(() => this.echo(), this.opts.echoMs);
      this.opts.callbacks.opened();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (this.done) return;
      const data: unknown = event.data;
      this.opts.callbacks.message(typeof data === 'string' ? data : undefined);
    };
    ws.onerror = () => undefined; // a close event follows and carries the outcome
    ws.onclose = (event: SocketClose) => {
      if (this.done) return;
      const code = typeof event.code === 'number' ? event.code : 1006;
      const detail = `socket ${this.isOpen ? 'closed' : 'could not open'} (code ${code})`;
      const reason: DisconnectReason = AUTH_CODES.has(code) ? 'auth-failed' : event.wasClean || code === 1000 ? 'server-closed' : 'network-error';
      const wasOpen = this.isOpen;
      this.teardown();
      this.opts.callbacks.ended(reason, detail, wasOpen);
    };
  }

  /** Send one JSON frame; false when the socket is not open. */
  send(frame: unknown): boolean {
    if (this.done || !this.ws || !this.isOpen) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Close and detach everything. Idempotent; no callback runs afterwards. */
  close(): void {
    if (this.done) return;
    const ws = this.ws;
    this.teardown();
    ws?.close(1000);
  }

  private echo(): void {
    this.send({ name: 'echo', payload: {}, publishedOn: new Date(this.opts.scheduler.now()).toISOString() });
  }

  private teardown(): void {
    this.done = true;
    this.isOpen = false;
    if (this.echoTimer !== undefined) this.opts.scheduler.clearInterval(this.echoTimer);
    this.echoTimer = undefined;
    const ws = this.ws;
    if (ws) {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = null;
    }
  }
}
