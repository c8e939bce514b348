/**
 * Fakes for the IMKIT adapter tests: a manual scheduler, a routing fetch and an AdapterHost over
 * a real store whose transport is the core's fake one (`src/core/transport/fake.ts`); and a
 * socket.io-client socket the test drives from the server side, for the few tests that run the
 * real socket.io transport below the protocol (handed in as the request's own `io`).
 */
import type { KeyValueStore } from '../../src/core/kv.js';
import type { ConnectOptions } from '../../src/core/protocol.js';
import type { TransportFactory } from '../../src/core/transport/transport.js';
import { adapterTestHost, until as untilWithin, type TestHost } from '../helpers/fake-adapter-host.js';
import { fakeFetch as sharedFakeFetch, type Call, type Route } from '../helpers/fake-fetch.js';
import { ManualScheduler } from '../helpers/fake-scheduler.js';

type Listener = (...args: unknown[]) => void;

/** One client emit: its name, its arguments (the ack function left out) and the ack, if any. */
export interface ClientEmit { name: string; args: unknown[]; ack?: (reply: unknown) => void }

/** A socket.io-client Socket, driven by the test (it connects when `accept` is called). */
export class FakeIoSocket {
  connected = false;
  disconnectCalls = 0;
  readonly emits: ClientEmit[] = [];
  private listeners = new Map<string, Listener[]>();
  private anyListeners: Listener[] = [];

  constructor(readonly url: string, readonly opts: Record<string, unknown>) {}

  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }

  onAny(fn: Listener): this {
    this.anyListeners.push(fn);
    return this;
  }

  /** Without arguments, as socket.io-client's: every `on` listener goes (`onAny` ones stay). */
  off(): this {
    this.listeners = new Map();
    return this;
  }

  emit(name: string, ...args: unknown[]): this {
    const last = args.at(-1);
    if (typeof last === 'function') this.emits.push({ name, args: args.slice(0, -1), ack: last as (r: unknown) => void });
    else this.emits.push({ name, args });
    return this;
  }

  disconnect(): this {
    this.disconnectCalls++;
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  // ---- server side ----

  /** The handshake succeeded. */
  accept(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The handshake failed. */
  refuse(message = 'xhr poll error'): void {
    this.fire('connect_error', new Error(message));
  }

  /** A server event. */
  push(name: string, payload: unknown): void {
    for (const fn of [...this.anyListeners]) fn(name, payload);
    for (const fn of [...(this.listeners.get(name) ?? [])]) fn(payload);
  }

  /** The connection ended from the server side or the network. */
  drop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  /** The last client emit of that name. */
  last(name: string): ClientEmit | undefined {
    return [...this.emits].reverse().find((e) => e.name === name);
  }

  /** Answer the last emit of that name through its ack. */
  ack(name: string, reply: unknown): void {
    const e = this.last(name);
    if (!e?.ack) throw new Error(`no ack waiting for "${name}"`);
    e.ack(reply);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
}

/** Base64 of the JSON of a value (what IMKIT sends in base64 mode). */
export function b64(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export { ManualScheduler };
export type { Call, Route, TestHost };

/** A fetch answering from `routes` (`'GET /path?query'` keys, or without the query); 404s in IMKIT's shape. */
export function fakeFetch(routes: Record<string, Route>): { fetch: typeof fetch; calls: Call[] } {
  return sharedFakeFetch(routes, { notFound: { RC: 404, RM: 'no route' } });
}

/** An IMKIT answer. */
export const ok = (result: unknown): unknown => ({ RC: 0, RM: 'OK', result });

/** A host that applies emitted events to a real store, records everything else, and opens `transport`. */
export function testHost(options: ConnectOptions, fetchFn: typeof fetch, transport: TransportFactory, storage?: KeyValueStore): TestHost {
  const t = adapterTestHost({
    protocol: 'imkit', options, fetch: fetchFn, storage,
    // As the connection does: events without an origin are live.
    toStore: (events) => events.map((e) => ({ ...e, origin: e.origin ?? 'live' as const })),
  });
  t.host = { ...t.host, transport };
  return t;
}

/** Wait (real time) until `check` holds. */
export async function until(check: () => boolean, what = 'condition', ms = 3000): Promise<void> {
  return untilWithin(check, what, ms);
}
