import { expect, fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { ParleyConversationList } from '../../src/elements/conversation-list/conversation-list.js';
import { ChatSession } from '../../src/lit/session.js';
import { msg, until } from '../helpers/fake-protocol.js';

const T = Date.UTC(2026, 5, 1, 12);
const N = 100_000;

/** Counts `Array.prototype.sort` calls on arrays longer than `min` until the returned function is called. */
function countBigSorts(min: number): () => number {
  const original = Array.prototype.sort;
  let calls = 0;
  Array.prototype.sort = function sort<T>(this: T[], compare?: (a: T, b: T) => number): T[] {
    if (this.length > min) calls++;
    return original.call(this, compare) as T[];
  };
  return () => { Array.prototype.sort = original; return calls; };
}

const rows = (list: ParleyConversationList) => [...list.shadowRoot!.querySelectorAll('[part="conversation"]')];
const rowIds = (list: ParleyConversationList) => rows(list).map((r) => r.getAttribute('data-conversation-id'));

describe('<parley-conversation-list> with 100,000 conversations', () => {
  it('renders only the rows in view, newest first, scrolls to the end, and moves one conversation on a message', async () => {
    const session = new ChatSession();
    session.store.apply(Array.from({ length: N }, (_, i): ChatEvent => ({
      type: 'conversation.created', conversation: { id: `c${i}`, title: `Customer ${i}`, lastActivityAt: T - i * 60_000 },
    })));
    session.store.flush();
    const list = await fixture<ParleyConversationList>(html`<parley-conversation-list style="height: 400px" .session=${session}></parley-conversation-list>`);
    expect(rows(list).length, 'rows in the DOM').to.be.within(1, 199);
    expect(list.shadowRoot!.querySelectorAll('*').length, 'elements in the DOM').to.be.below(2000);
    expect(rowIds(list).slice(0, 3)).to.deep.equal(['c0', 'c1', 'c2']);

    await until(() => {
      list.scrollTop = list.scrollHeight;
      return rowIds(list).includes(`c${N - 1}`);
    }, 10_000, 'the last conversation after scrolling to the end');
    expect(rows(list).length, 'rows in the DOM at the end').to.be.below(200);
    await until(() => {
      list.scrollTop = 0;
      return rowIds(list)[0] === 'c0';
    }, 10_000, 'the first conversation again');

    const stopCounting = countBigSorts(1000);
    const started = performance.now();
    session.store.apply([{ type: 'message.created', origin: 'live', message: msg({ id: 'm1', conversationId: 'c50000', text: 'still there?', at: T + 1 }) }]);
    session.store.flush();
    await list.updateComplete;
    await until(() => rowIds(list)[0] === 'c50000', 10_000, 'the conversation at the top');
    const took = performance.now() - started;
    expect(stopCounting(), 'sorts of every conversation').to.equal(0);
    expect(took, 'ms from the message to the list showing it (14 s before)').to.be.below(1000);
    const top = rows(list)[0]!;
    expect(top.querySelector('[part="unread-count"]')?.textContent).to.equal('1');
    expect(top.querySelector('[part="preview"]')?.textContent).to.equal('still there?');
    expect(rowIds(list)[1]).to.equal('c0');
    expect(rows(list).length).to.be.below(200);
  });

  it('arrow keys, Home and End move the focus through 100,000 conversations, rendering rows on the way', async () => {
    const session = new ChatSession();
    session.store.apply(Array.from({ length: N }, (_, i): ChatEvent => ({
      type: 'conversation.created', conversation: { id: `c${i}`, lastActivityAt: T - i * 60_000 },
    })));
    session.store.flush();
    const list = await fixture<ParleyConversationList>(html`<parley-conversation-list style="height: 400px" .session=${session}></parley-conversation-list>`);
    const focused = () => list.shadowRoot!.activeElement?.getAttribute('data-conversation-id');
    const press = (key: string) => list.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
    list.shadowRoot!.querySelector<HTMLElement>('[data-conversation-id="c0"]')!.focus();
    press('ArrowDown');
    await until(() => focused() === 'c1', 5000, 'the second conversation focused');
    press('End');
    await until(() => focused() === `c${N - 1}`, 10_000, 'the last conversation focused');
    expect(rows(list).length).to.be.below(200);
    press('ArrowUp');
    await until(() => focused() === `c${N - 2}`, 5000, 'the one before it focused');
    press('Home');
    await until(() => focused() === 'c0', 10_000, 'the first conversation focused again');
  });

  it('shows names through displayName inside <bdi>, and a long name ends in an ellipsis instead of widening the list', async () => {
    const session = new ChatSession();
    session.store.apply([
      { type: 'conversation.created', conversation: { id: 'spoof', title: '\u202Egnp.exe\u200B Invoice', lastActivityAt: T } },
      { type: 'conversation.created', conversation: { id: 'long', title: 'W'.repeat(300), lastActivityAt: T - 1 } },
    ]);
    session.store.flush();
    const list = await fixture<ParleyConversationList>(html`<parley-conversation-list style="width: 200px; height: 300px" .session=${session}></parley-conversation-list>`);
    const title = (id: string) => list.shadowRoot!.querySelector<HTMLElement>(`[data-conversation-id="${id}"] [part="title"]`)!;
    const spoof = title('spoof').querySelector('bdi');
    expect(spoof, 'the title is isolated in <bdi>').to.not.equal(null);
    expect(spoof!.textContent).to.equal('gnp.exe Invoice');
    const long = title('long');
    expect(long.querySelector('bdi')!.textContent).to.equal(`${'W'.repeat(79)}…`);
    expect(long.scrollWidth, 'the name is cut').to.be.above(long.clientWidth);
    expect(getComputedStyle(long).textOverflow).to.equal('ellipsis');
    expect(list.scrollWidth, 'the list is not widened').to.be.at.most(list.clientWidth);
    const button = list.shadowRoot!.querySelector<HTMLElement>('[data-conversation-id="long"]')!;
    expect(button.getBoundingClientRect().right).to.be.at.most(list.getBoundingClientRect().right + 0.5);
    await expect(list).to.be.accessible();
  });
});
