/**
 * The Chatwoot adapter subscribes and receives through a real Rails ActionCable server
 * (Debian's ruby-actioncable under puma): REST from the demo server, the cable from Rails; and
 * against a Chatwoot-shaped RoomChannel there (`/chatwoot/cable`), an unknown pubsub token.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { createChatClient, type ChatClient } from '../../src/core/client.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ParleyErrorEvent } from '../../src/lit/events.js';
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

  it('a Chatwoot-shaped RoomChannel on real Rails answers an unknown pubsub token with silence: a timeout that names the cause', async () => {
    expect(servers.rails, 'the test runner started puma').to.be.a('string');
    const inbox = `${servers.chatwoot}/public/api/v1/inboxes/demo-inbox`;
    const contact = await post(`${inbox}/contacts`, { name: 'Stale Token Visitor' }) as { source_id: string; pubsub_token: string };
    await post(`${inbox}/contacts/${contact.source_id}/conversations`, {});
    const cableUrl = `${servers.rails!.replace(/^http/, 'ws')}/chatwoot/cable`;
    const connectWith = (): { client: ChatClient; errors: ParleyError[]; reasons: string[] } => {
      const errors: ParleyError[] = [];
      const reasons: string[] = [];
      const c = createChatClient({
        protocol: 'chatwoot', url: servers.chatwoot, connectTimeout: 1500,
        options: { inboxIdentifier: 'demo-inbox', sourceId: contact.source_id, pubsubToken: contact.pubsub_token, cableUrl },
      });
      c.onError((e) => errors.push(e));
      c.onStatus((_status, reason) => { if (reason) reasons.push(reason); });
      return { client: c, errors, reasons };
    };

    // Rails does not know this token: RoomChannel streams, then raises; nothing comes back.
    const first = connectWith();
    client = first.client;
    const started = performance.now();
    client.connect();
    await until(() => first.errors.some((e) => /not connected within 1500 ms/.test(e.message)), 6000, 'the timeout');
    expect(performance.now() - started, 'reported at the deadline').to.be.below(4000);
    const timeout = first.errors.find((e) => /not connected within/.test(e.message))!;
    expect(timeout.message).to.match(/never confirmed the subscription/).and.match(/unknown or stale pubsub token/);
    expect(timeout.message).not.to.contain(contact.pubsub_token);
    expect(first.reasons, 'ended as a timeout (then retried), not stuck in connecting').to.include('timeout');
    expect(first.errors.some((e) => /subscription/.test(e.code)), 'no rejection: Chatwoot sends none').to.equal(false);
    client.dispose();

    // The same widget once Chatwoot knows the token: confirmed and open (the silence was the token).
    await post(`${servers.rails}/chatwoot/tokens`, { pubsub_token: contact.pubsub_token });
    const second = connectWith();
    client = second.client;
    client.connect();
    await until(() => client!.status === 'open', 10000, 'open once the token is known');
    expect(second.errors.filter((e) => /not connected within/.test(e.message))).to.deep.equal([]);
  });

  it('the widget (connect-timeout attribute) says so too: a parley-error naming the cause, and a banner, not a silent "Connecting…"', async () => {
    const inbox = `${servers.chatwoot}/public/api/v1/inboxes/demo-inbox`;
    const contact = await post(`${inbox}/contacts`, { name: 'Stale Token Widget' }) as { source_id: string; pubsub_token: string };
    await post(`${inbox}/contacts/${contact.source_id}/conversations`, {});
    const cableUrl = `${servers.rails!.replace(/^http/, 'ws')}/chatwoot/cable`;
    const errors: string[] = [];
    const started = performance.now();
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot} inbox-identifier="demo-inbox"
      source-id=${contact.source_id} .pubsubToken=${contact.pubsub_token} cable-url=${cableUrl} connect-timeout="1500" no-persist
      @parley-error=${(e: ParleyErrorEvent) => errors.push(e.error.message)}></parley-chat>`);
    try {
      await until(() => errors.some((m) => /not connected within 1500 ms/.test(m)), 6000, 'the timeout, as a parley-error');
      expect(performance.now() - started, 'reported at the deadline').to.be.below(4000);
      expect(errors.find((m) => /not connected within/.test(m))).to.match(/unknown or stale pubsub token/);
      await until(() => chat.connectionStatus === 'reconnecting', 2000, 'retrying with backoff');
      await until(() => (chat.shadowRoot?.textContent ?? '').includes('did not answer in time'), 2000, 'the banner');
    } finally {
      chat.remove();
    }
  });
});
