/**
 * Fakes for the Spaces adapter tests: a socket.io client socket the test drives from the server
 * side (handed to the adapter through its `io` option), a manual scheduler, a routing fetch and
 * an AdapterHost over a real store.
 */
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore, type KeyValueStore } from '../../src/core/kv.js';
import type { AdapterHost, ConnectOptions, DisconnectReason, Scheduler } from '../../src/core/protocol.js';
import { ChatStore } from '../../src/core/store.js';

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

  /** Accept the connection and every subscription. */
  acceptAll(): void {
    this.serverEmit('connect');
    for (const id of this.subscribes()) this.serverEmit('CHANNEL_SUBSCRIBED', { channel: { type: 'topic', _id: id }, dtsid: 'd', sessionId: 's' });
  }
}

/** An `io` function that records the sockets it makes. */
export function fakeIo(): { io: (url: string, options: Record<string, unknown>) => FakeIoSocket; sockets: FakeIoSocket[] } {
  const sockets: FakeIoSocket[] = [];
  return { sockets, io: (url, options) => { const s = new FakeIoSocket(url, options); sockets.push(s); return s; } };
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
    if (!route) return new Response(JSON.stringify({ error: 'no route' }), { status: 404 });
    const out = route(call);
    const [status, body] = Array.isArray(out) && out.length === 2 && typeof out[0] === 'number' ? out as [number, unknown] : [200, out];
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch: fn as typeof fetch, calls };
}

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
    protocol: 'spaces',
    options,
    scheduler,
    storage,
    fetch: fetchFn,
    getState: () => store.getState(),
    emit: (events) => { t.emitted.push(...events); store.apply(events); },
    report: (e) => { t.reports.push(e); },
    closed: (reason, detail) => { t.closed.push({ reason, detail }); },
  };
  return t;
}

/** Wait (real time) until `check` holds. */
export async function until(check: () => boolean, what = 'condition', ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}
