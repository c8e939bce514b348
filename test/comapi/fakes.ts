/**
 * Fakes for the Comapi adapter tests, below the transport: a WebSocket the test drives from the
 * server side (handed in through the `webSocket` option), a scheduler whose time only moves when
 * told, a routing fetch, a fake SDK object, and an AdapterHost over a real store.
 */
import type { KeyValueStore } from '../../src/core/kv.js';
import type { ConnectOptions } from '../../src/core/protocol.js';
import type { TransportFactory } from '../../src/core/transport/transport.js';
import { adapterTestHost, until, type TestHost } from '../helpers/fake-adapter-host.js';
import { fakeFetch as sharedFakeFetch, type Call, type Route } from '../helpers/fake-fetch.js';
import { ManualScheduler as SharedManualScheduler } from '../helpers/fake-scheduler.js';
import { settle as settleRounds } from '../helpers/fake-time.js';

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

/** A scheduler whose time only moves when told, starting at 2024-05-01T10:00:00Z. */
export class ManualScheduler extends SharedManualScheduler {
  constructor(start = Date.parse('2024-05-01T10:00:00.000Z')) {
    super(start);
  }
}

export { until };
export type { Call, Route, TestHost };

/**
 * A fetch answering from `routes` (`'GET /path?query'` keys first, then without the query).
 * A route may return a promise; a route returning an Error makes the fetch fail as the network would.
 */
export function fakeFetch(routes: Record<string, Route>): { fetch: typeof fetch; calls: Call[] } {
  return sharedFakeFetch(routes, { asyncRoutes: true });
}

/** A host that applies emitted events to a real store and records everything else; `transport` replaces the protocol's. */
export function testHost(options: ConnectOptions, fetchFn: typeof fetch, storage?: KeyValueStore, transport?: TransportFactory): TestHost {
  const t = adapterTestHost({ protocol: 'comapi', options, fetch: fetchFn, storage, scheduler: new ManualScheduler() });
  if (transport) t.host = { ...t.host, transport };
  return t;
}

/**
 * A stand-in for the Comapi Foundation SDK, below the transport: `on` / `off` as the seed
 * documents them, `startSession`, and `services.appMessaging` answered from a fake fetch of the
 * REST routes (rejecting as the SDK's restClient does, with `{statusCode, response}`). Its socket
 * opens and closes when the test says, publishing `WebsocketOpened` / `WebsocketClosed`.
 */
export class FakeSdk {
  readonly handlers = new Map<string, Set<(data: unknown) => void>>();
  session?: { profileId: string };
  /** Calls made through the services, as `name(args)`. */
  readonly serviceCalls: string[] = [];
  startSessions = 0;
  socketEnabled = false;
  readonly services: { appMessaging: Record<string, (...args: never[]) => Promise<unknown>> };

  constructor(private readonly fetchFn: typeof fetch = fakeFetch({}).fetch, private readonly profileId = 'me', private readonly apiBase = 'http://comapi.test/apispaces/space-1') {
    const at = (cid: string, rest = ''): string => `/conversations/${encodeURIComponent(cid)}${rest}`;
    const call = (name: string, method: string, path: string, body?: unknown): Promise<unknown> => {
      this.serviceCalls.push(`${name} ${method} ${path}`);
      return this.request(method, path, body);
    };
    this.services = {
      appMessaging: {
        enableSocket: async () => {
          this.socketEnabled = true;
          return true;
        },
        getConversations: async (scope: number, profileId: string) => call('getConversations', 'GET', `/conversations?scope=${scope === 1 ? 'participant' : 'public'}&profileId=${profileId}`),
        getConversation: async (cid: string) => call('getConversation', 'GET', at(cid)),
        getConversationEvents: async (cid: string, from: number, limit: number) => call('getConversationEvents', 'GET', at(cid, `/events?from=${from}&limit=${limit}`)),
        getMessages: async (cid: string, limit: number, token?: number) => call('getMessages', 'GET', at(cid, `/messages?limit=${limit}${token === undefined ? '' : `&from=${token}`}`)),
        sendMessageToConversation: async (cid: string, message: unknown) => call('sendMessageToConversation', 'POST', at(cid, '/messages'), message),
        sendMessageStatusUpdates: async (cid: string, statuses: unknown) => call('sendMessageStatusUpdates', 'POST', at(cid, '/messages/statusupdates'), statuses),
        sendIsTyping: async (cid: string) => call('sendIsTyping', 'POST', at(cid, '/typing'), {}),
        sendIsTypingOff: async (cid: string) => call('sendIsTypingOff', 'DELETE', at(cid, '/typing')),
      },
    };
  }

  async startSession(): Promise<{ id: string; profileId: string }> {
    this.startSessions++;
    this.session = { profileId: this.profileId };
    return { id: 'sdk-session', profileId: this.profileId };
  }

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

  /** The names with at least one handler. */
  get names(): string[] {
    return [...this.handlers].filter(([, set]) => set.size > 0).map(([name]) => name).sort();
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.fetchFn(`${this.apiBase}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const response: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw { statusCode: res.status, response, headers: {} }; // eslint-disable-line @typescript-eslint/only-throw-error -- the SDK rejects with plain objects
    return response;
  }
}

/** Let pending promise callbacks run. */
export async function settle(rounds = 20): Promise<void> {
  return settleRounds(rounds);
}
