/**
 * <parley-chat> with its IndexedDB cache: a reload shows the last conversation before the socket
 * connects; no-persist keeps nothing; the token never reaches the stored data; a new token for the
 * same user keeps (and sends once) what was not sent yet; storage that fails or never answers is
 * told to the user and chat goes on.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { clear } from 'idb-keyval';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';
import { parleyStore, storedText } from '../helpers/idb.js';
import type { ParleyErrorEvent } from '../../src/lit/events.js';

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

  const NOTICE = "Messages you haven't sent yet can't be kept on this device.";
  const notice = (chat: ParleyChat) => chat.shadowRoot!.querySelector('[part="storage-notice"]')?.textContent?.trim();
  const thread = (chat: ParleyChat) => chat.session.store.getState().messages.get('c1') ?? [];
  const conversation = { type: 'conversation.created', conversation: { id: 'c1', title: 'Orders' } } as const;

  /** A fake whose sends are confirmed, recording the token each was sent with. */
  function recordingFake() {
    const { name, backend } = registerFake();
    const sentWith: (string | undefined)[] = [];
    backend.onExecute = async (c) => {
      if (c.type !== 'send') return [];
      sentWith.push(backend.host?.options.token);
      return [{ type: 'message.created', message: msg({ id: `srv-${sentWith.length}`, conversationId: c.conversationId, text: c.text, clientRef: c.clientRef, self: true }) }];
    };
    return { name, backend, sentWith };
  }

  it('a new token for the same user keeps the unsent message and sends it once, with the new token', async () => {
    await clear(parleyStore());
    const { name, backend, sentWith } = recordingFake();
    backend.syncEvents = [conversation];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" user-id="u-41" .token=${'jwt-old'}></parley-chat>`);
    try {
      await until(() => chat.connectionStatus === 'open', 5000, 'open');
      backend.failWith = 'network-error';
      backend.drop();
      await until(() => chat.connectionStatus === 'reconnecting', 5000, 'reconnecting');
      chat.session.send('written while the token expired');
      await until(() => thread(chat).some((m) => m.status === 'pending'), 5000, 'pending');

      backend.syncEvents = [conversation];
      chat.token = 'jwt-new'; // a refreshed JWT
      await chat.updateComplete;
      backend.failWith = undefined;
      await until(() => thread(chat).some((m) => m.text === 'written while the token expired' && !m.id.startsWith('local:')), 10000, 'sent after the token change');
      expect(sentWith, 'sent once, with the new token').to.deep.equal(['jwt-new']);
      expect(thread(chat).filter((m) => m.text === 'written while the token expired').length, 'shown once').to.equal(1);
      expect(await stored()).not.to.contain('jwt-');
    } finally {
      chat.remove();
    }
  });

  it('another user does not see the first user\'s cache or unsent messages', async () => {
    await clear(parleyStore());
    const { name, backend, sentWith } = recordingFake();
    backend.syncEvents = [conversation, { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', text: 'for user one only' }) }];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" user-id="user-one" .token=${'t1'}></parley-chat>`);
    try {
      await until(() => rendered(chat).includes('for user one only'), 5000, 'user one\'s message');
      backend.failWith = 'network-error';
      backend.drop();
      await until(() => chat.connectionStatus === 'reconnecting', 5000, 'reconnecting');
      chat.session.send('user one\'s draft');
      await until(() => rendered(chat).includes('user one\'s draft'), 5000, 'pending draft');
      for (let i = 0; i < 50 && !(await stored()).includes('user one\'s draft'); i++) await new Promise((r) => setTimeout(r, 100));

      backend.onConnect = () => new Promise(() => {}); // user two's socket never opens: only the cache could show anything
      backend.failWith = undefined;
      chat.userId = 'user-two';
      chat.token = 't2';
      await chat.updateComplete;
      await new Promise((r) => setTimeout(r, 500));
      expect(rendered(chat), 'nothing of user one').to.deep.equal([]);
      expect(sentWith, 'user one\'s draft never sent as user two').to.deep.equal([]);
    } finally {
      chat.remove();
    }
  });

  it('IndexedDB that never answers: the chat still connects, says unsent messages cannot be kept, and reports `persist`', async function () {
    this.timeout(20000);
    const { name, backend } = registerFake();
    backend.syncEvents = [conversation, { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', text: 'live despite storage' }) }];
    const open = indexedDB.open;
    // An open request that never succeeds nor fails, as a stuck IndexedDB does.
    indexedDB.open = () => ({}) as IDBOpenDBRequest;
    const errors: string[] = [];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1"
      @parley-error=${(e: ParleyErrorEvent) => errors.push(e.error.code)}></parley-chat>`);
    try {
      await until(() => chat.connectionStatus === 'open', 12000, 'open without the cache (2 s deadline)');
      await until(() => rendered(chat).includes('live despite storage'), 5000, 'live message');
      await until(() => notice(chat) === NOTICE, 5000, 'the storage notice');
      expect(errors).to.include('persist');
      await expect(chat).to.be.accessible();
    } finally {
      indexedDB.open = open;
      chat.remove();
    }
  });

  it('IndexedDB refused at open: the user is told, and chat goes on in memory', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [conversation, { type: 'message.created', message: msg({ id: '1', conversationId: 'c1', text: 'kept in memory' }) }];
    const open = indexedDB.open;
    indexedDB.open = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1"></parley-chat>`);
    try {
      await until(() => rendered(chat).includes('kept in memory'), 5000, 'live message');
      await until(() => notice(chat) === NOTICE, 5000, 'the storage notice');
    } finally {
      indexedDB.open = open;
      chat.remove();
    }
  });
});
