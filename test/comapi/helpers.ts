/**
 * Shared set-up for the Comapi adapter tests: a backend answered by `fakeFetch`, options, and
 * opening the adapter's socket.
 */
import type { Adapter, ConnectOptions } from '../../src/core/protocol.js';
import { FakeSocket, until, type Route, type TestHost } from './fakes.js';
import { CONV } from './wire-frames.js';

export const BASE = 'http://comapi.test';
export const SPACE_ID = 'space-1';
export const SESSION_TOKEN = 'session-token-secret-1';
export const JWT = 'eyJhbGciOiJIUzI1NiJ9.jwt-secret.sig';
export const API = `/apispaces/${SPACE_ID}`;
export const AT = `${API}/conversations/${CONV}`;

type Json = Record<string, unknown>;

/** Options with the challenge flow; `extra` is merged into the protocol options. */
export function challengeOptions(extra: Json = {}, challenge = async (nonce: string) => `${JWT}.${nonce}`): ConnectOptions {
  return { url: BASE, options: { apiSpaceId: SPACE_ID, authChallenge: challenge, webSocket: FakeSocket, ...extra } };
}

/** A REST message of `GET …/messages`. */
export function restMessage(id: string, seq: number, from: string, text: string, statusUpdates?: Json): Json {
  const m: Json = {
    id, sentEventId: seq, metadata: {},
    context: { from: { id: from, name: from === 'ada' ? 'Ada' : from }, conversationId: CONV, sentBy: from, sentOn: `2024-05-01T09:00:${String(seq % 60).padStart(2, '0')}.000Z` },
    parts: [{ name: 'body', type: 'text/plain', data: text, size: text.length }],
  };
  if (statusUpdates) m.statusUpdates = statusUpdates;
  return m;
}

/** The backend of the unit tests: a session for `me`, one conversation with two messages (events 1 and 2). */
export function routes(over: Record<string, Route> = {}): Record<string, Route> {
  return {
    [`GET ${API}/sessions/start`]: () => ({ authenticationId: 'auth-1', provider: 'jsonWebToken', nonce: 'nonce-1', expiresOn: '2099-01-01T00:00:00.000Z' }),
    [`POST ${API}/sessions`]: () => ({ token: SESSION_TOKEN, session: { id: 'sess-1', profileId: 'me', expiresOn: '2099-01-01T00:00:00.000Z' } }),
    [`GET ${API}/conversations`]: () => [{ id: CONV, name: 'Support', isPublic: false, participantCount: 2, latestSentEventId: 2, _createdOn: '2024-05-01T08:00:00.000Z', _updatedOn: '2024-05-01T09:00:02.000Z' }],
    [`GET ${AT}/messages`]: () => ({
      earliestEventId: 1, latestEventId: 2, orphanedEvents: [],
      messages: [restMessage('m2', 2, 'me', 'hi Ada', { ada: { status: 'read', on: '2024-05-01T09:00:03.000Z' } }), restMessage('m1', 1, 'ada', 'hello')],
    }),
    [`POST ${AT}/messages/statusupdates`]: () => ({}),
    ...over,
  };
}

/** Start connect(), let the newest socket open. Returns it. */
export async function openSocket(adapter: Adapter, t: TestHost, signal = new AbortController().signal): Promise<FakeSocket> {
  const before = FakeSocket.instances.length;
  const connected = adapter.connect(signal);
  let failed: unknown;
  connected.catch((err: unknown) => { failed = err; });
  await until(() => FakeSocket.instances.length > before || failed !== undefined, 'the socket');
  if (failed) throw failed;
  const ws = FakeSocket.last();
  ws.accept();
  await connected;
  void t;
  return ws;
}

/** The ids of a conversation's messages in the store, in order. */
export function ids(t: TestHost, cid = CONV): string[] {
  return (t.store.getState().messages.get(cid) ?? []).map((m) => m.id);
}
