import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ParleyConversationList } from '../../src/elements/conversation-list/conversation-list.js';
import type { ParleyTypingIndicator } from '../../src/elements/typing-indicator/typing-indicator.js';
import type { ParleyComposer } from '../../src/elements/composer/composer.js';
import type { ParleyConversationSelectEvent } from '../../src/lit/events.js';
import { ChatSession } from '../../src/lit/session.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

const T = Date.UTC(2026, 5, 1, 12);

describe('<parley-conversation-list>', () => {
  it('lists conversations by activity with title, last message, unread badge; selecting opens one', async () => {
    const session = new ChatSession();
    session.store.apply([
      { type: 'conversation.created', conversation: { id: 'a', title: 'Billing', unreadCount: 2, lastActivityAt: T } },
      { type: 'conversation.created', conversation: { id: 'b', title: 'Shipping', lastActivityAt: T - 60_000 } },
      { type: 'conversation.created', conversation: { id: 'c', title: 'Hidden', hidden: true, lastActivityAt: T + 1 } },
      { type: 'message.created', message: msg({ id: 'm1', conversationId: 'b', text: 'where is my parcel', at: T + 60_000 }) },
      { type: 'conversation.created', conversation: { id: 'd', title: 'Markup', lastActivityAt: T - 120_000 } },
      { type: 'message.created', message: msg({ id: 'm2', conversationId: 'd', markup: 'markdown', text: '**Welcome** to [the docs](https://x.example)', at: T - 120_000 }) },
      { type: 'conversation.created', conversation: { id: 'e', title: 'Rich', lastActivityAt: T - 180_000 } },
      { type: 'message.created', message: msg({ id: 'm3', conversationId: 'e', markup: 'html', text: '<p>Hi <b>there</b><img src=x onerror="window.__pwned=1"></p>', at: T - 180_000 }) },
    ]);
    session.store.flush();
    const list = await fixture<ParleyConversationList>(html`<parley-conversation-list .session=${session}></parley-conversation-list>`);
    const items = () => [...list.shadowRoot!.querySelectorAll('[part="conversation"]')];
    expect(items().map((i) => i.getAttribute('data-conversation-id'))).to.deep.equal(['b', 'a', 'd', 'e']);
    expect(items()[2]!.querySelector('[part="preview"]')!.textContent).to.equal('Welcome to the docs');
    // The HTML preview reads the message through the sanitizer, loaded on demand: it fills in when that arrives.
    await until(() => items()[3]!.querySelector('[part="preview"]')!.textContent === 'Hi there', 5000, 'the HTML preview');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(items()[0]!.querySelector('[part="preview"]')!.textContent).to.equal('where is my parcel');
    expect(items()[1]!.querySelector('[part="unread-count"]')!.textContent).to.equal('2');
    expect(items()[0]!.querySelector('[part="unread-count"]') === null, 'no badge without unread').to.equal(true);
    const selected = oneEvent(list, 'parley-conversation-select') as unknown as Promise<ParleyConversationSelectEvent>;
    (items()[1] as HTMLElement).click();
    expect((await selected).conversationId).to.equal('a');
    expect(session.store.getState().activeConversation).to.equal('a');
    session.store.flush();
    await list.updateComplete;
    expect(items()[1]!.getAttribute('aria-current')).to.equal('true');
    expect(items()[1]!.querySelector('[part="unread-count"]') === null, 'viewing clears unread').to.equal(true);
    await expect(list).to.be.accessible();
  });
});

describe('<parley-typing-indicator>', () => {
  it('names who is typing and forgets them when the entry expires', async () => {
    const session = new ChatSession();
    const now = Date.now();
    session.store.apply([
      { type: 'conversation.created', conversation: { id: 'c' } },
      { type: 'typing.started', conversationId: 'c', actor: { id: '1', role: 'agent', name: 'Ada' }, expiresAt: now + 60_000 },
      { type: 'typing.started', conversationId: 'c', actor: { id: '2', role: 'agent', name: 'Bo' }, expiresAt: now + 1_000 },
    ]);
    session.store.setActive('c');
    session.store.flush();
    const el = await fixture<ParleyTypingIndicator>(html`<parley-typing-indicator .session=${session}></parley-typing-indicator>`);
    expect(el.shadowRoot!.textContent!.trim()).to.equal('Ada and Bo are typing…');
    session.store.expireTyping(now + 2_000);
    session.store.flush();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent!.trim()).to.equal('Ada is typing…');
    await expect(el).to.be.accessible();
  });
});

describe('<parley-composer>', () => {
  it('Enter sends, Shift+Enter does not; typing notices are throttled and stopped on send', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open');
    const composer = chat.shadowRoot!.querySelector<ParleyComposer>('parley-composer')!;
    await composer.updateComplete;
    const area = composer.shadowRoot!.querySelector('textarea')!;
    for (const text of ['h', 'he', 'hel', 'hell', 'hello']) {
      area.value = text;
      area.dispatchEvent(new Event('input'));
    }
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true }));
    expect(backend.commands.filter((c) => c.type === 'send')).to.have.length(0);
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await until(() => backend.commands.some((c) => c.type === 'send'), 5000, 'send');
    const typing = backend.commands.filter((c) => c.type === 'typing').map((c) => (c as { on: boolean }).on);
    expect(typing).to.deep.equal([true, false]);
    expect(area.value).to.equal('');
    await expect(composer).to.be.accessible();
  });

  it('offline: says so, and what is sent waits visibly as pending', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    const chat = await fixture<ParleyChat>(html`<parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open');
    backend.failWith = 'network-error';
    backend.drop('network-error');
    await until(() => chat.connectionStatus === 'reconnecting', 5000, 'reconnecting');
    const composer = chat.shadowRoot!.querySelector<ParleyComposer>('parley-composer')!;
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[part="offline-note"]') !== null, 'offline note').to.equal(true);
    composer.shadowRoot!.querySelector('textarea')!.value = 'later';
    composer.shadowRoot!.querySelector('textarea')!.dispatchEvent(new Event('input'));
    expect(composer.submit()).to.equal(true);
    const thread = chat.shadowRoot!.querySelector('parley-thread')!;
    await until(() => !!thread.shadowRoot!.querySelector('[data-status="pending"]'), 5000, 'pending bubble');
    expect(backend.commands.filter((c) => c.type === 'send')).to.have.length(0);
    backend.failWith = undefined;
    chat.reconnect();
    await until(() => !!thread.shadowRoot!.querySelector('[data-status="sent"]'), 10000, 'sent after reconnect');
    expect(backend.commands.filter((c) => c.type === 'send')).to.have.length(1);
  });
});

describe('<parley-chat theme="dark">', () => {
  it('darkens every part, not only the frame', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    const chat = await fixture<ParleyChat>(html`<parley-chat theme="dark" protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open');
    const thread = chat.shadowRoot!.querySelector('parley-thread')!;
    await thread.updateComplete;
    expect(getComputedStyle(thread).backgroundColor).to.equal('rgb(22, 25, 29)');
    chat.theme = 'light';
    await chat.updateComplete;
    expect(getComputedStyle(thread).backgroundColor).to.equal('rgb(255, 255, 255)');
  });
});

describe('<parley-chat mode="launcher">', () => {
  it('shows a launcher with the unread count; opening shows the panel and clears it', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
    const chat = await fixture<ParleyChat>(html`<parley-chat mode="launcher" protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open');
    expect(chat.shadowRoot!.querySelector('[part="panel"]') === null, 'closed launcher has no panel').to.equal(true);
    backend.emit([
      { type: 'message.created', message: msg({ id: 'n1', conversationId: 'c1', text: 'ping 1', at: Date.now() }) },
      { type: 'message.created', message: msg({ id: 'n2', conversationId: 'c1', text: 'ping 2', at: Date.now() + 1 }) },
    ]);
    await until(() => chat.shadowRoot!.querySelector('[part="unread-count"]')?.textContent === '2', 5000, 'badge 2');
    const launcher = chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat, 2 unread');
    await expect(chat).to.be.accessible();
    launcher.click();
    await until(() => !!chat.shadowRoot!.querySelector('[part="panel"]'), 5000, 'panel');
    await until(() => !chat.shadowRoot!.querySelector('[part="unread-count"]'), 5000, 'badge cleared');
    await until(() => backend.commands.some((c) => c.type === 'markRead'), 5000, 'read marker sent');
    expect(backend.commands.find((c) => c.type === 'markRead')).to.include({ conversationId: 'c1', messageId: 'n2' });
  });
});
