/**
 * The session-cookie path, the way Virola documents it: the page signs in (`POST /api/v1/login`),
 * and the widget, given no token, rides on that cookie for its REST calls and its event socket.
 *
 * The emulation is reached as `localhost` here, the test page's own host: a cookie is shared across
 * the ports of one site, so the `SameSite=Strict` session cookie goes along.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { NO_SESSION } from '../../src/core/protocols/virola/identity.js';
import type { ParleyError } from '../../src/core/errors.js';
import type { ParleyErrorEvent } from '../../src/lit/events.js';
import { counters, rendered, reset, serverMessages, signOut, thread, type, virolaUrl } from '../virola/widget.js';

const sameSite = virolaUrl;

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${sameSite}${path}`, {
    method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
}

describe('Virola with the page\'s session cookie', function () {
  this.timeout(30000);
  let rooms: Record<string, string>;
  beforeEach(async () => { rooms = await reset(); });
  afterEach(async () => { await post('/api/v1/logout', {}); });

  it('a signed-in page: the widget needs no token, reads, sends and hears live events', async () => {
    expect(location.hostname).to.equal('localhost');
    const login = await post('/api/v1/login', { userName: 'sam', password: 'sam-demo' });
    expect(login.status).to.equal(200);
    const room = rooms.Vera!;
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${sameSite} .conversation=${room} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    expect(chat.session.store.getState().selfId).to.equal('1');
    await until(() => rendered(chat).some((m) => m.text.startsWith('Hi Sam!')), 10000, 'the greeting');
    await type(chat, 'through the cookie');
    await until(() => rendered(chat).some((m) => m.text === 'You said: “through the cookie”'), 10000, 'the live answer');
    const server = await serverMessages(room);
    expect(thread(chat).map((m) => m.id)).to.deep.equal(server.map((m) => String(m.messageId)));
    expect(server.find((m) => m.text === 'through the cookie')?.userId).to.equal(1);
  });

  it('no session: the widget stops with auth-failed, says where to sign in, and never tries the socket', async () => {
    await signOut();
    const errors: ParleyError[] = [];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${sameSite} no-persist
      @parley-error=${(e: ParleyErrorEvent) => errors.push(e.error)}></parley-chat>`);
    await until(() => chat.connectionStatus === 'closed', 10000, 'closed');
    expect(chat.session.store.getState().statusReason).to.equal('auth-failed');
    const banner = chat.shadowRoot!.querySelector<HTMLElement>('[part~="connection-banner"]')!;
    expect(banner.dataset.state).to.equal('auth-failed');
    expect(banner.querySelector('.banner-text')?.textContent).to.equal('The chat server did not accept the sign-in, so the chat is disconnected.');
    expect(errors.map((e) => [e.code, e.message.startsWith(NO_SESSION)])).to.deep.equal([['auth', true]]);
    await new Promise((r) => setTimeout(r, 2500)); // several backoff steps (500 ms first): nothing more happens
    expect(await counters()).to.deep.include({ upgrades: 0, statusChecks: 1, statusRefused: 1 });
    expect(chat.connectionStatus).to.equal('closed');
  });
});
