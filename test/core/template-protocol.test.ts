/**
 * A sixth protocol written from docs/protocols/template.md, run through the real client, store
 * and connection against the fake transport: it connects, syncs, sends and catches up using
 * only its declaration.
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import { fakeTransport } from '../../src/core/transport/fake.js';
import { ROOM, backend } from '../helpers/acme-protocol.js';
import { until } from '../helpers/fake-adapter-host.js';

describe('a protocol from the template, against the fake transport', () => {
  let client: ChatClient | undefined;
  afterEach(() => { client?.dispose(); client = undefined; });

  it('connects, syncs, sends and catches up using only its declaration', async () => {
    const fake = fakeTransport();
    const server = backend();
    server.add('welcome');
    client = createChatClient({ protocol: 'acme', url: 'http://acme.test', token: 'secret-token', transport: fake.factory, backoff: { base: 1, cap: 5 } });
    const texts = (): string[] => (client!.store.getState().messages.get(ROOM) ?? []).map((m) => m.text);
    client.connect();

    const first = await fake.nextOpen();
    expect(first.request).to.include({ kind: 'socket.io', url: 'http://acme.test', path: '/socket.io' });
    server.serve(first);
    first.accept();
    await until(() => client!.status === 'open', 'open');
    expect(first.sent.map((s) => s.event)).to.deep.equal(['hello', 'history']);
    expect(client.store.getState().selfId).to.equal('me');
    await until(() => texts().includes('welcome'), 'the initial sync');
    expect([...client.capabilities]).to.deep.equal(['send']);

    const live = server.add('live one');
    first.push(live, 'message');
    await until(() => texts().includes('live one'), 'a live frame');

    client.send('hello there', { conversationId: ROOM });
    await until(() => client!.store.getState().messages.get(ROOM)?.some((m) => m.text === 'hello there' && m.status === 'sent') === true, 'the send confirmed');
    expect(texts().filter((t) => t === 'hello there')).to.have.length(1);

    first.end('network-error', 'cut');
    server.add('missed while cut off');
    const second = await fake.nextOpen();
    expect(second).to.not.equal(first);
    server.serve(second);
    second.accept();
    await until(() => texts().includes('missed while cut off'), 'the catch-up');
    const history = second.sent.find((s) => s.event === 'history');
    expect(history?.args[0]).to.deep.equal({ room: ROOM, after: server.messages.at(-2)!.id });
    expect(texts()).to.deep.equal(['welcome', 'live one', 'hello there', 'missed while cut off']);
  });

  it('reports a frame its decoder refuses, keeps the stream, and hides the token', async () => {
    const fake = fakeTransport();
    const server = backend();
    client = createChatClient({ protocol: 'acme', url: 'http://acme.test', token: 'secret-token', transport: fake.factory });
    const errors: string[] = [];
    client.onError((e) => errors.push(`${e.code}: ${e.message} ${String(e.frame ?? '')}`));
    client.connect();
    const c = await fake.nextOpen();
    server.serve(c);
    c.accept();
    await until(() => client!.status === 'open', 'open');
    c.push({ id: 7, text: 'secret-token' }, 'message');
    c.push({ id: '8', room: ROOM, text: 'still here', from: 'ada', at: 1 }, 'message');
    await until(() => (client!.store.getState().messages.get(ROOM) ?? []).some((m) => m.text === 'still here'), 'the next frame');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^decode: acme frame dropped: message\.from: expected a string/);
    expect(errors[0]).to.not.include('secret-token');
  });

  it('a bad option is a config error, never retried', async () => {
    const fake = fakeTransport();
    client = createChatClient({ protocol: 'acme', url: 'http://acme.test', transport: fake.factory });
    client.connect();
    await until(() => client!.status === 'closed', 'closed');
    expect(fake.connections).to.have.length(0);
  });
});
