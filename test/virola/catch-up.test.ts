/**
 * The Virola catch-up after a reconnect (issue #9, finding D): Virola has no "changed since" query
 * and its events socket replays nothing, so whatever happened to the messages the widget holds
 * while it was cut off is only seen by reading them again. These tests hold a whole window of
 * messages, change the oldest ones at the server during the outage, and check that the catch-up
 * brings every change, whether or not the server's pages include their cursor.
 */
import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/virola/protocol.js';
import { MAX_REFRESH_PAGES } from '../../src/core/protocols/virola/sync.js';
import { FakeSocket, fakeFetch, testHost, type TestHost } from './fakes.js';
import { baseRoutes, connectOpen, frame, pager, tokenOptions } from './harness.js';
import { wireMessage, wireRoom } from './samples.js';

type Json = Record<string, unknown>;

const SELF = 1;
const VERA = 2;
const LATER = 1_800_000_000_000;
const signal = () => new AbortController().signal;

/** A message as the server has it after an edit made while the widget was cut off. */
const edited = (m: Json, text: string): Json => ({ ...m, text, lastEditedUtc: LATER, lastModifiedUtc: LATER });

/** Ids from `first`, `count` of them. */
const range = (first: number, count: number): number[] => Array.from({ length: count }, (_, i) => first + i);

/** A connected adapter whose store holds `held` (live), then cut off and connected again; the calls it makes from then on. */
async function heldThenReconnected(
  server: () => Json[], held: Json[], extraRoutes: Record<string, (call: { path: string }) => unknown>, pageSize: number, inclusive: boolean,
): Promise<{ t: TestHost; adapter: Adapter; paths: () => string[] }> {
  const { fetch, calls } = fakeFetch(baseRoutes({
    'GET /api/v1/rooms': () => ({ httpStatusCode: 200, rooms: [wireRoom(2)] }),
    'GET /api/v1/rooms/2/messages': (call) => pager(server(), inclusive)(call),
    ...extraRoutes,
  }));
  const t = testHost(tokenOptions({ pageSize }), fetch);
  const adapter = createAdapter(t.host);
  const ws = await connectOpen(adapter);
  ws.push(frame('RoomCreated', { room: wireRoom(2) }));
  ws.push(frame('TextMessagesCreated', { messages: held }));
  ws.drop();
  await connectOpen(adapter);
  const from = calls.length;
  return { t, adapter, paths: () => calls.slice(from).map((c) => c.path) };
}

/** The store's messages of room 2 as [id, text, deleted, edited, status]. */
function thread(t: TestHost): [string, string, boolean, boolean, string][] {
  return (t.store.getState().messages.get('2') ?? []).map((m) => [m.id, m.text, !!m.deleted, !!m.edited, m.status]);
}

describe('virola catch-up: every held message is read again after a reconnect', () => {
  let adapter: Adapter | undefined;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  for (const inclusive of [true, false]) {
    it(`edits, deletions and read marks made while cut off land on the oldest held messages too (pages ${inclusive ? 'with' : 'without'} their cursor)`, async () => {
      const history = range(2001000, 5).map((id) => wireMessage(id)); // at the server, never loaded by the widget
      const held = range(2001010, 12).map((id) => wireMessage(id, id === 2001011 ? { userId: SELF } : {}));
      // While cut off: the oldest held message edited, the third deleted, my message read by Vera, two new ones.
      const now = [
        ...history,
        edited(held[0]!, 'the oldest, edited meanwhile'),
        { ...held[1]!, readTimestamps: [{ userId: SELF, readUtc: 1 }, { userId: VERA, readUtc: LATER }], lastModifiedUtc: LATER },
        ...held.slice(3),
        wireMessage(2001022), wireMessage(2001023),
      ];
      const run = await heldThenReconnected(() => now, held, {}, 3, inclusive);
      adapter = run.adapter;
      run.t.store.apply((await adapter.sync('reconnect', signal())).map((e) => ({ ...e, origin: 'missed' as const })));

      const text = (m: Json) => String(m.text);
      expect(thread(run.t)).to.deep.equal([
        ['2001010', 'the oldest, edited meanwhile', false, true, 'sent'],
        ['2001011', text(held[1]!), false, false, 'read'],
        ['2001012', '', true, false, 'sent'],
        ...held.slice(3).map((m): [string, string, boolean, boolean, string] => [String(m.messageId), text(m), false, false, 'sent']),
        ['2001022', 'm2001022', false, false, 'sent'],
        ['2001023', 'm2001023', false, false, 'sent'],
      ]);
      const backward = run.paths().filter((p) => p.includes('direction=backward'));
      const cursors = backward.map((p) => Number(new URL(p, 'http://x').searchParams.get('cursor')));
      expect(cursors[0], 'the refresh starts at the newest held message').to.equal(2001021);
      expect(Math.min(...cursors), 'and stops once past the oldest held one').to.be.greaterThan(2001010);
      expect(run.t.reports, 'nothing reported').to.deep.equal([]);
    });
  }

  it('held comments are read again: an edit and a deletion made while cut off land', async () => {
    const parent = wireMessage(2001100, { commentCount: 2 });
    const comments = [wireMessage(2001101, { parentMessageId: 2001100 }), wireMessage(2001102, { parentMessageId: 2001100 })];
    const run = await heldThenReconnected(() => [{ ...parent, commentCount: 1, lastModifiedUtc: LATER }], [parent, ...comments], {
      // The second comment was deleted, the first edited: the count went down, so it alone says nothing of the edit.
      'GET /api/v1/messages/2001100/comments': () => ({ httpStatusCode: 200, messages: [edited(comments[0]!, 'comment, edited meanwhile')] }),
    }, 50, true);
    adapter = run.adapter;
    run.t.store.apply((await adapter.sync('reconnect', signal())).map((e) => ({ ...e, origin: 'missed' as const })));
    expect(run.paths()).to.include('/api/v1/messages/2001100/comments?direction=backward&limit=50');
    expect(thread(run.t).slice(1)).to.deep.equal([
      ['2001101', 'comment, edited meanwhile', false, true, 'sent'],
      ['2001102', '', true, false, 'sent'],
    ]);
  });

  it(`the refresh is bounded: past ${MAX_REFRESH_PAGES} pages back it stops, says so, and deletes nothing it did not reach`, async () => {
    const pageSize = 2;
    const held = range(2002000, MAX_REFRESH_PAGES * pageSize + 20).map((id) => wireMessage(id));
    // While cut off the oldest held message was deleted (out of reach) and the newest but one edited (in reach).
    const now = [...held.slice(1, -2), edited(held.at(-2)!, 'edited meanwhile'), held.at(-1)!];
    const run = await heldThenReconnected(() => now, held, {}, pageSize, false);
    adapter = run.adapter;
    run.t.store.apply((await adapter.sync('reconnect', signal())).map((e) => ({ ...e, origin: 'missed' as const })));
    expect(run.paths().filter((p) => p.includes('direction=backward')).length).to.equal(MAX_REFRESH_PAGES);
    const byId = new Map(thread(run.t).map((row) => [row[0], row]));
    expect(byId.get(String(held.at(-2)!.messageId))?.slice(1, 4)).to.deep.equal(['edited meanwhile', false, true]);
    expect(byId.get('2002000')?.[2], 'out of reach: not taken for deleted').to.equal(false);
    expect(run.t.reports.map((r) => r.message)).to.deep.equal([
      `virola: the catch-up of room 2 re-read ${MAX_REFRESH_PAGES} pages back; changes to older messages may be missing`,
    ]);
  });
});
