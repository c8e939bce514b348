/**
 * Fakes for the IMKIT adapter tests: a Socket.IO client socket the test drives from the server
 * side (put below the adapter with `useSocketFactory`), a manual scheduler, a routing fetch and
 * an AdapterHost over a real store.
 */
import type { Socket } from 'socket.io-client';
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore, type KeyValueStore } from '../../src/core/kv.js';
import type { AdapterHost, ConnectOptions, DisconnectReason, Scheduler } from '../../src/core/protocol.js';
import { useSocketFactory } from '../../src/core/protocols/imkit/link.js';
import { ChatStore } from '../../src/core/store.js';

type Listener = (...args: unknown[]) => void;

/** One client emit: its name, its arguments (the ack function left out) and the ack, if any. */
export interface ClientEmit { name: string; args: unknown[]; ack?: (reply: unknown) => void }

/** A socket.io-client Socket, driven by the test. */
export class FakeIoSocket {
  static instances: FakeIoSocket[] = [];
  connected = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly emits: ClientEmit[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  private anyListeners: Listener[] = [];

  constructor(readonly url: string, readonly opts: Record<string, unknown>) {
    FakeIoSocket.instances.push(this);
  }

  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }

  onAny(fn: Listener): this {
    this.anyListeners.push(fn);
    return this;
  }

  offAny(): this {
    this.anyListeners = [];
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  emit(name: string, ...args: unknown[]): this {
    const last = args.at(-1);
    if (typeof last === 'function') this.emits.push({ name, args: args.slice(0, -1), ack: last as (r: unknown) => void });
    else this.emits.push({ name, args });
    return this;
  }

  connect(): this {
    this.connectCalls++;
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

  get listenerCount(): number {
    let n = this.anyListeners.length;
    for (const list of this.listeners.values()) n += list.length;
    return n;
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
}

/** Put the fake below the adapter; returns the restore function. */
export function installFakeIo(): () => void {
  FakeIoSocket.instances = [];
  return useSocketFactory((url, opts) => new FakeIoSocket(url, opts as Record<string, unknown>) as unknown as Socket);
}

/** The newest fake socket. */
export function lastSocket(): FakeIoSocket {
  const s = FakeIoSocket.instances.at(-1);
  if (!s) throw new Error('no socket was created');
  return s;
}

/** Base64 of the JSON of a value (what IMKIT sends in base64 mode). */
export function b64(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A scheduler whose time only moves when told. */
export class ManualScheduler implements Scheduler {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void; every?: number }>();

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(id: number): void { this.timers.delete(id); }

  setInterval(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn, every: ms });
    return id;
  }

  clearInterval(id: number): void { this.timers.delete(id); }

  now(): number { return this.time; }

  /** Timers still armed. */
  get armed(): number { return this.timers.size; }

  /** Move time forward, running due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void; every?: number }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      const [id, t] = next;
      this.time = t.at;
      if (t.every !== undefined) t.at += t.every;
      else this.timers.delete(id);
      t.fn();
    }
    this.time = end;
  }
}

/** A recorded request. */
export interface Call { method: string; path: string; body?: unknown; headers: Record<string, string> }

/** Route handler: return a body (status 200), or `[status, body]`. */
export type Route = (call: Call) => unknown;

/** A fetch answering from `routes` (`'GET /path?query'` keys, or without the query). */
export function fakeFetch(routes: Record<string, Route>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init.method ?? 'GET';
    const call: Call = {
      method, path: url.pathname + url.search,
      body: typeof init.body === 'string' ? JSON.parse(init.body) as unknown : undefined,
      headers: { ...(init.headers as Record<string, string>) },
    };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    if (!route) return new Response(JSON.stringify({ RC: 404, RM: 'no route' }), { status: 404 });
    const out = route(call);
    const [status, body] = Array.isArray(out) && out.length === 2 && typeof out[0] === 'number' ? out as [number, unknown] : [200, out];
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch: fn as typeof fetch, calls };
}

/** An IMKIT answer. */
export const ok = (result: unknown): unknown => ({ RC: 0, RM: 'OK', result });

/** A host that applies emitted events to a real store and records everything else. */
export interface TestHost {
  host: AdapterHost;
  store: ChatStore;
  scheduler: ManualScheduler;
  storage: KeyValueStore;
  emitted: ChatEvent[];
  reports: ParleyError[];
  closed: { reason: DisconnectReason; detail?: string }[];
}

export function testHost(options: ConnectOptions, fetchFn: typeof fetch, storage: KeyValueStore = memoryStore()): TestHost {
  const scheduler = new ManualScheduler();
  const store = new ChatStore({ frame: (cb) => cb(), now: () => scheduler.now() });
  const t: TestHost = { store, scheduler, storage, emitted: [], reports: [], closed: [], host: undefined as unknown as AdapterHost };
  t.host = {
    protocol: 'imkit',
    options,
    scheduler,
    storage,
    fetch: fetchFn,
    getState: () => store.getState(),
    // As the connection does: events without an origin are live.
    emit: (events) => { t.emitted.push(...events); store.apply(events.map((e) => ({ ...e, origin: e.origin ?? 'live' as const }))); },
    report: (e) => { t.reports.push(e); },
    closed: (reason, detail) => { t.closed.push({ reason, detail }); },
  };
  return t;
}

/** Wait (real time) until `check` holds. */
export async function until(check: () => boolean, what = 'condition', ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}
