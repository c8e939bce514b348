import { expect } from '@open-wc/testing';
import type { Adapter, ConnectOptions } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/virola/protocol.js';
import { NO_SESSION, TOKEN_NO_SESSION } from '../../src/core/protocols/virola/identity.js';
import { FakeSocket, fakeFetch, testHost, until, type TestHost } from './fakes.js';
import { TOKEN, URL_BASE, baseRoutes, connectOpen, cookieOptions, frame, ofType, rejection, tokenOptions } from './harness.js';
import { ERROR_401, wireMessage, wireRoom } from './samples.js';

describe('virola adapter: connecting', () => {
  let adapter: Adapter | undefined;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('with a token: Bearer on REST without cookies, the session check cookie-only, no token on the socket; who I am from /status', async () => {
    const { fetch, calls } = fakeFetch(baseRoutes());
    const t = testHost(tokenOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await connectOpen(adapter);
    expect(ws.url).to.equal('ws://virola.test/api/v1/events');
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal(['GET /api/v1/status', 'GET /api/v1/users']);
    expect(calls.map((c) => [c.headers.Authorization, c.credentials])).to.deep.equal([[undefined, 'include'], [`Bearer ${TOKEN}`, 'omit']]);
    expect(ofType(t.emitted, 'identity.changed').map((e) => [e.selfId, e.name])).to.deep.equal([['1', 'Admin']]);
    expect(JSON.stringify(t.emitted)).not.to.contain('session-id-secret');
    expect([...adapter.capabilities].sort()).to.deep.equal(['delete', 'loadOlder', 'markRead', 'openConversation', 'send']);
  });

  it('with the page\'s session cookie: credentials included, no header, a bare socket URL; the userId option wins', async () => {
    const { fetch, calls } = fakeFetch(baseRoutes());
    const t = testHost({ ...cookieOptions(), userId: '2' }, fetch);
    adapter = createAdapter(t.host);
    const ws = await connectOpen(adapter);
    expect(ws.url).to.equal('ws://virola.test/api/v1/events');
    expect(calls.map((c) => [c.headers.Authorization, c.credentials])).to.deep.equal([[undefined, 'include'], [undefined, 'include']]);
    expect(ofType(t.emitted, 'identity.changed').map((e) => [e.selfId, e.name])).to.deep.equal([['2', 'Bob (Test User)']]);
  });

  it('the socket URL follows url (wss from https) or eventsUrl, and never carries the token', async () => {
    const t = testHost({ url: 'https://chat.example.com/virola/', token: TOKEN, options: { WebSocket: FakeSocket } }, fakeFetch(baseRoutes({}, '/virola')).fetch);
    adapter = createAdapter(t.host);
    expect((await connectOpen(adapter)).url).to.equal('wss://chat.example.com/virola/api/v1/events');
    adapter.close();
    const t2 = testHost({ url: URL_BASE, token: TOKEN, options: { WebSocket: FakeSocket, eventsUrl: 'https://push.example.com/events' } }, fakeFetch(baseRoutes()).fetch);
    adapter = createAdapter(t2.host);
    expect((await connectOpen(adapter)).url).to.equal('wss://push.example.com/events');
  });

  it('the old tokenParam option is a config-error that says why (Virola takes no token on the socket)', async () => {
    const t = testHost(tokenOptions({ tokenParam: 'token' }), fakeFetch(baseRoutes()).fetch);
    const err = await rejection(createAdapter(t.host).connect(new AbortController().signal));
    expect(err.reason).to.equal('config-error');
    expect(err.message).to.contain('only the session cookie');
  });

  it('a token but no session: auth-failed (no retry) saying to sign in instead, no socket, the token never shown', async () => {
    const { fetch, calls } = fakeFetch(baseRoutes({ 'GET /api/v1/status': () => [401, { ...ERROR_401, errorText: `token ${TOKEN} refused` }] }));
    const t = testHost(tokenOptions(), fetch);
    adapter = createAdapter(t.host);
    const err = await rejection(adapter.connect(new AbortController().signal));
    expect(err.reason).to.equal('auth-failed');
    expect(err.message.startsWith(TOKEN_NO_SESSION)).to.equal(true);
    expect(err.message).to.contain('POST /api/v1/login');
    expect(err.message).to.contain('[redacted]');
    expect(err.message).not.to.contain(TOKEN);
    expect(FakeSocket.instances.length).to.equal(0);
    expect(calls.map((c) => c.path)).to.deep.equal(['/api/v1/status']);
  });

  it('no token and no session: auth-failed saying where to sign in, no socket', async () => {
    const t = testHost(cookieOptions(), fakeFetch(baseRoutes({ 'GET /api/v1/status': () => [401, ERROR_401] })).fetch);
    adapter = createAdapter(t.host);
    const err = await rejection(adapter.connect(new AbortController().signal));
    expect([err.reason, err.message.startsWith(NO_SESSION)]).to.deep.equal(['auth-failed', true]);
    expect(FakeSocket.instances.length).to.equal(0);
  });

  it('an error body under a 200 status counts as the error it names', async () => {
    const t = testHost(tokenOptions(), fakeFetch(baseRoutes({ 'GET /api/v1/status': () => ERROR_401 })).fetch);
    adapter = createAdapter(t.host);
    expect((await rejection(adapter.connect(new AbortController().signal))).reason).to.equal('auth-failed');
  });

  it('bad options are a config-error', async () => {
    for (const options of [
      { url: 'not a url', options: {} },
      { url: 'ftp://virola.test', options: {} },
      { url: URL_BASE, options: { credentials: 'sometimes' } },
      { url: URL_BASE, options: { pageSize: 0 } },
      { url: URL_BASE, options: { WebSocket: 'ws' } },
    ] as ConnectOptions[]) {
      const t = testHost(options, fakeFetch(baseRoutes()).fetch);
      const err = await rejection(createAdapter(t.host).connect(new AbortController().signal));
      expect(err.reason, JSON.stringify(options)).to.equal('config-error');
    }
  });

  it('a socket that fails before opening is a network-error; one that never opens waits for the core\'s deadline (no timer of its own)', async () => {
    const t = testHost(tokenOptions(), fakeFetch(baseRoutes()).fetch);
    adapter = createAdapter(t.host);
    const first = adapter.connect(new AbortController().signal);
    await until(() => FakeSocket.instances.length === 1, 'the socket');
    FakeSocket.last().drop(1006);
    const err = await rejection(first);
    expect([err.reason, err.message]).to.deep.equal(['network-error', 'virola: the socket could not connect (code 1006)']);
    expect(t.scheduler.armed).to.equal(0);

    const deadline = new AbortController();
    const second = adapter.connect(deadline.signal);
    let settled = false;
    second.then(() => { settled = true; }, () => { settled = true; });
    await until(() => FakeSocket.instances.length === 2, 'the second socket');
    expect(t.scheduler.armed, 'the adapter arms no connect timer').to.equal(0);
    t.scheduler.advance(60_000);
    await Promise.resolve();
    expect(settled, 'still waiting: the deadline is the core\'s').to.equal(false);
    deadline.abort(); // what the core's connect deadline does
    expect((await rejection(second)).reason).to.equal('client-closed');
    expect(FakeSocket.last().closedByClient).to.equal(true);
    expect(t.closed).to.deep.equal([]);
    expect((adapter as { timeoutHint?: string }).timeoutHint).to.contain('/api/v1/events');
  });

  it('an abort while connecting rejects client-closed and closes the socket', async () => {
    const t = testHost(tokenOptions(), fakeFetch(baseRoutes()).fetch);
    adapter = createAdapter(t.host);
    const abort = new AbortController();
    const p = adapter.connect(abort.signal);
    await until(() => FakeSocket.instances.length === 1, 'the socket');
    abort.abort();
    expect((await rejection(p)).reason).to.equal('client-closed');
    FakeSocket.last().accept(); // the upgrade completes late: closed at once
    expect(FakeSocket.last().closedByClient).to.equal(true);
  });

  it('the open socket ending is reported once to the core, with its reason; close() reports nothing', async () => {
    const t = testHost(tokenOptions(), fakeFetch(baseRoutes()).fetch);
    adapter = createAdapter(t.host);
    (await connectOpen(adapter)).drop(1006);
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['network-error']);
    (await connectOpen(adapter)).drop(1000, true);
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['network-error', 'server-closed']);
    const ws = await connectOpen(adapter);
    adapter.close();
    adapter.close();
    expect(ws.closedByClient).to.equal(true);
    ws.push(frame('RoomDeleted', { roomId: 2 }));
    ws.drop();
    expect(t.closed.length).to.equal(2);
    expect(t.emitted.filter((e) => e.type === 'conversation.deleted').length).to.equal(0);
    expect(t.scheduler.armed).to.equal(0);
  });
});

describe('virola adapter: live events', () => {
  let adapter: Adapter | undefined;
  let t: TestHost;
  let ws: FakeSocket;
  beforeEach(async () => {
    FakeSocket.instances = [];
    t = testHost(tokenOptions(), fakeFetch(baseRoutes()).fetch);
    adapter = createAdapter(t.host);
    ws = await connectOpen(adapter);
  });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('a batch across rooms lands in each room, with sender names', () => {
    ws.push(frame('TextMessagesCreated', { messages: [wireMessage(2000101, { roomId: 2 }), wireMessage(2000102, { roomId: 3, userId: 1 })] }));
    const { messages } = t.store.getState();
    expect(messages.get('2')?.map((m) => [m.id, m.sender?.name, m.sender?.role])).to.deep.equal([['2000101', 'Bob (Test User)', 'member']]);
    expect(messages.get('3')?.map((m) => [m.id, m.sender?.name, m.sender?.role])).to.deep.equal([['2000102', 'Admin', 'self']]);
  });

  it('a malformed frame is one decode report and the stream goes on; a bad message in a batch drops alone', () => {
    ws.push('{"type": "TextMessagesCreated", "data": ');
    ws.push(frame('TextMessagesCreated', { messages: [wireMessage(2000103), { roomId: 2 }, wireMessage(2000104)] }));
    ws.push(frame('TextMessagesCreated', { messages: [{ roomId: 2 }, { roomId: 3 }] })); // two bad messages: still one report
    ws.push(new ArrayBuffer(4));
    ws.push(frame('RoomCreated', { room: wireRoom(9, { displayName: 'Late' }) }));
    expect(t.reports.map((r) => [r.code, r.protocol])).to.deep.equal([['decode', 'virola'], ['decode', 'virola'], ['decode', 'virola'], ['decode', 'virola']]);
    expect(t.reports[2]!.message).to.match(/^virola frame dropped: 2 items dropped; first: data\.messages\[0\]/);
    expect(t.reports[0]!.message).to.match(/^virola frame dropped: frame: invalid JSON/);
    expect(t.reports[1]!.message).to.match(/^virola frame dropped: data\.messages\[1\]: message\.messageId/);
    expect(t.reports[1]!.frame).to.contain('"messageId":2000103'); // the whole frame, reported once
    expect(t.store.getState().messages.get('2')?.map((m) => m.id)).to.deep.equal(['2000103', '2000104']);
    expect(t.store.getState().conversations.get('9')?.title).to.equal('Late');
  });
});
