/**
 * The IMKIT catch-up whichever order `afterTime` pages come in. IMKIT does not say in which order
 * an `afterTime` query answers ("sorted by update time", direction unstated), nor whether it
 * honours `sortOrder`; `beforeMessage` pages hold their cursor (the vendor's Vue SDK drops their
 * first item). One recording of a room (what the store held before a cut, and the server's record
 * after it: new messages, edits, a recall, a permanent delete) is served by a pager in both
 * readings, and the caught-up thread must equal the server's record in each.
 */
import { expect } from '@open-wc/testing';
import type { Message } from '../../src/core/model.js';
import { oldestChangeFirst } from '../../src/core/protocols/imkit/sync-catch-up.js';
import { ok, type Call } from './fakes.js';
import { KIT, ME, defaultRoutes, openLink, options, setup, wireMessage } from './harness.js';

type Json = Record<string, unknown>;
type Order = 'oldest-first' | 'newest-first';

/** What the store held before the cut: m1..m12, 1000 ms apart. */
const HELD: Json[] = Array.from({ length: 12 }, (_, i) => wireMessage(`m${i + 1}`, (i + 1) * 1000));

/** The server's record after the cut: m3 edited, m10 deleted for good, m7 recalled, 9 new messages, m11 edited last. */
function recorded(): Json[] {
  const out = HELD.filter((m) => m._id !== 'm10').map((m) => ({ ...m }));
  const edit = (id: string, at: number, extra: Json) => Object.assign(out.find((m) => m._id === id)!, { updatedAtMS: at, ...extra });
  edit('m3', 20_500, { message: 'three, edited offline' });
  edit('m7', 21_500, { messageType: 'recall', message: '' });
  for (let k = 0; k < 9; k++) out.push(wireMessage(`n${k}`, 13_000 + k * 1000, { sender: k % 2 ? KIT : ME }));
  edit('m11', 30_000, { message: 'eleven, edited last' });
  return out;
}

/**
 * A pager over `record` in one reading: `afterTime` takes the oldest changes first (ascending) or
 * the newest first (descending, `sortOrder` ignored); other pages are the nearest messages before
 * the cursor, cursor included, newest first; the latest page likewise.
 */
function pager(record: readonly Json[], order: Order): (call: Call) => unknown {
  const changed = (m: Json) => m.updatedAtMS as number;
  const created = (m: Json) => m.createdAtMS as number;
  return (call) => {
    const q = new URL(call.path, 'http://x').searchParams;
    const limit = Number(q.get('limit'));
    const afterTime = q.get('afterTime');
    let page: Json[];
    if (afterTime !== null) {
      const since = record.filter((m) => changed(m) > Number(afterTime)).sort((a, b) => changed(a) - changed(b));
      page = order === 'oldest-first' ? since.slice(0, limit) : since.slice(-limit).reverse();
    } else {
      const byTime = [...record].sort((a, b) => created(a) - created(b));
      const cursor = q.get('beforeMessage');
      const end = cursor === null ? byTime.length : byTime.findIndex((m) => m._id === cursor) + 1;
      if (end === 0) return [404, { RC: 404, RM: 'Message not found' }];
      page = byTime.slice(Math.max(0, end - limit), end).reverse();
    }
    return ok({ totalCount: record.length, data: page, userDeletedIDs: [] });
  };
}

/** A held message as the store had it before the cut. */
function heldEvent(m: Json): { type: 'message.created'; conversationId: string; message: Message } {
  const at = m.createdAtMS as number;
  return { type: 'message.created', conversationId: 'r1', message: {
    id: m._id as string, conversationId: 'r1', kind: 'text', text: m.message as string, markup: 'plain', attachments: [],
    createdAt: at, updatedAt: at, version: at, status: 'sent', sender: { id: 'kit', role: 'member' },
  } };
}

/** The store's thread as the record would show it: id, text, recalled. */
const rowsOf = (list: readonly Message[]) => list.filter((m) => !m.deleted || m.kind === 'recalled').map((m) => [m.id, m.kind === 'recalled' || !!m.deleted ? '' : m.text]);
const rowsOfRecord = (record: readonly Json[]) => [...record]
  .sort((a, b) => (a.createdAtMS as number) - (b.createdAtMS as number))
  .map((m) => [m._id, m.messageType === 'recall' ? '' : m.message]);

describe('imkit adapter: the catch-up in either afterTime order', () => {
  for (const order of ['oldest-first', 'newest-first'] as const) {
    it(`${order}: the thread ends equal to the server's record (new, edited, recalled, deleted for good), nothing reported`, async () => {
      const record = recorded();
      const { adapter, t, calls } = setup(options({ pageSize: 4 }), defaultRoutes({ 'GET /rooms/r1/messages/v3': pager(record, order) }));
      await openLink(adapter);
      t.store.apply(HELD.map(heldEvent));
      t.store.apply(await adapter.sync('reconnect', new AbortController().signal));
      const thread = t.store.getState().messages.get('r1')!;
      expect(rowsOf(thread)).to.deep.equal(rowsOfRecord(record));
      expect(thread.find((m) => m.id === 'm10')?.deleted, 'the permanent delete').to.equal(true);
      expect(t.reports.map((r) => r.message)).to.deep.equal([]);
      const afterTime = calls.filter((c) => c.path.includes('afterTime='));
      expect(afterTime.every((c) => c.path.includes('sortOrder=asc')), 'oldest first is asked for').to.equal(true);
      if (order === 'newest-first') {
        expect(afterTime.length, 'one newest-first page ends the walk').to.equal(1);
        expect(calls.some((c) => c.path.includes('beforeMessage=')), 'then the window is refreshed page by page').to.equal(true);
      }
      adapter.close();
    });
  }

  it('the order test reads a page as changes: oldest first with ties, or not', () => {
    const m = (id: string, updatedAt: number) => ({ id, updatedAt, createdAt: 0 }) as Message;
    expect(oldestChangeFirst([m('a', 1), m('b', 1), m('c', 2)])).to.equal(true);
    expect(oldestChangeFirst([m('c', 2), m('a', 1)])).to.equal(false);
  });
});
