/**
 * Shared setup of the Spaces adapter tests: a space, its REST answers for a guest, message items,
 * and an adapter over the fakes that the tests drive.
 */
import type { ChatEvent } from '../../src/core/events.js';
import type { Adapter, ConnectOptions } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/spaces/protocol.js';
import { spacesSeed } from '../fixtures/seed-spaces.js';
import { fakeFetch, fakeIo, testHost, until, type Call, type FakeIoSocket, type Route, type TestHost } from './fakes.js';

export type Json = Record<string, unknown>;

export const API = 'http://spaces.test';
export const SPACE = 'space-1';
export const ME_ID = 'me-1';
export const GUEST_TOKEN = 'guest-jwt-secret-token';
export const SAM = { _id: 'sam-1', displayname: 'Sam', type: 'user', picture_url: 'https://accounts.zang.io/norevimages/noimage.jpg' };
export const ME = { _id: ME_ID, displayname: 'Ann', type: 'anonymous' };

export function topic(members: Json[] = [{ member: 'sam-1', displayname: 'Sam', role: 'admin' }, { member: ME_ID, displayname: 'Ann', memberType: 'anonymous', role: 'guest' }]): Json {
  return { _id: SPACE, title: 'Space one', type: 'group', status: 0, members };
}

export function item(id: string, text: string, extra: Json = {}): Json {
  return {
    _id: id, category: 'chat', topicId: SPACE, content: { bodyText: `<p>${text}</p>`, data: [], description: '' },
    created: '2024-01-01T10:00:00.000Z', modified: '2024-01-01T10:00:00.000Z', sender: SAM, ...extra,
  };
}

export const guestRoutes = (over: Record<string, Route> = {}): Record<string, Route> => ({
  'POST /api/anonymous/auth': () => ({ token: GUEST_TOKEN }),
  'GET /api/users/me': () => ME,
  [`GET /api/spaces/${SPACE}/join`]: () => topic(),
  [`GET /api/spaces/${SPACE}`]: () => topic(),
  [`GET /api/spaces/${SPACE}/messages/query`]: () => ({ data: [item('m2', 'two', { created: '2024-01-01T10:00:02.000Z', modified: '2024-01-01T10:00:02.000Z' }), item('m1', 'one')], nextPageUrl: null }),
  ...over,
});

/**
 * `GET /api/activitiesrecord/messages` over a record: the items changed after `after`, oldest
 * change first, `size` to a page, `nextPageUrl` when more follow (as the emulation answers).
 */
export function recordRoute(items: () => Json[]): Route {
  return (c) => {
    const q = new URL(c.path, API).searchParams;
    const after = Number(q.get('after'));
    const size = Number(q.get('size') ?? 30);
    const changed = items().filter((i) => Date.parse(String(i.modified)) > after).sort((a, b) => Date.parse(String(a.modified)) - Date.parse(String(b.modified)));
    return { data: changed.slice(0, size), nextPageUrl: changed.length > size ? `/api/activitiesrecord/messages?after=${after}&page=1` : null };
  };
}

export function options(io: unknown, extra: Json = {}, page: Partial<ConnectOptions> = {}): ConnectOptions {
  return { url: API, conversation: SPACE, options: { displayName: 'Ann', io, ...extra }, ...page };
}

/** connect(), then let the fake server accept the socket and every subscription. */
export async function connect(adapter: Adapter, sockets: FakeIoSocket[], accept = true): Promise<FakeIoSocket> {
  const before = sockets.length;
  const done = adapter.connect(new AbortController().signal);
  let failed: unknown;
  done.catch((err: unknown) => { failed = err; });
  await until(() => sockets.length > before || failed !== undefined, 'the socket');
  if (failed) throw failed;
  const socket = sockets[sockets.length - 1]!;
  if (accept) await socket.acceptAll();
  await done;
  return socket;
}

export function ofType<T extends ChatEvent['type']>(events: ChatEvent[], type: T): Extract<ChatEvent, { type: T }>[] {
  return events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);
}

export function seedPayload(name: string): Json {
  return JSON.parse(JSON.stringify(spacesSeed.find((s) => s.name === name)!.payload)) as Json;
}

/** An adapter over a fake socket.io client and a fake fetch. */
export interface Harness {
  adapter: Adapter;
  t: TestHost;
  sockets: FakeIoSocket[];
  calls: Call[];
}

/** Create the adapter for a guest of SPACE (routes, protocol options and page options overridable). */
export function harness(routes: Record<string, Route> = guestRoutes(), extra: Json = {}, page: Partial<ConnectOptions> = {}): Harness {
  const io = fakeIo();
  const http = fakeFetch(routes);
  const t = testHost(options(io.io, extra, page), http.fetch);
  return { adapter: createAdapter(t.host), t, sockets: io.sockets, calls: http.calls };
}
