/**
 * The catch-up policy, one table per rule (issue 12: the fault storm's "once caught up, the store
 * equals the server's record" invariant, case by case): `runtime/catch-up.ts` decodes lists item
 * by item, chooses what a first load opens, pages with a cap that says when it cut short, and turns
 * what a covering read no longer lists into tombstones and deleted conversations;
 * `runtime/sequencer.ts` orders the live frames around a catch-up and fills gaps; and a
 * `resync.required` on the open connection runs the adapter's catch-up again. The base case of
 * that last one (it runs, one at a time, and applies what it brings) is test/core/resync.test.ts;
 * the table here covers what that file does not.
 */
import { expect } from '@open-wc/testing';
import { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import {
  conversationsGone, conversationsToOpen, cutShort, decodeEach, pageThrough, tombstones, type Page,
} from '../../src/core/runtime/catch-up.js';
import { MAX_FILL_PAGES, Sequencer, type Sequenced } from '../../src/core/runtime/sequencer.js';
import { ADA, T0, created, manualStore } from '../helpers/events.js';
import { connected, fakeClient, type FakeClient } from '../helpers/fake-client.js';
import { settle } from '../helpers/fake-time.js';

describe('policy: catch-up — pageThrough reads pages up to a cap and says whether it reached the end', () => {
  interface PageCase {
    name: string;
    first?: string;
    /** The server's pages by the cursor that reads them ('-': no cursor); a string is an error. */
    pages: Record<string, Page<string, string> | string>;
    maxPages: number;
    /** The reads made, as `cursor@index`. */
    asked: string[];
    /** What it brought, or the error it failed with. */
    result: { items: string[]; complete: boolean; last?: string } | string;
  }
  const cases: PageCase[] = [
    {
      name: 'one page with no next: complete, and no cursor to name',
      pages: { '-': { items: ['a', 'b'] } }, maxPages: 5,
      asked: ['-@0'], result: { items: ['a', 'b'], complete: true },
    },
    {
      name: 'from a cursor, one page: complete, last is that cursor',
      first: 'k0', pages: { k0: { items: ['a'] } }, maxPages: 5,
      asked: ['k0@0'], result: { items: ['a'], complete: true, last: 'k0' },
    },
    {
      name: 'page after page until one has no next: the items in order, last the cursor of the last page read',
      pages: { '-': { items: ['a'], next: 'k1' }, k1: { items: ['b', 'c'], next: 'k2' }, k2: { items: ['d'] } }, maxPages: 5,
      asked: ['-@0', 'k1@1', 'k2@2'], result: { items: ['a', 'b', 'c', 'd'], complete: true, last: 'k2' },
    },
    {
      name: 'an empty page that says there is more is followed',
      pages: { '-': { items: [], next: 'k1' }, k1: { items: ['a'] } }, maxPages: 5,
      asked: ['-@0', 'k1@1'], result: { items: ['a'], complete: true, last: 'k1' },
    },
    {
      name: 'the cap reached with the end on its last page: complete',
      pages: { '-': { items: ['a'], next: 'k1' }, k1: { items: ['b'] } }, maxPages: 2,
      asked: ['-@0', 'k1@1'], result: { items: ['a', 'b'], complete: true, last: 'k1' },
    },
    {
      // `last` is where the next page would start: what a caller resumes from, or counts as covered up to.
      name: 'the cap stops it before the end: not complete, last the cursor of the page not read',
      pages: { '-': { items: ['a'], next: 'k1' }, k1: { items: ['b'], next: 'k2' }, k2: { items: ['c'] } }, maxPages: 2,
      asked: ['-@0', 'k1@1'], result: { items: ['a', 'b'], complete: false, last: 'k2' },
    },
    {
      name: 'a cap of one page still reads that page',
      first: 'k0', pages: { k0: { items: ['a'], next: 'k1' } }, maxPages: 1,
      asked: ['k0@0'], result: { items: ['a'], complete: false, last: 'k1' },
    },
    {
      name: 'a page that fails fails the read',
      pages: { '-': { items: ['a'], next: 'k1' }, k1: 'the server answered 500' }, maxPages: 5,
      asked: ['-@0', 'k1@1'], result: 'the server answered 500',
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const asked: string[] = [];
      const read = async (cursor: string | undefined, index: number): Promise<Page<string, string>> => {
        const key = cursor ?? '-';
        asked.push(`${key}@${index}`);
        const page = c.pages[key];
        if (page === undefined) throw new Error(`no page at ${key}`);
        if (typeof page === 'string') throw new Error(page);
        return page;
      };
      let result: unknown;
      try {
        result = await pageThrough(c.first, read, c.maxPages);
      } catch (err) {
        result = (err as Error).message;
      }
      expect(result).to.deep.equal(c.result);
      expect(asked).to.deep.equal(c.asked);
    });
  }
});

describe('policy: catch-up — a catch-up cut short says so (cutShort)', () => {
  const cases = [
    { protocol: 'imkit', what: 'the catch-up of room r1 stopped after 100 pages; later changes may be missing' },
    { protocol: 'virola', what: 'room 7: stopped after 100 pages' },
  ];
  for (const c of cases) {
    it(`${c.protocol}: a transport error naming the protocol and what may be missing`, () => {
      const err = cutShort(c.protocol, c.what);
      expect(err).to.be.instanceOf(ParleyError);
      expect([err.code, err.protocol, err.message]).to.deep.equal(['transport', c.protocol, `${c.protocol}: ${c.what}`]);
    });
  }
});

describe('policy: catch-up — what a covering read no longer lists becomes a tombstone (tombstones)', () => {
  interface TombstoneCase {
    name: string;
    /** Messages held in c1 (`!` marks one deleted already). */
    held: string[];
    gone: string[];
    /** c1 afterwards: `id` or `id:deleted`. */
    after: string[];
    /** Whether applying it changes the store. */
    changes: boolean;
  }
  const cases: TombstoneCase[] = [
    { name: 'nothing gone: no event at all', held: ['1', '2'], gone: [], after: ['1', '2'], changes: false },
    { name: 'the messages gone are deleted for everyone, their text dropped, in place', held: ['1', '2', '3'], gone: ['1', '3'], after: ['1:deleted', '2', '3:deleted'], changes: true },
    { name: 'an id the store does not hold changes nothing', held: ['1'], gone: ['9'], after: ['1'], changes: false },
    { name: 'one deleted already stays as it is', held: ['1', '!2'], gone: ['2'], after: ['1', '2:deleted'], changes: false },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const { store } = manualStore();
      store.apply(c.held.map((h, i) => created({ id: h.replace('!', ''), text: `text ${h}`, sender: ADA, at: T0 + i })));
      store.apply(c.held.filter((h) => h.startsWith('!')).map((h) => ({ type: 'message.deleted', conversationId: 'c1', messageIds: [h.slice(1)], scope: 'everyone' })));
      const gone = [...c.gone];
      const event = tombstones('c1', gone);
      gone.push('mutated later');
      if (c.gone.length === 0) expect(event).to.equal(undefined);
      else expect(event).to.deep.equal({ type: 'message.deleted', conversationId: 'c1', messageIds: c.gone, scope: 'everyone', wireName: 'rest:catch-up' });
      const before = store.getState();
      if (event) store.apply([event]);
      expect((store.getState().messages.get('c1') ?? []).map((m) => (m.deleted ? `${m.id}:deleted` : m.id))).to.deep.equal(c.after);
      for (const m of store.getState().messages.get('c1') ?? []) if (m.deleted) expect(m.text, `${m.id} keeps no text`).to.equal('');
      expect(store.getState() !== before, 'the store changed').to.equal(c.changes);
    });
  }
});

describe('policy: catch-up — a held conversation a full list no longer names is gone (conversationsGone)', () => {
  interface GoneCase { name: string; held: string[]; listed: string[]; active?: string; gone: string[]; stillOpen?: string }
  const cases: GoneCase[] = [
    { name: 'all still listed: nothing gone', held: ['c1', 'c2'], listed: ['c1', 'c2'], gone: [] },
    { name: 'the unlisted ones go, in the order held', held: ['c1', 'c2', 'c3'], listed: ['c2'], gone: ['c1', 'c3'] },
    { name: 'new ones listed are not "gone"', held: ['c1'], listed: ['c1', 'c9'], gone: [] },
    { name: 'nothing held: nothing gone', held: [], listed: ['c1'], gone: [] },
    { name: 'an empty list: everything held is gone, the open one closed', held: ['c1', 'c2'], listed: [], active: 'c2', gone: ['c1', 'c2'] },
    { name: 'the open one still listed stays open', held: ['c1', 'c2'], listed: ['c2'], active: 'c2', gone: ['c1'], stillOpen: 'c2' },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const { store } = manualStore();
      store.apply(c.held.flatMap((id): ChatEvent[] => [
        { type: 'conversation.created', conversation: { id } }, created({ id: `${id}-m`, conversationId: id, sender: ADA }),
      ]));
      if (c.active) store.setActive(c.active);
      const events = conversationsGone(c.held, new Set(c.listed));
      expect(events).to.deep.equal(c.gone.map((conversationId) => ({ type: 'conversation.deleted', conversationId, wireName: 'rest:catch-up' })));
      store.apply(events);
      const s = store.getState();
      expect([...s.conversations.keys()]).to.deep.equal(c.held.filter((id) => !c.gone.includes(id)));
      expect([...s.messages.keys()].filter((id) => (s.messages.get(id) ?? []).length), 'their messages go with them')
        .to.deep.equal(c.held.filter((id) => !c.gone.includes(id)));
      expect(s.activeConversation).to.equal(c.stillOpen);
    });
  }
});

describe('policy: catch-up — a first load opens the wanted conversation, then the most recent (conversationsToOpen)', () => {
  interface OpenCase { name: string; listed: ChatEvent[]; wanted?: string; limit: number; open: string[] }
  const conv = (id: string, lastActivityAt?: number, type: 'conversation.created' | 'conversation.updated' = 'conversation.created'): ChatEvent => {
    const conversation = { id, ...(lastActivityAt === undefined ? {} : { lastActivityAt }) };
    return type === 'conversation.created' ? { type, conversation } : { type, conversation };
  };
  const cases: OpenCase[] = [
    { name: 'the most recently active first, at most the limit', listed: [conv('a', 1), conv('b', 3), conv('c', 2)], limit: 2, open: ['b', 'c'] },
    { name: 'the wanted one first, however old, and only once', listed: [conv('a', 1), conv('b', 3), conv('c', 2)], wanted: 'a', limit: 2, open: ['a', 'b'] },
    { name: 'a wanted one not listed is not opened (it is not mine)', listed: [conv('a', 1), conv('b', 3)], wanted: 'zz', limit: 5, open: ['b', 'a'] },
    { name: 'the same activity: the greater id first, compared as numbers', listed: [conv('9', 5), conv('10', 5), conv('2', 5)], limit: 5, open: ['10', '9', '2'] },
    { name: 'those with no activity known come last', listed: [conv('a'), conv('b', 1), conv('c')], limit: 5, open: ['b', 'c', 'a'] },
    { name: 'updated conversations count as listed (a reconnect\'s list); other events do not', listed: [conv('a', 1, 'conversation.updated'), created({ id: 'm', conversationId: 'x', at: 99 }), conv('b', 2)], limit: 5, open: ['b', 'a'] },
    { name: 'a limit of none opens none, not even the wanted one', listed: [conv('a', 1)], wanted: 'a', limit: 0, open: [] },
    { name: 'nothing listed: nothing to open', listed: [], wanted: 'a', limit: 3, open: [] },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const listed = [...c.listed];
      expect(conversationsToOpen(listed, c.wanted, c.limit)).to.deep.equal(c.open);
      expect(listed, 'the events are not reordered').to.deep.equal(c.listed);
    });
  }
});

describe('policy: catch-up — a list is decoded item by item, a bad item reported and skipped (decodeEach)', () => {
  interface DecodeCase { name: string; list: unknown[]; decoded: string[]; dropped: string[] }
  const one = (item: unknown): string => {
    if (typeof item !== 'number') throw new Error(`not a number: ${JSON.stringify(item)}`);
    return `n${item}`;
  };
  const cases: DecodeCase[] = [
    { name: 'all good: all decoded, in order', list: [3, 1, 2], decoded: ['n3', 'n1', 'n2'], dropped: [] },
    { name: 'a bad item is handed over with its error and skipped; the rest keep their order', list: [1, 'x', 2, null, 3], decoded: ['n1', 'n2', 'n3'], dropped: ['"x": not a number: "x"', 'null: not a number: null'] },
    { name: 'all bad: nothing decoded, each reported', list: [{}, []], decoded: [], dropped: ['{}: not a number: {}', '[]: not a number: []'] },
    { name: 'an empty list: nothing', list: [], decoded: [], dropped: [] },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const dropped: string[] = [];
      const out = decodeEach(c.list, one, (err, item) => dropped.push(`${JSON.stringify(item)}: ${(err as Error).message}`));
      expect(out).to.deep.equal(c.decoded);
      expect(dropped).to.deep.equal(c.dropped);
    });
  }
});

describe('policy: catch-up — the sequencer emits each event once, in sequence, around catch-ups and gaps', () => {
  type Step =
    | ['hold'] | ['release'] | ['reset'] | ['settle']
    | ['note', string, number]
    | ['forget', string]
    /** A live frame at its place in the sequence. */
    | ['live', string, number]
    /** A live frame outside the sequence (typing). */
    | ['plain', string];
  interface SequenceCase {
    name: string;
    steps: Step[];
    pageSize?: number;
    /** The server's events per conversation (default: every number up to 1,000). */
    server?: Record<string, number[]>;
    /** The server's event list fails. */
    fetchFails?: boolean;
    /** What went out, in order: `c1#3:live`, `c1#3:fill` (fetched), or a plain frame's label. */
    emitted: string[];
    /** The fetches made, as `c1:from+limit`. */
    fetches: string[];
    /** The gaps reported as not filled, as `c1 up to 4`. */
    failed?: string[];
    /** Each conversation's baseline at the end. */
    latest: Record<string, number | undefined>;
  }
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const fills = (cid: string, from: number, to: number): string[] => range(from, to).map((n) => `${cid}#${n}:fill`);
  const cases: SequenceCase[] = [
    { name: 'in order after the baseline: each at once', steps: [['note', 'c1', 2], ['live', 'c1', 3], ['live', 'c1', 4]], emitted: ['c1#3:live', 'c1#4:live'], fetches: [], latest: { c1: 4 } },
    { name: 'no baseline yet: the first event sets it', steps: [['live', 'c1', 7], ['live', 'c1', 8]], emitted: ['c1#7:live', 'c1#8:live'], fetches: [], latest: { c1: 8 } },
    { name: 'a frame sent twice goes out once', steps: [['note', 'c1', 2], ['live', 'c1', 3], ['live', 'c1', 3]], emitted: ['c1#3:live'], fetches: [], latest: { c1: 3 } },
    {
      name: 'at or below the baseline (covered by a sync or a page): dropped',
      steps: [['note', 'c1', 5], ['live', 'c1', 4], ['live', 'c1', 5], ['note', 'c1', 3], ['live', 'c1', 6]],
      emitted: ['c1#6:live'], fetches: [], latest: { c1: 6 },
    },
    {
      name: 'a gap is fetched, then everything goes out in order',
      steps: [['note', 'c1', 2], ['live', 'c1', 5]],
      emitted: [...fills('c1', 3, 4), 'c1#5:live'], fetches: ['c1:3+2'], latest: { c1: 5 },
    },
    {
      name: 'frames out of order while the gap is fetched: each once, in order',
      steps: [['note', 'c1', 2], ['live', 'c1', 5], ['live', 'c1', 4], ['live', 'c1', 6], ['live', 'c1', 5]],
      emitted: [...fills('c1', 3, 4), 'c1#5:live', 'c1#6:live'], fetches: ['c1:3+2'], latest: { c1: 6 },
    },
    {
      name: 'a gap longer than a page is fetched page by page',
      pageSize: 2, steps: [['note', 'c1', 2], ['live', 'c1', 8]],
      emitted: [...fills('c1', 3, 7), 'c1#8:live'], fetches: ['c1:3+2', 'c1:5+2', 'c1:7+1'], latest: { c1: 8 },
    },
    {
      name: 'a short page (events the server no longer has) ends the fill: what it had, then the waiting',
      server: { c1: [3] }, steps: [['note', 'c1', 2], ['live', 'c1', 5]],
      emitted: ['c1#3:fill', 'c1#5:live'], fetches: ['c1:3+2'], latest: { c1: 5 },
    },
    {
      name: 'a fill that fails is reported; the waiting events go out, the baseline past the gap',
      fetchFails: true, steps: [['note', 'c1', 2], ['live', 'c1', 5], ['settle'], ['live', 'c1', 6]],
      emitted: ['c1#5:live', 'c1#6:live'], fetches: ['c1:3+2'], failed: ['c1 up to 4'], latest: { c1: 6 },
    },
    {
      // The live copy of 4 is the only one there is once the fetch failed.
      name: 'a frame inside the gap that came live while the fill failed still goes out, in order',
      fetchFails: true, steps: [['note', 'c1', 2], ['live', 'c1', 5], ['live', 'c1', 4]],
      emitted: ['c1#4:live', 'c1#5:live'], fetches: ['c1:3+2'], failed: ['c1 up to 4'], latest: { c1: 5 },
    },
    {
      // MAX_FILL_PAGES: "stopping short leaves a hole in the thread that nothing fills later", so it must be said.
      name: 'a fill stopped by its page cap reports the part it could not fetch',
      pageSize: 1, steps: [['note', 'c1', 0], ['live', 'c1', MAX_FILL_PAGES + 2]],
      emitted: [...fills('c1', 1, MAX_FILL_PAGES), `c1#${MAX_FILL_PAGES + 2}:live`],
      fetches: range(1, MAX_FILL_PAGES).map((n) => `c1:${n}+1`), failed: [`c1 up to ${MAX_FILL_PAGES + 1}`], latest: { c1: MAX_FILL_PAGES + 2 },
    },
    {
      name: 'held while a sync runs, then let through against the baseline the sync noted',
      steps: [['hold'], ['live', 'c1', 3], ['live', 'c1', 4], ['live', 'c1', 6], ['note', 'c1', 4], ['release']],
      emitted: ['c1#5:fill', 'c1#6:live'], fetches: ['c1:5+1'], latest: { c1: 6 },
    },
    {
      name: 'held frames outside the sequence go out on release, in arrival order',
      steps: [['note', 'c1', 2], ['hold'], ['plain', 'typing-1'], ['live', 'c1', 3], ['plain', 'typing-2'], ['release']],
      emitted: ['typing-1', 'c1#3:live', 'typing-2'], fetches: [], latest: { c1: 3 },
    },
    {
      name: 'a frame outside the sequence passes at once, even while its conversation waits for a fill',
      steps: [['note', 'c1', 2], ['live', 'c1', 5], ['plain', 'typing']],
      emitted: ['typing', ...fills('c1', 3, 4), 'c1#5:live'], fetches: ['c1:3+2'], latest: { c1: 5 },
    },
    {
      name: 'one conversation\'s gap does not hold another back',
      steps: [['note', 'c1', 2], ['note', 'c2', 10], ['live', 'c1', 5], ['live', 'c2', 11]],
      emitted: ['c2#11:live', ...fills('c1', 3, 4), 'c1#5:live'], fetches: ['c1:3+2'], latest: { c1: 5, c2: 11 },
    },
    {
      name: 'reset abandons a running fill and the waiting frames; the baseline stays for the next sync',
      steps: [['note', 'c1', 2], ['live', 'c1', 5], ['reset'], ['settle'], ['live', 'c1', 3]],
      emitted: ['c1#3:live'], fetches: ['c1:3+2'], latest: { c1: 3 },
    },
    {
      name: 'a forgotten conversation (deleted, or I left it) starts again from its next frame',
      steps: [['note', 'c1', 5], ['forget', 'c1'], ['live', 'c1', 2]],
      emitted: ['c1#2:live'], fetches: [], latest: { c1: 2 },
    },
  ];

  const frame = (cid: string, n: number, how: 'live' | 'fill'): Sequenced =>
    ({ events: [{ type: 'unknown', conversationId: cid, wireName: `${cid}#${n}:${how}` }], sequence: { conversationId: cid, value: n } });

  for (const c of cases) {
    it(c.name, async () => {
      const emitted: string[] = [];
      const fetches: string[] = [];
      const failed: string[] = [];
      const seq = new Sequencer({
        pageSize: c.pageSize ?? 50,
        async fetch(cid, from, limit) {
          fetches.push(`${cid}:${from}+${limit}`);
          await Promise.resolve();
          if (c.fetchFails) throw new Error('the server answered 500');
          const have = c.server?.[cid] ?? range(1, 1000);
          const got = have.filter((n) => n >= from && n < from + limit);
          return { decoded: got.map((n) => frame(cid, n, 'fill')), count: got.length };
        },
        emit: (events) => emitted.push(...events.map((e) => e.wireName ?? '?')),
        failed: (cid, _from, to) => failed.push(`${cid} up to ${to}`),
      });
      for (const step of c.steps) {
        switch (step[0]) {
          case 'hold': seq.hold(); break;
          case 'release': seq.release(); break;
          case 'reset': seq.reset(); break;
          case 'settle': await settle(); break;
          case 'note': seq.note(step[1], step[2]); break;
          case 'forget': seq.forget(step[1]); break;
          case 'live': seq.accept(frame(step[1], step[2], 'live')); break;
          case 'plain': seq.accept({ events: [{ type: 'unknown', wireName: step[1] }] }); break;
        }
      }
      await settle();
      expect(emitted).to.deep.equal(c.emitted);
      expect(fetches).to.deep.equal(c.fetches);
      expect(failed).to.deep.equal(c.failed ?? []);
      expect(Object.fromEntries(Object.keys(c.latest).map((cid) => [cid, seq.latestOf(cid)]))).to.deep.equal(c.latest);
    });
  }
});

describe('policy: catch-up — resync.required runs the catch-up again on the open connection', () => {
  interface ResyncCase {
    name: string;
    /** Asked for during the first connect's own sync instead of on the open connection. */
    whileConnecting?: boolean;
    /** The first catch-up waits until the trigger releases it. */
    gated?: boolean;
    /** What the adapter's reconnect catch-ups bring, the n-th one (from 1) by index; a string is an error. */
    catchUps: (ChatEvent[] | string)[];
    /** What the test does once the connection is open (default: one resync.required). */
    trigger?: (f: FakeClient, release: () => void) => Promise<void>;
    /** The store's log once done, after the first open: `origin:type:id`. */
    log: string[];
    syncs: string[];
    connects: number;
    errors?: (protocol: string) => string[];
  }
  const resync: ChatEvent = { type: 'resync.required', reason: 'gap' };
  const message = (id: string, origin?: ChatEvent['origin']) => created({ id, at: T0 + 1 }, origin);
  const cases: ResyncCase[] = [
    {
      name: 'what the catch-up brings is applied as missed (new to the user); an origin it names is kept',
      catchUps: [[message('m1'), message('m2', 'backfill')]],
      log: ['live:resync.required:', 'missed:message.created:m1', 'backfill:message.created:m2'],
      syncs: ['initial', 'reconnect'], connects: 1,
    },
    {
      name: 'live events in the same frame are applied first, the catch-up after them',
      catchUps: [[message('m2')]],
      trigger: async (f) => { f.backend.emit([created({ id: 'm1', at: T0 }), resync]); },
      log: ['live:message.created:m1', 'live:resync.required:', 'missed:message.created:m2'],
      syncs: ['initial', 'reconnect'], connects: 1,
    },
    {
      name: 'a catch-up that fails is reported, and the connection stays open',
      catchUps: ['the server answered 500'],
      log: ['live:resync.required:'],
      syncs: ['initial', 'reconnect'], connects: 1,
      errors: (p) => [`transport: ${p}: the catch-up the backend asked for failed: the server answered 500`],
    },
    {
      name: 'asked for while connecting: the connect\'s own sync covers it, no second one',
      whileConnecting: true, catchUps: [], trigger: async () => undefined,
      log: ['live:resync.required:'], syncs: ['initial'], connects: 1,
    },
    {
      name: 'the connection drops while it runs: what it brings is not applied; the reconnect\'s catch-up is',
      catchUps: [[message('stale')], [message('fresh')]], gated: true,
      async trigger(f, release) {
        f.backend.emit([resync]);
        await settle();
        f.backend.drop();
        release();
        await settle();
        f.clock.advance(750); // the first backoff step (fake-client.ts: BACKOFF, random 0.5)
      },
      log: ['live:resync.required:', 'missed:message.created:fresh'],
      syncs: ['initial', 'reconnect', 'reconnect'], connects: 2,
    },
  ];

  const fixtures: FakeClient[] = [];
  afterEach(() => { for (const f of fixtures.splice(0)) f.client.dispose(); });

  for (const c of cases) {
    it(c.name, async () => {
      let release: () => void = () => undefined;
      const gate = c.gated ? new Promise<void>((r) => { release = r; }) : Promise.resolve();
      let catchUps = 0;
      const onSync = (f: FakeClient) => async (kind: 'initial' | 'reconnect'): Promise<ChatEvent[]> => {
        if (kind === 'initial') {
          if (c.whileConnecting) f.backend.emit([resync]);
          return [{ type: 'conversation.created', conversation: { id: 'c1' } }];
        }
        const n = catchUps++;
        if (n === 0) await gate;
        const brings = c.catchUps[n];
        if (brings === undefined) throw new Error(`catch-up ${n + 1} was not expected`);
        if (typeof brings === 'string') throw new Error(brings);
        return brings;
      };
      let f: FakeClient;
      if (c.whileConnecting) {
        f = fakeClient();
        f.backend.onSync = onSync(f);
        f.client.connect();
        await settle();
        expect(f.client.status).to.equal('open');
      } else {
        f = await connected({}, [{ type: 'conversation.created', conversation: { id: 'c1' } }]);
        f.backend.onSync = onSync(f);
        f.store.log.length = 0;
      }
      fixtures.push(f);
      await (c.trigger ?? (async (x: FakeClient) => { x.backend.emit([resync]); }))(f, release);
      await settle();
      expect(f.client.status).to.equal('open');
      expect(f.store.log.filter((l) => !l.includes('conversation.created'))).to.deep.equal(c.log);
      expect(f.backend.syncs).to.deep.equal(c.syncs);
      expect(f.backend.connects).to.equal(c.connects);
      expect(f.errors.map((e) => `${e.code}: ${e.message}`)).to.deep.equal(c.errors?.(f.client.protocol) ?? []);
    });
  }
});
