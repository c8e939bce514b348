import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { NetworkError } from '../../src/core/http.js';
import type { ConnectError, Adapter, ConnectOptions } from '../../src/core/protocol.js';
import { SendTimeoutError } from '../../src/core/runtime/replies.js';
import { CATCH_UP_OVERLAP_MS } from '../../src/core/protocols/spaces/sync-catch-up.js';
import { until, type Route, type TestHost } from './fakes.js';
import { API, connect, GUEST_TOKEN, guestRoutes, harness, item, ME, ME_ID, recordRoute, SPACE, type Json } from './setup.js';

describe('spaces adapter: sync, live events and commands', () => {
  let adapter: Adapter | undefined;
  let t: TestHost;
  afterEach(() => { adapter?.close(); adapter = undefined; });

  function start(routes: Record<string, Route> = guestRoutes(), extra: Json = {}, page: Partial<ConnectOptions> = {}) {
    const h = harness(routes, extra, page);
    adapter = h.adapter;
    t = h.t;
    return h;
  }

  it('initial sync: the space and its latest page; reconnect: the activities record from a little before the newest message held, pages followed', async () => {
    const after: string[] = [];
    const record = recordRoute(() => [
      item('m3', 'three', { created: '2024-01-01T10:00:05.000Z', modified: '2024-01-01T10:00:05.000Z' }),
      { ...item('m1', 'one', { modified: '2024-01-01T10:00:06.000Z' }), deleted: true },
      item('mine', 'sent while cut', { sender: ME, created: '2024-01-01T10:00:07.000Z', modified: '2024-01-01T10:00:07.000Z' }),
    ]);
    const { sockets, calls } = start(guestRoutes({
      'GET /api/activitiesrecord/messages': (c) => {
        after.push(new URL(c.path, API).searchParams.get('after') ?? '');
        return record(c);
      },
    }));
    await connect(adapter!, sockets);
    const initial = await adapter!.sync('initial', new AbortController().signal);
    expect(initial.map((e) => e.type)).to.deep.equal(['conversation.created', 'message.created', 'message.created']);
    expect(calls.some((c) => c.path === `/api/spaces/${SPACE}/messages/query?direction=before&size=30`)).to.equal(true);
    t.store.apply(initial);
    t.store.addPending({ conversationId: SPACE, clientRef: 'ref-cut', kind: 'text', text: 'sent while cut', markup: 'plain', attachments: [], createdAt: 1, sender: { id: ME_ID, role: 'self' } });
    t.store.markHandedOver(SPACE, 'ref-cut'); // posted just as the socket was cut

    // A live message the store applied is the newest known.
    sockets[0]!.serverEmit('MESSAGE_SENT', item('m2b', 'live', { created: '2024-01-01T10:00:04.000Z', modified: '2024-01-01T10:00:04.000Z' }));
    sockets[0]!.serverEmit('disconnect', 'transport close');
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['network-error']);

    const socket = await connect(adapter!, sockets);
    expect(socket.subscribes(), 'subscribed again on the new socket').to.deep.equal([SPACE]);
    const missed = await adapter!.sync('reconnect', new AbortController().signal);
    // From a little before the newest held, then from a ms before the page's last change (nothing newer: done).
    expect(after).to.deep.equal([String(Date.parse('2024-01-01T10:00:04.000Z') - CATCH_UP_OVERLAP_MS)]);
    expect(missed.map((e) => e.type)).to.deep.equal(['conversation.updated', 'message.created', 'message.deleted', 'message.created']);
    const mine = missed[3] as Extract<ChatEvent, { type: 'message.created' }>;
    expect(mine.message.clientRef, 'my own missed echo confirms my pending send').to.equal('ref-cut');
    expect(mine.message.sender?.role).to.equal('self');
    t.store.apply(missed);
    expect((t.store.getState().messages.get(SPACE) ?? []).filter((m) => m.text.includes('sent while cut')).map((m) => m.id)).to.deep.equal(['mine']);
  });

  it('initial sync names task assignees from the members fetched in the same sync', async () => {
    const task = item('t1', 'x', { category: 'task', content: { bodyText: 'Do it', description: '', assignees: [{ _id: ME_ID }, { _id: 'stranger' }], status: 'pending' } });
    const { sockets } = start(guestRoutes({ [`GET /api/spaces/${SPACE}/messages/query`]: () => ({ data: [task] }) }));
    await connect(adapter!, sockets);
    const events = await adapter!.sync('initial', new AbortController().signal);
    expect(events[1]).to.have.nested.property('message.kind', 'task');
    expect((events[1] as Extract<ChatEvent, { type: 'message.created' }>).message.meta?.assignees).to.deep.equal([{ id: ME_ID, name: 'Ann' }, { id: 'stranger' }]);
  });

  it('a nextPageUrl is never requested, so one to another origin cannot take the token there', async () => {
    const { sockets, calls } = start(guestRoutes({
      'GET /api/activitiesrecord/messages': () => ({ data: [item('m9', 'nine')], nextPageUrl: 'https://evil.test/steal' }),
    }));
    await connect(adapter!, sockets);
    t.store.apply(await adapter!.sync('initial', new AbortController().signal));
    sockets[0]!.serverEmit('disconnect', 'transport close');
    await connect(adapter!, sockets);
    const missed = await adapter!.sync('reconnect', new AbortController().signal);
    expect(missed.some((e) => e.type === 'message.created' && e.message.id === 'm9')).to.equal(true);
    expect(calls.every((c) => !c.path.includes('steal'))).to.equal(true);
  });

  it('send: SEND_MESSAGE with loopbackMetadata; the echo resolves execute with the confirmed message', async () => {
    const { sockets } = start();
    const socket = await connect(adapter!, sockets);
    t.store.addPending({ conversationId: SPACE, clientRef: 'ref-1', kind: 'text', text: 'hello', markup: 'plain', attachments: [], createdAt: 1, sender: { id: ME_ID, role: 'self' } });
    const answer = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'hello', clientRef: 'ref-1' }, new AbortController().signal);
    expect(socket.sent('SEND_MESSAGE')).to.deep.equal([{ category: 'chat', topicId: SPACE, content: { bodyText: '<p>hello</p>', data: [] }, loopbackMetadata: 'ref-1' }]);
    socket.serverEmit('MESSAGE_SENT', { ...item('srv-1', 'hello', { sender: ME }), loopbackMetadata: 'ref-1' });
    const events = await answer;
    expect(events.map((e) => e.type)).to.deep.equal(['message.created']);
    expect(events[0]).to.have.nested.property('message.clientRef', 'ref-1');
    expect(events[0]).to.have.nested.property('message.id', 'srv-1');
    expect(t.emitted.filter((e) => e.type === 'message.created'), 'the echo is the answer, not a second live event').to.have.length(0);
    t.store.apply(events);
    expect((t.store.getState().messages.get(SPACE) ?? []).map((m) => [m.id, m.status])).to.deep.equal([['srv-1', 'sent']]);
  });

  it('send: SEND_MESSAGE_FAILED rejects it (marked failed by the outbox); no answer in time rejects with a timeout; a drop leaves it pending', async () => {
    const { sockets } = start(guestRoutes(), { sendTimeoutMs: 2000 });
    const socket = await connect(adapter!, sockets);
    const failed = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'no', clientRef: 'ref-f' }, new AbortController().signal);
    socket.serverEmit('SEND_MESSAGE_FAILED', { loopbackMetadata: 'ref-f', message: 'message too long' });
    const err = await failed.then(() => undefined, (e: unknown) => e) as Error;
    expect(err.message).to.equal('spaces: SEND_MESSAGE_FAILED: message too long');
    expect(err).not.to.be.instanceOf(NetworkError);

    const silent = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'hm', clientRef: 'ref-t' }, new AbortController().signal);
    t.scheduler.advance(2000);
    expect(await silent.then(() => undefined, (e: unknown) => e)).to.be.instanceOf(SendTimeoutError);

    const cut = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'cut', clientRef: 'ref-c' }, new AbortController().signal);
    socket.serverEmit('disconnect', 'transport close');
    expect(await cut.then(() => undefined, (e: unknown) => e)).to.be.instanceOf(NetworkError);
    expect(t.scheduler.armed).to.equal(0);
    // Not connected: a send stays pending (NetworkError), nothing is emitted.
    const offline = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'later', clientRef: 'ref-o' }, new AbortController().signal);
    expect(await offline.then(() => undefined, (e: unknown) => e)).to.be.instanceOf(NetworkError);
    expect(socket.sent('SEND_MESSAGE')).to.have.length(3);
  });

  it('SEND_MESSAGE_FAILED without a loopback blames the oldest waiting send', async () => {
    const { sockets } = start();
    const socket = await connect(adapter!, sockets);
    const first = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'a', clientRef: 'ref-a' }, new AbortController().signal);
    socket.serverEmit('SEND_MESSAGE_FAILED', 'quota exceeded');
    expect(((await first.then(() => undefined, (e: unknown) => e)) as Error).message).to.contain('quota exceeded');
  });

  it('live events decode; a malformed payload is one decode report and the stream goes on', async () => {
    const { sockets } = start();
    const socket = await connect(adapter!, sockets);
    socket.serverEmit('MESSAGE_SENT', { category: 'chat', topicId: SPACE, _id: 'bad', created: 'not a date' });
    socket.serverEmit('MESSAGE_SENT', item('ok-1', 'fine'));
    expect(t.reports.map((r) => r.code)).to.deep.equal(['decode']);
    expect(t.reports[0]?.message).to.contain('spaces frame dropped: MESSAGE_SENT: created');
    expect(t.reports[0]?.frame).to.contain('not a date');
    expect((t.store.getState().messages.get(SPACE) ?? []).map((m) => m.id)).to.deep.equal(['ok-1']);
  });

  it('markRead: at once, then at most once per 5 s (one trailing call); POST /api/users/me/spaces/{id}/markread', async () => {
    const { sockets, calls } = start(guestRoutes({ [`POST /api/users/me/spaces/${SPACE}/markread`]: () => ({}) }));
    await connect(adapter!, sockets);
    const marks = () => calls.filter((c) => c.path === `/api/users/me/spaces/${SPACE}/markread`);
    await adapter!.execute({ type: 'markRead', conversationId: SPACE }, new AbortController().signal);
    expect(marks()).to.have.length(1);
    expect(marks()[0]?.headers.Authorization).to.equal(`jwt ${GUEST_TOKEN}`);
    t.scheduler.advance(1000);
    await adapter!.execute({ type: 'markRead', conversationId: SPACE }, new AbortController().signal);
    await adapter!.execute({ type: 'markRead', conversationId: SPACE }, new AbortController().signal);
    expect(marks()).to.have.length(1);
    t.scheduler.advance(3999);
    expect(marks()).to.have.length(1);
    t.scheduler.advance(1);
    await until(() => marks().length === 2, 'the trailing markread');
    expect(t.scheduler.armed).to.equal(0);
  });

  it('delete: POST /api/messages/deletemessages [id]; a refusal is an error with its reason', async () => {
    const { sockets, calls } = start(guestRoutes({
      'POST /api/messages/deletemessages': (c) => ((c.body as string[])[0] === 'm1'
        ? { deletedMessages: ['m1'], notDeletedMessages: [], notFoundMmessages: [], noPermittedMessages: [] }
        : { deletedMessages: [], noPermittedMessages: [{ messageId: 'm2', reason: { message: 'Only the author can delete this message.' } }] }),
    }));
    await connect(adapter!, sockets);
    const events = await adapter!.execute({ type: 'delete', conversationId: SPACE, messageId: 'm1' }, new AbortController().signal);
    expect(calls.at(-1)?.body).to.deep.equal(['m1']);
    expect(events).to.deep.equal([{ type: 'message.deleted', conversationId: SPACE, messageIds: ['m1'], scope: 'everyone', wireName: 'rest:deletemessages' }]);
    const err = await adapter!.execute({ type: 'delete', conversationId: SPACE, messageId: 'm2' }, new AbortController().signal).then(() => undefined, (e: unknown) => e) as Error;
    expect(err.message).to.equal('spaces: the message was not deleted: Only the author can delete this message.');
  });

  it('edit: PATCH /api/messages/{id} {_id, content.bodyText} with the text as HTML; the new text applies; a refusal is an error', async () => {
    const { sockets, calls } = start(guestRoutes({
      'PATCH /api/messages/m1': () => ({ _id: 'm1' }),
      'PATCH /api/messages/m2': () => [403, { error: 'Only the author can update this message' }],
    }));
    await connect(adapter!, sockets);
    const events = await adapter!.execute({ type: 'edit', conversationId: SPACE, messageId: 'm1', text: 'a <b> & c' }, new AbortController().signal);
    expect(calls.at(-1)?.body).to.deep.equal({ _id: 'm1', content: { bodyText: '<p>a &lt;b&gt; &amp; c</p>' } });
    expect(events).to.deep.equal([{ type: 'message.updated', conversationId: SPACE, message: { id: 'm1', conversationId: SPACE, text: '<p>a &lt;b&gt; &amp; c</p>', markup: 'html' }, wireName: 'rest:message' }]);
    const err = await adapter!.execute({ type: 'edit', conversationId: SPACE, messageId: 'm2', text: 'x' }, new AbortController().signal).then(() => undefined, (e: unknown) => e) as Error;
    expect(err.message).to.contain('403');
  });

  it('openConversation: a guest joins the space, subscribes, and gets the space and its latest page', async () => {
    const { sockets, calls } = start(guestRoutes({
      'GET /api/spaces/space-9/join': () => ({ _id: 'space-9' }),
      'GET /api/spaces/space-9': () => ({ _id: 'space-9', title: 'Nine' }),
      'GET /api/spaces/space-9/messages/query': () => ({ data: [item('n1', 'nine', { topicId: 'space-9' })] }),
    }));
    const socket = await connect(adapter!, sockets);
    const events = await adapter!.execute({ type: 'openConversation', conversationId: 'space-9' }, new AbortController().signal);
    expect(calls.filter((c) => c.path.includes('space-9')).map((c) => c.path)).to.deep.equal([
      '/api/spaces/space-9/join', '/api/spaces/space-9', '/api/spaces/space-9/messages/query?direction=before&size=30',
    ]);
    expect(socket.subscribes()).to.deep.equal([SPACE, 'space-9']);
    expect(events.map((e) => e.type)).to.deep.equal(['conversation.updated', 'message.created']);
  });

  it('loadOlder: the page before the oldest message, without messages already held; typing is not offered', async () => {
    const refs: string[] = [];
    const { sockets } = start(guestRoutes({
      [`GET /api/spaces/${SPACE}/messages/query`]: (c) => {
        const ref = new URL(c.path, API).searchParams.get('refTime');
        refs.push(ref ?? '');
        return ref ? { data: [item('m1', 'one'), item('m0', 'zero', { created: '2024-01-01T09:00:00.000Z' })] } : { data: [item('m1', 'one')] };
      },
    }));
    await connect(adapter!, sockets);
    t.store.apply(await adapter!.sync('initial', new AbortController().signal));
    const older = await adapter!.execute({ type: 'loadOlder', conversationId: SPACE }, new AbortController().signal);
    expect(refs).to.deep.equal(['', String(Date.parse('2024-01-01T10:00:00.000Z'))]);
    expect(older.map((e) => (e.type === 'message.created' ? e.message.id : e.type))).to.deep.equal(['m0']);
    expect([...adapter!.capabilities].sort()).to.deep.equal(['delete', 'edit', 'loadOlder', 'markRead', 'openConversation', 'send']);
    expect(await adapter!.execute({ type: 'typing', conversationId: SPACE, on: true }, new AbortController().signal).then(() => 'ok', (e: Error) => e.message)).to.contain('not supported');
  });
});
