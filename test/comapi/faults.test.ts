/**
 * What the fault storm (test/faults/comapi.test.ts) found, pinned down in unit tests: frames
 * sent twice or out of order, typing notices overtaking each other, a "typing off" lost while
 * cut off, and a catch-up longer than the events pages the adapter fetches.
 */
import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/comapi/protocol.js';
import { MAX_FILL_PAGES } from '../../src/core/runtime/sequencer.js';
import { FakeSocket, fakeFetch, settle, testHost, until, type TestHost } from './fakes.js';
import { AT, challengeOptions, ids, openSocket, restMessage, routes } from './helpers.js';
import { CONV, sentFrame, statusFrame, typingFrame } from './wire-frames.js';

type Json = Record<string, unknown>;

const SENT_ON = ((sentFrame().payload as Json).context as Json).sentOn;

/** A typing frame published at `second` past 09:00:00 (ms precision, like the service's). */
function typingAt(on: boolean, time: string): Json {
  return { ...typingFrame(on), publishedOn: `2024-05-01T09:00:${time}Z` };
}

function typists(t: TestHost): string[] {
  return (t.store.getState().typing.get(CONV) ?? []).map((x) => x.actor.id);
}

function createdCount(t: TestHost, id: string): number {
  return t.emitted.filter((e) => e.type === 'message.created' && e.message.id === id).length;
}

describe('comapi adapter under faults', () => {
  let adapter: Adapter | undefined;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('a frame sent twice, and one that arrives after the gap it left was fetched, go out once', async () => {
    const { fetch } = fakeFetch(routes({ [`GET ${AT}/events?from=3&limit=1`]: () => [{ ...sentFrame({ seq: 3, id: 'm3' }), conversationId: CONV }] }));
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    ws.push(sentFrame({ seq: 4, id: 'm4' })); // overtook 3: the gap is fetched
    await until(() => ids(t).includes('m4'), 'the filled gap');
    ws.push(sentFrame({ seq: 3, id: 'm3' })); // the overtaken frame, late
    ws.push(sentFrame({ seq: 4, id: 'm4' })); // and one sent twice
    ws.push(statusFrame('read', { seq: 5, messageId: 'm2' }));
    ws.push(statusFrame('read', { seq: 5, messageId: 'm2' }));
    await settle();
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
    expect([createdCount(t, 'm3'), createdCount(t, 'm4')]).to.deep.equal([1, 1]);
    expect(t.emitted.filter((e) => e.type === 'receipt.read').length).to.equal(1);
  });

  it('a typing notice older than the newest one seen is dropped; at the same millisecond "off" wins', async () => {
    const t = testHost(challengeOptions(), fakeFetch(routes()).fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    ws.push(typingAt(false, '02.000'));
    ws.push(typingAt(true, '01.000')); // overtaken by its "off"
    expect(typists(t), 'a late "typing"').to.deep.equal([]);
    ws.push(typingAt(true, '03.000'));
    ws.push(typingAt(false, '02.500')); // an old "off" after a newer "typing"
    expect(typists(t), 'a late "off"').to.deep.equal(['ada']);
    ws.push(typingAt(false, '04.000'));
    ws.push(typingAt(true, '04.000')); // the same millisecond: order unknown
    expect(typists(t), 'a tie').to.deep.equal([]);
    ws.push(typingAt(true, '05.000'));
    expect(typists(t), 'a newer "typing"').to.deep.equal(['ada']);
  });

  it('reconnect after more events than the pages allow: messages pages cover the rest, no hole', async () => {
    // One log of messages (every event is a message) that both APIs answer from; it grows while cut off.
    let latest = 2;
    const total = MAX_FILL_PAGES + 30;
    const from = (path: string, key: string): number | undefined => {
      const v = new URLSearchParams(path.split('?')[1]).get(key);
      return v === null ? undefined : Number(v);
    };
    const author = (seq: number): string => (seq % 2 ? 'ada' : 'me');
    const { fetch, calls } = fakeFetch(routes({
      [`GET ${AT}/events`]: (c) => {
        const out: Json[] = [];
        for (let s = from(c.path, 'from')!; s <= latest && out.length < from(c.path, 'limit')!; s++) {
          out.push({ ...sentFrame({ seq: s, id: `m${s}`, from: author(s), text: `text ${s}` }), conversationId: CONV });
        }
        return out;
      },
      // pageSize 1: the latest message, or the one at `from` (paging backwards).
      [`GET ${AT}/messages`]: (c) => {
        const upTo = Math.min(from(c.path, 'from') ?? latest, latest);
        const m = restMessage(`m${upTo}`, upTo, author(upTo), `text ${upTo}`);
        (m.context as Json).sentOn = SENT_ON; // one time for all, as in sentFrame: the sequence orders them
        return { earliestEventId: upTo, latestEventId: upTo, orphanedEvents: [], messages: [m] };
      },
    }));
    const t = testHost(challengeOptions({ pageSize: 1 }), fetch);
    adapter = createAdapter(t.host);
    await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    expect(ids(t)).to.deep.equal(['m2']);
    adapter.close();

    latest = total;
    await openSocket(adapter, t);
    const before = calls.length;
    t.store.apply(await adapter.sync('reconnect', new AbortController().signal));
    const paths = calls.slice(before).map((c) => c.path);
    expect(paths.filter((p) => p.includes('/events')).length, 'events pages, up to the limit').to.equal(MAX_FILL_PAGES);
    expect(paths.filter((p) => p.includes('/messages?')).length, 'messages pages back to where the events stopped').to.equal(total - MAX_FILL_PAGES - 2);
    expect(ids(t)).to.deep.equal(Array.from({ length: total - 1 }, (_, i) => `m${i + 2}`));
  });
});
