/**
 * Backends that answer a send with no message (Virola): the outbox waits for the echo and never
 * posts the same message twice. Opening a conversation with nothing loaded fetches it.
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import { memoryStore } from '../../src/core/kv.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

describe('outbox with echo-less sends', () => {
  let client: ChatClient | undefined;
  afterEach(() => client?.dispose());

  it('sends once, waits for the echo, and a later flush does not post it again', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    backend.onExecute = async () => []; // accepted, nothing returned
    client = createChatClient({ protocol: name, url: 'http://127.0.0.1:1' });
    client.connect();
    await until(() => client!.status === 'open', 5000, 'open');
    client.send('first');
    await until(() => backend.commands.length === 1, 5000, 'first posted');
    client.send('second'); // triggers another flush while "first" still awaits its echo
    await until(() => backend.commands.length === 2, 5000, 'second posted');
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.commands.map((c) => (c as { text: string }).text)).to.deep.equal(['first', 'second']);
    backend.emit([
      { type: 'message.created', message: msg({ id: '10', conversationId: 'c1', text: 'first', self: true, at: Date.now() }) },
      { type: 'message.created', message: msg({ id: '11', conversationId: 'c1', text: 'second', self: true, at: Date.now() + 1 }) },
    ]);
    const list = () => (client!.store.getState().messages.get('c1') ?? []).map((m) => `${m.id}:${m.status}`);
    await until(() => list().join() === '10:sent,11:sent', 5000, 'both confirmed by their echoes');
  });

  it('a send accepted without a message is not posted again by the next client (a reload or a new token)', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    backend.onExecute = async () => []; // accepted, nothing returned: the echo is awaited
    const storage = memoryStore();
    const first = createChatClient({ protocol: name, url: 'http://127.0.0.1:1', userId: 'u1', storage });
    first.connect();
    await until(() => first.status === 'open', 5000, 'open');
    first.send('accepted, echo still to come');
    await until(() => backend.commands.length === 1, 5000, 'posted');
    await until(() => first.store.pendingMessages()[0]?.acceptedAt !== undefined, 5000, 'marked accepted');
    const kept = first.store;
    first.dispose();
    await new Promise((r) => setTimeout(r, 20));
    for (const next of [
      createChatClient({ protocol: name, url: 'http://127.0.0.1:1', userId: 'u1', storage, store: kept, token: 'new-token' }), // a new token
      createChatClient({ protocol: name, url: 'http://127.0.0.1:1', userId: 'u1', storage }), // a reload
    ]) {
      backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
      next.connect();
      await until(() => next.status === 'open', 5000, 'open again');
      await until(() => next.store.pendingMessages().length === 1, 5000, 'the send still waits for its echo');
      await new Promise((r) => setTimeout(r, 100));
      next.dispose();
    }
    expect(backend.commands.filter((c) => c.type === 'send'), 'posted once').to.have.length(1);
  });

  it('opening a conversation with nothing loaded fetches its messages', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [
      { type: 'conversation.created', conversation: { id: 'c1', lastActivityAt: 2 } },
      { type: 'conversation.created', conversation: { id: 'c2', lastActivityAt: 1 } },
    ];
    backend.capabilities.add('openConversation');
    backend.onExecute = async (c) => (c.type === 'openConversation'
      ? [{ type: 'message.created', message: msg({ id: 'x', conversationId: c.conversationId, text: 'loaded on open' }) }] : []);
    client = createChatClient({ protocol: name, url: 'http://127.0.0.1:1' });
    client.connect();
    await until(() => client!.status === 'open', 5000, 'open');
    client.open('c2', true);
    await until(() => (client!.store.getState().messages.get('c2') ?? []).length === 1, 5000, 'c2 loaded');
    client.open('c2', true); // already loaded: no second fetch
    expect(backend.commands.filter((c) => c.type === 'openConversation').map((c) => c.conversationId)).to.deep.equal(['c2']);
  });
});
