/**
 * The header's presence against the Chatwoot emulation: RoomChannel answers a subscription with a
 * `presence.update` naming the online agents, so a visitor sees "Online" while the scripted agent
 * is on, and "Away" (with the page's reply time) when no agent is.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { control, servers } from '../helpers/servers.js';

const availability = (chat: ParleyChat) => chat.shadowRoot!.querySelector<HTMLElement>('[part="availability"]');

describe('Chatwoot: the other side\'s presence in the header', function () {
  this.timeout(30000);
  afterEach(async () => { await control('agent', { enabled: true }); });

  it('Online while an agent is, Away (with the reply time) while none is', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" contact-name="Presence Visitor" reply-time="minutes" no-persist></parley-chat>`);
    await until(() => availability(chat)?.dataset.availability === 'online', 10000, 'online');
    expect(availability(chat)!.textContent).to.equal('Online');

    await control('agent', { enabled: false });
    chat.reconnect(); // a new subscription gets a new presence list
    await until(() => availability(chat)?.dataset.availability === 'away', 10000, 'away');
    expect(availability(chat)!.textContent).to.equal('Away · Typically replies in a few minutes');
    await expect(chat).to.be.accessible();
  });
});
