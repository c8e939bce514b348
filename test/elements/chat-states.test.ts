/**
 * Issue #10, item 4: the chat says honestly what is wrong. Never connected, reconnecting, offline
 * and misconfigured each read differently; the reason is in the widget in plain words and in the
 * console once; a send the server refuses shows the server's reason, inside the panel, with Retry
 * and Discard. Real elements and store over a fake protocol (the mock is below the adapter).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { Command } from '../../src/core/commands.js';
import type { ChatEvent } from '../../src/core/events.js';
import { HttpError } from '../../src/core/http.js';
import { ParleyError } from '../../src/core/errors.js';
import { ConnectError } from '../../src/core/protocol.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

const banner = (chat: ParleyChat) => chat.shadowRoot!.querySelector<HTMLElement>('[part="connection-banner"]');
const bannerText = (chat: ParleyChat) => banner(chat)?.querySelector('.banner-text')?.textContent ?? '';
const reasonText = (chat: ParleyChat) => banner(chat)?.querySelector('[part="connection-reason"]')?.textContent ?? '';
const headerStatus = (chat: ParleyChat) => chat.shadowRoot!.querySelector('[part="header"] .status')!.textContent;
const composerOf = (chat: ParleyChat) => chat.shadowRoot!.querySelector('parley-composer')!;
const offlineNote = (chat: ParleyChat) => composerOf(chat).shadowRoot!.querySelector('[part="offline-note"]')?.textContent ?? null;
const ONE_CONVERSATION: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1', title: 'Support' } }];

/** Every `console.error` line while a test runs (the real console is put back after it). */
let consoleLines: string[] = [];
const originalError = console.error;
beforeEach(() => {
  consoleLines = [];
  console.error = (...args: unknown[]) => { consoleLines.push(args.map(String).join(' ')); };
});
afterEach(() => { console.error = originalError; });
const logged = (needle: string) => consoleLines.filter((l) => l.includes(needle));

describe('<parley-chat> connection states', () => {
  it('never connected: says it cannot reach the server, with the reason, never "Connection lost"; the reason is logged once however often it repeats', async () => {
    const { name, backend } = registerFake();
    backend.failWith = 'network-error';
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => backend.connects >= 3, 10_000, 'three failed connects');
    await chat.updateComplete;
    expect(banner(chat)!.dataset.state).to.equal('never-connected');
    expect(bannerText(chat)).to.equal("Can't reach the chat server. Trying again…");
    expect(reasonText(chat)).to.equal('Reason: refused: network-error');
    expect(headerStatus(chat)).to.equal('Not connected');
    expect(chat.shadowRoot!.textContent).not.to.contain('Connection lost');
    expect(logged('refused: network-error'), 'one console line for three failures').to.have.length(1);
    expect(logged('refused: network-error')[0]).to.match(/^\[parley\] <parley-chat>:/);
    await composerOf(chat).updateComplete;
    expect(composerOf(chat).shadowRoot!.querySelector('textarea')!.disabled, 'nothing to write in').to.equal(true);
    expect(offlineNote(chat), 'no promise to send what cannot be written').to.equal(null);
    await expect(chat).to.be.accessible();

    backend.failWith = undefined;
    chat.reconnect();
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    await chat.updateComplete;
    expect(banner(chat), 'no banner once open').to.equal(null);
    expect(headerStatus(chat), 'connected says nothing; no presence known').to.equal('');
  });

  it('never connected because the server does not answer: says it did not answer in time, not "Connecting…" forever', async () => {
    const { name, backend } = registerFake();
    backend.onConnect = () => new Promise<void>(() => {}); // a socket that never opens
    backend.timeoutHint = 'the socket never opened';
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" connect-timeout="300" no-persist></parley-chat>`);
    await until(() => banner(chat)?.dataset.state === 'never-connected', 5000, 'the banner after the deadline');
    expect(banner(chat)!.dataset.reason).to.equal('timeout');
    expect(bannerText(chat)).to.equal('The chat server did not answer in time. Trying again…');
    expect(reasonText(chat)).to.equal(`Reason: not connected within 300 ms: the socket never opened`);
    expect(headerStatus(chat)).to.equal('Not connected');
  });

  it('reconnecting after it was open: "Connection lost. Reconnecting…", and the composer says what is sent will wait', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = ONE_CONVERSATION;
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    backend.failWith = 'network-error';
    backend.drop('network-error');
    await until(() => banner(chat)?.dataset.state === 'reconnecting', 5000, 'the reconnecting banner');
    expect(bannerText(chat)).to.equal('Connection lost. Reconnecting…');
    expect(headerStatus(chat)).to.equal('Reconnecting…');
    await until(() => reasonText(chat) === 'Reason: refused: network-error', 5000, 'the reason of the failed retry');
    await until(() => offlineNote(chat) !== null, 5000, 'the composer note');
    expect(offlineNote(chat)).to.equal('Not connected. Messages you send now will go out once the chat is connected.');
    expect(composerOf(chat).shadowRoot!.querySelector('textarea')!.disabled).to.equal(false);
    await expect(chat).to.be.accessible();
  });

  it('a drop shows the reason core gave with it, never an older problem reported while the chat was open', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = ONE_CONVERSATION;
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    backend.host!.report(new ParleyError('transport', `${name}: the catch-up of room 7 stopped after 50 pages`));
    await new Promise((r) => setTimeout(r, 0)); // a later task: that report explains no drop
    backend.onConnect = () => new Promise<void>(() => {}); // the retry hangs: the banner stays as the drop left it
    backend.drop('network-error');
    await until(() => banner(chat)?.dataset.state === 'reconnecting', 5000, 'reconnecting');
    expect(reasonText(chat), 'no stale reason').to.equal('');
    expect(logged('the catch-up of room 7 stopped'), 'the problem itself is logged').to.have.length(1);

    backend.onConnect = undefined;
    chat.reconnect();
    await until(() => chat.connectionStatus === 'open', 5000, 'open again');
    backend.onConnect = () => new Promise<void>(() => {}); // the retry hangs: nothing replaces the reason
    backend.host!.closed('stale', 'no ping for 30 s');
    await until(() => reasonText(chat) !== '', 5000, 'the reason');
    expect(reasonText(chat)).to.equal('Reason: connection lost (stale): no ping for 30 s');
  });

  it('offline: one wording before the first connect, another after; the composer says messages wait for the network', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = ONE_CONVERSATION;
    backend.failWith = 'network-error';
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => banner(chat)?.dataset.state === 'never-connected', 5000, 'never connected');
    window.dispatchEvent(new Event('offline'));
    await until(() => banner(chat)?.dataset.state === 'offline', 5000, 'offline');
    expect(bannerText(chat)).to.equal('You are offline. The chat will connect when the network is back.');
    expect(headerStatus(chat)).to.equal('Offline');
    expect(reasonText(chat), 'an old failure is not the reason now').to.equal('');

    backend.failWith = undefined;
    window.dispatchEvent(new Event('online'));
    await until(() => chat.connectionStatus === 'open', 5000, 'open once online');
    window.dispatchEvent(new Event('offline'));
    await until(() => banner(chat)?.dataset.state === 'offline', 5000, 'offline again');
    expect(bannerText(chat)).to.equal('You are offline. The chat will reconnect when the network is back.');
    await until(() => offlineNote(chat) !== null, 5000, 'the composer note');
    expect(offlineNote(chat)).to.equal("You are offline. Messages you send now will go out when you're back online.");
    await expect(chat).to.be.accessible();
    window.dispatchEvent(new Event('online'));
    await until(() => chat.connectionStatus === 'open', 5000, 'open again');
  });

  it('a missing url or protocol: a plain configuration message in the widget and once in the console, not a silent idle widget', async () => {
    const { name } = registerFake();
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} no-persist></parley-chat>`);
    expect(banner(chat)!.dataset.state).to.equal('misconfigured');
    expect(bannerText(chat)).to.equal("This chat is not set up correctly, so it can't connect.");
    expect(reasonText(chat)).to.equal('Reason: the "url" attribute is missing (the address of your chat server)');
    expect(headerStatus(chat)).to.equal('Not set up');
    chat.heading = 'Help'; // renders again: the console still has the one line
    await chat.updateComplete;
    expect(logged('the "url" attribute is missing')).to.have.length(1);
    await expect(chat).to.be.accessible();

    const noProtocol = await fixture<ParleyChat>(html`<parley-chat url="http://127.0.0.1:1" no-persist></parley-chat>`);
    expect(reasonText(noProtocol)).to.equal('Reason: the "protocol" attribute is missing (for example protocol="chatwoot")');
    expect(logged('the "protocol" attribute is missing')).to.have.length(1);

    chat.url = 'http://127.0.0.1:1';
    await until(() => chat.connectionStatus === 'open', 5000, 'open once the url is set');
    await chat.updateComplete;
    expect(banner(chat)).to.equal(null);
  });

  it('a configuration the server refuses: the reason in plain words (not "Disconnected (config-error)."), logged once', async () => {
    const { name, backend } = registerFake();
    backend.onConnect = () => Promise.reject(new ConnectError('config-error', `${name}: inbox "no-such-inbox" not found`));
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'closed', 5000, 'closed');
    await chat.updateComplete;
    expect(banner(chat)!.dataset.state).to.equal('misconfigured');
    expect(banner(chat)!.dataset.reason).to.equal('config-error');
    expect(bannerText(chat)).to.equal("This chat is not set up correctly, so it can't connect.");
    expect(reasonText(chat)).to.equal('Reason: inbox "no-such-inbox" not found');
    expect(chat.shadowRoot!.textContent).not.to.contain('config-error');
    expect(headerStatus(chat)).to.equal('Not set up');
    chat.reconnect();
    await until(() => backend.connects === 2, 5000, 'a second attempt');
    await until(() => chat.connectionStatus === 'closed', 5000, 'closed again');
    expect(logged('inbox "no-such-inbox" not found'), 'once, though it failed twice').to.have.length(1);
    await expect(chat).to.be.accessible();
  });

  it('refused credentials: says the sign-in was not accepted, with the reason', async () => {
    const { name, backend } = registerFake();
    backend.failWith = 'auth-failed';
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'closed', 5000, 'closed');
    await chat.updateComplete;
    expect(banner(chat)!.dataset.state).to.equal('auth-failed');
    expect(banner(chat)!.dataset.reason).to.equal('auth-failed');
    expect(bannerText(chat)).to.equal('The chat server did not accept the sign-in, so the chat is disconnected.');
    expect(reasonText(chat)).to.equal('Reason: refused: auth-failed');
    expect(headerStatus(chat)).to.equal('Disconnected');
    expect(logged('refused: auth-failed')).to.have.length(1);
    await expect(chat).to.be.accessible();
  });
});

describe('<parley-chat> a send the server refuses', () => {
  it('shows the server\'s reason, not the request; fits a 320 px panel even for one long word; Retry sends it, Discard drops it', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = ONE_CONVERSATION;
    let sends = 0;
    backend.onExecute = async (c: Command) => {
      if (c.type !== 'send') return [];
      sends++;
      if (sends === 1) throw new HttpError(422, 'POST http://127.0.0.1:1/api/v1/conversations/c1/messages answered 422', { message: 'Content is too long' });
      if (sends === 2) throw new HttpError(422, 'POST http://127.0.0.1:1/api/v1/conversations/c1/messages answered 422', { error: 'W'.repeat(180) });
      return [{ type: 'message.created', message: msg({ id: `srv-${sends}`, conversationId: c.conversationId, text: c.text, clientRef: c.clientRef, self: true }) }];
    };
    const chat = await fixture<ParleyChat>(html`<div style="width: 320px"><parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat></div>`)
      .then((d) => d.querySelector('parley-chat')!);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    const thread = chat.shadowRoot!.querySelector('parley-thread')!;
    const failed = () => [...thread.shadowRoot!.querySelectorAll<HTMLElement>('[data-status="failed"]')];
    const send = async (text: string) => {
      const composer = composerOf(chat);
      await composer.updateComplete;
      const area = composer.shadowRoot!.querySelector('textarea')!;
      area.value = text;
      area.dispatchEvent(new Event('input'));
      area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    };
    await send('first');
    await until(() => failed().length === 1, 5000, 'the first send failed');
    await send('second');
    await until(() => failed().length === 2, 5000, 'the second send failed');
    await thread.updateComplete;

    const [first, second] = failed();
    const notice = (m: HTMLElement) => m.querySelector<HTMLElement>('[part="failed"]')!;
    expect(notice(first!).querySelector('span')!.textContent).to.equal('Not sent: the server refused it (422): Content is too long');
    expect(notice(second!).textContent).not.to.match(/POST|http/);
    const panel = chat.shadowRoot!.querySelector('[part="panel"]')!.getBoundingClientRect();
    for (const m of [first!, second!]) {
      const box = notice(m).getBoundingClientRect();
      expect(box.left, 'inside the panel on the left').to.be.at.least(panel.left - 0.5);
      expect(box.right, 'inside the panel on the right').to.be.at.most(panel.right + 0.5);
      for (const part of ['retry', 'discard']) {
        const button = notice(m).querySelector<HTMLElement>(`[part="${part}"]`)!;
        const r = button.getBoundingClientRect();
        expect(r.height, `${part} is 44 px tall`).to.be.at.least(44);
        expect(r.right, `${part} inside the panel`).to.be.at.most(panel.right + 0.5);
      }
    }
    const scroller = thread.shadowRoot!.querySelector('[role="log"]')!;
    expect(scroller.scrollWidth, 'nothing overflows the thread sideways').to.be.at.most(scroller.clientWidth);
    await expect(chat).to.be.accessible();

    notice(first!).querySelector<HTMLElement>('[part="retry"]')!.click();
    await until(() => !!thread.shadowRoot!.querySelector('[data-message-id="srv-3"][data-status="sent"]'), 5000, 'sent on retry');
    notice(second!).querySelector<HTMLElement>('[part="discard"]')!.click();
    await until(() => failed().length === 0, 5000, 'the second discarded');
    expect(chat.session.store.getState().messages.get('c1')!.map((m) => m.text)).to.deep.equal(['first']);
  });
});
