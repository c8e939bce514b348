/**
 * Issue #10 item 3 against the IMKIT emulation (demo/server/imkit): "New conversation" creates a
 * room on the server (POST /rooms/createAndJoin, me in it), the list shows it, it opens with the
 * composer focused, and a message sent in it lands there.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { until } from '../helpers/fake-protocol.js';
import { control, mount, ROOM, serverMessages, type } from '../imkit/widget-helpers.js';

interface State { rooms: { id: string; name: string; members: string[] }[] }

describe('IMKIT: New conversation, against the demo server', function () {
  this.timeout(45000);
  before(async () => { await control('reset'); });

  it('creates a room I am in; listed, open, composer focused; a message lands in it', async () => {
    const chat = await mount({ base64: false });
    chat.style.width = '700px';
    await until(() => chat.connectionStatus === 'open' && chat.session.store.getState().activeConversation === ROOM, 10000, 'open');
    await chat.updateComplete;
    const button = chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-conversation-button"]');
    expect(button, 'offered: a client may create a room').to.exist;
    button!.click();
    await until(() => (chat.session.store.getState().activeConversation ?? ROOM) !== ROOM, 10000, 'another conversation open');
    const created = chat.session.store.getState().activeConversation!;

    const room = (await control<State>('state')).rooms.find((r) => r.id === created);
    expect(room, 'on the server').to.exist;
    expect(room!.members).to.deep.equal(['demo-user']);
    expect(room!.name).to.equal('New conversation');
    await until(() => !!chat.shadowRoot!.querySelector('parley-conversation-list')?.shadowRoot
      ?.querySelector(`[part~="conversation"][data-conversation-id="${created}"]`), 10000, 'listed');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => composer.matches(':focus-within'), 5000, 'the composer focused');

    await type(chat, 'first words here');
    for (let i = 0; i < 100 && !(await serverMessages(created)).some((m) => m.message === 'first words here'); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await serverMessages(created)).filter((m) => m.message === 'first words here')).to.have.length(1);
  });
});
