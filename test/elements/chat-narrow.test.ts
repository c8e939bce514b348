/**
 * Issue #10, item 5: in a chat narrower than 480 px the conversation list is a screen of its own
 * (as Intercom does) with a Back button, not a 130 px side pane; a second conversation arriving
 * does not change the screen. Wide, the two panes stay.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import type { ChatEvent } from '../../src/core/events.js';
import { msg, registerFake, until } from '../helpers/fake-protocol.js';

const T = Date.UTC(2026, 5, 1, 12);

/** Three conversations, each with two unread messages; Visitor 1 the most recent. */
const THREE: ChatEvent[] = [1, 2, 3].flatMap((i): ChatEvent[] => [
  { type: 'conversation.created', conversation: { id: `c${i}`, title: `Visitor ${i}`, unreadCount: 2, lastActivityAt: T - i * 60_000 } },
  { type: 'message.created', message: msg({ id: `m${i}`, conversationId: `c${i}`, text: `hello from visitor ${i}`, at: T - i * 60_000 }) },
]);

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const inShadow = <E extends Element = HTMLElement>(chat: ParleyChat, selector: string) => chat.shadowRoot!.querySelector<E>(selector);
const listRow = (chat: ParleyChat, id: string) =>
  inShadow(chat, 'parley-conversation-list')?.shadowRoot?.querySelector<HTMLElement>(`[data-conversation-id="${id}"]`) ?? null;

async function chatIn(width: number, sync: ChatEvent[]) {
  const { name, backend } = registerFake();
  backend.syncEvents = sync;
  const chat = await fixture<ParleyChat>(html`<div style=${`width: ${width}px`}><parley-chat protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat></div>`)
    .then((d) => d.querySelector('parley-chat')!);
  await until(() => chat.connectionStatus === 'open', 5000, 'open');
  await chat.updateComplete;
  return { chat, backend };
}

describe('<parley-chat> under 480 px wide', () => {
  it('shows the list as its own screen, marking nothing read; a pick opens the conversation with Back; Back returns, focus on that conversation', async () => {
    const { chat, backend } = await chatIn(390, THREE);
    await until(() => !!listRow(chat, 'c2'), 5000, 'the list');
    const panel = inShadow(chat, '[part="panel"]')!.getBoundingClientRect();
    const list = inShadow(chat, 'parley-conversation-list')!.getBoundingClientRect();
    expect(list.width, 'the list has the whole width (130 px before)').to.be.at.least(panel.width - 2);
    expect(inShadow(chat, 'parley-thread'), 'no squeezed thread beside it').to.equal(null);
    expect(inShadow(chat, 'parley-composer')).to.equal(null);
    const title = listRow(chat, 'c1')!.querySelector<HTMLElement>('[part="title"]')!;
    expect(title.textContent).to.equal('Visitor 1');
    expect(title.scrollWidth, 'the name is not cut').to.be.at.most(title.clientWidth);
    const state = chat.session.store.getState();
    expect(state.conversations.get(state.activeConversation!)!.unreadCount, 'the list on screen is not the conversation read').to.equal(2);
    await expect(chat).to.be.accessible();

    listRow(chat, 'c2')!.click();
    await until(() => !!inShadow(chat, 'parley-thread') && !inShadow(chat, 'parley-conversation-list'), 5000, 'the thread screen');
    const back = inShadow(chat, '[part="back-button"]')!;
    expect(back.getAttribute('aria-label')).to.equal('All conversations');
    expect(inShadow(chat, '[part="header"] h2')!.textContent).to.contain('Visitor 2');
    const textarea = () => inShadow(chat, 'parley-composer')?.shadowRoot?.querySelector('textarea');
    await until(() => deepActive() === textarea(), 5000, 'the focus in the composer');
    await until(() => backend.commands.some((c) => c.type === 'markRead'), 5000, 'the picked conversation read');
    expect(backend.commands.filter((c) => c.type === 'markRead').map((c) => c.conversationId), 'only the one on screen').to.deep.equal(['c2']);
    await expect(chat).to.be.accessible();

    back.click();
    await until(() => !!listRow(chat, 'c2'), 5000, 'the list again');
    expect(inShadow(chat, '[part="back-button"]')).to.equal(null);
    await until(() => deepActive() === listRow(chat, 'c2'), 5000, 'the focus on the conversation it came from');
  });

  it('one conversation is the screen; a second arriving adds a Back button and leaves the view where it is', async () => {
    const { chat, backend } = await chatIn(390, [THREE[0]!, THREE[1]!]);
    await until(() => !!inShadow(chat, 'parley-composer'), 5000, 'the thread');
    const composer = inShadow(chat, 'parley-composer')!;
    expect(inShadow(chat, '[part="back-button"]')).to.equal(null);
    expect(inShadow(chat, 'parley-conversation-list')).to.equal(null);
    backend.emit([THREE[2]!, THREE[3]!]);
    await until(() => !!inShadow(chat, '[part="back-button"]'), 5000, 'a Back button');
    expect(inShadow(chat, 'parley-composer'), 'the same composer: no jump to another layout').to.equal(composer);
    expect(inShadow(chat, 'parley-conversation-list')).to.equal(null);
    await expect(chat).to.be.accessible();
  });

  it('a launcher panel with several conversations opens on the list, the focus on the open conversation', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = THREE;
    const chat = await fixture<ParleyChat>(html`<parley-chat mode="launcher" protocol=${name} url="http://127.0.0.1:1" no-persist></parley-chat>`);
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    inShadow(chat, '[part="launcher"]')!.click();
    const active = chat.session.store.getState().activeConversation!;
    await until(() => deepActive() === listRow(chat, active), 5000, 'the focus on the open conversation in the list');
    expect(inShadow(chat, 'parley-thread')).to.equal(null);
    expect(chat.session.store.getState().conversations.get(active)!.unreadCount).to.equal(2);
    await expect(chat).to.be.accessible();
  });
});

describe('<parley-chat> 480 px wide or more', () => {
  it('keeps the list and the conversation side by side, without a Back button', async () => {
    const { chat } = await chatIn(720, THREE);
    await until(() => !!listRow(chat, 'c1') && !!inShadow(chat, 'parley-thread'), 5000, 'both panes');
    expect(inShadow(chat, '[part="back-button"]')).to.equal(null);
    expect(inShadow(chat, 'parley-composer')).to.not.equal(null);
  });
});
