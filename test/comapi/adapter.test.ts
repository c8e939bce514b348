import { expect } from '@open-wc/testing';
import { ConnectError, type Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/comapi/protocol.js';
import { fakeTransport } from '../../src/core/transport/fake.js';
import { FakeSdk, FakeSocket, fakeFetch, settle, testHost, until } from './fakes.js';
import { API, AT, BASE, JWT, SESSION_TOKEN, SPACE_ID, challengeOptions, ids, openSocket, routes } from './helpers.js';
import { CONV, sentFrame, statusFrame, typingFrame } from './wire-frames.js';

type Json = Record<string, unknown>;

describe('comapi adapter: session, socket, keepalive', () => {
  let adapter: Adapter | undefined;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('challenge flow: nonce to the page, JWT exchanged for a session, socket on the session token', async () => {
    const nonces: string[] = [];
    const { fetch, calls } = fakeFetch(routes());
    const t = testHost(challengeOptions({}, async (nonce) => { nonces.push(nonce); return JWT; }), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);

    expect(nonces).to.deep.equal(['nonce-1']);
    expect(calls.map((c) => `${c.method} ${c.path}`).slice(0, 2)).to.deep.equal([`GET ${API}/sessions/start`, `POST ${API}/sessions`]);
    const body = calls[1]!.body as Json;
    expect(body).to.deep.include({ authenticationId: 'auth-1', authenticationToken: JWT, platform: 'javascript' });
    expect(body.deviceId).to.be.a('string').and.not.equal('');
    expect(calls[0]!.headers.Authorization).to.equal(undefined);
    expect(ws.url).to.equal(`ws://comapi.test/apispaces/${SPACE_ID}/socket?token=${SESSION_TOKEN}`);
    expect(t.emitted[0]).to.deep.equal({ type: 'identity.changed', selfId: 'me' });
    expect(await t.storage.get(`comapi:${SPACE_ID}:device`)).to.equal(body.deviceId);
  });

  it('a ready-made token and userId: no session calls; socketUrl may differ from the REST base', async () => {
    const { fetch, calls } = fakeFetch(routes());
    const t = testHost({ url: BASE, token: 'ready-token', userId: 'me', options: { apiSpaceId: SPACE_ID, socketUrl: 'https://socket.comapi.test/base/', webSocket: FakeSocket } }, fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    expect(ws.url).to.equal(`wss://socket.comapi.test/base/apispaces/${SPACE_ID}/socket?token=ready-token`);
    expect(calls).to.deep.equal([]);
    await adapter.sync('initial', new AbortController().signal);
    expect(calls[0]!.path).to.equal(`${API}/conversations?profileId=me&scope=participant`);
    expect(calls.every((c) => c.headers.Authorization === 'Bearer ready-token')).to.equal(true);
  });

  it('echo every 60 s on the scheduler; close() stops it, closes the socket and leaves no timer', async () => {
    const t = testHost(challengeOptions(), fakeFetch(routes()).fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.scheduler.advance(59_999);
    expect(ws.sent).to.deep.equal([]);
    t.scheduler.advance(1);
    t.scheduler.advance(60_000);
    expect(ws.frames()).to.deep.equal([
      { name: 'echo', payload: {}, publishedOn: '2024-05-01T10:01:00.000Z' },
      { name: 'echo', payload: {}, publishedOn: '2024-05-01T10:02:00.000Z' },
    ]);
    adapter.close();
    adapter.close();
    expect(ws.closedWith).to.equal(1000);
    expect(t.scheduler.armed).to.equal(0);
    ws.push(sentFrame());
    expect(t.emitted.filter((e) => e.type === 'message.created')).to.deep.equal([]);
  });

  it('over a fake transport: the socket request on the session token, echo frames sent, frames decoded, its end reported', async () => {
    const fake = fakeTransport();
    const t = testHost(challengeOptions(), fakeFetch(routes()).fetch, undefined, fake.factory);
    adapter = createAdapter(t.host);
    const connecting = adapter.connect(new AbortController().signal);
    const conn = await fake.nextOpen();
    expect(conn.request).to.deep.include({ kind: 'websocket', url: `ws://comapi.test/apispaces/${SPACE_ID}/socket?token=${SESSION_TOKEN}`, authCloseCodes: [4001, 4003, 4401, 4403] });
    conn.accept();
    await connecting;
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    conn.push(JSON.stringify(sentFrame({ seq: 3, id: 'm3' })));
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'm3']);
    t.scheduler.advance(60_000);
    expect(conn.sent.map((f) => [f.event, JSON.parse(f.args[0] as string)])).to.deep.equal([['message', { name: 'echo', payload: {}, publishedOn: '2024-05-01T10:01:00.000Z' }]]);
    conn.end('network-error', 'gone');
    expect(t.closed).to.deep.equal([{ reason: 'network-error', detail: 'gone' }]);
    expect(FakeSocket.instances.length, 'no socket of its own').to.equal(0);
  });

  it('a dropped socket is reported once through host.closed, and the adapter does not reopen it', async () => {
    const t = testHost(challengeOptions(), fakeFetch(routes()).fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    ws.drop(1006);
    ws.drop(1006);
    expect(t.closed).to.deep.equal([{ reason: 'network-error', detail: 'the socket was lost (code 1006)' }]);
    t.scheduler.advance(120_000);
    expect(FakeSocket.instances.length).to.equal(1);
    expect(t.scheduler.armed).to.equal(0);
  });

  it('a refused socket with a refused ready-made token is auth-failed; the token is in no message', async () => {
    const { fetch } = fakeFetch(routes({ [`GET ${API}/conversations`]: () => [401, { message: 'token ready-token-secret is invalid' }] }));
    const t = testHost({ url: BASE, token: 'ready-token-secret', userId: 'me', options: { apiSpaceId: SPACE_ID, webSocket: FakeSocket } }, fetch);
    adapter = createAdapter(t.host);
    const connecting = adapter.connect(new AbortController().signal);
    await until(() => FakeSocket.instances.length === 1, 'the socket');
    FakeSocket.last().drop(1006);
    let err: unknown;
    try { await connecting; } catch (e) { err = e; }
    expect(err).to.be.instanceOf(ConnectError);
    expect((err as ConnectError).reason).to.equal('auth-failed');
    expect((err as Error).message).not.to.contain('ready-token-secret');
  });

  it('a refused challenge-made session is renewed once through the challenge, then the socket opens', async () => {
    let sessions = 0;
    const { fetch } = fakeFetch(routes({
      [`POST ${API}/sessions`]: () => ({ token: `tok-${++sessions}`, session: { profileId: 'me', expiresOn: '2099-01-01T00:00:00.000Z' } }),
      [`GET ${API}/conversations`]: (c) => (c.headers.Authorization === 'Bearer tok-1' ? [401, {}] : []),
    }));
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    const connecting = adapter.connect(new AbortController().signal);
    await until(() => FakeSocket.instances.length === 1, 'the first socket');
    FakeSocket.last().drop(1006);
    await until(() => FakeSocket.instances.length === 2, 'the second socket');
    expect(FakeSocket.last().url).to.match(/token=tok-2$/);
    FakeSocket.last().accept();
    await connecting;
    expect(sessions).to.equal(2);
  });

  it('over a fake transport too: a refused open on a refused session is renewed once, a second refusal is auth-failed', async () => {
    let sessions = 0;
    const { fetch, calls } = fakeFetch(routes({
      [`POST ${API}/sessions`]: () => ({ token: `tok-${++sessions}`, session: { profileId: 'me', expiresOn: '2099-01-01T00:00:00.000Z' } }),
      [`GET ${API}/conversations`]: () => [401, {}],
    }));
    const fake = fakeTransport();
    const t = testHost(challengeOptions(), fetch, undefined, fake.factory);
    adapter = createAdapter(t.host);
    const connecting = adapter.connect(new AbortController().signal);
    (await fake.nextOpen()).refuse('network-error', 'the socket could not connect (code 1006)');
    const second = await fake.nextOpen();
    expect(second.request).to.deep.include({ kind: 'websocket', url: `ws://comapi.test/apispaces/${SPACE_ID}/socket?token=tok-2` });
    second.refuse('network-error', 'the socket could not connect (code 1006)');
    let err: unknown;
    try { await connecting; } catch (e) { err = e; }
    expect((err as ConnectError).reason).to.equal('auth-failed');
    expect(sessions, 'renewed once, not twice').to.equal(2);
    expect(fake.connections.length).to.equal(2);
    expect(calls.filter((c) => c.path.startsWith(`${API}/conversations`)).map((c) => c.headers.Authorization)).to.deep.equal(['Bearer tok-1', 'Bearer tok-2']);
    expect(t.emitted.filter((e) => e.type === 'identity.changed'), 'one identity for one connect').to.have.length(1);
  });

  it('a failed open while REST takes the session stands as it is: no renewal, no second socket', async () => {
    const { fetch, calls } = fakeFetch(routes());
    const fake = fakeTransport();
    const t = testHost(challengeOptions(), fetch, undefined, fake.factory);
    adapter = createAdapter(t.host);
    const connecting = adapter.connect(new AbortController().signal);
    (await fake.nextOpen()).refuse('network-error', 'the socket could not connect (code 1006)');
    let err: unknown;
    try { await connecting; } catch (e) { err = e; }
    expect((err as ConnectError).reason).to.equal('network-error');
    expect(fake.connections.length).to.equal(1);
    expect(calls.filter((c) => c.path === `${API}/sessions`)).to.have.length(1);
  });

  it('bad options are config errors: no apiSpaceId; a ready-made token without a profile id', async () => {
    const t1 = testHost({ url: BASE, token: 'x', userId: 'me', options: {} }, fakeFetch({}).fetch);
    let err: unknown;
    try { await createAdapter(t1.host).connect(new AbortController().signal); } catch (e) { err = e; }
    expect((err as ConnectError).reason).to.equal('config-error');
    expect((err as Error).message).to.contain('apiSpaceId');
    const t2 = testHost({ url: BASE, token: 'x', options: { apiSpaceId: SPACE_ID, webSocket: FakeSocket } }, fakeFetch({}).fetch);
    err = undefined;
    try { await createAdapter(t2.host).connect(new AbortController().signal); } catch (e) { err = e; }
    expect((err as ConnectError).reason).to.equal('config-error');
    expect((err as Error).message).to.contain('userId');
    expect(FakeSocket.instances.length).to.equal(0);
  });

  it('a malformed frame is one decode report (token-free), and the stream goes on', async () => {
    const t = testHost(challengeOptions(), fakeFetch(routes()).fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    await adapter.sync('initial', new AbortController().signal);
    ws.push(`{"name":"conversationMessage.sent","token":"${SESSION_TOKEN}"`);
    ws.push({ name: 'conversationMessage.sent', conversationEventId: 3, payload: { token: SESSION_TOKEN } });
    ws.push(typingFrame(true));
    expect(t.reports.map((r) => r.code)).to.deep.equal(['decode', 'decode']);
    for (const r of t.reports) expect(`${r.message} ${r.frame}`).not.to.contain(SESSION_TOKEN);
    expect(t.store.getState().typing.get(CONV)?.map((x) => x.actor.id)).to.deep.equal(['ada']);
  });
});

describe('comapi adapter: sync, sequence, gaps', () => {
  let adapter: Adapter | undefined;
  beforeEach(() => { FakeSocket.instances = []; });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('initial sync: conversations, latest messages (my read one), then a delivered mark for theirs', async () => {
    const { fetch, calls } = fakeFetch(routes());
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    await openSocket(adapter, t);
    const events = await adapter.sync('initial', new AbortController().signal);
    t.store.apply(events);
    expect(events.map((e) => e.type)).to.deep.equal(['conversation.created', 'message.created', 'message.created']);
    expect(t.store.getState().conversations.get(CONV)).to.deep.include({ id: CONV, title: 'Support' });
    const list = t.store.getState().messages.get(CONV)!;
    expect(list.map((m) => [m.id, m.seq, m.status, m.sender?.role])).to.deep.equal([['m1', 1, 'sent', 'member'], ['m2', 2, 'read', 'self']]);
    const posts = () => calls.filter((c) => c.path === `${AT}/messages/statusupdates`);
    await until(() => posts().length === 1, 'the delivered mark');
    expect(posts()[0]!.body).to.deep.equal([{ messageIds: ['m1'], status: 'delivered', timestamp: '2024-05-01T10:00:00.000Z' }]);
    expect(posts()[0]!.headers.Authorization).to.equal(`Bearer ${SESSION_TOKEN}`);
  });

  it('live events in sequence go straight through; a gap is fetched and everything lands in order', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const { fetch, calls } = fakeFetch(routes({
      [`GET ${AT}/events?from=3&limit=2`]: async () => {
        await gate;
        return [{ ...sentFrame({ seq: 3, id: 'm3', text: 'three' }), conversationId: CONV }, { ...statusFrame('read', { seq: 4, messageId: 'm2' }), conversationId: CONV }];
      },
    }));
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    expect(ids(t)).to.deep.equal(['m1', 'm2']);

    ws.push(sentFrame({ seq: 5, id: 'm5', text: 'five' }));
    ws.push(sentFrame({ seq: 6, id: 'm6', text: 'six' }));
    await until(() => calls.some((c) => c.path === `${AT}/events?from=3&limit=2`), 'the gap fetch');
    expect(ids(t), 'held back while the gap is filled').to.deep.equal(['m1', 'm2']);
    release();
    await until(() => ids(t).length === 5, 'the filled gap');
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'm3', 'm5', 'm6']);
    const created = t.emitted.filter((e) => e.type === 'message.created').map((e) => e.type === 'message.created' && e.message.seq);
    expect(created.slice(-3)).to.deep.equal([3, 5, 6]);
    ws.push(sentFrame({ seq: 7, id: 'm7' }));
    expect(ids(t).at(-1)).to.equal('m7');
    expect(calls.filter((c) => c.path.includes('/events')).length).to.equal(1);
  });

  it('live events that arrive during the sync are held, then checked against the synced baseline', async () => {
    const { fetch, calls } = fakeFetch(routes({
      [`GET ${AT}/events?from=3&limit=1`]: () => [{ ...sentFrame({ seq: 3, id: 'm3' }), conversationId: CONV }],
    }));
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    const syncing = adapter.sync('initial', new AbortController().signal);
    ws.push(sentFrame({ seq: 4, id: 'm4' }));
    expect(t.emitted.some((e) => e.type === 'message.created')).to.equal(false);
    t.store.apply(await syncing);
    await until(() => ids(t).length === 4, 'the held event after the gap fill');
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
    expect(calls.filter((c) => c.path.includes('/events')).map((c) => c.path)).to.deep.equal([`${AT}/events?from=3&limit=1`]);
  });

  it('a failed gap fetch is reported; the waiting events still go out and the stream goes on', async () => {
    const { fetch } = fakeFetch(routes({ [`GET ${AT}/events?from=3&limit=1`]: () => [500, { error: 'boom' }] }));
    const t = testHost(challengeOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    ws.push(sentFrame({ seq: 4, id: 'm4' }));
    await until(() => ids(t).includes('m4'), 'the waiting event');
    expect(t.reports.map((r) => r.code)).to.deep.equal(['command']);
    expect(t.reports[0]!.message).to.contain('events 3–3');
    ws.push(sentFrame({ seq: 5, id: 'm5' }));
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'm4', 'm5']);
  });

  it('reconnect: the core reopens; sync(reconnect) pages events from the last known id + 1', async () => {
    const pages: Record<string, unknown[]> = {
      [`${AT}/events?from=4&limit=2`]: [{ ...sentFrame({ seq: 4, id: 'm4' }), conversationId: CONV }, { ...statusFrame('read', { seq: 5, messageId: 'm2' }), conversationId: CONV }],
      [`${AT}/events?from=6&limit=2`]: [{ ...sentFrame({ seq: 6, id: 'm6' }), conversationId: CONV }],
    };
    const { fetch, calls } = fakeFetch(routes({ [`GET ${AT}/events`]: (c) => pages[c.path] ?? [404, {}] }));
    const t = testHost(challengeOptions({ pageSize: 2 }), fetch);
    adapter = createAdapter(t.host);
    const ws = await openSocket(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    ws.push(sentFrame({ seq: 3, id: 'm3' }));
    ws.drop(1006);
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['network-error']);
    adapter.close();

    const ws2 = await openSocket(adapter, t);
    expect(ws2).not.to.equal(ws);
    const missed = await adapter.sync('reconnect', new AbortController().signal);
    expect(calls.filter((c) => c.path.includes('/events')).map((c) => c.path)).to.deep.equal(Object.keys(pages));
    expect(missed.map((e) => e.type)).to.deep.equal(['conversation.created', 'message.created', 'receipt.read', 'message.created']);
    t.store.apply(missed);
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'm3', 'm4', 'm6']);
    ws2.push(sentFrame({ seq: 7, id: 'm7' }));
    expect(ids(t).at(-1)).to.equal('m7');
  });
});

describe('comapi adapter: the page\'s SDK instead of a socket and a session of its own', () => {
  const SEED_EVENTS = ['conversationDeleted', 'conversationMessageEvent', 'conversationUndeleted', 'conversationUpdated', 'participantAdded',
    'participantRemoved', 'participantTyping', 'participantTypingOff', 'profileUpdated'];

  it('one session (the SDK\'s), its socket enabled, its events heard, its REST services used; off()s only its own handlers', async () => {
    FakeSocket.instances = [];
    const { fetch, calls } = fakeFetch(routes());
    const sdk = new FakeSdk(fetch, 'me', `${BASE}${API}`);
    const pageHandler = (): void => undefined;
    sdk.on('conversationMessageEvent', pageHandler);
    const t = testHost({ url: BASE, options: { apiSpaceId: SPACE_ID, sdk } }, fetch);
    const adapter = createAdapter(t.host);
    await adapter.connect(new AbortController().signal);
    expect(sdk.startSessions, 'once for the session, once more to wait on its socket').to.equal(2);
    expect(sdk.socketEnabled, 'the SDK socket enabled').to.equal(true);
    expect(sdk.names).to.deep.equal([...SEED_EVENTS, 'WebsocketClosed', 'WebsocketOpened'].sort());
    expect(t.emitted[0]).to.deep.equal({ type: 'identity.changed', selfId: 'me' });
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    expect(sdk.serviceCalls.slice(0, 2)).to.deep.equal([
      `getConversations GET /conversations?scope=participant&profileId=me`, `getMessages GET /conversations/${CONV}/messages?limit=50`,
    ]);
    expect(calls.some((c) => c.path.includes('/sessions')), 'no session of its own').to.equal(false);
    expect(calls.every((c) => c.headers.Authorization === undefined), 'no token of its own').to.equal(true);
    sdk.emit('conversationMessageEvent', { eventId: 'e3', name: 'conversationMessage.sent', conversationId: CONV, conversationEventId: 3, payload: (sentFrame({ seq: 3, id: 'm3' }).payload) });
    sdk.emit('participantTyping', { conversationId: CONV, createdBy: 'ada', profileId: 'ada', timestamp: '2024-05-01T09:00:00.000Z' });
    sdk.emit('profileUpdated', { eTag: 'x', profile: 'not an object' });
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'm3']);
    expect(t.store.getState().typing.get(CONV)?.map((x) => x.actor.id)).to.deep.equal(['ada']);
    expect(t.reports.map((r) => r.code)).to.deep.equal(['decode']);
    expect(FakeSocket.instances.length).to.equal(0);
    adapter.close();
    expect(sdk.listeners).to.equal(1);
    sdk.emit('conversationMessageEvent', { eventId: 'e4', name: 'conversationMessage.sent', conversationId: CONV, conversationEventId: 4, payload: sentFrame({ seq: 4, id: 'm4' }).payload });
    await settle();
    expect(ids(t)).to.deep.equal(['m1', 'm2', 'm3']);
  });

  it('a fake transport handed in does not replace the page\'s SDK; the timeout hint names what holds each mode', async () => {
    const { fetch } = fakeFetch(routes());
    const sdk = new FakeSdk(fetch, 'me', `${BASE}${API}`);
    const fake = fakeTransport();
    const t = testHost({ url: BASE, options: { apiSpaceId: SPACE_ID, sdk } }, fetch, undefined, fake.factory);
    const adapter = createAdapter(t.host);
    await adapter.connect(new AbortController().signal);
    expect(fake.connections, 'the SDK is the live source').to.have.length(0);
    expect(sdk.socketEnabled).to.equal(true);
    expect(adapter.timeoutHint).to.equal('the page\'s Comapi SDK has not (re)opened its socket; it retries by itself, up to 30 s apart');
    expect(createAdapter(testHost(challengeOptions(), fetch).host).timeoutHint).to.equal('the socket upgrade or the session challenge did not complete');
    adapter.close();
  });

  it('the SDK\'s socket closing is a lost connection; the next connect waits for its WebsocketOpened', async () => {
    const { fetch } = fakeFetch(routes());
    const sdk = new FakeSdk(fetch, 'me', `${BASE}${API}`);
    const t = testHost({ url: BASE, options: { apiSpaceId: SPACE_ID, sdk } }, fetch);
    const adapter = createAdapter(t.host);
    await adapter.connect(new AbortController().signal);
    sdk.emit('WebsocketClosed', { timestamp: '2024-05-01T10:00:00.000Z' });
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['network-error']);
    adapter.close();
    // The SDK's next attempt fails while the widget reconnects: it waits for the SDK's own reopen.
    sdk.services.appMessaging.enableSocket = async () => { sdk.emit('WebsocketClosed', {}); return true; };
    let done = false;
    const again = adapter.connect(new AbortController().signal).then(() => { done = true; });
    await settle();
    expect(done, 'still waiting for the SDK socket').to.equal(false);
    sdk.emit('WebsocketOpened', { timestamp: '2024-05-01T10:00:05.000Z' });
    await again;
    expect(sdk.startSessions, 'the SDK\'s session each time, never one of its own').to.equal(4);
    // Aborting a wait rejects promptly and leaves no handler behind.
    adapter.close();
    const abort = new AbortController();
    const third = adapter.connect(abort.signal);
    await settle();
    abort.abort();
    let reason: unknown;
    try { await third; } catch (err) { reason = err instanceof ConnectError ? err.reason : err; }
    expect(reason).to.equal('client-closed');
    adapter.close();
    expect(sdk.listeners).to.equal(0);
  });

  it('an SDK refusal is auth-failed; an object that is not a Foundation SDK is a config-error naming what it lacks', async () => {
    const sdk = new FakeSdk(fakeFetch(routes()).fetch);
    sdk.startSession = () => Promise.reject({ message: 'Failed to get a JWT from authChallenge', statusCode: 401 }); // eslint-disable-line prefer-promise-reject-errors -- as the SDK rejects
    const t = testHost({ url: BASE, options: { apiSpaceId: SPACE_ID, sdk } }, fakeFetch(routes()).fetch);
    let reason: unknown;
    try { await createAdapter(t.host).connect(new AbortController().signal); } catch (err) { reason = err instanceof ConnectError ? err.reason : err; }
    expect(reason).to.equal('auth-failed');

    const thin = { on: () => undefined, off: () => undefined };
    const t2 = testHost({ url: BASE, token: 'ready', userId: 'me', options: { apiSpaceId: SPACE_ID, sdk: thin } }, fakeFetch(routes()).fetch);
    let message = '';
    try { await createAdapter(t2.host).connect(new AbortController().signal); } catch (err) { message = err instanceof Error ? err.message : ''; }
    expect(message).to.contain('startSession').and.contain('services');
    const half = { on: () => undefined, off: () => undefined, startSession: async () => ({ profileId: 'me' }), services: { appMessaging: {} } };
    const t3 = testHost({ url: BASE, options: { apiSpaceId: SPACE_ID, sdk: half } }, fakeFetch(routes()).fetch);
    message = '';
    try { await createAdapter(t3.host).connect(new AbortController().signal); } catch (err) { message = err instanceof Error ? err.message : ''; }
    expect(message).to.contain('services.appMessaging.getMessages');
  });
});

describe('comapi adapter: the SDK\'s challenge callback form', () => {
  it('(options, answer) is called with {nonce} and its answer exchanged, as the SDK\'s own callback', async () => {
    const { fetch, calls } = fakeFetch(routes());
    const seen: unknown[] = [];
    const sdkStyle = (options: { nonce: string }, answer: (jwt: string) => void): void => { seen.push(options); setTimeout(() => answer(`${JWT}.${options.nonce}`), 0); };
    const t = testHost({ url: BASE, options: { apiSpaceId: SPACE_ID, authChallenge: sdkStyle, webSocket: FakeSocket } }, fetch);
    const adapter = createAdapter(t.host);
    await openSocket(adapter, t);
    expect(seen).to.deep.equal([{ nonce: 'nonce-1' }]);
    expect((calls[1]!.body as Json).authenticationToken).to.equal(`${JWT}.nonce-1`);
    adapter.close();
  });

  it('an SDK-style callback that answers nothing is auth-failed; one that never answers gives way to the abort', async () => {
    const t = testHost({ url: BASE, options: { apiSpaceId: SPACE_ID, authChallenge: (_o: unknown, answer: (jwt?: string) => void) => answer(undefined), webSocket: FakeSocket } }, fakeFetch(routes()).fetch);
    let reason: unknown;
    try { await createAdapter(t.host).connect(new AbortController().signal); } catch (err) { reason = err instanceof ConnectError ? err.reason : err; }
    expect(reason).to.equal('auth-failed');

    const t2 = testHost({ url: BASE, options: { apiSpaceId: SPACE_ID, authChallenge: (_o: unknown, _answer: unknown) => undefined, webSocket: FakeSocket } }, fakeFetch(routes()).fetch);
    const abort = new AbortController();
    const pending = createAdapter(t2.host).connect(abort.signal);
    await settle();
    abort.abort();
    try { await pending; } catch (err) { reason = err instanceof ConnectError ? err.reason : err; }
    expect(reason).to.equal('client-closed');
  });

  it('a session token that is a JWT is renewed before its exp, not only at the session\'s expiresOn', async () => {
    const b64 = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '');
    const soon = Date.parse('2024-05-01T10:30:00.000Z') / 1000;
    let n = 0;
    const jwtToken = (): string => `${b64({ alg: 'HS256' })}.${b64({ apiSpaceId: SPACE_ID, exp: soon + 3600 * n, n: ++n })}.sig`;
    const issued: string[] = [];
    const { fetch } = fakeFetch(routes({ [`POST ${API}/sessions`]: () => { const token = jwtToken(); issued.push(token); return { token, session: { id: 's', profileId: 'me', expiresOn: '2099-01-01T00:00:00.000Z' } }; } }));
    const t = testHost(challengeOptions(), fetch);
    const adapter = createAdapter(t.host);
    await openSocket(adapter, t);
    adapter.close();
    t.scheduler.advance(31 * 60_000);
    await openSocket(adapter, t);
    expect(issued.length, 'a new session once the token\'s exp had passed').to.equal(2);
    expect(FakeSocket.last().url).to.contain(encodeURIComponent(issued[1]!));
    adapter.close();
  });
});
