/**
 * The Virola adapter under test: options for both sign-in paths, the routes every connect needs,
 * and a connect that opens the fake socket.
 */
import type { ChatEvent } from '../../src/core/events.js';
import { ConnectError, type Adapter, type ConnectOptions } from '../../src/core/protocol.js';
import { FakeSocket, until, type Route } from './fakes.js';
import { USERS_ANSWER } from './samples.js';

type Json = Record<string, unknown>;

export const URL_BASE = 'http://virola.test';
export const TOKEN = 'web-api-token-secret';
export const STATUS = { httpStatusCode: 200, userId: 1, userSessionId: 'session-id-secret' };

export function tokenOptions(extra: Json = {}): ConnectOptions {
  return { url: URL_BASE, token: TOKEN, options: { WebSocket: FakeSocket, ...extra } };
}

export function cookieOptions(extra: Json = {}): ConnectOptions {
  return { url: URL_BASE, options: { WebSocket: FakeSocket, ...extra } };
}

/** `GET /api/v1/status` and `/users` (under `prefix`), plus `over`. */
export const baseRoutes = (over: Record<string, Route> = {}, prefix = ''): Record<string, Route> => ({
  [`GET ${prefix}/api/v1/status`]: () => STATUS,
  [`GET ${prefix}/api/v1/users`]: () => USERS_ANSWER,
  ...over,
});

/** Start connect(), accept the socket it opens, and wait for connect to resolve. */
export async function connectOpen(adapter: Adapter, signal = new AbortController().signal): Promise<FakeSocket> {
  const before = FakeSocket.instances.length;
  let failed: unknown;
  const connected = adapter.connect(signal);
  connected.catch((err: unknown) => { failed = err; });
  await until(() => FakeSocket.instances.length > before || failed !== undefined, 'the socket');
  if (failed) throw failed;
  const ws = FakeSocket.last();
  ws.accept();
  await connected;
  return ws;
}

export function frame(type: string, data: unknown): Json {
  return { type, data };
}

export function ofType<T extends ChatEvent['type']>(events: ChatEvent[], type: T): Extract<ChatEvent, { type: T }>[] {
  return events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);
}

/** The ConnectError a promise rejects with. */
export async function rejection(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ConnectError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

/**
 * A room's message pages as a server would answer `?cursor&direction&limit` over `all`
 * (ascending): `inclusive` says whether a page holds its cursor (Virola does not document it).
 */
export function pager(all: readonly Record<string, unknown>[], inclusive: boolean): (call: { path: string }) => unknown {
  return (call) => {
    const q = new URL(call.path, 'http://x').searchParams;
    const limit = Number(q.get('limit') ?? 50);
    const cursor = q.get('cursor') === null ? undefined : Number(q.get('cursor'));
    const id = (m: Record<string, unknown>) => m.messageId as number;
    let list: readonly Record<string, unknown>[];
    if (q.get('direction') === 'forward') {
      list = all.filter((m) => cursor === undefined || (inclusive ? id(m) >= cursor : id(m) > cursor)).slice(0, limit);
    } else {
      list = all.filter((m) => cursor === undefined || (inclusive ? id(m) <= cursor : id(m) < cursor)).slice(-limit);
    }
    return { httpStatusCode: 200, messages: list };
  };
}
