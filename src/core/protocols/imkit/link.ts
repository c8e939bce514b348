/**
 * The IMKIT socket: Socket.IO 4 (websocket transport, default namespace), then on every connect
 * the optional `conf {encoding:"base64"}` and the required `auth2(token, extra)`, each awaited
 * through its acknowledgement. Socket.IO never reconnects by itself here (`reconnection: false`):
 * a drop is reported once through `ended`, and the core decides when to open a new link.
 *
 * This is the only module that imports socket.io-client, so it stays in the protocol's lazy chunk.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { ConnectError, type DisconnectReason, type Scheduler } from '../../protocol.js';
import { isRecord } from '../../wire.js';
import { unwrapPayload } from './decode-shared.js';

/** Makes the Socket.IO client socket (socket.io-client's `io`; tests put a fake below the link). */
export type SocketFactory = (url: string, opts: Partial<ManagerOptions & SocketOptions>) => Socket;

let socketFactory: SocketFactory = io;

/** Replace the Socket.IO client (tests only). Returns the function that restores the real one. */
export function useSocketFactory(factory: SocketFactory): () => void {
  const previous = socketFactory;
  socketFactory = factory;
  return () => { socketFactory = previous; };
}

/** What the link tells its owner. */
export interface LinkCallbacks {
  /** A server event after authentication (payload as delivered: base64 text or a value). */
  event(name: string, payload: unknown): void;
  /** The live link ended (not called for `close()`). */
  ended(reason: DisconnectReason, detail: string): void;
  /** A callback threw: report it, the stream goes on. */
  fault(err: unknown): void;
}

/** How to open the link. */
export interface LinkOptions {
  url: string;
  path: string;
  base64: boolean;
  token: string;
  clientKey: string;
  deviceId: string;
  ackTimeoutMs: number;
  scheduler: Scheduler;
  callbacks: LinkCallbacks;
}

/** The outcome of an `auth2` acknowledgement. */
export type AuthVerdict = 'ok' | 'refused' | 'no-ack';

/**
 * Read an `auth2` ack (already base64-decoded): `{RC: 0}` or any object without `RC` is ok;
 * `RC` 401/403 or `false` is a refusal; nothing, `"NO ACK"` or another `RC` is worth a retry.
 */
export function authVerdict(ack: unknown): AuthVerdict {
  if (ack === undefined || ack === null || ack === 'NO ACK') return 'no-ack';
  if (ack === false) return 'refused';
  if (isRecord(ack) && 'RC' in ack) {
    const rc = Number(ack.RC);
    if (rc === 0) return 'ok';
    return rc === 401 || rc === 403 ? 'refused' : 'no-ack';
  }
  return 'ok';
}

/** Socket.IO disconnect reasons → ours. */
export function reasonOf(reason: string): DisconnectReason {
  if (reason === 'io server disconnect') return 'server-closed';
  if (reason === 'ping timeout') return 'stale';
  if (reason === 'io client disconnect') return 'client-closed';
  return 'network-error';
}

/** One Socket.IO connection; `open` may be called once. */
export class SocketLink {
  private socket?: Socket;
  private timer?: number;
  private live = false;
  private done = false;
  private settle?: (err?: ConnectError) => void;

  constructor(private readonly o: LinkOptions) {}

  /** Connect, configure and authenticate. Resolves when authenticated; rejects with a ConnectError. */
  open(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => { this.fail(new ConnectError('client-closed', 'imkit: connect aborted')); };
      this.settle = (err) => {
        this.settle = undefined;
        signal.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      if (signal.aborted) { onAbort(); return; }
      signal.addEventListener('abort', onAbort, { once: true });
      const socket = socketFactory(this.o.url, {
        path: this.o.path, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false,
        timeout: this.o.ackTimeoutMs,
      });
      this.socket = socket;
      socket.on('connect', () => this.guard(() => this.handshake()));
      socket.on('connect_error', (err: Error) => this.guard(() => {
        this.fail(new ConnectError('network-error', `imkit: cannot connect the socket: ${err.message}`));
      }));
      socket.on('disconnect', (reason: string) => this.guard(() => this.dropped(reason)));
      socket.onAny((name: string, payload: unknown) => {
        if (this.live && !this.done) this.guard(() => this.o.callbacks.event(name, payload));
      });
      socket.connect();
    });
  }

  /** Emit a client event (e.g. `typing`) when live; returns whether it went out. */
  emit(name: string, ...args: unknown[]): boolean {
    if (!this.live || this.done || !this.socket?.connected) return false;
    this.socket.emit(name, ...args);
    return true;
  }

  /** Close the socket and stop every callback. Idempotent. */
  close(): void {
    this.fail(new ConnectError('client-closed', 'imkit: closed while connecting'));
  }

  // ---- internals ----

  private async handshake(): Promise<void> {
    if (this.o.base64) await this.ack('conf', [{ encoding: 'base64' }]);
    if (this.done) return;
    const extra = { 'IM-CLIENT-KEY': this.o.clientKey, 'IM-Authorization': this.o.token, deviceId: this.o.deviceId };
    const raw = await this.ack('auth2', [this.o.token, extra]);
    if (this.done) return;
    let ack: unknown;
    try {
      ack = unwrapPayload(raw, this.o.base64, 'auth2 ack');
    } catch {
      ack = undefined;
    }
    const verdict = authVerdict(ack);
    if (verdict === 'refused') this.fail(new ConnectError('auth-failed', 'imkit: auth2 refused the client token'));
    else if (verdict === 'no-ack') this.fail(new ConnectError('network-error', 'imkit: auth2 got no usable acknowledgement'));
    else {
      this.live = true;
      this.settle?.();
    }
  }

  /** Emit with an acknowledgement, waiting at most ackTimeoutMs (a scheduler timer). */
  private ack(name: string, args: unknown[]): Promise<unknown> {
    return new Promise((resolve) => {
      const socket = this.socket;
      if (!socket || this.done) { resolve(undefined); return; }
      this.timer = this.o.scheduler.setTimeout(() => {
        this.timer = undefined;
        this.fail(new ConnectError('network-error', `imkit: no acknowledgement of "${name}" in time`));
        resolve(undefined);
      }, this.o.ackTimeoutMs);
      socket.emit(name, ...args, (reply: unknown) => {
        if (this.timer !== undefined) this.o.scheduler.clearTimeout(this.timer);
        this.timer = undefined;
        resolve(reply);
      });
    });
  }

  private dropped(reason: string): void {
    if (this.done) return;
    if (!this.live) {
      // IMKIT closes the socket when auth2 fails; a server-side close before "live" is that refusal.
      this.fail(reason === 'io server disconnect'
        ? new ConnectError('auth-failed', 'imkit: the server closed the socket during auth2')
        : new ConnectError(reasonOf(reason), `imkit: socket closed while connecting (${reason})`));
      return;
    }
    this.shutdown();
    this.o.callbacks.ended(reasonOf(reason), `socket closed (${reason})`);
  }

  private fail(err: ConnectError): void {
    if (this.done) return;
    const settle = this.settle;
    this.shutdown();
    settle?.(err);
  }

  private shutdown(): void {
    this.done = true;
    this.live = false;
    if (this.timer !== undefined) this.o.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.offAny();
      socket.removeAllListeners();
      socket.disconnect();
    }
  }

  private guard(fn: () => void | Promise<void>): void {
    try {
      const out = fn();
      if (out instanceof Promise) out.catch((err: unknown) => this.o.callbacks.fault(err));
    } catch (err) {
      this.o.callbacks.fault(err);
    }
  }
}
