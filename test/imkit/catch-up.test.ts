/**
 * The IMKIT catch-up after a reconnect (src/core/protocols/imkit/sync-catch-up.ts), read markers that
 * overtake their message, and the "edited" mark of messages first seen after their edit: what
 * the fault storm (test/faults/imkit.test.ts) found missing.
 */
import { expect } from '@open-wc/testing';
import type { Message } from '../../src/core/model.js';
import { MAX_CATCH_UP_PAGES } from '../../src/core/protocols/imkit/sync-catch-up.js';
import { decodeEvent } from '../../src/core/protocols/imkit/codec.js';
import { ok, type Call, type Route } from './fakes.js';
import { defaultRoutes, ME, ofType, openLink, options, setup, wireMessage, wireRoom } from './harness.js';

const signal = () => new AbortController().signal;
const paths = (calls: Call[]) => calls.map((c) => `${c.method} ${c.path}`);
const page = (...data: Record<string, unknown>[]) => ok({ data, userDeletedIDs: [] });
const v3 = (query: string) => `GET /rooms/r1/messages/v3?${query}`;

/** A message the store already holds (from Kit unless `mine`). */
function held(id: string, at: number, mine = false): Message {
  return {
    id, conversationId: 'r1', kind: 'text', text: `text ${id}`, markup: 'plain', attachments: [], createdAt: at, updatedAt: at, version: at,
    status: 'sent', sender: mine ? { id: 'me', role: 'self' } : { id: 'kit', role: 'member' },
  };
}

const heldEvents = (list: Message[]) => list.map((message) => ({ type: 'message.created' as const, conversationId: 'r1', message }));

describe('imkit adapter: catch-up after a reconnect', () => {
  it('walks every change since (afterTime pages), refreshes the page before the new messages, finds what was deleted for good, reads last', async () => {
    const edited = wireMessage('m2', 2000, { message: 'two, edited offline', updatedAtMS: 4500 });
    const { adapter, t, calls } = setup(options({ pageSize: 3 }), defaultRoutes({
      'GET /rooms': () => ok({ data: [wireRoom('r1', { lastMessage: wireMessage('m6', 6000), memberProperties: [{ client: 'kit', lastRead: 'm6' }] })] }),
      [v3('limit=3&afterTime=2000&timeRangeField=updatedAt&sortOrder=asc')]: () => page(wireMessage('m4', 4000, { sender: ME }), edited, wireMessage('m5', 5000)),
      [v3('limit=3&afterTime=4999&timeRangeField=updatedAt&sortOrder=asc')]: () => page(wireMessage('m5', 5000), wireMessage('m6', 6000)),
      [v3('limit=3&beforeMessage=m4')]: () => page(wireMessage('mx', 100), wireMessage('m1', 1000), edited),
    }));
    await openLink(adapter);
    // m0 is older than the refresh page covers; m3 was deleted for good by an admin while the socket was down.
    t.store.apply(heldEvents([held('m0', 50), held('mx', 100), held('m1', 1000), held('m2', 2000), held('m3', 3000)]));
    t.store.addPending({ conversationId: 'r1', clientRef: 'c1', kind: 'text', text: 'pending', markup: 'plain', attachments: [], createdAt: 9000 });
    const events = await adapter.sync('reconnect', signal());
    expect(paths(calls).slice(-4)).to.deep.equal([
      'GET /rooms?skip=0&limit=100&sort=-lastMessage', v3('limit=3&afterTime=2000&timeRangeField=updatedAt&sortOrder=asc'),
      v3('limit=3&afterTime=4999&timeRangeField=updatedAt&sortOrder=asc'), v3('limit=3&beforeMessage=m4'),
    ]);
    expect(ofType(events, 'conversation.updated')[0]!.conversation.unreadCount).to.equal(undefined);
    expect(ofType(events, 'message.created').map((e) => e.message.id)).to.deep.equal(['m4', 'm5', 'm6']);
    expect(ofType(events, 'message.updated').map((e) => e.message.id)).to.deep.equal(['m2', 'mx', 'm1']);
    expect(ofType(events, 'message.deleted').map((e) => [e.messageIds, e.scope])).to.deep.equal([[['m3'], 'everyone']]);
    expect(ofType(events, 'receipt.read').map((e) => e.upToMessageId)).to.deep.equal(['m6']);
    t.store.apply(events);
    const thread = t.store.getState().messages.get('r1')!;
    expect(thread.map((m) => [m.id, !!m.deleted])).to.deep.equal([
      ['m0', false], ['mx', false], ['m1', false], ['m2', false], ['m3', true], ['m4', false], ['m5', false], ['m6', false], ['local:c1', false],
    ]);
    const m2 = thread.find((m) => m.id === 'm2')!;
    expect([m2.text, m2.edited]).to.deep.equal(['two, edited offline', true]);
    expect(thread.find((m) => m.id === 'm4')!.status, 'the marker names a message of the same batch').to.equal('read');
    adapter.close();
  });

  it('starts a little before the newest change seen: a change that a later frame overtook before the cut is not skipped', async () => {
    // m2's edit at 2980 was on its way when the cut came; m5's creation at 3000, sent after it,
    // arrived. The refresh page (the latest 3) does not reach back to m2: only the walk can bring it.
    const lostEdit = wireMessage('m2', 2000, { message: 'two, edited', updatedAtMS: 2980 });
    const [m3, m4, m5] = [wireMessage('m3', 2500), wireMessage('m4', 2700), wireMessage('m5', 3000)];
    const { adapter, t, calls } = setup(options({ pageSize: 3 }), defaultRoutes({
      // What the server answers, by `updatedAt`, from each starting point:
      [v3('limit=3&afterTime=2000&timeRangeField=updatedAt&sortOrder=asc')]: () => page(m3, m4, lostEdit),
      [v3('limit=3&afterTime=2979&timeRangeField=updatedAt&sortOrder=asc')]: () => page(lostEdit, m5),
      [v3('limit=3&afterTime=3000&timeRangeField=updatedAt&sortOrder=asc')]: () => page(m5),
      [v3('limit=3')]: () => page(m3, m4, m5),
    }));
    await openLink(adapter);
    t.store.apply(heldEvents([held('m1', 1000), held('m2', 2000), held('m3', 2500), held('m4', 2700), held('m5', 3000)]));
    const events = await adapter.sync('reconnect', signal());
    expect(paths(calls)).to.include(v3('limit=3&afterTime=2000&timeRangeField=updatedAt&sortOrder=asc'));
    t.store.apply(events);
    const m2 = t.store.getState().messages.get('r1')!.find((m) => m.id === 'm2')!;
    expect([m2.text, m2.edited]).to.deep.equal(['two, edited', true]);
    adapter.close();
  });

  /** Routes for a walk over `count` changes 10 ms apart from 5000, two a page, one new each (known: the first). */
  const longWalk = (count: number) => {
    const at = (k: number) => wireMessage(`w${k}`, 5000 + 10 * k);
    const routes: Record<string, Route> = {
      [v3('limit=2&afterTime=4000&timeRangeField=updatedAt&sortOrder=asc')]: () => page(at(0), at(1)),
      [v3('limit=2&beforeMessage=w1')]: () => page(at(0)),
    };
    for (let k = 1; k < count; k++) {
      routes[v3(`limit=2&afterTime=${5000 + 10 * k - 1}&timeRangeField=updatedAt&sortOrder=asc`)] = () => (k + 1 < count ? page(at(k), at(k + 1)) : page(at(k)));
    }
    return routes;
  };

  it('a long outage is read to its end, past 100 pages: no gap', async () => {
    const count = 150;
    const { adapter, t } = setup(options({ pageSize: 2 }), defaultRoutes(longWalk(count)));
    await openLink(adapter);
    t.store.apply(heldEvents([held('w0', 5000)]));
    t.store.apply(await adapter.sync('reconnect', signal()));
    expect(t.store.getState().messages.get('r1')!.map((m) => m.id)).to.deep.equal(Array.from({ length: count }, (_, k) => `w${k}`));
    expect(t.reports).to.deep.equal([]);
    adapter.close();
  });

  it('a walk cut short by the page limit says so', async () => {
    const { adapter, t } = setup(options({ pageSize: 2 }), defaultRoutes(longWalk(MAX_CATCH_UP_PAGES + 5)));
    await openLink(adapter);
    t.store.apply(heldEvents([held('w0', 5000)]));
    t.store.apply(await adapter.sync('reconnect', signal()));
    expect(t.reports.map((e) => [e.code, e.message])).to.deep.equal([['transport', `imkit: the catch-up of room r1 stopped after ${MAX_CATCH_UP_PAGES} pages; later changes may be missing`]]);
    adapter.close();
  });

  it('a refresh anchor deleted meanwhile gives way to the next new message', async () => {
    const { adapter, t, calls } = setup(options({ pageSize: 3 }), defaultRoutes({
      [v3('limit=3&afterTime=1000&timeRangeField=updatedAt&sortOrder=asc')]: () => page(wireMessage('m3', 3000), wireMessage('m4', 4000)),
      [v3('limit=3&beforeMessage=m3')]: () => [404, { RC: 404, RM: 'Message not found' }],
      [v3('limit=3&beforeMessage=m4')]: () => page(wireMessage('m1', 1000), wireMessage('m2', 2000)),
    }));
    await openLink(adapter);
    t.store.apply(heldEvents([held('m1', 1000), held('m2', 2000)]));
    const events = await adapter.sync('reconnect', signal());
    expect(paths(calls).slice(-2)).to.deep.equal([v3('limit=3&beforeMessage=m3'), v3('limit=3&beforeMessage=m4')]);
    expect(ofType(events, 'message.created').map((e) => e.message.id)).to.deep.equal(['m3', 'm4']);
    expect(ofType(events, 'message.deleted')).to.deep.equal([]);
    adapter.close();
  });

  it('with nothing new the latest page is the refresh: a known message missing from it was deleted', async () => {
    const { adapter, t, calls } = setup(options({ pageSize: 3 }), defaultRoutes({
      [v3('limit=3&afterTime=1000&timeRangeField=updatedAt&sortOrder=asc')]: () => page(),
      [v3('limit=3')]: () => page(wireMessage('m1', 1000)),
    }));
    await openLink(adapter);
    t.store.apply(heldEvents([held('m1', 1000), held('m2', 2000)]));
    const events = await adapter.sync('reconnect', signal());
    expect(paths(calls).at(-1)).to.equal(v3('limit=3'));
    expect(ofType(events, 'message.deleted').map((e) => e.messageIds)).to.deep.equal([['m2']]);
    adapter.close();
  });
});

describe('imkit adapter: read markers', () => {
  it('a lastRead that overtakes the chat message it names applies once the message arrives', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    socket.push('lastRead', { roomID: 'r1', memberID: 'kit', messageID: 's2' });
    socket.push('chat message', wireMessage('s1', 1000, { sender: ME }));
    socket.push('chat message', wireMessage('s2', 2000, { sender: ME }));
    socket.push('chat message', wireMessage('s3', 3000, { sender: ME }));
    expect(t.store.getState().messages.get('r1')!.map((m) => [m.id, m.status])).to.deep.equal([['s1', 'read'], ['s2', 'read'], ['s3', 'sent']]);
    adapter.close();
  });

  it('initial load: the room\'s read markers apply to the page loaded with it', async () => {
    const { adapter, t } = setup(options(), defaultRoutes({
      'GET /rooms': () => ok({ data: [wireRoom('r1', { memberProperties: [{ client: 'kit', lastRead: 'm2' }] })] }),
      'GET /rooms/r1/messages/v3': () => page(wireMessage('m1', 1000, { sender: ME }), wireMessage('m2', 2000, { sender: ME })),
    }));
    await openLink(adapter);
    t.store.apply(await adapter.sync('initial', signal()));
    expect(t.store.getState().messages.get('r1')!.map((m) => m.status)).to.deep.equal(['read', 'read']);
    adapter.close();
  });
});

describe('imkit codec: the edited mark', () => {
  const decoded = (extra: Record<string, unknown>) => {
    const [e] = decodeEvent('chat message', wireMessage('m1', 1000, extra), { selfId: 'me', now: 0, typingTtlMs: 6000 });
    return e?.type === 'message.created' ? e.message.edited : 'not created';
  };

  it('a message changed after its creation is edited, also when first seen after the edit; a recall or a notice is not', () => {
    expect(decoded({})).to.equal(undefined);
    expect(decoded({ updatedAtMS: 1500 })).to.equal(true);
    expect(decoded({ messageType: 'joinRoom', updatedAtMS: 1500 })).to.equal(undefined);
    expect(decoded({ messageType: 'recall', updatedAtMS: 1500 })).to.equal('not created');
  });
});
