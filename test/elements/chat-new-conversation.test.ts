/**
 * Issue #10 item 3: "New conversation" in the chat's header, only where the backend lets this user
 * start one; a cancelable `parley-conversation-create` first; the new conversation opens with the
 * composer focused; a failure stays visible with Try again. Real elements and store over a fake
 * protocol (the mock is below the adapter).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ChatEvent } from '../../src/core/events.js';
import { ParleyConversationCreateEvent, type ParleyErrorEvent } from '../../src/lit/events.js';
import { registerFake, until, type FakeBackend } from '../helpers/fake-protocol.js';

const button = (chat: ParleyChat) => chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-conversation-button"]');
const ONE: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1', title: 'Support', lastActivityAt: 1 } }];

async function chatWith(can: boolean): Promise<{ chat: ParleyChat; backend: FakeBackend }> {
  const { name, backend } = registerFake();
  if (can) backend.capabilities.add('createConversation');
  backend.syncEvents = ONE;
  backend.onExecute = async (c) => (c.type === 'createConversation'
    ? [{ type: 'conversation.created', conversation: { id: 'c2', title: 'New one', lastActivityAt: 2 } }] : []);
  const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist style="width: 700px"></parley-chat>`);
  await until(() => chat.connectionStatus === 'open', 5000, 'open');
  await chat.updateComplete;
  return { chat, backend };
}

describe('<parley-chat> New conversation', () => {
  it('is not offered where the backend starts none', async () => {
    const { chat } = await chatWith(false);
    expect(button(chat) === null, 'no New conversation button').to.equal(true);
  });

  it('is offered with the capability, named and 44 px; a click announces it, starts one, opens it, focuses the composer', async () => {
    const { chat, backend } = await chatWith(true);
    const b = button(chat)!;
    expect(b, 'the button').to.exist;
    expect(b.getAttribute('aria-label')).to.equal('New conversation');
    expect(b.getBoundingClientRect().height).to.be.at.least(44);
    await expect(chat).to.be.accessible();
    const announced = oneEvent(chat, 'parley-conversation-create');
    b.click();
    const event = await announced;
    expect(event).to.be.instanceOf(ParleyConversationCreateEvent);
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    await until(() => chat.session.store.getState().activeConversation === 'c2', 5000, 'the new one open');
    expect(backend.commands.filter((c) => c.type === 'createConversation')).to.have.length(1);
    const list = chat.shadowRoot!.querySelector('parley-conversation-list')!;
    await until(() => !!list.shadowRoot?.querySelector('[data-conversation-id="c2"]'), 5000, 'listed');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => composer.matches(':focus-within'), 5000, 'the composer focused');
  });

  it('cancelled, nothing is started', async () => {
    const { chat, backend } = await chatWith(true);
    chat.addEventListener('parley-conversation-create', (e) => e.preventDefault());
    button(chat)!.click();
    await new Promise((r) => setTimeout(r, 100));
    expect(backend.commands.filter((c) => c.type === 'createConversation')).to.have.length(0);
    expect(chat.session.store.getState().activeConversation).to.equal('c1');
  });

  it('a failure is reported and stays visible with Try again, which starts it again', async () => {
    const { chat, backend } = await chatWith(true);
    let fail = true;
    backend.onExecute = async (c) => {
      if (c.type !== 'createConversation') return [];
      if (fail) throw new Error('HTTP 500');
      return [{ type: 'conversation.created', conversation: { id: 'c3', lastActivityAt: 3 } }];
    };
    const error = oneEvent(chat, 'parley-error');
    button(chat)!.click();
    expect(((await error) as unknown as ParleyErrorEvent).error.message).to.contain('createConversation failed');
    await until(() => !!chat.shadowRoot!.querySelector('[part="create-failed"]'), 5000, 'the failure shown');
    const notice = chat.shadowRoot!.querySelector('[part="create-failed"]')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain("Couldn't start a new conversation.");
    await expect(chat).to.be.accessible();
    fail = false;
    notice.querySelector('button')!.click();
    await until(() => chat.session.store.getState().activeConversation === 'c3', 5000, 'started on Try again');
    await chat.updateComplete;
    expect(chat.shadowRoot!.querySelector('[part="create-failed"]') === null, 'the failure gone').to.equal(true);
  });
});
