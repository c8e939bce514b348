/**
 * The socket under the Spaces adapter: one socket.io connection to the `/chat` namespace,
 * websocket only and never reconnecting by itself (the core owns reconnects). It works with the
 * socket.io-client 4 `io` (loaded lazily, in this protocol's chunk) or with any `io` a page hands
 * in, e.g. socket.io-client 2 for a server that still runs socket.io 2.
 */
import type { DisconnectReason } from '../../protocol.js';

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
  /** The socket could not connect (before `connected`): `auth` when the server refused the token. */
  refused(kind: 'auth' | 'network', detail: string): void;
  /** The connection ended after `connected`. */
  ended(reason: DisconnectReason, detail: string): void;
}

/** Load socket.io-client 4 only when the page did not bring its own `io`. */
export async function defaultIo(): Promise<IoFactory> {
  const mod = await import('socket.io-client');
  return mod.io as unknown as IoFactory;
}

const AUTH_ERROR = /auth|token|jwt|unauthori[sz]ed|forbidden|\b40[13]\b/i;

/** Text of a socket.io error argument (an Error, a string, or v2's `{message}` / data object). */
function errorText(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err instanceof Error) {
    const data = (err as Error & { data?: unknown }).data;
    const extra = typeof data === 'string' ? data : data && typeof data === 'object' && 'message' in data ? String((data as { message: unknown }).message) : '';
    return extra && extra !== err.message ? `${err.message} (${extra})` : err.message;
  }
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return 'connection failed';
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
      this.callbacks.refused(AUTH_ERROR.test(text) ? 'auth' : 'network', text);
    });
    socket.on('connect_error', refused);
    socket.on('error', refused); // socket.io 2: a refused handshake (middleware error) comes as `error`
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
