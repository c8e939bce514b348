/**
 * The first sync of a new adapter over a store that already holds the space (found with the fault
 * storm): a token change builds a new client over the same store, a reload restores the store from
 * the cache. Between the old socket's end and the new socket's subscription the server goes on:
 * an edit or a removal of a held message older than the latest page reaches no socket and is in
 * no latest page. Only the activities record has it, so the first sync reads it from the newest
 * change held, as a catch-up does, and no cursor may pass it.
 */
import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/spaces/protocol.js';
import { adapterTestHost } from '../helpers/fake-adapter-host.js';
import { fakeFetch, fakeIo } from './fakes.js';
import { API, connect, guestRoutes, item, options, recordRoute, SPACE, type Json } from './setup.js';

const T0 = Date.parse('2024-01-01T10:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();
const chat = (id: string, s: number, extra: Json = {}): Json => item(id, id, { created: at(s), modified: at(s), ...extra });

describe('spaces first sync over a store that holds the space already', () => {
  const adapters: Adapter[] = [];
  afterEach(() => { for (const a of adapters.splice(0)) a.close(); });

  /** A space whose latest page is 2 items, over `record` (oldest first); one store for every adapter made. */
  function setup(record: { items: Json[] }) {
    const io = fakeIo();
    const http = fakeFetch(guestRoutes({
      [`GET /api/spaces/${SPACE}/messages/query`]: (c) => {
        const ref = new URL(c.path, API).searchParams.get('refTime');
        const listed = record.items.filter((x) => x.deleted !== true && (ref === null || Date.parse(String(x.created)) < Number(ref)));
        return { data: listed.slice(-2).reverse(), nextPageUrl: null }; // newest first, removed items unlisted
      },
      'GET /api/activitiesrecord/messages': recordRoute(() => record.items),
    }));
    const t = adapterTestHost({ protocol: 'spaces', options: options(io.io, { pageSize: 2 }), fetch: http.fetch });
    const open = async (): Promise<Adapter> => {
      const adapter = createAdapter(t.host);
      adapters.push(adapter);
      await connect(adapter, io.sockets);
      return adapter;
    };
    const thread = () => (t.store.getState().messages.get(SPACE) ?? []).map((m) => [m.id, m.text, !!m.deleted]);
    return { t, io, open, thread };
  }

  it('a change to a held message older than the latest page, made while no socket was subscribed, is brought by the new adapter', async () => {
    const record = { items: [chat('m1', 1), chat('m2', 2), chat('m3', 3), chat('m4', 4)] };
    const { t, io, open, thread } = setup(record);
    // The first adapter: its latest page, then m1 and m2 as earlier history, then a live frame.
    const first = await open();
    t.store.apply(await first.sync('initial', new AbortController().signal));
    t.store.apply(await first.execute({ type: 'loadOlder', conversationId: SPACE }, new AbortController().signal));
    expect(thread().map(([id]) => id)).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
    // A newer change arrives live; then the socket goes (a token change: the client is replaced).
    const m5 = chat('m5', 5);
    record.items.push(m5);
    io.sockets[0]!.serverEmit('MESSAGE_SENT', m5);
    first.close();
    // While no socket is subscribed: m1 is edited, m2 removed, and three more are written.
    record.items = [{ ...record.items[0]!, content: { bodyText: '<p>m1, edited</p>', data: [], description: '' }, modified: at(6) },
      { ...record.items[1]!, deleted: true, modified: at(7) }, ...record.items.slice(2), chat('m6', 8), chat('m7', 9), chat('m8', 10)];
    // The new adapter over the same store.
    const second = await open();
    t.store.apply(await second.sync('initial', new AbortController().signal));
    expect(thread()).to.deep.equal([
      ['m1', '<p>m1, edited</p>', false], ['m2', '', true], ['m3', '<p>m3</p>', false], ['m4', '<p>m4</p>', false],
      ['m5', '<p>m5</p>', false], ['m6', '<p>m6</p>', false], ['m7', '<p>m7</p>', false], ['m8', '<p>m8</p>', false],
    ]);
    expect(t.store.getState().messages.get(SPACE)!.find((m) => m.id === 'm1')!.edited, 'm1 marked edited').to.equal(true);
  });

  it('an empty store still takes only the latest page (history comes by paging back)', async () => {
    const record = { items: [chat('m1', 1), chat('m2', 2), chat('m3', 3)] };
    const { t, open, thread } = setup(record);
    const first = await open();
    t.store.apply(await first.sync('initial', new AbortController().signal));
    expect(thread().map(([id]) => id)).to.deep.equal(['m2', 'm3']);
  });
});
