/**
 * Fakes for the Chatwoot adapter tests: a WebSocket below ActionCable (under the real ActionCable
 * transport), a manual scheduler, a routing fetch and an AdapterHost over a real store (optionally
 * with a fake transport instead).
 */
import { adapters } from '@rails/actioncable';
import type { KeyValueStore } from '../../src/core/kv.js';
import type { ConnectOptions } from '../../src/core/protocol.js';
import type { TransportFactory } from '../../src/core/transport/transport.js';
import { adapterTestHost, until, type TestHost } from '../helpers/fake-adapter-host.js';
import { fakeFetch, type Call, type Route } from '../helpers/fake-fetch.js';
import { ManualScheduler } from '../helpers/fake-scheduler.js';

type Handler = ((event: { data?: unknown; code?: number; wasClean?: boolean }) => void) | null;

/** A WebSocket the test drives from the server side. */
export class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static instances: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  protocol = '';
  readonly sent: string[] = [];
  closedByClient = false;
  onopen: Handler = null;
  onmessage: Handler = null;
  onclose: Handler = null;
  onerror: Handler = null;

  constructor(readonly url: string, readonly protocols?: string | string[]) {
    FakeSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== FakeSocket.OPEN) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }

  close(): void {
    if (this.readyState >= FakeSocket.CLOSING) return;
    this.closedByClient = true;
    this.readyState = FakeSocket.CLOSING;
    setTimeout(() => this.finishClose(1000, true), 0);
  }

  // ---- server side ----

  /** Accept the connection with the ActionCable subprotocol. */
  accept(protocol = 'actioncable-v1-json'): void {
    this.readyState = FakeSocket.OPEN;
    this.protocol = protocol;
    this.onopen?.({});
  }

  /** Send a frame (an object is JSON-encoded; a string goes as it is). */
  push(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** The server side drops the socket. */
  drop(code = 1006, wasClean = false): void {
    this.finishClose(code, wasClean);
  }

  /** Commands the client sent, parsed. */
  commands(): { command: string; identifier: string; data?: string }[] {
    return this.sent.map((s) => JSON.parse(s) as { command: string; identifier: string; data?: string });
  }

  private finishClose(code: number, wasClean: boolean): void {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, wasClean });
  }
}

/** Put the fake below ActionCable; returns the restore function. */
export function installFakeSocket(): () => void {
  const previous = adapters.WebSocket;
  FakeSocket.instances = [];
  adapters.WebSocket = FakeSocket as unknown as typeof WebSocket;
  return () => { adapters.WebSocket = previous; };
}

export { fakeFetch, ManualScheduler, until };
export type { Call, Route, TestHost };

/** A host that applies emitted events to a real store and records everything else; `transport` replaces ActionCable. */
export function testHost(options: ConnectOptions, fetchFn: typeof fetch, storage?: KeyValueStore, transport?: TransportFactory): TestHost {
  const t = adapterTestHost({ protocol: 'chatwoot', options, fetch: fetchFn, storage });
  if (transport) t.host = { ...t.host, transport };
  return t;
}
