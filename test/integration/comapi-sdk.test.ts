/**
 * A page that already runs the REAL Comapi SDK (@comapi/sdk-js-foundation 1.3.0) hands it to the
 * widget, against the Comapi demo server: the widget works in the SDK's one session (no session
 * of its own), hears live events through the SDK's socket (which it enables when the page did
 * not), catches up after the SDK's own reconnect (its `WebsocketOpened`), and sends through the
 * SDK's REST services. The SDK's challenge callback `(options, answer)` also signs the widget in
 * as it is, without an SDK.
 */
import { expect, fixture, html } from '@open-wc/testing';
import comapi from '@comapi/sdk-js-foundation';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { mintDemoJwt } from '../../demo/backends/comapi.js';
import { until } from '../helpers/fake-protocol.js';
import {
  comapiUrl, control, eventually, rendered, serverMessages, sessionsOf, socketsOf, thread, type, typingText,
  activeConversation, widget,
} from '../comapi/demo-server.js';

type Foundation = Awaited<ReturnType<typeof comapi.Foundation.initialise>>;

let counter = 0;

/** A fresh profile and the SDK's challenge callback for it, in the SDK's own `(options, answer)` form. */
/** The SDK's `IAuthChallenge`: its answer callback is typed `Function` there. */
type SdkChallenge = (options: { nonce: string }, answer: Function) => void; // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- the SDK's own type

function visitor(label: string): { profileId: string; challenge: SdkChallenge; calls: string[] } {
  const profileId = `sdk-${label}-${Date.now().toString(36)}-${++counter}`;
  const calls: string[] = [];
  const challenge: SdkChallenge = (options, answer) => {
    calls.push(options.nonce);
    void mintDemoJwt(options.nonce, profileId, `SDK ${label}`).then((jwt) => answer(jwt));
  };
  return { profileId, challenge, calls };
}

/** The page's own SDK, configured as the vendor documents it (a storage prefix per test: no cached session). */
async function pageSdk(challenge: ReturnType<typeof visitor>['challenge'], withSocket: boolean): Promise<Foundation> {
  const config = new comapi.ComapiConfig()
    .withApiSpace('demo-space')
    .withUrlBase(comapiUrl)
    .withWebSocketBase(comapiUrl.replace(/^http/, 'ws'))
    .withLocalStoragePrefix(`parley-test-${Date.now().toString(36)}-${++counter}.`)
    .withAuthChallenge(challenge);
  if (withSocket) config.withEnabledNonChatSocket(true);
  return comapi.Foundation.initialise(config);
}

/** Every `parley-connection-change` status the widget announces. */
function watchStatus(chat: ParleyChat): string[] {
  const seen: string[] = [];
  chat.addEventListener('parley-connection-change', (e) => seen.push(e.status));
  return seen;
}

describe('Comapi with the real SDK handed in', function () {
  this.timeout(60000);
  before(async () => { await control('reset', {}); });
  afterEach(async () => { await control('agent', { enabled: true }); });

  it('one session, the SDK\'s socket enabled and heard live, REST through the SDK, a catch-up after the SDK\'s own reconnect', async () => {
    await control('agent', { enabled: false });
    const me = visitor('live');
    const sdk = await pageSdk(me.challenge, false);
    expect(await socketsOf(me.profileId), 'the SDK opens no socket by itself with this config').to.equal(0);
    let sdkOpened = 0;
    sdk.on('WebsocketOpened', () => { sdkOpened++; });
    const chat = await widget({ apiSpaceId: 'demo-space', sdk });
    const statuses = watchStatus(chat);
    expect(me.calls.length, 'the SDK\'s own challenge, once').to.equal(1);
    expect(sdk.session?.profileId).to.equal(me.profileId);
    expect(await sessionsOf(me.profileId), 'exactly one session on the server').to.equal(1);
    await eventually(async () => (await socketsOf(me.profileId)) === 1, 10000, 'the SDK\'s socket, enabled by the widget');
    const cid = activeConversation(chat);

    // Live through the SDK's socket: typing, then a message.
    await control('typing', { conversationId: cid, on: true });
    await until(() => ['Cleo is typing…', 'Someone is typing…'].includes(typingText(chat)), 10000, 'typing');
    await control('say', { conversationId: cid, text: 'live via the SDK' });
    await until(() => rendered(chat).some((m) => m.text === 'live via the SDK'), 10000, 'the live message');

    // I answer: through the SDK's REST services, pending then confirmed with the server's id.
    await type(chat, 'answer through the SDK');
    expect(thread(chat).find((m) => m.text === 'answer through the SDK')!.status).to.equal('pending');
    await until(() => rendered(chat).some((m) => m.text === 'answer through the SDK' && m.status === 'sent' && !m.id.startsWith('local:')), 10000, 'confirmed');
    const mine = (await serverMessages(cid)).find((m) => m.text === 'answer through the SDK')!;
    expect(rendered(chat).filter((m) => m.text === 'answer through the SDK').map((m) => m.id)).to.deep.equal([mine.id]);
    await eventually(async () => (await serverMessages(cid)).find((m) => m.text === 'live via the SDK')?.statusUpdates[me.profileId]?.status === 'read', 10000, 'my read mark, sent through the SDK');

    // The SDK's socket is cut and refused a while: the widget waits for the SDK's own reconnect.
    await control('refuse', { ms: 2500 });
    await control('drop', {});
    await until(() => chat.connectionStatus === 'reconnecting', 10000, 'reconnecting');
    const openedBefore = sdkOpened;
    await control('say', { conversationId: cid, text: 'missed one' });
    await control('say', { conversationId: cid, text: 'missed two' });
    await until(() => chat.connectionStatus === 'open', 40000, 'open again, after the SDK reopened its socket');
    expect(sdkOpened, 'the SDK reopened its own socket').to.be.greaterThan(openedBefore);
    await until(() => rendered(chat).some((m) => m.text === 'missed two'), 10000, 'the catch-up');
    await control('say', { conversationId: cid, text: 'after the cut' });
    await until(() => rendered(chat).some((m) => m.text === 'after the cut'), 10000, 'live again through the SDK');

    const server = await serverMessages(cid);
    const expected = ['live via the SDK', 'answer through the SDK', 'missed one', 'missed two', 'after the cut'];
    expect(thread(chat).map((m) => m.text).filter((t) => expected.includes(t))).to.deep.equal(expected);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => m.id));
    expect(statuses).to.include('reconnecting');
    expect(await sessionsOf(me.profileId), 'still exactly one session').to.equal(1);
    expect(await socketsOf(me.profileId), 'one socket: the SDK\'s').to.equal(1);
    expect(me.calls.length, 'no second challenge').to.equal(1);
    chat.remove();
    // The page's SDK, its session and its socket stay the page's.
    await new Promise((r) => setTimeout(r, 300));
    expect(await socketsOf(me.profileId), 'the SDK socket outlives the widget').to.equal(1);
    expect(await sessionsOf(me.profileId)).to.equal(1);
  });

  it('a page that enabled the SDK\'s socket itself: the widget takes that socket and that session', async () => {
    await control('agent', { enabled: false });
    const me = visitor('enabled');
    const sdk = await pageSdk(me.challenge, true);
    await eventually(async () => (await socketsOf(me.profileId)) === 1, 10000, 'the page\'s SDK socket');
    const chat = await widget({ apiSpaceId: 'demo-space', sdk });
    const cid = activeConversation(chat);
    await control('say', { conversationId: cid, text: 'hello, enabled socket' });
    await until(() => rendered(chat).some((m) => m.text === 'hello, enabled socket'), 10000, 'the live message');
    expect(await sessionsOf(me.profileId)).to.equal(1);
    expect(await socketsOf(me.profileId)).to.equal(1);
    expect(me.calls.length).to.equal(1);
    chat.remove();
  });

  it('without an SDK, the SDK\'s challenge callback signs the widget in as it is', async () => {
    const me = visitor('callback');
    const chat = await widget({ apiSpaceId: 'demo-space', authChallenge: me.challenge });
    expect(me.calls.length).to.equal(1);
    expect(await sessionsOf(me.profileId)).to.equal(1);
    await until(() => rendered(chat).some((m) => m.text === "Hi! I'm Cleo. How can I help?"), 15000, 'the greeting');
    await type(chat, 'signed in with the SDK callback');
    await until(() => rendered(chat).some((m) => m.text === 'You said: “signed in with the SDK callback”'), 15000, 'the reply');
    chat.remove();
  });
});
