/**
 * `resync.required` from a live stream runs the catch-up on the open connection (as after a
 * reconnect), once at a time, and what it brings is applied as missed.
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

describe('resync.required', () => {
  let client: ChatClient | undefined;
  afterEach(() => { client?.dispose(); client = undefined; });

  it('runs the catch-up on the open connection and applies what it brings', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } }];
    client = createChatClient({ protocol: name, url: 'http://fake.test' });
    client.connect();
    await until(() => client!.status === 'open', 5000, 'open');
    expect(backend.syncs).to.deep.equal(['initial']);

    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    backend.onSync = async (kind) => {
      await gate;
      return kind === 'reconnect' ? [{ type: 'message.created', message: msg({ id: 'm1', conversationId: 'c1', text: 'missed' }) }] : [];
    };
    backend.emit([{ type: 'resync.required', reason: 'identity-changed' }]);
    backend.emit([{ type: 'resync.required', reason: 'gap' }]);
    backend.emit([{ type: 'resync.required', reason: 'gap' }]);
    await until(() => backend.syncs.length === 2, 5000, 'the catch-up');
    release();
    await until(() => backend.syncs.length === 3, 5000, 'the one asked for meanwhile');
    expect(backend.syncs).to.deep.equal(['initial', 'reconnect', 'reconnect']);
    await until(() => (client!.store.getState().messages.get('c1') ?? []).some((m) => m.text === 'missed'), 5000, 'the missed message');
    expect(backend.connects).to.equal(1);
    expect(client.status).to.equal('open');
  });
});
