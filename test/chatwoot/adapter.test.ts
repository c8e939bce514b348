import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore } from '../../src/core/kv.js';
import { ConnectError, type Adapter, type ConnectOptions } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/chatwoot/protocol.js';
import { chatwootSeed } from '../fixtures/seed-chatwoot.js';
import { FakeSocket, fakeFetch, installFakeSocket, testHost, until, type Route, type TestHost } from './fakes.js';

type Json = Record<string, unknown>;

const URL_BASE = 'http://chat.test';
const AGENT_TOKEN = 'agent-access-token-secret';
const INBOX = 'inbox-1';
const SOURCE = 'source-id-secret';
const CONTACT_BASE = `/public/api/v1/inboxes/${INBOX}/contacts`;

function seedFrame(name: string): Json {
  const s = chatwootSeed.find((x) => x.name === name);
  if (!s) throw new Error(`no seed ${name}`);
  return JSON.parse(JSON.stringify(s.frame)) as Json;
}

/** The documented presence command for this role, as the seed prints it. */
function seedPresence(role: 'agent' | 'contact'): string {
  return JSON.stringify(seedFrame(`${role}_presence`));
}

function seedIdentifier(role: 'agent' | 'contact'): string {
  return seedFrame(`${role}_presence`).identifier as string;
}

const PROFILE = { id: 1, name: 'John', available_name: 'John', pubsub_token: 'token', account_id: 1 };

function agentOptions(extra: Json = {}): ConnectOptions {
  return { url: URL_BASE, token: AGENT_TOKEN, options: { accountId: 1, ...extra } };
}

function contactOptions(extra: Json = {}): ConnectOptions {
  return { url: URL_BASE, options: { inboxIdentifier: INBOX, ...extra } };
}

function conversation7(): Json {
  const data = (seedFrame('conversation_status_changed').message as Json).data as Json;
  return { ...data, status: 'open' };
}

function message(id: number, extra: Json = {}): Json {
  const data = (seedFrame('message_created').message as Json).data as Json;
  return { ...data, id, content: `m${id}`, created_at: 1627060000 + id, ...extra };
}

/** A message as the Client API renders it (public/api/v1/models/_message): no status, updated_at, echo_id or private. */
function publicMessage(id: number, extra: Json = {}): Json {
  const m = message(id);
  const out: Json = { id, content: m.content, message_type: m.message_type, content_type: m.content_type, content_attributes: m.content_attributes, created_at: m.created_at, conversation_id: m.conversation_id, sender: m.sender };
  return { ...out, ...extra };
}

/** Conversation 7 as the Client API renders it (public/api/v1/models/_conversation): every chat message, the contact record, both read times. */
function publicConversation7(extra: Json = {}): Json {
  const c = conversation7();
  return {
    id: 7, uuid: 'c1f6e7a4-0000-4000-8000-000000000007', inbox_id: 1, contact_last_seen_at: c.contact_last_seen_at, status: 'open',
    agent_last_seen_at: c.agent_last_seen_at, messages: [publicMessage(106), publicMessage(107)], contact: { id: 10, name: 'white-shadow-394', email: null },
    ...extra,
  };
}

const contactRoutes = (over: Record<string, Route> = {}): Record<string, Route> => ({
  [`POST ${CONTACT_BASE}`]: () => ({ id: 10, source_id: SOURCE, pubsub_token: 'token', name: 'white-shadow-394' }),
  [`GET ${CONTACT_BASE}/${SOURCE}/conversations`]: () => [publicConversation7()],
  [`GET ${CONTACT_BASE}/${SOURCE}/conversations/7/messages`]: () => [publicMessage(106), publicMessage(107)],
  [`POST ${CONTACT_BASE}/${SOURCE}/conversations/7/messages`]: (c) => publicMessage(200, { content: (c.body as Json).content, created_at: 1627070000 }),
  ...over,
});

/** Start connect(), let the socket open, welcome and confirm. Returns the socket. */
async function openCable(adapter: Adapter, t: TestHost, signal = new AbortController().signal): Promise<FakeSocket> {
  const before = FakeSocket.instances.length;
  const connected = adapter.connect(signal);
  let failed: unknown;
  connected.catch((err: unknown) => { failed = err; });
  await until(() => FakeSocket.instances.length > before || failed !== undefined, 'the socket');
  if (failed) throw failed;
  const ws = FakeSocket.instances[FakeSocket.instances.length - 1]!;
  ws.accept();
  ws.push({ type: 'welcome' });
  const subscribe = ws.commands().find((c) => c.command === 'subscribe');
  if (!subscribe) throw new Error('no subscribe sent');
  ws.push({ type: 'confirm_subscription', identifier: subscribe.identifier });
  await connected;
  void t;
  return ws;
}

function ofType<T extends ChatEvent['type']>(events: ChatEvent[], type: T): Extract<ChatEvent, { type: T }>[] {
  return events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);
}

describe('chatwoot adapter over a fake WebSocket', () => {
  let restore: () => void;
  let adapter: Adapter | undefined;
  beforeEach(() => { restore = installFakeSocket(); });
  afterEach(() => { adapter?.close(); adapter = undefined; restore(); });

  it('agent: byte-identical subscribe identifier, presence on connect and every 30 s, no timers after close', async () => {
    const { fetch, calls } = fakeFetch({ 'GET /api/v1/profile': () => PROFILE });
    const t = testHost(agentOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openCable(adapter, t);

    expect(ws.url).to.equal('ws://chat.test/cable');
    expect(calls[0]?.headers.api_access_token).to.equal(AGENT_TOKEN);
    expect(seedIdentifier('agent')).to.equal('{"channel":"RoomChannel","pubsub_token":"token","account_id":1,"user_id":1}');
    expect(ws.sent[0]).to.equal(JSON.stringify({ command: 'subscribe', identifier: seedIdentifier('agent') }));
    expect(ws.sent[1]).to.equal(seedPresence('agent'));
    expect(ofType(t.emitted, 'identity.changed')[0]).to.deep.include({ selfId: '1', name: 'John' });

    const presence = () => ws.sent.filter((s) => s === seedPresence('agent')).length;
    for (let i = 1; i <= 10; i++) {
      t.scheduler.advance(3000);
      ws.push({ type: 'ping', message: i });
    }
    expect(presence()).to.equal(2);
    t.scheduler.advance(30_000 - 1);
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['stale']);
    expect(t.scheduler.armed).to.equal(0);
  });

  it('close() unsubscribes, closes the socket, clears every timer and stops all callbacks', async () => {
    const t = testHost(agentOptions(), fakeFetch({ 'GET /api/v1/profile': () => PROFILE }).fetch);
    adapter = createAdapter(t.host);
    const ws = await openCable(adapter, t);
    expect(t.scheduler.armed).to.be.greaterThan(0);
    adapter.close();
    adapter.close();
    expect(t.scheduler.armed).to.equal(0);
    expect(ws.commands().at(-1)).to.deep.equal({ command: 'unsubscribe', identifier: seedIdentifier('agent') });
    expect(ws.readyState).to.be.greaterThan(FakeSocket.OPEN);
    const count = t.emitted.length;
    ws.push(seedFrame('message_created'));
    ws.drop();
    await new Promise((r) => setTimeout(r, 5));
    expect(t.emitted.length).to.equal(count);
    expect(t.closed).to.deep.equal([]);
    expect(t.reports).to.deep.equal([]);
  });

  it('a frame ActionCable cannot parse gives one decode report; later frames still arrive', async () => {
    const t = testHost(agentOptions(), fakeFetch({ 'GET /api/v1/profile': () => PROFILE }).fetch);
    adapter = createAdapter(t.host);
    const ws = await openCable(adapter, t);
    ws.push('{"identifier": "{\\"channel\\":\\"RoomChannel\\",\\"pubsub_token\\":\\"token\\"}", "message": oops');
    ws.push('null');
    expect(t.reports.map((r) => r.code)).to.deep.equal(['decode', 'decode']);
    expect(t.reports[0]?.frame).not.to.contain('"token');
    ws.push(seedFrame('message_created'));
    ws.push({ identifier: seedIdentifier('agent'), message: { event: 'message.created', data: { id: 'x' } } });
    const second = seedFrame('message_created');
    Object.assign(((second.message as Json).data as Json), { id: 109, content: 'later' });
    ws.push(second);
    expect(ofType(t.emitted, 'message.created').map((e) => e.message.id)).to.deep.equal(['106', '109']);
    expect(t.reports).to.have.length(3);
    expect(t.store.getState().messages.get('7')?.map((m) => m.text)).to.deep.equal(['hi', 'later']);
    expect(t.closed).to.deep.equal([]);
  });

  it('contact: creates and stores a contact, subscribes with the documented identifier, syncs and sends', async () => {
    const { fetch, calls } = fakeFetch(contactRoutes());
    const storage = memoryStore();
    const t = testHost(contactOptions(), fetch, storage);
    adapter = createAdapter(t.host);
    const ws = await openCable(adapter, t);
    expect(ws.sent[0]).to.equal(JSON.stringify({ command: 'subscribe', identifier: seedIdentifier('contact') }));
    expect(ws.sent[1]).to.equal(seedPresence('contact'));
    expect(await storage.get(`chatwoot:${URL_BASE}:${INBOX}:contact`)).to.deep.include({ sourceId: SOURCE, pubsubToken: 'token', contactId: '10' });
    expect(calls.every((c) => c.headers.api_access_token === undefined)).to.equal(true);

    const events = await adapter.sync('initial', new AbortController().signal);
    // The conversation's embedded messages are left for the messages endpoint, page by page.
    expect(events.map((e) => e.type)).to.deep.equal(['conversation.created', 'message.created', 'message.created', 'receipt.read']);
    // The thin messages carry no status: mine are read because the agents read after they were written.
    expect(ofType(events, 'message.created').map((e) => [e.message.id, e.message.sender?.role, e.message.status])).to.deep.equal([
      ['106', 'self', 'read'], ['107', 'self', 'read'],
    ]);
    expect(ofType(events, 'receipt.read')[0]).to.deep.include({ conversationId: '7', at: 1627060756000 });

    const sent = await adapter.execute({ type: 'send', conversationId: '7', text: 'hello', clientRef: 'ref-1' }, new AbortController().signal);
    const post = calls.find((c) => c.method === 'POST' && c.path.endsWith('/conversations/7/messages'));
    expect(post?.body).to.deep.equal({ content: 'hello', echo_id: 'ref-1' });
    expect(sent).to.have.length(1);
    // Confirmed by the POST answer (no echo_id there): the client reference is the one sent; written after the agents' read.
    expect(sent[0]).to.deep.nested.include({ type: 'message.created', 'message.id': '200', 'message.clientRef': 'ref-1', 'message.text': 'hello', 'message.status': 'sent' });
  });

  it('contact: the agents\' read time from a live frame raises my messages, also those that arrive after it', async () => {
    const t = testHost(contactOptions({ sourceId: SOURCE, pubsubToken: 'token', contactId: '10' }), fakeFetch(contactRoutes({
      [`GET ${CONTACT_BASE}/${SOURCE}/conversations`]: () => [publicConversation7({ agent_last_seen_at: 0 })],
    })).fetch);
    adapter = createAdapter(t.host);
    const ws = await openCable(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    const status = (id: string) => t.store.getState().messages.get('7')?.find((m) => m.id === id)?.status;
    expect([status('106'), status('107')]).to.deep.equal(['sent', 'sent']);
    // Ada read and typed: Chatwoot announced the read to nobody, the typing frame carries the time.
    const typing = seedFrame('conversation_typing_on');
    const data = (typing.message as Json).data as Json;
    data.user = { id: 1, name: 'John', type: 'user' };
    (data.conversation as Json).agent_last_seen_at = 1627060200;
    ws.push({ ...typing, identifier: seedIdentifier('contact') });
    expect([status('106'), status('107')]).to.deep.equal(['read', 'read']);
    // My other device's message, written before that read but arriving after it (a frame held back).
    const late = seedFrame('message_created');
    Object.assign((late.message as Json).data as Json, { id: 150, content: 'from my phone', created_at: 1627060150 });
    ws.push({ ...late, identifier: seedIdentifier('contact') });
    const after = seedFrame('message_created');
    Object.assign((after.message as Json).data as Json, { id: 151, content: 'written later', created_at: 1627060300 });
    ws.push({ ...after, identifier: seedIdentifier('contact') });
    expect([status('150'), status('151')]).to.deep.equal(['read', 'sent']);
  });

  it('names the likely cause for the core\'s connect deadline: Chatwoot answers an unknown token with silence', () => {
    const a = createAdapter(testHost(contactOptions(), fakeFetch(contactRoutes()).fetch).host);
    expect(a.timeoutHint).to.match(/unknown or stale pubsub token/).and.match(/account id or user id/).and.match(/never confirmed/);
  });

  it('contact: creates a conversation when there is none; reuses the stored contact on the next connect', async () => {
    let conversations: Json[] = [];
    const { fetch, calls } = fakeFetch(contactRoutes({
      [`GET ${CONTACT_BASE}/${SOURCE}/conversations`]: () => conversations,
      [`POST ${CONTACT_BASE}/${SOURCE}/conversations`]: () => { conversations = [publicConversation7({ messages: [] })]; return conversations[0]; },
      [`GET ${CONTACT_BASE}/${SOURCE}/conversations/7/messages`]: () => [],
    }));
    const storage = memoryStore();
    const t = testHost(contactOptions(), fetch, storage);
    adapter = createAdapter(t.host);
    await openCable(adapter, t);
    const events = await adapter.sync('initial', new AbortController().signal);
    expect(events.map((e) => e.type)).to.deep.equal(['conversation.created', 'receipt.read']);
    adapter.close();

    const second = createAdapter(testHost(contactOptions(), fetch, storage).host);
    adapter = second;
    await openCable(second, t);
    expect(calls.filter((c) => c.method === 'POST' && c.path === CONTACT_BASE)).to.have.length(1);
  });

  it('reports a dropped socket through host.closed once, and connects again with a fresh socket', async () => {
    const { fetch } = fakeFetch({ 'GET /api/v1/profile': () => PROFILE });
    const t = testHost(agentOptions(), fetch);
    adapter = createAdapter(t.host);
    const ws = await openCable(adapter, t);
    ws.drop(1006, false);
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['network-error']);
    expect(t.scheduler.armed).to.equal(0);
    adapter.close();
    const ws2 = await openCable(adapter, t);
    expect(ws2).not.to.equal(ws);
    expect(ws2.sent[0]).to.equal(JSON.stringify({ command: 'subscribe', identifier: seedIdentifier('agent') }));
    ws2.push({ type: 'disconnect', reason: 'server_restart', reconnect: true });
    ws2.drop(1000, true);
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['network-error', 'server-closed']);
    expect(FakeSocket.instances).to.have.length(2);
  });

  it('reconnect sync pages back with `before` past the last known message, to the start of a short conversation', async () => {
    const pages: Record<string, Json[]> = {
      '': [message(130), message(131)],
      '130': [message(128), message(129)],
      '128': [message(126), message(127)],
    };
    const { fetch, calls } = fakeFetch(contactRoutes({
      [`GET ${CONTACT_BASE}/${SOURCE}/conversations/7/messages`]: (c) => pages[new URL(c.path, URL_BASE).searchParams.get('before') ?? ''] ?? [],
    }));
    const t = testHost(contactOptions({ sourceId: SOURCE, pubsubToken: 'token', contactId: '10' }), fetch);
    adapter = createAdapter(t.host);
    await openCable(adapter, t);
    t.store.apply([{ type: 'message.created', conversationId: '7', message: { id: '127', conversationId: '7', kind: 'text', text: 'm127', markup: 'plain', attachments: [], createdAt: 1, status: 'sent' } }]);
    const events = await adapter.sync('reconnect', new AbortController().signal);
    const listed = calls.filter((c) => c.path.includes('/conversations/7/messages')).map((c) => c.path.split('?')[1] ?? '');
    // 127 is on the third page; fewer than REFRESH_BEHIND messages lie at or before it, so it reads on to an empty page.
    expect(listed).to.deep.equal(['', 'before=130', 'before=128', 'before=126']);
    expect(events[0]?.type).to.equal('conversation.updated');
    expect(ofType(events, 'message.created').map((e) => e.message.id)).to.include.members(['126', '127', '128', '129', '130', '131']);
  });

  it('config, auth and subscription failures become ConnectErrors without credentials', async () => {
    const reasons: string[] = [];
    const attempt = async (options: ConnectOptions, routes: Record<string, Route>, reject = false): Promise<void> => {
      const t = testHost(options, fakeFetch(routes).fetch);
      const a = createAdapter(t.host);
      try {
        if (reject) {
          const connected = a.connect(new AbortController().signal);
          await until(() => FakeSocket.instances.length > 0, 'the socket');
          const ws = FakeSocket.instances.at(-1)!;
          ws.accept();
          ws.push({ type: 'welcome' });
          ws.push({ type: 'reject_subscription', identifier: ws.commands()[0]!.identifier });
          await connected;
        } else {
          await a.connect(new AbortController().signal);
        }
        reasons.push('connected');
      } catch (err) {
        expect(err).to.be.instanceOf(ConnectError);
        expect((err as Error).message).not.to.contain(AGENT_TOKEN);
        expect((err as Error).message).not.to.contain(SOURCE);
        reasons.push((err as ConnectError).reason);
      } finally {
        a.close();
        expect(t.scheduler.armed).to.equal(0);
      }
    };
    await attempt(contactOptions({ inboxIdentifier: undefined }), {});
    await attempt({ url: URL_BASE, options: { role: 'agent', accountId: 1 } }, {});
    await attempt({ url: URL_BASE, token: AGENT_TOKEN, options: { role: 'agent' } }, {});
    await attempt({ url: 'not a url', options: { inboxIdentifier: INBOX } }, {});
    await attempt(agentOptions(), { 'GET /api/v1/profile': () => [401, { error: 'no' }] });
    await attempt(contactOptions({ sourceId: SOURCE, pubsubToken: 'token' }), { [`GET ${CONTACT_BASE}/${SOURCE}/conversations`]: () => [404, {}] });
    await attempt(contactOptions(), { [`POST ${CONTACT_BASE}`]: () => [404, {}] });
    await attempt(agentOptions(), { 'GET /api/v1/profile': () => [503, {}] });
    await attempt(agentOptions(), { 'GET /api/v1/profile': () => PROFILE }, true);
    expect(reasons).to.deep.equal([
      'config-error', 'config-error', 'config-error', 'config-error', 'auth-failed', 'auth-failed', 'config-error', 'network-error', 'subscription-rejected',
    ]);
  });

  it('contact.merged: keeps and stores the new pubsub token, reconnects with it, and the catch-up brings what came meanwhile', async () => {
    const storage = memoryStore();
    let missed = false;
    const t = testHost(contactOptions(), fakeFetch(contactRoutes({
      [`GET ${CONTACT_BASE}/${SOURCE}/conversations/7/messages`]: () => (missed ? [publicMessage(106), publicMessage(107), publicMessage(300, { content: 'while merging' })] : [publicMessage(106), publicMessage(107)]),
    })).fetch, storage);
    adapter = createAdapter(t.host);
    const ws = await openCable(adapter, t);
    t.store.apply(await adapter.sync('initial', new AbortController().signal));
    ws.push({
      identifier: seedIdentifier('contact'),
      message: { event: 'contact.merged', data: { id: 42, name: 'jane', pubsub_token: 'token-2', type: 'contact' } },
    });
    expect(t.store.getState().selfId).to.equal('42');
    expect(t.store.getState().selfName).to.equal('jane');
    // The old subscription is given up and the connection ends: the core reconnects, with no error report.
    expect(ws.commands().at(-1)).to.deep.equal({ command: 'unsubscribe', identifier: seedIdentifier('contact') });
    expect(ws.readyState).to.be.greaterThan(FakeSocket.OPEN);
    expect(t.closed.map((c) => c.reason)).to.deep.equal(['server-closed']);
    expect(t.reports).to.deep.equal([]);
    expect(await storage.get(`chatwoot:${URL_BASE}:${INBOX}:contact`)).to.deep.include({ pubsubToken: 'token-2', contactId: '42' });

    missed = true;
    adapter.close();
    const next = await openCable(adapter, t);
    const newIdentifier = '{"channel":"RoomChannel","pubsub_token":"token-2"}';
    expect(next.commands()[0]).to.deep.equal({ command: 'subscribe', identifier: newIdentifier });
    expect(next.sent.at(-1)).to.equal(JSON.stringify({ command: 'message', identifier: newIdentifier, data: '{"action":"update_presence"}' }));
    expect(ofType(t.emitted, 'identity.changed').at(-1)).to.deep.include({ selfId: '42', name: 'jane' });
    t.store.apply(await adapter.sync('reconnect', new AbortController().signal));
    expect(t.store.getState().messages.get('7')?.map((m) => m.text)).to.include('while merging');
  });

  it('presence snapshots mark agents who left as offline', async () => {
    const t = testHost(contactOptions({ sourceId: SOURCE, pubsubToken: 'token', contactId: '10' }), fakeFetch(contactRoutes()).fetch);
    adapter = createAdapter(t.host);
    const ws = await openCable(adapter, t);
    ws.push({ identifier: seedIdentifier('contact'), message: { event: 'presence.update', data: { account_id: 1, users: { 1: 'online', 2: 'busy' } } } });
    ws.push({ identifier: seedIdentifier('contact'), message: { event: 'presence.update', data: { account_id: 1, users: { 2: 'online' } } } });
    const presence = t.store.getState().presence;
    expect(presence.get('agents:1')).to.equal('offline');
    expect(presence.get('agents:2')).to.equal('online');
  });
  it('connect() honours its AbortSignal: rejects, and the half-open socket closes as soon as it opens', async () => {
    const t = testHost(agentOptions(), fakeFetch({ 'GET /api/v1/profile': () => PROFILE }).fetch);
    adapter = createAdapter(t.host);
    const ac = new AbortController();
    const connecting = adapter.connect(ac.signal);
    await until(() => FakeSocket.instances.length > 0, 'the socket');
    ac.abort();
    let reason = '';
    try {
      await connecting;
    } catch (err) {
      reason = (err as ConnectError).reason;
    }
    expect(reason).to.equal('client-closed');
    const ws = FakeSocket.instances[0]!;
    ws.accept();
    expect(ws.readyState).to.be.greaterThan(FakeSocket.OPEN);
    expect(ws.sent).to.deep.equal([]);
    expect(t.scheduler.armed).to.equal(0);
  });

  it('agent commands go to the Application API; nobody can edit (Chatwoot has no route for it)', async () => {
    const A = '/api/v1/accounts/1/conversations/7';
    const { fetch, calls } = fakeFetch({
      'GET /api/v1/profile': () => PROFILE,
      [`GET ${A}/messages?before=100`]: () => ({ meta: {}, payload: [] }),
      [`GET ${A}/messages`]: () => ({ meta: {}, payload: [message(101, { message_type: 1, sender: { id: 1, name: 'John', type: 'user' } })] }),
      [`DELETE ${A}/messages/101`]: () => message(101, { content: 'This message was deleted', content_attributes: { deleted: true } }),
      [`POST ${A}/toggle_typing_status`]: () => undefined,
      [`POST ${A}/update_last_seen`]: () => undefined,
    });
    const t = testHost(agentOptions(), fetch);
    adapter = createAdapter(t.host);
    expect([...adapter.capabilities].sort()).to.deep.equal(['delete', 'loadOlder', 'markRead', 'openConversation', 'send', 'typing']);
    await openCable(adapter, t);
    const signal = new AbortController().signal;
    expect(await adapter.execute({ type: 'loadOlder', conversationId: '7', beforeMessageId: '100' }, signal)).to.deep.equal([]);
    const opened = await adapter.execute({ type: 'openConversation', conversationId: '7' }, signal);
    expect(opened[0]).to.deep.nested.include({ type: 'message.created', 'message.id': '101', 'message.sender.role': 'self' });
    let editRefused = '';
    await adapter.execute({ type: 'edit', conversationId: '7', messageId: '101', text: 'fixed' }, signal).catch((err: Error) => { editRefused = err.message; });
    expect(editRefused).to.match(/not supported/);
    expect(calls.some((c) => c.method === 'PATCH'), 'no request for an edit').to.equal(false);
    const deleted = await adapter.execute({ type: 'delete', conversationId: '7', messageId: '101' }, signal);
    expect(deleted).to.deep.equal([{ type: 'message.deleted', conversationId: '7', messageIds: ['101'], scope: 'everyone' }]);
    await adapter.execute({ type: 'typing', conversationId: '7', on: true }, signal);
    await adapter.execute({ type: 'markRead', conversationId: '7', messageId: '101' }, signal);
    expect(calls.slice(-2).map((c) => [c.method, c.path, c.body])).to.deep.equal([
      ['POST', `${A}/toggle_typing_status`, { typing_status: 'on' }],
      ['POST', `${A}/update_last_seen`, {}],
    ]);
    expect(calls.every((c) => c.headers.api_access_token === AGENT_TOKEN)).to.equal(true);

    const contact = createAdapter(testHost(contactOptions(), fakeFetch(contactRoutes()).fetch).host);
    expect(contact.capabilities.has('edit')).to.equal(false);
    expect(contact.capabilities.has('createConversation')).to.equal(true);
    let refused = false;
    await contact.execute({ type: 'edit', conversationId: '7', messageId: '1', text: 'x' }, signal).catch(() => { refused = true; });
    expect(refused).to.equal(true);
  });
});
