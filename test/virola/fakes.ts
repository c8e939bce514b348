/**
 * Fakes for the Virola adapter tests, below the transport: a WebSocket the test drives from the
 * server side, a routing fetch that records what was asked (credentials too), and an AdapterHost
 * over a real store with a manual scheduler.
 */
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore } from '../../src/core/kv.js';
import type { AdapterHost, ConnectOptions, DisconnectReason } from '../../src/core/protocol.js';
import { ChatStore } from '../../src/core/store.js';
import { ManualScheduler } from '../chatwoot/fakes.js';

export { ManualScheduler };

type Handler = ((event: { data?: unknown; code?: number; wasClean?: boolean }) => void) | null;

/** A WebSocket the test drives from the server side. Pass the class as the `WebSocket` option. */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  closedByClient = false;
  onopen: Handler = null;
  onmessage: Handler = null;
  onclose: Handler = null;
  onerror: Handler = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  send(): void {
    throw new Error('the Virola client sends no frames');
  }

  close(): void {
    if (this.readyState >= FakeSocket.CLOSING) return;
    this.closedByClient = true;
    this.readyState = FakeSocket.CLOSING;
    setTimeout(() => this.finish(1000, true), 0);
  }

  /** The newest socket. */
  static last(): FakeSocket {
    const ws = FakeSocket.instances.at(-1);
    if (!ws) throw new Error('no socket was opened');
    return ws;
  }

  // ---- server side ----

  accept(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.({});
  }

  /** Send a frame: an object is JSON-encoded, a string goes as it is. */
  push(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' || frame instanceof ArrayBuffer ? frame : JSON.stringify(frame) });
  }

  /** The server side ends the socket. */
  drop(code = 1006, wasClean = false): void {
    this.onerror?.({});
    this.finish(code, wasClean);
  }

  private finish(code: number, wasClean: boolean): void {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, wasClean });
  }
}

/** A recorded request. */
export interface Call {
  method: string;
  /** Path and query. */
  path: string;
  body?: unknown;
  headers: Record<string, string>;
  credentials?: RequestCredentials;
}

/** A route answers a body (status 200), or `[status, body]`. */
export type Route = (call: Call) => unknown;

/** A fetch answering from `routes` keyed `'GET /path?query'`, or `'GET /path'` for any query. */
export function fakeFetch(routes: Record<string, Route>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init.method ?? 'GET';
    const call: Call = {
      method, path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) as unknown : undefined, credentials: init.credentials,
    };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    if (!route) return new Response(JSON.stringify({ errorText: 'no route', httpStatusCode: 404 }), { status: 404 });
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
  emitted: ChatEvent[];
  reports: ParleyError[];
  closed: { reason: DisconnectReason; detail?: string }[];
}

export function testHost(options: ConnectOptions, fetchFn: typeof fetch): TestHost {
  const scheduler = new ManualScheduler();
  const store = new ChatStore({ frame: (cb) => cb(), now: () => scheduler.now() });
  const t: TestHost = { store, scheduler, emitted: [], reports: [], closed: [], host: undefined as unknown as AdapterHost };
  t.host = {
    protocol: 'virola',
    options,
    scheduler,
    storage: memoryStore(),
    fetch: fetchFn,
    getState: () => store.getState(),
    emit: (events) => { t.emitted.push(...events); store.apply(events); },
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
