/**
 * Unsent messages belong to the user, not to a token string: a page that gives no user id and a
 * fresh token per load names its cache by the token, yet the next page (another token, the same
 * user as the server says) finds the unsent message and sends it once. Another user never does.
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import { NetworkError } from '../../src/core/http.js';
import { memoryStore, type KeyValueStore } from '../../src/core/kv.js';
import type { ChatEvent } from '../../src/core/events.js';
import { registerFake, until, type FakeBackend } from '../helpers/fake-protocol.js';

const TEXT = 'typed on the first page, never sent';

function signedInAs(selfId: string): ChatEvent[] {
  return [{ type: 'identity.changed', selfId }, { type: 'conversation.created', conversation: { id: 'c1', lastActivityAt: 1 } }];
}

const sentTexts = (backend: FakeBackend) => backend.commands.filter((c) => c.type === 'send').map((c) => (c as { text: string }).text);

describe('outbox: a new token per page load, no user id', () => {
  let clients: ChatClient[] = [];
  afterEach(() => { for (const c of clients) c.dispose(); clients = []; });

  /** The first page: signed in as `selfId` by `token`, one message typed while sends fail. */
  async function firstPage(name: string, backend: FakeBackend, storage: KeyValueStore): Promise<void> {
    backend.syncEvents = signedInAs('u1');
    backend.onExecute = async () => { throw new NetworkError('POST failed: offline'); };
    const first = createChatClient({ protocol: name, url: 'http://127.0.0.1:1', token: 'token-page-1', storage });
    first.connect();
    await until(() => first.status === 'open', 5000, 'first page open');
    first.send(TEXT);
    await until(() => sentTexts(backend).length === 1, 5000, 'tried once');
    first.dispose();
    await new Promise((r) => setTimeout(r, 20)); // the teardown write
    backend.commands.length = 0;
    backend.onExecute = undefined; // sends are taken from now on
  }

  it('the next page, with another token for the same user, sends it once', async () => {
    const { name, backend } = registerFake();
    const storage = memoryStore();
    await firstPage(name, backend, storage);
    backend.syncEvents = signedInAs('u1'); // the server knows this token's user: the same one
    const next = createChatClient({ protocol: name, url: 'http://127.0.0.1:1', token: 'token-page-2', storage });
    clients.push(next);
    next.connect();
    await until(() => next.status === 'open', 5000, 'second page open');
    const mine = () => (next.store.getState().messages.get('c1') ?? []).filter((m) => m.text === TEXT);
    await until(() => mine().length === 1 && mine()[0]!.status === 'sent', 5000, 'the unsent message sent and confirmed');
    await new Promise((r) => setTimeout(r, 50));
    expect(sentTexts(backend)).to.deep.equal([TEXT]);
  });

  it('another user with another token never sees or sends it', async () => {
    const { name, backend } = registerFake();
    const storage = memoryStore();
    await firstPage(name, backend, storage);
    backend.syncEvents = signedInAs('u2');
    const other = createChatClient({ protocol: name, url: 'http://127.0.0.1:1', token: 'token-of-u2', storage });
    clients.push(other);
    other.connect();
    await until(() => other.status === 'open', 5000, 'open');
    await new Promise((r) => setTimeout(r, 100));
    expect(sentTexts(backend)).to.deep.equal([]);
    expect([...other.store.getState().messages.values()].flat().map((m) => m.text)).to.not.include(TEXT);
  });
});
