/**
 * The catch-up after a reconnect (sync-catch-up.ts), as the fault storm found it had to be: it starts
 * from what the store holds (frames that reached the new socket before it asked do not count),
 * pages by time to the end of the record (the rest once live, resumed after a cut), marks edits,
 * and ends removed items as tombstones even when they were created and removed while away.
 */
import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import type { Adapter } from '../../src/core/protocol.js';
import { CATCH_UP_OVERLAP_MS, MAX_CATCH_UP_PAGES } from '../../src/core/protocols/spaces/sync-catch-up.js';
import { createAdapter } from '../../src/core/protocols/spaces/protocol.js';
import { adapterTestHost, type TestHost } from '../helpers/fake-adapter-host.js';
import { fakeFetch, fakeIo, until, type Route } from './fakes.js';
import { API, connect, guestRoutes, item, options, recordRoute, SPACE, topic, type Json } from './setup.js';

const T0 = Date.parse('2024-01-01T10:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

describe('spaces catch-up after a reconnect', () => {
  let adapter: Adapter | undefined;
  afterEach(() => { adapter?.close(); adapter = undefined; });

  /** An adapter whose host holds emitted events back while `held` is set, as the core does while it connects and syncs. */
  function start(routes: Record<string, Route>, extra: Json = {}) {
    const io = fakeIo();
    const http = fakeFetch(routes);
    const hold = { held: false };
    const t: TestHost = adapterTestHost({ protocol: 'spaces', options: options(io.io, extra), fetch: http.fetch, toStore: (events) => (hold.held ? [] : events) });
    adapter = createAdapter(t.host);
    return { t, sockets: io.sockets, calls: http.calls, hold };
  }
  const afterOf = (calls: { path: string }[]): number[] => calls.filter((c) => c.path.startsWith('/api/activitiesrecord')).map((c) => Number(new URL(c.path, API).searchParams.get('after')));
  const apply = async (t: TestHost, events: Promise<ChatEvent[]>): Promise<void> => { t.store.apply(await events); };
  const thread = (t: TestHost) => t.store.getState().messages.get(SPACE) ?? [];

  it('starts a little before the newest message the store holds, not at a frame the new socket got before the catch-up', async () => {
    const { t, sockets, calls, hold } = start(guestRoutes({ 'GET /api/activitiesrecord/messages': () => ({ data: [], nextPageUrl: null }) }));
    await connect(adapter!, sockets);
    await apply(t, adapter!.sync('initial', new AbortController().signal)); // m1 at T0, m2 at T0 + 2 s
    sockets[0]!.serverEmit('disconnect', 'transport close');
    hold.held = true;
    await connect(adapter!, sockets);
    // Made after the outage; it reaches the new socket before the catch-up asks (the core holds it).
    sockets[1]!.serverEmit('MESSAGE_SENT', item('late', 'after the outage', { created: at(300), modified: at(300) }));
    await adapter!.sync('reconnect', new AbortController().signal);
    expect(afterOf(calls)).to.deep.equal([T0 + 2000 - CATCH_UP_OVERLAP_MS]);
  });

  it('an empty space starts from its creation; a removed item new since then ends as a tombstone, an edited one is marked edited', async () => {
    const { t, sockets, calls } = start(guestRoutes({
      [`GET /api/spaces/${SPACE}`]: () => ({ ...topic(), created: at(-60) }),
      [`GET /api/spaces/${SPACE}/messages/query`]: () => ({ data: [], nextPageUrl: null }),
      'GET /api/activitiesrecord/messages': () => ({ data: [
        { ...item('gone', 'created and removed while away', { created: at(1), modified: at(3) }), deleted: true },
        item('changed', 'edited while away', { created: at(2), modified: at(4) }),
      ], nextPageUrl: null }),
    }));
    await connect(adapter!, sockets);
    await apply(t, adapter!.sync('initial', new AbortController().signal));
    sockets[0]!.serverEmit('disconnect', 'transport close');
    await connect(adapter!, sockets);
    const missed = await adapter!.sync('reconnect', new AbortController().signal);
    expect(afterOf(calls), 'the initial sync noted the creation').to.deep.equal([T0 - 60_000 - CATCH_UP_OVERLAP_MS]);
    const unread = t.store.getState().conversations.get(SPACE)?.unreadCount ?? 0;
    t.store.apply(missed.map((e) => ({ ...e, origin: e.origin ?? 'missed' })));
    expect(thread(t).map((m) => [m.id, m.text, !!m.deleted, !!m.edited])).to.deep.equal([
      ['gone', '', true, false],
      ['changed', '<p>edited while away</p>', false, true],
    ]);
    expect(t.store.getState().conversations.get(SPACE)?.unreadCount ?? 0, 'a tombstone is no news').to.equal(unread + 1);
  });

  it('an unknown removed item from before the start is history not loaded: no tombstone', async () => {
    const { t, sockets } = start(guestRoutes({
      'GET /api/activitiesrecord/messages': () => ({ data: [{ ...item('old', 'long ago', { created: at(-3600), modified: at(10) }), deleted: true }], nextPageUrl: null }),
    }));
    await connect(adapter!, sockets);
    await apply(t, adapter!.sync('initial', new AbortController().signal));
    sockets[0]!.serverEmit('disconnect', 'transport close');
    await connect(adapter!, sockets);
    await apply(t, adapter!.sync('reconnect', new AbortController().signal));
    expect(thread(t).map((m) => m.id)).to.deep.equal(['m1', 'm2']);
  });

  it(`pages by time to the end: ${MAX_CATCH_UP_PAGES} pages before going live, the rest once live; a failure there renews the connection, and the next catch-up goes on from where it stood`, async () => {
    const record = Array.from({ length: 80 }, (_, i) => item(`r${i}`, `missed ${i}`, { created: at(10 + i), modified: at(10 + i) }));
    let failAt = Infinity;
    const answer = recordRoute(() => record);
    const { t, sockets, calls } = start(guestRoutes({
      'GET /api/activitiesrecord/messages': (c) => (calls.length >= failAt ? [503, { error: 'busy' }] : answer(c)),
    }), { pageSize: 1 });
    await connect(adapter!, sockets);
    await apply(t, adapter!.sync('initial', new AbortController().signal));
    sockets[0]!.serverEmit('disconnect', 'transport close');
    await connect(adapter!, sockets);
    failAt = calls.length + MAX_CATCH_UP_PAGES + 20; // fails 20 pages into the part that runs live
    const first = await adapter!.sync('reconnect', new AbortController().signal);
    expect(first.filter((e) => e.type === 'message.created'), 'a page each before going live').to.have.length(MAX_CATCH_UP_PAGES);
    t.store.apply(first);
    await until(() => t.closed.length === 2, 'the connection renewed');
    expect(t.closed[1]!.reason).to.equal('network-error');
    const stood = afterOf(calls).at(-1)!; // the failed request's: where it stood
    const heldBefore = thread(t).length;
    expect(heldBefore, 'what came live was kept').to.be.greaterThan(2 + MAX_CATCH_UP_PAGES / 2);

    failAt = Infinity;
    const before = calls.length;
    await connect(adapter!, sockets);
    await apply(t, adapter!.sync('reconnect', new AbortController().signal));
    await until(() => thread(t).length === 82, 'the whole record');
    const resumed = afterOf(calls.slice(before));
    expect(resumed[0], 'went on from where it stood').to.equal(stood);
    expect(resumed.every((a, i) => i === 0 || a >= resumed[i - 1]!), 'by time, forward').to.equal(true);
    expect(thread(t).map((m) => m.id)).to.deep.equal(['m1', 'm2', ...record.map((r) => String(r._id))]);
  });
});
