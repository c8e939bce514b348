/**
 * Shared setup of the IMKIT adapter tests: options, REST routes, and opening the fake socket
 * through `conf` / `auth2`.
 */
import type { ChatEvent } from '../../src/core/events.js';
import type { KeyValueStore } from '../../src/core/kv.js';
import type { Adapter, ConnectOptions } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/imkit/adapter.js';
import { b64, fakeFetch, FakeIoSocket, ok, testHost, until, type Call, type Route, type TestHost } from './fakes.js';

type Json = Record<string, unknown>;

export const URL_BASE = 'http://im.test';
export const TOKEN = 'client-token-secret';
export const KEY = 'client-key-secret';

export function options(extra: Json = {}, top: Partial<ConnectOptions> = {}): ConnectOptions {
  return { url: URL_BASE, token: TOKEN, userId: 'me', options: { clientKey: KEY, ...extra }, ...top };
}

export const KIT = { _id: 'kit', nickname: 'Kit', avatarUrl: '', isRobot: false };
export const ME = { _id: 'me', nickname: 'Me', avatarUrl: '', isRobot: false };

/** An IMKIT message object. */
export function wireMessage(id: string, at: number, extra: Json = {}): Json {
  return { _id: id, id, room: 'r1', message: `text ${id}`, messageType: 'text', sender: KIT, messageTimeMS: at, createdAtMS: at, updatedAtMS: at, ...extra };
}

/** An IMKIT room object. */
export function wireRoom(id: string, extra: Json = {}): Json {
  return { _id: id, name: `Room ${id}`, roomType: 'group', members: [ME, KIT], unread: 0, createdTimeMS: 1000, ...extra };
}

export const defaultRoutes = (over: Record<string, Route> = {}): Record<string, Route> => ({
  'GET /rooms': () => ok({ totalCount: 1, data: [wireRoom('r1', { lastMessage: wireMessage('m2', 2000) })] }),
  'GET /rooms/r1/messages/v3': () => ok({ totalCount: 2, data: [wireMessage('m1', 1000), wireMessage('m2', 2000)], userDeletedIDs: [] }),
  ...over,
});

/** An adapter over a test host and a routing fetch. */
export function setup(opts: ConnectOptions = options(), routes: Record<string, Route> = defaultRoutes(), storage?: KeyValueStore): {
  adapter: Adapter; t: TestHost; calls: Call[];
} {
  const { fetch, calls } = fakeFetch(routes);
  const t = testHost(opts, fetch, storage);
  return { adapter: createAdapter(t.host), t, calls };
}

/** Start `connect`; resolve with the promise (already guarded) and the fake socket once it exists. */
export async function startConnect(adapter: Adapter, signal = new AbortController().signal): Promise<{ done: Promise<unknown>; socket: FakeIoSocket; error: () => unknown }> {
  const before = FakeIoSocket.instances.length;
  let error: unknown;
  let settled = false;
  const done = adapter.connect(signal).then(() => { settled = true; }, (err: unknown) => { error = err; settled = true; });
  await until(() => FakeIoSocket.instances.length > before || settled, 'the socket');
  if (FakeIoSocket.instances.length === before) throw error ?? new Error('connect settled without a socket');
  return { done, socket: FakeIoSocket.instances.at(-1)!, error: () => error };
}

/** Connect all the way: accept, answer `conf` (base64 mode) and `auth2`. */
export async function openLink(adapter: Adapter, base64 = false): Promise<FakeIoSocket> {
  const { done, socket, error } = await startConnect(adapter);
  socket.accept();
  if (base64) {
    await until(() => !!socket.last('conf'), 'conf');
    socket.ack('conf', b64({ RC: 0, RM: 'OK' }));
  }
  await until(() => !!socket.last('auth2'), 'auth2');
  socket.ack('auth2', base64 ? b64({ RC: 0, RM: 'OK' }) : { RC: 0, RM: 'OK' });
  await done;
  if (error()) throw error();
  return socket;
}

export function ofType<T extends ChatEvent['type']>(events: ChatEvent[], type: T): Extract<ChatEvent, { type: T }>[] {
  return events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);
}
