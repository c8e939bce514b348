/**
 * The socket under the Spaces adapter: one socket.io connection to the `/chat` namespace,
 * websocket only and never reconnecting by itself (the core owns reconnects). It works with
 * socket.io-client 2 (the default, for the socket.io 2 server Spaces runs), socket.io-client 4
 * (for a socket.io 3/4 server), both loaded lazily (see io-version.ts), or any `io` a page hands in.
 */
import type { DisconnectReason } from '../../protocol.js';
import { isV2ServerRefusal } from './io-version.js';

/** The part of a socket.io client socket (v2 or v4) the adapter uses. */
export interface SpacesSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  disconnect(): unknown;
  off?(event?: string, listener?: (...args: unknown[]) => void): unknown;
}

/** A socket.io client's `io(url, options)`. */
export type IoFactory = (url: string, options: Record<string, unknown>) => SpacesSocket;

/** What the link reports. */
export interface LinkCallbacks {
  /** The namespace is connected (the handshake and its auth passed). */
  connected(): void;
  /** One inbound event of the list given to `open`. */
  received(event: string, payload: unknown): void;
  /**
   * The socket could not connect (before `connected`): `auth` when the server refused the token,
   * `v2-server` when a socket.io-client 3/4 reached a socket.io 2 server.
   */
  refused(kind: RefusalKind, detail: string): void;
  /** The connection ended after `connected`. */
  ended(reason: DisconnectReason, detail: string): void;
}

/** Why a socket could not connect. */
export type RefusalKind = 'auth' | 'network' | 'v2-server';

const AUTH_ERROR = /auth|token|jwt|unauthori[sz]ed|forbidden|\b40[13]\b/i;

/** A field of an object as text, or ''. */
function field(v: unknown, name: string): string {
  if (!v || typeof v !== 'object' || !(name in v)) return '';
  const x = (v as Record<string, unknown>)[name];
  return typeof x === 'string' || typeof x === 'number' ? String(x) : '';
}

/**
 * Text of a socket.io error argument: an Error (with v4's `data`), a string, or the data object
 * a socket.io 2 middleware refusal carries (e.g. `{message, code: 'invalid_token', type: 'UnauthorizedError'}`).
 */
function errorText(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err instanceof Error) {
    const data = (err as Error & { data?: unknown }).data;
    const extra = typeof data === 'string' ? data : field(data, 'message');
    return extra && extra !== err.message ? `${err.message} (${extra})` : err.message;
  }
  const text = [field(err, 'message'), field(err, 'code'), field(err, 'type')].filter(Boolean).join(', ');
  return text || 'connection failed';
}

/** What a refusal before `connect` means. */
function refusalKind(text: string): RefusalKind {
  if (isV2ServerRefusal(text)) return 'v2-server';
  return AUTH_ERROR.test(text) ? 'auth' : 'network';
}

/** socket.io's disconnect reasons → ours. */
function reasonOf(reason: unknown): DisconnectReason {
  if (reason === 'io server disconnect') return 'server-closed';
  if (reason === 'io client disconnect') return 'client-closed';
  return 'network-error'; // transport close, transport error, ping timeout, parse error
}

/** One socket.io connection; `close()` detaches every listener before disconnecting. */
export class SocketLink {
  private socket?: SpacesSocket;
  private isConnected = false;
  private done = false;

  constructor(private readonly callbacks: LinkCallbacks) {}

  /**
   * Connect: `url` is the namespace URL (`…/chat`), `query` carries `tokenType` and `token`.
   * Throws only if `io` itself throws.
   */
  open(io: IoFactory, url: string, path: string, query: Record<string, string>, events: readonly string[]): void {
    const socket = io(url, {
      path, query, transports: ['websocket'], upgrade: false, reconnection: false, forceNew: true, multiplex: false, timeout: 20_000,
    });
    this.socket = socket;
    const live = (fn: (...args: unknown[]) => void) => (...args: unknown[]) => { if (this.socket === socket && !this.done) fn(...args); };
    socket.on('connect', live(() => {
      this.isConnected = true;
      this.callbacks.connected();
    }));
    const refused = live((err: unknown) => {
      const text = errorText(err);
      if (this.isConnected) return; // v2 reports late errors here too; a drop arrives as `disconnect`
      this.finish();
      this.callbacks.refused(refusalKind(text), text);
    });
    socket.on('connect_error', refused);
    socket.on('error', refused); // socket.io 2: a namespace middleware refusal (the token) arrives as `error`
    socket.on('connect_timeout', live(() => refused('connect timeout')));
    socket.on('disconnect', live((reason: unknown) => {
      const wasConnected = this.isConnected;
      this.finish();
      const text = typeof reason === 'string' ? reason : 'disconnected';
      if (wasConnected) this.callbacks.ended(reasonOf(reason), text);
      else this.callbacks.refused('network', text);
    }));
    for (const event of events) socket.on(event, live((payload: unknown) => this.callbacks.received(event, payload)));
  }

  /** Whether the namespace is connected now. */
  get connected(): boolean {
    return this.isConnected && !this.done;
  }

  /** Emit an event; false when not connected. */
  emit(event: string, payload: unknown): boolean {
    if (!this.connected || !this.socket) return false;
    this.socket.emit(event, payload);
    return true;
  }

  /** Stop every callback and disconnect. Idempotent. */
  close(): void {
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.isConnected = false;
    const socket = this.socket;
    if (!socket) return;
    try {
      socket.off?.();
      socket.disconnect();
    } catch {
      // a page-provided io may throw on a socket that never connected: nothing left to close
    }
  }
}
