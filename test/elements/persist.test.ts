/**
 * <parley-chat> with its IndexedDB cache: a reload shows the last conversation before the socket
 * connects; no-persist keeps nothing; the token never reaches the stored data.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';
import { storedText } from '../helpers/idb.js';

const SECRET = 'tok-very-secret-91';
const rendered = (chat: ParleyChat) => [...(chat.shadowRoot!.querySelector('parley-thread')?.shadowRoot?.querySelectorAll('[part~="message"] .text') ?? [])].map((t) => t.textContent);

const stored = storedText;

describe('<parley-chat> offline cache', function () {
  this.timeout(15000);

  it('a reload renders the last conversation from IndexedDB before the socket opens', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [
      { type: 'conversation.created', conversation: { id: 'c1', title: 'Orders' } },
      { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', text: 'your parcel left' }) },
    ];
    const first = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" .token=${SECRET}></parley-chat>`);
    await until(() => rendered(first).includes('your parcel left'), 5000, 'live message');
    for (let i = 0; i < 50 && !(await stored()).includes('your parcel left'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await stored()).to.contain('your parcel left');
    first.remove();

    backend.onConnect = () => new Promise(() => {}); // the socket never opens this time
    const reloaded = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" .token=${SECRET}></parley-chat>`);
    await until(() => rendered(reloaded).includes('your parcel left'), 5000, 'cached message on screen');
    expect(reloaded.connectionStatus).to.equal('connecting');
    expect(await stored()).not.to.contain(SECRET);
  });

  it('no-persist stores nothing', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [
      { type: 'conversation.created', conversation: { id: 'c1' } },
      { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', text: 'ephemeral words' }) },
    ];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => rendered(chat).includes('ephemeral words'), 5000, 'live message');
    chat.remove();
    await new Promise((r) => setTimeout(r, 600));
    expect(await stored()).not.to.contain('ephemeral words');
  });
});
