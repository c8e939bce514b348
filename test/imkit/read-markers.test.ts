/**
 * IMKIT read marks on history pages (issue #9, finding E): IMKIT tells who read what only as a
 * marker ("read up to this message", from the room list or the live `lastRead`); the messages
 * themselves carry no read state. Messages of mine that arrive in an older page after the marker
 * (scrolling back, or after a reload from a cache that keeps only the newest messages) must show
 * as read when the marker covers them.
 */
import { expect } from '@open-wc/testing';
import { ok } from './fakes.js';
import { defaultRoutes, ME, openLink, options, setup, wireMessage, wireRoom } from './harness.js';

const signal = () => new AbortController().signal;
const v3 = (query: string) => `GET /rooms/r1/messages/v3?${query}`;
const page = (...data: Record<string, unknown>[]) => ok({ data, userDeletedIDs: [] });

describe('imkit: read markers cover messages of mine that older pages bring', () => {
  it('the room list\'s marker (and a later live one) applies to an older page fetched after it', async () => {
    const { adapter, t } = setup(options({ pageSize: 3 }), defaultRoutes({
      'GET /rooms': () => ok({ data: [wireRoom('r1', { lastMessage: wireMessage('m6', 6000), memberProperties: [{ client: 'kit', lastRead: 'm5' }] })] }),
      [v3('limit=3')]: () => page(wireMessage('m4', 4000, { sender: ME }), wireMessage('m5', 5000), wireMessage('m6', 6000, { sender: ME })),
      // The page before m4 holds its cursor too, as IMKIT's do.
      [v3('limit=3&beforeMessage=m4')]: () => page(wireMessage('m2', 2000, { sender: ME }), wireMessage('m3', 3000), wireMessage('m4', 4000, { sender: ME })),
      [v3('limit=3&beforeMessage=m2')]: () => page(wireMessage('m1', 1000, { sender: ME }), wireMessage('m2', 2000, { sender: ME })),
    }));
    const socket = await openLink(adapter);
    t.store.apply(await adapter.sync('initial', signal()));
    const status = () => Object.fromEntries((t.store.getState().messages.get('r1') ?? []).filter((m) => m.sender?.role === 'self').map((m) => [m.id, m.status]));
    expect(status()).to.deep.equal({ m4: 'read', m6: 'sent' });

    t.store.apply(await adapter.execute({ type: 'loadOlder', conversationId: 'r1', beforeMessageId: 'm4' }, signal()));
    expect(status(), 'the room list\'s marker covers m2').to.deep.equal({ m2: 'read', m4: 'read', m6: 'sent' });

    // Kit reads on; the live marker is the one older pages get from now on.
    socket.push('lastRead', { roomID: 'r1', memberID: 'kit', messageID: 'm6' });
    expect(status().m6).to.equal('read');
    t.store.apply(await adapter.execute({ type: 'loadOlder', conversationId: 'r1', beforeMessageId: 'm2' }, signal()));
    expect(status()).to.deep.equal({ m1: 'read', m2: 'read', m4: 'read', m6: 'read' });
  });

  it('a marker on a message not loaded yet covers nothing until that message arrives, then everything up to it', async () => {
    const { adapter, t } = setup(options({ pageSize: 2 }), defaultRoutes({
      'GET /rooms': () => ok({ data: [wireRoom('r1', { memberProperties: [{ client: 'kit', lastRead: 'm2' }] })] }),
      [v3('limit=2')]: () => page(wireMessage('m3', 3000, { sender: ME }), wireMessage('m4', 4000)),
      [v3('limit=2&beforeMessage=m3')]: () => page(wireMessage('m2', 2000), wireMessage('m3', 3000, { sender: ME })),
      [v3('limit=2&beforeMessage=m2')]: () => page(wireMessage('m1', 1000, { sender: ME }), wireMessage('m2', 2000)),
    }));
    await openLink(adapter);
    t.store.apply(await adapter.sync('initial', signal()));
    t.store.apply(await adapter.execute({ type: 'loadOlder', conversationId: 'r1', beforeMessageId: 'm3' }, signal()));
    t.store.apply(await adapter.execute({ type: 'loadOlder', conversationId: 'r1', beforeMessageId: 'm2' }, signal()));
    const thread = t.store.getState().messages.get('r1') ?? [];
    expect(thread.map((m) => [m.id, m.status])).to.deep.equal([['m1', 'read'], ['m2', 'sent'], ['m3', 'sent'], ['m4', 'sent']]);
  });
});
