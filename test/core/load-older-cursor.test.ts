/**
 * Paging back asks for what lies before the oldest message the server still has: not before an
 * unconfirmed send (the server never saw it) and not before a tombstone (a message deleted for
 * good, which IMKIT answers with 404), so the history can always reach its start.
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore } from '../../src/core/kv.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

const T0 = 1_700_000_000_000;
const conversation: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } };
const created = (n: number): ChatEvent => ({ type: 'message.created', message: msg({ id: `m${n}`, conversationId: 'c1', text: `message ${n}`, at: T0 + n * 1000 }) });

describe('loadOlder: the cursor is the oldest message the server still has', function () {
  this.timeout(10000);
  let client: ChatClient | undefined;
  afterEach(() => client?.dispose());

  const cases: { name: string; held: ChatEvent[]; cursor: string | undefined }[] = [
    { name: 'the oldest held message', held: [created(3), created(4)], cursor: 'm3' },
    { name: 'past a tombstone at the top', held: [created(2), created(3), created(4), { type: 'message.deleted', conversationId: 'c1', messageIds: ['m2'], scope: 'everyone' }], cursor: 'm3' },
    { name: 'past every tombstone at the top', held: [created(1), created(2), created(3), { type: 'message.deleted', conversationId: 'c1', messageIds: ['m1', 'm2'], scope: 'everyone' }], cursor: 'm3' },
    { name: 'none when every held message is deleted (the latest page)', held: [created(1), { type: 'message.deleted', conversationId: 'c1', messageIds: ['m1'], scope: 'everyone' }], cursor: undefined },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { name, backend } = registerFake();
      const cursors: (string | undefined)[] = [];
      backend.onSync = async () => [conversation, ...c.held];
      backend.onExecute = async (command) => {
        if (command.type === 'loadOlder') cursors.push(command.beforeMessageId);
        return [];
      };
      client = createChatClient({ protocol: name, url: 'http://127.0.0.1:1', userId: 'u1', storage: memoryStore(), persist: false });
      client.connect();
      await until(() => client!.status === 'open' && (client!.store.getState().messages.get('c1')?.length ?? 0) > 0, 5000, 'synced');
      await client.loadOlder('c1');
      expect(cursors).to.deep.equal([c.cursor]);
    });
  }
});
