/**
 * A fake transport for tests (Parley's and an integrator's, through `parley-chat/testing`): hand
 * `fake.factory` to the client's `transport` option and drive each connection by hand: accept or
 * refuse its open, push frames, answer requests, end it. Nothing touches the network.
 */
import { ConnectError, type DisconnectReason } from '../connection-terms.js';
import type { Transport, TransportEvents, TransportFactory, TransportRequest } from './transport.js';

/** One message a protocol sent. */
export interface SentFrame {
  readonly event: string;
  readonly args: readonly unknown[];
}

/** One connection the protocol opened, driven by the test. */
export interface FakeConnection {
  /** What the protocol asked to open (its URL, params, query). */
  readonly request: TransportRequest;
  /** Everything sent, requests included, oldest first. */
  readonly sent: SentFrame[];
  /** Whether `open` resolved and no end came since. */
  readonly isOpen: boolean;
  /** Whether the protocol closed it. */
  readonly isClosed: boolean;
  /** Let the pending `open` resolve. */
  accept(): void;
  /** Let the pending `open` reject. */
  refuse(reason: DisconnectReason, detail?: string): void;
  /** Deliver a frame (`event` "message" for a WebSocket or ActionCable). */
  push(data: unknown, event?: string): void;
  /** Deliver a frame the transport could not read. */
  pushUnreadable(detail: string, raw?: string): void;
  /** End the open connection from the far side. */
  end(reason: DisconnectReason, detail?: string): void;
  /** How requests (acknowledged sends) are answered; default `undefined`. */
  answer: (event: string, args: readonly unknown[]) => unknown;
}

/** A fake transport factory and the connections it made. */
export interface FakeTransport {
  readonly factory: TransportFactory;
  readonly connections: FakeConnection[];
  /** The newest connection. */
  readonly last: FakeConnection | undefined;
  /** Resolves with the next connection whose `open` is called (or the newest one already pending). */
  nextOpen(): Promise<FakeConnection>;
  /** Open every connection at once instead of waiting for `accept()`. */
  autoAccept: boolean;
}

/** Make a fake transport. */
export function fakeTransport(opts: { autoAccept?: boolean } = {}): FakeTransport {
  const connections: FakeConnection[] = [];
  const waiting: ((c: FakeConnection) => void)[] = [];
  const pendingOpens = new Set<FakeConnection>();
  const fake: FakeTransport = {
    connections,
    autoAccept: opts.autoAccept ?? false,
    get last() { return connections.at(-1); },
    nextOpen() {
      const pending = [...pendingOpens].at(-1);
      if (pending) return Promise.resolve(pending);
      return new Promise((resolve) => waiting.push(resolve));
    },
    factory: (request, events) => connection(request, events),
  };

  function connection(request: TransportRequest, events: TransportEvents): Transport {
    let settle: { resolve: () => void; reject: (e: ConnectError) => void } | undefined;
    let open = false;
    let closed = false;
    const c: FakeConnection = {
      request,
      sent: [],
      get isOpen() { return open; },
      get isClosed() { return closed; },
      accept() {
        const s = settle;
        settle = undefined;
        pendingOpens.delete(c);
        if (!s || closed) return;
        open = true;
        s.resolve();
      },
      refuse(reason, detail = 'refused') {
        const s = settle;
        settle = undefined;
        pendingOpens.delete(c);
        closed = true;
        s?.reject(new ConnectError(reason, detail));
      },
      push(data, event = 'message') { if (open && !closed) events.frame({ event, data }); },
      pushUnreadable(detail, raw = '[unreadable]') { if (open && !closed) events.unreadable(detail, raw); },
      end(reason, detail = 'ended by the test') {
        if (!open || closed) return;
        open = false;
        closed = true;
        events.ended(reason, detail);
      },
      answer: () => undefined,
    };
    connections.push(c);
    const transport: Transport = {
      open(signal) {
        return new Promise<void>((resolve, reject) => {
          if (closed || signal.aborted) { reject(new ConnectError('client-closed', 'connect aborted')); return; }
          settle = { resolve, reject };
          signal.addEventListener('abort', () => { if (settle) transport.close(); }, { once: true });
          pendingOpens.add(c);
          if (fake.autoAccept) { c.accept(); return; }
          for (const w of waiting.splice(0)) w(c);
        });
      },
      send(event, ...args) {
        if (!open || closed) return false;
        c.sent.push({ event, args });
        return true;
      },
      request(event, args) {
        if (closed) return Promise.reject(new ConnectError('client-closed', `"${event}" not sent: closed`));
        c.sent.push({ event, args });
        return Promise.resolve(c.answer(event, args));
      },
      close() {
        if (closed) return;
        closed = true;
        open = false;
        pendingOpens.delete(c);
        const s = settle;
        settle = undefined;
        s?.reject(new ConnectError('client-closed', 'closed while connecting'));
      },
    };
    return transport;
  }
  return fake;
}
