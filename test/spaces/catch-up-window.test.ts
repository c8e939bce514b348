/**
 * The Spaces catch-up and the history the widget has not loaded (issue #9, found with finding F):
 * the activities record lists every item changed while the widget was away, edits to old items
 * too. An edited item older than the oldest message the store holds is history not loaded yet:
 * inserted alone it would be an island above a hole, and paging back (which starts before the
 * oldest message held) would skip the hole for good. It is left to paging back instead, which
 * brings it as it is then, edited mark included.
 */
import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/spaces/protocol.js';
import { adapterTestHost } from '../helpers/fake-adapter-host.js';
import { fakeFetch, fakeIo } from './fakes.js';
import { API, connect, guestRoutes, item, options, recordRoute, SPACE, type Json } from './setup.js';

const T0 = Date.parse('2024-01-01T10:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

describe('spaces catch-up: edits to history not loaded are left to paging back', () => {
  let adapter: Adapter | undefined;
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('an edited item older than the held window is not inserted; the page back brings it, edited, and closes the gap', async () => {
    // At the server: two old items the widget never loaded, then m1 and m2 (its latest page).
    const older = [item('old1', 'first'), item('old2', 'second')].map((x, i) => ({ ...x, created: at(-100 + i), modified: at(-100 + i) }));
    const latest = [item('m1', 'one'), item('m2', 'two', { created: at(2), modified: at(2) })];
    let record: Json[] = [...older, ...latest];
    const io = fakeIo();
    const http = fakeFetch(guestRoutes({
      [`GET /api/spaces/${SPACE}/messages/query`]: (c) => {
        const ref = new URL(c.path, API).searchParams.get('refTime');
        const before = record.filter((x) => ref === null || Date.parse(String(x.created)) < Number(ref));
        return { data: before.slice(-2).reverse(), nextPageUrl: null }; // newest first, as Spaces answers
      },
      'GET /api/activitiesrecord/messages': recordRoute(() => record),
    }));
    const t = adapterTestHost({ protocol: 'spaces', options: options(io.io, { pageSize: 2 }), fetch: http.fetch });
    adapter = createAdapter(t.host);
    await connect(adapter, io.sockets);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    io.sockets[0]!.serverEmit('disconnect', 'transport close');
    // While cut off: Sam edits the oldest item and writes a new one.
    record = [{ ...older[0]!, content: { bodyText: '<p>first, edited</p>', data: [], description: '' }, modified: at(5) }, older[1]!, ...latest,
      item('m3', 'three', { created: at(6), modified: at(6) })];
    await connect(adapter, io.sockets);
    t.store.apply((await adapter.sync('reconnect', new AbortController().signal)).map((e) => ({ ...e, origin: e.origin ?? 'missed' })));
    const thread = () => (t.store.getState().messages.get(SPACE) ?? []).map((m) => [m.id, m.text, !!m.edited]);
    expect(thread(), 'no island above the hole').to.deep.equal([['m1', '<p>one</p>', false], ['m2', '<p>two</p>', false], ['m3', '<p>three</p>', false]]);

    t.store.apply(await adapter.execute({ type: 'loadOlder', conversationId: SPACE }, new AbortController().signal));
    expect(thread()).to.deep.equal([
      ['old1', '<p>first, edited</p>', true], ['old2', '<p>second</p>', false],
      ['m1', '<p>one</p>', false], ['m2', '<p>two</p>', false], ['m3', '<p>three</p>', false],
    ]);
  });
});
