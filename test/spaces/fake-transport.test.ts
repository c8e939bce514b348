/**
 * Spaces over the core's fake transport (`parley/testing`): what it asks to open, the
 * SUBSCRIBE_CHANNEL handshake, live frames, a send and its echo, and the end of the connection.
 * The other adapter tests run the real socket.io transport over a page `io`; this one runs below
 * neither, as an integrator's test would.
 */
import { expect } from '@open-wc/testing';
import { NetworkError } from '../../src/core/http.js';
import type { Adapter, ConnectError } from '../../src/core/protocol.js';
import { INBOUND_EVENTS } from '../../src/core/protocols/spaces/codec.js';
import { createAdapter } from '../../src/core/protocols/spaces/protocol.js';
import { fakeTransport, type FakeConnection } from '../../src/core/transport/fake.js';
import { fakeFetch, testHost, until, type TestHost } from './fakes.js';
import { API, GUEST_TOKEN, guestRoutes, item, SPACE } from './setup.js';

describe('spaces over the fake transport', () => {
  let adapter: Adapter | undefined;
  afterEach(() => { adapter?.close(); adapter = undefined; });

  function start(): { t: TestHost; fake: ReturnType<typeof fakeTransport> } {
    const fake = fakeTransport();
    const t = testHost({ url: API, conversation: SPACE, options: { displayName: 'Ann' } }, fakeFetch(guestRoutes()).fetch);
    adapter = createAdapter({ ...t.host, transport: fake.factory });
    return { t, fake };
  }
  const subscribes = (c: FakeConnection): unknown[] => c.sent.filter((f) => f.event === 'SUBSCRIBE_CHANNEL').map((f) => f.args[0]);

  it('opens /chat with the token in the query, subscribes, and is live once CHANNEL_SUBSCRIBED answers', async () => {
    const { t, fake } = start();
    const done = adapter!.connect(new AbortController().signal);
    const c = await fake.nextOpen();
    expect(c.request).to.deep.include({ kind: 'socket.io', url: 'http://spaces.test/chat', path: '/socket.io', version: 2, query: { tokenType: 'jwt', token: GUEST_TOKEN } });
    expect(c.request).to.have.property('events').that.deep.equals(INBOUND_EVENTS);
    c.accept();
    await until(() => subscribes(c).length === 1, 'SUBSCRIBE_CHANNEL');
    expect(subscribes(c)).to.deep.equal([{ channel: { type: 'topic', _id: SPACE } }]);
    c.push({ channel: { type: 'topic', _id: SPACE } }, 'CHANNEL_SUBSCRIBED');
    await done;

    c.push(item('live-1', 'hello'), 'MESSAGE_SENT');
    expect((t.store.getState().messages.get(SPACE) ?? []).map((m) => m.id)).to.deep.equal(['live-1']);

    const send = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'hi', clientRef: 'ref-1' }, new AbortController().signal);
    expect(c.sent.filter((f) => f.event === 'SEND_MESSAGE').map((f) => f.args[0])).to.deep.equal([
      { category: 'chat', topicId: SPACE, content: { bodyText: '<p>hi</p>', data: [] }, loopbackMetadata: 'ref-1' },
    ]);
    c.push({ ...item('srv-1', 'hi'), loopbackMetadata: 'ref-1' }, 'MESSAGE_SENT');
    expect((await send).map((e) => e.type)).to.deep.equal(['message.created']);

    const cut = adapter!.execute({ type: 'send', conversationId: SPACE, text: 'cut', clientRef: 'ref-2' }, new AbortController().signal);
    c.end('network-error', 'the socket closed (transport close)');
    expect(await cut.then(() => undefined, (e: unknown) => e)).to.be.instanceOf(NetworkError);
    expect(t.closed).to.deep.equal([{ reason: 'network-error', detail: 'the socket closed (transport close)' }]);
    expect(t.scheduler.armed).to.equal(0);
  });

  it('the transport ending while subscribing fails the connect, retryably; no timer is left', async () => {
    const { t, fake } = start();
    const done = adapter!.connect(new AbortController().signal);
    const c = await fake.nextOpen();
    c.accept();
    await until(() => subscribes(c).length === 1, 'SUBSCRIBE_CHANNEL');
    c.end('network-error', 'the socket closed (transport close)');
    const err = await done.then(() => undefined, (e: unknown) => e) as ConnectError;
    expect([err.reason, err.message]).to.deep.equal(['network-error', 'spaces: the socket closed (transport close)']);
    expect(t.closed).to.deep.equal([]);
    expect(t.scheduler.armed).to.equal(0);
  });
});
