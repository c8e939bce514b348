import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ParleySendEvent } from '../../src/lit/events.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

function parts(chat: ParleyChat, selector: string): Element[] {
  const thread = chat.shadowRoot!.querySelector('parley-thread');
  return [...(thread?.shadowRoot?.querySelectorAll(selector) ?? [])];
}

describe('<parley-chat> with a protocol registered from outside', () => {
  it('connects, renders the thread, and is accessible', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [
      { type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } },
      { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', text: 'Hello there' }) },
      { type: 'message.created', message: msg({ id: '2', conversationId: 'c1', text: 'Hi!', self: true, at: 1_700_000_060_000 }) },
    ];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    await until(() => parts(chat, '[part~="message"]').length === 2, 5000, 'two messages');
    const [first, second] = parts(chat, '[part~="message"]');
    expect(first!.getAttribute('data-message-id')).to.equal('1');
    expect(first!.getAttribute('data-sender-id')).to.equal('ada');
    expect(second!.getAttribute('data-status')).to.equal('sent');
    expect(chat.getAttribute('connection-status')).to.equal('open');
    await expect(chat).to.be.accessible();
  });

  it('sends: pending first, then confirmed; parley-send can cancel', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    backend.onExecute = async (c) => {
      await gate;
      return c.type === 'send' ? [{ type: 'message.created', message: msg({ id: 'srv1', conversationId: 'c1', text: c.text, clientRef: c.clientRef, self: true }) }] : [];
    };
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await composer.updateComplete;
    const textarea = composer.shadowRoot!.querySelector('textarea')!;
    textarea.value = 'first';
    textarea.dispatchEvent(new Event('input'));
    const sendEvent = oneEvent(chat, 'parley-send') as unknown as Promise<ParleySendEvent>;
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect((await sendEvent).text).to.equal('first');
    await until(() => parts(chat, '[data-status="pending"]').length === 1, 5000, 'pending');
    release();
    await until(() => parts(chat, '[data-message-id="srv1"][data-status="sent"]').length === 1, 5000, 'confirmed');
    expect(parts(chat, '[part~="message"]')).to.have.length(1);

    chat.addEventListener('parley-send', (e) => e.preventDefault(), { once: true });
    textarea.value = 'cancelled';
    textarea.dispatchEvent(new Event('input'));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.commands.filter((c) => c.type === 'send')).to.have.length(1);
  });
});

describe('<parley-chat> header with a hostile conversation title', () => {
  for (const mode of ['inline', 'launcher'] as const) {
    it(`${mode}: a 5,000-character unbroken title with a bidi override stays inside the header, cut, isolated and readable in full`, async () => {
      const { name, backend } = registerFake();
      const title = `\u202e${'W'.repeat(5000)}`;
      // An agent online: the header has a status ("Online") beside the title.
      backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1', title } },
        { type: 'presence.changed', scope: 'agents', statuses: { 7: 'online' }, complete: true }];
      const chat = await fixture<ParleyChat>(html`<div style="width: 360px"><parley-chat protocol=${name} url="http://127.0.0.1:1"
        mode=${mode} ?open=${mode === 'launcher'} no-persist></parley-chat></div>`).then((d) => d.querySelector('parley-chat')!);
      await until(() => chat.connectionStatus === 'open', 5000, 'open');
      await chat.updateComplete;
      const header = chat.shadowRoot!.querySelector('[part="header"]')!;
      const h2 = header.querySelector('h2')!;
      await until(() => !!h2.querySelector('bdi') && header.querySelector('.status')!.textContent === 'Online', 5000, 'the title and status shown');
      const shown = h2.querySelector('bdi')!.textContent!;
      expect(shown.includes('\u202e'), 'no bidi override').to.equal(false);
      expect([...shown].length).to.equal(80);
      expect(h2.getAttribute('title')).to.contain(shown);
      const panel = chat.shadowRoot!.querySelector('[part="panel"]')!.getBoundingClientRect();
      expect(header.scrollWidth, 'the header does not overflow').to.be.at.most(header.clientWidth);
      const status = header.querySelector('.status')!.getBoundingClientRect();
      expect(status.right, 'the status stays in view').to.be.at.most(panel.right + 0.5);
      expect(status.width).to.be.greaterThan(10);
      const close = header.querySelector('.close')?.getBoundingClientRect();
      if (mode === 'launcher') expect(close!.right, 'the close button stays in view').to.be.at.most(panel.right + 0.5);
    });
  }
});
