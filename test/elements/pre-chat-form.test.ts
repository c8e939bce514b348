/**
 * Issue #10 item 3: the pre-chat form of `<parley-chat pre-chat-form>` for a new Chatwoot visitor.
 * It holds the connection; it checks name and email (as Chatwoot checks an email) with errors tied
 * to their fields; a visitor this device keeps a contact for, or an agent, never sees it.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { del, set } from 'idb-keyval';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { preChatProblems, type ParleyPreChatSubmitEvent } from '../../src/elements/chat/pre-chat-form.js';
import { until } from '../helpers/fake-protocol.js';
import { parleyStore } from '../helpers/idb.js';

const URL_ = 'http://127.0.0.1:1';
const formOf = (chat: ParleyChat) => chat.shadowRoot!.querySelector('parley-pre-chat-form');
const root = (chat: ParleyChat) => formOf(chat)!.shadowRoot!;
const input = (chat: ParleyChat, name: string) => root(chat).querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
const submit = (chat: ParleyChat) => root(chat).querySelector<HTMLButtonElement>('[part="pre-chat-submit"]')!.click();

async function visitor(attrs: { persist?: boolean; agent?: boolean } = {}): Promise<ParleyChat> {
  const chat = await fixture<ParleyChat>(attrs.persist
    ? html`<parley-chat protocol="chatwoot" url=${URL_} inbox-identifier="pre-inbox" pre-chat-form></parley-chat>`
    : attrs.agent
      ? html`<parley-chat protocol="chatwoot" url=${URL_} account-id="1" .token=${'t'} pre-chat-form no-persist></parley-chat>`
      : html`<parley-chat protocol="chatwoot" url=${URL_} inbox-identifier="pre-inbox" pre-chat-form no-persist></parley-chat>`);
  return chat;
}

describe('<parley-chat pre-chat-form>', () => {
  it('a new visitor sees the form, labelled, 16 px and 44 px, and the chat does not connect', async () => {
    const chat = await visitor();
    await until(() => !!formOf(chat)?.shadowRoot?.querySelector('form'), 5000, 'the form');
    expect(chat.connectionStatus).to.equal('idle');
    expect(chat.shadowRoot!.querySelector('parley-composer') === null, 'no thread before the details').to.equal(true);
    for (const name of ['name', 'email', 'message']) {
      const field = input(chat, name);
      expect(field.closest('label'), `${name} labelled`).to.exist;
      expect(getComputedStyle(field).fontSize).to.equal('16px');
      expect(field.getBoundingClientRect().height).to.be.at.least(44);
    }
    expect(root(chat).querySelector('[part="pre-chat-submit"]')!.getBoundingClientRect().height).to.be.at.least(44);
    await expect(chat).to.be.accessible();
  });

  it('empty or wrong fields: errors tied to them (aria-invalid, aria-describedby), the first takes the focus; nothing is submitted', async () => {
    const chat = await visitor();
    await until(() => !!formOf(chat)?.shadowRoot?.querySelector('form'), 5000, 'the form');
    let submitted = 0;
    chat.addEventListener('parley-pre-chat-submit', () => { submitted++; });
    submit(chat);
    await formOf(chat)!.updateComplete;
    for (const [name, text] of [['name', 'Enter your name.'], ['email', 'Enter your email address.']]) {
      const field = input(chat, name!);
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const error = root(chat).getElementById(field.getAttribute('aria-describedby')!)!;
      expect(error.textContent).to.equal(text);
    }
    expect(root(chat).activeElement).to.equal(input(chat, 'name'));
    await expect(chat).to.be.accessible();

    input(chat, 'name').value = 'Grace';
    input(chat, 'email').value = 'grace at example';
    submit(chat);
    await formOf(chat)!.updateComplete;
    expect(input(chat, 'name').getAttribute('aria-invalid')).to.equal('false');
    expect(input(chat, 'name').hasAttribute('aria-describedby')).to.equal(false);
    expect(input(chat, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(root(chat).getElementById('email-error')!.textContent).to.equal('Enter an email address like name@example.com.');
    expect(root(chat).activeElement).to.equal(input(chat, 'email'));
    expect(submitted).to.equal(0);
    expect(chat.connectionStatus).to.equal('idle');
  });

  it('the email check is Chatwoot\'s: something, @, something, no spaces', () => {
    expect(preChatProblems('A', 'a@b')).to.deep.equal({});
    expect(preChatProblems('A', 'a@b.example')).to.deep.equal({});
    expect(preChatProblems(' ', 'a b@c').name).to.equal('chat.preChat.nameMissing');
    expect(preChatProblems('A', 'a b@c').email).to.equal('chat.preChat.emailInvalid');
    expect(preChatProblems('A', '@c').email).to.exist;
    expect(preChatProblems('A', 'a@').email).to.exist;
  });

  it('valid details: a cancelable event with them; cancelled, the form stays; not cancelled, the chat connects', async () => {
    const chat = await visitor();
    await until(() => !!formOf(chat)?.shadowRoot?.querySelector('form'), 5000, 'the form');
    input(chat, 'name').value = '  Grace Hopper ';
    input(chat, 'email').value = 'grace@example.com';
    input(chat, 'message').value = 'Hello!';
    const stop = (e: Event) => e.preventDefault();
    chat.addEventListener('parley-pre-chat-submit', stop);
    const first = oneEvent(chat, 'parley-pre-chat-submit');
    submit(chat);
    const event = (await first) as unknown as ParleyPreChatSubmitEvent;
    expect(event.details).to.deep.equal({ name: 'Grace Hopper', email: 'grace@example.com', message: 'Hello!' });
    expect(event.cancelable && event.composed).to.equal(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(formOf(chat), 'cancelled: still asking').to.exist;
    expect(chat.connectionStatus).to.equal('idle');

    chat.removeEventListener('parley-pre-chat-submit', stop);
    submit(chat);
    await until(() => !formOf(chat), 5000, 'the form gone');
    await until(() => chat.connectionStatus !== 'idle', 5000, 'connecting');
    expect(chat.shadowRoot!.querySelector('parley-composer')).to.exist;
  });

  it('turned on after the chat connected, it keeps the connection and asks nothing', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${URL_} inbox-identifier="pre-inbox" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus !== 'idle', 5000, 'connecting');
    const client = chat.session.client;
    chat.preChatForm = true;
    await chat.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(chat.session.client === client && client !== undefined, 'the same client').to.equal(true);
    expect(formOf(chat) === null, 'no form').to.equal(true);
  });

  it('a launcher opened on the form puts the focus in its first field', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${URL_} inbox-identifier="pre-inbox" mode="launcher" pre-chat-form no-persist></parley-chat>`);
    await until(() => chat.shadowRoot!.querySelector('[part="launcher"]') !== null, 5000, 'the launcher');
    await new Promise((r) => setTimeout(r, 50)); // the check of the kept contact
    chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!.click();
    await until(() => !!formOf(chat)?.shadowRoot?.querySelector('form'), 5000, 'the form');
    await until(() => root(chat).activeElement === input(chat, 'name'), 5000, 'the name field focused');
    await expect(chat).to.be.accessible();
  });

  it('an agent, and a visitor whose contact this device keeps, never see it', async () => {
    const agent = await visitor({ agent: true });
    await until(() => agent.connectionStatus !== 'idle', 5000, 'the agent connects');
    expect(formOf(agent) === null, 'no form for an agent').to.equal(true);

    const key = `chatwoot:${URL_}:pre-inbox:contact`;
    await set(key, { sourceId: 's', pubsubToken: 'p', contactId: '9' }, parleyStore());
    try {
      const known = await visitor({ persist: true });
      await until(() => known.connectionStatus !== 'idle', 5000, 'a known visitor connects');
      expect(formOf(known) === null, 'no form for a known visitor').to.equal(true);
    } finally {
      await del(key, parleyStore());
    }
  });
});
