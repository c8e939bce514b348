/**
 * A send the server throttles (Chatwoot's Rack::Attack `req/ip`: 429 "Retry later", no
 * Retry-After) is not lost and not failed: it waits, pending, and goes out once the throttle
 * lets it, exactly once, with no user action.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ParleyError } from '../../src/core/errors.js';
import { until } from '../helpers/fake-protocol.js';
import { control, serverMessages, servers } from '../helpers/servers.js';
import { type } from '../helpers/composer.js';

describe('Chatwoot: a throttled send waits and goes out once', function () {
  this.timeout(40000);
  before(async () => { await control('reset', {}); await control('agent', { enabled: false }); });
  after(async () => { await control('throttle', {}); await control('agent', { enabled: true }); });

  it('429 while sending: pending with no error shown, then sent once when the window passes', async () => {
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="chatwoot" url=${servers.chatwoot}
      inbox-identifier="demo-inbox" contact-name="Throttled Visitor" no-persist></parley-chat>`);
    const errors: ParleyError[] = [];
    chat.addEventListener('parley-error', (e) => errors.push(e.error));
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    const conversationId = chat.session.store.getState().activeConversation!;

    await control('throttle', { limit: 0, period_ms: 60_000 }); // every request refused for now
    const text = 'sent while throttled';
    await type(chat, text);
    const mine = () => chat.session.store.getState().messages.get(conversationId)?.find((m) => m.text === text);
    await until(() => errors.some((e) => e.message.includes('send deferred: the server answered 429')), 10000, 'the deferral reported');
    expect(mine()?.status, 'waiting, not failed').to.equal('pending');
    expect(chat.connectionStatus).to.equal('open');

    await control('throttle', {}); // the window passes
    await until(() => mine()?.status === 'sent' && !mine()!.id.startsWith('local:'), 20000, 'sent after the throttle');
    const atServer = (await serverMessages(conversationId)).filter((m) => m.content === text);
    expect(atServer, 'at the server once').to.have.length(1);
  });
});
