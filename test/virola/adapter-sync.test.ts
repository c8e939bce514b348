import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/virola/protocol.js';
import { FakeSocket, fakeFetch, testHost } from './fakes.js';
import { baseRoutes, connectOpen, frame, pager, tokenOptions } from './harness.js';
import { wireMessage, wireRoom } from './samples.js';

describe('virola adapter: sync and commands', () => {
  let adapter: Adapter | undefined;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  const signal = () => new AbortController().signal;

  it('initial sync: every room, the latest page of the most active ones first, comments of parents that have any', async () => {
    const { fetch, calls } = fakeFetch(baseRoutes({
      'GET /api/v1/rooms': () => ({ httpStatusCode: 200, rooms: [wireRoom(2), wireRoom(3, { lastMessage: { messageId: 2000201, userId: 2, createdUtc: 1_760_000_000_000 } }), wireRoom(4)] }),
      'GET /api/v1/rooms/3/messages': () => ({ httpStatusCode: 200, messages: [wireMessage(2000200, { roomId: 3, commentCount: 1 }), wireMessage(2000201, { roomId: 3 })] }),
      'GET /api/v1/rooms/4/messages': () => ({ httpStatusCode: 200, messages: [] }),
      'GET /api/v1/messages/2000200/comments': () => ({ httpStatusCode: 200, messages: [wireMessage(2000202, { roomId: 3, parentMessageId: 2000200, userId: 1 })] }),
    }));
    const t = testHost(tokenOptions({ initialRooms: 2 }), fetch);
    adapter = createAdapter(t.host);
    await connectOpen(adapter);
    t.store.apply(await adapter.sync('initial', signal()));
    const gets = calls.filter((c) => c.path.includes('messages')).map((c) => c.path);
    expect(gets).to.deep.equal([
      '/api/v1/rooms/3/messages?direction=backward&limit=50',
      '/api/v1/rooms/4/messages?direction=backward&limit=50',
      '/api/v1/messages/2000200/comments?direction=backward&limit=50',
    ]);
    const state = t.store.getState();
    expect([...state.conversations.keys()].sort()).to.deep.equal(['2', '3', '4']);
    expect(state.messages.get('3')?.map((m) => [m.id, m.threadParentId ?? null])).to.deep.equal([['2000200', null], ['2000201', null], ['2000202', '2000200']]);
  });

  it('send posts the text and returns no events; the same clientRef is never posted twice; a comment goes to its parent', async () => {
    const { fetch, calls } = fakeFetch(baseRoutes({
      'POST /api/v1/rooms/2/messages': () => ({ httpStatusCode: 200 }),
      'POST /api/v1/messages/2000300/comments': () => ({ httpStatusCode: 200 }),
    }));
    const t = testHost(tokenOptions(), fetch);
    adapter = createAdapter(t.host);
    await connectOpen(adapter);
    expect(await adapter.execute({ type: 'send', conversationId: '2', text: 'hello', clientRef: 'r1' }, signal())).to.deep.equal([]);
    expect(await adapter.execute({ type: 'send', conversationId: '2', text: 'hello', clientRef: 'r1' }, signal())).to.deep.equal([]);
    await adapter.execute({ type: 'send', conversationId: '2', text: 'a reply', clientRef: 'r2', threadParentId: '2000300' }, signal());
    const posts = calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body]);
    expect(posts).to.deep.equal([['/api/v1/rooms/2/messages', { content: 'hello' }], ['/api/v1/messages/2000300/comments', { content: 'a reply' }]]);
    let err: unknown;
    const unsent = t.store.addPending({ conversationId: '2', clientRef: 'r0', kind: 'text', text: 'not sent yet', markup: 'plain', attachments: [], createdAt: 1, sender: { id: '1', role: 'self' } });
    try { await adapter.execute({ type: 'send', conversationId: '2', text: 'x', clientRef: 'r3', threadParentId: unsent.id }, signal()); } catch (e) { err = e; }
    expect((err as Error).message).to.match(/parent message the server has confirmed/);
    try { await adapter.execute({ type: 'typing', conversationId: '2', on: true }, signal()); } catch (e) { err = e; }
    expect((err as Error).message).to.equal('virola: "typing" is not supported');
  });

  it('markRead posts a read for each of their unread messages up to the one seen, once', async () => {
    const ids = [2000401, 2000402, 2000403, 2000404, 2000405];
    const { fetch, calls } = fakeFetch(baseRoutes(Object.fromEntries(ids.map((id) => [`POST /api/v1/messages/${id}/read`, () => ({ httpStatusCode: 200 })]))));
    const t = testHost(tokenOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await connectOpen(adapter);
    ws.push(frame('TextMessagesCreated', { messages: [
      wireMessage(2000401, { readTimestamps: [{ userId: 1, readUtc: 1 }] }), // read already
      wireMessage(2000402),
      wireMessage(2000403, { userId: 1 }), // mine
      wireMessage(2000404),
      wireMessage(2000405), // after the one seen
    ] }));
    await adapter.execute({ type: 'markRead', conversationId: '2', messageId: '2000404' }, signal());
    await adapter.execute({ type: 'markRead', conversationId: '2', messageId: '2000404' }, signal());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).to.deep.equal(['/api/v1/messages/2000402/read', '/api/v1/messages/2000404/read']);
  });

  it('markRead of a long unread run marks the newest 50, at most 6 in flight at a time', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => 2000500 + i);
    const { fetch, calls } = fakeFetch(baseRoutes(Object.fromEntries(ids.map((id) => [`POST /api/v1/messages/${id}/read`, () => ({ httpStatusCode: 200 })]))));
    let inFlight = 0;
    let most = 0;
    const slowFetch: typeof fetch = async (...args) => {
      const counted = (args[1]?.method ?? 'GET') === 'POST';
      if (counted) most = Math.max(most, ++inFlight);
      try {
        await new Promise((r) => setTimeout(r, 2));
        return await fetch(...args);
      } finally {
        if (counted) inFlight--;
      }
    };
    const t = testHost(tokenOptions(), slowFetch);
    adapter = createAdapter(t.host);
    (await connectOpen(adapter)).push(frame('TextMessagesCreated', { messages: ids.map((id) => wireMessage(id)) }));
    await adapter.execute({ type: 'markRead', conversationId: '2' }, signal());
    const posted = calls.filter((c) => c.method === 'POST').map((c) => c.path);
    expect(posted.length).to.equal(50);
    expect(new Set(posted)).to.deep.equal(new Set(ids.slice(10).map((id) => `/api/v1/messages/${id}/read`)));
    expect(most).to.equal(6);
  });

  it('a failed read mark is tried again by the next markRead', async () => {
    let fail = true;
    const { fetch, calls } = fakeFetch(baseRoutes({ 'POST /api/v1/messages/2000450/read': () => (fail ? [500, { errorText: 'busy', httpStatusCode: 500 }] : {}) }));
    const t = testHost(tokenOptions(), fetch);
    adapter = createAdapter(t.host);
    (await connectOpen(adapter)).push(frame('TextMessagesCreated', { messages: [wireMessage(2000450)] }));
    let err: unknown;
    try { await adapter.execute({ type: 'markRead', conversationId: '2', messageId: '2000450' }, signal()); } catch (e) { err = e; }
    expect((err as Error).message).to.equal('POST http://virola.test/api/v1/messages/2000450/read answered 500: busy');
    fail = false;
    await adapter.execute({ type: 'markRead', conversationId: '2', messageId: '2000450' }, signal());
    expect(calls.filter((c) => c.method === 'POST').length).to.equal(2);
  });

  it('delete calls DELETE and tombstones at once', async () => {
    const { fetch, calls } = fakeFetch(baseRoutes({ 'DELETE /api/v1/messages/2000500': () => ({ httpStatusCode: 200 }) }));
    const t = testHost(tokenOptions(), fetch);
    adapter = createAdapter(t.host);
    await connectOpen(adapter);
    const events = await adapter.execute({ type: 'delete', conversationId: '2', messageId: '2000500' }, signal());
    expect(calls.at(-1)).to.include({ method: 'DELETE', path: '/api/v1/messages/2000500' });
    expect(events.map((e) => e.type === 'message.deleted' && [e.conversationId, e.messageIds, e.scope])).to.deep.equal([['2', ['2000500'], 'everyone']]);
  });

  it('loadOlder pages backward from the oldest top-level message, without the cursor message itself', async () => {
    const { fetch, calls } = fakeFetch(baseRoutes({
      // This server includes the cursor message in the page.
      'GET /api/v1/rooms/2/messages': () => ({ httpStatusCode: 200, messages: [wireMessage(2000598), wireMessage(2000599), wireMessage(2000600)] }),
    }));
    const t = testHost(tokenOptions({ pageSize: 3 }), fetch);
    adapter = createAdapter(t.host);
    const ws = await connectOpen(adapter);
    ws.push(frame('TextMessagesCreated', { messages: [wireMessage(2000600), wireMessage(2000601, { parentMessageId: 2000600, createdUtc: 1 })] }));
    const events = await adapter.execute({ type: 'loadOlder', conversationId: '2', beforeMessageId: '2000601' }, signal());
    expect(calls.at(-1)?.path).to.equal('/api/v1/rooms/2/messages?cursor=2000600&direction=backward&limit=3');
    expect(events.map((e) => e.type === 'message.created' && e.message.id)).to.deep.equal(['2000598', '2000599']);
  });

  it('reconnect: the page before the last message seen, then forward pages to the end, whether or not a page holds its cursor', async () => {
    const all = [2000700, 2000701, 2000702, 2000703, 2000704, 2000705].map((id) => wireMessage(id));
    for (const inclusive of [true, false]) {
      const { fetch, calls } = fakeFetch(baseRoutes({
        'GET /api/v1/rooms': () => ({ httpStatusCode: 200, rooms: [wireRoom(2)] }),
        'GET /api/v1/rooms/2/messages': pager(all, inclusive),
      }));
      const t = testHost(tokenOptions({ pageSize: 2 }), fetch);
      adapter = createAdapter(t.host);
      const ws = await connectOpen(adapter);
      ws.push(frame('RoomCreated', { room: wireRoom(2) }));
      ws.push(frame('TextMessagesCreated', { messages: all.slice(0, 3) }));
      ws.drop();
      await connectOpen(adapter);
      t.store.apply((await adapter.sync('reconnect', signal())).map((e) => ({ ...e, origin: 'missed' as const })));
      const paths = calls.filter((c) => c.path.includes('/messages')).map((c) => c.path.replace('/api/v1/rooms/2/messages?', ''));
      expect(paths[0], 'the refresh page first').to.equal('cursor=2000702&direction=backward&limit=2');
      expect(paths.at(-1), 'forward until a short page').to.match(/direction=forward/);
      expect(t.store.getState().messages.get('2')?.map((m) => [m.id, !!m.deleted])).to.deep.equal(all.map((m) => [String(m.messageId), false]));
      expect(t.store.getState().conversations.get('2')?.unreadCount).to.equal(3);
      adapter.close();
    }
  });

  it('reconnect: an edit made during the outage to a message seen before it is picked up', async () => {
    const before = [2000710, 2000711, 2000712].map((id) => wireMessage(id));
    const server = [wireMessage(2000710), wireMessage(2000711, { text: 'edited meanwhile', lastEditedUtc: 1_800_000_000_000, lastModifiedUtc: 1_800_000_000_000 }), wireMessage(2000712), wireMessage(2000713)];
    const { fetch } = fakeFetch(baseRoutes({
      'GET /api/v1/rooms': () => ({ httpStatusCode: 200, rooms: [wireRoom(2)] }),
      'GET /api/v1/rooms/2/messages': pager(server, false),
    }));
    const t = testHost(tokenOptions({ pageSize: 2 }), fetch);
    adapter = createAdapter(t.host);
    const ws = await connectOpen(adapter);
    ws.push(frame('RoomCreated', { room: wireRoom(2) }));
    ws.push(frame('TextMessagesCreated', { messages: before }));
    ws.drop();
    await connectOpen(adapter);
    t.store.apply((await adapter.sync('reconnect', signal())).map((e) => ({ ...e, origin: 'missed' as const })));
    expect(t.store.getState().messages.get('2')?.map((m) => [m.id, m.text])).to.deep.equal([
      ['2000710', before[0]!.text], ['2000711', 'edited meanwhile'], ['2000712', before[2]!.text], ['2000713', server[3]!.text],
    ]);
  });

  it('reconnect: a vanished room is deleted, a message deleted meanwhile is found missing, new comments are fetched', async () => {
    const server = [wireMessage(2000800), wireMessage(2000801, { commentCount: 1 }), wireMessage(2000803)];
    const { fetch, calls } = fakeFetch(baseRoutes({
      'GET /api/v1/rooms': () => ({ httpStatusCode: 200, rooms: [wireRoom(2, { displayName: 'Renamed' })] }),
      'GET /api/v1/rooms/2/messages': pager(server, false),
      'GET /api/v1/messages/2000801/comments': () => ({ httpStatusCode: 200, messages: [wireMessage(2000804, { parentMessageId: 2000801 })] }),
    }));
    const t = testHost(tokenOptions({ pageSize: 3 }), fetch);
    adapter = createAdapter(t.host);
    const ws = await connectOpen(adapter);
    ws.push(frame('RoomCreated', { room: wireRoom(2) }));
    ws.push(frame('RoomCreated', { room: wireRoom(8) }));
    ws.push(frame('TextMessagesCreated', { messages: [wireMessage(2000800), wireMessage(2000801), wireMessage(2000802)] }));
    ws.drop();
    await connectOpen(adapter);
    t.store.apply((await adapter.sync('reconnect', signal())).map((e) => ({ ...e, origin: 'missed' as const })));
    expect(calls.filter((c) => c.path.includes('/messages')).map((c) => c.path)).to.deep.equal([
      // Back from the newest held message: a short page, so the room's start (everything held is re-read).
      '/api/v1/rooms/2/messages?cursor=2000802&direction=backward&limit=3',
      // Forward from the message before it, to the end (a short page).
      '/api/v1/rooms/2/messages?cursor=2000801&direction=forward&limit=3',
      '/api/v1/messages/2000801/comments?direction=backward&limit=3',
    ]);
    const state = t.store.getState();
    expect([...state.conversations.keys()]).to.deep.equal(['2']);
    expect(state.conversations.get('2')?.title).to.equal('Renamed');
    expect(state.messages.get('2')?.map((m) => [m.id, !!m.deleted, m.threadParentId ?? null])).to.deep.equal([
      ['2000800', false, null], ['2000801', false, null], ['2000802', true, null], ['2000803', false, null], ['2000804', false, '2000801'],
    ]);
  });

  it('reconnect: the cursor skips a deleted last message; a room with only tombstones gets its latest page', async () => {
    const { fetch, calls } = fakeFetch(baseRoutes({
      'GET /api/v1/rooms': () => ({ httpStatusCode: 200, rooms: [wireRoom(2), wireRoom(3)] }),
      'GET /api/v1/rooms/2/messages': pager([wireMessage(2000900)], false),
      'GET /api/v1/rooms/3/messages': () => ({ httpStatusCode: 200, messages: [wireMessage(2000903, { roomId: 3 })] }),
    }));
    const t = testHost(tokenOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await connectOpen(adapter);
    ws.push(frame('RoomCreated', { room: wireRoom(2) }));
    ws.push(frame('RoomCreated', { room: wireRoom(3) }));
    ws.push(frame('TextMessagesCreated', { messages: [wireMessage(2000900), wireMessage(2000901), wireMessage(2000902, { roomId: 3 })] }));
    ws.push(frame('TextMessageDeleted', { parentMessageId: 0, roomId: 2, messageId: 2000901 }));
    ws.push(frame('TextMessageDeleted', { parentMessageId: 0, roomId: 3, messageId: 2000902 }));
    ws.drop();
    await connectOpen(adapter);
    t.store.apply(await adapter.sync('reconnect', signal()));
    expect(calls.filter((c) => c.path.includes('/messages')).map((c) => c.path).sort()).to.deep.equal([
      '/api/v1/rooms/2/messages?cursor=2000900&direction=backward&limit=50',
      '/api/v1/rooms/2/messages?direction=forward&limit=50',
      '/api/v1/rooms/3/messages?direction=backward&limit=50',
    ]);
    expect(t.store.getState().messages.get('3')?.map((m) => [m.id, !!m.deleted])).to.deep.equal([['2000902', true], ['2000903', false]]);
  });
});
