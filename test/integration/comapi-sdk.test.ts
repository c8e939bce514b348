/**
 * A page that already runs the Comapi SDK hands its SDK object to the widget: the widget listens
 * to the SDK's events (a fake SDK object here, driven by the test, with the seed's on / off) and
 * opens no socket of its own; outbound still goes through the demo server's REST API.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { FakeSdk } from '../comapi/fakes.js';
import { comapiUrl, control, eventually, rendered, serverMessages, socketProfiles, thread, type, typingText } from '../comapi/demo-server.js';

describe('Comapi with a page-supplied SDK object', function () {
  this.timeout(40000);
  before(async () => { await control('reset', {}); });
  afterEach(async () => { await control('agent', { enabled: true }); });

  it('hears the SDK\'s events, sends over REST, shows read marks and deletion; no socket of its own', async () => {
    await control('agent', { enabled: false });
    const profileId = `sdk-${Date.now().toString(36)}`;
    const session = await control<{ token: string; conversationId: string }>('session', { profileId, name: 'SDK page' });
    const cid = session.conversationId;
    const sdk = new FakeSdk();
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="comapi" url=${comapiUrl} .token=${session.token} user-id=${profileId}
      .options=${{ apiSpaceId: 'demo-space', sdk }} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 15000, 'open');
    expect(sdk.listeners).to.equal(9);
    expect((await socketProfiles()).includes(profileId)).to.equal(false);
    expect(chat.outerHTML).not.to.contain(session.token);

    // Cleo writes: the page's SDK publishes it, the widget shows it.
    const said = await control<{ id: string; eventId: number }>('say', { conversationId: cid, text: 'via the SDK' });
    sdk.emit('participantTyping', { conversationId: cid, createdBy: 'cleo', profileId: 'cleo', timestamp: new Date().toISOString() });
    await until(() => typingText(chat) === 'Someone is typing…' || typingText(chat) === 'Cleo is typing…', 10000, 'typing');
    sdk.emit('conversationMessageEvent', {
      eventId: 'sdk-e1', name: 'conversationMessage.sent', conversationId: cid, conversationEventId: said.eventId,
      payload: {
        messageId: said.id, metadata: {}, alert: { text: 'New Message', platforms: {} },
        parts: [{ name: 'body', type: 'text/plain', data: 'via the SDK', size: 11 }],
        context: { from: { id: 'cleo', name: 'Cleo' }, conversationId: cid, sentBy: 'cleo', sentOn: new Date().toISOString() },
      },
    });
    await until(() => rendered(chat).some((m) => m.id === said.id && m.text === 'via the SDK'), 10000, 'the SDK message');
    await until(() => typingText(chat) === '', 10000, 'typing ends with the message');

    // I answer: REST, pending then confirmed with the server's id.
    await type(chat, 'answer over REST');
    expect(thread(chat).find((m) => m.text === 'answer over REST')!.status).to.equal('pending');
    await until(() => rendered(chat).some((m) => m.text === 'answer over REST' && m.status === 'sent' && !m.id.startsWith('local:')), 10000, 'confirmed');
    const mine = (await serverMessages(cid)).find((m) => m.text === 'answer over REST')!;
    expect(rendered(chat).filter((m) => m.text === 'answer over REST').map((m) => m.id)).to.deep.equal([mine.id]);

    // Cleo reads it: the SDK says so.
    sdk.emit('conversationMessageEvent', {
      eventId: 'sdk-e2', name: 'conversationMessage.read', conversationId: cid, conversationEventId: mine.sentEventId + 1,
      payload: { messageId: mine.id, conversationId: cid, profileId: 'cleo', timestamp: new Date().toISOString() },
    });
    await until(() => rendered(chat).some((m) => m.id === mine.id && m.status === 'read'), 10000, 'the read mark');

    // The widget marked Cleo's message read on the server (REST).
    await eventually(async () => (await serverMessages(cid)).find((m) => m.id === said.id)?.statusUpdates[profileId]?.status === 'read', 10000, 'my read mark');

    // The conversation is deleted: the SDK says so, and it is gone.
    sdk.emit('conversationDeleted', { conversationId: cid, createdBy: 'cleo', timestamp: new Date().toISOString() });
    await until(() => !chat.session.store.getState().conversations.has(cid), 10000, 'deleted');
    await until(() => rendered(chat).length === 0, 10000, 'the thread emptied');
    expect(chat.session.store.getState().messages.has(cid)).to.equal(false);

    chat.remove();
    expect(sdk.listeners).to.equal(0);
  });
});
