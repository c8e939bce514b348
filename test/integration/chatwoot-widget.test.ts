/**
 * The widget end to end against the Chatwoot emulation (demo/server): a visitor chats with the
 * scripted agent; the connection is cut mid-conversation; an agent sees the inbox.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Message } from '../../src/core/model.js';
import { until } from '../helpers/fake-protocol.js';
import { control, serverMessages, servers } from '../helpers/servers.js';
import { newContact } from '../helpers/chatwoot-contact.js';
import { type } from '../helpers/composer.js';
import { deleteMine, offered } from '../helpers/own-actions.js';

function shadow(chat: ParleyChat, tag: string): ShadowRoot {
  return chat.shadowRoot!.querySelector(tag)!.shadowRoot!;
}
function rendered(chat: ParleyChat): { id: string; status: string; text: string }[] {
  return [...shadow(chat, 'parley-thread').querySelectorAll('[part~="message"]')].map((el) => ({
    id: el.getAttribute('data-message-id')!, status: el.getAttribute('data-status')!, text: el.querySelector('.text')?.textContent ?? '',
  }));
}
function thread(chat: ParleyChat): readonly Message[] {
  const { activeConversation, messages } = chat.session.store.getState();
  return (activeConversation && messages.get(activeConversation)) || [];
}
describe('Chatwoot, end to end against the demo server', function () {
  this.timeout(30000);
  before(async () => { await control('reset', {}); });
  afterEach(async () => { await control('agent', { enabled: true }); });

  it('a visitor with only an inbox identifier chats with the scripted agent: pending, sent, read (from agent_last_seen_at); typing; reply', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" contact-name="Test Visitor" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await until(() => rendered(chat).some((m) => m.text.includes("I'm Ada")), 10000, 'the greeting');

    // The indicator names Ada while she types (recorded whenever it changes).
    let sawTyping = '';
    const indicator = shadow(chat, 'parley-typing-indicator');
    const observer = new MutationObserver(() => { sawTyping ||= indicator.textContent?.trim() ?? ''; });
    observer.observe(indicator, { subtree: true, childList: true, characterData: true });
    const replies = () => thread(chat).filter((m) => m.sender?.role !== 'self' && m.text.startsWith('You said'));
    const texts = ['hello there', 'second one', 'third one'];
    for (const [i, text] of texts.entries()) {
      await type(chat, text);
      const mine = thread(chat).find((m) => m.text === text)!;
      expect(mine.status, 'shown at once, as pending').to.equal('pending');
      expect(mine.id.startsWith('local:')).to.equal(true);
      await until(() => replies().length === i + 1, 10000, `reply ${i + 1}`);
    }
    observer.disconnect();
    expect(sawTyping).to.equal('Ada is typing…');
    // Ada read all three. Chatwoot keeps a contact's messages `sent` and announces an agent's read
    // to nobody: it writes agent_last_seen_at, which the typing frames that followed carried.
    const mineRendered = () => rendered(chat).filter((m) => texts.includes(m.text));
    await until(() => mineRendered().filter((m) => m.status === 'read').length === 3, 10000, 'three read marks');
    expect(mineRendered().map((m) => m.status)).to.deep.equal(['read', 'read', 'read']);
    expect(mineRendered().every((m) => /^\d+$/.test(m.id)), 'server ids after confirmation').to.equal(true);
    const server = await serverMessages(chat.session.store.getState().activeConversation!);
    const record = server as unknown as { content: string; status: string; created_at: number }[];
    const state = await control<{ conversations: { id: number; agent_last_seen_at: number }[] }>('state');
    const seenAt = state.conversations.find((c) => String(c.id) === chat.session.store.getState().activeConversation)!.agent_last_seen_at;
    for (const m of record.filter((r) => texts.includes(r.content))) {
      expect(m.status, 'the server never marks a contact\'s message read').to.equal('sent');
      expect(m.created_at).to.be.at.most(seenAt);
    }
    // Ada's replies stay as written: Chatwoot has no route that edits a message's text.
    expect(shadow(chat, 'parley-thread').querySelector('[data-edited]')).to.equal(null);
    expect(replies().map((m) => m.text)).to.deep.equal(texts.map((t) => `You said: “${t}”`));
    // Exactly what the server has, once each.
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => String(m.id)));
  });

  it('cut mid-conversation: shows reconnecting, reconnects, and what was sent meanwhile appears once each, in order', async () => {
    await control('agent', { enabled: false });
    const who = await newContact('Cut Visitor');
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" .sourceId=${who.source_id} .pubsubToken=${who.pubsub_token} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await control('agent-say', { conversation_id: who.conversationId, content: 'before the cut' });
    await until(() => rendered(chat).some((m) => m.text === 'before the cut'), 10000, 'first message');

    const statuses: string[] = [];
    chat.addEventListener('parley-connection-change', (e) => statuses.push(e.status));
    await control('refuse', { ms: 2500 });
    await control('drop', {});
    await until(() => chat.connectionStatus === 'reconnecting', 10000, 'reconnecting');
    expect(chat.shadowRoot!.querySelector('[part="connection-banner"]')!.textContent).to.match(/Reconnecting/);

    await control('agent-say', { conversation_id: who.conversationId, content: 'missed one' });
    await control('contact-say', { conversation_id: who.conversationId, source_id: who.source_id, content: 'from my phone' });
    await control('agent-say', { conversation_id: who.conversationId, content: 'missed two' });
    await type(chat, 'typed while cut');
    await until(() => rendered(chat).some((m) => m.text === 'typed while cut' && m.status === 'pending'), 5000, 'pending while cut');

    await until(() => chat.connectionStatus === 'open', 20000, 'open again');
    expect(statuses).to.include('reconnecting');
    expect(statuses.at(-1)).to.equal('open');
    await until(() => rendered(chat).some((m) => m.text === 'typed while cut' && m.status !== 'pending'), 10000, 'the cut message delivered');
    await control('agent-say', { conversation_id: who.conversationId, content: 'after the cut' });
    await until(() => rendered(chat).some((m) => m.text === 'after the cut'), 10000, 'live again');

    const server = await serverMessages(who.conversationId);
    const expected = ['before the cut', 'missed one', 'from my phone', 'missed two', 'typed while cut', 'after the cut'];
    expect(server.map((m) => m.content)).to.deep.equal(expected);
    expect(thread(chat).map((m) => m.text)).to.deep.equal(expected);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => String(m.id)));
  });

  it('scrolling to the top loads older messages, page by page, keeping the order', async () => {
    await control('agent', { enabled: false });
    const who = await newContact('History Visitor');
    await control('bulk', { conversation_id: who.conversationId, count: 75 });
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" .sourceId=${who.source_id} .pubsubToken=${who.pubsub_token} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    await until(() => thread(chat).length >= 20, 10000, 'the latest page');
    const firstPage = thread(chat).length;
    expect(firstPage).to.be.lessThan(75);
    const threadEl = chat.shadowRoot!.querySelector('parley-thread')!;
    const scroller = threadEl.shadowRoot!.querySelector('[role="log"]')!;
    for (let i = 0; i < 10 && thread(chat).length < 75; i++) {
      // Let the layout settle first (the rows measured, the view kept in place).
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      scroller.scrollTop = 0; // the user scrolls to the top
      const before = thread(chat).length;
      await until(() => thread(chat).length > before || chat.session.store.getState().history.get(who.conversationId)?.hasMore === false, 10000, 'an older page');
      // As a person would: look at the page that came in (it is kept in place) before scrolling on.
      await threadEl.updateComplete;
      await until(() => !!threadEl.shadowRoot!.querySelector(`[data-message-id="${thread(chat)[thread(chat).length - before]?.id}"]`), 5000, 'the view kept in place');
    }
    const server = await serverMessages(who.conversationId);
    expect(server).to.have.length(75);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => String(m.id)));
    // Each page came in above the view, which stayed in place: scrolling up once more reaches the oldest.
    await until(() => {
      scroller.scrollTop = 0;
      return !!threadEl.shadowRoot!.querySelector(`[data-message-id="${server[0]!.id}"]`);
    }, 10000, 'the oldest message on screen');
  });

  it('an agent sees the inbox through the Application API and answers', async () => {
    const who = await newContact('Inbox Visitor');
    await control('contact-say', { conversation_id: who.conversationId, source_id: who.source_id, content: 'need help' });
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot} account-id="1"
      .token=${'demo-agent-token'} .conversation=${who.conversationId} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    expect(chat.outerHTML).not.to.contain('demo-agent-token');
    await until(() => !!chat.shadowRoot!.querySelector('parley-conversation-list'), 10000, 'the list');
    const list = shadow(chat, 'parley-conversation-list');
    await until(() => !!list.querySelector(`[data-conversation-id="${who.conversationId}"]`), 10000, 'the conversation in the list');
    await until(() => rendered(chat).some((m) => m.text === 'need help'), 10000, 'the visitor message');
    await type(chat, 'On it!');
    await until(() => (thread(chat).find((m) => m.text === 'On it!')?.id ?? 'local:').match(/^\d+$/) !== null, 10000, 'confirmed');
    const server = await serverMessages(who.conversationId);
    expect(server.at(-1)).to.include({ content: 'On it!', message_type: 1 });
    await expect(chat).to.be.accessible();
  });
  it('a contact can neither edit nor delete (no menu); an agent deletes her reply through the menu, which offers Delete only', async () => {
    await control('agent', { enabled: false });
    const visitor = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" contact-name="Menu Visitor" no-persist></parley-chat>`);
    await until(() => visitor.connectionStatus === 'open', 10000, 'visitor open');
    await type(visitor, 'question for Ada');
    await until(() => /^\d+$/.test(rendered(visitor).find((m) => m.text === 'question for Ada')?.id ?? ''), 10000, 'confirmed');
    const question = rendered(visitor).find((m) => m.text === 'question for Ada')!.id;
    expect(await offered(shadow(visitor, 'parley-thread'), question), 'the Client API changes no message').to.deep.equal([]);
    const conversationId = visitor.session.store.getState().activeConversation!;

    const agent = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot} account-id="1"
      .token=${'demo-agent-token'} .conversation=${conversationId} no-persist></parley-chat>`);
    await until(() => agent.connectionStatus === 'open', 10000, 'agent open');
    await type(agent, 'a reply to take back');
    await until(() => /^\d+$/.test(rendered(agent).find((m) => m.text === 'a reply to take back')?.id ?? ''), 10000, 'the reply confirmed');
    const reply = rendered(agent).find((m) => m.text === 'a reply to take back')!.id;
    await until(() => thread(visitor).some((m) => m.id === reply), 10000, 'the reply, for the visitor');
    const root = shadow(agent, 'parley-thread');
    expect(await offered(root, reply), 'Chatwoot has no edit').to.deep.equal(['action-delete']);
    await deleteMine(root, reply);
    await until(() => !!shadow(agent, 'parley-thread').querySelector(`[data-message-id="${reply}"][data-deleted]`), 10000, 'deleted, for the agent');
    await until(() => thread(visitor).find((m) => m.id === reply)?.deleted === true, 10000, 'deleted, for the visitor');
    expect((await serverMessages(conversationId)).find((m) => String(m.id) === reply)?.content).to.equal('This message was deleted');
  });
});
