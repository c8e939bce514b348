import { expect } from '@open-wc/testing';
import type { Command } from '../../src/core/commands.js';
import { HttpError } from '../../src/core/http.js';
import { ConnectError } from '../../src/core/protocol.js';
import { ok, until, type Call } from './fakes.js';
import { defaultRoutes, KEY, KIT, ME, ofType, openLink, options, setup, TOKEN, wireMessage, wireRoom } from './harness.js';

const signal = () => new AbortController().signal;
const paths = (calls: Call[]) => calls.map((c) => `${c.method} ${c.path}`);

describe('imkit adapter: sync', () => {
  it('initial: every room, each other room\'s last message, the latest page of the active room; hidden ids stay hidden', async () => {
    const { adapter, t, calls } = setup(options(), defaultRoutes({
      'GET /rooms': () => ok({ totalCount: 2, data: [
        wireRoom('r1', { unread: 3, pref: { sticky: true }, lastMessage: wireMessage('m3', 3000) }),
        wireRoom('r2', { lastMessage: wireMessage('x1', 500, { room: 'r2' }) }),
      ] }),
      'GET /rooms/r1/messages/v3': () => ok({ totalCount: 3, data: [wireMessage('m1', 1000), wireMessage('m2', 2000), wireMessage('m3', 3000)], userDeletedIDs: ['m2'] }),
    }));
    await openLink(adapter);
    const events = await adapter.sync('initial', signal());
    expect(paths(calls)).to.deep.equal(['GET /rooms?skip=0&limit=100&sort=-lastMessage', 'GET /rooms/r1/messages/v3?limit=30']);
    expect(calls.every((c) => c.headers['IM-CLIENT-KEY'] === KEY && c.headers['IM-Authorization'] === TOKEN && c.headers['IM-CLIENT-ID'] === 'me')).to.equal(true);
    expect(ofType(events, 'conversation.created').map((e) => [e.conversation.id, e.conversation.unreadCount, e.conversation.pinned])).to.deep.equal([['r1', 3, true], ['r2', 0, undefined]]);
    expect(ofType(events, 'message.created').map((e) => e.message.id)).to.deep.equal(['x1', 'm1', 'm3']);
    expect(ofType(events, 'message.deleted')).to.deep.equal([{ type: 'message.deleted', conversationId: 'r1', messageIds: ['m2'], scope: 'self', wireName: 'rest:userDeletedIDs', origin: 'backfill' }]);
    adapter.close();
  });

  it('initial: the requested conversation is the one loaded', async () => {
    const { adapter, calls } = setup(options({}, { conversation: 'r2' }), defaultRoutes({
      'GET /rooms': () => ok({ data: [wireRoom('r1', { lastMessage: wireMessage('m3', 3000) }), wireRoom('r2')] }),
      'GET /rooms/r2/messages/v3': () => ok({ data: [], userDeletedIDs: [] }),
    }));
    await openLink(adapter);
    await adapter.sync('initial', signal());
    expect(paths(calls).at(-1)).to.equal('GET /rooms/r2/messages/v3?limit=30');
    adapter.close();
  });

  it('reconnect: a room I can no longer read is reported, not fatal; a 401 is auth-failed', async () => {
    const { adapter, t } = setup(options(), defaultRoutes({ 'GET /rooms/r1/messages/v3': () => [403, { RC: 403, RM: 'Forbidden' }] }));
    await openLink(adapter);
    t.store.apply([{ type: 'message.created', conversationId: 'r1', message: { id: 'm1', conversationId: 'r1', kind: 'text', text: 'x', markup: 'plain', attachments: [], createdAt: 1, status: 'sent' } }]);
    const events = await adapter.sync('reconnect', signal());
    expect(ofType(events, 'conversation.updated')).to.have.length(1);
    expect(t.reports.map((r) => r.code)).to.deep.equal(['command']);
    adapter.close();

    const b = setup(options(), defaultRoutes({ 'GET /rooms': () => [401, { RC: 401, RM: 'Unauthorized' }] }));
    await openLink(b.adapter);
    let err: unknown;
    try { await b.adapter.sync('initial', signal()); } catch (e) { err = e; }
    expect(err instanceof ConnectError && err.reason).to.equal('auth-failed');
    b.adapter.close();
  });

  it('an RC other than 0 in a 200 answer is an error too', async () => {
    const { adapter } = setup(options(), defaultRoutes({ 'GET /rooms': () => ({ RC: 500, RM: 'boom' }) }));
    await openLink(adapter);
    let err: unknown;
    try { await adapter.sync('initial', signal()); } catch (e) { err = e; }
    expect(err instanceof ConnectError && [err.reason, err.message]).to.deep.equal(['network-error', 'imkit: initial sync refused: GET /rooms answered RC 500: boom']);
    adapter.close();
  });
});

describe('imkit adapter: commands', () => {
  const sent = (c: Call) => ok(wireMessage('s1', 7000, { sender: ME, message: (c.body as { message: string }).message }));

  it('capabilities', () => {
    expect([...setup().adapter.capabilities]).to.deep.equal(['send', 'edit', 'delete', 'typing', 'markRead', 'loadOlder', 'openConversation', 'createConversation', 'acceptInvitation', 'declineInvitation']);
  });

  it('createConversation: POST /rooms/createAndJoin, a group room named by the title; the answer is the new conversation', async () => {
    const { adapter, calls } = setup(options(), defaultRoutes({
      'POST /rooms/createAndJoin': (c) => ok(wireRoom('new-1', { name: (c.body as { name: string }).name })),
    }));
    await openLink(adapter);
    const events = await adapter.execute({ type: 'createConversation', title: 'New conversation' }, signal());
    expect(calls.at(-1)!.body).to.deep.equal({ roomType: 'group', systemMessage: false, name: 'New conversation' });
    expect(calls.at(-1)!.headers).to.deep.include({ 'IM-CLIENT-KEY': KEY, 'IM-Authorization': TOKEN });
    expect(ofType(events, 'conversation.created').map((e) => [e.conversation.id, e.conversation.title])).to.deep.equal([['new-1', 'New conversation']]);
    adapter.close();
  });

  it('send: POST /rooms/{id}/message; the answer confirms the pending message; the live echo changes nothing', async () => {
    const { adapter, t, calls } = setup(options(), defaultRoutes({ 'POST /rooms/r1/message': sent }));
    const socket = await openLink(adapter);
    const pending = t.store.addPending({ conversationId: 'r1', clientRef: 'ref-1', kind: 'text', text: 'hi there', markup: 'plain', attachments: [], createdAt: 6000 });
    const events = await adapter.execute({ type: 'send', conversationId: 'r1', text: 'hi there', clientRef: 'ref-1' }, signal());
    expect(calls.at(-1)!.body).to.deep.equal({ messageType: 'text', message: 'hi there' });
    expect(calls.at(-1)!.headers).to.deep.include({ 'IM-CLIENT-KEY': KEY, 'IM-Authorization': TOKEN });
    t.store.apply(events);
    socket.push('chat message', wireMessage('s1', 7000, { sender: ME, message: 'hi there' }));
    const list = t.store.getState().messages.get('r1')!;
    expect(list.map((m) => [m.id, m.status, m.clientRef, m.sender?.role])).to.deep.equal([['s1', 'sent', 'ref-1', 'self']]);
    expect(pending.id).to.equal('local:ref-1');
    adapter.close();
  });

  it('send: an echo that arrives before the answer confirms the pending message by its text', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    t.store.addPending({ conversationId: 'r1', clientRef: 'ref-2', kind: 'text', text: 'quick', markup: 'plain', attachments: [], createdAt: 6000 });
    t.store.markHandedOver('r1', 'ref-2'); // the outbox has posted it; its answer is still on the way
    socket.push('chat message', wireMessage('s2', 7000, { sender: ME, message: 'quick' }));
    expect(t.store.getState().messages.get('r1')!.map((m) => [m.id, m.status, m.clientRef])).to.deep.equal([['s2', 'sent', 'ref-2']]);
    adapter.close();
  });

  it('edit and recall go through the same endpoint; hiding for me through /messages/user-delete', async () => {
    const { adapter, t, calls } = setup(options(), defaultRoutes({
      'POST /rooms/r1/message': (c) => ok(wireMessage('s1', 7000, { sender: ME, message: (c.body as { message?: string }).message ?? '', updatedAtMS: 8000 })),
      'POST /messages/user-delete': () => ok({}),
    }));
    await openLink(adapter);
    t.store.apply([{ type: 'message.created', conversationId: 'r1', message: { id: 's1', conversationId: 'r1', kind: 'text', text: 'typo', markup: 'plain', attachments: [], createdAt: 7000, status: 'sent', sender: { id: 'me', role: 'self' } } }]);
    t.store.apply(await adapter.execute({ type: 'edit', conversationId: 'r1', messageId: 's1', text: 'fixed' }, signal()));
    expect(calls.at(-1)!.body).to.deep.equal({ _id: 's1', message: 'fixed' });
    expect(t.store.getState().messages.get('r1')![0]!).to.deep.include({ text: 'fixed', edited: true, updatedAt: 8000 });
    t.store.apply(await adapter.execute({ type: 'delete', conversationId: 'r1', messageId: 's1' }, signal()));
    expect(calls.at(-1)!.body).to.deep.equal({ _id: 's1', messageType: 'recall' });
    expect(t.store.getState().messages.get('r1')![0]!).to.deep.include({ deleted: true, kind: 'recalled', text: '' });
    t.store.apply(await adapter.execute({ type: 'delete', conversationId: 'r1', messageId: 's1', scope: 'self' }, signal()));
    expect([calls.at(-1)!.path, calls.at(-1)!.body]).to.deep.equal(['/messages/user-delete', { room: 'r1', messages: ['s1'] }]);
    expect(t.store.getState().messages.get('r1')).to.deep.equal([]);
    adapter.close();
  });

  it('typing is the socket event `typing` with the room id; "off" sends nothing', async () => {
    const { adapter } = setup();
    const socket = await openLink(adapter);
    await adapter.execute({ type: 'typing', conversationId: 'r1', on: true }, signal());
    await adapter.execute({ type: 'typing', conversationId: 'r1', on: false }, signal());
    expect(socket.emits.filter((e) => e.name === 'typing').map((e) => e.args)).to.deep.equal([['r1']]);
    adapter.close();
  });

  it('markRead: PUT /rooms/{id}/lastRead {message}; never for a local id', async () => {
    const { adapter, calls } = setup(options(), defaultRoutes({ 'PUT /rooms/r1/lastRead': () => ok({}) }));
    await openLink(adapter);
    await adapter.execute({ type: 'markRead', conversationId: 'r1', messageId: 'm2' }, signal());
    await adapter.execute({ type: 'markRead', conversationId: 'r1', messageId: 'ai-stream:r1:kit-ai' }, signal());
    expect(calls.filter((c) => c.method === 'PUT').map((c) => [c.path, c.body])).to.deep.equal([['/rooms/r1/lastRead', { message: 'm2' }]]);
    adapter.close();
  });

  it('loadOlder pages back with beforeMessage; unsupported commands throw', async () => {
    const { adapter, calls } = setup(options(), defaultRoutes({ 'GET /rooms/r1/messages/v3?limit=30&beforeMessage=m1': () => ok({ data: [wireMessage('m0', 500)], userDeletedIDs: [] }) }));
    await openLink(adapter);
    const events = await adapter.execute({ type: 'loadOlder', conversationId: 'r1', beforeMessageId: 'm1' }, signal());
    expect(ofType(events, 'message.created').map((e) => e.message.id)).to.deep.equal(['m0']);
    expect(calls.at(-1)!.path).to.equal('/rooms/r1/messages/v3?limit=30&beforeMessage=m1');
    let err: unknown;
    try { await adapter.execute({ type: 'markDelivered', conversationId: 'r1', messageIds: ['m1'] }, signal()); } catch (e) { err = e; }
    expect((err as Error).message).to.equal('imkit: "markDelivered" is not supported');
    adapter.close();
  });

  it('a refused command is an HttpError whose message names no credential', async () => {
    const { adapter } = setup(options(), defaultRoutes({ 'POST /rooms/r1/message': () => [403, { RC: 403, RM: `nope ${TOKEN}` }] }));
    await openLink(adapter);
    let err: unknown;
    try { await adapter.execute({ type: 'send', conversationId: 'r1', text: 'x', clientRef: 'c' }, signal()); } catch (e) { err = e; }
    expect(err instanceof HttpError && err.status).to.equal(403);
    expect((err as Error).message).to.not.contain(TOKEN);
    adapter.close();
  });

  it('acceptInvitation (proposed command) joins the room and loads it; declineInvitation just dismisses', async () => {
    const { adapter, t, calls } = setup(options(), defaultRoutes({
      'POST /rooms/beta/join': () => ok(wireRoom('beta', { name: 'Beta', members: [ME, KIT] })),
      'GET /rooms/beta/messages/v3': () => ok({ data: [wireMessage('b1', 100, { room: 'beta', messageType: 'joinRoom', sender: ME })], userDeletedIDs: [] }),
    }));
    const socket = await openLink(adapter);
    socket.push('invitation', { room: { _id: 'beta', name: 'Beta' }, inviter: KIT });
    socket.push('invitation', { room: { _id: 'gamma', name: 'Gamma' }, inviter: KIT });
    const accept = { type: 'acceptInvitation', conversationId: 'beta' } as unknown as Command;
    t.store.apply(await adapter.execute(accept, signal()));
    expect(calls.at(-2)!.path).to.equal('/rooms/beta/join');
    expect(t.store.getState().conversations.get('beta')?.title).to.equal('Beta');
    expect(t.store.getState().messages.get('beta')!.map((m) => m.text)).to.deep.equal(['You joined']);
    t.store.apply(await adapter.execute({ type: 'declineInvitation', conversationId: 'gamma' } as unknown as Command, signal()));
    expect(t.store.getState().invitations).to.deep.equal([]);
    adapter.close();
  });

  it('autoAcceptInvitations joins as soon as an invitation arrives', async () => {
    const { adapter, t, calls } = setup(options({ autoAcceptInvitations: true }), defaultRoutes({
      'POST /rooms/beta/join': () => ok(wireRoom('beta', { name: 'Beta' })),
      'GET /rooms/beta/messages/v3': () => ok({ data: [wireMessage('b0', 50, { room: 'beta', message: 'earlier talk' })], userDeletedIDs: [] }),
    }));
    const socket = await openLink(adapter);
    socket.push('invitation', { room: { _id: 'beta', name: 'Beta' }, inviter: KIT });
    await until(() => t.store.getState().conversations.has('beta') && t.store.getState().invitations.length === 0, 'joined');
    expect(paths(calls).filter((p) => p.startsWith('POST'))).to.deep.equal(['POST /rooms/beta/join']);
    await until(() => t.store.getState().messages.has('beta'), 'the room history');
    // History is not news: it neither counts as unread nor announces itself.
    expect([t.store.getState().messages.get('beta')!.map((m) => m.text), t.store.getState().conversations.get('beta')!.unreadCount]).to.deep.equal([['earlier talk'], 0]);
    adapter.close();
  });
});
