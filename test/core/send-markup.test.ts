/**
 * A pending send shows as its echo will: a protocol that declares `sendMarkup` (Chatwoot renders
 * what its users write as Markdown) gets its pending messages marked so, and the others keep plain
 * text. Run through the real client, store and connection against the fake transport.
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import { registerProtocol } from '../../src/core/registry.js';
import { defineProtocol } from '../../src/core/runtime/define.js';
import { fakeTransport } from '../../src/core/transport/fake.js';
import { ROOM, backend, declaration } from '../helpers/acme-protocol.js';
import { until } from '../helpers/fake-adapter-host.js';

registerProtocol('acme-markdown', () => Promise.resolve(defineProtocol({ ...declaration, name: 'acme-markdown', sendMarkup: 'markdown' })));

async function pendingMarkup(protocol: string): Promise<string | undefined> {
  const fake = fakeTransport();
  const server = backend();
  const client: ChatClient = createChatClient({ protocol, url: 'http://acme.test', token: 'secret-token', transport: fake.factory });
  try {
    client.connect();
    const socket = await fake.nextOpen();
    server.serve(socket);
    socket.accept();
    await until(() => client.status === 'open', 'open');
    client.send('**bold** move', { conversationId: ROOM });
    return client.store.getState().messages.get(ROOM)?.find((m) => m.text === '**bold** move')?.markup;
  } finally {
    client.dispose();
  }
}

describe('the markup of a pending send', () => {
  it('is the backend\'s own (Markdown where it renders Markdown), plain where it declares none', async () => {
    expect(await pendingMarkup('acme-markdown')).to.equal('markdown');
    expect(await pendingMarkup('acme')).to.equal('plain');
  });
});
