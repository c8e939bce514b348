/**
 * One transport interface for every protocol: open with a signal, send, close; inbound frames and
 * one end with a reason from the closed list. A WebSocket, a socket.io and an ActionCable
 * transport implement it (each in its own module, so a protocol's chunk holds only the one it
 * uses); tests and integrators hand in a fake through the client's `transport` option (see
 * `parley-chat/testing`), the one seam below every protocol.
 */
import type { DisconnectReason, Scheduler } from '../connection-terms.js';

/** One inbound message: a WebSocket text (`event` "message"), a socket.io event, an ActionCable channel message ("message"). */
export interface Frame {
  readonly event: string;
  readonly data: unknown;
}

/** What a transport tells its owner. Nothing runs after `close()`. */
export interface TransportEvents {
  /** A frame, while open. */
  frame(frame: Frame): void;
  /** A frame the transport could not read (binary where text was due, not JSON): dropped, the stream goes on. */
  unreadable(detail: string, raw: string): void;
  /** The open transport ended, at most once (not called for `close()`, nor for a failed `open`). */
  ended(reason: DisconnectReason, detail: string): void;
}

/** One live connection. */
export interface Transport {
  /** Connect; resolves when frames flow, rejects with a ConnectError (its reason says whether retrying can help). */
  open(signal: AbortSignal): Promise<void>;
  /**
   * Send `event` with `args` (a WebSocket sends `args[0]` as text; socket.io emits `event`;
   * ActionCable performs the action `event` with `args[0]` as data). False when not open.
   */
  send(event: string, ...args: unknown[]): boolean;
  /** Send and wait for the server's acknowledgement (socket.io acks); rejects after `timeoutMs`. */
  request(event: string, args: readonly unknown[], timeoutMs: number): Promise<unknown>;
  /** Close and detach. Idempotent; a pending `open` rejects with `client-closed`. */
  close(): void;
}

/** A plain WebSocket: text frames, no subscribe step. */
export interface WebSocketRequest {
  readonly kind: 'websocket';
  /** ws(s) URL; may carry a credential, so it is never printed. */
  readonly url: string;
  /** A WebSocket class (Node: `ws`); default the global one. */
  readonly WebSocket?: new (url: string) => WebSocket;
  /** Close codes that mean "credentials refused" (e.g. 4401). */
  readonly authCloseCodes?: readonly number[];
}

/** socket.io (client 2 or 4), websocket only, never reconnecting by itself. */
export interface SocketIoRequest {
  readonly kind: 'socket.io';
  /** The namespace URL. */
  readonly url: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** The server's major version: 2 uses socket.io-client 2, 3 and 4 use socket.io-client 4. */
  readonly version: 2 | 3 | 4;
  /** A page's own `io(url, options)`, used instead of the bundled client. */
  readonly io?: (url: string, options: Record<string, unknown>) => unknown;
  /** The events to listen to; default every event (`onAny`, socket.io-client 3 and later only). */
  readonly events?: readonly string[];
  /** The connect timeout socket.io applies, ms. */
  readonly timeoutMs: number;
}

/** One ActionCable channel subscription over its own consumer. */
export interface ActionCableRequest {
  readonly kind: 'actioncable';
  readonly url: string;
  /** The identifier params, in wire order (`channel` first). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Silence after which the cable counts as dead, ms. */
  readonly staleMs: number;
}

/** A protocol's own live source (Comapi: a page's running SDK), made by the request itself. */
export interface CustomRequest {
  readonly kind: 'custom';
  /** What it is, for messages (e.g. "the page's Comapi SDK"). */
  readonly name: string;
  create(events: TransportEvents, scheduler: Scheduler): Transport;
}

/** What a protocol asks to open. */
export type TransportRequest = WebSocketRequest | SocketIoRequest | ActionCableRequest | CustomRequest;

/** Makes transports. The real ones take the core's scheduler for their timers. */
export type TransportFactory = (request: TransportRequest, events: TransportEvents, scheduler: Scheduler) => Transport;
