/**
 * Shared setup of the IMKIT adapter tests: options, REST routes, and opening the fake transport
 * through the `conf` / `auth2` acknowledgements.
 */
import type { ChatEvent } from '../../src/core/events.js';
import type { KeyValueStore } from '../../src/core/kv.js';
import type { Adapter, ConnectOptions, DisconnectReason } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/imkit/protocol.js';
import { fakeTransport, type FakeConnection, type FakeTransport } from '../../src/core/transport/fake.js';
import { b64, fakeFetch, ok, testHost, type Call, type Route, type TestHost } from './fakes.js';

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

/** The fake transport under each adapter `setup` made. */
const transports = new WeakMap<Adapter, FakeTransport>();

/** The fake transport under an adapter. */
export function transportOf(adapter: Adapter): FakeTransport {
  const fake = transports.get(adapter);
  if (!fake) throw new Error('not an adapter of setup()');
  return fake;
}

/** An adapter over a test host, a routing fetch and a fake transport. */
export function setup(opts: ConnectOptions = options(), routes: Record<string, Route> = defaultRoutes(), storage?: KeyValueStore): {
  adapter: Adapter; t: TestHost; calls: Call[]; fake: FakeTransport;
} {
  const { fetch, calls } = fakeFetch(routes);
  const fake = fakeTransport();
  const t = testHost(opts, fetch, fake.factory, storage);
  const adapter = createAdapter(t.host);
  transports.set(adapter, fake);
  return { adapter, t, calls, fake };
}

/** The IMKIT socket as the server sees it: one fake connection. */
export class Link {
  constructor(readonly conn: FakeConnection) {}

  /** A server event. */
  push(event: string, payload: unknown): void {
    this.conn.push(payload, event);
  }

  /** Everything the client sent, acknowledged or not, oldest first. */
  get emits(): { name: string; args: readonly unknown[] }[] {
    return this.conn.sent.map((s) => ({ name: s.event, args: s.args }));
  }

  /** The last client emit of that name. */
  last(name: string): { name: string; args: readonly unknown[] } | undefined {
    return this.emits.reverse().find((e) => e.name === name);
  }

  /** The connection ended from the far side. */
  drop(reason: DisconnectReason, detail?: string): void {
    this.conn.end(reason, detail);
  }
}

/** How the IMKIT server acknowledges: `conf` with RC 0, `auth2` with `auth2` (base64 JSON in base64 mode). */
export function acks(base64: boolean, auth2: unknown = { RC: 0, RM: 'OK' }): (event: string) => unknown {
  return (event) => {
    const reply = event === 'auth2' ? auth2 : { RC: 0, RM: 'OK' };
    return base64 && typeof reply !== 'string' ? b64(reply) : reply;
  };
}

/** Start `connect`; resolve with the promise (already guarded) and the connection once the protocol opens it. */
export async function startConnect(adapter: Adapter, signal = new AbortController().signal): Promise<{ done: Promise<unknown>; link: Link; error: () => unknown }> {
  let error: unknown;
  const done = adapter.connect(signal).then(() => undefined, (err: unknown) => { error = err; });
  const conn = await Promise.race([transportOf(adapter).nextOpen(), done.then(() => undefined)]);
  if (!conn) throw error ?? new Error('connect settled without a connection');
  return { done, link: new Link(conn), error: () => error };
}

/** Connect all the way: accept, acknowledge `conf` (base64 mode) and `auth2`. */
export async function openLink(adapter: Adapter, base64 = false): Promise<Link> {
  const { done, link, error } = await startConnect(adapter);
  link.conn.answer = acks(base64);
  link.conn.accept();
  await done;
  if (error()) throw error();
  return link;
}

export function ofType<T extends ChatEvent['type']>(events: ChatEvent[], type: T): Extract<ChatEvent, { type: T }>[] {
  return events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);
}
