/**
 * The offline cache and the durable outbox, through the headless client with a fake protocol
 * and a storage shared between two clients (a page and its reload).
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import type { ParleyError } from '../../src/core/errors.js';
import { NetworkError } from '../../src/core/http.js';
import { memoryStore, type KeyValueStore } from '../../src/core/kv.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

const SECRET = 'secret-token-4b1d';
const texts = (c: ChatClient) => (c.store.getState().messages.get('c1') ?? []).map((m) => `${m.text}:${m.status}`);

/** A storage whose contents can be read back as text. */
function inspectable(): KeyValueStore & { dump(): string } {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(k: string) => structuredClone(map.get(k)) as T | undefined,
    set: async (k, v) => { map.set(k, structuredClone(v)); },
    del: async (k) => { map.delete(k); },
    dump: () => JSON.stringify([...map]),
  };
}

describe('offline cache and durable outbox', function () {
  this.timeout(15000);
  const clients: ChatClient[] = [];
  afterEach(() => { for (const c of clients.splice(0)) c.dispose(); });
  const client = (protocol: string, storage: KeyValueStore, extra: Partial<Parameters<typeof createChatClient>[0]> = {}) => {
    const c = createChatClient({ protocol, url: 'http://127.0.0.1:1', token: SECRET, storage, backoff: { base: 20, cap: 50 }, ...extra });
    clients.push(c);
    return c;
  };

  it('a reload shows the last conversation from the cache before the socket connects', async () => {
    const { name, backend } = registerFake();
    const storage = memoryStore();
    backend.syncEvents = [
      { type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } },
      { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', text: 'hello' }) },
      { type: 'message.created', message: msg({ id: '2', conversationId: 'c1', text: 'hi', self: true, at: 1_700_000_001_000 }) },
    ];
    const first = client(name, storage);
    first.connect();
    await until(() => first.status === 'open', 5000, 'open');
    first.dispose();
    await new Promise((r) => setTimeout(r, 20));

    backend.onConnect = () => new Promise(() => {}); // the socket never opens after the reload
    const reloaded = client(name, storage);
    reloaded.connect();
    await until(() => texts(reloaded).length === 2, 5000, 'cached messages');
    expect(reloaded.status).to.equal('connecting');
    expect(texts(reloaded)).to.deep.equal(['hello:sent', 'hi:sent']);
    expect(reloaded.store.getState().activeConversation).to.equal('c1');
    expect(reloaded.store.getState().conversations.get('c1')?.title).to.equal('Support');
  });

  it('a message written offline survives a reload and is sent exactly once when the connection returns', async () => {
    const { name, backend } = registerFake();
    const storage = inspectable();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    const first = client(name, storage);
    first.connect();
    await until(() => first.status === 'open', 5000, 'open');
    backend.failWith = 'network-error';
    backend.drop('network-error');
    await until(() => first.status === 'reconnecting', 5000, 'reconnecting');
    first.send('written offline');
    await until(() => storage.dump().includes('written offline'), 5000, 'the outbox saved');
    first.dispose();
    expect(storage.dump()).not.to.contain(SECRET);

    backend.failWith = undefined;
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    const reloaded = client(name, storage);
    reloaded.connect();
    await until(() => texts(reloaded).includes('written offline:sent'), 5000, 'delivered after the reload');
    expect(backend.commands.filter((c) => c.type === 'send').map((c) => (c as { text: string }).text)).to.deep.equal(['written offline']);
    expect(texts(reloaded)).to.deep.equal(['written offline:sent']);
  });

  it('a send the server took before the page went away is not sent or shown twice', async () => {
    const { name, backend } = registerFake();
    const storage = memoryStore();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    backend.onExecute = async (c) => {
      if (c.type === 'send') throw new NetworkError('the answer was lost'); // the server has it, we do not know
      return [];
    };
    const first = client(name, storage);
    first.connect();
    await until(() => first.status === 'open', 5000, 'open');
    first.send('taken once');
    await until(() => backend.commands.some((c) => c.type === 'send'), 5000, 'sent');
    expect(texts(first)).to.deep.equal(['taken once:pending']);
    first.dispose();
    await new Promise((r) => setTimeout(r, 20));

    backend.onExecute = undefined;
    // After the reload the server's history has it (no client reference on it, as with most backends).
    backend.syncEvents = [
      { type: 'conversation.created', conversation: { id: 'c1' } },
      { type: 'message.created', message: msg({ id: 's1', conversationId: 'c1', text: 'taken once', self: true, at: Date.now() }) },
    ];
    const reloaded = client(name, storage);
    reloaded.connect();
    await until(() => reloaded.status === 'open', 5000, 'open');
    await new Promise((r) => setTimeout(r, 100));
    expect(texts(reloaded)).to.deep.equal(['taken once:sent']);
    expect(backend.commands.filter((c) => c.type === 'send')).to.have.length(1);
  });

  it('a refused store degrades to memory with one parley-error, and the chat goes on', async () => {
    const { name, backend } = registerFake();
    const broken: KeyValueStore = {
      get: async () => undefined,
      set: async () => { throw new DOMException('quota exceeded', 'QuotaExceededError'); },
      del: async () => {},
    };
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    const c = client(name, broken);
    const errors: ParleyError[] = [];
    c.onError((e) => errors.push(e));
    c.connect();
    await until(() => c.status === 'open', 5000, 'open');
    c.send('one');
    c.send('two');
    await until(() => texts(c).join() === 'one:sent,two:sent', 5000, 'both sent');
    await new Promise((r) => setTimeout(r, 600));
    expect(errors.map((e) => e.code)).to.deep.equal(['persist']);
    expect(errors[0]!.message).to.match(/quota exceeded/);
  });
});
