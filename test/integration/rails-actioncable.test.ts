/**
 * The Chatwoot adapter subscribes and receives through a real Rails ActionCable server
 * (Debian's ruby-actioncable under puma): REST from the demo server, the cable from Rails.
 */
import { expect } from '@open-wc/testing';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import type { ParleyError } from '../../src/core/errors.js';
import { until } from '../helpers/fake-protocol.js';
import { servers } from '../helpers/servers.js';

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

function agentMessage(id: number, conversationId: number, content: string) {
  return {
    id, content, account_id: 1, inbox_id: 1, conversation_id: conversationId, message_type: 1,
    created_at: Math.floor(Date.now() / 1000), updated_at: new Date().toISOString(), private: false, status: 'sent',
    source_id: null, content_type: 'text', content_attributes: {}, sender_type: 'User', sender_id: 1, external_source_ids: {},
    sender: { id: 1, name: 'Ada', available_name: 'Ada', avatar_url: '', type: 'user', availability_status: 'online' },
  };
}

describe('Chatwoot adapter against a real Rails ActionCable server', function () {
  this.timeout(30000);
  let client: ChatClient | undefined;
  afterEach(() => client?.dispose());

  it('subscribes with the RoomChannel identifier, receives broadcasts, survives a malformed one', async () => {
    expect(servers.rails, 'the test runner started puma').to.be.a('string');
    const inbox = `${servers.chatwoot}/public/api/v1/inboxes/demo-inbox`;
    const contact = await post(`${inbox}/contacts`, { name: 'Rails Visitor' }) as { source_id: string; pubsub_token: string };
    const conversation = await post(`${inbox}/contacts/${contact.source_id}/conversations`, {}) as { id: number };
    const errors: ParleyError[] = [];
    client = createChatClient({
      protocol: 'chatwoot', url: servers.chatwoot,
      options: { inboxIdentifier: 'demo-inbox', sourceId: contact.source_id, pubsubToken: contact.pubsub_token,
        cableUrl: `${servers.rails!.replace(/^http/, 'ws')}/cable` },
    });
    client.onError((e) => errors.push(e));
    client.connect();
    await until(() => client!.status === 'open', 15000, 'subscribed on Rails');
    const cid = String(conversation.id);
    const broadcast = (payload: unknown) => post(`${servers.rails}/broadcast`, { stream: contact.pubsub_token, payload });
    const texts = () => (client!.store.getState().messages.get(cid) ?? []).map((m) => m.text);

    await broadcast({ event: 'message.created', data: agentMessage(900001, conversation.id, 'first through Rails') });
    await until(() => texts().includes('first through Rails'), 10000, 'first message');

    await broadcast({ event: 'message.created', data: { id: { nested: true }, conversation_id: 'x' } });
    await broadcast({ event: 'conversation.typing_on', data: { conversation: { id: conversation.id }, user: { id: 1, name: 'Ada', type: 'user' }, is_private: false } });
    const typingNames = () => (client!.store.getState().typing.get(cid) ?? []).map((t) => t.actor.name);
    await until(() => typingNames().join() === 'Ada', 10000, 'Ada typing');
    await broadcast({ event: 'message.created', data: agentMessage(900002, conversation.id, 'second through Rails') });
    await until(() => texts().includes('second through Rails'), 10000, 'second message after the bad one');

    expect(texts().filter((t) => t.includes('through Rails'))).to.deep.equal(['first through Rails', 'second through Rails']);
    const decodeErrors = errors.filter((e) => e.code === 'decode');
    expect(decodeErrors).to.have.length(1);
    expect(decodeErrors[0]!.message).to.match(/id/);
    expect(decodeErrors[0]!.message).not.to.contain(contact.pubsub_token);
    expect(typingNames()).to.deep.equal([]); // cleared by Ada's message that followed
  });
});
