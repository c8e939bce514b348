/**
 * One ActionCable connection with one RoomChannel subscription, tamed for Parley:
 *
 * - ActionCable's own ConnectionMonitor (which reopens sockets on its own, on global timers and
 *   on `visibilitychange`) is replaced by a stale check on the core's scheduler that only reports:
 *   the core owns reconnects.
 * - Socket handlers are wrapped per connection: a frame that is not JSON, or not a frame object,
 *   would throw inside ActionCable's `onmessage`; here it becomes a `badFrame` callback and is
 *   dropped, and the stream goes on. `close` is seen even before the socket opened (ActionCable
 *   ignores that case and leaves it to its monitor).
 * - `close()` unsubscribes, disconnects, detaches every handler and stops the subscribe retry
 *   timer; a socket still connecting is closed as soon as it opens. No callback runs afterwards.
 */
import { createConsumer, type ConnectionMonitorLike, type Consumer, type Subscription } from '@rails/actioncable';
import { messageOf } from '../../errors.js';
import type { DisconnectReason, Scheduler } from '../../protocol.js';
import { DecodeError, parseJson } from '../../wire.js';
import { classifyFrame, type CableFrame } from './codec.js';
import type { SocketClose } from '../../network.js';

const PROTOCOL = 'actioncable-v1-json';
const WS_CONNECTING = 0;

/** What the link tells its owner. */
export interface CableCallbacks {
  /** The subscription was confirmed (again after `resubscribe`). */
  connected(): void;
  /** The server refused the subscription. */
  rejected(): void;
  /** A channel message: the frame's `message` part. */
  received(data: unknown): void;
  /** A frame that could not be read was dropped. `frame` is its text. */
  badFrame(error: DecodeError, frame: string): void;
  /** The socket ended or went stale. At most once; the link is closed by then. */
  ended(reason: DisconnectReason, detail: string): void;
}

/** Options of a link. */
export interface CableLinkOptions {
  url: string;
  /** Identifier params, in wire order (`channel`, `pubsub_token`, `account_id`, `user_id`). */
  params: Record<string, unknown>;
  scheduler: Scheduler;
  /** Silence after which the socket counts as dead, ms. */
  staleMs: number;
  callbacks: CableCallbacks;
}

/** A RoomChannel subscription over its own consumer. */
export class CableLink {
  private consumer?: Consumer;
  private subscription?: Subscription;
  private done = false;
  private lastSeen = 0;
  private staleTimer?: number;
  private disconnectFrame?: Extract<CableFrame, { kind: 'disconnect' }>;
  private protocolRefused = false;

  constructor(private readonly opts: CableLinkOptions) {}

  /** The subscription identifier (`JSON.stringify(params)`), as sent on the wire. */
  get identifier(): string | undefined {
    return this.subscription?.identifier;
  }

  /** Create the consumer, patch it and subscribe (which opens the socket). */
  open(): void {
    const consumer = createConsumer(this.opts.url);
    this.consumer = consumer;
    this.patch(consumer);
    this.subscribe(this.opts.params);
  }

  /** Perform a channel action (e.g. `update_presence`). False when the socket is not open. */
  perform(action: string): boolean {
    return !this.done && !!this.subscription && this.subscription.perform(action);
  }

  /** Replace the subscription (same socket) with one for new params. */
  resubscribe(params: Record<string, unknown>): void {
    if (this.done) return;
    const old = this.subscription;
    this.subscription = undefined;
    old?.unsubscribe();
    this.subscribe(params);
  }

  /** Tear everything down. Idempotent; no callback runs afterwards. */
  close(): void {
    if (this.done) return;
    if (this.subscription && this.consumer?.connection.isOpen()) this.subscription.unsubscribe();
    this.teardown();
  }

  // ---- internals ----

  private subscribe(params: Record<string, unknown>): void {
    const consumer = this.consumer;
    if (!consumer) return;
    const link = this;
    const sub: Subscription = consumer.subscriptions.create(params, {
      connected() { if (link.current(sub)) link.opts.callbacks.connected(); },
      rejected() { if (link.current(sub)) link.opts.callbacks.rejected(); },
      received(data: unknown) { if (link.current(sub)) link.opts.callbacks.received(data); },
      disconnected() { if (link.current(sub)) link.socketEnded(); },
    });
    this.subscription = sub;
  }

  private current(sub: Subscription): boolean {
    return !this.done && this.subscription === sub;
  }

  /** Replace the monitor and wrap the socket handlers of this consumer's connection only. */
  private patch(consumer: Consumer): void {
    const connection = consumer.connection;
    const base = connection.events;
    const link = this;
    const { scheduler } = this.opts;
    let running = false;
    const monitor: ConnectionMonitorLike = {
      reconnectAttempts: 0,
      start: () => {
        running = true;
        this.lastSeen = scheduler.now();
        this.startStaleCheck();
      },
      stop: () => {
        running = false;
        this.stopStaleCheck();
      },
      isRunning: () => running,
      recordMessage: () => { this.lastSeen = scheduler.now(); },
      recordConnect: () => undefined,
      recordDisconnect: () => undefined,
    };
    connection.monitor = monitor;
    connection.events = {
      ...base,
      message(event: MessageEvent) {
        if (link.done) return undefined;
        const text: unknown = event.data;
        let frame: CableFrame;
        try {
          if (typeof text !== 'string') throw new DecodeError('frame: not a text frame');
          frame = classifyFrame(parseJson(text, 'frame'));
        } catch (err) {
          link.lastSeen = scheduler.now(); // the socket is alive, whatever it said
          link.opts.callbacks.badFrame(err instanceof DecodeError ? err : new DecodeError(messageOf(err)), typeof text === 'string' ? text : '[binary frame]');
          return undefined;
        }
        if (frame.kind === 'disconnect') link.disconnectFrame = frame;
        try {
          return base.message.call(this, event);
        } catch (err) {
          if (!link.done) link.opts.callbacks.badFrame(new DecodeError(`frame: ${messageOf(err)}`), text);
          return undefined;
        }
      },
      open(event?: Event) {
        if (this.webSocket && this.webSocket.protocol !== PROTOCOL) link.protocolRefused = true;
        return base.open.call(this, event);
      },
      close(event?: SocketClose) {
        link.socketEnded(event);
        return base.close.call(this, event as Parameters<typeof base.close>[0]);
      },
    };
  }

  private startStaleCheck(): void {
    this.stopStaleCheck();
    const { scheduler, staleMs } = this.opts;
    this.staleTimer = scheduler.setInterval(() => {
      const silent = scheduler.now() - this.lastSeen;
      if (silent > staleMs) this.end('stale', `no frame from the cable for ${Math.round(silent / 1000)} s`);
    }, Math.max(250, Math.floor(staleMs / 4)));
  }

  private stopStaleCheck(): void {
    if (this.staleTimer !== undefined) this.opts.scheduler.clearInterval(this.staleTimer);
    this.staleTimer = undefined;
  }

  private socketEnded(event?: SocketClose): void {
    if (this.done) return;
    const frame = this.disconnectFrame;
    const code = event ? ` (code ${event.code})` : '';
    if (this.protocolRefused) this.end('config-error', `the cable did not agree to ${PROTOCOL}; is the URL an ActionCable endpoint?`);
    else if (frame) this.end(frame.reason === 'unauthorized' ? 'auth-failed' : 'server-closed', `server disconnected: ${frame.reason ?? 'no reason'}`);
    else if (event && (event.wasClean || event.code === 1000)) this.end('server-closed', `socket closed${code}`);
    else this.end('network-error', `socket lost${code}`);
  }

  private end(reason: DisconnectReason, detail: string): void {
    if (this.done) return;
    this.teardown();
    this.opts.callbacks.ended(reason, detail);
  }

  private teardown(): void {
    this.done = true;
    this.stopStaleCheck();
    const consumer = this.consumer;
    this.subscription = undefined;
    if (!consumer) return;
    const connection = consumer.connection;
    const ws = connection.webSocket;
    consumer.subscriptions.guarantor.stopGuaranteeing();
    consumer.disconnect();
    if (ws) {
      connection.uninstallEventHandlers();
      // ActionCable does not close a socket that is still connecting (a Safari bug); do it on open.
      if (ws.readyState === WS_CONNECTING) ws.onopen = () => ws.close();
    }
  }
}
