import { expect } from '@open-wc/testing';
import { memoryStore } from '../../src/core/kv.js';
import { ConnectError } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/imkit/protocol.js';
import { fakeTransport } from '../../src/core/transport/fake.js';
import { socketIoTransport } from '../../src/core/transport/socket-io.js';
import type { SocketIoRequest, TransportFactory } from '../../src/core/transport/transport.js';
import { b64, fakeFetch, FakeIoSocket, ok, testHost, until } from './fakes.js';
import { acks, defaultRoutes, KEY, KIT, openLink, options, setup, startConnect, TOKEN, URL_BASE, wireMessage, type Link } from './harness.js';

async function connectError(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ConnectError) return err;
    throw err;
  }
  throw new Error('connect resolved');
}

/** An acknowledgement that never comes. */
const never = (): Promise<never> => new Promise(() => undefined);

describe('imkit adapter: connecting', () => {
  it('opens Socket.IO 4 over the configured path, then auth2 with the token, the client key and a device id', async () => {
    const { adapter, t, fake } = setup();
    const link = await openLink(adapter);
    expect(fake.last!.request).to.deep.equal({ kind: 'socket.io', url: URL_BASE, path: '/socket.io', version: 4, timeoutMs: 10_000 });
    expect(link.emits.map((e) => e.name)).to.deep.equal(['auth2']);
    const [token, extra] = link.last('auth2')!.args as [string, Record<string, string>];
    expect(token).to.equal(TOKEN);
    expect(Object.keys(extra)).to.deep.equal(['IM-CLIENT-KEY', 'IM-Authorization', 'deviceId']);
    expect([extra['IM-CLIENT-KEY'], extra['IM-Authorization']]).to.deep.equal([KEY, TOKEN]);
    expect(extra.deviceId).to.match(/^parley-.{8,}/);
    expect(t.emitted[0]).to.deep.equal({ type: 'identity.changed', selfId: 'me' });
    expect(t.store.getState().selfId).to.equal('me');
    adapter.close();
  });

  it('socketUrl and socketPath choose where the socket goes', async () => {
    const { adapter, fake } = setup(options({ socketUrl: 'wss://io.test/chat/', socketPath: '/ws' }));
    await openLink(adapter);
    expect(fake.last!.request).to.deep.include({ url: 'https://io.test/chat', path: '/ws' });
    adapter.close();
  });

  it('keeps the device id across adapters sharing a storage, and takes a given one', async () => {
    const storage = memoryStore();
    const first = setup(options(), defaultRoutes(), storage);
    const a = await openLink(first.adapter);
    first.adapter.close();
    const second = setup(options(), defaultRoutes(), storage);
    const b = await openLink(second.adapter);
    second.adapter.close();
    const device = (s: Link) => (s.last('auth2')!.args[1] as Record<string, string>).deviceId;
    expect(device(b)).to.equal(device(a));
    const given = setup(options({ deviceId: 'kiosk-7' }));
    expect(device(await openLink(given.adapter))).to.equal('kiosk-7');
    given.adapter.close();
  });

  it('base64: conf {encoding: "base64"} first, and every payload is decoded from base64 JSON', async () => {
    const { adapter, t } = setup(options({ base64: true }));
    const link = await openLink(adapter, true);
    expect(link.emits.map((e) => e.name)).to.deep.equal(['conf', 'auth2']);
    expect(link.last('conf')!.args).to.deep.equal([{ encoding: 'base64' }]);
    link.push('chat message', b64(wireMessage('m1', 1000, { message: 'héllo ✓' })));
    expect(t.store.getState().messages.get('r1')!.map((m) => m.text)).to.deep.equal(['héllo ✓']);
    adapter.close();
  });

  for (const base64 of [false, true]) {
    it(`a refused auth2 (RC 401${base64 ? ', base64' : ''}) is auth-failed, closes the socket, and names no credential`, async () => {
      const { adapter } = setup(options({ base64 }));
      const { done, link, error } = await startConnect(adapter);
      link.conn.answer = acks(base64, { RC: 401, RM: `Unauthorized: ${TOKEN}` });
      link.conn.accept();
      await done;
      const err = error();
      expect(err instanceof ConnectError && err.reason).to.equal('auth-failed');
      expect((err as Error).message).to.not.contain(TOKEN);
      expect(link.emits.map((e) => e.name)).to.deep.equal(base64 ? ['conf', 'auth2'] : ['auth2']);
      expect(link.conn.isClosed).to.equal(true);
    });
  }

  it('the server closing the socket during auth2 is auth-failed; a network close is network-error', async () => {
    for (const [reason, expected] of [['server-closed', 'auth-failed'], ['network-error', 'network-error']] as const) {
      const { adapter } = setup();
      const { done, link, error } = await startConnect(adapter);
      link.conn.answer = never;
      link.conn.accept();
      await until(() => !!link.last('auth2'), 'auth2');
      link.drop(reason, 'the socket closed (while connecting)');
      await done;
      expect((error() as ConnectError).reason, reason).to.equal(expected);
    }
  });

  it('"NO ACK", another RC, or a refused handshake are network errors (worth a retry)', async () => {
    for (const reply of ['NO ACK', { RC: 500 }, null]) {
      const { adapter } = setup();
      const { done, link, error } = await startConnect(adapter);
      link.conn.answer = acks(false, reply);
      link.conn.accept();
      await done;
      expect((error() as ConnectError).reason, JSON.stringify(reply)).to.equal('network-error');
    }
    const c = setup();
    const third = await startConnect(c.adapter);
    third.link.conn.refuse('network-error', 'the socket could not connect: websocket error');
    await third.done;
    expect((third.error() as ConnectError).reason).to.equal('network-error');
  });

  it('ackTimeoutMs bounds the conf and auth2 acknowledgements and the socket connect', async () => {
    const fake = fakeTransport();
    const timeouts: [string, number][] = [];
    const spy: TransportFactory = (request, events, scheduler) => {
      const transport = fake.factory(request, events, scheduler);
      return { ...transport, request: (event, args, ms) => { timeouts.push([event, ms]); return transport.request(event, args, ms); } };
    };
    const adapter = createAdapter(testHost(options({ ackTimeoutMs: 5000, base64: true }), fakeFetch(defaultRoutes()).fetch, spy).host);
    const p = adapter.connect(new AbortController().signal);
    const conn = await fake.nextOpen();
    conn.answer = acks(true);
    conn.accept();
    await p;
    expect(timeouts).to.deep.equal([['conf', 5000], ['auth2', 5000]]);
    expect((conn.request as SocketIoRequest).timeoutMs).to.equal(5000);
    adapter.close();
  });

  it('bad options are config-error before any socket or request', async () => {
    for (const o of [options({ clientKey: '' }), options({}, { token: undefined }), options({}, { url: 'not a url' }), options({ pageSize: 0 })]) {
      const { adapter, calls, fake } = setup(o);
      expect((await connectError(adapter.connect(new AbortController().signal))).reason).to.equal('config-error');
      expect(calls).to.have.length(0);
      expect(fake.connections).to.have.length(0);
    }
  });

  it('without a userId it asks GET /me who it is; a 401 there is auth-failed', async () => {
    const me = { _id: 'u-42', nickname: 'Ann' };
    const good = setup(options({}, { userId: undefined }), defaultRoutes({ 'GET /me': () => ok(me) }));
    await openLink(good.adapter);
    expect(good.t.emitted[0]).to.deep.equal({ type: 'identity.changed', selfId: 'u-42', name: 'Ann' });
    good.adapter.close();

    const bad = setup(options({}, { userId: undefined }), defaultRoutes({ 'GET /me': () => [401, { RC: 401, RM: 'Unauthorized' }] }));
    expect((await connectError(bad.adapter.connect(new AbortController().signal))).reason).to.equal('auth-failed');
    expect(bad.fake.connections).to.have.length(0);
  });

  it('close() while connecting rejects with client-closed and closes the socket; an abort does the same', async () => {
    const { adapter } = setup();
    const { done, link, error } = await startConnect(adapter);
    adapter.close();
    await done;
    expect((error() as ConnectError).reason).to.equal('client-closed');
    expect(link.conn.isClosed).to.equal(true);

    const ctl = new AbortController();
    const b = setup();
    const second = await startConnect(b.adapter, ctl.signal);
    ctl.abort();
    await second.done;
    expect((second.error() as ConnectError).reason).to.equal('client-closed');
    expect(second.link.conn.isClosed).to.equal(true);
  });
});

describe('imkit adapter: over the real socket.io transport', () => {
  /** An adapter whose socket.io transport runs on a fake socket.io-client socket. */
  function overIo(extra: Record<string, unknown> = {}) {
    const sockets: FakeIoSocket[] = [];
    const io = (url: string, opts: Record<string, unknown>) => {
      const s = new FakeIoSocket(url, opts);
      sockets.push(s);
      return s;
    };
    const transport: TransportFactory = (request, events, scheduler) => socketIoTransport({ ...(request as SocketIoRequest), io }, events, scheduler);
    const t = testHost(options(extra), fakeFetch(defaultRoutes()).fetch, transport);
    return { adapter: createAdapter(t.host), t, sockets };
  }

  async function opened(o: ReturnType<typeof overIo>): Promise<FakeIoSocket> {
    const p = o.adapter.connect(new AbortController().signal);
    await until(() => o.sockets.length > 0, 'the socket');
    const socket = o.sockets.at(-1)!;
    socket.accept();
    await until(() => !!socket.last('auth2'), 'auth2');
    socket.ack('auth2', { RC: 0, RM: 'OK' });
    await p;
    return socket;
  }

  it('websocket only, socket.io never reconnecting by itself', async () => {
    const o = overIo();
    const socket = await opened(o);
    expect(socket.url).to.equal(URL_BASE);
    expect(socket.opts).to.deep.include({ path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000 });
    o.adapter.close();
    expect(socket.disconnectCalls).to.equal(1);
  });

  it('no acknowledgement in time is a network error, and no timer stays armed', async () => {
    const o = overIo({ ackTimeoutMs: 5000 });
    const p = o.adapter.connect(new AbortController().signal);
    await until(() => o.sockets.length > 0, 'the socket');
    const socket = o.sockets.at(-1)!;
    socket.accept();
    await until(() => !!socket.last('auth2'), 'auth2');
    o.t.scheduler.advance(4999);
    o.t.scheduler.advance(1);
    const err = await connectError(p);
    expect([err.reason, err.message]).to.deep.equal(['network-error', 'imkit: no acknowledgement of "auth2" in time']);
    expect(o.t.scheduler.armed).to.equal(0);
    expect(socket.disconnectCalls).to.equal(1);
  });

  it('a refused handshake is a network error', async () => {
    const o = overIo();
    const p = o.adapter.connect(new AbortController().signal);
    await until(() => o.sockets.length > 0, 'the socket');
    o.sockets.at(-1)!.refuse('websocket error');
    expect((await connectError(p)).reason).to.equal('network-error');
  });

  it('the server closing the socket during auth2 is auth-failed', async () => {
    const o = overIo();
    const p = o.adapter.connect(new AbortController().signal);
    await until(() => o.sockets.length > 0, 'the socket');
    const socket = o.sockets.at(-1)!;
    socket.accept();
    await until(() => !!socket.last('auth2'), 'auth2');
    socket.drop('io server disconnect');
    expect((await connectError(p)).reason).to.equal('auth-failed');
  });

  it('a drop after auth is reported once through host.closed with its reason; close() reports nothing', async () => {
    for (const [wire, reason] of [['transport close', 'network-error'], ['io server disconnect', 'server-closed'], ['ping timeout', 'stale']] as const) {
      const o = overIo();
      const socket = await opened(o);
      socket.drop(wire);
      socket.drop(wire);
      expect(o.t.closed).to.deep.equal([{ reason, detail: `the socket closed (${wire})` }]);
    }
    const o = overIo();
    const socket = await opened(o);
    o.adapter.close();
    o.adapter.close();
    socket.push('chat message', wireMessage('m1', 1000));
    expect(o.t.closed).to.deep.equal([]);
    expect(o.t.store.getState().messages.size).to.equal(0);
  });
});

describe('imkit adapter: the live socket', () => {
  it('a drop after auth is reported once through host.closed with its reason; close() reports nothing', async () => {
    for (const reason of ['network-error', 'server-closed', 'stale'] as const) {
      const { adapter, t } = setup();
      const link = await openLink(adapter);
      link.drop(reason, 'the socket closed (x)');
      link.drop(reason, 'the socket closed (x)');
      expect(t.closed).to.deep.equal([{ reason, detail: 'the socket closed (x)' }]);
    }
    const { adapter, t } = setup();
    const link = await openLink(adapter);
    adapter.close();
    adapter.close();
    link.push('chat message', wireMessage('m1', 1000));
    expect(link.conn.isClosed).to.equal(true);
    expect(t.closed).to.deep.equal([]);
    expect(t.store.getState().messages.size).to.equal(0);
  });

  it('a malformed event is one decode report (no credentials); the next one still arrives', async () => {
    const { adapter, t } = setup();
    const link = await openLink(adapter);
    link.push('chat message', { room: 'r1', message: `no id ${TOKEN}` });
    link.push('chat message', wireMessage('m1', 1000));
    expect(t.reports.map((r) => r.code)).to.deep.equal(['decode']);
    expect(t.reports[0]!.message).to.contain('imkit frame dropped: chat message');
    expect(`${t.reports[0]!.message} ${t.reports[0]!.frame}`).to.not.contain(TOKEN);
    expect(t.store.getState().messages.get('r1')!.map((m) => m.id)).to.deep.equal(['m1']);
    adapter.close();
  });

  it('a replayed chat message changes nothing; the same id with new text is an edit', async () => {
    const { adapter, t } = setup();
    const link = await openLink(adapter);
    link.push('chat message', wireMessage('m1', 1000));
    const before = t.store.getState();
    link.push('chat message', wireMessage('m1', 1000));
    expect(t.store.getState()).to.equal(before);
    link.push('chat message', wireMessage('m1', 1000, { message: 'fixed', updatedAtMS: 5000 }));
    const m = t.store.getState().messages.get('r1')![0]!;
    expect([m.text, m.edited, m.updatedAt]).to.deep.equal(['fixed', true, 5000]);
    expect(t.emitted.filter((e) => e.wireName === 'chat message').map((e) => e.type)).to.deep.equal(['message.created', 'message.updated', 'message.updated']);
    adapter.close();
  });

  it('my message from another device shows as mine', async () => {
    const { adapter, t } = setup();
    const link = await openLink(adapter);
    link.push('chat message', wireMessage('m7', 1000, { sender: { _id: 'me', nickname: 'Me' }, message: 'from my phone' }));
    const m = t.store.getState().messages.get('r1')![0]!;
    expect([m.text, m.sender?.role, m.status]).to.deep.equal(['from my phone', 'self', 'sent']);
    adapter.close();
  });

  it('an AI answer grows chunk by chunk and the final chat message with the same id settles it', async () => {
    const { adapter, t } = setup();
    const link = await openLink(adapter);
    const bot = { _id: 'kit-ai', nickname: 'Kit AI', isRobot: true };
    const text = () => t.store.getState().messages.get('r1')!.map((m) => [m.id, m.text, m.streaming === true, m.sender?.role]);
    link.push('ai_streaming', { room: 'r1', sender: 'kit-ai', senderInfo: bot, text: 'Hel', messageId: 'ai1' });
    expect(text()).to.deep.equal([['ai1', 'Hel', true, 'bot']]);
    link.push('ai_streaming', { room: 'r1', sender: 'kit-ai', senderInfo: bot, text: 'lo', messageId: 'ai1' });
    expect(text()).to.deep.equal([['ai1', 'Hello', true, 'bot']]);
    link.push('chat message', wireMessage('ai1', 1000, { sender: bot, message: 'Hello, world' }));
    expect(text()).to.deep.equal([['ai1', 'Hello, world', false, 'bot']]);
    link.push('ai_streaming', { room: 'r1', sender: 'kit-ai', text: ' late', messageId: 'ai1' });
    expect(text()).to.deep.equal([['ai1', 'Hello, world', false, 'bot']]);
    expect(t.store.getState().messages.get('r1')![0]!.edited).to.equal(undefined);
    adapter.close();
  });

  it('an AI stream without a message id grows under a local id that the final message from that sender replaces', async () => {
    const { adapter, t } = setup();
    const link = await openLink(adapter);
    link.push('ai_streaming', { room: 'r1', sender: 'kit-ai', text: 'Thin' });
    link.push('ai_streaming', { room: 'r1', sender: 'kit-ai', text: 'king' });
    expect(t.store.getState().messages.get('r1')!.map((m) => [m.id, m.text])).to.deep.equal([['ai-stream:r1:kit-ai', 'Thinking']]);
    link.push('chat message', wireMessage('final1', 1000, { sender: { _id: 'kit-ai', isRobot: true }, message: 'Thinking done' }));
    expect(t.store.getState().messages.get('r1')!.map((m) => [m.id, m.text])).to.deep.equal([['final1', 'Thinking done']]);
    adapter.close();
  });

  it('typing shows for typingTtlMs (IMKIT sends no stop); my own typing elsewhere is not shown', async () => {
    const { adapter, t } = setup(options({ typingTtlMs: 2000 }));
    const link = await openLink(adapter);
    link.push('typing', { room: 'r1', sender: 'kit', senderInfo: KIT });
    link.push('typing', { room: 'r1', sender: 'me' });
    expect(t.store.getState().typing.get('r1')).to.deep.equal([{ actor: { id: 'kit', role: 'member', name: 'Kit' }, preview: undefined, expiresAt: t.scheduler.now() + 2000 }]);
    adapter.close();
  });

  it('an invitation lands in state.invitations; a cancelInvitation removes it', async () => {
    const { adapter, t } = setup();
    const link = await openLink(adapter);
    link.push('invitation', { room: { _id: 'beta', name: 'Beta' }, inviter: KIT, createdTimeMS: 5 });
    expect(t.store.getState().invitations).to.deep.equal([{ conversationId: 'beta', from: { id: 'kit', role: 'member', name: 'Kit' }, title: 'Beta', at: 5 }]);
    link.push('cancelInvitation', { room: 'beta' });
    expect(t.store.getState().invitations).to.deep.equal([]);
    adapter.close();
  });

  it('a callback that throws is reported, and the socket goes on', async () => {
    const fake = fakeTransport();
    const t = testHost(options(), fakeFetch(defaultRoutes()).fetch, fake.factory);
    let boom = true;
    const emit = t.host.emit;
    t.host = { ...t.host, emit: (events) => { if (boom && events.some((e) => e.type === 'message.created')) { boom = false; throw new Error('listener failed'); } emit(events); } };
    const adapter = createAdapter(t.host);
    const p = adapter.connect(new AbortController().signal);
    const conn = await fake.nextOpen();
    conn.answer = acks(false);
    conn.accept();
    await p;
    conn.push(wireMessage('m1', 1000), 'chat message');
    conn.push(wireMessage('m2', 2000), 'chat message');
    expect(t.reports.map((r) => [r.code, r.message])).to.deep.equal([['transport', 'imkit: listener failed']]);
    expect(t.store.getState().messages.get('r1')!.map((m) => m.id)).to.deep.equal(['m2']);
    adapter.close();
  });
});
