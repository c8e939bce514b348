/**
 * Issue #10 item 3 against the Chatwoot emulation (demo/server): the pre-chat form creates the
 * contact with the name and email the visitor typed, the first message reaches the server; "New
 * conversation" makes a second conversation on the server, which the list shows and the thread opens.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { control, serverMessages, servers } from '../helpers/servers.js';

interface State {
  contacts: { id: number; name: string; email: string | null }[];
  conversations: { id: number; contact_id: number }[];
}

describe('Chatwoot: pre-chat form and New conversation, against the demo server', function () {
  this.timeout(30000);
  before(async () => { await control('reset', {}); });

  it('the visitor types name, email and a message; the contact has them; New conversation adds one the list shows and the thread opens', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" pre-chat-form no-persist style="width: 700px"></parley-chat>`);
    const form = () => chat.shadowRoot!.querySelector('parley-pre-chat-form');
    await until(() => !!form()?.shadowRoot?.querySelector('form'), 10000, 'the form');
    const before = await control<State>('state');
    const field = (name: string) => form()!.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    field('name').value = 'Ada Visitor';
    field('email').value = 'Ada.Visitor@Example.com';
    field('message').value = 'Hi, I need help';
    form()!.shadowRoot!.querySelector<HTMLButtonElement>('[part="pre-chat-submit"]')!.click();

    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    let state = await control<State>('state');
    const made = state.contacts.filter((c) => !before.contacts.some((b) => b.id === c.id));
    expect(made.map((c) => ({ name: c.name, email: c.email }))).to.deep.equal([{ name: 'Ada Visitor', email: 'ada.visitor@example.com' }]);
    const contactId = made[0]!.id;
    const first = String(state.conversations.find((c) => c.contact_id === contactId)!.id);
    await until(() => chat.session.store.getState().activeConversation === first, 10000, 'its conversation open');
    const mine = async () => (await serverMessages(first)).filter((m) => m.content === 'Hi, I need help' && m.message_type === 0);
    for (let i = 0; i < 100 && (await mine()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await mine(), 'the first message, once').to.have.length(1);

    // New conversation: on the server, in the list, open, the composer focused.
    await chat.updateComplete;
    const button = chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-conversation-button"]')!;
    expect(button, 'offered to a visitor').to.exist;
    button.click();
    await until(() => chat.session.store.getState().activeConversation !== first, 10000, 'another conversation open');
    const second = chat.session.store.getState().activeConversation!;
    state = await control<State>('state');
    expect(state.conversations.filter((c) => c.contact_id === contactId).map((c) => String(c.id)).sort()).to.deep.equal([first, second].sort());
    await until(() => !!chat.shadowRoot!.querySelector('parley-conversation-list')?.shadowRoot
      ?.querySelector(`[part~="conversation"][data-conversation-id="${second}"]`), 10000, 'listed');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => composer.matches(':focus-within'), 5000, 'the composer focused');
  });

  it('the server refuses a malformed email (422), as Chatwoot does', async () => {
    const res = await fetch(`${servers.chatwoot}/public/api/v1/inboxes/demo-inbox/contacts`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'X', email: 'not an email' }),
    });
    expect(res.status).to.equal(422);
  });
});
