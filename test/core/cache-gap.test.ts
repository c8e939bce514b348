/**
 * The cache never leaves a hole, and storage that never answers does not stop the chat: the
 * headless client with a fake protocol and a storage shared between a page and its reload.
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import type { Command } from '../../src/core/commands.js';
import type { ParleyError } from '../../src/core/errors.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore, type KeyValueStore } from '../../src/core/kv.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

const T0 = 1_700_000_000_000;
const conversation: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } };
const message = (n: number): ChatEvent => ({ type: 'message.created', message: msg({ id: `m${n}`, conversationId: 'c1', text: `message ${n}`, at: T0 + n * 1000 }) });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const texts = (c: ChatClient) => (c.store.getState().messages.get('c1') ?? []).map((m) => m.text);

/** Messages 1..total at the "server"; pages of `size`, newest first, before a message id. */
function serverOf(total: { n: number }, size: number) {
  return {
    newest: () => [conversation, ...range(Math.max(1, total.n - size + 1), total.n).map(message)],
    older(c: Command): ChatEvent[] {
      if (c.type !== 'loadOlder') return [];
      const before = c.beforeMessageId ? Number(c.beforeMessageId.slice(1)) : total.n + 1;
      return range(Math.max(1, before - size), before - 1).map(message);
    },
  };
}

describe('offline cache: no hole between cached and fresh messages', function () {
  this.timeout(15000);
  const clients: ChatClient[] = [];
  afterEach(() => { for (const c of clients.splice(0)) c.dispose(); });
  const client = (protocol: string, storage: KeyValueStore, extra: Partial<Parameters<typeof createChatClient>[0]> = {}) => {
    const c = createChatClient({ protocol, url: 'http://127.0.0.1:1', userId: 'u1', storage, backoff: { base: 20, cap: 50 }, ...extra });
    clients.push(c);
    return c;
  };
  async function pageToStart(c: ChatClient): Promise<void> {
    for (let i = 0; i < 50 && c.store.getState().history.get('c1')?.hasMore !== false; i++) await c.loadOlder('c1');
  }

  it('a new client on a kept store (a new token): its first page is checked like a cache, so no hole is left', async () => {
    const { name, backend } = registerFake();
    const total = { n: 8 };
    const server = serverOf(total, 5);
    backend.onSync = async () => server.newest();
    backend.onExecute = async (c) => server.older(c);
    const first = client(name, memoryStore(), { persist: false });
    first.connect();
    await until(() => first.status === 'open', 5000, 'open');
    await pageToStart(first);
    const kept = first.store;
    first.dispose();

    total.n = 30; // 22 written before the new client's first page
    const next = client(name, memoryStore(), { persist: false, store: kept, token: 'a-new-token' });
    next.connect();
    await until(() => next.status === 'open', 5000, 'open with the new token');
    await pageToStart(next);
    expect(texts(next), 'every message, in order, no hole').to.deep.equal(range(1, 30).map((n) => `message ${n}`));
  });

  it('a fresh page that does not reach the cache: paging fetches what came between, pending sends stay', async () => {
    const { name, backend } = registerFake();
    const total = { n: 8 };
    const server = serverOf(total, 5);
    const storage = memoryStore();
    backend.onSync = async () => server.newest();
    backend.onExecute = async (c) => server.older(c);
    const first = client(name, storage);
    first.connect();
    await until(() => first.status === 'open', 5000, 'open');
    await pageToStart(first);
    expect(texts(first)).to.deep.equal(range(1, 8).map((n) => `message ${n}`));
    backend.failWith = 'network-error';
    backend.drop();
    first.send('unsent draft');
    first.dispose();
    await new Promise((r) => setTimeout(r, 20));

    total.n = 30; // 22 more while the page was closed; the fresh page is 26..30
    backend.failWith = undefined;
    const reloaded = client(name, storage);
    reloaded.connect();
    await until(() => reloaded.status === 'open', 5000, 'open after the reload');
    await pageToStart(reloaded);
    expect(texts(reloaded).filter((t) => t.startsWith('message')), 'every message, in order').to.deep.equal(range(1, 30).map((n) => `message ${n}`));
    const draft = (reloaded.store.getState().messages.get('c1') ?? []).filter((m) => m.text === 'unsent draft');
    expect(draft.length, 'the unsent draft kept, once').to.equal(1);
  });

  it('a fresh page that overlaps the cache keeps the cached messages', async () => {
    const { name, backend } = registerFake();
    const total = { n: 8 };
    const server = serverOf(total, 5);
    const storage = memoryStore();
    backend.onSync = async () => server.newest();
    backend.onExecute = async (c) => server.older(c);
    const first = client(name, storage);
    first.connect();
    await until(() => first.status === 'open', 5000, 'open');
    await pageToStart(first);
    first.dispose();
    await new Promise((r) => setTimeout(r, 20));

    total.n = 10; // the fresh page 6..10 reaches the cached 1..8
    const reloaded = client(name, storage);
    reloaded.connect();
    await until(() => reloaded.status === 'open', 5000, 'open after the reload');
    const asked = backend.commands.length;
    expect(texts(reloaded), 'all there without paging').to.deep.equal(range(1, 10).map((n) => `message ${n}`));
    await new Promise((r) => setTimeout(r, 100));
    expect(backend.commands.length, 'nothing fetched again').to.equal(asked);
  });

  it('a cached conversation the first sync did not page is checked when it is opened', async () => {
    const { name, backend } = registerFake();
    backend.capabilities.add('openConversation');
    const total = { n: 8 };
    const server = serverOf(total, 5);
    const other: ChatEvent = { type: 'conversation.created', conversation: { id: 'c0', title: 'Other', lastActivityAt: T0 + 10 ** 9 } };
    const storage = memoryStore();
    backend.onSync = async () => [other, ...server.newest()];
    backend.onExecute = async (c) => (c.type === 'openConversation' ? server.newest() : server.older(c));
    const first = client(name, storage);
    first.connect();
    await until(() => first.status === 'open', 5000, 'open');
    await pageToStart(first);
    first.dispose();
    await new Promise((r) => setTimeout(r, 20));

    total.n = 30;
    backend.onSync = async () => [other]; // this time the first sync pages only the other conversation
    const reloaded = client(name, storage, { conversation: 'c0' });
    reloaded.connect();
    await until(() => reloaded.status === 'open', 5000, 'open after the reload');
    reloaded.open('c1');
    await until(() => texts(reloaded).includes('message 30'), 5000, 'the newest page of the opened conversation');
    await pageToStart(reloaded);
    expect(texts(reloaded), 'every message, in order').to.deep.equal(range(1, 30).map((n) => `message ${n}`));
  });

  it('storage that never answers: the chat connects after the deadline without the cache and writes nothing', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [conversation, message(1)];
    let writes = 0;
    const stuck: KeyValueStore = {
      get: () => new Promise(() => {}),
      set: async () => { writes++; },
      del: async () => {},
    };
    const c = client(name, stuck, { restoreTimeout: 50 });
    const errors: ParleyError[] = [];
    c.onError((e) => errors.push(e));
    c.connect();
    await until(() => c.status === 'open', 50 * 100, 'open despite the stuck storage');
    expect(errors.map((e) => e.code)).to.deep.equal(['persist']);
    c.send('typed after');
    await until(() => texts(c).includes('typed after') && c.store.pendingMessages().length === 0, 5000, 'sent');
    await new Promise((r) => setTimeout(r, 500));
    c.dispose();
    expect(writes, 'nothing written over what the storage may still hold').to.equal(0);
  });
});
