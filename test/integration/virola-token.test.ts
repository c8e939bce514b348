/**
 * Virola's Web API token against the faithful emulation. Virola documents the token for REST calls
 * only (`Authorization: Bearer`, doc/token-authentication.md) and the session cookie alone for the
 * events socket (doc/events.md, doc/login.md); a browser WebSocket cannot send a header, and a
 * token in the URL is not documented, so the emulation refuses both on the socket. A widget given a
 * token therefore still needs the page's session: without one it stops at once with a clear
 * `auth` error that says what to use instead, and never tries the socket (no retry loop).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ParleyError } from '../../src/core/errors.js';
import type { ParleyErrorEvent } from '../../src/lit/events.js';
import { TOKEN_NO_SESSION } from '../../src/core/protocols/virola/identity.js';
import { until } from '../helpers/fake-protocol.js';
import { SAM_TOKEN, counters, crossSiteUrl, reset, signIn, signOut, virolaUrl, webApi } from '../virola/widget.js';

/** Whether a WebSocket to `url` opens (true) or fails before opening (false). */
function opens(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.onopen = () => { ws.close(); resolve(true); };
    ws.onclose = () => resolve(false);
  });
}

const eventsUrl = (base: string) => `${base.replace(/^http/, 'ws')}/api/v1/events`;

describe('Virola with a Web API token', function () {
  this.timeout(30000);
  let rooms: Record<string, string>;
  beforeEach(async () => { rooms = await reset(); await signOut(); });
  afterEach(async () => { await signOut(); });

  for (const [where, url] of [['another site', crossSiteUrl], ['the page\'s site, signed out', virolaUrl]] as const) {
    it(`a token and no session (${where}): one clear auth error naming POST /api/v1/login, closed, no socket tried, no retry`, async () => {
      const errors: ParleyError[] = [];
      const statuses: string[] = [];
      const chat = await fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${url} .token=${SAM_TOKEN}
        .conversation=${rooms.Vera} no-persist @parley-error=${(e: ParleyErrorEvent) => errors.push(e.error)}></parley-chat>`);
      chat.addEventListener('parley-connection-change', (e) => statuses.push(e.status));
      await until(() => chat.connectionStatus === 'closed', 10000, 'closed');
      expect(chat.session.store.getState().statusReason).to.equal('auth-failed');
      expect(errors.map((e) => [e.code, e.protocol])).to.deep.equal([['auth', 'virola']]);
      expect(errors[0]!.message.startsWith(TOKEN_NO_SESSION)).to.equal(true);
      expect(errors[0]!.message).not.to.contain(SAM_TOKEN);
      // Several backoff steps long (the first is 500 ms): a retry loop would show here.
      await new Promise((r) => setTimeout(r, 3000));
      expect(await counters(), 'connection attempts on the demo').to.deep.include({ upgrades: 0, statusChecks: 1, statusRefused: 1 });
      expect(errors.length).to.equal(1);
      expect(statuses.filter((s) => s === 'reconnecting' || s === 'connecting')).to.deep.equal([]);
      expect(chat.connectionStatus).to.equal('closed');
    });
  }

  it('the emulation takes on the socket only what Virola documents: the session cookie, never ?token=', async () => {
    expect(await opens(`${eventsUrl(crossSiteUrl)}?token=${SAM_TOKEN}`), '?token= without a session').to.equal(false);
    expect(await opens(eventsUrl(virolaUrl)), 'no session').to.equal(false);
    await signIn();
    expect(await opens(eventsUrl(virolaUrl)), 'the session cookie').to.equal(true);
    expect(await counters()).to.deep.include({ upgrades: 3, unauthorized: 2 });
  });

  it('REST takes the token (Bearer), except the session check, which takes only the cookie', async () => {
    const bearer = { headers: { Authorization: `Bearer ${SAM_TOKEN}` } };
    expect((await fetch(`${crossSiteUrl}/api/v1/rooms`, bearer)).status).to.equal(200);
    const status = await fetch(`${crossSiteUrl}/api/v1/status`, bearer);
    expect([status.status, (await status.json() as { errorText: string }).errorText]).to.deep.equal([401, 'Wrong Bearer, please renew Web API Access Token']);
    await signIn();
    const wrong = await fetch(`${virolaUrl}/api/v1/rooms`, { credentials: 'include', headers: { Authorization: 'Bearer not-the-token' } });
    expect(wrong.status, 'a wrong token beside a good cookie').to.equal(401);
    expect((await fetch(`${virolaUrl}/api/v1/status`, { credentials: 'include' })).status).to.equal(200);
    expect((await webApi('/api/v1/logout')).status).to.equal(200);
    expect((await fetch(`${virolaUrl}/api/v1/status`, { credentials: 'include' })).status, 'signed out').to.equal(401);
  });

  it('a token on a signed-in page: REST calls carry the token, the socket rides on the session, and it chats', async () => {
    await signIn();
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaUrl} .token=${SAM_TOKEN}
      .conversation=${rooms.Vera} no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    expect(chat.session.store.getState().selfId).to.equal('1');
    expect(await counters()).to.deep.include({ upgrades: 1, unauthorized: 0 });
  });
});
