/**
 * Fakes for the Chatwoot adapter tests: a WebSocket below ActionCable, a manual scheduler, a
 * routing fetch and an AdapterHost over a real store.
 */
import { adapters } from '@rails/actioncable';
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore, type KeyValueStore } from '../../src/core/kv.js';
import type { AdapterHost, ConnectOptions, DisconnectReason, Scheduler } from '../../src/core/protocol.js';
import { ChatStore } from '../../src/core/store.js';

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
    protocol: 'chatwoot',
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
