/**
 * `parley/testing` with the element: `<parley-chat>` given a fake transport connects a protocol
 * with no server at all, renders what the test pushes, and sends through it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { fakeTransport } from '../../src/core/testing.js';
import { ROOM, backend } from '../helpers/acme-protocol.js';
import { until } from '../helpers/fake-protocol.js';

function rows(chat: ParleyChat): string[] {
  const thread = chat.shadowRoot!.querySelector('parley-thread');
  return [...(thread?.shadowRoot?.querySelectorAll('[part~="message"]') ?? [])].map((el) => el.textContent ?? '');
}

describe('<parley-chat> over the fake transport of parley/testing', () => {
  it('connects, renders pushed frames and sends through the fake, and is accessible', async () => {
    const fake = fakeTransport();
    const server = backend();
    server.add('welcome');
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="acme" url="http://acme.test" no-persist
      .token=${'secret-token'} .transport=${fake.factory}></parley-chat>`);
    const c = await fake.nextOpen();
    server.serve(c);
    c.accept();
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    await until(() => rows(chat).some((t) => t.includes('welcome')), 5000, 'the synced message');
    c.push(server.add('pushed by the test'), 'message');
    await until(() => rows(chat).some((t) => t.includes('pushed by the test')), 5000, 'the pushed frame');
    chat.session.send('from the widget', { conversationId: ROOM });
    await until(() => c.sent.some((s) => s.event === 'send'), 5000, 'the send');
    expect(c.sent.find((s) => s.event === 'send')?.args[0]).to.include({ room: ROOM, text: 'from the widget' });
    await expect(chat).to.be.accessible();
  });
});
