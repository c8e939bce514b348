import { expect } from '@open-wc/testing';
import { memoryStore } from '../../src/core/kv.js';
import { ConnectError } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/imkit/adapter.js';
import { b64, fakeFetch, FakeIoSocket, installFakeIo, ok, testHost, until } from './fakes.js';
import { defaultRoutes, KEY, KIT, openLink, options, setup, startConnect, TOKEN, URL_BASE, wireMessage } from './harness.js';

async function connectError(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ConnectError) return err;
    throw err;
  }
  throw new Error('connect resolved');
}

describe('imkit adapter: connecting', () => {
  let restore: () => void;
  beforeEach(() => { restore = installFakeIo(); });
  afterEach(() => restore());

  it('opens Socket.IO over websocket without its own reconnection, then auth2 with the token, client key and a device id', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    expect(socket.url).to.equal(URL_BASE);
    expect(socket.opts).to.deep.include({ path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
    expect(socket.emits.map((e) => e.name)).to.deep.equal(['auth2']);
    const [token, extra] = socket.last('auth2')!.args as [string, Record<string, string>];
    expect(token).to.equal(TOKEN);
    expect(Object.keys(extra)).to.deep.equal(['IM-CLIENT-KEY', 'IM-Authorization', 'deviceId']);
    expect([extra['IM-CLIENT-KEY'], extra['IM-Authorization']]).to.deep.equal([KEY, TOKEN]);
    expect(extra.deviceId).to.match(/^parley-.{8,}/);
    expect(t.emitted[0]).to.deep.equal({ type: 'identity.changed', selfId: 'me' });
    expect(t.store.getState().selfId).to.equal('me');
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
    const device = (s: FakeIoSocket) => (s.last('auth2')!.args[1] as Record<string, string>).deviceId;
    expect(device(b)).to.equal(device(a));
    const given = setup(options({ deviceId: 'kiosk-7' }));
    expect(device(await openLink(given.adapter))).to.equal('kiosk-7');
    given.adapter.close();
  });

  it('base64: conf {encoding: "base64"} first, and every payload is decoded from base64 JSON', async () => {
    const { adapter, t } = setup(options({ base64: true }));
    const socket = await openLink(adapter, true);
    expect(socket.emits.map((e) => e.name)).to.deep.equal(['conf', 'auth2']);
    expect(socket.last('conf')!.args).to.deep.equal([{ encoding: 'base64' }]);
    socket.push('chat message', b64(wireMessage('m1', 1000, { message: 'héllo ✓' })));
    expect(t.store.getState().messages.get('r1')!.map((m) => m.text)).to.deep.equal(['héllo ✓']);
    adapter.close();
  });

  for (const base64 of [false, true]) {
    it(`a refused auth2 (RC 401${base64 ? ', base64' : ''}) is auth-failed, closes the socket, and names no credential`, async () => {
      const { adapter } = setup(options({ base64 }));
      const { done, socket, error } = await startConnect(adapter);
      socket.accept();
      if (base64) {
        await until(() => !!socket.last('conf'), 'conf');
        socket.ack('conf', b64({ RC: 0 }));
      }
      await until(() => !!socket.last('auth2'), 'auth2');
      const refusal = { RC: 401, RM: `Unauthorized: ${TOKEN}` };
      socket.ack('auth2', base64 ? b64(refusal) : refusal);
      await done;
      const err = error();
      expect(err instanceof ConnectError && err.reason).to.equal('auth-failed');
      expect((err as Error).message).to.not.contain(TOKEN);
      expect(socket.disconnectCalls).to.equal(1);
      expect(socket.listenerCount).to.equal(0);
    });
  }

  it('the server closing the socket during auth2 is auth-failed; a network close is network-error', async () => {
    const a = setup();
    const p = a.adapter.connect(new AbortController().signal);
    await until(() => FakeIoSocket.instances.length > 0, 'socket');
    const s1 = FakeIoSocket.instances.at(-1)!;
    s1.accept();
    await until(() => !!s1.last('auth2'), 'auth2');
    s1.drop('io server disconnect');
    expect((await connectError(p)).reason).to.equal('auth-failed');

    const b = setup();
    const q = b.adapter.connect(new AbortController().signal);
    await until(() => FakeIoSocket.instances.length > 1, 'socket 2');
    const s2 = FakeIoSocket.instances.at(-1)!;
    s2.accept();
    await until(() => !!s2.last('auth2'), 'auth2');
    s2.drop('transport close');
    expect((await connectError(q)).reason).to.equal('network-error');
  });

  it('no acknowledgement in time, "NO ACK", or a refused handshake are network errors (worth a retry)', async () => {
    const a = setup(options({ ackTimeoutMs: 5000 }));
    const p = a.adapter.connect(new AbortController().signal);
    await until(() => FakeIoSocket.instances.length > 0, 'socket');
    const s1 = FakeIoSocket.instances.at(-1)!;
    s1.accept();
    await until(() => !!s1.last('auth2'), 'auth2');
    a.t.scheduler.advance(4999);
    a.t.scheduler.advance(1);
    const err = await connectError(p);
    expect([err.reason, err.message]).to.deep.equal(['network-error', 'imkit: no acknowledgement of "auth2" in time']);
    expect(a.t.scheduler.armed).to.equal(0);

    const b = setup();
    const q = b.adapter.connect(new AbortController().signal);
    await until(() => FakeIoSocket.instances.length > 1, 'socket 2');
    const s2 = FakeIoSocket.instances.at(-1)!;
    s2.accept();
    await until(() => !!s2.last('auth2'), 'auth2');
    s2.ack('auth2', 'NO ACK');
    expect((await connectError(q)).reason).to.equal('network-error');

    const c = setup();
    const r = c.adapter.connect(new AbortController().signal);
    await until(() => FakeIoSocket.instances.length > 2, 'socket 3');
    FakeIoSocket.instances.at(-1)!.refuse('websocket error');
    expect((await connectError(r)).reason).to.equal('network-error');
  });

  it('bad options are config-error before any socket or request', async () => {
    for (const o of [options({ clientKey: '' }), options({}, { token: undefined }), options({}, { url: 'not a url' }), options({ pageSize: 0 })]) {
      const { adapter, calls } = setup(o);
      expect((await connectError(adapter.connect(new AbortController().signal))).reason).to.equal('config-error');
      expect(calls).to.have.length(0);
    }
    expect(FakeIoSocket.instances).to.have.length(0);
  });

  it('without a userId it asks GET /me who it is; a 401 there is auth-failed', async () => {
    const me = { _id: 'u-42', nickname: 'Ann' };
    const good = setup(options({}, { userId: undefined }), defaultRoutes({ 'GET /me': () => ok(me) }));
    await openLink(good.adapter);
    expect(good.t.emitted[0]).to.deep.equal({ type: 'identity.changed', selfId: 'u-42', name: 'Ann' });
    good.adapter.close();

    const bad = setup(options({}, { userId: undefined }), defaultRoutes({ 'GET /me': () => [401, { RC: 401, RM: 'Unauthorized' }] }));
    expect((await connectError(bad.adapter.connect(new AbortController().signal))).reason).to.equal('auth-failed');
  });

  it('close() while connecting rejects with client-closed and disconnects; an abort does the same', async () => {
    const { adapter } = setup();
    const { done, socket, error } = await startConnect(adapter);
    adapter.close();
    await done;
    expect((error() as ConnectError).reason).to.equal('client-closed');
    expect(socket.disconnectCalls).to.equal(1);

    const ctl = new AbortController();
    const b = setup();
    const second = await startConnect(b.adapter, ctl.signal);
    ctl.abort();
    await second.done;
    expect((second.error() as ConnectError).reason).to.equal('client-closed');
  });
});

describe('imkit adapter: the live socket', () => {
  let restore: () => void;
  beforeEach(() => { restore = installFakeIo(); });
  afterEach(() => restore());

  it('a drop after auth is reported once through host.closed with its reason; close() reports nothing', async () => {
    for (const [wire, reason] of [['transport close', 'network-error'], ['io server disconnect', 'server-closed'], ['ping timeout', 'stale']] as const) {
      const { adapter, t } = setup();
      const socket = await openLink(adapter);
      socket.drop(wire);
      socket.drop(wire);
      expect(t.closed).to.deep.equal([{ reason, detail: `socket closed (${wire})` }]);
    }
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    adapter.close();
    adapter.close();
    socket.push('chat message', wireMessage('m1', 1000));
    expect(t.closed).to.deep.equal([]);
    expect(t.store.getState().messages.size).to.equal(0);
  });

  it('a malformed event is one decode report (no credentials); the next one still arrives', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    socket.push('chat message', { room: 'r1', message: `no id ${TOKEN}` });
    socket.push('chat message', wireMessage('m1', 1000));
    expect(t.reports.map((r) => r.code)).to.deep.equal(['decode']);
    expect(t.reports[0]!.message).to.contain('imkit "chat message" dropped');
    expect(`${t.reports[0]!.message} ${t.reports[0]!.frame}`).to.not.contain(TOKEN);
    expect(t.store.getState().messages.get('r1')!.map((m) => m.id)).to.deep.equal(['m1']);
    adapter.close();
  });

  it('a replayed chat message changes nothing; the same id with new text is an edit', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    socket.push('chat message', wireMessage('m1', 1000));
    const before = t.store.getState();
    socket.push('chat message', wireMessage('m1', 1000));
    expect(t.store.getState()).to.equal(before);
    socket.push('chat message', wireMessage('m1', 1000, { message: 'fixed', updatedAtMS: 5000 }));
    const m = t.store.getState().messages.get('r1')![0]!;
    expect([m.text, m.edited, m.updatedAt]).to.deep.equal(['fixed', true, 5000]);
    expect(t.emitted.filter((e) => e.wireName === 'chat message').map((e) => e.type)).to.deep.equal(['message.created', 'message.updated', 'message.updated']);
    adapter.close();
  });

  it('my message from another device shows as mine', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    socket.push('chat message', wireMessage('m7', 1000, { sender: { _id: 'me', nickname: 'Me' }, message: 'from my phone' }));
    const m = t.store.getState().messages.get('r1')![0]!;
    expect([m.text, m.sender?.role, m.status]).to.deep.equal(['from my phone', 'self', 'sent']);
    adapter.close();
  });

  it('an AI answer grows chunk by chunk and the final chat message with the same id settles it', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    const bot = { _id: 'kit-ai', nickname: 'Kit AI', isRobot: true };
    const text = () => t.store.getState().messages.get('r1')!.map((m) => [m.id, m.text, m.streaming === true, m.sender?.role]);
    socket.push('ai_streaming', { room: 'r1', sender: 'kit-ai', senderInfo: bot, text: 'Hel', messageId: 'ai1' });
    expect(text()).to.deep.equal([['ai1', 'Hel', true, 'bot']]);
    socket.push('ai_streaming', { room: 'r1', sender: 'kit-ai', senderInfo: bot, text: 'lo', messageId: 'ai1' });
    expect(text()).to.deep.equal([['ai1', 'Hello', true, 'bot']]);
    socket.push('chat message', wireMessage('ai1', 1000, { sender: bot, message: 'Hello, world' }));
    expect(text()).to.deep.equal([['ai1', 'Hello, world', false, 'bot']]);
    socket.push('ai_streaming', { room: 'r1', sender: 'kit-ai', text: ' late', messageId: 'ai1' });
    expect(text()).to.deep.equal([['ai1', 'Hello, world', false, 'bot']]);
    expect(t.store.getState().messages.get('r1')![0]!.edited).to.equal(undefined);
    adapter.close();
  });

  it('an AI stream without a message id grows under a local id that the final message from that sender replaces', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    socket.push('ai_streaming', { room: 'r1', sender: 'kit-ai', text: 'Thin' });
    socket.push('ai_streaming', { room: 'r1', sender: 'kit-ai', text: 'king' });
    expect(t.store.getState().messages.get('r1')!.map((m) => [m.id, m.text])).to.deep.equal([['ai-stream:r1:kit-ai', 'Thinking']]);
    socket.push('chat message', wireMessage('final1', 1000, { sender: { _id: 'kit-ai', isRobot: true }, message: 'Thinking done' }));
    expect(t.store.getState().messages.get('r1')!.map((m) => [m.id, m.text])).to.deep.equal([['final1', 'Thinking done']]);
    adapter.close();
  });

  it('typing shows for typingTtlMs (IMKIT sends no stop); my own typing elsewhere is not shown', async () => {
    const { adapter, t } = setup(options({ typingTtlMs: 2000 }));
    const socket = await openLink(adapter);
    socket.push('typing', { room: 'r1', sender: 'kit', senderInfo: KIT });
    socket.push('typing', { room: 'r1', sender: 'me' });
    expect(t.store.getState().typing.get('r1')).to.deep.equal([{ actor: { id: 'kit', role: 'member', name: 'Kit' }, preview: undefined, expiresAt: t.scheduler.now() + 2000 }]);
    adapter.close();
  });

  it('an invitation lands in state.invitations; a cancelInvitation removes it', async () => {
    const { adapter, t } = setup();
    const socket = await openLink(adapter);
    socket.push('invitation', { room: { _id: 'beta', name: 'Beta' }, inviter: KIT, createdTimeMS: 5 });
    expect(t.store.getState().invitations).to.deep.equal([{ conversationId: 'beta', from: { id: 'kit', role: 'member', name: 'Kit' }, title: 'Beta', at: 5 }]);
    socket.push('cancelInvitation', { room: 'beta' });
    expect(t.store.getState().invitations).to.deep.equal([]);
    adapter.close();
  });

  it('a callback that throws is reported, and the socket goes on', async () => {
    const { fetch } = fakeFetch(defaultRoutes());
    const t = testHost(options(), fetch);
    let boom = true;
    const emit = t.host.emit;
    t.host = { ...t.host, emit: (events) => { if (boom && events.some((e) => e.type === 'message.created')) { boom = false; throw new Error('listener failed'); } emit(events); } };
    const adapter = createAdapter(t.host);
    const socket = await openLink(adapter);
    socket.push('chat message', wireMessage('m1', 1000));
    socket.push('chat message', wireMessage('m2', 2000));
    expect(t.reports.map((r) => [r.code, r.message])).to.deep.equal([['transport', 'imkit: listener failed']]);
    expect(t.store.getState().messages.get('r1')!.map((m) => m.id)).to.deep.equal(['m2']);
    adapter.close();
  });
});
