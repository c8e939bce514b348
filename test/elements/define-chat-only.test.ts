/**
 * `src/elements/chat/define.ts` alone (what `import 'parley-chat/parley-chat'` runs): this file
 * imports no other element module, so every part the chat renders must be registered by it, and
 * the chat must work through them: the thread shows messages and the composer sends.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/chat/define.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { fakeTransport } from '../../src/core/testing.js';
import { ROOM, backend } from '../helpers/acme-protocol.js';
import { until } from '../helpers/fake-protocol.js';

const PARTS = ['parley-conversation-list', 'parley-invitations', 'parley-thread', 'parley-typing-indicator', 'parley-composer'] as const;

describe('import of the chat define module alone', () => {
  it('registers every element the chat renders', () => {
    for (const tag of ['parley-chat', ...PARTS]) expect(customElements.get(tag), tag).to.not.equal(undefined);
  });

  it('renders a working chat: upgraded parts, messages in the thread, a composer that sends', async () => {
    const fake = fakeTransport();
    const server = backend();
    server.add('welcome from the define module test');
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="acme" url="http://acme.test" no-persist
      .token=${'secret-token'} .transport=${fake.factory}></parley-chat>`);
    const c = await fake.nextOpen();
    server.serve(c);
    c.accept();
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    for (const tag of PARTS) {
      const part = chat.shadowRoot!.querySelector(tag);
      if (part) expect(part.shadowRoot, `${tag} upgraded`).to.not.equal(null);
    }
    const thread = chat.shadowRoot!.querySelector('parley-thread')!;
    const texts = () => [...thread.shadowRoot?.querySelectorAll('[part~="message"]') ?? []].map((m) => m.textContent ?? '');
    await until(() => texts().some((t) => t.includes('welcome from the define module test')), 5000, 'the synced message');

    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => !composer.shadowRoot?.querySelector('textarea')?.disabled, 5000, 'an enabled composer');
    const input = composer.shadowRoot!.querySelector('textarea')!;
    input.value = 'typed into the composer';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => c.sent.some((s) => s.event === 'send'), 5000, 'the send');
    expect(c.sent.find((s) => s.event === 'send')?.args[0]).to.include({ room: ROOM, text: 'typed into the composer' });
  });
});
