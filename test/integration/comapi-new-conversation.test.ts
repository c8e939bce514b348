/**
 * Issue #10 item 3 against the Comapi emulation (demo/server/comapi): "New conversation" creates
 * one on the server (POST conversations, the profile its owner), the list shows it, it opens with
 * the composer focused, and a message sent in it lands there.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { mintDemoJwt } from '../../demo/backends/comapi.js';
import { until } from '../helpers/fake-protocol.js';
import { activeConversation, control, eventually, serverMessages, type, widget } from '../comapi/demo-server.js';

interface State { conversations: { id: string; name: string; deleted: boolean; participants: string[] }[] }

describe('Comapi: New conversation, against the demo server', function () {
  this.timeout(40000);
  before(async () => { await control('reset', {}); });

  it('creates a conversation the profile owns; listed, open, composer focused; a message lands in it', async () => {
    const profileId = `it-new-${Date.now().toString(36)}`;
    const chat = await widget({ apiSpaceId: 'demo-space', authChallenge: (nonce: string) => mintDemoJwt(nonce, profileId, 'Visitor New') });
    chat.style.width = '700px';
    const first = activeConversation(chat);
    await chat.updateComplete;
    const button = chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-conversation-button"]');
    expect(button, 'offered: any profile may create a conversation').to.exist;
    button!.click();
    await until(() => chat.session.store.getState().activeConversation !== first, 10000, 'another conversation open');
    const created = activeConversation(chat);

    const state = await control<State>('state');
    const onServer = state.conversations.find((c) => c.id === created);
    expect(onServer, 'on the server').to.exist;
    expect(onServer!.participants).to.deep.equal([profileId]);
    expect(onServer!.name).to.equal('New conversation');
    await until(() => !!chat.shadowRoot!.querySelector('parley-conversation-list')?.shadowRoot
      ?.querySelector(`[part~="conversation"][data-conversation-id="${created}"]`), 10000, 'listed');
    const composer = chat.shadowRoot!.querySelector('parley-composer')!;
    await until(() => composer.matches(':focus-within'), 5000, 'the composer focused');

    await type(chat, 'first words here');
    await eventually(async () => (await serverMessages(created)).some((m) => m.text === 'first words here'), 10000, 'the message on the server');
    expect(chat.session.store.getState().conversations.size).to.equal(2);
  });
});
