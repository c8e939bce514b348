/**
 * Fakes for the Virola adapter tests, below the transport: a WebSocket the test drives from the
 * server side, a routing fetch that records what was asked (credentials too), and an AdapterHost
 * over a real store with a manual scheduler.
 */
import type { ConnectOptions } from '../../src/core/protocol.js';
import { adapterTestHost, until as untilWithin, type TestHost } from '../helpers/fake-adapter-host.js';
import { fakeFetch as sharedFakeFetch, type Call, type Route } from '../helpers/fake-fetch.js';
import { ManualScheduler } from '../helpers/fake-scheduler.js';

export { ManualScheduler };
export type { Call, Route, TestHost };

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

/**
 * A fetch answering from `routes` keyed `'GET /path?query'`, or `'GET /path'` for any query;
 * each Call records the request's `credentials` too, and 404s come in Virola's shape.
 */
export function fakeFetch(routes: Record<string, Route>): { fetch: typeof fetch; calls: Call[] } {
  return sharedFakeFetch(routes, { notFound: { errorText: 'no route', httpStatusCode: 404 }, credentials: true });
}

/** A host that applies emitted events to a real store and records everything else. */
export function testHost(options: ConnectOptions, fetchFn: typeof fetch): TestHost {
  return adapterTestHost({ protocol: 'virola', options, fetch: fetchFn });
}

/** Wait (real time) until `check` holds. */
export async function until(check: () => boolean, what = 'condition', ms = 3000): Promise<void> {
  return untilWithin(check, what, ms);
}
