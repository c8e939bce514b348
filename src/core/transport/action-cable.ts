/**
 * The ActionCable transport: one channel subscription over its own `@rails/actioncable` consumer,
 * through the library's public API only (`createConsumer`, `subscriptions.create`, `perform`,
 * `unsubscribe`, `disconnect`, and the documented `adapters.WebSocket` hook).
 *
 * The hook is set, only around the synchronous `subscriptions.create` that opens the socket, to a
 * wrapper around the WebSocket class in place, so the transport sees every raw frame first:
 *
 * - a frame that is not JSON, or not an ActionCable frame object, would throw inside ActionCable's
 *   `onmessage`; here it is reported as unreadable and dropped, and the stream goes on;
 * - every frame (pings too) refreshes a stale check on the core's scheduler (`staleMs`);
 * - the server's `disconnect` frame ends the transport (`unauthorized`: `auth-failed`), as does a
 *   socket that did not agree to `actioncable-v1-json` (`config-error`: not an ActionCable endpoint);
 * - a close is seen even before the socket opened (ActionCable ignores that case).
 *
 * ActionCable never reconnects by itself here: its monitor's `reopen` (on a quiet cable, or a page
 * turning visible) closes the socket and opens another 500 ms later; the wrapper refuses that close,
 * and once the transport ended it reads as open, so a reopen already scheduled opens nothing. On
 * `disconnected` the consumer is disconnected and the transport ends once. A socket still connecting
 * at `close()` is closed as soon as it opens; no callback runs afterwards.
 */
import { adapters, createConsumer, type Consumer, type Subscription, type WebSocketClass } from '@rails/actioncable';
import { messageOf } from '../errors.js';
import type { SocketClose } from '../network.js';
import { ConnectError, type DisconnectReason, type Scheduler } from '../connection-terms.js';
import type { ActionCableRequest, Transport, TransportEvents, TransportFactory } from './transport.js';

const PROTOCOL = 'actioncable-v1-json';
const CONTROL_TYPES = new Set(['welcome', 'ping', 'confirm_subscription', 'reject_subscription', 'disconnect']);
const CONNECTING = 0;
const OPEN = 1;

/** The part of a WebSocket the transport and ActionCable use. */
interface RawSocket {
  readonly readyState: number;
  readonly protocol: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data?: unknown }) => void) | null;
  onclose: ((event: SocketClose) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

/** What the wrapper asks of its transport. */
interface SocketWatch {
  /** The wrapper ActionCable just made (and the real socket in it). */
  made(socket: RawSocket): void;
  /** The real socket opened with this subprotocol: whether ActionCable hears of it. */
  opened(protocol: string): boolean;
  /** A raw frame: whether ActionCable gets it. */
  frame(data: unknown): boolean;
  /** The real socket closed: `tell` passes the close on to ActionCable. */
  closed(event: SocketClose, tell: () => void): void;
  /** The transport ended: ActionCable's socket is detached. */
  readonly detached: boolean;
}

/** A WebSocket class for ActionCable whose sockets report to `watch` (one class per transport). */
function watchedSocketClass(Base: WebSocketClass, watch: SocketWatch): WebSocketClass {
  return class WatchedSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    onopen: ((event: unknown) => void) | null = null;
    onmessage: ((event: { data?: unknown }) => void) | null = null;
    onclose: ((event: SocketClose) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    private readonly socket: RawSocket;

    constructor(url: string, protocols?: string | string[]) {
      this.socket = new Base(url, protocols) as RawSocket;
      watch.made(this.socket);
      this.socket.onopen = (event) => { if (watch.opened(this.socket.protocol)) this.onopen?.(event); };
      this.socket.onmessage = (event) => { if (watch.frame(event.data)) this.onmessage?.(event); };
      this.socket.onclose = (event) => watch.closed(event, () => this.onclose?.(event));
      this.socket.onerror = () => undefined; // the close event carries the outcome
    }

    /** Open once detached: ActionCable's `open()` does nothing while its socket is active. */
    get readyState(): number {
      return watch.detached ? OPEN : this.socket.readyState;
    }

    get protocol(): string {
      return this.socket.protocol;
    }

    send(data: string): void {
      if (!watch.detached) this.socket.send(data);
    }

    /** Refused: ActionCable closes on its own only to reopen; the transport's end closes the real socket. */
    close(): void {
      // Nothing: the transport's end closes the real socket.
    }
  };
}

/** A raw frame as ActionCable reads it: its `type` and fields. */
interface CableFrame {
  readonly type?: unknown;
  readonly identifier?: unknown;
  readonly reason?: unknown;
}

/** The frame object ActionCable can take, or why the text is none. */
function readFrame(text: string): CableFrame | string {
  let frame: unknown;
  try {
    frame = JSON.parse(text) as unknown;
  } catch (err) {
    return `frame: invalid JSON (${messageOf(err)})`;
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return 'frame: expected an object';
  const { type, identifier } = frame as CableFrame;
  if (type === undefined || type === null) {
    if (!('message' in frame)) return 'frame: neither a control type nor a message';
  } else if (typeof type !== 'string' || !CONTROL_TYPES.has(type)) {
    return `frame: unknown type "${String(type).slice(0, 40)}"`;
  }
  // ActionCable throws on a channel message or a confirmation that names no subscription.
  const named = type === 'welcome' || type === 'ping' || type === 'disconnect' || typeof identifier === 'string';
  return named ? frame : 'frame: expected a string identifier';
}

/** The reason and words for a closed socket. */
function closeOutcome(event: SocketClose | undefined): [DisconnectReason, string] {
  const code = event ? ` (code ${event.code})` : '';
  if (event && (event.wasClean || event.code === 1000)) return ['server-closed', `socket closed${code}`];
  return ['network-error', `socket lost${code}`];
}

/** The ActionCable transport factory (a request of another kind is a programming error). */
export const actionCableTransport: TransportFactory = (request, events, scheduler) => {
  if (request.kind !== 'actioncable') throw new Error(`the ActionCable transport cannot open a ${request.kind} request`);
  return openActionCable(request, events, scheduler);
};

/** Open an ActionCable transport. */
function openActionCable(request: ActionCableRequest, events: TransportEvents, scheduler: Scheduler): Transport {
  let consumer: Consumer | undefined;
  let subscription: Subscription | undefined;
  let socket: RawSocket | undefined;
  let closeEvent: SocketClose | undefined;
  let done = false;
  let connected = false;
  let lastSeen = 0;
  let staleTimer: number | undefined;
  let pending: { resolve: () => void; reject: (err: ConnectError) => void } | undefined;

  const watch: SocketWatch = {
    made(raw) { socket = raw; },
    opened(protocol) {
      if (protocol === PROTOCOL) return true;
      end('config-error', `the cable did not agree to ${PROTOCOL}; is the URL an ActionCable endpoint?`);
      return false;
    },
    frame: rawFrame,
    closed(event, tell) {
      closeEvent = event;
      tell(); // ActionCable calls `disconnected` once it had opened; a socket that never did ends here
      end(...closeOutcome(event));
    },
    get detached() { return done; },
  };

  /** A raw frame: refreshes the stale check; an unreadable one is reported and kept from ActionCable. */
  function rawFrame(data: unknown): boolean {
    if (done) return false;
    lastSeen = scheduler.now();
    if (typeof data !== 'string') {
      events.unreadable('frame: not a text frame', '[binary frame]');
      return false;
    }
    const frame = readFrame(data);
    if (typeof frame === 'string') {
      events.unreadable(frame, data);
      return false;
    }
    if (frame.type !== 'disconnect') return true;
    const reason = typeof frame.reason === 'string' ? frame.reason : 'no reason';
    end(reason === 'unauthorized' ? 'auth-failed' : 'server-closed', `server disconnected: ${reason}`);
    return false;
  }

  function startStaleCheck(): void {
    lastSeen = scheduler.now();
    staleTimer = scheduler.setInterval(() => {
      const silent = scheduler.now() - lastSeen;
      if (silent > request.staleMs) end('stale', `no frame from the cable for ${Math.round(silent / 1000)} s`);
    }, Math.max(250, Math.floor(request.staleMs / 4)));
  }

  /** Unsubscribe (sent only while open), disconnect the consumer, close the real socket (on open, if connecting). */
  function teardown(): void {
    const sub = subscription;
    subscription = undefined;
    sub?.unsubscribe();
    done = true;
    pending = undefined;
    if (staleTimer !== undefined) scheduler.clearInterval(staleTimer);
    staleTimer = undefined;
    consumer?.disconnect();
    consumer = undefined;
    const raw = socket;
    socket = undefined;
    if (raw) closeSocket(raw);
  }

  function closeSocket(raw: RawSocket): void {
    raw.onmessage = null;
    raw.onclose = null;
    // ActionCable does not close a socket that is still connecting (a Safari bug); do it on open.
    raw.onopen = raw.readyState === CONNECTING ? () => raw.close() : null;
    if (raw.readyState === OPEN) raw.close();
  }

  /** End once: a pending open rejects, an open transport reports its end. */
  function end(reason: DisconnectReason, detail: string): void {
    if (done) return;
    const opening = pending;
    teardown();
    if (opening) opening.reject(new ConnectError(reason, detail));
    else events.ended(reason, detail);
  }

  function close(): void {
    if (done) return;
    const opening = pending;
    teardown();
    opening?.reject(new ConnectError('client-closed', 'closed while connecting'));
  }

  const callbacks = {
    connected: () => {
      if (done || connected) return;
      connected = true;
      const opening = pending;
      pending = undefined;
      opening?.resolve();
    },
    rejected: () => end('subscription-rejected', `${String(request.params.channel)} refused the subscription`),
    received: (data: unknown) => { if (!done) events.frame({ event: 'message', data }); },
    disconnected: () => end(...closeOutcome(closeEvent)),
  };

  /** Subscribe with the hook set to the watching wrapper, then restore it. */
  function subscribe(Base: WebSocketClass): void {
    const c = createConsumer(request.url);
    consumer = c;
    adapters.WebSocket = watchedSocketClass(Base, watch);
    try {
      subscription = c.subscriptions.create({ ...request.params }, callbacks);
    } finally {
      adapters.WebSocket = Base;
    }
  }

  return {
    open(signal) {
      return new Promise<void>((resolve, reject) => {
        if (done || signal.aborted) {
          reject(new ConnectError('client-closed', 'connect aborted'));
          return;
        }
        const Base = adapters.WebSocket;
        if (!Base) {
          reject(new ConnectError('config-error', 'no WebSocket here'));
          return;
        }
        const settled = (): void => signal.removeEventListener('abort', close);
        pending = { resolve: () => { settled(); resolve(); }, reject: (err) => { settled(); reject(err); } };
        signal.addEventListener('abort', close, { once: true });
        try {
          subscribe(Base);
        } catch (err) {
          const syntax = typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'SyntaxError';
          end(syntax ? 'config-error' : 'network-error', `the cable could not be opened: ${messageOf(err)}`);
          return;
        }
        if (!done) startStaleCheck();
      });
    },
    send(action, data) {
      if (done || !connected || !subscription) return false;
      const fields = typeof data === 'object' && data !== null ? { ...(data as Record<string, unknown>) } : {};
      return subscription.perform(action, fields);
    },
    request() {
      return Promise.reject(new Error('ActionCable has no acknowledgements'));
    },
    close,
  };
}
