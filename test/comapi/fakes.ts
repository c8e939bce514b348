/**
 * Fakes for the Comapi adapter tests, below the transport: a WebSocket the test drives from the
 * server side (handed in through the `webSocket` option), a scheduler whose time only moves when
 * told, a routing fetch, a fake SDK object, and an AdapterHost over a real store.
 */
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore, type KeyValueStore } from '../../src/core/kv.js';
import type { AdapterHost, ConnectOptions, DisconnectReason, Scheduler } from '../../src/core/protocol.js';
import { ChatStore } from '../../src/core/store.js';

type Handler = ((event: { data?: unknown; code?: number; wasClean?: boolean }) => void) | null;

/** A WebSocket the test drives from the server side. */
export class FakeSocket {
  static instances: FakeSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  closedWith?: number;
  onopen: Handler = null;
  onmessage: Handler = null;
  onclose: Handler = null;
  onerror: Handler = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  /** The newest socket. */
  static last(): FakeSocket {
    const ws = FakeSocket.instances[FakeSocket.instances.length - 1];
    if (!ws) throw new Error('no socket was opened');
    return ws;
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1005;
    this.readyState = 3;
  }

  // ---- server side ----

  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** Send a frame (an object is JSON-encoded; a string goes as it is). */
  push(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** The server drops (or refuses) the socket. */
  drop(code = 1006, wasClean = false): void {
    this.readyState = 3;
    this.onclose?.({ code, wasClean });
  }

  /** Frames the client sent, parsed. */
  frames(): Record<string, unknown>[] {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }
}

/** A scheduler whose time only moves when told. */
export class ManualScheduler implements Scheduler {
  private time = Date.parse('2024-05-01T10:00:00.000Z');
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

/** Route handler: return a body (status 200), `[status, body]`, or a promise of either. */
export type Route = (call: Call) => unknown;

/** A fetch answering from `routes` (`'GET /path?query'` keys first, then without the query). */
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
    const out = await route(call);
    if (out instanceof Error) throw new TypeError('Failed to fetch');
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
    protocol: 'comapi',
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

/** A stand-in for the Comapi SDK: `on` / `off` as the seed documents them, driven by the test. */
export class FakeSdk {
  readonly handlers = new Map<string, Set<(data: unknown) => void>>();
  session?: { profileId: string };

  on(name: string, handler: (data: unknown) => void): void {
    const set = this.handlers.get(name) ?? new Set();
    set.add(handler);
    this.handlers.set(name, set);
  }

  off(name: string, handler?: (data: unknown) => void): void {
    if (handler) this.handlers.get(name)?.delete(handler);
    else this.handlers.delete(name);
  }

  /** Publish an event to every handler, as the SDK does. */
  emit(name: string, data: unknown): void {
    for (const h of [...(this.handlers.get(name) ?? [])]) h(data);
  }

  /** How many handlers are subscribed, over all names. */
  get listeners(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }
}

/** Wait (real time) until `check` holds. */
export async function until(check: () => boolean, what = 'condition', ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Let pending promise callbacks run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
