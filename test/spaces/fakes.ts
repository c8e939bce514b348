/**
 * Fakes for the Spaces adapter tests: a socket.io client socket the test drives from the server
 * side (handed to the adapter through its `io` option, so the core socket.io transport runs on it), a manual scheduler, a routing fetch and
 * an AdapterHost over a real store.
 */
import type { KeyValueStore } from '../../src/core/kv.js';
import type { ConnectOptions } from '../../src/core/protocol.js';
import { adapterTestHost, until, type TestHost } from '../helpers/fake-adapter-host.js';
import { fakeFetch, type Call, type Route } from '../helpers/fake-fetch.js';
import { ManualScheduler } from '../helpers/fake-scheduler.js';

type Listener = (...args: unknown[]) => void;

/** A socket.io client socket; `server*` methods act as the server. */
export class FakeIoSocket {
  private readonly handlers = new Map<string, Listener[]>();
  readonly emitted: { event: string; payload: unknown }[] = [];
  disconnected = false;

  constructor(readonly url: string, readonly options: Record<string, unknown>) {}

  on(event: string, fn: Listener): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }

  off(event?: string): this {
    if (event === undefined) this.handlers.clear();
    else this.handlers.delete(event);
    return this;
  }

  emit(event: string, payload: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    return this;
  }

  /** How many listeners are attached. */
  get listenerCount(): number {
    let n = 0;
    for (const list of this.handlers.values()) n += list.length;
    return n;
  }

  // ---- server side ----

  /** Deliver an event to the client's listeners. */
  serverEmit(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }

  /** Spaces the client asked to subscribe to, in order. */
  subscribes(): string[] {
    return this.emitted.filter((e) => e.event === 'SUBSCRIBE_CHANNEL').map((e) => ((e.payload as { channel: { _id: string } }).channel._id));
  }

  /** Payloads of one emitted event. */
  sent(event: string): Record<string, unknown>[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload as Record<string, unknown>);
  }

  /** Accept the connection, wait for the subscriptions (sent once the transport is open), accept every one. */
  async acceptAll(): Promise<void> {
    this.serverEmit('connect');
    await until(() => this.subscribes().length > 0, 'SUBSCRIBE_CHANNEL');
    for (const id of this.subscribes()) this.serverEmit('CHANNEL_SUBSCRIBED', { channel: { type: 'topic', _id: id }, dtsid: 'd', sessionId: 's' });
  }
}

/** An `io` function that records the sockets it makes. */
export function fakeIo(): { io: (url: string, options: Record<string, unknown>) => FakeIoSocket; sockets: FakeIoSocket[] } {
  const sockets: FakeIoSocket[] = [];
  return { sockets, io: (url, options) => { const s = new FakeIoSocket(url, options); sockets.push(s); return s; } };
}

export { fakeFetch, ManualScheduler, until };
export type { Call, Route, TestHost };

/** A host that applies emitted events to a real store and records everything else. */
export function testHost(options: ConnectOptions, fetchFn: typeof fetch, storage?: KeyValueStore): TestHost {
  return adapterTestHost({ protocol: 'spaces', options, fetch: fetchFn, storage });
}
