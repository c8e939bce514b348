import { expect } from '@open-wc/testing';
import { memoryStore } from '../../src/core/kv.js';
import { ConnectError, type Adapter, type ConnectOptions } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/spaces/protocol.js';
import { guestKey } from '../../src/core/protocols/spaces/identity.js';
import { readConfig } from '../../src/core/protocols/spaces/options.js';
import { fakeFetch, fakeIo, testHost, until, type Route, type TestHost } from './fakes.js';
import {
  API, connect, GUEST_TOKEN, guestRoutes, harness, item, ME_ID, ofType, options, seedPayload, SPACE, topic, type Json,
} from './setup.js';

describe('spaces adapter: connecting, identity, subscriptions', () => {
  let adapter: Adapter | undefined;
  let t: TestHost;
  afterEach(() => { adapter?.close(); adapter = undefined; });

  function start(routes: Record<string, Route> = guestRoutes(), extra: Json = {}, page: Partial<ConnectOptions> = {}) {
    const h = harness(routes, extra, page);
    adapter = h.adapter;
    t = h.t;
    return h;
  }

  it('a guest signs in, joins, connects to /chat (websocket only, no reconnection) and subscribes; live after CHANNEL_SUBSCRIBED', async () => {
    const { sockets, calls } = start();
    const socket = await connect(adapter!, sockets);
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal(['POST /api/anonymous/auth', 'GET /api/users/me', `GET /api/spaces/${SPACE}/join`]);
    expect(calls[0]?.body).to.deep.equal({ displayname: 'Ann', username: 'Anonymous' });
    expect(calls[0]?.headers.Authorization).to.equal(undefined);
    expect(calls[1]?.headers.Authorization).to.equal(`jwt ${GUEST_TOKEN}`);
    expect(socket.url).to.equal('http://spaces.test/chat');
    expect(socket.options).to.deep.include({ path: '/socket.io', query: { tokenType: 'jwt', token: GUEST_TOKEN }, transports: ['websocket'], reconnection: false, forceNew: true });
    expect(socket.sent('SUBSCRIBE_CHANNEL')).to.deep.equal([{ channel: { type: 'topic', _id: SPACE } }]);
    expect(ofType(t.emitted, 'identity.changed')).to.deep.equal([{ type: 'identity.changed', selfId: ME_ID, name: 'Ann' }]);
    expect(t.store.getState().selfId).to.equal(ME_ID);
  });

  it('connect waits for the subscription answer; all refused → subscription-rejected; some refused → reported', async () => {
    const { sockets } = start();
    const done = adapter!.connect(new AbortController().signal);
    let settled = false;
    done.then(() => { settled = true; }, () => { settled = true; });
    await until(() => sockets.length === 1, 'the socket');
    sockets[0]!.serverEmit('connect');
    await until(() => sockets[0]!.subscribes().length === 1, 'SUBSCRIBE_CHANNEL');
    await new Promise((r) => setTimeout(r, 5));
    expect(settled, 'not live before CHANNEL_SUBSCRIBED').to.equal(false);
    sockets[0]!.serverEmit('SUBSCRIBE_CHANNEL_FAILED', { channel: { _id: SPACE }, error: { message: 'not a member' } });
    const err = await done.then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(ConnectError);
    expect((err as ConnectError).reason).to.equal('subscription-rejected');
    expect((err as ConnectError).message).to.contain('not a member');

    adapter!.close();
    const two = start(guestRoutes({ 'GET /api/spaces/space-2/join': () => ({ _id: 'space-2' }) }), { spaces: ['space-2'] });
    const pending = adapter!.connect(new AbortController().signal);
    await until(() => two.sockets.length === 1, 'the socket');
    const s = two.sockets[0]!;
    s.serverEmit('connect');
    await until(() => s.subscribes().length > 0, 'SUBSCRIBE_CHANNEL');
    expect(s.subscribes()).to.deep.equal([SPACE, 'space-2']);
    s.serverEmit('CHANNEL_SUBSCRIBED', { channel: { _id: SPACE } });
    s.serverEmit('SUBSCRIBE_CHANNEL_FAILED', { channel: { _id: 'space-2' }, error: { message: 'space not found' } });
    await pending;
    expect(t.reports.map((r) => [r.code, r.message])).to.deep.equal([['subscription', 'spaces: subscribing to space space-2 was refused: space not found']]);
  });

  it('no answer to SUBSCRIBE_CHANNEL in time → a retryable network-error; no timers left', async () => {
    const { sockets } = start(guestRoutes(), { subscribeTimeoutMs: 3000 });
    const done = adapter!.connect(new AbortController().signal);
    await until(() => sockets.length === 1, 'the socket');
    sockets[0]!.serverEmit('connect');
    await until(() => sockets[0]!.subscribes().length === 1, 'SUBSCRIBE_CHANNEL');
    t.scheduler.advance(3000);
    const err = await done.then(() => undefined, (e: unknown) => e) as ConnectError;
    expect(err.reason).to.equal('network-error');
    expect(sockets[0]!.disconnected).to.equal(true);
    expect(t.scheduler.armed).to.equal(0);
  });

  it('the server refusing the token → auth-failed, with the token nowhere in the message', async () => {
    const { sockets } = start(guestRoutes(), {}, { token: 'user-secret-jwt' });
    const done = adapter!.connect(new AbortController().signal);
    await until(() => sockets.length === 1, 'the socket');
    sockets[0]!.serverEmit('connect_error', new Error(`unauthorized: token user-secret-jwt expired ?token=user-secret-jwt`));
    const err = await done.then(() => undefined, (e: unknown) => e) as ConnectError;
    expect(err.reason).to.equal('auth-failed');
    expect(err.message).not.to.contain('user-secret-jwt');
    expect(err.message).to.contain('[redacted]');
  });

  it('a socket.io 2 refusal (the middleware error packet, with its data object) → auth-failed', async () => {
    const { sockets } = start();
    const done = adapter!.connect(new AbortController().signal);
    await until(() => sockets.length === 1, 'the socket');
    sockets[0]!.serverEmit('error', { message: 'jwt expired', code: 'invalid_token', type: 'UnauthorizedError' });
    const err = await done.then(() => undefined, (e: unknown) => e) as ConnectError;
    expect([err.reason, err.message]).to.deep.equal(['auth-failed', 'spaces: the socket could not connect: jwt expired, invalid_token, UnauthorizedError']);
  });

  it('a socket.io 3/4 client refused by a socket.io 2 server → config-error naming the mismatch and the option; no retry', async () => {
    const { sockets } = start(guestRoutes(), { socketIoVersion: 4 });
    const done = adapter!.connect(new AbortController().signal);
    await until(() => sockets.length === 1, 'the socket');
    sockets[0]!.serverEmit('connect_error', new Error('It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible'));
    const err = await done.then(() => undefined, (e: unknown) => e) as ConnectError;
    expect(err.reason).to.equal('config-error');
    expect(err.message).to.contain('version mismatch').and.to.contain('socketIoVersion: 2');
    expect(sockets[0]!.disconnected).to.equal(true);
  });

  it('a transport failure before connecting is retryable (network-error)', async () => {
    const { sockets } = start();
    const done = adapter!.connect(new AbortController().signal);
    await until(() => sockets.length === 1, 'the socket');
    sockets[0]!.serverEmit('connect_error', new Error('websocket error'));
    expect(((await done.then(() => undefined, (e: unknown) => e)) as ConnectError).reason).to.equal('network-error');
  });

  it('the socket dropping while subscribing is a retryable network-error', async () => {
    const { sockets } = start();
    const done = adapter!.connect(new AbortController().signal);
    await until(() => sockets.length === 1, 'the socket');
    sockets[0]!.serverEmit('connect');
    sockets[0]!.serverEmit('disconnect', 'transport close');
    const err = await done.then(() => undefined, (e: unknown) => e) as ConnectError;
    expect([err.reason, err.message]).to.deep.equal(['network-error', 'spaces: the socket closed (transport close)']);
    expect(t.closed, 'not live yet: connect() fails instead').to.deep.equal([]);
    expect(t.scheduler.armed).to.equal(0);
  });

  it('a member token: no guest sign-in or join, OAuth as bearer, /api/users/me names me', async () => {
    const { sockets, calls } = start(guestRoutes(), { tokenType: 'oauth' }, { token: 'oauth-token' });
    const socket = await connect(adapter!, sockets);
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal(['GET /api/users/me']);
    expect(calls[0]?.headers.Authorization).to.equal('bearer oauth-token');
    expect(socket.options.query).to.deep.equal({ tokenType: 'oauth', token: 'oauth-token' });
  });

  it('a stored guest identity is reused; when the server refuses it, the guest signs in again once', async () => {
    const storage = memoryStore();
    const io = fakeIo();
    let signIns = 0;
    const http = fakeFetch(guestRoutes({ 'POST /api/anonymous/auth': () => ({ token: `fresh-${++signIns}` }) }));
    const opts = options(io.io);
    const cfg = readConfig(opts);
    await storage.set(guestKey(cfg), { token: 'old-token', expiresAt: 1_700_000_000_000 + 20 * 3600_000, selfId: ME_ID, name: 'Ann' });
    t = testHost(opts, http.fetch, storage);
    adapter = createAdapter(t.host);
    const done = adapter.connect(new AbortController().signal);
    await until(() => io.sockets.length === 1, 'the first socket');
    expect(io.sockets[0]!.options.query).to.deep.equal({ tokenType: 'jwt', token: 'old-token' });
    expect(http.calls.map((c) => c.path)).to.deep.equal([`/api/spaces/${SPACE}/join`]);
    io.sockets[0]!.serverEmit('connect_error', new Error('unauthorized: token expired'));
    await until(() => io.sockets.length === 2, 'the second socket');
    expect(io.sockets[1]!.options.query).to.deep.equal({ tokenType: 'jwt', token: 'fresh-1' });
    await io.sockets[1]!.acceptAll();
    await done;
    expect(signIns).to.equal(1);
    let kept: Json | undefined;
    for (let i = 0; i < 100 && kept?.token !== 'fresh-1'; i++) {
      kept = await storage.get<Json>(guestKey(cfg));
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(kept).to.deep.include({ token: 'fresh-1', selfId: ME_ID });
    expect(t.reports).to.deep.equal([]);
  });

  it('subscription required: reported (code subscription), the space subscribed again once; the send waiting on it fails', async () => {
    const { sockets } = start();
    const socket = await connect(adapter!, sockets);
    const send = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'x', clientRef: 'ref-s' }, new AbortController().signal);
    socket.serverEmit('SEND_MESSAGE_FAILED', { type: 'app.event.channel.subscription.required', topicId: SPACE, loopbackMetadata: 'ref-s', message: 'subscribe first' });
    socket.serverEmit('MESSAGE_SENT', { category: 'app.event.channel.subscription.required', topicId: SPACE });
    expect(((await send.then(() => undefined, (e: unknown) => e)) as Error).message).to.contain('not subscribed');
    expect(t.reports.map((r) => r.code)).to.deep.equal(['subscription', 'subscription']);
    expect(socket.subscribes()).to.deep.equal([SPACE, SPACE]);
  });

  it('app.event.topic.new subscribes to the new space; topic.updated diffs members against the store', async () => {
    const { sockets } = start();
    const socket = await connect(adapter!, sockets);
    t.store.apply(await adapter!.sync('initial', new AbortController().signal));
    socket.serverEmit('MESSAGE_SENT', seedPayload('app.event.topic.new'));
    expect(socket.subscribes()).to.deep.equal([SPACE, '5f1051f0f3ed772f915e19ed']);
    expect(t.store.getState().conversations.get('5f1051f0f3ed772f915e19ed')?.title).to.equal('asdasd');
    socket.serverEmit('MESSAGE_SENT', { category: 'topic.updated', topicId: SPACE, content: topic([{ member: ME_ID, displayname: 'Ann' }, { member: 'bob', displayname: 'Bob', role: 'member' }]) });
    expect(ofType(t.emitted, 'participant.joined').map((e) => [e.participant.id, e.roleInConversation])).to.deep.equal([['bob', 'member']]);
    expect(ofType(t.emitted, 'participant.left').map((e) => [e.participantId, e.isSelf])).to.deep.equal([['sam-1', false]]);
    expect(t.store.getState().conversations.get(SPACE)?.members?.map((m) => m.id)).to.deep.equal([ME_ID, 'bob']);
  });

  it('close() disconnects, detaches every listener, clears every timer, and ignores late events', async () => {
    const { sockets } = start();
    const socket = await connect(adapter!, sockets);
    void adapter!.execute({ type: 'send', conversationId: SPACE, text: 'x', clientRef: 'r' }, new AbortController().signal).catch(() => undefined);
    expect(t.scheduler.armed).to.equal(1);
    adapter!.close();
    adapter!.close();
    expect(socket.disconnected).to.equal(true);
    expect(socket.listenerCount).to.equal(0);
    expect(t.scheduler.armed).to.equal(0);
    const before = t.emitted.length;
    socket.serverEmit('MESSAGE_SENT', item('late', 'late'));
    expect(t.emitted.length).to.equal(before);
    expect(t.closed).to.deep.equal([]);
  });

  it('bad options are a config-error', async () => {
    for (const [opts, text] of [
      [{ url: API, options: {} }, 'name the space'],
      [{ url: 'not a url', conversation: SPACE, options: {} }, '"url"'],
      [{ url: API, conversation: SPACE, options: { tokenType: 'basic' } }, 'tokenType'],
      [{ url: API, conversation: SPACE, options: { io: 'socket.io' } }, '"io"'],
      [{ url: API, conversation: SPACE, options: { pageSize: 500 } }, 'pageSize'],
      [{ url: API, conversation: SPACE, options: { socketIoVersion: 1 } }, 'socketIoVersion'],
      [{ url: API, conversation: SPACE, options: { socketIoVersion: 'v4' } }, 'socketIoVersion'],
    ] as [ConnectOptions, string][]) {
      const a = createAdapter(testHost(opts, fakeFetch({}).fetch).host);
      const err = await a.connect(new AbortController().signal).then(() => undefined, (e: unknown) => e) as ConnectError;
      expect(err.reason, text).to.equal('config-error');
      expect(err.message, text).to.contain(text);
    }
    expect(readConfig({ url: `${API}/`, options: { spaces: 'a, b', socketUrl: 'wss://socket.test/x' }, conversation: 'c' })).to.deep.include({
      apiUrl: API, socketUrl: 'https://socket.test/chat', spaces: ['c', 'a', 'b'], join: true, displayName: 'Guest', socketIoVersion: 2,
    });
    expect(readConfig({ url: API, conversation: 'c', options: { socketIoVersion: '4' } }).socketIoVersion).to.equal(4);
    expect(readConfig({ url: API, conversation: 'c', options: { socketIoVersion: 3 } }).socketIoVersion).to.equal(3);
  });
});
